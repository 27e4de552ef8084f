/* SPDX-License-Identifier: LGPL-2.1-or-later */

#pragma once

#include "tandem-activity.h"

G_BEGIN_DECLS

/* The plain facts of an activity that its rules look at; shared by
 * tandem_activity_validate() and the bulk import, so the rules live once. */
typedef struct
{
  gint64             id;
  TandemActivityKind kind;
  gboolean           has_amount;
  gint64             amount_minor;
  const char        *currency;
  guint              exponent;
  gint64             occurred_at; /* µs since the epoch */
  /* what was sold (sales kinds only) */
  const char *product;
  const char *category;
  gint64      quantity; /* 1 when not given */
  gboolean    has_cost;
  gint64      cost_minor; /* in the amount's currency */
  const char *cost_currency;
} TandemActivityFacts;

gboolean _tandem_activity_check_facts (const TandemActivityFacts *facts,
                                       const TandemActivityFacts *reverses,
                                       gboolean                   same_account,
                                       GError                   **error);

/* Whether activities of @kind are sales (offers, orders, cross-sells,
 * up-sells), which may say what was sold. */
gboolean _tandem_activity_kind_is_sale (TandemActivityKind kind);

/* Whether settlement pays out on activities of @kind: the commissionable
 * kinds and reversals. */
gboolean _tandem_activity_kind_settles (TandemActivityKind kind);

G_END_DECLS
