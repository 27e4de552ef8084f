// SPDX-License-Identifier: LGPL-2.1-or-later
// The account lifecycle, conversion rates and KPIs from GJS.
import GLib from 'gi://GLib';
import Tandem from 'gi://Tandem?version=1.0';

import {test, assert, assertEqual, assertThrows, run} from './harness.js';

const utc = (y, m, d) => GLib.DateTime.new_utc(y, m, d, 10, 0, 0);

function tandem(store) {
    const anna = store.add_rep('Anna Schäfer', Tandem.Role.INSIDE);
    const jonas = store.add_rep('Jonas Becker', Tandem.Role.FIELD);
    const team = store.save_team(Tandem.Team.new('Nord', anna, jonas), utc(2025, 1, 1));
    return [anna, jonas, team];
}

function account(store, name, team) {
    return store.save_account(Tandem.Account.new(name, team), utc(2025, 12, 1));
}

test('orders move the stage; each change has its cause and order', () => {
    const store = Tandem.Store.new_in_memory();
    const [anna, , team] = tandem(store);
    const acme = account(store, 'ACME GmbH', team);
    const first = store.log_activity(acme, anna, Tandem.ActivityKind.ORDER,
        Tandem.Money.parse('100.00 EUR'), utc(2026, 1, 10));
    assertEqual(acme.stage, Tandem.AccountStage.CUSTOMER);
    const history = Tandem.StageChange.list(store, acme);
    assertEqual(history.get_n_items(), 2);
    const change = history.get_item(1);
    assert(change instanceof Tandem.StageChange);
    assertEqual(change.cause, Tandem.StageCause.FIRST_ORDER);
    assertEqual(change.activity_id, first.id);
    const made = Tandem.LifecycleRules.apply(store, utc(2027, 3, 1));
    assertEqual(made.get_n_items(), 1);
    assertEqual(made.get_item(0).cause, Tandem.StageCause.NO_ORDERS);
    assertEqual(acme.stage, Tandem.AccountStage.LOST);
});

test('lifecycle rules: stored, validated, key file', () => {
    const store = Tandem.Store.new_in_memory();
    const rules = Tandem.LifecycleRules.load(store);
    assert(rules instanceof Tandem.LifecycleRules);
    assertEqual(rules.regular_orders, 3);
    rules.lost_after_days = 90;
    Tandem.LifecycleRules.save(store, rules);
    assertEqual(Tandem.LifecycleRules.load(store).lost_after_days, 90);
    rules.regular_months = 0;
    assertThrows(() => Tandem.LifecycleRules.save(store, rules));
    assertEqual(Tandem.LifecycleRules.new_from_data('[Lifecycle]\nRegularMonths=6\n', -1).regular_months, 6);
    assertThrows(() => Tandem.LifecycleRules.new_from_data('[Lifecycle]\nBogus=1\n', -1));
});

test('conversions and KPIs per tandem', () => {
    const store = Tandem.Store.new_in_memory();
    const [anna, jonas, team] = tandem(store);
    team.target = Tandem.Money.parse('2000.00 EUR');
    store.update_team(team);
    const a = account(store, 'Neu OHG', team);
    store.log_activity(a, anna, Tandem.ActivityKind.ORDER, Tandem.Money.parse('1500.00 EUR'), utc(2026, 11, 3));
    store.log_activity(a, jonas, Tandem.ActivityKind.UP_SELL, Tandem.Money.parse('500.00 EUR'), utc(2026, 11, 9));
    store.log_activity(a, anna, Tandem.ActivityKind.REFERRAL, null, utc(2026, 11, 10));

    const conv = Tandem.Conversion.compute(store, utc(2026, 11, 1), utc(2026, 12, 1)).get_item(0);
    assert(conv instanceof Tandem.Conversion);
    assertEqual(conv.won, 1);
    assertEqual(conv.win_rate, 10000);
    assertEqual(conv.promotion_rate, 0);

    const plan = Tandem.Plan.new_from_data('[Plan]\nName=S\nCurrency=EUR\nPeriod=month\nCommissionRate=5%\nInsideShare=40%\n', -1);
    const kpis = Tandem.Kpi.compute(store, plan, Tandem.Period.parse('2026-11'));
    const k = kpis.get_item(0);
    assert(k instanceof Tandem.Kpi);
    assertEqual(k.team, team);
    // money reaches JavaScript through its exact string form
    assertEqual(k.revenue.to_string(), '2000.00 EUR');
    assertEqual(k.inside_revenue.to_string(), '1500.00 EUR');
    assertEqual(k.cross_up_revenue.to_string(), '500.00 EUR');
    assertEqual(k.attainment, 10000);
    assertEqual(k.inside_share, 7500);
    assertEqual(k.cross_up_share, 2500);
    assertEqual(k.new_customers, 1);
    assertEqual(k.referrals_collected, 1);
    assertEqual(k.get_activity_count(Tandem.ActivityKind.UP_SELL), 1);
    assertEqual(k.conversion.won, 1);
    assertEqual(k.target.to_string(), '2000.00 EUR');
});

run();
