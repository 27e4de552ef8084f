/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-db-activities.c: the SQL of activities: one at a time, by
 * reference, scans in (time, id) order, and the bulk path of an import:
 * many rows in one round trip on a driver that has one (COPY on
 * PostgreSQL), MULTI_ROWS per INSERT on one that does not. */

#include "config.h"

#include <inttypes.h>
#include <string.h>

#include "tandem-i18n-private.h"

#include "tandem-db-internal-private.h"
#include "tandem-store-private.h"
#include "tandem-util-private.h"

/* what an activity is written with, in the order of its parameters */
#define INSERT_COLUMNS                                                                         \
  "account_id, rep_id, kind, amount_minor, currency, occurred_at, external_ref, reverses_id, " \
  "note, product, category, quantity, cost_minor"
#define N_INSERT_COLUMNS 13
#define ACTIVITY_COLUMNS "id, " INSERT_COLUMNS " "
/* The text of the statements this file runs, by id. */
static const char *const statements[N_STMTS] = {
  [STMT_SET_ACCOUNT_STAGE] = "UPDATE account SET stage = ?2 WHERE id = ?1",
  [STMT_SET_STAGED_ACCOUNT_STAGES]
  = "UPDATE account SET stage = (SELECT u.stage FROM account_stage_update u "
    "                             WHERE u.account_id = account.id) "
    "WHERE id IN (SELECT account_id FROM account_stage_update)",
  [STMT_INSERT_ACTIVITY] = "INSERT INTO activity (" INSERT_COLUMNS ") "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) "
                           "ON CONFLICT (external_ref) DO NOTHING RETURNING id",
  [STMT_LOG_ACTIVITY] = "SELECT o_id, o_stage, o_cause FROM tandem_log_activity (?1, ?2, ?3, ?4, "
                        "?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
  [STMT_LOAD_ACTIVITY] = "SELECT " ACTIVITY_COLUMNS "FROM activity WHERE id = ?1",
  [STMT_FIND_ACTIVITY_BY_REF] = "SELECT id FROM activity WHERE external_ref = ?1",
  [STMT_MAX_ACTIVITY_ID] = "SELECT coalesce (max (id), 0) FROM activity",
  [STMT_INSERT_STAGED] = "INSERT INTO activity (" INSERT_COLUMNS ") "
                         "SELECT " INSERT_COLUMNS " FROM activity_stage WHERE TRUE ORDER BY pos "
                         "ON CONFLICT (external_ref) DO NOTHING RETURNING id, external_ref",
};

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
  record->product = _tandem_sql_column_dup (stmt, 10);
  record->category = _tandem_sql_column_dup (stmt, 11);
  record->quantity = tandem_sql_column_int64 (stmt, 12);
  record->has_cost = !tandem_sql_column_is_null (stmt, 13);
  record->cost_minor = tandem_sql_column_int64 (stmt, 13);
}

/* Binds what an activity is written with (INSERT_COLUMNS) from @first on. */
static void
bind_activity (TandemSqlStmt *stmt, int first, const TandemActivityRecord *a)
{
  tandem_sql_bind_int64 (stmt, first, a->account_id);
  tandem_sql_bind_int64 (stmt, first + 1, a->rep_id);
  tandem_sql_bind_int64 (stmt, first + 2, a->kind);
  if (a->has_amount)
    {
      tandem_sql_bind_int64 (stmt, first + 3, a->amount_minor);
      tandem_sql_bind_text (stmt, first + 4, a->currency);
    }
  tandem_sql_bind_int64 (stmt, first + 5, a->occurred_at);
  _tandem_sql_bind_text_or_null (stmt, first + 6, a->external_ref);
  _tandem_sql_bind_optional_id (stmt, first + 7, a->reverses_id);
  _tandem_sql_bind_text_or_null (stmt, first + 8, a->note);
  _tandem_sql_bind_text_or_null (stmt, first + 9, a->product);
  _tandem_sql_bind_text_or_null (stmt, first + 10, a->category);
  tandem_sql_bind_int64 (stmt, first + 11, MAX (a->quantity, 1));
  if (a->has_cost)
    tandem_sql_bind_int64 (stmt, first + 12, a->cost_minor);
}

gint64
_tandem_db_find_activity_by_ref (TandemDb *self, const char *external_ref, GError **error)
{
  TandemSqlStmt *stmt = _tandem_db_stmt (self, statements, STMT_FIND_ACTIVITY_BY_REF, error);
  gint64         id = 0;
  int            rc;

  if (stmt == NULL)
    return -1;

  tandem_sql_bind_text (stmt, 1, external_ref);
  rc = tandem_sql_step (stmt);
  if (rc == TANDEM_SQL_ROW)
    id = tandem_sql_column_int64 (stmt, 0);
  tandem_sql_reset (stmt);

  if (rc != TANDEM_SQL_ROW && rc != TANDEM_SQL_DONE)
    {
      _tandem_db_error (self, _ ("Could not look up an activity"), error);
      return -1;
    }

  return id;
}

gint64
_tandem_db_log_activity (TandemDb                   *self,
                         const TandemActivityRecord *record,
                         gint64                      audit_at,
                         const char                 *who,
                         const char                 *what_before,
                         const char                 *what_after,
                         TandemStageRecord          *change,
                         GError                    **error)
{
  TandemSqlStmt *stmt;
  TandemSqlStep  rc;
  gint64         id = 0;

  change->stage = -1;
  /* the function of schema 17 and 18 had another result; this library
   * migrates every store it writes to 19 */
  if (!self->driver->klass->has_log_function || self->tx_depth > 0 || self->schema_version < 19)
    return 0;
  if ((stmt = _tandem_db_stmt (self, statements, STMT_LOG_ACTIVITY, error)) == NULL)
    return -1;

  bind_activity (stmt, 1, record);
  tandem_sql_bind_int64 (stmt, 14, audit_at);
  tandem_sql_bind_text (stmt, 15, who);
  tandem_sql_bind_text (stmt, 16, what_before);
  tandem_sql_bind_text (stmt, 17, what_after);
  rc = tandem_sql_step (stmt);
  if (rc == TANDEM_SQL_ROW)
    {
      id = tandem_sql_column_int64 (stmt, 0);
      if (id > 0 && tandem_sql_column_int64 (stmt, 1) >= 0)
        *change = (TandemStageRecord){ record->account_id, (int)tandem_sql_column_int64 (stmt, 1),
                                       record->occurred_at, (int)tandem_sql_column_int64 (stmt, 2),
                                       id };
      rc = tandem_sql_step (stmt);
    }
  tandem_sql_reset (stmt);
  if (rc != TANDEM_SQL_DONE)
    {
      _tandem_db_error (self, _ ("Could not log the activity"), error);
      return -1;
    }
  return id;
}

gboolean
_tandem_db_insert_activity (TandemDb             *self,
                            TandemActivityRecord *record,
                            gboolean             *inserted,
                            GError              **error)
{
  TandemSqlStmt *stmt = _tandem_db_stmt (self, statements, STMT_INSERT_ACTIVITY, error);
  g_autoptr (GError) local = NULL;

  if (stmt == NULL)
    return FALSE;

  bind_activity (stmt, 1, record);

  if (!_tandem_db_step_insert (self, stmt, _ ("Could not log the activity"), &record->id, &local))
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
      gint64 id = _tandem_db_find_activity_by_ref (self, record->external_ref, error);

      if (id < 0)
        return FALSE;
      record->id = id;
      *inserted = FALSE;
      return TRUE;
    }

  *inserted = TRUE;
  return TRUE;
}

gboolean
_tandem_db_load_activity (TandemDb *self, gint64 id, TandemActivityRecord *record, GError **error)
{
  return _tandem_db_load_one (self, statements, STMT_LOAD_ACTIVITY, id, (gpointer)read_activity,
                              record, _ ("activity"), _ ("Could not read an activity"), error);
}

gint64
_tandem_db_max_activity_id (TandemDb *self, GError **error)
{
  TandemSqlStmt *stmt = _tandem_db_stmt (self, statements, STMT_MAX_ACTIVITY_ID, error);
  gint64         id = 0;
  int            rc;

  if (stmt == NULL)
    return -1;

  rc = tandem_sql_step (stmt);
  if (rc == TANDEM_SQL_ROW)
    id = tandem_sql_column_int64 (stmt, 0);
  tandem_sql_reset (stmt);

  if (rc != TANDEM_SQL_ROW)
    {
      _tandem_db_error (self, _ ("Could not count activities"), error);
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

gint64
_tandem_db_count_activities (TandemDb *self, const TandemActivityScan *scan, GError **error)
{
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
    _tandem_db_error (self, _ ("Could not count activities"), error);
  return count;
}

gboolean
_tandem_db_scan_activities (TandemDb                 *self,
                            const TandemActivityScan *scan,
                            const TandemScanKey      *after,
                            gint64                    offset,
                            guint                     limit,
                            GArray                   *records,
                            GError                  **error)
{
  g_autoptr (GString) sql = g_string_new ("SELECT " ACTIVITY_COLUMNS "FROM activity");
  TandemSqlStmt *stmt = NULL;
  int            rc;
  int            i;

  append_scan_conditions (sql, scan, after);
  g_string_append (sql, " ORDER BY occurred_at, id LIMIT ? OFFSET ?");

  stmt = tandem_sql_prepare (self->driver, sql->str);
  if (stmt == NULL)
    return _tandem_db_error (self, _ ("Could not query activities"), error);

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
    return _tandem_db_error (self, _ ("Could not query activities"), error);
  return TRUE;
}

/* Rows as the driver's bulk path takes them: n_rows × n_columns texts,
 * NULL for SQL NULL; numbers are written out and owned here. */
typedef struct
{
  const char **values;
  GPtrArray   *owned;
  guint        n_columns;
} Rows;

static void
rows_init (Rows *rows, guint n_rows, guint n_columns)
{
  rows->values = g_new0 (const char *, (gsize)n_rows *n_columns);
  rows->owned = g_ptr_array_new_full (n_rows * n_columns, g_free);
  rows->n_columns = n_columns;
}

static void
rows_clear (Rows *rows)
{
  g_clear_pointer (&rows->values, g_free);
  g_clear_pointer (&rows->owned, g_ptr_array_unref);
}

static void
rows_text (Rows *rows, guint row, guint column, const char *text)
{
  rows->values[(gsize)row * rows->n_columns + column] = text;
}

static void
rows_int (Rows *rows, guint row, guint column, gint64 value)
{
  char *text = g_strdup_printf ("%" PRId64, value);

  g_ptr_array_add (rows->owned, text);
  rows_text (rows, row, column, text);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Rows, rows_clear)

/* The bulk path: rows go to a temporary stage in one round trip, then into
 * activity with one statement that skips stored references. The stage is
 * made anew for each batch: emptying it would leave dead rows behind that
 * every later batch scans again. */
static const char stage_sql[]
    = "DROP TABLE IF EXISTS activity_stage; "
      "CREATE TEMPORARY TABLE activity_stage ("
      "pos BIGINT NOT NULL, account_id BIGINT NOT NULL, rep_id BIGINT NOT NULL, "
      "kind BIGINT NOT NULL, amount_minor BIGINT, currency TEXT, "
      "occurred_at BIGINT NOT NULL, external_ref TEXT NOT NULL, "
      "reverses_id BIGINT, note TEXT, product TEXT, category TEXT, quantity BIGINT NOT NULL, "
      "cost_minor BIGINT)";

static const char *const stage_columns[] = {
  "pos",          "account_id",  "rep_id", "kind",    "amount_minor", "currency", "occurred_at",
  "external_ref", "reverses_id", "note",   "product", "category",     "quantity", "cost_minor",
};

static gboolean
stage_activities (TandemDb *self, TandemActivityRecord *records, guint n, GError **error)
{
  g_auto (Rows) rows = { 0 };

  rows_init (&rows, n, G_N_ELEMENTS (stage_columns));
  for (guint i = 0; i < n; i++)
    {
      const TandemActivityRecord *r = &records[i];

      rows_int (&rows, i, 0, i);
      rows_int (&rows, i, 1, r->account_id);
      rows_int (&rows, i, 2, r->rep_id);
      rows_int (&rows, i, 3, r->kind);
      if (r->has_amount)
        {
          rows_int (&rows, i, 4, r->amount_minor);
          rows_text (&rows, i, 5, r->currency);
        }
      rows_int (&rows, i, 6, r->occurred_at);
      rows_text (&rows, i, 7, r->external_ref);
      if (r->reverses_id > 0)
        rows_int (&rows, i, 8, r->reverses_id);
      rows_text (&rows, i, 9, r->note);
      rows_text (&rows, i, 10, r->product);
      rows_text (&rows, i, 11, r->category);
      rows_int (&rows, i, 12, MAX (r->quantity, 1));
      if (r->has_cost)
        rows_int (&rows, i, 13, r->cost_minor);
    }

  if (!tandem_sql_exec (self->driver, stage_sql)
      || !tandem_sql_bulk_insert (self->driver, "activity_stage", stage_columns,
                                  G_N_ELEMENTS (stage_columns), rows.values, n))
    return _tandem_db_error (self, _ ("Could not log the activities"), error);
  return TRUE;
}

/* One INSERT of MULTI_ROWS activities: a statement's fixed cost (its
 * journal, its start and end) is paid once for the group instead of once
 * per row, which is most of an import's time on SQLite. */
#define MULTI_ROWS 64

/* @head followed by MULTI_ROWS groups of @n_columns numbered parameters:
 * "(?1, ?2), (?3, ?4), …" */
static GString *
multi_values (const char *head, guint n_columns)
{
  GString *sql = g_string_new (head);

  for (guint r = 0; r < MULTI_ROWS; r++)
    {
      g_string_append (sql, r > 0 ? ", (" : "(");
      for (guint c = 0; c < n_columns; c++)
        g_string_append_printf (sql, c > 0 ? ", ?%u" : "?%u", r * n_columns + c + 1);
      g_string_append_c (sql, ')');
    }
  return sql;
}

static TandemSqlStmt *
multi_insert_stmt (TandemDb *self)
{
  g_autoptr (GString) sql = NULL;

  if (self->multi_insert != NULL)
    return self->multi_insert;
  sql = multi_values ("INSERT INTO activity (" INSERT_COLUMNS ") VALUES ", N_INSERT_COLUMNS);
  g_string_append (sql, " ON CONFLICT (external_ref) DO NOTHING RETURNING id, external_ref");
  self->multi_insert = tandem_sql_prepare (self->driver, sql->str);
  return self->multi_insert;
}

/* FALSE (and nothing written) when the group failed: the caller then
 * writes its rows one by one, which names the row at fault. Every record
 * has its reference; a group holds no reference twice. */
static gboolean
insert_multi (TandemDb *self, TandemActivityRecord *records, gboolean *inserted)
{
  TandemSqlStmt *stmt = multi_insert_stmt (self);
  TandemSqlStep  rc;

  if (stmt == NULL)
    return FALSE;
  for (guint r = 0; r < MULTI_ROWS; r++)
    {
      const TandemActivityRecord *a = &records[r];
      int                         p = (int)(r * N_INSERT_COLUMNS);

      if (a->external_ref == NULL)
        {
          tandem_sql_reset (stmt);
          return FALSE;
        }
      bind_activity (stmt, p + 1, a);
      records[r].id = 0;
      inserted[r] = FALSE;
    }

  /* the rows written come back with their references (SQLite gives them
   * in order, which the search tries first; no order is promised) */
  {
    guint next = 0;

    while ((rc = tandem_sql_step (stmt)) == TANDEM_SQL_ROW)
      {
        const char *ref = tandem_sql_column_text (stmt, 1);

        for (guint k = 0; k < MULTI_ROWS; k++)
          {
            guint r = (next + k) % MULTI_ROWS;

            if (g_strcmp0 (records[r].external_ref, ref) == 0)
              {
                records[r].id = tandem_sql_column_int64 (stmt, 0);
                inserted[r] = TRUE;
                next = r + 1;
                break;
              }
          }
      }
  }
  tandem_sql_reset (stmt);
  if (rc != TANDEM_SQL_DONE)
    {
      /* a constraint failed: SQLite took the statement back whole */
      _tandem_sql_driver_take_error (self->driver, NULL, NULL);
      return FALSE;
    }

  /* a reference stored before: its row's id */
  for (guint r = 0; r < MULTI_ROWS; r++)
    if (!inserted[r])
      {
        records[r].id = _tandem_db_find_activity_by_ref (self, records[r].external_ref, NULL);
        if (records[r].id <= 0)
          return FALSE;
      }
  return TRUE;
}

gboolean
_tandem_db_insert_activities (TandemDb             *self,
                              TandemActivityRecord *records,
                              guint                 n,
                              gboolean             *inserted,
                              GError              **error)
{
  TandemSqlStmt *stmt;
  g_autoptr (GHashTable) positions = NULL;
  guint         found = 0;
  TandemSqlStep rc;

  if (n == 0)
    return TRUE;
  if (!tandem_sql_has_bulk_insert (self->driver))
    {
      guint i = 0;

      /* MULTI_ROWS at a time in one statement; the rest, and a group that
       * fails (to name its row), one by one */
      for (; i + MULTI_ROWS <= n; i += MULTI_ROWS)
        if (!insert_multi (self, records + i, inserted + i))
          break;
      for (; i < n; i++)
        if (!_tandem_db_insert_activity (self, &records[i], &inserted[i], error))
          return FALSE;
      return TRUE;
    }

  if (!stage_activities (self, records, n, error)
      || (stmt = _tandem_db_stmt (self, statements, STMT_INSERT_STAGED, error)) == NULL)
    return FALSE;

  /* the rows written come back with their ids; the others are stored */
  positions = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < n; i++)
    {
      g_hash_table_insert (positions, records[i].external_ref, GUINT_TO_POINTER (i + 1));
      inserted[i] = FALSE;
      records[i].id = 0;
    }
  while ((rc = tandem_sql_step (stmt)) == TANDEM_SQL_ROW)
    {
      guint pos
          = GPOINTER_TO_UINT (g_hash_table_lookup (positions, tandem_sql_column_text (stmt, 1)));

      if (pos == 0)
        continue;
      records[pos - 1].id = tandem_sql_column_int64 (stmt, 0);
      inserted[pos - 1] = TRUE;
      found++;
    }
  tandem_sql_reset (stmt);
  if (rc != TANDEM_SQL_DONE)
    return _tandem_db_error (self, _ ("Could not log the activities"), error);

  for (guint i = 0; found < n && i < n; i++)
    if (!inserted[i])
      {
        records[i].id = _tandem_db_find_activity_by_ref (self, records[i].external_ref, error);
        if (records[i].id < 0)
          return FALSE;
        if (records[i].id > 0)
          found++;
      }
  if (found != n)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_FAILED,
                   _ ("Could not log the activities: %u of %u rows were written"), found, n);
      return FALSE;
    }
  return TRUE;
}

/* MULTI_ROWS stage changes in one INSERT; FALSE (nothing written) when
 * the group failed, for the caller to write it row by row. */
static gboolean
insert_stages_multi (TandemDb *self, const TandemStageRecord *records)
{
  TandemSqlStmt *stmt = self->multi_stage;

  if (stmt == NULL)
    {
      g_autoptr (GString) sql = multi_values (
          "INSERT INTO account_stage (account_id, stage, changed_at, cause, activity_id) VALUES ",
          5);

      stmt = self->multi_stage = tandem_sql_prepare (self->driver, sql->str);
      if (stmt == NULL)
        return FALSE;
    }
  for (guint r = 0; r < MULTI_ROWS; r++)
    {
      int p = (int)(r * 5);

      tandem_sql_bind_int64 (stmt, p + 1, records[r].account_id);
      tandem_sql_bind_int64 (stmt, p + 2, records[r].stage);
      tandem_sql_bind_int64 (stmt, p + 3, records[r].changed_at);
      tandem_sql_bind_int64 (stmt, p + 4, records[r].cause);
      if (records[r].activity_id > 0)
        tandem_sql_bind_int64 (stmt, p + 5, records[r].activity_id);
    }
  if (tandem_sql_step (stmt) == TANDEM_SQL_DONE)
    {
      tandem_sql_reset (stmt);
      return TRUE;
    }
  tandem_sql_reset (stmt);
  _tandem_sql_driver_take_error (self->driver, NULL, NULL);
  return FALSE;
}

static const char *const stage_change_columns[]
    = { "account_id", "stage", "changed_at", "cause", "activity_id" };

gboolean
_tandem_db_add_stage_changes (TandemDb                *self,
                              const TandemStageRecord *records,
                              guint                    n,
                              GError                 **error)
{
  g_auto (Rows) rows = { 0 };

  if (!tandem_sql_has_bulk_insert (self->driver))
    {
      guint i = 0;

      for (; i + MULTI_ROWS <= n; i += MULTI_ROWS)
        if (!insert_stages_multi (self, records + i))
          break;
      for (; i < n; i++)
        if (!_tandem_db_add_stage_change (self, &records[i], error))
          return FALSE;
      return TRUE;
    }
  if (n == 0)
    return TRUE;

  rows_init (&rows, n, G_N_ELEMENTS (stage_change_columns));
  for (guint i = 0; i < n; i++)
    {
      rows_int (&rows, i, 0, records[i].account_id);
      rows_int (&rows, i, 1, records[i].stage);
      rows_int (&rows, i, 2, records[i].changed_at);
      rows_int (&rows, i, 3, records[i].cause);
      if (records[i].activity_id > 0)
        rows_int (&rows, i, 4, records[i].activity_id);
    }
  if (!tandem_sql_bulk_insert (self->driver, "account_stage", stage_change_columns,
                               G_N_ELEMENTS (stage_change_columns), rows.values, n))
    return _tandem_db_error (self, _ ("Could not record the stage change"), error);
  return TRUE;
}

gboolean
_tandem_db_set_account_stages (TandemDb                *self,
                               const TandemStageRecord *records,
                               guint                    n,
                               GError                 **error)
{
  static const char *const columns[] = { "account_id", "stage" };
  TandemSqlStmt           *stmt;
  g_auto (Rows) rows = { 0 };

  if (!tandem_sql_has_bulk_insert (self->driver))
    {
      for (guint i = 0; i < n; i++)
        {
          if ((stmt = _tandem_db_stmt (self, statements, STMT_SET_ACCOUNT_STAGE, error)) == NULL)
            return FALSE;
          tandem_sql_bind_int64 (stmt, 1, records[i].account_id);
          tandem_sql_bind_int64 (stmt, 2, records[i].stage);
          if (!_tandem_db_step_done (self, stmt, _ ("Could not update the account"), error))
            return FALSE;
        }
      return TRUE;
    }
  if (n == 0)
    return TRUE;

  rows_init (&rows, n, G_N_ELEMENTS (columns));
  for (guint i = 0; i < n; i++)
    {
      rows_int (&rows, i, 0, records[i].account_id);
      rows_int (&rows, i, 1, records[i].stage);
    }
  if (!tandem_sql_exec (self->driver, "DROP TABLE IF EXISTS account_stage_update; "
                                      "CREATE TEMPORARY TABLE account_stage_update ("
                                      "account_id BIGINT PRIMARY KEY, stage BIGINT NOT NULL)")
      || !tandem_sql_bulk_insert (self->driver, "account_stage_update", columns,
                                  G_N_ELEMENTS (columns), rows.values, n))
    return _tandem_db_error (self, _ ("Could not update the account"), error);
  return (stmt = _tandem_db_stmt (self, statements, STMT_SET_STAGED_ACCOUNT_STAGES, error)) != NULL
         && _tandem_db_step_done (self, stmt, _ ("Could not update the account"), error);
}

/* The account index takes activities by (account, time, kind): a feed
 * interleaves many accounts, so a bulk load inserts its keys in no order,
 * and once the index outgrows the page cache nearly every insert reads a
 * page back. Dropped for the load and built again in one sorted pass, it
 * costs a tenth of that. Both run in the load's write transaction: a
 * reader keeps the index of its snapshot, and a load that fails takes the
 * drop back. */
gboolean
_tandem_db_defer_indexes (TandemDb *self, gboolean defer, gboolean *deferred, GError **error)
{

  if (self->driver->klass->defer_index == NULL)
    return TRUE;
  g_return_val_if_fail (tandem_sql_in_transaction (self->driver), FALSE);

  if (!self->driver->klass->defer_index (self->driver, "activity_account", defer))
    return _tandem_db_error (self, _ ("Could not log the activities"), error);
  *deferred = defer;
  return TRUE;
}
