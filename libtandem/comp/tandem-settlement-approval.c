/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-settlement-approval.c: a closed settlement period moves forward only:
 * closed → approved → paid, each step once, with who and when */

#include "config.h"

#include <inttypes.h>

#include "tandem-i18n-private.h"

#include "tandem-settlement.h"
#include "tandem-settlement-engine-private.h"
#include "tandem-store-private.h"
#include "tandem-util-private.h"

static gboolean
wrong_state (GError              **error,
             TandemSettlement     *s,
             const char           *label,
             const char           *plan,
             TandemSettlementState to)
{
  const char *who = NULL;
  g_autoptr (GDateTime) when = NULL;
  g_autofree char *at = NULL;
  g_autofree char *shell_plan = _tandem_shell_word (plan);

  if (s->state == TANDEM_SETTLEMENT_STATE_DRAFT)
    g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_WRONG_STATE,
                 to == TANDEM_SETTLEMENT_STATE_APPROVED
                     ? _ ("Period %s of plan “%s” is a draft: close it before approving it "
                          "(tandem close %s --plan %s)")
                     : _ ("Period %s of plan “%s” is a draft: close and approve it before paying "
                          "it (tandem close %s --plan %s)"),
                 label, plan, label, shell_plan);
  else if (s->state == TANDEM_SETTLEMENT_STATE_CLOSED)
    g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_WRONG_STATE,
                 _ ("Period %s of plan “%s” is closed but not approved: approve it before paying "
                    "it (tandem approve %s --plan %s)"),
                 label, plan, label, shell_plan);
  else
    {
      tandem_settlement_get_transition (s, to, &who, &when);
      at = when != NULL ? g_date_time_format_iso8601 (when) : g_strdup ("?");
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_WRONG_STATE,
                   to == TANDEM_SETTLEMENT_STATE_APPROVED
                       ? _ ("Period %s of plan “%s” was already approved by %s at %s")
                       : _ ("Period %s of plan “%s” was already paid by %s at %s"),
                   label, plan, who ? who : "?", at);
    }
  return FALSE;
}

/* One step forward, to @to, in one write transaction. */
static TandemSettlement *
advance (TandemStore          *self,
         TandemPlan           *plan,
         TandemPeriod         *period,
         TandemSettlementState to,
         GError              **error)
{
  g_autoptr (TandemTransaction) tx = NULL;
  g_autoptr (TandemSettlement) current = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char     *label = tandem_period_to_string (period);
  TandemScheduleRecord record = { 0 };

  tx = _tandem_transaction_new (self);
  if (!_tandem_transaction_begin (tx, error)
      || (current = _tandem_settle_in (tx, plan, period, NULL, NULL, error)) == NULL)
    return NULL;
  if (current->state != to - 1)
    return wrong_state (error, current, label, tandem_plan_get_name (plan), to), NULL;

  record.name = (char *)tandem_plan_get_name (plan);
  record.from_label = label;
  record.number = to;
  record.text = (char *)tandem_store_get_actor (self);
  record.from_at = _tandem_time_to_usec (now);
  if (!_tandem_db_save_schedule (_tandem_transaction_get_db (tx), TANDEM_SCHEDULE_PERIOD_STATE,
                                 &record, NULL, error))
    return NULL;

  g_clear_object (&current);
  current = _tandem_settle_in (tx, plan, period, NULL, NULL, error);
  if (current == NULL)
    return NULL;
  {
    g_autofree char *what
        = g_strdup_printf ("period %s of plan “%s”", label, tandem_plan_get_name (plan));

    if (!_tandem_transaction_commit_audited (
            tx, to == TANDEM_SETTLEMENT_STATE_APPROVED ? "approve" : "pay", what, error))
      return NULL;
  }
  return g_steal_pointer (&current);
}

/**
 * tandem_settlement_approve:
 * @self: a `TandemStore`
 * @plan: the plan the period was closed with
 * @period: a closed period
 * @error: return location for a #GError
 *
 * Approves a closed period for payment, recording who
 * ([method@Tandem.Store.get_actor]) and when. A draft, or a period
 * approved already, is refused with %TANDEM_STORE_ERROR_WRONG_STATE.
 *
 * Returns: (transfer full): the approved settlement, or %NULL with an error
 *
 * Since: 1.0
 */
TandemSettlement *
tandem_settlement_approve (TandemStore  *self,
                           TandemPlan   *plan,
                           TandemPeriod *period,
                           GError      **error)
{
  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (TANDEM_IS_PLAN (plan), NULL);
  g_return_val_if_fail (period != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return advance (self, plan, period, TANDEM_SETTLEMENT_STATE_APPROVED, error);
}

/**
 * tandem_settlement_pay:
 * @self: a `TandemStore`
 * @plan: the plan the period was closed with
 * @period: an approved period
 * @error: return location for a #GError
 *
 * Marks an approved period paid, recording who
 * ([method@Tandem.Store.get_actor]) and when. A period that is not
 * approved, or paid already, is refused with
 * %TANDEM_STORE_ERROR_WRONG_STATE.
 *
 * Returns: (transfer full): the paid settlement, or %NULL with an error
 *
 * Since: 1.0
 */
TandemSettlement *
tandem_settlement_pay (TandemStore *self, TandemPlan *plan, TandemPeriod *period, GError **error)
{
  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (TANDEM_IS_PLAN (plan), NULL);
  g_return_val_if_fail (period != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return advance (self, plan, period, TANDEM_SETTLEMENT_STATE_PAID, error);
}
