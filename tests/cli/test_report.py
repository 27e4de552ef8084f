# SPDX-License-Identifier: LGPL-2.1-or-later
"""A report that reads at a glance (issue 27, line 4): `tandem report
--svg` writes text as <text> with the box Pango measured (data-box), and no
label touches a bar, a mark, an axis or another label; both charts have a
scale; the legend shows only the kinds present and wraps inside the width;
amounts follow the locale; --pdf draws the same page."""

import json
import subprocess
import xml.etree.ElementTree as ET

import pytest

from test_cli import db, run, seeded  # noqa: F401 (fixtures)

NS = '{http://www.w3.org/2000/svg}'
GERMAN = {'LC_ALL': 'de_DE.UTF-8', 'LANG': 'de_DE.UTF-8'}
SHAPES = ('bar', 'bar-outline', 'mark', 'axis', 'tick', 'legend')


@pytest.fixture(scope='module')
def demo(tmp_path_factory):
    db = str(tmp_path_factory.mktemp('report') / 'demo.db')
    run('demo', '--quiet', db=db, check=0)
    return db


def parse(path):
    root = ET.parse(path).getroot()
    texts, shapes = [], []
    for el in root.iter():
        cls = el.get('class')
        if el.tag == NS + 'text':
            x, y, w, h = map(float, el.get('data-box').split())
            texts.append((cls, el.text, (x, y, x + w, y + h)))
        elif el.tag == NS + 'rect' and cls in SHAPES:
            x, y = float(el.get('x')), float(el.get('y'))
            pad = float(el.get('stroke-width', '0')) / 2
            shapes.append((cls, (x - pad, y - pad, x + float(el.get('width')) + pad,
                                 y + float(el.get('height')) + pad)))
        elif el.tag == NS + 'line' and cls in SHAPES:
            x1, y1, x2, y2 = (float(el.get(k)) for k in ('x1', 'y1', 'x2', 'y2'))
            pad = float(el.get('stroke-width')) / 2
            shapes.append((cls, (min(x1, x2) - pad, min(y1, y2) - pad, max(x1, x2) + pad,
                                 max(y1, y2) + pad)))
    return root, texts, shapes


def overlap(a, b):
    return min(a[2], b[2]) - max(a[0], b[0]) > 0.01 and min(a[3], b[3]) - max(a[1], b[1]) > 0.01


def check_layout(path):
    root, texts, shapes = parse(path)
    width = float(root.get('width'))
    assert texts and not list(root.iter(NS + 'path')) and not list(root.iter(NS + 'use'))
    for cls, text, box in texts:
        assert 0 <= box[0] and box[2] <= width, (text, box)
        for shape_cls, shape in shapes:
            assert not overlap(box, shape), (text, box, shape_cls, shape)
    for i, (_, a_text, a) in enumerate(texts):
        for _, b_text, b in texts[i + 1:]:
            assert not overlap(a, b), (a_text, b_text)
    return root, texts, shapes


def test_report_svg_reads_at_a_glance(demo, tmp_path):
    svg = tmp_path / 'report.svg'
    run('report', '2026-11', '--svg', str(svg), db=demo, check=0)
    root, texts, shapes = check_layout(svg)
    by_class = {}
    for cls, text, _ in texts:
        by_class.setdefault(cls, []).append(text)
    # the legend: exactly the kinds that occur, in the order of the kinds
    settlement = json.loads(run('settle', '2026-11', '--json', db=demo, check=0).stdout)
    kinds = {line['kind'] for rep in settlement['reps'] for line in rep['lines']}
    order = ['commission', 'accelerator', 'team-bonus', 'referral-bonus', 'clawback', 'cap',
             'adjustment', 'draw', 'draw-recovery']
    assert by_class['legend-label'] == [k.replace('-', ' ') for k in order if k in kinds]
    assert len([s for s in shapes if s[0] == 'legend']) == len(kinds)
    # both charts have a scale: an axis with at least three labelled ticks each
    assert len([s for s in shapes if s[0] == 'tick']) >= 6
    assert '0' in by_class['tick-label'] and '100%' in by_class['tick-label']
    # the totals in the display form, one per rep
    assert by_class['total'] == ['2,409.75 EUR', '2,911.28 EUR', '2,335.38 EUR', '2,094.99 EUR',
                                 '2,712.55 EUR', '3,441.83 EUR', '3,817.51 EUR', '4,166.52 EUR']
    assert [r['total'] for r in settlement['reps']][0] == '2409.75 EUR'
    # Süd's 93.27% would cross the 100% mark after its bar: it stands after the mark
    mark = [s for s in shapes if s[0] == 'mark'][0][1]
    sued = [box for cls, text, box in texts if text == '93.27%'][0]
    assert sued[0] > mark[2]


def test_report_legend_wraps_and_german(demo, tmp_path):
    svg = tmp_path / 'bericht.svg'
    run('report', '2026-11', '--svg', str(svg), db=demo, env=GERMAN, check=0)
    root, texts, shapes = check_layout(svg)
    labels = {cls: [t for c, t, _ in texts if c == cls] for cls in ('total', 'attainment', 'tick-label')}
    assert '2.409,75 EUR' in labels['total'] and '93,27%' in labels['attainment']
    assert '1.000' in labels['tick-label']


def test_report_legend_wraps_inside_the_width(tmp_path, seeded):
    # every kind present: commission, clawback, cap, draw … and a long name
    db = seeded
    for args in (('log', 'order', '--account', '1', '--rep', '1', '--amount', '90000.00 EUR', '--at',
                  '2026-11-03T10:00:00Z', '--ref', 'o1'),
                 ('log', 'order', '--account', '1', '--rep', '2', '--amount', '100.00 EUR', '--at',
                  '2026-11-04T10:00:00Z', '--ref', 'o2'),
                 ('log', 'reversal', '--account', '1', '--rep', '2', '--reverses', '2', '--at',
                  '2026-11-05T10:00:00Z')):
        run(*args, db=db, check=0)
    plan = tmp_path / 'cap.ini'
    plan.write_text('[Plan]\nName=Cap\nCurrency=EUR\nPeriod=month\nTimeZone=Europe/Berlin\n'
                    'CommissionRate=5%\nInsideShare=40%\n[Cap]\nPerRep=1000.00 EUR\n'
                    '[Clawback]\nWindowDays=90\n')
    run('plan', 'load', str(plan), db=db, check=0)
    run('plan', 'default', 'Cap', db=db, check=0)
    run('draw', 'set', '2', '--amount', '3000.00 EUR', '--from', '2026-11', db=db, check=0)
    svg = tmp_path / 'all.svg'
    run('report', '2026-11', '--svg', str(svg), db=db, env=GERMAN, check=0)
    root, texts, shapes = check_layout(svg)
    legend = [box for cls, _, box in texts if cls == 'legend-label']
    settlement = json.loads(run('settle', '2026-11', '--json', db=db, check=0).stdout)
    kinds = {line['kind'] for rep in settlement['reps'] for line in rep['lines']}
    assert {'commission', 'clawback', 'cap', 'draw'} <= kinds
    assert len(legend) == len(kinds)
    # check_layout: every legend label inside the chart's width, none on another


def test_report_pdf_is_the_same_page(demo, tmp_path):
    svg, pdf = tmp_path / 'r.svg', tmp_path / 'r.pdf'
    run('report', '2026-11', '--svg', str(svg), db=demo, check=0)
    p = run('report', '2026-11', '--pdf', str(pdf), db=demo, check=0)
    assert 'r.pdf' in p.stderr
    root, texts, _ = parse(svg)
    info = subprocess.run(['pdfinfo', str(pdf)], capture_output=True, text=True, check=True).stdout
    assert f"Page size:       {root.get('width')} x {root.get('height')} pts" in info
    assert 'Pages:           1' in info
    words = ' '.join(subprocess.run(['pdftotext', str(pdf), '-'], capture_output=True, text=True,
                                    check=True).stdout.split())
    for _, text, _ in texts:
        assert text in words, text
    assert run('report', '2026-11', db=demo, check=1).stderr
    assert run('report', '2026-11', '--svg', str(svg), '--pdf', str(pdf), db=demo, check=1).stderr
