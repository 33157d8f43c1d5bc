#!/bin/sh
# Performance benchmark (issue 6): W1-W3 of ../shared/bench with our native and WebAssembly builds and the
# peers (NumPy/OpenBLAS, TF.js WASM; PyTorch with --torch), side by side, plus the checkpoint scaling study.
#
#   sh scripts/bench.sh                 # everything: setup, builds, W1-W3 x all configurations x 3 runs, scaling
#   sh scripts/bench.sh --runs 1 --workloads W2 --skip-scaling   # quick look
#   sh scripts/bench.sh --only ours-native,np-   # configurations whose name contains one of the substrings
#   sh scripts/bench.sh --no-setup --no-build ... # reuse what is there
#
# Not part of CI (too slow). Takes ~15-25 min on the 2-core development machine; waits for an idle machine
# before every timed run. Results: build/bench/results/{table.md,summary.json,runs.jsonl,scaling.md}.
# Everything is built under build/bench/<preset> (the presets' flags, ImGui app off) so the normal build
# trees are left alone. ../shared/bench is only read (TF.js is installed in a copy under build/bench/tfjs).
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
SHARED=${RQ_SHARED_BENCH:-$(cd "$ROOT/.." && pwd)/shared/bench}
B=build/bench
SETUP=1; BUILD=1; TORCH=0
for a in "$@"; do
  case "$a" in
    --no-setup) SETUP=0 ;;
    --no-build) BUILD=0 ;;
    --torch) TORCH=1 ;;
  esac
done
ARGS=""
for a in "$@"; do
  case "$a" in --no-setup|--no-build) ;; *) ARGS="$ARGS $a" ;; esac
done

if [ "$SETUP" = 1 ]; then
  PKGS="python3-numpy python3-scipy libopenblas0-pthread python3-threadpoolctl time libspectra-dev"
  [ "$TORCH" = 1 ] && PKGS="$PKGS python3-torch"
  MISSING=""
  for p in $PKGS; do dpkg -s "$p" >/dev/null 2>&1 || MISSING="$MISSING $p"; done
  if [ -n "$MISSING" ]; then
    echo "==> apt-get install$MISSING"
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $MISSING
  fi
  # TF.js peer: ../shared is read-only in CI, so install into a copy.
  mkdir -p "$B/tfjs"
  for f in package.json package-lock.json gen.mjs symeig.mjs w_tfjs.mjs selftest.mjs; do
    cp "$SHARED/tfjs/$f" "$B/tfjs/$f"
  done
  if [ ! -f "$B/tfjs/node_modules/.package-lock.json" ] || ! cmp -s "$B/tfjs/package-lock.json" "$B/tfjs/.installed-lock.json"; then
    echo "==> npm ci (TF.js peer)"
    (cd "$B/tfjs" && npm ci --no-audit --no-fund --loglevel=error && cp package-lock.json .installed-lock.json)
  fi
fi

if [ "$BUILD" = 1 ]; then
  # -j2: two cores. rqflow = the project's command line; rqbench = the same workloads for wasm (+ scaling).
  for p in native native-fast; do
    echo "==> build $p"
    cmake --preset "$p" -B "$B/$p" -DRQ_APP=OFF >/dev/null
    cmake --build "$B/$p" -j2 --target rqflow rqbench
  done
  for p in web-mt web-st web-nosimd; do
    echo "==> build $p"
    cmake --preset "$p" -B "$B/$p" -DRQ_APP=OFF >/dev/null
    cmake --build "$B/$p" -j2 --target rqbench
  done
fi

[ -f build/dist/index.html ] && node scripts/bench-interactive.mjs || echo "==> interactive benchmark skipped or failed (needs build/dist: scripts/build-web.sh)"
echo "==> machine: $(nproc) CPUs, loadavg $(cat /proc/loadavg)"
exec /usr/bin/python3 scripts/bench/bench.py $ARGS
