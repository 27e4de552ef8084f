// SPDX-License-Identifier: LGPL-2.1-or-later
// The core types through GObject-Introspection (GJS).
import Gio from 'gi://Gio';
import GLib from 'gi://GLib';
import Tandem from 'gi://Tandem?version=1.0';

import {test, assert, assertEqual, assertThrows, run} from './harness.js';

const money = text => Tandem.Money.parse(text);

test('money parses and formats through strings', () => {
    const m = money('1234.56 EUR');
    assertEqual(m.get_currency(), 'EUR');
    assertEqual(m.to_string(), '1234.56 EUR');
    assertEqual(Tandem.Money.new(1200, 'JPY').to_string(), '1200 JPY');
});

test('bad values raise instead of printing a warning', () => {
    let e = assertThrows(() => Tandem.Money.new(5, 'xx'));
    assert(e.matches(Tandem.money_error_quark(), Tandem.MoneyError.UNKNOWN_CURRENCY), `${e}`);
    e = assertThrows(() => Tandem.Money.new(5, 'EUR').compare(Tandem.Money.new(5, 'USD')));
    assert(e.matches(Tandem.money_error_quark(), Tandem.MoneyError.CURRENCY_MISMATCH), `${e}`);
    assert(Tandem.Money.new(5, 'EUR').compare(Tandem.Money.new(7, 'EUR')) < 0);
    e = assertThrows(() => Tandem.time_parse('2026-02-30T10:00:00Z', null));
    assert(e.message.includes('February 2026 has 28 days'), e.message);
    assertEqual(money('123456 JPY').to_display_string(false), '123,456');
    assertEqual(money('0.037 KWD').to_display_string(true), '0.037 KWD');
});

test('money beyond 2^53 stays exact on the string path', () => {
    // 2^62 + 1 cents cannot be a JS number; the string path keeps it exact.
    const text = '46116860184273879.05 EUR';
    const m = money(text);
    assertEqual(m.to_string(), text);
    const sum = m.add(money('0.01 EUR'));
    assertEqual(sum.to_string(), '46116860184273879.06 EUR');
});

test('money errors carry domain, code and the input', () => {
    const e = assertThrows(() => money('1.234 EUR'));
    assert(e.matches(Tandem.money_error_quark(), Tandem.MoneyError.TOO_MANY_DECIMALS), `${e}`);
    assert(e.message.includes('1.234 EUR'));
    assertThrows(() => money('12 XYZ'),
        err => err.matches(Tandem.money_error_quark(), Tandem.MoneyError.UNKNOWN_CURRENCY));
});

test('money arithmetic, rates and allocation', () => {
    assertEqual(money('10.25 EUR').add(money('0.75 EUR')).to_string(), '11.00 EUR');
    assertEqual(money('0.10 EUR').multiply_percent('5%').to_string(), '0.01 EUR');
    const parts = money('99.99 EUR').allocate([75, 25]);
    assertEqual(parts.map(p => p.to_string()).join(' + '), '74.99 EUR + 25.00 EUR');
    const thirds = money('100.00 EUR').allocate([1, 1, 1]);
    assertEqual(thirds.map(p => p.to_string()).join(' + '), '33.34 EUR + 33.33 EUR + 33.33 EUR');
});

test('reps, tandems, accounts and activities', () => {
    const inside = Tandem.Rep.new('Anna Schäfer', Tandem.Role.INSIDE);
    const field = Tandem.Rep.new('Jonas Becker', Tandem.Role.FIELD);
    const team = Tandem.Team.new('Nord', inside, field);
    assertEqual(team.inside_rep.name, 'Anna Schäfer');
    assertEqual(team.field_rep.role, Tandem.Role.FIELD);
    assertEqual(team.inside_share, Tandem.INSIDE_SHARE_UNSET);
    team.set_inside_share(4000);
    assertEqual(team.inside_share, 4000);
    assertThrows(() => Tandem.Team.new('x', field, inside),
        e => e.matches(Tandem.validation_error_quark(), Tandem.ValidationError.INVALID_ROLE));

    const account = Tandem.Account.new('Ölmühle Größe & Söhne', team);
    let notified = 0;
    account.connect('notify::category', () => notified++);
    account.category = Tandem.Category.A;
    account.category = Tandem.Category.A;
    assertEqual(notified, 1);
    assertEqual(account.team.name, 'Nord');

    const when = GLib.DateTime.new_from_iso8601('2026-11-03T10:00:00Z', null);
    const order = Tandem.Activity.new(account, field, Tandem.ActivityKind.ORDER,
        money('1200.00 EUR'), when);
    assertEqual(order.amount.to_string(), '1200.00 EUR');
    assertEqual(order.kind, Tandem.ActivityKind.ORDER);
    const reversal = Tandem.Activity.new_reversal(order, inside, null, when);
    assertEqual(reversal.reverses, order);
    assertThrows(() => Tandem.Activity.new(account, field, Tandem.ActivityKind.UP_SELL, null, when));
    assertEqual(Tandem.activity_kind_to_nick(Tandem.ActivityKind.CROSS_SELL), 'cross-sell');
});

test('the JSON writer writes what json-glib would, to memory and to a stream', () => {
    const write = w => {
        w.begin_object();
        w.member('name');
        w.add_string('Jörg "J" Weiß');
        w.member('amount');
        w.add_string('46116860184273879.05 EUR');
        w.member('n');
        w.add_int(2);
        w.member('ok');
        w.add_boolean(false);
        w.member('none');
        w.add_null();
        w.end_object();
        assert(w.finish());
    };
    const expected = '{\n  "name" : "Jörg \\"J\\" Weiß",\n  "amount" : "46116860184273879.05 EUR",\n' +
        '  "n" : 2,\n  "ok" : false,\n  "none" : null\n}';
    const mem = Tandem.JsonWriter.new(null, null);
    write(mem);
    assertEqual(mem.steal_text(), expected);
    const out = Gio.MemoryOutputStream.new_resizable();
    write(Tandem.JsonWriter.new(out, null));
    out.close(null);
    assertEqual(new TextDecoder().decode(out.steal_as_bytes().toArray()), expected);
    assertEqual(JSON.parse(expected).amount, '46116860184273879.05 EUR');
});

run();
