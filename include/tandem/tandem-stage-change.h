/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-stage-change.h: an account's move from one stage to another, as the store keeps them */

#pragma once

#if !defined(TANDEM_INSIDE) && !defined(TANDEM_COMPILATION)
#error "Only <tandem.h> can be included directly."
#endif

#include <glib-object.h>
#include <gio/gio.h>

#include "tandem-account.h"
#include "tandem-activity-filter.h"
#include "tandem-activity.h"
#include "tandem-import.h"
#include "tandem-rep.h"
#include "tandem-team.h"
#include "tandem-types.h"
#include "tandem-version-macros.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_STAGE_CHANGE (tandem_stage_change_get_type ())

TANDEM_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (TandemStageChange, tandem_stage_change, TANDEM, STAGE_CHANGE, GObject)

TANDEM_AVAILABLE_IN_ALL
gint64 tandem_stage_change_get_account_id (TandemStageChange *self);

TANDEM_AVAILABLE_IN_ALL
TandemAccountStage tandem_stage_change_get_stage (TandemStageChange *self);

TANDEM_AVAILABLE_IN_ALL
GDateTime *tandem_stage_change_get_changed_at (TandemStageChange *self);

TANDEM_AVAILABLE_IN_ALL
TandemStageCause tandem_stage_change_get_cause (TandemStageChange *self);

TANDEM_AVAILABLE_IN_ALL
gint64 tandem_stage_change_get_activity_id (TandemStageChange *self);

TANDEM_AVAILABLE_IN_ALL
GListModel *tandem_stage_change_list (TandemStore   *self,
                                      TandemAccount *account,
                                      GError       **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
