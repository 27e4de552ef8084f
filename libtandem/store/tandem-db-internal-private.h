/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-db-internal-private.h: what the area files of the store's SQL
 * share: the statement ids (each statement's text is in the area file that
 * runs it, in its own table indexed by these ids, which it hands to
 * _tandem_db_stmt()), the
 * TandemDb's fields and the statement helpers of tandem-db.c. */

#pragma once

#include "tandem-db-private.h"
#include "tandem-sql-driver-private.h"
#include "tandem-store-private.h"

G_BEGIN_DECLS

typedef enum
{
  STMT_INSERT_REP,
  STMT_UPDATE_REP,
  STMT_LOAD_REP,
  STMT_LIST_REPS,
  STMT_INSERT_TEAM,
  STMT_UPDATE_TEAM,
  STMT_LOAD_TEAM,
  STMT_LIST_TEAMS,
  STMT_INSERT_MEMBER,
  STMT_CLOSE_MEMBER,
  STMT_SET_TEAM_START,
  STMT_LIST_MEMBERS,
  STMT_LIST_ALL_MEMBERS,
  STMT_INSERT_ACCOUNT,
  STMT_UPDATE_ACCOUNT,
  STMT_LOAD_ACCOUNT,
  STMT_LIST_ACCOUNTS,
  STMT_INSERT_STAGE,
  STMT_LIST_STAGES,
  STMT_INSERT_ACTIVITY,
  STMT_LOG_ACTIVITY,
  STMT_LOAD_ACTIVITY,
  STMT_FIND_ACTIVITY_BY_REF,
  STMT_MAX_ACTIVITY_ID,
  STMT_INSERT_STAGED,
  STMT_SCAN_SETTLEMENT,
  STMT_LIST_REFERRALS,
  STMT_SAVE_PLAN_VERSION,
  STMT_LIST_PLAN_VERSIONS,
  STMT_SAVE_DEFAULT_PLAN,
  STMT_LIST_DEFAULT_PLAN,
  STMT_SAVE_TEAM_PLAN,
  STMT_LIST_TEAM_PLANS,
  STMT_SAVE_TARGET,
  STMT_LIST_TARGETS,
  STMT_SAVE_DRAW,
  STMT_LIST_DRAWS,
  STMT_SAVE_RATE,
  STMT_LIST_RATES,
  STMT_LIST_CLOSED_PERIODS,
  STMT_SAVE_CLOSED_RATE,
  STMT_LIST_CLOSED_RATES,
  STMT_SAVE_CLOSED_VERSION,
  STMT_LIST_DRAW_LINES,
  STMT_APPEND_AUDIT,
  STMT_LIST_AUDIT,
  STMT_INSERT_DISPUTE,
  STMT_RESOLVE_DISPUTE,
  STMT_LIST_DISPUTES,
  STMT_SAVE_PERIOD_STATE,
  STMT_LIST_PERIOD_STATES,
  STMT_SAVE_PAYROLL_PROFILE,
  STMT_LIST_PAYROLL_PROFILES,
  STMT_SAVE_SETTING,
  STMT_LIST_SETTINGS,
  STMT_INSERT_CLOSED,
  STMT_INSERT_LINE,
  STMT_LOAD_CLOSED,
  STMT_LIST_RANGES,
  STMT_LINES_FOR_ACTIVITY,
  STMT_LINE_TEXTS,
  STMT_SET_TAG,
  STMT_DELETE_TAG,
  STMT_LIST_TAGS,
  STMT_LIST_ALL_TAGS,
  STMT_ACCOUNT_REVENUE,
  STMT_INSERT_SUPPORT,
  STMT_CLOSE_SUPPORT,
  STMT_INSERT_SHADOWING,
  STMT_LIST_SHADOWING,
  STMT_MAX_CHARTER,
  STMT_INSERT_AREA,
  STMT_LIST_AREAS,
  STMT_CONFIRM,
  STMT_LIST_CONFIRMATIONS,
  STMT_LIST_ALL_STAGES,
  STMT_LIST_ORDERS,
  STMT_LIST_ORDERS_BETWEEN,
  STMT_LIST_STAGES_BETWEEN,
  STMT_SET_ACCOUNT_STAGE,
  STMT_SET_STAGED_ACCOUNT_STAGES,
  STMT_LOAD_LIFECYCLE,
  STMT_SAVE_LIFECYCLE,
  STMT_KPI_ROWS,
  STMT_INSERT_CLOSED_TEAM,
  STMT_LOAD_CLOSED_TEAMS,
  STMT_SUM_REVERSALS,
  STMT_LIST_ORDER_FLOWS,
  STMT_LIST_OPEN_ORDERS,
  N_STMTS
} TandemStmtId;

typedef gboolean (*TandemSqlIntegrityFunc) (TandemSqlDriver *driver, GError **error);

struct _TandemDb
{
  TandemSqlDriver       *driver;
  TandemSqlStmt         *stmts[N_STMTS];
  TandemSqlStmt         *multi_insert; /* MULTI_ROWS activities in one INSERT, made when needed */
  TandemSqlStmt         *multi_stage;  /* MULTI_ROWS stage changes in one INSERT, likewise */
  TandemSqlIntegrityFunc check_integrity;
  guint                  tx_depth;
  int                    schema_version;
  guint                  read_only : 1;
};

gboolean _tandem_db_error (TandemDb *self, const char *what, GError **error);
/* The prepared statement @id of an area file, whose table @sql holds its
 * text: prepared on first use, reset on every later one. */
TandemSqlStmt *_tandem_db_stmt (TandemDb          *self,
                                const char *const *sql,
                                TandemStmtId       id,
                                GError           **error);
gboolean       _tandem_db_step_done (TandemDb      *self,
                                     TandemSqlStmt *stmt,
                                     const char    *what,
                                     GError       **error);
/* An INSERT … RETURNING id: *id is the new row's, or 0 when it did nothing. */
gboolean _tandem_db_step_insert (TandemDb      *self,
                                 TandemSqlStmt *stmt,
                                 const char    *what,
                                 gint64        *id,
                                 GError       **error);
void     _tandem_sql_bind_optional_id (TandemSqlStmt *stmt, int index, gint64 id);
void     _tandem_sql_bind_optional_text (TandemSqlStmt *stmt, int index, const char *text);
char    *_tandem_sql_column_dup (TandemSqlStmt *stmt, int column);
void     _tandem_sql_column_currency (TandemSqlStmt *stmt, int column, char out[4]);
void     _tandem_sql_bind_text_or_null (TandemSqlStmt *stmt, int index, const char *text);
/* Runs an UPDATE of the row with @id; a row that is not stored is
 * %TANDEM_STORE_ERROR_NOT_FOUND naming @what. */
gboolean _tandem_db_step_updated (TandemDb      *self,
                                  TandemSqlStmt *stmt,
                                  const char    *what,
                                  gint64         id,
                                  const char    *failure,
                                  GError       **error);
/* Reads the one row @stmt_id finds for @id into @record with @read. */
gboolean _tandem_db_load_one (TandemDb          *self,
                              const char *const *sql,
                              TandemStmtId       stmt_id,
                              gint64             id,
                              void (*read) (TandemSqlStmt *, gpointer),
                              gpointer    record,
                              const char *what,
                              const char *failure,
                              GError    **error);
/* Steps @stmt to the end, reading each row with @read into a new array of
 * @record_size records (cleared with @clear). */
GArray *_tandem_db_list_rows (TandemDb      *self,
                              TandemSqlStmt *stmt,
                              gsize          record_size,
                              GDestroyNotify clear,
                              void (*read) (TandemSqlStmt *, gpointer),
                              const char *what,
                              GError    **error);

/* Takes @driver, opened and migrated to @schema_version. */
TandemDb *_tandem_db_new (TandemSqlDriver       *driver,
                          int                    schema_version,
                          gboolean               read_only,
                          TandemSqlIntegrityFunc check_integrity);

G_END_DECLS
