/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-plan-history.h: plans over time: plan versions, the plan each
 * tandem follows, targets per period, draws and exchange rates */

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

#define TANDEM_TYPE_PLAN_VERSION (tandem_plan_version_get_type ())
TANDEM_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (TandemPlanVersion, tandem_plan_version, TANDEM, PLAN_VERSION, GObject)

TANDEM_AVAILABLE_IN_ALL
const char *tandem_plan_version_get_name (TandemPlanVersion *self);
TANDEM_AVAILABLE_IN_ALL
guint tandem_plan_version_get_version (TandemPlanVersion *self);
TANDEM_AVAILABLE_IN_ALL
const char *tandem_plan_version_get_from (TandemPlanVersion *self);
TANDEM_AVAILABLE_IN_ALL
TandemPlan *tandem_plan_version_get_plan (TandemPlanVersion *self);

#define TANDEM_TYPE_TARGET (tandem_target_get_type ())
TANDEM_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (TandemTarget, tandem_target, TANDEM, TARGET, GObject)

TANDEM_AVAILABLE_IN_ALL
TandemTeam *tandem_target_get_team (TandemTarget *self);
TANDEM_AVAILABLE_IN_ALL
const char *tandem_target_get_period (TandemTarget *self);
TANDEM_AVAILABLE_IN_ALL
TandemMoney *tandem_target_get_amount (TandemTarget *self);

#define TANDEM_TYPE_DRAW (tandem_draw_get_type ())
TANDEM_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (TandemDraw, tandem_draw, TANDEM, DRAW, GObject)

TANDEM_AVAILABLE_IN_ALL
gint64 tandem_draw_get_id (TandemDraw *self);
TANDEM_AVAILABLE_IN_ALL
TandemRep *tandem_draw_get_rep (TandemDraw *self);
TANDEM_AVAILABLE_IN_ALL
TandemMoney *tandem_draw_get_amount (TandemDraw *self);
TANDEM_AVAILABLE_IN_ALL
const char *tandem_draw_get_from (TandemDraw *self);
TANDEM_AVAILABLE_IN_ALL
const char *tandem_draw_get_until (TandemDraw *self);
TANDEM_AVAILABLE_IN_ALL
gboolean tandem_draw_get_recoverable (TandemDraw *self);
TANDEM_AVAILABLE_IN_ALL
TandemMoney *tandem_draw_get_balance (TandemDraw *self);

#define TANDEM_TYPE_EXCHANGE_RATE (tandem_exchange_rate_get_type ())
TANDEM_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (TandemExchangeRate, tandem_exchange_rate, TANDEM, EXCHANGE_RATE, GObject)

TANDEM_AVAILABLE_IN_ALL
const char *tandem_exchange_rate_get_from_currency (TandemExchangeRate *self);
TANDEM_AVAILABLE_IN_ALL
const char *tandem_exchange_rate_get_to_currency (TandemExchangeRate *self);
TANDEM_AVAILABLE_IN_ALL
const char *tandem_exchange_rate_get_rate (TandemExchangeRate *self);
TANDEM_AVAILABLE_IN_ALL
GDateTime *tandem_exchange_rate_get_since (TandemExchangeRate *self);

TANDEM_AVAILABLE_IN_ALL
gboolean tandem_store_add_plan_version (TandemStore  *self,
                                        TandemPlan   *plan,
                                        TandemPeriod *from,
                                        guint        *version,
                                        GError      **error);
TANDEM_AVAILABLE_IN_ALL
TandemPlan *tandem_store_get_plan_at (TandemStore  *self,
                                      const char   *name,
                                      TandemPeriod *period,
                                      GError      **error) G_GNUC_WARN_UNUSED_RESULT;
TANDEM_AVAILABLE_IN_ALL
GListModel *tandem_store_list_plan_versions (TandemStore *self,
                                             GError     **error) G_GNUC_WARN_UNUSED_RESULT;
TANDEM_AVAILABLE_IN_ALL
gboolean tandem_store_set_default_plan (TandemStore *self, const char *name, GError **error);
TANDEM_AVAILABLE_IN_ALL
char *tandem_store_resolve_plan_name (TandemStore *self,
                                      const char  *name,
                                      GError     **error) G_GNUC_WARN_UNUSED_RESULT;
TANDEM_AVAILABLE_IN_ALL
char *tandem_store_get_default_plan (TandemStore *self, GError **error) G_GNUC_WARN_UNUSED_RESULT;
TANDEM_AVAILABLE_IN_ALL
gboolean tandem_store_assign_plan (TandemStore  *self,
                                   TandemTeam   *team,
                                   const char   *name,
                                   TandemPeriod *from,
                                   GError      **error);
TANDEM_AVAILABLE_IN_ALL
char *tandem_store_get_team_plan (TandemStore  *self,
                                  TandemTeam   *team,
                                  TandemPeriod *period,
                                  GError      **error) G_GNUC_WARN_UNUSED_RESULT;

TANDEM_AVAILABLE_IN_ALL
gboolean tandem_store_set_target (TandemStore  *self,
                                  TandemTeam   *team,
                                  TandemPeriod *period,
                                  TandemMoney  *amount,
                                  GError      **error);
TANDEM_AVAILABLE_IN_ALL
gboolean tandem_store_ramp_target (TandemStore  *self,
                                   TandemTeam   *team,
                                   TandemPeriod *from,
                                   const guint  *steps,
                                   guint         n_steps,
                                   GError      **error);
TANDEM_AVAILABLE_IN_ALL
GListModel *tandem_store_list_targets (TandemStore *self,
                                       TandemTeam  *team,
                                       GError     **error) G_GNUC_WARN_UNUSED_RESULT;

TANDEM_AVAILABLE_IN_ALL
TandemDraw *tandem_store_set_draw (TandemStore  *self,
                                   TandemRep    *rep,
                                   TandemMoney  *amount,
                                   TandemPeriod *from,
                                   TandemPeriod *until,
                                   gboolean      recoverable,
                                   GError      **error) G_GNUC_WARN_UNUSED_RESULT;
TANDEM_AVAILABLE_IN_ALL
GListModel *tandem_store_list_draws (TandemStore *self, GError **error) G_GNUC_WARN_UNUSED_RESULT;

TANDEM_AVAILABLE_IN_ALL
gboolean tandem_store_set_exchange_rate (TandemStore *self,
                                         const char  *from_currency,
                                         const char  *to_currency,
                                         const char  *rate,
                                         GDateTime   *since,
                                         GError     **error);
TANDEM_AVAILABLE_IN_ALL
GListModel *tandem_store_list_exchange_rates (TandemStore *self,
                                              GError     **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
