/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test-products.c: rates by what was sold: [Product …] and [Category …]
 * groups, Base=margin, and how reversals, accelerators and pay on
 * collection treat them. Every figure is worked out by hand in the
 * comment above its scenario; the suite runs on SQLite and on PostgreSQL. */

#include <string.h>
#include <tandem.h>

#include "tandem-test.h"

/* 5% on the amount, inside 40%; P-100 pays 8%; the category Maschinen
 * pays 6% on the margin, split 50/50; cross-sells split 70/30. */
static const char *plan_text = "[Plan]\n"
                               "Name=Standard\n"
                               "Currency=EUR\n"
                               "TimeZone=Europe/Berlin\n"
                               "CommissionRate=5%\n"
                               "InsideShare=40%\n"
                               "[Kind cross-sell]\n"
                               "InsideShare=70%\n"
                               "[Product P-100]\n"
                               "CommissionRate=8%\n"
                               "[Category Maschinen]\n"
                               "CommissionRate=6%\n"
                               "InsideShare=50%\n"
                               "Base=margin\n"
                               "[Clawback]\n"
                               "WindowDays=90\n";

typedef struct
{
  TandemStore   *store;
  TandemPlan    *plan;
  TandemRep     *inside;
  TandemRep     *field;
  TandemAccount *account;
} World;

static void
world_init (World *w, const char *extra, const char *target)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) since = g_date_time_new_from_iso8601 ("2026-01-01T00:00:00Z", NULL);
  g_autofree char *text = g_strconcat (plan_text, extra ? extra : "", NULL);
  g_autoptr (TandemTeam) draft = NULL;
  g_autoptr (TandemTeam) team = NULL;
  g_autoptr (TandemAccount) account = NULL;

  w->store = tandem_test_store_new (NULL, &error);
  g_assert_no_error (error);
  w->plan = tandem_plan_new_from_data (text, -1, &error);
  g_assert_no_error (error);
  w->inside = tandem_store_add_rep (w->store, "Anna Schäfer", TANDEM_ROLE_INSIDE, &error);
  w->field = tandem_store_add_rep (w->store, "Jonas Becker", TANDEM_ROLE_FIELD, &error);
  draft = tandem_team_new ("Nord", w->inside, w->field, &error);
  if (target != NULL)
    {
      g_autofree char *full = g_strdup_printf ("%s EUR", target);
      g_autoptr (TandemMoney) t = tandem_money_parse (full, NULL);

      tandem_team_set_target (draft, t);
    }
  team = tandem_store_save_team (w->store, draft, since, &error);
  account = tandem_account_new ("ACME GmbH", team);
  w->account = tandem_store_save_account (w->store, account, since, &error);
  g_assert_no_error (error);
}

static void
world_clear (World *w)
{
  g_clear_object (&w->account);
  g_clear_object (&w->field);
  g_clear_object (&w->inside);
  g_clear_object (&w->plan);
  g_clear_object (&w->store);
}

/* A sale by the field rep; @cost NULL for none. */
static TandemActivity *
sell (World             *w,
      TandemActivityKind kind,
      const char        *amount,
      const char        *product,
      const char        *category,
      const char        *cost,
      const char        *when)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) t = g_date_time_new_from_iso8601 (when, NULL);
  g_autofree char *a = g_strdup_printf ("%s EUR", amount);
  g_autofree char *c = cost ? g_strdup_printf ("%s EUR", cost) : NULL;
  g_autoptr (TandemMoney) money = tandem_money_parse (a, NULL);
  g_autoptr (TandemMoney) cost_money = c ? tandem_money_parse (c, NULL) : NULL;
  g_autoptr (TandemActivity) draft
      = tandem_activity_new (w->account, w->field, kind, money, t, &error);
  TandemActivity *saved;

  g_assert_no_error (error);
  tandem_activity_set_product (draft, product);
  tandem_activity_set_category (draft, category);
  tandem_activity_set_cost (draft, cost_money);
  saved = tandem_store_save_activity (w->store, draft, NULL, &error);
  g_assert_no_error (error);
  return saved;
}

static TandemSettlement *
settle (World *w, const char *label, GError **error)
{
  g_autoptr (TandemPeriod) period = tandem_plan_parse_period (w->plan, label, NULL);

  return tandem_settlement_new (w->store, w->plan, period, error);
}

/* "kind:amount" of each of @rep's lines; the explanations into @texts. */
static char *
statement (TandemSettlement *s, TandemRep *rep, GString *texts)
{
  g_autoptr (GListModel) lines = tandem_settlement_get_lines_for_rep (s, rep);
  GString    *out = g_string_new (NULL);
  GEnumClass *klass = g_type_class_ref (TANDEM_TYPE_LINE_KIND);

  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr (TandemPayoutLine) line = g_list_model_get_item (lines, i);
      g_autofree char *amount = tandem_money_to_string (tandem_payout_line_get_amount (line));

      g_string_append_printf (
          out, "%s%s:%.*s", i ? " " : "",
          g_enum_get_value (klass, tandem_payout_line_get_kind (line))->value_nick,
          (int)(strlen (amount) - 4), amount);
      if (texts != NULL)
        g_string_append_printf (texts, "%s\n", tandem_payout_line_get_explanation (line));
    }
  g_type_class_unref (klass);
  return g_string_free (out, FALSE);
}

#define ASSERT_STATEMENT(s, rep, texts, expected)                                            \
  G_STMT_START                                                                               \
  {                                                                                          \
    g_autofree char *got_ = statement ((s), (rep), (texts));                                 \
    if (strcmp (got_, (expected)) != 0)                                                      \
      g_printerr ("%s:%d: expected “%s”, got “%s”\n", __FILE__, __LINE__, (expected), got_); \
    CU_ASSERT_STRING_EQUAL (got_, (expected));                                               \
  }                                                                                          \
  G_STMT_END

/* The fallback, margin and a reversal, in November:
 *
 * 1. order 1,000.00, P-100 of Maschinen, cost 700.00: the rate is the
 *    product's 8%, the share and the base the category's (50%, margin):
 *    8% of 300.00 = 24.00 → 12.00 / 12.00.
 * 2. order 2,000.00 of Maschinen, cost 1,500.00: 6% of the margin 500.00
 *    = 30.00 → 15.00 / 15.00.
 * 3. cross-sell 1,000.00 of P-100, no category, no cost: 8% of the
 *    amount (the plan's base) = 80.00, the kind's share 70% → 56.00 /
 *    24.00.
 * 4. order 400.00 of Maschinen at a loss (cost 500.00): no margin, 0.00.
 * 5. order 500.00 without product or category: the plan's 5% of the
 *    amount, 40% → 10.00 / 15.00.
 * 6. a reversal of half of order 1 takes back half of what it earned
 *    under the same group: 24.00 × 500 / 1,000 = 12.00, split by what
 *    each earned (12 : 12) → −6.00 / −6.00. */
static void
test_fallback_margin_and_reversal (void)
{
  World w = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemActivity) o1 = NULL;
  g_autoptr (TandemActivity) draft = NULL;
  g_autoptr (TandemActivity) rev = NULL;
  g_autoptr (TandemSettlement) s = NULL;
  g_autoptr (GString) texts = g_string_new (NULL);
  g_autoptr (GDateTime) t = g_date_time_new_from_iso8601 ("2026-11-10T10:00:00Z", NULL);
  g_autoptr (TandemMoney) half = tandem_money_parse ("500.00 EUR", NULL);

  world_init (&w, NULL, NULL);
  o1 = sell (&w, TANDEM_ACTIVITY_KIND_ORDER, "1000.00", "P-100", "Maschinen", "700.00",
             "2026-11-02T10:00:00Z");
  g_object_unref (sell (&w, TANDEM_ACTIVITY_KIND_ORDER, "2000.00", NULL, "Maschinen", "1500.00",
                        "2026-11-03T10:00:00Z"));
  g_object_unref (sell (&w, TANDEM_ACTIVITY_KIND_CROSS_SELL, "1000.00", "P-100", NULL, NULL,
                        "2026-11-04T10:00:00Z"));
  g_object_unref (sell (&w, TANDEM_ACTIVITY_KIND_ORDER, "400.00", NULL, "Maschinen", "500.00",
                        "2026-11-05T10:00:00Z"));
  g_object_unref (
      sell (&w, TANDEM_ACTIVITY_KIND_ORDER, "500.00", NULL, NULL, NULL, "2026-11-06T10:00:00Z"));
  draft = tandem_activity_new_reversal (o1, w.inside, half, t, &error);
  rev = tandem_store_save_activity (w.store, draft, NULL, &error);
  g_assert_no_error (error);

  s = settle (&w, "2026-11", &error);
  TANDEM_ASSERT_NO_ERROR (error);
  ASSERT_STATEMENT (s, w.inside, texts,
                    "commission:12.00 commission:15.00 commission:56.00 commission:0.00 "
                    "commission:10.00 clawback:-6.00");
  ASSERT_STATEMENT (s, w.field, NULL,
                    "commission:12.00 commission:15.00 commission:24.00 commission:0.00 "
                    "commission:15.00 clawback:-6.00");
  /* the explanations name the group and, for margin, the cost */
  CU_ASSERT_PTR_NOT_NULL (strstr (texts->str, "8% of the margin 300.00 EUR (the amount less the "
                                              "cost 700.00 EUR) of order"));
  CU_ASSERT_PTR_NOT_NULL (strstr (texts->str, "(rules of [Product P-100])"));
  CU_ASSERT_PTR_NOT_NULL (strstr (texts->str, "(rules of [Category Maschinen])"));
  CU_ASSERT_PTR_NOT_NULL (
      strstr (texts->str, "no margin (the cost 500.00 EUR is not below the amount)"));

  /* closed, the period reads back the same lines and explanations */
  {
    g_autoptr (TandemPeriod) nov = tandem_plan_parse_period (w.plan, "2026-11", NULL);
    g_autoptr (TandemSettlement) closed = NULL;
    g_autoptr (TandemSettlement) again = NULL;
    g_autoptr (GString) frozen = g_string_new (NULL);

    CU_ASSERT_TRUE (tandem_plan_add (w.store, w.plan, &error));
    closed = tandem_settlement_close (w.store, w.plan, nov, &error);
    TANDEM_ASSERT_NO_ERROR (error);
    again = settle (&w, "2026-11", &error);
    CU_ASSERT_EQUAL (tandem_settlement_get_state (again), TANDEM_SETTLEMENT_STATE_CLOSED);
    ASSERT_STATEMENT (again, w.inside, frozen,
                      "commission:12.00 commission:15.00 commission:56.00 commission:0.00 "
                      "commission:10.00 clawback:-6.00");
    CU_ASSERT_STRING_EQUAL (frozen->str, texts->str);
  }
  world_clear (&w);
}

/* Base=margin needs a cost: the settlement fails naming the activity and
 * the group, and a plan's groups are checked as they are read. */
static void
test_margin_needs_a_cost (void)
{
  World w = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemActivity) a = NULL;
  g_autoptr (TandemSettlement) s = NULL;
  g_autofree char *needle = NULL;

  world_init (&w, NULL, NULL);
  a = sell (&w, TANDEM_ACTIVITY_KIND_ORDER, "500.00", NULL, "Maschinen", NULL,
            "2026-11-02T10:00:00Z");
  s = settle (&w, "2026-11", &error);
  CU_ASSERT_PTR_NULL (s);
  needle = g_strdup_printf ("Activity #%" G_GINT64_FORMAT " has no cost, but [Category "
                            "Maschinen]",
                            tandem_activity_get_id (a));
  TANDEM_ASSERT_ERROR (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_INVALID_VALUE, needle);
  g_clear_error (&error);

  {
    static const struct
    {
      const char *text;
      const char *needle;
    } bad[] = {
      { "[Product P-1]\nBase=profit\n", "[Product P-1] Base=profit: expected amount or margin" },
      { "[Category K]\nCommissionRate=150%\n", "[Category K] CommissionRate=150%" },
      { "[Product P-1]\nSplit=equal\n", "[Product P-1]" },
      { "[Product ]\nCommissionRate=1%\n", "names it" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autofree char *text = g_strconcat (plan_text, bad[i].text, NULL);

        CU_ASSERT_PTR_NULL (tandem_plan_new_from_data (text, -1, &error));
        TANDEM_ASSERT_ERROR (error, TANDEM_PLAN_ERROR, -1, bad[i].needle);
        g_clear_error (&error);
      }
  }
  world_clear (&w);
}

/* An accelerator on the margin. Target 1,000.00, Above=100%,
 * Multiplier=1.5. Order 2,000.00 of Maschinen, cost 1,000.00: 6% of the
 * margin 1,000.00 = 60.00 → 30.00 / 30.00. Of the amount, 1,000.00 lies
 * above the threshold of 1,000.00: its share of the margin is
 * 1,000 × 1,000 / 2,000 = 500.00, at 6% × 0.5 = 3% = 15.00 → 7.50 /
 * 7.50. */
static void
test_accelerator_on_the_margin (void)
{
  World w = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemSettlement) s = NULL;
  g_autoptr (GString) texts = g_string_new (NULL);

  world_init (&w, "[Accelerator]\nAbove=100%\nMultiplier=1.5\n", "1000.00");
  g_object_unref (sell (&w, TANDEM_ACTIVITY_KIND_ORDER, "2000.00", NULL, "Maschinen", "1000.00",
                        "2026-11-02T10:00:00Z"));
  s = settle (&w, "2026-11", &error);
  TANDEM_ASSERT_NO_ERROR (error);
  ASSERT_STATEMENT (s, w.inside, texts, "commission:30.00 accelerator:7.50");
  CU_ASSERT_PTR_NOT_NULL (strstr (texts->str, "share of the margin"));
  world_clear (&w);
}

/* Pay on collection on the margin. Order 1,000.00 of P-100 and
 * Maschinen, cost 700.00: Anna earns 12.00 (scenario 1). The customer
 * pays 250.00 in November: 12.00 × 250 / 1,000 = 3.00 paid, 9.00 held;
 * 750.00 in December: the other 9.00. */
static void
test_collection_on_the_margin (void)
{
  World w = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemActivity) order = NULL;
  g_autoptr (TandemSettlement) nov = NULL;
  g_autoptr (TandemSettlement) dec = NULL;
  g_autoptr (TandemMoney) held = NULL;
  const char *pays[][2]
      = { { "250.00 EUR", "2026-11-20T10:00:00Z" }, { "750.00 EUR", "2026-12-03T10:00:00Z" } };

  world_init (&w, "", NULL);
  g_clear_object (&w.plan);
  {
    g_autofree char *text = g_strconcat (plan_text, "", NULL);
    g_autofree char *collect = NULL;
    char            *at = strstr (text, "InsideShare=40%\n");

    at[strlen ("InsideShare=40%\n") - 1] = '\0';
    collect = g_strdup_printf ("%s\nPayOn=payment\n%s", text, at + strlen ("InsideShare=40%\n"));
    w.plan = tandem_plan_new_from_data (collect, -1, &error);
    g_assert_no_error (error);
  }
  order = sell (&w, TANDEM_ACTIVITY_KIND_ORDER, "1000.00", "P-100", "Maschinen", "700.00",
                "2026-11-02T10:00:00Z");
  for (guint i = 0; i < G_N_ELEMENTS (pays); i++)
    {
      g_autoptr (GDateTime) t = g_date_time_new_from_iso8601 (pays[i][1], NULL);
      g_autoptr (TandemMoney) m = tandem_money_parse (pays[i][0], NULL);
      g_autoptr (TandemActivity) p = tandem_activity_new_payment (order, w.inside, m, t, &error);
      g_autoptr (TandemActivity) saved = tandem_store_save_activity (w.store, p, NULL, &error);

      g_assert_no_error (error);
    }
  nov = settle (&w, "2026-11", &error);
  TANDEM_ASSERT_NO_ERROR (error);
  ASSERT_STATEMENT (nov, w.inside, NULL, "commission:3.00");
  held = tandem_settlement_get_held_for_rep (nov, w.inside);
  CU_ASSERT_EQUAL (tandem_money_get_minor_units (held), 900);
  dec = settle (&w, "2026-12", &error);
  TANDEM_ASSERT_NO_ERROR (error);
  ASSERT_STATEMENT (dec, w.inside, NULL, "commission:9.00");
  world_clear (&w);
}

int
main (void)
{
  const TandemTestCase cases[] = {
    TANDEM_TEST (test_fallback_margin_and_reversal),
    TANDEM_TEST (test_margin_needs_a_cost),
    TANDEM_TEST (test_accelerator_on_the_margin),
    TANDEM_TEST (test_collection_on_the_margin),
  };

  return tandem_test_run ("products", cases, G_N_ELEMENTS (cases));
}
