/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-plan-choice-private.h: which plan a tandem follows at a time: its
 * assignment, else the default plan. The store needs it to know which
 * plan's closed periods bind an activity; the settlement needs it to know
 * whom a plan settles. Kept here, below both. */

#pragma once

#include "tandem-db-private.h"

G_BEGIN_DECLS

typedef struct
{
  GArray  *team_plans;   /* TandemScheduleRecord: TEAM_PLAN, ordered by from_at */
  char    *default_plan; /* the one named, else the first stored; NULL without plans */
  gboolean default_set;  /* a default plan was named */
} TandemPlanChoice;

/* Reads the assignments and the default plan from @db; @versions, when
 * given, are the PLAN_VERSION records already read (else they are read
 * here). */
gboolean _tandem_plan_choice_load (TandemPlanChoice *self,
                                   TandemDb         *db,
                                   GArray           *versions,
                                   GError          **error);
/* The name of the plan @team_id follows at @at, or NULL without plans. */
const char *_tandem_plan_choice_at (const TandemPlanChoice *self, gint64 team_id, gint64 at);
void        _tandem_plan_choice_clear (TandemPlanChoice *self);

G_END_DECLS
