// SPDX-License-Identifier: LGPL-2.1-or-later
// A small test harness for GJS: named tests, assertions, a summary, and a
// non-zero exit status on any failure.
import GLib from 'gi://GLib';
import System from 'system';

const tests = [];

export function test(name, fn) {
    tests.push({name, fn});
}

export function assert(cond, message = 'assertion failed') {
    if (!cond)
        throw new Error(message);
}

export function assertEqual(actual, expected, message = '') {
    if (actual !== expected)
        throw new Error(`${message} expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

export function assertThrows(fn, check = () => true, message = 'expected an error') {
    try {
        fn();
    } catch (e) {
        if (!check(e))
            throw new Error(`${message}: wrong error ${e}`);
        return e;
    }
    throw new Error(message);
}

// Runs the tests and returns the exit status (0 when all passed).
export async function runTests() {
    let failed = 0;
    for (const {name, fn} of tests) {
        try {
            // eslint-disable-next-line no-await-in-loop
            await fn();
            print(`ok - ${name}`);
        } catch (e) {
            failed++;
            printerr(`not ok - ${name}: ${e}\n${e.stack}`);
        }
    }
    print(`${tests.length - failed} passed, ${failed} failed`);
    return failed === 0 && tests.length > 0 ? 0 : 1;
}

// Runs the tests inside a GLib main loop, so that async calls can
// complete, and exits with their status once the loop has stopped.
export function run() {
    const loop = new GLib.MainLoop(null, false);
    let status = 1;
    runTests().then(s => {
        status = s;
    }).finally(() => loop.quit());
    loop.run();
    System.exit(status);
}
