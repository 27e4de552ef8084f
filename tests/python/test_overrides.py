# SPDX-License-Identifier: LGPL-2.1-or-later
"""The PyGObject overrides in bindings/python: Money as a Python value."""

from decimal import Decimal

import gi

gi.require_version('Tandem', '1.0')
from gi.repository import GLib, Tandem  # noqa: E402

import pytest  # noqa: E402


def test_overrides_are_loaded():
    assert Tandem.Money.__module__ == 'gi.overrides.Tandem'


def test_money_operators():
    a = Tandem.Money.parse('10.25 EUR')
    b = Tandem.Money.parse('0.75 EUR')
    assert str(a + b) == '11.00 EUR'
    assert str(b - a) == '-9.50 EUR'
    assert str(-a) == '-10.25 EUR'
    assert a > b and b < a and a >= a and b <= b
    assert a == Tandem.Money.parse('10.25 EUR') and a != b
    assert len({a, Tandem.Money.parse('10.25 EUR'), b}) == 2
    assert not Tandem.Money.new_zero('EUR') and a
    assert repr(a) == "Tandem.Money('10.25 EUR')"
    with pytest.raises(GLib.Error):
        a + Tandem.Money.parse('1 JPY')
    with pytest.raises(ValueError):
        a < Tandem.Money.parse('1 JPY')


def test_decimal_round_trip_is_exact():
    big = Decimal('46116860184273879.05')
    m = Tandem.Money.from_decimal(big, 'EUR')
    assert m.get_minor_units() == 4611686018427387905
    assert m.to_decimal() == big
    assert Tandem.Money.from_decimal(1200, 'JPY').to_decimal() == Decimal(1200)
    with pytest.raises(GLib.Error):
        Tandem.Money.from_decimal(Decimal('0.001'), 'EUR')
