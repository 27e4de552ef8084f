/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-payout-line.h: one line of a settlement: a rep's amount of one kind, with its explanation
 */

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
 * @TANDEM_LINE_KIND_SPIFF: a SPIF, a short sales incentive per unit sold of a product or
 * category (a plan's `[Spiff NAME]` group)
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
  TANDEM_LINE_KIND_SPIFF,
} TandemLineKind;

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

G_END_DECLS
