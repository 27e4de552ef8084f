# SPDX-License-Identifier: LGPL-2.1-or-later
"""TandemStore from Python: CRUD, history, paged lists, async import and query."""

import os
import tempfile

import gi

gi.require_version('Tandem', '1.0')
from gi.repository import Gio, GLib, Tandem  # noqa: E402

import pytest  # noqa: E402


def when(text):
    return GLib.DateTime.new_from_iso8601(text, None)


@pytest.fixture
def store():
    with tempfile.TemporaryDirectory() as tmp:
        s = Tandem.Store.new_for_path(os.path.join(tmp, 'py.db'))
        yield s


@pytest.fixture
def seeded(store):
    inside = store.add_rep('Anna Schäfer', Tandem.Role.INSIDE)
    field = store.add_rep('Jonas Becker', Tandem.Role.FIELD)
    team = store.add_team(inside, field)
    account = store.add_account('Ölmühle Größe & Söhne', team)
    return store, inside, field, team, account


def test_add_get_list(seeded):
    store, inside, field, team, account = seeded
    assert store.get_rep(inside.props.id) is inside
    assert store.get_team(team.props.id).props.field_rep is field
    assert store.props.schema_version >= 1
    assert not store.props.read_only
    reps = store.list_reps()
    assert reps.get_n_items() == 2
    assert [r.props.name for r in reps] == ['Anna Schäfer', 'Jonas Becker']
    assert store.list_teams().get_n_items() == 1
    assert store.list_accounts().get_item(0).props.name == 'Ölmühle Größe & Söhne'
    with pytest.raises(GLib.Error) as info:
        store.get_account(42)
    assert info.value.code == int(Tandem.StoreError.NOT_FOUND)


def test_history(seeded):
    store, inside, field, team, account = seeded
    lea = store.add_rep('Lea Hoffmann', Tandem.Role.INSIDE)
    store.change_team_members(team, lea, field, None)
    history = Tandem.Membership.list(store, team)
    assert history.get_n_items() == 2
    first = history.get_item(0)
    assert isinstance(first, Tandem.Membership)
    assert first.props.inside_rep is inside
    assert first.props.valid_until is not None
    now = Tandem.Membership.load_at(store, team, GLib.DateTime.new_now_utc())
    assert now.props.inside_rep is lea
    # the start can move back, not past the first pair's end
    start = GLib.DateTime.new_utc(2020, 1, 1, 0, 0, 0)
    assert Tandem.Membership.set_start(store, team, start)
    assert Tandem.Membership.list(store, team).get_item(0).props.valid_from.equal(start)
    with pytest.raises(GLib.Error) as info:
        Tandem.Membership.set_start(store, team, GLib.DateTime.new_utc(2099, 1, 1, 0, 0, 0))
    assert info.value.code == int(Tandem.StoreError.INVALID)

    store.set_account_stage(account, Tandem.AccountStage.CUSTOMER, None)
    changes = Tandem.StageChange.list(store, account)
    assert [c.props.stage for c in changes] == [Tandem.AccountStage.PROSPECT,
                                                Tandem.AccountStage.CUSTOMER]
    assert isinstance(changes.get_item(1), Tandem.StageChange)


def test_activities_and_filter(seeded):
    store, inside, field, team, account = seeded
    amount = Tandem.Money.parse('1200.00 EUR')
    order = store.log_activity(account, field, Tandem.ActivityKind.ORDER, amount,
                               when('2026-11-03T10:00:00Z'))
    store.log_activity(account, inside, Tandem.ActivityKind.CALL, None,
                       when('2026-11-04T10:00:00Z'))
    reversal = Tandem.Activity.new_reversal(order, inside, None, when('2026-11-05T10:00:00Z'))
    saved, inserted = store.save_activity(reversal)
    assert inserted and saved.props.reverses.props.id == order.props.id

    f = Tandem.ActivityFilter.new()
    f.set_kind(Tandem.ActivityKind.CALL)
    calls = store.query_activities(f)
    assert calls.get_n_items() == 1
    assert calls.get_item(0).props.rep is inside
    assert store.list_activities().get_n_items() == 3


def run_async(start, finish):
    loop = GLib.MainLoop()
    box = {}

    def done(source, result):
        try:
            box['value'] = finish(result)
        except GLib.Error as e:
            box['error'] = e
        loop.quit()

    start(done)
    loop.run()
    if 'error' in box:
        raise box['error']
    return box['value']


def test_async_import_with_progress_and_query(seeded):
    store, inside, field, team, account = seeded
    rows = ''.join(f'r{i},2026-11-{1 + i % 28:02d}T09:00:00Z,{account.props.id},'
                   f'{field.props.id},order,{i}.50 EUR\n' for i in range(25000))
    data = ('ref,at,account,rep,kind,amount\n' + rows).encode()
    progress = []
    store.connect('progress', lambda s, op, done, total: progress.append((op, done, total)))

    stream = Gio.MemoryInputStream.new_from_data(data)
    ok, inserted, skipped = run_async(
        lambda cb: store.import_activities_async(stream, Tandem.DataFormat.CSV, None, None, cb),
        lambda res: store.import_activities_finish(res))
    assert ok and inserted == 25000 and skipped == 0
    assert progress and progress[-1] == ('import', 25000, 25000)

    model = run_async(lambda cb: store.query_activities_async(None, None, cb),
                      lambda res: store.query_activities_finish(res))
    assert model.get_n_items() == 25000
    assert model.get_item(24999).props.amount is not None


def test_import_error_names_line_and_column(seeded):
    store, inside, field, team, account = seeded
    data = b'ref,at,account,rep,kind,amount\nA,2026-11-03T10:00:00Z,1,1,call,\nB,2026-11-03T10:00:00Z,1,1,order,abc\n'
    with pytest.raises(GLib.Error) as info:
        store.import_activities(Gio.MemoryInputStream.new_from_data(data), Tandem.DataFormat.CSV, None, None)
    assert info.value.domain == 'tandem-import-error-quark'
    assert info.value.message.startswith('line 3: amount:')
    assert store.list_activities().get_n_items() == 0


def test_read_only_refuses_writes():
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, 'ro.db')
        rw = Tandem.Store.new_for_path(path)
        rw.add_rep('Anna', Tandem.Role.INSIDE)
        del rw
        ro = Tandem.Store.new_for_path_full(path, Tandem.StoreFlags.READ_ONLY)
        assert ro.props.read_only
        assert ro.get_rep(1).props.name == 'Anna'
        with pytest.raises(GLib.Error) as info:
            ro.add_rep('Jonas', Tandem.Role.FIELD)
        assert info.value.code == int(Tandem.StoreError.READ_ONLY)


def test_new_for_uri_takes_paths_and_servers():
    with tempfile.TemporaryDirectory() as tmp:
        store = Tandem.Store.new_for_uri(os.path.join(tmp, 'uri.db'))
        assert store.add_rep('Anna', Tandem.Role.INSIDE).props.id == 1
    # no server listens on port 1: an error naming the host, never the password
    with pytest.raises(GLib.Error) as info:
        Tandem.Store.new_for_uri('postgresql://anna:Geheim123@127.0.0.1:1/tandem')
    assert info.value.matches(Tandem.store_error_quark(), Tandem.StoreError.IO)
    assert '127.0.0.1/tandem' in info.value.message
    assert 'Geheim123' not in info.value.message


def test_time_zone_and_local_times(seeded):
    store, inside, field, team, account = seeded
    assert store.get_time_zone_name() is None
    assert store.get_time_zone().get_identifier() == 'UTC'
    store.set_time_zone('Europe/Berlin')
    assert store.get_time_zone_name() == 'Europe/Berlin'
    # 23:30 in Berlin in November is 22:30 UTC; the first minutes of
    # November are still October in UTC
    assert Tandem.time_parse('30.11.2026 23:30', store.get_time_zone()).format_iso8601() == '2026-11-30T22:30:00Z'
    assert Tandem.time_parse('2026-11-01 00:30', store.get_time_zone()).format_iso8601() == '2026-10-31T23:30:00Z'
    assert Tandem.time_parse('2026-11-01T00:30:00Z', store.get_time_zone()).format_iso8601() == '2026-11-01T00:30:00Z'
    berlin = GLib.TimeZone.new_identifier('Europe/Berlin')
    assert Tandem.time_parse('2026-10-25 02:30', berlin).format_iso8601() == '2026-10-25T01:30:00Z'
    with pytest.raises(GLib.Error) as e:
        Tandem.time_parse('29.03.2026 02:30', store.get_time_zone())
    assert 'does not exist in the time zone Europe/Berlin' in e.value.message
    with pytest.raises(GLib.Error) as e:
        store.set_time_zone('Mars/Olympus')
    assert 'Mars/Olympus' in e.value.message


def test_german_files_customer_numbers_and_amounts(seeded):
    store, inside, field, team, account = seeded
    account.set_number('K-1001')
    store.update_account(account)
    field.set_personnel_number('1002')
    store.update_rep(field)
    assert store.get_account(account.props.id).props.number == 'K-1001'
    options = Tandem.ImportOptions.new()
    options.set_columns('ref=Belegnr,at=Datum,account_number=Kundennr,personnel_number=PNR,amount=Betrag')
    options.set_kind(Tandem.ActivityKind.ORDER)
    assert options.get_header('amount') == 'Betrag'
    assert options.get_kind() == (True, Tandem.ActivityKind.ORDER)
    data = 'Belegnr;Datum;Kundennr;PNR;Betrag;Bemerkung\r\nR-1;30.11.2026 23:30;K-1001;1002;1.200,50 EUR;Grüße\r\n'
    stream = Gio.MemoryInputStream.new_from_bytes(GLib.Bytes.new(data.encode('cp1252')))
    ok, inserted, skipped, encoding = store.import_activities(stream, Tandem.DataFormat.CSV, options, None)
    assert ok and inserted == 1 and skipped == 0 and encoding == 'Windows-1252'
    row = store.find_activity_by_ref('R-1')
    assert row.props.amount.to_string() == '1200.50 EUR'
    assert row.props.rep.props.id == field.props.id
    with pytest.raises(GLib.Error) as e:
        options.set_columns('sum=Betrag')
    assert '“sum” is not a field' in e.value.message
    # German notation in and out
    assert Tandem.Money.parse_decimal_comma('1.234,56 EUR').to_string() == '1234.56 EUR'
    assert Tandem.Money.parse('1234.56 EUR').to_locale_string(True) in ('1,234.56 EUR', '1.234,56 EUR')


def test_what_a_sale_sold(seeded):
    """product, category, quantity and cost: set, stored, read back, checked."""
    store, inside, field, team, account = seeded
    draft = Tandem.Activity.new(account, field, Tandem.ActivityKind.ORDER,
                                Tandem.Money.parse('1000.00 EUR'), when('2026-11-03T10:00:00Z'))
    assert (draft.props.product, draft.props.category, draft.props.quantity,
            draft.props.cost) == (None, None, 1, None)
    draft.props.product = 'P-100'
    draft.set_category('Maschinen')
    draft.props.quantity = 2
    draft.set_cost(Tandem.Money.parse('700.00 EUR'))
    saved, inserted = store.save_activity(draft)
    assert inserted
    again = store.get_activity(saved.props.id)
    assert (again.get_product(), again.get_category(), again.get_quantity(),
            again.get_cost().to_string()) == ('P-100', 'Maschinen', 2, '700.00 EUR')
    # a cost in another currency than the amount is refused, naming both
    draft.props.external_ref = 'x-2'
    draft.set_cost(Tandem.Money.parse('700.00 USD'))
    with pytest.raises(GLib.Error) as info:
        store.save_activity(draft)
    assert info.value.matches(Tandem.validation_error_quark(),
                              Tandem.ValidationError.INVALID_AMOUNT)
    assert '700.00 USD' in info.value.message and 'EUR' in info.value.message
    draft.set_cost(None)
    draft.props.quantity = 0
    with pytest.raises(GLib.Error) as info:
        store.save_activity(draft)
    assert 'Quantity 0' in info.value.message
    # exported and imported unchanged
    out = Gio.MemoryOutputStream.new_resizable()
    store.export_activities(out, Tandem.DataFormat.JSON, None, None)
    out.close(None)
    text = bytes(out.steal_as_bytes().get_data()).decode()
    assert '"product" : "P-100"' in text and '"cost" : "700.00 EUR"' in text
    assert '"quantity" : 2' in text



def test_lists_take_errors_and_the_paged_list_reports(seeded):
    """The lists raise GLib.Error rather than answer short (the failing
    reads themselves: tests/test-db.c on SQLite, test_pg_restart.py on
    a server); the paged activity list is a Tandem.ActivityList that says
    whether every page it was asked for was read."""
    store, inside, field, team, account = seeded
    for i in range(300):
        store.log_activity(account, inside, Tandem.ActivityKind.CALL, None,
                           when(f'2026-11-{1 + i % 28:02d}T10:{i % 60:02d}:00Z'))
    activities = store.list_activities()
    assert isinstance(activities, Tandem.ActivityList)
    assert activities.get_n_items() == 300
    assert activities.get_item(299).props.kind == Tandem.ActivityKind.CALL
    assert activities.props.failed is False and activities.get_failed() is False
    assert activities.check() is True
    query = store.query_activities(None)
    assert isinstance(query, Tandem.ActivityList) and query.check()
