/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-dispute.c: a rep's dispute about a settlement */

#include "config.h"

#include "tandem-record-private.h"

#include "tandem-dispute.h"
#include "tandem-enum-types.h"

#include "tandem-i18n-private.h"
#include <inttypes.h>
#include <string.h>

#include "tandem-activity.h"
#include "tandem-schedule-private.h"
#include "tandem-plan-private.h"
#include "tandem-store-private.h"
#include "tandem-util-private.h"
#include "tandem-currency-private.h"

/**
 * TandemDispute:
 *
 * A rep's dispute about a settlement period, or about one activity's
 * lines in it. A manager accepts it, which adds an `adjustment` line of
 * an amount to an open period, naming the dispute, or rejects it with a
 * note. Statements show open disputes.
 *
 * Since: 1.0
 */
struct _TandemDispute
{
  GObject            parent_instance;
  gint64             id;
  TandemRep         *rep;
  char              *plan;
  char              *period;
  gint64             activity_id;
  char              *reason;
  TandemDisputeState state;
  char              *opened_by;
  GDateTime         *opened_at;
  char              *resolved_by;
  GDateTime         *resolved_at;
  char              *note;
  TandemMoney       *amount;
  char              *into;
};

static const TandemField fields[] = {
  /**
   * TandemDispute:id:
   *
   * The dispute's id in the store.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_INT64 (TandemDispute, id, "id", 0, G_MAXINT64, 0),
  /**
   * TandemDispute:rep:
   *
   * The rep who disputes.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_OBJECT (TandemDispute, rep, "rep", tandem_rep_get_type),
  /**
   * TandemDispute:plan:
   *
   * The plan's name.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_STRING (TandemDispute, plan, "plan"),
  /**
   * TandemDispute:period:
   *
   * The disputed period's label.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_STRING (TandemDispute, period, "period"),
  /**
   * TandemDispute:activity-id:
   *
   * The activity whose lines are disputed, or 0 for the whole period.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_INT64 (TandemDispute, activity_id, "activity-id", 0, G_MAXINT64, 0),
  /**
   * TandemDispute:reason:
   *
   * Why the rep disagrees.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_STRING (TandemDispute, reason, "reason"),
  /**
   * TandemDispute:state:
   *
   * Open, accepted or rejected.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_ENUM (TandemDispute,
                     state,
                     "state",
                     tandem_dispute_state_get_type,
                     TANDEM_DISPUTE_STATE_OPEN),
  /**
   * TandemDispute:opened-by:
   *
   * Who opened the dispute.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_STRING (TandemDispute, opened_by, "opened-by"),
  /**
   * TandemDispute:opened-at:
   *
   * When the dispute was opened.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_BOXED (TandemDispute, opened_at, "opened-at", g_date_time_get_type),
  /**
   * TandemDispute:resolved-by:
   *
   * Who accepted or rejected the dispute, or %NULL while it is open.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_STRING (TandemDispute, resolved_by, "resolved-by"),
  /**
   * TandemDispute:resolved-at:
   *
   * When the dispute was resolved, or %NULL while it is open.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_BOXED (TandemDispute, resolved_at, "resolved-at", g_date_time_get_type),
  /**
   * TandemDispute:note:
   *
   * The note of the resolution, or %NULL.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_STRING (TandemDispute, note, "note"),
  /**
   * TandemDispute:amount:
   *
   * The adjustment an accepted dispute added, or %NULL.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_BOXED (TandemDispute, amount, "amount", tandem_money_get_type),
  /**
   * TandemDispute:into:
   *
   * The period an accepted dispute's adjustment went into, or %NULL.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_STRING (TandemDispute, into, "into"),
};

TANDEM_DEFINE_RECORD_TYPE (TandemDispute, tandem_dispute, fields, G_PARAM_READABLE)

static TandemDispute *
dispute_new (gint64             id,
             TandemRep         *rep,
             const char        *plan,
             const char        *period,
             gint64             activity_id,
             const char        *reason,
             TandemDisputeState state,
             const char        *opened_by,
             GDateTime         *opened_at,
             const char        *resolved_by,
             GDateTime         *resolved_at,
             const char        *note,
             TandemMoney       *amount,
             const char        *into)
{
  TandemDispute *self = g_object_new (TANDEM_TYPE_DISPUTE, NULL);

  self->id = id;
  self->rep = g_object_ref (rep);
  self->plan = g_strdup (plan);
  self->period = g_strdup (period);
  self->activity_id = activity_id;
  self->reason = g_strdup (reason);
  self->state = state;
  self->opened_by = g_strdup (opened_by);
  self->opened_at = opened_at ? g_date_time_ref (opened_at) : NULL;
  self->resolved_by = g_strdup (resolved_by);
  self->resolved_at = resolved_at ? g_date_time_ref (resolved_at) : NULL;
  self->note = g_strdup (note);
  self->amount = amount;
  self->into = g_strdup (into);
  return self;
}

/**
 * tandem_dispute_get_id:
 * @self: a `TandemDispute`
 *
 * Gets [property@Tandem.Dispute:id].
 *
 * Returns: the id
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (gint64, tandem_dispute_get_id, TandemDispute, TANDEM_IS_DISPUTE, id, 0)

/**
 * tandem_dispute_get_rep:
 * @self: a `TandemDispute`
 *
 * Gets [property@Tandem.Dispute:rep].
 *
 * Returns: (transfer none): the rep
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemRep *,
                      tandem_dispute_get_rep,
                      TandemDispute,
                      TANDEM_IS_DISPUTE,
                      rep,
                      NULL)

/**
 * tandem_dispute_get_plan:
 * @self: a `TandemDispute`
 *
 * Gets [property@Tandem.Dispute:plan].
 *
 * Returns: (transfer none): the plan's name
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (const char *,
                      tandem_dispute_get_plan,
                      TandemDispute,
                      TANDEM_IS_DISPUTE,
                      plan,
                      NULL)

/**
 * tandem_dispute_get_period:
 * @self: a `TandemDispute`
 *
 * Gets [property@Tandem.Dispute:period].
 *
 * Returns: (transfer none): the period label
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (const char *,
                      tandem_dispute_get_period,
                      TandemDispute,
                      TANDEM_IS_DISPUTE,
                      period,
                      NULL)

/**
 * tandem_dispute_get_activity_id:
 * @self: a `TandemDispute`
 *
 * Gets [property@Tandem.Dispute:activity-id].
 *
 * Returns: the activity id, or 0
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (gint64,
                      tandem_dispute_get_activity_id,
                      TandemDispute,
                      TANDEM_IS_DISPUTE,
                      activity_id,
                      0)

/**
 * tandem_dispute_get_reason:
 * @self: a `TandemDispute`
 *
 * Gets [property@Tandem.Dispute:reason].
 *
 * Returns: (transfer none): the reason
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (const char *,
                      tandem_dispute_get_reason,
                      TandemDispute,
                      TANDEM_IS_DISPUTE,
                      reason,
                      NULL)

/**
 * tandem_dispute_get_state:
 * @self: a `TandemDispute`
 *
 * Gets [property@Tandem.Dispute:state].
 *
 * Returns: the state
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemDisputeState,
                      tandem_dispute_get_state,
                      TandemDispute,
                      TANDEM_IS_DISPUTE,
                      state,
                      TANDEM_DISPUTE_STATE_OPEN)

/**
 * tandem_dispute_get_opened_by:
 * @self: a `TandemDispute`
 *
 * Gets [property@Tandem.Dispute:opened-by].
 *
 * Returns: (transfer none): who opened it
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (const char *,
                      tandem_dispute_get_opened_by,
                      TandemDispute,
                      TANDEM_IS_DISPUTE,
                      opened_by,
                      NULL)

/**
 * tandem_dispute_get_opened_at:
 * @self: a `TandemDispute`
 *
 * Gets [property@Tandem.Dispute:opened-at].
 *
 * Returns: (transfer none): when it was opened
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (GDateTime *,
                      tandem_dispute_get_opened_at,
                      TandemDispute,
                      TANDEM_IS_DISPUTE,
                      opened_at,
                      NULL)

/**
 * tandem_dispute_get_resolved_by:
 * @self: a `TandemDispute`
 *
 * Gets [property@Tandem.Dispute:resolved-by].
 *
 * Returns: (transfer none) (nullable): who resolved it, or %NULL
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (const char *,
                      tandem_dispute_get_resolved_by,
                      TandemDispute,
                      TANDEM_IS_DISPUTE,
                      resolved_by,
                      NULL)

/**
 * tandem_dispute_get_resolved_at:
 * @self: a `TandemDispute`
 *
 * Gets [property@Tandem.Dispute:resolved-at].
 *
 * Returns: (transfer none) (nullable): when it was resolved, or %NULL
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (GDateTime *,
                      tandem_dispute_get_resolved_at,
                      TandemDispute,
                      TANDEM_IS_DISPUTE,
                      resolved_at,
                      NULL)

/**
 * tandem_dispute_get_note:
 * @self: a `TandemDispute`
 *
 * Gets [property@Tandem.Dispute:note].
 *
 * Returns: (transfer none) (nullable): the note, or %NULL
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (const char *,
                      tandem_dispute_get_note,
                      TandemDispute,
                      TANDEM_IS_DISPUTE,
                      note,
                      NULL)

/**
 * tandem_dispute_get_amount:
 * @self: a `TandemDispute`
 *
 * Gets [property@Tandem.Dispute:amount].
 *
 * Returns: (transfer none) (nullable): the amount, or %NULL
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemMoney *,
                      tandem_dispute_get_amount,
                      TandemDispute,
                      TANDEM_IS_DISPUTE,
                      amount,
                      NULL)

/**
 * tandem_dispute_get_into:
 * @self: a `TandemDispute`
 *
 * Gets [property@Tandem.Dispute:into].
 *
 * Returns: (transfer none) (nullable): the period label, or %NULL
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (const char *,
                      tandem_dispute_get_into,
                      TandemDispute,
                      TANDEM_IS_DISPUTE,
                      into,
                      NULL)

static TandemDispute *
dispute_from_record (TandemStore *store, const TandemDisputeRecord *r, GError **error)
{
  g_autoptr (TandemTransaction) tx G_GNUC_UNUSED = _tandem_transaction_new (store);
  TandemRep                       *rep = _tandem_store_load_rep (store, r->rep_id, error);
  g_autoptr (GDateTime) opened = NULL;
  g_autoptr (GDateTime) resolved = NULL;

  if (rep == NULL)
    return NULL;
  opened = _tandem_time_from_usec (r->opened_at);
  resolved = r->state != TANDEM_DISPUTE_STATE_OPEN ? _tandem_time_from_usec (r->resolved_at) : NULL;
  return dispute_new (r->id, rep, r->plan, r->label, r->activity_id, r->reason, r->state,
                      r->opened_by, opened, r->resolved_by, resolved, r->note,
                      r->state == TANDEM_DISPUTE_STATE_ACCEPTED
                          ? tandem_money_new (r->amount_minor, r->currency)
                          : NULL,
                      r->into_label);
}

static gboolean
has_text (const char *text)
{
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return FALSE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return TRUE;
  return FALSE;
}

/**
 * tandem_dispute_open:
 * @self: a `TandemStore`
 * @rep: the rep who disputes
 * @plan: the name of the plan the period was settled with
 * @period: the disputed period
 * @activity_id: the activity whose lines are disputed, or 0 for the whole period
 * @reason: why, in the rep's words
 * @error: return location for a #GError
 *
 * Opens a dispute, recording who ([method@Tandem.Store.get_actor]) and
 * when. An unknown plan or activity, or an empty reason, is refused naming
 * it.
 *
 * Returns: (transfer full): the open dispute, or %NULL with an error
 *
 * Since: 1.0
 */
TandemDispute *
tandem_dispute_open (TandemStore  *self,
                     TandemRep    *rep,
                     const char   *plan,
                     TandemPeriod *period,
                     gint64        activity_id,
                     const char   *reason,
                     GError      **error)
{
  g_autoptr (TandemTransaction) tx = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *label = NULL;
  g_auto (TandemSchedule) schedule = { 0 };
  TandemDisputeRecord record = { 0 };

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (TANDEM_IS_REP (rep), NULL);
  g_return_val_if_fail (plan != NULL && period != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!has_text (reason))
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                   _ ("A dispute needs a reason: say what is wrong"));
      return NULL;
    }
  if (activity_id < 0)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_FOUND,
                   _ ("No activity #%" PRId64), activity_id);
      return NULL;
    }
  if (activity_id > 0)
    {
      g_autoptr (TandemActivity) activity = tandem_store_get_activity (self, activity_id, error);

      if (activity == NULL)
        return NULL;
    }

  tx = _tandem_transaction_new (self);
  if (!_tandem_transaction_begin (tx, error)
      || !_tandem_schedule_load (&schedule, _tandem_transaction_get_db (tx), error))
    return NULL;
  if (_tandem_schedule_latest_version (&schedule, plan) == NULL)
    return _tandem_plan_not_found (plan, error), NULL;

  label = tandem_period_to_string (period);
  record.rep_id = tandem_rep_get_id (rep);
  record.plan = (char *)plan;
  record.label = label;
  record.activity_id = activity_id;
  record.reason = (char *)reason;
  record.opened_by = (char *)tandem_store_get_actor (self);
  record.opened_at = _tandem_time_to_usec (now);
  if (!_tandem_db_insert_dispute (_tandem_transaction_get_db (tx), &record, error))
    return NULL;
  {
    g_autofree char *what
        = g_strdup_printf ("dispute #%" PRId64 " of rep #%" PRId64 " about %s of plan “%s”: %s",
                           record.id, record.rep_id, label, plan, reason);

    if (!_tandem_transaction_commit_audited (tx, "dispute open", what, error))
      return NULL;
  }
  return dispute_from_record (self, &record, error);
}

/* Every dispute, oldest first. */
static GArray *
list_records (TandemStore *self, GError **error)
{
  g_autoptr (TandemTransaction) tx = _tandem_transaction_new (self);

  return _tandem_db_list_disputes (_tandem_transaction_get_db (tx), error);
}

/**
 * tandem_dispute_list:
 * @self: a `TandemStore`
 * @open_only: only the disputes that are still open
 * @error: return location for a #GError
 *
 * Lists disputes, oldest first.
 *
 * Returns: (transfer full): a list of [class@Tandem.Dispute]
 *
 * Since: 1.0
 */
GListModel *
tandem_dispute_list (TandemStore *self, gboolean open_only, GError **error)
{
  g_autoptr (GListStore) list = g_list_store_new (TANDEM_TYPE_DISPUTE);
  g_autoptr (GArray) records = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);

  if ((records = list_records (self, error)) == NULL)
    return NULL;
  for (guint i = 0; i < records->len; i++)
    {
      const TandemDisputeRecord *r = &g_array_index (records, TandemDisputeRecord, i);
      g_autoptr (TandemDispute) item = NULL;

      if (open_only && r->state != TANDEM_DISPUTE_STATE_OPEN)
        continue;
      if ((item = dispute_from_record (self, r, error)) == NULL)
        return NULL;
      g_list_store_append (list, item);
    }
  return G_LIST_MODEL (g_steal_pointer (&list));
}

/* Resolves dispute @id: accepted with @amount into @into, or rejected. */
static TandemDispute *
resolve (TandemStore  *self,
         gint64        id,
         TandemMoney  *amount,
         TandemPeriod *into,
         const char   *note,
         GError      **error)
{
  g_autoptr (TandemTransaction) tx = _tandem_transaction_new (self);
  g_autoptr (GArray) records = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *into_label = into != NULL ? tandem_period_to_string (into) : NULL;
  g_auto (TandemSchedule) schedule = { 0 };
  TandemDisputeRecord *r = NULL;

  if (!_tandem_transaction_begin (tx, error)
      || (records = _tandem_db_list_disputes (_tandem_transaction_get_db (tx), error)) == NULL
      || !_tandem_schedule_load (&schedule, _tandem_transaction_get_db (tx), error))
    return NULL;
  for (guint i = 0; i < records->len && r == NULL; i++)
    if (g_array_index (records, TandemDisputeRecord, i).id == id)
      r = &g_array_index (records, TandemDisputeRecord, i);
  if (r == NULL)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_FOUND,
                   _ ("No dispute #%" PRId64), id);
      return NULL;
    }
  if (r->state != TANDEM_DISPUTE_STATE_OPEN)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_WRONG_STATE,
                   r->state == TANDEM_DISPUTE_STATE_ACCEPTED
                       ? _ ("Dispute #%" PRId64 " was already accepted by %s")
                       : _ ("Dispute #%" PRId64 " was already rejected by %s"),
                   id, r->resolved_by);
      return NULL;
    }

  /* an adjustment goes into a period that can still change */
  for (guint i = 0; into_label != NULL && i < schedule.closed->len; i++)
    {
      const TandemScheduleRecord *c = &g_array_index (schedule.closed, TandemScheduleRecord, i);

      if (strcmp (c->name, r->plan) == 0 && strcmp (c->from_label, into_label) == 0)
        {
          g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CLOSED_PERIOD,
                       _ ("Dispute #%" PRId64 ": period %s of plan “%s” is closed; put the "
                          "adjustment into an open period"),
                       id, into_label, r->plan);
          return NULL;
        }
    }

  r->state = into != NULL ? TANDEM_DISPUTE_STATE_ACCEPTED : TANDEM_DISPUTE_STATE_REJECTED;
  g_free (r->resolved_by);
  r->resolved_by = g_strdup (tandem_store_get_actor (self));
  r->resolved_at = _tandem_time_to_usec (now);
  g_free (r->note);
  r->note = g_strdup (note);
  if (amount != NULL)
    {
      r->amount_minor = tandem_money_get_minor_units (amount);
      g_strlcpy (r->currency, tandem_money_get_currency (amount), sizeof r->currency);
    }
  g_free (r->into_label);
  r->into_label = g_strdup (into_label);
  if (!_tandem_db_resolve_dispute (_tandem_transaction_get_db (tx), r, error))
    return NULL;
  {
    g_autofree char *adjusted
        = into != NULL ? _tandem_money_format_display (r->amount_minor, r->currency) : NULL;
    g_autofree char *what = into != NULL
                                ? g_strdup_printf ("dispute #%" PRId64 " accepted: %s into %s", id,
                                                   adjusted, into_label)
                                : g_strdup_printf ("dispute #%" PRId64 " rejected: %s", id, note);

    if (!_tandem_transaction_commit_audited (tx, "dispute resolve", what, error))
      return NULL;
  }
  return dispute_from_record (self, r, error);
}

/**
 * tandem_dispute_accept:
 * @self: a `TandemStore`
 * @id: an open dispute's id
 * @amount: the adjustment for the rep (negative takes back)
 * @into: an open period of the dispute's plan
 * @note: (nullable): a note for the rep
 * @error: return location for a #GError
 *
 * Accepts a dispute: the settlement of @into gets an `adjustment` line of
 * @amount for the rep whose explanation names the dispute (`dispute #ID`).
 * A dispute that is not open (%TANDEM_STORE_ERROR_WRONG_STATE), a zero
 * amount (%TANDEM_STORE_ERROR_INVALID) or a closed @into
 * (%TANDEM_STORE_ERROR_CLOSED_PERIOD) is refused.
 *
 * Returns: (transfer full): the accepted dispute, or %NULL with an error
 *
 * Since: 1.0
 */
TandemDispute *
tandem_dispute_accept (TandemStore  *self,
                       gint64        id,
                       TandemMoney  *amount,
                       TandemPeriod *into,
                       const char   *note,
                       GError      **error)
{
  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (amount != NULL && into != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (tandem_money_get_minor_units (amount) == 0)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                   _ ("Dispute #%" PRId64 ": an accepted dispute adjusts by an amount other "
                      "than zero; reject it otherwise"),
                   id);
      return NULL;
    }
  return resolve (self, id, amount, into, note, error);
}

/**
 * tandem_dispute_reject:
 * @self: a `TandemStore`
 * @id: an open dispute's id
 * @note: why it is rejected
 * @error: return location for a #GError
 *
 * Rejects a dispute with a note. A dispute that is not open is refused
 * with %TANDEM_STORE_ERROR_WRONG_STATE, an empty note with
 * %TANDEM_STORE_ERROR_INVALID.
 *
 * Returns: (transfer full): the rejected dispute, or %NULL with an error
 *
 * Since: 1.0
 */
TandemDispute *
tandem_dispute_reject (TandemStore *self, gint64 id, const char *note, GError **error)
{
  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!has_text (note))
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                   _ ("Dispute #%" PRId64 ": a rejection needs a note saying why"), id);
      return NULL;
    }
  return resolve (self, id, NULL, NULL, note, error);
}
