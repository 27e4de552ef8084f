/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-plan-catalogue.c: storing plans as versions over time: a version that
 * settled a closed period never changes */

#include "config.h"

#include <inttypes.h>

#include "tandem-i18n-private.h"
#include <string.h>

#include "tandem-settlement.h"
#include "tandem-plan-version.h"
#include "tandem-target.h"
#include "tandem-draw.h"
#include "tandem-exchange-rate.h"
#include "tandem-plan-history-private.h"
#include "tandem-plan-private.h"
#include "tandem-schedule-private.h"
#include "tandem-store-private.h"
#include "tandem-util-private.h"

gboolean
_tandem_plan_not_found (const char *name, GError **error)
{
  g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_FOUND,
               _ ("No plan named “%s” (load one with tandem plan load FILE)"), name);
  return FALSE;
}

/**
 * tandem_plan_add:
 * @self: a `TandemStore`
 * @plan: a plan
 * @error: return location for a #GError
 *
 * Stores @plan under its name. A new name is stored as version 1, in
 * effect from the beginning. Storing the latest definition again changes
 * nothing. Another definition of a stored name becomes a new version in
 * effect from the first period after the plan's last closed one (from the
 * beginning when none is closed), as
 * [func@Tandem.PlanVersion.add] with no period.
 *
 * Returns: %TRUE on success
 *
 * Since: 1.0
 */
gboolean
tandem_plan_add (TandemStore *self, TandemPlan *plan, GError **error)
{
  return tandem_plan_version_add (self, plan, NULL, NULL, error);
}

/**
 * tandem_plan_load:
 * @self: a `TandemStore`
 * @name: a plan's name
 * @error: return location for a #GError
 *
 * Reads the latest version of a stored plan.
 *
 * Returns: (transfer full): the plan, or %NULL with
 *   %TANDEM_STORE_ERROR_NOT_FOUND
 *
 * Since: 1.0
 */
TandemPlan *
tandem_plan_load (TandemStore *self, const char *name, GError **error)
{
  return tandem_plan_load_at (self, name, NULL, error);
}

/**
 * tandem_plan_load_at:
 * @self: a `TandemStore`
 * @name: a plan's name
 * @period: (nullable): a period, or %NULL for the latest version
 * @error: return location for a #GError
 *
 * Reads the version of a stored plan in effect at the start of @period
 * (cut in the zone of the plan's latest version).
 *
 * Returns: (transfer full): the plan, or %NULL with
 *   %TANDEM_STORE_ERROR_NOT_FOUND
 *
 * Since: 1.0
 */
TandemPlan *
tandem_plan_load_at (TandemStore *self, const char *name, TandemPeriod *period, GError **error)
{
  g_auto (TandemSchedule) schedule = { 0 };
  const TandemScheduleRecord *version;
  g_autoptr (TandemPlan) latest = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_tandem_schedule_load_from_store (self, &schedule, error))
    return NULL;

  version = _tandem_schedule_latest_version (&schedule, name);
  if (version == NULL)
    return _tandem_plan_not_found (name, error), NULL;
  if (period == NULL)
    return tandem_plan_new_from_data (version->text, -1, error);

  latest = tandem_plan_new_from_data (version->text, -1, error);
  if (latest == NULL)
    return NULL;
  version
      = _tandem_schedule_version_at (&schedule, name, _tandem_plan_period_start (latest, period));
  if (version == NULL)
    return _tandem_plan_not_found (name, error), NULL;
  return tandem_plan_new_from_data (version->text, -1, error);
}

/**
 * tandem_plan_list_names:
 * @self: a `TandemStore`
 * @error: return location for a #GError
 *
 * Lists the names of the stored plans.
 *
 * Returns: (transfer full) (array zero-terminated=1): the names, sorted
 *
 * Since: 1.0
 */
char **
tandem_plan_list_names (TandemStore *self, GError **error)
{
  g_auto (TandemSchedule) schedule = { 0 };
  g_autoptr (GStrvBuilder) names = g_strv_builder_new ();

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);

  if (!_tandem_schedule_load_from_store (self, &schedule, error))
    return NULL;
  /* ordered by name, then version */
  for (guint i = 0; i < schedule.versions->len; i++)
    {
      const TandemScheduleRecord *v = &g_array_index (schedule.versions, TandemScheduleRecord, i);

      if (v->number == 1)
        g_strv_builder_add (names, v->name);
    }
  return g_strv_builder_end (names);
}

/**
 * tandem_plan_resolve_name:
 * @self: a `TandemStore`
 * @name: (nullable): the plan a caller named, or %NULL
 * @error: return location for a #GError
 *
 * The plan a verb works with when its caller may leave the plan out: @name
 * when given (it must be stored); else the only stored plan; else the
 * default plan set with [func@Tandem.Plan.set_default]. With
 * several plans and no default set, the error
 * (%TANDEM_STORE_ERROR_NOT_FOUND) lists the stored plans; with none, it
 * says how to load one.
 *
 * Returns: (transfer full): the plan's name, or %NULL with @error set
 *
 * Since: 1.0
 */
char *
tandem_plan_resolve_name (TandemStore *self, const char *name, GError **error)
{
  g_auto (TandemSchedule) schedule = { 0 };
  g_autoptr (GStrvBuilder) names = g_strv_builder_new ();
  g_auto (GStrv) list = NULL;
  g_autofree char *joined = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_tandem_schedule_load_from_store (self, &schedule, error))
    return NULL;
  for (guint i = 0; i < schedule.versions->len; i++)
    {
      const TandemScheduleRecord *v = &g_array_index (schedule.versions, TandemScheduleRecord, i);

      if (v->number != 1)
        continue;
      if (name != NULL && strcmp (v->name, name) == 0)
        return g_strdup (name);
      g_strv_builder_add (names, v->name);
    }
  list = g_strv_builder_end (names);
  if (name != NULL)
    {
      g_autofree char *suggestion = tandem_suggest (name, (const char *const *)list);

      joined = g_strjoinv (", ", list);
      if (suggestion != NULL)
        g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_FOUND,
                     _ ("No plan named “%s” is stored; did you mean “%s”?"), name, suggestion);
      else
        g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_FOUND,
                     _ ("No plan named “%s” is stored (stored: %s)"), name,
                     list[0] != NULL ? joined : "–");
      return NULL;
    }
  if (list[0] == NULL)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_FOUND,
                   _ ("No plan is stored: load one with “tandem plan load FILE”"));
      return NULL;
    }
  if (list[1] == NULL)
    return g_strdup (list[0]);
  if (schedule.choice.default_set)
    return g_strdup (schedule.choice.default_plan);
  joined = g_strjoinv (", ", list);
  g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_FOUND,
               _ ("Several plans are stored (%s) and none is the default: name one with --plan "
                  "NAME, or set one with “tandem plan default NAME”"),
               joined);
  return NULL;
}

/**
 * tandem_plan_set_default:
 * @self: a `TandemStore`
 * @name: a stored plan's name
 * @error: return location for a #GError
 *
 * Makes @name the plan that tandems without an assignment follow. Until
 * one is set, the default plan is the first plan loaded.
 *
 * Returns: %TRUE on success; %TANDEM_STORE_ERROR_NOT_FOUND for an
 *   unknown plan
 *
 * Since: 1.0
 */
gboolean
tandem_plan_set_default (TandemStore *self, const char *name, GError **error)
{
  g_autoptr (TandemTransaction) tx = NULL;
  g_auto (TandemSchedule) schedule = { 0 };
  TandemScheduleRecord record = { 0 };

  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  tx = _tandem_transaction_new (self);
  if (!_tandem_transaction_begin (tx, error)
      || !_tandem_schedule_load (&schedule, _tandem_transaction_get_db (tx), error))
    return FALSE;
  if (_tandem_schedule_latest_version (&schedule, name) == NULL)
    return _tandem_plan_not_found (name, error);

  record.name = (char *)name;
  return _tandem_db_save_schedule (_tandem_transaction_get_db (tx), TANDEM_SCHEDULE_DEFAULT_PLAN,
                                   &record, NULL, error)
         && _tandem_transaction_commit_audited (tx, "plan default", name, error);
}

/**
 * tandem_plan_get_default:
 * @self: a `TandemStore`
 * @error: return location for a #GError
 *
 * Gets the plan that tandems without an assignment follow: the one set by
 * [func@Tandem.Plan.set_default], else the first plan loaded.
 *
 * Returns: (transfer full) (nullable): the plan's name, or %NULL (without
 *   an error) when no plan is stored
 *
 * Since: 1.0
 */
char *
tandem_plan_get_default (TandemStore *self, GError **error)
{
  g_auto (TandemSchedule) schedule = { 0 };

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);

  if (!_tandem_schedule_load_from_store (self, &schedule, error))
    return NULL;
  return g_strdup (schedule.choice.default_plan);
}
