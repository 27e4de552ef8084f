/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-sql-backend.c: the store's SQL, written once over a
 * TandemSqlDriver (SQLite or PostgreSQL): queries, record
 * mapping and the rules the store itself enforces. */

#include "config.h"

#include <inttypes.h>

#include "tandem-i18n-private.h"
#include <string.h>

#include "tandem-sql-backend-private.h"
#include "tandem-sql-backend-internal-private.h"
#include "tandem-store-private.h"
#include "tandem-util-private.h"

static const char *const stmt_sql[N_STMTS] = {
  [STMT_INSERT_REP] = "INSERT INTO rep (name, role, archived, personnel_number) "
                      "VALUES (?1, ?2, ?3, ?4) RETURNING id",
  [STMT_UPDATE_REP] = "UPDATE rep SET name = ?2, role = ?3, archived = ?4, personnel_number = ?5 "
                      "WHERE id = ?1",
  [STMT_LOAD_REP] = "SELECT id, name, role, archived, personnel_number FROM rep WHERE id = ?1",
  [STMT_LIST_REPS] = "SELECT id, name, role, archived, personnel_number FROM rep ORDER BY id",
#define TEAM_COLUMNS                                                              \
  "t.id, t.name, t.inside_share, t.target_minor, t.target_currency, t.archived, " \
  "m.inside_rep_id, m.field_rep_id FROM team t "                                  \
  "LEFT JOIN team_member m ON m.team_id = t.id AND m.valid_until IS NULL "
  [STMT_INSERT_TEAM]
  = "INSERT INTO team (name, inside_share, target_minor, target_currency, archived) "
    "VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
  [STMT_UPDATE_TEAM] = "UPDATE team SET name = ?2, inside_share = ?3, target_minor = ?4, "
                       "target_currency = ?5, archived = ?6 WHERE id = ?1",
  [STMT_LOAD_TEAM] = "SELECT " TEAM_COLUMNS "WHERE t.id = ?1",
  [STMT_LIST_TEAMS] = "SELECT " TEAM_COLUMNS "ORDER BY t.id",
  [STMT_INSERT_MEMBER]
  = "INSERT INTO team_member (team_id, inside_rep_id, field_rep_id, valid_from) "
    "VALUES (?1, ?2, ?3, ?4)",
  [STMT_CLOSE_MEMBER]
  = "UPDATE team_member SET valid_until = ?2 WHERE team_id = ?1 AND valid_until IS NULL",
  [STMT_SET_TEAM_START]
  = "UPDATE team_member SET valid_from = ?2 WHERE id = (SELECT id FROM team_member "
    "WHERE team_id = ?1 ORDER BY valid_from, id LIMIT 1)",
  [STMT_LIST_MEMBERS] = "SELECT team_id, inside_rep_id, field_rep_id, valid_from, valid_until "
                        "FROM team_member WHERE team_id = ?1 ORDER BY valid_from, id",
  [STMT_LIST_ALL_MEMBERS] = "SELECT team_id, inside_rep_id, field_rep_id, valid_from, valid_until "
                            "FROM team_member ORDER BY team_id, valid_from, id",
  [STMT_INSERT_ACCOUNT]
  = "INSERT INTO account (name, team_id, category, stage, referred_by, archived, number) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id",
  [STMT_UPDATE_ACCOUNT] = "UPDATE account SET name = ?2, team_id = ?3, category = ?4, stage = ?5, "
                          "referred_by = ?6, archived = ?7, number = ?8 WHERE id = ?1",
  [STMT_LOAD_ACCOUNT] = "SELECT id, name, team_id, category, stage, referred_by, archived, "
                        "number FROM account WHERE id = ?1",
  [STMT_LIST_ACCOUNTS] = "SELECT id, name, team_id, category, stage, referred_by, archived, "
                         "number FROM account ORDER BY id",
  [STMT_INSERT_STAGE]
  = "INSERT INTO account_stage (account_id, stage, changed_at, cause, activity_id) "
    "VALUES (?1, ?2, ?3, ?4, ?5)",
  [STMT_LIST_STAGES]
  = "SELECT account_id, stage, changed_at, cause, activity_id FROM account_stage "
    "WHERE account_id = ?1 ORDER BY changed_at, id",
  [STMT_LIST_ALL_STAGES]
  = "SELECT account_id, stage, changed_at, cause, activity_id FROM account_stage "
    "ORDER BY account_id, changed_at, id",
  [STMT_LIST_ORDERS] = "SELECT id, occurred_at, account_id FROM activity WHERE account_id = ?1 AND "
                       "(CAST (?2 AS BIGINT) >> CAST (kind AS INTEGER)) & 1 = 1 "
                       "ORDER BY occurred_at, id",
  [STMT_LIST_ORDERS_BETWEEN]
  = "SELECT id, occurred_at, account_id FROM activity WHERE account_id BETWEEN ?1 AND ?2 AND "
    "(CAST (?3 AS BIGINT) >> CAST (kind AS INTEGER)) & 1 = 1 "
    "ORDER BY account_id, occurred_at, id",
  [STMT_LIST_STAGES_BETWEEN]
  = "SELECT account_id, stage, changed_at, cause, activity_id FROM account_stage "
    "WHERE account_id BETWEEN ?1 AND ?2 ORDER BY account_id, changed_at, id",
  [STMT_SET_ACCOUNT_STAGE] = "UPDATE account SET stage = ?2 WHERE id = ?1",
  [STMT_SET_STAGED_ACCOUNT_STAGES]
  = "UPDATE account SET stage = (SELECT u.stage FROM account_stage_update u "
    "                             WHERE u.account_id = account.id) "
    "WHERE id IN (SELECT account_id FROM account_stage_update)",
  [STMT_LOAD_LIFECYCLE]
  = "SELECT regular_orders, regular_months, lost_after_days FROM lifecycle_rule WHERE id = 1",
  [STMT_SAVE_LIFECYCLE]
  = "INSERT INTO lifecycle_rule (id, regular_orders, regular_months, lost_after_days) "
    "VALUES (1, ?1, ?2, ?3) ON CONFLICT (id) DO UPDATE SET regular_orders = ?1, "
    "regular_months = ?2, lost_after_days = ?3",
  [STMT_KPI_ROWS] = "SELECT coalesce (acc.team_id, 0), a.kind, coalesce (o.kind, a.kind), r.role, "
                    "       coalesce (a.currency, ''), count (*), CAST (coalesce (sum "
                    "(a.amount_minor), 0) AS BIGINT), max (coalesce (o.occurred_at, "
                    "a.occurred_at)), max (a.id) "
                    "FROM activity a JOIN account acc ON acc.id = a.account_id "
                    "LEFT JOIN activity o ON o.id = a.reverses_id "
                    "JOIN rep r ON r.id = coalesce (o.rep_id, a.rep_id) "
                    "WHERE a.occurred_at >= ?1 AND a.occurred_at < ?2 "
                    "GROUP BY 1, 2, 3, 4, 5, CASE WHEN a.currency IS NULL OR a.currency = ?3 "
                    "THEN 0 ELSE a.id END ORDER BY 1, 2, 3, 4, 5, 9",
#define ACTIVITY_COLUMNS                                                                           \
  "id, account_id, rep_id, kind, amount_minor, currency, occurred_at, external_ref, reverses_id, " \
  "note "
  [STMT_INSERT_ACTIVITY]
  = "INSERT INTO activity (account_id, rep_id, kind, amount_minor, currency, "
    "occurred_at, external_ref, reverses_id, note) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
    "ON CONFLICT (external_ref) DO NOTHING RETURNING id",
  [STMT_LOAD_ACTIVITY] = "SELECT " ACTIVITY_COLUMNS "FROM activity WHERE id = ?1",
  [STMT_FIND_ACTIVITY_BY_REF] = "SELECT id FROM activity WHERE external_ref = ?1",
  [STMT_MAX_ACTIVITY_ID] = "SELECT coalesce (max (id), 0) FROM activity",
  [STMT_INSERT_STAGED]
  = "INSERT INTO activity (account_id, rep_id, kind, amount_minor, currency, "
    "occurred_at, external_ref, reverses_id, note) "
    "SELECT account_id, rep_id, kind, amount_minor, currency, occurred_at, external_ref, "
    "       reverses_id, note FROM activity_stage WHERE TRUE ORDER BY pos "
    "ON CONFLICT (external_ref) DO NOTHING RETURNING id, external_ref",
  [STMT_SCAN_SETTLEMENT]
  = "SELECT a.id, a.account_id, a.rep_id, a.kind, a.amount_minor, a.currency, a.occurred_at, "
    "       acc.team_id, a.reverses_id, r.kind, r.account_id, r.rep_id, r.amount_minor, "
    "r.occurred_at "
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
  [STMT_SAVE_PLAN_VERSION] = "INSERT INTO plan_version (name, version, from_label, from_at, "
                             "definition) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
  /* every schedule list has the columns of TandemScheduleRecord: id, owner,
   * name, text, from label and time, until label and time, amount,
   * currency, to currency, number */
  [STMT_LIST_PLAN_VERSIONS]
  = "SELECT id, 0, name, definition, from_label, from_at, NULL, 0, 0, NULL, NULL, version "
    "FROM plan_version ORDER BY name, version",
  [STMT_SAVE_DEFAULT_PLAN] = "INSERT INTO plan_default (id, name) VALUES (1, ?1) "
                             "ON CONFLICT (id) DO UPDATE SET name = excluded.name",
  [STMT_LIST_DEFAULT_PLAN]
  = "SELECT 1, 0, name, NULL, NULL, 0, NULL, 0, 0, NULL, NULL, 0 FROM plan_default",
  [STMT_SAVE_TEAM_PLAN]
  = "INSERT INTO team_plan (team_id, from_label, from_at, plan) VALUES (?1, ?2, ?3, ?4) "
    "ON CONFLICT (team_id, from_at) DO UPDATE SET plan = excluded.plan, "
    "from_label = excluded.from_label",
  [STMT_LIST_TEAM_PLANS]
  = "SELECT 0, team_id, plan, NULL, from_label, from_at, NULL, 0, 0, NULL, NULL, 0 "
    "FROM team_plan ORDER BY team_id, from_at",
  [STMT_SAVE_TARGET] = "INSERT INTO team_target (team_id, label, start_at, amount_minor, currency) "
                       "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (team_id, label) DO UPDATE SET "
                       "start_at = excluded.start_at, amount_minor = excluded.amount_minor, "
                       "currency = excluded.currency",
  [STMT_LIST_TARGETS]
  = "SELECT 0, team_id, NULL, NULL, label, start_at, NULL, 0, amount_minor, currency, NULL, 0 "
    "FROM team_target ORDER BY team_id, start_at",
  [STMT_SAVE_DRAW]
  = "INSERT INTO draw (rep_id, amount_minor, currency, from_label, from_at, until_label, "
    "until_at, recoverable) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
    "ON CONFLICT (rep_id, from_at) DO UPDATE SET amount_minor = excluded.amount_minor, "
    "currency = excluded.currency, from_label = excluded.from_label, "
    "until_label = excluded.until_label, until_at = excluded.until_at, "
    "recoverable = excluded.recoverable RETURNING id",
  [STMT_LIST_DRAWS] = "SELECT id, rep_id, NULL, NULL, from_label, from_at, until_label, "
                      "coalesce (until_at, 0), amount_minor, currency, NULL, recoverable "
                      "FROM draw ORDER BY rep_id, from_at",
  [STMT_SAVE_RATE] = "INSERT INTO exchange_rate (from_currency, to_currency, from_at, rate) "
                     "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (from_currency, to_currency, from_at) "
                     "DO UPDATE SET rate = excluded.rate",
  [STMT_LIST_RATES] = "SELECT 0, 0, NULL, rate, NULL, from_at, NULL, 0, 0, from_currency, "
                      "to_currency, 0 FROM exchange_rate "
                      "ORDER BY from_currency, to_currency, from_at",
  [STMT_LIST_CLOSED_PERIODS]
  = "SELECT id, 0, plan, NULL, label, start_at, NULL, end_at, 0, NULL, NULL, "
    "coalesce (plan_version, 0) FROM closed_period ORDER BY plan, start_at",
  [STMT_SAVE_CLOSED_RATE]
  = "INSERT INTO closed_rate (period_id, from_currency, to_currency, from_at, rate) "
    "SELECT id, ?3, ?4, ?5, ?6 FROM closed_period WHERE plan = ?1 AND label = ?2",
  [STMT_LIST_CLOSED_RATES]
  = "SELECT 0, 0, p.plan, r.rate, p.label, r.from_at, NULL, 0, 0, r.from_currency, "
    "r.to_currency, 0 FROM closed_rate r JOIN closed_period p ON p.id = r.period_id "
    "ORDER BY p.plan, p.start_at, r.from_currency, r.to_currency, r.from_at",
  [STMT_SAVE_CLOSED_VERSION]
  = "UPDATE closed_period SET plan_version = ?3 WHERE plan = ?1 AND label = ?2",
  [STMT_LIST_DRAW_LINES]
  = "SELECT 0, l.rep_id, p.plan, NULL, p.label, p.start_at, NULL, p.end_at, l.amount_minor, "
    "NULL, NULL, l.kind FROM settlement_line l JOIN closed_period p ON p.id = l.period_id "
    "WHERE l.kind IN (?1, ?2) ORDER BY p.plan, p.start_at, l.id",
  [STMT_APPEND_AUDIT] = "INSERT INTO audit (at, who, verb, what) VALUES (?1, ?2, ?3, ?4)",
  [STMT_LIST_AUDIT] = "SELECT id, at, who, verb, what FROM audit WHERE at >= ?1 ORDER BY id",
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
  [STMT_SAVE_PERIOD_STATE]
  = "INSERT INTO period_state (period_id, state, who, at) "
    "SELECT id, ?3, ?4, ?5 FROM closed_period WHERE plan = ?1 AND label = ?2",
  [STMT_SAVE_PAYROLL_PROFILE]
  = "INSERT INTO payroll_profile (from_label, from_at, definition) VALUES (?1, ?2, ?3) "
    "RETURNING id",
  [STMT_LIST_PAYROLL_PROFILES] = "SELECT id, 0, NULL, definition, from_label, from_at, NULL, 0, "
                                 "0, NULL, NULL, id FROM payroll_profile ORDER BY id",
  [STMT_SAVE_SETTING] = "INSERT INTO store_setting (name, value) VALUES (?1, ?2) "
                        "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
  [STMT_LIST_SETTINGS] = "SELECT 0, 0, name, value, NULL, 0, NULL, 0, 0, NULL, NULL, 0 "
                         "FROM store_setting ORDER BY name",
  [STMT_LIST_PERIOD_STATES]
  = "SELECT 0, 0, p.plan, s.who, p.label, s.at, NULL, 0, 0, NULL, NULL, s.state "
    "FROM period_state s JOIN closed_period p ON p.id = s.period_id "
    "ORDER BY p.plan, p.start_at, s.state",
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
  [STMT_LINES_FOR_ACTIVITY]
  = "SELECT rep_id, kind, amount_minor, activity_id, explanation, team_id, earned_minor, id "
    "FROM settlement_line WHERE activity_id = ?1 ORDER BY id",
  [STMT_LINE_TEXTS]
  = "SELECT id, explanation FROM settlement_line WHERE id >= ?1 AND id < ?2 ORDER BY id",
};

static void _tandem_sql_backend_iface_init (TandemBackendInterface *iface);

static void
_tandem_sql_backend_set_bulk (TandemBackend *backend, gboolean bulk)
{
  TandemSqlDriver *driver = TANDEM_SQL_BACKEND (backend)->driver;

  if (driver->klass->set_bulk != NULL)
    driver->klass->set_bulk (driver, bulk);
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TandemSqlBackend,
                               _tandem_sql_backend,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TANDEM_TYPE_BACKEND,
                                                      _tandem_sql_backend_iface_init))

/* Takes the driver's last error, prefixed with @what; returns FALSE. */
gboolean
_tandem_sql_error (TandemSqlBackend *self, const char *what, GError **error)
{
  return _tandem_sql_driver_take_error (self->driver, what, error);
}

const char *
_tandem_sql_text (TandemStmtId id)
{
  return stmt_sql[id];
}

TandemSqlStmt *
_tandem_sql_get_stmt (TandemSqlBackend *self, TandemStmtId id, GError **error)
{
  if (self->stmts[id] == NULL)
    {
      self->stmts[id] = tandem_sql_prepare (self->driver, stmt_sql[id]);
      if (self->stmts[id] == NULL)
        {
          _tandem_sql_error (self, _ ("Could not prepare a statement"), error);
          return NULL;
        }
    }
  else
    {
      tandem_sql_reset (self->stmts[id]);
    }

  return self->stmts[id];
}

/* Runs a statement that returns no rows. */
gboolean
_tandem_sql_step_done (TandemSqlBackend *self,
                       TandemSqlStmt    *stmt,
                       const char       *what,
                       GError          **error)
{
  int rc = tandem_sql_step (stmt);

  tandem_sql_reset (stmt);
  if (rc != TANDEM_SQL_DONE)
    return _tandem_sql_error (self, what, error);
  return TRUE;
}

/* Runs an INSERT … RETURNING id: *id is the new row's id, or 0 when the
 * insert did nothing (ON CONFLICT DO NOTHING). */
gboolean
_tandem_sql_step_insert (TandemSqlBackend *self,
                         TandemSqlStmt    *stmt,
                         const char       *what,
                         gint64           *id,
                         GError          **error)
{
  TandemSqlStep rc = tandem_sql_step (stmt);

  *id = rc == TANDEM_SQL_ROW ? tandem_sql_column_int64 (stmt, 0) : 0;
  if (rc == TANDEM_SQL_ROW)
    rc = tandem_sql_step (stmt);
  tandem_sql_reset (stmt);
  if (rc != TANDEM_SQL_DONE)
    return _tandem_sql_error (self, what, error);
  return TRUE;
}

void
_tandem_sql_bind_optional_text (TandemSqlStmt *stmt, int index, const char *text)
{
  if (text != NULL)
    tandem_sql_bind_text (stmt, index, text);
  else
    tandem_sql_bind_null (stmt, index);
}

void
_tandem_sql_bind_optional_id (TandemSqlStmt *stmt, int index, gint64 id)
{
  if (id > 0)
    tandem_sql_bind_int64 (stmt, index, id);
  else
    tandem_sql_bind_null (stmt, index);
}

static void
bind_text_or_null (TandemSqlStmt *stmt, int index, const char *text)
{
  if (text != NULL)
    tandem_sql_bind_text (stmt, index, text);
  else
    tandem_sql_bind_null (stmt, index);
}

char *
_tandem_sql_column_dup (TandemSqlStmt *stmt, int column)
{
  const char *text = tandem_sql_column_text (stmt, column);

  return text != NULL ? g_strdup ((const char *)text) : NULL;
}

void
_tandem_sql_column_currency (TandemSqlStmt *stmt, int column, char out[4])
{
  const char *text = tandem_sql_column_text (stmt, column);

  memset (out, 0, 4);
  if (text != NULL)
    g_strlcpy (out, (const char *)text, 4);
}

static gboolean
not_found (const char *what, gint64 id, GError **error)
{
  g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_FOUND,
               _ ("No %s with id %" PRId64), what, id);
  return FALSE;
}

/* Runs an UPDATE of the row with @id; a row that is not stored is
 * %TANDEM_STORE_ERROR_NOT_FOUND naming @what. */
static gboolean
step_updated (TandemSqlBackend *self,
              TandemSqlStmt    *stmt,
              const char       *what,
              gint64            id,
              const char       *failure,
              GError          **error)
{
  if (!_tandem_sql_step_done (self, stmt, failure, error))
    return FALSE;
  if (tandem_sql_changes (self->driver) == 0)
    return not_found (what, id, error);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Transactions                                                        */

gboolean
_tandem_sql_backend_begin (TandemBackend *backend, GError **error)
{
  TandemSqlBackend *self = TANDEM_SQL_BACKEND (backend);

  if (self->read_only)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_READ_ONLY,
                   _ ("The store “%s” is open read-only"), self->driver->name);
      return FALSE;
    }

  if (self->tx_depth == 0 && !tandem_sql_begin (self->driver))
    return _tandem_sql_error (self, _ ("Could not begin a transaction"), error);

  self->tx_depth++;
  return TRUE;
}

void
_tandem_sql_backend_rollback (TandemBackend *backend)
{
  TandemSqlBackend *self = TANDEM_SQL_BACKEND (backend);

  self->tx_depth = 0;
  tandem_sql_rollback (self->driver);
}

gboolean
_tandem_sql_backend_commit (TandemBackend *backend, GError **error)
{
  TandemSqlBackend *self = TANDEM_SQL_BACKEND (backend);

  g_return_val_if_fail (self->tx_depth > 0, FALSE);

  if (--self->tx_depth > 0)
    return TRUE;

  if (!tandem_sql_commit (self->driver))
    {
      _tandem_sql_error (self, _ ("Could not commit"), error);
      _tandem_sql_backend_rollback (backend);
      return FALSE;
    }

  return TRUE;
}

static gboolean
_tandem_sql_backend_is_read_only (TandemBackend *backend)
{
  return TANDEM_SQL_BACKEND (backend)->read_only;
}

static int
_tandem_sql_backend_get_schema_version (TandemBackend *backend)
{
  return TANDEM_SQL_BACKEND (backend)->schema_version;
}

static gboolean
_tandem_sql_backend_check_integrity (TandemBackend *backend, GError **error)
{
  TandemSqlBackend *self = TANDEM_SQL_BACKEND (backend);

  return self->check_integrity (self->driver, error);
}

/* Reads the one row @stmt_id finds for @id into @record with @read. */
static gboolean
load_one (TandemSqlBackend *self,
          TandemStmtId      stmt_id,
          gint64            id,
          void (*read) (TandemSqlStmt *, gpointer),
          gpointer    record,
          const char *what,
          const char *failure,
          GError    **error)
{
  TandemSqlStmt *stmt = _tandem_sql_get_stmt (self, stmt_id, error);
  int            rc;

  if (stmt == NULL)
    return FALSE;

  tandem_sql_bind_int64 (stmt, 1, id);
  rc = tandem_sql_step (stmt);
  if (rc == TANDEM_SQL_ROW)
    read (stmt, record);
  tandem_sql_reset (stmt);

  if (rc == TANDEM_SQL_DONE)
    return not_found (what, id, error);
  if (rc != TANDEM_SQL_ROW)
    return _tandem_sql_error (self, failure, error);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Reps                                                                */

static void
read_rep (TandemSqlStmt *stmt, TandemRepRecord *record)
{
  record->id = tandem_sql_column_int64 (stmt, 0);
  record->name = _tandem_sql_column_dup (stmt, 1);
  record->role = tandem_sql_column_int (stmt, 2);
  record->archived = tandem_sql_column_int (stmt, 3) != 0;
  record->personnel_number = _tandem_sql_column_dup (stmt, 4);
}

static gboolean
_tandem_sql_backend_insert_rep (TandemBackend *backend, TandemRepRecord *record, GError **error)
{
  TandemSqlBackend *self = TANDEM_SQL_BACKEND (backend);
  TandemSqlStmt    *stmt = _tandem_sql_get_stmt (self, STMT_INSERT_REP, error);

  if (stmt == NULL)
    return FALSE;

  tandem_sql_bind_text (stmt, 1, record->name);
  tandem_sql_bind_int64 (stmt, 2, record->role);
  tandem_sql_bind_int64 (stmt, 3, record->archived ? 1 : 0);
  _tandem_sql_bind_optional_text (stmt, 4, record->personnel_number);
  return _tandem_sql_step_insert (self, stmt, _ ("Could not add the rep"), &record->id, error);
}

static gboolean
_tandem_sql_backend_update_rep (TandemBackend         *backend,
                                const TandemRepRecord *record,
                                GError               **error)
{
  TandemSqlBackend *self = TANDEM_SQL_BACKEND (backend);
  TandemSqlStmt    *stmt = _tandem_sql_get_stmt (self, STMT_UPDATE_REP, error);

  if (stmt == NULL)
    return FALSE;

  tandem_sql_bind_int64 (stmt, 1, record->id);
  tandem_sql_bind_text (stmt, 2, record->name);
  tandem_sql_bind_int64 (stmt, 3, record->role);
  tandem_sql_bind_int64 (stmt, 4, record->archived ? 1 : 0);
  _tandem_sql_bind_optional_text (stmt, 5, record->personnel_number);
  return step_updated (self, stmt, _ ("rep"), record->id, _ ("Could not update the rep"), error);
}

static gboolean
_tandem_sql_backend_load_rep (TandemBackend   *backend,
                              gint64           id,
                              TandemRepRecord *record,
                              GError         **error)
{
  return load_one (TANDEM_SQL_BACKEND (backend), STMT_LOAD_REP, id, (gpointer)read_rep, record,
                   _ ("rep"), _ ("Could not read a rep"), error);
}

/* Runs a list statement, appending one record per row with @read. */
GArray *
_tandem_sql_list_rows (TandemSqlBackend *self,
                       TandemSqlStmt    *stmt,
                       gsize             record_size,
                       GDestroyNotify    clear,
                       void (*read) (TandemSqlStmt *, gpointer),
                       const char *what,
                       GError    **error)
{
  g_autoptr (GArray) rows = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;

  rows = g_array_sized_new (FALSE, TRUE, record_size, 16);
  if (clear != NULL)
    g_array_set_clear_func (rows, clear);

  while ((rc = tandem_sql_step (stmt)) == TANDEM_SQL_ROW)
    {
      g_array_set_size (rows, rows->len + 1);
      read (stmt, rows->data + (rows->len - 1) * record_size);
    }
  tandem_sql_reset (stmt);

  if (rc != TANDEM_SQL_DONE)
    {
      _tandem_sql_error (self, what, error);
      return NULL;
    }

  return g_steal_pointer (&rows);
}

static GArray *
_tandem_sql_backend_list_reps (TandemBackend *backend, GError **error)
{
  TandemSqlBackend *self = TANDEM_SQL_BACKEND (backend);

  return _tandem_sql_list_rows (self, _tandem_sql_get_stmt (self, STMT_LIST_REPS, error),
                                sizeof (TandemRepRecord), (GDestroyNotify)_tandem_rep_record_clear,
                                (gpointer)read_rep, _ ("Could not list reps"), error);
}

/* ------------------------------------------------------------------ */
/* Tandems                                                             */

static void
read_team (TandemSqlStmt *stmt, TandemTeamRecord *record)
{
  record->id = tandem_sql_column_int64 (stmt, 0);
  record->name = _tandem_sql_column_dup (stmt, 1);
  record->inside_share = tandem_sql_column_int (stmt, 2);
  record->has_target = !tandem_sql_column_is_null (stmt, 3);
  record->target_minor = tandem_sql_column_int64 (stmt, 3);
  _tandem_sql_column_currency (stmt, 4, record->target_currency);
  record->archived = tandem_sql_column_int (stmt, 5) != 0;
  record->inside_rep_id = tandem_sql_column_int64 (stmt, 6);
  record->field_rep_id = tandem_sql_column_int64 (stmt, 7);
}

static void
bind_team (TandemSqlStmt *stmt, int first, const TandemTeamRecord *record)
{
  tandem_sql_bind_text (stmt, first, record->name);
  tandem_sql_bind_int64 (stmt, first + 1, record->inside_share);
  if (record->has_target)
    {
      tandem_sql_bind_int64 (stmt, first + 2, record->target_minor);
      tandem_sql_bind_text (stmt, first + 3, record->target_currency);
    }
  else
    {
      tandem_sql_bind_null (stmt, first + 2);
      tandem_sql_bind_null (stmt, first + 3);
    }
  tandem_sql_bind_int64 (stmt, first + 4, record->archived ? 1 : 0);
}

static gboolean
insert_member (TandemSqlBackend *self,
               gint64            team_id,
               gint64            inside_rep_id,
               gint64            field_rep_id,
               gint64            since,
               GError          **error)
{
  TandemSqlStmt *stmt = _tandem_sql_get_stmt (self, STMT_INSERT_MEMBER, error);

  if (stmt == NULL)
    return FALSE;

  tandem_sql_bind_int64 (stmt, 1, team_id);
  tandem_sql_bind_int64 (stmt, 2, inside_rep_id);
  tandem_sql_bind_int64 (stmt, 3, field_rep_id);
  tandem_sql_bind_int64 (stmt, 4, since);
  return _tandem_sql_step_done (self, stmt, _ ("Could not record the tandem’s members"), error);
}

static gboolean
_tandem_sql_backend_insert_team (TandemBackend    *backend,
                                 TandemTeamRecord *record,
                                 gint64            since,
                                 GError          **error)
{
  TandemSqlBackend *self = TANDEM_SQL_BACKEND (backend);
  TandemSqlStmt    *stmt;

  if (!_tandem_sql_backend_begin (backend, error))
    return FALSE;

  stmt = _tandem_sql_get_stmt (self, STMT_INSERT_TEAM, error);
  if (stmt == NULL)
    goto fail;

  bind_team (stmt, 1, record);
  if (!_tandem_sql_step_insert (self, stmt, _ ("Could not add the tandem"), &record->id, error))
    goto fail;

  if (!insert_member (self, record->id, record->inside_rep_id, record->field_rep_id, since, error))
    goto fail;

  if (_tandem_sql_backend_commit (backend, error))
    return TRUE;

fail:
  record->id = 0;
  _tandem_sql_backend_rollback (backend);
  return FALSE;
}

static gboolean
_tandem_sql_backend_update_team (TandemBackend          *backend,
                                 const TandemTeamRecord *record,
                                 GError                **error)
{
  TandemSqlBackend *self = TANDEM_SQL_BACKEND (backend);
  TandemSqlStmt    *stmt = _tandem_sql_get_stmt (self, STMT_UPDATE_TEAM, error);

  if (stmt == NULL)
    return FALSE;

  tandem_sql_bind_int64 (stmt, 1, record->id);
  bind_team (stmt, 2, record);
  return step_updated (self, stmt, _ ("tandem"), record->id, _ ("Could not update the tandem"),
                       error);
}

static gboolean
_tandem_sql_backend_load_team (TandemBackend    *backend,
                               gint64            id,
                               TandemTeamRecord *record,
                               GError          **error)
{
  return load_one (TANDEM_SQL_BACKEND (backend), STMT_LOAD_TEAM, id, (gpointer)read_team, record,
                   _ ("tandem"), _ ("Could not read a tandem"), error);
}

static GArray *
_tandem_sql_backend_list_teams (TandemBackend *backend, GError **error)
{
  TandemSqlBackend *self = TANDEM_SQL_BACKEND (backend);

  return _tandem_sql_list_rows (self, _tandem_sql_get_stmt (self, STMT_LIST_TEAMS, error),
                                sizeof (TandemTeamRecord),
                                (GDestroyNotify)_tandem_team_record_clear, (gpointer)read_team,
                                _ ("Could not list tandems"), error);
}

static gboolean
_tandem_sql_backend_set_team_start (TandemBackend *backend,
                                    gint64         team_id,
                                    gint64         since,
                                    GError       **error)
{
  TandemSqlBackend *self = TANDEM_SQL_BACKEND (backend);
  TandemSqlStmt    *stmt = _tandem_sql_get_stmt (self, STMT_SET_TEAM_START, error);

  if (stmt == NULL)
    return FALSE;
  tandem_sql_bind_int64 (stmt, 1, team_id);
  tandem_sql_bind_int64 (stmt, 2, since);
  return _tandem_sql_step_done (self, stmt, _ ("Could not move the tandem’s start"), error);
}

static gboolean
_tandem_sql_backend_change_members (TandemBackend *backend,
                                    gint64         team_id,
                                    gint64         inside_rep_id,
                                    gint64         field_rep_id,
                                    gint64         since,
                                    GError       **error)
{
  TandemSqlBackend *self = TANDEM_SQL_BACKEND (backend);
  TandemSqlStmt    *stmt;

  if (!_tandem_sql_backend_begin (backend, error))
    return FALSE;

  stmt = _tandem_sql_get_stmt (self, STMT_CLOSE_MEMBER, error);
  if (stmt == NULL)
    goto fail;
  tandem_sql_bind_int64 (stmt, 1, team_id);
  tandem_sql_bind_int64 (stmt, 2, since);
  if (!_tandem_sql_step_done (self, stmt, _ ("Could not close the tandem’s membership"), error))
    goto fail;

  if (!insert_member (self, team_id, inside_rep_id, field_rep_id, since, error))
    goto fail;

  if (_tandem_sql_backend_commit (backend, error))
    return TRUE;

fail:
  _tandem_sql_backend_rollback (backend);
  return FALSE;
}

static void
read_member (TandemSqlStmt *stmt, TandemMembershipRecord *record)
{
  record->team_id = tandem_sql_column_int64 (stmt, 0);
  record->inside_rep_id = tandem_sql_column_int64 (stmt, 1);
  record->field_rep_id = tandem_sql_column_int64 (stmt, 2);
  record->valid_from = tandem_sql_column_int64 (stmt, 3);
  record->valid_until = tandem_sql_column_int64 (stmt, 4);
}

static GArray *
_tandem_sql_backend_list_memberships (TandemBackend *backend, gint64 team_id, GError **error)
{
  TandemSqlBackend *self = TANDEM_SQL_BACKEND (backend);
  TandemSqlStmt    *stmt
      = _tandem_sql_get_stmt (self, team_id > 0 ? STMT_LIST_MEMBERS : STMT_LIST_ALL_MEMBERS, error);

  if (stmt != NULL && team_id > 0)
    tandem_sql_bind_int64 (stmt, 1, team_id);
  return _tandem_sql_list_rows (self, stmt, sizeof (TandemMembershipRecord), NULL,
                                (gpointer)read_member, _ ("Could not list the tandem’s members"),
                                error);
}

/* ------------------------------------------------------------------ */
/* Accounts                                                            */

static void
read_account (TandemSqlStmt *stmt, TandemAccountRecord *record)
{
  record->id = tandem_sql_column_int64 (stmt, 0);
  record->name = _tandem_sql_column_dup (stmt, 1);
  record->team_id = tandem_sql_column_int64 (stmt, 2);
  record->category = tandem_sql_column_int (stmt, 3);
  record->stage = tandem_sql_column_int (stmt, 4);
  record->referred_by_id = tandem_sql_column_int64 (stmt, 5);
  record->archived = tandem_sql_column_int (stmt, 6) != 0;
  record->number = _tandem_sql_column_dup (stmt, 7);
}

static void
bind_account (TandemSqlStmt *stmt, int first, const TandemAccountRecord *record)
{
  tandem_sql_bind_text (stmt, first, record->name);
  _tandem_sql_bind_optional_id (stmt, first + 1, record->team_id);
  tandem_sql_bind_int64 (stmt, first + 2, record->category);
  tandem_sql_bind_int64 (stmt, first + 3, record->stage);
  _tandem_sql_bind_optional_id (stmt, first + 4, record->referred_by_id);
  tandem_sql_bind_int64 (stmt, first + 5, record->archived ? 1 : 0);
  _tandem_sql_bind_optional_text (stmt, first + 6, record->number);
}

static gboolean
insert_stage (TandemSqlBackend *self, const TandemStageRecord *record, GError **error)
{
  TandemSqlStmt *stmt = _tandem_sql_get_stmt (self, STMT_INSERT_STAGE, error);

  if (stmt == NULL)
    return FALSE;

  tandem_sql_bind_int64 (stmt, 1, record->account_id);
  tandem_sql_bind_int64 (stmt, 2, record->stage);
  tandem_sql_bind_int64 (stmt, 3, record->changed_at);
  tandem_sql_bind_int64 (stmt, 4, record->cause);
  _tandem_sql_bind_optional_id (stmt, 5, record->activity_id);
  return _tandem_sql_step_done (self, stmt, _ ("Could not record the stage change"), error);
}

static gboolean
_tandem_sql_backend_insert_account (TandemBackend       *backend,
                                    TandemAccountRecord *record,
                                    gint64               created_at,
                                    GError             **error)
{
  TandemSqlBackend *self = TANDEM_SQL_BACKEND (backend);
  TandemSqlStmt    *stmt;

  if (!_tandem_sql_backend_begin (backend, error))
    return FALSE;

  stmt = _tandem_sql_get_stmt (self, STMT_INSERT_ACCOUNT, error);
  if (stmt == NULL)
    goto fail;

  bind_account (stmt, 1, record);
  if (!_tandem_sql_step_insert (self, stmt, _ ("Could not add the account"), &record->id, error))
    goto fail;

  /* the history starts with the stage the account was created in */
  {
    TandemStageRecord first
        = { record->id, record->stage, created_at, TANDEM_STAGE_CAUSE_CREATED, 0 };

    if (!insert_stage (self, &first, error))
      goto fail;
  }

  if (_tandem_sql_backend_commit (backend, error))
    return TRUE;

fail:
  record->id = 0;
  _tandem_sql_backend_rollback (backend);
  return FALSE;
}

static gboolean
_tandem_sql_backend_update_account (TandemBackend             *backend,
                                    const TandemAccountRecord *record,
                                    GError                   **error)
{
  TandemSqlBackend *self = TANDEM_SQL_BACKEND (backend);
  TandemSqlStmt    *stmt = _tandem_sql_get_stmt (self, STMT_UPDATE_ACCOUNT, error);

  if (stmt == NULL)
    return FALSE;

  tandem_sql_bind_int64 (stmt, 1, record->id);
  bind_account (stmt, 2, record);
  return step_updated (self, stmt, _ ("account"), record->id, _ ("Could not update the account"),
                       error);
}

static gboolean
_tandem_sql_backend_load_account (TandemBackend       *backend,
                                  gint64               id,
                                  TandemAccountRecord *record,
                                  GError             **error)
{
  return load_one (TANDEM_SQL_BACKEND (backend), STMT_LOAD_ACCOUNT, id, (gpointer)read_account,
                   record, _ ("account"), _ ("Could not read an account"), error);
}

static GArray *
_tandem_sql_backend_list_accounts (TandemBackend *backend, GError **error)
{
  TandemSqlBackend *self = TANDEM_SQL_BACKEND (backend);

  return _tandem_sql_list_rows (self, _tandem_sql_get_stmt (self, STMT_LIST_ACCOUNTS, error),
                                sizeof (TandemAccountRecord),
                                (GDestroyNotify)_tandem_account_record_clear,
                                (gpointer)read_account, _ ("Could not list accounts"), error);
}

static gboolean
_tandem_sql_backend_add_stage_change (TandemBackend           *backend,
                                      const TandemStageRecord *record,
                                      GError                 **error)
{
  return insert_stage (TANDEM_SQL_BACKEND (backend), record, error);
}

static void
read_stage (TandemSqlStmt *stmt, TandemStageRecord *record)
{
  record->account_id = tandem_sql_column_int64 (stmt, 0);
  record->stage = tandem_sql_column_int (stmt, 1);
  record->changed_at = tandem_sql_column_int64 (stmt, 2);
  record->cause = tandem_sql_column_int (stmt, 3);
  record->activity_id = tandem_sql_column_int64 (stmt, 4);
}

static GArray *
_tandem_sql_backend_list_stage_changes (TandemBackend *backend, gint64 account_id, GError **error)
{
  TandemSqlBackend *self = TANDEM_SQL_BACKEND (backend);
  TandemSqlStmt    *stmt = _tandem_sql_get_stmt (
         self, account_id > 0 ? STMT_LIST_STAGES : STMT_LIST_ALL_STAGES, error);

  if (stmt != NULL && account_id > 0)
    tandem_sql_bind_int64 (stmt, 1, account_id);
  return _tandem_sql_list_rows (self, stmt, sizeof (TandemStageRecord), NULL, (gpointer)read_stage,
                                _ ("Could not list the account’s stages"), error);
}

static void
read_order (TandemSqlStmt *stmt, TandemOrderRecord *record)
{
  record->id = tandem_sql_column_int64 (stmt, 0);
  record->occurred_at = tandem_sql_column_int64 (stmt, 1);
  record->account_id = tandem_sql_column_int64 (stmt, 2);
}

static GArray *
_tandem_sql_backend_list_orders_between (TandemBackend *backend,
                                         gint64         first_account_id,
                                         gint64         last_account_id,
                                         GError       **error)
{
  TandemSqlBackend *self = TANDEM_SQL_BACKEND (backend);
  TandemSqlStmt    *stmt = _tandem_sql_get_stmt (self, STMT_LIST_ORDERS_BETWEEN, error);

  if (stmt != NULL)
    {
      tandem_sql_bind_int64 (stmt, 1, first_account_id);
      tandem_sql_bind_int64 (stmt, 2, last_account_id);
      tandem_sql_bind_int64 (stmt, 3,
                             _tandem_activity_kinds_mask (tandem_activity_kind_is_commissionable));
    }
  return _tandem_sql_list_rows (self, stmt, sizeof (TandemOrderRecord), NULL, (gpointer)read_order,
                                _ ("Could not list the account’s orders"), error);
}

static GArray *
_tandem_sql_backend_list_orders (TandemBackend *backend, gint64 account_id, GError **error)
{
  TandemSqlBackend *self = TANDEM_SQL_BACKEND (backend);
  TandemSqlStmt    *stmt;

  if (account_id <= 0)
    return _tandem_sql_backend_list_orders_between (backend, 1, G_MAXINT64, error);
  stmt = _tandem_sql_get_stmt (self, STMT_LIST_ORDERS, error);
  if (stmt != NULL)
    {
      tandem_sql_bind_int64 (stmt, 1, account_id);
      tandem_sql_bind_int64 (stmt, 2,
                             _tandem_activity_kinds_mask (tandem_activity_kind_is_commissionable));
    }
  return _tandem_sql_list_rows (self, stmt, sizeof (TandemOrderRecord), NULL, (gpointer)read_order,
                                _ ("Could not list the account’s orders"), error);
}

static GArray *
_tandem_sql_backend_list_stage_changes_between (TandemBackend *backend,
                                                gint64         first_account_id,
                                                gint64         last_account_id,
                                                GError       **error)
{
  TandemSqlBackend *self = TANDEM_SQL_BACKEND (backend);
  TandemSqlStmt    *stmt = _tandem_sql_get_stmt (self, STMT_LIST_STAGES_BETWEEN, error);

  if (stmt != NULL)
    {
      tandem_sql_bind_int64 (stmt, 1, first_account_id);
      tandem_sql_bind_int64 (stmt, 2, last_account_id);
    }
  return _tandem_sql_list_rows (self, stmt, sizeof (TandemStageRecord), NULL, (gpointer)read_stage,
                                _ ("Could not list the account’s stages"), error);
}

static void
read_lifecycle (TandemSqlStmt *stmt, TandemLifecycleRecord *record)
{
  record->regular_orders = tandem_sql_column_int (stmt, 0);
  record->regular_months = tandem_sql_column_int (stmt, 1);
  record->lost_after_days = tandem_sql_column_int (stmt, 2);
}

static gboolean
_tandem_sql_backend_load_lifecycle (TandemBackend         *backend,
                                    TandemLifecycleRecord *record,
                                    GError               **error)
{
  TandemSqlBackend *self = TANDEM_SQL_BACKEND (backend);
  g_autoptr (GArray) rows = _tandem_sql_list_rows (
      self, _tandem_sql_get_stmt (self, STMT_LOAD_LIFECYCLE, error), sizeof (TandemLifecycleRecord),
      NULL, (gpointer)read_lifecycle, _ ("Could not read the lifecycle rules"), error);

  if (rows == NULL)
    return FALSE;

  if (rows->len > 0)
    *record = g_array_index (rows, TandemLifecycleRecord, 0);
  else
    *record = (TandemLifecycleRecord){ 3, 12, 365 };
  return TRUE;
}

static gboolean
_tandem_sql_backend_save_lifecycle (TandemBackend               *backend,
                                    const TandemLifecycleRecord *record,
                                    GError                     **error)
{
  TandemSqlBackend *self = TANDEM_SQL_BACKEND (backend);
  TandemSqlStmt    *stmt = _tandem_sql_get_stmt (self, STMT_SAVE_LIFECYCLE, error);

  if (stmt == NULL)
    return FALSE;

  tandem_sql_bind_int64 (stmt, 1, record->regular_orders);
  tandem_sql_bind_int64 (stmt, 2, record->regular_months);
  tandem_sql_bind_int64 (stmt, 3, record->lost_after_days);
  return _tandem_sql_step_done (self, stmt, _ ("Could not save the lifecycle rules"), error);
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

static GArray *
_tandem_sql_backend_list_kpi_rows (TandemBackend *backend,
                                   gint64         since,
                                   gint64         until,
                                   const char    *currency,
                                   GError       **error)
{
  TandemSqlBackend *self = TANDEM_SQL_BACKEND (backend);
  TandemSqlStmt    *stmt = _tandem_sql_get_stmt (self, STMT_KPI_ROWS, error);

  if (stmt != NULL)
    {
      tandem_sql_bind_int64 (stmt, 1, since);
      tandem_sql_bind_int64 (stmt, 2, until);
      tandem_sql_bind_text (stmt, 3, currency);
    }
  return _tandem_sql_list_rows (self, stmt, sizeof (TandemKpiRecord), NULL, (gpointer)read_kpi,
                                _ ("Could not add up the period’s activities"), error);
}

/* ------------------------------------------------------------------ */
/* Activities                                                          */

static void
read_activity (TandemSqlStmt *stmt, TandemActivityRecord *record)
{
  record->id = tandem_sql_column_int64 (stmt, 0);
  record->account_id = tandem_sql_column_int64 (stmt, 1);
  record->rep_id = tandem_sql_column_int64 (stmt, 2);
  record->kind = tandem_sql_column_int (stmt, 3);
  record->has_amount = !tandem_sql_column_is_null (stmt, 4);
  record->amount_minor = tandem_sql_column_int64 (stmt, 4);
  _tandem_sql_column_currency (stmt, 5, record->currency);
  record->occurred_at = tandem_sql_column_int64 (stmt, 6);
  record->external_ref = _tandem_sql_column_dup (stmt, 7);
  record->reverses_id = tandem_sql_column_int64 (stmt, 8);
  record->note = _tandem_sql_column_dup (stmt, 9);
}

static gint64
_tandem_sql_backend_find_activity_by_ref (TandemBackend *backend,
                                          const char    *external_ref,
                                          GError       **error)
{
  TandemSqlBackend *self = TANDEM_SQL_BACKEND (backend);
  TandemSqlStmt    *stmt = _tandem_sql_get_stmt (self, STMT_FIND_ACTIVITY_BY_REF, error);
  gint64            id = 0;
  int               rc;

  if (stmt == NULL)
    return -1;

  tandem_sql_bind_text (stmt, 1, external_ref);
  rc = tandem_sql_step (stmt);
  if (rc == TANDEM_SQL_ROW)
    id = tandem_sql_column_int64 (stmt, 0);
  tandem_sql_reset (stmt);

  if (rc != TANDEM_SQL_ROW && rc != TANDEM_SQL_DONE)
    {
      _tandem_sql_error (self, _ ("Could not look up an activity"), error);
      return -1;
    }

  return id;
}

static gboolean
_tandem_sql_backend_insert_activity (TandemBackend        *backend,
                                     TandemActivityRecord *record,
                                     gboolean             *inserted,
                                     GError              **error)
{
  TandemSqlBackend *self = TANDEM_SQL_BACKEND (backend);
  TandemSqlStmt    *stmt = _tandem_sql_get_stmt (self, STMT_INSERT_ACTIVITY, error);
  g_autoptr (GError) local = NULL;

  if (stmt == NULL)
    return FALSE;

  tandem_sql_bind_int64 (stmt, 1, record->account_id);
  tandem_sql_bind_int64 (stmt, 2, record->rep_id);
  tandem_sql_bind_int64 (stmt, 3, record->kind);
  if (record->has_amount)
    {
      tandem_sql_bind_int64 (stmt, 4, record->amount_minor);
      tandem_sql_bind_text (stmt, 5, record->currency);
    }
  tandem_sql_bind_int64 (stmt, 6, record->occurred_at);
  bind_text_or_null (stmt, 7, record->external_ref);
  _tandem_sql_bind_optional_id (stmt, 8, record->reverses_id);
  bind_text_or_null (stmt, 9, record->note);

  if (!_tandem_sql_step_insert (self, stmt, _ ("Could not log the activity"), &record->id, &local))
    {
      if (g_error_matches (local, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID))
        g_set_error (
            error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
            _ ("The activity names an account, rep or reversed activity that is not stored"));
      else
        g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }

  if (record->id == 0)
    {
      /* the external_ref is already stored: report the existing row */
      gint64 id = _tandem_sql_backend_find_activity_by_ref (backend, record->external_ref, error);

      if (id < 0)
        return FALSE;
      record->id = id;
      *inserted = FALSE;
      return TRUE;
    }

  *inserted = TRUE;
  return TRUE;
}

static gint64 _tandem_sql_backend_max_activity_id (TandemBackend *backend, GError **error);

static gboolean
_tandem_sql_backend_load_activity (TandemBackend        *backend,
                                   gint64                id,
                                   TandemActivityRecord *record,
                                   GError              **error)
{
  return load_one (TANDEM_SQL_BACKEND (backend), STMT_LOAD_ACTIVITY, id, (gpointer)read_activity,
                   record, _ ("activity"), _ ("Could not read an activity"), error);
}

static gint64
_tandem_sql_backend_max_activity_id (TandemBackend *backend, GError **error)
{
  TandemSqlBackend *self = TANDEM_SQL_BACKEND (backend);
  TandemSqlStmt    *stmt = _tandem_sql_get_stmt (self, STMT_MAX_ACTIVITY_ID, error);
  gint64            id = 0;
  int               rc;

  if (stmt == NULL)
    return -1;

  rc = tandem_sql_step (stmt);
  if (rc == TANDEM_SQL_ROW)
    id = tandem_sql_column_int64 (stmt, 0);
  tandem_sql_reset (stmt);

  if (rc != TANDEM_SQL_ROW)
    {
      _tandem_sql_error (self, _ ("Could not count activities"), error);
      return -1;
    }
  return id;
}

/* Builds "WHERE …" for a scan; parameters are bound by bind_scan in the
 * same order. */
static void
append_scan_conditions (GString *sql, const TandemActivityScan *scan, const TandemScanKey *after)
{
  g_string_append (sql, " WHERE TRUE");
  if (scan->team_id > 0)
    g_string_append (sql, " AND account_id IN (SELECT id FROM account WHERE team_id = ?)");
  if (scan->account_id > 0)
    g_string_append (sql, " AND account_id = ?");
  if (scan->rep_id > 0)
    g_string_append (sql, " AND rep_id = ?");
  if (scan->kind >= 0)
    g_string_append (sql, " AND kind = ?");
  if (scan->since != G_MININT64)
    g_string_append (sql, " AND occurred_at >= ?");
  if (scan->until != G_MAXINT64)
    g_string_append (sql, " AND occurred_at < ?");
  if (scan->max_id > 0)
    g_string_append (sql, " AND id <= ?");
  if (after != NULL)
    g_string_append (sql, " AND (occurred_at, id) > (?, ?)");
}

static int
bind_scan (TandemSqlStmt *stmt, const TandemActivityScan *scan, const TandemScanKey *after)
{
  int i = 1;

  if (scan->team_id > 0)
    tandem_sql_bind_int64 (stmt, i++, scan->team_id);
  if (scan->account_id > 0)
    tandem_sql_bind_int64 (stmt, i++, scan->account_id);
  if (scan->rep_id > 0)
    tandem_sql_bind_int64 (stmt, i++, scan->rep_id);
  if (scan->kind >= 0)
    tandem_sql_bind_int64 (stmt, i++, scan->kind);
  if (scan->since != G_MININT64)
    tandem_sql_bind_int64 (stmt, i++, scan->since);
  if (scan->until != G_MAXINT64)
    tandem_sql_bind_int64 (stmt, i++, scan->until);
  if (scan->max_id > 0)
    tandem_sql_bind_int64 (stmt, i++, scan->max_id);
  if (after != NULL)
    {
      tandem_sql_bind_int64 (stmt, i++, after->occurred_at);
      tandem_sql_bind_int64 (stmt, i++, after->id);
    }

  return i;
}

static gint64
_tandem_sql_backend_count_activities (TandemBackend            *backend,
                                      const TandemActivityScan *scan,
                                      GError                  **error)
{
  TandemSqlBackend *self = TANDEM_SQL_BACKEND (backend);
  g_autoptr (GString) sql = g_string_new ("SELECT count(*) FROM activity");
  TandemSqlStmt *stmt = NULL;
  gint64         count = -1;
  int            rc;

  append_scan_conditions (sql, scan, NULL);
  stmt = tandem_sql_prepare (self->driver, sql->str);
  if (stmt != NULL)
    {
      bind_scan (stmt, scan, NULL);
      rc = tandem_sql_step (stmt);
      if (rc == TANDEM_SQL_ROW)
        count = tandem_sql_column_int64 (stmt, 0);
    }
  tandem_sql_finalize (stmt);

  if (count < 0)
    _tandem_sql_error (self, _ ("Could not count activities"), error);
  return count;
}

static gboolean
_tandem_sql_backend_scan_activities (TandemBackend            *backend,
                                     const TandemActivityScan *scan,
                                     const TandemScanKey      *after,
                                     gint64                    offset,
                                     guint                     limit,
                                     GArray                   *records,
                                     GError                  **error)
{
  TandemSqlBackend *self = TANDEM_SQL_BACKEND (backend);
  g_autoptr (GString) sql = g_string_new ("SELECT " ACTIVITY_COLUMNS "FROM activity");
  TandemSqlStmt *stmt = NULL;
  int            rc;
  int            i;

  append_scan_conditions (sql, scan, after);
  g_string_append (sql, " ORDER BY occurred_at, id LIMIT ? OFFSET ?");

  stmt = tandem_sql_prepare (self->driver, sql->str);
  if (stmt == NULL)
    return _tandem_sql_error (self, _ ("Could not query activities"), error);

  i = bind_scan (stmt, scan, after);
  tandem_sql_bind_int64 (stmt, i++, limit);
  tandem_sql_bind_int64 (stmt, i, after != NULL ? 0 : offset);

  while ((rc = tandem_sql_step (stmt)) == TANDEM_SQL_ROW)
    {
      g_array_set_size (records, records->len + 1);
      read_activity (stmt, &g_array_index (records, TandemActivityRecord, records->len - 1));
    }
  tandem_sql_finalize (stmt);

  if (rc != TANDEM_SQL_DONE)
    return _tandem_sql_error (self, _ ("Could not query activities"), error);
  return TRUE;
}

/* ------------------------------------------------------------------ */

static void
_tandem_sql_backend_finalize (GObject *object)
{
  TandemSqlBackend *self = (TandemSqlBackend *)object;

  for (guint i = 0; i < N_STMTS; i++)
    g_clear_pointer (&self->stmts[i], tandem_sql_finalize);
  g_clear_pointer (&self->multi_insert, tandem_sql_finalize);
  g_clear_pointer (&self->multi_stage, tandem_sql_finalize);

  g_clear_pointer (&self->driver, _tandem_sql_driver_close);

  G_OBJECT_CLASS (_tandem_sql_backend_parent_class)->finalize (object);
}

static void
_tandem_sql_backend_class_init (TandemSqlBackendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = _tandem_sql_backend_finalize;
}

static void
_tandem_sql_backend_init (TandemSqlBackend *self)
{
}

static void
_tandem_sql_backend_iface_init (TandemBackendInterface *iface)
{
  _tandem_sql_backend_method_iface_init (iface);
  _tandem_sql_backend_bulk_iface_init (iface);
  _tandem_sql_backend_schedule_iface_init (iface);
  iface->is_read_only = _tandem_sql_backend_is_read_only;
  iface->get_schema_version = _tandem_sql_backend_get_schema_version;
  iface->check_integrity = _tandem_sql_backend_check_integrity;
  iface->begin = _tandem_sql_backend_begin;
  iface->commit = _tandem_sql_backend_commit;
  iface->rollback = _tandem_sql_backend_rollback;
  iface->set_bulk = _tandem_sql_backend_set_bulk;
  iface->insert_rep = _tandem_sql_backend_insert_rep;
  iface->update_rep = _tandem_sql_backend_update_rep;
  iface->load_rep = _tandem_sql_backend_load_rep;
  iface->list_reps = _tandem_sql_backend_list_reps;
  iface->insert_team = _tandem_sql_backend_insert_team;
  iface->update_team = _tandem_sql_backend_update_team;
  iface->load_team = _tandem_sql_backend_load_team;
  iface->list_teams = _tandem_sql_backend_list_teams;
  iface->change_members = _tandem_sql_backend_change_members;
  iface->set_team_start = _tandem_sql_backend_set_team_start;
  iface->list_memberships = _tandem_sql_backend_list_memberships;
  iface->insert_account = _tandem_sql_backend_insert_account;
  iface->update_account = _tandem_sql_backend_update_account;
  iface->load_account = _tandem_sql_backend_load_account;
  iface->list_accounts = _tandem_sql_backend_list_accounts;
  iface->add_stage_change = _tandem_sql_backend_add_stage_change;
  iface->list_stage_changes = _tandem_sql_backend_list_stage_changes;
  iface->list_orders = _tandem_sql_backend_list_orders;
  iface->list_orders_between = _tandem_sql_backend_list_orders_between;
  iface->list_stage_changes_between = _tandem_sql_backend_list_stage_changes_between;
  iface->load_lifecycle = _tandem_sql_backend_load_lifecycle;
  iface->save_lifecycle = _tandem_sql_backend_save_lifecycle;
  iface->list_kpi_rows = _tandem_sql_backend_list_kpi_rows;
  iface->insert_activity = _tandem_sql_backend_insert_activity;
  iface->load_activity = _tandem_sql_backend_load_activity;
  iface->find_activity_by_ref = _tandem_sql_backend_find_activity_by_ref;
  iface->max_activity_id = _tandem_sql_backend_max_activity_id;
  iface->count_activities = _tandem_sql_backend_count_activities;
  iface->scan_activities = _tandem_sql_backend_scan_activities;
}

TandemBackend *
_tandem_sql_backend_new (TandemSqlDriver       *driver,
                         int                    schema_version,
                         gboolean               read_only,
                         TandemSqlIntegrityFunc check_integrity)
{
  TandemSqlBackend *self = g_object_new (TANDEM_TYPE_SQL_BACKEND, NULL);

  self->driver = driver;
  self->schema_version = schema_version;
  self->read_only = read_only;
  self->check_integrity = check_integrity;
  return TANDEM_BACKEND (self);
}
