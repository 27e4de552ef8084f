/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-book-extract.c: the book extract (Buchauszug, HGB §87c(2)): every
 * business a rep earned on in a range of periods, read from the
 * settlements of those periods.
 *
 * Each period of the range is settled as the statement would settle it
 * (a closed period is read back as frozen), in one transaction. Of the
 * rep's lines, those of an order, cross-sell or up-sell dated in the range
 * are gathered per activity: the commission and accelerator lines of the
 * activity's own period are what it earned (under pay on collection the
 * whole line, of which the period paid a part); every line of it in the
 * range (those, the parts paid as the customer paid, clawbacks of its
 * reversals) is what was paid out. What is held is computed per earned
 * line exactly as the settlement of the last period computes it, so that
 * the entries' held amounts add up to what that settlement holds for the
 * rep's activities of the range. */

#include "config.h"

#include <inttypes.h>

#include <string.h>

#include "tandem-book-private.h"
#include "tandem-record-private.h"
#include "tandem-csv-private.h"
#include "tandem-i18n-private.h"
#include "tandem-plan-private.h"
#include "tandem-settlement-engine-private.h"
#include "tandem-store-private.h"
#include "tandem-util-private.h"

/* The most periods one extract settles: ten years of months. */
#define MAX_PERIODS 120

static void tandem_book_extract_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TandemBookExtract,
                               tandem_book_extract,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      tandem_book_extract_list_model_init))

/**
 * TandemBookExtract:
 *
 * The book extract a rep paid on commission may ask for (HGB §87c(2),
 * applied to employed reps by §65): every commissionable activity (order,
 * cross-sell, up-sell) the rep earned on in a range of periods of a plan,
 * each a [class@Tandem.BookEntry] with what the customer reversed and
 * paid, what the rep earned, what the periods paid out and what is held
 * until the customer pays.
 *
 * The extract is read from the settlements of the range, closed ones as
 * they were frozen, open ones as they stand: it agrees line by line with
 * the rep's statements of the same periods. An activity dated before the
 * range is in the extract of the range that holds its date; caps, draws,
 * team and referral bonuses act on the rep's total and are in the
 * statements, not here.
 *
 * It is a [iface@Gio.ListModel] of its entries, by date, and is written
 * as CSV ([method@Tandem.BookExtract.write_csv]) or as an A4 PDF
 * ([method@Tandem.BookExtract.write_pdf]).
 *
 * Since: 1.0
 */

static const TandemField fields[] = {
  /**
   * TandemBookExtract:rep:
   *
   * The rep the extract is for.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_OBJECT (TandemBookExtract, rep, "rep", tandem_rep_get_type),
  /**
   * TandemBookExtract:plan-name:
   *
   * The plan whose settlements the extract reads.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_STRING (TandemBookExtract, plan_name, "plan-name"),
  /**
   * TandemBookExtract:from:
   *
   * The first period of the range.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_BOXED (TandemBookExtract, from, "from", tandem_period_get_type),
  /**
   * TandemBookExtract:until:
   *
   * The last period of the range.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_BOXED (TandemBookExtract, until, "until", tandem_period_get_type),
  /**
   * TandemBookExtract:final:
   *
   * Whether every period of the range is closed: otherwise the figures of
   * the open ones may still change, and the PDF says so on every page.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_BOOLEAN (TandemBookExtract, final, "final", FALSE),
  /**
   * TandemBookExtract:earned:
   *
   * What the entries earned, in the plan's currency.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_BOXED (TandemBookExtract, earned, "earned", tandem_money_get_type),
  /**
   * TandemBookExtract:paid-out:
   *
   * What the periods of the range paid out for the entries.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_BOXED (TandemBookExtract, paid_out, "paid-out", tandem_money_get_type),
  /**
   * TandemBookExtract:held:
   *
   * What of the entries is held at the end of the range until the
   * customers pay.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_BOXED (TandemBookExtract, held, "held", tandem_money_get_type),
};

static void
tandem_book_extract_finalize (GObject *object)
{
  TandemBookExtract *self = (TandemBookExtract *)object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->states, g_ptr_array_unref);
  _tandem_record_finalize (object);
}

static void
tandem_book_extract_class_init (TandemBookExtractClass *klass)
{
  _tandem_record_class_init (G_OBJECT_CLASS (klass), fields, G_N_ELEMENTS (fields),
                             G_PARAM_READABLE, NULL);
  G_OBJECT_CLASS (klass)->finalize = tandem_book_extract_finalize;
}

static void
tandem_book_extract_init (TandemBookExtract *self)
{
  self->entries = g_ptr_array_new_with_free_func (g_object_unref);
  self->states = g_ptr_array_new_with_free_func (g_free);
}

static GType
tandem_book_extract_get_item_type (GListModel *model)
{
  return TANDEM_TYPE_BOOK_ENTRY;
}

static guint
tandem_book_extract_get_n_items (GListModel *model)
{
  return TANDEM_BOOK_EXTRACT (model)->entries->len;
}

static gpointer
tandem_book_extract_get_item (GListModel *model, guint position)
{
  TandemBookExtract *self = TANDEM_BOOK_EXTRACT (model);

  return position < self->entries->len ? g_object_ref (self->entries->pdata[position]) : NULL;
}

static void
tandem_book_extract_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = tandem_book_extract_get_item_type;
  iface->get_n_items = tandem_book_extract_get_n_items;
  iface->get_item = tandem_book_extract_get_item;
}

/* ------------------------------------------------------------------ */
/* Gathering                                                          */

/* What one activity's lines say, over the periods of the range. */
typedef struct
{
  TandemActivity *activity;
  GArray         *earned; /* gint64: one per line it earned (commission, accelerator) */
  gint64          paid_out;
} Business;

static void
business_free (gpointer data)
{
  Business *b = data;

  g_clear_object (&b->activity);
  g_array_unref (b->earned);
  g_free (b);
}

typedef struct
{
  TandemBookExtract *self;
  TandemStore       *store;
  gint64             start; /* the range, as times */
  gint64             end;
  GHashTable        *activities; /* activity id → TandemActivity, or NULL: not commissionable */
  GHashTable        *business;   /* order id → Business */
  const TandemPlanRules *rules;  /* of the last period */
} Gather;

static void
unref_if_set (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

/* The commissionable activity a line is about (the order a clawback takes
 * back from), or NULL when the line is about none in the range. */
static gboolean
business_of (Gather *g, gint64 activity_id, Business **out, GError **error)
{
  TandemActivity *activity;
  gpointer        found;

  *out = NULL;
  if (!g_hash_table_lookup_extended (g->activities, &activity_id, NULL, &found))
    {
      g_autoptr (TandemActivity) a = tandem_store_get_activity (g->store, activity_id, error);
      TandemActivity *order;
      gint64          at;

      if (a == NULL)
        return FALSE;
      order = tandem_activity_get_kind (a) == TANDEM_ACTIVITY_KIND_REVERSAL
                  ? tandem_activity_get_reverses (a)
                  : a;
      at = order != NULL ? _tandem_time_to_usec (tandem_activity_get_occurred_at (order)) : 0;
      found = order != NULL
                      && tandem_activity_kind_is_commissionable (tandem_activity_get_kind (order))
                      && at >= g->start && at < g->end
                  ? g_object_ref (order)
                  : NULL;
      g_hash_table_insert (g->activities, g_memdup2 (&activity_id, sizeof activity_id), found);
    }
  if ((activity = found) == NULL)
    return TRUE;
  {
    gint64 id = tandem_activity_get_id (activity);

    *out = g_hash_table_lookup (g->business, &id);
    if (*out == NULL)
      {
        *out = g_new0 (Business, 1);
        (*out)->activity = g_object_ref (activity);
        (*out)->earned = g_array_new (FALSE, FALSE, sizeof (gint64));
        g_hash_table_insert (g->business, g_memdup2 (&id, sizeof id), *out);
      }
  }
  return TRUE;
}

/* The rep's lines of one period's settlement. */
static gboolean
gather_period (Gather *g, TandemSettlement *s, GError **error)
{
  gint64            rep_id = tandem_rep_get_id (g->self->rep);
  gboolean          collects = g->self->pay_on == TANDEM_PAY_ON_PAYMENT;
  TandemLineIter    iter;
  const TandemLine *l;
  guint             first, n;

  _tandem_settlement_rep_range (s, rep_id, &first, &n);
  _tandem_line_iter_init (&iter, s->lines, first, first + n);
  while ((l = _tandem_line_iter_next (&iter)) != NULL)
    {
      Business *b;
      gboolean  is_earning = l->kind == TANDEM_LINE_KIND_COMMISSION
                            || l->kind == TANDEM_LINE_KIND_ACCELERATOR
                            || l->kind == TANDEM_LINE_KIND_SPIFF;

      if (l->activity_id <= 0 || (!is_earning && l->kind != TANDEM_LINE_KIND_CLAWBACK))
        continue;
      if (!business_of (g, l->activity_id, &b, error))
        return FALSE;
      if (b == NULL)
        continue;
      if (!_tandem_add_checked (&b->paid_out, l->amount))
        return _tandem_overflow_error (error, _ ("What activity #%" PRId64 " paid out"),
                                       l->activity_id);
      /* the activity's own line: under pay on collection it keeps the
       * whole of what it earned; a later part paid is no new earning */
      if (is_earning && tandem_activity_get_id (b->activity) == l->activity_id)
        {
          if (l->flags & LINE_EARNED)
            g_array_append_val (b->earned, l->earned);
          else if (!collects)
            g_array_append_val (b->earned, l->amount);
        }
    }
  return TRUE;
}

static int
compare_business (gconstpointer a, gconstpointer b)
{
  const Business *x = *(Business *const *)a;
  const Business *y = *(Business *const *)b;
  int             c = g_date_time_compare (tandem_activity_get_occurred_at (x->activity),
                                           tandem_activity_get_occurred_at (y->activity));

  if (c != 0)
    return c;
  return tandem_activity_get_id (x->activity) < tandem_activity_get_id (y->activity) ? -1 : 1;
}

/* One entry: the customer's side from the activity's flows up to the end
 * of the range, the rep's from the lines. */
static TandemBookEntry *
entry_for (Gather *g, TandemDb *db, Business *b, gint64 totals[3], GError **error)
{
  gint64 id = tandem_activity_get_id (b->activity);
  g_autoptr (GArray) flows = _tandem_db_list_order_flows (db, id, g->end, error);
  const char *cur = g->self->currency;
  const char *own;
  gint64      reversed = 0, paid = 0, earned = 0, held = 0;

  if (flows == NULL)
    return NULL;
  if (flows->len == 0)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_FOUND,
                   _ ("Activity #%" PRId64 " is gone from the store"), id);
      return NULL;
    }
  own = g_array_index (flows, TandemFlowRecord, 0).currency;
  for (guint i = 1; i < flows->len; i++)
    {
      const TandemFlowRecord *f = &g_array_index (flows, TandemFlowRecord, i);
      gboolean                ok = TRUE;

      if (f->kind == TANDEM_ACTIVITY_KIND_PAYMENT)
        ok = _tandem_add_checked (&paid, f->amount_minor);
      else if (f->kind == TANDEM_ACTIVITY_KIND_REVERSAL)
        ok = _tandem_add_checked (&reversed, f->amount_minor);
      if (!ok)
        return _tandem_overflow_error (error, _ ("The payments of order #%" PRId64), id), NULL;
    }
  for (guint i = 0; i < b->earned->len; i++)
    {
      gint64 line = g_array_index (b->earned, gint64, i);
      gint64 line_held = 0;

      if (!_tandem_add_checked (&earned, line))
        return _tandem_overflow_error (error, _ ("What order #%" PRId64 " earned"), id), NULL;
      if (g->self->pay_on == TANDEM_PAY_ON_PAYMENT
          && (!_tandem_collection_held (g->rules, flows, g->end, line, &line_held, error)
              || !_tandem_add_checked (&held, line_held)))
        return (error != NULL && *error != NULL)
                   ? NULL
                   : (_tandem_overflow_error (error, _ ("What order #%" PRId64 " holds"), id),
                      NULL);
    }
  if (!_tandem_add_checked (&totals[0], earned) || !_tandem_add_checked (&totals[1], b->paid_out)
      || !_tandem_add_checked (&totals[2], held))
    return _tandem_overflow_error (error, _ ("The book extract’s totals")), NULL;
  return _tandem_book_entry_new (b->activity, tandem_money_new (reversed, own),
                                 tandem_money_new (paid, own), tandem_money_new (earned, cur),
                                 tandem_money_new (b->paid_out, cur), tandem_money_new (held, cur));
}

/* How many periods the range holds, or 0 with @error set. */
static guint
count_periods (TandemPlan         *plan,
               const TandemPeriod *from,
               const TandemPeriod *until,
               GError            **error)
{
  g_autofree char *from_text = tandem_period_to_string (from);
  g_autofree char *until_text = tandem_period_to_string (until);
  g_autoptr (TandemPeriod) p = tandem_period_copy (from);
  gint64 last = _tandem_plan_period_start (plan, until);
  guint  n = 1;

  if (!_tandem_plan_check_period (plan, from, error)
      || !_tandem_plan_check_period (plan, until, error))
    return 0;
  if (_tandem_plan_period_start (plan, from) > last)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                   _ ("The book extract’s range is empty: %s comes after %s"), from_text,
                   until_text);
      return 0;
    }
  while (_tandem_plan_period_start (plan, p) < last)
    {
      TandemPeriod *next = tandem_period_get_next (p);

      tandem_period_free (p);
      p = next;
      if (++n > MAX_PERIODS)
        {
          g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                       _ ("The book extract from %s to %s spans more than %u periods: ask for "
                          "a shorter range"),
                       from_text, until_text, MAX_PERIODS);
          return 0;
        }
    }
  return n;
}

static gboolean
gather (TandemBookExtract *self, GCancellable *cancellable, GError **error)
{
  g_autoptr (TandemPlan) last = NULL;
  g_autoptr (GHashTable) activities
      = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, unref_if_set);
  g_autoptr (GHashTable) business
      = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, business_free);
  g_autoptr (GPtrArray) sorted = g_ptr_array_new ();
  g_autoptr (TandemPeriod) p = NULL;
  g_autoptr (TandemPeriod) after = NULL;
  Gather         g = { self, self->store, 0, 0, activities, business, NULL };
  gint64         totals[3] = { 0, 0, 0 };
  gboolean       included = FALSE;
  guint          n_periods;
  GHashTableIter iter;
  gpointer       value;

  if ((last = tandem_plan_load_at (self->store, self->plan_name, self->until, error)) == NULL
      || (n_periods = count_periods (last, self->from, self->until, error)) == 0)
    return FALSE;
  g_strlcpy (self->currency, tandem_plan_get_currency (last), sizeof self->currency);
  self->pay_on = tandem_plan_get_pay_on (last);
  g.rules = _tandem_plan_get_rules (last);
  after = tandem_period_get_next (self->until);
  g.start = _tandem_plan_period_start (last, self->from);
  g.end = _tandem_plan_period_start (last, after);
  self->final = TRUE;

  {
    g_autoptr (TandemTransaction) tx = _tandem_transaction_new (self->store);

    p = tandem_period_copy (self->from);
    for (guint i = 0; i < n_periods; i++)
      {
        g_autoptr (TandemPlan) plan = tandem_plan_load_at (self->store, self->plan_name, p, error);
        g_autoptr (TandemSettlement) s = NULL;
        g_autofree char *label = tandem_period_to_string (p);
        TandemPeriod    *next;

        if (g_cancellable_set_error_if_cancelled (cancellable, error) || plan == NULL
            || (s = _tandem_settle_in (tx, plan, p, NULL, cancellable, error)) == NULL
            || !gather_period (&g, s, error))
          return FALSE;
        included |= tandem_settlement_includes_rep (s, self->rep);
        self->final &= s->state != TANDEM_SETTLEMENT_STATE_DRAFT;
        g_ptr_array_add (self->states, g_strdup_printf ("%s %s", label,
                                                        _tandem_settlement_state_label (s->state)));
        if (i + 1 == n_periods)
          self->plan_version = tandem_settlement_get_plan_version (s);
        next = tandem_period_get_next (p);
        tandem_period_free (p);
        p = next;
      }

    if (!included)
      {
        g_autofree char *from_text = tandem_period_to_string (self->from);
        g_autofree char *until_text = tandem_period_to_string (self->until);

        g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_FOUND,
                     _ ("Rep “%s” is not paid under plan “%s” from %s to %s"),
                     tandem_rep_get_name (self->rep), self->plan_name, from_text, until_text);
        return FALSE;
      }

    g_hash_table_iter_init (&iter, business);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      g_ptr_array_add (sorted, value);
    g_ptr_array_sort (sorted, compare_business);
    for (guint i = 0; i < sorted->len; i++)
      {
        TandemBookEntry *entry
            = entry_for (&g, _tandem_transaction_get_db (tx), sorted->pdata[i], totals, error);

        if (entry == NULL)
          return FALSE;
        g_ptr_array_add (self->entries, entry);
      }
  }
  self->earned = tandem_money_new (totals[0], self->currency);
  self->paid_out = tandem_money_new (totals[1], self->currency);
  self->held = tandem_money_new (totals[2], self->currency);
  return TRUE;
}

/* What an extract is asked for. */
typedef struct
{
  char         *plan_name;
  TandemRep    *rep;
  TandemPeriod *from;
  TandemPeriod *until;
} ExtractData;

static void
extract_data_free (ExtractData *data)
{
  g_free (data->plan_name);
  g_clear_object (&data->rep);
  g_clear_pointer (&data->from, tandem_period_free);
  g_clear_pointer (&data->until, tandem_period_free);
  g_free (data);
}

static TandemBookExtract *
book_extract_new (TandemStore       *store,
                  const ExtractData *d,
                  GCancellable      *cancellable,
                  GError           **error)
{
  g_autoptr (TandemBookExtract) self = g_object_new (TANDEM_TYPE_BOOK_EXTRACT, NULL);

  self->store = g_object_ref (store);
  self->rep = g_object_ref (d->rep);
  self->from = tandem_period_copy (d->from);
  self->until = tandem_period_copy (d->until);
  if ((self->plan_name = tandem_plan_resolve_name (store, d->plan_name, error)) == NULL
      || !gather (self, cancellable, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * tandem_book_extract_new:
 * @store: a `TandemStore`
 * @plan_name: (nullable): a stored plan's name, or %NULL for the default plan
 * @rep: the rep
 * @from: the first period of the range
 * @until: the last period of the range
 * @cancellable: (nullable): a `GCancellable`
 * @error: return location for a `GError`
 *
 * Reads @rep's book extract from @from to @until: settles every period of
 * the range under the plan's version in force in it (a closed period as
 * it was frozen) and gathers every commissionable activity dated in the
 * range that the rep has lines for. See [class@Tandem.BookExtract].
 *
 * Returns: (transfer full): the extract, or %NULL with
 *   %TANDEM_STORE_ERROR_NOT_FOUND (no such plan; a rep the plan does not
 *   pay in the range), %TANDEM_STORE_ERROR_INVALID (an empty range, or
 *   one of more than 120 periods), a %TANDEM_PLAN_ERROR (a period of
 *   another length than the plan's) or the settlement's errors
 *
 * Since: 1.0
 */
TandemBookExtract *
tandem_book_extract_new (TandemStore  *store,
                         const char   *plan_name,
                         TandemRep    *rep,
                         TandemPeriod *from,
                         TandemPeriod *until,
                         GCancellable *cancellable,
                         GError      **error)
{
  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (TANDEM_IS_REP (rep), NULL);
  g_return_val_if_fail (from != NULL && until != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  {
    ExtractData d = { (char *)plan_name, rep, from, until };

    return book_extract_new (store, &d, cancellable, error);
  }
}

static gpointer
extract_in_thread (gpointer source, gpointer data, GCancellable *cancellable, GError **error)
{
  return book_extract_new (source, data, cancellable, error);
}

/**
 * tandem_book_extract_compute_async:
 * @store: a `TandemStore`
 * @plan_name: (nullable): a stored plan's name, or %NULL for the default plan
 * @rep: the rep
 * @from: the first period of the range
 * @until: the last period of the range
 * @cancellable: (nullable): a `GCancellable`
 * @callback: (scope async): called when the extract is ready
 * @user_data: data for @callback
 *
 * Runs [ctor@Tandem.BookExtract.new] in a worker thread.
 *
 * Since: 1.0
 */
void
tandem_book_extract_compute_async (TandemStore        *store,
                                   const char         *plan_name,
                                   TandemRep          *rep,
                                   TandemPeriod       *from,
                                   TandemPeriod       *until,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data)
{
  ExtractData *d;
  GTask       *task;

  g_return_if_fail (TANDEM_IS_STORE (store));
  g_return_if_fail (TANDEM_IS_REP (rep));
  g_return_if_fail (from != NULL && until != NULL);

  d = g_new0 (ExtractData, 1);
  d->plan_name = g_strdup (plan_name);
  d->rep = g_object_ref (rep);
  d->from = tandem_period_copy (from);
  d->until = tandem_period_copy (until);
  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, tandem_book_extract_compute_async);
  _tandem_task_run (task, extract_in_thread, d, (GDestroyNotify)extract_data_free);
}

/**
 * tandem_book_extract_compute_finish:
 * @result: the result passed to the callback
 * @error: return location for a `GError`
 *
 * Finishes [func@Tandem.BookExtract.compute_async].
 *
 * Returns: (transfer full): the extract, or %NULL
 *
 * Since: 1.0
 */
TandemBookExtract *
tandem_book_extract_compute_finish (GAsyncResult *result, GError **error)
{
  return _tandem_task_finish (result, tandem_book_extract_compute_async, error);
}

/**
 * tandem_book_extract_get_rep:
 * @self: a `TandemBookExtract`
 *
 * Gets [property@Tandem.BookExtract:rep].
 *
 * Returns: (transfer none): the rep
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemRep *,
                      tandem_book_extract_get_rep,
                      TandemBookExtract,
                      TANDEM_IS_BOOK_EXTRACT,
                      rep,
                      NULL)

/**
 * tandem_book_extract_get_plan_name:
 * @self: a `TandemBookExtract`
 *
 * Gets [property@Tandem.BookExtract:plan-name].
 *
 * Returns: (transfer none): the plan's name
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (const char *,
                      tandem_book_extract_get_plan_name,
                      TandemBookExtract,
                      TANDEM_IS_BOOK_EXTRACT,
                      plan_name,
                      NULL)

/**
 * tandem_book_extract_get_from:
 * @self: a `TandemBookExtract`
 *
 * Gets [property@Tandem.BookExtract:from].
 *
 * Returns: (transfer none): the first period
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemPeriod *,
                      tandem_book_extract_get_from,
                      TandemBookExtract,
                      TANDEM_IS_BOOK_EXTRACT,
                      from,
                      NULL)

/**
 * tandem_book_extract_get_until:
 * @self: a `TandemBookExtract`
 *
 * Gets [property@Tandem.BookExtract:until].
 *
 * Returns: (transfer none): the last period
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemPeriod *,
                      tandem_book_extract_get_until,
                      TandemBookExtract,
                      TANDEM_IS_BOOK_EXTRACT,
                      until,
                      NULL)

/**
 * tandem_book_extract_get_final:
 * @self: a `TandemBookExtract`
 *
 * Gets [property@Tandem.BookExtract:final].
 *
 * Returns: %TRUE when every period of the range is closed
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (gboolean,
                      tandem_book_extract_get_final,
                      TandemBookExtract,
                      TANDEM_IS_BOOK_EXTRACT,
                      final,
                      FALSE)

/**
 * tandem_book_extract_get_earned:
 * @self: a `TandemBookExtract`
 *
 * Gets [property@Tandem.BookExtract:earned].
 *
 * Returns: (transfer none): what the entries earned
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemMoney *,
                      tandem_book_extract_get_earned,
                      TandemBookExtract,
                      TANDEM_IS_BOOK_EXTRACT,
                      earned,
                      NULL)

/**
 * tandem_book_extract_get_paid_out:
 * @self: a `TandemBookExtract`
 *
 * Gets [property@Tandem.BookExtract:paid-out].
 *
 * Returns: (transfer none): what the range paid out for the entries
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemMoney *,
                      tandem_book_extract_get_paid_out,
                      TandemBookExtract,
                      TANDEM_IS_BOOK_EXTRACT,
                      paid_out,
                      NULL)

/**
 * tandem_book_extract_get_held:
 * @self: a `TandemBookExtract`
 *
 * Gets [property@Tandem.BookExtract:held].
 *
 * Returns: (transfer none): what is held at the end of the range
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemMoney *,
                      tandem_book_extract_get_held,
                      TandemBookExtract,
                      TANDEM_IS_BOOK_EXTRACT,
                      held,
                      NULL)

/* ------------------------------------------------------------------ */
/* CSV                                                                */

/* "1250.00", and "1250.00 USD" for an amount in another currency than
 * the row's */
static void
csv_money (GString *out, TandemMoney *m, const char *currency)
{
  g_autofree char *text = tandem_money_to_string (m);
  char            *space = strchr (text, ' ');

  g_string_append_c (out, ',');
  if (space != NULL && g_strcmp0 (space + 1, currency) == 0)
    *space = '\0';
  _tandem_csv_append_field (out, text);
}

/**
 * tandem_book_extract_write_csv:
 * @self: a `TandemBookExtract`
 * @stream: where the CSV goes
 * @cancellable: (nullable): a `GCancellable`
 * @error: return location for a `GError`
 *
 * Writes the extract as CSV (RFC 4180, UTF-8, a header row), one row per
 * entry:
 * `ref,at,account,kind,amount,reversed,paid_by_customer,earned,paid_out,held,currency`.
 * `ref` is the activity's external reference, else `#` and its id; `at`
 * its time in ISO 8601 (UTC, as the activity export writes it); amounts are written
 * like `1250.00` in the plan's currency, which `currency` names. An
 * activity in another currency shows its amount, reversed and paid with
 * their currency (`1250.00 USD`). @stream is not closed.
 *
 * Returns: %TRUE on success
 *
 * Since: 1.0
 */
gboolean
tandem_book_extract_write_csv (TandemBookExtract *self,
                               GOutputStream     *stream,
                               GCancellable      *cancellable,
                               GError           **error)
{
  g_autoptr (GString) out = g_string_new (
      "ref,at,account,kind,amount,reversed,paid_by_customer,earned,paid_out,held,currency\r\n");

  g_return_val_if_fail (TANDEM_IS_BOOK_EXTRACT (self), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < self->entries->len; i++)
    {
      TandemBookEntry *e = self->entries->pdata[i];
      TandemActivity  *a = tandem_book_entry_get_activity (e);
      const char      *ref = tandem_activity_get_external_ref (a);
      g_autofree char *id = g_strdup_printf ("#%" PRId64, tandem_activity_get_id (a));
      g_autofree char *at
          = _tandem_time_format (_tandem_time_to_usec (tandem_activity_get_occurred_at (a)));

      _tandem_csv_append_field (out, ref != NULL ? ref : id);
      g_string_append_c (out, ',');
      _tandem_csv_append_field (out, at);
      g_string_append_c (out, ',');
      _tandem_csv_append_field (out, tandem_account_get_name (tandem_activity_get_account (a)));
      g_string_append_printf (out, ",%s",
                              tandem_activity_kind_to_nick (tandem_activity_get_kind (a)));
      csv_money (out, tandem_activity_get_amount (a), self->currency);
      csv_money (out, tandem_book_entry_get_reversed (e), self->currency);
      csv_money (out, tandem_book_entry_get_paid_by_customer (e), self->currency);
      csv_money (out, tandem_book_entry_get_earned (e), self->currency);
      csv_money (out, tandem_book_entry_get_paid_out (e), self->currency);
      csv_money (out, tandem_book_entry_get_held (e), self->currency);
      g_string_append_printf (out, ",%s\r\n", self->currency);
    }
  return g_output_stream_write_all (stream, out->str, out->len, NULL, cancellable, error);
}
