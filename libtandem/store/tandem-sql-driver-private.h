/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-sql-driver-private.h: the small interface a database engine
 * implements so that the store's SQL is written once.
 *
 * A driver prepares statements, binds parameters (written ?1, ?2, … in the
 * store's SQL), steps through rows, reads columns, runs plain statements
 * and transactions. Everything else (queries, record mapping, rules of the
 * store) lives above it in tandem-sql-db.c. A driver holds only what
 * differs between engines: opening, placeholders, the schema's type names,
 * how the schema version is kept, integrity checks.
 *
 * Errors: a call that fails returns its failure value and leaves a GError
 * (domain TANDEM_STORE_ERROR, code by cause) in the driver, which the
 * caller takes with _tandem_sql_driver_take_error(). */

#pragma once

#include <glib.h>

#include "tandem-store.h"

G_BEGIN_DECLS

typedef struct _TandemSqlDriver      TandemSqlDriver;
typedef struct _TandemSqlStmt        TandemSqlStmt;
typedef struct _TandemSqlDriverClass TandemSqlDriverClass;

typedef enum
{
  TANDEM_SQL_ERROR = -1,
  TANDEM_SQL_DONE = 0,
  TANDEM_SQL_ROW = 1,
} TandemSqlStep;

struct _TandemSqlDriverClass
{
  const char *name;
  /* the store has tandem_log_activity (), which logs an activity that
   * needs no rule's row in one round trip (PostgreSQL, schema 17) */
  gboolean has_log_function;

  void (*close) (TandemSqlDriver *self);
  TandemSqlStmt *(*prepare) (TandemSqlDriver *self, const char *sql);
  void (*finalize) (TandemSqlStmt *stmt);
  /* back to the first row, parameters cleared */
  void (*reset) (TandemSqlStmt *stmt);
  void (*bind_int64) (TandemSqlStmt *stmt, int index, gint64 value);
  void (*bind_text) (TandemSqlStmt *stmt, int index, const char *value);
  void (*bind_null) (TandemSqlStmt *stmt, int index);
  TandemSqlStep (*step) (TandemSqlStmt *stmt);
  gboolean (*column_is_null) (TandemSqlStmt *stmt, int column);
  gint64 (*column_int64) (TandemSqlStmt *stmt, int column);
  const char *(*column_text) (TandemSqlStmt *stmt, int column);
  /* rows changed by the last statement that changed rows */
  gint64 (*changes) (TandemSqlDriver *self);
  gboolean (*exec) (TandemSqlDriver *self, const char *sql);
  /* an exclusive write transaction: writers are serialised */
  gboolean (*begin) (TandemSqlDriver *self);
  /* Optional: the write transaction of one activity at @occurred_at that
   * other writers may share: the writers' lock taken shared (what takes it
   * exclusively, a change of plans or people, waits for them), the lock of
   * its time shared (a close of a period it may lie in waits for it; see
   * begin_before), the row of @account_id and, unless 0, of activity
   * @activity_id locked for update, so that writers for other accounts and
   * orders run side by side. Without it: begin. */
  gboolean (*begin_rows) (TandemSqlDriver *self,
                          gint64           account_id,
                          gint64           activity_id,
                          gint64           occurred_at);
  /* Optional: a close's write transaction, exclusive for every writer of
   * an activity before @end (they wait, and it waits for them), shared
   * with writers of later times. Without it: begin. */
  gboolean (*begin_before) (TandemSqlDriver *self, gint64 end);
  /* Optional: an import's write transaction: exclusive for other imports,
   * closes and every writer that locks an account's row (sales,
   * reversals, payments), shared with the writers of other activities
   * (calls, visits …). Without it: begin. */
  gboolean (*begin_import) (TandemSqlDriver *self);
  gboolean (*commit) (TandemSqlDriver *self);
  void (*rollback) (TandemSqlDriver *self);
  gboolean (*in_transaction) (TandemSqlDriver *self);
  /* Optional: size the caches for many writes (TRUE) or back (FALSE). */
  void (*set_bulk) (TandemSqlDriver *self, gboolean bulk);
  /* Optional, inside the write transaction: drops index @name (@defer
   * TRUE) and builds it again as it was (FALSE), for a bulk load. A
   * driver where DROP INDEX would lock readers out of the table
   * (PostgreSQL) leaves it out. */
  gboolean (*defer_index) (TandemSqlDriver *self, const char *name, gboolean defer);
  /* Optional: @stmt reads many rows; a server driver fetches them a batch
   * at a time rather than all at once (SQLite steps row by row anyway). */
  void (*set_streaming) (TandemSqlStmt *stmt);
  /* Optional, the bulk path: appends @n_rows rows to @table in one
   * round trip (PostgreSQL: COPY). @values holds n_rows × n_columns
   * texts, row by row, NULL for SQL NULL. A driver without it writes
   * rows one by one as cheaply (SQLite: in-process). */
  gboolean (*bulk_insert) (TandemSqlDriver   *self,
                           const char        *table,
                           const char *const *columns,
                           guint              n_columns,
                           const char *const *values,
                           guint              n_rows);
};

struct _TandemSqlDriver
{
  const TandemSqlDriverClass *klass;
  GError                     *error; /* the last failure, until taken */
  char                       *name;  /* for messages: a path or host/database, never a password */
  guint64 round_trips; /* requests the driver waited for a server's answer to (SQLite: 0) */
};

struct _TandemSqlStmt
{
  TandemSqlDriver *driver;
};

/* Records a failure in @self (replacing one not taken); returns FALSE. */
gboolean _tandem_sql_driver_fail (TandemSqlDriver *self, int code, const char *format, ...)
    G_GNUC_PRINTF (3, 4);
/* Moves the last failure to @error, prefixed with @what ("what: …"). */
gboolean _tandem_sql_driver_take_error (TandemSqlDriver *self, const char *what, GError **error);
void     _tandem_sql_driver_close (TandemSqlDriver *self);

/* How an engine keeps the schema version and words the schema. */
typedef struct
{
  const char *prepare;                     /* run first in each step's transaction, or NULL */
  const char *read_version;                /* one row, one column: the version (NULL: 0) */
  char *(*write_version) (gint64 version); /* the statements that store @version */
  char *(*translate) (const char *ddl);    /* the engine's words for a migration, or NULL */
  const char *(*override) (guint index);   /* the engine's own text for a migration, or NULL */
} TandemSqlSchemaStyle;

/* Applies the ordered migrations (tandem-schema.c, written once)
 * that the store lacks, each in the driver's write transaction. */
gboolean _tandem_sql_driver_migrate (TandemSqlDriver            *self,
                                     const TandemSqlSchemaStyle *style,
                                     int                        *schema_version,
                                     GError                    **error);

static inline TandemSqlStmt *
tandem_sql_prepare (TandemSqlDriver *self, const char *sql)
{
  return self->klass->prepare (self, sql);
}

static inline void
tandem_sql_finalize (TandemSqlStmt *stmt)
{
  if (stmt != NULL)
    stmt->driver->klass->finalize (stmt);
}

static inline void
tandem_sql_reset (TandemSqlStmt *stmt)
{
  stmt->driver->klass->reset (stmt);
}

static inline void
tandem_sql_bind_int64 (TandemSqlStmt *stmt, int index, gint64 value)
{
  stmt->driver->klass->bind_int64 (stmt, index, value);
}

static inline void
tandem_sql_bind_text (TandemSqlStmt *stmt, int index, const char *value)
{
  stmt->driver->klass->bind_text (stmt, index, value);
}

static inline void
tandem_sql_bind_null (TandemSqlStmt *stmt, int index)
{
  stmt->driver->klass->bind_null (stmt, index);
}

static inline void
tandem_sql_stmt_set_streaming (TandemSqlStmt *stmt)
{
  if (stmt->driver->klass->set_streaming != NULL)
    stmt->driver->klass->set_streaming (stmt);
}

static inline TandemSqlStep
tandem_sql_step (TandemSqlStmt *stmt)
{
  return stmt->driver->klass->step (stmt);
}

static inline gboolean
tandem_sql_column_is_null (TandemSqlStmt *stmt, int column)
{
  return stmt->driver->klass->column_is_null (stmt, column);
}

static inline gint64
tandem_sql_column_int64 (TandemSqlStmt *stmt, int column)
{
  return stmt->driver->klass->column_int64 (stmt, column);
}

static inline int
tandem_sql_column_int (TandemSqlStmt *stmt, int column)
{
  return (int)stmt->driver->klass->column_int64 (stmt, column);
}

static inline const char *
tandem_sql_column_text (TandemSqlStmt *stmt, int column)
{
  return stmt->driver->klass->column_text (stmt, column);
}

static inline gint64
tandem_sql_changes (TandemSqlDriver *self)
{
  return self->klass->changes (self);
}

static inline gboolean
tandem_sql_exec (TandemSqlDriver *self, const char *sql)
{
  return self->klass->exec (self, sql);
}

static inline gboolean
tandem_sql_begin (TandemSqlDriver *self)
{
  return self->klass->begin (self);
}

static inline gboolean
tandem_sql_begin_rows (TandemSqlDriver *self,
                       gint64           account_id,
                       gint64           activity_id,
                       gint64           occurred_at)
{
  return self->klass->begin_rows != NULL
             ? self->klass->begin_rows (self, account_id, activity_id, occurred_at)
             : self->klass->begin (self);
}

static inline gboolean
tandem_sql_begin_before (TandemSqlDriver *self, gint64 end)
{
  return self->klass->begin_before != NULL ? self->klass->begin_before (self, end)
                                           : self->klass->begin (self);
}

static inline gboolean
tandem_sql_begin_import (TandemSqlDriver *self)
{
  return self->klass->begin_import != NULL ? self->klass->begin_import (self)
                                           : self->klass->begin (self);
}

static inline gboolean
tandem_sql_commit (TandemSqlDriver *self)
{
  return self->klass->commit (self);
}

static inline void
tandem_sql_rollback (TandemSqlDriver *self)
{
  self->klass->rollback (self);
}

static inline gboolean
tandem_sql_has_bulk_insert (TandemSqlDriver *self)
{
  return self->klass->bulk_insert != NULL;
}

static inline gboolean
tandem_sql_bulk_insert (TandemSqlDriver   *self,
                        const char        *table,
                        const char *const *columns,
                        guint              n_columns,
                        const char *const *values,
                        guint              n_rows)
{
  return self->klass->bulk_insert (self, table, columns, n_columns, values, n_rows);
}

static inline gboolean
tandem_sql_in_transaction (TandemSqlDriver *self)
{
  return self->klass->in_transaction (self);
}

G_END_DECLS
