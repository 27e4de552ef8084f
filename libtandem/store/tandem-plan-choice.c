/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-plan-choice.c: which plan a tandem follows at a time */

#include "config.h"

#include <string.h>

#include "tandem-plan-choice-private.h"

gboolean
_tandem_plan_choice_load (TandemPlanChoice *self, TandemDb *db, GArray *versions, GError **error)
{
  g_autoptr (GArray) defaults = NULL;
  g_autoptr (GArray) own_versions = NULL;

  memset (self, 0, sizeof *self);
  if ((self->team_plans = _tandem_db_list_schedule (db, TANDEM_SCHEDULE_TEAM_PLAN, NULL, error))
          == NULL
      || (defaults = _tandem_db_list_schedule (db, TANDEM_SCHEDULE_DEFAULT_PLAN, NULL, error))
             == NULL)
    {
      _tandem_plan_choice_clear (self);
      return FALSE;
    }
  if (versions == NULL)
    {
      own_versions = _tandem_db_list_schedule (db, TANDEM_SCHEDULE_PLAN_VERSION, NULL, error);
      if (own_versions == NULL)
        {
          _tandem_plan_choice_clear (self);
          return FALSE;
        }
      versions = own_versions;
    }

  /* the default plan: the one named, else the first stored */
  self->default_set = defaults->len > 0;
  if (defaults->len > 0)
    self->default_plan = g_strdup (g_array_index (defaults, TandemScheduleRecord, 0).name);
  else
    {
      gint64 first = G_MAXINT64;

      for (guint i = 0; i < versions->len; i++)
        {
          const TandemScheduleRecord *v = &g_array_index (versions, TandemScheduleRecord, i);

          if (v->number == 1 && v->id < first)
            {
              first = v->id;
              g_free (self->default_plan);
              self->default_plan = g_strdup (v->name);
            }
        }
    }
  return TRUE;
}

const char *
_tandem_plan_choice_at (const TandemPlanChoice *self, gint64 team_id, gint64 at)
{
  const TandemScheduleRecord *best = NULL;

  for (guint i = 0; i < self->team_plans->len; i++)
    {
      const TandemScheduleRecord *a = &g_array_index (self->team_plans, TandemScheduleRecord, i);

      if (a->owner_id == team_id && a->from_at <= at)
        best = a; /* ordered by from_at */
    }
  return best != NULL ? best->name : self->default_plan;
}

void
_tandem_plan_choice_clear (TandemPlanChoice *self)
{
  g_clear_pointer (&self->team_plans, g_array_unref);
  g_clear_pointer (&self->default_plan, g_free);
}
