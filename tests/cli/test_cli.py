# SPDX-License-Identifier: LGPL-2.1-or-later
"""The tandem command: every verb and its error paths, run as a program."""

import hashlib
import json
import os
import pty
import select
import subprocess
import time
import xml.etree.ElementTree as ET

import pytest

TANDEM = os.environ['TANDEM_CLI']

PLAN = '''[Plan]
Name=Standard
Currency=EUR
Period=month
TimeZone=Europe/Berlin
CommissionRate=5%
InsideShare=40%

[Clawback]
WindowDays=90
'''


# TANDEM_TEST_ENGINE=postgresql runs every test against the PostgreSQL
# server in PGHOST/PGPORT/PGUSER: each test database file NAME.db becomes a
# fresh database of its own.
ENGINE = os.environ.get('TANDEM_TEST_ENGINE', 'sqlite')
_databases = {}


def store_for(path):
    if ENGINE != 'postgresql' or not str(path).endswith('.db'):
        return path
    name = _databases.get(path)
    if name is None:
        name = 'tandem_' + hashlib.sha1(str(path).encode()).hexdigest()[:20]
        subprocess.run(['dropdb', '--if-exists', name], check=True, capture_output=True)
        subprocess.run(['createdb', name], check=True, capture_output=True)
        _databases[path] = name
    return f'postgresql:///{name}'


sqlite_only = pytest.mark.skipif(ENGINE != 'sqlite', reason='about files, not servers')


def run(*args, db=None, env=None, check=None):
    cmd = [TANDEM] + ([f'--db={store_for(db)}'] if db else []) + list(args)
    e = dict(os.environ)
    e['LC_ALL'] = 'C.UTF-8'
    e['TZ'] = 'UTC'  # init takes this computer's zone: the same everywhere
    e.update(env or {})
    p = subprocess.run(cmd, capture_output=True, text=True, env=e, timeout=120)
    if check is not None:
        assert p.returncode == check, (p.returncode, p.stdout, p.stderr)
    return p


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / 'cli.db')
    run('init', db=path, check=0)
    return path


@pytest.fixture
def seeded(db, tmp_path):
    run('rep', 'add', 'Anna Schäfer', '--role', 'inside', db=db, check=0)
    run('rep', 'add', 'Jonas Becker', '--role', 'field', db=db, check=0)
    run('team', 'add', '--inside', '1', '--field', '2', '--name', 'Nord',
        '--target', '5000.00 EUR', '--since', '2026-01-01T00:00:00Z', db=db, check=0)
    run('account', 'add', 'ACME GmbH', '--team', '1', '--category', 'A', db=db, check=0)
    plan = tmp_path / 'plan.ini'
    plan.write_text(PLAN)
    run('plan', 'load', str(plan), db=db, check=0)
    return db


def test_version_and_help():
    p = run('--version', check=0)
    assert p.stdout.startswith('tandem 1.0.0')
    p = run('--help', check=0)
    assert 'settle' in p.stdout and '--db PATH' in p.stdout
    p = run('log', '--help', check=0)
    assert '--amount' in p.stdout and '--reverses' in p.stdout
    assert run().returncode == 1


@sqlite_only
def test_init_json_and_default_db(tmp_path):
    p = run('--json', 'init', db=str(tmp_path / 'x.db'), check=0)
    assert json.loads(p.stdout)['schema-version'] >= 1
    env_db = str(tmp_path / 'env.db')
    run('init', env={'TANDEM_DB': env_db}, check=0)
    assert os.path.exists(env_db)
    p = subprocess.run([TANDEM, 'init'], cwd=tmp_path, capture_output=True, text=True,
                       env=dict(os.environ, TANDEM_DB=''))
    assert p.returncode == 0 and os.path.exists(tmp_path / 'tandem.db')


def test_add_and_list_json(seeded):
    p = run('rep', 'add', 'Lea Hoffmann', '--role', 'inside', '--json', db=seeded, check=0)
    assert json.loads(p.stdout) == {'id': 3}
    reps = json.loads(run('--json', 'rep', 'list', db=seeded, check=0).stdout)
    assert [r['name'] for r in reps] == ['Anna Schäfer', 'Jonas Becker', 'Lea Hoffmann']
    assert reps[0] == {'id': 1, 'name': 'Anna Schäfer', 'role': 'inside', 'archived': False,
                       'personnel-number': None}
    teams = json.loads(run('team', 'list', '--json', db=seeded, check=0).stdout)
    assert teams[0]['inside-rep'] == 1 and teams[0]['field-rep'] == 2
    assert teams[0]['target'] == '5000.00 EUR'
    accounts = json.loads(run('account', 'list', '--json', db=seeded, check=0).stdout)
    assert accounts[0]['category'] == 'a' and accounts[0]['stage'] == 'prospect'
    assert 'ACME GmbH' in run('account', 'list', db=seeded, check=0).stdout


def test_log_settle_statement_close(seeded):
    p = run('log', 'order', '--account', '1', '--rep', '2', '--amount', '1200.00 EUR',
            '--at', '2026-11-03T10:00:00Z', '--ref', 'ERP-17', db=seeded, check=0)
    assert p.stdout.strip() == '1'
    # the same ref again: a reported no-op
    p = run('log', 'order', '--account', '1', '--rep', '2', '--amount', '1200.00 EUR',
            '--at', '2026-11-03T10:00:00Z', '--ref', 'ERP-17', db=seeded, check=0)
    assert p.stdout.strip() == '1' and 'already stored' in p.stderr
    # options before or after the verb are the same
    a = run('--json', 'settle', '2026-11', '--plan', 'Standard', db=seeded, check=0).stdout
    b = run('settle', '2026-11', '--plan', 'Standard', '--json', db=seeded, check=0).stdout
    assert a == b
    data = json.loads(a)
    assert data['period'] == '2026-11' and data['plan'] == 'Standard' and data['state'] == 'draft'
    assert data['total'] == '60.00 EUR'
    assert [r['rep'] for r in data['reps']] == [1, 2]
    assert data['reps'][0]['lines'][0] == {
        'kind': 'commission', 'amount': '24.00 EUR', 'activity': 1,
        'explanation': '5% of 1,200.00 EUR order #1 for ACME GmbH = 60.00 EUR; your share 40% = 24.00 EUR'}
    text = run('settle', '2026-11', db=seeded, check=0).stdout
    assert 'Anna Schäfer' in text and 'Nord' in text
    st = run('statement', '1', '2026-11', db=seeded, check=0).stdout
    assert '5% of 1,200.00 EUR order #1' in st and 'Total: 24.00 EUR' in st

    closed = json.loads(run('close', '2026-11', '--json', db=seeded, check=0).stdout)
    assert closed['state'] == 'closed'
    p = run('log', 'call', '--account', '1', '--rep', '1', '--at', '2026-11-20T10:00:00Z', db=seeded)
    assert p.returncode == 2 and 'closed' in p.stderr
    p = run('close', '2026-11', db=seeded)
    assert p.returncode == 2 and 'already closed' in p.stderr
    # a reversal in December claws back the closed November order
    run('log', 'reversal', '--reverses', '1', '--rep', '1', '--at', '2026-12-02T10:00:00Z', db=seeded, check=0)
    dec = json.loads(run('settle', '2026-12', '--json', db=seeded, check=0).stdout)
    assert dec['total'] == '-60.00 EUR'
    assert dec['reps'][0]['lines'][0]['kind'] == 'clawback'


@pytest.mark.parametrize('args,code,needle', [
    (['log', 'order', '--account', '1', '--rep', '2', '--amount', '12,505 EUR'], 2, '“12,505 EUR”, read as “12.505 EUR”'),
    (['log', 'order', '--account', '1', '--rep', '2', '--amount', '1,200.50 EUR'], 2,
     '“1,200.50 EUR” is not an amount in German notation'),
    (['log', 'order', '--account', '99', '--rep', '2', '--amount', '1.00 EUR'], 2, 'No account with id 99'),
    (['log', 'order', '--account', '1', '--rep', '2'], 2, 'needs an amount'),
    (['log', 'sale', '--account', '1', '--rep', '2'], 2, 'sale'),
    (['log', 'call', '--account', '1', '--rep', '2', '--at', 'yesterday'], 2, 'yesterday'),
    (['log', 'call', '--rep', '2'], 1, '--account'),
    (['rep', 'add', 'X', '--role', 'boss'], 2, 'boss'),
    (['rep', 'add', 'X'], 1, '--role'),
    (['team', 'add', '--inside', '2', '--field', '1'], 2, 'cannot be a tandem'),
    (['team', 'add', '--inside', '1', '--field', '2', '--inside-share', '140%'], 2, '140%'),
    (['account', 'add', 'Y', '--team', '1', '--category', 'E'], 2, 'E'),
    (['settle', '2026-13'], 2, '2026-13'),
    (['settle', '2026-Q4'], 2, 'month'),
    (['settle', '2026-11', '--plan', 'Nope'], 2, 'Nope'),
    (['frobnicate'], 1, 'frobnicate'),
    (['log', 'call', '--account', '1', '--rep', '1', '--colour', 'red'], 1, 'colour'),
])
def test_errors(seeded, args, code, needle):
    p = run(*args, db=seeded)
    assert p.returncode == code, (p.stdout, p.stderr)
    assert needle in p.stderr


@sqlite_only
def test_missing_database_and_directory(tmp_path):
    p = run('rep', 'list', db=str(tmp_path / 'none.db'))
    assert p.returncode == 2 and 'tandem init' in p.stderr
    p = run('init', db=str(tmp_path / 'no' / 'such' / 'dir' / 'x.db'))
    assert p.returncode == 2 and 'x.db' in p.stderr


def test_import_export_round_trip(seeded, tmp_path):
    csv = tmp_path / 'in.csv'
    csv.write_bytes('\ufeffref,at,account,rep,kind,amount,reverses,note\r\n'
                    'a1,2026-11-03T10:00:00Z,1,2,order,100.00 EUR,,"Komma, ""Zitat""\r\nZeile"\r\n'
                    'a2,2026-11-04T10:00:00Z,1,1,call,,,\r\n'
                    'a3,2026-11-05T10:00:00Z,1,1,reversal,,a1,\r\n'.encode())
    p = run('import', str(csv), db=seeded, check=0)
    assert 'Imported 3' in p.stdout
    p = run('import', str(csv), '--json', db=seeded, check=0)
    assert json.loads(p.stdout) == {'imported': 0, 'skipped': 3, 'encoding': 'UTF-8'}
    # what a sale sold, logged from the command line
    run('log', 'order', '--account', '1', '--rep', '2', '--amount', '1000.00 EUR', '--product',
        'P-100', '--category', 'Maschinen', '--quantity', '2', '--cost', '700.00 EUR', '--ref', 's1',
        '--at', '2026-11-06T10:00:00Z', db=seeded, check=0)
    p = run('log', 'call', '--account', '1', '--rep', '2', '--product', 'P-100', db=seeded, check=2)
    assert 'sold nothing' in p.stderr
    p = run('log', 'order', '--account', '1', '--rep', '2', '--amount', '10.00 EUR', '--cost',
            '5.00 USD', db=seeded, check=2)
    assert 'Cost 5.00 USD' in p.stderr
    run('log', 'order', '--account', '1', '--rep', '2', '--amount', '10.00 EUR', '--quantity', '0',
        db=seeded, check=1)
    out = run('export', 'activities', db=seeded, check=0).stdout
    assert out.startswith('ref,at,account,rep,kind,amount,reverses,note,pays,product,category,'
                          'quantity,cost\n')
    assert 's1,2026-11-06T10:00:00Z,1,2,order,1000.00 EUR,,,,P-100,Maschinen,2,700.00 EUR' in out
    listed = json.loads(run('--json', 'activity', 'list', '--kind', 'order', db=seeded,
                            check=0).stdout)
    assert [(a['product'], a['quantity'], a['cost']) for a in listed] == \
        [(None, 1, None), ('P-100', 2, '700.00 EUR')]
    exported = tmp_path / 'out.csv'
    run('export', 'activities', '--output', str(exported), db=seeded, check=0)
    js = tmp_path / 'out.json'
    run('export', 'activities', '--format', 'json', '--output', str(js), db=seeded, check=0)
    assert json.loads(js.read_text())[0]['note'] == 'Komma, "Zitat"\r\nZeile'
    # into a fresh database with the same reps and accounts, both formats round-trip exactly
    for source in (exported, js):
        other = str(tmp_path / f'other-{source.suffix[1:]}.db')
        run('init', db=other, check=0)
        run('rep', 'add', 'Anna Schäfer', '--role', 'inside', db=other, check=0)
        run('rep', 'add', 'Jonas Becker', '--role', 'field', db=other, check=0)
        run('team', 'add', '--inside', '1', '--field', '2', db=other, check=0)
        run('account', 'add', 'ACME GmbH', '--team', '1', db=other, check=0)
        run('import', str(source), db=other, check=0)
        assert run('export', 'activities', db=other, check=0).stdout == exported.read_text()


def test_bad_csv_row_names_file_line_column(seeded, tmp_path):
    bad = tmp_path / 'bad.csv'
    bad.write_text('ref,at,account,rep,kind,amount\n'
                   'b1,2026-11-03T10:00:00Z,1,2,order,10.00 EUR\n'
                   'b2,2026-11-03T10:00:00Z,1,2,order,ten euros\n')
    p = run('import', str(bad), db=seeded)
    assert p.returncode == 2
    assert p.stderr.startswith(f'{bad}:3: amount: ')
    assert run('activity', 'list', '--json', db=seeded, check=0).stdout.strip() == '[]'
    p = run('import', str(tmp_path / 'missing.csv'), db=seeded)
    assert p.returncode == 2 and 'missing.csv' in p.stderr
    p = run('import', str(tmp_path / 'file.txt'), db=seeded)
    assert p.returncode == 1


def test_demo_twice(tmp_path):
    db = str(tmp_path / 'demo.db')
    first = run('demo', db=db, check=0)
    assert 'Nord' in first.stdout and 'Ost' in first.stdout and 'Total payout' in first.stdout
    assert 'Key figures per tandem, 2026-11' in first.stdout and 'Activities per tandem' in first.stdout
    reps = json.loads(run('rep', 'list', '--json', db=db, check=0).stdout)
    accounts = json.loads(run('account', 'list', '--json', db=db, check=0).stdout)
    acts = json.loads(run('activity', 'list', '--json', db=db, check=0).stdout)
    assert len([r for r in reps if r['role'] != 'manager']) >= 8
    assert len(accounts) == 60
    assert {a['category'] for a in accounts} == {'a', 'b', 'c', 'd'}
    assert {a['stage'] for a in accounts} == {'prospect', 'customer', 'regular', 'lost'}
    kinds = {a['kind'] for a in acts}
    assert {'call', 'visit', 'appointment', 'offer', 'order', 'cross-sell', 'up-sell',
            'referral', 'shadowing', 'support', 'reversal'} <= kinds
    second = run('demo', db=db, check=0)
    assert second.stdout == first.stdout
    assert len(json.loads(run('activity', 'list', '--json', db=db, check=0).stdout)) == len(acts)
    data = json.loads(run('settle', '2026-11', '--json', db=db, check=0).stdout)
    kinds = {line['kind'] for rep in data['reps'] for line in rep['lines']}
    assert {'commission', 'team-bonus', 'referral-bonus', 'clawback'} <= kinds


def test_german_help():
    env = {'LANG': 'de_DE.UTF-8', 'LC_ALL': 'de_DE.UTF-8', 'TANDEM_LOCALEDIR': os.environ['TANDEM_LOCALEDIR']}
    p = run('--help', env=env, check=0)
    assert 'Aufruf:' in p.stdout and 'Befehle:' in p.stdout
    assert 'Mitarbeiter anlegen' in p.stdout
    p = run('settle', '--help', env=env, check=0)
    assert 'einen Zeitraum abrechnen' in p.stdout
    p = run('frobnicate', env=env)
    assert p.returncode == 1 and 'unbekannter Befehl „frobnicate“' in p.stderr


def test_report_svg_has_one_bar_per_rep(tmp_path):
    db = str(tmp_path / 'svg.db')
    run('demo', '--quiet', db=db, check=0)
    svg = tmp_path / 'report.svg'
    p = run('report', '2026-11', '--svg', str(svg), db=db, check=0)
    assert 'report.svg' in p.stderr
    root = ET.parse(svg).getroot()
    assert root.tag.endswith('svg')
    outlined = 0
    for el in root.iter():
        style = (el.get('style') or '') + ' ' + (el.get('stroke') or '')
        if 'rgb(20%,20%,20%)' in style or '#333333' in style:
            outlined += 1
    reps = json.loads(run('settle', '2026-11', '--json', db=db, check=0).stdout)['reps']
    assert outlined == len(reps) == 8
    assert run('report', '2026-11', db=db).returncode == 1


def _big_csv(path, rows, prefix='p'):
    with open(path, 'w') as f:
        f.write('ref,at,account,rep,kind,amount\n')
        for i in range(rows):
            f.write(f'{prefix}{i},2026-10-{1 + i % 28:02d}T10:00:00Z,1,{1 + i % 2},call,\n')


def _run_on_pty(args):
    """Runs tandem with stderr on a terminal; returns what it wrote there."""
    master, slave = pty.openpty()
    p = subprocess.Popen([TANDEM] + args, stdout=subprocess.DEVNULL, stderr=slave,
                         env=dict(os.environ, LC_ALL='C.UTF-8'))
    os.close(slave)
    out = b''
    while True:
        r, _, _ = select.select([master], [], [], 0.2)
        if r:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
        elif p.poll() is not None:
            break
    p.wait()
    os.close(master)
    return p.returncode, out.decode(errors='replace')


# About 290,000 rows/s: 1,200,000 rows take about 4 s, so the progress line
# (shown after the first second) has an ETA before the last row.
@sqlite_only
def test_progress_only_on_a_terminal(seeded, tmp_path):
    csv = tmp_path / 'big.csv'
    _big_csv(csv, 1200000)
    code, err = _run_on_pty([f'--db={store_for(seeded)}', 'import', str(csv)])
    assert code == 0
    assert 'rows/s' in err and 'ETA' in err and '\r' in err
    csv2 = tmp_path / 'big2.csv'
    _big_csv(csv2, 400000, prefix='q')
    code, err = _run_on_pty([f'--db={store_for(seeded)}', '--quiet', 'import', str(csv2)])
    assert code == 0 and 'rows/s' not in err
    # with stderr on a pipe nothing of it either (import of the same rows: all skipped)
    p = run('import', str(csv), db=seeded, check=0)
    assert 'rows/s' not in p.stderr


def test_rep_tag_and_match(db):
    for name, role in [('Anna Schäfer', 'inside'), ('Lea Hoffmann', 'inside'),
                       ('Jonas Becker', 'field'), ('Tom Wagner', 'field')]:
        run('rep', 'add', name, '--role', role, db=db, check=0)
    run('rep', 'tag', '1', 'phone', '5', db=db, check=0)
    run('rep', 'tag', '2', 'technical', '4', db=db, check=0)
    run('rep', 'tag', '3', 'technical', '5', db=db, check=0)
    run('rep', 'tag', '4', 'negotiation', '5', db=db, check=0)
    run('rep', 'tag', '1', 'region-nord', '4', '--preference', db=db, check=0)
    run('rep', 'tag', '4', 'region-nord', '4', '--preference', db=db, check=0)
    data = json.loads(run('match', '--json', '--forbid', '1:3', db=db, check=0).stdout)
    pairs = {(p['inside-rep'], p['field-rep']): p for p in data['proposals']}
    assert set(pairs) == {(1, 4), (2, 3)}
    assert pairs[(1, 4)]['score'] == 14 and data['unmatched'] == []
    fixed = json.loads(run('match', '--json', '--fix', '1:3', db=db, check=0).stdout)
    assert {(p['inside-rep'], p['field-rep'], p['fixed']) for p in fixed['proposals']} == {(1, 3, True), (2, 4, False)}
    text = run('match', db=db, check=0).stdout
    assert 'Anna Schäfer' in text and 'coverage' in text
    run('match', '--create', '--forbid', '1:3', '--quiet', db=db, check=0)
    teams = json.loads(run('team', 'list', '--json', db=db, check=0).stdout)
    assert {(t['inside-rep'], t['field-rep']) for t in teams} == {(1, 4), (2, 3)}
    # everybody is in a tandem now: nothing left to match unless --all
    assert json.loads(run('match', '--json', db=db, check=0).stdout)['proposals'] == []
    assert len(json.loads(run('match', '--all', '--json', db=db, check=0).stdout)['proposals']) == 2
    p = run('rep', 'tag', '1', 'phone', '9', db=db)
    assert p.returncode == 2 and '9' in p.stderr
    p = run('match', '--fix', '1-3', db=db)
    assert p.returncode == 2 and 'INSIDE:FIELD' in p.stderr
    p = run('match', '--fix', '3:1', db=db)
    assert p.returncode == 2


def test_classify_and_cleanup(tmp_path):
    db = str(tmp_path / 'abc.db')
    run('demo', '--quiet', db=db, check=0)
    window = ['--since', '2026-09-01T00:00:00Z', '--until', '2026-12-01T00:00:00Z']
    preview = json.loads(run('classify', *window, '--json', db=db, check=0).stdout)
    assert len(preview) == 60
    assert {c['category'] for c in preview} == {'a', 'b', 'c', 'd'}
    shares = [c['share-bp'] for c in preview]
    assert shares == sorted(shares, reverse=True)
    # a preview changes nothing
    before = json.loads(run('account', 'list', '--json', db=db, check=0).stdout)
    assert [a['category'] for a in before] == [a['category'] for a in
                                               json.loads(run('account', 'list', '--json', db=db, check=0).stdout)]
    run('classify', *window, '--apply', '--a', '60%', '--b', '25%', '--c', '10%', db=db, check=0)
    after = {a['id']: a['category'] for a in json.loads(run('account', 'list', '--json', db=db, check=0).stdout)}
    d_accounts = [i for i, c in after.items() if c == 'd']
    listed = json.loads(run('cleanup', '--json', db=db, check=0).stdout)
    assert sorted(a['account'] for a in listed) == sorted(d_accounts)
    run('cleanup', '--confirm', db=db, check=0)
    archived = {a['id'] for a in json.loads(run('account', 'list', '--json', db=db, check=0).stdout) if a['archived']}
    assert archived == set(d_accounts)
    assert json.loads(run('cleanup', '--json', db=db, check=0).stdout) == []
    p = run('classify', '--since', 'soon', '--until', '2026-12-01T00:00:00Z', db=db)
    assert p.returncode == 2 and 'soon' in p.stderr
    p = run('classify', *window, '--a', '80%', '--b', '30%', db=db)
    assert p.returncode == 2
    assert run('classify', db=db).returncode == 1


def test_lifecycle_and_account_history(seeded):
    # ACME was created now; an account created in January takes January's orders
    run('account', 'add', 'Beta KG', '--team', '1', '--since', '2026-01-01T00:00:00Z', db=seeded, check=0)
    for day in ('2026-02-01', '2026-03-01', '2026-04-01'):
        run('log', 'order', '--account', '2', '--rep', '1', '--amount', '100.00 EUR',
            '--at', f'{day}T10:00:00Z', db=seeded, check=0)
    history = json.loads(run('--json', 'account', 'history', '2', db=seeded, check=0).stdout)
    assert [(h['stage'], h['cause']) for h in history] == [
        ('prospect', 'created'), ('customer', 'first-order'), ('regular', 'repeat-orders')]
    assert history[1]['changed-at'].startswith('2026-02-01') and history[1]['activity'] is not None
    assert history[0]['activity'] is None

    rules = json.loads(run('--json', 'lifecycle', db=seeded, check=0).stdout)
    assert rules == {'regular-orders': 3, 'regular-months': 12, 'lost-after-days': 365}
    p = run('lifecycle', '--lost-after-days', '30', db=seeded, check=0)
    assert 'more than 30 days' in p.stdout
    p = run('lifecycle', '--regular-months', '0', db=seeded, check=2)
    assert 'regular-months 0' in p.stderr
    p = run('lifecycle', '--regular-orders', 'drei', db=seeded, check=2)
    assert '--regular-orders' in p.stderr and 'drei' in p.stderr

    # 30 days after the last order (1 April), Beta is lost on 1 May
    made = json.loads(run('--json', 'lifecycle', 'apply', '--at', '2026-06-01T00:00:00Z',
                          db=seeded, check=0).stdout)
    assert [(m['account'], m['stage'], m['cause']) for m in made] == [(2, 'lost', 'no-orders')]
    assert made[0]['changed-at'].startswith('2026-05-01')
    again = json.loads(run('--json', 'lifecycle', 'apply', '--at', '2026-06-01T00:00:00Z',
                           db=seeded, check=0).stdout)
    assert again == []
    run('account', 'history', '99', db=seeded, check=2)
    run('lifecycle', 'apply', '--at', 'gestern', db=seeded, check=2)


def test_kpi(seeded):
    run('account', 'add', 'Beta KG', '--team', '1', '--since', '2026-01-01T00:00:00Z', db=seeded, check=0)
    run('log', 'order', '--account', '2', '--rep', '1', '--amount', '3000.00 EUR',
        '--at', '2026-11-03T10:00:00Z', db=seeded, check=0)
    run('log', 'cross-sell', '--account', '2', '--rep', '2', '--amount', '1000.00 EUR',
        '--at', '2026-11-04T10:00:00Z', db=seeded, check=0)
    run('log', 'call', '--account', '2', '--rep', '1', '--at', '2026-11-05T10:00:00Z', db=seeded, check=0)
    out = json.loads(run('--json', 'kpi', '2026-11', db=seeded, check=0).stdout)
    assert out['period'] == '2026-11' and out['plan'] == 'Standard'
    (nord,) = out['tandems']
    assert nord['name'] == 'Nord'
    assert nord['revenue'] == '4000.00 EUR' and nord['target'] == '5000.00 EUR'
    assert nord['attainment-bp'] == 8000
    assert nord['cross-up-share-bp'] == 2500
    assert nord['inside-revenue'] == '3000.00 EUR' and nord['inside-share-bp'] == 7500
    assert nord['new-customers'] == 1
    assert nord['activities']['order'] == 1 and nord['activities']['call'] == 1
    assert nord['conversion']['won'] == 1
    # the same revenue as the settlement
    settled = json.loads(run('--json', 'settle', '2026-11', db=seeded, check=0).stdout)
    assert settled['teams'][0]['revenue'] == nord['revenue']
    text = run('kpi', '2026-11', db=seeded, check=0).stdout
    assert 'Nord' in text and '80.00%' in text and '75.00%' in text
    assert run('kpi', db=seeded).returncode == 1
    assert '2026-13' in run('kpi', '2026-13', db=seeded, check=2).stderr


def test_pay_on_collection(seeded, tmp_path):
    """log payment --pays; settle and statement show what is held, outside the total."""
    db = seeded
    plan = tmp_path / 'collect.ini'
    plan.write_text(PLAN.replace('Name=Standard', 'Name=Collect').replace(
        'InsideShare=40%', 'InsideShare=40%\nPayOn=payment'))
    run('plan', 'load', str(plan), db=db, check=0)
    run('team', 'plan', '1', 'Collect', '--from', '2026-10', db=db, check=0)
    run('log', 'order', '--account', '1', '--rep', '2', '--amount', '1000.00 EUR',
        '--at', '2026-10-05T10:00:00Z', db=db, check=0)
    p = run('log', 'payment', '--rep', '1', '--pays', '1', '--amount', '400.00 EUR',
            '--at', '2026-10-20T10:00:00Z', db=db, check=0)
    assert p.stdout.strip() == '2'
    # 5% of 1000.00 = 50.00: Anna 20.00, Jonas 30.00; 40% paid in October
    s = json.loads(run('--json', 'settle', '2026-10', '--plan', 'Collect', db=db, check=0).stdout)
    assert (s['total'], s['held']) == ('20.00 EUR', '30.00 EUR')
    assert [(r['name'], r['total'], r['held']) for r in s['reps']] == [
        ('Anna Schäfer', '8.00 EUR', '12.00 EUR'), ('Jonas Becker', '12.00 EUR', '18.00 EUR')]
    out = run('settle', '2026-10', '--plan', 'Collect', db=db, check=0).stdout
    assert 'Held until the customers pay (not in the total): 30.00 EUR' in out
    st = json.loads(run('--json', 'statement', '2', '2026-10', '--plan', 'Collect', db=db,
                        check=0).stdout)
    assert st['held'] == '18.00 EUR' and 'Paid on collection' in st['lines'][0]['explanation']
    # the rest in November; a payment beyond what is open is refused
    run('log', 'payment', '--rep', '1', '--pays', '1', '--amount', '600.00 EUR',
        '--at', '2026-11-20T10:00:00Z', db=db, check=0)
    p = run('log', 'payment', '--rep', '1', '--pays', '1', '--amount', '0.01 EUR',
            '--at', '2026-11-21T10:00:00Z', db=db, check=2)
    assert '0.00 EUR is left to pay' in p.stderr
    s = json.loads(run('--json', 'settle', '2026-11', '--plan', 'Collect', db=db, check=0).stdout)
    assert (s['total'], s['held']) == ('30.00 EUR', '0.00 EUR')
    # usage errors name the option
    p = run('log', 'payment', '--rep', '1', '--amount', '1.00 EUR', db=db, check=1)
    assert '--pays' in p.stderr
    p = run('log', 'call', '--account', '1', '--rep', '1', '--pays', '1', db=db, check=1)
    assert '--pays goes with log payment' in p.stderr
    # export and import carry the column `pays`
    out = run('export', 'activities', db=db, check=0).stdout
    assert out.splitlines()[0] == 'ref,at,account,rep,kind,amount,reverses,note,pays,product,category,quantity,cost'
    assert ',payment,400.00 EUR,,,' in out


def test_json_streams_parse(db, seeded):
    """Lists, statements and KPIs are printed element by element; empty or
    nested, they are whole JSON documents."""
    assert json.loads(run('--json', 'activity', 'list', db=db, check=0).stdout) == []
    for i in range(3):
        run('log', 'call', '--account', '1', '--rep', '1', '--at', f'2026-11-0{i + 1}T10:00:00Z',
            '--note', 'Zeile 1\nZeile "2"', db=db, check=0)
    listed = json.loads(run('--json', 'activity', 'list', db=db, check=0).stdout)
    assert [a['note'] for a in listed] == ['Zeile 1\nZeile "2"'] * 3
    st = json.loads(run('--json', 'statement', '1', '2026-11', db=db, check=0).stdout)
    assert st['lines'] == [] and st['disputes'] == [] and st['total'] == '0.00 EUR'
    kpi = json.loads(run('--json', 'kpi', '2026-11', db=db, check=0).stdout)
    assert kpi['tandems'][0]['activities']['call'] == 3
    assert kpi['tandems'][0]['activities']['payment'] == 0
