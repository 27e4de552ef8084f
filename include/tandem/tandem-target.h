/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-target.h: a tandem's revenue target for a period */

#pragma once

#if !defined(TANDEM_INSIDE) && !defined(TANDEM_COMPILATION)
#error "Only <tandem.h> can be included directly."
#endif

#include <gio/gio.h>

#include "tandem-money.h"
#include "tandem-plan.h"
#include "tandem-rep.h"
#include "tandem-store.h"
#include "tandem-team.h"
#include "tandem-version-macros.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_TARGET (tandem_target_get_type ())

TANDEM_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (TandemTarget, tandem_target, TANDEM, TARGET, GObject)

TANDEM_AVAILABLE_IN_ALL
TandemTeam *tandem_target_get_team (TandemTarget *self);

TANDEM_AVAILABLE_IN_ALL
const char *tandem_target_get_period (TandemTarget *self);

TANDEM_AVAILABLE_IN_ALL
TandemMoney *tandem_target_get_amount (TandemTarget *self);

TANDEM_AVAILABLE_IN_ALL
gboolean tandem_target_set (TandemStore  *self,
                            TandemTeam   *team,
                            TandemPeriod *period,
                            TandemMoney  *amount,
                            GError      **error);

TANDEM_AVAILABLE_IN_ALL
gboolean tandem_target_ramp (TandemStore  *self,
                             TandemTeam   *team,
                             TandemPeriod *from,
                             const guint  *steps,
                             guint         n_steps,
                             GError      **error);

TANDEM_AVAILABLE_IN_ALL
GListModel *tandem_target_list (TandemStore *self,
                                TandemTeam  *team,
                                GError     **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
