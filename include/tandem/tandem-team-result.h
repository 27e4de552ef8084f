/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-team-result.h: a tandem's figures in a settlement: revenue, target, attainment, payout */

#pragma once

#if !defined(TANDEM_INSIDE) && !defined(TANDEM_COMPILATION)
#error "Only <tandem.h> can be included directly."
#endif

#include <gio/gio.h>

#include "tandem-activity.h"
#include "tandem-money.h"
#include "tandem-plan.h"
#include "tandem-rep.h"
#include "tandem-store.h"
#include "tandem-team.h"
#include "tandem-version-macros.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_TEAM_RESULT (tandem_team_result_get_type ())

TANDEM_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (TandemTeamResult, tandem_team_result, TANDEM, TEAM_RESULT, GObject)

TANDEM_AVAILABLE_IN_ALL
TandemTeam *tandem_team_result_get_team (TandemTeamResult *self);

TANDEM_AVAILABLE_IN_ALL
TandemMoney *tandem_team_result_get_revenue (TandemTeamResult *self);

TANDEM_AVAILABLE_IN_ALL
TandemMoney *tandem_team_result_get_target (TandemTeamResult *self);

TANDEM_AVAILABLE_IN_ALL
int tandem_team_result_get_attainment (TandemTeamResult *self);

TANDEM_AVAILABLE_IN_ALL
TandemMoney *tandem_team_result_get_payout (TandemTeamResult *self);

G_END_DECLS
