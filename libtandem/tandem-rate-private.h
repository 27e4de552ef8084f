/* SPDX-License-Identifier: LGPL-2.1-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Rates are fixed-point integers: TANDEM_RATE_ONE is a factor of 1.0, so
 * 1% is 10^8 and one basis point 10^6. Percentages may carry up to eight
 * decimals ("0.125%"), factors up to ten ("1.5"). */
#define TANDEM_RATE_ONE G_GINT64_CONSTANT (10000000000)
#define TANDEM_RATE_PERCENT G_GINT64_CONSTANT (100000000)
#define TANDEM_RATE_BASIS_POINT G_GINT64_CONSTANT (1000000)
/* Largest rate accepted anywhere: a factor of 1,000,000. */
#define TANDEM_RATE_MAX (TANDEM_RATE_ONE * G_GINT64_CONSTANT (1000000))

gboolean _tandem_rate_parse_percent (const char *text, gint64 *out_rate, GError **error);
gboolean _tandem_rate_parse_factor (const char *text, gint64 *out_rate, GError **error);
char    *_tandem_rate_to_percent_string (gint64 rate);
gboolean _tandem_rate_apply (gint64 minor_units, gint64 rate, gint64 *out_minor_units);
gint64   _tandem_mul_div_round (gint64    value,
                                gint64    numerator,
                                gint64    denominator,
                                gboolean *overflow);

G_END_DECLS
