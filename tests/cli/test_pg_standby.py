# SPDX-License-Identifier: LGPL-2.1-or-later
"""A store read from a streaming standby (a read replica), as doc/size-plan.md
advises for reports once they compete with the writers: every read verb
answers there what it answers on the primary, what the primary writes later
reaches it, and a write is refused with a read-only error naming the
replica, from the command and from Python. Runs inside pg_virtualenv: the
test makes the standby with pg_basebackup and starts it beside the server."""

import json
import os
import random
import shutil
import socket
import subprocess
import tempfile
import time

import pytest

from test_cli import TANDEM
from test_postgresql import database, psql, reads, seed, tandem  # noqa: F401  (a fixture)
from test_pg_restart import cluster

gi = pytest.importorskip('gi')
gi.require_version('Tandem', '1.0')
from gi.repository import GLib, Tandem  # noqa: E402

pytestmark = pytest.mark.skipif('PGPORT' not in os.environ, reason='needs the server of build-aux/test.sh')


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def as_owner(uid, argv):
    """@argv run as the user that owns the server's files (pg_ctl refuses
    root; under pg_virtualenv as root that is postgres)."""
    if os.getuid() == uid:
        return argv
    import pwd
    return ['runuser', '-u', pwd.getpwuid(uid).pw_name, '--'] + argv


class Standby:
    """A hot standby of the pg_virtualenv server: a base backup that follows
    the server by streaming replication, on its own port and socket."""

    def __init__(self):
        version, _ = cluster()
        self.bin = f'/usr/lib/postgresql/{version}/bin'
        data_directory = psql('postgres', 'SHOW data_directory')
        self.uid = os.stat(data_directory).st_uid
        self.dir = tempfile.mkdtemp(prefix='tandem-standby-')
        self.data = os.path.join(self.dir, 'data')
        self.port = free_port()
        os.chown(self.dir, self.uid, -1)
        subprocess.run(as_owner(self.uid, [f'{self.bin}/pg_basebackup', '-D', self.data, '-R', '-X', 'stream',
                                           '-c', 'fast']), check=True, capture_output=True)
        # the server's configuration lives outside its data directory on
        # Debian: the standby gets its own, local connections only
        with open(os.path.join(self.data, 'postgresql.conf'), 'w') as f:
            f.write(f"port = {self.port}\nlisten_addresses = ''\nunix_socket_directories = '{self.dir}'\n"
                    "hot_standby = on\n")
        with open(os.path.join(self.data, 'pg_hba.conf'), 'w') as f:
            f.write('local all all trust\n')
        for name in ('postgresql.conf', 'pg_hba.conf'):
            os.chown(os.path.join(self.data, name), self.uid, -1)
        subprocess.run(as_owner(self.uid, [f'{self.bin}/pg_ctl', '-D', self.data, '-l',
                                           os.path.join(self.dir, 'log'), '-w', 'start']),
                       check=True, capture_output=True)

    def uri(self, db):
        return f'postgresql:///{db}?host={self.dir}&port={self.port}'

    def query(self, db, sql):
        return subprocess.run(['psql', '-X', '-q', '-A', '-t', '-h', self.dir, '-p', str(self.port), '-d', db,
                               '-c', sql], check=True, capture_output=True, text=True).stdout.strip()

    def catch_up(self, db):
        """Until the standby has replayed everything the server wrote."""
        lsn = psql(db, 'SELECT pg_current_wal_lsn ()')
        for _ in range(600):
            if self.query(db, f"SELECT pg_last_wal_replay_lsn () >= '{lsn}'") == 't':
                return
            time.sleep(0.05)
        raise AssertionError('the standby did not catch up')

    def stop(self):
        subprocess.run(as_owner(self.uid, [f'{self.bin}/pg_ctl', '-D', self.data, '-m', 'immediate', 'stop']),
                       capture_output=True)
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture
def standby():
    s = Standby()
    yield s
    s.stop()


def assert_read_only(p, standby):
    assert p.returncode != 0, (p.stdout, p.stderr)
    assert 'takes no writes here: it is a read replica' in p.stderr, p.stderr
    assert standby.dir in p.stderr, p.stderr  # the replica is named
    assert 'Traceback' not in p.stderr and 'CRITICAL' not in p.stderr, p.stderr


def test_reports_read_from_a_standby(database, standby, tmp_path):  # noqa: F811
    primary = f'postgresql:///{database}'
    seed(primary, tmp_path, random.Random(7))
    standby.catch_up(database)
    replica = standby.uri(database)
    assert standby.query(database, 'SELECT pg_is_in_recovery ()') == 't'

    # every read verb: the same answer on the replica as on the server
    a, b = reads(primary), reads(replica)
    for key in a:
        assert a[key] == b[key], key
    november = json.loads(b['settle 2026-11 Standard'])
    assert november['reps'], 'nothing was settled'

    # what the server writes later reaches the replica's reports
    tandem(primary, 'log', 'order', '--account', '1', '--rep', '2', '--amount', '1234.56 EUR',
           '--at', '2026-11-20T10:00:00Z', check=0)
    standby.catch_up(database)
    after = tandem(replica, '--json', 'settle', '2026-11', '--plan', 'Standard', check=0).stdout
    assert after == tandem(primary, '--json', 'settle', '2026-11', '--plan', 'Standard', check=0).stdout
    assert after != b['settle 2026-11 Standard']

    # a write sent to the replica is refused, whole, naming it
    count = psql(database, 'SELECT count (*) FROM activity')
    assert_read_only(tandem(replica, 'log', 'call', '--account', '1', '--rep', '2',
                            '--at', '2026-11-21T10:00:00Z'), standby)
    assert_read_only(tandem(replica, 'log', 'order', '--account', '1', '--rep', '2',
                            '--amount', '10.00 EUR', '--at', '2026-11-21T10:00:00Z'), standby)
    assert_read_only(tandem(replica, 'rep', 'add', 'Neu', '--role', 'inside'), standby)
    # in the user's language, not only the server's
    german = subprocess.run([TANDEM, f'--db={replica}', 'rep', 'add', 'Neu', '--role', 'inside'],
                            capture_output=True, text=True, env=dict(os.environ, LC_ALL='de_DE.UTF-8'))
    assert german.returncode != 0 and 'ist ein Lese-Replikat' in german.stderr, german.stderr
    assert_read_only(tandem(replica, 'close', '2026-09', '--plan', 'Standard'), standby)
    data = tmp_path / 'more.csv'
    data.write_text('ref,at,account,rep,kind,amount,reverses\nx1,2026-11-22T10:00:00Z,1,2,order,5.00 EUR,\n')
    assert_read_only(tandem(replica, 'import', str(data)), standby)
    standby.catch_up(database)
    assert psql(database, 'SELECT count (*) FROM activity') == count
    assert standby.query(database, 'SELECT count (*) FROM activity') == count


def test_a_store_held_on_a_standby(database, standby):  # noqa: F811
    """From Python: a store opened on the replica lists and settles, and a
    write fails with TANDEM_STORE_ERROR_READ_ONLY; the store goes on
    answering after it."""
    primary = Tandem.Store.new_for_uri(f'postgresql:///{database}')
    anna = primary.add_rep('Anna', Tandem.Role.INSIDE)
    jonas = primary.add_rep('Jonas', Tandem.Role.FIELD)
    team = primary.save_team(Tandem.Team.new('Nord', anna, jonas),
                             GLib.DateTime.new_from_iso8601('2026-01-01T00:00:00Z', None))
    account = primary.add_account('ACME GmbH', team)
    plan = Tandem.Plan.new_from_data('[Plan]\nName=Standard\nCurrency=EUR\nPeriod=month\n'
                                     'TimeZone=Europe/Berlin\nCommissionRate=5%\nInsideShare=40%\n', -1)
    Tandem.Plan.add(primary, plan)
    primary.log_activity(account, jonas, Tandem.ActivityKind.ORDER, Tandem.Money.parse('1000.00 EUR'),
                         GLib.DateTime.new_from_iso8601('2026-10-05T10:00:00Z', None))
    standby.catch_up(database)

    store = Tandem.Store.new_for_uri(standby.uri(database))
    assert [r.props.name for r in store.list_reps()] == ['Anna', 'Jonas']
    october = plan.parse_period('2026-10')
    # 5% of 1,000.00 EUR
    assert Tandem.Settlement.new(store, plan, october).get_total().to_string() == '50.00 EUR'
    with pytest.raises(GLib.Error) as info:
        store.add_rep('Berta', Tandem.Role.FIELD)
    assert info.value.domain == 'tandem-store-error-quark'
    assert info.value.code == Tandem.StoreError.READ_ONLY, info.value.message
    assert standby.dir in info.value.message and 'read replica' in info.value.message
    with pytest.raises(GLib.Error) as info:
        store.log_activity(account, anna, Tandem.ActivityKind.CALL, None,
                           GLib.DateTime.new_from_iso8601('2026-10-06T10:00:00Z', None))
    assert info.value.code == Tandem.StoreError.READ_ONLY, info.value.message
    assert [r.props.name for r in store.list_reps()] == ['Anna', 'Jonas']
