/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-db.c: the store's connection to its database: one TandemSqlDriver
 * (SQLite or PostgreSQL), the statements prepared on it, nested write
 * transactions, and the helpers the area files (tandem-db-*.c) share to
 * run their SQL. There is no other layer: the store, comp/ and method/
 * call the area functions declared in tandem-db-private.h, inside a
 * TandemTransaction. */

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include "tandem-i18n-private.h"

#include "tandem-db-internal-private.h"
#include "tandem-store-private.h"
#include "tandem-util-private.h"

void
_tandem_db_set_bulk (TandemDb *self, gboolean bulk)
{
  TandemSqlDriver *driver = self->driver;

  if (driver->klass->set_bulk != NULL)
    driver->klass->set_bulk (driver, bulk);
}

/* Takes the driver's last error, prefixed with @what; returns FALSE. */
gboolean
_tandem_db_error (TandemDb *self, const char *what, GError **error)
{
  return _tandem_sql_driver_take_error (self->driver, what, error);
}

TandemSqlStmt *
_tandem_db_stmt (TandemDb *self, const char *const *sql, TandemStmtId id, GError **error)
{
  if (self->stmts[id] == NULL)
    {
      self->stmts[id] = tandem_sql_prepare (self->driver, sql[id]);
      if (self->stmts[id] == NULL)
        {
          _tandem_db_error (self, _ ("Could not prepare a statement"), error);
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
_tandem_db_step_done (TandemDb *self, TandemSqlStmt *stmt, const char *what, GError **error)
{
  int rc = tandem_sql_step (stmt);

  tandem_sql_reset (stmt);
  if (rc != TANDEM_SQL_DONE)
    return _tandem_db_error (self, what, error);
  return TRUE;
}

/* Runs an INSERT … RETURNING id: *id is the new row's id, or 0 when the
 * insert did nothing (ON CONFLICT DO NOTHING). */
gboolean
_tandem_db_step_insert (TandemDb      *self,
                        TandemSqlStmt *stmt,
                        const char    *what,
                        gint64        *id,
                        GError       **error)
{
  TandemSqlStep rc = tandem_sql_step (stmt);

  *id = rc == TANDEM_SQL_ROW ? tandem_sql_column_int64 (stmt, 0) : 0;
  if (rc == TANDEM_SQL_ROW)
    rc = tandem_sql_step (stmt);
  tandem_sql_reset (stmt);
  if (rc != TANDEM_SQL_DONE)
    return _tandem_db_error (self, what, error);
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

void
_tandem_sql_bind_text_or_null (TandemSqlStmt *stmt, int index, const char *text)
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
gboolean
_tandem_db_step_updated (TandemDb      *self,
                         TandemSqlStmt *stmt,
                         const char    *what,
                         gint64         id,
                         const char    *failure,
                         GError       **error)
{
  if (!_tandem_db_step_done (self, stmt, failure, error))
    return FALSE;
  if (tandem_sql_changes (self->driver) == 0)
    return not_found (what, id, error);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Transactions                                                        */

gboolean
_tandem_db_begin (TandemDb *self, GError **error)
{

  if (self->read_only)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_READ_ONLY,
                   _ ("The store “%s” is open read-only"), self->driver->name);
      return FALSE;
    }

  if (self->tx_depth == 0 && !tandem_sql_begin (self->driver))
    return _tandem_db_error (self, _ ("Could not begin a transaction"), error);

  self->tx_depth++;
  return TRUE;
}

/* The outermost write transaction of a kind other writers may share
 * (begin_rows, begin_before, begin_import): whether it may be begun as
 * such, and its bookkeeping once the driver has begun it (@begun). A read-
 * only store or one already inside a transaction takes _tandem_db_begin
 * instead. */
static gboolean
begins_shared (TandemDb *self)
{
  return !self->read_only && self->tx_depth == 0;
}

static gboolean
began_shared (TandemDb *self, gboolean begun, GError **error)
{
  if (!begun)
    return _tandem_db_error (self, _ ("Could not begin a transaction"), error);
  self->tx_depth++;
  return TRUE;
}

gboolean
_tandem_db_begin_rows (TandemDb *self,
                       gint64    account_id,
                       gint64    activity_id,
                       gint64    occurred_at,
                       GError  **error)
{
  if (!begins_shared (self))
    return _tandem_db_begin (self, error);
  return began_shared (
      self, tandem_sql_begin_rows (self->driver, account_id, activity_id, occurred_at), error);
}

gboolean
_tandem_db_begin_before (TandemDb *self, gint64 end, GError **error)
{
  if (!begins_shared (self))
    return _tandem_db_begin (self, error);
  return began_shared (self, tandem_sql_begin_before (self->driver, end), error);
}

gboolean
_tandem_db_begin_import (TandemDb *self, GError **error)
{
  if (!begins_shared (self))
    return _tandem_db_begin (self, error);
  return began_shared (self, tandem_sql_begin_import (self->driver), error);
}

void
_tandem_db_rollback (TandemDb *self)
{

  self->tx_depth = 0;
  tandem_sql_rollback (self->driver);
}

gboolean
_tandem_db_commit (TandemDb *self, GError **error)
{

  g_return_val_if_fail (self->tx_depth > 0, FALSE);

  if (--self->tx_depth > 0)
    return TRUE;

  if (!tandem_sql_commit (self->driver))
    {
      _tandem_db_error (self, _ ("Could not commit"), error);
      _tandem_db_rollback (self);
      return FALSE;
    }

  return TRUE;
}

gboolean
_tandem_db_is_read_only (TandemDb *self)
{
  return self->read_only;
}

int
_tandem_db_get_schema_version (TandemDb *self)
{
  return self->schema_version;
}

guint64
_tandem_db_get_round_trips (TandemDb *self)
{
  return self->driver->round_trips;
}

gboolean
_tandem_db_check_integrity (TandemDb *self, GError **error)
{

  return self->check_integrity (self->driver, error);
}

/* Reads the one row @stmt_id finds for @id into @record with @read. */
gboolean
_tandem_db_load_one (TandemDb          *self,
                     const char *const *sql,
                     TandemStmtId       stmt_id,
                     gint64             id,
                     void (*read) (TandemSqlStmt *, gpointer),
                     gpointer    record,
                     const char *what,
                     const char *failure,
                     GError    **error)
{
  TandemSqlStmt *stmt = _tandem_db_stmt (self, sql, stmt_id, error);
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
    return _tandem_db_error (self, failure, error);
  return TRUE;
}

/* Runs a list statement, appending one record per row with @read. */
GArray *
_tandem_db_list_rows (TandemDb      *self,
                      TandemSqlStmt *stmt,
                      gsize          record_size,
                      GDestroyNotify clear,
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
      _tandem_db_error (self, what, error);
      return NULL;
    }

  return g_steal_pointer (&rows);
}

/* ------------------------------------------------------------------ */

void
_tandem_db_free (TandemDb *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < N_STMTS; i++)
    g_clear_pointer (&self->stmts[i], tandem_sql_finalize);
  g_clear_pointer (&self->multi_insert, tandem_sql_finalize);
  g_clear_pointer (&self->multi_stage, tandem_sql_finalize);
  g_clear_pointer (&self->driver, _tandem_sql_driver_close);
  g_free (self);
}

TandemDb *
_tandem_db_new (TandemSqlDriver       *driver,
                int                    schema_version,
                gboolean               read_only,
                TandemSqlIntegrityFunc check_integrity)
{
  TandemDb *self = g_new0 (TandemDb, 1);

  self->driver = driver;
  self->schema_version = schema_version;
  self->read_only = read_only;
  self->check_integrity = check_integrity;
  return self;
}

/* ------------------------------------------------------------------ */
/* Records                                                             */

void
_tandem_rep_record_clear (TandemRepRecord *record)
{
  g_clear_pointer (&record->name, g_free);
  g_clear_pointer (&record->personnel_number, g_free);
}

void
_tandem_team_record_clear (TandemTeamRecord *record)
{
  g_clear_pointer (&record->name, g_free);
}

void
_tandem_account_record_clear (TandemAccountRecord *record)
{
  g_clear_pointer (&record->name, g_free);
  g_clear_pointer (&record->number, g_free);
}

void
_tandem_activity_record_clear (TandemActivityRecord *record)
{
  g_clear_pointer (&record->external_ref, g_free);
  g_clear_pointer (&record->note, g_free);
  g_clear_pointer (&record->product, g_free);
  g_clear_pointer (&record->category, g_free);
}

const TandemMembershipRecord *
_tandem_membership_record_at (GArray *memberships, gint64 t)
{
  if (memberships == NULL || memberships->len == 0)
    return NULL;

  for (guint i = memberships->len; i > 0; i--)
    {
      const TandemMembershipRecord *m = &g_array_index (memberships, TandemMembershipRecord, i - 1);

      if (m->valid_from <= t && (m->valid_until == 0 || t < m->valid_until))
        return m;
    }
  return &g_array_index (memberships, TandemMembershipRecord, 0);
}

void
_tandem_schedule_record_clear (TandemScheduleRecord *record)
{
  g_clear_pointer (&record->name, g_free);
  g_clear_pointer (&record->text, g_free);
  g_clear_pointer (&record->from_label, g_free);
  g_clear_pointer (&record->until_label, g_free);
}

void
_tandem_line_record_clear (TandemLineRecord *record)
{
  g_clear_pointer (&record->explanation, g_free);
}

void
_tandem_range_record_clear (TandemRangeRecord *record)
{
  g_clear_pointer (&record->plan, g_free);
  g_clear_pointer (&record->label, g_free);
}

void
_tandem_tag_record_clear (TandemTagRecord *record)
{
  g_clear_pointer (&record->tag, g_free);
}

void
_tandem_audit_record_clear (TandemAuditRecord *record)
{
  g_clear_pointer (&record->who, g_free);
  g_clear_pointer (&record->verb, g_free);
  g_clear_pointer (&record->what, g_free);
}

void
_tandem_dispute_record_clear (TandemDisputeRecord *record)
{
  g_clear_pointer (&record->plan, g_free);
  g_clear_pointer (&record->label, g_free);
  g_clear_pointer (&record->reason, g_free);
  g_clear_pointer (&record->opened_by, g_free);
  g_clear_pointer (&record->resolved_by, g_free);
  g_clear_pointer (&record->note, g_free);
  g_clear_pointer (&record->into_label, g_free);
}

void
_tandem_support_record_clear (TandemSupportRecord *record)
{
  g_clear_pointer (&record->queue, g_free);
}

void
_tandem_charter_area_record_clear (TandemCharterAreaRecord *record)
{
  g_clear_pointer (&record->area, g_free);
}

void
_tandem_activity_scan_init (TandemActivityScan *scan)
{
  memset (scan, 0, sizeof *scan);
  scan->kind = -1;
  scan->since = G_MININT64;
  scan->until = G_MAXINT64;
}
