/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-history.h: membership and stage history kept by the store */

#pragma once

#if !defined(TANDEM_INSIDE) && !defined(TANDEM_COMPILATION)
#error "Only <tandem.h> can be included directly."
#endif

#include <glib-object.h>

#include "tandem-rep.h"
#include "tandem-types.h"
#include "tandem-version-macros.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_MEMBERSHIP (tandem_membership_get_type ())
TANDEM_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (TandemMembership, tandem_membership, TANDEM, MEMBERSHIP, GObject)

TANDEM_AVAILABLE_IN_ALL
gint64 tandem_membership_get_team_id (TandemMembership *self);
TANDEM_AVAILABLE_IN_ALL
TandemRep *tandem_membership_get_inside_rep (TandemMembership *self);
TANDEM_AVAILABLE_IN_ALL
TandemRep *tandem_membership_get_field_rep (TandemMembership *self);
TANDEM_AVAILABLE_IN_ALL
GDateTime *tandem_membership_get_valid_from (TandemMembership *self);
TANDEM_AVAILABLE_IN_ALL
GDateTime *tandem_membership_get_valid_until (TandemMembership *self);

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

G_END_DECLS
