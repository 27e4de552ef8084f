/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-simulation-row.h: one rep's or one tandem's figures in a what-if simulation */

#pragma once

#if !defined(TANDEM_INSIDE) && !defined(TANDEM_COMPILATION)
#error "Only <tandem.h> can be included directly."
#endif

#include <gio/gio.h>

#include "tandem-money.h"
#include "tandem-rep.h"
#include "tandem-team.h"
#include "tandem-version-macros.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_SIMULATION_ROW (tandem_simulation_row_get_type ())

TANDEM_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (TandemSimulationRow, tandem_simulation_row, TANDEM, SIMULATION_ROW, GObject)

TANDEM_AVAILABLE_IN_ALL
const char *tandem_simulation_row_get_name (TandemSimulationRow *self);

TANDEM_AVAILABLE_IN_ALL
TandemRep *tandem_simulation_row_get_rep (TandemSimulationRow *self);

TANDEM_AVAILABLE_IN_ALL
TandemTeam *tandem_simulation_row_get_team (TandemSimulationRow *self);

TANDEM_AVAILABLE_IN_ALL
TandemMoney *tandem_simulation_row_get_current (TandemSimulationRow *self);

TANDEM_AVAILABLE_IN_ALL
TandemMoney *tandem_simulation_row_get_candidate (TandemSimulationRow *self);

TANDEM_AVAILABLE_IN_ALL
TandemMoney *tandem_simulation_row_get_difference (TandemSimulationRow *self);

TANDEM_AVAILABLE_IN_ALL
TandemMoney *tandem_simulation_row_get_revenue (TandemSimulationRow *self);

G_END_DECLS
