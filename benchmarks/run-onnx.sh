#!/usr/bin/env bash
# ONNX benchmark (docs/BENCHMARKS.md): ./benchmarks/run-onnx.sh [threads]
# Exports VGG-16-BN as ONNX and imports it back, five times each after a warm-up, and prints the median
# times as a Markdown row. Takes under a minute once the runtime is built.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
THREADS=${1:-2}
WORK=$HERE/target
source "$HERE/runtime-classpath.sh"
"$JAVA_HOME/bin/javac" -d "$WORK/classes" -cp "$CP" "$HERE/src/org/prunelab/benchmarks/OnnxBenchmark.java"
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$WORK/classes:$CP" org.prunelab.benchmarks.OnnxBenchmark "$WORK/natives" "$THREADS" "$WORK"
