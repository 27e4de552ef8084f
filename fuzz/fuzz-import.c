/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* fuzz-import.c: whole imports into a store, through the activity writer.
 *
 * Each input is a CSV (first byte even) or JSON (odd) file imported into a
 * store with two reps, a tandem and two accounts. Whatever the input, the
 * import either succeeds or fails with an import, store or validation
 * error and writes nothing; and after every import no activity is
 * reversed by more than its amount. */

#include <stdlib.h>
#include <tandem.h>

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static TandemStore *
make_store (void)
{
  g_autoptr (TandemStore) store = tandem_store_new_in_memory (NULL);
  g_autoptr (TandemRep) inside = tandem_store_add_rep (store, "Anna", TANDEM_ROLE_INSIDE, NULL);
  g_autoptr (TandemRep) field = tandem_store_add_rep (store, "Jonas", TANDEM_ROLE_FIELD, NULL);
  g_autoptr (TandemTeam) team = tandem_store_add_team (store, inside, field, NULL);
  g_autoptr (TandemAccount) a G_GNUC_UNUSED = tandem_store_add_account (store, "ACME", team, NULL);
  g_autoptr (TandemAccount) b = tandem_store_add_account (store, "Globex", team, NULL);

  if (b == NULL)
    abort ();
  return g_steal_pointer (&store);
}

static guint
count (TandemStore *store)
{
  g_autoptr (GListModel) all = tandem_store_list_activities (store, NULL);

  if (all == NULL)
    abort (); /* a read of a store in memory failed: a bug */
  return g_list_model_get_n_items (all);
}

static void
check_reversal_limits (TandemStore *store)
{
  g_autoptr (GListModel) all = tandem_store_list_activities (store, NULL);
  g_autoptr (GHashTable) reversed
      = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  guint n = all != NULL ? g_list_model_get_n_items (all) : 0;

  if (all == NULL)
    abort ();

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (TandemActivity) a = g_list_model_get_item (all, i);
      TandemActivity *original = tandem_activity_get_reverses (a);
      gint64         *sum;

      if (original == NULL)
        continue;
      sum = g_hash_table_lookup (reversed, &(gint64){ tandem_activity_get_id (original) });
      if (sum == NULL)
        {
          sum = g_new0 (gint64, 1);
          g_hash_table_insert (
              reversed, g_memdup2 (&(gint64){ tandem_activity_get_id (original) }, sizeof (gint64)),
              sum);
        }
      *sum += tandem_money_get_minor_units (tandem_activity_get_amount (a));
      if (*sum > tandem_money_get_minor_units (tandem_activity_get_amount (original)))
        abort ();
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  static TandemStore *store;
  g_autoptr (GInputStream) in = NULL;
  g_autoptr (GError) error = NULL;
  TandemDataFormat format;
  guint            before;

  if (size == 0)
    return 0;
  if (store == NULL)
    store = make_store ();

  format = data[0] % 2 ? TANDEM_DATA_FORMAT_JSON : TANDEM_DATA_FORMAT_CSV;
  in = g_memory_input_stream_new_from_data (data + 1, (gssize)size - 1, NULL);
  before = count (store);
  if (!tandem_store_import_activities (store, in, format, NULL, NULL, NULL, NULL, NULL, &error))
    {
      if (error == NULL
          || (error->domain != TANDEM_IMPORT_ERROR && error->domain != TANDEM_STORE_ERROR
              && error->domain != TANDEM_VALIDATION_ERROR)
          || count (store) != before)
        abort ();
    }
  check_reversal_limits (store);

  /* keep the store small so that every input stays fast */
  if (count (store) > 2000)
    g_clear_object (&store);
  return 0;
}
