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


# ---------------------------------------------------------------------------
# The book extract (issue 27, line 3)

def cents(text):
    units, _, frac = text.split(' ')[0].lstrip('-').partition('.')
    value = int(units) * 100 + int(frac or 0)
    return -value if text.startswith('-') else value


def money(c):
    return f'{"-" if c < 0 else ""}{abs(c) // 100}.{abs(c) % 100:02d}'


def book_csv(db, rep, first='2026-11', last='2026-11'):
    import csv
    import io
    p = run('book-extract', str(rep), '--from', first, '--until', last, '--format', 'csv', db=db,
            check=0)
    assert p.stdout.splitlines()[0] == ('ref,at,account,kind,amount,reversed,paid_by_customer,'
                                        'earned,paid_out,held,currency')
    return list(csv.DictReader(io.StringIO(p.stdout)))


def test_book_extract_csv_against_the_statement(month):
    rows = book_csv(month, 1)
    by_ref = {r['ref']: r for r in rows}
    assert set(by_ref) == {f'o{i}' for i in range(60)} | {'j1'}
    assert [r['at'] for r in rows] == sorted(r['at'] for r in rows)
    for i in range(60):
        r = by_ref[f'o{i}']
        # 5% of (100 + i).00 EUR, Anna's share 40%: 2.00 + 0.02 × i EUR
        earned = money(200 + 2 * i)
        assert (r['account'], r['kind'], r['amount'], r['currency']) == \
            ('ACME GmbH', 'order', f'{100 + i}.00', 'EUR')
        assert r['earned'] == earned
        # o7 is reversed in full inside the window: all of it taken back
        assert r['reversed'] == ('107.00' if i == 7 else '0.00')
        assert r['paid_out'] == ('0.00' if i == 7 else earned)
        assert (r['paid_by_customer'], r['held']) == ('0.00', '0.00')
    # Jonas's order of 2,000.00: 5% = 100.00, Anna's 40% = 40.00
    assert (by_ref['j1']['earned'], by_ref['j1']['paid_out']) == ('40.00', '40.00')
    # the statement's commission and clawback lines are what the extract paid out
    s = statement_json(month, 1)
    paid = sum(cents(ln['amount']) for ln in s['lines']
               if ln['kind'] in ('commission', 'accelerator', 'clawback'))
    assert paid == sum(cents(r['paid_out']) for r in rows)
    # Jonas: 60% of each
    jonas = {r['ref']: r for r in book_csv(month, 2)}
    assert jonas['o1']['earned'] == '3.03' and jonas['j1']['earned'] == '60.00'


def test_book_extract_pdf_german_draft_then_closed(month, tmp_path):
    out = tmp_path / 'buchauszug.pdf'
    run('book-extract', '1', '--from', '2026-11', '--until', '2026-11', '--format', 'pdf', '--out',
        str(out), db=month, env=GERMAN, check=0)
    info = pdf_info(out)
    assert info['Page size'].strip().startswith('841.89 x 595.276')  # A4 landscape
    pages = int(info['Pages'])
    assert pages >= 2  # 61 rows
    text = pdf_text(out)
    flat = ' '.join(text.split())
    assert 'Buchauszug' in text and 'Anna Schäfer (Personalnummer 1001)' in flat
    assert '2026-11 bis 2026-11' in flat and '2026-11 Entwurf' in flat
    for p in range(1, pages + 1):
        page = pdf_text(out, p)
        assert 'Entwurf: Beträge können sich noch ändern' in page, p
        assert 'Verdient' in page and 'Ausgezahlt' in page, p
        assert f'Seite {p} von {pages}' in page, p
    for r in book_csv(month, 1):
        assert german_amount(r['earned']) in flat and german_amount(r['amount']) in flat
    total = sum(cents(r['earned']) for r in book_csv(month, 1))
    assert f'Verdient {german_amount(money(total))} EUR' in flat

    before = book_csv(month, 1)
    run('close', '2026-11', db=month, check=0)
    run('book-extract', '1', '--from', '2026-11', '--until', '2026-11', '--format', 'pdf', '--out',
        str(out), db=month, env=GERMAN, check=0)
    text = pdf_text(out)
    assert 'Entwurf' not in text and '2026-11 abgeschlossen' in text
    # closed, the extract reads the frozen lines: the same figures
    assert book_csv(month, 1) == before


def test_book_extract_usage_and_data_errors(month, tmp_path):
    p = run('book-extract', '1', '--from', '2026-11', '--until', '2026-11', db=month, check=1)
    assert '--format csv or --format pdf' in p.stderr
    run('book-extract', '1', '--from', '2026-11', '--until', '2026-11', '--format', 'xml',
        db=month, check=1)
    p = run('book-extract', '1', '--from', '2026-11', '--format', 'csv', db=month, check=1)
    assert '--until' in p.stderr
    p = run('book-extract', '1', '--from', '2026-12', '--until', '2026-11', '--format', 'csv',
            db=month, check=2)
    assert '2026-12 comes after 2026-11' in p.stderr
    p = run('book-extract', '9', '--from', '2026-11', '--until', '2026-11', '--format', 'csv',
            db=month, check=2)
    assert p.stdout == ''
    # a folder that does not exist: nothing written, the error names the path
    missing = tmp_path / 'no' / 'x.csv'
    p = run('book-extract', '1', '--from', '2026-11', '--until', '2026-11', '--format', 'csv',
            '--out', str(missing), db=month, check=2)
    assert str(missing) in p.stderr and not missing.exists()
