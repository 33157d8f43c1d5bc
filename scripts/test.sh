#!/bin/sh
# Sets up, builds and runs every test:
#   native Release ctest (core doctest suite incl. the reference workloads, layering check,
#   shader checks, desktop app under Xvfb), native Debug + ASan/UBSan ctest, the core suite
#   compiled to WebAssembly under node (threaded and single-threaded builds), and the browser
#   tests in headless Chromium (playwright-core), and the README's other command (scripts/run.sh)
#   as a reader meets it: the served page is the article, its module runs, no request fails.
# Every stage runs even if an earlier one failed; the exit code is non-zero if any failed.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
sh scripts/setup.sh || exit 1

passed=0; failed=0; failures=""
stage() {  # stage NAME COMMAND...
  name=$1; shift
  echo "==> $name"
  start=$(date +%s)
  if "$@"; then passed=$((passed + 1)); r=ok; else failed=$((failed + 1)); failures="$failures $name"; r=FAILED; fi
  echo "<== $name: $r ($(( $(date +%s) - start )) s)"
}
build() { cmake --preset "$1" >/dev/null && cmake --build --preset "$1"; }
ctest_in() { ctest --preset "$1"; }

stage native-build build native
stage native-tests ctest_in native
stage asan-build build native-asan
stage asan-tests ctest_in native-asan
stage web-mt-build build web-mt
stage web-mt-core-tests ctest_in web-mt
stage web-st-build build web-st
stage web-st-core-tests ctest_in web-st
stage web-dist sh scripts/build-web.sh
stage browser-tests node --test --test-concurrency=1 tests/web/
stage run-check node scripts/check-run.mjs

echo
echo "screenshots: build/native/screenshots (desktop), build/screenshots (browser)"
[ -n "$failures" ] && echo "failed stages:$failures"
echo "stages: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
