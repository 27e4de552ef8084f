#!/usr/bin/env bash
# SPDX-License-Identifier: LGPL-2.1-or-later
# Runs a libFuzzer target for a fixed number of executions from its seed
# corpus, writing new inputs to a temporary directory, never to the tree.
# Usage: run-fuzzer.sh FUZZER SEED_DIR RUNS
set -euo pipefail
fuzzer=$1 seeds=$2 runs=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
"$fuzzer" -runs="$runs" -seed=1 -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
  -print_final_stats=1 "$work" "$seeds"
