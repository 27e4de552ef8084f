/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-team-result.c: one tandem's figures in a settlement */

#include "config.h"

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

enum
{
  RESULT_PROP_0,
  RESULT_PROP_TEAM,
  RESULT_PROP_REVENUE,
  RESULT_PROP_TARGET,
  RESULT_PROP_ATTAINMENT,
  RESULT_PROP_PAYOUT,
  RESULT_N_PROPS
};

static GParamSpec *result_properties[RESULT_N_PROPS];

G_DEFINE_FINAL_TYPE (TandemTeamResult, tandem_team_result, G_TYPE_OBJECT)

static void
tandem_team_result_finalize (GObject *object)
{
  TandemTeamResult *self = (TandemTeamResult *)object;

  g_clear_object (&self->team);
  g_clear_pointer (&self->revenue, tandem_money_unref);
  g_clear_pointer (&self->target, tandem_money_unref);
  g_clear_pointer (&self->payout, tandem_money_unref);

  G_OBJECT_CLASS (tandem_team_result_parent_class)->finalize (object);
}

static void
tandem_team_result_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  TandemTeamResult *self = TANDEM_TEAM_RESULT (object);

  switch (prop_id)
    {
    case RESULT_PROP_TEAM:
      g_value_set_object (value, self->team);
      break;
    case RESULT_PROP_REVENUE:
      g_value_set_boxed (value, self->revenue);
      break;
    case RESULT_PROP_TARGET:
      g_value_set_boxed (value, self->target);
      break;
    case RESULT_PROP_ATTAINMENT:
      g_value_set_int (value, self->attainment);
      break;
    case RESULT_PROP_PAYOUT:
      g_value_set_boxed (value, self->payout);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_team_result_class_init (TandemTeamResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = tandem_team_result_finalize;
  object_class->get_property = tandem_team_result_get_property;

  /**
   * TandemTeamResult:team:
   *
   * The tandem.
   *
   * Since: 1.0
   */
  result_properties[RESULT_PROP_TEAM]
      = g_param_spec_object ("team", NULL, NULL, TANDEM_TYPE_TEAM, flags);

  /**
   * TandemTeamResult:revenue:
   *
   * Commissionable revenue in the period, net of reversals.
   *
   * Since: 1.0
   */
  result_properties[RESULT_PROP_REVENUE]
      = g_param_spec_boxed ("revenue", NULL, NULL, TANDEM_TYPE_MONEY, flags);

  /**
   * TandemTeamResult:target:
   *
   * The tandem's target per period, or %NULL.
   *
   * Since: 1.0
   */
  result_properties[RESULT_PROP_TARGET]
      = g_param_spec_boxed ("target", NULL, NULL, TANDEM_TYPE_MONEY, flags);

  /**
   * TandemTeamResult:attainment:
   *
   * Revenue as a share of the target in basis points (10000 = 100%),
   * rounded down, or -1 without a target.
   *
   * Since: 1.0
   */
  result_properties[RESULT_PROP_ATTAINMENT]
      = g_param_spec_int ("attainment", NULL, NULL, -1, G_MAXINT, -1, flags);

  /**
   * TandemTeamResult:payout:
   *
   * The sum of the lines earned through this tandem (commission,
   * accelerator, team and referral bonuses, clawbacks), before caps.
   *
   * Since: 1.0
   */
  result_properties[RESULT_PROP_PAYOUT]
      = g_param_spec_boxed ("payout", NULL, NULL, TANDEM_TYPE_MONEY, flags);

  g_object_class_install_properties (object_class, RESULT_N_PROPS, result_properties);
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
TandemTeam *
tandem_team_result_get_team (TandemTeamResult *self)
{
  g_return_val_if_fail (TANDEM_IS_TEAM_RESULT (self), NULL);

  return self->team;
}

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
TandemMoney *
tandem_team_result_get_revenue (TandemTeamResult *self)
{
  g_return_val_if_fail (TANDEM_IS_TEAM_RESULT (self), NULL);

  return self->revenue;
}

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
TandemMoney *
tandem_team_result_get_target (TandemTeamResult *self)
{
  g_return_val_if_fail (TANDEM_IS_TEAM_RESULT (self), NULL);

  return self->target;
}

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
int
tandem_team_result_get_attainment (TandemTeamResult *self)
{
  g_return_val_if_fail (TANDEM_IS_TEAM_RESULT (self), -1);

  return self->attainment;
}

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
TandemMoney *
tandem_team_result_get_payout (TandemTeamResult *self)
{
  g_return_val_if_fail (TANDEM_IS_TEAM_RESULT (self), NULL);

  return self->payout;
}
