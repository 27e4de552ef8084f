/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-exchange-rate.c: a dated exchange rate */

#include "config.h"

#include "tandem-plan-history.h"
#include "tandem-plan-history-private.h"
#include "tandem-enum-types.h"

/**
 * TandemExchangeRate:
 *
 * One unit of the from-currency is worth the rate in the to-currency,
 * from a time on. Settlements convert activities in another currency at
 * the latest rate in effect at their time; the rate is exact decimal text
 * with up to 8 places.
 *
 * Since: 1.0
 */
struct _TandemExchangeRate
{
  GObject    parent_instance;
  char      *from_currency;
  char      *to_currency;
  char      *rate;
  GDateTime *since;
};

enum
{
  PROP_0,
  PROP_FROM_CURRENCY,
  PROP_TO_CURRENCY,
  PROP_RATE,
  PROP_SINCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (TandemExchangeRate, tandem_exchange_rate, G_TYPE_OBJECT)

static void
tandem_exchange_rate_finalize (GObject *object)
{
  TandemExchangeRate *self = (TandemExchangeRate *)object;

  g_free (self->from_currency);
  g_free (self->to_currency);
  g_free (self->rate);
  g_clear_pointer (&self->since, g_date_time_unref);

  G_OBJECT_CLASS (tandem_exchange_rate_parent_class)->finalize (object);
}

static void
tandem_exchange_rate_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  TandemExchangeRate *self = TANDEM_EXCHANGE_RATE (object);

  switch (prop_id)
    {
    case PROP_FROM_CURRENCY:
      g_value_set_string (value, self->from_currency);
      break;
    case PROP_TO_CURRENCY:
      g_value_set_string (value, self->to_currency);
      break;
    case PROP_RATE:
      g_value_set_string (value, self->rate);
      break;
    case PROP_SINCE:
      g_value_set_boxed (value, self->since);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_exchange_rate_class_init (TandemExchangeRateClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = tandem_exchange_rate_finalize;
  object_class->get_property = tandem_exchange_rate_get_property;

  /**
   * TandemExchangeRate:from-currency:
   *
   * The currency converted from (ISO 4217).
   *
   * Since: 1.0
   */
  properties[PROP_FROM_CURRENCY] = g_param_spec_string ("from-currency", NULL, NULL, NULL, flags);

  /**
   * TandemExchangeRate:to-currency:
   *
   * The currency converted to (ISO 4217).
   *
   * Since: 1.0
   */
  properties[PROP_TO_CURRENCY] = g_param_spec_string ("to-currency", NULL, NULL, NULL, flags);

  /**
   * TandemExchangeRate:rate:
   *
   * The rate as exact decimal text, such as "0.95".
   *
   * Since: 1.0
   */
  properties[PROP_RATE] = g_param_spec_string ("rate", NULL, NULL, NULL, flags);

  /**
   * TandemExchangeRate:since:
   *
   * When the rate takes effect.
   *
   * Since: 1.0
   */
  properties[PROP_SINCE] = g_param_spec_boxed ("since", NULL, NULL, G_TYPE_DATE_TIME, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tandem_exchange_rate_init (TandemExchangeRate *self)
{
}

TandemExchangeRate *
_tandem_exchange_rate_new (const char *from_currency,
                           const char *to_currency,
                           const char *rate,
                           GDateTime  *since)
{
  TandemExchangeRate *self = g_object_new (TANDEM_TYPE_EXCHANGE_RATE, NULL);

  self->from_currency = g_strdup (from_currency);
  self->to_currency = g_strdup (to_currency);
  self->rate = g_strdup (rate);
  self->since = g_date_time_ref (since);
  return self;
}

/**
 * tandem_exchange_rate_get_from_currency:
 * @self: a `TandemExchangeRate`
 *
 * Gets [property@Tandem.ExchangeRate:from-currency].
 *
 * Returns: (transfer none): the currency code
 *
 * Since: 1.0
 */
const char *
tandem_exchange_rate_get_from_currency (TandemExchangeRate *self)
{
  g_return_val_if_fail (TANDEM_IS_EXCHANGE_RATE (self), NULL);
  return self->from_currency;
}

/**
 * tandem_exchange_rate_get_to_currency:
 * @self: a `TandemExchangeRate`
 *
 * Gets [property@Tandem.ExchangeRate:to-currency].
 *
 * Returns: (transfer none): the currency code
 *
 * Since: 1.0
 */
const char *
tandem_exchange_rate_get_to_currency (TandemExchangeRate *self)
{
  g_return_val_if_fail (TANDEM_IS_EXCHANGE_RATE (self), NULL);
  return self->to_currency;
}

/**
 * tandem_exchange_rate_get_rate:
 * @self: a `TandemExchangeRate`
 *
 * Gets [property@Tandem.ExchangeRate:rate].
 *
 * Returns: (transfer none): the rate
 *
 * Since: 1.0
 */
const char *
tandem_exchange_rate_get_rate (TandemExchangeRate *self)
{
  g_return_val_if_fail (TANDEM_IS_EXCHANGE_RATE (self), NULL);
  return self->rate;
}

/**
 * tandem_exchange_rate_get_since:
 * @self: a `TandemExchangeRate`
 *
 * Gets [property@Tandem.ExchangeRate:since].
 *
 * Returns: (transfer none): the time
 *
 * Since: 1.0
 */
GDateTime *
tandem_exchange_rate_get_since (TandemExchangeRate *self)
{
  g_return_val_if_fail (TANDEM_IS_EXCHANGE_RATE (self), NULL);
  return self->since;
}
