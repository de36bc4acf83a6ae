# Sourced by the runtime benchmarks: compiles the runtime bundle and collects what it needs outside OSGi
# (gson, protobuf-java, equinox.common and, for SubMonitor, the OSGi framework, which the target platform
# provides in OSGi)
# into $WORK/lib; sets JAVA_HOME, BUNDLE and CP.
JAVA_HOME=$("$ROOT/prunelab" java-home)
mkdir -p "$WORK"
BUNDLE=$ROOT/bundles/org.prunelab.runtime
"$ROOT/prunelab" mvn -q compile -pl target-platform,bundles/org.prunelab.runtime
for artifact in com.google.code.gson:gson:2.13.1 com.google.protobuf:protobuf-java:4.33.5 \
    org.eclipse.platform:org.eclipse.equinox.common:3.21.0 \
    org.eclipse.platform:org.eclipse.osgi:3.24.300; do
  "$ROOT/prunelab" mvn -q -f "$ROOT/target-platform/pom.xml" org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
    -Dartifact="$artifact" -DoutputDirectory="$WORK/lib" -Dmdep.overWriteReleases=true >/dev/null
done
CP="$BUNDLE/target/classes:$BUNDLE/lib/*:$WORK/lib/*"
