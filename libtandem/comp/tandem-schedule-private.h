/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-schedule-private.h: the dated facts of plans over time as a
 * settlement reads them: plan versions, the default plan, the plan each
 * tandem follows, targets, draws, exchange rates and closed periods. Read
 * once per settlement (the tables are small) and looked up in C. */

#pragma once

#include <gio/gio.h>

#include "tandem-db-private.h"
#include "tandem-plan-choice-private.h"
#include "tandem-plan.h"

G_BEGIN_DECLS

/* Exchange rates are decimals with up to 8 places, scaled by 10^8. */
#define TANDEM_EXCHANGE_ONE G_GINT64_CONSTANT (100000000)

typedef struct
{
  GArray          *versions; /* TandemScheduleRecord, by name, version */
  TandemPlanChoice choice;   /* the tandems' plans and the default plan */
  GArray          *targets;  /* by tandem, start */
  GArray          *draws;    /* by rep, from_at */
  GArray          *rates;    /* by from, to, from_at */
  GArray          *closed;   /* closed periods, by plan, start */
} TandemSchedule;

gboolean _tandem_schedule_load (TandemSchedule *self, TandemDb *db, GError **error);
void     _tandem_schedule_clear (TandemSchedule *self);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TandemSchedule, _tandem_schedule_clear)

/* The version of @name in effect at @at (G_MAXINT64: the latest), or NULL. */
const TandemScheduleRecord *_tandem_schedule_version_at (const TandemSchedule *self,
                                                         const char           *name,
                                                         gint64                at);
/* The highest version of @name, or NULL. */
const TandemScheduleRecord *_tandem_schedule_latest_version (const TandemSchedule *self,
                                                             const char           *name);
/* How many plans (names) are stored. */
guint _tandem_schedule_n_plans (const TandemSchedule *self);
/* The plan tandem @team_id follows at @at: its latest assignment from at
 * or before @at, else the default plan; NULL when no plan is stored. */
const char *_tandem_schedule_team_plan (const TandemSchedule *self, gint64 team_id, gint64 at);
/* The target of tandem @team_id for the period @label, or NULL. */
const TandemScheduleRecord *_tandem_schedule_target (const TandemSchedule *self,
                                                     gint64                team_id,
                                                     const char           *label);
/* The latest rate @from → @to with from_at <= @at, or NULL. */
const TandemScheduleRecord *_tandem_schedule_rate_at (const TandemSchedule *self,
                                                      const char           *from,
                                                      const char           *to,
                                                      gint64                at);
/* The latest end of a closed period of @plan (any plan for NULL), or
 * G_MININT64 when none is closed. */
gint64 _tandem_schedule_closed_end (const TandemSchedule *self, const char *plan);

/* The latest version of the default plan, parsed; NULL (no error) when no
 * plan is stored. Its period kind and zone cut the periods of targets,
 * assignments and draws. */
TandemPlan *_tandem_schedule_default_plan (const TandemSchedule *self, GError **error);

/* Parses an exchange rate: a positive decimal with up to 8 places. */
gboolean _tandem_exchange_rate_parse (const char *text, gint64 *out, GError **error);
/* @minor units of @from at @rate in @to's minor units, rounded once half
 * away from zero; FALSE on overflow. */
gboolean _tandem_exchange_convert (gint64      minor,
                                   const char *from,
                                   const char *to,
                                   gint64      rate,
                                   gint64     *out);

/* Reads the schedule of @store in a transaction of its own. */
gboolean _tandem_schedule_load_from_store (TandemStore    *store,
                                           TandemSchedule *schedule,
                                           GError        **error);

G_END_DECLS
