#!/bin/sh
# Sets up, builds and serves the explorable paper on http://127.0.0.1:${PORT:-8000}/
# (cross-origin isolated, so the threaded WebAssembly build runs). Ctrl-C stops it.
# Usage: scripts/run.sh [--port N] [--no-isolation]
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
sh scripts/setup.sh
sh scripts/build-web.sh
exec node scripts/serve.mjs --root build/dist --port "${PORT:-8000}" "$@"
