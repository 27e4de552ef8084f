/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-plan-version.h: a stored version of a plan and the period it applies from */

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

TANDEM_AVAILABLE_IN_ALL
gboolean tandem_plan_version_add (TandemStore  *self,
                                  TandemPlan   *plan,
                                  TandemPeriod *from,
                                  guint        *version,
                                  GError      **error);

TANDEM_AVAILABLE_IN_ALL
GListModel *tandem_plan_version_list (TandemStore *self, GError **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
