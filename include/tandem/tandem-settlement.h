/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-settlement.h: commission and bonus settlements per period */

#pragma once

#if !defined(TANDEM_INSIDE) && !defined(TANDEM_COMPILATION)
#error "Only <tandem.h> can be included directly."
#endif

#include <gio/gio.h>

#include "tandem-activity.h"
#include "tandem-money.h"
#include "tandem-plan.h"
#include "tandem-rep.h"
#include "tandem-store.h"
#include "tandem-team.h"
#include "tandem-version-macros.h"

G_BEGIN_DECLS

/**
 * TandemLineKind:
 * @TANDEM_LINE_KIND_COMMISSION: a rep's share of an activity's commission
 * @TANDEM_LINE_KIND_ACCELERATOR: the extra commission on revenue above the accelerator threshold
 * @TANDEM_LINE_KIND_TEAM_BONUS: a share of the tandem's team bonus
 * @TANDEM_LINE_KIND_REFERRAL_BONUS: a share of a referral bonus
 * @TANDEM_LINE_KIND_CLAWBACK: commission taken back after a reversal
 * @TANDEM_LINE_KIND_CAP: the cut that keeps a rep's total at the cap
 * @TANDEM_LINE_KIND_ADJUSTMENT: a note or correction, such as a reversal outside the clawback
 * window
 * @TANDEM_LINE_KIND_DRAW: the top-up of a rep's period total to the draw's amount
 * @TANDEM_LINE_KIND_DRAW_RECOVERY: what a recoverable draw takes back from a later excess
 *
 * The kinds of payout lines. The nicks ("commission", "team-bonus", …)
 * are the names in JSON.
 *
 * Since: 1.0
 */
typedef enum
{
  TANDEM_LINE_KIND_COMMISSION,
  TANDEM_LINE_KIND_ACCELERATOR,
  TANDEM_LINE_KIND_TEAM_BONUS,
  TANDEM_LINE_KIND_REFERRAL_BONUS,
  TANDEM_LINE_KIND_CLAWBACK,
  TANDEM_LINE_KIND_CAP,
  TANDEM_LINE_KIND_ADJUSTMENT,
  TANDEM_LINE_KIND_DRAW,
  TANDEM_LINE_KIND_DRAW_RECOVERY,
} TandemLineKind;

/**
 * TandemSettlementState:
 * @TANDEM_SETTLEMENT_STATE_DRAFT: computed from the current data; may change
 * @TANDEM_SETTLEMENT_STATE_CLOSED: frozen by [method@Tandem.Store.close_period]; never changes
 * @TANDEM_SETTLEMENT_STATE_APPROVED: closed, and approved for payment by
 *   [method@Tandem.Store.approve_period]
 * @TANDEM_SETTLEMENT_STATE_PAID: approved, and marked paid by [method@Tandem.Store.pay_period]
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

#define TANDEM_TYPE_PAYOUT_LINE (tandem_payout_line_get_type ())
TANDEM_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (TandemPayoutLine, tandem_payout_line, TANDEM, PAYOUT_LINE, GObject)

TANDEM_AVAILABLE_IN_ALL
TandemRep *tandem_payout_line_get_rep (TandemPayoutLine *self);
TANDEM_AVAILABLE_IN_ALL
TandemLineKind tandem_payout_line_get_kind (TandemPayoutLine *self);
TANDEM_AVAILABLE_IN_ALL
TandemMoney *tandem_payout_line_get_amount (TandemPayoutLine *self);
TANDEM_AVAILABLE_IN_ALL
gint64 tandem_payout_line_get_activity_id (TandemPayoutLine *self);
TANDEM_AVAILABLE_IN_ALL
TandemActivity *tandem_payout_line_get_activity (TandemPayoutLine *self);
TANDEM_AVAILABLE_IN_ALL
const char *tandem_payout_line_get_explanation (TandemPayoutLine *self);

#define TANDEM_TYPE_TEAM_RESULT (tandem_team_result_get_type ())
TANDEM_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (TandemTeamResult, tandem_team_result, TANDEM, TEAM_RESULT, GObject)

TANDEM_AVAILABLE_IN_ALL
TandemTeam *tandem_team_result_get_team (TandemTeamResult *self);
TANDEM_AVAILABLE_IN_ALL
TandemMoney *tandem_team_result_get_revenue (TandemTeamResult *self);
TANDEM_AVAILABLE_IN_ALL
TandemMoney *tandem_team_result_get_target (TandemTeamResult *self);
TANDEM_AVAILABLE_IN_ALL
int tandem_team_result_get_attainment (TandemTeamResult *self);
TANDEM_AVAILABLE_IN_ALL
TandemMoney *tandem_team_result_get_payout (TandemTeamResult *self);

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
gboolean tandem_store_add_plan (TandemStore *self, TandemPlan *plan, GError **error);
TANDEM_AVAILABLE_IN_ALL
TandemPlan *tandem_store_get_plan (TandemStore *self,
                                   const char  *name,
                                   GError     **error) G_GNUC_WARN_UNUSED_RESULT;
TANDEM_AVAILABLE_IN_ALL
char **tandem_store_list_plans (TandemStore *self, GError **error) G_GNUC_WARN_UNUSED_RESULT;
TANDEM_AVAILABLE_IN_ALL
TandemSettlement *tandem_store_settle (TandemStore  *self,
                                       TandemPlan   *plan,
                                       TandemPeriod *period,
                                       GError      **error) G_GNUC_WARN_UNUSED_RESULT;
TANDEM_AVAILABLE_IN_ALL
void tandem_store_settle_async (TandemStore        *self,
                                TandemPlan         *plan,
                                TandemPeriod       *period,
                                GCancellable       *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer            user_data);
TANDEM_AVAILABLE_IN_ALL
TandemSettlement *tandem_store_settle_finish (TandemStore  *self,
                                              GAsyncResult *result,
                                              GError      **error) G_GNUC_WARN_UNUSED_RESULT;
TANDEM_AVAILABLE_IN_ALL
TandemSettlement *tandem_store_approve_period (TandemStore  *self,
                                               TandemPlan   *plan,
                                               TandemPeriod *period,
                                               GError      **error) G_GNUC_WARN_UNUSED_RESULT;
TANDEM_AVAILABLE_IN_ALL
TandemSettlement *tandem_store_pay_period (TandemStore  *self,
                                           TandemPlan   *plan,
                                           TandemPeriod *period,
                                           GError      **error) G_GNUC_WARN_UNUSED_RESULT;
TANDEM_AVAILABLE_IN_ALL
TandemSettlement *tandem_store_close_period (TandemStore  *self,
                                             TandemPlan   *plan,
                                             TandemPeriod *period,
                                             GError      **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
