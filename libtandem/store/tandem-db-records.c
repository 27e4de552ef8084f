/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-db-records.c: the SQL of the records the store keeps: reps,
 * tandems and their memberships, accounts and their stages, orders as the
 * lifecycle reads them, and the audit trail. Written once for both
 * engines; the driver translates placeholders where it must. */

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include "tandem-i18n-private.h"

#include "tandem-db-internal-private.h"
#include "tandem-store-private.h"
#include "tandem-util-private.h"

#define TEAM_COLUMNS                                                              \
  "t.id, t.name, t.inside_share, t.target_minor, t.target_currency, t.archived, " \
  "m.inside_rep_id, m.field_rep_id FROM team t "                                  \
  "LEFT JOIN team_member m ON m.team_id = t.id AND m.valid_until IS NULL "
/* The text of the statements this file runs, by id. */
static const char *const statements[N_STMTS] = {
  [STMT_INSERT_REP] = "INSERT INTO rep (name, role, archived, personnel_number) "
                      "VALUES (?1, ?2, ?3, ?4) RETURNING id",
  [STMT_UPDATE_REP] = "UPDATE rep SET name = ?2, role = ?3, archived = ?4, personnel_number = ?5 "
                      "WHERE id = ?1",
  [STMT_LOAD_REP] = "SELECT id, name, role, archived, personnel_number FROM rep WHERE id = ?1",
  [STMT_LIST_REPS] = "SELECT id, name, role, archived, personnel_number FROM rep ORDER BY id",
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
  [STMT_APPEND_AUDIT] = "INSERT INTO audit (at, who, verb, what) VALUES (?1, ?2, ?3, ?4)",
  [STMT_LIST_AUDIT] = "SELECT id, at, who, verb, what FROM audit WHERE at >= ?1 ORDER BY id",
};

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

gboolean
_tandem_db_insert_rep (TandemDb *self, TandemRepRecord *record, GError **error)
{
  TandemSqlStmt *stmt = _tandem_db_stmt (self, statements, STMT_INSERT_REP, error);

  if (stmt == NULL)
    return FALSE;

  tandem_sql_bind_text (stmt, 1, record->name);
  tandem_sql_bind_int64 (stmt, 2, record->role);
  tandem_sql_bind_int64 (stmt, 3, record->archived ? 1 : 0);
  _tandem_sql_bind_optional_text (stmt, 4, record->personnel_number);
  return _tandem_db_step_insert (self, stmt, _ ("Could not add the rep"), &record->id, error);
}

gboolean
_tandem_db_update_rep (TandemDb *self, const TandemRepRecord *record, GError **error)
{
  TandemSqlStmt *stmt = _tandem_db_stmt (self, statements, STMT_UPDATE_REP, error);

  if (stmt == NULL)
    return FALSE;

  tandem_sql_bind_int64 (stmt, 1, record->id);
  tandem_sql_bind_text (stmt, 2, record->name);
  tandem_sql_bind_int64 (stmt, 3, record->role);
  tandem_sql_bind_int64 (stmt, 4, record->archived ? 1 : 0);
  _tandem_sql_bind_optional_text (stmt, 5, record->personnel_number);
  return _tandem_db_step_updated (self, stmt, _ ("rep"), record->id, _ ("Could not update the rep"),
                                  error);
}

gboolean
_tandem_db_load_rep (TandemDb *self, gint64 id, TandemRepRecord *record, GError **error)
{
  return _tandem_db_load_one (self, statements, STMT_LOAD_REP, id, (gpointer)read_rep, record,
                              _ ("rep"), _ ("Could not read a rep"), error);
}

GArray *
_tandem_db_list_reps (TandemDb *self, GError **error)
{

  return _tandem_db_list_rows (self, _tandem_db_stmt (self, statements, STMT_LIST_REPS, error),
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
insert_member (TandemDb *self,
               gint64    team_id,
               gint64    inside_rep_id,
               gint64    field_rep_id,
               gint64    since,
               GError  **error)
{
  TandemSqlStmt *stmt = _tandem_db_stmt (self, statements, STMT_INSERT_MEMBER, error);

  if (stmt == NULL)
    return FALSE;

  tandem_sql_bind_int64 (stmt, 1, team_id);
  tandem_sql_bind_int64 (stmt, 2, inside_rep_id);
  tandem_sql_bind_int64 (stmt, 3, field_rep_id);
  tandem_sql_bind_int64 (stmt, 4, since);
  return _tandem_db_step_done (self, stmt, _ ("Could not record the tandem’s members"), error);
}

gboolean
_tandem_db_insert_team (TandemDb *self, TandemTeamRecord *record, gint64 since, GError **error)
{
  TandemSqlStmt *stmt;

  if (!_tandem_db_begin (self, error))
    return FALSE;

  stmt = _tandem_db_stmt (self, statements, STMT_INSERT_TEAM, error);
  if (stmt == NULL)
    goto fail;

  bind_team (stmt, 1, record);
  if (!_tandem_db_step_insert (self, stmt, _ ("Could not add the tandem"), &record->id, error))
    goto fail;

  if (!insert_member (self, record->id, record->inside_rep_id, record->field_rep_id, since, error))
    goto fail;

  if (_tandem_db_commit (self, error))
    return TRUE;

fail:
  record->id = 0;
  _tandem_db_rollback (self);
  return FALSE;
}

gboolean
_tandem_db_update_team (TandemDb *self, const TandemTeamRecord *record, GError **error)
{
  TandemSqlStmt *stmt = _tandem_db_stmt (self, statements, STMT_UPDATE_TEAM, error);

  if (stmt == NULL)
    return FALSE;

  tandem_sql_bind_int64 (stmt, 1, record->id);
  bind_team (stmt, 2, record);
  return _tandem_db_step_updated (self, stmt, _ ("tandem"), record->id,
                                  _ ("Could not update the tandem"), error);
}

gboolean
_tandem_db_load_team (TandemDb *self, gint64 id, TandemTeamRecord *record, GError **error)
{
  return _tandem_db_load_one (self, statements, STMT_LOAD_TEAM, id, (gpointer)read_team, record,
                              _ ("tandem"), _ ("Could not read a tandem"), error);
}

GArray *
_tandem_db_list_teams (TandemDb *self, GError **error)
{

  return _tandem_db_list_rows (self, _tandem_db_stmt (self, statements, STMT_LIST_TEAMS, error),
                               sizeof (TandemTeamRecord), (GDestroyNotify)_tandem_team_record_clear,
                               (gpointer)read_team, _ ("Could not list tandems"), error);
}

gboolean
_tandem_db_set_team_start (TandemDb *self, gint64 team_id, gint64 since, GError **error)
{
  TandemSqlStmt *stmt = _tandem_db_stmt (self, statements, STMT_SET_TEAM_START, error);

  if (stmt == NULL)
    return FALSE;
  tandem_sql_bind_int64 (stmt, 1, team_id);
  tandem_sql_bind_int64 (stmt, 2, since);
  return _tandem_db_step_done (self, stmt, _ ("Could not move the tandem’s start"), error);
}

gboolean
_tandem_db_change_members (TandemDb *self,
                           gint64    team_id,
                           gint64    inside_rep_id,
                           gint64    field_rep_id,
                           gint64    since,
                           GError  **error)
{
  TandemSqlStmt *stmt;

  if (!_tandem_db_begin (self, error))
    return FALSE;

  stmt = _tandem_db_stmt (self, statements, STMT_CLOSE_MEMBER, error);
  if (stmt == NULL)
    goto fail;
  tandem_sql_bind_int64 (stmt, 1, team_id);
  tandem_sql_bind_int64 (stmt, 2, since);
  if (!_tandem_db_step_done (self, stmt, _ ("Could not close the tandem’s membership"), error))
    goto fail;

  if (!insert_member (self, team_id, inside_rep_id, field_rep_id, since, error))
    goto fail;

  if (_tandem_db_commit (self, error))
    return TRUE;

fail:
  _tandem_db_rollback (self);
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

GArray *
_tandem_db_list_memberships (TandemDb *self, gint64 team_id, GError **error)
{
  TandemSqlStmt *stmt = _tandem_db_stmt (
      self, statements, team_id > 0 ? STMT_LIST_MEMBERS : STMT_LIST_ALL_MEMBERS, error);

  if (stmt != NULL && team_id > 0)
    tandem_sql_bind_int64 (stmt, 1, team_id);
  return _tandem_db_list_rows (self, stmt, sizeof (TandemMembershipRecord), NULL,
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
insert_stage (TandemDb *self, const TandemStageRecord *record, GError **error)
{
  TandemSqlStmt *stmt = _tandem_db_stmt (self, statements, STMT_INSERT_STAGE, error);

  if (stmt == NULL)
    return FALSE;

  tandem_sql_bind_int64 (stmt, 1, record->account_id);
  tandem_sql_bind_int64 (stmt, 2, record->stage);
  tandem_sql_bind_int64 (stmt, 3, record->changed_at);
  tandem_sql_bind_int64 (stmt, 4, record->cause);
  _tandem_sql_bind_optional_id (stmt, 5, record->activity_id);
  return _tandem_db_step_done (self, stmt, _ ("Could not record the stage change"), error);
}

gboolean
_tandem_db_insert_account (TandemDb            *self,
                           TandemAccountRecord *record,
                           gint64               created_at,
                           GError             **error)
{
  TandemSqlStmt *stmt;

  if (!_tandem_db_begin (self, error))
    return FALSE;

  stmt = _tandem_db_stmt (self, statements, STMT_INSERT_ACCOUNT, error);
  if (stmt == NULL)
    goto fail;

  bind_account (stmt, 1, record);
  if (!_tandem_db_step_insert (self, stmt, _ ("Could not add the account"), &record->id, error))
    goto fail;

  /* the history starts with the stage the account was created in */
  {
    TandemStageRecord first
        = { record->id, record->stage, created_at, TANDEM_STAGE_CAUSE_CREATED, 0 };

    if (!insert_stage (self, &first, error))
      goto fail;
  }

  if (_tandem_db_commit (self, error))
    return TRUE;

fail:
  record->id = 0;
  _tandem_db_rollback (self);
  return FALSE;
}

gboolean
_tandem_db_update_account (TandemDb *self, const TandemAccountRecord *record, GError **error)
{
  TandemSqlStmt *stmt = _tandem_db_stmt (self, statements, STMT_UPDATE_ACCOUNT, error);

  if (stmt == NULL)
    return FALSE;

  tandem_sql_bind_int64 (stmt, 1, record->id);
  bind_account (stmt, 2, record);
  return _tandem_db_step_updated (self, stmt, _ ("account"), record->id,
                                  _ ("Could not update the account"), error);
}

gboolean
_tandem_db_load_account (TandemDb *self, gint64 id, TandemAccountRecord *record, GError **error)
{
  return _tandem_db_load_one (self, statements, STMT_LOAD_ACCOUNT, id, (gpointer)read_account,
                              record, _ ("account"), _ ("Could not read an account"), error);
}

GArray *
_tandem_db_list_accounts (TandemDb *self, GError **error)
{

  return _tandem_db_list_rows (self, _tandem_db_stmt (self, statements, STMT_LIST_ACCOUNTS, error),
                               sizeof (TandemAccountRecord),
                               (GDestroyNotify)_tandem_account_record_clear, (gpointer)read_account,
                               _ ("Could not list accounts"), error);
}

gboolean
_tandem_db_add_stage_change (TandemDb *self, const TandemStageRecord *record, GError **error)
{
  return insert_stage (self, record, error);
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

GArray *
_tandem_db_list_stage_changes (TandemDb *self, gint64 account_id, GError **error)
{
  TandemSqlStmt *stmt = _tandem_db_stmt (
      self, statements, account_id > 0 ? STMT_LIST_STAGES : STMT_LIST_ALL_STAGES, error);

  if (stmt != NULL && account_id > 0)
    tandem_sql_bind_int64 (stmt, 1, account_id);
  return _tandem_db_list_rows (self, stmt, sizeof (TandemStageRecord), NULL, (gpointer)read_stage,
                               _ ("Could not list the account’s stages"), error);
}

static void
read_order (TandemSqlStmt *stmt, TandemOrderRecord *record)
{
  record->id = tandem_sql_column_int64 (stmt, 0);
  record->occurred_at = tandem_sql_column_int64 (stmt, 1);
  record->account_id = tandem_sql_column_int64 (stmt, 2);
}

GArray *
_tandem_db_list_orders_between (TandemDb *self,
                                gint64    first_account_id,
                                gint64    last_account_id,
                                GError  **error)
{
  TandemSqlStmt *stmt = _tandem_db_stmt (self, statements, STMT_LIST_ORDERS_BETWEEN, error);

  if (stmt != NULL)
    {
      tandem_sql_bind_int64 (stmt, 1, first_account_id);
      tandem_sql_bind_int64 (stmt, 2, last_account_id);
      tandem_sql_bind_int64 (stmt, 3,
                             _tandem_activity_kinds_mask (tandem_activity_kind_is_commissionable));
    }
  return _tandem_db_list_rows (self, stmt, sizeof (TandemOrderRecord), NULL, (gpointer)read_order,
                               _ ("Could not list the account’s orders"), error);
}

GArray *
_tandem_db_list_orders (TandemDb *self, gint64 account_id, GError **error)
{
  TandemSqlStmt *stmt;

  if (account_id <= 0)
    return _tandem_db_list_orders_between (self, 1, G_MAXINT64, error);
  stmt = _tandem_db_stmt (self, statements, STMT_LIST_ORDERS, error);
  if (stmt != NULL)
    {
      tandem_sql_bind_int64 (stmt, 1, account_id);
      tandem_sql_bind_int64 (stmt, 2,
                             _tandem_activity_kinds_mask (tandem_activity_kind_is_commissionable));
    }
  return _tandem_db_list_rows (self, stmt, sizeof (TandemOrderRecord), NULL, (gpointer)read_order,
                               _ ("Could not list the account’s orders"), error);
}

GArray *
_tandem_db_list_stage_changes_between (TandemDb *self,
                                       gint64    first_account_id,
                                       gint64    last_account_id,
                                       GError  **error)
{
  TandemSqlStmt *stmt = _tandem_db_stmt (self, statements, STMT_LIST_STAGES_BETWEEN, error);

  if (stmt != NULL)
    {
      tandem_sql_bind_int64 (stmt, 1, first_account_id);
      tandem_sql_bind_int64 (stmt, 2, last_account_id);
    }
  return _tandem_db_list_rows (self, stmt, sizeof (TandemStageRecord), NULL, (gpointer)read_stage,
                               _ ("Could not list the account’s stages"), error);
}

gboolean
_tandem_db_append_audit (TandemDb *self, const TandemAuditRecord *r, GError **error)
{
  TandemSqlStmt *stmt = _tandem_db_stmt (self, statements, STMT_APPEND_AUDIT, error);

  if (stmt == NULL)
    return FALSE;
  tandem_sql_bind_int64 (stmt, 1, r->at);
  tandem_sql_bind_text (stmt, 2, r->who);
  tandem_sql_bind_text (stmt, 3, r->verb);
  tandem_sql_bind_text (stmt, 4, r->what);
  return _tandem_db_step_done (self, stmt, _ ("Could not write the audit trail"), error);
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

GArray *
_tandem_db_list_audit (TandemDb *self, gint64 since, GError **error)
{
  TandemSqlStmt *stmt = _tandem_db_stmt (self, statements, STMT_LIST_AUDIT, error);

  if (stmt != NULL)
    tandem_sql_bind_int64 (stmt, 1, since);
  return _tandem_db_list_rows (self, stmt, sizeof (TandemAuditRecord),
                               (GDestroyNotify)_tandem_audit_record_clear, (gpointer)read_audit,
                               _ ("Could not read the audit trail"), error);
}
