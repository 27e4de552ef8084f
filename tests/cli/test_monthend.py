# SPDX-License-Identifier: LGPL-2.1-or-later
"""A German month-end as a floor runs it (issue 25, the contract's "Month-end
with German data"): two tandems on two plans, the default plan everywhere,
closing per plan and in order, re-imports into a closed month. Runs on
SQLite and, in the postgresql suite, on a server."""

import hashlib
import unicodedata
import json
import os

import pytest

from test_cli import db, run  # noqa: F401 (db is a fixture)

ALPHA = '''[Plan]
Name=Alpha
Currency=EUR
Period=month
TimeZone=Europe/Berlin
CommissionRate=5%
InsideShare=40%

[Payroll]
commission=300
Consultant=1234567
Client=12345
'''

BETA = '''[Plan]
Name=Beta
Currency=EUR
Period=month
TimeZone=Europe/Berlin
CommissionRate=10%
InsideShare=50%
'''


@pytest.fixture
def floor(db, tmp_path):
    """Nord (Anna, Jonas) follows Alpha, Süd (Weiß, Özil) follows Beta."""
    for name, role in (('Anna', 'inside'), ('Jonas', 'field'), ('Weiß', 'inside'), ('Özil', 'field')):
        run('rep', 'add', name, '--role', role, db=db, check=0)
    run('team', 'add', '--inside', '1', '--field', '2', '--name', 'Nord', '--since', '2026-01-01T00:00:00Z',
        db=db, check=0)
    run('team', 'add', '--inside', '3', '--field', '4', '--name', 'Süd', '--since', '2026-01-01T00:00:00Z',
        db=db, check=0)
    run('account', 'add', 'ACME GmbH', '--team', '1', db=db, check=0)
    run('account', 'add', 'Bäckerei Süd', '--team', '2', db=db, check=0)
    for name, text in (('alpha.ini', ALPHA), ('beta.ini', BETA)):
        (tmp_path / name).write_text(text)
        run('plan', 'load', str(tmp_path / name), db=db, check=0)
    run('team', 'plan', '2', 'Beta', db=db, check=0)
    return db


def order(db, account, rep, amount, at, ref):
    return run('log', 'order', '--account', str(account), '--rep', str(rep), '--amount', amount, '--at', at,
               '--ref', ref, db=db)


# --- line 6: the default plan everywhere -----------------------------------

def test_several_plans_without_default_lists_them(floor):
    for verb in (['settle', '2026-10'], ['statement', '1', '2026-10'], ['close', '2026-10'],
                 ['approve', '2026-10'], ['pay', '2026-10'], ['kpi', '2026-10'],
                 ['dispute', 'open', '--rep', '1', '--period', '2026-10', '--reason', 'x']):
        p = run(*verb, db=floor, check=2)
        assert 'Several plans are stored (Alpha, Beta) and none is the default' in p.stderr, verb
        assert 'tandem plan default NAME' in p.stderr
    # payroll export pays every plan of the period in one run instead
    p = run('payroll', 'export', '2026-10', '--format', 'csv', db=floor, check=2)
    assert 'No plan has lines in period 2026-10: there is nothing to pay' in p.stderr


def test_default_plan_is_used_by_every_verb(floor, tmp_path):
    order(floor, 1, 2, '1000.00 EUR', '2026-10-03T10:00:00Z', 'A1').check_returncode()
    run('plan', 'default', 'Alpha', db=floor, check=0)
    settled = json.loads(run('--json', 'settle', '2026-10', db=floor, check=0).stdout)
    assert settled['plan'] == 'Alpha'
    assert run('statement', '2', '2026-10', db=floor, check=0).stdout.startswith('Statement for Jonas')
    run('kpi', '2026-10', db=floor, check=0)
    p = run('approve', '2026-10', db=floor, check=2)
    # the hint is the full command, copy-pasteable
    assert '(tandem close 2026-10 --plan Alpha)' in p.stderr
    run('close', '2026-10', db=floor, check=0)
    p = run('payroll', 'export', '2026-10', '--format', 'csv', db=floor, check=2)
    assert '(tandem approve 2026-10 --plan Alpha)' in p.stderr
    p = run('pay', '2026-10', db=floor, check=2)
    assert '(tandem approve 2026-10 --plan Alpha)' in p.stderr
    run('approve', '2026-10', db=floor, check=0)
    run('pay', '2026-10', db=floor, check=0)
    d = json.loads(run('--json', 'dispute', 'open', '--rep', '2', '--period', '2026-10', '--reason', 'Bonus?',
                       db=floor, check=0).stdout)
    assert json.loads(run('--json', 'dispute', 'list', db=floor, check=0).stdout)[0]['plan'] == 'Alpha'
    assert d['id'] == 1


def test_settlement_lists_only_its_tandems(floor):
    order(floor, 1, 2, '1000.00 EUR', '2026-10-03T10:00:00Z', 'A1').check_returncode()
    order(floor, 2, 4, '2000.00 EUR', '2026-10-05T10:00:00Z', 'B1').check_returncode()
    alpha = json.loads(run('--json', 'settle', '2026-10', '--plan', 'Alpha', db=floor, check=0).stdout)
    beta = json.loads(run('--json', 'settle', '2026-10', '--plan', 'Beta', db=floor, check=0).stdout)
    assert [t['name'] for t in alpha['teams']] == ['Nord']
    assert [t['name'] for t in beta['teams']] == ['Süd']
    # 5% of 1,000.00 = 50.00 (Nord); 10% of 2,000.00 = 200.00 (Süd)
    assert alpha['total'] == '50.00 EUR' and beta['total'] == '200.00 EUR'
    text = run('settle', '2026-10', '--plan', 'Alpha', db=floor, check=0).stdout
    assert 'Nord' in text and 'Süd ' not in text


def test_statement_under_the_wrong_plan_is_refused(floor):
    order(floor, 2, 4, '2000.00 EUR', '2026-10-05T10:00:00Z', 'B1').check_returncode()
    p = run('statement', '3', '2026-10', '--plan', 'Alpha', db=floor, check=2)
    assert 'rep “Weiß” is not paid under plan “Alpha” in 2026-10' in p.stderr
    assert 'tandem “Süd” follows plan “Beta”' in p.stderr
    assert "tandem statement 3 2026-10 --plan 'Beta'" in p.stderr or 'tandem statement 3 2026-10 --plan Beta' in p.stderr
    # a member of a tandem of the plan without lines still gets a statement
    out = run('statement', '1', '2026-10', '--plan', 'Alpha', db=floor, check=0).stdout
    assert 'Total: 0.00 EUR' in out
    out = run('statement', '3', '2026-10', '--plan', 'Beta', db=floor, check=0).stdout
    assert 'Total: 100.00 EUR' in out  # 10% of 2,000.00, half to the inside rep


def test_a_misspelt_plan_gets_a_suggestion(floor):
    p = run('settle', '2026-10', '--plan', 'Alfa', db=floor, check=2)
    assert 'No plan named “Alfa” is stored; did you mean “Alpha”?' in p.stderr
    p = run('settle', '2026-10', '--plan', 'Gamma', db=floor, check=2)
    assert 'No plan named “Gamma” is stored (stored: Alpha, Beta)' in p.stderr


# --- line 5: closing as a floor ---------------------------------------------

def test_closing_one_plan_refuses_only_its_tandems(floor):
    order(floor, 1, 2, '1000.00 EUR', '2026-10-03T10:00:00Z', 'A1').check_returncode()
    run('close', '2026-10', '--plan', 'Alpha', db=floor, check=0)
    # Süd follows Beta: its October is open
    run('log', 'call', '--account', '2', '--rep', '3', '--at', '2026-10-06T10:00:00Z', db=floor, check=0)
    order(floor, 2, 4, '300.00 EUR', '2026-10-07T10:00:00Z', 'B2').check_returncode()
    # Nord follows Alpha: refused naming plan and period
    p = run('log', 'call', '--account', '1', '--rep', '1', '--at', '2026-10-06T10:00:00Z', db=floor, check=2)
    assert '2026-10-06T10:00:00Z lies in period 2026-10 of plan “Alpha”, which is closed' in p.stderr
    # November of Alpha is open
    run('log', 'call', '--account', '1', '--rep', '1', '--at', '2026-11-02T10:00:00Z', db=floor, check=0)


def test_periods_close_in_order(floor):
    order(floor, 1, 2, '1000.00 EUR', '2026-09-03T10:00:00Z', 'A0').check_returncode()
    order(floor, 1, 2, '500.00 EUR', '2026-11-03T10:00:00Z', 'A2').check_returncode()
    order(floor, 2, 4, '2000.00 EUR', '2026-08-05T10:00:00Z', 'B0').check_returncode()
    p = run('close', '2026-11', '--plan', 'Alpha', db=floor, check=2)
    assert ('Period 2026-11 of plan “Alpha” cannot be closed while the earlier period 2026-09, '
            'which has activities, is open: close it first (tandem close 2026-09 --plan Alpha)') in p.stderr
    # October has no activities of Alpha's tandems: it may stay open; Beta's August does not count
    run('close', '2026-09', '--plan', 'Alpha', db=floor, check=0)
    run('close', '2026-11', '--plan', 'Alpha', db=floor, check=0)
    p = run('close', '2026-09', '--plan', 'Beta', db=floor, check=2)
    assert 'earlier period 2026-08' in p.stderr
    run('close', '2026-08', '--plan', 'Beta', db=floor, check=0)
    run('close', '2026-09', '--plan', 'Beta', db=floor, check=0)
    # an activity logged later into Alpha's open October blocks December
    run('log', 'call', '--account', '1', '--rep', '1', '--at', '2026-10-06T10:00:00Z', db=floor, check=0)
    p = run('close', '2026-12', '--plan', 'Alpha', db=floor, check=2)
    assert 'earlier period 2026-10' in p.stderr


def test_reimport_into_a_closed_month(floor, tmp_path):
    erp = tmp_path / 'erp.csv'
    erp.write_text('ref,at,account,rep,kind,amount\n'
                   'R-1,2026-10-03T10:00:00Z,1,2,order,1000.00 EUR\n'
                   'R-2,2026-10-04T10:00:00Z,2,4,order,200.00 EUR\n')
    assert json.loads(run('--json', 'import', str(erp), db=floor, check=0).stdout) == {'imported': 2, 'skipped': 0, 'encoding': 'UTF-8'}
    run('close', '2026-10', '--plan', 'Alpha', db=floor, check=0)
    run('close', '2026-10', '--plan', 'Beta', db=floor, check=0)
    # the cumulative export of November repeats October's rows unchanged
    erp.write_text('ref,at,account,rep,kind,amount\n'
                   'R-1,2026-10-03T10:00:00Z,1,2,order,1000.00 EUR\n'
                   'R-2,2026-10-04T10:00:00Z,2,4,order,200.00 EUR\n'
                   'R-3,2026-11-04T10:00:00Z,1,2,order,50.00 EUR\n')
    assert json.loads(run('--json', 'import', str(erp), db=floor, check=0).stdout) == {'imported': 1, 'skipped': 2, 'encoding': 'UTF-8'}
    # a changed row of the closed month is refused naming both, and nothing is written
    erp.write_text('ref,at,account,rep,kind,amount\n'
                   'R-4,2026-11-05T10:00:00Z,1,2,order,70.00 EUR\n'
                   'R-1,2026-10-03T10:00:00Z,1,2,order,1100.00 EUR\n')
    p = run('import', str(erp), db=floor, check=2)
    assert ':3:' in p.stderr and 'R-1' in p.stderr and '1,000.00 EUR' in p.stderr and '1,100.00 EUR' in p.stderr
    # a new row in the closed month is refused naming plan and period
    erp.write_text('ref,at,account,rep,kind,amount\n'
                   'R-5,2026-10-20T10:00:00Z,1,2,order,70.00 EUR\n')
    p = run('import', str(erp), db=floor, check=2)
    assert 'lies in period 2026-10 of plan “Alpha”, which is closed' in p.stderr
    out = json.loads(run('--json', 'export', 'activities', '--format', 'json', db=floor, check=0).stdout)
    assert [a['ref'] for a in out] == ['R-1', 'R-2', 'R-3']


# --- line 7: KPIs equal the settlement ----------------------------------------

def test_kpis_equal_the_settlement(floor):
    """Nord: standing target 10,000.00 EUR, ramped to 50% in October and 75% in
    November. October: 3,999.50 EUR and 1,000.00 CHF at 0.95 = 950.00 EUR, so
    revenue 4,949.50 against 5,000.00: 98.99% (rounded down). The year: targets
    9 × 10,000.00 + 5,000.00 + 7,500.00 + 10,000.00 = 112,500.00; 4,949.50 of it
    is 4.39%."""
    run('team', 'update', '1', '--target', '10000.00 EUR', db=floor, check=0)
    run('target', 'ramp', '1', '--from', '2026-10', '--steps', '50%,75%', db=floor, check=0)
    run('rate', 'set', 'CHF', 'EUR', '0.95', '--from', '2026-01-01T00:00:00Z', db=floor, check=0)
    order(floor, 1, 2, '3999.50 EUR', '2026-10-03T10:00:00Z', 'A1').check_returncode()
    order(floor, 1, 1, '1000.00 CHF', '2026-10-10T10:00:00Z', 'A2').check_returncode()
    settled = json.loads(run('--json', 'settle', '2026-10', '--plan', 'Alpha', db=floor, check=0).stdout)
    nord = settled['teams'][0]
    assert (nord['revenue'], nord['target'], nord['attainment']) == ('4949.50 EUR', '5000.00 EUR', '98.99%')
    kpi = json.loads(run('--json', 'kpi', '2026-10', '--plan', 'Alpha', db=floor, check=0).stdout)
    k = [t for t in kpi['tandems'] if t['name'] == 'Nord'][0]
    assert (k['revenue'], k['target'], k['attainment-bp']) == ('4949.50 EUR', '5000.00 EUR', 9899)
    # the inside rep sold the CHF order: 950.00 of 4,949.50 = 19.19%
    assert k['inside-revenue'] == '950.00 EUR' and k['inside-share-bp'] == 1919
    text = run('kpi', '2026-10', '--plan', 'Alpha', db=floor, check=0).stdout
    assert '98.99%' in text
    year = json.loads(run('--json', 'kpi', '2026', '--plan', 'Alpha', db=floor, check=0).stdout)
    y = [t for t in year['tandems'] if t['name'] == 'Nord'][0]
    assert (y['revenue'], y['target'], y['attainment-bp']) == ('4949.50 EUR', '112500.00 EUR', 439)
    quarter = json.loads(run('--json', 'kpi', '2026-Q4', '--plan', 'Alpha', db=floor, check=0).stdout)
    q = [t for t in quarter['tandems'] if t['name'] == 'Nord'][0]
    assert (q['revenue'], q['target'], q['attainment-bp']) == ('4949.50 EUR', '22500.00 EUR', 2199)
    # a USD order without a rate: the error names the pair
    order(floor, 1, 2, '10.00 USD', '2026-10-12T10:00:00Z', 'A3').check_returncode()
    p = run('kpi', '2026-10', '--plan', 'Alpha', db=floor, check=2)
    assert 'no rate USD→EUR is in effect at 2026-10-12T10:00:00Z' in p.stderr
    assert 'tandem rate set USD EUR RATE --from TIME' in p.stderr


# --- lines 1 and 2: the payroll profile and one payroll run -----------------

PROFILE = '''# the payroll office's mapping, kept apart from the plans
[Payroll]
commission=300
team-bonus=301
Consultant=1234567
Client=12345
'''


def files_in(folder):
    """The files a test left, without the SQLite store (a server has none)."""
    return sorted(f for f in os.listdir(folder) if not f.startswith('cli.db'))


def two_plan_month(floor, tmp_path):
    """November, by hand. Alpha (5%, inside 40%): Nord's orders 1,000.00 (Jonas)
    and 250.00 (Anna): pools 50.00 and 12.50, so Anna 20.00 + 5.00 = 25.00 and
    Jonas 30.00 + 7.50 = 37.50. Beta (10%, inside 50%, team bonus 300.00 at 100%
    of target, equal): Süd's order 2,000.00 against a 1,500.00 target, so Weiß and
    Özil 100.00 commission and 150.00 team bonus each. Total 562.50 EUR."""
    (tmp_path / 'beta.ini').write_text(BETA + '\n[TeamBonus]\nAttainment=100%\nAmount=300.00 EUR\nSplit=equal\n')
    run('plan', 'load', str(tmp_path / 'beta.ini'), db=floor, check=0)
    for rep, number in ((1, '1001'), (2, '1002'), (3, '2001'), (4, '2002')):
        run('rep', 'update', str(rep), '--personnel-number', number, db=floor, check=0)
    run('team', 'update', '2', '--target', '1500.00 EUR', db=floor, check=0)
    order(floor, 1, 2, '1000.00 EUR', '2026-11-03T10:00:00Z', 'N1').check_returncode()
    order(floor, 1, 1, '250.00 EUR', '2026-11-04T10:00:00Z', 'N2').check_returncode()
    order(floor, 2, 4, '2000.00 EUR', '2026-11-05T10:00:00Z', 'S1').check_returncode()


def test_one_payroll_run_for_two_plans(floor, tmp_path):
    two_plan_month(floor, tmp_path)
    p = run('close', '2026-11', '--plan', 'Alpha', db=floor, check=0)
    assert 'warning' not in p.stderr  # Alpha's own [Payroll] maps its commission
    p = run('close', '2026-11', '--plan', 'Beta', db=floor, check=0)
    assert ('2026-11 of plan “Beta” has commission lines without a wage type' in p.stderr
            and 'has team-bonus lines without a wage type' in p.stderr)
    run('approve', '2026-11', '--plan', 'Alpha', db=floor, check=0)
    p = run('approve', '2026-11', '--plan', 'Beta', db=floor, check=0)
    assert 'team-bonus lines without a wage type' in p.stderr

    # refused: Beta has no mapping; no file is left behind
    lodas = tmp_path / 'lohn.txt'
    p = run('payroll', 'export', '2026-11', '--format', 'lodas', '--out', str(lodas), db=floor, check=2)
    assert 'No payroll profile is stored and plan “Beta” has no [Payroll] group' in p.stderr
    assert files_in(tmp_path) == ['alpha.ini', 'beta.ini']

    # the profile, set up after both periods closed, maps them
    assert json.loads(run('--json', 'payroll', 'show', db=floor, check=0).stdout)['version'] == 0
    (tmp_path / 'payroll.ini').write_text(PROFILE)
    assert json.loads(run('--json', 'payroll', 'setup', str(tmp_path / 'payroll.ini'), db=floor,
                          check=0).stdout) == {'version': 1, 'from': None}
    shown = json.loads(run('--json', 'payroll', 'show', '--at', '2026-11', db=floor, check=0).stdout)
    assert shown == {'version': 1, 'from': None, 'consultant': '1234567', 'client': '12345',
                     'wage_types': {'commission': 300, 'team-bonus': 301}}
    text = run('payroll', 'show', db=floor, check=0).stdout
    assert text.startswith('# payroll profile version 1, in effect for every period\n[Payroll]\n')
    assert '# cap: no wage type' in text

    run('payroll', 'export', '2026-11', '--format', 'lodas', '--out', str(lodas), db=floor, check=0)
    golden = os.path.join(os.path.dirname(__file__), '..', 'golden', 'payroll-2026-11-two-plans.lodas')
    written = lodas.read_bytes()
    assert written == open(golden, 'rb').read()
    assert files_in(tmp_path) == ['alpha.ini', 'beta.ini', 'lohn.txt', 'payroll.ini']

    # a second export of the same month is refused naming the first; nothing is written
    again = tmp_path / 'again.txt'
    p = run('payroll', 'export', '2026-11', '--format', 'csv', '--out', str(again), db=floor, check=2)
    assert 'Period 2026-11 of plans Alpha, Beta was exported to payroll on 2026-' in p.stderr
    assert 'by ' in p.stderr and '--again' in p.stderr
    assert not again.exists()
    # on purpose, as Excel reads it
    run('payroll', 'export', '2026-11', '--format', 'csv', '--dialect', 'excel', '--again',
        '--out', str(again), db=floor, check=0)
    assert again.read_bytes().decode('utf-8') == (
        '\ufeffperiod;personnel_number;rep;wage_type;amount;currency\r\n'
        '2026-11;1001;Anna;300;25,00;EUR\r\n'
        '2026-11;1002;Jonas;300;37,50;EUR\r\n'
        '2026-11;2001;Weiß;300;100,00;EUR\r\n'
        '2026-11;2001;Weiß;301;150,00;EUR\r\n'
        '2026-11;2002;Özil;300;100,00;EUR\r\n'
        '2026-11;2002;Özil;301;150,00;EUR\r\n')

    # each export is an audit entry with the SHA-256 of what was written
    audit = [e for e in json.loads(run('--json', 'audit', db=floor, check=0).stdout)
             if e['verb'] in ('payroll-export', 'payroll-setup')]
    assert [e['verb'] for e in audit] == ['payroll-setup', 'payroll-export', 'payroll-export']
    assert audit[1]['what'] == ('Period 2026-11 of plans Alpha, Beta, format lodas, sha256 '
                                + hashlib.sha256(written).hexdigest())
    assert audit[2]['what'].endswith('format csv-excel, sha256 ' + hashlib.sha256(again.read_bytes()).hexdigest())


def test_payroll_export_refusals(floor, tmp_path):
    two_plan_month(floor, tmp_path)
    run('close', '2026-11', '--plan', 'Alpha', db=floor, check=0)
    run('approve', '2026-11', '--plan', 'Alpha', db=floor, check=0)
    out = tmp_path / 'early.txt'
    # Beta is not approved: refused naming it, and no file
    p = run('payroll', 'export', '2026-11', '--format', 'lodas', '--out', str(out), db=floor, check=2)
    assert 'Period 2026-11 of plan “Beta” is draft, not approved' in p.stderr
    assert '(tandem approve 2026-11 --plan Beta)' in p.stderr
    assert not out.exists()
    # one plan on its own, with its own [Payroll]
    p = run('payroll', 'export', '2026-11', '--format', 'csv', '--plan', 'Alpha', db=floor, check=0)
    assert p.stdout == ('period,personnel_number,rep,wage_type,amount,currency\n'
                        '2026-11,1001,Anna,300,25.00,EUR\n'
                        '2026-11,1002,Jonas,300,37.50,EUR\n')
    p = run('payroll', 'export', '2026-11', '--format', 'csv', '--dialect', 'excel', '--plan', 'Alpha',
            '--again', db=floor, check=0)
    assert p.stdout.startswith('\ufeffperiod;')
    p = run('payroll', 'export', '2026-11', '--format', 'lodas', '--dialect', 'excel', db=floor, check=1)
    assert '--dialect excel is for --format csv' in p.stderr
    # an existing file is left as it was when an export is refused
    out.write_text('vorher\n')
    run('payroll', 'export', '2026-11', '--format', 'lodas', '--plan', 'Alpha', '--out', str(out),
        db=floor, check=2)
    assert out.read_text() == 'vorher\n'
    assert files_in(tmp_path) == ['alpha.ini', 'beta.ini', 'early.txt']
    # a profile in effect from December does not change November
    (tmp_path / 'later.ini').write_text(PROFILE.replace('commission=300', 'commission=500'))
    run('payroll', 'setup', str(tmp_path / 'later.ini'), '--from', '2026-12', db=floor, check=0)
    p = run('payroll', 'export', '2026-11', '--format', 'csv', '--plan', 'Alpha', '--again', db=floor, check=0)
    assert ',300,25.00,EUR' in p.stdout
    assert json.loads(run('--json', 'payroll', 'show', '--at', '2026-12', db=floor, check=0).stdout)['from'] == '2026-12'
    p = run('payroll', 'setup', str(tmp_path / 'alpha.ini'), db=floor, check=0)
    (tmp_path / 'bad.ini').write_text('[Payroll]\ncommission=0\n')
    p = run('payroll', 'setup', str(tmp_path / 'bad.ini'), db=floor, check=2)
    assert '[Payroll] commission=0: expected a wage type (Lohnart) from 1 to 9999' in p.stderr


# --- line 3: local time ------------------------------------------------------

def test_init_takes_the_time_zone_and_config_changes_it(tmp_path):
    fresh = str(tmp_path / 'zone.db')
    p = run('init', '--time-zone', 'Europe/Berlin', db=fresh, check=0)
    assert 'time zone Europe/Berlin' in p.stdout
    assert json.loads(run('--json', 'config', db=fresh, check=0).stdout) == {
        'time_zone': 'Europe/Berlin', 'schema': 19}
    # an upgrade keeps the zone; without --time-zone a new store takes this computer's (TZ)
    run('init', db=fresh, check=0)
    assert json.loads(run('--json', 'config', db=fresh, check=0).stdout)['time_zone'] == 'Europe/Berlin'
    other = str(tmp_path / 'tz.db')
    run('init', db=other, env={'TZ': 'Europe/Vienna'}, check=0)
    assert json.loads(run('--json', 'config', db=other, check=0).stdout)['time_zone'] == 'Europe/Vienna'
    p = run('config', 'time-zone', 'Europe/Berlyn', db=fresh, check=2)
    assert '“Europe/Berlyn” is not a time zone this computer knows' in p.stderr
    run('config', 'time-zone', 'UTC', db=fresh, check=0)
    assert 'Time zone: UTC' in run('config', db=fresh, check=0).stdout
    p = run('config', 'colour', 'red', db=fresh, check=1)
    assert 'unknown setting “colour”' in p.stderr
    audit = json.loads(run('--json', 'audit', db=fresh, check=0).stdout)
    assert [e['what'] for e in audit if e['verb'] == 'config'] == [
        'time zone Europe/Berlin', 'time zone UTC']


def test_local_times_at_both_month_boundaries(floor, tmp_path):
    run('config', 'time-zone', 'Europe/Berlin', db=floor, check=0)
    run('plan', 'default', 'Alpha', db=floor, check=0)
    # an evening order in Berlin on 30 November is November (22:30Z), the
    # first half hour of 1 November too (31 October 23:30Z), on every path in
    order(floor, 1, 2, '1000.00 EUR', '2026-11-30T23:30:00', 'EVE').check_returncode()
    order(floor, 1, 2, '100.00 EUR', '01.11.2026 00:30', 'EARLY').check_returncode()
    order(floor, 1, 2, '10.00 EUR', '2026-10-31 23:59', 'OCT').check_returncode()
    order(floor, 1, 2, '1.00 EUR', '01.12.2026', 'DEC').check_returncode()
    (tmp_path / 'rows.json').write_text(json.dumps([
        {'ref': 'J1', 'at': '2026-11-30 23:59:59', 'account': 1, 'rep': 2, 'kind': 'order',
         'amount': '2000.00 EUR'}]))
    (tmp_path / 'rows.csv').write_text('ref,at,account,rep,kind,amount\n'
                                       'C1,30.11.2026 23:45,1,2,order,4000.00 EUR\n')
    run('import', str(tmp_path / 'rows.json'), db=floor, check=0)
    run('import', str(tmp_path / 'rows.csv'), db=floor, check=0)
    rows = {a['external-ref']: a['occurred-at']
            for a in json.loads(run('--json', 'activity', 'list', db=floor, check=0).stdout)}
    assert rows == {'EVE': '2026-11-30T22:30:00Z', 'EARLY': '2026-10-31T23:30:00Z',
                    'OCT': '2026-10-31T22:59:00Z', 'DEC': '2026-11-30T23:00:00Z',
                    'J1': '2026-11-30T22:59:59Z', 'C1': '2026-11-30T22:45:00Z'}
    # the table shows local time
    table = run('activity', 'list', db=floor, check=0).stdout
    assert '2026-11-30 23:30' in table and '2026-11-01 00:30' in table and '22:30' not in table
    # the export keeps UTC
    exported = run('export', 'activities', db=floor, check=0).stdout
    assert 'EVE,2026-11-30T22:30:00Z' in exported
    # November (Berlin) pays EVE, EARLY, J1 and C1: 5% of 7,100.00 = 355.00
    nov = json.loads(run('--json', 'settle', '2026-11', db=floor, check=0).stdout)
    assert nov['total'] == '355.00 EUR'
    # October pays OCT only (0.50), December DEC only (0.05)
    assert json.loads(run('--json', 'settle', '2026-10', db=floor, check=0).stdout)['total'] == '0.50 EUR'
    assert json.loads(run('--json', 'settle', '2026-12', db=floor, check=0).stdout)['total'] == '0.05 EUR'


def test_local_times_across_daylight_saving(floor):
    run('config', 'time-zone', 'Europe/Berlin', db=floor, check=0)
    # the clocks go forward on 29 March 2026: 02:30 does not exist
    p = order(floor, 1, 2, '5.00 EUR', '29.03.2026 02:30', 'GAP')
    assert p.returncode == 2
    assert '“29.03.2026 02:30” does not exist in the time zone Europe/Berlin' in p.stderr
    # before and after the change: UTC+1, then UTC+2
    order(floor, 1, 2, '5.00 EUR', '29.03.2026 01:30', 'W').check_returncode()
    order(floor, 1, 2, '5.00 EUR', '29.03.2026 03:30', 'S').check_returncode()
    # the clocks go back on 25 October 2026: 02:30 is read as standard time (UTC+1)
    order(floor, 1, 2, '5.00 EUR', '2026-10-25 02:30', 'B').check_returncode()
    rows = {a['external-ref']: a['occurred-at']
            for a in json.loads(run('--json', 'activity', 'list', db=floor, check=0).stdout)}
    assert rows == {'W': '2026-03-29T00:30:00Z', 'S': '2026-03-29T01:30:00Z', 'B': '2026-10-25T01:30:00Z'}
    table = run('activity', 'list', db=floor, check=0).stdout
    assert '2026-03-29 01:30' in table and '2026-03-29 03:30' in table and '2026-10-25 02:30' in table


# --- line 4: German data in -------------------------------------------------

GERMAN = {'LC_ALL': 'de_DE.UTF-8'}


def test_erp_export_in_windows_1252(floor, tmp_path):
    run('config', 'time-zone', 'Europe/Berlin', db=floor, check=0)
    run('plan', 'default', 'Alpha', db=floor, check=0)
    run('account', 'update', '1', '--number', 'K-1001', db=floor, check=0)
    run('account', 'add', 'Ölmühle Größe', '--team', '1', '--number', 'K-1002', db=floor, check=0)
    run('rep', 'update', '1', '--personnel-number', '1001', db=floor, check=0)
    run('rep', 'update', '2', '--personnel-number', '1002', db=floor, check=0)
    accounts = json.loads(run('--json', 'account', 'list', db=floor, check=0).stdout)
    assert [a['number'] for a in accounts] == ['K-1001', None, 'K-1002']
    p = run('account', 'add', 'Doppelt', '--team', '1', '--number', 'K-1001', db=floor, check=2)
    assert 'Customer number “K-1001” already belongs to account #1 “ACME GmbH”' in p.stderr
    # what an ERP writes: its own headers, ;, Windows-1252, German amounts
    # and dates, CRLF, a column of its own, no kind column
    erp = tmp_path / 'rechnungen.csv'
    erp.write_bytes('Belegnr;Datum;Kundennr;PNR;Betrag;Währung;Kostenstelle\r\n'
                    'RE-1;30.11.2026 23:30;K-1001;1002;1.200,50;EUR;Süd\r\n'
                    'RE-2;01.11.2026 00:30;K-1002;1001;2.000,00;EUR;Nord\r\n'.encode('cp1252'))
    columns = 'ref=Belegnr,at=Datum,account_number=Kundennr,personnel_number=PNR,amount=Betrag,currency=Währung'
    p = run('import', str(erp), '--columns', columns, db=floor, check=2)
    assert 'the header has no “kind” column (give the kind of every row with --kind KIND)' in p.stderr
    p = run('import', str(erp), '--columns', columns, '--kind', 'order', db=floor, check=0)
    assert p.stdout == 'Imported 2 activities; skipped 0 already stored (read as Windows-1252)\n'
    rows = {a['external-ref']: a for a in json.loads(run('--json', 'activity', 'list', db=floor, check=0).stdout)}
    assert rows['RE-1']['amount'] == '1200.50 EUR' and rows['RE-1']['occurred-at'] == '2026-11-30T22:30:00Z'
    assert rows['RE-2']['amount'] == '2000.00 EUR' and rows['RE-2']['occurred-at'] == '2026-10-31T23:30:00Z'
    # both are November in Berlin: 5% of 3,200.50 = 160.03 (160.025 rounds half away)
    nov = json.loads(run('--json', 'settle', '2026-11', db=floor, check=0).stdout)
    assert nov['total'] == '160.03 EUR'
    # again, in German: one row already stored
    p = run('import', str(erp), '--columns', columns, '--kind', 'order', db=floor, env=GERMAN, check=0)
    assert p.stdout == '0 Aktivitäten importiert; 2 bereits gespeicherte übersprungen (gelesen als Windows-1252)\n'
    # a UTF-8 file with a byte order mark from Excel, and a bad amount named
    excel = tmp_path / 'excel.csv'
    excel.write_bytes('\ufeffref;at;account;rep;kind;amount\r\nX-1;03.11.2026;1;2;offer;1.234,56 EUR\r\n'
                      .encode('utf-8'))
    p = run('--json', 'import', str(excel), db=floor, check=0)
    assert json.loads(p.stdout) == {'imported': 1, 'skipped': 0, 'encoding': 'UTF-8'}
    excel.write_bytes(b'ref;at;account;rep;kind;amount\r\nX-2;03.11.2026;1;2;offer;1234.56 EUR\r\n')
    p = run('import', str(excel), db=floor, check=2)
    assert p.stderr.startswith(f'{excel}:2: amount: “1234.56 EUR” is not an amount in German notation')


def test_amounts_in_the_locale(floor):
    run('plan', 'default', 'Alpha', db=floor, check=0)
    # the command takes German notation as well as the canonical form
    order(floor, 1, 2, '1234.56 EUR', '2026-10-03T10:00:00Z', 'A1').check_returncode()
    p = run('log', 'order', '--account', '1', '--rep', '2', '--amount', '20.000,00 EUR', '--at',
            '2026-10-04T10:00:00Z', '--ref', 'A2', db=floor, env=GERMAN, check=0)
    amounts = [a['amount'] for a in json.loads(run('--json', 'activity', 'list', db=floor, check=0).stdout)]
    assert sorted(amounts) == ['1234.56 EUR', '20000.00 EUR']
    # tables in German: 5% of 21,234.56 = 1,061.73 (1,061.728 rounded)
    german = run('settle', '2026-10', db=floor, env=GERMAN, check=0).stdout
    english = run('settle', '2026-10', db=floor, check=0).stdout
    assert '1.061,73' in german and '1,061.73' not in german
    assert '1,061.73' in english
    # percentages too: 21,234.56 of a 20,000.00 target (given the German way) is 106.17%
    run('team', 'update', '1', '--target', '20.000,00 EUR', db=floor, env=GERMAN, check=0)
    german = run('settle', '2026-10', db=floor, env=GERMAN, check=0).stdout
    assert '106,17%' in german and '20.000,00' in german
    assert '106.17%' in run('settle', '2026-10', db=floor, check=0).stdout
    listed = run('activity', 'list', db=floor, env=GERMAN, check=0).stdout
    assert '20.000,00 EUR' in listed and '1.234,56 EUR' in listed
    # JSON never changes with the locale
    assert json.loads(run('--json', 'settle', '2026-10', db=floor, env=GERMAN, check=0).stdout)['total'] == \
        '1061.73 EUR'


# --- line 9: the small ones ---------------------------------------------------

def test_lists_align_by_display_width(floor):
    run('rep', 'add', '王芳', '--role', 'inside', db=floor, check=0)
    run('rep', 'update', '3', '--personnel-number', '4711', db=floor, check=0)
    lines = run('rep', 'list', db=floor, check=0).stdout.splitlines()
    # the role column starts at the same terminal column on every line:
    # Weiß (ß), Özil (Ö) and 王芳 (two wide characters, four columns)
    def column_of(line, word):
        prefix = line[:line.index(word)]
        return sum(2 if unicodedata.east_asian_width(c) in 'WF' else 1 for c in prefix)
    assert len({column_of(line, ' inside ' if ' inside ' in line else ' field ') for line in lines}) == 1
    assert '4711' in lines[2] and lines[2].split()[1] == 'Weiß'
    teams = run('team', 'list', db=floor, check=0).stdout.splitlines()
    assert len({column_of(line, 'inside') for line in teams}) == 1
    accounts = run('account', 'list', db=floor, check=0).stdout.splitlines()
    assert len({column_of(line, ' c ') for line in accounts}) == 1


def test_suggestions_plurals_and_messages(floor, tmp_path):
    p = run('setle', '2026-10', db=floor, check=1)
    assert 'unknown verb “setle”; did you mean “settle”?' in p.stderr
    p = run('setle', '2026-10', db=floor, env=GERMAN, check=1)
    assert 'unbekannter Befehl „setle“; meinten Sie „settle“?' in p.stderr
    p = run('rep', 'lst', db=floor, check=1)
    assert 'did you mean “rep list”?' in p.stderr
    p = run('settle', '2026-10', '--plan', 'Alpah', db=floor, check=2)
    assert 'did you mean “Alpha”?' in p.stderr
    # plural forms, English and German
    one = tmp_path / 'one.csv'
    one.write_text('ref,at,account,rep,kind\nC1,2026-10-03T10:00:00Z,1,1,call\n')
    assert run('import', str(one), db=floor, check=0).stdout == \
        'Imported 1 activity; skipped 0 already stored\n'
    assert run('import', str(one), db=floor, env=GERMAN, check=0).stdout == \
        '0 Aktivitäten importiert; 1 bereits gespeicherte übersprungen\n'
    # the messages named in the issue
    p = run('log', 'call', '--account', '1', '--rep', '1', '--amount', '5.00 EUR', db=floor, check=2)
    assert 'only offers, orders, cross-sells, up-sells, reversals and payments do' in p.stderr
    p = run('charter', 'show', '1', db=floor, check=2)
    assert 'Tandem “Nord” has no charter yet: draft one with “tandem charter set 1 AREA' in p.stderr
    assert 'version 0' not in p.stderr


# --- line 10: a month-end from end to end ----------------------------------

ERP_ROWS = [
    # Belegnr;Datum;Kundennr;PNR;Art;Betrag;Währung;Zahlung;Text
    'A-1;01.10.2026 00:15;K-1001;1002;order;1.000,00;EUR;;Größe M',  # 30.09. 22:15Z: October in Berlin
    'A-2;31.10.2026 23:45;K-1001;1001;order;500,00;EUR;;',           # 22:45Z: still October
    'B-1;15.10.2026 10:00;K-2001;2002;order;2.000,00;EUR;;',
    'A-3;01.11.2026 00:30;K-1001;1002;order;200,00;EUR;;',           # 31.10. 23:30Z: November
    'B-2;30.11.2026 23:30;K-2001;2001;payment;800,00;EUR;B-1;Überweisung',  # 22:30Z: November
]
ERP_COLUMNS = ('ref=Belegnr,at=Datum,account_number=Kundennr,personnel_number=PNR,kind=Art,amount=Betrag,'
               'currency=Währung,pays=Zahlung,note=Text')


def test_month_end_from_end_to_end(floor, tmp_path):
    """October and November in Berlin, by hand.

    Alpha (5%, inside 40%, pays on order), Nord: October A-1 1,000.00 and A-2
    500.00: pools 50.00 and 25.00, Anna 20.00 + 10.00 = 30.00, Jonas 30.00 +
    15.00 = 45.00. November A-3 200.00: pool 10.00, Anna 4.00, Jonas 6.00.
    Beta (10%, inside 50%, pays on collection), Süd: October B-1 2,000.00 earns
    a pool of 200.00, 100.00 each, nothing paid (held 100.00 each). November's
    payment B-2 of 800.00 is 40% of the order: 40.00 each paid, 60.00 held.
    November's payroll: Anna 4.00, Jonas 6.00, Weiß 40.00, Özil 40.00."""
    db = floor
    (tmp_path / 'beta.ini').write_text(BETA + 'PayOn=payment\n')
    run('plan', 'load', str(tmp_path / 'beta.ini'), db=db, check=0)
    run('config', 'time-zone', 'Europe/Berlin', db=db, check=0)
    run('plan', 'default', 'Alpha', db=db, check=0)
    for rep, number in ((1, '1001'), (2, '1002'), (3, '2001'), (4, '2002')):
        run('rep', 'update', str(rep), '--personnel-number', number, db=db, check=0)
    run('account', 'update', '1', '--number', 'K-1001', db=db, check=0)
    run('account', 'update', '2', '--number', 'K-2001', db=db, check=0)

    # the ERP's export: Windows-1252, ;, CRLF, German amounts and dates
    erp = tmp_path / 'buchungen.csv'
    erp.write_bytes(('Belegnr;Datum;Kundennr;PNR;Art;Betrag;Währung;Zahlung;Text\r\n'
                     + ''.join(row + '\r\n' for row in ERP_ROWS)).encode('cp1252'))
    p = run('import', str(erp), '--columns', ERP_COLUMNS, db=db, check=0)
    assert p.stdout == 'Imported 5 activities; skipped 0 already stored (read as Windows-1252)\n'
    stored = {a['external-ref']: a for a in json.loads(run('--json', 'activity', 'list', db=db, check=0).stdout)}
    assert {ref: a['occurred-at'] for ref, a in stored.items()} == {
        'A-1': '2026-09-30T22:15:00Z', 'A-2': '2026-10-31T22:45:00Z', 'B-1': '2026-10-15T08:00:00Z',
        'A-3': '2026-10-31T23:30:00Z', 'B-2': '2026-11-30T22:30:00Z'}
    assert stored['A-1']['note'] == 'Größe M' and stored['B-2']['note'] == 'Überweisung'

    # the settlements, by hand (see above)
    def totals(period, plan):
        s = json.loads(run('--json', 'settle', period, '--plan', plan, db=db, check=0).stdout)
        return {r['name']: (r['total'], r.get('held', '0.00 EUR')) for r in s['reps']}
    assert totals('2026-10', 'Alpha') == {'Anna': ('30.00 EUR', '0.00 EUR'), 'Jonas': ('45.00 EUR', '0.00 EUR')}
    assert totals('2026-11', 'Alpha') == {'Anna': ('4.00 EUR', '0.00 EUR'), 'Jonas': ('6.00 EUR', '0.00 EUR')}
    assert totals('2026-10', 'Beta') == {'Weiß': ('0.00 EUR', '100.00 EUR'), 'Özil': ('0.00 EUR', '100.00 EUR')}
    assert totals('2026-11', 'Beta') == {'Weiß': ('40.00 EUR', '60.00 EUR'), 'Özil': ('40.00 EUR', '60.00 EUR')}

    # closing in order: November waits for October, per plan
    p = run('close', '2026-11', db=db, check=2)
    assert 'the earlier period 2026-10, which has activities, is open' in p.stderr
    assert '(tandem close 2026-10 --plan Alpha)' in p.stderr
    for period in ('2026-10', '2026-11'):
        for plan in ('Alpha', 'Beta'):
            run('close', period, '--plan', plan, db=db, check=0)
            run('approve', period, '--plan', plan, db=db, check=0)

    # the same export again after the close: unchanged rows are counted skips
    p = run('import', str(erp), '--columns', ERP_COLUMNS, db=db, check=0)
    assert p.stdout == 'Imported 0 activities; skipped 5 already stored (read as Windows-1252)\n'
    # a row changed after the close is refused, naming what differs
    changed = tmp_path / 'geaendert.csv'
    changed.write_bytes(('Belegnr;Datum;Kundennr;PNR;Art;Betrag;Währung;Zahlung;Text\r\n'
                         + ERP_ROWS[1].replace('500,00', '550,00') + '\r\n').encode('cp1252'))
    p = run('import', str(changed), '--columns', ERP_COLUMNS, db=db, check=2)
    assert 'A-2' in p.stderr and '500.00 EUR' in p.stderr and '550.00 EUR' in p.stderr

    # payroll: the profile is set up after the close; one LODAS file for both plans
    (tmp_path / 'lohn.ini').write_text(PROFILE)
    run('payroll', 'setup', str(tmp_path / 'lohn.ini'), db=db, check=0)
    lodas = tmp_path / 'lodas-2026-11.txt'
    run('payroll', 'export', '2026-11', '--format', 'lodas', '--out', str(lodas), db=db, check=0)
    golden = os.path.join(os.path.dirname(__file__), '..', 'golden', 'monthend-2026-11.lodas')
    written = lodas.read_bytes()
    assert written == open(golden, 'rb').read()
    p = run('payroll', 'export', '2026-11', '--format', 'lodas', '--out', str(tmp_path / 'zweimal.txt'),
            db=db, check=2)
    assert 'Period 2026-11 of plans Alpha, Beta was exported to payroll on' in p.stderr
    assert not (tmp_path / 'zweimal.txt').exists()

    # the audit trail tells the month-end in order
    verbs = [e['verb'] for e in json.loads(run('--json', 'audit', db=db, check=0).stdout)]
    month_end = [v for v in verbs if v in ('config', 'import', 'close', 'approve', 'payroll-setup',
                                           'payroll-export')]
    assert month_end == ['config', 'config', 'import'] + ['close', 'approve'] * 4 + [
        'import', 'payroll-setup', 'payroll-export']
    export = [e for e in json.loads(run('--json', 'audit', db=db, check=0).stdout)
              if e['verb'] == 'payroll-export'][0]
    assert export['what'].endswith('sha256 ' + hashlib.sha256(written).hexdigest())
