/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-db-method.c: the SQL of the tandem method's records: the account
 * lifecycle rules, KPI rows, rep tags, account revenue for the matcher,
 * support requests, shadowing and charters. */

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
  [STMT_LOAD_LIFECYCLE]
  = "SELECT regular_orders, regular_months, lost_after_days FROM lifecycle_rule WHERE id = 1",
  [STMT_SAVE_LIFECYCLE]
  = "INSERT INTO lifecycle_rule (id, regular_orders, regular_months, lost_after_days) "
    "VALUES (1, ?1, ?2, ?3) ON CONFLICT (id) DO UPDATE SET regular_orders = ?1, "
    "regular_months = ?2, lost_after_days = ?3",
  /* the period's activities in two parts: those that reverse or pay
   * nothing, and those that do, joined to the activity they reverse or
   * pay; one LEFT JOIN of every activity to its original would let
   * PostgreSQL hash the whole table, however small the period (7.6 s for
   * a month of a sixteen-million store against 2.0 s) */
  [STMT_KPI_ROWS]
  = "SELECT coalesce (x.team_id, 0), x.kind, x.original_kind, r.role, coalesce (x.currency, ''), "
    "  count (*), CAST (coalesce (sum (x.amount_minor), 0) AS BIGINT), max (x.at), max (x.id) "
    "FROM (SELECT acc.team_id, a.kind, a.kind AS original_kind, a.rep_id, a.currency, "
    "        a.amount_minor, a.occurred_at AS at, a.id "
    "      FROM activity a JOIN account acc ON acc.id = a.account_id "
    "      WHERE a.occurred_at >= ?1 AND a.occurred_at < ?2 AND a.reverses_id IS NULL "
    "      UNION ALL "
    "      SELECT acc.team_id, a.kind, o.kind, o.rep_id, a.currency, a.amount_minor, "
    "        o.occurred_at, a.id "
    "      FROM activity a JOIN account acc ON acc.id = a.account_id "
    "        JOIN activity o ON o.id = a.reverses_id "
    "      WHERE a.occurred_at >= ?1 AND a.occurred_at < ?2 AND a.reverses_id IS NOT NULL) x "
    "JOIN rep r ON r.id = x.rep_id "
    "GROUP BY 1, 2, 3, 4, 5, CASE WHEN x.currency IS NULL OR x.currency = ?3 "
    "THEN 0 ELSE x.id END ORDER BY 1, 2, 3, 4, 5, 9",
  [STMT_SET_TAG] = "INSERT INTO rep_tag (rep_id, kind, tag, level) VALUES (?1, ?2, ?3, ?4) "
                   "ON CONFLICT (rep_id, kind, tag) DO UPDATE SET level = excluded.level",
  [STMT_DELETE_TAG] = "DELETE FROM rep_tag WHERE rep_id = ?1 AND kind = ?2 AND tag = ?3",
  [STMT_LIST_TAGS]
  = "SELECT rep_id, kind, tag, level FROM rep_tag WHERE rep_id = ?1 ORDER BY kind, tag",
  [STMT_LIST_ALL_TAGS] = "SELECT rep_id, kind, tag, level FROM rep_tag ORDER BY rep_id, kind, tag",
  [STMT_ACCOUNT_REVENUE]
  = "SELECT account_id, CAST (sum (CASE kind WHEN ?5 THEN -amount_minor ELSE amount_minor END) AS "
    "BIGINT) "
    "FROM activity WHERE occurred_at >= ?1 AND occurred_at < ?2 AND currency = ?3 "
    "AND (CAST (?4 AS BIGINT) >> CAST (kind AS INTEGER)) & 1 = 1 GROUP BY account_id ORDER BY "
    "account_id",
  [STMT_INSERT_SUPPORT]
  = "INSERT INTO support_request (activity_id, owner_id, queue, due_at) VALUES (?1, ?2, ?3, ?4)",
  [STMT_CLOSE_SUPPORT] = "UPDATE support_request SET closed_by = ?2, closed_at = ?3 "
                         "WHERE activity_id = ?1 AND closed_at IS NULL",
  [STMT_INSERT_SHADOWING]
  = "INSERT INTO shadowing (activity_id, host_id, minutes) VALUES (?1, ?2, ?3)",
  [STMT_LIST_SHADOWING]
  = "SELECT activity_id, host_id, minutes FROM shadowing ORDER BY activity_id",
  [STMT_MAX_CHARTER] = "SELECT coalesce (max (version), 0) FROM charter_area WHERE team_id = ?1",
  [STMT_INSERT_AREA]
  = "INSERT INTO charter_area (team_id, version, area, owner) VALUES (?1, ?2, ?3, ?4)",
  [STMT_LIST_AREAS] = "SELECT team_id, version, area, owner FROM charter_area WHERE team_id = ?1 "
                      "ORDER BY version, area",
  [STMT_CONFIRM] = "INSERT INTO charter_confirmation (team_id, version, rep_id, confirmed_at) "
                   "VALUES (?1, ?2, ?3, ?4) "
                   "ON CONFLICT (team_id, version, rep_id) DO NOTHING",
  [STMT_LIST_CONFIRMATIONS]
  = "SELECT team_id, version, rep_id, confirmed_at FROM charter_confirmation "
    "WHERE team_id = ?1 ORDER BY version, confirmed_at, rep_id",
};

static void
read_lifecycle (TandemSqlStmt *stmt, TandemLifecycleRecord *record)
{
  record->regular_orders = tandem_sql_column_int (stmt, 0);
  record->regular_months = tandem_sql_column_int (stmt, 1);
  record->lost_after_days = tandem_sql_column_int (stmt, 2);
}

gboolean
_tandem_db_load_lifecycle (TandemDb *self, TandemLifecycleRecord *record, GError **error)
{
  g_autoptr (GArray) rows
      = _tandem_db_list_rows (self, _tandem_db_stmt (self, statements, STMT_LOAD_LIFECYCLE, error),
                              sizeof (TandemLifecycleRecord), NULL, (gpointer)read_lifecycle,
                              _ ("Could not read the lifecycle rules"), error);

  if (rows == NULL)
    return FALSE;

  if (rows->len > 0)
    *record = g_array_index (rows, TandemLifecycleRecord, 0);
  else
    *record = (TandemLifecycleRecord){ 3, 12, 365 };
  return TRUE;
}

gboolean
_tandem_db_save_lifecycle (TandemDb *self, const TandemLifecycleRecord *record, GError **error)
{
  TandemSqlStmt *stmt = _tandem_db_stmt (self, statements, STMT_SAVE_LIFECYCLE, error);

  if (stmt == NULL)
    return FALSE;

  tandem_sql_bind_int64 (stmt, 1, record->regular_orders);
  tandem_sql_bind_int64 (stmt, 2, record->regular_months);
  tandem_sql_bind_int64 (stmt, 3, record->lost_after_days);
  return _tandem_db_step_done (self, stmt, _ ("Could not save the lifecycle rules"), error);
}

static void
read_kpi (TandemSqlStmt *stmt, TandemKpiRecord *record)
{
  record->team_id = tandem_sql_column_int64 (stmt, 0);
  record->kind = tandem_sql_column_int (stmt, 1);
  record->base_kind = tandem_sql_column_int (stmt, 2);
  record->role = tandem_sql_column_int (stmt, 3);
  _tandem_sql_column_currency (stmt, 4, record->currency);
  record->count = tandem_sql_column_int64 (stmt, 5);
  record->amount = tandem_sql_column_int64 (stmt, 6);
  record->at = tandem_sql_column_int64 (stmt, 7);
  record->activity_id = tandem_sql_column_int64 (stmt, 8);
}

GArray *
_tandem_db_list_kpi_rows (TandemDb   *self,
                          gint64      since,
                          gint64      until,
                          const char *currency,
                          GError    **error)
{
  TandemSqlStmt *stmt = _tandem_db_stmt (self, statements, STMT_KPI_ROWS, error);

  if (stmt != NULL)
    {
      tandem_sql_bind_int64 (stmt, 1, since);
      tandem_sql_bind_int64 (stmt, 2, until);
      tandem_sql_bind_text (stmt, 3, currency);
    }
  return _tandem_db_list_rows (self, stmt, sizeof (TandemKpiRecord), NULL, (gpointer)read_kpi,
                               _ ("Could not add up the period’s activities"), error);
}

gboolean
_tandem_db_set_rep_tag (TandemDb   *self,
                        gint64      rep_id,
                        int         kind,
                        const char *tag,
                        int         level,
                        GError    **error)
{
  TandemSqlStmt *stmt
      = _tandem_db_stmt (self, statements, level > 0 ? STMT_SET_TAG : STMT_DELETE_TAG, error);

  if (stmt == NULL)
    return FALSE;

  tandem_sql_bind_int64 (stmt, 1, rep_id);
  tandem_sql_bind_int64 (stmt, 2, kind);
  tandem_sql_bind_text (stmt, 3, tag);
  if (level > 0)
    tandem_sql_bind_int64 (stmt, 4, level);
  return _tandem_db_step_done (self, stmt, _ ("Could not store the rep’s tag"), error);
}

static void
read_tag (TandemSqlStmt *stmt, TandemTagRecord *record)
{
  record->rep_id = tandem_sql_column_int64 (stmt, 0);
  record->kind = tandem_sql_column_int (stmt, 1);
  record->tag = _tandem_sql_column_dup (stmt, 2);
  record->level = tandem_sql_column_int (stmt, 3);
}

GArray *
_tandem_db_list_rep_tags (TandemDb *self, gint64 rep_id, GError **error)
{
  TandemSqlStmt *stmt
      = _tandem_db_stmt (self, statements, rep_id > 0 ? STMT_LIST_TAGS : STMT_LIST_ALL_TAGS, error);

  if (stmt != NULL && rep_id > 0)
    tandem_sql_bind_int64 (stmt, 1, rep_id);
  return _tandem_db_list_rows (self, stmt, sizeof (TandemTagRecord),
                               (GDestroyNotify)_tandem_tag_record_clear, (gpointer)read_tag,
                               _ ("Could not list the reps’ tags"), error);
}

static void
read_revenue (TandemSqlStmt *stmt, TandemRevenueRecord *record)
{
  record->account_id = tandem_sql_column_int64 (stmt, 0);
  record->revenue = tandem_sql_column_int64 (stmt, 1);
}

GArray *
_tandem_db_list_account_revenue (TandemDb   *self,
                                 gint64      since,
                                 gint64      until,
                                 const char *currency,
                                 GError    **error)
{
  TandemSqlStmt *stmt = _tandem_db_stmt (self, statements, STMT_ACCOUNT_REVENUE, error);

  if (stmt != NULL)
    {
      tandem_sql_bind_int64 (stmt, 1, since);
      tandem_sql_bind_int64 (stmt, 2, until);
      tandem_sql_bind_text (stmt, 3, currency);
      tandem_sql_bind_int64 (stmt, 4, _tandem_activity_kinds_mask (_tandem_activity_kind_settles));
      tandem_sql_bind_int64 (stmt, 5, TANDEM_ACTIVITY_KIND_REVERSAL);
    }
  return _tandem_db_list_rows (self, stmt, sizeof (TandemRevenueRecord), NULL,
                               (gpointer)read_revenue, _ ("Could not add up revenue per account"),
                               error);
}

gboolean
_tandem_db_insert_support (TandemDb *self, const TandemSupportRecord *record, GError **error)
{
  TandemSqlStmt *stmt = _tandem_db_stmt (self, statements, STMT_INSERT_SUPPORT, error);

  if (stmt == NULL)
    return FALSE;

  tandem_sql_bind_int64 (stmt, 1, record->activity_id);
  tandem_sql_bind_int64 (stmt, 2, record->owner_id);
  tandem_sql_bind_text (stmt, 3, record->queue);
  tandem_sql_bind_int64 (stmt, 4, record->due_at);
  return _tandem_db_step_done (self, stmt, _ ("Could not open the support request"), error);
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

GArray *
_tandem_db_list_support (TandemDb   *self,
                         const char *queue,
                         gboolean    open_only,
                         gint64      due_before,
                         gint64      activity_id,
                         GError    **error)
{
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
      _tandem_db_error (self, _ ("Could not list support requests"), error);
      return NULL;
    }
  if (queue != NULL)
    tandem_sql_bind_text (stmt, i++, queue);
  if (due_before != G_MAXINT64)
    tandem_sql_bind_int64 (stmt, i++, due_before);
  if (activity_id > 0)
    tandem_sql_bind_int64 (stmt, i++, activity_id);

  rows = _tandem_db_list_rows (self, stmt, sizeof (TandemSupportRecord),
                               (GDestroyNotify)_tandem_support_record_clear, (gpointer)read_support,
                               _ ("Could not list support requests"), error);
  tandem_sql_finalize (stmt);
  return rows;
}

gboolean
_tandem_db_insert_shadowing (TandemDb *self, const TandemShadowingRecord *record, GError **error)
{
  TandemSqlStmt *stmt = _tandem_db_stmt (self, statements, STMT_INSERT_SHADOWING, error);

  if (stmt == NULL)
    return FALSE;

  tandem_sql_bind_int64 (stmt, 1, record->activity_id);
  tandem_sql_bind_int64 (stmt, 2, record->host_id);
  tandem_sql_bind_int64 (stmt, 3, record->minutes);
  return _tandem_db_step_done (self, stmt, _ ("Could not record the shadowing"), error);
}

static void
read_shadowing (TandemSqlStmt *stmt, TandemShadowingRecord *record)
{
  record->activity_id = tandem_sql_column_int64 (stmt, 0);
  record->host_id = tandem_sql_column_int64 (stmt, 1);
  record->minutes = tandem_sql_column_int64 (stmt, 2);
}

GArray *
_tandem_db_list_shadowing (TandemDb *self, GError **error)
{

  return _tandem_db_list_rows (self, _tandem_db_stmt (self, statements, STMT_LIST_SHADOWING, error),
                               sizeof (TandemShadowingRecord), NULL, (gpointer)read_shadowing,
                               _ ("Could not list shadowing"), error);
}

gboolean
_tandem_db_insert_charter (TandemDb *self,
                           gint64    team_id,
                           GArray   *areas,
                           int      *version,
                           GError  **error)
{
  TandemSqlStmt *stmt;
  int            next = 0;

  if (!_tandem_db_begin (self, error))
    return FALSE;

  stmt = _tandem_db_stmt (self, statements, STMT_MAX_CHARTER, error);
  if (stmt == NULL)
    goto fail;
  tandem_sql_bind_int64 (stmt, 1, team_id);
  if (tandem_sql_step (stmt) == TANDEM_SQL_ROW)
    next = tandem_sql_column_int (stmt, 0) + 1;
  tandem_sql_reset (stmt);
  if (next == 0)
    {
      _tandem_db_error (self, _ ("Could not read the charter’s versions"), error);
      goto fail;
    }

  for (guint i = 0; i < areas->len; i++)
    {
      const TandemCharterAreaRecord *a = &g_array_index (areas, TandemCharterAreaRecord, i);

      stmt = _tandem_db_stmt (self, statements, STMT_INSERT_AREA, error);
      if (stmt == NULL)
        goto fail;
      tandem_sql_bind_int64 (stmt, 1, team_id);
      tandem_sql_bind_int64 (stmt, 2, next);
      tandem_sql_bind_text (stmt, 3, a->area);
      tandem_sql_bind_int64 (stmt, 4, a->owner);
      if (!_tandem_db_step_done (self, stmt, _ ("Could not store the charter"), error))
        goto fail;
    }

  if (_tandem_db_commit (self, error))
    {
      *version = next;
      return TRUE;
    }

fail:
  _tandem_db_rollback (self);
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

GArray *
_tandem_db_list_charter_areas (TandemDb *self, gint64 team_id, GError **error)
{
  TandemSqlStmt *stmt = _tandem_db_stmt (self, statements, STMT_LIST_AREAS, error);

  if (stmt != NULL)
    tandem_sql_bind_int64 (stmt, 1, team_id);
  return _tandem_db_list_rows (self, stmt, sizeof (TandemCharterAreaRecord),
                               (GDestroyNotify)_tandem_charter_area_record_clear,
                               (gpointer)read_area, _ ("Could not read the charter"), error);
}

gboolean
_tandem_db_confirm_charter (TandemDb *self,
                            gint64    team_id,
                            int       version,
                            gint64    rep_id,
                            gint64    confirmed_at,
                            GError  **error)
{
  TandemSqlStmt *stmt = _tandem_db_stmt (self, statements, STMT_CONFIRM, error);

  if (stmt == NULL)
    return FALSE;
  tandem_sql_bind_int64 (stmt, 1, team_id);
  tandem_sql_bind_int64 (stmt, 2, version);
  tandem_sql_bind_int64 (stmt, 3, rep_id);
  tandem_sql_bind_int64 (stmt, 4, confirmed_at);
  return _tandem_db_step_done (self, stmt, _ ("Could not record the confirmation"), error);
}

static void
read_confirmation (TandemSqlStmt *stmt, TandemConfirmationRecord *record)
{
  record->team_id = tandem_sql_column_int64 (stmt, 0);
  record->version = tandem_sql_column_int (stmt, 1);
  record->rep_id = tandem_sql_column_int64 (stmt, 2);
  record->confirmed_at = tandem_sql_column_int64 (stmt, 3);
}

GArray *
_tandem_db_list_confirmations (TandemDb *self, gint64 team_id, GError **error)
{
  TandemSqlStmt *stmt = _tandem_db_stmt (self, statements, STMT_LIST_CONFIRMATIONS, error);

  if (stmt != NULL)
    tandem_sql_bind_int64 (stmt, 1, team_id);
  return _tandem_db_list_rows (self, stmt, sizeof (TandemConfirmationRecord), NULL,
                               (gpointer)read_confirmation, _ ("Could not read the confirmations"),
                               error);
}

gboolean
_tandem_db_close_support (TandemDb *self,
                          gint64    activity_id,
                          gint64    closed_by,
                          gint64    closed_at,
                          GError  **error)
{
  TandemSqlStmt *stmt = _tandem_db_stmt (self, statements, STMT_CLOSE_SUPPORT, error);

  if (stmt == NULL)
    return FALSE;

  tandem_sql_bind_int64 (stmt, 1, activity_id);
  tandem_sql_bind_int64 (stmt, 2, closed_by);
  tandem_sql_bind_int64 (stmt, 3, closed_at);
  if (!_tandem_db_step_done (self, stmt, _ ("Could not close the support request"), error))
    return FALSE;
  if (tandem_sql_changes (self->driver) == 0)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                   _ ("Support request %" PRId64 " is not open"), activity_id);
      return FALSE;
    }
  return TRUE;
}
