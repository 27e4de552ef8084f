/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* split.c: split a commission pool between tandem members, exactly.
 *
 *   tandem-split "1200.00 EUR" 40 60
 *
 * prints each part and checks that the parts sum to the amount. The same
 * task in Python and GJS is in examples/split.py and examples/split.js. */

#include <stdlib.h>
#include <tandem.h>

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemMoney) amount = NULL;
  g_autoptr (TandemMoney) sum = NULL;
  g_autoptr (GPtrArray) parts = NULL;
  g_autofree guint *weights = NULL;
  guint             n_weights;

  if (argc < 3)
    {
      g_printerr ("usage: %s AMOUNT WEIGHT...   e.g. %s \"1200.00 EUR\" 40 60\n", argv[0], argv[0]);
      return 1;
    }

  amount = tandem_money_parse (argv[1], &error);
  if (amount == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  n_weights = argc - 2;
  weights = g_new (guint, n_weights);
  for (guint i = 0; i < n_weights; i++)
    {
      guint64 w;

      if (!g_ascii_string_to_unsigned (argv[i + 2], 10, 0, G_MAXUINT, &w, &error))
        {
          g_printerr ("weight %u: %s\n", i + 1, error->message);
          return 2;
        }
      weights[i] = (guint)w;
    }

  parts = tandem_money_allocate (amount, weights, n_weights, &error);
  if (parts == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  sum = tandem_money_new_zero (tandem_money_get_currency (amount));
  for (guint i = 0; i < parts->len; i++)
    {
      g_autofree char *text = tandem_money_to_string (parts->pdata[i]);
      TandemMoney     *next = tandem_money_add (sum, parts->pdata[i], NULL);

      g_print ("part %u (weight %u): %s\n", i + 1, weights[i], text);
      tandem_money_unref (sum);
      sum = next;
    }

  {
    g_autofree char *total = tandem_money_to_string (sum);
    g_print ("sum: %s (%s)\n", total, tandem_money_equal (sum, amount) ? "exact" : "MISMATCH");
  }

  return tandem_money_equal (sum, amount) ? 0 : 3;
}
