#!/bin/sh
# The desktop app under Xvfb draws a non-blank frame: it renders 40 frames, writes the last
# one (glReadPixels) and we check the picture has many colours and dark text-like pixels.
# Usage: test_desktop.sh APP OUTDIR   (screenshots stay in OUTDIR for a person to look at)
set -eu
APP=${1:?app}; OUT=${2:?outdir}
mkdir -p "$OUT"
# pick a free display number
D=90
while [ -e "/tmp/.X11-unix/X$D" ] || [ -e "/tmp/.X$D-lock" ]; do D=$((D + 1)); done
Xvfb ":$D" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
XVFB=$!
trap 'kill $XVFB 2>/dev/null || true' EXIT
i=0
while [ ! -e "/tmp/.X11-unix/X$D" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
fail=0
for theme in light dark; do
  extra=""; [ "$theme" = dark ] && extra="--dark"
  if ! DISPLAY=":$D" timeout 60 "$APP" --frames 40 --screenshot "$OUT/desktop-$theme.ppm" $extra; then
    echo "FAIL: app exited with an error ($theme)"; fail=1; continue
  fi
  convert "$OUT/desktop-$theme.ppm" "$OUT/desktop-$theme.png"
  colors=$(convert "$OUT/desktop-$theme.png" -format %k info:)
  # mean brightness must not be uniform: std-dev of the grey image > 2%
  sd=$(convert "$OUT/desktop-$theme.png" -colorspace Gray -format '%[fx:100*standard_deviation]' info:)
  echo "desktop $theme: $colors colours, grey std-dev ${sd}%  ($OUT/desktop-$theme.png)"
  if [ "$colors" -lt 50 ]; then echo "FAIL: frame looks blank ($colors colours)"; fail=1; fi
  if [ "$(echo "$sd > 2" | bc -l 2>/dev/null || awk "BEGIN{print ($sd > 2)}")" != 1 ]; then echo "FAIL: frame has no contrast"; fail=1; fi
done
exit $fail
