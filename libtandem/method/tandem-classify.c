/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-classify.c: A/B/C/D classification of accounts and the yearly clean-up */

#include "config.h"

#include "tandem-record-private.h"

#include "tandem-i18n-private.h"

#include "tandem-classify.h"
#include "tandem-enum-types.h"
#include "tandem-store-private.h"
#include "tandem-util-private.h"

/**
 * TandemClassification:
 *
 * Where an account stands in a Pareto classification: its revenue in the
 * window, its share of the total and the cumulative share of it and every
 * account above it (in basis points), and the category that follows. See
 * [func@Tandem.Classification.compute].
 *
 * Since: 1.0
 */
struct _TandemClassification
{
  GObject        parent_instance;
  TandemAccount *account;
  TandemMoney   *revenue;
  guint          share;
  guint          cumulative;
  TandemCategory category;
  TandemCategory previous;
};

static const TandemField fields[] = {
  /**
   * TandemClassification:account:
   *
   * The account.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_OBJECT (TandemClassification, account, "account", tandem_account_get_type),
  /**
   * TandemClassification:revenue:
   *
   * Commissionable revenue in the window, net of reversals.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_BOXED (TandemClassification, revenue, "revenue", tandem_money_get_type),
  /**
   * TandemClassification:share:
   *
   * The account's share of the total revenue, in basis points, rounded down.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_UINT (TandemClassification, share, "share", 0, 10000, 0),
  /**
   * TandemClassification:cumulative-share:
   *
   * The share of this account and all above it, in basis points.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_UINT (TandemClassification, cumulative, "cumulative-share", 0, 10000, 0),
  /**
   * TandemClassification:category:
   *
   * The category the classification gives.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_ENUM (TandemClassification,
                     category,
                     "category",
                     tandem_category_get_type,
                     TANDEM_CATEGORY_C),
  /**
   * TandemClassification:previous-category:
   *
   * The category the account had before.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_ENUM (TandemClassification,
                     previous,
                     "previous-category",
                     tandem_category_get_type,
                     TANDEM_CATEGORY_C),
};

TANDEM_DEFINE_RECORD_TYPE (TandemClassification, tandem_classification, fields, G_PARAM_READABLE)

/**
 * tandem_classification_get_account:
 * @self: a `TandemClassification`
 *
 * Gets [property@Tandem.Classification:account].
 *
 * Returns: (transfer none): the account
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemAccount *,
                      tandem_classification_get_account,
                      TandemClassification,
                      TANDEM_IS_CLASSIFICATION,
                      account,
                      NULL)

/**
 * tandem_classification_get_revenue:
 * @self: a `TandemClassification`
 *
 * Gets [property@Tandem.Classification:revenue].
 *
 * Returns: (transfer none): the revenue
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemMoney *,
                      tandem_classification_get_revenue,
                      TandemClassification,
                      TANDEM_IS_CLASSIFICATION,
                      revenue,
                      NULL)

/**
 * tandem_classification_get_share:
 * @self: a `TandemClassification`
 *
 * Gets [property@Tandem.Classification:share].
 *
 * Returns: the share in basis points
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (guint,
                      tandem_classification_get_share,
                      TandemClassification,
                      TANDEM_IS_CLASSIFICATION,
                      share,
                      0)

/**
 * tandem_classification_get_cumulative_share:
 * @self: a `TandemClassification`
 *
 * Gets [property@Tandem.Classification:cumulative-share].
 *
 * Returns: the cumulative share in basis points
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (guint,
                      tandem_classification_get_cumulative_share,
                      TandemClassification,
                      TANDEM_IS_CLASSIFICATION,
                      cumulative,
                      0)

/**
 * tandem_classification_get_category:
 * @self: a `TandemClassification`
 *
 * Gets [property@Tandem.Classification:category].
 *
 * Returns: the new category
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemCategory,
                      tandem_classification_get_category,
                      TandemClassification,
                      TANDEM_IS_CLASSIFICATION,
                      category,
                      TANDEM_CATEGORY_C)

/**
 * tandem_classification_get_previous_category:
 * @self: a `TandemClassification`
 *
 * Gets [property@Tandem.Classification:previous-category].
 *
 * Returns: the category before
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemCategory,
                      tandem_classification_get_previous_category,
                      TandemClassification,
                      TANDEM_IS_CLASSIFICATION,
                      previous,
                      TANDEM_CATEGORY_C)

typedef struct
{
  TandemAccount *account;
  gint64         revenue;
} Row;

static int
compare_rows (gconstpointer a, gconstpointer b)
{
  const Row *x = a, *y = b;

  if (x->revenue != y->revenue)
    return x->revenue > y->revenue ? -1 : 1;
  return tandem_account_get_id (x->account) < tandem_account_get_id (y->account) ? -1 : 1;
}

/* Basis points as people type them: 5000 → "50%", 3350 → "33.5%". */
static char *
percent_text (guint bp)
{
  if (bp % 100 == 0)
    return g_strdup_printf ("%u%%", bp / 100);
  if (bp % 10 == 0)
    return g_strdup_printf ("%u.%u%%", bp / 100, (bp % 100) / 10);
  return g_strdup_printf ("%u.%02u%%", bp / 100, bp % 100);
}

/**
 * tandem_classification_compute:
 * @self: a `TandemStore`
 * @since: the start of the window (inclusive)
 * @until: the end of the window (exclusive)
 * @currency: the currency of the revenue counted, such as "EUR"
 * @a_share: the share of total revenue A accounts make up, in basis points (5000 = 50%)
 * @b_share: the share B accounts make up next
 * @c_share: the share C accounts make up next; D accounts make up the rest
 * @apply: whether to store the categories (in one transaction)
 * @error: return location for a #GError
 *
 * Classifies the accounts that are not archived by their revenue in the
 * window (orders, cross-sells and up-sells, net of reversals), Pareto
 * style: sorted by revenue, highest first (ties by id), an account is A
 * while the share of the accounts above it is below @a_share, B while
 * below @a_share + @b_share, C while below @a_share + @b_share + @c_share,
 * and D after that; an account without revenue is D. So the account that
 * crosses a threshold still belongs to the better category.
 *
 * Returns: (transfer full): a list model of [class@Tandem.Classification],
 *   highest revenue first, or %NULL with an error
 *
 * Since: 1.0
 */
GListModel *
tandem_classification_compute (TandemStore *self,
                               GDateTime   *since,
                               GDateTime   *until,
                               const char  *currency,
                               guint        a_share,
                               guint        b_share,
                               guint        c_share,
                               gboolean     apply,
                               GError     **error)
{
  g_autoptr (GArray) revenue = NULL;
  g_autoptr (GHashTable) by_account = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr (GListModel) accounts = NULL;
  g_autoptr (GArray) rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_autoptr (GListStore) result = NULL;
  gint64 total = 0, above = 0;
  guint  limits[3];

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (since != NULL && until != NULL && currency != NULL, NULL);

  if (!_tandem_check_window (since, until, TANDEM_VALIDATION_ERROR,
                             TANDEM_VALIDATION_ERROR_OUT_OF_RANGE, error))
    return NULL;

  if ((guint64)a_share + b_share + c_share > 10000 || a_share == 0)
    {
      g_autofree char *a = percent_text (a_share);
      g_autofree char *b = percent_text (b_share);
      g_autofree char *c = percent_text (c_share);

      g_set_error (
          error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_OUT_OF_RANGE,
          _ ("Shares A %s, B %s, C %s: A must be above 0%% and together they may be at most 100%%"),
          a, b, c);
      return NULL;
    }
  if (!tandem_currency_lookup (currency, NULL, error))
    return NULL;
  limits[0] = a_share;
  limits[1] = a_share + b_share;
  limits[2] = a_share + b_share + c_share;

  {
    g_autoptr (TandemTransaction) tx = _tandem_transaction_new (self);

    revenue = _tandem_db_list_account_revenue (_tandem_transaction_get_db (tx),
                                               _tandem_time_to_usec (since),
                                               _tandem_time_to_usec (until), currency, error);
  }
  if (revenue == NULL)
    return NULL;
  for (guint i = 0; i < revenue->len; i++)
    {
      TandemRevenueRecord *r = &g_array_index (revenue, TandemRevenueRecord, i);
      g_hash_table_insert (by_account, &r->account_id, r);
    }

  if ((accounts = tandem_store_list_accounts (self, error)) == NULL)
    return NULL;
  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    {
      g_autoptr (TandemAccount) account = g_list_model_get_item (accounts, i);
      gint64               id = tandem_account_get_id (account);
      TandemRevenueRecord *r = g_hash_table_lookup (by_account, &id);
      Row                  row = { account, r ? r->revenue : 0 };

      if (tandem_account_get_archived (account))
        continue;
      g_array_append_val (rows, row);
      if (row.revenue > 0)
        total += row.revenue;
    }
  g_array_sort (rows, compare_rows);

  result = g_list_store_new (TANDEM_TYPE_CLASSIFICATION);
  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = &g_array_index (rows, Row, i);
      g_autoptr (TandemClassification) c = g_object_new (TANDEM_TYPE_CLASSIFICATION, NULL);
      guint before = total > 0 ? (guint)((__int128)above * 10000 / total) : 10000;

      c->account = g_object_ref (row->account);
      c->revenue = tandem_money_new (row->revenue, currency);
      c->previous = tandem_account_get_category (row->account);
      if (row->revenue <= 0)
        c->category = TANDEM_CATEGORY_D;
      else
        {
          c->category = before < limits[0]   ? TANDEM_CATEGORY_A
                        : before < limits[1] ? TANDEM_CATEGORY_B
                        : before < limits[2] ? TANDEM_CATEGORY_C
                                             : TANDEM_CATEGORY_D;
          above += row->revenue;
        }
      c->share
          = total > 0 && row->revenue > 0 ? (guint)((__int128)row->revenue * 10000 / total) : 0;
      c->cumulative = total > 0 ? (guint)((__int128)above * 10000 / total) : 0;
      g_list_store_append (result, c);
    }

  if (apply)
    {
      g_autoptr (TandemTransaction) tx = _tandem_transaction_new (self);
      gboolean ok = _tandem_transaction_begin (tx, error);

      for (guint i = 0; ok && i < g_list_model_get_n_items (G_LIST_MODEL (result)); i++)
        {
          g_autoptr (TandemClassification) c = g_list_model_get_item (G_LIST_MODEL (result), i);

          if (c->category == c->previous)
            continue;
          tandem_account_set_category (c->account, c->category);
          ok = tandem_store_update_account (self, c->account, error);
        }
      if (!ok || !_tandem_transaction_commit (tx, error))
        {
          /* rolled back: the objects follow the store again */
          for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (result)); i++)
            {
              g_autoptr (TandemClassification) c = g_list_model_get_item (G_LIST_MODEL (result), i);
              tandem_account_set_category (c->account, c->previous);
            }
          return NULL;
        }
    }

  return G_LIST_MODEL (g_steal_pointer (&result));
}

/**
 * tandem_classification_clean_up:
 * @self: a `TandemStore`
 * @confirm: whether to archive them, or only to list them
 * @error: return location for a #GError
 *
 * The yearly clean-up: lists the D accounts that are not archived and,
 * with @confirm, archives them all in one transaction. Nothing is
 * deleted: their activities, stages and settlements stay.
 *
 * Returns: (transfer full): a list model of the D [class@Tandem.Account]s
 *
 * Since: 1.0
 */
GListModel *
tandem_classification_clean_up (TandemStore *self, gboolean confirm, GError **error)
{
  g_autoptr (GListModel) accounts = NULL;
  g_autoptr (GListStore) d = g_list_store_new (TANDEM_TYPE_ACCOUNT);
  g_autoptr (TandemTransaction) tx = NULL;
  gboolean ok;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);

  if ((accounts = tandem_store_list_accounts (self, error)) == NULL)
    return NULL;
  for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
    {
      g_autoptr (TandemAccount) a = g_list_model_get_item (accounts, i);

      if (!tandem_account_get_archived (a) && tandem_account_get_category (a) == TANDEM_CATEGORY_D)
        g_list_store_append (d, a);
    }

  if (!confirm)
    return G_LIST_MODEL (g_steal_pointer (&d));

  tx = _tandem_transaction_new (self);
  ok = _tandem_transaction_begin (tx, error);
  for (guint i = 0; ok && i < g_list_model_get_n_items (G_LIST_MODEL (d)); i++)
    {
      g_autoptr (TandemAccount) a = g_list_model_get_item (G_LIST_MODEL (d), i);
      ok = tandem_store_archive_account (self, a, error);
    }

  return ok && _tandem_transaction_commit (tx, error) ? G_LIST_MODEL (g_steal_pointer (&d)) : NULL;
}
