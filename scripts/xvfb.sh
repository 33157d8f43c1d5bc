# Sourced by scripts that need an X server (render-fallbacks.sh, tests/desktop/test_desktop.sh):
#   . scripts/xvfb.sh; xvfb_start 1280x800x24
# starts Xvfb on the first free display number from :90, sets D (the number, DISPLAY=":$D") and
# XVFB (its pid), kills it when the calling script exits, and waits (≤ 5 s) for its socket.
xvfb_start() {
  D=90
  while [ -e "/tmp/.X11-unix/X$D" ] || [ -e "/tmp/.X$D-lock" ]; do D=$((D + 1)); done
  Xvfb ":$D" -screen 0 "${1:-1280x800x24}" -nolisten tcp >/dev/null 2>&1 &
  XVFB=$!
  trap 'kill $XVFB 2>/dev/null || true' EXIT
  _i=0
  while [ ! -e "/tmp/.X11-unix/X$D" ] && [ $_i -lt 50 ]; do sleep 0.1; _i=$((_i + 1)); done
}
