#!/bin/sh
# Static fallback images: each figure's default state rendered by the same C++ core (the desktop
# app under Xvfb), shown before WebAssembly is ready, without JavaScript/WebAssembly and in print.
#   rqexplorer --figure ID --size 960x540 --frames 90 --screenshot ID.ppm [--dark]  →  OUT/ID.png, OUT/ID-dark.png
# If the app has no --figure option yet, every image shows the app's default view instead (and
# this script says so). Images are cached in build/fallback and re-rendered only when the app
# binary changes. Usage: scripts/render-fallbacks.sh OUTDIR
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${1:?usage: render-fallbacks.sh OUTDIR}
APP=${RQ_APP:-$ROOT/build/native/rqexplorer}
CACHE=$ROOT/build/fallback
cd "$ROOT"

if [ ! -x "$APP" ] || [ -n "${RQ_REBUILD_APP:-}" ]; then
  echo "render-fallbacks: building the desktop app (preset native)"
  [ -f build/native/CMakeCache.txt ] || cmake --preset native >/dev/null
  cmake --build --preset native --target app
fi
# The figures: the registry's ids (src/ui/registry_table.cpp), listed by the native tool rqfigures.
cmake --build --preset native --target rqfigures >/dev/null
FIGS=$("$ROOT/build/native/rqfigures" --ids)
mkdir -p "$CACHE" "$OUT"
if [ -f "$CACHE/.stamp" ] && [ "$CACHE/.stamp" -nt "$APP" ] && [ -f "$CACHE/logistic-dark.png" ]; then
  cp "$CACHE"/*.png "$OUT/"
  echo "render-fallbacks: cached images are up to date ($CACHE)"
  exit 0
fi

. "$ROOT/scripts/xvfb.sh"
xvfb_start 1280x800x24
TMP=$(mktemp -d)

# Does this build know --figure/--size? (an unknown option makes it print its usage and exit 2)
if DISPLAY=":$D" timeout 60 "$APP" --figure toy2d --size 960x540 --frames 2 --screenshot "$TMP/probe.ppm" >/dev/null 2>&1 \
   && [ -s "$TMP/probe.ppm" ]; then
  for id in $FIGS; do
    for theme in light dark; do
      extra=""; suffix=""; [ $theme = dark ] && extra="--dark" && suffix="-dark"
      if DISPLAY=":$D" timeout 120 "$APP" --figure "$id" --size 960x540 --frames 90 --screenshot "$TMP/$id.ppm" $extra; then
        convert "$TMP/$id.ppm" -resize '960x540!' "$CACHE/$id$suffix.png"
      else
        echo "render-fallbacks: WARNING: figure $id ($theme) failed to render; using the default view" >&2
        DISPLAY=":$D" timeout 60 "$APP" --frames 90 --screenshot "$TMP/$id.ppm" $extra
        convert "$TMP/$id.ppm" -resize '960x540^' -gravity north -extent 960x540 "$CACHE/$id$suffix.png"
      fi
    done
  done
else
  echo "render-fallbacks: NOTE: rqexplorer has no --figure/--size options yet; every fallback image shows the app's default view" >&2
  for theme in light dark; do
    extra=""; suffix=""; [ $theme = dark ] && extra="--dark" && suffix="-dark"
    DISPLAY=":$D" timeout 60 "$APP" --frames 90 --screenshot "$TMP/default.ppm" $extra
    convert "$TMP/default.ppm" -resize '960x540^' -gravity north -extent 960x540 "$TMP/default.png"
    for id in $FIGS; do cp "$TMP/default.png" "$CACHE/$id$suffix.png"; done
  done
fi
rm -rf "$TMP"
touch "$CACHE/.stamp"
cp "$CACHE"/*.png "$OUT/"
echo "render-fallbacks: $(ls "$CACHE"/*.png | wc -l) images (light and dark) in $OUT"
