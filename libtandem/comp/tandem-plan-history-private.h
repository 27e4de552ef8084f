/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-plan-history-private.h: constructors of the plans-over-time types */

#pragma once

#include "tandem-plan-version.h"
#include "tandem-target.h"
#include "tandem-draw.h"
#include "tandem-exchange-rate.h"

G_BEGIN_DECLS

TandemPlanVersion  *_tandem_plan_version_new (const char *name,
                                              guint       version,
                                              const char *from,
                                              TandemPlan *plan);
TandemTarget       *_tandem_target_new (TandemTeam *team, const char *period, TandemMoney *amount);
TandemDraw         *_tandem_draw_new (gint64       id,
                                      TandemRep   *rep,
                                      TandemMoney *amount,
                                      const char  *from,
                                      const char  *until,
                                      gboolean     recoverable,
                                      TandemMoney *balance);
TandemExchangeRate *_tandem_exchange_rate_new (const char *from_currency,
                                               const char *to_currency,
                                               const char *rate,
                                               GDateTime  *since);

G_END_DECLS
