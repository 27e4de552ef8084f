/* SPDX-License-Identifier: LGPL-2.1-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Maximum-weight assignment of @n_rows rows to @n_cols columns (either may
 * be larger; the smaller side is matched entirely) by the Hungarian method
 * (Kuhn–Munkres with potentials), O(n³) for n = max (rows, cols).
 * @weights is row-major, n_rows × n_cols. On return row_to_col[r] is the
 * column of row r, or -1 if the row stays unmatched. Returns the total. */
gint64 _tandem_hungarian_max (const gint64 *weights, guint n_rows, guint n_cols, int *row_to_col);

G_END_DECLS
