/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-dispute.h: a rep's dispute about a settlement, and its resolution */

#pragma once

#if !defined(TANDEM_INSIDE) && !defined(TANDEM_COMPILATION)
#error "Only <tandem.h> can be included directly."
#endif

#include <gio/gio.h>

#include "tandem-money.h"
#include "tandem-plan.h"
#include "tandem-rep.h"
#include "tandem-store.h"
#include "tandem-version-macros.h"

G_BEGIN_DECLS

/**
 * TandemDisputeState:
 * @TANDEM_DISPUTE_STATE_OPEN: waiting for a manager
 * @TANDEM_DISPUTE_STATE_ACCEPTED: accepted: an adjustment went into an open period
 * @TANDEM_DISPUTE_STATE_REJECTED: rejected with a note
 *
 * Where a dispute stands; it is resolved once.
 *
 * Since: 1.0
 */
typedef enum
{
  TANDEM_DISPUTE_STATE_OPEN,
  TANDEM_DISPUTE_STATE_ACCEPTED,
  TANDEM_DISPUTE_STATE_REJECTED,
} TandemDisputeState;

#define TANDEM_TYPE_DISPUTE (tandem_dispute_get_type ())
TANDEM_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (TandemDispute, tandem_dispute, TANDEM, DISPUTE, GObject)

TANDEM_AVAILABLE_IN_ALL
gint64 tandem_dispute_get_id (TandemDispute *self);
TANDEM_AVAILABLE_IN_ALL
TandemRep *tandem_dispute_get_rep (TandemDispute *self);
TANDEM_AVAILABLE_IN_ALL
const char *tandem_dispute_get_plan (TandemDispute *self);
TANDEM_AVAILABLE_IN_ALL
const char *tandem_dispute_get_period (TandemDispute *self);
TANDEM_AVAILABLE_IN_ALL
gint64 tandem_dispute_get_activity_id (TandemDispute *self);
TANDEM_AVAILABLE_IN_ALL
const char *tandem_dispute_get_reason (TandemDispute *self);
TANDEM_AVAILABLE_IN_ALL
TandemDisputeState tandem_dispute_get_state (TandemDispute *self);
TANDEM_AVAILABLE_IN_ALL
const char *tandem_dispute_get_opened_by (TandemDispute *self);
TANDEM_AVAILABLE_IN_ALL
GDateTime *tandem_dispute_get_opened_at (TandemDispute *self);
TANDEM_AVAILABLE_IN_ALL
const char *tandem_dispute_get_resolved_by (TandemDispute *self);
TANDEM_AVAILABLE_IN_ALL
GDateTime *tandem_dispute_get_resolved_at (TandemDispute *self);
TANDEM_AVAILABLE_IN_ALL
const char *tandem_dispute_get_note (TandemDispute *self);
TANDEM_AVAILABLE_IN_ALL
TandemMoney *tandem_dispute_get_amount (TandemDispute *self);
TANDEM_AVAILABLE_IN_ALL
const char *tandem_dispute_get_into (TandemDispute *self);

TANDEM_AVAILABLE_IN_ALL
TandemDispute *tandem_dispute_open (TandemStore  *self,
                                    TandemRep    *rep,
                                    const char   *plan,
                                    TandemPeriod *period,
                                    gint64        activity_id,
                                    const char   *reason,
                                    GError      **error) G_GNUC_WARN_UNUSED_RESULT;
TANDEM_AVAILABLE_IN_ALL
GListModel *tandem_dispute_list (TandemStore *self,
                                 gboolean     open_only,
                                 GError     **error) G_GNUC_WARN_UNUSED_RESULT;
TANDEM_AVAILABLE_IN_ALL
TandemDispute *tandem_dispute_accept (TandemStore  *self,
                                      gint64        id,
                                      TandemMoney  *amount,
                                      TandemPeriod *into,
                                      const char   *note,
                                      GError      **error) G_GNUC_WARN_UNUSED_RESULT;
TANDEM_AVAILABLE_IN_ALL
TandemDispute *tandem_dispute_reject (TandemStore *self,
                                      gint64       id,
                                      const char  *note,
                                      GError     **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
