# SPDX-License-Identifier: LGPL-2.1-or-later
"""The core types through GObject-Introspection (PyGObject)."""

import gi

gi.require_version('Tandem', '1.0')
from gi.repository import GLib, Tandem  # noqa: E402

import pytest  # noqa: E402


def money(text):
    return Tandem.Money.parse(text)


def test_money_parse_and_format():
    m = money('1234.56 EUR')
    assert m.get_minor_units() == 123456
    assert m.get_currency() == 'EUR'
    assert m.get_exponent() == 2
    assert m.to_string() == '1234.56 EUR'
    assert Tandem.Money.new(1200, 'JPY').to_string() == '1200 JPY'
    assert money('-0.05 EUR').is_negative()
    assert Tandem.Money.new_zero('KWD').to_string() == '0.000 KWD'


@pytest.mark.parametrize('text,code', [
    ('garbage', Tandem.MoneyError.INVALID),
    ('1 XYZ', Tandem.MoneyError.UNKNOWN_CURRENCY),
    ('1.234 EUR', Tandem.MoneyError.TOO_MANY_DECIMALS),
    ('92233720368547758.08 EUR', Tandem.MoneyError.OVERFLOW),
])
def test_money_errors(text, code):
    with pytest.raises(GLib.Error) as info:
        Tandem.Money.parse(text)
    assert info.value.domain == 'tandem-money-error-quark'
    assert info.value.code == int(code)
    assert text in info.value.message


def test_money_arithmetic_and_rates():
    a, b = money('10.25 EUR'), money('0.75 EUR')
    assert a.add(b).to_string() == '11.00 EUR'
    assert b.subtract(a).to_string() == '-9.50 EUR'
    assert a.negate().to_string() == '-10.25 EUR'
    assert a.compare(b) > 0 and a.equal(a) and not a.is_zero()
    assert money('0.10 EUR').multiply_percent('5%').to_string() == '0.01 EUR'
    assert money('-0.10 EUR').multiply_basis_points(500).to_string() == '-0.01 EUR'
    with pytest.raises(GLib.Error) as info:
        a.add(money('1 JPY'))
    assert info.value.code == int(Tandem.MoneyError.CURRENCY_MISMATCH)


def test_money_allocate():
    parts = money('99.99 EUR').allocate([75, 25])
    assert [p.to_string() for p in parts] == ['74.99 EUR', '25.00 EUR']
    parts = money('100.00 EUR').allocate([1, 1, 1])
    assert [p.to_string() for p in parts] == ['33.34 EUR', '33.33 EUR', '33.33 EUR']
    with pytest.raises(GLib.Error):
        money('1.00 EUR').allocate([0, 0])


def test_money_large_values_are_exact():
    big = Tandem.Money.new(2**62 + 1, 'EUR')
    assert big.get_minor_units() == 2**62 + 1
    assert Tandem.Money.parse(big.to_string()).equal(big)


def test_rep_team_account_activity():
    inside = Tandem.Rep.new('Anna Schäfer', Tandem.Role.INSIDE)
    field = Tandem.Rep.new('Jonas Becker', Tandem.Role.FIELD)
    assert inside.props.name == 'Anna Schäfer'
    assert inside.props.role == Tandem.Role.INSIDE
    assert inside.props.id == 0

    team = Tandem.Team.new('Nord', inside, field)
    assert team.props.inside_rep is inside
    assert team.props.field_rep is field
    assert team.props.inside_share == Tandem.INSIDE_SHARE_UNSET
    team.set_inside_share(4000)
    team.props.target = money('50000.00 EUR')
    assert team.props.target.to_string() == '50000.00 EUR'
    with pytest.raises(GLib.Error) as info:
        Tandem.Team.new('Falsch', field, inside)
    assert info.value.code == int(Tandem.ValidationError.INVALID_ROLE)
    with pytest.raises(GLib.Error):
        team.set_inside_share(12000)

    notified = []
    account = Tandem.Account.new('Ölmühle Größe & Söhne', team)
    account.connect('notify::stage', lambda *a: notified.append('stage'))
    account.props.stage = Tandem.AccountStage.CUSTOMER
    account.props.stage = Tandem.AccountStage.CUSTOMER
    assert notified == ['stage']
    assert account.props.category == Tandem.Category.C
    assert account.props.team is team
    assert account.props.referred_by is None

    when = GLib.DateTime.new_from_iso8601('2026-11-03T10:00:00Z', None)
    order = Tandem.Activity.new(account, field, Tandem.ActivityKind.ORDER,
                                money('1200.00 EUR'), when)
    assert order.props.kind == Tandem.ActivityKind.ORDER
    assert order.props.amount.to_string() == '1200.00 EUR'
    assert order.props.occurred_at.to_unix() == when.to_unix()
    reversal = Tandem.Activity.new_reversal(order, inside, None, when)
    assert reversal.props.reverses is order
    with pytest.raises(GLib.Error) as info:
        Tandem.Activity.new(account, field, Tandem.ActivityKind.ORDER, None, when)
    assert 'order' in info.value.message


def test_enum_nicks():
    assert Tandem.activity_kind_to_nick(Tandem.ActivityKind.CROSS_SELL) == 'cross-sell'
    ok, kind = Tandem.activity_kind_from_nick('up-sell')
    assert ok and kind == Tandem.ActivityKind.UP_SELL
    with pytest.raises(GLib.Error):
        Tandem.activity_kind_from_nick('nonsense')
    assert Tandem.activity_kind_is_commissionable(Tandem.ActivityKind.ORDER)


def test_bad_values_raise_instead_of_warning():
    with pytest.raises(GLib.Error) as e:
        Tandem.Money.new(5, 'xx')
    assert e.value.matches(Tandem.money_error_quark(), Tandem.MoneyError.UNKNOWN_CURRENCY)
    with pytest.raises(GLib.Error):
        Tandem.Money.new_zero('nope')
    with pytest.raises(GLib.Error) as e:
        Tandem.Money.new(5, 'EUR').compare(Tandem.Money.new(5, 'USD'))
    assert e.value.matches(Tandem.money_error_quark(), Tandem.MoneyError.CURRENCY_MISMATCH)
    assert Tandem.Money.new(5, 'EUR').compare(Tandem.Money.new(7, 'EUR')) < 0
    with pytest.raises(GLib.Error) as e:
        Tandem.time_parse('2026-02-30T10:00:00Z', None)
    assert 'February 2026 has 28 days' in e.value.message
    assert Tandem.time_parse('2026-11-03T10:00:00Z', None).get_day_of_month() == 3


def test_display_string_uses_the_currency_exponent():
    assert Tandem.Money.new(123456, 'JPY').to_display_string(False) == '123,456'
    assert Tandem.Money.new(37, 'KWD').to_display_string(True) == '0.037 KWD'
    assert money('1234.56 EUR').to_display_string(True) == '1,234.56 EUR'
    assert not Tandem.activity_kind_takes_amount(Tandem.ActivityKind.CALL)
    assert Tandem.activity_kind_takes_amount(Tandem.ActivityKind.OFFER)


def test_json_writer_memory_and_stream():
    from gi.repository import Gio
    expected = ('{\n  "name" : "Jörg \\"J\\" Weiß",\n  "id" : 7,\n  "ok" : true,\n'
                '  "held" : null,\n  "lines" : [\n    "24.00 EUR",\n    -3\n  ],\n'
                '  "empty" : [],\n  "none" : {  }\n}')
    # the same bytes as json-glib's pretty generator writes for the same tree
    gi.require_version('Json', '1.0')
    from gi.repository import Json
    parser = Json.Parser()
    parser.load_from_data(expected, -1)
    gen = Json.Generator()
    gen.set_root(parser.get_root())
    gen.set_pretty(True)
    gen.set_indent(2)
    assert gen.to_data()[0] == expected
    for out in (None, Gio.MemoryOutputStream.new_resizable()):
        w = Tandem.JsonWriter.new(out, None)
        w.begin_object()
        w.member('name')
        w.add_string('Jörg "J" Weiß')
        w.member('id')
        w.add_int(7)
        w.member('ok')
        w.add_boolean(True)
        w.member('held')
        w.add_string(None)
        w.member('lines')
        w.begin_array()
        w.add_string('24.00 EUR')
        w.add_int(-3)
        w.end_array()
        w.member('empty')
        w.begin_array()
        w.end_array()
        w.member('none')
        w.begin_object()
        w.end_object()
        w.end_object()
        assert w.finish()
        if out is None:
            assert w.steal_text() == expected
            assert w.steal_text() == ''
        else:
            out.close(None)
            assert bytes(out.steal_as_bytes().get_data()).decode() == expected
