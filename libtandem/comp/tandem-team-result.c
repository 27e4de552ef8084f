/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-team-result.c: one tandem's figures in a settlement */

#include "config.h"

#include "tandem-record-private.h"

#include "tandem-settlement.h"
#include "tandem-settlement-private.h"
#include "tandem-enum-types.h"
#include "tandem-store-private.h"

/**
 * TandemTeamResult:
 *
 * How a tandem did in a settlement period: its revenue (net of
 * reversals), its target, its attainment and what its lines pay out.
 *
 * Since: 1.0
 */
struct _TandemTeamResult
{
  GObject parent_instance;

  TandemTeam  *team;
  TandemMoney *revenue;
  TandemMoney *target;
  TandemMoney *payout;
  int          attainment;
};

G_DEFINE_FINAL_TYPE (TandemTeamResult, tandem_team_result, G_TYPE_OBJECT)

static const TandemField fields[] = {
  /**
   * TandemTeamResult:team:
   *
   * The tandem.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_OBJECT (TandemTeamResult, team, "team", tandem_team_get_type),
  /**
   * TandemTeamResult:revenue:
   *
   * Commissionable revenue in the period, net of reversals.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_BOXED (TandemTeamResult, revenue, "revenue", tandem_money_get_type),
  /**
   * TandemTeamResult:target:
   *
   * The tandem's target per period, or %NULL.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_BOXED (TandemTeamResult, target, "target", tandem_money_get_type),
  /**
   * TandemTeamResult:attainment:
   *
   * Revenue as a share of the target in basis points (10000 = 100%),
   * rounded down, or -1 without a target.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_INT (TandemTeamResult, attainment, "attainment", -1, G_MAXINT, -1),
  /**
   * TandemTeamResult:payout:
   *
   * The sum of the lines earned through this tandem (commission,
   * accelerator, team and referral bonuses, clawbacks), before caps.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_BOXED (TandemTeamResult, payout, "payout", tandem_money_get_type),
};

static void
tandem_team_result_class_init (TandemTeamResultClass *klass)
{
  _tandem_record_class_init (G_OBJECT_CLASS (klass), fields, G_N_ELEMENTS (fields),
                             G_PARAM_READABLE, NULL);
}

static void
tandem_team_result_init (TandemTeamResult *self)
{
  self->attainment = -1;
}

TandemTeamResult *
_tandem_team_result_new (TandemTeam  *team,
                         TandemMoney *revenue,
                         TandemMoney *target,
                         int          attainment,
                         TandemMoney *payout)
{
  TandemTeamResult *self = g_object_new (TANDEM_TYPE_TEAM_RESULT, NULL);

  self->team = g_object_ref (team);
  self->revenue = revenue;
  self->target = target;
  self->attainment = attainment;
  self->payout = payout;
  return self;
}

/**
 * tandem_team_result_get_team:
 * @self: a `TandemTeamResult`
 *
 * Gets [property@Tandem.TeamResult:team].
 *
 * Returns: (transfer none): the tandem
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemTeam *,
                      tandem_team_result_get_team,
                      TandemTeamResult,
                      TANDEM_IS_TEAM_RESULT,
                      team,
                      NULL)

/**
 * tandem_team_result_get_revenue:
 * @self: a `TandemTeamResult`
 *
 * Gets [property@Tandem.TeamResult:revenue].
 *
 * Returns: (transfer none): the revenue
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemMoney *,
                      tandem_team_result_get_revenue,
                      TandemTeamResult,
                      TANDEM_IS_TEAM_RESULT,
                      revenue,
                      NULL)

/**
 * tandem_team_result_get_target:
 * @self: a `TandemTeamResult`
 *
 * Gets [property@Tandem.TeamResult:target].
 *
 * Returns: (transfer none) (nullable): the target
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemMoney *,
                      tandem_team_result_get_target,
                      TandemTeamResult,
                      TANDEM_IS_TEAM_RESULT,
                      target,
                      NULL)

/**
 * tandem_team_result_get_attainment:
 * @self: a `TandemTeamResult`
 *
 * Gets [property@Tandem.TeamResult:attainment].
 *
 * Returns: the attainment in basis points, or -1
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (int,
                      tandem_team_result_get_attainment,
                      TandemTeamResult,
                      TANDEM_IS_TEAM_RESULT,
                      attainment,
                      -1)

/**
 * tandem_team_result_get_payout:
 * @self: a `TandemTeamResult`
 *
 * Gets [property@Tandem.TeamResult:payout].
 *
 * Returns: (transfer none): the payout
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemMoney *,
                      tandem_team_result_get_payout,
                      TandemTeamResult,
                      TANDEM_IS_TEAM_RESULT,
                      payout,
                      NULL)
