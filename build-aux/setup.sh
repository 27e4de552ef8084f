#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Set-up on a fresh Debian bookworm machine, as root: install the Debian
# packages that are missing, configure the build directory and build.
# Usage: build-aux/setup.sh [BUILDDIR] [extra meson options...]
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
builddir=${1:-"$top/_build"}
shift || true

packages=(
  build-essential pkg-config meson ninja-build
  libglib2.0-dev libjson-glib-dev libsqlite3-dev sqlite3 libcunit1-dev
  gobject-introspection libgirepository1.0-dev gir1.2-glib-2.0
  python3-gi python3-pytest gjs gi-docgen libcairo2-dev libpango1.0-dev gettext locales
  poppler-utils librsvg2-bin
  clang-format clang valgrind gcovr valac
  libpq-dev postgresql-15 postgresql-common tzdata
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "setup: missing Debian packages: ${missing[*]} (run as root to install them)" >&2
    exit 1
  fi
  echo "setup: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The German translation is tested under de_DE.UTF-8.
if ! locale -a 2>/dev/null | grep -qi '^de_DE\.utf-\?8$'; then
  if [[ $(id -u) -eq 0 ]]; then
    sed -i 's/^# *de_DE.UTF-8 UTF-8/de_DE.UTF-8 UTF-8/' /etc/locale.gen
    grep -q '^de_DE.UTF-8 UTF-8' /etc/locale.gen || echo 'de_DE.UTF-8 UTF-8' >> /etc/locale.gen
    locale-gen >/dev/null
  else
    echo "setup: the de_DE.UTF-8 locale is missing (run as root to generate it)" >&2
  fi
fi

# /usr/bin first: the Python tests need the system python3 with gi.
export PATH="/usr/bin:$PATH"

log=$(mktemp)
trap 'rm -f "$log"' EXIT
if [[ -f "$builddir/build.ninja" ]]; then
  meson configure "$builddir" "$@" >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
else
  meson setup "$builddir" "$top" "$@" >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
fi
meson compile -C "$builddir" >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
echo "setup: built in $builddir" >&2
