#!/bin/sh
# One idempotent set-up step for a fresh Debian 12 machine, run by both README commands:
#   1. Debian packages (only the missing ones are installed; nothing else of apt is changed),
#   2. npm packages from the committed web/package-lock.json (skipped when unchanged),
#      with Debian 12's own Node.js 18 and npm (playwright-core is pinned to 1.61.x, its last
#      release that accepts Node 18); a newer node already on the machine is used as it is,
#   3. Dear ImGui 1.86 sources from Debian's source archive into .cache/imgui (ignored by git).
# A second run takes about a second.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PKGS="cmake make g++ emscripten nodejs npm libeigen3-dev libglfw3-dev doctest-dev libcli11-dev clang-format \
  libgl1-mesa-dri libglx-mesa0 fonts-dejavu-core python3-fonttools glslang-tools \
  chromium xvfb imagemagick xz-utils ca-certificates"
# What each is for, and why no plug-in, delegate or font is missing on a minimal system:
#   imagemagick: PPM -> PNG and resizing only (built-in coders; no SVG, no text, so no delegate
#     or font); fonts-dejavu-core: the TTF embedded in the app (read by path, no fontconfig);
#   chromium: the browser tests and nothing else (the page ships its own KaTeX fonts);
#   xvfb: the desktop app's screenshots; glslang-tools: the shader checks;
#   libcli11-dev: rqflow's command line (header-only, native only);
#   clang-format: the ctest `format` (Debian 12's clang-format 14; scripts/check-format.sh).

missing=""
for p in $PKGS; do
  # nodejs/npm may come from another origin (e.g. a preinstalled node with its npm); accept a
  # working one (Debian's npm cannot be installed next to another origin's nodejs)
  if [ "$p" = nodejs ] && command -v node >/dev/null 2>&1; then continue; fi
  if [ "$p" = npm ] && command -v npm >/dev/null 2>&1; then continue; fi
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
    missing="$missing $p"
  fi
done
if [ -n "$missing" ]; then
  echo "setup: installing Debian packages:$missing"
  SUDO=""
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
      echo "setup: missing packages ($missing) and not root: install them as root first" >&2; exit 1
    fi
  fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# The scripts and tests need Node.js >= 18 (Debian 12's is 18.19+; node:test, fetch, ES modules).
node -e 'process.exit(+process.versions.node.split(".")[0] >= 18 ? 0 : 1)' || {
  echo "setup: node $(node --version) is too old: the project needs Node.js 18 or newer" >&2; exit 1; }

# npm packages (playwright-core, coi-serviceworker, katex), pinned by the committed lock file.
LOCK="$ROOT/web/package-lock.json"
STAMP="$ROOT/web/node_modules/.setup-stamp"
if [ ! -f "$STAMP" ] || ! cmp -s "$LOCK" "$STAMP"; then
  echo "setup: npm ci (web/)"
  (cd "$ROOT/web" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$LOCK" "$STAMP"
fi

# Dear ImGui sources (same 1.86 for native and web).
if [ ! -f "$ROOT/.cache/imgui/imgui.cpp" ]; then
  echo "setup: fetching Dear ImGui 1.86 sources from Debian's source archive"
  sh "$ROOT/scripts/fetch-imgui.sh" "$ROOT/.cache/imgui"
fi
echo "setup: ok"
