# Sourced by scripts that need an X server (render-fallbacks.sh, tests/desktop/test_desktop.sh):
#   . scripts/xvfb.sh; xvfb_start 1280x800x24
# starts Xvfb on a free display number, sets D (the number, DISPLAY=":$D") and XVFB (its pid),
# kills it when the calling script exits. Xvfb picks the number itself (-displayfd) and writes it
# once it accepts connections: choosing a number from /tmp/.X*-lock files is not enough, because
# X's abstract sockets are shared by every file system on the machine (a chroot's Xvfb on :90 and
# the host's collided: the chroot's apps drew on the host's server until it went away).
xvfb_start() {
  _xf=$(mktemp)
  Xvfb -displayfd 3 -screen 0 "${1:-1280x800x24}" -nolisten tcp 3>"$_xf" >/dev/null 2>&1 &
  XVFB=$!
  trap 'kill $XVFB 2>/dev/null || true' EXIT
  _i=0
  while [ ! -s "$_xf" ] && [ $_i -lt 100 ] && kill -0 $XVFB 2>/dev/null; do sleep 0.1; _i=$((_i + 1)); done
  D=$(head -n 1 "$_xf"); rm -f "$_xf"
  if [ -z "$D" ]; then echo "xvfb: Xvfb did not start" >&2; return 1; fi
}
