#!/usr/bin/env bash
# Model graph layout benchmark (docs/BENCHMARKS.md): ./benchmarks/run-graph.sh
# Builds the bundles the model graph needs, copies ELK and its dependencies from the Maven repository,
# and times ELK layered on the small VGG, VGG-16-BN, ResNet-20 and ResNet-56 (medians after warm-up).
# Takes about 2 minutes on 2 cores, most of it the build.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
# the JDK the project builds with (21+)
JAVA_HOME=$("$ROOT/prunelab" java-home)
WORK=$HERE/target/graph
mkdir -p "$WORK/lib"
"$ROOT/prunelab" mvn -q install -DskipTests -pl target-platform,bundles/org.prunelab.runtime,bundles/org.prunelab.core,bundles/org.prunelab.ui,bundles/org.prunelab.ui.graph
# in OSGi these come from the target platform; here from the Maven repository
for artifact in \
    org.eclipse.elk:org.eclipse.elk.core:0.12.1 \
    org.eclipse.elk:org.eclipse.elk.graph:0.12.1 \
    org.eclipse.elk:org.eclipse.elk.alg.common:0.12.1 \
    org.eclipse.elk:org.eclipse.elk.alg.layered:0.12.1 \
    com.google.guava:guava:33.8.0-jre \
    com.google.guava:failureaccess:1.0.3 \
    org.eclipse.emf:org.eclipse.emf.common:2.46.0 \
    org.eclipse.emf:org.eclipse.emf.ecore:2.43.0 \
    org.eclipse.emf:org.eclipse.emf.ecore.xmi:2.41.0 \
    org.eclipse.xtext:org.eclipse.xtext.xbase.lib:2.44.0 \
    org.eclipse.platform:org.eclipse.equinox.common:3.21.0 \
    org.eclipse.platform:org.eclipse.osgi:3.24.300; do
  "$ROOT/prunelab" mvn -q -f "$ROOT/target-platform/pom.xml" org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
    -Dartifact="$artifact" -DoutputDirectory="$WORK/lib" >/dev/null
done
CP="$ROOT/bundles/org.prunelab.runtime/target/classes:$ROOT/bundles/org.prunelab.ui.graph/target/classes:$WORK/lib/*"
"$JAVA_HOME/bin/javac" -d "$WORK/classes" -cp "$CP" $(find "$HERE/graph/src" -name '*.java')
echo "Machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
"$JAVA_HOME/bin/java" -cp "$WORK/classes:$CP" org.prunelab.benchmarks.GraphLayoutBenchmark
