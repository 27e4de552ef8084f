/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-db-schedule.c: the SQL of plans over time: plan versions, the
 * default plan, tandems' plans, targets, draws, exchange rates, what a
 * closed period keeps of them, period states, payroll profiles and the
 * store's settings, all through one record shape (TandemScheduleRecord). */

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include "tandem-i18n-private.h"

#include "tandem-db-internal-private.h"
#include "tandem-store-private.h"
#include "tandem-util-private.h"

/* The text of the statements this file runs, by id. */
static const char *const statements[N_STMTS] = {
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
};

/* Binds @r for the save statement of @kind; returns that statement. */
static TandemStmtId
bind_save (TandemDb                   *self,
           TandemScheduleKind          kind,
           const TandemScheduleRecord *r,
           TandemSqlStmt             **out,
           GError                    **error)
{
  static const TandemStmtId ids[TANDEM_N_SCHEDULES] = {
    [TANDEM_SCHEDULE_PLAN_VERSION] = STMT_SAVE_PLAN_VERSION,
    [TANDEM_SCHEDULE_DEFAULT_PLAN] = STMT_SAVE_DEFAULT_PLAN,
    [TANDEM_SCHEDULE_TEAM_PLAN] = STMT_SAVE_TEAM_PLAN,
    [TANDEM_SCHEDULE_TARGET] = STMT_SAVE_TARGET,
    [TANDEM_SCHEDULE_DRAW] = STMT_SAVE_DRAW,
    [TANDEM_SCHEDULE_RATE] = STMT_SAVE_RATE,
    [TANDEM_SCHEDULE_CLOSED_PERIOD] = N_STMTS,
    [TANDEM_SCHEDULE_CLOSED_RATE] = STMT_SAVE_CLOSED_RATE,
    [TANDEM_SCHEDULE_CLOSED_VERSION] = STMT_SAVE_CLOSED_VERSION,
    [TANDEM_SCHEDULE_DRAW_LINE] = N_STMTS,
    [TANDEM_SCHEDULE_PERIOD_STATE] = STMT_SAVE_PERIOD_STATE,
    [TANDEM_SCHEDULE_PAYROLL_PROFILE] = STMT_SAVE_PAYROLL_PROFILE,
    [TANDEM_SCHEDULE_SETTING] = STMT_SAVE_SETTING,
  };
  TandemSqlStmt *stmt;

  g_return_val_if_fail (ids[kind] != N_STMTS, N_STMTS);
  stmt = *out = _tandem_db_stmt (self, statements, ids[kind], error);
  if (stmt == NULL)
    return N_STMTS;

  switch (kind)
    {
    case TANDEM_SCHEDULE_PLAN_VERSION:
      tandem_sql_bind_text (stmt, 1, r->name);
      tandem_sql_bind_int64 (stmt, 2, r->number);
      _tandem_sql_bind_optional_text (stmt, 3, r->from_label);
      tandem_sql_bind_int64 (stmt, 4, r->from_at);
      tandem_sql_bind_text (stmt, 5, r->text);
      break;
    case TANDEM_SCHEDULE_DEFAULT_PLAN:
      tandem_sql_bind_text (stmt, 1, r->name);
      break;
    case TANDEM_SCHEDULE_TEAM_PLAN:
      tandem_sql_bind_int64 (stmt, 1, r->owner_id);
      _tandem_sql_bind_optional_text (stmt, 2, r->from_label);
      tandem_sql_bind_int64 (stmt, 3, r->from_at);
      tandem_sql_bind_text (stmt, 4, r->name);
      break;
    case TANDEM_SCHEDULE_TARGET:
      tandem_sql_bind_int64 (stmt, 1, r->owner_id);
      tandem_sql_bind_text (stmt, 2, r->from_label);
      tandem_sql_bind_int64 (stmt, 3, r->from_at);
      tandem_sql_bind_int64 (stmt, 4, r->amount_minor);
      tandem_sql_bind_text (stmt, 5, r->currency);
      break;
    case TANDEM_SCHEDULE_DRAW:
      tandem_sql_bind_int64 (stmt, 1, r->owner_id);
      tandem_sql_bind_int64 (stmt, 2, r->amount_minor);
      tandem_sql_bind_text (stmt, 3, r->currency);
      tandem_sql_bind_text (stmt, 4, r->from_label);
      tandem_sql_bind_int64 (stmt, 5, r->from_at);
      _tandem_sql_bind_optional_text (stmt, 6, r->until_label);
      if (r->until_label != NULL)
        tandem_sql_bind_int64 (stmt, 7, r->until_at);
      else
        tandem_sql_bind_null (stmt, 7);
      tandem_sql_bind_int64 (stmt, 8, r->number != 0);
      break;
    case TANDEM_SCHEDULE_RATE:
      tandem_sql_bind_text (stmt, 1, r->currency);
      tandem_sql_bind_text (stmt, 2, r->to_currency);
      tandem_sql_bind_int64 (stmt, 3, r->from_at);
      tandem_sql_bind_text (stmt, 4, r->text);
      break;
    case TANDEM_SCHEDULE_CLOSED_RATE:
      tandem_sql_bind_text (stmt, 1, r->name);
      tandem_sql_bind_text (stmt, 2, r->from_label);
      tandem_sql_bind_text (stmt, 3, r->currency);
      tandem_sql_bind_text (stmt, 4, r->to_currency);
      tandem_sql_bind_int64 (stmt, 5, r->from_at);
      tandem_sql_bind_text (stmt, 6, r->text);
      break;
    case TANDEM_SCHEDULE_CLOSED_VERSION:
      tandem_sql_bind_text (stmt, 1, r->name);
      tandem_sql_bind_text (stmt, 2, r->from_label);
      tandem_sql_bind_int64 (stmt, 3, r->number);
      break;
    case TANDEM_SCHEDULE_PERIOD_STATE:
      tandem_sql_bind_text (stmt, 1, r->name);
      tandem_sql_bind_text (stmt, 2, r->from_label);
      tandem_sql_bind_int64 (stmt, 3, r->number);
      tandem_sql_bind_text (stmt, 4, r->text);
      tandem_sql_bind_int64 (stmt, 5, r->from_at);
      break;
    case TANDEM_SCHEDULE_PAYROLL_PROFILE:
      _tandem_sql_bind_optional_text (stmt, 1, r->from_label);
      tandem_sql_bind_int64 (stmt, 2, r->from_at);
      tandem_sql_bind_text (stmt, 3, r->text);
      break;
    case TANDEM_SCHEDULE_SETTING:
      tandem_sql_bind_text (stmt, 1, r->name);
      tandem_sql_bind_text (stmt, 2, r->text);
      break;
    case TANDEM_SCHEDULE_CLOSED_PERIOD:
    case TANDEM_SCHEDULE_DRAW_LINE:
    case TANDEM_N_SCHEDULES:
    default:
      g_assert_not_reached ();
    }
  return ids[kind];
}

gboolean
_tandem_db_save_schedule (TandemDb                   *self,
                          TandemScheduleKind          kind,
                          const TandemScheduleRecord *record,
                          gint64                     *id,
                          GError                    **error)
{
  TandemSqlStmt *stmt = NULL;
  gint64         new_id = 0;

  if (bind_save (self, kind, record, &stmt, error) == N_STMTS)
    return FALSE;

  if (kind == TANDEM_SCHEDULE_PLAN_VERSION || kind == TANDEM_SCHEDULE_DRAW
      || kind == TANDEM_SCHEDULE_PAYROLL_PROFILE)
    {
      if (!_tandem_db_step_insert (self, stmt, _ ("Could not save a dated plan setting"), &new_id,
                                   error))
        return FALSE;
      if (id != NULL)
        *id = new_id;
      return TRUE;
    }
  return _tandem_db_step_done (self, stmt, _ ("Could not save a dated plan setting"), error);
}

static void
read_schedule (TandemSqlStmt *stmt, TandemScheduleRecord *r)
{
  r->id = tandem_sql_column_int64 (stmt, 0);
  r->owner_id = tandem_sql_column_int64 (stmt, 1);
  r->name = _tandem_sql_column_dup (stmt, 2);
  r->text = _tandem_sql_column_dup (stmt, 3);
  r->from_label = _tandem_sql_column_dup (stmt, 4);
  r->from_at = tandem_sql_column_int64 (stmt, 5);
  r->until_label = _tandem_sql_column_dup (stmt, 6);
  r->until_at = tandem_sql_column_int64 (stmt, 7);
  r->amount_minor = tandem_sql_column_int64 (stmt, 8);
  _tandem_sql_column_currency (stmt, 9, r->currency);
  _tandem_sql_column_currency (stmt, 10, r->to_currency);
  r->number = tandem_sql_column_int64 (stmt, 11);
}

GArray *
_tandem_db_list_schedule (TandemDb          *self,
                          TandemScheduleKind kind,
                          const gint64      *line_kinds,
                          GError           **error)
{
  static const TandemStmtId ids[TANDEM_N_SCHEDULES] = {
    [TANDEM_SCHEDULE_PLAN_VERSION] = STMT_LIST_PLAN_VERSIONS,
    [TANDEM_SCHEDULE_DEFAULT_PLAN] = STMT_LIST_DEFAULT_PLAN,
    [TANDEM_SCHEDULE_TEAM_PLAN] = STMT_LIST_TEAM_PLANS,
    [TANDEM_SCHEDULE_TARGET] = STMT_LIST_TARGETS,
    [TANDEM_SCHEDULE_DRAW] = STMT_LIST_DRAWS,
    [TANDEM_SCHEDULE_RATE] = STMT_LIST_RATES,
    [TANDEM_SCHEDULE_CLOSED_PERIOD] = STMT_LIST_CLOSED_PERIODS,
    [TANDEM_SCHEDULE_CLOSED_RATE] = STMT_LIST_CLOSED_RATES,
    [TANDEM_SCHEDULE_CLOSED_VERSION] = STMT_LIST_CLOSED_PERIODS,
    [TANDEM_SCHEDULE_DRAW_LINE] = STMT_LIST_DRAW_LINES,
    [TANDEM_SCHEDULE_PERIOD_STATE] = STMT_LIST_PERIOD_STATES,
    [TANDEM_SCHEDULE_PAYROLL_PROFILE] = STMT_LIST_PAYROLL_PROFILES,
    [TANDEM_SCHEDULE_SETTING] = STMT_LIST_SETTINGS,
  };
  TandemSqlStmt *stmt = _tandem_db_stmt (self, statements, ids[kind], error);

  g_return_val_if_fail (kind != TANDEM_SCHEDULE_DRAW_LINE || line_kinds != NULL, NULL);
  if (stmt != NULL && kind == TANDEM_SCHEDULE_DRAW_LINE)
    {
      tandem_sql_bind_int64 (stmt, 1, line_kinds[0]);
      tandem_sql_bind_int64 (stmt, 2, line_kinds[1]);
    }
  return _tandem_db_list_rows (
      self, stmt, sizeof (TandemScheduleRecord), (GDestroyNotify)_tandem_schedule_record_clear,
      (gpointer)read_schedule, _ ("Could not read dated plan settings"), error);
}
