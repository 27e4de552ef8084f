/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-sql-backend-schedule.c: the SQL backend's plans over time (plan
 * versions, the default plan, tandems' plans, targets, draws, exchange
 * rates and what a closed period keeps of them), disputes and the audit
 * trail; the
 * statements' text is in tandem-sql-backend.c */

#include "config.h"

#include <inttypes.h>

#include "tandem-i18n-private.h"

#include "tandem-sql-backend-private.h"
#include "tandem-sql-backend-internal-private.h"
#include "tandem-store-private.h"

/* Binds @r for the save statement of @kind; returns that statement. */
static TandemStmtId
bind_save (TandemSqlBackend           *self,
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
  stmt = *out = _tandem_sql_get_stmt (self, ids[kind], error);
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

static gboolean
_tandem_sql_backend_save_schedule (TandemBackend              *backend,
                                   TandemScheduleKind          kind,
                                   const TandemScheduleRecord *record,
                                   gint64                     *id,
                                   GError                    **error)
{
  TandemSqlBackend *self = TANDEM_SQL_BACKEND (backend);
  TandemSqlStmt    *stmt = NULL;
  gint64            new_id = 0;

  if (bind_save (self, kind, record, &stmt, error) == N_STMTS)
    return FALSE;

  if (kind == TANDEM_SCHEDULE_PLAN_VERSION || kind == TANDEM_SCHEDULE_DRAW
      || kind == TANDEM_SCHEDULE_PAYROLL_PROFILE)
    {
      if (!_tandem_sql_step_insert (self, stmt, _ ("Could not save a dated plan setting"), &new_id,
                                    error))
        return FALSE;
      if (id != NULL)
        *id = new_id;
      return TRUE;
    }
  return _tandem_sql_step_done (self, stmt, _ ("Could not save a dated plan setting"), error);
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

static GArray *
_tandem_sql_backend_list_schedule (TandemBackend     *backend,
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
  TandemSqlBackend *self = TANDEM_SQL_BACKEND (backend);
  TandemSqlStmt    *stmt = _tandem_sql_get_stmt (self, ids[kind], error);

  g_return_val_if_fail (kind != TANDEM_SCHEDULE_DRAW_LINE || line_kinds != NULL, NULL);
  if (stmt != NULL && kind == TANDEM_SCHEDULE_DRAW_LINE)
    {
      tandem_sql_bind_int64 (stmt, 1, line_kinds[0]);
      tandem_sql_bind_int64 (stmt, 2, line_kinds[1]);
    }
  return _tandem_sql_list_rows (
      self, stmt, sizeof (TandemScheduleRecord), (GDestroyNotify)_tandem_schedule_record_clear,
      (gpointer)read_schedule, _ ("Could not read dated plan settings"), error);
}

static gboolean
_tandem_sql_backend_insert_dispute (TandemBackend *backend, TandemDisputeRecord *r, GError **error)
{
  TandemSqlBackend *self = TANDEM_SQL_BACKEND (backend);
  TandemSqlStmt    *stmt = _tandem_sql_get_stmt (self, STMT_INSERT_DISPUTE, error);

  if (stmt == NULL)
    return FALSE;
  tandem_sql_bind_int64 (stmt, 1, r->rep_id);
  tandem_sql_bind_text (stmt, 2, r->plan);
  tandem_sql_bind_text (stmt, 3, r->label);
  _tandem_sql_bind_optional_id (stmt, 4, r->activity_id);
  tandem_sql_bind_text (stmt, 5, r->reason);
  tandem_sql_bind_text (stmt, 6, r->opened_by);
  tandem_sql_bind_int64 (stmt, 7, r->opened_at);
  return _tandem_sql_step_insert (self, stmt, _ ("Could not open the dispute"), &r->id, error);
}

static gboolean
_tandem_sql_backend_resolve_dispute (TandemBackend             *backend,
                                     const TandemDisputeRecord *r,
                                     GError                   **error)
{
  TandemSqlBackend *self = TANDEM_SQL_BACKEND (backend);
  TandemSqlStmt    *stmt = _tandem_sql_get_stmt (self, STMT_RESOLVE_DISPUTE, error);

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
  if (!_tandem_sql_step_done (self, stmt, _ ("Could not resolve the dispute"), error))
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

static GArray *
_tandem_sql_backend_list_disputes (TandemBackend *backend, GError **error)
{
  TandemSqlBackend *self = TANDEM_SQL_BACKEND (backend);

  return _tandem_sql_list_rows (self, _tandem_sql_get_stmt (self, STMT_LIST_DISPUTES, error),
                                sizeof (TandemDisputeRecord),
                                (GDestroyNotify)_tandem_dispute_record_clear,
                                (gpointer)read_dispute, _ ("Could not read disputes"), error);
}

static gboolean
_tandem_sql_backend_append_audit (TandemBackend           *backend,
                                  const TandemAuditRecord *r,
                                  GError                 **error)
{
  TandemSqlBackend *self = TANDEM_SQL_BACKEND (backend);
  TandemSqlStmt    *stmt = _tandem_sql_get_stmt (self, STMT_APPEND_AUDIT, error);

  if (stmt == NULL)
    return FALSE;
  tandem_sql_bind_int64 (stmt, 1, r->at);
  tandem_sql_bind_text (stmt, 2, r->who);
  tandem_sql_bind_text (stmt, 3, r->verb);
  tandem_sql_bind_text (stmt, 4, r->what);
  return _tandem_sql_step_done (self, stmt, _ ("Could not write the audit trail"), error);
}

static void
read_audit (TandemSqlStmt *stmt, TandemAuditRecord *r)
{
  r->id = tandem_sql_column_int64 (stmt, 0);
  r->at = tandem_sql_column_int64 (stmt, 1);
  r->who = _tandem_sql_column_dup (stmt, 2);
  r->verb = _tandem_sql_column_dup (stmt, 3);
  r->what = _tandem_sql_column_dup (stmt, 4);
}

static GArray *
_tandem_sql_backend_list_audit (TandemBackend *backend, gint64 since, GError **error)
{
  TandemSqlBackend *self = TANDEM_SQL_BACKEND (backend);
  TandemSqlStmt    *stmt = _tandem_sql_get_stmt (self, STMT_LIST_AUDIT, error);

  if (stmt != NULL)
    tandem_sql_bind_int64 (stmt, 1, since);
  return _tandem_sql_list_rows (self, stmt, sizeof (TandemAuditRecord),
                                (GDestroyNotify)_tandem_audit_record_clear, (gpointer)read_audit,
                                _ ("Could not read the audit trail"), error);
}

void
_tandem_sql_backend_schedule_iface_init (TandemBackendInterface *iface)
{
  iface->save_schedule = _tandem_sql_backend_save_schedule;
  iface->list_schedule = _tandem_sql_backend_list_schedule;
  iface->insert_dispute = _tandem_sql_backend_insert_dispute;
  iface->resolve_dispute = _tandem_sql_backend_resolve_dispute;
  iface->list_disputes = _tandem_sql_backend_list_disputes;
  iface->append_audit = _tandem_sql_backend_append_audit;
  iface->list_audit = _tandem_sql_backend_list_audit;
}
