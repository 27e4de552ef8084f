/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-payout-line.c: one line of a settlement, and a tandem's result */

#include "config.h"

#include "tandem-settlement.h"
#include "tandem-settlement-private.h"
#include "tandem-enum-types.h"
#include "tandem-store-private.h"

/**
 * TandemPayoutLine:
 *
 * One line of a [class@Tandem.Settlement]: an amount paid to (or taken
 * from) a rep, of a [enum@Tandem.LineKind], with the activity it comes
 * from where there is one and a sentence a rep can check by hand.
 *
 * Since: 1.0
 */
struct _TandemPayoutLine
{
  GObject parent_instance;

  TandemStore    *store;
  TandemRep      *rep;
  TandemMoney    *amount;
  char           *explanation;
  TandemActivity *activity;
  gint64          activity_id;
  TandemLineKind  kind;
};

enum
{
  PROP_0,
  PROP_REP,
  PROP_KIND,
  PROP_AMOUNT,
  PROP_ACTIVITY,
  PROP_ACTIVITY_ID,
  PROP_EXPLANATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (TandemPayoutLine, tandem_payout_line, G_TYPE_OBJECT)

static void
tandem_payout_line_dispose (GObject *object)
{
  TandemPayoutLine *self = (TandemPayoutLine *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->rep);
  g_clear_object (&self->activity);

  G_OBJECT_CLASS (tandem_payout_line_parent_class)->dispose (object);
}

static void
tandem_payout_line_finalize (GObject *object)
{
  TandemPayoutLine *self = (TandemPayoutLine *)object;

  g_clear_pointer (&self->amount, tandem_money_unref);
  g_clear_pointer (&self->explanation, g_free);

  G_OBJECT_CLASS (tandem_payout_line_parent_class)->finalize (object);
}

static void
tandem_payout_line_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  TandemPayoutLine *self = TANDEM_PAYOUT_LINE (object);

  switch (prop_id)
    {
    case PROP_REP:
      g_value_set_object (value, self->rep);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_AMOUNT:
      g_value_set_boxed (value, self->amount);
      break;
    case PROP_ACTIVITY:
      g_value_set_object (value, tandem_payout_line_get_activity (self));
      break;
    case PROP_ACTIVITY_ID:
      g_value_set_int64 (value, self->activity_id);
      break;
    case PROP_EXPLANATION:
      g_value_set_string (value, self->explanation);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_payout_line_class_init (TandemPayoutLineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->dispose = tandem_payout_line_dispose;
  object_class->finalize = tandem_payout_line_finalize;
  object_class->get_property = tandem_payout_line_get_property;

  /**
   * TandemPayoutLine:rep:
   *
   * Who is paid.
   *
   * Since: 1.0
   */
  properties[PROP_REP] = g_param_spec_object ("rep", NULL, NULL, TANDEM_TYPE_REP, flags);

  /**
   * TandemPayoutLine:kind:
   *
   * What the line is for.
   *
   * Since: 1.0
   */
  properties[PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL, TANDEM_TYPE_LINE_KIND,
                                             TANDEM_LINE_KIND_COMMISSION, flags);

  /**
   * TandemPayoutLine:amount:
   *
   * The amount; negative for clawbacks and caps.
   *
   * Since: 1.0
   */
  properties[PROP_AMOUNT] = g_param_spec_boxed ("amount", NULL, NULL, TANDEM_TYPE_MONEY, flags);

  /**
   * TandemPayoutLine:activity:
   *
   * The activity the line comes from, or %NULL (team bonuses, caps). It is
   * read from the store when first asked for.
   *
   * Since: 1.0
   */
  properties[PROP_ACTIVITY]
      = g_param_spec_object ("activity", NULL, NULL, TANDEM_TYPE_ACTIVITY, flags);

  /**
   * TandemPayoutLine:activity-id:
   *
   * The id of [property@Tandem.PayoutLine:activity], or 0.
   *
   * Since: 1.0
   */
  properties[PROP_ACTIVITY_ID]
      = g_param_spec_int64 ("activity-id", NULL, NULL, 0, G_MAXINT64, 0, flags);

  /**
   * TandemPayoutLine:explanation:
   *
   * One sentence a rep can check by hand, such as "5% of 1,200.00 EUR
   * order #17 for ACME GmbH = 60.00 EUR; your share 40% = 24.00 EUR".
   *
   * Since: 1.0
   */
  properties[PROP_EXPLANATION] = g_param_spec_string ("explanation", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tandem_payout_line_init (TandemPayoutLine *self)
{
}

TandemPayoutLine *
_tandem_payout_line_new (TandemStore   *store,
                         TandemRep     *rep,
                         TandemLineKind kind,
                         TandemMoney   *amount,
                         gint64         activity_id,
                         char          *explanation)
{
  TandemPayoutLine *self = g_object_new (TANDEM_TYPE_PAYOUT_LINE, NULL);

  self->store = g_object_ref (store);
  self->rep = g_object_ref (rep);
  self->kind = kind;
  self->amount = amount;
  self->activity_id = activity_id;
  self->explanation = explanation;
  return self;
}

/**
 * tandem_payout_line_get_rep:
 * @self: a `TandemPayoutLine`
 *
 * Gets [property@Tandem.PayoutLine:rep].
 *
 * Returns: (transfer none): the rep
 *
 * Since: 1.0
 */
TandemRep *
tandem_payout_line_get_rep (TandemPayoutLine *self)
{
  g_return_val_if_fail (TANDEM_IS_PAYOUT_LINE (self), NULL);

  return self->rep;
}

/**
 * tandem_payout_line_get_kind:
 * @self: a `TandemPayoutLine`
 *
 * Gets [property@Tandem.PayoutLine:kind].
 *
 * Returns: the kind
 *
 * Since: 1.0
 */
TandemLineKind
tandem_payout_line_get_kind (TandemPayoutLine *self)
{
  g_return_val_if_fail (TANDEM_IS_PAYOUT_LINE (self), TANDEM_LINE_KIND_COMMISSION);

  return self->kind;
}

/**
 * tandem_payout_line_get_amount:
 * @self: a `TandemPayoutLine`
 *
 * Gets [property@Tandem.PayoutLine:amount].
 *
 * Returns: (transfer none): the amount
 *
 * Since: 1.0
 */
TandemMoney *
tandem_payout_line_get_amount (TandemPayoutLine *self)
{
  g_return_val_if_fail (TANDEM_IS_PAYOUT_LINE (self), NULL);

  return self->amount;
}

/**
 * tandem_payout_line_get_activity_id:
 * @self: a `TandemPayoutLine`
 *
 * Gets [property@Tandem.PayoutLine:activity-id].
 *
 * Returns: the activity's id, or 0
 *
 * Since: 1.0
 */
gint64
tandem_payout_line_get_activity_id (TandemPayoutLine *self)
{
  g_return_val_if_fail (TANDEM_IS_PAYOUT_LINE (self), 0);

  return self->activity_id;
}

/**
 * tandem_payout_line_get_activity:
 * @self: a `TandemPayoutLine`
 *
 * Gets [property@Tandem.PayoutLine:activity], reading it from the store
 * the first time.
 *
 * Returns: (transfer none) (nullable): the activity, or %NULL
 *
 * Since: 1.0
 */
TandemActivity *
tandem_payout_line_get_activity (TandemPayoutLine *self)
{
  g_return_val_if_fail (TANDEM_IS_PAYOUT_LINE (self), NULL);

  if (self->activity == NULL && self->activity_id > 0)
    self->activity = tandem_store_get_activity (self->store, self->activity_id, NULL);

  return self->activity;
}

/**
 * tandem_payout_line_get_explanation:
 * @self: a `TandemPayoutLine`
 *
 * Gets [property@Tandem.PayoutLine:explanation].
 *
 * Returns: (transfer none): the explanation
 *
 * Since: 1.0
 */
const char *
tandem_payout_line_get_explanation (TandemPayoutLine *self)
{
  g_return_val_if_fail (TANDEM_IS_PAYOUT_LINE (self), NULL);

  return self->explanation;
}

/* ------------------------------------------------------------------ */

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
