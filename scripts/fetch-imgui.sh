#!/bin/sh
# Fetch Dear ImGui sources from Debian's source archive (deb-src) into DEST_DIR, without
# touching the system's apt configuration: a throw-away apt config reuses the machine's own
# mirror entries. apt verifies the tarball against the signed Sources index.
# Usage: scripts/fetch-imgui.sh DEST_DIR [DEBIAN_VERSION]
set -eu
DEST=${1:?usage: fetch-imgui.sh DEST_DIR [DEBIAN_VERSION]}
VER=${2:-1.86+ds-1}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
mkdir -p "$T/parts" "$T/lists/partial" "$T/cache/archives/partial"
if [ -f /etc/apt/sources.list.d/debian.sources ]; then
  sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources > "$T/parts/src.sources"
fi
if [ -f /etc/apt/sources.list ]; then
  sed -n 's/^deb \(.*\)$/deb-src \1/p' /etc/apt/sources.list > "$T/parts/src.list"
fi
O="-o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts=$T/parts \
   -o Dir::State::Lists=$T/lists -o Dir::Cache=$T/cache -o APT::Sandbox::User=root"
# shellcheck disable=SC2086
apt-get $O -qq update
# shellcheck disable=SC2086
( cd "$T" && apt-get $O -qq source --download-only "imgui=$VER" )
rm -rf "$DEST.tmp" && mkdir -p "$DEST.tmp"
tar -xf "$T"/imgui_*.orig.tar.xz -C "$DEST.tmp" --strip-components=1
rm -rf "$DEST" && mv "$DEST.tmp" "$DEST"
echo "Dear ImGui $VER sources in $DEST"
