/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-support.h: support requests with an owner, a due date and a queue */

#pragma once

#if !defined(TANDEM_INSIDE) && !defined(TANDEM_COMPILATION)
#error "Only <tandem.h> can be included directly."
#endif

#include <gio/gio.h>

#include "tandem-account.h"
#include "tandem-activity.h"
#include "tandem-rep.h"
#include "tandem-store.h"
#include "tandem-version-macros.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_SUPPORT_REQUEST (tandem_support_request_get_type ())
TANDEM_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (TandemSupportRequest,
                      tandem_support_request,
                      TANDEM,
                      SUPPORT_REQUEST,
                      GObject)

TANDEM_AVAILABLE_IN_ALL
TandemActivity *tandem_support_request_get_activity (TandemSupportRequest *self);
TANDEM_AVAILABLE_IN_ALL
TandemRep *tandem_support_request_get_owner (TandemSupportRequest *self);
TANDEM_AVAILABLE_IN_ALL
const char *tandem_support_request_get_queue (TandemSupportRequest *self);
TANDEM_AVAILABLE_IN_ALL
GDateTime *tandem_support_request_get_opened_at (TandemSupportRequest *self);
TANDEM_AVAILABLE_IN_ALL
GDateTime *tandem_support_request_get_due_at (TandemSupportRequest *self);
TANDEM_AVAILABLE_IN_ALL
gboolean tandem_support_request_get_closed (TandemSupportRequest *self);
TANDEM_AVAILABLE_IN_ALL
TandemRep *tandem_support_request_get_closed_by (TandemSupportRequest *self);
TANDEM_AVAILABLE_IN_ALL
GDateTime *tandem_support_request_get_closed_at (TandemSupportRequest *self);

TANDEM_AVAILABLE_IN_ALL
TandemSupportRequest *tandem_support_request_open (TandemStore   *self,
                                                   TandemAccount *account,
                                                   TandemRep     *owner,
                                                   const char    *queue,
                                                   GDateTime     *opened_at,
                                                   GDateTime     *due_at,
                                                   const char    *note,
                                                   GError       **error) G_GNUC_WARN_UNUSED_RESULT;
TANDEM_AVAILABLE_IN_ALL
GListModel *tandem_support_request_list_queue (TandemStore *self,
                                               const char  *queue,
                                               gboolean     include_closed,
                                               GError     **error) G_GNUC_WARN_UNUSED_RESULT;
TANDEM_AVAILABLE_IN_ALL
GListModel *tandem_support_request_list_overdue (TandemStore *self,
                                                 GDateTime   *at,
                                                 GError     **error) G_GNUC_WARN_UNUSED_RESULT;
TANDEM_AVAILABLE_IN_ALL
gboolean tandem_support_request_close (TandemStore          *self,
                                       TandemSupportRequest *request,
                                       TandemRep            *closed_by,
                                       GDateTime            *at,
                                       GError              **error);

G_END_DECLS
