# SPDX-License-Identifier: LGPL-2.1-or-later
"""Composing tandems from Python: stored tags, the matcher, proposals."""

import gi

gi.require_version('Tandem', '1.0')
from gi.repository import GLib, Tandem  # noqa: E402

import pytest  # noqa: E402


def test_matcher_with_stored_tags():
    store = Tandem.Store.new_in_memory()
    anna = store.add_rep('Anna Schäfer', Tandem.Role.INSIDE)
    lea = store.add_rep('Lea Hoffmann', Tandem.Role.INSIDE)
    jonas = store.add_rep('Jonas Becker', Tandem.Role.FIELD)
    tom = store.add_rep('Tom Wagner', Tandem.Role.FIELD)
    S, P = Tandem.TagKind.STRENGTH, Tandem.TagKind.PREFERENCE
    store.set_rep_tag(anna, S, 'phone', 5)
    store.set_rep_tag(lea, S, 'technical', 4)
    store.set_rep_tag(jonas, S, 'technical', 5)
    store.set_rep_tag(tom, S, 'negotiation', 5)
    store.set_rep_tag(anna, P, 'region-nord', 4)
    store.set_rep_tag(tom, P, 'region-nord', 4)
    tags = store.list_rep_tags(anna)
    assert [(t.props.name, t.props.level, t.props.kind) for t in tags] == [
        ('phone', 5, S), ('region-nord', 4, P)]

    m = Tandem.Matcher.new()
    m.load_from_store(store, False)
    # Anna+Tom: phone 5 + negotiation 5 + fit 4 = 14; Lea+Jonas: technical 5 = 5 → 19
    # Anna+Jonas: 5 + 5 = 10; Lea+Tom: 4 + 5 = 9 → 19 as well: ties are fine,
    # but ruling out Anna+Jonas leaves one optimum
    m.forbid_pair(anna, jonas)
    proposals = list(m.solve())
    pairs = {(p.props.inside_rep.props.name, p.props.field_rep.props.name): p for p in proposals}
    assert set(pairs) == {('Anna Schäfer', 'Tom Wagner'), ('Lea Hoffmann', 'Jonas Becker')}
    p = pairs[('Anna Schäfer', 'Tom Wagner')]
    assert p.props.score == 14 and not p.props.fixed
    assert p.props.explanation.endswith('= 14')
    assert m.get_unmatched().get_n_items() == 0
    score, why = m.score(lea, tom)
    assert score == 9 and 'negotiation 5 from Tom Wagner' in why

    with pytest.raises(GLib.Error):
        m.fix_pair(anna, jonas)
