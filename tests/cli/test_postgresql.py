# SPDX-License-Identifier: LGPL-2.1-or-later
"""A store on a PostgreSQL server: the same answers as SQLite, its schema
kept safe, its credentials secret. Runs inside pg_virtualenv (PGHOST,
PGPORT, PGUSER, PGPASSWORD from the environment)."""

import json
import os
import random
import signal
import subprocess
import time

import pytest

from test_cli import PLAN, TANDEM

SOURCE = os.path.join(os.path.dirname(__file__), "..", "..")

pytestmark = pytest.mark.skipif('PGPORT' not in os.environ, reason='needs the server of build-aux/test.sh')


def tandem(db, *args, check=None):
    e = dict(os.environ, LC_ALL='C.UTF-8')
    p = subprocess.run([TANDEM, f'--db={db}'] + list(args), capture_output=True, text=True, env=e, timeout=300)
    if check is not None:
        assert p.returncode == check, (args, p.returncode, p.stdout, p.stderr)
    return p


def psql(database, sql):
    return subprocess.run(['psql', '-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', database, '-c', sql],
                          check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture
def database(request):
    name = 'pg_' + request.node.name.lower()[:40]
    subprocess.run(['dropdb', '--if-exists', name], check=True, capture_output=True)
    subprocess.run(['createdb', name], check=True, capture_output=True)
    yield name
    subprocess.run(['dropdb', '--if-exists', name], capture_output=True)


def seed(db, tmp_path, rng):
    """The same random quarter in any store: reps, tandems, accounts, a plan
    and an import of orders, cross- and up-sells, reversals and calls."""
    tandem(db, 'init', check=0)
    for i in range(4):
        tandem(db, 'rep', 'add', f'Innen {i}', '--role', 'inside', check=0)
        tandem(db, 'rep', 'add', f'Außen {i}', '--role', 'field', check=0)
    for t in range(4):
        tandem(db, 'team', 'add', '--inside', str(2 * t + 1), '--field', str(2 * t + 2), '--name', f'T{t}',
               '--target', f'{rng.randint(1, 40) * 1000}.00 EUR', '--since', '2026-01-01T00:00:00Z', check=0)
    for a in range(12):
        tandem(db, 'account', 'add', f"Kunde {a} O'Brien; DROP TABLE rep;--", '--team', str(a % 4 + 1), check=0)
    plan = tmp_path / 'plan.ini'
    plan.write_text(PLAN + '[Accelerator]\nAbove=100%\nMultiplier=1.5\n[TeamBonus]\nAttainment=80%\n'
                    'Amount=500.00 EUR\nSplit=contribution\n[Cap]\nPerRep=2500.00 EUR\n')
    tandem(db, 'plan', 'load', str(plan), check=0)
    # plans over time: a second version from November, a second plan for
    # tandem 4 from October, targets, draws and two CHF rates
    plan.write_text(plan.read_text().replace('CommissionRate=5%', 'CommissionRate=6%'))
    tandem(db, 'plan', 'load', str(plan), '--from', '2026-11', check=0)
    premium = tmp_path / 'premium.ini'
    premium.write_text(PLAN.replace('Name=Standard', 'Name=Premium').replace('CommissionRate=5%', 'CommissionRate=9%'))
    tandem(db, 'plan', 'load', str(premium), check=0)
    tandem(db, 'team', 'plan', '4', 'Premium', '--from', '2026-10', check=0)
    tandem(db, 'target', 'ramp', '2', '--from', '2026-10', '--steps', f'{rng.randint(10, 90)}%,75%', check=0)
    tandem(db, 'target', 'set', '3', '2026-11', f'{rng.randint(1, 40) * 1000}.00 EUR', check=0)
    tandem(db, 'draw', 'set', '3', '--amount', f'{rng.randint(100, 3000)}.00 EUR', '--from', '2026-09',
           '--until', '2026-10', '--recoverable', check=0)
    tandem(db, 'draw', 'set', '5', '--amount', f'{rng.randint(100, 3000)}.00 EUR', '--from', '2026-10', check=0)
    tandem(db, 'rate', 'set', 'CHF', 'EUR', f'0.{rng.randint(80000000, 99999999)}', '--from', '2026-09-01T00:00:00Z',
           check=0)
    tandem(db, 'rate', 'set', 'CHF', 'EUR', f'1.{rng.randint(0, 9999):04d}', '--from', '2026-10-15T00:00:00Z',
           check=0)
    rows = ['ref,at,account,rep,kind,amount,reverses']
    orders = []
    for i in range(300):
        account = rng.randint(1, 12)
        rep = rng.randint(1, 8)
        at = f'2026-{rng.randint(9, 11):02d}-{rng.randint(1, 28):02d}T{rng.randint(8, 17):02d}:{i % 60:02d}:00Z'
        kind = rng.choice(['order', 'order', 'cross-sell', 'up-sell', 'call', 'visit'])
        if kind in ('call', 'visit'):
            rows.append(f'r{i},{at},{account},{rep},{kind},,')
            continue
        amount = rng.randint(100, 900000)
        currency = rng.choice(['EUR', 'EUR', 'EUR', 'CHF'])
        rows.append(f'r{i},{at},{account},{rep},{kind},{amount // 100}.{amount % 100:02d} {currency},')
        orders.append((i, account, at, amount, currency))
    for j, (i, account, at, amount, currency) in enumerate(rng.sample(orders, 30)):
        back = rng.randint(1, amount)
        rows.append(f'v{j},{at[:8]}28T23:{j:02d}:00Z,{account},1,reversal,{back // 100}.{back % 100:02d} {currency},'
                    f'r{i}')
    data = tmp_path / f'data-{rng.random()}.csv'
    data.write_text('\n'.join(rows) + '\n')
    tandem(db, 'import', str(data), check=0)


def reads(db):
    """What reports read (no verb here writes): settlements, statements, key
    figures, lists and exports."""
    out = {}
    for period in ('2026-09', '2026-10', '2026-11'):
        for plan in ('Standard', 'Premium'):
            out[f'settle {period} {plan}'] = tandem(db, '--json', 'settle', period, '--plan', plan, check=0).stdout
        out[f'statement {period}'] = tandem(db, '--json', 'statement', '2', period, '--plan', 'Standard',
                                            check=0).stdout
    for period in ('2026-11', '2026-Q4'):
        # KPIs count in one currency: with CHF activities both engines refuse alike
        p = tandem(db, '--json', 'kpi', period, '--plan', 'Standard')
        out[f'kpi {period}'] = (p.returncode, p.stdout, p.stderr)
    for noun in ('plan', 'target', 'draw', 'rate', 'rep', 'team', 'account'):
        out[f'{noun} list'] = tandem(db, '--json', noun, 'list', check=0).stdout
    out['export csv'] = tandem(db, 'export', 'activities', check=0).stdout
    out['export json'] = tandem(db, 'export', 'activities', '--format', 'json', check=0).stdout
    return out


def outputs(db):
    out = reads(db)
    out['close'] = tandem(db, '--json', 'close', '2026-09', '--plan', 'Standard', check=0).stdout
    out['after close'] = tandem(db, '--json', 'settle', '2026-10', '--plan', 'Standard', check=0).stdout
    out['draws after close'] = tandem(db, '--json', 'draw', 'list', check=0).stdout
    return out


@pytest.mark.parametrize('seed_value', [1, 2, 3])
def test_same_answers_on_both_engines(database, tmp_path, seed_value):
    sqlite_db = str(tmp_path / 'same.db')
    seed(sqlite_db, tmp_path, random.Random(seed_value))
    seed(f'postgresql:///{database}', tmp_path, random.Random(seed_value))
    a = outputs(sqlite_db)
    b = outputs(f'postgresql:///{database}')
    for key in a:
        assert a[key] == b[key], key
    # something was really computed
    assert json.loads(a['settle 2026-11 Standard'])['reps']
    assert json.loads(a['settle 2026-11 Premium'])['reps']


def test_schema_is_versioned_and_guarded(database):
    uri = f'postgresql:///{database}'
    p = tandem(uri, '--json', 'init', check=0)
    assert json.loads(p.stdout)['schema-version'] == 19
    assert psql(database, 'SELECT max (version) FROM tandem_schema') == '19'
    tandem(uri, 'init', check=0)  # again: nothing to do

    # a store of schema 17 gets the log function that takes its time's locks
    # (a close of an earlier month no longer holds its writer back); one of
    # schema 18 the function that writes sales too (it reads the lifecycle
    # rules)
    for schema, marker, other in ((17, '1413566022', '1413566099'), (18, 'lifecycle_rule', 'lifecycle_rulx')):
        has_it = f"SELECT prosrc LIKE '%{marker}%' FROM pg_proc WHERE proname = 'tandem_log_activity'"
        assert psql(database, has_it) == 't'
        old = psql(database, "SELECT pg_get_functiondef ('tandem_log_activity'::regproc)")
        psql(database, old.replace(marker, other))
        psql(database, f'DELETE FROM tandem_schema; INSERT INTO tandem_schema VALUES ({schema})')
        assert psql(database, has_it) == 'f'
        tandem(uri, 'rep', 'list', check=0)
        assert psql(database, has_it) == 't', schema
        assert psql(database, 'SELECT max (version) FROM tandem_schema') == '19'

    # a database of a newer libtandem is refused and left untouched
    psql(database, 'UPDATE tandem_schema SET version = 99')
    p = tandem(uri, 'rep', 'list', check=2)
    assert 'newer libtandem' in p.stderr and 'untouched' in p.stderr
    assert psql(database, 'SELECT max (version) FROM tandem_schema') == '99'


def test_a_database_of_another_application_is_refused(database):
    psql(database, 'CREATE TABLE invoices (id int)')
    p = tandem(f'postgresql:///{database}', 'init', check=2)
    assert 'not a libtandem store' in p.stderr
    assert psql(database, "SELECT count (*) FROM pg_tables WHERE tablename = 'rep'") == '0'


def test_credentials_stay_secret(database):
    host, port, user = os.environ['PGHOST'], os.environ['PGPORT'], os.environ['PGUSER']
    secret = 'S3cr3t-Passw0rd-4711'
    for uri in (f'postgresql://no_such_role:{secret}@{host}:{port}/{database}',
                f'postgres://{user}:{secret}@{host}:{port}/no_such_database'):
        env_free = {k: v for k, v in os.environ.items() if k != 'PGPASSWORD'}
        p = subprocess.run([TANDEM, f'--db={uri}', '--json', 'rep', 'list'], capture_output=True, text=True,
                           env=dict(env_free, LC_ALL='C.UTF-8'), timeout=60)
        assert p.returncode == 2, (p.stdout, p.stderr)
        assert secret not in p.stdout + p.stderr
        assert host in p.stderr
    p = subprocess.run([TANDEM, f'--db=postgresql://{user}:{secret}@{host}:{port}/{database}', '--help'],
                       capture_output=True, text=True, timeout=60)
    assert secret not in p.stdout + p.stderr
    # a working password: init's output names the store without it
    password = os.environ['PGPASSWORD']
    uri = f'postgresql://{user}:{password}@{host}:{port}/{database}'
    for args in (['init'], ['--json', 'init']):
        p = subprocess.run([TANDEM, f'--db={uri}'] + args, capture_output=True, text=True,
                           env=dict(env_free, LC_ALL='C.UTF-8'), timeout=60)
        assert p.returncode == 0, p.stderr
        assert password not in p.stdout + p.stderr and database in p.stdout
    # from $TANDEM_DB (so that no command line carries it), with every debug
    # message of GLib and libtandem on: the password appears nowhere, also
    # when the server refuses it
    for candidate, code in ((uri, 0), (uri.replace(password, secret), 2)):
        e = dict(env_free, LC_ALL='C.UTF-8', TANDEM_DB=candidate, G_MESSAGES_DEBUG='all')
        for args in (['--json', 'rep', 'list'], ['rep', 'list'], ['--json', 'kpi', '2026-11']):
            p = subprocess.run([TANDEM] + args, capture_output=True, text=True, env=e, timeout=60)
            assert p.returncode in (code, 2), (args, p.stderr)
            secret_word = candidate.split(':')[2].split('@')[0]
            assert secret_word not in p.stdout + p.stderr, (args, p.stderr)


def test_injection_strings_are_stored_verbatim(database):
    uri = f'postgresql:///{database}'
    tandem(uri, 'init', check=0)
    evil = "Robert'); DROP TABLE rep; -- $1 ?1 \\x"
    tandem(uri, 'rep', 'add', evil, '--role', 'inside', check=0)
    reps = json.loads(tandem(uri, '--json', 'rep', 'list', check=0).stdout)
    assert reps[0]['name'] == evil


def test_many_writers_on_one_server(database, tmp_path):
    """8 client processes log 5,000 activities each (two by two with the same
    references and facts, so half of them collide on purpose) while an
    import and a close run: no row lost, none twice, no error reaching a
    client."""
    uri = f'postgresql:///{database}'
    helper = os.environ['TANDEM_TEST_HELPER']
    tandem(uri, 'init', check=0)
    tandem(uri, 'rep', 'add', 'Anna', '--role', 'inside', check=0)
    tandem(uri, 'rep', 'add', 'Jonas', '--role', 'field', check=0)
    tandem(uri, 'team', 'add', '--inside', '1', '--field', '2', '--since', '2026-01-01T00:00:00Z', check=0)
    tandem(uri, 'account', 'add', 'ACME', '--team', '1', check=0)
    plan = tmp_path / 'plan.ini'
    plan.write_text(PLAN)
    tandem(uri, 'plan', 'load', str(plan), check=0)
    for day in range(1, 29):
        tandem(uri, 'log', 'order', '--account', '1', '--rep', '2', '--amount', '100.00 EUR',
               '--at', f'2026-10-{day:02d}T10:00:00Z', check=0)
    rows = ['ref,at,account,rep,kind,amount'] + [
        f'imp-{i},2026-12-{1 + i % 28:02d}T{i % 24:02d}:{(i // 24) % 60:02d}:00Z,1,1,call,' for i in range(5000)]
    csv = tmp_path / 'december.csv'
    csv.write_text('\n'.join(rows) + '\n')

    writers = [subprocess.Popen([helper, 'log', uri, '1', '1', '5000', f'w{k % 4}'], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True) for k in range(8)]
    importer = subprocess.Popen([TANDEM, f'--db={uri}', 'import', str(csv)], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
    close = tandem(uri, '--json', 'close', '2026-10')
    outcomes = [(w.wait(timeout=900), w.stderr.read()) for w in writers]
    assert importer.wait(timeout=900) == 0, importer.stderr.read()
    assert close.returncode == 0, close.stderr
    assert all(code == 0 for code, _ in outcomes), outcomes

    # every reference once: 4 × 5,000 from the writers, 5,000 imported, 28 orders
    assert psql(database, 'SELECT count (*) FROM activity') == str(4 * 5000 + 5000 + 28)
    assert psql(database, 'SELECT count (DISTINCT external_ref) FROM activity') == str(4 * 5000 + 5000 + 28)
    assert psql(database, "SELECT count (*) FROM activity WHERE external_ref LIKE 'w%'") == '20000'
    # the close froze October's 28 orders
    frozen = json.loads(close.stdout)
    assert sum(1 for rep in frozen['reps'] for line in rep['lines'] if line['kind'] == 'commission') == 56


def test_import_killed_midway_leaves_nothing(database, tmp_path):
    """The bulk import (COPY) runs in one transaction: a client killed while
    it writes leaves none of the file, and the file imports whole later."""
    uri = f'postgresql:///{database}'
    tandem(uri, 'init', check=0)
    tandem(uri, 'rep', 'add', 'Anna', '--role', 'inside', check=0)
    tandem(uri, 'rep', 'add', 'Jonas', '--role', 'field', check=0)
    tandem(uri, 'team', 'add', '--inside', '1', '--field', '2', '--since', '2026-01-01T00:00:00Z', check=0)
    tandem(uri, 'account', 'add', 'ACME', '--team', '1', check=0)
    stages = psql(database, 'SELECT count (*) FROM account_stage')
    n = 400000
    csv = tmp_path / 'big.csv'
    with open(csv, 'w') as out:
        out.write('ref,at,account,rep,kind,amount\n')
        for i in range(n):
            kind, amount = ('order', f'{1 + i % 900}.00 EUR') if i % 5 == 0 else ('call', '')
            out.write(f'K-{i},2026-11-{1 + i % 28:02d}T{i % 24:02d}:{(i // 24) % 60:02d}:00Z,1,{1 + i % 2},'
                      f'{kind},{amount}\n')

    importer = subprocess.Popen([TANDEM, f'--db={uri}', 'import', str(csv)], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
    # wait until the import's transaction has written batches to the server
    written = "SELECT count (*) FROM pg_stat_activity WHERE datname = current_database () " \
              "AND xact_start IS NOT NULL AND backend_xid IS NOT NULL AND pid <> pg_backend_pid ()"
    for _ in range(600):
        if psql(database, written) != '0' or importer.poll() is not None:
            break
        time.sleep(0.05)
    time.sleep(0.5)
    importer.kill()
    assert importer.wait(timeout=60) == -signal.SIGKILL, 'the import ended before it could be killed'
    # the server notices the lost client and rolls its transaction back
    for _ in range(200):
        if psql(database, written) == '0':
            break
        time.sleep(0.05)
    assert psql(database, 'SELECT count (*) FROM activity') == '0'
    assert psql(database, 'SELECT count (*) FROM account_stage') == stages

    p = tandem(uri, '--json', 'import', str(csv), check=0)
    assert json.loads(p.stdout) == {'imported': n, 'skipped': 0, 'encoding': 'UTF-8'}
    assert psql(database, 'SELECT count (*) FROM activity') == str(n)


def test_roles_and_row_level_security(database, tmp_path):
    """With the installed roles script, a rep's login reads only its own payout
    lines and disputes, cannot approve or pay, cannot change the audit trail;
    a manager's login can approve and reads everything."""
    owner = f'postgresql:///{database}'
    tandem(owner, 'init', check=0)
    for name, role in (('Anna Schäfer', 'inside'), ('Jonas Becker', 'field')):
        tandem(owner, 'rep', 'add', name, '--role', role, check=0)
    tandem(owner, 'team', 'add', '--inside', '1', '--field', '2', '--name', 'Nord', '--since', '2026-01-01T00:00:00Z',
           check=0)
    tandem(owner, 'account', 'add', 'ACME GmbH', '--team', '1', check=0)
    plan = tmp_path / 'plan.ini'
    plan.write_text(PLAN)
    tandem(owner, 'plan', 'load', str(plan), check=0)
    tandem(owner, 'log', 'order', '--account', '1', '--rep', '2', '--amount', '1000.00 EUR', '--at',
           '2026-11-03T10:00:00Z', check=0)
    tandem(owner, 'close', '2026-11', check=0)

    script = os.path.join(SOURCE, 'libtandem', 'store', 'sql', 'tandem-roles.sql')
    for _ in range(2):  # running it again changes nothing
        subprocess.run(['psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', database, '-f', script], check=True,
                       capture_output=True)
    suffix = database[-8:]
    anna, jonas, petra = (f'anna_{suffix}', f'jonas_{suffix}', f'petra_{suffix}')
    psql(database, f"CREATE ROLE {anna} LOGIN PASSWORD 'pw' IN ROLE tandem_rep;"
                   f"CREATE ROLE {jonas} LOGIN PASSWORD 'pw' IN ROLE tandem_rep;"
                   f"CREATE ROLE {petra} LOGIN PASSWORD 'pw' IN ROLE tandem_manager;"
                   f"INSERT INTO tandem_rep_login VALUES ('{anna}', 1), ('{jonas}', 2)")
    try:
        as_anna, as_jonas, as_petra = (f'postgresql://{who}:pw@/{database}' for who in (anna, jonas, petra))

        # each rep reads only its own payout lines of the closed period
        for uri, rep in ((as_anna, 1), (as_jonas, 2)):
            s = json.loads(tandem(uri, '--json', 'settle', '2026-11', check=0).stdout)
            assert [r['rep'] for r in s['reps']] == [rep]
        # 5% of 1000.00: Jonas (field, 60%) 30.00
        assert json.loads(tandem(as_jonas, '--json', 'statement', '2', '2026-11', check=0).stdout)['total'] \
            == '30.00 EUR'

        # a rep cannot approve or pay; a dispute only for itself
        p = tandem(as_anna, 'approve', '2026-11', check=2)
        assert 'password' not in p.stderr
        tandem(as_anna, 'dispute', 'open', '--rep', '1', '--period', '2026-11', '--plan', 'Standard', '--reason',
               'mine', check=0)
        tandem(as_anna, 'dispute', 'open', '--rep', '2', '--period', '2026-11', '--plan', 'Standard', '--reason',
               'not mine', check=2)
        tandem(as_jonas, 'dispute', 'open', '--rep', '2', '--period', '2026-11', '--plan', 'Standard', '--reason',
               'his', check=0)
        assert [d['reason'] for d in json.loads(tandem(as_anna, '--json', 'dispute', 'list', check=0).stdout)] \
            == ['mine']
        assert {e['who'] for e in json.loads(tandem(as_anna, '--json', 'audit', check=0).stdout)} == {anna}

        # nobody changes or deletes the audit trail
        env = dict(os.environ, PGPASSWORD='pw')
        for who in (anna, petra):
            for sql in ('UPDATE audit SET who = who', 'DELETE FROM audit'):
                p = subprocess.run(['psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-U', who, '-d', database,
                                    '-c', sql], capture_output=True, text=True, env=env)
                assert p.returncode != 0 and 'permission denied' in p.stderr, (who, sql, p.stderr)

        # the manager approves and pays, and reads every line and dispute
        tandem(as_petra, 'approve', '2026-11', check=0)
        tandem(as_petra, 'pay', '2026-11', check=0)
        s = json.loads(tandem(as_petra, '--json', 'settle', '2026-11', check=0).stdout)
        assert (s['state'], s['approved_by'], [r['rep'] for r in s['reps']]) == ('paid', petra, [1, 2])
        assert len(json.loads(tandem(as_petra, '--json', 'dispute', 'list', check=0).stdout)) == 2
        assert {anna, jonas, petra} <= {e['who'] for e in json.loads(tandem(as_petra, '--json', 'audit',
                                                                            check=0).stdout)}
    finally:
        subprocess.run(['dropdb', '--if-exists', database], capture_output=True)
        psql('postgres', f'DROP ROLE IF EXISTS {anna}; DROP ROLE IF EXISTS {jonas}; DROP ROLE IF EXISTS {petra}')
