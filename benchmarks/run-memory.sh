#!/usr/bin/env bash
# Native-memory benchmark (docs/BENCHMARKS.md): ./benchmarks/run-memory.sh [threads]
# 1 000 probe batches on the small VGG over the test bundle's Fashion-MNIST subset, and the process's
# resident set every 100 batches. The Java heap is fixed at 1 GB and touched at start (AlwaysPreTouch), so
# that what the resident set gains is native memory (libtorch, tensors), not heap pages touched late.
# Takes about 5 minutes on 2 idle cores.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
THREADS=${1:-2}
WORK=$HERE/target
source "$HERE/runtime-classpath.sh"
"$JAVA_HOME/bin/javac" -d "$WORK/classes" -cp "$CP" $(find "$HERE/src" -name '*.java')
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -Xms1g -Xmx1g -XX:+AlwaysPreTouch -cp "$WORK/classes:$CP" org.prunelab.benchmarks.MemoryBenchmark \
  "$ROOT/tests/org.prunelab.runtime.tests/data/fashion-mnist-subset" "$WORK/natives" "$THREADS"
