// SPDX-License-Identifier: LGPL-2.1-or-later
// TandemStore from GJS: CRUD, history, paged lists, async import in a main loop.
import Gio from 'gi://Gio';
import GLib from 'gi://GLib';
import Tandem from 'gi://Tandem?version=1.0';

import {test, assert, assertEqual, assertThrows, run} from './harness.js';

// Runs an _async/_finish pair in the main loop and resolves with what
// _finish returns.
function callAsync(start, finish) {
    return new Promise((resolve, reject) => {
        start((source, result) => {
            try {
                resolve(finish(result));
            } catch (e) {
                reject(e);
            }
        });
    });
}

const when = iso => GLib.DateTime.new_from_iso8601(iso, null);

function seeded() {
    const store = Tandem.Store.new_in_memory();
    const inside = store.add_rep('Anna Schäfer', Tandem.Role.INSIDE);
    const field = store.add_rep('Jonas Becker', Tandem.Role.FIELD);
    const team = store.add_team(inside, field);
    const account = store.add_account('Ölmühle Größe & Söhne', team);
    return {store, inside, field, team, account};
}

test('the store time zone reads local times', () => {
    const {store} = seeded();
    assertEqual(store.get_time_zone_name(), null);
    store.set_time_zone('Europe/Berlin');
    assertEqual(store.get_time_zone_name(), 'Europe/Berlin');
    assertEqual(store.get_time_zone().get_identifier(), 'Europe/Berlin');
    assertEqual(Tandem.time_parse('30.11.2026 23:30', store.get_time_zone()).format_iso8601(), '2026-11-30T22:30:00Z');
    assertEqual(Tandem.time_parse('2026-11-01', store.get_time_zone()).format_iso8601(), '2026-10-31T23:00:00Z');
    assertThrows(() => Tandem.time_parse('29.03.2026 02:30', store.get_time_zone()), e => e.message.includes('does not exist in the time zone'));
    assertThrows(() => store.set_time_zone('Mars/Olympus'), e => e.message.includes('Mars/Olympus'));
});

test('German files, customer numbers and amounts', () => {
    const {store, field, account} = seeded();
    account.set_number('K-1001');
    store.update_account(account);
    field.set_personnel_number('1002');
    store.update_rep(field);
    assertEqual(store.get_account(account.id).number, 'K-1001');
    const options = Tandem.ImportOptions.new();
    options.set_columns('ref=Belegnr,at=Datum,account_number=Kundennr,personnel_number=PNR,amount=Betrag');
    options.set_kind(Tandem.ActivityKind.ORDER);
    assertEqual(options.get_header('at'), 'Datum');
    const text = 'Belegnr;Datum;Kundennr;PNR;Betrag\r\nR-1;30.11.2026 23:30;K-1001;1002;1.200,50 EUR\r\n';
    const stream = Gio.MemoryInputStream.new_from_bytes(new GLib.Bytes(new TextEncoder().encode(text)));
    const [ok, inserted, skipped, encoding] = store.import_activities(stream, Tandem.DataFormat.CSV, options, null);
    assert(ok);
    assertEqual(inserted, 1);
    assertEqual(skipped, 0);
    assertEqual(encoding, 'UTF-8');
    assertEqual(store.find_activity_by_ref('R-1').amount.to_string(), '1200.50 EUR');
    assertEqual(Tandem.Money.parse_decimal_comma('1.234,56 EUR').to_string(), '1234.56 EUR');
    assertThrows(() => options.set_columns('sum=Betrag'), e => e.message.includes('is not a field'));
});

test('add, get and list', () => {
    const {store, inside, team} = seeded();
    assertEqual(store.get_rep(inside.id), inside);
    assertEqual(store.list_reps().get_n_items(), 2);
    assertEqual(store.list_teams().get_item(0).name, team.name);
    assertEqual(store.list_accounts().get_item(0).name, 'Ölmühle Größe & Söhne');
    assertThrows(() => store.get_rep(99),
        e => e.matches(Tandem.store_error_quark(), Tandem.StoreError.NOT_FOUND));
});

test('membership and stage history', () => {
    const {store, inside, field, team, account} = seeded();
    const lea = store.add_rep('Lea Hoffmann', Tandem.Role.INSIDE);
    store.change_team_members(team, lea, field, null);
    const history = Tandem.Membership.list(store, team);
    assertEqual(history.get_n_items(), 2);
    assertEqual(history.get_item(0).inside_rep, inside);
    assert(history.get_item(0) instanceof Tandem.Membership);
    const start = GLib.DateTime.new_utc(2020, 1, 1, 0, 0, 0);
    Tandem.Membership.set_start(store, team, start);
    assert(Tandem.Membership.list(store, team).get_item(0).valid_from.equal(start));
    assertThrows(() => Tandem.Membership.set_start(store, team, GLib.DateTime.new_utc(2099, 1, 1, 0, 0, 0)),
        e => e.matches(Tandem.store_error_quark(), Tandem.StoreError.INVALID));
    store.set_account_stage(account, Tandem.AccountStage.CUSTOMER, null);
    const changes = Tandem.StageChange.list(store, account);
    assertEqual(changes.get_n_items(), 2);
    assertEqual(changes.get_item(1).stage, Tandem.AccountStage.CUSTOMER);
    assert(changes.get_item(1) instanceof Tandem.StageChange);
});

test('activities, filters and money strings', () => {
    const {store, inside, field, account} = seeded();
    const order = store.log_activity(account, field, Tandem.ActivityKind.ORDER,
        Tandem.Money.parse('1200.00 EUR'), when('2026-11-03T10:00:00Z'));
    store.log_activity(account, inside, Tandem.ActivityKind.CALL, null, when('2026-11-04T10:00:00Z'));
    const [saved, inserted] = store.save_activity(
        Tandem.Activity.new_reversal(order, inside, null, when('2026-11-05T10:00:00Z')));
    assert(inserted);
    assertEqual(saved.reverses.id, order.id);
    assertEqual(saved.amount.to_string(), '1200.00 EUR');
    const filter = Tandem.ActivityFilter.new();
    filter.set_rep(inside);
    assertEqual(store.query_activities(filter).get_n_items(), 2);
});

test('what a sale sold: product, category, quantity and cost', () => {
    const {store, field, account} = seeded();
    const draft = Tandem.Activity.new(account, field, Tandem.ActivityKind.ORDER,
        Tandem.Money.parse('1000.00 EUR'), when('2026-11-03T10:00:00Z'));
    assertEqual(draft.quantity, 1);
    assertEqual(draft.product, null);
    draft.product = 'P-100';
    draft.set_category('Maschinen');
    draft.quantity = 3;
    draft.cost = Tandem.Money.parse('700.00 EUR');
    const [saved] = store.save_activity(draft);
    const again = store.get_activity(saved.id);
    assertEqual(again.get_product(), 'P-100');
    assertEqual(again.category, 'Maschinen');
    assertEqual(again.get_quantity(), 3);
    assertEqual(again.get_cost().to_string(), '700.00 EUR');
    draft.external_ref = 'x-2';
    draft.set_cost(Tandem.Money.parse('-1.00 EUR'));
    assertThrows(() => store.save_activity(draft), e => e.message.includes('negative'));
});

test('async import with progress, then async query', async () => {
    const {store, field, account} = seeded();
    let rows = 'ref,at,account,rep,kind,amount\n';
    for (let i = 0; i < 25000; i++)
        rows += `g${i},2026-11-0${1 + i % 9}T09:00:00Z,${account.id},${field.id},order,${i}.25 EUR\n`;
    const progress = [];
    store.connect('progress', (s, op, done, total) => progress.push([op, done, total]));
    const stream = Gio.MemoryInputStream.new_from_bytes(new GLib.Bytes(new TextEncoder().encode(rows)));
    const [ok, inserted, skipped] = await callAsync(
        cb => store.import_activities_async(stream, Tandem.DataFormat.CSV, null, null, cb),
        res => store.import_activities_finish(res));
    assert(ok);
    assertEqual(inserted, 25000);
    assertEqual(skipped, 0);
    assert(progress.length >= 2, 'progress was reported');
    const model = await callAsync(cb => store.query_activities_async(null, null, cb),
        res => store.query_activities_finish(res));
    assertEqual(model.get_n_items(), 25000);
    // time order: the last item is the latest day (9) with the largest id
    assertEqual(model.get_item(24999).amount.to_string(), '24992.25 EUR');
    assertEqual(store.find_activity_by_ref('g24999').amount.to_string(), '24999.25 EUR');
});

test('stores open from a path or a server URI', () => {
    const dir = GLib.dir_make_tmp('tandem-uri-XXXXXX');
    const store = Tandem.Store.new_for_uri(GLib.build_filenamev([dir, 'uri.db']));
    assertEqual(store.add_rep('Anna', Tandem.Role.INSIDE).id, 1);
    const e = assertThrows(() => Tandem.Store.new_for_uri('postgresql://anna:Geheim123@127.0.0.1:1/tandem'));
    assert(e.matches(Tandem.store_error_quark(), Tandem.StoreError.IO), `${e}`);
    assert(e.message.includes('127.0.0.1/tandem') && !e.message.includes('Geheim123'), e.message);
});

test('a bad import row names its line and field and writes nothing', () => {
    const {store, field, account} = seeded();
    const rows = 'ref,at,account,rep,kind,amount\n' +
        `A,2026-11-03T10:00:00Z,${account.id},${field.id},call,\n` +
        `B,2026-11-03T10:00:00Z,${account.id},${field.id},order,abc\n`;
    const stream = Gio.MemoryInputStream.new_from_bytes(new GLib.Bytes(new TextEncoder().encode(rows)));
    assertThrows(() => store.import_activities(stream, Tandem.DataFormat.CSV, null, null),
        e => e.matches(Tandem.import_error_quark(), Tandem.ImportError.INVALID_FIELD) &&
            e.message.startsWith('line 3: amount:'));
    assertEqual(store.list_activities().get_n_items(), 0);
    const unknown = 'ref,at,account,rep,kind,amount\n' +
        `C,2026-11-03T10:00:00Z,99,${field.id},call,\n`;
    assertThrows(() => store.import_activities(
        Gio.MemoryInputStream.new_from_bytes(new GLib.Bytes(new TextEncoder().encode(unknown))),
        Tandem.DataFormat.CSV, null, null),
    e => e.matches(Tandem.import_error_quark(), Tandem.ImportError.UNKNOWN_REFERENCE));
    assertEqual(store.list_activities().get_n_items(), 0);
});

test('the paged activity list is a Tandem.ActivityList that reports failed reads', () => {
    const {store, field, account} = seeded();
    for (let i = 0; i < 300; i++)
        store.log_activity(account, field, Tandem.ActivityKind.CALL, null,
            GLib.DateTime.new_from_iso8601(`2026-11-${String(1 + i % 28).padStart(2, '0')}T10:00:00Z`, null));
    const list = store.list_activities();
    assert(list instanceof Tandem.ActivityList, `${list}`);
    assertEqual(list.get_n_items(), 300);
    assertEqual(list.get_item(299).kind, Tandem.ActivityKind.CALL);
    assertEqual(list.failed, false);
    assertEqual(list.get_failed(), false);
    assertEqual(list.check(), true);
});

run();
