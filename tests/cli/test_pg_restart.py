# SPDX-License-Identifier: LGPL-2.1-or-later
"""A PostgreSQL server that restarts under a long-lived store: the call that
meets the lost connection is an error naming host and database (never the
password), nothing is computed from it, a transaction it cut is gone whole,
and the next call connects again. Runs inside pg_virtualenv, which is what
lets the test restart the server (pg_ctlcluster … restart)."""

import os
import subprocess
import threading
import time

import pytest

from test_postgresql import database, psql  # noqa: F401  (a fixture)

gi = pytest.importorskip('gi')
gi.require_version('Tandem', '1.0')
from gi.repository import Gio, GLib, Tandem  # noqa: E402

pytestmark = pytest.mark.skipif('PGPORT' not in os.environ, reason='needs the server of build-aux/test.sh')

PLAN = '''[Plan]
Name=Standard
Currency=EUR
Period=month
TimeZone=Europe/Berlin
CommissionRate=5%
InsideShare=40%
'''


def cluster():
    """The version and name of the pg_virtualenv cluster on $PGPORT."""
    out = subprocess.run(['pg_lsclusters', '-h'], check=True, capture_output=True, text=True).stdout
    for line in out.splitlines():
        version, name, port = line.split()[:3]
        if port == os.environ['PGPORT']:
            return version, name
    raise AssertionError(f'no cluster on port {os.environ["PGPORT"]}: {out}')


def restart():
    version, name = cluster()
    subprocess.run(['pg_ctlcluster', version, name, 'restart', '-m', 'fast'], check=True,
                   capture_output=True)


def when(text):
    return GLib.DateTime.new_from_iso8601(text, None)


def money(text):
    return Tandem.Money.parse(text)


def assert_lost(info, db):
    """The error of a call on a lost connection."""
    assert info.value.domain == 'tandem-store-error-quark'
    assert info.value.code == Tandem.StoreError.IO, info.value.message
    assert f'/{db}' in info.value.message, info.value.message
    assert os.environ['PGPASSWORD'] not in info.value.message


@pytest.fixture
def world(database):  # noqa: F811
    store = Tandem.Store.new_for_uri(f'postgresql:///{database}')
    inside = store.add_rep('Anna', Tandem.Role.INSIDE)
    field = store.add_rep('Jonas', Tandem.Role.FIELD)
    team = store.save_team(Tandem.Team.new('Nord', inside, field), when('2026-01-01T00:00:00Z'))
    account = store.add_account('ACME GmbH', team)
    plan = Tandem.Plan.new_from_data(PLAN, -1)
    Tandem.Plan.add(store, plan)
    store.log_activity(account, field, Tandem.ActivityKind.ORDER, money('1000.00 EUR'),
                       when('2026-10-05T10:00:00Z'))
    return store, database, plan, inside, field, account


def test_between_calls_every_kind_of_call_fails_then_reconnects(world):
    """After each restart the first call fails (a list, a lookup, a count of
    activities, a settlement, a write), the same call then answers right."""
    store, db, plan, inside, field, account = world
    october = plan.parse_period('2026-10')
    calls = [
        ('list_reps', lambda: [r.props.name for r in store.list_reps()], ['Anna', 'Jonas']),
        ('get_rep', lambda: store.get_rep(1).props.name, 'Anna'),
        ('list_activities', lambda: store.list_activities().get_n_items(), 1),
        # 5% of 1,000.00 = 50.00, all of it (inside 40%, field 60%)
        ('settlement', lambda: Tandem.Settlement.new(store, plan, october).get_total().to_string(),
         '50.00 EUR'),
        ('kpi', lambda: Tandem.Kpi.compute(store, plan, october).get_n_items(), 1),
    ]
    for name, call, expected in calls:
        assert call() == expected, name
        restart()
        with pytest.raises(GLib.Error) as info:
            call()
        assert_lost(info, db)
        assert call() == expected, name

    # a write as the first call: it fails whole, the next one is stored once
    restart()
    with pytest.raises(GLib.Error) as info:
        store.log_activity(account, inside, Tandem.ActivityKind.CALL, None, when('2026-10-06T10:00:00Z'))
    assert_lost(info, db)
    assert psql(db, 'SELECT count (*) FROM activity') == '1'
    store.log_activity(account, inside, Tandem.ActivityKind.CALL, None, when('2026-10-06T10:00:00Z'))
    assert psql(db, 'SELECT count (*) FROM activity') == '2'


def test_a_paged_list_reports_the_page_it_could_not_read(world):
    """A list of 301 activities (two pages) made before the restart: its
    second page reads as None, the list is failed with the lost connection's
    error, and a new list reads it whole."""
    store, db, plan, inside, field, account = world
    for i in range(300):
        store.log_activity(account, inside, Tandem.ActivityKind.CALL, None,
                           when(f'2026-11-{1 + i % 28:02d}T10:{i % 60:02d}:00Z'))
    activities = store.list_activities()
    assert activities.get_n_items() == 301 and activities.get_item(0) is not None
    restart()
    assert activities.get_item(300) is None
    assert activities.props.failed
    with pytest.raises(GLib.Error) as info:
        activities.check()
    assert_lost(info, db)
    again = store.list_activities()
    assert again.get_item(300) is not None and again.check()


class Held:
    """A psql session that holds @lock until the server restarts."""

    def __init__(self, db, lock):
        self.p = subprocess.Popen(['psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', db],
                                  stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE, text=True)
        self.p.stdin.write(f'BEGIN;\n{lock};\nSELECT pg_sleep (600);\n')
        self.p.stdin.flush()

    def close(self):
        self.p.kill()
        return self.p.communicate()[1]


def wait_for_lock_wait(db):
    """Until a backend of @db waits for a lock: the call under test is
    inside its transaction, having written what comes before the lock."""
    sql = ("SELECT count (*) FROM pg_stat_activity WHERE datname = current_database () "
           "AND wait_event_type = 'Lock'")
    for _ in range(400):
        if psql(db, sql) != '0':
            return
        time.sleep(0.05)
    raise AssertionError('the call never waited for the held lock')


def run_cut(db, lock, call):
    """Runs @call in a thread while @lock is held, restarts the server once
    the call waits for it, and returns the error it got."""
    outcome = {}

    def run():
        try:
            outcome['value'] = call()
        except GLib.Error as e:
            outcome['error'] = e

    held = Held(db, lock)
    try:
        # the session must hold its lock before the call starts
        for _ in range(200):
            if psql(db, "SELECT count (*) FROM pg_locks l JOIN pg_stat_activity a USING (pid) "
                        "WHERE a.datname = current_database () AND l.mode LIKE 'Share%' "
                        "AND l.granted") != '0':
                break
            time.sleep(0.05)
        thread = threading.Thread(target=run)
        thread.start()
        wait_for_lock_wait(db)
        restart()
        thread.join(timeout=120)
        assert not thread.is_alive()
    finally:
        why = held.close()
    assert 'error' in outcome, f'the call went through: {outcome} ({why})'
    return outcome['error']


def test_restart_during_a_log(world):
    """The log is inside its transaction, its INSERT sent and waiting for a
    lock on the activity table: the restart cuts it; nothing of it stays,
    and the same store logs it on the next call. (The order is dated before
    the account's order of October 5, so it takes the full path, a
    transaction of several statements; one the server's function writes in
    one statement may commit before the restart reaches it, whole.)"""
    store, db, plan, inside, field, account = world

    def log():
        return store.log_activity(account, field, Tandem.ActivityKind.ORDER, money('200.00 EUR'),
                                  when('2026-10-03T10:00:00Z'))

    error = run_cut(db, 'LOCK TABLE activity IN SHARE ROW EXCLUSIVE MODE', log)
    assert error.code == Tandem.StoreError.IO and f'/{db}' in error.message, error.message
    assert os.environ['PGPASSWORD'] not in error.message
    assert psql(db, 'SELECT count (*) FROM activity') == '1'

    assert log().props.id > 0
    assert psql(db, 'SELECT count (*) FROM activity') == '2'


def test_restart_during_an_import(world):
    """An import of 200,000 rows, cut once its first rows reached the server
    (its transaction holds a transaction id): all or nothing, and the same
    store imports the file whole afterwards."""
    store, db, plan, inside, field, account = world
    rows = ['ref,at,account,rep,kind,amount'] + [
        f'I-{i},2026-10-{1 + i % 28:02d}T{i % 24:02d}:{(i // 24) % 60:02d}:00Z,{account.props.id},{1 + i % 2},'
        + ('order,10.00 EUR' if i % 4 == 0 else 'call,') for i in range(200000)]
    data = ('\n'.join(rows) + '\n').encode()
    outcome = {}

    def run_import():
        return store.import_activities(Gio.MemoryInputStream.new_from_data(data), Tandem.DataFormat.CSV,
                                       None, None)

    def run():
        try:
            outcome['value'] = run_import()
        except GLib.Error as e:
            outcome['error'] = e

    written = ("SELECT count (*) FROM pg_stat_activity WHERE datname = current_database () "
               "AND backend_xid IS NOT NULL AND pid <> pg_backend_pid ()")
    thread = threading.Thread(target=run)
    thread.start()
    for _ in range(1200):
        if psql(db, written) != '0' or not thread.is_alive():
            break
        time.sleep(0.02)
    assert thread.is_alive(), f'the import ended before the restart: {outcome}'
    restart()
    thread.join(timeout=300)
    assert 'error' in outcome, f'the import went through: {outcome}'
    error = outcome['error']
    assert error.code == Tandem.StoreError.IO and f'/{db}' in error.message, error.message
    assert psql(db, 'SELECT count (*) FROM activity') == '1'

    ok, inserted, skipped, encoding = run_import()
    assert ok and inserted == 200000 and skipped == 0
    assert psql(db, 'SELECT count (*) FROM activity') == '200001'


def test_restart_during_a_close(world):
    """A close that has written its lines and waits to append its audit
    entry: the restart cuts it, October stays open with no lines, and the
    same store closes it on the next call."""
    store, db, plan, inside, field, account = world
    october = plan.parse_period('2026-10')

    error = run_cut(db, 'LOCK TABLE audit IN SHARE ROW EXCLUSIVE MODE',
                    lambda: Tandem.Settlement.close(store, plan, october))
    assert error.code == Tandem.StoreError.IO and f'/{db}' in error.message, error.message
    assert psql(db, 'SELECT count (*) FROM closed_period') == '0'
    assert psql(db, 'SELECT count (*) FROM settlement_line') == '0'

    closed = Tandem.Settlement.close(store, plan, october)
    assert closed.get_total().to_string() == '50.00 EUR'
    assert psql(db, 'SELECT count (*) FROM closed_period') == '1'
