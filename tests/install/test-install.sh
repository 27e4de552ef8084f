#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Installs the build into a temporary prefix (meson install --destdir) and
# uses the installed copy only, with exactly the environment README.md
# ("Use libtandem from your own program") tells users to set for a prefix
# P: a C program built with pkg-config, and the Python and GJS examples.
# Usage: test-install.sh BUILDDIR SOURCEDIR PREFIX LIBDIR PYTHON
set -euo pipefail

build=$1 source=$2 prefix=$3 libdir=$4 python=$5
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

meson install -C "$build" --destdir "$stage" --no-rebuild --quiet >/dev/null
P="$stage$prefix"
[[ "$libdir" = /* ]] || libdir="$prefix/$libdir"
L="$stage$libdir"

# what README.md tells users to set for a prefix P
readme_env=(
  "GI_TYPELIB_PATH=$L/girepository-1.0"
  "LD_LIBRARY_PATH=$L"
  "PYTHONPATH=$P/lib/python3/dist-packages"
)
clean=(env -i "HOME=$stage" "PATH=/usr/bin:/bin" "LC_ALL=C.UTF-8" "${readme_env[@]}")
fail() { echo "not ok: $*" >&2; exit 1; }

# the PostgreSQL roles script is installed with the data
grep -q "CREATE POLICY rep_lines" "$P/share/tandem-1.0/tandem-roles.sql" \
  || fail "share/tandem-1.0/tandem-roles.sql is not installed"
grep -q "complete -F _tandem tandem" "$P/share/bash-completion/completions/tandem" \
  || fail "share/bash-completion/completions/tandem is not installed"

# C: pkg-config finds the installed headers and library. The staged copy
# stands for an installation into P: only the .pc file names the prefix.
sed -i "s|^prefix=.*|prefix=$P|" "$L/pkgconfig/tandem-1.0.pc"
cflags=$(PKG_CONFIG_PATH="$L/pkgconfig" pkg-config --cflags --libs tandem-1.0)
case "$cflags" in *"$build"*|*"$source"*) fail "pkg-config points into the build or source tree: $cflags" ;; esac
# shellcheck disable=SC2086
cc -o "$stage/split" "$source/examples/split.c" $cflags
out=$("${clean[@]}" "$stage/split" "1200.00 EUR" 40 60)
[[ "$out" == *"720.00 EUR"* && "$out" == *"(exact)"* ]] || fail "C example: $out"

# Python: the installed typelib and overrides, nothing from the build tree
out=$("${clean[@]}" "$python" "$source/examples/split.py" "1200.00 EUR" 40 60)
[[ "$out" == *"part 1: 480.00 EUR"* ]] || fail "Python example: $out"
where=$("${clean[@]}" "$python" -c 'import gi; gi.require_version("Tandem", "1.0"); from gi.repository import Tandem
import gi.overrides.Tandem as o; print(o.__file__)')
[[ "$where" == "$P"/* ]] || fail "Python overrides not from the installed copy: $where"
if "${clean[@]}" "$python" "$source/examples/split.py" 2>"$stage/err"; then fail "split.py without arguments succeeded"; fi
grep -q '^usage: ' "$stage/err" || fail "split.py without arguments: $(cat "$stage/err")"

# GJS
out=$("${clean[@]}" gjs -m "$source/examples/split.js" "1200.00 EUR" 40 60)
[[ "$out" == *"part 2: 720.00 EUR"* ]] || fail "GJS example: $out"
if "${clean[@]}" gjs -m "$source/examples/split.js" 2>"$stage/err"; then fail "split.js without arguments succeeded"; fi
grep -q '^usage: ' "$stage/err" || fail "split.js without arguments: $(cat "$stage/err")"

# the library really is the installed one: without the environment the
# typelib is not found
if env -i "PATH=/usr/bin:/bin" "$python" "$source/examples/split.py" "1.00 EUR" 1 2>/dev/null; then
  [[ "$prefix" == /usr ]] || fail "Tandem was found without GI_TYPELIB_PATH: something else is installed"
fi
echo "ok: C, Python and GJS against the copy installed under $P"
