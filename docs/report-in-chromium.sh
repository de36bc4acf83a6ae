#!/usr/bin/env bash
# Checks the project report in a real browser: ./docs/report-in-chromium.sh [PROJECT] [SCREENSHOT]
# Writes the report of PROJECT (default: the demo) with the command line, opens its page in headless
# Chromium (Debian's package; installed when missing and run as root) with no network, and saves what the
# browser shows as SCREENSHOT (default docs/images/report.png) to look at.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
PROJECT=${1:-$ROOT/demo/fashion-mnist}
SHOT=${2:-$HERE/images/report.png}
if ! command -v chromium >/dev/null 2>&1; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >&2
  else
    echo "chromium is missing (as root: apt-get install chromium)" >&2
    exit 1
  fi
fi
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
"$ROOT/prunelab" cli report "$PROJECT" --to "$OUT/report"
# the page must show everything from its own file: the browser gets no network at all
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --proxy-server=127.0.0.1:9 \
  --window-size=1280,2000 --screenshot="$SHOT" "file://$OUT/report/index.html" 2>/dev/null
echo "$SHOT"
