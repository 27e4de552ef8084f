/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-money.h: exact amounts of money in minor units */

#pragma once

#if !defined(TANDEM_INSIDE) && !defined(TANDEM_COMPILATION)
#error "Only <tandem.h> can be included directly."
#endif

#include <glib-object.h>

#include "tandem-version-macros.h"

G_BEGIN_DECLS

/**
 * TANDEM_MONEY_ERROR:
 *
 * The error domain of [struct@Tandem.Money] operations.
 *
 * Since: 1.0
 */
#define TANDEM_MONEY_ERROR (tandem_money_error_quark ())

/**
 * TandemMoneyError:
 * @TANDEM_MONEY_ERROR_INVALID: the text is not an amount followed by a currency code
 * @TANDEM_MONEY_ERROR_UNKNOWN_CURRENCY: the currency code is not an active ISO 4217 code
 * @TANDEM_MONEY_ERROR_TOO_MANY_DECIMALS: the amount has more decimals than its currency allows
 * @TANDEM_MONEY_ERROR_OVERFLOW: the amount, or the result of an operation, does not fit in 63 bits
 * of minor units
 * @TANDEM_MONEY_ERROR_CURRENCY_MISMATCH: two amounts in different currencies were combined
 * @TANDEM_MONEY_ERROR_INVALID_RATE: a rate or percentage is malformed or out of range
 * @TANDEM_MONEY_ERROR_INVALID_WEIGHTS: allocation weights are empty or sum to zero
 *
 * Error codes of the %TANDEM_MONEY_ERROR domain.
 *
 * Since: 1.0
 */
typedef enum
{
  TANDEM_MONEY_ERROR_INVALID,
  TANDEM_MONEY_ERROR_UNKNOWN_CURRENCY,
  TANDEM_MONEY_ERROR_TOO_MANY_DECIMALS,
  TANDEM_MONEY_ERROR_OVERFLOW,
  TANDEM_MONEY_ERROR_CURRENCY_MISMATCH,
  TANDEM_MONEY_ERROR_INVALID_RATE,
  TANDEM_MONEY_ERROR_INVALID_WEIGHTS,
} TandemMoneyError;

/**
 * TANDEM_MONEY_MAX_MINOR_UNITS:
 *
 * The largest magnitude an amount may have, in minor units: %G_MAXINT64.
 * The range is symmetric, so %G_MININT64 is never a valid amount and
 * [method@Tandem.Money.negate] cannot overflow.
 *
 * Since: 1.0
 */
#define TANDEM_MONEY_MAX_MINOR_UNITS G_MAXINT64

#define TANDEM_TYPE_MONEY (tandem_money_get_type ())

typedef struct _TandemMoney TandemMoney;

TANDEM_AVAILABLE_IN_ALL
GType tandem_money_get_type (void) G_GNUC_CONST;
TANDEM_AVAILABLE_IN_ALL
GQuark tandem_money_error_quark (void);

TANDEM_AVAILABLE_IN_ALL
TandemMoney *tandem_money_new (gint64 minor_units, const char *currency) G_GNUC_WARN_UNUSED_RESULT;
TANDEM_AVAILABLE_IN_ALL
TandemMoney *tandem_money_new_zero (const char *currency) G_GNUC_WARN_UNUSED_RESULT;
TANDEM_AVAILABLE_IN_ALL
TandemMoney *tandem_money_try_new (gint64      minor_units,
                                   const char *currency,
                                   GError    **error) G_GNUC_WARN_UNUSED_RESULT;
TANDEM_AVAILABLE_IN_ALL
TandemMoney *tandem_money_try_new_zero (const char *currency,
                                        GError    **error) G_GNUC_WARN_UNUSED_RESULT;
TANDEM_AVAILABLE_IN_ALL
TandemMoney *tandem_money_parse (const char *text, GError **error) G_GNUC_WARN_UNUSED_RESULT;
TANDEM_AVAILABLE_IN_ALL
TandemMoney *tandem_money_ref (TandemMoney *self);
TANDEM_AVAILABLE_IN_ALL
void tandem_money_unref (TandemMoney *self);

TANDEM_AVAILABLE_IN_ALL
gint64 tandem_money_get_minor_units (const TandemMoney *self);
TANDEM_AVAILABLE_IN_ALL
const char *tandem_money_get_currency (const TandemMoney *self);
TANDEM_AVAILABLE_IN_ALL
guint tandem_money_get_exponent (const TandemMoney *self);
TANDEM_AVAILABLE_IN_ALL
char *tandem_money_to_string (const TandemMoney *self) G_GNUC_WARN_UNUSED_RESULT;
TANDEM_AVAILABLE_IN_ALL
char *tandem_money_to_display_string (const TandemMoney *self,
                                      gboolean           with_currency) G_GNUC_WARN_UNUSED_RESULT;
TANDEM_AVAILABLE_IN_ALL
char *tandem_money_to_locale_string (const TandemMoney *self,
                                     gboolean           with_currency) G_GNUC_WARN_UNUSED_RESULT;
TANDEM_AVAILABLE_IN_ALL
TandemMoney *tandem_money_parse_decimal_comma (const char *text,
                                               GError    **error) G_GNUC_WARN_UNUSED_RESULT;

TANDEM_AVAILABLE_IN_ALL
TandemMoney *tandem_money_add (const TandemMoney *a,
                               const TandemMoney *b,
                               GError           **error) G_GNUC_WARN_UNUSED_RESULT;
TANDEM_AVAILABLE_IN_ALL
TandemMoney *tandem_money_subtract (const TandemMoney *a,
                                    const TandemMoney *b,
                                    GError           **error) G_GNUC_WARN_UNUSED_RESULT;
TANDEM_AVAILABLE_IN_ALL
TandemMoney *tandem_money_negate (const TandemMoney *self) G_GNUC_WARN_UNUSED_RESULT;
TANDEM_AVAILABLE_IN_ALL
int tandem_money_compare (const TandemMoney *a, const TandemMoney *b);
TANDEM_AVAILABLE_IN_ALL
int tandem_money_try_compare (const TandemMoney *a, const TandemMoney *b, GError **error);
TANDEM_AVAILABLE_IN_ALL
gboolean tandem_money_equal (const TandemMoney *a, const TandemMoney *b);
TANDEM_AVAILABLE_IN_ALL
guint tandem_money_hash (const TandemMoney *self);
TANDEM_AVAILABLE_IN_ALL
gboolean tandem_money_is_zero (const TandemMoney *self);
TANDEM_AVAILABLE_IN_ALL
gboolean tandem_money_is_negative (const TandemMoney *self);

TANDEM_AVAILABLE_IN_ALL
TandemMoney *tandem_money_multiply_percent (const TandemMoney *self,
                                            const char        *percent,
                                            GError           **error) G_GNUC_WARN_UNUSED_RESULT;
TANDEM_AVAILABLE_IN_ALL
TandemMoney *tandem_money_multiply_basis_points (const TandemMoney *self,
                                                 gint64             basis_points,
                                                 GError **error) G_GNUC_WARN_UNUSED_RESULT;
TANDEM_AVAILABLE_IN_ALL
GPtrArray *tandem_money_allocate (const TandemMoney *self,
                                  const guint       *weights,
                                  guint              n_weights,
                                  GError           **error) G_GNUC_WARN_UNUSED_RESULT;

TANDEM_AVAILABLE_IN_ALL
gboolean tandem_currency_lookup (const char *code, guint *exponent, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemMoney, tandem_money_unref)

G_END_DECLS
