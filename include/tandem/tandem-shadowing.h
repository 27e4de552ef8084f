/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-shadowing.h: mutual shadowing within a tandem */

#pragma once

#if !defined(TANDEM_INSIDE) && !defined(TANDEM_COMPILATION)
#error "Only <tandem.h> can be included directly."
#endif

#include <gio/gio.h>

#include "tandem-account.h"
#include "tandem-activity.h"
#include "tandem-rep.h"
#include "tandem-store.h"
#include "tandem-team.h"
#include "tandem-version-macros.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_SHADOWING_STATUS (tandem_shadowing_status_get_type ())
TANDEM_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (TandemShadowingStatus,
                      tandem_shadowing_status,
                      TANDEM,
                      SHADOWING_STATUS,
                      GObject)

TANDEM_AVAILABLE_IN_ALL
TandemTeam *tandem_shadowing_status_get_team (TandemShadowingStatus *self);
TANDEM_AVAILABLE_IN_ALL
gboolean tandem_shadowing_status_get_ride_along (TandemShadowingStatus *self);
TANDEM_AVAILABLE_IN_ALL
guint tandem_shadowing_status_get_ride_along_minutes (TandemShadowingStatus *self);
TANDEM_AVAILABLE_IN_ALL
gboolean tandem_shadowing_status_get_sit_in (TandemShadowingStatus *self);
TANDEM_AVAILABLE_IN_ALL
guint tandem_shadowing_status_get_sit_in_minutes (TandemShadowingStatus *self);
TANDEM_AVAILABLE_IN_ALL
gboolean tandem_shadowing_status_get_complete (TandemShadowingStatus *self);

TANDEM_AVAILABLE_IN_ALL
TandemActivity *tandem_shadowing_status_log (TandemStore   *self,
                                             TandemAccount *account,
                                             TandemRep     *guest,
                                             TandemRep     *host,
                                             GDateTime     *at,
                                             guint          minutes,
                                             const char    *note,
                                             GError       **error) G_GNUC_WARN_UNUSED_RESULT;
TANDEM_AVAILABLE_IN_ALL
GListModel *tandem_shadowing_status_list (TandemStore *self,
                                          gboolean     missing_only,
                                          GError     **error) G_GNUC_WARN_UNUSED_RESULT;
TANDEM_AVAILABLE_IN_ALL
GListModel *tandem_shadowing_status_list_between (TandemStore *self,
                                                  GDateTime   *since,
                                                  GDateTime   *until,
                                                  gboolean     missing_only,
                                                  GError     **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
