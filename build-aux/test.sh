#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Set up, build and run every test; ends with one line
# "N passed, N failed, N skipped" and exits non-zero on any failure.
set -uo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
builddir="$top/_build"

"$top/build-aux/setup.sh" "$builddir" -Dwerror=true || {
  echo "0 passed, 1 failed"
  exit 1
}

log=$(mktemp)
trap 'rm -f "$log"' EXIT
meson test -C "$builddir" --print-errorlogs --num-processes 2 "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

count() { awk -v key="$1" '$1 == key":" { n = $2 } END { print n + 0 }' "$log"; }
ok=$(count Ok)
fail=$(count Fail)
timeout=$(count Timeout)
xpass=$(awk '/^Unexpected Pass:/ { n = $3 } END { print n + 0 }' "$log")
skipped=$(count Skipped)
failed=$((fail + timeout + xpass))

if ((ok + failed == 0)) && ((status == 0)); then
  # no summary means meson never ran the tests
  failed=1
fi
if ((status != 0 && failed == 0)); then
  failed=1
fi

echo "$ok passed, $failed failed, $skipped skipped"
((failed == 0)) || exit 1
