/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test-money.c: TandemMoney parsing, arithmetic, rounding and allocation */

#include <locale.h>
#include <string.h>
#include <tandem.h>

#include "tandem-test.h"

static TandemMoney *
parse_ok (const char *text)
{
  g_autoptr (GError) error = NULL;
  TandemMoney *money = tandem_money_parse (text, &error);

  if (error != NULL)
    g_printerr ("parse %s: %s\n", text, error->message);
  CU_ASSERT_PTR_NULL (error);
  return money;
}

static void
assert_string (const TandemMoney *money, const char *expected)
{
  g_autofree char *text = tandem_money_to_string (money);

  if (strcmp (text, expected) != 0)
    g_printerr ("expected %s, got %s\n", expected, text);
  CU_ASSERT_STRING_EQUAL (text, expected);
}

static void
test_parse_canonical (void)
{
  const struct
  {
    const char *in;
    gint64      minor;
    const char *cur;
    const char *out;
  } cases[] = {
    { "1234.56 EUR", 123456, "EUR", "1234.56 EUR" },
    { "-0.05 EUR", -5, "EUR", "-0.05 EUR" },
    { "1200 JPY", 1200, "JPY", "1200 JPY" },
    { "1.250 KWD", 1250, "KWD", "1.250 KWD" },
    { "0.001 BHD", 1, "BHD", "0.001 BHD" },
    { "12.5 EUR", 1250, "EUR", "12.50 EUR" },
    { "7 USD", 700, "USD", "7.00 USD" },
    { "  +3.10   EUR  ", 310, "EUR", "3.10 EUR" },
    { "-0 EUR", 0, "EUR", "0.00 EUR" },
    { "92233720368547758.07 EUR", G_MAXINT64, "EUR", "92233720368547758.07 EUR" },
    { "-92233720368547758.07 EUR", -G_MAXINT64, "EUR", "-92233720368547758.07 EUR" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (TandemMoney) m = parse_ok (cases[i].in);

      CU_ASSERT_PTR_NOT_NULL_FATAL (m);
      CU_ASSERT_EQUAL (tandem_money_get_minor_units (m), cases[i].minor);
      CU_ASSERT_STRING_EQUAL (tandem_money_get_currency (m), cases[i].cur);
      assert_string (m, cases[i].out);
    }
}

static void
test_parse_errors (void)
{
  const struct
  {
    const char *in;
    int         code;
  } cases[] = {
    { "", TANDEM_MONEY_ERROR_INVALID },
    { "EUR", TANDEM_MONEY_ERROR_INVALID },
    { "12,50 EUR", TANDEM_MONEY_ERROR_INVALID },
    { "1.2.3 EUR", TANDEM_MONEY_ERROR_INVALID },
    { "12. EUR", TANDEM_MONEY_ERROR_INVALID },
    { ".5 EUR", TANDEM_MONEY_ERROR_INVALID },
    { "12EUR", TANDEM_MONEY_ERROR_INVALID },
    { "12 EURO", TANDEM_MONEY_ERROR_INVALID },
    { "abc", TANDEM_MONEY_ERROR_INVALID },
    { "1e5 EUR", TANDEM_MONEY_ERROR_INVALID },
    { "12 XYZ", TANDEM_MONEY_ERROR_UNKNOWN_CURRENCY },
    { "12 eur", TANDEM_MONEY_ERROR_UNKNOWN_CURRENCY },
    { "12 XAU", TANDEM_MONEY_ERROR_UNKNOWN_CURRENCY },
    { "1.234 EUR", TANDEM_MONEY_ERROR_TOO_MANY_DECIMALS },
    { "1.5 JPY", TANDEM_MONEY_ERROR_TOO_MANY_DECIMALS },
    { "92233720368547758.08 EUR", TANDEM_MONEY_ERROR_OVERFLOW },
    { "-92233720368547758.08 EUR", TANDEM_MONEY_ERROR_OVERFLOW },
    { "99999999999999999999999 JPY", TANDEM_MONEY_ERROR_OVERFLOW },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (TandemMoney) m = tandem_money_parse (cases[i].in, &error);

      CU_ASSERT_PTR_NULL (m);
      if (error == NULL || error->code != cases[i].code)
        g_printerr ("case “%s”: expected code %d, got %s\n", cases[i].in, cases[i].code,
                    error ? error->message : "success");
      /* each message quotes the input it rejects */
      TANDEM_ASSERT_ERROR (error, TANDEM_MONEY_ERROR, cases[i].code,
                           cases[i].in[0] != '\0' ? cases[i].in : NULL);
    }
}

static void
test_currency_table (void)
{
  g_autoptr (GError) error = NULL;
  guint exponent = 99;

  CU_ASSERT_TRUE (tandem_currency_lookup ("EUR", &exponent, NULL));
  CU_ASSERT_EQUAL (exponent, 2);
  CU_ASSERT_TRUE (tandem_currency_lookup ("USD", &exponent, NULL));
  CU_ASSERT_EQUAL (exponent, 2);
  CU_ASSERT_TRUE (tandem_currency_lookup ("JPY", &exponent, NULL));
  CU_ASSERT_EQUAL (exponent, 0);
  CU_ASSERT_TRUE (tandem_currency_lookup ("KRW", &exponent, NULL));
  CU_ASSERT_EQUAL (exponent, 0);
  CU_ASSERT_TRUE (tandem_currency_lookup ("KWD", &exponent, NULL));
  CU_ASSERT_EQUAL (exponent, 3);
  CU_ASSERT_TRUE (tandem_currency_lookup ("BHD", &exponent, NULL));
  CU_ASSERT_EQUAL (exponent, 3);
  CU_ASSERT_TRUE (tandem_currency_lookup ("CLF", &exponent, NULL));
  CU_ASSERT_EQUAL (exponent, 4);
  CU_ASSERT_TRUE (tandem_currency_lookup ("CHF", NULL, NULL));
  CU_ASSERT_TRUE (tandem_currency_lookup ("XCG", NULL, NULL));

  CU_ASSERT_FALSE (tandem_currency_lookup ("DEM", NULL, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_MONEY_ERROR, TANDEM_MONEY_ERROR_UNKNOWN_CURRENCY, "DEM");
  CU_ASSERT_FALSE (tandem_currency_lookup ("EU", NULL, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_MONEY_ERROR, TANDEM_MONEY_ERROR_UNKNOWN_CURRENCY, "EU");
}

static void
test_round_trip_random (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (4217);
  const char *codes[] = { "EUR", "JPY", "KWD", "USD", "CLF" };

  for (guint i = 0; i < 20000; i++)
    {
      gint64 minor = (gint64)(((guint64)g_rand_int (rand) << 32) | g_rand_int (rand))
                     >> (g_rand_int_range (rand, 0, 63));
      const char *code = codes[g_rand_int_range (rand, 0, G_N_ELEMENTS (codes))];
      g_autoptr (TandemMoney) m = NULL;
      g_autoptr (TandemMoney) back = NULL;
      g_autofree char *text = NULL;

      if (minor == G_MININT64)
        minor = 0;
      m = tandem_money_new (minor, code);
      text = tandem_money_to_string (m);
      back = parse_ok (text);
      CU_ASSERT_PTR_NOT_NULL_FATAL (back);
      CU_ASSERT_TRUE (tandem_money_equal (m, back));
    }
}

static void
test_arithmetic (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemMoney) a = parse_ok ("10.25 EUR");
  g_autoptr (TandemMoney) b = parse_ok ("0.75 EUR");
  g_autoptr (TandemMoney) yen = parse_ok ("100 JPY");
  g_autoptr (TandemMoney) max = tandem_money_new (G_MAXINT64, "EUR");
  g_autoptr (TandemMoney) min = tandem_money_new (-G_MAXINT64, "EUR");
  g_autoptr (TandemMoney) sum = tandem_money_add (a, b, &error);
  g_autoptr (TandemMoney) diff = NULL;
  g_autoptr (TandemMoney) neg = NULL;
  g_autoptr (TandemMoney) bad = NULL;
  g_autoptr (TandemMoney) zero = tandem_money_new_zero ("EUR");

  TANDEM_ASSERT_NO_ERROR (error);
  assert_string (sum, "11.00 EUR");
  diff = tandem_money_subtract (b, a, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  assert_string (diff, "-9.50 EUR");
  neg = tandem_money_negate (diff);
  assert_string (neg, "9.50 EUR");
  CU_ASSERT_TRUE (tandem_money_is_negative (diff));
  CU_ASSERT_FALSE (tandem_money_is_negative (neg));
  CU_ASSERT_TRUE (tandem_money_is_zero (zero));
  CU_ASSERT_FALSE (tandem_money_is_zero (a));

  CU_ASSERT (tandem_money_compare (a, b) > 0);
  CU_ASSERT (tandem_money_compare (b, a) < 0);
  CU_ASSERT (tandem_money_compare (a, a) == 0);
  CU_ASSERT (tandem_money_compare (a, yen) < 0); /* EUR sorts before JPY */
  CU_ASSERT_TRUE (tandem_money_equal (a, a));
  CU_ASSERT_FALSE (tandem_money_equal (a, b));
  CU_ASSERT_EQUAL (tandem_money_hash (a), tandem_money_hash (a));

  bad = tandem_money_add (a, yen, &error);
  CU_ASSERT_PTR_NULL (bad);
  TANDEM_ASSERT_ERROR (error, TANDEM_MONEY_ERROR, TANDEM_MONEY_ERROR_CURRENCY_MISMATCH, "JPY");
  bad = tandem_money_subtract (yen, a, &error);
  CU_ASSERT_PTR_NULL (bad);
  TANDEM_ASSERT_ERROR (error, TANDEM_MONEY_ERROR, TANDEM_MONEY_ERROR_CURRENCY_MISMATCH, "EUR");

  bad = tandem_money_add (max, b, &error);
  CU_ASSERT_PTR_NULL (bad);
  TANDEM_ASSERT_ERROR (error, TANDEM_MONEY_ERROR, TANDEM_MONEY_ERROR_OVERFLOW,
                       "92233720368547758.07 EUR");
  /* -MAX - 1 would be G_MININT64, which is outside the symmetric range */
  {
    g_autoptr (TandemMoney) cent = tandem_money_new (1, "EUR");

    bad = tandem_money_subtract (min, cent, &error);
    CU_ASSERT_PTR_NULL (bad);
    TANDEM_ASSERT_ERROR (error, TANDEM_MONEY_ERROR, TANDEM_MONEY_ERROR_OVERFLOW, NULL);
  }
  neg = (tandem_money_unref (neg), tandem_money_negate (min));
  CU_ASSERT_TRUE (tandem_money_equal (neg, max));
}

static void
test_multiply_rounding (void)
{
  const struct
  {
    const char *amount;
    const char *rate;
    const char *expected;
  } cases[] = {
    { "1200.00 EUR", "5%", "60.00 EUR" },
    { "0.10 EUR", "5%", "0.01 EUR" },       /* 0.005 rounds away from zero */
    { "-0.10 EUR", "5%", "-0.01 EUR" },     /* -0.005 rounds away from zero */
    { "0.09 EUR", "5%", "0.00 EUR" },       /* 0.0045 rounds to zero */
    { "100.00 EUR", "0.125%", "0.13 EUR" }, /* 0.125 → 0.13 */
    { "-100.00 EUR", "0.125%", "-0.13 EUR" },
    { "1000 JPY", "0.05%", "1 JPY" }, /* 0.5 yen → 1 */
    { "999 JPY", "0.05%", "0 JPY" },  /* 0.4995 yen → 0 */
    { "1.000 KWD", "12.3456%", "0.123 KWD" },
    { "10.00 EUR", "150%", "15.00 EUR" },
    { "10.00 EUR", "-2.5%", "-0.25 EUR" },
    { "10.00 EUR", "0%", "0.00 EUR" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (TandemMoney) m = parse_ok (cases[i].amount);
      g_autoptr (TandemMoney) product = tandem_money_multiply_percent (m, cases[i].rate, &error);

      TANDEM_ASSERT_NO_ERROR (error);
      assert_string (product, cases[i].expected);
    }

  {
    g_autoptr (GError) error = NULL;
    g_autoptr (TandemMoney) m = parse_ok ("0.10 EUR");
    g_autoptr (TandemMoney) p = tandem_money_multiply_basis_points (m, 500, &error);
    g_autoptr (TandemMoney) big = tandem_money_new (G_MAXINT64, "EUR");
    g_autoptr (TandemMoney) bad = NULL;

    TANDEM_ASSERT_NO_ERROR (error);
    assert_string (p, "0.01 EUR");

    bad = tandem_money_multiply_percent (m, "five percent", &error);
    CU_ASSERT_PTR_NULL (bad);
    TANDEM_ASSERT_ERROR (error, TANDEM_MONEY_ERROR, TANDEM_MONEY_ERROR_INVALID_RATE,
                         "five percent");
    bad = tandem_money_multiply_percent (m, "5", &error);
    CU_ASSERT_PTR_NULL (bad);
    TANDEM_ASSERT_ERROR (error, TANDEM_MONEY_ERROR, TANDEM_MONEY_ERROR_INVALID_RATE, "5");
    bad = tandem_money_multiply_percent (m, "0.000000001%", &error);
    CU_ASSERT_PTR_NULL (bad);
    TANDEM_ASSERT_ERROR (error, TANDEM_MONEY_ERROR, TANDEM_MONEY_ERROR_INVALID_RATE, NULL);
    bad = tandem_money_multiply_percent (big, "200%", &error);
    CU_ASSERT_PTR_NULL (bad);
    TANDEM_ASSERT_ERROR (error, TANDEM_MONEY_ERROR, TANDEM_MONEY_ERROR_OVERFLOW, "200%");
    bad = tandem_money_multiply_basis_points (m, G_MAXINT64, &error);
    CU_ASSERT_PTR_NULL (bad);
    TANDEM_ASSERT_ERROR (error, TANDEM_MONEY_ERROR, TANDEM_MONEY_ERROR_INVALID_RATE, NULL);
  }
}

static GPtrArray *
allocate_ok (const TandemMoney *m, const guint *weights, guint n)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *parts = tandem_money_allocate (m, weights, n, &error);

  TANDEM_ASSERT_NO_ERROR (error);
  return parts;
}

static void
test_allocate_worked (void)
{
  g_autoptr (TandemMoney) a = parse_ok ("99.99 EUR");
  g_autoptr (TandemMoney) b = parse_ok ("100.00 EUR");
  g_autoptr (TandemMoney) c = parse_ok ("-100.00 EUR");
  g_autoptr (TandemMoney) d = parse_ok ("0.05 EUR");
  const guint w7525[] = { 75, 25 };
  const guint w111[] = { 1, 1, 1 };
  const guint w0[] = { 0, 3, 0, 1 };
  g_autoptr (GPtrArray) p1 = allocate_ok (a, w7525, 2);
  g_autoptr (GPtrArray) p2 = allocate_ok (b, w111, 3);
  g_autoptr (GPtrArray) p3 = allocate_ok (c, w111, 3);
  g_autoptr (GPtrArray) p4 = allocate_ok (d, w0, 4);

  /* exact shares 74.9925 and 24.9975: the cent goes to the larger remainder */
  assert_string (p1->pdata[0], "74.99 EUR");
  assert_string (p1->pdata[1], "25.00 EUR");
  /* three equal remainders: the tie goes to the lower index */
  assert_string (p2->pdata[0], "33.34 EUR");
  assert_string (p2->pdata[1], "33.33 EUR");
  assert_string (p2->pdata[2], "33.33 EUR");
  /* negative amounts are the mirror image */
  assert_string (p3->pdata[0], "-33.34 EUR");
  assert_string (p3->pdata[1], "-33.33 EUR");
  assert_string (p3->pdata[2], "-33.33 EUR");
  /* zero weights get nothing: 5 cents by 3:1 is 3.75 + 1.25 → 4 + 1 */
  assert_string (p4->pdata[0], "0.00 EUR");
  assert_string (p4->pdata[1], "0.04 EUR");
  assert_string (p4->pdata[2], "0.00 EUR");
  assert_string (p4->pdata[3], "0.01 EUR");
}

static void
test_allocate_errors (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemMoney) m = parse_ok ("1.00 EUR");
  const guint zeros[] = { 0, 0 };
  g_autoptr (GPtrArray) parts = tandem_money_allocate (m, zeros, 2, &error);

  CU_ASSERT_PTR_NULL (parts);
  TANDEM_ASSERT_ERROR (error, TANDEM_MONEY_ERROR, TANDEM_MONEY_ERROR_INVALID_WEIGHTS, NULL);
  parts = tandem_money_allocate (m, NULL, 0, &error);
  CU_ASSERT_PTR_NULL (parts);
  TANDEM_ASSERT_ERROR (error, TANDEM_MONEY_ERROR, TANDEM_MONEY_ERROR_INVALID_WEIGHTS, NULL);
}

static gint64
random_amount (GRand *rand)
{
  switch (g_rand_int_range (rand, 0, 5))
    {
    case 0:
      return g_rand_int_range (rand, -1000, 1000);
    case 1:
      return (gint64)g_rand_int_range (rand, -2000000000, 2000000000) * 1000;
    case 2: /* near G_MAXINT64 / 2, both signs */
      return (G_MAXINT64 / 2 - g_rand_int_range (rand, 0, 1 << 30))
             * (g_rand_boolean (rand) ? 1 : -1);
    case 3:
      return (gint64)(((guint64)g_rand_int (rand) << 31) ^ g_rand_int (rand))
             * (g_rand_boolean (rand) ? 1 : -1);
    default:
      return 0;
    }
}

static void
fill_weights (GRand *rand, guint *weights, guint n)
{
  guint total = 0;

  do
    {
      total = 0;
      for (guint i = 0; i < n; i++)
        {
          switch (g_rand_int_range (rand, 0, 4))
            {
            case 0:
              weights[i] = 0;
              break;
            case 1:
              weights[i] = g_rand_int_range (rand, 1, 10);
              break;
            case 2:
              weights[i] = g_rand_int_range (rand, 0, 10001);
              break;
            default:
              weights[i] = g_rand_int (rand) >> 4;
              break;
            }
          total |= weights[i];
        }
    }
  while (total == 0);
}

/* Allocation is checked against exact rational arithmetic: with M the
 * amount, w_i the weights and W their sum, part_i * W differs from M * w_i
 * by less than W (within one minor unit), and the parts sum to M. */
static guint
check_allocations (guint32 seed, guint iterations, guint64 *digest)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  guint failures = 0;

  *digest = 1469598103934665603ULL;

  for (guint iter = 0; iter < iterations; iter++)
    {
      guint  n = g_rand_int_range (rand, 1, 13);
      guint  weights[12];
      gint64 minor = random_amount (rand);
      g_autoptr (TandemMoney) m = tandem_money_new (minor, "EUR");
      g_autoptr (GPtrArray) parts = NULL;
      __int128 sum = 0;
      __int128 total_weight = 0;

      fill_weights (rand, weights, n);
      parts = tandem_money_allocate (m, weights, n, NULL);
      if (parts == NULL || parts->len != n)
        {
          failures++;
          continue;
        }

      for (guint i = 0; i < n; i++)
        total_weight += weights[i];

      for (guint i = 0; i < n; i++)
        {
          gint64   part = tandem_money_get_minor_units (parts->pdata[i]);
          __int128 diff = (__int128)part * total_weight - (__int128)minor * weights[i];

          if (diff < 0)
            diff = -diff;
          if (diff >= total_weight || (weights[i] == 0 && part != 0))
            failures++;
          sum += part;
          *digest = (*digest ^ (guint64)part) * 1099511628211ULL;
        }

      if (sum != minor)
        failures++;
    }

  return failures;
}

static void
test_allocate_property (void)
{
  guint64 digest1, digest2;
  guint   failures;

  failures = check_allocations (20261125, 100000, &digest1);
  CU_ASSERT_EQUAL (failures, 0);
  /* the same seed gives the same parts */
  failures = check_allocations (20261125, 100000, &digest2);
  CU_ASSERT_EQUAL (failures, 0);
  CU_ASSERT_EQUAL (digest1, digest2);
}

static void
test_boxed_type (void)
{
  g_autoptr (TandemMoney) m = parse_ok ("5.00 EUR");
  GValue       value = G_VALUE_INIT;
  TandemMoney *copy;

  g_value_init (&value, TANDEM_TYPE_MONEY);
  g_value_set_boxed (&value, m);
  copy = g_value_dup_boxed (&value);
  CU_ASSERT_PTR_EQUAL (copy, m); /* immutable: copying is a reference */
  tandem_money_unref (copy);
  g_value_unset (&value);
  CU_ASSERT_EQUAL (tandem_money_get_exponent (m), 2);
}

/* German notation: points group thousands in threes, a comma comes
 * before the decimals (issue 25, line 4). */
static void
test_german_notation (void)
{
  static const struct
  {
    const char *text;
    gint64      minor;
    const char *currency;
  } good[] = {
    { "1.234,56 EUR", 123456, "EUR" },
    { "1234,5 EUR", 123450, "EUR" },
    { "-0,99 EUR", -99, "EUR" },
    { "1.200 EUR", 120000, "EUR" },
    { "12.345.678,9 CHF", 1234567890, "CHF" },
    { "1.000 JPY", 1000, "JPY" },
  };
  static const struct
  {
    const char *text;
    const char *needle;
  } bad[] = {
    { "1200.50 EUR", "“1200.50 EUR” is not an amount in German notation" },
    { "1.23,45 EUR", "“1.23,45 EUR” is not an amount in German notation" },
    { "1.2345 EUR", "not an amount in German notation" },
    { "1,5,0 EUR", "not an amount in German notation" },
    { ",50 EUR", "not an amount in German notation" },
    { "12,345 EUR", "“12,345 EUR”, read as “12.345 EUR”" },
  };
  g_autoptr (TandemMoney) big = tandem_money_new (123456789, "EUR");
  g_autoptr (TandemMoney) small = tandem_money_new (-5, "EUR");
  g_autofree char *english = NULL;
  g_autofree char *german = NULL;
  g_autofree char *german_small = NULL;
  g_autofree char *canonical = NULL;
  char            *saved = g_strdup (setlocale (LC_NUMERIC, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (TandemMoney) m = tandem_money_parse_decimal_comma (good[i].text, &error);

      TANDEM_ASSERT_NO_ERROR (error);
      CU_ASSERT_PTR_NOT_NULL_FATAL (m);
      CU_ASSERT_EQUAL (tandem_money_get_minor_units (m), good[i].minor);
      CU_ASSERT_STRING_EQUAL (tandem_money_get_currency (m), good[i].currency);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (TandemMoney) m = tandem_money_parse_decimal_comma (bad[i].text, &error);

      CU_ASSERT_PTR_NULL (m);
      TANDEM_ASSERT_ERROR (error, TANDEM_MONEY_ERROR, -1, bad[i].needle);
    }

  /* tables in the locale; the canonical text never changes */
  setlocale (LC_NUMERIC, "C");
  english = tandem_money_to_locale_string (big, TRUE);
  CU_ASSERT_STRING_EQUAL (english, "1,234,567.89 EUR");
  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") != NULL)
    {
      german = tandem_money_to_locale_string (big, TRUE);
      german_small = tandem_money_to_locale_string (small, FALSE);
      canonical = tandem_money_to_string (big);
      CU_ASSERT_STRING_EQUAL (german, "1.234.567,89 EUR");
      CU_ASSERT_STRING_EQUAL (german_small, "-0,05");
      CU_ASSERT_STRING_EQUAL (canonical, "1234567.89 EUR");
    }
  else
    CU_FAIL ("the de_DE.UTF-8 locale is missing: build-aux/setup.sh generates it");
  setlocale (LC_NUMERIC, saved);
  g_free (saved);
}

int
main (void)
{
  const TandemTestCase cases[] = {
    TANDEM_TEST (test_german_notation),   TANDEM_TEST (test_parse_canonical),
    TANDEM_TEST (test_parse_errors),      TANDEM_TEST (test_currency_table),
    TANDEM_TEST (test_round_trip_random), TANDEM_TEST (test_arithmetic),
    TANDEM_TEST (test_multiply_rounding), TANDEM_TEST (test_allocate_worked),
    TANDEM_TEST (test_allocate_errors),   TANDEM_TEST (test_allocate_property),
    TANDEM_TEST (test_boxed_type),
  };

  return tandem_test_run ("money", cases, G_N_ELEMENTS (cases));
}
