/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-sqlite-driver.c: SQLite under the store's SQL.
 *
 * What only SQLite has: the file (write-ahead log, immutable fallback for
 * a read-only file), PRAGMA application_id and user_version for the
 * schema, BEGIN IMMEDIATE to serialise writers, its result codes. The
 * store's queries are in tandem-sql-db.c. */

#include "config.h"

#include <inttypes.h>

#include "tandem-i18n-private.h"
#include <sqlite3.h>
#include <string.h>

#include "tandem-sqlite-private.h"
#include "tandem-schema-private.h"
#include "tandem-db-internal-private.h"

typedef struct
{
  TandemSqlDriver parent;
  sqlite3        *db;
  char           *dropped_index; /* the CREATE INDEX of an index set aside (sqlite_defer_index) */
} SqliteDriver;

typedef struct
{
  TandemSqlStmt parent;
  sqlite3_stmt *stmt;
} SqliteStmt;

#define DB(d) (((SqliteDriver *)(d))->db)
#define STMT(s) (((SqliteStmt *)(s))->stmt)

static int
error_code_for (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_READONLY:
      return TANDEM_STORE_ERROR_READ_ONLY;
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      return TANDEM_STORE_ERROR_IO;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return TANDEM_STORE_ERROR_CORRUPT;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return TANDEM_STORE_ERROR_BUSY;
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
    case SQLITE_RANGE:
      return TANDEM_STORE_ERROR_INVALID;
    default:
      return TANDEM_STORE_ERROR_FAILED;
    }
}

/* Records the connection's last error; returns FALSE. */
static gboolean
fail (TandemSqlDriver *self, int rc)
{
  sqlite3    *db = DB (self);
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
    return _tandem_sql_driver_fail (self, TANDEM_STORE_ERROR_CONFLICT, "%s (%s)", detail,
                                    self->name);
  return _tandem_sql_driver_fail (self, error_code_for (rc), "%s (%s)", detail, self->name);
}

static void
sqlite_close (TandemSqlDriver *self)
{
  if (DB (self) != NULL)
    {
      if (!sqlite3_get_autocommit (DB (self)))
        sqlite3_exec (DB (self), "ROLLBACK", NULL, NULL, NULL);
      sqlite3_close_v2 (DB (self));
      DB (self) = NULL;
    }
  g_clear_pointer (&((SqliteDriver *)self)->dropped_index, g_free);
}

static TandemSqlStmt *
sqlite_prepare (TandemSqlDriver *self, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  SqliteStmt   *out;
  int rc = sqlite3_prepare_v3 (DB (self), sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      fail (self, rc);
      return NULL;
    }
  out = g_new0 (SqliteStmt, 1);
  out->parent.driver = self;
  out->stmt = stmt;
  return &out->parent;
}

static void
sqlite_finalize (TandemSqlStmt *stmt)
{
  sqlite3_finalize (STMT (stmt));
  g_free (stmt);
}

static void
sqlite_reset (TandemSqlStmt *stmt)
{
  sqlite3_reset (STMT (stmt));
  sqlite3_clear_bindings (STMT (stmt));
}

static void
sqlite_bind_int64 (TandemSqlStmt *stmt, int index, gint64 value)
{
  sqlite3_bind_int64 (STMT (stmt), index, value);
}

static void
sqlite_bind_text (TandemSqlStmt *stmt, int index, const char *value)
{
  sqlite3_bind_text (STMT (stmt), index, value, -1, SQLITE_TRANSIENT);
}

static void
sqlite_bind_null (TandemSqlStmt *stmt, int index)
{
  sqlite3_bind_null (STMT (stmt), index);
}

static TandemSqlStep
sqlite_step (TandemSqlStmt *stmt)
{
  int rc = sqlite3_step (STMT (stmt));

  if (rc == SQLITE_ROW)
    return TANDEM_SQL_ROW;
  if (rc == SQLITE_DONE)
    return TANDEM_SQL_DONE;
  fail (stmt->driver, sqlite3_extended_errcode (DB (stmt->driver)));
  return TANDEM_SQL_ERROR;
}

static gboolean
sqlite_column_is_null (TandemSqlStmt *stmt, int column)
{
  return sqlite3_column_type (STMT (stmt), column) == SQLITE_NULL;
}

static gint64
sqlite_column_int64 (TandemSqlStmt *stmt, int column)
{
  return sqlite3_column_int64 (STMT (stmt), column);
}

static const char *
sqlite_column_text (TandemSqlStmt *stmt, int column)
{
  return (const char *)sqlite3_column_text (STMT (stmt), column);
}

static gint64
sqlite_changes (TandemSqlDriver *self)
{
  return sqlite3_changes64 (DB (self));
}

static gboolean
sqlite_exec (TandemSqlDriver *self, const char *sql)
{
  int rc = sqlite3_exec (DB (self), sql, NULL, NULL, NULL);

  return rc == SQLITE_OK || fail (self, rc);
}

static gboolean
sqlite_begin (TandemSqlDriver *self)
{
  /* IMMEDIATE takes the write lock now: writers are serialised, and what
   * a transaction reads stays true until it commits */
  return sqlite_exec (self, "BEGIN IMMEDIATE");
}

static gboolean
sqlite_commit (TandemSqlDriver *self)
{
  return sqlite_exec (self, "COMMIT");
}

static void
sqlite_rollback (TandemSqlDriver *self)
{
  if (!sqlite3_get_autocommit (DB (self)))
    sqlite3_exec (DB (self), "ROLLBACK", NULL, NULL, NULL);
}

static gboolean
sqlite_in_transaction (TandemSqlDriver *self)
{
  return !sqlite3_get_autocommit (DB (self));
}

/* An import inserts into indexes whose keys are not in time order (the
 * account index): with SQLite's default 2 MiB page cache most inserts
 * read a page back from the file. 24 MiB during an import makes it about
 * 30% faster on a million rows and keeps its memory under 64 MiB;
 * afterwards the cache goes back to the default so that a settlement
 * reading a month does not keep 24 MiB of pages.
 *
 * An import's statement journals (INSERT … RETURNING keeps one) and its
 * staging tables stay in memory (8 times fewer writes). Outside an
 * import temporary storage is a file: a GROUP BY over a month (the KPIs)
 * sorts in SQLite's sorter, which in memory would hold the whole month.
 * Temporary storage changes only outside a transaction that has
 * temporary tables, and drops them. */
static void
sqlite_set_bulk (TandemSqlDriver *self, gboolean bulk)
{
  sqlite3_exec (DB (self),
                bulk ? "PRAGMA cache_size = -24576; PRAGMA temp_store = MEMORY"
                     : "PRAGMA cache_size = -2000; PRAGMA temp_store = DEFAULT",
                NULL, NULL, NULL);
}

/* Sets index @name aside (@defer TRUE) and builds it again (FALSE), both
 * inside the write transaction: its definition is read from the schema
 * when it is dropped and run again as it was.
 *
 * CREATE INDEX sorts the keys in SQLite's sorter, which keeps the whole
 * sort in memory while temporary storage is (as during an import), and
 * writes sorted runs the size of the page cache to a file when it is
 * not. With a 4 MiB cache for the build (a 4M-row index: 4.1 s, peak
 * 53 MiB; with the import's 24 MiB cache, 60 MiB and no faster) it
 * stays within the import's memory. Temporary storage can change inside
 * a transaction that has no temporary tables, which SQLite's import
 * path never makes; where it cannot, the index is built all the same. */
static const char index_sql_query[]
    = "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?1";

static gboolean
sqlite_defer_index (TandemSqlDriver *self, const char *name, gboolean defer)
{
  SqliteDriver *driver = (SqliteDriver *)self;
  gboolean      ok;

  if (defer)
    {
      sqlite3_stmt    *stmt = NULL;
      g_autofree char *drop = NULL;
      int              rc = sqlite3_prepare_v2 (DB (self), index_sql_query, -1, &stmt, NULL);

      if (rc == SQLITE_OK)
        {
          sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
          rc = sqlite3_step (stmt);
          if (rc == SQLITE_ROW)
            {
              g_free (driver->dropped_index);
              driver->dropped_index = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
            }
        }
      sqlite3_finalize (stmt);
      if (rc == SQLITE_DONE)
        return _tandem_sql_driver_fail (self, TANDEM_STORE_ERROR_FAILED, "no index %s (%s)", name,
                                        self->name);
      if (rc != SQLITE_ROW)
        return fail (self, rc);
      drop = g_strdup_printf ("DROP INDEX \"%s\"", name);
      return sqlite_exec (self, drop);
    }

  g_return_val_if_fail (driver->dropped_index != NULL, FALSE);
  sqlite3_exec (DB (self), "PRAGMA temp_store = DEFAULT; PRAGMA cache_size = -4096", NULL, NULL,
                NULL);
  ok = sqlite_exec (self, driver->dropped_index);
  sqlite3_exec (DB (self), "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -24576", NULL, NULL,
                NULL);
  g_clear_pointer (&driver->dropped_index, g_free);
  return ok;
}

static const TandemSqlDriverClass sqlite_class = {
  .name = "sqlite",
  .close = sqlite_close,
  .prepare = sqlite_prepare,
  .finalize = sqlite_finalize,
  .reset = sqlite_reset,
  .bind_int64 = sqlite_bind_int64,
  .bind_text = sqlite_bind_text,
  .bind_null = sqlite_bind_null,
  .step = sqlite_step,
  .column_is_null = sqlite_column_is_null,
  .column_int64 = sqlite_column_int64,
  .column_text = sqlite_column_text,
  .changes = sqlite_changes,
  .exec = sqlite_exec,
  .begin = sqlite_begin,
  .commit = sqlite_commit,
  .rollback = sqlite_rollback,
  .in_transaction = sqlite_in_transaction,
  .set_bulk = sqlite_set_bulk,
  .defer_index = sqlite_defer_index,
};

/* ------------------------------------------------------------------ */
/* Opening and migrating                                               */

static gboolean
query_int (TandemSqlDriver *self, const char *sql, gint64 *value, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int           rc;

  rc = sqlite3_prepare_v2 (DB (self), sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *value = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_OK && rc != SQLITE_DONE)
    {
      if ((rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT)
        {
          g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CORRUPT,
                       _ ("“%s” is not a database or is damaged: %s"), self->name,
                       sqlite3_errstr (rc));
          return FALSE;
        }
      fail (self, rc);
      return _tandem_sql_driver_take_error (self, _ ("Could not read the database header"), error);
    }

  return TRUE;
}

static gboolean
exec_or_error (TandemSqlDriver *self, const char *sql, GError **error)
{
  return sqlite_exec (self, sql)
         || _tandem_sql_driver_take_error (self, _ ("Database statement failed"), error);
}

/* SQLite keeps the schema version in the file header, and marks the
 * file as a libtandem store with its application id. */
static char *
sqlite_write_version (gint64 version)
{
  return g_strdup_printf ("PRAGMA user_version = %" PRId64 "; PRAGMA application_id = %d;", version,
                          TANDEM_SQLITE_APPLICATION_ID);
}

static const TandemSqlSchemaStyle sqlite_schema = {
  .read_version = "PRAGMA user_version",
  .write_version = sqlite_write_version,
};

static gboolean
open_database (TandemSqlDriver *self,
               const char      *path,
               TandemStoreFlags flags,
               const char      *vfs,
               gboolean         immutable,
               GError         **error)
{
  g_autofree char *uri = NULL;
  int              open_flags = SQLITE_OPEN_URI | SQLITE_OPEN_FULLMUTEX;
  int              rc;

  if (path == NULL)
    {
      uri = g_strdup ("file::memory:");
      open_flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY;
    }
  else
    {
      g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);

      uri = g_strdup_printf ("file:%s%s", escaped, immutable ? "?immutable=1" : "");
      if (flags & TANDEM_STORE_FLAGS_READ_ONLY)
        open_flags |= SQLITE_OPEN_READONLY;
      else
        open_flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    }

  sqlite_close (self);

  rc = sqlite3_open_v2 (uri, &DB (self), open_flags, vfs);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, TANDEM_STORE_ERROR,
                   (flags & TANDEM_STORE_FLAGS_READ_ONLY) && rc == SQLITE_CANTOPEN
                       ? TANDEM_STORE_ERROR_NOT_FOUND
                       : error_code_for (rc),
                   _ ("Could not open the store “%s”: %s"), self->name,
                   DB (self) ? sqlite3_errmsg (DB (self)) : sqlite3_errstr (rc));
      return FALSE;
    }

  sqlite3_extended_result_codes (DB (self), 1);
  sqlite3_busy_timeout (DB (self), 10000);
  return TRUE;
}

/* After the migrations: no row may refer to one that is not there. */
static gboolean
check_foreign_keys (TandemSqlDriver *self, GError **error)
{
  sqlite3_stmt    *stmt = NULL;
  g_autofree char *table = NULL;
  int              rc;

  rc = sqlite3_prepare_v2 (DB (self), "PRAGMA foreign_key_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    table = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return fail (self, rc)
           || _tandem_sql_driver_take_error (self, _ ("Could not migrate the store"), error);
  if (table != NULL)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CORRUPT,
                   _ ("The store “%s” is damaged: a row of table %s refers to a row that is not "
                      "there"),
                   self->name, table);
      return FALSE;
    }
  return TRUE;
}

static gboolean
open_store (TandemSqlDriver *self,
            const char      *path,
            TandemStoreFlags flags,
            const char      *vfs,
            int             *schema_version,
            GError         **error)
{
  gint64   app_id = 0;
  gint64   version = 0;
  gint64   n_tables = 0;
  gboolean read_only = (flags & TANDEM_STORE_FLAGS_READ_ONLY) != 0;

  if (!open_database (self, path, flags, vfs, FALSE, error))
    return FALSE;

  if (!query_int (self, "PRAGMA application_id", &app_id, read_only ? NULL : error)
      || !query_int (self, "PRAGMA user_version", &version, read_only ? NULL : error))
    {
      /* A read-only WAL database whose -shm file cannot be made or written
       * (a file of another user, a read-only mount): open it as immutable
       * instead. */
      if (!read_only || !open_database (self, path, flags, vfs, TRUE, error)
          || !query_int (self, "PRAGMA application_id", &app_id, error)
          || !query_int (self, "PRAGMA user_version", &version, error))
        return FALSE;
    }

  if (!query_int (self, "SELECT count(*) FROM sqlite_master", &n_tables, error))
    return FALSE;

  if (app_id != TANDEM_SQLITE_APPLICATION_ID && (n_tables > 0 || version != 0))
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_A_STORE,
                   _ ("“%s” is an SQLite database but not a libtandem store"), self->name);
      return FALSE;
    }

  if (version > TANDEM_SCHEMA_VERSION)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_TOO_NEW,
                   _ ("The store “%s” has schema version %" PRId64
                      ", written by a newer libtandem; this one reads up to version %d. "
                      "The file was left untouched."),
                   self->name, version, TANDEM_SCHEMA_VERSION);
      return FALSE;
    }

  *schema_version = (int)version;

  if (read_only)
    {
      if (version < TANDEM_SCHEMA_VERSION)
        {
          g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_READ_ONLY,
                       _ ("The store “%s” has schema version %" PRId64
                          " and must be upgraded; open it once for writing"),
                       self->name, version);
          return FALSE;
        }
      return exec_or_error (self, "PRAGMA query_only = ON", error);
    }

  if (path != NULL && !exec_or_error (self, "PRAGMA journal_mode = WAL", error))
    return FALSE;

  /* temporary storage is in memory only while an import runs
   * (sqlite_set_bulk) */
  if (!exec_or_error (self, "PRAGMA synchronous = NORMAL;", error))
    return FALSE;

  /* foreign keys are off while the migrations run (a table that others
   * refer to can only be rebuilt so: SQLite's documented procedure), and
   * checked before they go on */
  if (version < TANDEM_SCHEMA_VERSION
      && (!exec_or_error (self, "PRAGMA foreign_keys = OFF", error)
          || !_tandem_sql_driver_migrate (self, &sqlite_schema, schema_version, error)
          || !check_foreign_keys (self, error)))
    return FALSE;
  if (!exec_or_error (self, "PRAGMA foreign_keys = ON", error))
    return FALSE;
  return version < TANDEM_SCHEMA_VERSION
         || _tandem_sql_driver_migrate (self, &sqlite_schema, schema_version, error);
}

static gboolean
check_integrity (TandemSqlDriver *self, GError **error)
{
  sqlite3_stmt    *stmt = NULL;
  g_autofree char *first = NULL;
  int              rc;

  rc = sqlite3_prepare_v2 (DB (self), "PRAGMA integrity_check", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return fail (self, rc)
           || _tandem_sql_driver_take_error (self, _ ("Integrity check failed"), error);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (first == NULL)
      first = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return fail (self, rc)
           || _tandem_sql_driver_take_error (self, _ ("Integrity check failed"), error);

  if (g_strcmp0 (first, "ok") != 0)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CORRUPT,
                   _ ("The store “%s” is damaged: %s"), self->name, first ? first : "?");
      return FALSE;
    }

  return TRUE;
}

TandemDb *
_tandem_sqlite_db_open (const char *path, TandemStoreFlags flags, const char *vfs, GError **error)
{
  SqliteDriver *driver = g_new0 (SqliteDriver, 1);
  int           schema_version = 0;

  driver->parent.klass = &sqlite_class;
  driver->parent.name = g_strdup (path != NULL ? path : ":memory:");

  if (!open_store (&driver->parent, path, flags, vfs, &schema_version, error))
    {
      _tandem_sql_driver_close (&driver->parent);
      return NULL;
    }

  return _tandem_db_new (&driver->parent, schema_version,
                         (flags & TANDEM_STORE_FLAGS_READ_ONLY) != 0, check_integrity);
}
