#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Iterates N payout lines of a settlement from Python; prints the seconds.
import sys
import time

import gi
gi.require_version('Tandem', '1.0')
from gi.repository import Tandem  # noqa: E402

db, plan_text, n = sys.argv[1], open(sys.argv[2]).read(), int(sys.argv[3])
store = Tandem.Store.new_for_path_full(db, Tandem.StoreFlags.READ_ONLY)
plan = Tandem.Plan.new_from_data(plan_text, -1)
settlement = Tandem.Settlement.new(store, plan, plan.parse_period('2026-11'))
lines = settlement.get_lines()
n = min(n, lines.get_n_items())
start = time.monotonic()
total = 0
chars = 0
for i in range(n):
    line = lines.get_item(i)
    total += line.get_amount().get_minor_units()
    chars += len(line.get_explanation())
print(f'{time.monotonic() - start:.6f} {n} {total} {chars}')
