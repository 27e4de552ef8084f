/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-sql-backend-method.c: the SQL backend's settlement scans,
 * closed periods and the method's records (rep tags, support, shadowing,
 * charters); the statements' text is in tandem-sql-backend.c */

#include "config.h"

#include <inttypes.h>

#include "tandem-i18n-private.h"
#include <string.h>

#include "tandem-sql-backend-private.h"
#include "tandem-sql-backend-internal-private.h"
#include "tandem-store-private.h"
#include "tandem-util-private.h"

static gboolean
_tandem_sql_backend_scan_settlement (TandemBackend   *backend,
                                     gint64           since,
                                     gint64           until,
                                     TandemSettleFunc func,
                                     gpointer         user_data,
                                     GError         **error)
{
  TandemSqlBackend *self = TANDEM_SQL_BACKEND (backend);
  TandemSqlStmt    *stmt = NULL;
  int               rc;

  /* A statement of its own, not the cached one: @func may start another
   * scan (settling an earlier period for a clawback) while this one runs. */
  stmt = tandem_sql_prepare (self->driver, _tandem_sql_text (STMT_SCAN_SETTLEMENT));
  if (stmt == NULL)
    return _tandem_sql_error (self, _ ("Could not read activities for settlement"), error);

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

      if (!func (&r, user_data, error))
        {
          tandem_sql_finalize (stmt);
          return FALSE;
        }
    }
  tandem_sql_finalize (stmt);

  if (rc != TANDEM_SQL_DONE)
    return _tandem_sql_error (self, _ ("Could not read activities for settlement"), error);
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

static GArray *
_tandem_sql_backend_list_referrals (TandemBackend *backend, GError **error)
{
  TandemSqlBackend *self = TANDEM_SQL_BACKEND (backend);
  TandemSqlStmt    *stmt = _tandem_sql_get_stmt (self, STMT_LIST_REFERRALS, error);

  /* the referral bonus is paid on a referred account's first order */
  if (stmt != NULL)
    tandem_sql_bind_int64 (stmt, 1, TANDEM_ACTIVITY_KIND_ORDER);
  return _tandem_sql_list_rows (self, stmt, sizeof (TandemReferralRecord), NULL,
                                (gpointer)read_referral, _ ("Could not list referrals"), error);
}

static gboolean
_tandem_sql_backend_close_period (TandemBackend   *backend,
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
  TandemSqlBackend *self = TANDEM_SQL_BACKEND (backend);
  TandemSqlStmt    *stmt;
  gint64            period_id;
  TandemLineRecord  line = { 0 };

  if (!_tandem_sql_backend_begin (backend, error))
    return FALSE;

  stmt = _tandem_sql_get_stmt (self, STMT_INSERT_CLOSED, error);
  if (stmt == NULL)
    goto fail;
  tandem_sql_bind_text (stmt, 1, plan);
  tandem_sql_bind_text (stmt, 2, label);
  tandem_sql_bind_int64 (stmt, 3, start);
  tandem_sql_bind_int64 (stmt, 4, end);
  tandem_sql_bind_int64 (stmt, 5, closed_at);
  if (!_tandem_sql_step_insert (self, stmt, _ ("Could not close the period"), &period_id, &local))
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

      stmt = _tandem_sql_get_stmt (self, STMT_INSERT_LINE, error);
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
      if (!_tandem_sql_step_done (self, stmt, _ ("Could not store a settlement line"), error))
        goto fail;
    }

  for (guint i = 0; teams != NULL && i < teams->len; i++)
    {
      const TandemTeamResultRecord *t = &g_array_index (teams, TandemTeamResultRecord, i);

      stmt = _tandem_sql_get_stmt (self, STMT_INSERT_CLOSED_TEAM, error);
      if (stmt == NULL)
        goto fail;
      tandem_sql_bind_int64 (stmt, 1, period_id);
      tandem_sql_bind_int64 (stmt, 2, t->team_id);
      tandem_sql_bind_int64 (stmt, 3, t->revenue);
      if (t->has_target)
        tandem_sql_bind_int64 (stmt, 4, t->target);
      tandem_sql_bind_int64 (stmt, 5, t->attainment);
      tandem_sql_bind_int64 (stmt, 6, t->payout);
      if (!_tandem_sql_step_done (self, stmt, _ ("Could not store a tandem result"), error))
        goto fail;
    }

  if (_tandem_sql_backend_commit (backend, error))
    return TRUE;

fail:
  _tandem_line_record_clear (&line);
  _tandem_sql_backend_rollback (backend);
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

static gboolean
_tandem_sql_backend_load_closed_period (TandemBackend *backend,
                                        const char    *plan,
                                        const char    *label,
                                        TandemLineSink lines,
                                        gpointer       lines_data,
                                        GArray        *teams,
                                        GError       **error)
{
  TandemSqlBackend *self = TANDEM_SQL_BACKEND (backend);
  g_autoptr (GArray) team_rows = NULL;
  TandemSqlStmt *exists = NULL;
  gboolean       closed;
  int            rc;

  exists = tandem_sql_prepare (self->driver,
                               "SELECT 1 FROM closed_period WHERE plan = ?1 AND label = ?2");
  if (exists == NULL)
    return _tandem_sql_error (self, _ ("Could not read closed periods"), error);
  tandem_sql_bind_text (exists, 1, plan);
  tandem_sql_bind_text (exists, 2, label);
  rc = tandem_sql_step (exists);
  tandem_sql_finalize (exists);
  if (rc != TANDEM_SQL_ROW && rc != TANDEM_SQL_DONE)
    return _tandem_sql_error (self, _ ("Could not read closed periods"), error);
  closed = rc == TANDEM_SQL_ROW;
  if (!closed)
    return FALSE;

  {
    TandemSqlStmt *stmt = _tandem_sql_get_stmt (self, STMT_LOAD_CLOSED, error);

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
      return _tandem_sql_error (self, _ ("Could not read a closed settlement"), error);
  }

  if (teams != NULL)
    {
      TandemSqlStmt *stmt = _tandem_sql_get_stmt (self, STMT_LOAD_CLOSED_TEAMS, error);

      if (stmt == NULL)
        return FALSE;
      tandem_sql_bind_text (stmt, 1, plan);
      tandem_sql_bind_text (stmt, 2, label);
      team_rows = _tandem_sql_list_rows (self, stmt, sizeof (TandemTeamResultRecord), NULL,
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

static GArray *
_tandem_sql_backend_list_order_flows (TandemBackend *backend,
                                      gint64         order_id,
                                      gint64         until,
                                      GError       **error)
{
  TandemSqlBackend *self = TANDEM_SQL_BACKEND (backend);
  TandemSqlStmt    *stmt = _tandem_sql_get_stmt (self, STMT_LIST_ORDER_FLOWS, error);

  if (stmt != NULL)
    {
      tandem_sql_bind_int64 (stmt, 1, order_id);
      tandem_sql_bind_int64 (stmt, 2, until);
    }
  return _tandem_sql_list_rows (self, stmt, sizeof (TandemFlowRecord), NULL, (gpointer)read_flow,
                                _ ("Could not read the payments of an order"), error);
}

static void
read_id (TandemSqlStmt *stmt, gint64 *id)
{
  *id = tandem_sql_column_int64 (stmt, 0);
}

static GArray *
_tandem_sql_backend_list_open_orders (TandemBackend *backend,
                                      gint64         before,
                                      gint64         until,
                                      gint64         mask,
                                      GError       **error)
{
  TandemSqlBackend *self = TANDEM_SQL_BACKEND (backend);
  TandemSqlStmt    *stmt = _tandem_sql_get_stmt (self, STMT_LIST_OPEN_ORDERS, error);

  if (stmt != NULL)
    {
      tandem_sql_bind_int64 (stmt, 1, before);
      tandem_sql_bind_int64 (stmt, 2, until);
      tandem_sql_bind_int64 (stmt, 3, mask);
    }
  return _tandem_sql_list_rows (self, stmt, sizeof (gint64), NULL, (gpointer)read_id,
                                _ ("Could not list the orders not paid in full"), error);
}

static gboolean
_tandem_sql_backend_sum_referring (TandemBackend *backend,
                                   gint64         activity_id,
                                   int            kind,
                                   gint64        *sum,
                                   GError       **error)
{
  TandemSqlBackend *self = TANDEM_SQL_BACKEND (backend);
  TandemSqlStmt    *stmt = _tandem_sql_get_stmt (self, STMT_SUM_REVERSALS, error);
  int               rc;

  if (stmt == NULL)
    return FALSE;
  tandem_sql_bind_int64 (stmt, 1, activity_id);
  tandem_sql_bind_int64 (stmt, 2, kind);
  rc = tandem_sql_step (stmt);
  if (rc == TANDEM_SQL_ROW)
    *sum = tandem_sql_column_int64 (stmt, 0);
  tandem_sql_reset (stmt);
  if (rc != TANDEM_SQL_ROW)
    return _tandem_sql_error (self, _ ("Could not add up the reversals of an activity"), error);
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

static GArray *
_tandem_sql_backend_list_closed_ranges (TandemBackend *backend, GError **error)
{
  TandemSqlBackend *self = TANDEM_SQL_BACKEND (backend);

  return _tandem_sql_list_rows (self, _tandem_sql_get_stmt (self, STMT_LIST_RANGES, error),
                                sizeof (TandemRangeRecord),
                                (GDestroyNotify)_tandem_range_record_clear, (gpointer)read_range,
                                _ ("Could not read closed periods"), error);
}

static GArray *
_tandem_sql_backend_list_closed_lines_for_activity (TandemBackend *backend,
                                                    gint64         activity_id,
                                                    GError       **error)
{
  TandemSqlBackend *self = TANDEM_SQL_BACKEND (backend);
  TandemSqlStmt    *stmt = _tandem_sql_get_stmt (self, STMT_LINES_FOR_ACTIVITY, error);

  if (stmt != NULL)
    tandem_sql_bind_int64 (stmt, 1, activity_id);
  return _tandem_sql_list_rows (self, stmt, sizeof (TandemLineRecord),
                                (GDestroyNotify)_tandem_line_record_clear, (gpointer)read_line,
                                _ ("Could not read closed lines"), error);
}

static GArray *
_tandem_sql_backend_list_line_texts (TandemBackend *backend,
                                     gint64         first,
                                     gint64         end,
                                     GError       **error)
{
  TandemSqlBackend *self = TANDEM_SQL_BACKEND (backend);
  TandemSqlStmt    *stmt = _tandem_sql_get_stmt (self, STMT_LINE_TEXTS, error);

  if (stmt != NULL)
    {
      tandem_sql_bind_int64 (stmt, 1, first);
      tandem_sql_bind_int64 (stmt, 2, end);
    }
  return _tandem_sql_list_rows (self, stmt, sizeof (TandemLineRecord),
                                (GDestroyNotify)_tandem_line_record_clear, (gpointer)read_line_text,
                                _ ("Could not read closed lines"), error);
}

static gboolean
_tandem_sql_backend_set_rep_tag (TandemBackend *backend,
                                 gint64         rep_id,
                                 int            kind,
                                 const char    *tag,
                                 int            level,
                                 GError       **error)
{
  TandemSqlBackend *self = TANDEM_SQL_BACKEND (backend);
  TandemSqlStmt    *stmt
      = _tandem_sql_get_stmt (self, level > 0 ? STMT_SET_TAG : STMT_DELETE_TAG, error);

  if (stmt == NULL)
    return FALSE;

  tandem_sql_bind_int64 (stmt, 1, rep_id);
  tandem_sql_bind_int64 (stmt, 2, kind);
  tandem_sql_bind_text (stmt, 3, tag);
  if (level > 0)
    tandem_sql_bind_int64 (stmt, 4, level);
  return _tandem_sql_step_done (self, stmt, _ ("Could not store the rep’s tag"), error);
}

static void
read_tag (TandemSqlStmt *stmt, TandemTagRecord *record)
{
  record->rep_id = tandem_sql_column_int64 (stmt, 0);
  record->kind = tandem_sql_column_int (stmt, 1);
  record->tag = _tandem_sql_column_dup (stmt, 2);
  record->level = tandem_sql_column_int (stmt, 3);
}

static GArray *
_tandem_sql_backend_list_rep_tags (TandemBackend *backend, gint64 rep_id, GError **error)
{
  TandemSqlBackend *self = TANDEM_SQL_BACKEND (backend);
  TandemSqlStmt    *stmt
      = _tandem_sql_get_stmt (self, rep_id > 0 ? STMT_LIST_TAGS : STMT_LIST_ALL_TAGS, error);

  if (stmt != NULL && rep_id > 0)
    tandem_sql_bind_int64 (stmt, 1, rep_id);
  return _tandem_sql_list_rows (self, stmt, sizeof (TandemTagRecord),
                                (GDestroyNotify)_tandem_tag_record_clear, (gpointer)read_tag,
                                _ ("Could not list the reps’ tags"), error);
}

static void
read_revenue (TandemSqlStmt *stmt, TandemRevenueRecord *record)
{
  record->account_id = tandem_sql_column_int64 (stmt, 0);
  record->revenue = tandem_sql_column_int64 (stmt, 1);
}

static GArray *
_tandem_sql_backend_list_account_revenue (TandemBackend *backend,
                                          gint64         since,
                                          gint64         until,
                                          const char    *currency,
                                          GError       **error)
{
  TandemSqlBackend *self = TANDEM_SQL_BACKEND (backend);
  TandemSqlStmt    *stmt = _tandem_sql_get_stmt (self, STMT_ACCOUNT_REVENUE, error);

  if (stmt != NULL)
    {
      tandem_sql_bind_int64 (stmt, 1, since);
      tandem_sql_bind_int64 (stmt, 2, until);
      tandem_sql_bind_text (stmt, 3, currency);
      tandem_sql_bind_int64 (stmt, 4, _tandem_activity_kinds_mask (_tandem_activity_kind_settles));
      tandem_sql_bind_int64 (stmt, 5, TANDEM_ACTIVITY_KIND_REVERSAL);
    }
  return _tandem_sql_list_rows (self, stmt, sizeof (TandemRevenueRecord), NULL,
                                (gpointer)read_revenue, _ ("Could not add up revenue per account"),
                                error);
}

static gboolean
_tandem_sql_backend_insert_support (TandemBackend             *backend,
                                    const TandemSupportRecord *record,
                                    GError                   **error)
{
  TandemSqlBackend *self = TANDEM_SQL_BACKEND (backend);
  TandemSqlStmt    *stmt = _tandem_sql_get_stmt (self, STMT_INSERT_SUPPORT, error);

  if (stmt == NULL)
    return FALSE;

  tandem_sql_bind_int64 (stmt, 1, record->activity_id);
  tandem_sql_bind_int64 (stmt, 2, record->owner_id);
  tandem_sql_bind_text (stmt, 3, record->queue);
  tandem_sql_bind_int64 (stmt, 4, record->due_at);
  return _tandem_sql_step_done (self, stmt, _ ("Could not open the support request"), error);
}

static void
read_support (TandemSqlStmt *stmt, TandemSupportRecord *record)
{
  record->activity_id = tandem_sql_column_int64 (stmt, 0);
  record->owner_id = tandem_sql_column_int64 (stmt, 1);
  record->queue = _tandem_sql_column_dup (stmt, 2);
  record->due_at = tandem_sql_column_int64 (stmt, 3);
  record->closed_by = tandem_sql_column_int64 (stmt, 4);
  record->closed_at = tandem_sql_column_int64 (stmt, 5);
}

static GArray *
_tandem_sql_backend_list_support (TandemBackend *backend,
                                  const char    *queue,
                                  gboolean       open_only,
                                  gint64         due_before,
                                  gint64         activity_id,
                                  GError       **error)
{
  TandemSqlBackend *self = TANDEM_SQL_BACKEND (backend);
  g_autoptr (GString) sql
      = g_string_new ("SELECT activity_id, owner_id, queue, due_at, closed_by, closed_at "
                      "FROM support_request WHERE TRUE");
  TandemSqlStmt *stmt = NULL;
  GArray        *rows;
  int            i = 1;

  if (queue != NULL)
    g_string_append (sql, " AND queue = ?");
  if (open_only)
    g_string_append (sql, " AND closed_at IS NULL");
  if (due_before != G_MAXINT64)
    g_string_append (sql, " AND due_at < ?");
  if (activity_id > 0)
    g_string_append (sql, " AND activity_id = ?");
  g_string_append (sql, " ORDER BY due_at, activity_id");

  stmt = tandem_sql_prepare (self->driver, sql->str);
  if (stmt == NULL)
    {
      _tandem_sql_error (self, _ ("Could not list support requests"), error);
      return NULL;
    }
  if (queue != NULL)
    tandem_sql_bind_text (stmt, i++, queue);
  if (due_before != G_MAXINT64)
    tandem_sql_bind_int64 (stmt, i++, due_before);
  if (activity_id > 0)
    tandem_sql_bind_int64 (stmt, i++, activity_id);

  rows = _tandem_sql_list_rows (
      self, stmt, sizeof (TandemSupportRecord), (GDestroyNotify)_tandem_support_record_clear,
      (gpointer)read_support, _ ("Could not list support requests"), error);
  tandem_sql_finalize (stmt);
  return rows;
}

static gboolean
_tandem_sql_backend_insert_shadowing (TandemBackend               *backend,
                                      const TandemShadowingRecord *record,
                                      GError                     **error)
{
  TandemSqlBackend *self = TANDEM_SQL_BACKEND (backend);
  TandemSqlStmt    *stmt = _tandem_sql_get_stmt (self, STMT_INSERT_SHADOWING, error);

  if (stmt == NULL)
    return FALSE;

  tandem_sql_bind_int64 (stmt, 1, record->activity_id);
  tandem_sql_bind_int64 (stmt, 2, record->host_id);
  tandem_sql_bind_int64 (stmt, 3, record->minutes);
  return _tandem_sql_step_done (self, stmt, _ ("Could not record the shadowing"), error);
}

static void
read_shadowing (TandemSqlStmt *stmt, TandemShadowingRecord *record)
{
  record->activity_id = tandem_sql_column_int64 (stmt, 0);
  record->host_id = tandem_sql_column_int64 (stmt, 1);
  record->minutes = tandem_sql_column_int64 (stmt, 2);
}

static GArray *
_tandem_sql_backend_list_shadowing (TandemBackend *backend, GError **error)
{
  TandemSqlBackend *self = TANDEM_SQL_BACKEND (backend);

  return _tandem_sql_list_rows (self, _tandem_sql_get_stmt (self, STMT_LIST_SHADOWING, error),
                                sizeof (TandemShadowingRecord), NULL, (gpointer)read_shadowing,
                                _ ("Could not list shadowing"), error);
}

static gboolean
_tandem_sql_backend_insert_charter (TandemBackend *backend,
                                    gint64         team_id,
                                    GArray        *areas,
                                    int           *version,
                                    GError       **error)
{
  TandemSqlBackend *self = TANDEM_SQL_BACKEND (backend);
  TandemSqlStmt    *stmt;
  int               next = 0;

  if (!_tandem_sql_backend_begin (backend, error))
    return FALSE;

  stmt = _tandem_sql_get_stmt (self, STMT_MAX_CHARTER, error);
  if (stmt == NULL)
    goto fail;
  tandem_sql_bind_int64 (stmt, 1, team_id);
  if (tandem_sql_step (stmt) == TANDEM_SQL_ROW)
    next = tandem_sql_column_int (stmt, 0) + 1;
  tandem_sql_reset (stmt);
  if (next == 0)
    {
      _tandem_sql_error (self, _ ("Could not read the charter’s versions"), error);
      goto fail;
    }

  for (guint i = 0; i < areas->len; i++)
    {
      const TandemCharterAreaRecord *a = &g_array_index (areas, TandemCharterAreaRecord, i);

      stmt = _tandem_sql_get_stmt (self, STMT_INSERT_AREA, error);
      if (stmt == NULL)
        goto fail;
      tandem_sql_bind_int64 (stmt, 1, team_id);
      tandem_sql_bind_int64 (stmt, 2, next);
      tandem_sql_bind_text (stmt, 3, a->area);
      tandem_sql_bind_int64 (stmt, 4, a->owner);
      if (!_tandem_sql_step_done (self, stmt, _ ("Could not store the charter"), error))
        goto fail;
    }

  if (_tandem_sql_backend_commit (backend, error))
    {
      *version = next;
      return TRUE;
    }

fail:
  _tandem_sql_backend_rollback (backend);
  return FALSE;
}

static void
read_area (TandemSqlStmt *stmt, TandemCharterAreaRecord *record)
{
  record->team_id = tandem_sql_column_int64 (stmt, 0);
  record->version = tandem_sql_column_int (stmt, 1);
  record->area = _tandem_sql_column_dup (stmt, 2);
  record->owner = tandem_sql_column_int (stmt, 3);
}

static GArray *
_tandem_sql_backend_list_charter_areas (TandemBackend *backend, gint64 team_id, GError **error)
{
  TandemSqlBackend *self = TANDEM_SQL_BACKEND (backend);
  TandemSqlStmt    *stmt = _tandem_sql_get_stmt (self, STMT_LIST_AREAS, error);

  if (stmt != NULL)
    tandem_sql_bind_int64 (stmt, 1, team_id);
  return _tandem_sql_list_rows (self, stmt, sizeof (TandemCharterAreaRecord),
                                (GDestroyNotify)_tandem_charter_area_record_clear,
                                (gpointer)read_area, _ ("Could not read the charter"), error);
}

static gboolean
_tandem_sql_backend_confirm_charter (TandemBackend *backend,
                                     gint64         team_id,
                                     int            version,
                                     gint64         rep_id,
                                     gint64         confirmed_at,
                                     GError       **error)
{
  TandemSqlBackend *self = TANDEM_SQL_BACKEND (backend);
  TandemSqlStmt    *stmt = _tandem_sql_get_stmt (self, STMT_CONFIRM, error);

  if (stmt == NULL)
    return FALSE;
  tandem_sql_bind_int64 (stmt, 1, team_id);
  tandem_sql_bind_int64 (stmt, 2, version);
  tandem_sql_bind_int64 (stmt, 3, rep_id);
  tandem_sql_bind_int64 (stmt, 4, confirmed_at);
  return _tandem_sql_step_done (self, stmt, _ ("Could not record the confirmation"), error);
}

static void
read_confirmation (TandemSqlStmt *stmt, TandemConfirmationRecord *record)
{
  record->team_id = tandem_sql_column_int64 (stmt, 0);
  record->version = tandem_sql_column_int (stmt, 1);
  record->rep_id = tandem_sql_column_int64 (stmt, 2);
  record->confirmed_at = tandem_sql_column_int64 (stmt, 3);
}

static GArray *
_tandem_sql_backend_list_confirmations (TandemBackend *backend, gint64 team_id, GError **error)
{
  TandemSqlBackend *self = TANDEM_SQL_BACKEND (backend);
  TandemSqlStmt    *stmt = _tandem_sql_get_stmt (self, STMT_LIST_CONFIRMATIONS, error);

  if (stmt != NULL)
    tandem_sql_bind_int64 (stmt, 1, team_id);
  return _tandem_sql_list_rows (self, stmt, sizeof (TandemConfirmationRecord), NULL,
                                (gpointer)read_confirmation, _ ("Could not read the confirmations"),
                                error);
}

static gboolean
_tandem_sql_backend_close_support (TandemBackend *backend,
                                   gint64         activity_id,
                                   gint64         closed_by,
                                   gint64         closed_at,
                                   GError       **error)
{
  TandemSqlBackend *self = TANDEM_SQL_BACKEND (backend);
  TandemSqlStmt    *stmt = _tandem_sql_get_stmt (self, STMT_CLOSE_SUPPORT, error);

  if (stmt == NULL)
    return FALSE;

  tandem_sql_bind_int64 (stmt, 1, activity_id);
  tandem_sql_bind_int64 (stmt, 2, closed_by);
  tandem_sql_bind_int64 (stmt, 3, closed_at);
  if (!_tandem_sql_step_done (self, stmt, _ ("Could not close the support request"), error))
    return FALSE;
  if (tandem_sql_changes (self->driver) == 0)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                   _ ("Support request %" PRId64 " is not open"), activity_id);
      return FALSE;
    }
  return TRUE;
}

void
_tandem_sql_backend_method_iface_init (TandemBackendInterface *iface)
{
  iface->scan_settlement = _tandem_sql_backend_scan_settlement;
  iface->list_referrals = _tandem_sql_backend_list_referrals;
  iface->close_period = _tandem_sql_backend_close_period;
  iface->load_closed_period = _tandem_sql_backend_load_closed_period;
  iface->sum_referring = _tandem_sql_backend_sum_referring;
  iface->list_order_flows = _tandem_sql_backend_list_order_flows;
  iface->list_open_orders = _tandem_sql_backend_list_open_orders;
  iface->list_closed_ranges = _tandem_sql_backend_list_closed_ranges;
  iface->list_closed_lines_for_activity = _tandem_sql_backend_list_closed_lines_for_activity;
  iface->list_line_texts = _tandem_sql_backend_list_line_texts;
  iface->set_rep_tag = _tandem_sql_backend_set_rep_tag;
  iface->list_rep_tags = _tandem_sql_backend_list_rep_tags;
  iface->list_account_revenue = _tandem_sql_backend_list_account_revenue;
  iface->insert_support = _tandem_sql_backend_insert_support;
  iface->list_support = _tandem_sql_backend_list_support;
  iface->close_support = _tandem_sql_backend_close_support;
  iface->insert_shadowing = _tandem_sql_backend_insert_shadowing;
  iface->list_shadowing = _tandem_sql_backend_list_shadowing;
  iface->insert_charter = _tandem_sql_backend_insert_charter;
  iface->list_charter_areas = _tandem_sql_backend_list_charter_areas;
  iface->confirm_charter = _tandem_sql_backend_confirm_charter;
  iface->list_confirmations = _tandem_sql_backend_list_confirmations;
}
