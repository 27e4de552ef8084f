# SPDX-License-Identifier: LGPL-2.1-or-later
"""Plans and settlements from Python: statements per rep, JSON, async, closing."""

import hashlib
import json

import gi

gi.require_version('Tandem', '1.0')
from gi.repository import Gio, GLib, Tandem  # noqa: E402

import pytest  # noqa: E402

PLAN = '''[Plan]
Name=Standard
Currency=EUR
Period=month
TimeZone=Europe/Berlin
CommissionRate=5%
InsideShare=40%

[Kind cross-sell]
InsideShare=70%

[TeamBonus]
Attainment=100%
Amount=1000.00 EUR
Split=equal

[Clawback]
WindowDays=90
'''


def when(text):
    return GLib.DateTime.new_from_iso8601(text, None)


@pytest.fixture
def world():
    store = Tandem.Store.new_in_memory()
    inside = store.add_rep('Anna Schäfer', Tandem.Role.INSIDE)
    field = store.add_rep('Jonas Becker', Tandem.Role.FIELD)
    team = Tandem.Team.new('Nord', inside, field)
    team.props.target = Tandem.Money.parse('5000.00 EUR')
    team = store.save_team(team, when('2026-01-01T00:00:00Z'))
    account = store.save_account(Tandem.Account.new('ACME GmbH', team), when('2026-01-01T00:00:00Z'))
    plan = Tandem.Plan.new_from_data(PLAN, -1)
    Tandem.Plan.add(store, plan)
    return store, plan, inside, field, account


def test_plan_errors_name_group_key_value():
    with pytest.raises(GLib.Error) as info:
        Tandem.Plan.new_from_data(PLAN.replace('InsideShare=70%', 'InsideShare=140%'), -1)
    assert info.value.domain == 'tandem-plan-error-quark'
    assert '[Kind cross-sell] InsideShare=140%: must be between 0% and 100%' in info.value.message


def test_statement_per_rep(world):
    store, plan, inside, field, account = world
    store.log_activity(account, field, Tandem.ActivityKind.ORDER,
                       Tandem.Money.parse('1200.00 EUR'), when('2026-11-03T10:00:00Z'))
    store.log_activity(account, inside, Tandem.ActivityKind.CROSS_SELL,
                       Tandem.Money.parse('4000.00 EUR'), when('2026-11-10T10:00:00Z'))
    period = plan.parse_period('2026-11')
    s = Tandem.Settlement.new(store, plan, period)
    lines = s.get_lines_for_rep(inside)
    got = [(l.props.kind, l.props.amount.to_string()) for l in lines]
    # 5% of 1,200 = 60 → 24 (40%); 5% of 4,000 = 200 → 140 (70%); bonus 500
    assert got == [(Tandem.LineKind.COMMISSION, '24.00 EUR'),
                   (Tandem.LineKind.COMMISSION, '140.00 EUR'),
                   (Tandem.LineKind.TEAM_BONUS, '500.00 EUR')]
    assert lines.get_item(0).props.explanation.startswith('5% of 1,200.00 EUR order #1 for ACME GmbH')
    assert lines.get_item(0).props.activity.props.id == 1
    assert s.get_total_for_rep(inside).to_string() == '664.00 EUR'
    assert s.get_total().to_string() == '1260.00 EUR'
    assert [r.props.name for r in s.get_reps()] == ['Anna Schäfer', 'Jonas Becker']
    result = s.get_team_results().get_item(0)
    assert result.props.attainment == 10400
    data = json.loads(s.to_json())
    assert data['period'] == '2026-11' and data['state'] == 'draft'
    assert data['reps'][0]['lines'][0] == {
        'kind': 'commission', 'amount': '24.00 EUR', 'activity': 1,
        'explanation': '5% of 1,200.00 EUR order #1 for ACME GmbH = 60.00 EUR; your share 40% = 24.00 EUR'}
    assert s.to_json() == Tandem.Settlement.new(store, plan, period).to_json()
    out = Gio.MemoryOutputStream.new_resizable()
    assert s.write_json(out, None)
    out.close(None)
    assert out.steal_as_bytes().get_data().decode('utf-8') == s.to_json()
    # the lines in batches: the same lines, in the order of get_lines()
    flat = [dict(line, rep=rep['rep']) for rep in data['reps'] for line in rep['lines']]
    batches = json.loads(s.lines_to_json(0, 2)) + json.loads(s.lines_to_json(2, 100))
    assert batches == flat and len(flat) == s.get_lines().get_n_items()
    assert json.loads(s.lines_to_json(99, 10)) == []


def test_statement_pdf_to_memory(world, tmp_path):
    store, plan, inside, field, account = world
    inside.set_personnel_number('1001')
    store.update_rep(inside)
    store.log_activity(account, inside, Tandem.ActivityKind.ORDER,
                       Tandem.Money.parse('1200.00 EUR'), when('2026-11-03T10:00:00Z'))
    s = Tandem.Settlement.new(store, plan, plan.parse_period('2026-11'))
    out = Gio.MemoryOutputStream.new_resizable()
    assert s.write_statement_pdf(inside, out, None)
    out.close(None)
    data = out.steal_as_bytes().get_data()
    assert data.startswith(b'%PDF-') and data.rstrip().endswith(b'%%EOF')
    path = tmp_path / 'anna.pdf'
    path.write_bytes(data)
    import subprocess
    text = subprocess.run(['pdftotext', str(path), '-'], capture_output=True, text=True,
                          check=True).stdout
    # 5% of 1,200 = 60 → 24 (40%); 1,200 of a 5,000 target earns no team bonus
    assert 'Anna Schäfer (personnel number 1001)' in text and 'Team bonus' not in text
    assert 'Total\n\n24.00 EUR' in text and 'Draft: figures may still change' in text
    stranger = store.add_rep('Lea Hoffmann', Tandem.Role.INSIDE)
    with pytest.raises(GLib.Error) as info:
        s.write_statement_pdf(stranger, Gio.MemoryOutputStream.new_resizable(), None)
    assert 'Lea Hoffmann' in info.value.message
    # a stream that fails: its error, not a half-written success
    closed = Gio.MemoryOutputStream.new_resizable()
    closed.close(None)
    with pytest.raises(GLib.Error) as info:
        s.write_statement_pdf(inside, closed, None)
    assert info.value.matches(Gio.io_error_quark(), Gio.IOErrorEnum.CLOSED)


def test_async_settle_and_close(world):
    store, plan, inside, field, account = world
    store.log_activity(account, field, Tandem.ActivityKind.ORDER,
                       Tandem.Money.parse('1000.00 EUR'), when('2026-10-15T10:00:00Z'))
    loop = GLib.MainLoop()
    box = {}

    def done(src, res):
        box['s'] = Tandem.Settlement.compute_finish(res)
        loop.quit()

    Tandem.Settlement.compute_async(store, plan, plan.parse_period('2026-10'), None, done)
    loop.run()
    assert box['s'].get_state() == Tandem.SettlementState.DRAFT

    closed = Tandem.Settlement.close(store, plan, plan.parse_period('2026-10'))
    assert closed.get_state() == Tandem.SettlementState.CLOSED
    with pytest.raises(GLib.Error) as info:
        store.log_activity(account, field, Tandem.ActivityKind.CALL, None, when('2026-10-20T10:00:00Z'))
    assert info.value.code == int(Tandem.StoreError.CLOSED_PERIOD)
    assert Tandem.Plan.load(store, 'Standard').props.name == 'Standard'
    assert Tandem.Plan.list_names(store) == ['Standard']


def test_periods_and_plan_properties():
    plan = Tandem.Plan.new_from_data(PLAN, -1)
    assert plan.props.period_kind == Tandem.PeriodKind.MONTH
    assert plan.props.currency == 'EUR'
    assert plan.get_time_zone().get_identifier() == 'Europe/Berlin'
    q4 = Tandem.Period.parse('2026-Q4')
    assert q4.get_kind() == Tandem.PeriodKind.QUARTER
    assert q4.get_previous().to_string() == '2026-Q3'
    start = q4.get_start(plan.get_time_zone())
    assert start.format_iso8601() == '2026-10-01T00:00:00+02'
    assert Tandem.SplitMethod.CONTRIBUTION != Tandem.SplitMethod.EQUAL
    with pytest.raises(GLib.Error):
        plan.parse_period('2026')


def test_plans_over_time(world):
    """Versions, the plan a tandem follows, ramped targets, draws and rates."""
    store, plan, inside, field, account = world
    team = account.props.team
    nov = plan.parse_period('2026-11')
    oct_ = plan.parse_period('2026-10')
    v2 = Tandem.Plan.new_from_data(PLAN.replace('CommissionRate=5%', 'CommissionRate=8%'), -1)
    ok, version = Tandem.PlanVersion.add(store, v2, nov)
    assert ok and version == 2
    assert [(v.props.name, v.props.version, v.get_from()) for v in Tandem.PlanVersion.list(store)] == \
        [('Standard', 1, None), ('Standard', 2, '2026-11')]
    assert 'CommissionRate=5%' in Tandem.Plan.load_at(store, 'Standard', oct_).get_data()
    assert Tandem.Plan.get_default(store) == 'Standard'
    Tandem.Plan.set_default(store, 'Standard')
    with pytest.raises(GLib.Error) as info:
        Tandem.Plan.set_default(store, 'Gold')
    assert 'Gold' in info.value.message
    assert nov.get_next().to_string() == '2026-12'
    Tandem.Plan.assign(store, team, 'Standard', nov)
    assert Tandem.Plan.get_for_team(store, team, nov) == 'Standard'

    Tandem.Target.ramp(store, team, nov, [5000, 7500])
    targets = [(t.props.period, t.props.amount.to_string()) for t in Tandem.Target.list(store, team)]
    assert targets == [('2026-11', '2500.00 EUR'), ('2026-12', '3750.00 EUR')]

    draw = Tandem.Draw.set(store, inside, Tandem.Money.parse('300.00 EUR'), nov, None, True)
    assert draw.props.recoverable and draw.props.until is None
    [listed] = Tandem.Draw.list(store)
    assert (listed.props.rep.props.id, listed.props.balance.to_string()) == (inside.props.id, '0.00 EUR')

    Tandem.ExchangeRate.set(store, 'CHF', 'EUR', '0.95', when('2026-11-01T00:00:00Z'))
    rates = list(Tandem.ExchangeRate.list(store))
    assert rates[0].props.rate == '0.95' and rates[0].props.from_currency == 'CHF'

    store.log_activity(account, field, Tandem.ActivityKind.ORDER, Tandem.Money.parse('1000.00 CHF'),
                       when('2026-11-10T10:00:00Z'))
    s = Tandem.Settlement.new(store, Tandem.Plan.load_at(store, 'Standard', nov), nov)
    assert s.get_plan_version() == 2
    # 1000.00 CHF at 0.95 = 950.00 EUR; 8% = 76.00; inside 40% = 30.40, topped up to 300.00
    kinds = {line.props.kind.value_nick: line.props.amount.to_string() for line in s.get_lines_for_rep(inside)}
    assert kinds == {'commission': '30.40 EUR', 'draw': '269.60 EUR'}
    data = json.loads(s.to_json())
    assert data['plan_version'] == 2 and data['rates'][0]['rate'] == '0.95'


def test_approve_pay_and_payroll(world):
    """States move forward with who and when; payroll export to a stream."""
    store, plan, inside, field, account = world
    payroll = Tandem.Plan.new_from_data(PLAN + '[Payroll]\ncommission=300\nteam-bonus=301\n'
                                        'Consultant=1234567\nClient=12345\n', -1)
    Tandem.Plan.add(store, payroll)
    nov = payroll.parse_period('2026-11')
    store.log_activity(account, field, Tandem.ActivityKind.ORDER, Tandem.Money.parse('1000.00 EUR'),
                       when('2026-11-10T10:00:00Z'))
    with pytest.raises(GLib.Error) as info:
        Tandem.Settlement.approve(store, payroll, nov)
    assert info.value.matches(Tandem.store_error_quark(), Tandem.StoreError.WRONG_STATE)
    Tandem.Settlement.close(store, payroll, nov)
    store.set_actor('Petra Krüger')
    s = Tandem.Settlement.approve(store, payroll, nov)
    assert s.get_state() == Tandem.SettlementState.APPROVED
    reached, who, at = s.get_transition(Tandem.SettlementState.APPROVED)
    assert reached and who == 'Petra Krüger' and at is not None
    for rep, number in ((inside, '101'), (field, '7')):
        rep.props.personnel_number = number
        store.update_rep(rep)
    out = Gio.MemoryOutputStream.new_resizable()
    Tandem.PayrollProfile.export(store, [payroll.get_name()], nov, Tandem.PayrollFormat.CSV,
                         Tandem.PayrollExportFlags.NONE, out, None)
    out.close(None)
    text = bytes(out.steal_as_bytes().get_data()).decode()
    # 5% of 1000.00 = 50.00: inside 20.00, field 30.00
    assert text == ('period,personnel_number,rep,wage_type,amount,currency\n'
                    '2026-11,7,Jonas Becker,300,30.00,EUR\n'
                    '2026-11,101,Anna Schäfer,300,20.00,EUR\n')
    entry = list(Tandem.AuditEntry.list(store, None))[-1]
    assert entry.get_verb() == 'payroll-export'
    assert entry.get_what() == ('Period 2026-11 of plans Standard, format csv, sha256 '
                                + hashlib.sha256(text.encode()).hexdigest())
    # the same run again is refused naming when and by whom, unless on purpose
    with pytest.raises(GLib.Error) as info:
        Tandem.PayrollProfile.export(store, None, nov, Tandem.PayrollFormat.CSV, Tandem.PayrollExportFlags.NONE,
                             Gio.MemoryOutputStream.new_resizable(), None)
    assert 'was exported to payroll on' in info.value.message and 'Petra Krüger' in info.value.message
    excel = Gio.MemoryOutputStream.new_resizable()
    Tandem.PayrollProfile.export(store, None, nov, Tandem.PayrollFormat.CSV,
                         Tandem.PayrollExportFlags.AGAIN | Tandem.PayrollExportFlags.EXCEL, excel, None)
    excel.close(None)
    assert bytes(excel.steal_as_bytes().get_data()).decode() == (
        '\ufeffperiod;personnel_number;rep;wage_type;amount;currency\r\n'
        '2026-11;7;Jonas Becker;300;30,00;EUR\r\n'
        '2026-11;101;Anna Schäfer;300;20,00;EUR\r\n')

    # a payroll profile, set up after the close, maps the closed period
    profile = Tandem.PayrollProfile.new_from_data('[Payroll]\ncommission = 400\nConsultant=7654321\n', -1)
    assert (profile.props.version, profile.get_from(), profile.props.consultant, profile.props.client) == \
        (0, None, '7654321', None)
    assert profile.get_wage_type(Tandem.LineKind.COMMISSION) == 400
    assert profile.get_wage_type(Tandem.LineKind.CAP) == 0
    assert profile.get_data() == '[Payroll]\ncommission=400\nConsultant=7654321\n'
    ok, version = Tandem.PayrollProfile.add(store, profile, None)
    assert ok and version == 1
    later = Tandem.PayrollProfile.new_from_data('[Payroll]\ncommission=500\n', -1)
    assert Tandem.PayrollProfile.add(store, later, Tandem.Period.parse('2026-12'))[1] == 2
    assert Tandem.PayrollProfile.load(store, nov).props.version == 1
    assert Tandem.PayrollProfile.load(store, None).get_from() == '2026-12'
    assert Tandem.PayrollProfile.list_unmapped_kinds(store, s) == []
    out = Gio.MemoryOutputStream.new_resizable()
    Tandem.PayrollProfile.export(store, None, nov, Tandem.PayrollFormat.CSV, Tandem.PayrollExportFlags.AGAIN, out, None)
    out.close(None)
    assert ',400,30.00,EUR' in bytes(out.steal_as_bytes().get_data()).decode()
    with pytest.raises(GLib.Error) as info:
        Tandem.PayrollProfile.new_from_data('[Plan]\nName=X\n', -1)
    assert 'needs a [Payroll] group' in info.value.message
    assert Tandem.Settlement.pay(store, payroll, nov).get_state() == Tandem.SettlementState.PAID


def test_disputes(world):
    """A rep disputes; a manager rejects one and accepts another into an open period."""
    store, plan, inside, field, account = world
    nov = plan.parse_period('2026-11')
    dec = plan.parse_period('2026-12')
    Tandem.Settlement.close(store, plan, nov)
    store.set_actor('Jonas Becker')
    d = Tandem.Dispute.open(store, field, 'Standard', nov, 0, 'Missing order')
    other = Tandem.Dispute.open(store, inside, 'Standard', nov, 0, 'Bonus?')
    assert d.props.state == Tandem.DisputeState.OPEN and d.props.opened_by == 'Jonas Becker'
    store.set_actor('Petra Krüger')
    r = Tandem.Dispute.reject(store, other.props.id, 'No target')
    assert r.props.state == Tandem.DisputeState.REJECTED and r.props.note == 'No target'
    a = Tandem.Dispute.accept(store, d.props.id, Tandem.Money.parse('12.34 EUR'), dec, None)
    assert a.props.amount.to_string() == '12.34 EUR' and a.get_into() == '2026-12'
    assert [x.props.id for x in Tandem.Dispute.list(store, True)] == []
    with pytest.raises(GLib.Error) as info:
        Tandem.Dispute.accept(store, d.props.id, Tandem.Money.parse('1.00 EUR'), dec, None)
    assert info.value.matches(Tandem.store_error_quark(), Tandem.StoreError.WRONG_STATE)
    s = Tandem.Settlement.new(store, plan, dec)
    [line] = list(s.get_lines_for_rep(field))
    assert line.props.kind == Tandem.LineKind.ADJUSTMENT and 'dispute #1' in line.props.explanation


def test_audit_trail(world):
    """Every write appends who, when and what; a failed write appends nothing."""
    store, plan, inside, field, account = world
    n = Tandem.AuditEntry.list(store, None).get_n_items()
    Tandem.Plan.add(store, plan)  # stored already: nothing written, nothing audited
    assert Tandem.AuditEntry.list(store, None).get_n_items() == n
    store.set_actor('Petra Krüger')
    inside.props.name = 'Anna Wolf'
    store.update_rep(inside)
    inside.props.personnel_number = 'x1'
    with pytest.raises(GLib.Error):
        store.update_rep(inside)
    entries = list(Tandem.AuditEntry.list(store, None))
    assert len(entries) == n + 1
    last = entries[-1]
    assert (last.props.who, last.props.verb) == ('Petra Krüger', 'rep update')
    assert 'name Anna Schäfer → Anna Wolf' in last.props.what
    assert [e.props.id for e in Tandem.AuditEntry.list(store, last.props.at)] == [last.props.id]


def test_pay_on_collection(world):
    """PayOn=payment: commission paid as the customer pays, the rest held."""
    store, plan, inside, field, account = world
    collect = Tandem.Plan.new_from_data(PLAN.replace('InsideShare=40%\n', 'InsideShare=40%\nPayOn=payment\n')
                                        .replace('Name=Standard', 'Name=Collect'), -1)
    assert collect.props.pay_on == Tandem.PayOn.PAYMENT and plan.get_pay_on() == Tandem.PayOn.ORDER
    order = store.log_activity(account, field, Tandem.ActivityKind.ORDER,
                               Tandem.Money.parse('1000.00 EUR'), when('2026-10-05T10:00:00Z'))
    draft = Tandem.Activity.new_payment(order, inside, Tandem.Money.parse('250.00 EUR'),
                                        when('2026-10-20T10:00:00Z'))
    payment = store.save_activity(draft)[0]
    assert payment.props.kind == Tandem.ActivityKind.PAYMENT
    assert payment.get_pays().props.id == order.props.id
    # 5% of 1000.00 = 50.00: inside 20.00, field 30.00; a quarter is paid
    s = Tandem.Settlement.new(store, collect, collect.parse_period('2026-10'))
    assert s.get_total_for_rep(inside).to_string() == '5.00 EUR'
    assert s.get_held_for_rep(field).to_string() == '22.50 EUR'
    assert s.get_held().to_string() == '37.50 EUR'
    assert json.loads(s.to_json())['held'] == '37.50 EUR'
    too_much = Tandem.Activity.new_payment(order, inside, Tandem.Money.parse('750.01 EUR'),
                                           when('2026-11-02T10:00:00Z'))
    with pytest.raises(GLib.Error) as info:
        store.save_activity(too_much)
    assert info.value.matches(Tandem.store_error_quark(), Tandem.StoreError.INVALID)
    assert '750.00 EUR is left to pay' in info.value.message


def test_plan_choice_and_wrong_plan(world):
    """The plan a verb uses when none is named; a rep under another plan."""
    store, plan, inside, field, account = world
    assert Tandem.Plan.resolve_name(store, None) == 'Standard'
    assert Tandem.Plan.resolve_name(store, 'Standard') == 'Standard'
    with pytest.raises(GLib.Error) as info:
        Tandem.Plan.resolve_name(store, 'Standart')
    assert 'did you mean “Standard”' in info.value.message
    Tandem.Plan.add(store, Tandem.Plan.new_from_data(PLAN.replace('Name=Standard', 'Name=Gold'), -1))
    with pytest.raises(GLib.Error) as info:
        Tandem.Plan.resolve_name(store, None)
    assert 'Several plans are stored (Gold, Standard)' in info.value.message
    Tandem.Plan.set_default(store, 'Gold')
    assert Tandem.Plan.resolve_name(store, None) == 'Gold'
    assert Tandem.suggest('setle', ['settle', 'statement']) == 'settle'
    assert Tandem.suggest('xyz', ['settle', 'statement']) is None

    # Nord follows Gold now: the Standard settlement has neither its tandem nor its reps
    store.log_activity(account, field, Tandem.ActivityKind.ORDER, Tandem.Money.parse('100.00 EUR'),
                       when('2026-11-03T10:00:00Z'))
    nov = plan.parse_period('2026-11')
    standard = Tandem.Settlement.new(store, plan, nov)
    gold = Tandem.Settlement.new(store, Tandem.Plan.load(store, 'Gold'), nov)
    assert standard.get_team_results().get_n_items() == 0
    assert not standard.includes_rep(inside)
    assert gold.includes_rep(inside) and gold.includes_rep(field)
    assert gold.get_team_results().get_item(0).props.team.props.name == 'Nord'


def test_rates_by_product_and_margin(world):
    """[Product …] sets the rate and Base=margin pays on the amount less the cost."""
    store, plan, inside, field, account = world
    margin = Tandem.Plan.new_from_data(
        PLAN.replace('Name=Standard', 'Name=Margin') +
        '[Product P-100]\nCommissionRate=8%\nBase=margin\n', -1)
    draft = Tandem.Activity.new(account, field, Tandem.ActivityKind.ORDER,
                                Tandem.Money.parse('1000.00 EUR'), when('2026-11-03T10:00:00Z'))
    draft.props.product = 'P-100'
    draft.props.cost = Tandem.Money.parse('700.00 EUR')
    store.save_activity(draft)
    s = Tandem.Settlement.new(store, margin, margin.parse_period('2026-11'))
    # 8% of the margin 300.00 = 24.00; Anna's 40% = 9.60
    [line] = [l for l in s.get_lines_for_rep(inside) if l.props.kind == Tandem.LineKind.COMMISSION]
    assert line.props.amount.to_string() == '9.60 EUR'
    assert 'the margin 300.00 EUR (the amount less the cost 700.00 EUR)' in line.props.explanation
    assert '(rules of [Product P-100])' in line.props.explanation


def test_spiff_lines_and_payroll(world):
    """[Spiff …] pays per unit sold; the spiff line kind maps to a wage type."""
    store, plan, inside, field, account = world
    spiff = Tandem.Plan.new_from_data(
        PLAN.replace('Name=Standard', 'Name=Spiff') +
        '[Spiff Frühjahr]\nProduct=P-100\nAmount=25.00 EUR\nFrom=2026-11\nSplit=equal\n'
        '[Payroll]\ncommission=300\nspiff=305\n', -1)
    draft = Tandem.Activity.new(account, field, Tandem.ActivityKind.ORDER,
                                Tandem.Money.parse('1000.00 EUR'), when('2026-11-03T10:00:00Z'))
    draft.props.product = 'P-100'
    draft.props.quantity = 4
    store.save_activity(draft)
    s = Tandem.Settlement.new(store, spiff, spiff.parse_period('2026-11'))
    # 4 × 25.00 = 100.00, half each
    lines = [l for l in s.get_lines_for_rep(inside) if l.props.kind == Tandem.LineKind.SPIFF]
    assert [l.props.amount.to_string() for l in lines] == ['50.00 EUR']
    assert lines[0].props.explanation.startswith('[Spiff Frühjahr]: 4 × 25.00 EUR for order #')
    assert 'spiff' in [l['kind'] for l in json.loads(s.to_json())['reps'][0]['lines']]
    profile = Tandem.PayrollProfile.new_from_data('[Payroll]\nspiff=305\n', -1)
    assert profile.get_wage_type(Tandem.LineKind.SPIFF) == 305


def test_simulation_writes_nothing(world):
    """tandem simulate's library call: current, candidate and difference per rep and tandem."""
    store, plan, inside, field, account = world
    candidate = Tandem.Plan.new_from_data(PLAN.replace('Name=Standard', 'Name=Neu')
                                          .replace('CommissionRate=5%', 'CommissionRate=6%'), -1)
    store.log_activity(account, field, Tandem.ActivityKind.ORDER, Tandem.Money.parse('1000.00 EUR'),
                       when('2026-11-03T10:00:00Z'))
    audit = Tandem.AuditEntry.list(store, None).get_n_items()
    sim = Tandem.Simulation.new(store, candidate, None, plan.parse_period('2026-11'), None)
    # 5% of 1,000 = 50.00 → Anna 20.00; 6% = 60.00 → Anna 24.00
    total = sim.props.total
    assert (total.props.current.to_string(), total.props.candidate.to_string(),
            total.get_difference().to_string()) == ('50.00 EUR', '60.00 EUR', '10.00 EUR')
    assert total.props.name == 'Total' and total.get_rep() is None
    assert sim.get_vs() == 'Standard' and sim.get_plan_name() == 'Neu'
    assert (sim.props.current_share, sim.get_candidate_share()) == (500, 600)
    assert sim.get_total().get_revenue().to_string() == '1000.00 EUR'
    assert sim.get_period().to_string() == '2026-11'
    rows = list(sim.get_reps())
    assert [(r.props.name, r.get_current().to_string(), r.get_candidate().to_string(),
             r.props.difference.to_string()) for r in rows] == [
        ('Anna Schäfer', '20.00 EUR', '24.00 EUR', '4.00 EUR'),
        ('Jonas Becker', '30.00 EUR', '36.00 EUR', '6.00 EUR')]
    assert rows[0].get_rep() is inside and rows[0].get_team() is None
    [team] = list(sim.get_teams())
    assert team.get_team().props.name == 'Nord' and team.get_revenue().to_string() == '1000.00 EUR'
    data = json.loads(sim.to_json())
    assert data['total'] == {'current': '50.00 EUR', 'candidate': '60.00 EUR',
                             'difference': '10.00 EUR', 'revenue': '1000.00 EUR'}
    assert Tandem.AuditEntry.list(store, None).get_n_items() == audit

    loop = GLib.MainLoop()
    box = {}

    def done(src, res):
        box['sim'] = Tandem.Simulation.compute_finish(res)
        loop.quit()

    Tandem.Simulation.compute_async(store, candidate, 'Standard', Tandem.Period.parse('2026-Q4'),
                                    None, done)
    loop.run()
    assert box['sim'].get_total().props.candidate.to_string() == '60.00 EUR'
