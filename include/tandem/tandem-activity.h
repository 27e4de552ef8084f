/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-activity.h: something a rep did for an account */

#pragma once

#if !defined(TANDEM_INSIDE) && !defined(TANDEM_COMPILATION)
#error "Only <tandem.h> can be included directly."
#endif

#include <glib-object.h>

#include "tandem-account.h"
#include "tandem-money.h"
#include "tandem-rep.h"
#include "tandem-types.h"
#include "tandem-version-macros.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_ACTIVITY (tandem_activity_get_type ())
TANDEM_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (TandemActivity, tandem_activity, TANDEM, ACTIVITY, GObject)

TANDEM_AVAILABLE_IN_ALL
TandemActivity *tandem_activity_new (TandemAccount     *account,
                                     TandemRep         *rep,
                                     TandemActivityKind kind,
                                     TandemMoney       *amount,
                                     GDateTime         *occurred_at,
                                     GError           **error) G_GNUC_WARN_UNUSED_RESULT;
TANDEM_AVAILABLE_IN_ALL
TandemActivity *tandem_activity_new_reversal (TandemActivity *reverses,
                                              TandemRep      *rep,
                                              TandemMoney    *amount,
                                              GDateTime      *occurred_at,
                                              GError        **error) G_GNUC_WARN_UNUSED_RESULT;
TANDEM_AVAILABLE_IN_ALL
TandemActivity *tandem_activity_new_payment (TandemActivity *pays,
                                             TandemRep      *rep,
                                             TandemMoney    *amount,
                                             GDateTime      *occurred_at,
                                             GError        **error) G_GNUC_WARN_UNUSED_RESULT;
TANDEM_AVAILABLE_IN_ALL
gint64 tandem_activity_get_id (TandemActivity *self);
TANDEM_AVAILABLE_IN_ALL
TandemAccount *tandem_activity_get_account (TandemActivity *self);
TANDEM_AVAILABLE_IN_ALL
TandemRep *tandem_activity_get_rep (TandemActivity *self);
TANDEM_AVAILABLE_IN_ALL
TandemActivityKind tandem_activity_get_kind (TandemActivity *self);
TANDEM_AVAILABLE_IN_ALL
TandemMoney *tandem_activity_get_amount (TandemActivity *self);
TANDEM_AVAILABLE_IN_ALL
GDateTime *tandem_activity_get_occurred_at (TandemActivity *self);
TANDEM_AVAILABLE_IN_ALL
const char *tandem_activity_get_external_ref (TandemActivity *self);
TANDEM_AVAILABLE_IN_ALL
void tandem_activity_set_external_ref (TandemActivity *self, const char *external_ref);
TANDEM_AVAILABLE_IN_ALL
TandemActivity *tandem_activity_get_reverses (TandemActivity *self);
TANDEM_AVAILABLE_IN_ALL
TandemActivity *tandem_activity_get_pays (TandemActivity *self);
TANDEM_AVAILABLE_IN_ALL
const char *tandem_activity_get_note (TandemActivity *self);
TANDEM_AVAILABLE_IN_ALL
void tandem_activity_set_note (TandemActivity *self, const char *note);

TANDEM_AVAILABLE_IN_ALL
const char *tandem_activity_get_product (TandemActivity *self);

TANDEM_AVAILABLE_IN_ALL
void tandem_activity_set_product (TandemActivity *self, const char *product);

TANDEM_AVAILABLE_IN_ALL
const char *tandem_activity_get_category (TandemActivity *self);

TANDEM_AVAILABLE_IN_ALL
void tandem_activity_set_category (TandemActivity *self, const char *category);

TANDEM_AVAILABLE_IN_ALL
guint tandem_activity_get_quantity (TandemActivity *self);

TANDEM_AVAILABLE_IN_ALL
void tandem_activity_set_quantity (TandemActivity *self, guint quantity);

TANDEM_AVAILABLE_IN_ALL
TandemMoney *tandem_activity_get_cost (TandemActivity *self);

TANDEM_AVAILABLE_IN_ALL
void tandem_activity_set_cost (TandemActivity *self, TandemMoney *cost);
TANDEM_AVAILABLE_IN_ALL
gboolean tandem_activity_validate (TandemActivity *self, GError **error);

G_END_DECLS
