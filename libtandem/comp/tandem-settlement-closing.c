/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-settlement-closing.c: closing a settlement period: its lines frozen in one
 * write transaction, in the order of the plan's periods */

#include "config.h"

#include <inttypes.h>

#include "tandem-i18n-private.h"
#include <string.h>

#include "tandem-settlement.h"
#include "tandem-settlement-private.h"
#include "tandem-settlement-engine-private.h"
#include "tandem-plan-version.h"
#include "tandem-target.h"
#include "tandem-draw.h"
#include "tandem-exchange-rate.h"
#include "tandem-plan-private.h"
#include "tandem-schedule-private.h"
#include "tandem-currency-private.h"
#include "tandem-store-private.h"
#include "tandem-util-private.h"

/* A draft's lines as the store writes them when the period closes, each
 * with its explanation, then what each rep has held. */
typedef struct
{
  TandemSettlement *draft;
  GList            *held; /* rep ids, ascending */
  GList            *next_held;
  TandemLineIter    iter;
} Closing;

static void
closing_free (Closing *closing)
{
  g_list_free (closing->held);
  g_free (closing);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Closing, closing_free)

static gboolean
closing_line (gpointer data, TandemLineRecord *r)
{
  Closing          *closing = data;
  const TandemLine *l = _tandem_line_iter_next (&closing->iter);

  if (l != NULL)
    {
      r->rep_id = l->rep_id;
      r->kind = l->kind;
      r->amount_minor = l->amount;
      r->activity_id = l->activity_id;
      /* a draft's explanations are made from its own figures and the
       * names it resolved: nothing is read, nothing fails */
      r->explanation = _tandem_settlement_explain (closing->draft, l, NULL);
      if (r->explanation == NULL)
        r->explanation = g_strdup ("");
      r->team_id = l->team_id;
      r->has_earned = (l->flags & LINE_EARNED) != 0;
      r->earned = l->earned;
      return TRUE;
    }
  /* what each rep has held stays with the period, outside its lines */
  while (closing->next_held != NULL)
    {
      gint64 *rep_id = closing->next_held->data;
      gint64  amount = *(gint64 *)g_hash_table_lookup (closing->draft->held, rep_id);

      closing->next_held = closing->next_held->next;
      if (amount == 0)
        continue;
      memset (r, 0, sizeof *r);
      r->rep_id = *rep_id;
      r->kind = TANDEM_LINE_RECORD_HELD;
      r->amount_minor = amount;
      r->explanation = g_strdup ("");
      return TRUE;
    }
  return FALSE;
}

/* Whether a tandem that follows @plan at @start has activities in
 * [start, end); with one plan every tandem follows it. */
static gint64
plan_activities (TandemDb             *db,
                 const TandemSchedule *schedule,
                 GArray               *teams,
                 const char           *plan,
                 gint64                start,
                 gint64                end,
                 GError              **error)
{
  TandemActivityScan scan = { 0, 0, 0, -1, start, end, 0 };

  if (_tandem_schedule_n_plans (schedule) <= 1)
    return _tandem_db_count_activities (db, &scan, error);
  for (guint i = 0; i < teams->len; i++)
    {
      gint64      id = g_array_index (teams, TandemTeamRecord, i).id;
      const char *follows = _tandem_schedule_team_plan (schedule, id, start);
      gint64      n;

      if (follows == NULL || strcmp (follows, plan) != 0)
        continue;
      scan.team_id = id;
      if ((n = _tandem_db_count_activities (db, &scan, error)) != 0)
        return n;
    }
  return 0;
}

/* A plan's periods close in order: refuses @period while an earlier period
 * of @plan (from its first version on) with activities of its tandems is
 * open, naming the earliest. Walks back only as far as there are
 * activities, one count per period. */
static gboolean
check_close_order (TandemDb *db, TandemPlan *plan, TandemPeriod *period, GError **error)
{
  g_auto (TandemSchedule) schedule = { 0 };
  g_autoptr (GArray) teams = NULL;
  g_autoptr (TandemPeriod) q = NULL;
  g_autoptr (TandemPeriod) open = NULL;
  const char        *name = tandem_plan_get_name (plan);
  gint64             from = G_MININT64, remaining;
  TandemActivityScan before = { 0, 0, 0, -1, G_MININT64, 0, 0 };

  if (!_tandem_schedule_load (&schedule, db, error)
      || (teams = _tandem_db_list_teams (db, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < schedule.versions->len; i++)
    {
      const TandemScheduleRecord *v = &g_array_index (schedule.versions, TandemScheduleRecord, i);

      if (v->number == 1 && strcmp (v->name, name) == 0 && v->from_label != NULL)
        from = v->from_at;
    }
  before.since = from;
  before.until = _tandem_plan_period_start (plan, period);
  if ((remaining = _tandem_db_count_activities (db, &before, error)) < 0)
    return FALSE;

  q = tandem_period_get_previous (period);
  while (remaining > 0)
    {
      gint64 start = _tandem_plan_period_start (plan, q);
      g_autoptr (TandemPeriod) next = tandem_period_get_next (q);
      gint64             end = _tandem_plan_period_start (plan, next);
      TandemActivityScan in = { 0, 0, 0, -1, start, end, 0 };
      g_autofree char   *label = tandem_period_to_string (q);
      gint64             n;
      gboolean           closed = FALSE;

      if (end <= from)
        break;
      if ((n = _tandem_db_count_activities (db, &in, error)) < 0)
        return FALSE;
      remaining -= n;
      for (guint i = 0; n > 0 && i < schedule.closed->len && !closed; i++)
        {
          const TandemScheduleRecord *c = &g_array_index (schedule.closed, TandemScheduleRecord, i);

          closed = strcmp (c->name, name) == 0 && g_strcmp0 (c->from_label, label) == 0;
        }
      if (n > 0 && !closed)
        {
          gint64 mine = plan_activities (db, &schedule, teams, name, start, end, error);

          if (mine < 0)
            return FALSE;
          if (mine > 0)
            {
              g_clear_pointer (&open, tandem_period_free);
              open = tandem_period_copy (q);
            }
        }
      {
        TandemPeriod *prev = tandem_period_get_previous (q);

        tandem_period_free (q);
        q = prev;
      }
    }
  if (open != NULL)
    {
      g_autofree char *label = tandem_period_to_string (period);
      g_autofree char *earlier = tandem_period_to_string (open);
      g_autofree char *shell_plan = _tandem_shell_word (name);

      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_WRONG_STATE,
                   _ ("Period %s of plan “%s” cannot be closed while the earlier period %s, "
                      "which has activities, is open: close it first (tandem close %s --plan %s)"),
                   label, name, earlier, earlier, shell_plan);
      return FALSE;
    }
  return TRUE;
}

/**
 * tandem_settlement_close:
 * @self: a `TandemStore`
 * @plan: the compensation plan
 * @period: the period to close
 * @error: return location for a #GError
 *
 * Settles @period and freezes it: its lines, with their explanations, are
 * stored and never change; activities dated inside it can no longer be
 * logged (%TANDEM_STORE_ERROR_CLOSED_PERIOD). A later reversal of an
 * order from the closed period lands as a clawback in its own period.
 * Closing a closed period is an error.
 *
 * Returns: (transfer full): the closed settlement, or %NULL
 *
 * Since: 1.0
 */
TandemSettlement *
tandem_settlement_close (TandemStore *self, TandemPlan *plan, TandemPeriod *period, GError **error)
{
  g_autoptr (TandemSettlement) draft = NULL;
  g_autoptr (Closing) closing = NULL;
  g_autoptr (GArray) teams = NULL;
  g_autoptr (GDateTime) start = NULL;
  g_autoptr (GDateTime) end = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *label = NULL;
  g_autoptr (TandemTransaction) tx = NULL;
  g_autoptr (TandemSettlement) closed = NULL;
  guint version = 0;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (TANDEM_IS_PLAN (plan), NULL);
  g_return_val_if_fail (period != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* One write transaction from reading the activities to freezing the
   * lines: a writer of an activity before the period's end either commits
   * before it (and is settled) or waits and then finds the period closed;
   * on a server, writers of later activities go on beside it. */
  start = tandem_period_get_start (period, tandem_plan_get_time_zone (plan));
  end = tandem_period_get_end (period, tandem_plan_get_time_zone (plan));
  tx = _tandem_transaction_new (self);
  if (!_tandem_transaction_begin_before (tx, _tandem_time_to_usec (end), error))
    return NULL;

  /* the plan version a closed period used is stored with it, and never
   * changes: a definition not yet stored for this period becomes a version
   * from this period on */
  {
    g_autoptr (TandemPlan) stored = NULL;
    g_autoptr (GError) local = NULL;

    stored = tandem_plan_load_at (self, tandem_plan_get_name (plan), period, &local);
    if (stored == NULL
        && !g_error_matches (local, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_FOUND))
      {
        g_propagate_error (error, g_steal_pointer (&local));
        return NULL;
      }
    if ((stored == NULL || strcmp (tandem_plan_get_data (stored), tandem_plan_get_data (plan)) != 0)
        && !_tandem_plan_version_save_in (tx, plan, stored != NULL ? period : NULL, &version, NULL,
                                          error))
      return NULL;
  }

  draft = _tandem_settle_in (tx, plan, period, NULL, NULL, error);
  if (draft == NULL)
    return NULL;

  label = tandem_period_to_string (period);
  if (draft->state != TANDEM_SETTLEMENT_STATE_CLOSED
      && !check_close_order (_tandem_transaction_get_db (tx), plan, period, error))
    return NULL;
  if (draft->state == TANDEM_SETTLEMENT_STATE_CLOSED)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CLOSED_PERIOD,
                   _ ("Period %s of plan “%s” is already closed"), label,
                   tandem_plan_get_name (plan));
      return NULL;
    }

  closing = g_new0 (Closing, 1);
  closing->draft = draft;
  if (draft->held != NULL)
    closing->held = g_list_sort (g_hash_table_get_keys (draft->held), _tandem_compare_int64);
  closing->next_held = closing->held;
  _tandem_line_iter_init (&closing->iter, draft->lines, 0, G_MAXUINT);

  teams = g_array_new (FALSE, TRUE, sizeof (TandemTeamResultRecord));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (draft->teams)); i++)
    {
      g_autoptr (TandemTeamResult) t = g_list_model_get_item (G_LIST_MODEL (draft->teams), i);
      TandemMoney           *target = tandem_team_result_get_target (t);
      TandemTeamResultRecord r = {
        tandem_team_get_id (tandem_team_result_get_team (t)),
        tandem_money_get_minor_units (tandem_team_result_get_revenue (t)),
        target != NULL,
        target != NULL ? tandem_money_get_minor_units (target) : 0,
        tandem_team_result_get_attainment (t),
        tandem_money_get_minor_units (tandem_team_result_get_payout (t)),
      };

      g_array_append_val (teams, r);
    }

  if (!_tandem_db_close_period (_tandem_transaction_get_db (tx), tandem_plan_get_name (plan), label,
                                _tandem_time_to_usec (start), _tandem_time_to_usec (end),
                                _tandem_time_to_usec (now), closing_line, closing, teams, error))
    return NULL;
  {
    TandemScheduleRecord meta = { 0 };

    meta.name = (char *)tandem_plan_get_name (plan);
    meta.from_label = label;
    meta.number = draft->plan_version;
    if (!_tandem_db_save_schedule (_tandem_transaction_get_db (tx), TANDEM_SCHEDULE_CLOSED_VERSION,
                                   &meta, NULL, error))
      return NULL;
    for (guint i = 0; draft->rates != NULL && i < draft->rates->len; i++)
      {
        TandemScheduleRecord rate = g_array_index (draft->rates, TandemScheduleRecord, i);

        rate.name = meta.name;
        rate.from_label = label;
        if (!_tandem_db_save_schedule (_tandem_transaction_get_db (tx), TANDEM_SCHEDULE_CLOSED_RATE,
                                       &rate, NULL, error))
          return NULL;
      }
  }
  /* the closed period as it reads back now; the draft goes first */
  g_clear_object (&draft);
  closed = _tandem_settle_in (tx, plan, period, NULL, NULL, error);
  if (closed == NULL)
    return NULL;
  {
    g_autofree char *total = _tandem_money_format_display (closed->total, closed->currency);
    g_autofree char *what
        = g_strdup_printf ("period %s of plan “%s” (version %u): %u lines, total %s", label,
                           tandem_plan_get_name (plan), closed->plan_version,
                           _tandem_line_table_get_len (closed->lines), total);

    if (!_tandem_transaction_commit_audited (tx, "close", what, error))
      return NULL;
  }
  return g_steal_pointer (&closed);
}
