/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-schedule-write-private.h: a write to the plans over time, shared
 * by the plan assignment, targets, draws and exchange rates */

#pragma once

#include "tandem-plan.h"
#include "tandem-schedule-private.h"
#include "tandem-store-private.h"

G_BEGIN_DECLS

/* A write with the schedule read inside its transaction. */
typedef struct
{
  TandemTransaction *tx;
  TandemDb          *db;
  TandemSchedule     schedule;
  TandemPlan        *cut; /* the default plan: cuts periods; NULL: months in UTC */
} TandemScheduleWrite;

/* Opens a transaction (a write one when @write) and reads the schedule in
 * it; FALSE with @error set when either fails. */
gboolean _tandem_schedule_begin (TandemScheduleWrite *w,
                                 TandemStore         *store,
                                 gboolean             write,
                                 GError             **error);
#define _tandem_schedule_write_begin(w, store, error) _tandem_schedule_begin (w, store, TRUE, error)
#define _tandem_schedule_read_begin(w, store, error) _tandem_schedule_begin (w, store, FALSE, error)
void _tandem_schedule_write_clear (TandemScheduleWrite *w);
/* The start of @period: in the default plan's zone, of its kind. */
gboolean _tandem_schedule_write_period_start (TandemScheduleWrite *w,
                                              const TandemPeriod  *period,
                                              gint64              *start,
                                              GError             **error);
/* Refuses what would take effect at @at or earlier while a closed period
 * ends after it. */
gboolean _tandem_schedule_write_check_open (TandemScheduleWrite *w,
                                            gint64               at,
                                            const char          *what,
                                            GError             **error);
/* Refuses a write into the closed period @label of any plan. */
gboolean _tandem_schedule_write_check_period_open (TandemScheduleWrite *w,
                                                   const char          *label,
                                                   const char          *what,
                                                   GError             **error);

G_END_DECLS
