/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-classify.h: A/B/C/D classification of accounts and the yearly clean-up */

#pragma once

#if !defined(TANDEM_INSIDE) && !defined(TANDEM_COMPILATION)
#error "Only <tandem.h> can be included directly."
#endif

#include <gio/gio.h>

#include "tandem-account.h"
#include "tandem-money.h"
#include "tandem-store.h"
#include "tandem-version-macros.h"
#include "tandem-types.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_CLASSIFICATION (tandem_classification_get_type ())
TANDEM_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (TandemClassification, tandem_classification, TANDEM, CLASSIFICATION, GObject)

TANDEM_AVAILABLE_IN_ALL
TandemAccount *tandem_classification_get_account (TandemClassification *self);
TANDEM_AVAILABLE_IN_ALL
TandemMoney *tandem_classification_get_revenue (TandemClassification *self);
TANDEM_AVAILABLE_IN_ALL
guint tandem_classification_get_share (TandemClassification *self);
TANDEM_AVAILABLE_IN_ALL
guint tandem_classification_get_cumulative_share (TandemClassification *self);
TANDEM_AVAILABLE_IN_ALL
TandemCategory tandem_classification_get_category (TandemClassification *self);
TANDEM_AVAILABLE_IN_ALL
TandemCategory tandem_classification_get_previous_category (TandemClassification *self);

TANDEM_AVAILABLE_IN_ALL
GListModel *tandem_classification_compute (TandemStore *self,
                                           GDateTime   *since,
                                           GDateTime   *until,
                                           const char  *currency,
                                           guint        a_share,
                                           guint        b_share,
                                           guint        c_share,
                                           gboolean     apply,
                                           GError     **error) G_GNUC_WARN_UNUSED_RESULT;
TANDEM_AVAILABLE_IN_ALL
GListModel *tandem_classification_clean_up (TandemStore *self,
                                            gboolean     confirm,
                                            GError     **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
