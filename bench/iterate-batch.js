// SPDX-License-Identifier: LGPL-2.1-or-later
// Iterates N payout lines of a settlement from GJS in batches: one call
// to Tandem.Settlement.lines_to_json per 10,000 lines, then plain
// JavaScript; prints the seconds, as iterate.js does.
import GLib from 'gi://GLib';
import Tandem from 'gi://Tandem?version=1.0';

const [db, planPath, count] = ARGV;
const [, bytes] = GLib.file_get_contents(planPath);
const planText = new TextDecoder().decode(bytes);
const store = Tandem.Store.new_for_path_full(db, Tandem.StoreFlags.READ_ONLY);
const plan = Tandem.Plan.new_from_data(planText, -1);
const settlement = Tandem.Settlement.new(store, plan, plan.parse_period('2026-11'));
const n = Math.min(Number(count), settlement.get_lines().get_n_items());
const BATCH = 10000;
const start = GLib.get_monotonic_time();
let total = 0;
let chars = 0;
for (let first = 0; first < n; first += BATCH) {
    for (const line of JSON.parse(settlement.lines_to_json(first, Math.min(BATCH, n - first)))) {
        // "1234.56 EUR": the minor units, exactly, without a double in between
        const [number] = line.amount.split(' ');
        total += Number(number.replace('.', ''));
        chars += line.explanation.length;
    }
}
print(`${((GLib.get_monotonic_time() - start) / 1e6).toFixed(6)} ${n} ${total} ${chars}`);
