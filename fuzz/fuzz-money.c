/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* fuzz-money.c: money parsing, and the round trip of what parses */

#include <stdlib.h>
#include <string.h>
#include <tandem.h>

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  g_autofree char *text = g_strndup ((const char *)data, size);
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemMoney) money = tandem_money_parse (text, &error);

  if (money == NULL)
    {
      /* every failure is a money error that quotes its input */
      if (error == NULL || error->domain != TANDEM_MONEY_ERROR)
        abort ();
      return 0;
    }

  {
    g_autofree char *canonical = tandem_money_to_string (money);
    g_autoptr (TandemMoney) again = tandem_money_parse (canonical, NULL);
    g_autoptr (TandemMoney) twice = NULL;
    const guint weights[] = { 1, 2, 0, 7 };
    g_autoptr (GPtrArray) parts = NULL;
    gint64 sum = 0;

    if (again == NULL || !tandem_money_equal (money, again))
      abort ();

    parts = tandem_money_allocate (money, weights, G_N_ELEMENTS (weights), NULL);
    for (guint i = 0; i < parts->len; i++)
      sum += tandem_money_get_minor_units (parts->pdata[i]);
    if (sum != tandem_money_get_minor_units (money))
      abort ();

    twice = tandem_money_multiply_percent (money, "5%", NULL);
    (void)twice;
  }
  return 0;
}
