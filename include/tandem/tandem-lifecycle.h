/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-lifecycle.h: accounts moving from prospect to customer to regular
 * customer (or lost) as orders arrive, and conversion rates */

#pragma once

#if !defined(TANDEM_INSIDE) && !defined(TANDEM_COMPILATION)
#error "Only <tandem.h> can be included directly."
#endif

#include <gio/gio.h>

#include "tandem-store.h"
#include "tandem-team.h"
#include "tandem-version-macros.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_LIFECYCLE_RULES (tandem_lifecycle_rules_get_type ())
TANDEM_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (TandemLifecycleRules,
                      tandem_lifecycle_rules,
                      TANDEM,
                      LIFECYCLE_RULES,
                      GObject)

TANDEM_AVAILABLE_IN_ALL
TandemLifecycleRules *tandem_lifecycle_rules_new (void) G_GNUC_WARN_UNUSED_RESULT;
TANDEM_AVAILABLE_IN_ALL
TandemLifecycleRules *tandem_lifecycle_rules_new_from_data (const char *data,
                                                            gssize      length,
                                                            GError    **error)
    G_GNUC_WARN_UNUSED_RESULT;
TANDEM_AVAILABLE_IN_ALL
guint tandem_lifecycle_rules_get_regular_orders (TandemLifecycleRules *self);
TANDEM_AVAILABLE_IN_ALL
void tandem_lifecycle_rules_set_regular_orders (TandemLifecycleRules *self, guint regular_orders);
TANDEM_AVAILABLE_IN_ALL
guint tandem_lifecycle_rules_get_regular_months (TandemLifecycleRules *self);
TANDEM_AVAILABLE_IN_ALL
void tandem_lifecycle_rules_set_regular_months (TandemLifecycleRules *self, guint regular_months);
TANDEM_AVAILABLE_IN_ALL
guint tandem_lifecycle_rules_get_lost_after_days (TandemLifecycleRules *self);
TANDEM_AVAILABLE_IN_ALL
void tandem_lifecycle_rules_set_lost_after_days (TandemLifecycleRules *self, guint lost_after_days);
TANDEM_AVAILABLE_IN_ALL
gboolean tandem_lifecycle_rules_validate (TandemLifecycleRules *self, GError **error);

TANDEM_AVAILABLE_IN_ALL
TandemLifecycleRules *tandem_lifecycle_rules_load (TandemStore *self,
                                                   GError     **error) G_GNUC_WARN_UNUSED_RESULT;
TANDEM_AVAILABLE_IN_ALL
gboolean tandem_lifecycle_rules_save (TandemStore          *self,
                                      TandemLifecycleRules *rules,
                                      GError              **error);
TANDEM_AVAILABLE_IN_ALL
GListModel *tandem_lifecycle_rules_apply (TandemStore *self,
                                          GDateTime   *at,
                                          GError     **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
