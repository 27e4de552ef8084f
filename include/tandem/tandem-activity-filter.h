/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-activity-filter.h: which activities a query returns */

#pragma once

#if !defined(TANDEM_INSIDE) && !defined(TANDEM_COMPILATION)
#error "Only <tandem.h> can be included directly."
#endif

#include <glib-object.h>

#include "tandem-account.h"
#include "tandem-rep.h"
#include "tandem-team.h"
#include "tandem-types.h"
#include "tandem-version-macros.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_ACTIVITY_FILTER (tandem_activity_filter_get_type ())
TANDEM_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (TandemActivityFilter,
                      tandem_activity_filter,
                      TANDEM,
                      ACTIVITY_FILTER,
                      GObject)

TANDEM_AVAILABLE_IN_ALL
TandemActivityFilter *tandem_activity_filter_new (void) G_GNUC_WARN_UNUSED_RESULT;
TANDEM_AVAILABLE_IN_ALL
void tandem_activity_filter_set_team (TandemActivityFilter *self, TandemTeam *team);
TANDEM_AVAILABLE_IN_ALL
TandemTeam *tandem_activity_filter_get_team (TandemActivityFilter *self);
TANDEM_AVAILABLE_IN_ALL
void tandem_activity_filter_set_account (TandemActivityFilter *self, TandemAccount *account);
TANDEM_AVAILABLE_IN_ALL
TandemAccount *tandem_activity_filter_get_account (TandemActivityFilter *self);
TANDEM_AVAILABLE_IN_ALL
void tandem_activity_filter_set_rep (TandemActivityFilter *self, TandemRep *rep);
TANDEM_AVAILABLE_IN_ALL
TandemRep *tandem_activity_filter_get_rep (TandemActivityFilter *self);
TANDEM_AVAILABLE_IN_ALL
void tandem_activity_filter_set_kind (TandemActivityFilter *self, TandemActivityKind kind);
TANDEM_AVAILABLE_IN_ALL
void tandem_activity_filter_clear_kind (TandemActivityFilter *self);
TANDEM_AVAILABLE_IN_ALL
gboolean tandem_activity_filter_get_kind (TandemActivityFilter *self, TandemActivityKind *kind);
TANDEM_AVAILABLE_IN_ALL
void tandem_activity_filter_set_range (TandemActivityFilter *self,
                                       GDateTime            *since,
                                       GDateTime            *until);
TANDEM_AVAILABLE_IN_ALL
GDateTime *tandem_activity_filter_get_since (TandemActivityFilter *self);
TANDEM_AVAILABLE_IN_ALL
GDateTime *tandem_activity_filter_get_until (TandemActivityFilter *self);

G_END_DECLS
