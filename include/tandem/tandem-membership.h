/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-membership.h: who formed a tandem, and when: the memberships a store keeps */

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

TANDEM_AVAILABLE_IN_ALL
gboolean tandem_membership_set_start (TandemStore *self,
                                      TandemTeam  *team,
                                      GDateTime   *since,
                                      GError     **error);

TANDEM_AVAILABLE_IN_ALL
TandemMembership *tandem_membership_load_at (TandemStore *self,
                                             TandemTeam  *team,
                                             GDateTime   *at,
                                             GError     **error) G_GNUC_WARN_UNUSED_RESULT;

TANDEM_AVAILABLE_IN_ALL
GListModel *tandem_membership_list (TandemStore *self,
                                    TandemTeam  *team,
                                    GError     **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
