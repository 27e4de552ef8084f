#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# The style test: every C file is formatted as .clang-format says, no line
# is longer than its column limit (clang-format leaves a string literal
# whole), and no source file of the library or the command is longer than
# 1,500 lines, and each library source defines at most one type. The
# library's parts keep their direction: io/ reads and writes rows and
# includes no store header; store/ includes nothing of comp/ or method/;
# the core types (libtandem/tandem-*.c) include nothing of store/, comp/ or
# method/; and nothing runs when the library is loaded (no
# __attribute__ ((constructor))).
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
many = [f'{f}: {n} types (one G_DEFINE_* or TANDEM_DEFINE_RECORD_TYPE per file)' for f in files if f.startswith('libtandem/') and f.endswith('.c')
        for n in [len(re.findall(r'^(?:G|TANDEM)_DEFINE_[A-Z_]*(?:TYPE|INTERFACE)\b', open(f, encoding='utf-8').read(), re.M))]
        if n > 1]
import os
def headers_of(folder):
    return {n for n in os.listdir(os.path.join('libtandem', folder)) if n.endswith('.h')} \
        if os.path.isdir(os.path.join('libtandem', folder)) else set()
store_h = headers_of('store') | {'tandem-store.h'}
upper_h = headers_of('store') | headers_of('comp') | headers_of('method') | {
    'tandem-store.h', 'tandem-plan.h', 'tandem-settlement.h', 'tandem-lifecycle.h',
    'tandem-period.h', 'tandem-payout-line.h', 'tandem-team-result.h', 'tandem-plan-version.h',
    'tandem-target.h', 'tandem-draw.h', 'tandem-exchange-rate.h', 'tandem-membership.h',
    'tandem-stage-change.h'}
def includes(f):
    return re.findall(r'^#include\s+"([^"]+)"', open(f, encoding='utf-8').read(), re.M)
upward = [f'{f}: includes {h} (io/ knows no store)' for f in files
          if f.startswith('libtandem/io/') for h in includes(f) if h in store_h]
method_h = headers_of('method') | {'tandem-lifecycle.h', 'tandem-charter.h', 'tandem-classify.h',
                                   'tandem-conversion.h', 'tandem-kpi.h', 'tandem-matcher.h',
                                   'tandem-shadowing.h', 'tandem-support.h', 'tandem-rep-tag.h',
                                   'tandem-match-proposal.h'}
upward += [f'{f}: includes {h} (store/ and comp/ know nothing of the method)' for f in files
           if f.startswith(('libtandem/store/', 'libtandem/comp/')) for h in includes(f) if h in method_h]
comp_h = headers_of('comp') | {'tandem-plan.h', 'tandem-settlement.h', 'tandem-period.h',
                               'tandem-payout-line.h', 'tandem-team-result.h',
                               'tandem-plan-version.h', 'tandem-target.h', 'tandem-draw.h',
                               'tandem-exchange-rate.h', 'tandem-payroll.h', 'tandem-dispute.h'}
upward += [f'{f}: includes {h} (the store knows nothing of compensation)' for f in files
           if f.startswith('libtandem/store/') for h in includes(f) if h in comp_h]
upward += [f'{f}: includes {h} (the core types know nothing above them)' for f in files
           if re.match(r'libtandem/tandem-[^/]*\.[ch]$', f) for h in includes(f) if h in upper_h]
hidden = [f'{f}:{i}: runs when the library is loaded' for f in files if f.startswith('libtandem/')
          for i, l in enumerate(open(f, encoding='utf-8').read().split('\n'), 1)
          if re.search(r'__attribute__\s*\(\(\s*constructor', l)]
# Each type in its own room: a public header declares one type, and the
# public functions of a type (named for it: tandem_draw_*) are defined in
# the file that defines the type (tandem-draw.c) or in files named after
# that one (tandem-draw-*.c).
public_h = [f for f in files if f.startswith('include/tandem/') and f.endswith('.h')]
type_re = r'G_DECLARE_\w+\s*\(\w+,\s*(\w+)|GType\s+(tandem_\w+)_get_type'
rooms = [f'{f}: {n} types (one public header per type)' for f in public_h
         for n in [len(re.findall(type_re, open(f, encoding='utf-8').read()))] if n > 1]
prefixes = set()
for f in public_h:
    for m in re.finditer(type_re, open(f, encoding='utf-8').read()):
        prefixes.add(m.group(1) or m.group(2))
enums = set()
for f in public_h:
    for m in re.finditer(r'\}\s*Tandem(\w+);', open(f, encoding='utf-8').read()):
        enums.add('tandem' + re.sub(r'([A-Z])', r'_\1', m.group(1)).lower())
owners = sorted(prefixes | enums, key=len, reverse=True)
home = {}
for f in files:
    if f.startswith('libtandem/') and f.endswith('.c'):
        for m in re.finditer(r'^(?:G|TANDEM)_DEFINE_\w*TYPE\w*\s*\(\w+,\s*(\w+)', open(f, encoding='utf-8').read(), re.M):
            home[m.group(1)] = os.path.basename(f)[:-2]
for f in files:
    if not (f.startswith('libtandem/') and f.endswith('.c')):
        continue
    base = os.path.basename(f)[:-2]
    for m in re.finditer(r'^(tandem_\w+) \(', open(f, encoding='utf-8').read(), re.M):
        owner = next((p for p in owners if m.group(1).startswith(p + '_')), None)
        if owner in prefixes:
            room = home.get(owner, owner.replace('_', '-'))
            if base != room and not base.startswith(room + '-'):
                rooms.append(f'{f}: defines {m.group(1)}, which belongs in {room}.c')
store_api = sorted({m for f in public_h for m in re.findall(r'\b(tandem_store_\w+)\s*\(',
                                                         open(f, encoding='utf-8').read())
                    if m != 'tandem_store_get_type'})
if len(store_api) > 45:
    rooms.append(f'include/tandem: {len(store_api)} public tandem_store_* functions (at most 45: '
                 'the store keeps records; other verbs are functions of their own types)')
# No circles: the library's files, linked by the functions one calls that
# another defines, form no cycle.
lib_c = [f for f in files if f.startswith('libtandem/') and f.endswith('.c')]
texts = {f: re.sub(r'/\*.*?\*/', '', open(f, encoding='utf-8').read(), flags=re.S) for f in lib_c}
defined = {}
for f in lib_c:
    for m in re.finditer(r'^(_?tandem_\w+) \(', texts[f], re.M):
        defined[m.group(1)] = f
calls = {f: {defined[n] for n in set(re.findall(r'\b(_?tandem_\w+)\b', texts[f]))
             if n in defined and defined[n] != f} for f in lib_c}
circles, state = [], {}
def visit(f, path):
    state[f] = 1
    for g in sorted(calls[f]):
        if state.get(g) == 1:
            circles.append(' -> '.join(path[path.index(g):] + [g]) + ' (a circle)')
        elif g not in state:
            visit(g, path + [g])
    state[f] = 2
for f in sorted(lib_c):
    if f not in state:
        visit(f, [f])
for line in bad + big + many + upward + hidden + rooms + circles:
    print(line, file=sys.stderr)
sys.exit(1 if bad or big or many or upward or hidden or rooms or circles else 0)
PY
echo "style: ${#files[@]} files formatted as .clang-format says, lines up to $limit characters, sources up to 1,500 lines, one type per file and per public header, each type's functions in its own files, at most 45 store functions, io/ and the core types below the store, no circles between files, nothing run at load"
