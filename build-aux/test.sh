#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Set up, build and run every test:
#   1. the whole suite (C, Python, GJS, CLI, docs, style) in _build (-Werror);
#   2. the C and CLI suites and the fuzz targets under AddressSanitizer and
#      UndefinedBehaviorSanitizer, in _build-asan (clang, no introspection);
#   3. the C suites under valgrind memcheck, in _build;
#   4. the CLI suites again against a throwaway PostgreSQL 15 cluster that
#      pg_virtualenv starts and removes around them;
#   5. the Debian packages (build-aux/package.sh), as root: built, checked
#      with lintian, installed, used, removed (about 4 minutes).
# Ends with one line "N passed, N failed, N skipped" over all three and
# exits non-zero on any failure. TANDEM_TEST_QUICK=1 runs only the first.
set -uo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
passed=0 failed=0 skipped=0

summary () {
  echo "$passed passed, $failed failed, $skipped skipped"
  ((failed == 0))
}

# Runs meson test in $1 with the remaining arguments and adds its counts.
run_meson_test () {
  local builddir=$1
  shift
  local log status ok fail timeout xpass skip
  log=$(mktemp)
  meson test -C "$builddir" --print-errorlogs --num-processes 2 "$@" 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
  count () { awk -v key="$1" '$1 == key":" { n = $2 } END { print n + 0 }' "$log"; }
  ok=$(count Ok)
  fail=$(count Fail)
  timeout=$(count Timeout)
  skip=$(count Skipped)
  xpass=$(awk '/^Unexpected Pass:/ { n = $3 } END { print n + 0 }' "$log")
  rm -f "$log"
  fail=$((fail + timeout + xpass))
  if ((status != 0 && fail == 0)); then
    fail=1   # meson failed without a summary: nothing ran
  fi
  passed=$((passed + ok)) failed=$((failed + fail)) skipped=$((skipped + skip))
}

"$top/build-aux/setup.sh" "$top/_build" -Dwerror=true -Dvapi=true -Dpostgresql=enabled || { failed=1; summary; exit 1; }
run_meson_test "$top/_build"

echo "== PostgreSQL: the CLI suites against a throwaway server =="
if command -v pg_virtualenv >/dev/null; then
  # pg_virtualenv exports PGHOST, PGPORT, PGUSER, PGPASSWORD and
  # PGDATABASE for the cluster it starts, and removes it afterwards
  pg_log=$(mktemp)
  (cd /tmp && pg_virtualenv bash -c "$(declare -f run_meson_test); passed=0 failed=0 skipped=0; \
     run_meson_test '$top/_build' --setup postgresql --suite postgresql; \
     echo \"pgcounts \$passed \$failed \$skipped\"") 2>&1 | tee "$pg_log"
  read -r _ pg_ok pg_fail pg_skip < <(grep '^pgcounts ' "$pg_log" || echo "pgcounts 0 1 0")
  rm -f "$pg_log"
  passed=$((passed + pg_ok)) failed=$((failed + pg_fail)) skipped=$((skipped + pg_skip))
else
  echo "pg_virtualenv is missing: install postgresql-common" >&2
  failed=$((failed + 1))
fi

if [[ "${TANDEM_TEST_QUICK:-}" != 1 ]]; then
  echo "== sanitizers: AddressSanitizer + UndefinedBehaviorSanitizer, fuzz targets =="
  if CC=clang "$top/build-aux/setup.sh" "$top/_build-asan" \
       -Db_sanitize=address,undefined -Db_lundef=false -Dintrospection=disabled \
       -Ddocs=false -Dfuzzing=true -Dwerror=true; then
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:detect_stack_use_after_return=1 \
    UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    LSAN_OPTIONS=suppressions="$top/tests/lsan.supp":print_suppressions=0 \
      run_meson_test "$top/_build-asan" --suite c --suite cli --suite fuzz
  else
    failed=$((failed + 1))
  fi

  echo "== valgrind memcheck over the C suites =="
  run_meson_test "$top/_build" --setup valgrind --suite c

  # the Debian packages: built from the committed tree, lintian, installed
  # and used without the build tree (as root: it installs and removes them)
  if [ "$(id -u)" = 0 ] && command -v dpkg-buildpackage >/dev/null; then
    echo "== Debian packages (build-aux/package.sh) =="
    if bash "$top/build-aux/package.sh"; then
      passed=$((passed + 1))
    else
      failed=$((failed + 1))
    fi
  else
    echo "== Debian packages: skipped (needs root and dpkg-dev) =="
    skipped=$((skipped + 1))
  fi
fi

summary
