/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-hungarian.c: the Hungarian method for maximum-weight assignment.
 *
 * The classic O(n³) formulation with row and column potentials (as in
 * Kuhn 1955, Munkres 1957, and the shortest-augmenting-path form of Jonker
 * and Volgenant) on a square cost matrix: costs are the negated weights,
 * padded with zero-weight dummies to n × n, so rectangular problems leave
 * the surplus rows or columns matched to dummies, i.e. unmatched. */

#include "config.h"

#include "tandem-hungarian-private.h"

gint64
_tandem_hungarian_max (const gint64 *weights, guint n_rows, guint n_cols, int *row_to_col)
{
  guint                n = MAX (n_rows, n_cols);
  g_autofree gint64   *u = NULL;
  g_autofree gint64   *v = NULL;
  g_autofree gint64   *minv = NULL;
  g_autofree guint    *p = NULL;
  g_autofree guint    *way = NULL;
  g_autofree gboolean *used = NULL;
  gint64               total = 0;

  if (n == 0)
    return 0;

  /* 1-based arrays: index 0 is the virtual start column */
  u = g_new0 (gint64, n + 1);
  v = g_new0 (gint64, n + 1);
  minv = g_new (gint64, n + 1);
  p = g_new0 (guint, n + 1);
  way = g_new0 (guint, n + 1);
  used = g_new (gboolean, n + 1);

#define COST(i, j) (((i) <= n_rows && (j) <= n_cols) ? -weights[((i)-1) * n_cols + ((j)-1)] : 0)

  for (guint i = 1; i <= n; i++)
    {
      guint j0 = 0;

      p[0] = i;
      for (guint j = 0; j <= n; j++)
        {
          minv[j] = G_MAXINT64;
          used[j] = FALSE;
        }

      do
        {
          guint  i0 = p[j0], j1 = 0;
          gint64 delta = G_MAXINT64;

          used[j0] = TRUE;
          for (guint j = 1; j <= n; j++)
            if (!used[j])
              {
                gint64 cur = COST (i0, j) - u[i0] - v[j];

                if (cur < minv[j])
                  {
                    minv[j] = cur;
                    way[j] = j0;
                  }
                if (minv[j] < delta)
                  {
                    delta = minv[j];
                    j1 = j;
                  }
              }

          for (guint j = 0; j <= n; j++)
            if (used[j])
              {
                u[p[j]] += delta;
                v[j] -= delta;
              }
            else
              minv[j] -= delta;

          j0 = j1;
        }
      while (p[j0] != 0);

      do
        {
          guint j1 = way[j0];

          p[j0] = p[j1];
          j0 = j1;
        }
      while (j0 != 0);
    }

#undef COST

  for (guint r = 0; r < n_rows; r++)
    row_to_col[r] = -1;
  for (guint j = 1; j <= n; j++)
    if (p[j] >= 1 && p[j] <= n_rows && j <= n_cols)
      {
        row_to_col[p[j] - 1] = (int)(j - 1);
        total += weights[(p[j] - 1) * n_cols + (j - 1)];
      }

  return total;
}
