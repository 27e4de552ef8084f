# SPDX-License-Identifier: LGPL-2.1-or-later
"""Statements as documents (issue 27, lines 1, 2 and 5): `tandem statement
--pdf` and `tandem statements --dir`, read back as a reader would, with
pdftotext and pdfinfo (poppler-utils)."""

import json
import os
import re
import subprocess

import pytest

from test_cli import db, run, seeded  # noqa: F401 (fixtures)

GERMAN = {'LC_ALL': 'de_DE.UTF-8', 'LANG': 'de_DE.UTF-8'}


def pdf_text(path, page=None, layout=True):
    args = ['pdftotext'] + (['-layout'] if layout else [])
    if page is not None:
        args += ['-f', str(page), '-l', str(page)]
    return subprocess.run(args + [str(path), '-'], capture_output=True, text=True, check=True).stdout


def pdf_info(path):
    out = subprocess.run(['pdfinfo', str(path)], capture_output=True, text=True, check=True).stdout
    return dict(line.split(':', 1) for line in out.splitlines() if ':' in line)


@pytest.fixture
def month(seeded, tmp_path):
    """Anna (1001, inside) and Jonas (1002, field) of Nord; 60 orders of
    Anna in November, one reversed, one order of Jonas; a draw for Jonas, a
    dispute of Anna's."""
    run('rep', 'update', '1', '--personnel-number', '1001', db=seeded, check=0)
    run('rep', 'update', '2', '--personnel-number', '1002', db=seeded, check=0)
    rows = ['ref,at,account,rep,kind,amount,reverses,note']
    for i in range(60):
        # 100.00, 101.00, … 159.00 EUR: 5% of each, Anna's share 40%
        rows.append(f'o{i},2026-11-{1 + i % 28:02d}T09:{i % 60:02d}:00Z,1,1,order,{100 + i}.00 EUR,,')
    rows.append('r7,2026-11-29T10:00:00Z,1,1,reversal,,o7,')
    rows.append('j1,2026-11-10T10:00:00Z,1,2,order,2000.00 EUR,,')
    csv = tmp_path / 'nov.csv'
    csv.write_text('\n'.join(rows) + '\n')
    run('import', str(csv), db=seeded, check=0)
    run('draw', 'set', '2', '--amount', '500.00 EUR', '--from', '2026-11', '--recoverable', db=seeded,
        check=0)
    run('dispute', 'open', '--rep', '1', '--period', '2026-11', '--reason', 'Auftrag o3 fehlt',
        db=seeded, check=0)
    return seeded


def statement_json(db, rep):
    return json.loads(run('--json', 'statement', str(rep), '2026-11', db=db, check=0).stdout)


def german_amount(text):
    """'-196.00' → '-196,00', '2409.75' → '2.409,75' (de_DE)."""
    sign = '-' if text.startswith('-') else ''
    units, cents = text.lstrip('-').split(' ')[0].split('.')
    groups = []
    while len(units) > 3:
        groups.insert(0, units[-3:])
        units = units[:-3]
    groups.insert(0, units)
    return sign + '.'.join(groups) + ',' + cents


def test_statement_pdf_english(month, tmp_path):
    out = tmp_path / 'anna.pdf'
    run('statement', '1', '2026-11', '--pdf', str(out), db=month, check=0)
    info = pdf_info(out)
    pages = int(info['Pages'])
    assert info['Page size'].strip().startswith('595.276 x 841.89') and 'A4' in info['Page size']
    assert pages >= 2  # 61 lines do not fit on one page
    text = pdf_text(out)
    flat = ' '.join(text.split())
    assert 'Commission statement' in text
    assert 'Anna Schäfer (personnel number 1001)' in flat
    assert '2026-11' in text and 'Standard, version 1' in text and 'draft' in text
    s = statement_json(month, 1)
    for line in s['lines']:
        assert line['amount'].split(' ')[0] in flat, line
    # every line's reference and date
    for i in range(60):
        assert re.search(rf'\bo{i}\b', flat), i
    assert '2026-11-29' in flat and 'Clawback' in flat
    # totals per kind, the total, the dispute
    assert 'Totals by kind' in text and s['total'].split(' ')[0] in flat
    total_line = [ln for ln in text.splitlines() if ln.strip().startswith('Total ')]
    assert total_line and s['total'] in ' '.join(total_line[0].split())
    assert 'Auftrag o3 fehlt' in flat and '(open)' in flat
    # on every page: the draft mark, the table's header while the table
    # runs, and page N of M
    for p in range(1, pages + 1):
        page = pdf_text(out, p)
        assert 'Draft: figures may still change' in page, p
        assert f'Page {p} of {pages}' in page, p
        if p < pages:
            assert re.search(r'Date\s+Reference\s+Account\s+Kind\s+Amount\s+Explanation', page), p


def test_statement_pdf_german_and_closed(month, tmp_path):
    out = tmp_path / 'jonas.pdf'
    run('statement', '2', '2026-11', '--pdf', str(out), db=month, env=GERMAN, check=0)
    text = pdf_text(out)
    flat = ' '.join(text.split())
    assert 'Provisionsabrechnung' in text and 'Personalnummer 1002' in flat
    assert 'Entwurf: Beträge können sich noch ändern' in flat
    assert 'Datum' in text and 'Erläuterung' in text and 'Summen nach Art' in text
    assert '10.11.2026' in flat  # the date as German writes it
    s = statement_json(month, 2)
    for line in s['lines']:
        assert german_amount(line['amount']) in flat, line
    assert 'Gesamt' in text and german_amount(s['total']) + ' EUR' in flat
    # no period is closed yet: the draw has paid nothing
    assert 'Garantiesaldo (gezahlt, noch nicht verrechnet) 0,00 EUR' in flat
    assert re.search(r'Seite 1 von \d', text)

    # closed: no draft mark; the draw's line is now its balance
    draw = [ln for ln in s['lines'] if ln['kind'] == 'draw']
    assert len(draw) == 1
    run('close', '2026-11', db=month, check=0)
    run('statement', '2', '2026-11', '--pdf', str(out), db=month, env=GERMAN, check=0)
    flat = ' '.join(pdf_text(out).split())
    assert 'Entwurf' not in flat and 'abgeschlossen' in flat
    assert ('Garantiesaldo (gezahlt, noch nicht verrechnet) ' + german_amount(draw[0]['amount']) + ' EUR'
            in flat)


def test_statement_pdf_errors(month, tmp_path):
    p = run('statement', '1', '2026-11', '--pdf', str(tmp_path / 'no' / 'x.pdf'), db=month, check=2)
    assert 'x.pdf' in p.stderr
    assert not os.path.exists(tmp_path / 'no')
    p = run('statement', '1', '2026-11', '--pdf', str(tmp_path), db=month, check=2)
    assert str(tmp_path) in p.stderr


def test_statements_dir(month, tmp_path):
    out = tmp_path / 'out'
    out.mkdir()
    p = run('statements', '2026-11', '--dir', str(out), db=month, check=0)
    assert '2 statements written' in p.stdout
    assert sorted(os.listdir(out)) == ['1001 Anna Schäfer.pdf', '1002 Jonas Becker.pdf']
    assert 'Jonas Becker' in pdf_text(out / '1002 Jonas Becker.pdf')
    # a rep without lines gets no file; without a personnel number, rep-ID
    run('rep', 'add', 'Lea Hoffmann', '--role', 'inside', db=month, check=0)
    run('rep', 'update', '1', '--personnel-number', '', db=month, check=0)
    again = tmp_path / 'again'
    again.mkdir()
    run('statements', '2026-11', '--dir', str(again), db=month, check=0)
    assert sorted(os.listdir(again)) == ['1002 Jonas Becker.pdf', 'rep-1 Anna Schäfer.pdf']


def test_statements_all_or_nothing(month, tmp_path):
    # a name too long for a file name: the second file fails, none is left
    run('rep', 'update', '2', '--name', 'J' * 300, db=month, check=0)
    out = tmp_path / 'out'
    out.mkdir()
    p = run('statements', '2026-11', '--dir', str(out), db=month, check=2)
    assert 'J' * 40 in p.stderr
    assert os.listdir(out) == []
    p = run('statements', '2026-11', db=month, check=1)
    assert '--dir' in p.stderr
    p = run('statements', '2026-11', '--dir', str(tmp_path / 'missing'), db=month, check=1)
    assert 'missing' in p.stderr


def test_statements_progress_on_a_terminal(db, tmp_path):
    """More than 50 reps: a progress line on a terminal, none on a pipe."""
    from test_cli import _run_on_pty, store_for
    rows = ['ref,at,account,rep,kind,amount,reverses,note']
    for t in range(26):
        run('rep', 'add', f'Innen {t}', '--role', 'inside', db=db, check=0)
        run('rep', 'add', f'Außen {t}', '--role', 'field', db=db, check=0)
        run('team', 'add', '--inside', str(2 * t + 1), '--field', str(2 * t + 2), '--name', f'T{t}',
            '--since', '2026-01-01T00:00:00Z', db=db, check=0)
        run('account', 'add', f'Kunde {t}', '--team', str(t + 1), db=db, check=0)
        rows.append(f'o{t},2026-11-03T10:00:00Z,{t + 1},{2 * t + 1},order,{100 + t}.00 EUR,,')
    csv = tmp_path / 'orders.csv'
    csv.write_text('\n'.join(rows) + '\n')
    run('import', str(csv), db=db, check=0)
    plan = tmp_path / 'plan.ini'
    plan.write_text('[Plan]\nName=Standard\nCurrency=EUR\nPeriod=month\nTimeZone=Europe/Berlin\n'
                    'CommissionRate=5%\nInsideShare=40%\n')
    run('plan', 'load', str(plan), db=db, check=0)
    out = tmp_path / 'out'
    out.mkdir()
    code, err = _run_on_pty([f'--db={store_for(db)}', 'statements', '2026-11', '--dir', str(out)])
    assert code == 0, err
    assert '\rstatements 52/52' in err.replace('\x1b[K', '')
    assert len(os.listdir(out)) == 52
    again = tmp_path / 'again'
    again.mkdir()
    p = run('statements', '2026-11', '--dir', str(again), db=db, check=0)
    assert 'statements 1/' not in p.stderr and len(os.listdir(again)) == 52
