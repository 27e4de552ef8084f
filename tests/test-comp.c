/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test-comp.c: plans, periods and settlements, with worked scenarios.
 *
 * Every scenario states the amounts computed by hand in a comment. The
 * plan below is the base; scenarios change it where they say so. */

#define _GNU_SOURCE /* memmem */
#include <string.h>
#include <json-glib/json-glib.h>
#include <tandem.h>

#include "tandem-test.h"

static const char *base_plan = "[Plan]\n"
                               "Name=Standard\n"
                               "Currency=EUR\n"
                               "Period=month\n"
                               "TimeZone=Europe/Berlin\n"
                               "CommissionRate=5%\n"
                               "InsideShare=40%\n";

typedef struct
{
  TandemStore   *store;
  TandemPlan    *plan;
  TandemRep     *inside;
  TandemRep     *field;
  TandemTeam    *team;
  TandemAccount *account;
} World;

static GDateTime *
at (const char *iso)
{
  return g_date_time_new_from_iso8601 (iso, NULL);
}

static TandemMoney *
eur (const char *text)
{
  g_autofree char *full = g_strdup_printf ("%s EUR", text);

  return tandem_money_parse (full, NULL);
}

static TandemPlan *
plan_with (const char *extra)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = g_strconcat (base_plan, extra ? extra : "", NULL);
  TandemPlan      *plan = tandem_plan_new_from_data (text, -1, &error);

  g_assert_no_error (error);
  return plan;
}

static void
world_init (World *w, const char *plan_extra, const char *target)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) since = at ("2026-01-01T00:00:00Z");
  g_autoptr (TandemTeam) draft = NULL;
  g_autoptr (TandemAccount) acct = NULL;

  w->store = tandem_test_store_new (NULL, &error);
  w->plan = plan_with (plan_extra);
  w->inside = tandem_store_add_rep (w->store, "Anna Schäfer", TANDEM_ROLE_INSIDE, &error);
  w->field = tandem_store_add_rep (w->store, "Jonas Becker", TANDEM_ROLE_FIELD, &error);
  draft = tandem_team_new ("Nord", w->inside, w->field, &error);
  if (target != NULL)
    {
      g_autoptr (TandemMoney) t = eur (target);
      tandem_team_set_target (draft, t);
    }
  w->team = tandem_store_save_team (w->store, draft, since, &error);
  acct = tandem_account_new ("ACME GmbH", w->team);
  w->account = tandem_store_save_account (w->store, acct, since, &error);
  g_assert_no_error (error);
}

static void
world_clear (World *w)
{
  g_clear_object (&w->account);
  g_clear_object (&w->team);
  g_clear_object (&w->field);
  g_clear_object (&w->inside);
  g_clear_object (&w->plan);
  g_clear_object (&w->store);
}

static TandemActivity *
log_at (World             *w,
        TandemAccount     *account,
        TandemRep         *rep,
        TandemActivityKind kind,
        const char        *amount,
        const char        *when)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) t = at (when);
  g_autoptr (TandemMoney) m = amount ? eur (amount) : NULL;
  TandemActivity *a = tandem_store_log_activity (w->store, account ? account : w->account,
                                                 rep ? rep : w->field, kind, m, t, &error);

  g_assert_no_error (error);
  return a;
}

static TandemActivity *
reverse_at (World *w, TandemActivity *order, const char *amount, const char *when)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) t = at (when);
  g_autoptr (TandemMoney) m = amount ? eur (amount) : NULL;
  g_autoptr (TandemActivity) draft = tandem_activity_new_reversal (order, w->inside, m, t, &error);
  TandemActivity *saved;

  g_assert_no_error (error);
  saved = tandem_store_save_activity (w->store, draft, NULL, &error);
  g_assert_no_error (error);
  return saved;
}

static TandemSettlement *
settle (World *w, const char *period_text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemPeriod) period = tandem_plan_parse_period (w->plan, period_text, &error);
  TandemSettlement *s;

  g_assert_no_error (error);
  s = tandem_settlement_new (w->store, w->plan, period, &error);
  if (error != NULL)
    g_printerr ("settle: %s\n", error->message);
  g_assert_no_error (error);
  return s;
}

/* "kind:amount" for each of @rep's lines, joined by spaces. */
static char *
statement (TandemSettlement *s, TandemRep *rep)
{
  g_autoptr (GListModel) lines = tandem_settlement_get_lines_for_rep (s, rep);
  g_autoptr (GString) out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr (TandemPayoutLine) line = g_list_model_get_item (lines, i);
      g_autofree char *amount = tandem_money_to_string (tandem_payout_line_get_amount (line));
      GEnumClass      *klass = g_type_class_ref (TANDEM_TYPE_LINE_KIND);

      g_string_append_printf (
          out, "%s%s:%.*s", i ? " " : "",
          g_enum_get_value (klass, tandem_payout_line_get_kind (line))->value_nick,
          (int)(strlen (amount) - 4), amount);
      g_type_class_unref (klass);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

#define ASSERT_STATEMENT(s, rep, expected)                                                 \
  G_STMT_START                                                                             \
  {                                                                                        \
    g_autofree char *got_ = statement ((s), (rep));                                        \
    if (strcmp (got_, (expected)) != 0)                                                    \
      g_printerr ("%s:%d: statement of %s: expected “%s”, got “%s”\n", __FILE__, __LINE__, \
                  tandem_rep_get_name (rep), (expected), got_);                            \
    CU_ASSERT_STRING_EQUAL (got_, (expected));                                             \
  }                                                                                        \
  G_STMT_END

static void
assert_sums (TandemSettlement *s)
{
  g_autoptr (GListModel) lines = tandem_settlement_get_lines (s);
  g_autoptr (GListModel) reps = tandem_settlement_get_reps (s);
  g_autoptr (TandemMoney) total = tandem_settlement_get_total (s);
  gint64 sum = 0, by_rep = 0;

  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr (TandemPayoutLine) line = g_list_model_get_item (lines, i);
      sum += tandem_money_get_minor_units (tandem_payout_line_get_amount (line));
      CU_ASSERT (strlen (tandem_payout_line_get_explanation (line)) > 20);
    }
  for (guint i = 0; i < g_list_model_get_n_items (reps); i++)
    {
      g_autoptr (TandemRep) rep = g_list_model_get_item (reps, i);
      g_autoptr (TandemMoney) t = tandem_settlement_get_total_for_rep (s, rep);
      by_rep += tandem_money_get_minor_units (t);
    }
  CU_ASSERT_EQUAL (sum, tandem_money_get_minor_units (total));
  CU_ASSERT_EQUAL (by_rep, sum);
}

/* ------------------------------------------------------------------ */

static void
test_plan_validation (void)
{
  const struct
  {
    const char *extra;
    int         code;
    const char *needle;
  } bad[] = {
    { "[Kind cross-sell]\nInsideShare=140%\n", TANDEM_PLAN_ERROR_INVALID_VALUE,
      "[Kind cross-sell] InsideShare=140%: must be between 0% and 100%" },
    { "[Kind call]\nInsideShare=40%\n", TANDEM_PLAN_ERROR_UNKNOWN_GROUP, "[Kind call]" },
    { "[Bonus]\nAmount=1.00 EUR\n", TANDEM_PLAN_ERROR_UNKNOWN_GROUP, "[Bonus]" },
    { "[TeamBonus]\nAttainment=100%\nAmount=1000.00 EUR\nSplitt=equal\n",
      TANDEM_PLAN_ERROR_UNKNOWN_KEY, "[TeamBonus] Splitt" },
    { "[TeamBonus]\nAttainment=100%\n", TANDEM_PLAN_ERROR_MISSING_KEY, "[TeamBonus] Amount" },
    { "[TeamBonus]\nAttainment=100%\nAmount=1000.00 USD\n", TANDEM_PLAN_ERROR_CURRENCY_MISMATCH,
      "Amount=1000.00 USD" },
    { "[TeamBonus]\nAttainment=100%\nAmount=1000.00 EUR\nSplit=fair\n",
      TANDEM_PLAN_ERROR_INVALID_VALUE, "Split=fair" },
    { "[Accelerator]\nAbove=120%\nMultiplier=lots\n", TANDEM_PLAN_ERROR_INVALID_VALUE,
      "[Accelerator] Multiplier=lots" },
    { "[Cap]\nPerRep=ten\n", TANDEM_PLAN_ERROR_INVALID_VALUE, "[Cap] PerRep=ten" },
    { "[Clawback]\nWindowDays=-3\n", TANDEM_PLAN_ERROR_INVALID_VALUE, "WindowDays=-3" },
    { "[Referral]\nAmount=-5.00 EUR\n", TANDEM_PLAN_ERROR_INVALID_VALUE, "must not be negative" },
    { "this is not a key file\n", TANDEM_PLAN_ERROR_PARSE, NULL },
  };
  const struct
  {
    const char *text;
    int         code;
    const char *needle;
  } bad_base[] = {
    { "[Plan]\nName=X\nCurrency=EUR\n", TANDEM_PLAN_ERROR_MISSING_KEY, "[Plan] CommissionRate" },
    { "[Plan]\nName=X\nCurrency=EURO\nCommissionRate=5%\n", TANDEM_PLAN_ERROR_INVALID_VALUE,
      "Currency=EURO" },
    { "[Plan]\nName=X\nCurrency=EUR\nCommissionRate=5\n", TANDEM_PLAN_ERROR_INVALID_VALUE,
      "CommissionRate=5:" },
    { "[Plan]\nName=X\nCurrency=EUR\nCommissionRate=5%\nTimeZone=Mars/Olympus\n",
      TANDEM_PLAN_ERROR_INVALID_VALUE, "Mars/Olympus" },
    { "[Plan]\nName=X\nCurrency=EUR\nCommissionRate=5%\nPeriod=week\n",
      TANDEM_PLAN_ERROR_INVALID_VALUE, "Period=week" },
    { "[Plan]\nName=X\nCurrency=EUR\nCommissionRate=5%\nColour=blue\n",
      TANDEM_PLAN_ERROR_UNKNOWN_KEY, "[Plan] Colour" },
  };
  g_autoptr (TandemPlan) ok = plan_with ("[Kind cross-sell]\nInsideShare=70%\n");

  CU_ASSERT_STRING_EQUAL (tandem_plan_get_name (ok), "Standard");
  CU_ASSERT_STRING_EQUAL (tandem_plan_get_currency (ok), "EUR");
  CU_ASSERT_EQUAL (tandem_plan_get_period_kind (ok), TANDEM_PERIOD_KIND_MONTH);
  CU_ASSERT_STRING_EQUAL (g_time_zone_get_identifier (tandem_plan_get_time_zone (ok)),
                          "Europe/Berlin");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *text = g_strconcat (base_plan, "\n", bad[i].extra, NULL);
      g_autoptr (TandemPlan) plan = tandem_plan_new_from_data (text, -1, &error);

      CU_ASSERT_PTR_NULL (plan);
      TANDEM_ASSERT_ERROR (error, TANDEM_PLAN_ERROR, bad[i].code, bad[i].needle);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad_base); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (TandemPlan) plan = tandem_plan_new_from_data (bad_base[i].text, -1, &error);

      CU_ASSERT_PTR_NULL (plan);
      TANDEM_ASSERT_ERROR (error, TANDEM_PLAN_ERROR, bad_base[i].code, bad_base[i].needle);
    }
}

static void
test_periods (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr (TandemPeriod) nov = tandem_period_parse ("2026-11", &error);
  g_autoptr (TandemPeriod) q4 = tandem_period_parse ("2026-Q4", &error);
  g_autoptr (TandemPeriod) year = tandem_period_parse ("2026", &error);
  g_autoptr (TandemPeriod) prev = tandem_period_get_previous (nov);
  g_autoptr (TandemPeriod) bad = NULL;
  g_autoptr (GDateTime) start = tandem_period_get_start (nov, berlin);
  g_autoptr (GDateTime) end = tandem_period_get_end (nov, berlin);
  g_autoptr (GDateTime) q4_end = tandem_period_get_end (q4, berlin);
  g_autoptr (TandemPlan) plan = plan_with (NULL);
  g_autofree char *s1 = tandem_period_to_string (q4);
  g_autofree char *s2 = tandem_period_to_string (prev);
  g_autofree char *s3 = tandem_period_to_string (year);

  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_STRING_EQUAL (s1, "2026-Q4");
  CU_ASSERT_STRING_EQUAL (s2, "2026-10");
  CU_ASSERT_STRING_EQUAL (s3, "2026");
  /* November in Berlin (UTC+1) starts at 2026-10-31T23:00:00Z */
  CU_ASSERT_EQUAL (g_date_time_to_unix (start), 1793487600);
  /* and ends at 2026-11-30T23:00:00Z */
  CU_ASSERT_EQUAL (g_date_time_to_unix (end), 1796079600);
  CU_ASSERT_EQUAL (g_date_time_get_year (q4_end), 2027);

  bad = tandem_period_parse ("2026-13", &error);
  TANDEM_ASSERT_ERROR (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_INVALID_PERIOD, "2026-13");
  bad = tandem_period_parse ("26-Q4", &error);
  TANDEM_ASSERT_ERROR (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_INVALID_PERIOD, "26-Q4");
  bad = tandem_plan_parse_period (plan, "2026-Q4", &error);
  TANDEM_ASSERT_ERROR (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_INVALID_PERIOD, "month");
}

/* S1: 5% of 1,200.00 = 60.00; inside 40% = 24.00, field 60% = 36.00. */
static void
test_s01_commission (void)
{
  World w = { 0 };
  g_autoptr (TandemActivity) a = NULL;
  g_autoptr (TandemSettlement) s = NULL;

  world_init (&w, NULL, NULL);
  a = log_at (&w, NULL, NULL, TANDEM_ACTIVITY_KIND_ORDER, "1200.00", "2026-11-03T10:00:00Z");
  s = settle (&w, "2026-11");
  ASSERT_STATEMENT (s, w.inside, "commission:24.00");
  ASSERT_STATEMENT (s, w.field, "commission:36.00");
  CU_ASSERT_EQUAL (tandem_settlement_get_state (s), TANDEM_SETTLEMENT_STATE_DRAFT);
  {
    g_autoptr (GListModel) lines = tandem_settlement_get_lines_for_rep (s, w.inside);
    g_autoptr (TandemPayoutLine) l = g_list_model_get_item (lines, 0);

    CU_ASSERT_STRING_EQUAL (
        tandem_payout_line_get_explanation (l),
        "5% of 1,200.00 EUR order #1 for ACME GmbH = 60.00 EUR; your share 40% = 24.00 EUR");
    CU_ASSERT_EQUAL (tandem_activity_get_id (tandem_payout_line_get_activity (l)),
                     tandem_activity_get_id (a));
  }
  assert_sums (s);
  world_clear (&w);
}

/* S2: one rounding per pool. 5% of 33.33 = 1.6665 → 1.67 (half away from
 * zero). Split 40/60: exact 0.668 / 1.002 → floors 0.66 / 1.00, the cent
 * left goes to the larger remainder (0.8 > 0.2): 0.67 / 1.00. And 5% of
 * 0.10 = 0.005 → 0.01: 40/60 of one cent is 0.004/0.006 → 0.00 / 0.01. */
static void
test_s02_rounding (void)
{
  World w = { 0 };
  g_autoptr (TandemActivity) a = NULL;
  g_autoptr (TandemActivity) b = NULL;
  g_autoptr (TandemSettlement) s = NULL;

  world_init (&w, NULL, NULL);
  a = log_at (&w, NULL, NULL, TANDEM_ACTIVITY_KIND_ORDER, "33.33", "2026-11-03T10:00:00Z");
  b = log_at (&w, NULL, NULL, TANDEM_ACTIVITY_KIND_UP_SELL, "0.10", "2026-11-04T10:00:00Z");
  s = settle (&w, "2026-11");
  ASSERT_STATEMENT (s, w.inside, "commission:0.67 commission:0.00");
  ASSERT_STATEMENT (s, w.field, "commission:1.00 commission:0.01");
  assert_sums (s);
  world_clear (&w);
}

/* S3/S4: a kind override beats the tandem's share, which beats the plan.
 * Tandem share 50%: order 1,000 → pool 50 → 25 / 25. Cross-sell 1,000 with
 * [Kind cross-sell] InsideShare=70% and CommissionRate=10% → pool 100 →
 * 70 / 30. */
static void
test_s03_overrides (void)
{
  World w = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemActivity) a = NULL;
  g_autoptr (TandemActivity) b = NULL;
  g_autoptr (TandemSettlement) s = NULL;

  world_init (&w, "[Kind cross-sell]\nInsideShare=70%\nCommissionRate=10%\n", NULL);
  CU_ASSERT_TRUE (tandem_team_set_inside_share (w.team, 5000, NULL));
  CU_ASSERT_TRUE (tandem_store_update_team (w.store, w.team, &error));
  a = log_at (&w, NULL, NULL, TANDEM_ACTIVITY_KIND_ORDER, "1000.00", "2026-11-03T10:00:00Z");
  b = log_at (&w, NULL, w.inside, TANDEM_ACTIVITY_KIND_CROSS_SELL, "1000.00",
              "2026-11-04T10:00:00Z");
  s = settle (&w, "2026-11");
  ASSERT_STATEMENT (s, w.inside, "commission:25.00 commission:70.00");
  ASSERT_STATEMENT (s, w.field, "commission:25.00 commission:30.00");
  assert_sums (s);
  world_clear (&w);
}

/* S5: accelerator, marginal. Target 10,000, Above=120% → threshold 12,000.
 * Order 11,000: below. Order 2,000 crosses: 1,000 above → extra rate
 * 5% × (1.5 − 1) = 2.5% → 25.00 → 10.00 / 15.00. Then an order of 500,
 * wholly above: 12.50 → 5.00 / 7.50. */
static void
test_s05_accelerator (void)
{
  World w = { 0 };
  g_autoptr (TandemActivity) a = NULL;
  g_autoptr (TandemActivity) b = NULL;
  g_autoptr (TandemActivity) c = NULL;
  g_autoptr (TandemSettlement) s = NULL;

  world_init (&w, "[Accelerator]\nAbove=120%\nMultiplier=1.5\n", "10000.00");
  a = log_at (&w, NULL, NULL, TANDEM_ACTIVITY_KIND_ORDER, "11000.00", "2026-11-03T10:00:00Z");
  b = log_at (&w, NULL, NULL, TANDEM_ACTIVITY_KIND_ORDER, "2000.00", "2026-11-04T10:00:00Z");
  c = log_at (&w, NULL, NULL, TANDEM_ACTIVITY_KIND_ORDER, "500.00", "2026-11-05T10:00:00Z");
  s = settle (&w, "2026-11");
  /* commissions: 550 → 220/330; 100 → 40/60; 25 → 10/15 */
  ASSERT_STATEMENT (
      s, w.inside,
      "commission:220.00 commission:40.00 accelerator:10.00 commission:10.00 accelerator:5.00");
  ASSERT_STATEMENT (
      s, w.field,
      "commission:330.00 commission:60.00 accelerator:15.00 commission:15.00 accelerator:7.50");
  assert_sums (s);
  world_clear (&w);
}

/* S6: team bonus, equal. Target 5,000, Attainment 100%: revenue 6,000
 * reaches it → 1,000.00 → 500 / 500 after commissions 120 / 180. */
static void
test_s06_bonus_equal (void)
{
  World w = { 0 };
  g_autoptr (TandemActivity) a = NULL;
  g_autoptr (TandemSettlement) s = NULL;
  g_autoptr (GListModel) teams = NULL;
  g_autoptr (TandemTeamResult) r = NULL;

  world_init (&w, "[TeamBonus]\nAttainment=100%\nAmount=1000.00 EUR\nSplit=equal\n", "5000.00");
  a = log_at (&w, NULL, NULL, TANDEM_ACTIVITY_KIND_ORDER, "6000.00", "2026-11-03T10:00:00Z");
  s = settle (&w, "2026-11");
  ASSERT_STATEMENT (s, w.inside, "commission:120.00 team-bonus:500.00");
  ASSERT_STATEMENT (s, w.field, "commission:180.00 team-bonus:500.00");
  teams = tandem_settlement_get_team_results (s);
  r = g_list_model_get_item (teams, 0);
  CU_ASSERT_EQUAL (tandem_team_result_get_attainment (r), 12000); /* 120% */
  CU_ASSERT_EQUAL (tandem_money_get_minor_units (tandem_team_result_get_revenue (r)), 600000);
  CU_ASSERT_EQUAL (tandem_money_get_minor_units (tandem_team_result_get_payout (r)), 130000);
  assert_sums (s);
  world_clear (&w);
}

/* S7: team bonus by contribution. Inside logs 3,000, field logs 9,000:
 * 1,000 × 3/12 = 250 and 750. Commissions: 150 → 60/90, 450 → 180/270. */
static void
test_s07_bonus_contribution (void)
{
  World w = { 0 };
  g_autoptr (TandemActivity) a = NULL;
  g_autoptr (TandemActivity) b = NULL;
  g_autoptr (TandemSettlement) s = NULL;

  world_init (&w, "[TeamBonus]\nAttainment=100%\nAmount=1000.00 EUR\nSplit=contribution\n",
              "10000.00");
  a = log_at (&w, NULL, w.inside, TANDEM_ACTIVITY_KIND_CROSS_SELL, "3000.00",
              "2026-11-03T10:00:00Z");
  b = log_at (&w, NULL, w.field, TANDEM_ACTIVITY_KIND_ORDER, "9000.00", "2026-11-04T10:00:00Z");
  s = settle (&w, "2026-11");
  ASSERT_STATEMENT (s, w.inside, "commission:60.00 commission:180.00 team-bonus:250.00");
  ASSERT_STATEMENT (s, w.field, "commission:90.00 commission:270.00 team-bonus:750.00");
  assert_sums (s);
  world_clear (&w);
}

/* S8: a cap. PerRep 100.00: commissions 2,500 × 5% = 125 → 50 / 75;
 * nobody above 100. Another 2,500: inside 100, field 150 → field gets a
 * cap line of −50.00. */
static void
test_s08_cap (void)
{
  World w = { 0 };
  g_autoptr (TandemActivity) a = NULL;
  g_autoptr (TandemActivity) b = NULL;
  g_autoptr (TandemSettlement) s = NULL;
  g_autoptr (TandemMoney) field_total = NULL;

  world_init (&w, "[Cap]\nPerRep=100.00 EUR\n", NULL);
  a = log_at (&w, NULL, NULL, TANDEM_ACTIVITY_KIND_ORDER, "2500.00", "2026-11-03T10:00:00Z");
  b = log_at (&w, NULL, NULL, TANDEM_ACTIVITY_KIND_ORDER, "2500.00", "2026-11-04T10:00:00Z");
  s = settle (&w, "2026-11");
  ASSERT_STATEMENT (s, w.inside, "commission:50.00 commission:50.00");
  ASSERT_STATEMENT (s, w.field, "commission:75.00 commission:75.00 cap:-50.00");
  field_total = tandem_settlement_get_total_for_rep (s, w.field);
  CU_ASSERT_EQUAL (tandem_money_get_minor_units (field_total), 10000);
  assert_sums (s);
  world_clear (&w);
}

/* S9: cap after accelerator. Target 1,000, Above 100%, Multiplier 2,
 * cap 100. Order 3,000: commission 150 → 60 / 90; 2,000 above the
 * threshold at an extra 5% → 100 → 40 / 60. Inside 100 (at the cap, no
 * line), field 150 → cap −50. */
static void
test_s09_cap_after_accelerator (void)
{
  World w = { 0 };
  g_autoptr (TandemActivity) a = NULL;
  g_autoptr (TandemSettlement) s = NULL;

  world_init (&w, "[Accelerator]\nAbove=100%\nMultiplier=2\n[Cap]\nPerRep=100.00 EUR\n", "1000.00");
  a = log_at (&w, NULL, NULL, TANDEM_ACTIVITY_KIND_ORDER, "3000.00", "2026-11-03T10:00:00Z");
  s = settle (&w, "2026-11");
  ASSERT_STATEMENT (s, w.inside, "commission:60.00 accelerator:40.00");
  ASSERT_STATEMENT (s, w.field, "commission:90.00 accelerator:60.00 cap:-50.00");
  assert_sums (s);
  world_clear (&w);
}

typedef struct
{
  World          w;
  TandemRep     *inside2;
  TandemRep     *field2;
  TandemTeam    *team2;
  TandemAccount *referred;
} ReferralWorld;

/* Account "Brauerei Kessler" of tandem Süd (Lea/Tom) was referred by ACME
 * of tandem Nord (Anna/Jonas). */
static void
referral_world_init (ReferralWorld *r, const char *extra)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) since = at ("2026-01-01T00:00:00Z");
  g_autoptr (TandemTeam) draft = NULL;
  g_autoptr (TandemAccount) acct = NULL;

  world_init (&r->w, extra, NULL);
  r->inside2 = tandem_store_add_rep (r->w.store, "Lea Hoffmann", TANDEM_ROLE_INSIDE, &error);
  r->field2 = tandem_store_add_rep (r->w.store, "Tom Wagner", TANDEM_ROLE_FIELD, &error);
  draft = tandem_team_new ("Süd", r->inside2, r->field2, &error);
  r->team2 = tandem_store_save_team (r->w.store, draft, since, &error);
  acct = tandem_account_new ("Brauerei Kessler", r->team2);
  tandem_account_set_referred_by (acct, r->w.account, &error);
  r->referred = tandem_store_save_account (r->w.store, acct, since, &error);
  g_assert_no_error (error);
}

static void
referral_world_clear (ReferralWorld *r)
{
  g_clear_object (&r->referred);
  g_clear_object (&r->team2);
  g_clear_object (&r->field2);
  g_clear_object (&r->inside2);
  world_clear (&r->w);
}

/* S10: referral bonus. Kessler's first order (1,000, by Tom) pays Süd
 * commission 50 → 20 / 30, and Nord, owner of the referrer, the referral
 * bonus of 50.00 → 20 / 30. A second order pays no second bonus. */
static void
test_s10_referral (void)
{
  ReferralWorld r = { 0 };
  g_autoptr (TandemActivity) a = NULL;
  g_autoptr (TandemActivity) b = NULL;
  g_autoptr (TandemSettlement) s = NULL;

  referral_world_init (&r, "[Referral]\nAmount=50.00 EUR\n");
  a = log_at (&r.w, r.referred, r.field2, TANDEM_ACTIVITY_KIND_ORDER, "1000.00",
              "2026-11-03T10:00:00Z");
  b = log_at (&r.w, r.referred, r.field2, TANDEM_ACTIVITY_KIND_ORDER, "1000.00",
              "2026-11-13T10:00:00Z");
  s = settle (&r.w, "2026-11");
  ASSERT_STATEMENT (s, r.w.inside, "referral-bonus:20.00");
  ASSERT_STATEMENT (s, r.w.field, "referral-bonus:30.00");
  ASSERT_STATEMENT (s, r.inside2, "commission:20.00 commission:20.00");
  ASSERT_STATEMENT (s, r.field2, "commission:30.00 commission:30.00");
  assert_sums (s);
  referral_world_clear (&r);
}

/* S11: a referral whose first order is then reversed whole, in the same
 * period, within the window: Süd's commission is taken back (−20 / −30)
 * and so is Nord's referral bonus (−20 / −30). Everyone nets zero. */
static void
test_s11_referral_reversed (void)
{
  ReferralWorld r = { 0 };
  g_autoptr (TandemActivity) a = NULL;
  g_autoptr (TandemActivity) rev = NULL;
  g_autoptr (TandemSettlement) s = NULL;
  g_autoptr (TandemMoney) total = NULL;

  referral_world_init (&r, "[Referral]\nAmount=50.00 EUR\n[Clawback]\nWindowDays=90\n");
  a = log_at (&r.w, r.referred, r.field2, TANDEM_ACTIVITY_KIND_ORDER, "1000.00",
              "2026-11-03T10:00:00Z");
  rev = reverse_at (&r.w, a, NULL, "2026-11-20T10:00:00Z");
  s = settle (&r.w, "2026-11");
  ASSERT_STATEMENT (s, r.w.inside, "referral-bonus:20.00 clawback:-20.00");
  ASSERT_STATEMENT (s, r.w.field, "referral-bonus:30.00 clawback:-30.00");
  ASSERT_STATEMENT (s, r.inside2, "commission:20.00 clawback:-20.00");
  ASSERT_STATEMENT (s, r.field2, "commission:30.00 clawback:-30.00");
  total = tandem_settlement_get_total (s);
  CU_ASSERT_TRUE (tandem_money_is_zero (total));
  assert_sums (s);
  referral_world_clear (&r);
}

/* S12: clawback across periods. October order 1,000 → 20 / 30 in October.
 * Reversed on 10 November (within 90 days): November has −20 / −30.
 * October's draft still shows the commission: the order happened. */
static void
test_s12_clawback (void)
{
  World w = { 0 };
  g_autoptr (TandemActivity) a = NULL;
  g_autoptr (TandemActivity) rev = NULL;
  g_autoptr (TandemSettlement) oct = NULL;
  g_autoptr (TandemSettlement) nov = NULL;

  world_init (&w, "[Clawback]\nWindowDays=90\n", NULL);
  a = log_at (&w, NULL, NULL, TANDEM_ACTIVITY_KIND_ORDER, "1000.00", "2026-10-15T10:00:00Z");
  rev = reverse_at (&w, a, NULL, "2026-11-10T10:00:00Z");
  oct = settle (&w, "2026-10");
  nov = settle (&w, "2026-11");
  ASSERT_STATEMENT (oct, w.inside, "commission:20.00");
  ASSERT_STATEMENT (nov, w.inside, "clawback:-20.00");
  ASSERT_STATEMENT (nov, w.field, "clawback:-30.00");
  assert_sums (nov);
  world_clear (&w);
}

/* The statement as PDF: 60 orders of 1,000.00 (the inside rep's 40% of
 * 5% is 20.00 each) fill more than one A4 page; the writer's first bytes are a
 * PDF header, its last the end-of-file mark. A stream that fails gives its
 * error, and a rep the settlement does not pay is refused before anything
 * is written. */
static void
test_statement_pdf (void)
{
  World w = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemSettlement) nov = NULL;
  g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr (GOutputStream) closed = g_memory_output_stream_new_resizable ();
  g_autoptr (GOutputStream) untouched = g_memory_output_stream_new_resizable ();
  g_autoptr (TandemRep) stranger = NULL;
  g_autoptr (TandemMoney) total = NULL;
  const char *data;
  gsize       size;

  world_init (&w, NULL, NULL);
  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *when = g_strdup_printf ("2026-11-%02uT10:%02u:00Z", 1 + i % 28, i % 60);

      g_object_unref (log_at (&w, NULL, w.inside, TANDEM_ACTIVITY_KIND_ORDER, "1000.00", when));
    }
  nov = settle (&w, "2026-11");
  total = tandem_settlement_get_total_for_rep (nov, w.inside);
  CU_ASSERT_EQUAL (tandem_money_get_minor_units (total), 60 * 2000);

  CU_ASSERT_TRUE (tandem_settlement_write_statement_pdf (nov, w.inside, out, NULL, &error));
  g_assert_no_error (error);
  CU_ASSERT_TRUE (g_output_stream_close (out, NULL, NULL));
  data = g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out));
  size = g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out));
  CU_ASSERT_TRUE (size > 1000 && memcmp (data, "%PDF-", 5) == 0);
  CU_ASSERT_TRUE (g_strstr_len (data + size - 16, 16, "%%EOF") != NULL);
  /* two pages or more: the page tree's /Count */
  {
    const char *count = memmem (data, size, "/Count ", 7);

    CU_ASSERT_PTR_NOT_NULL_FATAL (count);
    CU_ASSERT_TRUE (g_ascii_strtoull (count + 7, NULL, 10) >= 2);
  }

  CU_ASSERT_TRUE (g_output_stream_close (closed, NULL, NULL));
  CU_ASSERT_FALSE (tandem_settlement_write_statement_pdf (nov, w.inside, closed, NULL, &error));
  CU_ASSERT_TRUE (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CLOSED));
  g_clear_error (&error);

  stranger = tandem_store_add_rep (w.store, "Lea Hoffmann", TANDEM_ROLE_INSIDE, &error);
  CU_ASSERT_FALSE (tandem_settlement_write_statement_pdf (nov, stranger, untouched, NULL, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_FOUND, "Lea Hoffmann");
  CU_ASSERT_EQUAL (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (untouched)), 0);
  world_clear (&w);
}

/* S13: clawback of an accelerated order, and a partial reversal.
 * Target 1,000, Above 100%, Multiplier 1.5. Order 2,000: commission 100 →
 * 40 / 60; 1,000 above at 2.5% = 25 → 10 / 15. Earned 50 / 75 = 125.
 * Reversal of 500 (a quarter): 125 / 4 = 31.25 taken back, split by what
 * each earned (50 : 75): 12.50 / 18.75. */
static void
test_s13_clawback_accelerated_partial (void)
{
  World w = { 0 };
  g_autoptr (TandemActivity) a = NULL;
  g_autoptr (TandemActivity) rev = NULL;
  g_autoptr (TandemSettlement) s = NULL;

  world_init (&w, "[Accelerator]\nAbove=100%\nMultiplier=1.5\n[Clawback]\nWindowDays=90\n",
              "1000.00");
  a = log_at (&w, NULL, NULL, TANDEM_ACTIVITY_KIND_ORDER, "2000.00", "2026-11-03T10:00:00Z");
  rev = reverse_at (&w, a, "500.00", "2026-11-20T10:00:00Z");
  s = settle (&w, "2026-11");
  ASSERT_STATEMENT (s, w.inside, "commission:40.00 accelerator:10.00 clawback:-12.50");
  ASSERT_STATEMENT (s, w.field, "commission:60.00 accelerator:15.00 clawback:-18.75");
  assert_sums (s);
  world_clear (&w);
}

/* The book extract of S13 over two periods, the first closed: the order
 * of 2,000 earned Anna 40.00 commission and 10.00 accelerator = 50.00 in
 * November; December's reversal of 500 (a quarter) takes back 12.50, so
 * the two periods paid out 37.50; nothing is held under pay on order. */
static void
test_book_extract_closed_and_open (void)
{
  World w = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemActivity) a = NULL;
  g_autoptr (TandemActivity) rev = NULL;
  g_autoptr (TandemSettlement) closed = NULL;
  g_autoptr (TandemPeriod) nov = NULL;
  g_autoptr (TandemPeriod) dec = NULL;
  g_autoptr (TandemBookExtract) x = NULL;
  g_autoptr (TandemBookEntry) e = NULL;
  g_autoptr (GOutputStream) csv = g_memory_output_stream_new_resizable ();
  g_autoptr (GOutputStream) pdf = g_memory_output_stream_new_resizable ();
  g_autofree char *row = NULL;
  const char      *data;

  world_init (&w, "[Accelerator]\nAbove=100%\nMultiplier=1.5\n[Clawback]\nWindowDays=90\n",
              "1000.00");
  CU_ASSERT_TRUE (tandem_plan_add (w.store, w.plan, &error));
  a = log_at (&w, NULL, NULL, TANDEM_ACTIVITY_KIND_ORDER, "2000.00", "2026-11-03T10:00:00Z");
  nov = tandem_plan_parse_period (w.plan, "2026-11", &error);
  dec = tandem_plan_parse_period (w.plan, "2026-12", &error);
  closed = tandem_settlement_close (w.store, w.plan, nov, &error);
  g_assert_no_error (error);
  rev = reverse_at (&w, a, "500.00", "2026-12-10T10:00:00Z");

  x = tandem_book_extract_new (w.store, NULL, w.inside, nov, dec, NULL, &error);
  g_assert_no_error (error);
  CU_ASSERT_EQUAL_FATAL (g_list_model_get_n_items (G_LIST_MODEL (x)), 1);
  e = g_list_model_get_item (G_LIST_MODEL (x), 0);
  CU_ASSERT_EQUAL (tandem_activity_get_id (tandem_book_entry_get_activity (e)),
                   tandem_activity_get_id (a));
  CU_ASSERT_EQUAL (tandem_money_get_minor_units (tandem_book_entry_get_earned (e)), 5000);
  CU_ASSERT_EQUAL (tandem_money_get_minor_units (tandem_book_entry_get_paid_out (e)), 3750);
  CU_ASSERT_EQUAL (tandem_money_get_minor_units (tandem_book_entry_get_reversed (e)), 50000);
  CU_ASSERT_EQUAL (tandem_money_get_minor_units (tandem_book_entry_get_held (e)), 0);
  CU_ASSERT_FALSE (tandem_book_extract_get_final (x));

  CU_ASSERT_TRUE (tandem_book_extract_write_csv (x, csv, NULL, &error));
  CU_ASSERT_TRUE (g_output_stream_write_all (csv, "", 1, NULL, NULL, &error));
  data = g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (csv));
  row = g_strdup_printf ("%s,2026-11-03T10:00:00Z,ACME GmbH,order,2000.00,500.00,0.00,50.00,"
                         "37.50,0.00,EUR\r\n",
                         tandem_activity_get_external_ref (a));
  CU_ASSERT_TRUE (g_str_has_suffix (data, row));

  CU_ASSERT_TRUE (tandem_book_extract_write_pdf (x, pdf, NULL, &error));
  g_assert_no_error (error);
  CU_ASSERT_TRUE (
      memcmp (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (pdf)), "%PDF-", 5) == 0);

  CU_ASSERT_PTR_NULL (tandem_book_extract_new (w.store, "Gold", w.inside, nov, dec, NULL, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_FOUND, "Gold");
  g_clear_error (&error);
  CU_ASSERT_PTR_NULL (tandem_book_extract_new (w.store, NULL, w.inside, dec, nov, NULL, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID, "2026-12");
  world_clear (&w);
}

/* S14: a reversal outside the window takes nothing back, and says so. */
static void
test_s14_outside_window (void)
{
  World w = { 0 };
  g_autoptr (TandemActivity) a = NULL;
  g_autoptr (TandemActivity) rev = NULL;
  g_autoptr (TandemSettlement) s = NULL;
  g_autoptr (GListModel) lines = NULL;
  g_autoptr (TandemPayoutLine) l = NULL;

  world_init (&w, "[Clawback]\nWindowDays=90\n", NULL);
  a = log_at (&w, NULL, NULL, TANDEM_ACTIVITY_KIND_ORDER, "1000.00", "2026-06-01T10:00:00Z");
  rev = reverse_at (&w, a, NULL, "2026-11-10T10:00:00Z");
  s = settle (&w, "2026-11");
  ASSERT_STATEMENT (s, w.inside, "adjustment:0.00");
  lines = tandem_settlement_get_lines_for_rep (s, w.inside);
  l = g_list_model_get_item (lines, 0);
  CU_ASSERT_PTR_NOT_NULL (
      strstr (tandem_payout_line_get_explanation (l), "outside the clawback window"));
  CU_ASSERT_PTR_NOT_NULL (strstr (tandem_payout_line_get_explanation (l), "162 days"));
  world_clear (&w);
}

/* S15: a member change mid-month. Lea takes over inside sales on the
 * 15th: the order of the 10th (1,000) credits Anna 20, the one of the
 * 20th (1,000) credits Lea 20. Jonas gets 30 + 30. */
static void
test_s15_member_change (void)
{
  World w = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemRep) lea = NULL;
  g_autoptr (GDateTime) change = at ("2026-11-15T00:00:00Z");
  g_autoptr (TandemActivity) a = NULL;
  g_autoptr (TandemActivity) b = NULL;
  g_autoptr (TandemSettlement) s = NULL;

  world_init (&w, NULL, NULL);
  lea = tandem_store_add_rep (w.store, "Lea Hoffmann", TANDEM_ROLE_INSIDE, &error);
  a = log_at (&w, NULL, NULL, TANDEM_ACTIVITY_KIND_ORDER, "1000.00", "2026-11-10T10:00:00Z");
  CU_ASSERT_TRUE (tandem_store_change_team_members (w.store, w.team, lea, w.field, change, &error));
  b = log_at (&w, NULL, NULL, TANDEM_ACTIVITY_KIND_ORDER, "1000.00", "2026-11-20T10:00:00Z");
  s = settle (&w, "2026-11");
  ASSERT_STATEMENT (s, w.inside, "commission:20.00");
  ASSERT_STATEMENT (s, lea, "commission:20.00");
  ASSERT_STATEMENT (s, w.field, "commission:30.00 commission:30.00");
  assert_sums (s);
  world_clear (&w);
}

/* S16: periods are cut at local midnight. 2026-10-31T23:30:00Z is
 * 00:30 on 1 November in Berlin: it belongs to November, not October. */
static void
test_s16_local_midnight (void)
{
  World w = { 0 };
  g_autoptr (TandemActivity) a = NULL;
  g_autoptr (TandemActivity) b = NULL;
  g_autoptr (TandemSettlement) oct = NULL;
  g_autoptr (TandemSettlement) nov = NULL;

  world_init (&w, NULL, NULL);
  a = log_at (&w, NULL, NULL, TANDEM_ACTIVITY_KIND_ORDER, "100.00",
              "2026-10-31T22:59:59Z"); /* 23:59:59 local */
  b = log_at (&w, NULL, NULL, TANDEM_ACTIVITY_KIND_ORDER, "200.00", "2026-10-31T23:30:00Z");
  oct = settle (&w, "2026-10");
  nov = settle (&w, "2026-11");
  ASSERT_STATEMENT (oct, w.inside, "commission:2.00");
  ASSERT_STATEMENT (nov, w.inside, "commission:4.00");
  world_clear (&w);
}

/* S17: a tandem with a zero target earns no bonus and no accelerator;
 * S18: a tandem without activities has no lines but a result of zero. */
static void
test_s17_zero_target_and_idle (void)
{
  World w = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemRep) i2 = NULL;
  g_autoptr (TandemRep) f2 = NULL;
  g_autoptr (TandemTeam) idle = NULL;
  g_autoptr (TandemActivity) a = NULL;
  g_autoptr (TandemSettlement) s = NULL;
  g_autoptr (GListModel) reps = NULL;
  g_autoptr (GListModel) teams = NULL;
  g_autoptr (TandemTeamResult) r2 = NULL;

  world_init (
      &w,
      "[TeamBonus]\nAttainment=100%\nAmount=1000.00 EUR\n[Accelerator]\nAbove=100%\nMultiplier=2\n",
      "0.00");
  i2 = tandem_store_add_rep (w.store, "Lea Hoffmann", TANDEM_ROLE_INSIDE, &error);
  f2 = tandem_store_add_rep (w.store, "Tom Wagner", TANDEM_ROLE_FIELD, &error);
  idle = tandem_store_add_team (w.store, i2, f2, &error);
  a = log_at (&w, NULL, NULL, TANDEM_ACTIVITY_KIND_ORDER, "50000.00", "2026-11-03T10:00:00Z");
  s = settle (&w, "2026-11");
  ASSERT_STATEMENT (s, w.inside, "commission:1000.00");
  ASSERT_STATEMENT (s, w.field, "commission:1500.00");
  reps = tandem_settlement_get_reps (s);
  CU_ASSERT_EQUAL (g_list_model_get_n_items (reps), 2);
  teams = tandem_settlement_get_team_results (s);
  CU_ASSERT_EQUAL_FATAL (g_list_model_get_n_items (teams), 2);
  r2 = g_list_model_get_item (teams, 1);
  CU_ASSERT_TRUE (tandem_money_is_zero (tandem_team_result_get_revenue (r2)));
  CU_ASSERT_EQUAL (tandem_team_result_get_attainment (r2), -1);
  world_clear (&w);
}

/* S19: closing a period. October is closed: its settlement is frozen, new
 * October activities are refused, and a November reversal of an October
 * order claws back the frozen commission (−20 / −30). */
static void
test_s19_closed_period (void)
{
  World w = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemPeriod) oct = NULL;
  g_autoptr (TandemActivity) a = NULL;
  g_autoptr (TandemActivity) rev = NULL;
  g_autoptr (TandemActivity) late = NULL;
  g_autoptr (TandemSettlement) closed = NULL;
  g_autoptr (TandemSettlement) again = NULL;
  g_autoptr (TandemSettlement) twice = NULL;
  g_autoptr (TandemSettlement) nov = NULL;
  g_autoptr (GDateTime) in_oct = at ("2026-10-20T10:00:00Z");
  g_autofree char *json1 = NULL;
  g_autofree char *json2 = NULL;

  world_init (&w, "[Clawback]\nWindowDays=90\n", NULL);
  a = log_at (&w, NULL, NULL, TANDEM_ACTIVITY_KIND_ORDER, "1000.00", "2026-10-15T10:00:00Z");
  oct = tandem_plan_parse_period (w.plan, "2026-10", &error);
  closed = tandem_settlement_close (w.store, w.plan, oct, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (tandem_settlement_get_state (closed), TANDEM_SETTLEMENT_STATE_CLOSED);
  ASSERT_STATEMENT (closed, w.inside, "commission:20.00");

  late = tandem_store_log_activity (w.store, w.account, w.field, TANDEM_ACTIVITY_KIND_ORDER, NULL,
                                    in_oct, &error);
  CU_ASSERT_PTR_NULL (late);
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_MISSING_VALUE, NULL);
  {
    g_autoptr (TandemMoney) m = eur ("5.00");
    late = tandem_store_log_activity (w.store, w.account, w.field, TANDEM_ACTIVITY_KIND_ORDER, m,
                                      in_oct, &error);
    CU_ASSERT_PTR_NULL (late);
    TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CLOSED_PERIOD, "closed");
  }

  rev = reverse_at (&w, a, NULL, "2026-11-05T10:00:00Z");
  nov = settle (&w, "2026-11");
  ASSERT_STATEMENT (nov, w.inside, "clawback:-20.00");
  ASSERT_STATEMENT (nov, w.field, "clawback:-30.00");

  /* the closed period reads back the same, byte for byte */
  again = settle (&w, "2026-10");
  json1 = tandem_settlement_to_json (closed);
  json2 = tandem_settlement_to_json (again);
  CU_ASSERT_STRING_EQUAL (json1, json2);
  CU_ASSERT_PTR_NOT_NULL (strstr (json1, "\"state\" : \"closed\""));

  twice = tandem_settlement_close (w.store, w.plan, oct, &error);
  CU_ASSERT_PTR_NULL (twice);
  TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CLOSED_PERIOD,
                       "already closed");
  world_clear (&w);
}

/* The explanation of each line of @s, in order. */
static GPtrArray *
explanations (TandemSettlement *s)
{
  g_autoptr (GListModel) lines = tandem_settlement_get_lines (s);
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr (TandemPayoutLine) line = g_list_model_get_item (lines, i);

      g_ptr_array_add (out, g_strdup (tandem_payout_line_get_explanation (line)));
    }
  return out;
}

typedef struct
{
  TandemSettlement *settlement;
  GPtrArray        *want;
  gboolean          backwards;
} Reader;

/* Reads every line's explanation, forwards or backwards: FALSE on the
 * first that differs from @want. */
static gpointer
read_explanations (gpointer data)
{
  Reader *r = data;
  g_autoptr (GListModel) lines = tandem_settlement_get_lines (r->settlement);
  guint n = g_list_model_get_n_items (lines);

  if (n != r->want->len)
    return GINT_TO_POINTER (FALSE);
  for (guint k = 0; k < n; k++)
    {
      guint i = r->backwards ? n - 1 - k : k;
      g_autoptr (TandemPayoutLine) line = g_list_model_get_item (lines, i);

      if (g_strcmp0 (tandem_payout_line_get_explanation (line), g_ptr_array_index (r->want, i))
          != 0)
        return GINT_TO_POINTER (FALSE);
    }
  return GINT_TO_POINTER (TRUE);
}

/* S19b: a closed month reads its explanations from the store when they
 * are asked for, a range of rows at a time: 600 orders (1,200 lines, more
 * than one range) read back as the draft explained them, forwards and
 * backwards from two threads at once, and after the next month closed
 * too (its rows come after). */
static void
test_s19b_closed_explanations (void)
{
  World w = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemPeriod) oct = NULL;
  g_autoptr (TandemPeriod) nov = NULL;
  g_autoptr (TandemSettlement) draft = NULL;
  g_autoptr (TandemSettlement) closed = NULL;
  g_autoptr (TandemSettlement) nov_closed = NULL;
  g_autoptr (TandemSettlement) again = NULL;
  g_autoptr (GPtrArray) want = NULL;
  g_autoptr (GPtrArray) got = NULL;
  g_autofree char *json1 = NULL;
  g_autofree char *json2 = NULL;

  world_init (&w, NULL, NULL);
  for (guint i = 0; i < 600; i++)
    {
      g_autofree char *amount = g_strdup_printf ("%u.%02u", 100 + i, i % 100);
      g_autofree char *when
          = g_strdup_printf ("2026-10-%02uT%02u:%02u:00Z", 1 + i % 28, 8 + i / 60 % 10, i % 60);
      g_autoptr (TandemActivity) a G_GNUC_UNUSED
          = log_at (&w, NULL, NULL, TANDEM_ACTIVITY_KIND_ORDER, amount, when);
    }
  {
    g_autoptr (TandemActivity) a G_GNUC_UNUSED
        = log_at (&w, NULL, NULL, TANDEM_ACTIVITY_KIND_ORDER, "70.00", "2026-11-03T10:00:00Z");
  }
  draft = settle (&w, "2026-10");
  want = explanations (draft);
  CU_ASSERT_EQUAL_FATAL (want->len, 1200);

  oct = tandem_plan_parse_period (w.plan, "2026-10", &error);
  closed = tandem_settlement_close (w.store, w.plan, oct, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (closed);
  got = explanations (closed);
  CU_ASSERT_EQUAL_FATAL (got->len, want->len);
  for (guint i = 0; i < want->len; i++)
    CU_ASSERT_STRING_EQUAL (g_ptr_array_index (got, i), g_ptr_array_index (want, i));

  nov = tandem_plan_parse_period (w.plan, "2026-11", &error);
  nov_closed = tandem_settlement_close (w.store, w.plan, nov, &error);
  TANDEM_ASSERT_NO_ERROR (error);

  again = settle (&w, "2026-10");
  {
    Reader   forwards = { again, want, FALSE };
    Reader   backwards = { again, want, TRUE };
    GThread *t1 = g_thread_new ("forwards", read_explanations, &forwards);
    GThread *t2 = g_thread_new ("backwards", read_explanations, &backwards);

    CU_ASSERT_TRUE (GPOINTER_TO_INT (g_thread_join (t1)));
    CU_ASSERT_TRUE (GPOINTER_TO_INT (g_thread_join (t2)));
  }
  json1 = tandem_settlement_to_json (closed);
  json2 = tandem_settlement_to_json (again);
  CU_ASSERT_STRING_EQUAL (json1, json2);
  world_clear (&w);
}

/* S20: an activity in another currency is refused at settlement. */
static void
test_s20_currency (void)
{
  World w = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) t = at ("2026-11-03T10:00:00Z");
  g_autoptr (TandemMoney) usd = tandem_money_parse ("100.00 USD", NULL);
  g_autoptr (TandemActivity) a = NULL;
  g_autoptr (TandemPeriod) nov = NULL;
  g_autoptr (TandemSettlement) s = NULL;

  world_init (&w, NULL, NULL);
  a = tandem_store_log_activity (w.store, w.account, w.field, TANDEM_ACTIVITY_KIND_ORDER, usd, t,
                                 &error);
  TANDEM_ASSERT_NO_ERROR (error);
  nov = tandem_plan_parse_period (w.plan, "2026-11", &error);
  s = tandem_settlement_new (w.store, w.plan, nov, &error);
  CU_ASSERT_PTR_NULL (s);
  TANDEM_ASSERT_ERROR (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_NO_RATE,
                       "no rate USD→EUR is in effect at 2026-11-03T10:00:00Z");
  world_clear (&w);
}

/* S21: preview changes nothing, and the same data give the same JSON. */
static void
test_s21_deterministic (void)
{
  World w = { 0 };
  g_autoptr (TandemSettlement) s1 = NULL;
  g_autoptr (TandemSettlement) s2 = NULL;
  g_autofree char *j1 = NULL;
  g_autofree char *j2 = NULL;

  world_init (&w, "[TeamBonus]\nAttainment=50%\nAmount=333.33 EUR\n", "1000.00");
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char             *when = g_strdup_printf ("2026-11-%02uT10:00:00Z", 1 + i);
      g_autofree char             *amount = g_strdup_printf ("%u.%02u", 10 + i * 7, i * 13 % 100);
      g_autoptr (TandemActivity) a G_GNUC_UNUSED = log_at (
          &w, NULL, i % 2 ? w.inside : w.field,
          i % 3 ? TANDEM_ACTIVITY_KIND_ORDER : TANDEM_ACTIVITY_KIND_UP_SELL, amount, when);
    }
  s1 = settle (&w, "2026-11");
  s2 = settle (&w, "2026-11");
  j1 = tandem_settlement_to_json (s1);
  j2 = tandem_settlement_to_json (s2);
  CU_ASSERT_STRING_EQUAL (j1, j2);

  /* written as it goes, byte for byte what json-glib's pretty generator
   * writes for the same tree, to a stream or into memory */
  {
    g_autoptr (JsonParser) parser = json_parser_new ();
    g_autoptr (JsonGenerator) gen = json_generator_new ();
    g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
    g_autoptr (GError) error = NULL;
    g_autofree char *regenerated = NULL;

    CU_ASSERT_TRUE_FATAL (json_parser_load_from_data (parser, j1, -1, NULL));
    json_generator_set_root (gen, json_parser_get_root (parser));
    json_generator_set_pretty (gen, TRUE);
    json_generator_set_indent (gen, 2);
    regenerated = json_generator_to_data (gen, NULL);
    CU_ASSERT_STRING_EQUAL (regenerated, j1);

    CU_ASSERT_TRUE (tandem_settlement_write_json (s1, out, NULL, &error));
    TANDEM_ASSERT_NO_ERROR (error);
    CU_ASSERT_TRUE (g_output_stream_write_all (out, "", 1, NULL, NULL, NULL));
    CU_ASSERT_TRUE (g_output_stream_close (out, NULL, NULL));
    CU_ASSERT_STRING_EQUAL (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)), j1);
  }
  CU_ASSERT_PTR_NOT_NULL (strstr (j1, "\"team-bonus\""));
  assert_sums (s1);
  world_clear (&w);
}

/* The property test: random plans over random data. For every settlement
 * each activity's commission lines sum exactly to its rounded pool, the
 * total is the sum of the lines and of the reps' totals, and no rep ends
 * above the cap. 100 data sets × 100 plans = 10,000 settlements.
 *
 * Plans over time take part: each random plan is stored as a new version
 * of "Prop" from November and the settlement must use it; some data sets
 * have a target set for November, some activities are in CHF (converted
 * at one of two random rates, the pool computed from the converted
 * amount), and the inside rep may have a draw from October (recoverable or
 * not), which keeps the rep's November total at or above its amount. */
static gint64
expected_conversion (gint64 minor, gint64 rate) /* rate × 10^8, both currencies of exponent 2 */
{
  __int128 p = (__int128)minor * rate;
  __int128 q = p / 100000000, r = p % 100000000;

  if (r * 2 >= 100000000)
    q++;
  return (gint64)q;
}

static gint64
expected_pool (gint64 amount, int rate_hundredths) /* percent × 100 */
{
  __int128 p = (__int128)amount * rate_hundredths;
  __int128 q = p / 10000, r = p % 10000;

  if (r * 2 >= 10000)
    q++;
  return (gint64)q;
}

static void
test_property_settlements (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (5);
  guint settlements = 0, failures = 0;

  for (guint data = 0; data < 100; data++)
    {
      World w = { 0 };
      g_autoptr (GArray) amounts = g_array_new (FALSE, TRUE, sizeof (gint64));
      g_autoptr (GArray) kinds = g_array_new (FALSE, TRUE, sizeof (int));
      guint  n = g_rand_int_range (rand, 1, 25);
      guint  n_october = g_rand_int_range (rand, 0, 4);
      gint64 rates[2] = { g_rand_int_range (rand, 50000000, 150000000),
                          g_rand_int_range (rand, 50000000, 150000000) };
      gint64 draw_minor = g_rand_boolean (rand) ? g_rand_int_range (rand, 1, 300000) : 0;
      g_autoptr (GError) setup_error = NULL;
      g_autoptr (TandemPeriod) october = tandem_period_parse ("2026-10", NULL);
      g_autoptr (TandemPeriod) november = tandem_period_parse ("2026-11", NULL);

      world_init (&w, NULL, g_rand_boolean (rand) ? "5000.00" : NULL);
      for (guint r = 0; r < 2; r++)
        {
          g_autofree char *text = g_strdup_printf ("%d.%08d", (int)(rates[r] / 100000000),
                                                   (int)(rates[r] % 100000000));
          g_autoptr (GDateTime) since
              = at (r == 0 ? "2026-10-01T00:00:00Z" : "2026-11-15T00:00:00Z");

          tandem_exchange_rate_set (w.store, "CHF", "EUR", text, since, &setup_error);
        }
      if (g_rand_boolean (rand))
        {
          g_autoptr (TandemMoney) target
              = tandem_money_new (g_rand_int_range (rand, 0, 1000000), "EUR");

          tandem_target_set (w.store, w.team, november, target, &setup_error);
        }
      if (draw_minor > 0)
        {
          g_autoptr (TandemMoney) draw_amount = tandem_money_new (draw_minor, "EUR");
          g_autoptr (TandemDraw) draw = tandem_draw_set (w.store, w.inside, draw_amount, october,
                                                         NULL, g_rand_boolean (rand), &setup_error);

          CU_ASSERT_PTR_NOT_NULL (draw);
        }
      TANDEM_ASSERT_NO_ERROR (setup_error);

      for (guint i = 0; i < n + n_october; i++)
        {
          int              kind = TANDEM_ACTIVITY_KIND_ORDER + g_rand_int_range (rand, 0, 3);
          gint64           minor = g_rand_int_range (rand, 1, 500000);
          gboolean         chf = g_rand_int_range (rand, 0, 4) == 0;
          guint            day = 1 + g_rand_int_range (rand, 0, 28);
          g_autofree char *amount
              = g_strdup_printf ("%" G_GINT64_FORMAT ".%02" G_GINT64_FORMAT " %s", minor / 100,
                                 minor % 100, chf ? "CHF" : "EUR");
          g_autofree char *when = g_strdup_printf ("2026-%s-%02uT%02u:00:00Z", i < n ? "11" : "10",
                                                   day, g_rand_int_range (rand, 0, 24));
          g_autoptr (GDateTime) t = at (when);
          g_autoptr (TandemMoney) m = tandem_money_parse (amount, NULL);
          g_autoptr (TandemActivity) a = tandem_store_log_activity (
              w.store, w.account, g_rand_boolean (rand) ? w.inside : w.field, kind, m, t,
              &setup_error);

          TANDEM_ASSERT_NO_ERROR (setup_error);
          g_array_set_size (amounts, tandem_activity_get_id (a) + 1);
          g_array_set_size (kinds, tandem_activity_get_id (a) + 1);
          /* November's pools are checked; in EUR, after conversion */
          g_array_index (amounts, gint64, tandem_activity_get_id (a))
              = chf ? expected_conversion (minor, rates[day >= 15 ? 1 : 0]) : minor;
          g_array_index (kinds, int, tandem_activity_get_id (a)) = i < n ? kind : -1;
        }

      for (guint p = 0; p < 100; p++)
        {
          g_autoptr (GError) error = NULL;
          int              rate = g_rand_int_range (rand, 0, 2500); /* 0.00% – 24.99% */
          int              cs_rate = g_rand_int_range (rand, 0, 2500);
          int              share = g_rand_int_range (rand, 0, 10001);
          gboolean         cap = g_rand_boolean (rand);
          gint64           cap_minor = g_rand_int_range (rand, 100, 100000);
          g_autofree char *text = g_strdup_printf (
              "[Plan]\nName=Prop\nCurrency=EUR\nCommissionRate=%d.%02d%%\nInsideShare=%d.%02d%%\n"
              "[Kind cross-sell]\nCommissionRate=%d.%02d%%\n"
              "[Accelerator]\nAbove=%d%%\nMultiplier=1.%d\n"
              "[TeamBonus]\nAttainment=%d%%\nAmount=%d.%02d EUR\nSplit=%s\n%s",
              rate / 100, rate % 100, share / 100, share % 100, cs_rate / 100, cs_rate % 100,
              g_rand_int_range (rand, 1, 150), g_rand_int_range (rand, 0, 10),
              g_rand_int_range (rand, 1, 150), g_rand_int_range (rand, 0, 2000),
              g_rand_int_range (rand, 0, 100), g_rand_boolean (rand) ? "equal" : "contribution",
              cap ? "[Cap]\nPerRep=" : "");
          g_autofree char *full
              = cap ? g_strdup_printf ("%s%" G_GINT64_FORMAT ".%02" G_GINT64_FORMAT " EUR\n", text,
                                       cap_minor / 100, cap_minor % 100)
                    : g_strdup (text);
          g_autoptr (TandemPlan) plan = tandem_plan_new_from_data (full, -1, &error);
          g_autoptr (TandemPlan) stored = NULL;
          g_autoptr (TandemPeriod) nov = tandem_period_parse ("2026-11", NULL);
          guint version = 0;
          g_autoptr (TandemSettlement) s = NULL;
          g_autoptr (GListModel) lines = NULL;
          g_autoptr (GHashTable) by_activity
              = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
          g_autoptr (GHashTable) by_rep
              = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
          g_autoptr (TandemMoney) total = NULL;
          gint64 sum = 0;

          if (plan == NULL)
            {
              g_printerr ("plan: %s\n", error->message);
              failures++;
              continue;
            }
          /* each plan is a new version of Prop from November */
          if (!tandem_plan_version_add (w.store, plan, nov, &version, &error)
              || (stored = tandem_plan_load_at (w.store, "Prop", nov, &error)) == NULL
              || strcmp (tandem_plan_get_data (stored), full) != 0
              || (s = tandem_settlement_new (w.store, stored, nov, &error)) == NULL
              || tandem_settlement_get_plan_version (s) != version)
            {
              g_printerr ("settle: %s\n", error ? error->message : "another version");
              failures++;
              continue;
            }
          settlements++;
          lines = tandem_settlement_get_lines (s);
          for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
            {
              g_autoptr (TandemPayoutLine) l = g_list_model_get_item (lines, i);
              gint64  amount = tandem_money_get_minor_units (tandem_payout_line_get_amount (l));
              gint64  key = tandem_payout_line_get_activity_id (l);
              gint64  rep = tandem_rep_get_id (tandem_payout_line_get_rep (l));
              gint64 *v;

              sum += amount;
              if (tandem_payout_line_get_kind (l) == TANDEM_LINE_KIND_COMMISSION)
                {
                  v = g_hash_table_lookup (by_activity, &key);
                  if (v == NULL)
                    g_hash_table_insert (by_activity, g_memdup2 (&key, sizeof key),
                                         v = g_new0 (gint64, 1));
                  *v += amount;
                }
              v = g_hash_table_lookup (by_rep, &rep);
              if (v == NULL)
                g_hash_table_insert (by_rep, g_memdup2 (&rep, sizeof rep), v = g_new0 (gint64, 1));
              *v += amount;
            }

          total = tandem_settlement_get_total (s);
          if (sum != tandem_money_get_minor_units (total))
            failures++;

          for (guint id = 1; id < amounts->len; id++)
            {
              gint64  key = id;
              gint64 *got = g_hash_table_lookup (by_activity, &key);
              int r = g_array_index (kinds, int, id) == TANDEM_ACTIVITY_KIND_CROSS_SELL ? cs_rate
                                                                                        : rate;

              if (g_array_index (kinds, int, id) < 0)
                continue; /* October */
              if (got == NULL || *got != expected_pool (g_array_index (amounts, gint64, id), r))
                failures++;
            }

          if (draw_minor > 0)
            {
              gint64  inside = tandem_rep_get_id (w.inside);
              gint64 *got = g_hash_table_lookup (by_rep, &inside);

              if (got == NULL || *got < draw_minor)
                failures++;
            }

          if (cap && draw_minor == 0)
            {
              GHashTableIter iter;
              gpointer       k, v;

              g_hash_table_iter_init (&iter, by_rep);
              while (g_hash_table_iter_next (&iter, &k, &v))
                if (*(gint64 *)v > cap_minor)
                  failures++;
            }
        }
      world_clear (&w);
    }

  g_printerr ("%u settlements checked, %u failures\n", settlements, failures);
  CU_ASSERT_EQUAL (settlements, 10000);
  CU_ASSERT_EQUAL (failures, 0);
}

int
main (void)
{
  const TandemTestCase cases[] = {
    TANDEM_TEST (test_plan_validation),
    TANDEM_TEST (test_statement_pdf),
    TANDEM_TEST (test_periods),
    TANDEM_TEST (test_s01_commission),
    TANDEM_TEST (test_s02_rounding),
    TANDEM_TEST (test_s03_overrides),
    TANDEM_TEST (test_s05_accelerator),
    TANDEM_TEST (test_s06_bonus_equal),
    TANDEM_TEST (test_s07_bonus_contribution),
    TANDEM_TEST (test_s08_cap),
    TANDEM_TEST (test_s09_cap_after_accelerator),
    TANDEM_TEST (test_s10_referral),
    TANDEM_TEST (test_s11_referral_reversed),
    TANDEM_TEST (test_s12_clawback),
    TANDEM_TEST (test_s13_clawback_accelerated_partial),
    TANDEM_TEST (test_book_extract_closed_and_open),
    TANDEM_TEST (test_s14_outside_window),
    TANDEM_TEST (test_s15_member_change),
    TANDEM_TEST (test_s16_local_midnight),
    TANDEM_TEST (test_s17_zero_target_and_idle),
    TANDEM_TEST (test_s19_closed_period),
    TANDEM_TEST (test_s19b_closed_explanations),
    TANDEM_TEST (test_s20_currency),
    TANDEM_TEST (test_s21_deterministic),
    TANDEM_TEST (test_property_settlements),
  };

  return tandem_test_run ("comp", cases, G_N_ELEMENTS (cases));
}
