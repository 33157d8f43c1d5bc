#!/bin/sh
# The desktop app under Xvfb draws non-blank frames: the sidebar layout (light and dark) and
# every figure of the contract alone (--figure ID). Each run renders 40 frames, writes the last
# one (glReadPixels) and we check the picture has many colours and contrast.
# Usage: test_desktop.sh APP OUTDIR   (PNG screenshots stay in OUTDIR for a person to look at)
set -eu
APP=${1:?app}; OUT=${2:?outdir}
mkdir -p "$OUT"
. "$(cd "$(dirname "$0")/../.." && pwd)/scripts/xvfb.sh"
xvfb_start 1400x900x24  # free display :$D, killed on exit
fail=0

# shot NAME MIN_COLOURS ARGS...: run the app, convert, check colours and grey std-dev.
shot() {
  name=$1; min=$2; shift 2
  if ! DISPLAY=":$D" timeout 120 "$APP" --frames 40 --size 1280x800 --screenshot "$OUT/$name.ppm" "$@"; then
    echo "FAIL: app exited with an error ($name)"; fail=1; return
  fi
  convert "$OUT/$name.ppm" "$OUT/$name.png" && rm -f "$OUT/$name.ppm"
  colors=$(convert "$OUT/$name.png" -format %k info:)
  sd=$(convert "$OUT/$name.png" -colorspace Gray -format '%[fx:100*standard_deviation]' info:)
  echo "$name: $colors colours, grey std-dev ${sd}%  ($OUT/$name.png)"
  if [ "$colors" -lt "$min" ]; then echo "FAIL: $name looks blank ($colors colours < $min)"; fail=1; fi
  if [ "$(awk "BEGIN{print ($sd > 2)}")" != 1 ]; then echo "FAIL: $name has no contrast"; fail=1; fi
}

shot desktop-light 50
shot desktop-dark 50 --dark
# Every figure draws plots (hundreds of colours), not just text.
for id in toy2d factorisation population headline bounds witness logistic trajectory phase; do
  shot "figure-$id" 50 --figure "$id"
done
shot figure-toy2d-saddle-dark 200 --figure toy2d --state "preset=saddle&t=1.2" --dark
# A bad id or state must not crash (message on stderr, defaults used).
if ! DISPLAY=":$D" timeout 60 "$APP" --frames 3 --figure toy2d --state "t=zz&%%%" >/dev/null 2>&1; then
  echo "FAIL: bad --state crashed the app"; fail=1
fi
exit $fail
