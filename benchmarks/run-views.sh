#!/usr/bin/env bash
# View benchmarks (docs/BENCHMARKS.md): ./benchmarks/run-views.sh
# Builds the bundles if needed and measures the sparkline matrix repaint (10 × 10 classes × 512 filters)
# through the view's own painter. Needs a display: under xvfb-run if DISPLAY is unset.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
JAVA_HOME=$("$ROOT/prunelab" java-home)
WORK=$HERE/target/views
mkdir -p "$WORK/lib"
"$ROOT/prunelab" mvn -q install -DskipTests -pl target-platform,bundles/org.prunelab.runtime,bundles/org.prunelab.core,bundles/org.prunelab.ui,bundles/org.prunelab.ui.sparklines
for artifact in org.eclipse.platform:org.eclipse.swt.gtk.linux.x86_64:3.135.0 \
    org.eclipse.platform:org.eclipse.equinox.common:3.21.0 com.google.code.gson:gson:2.13.1; do
  "$ROOT/prunelab" mvn -q -f "$ROOT/target-platform/pom.xml" org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
    -Dartifact="$artifact" -DoutputDirectory="$WORK/lib" >/dev/null
done
CP="$ROOT/bundles/org.prunelab.ui.sparklines/target/classes:$ROOT/bundles/org.prunelab.core/target/classes"
CP="$CP:$ROOT/bundles/org.prunelab.runtime/target/classes:$ROOT/bundles/org.prunelab.runtime/lib/*:$WORK/lib/*"
"$JAVA_HOME/bin/javac" -d "$WORK/classes" -cp "$CP" $(find "$HERE/views/src" -name '*.java')
RUN=("$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$WORK/classes:$CP" org.prunelab.ui.sparklines.internal.SparklineBenchmark "$@")
if [[ -z ${DISPLAY:-} ]]; then
  xvfb-run -a -s "-screen 0 1600x1000x24" "${RUN[@]}"
else
  "${RUN[@]}"
fi
