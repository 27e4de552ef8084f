# SPDX-License-Identifier: LGPL-2.1-or-later
"""The book extract (HGB §87c(2)) against the settlements of the same periods.

Every figure below is worked out by hand in the comments; the extract is
then compared, entry by entry, with the payout lines of the settlements of
its periods (one closed, one open), under pay on order and pay on
collection.
"""

import gi

gi.require_version('Tandem', '1.0')
from gi.repository import Gio, GLib, Tandem  # noqa: E402

import pytest  # noqa: E402

from test_comp import PLAN, when  # noqa: E402

M = Tandem.Money.parse


def make_world(plan_text):
    store = Tandem.Store.new_in_memory()
    inside = store.add_rep('Anna Schäfer', Tandem.Role.INSIDE)
    field = store.add_rep('Jonas Becker', Tandem.Role.FIELD)
    team = Tandem.Team.new('Nord', inside, field)
    team.props.target = M('5000.00 EUR')
    team = store.save_team(team, when('2026-01-01T00:00:00Z'))
    account = store.save_account(Tandem.Account.new('ACME GmbH', team),
                                 when('2026-01-01T00:00:00Z'))
    plan = Tandem.Plan.new_from_data(plan_text, -1)
    Tandem.Plan.add(store, plan)
    return store, plan, inside, field, account


def rows(extract):
    return [(e.props.activity.props.id, e.props.activity.props.amount.to_string(),
             e.props.reversed.to_string(), e.props.paid_by_customer.to_string(),
             e.props.earned.to_string(), e.props.paid_out.to_string(), e.props.held.to_string())
            for e in extract]


def paid_by_settlements(store, plan, rep, labels):
    """activity id of the business → what the settlements' lines paid for it"""
    paid = {}
    for label in labels:
        s = Tandem.Settlement.new(store, plan, plan.parse_period(label))
        for line in s.get_lines_for_rep(rep):
            if line.props.kind not in (Tandem.LineKind.COMMISSION, Tandem.LineKind.ACCELERATOR,
                                       Tandem.LineKind.CLAWBACK):
                continue
            a = line.props.activity
            order = a.get_reverses() if a.props.kind == Tandem.ActivityKind.REVERSAL else a
            paid[order.props.id] = paid.get(order.props.id, 0) + line.props.amount.get_minor_units()
    return paid


def check_against_settlements(store, plan, rep, extract, labels):
    paid = paid_by_settlements(store, plan, rep, labels)
    assert sorted(paid) == sorted(e.props.activity.props.id for e in extract)
    for e in extract:
        assert e.props.paid_out.get_minor_units() == paid[e.props.activity.props.id]
    last = Tandem.Settlement.new(store, plan, plan.parse_period(labels[-1]))
    assert extract.props.held.to_string() == last.get_held_for_rep(rep).to_string()


def test_pay_on_order_closed_and_open():
    store, plan, inside, field, account = make_world(PLAN)
    order = store.log_activity(account, field, Tandem.ActivityKind.ORDER, M('1000.00 EUR'),
                               when('2026-10-05T10:00:00Z'))
    store.log_activity(account, inside, Tandem.ActivityKind.CROSS_SELL, M('2000.00 EUR'),
                       when('2026-10-20T10:00:00Z'))
    Tandem.Settlement.close(store, plan, plan.parse_period('2026-10'))
    store.save_activity(Tandem.Activity.new_reversal(order, field, M('400.00 EUR'),
                                                     when('2026-11-10T10:00:00Z')))
    store.log_activity(account, field, Tandem.ActivityKind.ORDER, M('3000.00 EUR'),
                       when('2026-11-15T10:00:00Z'))

    x = Tandem.BookExtract.new(store, None, inside, plan.parse_period('2026-10'),
                               plan.parse_period('2026-11'), None)
    # order 1: 5% of 1,000 = 50, Anna 40% = 20.00; the reversal of 400 takes
    #   back 50 × 400/1,000 = 20, split 20:30 by what each earned: Anna 8.00
    #   → paid out 20.00 − 8.00 = 12.00
    # cross-sell 2: 5% of 2,000 = 100, Anna 70% = 70.00
    # order 4 (3 is the reversal): 5% of 3,000 = 150, Anna 40% = 60.00
    assert rows(x) == [
        (1, '1000.00 EUR', '400.00 EUR', '0.00 EUR', '20.00 EUR', '12.00 EUR', '0.00 EUR'),
        (2, '2000.00 EUR', '0.00 EUR', '0.00 EUR', '70.00 EUR', '70.00 EUR', '0.00 EUR'),
        (4, '3000.00 EUR', '0.00 EUR', '0.00 EUR', '60.00 EUR', '60.00 EUR', '0.00 EUR'),
    ]
    assert (x.props.earned.to_string(), x.props.paid_out.to_string(),
            x.props.held.to_string()) == ('150.00 EUR', '142.00 EUR', '0.00 EUR')
    assert not x.props.final and x.get_n_items() == 3
    assert x.get_item_type() == Tandem.BookEntry.__gtype__
    check_against_settlements(store, plan, inside, x, ['2026-10', '2026-11'])

    # October alone: closed, so final; the reversal is not in it yet
    octo = Tandem.BookExtract.new(store, 'Standard', inside, plan.parse_period('2026-10'),
                                  plan.parse_period('2026-10'), None)
    assert octo.props.final and octo.props.plan_name == 'Standard'
    assert [r[2] for r in rows(octo)] == ['0.00 EUR', '0.00 EUR']
    check_against_settlements(store, plan, inside, octo, ['2026-10'])

    # Jonas: 30.00 on order 1, less 12.00; 30.00 on the cross-sell; 90.00
    jonas = Tandem.BookExtract.new(store, None, field, plan.parse_period('2026-10'),
                                   plan.parse_period('2026-11'), None)
    assert [r[5] for r in rows(jonas)] == ['18.00 EUR', '30.00 EUR', '90.00 EUR']
    check_against_settlements(store, plan, field, jonas, ['2026-10', '2026-11'])


def test_pay_on_collection_closed_and_open():
    store, plan, inside, field, account = make_world(
        PLAN.replace('InsideShare=40%\n', 'InsideShare=40%\nPayOn=payment\n'))
    o1 = store.log_activity(account, field, Tandem.ActivityKind.ORDER, M('1000.00 EUR'),
                            when('2026-10-05T10:00:00Z'))
    o2 = store.log_activity(account, field, Tandem.ActivityKind.ORDER, M('100.00 EUR'),
                            when('2026-10-08T10:00:00Z'))
    for order, amount, at in ((o2, '100.00 EUR', '2026-10-09'), (o1, '250.00 EUR', '2026-10-20')):
        store.save_activity(Tandem.Activity.new_payment(order, inside, M(amount),
                                                        when(at + 'T10:00:00Z')))
    Tandem.Settlement.close(store, plan, plan.parse_period('2026-10'))
    store.save_activity(Tandem.Activity.new_payment(o1, inside, M('250.00 EUR'),
                                                    when('2026-11-03T10:00:00Z')))
    store.save_activity(Tandem.Activity.new_reversal(o1, inside, M('200.00 EUR'),
                                                     when('2026-11-10T10:00:00Z')))
    store.save_activity(Tandem.Activity.new_reversal(o2, inside, M('50.00 EUR'),
                                                     when('2026-11-12T10:00:00Z')))
    o3 = store.log_activity(account, inside, Tandem.ActivityKind.ORDER, M('600.00 EUR'),
                            when('2026-11-20T10:00:00Z'))

    x = Tandem.BookExtract.new(store, None, inside, plan.parse_period('2026-10'),
                               plan.parse_period('2026-11'), None)
    # order 1: Anna earns 40% of 5% of 1,000 = 20.00. Paid 500 of it by the
    #   end of November: 20 × 500/1,000 = 10.00 paid out (5.00 in each
    #   month). Of the 800 left after the reversal, 20 × 800/1,000 = 16.00
    #   is hers: 16.00 − 10.00 = 6.00 held.
    # order 2: earns 2.00, paid in full in October (2.00); reversing 50 of
    #   100 leaves 2 × 50/100 = 1.00 paid: November takes back 1.00. 0 held.
    # order 3: earns 40% of 5% of 600 = 12.00, unpaid: 12.00 held.
    assert rows(x) == [
        (o1.props.id, '1000.00 EUR', '200.00 EUR', '500.00 EUR', '20.00 EUR', '10.00 EUR',
         '6.00 EUR'),
        (o2.props.id, '100.00 EUR', '50.00 EUR', '100.00 EUR', '2.00 EUR', '1.00 EUR',
         '0.00 EUR'),
        (o3.props.id, '600.00 EUR', '0.00 EUR', '0.00 EUR', '12.00 EUR', '0.00 EUR',
         '12.00 EUR'),
    ]
    assert (x.props.earned.to_string(), x.props.paid_out.to_string(),
            x.props.held.to_string()) == ('34.00 EUR', '11.00 EUR', '18.00 EUR')
    check_against_settlements(store, plan, inside, x, ['2026-10', '2026-11'])

    # October alone (closed): order 1 paid 250 → 5.00 out, 15.00 held;
    # order 2 paid in full
    octo = Tandem.BookExtract.new(store, None, inside, plan.parse_period('2026-10'),
                                  plan.parse_period('2026-10'), None)
    assert [r[5:] for r in rows(octo)] == [('5.00 EUR', '15.00 EUR'), ('2.00 EUR', '0.00 EUR')]
    check_against_settlements(store, plan, inside, octo, ['2026-10'])

    # the CSV, as the contract writes it
    out = Gio.MemoryOutputStream.new_resizable()
    assert x.write_csv(out, None)
    out.close(None)
    lines = bytes(out.steal_as_bytes().get_data()).decode().split('\r\n')
    assert lines[0] == ('ref,at,account,kind,amount,reversed,paid_by_customer,earned,paid_out,'
                        'held,currency')
    ref = o1.props.external_ref
    assert lines[1] == f'{ref},2026-10-05T10:00:00Z,ACME GmbH,order,1000.00,200.00,500.00,20.00,' \
                       '10.00,6.00,EUR'
    assert len(lines) == 5 and lines[4] == ''


def test_errors_and_async():
    store, plan, inside, field, account = make_world(PLAN)
    store.log_activity(account, field, Tandem.ActivityKind.ORDER, M('1000.00 EUR'),
                       when('2026-10-05T10:00:00Z'))
    nov, octo = plan.parse_period('2026-11'), plan.parse_period('2026-10')
    with pytest.raises(GLib.Error) as info:
        Tandem.BookExtract.new(store, None, inside, nov, octo, None)
    assert info.value.matches(Tandem.store_error_quark(), Tandem.StoreError.INVALID)
    assert '2026-11 comes after 2026-10' in info.value.message
    with pytest.raises(GLib.Error) as info:
        Tandem.BookExtract.new(store, None, inside, plan.parse_period('2016-01'), nov, None)
    assert 'more than 120 periods' in info.value.message
    with pytest.raises(GLib.Error) as info:
        Tandem.BookExtract.new(store, 'Gold', inside, octo, nov, None)
    assert info.value.matches(Tandem.store_error_quark(), Tandem.StoreError.NOT_FOUND)
    stranger = store.add_rep('Lea Hoffmann', Tandem.Role.INSIDE)
    with pytest.raises(GLib.Error) as info:
        Tandem.BookExtract.new(store, None, stranger, octo, nov, None)
    assert 'Lea Hoffmann' in info.value.message and '2026-10 to 2026-11' in info.value.message

    loop = GLib.MainLoop()
    box = {}

    def done(src, res):
        box['x'] = Tandem.BookExtract.compute_finish(res)
        loop.quit()

    Tandem.BookExtract.compute_async(store, None, inside, octo, nov, None, done)
    loop.run()
    x = box['x']
    assert x.props.rep.props.name == 'Anna Schäfer'
    assert (x.get_property('from').to_string(), x.props.until.to_string()) == ('2026-10', '2026-11')
    assert x.get_from().to_string() == '2026-10' and x.get_until().to_string() == '2026-11'
    assert x.get_rep().props.id == inside.props.id and x.get_plan_name() == 'Standard'
    assert not x.get_final() and x.get_held().to_string() == '0.00 EUR'
    assert x.get_earned().to_string() == '20.00 EUR' and x.get_paid_out().to_string() == '20.00 EUR'
    out = Gio.MemoryOutputStream.new_resizable()
    assert x.write_pdf(out, None)
    out.close(None)
    assert bytes(out.steal_as_bytes().get_data()).startswith(b'%PDF-')
    closed = Gio.MemoryOutputStream.new_resizable()
    closed.close(None)
    with pytest.raises(GLib.Error) as info:
        x.write_csv(closed, None)
    assert info.value.matches(Gio.io_error_quark(), Gio.IOErrorEnum.CLOSED)
