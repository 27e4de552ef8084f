# SPDX-License-Identifier: LGPL-2.1-or-later
"""Every verb of the library from the shell: the contract's method verbs
(tandems over time, charters, shadowing, support) with --json, their error
paths, and a check that no verb is missing from --help, the noun's help,
tandem(1) or the German translation."""

import datetime
import json
import os
import re
import time

import pytest

from test_cli import PLAN, run

SOURCE = os.path.join(os.path.dirname(__file__), '..', '..')

# Every verb, as the contract ("The tandem method from the shell") and the
# earlier issues name them; a verb missing from the command is a failure.
VERBS = [
    'init', 'config', 'rep add', 'rep list', 'rep update', 'rep archive', 'rep tag', 'classify', 'cleanup', 'match',
    'team add', 'team list', 'team update', 'team members', 'team history', 'team archive',
    'account add', 'account update', 'account list', 'account archive', 'account history',
    'charter show', 'charter set', 'charter confirm', 'shadowing log', 'shadowing status',
    'support open', 'support list', 'support close', 'lifecycle', 'lifecycle apply',
    'activity list', 'log', 'import', 'export', 'plan load', 'plan list', 'plan show', 'plan default',
    'team plan', 'target set', 'target ramp', 'target list', 'draw set', 'draw list', 'rate set', 'rate list',
    'settle', 'close', 'approve', 'pay', 'payroll export', 'payroll setup', 'payroll show', 'statement', 'statements', 'book-extract', 'simulate', 'kpi', 'report', 'demo',
    'dispute open', 'dispute list', 'dispute resolve', 'audit',
]


def help_verbs(text):
    """The verbs a help text lists under "Verbs:"."""
    if 'Verbs:' not in text:
        return set()
    block = text.split('Verbs:', 1)[1].split('\n\n', 1)[0]
    return {m.group(1).strip() for m in re.finditer(r'^  ([a-z][a-z-]*(?: [a-z][a-z-]*)?) ', block, re.M)}


def po_translations(path):
    """msgid → msgstr of the non-fuzzy entries of a .po file."""
    entries, fuzzy, msgid, msgstr, field = {}, False, None, None, None
    for line in open(path, encoding='utf-8').read().split('\n') + ['']:
        if line.startswith('#,') and 'fuzzy' in line:
            fuzzy = True
        elif line.startswith('msgid '):
            msgid, msgstr, field = json.loads(line[6:]), None, 'id'
        elif line.startswith('msgstr '):
            msgstr, field = json.loads(line[7:]), 'str'
        elif line.startswith('"') and field == 'id':
            msgid += json.loads(line)
        elif line.startswith('"') and field == 'str':
            msgstr += json.loads(line)
        elif line.strip() == '':
            if msgid and msgstr is not None and not fuzzy:
                entries[msgid] = msgstr
            fuzzy, msgid, msgstr, field = False, None, None, None
    return entries


def test_no_verb_is_missing_anywhere():
    general = run('--help', check=0).stdout
    listed = help_verbs(general)
    man = open(os.path.join(SOURCE, 'doc', 'tandem.1'), encoding='utf-8').read()
    bold = [line for line in man.split('\n') if line.startswith('.B')]
    german = po_translations(os.path.join(SOURCE, 'po', 'de.po'))
    table = open(os.path.join(SOURCE, 'examples', 'tandem.c'), encoding='utf-8').read()
    summaries = {m.group(1): ''.join(json.loads(f'"{part}"') for part in re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(2)))
                 for m in re.finditer(r'\{\s*"([a-z -]+)",\s*cli_cmd_[a-z_]+,\s*N_ \(((?:\s*"(?:[^"\\]|\\.)*")+)\s*\)\s*\}',
                                      table)}
    for verb in VERBS:
        assert verb in listed, f'{verb}: not in tandem --help'
        assert run(*verb.split(), '--help', check=0).stdout.startswith('Usage:'), verb
        if ' ' in verb and verb.split()[0] not in VERBS:  # "lifecycle" is a verb of its own
            noun = verb.split()[0]
            assert verb in help_verbs(run(noun, '--help', check=0).stdout), f'{verb}: not in tandem {noun} --help'
        assert any(f'"{verb}' in line or re.match(rf'\.BI? {re.escape(verb)}\b', line) for line in bold), \
            f'{verb}: not in tandem(1)'
        assert verb in summaries, f'{verb}: not in the verb table'
        summary = summaries[verb]
        assert german.get(summary), f'{verb}: its summary has no German translation: {summary}'
    # and nothing is listed that the contract does not know
    assert listed == set(VERBS), listed ^ set(VERBS)


@pytest.fixture
def floor(tmp_path):
    db = str(tmp_path / 'verbs.db')
    run('init', db=db, check=0)
    for name, role in (('Anna Schäfer', 'inside'), ('Jonas Becker', 'field'), ('Mia Wolf', 'inside')):
        run('rep', 'add', name, '--role', role, db=db, check=0)
    run('team', 'add', '--inside', '1', '--field', '2', '--name', 'Nord', '--since', '2026-01-01T00:00:00Z',
        db=db, check=0)
    run('account', 'add', 'ACME GmbH', '--team', '1', db=db, check=0)
    return db


def j(db, *args, check=0):
    return json.loads(run('--json', *args, db=db, check=check).stdout)


def test_team_over_time(floor):
    team = j(floor, 'team', 'update', '1', '--name', 'Nord-Ost', '--inside-share', '45%',
             '--target', '20000.00 EUR', '--since', '2025-12-01T00:00:00Z')
    assert (team['name'], team['inside-share'], team['target']) == ('Nord-Ost', 4500, '20000.00 EUR')
    assert j(floor, 'team', 'update', '1', '--target', 'none')['target'] is None
    j(floor, 'team', 'members', '1', '--inside', '3', '--field', '2', '--from', '2026-06-01T00:00:00Z')
    history = j(floor, 'team', 'history', '1')
    assert [(h['inside-rep'], h['valid-from'], h['valid-until']) for h in history] == [
        (1, '2025-12-01T00:00:00Z', '2026-06-01T00:00:00Z'), (3, '2026-06-01T00:00:00Z', None)]
    text = run('team', 'history', '1', db=floor, check=0).stdout
    assert 'Anna Schäfer' in text and 'Mia Wolf' in text
    # errors: a start after the first pair ended, a change before the last one, unknown ids, bad values
    p = run('team', 'update', '1', '--since', '2026-07-01T00:00:00Z', db=floor, check=2)
    assert 'first members changed at 2026-06-01' in p.stderr
    p = run('team', 'members', '1', '--inside', '1', '--field', '2', '--from', '2026-03-01T00:00:00Z', db=floor, check=2)
    assert 'later date' in p.stderr
    assert 'No tandem with id 9' in run('team', 'history', '9', db=floor, check=2).stderr
    assert '--inside-share' in run('team', 'update', '1', '--inside-share', '140%', db=floor, check=2).stderr
    run('team', 'update', '1', db=floor, check=1)
    run('team', 'members', '1', '--inside', '3', db=floor, check=1)
    assert j(floor, 'team', 'archive', '1')['archived'] is True


def test_archive_verbs(floor):
    assert j(floor, 'account', 'archive', '1')['archived'] is True
    assert j(floor, 'rep', 'archive', '3')['archived'] is True
    assert 'Archived rep 3 (Mia Wolf)' in run('rep', 'archive', '3', db=floor, check=0).stdout
    assert 'No rep with id 42' in run('rep', 'archive', '42', db=floor, check=2).stderr
    assert 'not an id' in run('account', 'archive', 'x', db=floor, check=2).stderr
    run('account', 'archive', db=floor, check=1)


def test_charter_from_the_shell(floor):
    v1 = j(floor, 'charter', 'set', '1', 'Termine', 'inside')
    assert (v1['version'], v1['areas'], v1['agreed']) == (1, {'Termine': 'inside'}, False)
    v2 = j(floor, 'charter', 'set', '1', 'Reklamationen', 'shared')
    assert v2['version'] == 2 and v2['areas'] == {'Termine': 'inside', 'Reklamationen': 'shared'}
    half = j(floor, 'charter', 'confirm', '1', '--rep', '1')
    assert half['inside-confirmed'] is not None and half['field-confirmed'] is None and not half['agreed']
    assert j(floor, 'charter', 'confirm', '1', '--rep', '2')['agreed'] is True
    assert j(floor, 'charter', 'show', '1', '--version', '1')['agreed'] is False
    assert 'agreed by both' in run('charter', 'show', '1', db=floor, check=0).stdout
    # errors
    assert 'not an owner' in run('charter', 'set', '1', 'Termine', 'both', db=floor, check=2).stderr
    assert run('charter', 'confirm', '1', '--rep', '3', db=floor, check=2).stderr
    run('charter', 'confirm', '1', db=floor, check=1)
    assert run('charter', 'show', '1', '--version', '7', db=floor, check=2).stderr


def test_shadowing_from_the_shell(floor):
    this_year = datetime.datetime.now().year
    at = f'{this_year}-03-03T08:00:00Z'
    activity = j(floor, 'shadowing', 'log', '--account', '1', '--guest', '1', '--host', '2', '--minutes', '240',
                 '--at', at, '--note', 'Mitfahrt')
    assert activity['id'] >= 1
    [status] = j(floor, 'shadowing', 'status', '--year', str(this_year))
    assert (status['ride-along'], status['ride-along-minutes'], status['sit-in'], status['complete']) == (
        True, 240, False, False)
    [earlier] = j(floor, 'shadowing', 'status', '--year', str(this_year - 1), '--missing')
    assert earlier['ride-along'] is False
    j(floor, 'shadowing', 'log', '--account', '1', '--guest', '2', '--host', '1', '--minutes', '180', '--at', at)
    assert j(floor, 'shadowing', 'status', '--missing') == []
    assert 'complete' in run('shadowing', 'status', db=floor, check=0).stdout
    # errors
    assert run('shadowing', 'log', '--account', '1', '--guest', '1', '--host', '1', '--minutes', '60',
               db=floor, check=2).stderr
    run('shadowing', 'log', '--account', '1', '--guest', '1', db=floor, check=1)
    run('shadowing', 'status', '--year', '12', db=floor, check=1)


def test_support_from_the_shell(floor):
    soon = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=2)).strftime('%Y-%m-%dT%H:%M:%SZ')
    later = '2099-01-01T00:00:00Z'
    first = j(floor, 'support', 'open', '--account', '1', '--owner', '1', '--queue', 'reklamation', '--due', soon,
              '--note', 'Lieferung beschädigt')['id']
    second = j(floor, 'support', 'open', '--account', '1', '--owner', '2', '--queue', 'technik', '--due', later)['id']
    queue = j(floor, 'support', 'list')
    assert [r['queue'] for r in queue] == ['reklamation', 'technik']
    assert [r['owner'] for r in j(floor, 'support', 'list', '--queue', 'technik')] == [2]
    time.sleep(3)
    overdue = j(floor, 'support', 'list', '--overdue')
    assert [r['activity'] for r in overdue] == [first]
    assert j(floor, 'support', 'list', '--overdue', '--queue', 'technik') == []
    closed = j(floor, 'support', 'close', str(first), '--rep', '3')
    assert closed['closed'] is True and closed['closed-by'] == 3
    assert 'Closed support request' in run('support', 'close', str(second), db=floor, check=0).stdout
    assert j(floor, 'support', 'list') == []
    # errors
    assert 'no support request 99' in run('support', 'close', '99', db=floor, check=2).stderr
    assert run('support', 'close', str(first), db=floor, check=2).stderr  # closed already
    run('support', 'open', '--account', '1', '--owner', '1', db=floor, check=1)
    assert 'before the request was opened' in run('support', 'open', '--account', '1', '--owner', '1', '--queue',
                                                  'x', '--due', '2020-01-01T00:00:00Z', db=floor, check=2).stderr


def test_plans_over_time_from_the_shell(floor, tmp_path):
    db = floor
    plan = tmp_path / 'plan.ini'
    plan.write_text(PLAN)
    assert j(db, 'plan', 'load', str(plan)) == {'plan': 'Standard', 'version': 1}
    assert j(db, 'plan', 'default') == {'default': 'Standard'}
    assert j(db, 'team', 'plan', '1', 'Standard', '--from', '2026-10') == \
        {'team': 1, 'plan': 'Standard', 'from': '2026-10'}
    p = run('team', 'plan', '1', 'Gold', db=db, check=2)
    assert 'Gold' in p.stderr

    # targets: one period, and a ramp of the tandem's own target
    assert j(db, 'target', 'set', '1', '2026-11', '900.00 EUR') == \
        [{'team': 1, 'period': '2026-11', 'amount': '900.00 EUR'}]
    p = run('target', 'ramp', '1', '--from', '2026-12', '--steps', '50%', db=db, check=2)
    assert 'no target of its own' in p.stderr
    run('team', 'update', '1', '--target', '1000.00 EUR', db=db, check=0)
    targets = j(db, 'target', 'ramp', '1', '--from', '2026-12', '--steps', '50%, 75.5%')
    assert [(t['period'], t['amount']) for t in targets] == \
        [('2026-11', '900.00 EUR'), ('2026-12', '500.00 EUR'), ('2027-01', '755.00 EUR')]
    p = run('target', 'ramp', '1', '--from', '2026-12', '--steps', 'half', db=db, check=2)
    assert '--steps' in p.stderr

    # draws: set, list with balances, errors naming the value
    draw = j(db, 'draw', 'set', '2', '--amount', '300.00 EUR', '--from', '2026-11', '--recoverable')
    assert {k: draw[k] for k in ('rep', 'amount', 'from', 'until', 'recoverable', 'balance')} == \
        {'rep': 2, 'amount': '300.00 EUR', 'from': '2026-11', 'until': None, 'recoverable': True,
         'balance': '0.00 EUR'}
    p = run('draw', 'set', '2', '--amount', '-5.00 EUR', '--from', '2026-11', db=db, check=2)
    assert 'positive' in p.stderr
    p = run('draw', 'set', '2', '--amount', '5.00 EUR', '--from', '2026-11', '--until', '2026-10', db=db, check=2)
    assert '2026-10' in p.stderr
    assert [d['rep'] for d in j(db, 'draw', 'list')] == [2]

    # rates, and an order in CHF settled in EUR
    assert j(db, 'rate', 'set', 'CHF', 'EUR', '0.95', '--from', '2026-11-01T00:00:00Z') == \
        [{'from-currency': 'CHF', 'to-currency': 'EUR', 'rate': '0.95', 'since': '2026-11-01T00:00:00Z'}]
    p = run('rate', 'set', 'CHF', 'EUR', '0,95', '--from', '2026-11-01T00:00:00Z', db=db, check=2)
    assert '0,95' in p.stderr
    p = run('rate', 'set', 'XYZ', 'EUR', '1', '--from', '2026-11-01T00:00:00Z', db=db, check=2)
    assert 'XYZ' in p.stderr
    run('log', 'order', '--account', '1', '--rep', '2', '--amount', '1000.00 CHF', '--at', '2026-11-03T10:00:00Z',
        db=db, check=0)
    run('log', 'order', '--account', '1', '--rep', '2', '--amount', '10.00 GBP', '--at', '2026-12-03T10:00:00Z',
        db=db, check=0)
    s = j(db, 'settle', '2026-11')
    # 950.00 EUR × 5% = 47.50: Jonas (field, 60%) 28.50, topped up to his 300.00 draw
    jonas = next(r for r in s['reps'] if r['rep'] == 2)
    assert [(l['kind'], l['amount']) for l in jonas['lines']] == \
        [('commission', '28.50 EUR'), ('draw', '271.50 EUR')]
    assert s['plan_version'] == 1 and s['rates'][0]['rate'] == '0.95'
    text = run('settle', '2026-11', db=db, check=0).stdout
    assert 'Draw' in text.split('\n')[2]
    p = run('settle', '2026-12', db=db, check=2)
    assert 'GBP→EUR' in p.stderr
    # the chart: the draw colour in the legend and in Jonas's bar
    svg = tmp_path / 'draws.svg'
    run('report', '2026-11', '--svg', str(svg), db=db, check=0)
    assert svg.read_text().count('rgb(40%,75%,80%)') >= 2


def test_approval_and_payroll_from_the_shell(floor, tmp_path):
    db = floor
    plan = tmp_path / 'plan.ini'
    plan.write_text(PLAN + '[Payroll]\ncommission=300\nclawback=302\nConsultant=1234567\nClient=12345\n')
    run('plan', 'load', str(plan), db=db, check=0)
    run('log', 'order', '--account', '1', '--rep', '2', '--amount', '1000.00 EUR', '--at', '2026-11-03T10:00:00Z',
        db=db, check=0)
    p = run('approve', '2026-11', db=db, check=2)
    assert 'close it before approving it' in p.stderr
    run('close', '2026-11', db=db, check=0)
    p = run('payroll', 'export', '2026-11', '--format', 'csv', db=db, check=2)
    assert 'not approved' in p.stderr
    p = run('pay', '2026-11', db=db, check=2)
    assert 'approve it before paying' in p.stderr
    p = run('--as', 'Petra Krüger', 'approve', '2026-11', db=db, check=0)
    assert p.stdout == 'Period 2026-11 of plan “Standard” approved by Petra Krüger\n'
    p = run('approve', '2026-11', db=db, check=2)
    assert 'already approved by Petra Krüger' in p.stderr

    p = run('payroll', 'export', '2026-11', '--format', 'lodas', db=db, check=2)
    assert 'Rep “Anna Schäfer” (#1) has no personnel number' in p.stderr
    assert j(db, 'rep', 'update', '1', '--personnel-number', '101')['personnel-number'] == '101'
    run('rep', 'update', '2', '--personnel-number', '7', db=db, check=0)
    p = run('rep', 'update', '3', '--personnel-number', 'x7', db=db, check=2)
    assert 'x7' in p.stderr
    # 5% of 1000.00 = 50.00: Anna (inside, 40%) 20.00, Jonas 30.00
    out = tmp_path / 'lodas.txt'
    run('payroll', 'export', '2026-11', '--format', 'lodas', '--out', str(out), db=db, check=0)
    data = out.read_bytes()
    assert data.startswith(b'[Allgemein]\r\nZiel=LODAS\r\n') and b'\n' not in data.replace(b'\r\n', b'')
    assert data.endswith(b'[Bewegungsdaten]\r\n10;01.11.2026;7;300;2;30,00;\r\n10;01.11.2026;101;300;2;20,00;\r\n')
    p = run('payroll', 'export', '2026-11', '--format', 'pdf', db=db, check=1)
    assert 'pdf' in p.stderr
    assert run('payroll', 'export', '2026-11', '--format', 'csv', '--again', db=db, check=0).stdout == \
        'period,personnel_number,rep,wage_type,amount,currency\n' \
        '2026-11,7,Jonas Becker,300,30.00,EUR\n2026-11,101,Anna Schäfer,300,20.00,EUR\n'

    s = j(db, 'pay', '2026-11')
    assert (s['state'], s['approved_by'], s['total']) == ('paid', 'Petra Krüger', '50.00 EUR')
    assert s['paid_by']
    assert 'paid' in run('settle', '2026-11', db=db, check=0).stdout.split('\n')[0]


def test_disputes_from_the_shell(floor, tmp_path):
    db = floor
    plan = tmp_path / 'plan.ini'
    plan.write_text(PLAN)
    run('plan', 'load', str(plan), db=db, check=0)
    run('log', 'order', '--account', '1', '--rep', '2', '--amount', '1000.00 EUR', '--at', '2026-11-03T10:00:00Z',
        db=db, check=0)
    run('close', '2026-11', db=db, check=0)
    assert j(db, '--as', 'Jonas Becker', 'dispute', 'open', '--rep', '2', '--period', '2026-11', '--plan',
             'Standard', '--activity', '1', '--reason', 'Share too low') == {'id': 1}
    run('dispute', 'open', '--rep', '1', '--period', '2026-11', '--plan', 'Standard', '--reason', 'Bonus?',
        db=db, check=0)
    p = run('dispute', 'open', '--rep', '2', '--period', '2026-11', '--plan', 'Standard', db=db, check=1)
    assert '--reason' in p.stderr
    # statements show the open disputes
    s = j(db, 'statement', '2', '2026-11')
    assert [(d['id'], d['reason'], d['state']) for d in s['disputes']] == [(1, 'Share too low', 'open')]
    text = run('statement', '2', '2026-11', db=db, check=0).stdout
    assert 'Open disputes:\n  #1 (activity #1): Share too low' in text

    p = run('dispute', 'resolve', '1', '--accept', '--amount', '25.00 EUR', '--into', '2026-11', db=db, check=2)
    assert 'closed' in p.stderr
    d = j(db, '--as', 'Petra Krüger', 'dispute', 'resolve', '1', '--accept', '--amount', '25.00 EUR', '--into',
          '2026-12', '--note', 'agreed')
    assert (d['state'], d['amount'], d['into'], d['resolved-by']) == ('accepted', '25.00 EUR', '2026-12',
                                                                      'Petra Krüger')
    p = run('dispute', 'resolve', '2', '--reject', db=db, check=1)
    assert '--note' in p.stderr
    run('dispute', 'resolve', '2', '--reject', '--note', 'no target', db=db, check=0)
    p = run('dispute', 'resolve', '2', '--reject', '--note', 'again', db=db, check=2)
    assert 'already rejected' in p.stderr
    assert j(db, 'dispute', 'list', '--open') == []
    assert [d['state'] for d in j(db, 'dispute', 'list')] == ['accepted', 'rejected']
    dec = j(db, 'settle', '2026-12')
    jonas = next(r for r in dec['reps'] if r['rep'] == 2)
    assert [(l['kind'], l['amount']) for l in jonas['lines']] == [('adjustment', '25.00 EUR')]
    assert 'dispute #1' in jonas['lines'][0]['explanation']


def test_audit_from_the_shell(floor):
    db = floor
    before = j(db, 'audit')
    # init sets the store's time zone: the first entry
    assert [e['verb'] for e in before][:4] == ['config', 'rep add', 'rep add', 'rep add']
    assert before[0]['what'].startswith('time zone ')
    assert set(before[0]) >= {'at', 'who', 'verb', 'what'}
    run('--as', 'Petra Krüger', 'rep', 'update', '3', '--name', 'Mia Wolf-Berg', db=db, check=0)
    run('rep', 'update', '3', '--personnel-number', 'x', db=db, check=2)  # fails: no entry
    after = j(db, 'audit')
    assert after[:len(before)] == before
    assert len(after) == len(before) + 1
    assert (after[-1]['who'], after[-1]['verb'], after[-1]['what']) == \
        ('Petra Krüger', 'rep update', 'rep #3 “Mia Wolf-Berg”: name Mia Wolf → Mia Wolf-Berg')
    assert j(db, 'audit', '--since', after[-1]['at']) == [after[-1]]
    assert 'rep update' in run('audit', db=db, check=0).stdout.split('\n')[-2]
    p = run('audit', '--since', 'yesterday', db=db, check=2)
    assert 'yesterday' in p.stderr


def test_version_after_a_verb_is_the_verbs(floor):
    assert run('--version', check=0).stdout.startswith('tandem ')
    j(floor, 'charter', 'set', '1', 'Termine', 'inside')
    assert j(floor, 'charter', 'show', '1', '--version', '1')['version'] == 1


def test_every_source_with_messages_is_translated():
    """POTFILES names every source file with translatable text, so no new
    message escapes the German catalogues."""
    for po, tree, marker in (('po', 'examples', '_ ('), ('po-lib', 'libtandem', '_ (')):
        listed = set(open(os.path.join(SOURCE, po, 'POTFILES')).read().split())
        for folder, _, files in os.walk(os.path.join(SOURCE, tree)):
            for name in files:
                path = os.path.relpath(os.path.join(folder, name), SOURCE)
                text = open(os.path.join(SOURCE, path), encoding='utf-8').read() if name.endswith('.c') else ''
                if marker in text or 'ngettext' in text:
                    assert path in listed, f'{path} has messages but is not in {po}/POTFILES'
        assert all(os.path.exists(os.path.join(SOURCE, p)) for p in listed), f'{po}/POTFILES names a missing file'
