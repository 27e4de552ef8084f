// SPDX-License-Identifier: LGPL-2.1-or-later
// Composing tandems from GJS.
import GLib from 'gi://GLib';
import Tandem from 'gi://Tandem?version=1.0';

import {test, assert, assertEqual, assertThrows, run} from './harness.js';

test('the matcher proposes the best pairs and explains them', () => {
    const m = Tandem.Matcher.new();
    const anna = Tandem.Rep.new('Anna Schäfer', Tandem.Role.INSIDE);
    const lea = Tandem.Rep.new('Lea Hoffmann', Tandem.Role.INSIDE);
    const jonas = Tandem.Rep.new('Jonas Becker', Tandem.Role.FIELD);
    for (const r of [anna, lea, jonas])
        m.add_rep(r);
    m.set_tag(anna, Tandem.TagKind.STRENGTH, 'phone', 3);
    m.set_tag(lea, Tandem.TagKind.STRENGTH, 'phone', 2);
    m.set_tag(jonas, Tandem.TagKind.PREFERENCE, 'region-süd', 4);
    m.set_tag(lea, Tandem.TagKind.PREFERENCE, 'region-süd', 5);
    // Anna+Jonas: 3; Lea+Jonas: 2 + min(5, 4) = 6
    const proposals = m.solve();
    assertEqual(proposals.get_n_items(), 1);
    const p = proposals.get_item(0);
    assert(p instanceof Tandem.MatchProposal);
    assertEqual(p.inside_rep, lea);
    assertEqual(p.score, 6);
    assertEqual(p.explanation, 'coverage 2 (phone 2 from Lea Hoffmann) + fit 4 (region-süd 4) = 6');
    assertEqual(m.get_unmatched().get_item(0), anna);
    assertThrows(() => m.set_tag(anna, Tandem.TagKind.STRENGTH, 'phone', 7));
});

test('stored tags come back as RepTag objects', () => {
    const store = Tandem.Store.new_in_memory();
    const rep = store.add_rep('Tom Wagner', Tandem.Role.FIELD);
    Tandem.RepTag.set(store, rep, Tandem.TagKind.STRENGTH, 'negotiation', 5);
    const tags = Tandem.RepTag.list(store, rep);
    const tag = tags.get_item(0);
    assert(tag instanceof Tandem.RepTag);
    assertEqual(tag.name, 'negotiation');
    assertEqual(tag.level, 5);
});

test('A/B/C/D classification and the clean-up', () => {
    const store = Tandem.Store.new_in_memory();
    const inside = store.add_rep('Anna Schäfer', Tandem.Role.INSIDE);
    const field = store.add_rep('Jonas Becker', Tandem.Role.FIELD);
    const team = store.add_team(inside, field);
    const big = store.add_account('Großkunde AG', team);
    store.add_account('Ruhender Kunde KG', team);
    store.log_activity(big, field, Tandem.ActivityKind.ORDER, Tandem.Money.parse('500.00 EUR'),
        GLib.DateTime.new_utc(2026, 11, 10, 10, 0, 0));
    const result = Tandem.Classification.compute(store, GLib.DateTime.new_utc(2026, 11, 1, 0, 0, 0),
        GLib.DateTime.new_utc(2026, 12, 1, 0, 0, 0), 'EUR', 5000, 3000, 1500, true);
    assertEqual(result.get_n_items(), 2);
    const top = result.get_item(0);
    assert(top instanceof Tandem.Classification);
    assertEqual(top.category, Tandem.Category.A);
    assertEqual(top.revenue.to_string(), '500.00 EUR');
    assertEqual(result.get_item(1).category, Tandem.Category.D);
    const archived = Tandem.Classification.clean_up(store, true);
    assertEqual(archived.get_item(0).name, 'Ruhender Kunde KG');
    assert(archived.get_item(0).archived);
});

test('the support queue: by due date, overdue, closing', () => {
    const store = Tandem.Store.new_in_memory();
    const anna = store.add_rep('Anna Schäfer', Tandem.Role.INSIDE);
    const jonas = store.add_rep('Jonas Becker', Tandem.Role.FIELD);
    const acme = store.add_account('ACME GmbH', store.add_team(anna, jonas));
    const t0 = GLib.DateTime.new_utc(2026, 11, 2, 9, 0, 0);
    const r = Tandem.SupportRequest.open(store, acme, anna, 'technik', t0,
        GLib.DateTime.new_utc(2026, 11, 3, 9, 0, 0), 'Gerät defekt');
    assert(r instanceof Tandem.SupportRequest);
    assertEqual(r.queue, 'technik');
    const overdue = Tandem.SupportRequest.list_overdue(store, GLib.DateTime.new_utc(2026, 11, 5, 0, 0, 0));
    assertEqual(overdue.get_n_items(), 1);
    assertEqual(overdue.get_item(0).activity.note, 'Gerät defekt');
    Tandem.SupportRequest.close(store, r, jonas, GLib.DateTime.new_utc(2026, 11, 4, 9, 0, 0));
    assertEqual(r.closed_by, jonas);
    assertEqual(Tandem.SupportRequest.list_queue(store, null, false).get_n_items(), 0);
    assertEqual(Tandem.SupportRequest.list_queue(store, null, true).get_n_items(), 1);
});

test('mutual shadowing: both directions and minutes', () => {
    const store = Tandem.Store.new_in_memory();
    const anna = store.add_rep('Anna Schäfer', Tandem.Role.INSIDE);
    const jonas = store.add_rep('Jonas Becker', Tandem.Role.FIELD);
    const acme = store.add_account('ACME GmbH', store.add_team(anna, jonas));
    const now = GLib.DateTime.new_now_utc();
    Tandem.ShadowingStatus.log(store, acme, jonas, anna, now, 200, 'Halber Tag im Innendienst');
    const status = Tandem.ShadowingStatus.list(store, false).get_item(0);
    assert(status instanceof Tandem.ShadowingStatus);
    assert(status.sit_in && !status.ride_along && !status.complete);
    assertEqual(status.sit_in_minutes, 200);
    assertEqual(Tandem.ShadowingStatus.list(store, true).get_n_items(), 1);
    const later = GLib.DateTime.new_utc(2100, 1, 1, 0, 0, 0);
    const none = Tandem.ShadowingStatus.list_between(store, later, null, false).get_item(0);
    assert(!none.sit_in && none.sit_in_minutes === 0);
    assertEqual(Tandem.ShadowingStatus.list_between(store, null, later, false).get_item(0).sit_in_minutes, 200);
});

test('charters: versions and agreement', () => {
    const store = Tandem.Store.new_in_memory();
    const anna = store.add_rep('Anna Schäfer', Tandem.Role.INSIDE);
    const jonas = store.add_rep('Jonas Becker', Tandem.Role.FIELD);
    const team = store.add_team(anna, jonas);
    const draft = Tandem.Charter.new(team);
    draft.set_area('complaints', Tandem.CharterOwner.FIELD);
    const v1 = Tandem.Charter.save(store, draft);
    assert(v1 instanceof Tandem.Charter);
    assertEqual(v1.version, 1);
    Tandem.Charter.confirm(store, v1, jonas, null);
    assert(!v1.agreed);
    Tandem.Charter.confirm(store, v1, anna, null);
    assert(v1.agreed);
    assertEqual(Tandem.Charter.load(store, team, 1).get_areas().join(','), 'complaints');
});

run();
