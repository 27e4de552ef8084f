#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# The style test: every C file is formatted as .clang-format says.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if git rev-parse --git-dir >/dev/null 2>&1; then
  mapfile -t files < <(git ls-files '*.c' '*.h')
else
  mapfile -t files < <(find libtandem include examples tests bench fuzz -name '*.[ch]' 2>/dev/null)
fi
clang-format --style=file:.clang-format --dry-run -Werror "${files[@]}"
echo "style: ${#files[@]} files formatted as .clang-format says"
