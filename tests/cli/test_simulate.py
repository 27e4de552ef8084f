# SPDX-License-Identifier: LGPL-2.1-or-later
"""What-if (issue 28, line 4): `tandem simulate` on open and closed periods,
for a month, a quarter and a year; writes nothing."""

import json
import sqlite3

from test_cli import ENGINE, db, run, seeded, store_for  # noqa: F401 (fixtures)

CANDIDATE = '''[Plan]
Name=Neu
Currency=EUR
Period=month
TimeZone=Europe/Berlin
CommissionRate=5%
InsideShare=40%

[Product P-100]
CommissionRate=8%

[Category Maschinen]
Base=margin
CommissionRate=10%

[Spiff Herbst]
Category=Maschinen
Amount=20.00 EUR
From=2026-10
Split=equal
'''


def counts(path):
    """rows per table of a SQLite store"""
    con = sqlite3.connect(path)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {t: con.execute(f'SELECT count (*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        con.close()


def test_simulate_month_quarter_year_open_and_closed(seeded, tmp_path):
    plan = tmp_path / 'neu.ini'
    plan.write_text(CANDIDATE)
    # October: order 400.00 (no product); November: order 1,000.00 of
    # P-100, and 2 × Maschinen for 1,000.00 at a cost of 600.00
    run('log', 'order', '--account', '1', '--rep', '2', '--amount', '400.00 EUR', '--at',
        '2026-10-05T10:00:00Z', db=seeded, check=0)
    run('log', 'order', '--account', '1', '--rep', '2', '--amount', '1000.00 EUR', '--product',
        'P-100', '--at', '2026-11-03T10:00:00Z', db=seeded, check=0)
    run('log', 'order', '--account', '1', '--rep', '2', '--amount', '1000.00 EUR', '--category',
        'Maschinen', '--quantity', '2', '--cost', '600.00 EUR', '--at', '2026-11-04T10:00:00Z',
        db=seeded, check=0)
    run('close', '2026-10', db=seeded, check=0)
    before = counts(store_for(seeded)) if ENGINE == 'sqlite' else None

    # November (open). Current: 5% of 2,000.00 = 100.00 → Anna 40.00,
    # Jonas 60.00. Candidate: 8% of 1,000.00 = 80.00; 10% of the margin
    # 400.00 = 40.00; the SPIF 2 × 20.00 = 40.00 half each: Anna 32.00 +
    # 16.00 + 20.00 = 68.00, Jonas 48.00 + 24.00 + 20.00 = 92.00; 160.00.
    out = json.loads(run('--json', 'simulate', '2026-11', '--plan', str(plan), db=seeded,
                         check=0).stdout)
    assert (out['period'], out['plan'], out['vs']) == ('2026-11', 'Neu', 'Standard')
    assert [(r['name'], r['current'], r['candidate'], r['difference']) for r in out['reps']] == [
        ('Anna Schäfer', '40.00 EUR', '68.00 EUR', '28.00 EUR'),
        ('Jonas Becker', '60.00 EUR', '92.00 EUR', '32.00 EUR')]
    assert out['total'] == {'current': '100.00 EUR', 'candidate': '160.00 EUR',
                            'difference': '60.00 EUR', 'revenue': '2000.00 EUR'}
    # 100.00 and 160.00 of 2,000.00: 5% and 8%
    assert out['share'] == {'current': 500, 'candidate': 800}

    # October is closed: computed from its activities all the same,
    # 5% of 400.00 = 20.00 under both
    october = json.loads(run('--json', 'simulate', '2026-10', '--plan', str(plan), '--vs',
                             'Standard', db=seeded, check=0).stdout)
    assert october['total']['current'] == '20.00 EUR'
    assert october['total']['candidate'] == '20.00 EUR'
    # the quarter and the year add the months up
    for span in ('2026-Q4', '2026'):
        total = json.loads(run('--json', 'simulate', span, '--plan', str(plan), db=seeded,
                               check=0).stdout)['total']
        assert (total['current'], total['candidate']) == ('120.00 EUR', '180.00 EUR'), span

    # the table, in German: per rep, per tandem, and the cost share
    text = run('simulate', '2026-11', '--plan', str(plan), db=seeded, check=0,
               env={'LC_ALL': 'de_DE.UTF-8', 'LANG': 'de_DE.UTF-8'}).stdout
    assert 'Anna Schäfer' in text and '68,00' in text and 'Nord' in text and '2.000,00' in text
    assert '5,00%' in text and '8,00%' in text

    if before is not None:
        assert counts(store_for(seeded)) == before  # nothing written


def test_simulate_errors(seeded, tmp_path):
    p = run('simulate', '2026-11', db=seeded, check=1)
    assert '--plan FILE' in p.stderr
    bad = tmp_path / 'bad.ini'
    bad.write_text('[Plan]\nName=X\n')
    p = run('simulate', '2026-11', '--plan', str(bad), db=seeded, check=2)
    assert str(bad) in p.stderr and '[Plan] Currency is missing' in p.stderr
    plan = tmp_path / 'neu.ini'
    plan.write_text(CANDIDATE)
    p = run('simulate', '2026-11', '--plan', str(plan), '--vs', 'Gold', db=seeded, check=2)
    assert 'Gold' in p.stderr
    p = run('simulate', '2026-13', '--plan', str(plan), db=seeded, check=2)
    assert '2026-13' in p.stderr
