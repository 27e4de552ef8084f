// SPDX-License-Identifier: LGPL-2.1-or-later
// The README's task in Vala: split a pool 75/25, exactly.
int main (string[] args) {
    try {
        var pool = Tandem.Money.parse ("99.99 EUR");
        uint[] weights = { 75, 25 };
        var parts = pool.allocate (weights);
        var sum = new Tandem.Money.try_new_zero ("EUR");
        foreach (unowned Tandem.Money part in parts) {
            print ("%s\n", part.to_string ());
            sum = sum.add (part);
        }
        return sum.equal (pool) ? 0 : 1;
    } catch (Error e) {
        printerr ("%s\n", e.message);
        return 2;
    }
}
