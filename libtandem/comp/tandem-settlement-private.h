/* SPDX-License-Identifier: LGPL-2.1-or-later */

#pragma once

#include "tandem-settlement.h"

G_BEGIN_DECLS

TandemPayoutLine *_tandem_payout_line_new (TandemStore   *store,
                                           TandemRep     *rep,
                                           TandemLineKind kind,
                                           TandemMoney   *amount,
                                           gint64         activity_id,
                                           char          *explanation);

TandemTeamResult *_tandem_team_result_new (TandemTeam  *team,
                                           TandemMoney *revenue,
                                           TandemMoney *target,
                                           int          attainment,
                                           TandemMoney *payout);

G_END_DECLS
