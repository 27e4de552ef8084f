/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-sql-driver.c: what every driver shares: its last error. */

#include "config.h"

#include "tandem-i18n-private.h"
#include <inttypes.h>

#include "tandem-sql-driver-private.h"
#include "tandem-schema-private.h"

gboolean
_tandem_sql_driver_fail (TandemSqlDriver *self, int code, const char *format, ...)
{
  va_list args;

  g_clear_error (&self->error);
  va_start (args, format);
  self->error = g_error_new_valist (TANDEM_STORE_ERROR, code, format, args);
  va_end (args);
  return FALSE;
}

gboolean
_tandem_sql_driver_take_error (TandemSqlDriver *self, const char *what, GError **error)
{
  GError *e = g_steal_pointer (&self->error);

  if (e == NULL)
    e = g_error_new (TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_FAILED, "unknown error (%s)",
                     self->name);
  if (what != NULL)
    g_prefix_error (&e, "%s: ", what);
  g_propagate_error (error, e);
  return FALSE;
}

void
_tandem_sql_driver_close (TandemSqlDriver *self)
{
  if (self == NULL)
    return;
  self->klass->close (self);
  g_clear_error (&self->error);
  g_clear_pointer (&self->name, g_free);
  g_free (self);
}

static gboolean
exec_or_error (TandemSqlDriver *self, const char *sql, GError **error)
{
  return tandem_sql_exec (self, sql)
         || _tandem_sql_driver_take_error (self, _ ("Database statement failed"), error);
}

static gboolean
read_version (TandemSqlDriver *self, const char *sql, gint64 *version, GError **error)
{
  TandemSqlStmt *stmt = tandem_sql_prepare (self, sql);
  TandemSqlStep  rc;

  if (stmt == NULL)
    return _tandem_sql_driver_take_error (self, _ ("Could not read the schema version"), error);
  rc = tandem_sql_step (stmt);
  *version = rc == TANDEM_SQL_ROW && !tandem_sql_column_is_null (stmt, 0)
                 ? tandem_sql_column_int64 (stmt, 0)
                 : 0;
  tandem_sql_finalize (stmt);
  return rc != TANDEM_SQL_ERROR
         || _tandem_sql_driver_take_error (self, _ ("Could not read the schema version"), error);
}

gboolean
_tandem_sql_driver_migrate (TandemSqlDriver            *self,
                            const TandemSqlSchemaStyle *style,
                            int                        *schema_version,
                            GError                    **error)
{
  for (;;)
    {
      gint64           version = 0;
      g_autofree char *ddl = NULL;
      g_autofree char *set_version = NULL;

      /* the driver's write transaction: another process migrating waits */
      if (!tandem_sql_begin (self))
        return _tandem_sql_driver_take_error (self, _ ("Could not migrate the store"), error);

      if ((style->prepare != NULL && !exec_or_error (self, style->prepare, error))
          || !read_version (self, style->read_version, &version, error))
        goto fail;

      if (version >= (gint64)_tandem_schema_n_migrations)
        {
          *schema_version = (int)version;
          return tandem_sql_commit (self)
                 || _tandem_sql_driver_take_error (self, _ ("Could not commit"), error);
        }

      if (style->override != NULL && style->override ((guint)version) != NULL)
        ddl = g_strdup (style->override ((guint)version));
      else if (style->translate != NULL)
        ddl = style->translate (_tandem_schema_migrations[version]);
      else
        ddl = g_strdup (_tandem_schema_migrations[version]);
      set_version = style->write_version (version + 1);
      if (!exec_or_error (self, ddl, error) || !exec_or_error (self, set_version, error)
          || !(tandem_sql_commit (self)
               || _tandem_sql_driver_take_error (self, _ ("Could not commit"), error)))
        goto fail;
    }

fail:
  tandem_sql_rollback (self);
  g_prefix_error (error, _ ("Could not migrate the store: "));
  return FALSE;
}
