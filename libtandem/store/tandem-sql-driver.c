/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-sql-driver.c: what every driver shares: its last error. */

#include "config.h"

#include "tandem-sql-driver-private.h"

gboolean
tandem_sql_driver_fail (TandemSqlDriver *self,
                        int              code,
                        const char      *format,
                        ...)
{
  va_list args;

  g_clear_error (&self->error);
  va_start (args, format);
  self->error = g_error_new_valist (TANDEM_STORE_ERROR, code, format, args);
  va_end (args);
  return FALSE;
}

gboolean
tandem_sql_driver_take_error (TandemSqlDriver *self,
                              const char      *what,
                              GError         **error)
{
  GError *e = g_steal_pointer (&self->error);

  if (e == NULL)
    e = g_error_new (TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_FAILED, "unknown error (%s)", self->name);
  if (what != NULL)
    g_prefix_error (&e, "%s: ", what);
  g_propagate_error (error, e);
  return FALSE;
}

void
tandem_sql_driver_close (TandemSqlDriver *self)
{
  if (self == NULL)
    return;
  self->klass->close (self);
  g_clear_error (&self->error);
  g_clear_pointer (&self->name, g_free);
  g_free (self);
}
