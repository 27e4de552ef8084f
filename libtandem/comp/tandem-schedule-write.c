/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-schedule-write.c: a write to the plans over time (targets, draws,
 * exchange rates, plan assignments): its transaction with the schedule
 * read inside it, the period cut of the default plan, and the refusal of
 * anything dated into a closed period. */

#include "config.h"

#include <string.h>

#include "tandem-i18n-private.h"
#include "tandem-plan-private.h"
#include "tandem-schedule-write-private.h"
#include "tandem-util-private.h"

gboolean
_tandem_schedule_begin (TandemScheduleWrite *w, TandemStore *store, gboolean write, GError **error)
{
  memset (w, 0, sizeof *w);
  w->tx = _tandem_transaction_new (store);
  if (write && !_tandem_transaction_begin (w->tx, error))
    return FALSE;
  w->db = _tandem_transaction_get_db (w->tx);
  if (!_tandem_schedule_load (&w->schedule, w->db, error))
    return FALSE;
  w->cut = _tandem_schedule_default_plan (&w->schedule, error);
  return w->cut != NULL || w->schedule.choice.default_plan == NULL;
}

void
_tandem_schedule_write_clear (TandemScheduleWrite *w)
{
  _tandem_schedule_clear (&w->schedule);
  g_clear_object (&w->cut);
  g_clear_pointer (&w->tx, _tandem_transaction_end);
}

/* The start of @period: in the default plan's zone, of its kind. */
gboolean
_tandem_schedule_write_period_start (TandemScheduleWrite *w,
                                     const TandemPeriod  *period,
                                     gint64              *start,
                                     GError             **error)
{
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr (GDateTime) time = NULL;

  if (w->cut != NULL && !_tandem_plan_check_period (w->cut, period, error))
    return FALSE;
  time = tandem_period_get_start (period, w->cut ? tandem_plan_get_time_zone (w->cut) : utc);
  *start = _tandem_time_to_usec (time);
  return TRUE;
}

/* Refuses what would take effect at @at or earlier while a closed period
 * ends after it. */
gboolean
_tandem_schedule_write_check_open (TandemScheduleWrite *w,
                                   gint64               at,
                                   const char          *what,
                                   GError             **error)
{
  gint64 end = _tandem_schedule_closed_end (&w->schedule, NULL);

  if (end > at)
    {
      g_autofree char *when = _tandem_time_format (end);

      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CLOSED_PERIOD,
                   _ ("%s would change a closed period: periods up to %s are closed and keep "
                      "what they were settled with"),
                   what, when);
      return FALSE;
    }
  return TRUE;
}

gboolean
_tandem_schedule_write_check_period_open (TandemScheduleWrite *w,
                                          const char          *label,
                                          const char          *what,
                                          GError             **error)
{
  for (guint i = 0; i < w->schedule.closed->len; i++)
    {
      const TandemScheduleRecord *c = &g_array_index (w->schedule.closed, TandemScheduleRecord, i);

      if (strcmp (c->from_label, label) == 0)
        {
          g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CLOSED_PERIOD,
                       _ ("%s: period %s of plan “%s” is closed and keeps what it was settled "
                          "with"),
                       what, label, c->name);
          return FALSE;
        }
    }
  return TRUE;
}
