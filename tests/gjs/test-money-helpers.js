// SPDX-License-Identifier: LGPL-2.1-or-later
// The GJS money helpers in bindings/gjs: exact sums beyond 2^53.
import Tandem from 'gi://Tandem?version=1.0';

import * as TandemMoney from '../../bindings/gjs/money.js';
import {test, assertEqual, assertThrows, run} from './harness.js';

test('minor units as BigInt, both ways', () => {
    const m = Tandem.Money.parse('46116860184273879.05 EUR');
    assertEqual(TandemMoney.toMinorUnits(m), 4611686018427387905n);
    assertEqual(TandemMoney.fromMinorUnits(-5n, 'EUR').to_string(), '-0.05 EUR');
    assertEqual(TandemMoney.fromMinorUnits(1200n, 'JPY').to_string(), '1200 JPY');
    assertEqual(TandemMoney.fromMinorUnits(1250n, 'KWD').to_string(), '1.250 KWD');
});

test('exact sums where doubles would round', () => {
    // 2^53 + 1 cents: a double cannot hold it
    const a = Tandem.Money.parse('90071992547409.93 EUR');
    const b = Tandem.Money.parse('0.01 EUR');
    assertEqual(TandemMoney.sum([a, b, b]).to_string(), '90071992547409.95 EUR');
    assertThrows(() => TandemMoney.sum([a, Tandem.Money.parse('1 JPY')]));
    assertEqual(TandemMoney.sum([], 'EUR').to_string(), '0.00 EUR');
});

run();
