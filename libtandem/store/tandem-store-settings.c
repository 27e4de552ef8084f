/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-store-settings.c: what a store keeps about itself, in the
 * database so that every client of a server agrees: its time zone, in
 * which a time written without an offset is read. */

#include "config.h"

#include "tandem-i18n-private.h"
#include <string.h>

#include "tandem-db-private.h"
#include "tandem-store-private.h"
#include "tandem-store.h"
#include "tandem-util-private.h"

#define SETTING_TIME_ZONE "time_zone"

/* The stored value of setting @name, read in the caller's transaction:
 * NULL without an error when it is not set. */
static char *
load_setting (TandemDb *db, const char *name, GError **error)
{
  g_autoptr (GArray) settings = _tandem_db_list_schedule (db, TANDEM_SCHEDULE_SETTING, NULL, error);

  if (settings == NULL)
    return NULL;
  for (guint i = 0; i < settings->len; i++)
    {
      TandemScheduleRecord *r = &g_array_index (settings, TandemScheduleRecord, i);

      if (g_strcmp0 (r->name, name) == 0)
        return g_steal_pointer (&r->text);
    }
  return NULL;
}

/* A zone from its IANA name; NULL when GLib does not know it. */
static GTimeZone *
zone_for_name (const char *name)
{
  if (g_ascii_strcasecmp (name, "UTC") == 0 || strcmp (name, "Etc/UTC") == 0)
    return g_time_zone_new_utc ();
  return g_time_zone_new_identifier (name);
}

/**
 * tandem_store_get_time_zone_name:
 * @self: a `TandemStore`
 * @error: return location for a #GError
 *
 * Gets the name of the store's time zone as it was set with
 * [method@Tandem.Store.set_time_zone], such as `Europe/Berlin`. It is
 * read from the database on every call, so a change made by another
 * client of the same server is seen.
 *
 * Returns: (transfer full) (nullable): the zone's name, or %NULL (without
 *   an error) when none was set: the store then reads times in UTC
 *
 * Since: 1.0
 */
char *
tandem_store_get_time_zone_name (TandemStore *self, GError **error)
{
  g_autoptr (TandemTransaction) tx = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  tx = _tandem_transaction_new (self);
  return load_setting (_tandem_transaction_get_db (tx), SETTING_TIME_ZONE, error);
}

/* The store's zone, read in the caller's transaction (UTC when none is set). */
GTimeZone *
_tandem_store_load_time_zone (TandemDb *db, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autofree char *name = load_setting (db, SETTING_TIME_ZONE, &local_error);
  GTimeZone       *zone;

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (name == NULL)
    return g_time_zone_new_utc ();
  zone = zone_for_name (name);
  if (zone == NULL)
    g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_FAILED,
                 _ ("The store’s time zone “%s” is not known on this computer (is tzdata "
                    "installed?)"),
                 name);
  return zone;
}

/**
 * tandem_store_get_time_zone:
 * @self: a `TandemStore`
 * @error: return location for a #GError
 *
 * Gets the store's time zone: the zone in which a time written without an
 * offset is read (imports; [func@Tandem.time_parse] with this zone) and in which
 * the `tandem` command shows times. UTC when none was set.
 *
 * Returns: (transfer full): the zone, or %NULL with an error when it
 *   cannot be read or is not known on this computer
 *
 * Since: 1.0
 */
GTimeZone *
tandem_store_get_time_zone (TandemStore *self, GError **error)
{
  g_autoptr (TandemTransaction) tx = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  tx = _tandem_transaction_new (self);
  return _tandem_store_load_time_zone (_tandem_transaction_get_db (tx), error);
}

/**
 * tandem_store_set_time_zone:
 * @self: a `TandemStore`
 * @name: an IANA time zone name, such as `Europe/Berlin`, or `UTC`
 * @error: return location for a #GError
 *
 * Sets the store's time zone, with an audit entry. Times already stored
 * do not change: they are kept in UTC. Only times read afterwards without
 * an offset are read in the new zone.
 *
 * Returns: %TRUE on success; %TANDEM_VALIDATION_ERROR_INVALID_VALUE for a
 *   zone this computer does not know
 *
 * Since: 1.0
 */
gboolean
tandem_store_set_time_zone (TandemStore *self, const char *name, GError **error)
{
  g_autoptr (TandemTransaction) tx = NULL;
  g_autoptr (GTimeZone) zone = NULL;
  g_autofree char     *what = NULL;
  TandemScheduleRecord record = { 0 };

  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_tandem_check_text (_ ("time zone"), name, FALSE, error))
    return FALSE;
  zone = zone_for_name (name);
  if (zone == NULL || name[0] == '\0' || name[0] == '/' || strchr (name, '.') != NULL)
    {
      g_set_error (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_VALUE,
                   _ ("time zone: “%s” is not a time zone this computer knows, such as "
                      "Europe/Berlin or UTC"),
                   name);
      return FALSE;
    }

  record.name = (char *)SETTING_TIME_ZONE;
  record.text = (char *)name;
  what = g_strdup_printf ("time zone %s", name);
  tx = _tandem_transaction_new (self);
  return _tandem_transaction_begin (tx, error)
         && _tandem_db_save_schedule (_tandem_transaction_get_db (tx), TANDEM_SCHEDULE_SETTING,
                                      &record, NULL, error)
         && _tandem_transaction_commit_audited (tx, "config", what, error);
}
