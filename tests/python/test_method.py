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
    Tandem.RepTag.set(store, anna, S, 'phone', 5)
    Tandem.RepTag.set(store, lea, S, 'technical', 4)
    Tandem.RepTag.set(store, jonas, S, 'technical', 5)
    Tandem.RepTag.set(store, tom, S, 'negotiation', 5)
    Tandem.RepTag.set(store, anna, P, 'region-nord', 4)
    Tandem.RepTag.set(store, tom, P, 'region-nord', 4)
    tags = Tandem.RepTag.list(store, anna)
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


def test_classification_and_clean_up():
    store = Tandem.Store.new_in_memory()
    inside = store.add_rep('Anna Schäfer', Tandem.Role.INSIDE)
    field = store.add_rep('Jonas Becker', Tandem.Role.FIELD)
    team = store.add_team(inside, field)
    when = GLib.DateTime.new_utc(2026, 11, 10, 10, 0, 0)
    accounts = []
    for i, amount in enumerate(['900.00 EUR', '100.00 EUR', None]):
        a = store.add_account(f'Kunde {i + 1}', team)
        accounts.append(a)
        if amount:
            store.log_activity(a, field, Tandem.ActivityKind.ORDER, Tandem.Money.parse(amount), when)
    result = Tandem.Classification.compute(store, GLib.DateTime.new_utc(2026, 11, 1, 0, 0, 0),
                                     GLib.DateTime.new_utc(2026, 12, 1, 0, 0, 0),
                                     'EUR', 8000, 1500, 400, True)
    got = [(c.props.account.props.name, c.props.category, c.props.share) for c in result]
    assert got == [('Kunde 1', Tandem.Category.A, 9000), ('Kunde 2', Tandem.Category.B, 1000),
                   ('Kunde 3', Tandem.Category.D, 0)]
    assert accounts[2].props.category == Tandem.Category.D
    assert [a.props.name for a in Tandem.Classification.clean_up(store, False)] == ['Kunde 3']
    assert [a.props.name for a in Tandem.Classification.clean_up(store, True)] == ['Kunde 3']
    assert accounts[2].props.archived


def test_support_queue():
    store = Tandem.Store.new_in_memory()
    anna = store.add_rep('Anna Schäfer', Tandem.Role.INSIDE)
    jonas = store.add_rep('Jonas Becker', Tandem.Role.FIELD)
    acme = store.add_account('ACME GmbH', store.add_team(anna, jonas))
    t0 = GLib.DateTime.new_utc(2026, 11, 2, 9, 0, 0)
    late = Tandem.SupportRequest.open(store, acme, anna, 'reklamation', t0,
                                      GLib.DateTime.new_utc(2026, 11, 3, 9, 0, 0), 'Lieferung')
    soon = Tandem.SupportRequest.open(store, acme, jonas, 'reklamation', t0,
                                      GLib.DateTime.new_utc(2026, 11, 30, 9, 0, 0), None)
    assert isinstance(late, Tandem.SupportRequest)
    assert [r.props.owner.props.name for r in Tandem.SupportRequest.list_queue(store, 'reklamation', False)] == \
        ['Anna Schäfer', 'Jonas Becker']
    overdue = Tandem.SupportRequest.list_overdue(store, GLib.DateTime.new_utc(2026, 11, 10, 0, 0, 0))
    assert [r.props.activity.props.note for r in overdue] == ['Lieferung']
    Tandem.SupportRequest.close(store, late, jonas, GLib.DateTime.new_utc(2026, 11, 4, 9, 0, 0))
    assert late.props.closed and late.props.closed_by is jonas
    assert Tandem.SupportRequest.list_overdue(store, GLib.DateTime.new_utc(2026, 11, 10, 0, 0, 0)).get_n_items() == 0
    with pytest.raises(GLib.Error):
        Tandem.SupportRequest.close(store, late, jonas, None)
    assert not soon.props.closed


def test_shadowing_status():
    store = Tandem.Store.new_in_memory()
    anna = store.add_rep('Anna Schäfer', Tandem.Role.INSIDE)
    jonas = store.add_rep('Jonas Becker', Tandem.Role.FIELD)
    team = store.add_team(anna, jonas)
    acme = store.add_account('ACME GmbH', team)
    now = GLib.DateTime.new_now_utc()
    Tandem.ShadowingStatus.log(store, acme, anna, jonas, now, 240, 'Mitfahrt')
    [status] = list(Tandem.ShadowingStatus.list(store, False))
    assert isinstance(status, Tandem.ShadowingStatus)
    assert status.props.ride_along and not status.props.sit_in and not status.props.complete
    assert status.props.ride_along_minutes == 240
    assert [s.props.team.props.name for s in Tandem.ShadowingStatus.list(store, True)] == [team.props.name]
    Tandem.ShadowingStatus.log(store, acme, jonas, anna, now, 180, None)
    assert Tandem.ShadowingStatus.list(store, True).get_n_items() == 0
    # a year without shadowing: both directions missing there
    y2020, y2021 = GLib.DateTime.new_utc(2020, 1, 1, 0, 0, 0), GLib.DateTime.new_utc(2021, 1, 1, 0, 0, 0)
    [old] = list(Tandem.ShadowingStatus.list_between(store, y2020, y2021, True))
    assert not old.props.ride_along and not old.props.sit_in and old.props.sit_in_minutes == 0
    [this] = list(Tandem.ShadowingStatus.list_between(store, None, None, False))
    assert this.props.complete and this.props.sit_in_minutes == 180
    with pytest.raises(GLib.Error):
        Tandem.ShadowingStatus.log(store, acme, anna, anna, now, 60, None)


def test_charter_versions_and_agreement():
    store = Tandem.Store.new_in_memory()
    anna = store.add_rep('Anna Schäfer', Tandem.Role.INSIDE)
    jonas = store.add_rep('Jonas Becker', Tandem.Role.FIELD)
    team = store.add_team(anna, jonas)
    draft = Tandem.Charter.new(team)
    draft.set_area('appointments', Tandem.CharterOwner.INSIDE)
    draft.set_area('cross-selling', Tandem.CharterOwner.SHARED)
    v1 = Tandem.Charter.save(store, draft)
    assert v1.props.version == 1 and v1.get_areas() == ['appointments', 'cross-selling']
    found, owner = v1.get_owner('cross-selling')
    assert found and owner == Tandem.CharterOwner.SHARED
    Tandem.Charter.confirm(store, v1, anna, None)
    assert not v1.props.agreed
    Tandem.Charter.confirm(store, v1, jonas, None)
    assert v1.props.agreed
    assert Tandem.Charter.load(store, team, 0).props.agreed
    assert Tandem.Charter.list(store, team).get_n_items() == 1
