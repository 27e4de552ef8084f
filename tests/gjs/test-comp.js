// SPDX-License-Identifier: LGPL-2.1-or-later
// Plans and settlements from GJS: per-rep statements with money as strings.
import Gio from 'gi://Gio';
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
    const s = Tandem.Settlement.new(store, plan, plan.parse_period('2026-11'));
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
    const out = Gio.MemoryOutputStream.new_resizable();
    assert(s.write_json(out, null));
    out.close(null);
    assertEqual(new TextDecoder().decode(out.steal_as_bytes().toArray()), s.to_json());
    const batch = JSON.parse(s.lines_to_json(0, 1000));
    assertEqual(batch.length, s.get_lines().get_n_items());
    assertEqual(batch[batch.length - 1].kind, 'cap');
    assertEqual(batch[batch.length - 1].amount, '-50.00 EUR');
    assertEqual(s.lines_to_json(1000, 5), '[]');
});

test('a statement as PDF into a Gio.MemoryOutputStream', () => {
    const {store, inside, field, account, plan} = world();
    store.log_activity(account, field, Tandem.ActivityKind.ORDER,
        Tandem.Money.parse('5000.00 EUR'), when('2026-11-03T10:00:00Z'));
    const s = Tandem.Settlement.new(store, plan, plan.parse_period('2026-11'));
    const out = Gio.MemoryOutputStream.new_resizable();
    assert(s.write_statement_pdf(field, out, null));
    out.close(null);
    const bytes = out.steal_as_bytes().toArray();
    const text = new TextDecoder('latin1').decode(bytes);
    assert(text.startsWith('%PDF-'));
    assert(text.trimEnd().endsWith('%%EOF'));
    // the text is real text: pdftotext finds the rep and the capped total
    const [, path] = GLib.file_open_tmp('statement-XXXXXX.pdf');
    GLib.file_set_contents(path, bytes);
    const [ok, stdout] = GLib.spawn_command_line_sync(`pdftotext ${path} -`);
    GLib.unlink(path);
    assert(ok);
    const read = new TextDecoder().decode(stdout);
    assert(read.includes('Jonas Becker'));
    // 5% of 5,000 = 250 → field 150, cut to 100 by the cap
    assert(read.includes('150.00') && read.includes('-50.00') && read.includes('100.00 EUR'));
    const stranger = store.add_rep('Lea Hoffmann', Tandem.Role.INSIDE);
    assertThrows(() => s.write_statement_pdf(stranger, Gio.MemoryOutputStream.new_resizable(), null),
        e => e.message.includes('Lea Hoffmann'));
});

test('a book extract: entries, CSV and PDF, money as strings', () => {
    const {store, field, account, plan} = world();
    Tandem.Plan.add(store, plan);
    const order = store.log_activity(account, field, Tandem.ActivityKind.ORDER,
        Tandem.Money.parse('5000.00 EUR'), when('2026-11-03T10:00:00Z'));
    const nov = plan.parse_period('2026-11');
    const x = Tandem.BookExtract.new(store, null, field, nov, nov, null);
    assertEqual(x.get_n_items(), 1);
    const e = x.get_item(0);
    assert(e instanceof Tandem.BookEntry);
    assertEqual(e.activity.id, order.id);
    // 5% of 5,000 = 250 → field 60% = 150.00; the cap acts on the total, not here
    assertEqual(e.earned.to_string(), '150.00 EUR');
    assertEqual(e.paid_out.to_string(), '150.00 EUR');
    assertEqual(e.held.to_string(), '0.00 EUR');
    assertEqual(e.reversed.to_string(), '0.00 EUR');
    assertEqual(e.paid_by_customer.to_string(), '0.00 EUR');
    assertEqual(x.earned.to_string(), '150.00 EUR');
    assertEqual(x.paid_out.to_string(), '150.00 EUR');
    assertEqual(x.held.to_string(), '0.00 EUR');
    assertEqual(x.plan_name, 'Standard');
    assertEqual(x.rep.name, 'Jonas Becker');
    assertEqual(x.until.to_string(), '2026-11');
    assertEqual(x.final, false);
    const csv = Gio.MemoryOutputStream.new_resizable();
    assert(x.write_csv(csv, null));
    csv.close(null);
    const rows = new TextDecoder().decode(csv.steal_as_bytes().toArray()).split('\r\n');
    assertEqual(rows[1], `${order.external_ref},2026-11-03T10:00:00Z,ACME GmbH,order,` +
        '5000.00,0.00,0.00,150.00,150.00,0.00,EUR');
    const pdf = Gio.MemoryOutputStream.new_resizable();
    assert(x.write_pdf(pdf, null));
    pdf.close(null);
    assert(new TextDecoder('latin1').decode(pdf.steal_as_bytes().toArray()).startsWith('%PDF-'));
    assertThrows(() => Tandem.BookExtract.new(store, null, field, nov, plan.parse_period('2026-10'), null),
        err => err.message.includes('2026-11 comes after 2026-10'));
});

test('rates by category on the margin', () => {
    const {store, inside, field, account} = world();
    const plan = Tandem.Plan.new_from_data(
        PLAN + '[Category Maschinen]\nCommissionRate=6%\nBase=margin\n', -1);
    const draft = Tandem.Activity.new(account, field, Tandem.ActivityKind.ORDER,
        Tandem.Money.parse('2000.00 EUR'), when('2026-11-03T10:00:00Z'));
    draft.category = 'Maschinen';
    draft.cost = Tandem.Money.parse('1500.00 EUR');
    store.save_activity(draft);
    const s = Tandem.Settlement.new(store, plan, plan.parse_period('2026-11'));
    // 6% of the margin 500.00 = 30.00; Anna's 40% = 12.00
    const line = s.get_lines_for_rep(inside).get_item(0);
    assertEqual(line.amount.to_string(), '12.00 EUR');
    assert(line.explanation.includes('(rules of [Category Maschinen])'));
});

test('a SPIF per unit sold', () => {
    const {store, inside, field, account} = world();
    const plan = Tandem.Plan.new_from_data(
        PLAN + '[Spiff Herbst]\nCategory=Maschinen\nAmount=10.00 EUR\nFrom=2026-10\n', -1);
    const draft = Tandem.Activity.new(account, field, Tandem.ActivityKind.ORDER,
        Tandem.Money.parse('100.00 EUR'), when('2026-11-03T10:00:00Z'));
    draft.category = 'Maschinen';
    draft.quantity = 3;
    store.save_activity(draft);
    const s = Tandem.Settlement.new(store, plan, plan.parse_period('2026-11'));
    // 3 × 10.00 = 30.00 by the share, Anna's 40% = 12.00
    const lines = s.get_lines_for_rep(inside);
    const kinds = [];
    for (let i = 0; i < lines.get_n_items(); i++)
        kinds.push(`${lines.get_item(i).kind === Tandem.LineKind.SPIFF ? 'spiff' : 'other'}:` +
            lines.get_item(i).amount.to_string());
    assert(kinds.includes('spiff:12.00 EUR'), kinds.join(' '));
});

test('a simulation: current against candidate, money as strings', () => {
    const {store, inside, field, account, plan} = world();
    Tandem.Plan.add(store, plan);
    const candidate = Tandem.Plan.new_from_data(
        PLAN.replace('Name=Standard', 'Name=Neu').replace('CommissionRate=5%', 'CommissionRate=4%'), -1);
    store.log_activity(account, field, Tandem.ActivityKind.ORDER,
        Tandem.Money.parse('1000.00 EUR'), when('2026-11-03T10:00:00Z'));
    const sim = Tandem.Simulation.new(store, candidate, null, plan.parse_period('2026-11'), null);
    // 5% of 1,000 = 50.00 against 4% = 40.00
    assertEqual(sim.total.current.to_string(), '50.00 EUR');
    assertEqual(sim.get_total().candidate.to_string(), '40.00 EUR');
    assertEqual(sim.total.difference.to_string(), '-10.00 EUR');
    assertEqual(sim.candidate_share, 400);
    const row = sim.get_reps().get_item(0);
    assert(row instanceof Tandem.SimulationRow);
    assertEqual(row.rep.id, inside.id);
    assertEqual(row.difference.to_string(), '-4.00 EUR');
    assertEqual(JSON.parse(sim.to_json()).vs, 'Standard');
});

test('tandem results, periods and plan properties', () => {
    const {store, field, account, plan} = world();
    store.log_activity(account, field, Tandem.ActivityKind.ORDER,
        Tandem.Money.parse('1000.00 EUR'), when('2026-11-03T10:00:00Z'));
    const s = Tandem.Settlement.new(store, plan, plan.parse_period('2026-11'));
    const results = s.get_team_results();
    assertEqual(results.get_n_items(), 1);
    const r = results.get_item(0);
    assert(r instanceof Tandem.TeamResult);
    assertEqual(r.team.name, 'Nord');
    assertEqual(r.revenue.to_string(), '1000.00 EUR');
    assertEqual(r.attainment, -1);
    assertEqual(r.payout.to_string(), '50.00 EUR');
    assertEqual(s.get_state(), Tandem.SettlementState.DRAFT);
    assertEqual(plan.period_kind, Tandem.PeriodKind.MONTH);
    const q = Tandem.Period.parse('2026-Q1');
    assertEqual(q.get_previous().to_string(), '2025-Q4');
    assertEqual(q.get_kind(), Tandem.PeriodKind.QUARTER);
});

test('plan errors name group, key and value', () => {
    assertThrows(() => Tandem.Plan.new_from_data(PLAN.replace('PerRep=100.00 EUR', 'PerRep=100'), -1),
        e => e.matches(Tandem.plan_error_quark(), Tandem.PlanError.INVALID_VALUE) &&
             e.message.includes('[Cap] PerRep=100'));
});

test('plans over time: versions, targets, draws and rates', () => {
    const w = world();
    Tandem.Plan.add(w.store, w.plan);
    const nov = w.plan.parse_period('2026-11');
    const v2 = Tandem.Plan.new_from_data(PLAN.replace('CommissionRate=5%', 'CommissionRate=8%'), -1);
    const [ok, version] = Tandem.PlanVersion.add(w.store, v2, nov);
    assert(ok);
    assertEqual(version, 2);
    const versions = Tandem.PlanVersion.list(w.store);
    assertEqual(versions.get_n_items(), 2);
    assertEqual(versions.get_item(1).from, '2026-11');
    const team = w.account.team;
    Tandem.Target.set(w.store, team, nov, Tandem.Money.parse('1000.00 EUR'));
    assertEqual(Tandem.Target.list(w.store, team).get_item(0).amount.to_string(), '1000.00 EUR');
    const draw = Tandem.Draw.set(w.store, w.field, Tandem.Money.parse('200.00 EUR'), nov, null, false);
    assertEqual(draw.amount.to_string(), '200.00 EUR');
    assertEqual(Tandem.Draw.list(w.store).get_item(0).balance.to_string(), '0.00 EUR');
    assertEqual(nov.get_next().to_string(), '2026-12');
    Tandem.Plan.set_default(w.store, 'Standard');
    assertEqual(Tandem.Plan.get_default(w.store), 'Standard');
    Tandem.ExchangeRate.set(w.store, 'CHF', 'EUR', '0.95', when('2026-11-01T00:00:00Z'));
    assertEqual(Tandem.ExchangeRate.list(w.store).get_item(0).rate, '0.95');
    w.store.log_activity(w.account, w.field, Tandem.ActivityKind.ORDER,
        Tandem.Money.parse('1000.00 CHF'), when('2026-11-10T10:00:00Z'));
    const s = Tandem.Settlement.new(w.store, Tandem.Plan.load_at(w.store, 'Standard', nov), nov);
    assertEqual(s.get_plan_version(), 2);
    // 950.00 EUR at 8% = 76.00; field 60% = 45.60, topped up to 200.00 by 154.40
    assertEqual(s.get_total_for_rep(w.field).to_string(), '200.00 EUR');
    const kinds = [];
    const lines = s.get_lines_for_rep(w.field);
    for (let i = 0; i < lines.get_n_items(); i++)
        kinds.push(`${lines.get_item(i).kind}:${lines.get_item(i).amount.to_string()}`);
    assertEqual(kinds.join(','), `${Tandem.LineKind.COMMISSION}:45.60 EUR,${Tandem.LineKind.DRAW}:154.40 EUR`);
});

test('approve, pay and export payroll', () => {
    const w = world();
    const plan = Tandem.Plan.new_from_data(`${PLAN}[Payroll]\ncommission=300\ncap=305\nConsultant=1234567\nClient=12345\n`, -1);
    Tandem.Plan.add(w.store, plan);
    const nov = plan.parse_period('2026-11');
    w.store.log_activity(w.account, w.field, Tandem.ActivityKind.ORDER,
        Tandem.Money.parse('1000.00 EUR'), when('2026-11-10T10:00:00Z'));
    Tandem.Settlement.close(w.store, plan, nov);
    w.store.set_actor('Petra Krüger');
    assertEqual(w.store.get_actor(), 'Petra Krüger');
    const s = Tandem.Settlement.approve(w.store, plan, nov);
    assertEqual(s.get_state(), Tandem.SettlementState.APPROVED);
    const [reached, who] = s.get_transition(Tandem.SettlementState.APPROVED);
    assert(reached);
    assertEqual(who, 'Petra Krüger');
    w.inside.personnel_number = '101';
    w.field.set_personnel_number('7');
    w.store.update_rep(w.inside);
    w.store.update_rep(w.field);
    const out = Gio.MemoryOutputStream.new_resizable();
    Tandem.PayrollProfile.export(w.store, null, nov, Tandem.PayrollFormat.LODAS, Tandem.PayrollExportFlags.NONE, out, null);
    out.close(null);
    const text = new TextDecoder().decode(out.steal_as_bytes().toArray());
    // 5% of 1000.00 = 50.00: inside 20.00, field 30.00 (under the 100.00 cap)
    assert(text.endsWith('[Bewegungsdaten]\r\n10;01.11.2026;7;300;2;30,00;\r\n10;01.11.2026;101;300;2;20,00;\r\n'));
    assertThrows(() => Tandem.PayrollProfile.export(w.store, ['Standard'], nov, Tandem.PayrollFormat.LODAS,
        Tandem.PayrollExportFlags.NONE, Gio.MemoryOutputStream.new_resizable(), null),
    e => e.matches(Tandem.store_error_quark(), Tandem.StoreError.CONFLICT) && e.message.includes('Petra Krüger'));
    // a profile set up after the close maps the closed period
    const profile = Tandem.PayrollProfile.new_from_data('[Payroll]\ncommission=400\nConsultant=7654321\nClient=54321\n', -1);
    assertEqual(profile.version, 0);
    assertEqual(profile.get_wage_type(Tandem.LineKind.COMMISSION), 400);
    const [ok, version] = Tandem.PayrollProfile.add(w.store, profile, null);
    assert(ok);
    assertEqual(version, 1);
    assertEqual(Tandem.PayrollProfile.load(w.store, nov).client, '54321');
    assertEqual(Tandem.PayrollProfile.list_unmapped_kinds(w.store, s).length, 0);
    const again = Gio.MemoryOutputStream.new_resizable();
    Tandem.PayrollProfile.export(w.store, null, nov, Tandem.PayrollFormat.LODAS, Tandem.PayrollExportFlags.AGAIN, again, null);
    again.close(null);
    const lodas = new TextDecoder().decode(again.steal_as_bytes().toArray());
    assert(lodas.includes('BeraterNr=7654321\r\nMandantenNr=54321\r\n'));
    assert(lodas.includes('10;01.11.2026;7;400;2;30,00;\r\n'));
    assertEqual(Tandem.Settlement.pay(w.store, plan, nov).get_state(), Tandem.SettlementState.PAID);
    assertThrows(() => Tandem.Settlement.pay(w.store, plan, nov),
        e => e.matches(Tandem.store_error_quark(), Tandem.StoreError.WRONG_STATE));
});

test('disputes: open, reject, accept into an open period', () => {
    const w = world();
    Tandem.Plan.add(w.store, w.plan);
    const nov = w.plan.parse_period('2026-11');
    const dec = w.plan.parse_period('2026-12');
    Tandem.Settlement.close(w.store, w.plan, nov);
    const d = Tandem.Dispute.open(w.store, w.field, 'Standard', nov, 0, 'Missing order');
    assertEqual(d.state, Tandem.DisputeState.OPEN);
    assertEqual(d.get_reason(), 'Missing order');
    const other = Tandem.Dispute.open(w.store, w.inside, 'Standard', nov, 0, 'Bonus?');
    assertEqual(Tandem.Dispute.reject(w.store, other.id, 'No').state, Tandem.DisputeState.REJECTED);
    const a = Tandem.Dispute.accept(w.store, d.id, Tandem.Money.parse('12.34 EUR'), dec, 'ok');
    assertEqual(a.amount.to_string(), '12.34 EUR');
    assertEqual(Tandem.Dispute.list(w.store, false).get_n_items(), 2);
    assertEqual(Tandem.Dispute.list(w.store, true).get_n_items(), 0);
    const s = Tandem.Settlement.new(w.store, w.plan, dec);
    assertEqual(s.get_total_for_rep(w.field).to_string(), '12.34 EUR');
});

test('the audit trail', () => {
    const w = world();
    const n = Tandem.AuditEntry.list(w.store, null).get_n_items();
    w.store.set_actor('Petra Krüger');
    Tandem.Plan.add(w.store, w.plan);
    const entries = Tandem.AuditEntry.list(w.store, null);
    assertEqual(entries.get_n_items(), n + 1);
    const last = entries.get_item(n);
    assertEqual(last.verb, 'plan load');
    assertEqual(last.who, 'Petra Krüger');
    assert(last.what.includes('plan “Standard” version 1'));
    assert(last.at instanceof GLib.DateTime);
});

test('pay on collection: paid as the customer pays, the rest held', () => {
    const w = world();
    const collect = Tandem.Plan.new_from_data(PLAN.replace('InsideShare=40%', 'InsideShare=40%\nPayOn=payment'), -1);
    assertEqual(collect.pay_on, Tandem.PayOn.PAYMENT);
    const order = w.store.log_activity(w.account, w.field, Tandem.ActivityKind.ORDER,
        Tandem.Money.parse('1000.00 EUR'), when('2026-10-05T10:00:00Z'));
    const [payment] = w.store.save_activity(Tandem.Activity.new_payment(order, w.inside,
        Tandem.Money.parse('500.00 EUR'), when('2026-11-05T10:00:00Z')));
    assertEqual(payment.kind, Tandem.ActivityKind.PAYMENT);
    assertEqual(payment.pays.id, order.id);
    // 5% of 1000.00 = 50.00: inside 20.00, field 30.00; October pays
    // nothing and holds it all, November pays half
    const oct = Tandem.Settlement.new(w.store, collect, collect.parse_period('2026-10'));
    assertEqual(oct.get_total().to_string(), '0.00 EUR');
    assertEqual(oct.get_held().to_string(), '50.00 EUR');
    const nov = Tandem.Settlement.new(w.store, collect, collect.parse_period('2026-11'));
    assertEqual(nov.get_total_for_rep(w.field).to_string(), '15.00 EUR');
    assertEqual(nov.get_held_for_rep(w.inside).to_string(), '10.00 EUR');
    assertEqual(JSON.parse(nov.to_json()).reps[0].held, '10.00 EUR');
});


test('the plan a verb uses, suggestions, and a rep under another plan', () => {
    const w = world();
    Tandem.Plan.add(w.store, w.plan);
    assertEqual(Tandem.Plan.resolve_name(w.store, null), 'Standard');
    let message = '';
    try {
        Tandem.Plan.resolve_name(w.store, 'Standart');
    } catch (e) {
        message = e.message;
    }
    assert(message.includes('did you mean “Standard”'), message);
    Tandem.Plan.add(w.store, Tandem.Plan.new_from_data(PLAN.replace('Name=Standard', 'Name=Gold'), -1));
    Tandem.Plan.set_default(w.store, 'Gold');
    assertEqual(Tandem.Plan.resolve_name(w.store, null), 'Gold');
    assertEqual(Tandem.suggest('Glod', ['Standard', 'Gold']), 'Gold');
    assertEqual(Tandem.suggest('xyz', ['Standard', 'Gold']), null);
    const nov = w.plan.parse_period('2026-11');
    const standard = Tandem.Settlement.new(w.store, w.plan, nov);
    assert(!standard.includes_rep(w.inside));
    assert(Tandem.Settlement.new(w.store, Tandem.Plan.load(w.store, 'Gold'), nov).includes_rep(w.inside));
});

run();
