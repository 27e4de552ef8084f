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

gint64
_tandem_plan_period_start (TandemPlan *plan, const TandemPeriod *period)
{
  g_autoptr (GDateTime) start = tandem_period_get_start (period, tandem_plan_get_time_zone (plan));

  return _tandem_time_to_usec (start);
}

gboolean
_tandem_plan_check_period (TandemPlan *plan, const TandemPeriod *period, GError **error)
{
  g_autofree char *label = NULL;
  g_autoptr (TandemPeriod) checked = NULL;

  if (tandem_period_get_kind (period) == tandem_plan_get_period_kind (plan))
    return TRUE;
  label = tandem_period_to_string (period);
  checked = tandem_plan_parse_period (plan, label, error);
  return checked != NULL;
}

gboolean
_tandem_plan_not_found (const char *name, GError **error)
{
  g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_FOUND,
               _ ("No plan named “%s” (load one with tandem plan load FILE)"), name);
  return FALSE;
}

/* The first period after the last closed one of @plan, or NULL. */
static TandemPeriod *
after_last_closed (TandemPlan *plan, const TandemSchedule *schedule)
{
  const TandemScheduleRecord *last = NULL;

  for (guint i = 0; i < schedule->closed->len; i++)
    {
      const TandemScheduleRecord *c = &g_array_index (schedule->closed, TandemScheduleRecord, i);

      if (strcmp (c->name, tandem_plan_get_name (plan)) == 0
          && (last == NULL || c->until_at > last->until_at))
        last = c;
    }
  if (last == NULL)
    return NULL;

  {
    g_autoptr (TandemPeriod) closed = tandem_plan_parse_period (plan, last->from_label, NULL);

    return closed != NULL ? tandem_period_get_next (closed) : NULL;
  }
}

gboolean
_tandem_store_plan_locked (TandemTransaction *tx,
                           TandemPlan        *plan,
                           TandemPeriod      *from,
                           guint             *version,
                           char             **added_from,
                           GError           **error)
{
  TandemDb   *db = _tandem_transaction_get_db (tx);
  const char *name = tandem_plan_get_name (plan);
  g_auto (TandemSchedule) schedule = { 0 };
  g_autoptr (TandemPeriod) derived = NULL;
  g_autofree char            *label = NULL;
  const TandemScheduleRecord *latest;
  const TandemScheduleRecord *current;
  TandemScheduleRecord        record = { 0 };
  gint64                      closed_end;

  if (!_tandem_schedule_load (&schedule, db, error))
    return FALSE;

  latest = _tandem_schedule_latest_version (&schedule, name);
  if (latest == NULL)
    {
      /* a new name: version 1, in effect from the beginning */
      record.name = (char *)name;
      record.number = 1;
      record.from_at = G_MININT64;
      record.text = (char *)tandem_plan_get_data (plan);
      if (version != NULL)
        *version = 1;
      if (added_from != NULL)
        *added_from = g_strdup ("the beginning");
      return _tandem_db_save_schedule (db, TANDEM_SCHEDULE_PLAN_VERSION, &record, NULL, error);
    }

  if (from == NULL)
    {
      if (strcmp (latest->text, tandem_plan_get_data (plan)) == 0)
        {
          if (version != NULL)
            *version = latest->number;
          return TRUE;
        }
      from = derived = after_last_closed (plan, &schedule);
    }

  record.from_at = from != NULL ? _tandem_plan_period_start (plan, from) : G_MININT64;
  current = _tandem_schedule_version_at (&schedule, name, record.from_at);
  if (from != NULL && current != NULL && current->from_at == record.from_at
      && strcmp (current->text, tandem_plan_get_data (plan)) == 0)
    {
      if (version != NULL)
        *version = current->number;
      return TRUE;
    }

  closed_end = _tandem_schedule_closed_end (&schedule, name);
  label = from != NULL ? tandem_period_to_string (from) : NULL;
  if (closed_end > record.from_at)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CLOSED_PERIOD,
                   _ ("Plan “%s” has a closed period from %s on: a new version cannot take "
                      "effect there (a closed period reads back as it was frozen); choose a "
                      "later period with --from"),
                   name, label != NULL ? label : _ ("the beginning"));
      return FALSE;
    }

  record.name = (char *)name;
  record.from_label = label;
  record.text = (char *)tandem_plan_get_data (plan);
  record.number = latest->number + 1;
  if (version != NULL)
    *version = (guint)record.number;
  if (added_from != NULL)
    *added_from = g_strdup (label != NULL ? label : "the beginning");
  return _tandem_db_save_schedule (db, TANDEM_SCHEDULE_PLAN_VERSION, &record, NULL, error);
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
  if (schedule.default_set)
    return g_strdup (schedule.default_plan);
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
  return g_strdup (schedule.default_plan);
}
