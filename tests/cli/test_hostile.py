# SPDX-License-Identifier: LGPL-2.1-or-later
"""Money you can trust, from the shell: hostile and careless input."""

import json
import os
import shutil
import subprocess
import tempfile

import pytest

from test_cli import PLAN, run, sqlite_only


@pytest.fixture
def seeded(tmp_path):
    db = str(tmp_path / 'hostile.db')
    run('init', db=db, check=0)
    run('rep', 'add', 'Anna Schäfer', '--role', 'inside', db=db, check=0)
    run('rep', 'add', 'Jonas Becker', '--role', 'field', db=db, check=0)
    run('team', 'add', '--inside', '1', '--field', '2', '--name', 'Nord',
        '--target', '5000.00 EUR', '--since', '2026-01-01T00:00:00Z', db=db, check=0)
    run('account', 'add', 'ACME GmbH', '--team', '1', db=db, check=0)
    plan = tmp_path / 'plan.ini'
    plan.write_text(PLAN)
    run('plan', 'load', str(plan), db=db, check=0)
    return db


def count(db):
    return len(json.loads(run('activity', 'list', '--json', db=db, check=0).stdout))


def test_reversals_never_exceed_the_order(seeded, tmp_path):
    oid = run('log', 'order', '--account', '1', '--rep', '2', '--amount', '1200.00 EUR',
              '--at', '2026-11-03T10:00:00Z', db=seeded, check=0).stdout.strip()
    rev = ['log', 'reversal', '--reverses', oid, '--rep', '1', '--at', '2026-11-04T10:00:00Z']
    run(*rev, '--amount', '1000.00 EUR', db=seeded, check=0)
    p = run(*rev, '--amount', '300.00 EUR', db=seeded, check=2)
    assert f'activity #{oid}' in p.stderr and '200.00 EUR is left to reverse' in p.stderr
    run(*rev, '--amount', '200.00 EUR', db=seeded, check=0)
    run(*rev, db=seeded, check=2)  # a full one: nothing left
    csv = tmp_path / 'more.csv'
    csv.write_text('ref,at,account,rep,kind,amount,reverses\n'
                   f'r9,2026-11-05T10:00:00Z,1,1,reversal,0.01 EUR,#{oid}\n')
    p = run('import', str(csv), db=seeded, check=2)
    assert f'{csv}:2: amount:' in p.stderr
    revenue = json.loads(run('settle', '2026-11', '--json', db=seeded, check=0).stdout)['teams'][0]['revenue']
    assert revenue == '0.00 EUR'


def test_overflow_is_an_error_not_a_figure(seeded):
    for day in (3, 4):
        run('log', 'order', '--account', '1', '--rep', '2', '--amount', '50000000000000000.00 EUR',
            '--at', f'2026-11-0{day}T10:00:00Z', db=seeded, check=0)
    for verb in (['settle', '2026-11'], ['settle', '2026-11', '--json'], ['kpi', '2026-11'],
                 ['statement', '1', '2026-11']):
        p = run(*verb, db=seeded, check=2)
        # the engine's own sums say so in their words (SQLite: integer
        # overflow; PostgreSQL: bigint out of range)
        assert any(w in p.stderr for w in ('does not fit in 63 bits', 'integer overflow', 'out of range')), \
            (verb, p.stderr)


@pytest.mark.parametrize('currency, amount, revenue, payout', [
    ('JPY', '123456 JPY', '123,456', '4,115'),
    ('KWD', '1.234 KWD', '1.234', '0.041'),
])
def test_tables_use_the_currency_exponent(tmp_path, currency, amount, revenue, payout):
    db = str(tmp_path / 'fx.db')
    run('init', db=db, check=0)
    run('rep', 'add', 'A', '--role', 'inside', db=db, check=0)
    run('rep', 'add', 'B', '--role', 'field', db=db, check=0)
    run('team', 'add', '--inside', '1', '--field', '2', '--name', 'N', '--since', '2026-01-01T00:00:00Z',
        db=db, check=0)
    run('account', 'add', 'X', '--team', '1', db=db, check=0)
    plan = tmp_path / 'fx.ini'
    plan.write_text(f'[Plan]\nName=FX\nCurrency={currency}\nPeriod=month\nCommissionRate=3.333%\n'
                    'InsideShare=40%\n')
    run('plan', 'load', str(plan), db=db, check=0)
    run('log', 'order', '--account', '1', '--rep', '2', '--amount', amount, '--at', '2026-11-03T10:00:00Z',
        db=db, check=0)
    out = run('settle', '2026-11', db=db, check=0).stdout
    nord = next(line for line in out.splitlines() if line.startswith('N '))
    assert revenue in nord.split() and payout in nord.split()
    assert f'Total payout: {payout} {currency}' in out  # grouped like the table
    assert revenue in run('kpi', '2026-11', db=db, check=0).stdout
    assert f'{revenue} {currency}' in run('statement', '1', '2026-11', db=db, check=0).stdout


def test_duplicates_conflict_or_skip(seeded, tmp_path):
    args = ['log', 'order', '--account', '1', '--rep', '2', '--at', '2026-11-05T10:00:00Z', '--ref', 'ERP-1']
    first = run(*args, '--amount', '5.00 EUR', db=seeded, check=0).stdout.strip()
    again = run(*args, '--amount', '5.00 EUR', db=seeded, check=0)
    assert again.stdout.strip() == first and 'already stored' in again.stderr
    p = run(*args, '--amount', '7.00 EUR', db=seeded, check=2)
    assert '“ERP-1”' in p.stderr and '5.00 EUR' in p.stderr and '7.00 EUR' in p.stderr
    csv = tmp_path / 'dup.csv'
    csv.write_text('ref,at,account,rep,kind,amount\n'
                   'D-1,2026-11-06T10:00:00Z,1,2,order,1.00 EUR\n'
                   'D-1,2026-11-06T10:00:00Z,1,2,order,2.00 EUR\n')
    p = run('import', str(csv), db=seeded, check=2)
    assert f'{csv}:3: ref:' in p.stderr


def test_export_import_keeps_identity(seeded, tmp_path):
    oid = run('log', 'order', '--account', '1', '--rep', '2', '--amount', '100.00 EUR',
              '--at', '2026-11-03T10:00:00Z', db=seeded, check=0).stdout.strip()
    run('log', 'reversal', '--reverses', oid, '--rep', '1', '--amount', '40.00 EUR',
        '--at', '2026-11-04T10:00:00Z', db=seeded, check=0)
    exported = run('export', 'activities', db=seeded, check=0).stdout
    assert ',#' not in exported
    path = tmp_path / 'export.csv'
    path.write_text(exported)
    before = count(seeded)
    run('import', str(path), db=seeded, check=0)
    assert count(seeded) == before

    # a fresh store with the same reps and accounts, shifted ids
    fresh = str(tmp_path / 'fresh.db')
    run('init', db=fresh, check=0)
    run('rep', 'add', 'Anna Schäfer', '--role', 'inside', db=fresh, check=0)
    run('rep', 'add', 'Jonas Becker', '--role', 'field', db=fresh, check=0)
    run('team', 'add', '--inside', '1', '--field', '2', '--since', '2026-01-01T00:00:00Z', db=fresh, check=0)
    run('account', 'add', 'ACME GmbH', '--team', '1', db=fresh, check=0)
    run('log', 'order', '--account', '1', '--rep', '2', '--amount', '1.00 EUR', '--at', '2026-09-01T10:00:00Z',
        db=fresh, check=0)
    run('import', str(path), db=fresh, check=0)
    acts = json.loads(run('activity', 'list', '--json', db=fresh, check=0).stdout)
    rev = next(a for a in acts if a['kind'] == 'reversal')
    order = next(a for a in acts if a['id'] == rev['reverses'])
    assert order['amount'] == '100.00 EUR'


def test_hygiene(seeded, tmp_path):
    nul = tmp_path / 'nul.csv'
    nul.write_bytes(b'ref,at,account,rep,kind,amount\nr,2026-11-03T10:00:00Z,1,2,order,5.00 EUR\x00999\n')
    assert 'holds a NUL byte' in run('import', str(nul), db=seeded, check=2).stderr
    js = tmp_path / 'nul.json'
    js.write_text('[{"at": "2026-11-03T10:00:00Z", "account": 1, "rep": 2, "kind": "order", '
                  '"amount": "5.00 EUR\\u0000999"}]')
    assert f'{js}:1: amount:' in run('import', str(js), db=seeded, check=2).stderr
    sur = tmp_path / 'sur.json'
    sur.write_text('[{"at": "2026-11-03T10:00:00Z", "account": 1, "rep": 2, "kind": "call", "note": "\\ud800"}]')
    assert 'surrogate' in run('import', str(sur), db=seeded, check=2).stderr
    big = tmp_path / 'big.csv'
    big.write_text('at,account,rep,kind,note\n2026-11-03T10:00:00Z,1,1,call,' + 'x' * 5000 + '\n')
    assert '4096' in run('import', str(big), db=seeded, check=2).stderr
    assert count(seeded) == 0
    p = run('log', 'call', '--account', '1', '--rep', '1', '--amount', '1.00 EUR', db=seeded, check=2)
    assert 'carries no amount' in p.stderr
    p = run('rep', 'add', 'Bad\x1bName', '--role', 'inside', db=seeded, check=2)
    assert 'U+001B' in p.stderr
    p = run('team', 'add', '--inside', '1', '--field', '2', db=seeded, check=2)
    assert 'already form tandem “Nord”' in p.stderr
    dup = tmp_path / 'dup.ini'
    dup.write_text(PLAN.replace('Name=Standard', 'Name=Dup') + 'WindowDays=30\n')
    p = run('plan', 'load', str(dup), db=seeded, check=2)
    assert 'WindowDays' in p.stderr and 'appears twice' in p.stderr
    for level in ('6', '99', 'x'):
        p = run('rep', 'tag', '1', 'negotiation', level, db=seeded, check=2)
        assert 'not a level from 1 to 5' in p.stderr
    run('rep', 'tag', '1', 'negotiation', '5', db=seeded, check=0)
    p = run('log', 'call', '--account', '1', '--account', '1', '--rep', '1', db=seeded, check=1)
    assert '--account is given 2 times' in p.stderr


def test_classify_refuses_an_empty_window(seeded):
    run('log', 'order', '--account', '1', '--rep', '2', '--amount', '10.00 EUR', '--at', '2026-11-03T10:00:00Z',
        db=seeded, check=0)
    before = json.loads(run('account', 'list', '--json', db=seeded, check=0).stdout)
    for since, until in (('2026-12-01T00:00:00Z', '2026-01-01T00:00:00Z'),
                         ('2026-06-01T00:00:00Z', '2026-06-01T00:00:00Z')):
        p = run('classify', '--since', since, '--until', until, '--apply', db=seeded, check=1)
        assert 'must come before' in p.stderr
    assert json.loads(run('account', 'list', '--json', db=seeded, check=0).stdout) == before
    p = run('classify', '--since', '2026-01-01T00:00:00Z', '--until', '2027-01-01T00:00:00Z', '--a', '60%',
            '--b', '30%', '--c', '20%', db=seeded, check=2)
    assert 'A 60%, B 30%, C 20%' in p.stderr


def test_orders_before_the_tandem_started_are_paid(tmp_path):
    db = str(tmp_path / 'late.db')
    run('init', db=db, check=0)
    run('rep', 'add', 'A', '--role', 'inside', db=db, check=0)
    run('rep', 'add', 'B', '--role', 'field', db=db, check=0)
    run('team', 'add', '--inside', '1', '--field', '2', db=db, check=0)  # starts now
    run('account', 'add', 'X', '--team', '1', db=db, check=0)
    plan = tmp_path / 'p.ini'
    plan.write_text(PLAN)
    run('plan', 'load', str(plan), db=db, check=0)
    run('log', 'order', '--account', '1', '--rep', '2', '--amount', '1000.00 EUR', '--at', '2026-10-05T10:00:00Z',
        db=db, check=0)
    data = json.loads(run('settle', '2026-10', '--json', db=db, check=0).stdout)
    assert data['total'] == '50.00 EUR'


def test_closed_period_and_plans(seeded, tmp_path):
    run('log', 'order', '--account', '1', '--rep', '2', '--amount', '6000.00 EUR', '--at', '2026-10-03T10:00:00Z',
        db=seeded, check=0)
    closed = run('close', '2026-10', '--json', db=seeded, check=0).stdout
    plan = tmp_path / 'plan.ini'
    plan.write_text(PLAN.replace('CommissionRate=5%', 'CommissionRate=9%'))
    p = run('plan', 'load', str(plan), '--from', '2026-10', db=seeded, check=2)
    assert 'closed period' in p.stderr
    # without --from, the new version starts after the last closed period
    p = run('--json', 'plan', 'load', str(plan), db=seeded, check=0)
    assert json.loads(p.stdout) == {'plan': 'Standard', 'version': 2}
    versions = json.loads(run('--json', 'plan', 'list', db=seeded, check=0).stdout)
    assert versions == [{'name': 'Standard', 'version': 1, 'from': None},
                        {'name': 'Standard', 'version': 2, 'from': '2026-11'}]
    assert 'CommissionRate=9%' in run('plan', 'show', 'Standard', '--at', '2026-11', db=seeded, check=0).stdout
    assert 'CommissionRate=5%' in run('plan', 'show', 'Standard', '--at', '2026-10', db=seeded, check=0).stdout
    assert run('settle', '2026-10', '--json', db=seeded, check=0).stdout == closed
    p = run('log', 'call', '--account', '1', '--rep', '1', '--at', '2026-10-09T10:00:00Z', db=seeded, check=2)
    assert 'lies in period 2026-10 of plan “Standard”, which is closed' in p.stderr


def test_cap_lines_count_in_the_tandem_payout(seeded, tmp_path):
    plan = tmp_path / 'cap.ini'
    plan.write_text(PLAN.replace('Name=Standard', 'Name=Capped') + '[Cap]\nPerRep=20.00 EUR\n')
    run('plan', 'load', str(plan), db=seeded, check=0)
    run('team', 'plan', '1', 'Capped', db=seeded, check=0)  # two plans: the tandem follows Capped
    run('log', 'order', '--account', '1', '--rep', '2', '--amount', '2000.00 EUR', '--at', '2026-11-03T10:00:00Z',
        db=seeded, check=0)
    data = json.loads(run('settle', '2026-11', '--plan', 'Capped', '--json', db=seeded, check=0).stdout)
    assert data['total'] == '40.00 EUR'
    assert data['teams'][0]['payout'] == data['total']
    out = run('settle', '2026-11', '--plan', 'Capped', db=seeded, check=0).stdout
    nord = next(line for line in out.splitlines() if line.startswith('Nord'))
    assert nord.split()[-1] == '40.00'


def test_kpi_over_quarters_and_years(seeded):
    run('log', 'order', '--account', '1', '--rep', '2', '--amount', '1500.00 EUR', '--at', '2026-11-03T10:00:00Z',
        db=seeded, check=0)
    for period, attainment in (('2026-Q4', '10.00%'), ('2026', '2.50%')):
        out = run('kpi', period, db=seeded, check=0).stdout
        assert attainment in out, (period, out)
    data = json.loads(run('kpi', '2026-Q4', '--json', db=seeded, check=0).stdout)
    assert data['tandems'][0]['target'] == '15000.00 EUR'
    assert data['tandems'][0]['attainment-bp'] == 1000


@sqlite_only
def test_database_paths(tmp_path):
    assert run('--db', '', 'rep', 'list', check=1).returncode == 1
    p = run('rep', 'list', db=str(tmp_path), check=2)
    assert 'is a directory' in p.stderr
    p = run('rep', 'list', db='/dev/null', check=2)
    assert 'not a regular file' in p.stderr
    p = run('--db', 'a.db', '--db', 'b.db', 'rep', 'list', check=1)
    assert '--db is given twice' in p.stderr
    p = run('report', '2026-11', '--svg', str(tmp_path), db=str(tmp_path / 'none.db'))
    assert p.returncode == 2


def test_report_svg_to_a_directory(seeded, tmp_path):
    run('log', 'order', '--account', '1', '--rep', '2', '--amount', '10.00 EUR', '--at', '2026-11-03T10:00:00Z',
        db=seeded, check=0)
    p = run('report', '2026-11', '--svg', str(tmp_path), db=seeded, check=2)
    assert 'is a directory' in p.stderr


@sqlite_only
def test_read_only_file_can_be_read(seeded, tmp_path):
    if os.geteuid() != 0 or shutil.which('setpriv') is None:
        pytest.skip('needs root to drop to another user')
    # a directory another user can enter, with the database and its WAL
    shared = tempfile.mkdtemp(prefix='tandem-ro-', dir='/tmp')
    os.chmod(shared, 0o755)
    for name in os.listdir(tmp_path):
        if name.startswith('hostile.db'):
            shutil.copy(tmp_path / name, shared)
            os.chmod(os.path.join(shared, name), 0o644)
    # the build tree may sit in a directory the other user cannot enter:
    # run a copy of the command and the library from the shared directory
    cli = os.path.join(shared, 'tandem')
    shutil.copy(os.environ['TANDEM_CLI'], cli)
    libdirs = [os.path.dirname(os.environ['TANDEM_CLI']) + '/../libtandem'] + \
        os.environ.get('LD_LIBRARY_PATH', '').split(':')
    libdir = next(d for d in libdirs if d and os.path.exists(os.path.join(d, 'libtandem-1.0.so.0')))
    for name in os.listdir(libdir):
        if name.startswith('libtandem-1.0.so') and os.path.isfile(os.path.join(libdir, name)):
            shutil.copy(os.path.join(libdir, name), shared)
    for name in os.listdir(shared):
        os.chmod(os.path.join(shared, name), 0o755 if not name.startswith('hostile.db') else 0o644)
    cmd = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', cli, f'--db={shared}/hostile.db']
    env = dict(os.environ, LC_ALL='C.UTF-8', LD_LIBRARY_PATH=shared)
    p = subprocess.run(cmd + ['rep', 'list', '--json'], capture_output=True, text=True, env=env, timeout=60)
    assert p.returncode == 0, p.stderr
    assert 'Anna Schäfer' in p.stdout
    p = subprocess.run(cmd + ['rep', 'add', 'X', '--role', 'inside'], capture_output=True, text=True, env=env,
                       timeout=60)
    assert p.returncode == 2 and 'read-only' in p.stderr
    shutil.rmtree(shared)


def test_help_for_a_noun():
    p = run('rep', '--help', check=0)
    for verb in ('rep add', 'rep list', 'rep tag'):
        assert verb in p.stdout
    p = run('rep', check=1)
    assert 'rep list' in p.stdout


def test_messages_in_german(seeded, tmp_path):
    env = {'LANG': 'de_DE.UTF-8', 'LC_ALL': 'de_DE.UTF-8', 'TANDEM_LOCALEDIR': os.environ['TANDEM_LOCALEDIR'],
           'LIBTANDEM_LOCALEDIR': os.environ['LIBTANDEM_LOCALEDIR']}
    # the library's own messages
    bad = tmp_path / 'date.csv'
    bad.write_text('ref,at,account,rep,kind\nx,2026-02-30T10:00:00Z,1,1,call\n')
    p = run('import', str(bad), db=seeded, env=env, check=2)
    assert 'ist kein Datum: Februar 2026 hat 28 Tage' in p.stderr
    oid = run('log', 'order', '--account', '1', '--rep', '2', '--amount', '100.00 EUR',
              '--at', '2026-11-03T10:00:00Z', db=seeded, check=0).stdout.strip()
    run('log', 'reversal', '--reverses', oid, '--rep', '1', '--amount', '60.00 EUR', db=seeded, check=0)
    p = run('log', 'reversal', '--reverses', oid, '--rep', '1', '--amount', '50.00 EUR', db=seeded, env=env,
            check=2)
    assert '40.00 EUR können noch storniert werden' in p.stderr
    p = run('log', 'call', '--account', '1', '--rep', '1', '--amount', '1.00 EUR', db=seeded, env=env, check=2)
    assert 'Eine Aktivität der Art „call“ hat keinen Betrag' in p.stderr
    # the command's
    p = run('--db', '', 'rep', 'list', env=env, check=1)
    assert 'keinen leeren Text' in p.stderr
    p = run('rep', 'list', db=str(tmp_path), env=env, check=2)
    assert 'ist ein Verzeichnis' in p.stderr
    p = run('rep', env=env, check=1)
    assert 'Befehle:' in p.stdout
    p = run('log', 'call', '--rep', '1', '--rep', '1', '--account', '1', db=seeded, env=env, check=1)
    assert 'ist 2-mal angegeben' in p.stderr


def import_json(db, path, check=0):
    p = run('--json', 'import', str(path), db=db, check=check)
    return json.loads(p.stdout) if check == 0 else p


def calls(n, first_line=2):
    """n valid calls, one per minute of November; row i is on line first_line + i."""
    return [f'C-{i},2026-11-{1 + (i // 1440) % 28:02d}T{(i // 60) % 24:02d}:{i % 60:02d}:00Z,1,1,call,,'
            for i in range(n)]


def test_bulk_import_names_the_row_it_refuses(seeded, tmp_path):
    """Imports are written in batches (COPY on PostgreSQL); a refusal still
    names its file, line and column, the earliest refused row comes first,
    and nothing of the file is written."""
    run('log', 'order', '--account', '1', '--rep', '2', '--at', '2026-11-05T10:00:00Z', '--ref', 'ERP-9',
        '--amount', '5.00 EUR', db=seeded, check=0)
    header = 'ref,at,account,rep,kind,amount,reverses'
    before = count(seeded)

    def write(name, rows):
        path = tmp_path / name
        path.write_text('\n'.join([header] + rows) + '\n')
        return path

    # a stored reference with other facts, found when its batch is written
    rows = calls(20000)
    rows[8998] = 'ERP-9,2026-11-05T10:00:00Z,1,2,order,6.00 EUR,'
    p = import_json(seeded, write('stored.csv', rows), check=2)
    assert f'stored.csv:9000: ref:' in p.stderr and '5.00 EUR' in p.stderr and '6.00 EUR' in p.stderr, p.stderr

    # the same reference twice in one file, more than a batch apart
    rows = calls(20000)
    rows[16998] = 'C-0,2026-11-01T00:00:00Z,1,2,order,1.00 EUR,'
    p = import_json(seeded, write('twice.csv', rows), check=2)
    assert 'twice.csv:17000: ref:' in p.stderr, p.stderr

    # an earlier refusal found only when the batch is written comes before a
    # later row's own error
    rows = calls(20000)
    rows[98] = 'ERP-9,2026-11-05T10:00:00Z,1,2,order,7.00 EUR,'
    rows[11998] = 'X-1,2026-11-05T10:00:00Z,99,1,call,,'
    p = import_json(seeded, write('order.csv', rows), check=2)
    assert 'order.csv:100: ref:' in p.stderr and ':12000:' not in p.stderr, p.stderr
    rows[98] = 'X-0,2026-11-05T10:00:00Z,1,1,call,,'
    p = import_json(seeded, write('account.csv', rows), check=2)
    assert 'account.csv:12000: account:' in p.stderr, p.stderr

    # a reversal of a row still queued, and one that takes back too much
    rows = calls(20000)
    rows[3] = 'O-1,2026-11-05T10:00:00Z,1,2,order,100.00 EUR,'
    rows[9998] = 'R-1,2026-11-20T10:00:00Z,1,2,reversal,60.00 EUR,O-1'
    rows[14998] = 'R-2,2026-11-21T10:00:00Z,1,2,reversal,50.00 EUR,O-1'
    p = import_json(seeded, write('reversal.csv', rows), check=2)
    assert 'reversal.csv:15000: amount:' in p.stderr and '40.00 EUR is left' in p.stderr, p.stderr
    assert count(seeded) == before

    rows[14998] = 'R-2,2026-11-21T10:00:00Z,1,2,reversal,40.00 EUR,O-1'
    good = write('good.csv', rows)
    assert import_json(seeded, good) == {'imported': 20000, 'skipped': 0, 'encoding': 'UTF-8'}
    assert import_json(seeded, good) == {'imported': 0, 'skipped': 20000, 'encoding': 'UTF-8'}
    stored = {a['external-ref']: a for a in json.loads(run('--json', 'activity', 'list', db=seeded, check=0).stdout)}
    assert len(stored) == before + 20000
    assert stored['R-1']['reverses'] == stored['R-2']['reverses'] == stored['O-1']['id']
