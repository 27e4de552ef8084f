/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-pg-driver.c: PostgreSQL under the store's SQL, through libpq.
 *
 * Only what differs from SQLite lives here: connecting, $N placeholders
 * for the store's ?N, the type names and identity columns of the schema,
 * where the schema version is kept, SQLSTATEs, and how writers are
 * serialised (a transaction-scoped advisory lock, the counterpart of
 * SQLite's BEGIN IMMEDIATE: no serialization failure reaches a caller).
 * Connection errors name host and database, never the password.
 *
 * A lost connection (the server restarted, the network went away) fails
 * the call that meets it, with TANDEM_STORE_ERROR_IO naming host and
 * database: nothing is ever computed from a query that did not answer.
 * The next call outside a transaction connects again (PQreset) and sets
 * the session up as at the start; a transaction that lost its connection
 * is gone on the server, so its caller rolls back and tries again. */

#include "config.h"

#include <inttypes.h>

#include "tandem-i18n-private.h"
#include <libpq-fe.h>
#include <string.h>

#include "tandem-pg-driver-private.h"
#include "tandem-db-internal-private.h"
#include "tandem-schema-private.h"

/* the advisory lock every writer takes: "TAND" */
#define WRITE_LOCK "1413566020"
/* the two-key advisory locks of an activity's time (see time_keys):
 * "TAND" + 1 with the year, + 2 with the month, + 3 with the day; the same
 * numbers as tandem_log_activity () (tandem-schema.c) */
#define YEAR_LOCK "1413566021"
#define MONTH_LOCK "1413566022"
#define DAY_LOCK "1413566023"
/* the lock of imports: taken exclusively by an import, shared by a close
 * ("TAND" + 4) */
#define IMPORT_LOCK "1413566024"

typedef struct
{
  TandemSqlDriver parent;
  PGconn         *conn;
  gint64          changes;
  gboolean        in_transaction; /* between pg_begin and its commit or rollback */
  gboolean        read_only;      /* the session is set read-only, again on reconnect */
} PgDriver;

typedef struct
{
  TandemSqlStmt parent;
  char         *sql; /* with $N placeholders */
  int           n_params;
  char        **values; /* n_params, NULL for SQL NULL */
  PGresult     *result;
  int           row;
  /* streaming: a cursor fetched FETCH_ROWS at a time, inside the caller's
   * transaction or one of its own */
  gboolean streaming;
  gboolean cursor_open;
  gboolean own_transaction;
  char     cursor[40];
} PgStmt;

#define FETCH_ROWS 4096

#define CONN(d) (((PgDriver *)(d))->conn)

/* Every request sent waits for its answer: counted, so that tests can
 * hold the store to its round trips. */
static PGresult *
counted_exec (TandemSqlDriver *self, const char *sql)
{
  self->round_trips++;
  return PQexec (CONN (self), sql);
}

static PGresult *
counted_exec_params (TandemSqlDriver   *self,
                     const char        *sql,
                     int                n_params,
                     const Oid         *types,
                     const char *const *values,
                     const int         *lengths,
                     const int         *formats,
                     int                result_format)
{
  self->round_trips++;
  return PQexecParams (CONN (self), sql, n_params, types, values, lengths, formats, result_format);
}

static int
error_code_for_state (const char *state)
{
  if (state == NULL)
    return TANDEM_STORE_ERROR_IO; /* the connection is gone */
  if (strcmp (state, "23505") == 0)
    return TANDEM_STORE_ERROR_CONFLICT;
  if (g_str_has_prefix (state, "23") || g_str_has_prefix (state, "22"))
    return TANDEM_STORE_ERROR_INVALID;
  if (strcmp (state, "40001") == 0 || strcmp (state, "40P01") == 0 || strcmp (state, "55P03") == 0)
    return TANDEM_STORE_ERROR_BUSY;
  if (strcmp (state, "25006") == 0 || strcmp (state, "42501") == 0)
    return TANDEM_STORE_ERROR_READ_ONLY;
  if (g_str_has_prefix (state, "08") || g_str_has_prefix (state, "53")
      || g_str_has_prefix (state, "57"))
    return TANDEM_STORE_ERROR_IO;
  return TANDEM_STORE_ERROR_FAILED;
}

static gboolean
fail_lost (TandemSqlDriver *self)
{
  g_autofree char *why = g_strdup (PQerrorMessage (CONN (self)));

  g_strstrip (why);
  for (char *p = why; *p != '\0'; p++)
    if (*p == '\n' || *p == '\t')
      *p = ' ';
  return _tandem_sql_driver_fail (self, TANDEM_STORE_ERROR_IO,
                                  _ ("Lost the connection to the store %s (%s); the next call "
                                     "connects again"),
                                  self->name, why);
}

static gboolean
fail_result (TandemSqlDriver *self, PGresult *result)
{
  const char      *state = result ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  const char      *primary = result ? PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY) : NULL;
  g_autofree char *message = NULL;

  if (PQstatus (CONN (self)) == CONNECTION_BAD)
    return fail_lost (self);
  message = g_strdup (primary != NULL ? primary : PQerrorMessage (CONN (self)));
  g_strchomp (message);
  /* a write sent to a read replica (a hot standby) or inside a session
   * opened read-only: say what the store is, in the user's language */
  if (state != NULL && strcmp (state, "25006") == 0)
    return _tandem_sql_driver_fail (self, TANDEM_STORE_ERROR_READ_ONLY,
                                    _ ("The store %s takes no writes here: it is a read replica "
                                       "or was opened read-only (%s)"),
                                    self->name, message);
  return _tandem_sql_driver_fail (self, error_code_for_state (state), "%s (%s)", message,
                                  self->name);
}

/* What every session of the store starts with. */
static gboolean
set_up_session (TandemSqlDriver *self)
{
  PGresult *result
      = counted_exec (self, ((PgDriver *)self)->read_only ? "SET client_min_messages = warning; "
                                                            "SET default_transaction_read_only = on"
                                                          : "SET client_min_messages = warning");
  gboolean ok = PQresultStatus (result) == PGRES_COMMAND_OK;

  if (!ok)
    fail_result (self, result);
  PQclear (result);
  return ok;
}

/* Before a statement: a connection that was lost is made again, unless a
 * transaction was open on it (its work is gone; the caller rolls back). */
static gboolean
ensure_connection (TandemSqlDriver *self)
{
  PgDriver *d = (PgDriver *)self;

  if (PQstatus (d->conn) == CONNECTION_OK)
    return TRUE;
  if (d->in_transaction)
    return fail_lost (self);
  PQreset (d->conn);
  if (PQstatus (d->conn) != CONNECTION_OK)
    {
      g_autofree char *why = g_strdup (PQerrorMessage (d->conn));

      g_strstrip (why);
      return _tandem_sql_driver_fail (self, TANDEM_STORE_ERROR_IO,
                                      _ ("Could not connect to the store %s again: %s"), self->name,
                                      why);
    }
  return set_up_session (self);
}

/* The store's SQL numbers its parameters ?1, ?2 … or leaves them bare (?):
 * PostgreSQL wants $1, $2 …. Quoted text is left alone. */
static char *
translate_placeholders (const char *sql, int *n_params)
{
  GString *out = g_string_sized_new (strlen (sql) + 16);
  int      next = 0, highest = 0;
  gboolean quoted = FALSE;

  for (const char *p = sql; *p != '\0'; p++)
    {
      if (*p == '\'')
        quoted = !quoted;
      if (quoted || *p != '?')
        {
          g_string_append_c (out, *p);
          continue;
        }
      if (g_ascii_isdigit (p[1]))
        {
          int n = 0;

          while (g_ascii_isdigit (p[1]))
            n = n * 10 + (*++p - '0');
          g_string_append_printf (out, "$%d", n);
          highest = MAX (highest, n);
        }
      else
        {
          g_string_append_printf (out, "$%d", ++next);
          highest = MAX (highest, next);
        }
    }
  *n_params = highest;
  return g_string_free (out, FALSE);
}

/* The schema is written once, in SQLite's words; these are PostgreSQL's. */
static char *
translate_schema (const char *sql)
{
  static const char *const rules[][2] = {
    { "id INTEGER PRIMARY KEY,", "id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY," },
    { "\\bINTEGER\\b", "BIGINT" },
    { " CHECK \\(typeof \\([a-z_]+\\) IN \\('integer', 'null'\\)\\)", "" },
    { " CHECK \\(typeof \\([a-z_]+\\) = 'integer'\\)", "" },
    { "lower \\(hex \\(randomblob \\(10\\)\\)\\)",
      "substr (md5 (random ()::text || clock_timestamp ()::text), 1, 20)" },
  };
  char *out = g_strdup (sql);

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      g_autoptr (GRegex) re = g_regex_new (rules[i][0], 0, 0, NULL);
      char *next = g_regex_replace_literal (re, out, -1, 0, rules[i][1], 0, NULL);

      g_free (out);
      out = next;
    }
  return out;
}

static void
pg_close (TandemSqlDriver *self)
{
  g_clear_pointer (&CONN (self), PQfinish);
}

static void
clear_result (PgStmt *stmt)
{
  g_clear_pointer (&stmt->result, PQclear);
  stmt->row = 0;
}

static TandemSqlStmt *
pg_prepare (TandemSqlDriver *self, const char *sql)
{
  PgStmt *stmt = g_new0 (PgStmt, 1);

  stmt->parent.driver = self;
  stmt->sql = translate_placeholders (sql, &stmt->n_params);
  stmt->values = g_new0 (char *, MAX (stmt->n_params, 1));
  return &stmt->parent;
}

/* Closes the cursor, and ends the transaction begun for it. */
static void
close_cursor (PgStmt *s)
{
  TandemSqlDriver *self = s->parent.driver;
  g_autofree char *sql = NULL;

  if (s->cursor_open && PQtransactionStatus (CONN (self)) == PQTRANS_INTRANS)
    {
      sql = g_strdup_printf ("CLOSE %s", s->cursor);
      PQclear (counted_exec (self, sql));
    }
  s->cursor_open = FALSE;
  if (s->own_transaction)
    {
      s->own_transaction = FALSE;
      PQclear (counted_exec (
          self, PQtransactionStatus (CONN (self)) == PQTRANS_INTRANS ? "COMMIT" : "ROLLBACK"));
    }
}

static void
pg_set_streaming (TandemSqlStmt *stmt)
{
  ((PgStmt *)stmt)->streaming = TRUE;
}

/* The first batch of a streaming statement: its cursor declared, in a
 * transaction (a cursor lives in one). */
static PGresult *
open_cursor (PgStmt *s)
{
  TandemSqlDriver *self = s->parent.driver;
  g_autofree char *declare = NULL;
  g_autofree char *fetch = NULL;
  PGresult        *result;

  /* inside the store's transaction, or another cursor's */
  if (PQtransactionStatus (CONN (self)) == PQTRANS_IDLE)
    {
      result = counted_exec (self, "BEGIN");
      if (PQresultStatus (result) != PGRES_COMMAND_OK)
        return result;
      PQclear (result);
      s->own_transaction = TRUE;
    }
  g_snprintf (s->cursor, sizeof s->cursor, "tandem_cursor_%" G_GUINTPTR_FORMAT, (guintptr)s);
  declare = g_strdup_printf ("DECLARE %s NO SCROLL CURSOR FOR %s", s->cursor, s->sql);
  result = counted_exec_params (self, declare, s->n_params, NULL, (const char *const *)s->values,
                                NULL, NULL, 0);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    return result;
  PQclear (result);
  s->cursor_open = TRUE;
  fetch = g_strdup_printf ("FETCH %d FROM %s", FETCH_ROWS, s->cursor);
  return counted_exec (self, fetch);
}

static void
pg_reset (TandemSqlStmt *stmt)
{
  PgStmt *s = (PgStmt *)stmt;

  close_cursor (s);
  clear_result (s);
  for (int i = 0; i < s->n_params; i++)
    g_clear_pointer (&s->values[i], g_free);
}

static void
pg_finalize (TandemSqlStmt *stmt)
{
  PgStmt *s = (PgStmt *)stmt;

  pg_reset (stmt);
  g_free (s->values);
  g_free (s->sql);
  g_free (s);
}

static void
set_value (TandemSqlStmt *stmt, int index, char *value)
{
  PgStmt *s = (PgStmt *)stmt;

  if (index < 1 || index > s->n_params)
    {
      g_free (value);
      return;
    }
  g_free (s->values[index - 1]);
  s->values[index - 1] = value;
}

static void
pg_bind_int64 (TandemSqlStmt *stmt, int index, gint64 value)
{
  set_value (stmt, index, g_strdup_printf ("%" PRId64, value));
}

static void
pg_bind_text (TandemSqlStmt *stmt, int index, const char *value)
{
  set_value (stmt, index, g_strdup (value));
}

static void
pg_bind_null (TandemSqlStmt *stmt, int index)
{
  set_value (stmt, index, NULL);
}

static TandemSqlStep
pg_step (TandemSqlStmt *stmt)
{
  PgStmt          *s = (PgStmt *)stmt;
  TandemSqlDriver *self = stmt->driver;

  /* streaming: the next batch once this one is read */
  if (s->cursor_open && s->result != NULL && s->row + 1 >= PQntuples (s->result)
      && PQntuples (s->result) > 0)
    {
      g_autofree char *fetch = g_strdup_printf ("FETCH %d FROM %s", FETCH_ROWS, s->cursor);

      clear_result (s);
      s->result = counted_exec (self, fetch);
      s->row = -1;
      if (PQresultStatus (s->result) != PGRES_TUPLES_OK)
        {
          fail_result (self, s->result);
          clear_result (s);
          close_cursor (s);
          return TANDEM_SQL_ERROR;
        }
    }

  if (s->result == NULL)
    {
      ExecStatusType status;

      if (!ensure_connection (self))
        return TANDEM_SQL_ERROR;
      if (s->streaming)
        s->result = open_cursor (s);
      else
        s->result = counted_exec_params (self, s->sql, s->n_params, NULL,
                                         (const char *const *)s->values, NULL, NULL, 0);
      status = PQresultStatus (s->result);
      if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
        {
          fail_result (self, s->result);
          clear_result (s);
          close_cursor (s);
          return TANDEM_SQL_ERROR;
        }
      ((PgDriver *)self)->changes = g_ascii_strtoll (PQcmdTuples (s->result), NULL, 10);
      s->row = -1;
    }

  if (s->row + 1 < PQntuples (s->result))
    {
      s->row++;
      return TANDEM_SQL_ROW;
    }
  s->row = PQntuples (s->result);
  close_cursor (s);
  return TANDEM_SQL_DONE;
}

static gboolean
pg_column_is_null (TandemSqlStmt *stmt, int column)
{
  PgStmt *s = (PgStmt *)stmt;

  return PQgetisnull (s->result, s->row, column);
}

static gint64
pg_column_int64 (TandemSqlStmt *stmt, int column)
{
  PgStmt *s = (PgStmt *)stmt;

  return g_ascii_strtoll (PQgetvalue (s->result, s->row, column), NULL, 10);
}

static const char *
pg_column_text (TandemSqlStmt *stmt, int column)
{
  PgStmt *s = (PgStmt *)stmt;

  return PQgetisnull (s->result, s->row, column) ? NULL : PQgetvalue (s->result, s->row, column);
}

static gint64
pg_changes (TandemSqlDriver *self)
{
  return ((PgDriver *)self)->changes;
}

static gboolean
pg_exec (TandemSqlDriver *self, const char *sql)
{
  PGresult      *result;
  ExecStatusType status;
  gboolean       ok;

  if (!ensure_connection (self))
    return FALSE;
  result = counted_exec (self, sql);
  status = PQresultStatus (result);
  ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;

  if (!ok)
    fail_result (self, result);
  PQclear (result);
  return ok;
}

/* BEGIN and the locks of @sql in one round trip; a failure rolls back */
static gboolean
begin_with (TandemSqlDriver *self, const char *sql)
{
  if (!pg_exec (self, sql))
    {
      if (PQstatus (CONN (self)) == CONNECTION_OK)
        PQclear (counted_exec (self, "ROLLBACK"));
      return FALSE;
    }
  ((PgDriver *)self)->in_transaction = TRUE;
  return TRUE;
}

static gboolean
pg_begin (TandemSqlDriver *self)
{
  /* writers (but one activity's, pg_begin_rows, a close's,
   * pg_begin_before, and an import's, pg_begin_import) take one lock for
   * the whole transaction, as SQLite's BEGIN IMMEDIATE does: what a writer
   * read stays true until it commits; one round trip for both */
  return begin_with (self, "BEGIN; SELECT pg_advisory_xact_lock (" WRITE_LOCK ")");
}

/* The keys of the time locks of @usec (microseconds since 1970, UTC), all
 * in UTC: its year; its month, counted as year × 12 + month − 1; its day,
 * counted from 1970-01-01. A time before 1970 has the keys of 1970-01-01.
 * A writer takes the three keys of its activity's time shared. A close
 * takes exclusively the year keys of the years before its last day's, the
 * month keys of that year's months before its last day's, and the day
 * keys of that month up to its last day: so it waits for, and holds back,
 * exactly the writers of times before its end and of the rest of the
 * period's last day in UTC, never those of later days, whatever the
 * period's time zone. tandem_log_activity () (tandem-schema.c) reckons the
 * same in SQL, from the same whole seconds. */
typedef struct
{
  int year;
  int month;
  int day;
} TimeKeys;

static TimeKeys
time_keys (gint64 usec)
{
  gint64 seconds = usec / G_USEC_PER_SEC;
  g_autoptr (GDateTime) t = seconds >= 0 ? g_date_time_new_from_unix_utc (seconds) : NULL;
  TimeKeys keys = { 1970, 1970 * 12, 0 };

  if (t != NULL)
    {
      keys.year = g_date_time_get_year (t);
      keys.month = keys.year * 12 + g_date_time_get_month (t) - 1;
      keys.day = (int)(seconds / (24 * 3600));
    }
  else if (seconds > 0)
    {
      /* after 9999: no activity is, but a close may end there */
      keys.year = 9999;
      keys.month = 9999 * 12 + 11;
      keys.day = 2932896; /* 9999-12-31 */
    }
  return keys;
}

/* One activity's writer: the lock shared, the locks of its time shared,
 * its rows (the account for its lifecycle, the reversed or paid activity
 * for its limits) locked FOR NO KEY UPDATE, which foreign-key checks (FOR
 * KEY SHARE) do not wait for. Every writer takes the advisory lock first,
 * then its time's, then at most these two rows, account before activity,
 * so writers cannot wait for each other in a circle. One round trip; the
 * ids and keys are integers, written into the text. */
static gboolean
pg_begin_rows (TandemSqlDriver *self, gint64 account_id, gint64 activity_id, gint64 occurred_at)
{
  g_autofree char *sql = NULL;
  TimeKeys         keys = time_keys (occurred_at);

  sql = g_strdup_printf ("BEGIN; SELECT pg_advisory_xact_lock_shared (" WRITE_LOCK "); "
                         "SELECT pg_advisory_xact_lock_shared (" YEAR_LOCK ", %d), "
                         "pg_advisory_xact_lock_shared (" MONTH_LOCK ", %d), "
                         "pg_advisory_xact_lock_shared (" DAY_LOCK ", %d); "
                         "SELECT 1 FROM account WHERE id = %" G_GINT64_FORMAT " FOR NO KEY UPDATE; "
                         "SELECT 1 FROM activity WHERE id = %" G_GINT64_FORMAT " FOR NO KEY UPDATE",
                         keys.year, keys.month, keys.day, account_id, activity_id);
  return begin_with (self, sql);
}

/* A close: every writer of a time before @end waits for it, writers of
 * later days do not. The writers' lock shared (a change of plans, reps or
 * tandems, which takes it whole, waits), the imports' lock shared (an
 * import waits, and a close waits for one), then the time locks up to
 * @end's last day exclusively: years, then months, then days, each in
 * ascending order, as every close takes them, so two closes cannot wait
 * for each other in a circle. One round trip; a close in 2026 takes 56
 * year keys and at most 11 month and 31 day keys. */
static gboolean
pg_begin_before (TandemSqlDriver *self, gint64 end)
{
  g_autofree char *sql = NULL;
  TimeKeys         last = time_keys (end - 1);
  g_autoptr (GDateTime) month_start
      = g_date_time_new_utc (last.year, last.month % 12 + 1, 1, 0, 0, 0);
  int first_day = (int)(g_date_time_to_unix (month_start) / (24 * 3600));

  sql = g_strdup_printf ("BEGIN; SELECT pg_advisory_xact_lock_shared (" WRITE_LOCK "); "
                         "SELECT pg_advisory_xact_lock_shared (" IMPORT_LOCK "); "
                         "SELECT pg_advisory_xact_lock (" YEAR_LOCK ", y) "
                         "FROM generate_series (1970, %d) y; "
                         "SELECT pg_advisory_xact_lock (" MONTH_LOCK ", m) "
                         "FROM generate_series (%d, %d) m; "
                         "SELECT pg_advisory_xact_lock (" DAY_LOCK ", d) "
                         "FROM generate_series (%d, %d) d",
                         last.year - 1, last.year * 12, last.month - 1, first_day, last.day);
  return begin_with (self, sql);
}

/* An import: other imports and closes wait for it (the imports' lock
 * exclusively), and so do the writers of sales, reversals and payments:
 * it locks every account's row, in the order of their ids, before it
 * writes a row (their lifecycles and limits are decided on what it
 * writes). The writers' lock shared: writers of calls, visits and other
 * activities that lock no account go ahead beside it. Every lock it waits
 * for comes before its first row, so no writer can hold a row it wants
 * while waiting for one of its rows: no circle. One round trip. */
static gboolean
pg_begin_import (TandemSqlDriver *self)
{
  return begin_with (self, "BEGIN; SELECT pg_advisory_xact_lock_shared (" WRITE_LOCK "); "
                           "SELECT pg_advisory_xact_lock (" IMPORT_LOCK "); "
                           "SELECT count (*) FROM (SELECT id FROM account ORDER BY id "
                           "FOR NO KEY UPDATE) locked");
}

static gboolean
pg_commit (TandemSqlDriver *self)
{
  gboolean ok = pg_exec (self, "COMMIT");

  /* a failed COMMIT ends the transaction too (the server rolled it back) */
  ((PgDriver *)self)->in_transaction = FALSE;
  return ok;
}

static gboolean
pg_in_transaction (TandemSqlDriver *self)
{
  return ((PgDriver *)self)->in_transaction || PQtransactionStatus (CONN (self)) == PQTRANS_INTRANS
         || PQtransactionStatus (CONN (self)) == PQTRANS_INERROR;
}

static void
pg_rollback (TandemSqlDriver *self)
{
  ((PgDriver *)self)->in_transaction = FALSE;
  if (PQstatus (CONN (self)) == CONNECTION_OK && PQtransactionStatus (CONN (self)) != PQTRANS_IDLE)
    PQclear (counted_exec (self, "ROLLBACK"));
}

/* COPY's text format: tab between columns, \N for NULL, and a backslash
 * before the characters that would end a field or a row. */
static void
append_copy_field (GString *out, const char *value)
{
  if (value == NULL)
    {
      g_string_append (out, "\\N");
      return;
    }
  for (const char *p = value; *p != '\0'; p++)
    switch (*p)
      {
      case '\\':
        g_string_append (out, "\\\\");
        break;
      case '\t':
        g_string_append (out, "\\t");
        break;
      case '\n':
        g_string_append (out, "\\n");
        break;
      case '\r':
        g_string_append (out, "\\r");
        break;
      default:
        g_string_append_c (out, *p);
      }
}

static gboolean
put_copy_data (TandemSqlDriver *self, GString *buffer)
{
  if (buffer->len > 0 && PQputCopyData (CONN (self), buffer->str, (int)buffer->len) != 1)
    return FALSE;
  g_string_truncate (buffer, 0);
  return TRUE;
}

/* The bulk path: one COPY … FROM STDIN. A failure leaves the transaction
 * aborted; the caller rolls it back. */
static gboolean
pg_bulk_insert (TandemSqlDriver   *self,
                const char        *table,
                const char *const *columns,
                guint              n_columns,
                const char *const *values,
                guint              n_rows)
{
  g_autoptr (GString) buffer = g_string_new ("COPY ");
  PGresult *result;
  gboolean  ok = TRUE;

  g_string_append_printf (buffer, "%s (", table);
  for (guint c = 0; c < n_columns; c++)
    g_string_append_printf (buffer, "%s%s", c > 0 ? ", " : "", columns[c]);
  g_string_append (buffer, ") FROM STDIN");

  if (!ensure_connection (self))
    return FALSE;
  result = counted_exec (self, buffer->str);
  if (PQresultStatus (result) != PGRES_COPY_IN)
    {
      fail_result (self, result);
      PQclear (result);
      return FALSE;
    }
  PQclear (result);

  g_string_truncate (buffer, 0);
  for (guint r = 0; r < n_rows && ok; r++)
    {
      for (guint c = 0; c < n_columns; c++)
        {
          if (c > 0)
            g_string_append_c (buffer, '\t');
          append_copy_field (buffer, values[(gsize)r * n_columns + c]);
        }
      g_string_append_c (buffer, '\n');
      if (buffer->len >= 256 * 1024)
        ok = put_copy_data (self, buffer);
    }
  if (ok)
    ok = put_copy_data (self, buffer);
  self->round_trips++; /* the COPY's end waits for its answer */
  if (PQputCopyEnd (CONN (self), ok ? NULL : "the client stopped") != 1)
    ok = FALSE;

  while ((result = PQgetResult (CONN (self))) != NULL)
    {
      if (PQresultStatus (result) != PGRES_COMMAND_OK && ok)
        {
          fail_result (self, result);
          ok = FALSE;
        }
      else if (!ok && self->error == NULL)
        fail_result (self, result);
      PQclear (result);
    }
  if (!ok && self->error == NULL)
    _tandem_sql_driver_fail (self, TANDEM_STORE_ERROR_IO, "%s (%s)", PQerrorMessage (CONN (self)),
                             self->name);
  return ok;
}

static const TandemSqlDriverClass pg_class = {
  .name = "postgresql",
  .has_log_function = TRUE,
  .close = pg_close,
  .prepare = pg_prepare,
  .finalize = pg_finalize,
  .reset = pg_reset,
  .bind_int64 = pg_bind_int64,
  .bind_text = pg_bind_text,
  .bind_null = pg_bind_null,
  .step = pg_step,
  .column_is_null = pg_column_is_null,
  .column_int64 = pg_column_int64,
  .column_text = pg_column_text,
  .changes = pg_changes,
  .exec = pg_exec,
  .begin = pg_begin,
  .begin_rows = pg_begin_rows,
  .begin_before = pg_begin_before,
  .begin_import = pg_begin_import,
  .commit = pg_commit,
  .rollback = pg_rollback,
  .in_transaction = pg_in_transaction,
  .set_streaming = pg_set_streaming,
  .bulk_insert = pg_bulk_insert,
};

/* ------------------------------------------------------------------ */
/* Opening and migrating                                               */

static gboolean
query_int (TandemSqlDriver *self, const char *sql, gint64 *value, GError **error)
{
  PGresult *result = counted_exec (self, sql);
  gboolean  ok = PQresultStatus (result) == PGRES_TUPLES_OK;

  if (ok)
    *value = PQntuples (result) > 0 && !PQgetisnull (result, 0, 0)
                 ? g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10)
                 : 0;
  else
    fail_result (self, result);
  PQclear (result);
  return ok || _tandem_sql_driver_take_error (self, _ ("Could not read the schema version"), error);
}

/* The same ordered migrations as SQLite, in PostgreSQL's words; the
 * version is kept in tandem_schema. */
static char *
pg_write_version (gint64 version)
{
  return g_strdup_printf (
      "DELETE FROM tandem_schema; INSERT INTO tandem_schema VALUES (%" PRId64 ")", version);
}

static const TandemSqlSchemaStyle pg_schema = {
  .prepare = "CREATE TABLE IF NOT EXISTS tandem_schema (version BIGINT NOT NULL)",
  .read_version = "SELECT max (version) FROM tandem_schema",
  .write_version = pg_write_version,
  .translate = translate_schema,
  .override = _tandem_pg_migration_override,
};

static gboolean
check_integrity (TandemSqlDriver *self, GError **error)
{
  gint64 one = 0;

  /* the server keeps its own files sound; a store that answers is whole */
  return query_int (self, "SELECT 1", &one, error);
}

/* "host/database" for messages: never the password, never the URI. */
static char *
describe (PGconn *conn)
{
  const char *host = PQhost (conn);

  return g_strdup_printf ("%s/%s", host != NULL && *host != '\0' ? host : "localhost", PQdb (conn));
}

TandemDb *
_tandem_pg_db_open (const char *uri, TandemStoreFlags flags, GError **error)
{
  PgDriver *driver = g_new0 (PgDriver, 1);
  gint64    version = 0, foreign = 0;
  int       schema_version = 0;
  gboolean  read_only = (flags & TANDEM_STORE_FLAGS_READ_ONLY) != 0;

  driver->parent.klass = &pg_class;
  driver->conn = PQconnectdb (uri);
  driver->parent.name = describe (driver->conn);

  if (PQstatus (driver->conn) != CONNECTION_OK)
    {
      g_autofree char *why = g_strdup (PQerrorMessage (driver->conn));

      g_strchomp (why);
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_IO,
                   _ ("Could not connect to the store %s: %s"), driver->parent.name, why);
      _tandem_sql_driver_close (&driver->parent);
      return NULL;
    }
  driver->read_only = read_only;
  if (!set_up_session (&driver->parent))
    {
      _tandem_sql_driver_take_error (&driver->parent, NULL, error);
      goto fail;
    }

  /* a database of another application is refused, one from a newer
   * libtandem left untouched */
  if (!query_int (&driver->parent,
                  "SELECT count (*) FROM pg_tables WHERE schemaname = current_schema ()", &foreign,
                  error)
      || (foreign > 0
          && !query_int (
              &driver->parent,
              "SELECT CASE WHEN to_regclass ('tandem_schema') IS NULL THEN -1 ELSE 0 END", &version,
              error))
      || (foreign > 0 && version == 0
          && !query_int (&driver->parent, "SELECT coalesce (max (version), 0) FROM tandem_schema",
                         &version, error)))
    goto fail;

  if (version < 0)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_A_STORE,
                   _ ("The database %s holds tables but is not a libtandem store"),
                   driver->parent.name);
      goto fail;
    }
  if (version > TANDEM_SCHEMA_VERSION)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_TOO_NEW,
                   _ ("The store %s has schema version %" PRId64
                      ", written by a newer libtandem; this one "
                      "reads up to version %d. The database was left untouched."),
                   driver->parent.name, version, TANDEM_SCHEMA_VERSION);
      goto fail;
    }

  if (read_only)
    {
      if (version < TANDEM_SCHEMA_VERSION)
        {
          g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_READ_ONLY,
                       _ ("The store %s has schema version %" PRId64
                          " and must be upgraded; open it once for "
                          "writing"),
                       driver->parent.name, version);
          goto fail;
        }
      schema_version = (int)version;
    }
  else if (version == TANDEM_SCHEMA_VERSION)
    schema_version = (int)version; /* up to date: nothing is written (a login may not create) */
  else if (!_tandem_sql_driver_migrate (&driver->parent, &pg_schema, &schema_version, error))
    goto fail;

  return _tandem_db_new (&driver->parent, schema_version, read_only, check_integrity);

fail:
  _tandem_sql_driver_close (&driver->parent);
  return NULL;
}
