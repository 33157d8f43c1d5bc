#!/bin/sh
# Checks that src/ and tests/ follow .clang-format (issue 17.8). The layout clang-format produces
# differs between its major versions, so the check needs Debian 12's clang-format 14 (installed by
# scripts/setup.sh); with any other version it says so and exits 77 (ctest: skipped).
# To reformat: sh scripts/check-format.sh --fix
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
CF=$(command -v clang-format-14 || command -v clang-format || true)
if [ -z "$CF" ]; then echo "clang-format not found (scripts/setup.sh installs it)"; exit 77; fi
if ! "$CF" --version | grep -q 'version 14\.'; then
  echo "$("$CF" --version): the style is checked with clang-format 14 only"; exit 77
fi
files=$(git ls-files 'src/*.cpp' 'src/*.hpp' 'src/*.h' 'src/*.inc' 'tests/*.cpp' 'tests/*.hpp' 2>/dev/null || \
        find src tests -name '*.cpp' -o -name '*.hpp' -o -name '*.h' -o -name '*.inc')
if [ "${1:-}" = "--fix" ]; then echo "$files" | xargs "$CF" -i --style=file; exit 0; fi
bad=0
for f in $files; do
  if ! "$CF" --style=file --dry-run --Werror "$f" >/dev/null 2>&1; then echo "not formatted: $f"; bad=1; fi
done
[ "$bad" -eq 0 ] && echo "format ok ($(echo "$files" | wc -l) files)"
[ "$bad" -eq 0 ]
