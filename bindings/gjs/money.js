// SPDX-License-Identifier: LGPL-2.1-or-later
// Exact money helpers for GJS. JavaScript numbers are doubles and round
// integers above 2^53, so these helpers move amounts as strings and do
// arithmetic on BigInt minor units, never on Number.
//
//   import * as TandemMoney from './money.js';
//   const total = TandemMoney.sum([a, b, c]);          // a Tandem.Money
//   TandemMoney.toMinorUnits(total);                   // a BigInt
import Tandem from 'gi://Tandem?version=1.0';

// The minor units of a Tandem.Money as a BigInt, exactly.
export function toMinorUnits(money) {
    const [number] = money.to_string().split(' ');
    const negative = number.startsWith('-');
    const digits = (negative ? number.slice(1) : number).replace('.', '');
    const value = BigInt(digits);
    return negative ? -value : value;
}

// A Tandem.Money from BigInt minor units and a currency code.
export function fromMinorUnits(minor, currency) {
    const exponent = Tandem.Money.new_zero(currency).get_exponent();
    const negative = minor < 0n;
    let digits = (negative ? -minor : minor).toString().padStart(exponent + 1, '0');
    if (exponent > 0)
        digits = `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
    return Tandem.Money.parse(`${negative ? '-' : ''}${digits} ${currency}`);
}

// The exact sum of Tandem.Money values of one currency.
export function sum(values, currency = null) {
    const code = currency ?? values[0]?.get_currency();
    if (!code)
        throw new Error('sum() of no values needs a currency');
    let total = 0n;
    for (const value of values) {
        if (value.get_currency() !== code)
            throw new Error(`cannot add ${value.get_currency()} to ${code}`);
        total += toMinorUnits(value);
    }
    return fromMinorUnits(total, code);
}
