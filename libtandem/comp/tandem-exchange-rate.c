/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-exchange-rate.c: a dated exchange rate */

#include "config.h"

#include "tandem-record-private.h"

#include "tandem-plan-version.h"
#include "tandem-target.h"
#include "tandem-draw.h"
#include "tandem-exchange-rate.h"
#include "tandem-plan-history-private.h"
#include "tandem-enum-types.h"
#include <inttypes.h>
#include "tandem-i18n-private.h"
#include <string.h>
#include "tandem-settlement.h"
#include "tandem-plan-private.h"
#include "tandem-currency-private.h"
#include "tandem-rate-private.h"
#include "tandem-schedule-private.h"
#include "tandem-store-private.h"
#include "tandem-util-private.h"
#include "tandem-schedule-write-private.h"

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

static const TandemField fields[] = {
  /**
   * TandemExchangeRate:from-currency:
   *
   * The currency converted from (ISO 4217).
   *
   * Since: 1.0
   */
  TANDEM_FIELD_STRING (TandemExchangeRate, from_currency, "from-currency"),
  /**
   * TandemExchangeRate:to-currency:
   *
   * The currency converted to (ISO 4217).
   *
   * Since: 1.0
   */
  TANDEM_FIELD_STRING (TandemExchangeRate, to_currency, "to-currency"),
  /**
   * TandemExchangeRate:rate:
   *
   * The rate as exact decimal text, such as "0.95".
   *
   * Since: 1.0
   */
  TANDEM_FIELD_STRING (TandemExchangeRate, rate, "rate"),
  /**
   * TandemExchangeRate:since:
   *
   * When the rate takes effect.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_BOXED (TandemExchangeRate, since, "since", g_date_time_get_type),
};

TANDEM_DEFINE_RECORD_TYPE (TandemExchangeRate, tandem_exchange_rate, fields, G_PARAM_READABLE)

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
TANDEM_DEFINE_GETTER (const char *,
                      tandem_exchange_rate_get_from_currency,
                      TandemExchangeRate,
                      TANDEM_IS_EXCHANGE_RATE,
                      from_currency,
                      NULL)

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
TANDEM_DEFINE_GETTER (const char *,
                      tandem_exchange_rate_get_to_currency,
                      TandemExchangeRate,
                      TANDEM_IS_EXCHANGE_RATE,
                      to_currency,
                      NULL)

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
TANDEM_DEFINE_GETTER (const char *,
                      tandem_exchange_rate_get_rate,
                      TandemExchangeRate,
                      TANDEM_IS_EXCHANGE_RATE,
                      rate,
                      NULL)

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
TANDEM_DEFINE_GETTER (GDateTime *,
                      tandem_exchange_rate_get_since,
                      TandemExchangeRate,
                      TANDEM_IS_EXCHANGE_RATE,
                      since,
                      NULL)

static gboolean
commit_rate (TandemScheduleWrite *w, const TandemScheduleRecord *r, GError **error)
{
  g_autofree char *since = _tandem_time_format (r->from_at);
  g_autofree char *what
      = g_strdup_printf ("1 %s = %s %s from %s", r->currency, r->text, r->to_currency, since);

  return _tandem_transaction_commit_audited (w->tx, "rate set", what, error);
}

/**
 * tandem_exchange_rate_set:
 * @self: a `TandemStore`
 * @from_currency: the currency converted from (ISO 4217)
 * @to_currency: the currency converted to (ISO 4217)
 * @rate: 1 @from_currency in @to_currency: a positive decimal with up to 8
 *   places, such as "0.95", stored exactly
 * @since: when the rate takes effect
 * @error: return location for a #GError
 *
 * Stores a dated exchange rate. A settlement converts an activity whose
 * currency is not the plan's at the latest rate from its currency to the
 * plan's with @since at or before the activity's time: minor units × rate,
 * scaled to the target currency's exponent, rounded once half away from
 * zero, before anything else is computed. Only the stored direction is
 * used. A rate taking effect in or before a closed period is refused with
 * %TANDEM_STORE_ERROR_CLOSED_PERIOD.
 *
 * Returns: %TRUE on success
 *
 * Since: 1.0
 */
gboolean
tandem_exchange_rate_set (TandemStore *self,
                          const char  *from_currency,
                          const char  *to_currency,
                          const char  *rate,
                          GDateTime   *since,
                          GError     **error)
{
  TandemScheduleRecord record = { 0 };
  g_autofree char     *what = NULL;
  gint64               value;
  TandemScheduleWrite  w;
  gboolean             ok;

  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);
  g_return_val_if_fail (from_currency != NULL && to_currency != NULL, FALSE);
  g_return_val_if_fail (rate != NULL && since != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < 2; i++)
    {
      const char *code = i == 0 ? from_currency : to_currency;

      if (_tandem_currency_find (code) == NULL)
        {
          g_set_error (error, TANDEM_MONEY_ERROR, TANDEM_MONEY_ERROR_UNKNOWN_CURRENCY,
                       _ ("Unknown currency “%s”: expected an ISO 4217 code such as EUR"), code);
          return FALSE;
        }
    }
  if (strcmp (from_currency, to_currency) == 0)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                   _ ("An exchange rate from %s to itself means nothing"), from_currency);
      return FALSE;
    }
  if (!_tandem_exchange_rate_parse (rate, &value, error))
    return FALSE;

  g_strlcpy (record.currency, from_currency, sizeof record.currency);
  g_strlcpy (record.to_currency, to_currency, sizeof record.to_currency);
  record.from_at = _tandem_time_to_usec (since);
  record.text = (char *)rate;
  what = g_strdup_printf (_ ("The rate %s→%s"), from_currency, to_currency);

  ok = _tandem_schedule_write_begin (&w, self, error)
       && _tandem_schedule_write_check_open (&w, record.from_at, what, error)
       && _tandem_db_save_schedule (w.db, TANDEM_SCHEDULE_RATE, &record, NULL, error)
       && commit_rate (&w, &record, error);
  _tandem_schedule_write_clear (&w);
  return ok;
}

/**
 * tandem_exchange_rate_list:
 * @self: a `TandemStore`
 * @error: return location for a #GError
 *
 * Lists the stored exchange rates, by currencies, then time.
 *
 * Returns: (transfer full): a list of [class@Tandem.ExchangeRate]
 *
 * Since: 1.0
 */
GListModel *
tandem_exchange_rate_list (TandemStore *self, GError **error)
{
  g_autoptr (GListStore) list = g_list_store_new (TANDEM_TYPE_EXCHANGE_RATE);
  TandemScheduleWrite w;
  gboolean            ok;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);

  ok = _tandem_schedule_read_begin (&w, self, error);
  for (guint i = 0; ok && i < w.schedule.rates->len; i++)
    {
      const TandemScheduleRecord *r = &g_array_index (w.schedule.rates, TandemScheduleRecord, i);
      g_autoptr (GDateTime) since = _tandem_time_from_usec (r->from_at);
      g_autoptr (TandemExchangeRate) item
          = _tandem_exchange_rate_new (r->currency, r->to_currency, r->text, since);

      g_list_store_append (list, item);
    }
  _tandem_schedule_write_clear (&w);
  return ok ? G_LIST_MODEL (g_steal_pointer (&list)) : NULL;
}
