#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# The style test: every C file is formatted as .clang-format says, no line
# is longer than its column limit (clang-format leaves a string literal
# whole), and no source file of the library or the command is longer than
# 1,500 lines, and each library source defines at most one type. The
# library's parts keep their direction: io/ reads and writes rows and
# includes no store header; the core types (libtandem/tandem-*.c) include
# nothing of store/, comp/ or method/; and nothing runs when the library is
# loaded (no __attribute__ ((constructor))).
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
import os
def headers_of(folder):
    return {n for n in os.listdir(os.path.join('libtandem', folder)) if n.endswith('.h')} \
        if os.path.isdir(os.path.join('libtandem', folder)) else set()
store_h = headers_of('store') | {'tandem-store.h'}
upper_h = headers_of('store') | headers_of('comp') | headers_of('method') | {
    'tandem-store.h', 'tandem-plan.h', 'tandem-settlement.h', 'tandem-lifecycle.h'}
def includes(f):
    return re.findall(r'^#include\s+"([^"]+)"', open(f, encoding='utf-8').read(), re.M)
upward = [f'{f}: includes {h} (io/ knows no store)' for f in files
          if f.startswith('libtandem/io/') for h in includes(f) if h in store_h]
method_h = headers_of('method') | {'tandem-lifecycle.h', 'tandem-charter.h', 'tandem-classify.h',
                                   'tandem-conversion.h', 'tandem-kpi.h', 'tandem-matcher.h',
                                   'tandem-shadowing.h', 'tandem-support.h'}
upward += [f'{f}: includes {h} (store/ and comp/ know nothing of the method)' for f in files
           if f.startswith(('libtandem/store/', 'libtandem/comp/')) for h in includes(f) if h in method_h]
upward += [f'{f}: includes {h} (the core types know nothing above them)' for f in files
           if re.match(r'libtandem/tandem-[^/]*\.[ch]$', f) for h in includes(f) if h in upper_h]
hidden = [f'{f}:{i}: runs when the library is loaded' for f in files if f.startswith('libtandem/')
          for i, l in enumerate(open(f, encoding='utf-8').read().split('\n'), 1)
          if re.search(r'__attribute__\s*\(\(\s*constructor', l)]
for line in bad + big + many + upward + hidden:
    print(line, file=sys.stderr)
sys.exit(1 if bad or big or many or upward or hidden else 0)
PY
echo "style: ${#files[@]} files formatted as .clang-format says, lines up to $limit characters, sources up to 1,500 lines, one type per file, io/ and the core types below the store, nothing run at load"
