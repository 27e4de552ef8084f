// SPDX-License-Identifier: LGPL-2.1-or-later
// Plans and settlements from GJS: per-rep statements with money as strings.
import GLib from 'gi://GLib';
import Tandem from 'gi://Tandem?version=1.0';

import {test, assert, assertEqual, assertThrows, run} from './harness.js';

const PLAN = `[Plan]
Name=Standard
Currency=EUR
TimeZone=Europe/Berlin
CommissionRate=5%
InsideShare=40%

[Cap]
PerRep=100.00 EUR
`;

const when = iso => GLib.DateTime.new_from_iso8601(iso, null);

function world() {
    const store = Tandem.Store.new_in_memory();
    const inside = store.add_rep('Anna Schäfer', Tandem.Role.INSIDE);
    const field = store.add_rep('Jonas Becker', Tandem.Role.FIELD);
    const team = store.save_team(Tandem.Team.new('Nord', inside, field), when('2026-01-01T00:00:00Z'));
    const account = store.save_account(Tandem.Account.new('ACME GmbH', team), when('2026-01-01T00:00:00Z'));
    return {store, inside, field, account, plan: Tandem.Plan.new_from_data(PLAN, -1)};
}

test('per-rep statements, caps and totals as strings', () => {
    const {store, inside, field, account, plan} = world();
    store.log_activity(account, field, Tandem.ActivityKind.ORDER,
        Tandem.Money.parse('5000.00 EUR'), when('2026-11-03T10:00:00Z'));
    const s = store.settle(plan, plan.parse_period('2026-11'));
    const lines = s.get_lines_for_rep(field);
    const got = [];
    for (let i = 0; i < lines.get_n_items(); i++) {
        const l = lines.get_item(i);
        got.push(`${l.kind}:${l.amount.to_string()}`);
    }
    // 5% of 5,000 = 250 → inside 100, field 150, cut to 100 by the cap
    assertEqual(got.join(' '), `${Tandem.LineKind.COMMISSION}:150.00 EUR ${Tandem.LineKind.CAP}:-50.00 EUR`);
    assertEqual(s.get_total_for_rep(inside).to_string(), '100.00 EUR');
    assertEqual(s.get_total().to_string(), '200.00 EUR');
    assert(lines.get_item(1).explanation.includes('cap'));
    const data = JSON.parse(s.to_json());
    assertEqual(data.reps[1].lines[1].kind, 'cap');
});

test('plan errors name group, key and value', () => {
    assertThrows(() => Tandem.Plan.new_from_data(PLAN.replace('PerRep=100.00 EUR', 'PerRep=100'), -1),
        e => e.matches(Tandem.plan_error_quark(), Tandem.PlanError.INVALID_VALUE) &&
             e.message.includes('[Cap] PerRep=100'));
});

run();
