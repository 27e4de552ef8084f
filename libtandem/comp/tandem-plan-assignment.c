/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-plan-assignment.c: the plan each tandem follows over time */

#include "config.h"

#include <inttypes.h>

#include "tandem-i18n-private.h"
#include <string.h>

#include "tandem-settlement.h"
#include "tandem-plan-history-private.h"
#include "tandem-plan-private.h"
#include "tandem-currency-private.h"
#include "tandem-rate-private.h"
#include "tandem-schedule-private.h"
#include "tandem-store-private.h"
#include "tandem-util-private.h"
#include "tandem-schedule-write-private.h"

/**
 * tandem_plan_assign:
 * @self: a `TandemStore`
 * @team: a tandem
 * @name: a stored plan's name
 * @from: (nullable): the first period the tandem follows @name in, or
 *   %NULL for the beginning
 * @error: return location for a #GError
 *
 * Makes @team follow the plan @name from @from on. A tandem without an
 * assignment follows the default plan. An assignment taking effect in or
 * before a closed period is refused with %TANDEM_STORE_ERROR_CLOSED_PERIOD.
 *
 * Returns: %TRUE on success
 *
 * Since: 1.0
 */
gboolean
tandem_plan_assign (TandemStore  *self,
                    TandemTeam   *team,
                    const char   *name,
                    TandemPeriod *from,
                    GError      **error)
{
  TandemScheduleWrite  w;
  TandemScheduleRecord record = { 0 };
  g_autofree char     *label = NULL;
  g_autofree char     *what = NULL;
  gboolean             ok;

  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);
  g_return_val_if_fail (TANDEM_IS_TEAM (team), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  ok = _tandem_schedule_write_begin (&w, self, error);
  if (ok && _tandem_schedule_latest_version (&w.schedule, name) == NULL)
    ok = _tandem_plan_not_found (name, error);
  record.owner_id = tandem_team_get_id (team);
  record.name = (char *)name;
  record.from_at = G_MININT64;
  if (ok && from != NULL)
    {
      label = tandem_period_to_string (from);
      record.from_label = label;
      ok = _tandem_schedule_write_period_start (&w, from, &record.from_at, error);
    }
  what = g_strdup_printf (_ ("Assigning plan “%s” to tandem “%s” from %s"), name,
                          tandem_team_get_name (team), label ? label : _ ("the beginning"));
  ok = ok && _tandem_schedule_write_check_open (&w, record.from_at, what, error)
       && _tandem_db_save_schedule (w.db, TANDEM_SCHEDULE_TEAM_PLAN, &record, NULL, error)
       && _tandem_transaction_commit_audited (w.tx, "team plan", what, error);
  _tandem_schedule_write_clear (&w);
  return ok;
}

/**
 * tandem_plan_get_for_team:
 * @self: a `TandemStore`
 * @team: a tandem
 * @period: (nullable): a period, or %NULL for the latest assignment
 * @error: return location for a #GError
 *
 * Gets the plan @team follows at the start of @period: its assignment,
 * else the default plan.
 *
 * Returns: (transfer full) (nullable): the plan's name, or %NULL (without
 *   an error) when no plan is stored
 *
 * Since: 1.0
 */
char *
tandem_plan_get_for_team (TandemStore *self, TandemTeam *team, TandemPeriod *period, GError **error)
{
  TandemScheduleWrite w;
  gint64              at = G_MAXINT64;
  char               *name = NULL;
  gboolean            ok;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (TANDEM_IS_TEAM (team), NULL);

  ok = _tandem_schedule_read_begin (&w, self, error)
       && (period == NULL || _tandem_schedule_write_period_start (&w, period, &at, error));
  if (ok)
    name = g_strdup (_tandem_schedule_team_plan (&w.schedule, tandem_team_get_id (team), at));
  _tandem_schedule_write_clear (&w);
  return name;
}
