#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Split a commission pool between tandem members, exactly (see split.c).
import sys

import gi
gi.require_version('Tandem', '1.0')
from gi.repository import GLib, Tandem  # noqa: E402

try:
    amount = Tandem.Money.parse(sys.argv[1])
    parts = amount.allocate([int(w) for w in sys.argv[2:]])
except GLib.Error as e:
    sys.exit(e.message)
for i, part in enumerate(parts, 1):
    print(f'part {i}: {part.to_string()}')
