#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Line coverage of libtandem/ by the whole test suite, printed with gcovr.
# Usage: bash build-aux/coverage.sh   (builds in _build-coverage)
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
builddir="$top/_build-coverage"
"$top/build-aux/setup.sh" "$builddir" -Db_coverage=true -Dbuildtype=debug
find "$builddir" -name '*.gcda' -delete
meson test -C "$builddir" --num-processes 2 >/dev/null || echo "coverage: some tests failed; the figures below are still printed" >&2
cd "$top"
gcovr --root "$top" --object-directory "$builddir" \
  --filter 'libtandem/' --exclude '.*tandem-currencies\.c' \
  --sort-percentage --print-summary \
  --gcov-ignore-parse-errors
