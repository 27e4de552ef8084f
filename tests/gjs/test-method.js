// SPDX-License-Identifier: LGPL-2.1-or-later
// Composing tandems from GJS.
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
    store.set_rep_tag(rep, Tandem.TagKind.STRENGTH, 'negotiation', 5);
    const tags = store.list_rep_tags(rep);
    const tag = tags.get_item(0);
    assert(tag instanceof Tandem.RepTag);
    assertEqual(tag.name, 'negotiation');
    assertEqual(tag.level, 5);
});

run();
