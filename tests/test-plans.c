/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test-plans.c: plans over time, with worked scenarios: plan versions
 * across a closed month, two tandems on two plans, a ramped target meeting
 * the accelerator, draws, and orders in another currency.
 *
 * Every scenario states the amounts computed by hand in a comment. The
 * base plan pays 5% commission, 40% to the inside rep. */

#include <string.h>
#include <tandem.h>

#include "tandem-test.h"

static const char *base_plan = "[Plan]\nName=Standard\nCurrency=EUR\nPeriod=month\n"
                               "TimeZone=Europe/Berlin\nCommissionRate=5%\nInsideShare=40%\n";

typedef struct
{
  TandemStore   *store;
  TandemPlan    *plan;
  TandemRep     *inside;
  TandemRep     *field;
  TandemTeam    *team;
  TandemAccount *account;
} World;

static TandemPlan *
plan_from (const char *text)
{
  g_autoptr (GError) error = NULL;
  TandemPlan *plan = tandem_plan_new_from_data (text, -1, &error);

  g_assert_no_error (error);
  return plan;
}

static TandemPeriod *
month (World *w, const char *label)
{
  g_autoptr (GError) error = NULL;
  TandemPeriod *period = tandem_plan_parse_period (w->plan, label, &error);

  g_assert_no_error (error);
  return period;
}

static void
world_init (World *w, const char *plan_extra, const char *target)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) since = g_date_time_new_from_iso8601 ("2026-01-01T00:00:00Z", NULL);
  g_autoptr (TandemTeam) draft = NULL;
  g_autoptr (TandemAccount) acct = NULL;
  g_autofree char *text = g_strconcat (base_plan, plan_extra ? plan_extra : "", NULL);

  w->store = tandem_test_store_new (NULL, &error);
  w->plan = plan_from (text);
  w->inside = tandem_store_add_rep (w->store, "Anna Schäfer", TANDEM_ROLE_INSIDE, &error);
  w->field = tandem_store_add_rep (w->store, "Jonas Becker", TANDEM_ROLE_FIELD, &error);
  draft = tandem_team_new ("Nord", w->inside, w->field, &error);
  if (target != NULL)
    {
      g_autoptr (TandemMoney) t = tandem_money_parse (target, &error);

      tandem_team_set_target (draft, t);
    }
  w->team = tandem_store_save_team (w->store, draft, since, &error);
  acct = tandem_account_new ("ACME GmbH", w->team);
  w->account = tandem_store_save_account (w->store, acct, since, &error);
  CU_ASSERT_TRUE (tandem_plan_add (w->store, w->plan, &error));
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

static void
order (World *w, TandemAccount *account, const char *amount, const char *when)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) t = g_date_time_new_from_iso8601 (when, NULL);
  g_autoptr (TandemMoney) m = tandem_money_parse (amount, &error);
  g_autoptr (TandemActivity) a = tandem_store_log_activity (
      w->store, account ? account : w->account, w->field, TANDEM_ACTIVITY_KIND_ORDER, m, t, &error);

  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_PTR_NOT_NULL (a);
}

static gint64
rep_total (TandemSettlement *s, TandemRep *rep)
{
  g_autoptr (TandemMoney) t = tandem_settlement_get_total_for_rep (s, rep);

  return tandem_money_get_minor_units (t);
}

static gint64
total (TandemSettlement *s)
{
  g_autoptr (TandemMoney) t = tandem_settlement_get_total (s);

  return tandem_money_get_minor_units (t);
}

/* The sum of @rep's lines of @kind, and whether one explains with @needle. */
static gint64
kind_sum (TandemSettlement *s,
          TandemRep        *rep,
          TandemLineKind    kind,
          const char       *needle,
          gboolean         *found)
{
  g_autoptr (GListModel) lines = tandem_settlement_get_lines_for_rep (s, rep);
  gint64 sum = 0;

  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr (TandemPayoutLine) l = g_list_model_get_item (lines, i);

      if (tandem_payout_line_get_kind (l) != kind)
        continue;
      sum += tandem_money_get_minor_units (tandem_payout_line_get_amount (l));
      if (found != NULL && needle != NULL
          && strstr (tandem_payout_line_get_explanation (l), needle) != NULL)
        *found = TRUE;
    }
  return sum;
}

static TandemSettlement *
settle (World *w, TandemPlan *plan, const char *label, gboolean close)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemPeriod) period = month (w, label);
  TandemSettlement *s = close ? tandem_settlement_close (w->store, plan, period, &error)
                              : tandem_settlement_new (w->store, plan, period, &error);

  TANDEM_ASSERT_NO_ERROR (error);
  return s;
}

/* P1: a mid-year plan change across a closed month. June (v1, 5%): an
 * order of 1000.00 pays 50.00 and June is closed. v2 (8%) loaded without
 * a period takes effect in July: 1000.00 pays 80.00. June still reads
 * 50.00 with version 1; a version dated into June is refused. */
static void
test_p1_version_across_closed_month (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemPlan) v2
      = plan_from ("[Plan]\nName=Standard\nCurrency=EUR\nPeriod=month\nTimeZone=Europe/Berlin\n"
                   "CommissionRate=8%\nInsideShare=40%\n");
  g_autoptr (TandemSettlement) june = NULL;
  g_autoptr (TandemSettlement) june_again = NULL;
  g_autoptr (TandemSettlement) july = NULL;
  g_autoptr (TandemPlan) at_june = NULL;
  g_autoptr (TandemPlan) at_july = NULL;
  g_autoptr (TandemPeriod) p_june = NULL;
  g_autoptr (TandemPeriod) p_july = NULL;
  g_autoptr (GListModel) versions = NULL;
  guint    version = 0;
  gboolean named = FALSE;
  World    w = { 0 };

  world_init (&w, NULL, NULL);
  p_june = month (&w, "2026-06");
  p_july = month (&w, "2026-07");
  order (&w, NULL, "1000.00 EUR", "2026-06-10T10:00:00Z");
  order (&w, NULL, "1000.00 EUR", "2026-07-10T10:00:00Z");
  june = settle (&w, w.plan, "2026-06", TRUE);
  CU_ASSERT_EQUAL (total (june), 5000);
  CU_ASSERT_EQUAL (tandem_settlement_get_plan_version (june), 1);

  CU_ASSERT_TRUE (tandem_plan_version_add (w.store, v2, NULL, &version, &error));
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (version, 2);
  CU_ASSERT_FALSE (tandem_plan_version_add (w.store, v2, p_june, NULL, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CLOSED_PERIOD, "2026-06");

  versions = tandem_plan_version_list (w.store, &error);
  CU_ASSERT_EQUAL (g_list_model_get_n_items (versions), 2);
  {
    g_autoptr (TandemPlanVersion) second = g_list_model_get_item (versions, 1);

    CU_ASSERT_STRING_EQUAL (tandem_plan_version_get_from (second), "2026-07");
  }
  at_june = tandem_plan_load_at (w.store, "Standard", p_june, &error);
  at_july = tandem_plan_load_at (w.store, "Standard", p_july, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_STRING_EQUAL (tandem_plan_get_data (at_june), tandem_plan_get_data (w.plan));
  CU_ASSERT_STRING_EQUAL (tandem_plan_get_data (at_july), tandem_plan_get_data (v2));

  june_again = settle (&w, at_june, "2026-06", FALSE);
  CU_ASSERT_EQUAL (tandem_settlement_get_state (june_again), TANDEM_SETTLEMENT_STATE_CLOSED);
  CU_ASSERT_EQUAL (total (june_again), 5000);
  CU_ASSERT_EQUAL (tandem_settlement_get_plan_version (june_again), 1);
  july = settle (&w, at_july, "2026-07", FALSE);
  CU_ASSERT_EQUAL (total (july), 8000);
  CU_ASSERT_EQUAL (tandem_settlement_get_plan_version (july), 2);
  CU_ASSERT_EQUAL (kind_sum (july, w.field, TANDEM_LINE_KIND_COMMISSION, "version 2", &named),
                   4800);
  CU_ASSERT_TRUE (named);
  world_clear (&w);
}

/* P2: two tandems on two plans in one month. Standard (5%) is loaded
 * first and is the default; Süd follows Premium (10%) from November. In
 * November an order of 1000.00 for each: Standard settles Nord only
 * (50.00), Premium settles Süd only (100.00). In October Süd still
 * follows Standard: its order of 1000.00 pays 50.00 there. */
static void
test_p2_two_plans (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemPlan) premium
      = plan_from ("[Plan]\nName=Premium\nCurrency=EUR\nPeriod=month\nTimeZone=Europe/Berlin\n"
                   "CommissionRate=10%\nInsideShare=40%\n");
  g_autoptr (TandemRep) lea = NULL;
  g_autoptr (TandemRep) tom = NULL;
  g_autoptr (TandemTeam) draft = NULL;
  g_autoptr (TandemTeam) sued = NULL;
  g_autoptr (TandemAccount) acct = NULL;
  g_autoptr (TandemAccount) kessler = NULL;
  g_autoptr (GDateTime) since = g_date_time_new_from_iso8601 ("2026-01-01T00:00:00Z", NULL);
  g_autoptr (TandemPeriod) nov = NULL;
  g_autoptr (TandemSettlement) std_nov = NULL;
  g_autoptr (TandemSettlement) prem_nov = NULL;
  g_autoptr (TandemSettlement) std_oct = NULL;
  g_autofree char *follows = NULL;
  g_autofree char *default_plan = NULL;
  World            w = { 0 };

  world_init (&w, NULL, NULL);
  lea = tandem_store_add_rep (w.store, "Lea Hoffmann", TANDEM_ROLE_INSIDE, &error);
  tom = tandem_store_add_rep (w.store, "Tom Wagner", TANDEM_ROLE_FIELD, &error);
  draft = tandem_team_new ("Süd", lea, tom, &error);
  sued = tandem_store_save_team (w.store, draft, since, &error);
  acct = tandem_account_new ("Brauerei Kessler", sued);
  kessler = tandem_store_save_account (w.store, acct, since, &error);
  CU_ASSERT_TRUE (tandem_plan_add (w.store, premium, &error));
  nov = month (&w, "2026-11");
  CU_ASSERT_TRUE (tandem_plan_assign (w.store, sued, "Premium", nov, &error));
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_FALSE (tandem_plan_assign (w.store, sued, "Gold", nov, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_FOUND, "Gold");

  default_plan = tandem_plan_get_default (w.store, &error);
  CU_ASSERT_STRING_EQUAL (default_plan, "Standard");
  follows = tandem_plan_get_for_team (w.store, sued, nov, &error);
  CU_ASSERT_STRING_EQUAL (follows, "Premium");

  order (&w, NULL, "1000.00 EUR", "2026-11-05T10:00:00Z");
  order (&w, kessler, "1000.00 EUR", "2026-11-06T10:00:00Z");
  order (&w, kessler, "1000.00 EUR", "2026-10-06T10:00:00Z");

  std_nov = settle (&w, w.plan, "2026-11", FALSE);
  prem_nov = settle (&w, premium, "2026-11", FALSE);
  std_oct = settle (&w, w.plan, "2026-10", FALSE);
  CU_ASSERT_EQUAL (total (std_nov), 5000);
  CU_ASSERT_EQUAL (rep_total (std_nov, w.field), 3000);
  CU_ASSERT_EQUAL (rep_total (std_nov, tom), 0);
  CU_ASSERT_EQUAL (total (prem_nov), 10000);
  CU_ASSERT_EQUAL (rep_total (prem_nov, tom), 6000);
  CU_ASSERT_EQUAL (rep_total (prem_nov, w.field), 0);
  CU_ASSERT_EQUAL (total (std_oct), 5000);
  CU_ASSERT_EQUAL (rep_total (std_oct, tom), 3000);
  world_clear (&w);
}

/* P3: a ramped target meets the marginal accelerator (Above=100%,
 * Multiplier=2). Own target 10000.00; ramp from October 50%,75%: October
 * 5000.00, November 7500.00, December 10000.00 again. November: an order
 * of 9000.00 pays 450.00 (180.00/270.00) and 1500.00 lies above 7500.00:
 * accelerator 5% of it = 75.00 (30.00/45.00); 525.00 in all. December: the
 * same order stays below 10000.00: 450.00. */
static void
test_p3_ramp_and_accelerator (void)
{
  g_autoptr (GError) error = NULL;
  const guint steps[] = { 5000, 7500 };
  g_autoptr (TandemPeriod) oct = NULL;
  g_autoptr (TandemSettlement) nov = NULL;
  g_autoptr (TandemSettlement) dec = NULL;
  g_autoptr (GListModel) targets = NULL;
  gboolean named = FALSE;
  World    w = { 0 };

  world_init (&w, "[Accelerator]\nAbove=100%\nMultiplier=2\n", "10000.00 EUR");
  oct = month (&w, "2026-10");
  CU_ASSERT_TRUE (tandem_target_ramp (w.store, w.team, oct, steps, 2, &error));
  TANDEM_ASSERT_NO_ERROR (error);
  targets = tandem_target_list (w.store, w.team, &error);
  CU_ASSERT_EQUAL (g_list_model_get_n_items (targets), 2);
  {
    g_autoptr (TandemTarget) second = g_list_model_get_item (targets, 1);
    g_autofree char *amount = tandem_money_to_string (tandem_target_get_amount (second));

    CU_ASSERT_STRING_EQUAL (tandem_target_get_period (second), "2026-11");
    CU_ASSERT_STRING_EQUAL (amount, "7500.00 EUR");
  }

  order (&w, NULL, "9000.00 EUR", "2026-11-10T10:00:00Z");
  order (&w, NULL, "9000.00 EUR", "2026-12-10T10:00:00Z");
  nov = settle (&w, w.plan, "2026-11", FALSE);
  dec = settle (&w, w.plan, "2026-12", FALSE);
  CU_ASSERT_EQUAL (total (nov), 52500);
  CU_ASSERT_EQUAL (kind_sum (nov, w.field, TANDEM_LINE_KIND_ACCELERATOR, "set for 2026-11", &named),
                   4500);
  CU_ASSERT_TRUE (named);
  CU_ASSERT_EQUAL (kind_sum (nov, w.inside, TANDEM_LINE_KIND_ACCELERATOR, NULL, NULL), 3000);
  CU_ASSERT_EQUAL (total (dec), 45000);
  world_clear (&w);
}

/* P4: a recoverable draw over four months. Jonas (field, 60%) has a draw
 * of 500.00 from August until October.
 *   Aug: order 2000.00 → 60.00; draw +440.00, balance 440.00
 *   Sep: order 20000.00 → 600.00; recovery −100.00, balance 340.00
 *   Oct: order 5000.00 → 150.00; draw +350.00, balance 690.00
 *   Nov (ended): order 10000.00 → 300.00; recovery −300.00, balance 390.00
 * Settled open (balances from the earlier open periods), then closed
 * month by month with the same figures; the draw list shows 390.00. */
static void
test_p4_recoverable_draw (void)
{
  static const char *const months[] = { "2026-08", "2026-09", "2026-10", "2026-11" };
  static const gint64      field_totals[] = { 50000, 50000, 50000, 0 };
  static const gint64      draw_lines[] = { 44000, -10000, 35000, -30000 };
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemMoney) amount = tandem_money_parse ("500.00 EUR", NULL);
  g_autoptr (TandemPeriod) aug = NULL;
  g_autoptr (TandemPeriod) oct = NULL;
  g_autoptr (TandemDraw) draw = NULL;
  g_autoptr (GListModel) draws = NULL;
  World w = { 0 };

  world_init (&w, NULL, NULL);
  aug = month (&w, "2026-08");
  oct = month (&w, "2026-10");
  draw = tandem_draw_set (w.store, w.field, amount, aug, oct, TRUE, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE (tandem_draw_get_recoverable (draw));
  order (&w, NULL, "2000.00 EUR", "2026-08-10T10:00:00Z");
  order (&w, NULL, "20000.00 EUR", "2026-09-10T10:00:00Z");
  order (&w, NULL, "5000.00 EUR", "2026-10-10T10:00:00Z");
  order (&w, NULL, "10000.00 EUR", "2026-11-10T10:00:00Z");

  for (int close = 0; close < 2; close++)
    for (guint i = 0; i < G_N_ELEMENTS (months); i++)
      {
        g_autoptr (TandemSettlement) s = settle (&w, w.plan, months[i], close);
        gboolean       named = FALSE;
        TandemLineKind kind
            = draw_lines[i] > 0 ? TANDEM_LINE_KIND_DRAW : TANDEM_LINE_KIND_DRAW_RECOVERY;

        CU_ASSERT_EQUAL (rep_total (s, w.field), field_totals[i]);
        CU_ASSERT_EQUAL (kind_sum (s, w.field, kind, "balance", &named), draw_lines[i]);
        CU_ASSERT_TRUE (named);
        CU_ASSERT_EQUAL (kind_sum (s, w.inside, TANDEM_LINE_KIND_DRAW, NULL, NULL), 0);
      }

  draws = tandem_draw_list (w.store, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (g_list_model_get_n_items (draws), 1);
  {
    g_autoptr (TandemDraw) listed = g_list_model_get_item (draws, 0);
    g_autofree char *balance = tandem_money_to_string (tandem_draw_get_balance (listed));

    CU_ASSERT_STRING_EQUAL (balance, "390.00 EUR");
    CU_ASSERT_STRING_EQUAL (tandem_draw_get_until (listed), "2026-10");
  }
  /* a draw starting in a closed period is refused */
  CU_ASSERT_PTR_NULL (tandem_draw_set (w.store, w.inside, amount, oct, NULL, FALSE, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CLOSED_PERIOD, "Anna");
  world_clear (&w);
}

/* P5: a draw that is not recoverable. Anna (inside, 40%) has 300.00 from
 * November. Nov: order 10000.00 → 200.00; draw +100.00 (total 300.00).
 * Dec: order 20000.00 → 400.00; nothing is taken back. */
static void
test_p5_draw_not_recoverable (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemMoney) amount = tandem_money_parse ("300.00 EUR", NULL);
  g_autoptr (TandemPeriod) nov = NULL;
  g_autoptr (TandemDraw) draw = NULL;
  g_autoptr (TandemSettlement) s_nov = NULL;
  g_autoptr (TandemSettlement) s_dec = NULL;
  gboolean named = FALSE;
  World    w = { 0 };

  world_init (&w, NULL, NULL);
  nov = month (&w, "2026-11");
  draw = tandem_draw_set (w.store, w.inside, amount, nov, NULL, FALSE, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  order (&w, NULL, "10000.00 EUR", "2026-11-10T10:00:00Z");
  order (&w, NULL, "20000.00 EUR", "2026-12-10T10:00:00Z");
  s_nov = settle (&w, w.plan, "2026-11", FALSE);
  s_dec = settle (&w, w.plan, "2026-12", FALSE);
  CU_ASSERT_EQUAL (kind_sum (s_nov, w.inside, TANDEM_LINE_KIND_DRAW, "not recoverable", &named),
                   10000);
  CU_ASSERT_TRUE (named);
  CU_ASSERT_EQUAL (rep_total (s_nov, w.inside), 30000);
  CU_ASSERT_EQUAL (rep_total (s_dec, w.inside), 40000);
  CU_ASSERT_EQUAL (kind_sum (s_dec, w.inside, TANDEM_LINE_KIND_DRAW_RECOVERY, NULL, NULL), 0);
  world_clear (&w);
}

/* P6: orders in CHF under an EUR plan with two rates in one month:
 * 0.95 from 1 November, 0.9 from 15 November (00:00 UTC).
 *   10 Nov 1000.00 CHF → 950.00 EUR → 47.50 (19.00/28.50)
 *   12 Nov  333.33 CHF → 316.6635 → 316.66 EUR → 15.833 → 15.83 (6.33/9.50)
 *   20 Nov 2000.00 CHF → 1800.00 EUR → 90.00 (36.00/54.00)
 * Total 153.33. The explanation names the original amount, the rate and
 * its date; a closed November keeps both rates; a rate dated into it is
 * refused. */
static void
test_p6_exchange_rates (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) first = g_date_time_new_from_iso8601 ("2026-11-01T00:00:00Z", NULL);
  g_autoptr (GDateTime) second = g_date_time_new_from_iso8601 ("2026-11-15T00:00:00Z", NULL);
  g_autoptr (TandemSettlement) s = NULL;
  g_autoptr (TandemSettlement) closed = NULL;
  g_autoptr (GListModel) rates = NULL;
  g_autofree char *json = NULL;
  gboolean         named = FALSE;
  World            w = { 0 };

  world_init (&w, NULL, NULL);
  CU_ASSERT_TRUE (tandem_exchange_rate_set (w.store, "CHF", "EUR", "0.95", first, &error));
  CU_ASSERT_TRUE (tandem_exchange_rate_set (w.store, "CHF", "EUR", "0.9", second, &error));
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_FALSE (tandem_exchange_rate_set (w.store, "CHF", "EUR", "0,9", second, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_MONEY_ERROR, TANDEM_MONEY_ERROR_INVALID_RATE, "0,9");
  CU_ASSERT_FALSE (tandem_exchange_rate_set (w.store, "CHF", "EUR", "0.123456789", second, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_MONEY_ERROR, TANDEM_MONEY_ERROR_INVALID_RATE, "0.123456789");
  rates = tandem_exchange_rate_list (w.store, &error);
  CU_ASSERT_EQUAL (g_list_model_get_n_items (rates), 2);

  order (&w, NULL, "1000.00 CHF", "2026-11-10T10:00:00Z");
  order (&w, NULL, "333.33 CHF", "2026-11-12T10:00:00Z");
  order (&w, NULL, "2000.00 CHF", "2026-11-20T10:00:00Z");
  s = settle (&w, w.plan, "2026-11", FALSE);
  CU_ASSERT_EQUAL (total (s), 15333);
  CU_ASSERT_EQUAL (rep_total (s, w.inside), 6133);
  CU_ASSERT_EQUAL (rep_total (s, w.field), 9200);
  kind_sum (s, w.field, TANDEM_LINE_KIND_COMMISSION,
            "was 1,000.00 CHF, converted at 0.95 CHF→EUR (the rate from 2026-11-01", &named);
  CU_ASSERT_TRUE (named);

  closed = settle (&w, w.plan, "2026-11", TRUE);
  json = tandem_settlement_to_json (closed);
  CU_ASSERT_PTR_NOT_NULL (strstr (json, "\"rate\" : \"0.95\""));
  CU_ASSERT_PTR_NOT_NULL (strstr (json, "\"rate\" : \"0.9\""));
  CU_ASSERT_EQUAL (total (closed), 15333);
  CU_ASSERT_FALSE (tandem_exchange_rate_set (w.store, "CHF", "EUR", "1.1", second, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CLOSED_PERIOD, "CHF→EUR");
  world_clear (&w);
}

/* P7: a currency without a rate names the pair and the time; a target
 * dated into a closed period is refused. */
static void
test_p7_missing_rate_and_closed_target (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemSettlement) s = NULL;
  g_autoptr (TandemPeriod) nov = NULL;
  g_autoptr (TandemMoney) target = tandem_money_parse ("100.00 EUR", NULL);
  World w = { 0 };

  world_init (&w, NULL, NULL);
  nov = month (&w, "2026-11");
  order (&w, NULL, "100.00 EUR", "2026-10-02T10:00:00Z");
  g_clear_object (&s);
  s = settle (&w, w.plan, "2026-10", TRUE);
  order (&w, NULL, "100.00 GBP", "2026-11-02T10:00:00Z");
  CU_ASSERT_PTR_NULL (tandem_settlement_new (w.store, w.plan, nov, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_NO_RATE,
                       "no rate GBP→EUR is in effect at 2026-11-02T10:00:00Z");
  {
    g_autoptr (TandemPeriod) oct = month (&w, "2026-10");

    CU_ASSERT_FALSE (tandem_target_set (w.store, w.team, oct, target, &error));
    TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CLOSED_PERIOD, "2026-10");
    CU_ASSERT_FALSE (tandem_plan_assign (w.store, w.team, "Standard", oct, &error));
    TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CLOSED_PERIOD, "Nord");
  }
  world_clear (&w);
}

int
main (void)
{
  const TandemTestCase cases[] = {
    TANDEM_TEST (test_p1_version_across_closed_month),    TANDEM_TEST (test_p2_two_plans),
    TANDEM_TEST (test_p3_ramp_and_accelerator),           TANDEM_TEST (test_p4_recoverable_draw),
    TANDEM_TEST (test_p5_draw_not_recoverable),           TANDEM_TEST (test_p6_exchange_rates),
    TANDEM_TEST (test_p7_missing_rate_and_closed_target),
  };

  return tandem_test_run ("plans", cases, G_N_ELEMENTS (cases));
}
