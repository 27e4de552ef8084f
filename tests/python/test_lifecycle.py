# SPDX-License-Identifier: LGPL-2.1-or-later
"""The account lifecycle, conversion rates and KPIs from Python."""

import gi

gi.require_version('Tandem', '1.0')
from gi.repository import GLib, Tandem  # noqa: E402

import pytest  # noqa: E402

PLAN = '''[Plan]
Name=Standard
Currency=EUR
Period=month
CommissionRate=5%
InsideShare=40%
'''


def utc(y, m, d):
    return GLib.DateTime.new_utc(y, m, d, 10, 0, 0)


def tandem(store):
    anna = store.add_rep('Anna Schäfer', Tandem.Role.INSIDE)
    jonas = store.add_rep('Jonas Becker', Tandem.Role.FIELD)
    team = store.save_team(Tandem.Team.new('Nord', anna, jonas), utc(2025, 1, 1))
    return anna, jonas, team


def account(store, name, team, stage=Tandem.AccountStage.PROSPECT):
    draft = Tandem.Account.new(name, team)
    draft.props.stage = stage
    return store.save_account(draft, utc(2025, 12, 1))


def test_orders_move_the_stage_and_every_change_is_recorded():
    store = Tandem.Store.new_in_memory()
    anna, jonas, team = tandem(store)
    acme = account(store, 'ACME GmbH', team)
    first = store.log_activity(acme, anna, Tandem.ActivityKind.ORDER,
                               Tandem.Money.parse('100.00 EUR'), utc(2026, 1, 10))
    assert acme.props.stage == Tandem.AccountStage.CUSTOMER
    for month in (3, 6):
        store.log_activity(acme, jonas, Tandem.ActivityKind.UP_SELL,
                           Tandem.Money.parse('50.00 EUR'), utc(2026, month, 1))
    assert acme.props.stage == Tandem.AccountStage.REGULAR
    history = list(Tandem.StageChange.list(store, acme))
    assert [(c.props.stage, c.props.cause) for c in history] == [
        (Tandem.AccountStage.PROSPECT, Tandem.StageCause.CREATED),
        (Tandem.AccountStage.CUSTOMER, Tandem.StageCause.FIRST_ORDER),
        (Tandem.AccountStage.REGULAR, Tandem.StageCause.REPEAT_ORDERS)]
    assert history[1].props.activity_id == first.props.id
    assert Tandem.stage_cause_to_nick(history[2].props.cause) == 'repeat-orders'

    made = list(Tandem.LifecycleRules.apply(store, utc(2027, 7, 1)))
    assert len(made) == 1 and made[0].props.cause == Tandem.StageCause.NO_ORDERS
    assert made[0].props.changed_at.format('%F') == '2027-06-01'
    assert acme.props.stage == Tandem.AccountStage.LOST


def test_rules_are_stored_and_validated():
    store = Tandem.Store.new_in_memory()
    rules = Tandem.LifecycleRules.load(store)
    assert (rules.props.regular_orders, rules.props.regular_months, rules.props.lost_after_days) == (3, 12, 365)
    rules.props.regular_orders = 2
    rules.props.lost_after_days = 0
    Tandem.LifecycleRules.save(store, rules)
    assert Tandem.LifecycleRules.load(store).props.regular_orders == 2
    rules.props.regular_months = 500
    with pytest.raises(GLib.Error) as e:
        Tandem.LifecycleRules.save(store, rules)
    assert e.value.matches(Tandem.validation_error_quark(), Tandem.ValidationError.OUT_OF_RANGE)
    assert 'regular-months 500' in e.value.message
    parsed = Tandem.LifecycleRules.new_from_data('[Lifecycle]\nRegularOrders=5\n', -1)
    assert parsed.props.regular_orders == 5
    with pytest.raises(GLib.Error) as e:
        Tandem.LifecycleRules.new_from_data('[Lifecycle]\nRegularOrders=-1\n', -1)
    assert 'RegularOrders=-1' in e.value.message


def test_conversions_and_kpis():
    store = Tandem.Store.new_in_memory()
    anna, jonas, team = tandem(store)
    team.props.target = Tandem.Money.parse('1000.00 EUR')
    store.update_team(team)
    new = account(store, 'Neu OHG', team)
    old = account(store, 'Alt KG', team, Tandem.AccountStage.CUSTOMER)
    account(store, 'Noch nicht AG', team)
    store.log_activity(new, anna, Tandem.ActivityKind.ORDER, Tandem.Money.parse('600.00 EUR'), utc(2026, 11, 3))
    store.log_activity(old, jonas, Tandem.ActivityKind.CROSS_SELL, Tandem.Money.parse('200.00 EUR'), utc(2026, 11, 4))
    store.log_activity(old, anna, Tandem.ActivityKind.CALL, None, utc(2026, 11, 5))

    conv = list(Tandem.Conversion.compute(store, utc(2026, 11, 1), utc(2026, 12, 1)))
    assert len(conv) == 1 and conv[0].props.team == team
    assert (conv[0].props.prospects, conv[0].props.won, conv[0].props.win_rate) == (2, 1, 5000)

    plan = Tandem.Plan.new_from_data(PLAN, -1)
    kpis = list(Tandem.Kpi.compute(store, plan, Tandem.Period.parse('2026-11')))
    assert len(kpis) == 1
    k = kpis[0]
    assert isinstance(k, Tandem.Kpi) and k.props.team == team
    assert k.props.revenue.to_string() == '800.00 EUR'
    assert k.props.target.to_string() == '1000.00 EUR'
    assert k.props.attainment == 8000
    assert k.props.cross_up_share == 2500 and k.props.cross_up_revenue.to_string() == '200.00 EUR'
    assert k.props.inside_share == 7500 and k.props.inside_revenue.to_string() == '600.00 EUR'
    assert k.props.new_customers == 1
    assert k.props.referrals_collected == 0 and k.props.referrals_converted == 0
    assert k.get_activity_count(Tandem.ActivityKind.CALL) == 1
    assert k.props.conversion.props.won == 1
    with pytest.raises(GLib.Error):
        Tandem.Conversion.compute(store, utc(2026, 12, 1), utc(2026, 11, 1))
