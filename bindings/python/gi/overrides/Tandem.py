# SPDX-License-Identifier: LGPL-2.1-or-later
"""PyGObject overrides for libtandem: Money behaves like a Python value.

    >>> from gi.repository import Tandem
    >>> a = Tandem.Money.parse('10.25 EUR')
    >>> str(a + Tandem.Money.parse('0.75 EUR'))
    '11.00 EUR'
    >>> a.to_decimal()
    Decimal('10.25')

Money stays exact: arithmetic goes through the C functions (errors on a
currency mismatch or overflow), and conversion to and from
decimal.Decimal never passes through a float.
"""

import decimal

from ..importer import modules
from ..overrides import override

Tandem = modules['Tandem']._introspection_module

__all__ = []


class Money(Tandem.Money):
    """Exact money; see TandemMoney."""

    @classmethod
    def from_decimal(cls, value, currency):
        """Money from a decimal.Decimal (or an int or a numeric string)."""
        value = decimal.Decimal(value)
        return Tandem.Money.parse(f'{value:f} {currency}')

    def to_decimal(self):
        """The amount as a decimal.Decimal, exactly."""
        return decimal.Decimal(self.to_string().split(' ')[0])

    def __str__(self):
        return self.to_string()

    def __repr__(self):
        return f"Tandem.Money('{self.to_string()}')"

    def __eq__(self, other):
        return isinstance(other, Tandem.Money) and self.equal(other)

    def __hash__(self):
        return self.hash()

    def __lt__(self, other):
        self._check(other)
        return self.compare(other) < 0

    def __le__(self, other):
        self._check(other)
        return self.compare(other) <= 0

    def __gt__(self, other):
        self._check(other)
        return self.compare(other) > 0

    def __ge__(self, other):
        self._check(other)
        return self.compare(other) >= 0

    def __add__(self, other):
        return self.add(other)

    def __sub__(self, other):
        return self.subtract(other)

    def __neg__(self):
        return self.negate()

    def __bool__(self):
        return not self.is_zero()

    def _check(self, other):
        if not isinstance(other, Tandem.Money):
            raise TypeError(f'cannot compare Money with {type(other).__name__}')
        if self.get_currency() != other.get_currency():
            raise ValueError(f'cannot compare {self.get_currency()} with {other.get_currency()}')


Money = override(Money)
__all__.append('Money')
