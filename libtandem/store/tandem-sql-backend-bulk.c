/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-sql-backend-bulk.c: the SQL backend's bulk path: many rows in one
 * round trip on a driver that has one (COPY on PostgreSQL), row by row on
 * one that does not; imports and the lifecycle of many accounts use it */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tandem-sql-backend-private.h"
#include "tandem-sql-backend-internal-private.h"
#include "tandem-store-private.h"
#include "tandem-util-private.h"

/* A number as the bulk path takes it. */
static char *
int_text (gint64 value)
{
  return g_strdup_printf ("%" PRId64, value);
}

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
      "reverses_id BIGINT, note TEXT)";

static const char *const stage_columns[] = {
  "pos",      "account_id",  "rep_id",       "kind",        "amount_minor",
  "currency", "occurred_at", "external_ref", "reverses_id", "note",
};

static gboolean
stage_activities (TandemSqlBackend *self, TandemActivityRecord *records, guint n, GError **error)
{
  const guint n_columns = G_N_ELEMENTS (stage_columns);
  g_autoptr (GPtrArray) owned = g_ptr_array_new_full (n * 6, g_free);
  g_autofree const char **values = g_new0 (const char *, (gsize)n *n_columns);

  for (guint i = 0; i < n; i++)
    {
      const TandemActivityRecord *r = &records[i];
      const char                **row = values + (gsize)i * n_columns;
      gint64                      numbers[] = { i, r->account_id, r->rep_id, r->kind };

      for (guint c = 0; c < G_N_ELEMENTS (numbers); c++)
        g_ptr_array_add (owned, (char *)(row[c] = int_text (numbers[c])));
      if (r->has_amount)
        {
          g_ptr_array_add (owned, (char *)(row[4] = int_text (r->amount_minor)));
          row[5] = r->currency;
        }
      g_ptr_array_add (owned, (char *)(row[6] = int_text (r->occurred_at)));
      row[7] = r->external_ref;
      if (r->reverses_id > 0)
        g_ptr_array_add (owned, (char *)(row[8] = int_text (r->reverses_id)));
      row[9] = r->note;
    }

  if (!tandem_sql_exec (self->driver, stage_sql)
      || !tandem_sql_bulk_insert (self->driver, "activity_stage", stage_columns, n_columns, values,
                                  n))
    return _tandem_sql_error (self, _ ("Could not log the activities"), error);
  return TRUE;
}

static gboolean
tandem_sql_backend_insert_activities (TandemBackend        *backend,
                                      TandemActivityRecord *records,
                                      guint                 n,
                                      gboolean             *inserted,
                                      GError              **error)
{
  TandemSqlBackend *self = TANDEM_SQL_BACKEND (backend);
  TandemSqlStmt    *stmt;
  g_autoptr (GHashTable) positions = NULL;
  guint         found = 0;
  TandemSqlStep rc;

  if (n == 0)
    return TRUE;
  if (!tandem_sql_has_bulk_insert (self->driver))
    {
      for (guint i = 0; i < n; i++)
        if (!tandem_backend_insert_activity (backend, &records[i], &inserted[i], error))
          return FALSE;
      return TRUE;
    }

  if (!stage_activities (self, records, n, error)
      || (stmt = _tandem_sql_get_stmt (self, STMT_INSERT_STAGED, error)) == NULL)
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
    return _tandem_sql_error (self, _ ("Could not log the activities"), error);

  for (guint i = 0; found < n && i < n; i++)
    if (!inserted[i])
      {
        records[i].id
            = tandem_backend_find_activity_by_ref (backend, records[i].external_ref, error);
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

static const char *const stage_change_columns[]
    = { "account_id", "stage", "changed_at", "cause", "activity_id" };

static gboolean
tandem_sql_backend_add_stage_changes (TandemBackend           *backend,
                                      const TandemStageRecord *records,
                                      guint                    n,
                                      GError                 **error)
{
  TandemSqlBackend *self = TANDEM_SQL_BACKEND (backend);
  const guint       n_columns = G_N_ELEMENTS (stage_change_columns);
  g_autoptr (GPtrArray) owned = NULL;
  g_autofree const char **values = NULL;

  if (!tandem_sql_has_bulk_insert (self->driver))
    {
      for (guint i = 0; i < n; i++)
        if (!tandem_backend_add_stage_change (backend, &records[i], error))
          return FALSE;
      return TRUE;
    }
  if (n == 0)
    return TRUE;

  owned = g_ptr_array_new_full (n * n_columns, g_free);
  values = g_new0 (const char *, (gsize)n *n_columns);
  for (guint i = 0; i < n; i++)
    {
      const TandemStageRecord *r = &records[i];
      const char             **row = values + (gsize)i * n_columns;
      gint64 numbers[] = { r->account_id, r->stage, r->changed_at, r->cause, r->activity_id };

      for (guint c = 0; c < n_columns; c++)
        if (c != 4 || r->activity_id > 0)
          g_ptr_array_add (owned, (char *)(row[c] = int_text (numbers[c])));
    }
  if (!tandem_sql_bulk_insert (self->driver, "account_stage", stage_change_columns, n_columns,
                               values, n))
    return _tandem_sql_error (self, _ ("Could not record the stage change"), error);
  return TRUE;
}

static gboolean
tandem_sql_backend_set_account_stages (TandemBackend           *backend,
                                       const TandemStageRecord *records,
                                       guint                    n,
                                       GError                 **error)
{
  static const char *const columns[] = { "account_id", "stage" };
  TandemSqlBackend        *self = TANDEM_SQL_BACKEND (backend);
  TandemSqlStmt           *stmt;
  g_autoptr (GPtrArray) owned = NULL;
  g_autofree const char **values = NULL;

  if (!tandem_sql_has_bulk_insert (self->driver))
    {
      for (guint i = 0; i < n; i++)
        {
          if ((stmt = _tandem_sql_get_stmt (self, STMT_SET_ACCOUNT_STAGE, error)) == NULL)
            return FALSE;
          tandem_sql_bind_int64 (stmt, 1, records[i].account_id);
          tandem_sql_bind_int64 (stmt, 2, records[i].stage);
          if (!_tandem_sql_step_done (self, stmt, _ ("Could not update the account"), error))
            return FALSE;
        }
      return TRUE;
    }
  if (n == 0)
    return TRUE;

  owned = g_ptr_array_new_full (n * 2, g_free);
  values = g_new0 (const char *, (gsize)n * 2);
  for (guint i = 0; i < n; i++)
    {
      g_ptr_array_add (owned, (char *)(values[2 * i] = int_text (records[i].account_id)));
      g_ptr_array_add (owned, (char *)(values[2 * i + 1] = int_text (records[i].stage)));
    }
  if (!tandem_sql_exec (self->driver, "DROP TABLE IF EXISTS account_stage_update; "
                                      "CREATE TEMPORARY TABLE account_stage_update ("
                                      "account_id BIGINT PRIMARY KEY, stage BIGINT NOT NULL)")
      || !tandem_sql_bulk_insert (self->driver, "account_stage_update", columns, 2, values, n))
    return _tandem_sql_error (self, _ ("Could not update the account"), error);
  return (stmt = _tandem_sql_get_stmt (self, STMT_SET_STAGED_ACCOUNT_STAGES, error)) != NULL
         && _tandem_sql_step_done (self, stmt, _ ("Could not update the account"), error);
}

void
_tandem_sql_backend_bulk_iface_init (TandemBackendInterface *iface)
{
  iface->insert_activities = tandem_sql_backend_insert_activities;
  iface->add_stage_changes = tandem_sql_backend_add_stage_changes;
  iface->set_account_stages = tandem_sql_backend_set_account_stages;
}
