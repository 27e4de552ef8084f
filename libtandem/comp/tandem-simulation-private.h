/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-simulation-private.h: what the simulation's files share */

#pragma once

#include "tandem-simulation-row.h"
#include "tandem-simulation.h"

G_BEGIN_DECLS

/* Takes the amounts; @rep and @team may be NULL, @revenue too. */
TandemSimulationRow *_tandem_simulation_row_new (const char  *name,
                                                 TandemRep   *rep,
                                                 TandemTeam  *team,
                                                 TandemMoney *current,
                                                 TandemMoney *candidate,
                                                 TandemMoney *revenue);

G_END_DECLS
