// SPDX-License-Identifier: LGPL-2.1-or-later
// Split a commission pool between tandem members, exactly (see split.c).
// An ES module: run it with  gjs -m split.js "1200.00 EUR" 40 60
import System from 'system';
import Tandem from 'gi://Tandem?version=1.0';

const [text, ...weights] = ARGV;
if (text === undefined || weights.length === 0) {
    printerr(`usage: gjs -m ${System.programInvocationName} AMOUNT WEIGHT...   e.g. "1200.00 EUR" 40 60`);
    System.exit(1);
}
if (!weights.every(w => /^[0-9]+$/.test(w))) {
    printerr('a weight must be a whole number');
    System.exit(2);
}
try {
    const parts = Tandem.Money.parse(text).allocate(weights.map(Number));
    parts.forEach((part, i) => print(`part ${i + 1}: ${part.to_string()}`));
} catch (e) {
    printerr(e.message);
    System.exit(2);
}
