/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-store-activities.c: the store's activities: saving, logging, finding, listing, importing
 */

#include "config.h"

#include <inttypes.h>

#include "tandem-i18n-private.h"
#include <string.h>

#include "tandem-store.h"
#include "tandem-stage-rules-private.h"
#include "tandem-store-private.h"
#include "tandem-store-internal-private.h"
#include "tandem-sqlite-private.h"
#if HAVE_POSTGRESQL
#include "tandem-pg-driver-private.h"
#endif
#include "tandem-activity-private.h"
#include "tandem-enum-types.h"
#include "tandem-model-private.h"
#include "tandem-util-private.h"
#include "tandem-currency-private.h"

/* ------------------------------------------------------------------ */
/* Activities                                                          */

/* "order #12 of 1200.00 EUR for account #3 by rep #2 at …" */
/* The audit entry of a logged activity: "call #17 for account #3 by rep #1
 * at …", as the text before and after the activity's id. */
static void
audit_text (const TandemActivityRecord *r, char **before, char **after)
{
  g_autofree char *when = _tandem_time_format (r->occurred_at);
  g_autofree char *amount
      = r->has_amount ? _tandem_money_format_display (r->amount_minor, r->currency) : NULL;

  *before = g_strdup_printf ("%s #", tandem_activity_kind_to_nick (r->kind));
  *after = g_strdup_printf ("%s%s for account #%" PRId64 " by rep #%" PRId64 " at %s",
                            amount ? " of " : "", amount ? amount : "", r->account_id, r->rep_id,
                            when);
}

static gboolean
audit_activity (TandemStore *self, const TandemActivityRecord *r, GError **error)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *what = NULL;

  audit_text (r, &before, &after);
  what = g_strdup_printf ("%s%" PRId64 "%s", before, r->id, after);
  return _tandem_store_append_audit (self, self->db, "log", what, error);
}

/* The one-round-trip log (PostgreSQL), outside a transaction: every
 * activity that no rule needs more for than the server's function checks
 * (tandem_log_activity () in tandem-schema.c: no closed period, a new
 * reference, a tandem with members, within its limits, no stage to
 * change but a prospect's or lost account's to a customer). Returns the
 * new id, 0 when the full path must decide, -1 on error; the stage change
 * written with it is appended to @changes. */
static gint64
log_in_one_round_trip (TandemStore          *self,
                       TandemActivityRecord *record,
                       char                  ref[40],
                       GArray               *changes,
                       GError              **error)
{
  g_autoptr (GDateTime) now = NULL;
  g_autofree char  *before = NULL;
  g_autofree char  *after = NULL;
  TandemStageRecord change;
  gint64            id;

  if (record->external_ref == NULL || record->external_ref[0] == '\0')
    record->external_ref = (char *)_tandem_activity_random_ref (ref);
  now = g_date_time_new_now_utc ();
  audit_text (record, &before, &after);
  id = _tandem_db_log_activity (self->db, record, _tandem_time_to_usec (now),
                                tandem_store_get_actor (self), before, after, &change, error);
  if (id > 0 && change.stage >= 0)
    g_array_append_val (changes, change);
  return id;
}

/**
 * tandem_store_save_activity:
 * @self: a `TandemStore`
 * @activity: an activity not yet stored, from [ctor@Tandem.Activity.new]
 *   or [ctor@Tandem.Activity.new_reversal]
 * @inserted: (out) (optional): %FALSE if its external reference was
 *   already stored and nothing was written
 * @error: return location for a #GError
 *
 * Stores an activity. Its account and rep must be stored, and not
 * archived. The same rules hold here as for every row of
 * [method@Tandem.Store.import_activities]:
 *
 * - Every stored activity has a reference
 *   ([property@Tandem.Activity:external-ref]) that means the same in any
 *   store, so exports name what they refer to. One saved without a
 *   reference gets a new one, `auto-` and 20 random hexadecimal digits
 *   (an imported row without one gets a reference derived from its
 *   facts instead).
 * - A reference that is already stored with the same facts is not stored
 *   again: the stored activity is returned and @inserted is %FALSE. With
 *   other facts (amount, time, account, rep, kind or reversed activity)
 *   it is refused with %TANDEM_STORE_ERROR_CONFLICT naming both.
 * - The reversals of an activity together never take back more than its
 *   amount; the one that would is refused with
 *   %TANDEM_STORE_ERROR_INVALID naming the activity and what is left.
 * - The payments of an order (see [ctor@Tandem.Activity.new_payment])
 *   never pay more than is left open of it (its amount less its
 *   reversals and earlier payments); the one that would is refused with
 *   %TANDEM_STORE_ERROR_INVALID naming the order and what is open.
 * - An order, cross-sell, up-sell or reversal needs an account with a
 *   tandem that had members at its time (else
 *   %TANDEM_STORE_ERROR_INVALID naming the tandem's start).
 * - An activity dated inside a closed settlement period is refused with
 *   %TANDEM_STORE_ERROR_CLOSED_PERIOD; the check runs in the same
 *   transaction as the write, so a concurrent close either sees the
 *   activity or makes it fail.
 *
 * A refused activity writes nothing.
 *
 * Returns: (transfer full): the stored activity, or %NULL
 *
 * Since: 1.0
 */
TandemActivity *
tandem_store_save_activity (TandemStore    *self,
                            TandemActivity *activity,
                            gboolean       *inserted,
                            GError        **error)
{
  TandemActivityRecord record = { 0 };
  TandemAccount       *account;
  TandemRep           *rep;
  TandemMoney         *amount;
  TandemActivity      *reverses;
  TandemActivity      *pays;
  gboolean             was_inserted = FALSE;
  char                 ref[40]; /* a reference made for it */
  g_autoptr (GArray) changes = NULL;
  g_autoptr (TandemActivityWriter) writer = NULL;
  g_autoptr (GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (TANDEM_IS_ACTIVITY (activity), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = store_locker_new (self);

  if (tandem_activity_get_id (activity) > 0)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                   _ ("Activity %" PRId64 " is already stored"), tandem_activity_get_id (activity));
      return NULL;
    }

  if (!tandem_activity_validate (activity, error) || !_tandem_store_check_writable (self, error))
    return NULL;

  account = tandem_activity_get_account (activity);
  rep = tandem_activity_get_rep (activity);
  reverses = tandem_activity_get_reverses (activity);
  pays = tandem_activity_get_pays (activity);
  if (!_tandem_store_check_stored (account, tandem_account_get_id (account), _ ("account"), error)
      || !_tandem_store_check_stored (rep, tandem_rep_get_id (rep), _ ("rep"), error)
      || (reverses != NULL
          && !_tandem_store_check_stored (reverses, tandem_activity_get_id (reverses),
                                          _ ("reversed activity"), error))
      || (pays != NULL
          && !_tandem_store_check_stored (pays, tandem_activity_get_id (pays), _ ("paid order"),
                                          error)))
    return NULL;

  if (tandem_account_get_archived (account))
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                   _ ("Account “%s” is archived: no new activities"),
                   tandem_account_get_name (account));
      return NULL;
    }
  if (tandem_rep_get_archived (rep))
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                   _ ("Rep “%s” is archived: no new activities"), tandem_rep_get_name (rep));
      return NULL;
    }

  amount = tandem_activity_get_amount (activity);
  record.account_id = tandem_account_get_id (account);
  record.rep_id = tandem_rep_get_id (rep);
  record.kind = tandem_activity_get_kind (activity);
  record.has_amount = amount != NULL;
  if (amount != NULL)
    {
      record.amount_minor = tandem_money_get_minor_units (amount);
      g_strlcpy (record.currency, tandem_money_get_currency (amount), 4);
    }
  record.occurred_at = _tandem_time_to_usec (tandem_activity_get_occurred_at (activity));
  record.external_ref = (char *)tandem_activity_get_external_ref (activity);
  record.reverses_id = reverses ? tandem_activity_get_id (reverses)
                       : pays   ? tandem_activity_get_id (pays)
                                : 0;
  record.note = (char *)tandem_activity_get_note (activity);
  record.product = (char *)tandem_activity_get_product (activity);
  record.category = (char *)tandem_activity_get_category (activity);
  record.quantity = tandem_activity_get_quantity (activity);
  record.has_cost = tandem_activity_get_cost (activity) != NULL;
  record.cost_minor
      = record.has_cost ? tandem_money_get_minor_units (tandem_activity_get_cost (activity)) : 0;

  changes = g_array_new (FALSE, TRUE, sizeof (TandemStageRecord));
  record.id = log_in_one_round_trip (self, &record, ref, changes, error);
  if (record.id < 0)
    return NULL;
  if (record.id > 0)
    {
      _tandem_store_refresh_stages (self, changes);
      if (inserted != NULL)
        *inserted = TRUE;
      return _tandem_store_activity_from_record (self, &record, reverses ? reverses : pays, error);
    }

  /* everything the writer reads (closed periods, reversals, duplicates)
   * is read inside the write transaction */
  if (!_tandem_db_begin_rows (self->db, record.account_id, record.reverses_id, record.occurred_at,
                              error))
    return NULL;
  writer = _tandem_activity_writer_new (self, FALSE, error);
  if (writer == NULL || !_tandem_activity_writer_write (writer, &record, &was_inserted, NULL, error)
      || (was_inserted && tandem_activity_kind_is_commissionable (record.kind)
          && !_tandem_stage_rules_after_orders (self->db, &record.account_id, 1, changes, error))
      || (was_inserted && !audit_activity (self, &record, error))
      || !_tandem_db_commit (self->db, error))
    {
      _tandem_db_rollback (self->db);
      return NULL;
    }
  _tandem_store_refresh_stages (self, changes);

  if (inserted != NULL)
    *inserted = was_inserted;

  return _tandem_store_load_activity (self, record.id, 0, error);
}

/**
 * tandem_store_log_activity:
 * @self: a `TandemStore`
 * @account: a stored account
 * @rep: the stored rep who did it
 * @kind: what happened (not %TANDEM_ACTIVITY_KIND_REVERSAL: see
 *   [method@Tandem.Store.save_activity])
 * @amount: (nullable): the amount, required for orders, cross-sells and up-sells
 * @occurred_at: when it happened
 * @error: return location for a #GError
 *
 * Logs an activity.
 *
 * Returns: (transfer full): the stored activity, or %NULL with a
 *   %TANDEM_VALIDATION_ERROR or %TANDEM_STORE_ERROR
 *
 * Since: 1.0
 */
TandemActivity *
tandem_store_log_activity (TandemStore       *self,
                           TandemAccount     *account,
                           TandemRep         *rep,
                           TandemActivityKind kind,
                           TandemMoney       *amount,
                           GDateTime         *occurred_at,
                           GError           **error)
{
  g_autoptr (TandemActivity) draft = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (TANDEM_IS_ACCOUNT (account), NULL);
  g_return_val_if_fail (TANDEM_IS_REP (rep), NULL);
  g_return_val_if_fail (occurred_at != NULL, NULL);

  draft = tandem_activity_new (account, rep, kind, amount, occurred_at, error);
  if (draft == NULL)
    return NULL;

  return tandem_store_save_activity (self, draft, NULL, error);
}

/**
 * tandem_store_get_activity:
 * @self: a `TandemStore`
 * @id: the activity's id
 * @error: return location for a #GError
 *
 * Gets an activity by id.
 *
 * Returns: (transfer full): the activity, or %NULL with
 *   %TANDEM_STORE_ERROR_NOT_FOUND
 *
 * Since: 1.0
 */
TandemActivity *
tandem_store_get_activity (TandemStore *self, gint64 id, GError **error)
{
  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  LOCK_STORE (self);

  return _tandem_store_load_activity (self, id, 0, error);
}

/**
 * tandem_store_find_activity_by_ref:
 * @self: a `TandemStore`
 * @external_ref: an external reference
 * @error: return location for a #GError
 *
 * Finds the activity with an external reference.
 *
 * Returns: (transfer full): the activity, or %NULL with
 *   %TANDEM_STORE_ERROR_NOT_FOUND
 *
 * Since: 1.0
 */
TandemActivity *
tandem_store_find_activity_by_ref (TandemStore *self, const char *external_ref, GError **error)
{
  gint64 id;
  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (external_ref != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  LOCK_STORE (self);

  id = _tandem_db_find_activity_by_ref (self->db, external_ref, error);
  if (id < 0)
    return NULL;
  if (id == 0)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_FOUND,
                   _ ("No activity with reference “%s”"), external_ref);
      return NULL;
    }

  return _tandem_store_load_activity (self, id, 0, error);
}

/**
 * tandem_store_list_activities:
 * @self: a `TandemStore`
 * @error: return location for a #GError
 *
 * Lists every activity, in time order. The list is a snapshot of the
 * activities stored when it was made, and it is paged: items are read
 * from the file as they are asked for, so a list of a million activities
 * holds only a few pages in memory. A page that cannot be read later is
 * reported by the list (see [class@Tandem.ActivityList]).
 *
 * Returns: (transfer full): a list model of [class@Tandem.Activity] (a
 *   [class@Tandem.ActivityList]), or %NULL with a %TANDEM_STORE_ERROR
 *
 * Since: 1.0
 */
GListModel *
tandem_store_list_activities (TandemStore *self, GError **error)
{
  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return tandem_store_query_activities (self, NULL, error);
}

/**
 * tandem_store_query_activities:
 * @self: a `TandemStore`
 * @filter: (nullable): the conditions, or %NULL for all activities
 * @error: return location for a #GError
 *
 * Lists the activities that match @filter, in time order, as a paged
 * snapshot (see [method@Tandem.Store.list_activities]).
 *
 * Returns: (transfer full): a list model of [class@Tandem.Activity] (a
 *   [class@Tandem.ActivityList]), or
 *   %NULL with a %TANDEM_STORE_ERROR
 *
 * Since: 1.0
 */
GListModel *
tandem_store_query_activities (TandemStore *self, TandemActivityFilter *filter, GError **error)
{
  TandemActivityScan scan;
  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (filter == NULL || TANDEM_IS_ACTIVITY_FILTER (filter), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  LOCK_STORE (self);

  _tandem_store_scan_from_filter (self, filter, &scan);
  return _tandem_activity_list_new (self, &scan, error);
}

static gpointer
query_in_thread (gpointer source, gpointer data, GCancellable *cancellable, GError **error)
{
  TandemStore *self = source;
  GListModel  *list;

  _tandem_store_lock (self);
  list = _tandem_activity_list_new (self, data, error);
  /* read the first page here, off the caller's thread */
  if (list != NULL && g_list_model_get_n_items (list) > 0)
    g_object_unref (g_list_model_get_item (list, 0));
  _tandem_store_unlock (self);
  return list;
}

/**
 * tandem_store_query_activities_async:
 * @self: a `TandemStore`
 * @filter: (nullable): the conditions, or %NULL for all activities
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the query is done
 * @user_data: data for @callback
 *
 * Runs [method@Tandem.Store.query_activities] in a worker thread: counting
 * the matches and reading the first page happen there.
 *
 * Since: 1.0
 */
void
tandem_store_query_activities_async (TandemStore          *self,
                                     TandemActivityFilter *filter,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data)
{
  TandemActivityScan *scan;
  GTask              *task;

  g_return_if_fail (TANDEM_IS_STORE (self));
  g_return_if_fail (filter == NULL || TANDEM_IS_ACTIVITY_FILTER (filter));

  scan = g_new0 (TandemActivityScan, 1);
  _tandem_store_scan_from_filter (self, filter, scan);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tandem_store_query_activities_async);
  _tandem_task_run (task, query_in_thread, scan, g_free);
}

/**
 * tandem_store_query_activities_finish:
 * @self: a `TandemStore`
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Tandem.Store.query_activities_async].
 *
 * Returns: (transfer full): a list model of [class@Tandem.Activity], or %NULL
 *
 * Since: 1.0
 */
GListModel *
tandem_store_query_activities_finish (TandemStore *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* Import                                                              */

/**
 * tandem_store_import_activities:
 * @self: a `TandemStore`
 * @stream: CSV or JSON text
 * @format: the format of @stream
 * @options: (nullable): how the file's columns map onto the fields, and
 *   the kind of rows without one
 * @cancellable: (nullable): a #GCancellable; cancelling rolls everything back
 * @inserted: (out) (optional): how many rows were stored
 * @skipped: (out) (optional): how many rows were already stored
 * @encoding: (out) (optional) (transfer full): the encoding read:
 *   "UTF-8" or "Windows-1252"
 * @error: return location for a #GError
 *
 * Imports activities in one transaction: all rows or none. The input is
 * read as a stream, so memory does not grow with its size.
 *
 * The columns (CSV header names, or JSON keys) are `ref` (optional, the
 * activity's unique external reference), `at` (ISO 8601 with an offset,
 * such as `2026-11-03T10:00:00Z`), `account` and `rep` (ids), `kind`
 * (`order`, `cross-sell`, …), `amount` (`1200.00 EUR`, empty where none),
 * and optionally `reverses` (the reversed activity's `ref`, or `#` and its
 * id), `pays` (for a payment: the paid order's `ref` or `#` and its id)
 * and `note`. Unknown columns are an error.
 *
 * A row whose `ref` is already stored is skipped and counted in @skipped.
 * A bad row stops the import with a %TANDEM_IMPORT_ERROR whose message
 * begins with its position, `line N: column: `, and nothing is written.
 * [signal@Tandem.Store::progress] is emitted with operation "import".
 *
 * It reads what German Excel and ERP systems write. A CSV file's separator is taken from
 * its header line (`,` or `;`); its text is UTF-8, with or without a byte
 * order mark, or Windows-1252 when it is not valid UTF-8. In a `;` file,
 * amounts are in German notation (`1.200,50`, see
 * [func@Tandem.Money.parse_decimal_comma]). A `currency` column may stand
 * beside a bare amount; `account_number` (a customer number, see
 * [property@Tandem.Account:number]) may name the account instead of
 * `account`, and `personnel_number` the rep instead of `rep`. Times without
 * an offset, such as `30.11.2026 23:30`, are local time in the store's
 * zone ([method@Tandem.Store.get_time_zone]).
 *
 * On a PostgreSQL server the import is one transaction that locks every
 * account: sales, reversals and payments saved meanwhile on other
 * connections, closes and other imports wait for it; other activities
 * (calls, visits …) are saved beside it.
 *
 * Returns: %TRUE on success; nothing is written on error
 *
 * Since: 1.0
 */
gboolean
tandem_store_import_activities (TandemStore         *self,
                                GInputStream        *stream,
                                TandemDataFormat     format,
                                TandemImportOptions *options,
                                GCancellable        *cancellable,
                                guint64             *inserted,
                                guint64             *skipped,
                                char               **encoding,
                                GError             **error)
{
  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);
  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (options == NULL || TANDEM_IS_IMPORT_OPTIONS (options), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_autoptr (GArray) changes = g_array_new (FALSE, TRUE, sizeof (TandemStageRecord));
  LOCK_STORE (self);

  if (!_tandem_store_import (self, stream, format, options, NULL, cancellable, inserted, skipped,
                             encoding, changes, error))
    return FALSE;
  _tandem_store_refresh_stages (self, changes);
  return TRUE;
}

typedef struct
{
  GInputStream        *stream;
  TandemImportOptions *options;
  TandemDataFormat     format;
  GMainContext        *context;
  guint64              inserted;
  guint64              skipped;
  GArray              *changes; /* the lifecycle's, applied in _finish */
} ImportData;

static void
import_data_free (ImportData *data)
{
  g_clear_object (&data->stream);
  g_clear_object (&data->options);
  g_clear_pointer (&data->context, g_main_context_unref);
  g_clear_pointer (&data->changes, g_array_unref);
  g_free (data);
}

static void
import_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  ImportData *data = task_data;
  GError     *error = NULL;

  if (_tandem_store_import (source_object, data->stream, data->format, data->options, data->context,
                            cancellable, &data->inserted, &data->skipped, NULL, data->changes,
                            &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * tandem_store_import_activities_async:
 * @self: a `TandemStore`
 * @stream: CSV or JSON text
 * @format: the format of @stream
 * @options: (nullable): how the file's columns map onto the fields, and
 *   the kind of rows without one
 * @cancellable: (nullable): a #GCancellable; cancelling rolls everything back
 * @callback: (scope async): called when the import is done
 * @user_data: data for @callback
 *
 * Runs [method@Tandem.Store.import_activities] in a worker thread;
 * [signal@Tandem.Store::progress] is emitted in the caller's
 * thread-default main context.
 *
 * Since: 1.0
 */
void
tandem_store_import_activities_async (TandemStore         *self,
                                      GInputStream        *stream,
                                      TandemDataFormat     format,
                                      TandemImportOptions *options,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr (GTask) task = NULL;
  ImportData *data;

  g_return_if_fail (TANDEM_IS_STORE (self));
  g_return_if_fail (G_IS_INPUT_STREAM (stream));
  g_return_if_fail (options == NULL || TANDEM_IS_IMPORT_OPTIONS (options));

  data = g_new0 (ImportData, 1);
  data->stream = g_object_ref (stream);
  data->options = options != NULL ? g_object_ref (options) : NULL;
  data->format = format;
  data->context = g_main_context_ref_thread_default ();
  data->changes = g_array_new (FALSE, TRUE, sizeof (TandemStageRecord));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tandem_store_import_activities_async);
  g_task_set_task_data (task, data, (GDestroyNotify)import_data_free);
  g_task_run_in_thread (task, import_thread);
}

/**
 * tandem_store_import_activities_finish:
 * @self: a `TandemStore`
 * @result: the result passed to the callback
 * @inserted: (out) (optional): how many activities were stored
 * @skipped: (out) (optional): how many rows were skipped as already stored
 * @error: return location for a #GError
 *
 * Finishes [method@Tandem.Store.import_activities_async].
 *
 * Returns: %TRUE on success
 *
 * Since: 1.0
 */
gboolean
tandem_store_import_activities_finish (TandemStore  *self,
                                       GAsyncResult *result,
                                       guint64      *inserted,
                                       guint64      *skipped,
                                       GError      **error)
{
  ImportData *data;

  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  data = g_task_get_task_data (G_TASK (result));
  /* the loaded accounts learn their new stages in the caller's thread */
  _tandem_store_lock (self);
  _tandem_store_refresh_stages (self, data->changes);
  g_array_set_size (data->changes, 0);
  _tandem_store_unlock (self);
  if (inserted != NULL)
    *inserted = data->inserted;
  if (skipped != NULL)
    *skipped = data->skipped;
  return TRUE;
}
