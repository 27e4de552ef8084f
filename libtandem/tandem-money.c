/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-money.c: exact amounts of money in minor units */

#include "config.h"

#include <inttypes.h>
#include <langinfo.h>

#include "tandem-i18n-private.h"
#include <stdlib.h>
#include <string.h>

#include "tandem-money.h"
#include "tandem-currency-private.h"
#include "tandem-rate-private.h"

/**
 * TandemMoney:
 *
 * An exact amount of money: a whole number of minor units (cents for EUR,
 * yen for JPY, fils for KWD) plus an ISO 4217 currency code.
 *
 * Money is never a floating-point number in libtandem. The exponent of the
 * minor unit comes from the currency code: EUR and USD have 2, JPY 0, KWD
 * and BHD 3. A `TandemMoney` is immutable and reference counted; every
 * operation returns a new value.
 *
 * The canonical text form, read by [func@Tandem.Money.parse] and written by
 * [method@Tandem.Money.to_string], is the amount with exactly as many
 * decimals as the currency has, a space and the code: `"1234.56 EUR"`,
 * `"-0.05 EUR"`, `"1200 JPY"`, `"1.250 KWD"`.
 *
 * Rounding rules, written down once:
 *
 * - a single product (amount × rate, see
 *   [method@Tandem.Money.multiply_percent]) is rounded half away from zero
 *   to the minor unit ("kaufmännisch"): 0.5 cent becomes 1 cent and -0.5
 *   cent becomes -1 cent;
 * - a split ([method@Tandem.Money.allocate]) never rounds its parts
 *   independently: it hands out whole minor units by the largest-remainder
 *   method, so the parts always sum to the amount, each part is within one
 *   minor unit of its exact share, and ties go to the lower index.
 *
 * JavaScript numbers are doubles and cannot hold every 64-bit integer:
 * from GJS, create and read amounts through the string functions.
 *
 * Since: 1.0
 */
struct _TandemMoney
{
  gint64 minor_units;
  char   currency[4];
  guint8 exponent;
};

G_DEFINE_BOXED_TYPE (TandemMoney, tandem_money, tandem_money_ref, tandem_money_unref)

/**
 * tandem_money_error_quark:
 *
 * The quark of the %TANDEM_MONEY_ERROR domain.
 *
 * Returns: the error domain
 *
 * Since: 1.0
 */
/* clang-format off */
G_DEFINE_QUARK (tandem-money-error-quark, tandem_money_error)
/* clang-format on */

static const gint64 powers_of_ten[] = {
  1,
  10,
  100,
  1000,
  10000,
  100000,
  1000000,
  10000000,
  100000000,
  1000000000,
  G_GINT64_CONSTANT (10000000000),
};

static int
compare_code (const void *key, const void *elem)
{
  const TandemCurrencyInfo *info = elem;

  return strcmp (key, info->code);
}

const TandemCurrencyInfo *
_tandem_currency_find (const char *code)
{
  if (code == NULL || strlen (code) != 3)
    return NULL;

  return bsearch (code, _tandem_currencies, _tandem_n_currencies, sizeof (TandemCurrencyInfo),
                  compare_code);
}

static TandemMoney *
money_alloc (gint64 minor_units, const TandemCurrencyInfo *info)
{
  TandemMoney *self;

  g_assert (minor_units != G_MININT64);
  g_assert (info != NULL);

  self = g_atomic_rc_box_new0 (TandemMoney);
  self->minor_units = minor_units;
  memcpy (self->currency, info->code, 4);
  self->exponent = info->exponent;

  return self;
}

static TandemMoney *
money_same_currency (const TandemMoney *like, gint64 minor_units)
{
  TandemMoney *self;

  g_assert (minor_units != G_MININT64);

  self = g_atomic_rc_box_new0 (TandemMoney);
  self->minor_units = minor_units;
  memcpy (self->currency, like->currency, 4);
  self->exponent = like->exponent;

  return self;
}

/**
 * tandem_currency_lookup:
 * @code: a three-letter ISO 4217 code such as "EUR"
 * @exponent: (out) (optional): the number of decimals of the minor unit
 * @error: return location for a #GError
 *
 * Looks up an active ISO 4217 currency code. Codes are upper case; codes
 * without a minor unit (precious metals, test codes) are not money in
 * libtandem and are unknown here.
 *
 * Returns: %TRUE if @code is known, %FALSE with
 *   %TANDEM_MONEY_ERROR_UNKNOWN_CURRENCY otherwise
 *
 * Since: 1.0
 */
gboolean
tandem_currency_lookup (const char *code, guint *exponent, GError **error)
{
  const TandemCurrencyInfo *info;

  g_return_val_if_fail (code != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  info = _tandem_currency_find (code);
  if (info == NULL)
    {
      g_set_error (error, TANDEM_MONEY_ERROR, TANDEM_MONEY_ERROR_UNKNOWN_CURRENCY,
                   _ ("Unknown currency code “%s”: expected an active ISO 4217 code such as EUR"),
                   code);
      return FALSE;
    }

  if (exponent != NULL)
    *exponent = info->exponent;

  return TRUE;
}

/**
 * tandem_money_new: (skip)
 * @minor_units: the amount in minor units (cents for EUR); not %G_MININT64
 * @currency: an active ISO 4217 code such as "EUR"
 *
 * Creates an amount of money. The currency must be known (see
 * [func@Tandem.currency_lookup]); for values from users, use
 * [ctor@Tandem.Money.try_new] or [func@Tandem.Money.parse], which report
 * errors. Bindings see [ctor@Tandem.Money.try_new] under this name.
 *
 * Returns: (transfer full) (nullable): a new `TandemMoney`, or %NULL if
 *   @currency is not a known code
 *
 * Since: 1.0
 */
TandemMoney *
tandem_money_new (gint64 minor_units, const char *currency)
{
  const TandemCurrencyInfo *info;

  g_return_val_if_fail (currency != NULL, NULL);
  g_return_val_if_fail (minor_units != G_MININT64, NULL);

  info = _tandem_currency_find (currency);
  g_return_val_if_fail (info != NULL, NULL);

  return money_alloc (minor_units, info);
}

/**
 * tandem_money_try_new: (rename-to tandem_money_new) (constructor)
 * @minor_units: the amount in minor units (cents for EUR)
 * @currency: an ISO 4217 code such as "EUR"
 * @error: return location for a #GError
 *
 * Creates an amount of money, reporting bad values as errors: an unknown
 * currency (%TANDEM_MONEY_ERROR_UNKNOWN_CURRENCY) or %G_MININT64, which
 * has no negation (%TANDEM_MONEY_ERROR_OVERFLOW). From Python and GJS this
 * is `Tandem.Money.new()`, which raises instead of printing a warning.
 *
 * Returns: (transfer full): a new `TandemMoney`, or %NULL with an error
 *
 * Since: 1.0
 */
TandemMoney *
tandem_money_try_new (gint64 minor_units, const char *currency, GError **error)
{
  const TandemCurrencyInfo *info;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (currency == NULL || (info = _tandem_currency_find (currency)) == NULL)
    {
      g_set_error (error, TANDEM_MONEY_ERROR, TANDEM_MONEY_ERROR_UNKNOWN_CURRENCY,
                   _ ("“%s” is not an ISO 4217 currency code"), currency ? currency : "");
      return NULL;
    }
  if (minor_units == G_MININT64)
    {
      g_set_error (error, TANDEM_MONEY_ERROR, TANDEM_MONEY_ERROR_OVERFLOW,
                   _ ("%" PRId64 " minor units do not fit: the smallest amount is %" PRId64),
                   minor_units, -G_MAXINT64);
      return NULL;
    }
  return money_alloc (minor_units, info);
}

/**
 * tandem_money_try_new_zero: (rename-to tandem_money_new_zero) (constructor)
 * @currency: an ISO 4217 code such as "EUR"
 * @error: return location for a #GError
 *
 * Creates a zero amount in @currency, or reports an unknown currency.
 *
 * Returns: (transfer full): a new `TandemMoney`, or %NULL with
 *   %TANDEM_MONEY_ERROR_UNKNOWN_CURRENCY
 *
 * Since: 1.0
 */
TandemMoney *
tandem_money_try_new_zero (const char *currency, GError **error)
{
  return tandem_money_try_new (0, currency, error);
}

/**
 * tandem_money_new_zero: (skip)
 * @currency: an active ISO 4217 code such as "EUR"
 *
 * Creates a zero amount in @currency.
 *
 * Returns: (transfer full) (nullable): a new `TandemMoney`, or %NULL if
 *   @currency is not a known code
 *
 * Since: 1.0
 */
TandemMoney *
tandem_money_new_zero (const char *currency)
{
  return tandem_money_new (0, currency);
}

gboolean
_tandem_money_parse_parts (const char *text, gint64 *minor_units, char currency[4], GError **error)
{
  const TandemCurrencyInfo *info;
  const char               *p;
  const char               *digits_start;
  const char               *frac_start = NULL;
  gsize                     n_int = 0;
  gsize                     n_frac = 0;
  gboolean                  negative = FALSE;
  guint64                   magnitude = 0;
  char                      code[4];

  p = text;
  while (g_ascii_isspace (*p))
    p++;

  if (*p == '-' || *p == '+')
    negative = (*p++ == '-');

  digits_start = p;
  while (g_ascii_isdigit (*p))
    {
      p++;
      n_int++;
    }
  if (*p == '.')
    {
      frac_start = ++p;
      while (g_ascii_isdigit (*p))
        {
          p++;
          n_frac++;
        }
    }

  if (n_int == 0 || (frac_start != NULL && n_frac == 0) || !g_ascii_isspace (*p))
    goto invalid;

  while (g_ascii_isspace (*p))
    p++;

  if (!(g_ascii_isupper (p[0]) && g_ascii_isupper (p[1]) && g_ascii_isupper (p[2])))
    {
      if (g_ascii_isalpha (p[0]) && g_ascii_isalpha (p[1]) && g_ascii_isalpha (p[2]))
        {
          memcpy (code, p, 3);
          code[3] = '\0';
          g_set_error (error, TANDEM_MONEY_ERROR, TANDEM_MONEY_ERROR_UNKNOWN_CURRENCY,
                       _ ("Invalid amount “%s”: unknown currency code “%s” (codes are upper case, "
                          "such as EUR)"),
                       text, code);
          return FALSE;
        }
      goto invalid;
    }
  memcpy (code, p, 3);
  code[3] = '\0';
  p += 3;
  while (g_ascii_isspace (*p))
    p++;
  if (*p != '\0')
    goto invalid;

  info = _tandem_currency_find (code);
  if (info == NULL)
    {
      g_set_error (error, TANDEM_MONEY_ERROR, TANDEM_MONEY_ERROR_UNKNOWN_CURRENCY,
                   _ ("Invalid amount “%s”: unknown currency code “%s”"), text, code);
      return FALSE;
    }

  if (n_frac > info->exponent)
    {
      g_set_error (error, TANDEM_MONEY_ERROR, TANDEM_MONEY_ERROR_TOO_MANY_DECIMALS,
                   _ ("Invalid amount “%s”: %s has %u decimals, the text has %u"), text, code,
                   (guint)info->exponent, (guint)n_frac);
      return FALSE;
    }

  /* Accumulate all digits, then pad the fraction to the exponent. The
   * magnitude may reach G_MAXINT64 but never more. */
  for (const char *q = digits_start; q < digits_start + n_int; q++)
    {
      if (magnitude > ((guint64)G_MAXINT64 - (guint64)(*q - '0')) / 10)
        goto overflow;
      magnitude = magnitude * 10 + (guint64)(*q - '0');
    }
  for (gsize i = 0; i < info->exponent; i++)
    {
      guint64 digit = (frac_start != NULL && i < n_frac) ? (guint64)(frac_start[i] - '0') : 0;

      if (magnitude > ((guint64)G_MAXINT64 - digit) / 10)
        goto overflow;
      magnitude = magnitude * 10 + digit;
    }

  *minor_units = negative ? -(gint64)magnitude : (gint64)magnitude;
  memcpy (currency, info->code, 4);
  return TRUE;

invalid:
  g_set_error (
      error, TANDEM_MONEY_ERROR, TANDEM_MONEY_ERROR_INVALID,
      _ ("Invalid amount “%s”: expected a number and a currency code, such as “1234.56 EUR”"),
      text);
  return FALSE;

overflow:
  g_set_error (error, TANDEM_MONEY_ERROR, TANDEM_MONEY_ERROR_OVERFLOW,
               _ ("Invalid amount “%s”: too large (at most %" PRId64 " minor units)"), text,
               G_MAXINT64);
  return FALSE;
}

/**
 * tandem_money_parse:
 * @text: an amount such as "1234.56 EUR", "-0.05 EUR" or "1200 JPY"
 * @error: return location for a #GError
 *
 * Parses the canonical text form of an amount: an optional sign, digits,
 * optionally a point and at most as many decimals as the currency has
 * (fewer are padded: "12.5 EUR" is 12.50 EUR), one or more spaces and an
 * ISO 4217 code. Leading and trailing white space is ignored.
 *
 * Each kind of bad input has its own error code in %TANDEM_MONEY_ERROR,
 * and the message quotes the text.
 *
 * Returns: (transfer full): a new `TandemMoney`, or %NULL with @error set
 *
 * Since: 1.0
 */
TandemMoney *
tandem_money_parse (const char *text, GError **error)
{
  gint64 minor;
  char   code[4];

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_tandem_money_parse_parts (text, &minor, code, error))
    return NULL;

  return money_alloc (minor, _tandem_currency_find (code));
}

/**
 * tandem_money_ref:
 * @self: a `TandemMoney`
 *
 * Acquires a reference on @self.
 *
 * Returns: (transfer full): @self
 *
 * Since: 1.0
 */
TandemMoney *
tandem_money_ref (TandemMoney *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

/**
 * tandem_money_unref:
 * @self: (transfer full): a `TandemMoney`
 *
 * Releases a reference on @self; the last one frees it.
 *
 * Since: 1.0
 */
void
tandem_money_unref (TandemMoney *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release (self);
}

/**
 * tandem_money_get_minor_units:
 * @self: a `TandemMoney`
 *
 * Gets the amount in minor units: 123456 for "1234.56 EUR".
 *
 * Returns: the amount in minor units
 *
 * Since: 1.0
 */
gint64
tandem_money_get_minor_units (const TandemMoney *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->minor_units;
}

/**
 * tandem_money_get_currency:
 * @self: a `TandemMoney`
 *
 * Gets the ISO 4217 code of @self.
 *
 * Returns: (transfer none): the currency code, such as "EUR"
 *
 * Since: 1.0
 */
const char *
tandem_money_get_currency (const TandemMoney *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->currency;
}

/**
 * tandem_money_get_exponent:
 * @self: a `TandemMoney`
 *
 * Gets the number of decimals of the currency's minor unit: 2 for EUR,
 * 0 for JPY, 3 for KWD.
 *
 * Returns: the exponent of the minor unit
 *
 * Since: 1.0
 */
guint
tandem_money_get_exponent (const TandemMoney *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->exponent;
}

/**
 * tandem_money_to_string:
 * @self: a `TandemMoney`
 *
 * Formats @self in the canonical form that [func@Tandem.Money.parse]
 * reads back: "1234.56 EUR", "-0.05 EUR", "1200 JPY". No grouping
 * separators; exactly as many decimals as the currency has.
 *
 * Returns: (transfer full): the canonical text
 *
 * Since: 1.0
 */
char *
tandem_money_to_string (const TandemMoney *self)
{
  guint64 magnitude;
  guint64 scale;

  g_return_val_if_fail (self != NULL, NULL);

  magnitude = self->minor_units < 0 ? (guint64)-self->minor_units : (guint64)self->minor_units;

  if (self->exponent == 0)
    return g_strdup_printf ("%s%" PRIu64 " %s", self->minor_units < 0 ? "-" : "", magnitude,
                            self->currency);

  scale = (guint64)powers_of_ten[self->exponent];
  return g_strdup_printf ("%s%" PRIu64 ".%0*" PRIu64 " %s", self->minor_units < 0 ? "-" : "",
                          magnitude / scale, (int)self->exponent, magnitude % scale,
                          self->currency);
}

static gboolean
check_same_currency (const TandemMoney *a, const TandemMoney *b, GError **error)
{
  if (strcmp (a->currency, b->currency) == 0)
    return TRUE;

  g_set_error (error, TANDEM_MONEY_ERROR, TANDEM_MONEY_ERROR_CURRENCY_MISMATCH,
               _ ("Cannot combine amounts in %s and %s"), a->currency, b->currency);
  return FALSE;
}

static TandemMoney *
result_or_overflow (const TandemMoney *like,
                    gboolean           overflowed,
                    gint64             result,
                    const char        *operation,
                    const TandemMoney *a,
                    const TandemMoney *b,
                    GError           **error)
{
  if (overflowed || result == G_MININT64)
    {
      g_autofree char *sa = tandem_money_to_string (a);
      g_autofree char *sb = tandem_money_to_string (b);

      g_set_error (error, TANDEM_MONEY_ERROR, TANDEM_MONEY_ERROR_OVERFLOW,
                   _ ("Overflow in %s of %s and %s"), operation, sa, sb);
      return NULL;
    }

  return money_same_currency (like, result);
}

/**
 * tandem_money_add:
 * @a: a `TandemMoney`
 * @b: a `TandemMoney` in the same currency
 * @error: return location for a #GError
 *
 * Adds two amounts in the same currency.
 *
 * Returns: (transfer full): @a + @b, or %NULL with
 *   %TANDEM_MONEY_ERROR_CURRENCY_MISMATCH or %TANDEM_MONEY_ERROR_OVERFLOW
 *
 * Since: 1.0
 */
TandemMoney *
tandem_money_add (const TandemMoney *a, const TandemMoney *b, GError **error)
{
  gint64   result;
  gboolean overflowed;

  g_return_val_if_fail (a != NULL, NULL);
  g_return_val_if_fail (b != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_same_currency (a, b, error))
    return NULL;

  overflowed = __builtin_add_overflow (a->minor_units, b->minor_units, &result);
  return result_or_overflow (a, overflowed, result, _ ("addition"), a, b, error);
}

/**
 * tandem_money_subtract:
 * @a: a `TandemMoney`
 * @b: a `TandemMoney` in the same currency
 * @error: return location for a #GError
 *
 * Subtracts @b from @a.
 *
 * Returns: (transfer full): @a - @b, or %NULL with
 *   %TANDEM_MONEY_ERROR_CURRENCY_MISMATCH or %TANDEM_MONEY_ERROR_OVERFLOW
 *
 * Since: 1.0
 */
TandemMoney *
tandem_money_subtract (const TandemMoney *a, const TandemMoney *b, GError **error)
{
  gint64   result;
  gboolean overflowed;

  g_return_val_if_fail (a != NULL, NULL);
  g_return_val_if_fail (b != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_same_currency (a, b, error))
    return NULL;

  overflowed = __builtin_sub_overflow (a->minor_units, b->minor_units, &result);
  return result_or_overflow (a, overflowed, result, _ ("subtraction"), a, b, error);
}

/**
 * tandem_money_negate:
 * @self: a `TandemMoney`
 *
 * Negates @self. Amounts are symmetric around zero, so this never
 * overflows.
 *
 * Returns: (transfer full): -@self
 *
 * Since: 1.0
 */
TandemMoney *
tandem_money_negate (const TandemMoney *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return money_same_currency (self, -self->minor_units);
}

/**
 * tandem_money_try_compare: (rename-to tandem_money_compare)
 * @a: a `TandemMoney`
 * @b: a `TandemMoney` in the same currency
 * @error: return location for a #GError
 *
 * Compares two amounts of the same currency. Amounts in two currencies
 * cannot be compared without a rate: that is an error
 * (%TANDEM_MONEY_ERROR_CURRENCY_MISMATCH). From Python and GJS this is
 * `compare()`.
 *
 * Returns: negative if @a is less than @b, zero if equal, positive if
 *   greater; 0 with an error for two currencies
 *
 * Since: 1.0
 */
int
tandem_money_try_compare (const TandemMoney *a, const TandemMoney *b, GError **error)
{
  g_return_val_if_fail (a != NULL, 0);
  g_return_val_if_fail (b != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (strcmp (a->currency, b->currency) != 0)
    {
      g_set_error (error, TANDEM_MONEY_ERROR, TANDEM_MONEY_ERROR_CURRENCY_MISMATCH,
                   _ ("Cannot compare an amount in %s with one in %s"), a->currency, b->currency);
      return 0;
    }
  return (a->minor_units > b->minor_units) - (a->minor_units < b->minor_units);
}

/**
 * tandem_money_compare: (skip)
 * @a: a `TandemMoney`
 * @b: a `TandemMoney`
 *
 * Orders two amounts: by currency code first, then by amount. Amounts in
 * different currencies are not converted; they simply sort by code, which
 * gives a stable total order for sorting mixed lists (a #GCompareFunc).
 * Bindings see [method@Tandem.Money.try_compare] under this name, which
 * refuses two currencies.
 *
 * Returns: negative if @a sorts before @b, zero if equal, positive after
 *
 * Since: 1.0
 */
int
tandem_money_compare (const TandemMoney *a, const TandemMoney *b)
{
  int cmp;

  g_return_val_if_fail (a != NULL, 0);
  g_return_val_if_fail (b != NULL, 0);

  cmp = strcmp (a->currency, b->currency);
  if (cmp != 0)
    return cmp < 0 ? -1 : 1;

  return (a->minor_units > b->minor_units) - (a->minor_units < b->minor_units);
}

/**
 * tandem_money_equal:
 * @a: a `TandemMoney`
 * @b: a `TandemMoney`
 *
 * Whether two amounts have the same currency and the same minor units.
 *
 * Returns: %TRUE if equal
 *
 * Since: 1.0
 */
gboolean
tandem_money_equal (const TandemMoney *a, const TandemMoney *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  return a->minor_units == b->minor_units && strcmp (a->currency, b->currency) == 0;
}

/**
 * tandem_money_hash:
 * @self: a `TandemMoney`
 *
 * A hash consistent with [method@Tandem.Money.equal], for hash tables.
 *
 * Returns: a hash value
 *
 * Since: 1.0
 */
guint
tandem_money_hash (const TandemMoney *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return g_int64_hash (&self->minor_units) * 31 + g_str_hash (self->currency);
}

/**
 * tandem_money_is_zero:
 * @self: a `TandemMoney`
 *
 * Whether @self is zero.
 *
 * Returns: %TRUE for a zero amount
 *
 * Since: 1.0
 */
gboolean
tandem_money_is_zero (const TandemMoney *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->minor_units == 0;
}

/**
 * tandem_money_is_negative:
 * @self: a `TandemMoney`
 *
 * Whether @self is below zero.
 *
 * Returns: %TRUE for a negative amount
 *
 * Since: 1.0
 */
gboolean
tandem_money_is_negative (const TandemMoney *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->minor_units < 0;
}

static TandemMoney *
multiply_rate (const TandemMoney *self, gint64 rate, const char *rate_text, GError **error)
{
  gint64 result;

  if (!_tandem_rate_apply (self->minor_units, rate, &result))
    {
      g_autofree char *amount = tandem_money_to_string (self);

      g_set_error (error, TANDEM_MONEY_ERROR, TANDEM_MONEY_ERROR_OVERFLOW,
                   _ ("Overflow multiplying %s by %s"), amount, rate_text);
      return NULL;
    }

  return money_same_currency (self, result);
}

/**
 * tandem_money_multiply_percent:
 * @self: a `TandemMoney`
 * @percent: a percentage such as "5%", "0.125%" or "-2.5%" (up to eight decimals)
 * @error: return location for a #GError
 *
 * Multiplies @self by a percentage and rounds the product once, half away
 * from zero, to the minor unit: 5% of 0.10 EUR is 0.01 EUR (0.005 rounds
 * up), 5% of -0.10 EUR is -0.01 EUR.
 *
 * Returns: (transfer full): the rounded product, or %NULL with
 *   %TANDEM_MONEY_ERROR_INVALID_RATE or %TANDEM_MONEY_ERROR_OVERFLOW
 *
 * Since: 1.0
 */
TandemMoney *
tandem_money_multiply_percent (const TandemMoney *self, const char *percent, GError **error)
{
  gint64 rate;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (percent != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_tandem_rate_parse_percent (percent, &rate, error))
    return NULL;

  return multiply_rate (self, rate, percent, error);
}

/**
 * tandem_money_multiply_basis_points:
 * @self: a `TandemMoney`
 * @basis_points: the rate in basis points (1 bp = 0.01%, 10000 bp = 100%)
 * @error: return location for a #GError
 *
 * Multiplies @self by a rate in basis points, rounding half away from
 * zero to the minor unit, as [method@Tandem.Money.multiply_percent] does.
 *
 * Returns: (transfer full): the rounded product, or %NULL with
 *   %TANDEM_MONEY_ERROR_INVALID_RATE or %TANDEM_MONEY_ERROR_OVERFLOW
 *
 * Since: 1.0
 */
TandemMoney *
tandem_money_multiply_basis_points (const TandemMoney *self, gint64 basis_points, GError **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  text = g_strdup_printf ("%" PRId64 " bp", basis_points);
  if (basis_points > TANDEM_RATE_MAX / TANDEM_RATE_BASIS_POINT
      || basis_points < -(TANDEM_RATE_MAX / TANDEM_RATE_BASIS_POINT))
    {
      g_set_error (error, TANDEM_MONEY_ERROR, TANDEM_MONEY_ERROR_INVALID_RATE,
                   _ ("Invalid rate “%s”: out of range"), text);
      return NULL;
    }

  return multiply_rate (self, basis_points * TANDEM_RATE_BASIS_POINT, text, error);
}

typedef struct
{
  guint64 remainder;
  guint   index;
} Remainder;

static int
compare_remainders (gconstpointer a, gconstpointer b)
{
  const Remainder *ra = a;
  const Remainder *rb = b;

  /* Largest remainder first; ties to the lower index. */
  if (ra->remainder != rb->remainder)
    return ra->remainder > rb->remainder ? -1 : 1;
  return (ra->index > rb->index) - (ra->index < rb->index);
}

gboolean
_tandem_allocate_minor (gint64 amount, const guint64 *weights, guint n_weights, gint64 *parts)
{
  Remainder             stack_remainders[8];
  g_autofree Remainder *heap_remainders = NULL;
  Remainder            *remainders = stack_remainders;
  unsigned __int128     total_weight = 0;
  unsigned __int128     magnitude;
  guint64               handed_out = 0;
  guint64               leftover;
  gboolean              negative;

  g_assert (amount != G_MININT64);

  for (guint i = 0; i < n_weights; i++)
    total_weight += weights[i];
  if (n_weights == 0 || total_weight == 0)
    return FALSE;

  if (n_weights > G_N_ELEMENTS (stack_remainders))
    remainders = heap_remainders = g_new (Remainder, n_weights);

  negative = amount < 0;
  magnitude = negative ? (guint64)-amount : (guint64)amount;

  for (guint i = 0; i < n_weights; i++)
    {
      unsigned __int128 product = magnitude * weights[i];

      parts[i] = (gint64)(product / total_weight);
      remainders[i].remainder = (guint64)(product % total_weight);
      remainders[i].index = i;
      handed_out += (guint64)parts[i];
    }

  /* Fewer than n_weights minor units are left over. */
  leftover = (guint64)magnitude - handed_out;
  g_assert (leftover < n_weights);

  if (leftover > 0)
    {
      qsort (remainders, n_weights, sizeof (Remainder), compare_remainders);
      for (guint64 i = 0; i < leftover; i++)
        parts[remainders[i].index]++;
    }

  if (negative)
    for (guint i = 0; i < n_weights; i++)
      parts[i] = -parts[i];

  return TRUE;
}

/**
 * tandem_money_allocate:
 * @self: the amount to split
 * @weights: (array length=n_weights): non-negative weights, such as basis points
 * @n_weights: the number of weights, at least 1
 * @error: return location for a #GError
 *
 * Splits @self into @n_weights parts in proportion to @weights, exactly:
 * the parts are in the same currency and always sum to @self, to the minor
 * unit.
 *
 * The largest-remainder method is used: each part first gets the exact
 * share rounded toward zero, then the minor units left over go, one each,
 * to the parts with the largest remainders, ties to the lower index. So
 * each part is within one minor unit of its exact share, and 99.99 EUR
 * split 75/25 gives 74.99 + 25.00 (exact shares 74.9925 and 24.9975).
 * A negative amount is split as the mirror image of its magnitude. Parts
 * with a zero weight are zero.
 *
 * The array owns its parts (it was made with a free function), so one
 * g_ptr_array_unref() releases everything; that is why the annotation is
 * (transfer container): bindings take their own reference on each part.
 *
 * Returns: (transfer container) (element-type TandemMoney): the parts, in
 *   the order of @weights, or %NULL with %TANDEM_MONEY_ERROR_INVALID_WEIGHTS
 *   if there are no weights or they sum to zero
 *
 * Since: 1.0
 */
GPtrArray *
tandem_money_allocate (const TandemMoney *self,
                       const guint       *weights,
                       guint              n_weights,
                       GError           **error)
{
  g_autoptr (GPtrArray) parts = NULL;
  g_autofree guint64 *wide = NULL;
  g_autofree gint64  *shares = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (weights != NULL || n_weights == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  wide = g_new (guint64, MAX (n_weights, 1));
  shares = g_new (gint64, MAX (n_weights, 1));
  for (guint i = 0; i < n_weights; i++)
    wide[i] = weights[i];

  if (!_tandem_allocate_minor (self->minor_units, wide, n_weights, shares))
    {
      g_set_error (error, TANDEM_MONEY_ERROR, TANDEM_MONEY_ERROR_INVALID_WEIGHTS,
                   n_weights == 0 ? _ ("Cannot allocate an amount over no weights")
                                  : _ ("Cannot allocate an amount over weights that sum to zero"));
      return NULL;
    }

  parts = g_ptr_array_new_full (n_weights, (GDestroyNotify)tandem_money_unref);
  for (guint i = 0; i < n_weights; i++)
    g_ptr_array_add (parts, money_same_currency (self, shares[i]));

  return g_steal_pointer (&parts);
}

/**
 * tandem_money_to_display_string:
 * @self: a `TandemMoney`
 * @with_currency: whether to end with the currency code
 *
 * Formats the amount for people to read: thousands grouped with commas
 * and as many decimals as the currency has (ISO 4217 exponent), so
 * 123456 JPY is "123,456", 1234.56 EUR is "1,234.56" and 0.037 KWD is
 * "0.037". This is not for parsing back: use
 * [method@Tandem.Money.to_string] for that.
 *
 * Returns: (transfer full): the text
 *
 * Since: 1.0
 */
char *
tandem_money_to_display_string (const TandemMoney *self, gboolean with_currency)
{
  char *text;

  g_return_val_if_fail (self != NULL, NULL);

  text = _tandem_money_format_display (self->minor_units, self->currency);
  if (!with_currency)
    text[strlen (text) - 4] = '\0';
  return text;
}

char *
_tandem_money_format_display (gint64 minor_units, const char *currency)
{
  const TandemCurrencyInfo *info = _tandem_currency_find (currency);
  guint                     exponent = info ? info->exponent : 2;
  guint64          magnitude = minor_units < 0 ? (guint64)-minor_units : (guint64)minor_units;
  guint64          scale = (guint64)powers_of_ten[exponent];
  g_autofree char *whole = g_strdup_printf ("%" PRIu64, magnitude / scale);
  GString         *out = g_string_new (minor_units < 0 ? "-" : "");
  gsize            len = strlen (whole);

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, whole[i]);
    }
  if (exponent > 0)
    g_string_append_printf (out, ".%0*" PRIu64, (int)exponent, magnitude % scale);
  g_string_append_printf (out, " %s", currency);
  return g_string_free (out, FALSE);
}

/**
 * tandem_money_to_locale_string:
 * @self: a `TandemMoney`
 * @with_currency: whether to end with the currency code
 *
 * Formats the amount as [method@Tandem.Money.to_display_string] does,
 * with the decimal mark and the thousands separator of the current
 * `LC_NUMERIC` locale where its decimal mark is not a point: under
 * `de_DE.UTF-8`, 1234.56 EUR is "1.234,56 EUR". Under a locale with a
 * decimal point (`C`, `en_US`) it is the display string. For tables that
 * people read; never for files or JSON, which keep
 * [method@Tandem.Money.to_string].
 *
 * Returns: (transfer full): the text
 *
 * Since: 1.0
 */
char *
tandem_money_to_locale_string (const TandemMoney *self, gboolean with_currency)
{
  const char      *radix = nl_langinfo (RADIXCHAR);
  const char      *thousands = nl_langinfo (THOUSEP);
  g_autofree char *display = NULL;
  GString         *out;

  g_return_val_if_fail (self != NULL, NULL);

  display = tandem_money_to_display_string (self, with_currency);
  if (radix == NULL || radix[0] == '\0' || strcmp (radix, ".") == 0)
    return g_steal_pointer (&display);
  if (thousands == NULL || strcmp (thousands, radix) == 0)
    thousands = "";
  out = g_string_sized_new (strlen (display) + 8);
  for (const char *p = display; *p != '\0'; p++)
    {
      if (*p == ',')
        g_string_append (out, thousands);
      else if (*p == '.')
        g_string_append (out, radix);
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* "1.234,56", "-1234,5 EUR", "1.200" (German notation: points group
 * thousands in threes, a comma comes before the decimals) as canonical
 * text, "1234.56", "-1234.5 EUR", "1200"; what follows the number (a
 * currency) is kept. NULL with an error naming @text otherwise. */
char *
_tandem_money_german_to_canonical (const char *text, GError **error)
{
  const char *p = text;
  GString    *out = g_string_new (NULL);
  gsize       group = 0;
  gboolean    grouped = FALSE;

  while (g_ascii_isspace (*p))
    p++;
  if (*p == '-' || *p == '+')
    g_string_append_c (out, *p++);
  if (!g_ascii_isdigit (*p))
    goto invalid;
  for (; g_ascii_isdigit (*p) || *p == '.'; p++)
    {
      if (*p == '.')
        {
          /* the first group has 1 to 3 digits, every later one 3 */
          if ((grouped ? group != 3 : group > 3) || group == 0)
            goto invalid;
          grouped = TRUE;
          group = 0;
          continue;
        }
      g_string_append_c (out, *p);
      group++;
    }
  if (grouped && group != 3)
    goto invalid;
  if (*p == ',')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        goto invalid;
      g_string_append_c (out, '.');
      while (g_ascii_isdigit (*p))
        g_string_append_c (out, *p++);
    }
  if (*p != '\0' && !g_ascii_isspace (*p))
    goto invalid;
  while (g_ascii_isspace (*p))
    p++;
  if (*p != '\0')
    g_string_append_printf (out, " %s", p);
  return g_string_free (out, FALSE);

invalid:
  g_string_free (out, TRUE);
  g_set_error (error, TANDEM_MONEY_ERROR, TANDEM_MONEY_ERROR_INVALID,
               _ ("“%s” is not an amount in German notation such as 1.234,56 EUR"), text);
  return NULL;
}

/**
 * tandem_money_parse_decimal_comma:
 * @text: an amount in German notation, such as `1.234,56 EUR`
 * @error: return location for a #GError
 *
 * Parses an amount as German tables and Excel write it: points group the
 * thousands (in threes), a comma comes before the decimals, and the
 * currency code follows. `1.200,50 EUR`, `1200,5 EUR` and `-0,99 EUR` are
 * read; `1200.50 EUR` is refused (in this notation the point groups
 * thousands), as is a number of decimals the currency does not have.
 *
 * Returns: (transfer full): the amount, or %NULL with a
 *   %TANDEM_MONEY_ERROR
 *
 * Since: 1.0
 */
TandemMoney *
tandem_money_parse_decimal_comma (const char *text, GError **error)
{
  g_autofree char *canonical = NULL;
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  TandemMoney *money;

  canonical = _tandem_money_german_to_canonical (text, error);
  if (canonical == NULL)
    return NULL;
  money = tandem_money_parse (canonical, error);
  if (money == NULL)
    /* TRANSLATORS: before why the amount is refused */
    g_prefix_error (error, _ ("“%s”, read as “%s”: "), text, canonical);
  return money;
}
