/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-target.c: a tandem's target for one period */

#include "config.h"

#include "tandem-plan-history.h"
#include "tandem-plan-history-private.h"
#include "tandem-enum-types.h"

/**
 * TandemTarget:
 *
 * The target of one tandem for one period, set by
 * [method@Tandem.Store.set_target] or [method@Tandem.Store.ramp_target]. It
 * replaces the tandem's own target in that period for attainment, the
 * team bonus and the accelerator.
 *
 * Since: 1.0
 */
struct _TandemTarget
{
  GObject      parent_instance;
  TandemTeam  *team;
  char        *period;
  TandemMoney *amount;
};

enum
{
  PROP_0,
  PROP_TEAM,
  PROP_PERIOD,
  PROP_AMOUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (TandemTarget, tandem_target, G_TYPE_OBJECT)

static void
tandem_target_finalize (GObject *object)
{
  TandemTarget *self = (TandemTarget *)object;

  g_clear_object (&self->team);
  g_free (self->period);
  g_clear_pointer (&self->amount, tandem_money_unref);

  G_OBJECT_CLASS (tandem_target_parent_class)->finalize (object);
}

static void
tandem_target_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  TandemTarget *self = TANDEM_TARGET (object);

  switch (prop_id)
    {
    case PROP_TEAM:
      g_value_set_object (value, self->team);
      break;
    case PROP_PERIOD:
      g_value_set_string (value, self->period);
      break;
    case PROP_AMOUNT:
      g_value_set_boxed (value, self->amount);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_target_class_init (TandemTargetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = tandem_target_finalize;
  object_class->get_property = tandem_target_get_property;

  /**
   * TandemTarget:team:
   *
   * The tandem.
   *
   * Since: 1.0
   */
  properties[PROP_TEAM] = g_param_spec_object ("team", NULL, NULL, TANDEM_TYPE_TEAM, flags);

  /**
   * TandemTarget:period:
   *
   * The period's label, such as "2026-03".
   *
   * Since: 1.0
   */
  properties[PROP_PERIOD] = g_param_spec_string ("period", NULL, NULL, NULL, flags);

  /**
   * TandemTarget:amount:
   *
   * The target.
   *
   * Since: 1.0
   */
  properties[PROP_AMOUNT] = g_param_spec_boxed ("amount", NULL, NULL, TANDEM_TYPE_MONEY, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tandem_target_init (TandemTarget *self)
{
}

TandemTarget *
_tandem_target_new (TandemTeam *team, const char *period, TandemMoney *amount)
{
  TandemTarget *self = g_object_new (TANDEM_TYPE_TARGET, NULL);

  self->team = g_object_ref (team);
  self->period = g_strdup (period);
  self->amount = amount;
  return self;
}

/**
 * tandem_target_get_team:
 * @self: a `TandemTarget`
 *
 * Gets [property@Tandem.Target:team].
 *
 * Returns: (transfer none): the tandem
 *
 * Since: 1.0
 */
TandemTeam *
tandem_target_get_team (TandemTarget *self)
{
  g_return_val_if_fail (TANDEM_IS_TARGET (self), NULL);
  return self->team;
}

/**
 * tandem_target_get_period:
 * @self: a `TandemTarget`
 *
 * Gets [property@Tandem.Target:period].
 *
 * Returns: (transfer none): the period label
 *
 * Since: 1.0
 */
const char *
tandem_target_get_period (TandemTarget *self)
{
  g_return_val_if_fail (TANDEM_IS_TARGET (self), NULL);
  return self->period;
}

/**
 * tandem_target_get_amount:
 * @self: a `TandemTarget`
 *
 * Gets [property@Tandem.Target:amount].
 *
 * Returns: (transfer none): the target
 *
 * Since: 1.0
 */
TandemMoney *
tandem_target_get_amount (TandemTarget *self)
{
  g_return_val_if_fail (TANDEM_IS_TARGET (self), NULL);
  return self->amount;
}
