/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-simulation.h: what a candidate plan would pay, against a stored plan, before it goes
 * live */

#pragma once

#if !defined(TANDEM_INSIDE) && !defined(TANDEM_COMPILATION)
#error "Only <tandem.h> can be included directly."
#endif

#include <gio/gio.h>

#include "tandem-money.h"
#include "tandem-period.h"
#include "tandem-plan.h"
#include "tandem-simulation-row.h"
#include "tandem-store.h"
#include "tandem-version-macros.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_SIMULATION (tandem_simulation_get_type ())

TANDEM_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (TandemSimulation, tandem_simulation, TANDEM, SIMULATION, GObject)

TANDEM_AVAILABLE_IN_ALL
TandemSimulation *tandem_simulation_new (TandemStore  *store,
                                         TandemPlan   *candidate,
                                         const char   *vs,
                                         TandemPeriod *period,
                                         GCancellable *cancellable,
                                         GError      **error);

TANDEM_AVAILABLE_IN_ALL
void tandem_simulation_compute_async (TandemStore        *store,
                                      TandemPlan         *candidate,
                                      const char         *vs,
                                      TandemPeriod       *period,
                                      GCancellable       *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer            user_data);

TANDEM_AVAILABLE_IN_ALL
TandemSimulation *tandem_simulation_compute_finish (GAsyncResult *result, GError **error);

TANDEM_AVAILABLE_IN_ALL
const char *tandem_simulation_get_plan_name (TandemSimulation *self);

TANDEM_AVAILABLE_IN_ALL
const char *tandem_simulation_get_vs (TandemSimulation *self);

TANDEM_AVAILABLE_IN_ALL
TandemPeriod *tandem_simulation_get_period (TandemSimulation *self);

TANDEM_AVAILABLE_IN_ALL
TandemSimulationRow *tandem_simulation_get_total (TandemSimulation *self);

TANDEM_AVAILABLE_IN_ALL
int tandem_simulation_get_current_share (TandemSimulation *self);

TANDEM_AVAILABLE_IN_ALL
int tandem_simulation_get_candidate_share (TandemSimulation *self);

TANDEM_AVAILABLE_IN_ALL
GListModel *tandem_simulation_get_reps (TandemSimulation *self);

TANDEM_AVAILABLE_IN_ALL
GListModel *tandem_simulation_get_teams (TandemSimulation *self);

TANDEM_AVAILABLE_IN_ALL
char *tandem_simulation_to_json (TandemSimulation *self);

G_END_DECLS
