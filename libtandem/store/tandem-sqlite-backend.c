/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-sqlite-backend.c: the SQLite implementation of TandemBackend */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <sqlite3.h>
#include <string.h>

#include "tandem-sqlite-backend-private.h"
#include "tandem-sqlite-schema-private.h"
#include "tandem-store-private.h"
#include "tandem-util-private.h"

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
  STMT_LIST_MEMBERS,
  STMT_INSERT_ACCOUNT,
  STMT_UPDATE_ACCOUNT,
  STMT_LOAD_ACCOUNT,
  STMT_LIST_ACCOUNTS,
  STMT_INSERT_STAGE,
  STMT_LIST_STAGES,
  STMT_INSERT_ACTIVITY,
  STMT_LOAD_ACTIVITY,
  STMT_FIND_ACTIVITY_BY_REF,
  STMT_MAX_ACTIVITY_ID,
  STMT_SCAN_SETTLEMENT,
  STMT_LIST_REFERRALS,
  STMT_SAVE_PLAN,
  STMT_LOAD_PLAN,
  STMT_LIST_PLANS,
  STMT_INSERT_CLOSED,
  STMT_INSERT_LINE,
  STMT_LOAD_CLOSED,
  STMT_LIST_RANGES,
  STMT_LINES_FOR_ACTIVITY,
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
  STMT_LOAD_LIFECYCLE,
  STMT_SAVE_LIFECYCLE,
  STMT_KPI_ROWS,
  STMT_INSERT_CLOSED_TEAM,
  STMT_LOAD_CLOSED_TEAMS,
  STMT_COUNT_CLOSED,
  STMT_SUM_REVERSALS,
  N_STMTS
} StmtId;

static const char *const stmt_sql[N_STMTS] = {
  [STMT_INSERT_REP] = "INSERT INTO rep (name, role, archived) VALUES (?1, ?2, ?3)",
  [STMT_UPDATE_REP] = "UPDATE rep SET name = ?2, role = ?3, archived = ?4 WHERE id = ?1",
  [STMT_LOAD_REP] = "SELECT id, name, role, archived FROM rep WHERE id = ?1",
  [STMT_LIST_REPS] = "SELECT id, name, role, archived FROM rep ORDER BY id",
#define TEAM_COLUMNS                                                              \
  "t.id, t.name, t.inside_share, t.target_minor, t.target_currency, t.archived, " \
  "m.inside_rep_id, m.field_rep_id FROM team t "                                  \
  "LEFT JOIN team_member m ON m.team_id = t.id AND m.valid_until IS NULL "
  [STMT_INSERT_TEAM] = "INSERT INTO team (name, inside_share, target_minor, target_currency, archived) "
                       "VALUES (?1, ?2, ?3, ?4, ?5)",
  [STMT_UPDATE_TEAM] = "UPDATE team SET name = ?2, inside_share = ?3, target_minor = ?4, "
                       "target_currency = ?5, archived = ?6 WHERE id = ?1",
  [STMT_LOAD_TEAM] = "SELECT " TEAM_COLUMNS "WHERE t.id = ?1",
  [STMT_LIST_TEAMS] = "SELECT " TEAM_COLUMNS "ORDER BY t.id",
  [STMT_INSERT_MEMBER] = "INSERT INTO team_member (team_id, inside_rep_id, field_rep_id, valid_from) "
                         "VALUES (?1, ?2, ?3, ?4)",
  [STMT_CLOSE_MEMBER] = "UPDATE team_member SET valid_until = ?2 WHERE team_id = ?1 AND valid_until IS NULL",
  [STMT_LIST_MEMBERS] = "SELECT team_id, inside_rep_id, field_rep_id, valid_from, valid_until "
                        "FROM team_member WHERE team_id = ?1 ORDER BY valid_from, id",
  [STMT_INSERT_ACCOUNT] = "INSERT INTO account (name, team_id, category, stage, referred_by, archived) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
  [STMT_UPDATE_ACCOUNT] = "UPDATE account SET name = ?2, team_id = ?3, category = ?4, stage = ?5, "
                          "referred_by = ?6, archived = ?7 WHERE id = ?1",
  [STMT_LOAD_ACCOUNT] = "SELECT id, name, team_id, category, stage, referred_by, archived "
                        "FROM account WHERE id = ?1",
  [STMT_LIST_ACCOUNTS] = "SELECT id, name, team_id, category, stage, referred_by, archived "
                         "FROM account ORDER BY id",
  [STMT_INSERT_STAGE] = "INSERT INTO account_stage (account_id, stage, changed_at, cause, activity_id) "
                        "VALUES (?1, ?2, ?3, ?4, ?5)",
  [STMT_LIST_STAGES] = "SELECT account_id, stage, changed_at, cause, activity_id FROM account_stage "
                       "WHERE account_id = ?1 ORDER BY changed_at, id",
  [STMT_LIST_ALL_STAGES] = "SELECT account_id, stage, changed_at, cause, activity_id FROM account_stage "
                           "ORDER BY account_id, changed_at, id",
  [STMT_LIST_ORDERS] = "SELECT id, occurred_at FROM activity WHERE account_id = ?1 AND (?2 >> kind) & 1 "
                       "ORDER BY occurred_at, id",
  [STMT_LOAD_LIFECYCLE] = "SELECT regular_orders, regular_months, lost_after_days FROM lifecycle_rule WHERE id = 1",
  [STMT_SAVE_LIFECYCLE] = "INSERT INTO lifecycle_rule (id, regular_orders, regular_months, lost_after_days) "
                          "VALUES (1, ?1, ?2, ?3) ON CONFLICT (id) DO UPDATE SET regular_orders = ?1, "
                          "regular_months = ?2, lost_after_days = ?3",
  [STMT_KPI_ROWS] = "SELECT coalesce (acc.team_id, 0), a.kind, coalesce (o.kind, a.kind), r.role, "
                    "       coalesce (a.currency, ''), count (*), coalesce (sum (a.amount_minor), 0) "
                    "FROM activity a JOIN account acc ON acc.id = a.account_id "
                    "LEFT JOIN activity o ON o.id = a.reverses_id "
                    "JOIN rep r ON r.id = coalesce (o.rep_id, a.rep_id) "
                    "WHERE a.occurred_at >= ?1 AND a.occurred_at < ?2 "
                    "GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5",
#define ACTIVITY_COLUMNS \
  "id, account_id, rep_id, kind, amount_minor, currency, occurred_at, external_ref, reverses_id, note "
  [STMT_INSERT_ACTIVITY] = "INSERT INTO activity (account_id, rep_id, kind, amount_minor, currency, "
                           "occurred_at, external_ref, reverses_id, note) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
                           "ON CONFLICT (external_ref) DO NOTHING",
  [STMT_LOAD_ACTIVITY] = "SELECT " ACTIVITY_COLUMNS "FROM activity WHERE id = ?1",
  [STMT_FIND_ACTIVITY_BY_REF] = "SELECT id FROM activity WHERE external_ref = ?1",
  [STMT_MAX_ACTIVITY_ID] = "SELECT coalesce (max (id), 0) FROM activity",
  [STMT_SCAN_SETTLEMENT] = "SELECT a.id, a.account_id, a.rep_id, a.kind, a.amount_minor, a.currency, a.occurred_at, "
                           "       acc.team_id, a.reverses_id, r.kind, r.account_id, r.rep_id, r.amount_minor, r.occurred_at "
                           "FROM activity a JOIN account acc ON acc.id = a.account_id "
                           "LEFT JOIN activity r ON r.id = a.reverses_id "
                           "WHERE a.occurred_at >= ?1 AND a.occurred_at < ?2 AND (?3 >> a.kind) & 1 "
                           "ORDER BY a.occurred_at, a.id",
  [STMT_LIST_REFERRALS] = "SELECT acc.id, acc.referred_by, o.id, o.occurred_at FROM account acc "
                          "JOIN activity o ON o.id = (SELECT id FROM activity WHERE account_id = acc.id AND kind = ?1 "
                          "                           ORDER BY occurred_at, id LIMIT 1) "
                          "WHERE acc.referred_by IS NOT NULL ORDER BY acc.id",
  [STMT_SAVE_PLAN] = "INSERT INTO plan (name, definition) VALUES (?1, ?2) "
                     "ON CONFLICT (name) DO UPDATE SET definition = excluded.definition",
  [STMT_LOAD_PLAN] = "SELECT definition FROM plan WHERE name = ?1",
  [STMT_LIST_PLANS] = "SELECT name FROM plan ORDER BY name",
  [STMT_INSERT_CLOSED] = "INSERT INTO closed_period (plan, label, start_at, end_at, closed_at) "
                         "VALUES (?1, ?2, ?3, ?4, ?5)",
  [STMT_INSERT_LINE] = "INSERT INTO settlement_line (period_id, rep_id, kind, amount_minor, activity_id, explanation, "
                       "team_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
  [STMT_LOAD_CLOSED] = "SELECT l.rep_id, l.kind, l.amount_minor, l.activity_id, l.explanation, l.team_id "
                       "FROM closed_period p JOIN settlement_line l ON l.period_id = p.id "
                       "WHERE p.plan = ?1 AND p.label = ?2 ORDER BY l.id",
  [STMT_INSERT_CLOSED_TEAM] = "INSERT INTO closed_team (period_id, team_id, revenue_minor, target_minor, attainment, "
                              "payout_minor) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
  [STMT_LOAD_CLOSED_TEAMS] = "SELECT t.team_id, t.revenue_minor, t.target_minor, t.attainment, t.payout_minor "
                             "FROM closed_period p JOIN closed_team t ON t.period_id = p.id "
                             "WHERE p.plan = ?1 AND p.label = ?2 ORDER BY t.team_id",
  [STMT_COUNT_CLOSED] = "SELECT count (*) FROM closed_period WHERE plan = ?1",
  [STMT_SUM_REVERSALS] = "SELECT coalesce (sum (amount_minor), 0) FROM activity WHERE reverses_id = ?1",
  [STMT_LIST_RANGES] = "SELECT start_at, end_at FROM closed_period ORDER BY start_at",
  [STMT_SET_TAG] = "INSERT INTO rep_tag (rep_id, kind, tag, level) VALUES (?1, ?2, ?3, ?4) "
                   "ON CONFLICT (rep_id, kind, tag) DO UPDATE SET level = excluded.level",
  [STMT_DELETE_TAG] = "DELETE FROM rep_tag WHERE rep_id = ?1 AND kind = ?2 AND tag = ?3",
  [STMT_LIST_TAGS] = "SELECT rep_id, kind, tag, level FROM rep_tag WHERE rep_id = ?1 ORDER BY kind, tag",
  [STMT_LIST_ALL_TAGS] = "SELECT rep_id, kind, tag, level FROM rep_tag ORDER BY rep_id, kind, tag",
  [STMT_ACCOUNT_REVENUE] = "SELECT account_id, sum (CASE kind WHEN ?5 THEN -amount_minor ELSE amount_minor END) "
                           "FROM activity WHERE occurred_at >= ?1 AND occurred_at < ?2 AND currency = ?3 "
                           "AND (?4 >> kind) & 1 GROUP BY account_id ORDER BY account_id",
  [STMT_INSERT_SUPPORT] = "INSERT INTO support_request (activity_id, owner_id, queue, due_at) VALUES (?1, ?2, ?3, ?4)",
  [STMT_CLOSE_SUPPORT] = "UPDATE support_request SET closed_by = ?2, closed_at = ?3 "
                         "WHERE activity_id = ?1 AND closed_at IS NULL",
  [STMT_INSERT_SHADOWING] = "INSERT INTO shadowing (activity_id, host_id, minutes) VALUES (?1, ?2, ?3)",
  [STMT_LIST_SHADOWING] = "SELECT activity_id, host_id, minutes FROM shadowing ORDER BY activity_id",
  [STMT_MAX_CHARTER] = "SELECT coalesce (max (version), 0) FROM charter_area WHERE team_id = ?1",
  [STMT_INSERT_AREA] = "INSERT INTO charter_area (team_id, version, area, owner) VALUES (?1, ?2, ?3, ?4)",
  [STMT_LIST_AREAS] = "SELECT team_id, version, area, owner FROM charter_area WHERE team_id = ?1 ORDER BY version, area",
  [STMT_CONFIRM] = "INSERT INTO charter_confirmation (team_id, version, rep_id, confirmed_at) VALUES (?1, ?2, ?3, ?4) "
                   "ON CONFLICT (team_id, version, rep_id) DO NOTHING",
  [STMT_LIST_CONFIRMATIONS] = "SELECT team_id, version, rep_id, confirmed_at FROM charter_confirmation "
                              "WHERE team_id = ?1 ORDER BY version, confirmed_at, rep_id",
  [STMT_LINES_FOR_ACTIVITY] = "SELECT rep_id, kind, amount_minor, activity_id, explanation, team_id "
                              "FROM settlement_line WHERE activity_id = ?1 ORDER BY id",
};

struct _TandemSqliteBackend
{
  GObject parent_instance;

  sqlite3      *db;
  char         *path;
  sqlite3_stmt *stmts[N_STMTS];
  guint         tx_depth;
  int           schema_version;
  guint         read_only : 1;
};

static void tandem_sqlite_backend_iface_init (TandemBackendInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TandemSqliteBackend, tandem_sqlite_backend, G_TYPE_OBJECT, G_IMPLEMENT_INTERFACE (TANDEM_TYPE_BACKEND, tandem_sqlite_backend_iface_init))

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

static gboolean
set_error (TandemSqliteBackend *self,
           int                  rc,
           const char          *what,
           GError             **error)
{
  const char *detail = self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

  g_set_error (error, TANDEM_STORE_ERROR, error_code_for (rc),
               "%s: %s (%s)", what, detail,
               self->path != NULL ? self->path : ":memory:");
  return FALSE;
}

static gboolean
exec (TandemSqliteBackend *self,
      const char          *sql,
      GError             **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return set_error (self, rc, _ ("Database statement failed"), error);
  return TRUE;
}

static sqlite3_stmt *
get_stmt (TandemSqliteBackend *self,
          StmtId               id,
          GError             **error)
{
  if (self->stmts[id] == NULL)
    {
      int rc = sqlite3_prepare_v3 (self->db, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT,
                                   &self->stmts[id], NULL);
      if (rc != SQLITE_OK)
        {
          set_error (self, rc, _ ("Could not prepare a statement"), error);
          return NULL;
        }
    }
  else
    {
      sqlite3_reset (self->stmts[id]);
      sqlite3_clear_bindings (self->stmts[id]);
    }

  return self->stmts[id];
}

/* Runs a statement that returns no rows. */
static gboolean
step_done (TandemSqliteBackend *self,
           sqlite3_stmt        *stmt,
           const char          *what,
           GError             **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return set_error (self, rc, what, error);
  return TRUE;
}

static void
bind_optional_id (sqlite3_stmt *stmt,
                  int           index,
                  gint64        id)
{
  if (id > 0)
    sqlite3_bind_int64 (stmt, index, id);
  else
    sqlite3_bind_null (stmt, index);
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup ((const char *)text) : NULL;
}

static void
column_currency (sqlite3_stmt *stmt,
                 int           column,
                 char          out[4])
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  memset (out, 0, 4);
  if (text != NULL)
    g_strlcpy (out, (const char *)text, 4);
}

static gboolean
not_found (const char *what,
           gint64      id,
           GError    **error)
{
  g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_FOUND,
               _ ("No %s with id %" PRId64), what, id);
  return FALSE;
}

/* Runs an UPDATE of the row with @id; a row that is not stored is
 * %TANDEM_STORE_ERROR_NOT_FOUND naming @what. */
static gboolean
step_updated (TandemSqliteBackend *self,
              sqlite3_stmt        *stmt,
              const char          *what,
              gint64               id,
              const char          *failure,
              GError             **error)
{
  if (!step_done (self, stmt, failure, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    return not_found (what, id, error);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Opening and migrating                                               */

static gboolean
query_int (TandemSqliteBackend *self,
           const char          *sql,
           gint64              *value,
           GError             **error)
{
  sqlite3_stmt *stmt = NULL;
  int           rc;

  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
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
                       _ ("“%s” is not a database or is damaged: %s"),
                       self->path ? self->path : ":memory:", sqlite3_errstr (rc));
          return FALSE;
        }
      return set_error (self, rc, _ ("Could not read the database header"), error);
    }

  return TRUE;
}

static gboolean
migrate (TandemSqliteBackend *self,
         GError             **error)
{
  for (;;)
    {
      gint64           version = 0;
      g_autofree char *set_version = NULL;

      if (!exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;

      /* another process may have migrated while we waited for the lock */
      if (!query_int (self, "PRAGMA user_version", &version, error))
        goto fail;

      if (version >= (gint64)tandem_sqlite_n_migrations)
        {
          self->schema_version = (int)version;
          return exec (self, "COMMIT", error);
        }

      set_version = g_strdup_printf ("PRAGMA user_version = %" PRId64 "; "
                                     "PRAGMA application_id = %d;",
                                     version + 1, TANDEM_SQLITE_APPLICATION_ID);

      if (!exec (self, tandem_sqlite_migrations[version], error) || !exec (self, set_version, error) || !exec (self, "COMMIT", error))
        goto fail;
    }

fail:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  g_prefix_error (error, _ ("Could not migrate the store: "));
  return FALSE;
}

static gboolean
open_database (TandemSqliteBackend *self,
               const char          *path,
               TandemStoreFlags     flags,
               const char          *vfs,
               gboolean             immutable,
               GError             **error)
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

  if (self->db != NULL)
    {
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }

  rc = sqlite3_open_v2 (uri, &self->db, open_flags, vfs);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, TANDEM_STORE_ERROR,
                   (flags & TANDEM_STORE_FLAGS_READ_ONLY) && rc == SQLITE_CANTOPEN
                       ? TANDEM_STORE_ERROR_NOT_FOUND
                       : error_code_for (rc),
                   _ ("Could not open the store “%s”: %s"),
                   path ? path : ":memory:",
                   self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return FALSE;
    }

  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 10000);
  return TRUE;
}

static gboolean
tandem_sqlite_backend_open (TandemSqliteBackend *self,
                            const char          *path,
                            TandemStoreFlags     flags,
                            const char          *vfs,
                            GError             **error)
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
                   _ ("“%s” is an SQLite database but not a libtandem store"), path);
      return FALSE;
    }

  if (version > TANDEM_SQLITE_SCHEMA_VERSION)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_TOO_NEW,
                   _ ("The store “%s” has schema version %" PRId64
                      ", written by a newer libtandem; this one reads up to version %d. "
                      "The file was left untouched."),
                   path, version, TANDEM_SQLITE_SCHEMA_VERSION);
      return FALSE;
    }

  self->read_only = read_only;
  self->schema_version = (int)version;

  if (read_only)
    {
      if (version < TANDEM_SQLITE_SCHEMA_VERSION)
        {
          g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_READ_ONLY,
                       _ ("The store “%s” has schema version %" PRId64
                          " and must be upgraded; open it once for writing"),
                       path, version);
          return FALSE;
        }
      return exec (self, "PRAGMA query_only = ON", error);
    }

  if (path != NULL && !exec (self, "PRAGMA journal_mode = WAL", error))
    return FALSE;

  if (!exec (self, "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;", error))
    return FALSE;

  return migrate (self, error);
}

TandemBackend *
tandem_sqlite_backend_new (const char      *path,
                           TandemStoreFlags flags,
                           const char      *vfs,
                           GError         **error)
{
  g_autoptr (TandemSqliteBackend) self = g_object_new (TANDEM_TYPE_SQLITE_BACKEND, NULL);

  self->path = g_strdup (path);
  if (!tandem_sqlite_backend_open (self, path, flags, vfs, error))
    return NULL;

  return TANDEM_BACKEND (g_steal_pointer (&self));
}

/* ------------------------------------------------------------------ */
/* Transactions                                                        */

static gboolean
tandem_sqlite_backend_begin (TandemBackend *backend,
                             GError       **error)
{
  TandemSqliteBackend *self = TANDEM_SQLITE_BACKEND (backend);

  if (self->read_only)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_READ_ONLY,
                   _ ("The store “%s” is open read-only"), self->path ? self->path : ":memory:");
      return FALSE;
    }

  if (self->tx_depth == 0 && !exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  self->tx_depth++;
  return TRUE;
}

static void
tandem_sqlite_backend_rollback (TandemBackend *backend)
{
  TandemSqliteBackend *self = TANDEM_SQLITE_BACKEND (backend);

  self->tx_depth = 0;
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

static gboolean
tandem_sqlite_backend_commit (TandemBackend *backend,
                              GError       **error)
{
  TandemSqliteBackend *self = TANDEM_SQLITE_BACKEND (backend);

  g_return_val_if_fail (self->tx_depth > 0, FALSE);

  if (--self->tx_depth > 0)
    return TRUE;

  if (!exec (self, "COMMIT", error))
    {
      tandem_sqlite_backend_rollback (backend);
      return FALSE;
    }

  return TRUE;
}

static gboolean
tandem_sqlite_backend_is_read_only (TandemBackend *backend)
{
  return TANDEM_SQLITE_BACKEND (backend)->read_only;
}

static int
tandem_sqlite_backend_get_schema_version (TandemBackend *backend)
{
  return TANDEM_SQLITE_BACKEND (backend)->schema_version;
}

static gboolean
tandem_sqlite_backend_check_integrity (TandemBackend *backend,
                                       GError       **error)
{
  TandemSqliteBackend *self = TANDEM_SQLITE_BACKEND (backend);
  sqlite3_stmt        *stmt = NULL;
  g_autofree char     *first = NULL;
  int                  rc;

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA integrity_check", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return set_error (self, rc, _ ("Integrity check failed"), error);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (first == NULL)
      first = column_dup (stmt, 0);
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return set_error (self, rc, _ ("Integrity check failed"), error);

  if (g_strcmp0 (first, "ok") != 0)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CORRUPT,
                   _ ("The store “%s” is damaged: %s"), self->path ? self->path : ":memory:",
                   first ? first : "?");
      return FALSE;
    }

  return TRUE;
}

/* Reads the one row @stmt_id finds for @id into @record with @read. */
static gboolean
load_one (TandemSqliteBackend *self,
          StmtId               stmt_id,
          gint64               id,
          void (*read) (sqlite3_stmt *, gpointer),
          gpointer    record,
          const char *what,
          const char *failure,
          GError    **error)
{
  sqlite3_stmt *stmt = get_stmt (self, stmt_id, error);
  int           rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    read (stmt, record);
  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE)
    return not_found (what, id, error);
  if (rc != SQLITE_ROW)
    return set_error (self, rc, failure, error);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Reps                                                                */

static void
read_rep (sqlite3_stmt    *stmt,
          TandemRepRecord *record)
{
  record->id = sqlite3_column_int64 (stmt, 0);
  record->name = column_dup (stmt, 1);
  record->role = sqlite3_column_int (stmt, 2);
  record->archived = sqlite3_column_int (stmt, 3) != 0;
}

static gboolean
tandem_sqlite_backend_insert_rep (TandemBackend   *backend,
                                  TandemRepRecord *record,
                                  GError         **error)
{
  TandemSqliteBackend *self = TANDEM_SQLITE_BACKEND (backend);
  sqlite3_stmt        *stmt = get_stmt (self, STMT_INSERT_REP, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, record->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, record->role);
  sqlite3_bind_int (stmt, 3, record->archived ? 1 : 0);
  if (!step_done (self, stmt, _ ("Could not add the rep"), error))
    return FALSE;

  record->id = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

static gboolean
tandem_sqlite_backend_update_rep (TandemBackend         *backend,
                                  const TandemRepRecord *record,
                                  GError               **error)
{
  TandemSqliteBackend *self = TANDEM_SQLITE_BACKEND (backend);
  sqlite3_stmt        *stmt = get_stmt (self, STMT_UPDATE_REP, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, record->id);
  sqlite3_bind_text (stmt, 2, record->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, record->role);
  sqlite3_bind_int (stmt, 4, record->archived ? 1 : 0);
  return step_updated (self, stmt, _ ("rep"), record->id, _ ("Could not update the rep"), error);
}

static gboolean
tandem_sqlite_backend_load_rep (TandemBackend   *backend,
                                gint64           id,
                                TandemRepRecord *record,
                                GError         **error)
{
  return load_one (TANDEM_SQLITE_BACKEND (backend), STMT_LOAD_REP, id, (gpointer)read_rep, record,
                   _ ("rep"), _ ("Could not read a rep"), error);
}

/* Runs a list statement, appending one record per row with @read. */
static GArray *
list_rows (TandemSqliteBackend *self,
           sqlite3_stmt        *stmt,
           gsize                record_size,
           GDestroyNotify       clear,
           void (*read) (sqlite3_stmt *, gpointer),
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

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_array_set_size (rows, rows->len + 1);
      read (stmt, rows->data + (rows->len - 1) * record_size);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      set_error (self, rc, what, error);
      return NULL;
    }

  return g_steal_pointer (&rows);
}

static GArray *
tandem_sqlite_backend_list_reps (TandemBackend *backend,
                                 GError       **error)
{
  TandemSqliteBackend *self = TANDEM_SQLITE_BACKEND (backend);

  return list_rows (self, get_stmt (self, STMT_LIST_REPS, error), sizeof (TandemRepRecord),
                    (GDestroyNotify)tandem_rep_record_clear, (gpointer)read_rep,
                    _ ("Could not list reps"), error);
}

/* ------------------------------------------------------------------ */
/* Tandems                                                             */

static void
read_team (sqlite3_stmt     *stmt,
           TandemTeamRecord *record)
{
  record->id = sqlite3_column_int64 (stmt, 0);
  record->name = column_dup (stmt, 1);
  record->inside_share = sqlite3_column_int (stmt, 2);
  record->has_target = sqlite3_column_type (stmt, 3) != SQLITE_NULL;
  record->target_minor = sqlite3_column_int64 (stmt, 3);
  column_currency (stmt, 4, record->target_currency);
  record->archived = sqlite3_column_int (stmt, 5) != 0;
  record->inside_rep_id = sqlite3_column_int64 (stmt, 6);
  record->field_rep_id = sqlite3_column_int64 (stmt, 7);
}

static void
bind_team (sqlite3_stmt           *stmt,
           int                     first,
           const TandemTeamRecord *record)
{
  sqlite3_bind_text (stmt, first, record->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, first + 1, record->inside_share);
  if (record->has_target)
    {
      sqlite3_bind_int64 (stmt, first + 2, record->target_minor);
      sqlite3_bind_text (stmt, first + 3, record->target_currency, -1, SQLITE_TRANSIENT);
    }
  else
    {
      sqlite3_bind_null (stmt, first + 2);
      sqlite3_bind_null (stmt, first + 3);
    }
  sqlite3_bind_int (stmt, first + 4, record->archived ? 1 : 0);
}

static gboolean
insert_member (TandemSqliteBackend *self,
               gint64               team_id,
               gint64               inside_rep_id,
               gint64               field_rep_id,
               gint64               since,
               GError             **error)
{
  sqlite3_stmt *stmt = get_stmt (self, STMT_INSERT_MEMBER, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, team_id);
  sqlite3_bind_int64 (stmt, 2, inside_rep_id);
  sqlite3_bind_int64 (stmt, 3, field_rep_id);
  sqlite3_bind_int64 (stmt, 4, since);
  return step_done (self, stmt, _ ("Could not record the tandem’s members"), error);
}

static gboolean
tandem_sqlite_backend_insert_team (TandemBackend    *backend,
                                   TandemTeamRecord *record,
                                   gint64            since,
                                   GError          **error)
{
  TandemSqliteBackend *self = TANDEM_SQLITE_BACKEND (backend);
  sqlite3_stmt        *stmt;

  if (!tandem_sqlite_backend_begin (backend, error))
    return FALSE;

  stmt = get_stmt (self, STMT_INSERT_TEAM, error);
  if (stmt == NULL)
    goto fail;

  bind_team (stmt, 1, record);
  if (!step_done (self, stmt, _ ("Could not add the tandem"), error))
    goto fail;
  record->id = sqlite3_last_insert_rowid (self->db);

  if (!insert_member (self, record->id, record->inside_rep_id, record->field_rep_id, since, error))
    goto fail;

  if (tandem_sqlite_backend_commit (backend, error))
    return TRUE;

fail:
  record->id = 0;
  tandem_sqlite_backend_rollback (backend);
  return FALSE;
}

static gboolean
tandem_sqlite_backend_update_team (TandemBackend          *backend,
                                   const TandemTeamRecord *record,
                                   GError                **error)
{
  TandemSqliteBackend *self = TANDEM_SQLITE_BACKEND (backend);
  sqlite3_stmt        *stmt = get_stmt (self, STMT_UPDATE_TEAM, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, record->id);
  bind_team (stmt, 2, record);
  return step_updated (self, stmt, _ ("tandem"), record->id, _ ("Could not update the tandem"), error);
}

static gboolean
tandem_sqlite_backend_load_team (TandemBackend    *backend,
                                 gint64            id,
                                 TandemTeamRecord *record,
                                 GError          **error)
{
  return load_one (TANDEM_SQLITE_BACKEND (backend), STMT_LOAD_TEAM, id, (gpointer)read_team, record,
                   _ ("tandem"), _ ("Could not read a tandem"), error);
}

static GArray *
tandem_sqlite_backend_list_teams (TandemBackend *backend,
                                  GError       **error)
{
  TandemSqliteBackend *self = TANDEM_SQLITE_BACKEND (backend);

  return list_rows (self, get_stmt (self, STMT_LIST_TEAMS, error), sizeof (TandemTeamRecord),
                    (GDestroyNotify)tandem_team_record_clear, (gpointer)read_team,
                    _ ("Could not list tandems"), error);
}

static gboolean
tandem_sqlite_backend_change_members (TandemBackend *backend,
                                      gint64         team_id,
                                      gint64         inside_rep_id,
                                      gint64         field_rep_id,
                                      gint64         since,
                                      GError       **error)
{
  TandemSqliteBackend *self = TANDEM_SQLITE_BACKEND (backend);
  sqlite3_stmt        *stmt;

  if (!tandem_sqlite_backend_begin (backend, error))
    return FALSE;

  stmt = get_stmt (self, STMT_CLOSE_MEMBER, error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, team_id);
  sqlite3_bind_int64 (stmt, 2, since);
  if (!step_done (self, stmt, _ ("Could not close the tandem’s membership"), error))
    goto fail;

  if (!insert_member (self, team_id, inside_rep_id, field_rep_id, since, error))
    goto fail;

  if (tandem_sqlite_backend_commit (backend, error))
    return TRUE;

fail:
  tandem_sqlite_backend_rollback (backend);
  return FALSE;
}

static void
read_member (sqlite3_stmt           *stmt,
             TandemMembershipRecord *record)
{
  record->team_id = sqlite3_column_int64 (stmt, 0);
  record->inside_rep_id = sqlite3_column_int64 (stmt, 1);
  record->field_rep_id = sqlite3_column_int64 (stmt, 2);
  record->valid_from = sqlite3_column_int64 (stmt, 3);
  record->valid_until = sqlite3_column_int64 (stmt, 4);
}

static GArray *
tandem_sqlite_backend_list_memberships (TandemBackend *backend,
                                        gint64         team_id,
                                        GError       **error)
{
  TandemSqliteBackend *self = TANDEM_SQLITE_BACKEND (backend);
  sqlite3_stmt        *stmt = get_stmt (self, STMT_LIST_MEMBERS, error);

  if (stmt != NULL)
    sqlite3_bind_int64 (stmt, 1, team_id);
  return list_rows (self, stmt, sizeof (TandemMembershipRecord), NULL, (gpointer)read_member,
                    _ ("Could not list the tandem’s members"), error);
}

/* ------------------------------------------------------------------ */
/* Accounts                                                            */

static void
read_account (sqlite3_stmt        *stmt,
              TandemAccountRecord *record)
{
  record->id = sqlite3_column_int64 (stmt, 0);
  record->name = column_dup (stmt, 1);
  record->team_id = sqlite3_column_int64 (stmt, 2);
  record->category = sqlite3_column_int (stmt, 3);
  record->stage = sqlite3_column_int (stmt, 4);
  record->referred_by_id = sqlite3_column_int64 (stmt, 5);
  record->archived = sqlite3_column_int (stmt, 6) != 0;
}

static void
bind_account (sqlite3_stmt              *stmt,
              int                        first,
              const TandemAccountRecord *record)
{
  sqlite3_bind_text (stmt, first, record->name, -1, SQLITE_TRANSIENT);
  bind_optional_id (stmt, first + 1, record->team_id);
  sqlite3_bind_int (stmt, first + 2, record->category);
  sqlite3_bind_int (stmt, first + 3, record->stage);
  bind_optional_id (stmt, first + 4, record->referred_by_id);
  sqlite3_bind_int (stmt, first + 5, record->archived ? 1 : 0);
}

static gboolean
insert_stage (TandemSqliteBackend     *self,
              const TandemStageRecord *record,
              GError                 **error)
{
  sqlite3_stmt *stmt = get_stmt (self, STMT_INSERT_STAGE, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, record->account_id);
  sqlite3_bind_int (stmt, 2, record->stage);
  sqlite3_bind_int64 (stmt, 3, record->changed_at);
  sqlite3_bind_int (stmt, 4, record->cause);
  bind_optional_id (stmt, 5, record->activity_id);
  return step_done (self, stmt, _ ("Could not record the stage change"), error);
}

static gboolean
tandem_sqlite_backend_insert_account (TandemBackend       *backend,
                                      TandemAccountRecord *record,
                                      gint64               created_at,
                                      GError             **error)
{
  TandemSqliteBackend *self = TANDEM_SQLITE_BACKEND (backend);
  sqlite3_stmt        *stmt;

  if (!tandem_sqlite_backend_begin (backend, error))
    return FALSE;

  stmt = get_stmt (self, STMT_INSERT_ACCOUNT, error);
  if (stmt == NULL)
    goto fail;

  bind_account (stmt, 1, record);
  if (!step_done (self, stmt, _ ("Could not add the account"), error))
    goto fail;
  record->id = sqlite3_last_insert_rowid (self->db);

  /* the history starts with the stage the account was created in */
  {
    TandemStageRecord first = { record->id, record->stage, created_at, TANDEM_STAGE_CAUSE_CREATED, 0 };

    if (!insert_stage (self, &first, error))
      goto fail;
  }

  if (tandem_sqlite_backend_commit (backend, error))
    return TRUE;

fail:
  record->id = 0;
  tandem_sqlite_backend_rollback (backend);
  return FALSE;
}

static gboolean
tandem_sqlite_backend_update_account (TandemBackend             *backend,
                                      const TandemAccountRecord *record,
                                      GError                   **error)
{
  TandemSqliteBackend *self = TANDEM_SQLITE_BACKEND (backend);
  sqlite3_stmt        *stmt = get_stmt (self, STMT_UPDATE_ACCOUNT, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, record->id);
  bind_account (stmt, 2, record);
  return step_updated (self, stmt, _ ("account"), record->id, _ ("Could not update the account"), error);
}

static gboolean
tandem_sqlite_backend_load_account (TandemBackend       *backend,
                                    gint64               id,
                                    TandemAccountRecord *record,
                                    GError             **error)
{
  return load_one (TANDEM_SQLITE_BACKEND (backend), STMT_LOAD_ACCOUNT, id, (gpointer)read_account, record,
                   _ ("account"), _ ("Could not read an account"), error);
}

static GArray *
tandem_sqlite_backend_list_accounts (TandemBackend *backend,
                                     GError       **error)
{
  TandemSqliteBackend *self = TANDEM_SQLITE_BACKEND (backend);

  return list_rows (self, get_stmt (self, STMT_LIST_ACCOUNTS, error), sizeof (TandemAccountRecord),
                    (GDestroyNotify)tandem_account_record_clear, (gpointer)read_account,
                    _ ("Could not list accounts"), error);
}

static gboolean
tandem_sqlite_backend_add_stage_change (TandemBackend           *backend,
                                        const TandemStageRecord *record,
                                        GError                 **error)
{
  return insert_stage (TANDEM_SQLITE_BACKEND (backend), record, error);
}

static void
read_stage (sqlite3_stmt      *stmt,
            TandemStageRecord *record)
{
  record->account_id = sqlite3_column_int64 (stmt, 0);
  record->stage = sqlite3_column_int (stmt, 1);
  record->changed_at = sqlite3_column_int64 (stmt, 2);
  record->cause = sqlite3_column_int (stmt, 3);
  record->activity_id = sqlite3_column_int64 (stmt, 4);
}

static GArray *
tandem_sqlite_backend_list_stage_changes (TandemBackend *backend,
                                          gint64         account_id,
                                          GError       **error)
{
  TandemSqliteBackend *self = TANDEM_SQLITE_BACKEND (backend);
  sqlite3_stmt        *stmt = get_stmt (self, account_id > 0 ? STMT_LIST_STAGES : STMT_LIST_ALL_STAGES, error);

  if (stmt != NULL && account_id > 0)
    sqlite3_bind_int64 (stmt, 1, account_id);
  return list_rows (self, stmt, sizeof (TandemStageRecord), NULL, (gpointer)read_stage,
                    _ ("Could not list the account’s stages"), error);
}

static void
read_order (sqlite3_stmt      *stmt,
            TandemOrderRecord *record)
{
  record->id = sqlite3_column_int64 (stmt, 0);
  record->occurred_at = sqlite3_column_int64 (stmt, 1);
}

static GArray *
tandem_sqlite_backend_list_orders (TandemBackend *backend,
                                   gint64         account_id,
                                   GError       **error)
{
  TandemSqliteBackend *self = TANDEM_SQLITE_BACKEND (backend);
  sqlite3_stmt        *stmt = get_stmt (self, STMT_LIST_ORDERS, error);

  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, account_id);
      sqlite3_bind_int64 (stmt, 2, _tandem_activity_kinds_mask (tandem_activity_kind_is_commissionable));
    }
  return list_rows (self, stmt, sizeof (TandemOrderRecord), NULL, (gpointer)read_order,
                    _ ("Could not list the account’s orders"), error);
}

static void
read_lifecycle (sqlite3_stmt          *stmt,
                TandemLifecycleRecord *record)
{
  record->regular_orders = sqlite3_column_int (stmt, 0);
  record->regular_months = sqlite3_column_int (stmt, 1);
  record->lost_after_days = sqlite3_column_int (stmt, 2);
}

static gboolean
tandem_sqlite_backend_load_lifecycle (TandemBackend         *backend,
                                      TandemLifecycleRecord *record,
                                      GError               **error)
{
  TandemSqliteBackend *self = TANDEM_SQLITE_BACKEND (backend);
  g_autoptr (GArray) rows = list_rows (self, get_stmt (self, STMT_LOAD_LIFECYCLE, error),
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

static gboolean
tandem_sqlite_backend_save_lifecycle (TandemBackend               *backend,
                                      const TandemLifecycleRecord *record,
                                      GError                     **error)
{
  TandemSqliteBackend *self = TANDEM_SQLITE_BACKEND (backend);
  sqlite3_stmt        *stmt = get_stmt (self, STMT_SAVE_LIFECYCLE, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int (stmt, 1, record->regular_orders);
  sqlite3_bind_int (stmt, 2, record->regular_months);
  sqlite3_bind_int (stmt, 3, record->lost_after_days);
  return step_done (self, stmt, _ ("Could not save the lifecycle rules"), error);
}

static void
read_kpi (sqlite3_stmt    *stmt,
          TandemKpiRecord *record)
{
  record->team_id = sqlite3_column_int64 (stmt, 0);
  record->kind = sqlite3_column_int (stmt, 1);
  record->base_kind = sqlite3_column_int (stmt, 2);
  record->role = sqlite3_column_int (stmt, 3);
  column_currency (stmt, 4, record->currency);
  record->count = sqlite3_column_int64 (stmt, 5);
  record->amount = sqlite3_column_int64 (stmt, 6);
}

static GArray *
tandem_sqlite_backend_list_kpi_rows (TandemBackend *backend,
                                     gint64         since,
                                     gint64         until,
                                     GError       **error)
{
  TandemSqliteBackend *self = TANDEM_SQLITE_BACKEND (backend);
  sqlite3_stmt        *stmt = get_stmt (self, STMT_KPI_ROWS, error);

  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, since);
      sqlite3_bind_int64 (stmt, 2, until);
    }
  return list_rows (self, stmt, sizeof (TandemKpiRecord), NULL, (gpointer)read_kpi,
                    _ ("Could not add up the period’s activities"), error);
}

/* ------------------------------------------------------------------ */
/* Activities                                                          */

static void
read_activity (sqlite3_stmt         *stmt,
               TandemActivityRecord *record)
{
  record->id = sqlite3_column_int64 (stmt, 0);
  record->account_id = sqlite3_column_int64 (stmt, 1);
  record->rep_id = sqlite3_column_int64 (stmt, 2);
  record->kind = sqlite3_column_int (stmt, 3);
  record->has_amount = sqlite3_column_type (stmt, 4) != SQLITE_NULL;
  record->amount_minor = sqlite3_column_int64 (stmt, 4);
  column_currency (stmt, 5, record->currency);
  record->occurred_at = sqlite3_column_int64 (stmt, 6);
  record->external_ref = column_dup (stmt, 7);
  record->reverses_id = sqlite3_column_int64 (stmt, 8);
  record->note = column_dup (stmt, 9);
}

static gint64
tandem_sqlite_backend_find_activity_by_ref (TandemBackend *backend,
                                            const char    *external_ref,
                                            GError       **error)
{
  TandemSqliteBackend *self = TANDEM_SQLITE_BACKEND (backend);
  sqlite3_stmt        *stmt = get_stmt (self, STMT_FIND_ACTIVITY_BY_REF, error);
  gint64               id = 0;
  int                  rc;

  if (stmt == NULL)
    return -1;

  sqlite3_bind_text (stmt, 1, external_ref, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      set_error (self, rc, _ ("Could not look up an activity"), error);
      return -1;
    }

  return id;
}

static gboolean
tandem_sqlite_backend_insert_activity (TandemBackend        *backend,
                                       TandemActivityRecord *record,
                                       gboolean             *inserted,
                                       GError              **error)
{
  TandemSqliteBackend *self = TANDEM_SQLITE_BACKEND (backend);
  sqlite3_stmt        *stmt = get_stmt (self, STMT_INSERT_ACTIVITY, error);
  int                  rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, record->account_id);
  sqlite3_bind_int64 (stmt, 2, record->rep_id);
  sqlite3_bind_int (stmt, 3, record->kind);
  if (record->has_amount)
    {
      sqlite3_bind_int64 (stmt, 4, record->amount_minor);
      sqlite3_bind_text (stmt, 5, record->currency, 3, SQLITE_STATIC);
    }
  sqlite3_bind_int64 (stmt, 6, record->occurred_at);
  bind_text_or_null (stmt, 7, record->external_ref);
  bind_optional_id (stmt, 8, record->reverses_id);
  bind_text_or_null (stmt, 9, record->note);

  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
        {
          g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                       _ ("The activity names an account, rep or reversed activity that is not stored"));
          return FALSE;
        }
      return set_error (self, rc, _ ("Could not log the activity"), error);
    }

  if (sqlite3_changes (self->db) == 0)
    {
      /* the external_ref is already stored: report the existing row */
      gint64 id = tandem_sqlite_backend_find_activity_by_ref (backend, record->external_ref, error);

      if (id < 0)
        return FALSE;
      record->id = id;
      *inserted = FALSE;
      return TRUE;
    }

  record->id = sqlite3_last_insert_rowid (self->db);
  *inserted = TRUE;
  return TRUE;
}

static gboolean
tandem_sqlite_backend_load_activity (TandemBackend        *backend,
                                     gint64                id,
                                     TandemActivityRecord *record,
                                     GError              **error)
{
  return load_one (TANDEM_SQLITE_BACKEND (backend), STMT_LOAD_ACTIVITY, id, (gpointer)read_activity, record,
                   _ ("activity"), _ ("Could not read an activity"), error);
}

static gint64
tandem_sqlite_backend_max_activity_id (TandemBackend *backend,
                                       GError       **error)
{
  TandemSqliteBackend *self = TANDEM_SQLITE_BACKEND (backend);
  sqlite3_stmt        *stmt = get_stmt (self, STMT_MAX_ACTIVITY_ID, error);
  gint64               id = 0;
  int                  rc;

  if (stmt == NULL)
    return -1;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW)
    {
      set_error (self, rc, _ ("Could not count activities"), error);
      return -1;
    }
  return id;
}

/* Builds "WHERE …" for a scan; parameters are bound by bind_scan in the
 * same order. */
static void
append_scan_conditions (GString                  *sql,
                        const TandemActivityScan *scan,
                        const TandemScanKey      *after)
{
  g_string_append (sql, " WHERE 1");
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
bind_scan (sqlite3_stmt             *stmt,
           const TandemActivityScan *scan,
           const TandemScanKey      *after)
{
  int i = 1;

  if (scan->team_id > 0)
    sqlite3_bind_int64 (stmt, i++, scan->team_id);
  if (scan->account_id > 0)
    sqlite3_bind_int64 (stmt, i++, scan->account_id);
  if (scan->rep_id > 0)
    sqlite3_bind_int64 (stmt, i++, scan->rep_id);
  if (scan->kind >= 0)
    sqlite3_bind_int (stmt, i++, scan->kind);
  if (scan->since != G_MININT64)
    sqlite3_bind_int64 (stmt, i++, scan->since);
  if (scan->until != G_MAXINT64)
    sqlite3_bind_int64 (stmt, i++, scan->until);
  if (scan->max_id > 0)
    sqlite3_bind_int64 (stmt, i++, scan->max_id);
  if (after != NULL)
    {
      sqlite3_bind_int64 (stmt, i++, after->occurred_at);
      sqlite3_bind_int64 (stmt, i++, after->id);
    }

  return i;
}

static gint64
tandem_sqlite_backend_count_activities (TandemBackend            *backend,
                                        const TandemActivityScan *scan,
                                        GError                  **error)
{
  TandemSqliteBackend *self = TANDEM_SQLITE_BACKEND (backend);
  g_autoptr (GString) sql = g_string_new ("SELECT count(*) FROM activity");
  sqlite3_stmt *stmt = NULL;
  gint64        count = -1;
  int           rc;

  append_scan_conditions (sql, scan, NULL);
  rc = sqlite3_prepare_v2 (self->db, sql->str, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      bind_scan (stmt, scan, NULL);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        count = sqlite3_column_int64 (stmt, 0);
    }
  sqlite3_finalize (stmt);

  if (count < 0)
    set_error (self, rc, _ ("Could not count activities"), error);
  return count;
}

static gboolean
tandem_sqlite_backend_scan_activities (TandemBackend            *backend,
                                       const TandemActivityScan *scan,
                                       const TandemScanKey      *after,
                                       gint64                    offset,
                                       guint                     limit,
                                       GArray                   *records,
                                       GError                  **error)
{
  TandemSqliteBackend *self = TANDEM_SQLITE_BACKEND (backend);
  g_autoptr (GString) sql = g_string_new ("SELECT " ACTIVITY_COLUMNS "FROM activity");
  sqlite3_stmt *stmt = NULL;
  int           rc;
  int           i;

  append_scan_conditions (sql, scan, after);
  g_string_append (sql, " ORDER BY occurred_at, id LIMIT ? OFFSET ?");

  rc = sqlite3_prepare_v2 (self->db, sql->str, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return set_error (self, rc, _ ("Could not query activities"), error);

  i = bind_scan (stmt, scan, after);
  sqlite3_bind_int64 (stmt, i++, limit);
  sqlite3_bind_int64 (stmt, i, after != NULL ? 0 : offset);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_array_set_size (records, records->len + 1);
      read_activity (stmt, &g_array_index (records, TandemActivityRecord, records->len - 1));
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return set_error (self, rc, _ ("Could not query activities"), error);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Settlement support                                                  */

static gboolean
tandem_sqlite_backend_scan_settlement (TandemBackend   *backend,
                                       gint64           since,
                                       gint64           until,
                                       TandemSettleFunc func,
                                       gpointer         user_data,
                                       GError         **error)
{
  TandemSqliteBackend *self = TANDEM_SQLITE_BACKEND (backend);
  sqlite3_stmt        *stmt = NULL;
  int                  rc;

  /* A statement of its own, not the cached one: @func may start another
   * scan (settling an earlier period for a clawback) while this one runs. */
  rc = sqlite3_prepare_v2 (self->db, stmt_sql[STMT_SCAN_SETTLEMENT], -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return set_error (self, rc, _ ("Could not read activities for settlement"), error);

  sqlite3_bind_int64 (stmt, 1, since);
  sqlite3_bind_int64 (stmt, 2, until);
  sqlite3_bind_int64 (stmt, 3, _tandem_activity_kinds_mask (_tandem_activity_kind_settles));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      TandemSettleRecord r;

      r.id = sqlite3_column_int64 (stmt, 0);
      r.account_id = sqlite3_column_int64 (stmt, 1);
      r.rep_id = sqlite3_column_int64 (stmt, 2);
      r.kind = sqlite3_column_int (stmt, 3);
      r.amount_minor = sqlite3_column_int64 (stmt, 4);
      column_currency (stmt, 5, r.currency);
      r.occurred_at = sqlite3_column_int64 (stmt, 6);
      r.team_id = sqlite3_column_int64 (stmt, 7);
      r.reverses_id = sqlite3_column_int64 (stmt, 8);
      r.reversed_kind = sqlite3_column_int (stmt, 9);
      r.reversed_account_id = sqlite3_column_int64 (stmt, 10);
      r.reversed_rep_id = sqlite3_column_int64 (stmt, 11);
      r.reversed_amount = sqlite3_column_int64 (stmt, 12);
      r.reversed_at = sqlite3_column_int64 (stmt, 13);

      if (!func (&r, user_data, error))
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }
    }
  sqlite3_finalize (stmt);

  if (rc != SQLITE_DONE)
    return set_error (self, rc, _ ("Could not read activities for settlement"), error);
  return TRUE;
}

static void
read_referral (sqlite3_stmt         *stmt,
               TandemReferralRecord *record)
{
  record->account_id = sqlite3_column_int64 (stmt, 0);
  record->referrer_id = sqlite3_column_int64 (stmt, 1);
  record->order_id = sqlite3_column_int64 (stmt, 2);
  record->order_at = sqlite3_column_int64 (stmt, 3);
}

static GArray *
tandem_sqlite_backend_list_referrals (TandemBackend *backend,
                                      GError       **error)
{
  TandemSqliteBackend *self = TANDEM_SQLITE_BACKEND (backend);
  sqlite3_stmt        *stmt = get_stmt (self, STMT_LIST_REFERRALS, error);

  /* the referral bonus is paid on a referred account's first order */
  if (stmt != NULL)
    sqlite3_bind_int (stmt, 1, TANDEM_ACTIVITY_KIND_ORDER);
  return list_rows (self, stmt, sizeof (TandemReferralRecord),
                    NULL, (gpointer)read_referral, _ ("Could not list referrals"), error);
}

static gboolean
tandem_sqlite_backend_save_plan (TandemBackend *backend,
                                 const char    *name,
                                 const char    *definition,
                                 GError       **error)
{
  TandemSqliteBackend *self = TANDEM_SQLITE_BACKEND (backend);
  sqlite3_stmt        *stmt = get_stmt (self, STMT_SAVE_PLAN, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, definition, -1, SQLITE_TRANSIENT);
  return step_done (self, stmt, _ ("Could not save the plan"), error);
}

static char *
tandem_sqlite_backend_load_plan (TandemBackend *backend,
                                 const char    *name,
                                 GError       **error)
{
  TandemSqliteBackend *self = TANDEM_SQLITE_BACKEND (backend);
  sqlite3_stmt        *stmt = get_stmt (self, STMT_LOAD_PLAN, error);
  char                *definition = NULL;
  int                  rc;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    definition = column_dup (stmt, 0);
  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE)
    g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_FOUND,
                 _ ("No plan named “%s” (load one with tandem plan load FILE)"), name);
  else if (rc != SQLITE_ROW)
    set_error (self, rc, _ ("Could not read the plan"), error);
  return definition;
}

static char **
tandem_sqlite_backend_list_plans (TandemBackend *backend,
                                  GError       **error)
{
  TandemSqliteBackend *self = TANDEM_SQLITE_BACKEND (backend);
  sqlite3_stmt        *stmt = get_stmt (self, STMT_LIST_PLANS, error);
  g_autoptr (GStrvBuilder) names = g_strv_builder_new ();
  int rc;

  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (names, (const char *)sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      set_error (self, rc, _ ("Could not list plans"), error);
      return NULL;
    }
  return g_strv_builder_end (names);
}

static gboolean
tandem_sqlite_backend_close_period (TandemBackend *backend,
                                    const char    *plan,
                                    const char    *label,
                                    gint64         start,
                                    gint64         end,
                                    gint64         closed_at,
                                    GArray        *lines,
                                    GArray        *teams,
                                    GError       **error)
{
  TandemSqliteBackend *self = TANDEM_SQLITE_BACKEND (backend);
  sqlite3_stmt        *stmt;
  gint64               period_id;

  if (!tandem_sqlite_backend_begin (backend, error))
    return FALSE;

  stmt = get_stmt (self, STMT_INSERT_CLOSED, error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, plan, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, label, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, start);
  sqlite3_bind_int64 (stmt, 4, end);
  sqlite3_bind_int64 (stmt, 5, closed_at);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      int rc = sqlite3_extended_errcode (self->db);

      sqlite3_reset (stmt);
      if (rc == SQLITE_CONSTRAINT_UNIQUE)
        g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CLOSED_PERIOD,
                     _ ("Period %s of plan “%s” is already closed"), label, plan);
      else
        set_error (self, rc, _ ("Could not close the period"), error);
      goto fail;
    }
  sqlite3_reset (stmt);
  period_id = sqlite3_last_insert_rowid (self->db);

  for (guint i = 0; i < lines->len; i++)
    {
      const TandemLineRecord *l = &g_array_index (lines, TandemLineRecord, i);

      stmt = get_stmt (self, STMT_INSERT_LINE, error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, period_id);
      sqlite3_bind_int64 (stmt, 2, l->rep_id);
      sqlite3_bind_int (stmt, 3, l->kind);
      sqlite3_bind_int64 (stmt, 4, l->amount_minor);
      bind_optional_id (stmt, 5, l->activity_id);
      sqlite3_bind_text (stmt, 6, l->explanation ? l->explanation : "", -1, SQLITE_TRANSIENT);
      bind_optional_id (stmt, 7, l->team_id);
      if (!step_done (self, stmt, _ ("Could not store a settlement line"), error))
        goto fail;
    }

  for (guint i = 0; teams != NULL && i < teams->len; i++)
    {
      const TandemTeamResultRecord *t = &g_array_index (teams, TandemTeamResultRecord, i);

      stmt = get_stmt (self, STMT_INSERT_CLOSED_TEAM, error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, period_id);
      sqlite3_bind_int64 (stmt, 2, t->team_id);
      sqlite3_bind_int64 (stmt, 3, t->revenue);
      if (t->has_target)
        sqlite3_bind_int64 (stmt, 4, t->target);
      sqlite3_bind_int (stmt, 5, t->attainment);
      sqlite3_bind_int64 (stmt, 6, t->payout);
      if (!step_done (self, stmt, _ ("Could not store a tandem result"), error))
        goto fail;
    }

  if (tandem_sqlite_backend_commit (backend, error))
    return TRUE;

fail:
  tandem_sqlite_backend_rollback (backend);
  return FALSE;
}

static void
read_line (sqlite3_stmt     *stmt,
           TandemLineRecord *record)
{
  record->rep_id = sqlite3_column_int64 (stmt, 0);
  record->kind = sqlite3_column_int (stmt, 1);
  record->amount_minor = sqlite3_column_int64 (stmt, 2);
  record->activity_id = sqlite3_column_int64 (stmt, 3);
  record->explanation = column_dup (stmt, 4);
  record->team_id = sqlite3_column_int64 (stmt, 5);
}

static void
read_team_result (sqlite3_stmt           *stmt,
                  TandemTeamResultRecord *record)
{
  record->team_id = sqlite3_column_int64 (stmt, 0);
  record->revenue = sqlite3_column_int64 (stmt, 1);
  record->has_target = sqlite3_column_type (stmt, 2) != SQLITE_NULL;
  record->target = sqlite3_column_int64 (stmt, 2);
  record->attainment = sqlite3_column_int (stmt, 3);
  record->payout = sqlite3_column_int64 (stmt, 4);
}

static gboolean
tandem_sqlite_backend_load_closed_period (TandemBackend *backend,
                                          const char    *plan,
                                          const char    *label,
                                          GArray        *lines,
                                          GArray        *teams,
                                          GError       **error)
{
  TandemSqliteBackend *self = TANDEM_SQLITE_BACKEND (backend);
  g_autoptr (GArray) rows = NULL;
  g_autoptr (GArray) team_rows = NULL;
  sqlite3_stmt *exists = NULL;
  gboolean      closed;
  int           rc;

  rc = sqlite3_prepare_v2 (self->db, "SELECT 1 FROM closed_period WHERE plan = ?1 AND label = ?2", -1, &exists, NULL);
  if (rc != SQLITE_OK)
    return set_error (self, rc, _ ("Could not read closed periods"), error);
  sqlite3_bind_text (exists, 1, plan, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (exists, 2, label, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (exists);
  sqlite3_finalize (exists);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return set_error (self, rc, _ ("Could not read closed periods"), error);
  closed = rc == SQLITE_ROW;
  if (!closed)
    return FALSE;

  {
    sqlite3_stmt *stmt = get_stmt (self, STMT_LOAD_CLOSED, error);

    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_text (stmt, 1, plan, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 2, label, -1, SQLITE_TRANSIENT);
    rows = list_rows (self, stmt, sizeof (TandemLineRecord), NULL, (gpointer)read_line,
                      _ ("Could not read a closed settlement"), error);
  }
  if (rows == NULL)
    return FALSE;

  if (teams != NULL)
    {
      sqlite3_stmt *stmt = get_stmt (self, STMT_LOAD_CLOSED_TEAMS, error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, plan, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, label, -1, SQLITE_TRANSIENT);
      team_rows = list_rows (self, stmt, sizeof (TandemTeamResultRecord), NULL, (gpointer)read_team_result,
                             _ ("Could not read a closed settlement"), error);
      if (team_rows == NULL)
        return FALSE;
      g_array_append_vals (teams, team_rows->data, team_rows->len);
    }

  g_array_append_vals (lines, rows->data, rows->len);
  return TRUE;
}

static gint64
tandem_sqlite_backend_count_closed_periods (TandemBackend *backend,
                                            const char    *plan,
                                            GError       **error)
{
  TandemSqliteBackend *self = TANDEM_SQLITE_BACKEND (backend);
  sqlite3_stmt        *stmt = get_stmt (self, STMT_COUNT_CLOSED, error);
  gint64               n = 0;
  int                  rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, plan, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      set_error (self, rc, _ ("Could not read closed periods"), error);
      return -1;
    }
  return n;
}

static gboolean
tandem_sqlite_backend_sum_reversals (TandemBackend *backend,
                                     gint64         activity_id,
                                     gint64        *sum,
                                     GError       **error)
{
  TandemSqliteBackend *self = TANDEM_SQLITE_BACKEND (backend);
  sqlite3_stmt        *stmt = get_stmt (self, STMT_SUM_REVERSALS, error);
  int                  rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, activity_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *sum = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return set_error (self, rc, _ ("Could not add up the reversals of an activity"), error);
  return TRUE;
}

static void
read_range (sqlite3_stmt      *stmt,
            TandemRangeRecord *record)
{
  record->start = sqlite3_column_int64 (stmt, 0);
  record->end = sqlite3_column_int64 (stmt, 1);
}

static GArray *
tandem_sqlite_backend_list_closed_ranges (TandemBackend *backend,
                                          GError       **error)
{
  TandemSqliteBackend *self = TANDEM_SQLITE_BACKEND (backend);

  return list_rows (self, get_stmt (self, STMT_LIST_RANGES, error), sizeof (TandemRangeRecord),
                    NULL, (gpointer)read_range, _ ("Could not read closed periods"), error);
}

static GArray *
tandem_sqlite_backend_list_closed_lines_for_activity (TandemBackend *backend,
                                                      gint64         activity_id,
                                                      GError       **error)
{
  TandemSqliteBackend *self = TANDEM_SQLITE_BACKEND (backend);
  sqlite3_stmt        *stmt = get_stmt (self, STMT_LINES_FOR_ACTIVITY, error);

  if (stmt != NULL)
    sqlite3_bind_int64 (stmt, 1, activity_id);
  return list_rows (self, stmt, sizeof (TandemLineRecord), (GDestroyNotify)tandem_line_record_clear,
                    (gpointer)read_line, _ ("Could not read closed lines"), error);
}

static gboolean
tandem_sqlite_backend_set_rep_tag (TandemBackend *backend,
                                   gint64         rep_id,
                                   int            kind,
                                   const char    *tag,
                                   int            level,
                                   GError       **error)
{
  TandemSqliteBackend *self = TANDEM_SQLITE_BACKEND (backend);
  sqlite3_stmt        *stmt = get_stmt (self, level > 0 ? STMT_SET_TAG : STMT_DELETE_TAG, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, rep_id);
  sqlite3_bind_int (stmt, 2, kind);
  sqlite3_bind_text (stmt, 3, tag, -1, SQLITE_TRANSIENT);
  if (level > 0)
    sqlite3_bind_int (stmt, 4, level);
  return step_done (self, stmt, _ ("Could not store the rep’s tag"), error);
}

static void
read_tag (sqlite3_stmt    *stmt,
          TandemTagRecord *record)
{
  record->rep_id = sqlite3_column_int64 (stmt, 0);
  record->kind = sqlite3_column_int (stmt, 1);
  record->tag = column_dup (stmt, 2);
  record->level = sqlite3_column_int (stmt, 3);
}

static GArray *
tandem_sqlite_backend_list_rep_tags (TandemBackend *backend,
                                     gint64         rep_id,
                                     GError       **error)
{
  TandemSqliteBackend *self = TANDEM_SQLITE_BACKEND (backend);
  sqlite3_stmt        *stmt = get_stmt (self, rep_id > 0 ? STMT_LIST_TAGS : STMT_LIST_ALL_TAGS, error);

  if (stmt != NULL && rep_id > 0)
    sqlite3_bind_int64 (stmt, 1, rep_id);
  return list_rows (self, stmt, sizeof (TandemTagRecord), (GDestroyNotify)tandem_tag_record_clear,
                    (gpointer)read_tag, _ ("Could not list the reps’ tags"), error);
}

static void
read_revenue (sqlite3_stmt        *stmt,
              TandemRevenueRecord *record)
{
  record->account_id = sqlite3_column_int64 (stmt, 0);
  record->revenue = sqlite3_column_int64 (stmt, 1);
}

static GArray *
tandem_sqlite_backend_list_account_revenue (TandemBackend *backend,
                                            gint64         since,
                                            gint64         until,
                                            const char    *currency,
                                            GError       **error)
{
  TandemSqliteBackend *self = TANDEM_SQLITE_BACKEND (backend);
  sqlite3_stmt        *stmt = get_stmt (self, STMT_ACCOUNT_REVENUE, error);

  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, since);
      sqlite3_bind_int64 (stmt, 2, until);
      sqlite3_bind_text (stmt, 3, currency, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 4, _tandem_activity_kinds_mask (_tandem_activity_kind_settles));
      sqlite3_bind_int (stmt, 5, TANDEM_ACTIVITY_KIND_REVERSAL);
    }
  return list_rows (self, stmt, sizeof (TandemRevenueRecord), NULL, (gpointer)read_revenue,
                    _ ("Could not add up revenue per account"), error);
}

static gboolean
tandem_sqlite_backend_insert_support (TandemBackend             *backend,
                                      const TandemSupportRecord *record,
                                      GError                   **error)
{
  TandemSqliteBackend *self = TANDEM_SQLITE_BACKEND (backend);
  sqlite3_stmt        *stmt = get_stmt (self, STMT_INSERT_SUPPORT, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, record->activity_id);
  sqlite3_bind_int64 (stmt, 2, record->owner_id);
  sqlite3_bind_text (stmt, 3, record->queue, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, record->due_at);
  return step_done (self, stmt, _ ("Could not open the support request"), error);
}

static void
read_support (sqlite3_stmt        *stmt,
              TandemSupportRecord *record)
{
  record->activity_id = sqlite3_column_int64 (stmt, 0);
  record->owner_id = sqlite3_column_int64 (stmt, 1);
  record->queue = column_dup (stmt, 2);
  record->due_at = sqlite3_column_int64 (stmt, 3);
  record->closed_by = sqlite3_column_int64 (stmt, 4);
  record->closed_at = sqlite3_column_int64 (stmt, 5);
}

static GArray *
tandem_sqlite_backend_list_support (TandemBackend *backend,
                                    const char    *queue,
                                    gboolean       open_only,
                                    gint64         due_before,
                                    gint64         activity_id,
                                    GError       **error)
{
  TandemSqliteBackend *self = TANDEM_SQLITE_BACKEND (backend);
  g_autoptr (GString) sql = g_string_new ("SELECT activity_id, owner_id, queue, due_at, closed_by, closed_at "
                                          "FROM support_request WHERE 1");
  sqlite3_stmt *stmt = NULL;
  GArray       *rows;
  int           i = 1, rc;

  if (queue != NULL)
    g_string_append (sql, " AND queue = ?");
  if (open_only)
    g_string_append (sql, " AND closed_at IS NULL");
  if (due_before != G_MAXINT64)
    g_string_append (sql, " AND due_at < ?");
  if (activity_id > 0)
    g_string_append (sql, " AND activity_id = ?");
  g_string_append (sql, " ORDER BY due_at, activity_id");

  rc = sqlite3_prepare_v2 (self->db, sql->str, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_error (self, rc, _ ("Could not list support requests"), error);
      return NULL;
    }
  if (queue != NULL)
    sqlite3_bind_text (stmt, i++, queue, -1, SQLITE_TRANSIENT);
  if (due_before != G_MAXINT64)
    sqlite3_bind_int64 (stmt, i++, due_before);
  if (activity_id > 0)
    sqlite3_bind_int64 (stmt, i++, activity_id);

  rows = list_rows (self, stmt, sizeof (TandemSupportRecord), (GDestroyNotify)tandem_support_record_clear,
                    (gpointer)read_support, _ ("Could not list support requests"), error);
  sqlite3_finalize (stmt);
  return rows;
}

static gboolean
tandem_sqlite_backend_insert_shadowing (TandemBackend               *backend,
                                        const TandemShadowingRecord *record,
                                        GError                     **error)
{
  TandemSqliteBackend *self = TANDEM_SQLITE_BACKEND (backend);
  sqlite3_stmt        *stmt = get_stmt (self, STMT_INSERT_SHADOWING, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, record->activity_id);
  sqlite3_bind_int64 (stmt, 2, record->host_id);
  sqlite3_bind_int64 (stmt, 3, record->minutes);
  return step_done (self, stmt, _ ("Could not record the shadowing"), error);
}

static void
read_shadowing (sqlite3_stmt          *stmt,
                TandemShadowingRecord *record)
{
  record->activity_id = sqlite3_column_int64 (stmt, 0);
  record->host_id = sqlite3_column_int64 (stmt, 1);
  record->minutes = sqlite3_column_int64 (stmt, 2);
}

static GArray *
tandem_sqlite_backend_list_shadowing (TandemBackend *backend,
                                      GError       **error)
{
  TandemSqliteBackend *self = TANDEM_SQLITE_BACKEND (backend);

  return list_rows (self, get_stmt (self, STMT_LIST_SHADOWING, error), sizeof (TandemShadowingRecord), NULL,
                    (gpointer)read_shadowing, _ ("Could not list shadowing"), error);
}

static gboolean
tandem_sqlite_backend_insert_charter (TandemBackend *backend,
                                      gint64         team_id,
                                      GArray        *areas,
                                      int           *version,
                                      GError       **error)
{
  TandemSqliteBackend *self = TANDEM_SQLITE_BACKEND (backend);
  sqlite3_stmt        *stmt;
  int                  next = 0;

  if (!tandem_sqlite_backend_begin (backend, error))
    return FALSE;

  stmt = get_stmt (self, STMT_MAX_CHARTER, error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, team_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    next = sqlite3_column_int (stmt, 0) + 1;
  sqlite3_reset (stmt);
  if (next == 0)
    {
      set_error (self, sqlite3_errcode (self->db), _ ("Could not read the charter’s versions"), error);
      goto fail;
    }

  for (guint i = 0; i < areas->len; i++)
    {
      const TandemCharterAreaRecord *a = &g_array_index (areas, TandemCharterAreaRecord, i);

      stmt = get_stmt (self, STMT_INSERT_AREA, error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, team_id);
      sqlite3_bind_int (stmt, 2, next);
      sqlite3_bind_text (stmt, 3, a->area, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 4, a->owner);
      if (!step_done (self, stmt, _ ("Could not store the charter"), error))
        goto fail;
    }

  if (tandem_sqlite_backend_commit (backend, error))
    {
      *version = next;
      return TRUE;
    }

fail:
  tandem_sqlite_backend_rollback (backend);
  return FALSE;
}

static void
read_area (sqlite3_stmt            *stmt,
           TandemCharterAreaRecord *record)
{
  record->team_id = sqlite3_column_int64 (stmt, 0);
  record->version = sqlite3_column_int (stmt, 1);
  record->area = column_dup (stmt, 2);
  record->owner = sqlite3_column_int (stmt, 3);
}

static GArray *
tandem_sqlite_backend_list_charter_areas (TandemBackend *backend,
                                          gint64         team_id,
                                          GError       **error)
{
  TandemSqliteBackend *self = TANDEM_SQLITE_BACKEND (backend);
  sqlite3_stmt        *stmt = get_stmt (self, STMT_LIST_AREAS, error);

  if (stmt != NULL)
    sqlite3_bind_int64 (stmt, 1, team_id);
  return list_rows (self, stmt, sizeof (TandemCharterAreaRecord), (GDestroyNotify)tandem_charter_area_record_clear,
                    (gpointer)read_area, _ ("Could not read the charter"), error);
}

static gboolean
tandem_sqlite_backend_confirm_charter (TandemBackend *backend,
                                       gint64         team_id,
                                       int            version,
                                       gint64         rep_id,
                                       gint64         confirmed_at,
                                       GError       **error)
{
  TandemSqliteBackend *self = TANDEM_SQLITE_BACKEND (backend);
  sqlite3_stmt        *stmt = get_stmt (self, STMT_CONFIRM, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, team_id);
  sqlite3_bind_int (stmt, 2, version);
  sqlite3_bind_int64 (stmt, 3, rep_id);
  sqlite3_bind_int64 (stmt, 4, confirmed_at);
  return step_done (self, stmt, _ ("Could not record the confirmation"), error);
}

static void
read_confirmation (sqlite3_stmt             *stmt,
                   TandemConfirmationRecord *record)
{
  record->team_id = sqlite3_column_int64 (stmt, 0);
  record->version = sqlite3_column_int (stmt, 1);
  record->rep_id = sqlite3_column_int64 (stmt, 2);
  record->confirmed_at = sqlite3_column_int64 (stmt, 3);
}

static GArray *
tandem_sqlite_backend_list_confirmations (TandemBackend *backend,
                                          gint64         team_id,
                                          GError       **error)
{
  TandemSqliteBackend *self = TANDEM_SQLITE_BACKEND (backend);
  sqlite3_stmt        *stmt = get_stmt (self, STMT_LIST_CONFIRMATIONS, error);

  if (stmt != NULL)
    sqlite3_bind_int64 (stmt, 1, team_id);
  return list_rows (self, stmt, sizeof (TandemConfirmationRecord), NULL, (gpointer)read_confirmation,
                    _ ("Could not read the confirmations"), error);
}

static gboolean
tandem_sqlite_backend_close_support (TandemBackend *backend,
                                     gint64         activity_id,
                                     gint64         closed_by,
                                     gint64         closed_at,
                                     GError       **error)
{
  TandemSqliteBackend *self = TANDEM_SQLITE_BACKEND (backend);
  sqlite3_stmt        *stmt = get_stmt (self, STMT_CLOSE_SUPPORT, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, activity_id);
  sqlite3_bind_int64 (stmt, 2, closed_by);
  sqlite3_bind_int64 (stmt, 3, closed_at);
  if (!step_done (self, stmt, _ ("Could not close the support request"), error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                   _ ("Support request %" PRId64 " is not open"), activity_id);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */

static void
tandem_sqlite_backend_finalize (GObject *object)
{
  TandemSqliteBackend *self = (TandemSqliteBackend *)object;

  for (guint i = 0; i < N_STMTS; i++)
    g_clear_pointer (&self->stmts[i], sqlite3_finalize);

  if (self->db != NULL)
    {
      if (!sqlite3_get_autocommit (self->db))
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }

  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (tandem_sqlite_backend_parent_class)->finalize (object);
}

static void
tandem_sqlite_backend_class_init (TandemSqliteBackendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tandem_sqlite_backend_finalize;
}

static void
tandem_sqlite_backend_init (TandemSqliteBackend *self)
{
}

static void
tandem_sqlite_backend_iface_init (TandemBackendInterface *iface)
{
  iface->is_read_only = tandem_sqlite_backend_is_read_only;
  iface->get_schema_version = tandem_sqlite_backend_get_schema_version;
  iface->check_integrity = tandem_sqlite_backend_check_integrity;
  iface->begin = tandem_sqlite_backend_begin;
  iface->commit = tandem_sqlite_backend_commit;
  iface->rollback = tandem_sqlite_backend_rollback;
  iface->insert_rep = tandem_sqlite_backend_insert_rep;
  iface->update_rep = tandem_sqlite_backend_update_rep;
  iface->load_rep = tandem_sqlite_backend_load_rep;
  iface->list_reps = tandem_sqlite_backend_list_reps;
  iface->insert_team = tandem_sqlite_backend_insert_team;
  iface->update_team = tandem_sqlite_backend_update_team;
  iface->load_team = tandem_sqlite_backend_load_team;
  iface->list_teams = tandem_sqlite_backend_list_teams;
  iface->change_members = tandem_sqlite_backend_change_members;
  iface->list_memberships = tandem_sqlite_backend_list_memberships;
  iface->insert_account = tandem_sqlite_backend_insert_account;
  iface->update_account = tandem_sqlite_backend_update_account;
  iface->load_account = tandem_sqlite_backend_load_account;
  iface->list_accounts = tandem_sqlite_backend_list_accounts;
  iface->add_stage_change = tandem_sqlite_backend_add_stage_change;
  iface->list_stage_changes = tandem_sqlite_backend_list_stage_changes;
  iface->list_orders = tandem_sqlite_backend_list_orders;
  iface->load_lifecycle = tandem_sqlite_backend_load_lifecycle;
  iface->save_lifecycle = tandem_sqlite_backend_save_lifecycle;
  iface->list_kpi_rows = tandem_sqlite_backend_list_kpi_rows;
  iface->insert_activity = tandem_sqlite_backend_insert_activity;
  iface->load_activity = tandem_sqlite_backend_load_activity;
  iface->find_activity_by_ref = tandem_sqlite_backend_find_activity_by_ref;
  iface->max_activity_id = tandem_sqlite_backend_max_activity_id;
  iface->count_activities = tandem_sqlite_backend_count_activities;
  iface->scan_activities = tandem_sqlite_backend_scan_activities;
  iface->scan_settlement = tandem_sqlite_backend_scan_settlement;
  iface->list_referrals = tandem_sqlite_backend_list_referrals;
  iface->save_plan = tandem_sqlite_backend_save_plan;
  iface->load_plan = tandem_sqlite_backend_load_plan;
  iface->list_plans = tandem_sqlite_backend_list_plans;
  iface->close_period = tandem_sqlite_backend_close_period;
  iface->load_closed_period = tandem_sqlite_backend_load_closed_period;
  iface->count_closed_periods = tandem_sqlite_backend_count_closed_periods;
  iface->sum_reversals = tandem_sqlite_backend_sum_reversals;
  iface->list_closed_ranges = tandem_sqlite_backend_list_closed_ranges;
  iface->list_closed_lines_for_activity = tandem_sqlite_backend_list_closed_lines_for_activity;
  iface->set_rep_tag = tandem_sqlite_backend_set_rep_tag;
  iface->list_rep_tags = tandem_sqlite_backend_list_rep_tags;
  iface->list_account_revenue = tandem_sqlite_backend_list_account_revenue;
  iface->insert_support = tandem_sqlite_backend_insert_support;
  iface->list_support = tandem_sqlite_backend_list_support;
  iface->close_support = tandem_sqlite_backend_close_support;
  iface->insert_shadowing = tandem_sqlite_backend_insert_shadowing;
  iface->list_shadowing = tandem_sqlite_backend_list_shadowing;
  iface->insert_charter = tandem_sqlite_backend_insert_charter;
  iface->list_charter_areas = tandem_sqlite_backend_list_charter_areas;
  iface->confirm_charter = tandem_sqlite_backend_confirm_charter;
  iface->list_confirmations = tandem_sqlite_backend_list_confirmations;
}
