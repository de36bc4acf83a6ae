#!/usr/bin/env bash
# Checks that a lab's plug-in dropped into dropins/ is installed at the next start: copies the built
# product, drops the example metric plug-in into it, and asks the command line for the installed metrics.
# usage: check-dropins.sh PRODUCT_DIR PLUGIN_JAR WORK_DIR
set -euo pipefail
PRODUCT=$1 JAR=$2 WORK=$3
rm -rf "$WORK"
mkdir -p "$WORK"
cp -r "$PRODUCT" "$WORK/prunelab"
mkdir -p "$WORK/prunelab/dropins"
cp "$JAR" "$WORK/prunelab/dropins/"
if ! "$WORK/prunelab/prunelab" -nosplash -application org.prunelab.core.cli -data "$WORK/workspace" metrics \
    > "$WORK/metrics.txt" 2> "$WORK/errors.txt"; then
  echo "check-dropins: the command line failed:" >&2; cat "$WORK/errors.txt" >&2; exit 1
fi
if ! grep -q 'id=org.prunelab.examples.metric.activeMean' "$WORK/metrics.txt"; then
  echo "check-dropins: the plug-in in dropins/ was not installed; metrics listed:" >&2
  cat "$WORK/metrics.txt" >&2
  grep -h '^!MESSAGE' "$WORK"/prunelab/configuration/*.log >&2 2>/dev/null || true
  exit 1
fi
echo "check-dropins: $(basename "$JAR") from dropins/ is installed and its metric is listed"
rm -rf "$WORK"
