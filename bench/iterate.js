// SPDX-License-Identifier: LGPL-2.1-or-later
// Iterates N payout lines of a settlement from GJS; prints the seconds.
import GLib from 'gi://GLib';
import Tandem from 'gi://Tandem?version=1.0';

const [db, planPath, count] = ARGV;
const [, bytes] = GLib.file_get_contents(planPath);
const planText = new TextDecoder().decode(bytes);
const store = Tandem.Store.new_for_path_full(db, Tandem.StoreFlags.READ_ONLY);
const plan = Tandem.Plan.new_from_data(planText, -1);
const settlement = Tandem.Settlement.new(store, plan, plan.parse_period('2026-11'));
const lines = settlement.get_lines();
const n = Math.min(Number(count), lines.get_n_items());
const start = GLib.get_monotonic_time();
let total = 0;
let chars = 0;
for (let i = 0; i < n; i++) {
    const line = lines.get_item(i);
    // the same calls as the C and Python loops; these amounts are far
    // below 2^53, so a double holds their minor units exactly
    total += line.get_amount().get_minor_units();
    chars += line.get_explanation().length;
}
print(`${((GLib.get_monotonic_time() - start) / 1e6).toFixed(6)} ${n} ${total} ${chars}`);
