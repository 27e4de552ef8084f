/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-db-settlement.c: the SQL of settling and closing: the settlement
 * scan, referrals, closed periods with their lines and tandem figures,
 * what pay on collection reads of orders, and disputes. */

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include "tandem-i18n-private.h"

#include "tandem-db-internal-private.h"
#include "tandem-store-private.h"
#include "tandem-activity-private.h"
#include "tandem-util-private.h"

/* The text of the statements this file runs, by id. */
static const char *const statements[N_STMTS] = {
  [STMT_SCAN_SETTLEMENT]
  = "SELECT a.id, a.account_id, a.rep_id, a.kind, a.amount_minor, a.currency, a.occurred_at, "
    "       acc.team_id, a.reverses_id, r.kind, r.account_id, r.rep_id, r.amount_minor, "
    "r.occurred_at, a.product, a.category, a.cost_minor, a.quantity "
    "FROM activity a JOIN account acc ON acc.id = a.account_id "
    "LEFT JOIN activity r ON r.id = a.reverses_id "
    "WHERE a.occurred_at >= ?1 AND a.occurred_at < ?2 AND (CAST (?3 AS BIGINT) >> CAST (a.kind AS "
    "INTEGER)) & 1 = 1 "
    "ORDER BY a.occurred_at, a.id",
  [STMT_LIST_REFERRALS]
  = "SELECT acc.id, acc.referred_by, o.id, o.occurred_at FROM account acc "
    "JOIN activity o ON o.id = (SELECT id FROM activity WHERE account_id = acc.id AND kind = ?1 "
    "                           ORDER BY occurred_at, id LIMIT 1) "
    "WHERE acc.referred_by IS NOT NULL ORDER BY acc.id",
  [STMT_INSERT_DISPUTE]
  = "INSERT INTO dispute (rep_id, plan, label, activity_id, reason, opened_by, opened_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id",
  [STMT_RESOLVE_DISPUTE]
  = "UPDATE dispute SET state = ?2, resolved_by = ?3, resolved_at = ?4, note = ?5, "
    "amount_minor = ?6, currency = ?7, into_label = ?8 WHERE id = ?1 AND state = 0",
  [STMT_LIST_DISPUTES]
  = "SELECT id, rep_id, plan, label, coalesce (activity_id, 0), reason, opened_by, opened_at, "
    "state, resolved_by, coalesce (resolved_at, 0), note, coalesce (amount_minor, 0), "
    "currency, into_label FROM dispute ORDER BY id",
  [STMT_INSERT_CLOSED] = "INSERT INTO closed_period (plan, label, start_at, end_at, closed_at) "
                         "VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
  [STMT_INSERT_LINE]
  = "INSERT INTO settlement_line (period_id, rep_id, kind, amount_minor, activity_id, explanation, "
    "team_id, earned_minor) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
  [STMT_LOAD_CLOSED]
  = "SELECT l.rep_id, l.kind, l.amount_minor, l.activity_id, NULL, l.team_id, "
    "l.earned_minor, l.id FROM closed_period p JOIN settlement_line l ON l.period_id = p.id "
    "WHERE p.plan = ?1 AND p.label = ?2 ORDER BY l.id",
  [STMT_INSERT_CLOSED_TEAM]
  = "INSERT INTO closed_team (period_id, team_id, revenue_minor, target_minor, attainment, "
    "payout_minor) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
  [STMT_LOAD_CLOSED_TEAMS]
  = "SELECT t.team_id, t.revenue_minor, t.target_minor, t.attainment, t.payout_minor "
    "FROM closed_period p JOIN closed_team t ON t.period_id = p.id "
    "WHERE p.plan = ?1 AND p.label = ?2 ORDER BY t.team_id",
  [STMT_SUM_REVERSALS] = "SELECT CAST (coalesce (sum (amount_minor), 0) AS BIGINT) FROM activity "
                         "WHERE reverses_id = ?1 AND kind = ?2",
  [STMT_LIST_ORDER_FLOWS] = "SELECT id, kind, amount_minor, occurred_at, currency FROM activity "
                            "WHERE id = ?1 OR (reverses_id = ?1 AND occurred_at < ?2) "
                            "ORDER BY CASE WHEN id = ?1 THEN 0 ELSE 1 END, occurred_at, id",
  [STMT_LIST_OPEN_ORDERS]
  = "SELECT o.id FROM activity o WHERE o.occurred_at < ?1 "
    "AND (CAST (?3 AS BIGINT) >> CAST (o.kind AS INTEGER)) & 1 = 1 "
    "AND o.amount_minor > (SELECT coalesce (sum (f.amount_minor), 0) FROM activity f "
    "                      WHERE f.reverses_id = o.id AND f.occurred_at < ?2) "
    "ORDER BY o.id",
  [STMT_LIST_RANGES] = "SELECT start_at, end_at, plan, label FROM closed_period ORDER BY start_at",
  [STMT_LINES_FOR_ACTIVITY]
  = "SELECT rep_id, kind, amount_minor, activity_id, explanation, team_id, earned_minor, id "
    "FROM settlement_line WHERE activity_id = ?1 ORDER BY id",
  [STMT_LINE_TEXTS]
  = "SELECT id, explanation FROM settlement_line WHERE id >= ?1 AND id < ?2 ORDER BY id",
};

gboolean
_tandem_db_scan_settlement (TandemDb        *self,
                            gint64           since,
                            gint64           until,
                            TandemSettleFunc func,
                            gpointer         user_data,
                            GError         **error)
{
  TandemSqlStmt *stmt = NULL;
  int            rc;

  /* A statement of its own, not the cached one: @func may start another
   * scan (settling an earlier period for a clawback) while this one runs. */
  stmt = tandem_sql_prepare (self->driver, statements[STMT_SCAN_SETTLEMENT]);
  if (stmt == NULL)
    return _tandem_db_error (self, _ ("Could not read activities for settlement"), error);

  /* a month's activities: a server sends them a batch at a time */
  tandem_sql_stmt_set_streaming (stmt);
  tandem_sql_bind_int64 (stmt, 1, since);
  tandem_sql_bind_int64 (stmt, 2, until);
  tandem_sql_bind_int64 (stmt, 3, _tandem_activity_kinds_mask (_tandem_activity_kind_settles));

  while ((rc = tandem_sql_step (stmt)) == TANDEM_SQL_ROW)
    {
      TandemSettleRecord r;

      r.id = tandem_sql_column_int64 (stmt, 0);
      r.account_id = tandem_sql_column_int64 (stmt, 1);
      r.rep_id = tandem_sql_column_int64 (stmt, 2);
      r.kind = tandem_sql_column_int (stmt, 3);
      r.amount_minor = tandem_sql_column_int64 (stmt, 4);
      _tandem_sql_column_currency (stmt, 5, r.currency);
      r.occurred_at = tandem_sql_column_int64 (stmt, 6);
      r.team_id = tandem_sql_column_int64 (stmt, 7);
      r.reverses_id = tandem_sql_column_int64 (stmt, 8);
      r.reversed_kind = tandem_sql_column_int (stmt, 9);
      r.reversed_account_id = tandem_sql_column_int64 (stmt, 10);
      r.reversed_rep_id = tandem_sql_column_int64 (stmt, 11);
      r.reversed_amount = tandem_sql_column_int64 (stmt, 12);
      r.reversed_at = tandem_sql_column_int64 (stmt, 13);
      r.product = tandem_sql_column_text (stmt, 14);
      r.category = tandem_sql_column_text (stmt, 15);
      r.has_cost = !tandem_sql_column_is_null (stmt, 16);
      r.cost_minor = tandem_sql_column_int64 (stmt, 16);
      r.quantity = tandem_sql_column_int64 (stmt, 17);

      if (!func (&r, user_data, error))
        {
          tandem_sql_finalize (stmt);
          return FALSE;
        }
    }
  tandem_sql_finalize (stmt);

  if (rc != TANDEM_SQL_DONE)
    return _tandem_db_error (self, _ ("Could not read activities for settlement"), error);
  return TRUE;
}

static void
read_referral (TandemSqlStmt *stmt, TandemReferralRecord *record)
{
  record->account_id = tandem_sql_column_int64 (stmt, 0);
  record->referrer_id = tandem_sql_column_int64 (stmt, 1);
  record->order_id = tandem_sql_column_int64 (stmt, 2);
  record->order_at = tandem_sql_column_int64 (stmt, 3);
}

GArray *
_tandem_db_list_referrals (TandemDb *self, GError **error)
{
  TandemSqlStmt *stmt = _tandem_db_stmt (self, statements, STMT_LIST_REFERRALS, error);

  /* the referral bonus is paid on a referred account's first order */
  if (stmt != NULL)
    tandem_sql_bind_int64 (stmt, 1, TANDEM_ACTIVITY_KIND_ORDER);
  return _tandem_db_list_rows (self, stmt, sizeof (TandemReferralRecord), NULL,
                               (gpointer)read_referral, _ ("Could not list referrals"), error);
}

gboolean
_tandem_db_close_period (TandemDb        *self,
                         const char      *plan,
                         const char      *label,
                         gint64           start,
                         gint64           end,
                         gint64           closed_at,
                         TandemLineSource lines,
                         gpointer         lines_data,
                         GArray          *teams,
                         GError         **error)
{
  g_autoptr (GError) local = NULL;
  TandemSqlStmt   *stmt;
  gint64           period_id;
  TandemLineRecord line = { 0 };

  if (!_tandem_db_begin (self, error))
    return FALSE;

  stmt = _tandem_db_stmt (self, statements, STMT_INSERT_CLOSED, error);
  if (stmt == NULL)
    goto fail;
  tandem_sql_bind_text (stmt, 1, plan);
  tandem_sql_bind_text (stmt, 2, label);
  tandem_sql_bind_int64 (stmt, 3, start);
  tandem_sql_bind_int64 (stmt, 4, end);
  tandem_sql_bind_int64 (stmt, 5, closed_at);
  if (!_tandem_db_step_insert (self, stmt, _ ("Could not close the period"), &period_id, &local))
    {
      if (g_error_matches (local, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CONFLICT))
        g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CLOSED_PERIOD,
                     _ ("Period %s of plan “%s” is already closed"), label, plan);
      else
        g_propagate_error (error, g_steal_pointer (&local));
      goto fail;
    }

  for (; lines (lines_data, &line); _tandem_line_record_clear (&line))
    {
      const TandemLineRecord *l = &line;

      stmt = _tandem_db_stmt (self, statements, STMT_INSERT_LINE, error);
      if (stmt == NULL)
        goto fail;
      tandem_sql_bind_int64 (stmt, 1, period_id);
      tandem_sql_bind_int64 (stmt, 2, l->rep_id);
      tandem_sql_bind_int64 (stmt, 3, l->kind);
      tandem_sql_bind_int64 (stmt, 4, l->amount_minor);
      _tandem_sql_bind_optional_id (stmt, 5, l->activity_id);
      tandem_sql_bind_text (stmt, 6, l->explanation ? l->explanation : "");
      _tandem_sql_bind_optional_id (stmt, 7, l->team_id);
      if (l->has_earned)
        tandem_sql_bind_int64 (stmt, 8, l->earned);
      else
        tandem_sql_bind_null (stmt, 8);
      if (!_tandem_db_step_done (self, stmt, _ ("Could not store a settlement line"), error))
        goto fail;
    }

  for (guint i = 0; teams != NULL && i < teams->len; i++)
    {
      const TandemTeamResultRecord *t = &g_array_index (teams, TandemTeamResultRecord, i);

      stmt = _tandem_db_stmt (self, statements, STMT_INSERT_CLOSED_TEAM, error);
      if (stmt == NULL)
        goto fail;
      tandem_sql_bind_int64 (stmt, 1, period_id);
      tandem_sql_bind_int64 (stmt, 2, t->team_id);
      tandem_sql_bind_int64 (stmt, 3, t->revenue);
      if (t->has_target)
        tandem_sql_bind_int64 (stmt, 4, t->target);
      tandem_sql_bind_int64 (stmt, 5, t->attainment);
      tandem_sql_bind_int64 (stmt, 6, t->payout);
      if (!_tandem_db_step_done (self, stmt, _ ("Could not store a tandem result"), error))
        goto fail;
    }

  if (_tandem_db_commit (self, error))
    return TRUE;

fail:
  _tandem_line_record_clear (&line);
  _tandem_db_rollback (self);
  return FALSE;
}

static void
read_line (TandemSqlStmt *stmt, TandemLineRecord *record)
{
  record->rep_id = tandem_sql_column_int64 (stmt, 0);
  record->kind = tandem_sql_column_int (stmt, 1);
  record->amount_minor = tandem_sql_column_int64 (stmt, 2);
  record->activity_id = tandem_sql_column_int64 (stmt, 3);
  record->explanation = _tandem_sql_column_dup (stmt, 4);
  record->team_id = tandem_sql_column_int64 (stmt, 5);
  record->has_earned = !tandem_sql_column_is_null (stmt, 6);
  record->earned = record->has_earned ? tandem_sql_column_int64 (stmt, 6) : 0;
  record->id = tandem_sql_column_int64 (stmt, 7);
}

static void
read_line_text (TandemSqlStmt *stmt, TandemLineRecord *record)
{
  record->id = tandem_sql_column_int64 (stmt, 0);
  record->explanation = _tandem_sql_column_dup (stmt, 1);
}

static void
read_team_result (TandemSqlStmt *stmt, TandemTeamResultRecord *record)
{
  record->team_id = tandem_sql_column_int64 (stmt, 0);
  record->revenue = tandem_sql_column_int64 (stmt, 1);
  record->has_target = !tandem_sql_column_is_null (stmt, 2);
  record->target = tandem_sql_column_int64 (stmt, 2);
  record->attainment = tandem_sql_column_int (stmt, 3);
  record->payout = tandem_sql_column_int64 (stmt, 4);
}

gboolean
_tandem_db_load_closed_period (TandemDb      *self,
                               const char    *plan,
                               const char    *label,
                               TandemLineSink lines,
                               gpointer       lines_data,
                               GArray        *teams,
                               GError       **error)
{
  g_autoptr (GArray) team_rows = NULL;
  TandemSqlStmt *exists = NULL;
  gboolean       closed;
  int            rc;

  exists = tandem_sql_prepare (self->driver,
                               "SELECT 1 FROM closed_period WHERE plan = ?1 AND label = ?2");
  if (exists == NULL)
    return _tandem_db_error (self, _ ("Could not read closed periods"), error);
  tandem_sql_bind_text (exists, 1, plan);
  tandem_sql_bind_text (exists, 2, label);
  rc = tandem_sql_step (exists);
  tandem_sql_finalize (exists);
  if (rc != TANDEM_SQL_ROW && rc != TANDEM_SQL_DONE)
    return _tandem_db_error (self, _ ("Could not read closed periods"), error);
  closed = rc == TANDEM_SQL_ROW;
  if (!closed)
    return FALSE;

  {
    TandemSqlStmt *stmt = _tandem_db_stmt (self, statements, STMT_LOAD_CLOSED, error);

    if (stmt == NULL)
      return FALSE;
    tandem_sql_bind_text (stmt, 1, plan);
    tandem_sql_bind_text (stmt, 2, label);
    /* line by line into the sink: a month's lines are not held twice */
    while ((rc = tandem_sql_step (stmt)) == TANDEM_SQL_ROW)
      {
        TandemLineRecord record = { 0 };

        read_line (stmt, &record);
        lines (lines_data, &record);
        _tandem_line_record_clear (&record);
      }
    tandem_sql_reset (stmt);
    if (rc != TANDEM_SQL_DONE)
      return _tandem_db_error (self, _ ("Could not read a closed settlement"), error);
  }

  if (teams != NULL)
    {
      TandemSqlStmt *stmt = _tandem_db_stmt (self, statements, STMT_LOAD_CLOSED_TEAMS, error);

      if (stmt == NULL)
        return FALSE;
      tandem_sql_bind_text (stmt, 1, plan);
      tandem_sql_bind_text (stmt, 2, label);
      team_rows = _tandem_db_list_rows (self, stmt, sizeof (TandemTeamResultRecord), NULL,
                                        (gpointer)read_team_result,
                                        _ ("Could not read a closed settlement"), error);
      if (team_rows == NULL)
        return FALSE;
      g_array_append_vals (teams, team_rows->data, team_rows->len);
    }
  return TRUE;
}

static void
read_flow (TandemSqlStmt *stmt, TandemFlowRecord *record)
{
  record->id = tandem_sql_column_int64 (stmt, 0);
  record->kind = tandem_sql_column_int (stmt, 1);
  record->amount_minor = tandem_sql_column_int64 (stmt, 2);
  record->occurred_at = tandem_sql_column_int64 (stmt, 3);
  _tandem_sql_column_currency (stmt, 4, record->currency);
}

GArray *
_tandem_db_list_order_flows (TandemDb *self, gint64 order_id, gint64 until, GError **error)
{
  TandemSqlStmt *stmt = _tandem_db_stmt (self, statements, STMT_LIST_ORDER_FLOWS, error);

  if (stmt != NULL)
    {
      tandem_sql_bind_int64 (stmt, 1, order_id);
      tandem_sql_bind_int64 (stmt, 2, until);
    }
  return _tandem_db_list_rows (self, stmt, sizeof (TandemFlowRecord), NULL, (gpointer)read_flow,
                               _ ("Could not read the payments of an order"), error);
}

static void
read_id (TandemSqlStmt *stmt, gint64 *id)
{
  *id = tandem_sql_column_int64 (stmt, 0);
}

GArray *
_tandem_db_list_open_orders (TandemDb *self,
                             gint64    before,
                             gint64    until,
                             gint64    mask,
                             GError  **error)
{
  TandemSqlStmt *stmt = _tandem_db_stmt (self, statements, STMT_LIST_OPEN_ORDERS, error);

  if (stmt != NULL)
    {
      tandem_sql_bind_int64 (stmt, 1, before);
      tandem_sql_bind_int64 (stmt, 2, until);
      tandem_sql_bind_int64 (stmt, 3, mask);
    }
  return _tandem_db_list_rows (self, stmt, sizeof (gint64), NULL, (gpointer)read_id,
                               _ ("Could not list the orders not paid in full"), error);
}

gboolean
_tandem_db_sum_referring (TandemDb *self, gint64 activity_id, int kind, gint64 *sum, GError **error)
{
  TandemSqlStmt *stmt = _tandem_db_stmt (self, statements, STMT_SUM_REVERSALS, error);
  int            rc;

  if (stmt == NULL)
    return FALSE;
  tandem_sql_bind_int64 (stmt, 1, activity_id);
  tandem_sql_bind_int64 (stmt, 2, kind);
  rc = tandem_sql_step (stmt);
  if (rc == TANDEM_SQL_ROW)
    *sum = tandem_sql_column_int64 (stmt, 0);
  tandem_sql_reset (stmt);
  if (rc != TANDEM_SQL_ROW)
    return _tandem_db_error (self, _ ("Could not add up the reversals of an activity"), error);
  return TRUE;
}

static void
read_range (TandemSqlStmt *stmt, TandemRangeRecord *record)
{
  record->start = tandem_sql_column_int64 (stmt, 0);
  record->end = tandem_sql_column_int64 (stmt, 1);
  record->plan = _tandem_sql_column_dup (stmt, 2);
  record->label = _tandem_sql_column_dup (stmt, 3);
}

GArray *
_tandem_db_list_closed_ranges (TandemDb *self, GError **error)
{

  return _tandem_db_list_rows (self, _tandem_db_stmt (self, statements, STMT_LIST_RANGES, error),
                               sizeof (TandemRangeRecord),
                               (GDestroyNotify)_tandem_range_record_clear, (gpointer)read_range,
                               _ ("Could not read closed periods"), error);
}

GArray *
_tandem_db_list_closed_lines_for_activity (TandemDb *self, gint64 activity_id, GError **error)
{
  TandemSqlStmt *stmt = _tandem_db_stmt (self, statements, STMT_LINES_FOR_ACTIVITY, error);

  if (stmt != NULL)
    tandem_sql_bind_int64 (stmt, 1, activity_id);
  return _tandem_db_list_rows (self, stmt, sizeof (TandemLineRecord),
                               (GDestroyNotify)_tandem_line_record_clear, (gpointer)read_line,
                               _ ("Could not read closed lines"), error);
}

GArray *
_tandem_db_list_line_texts (TandemDb *self, gint64 first, gint64 end, GError **error)
{
  TandemSqlStmt *stmt = _tandem_db_stmt (self, statements, STMT_LINE_TEXTS, error);

  if (stmt != NULL)
    {
      tandem_sql_bind_int64 (stmt, 1, first);
      tandem_sql_bind_int64 (stmt, 2, end);
    }
  return _tandem_db_list_rows (self, stmt, sizeof (TandemLineRecord),
                               (GDestroyNotify)_tandem_line_record_clear, (gpointer)read_line_text,
                               _ ("Could not read closed lines"), error);
}

gboolean
_tandem_db_insert_dispute (TandemDb *self, TandemDisputeRecord *r, GError **error)
{
  TandemSqlStmt *stmt = _tandem_db_stmt (self, statements, STMT_INSERT_DISPUTE, error);

  if (stmt == NULL)
    return FALSE;
  tandem_sql_bind_int64 (stmt, 1, r->rep_id);
  tandem_sql_bind_text (stmt, 2, r->plan);
  tandem_sql_bind_text (stmt, 3, r->label);
  _tandem_sql_bind_optional_id (stmt, 4, r->activity_id);
  tandem_sql_bind_text (stmt, 5, r->reason);
  tandem_sql_bind_text (stmt, 6, r->opened_by);
  tandem_sql_bind_int64 (stmt, 7, r->opened_at);
  return _tandem_db_step_insert (self, stmt, _ ("Could not open the dispute"), &r->id, error);
}

gboolean
_tandem_db_resolve_dispute (TandemDb *self, const TandemDisputeRecord *r, GError **error)
{
  TandemSqlStmt *stmt = _tandem_db_stmt (self, statements, STMT_RESOLVE_DISPUTE, error);

  if (stmt == NULL)
    return FALSE;
  tandem_sql_bind_int64 (stmt, 1, r->id);
  tandem_sql_bind_int64 (stmt, 2, r->state);
  tandem_sql_bind_text (stmt, 3, r->resolved_by);
  tandem_sql_bind_int64 (stmt, 4, r->resolved_at);
  _tandem_sql_bind_optional_text (stmt, 5, r->note);
  if (r->into_label != NULL)
    {
      tandem_sql_bind_int64 (stmt, 6, r->amount_minor);
      tandem_sql_bind_text (stmt, 7, r->currency);
    }
  else
    {
      tandem_sql_bind_null (stmt, 6);
      tandem_sql_bind_null (stmt, 7);
    }
  _tandem_sql_bind_optional_text (stmt, 8, r->into_label);
  if (!_tandem_db_step_done (self, stmt, _ ("Could not resolve the dispute"), error))
    return FALSE;
  if (tandem_sql_changes (self->driver) == 0)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_WRONG_STATE,
                   _ ("Dispute #%" PRId64 " is not open"), r->id);
      return FALSE;
    }
  return TRUE;
}

static void
read_dispute (TandemSqlStmt *stmt, TandemDisputeRecord *r)
{
  r->id = tandem_sql_column_int64 (stmt, 0);
  r->rep_id = tandem_sql_column_int64 (stmt, 1);
  r->plan = _tandem_sql_column_dup (stmt, 2);
  r->label = _tandem_sql_column_dup (stmt, 3);
  r->activity_id = tandem_sql_column_int64 (stmt, 4);
  r->reason = _tandem_sql_column_dup (stmt, 5);
  r->opened_by = _tandem_sql_column_dup (stmt, 6);
  r->opened_at = tandem_sql_column_int64 (stmt, 7);
  r->state = tandem_sql_column_int (stmt, 8);
  r->resolved_by = _tandem_sql_column_dup (stmt, 9);
  r->resolved_at = tandem_sql_column_int64 (stmt, 10);
  r->note = _tandem_sql_column_dup (stmt, 11);
  r->amount_minor = tandem_sql_column_int64 (stmt, 12);
  _tandem_sql_column_currency (stmt, 13, r->currency);
  r->into_label = _tandem_sql_column_dup (stmt, 14);
}

GArray *
_tandem_db_list_disputes (TandemDb *self, GError **error)
{

  return _tandem_db_list_rows (self, _tandem_db_stmt (self, statements, STMT_LIST_DISPUTES, error),
                               sizeof (TandemDisputeRecord),
                               (GDestroyNotify)_tandem_dispute_record_clear, (gpointer)read_dispute,
                               _ ("Could not read disputes"), error);
}
