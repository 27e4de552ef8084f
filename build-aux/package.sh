#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Builds the Debian packages from a clean copy of the committed tree in a
# throwaway folder, checks them with lintian, installs them and uses the
# installed library the way a user would: C through pkg-config, Python and
# GJS without any environment variable, the tandem command in English and
# German. Removes the packages again at the end. Needs root (apt, dpkg).
# Usage: bash build-aux/package.sh   (prints one line per check; exit 1 on
# any failure)
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=$(mktemp -d /tmp/tandem-package.XXXXXX)
installed=()
cleanup() {
  if [ ${#installed[@]} -gt 0 ]; then
    dpkg -r "${installed[@]}" >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

export DEBIAN_FRONTEND=noninteractive
if [ "$(id -u)" = 0 ]; then
  tools=(debhelper dpkg-dev lintian fakeroot pkgconf locales)
  apt-get install -y -q --no-install-recommends "${tools[@]}" >/dev/null 2>&1 ||
    { apt-get update -qq && apt-get install -y -q --no-install-recommends "${tools[@]}" >/dev/null; }
fi

# the committed tree, nothing else of this checkout
git -C "$top" archive --format=tar --prefix=libtandem/ HEAD | tar -x -C "$work"
cd "$work/libtandem"
if [ "$(id -u)" = 0 ]; then
  apt-get build-dep -y -q ./ >/dev/null
fi
echo "package: building in $work"
DEB_BUILD_OPTIONS="parallel=$(nproc)" dpkg-buildpackage -b -us -uc >"$work/build.log" 2>&1 || {
  tail -40 "$work/build.log" >&2
  echo "package: dpkg-buildpackage failed" >&2
  exit 1
}
cd "$work"
ls ./*.deb
# lintian: errors fail; warnings are listed for the record
lintian --fail-on error --tag-display-limit 0 ./*.changes | tee "$work/lintian.txt"
echo "package: lintian: $(grep -c '^E:' "$work/lintian.txt" || true) errors," \
  "$(grep -c '^W:' "$work/lintian.txt" || true) warnings"

# install them, and use them without the build tree
dpkg -i ./libtandem-1.0-0_*.deb ./gir1.2-tandem-1.0_*.deb ./libtandem-1.0-dev_*.deb \
  ./tandem_*.deb ./libtandem-doc_*.deb >/dev/null
installed=(libtandem-doc tandem libtandem-1.0-dev gir1.2-tandem-1.0 libtandem-1.0-0)
mkdir "$work/use" && cd "$work/use"
env -i PATH=/usr/bin:/bin HOME="$work/use" bash -euo pipefail <<'USE'
cat > use.c <<'C'
#include <tandem.h>
int main (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemStore) store = tandem_store_new_in_memory (&error);
  g_autoptr (TandemRep) rep = store ? tandem_store_add_rep (store, "Anna", TANDEM_ROLE_INSIDE, &error) : NULL;
  g_autoptr (TandemMoney) m = tandem_money_parse ("1200.50 EUR", &error);
  if (rep == NULL || m == NULL)
    return 1;
  g_print ("%s %s\n", tandem_rep_get_name (rep), tandem_money_to_string (m));
  return 0;
}
C
gcc -o use use.c $(pkg-config --cflags --libs tandem-1.0)
test "$(./use)" = "Anna 1200.50 EUR"
# the installed library, not a copy from a build tree or /usr/local
ldd ./use | grep -q 'libtandem-1.0.so.0 => /lib/.*-linux-gnu/libtandem-1.0.so.0\|libtandem-1.0.so.0 => /usr/lib/'
echo "package: C through pkg-config: ok"
/usr/bin/python3 -c "
import gi
gi.require_version('Tandem', '1.0')
from gi.repository import Tandem
s = Tandem.Store.new_in_memory()
assert s.add_rep('Anna', Tandem.Role.INSIDE).props.name == 'Anna'
assert str(Tandem.Money.from_decimal('1200.50', 'EUR')) == '1200.50 EUR'
path = gi.Repository.get_default().get_typelib_path('Tandem')
assert path.startswith('/usr/lib/') and 'local' not in path, path
"
echo "package: Python (PyGObject, with the overrides): ok"
cat > use.js <<'JS'
import Tandem from 'gi://Tandem?version=1.0';
const s = Tandem.Store.new_in_memory();
if (s.add_rep('Anna', Tandem.Role.INSIDE).name !== 'Anna')
    throw new Error('rep');
print(Tandem.Money.parse('1200.50 EUR').to_string());
JS
test "$(gjs -m use.js)" = "1200.50 EUR"
echo "package: GJS (gjs -m): ok"
tandem --version
help=$(LC_ALL=de_DE.UTF-8 tandem --help 2>&1 || true)
case "$help" in *Befehle:*Rückgabewert*) ;; *) echo "$help" >&2; exit 1 ;; esac
echo "package: tandem in German: ok"
test -f /usr/share/man/man1/tandem.1.gz
bash --norc -c 'source /usr/share/bash-completion/completions/tandem
  COMP_WORDS=(tandem rep ""); COMP_CWORD=2; _tandem; [ "${COMPREPLY[*]}" = "add list update archive tag" ]'
echo "package: bash completion installed and working: ok"
test -f /usr/share/doc/tandem-1.0/index.html
echo "package: man page and API reference installed: ok"
USE
echo "package: all checks passed"
