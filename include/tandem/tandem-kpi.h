/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-kpi.h: key figures per tandem and period */

#pragma once

#if !defined(TANDEM_INSIDE) && !defined(TANDEM_COMPILATION)
#error "Only <tandem.h> can be included directly."
#endif

#include <gio/gio.h>

#include "tandem-conversion.h"
#include "tandem-lifecycle.h"
#include "tandem-money.h"
#include "tandem-plan.h"
#include "tandem-store.h"
#include "tandem-team.h"
#include "tandem-version-macros.h"
#include "tandem-types.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_KPI (tandem_kpi_get_type ())
TANDEM_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (TandemKpi, tandem_kpi, TANDEM, KPI, GObject)

TANDEM_AVAILABLE_IN_ALL
TandemTeam *tandem_kpi_get_team (TandemKpi *self);
TANDEM_AVAILABLE_IN_ALL
TandemMoney *tandem_kpi_get_revenue (TandemKpi *self);
TANDEM_AVAILABLE_IN_ALL
TandemMoney *tandem_kpi_get_target (TandemKpi *self);
TANDEM_AVAILABLE_IN_ALL
int tandem_kpi_get_attainment (TandemKpi *self);
TANDEM_AVAILABLE_IN_ALL
guint tandem_kpi_get_new_customers (TandemKpi *self);
TANDEM_AVAILABLE_IN_ALL
TandemMoney *tandem_kpi_get_cross_up_revenue (TandemKpi *self);
TANDEM_AVAILABLE_IN_ALL
int tandem_kpi_get_cross_up_share (TandemKpi *self);
TANDEM_AVAILABLE_IN_ALL
guint tandem_kpi_get_referrals_collected (TandemKpi *self);
TANDEM_AVAILABLE_IN_ALL
guint tandem_kpi_get_referrals_converted (TandemKpi *self);
TANDEM_AVAILABLE_IN_ALL
TandemMoney *tandem_kpi_get_inside_revenue (TandemKpi *self);
TANDEM_AVAILABLE_IN_ALL
int tandem_kpi_get_inside_share (TandemKpi *self);
TANDEM_AVAILABLE_IN_ALL
guint tandem_kpi_get_activity_count (TandemKpi *self, TandemActivityKind kind);
TANDEM_AVAILABLE_IN_ALL
TandemConversion *tandem_kpi_get_conversion (TandemKpi *self);

TANDEM_AVAILABLE_IN_ALL
GListModel *tandem_kpi_compute (TandemStore  *self,
                                TandemPlan   *plan,
                                TandemPeriod *period,
                                GError      **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
