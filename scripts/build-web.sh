#!/bin/sh
# Builds both WebAssembly variants and assembles build/dist: static files only, relative paths,
# no request to any third-party server.
# Usage: scripts/build-web.sh [--page-only]
#   --page-only  reuse the WebAssembly already built in build/web-mt and build/web-st (page work only)
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
if [ "${1:-}" != --page-only ]; then
  for p in web-mt web-st; do
    [ -f "build/$p/CMakeCache.txt" ] || cmake --preset "$p" >/dev/null
    cmake --build --preset "$p" --target app
  done
fi
DIST=build/dist
rm -rf "$DIST.tmp" && mkdir -p "$DIST.tmp"
cp web/*.html web/*.js web/*.css web/*.svg "$DIST.tmp/"
# The figure registry's ids, titles and alt texts (src/ui/registry_table.cpp), written by the native
# tool rqfigures for the page's scripts and filled into the article's {{number}}/{{title}}/{{alt}}.
[ -f build/native/CMakeCache.txt ] || cmake --preset native >/dev/null
cmake --build --preset native --target rqfigures
build/native/rqfigures > "$DIST.tmp/figure-table.js"
node scripts/fill-figures.mjs "$DIST.tmp/figure-table.js" "$DIST.tmp/index.html"
# Math is typeset at build time (KaTeX): the page ships HTML + katex.min.css + fonts, no math JS.
node scripts/render-math.mjs "$DIST.tmp/index.html"
# Static images of every figure's default state, rendered by the desktop build of the same core.
sh scripts/render-fallbacks.sh "$DIST.tmp/fallback"
if [ -d web/assets ]; then cp -r web/assets "$DIST.tmp/"; fi
cp build/web-mt/app_mt.js build/web-mt/app_mt.wasm build/web-mt/app_mt.worker.js "$DIST.tmp/"
cp build/web-st/app_st.js build/web-st/app_st.wasm "$DIST.tmp/"
cp web/node_modules/coi-serviceworker/coi-serviceworker.min.js "$DIST.tmp/coi-serviceworker.js"
mkdir -p "$DIST.tmp/katex" && cp -r web/node_modules/katex/dist/katex.min.css web/node_modules/katex/dist/fonts "$DIST.tmp/katex/"
# dist must not reference any other origin (no third-party request, works offline)
if grep -nE '<(script|link|img|iframe|source)[^>]*(src|href|srcset)="(https?:)?//' "$DIST.tmp"/*.html; then
  echo "build-web: a page loads a resource from another origin (above)" >&2; exit 1
fi
rm -rf "$DIST" && mv "$DIST.tmp" "$DIST"
echo "build-web: $DIST ready"
