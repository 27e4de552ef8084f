/* SPDX-License-Identifier: LGPL-2.1-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char        code[4];
  guint16     numeric;
  guint8      exponent;
  const char *name;
} TandemCurrencyInfo;

/* Sorted by code; generated from data/iso4217.tsv. */
extern const TandemCurrencyInfo _tandem_currencies[];
extern const gsize              _tandem_n_currencies;

const TandemCurrencyInfo *_tandem_currency_find (const char *code);

/* Parses money text without allocating; @currency gets the code. */
gboolean _tandem_money_parse_parts (const char *text,
                                    gint64     *minor_units,
                                    char        currency[4],
                                    GError    **error);

/* Splits @amount by @weights into @parts (largest remainder, ties to the
 * lower index); FALSE when the weights sum to zero. */
gboolean _tandem_allocate_minor (gint64         amount,
                                 const guint64 *weights,
                                 guint          n_weights,
                                 gint64        *parts);

/* "1,200.00 EUR": grouped for people, not for parsing. */
char *_tandem_money_format_display (gint64 minor_units, const char *currency);
/* German notation ("1.234,56 EUR") as canonical text ("1234.56 EUR"). */
char *_tandem_money_german_to_canonical (const char *text, GError **error);

G_END_DECLS
