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
      CU_ASSERT_PTR_NOT_NULL (saved);
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

/* A cap over rates by what was sold. [Cap] PerRep=10.00 EUR. Order
 * 1,000.00 of P-100 in Maschinen, cost 700.00: 12.00 each (scenario 1),
 * cut by the cap to 10.00: a cap line of −2.00 each. */
static void
test_cap_over_product_rates (void)
{
  World w = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemSettlement) s = NULL;

  world_init (&w, "[Cap]\nPerRep=10.00 EUR\n", NULL);
  g_object_unref (sell (&w, TANDEM_ACTIVITY_KIND_ORDER, "1000.00", "P-100", "Maschinen", "700.00",
                        "2026-11-02T10:00:00Z"));
  s = settle (&w, "2026-11", &error);
  TANDEM_ASSERT_NO_ERROR (error);
  ASSERT_STATEMENT (s, w.inside, NULL, "commission:12.00 cap:-2.00");
  ASSERT_STATEMENT (s, w.field, NULL, "commission:12.00 cap:-2.00");
  world_clear (&w);
}

/* SPIFs. [Spiff Frühjahr] pays 50.00 per unit of P-100 sold in
 * November, split by the sale's share; [Spiff Maschinen] 10.00 per unit
 * of the category from October on, half each.
 *
 * November: order 1,000.00 of 2 × P-100 in Maschinen, cost 700.00:
 *   commission 8% of the margin 300.00 = 24.00 → 12.00 / 12.00 (the
 *   category's 50%); Frühjahr 2 × 50.00 = 100.00 → 50.00 / 50.00;
 *   Maschinen 2 × 10.00 = 20.00 → 10.00 / 10.00.
 *   A reversal of half of it takes back half of all it earned, SPIFs
 *   too: (12 + 50 + 10) × 2 = 144.00 × 500 / 1,000 = 72.00 → −36.00 each.
 * December: order 100.00 of 1 × P-100, no category: Frühjahr is over;
 *   8% of 100.00 = 8.00 → 3.20 / 4.80. */
static void
test_spiffs (void)
{
  World w = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemActivity) draft = NULL;
  g_autoptr (TandemActivity) order = NULL;
  g_autoptr (TandemActivity) rev = NULL;
  g_autoptr (TandemSettlement) nov = NULL;
  g_autoptr (TandemSettlement) dec = NULL;
  g_autoptr (GString) texts = g_string_new (NULL);
  g_autoptr (GDateTime) t = g_date_time_new_from_iso8601 ("2026-11-02T10:00:00Z", NULL);
  g_autoptr (GDateTime) later = g_date_time_new_from_iso8601 ("2026-11-20T10:00:00Z", NULL);
  g_autoptr (TandemMoney) amount = tandem_money_parse ("1000.00 EUR", NULL);
  g_autoptr (TandemMoney) cost = tandem_money_parse ("700.00 EUR", NULL);
  g_autoptr (TandemMoney) half = tandem_money_parse ("500.00 EUR", NULL);
  g_autofree char *json = NULL;

  world_init (&w,
              "[Spiff Frühjahr]\nProduct=P-100\nAmount=50.00 EUR\nFrom=2026-11\nUntil=2026-11\n"
              "[Spiff Maschinen]\nCategory=Maschinen\nAmount=10.00 EUR\nFrom=2026-10\n"
              "Split=equal\n",
              NULL);
  draft = tandem_activity_new (w.account, w.field, TANDEM_ACTIVITY_KIND_ORDER, amount, t, &error);
  tandem_activity_set_product (draft, "P-100");
  tandem_activity_set_category (draft, "Maschinen");
  tandem_activity_set_quantity (draft, 2);
  tandem_activity_set_cost (draft, cost);
  order = tandem_store_save_activity (w.store, draft, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&draft);
  draft = tandem_activity_new_reversal (order, w.inside, half, later, &error);
  rev = tandem_store_save_activity (w.store, draft, NULL, &error);
  g_assert_no_error (error);
  g_object_unref (
      sell (&w, TANDEM_ACTIVITY_KIND_ORDER, "100.00", "P-100", NULL, NULL, "2026-12-03T10:00:00Z"));

  nov = settle (&w, "2026-11", &error);
  TANDEM_ASSERT_NO_ERROR (error);
  ASSERT_STATEMENT (nov, w.inside, texts,
                    "commission:12.00 spiff:50.00 spiff:10.00 clawback:-36.00");
  ASSERT_STATEMENT (nov, w.field, NULL, "commission:12.00 spiff:50.00 spiff:10.00 clawback:-36.00");
  CU_ASSERT_PTR_NOT_NULL (strstr (texts->str, "[Spiff Frühjahr]: 2 × 50.00 EUR for order #"));
  CU_ASSERT_PTR_NOT_NULL (strstr (texts->str, "= 100.00 EUR; your share 50% = 50.00 EUR"));
  CU_ASSERT_PTR_NOT_NULL (strstr (texts->str, "= 20.00 EUR; your share 50% = 10.00 EUR"));
  json = tandem_settlement_to_json (nov);
  CU_ASSERT_PTR_NOT_NULL (strstr (json, "\"spiff\""));
  dec = settle (&w, "2026-12", &error);
  TANDEM_ASSERT_NO_ERROR (error);
  ASSERT_STATEMENT (dec, w.inside, NULL, "commission:3.20");

  /* the groups are checked as they are read */
  {
    static const struct
    {
      const char *text;
      const char *needle;
    } bad[] = {
      { "[Spiff X]\nAmount=5.00 EUR\nFrom=2026-11\n", "[Spiff X] needs Product= or Category=" },
      { "[Spiff X]\nProduct=P\nCategory=K\nAmount=5.00 EUR\nFrom=2026-11\n", "one of them" },
      { "[Spiff X]\nProduct=P\nAmount=5.00 USD\nFrom=2026-11\n", "the plan’s currency is EUR" },
      { "[Spiff X]\nProduct=P\nAmount=5.00 EUR\nFrom=2026-Q4\n", "[Spiff X] From=2026-Q4" },
      { "[Spiff X]\nProduct=P\nAmount=5.00 EUR\nFrom=2026-11\nUntil=2026-10\n",
        "[Spiff X] Until=2026-10" },
      { "[Spiff X]\nProduct=P\nAmount=5.00 EUR\nFrom=2026-11\nSplit=half\n",
        "expected share or equal" },
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

static guint
count_audit (World *w)
{
  g_autoptr (GListModel) entries = tandem_audit_entry_list (w->store, NULL, NULL);

  return g_list_model_get_n_items (entries);
}

/* What-if. The stored plan pays 5% (inside 40%); the candidate adds 8%
 * for P-100. November: order 1,000.00 of P-100 and order 500.00.
 *   current: 5% of 1,500.00 = 75.00 → Anna 30.00, Jonas 45.00;
 *   candidate: 8% of 1,000.00 + 5% of 500.00 = 105.00 → 42.00 / 63.00;
 *   difference +12.00 / +18.00 = +30.00; revenue 1,500.00: 5.00% and
 *   7.00% of it.
 * October adds an order of 200.00: 10.00 → 4.00 / 6.00 under both, so the
 * quarter and the year pay 85.00 against 115.00.
 * October and November are closed first: the simulation computes them
 * from the activities all the same, and writes nothing. */
static void
test_simulation (void)
{
  World w = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemPlan) candidate = NULL;
  g_autoptr (TandemPeriod) nov = NULL;
  g_autoptr (TandemSettlement) closed = NULL;
  g_autoptr (TandemSimulation) sim = NULL;
  g_autoptr (TandemSimulation) quarter = NULL;
  g_autoptr (TandemSimulation) year = NULL;
  g_autoptr (GListModel) reps = NULL;
  g_autoptr (GListModel) teams = NULL;
  g_autoptr (TandemSimulationRow) anna = NULL;
  g_autoptr (TandemSimulationRow) nord = NULL;
  g_autoptr (GListModel) before = NULL;
  g_autoptr (GListModel) after = NULL;
  g_autofree char     *json = NULL;
  TandemSimulationRow *total;
  guint                audit;

  world_init (&w, NULL, NULL);
  {
    /* the stored plan: the base without the groups of what was sold */
    g_autoptr (TandemPlan) standard = tandem_plan_new_from_data (
        "[Plan]\nName=Standard\nCurrency=EUR\nTimeZone=Europe/Berlin\nCommissionRate=5%\n"
        "InsideShare=40%\n",
        -1, &error);

    g_clear_object (&w.plan);
    w.plan = g_steal_pointer (&standard);
    CU_ASSERT_TRUE (tandem_plan_add (w.store, w.plan, &error));
  }
  candidate = tandem_plan_new_from_data ("[Plan]\nName=Neu\nCurrency=EUR\nTimeZone=Europe/"
                                         "Berlin\nCommissionRate=5%\nInsideShare=40%\n"
                                         "[Product P-100]\nCommissionRate=8%\n",
                                         -1, &error);
  g_assert_no_error (error);
  g_object_unref (sell (&w, TANDEM_ACTIVITY_KIND_ORDER, "1000.00", "P-100", NULL, NULL,
                        "2026-11-02T10:00:00Z"));
  g_object_unref (
      sell (&w, TANDEM_ACTIVITY_KIND_ORDER, "500.00", NULL, NULL, NULL, "2026-11-03T10:00:00Z"));
  g_object_unref (
      sell (&w, TANDEM_ACTIVITY_KIND_ORDER, "200.00", NULL, NULL, NULL, "2026-10-03T10:00:00Z"));
  nov = tandem_plan_parse_period (w.plan, "2026-11", NULL);
  {
    g_autoptr (TandemPeriod) oct = tandem_plan_parse_period (w.plan, "2026-10", NULL);
    g_autoptr (TandemSettlement) first = tandem_settlement_close (w.store, w.plan, oct, &error);

    TANDEM_ASSERT_NO_ERROR (error);
    CU_ASSERT_EQUAL (tandem_settlement_get_state (first), TANDEM_SETTLEMENT_STATE_CLOSED);
  }
  closed = tandem_settlement_close (w.store, w.plan, nov, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  audit = count_audit (&w);
  before = tandem_store_query_activities (w.store, NULL, &error);

  sim = tandem_simulation_new (w.store, candidate, NULL, nov, NULL, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_STRING_EQUAL (tandem_simulation_get_vs (sim), "Standard");
  CU_ASSERT_STRING_EQUAL (tandem_simulation_get_plan_name (sim), "Neu");
  total = tandem_simulation_get_total (sim);
  CU_ASSERT_EQUAL (tandem_money_get_minor_units (tandem_simulation_row_get_current (total)), 7500);
  CU_ASSERT_EQUAL (tandem_money_get_minor_units (tandem_simulation_row_get_candidate (total)),
                   10500);
  CU_ASSERT_EQUAL (tandem_money_get_minor_units (tandem_simulation_row_get_difference (total)),
                   3000);
  CU_ASSERT_EQUAL (tandem_money_get_minor_units (tandem_simulation_row_get_revenue (total)),
                   150000);
  CU_ASSERT_PTR_NULL (tandem_simulation_row_get_rep (total));
  CU_ASSERT_EQUAL (tandem_simulation_get_current_share (sim), 500);
  CU_ASSERT_EQUAL (tandem_simulation_get_candidate_share (sim), 700);
  reps = tandem_simulation_get_reps (sim);
  CU_ASSERT_EQUAL_FATAL (g_list_model_get_n_items (reps), 2);
  anna = g_list_model_get_item (reps, 0);
  CU_ASSERT_STRING_EQUAL (tandem_simulation_row_get_name (anna), "Anna Schäfer");
  CU_ASSERT_PTR_EQUAL (tandem_simulation_row_get_rep (anna), w.inside);
  CU_ASSERT_EQUAL (tandem_money_get_minor_units (tandem_simulation_row_get_current (anna)), 3000);
  CU_ASSERT_EQUAL (tandem_money_get_minor_units (tandem_simulation_row_get_candidate (anna)), 4200);
  CU_ASSERT_EQUAL (tandem_money_get_minor_units (tandem_simulation_row_get_difference (anna)),
                   1200);
  teams = tandem_simulation_get_teams (sim);
  CU_ASSERT_EQUAL_FATAL (g_list_model_get_n_items (teams), 1);
  nord = g_list_model_get_item (teams, 0);
  CU_ASSERT_EQUAL (tandem_money_get_minor_units (tandem_simulation_row_get_revenue (nord)), 150000);
  CU_ASSERT_EQUAL (tandem_money_get_minor_units (tandem_simulation_row_get_difference (nord)),
                   3000);
  json = tandem_simulation_to_json (sim);
  CU_ASSERT_PTR_NOT_NULL (strstr (json, "\"difference\" : \"30.00 EUR\""));

  /* a quarter and a year of the monthly plans: October counts too */
  {
    g_autoptr (TandemPeriod) q4 = tandem_period_parse ("2026-Q4", NULL);
    g_autoptr (TandemPeriod) y = tandem_period_parse ("2026", NULL);

    quarter = tandem_simulation_new (w.store, candidate, "Standard", q4, NULL, &error);
    TANDEM_ASSERT_NO_ERROR (error);
    total = tandem_simulation_get_total (quarter);
    CU_ASSERT_EQUAL (tandem_money_get_minor_units (tandem_simulation_row_get_current (total)),
                     8500);
    CU_ASSERT_EQUAL (tandem_money_get_minor_units (tandem_simulation_row_get_candidate (total)),
                     11500);
    year = tandem_simulation_new (w.store, candidate, "Standard", y, NULL, &error);
    TANDEM_ASSERT_NO_ERROR (error);
    total = tandem_simulation_get_total (year);
    CU_ASSERT_EQUAL (tandem_money_get_minor_units (tandem_simulation_row_get_current (total)),
                     8500);
  }

  /* nothing was written: the same activities and audit trail, November
   * still closed */
  after = tandem_store_query_activities (w.store, NULL, &error);
  CU_ASSERT_EQUAL (g_list_model_get_n_items (after), g_list_model_get_n_items (before));
  CU_ASSERT_EQUAL (count_audit (&w), audit);
  {
    g_autoptr (TandemSettlement) again = settle (&w, "2026-11", &error);

    CU_ASSERT_EQUAL (tandem_settlement_get_state (again), TANDEM_SETTLEMENT_STATE_CLOSED);
  }

  /* errors: an unknown stored plan, a span shorter than the plans' */
  CU_ASSERT_PTR_NULL (tandem_simulation_new (w.store, candidate, "Gold", nov, NULL, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_FOUND, "Gold");
  g_clear_error (&error);
  {
    g_autoptr (TandemPlan) quarterly = tandem_plan_new_from_data (
        "[Plan]\nName=Q\nCurrency=EUR\nPeriod=quarter\nCommissionRate=5%\n", -1, NULL);

    CU_ASSERT_PTR_NULL (tandem_simulation_new (w.store, quarterly, NULL, nov, NULL, &error));
    TANDEM_ASSERT_ERROR (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_INVALID_PERIOD,
                         "2026-11 is shorter than a period of plan “Q”");
    g_clear_error (&error);
  }
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
    TANDEM_TEST (test_cap_over_product_rates),
    TANDEM_TEST (test_spiffs),
    TANDEM_TEST (test_simulation),
  };

  return tandem_test_run ("products", cases, G_N_ELEMENTS (cases));
}
