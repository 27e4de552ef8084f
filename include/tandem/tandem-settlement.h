/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-settlement.h: commission and bonus settlements per period, and their approval, payment and
 * closing */

#pragma once

#if !defined(TANDEM_INSIDE) && !defined(TANDEM_COMPILATION)
#error "Only <tandem.h> can be included directly."
#endif

#include <gio/gio.h>

#include "tandem-activity.h"
#include "tandem-money.h"
#include "tandem-payout-line.h"
#include "tandem-plan.h"
#include "tandem-rep.h"
#include "tandem-team-result.h"
#include "tandem-store.h"
#include "tandem-team.h"
#include "tandem-version-macros.h"

G_BEGIN_DECLS

/**
 * TandemSettlementState:
 * @TANDEM_SETTLEMENT_STATE_DRAFT: computed from the current data; may change
 * @TANDEM_SETTLEMENT_STATE_CLOSED: frozen by [func@Tandem.Settlement.close]; never changes
 * @TANDEM_SETTLEMENT_STATE_APPROVED: closed, and approved for payment by
 *   [func@Tandem.Settlement.approve]
 * @TANDEM_SETTLEMENT_STATE_PAID: approved, and marked paid by [func@Tandem.Settlement.pay]
 *
 * Where a settlement stands. States only move forward: draft, closed,
 * approved, paid; the nicks ("draft", "closed", "approved", "paid") are
 * the names in JSON.
 *
 * Since: 1.0
 */
typedef enum
{
  TANDEM_SETTLEMENT_STATE_DRAFT,
  TANDEM_SETTLEMENT_STATE_CLOSED,
  TANDEM_SETTLEMENT_STATE_APPROVED,
  TANDEM_SETTLEMENT_STATE_PAID,
} TandemSettlementState;

#define TANDEM_TYPE_SETTLEMENT (tandem_settlement_get_type ())

TANDEM_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (TandemSettlement, tandem_settlement, TANDEM, SETTLEMENT, GObject)

TANDEM_AVAILABLE_IN_ALL
const char *tandem_settlement_get_plan_name (TandemSettlement *self);

TANDEM_AVAILABLE_IN_ALL
guint tandem_settlement_get_plan_version (TandemSettlement *self);

TANDEM_AVAILABLE_IN_ALL
TandemPeriod *tandem_settlement_get_period (TandemSettlement *self);

TANDEM_AVAILABLE_IN_ALL
TandemSettlementState tandem_settlement_get_state (TandemSettlement *self);

TANDEM_AVAILABLE_IN_ALL
gboolean tandem_settlement_get_transition (TandemSettlement     *self,
                                           TandemSettlementState state,
                                           const char          **who,
                                           GDateTime           **when);

TANDEM_AVAILABLE_IN_ALL
GListModel *tandem_settlement_get_lines (TandemSettlement *self);

TANDEM_AVAILABLE_IN_ALL
GListModel *tandem_settlement_get_lines_for_rep (TandemSettlement *self, TandemRep *rep);

TANDEM_AVAILABLE_IN_ALL
gboolean tandem_settlement_includes_rep (TandemSettlement *self, TandemRep *rep);

TANDEM_AVAILABLE_IN_ALL
GListModel *tandem_settlement_get_reps (TandemSettlement *self);

TANDEM_AVAILABLE_IN_ALL
GListModel *tandem_settlement_get_team_results (TandemSettlement *self);

TANDEM_AVAILABLE_IN_ALL
TandemMoney *tandem_settlement_get_total_for_rep (TandemSettlement *self, TandemRep *rep);

TANDEM_AVAILABLE_IN_ALL
TandemMoney *tandem_settlement_get_total (TandemSettlement *self);

TANDEM_AVAILABLE_IN_ALL
TandemMoney *tandem_settlement_get_held_for_rep (TandemSettlement *self, TandemRep *rep);

TANDEM_AVAILABLE_IN_ALL
TandemMoney *tandem_settlement_get_held (TandemSettlement *self);

TANDEM_AVAILABLE_IN_ALL
char *tandem_settlement_to_json (TandemSettlement *self) G_GNUC_WARN_UNUSED_RESULT;

TANDEM_AVAILABLE_IN_ALL
gboolean tandem_settlement_write_json (TandemSettlement *self,
                                       GOutputStream    *stream,
                                       GCancellable     *cancellable,
                                       GError          **error);

TANDEM_AVAILABLE_IN_ALL
char *tandem_settlement_lines_to_json (TandemSettlement *self,
                                       guint             first,
                                       guint             n) G_GNUC_WARN_UNUSED_RESULT;

TANDEM_AVAILABLE_IN_ALL
gboolean tandem_settlement_write_statement_pdf (TandemSettlement *self,
                                                TandemRep        *rep,
                                                GOutputStream    *stream,
                                                GCancellable     *cancellable,
                                                GError          **error);

TANDEM_AVAILABLE_IN_ALL
TandemSettlement *tandem_settlement_new (TandemStore  *self,
                                         TandemPlan   *plan,
                                         TandemPeriod *period,
                                         GError      **error) G_GNUC_WARN_UNUSED_RESULT;

TANDEM_AVAILABLE_IN_ALL
void tandem_settlement_compute_async (TandemStore        *self,
                                      TandemPlan         *plan,
                                      TandemPeriod       *period,
                                      GCancellable       *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer            user_data);

TANDEM_AVAILABLE_IN_ALL
TandemSettlement *tandem_settlement_compute_finish (GAsyncResult *result,
                                                    GError      **error) G_GNUC_WARN_UNUSED_RESULT;

TANDEM_AVAILABLE_IN_ALL
TandemSettlement *tandem_settlement_approve (TandemStore  *self,
                                             TandemPlan   *plan,
                                             TandemPeriod *period,
                                             GError      **error) G_GNUC_WARN_UNUSED_RESULT;

TANDEM_AVAILABLE_IN_ALL
TandemSettlement *tandem_settlement_pay (TandemStore  *self,
                                         TandemPlan   *plan,
                                         TandemPeriod *period,
                                         GError      **error) G_GNUC_WARN_UNUSED_RESULT;

TANDEM_AVAILABLE_IN_ALL
TandemSettlement *tandem_settlement_close (TandemStore  *self,
                                           TandemPlan   *plan,
                                           TandemPeriod *period,
                                           GError      **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
