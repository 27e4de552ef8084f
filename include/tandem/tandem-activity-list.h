/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-activity-list.h: the paged list of stored activities, and how it reports a failed read */

#pragma once

#if !defined(TANDEM_INSIDE) && !defined(TANDEM_COMPILATION)
#error "Only <tandem.h> can be included directly."
#endif

#include <gio/gio.h>

#include "tandem-version-macros.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_ACTIVITY_LIST (tandem_activity_list_get_type ())

TANDEM_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (TandemActivityList, tandem_activity_list, TANDEM, ACTIVITY_LIST, GObject)

TANDEM_AVAILABLE_IN_ALL
gboolean tandem_activity_list_get_failed (TandemActivityList *self);

TANDEM_AVAILABLE_IN_ALL
gboolean tandem_activity_list_check (TandemActivityList *self, GError **error);

G_END_DECLS
