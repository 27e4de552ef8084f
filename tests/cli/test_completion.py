# SPDX-License-Identifier: LGPL-2.1-or-later
"""Bash completion for tandem (examples/tandem-completion.bash): verbs and
nouns, each verb's options, kinds, and plan names read from the store."""

import os
import subprocess

from test_cli import PLAN, TANDEM, run
from test_verbs import VERBS

SCRIPT = os.path.join(os.path.dirname(__file__), '..', '..', 'examples', 'tandem-completion.bash')


def complete(*words, env=None):
    """What bash offers for the last of @words (TANDEM first)."""
    quoted = ' '.join("'" + w.replace("'", "'\\''") + "'" for w in (TANDEM,) + words)
    script = (f'source {SCRIPT}\n'
              f'COMP_WORDS=({quoted})\n'
              f'COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1))\n'
              '_tandem\n'
              'printf "%s\\n" "${COMPREPLY[@]}"\n')
    e = dict(os.environ, **(env or {}))
    p = subprocess.run(['bash', '--norc', '-c', script], capture_output=True, text=True, env=e,
                       timeout=60)
    assert p.returncode == 0, p.stderr
    return [line for line in p.stdout.split('\n') if line]


def test_nouns_and_verbs():
    first = complete('')
    # every verb's first word, and nothing else
    assert set(first) == {v.split()[0] for v in VERBS}
    assert complete('re') == ['rep', 'report']
    assert complete('rep', '') == ['add', 'list', 'update', 'archive', 'tag']
    assert complete('payroll', 'e') == ['export']


def test_options_per_verb():
    assert complete('settle', '2026-11', '--') == ['--plan']
    assert set(complete('log', 'order', '--a')) == {'--account', '--amount', '--at'}
    assert '--time-zone' in complete('init', '--')
    assert set(complete('--')) >= {'--db', '--json', '--quiet', '--as', '--version'}


def test_kinds():
    kinds = complete('log', '')
    assert 'order' in kinds and 'cross-sell' in kinds and 'payment' in kinds
    assert complete('import', 'f.csv', '--kind', 'o') == ['offer', 'order']


def test_plan_names_from_the_store(tmp_path):
    db = str(tmp_path / 'c.db')
    run('init', db=db, check=0)
    plan = tmp_path / 'plan.ini'
    plan.write_text(PLAN)
    run('plan', 'load', str(plan), db=db, check=0)
    plan.write_text(PLAN.replace('Name=Standard', 'Name=Gold'))
    run('plan', 'load', str(plan), db=db, check=0)
    assert complete('--db', db, 'settle', '2026-11', '--plan', '') == ['Gold', 'Standard']
    assert complete(f'--db={db}', 'close', '2026-11', '--plan', 'G') == ['Gold']
    # from $TANDEM_DB when --db is not given; nothing (and no error) without a store
    assert complete('settle', '--plan', '', env={'TANDEM_DB': db}) == ['Gold', 'Standard']
    assert complete('--db', str(tmp_path / 'none.db'), 'settle', '--plan', '') == []
