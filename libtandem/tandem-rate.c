/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-rate.c: fixed-point rates and products rounded half away from zero */

#include "config.h"

#include <inttypes.h>

#include "tandem-i18n-private.h"
#include <string.h>

#include "tandem-money.h"
#include "tandem-rate-private.h"

/* Parses "[-]digits[.digits]" with at most @max_decimals decimals into an
 * integer scaled by 10^@scale_digits (max_decimals <= scale_digits). */
static gboolean
parse_decimal (const char *start, const char *end, guint scale_digits, gint64 *out)
{
  const char *p = start;
  gboolean    negative = FALSE;
  gboolean    seen_digit = FALSE;
  guint       decimals = 0;
  gboolean    in_fraction = FALSE;
  gint64      value = 0;

  if (p < end && (*p == '-' || *p == '+'))
    negative = (*p++ == '-');

  for (; p < end; p++)
    {
      if (*p == '.' && !in_fraction)
        {
          in_fraction = TRUE;
          continue;
        }
      if (!g_ascii_isdigit (*p))
        return FALSE;
      if (in_fraction && ++decimals > scale_digits)
        return FALSE;
      if (value > (TANDEM_RATE_MAX - 9) / 10)
        return FALSE;
      value = value * 10 + (*p - '0');
      seen_digit = TRUE;
    }

  if (!seen_digit || (in_fraction && decimals == 0))
    return FALSE;

  for (; decimals < scale_digits; decimals++)
    {
      if (value > TANDEM_RATE_MAX / 10)
        return FALSE;
      value *= 10;
    }

  *out = negative ? -value : value;
  return TRUE;
}

static void
trim (const char **start, const char **end)
{
  while (*start < *end && g_ascii_isspace (**start))
    (*start)++;
  while (*end > *start && g_ascii_isspace ((*end)[-1]))
    (*end)--;
}

gboolean
_tandem_rate_parse_percent (const char *text, gint64 *out_rate, GError **error)
{
  const char *start = text;
  const char *end = text + strlen (text);

  g_assert (out_rate != NULL);

  trim (&start, &end);
  if (end > start && end[-1] == '%')
    {
      end--;
      trim (&start, &end);
      /* percent scaled by 10^8 is exactly TANDEM_RATE_PERCENT units */
      if (parse_decimal (start, end, 8, out_rate))
        return TRUE;
    }

  g_set_error (
      error, TANDEM_MONEY_ERROR, TANDEM_MONEY_ERROR_INVALID_RATE,
      _ ("Invalid percentage “%s”: expected a number followed by %%, such as “5%%” or “0.125%%”"),
      text);
  return FALSE;
}

gboolean
_tandem_rate_parse_factor (const char *text, gint64 *out_rate, GError **error)
{
  const char *start = text;
  const char *end = text + strlen (text);

  g_assert (out_rate != NULL);

  trim (&start, &end);
  if (parse_decimal (start, end, 10, out_rate))
    return TRUE;

  g_set_error (error, TANDEM_MONEY_ERROR, TANDEM_MONEY_ERROR_INVALID_RATE,
               _ ("Invalid factor “%s”: expected a decimal number such as “1.5”"), text);
  return FALSE;
}

char *
_tandem_rate_to_percent_string (gint64 rate)
{
  guint64 magnitude = rate < 0 ? (guint64)-rate : (guint64)rate;
  guint64 whole = magnitude / (guint64)TANDEM_RATE_PERCENT;
  guint64 frac = magnitude % (guint64)TANDEM_RATE_PERCENT;
  char    digits[16];
  int     len;

  if (frac == 0)
    return g_strdup_printf ("%s%" PRIu64 "%%", rate < 0 ? "-" : "", whole);

  len = g_snprintf (digits, sizeof digits, "%08" PRIu64, frac);
  while (len > 0 && digits[len - 1] == '0')
    digits[--len] = '\0';

  return g_strdup_printf ("%s%" PRIu64 ".%s%%", rate < 0 ? "-" : "", whole, digits);
}

gint64
_tandem_mul_div_round (gint64 value, gint64 numerator, gint64 denominator, gboolean *overflow)
{
  __int128 product;
  __int128 quotient;
  __int128 remainder;
  __int128 abs_den;

  g_assert (denominator != 0);

  product = (__int128)value * numerator;
  quotient = product / denominator;
  remainder = product % denominator;
  abs_den = denominator < 0 ? -(__int128)denominator : denominator;

  /* Half away from zero: |remainder| * 2 >= |denominator| moves the
   * quotient one step away from zero, in the direction of the product. */
  if (remainder != 0 && (remainder < 0 ? -remainder : remainder) * 2 >= abs_den)
    quotient += ((product < 0) != (denominator < 0)) ? -1 : 1;

  if (quotient > G_MAXINT64 || quotient <= G_MININT64)
    {
      *overflow = TRUE;
      return 0;
    }

  *overflow = FALSE;
  return (gint64)quotient;
}

gboolean
_tandem_rate_apply (gint64 minor_units, gint64 rate, gint64 *out_minor_units)
{
  gboolean overflow;

  *out_minor_units = _tandem_mul_div_round (minor_units, rate, TANDEM_RATE_ONE, &overflow);
  return !overflow;
}
