/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-draw.c: a rep's draw: a guaranteed minimum per period */

#include "config.h"

#include "tandem-plan-history.h"
#include "tandem-plan-history-private.h"
#include "tandem-enum-types.h"

/**
 * TandemDraw:
 *
 * A draw: in each of its periods, a rep whose period total is below the
 * amount gets a `draw` line up to it. A recoverable draw's lines add up
 * to a balance that `draw-recovery` lines take back from later excess.
 *
 * Since: 1.0
 */
struct _TandemDraw
{
  GObject      parent_instance;
  gint64       id;
  TandemRep   *rep;
  TandemMoney *amount;
  char        *from;
  char        *until;
  gboolean     recoverable;
  TandemMoney *balance;
};

enum
{
  PROP_0,
  PROP_ID,
  PROP_REP,
  PROP_AMOUNT,
  PROP_FROM,
  PROP_UNTIL,
  PROP_RECOVERABLE,
  PROP_BALANCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (TandemDraw, tandem_draw, G_TYPE_OBJECT)

static void
tandem_draw_finalize (GObject *object)
{
  TandemDraw *self = (TandemDraw *)object;

  g_clear_object (&self->rep);
  g_clear_pointer (&self->amount, tandem_money_unref);
  g_free (self->from);
  g_free (self->until);
  g_clear_pointer (&self->balance, tandem_money_unref);

  G_OBJECT_CLASS (tandem_draw_parent_class)->finalize (object);
}

static void
tandem_draw_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  TandemDraw *self = TANDEM_DRAW (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_REP:
      g_value_set_object (value, self->rep);
      break;
    case PROP_AMOUNT:
      g_value_set_boxed (value, self->amount);
      break;
    case PROP_FROM:
      g_value_set_string (value, self->from);
      break;
    case PROP_UNTIL:
      g_value_set_string (value, self->until);
      break;
    case PROP_RECOVERABLE:
      g_value_set_boolean (value, self->recoverable);
      break;
    case PROP_BALANCE:
      g_value_set_boxed (value, self->balance);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_draw_class_init (TandemDrawClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = tandem_draw_finalize;
  object_class->get_property = tandem_draw_get_property;

  /**
   * TandemDraw:id:
   *
   * The draw's id in the store.
   *
   * Since: 1.0
   */
  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);

  /**
   * TandemDraw:rep:
   *
   * The rep the draw guarantees.
   *
   * Since: 1.0
   */
  properties[PROP_REP] = g_param_spec_object ("rep", NULL, NULL, TANDEM_TYPE_REP, flags);

  /**
   * TandemDraw:amount:
   *
   * The guaranteed total per period.
   *
   * Since: 1.0
   */
  properties[PROP_AMOUNT] = g_param_spec_boxed ("amount", NULL, NULL, TANDEM_TYPE_MONEY, flags);

  /**
   * TandemDraw:from:
   *
   * The first period of the draw.
   *
   * Since: 1.0
   */
  properties[PROP_FROM] = g_param_spec_string ("from", NULL, NULL, NULL, flags);

  /**
   * TandemDraw:until:
   *
   * The last period of the draw, or %NULL while it runs on.
   *
   * Since: 1.0
   */
  properties[PROP_UNTIL] = g_param_spec_string ("until", NULL, NULL, NULL, flags);

  /**
   * TandemDraw:recoverable:
   *
   * Whether later excess pays the draw back.
   *
   * Since: 1.0
   */
  properties[PROP_RECOVERABLE] = g_param_spec_boolean ("recoverable", NULL, NULL, FALSE, flags);

  /**
   * TandemDraw:balance:
   *
   * What the draw paid and was not yet recovered, over the closed periods.
   *
   * Since: 1.0
   */
  properties[PROP_BALANCE] = g_param_spec_boxed ("balance", NULL, NULL, TANDEM_TYPE_MONEY, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tandem_draw_init (TandemDraw *self)
{
}

TandemDraw *
_tandem_draw_new (gint64       id,
                  TandemRep   *rep,
                  TandemMoney *amount,
                  const char  *from,
                  const char  *until,
                  gboolean     recoverable,
                  TandemMoney *balance)
{
  TandemDraw *self = g_object_new (TANDEM_TYPE_DRAW, NULL);

  self->id = id;
  self->rep = g_object_ref (rep);
  self->amount = amount;
  self->from = g_strdup (from);
  self->until = g_strdup (until);
  self->recoverable = recoverable;
  self->balance = balance;
  return self;
}

/**
 * tandem_draw_get_id:
 * @self: a `TandemDraw`
 *
 * Gets [property@Tandem.Draw:id].
 *
 * Returns: the id
 *
 * Since: 1.0
 */
gint64
tandem_draw_get_id (TandemDraw *self)
{
  g_return_val_if_fail (TANDEM_IS_DRAW (self), 0);
  return self->id;
}

/**
 * tandem_draw_get_rep:
 * @self: a `TandemDraw`
 *
 * Gets [property@Tandem.Draw:rep].
 *
 * Returns: (transfer none): the rep
 *
 * Since: 1.0
 */
TandemRep *
tandem_draw_get_rep (TandemDraw *self)
{
  g_return_val_if_fail (TANDEM_IS_DRAW (self), NULL);
  return self->rep;
}

/**
 * tandem_draw_get_amount:
 * @self: a `TandemDraw`
 *
 * Gets [property@Tandem.Draw:amount].
 *
 * Returns: (transfer none): the amount
 *
 * Since: 1.0
 */
TandemMoney *
tandem_draw_get_amount (TandemDraw *self)
{
  g_return_val_if_fail (TANDEM_IS_DRAW (self), NULL);
  return self->amount;
}

/**
 * tandem_draw_get_from:
 * @self: a `TandemDraw`
 *
 * Gets [property@Tandem.Draw:from].
 *
 * Returns: (transfer none): the period label
 *
 * Since: 1.0
 */
const char *
tandem_draw_get_from (TandemDraw *self)
{
  g_return_val_if_fail (TANDEM_IS_DRAW (self), NULL);
  return self->from;
}

/**
 * tandem_draw_get_until:
 * @self: a `TandemDraw`
 *
 * Gets [property@Tandem.Draw:until].
 *
 * Returns: (transfer none) (nullable): the period label, or %NULL
 *
 * Since: 1.0
 */
const char *
tandem_draw_get_until (TandemDraw *self)
{
  g_return_val_if_fail (TANDEM_IS_DRAW (self), NULL);
  return self->until;
}

/**
 * tandem_draw_get_recoverable:
 * @self: a `TandemDraw`
 *
 * Gets [property@Tandem.Draw:recoverable].
 *
 * Returns: %TRUE for a recoverable draw
 *
 * Since: 1.0
 */
gboolean
tandem_draw_get_recoverable (TandemDraw *self)
{
  g_return_val_if_fail (TANDEM_IS_DRAW (self), FALSE);
  return self->recoverable;
}

/**
 * tandem_draw_get_balance:
 * @self: a `TandemDraw`
 *
 * Gets [property@Tandem.Draw:balance].
 *
 * Returns: (transfer none): the balance
 *
 * Since: 1.0
 */
TandemMoney *
tandem_draw_get_balance (TandemDraw *self)
{
  g_return_val_if_fail (TANDEM_IS_DRAW (self), NULL);
  return self->balance;
}
