#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# The style test: every C file is formatted as .clang-format says, no line
# is longer than its column limit (clang-format leaves a string literal
# whole), and no source file of the library or the command is longer than
# 1,500 lines, and each library source defines at most one type.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if git rev-parse --git-dir >/dev/null 2>&1; then
  mapfile -t files < <(git ls-files --cached --others --exclude-standard '*.c' '*.h' | sort -u |
                       while read -r f; do [ -f "$f" ] && echo "$f"; done)
else
  mapfile -t files < <(find libtandem include examples tests bench fuzz -name '*.[ch]' 2>/dev/null)
fi
clang-format --style=file:.clang-format --dry-run -Werror "${files[@]}"
limit=$(sed -n 's/^ColumnLimit: *//p' .clang-format)
python3 - "$limit" "${files[@]}" <<'PY'
import sys
limit, files = int(sys.argv[1]), sys.argv[2:]
bad = [f'{f}:{i}: {len(l)} characters' for f in files
       for i, l in enumerate(open(f, encoding='utf-8').read().split('\n'), 1) if len(l) > limit]
big = [f'{f}: {n} lines' for f in files if f.startswith(('libtandem/', 'examples/')) and f.endswith('.c')
       for n in [open(f, encoding='utf-8').read().count('\n')] if n > 1500]
import re
many = [f'{f}: {n} types (one G_DEFINE_* per file)' for f in files if f.startswith('libtandem/') and f.endswith('.c')
        for n in [len(re.findall(r'^G_DEFINE_[A-Z_]*(?:TYPE|INTERFACE)\b', open(f, encoding='utf-8').read(), re.M))]
        if n > 1]
for line in bad + big + many:
    print(line, file=sys.stderr)
sys.exit(1 if bad or big or many else 0)
PY
echo "style: ${#files[@]} files formatted as .clang-format says, lines up to $limit characters, sources up to 1,500 lines, one type per file"
