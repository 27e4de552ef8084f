#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
# Split a commission pool between tandem members, exactly (see split.c).
#   python3 split.py "1200.00 EUR" 40 60
import sys

import gi
gi.require_version('Tandem', '1.0')
from gi.repository import GLib, Tandem  # noqa: E402


def main(argv):
    if len(argv) < 3:
        print(f'usage: {argv[0]} AMOUNT WEIGHT...   e.g. {argv[0]} "1200.00 EUR" 40 60', file=sys.stderr)
        return 1
    try:
        weights = [int(w) for w in argv[2:]]
    except ValueError as e:
        print(f'a weight must be a whole number: {e}', file=sys.stderr)
        return 2
    try:
        amount = Tandem.Money.parse(argv[1])
        parts = amount.allocate(weights)
    except (GLib.Error, OverflowError) as e:
        print(getattr(e, 'message', str(e)), file=sys.stderr)
        return 2
    for i, part in enumerate(parts, 1):
        print(f'part {i}: {part.to_string()}')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
