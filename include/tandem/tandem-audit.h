/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-audit.h: the audit trail: who wrote what, when */

#pragma once

#if !defined(TANDEM_INSIDE) && !defined(TANDEM_COMPILATION)
#error "Only <tandem.h> can be included directly."
#endif

#include <gio/gio.h>

#include "tandem-store.h"
#include "tandem-version-macros.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_AUDIT_ENTRY (tandem_audit_entry_get_type ())
TANDEM_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (TandemAuditEntry, tandem_audit_entry, TANDEM, AUDIT_ENTRY, GObject)

TANDEM_AVAILABLE_IN_ALL
gint64 tandem_audit_entry_get_id (TandemAuditEntry *self);
TANDEM_AVAILABLE_IN_ALL
GDateTime *tandem_audit_entry_get_at (TandemAuditEntry *self);
TANDEM_AVAILABLE_IN_ALL
const char *tandem_audit_entry_get_who (TandemAuditEntry *self);
TANDEM_AVAILABLE_IN_ALL
const char *tandem_audit_entry_get_verb (TandemAuditEntry *self);
TANDEM_AVAILABLE_IN_ALL
const char *tandem_audit_entry_get_what (TandemAuditEntry *self);

TANDEM_AVAILABLE_IN_ALL
GListModel *tandem_audit_entry_list (TandemStore *self,
                                     GDateTime   *since,
                                     GError     **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
