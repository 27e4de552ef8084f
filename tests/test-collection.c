/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test-collection.c: pay on collection (PayOn=payment): an order's
 * commission is paid in the periods of its payments, pro rata by
 * cumulative rounding, the rest held outside the total; a reversal takes
 * back only what was paid.
 *
 * The worked scenarios, computed by hand (10% commission, 50% inside
 * unless said otherwise; Anna inside, Jonas field):
 *
 * C1, two payments across months: an order of 1,000.00 on 5 October
 *   earns 100.00, 50.00 each. 400.00 is paid on 20 October: October pays
 *   round (50.00 × 400/1000) = 20.00 each, 30.00 each held. 600.00 on 20
 *   November: November pays 50.00 − 20.00 = 30.00 each, nothing held. The
 *   same with October closed first (November reads what the order earned
 *   from the closed lines).
 * C2, three thirds: 60% inside; an order of 100.00 earns 10.00: Anna
 *   6.00, Jonas 4.00. 33.33 is paid in October, November and December,
 *   33.34 on top in December. Anna: round (600 × 3333/10000) = 200,
 *   round (600 × 6666/10000) = 400, 600: 2.00, 2.00, 2.00. Jonas:
 *   round (400 × 0.3333) = 133, round (400 × 0.6666) = 267, 400: 1.33,
 *   1.34, 1.33; each month's held is what is left.
 * C3, a reversal after a partial payment: the order of 1,000.00 with
 *   400.00 paid in October (20.00 each paid, 30.00 each held); reversed
 *   whole on 10 November, inside the 90-day window: November takes back
 *   the 20.00 each that was paid (clawback −20.00), and nothing is held
 *   any more. A payment after it is refused: nothing is open. */

#include <string.h>
#include <tandem.h>

#include "tandem-test.h"

#define PLAN(share)                                                                      \
  "[Plan]\nName=Collect\nCurrency=EUR\nPeriod=month\nTimeZone=UTC\nCommissionRate=10%\n" \
  "InsideShare=" share "\nPayOn=payment\n[Clawback]\nWindowDays=90\n"

typedef struct
{
  TandemStore   *store;
  TandemPlan    *plan;
  TandemRep     *anna;
  TandemRep     *jonas;
  TandemAccount *account;
} World;

static void
world_init (World *w, const char *plan)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) since = g_date_time_new_from_iso8601 ("2026-01-01T00:00:00Z", NULL);
  g_autoptr (TandemTeam) draft = NULL;
  g_autoptr (TandemTeam) team = NULL;
  g_autoptr (TandemAccount) acct = NULL;

  w->store = tandem_test_store_new (NULL, &error);
  w->plan = tandem_plan_new_from_data (plan, -1, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (tandem_plan_get_pay_on (w->plan), TANDEM_PAY_ON_PAYMENT);
  w->anna = tandem_store_add_rep (w->store, "Anna", TANDEM_ROLE_INSIDE, &error);
  w->jonas = tandem_store_add_rep (w->store, "Jonas", TANDEM_ROLE_FIELD, &error);
  draft = tandem_team_new ("Nord", w->anna, w->jonas, &error);
  team = tandem_store_save_team (w->store, draft, since, &error);
  acct = tandem_account_new ("ACME GmbH", team);
  w->account = tandem_store_save_account (w->store, acct, since, &error);
  TANDEM_ASSERT_NO_ERROR (error);
}

static void
world_clear (World *w)
{
  g_clear_object (&w->account);
  g_clear_object (&w->jonas);
  g_clear_object (&w->anna);
  g_clear_object (&w->plan);
  g_clear_object (&w->store);
}

static TandemActivity *
order (World *w, const char *amount, const char *at)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemMoney) money = tandem_money_parse (amount, NULL);
  g_autoptr (GDateTime) when = g_date_time_new_from_iso8601 (at, NULL);
  TandemActivity *saved = tandem_store_log_activity (
      w->store, w->account, w->jonas, TANDEM_ACTIVITY_KIND_ORDER, money, when, &error);

  TANDEM_ASSERT_NO_ERROR (error);
  return saved;
}

/* Stores a payment; NULL with @error when refused. */
static TandemActivity *
pay (World *w, TandemActivity *paid, const char *amount, const char *at, GError **error)
{
  g_autoptr (TandemMoney) money = tandem_money_parse (amount, NULL);
  g_autoptr (GDateTime) when = g_date_time_new_from_iso8601 (at, NULL);
  g_autoptr (TandemActivity) draft
      = tandem_activity_new_payment (paid, w->anna, money, when, error);

  return draft != NULL ? tandem_store_save_activity (w->store, draft, NULL, error) : NULL;
}

static TandemSettlement *
settle (World *w, const char *label)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemPeriod) period = tandem_plan_parse_period (w->plan, label, NULL);
  TandemSettlement *s = tandem_settlement_new (w->store, w->plan, period, &error);

  TANDEM_ASSERT_NO_ERROR (error);
  return s;
}

static void
close_period (World *w, const char *label)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemPeriod) period = tandem_plan_parse_period (w->plan, label, NULL);
  g_autoptr (TandemSettlement) s G_GNUC_UNUSED
      = tandem_settlement_close (w->store, w->plan, period, &error);

  TANDEM_ASSERT_NO_ERROR (error);
}

static gint64
minor (TandemMoney *money)
{
  gint64 value = tandem_money_get_minor_units (money);

  tandem_money_unref (money);
  return value;
}

/* paid and held for each rep, in cents */
static void
check (TandemSettlement *s,
       World            *w,
       gint64            anna,
       gint64            jonas,
       gint64            anna_held,
       gint64            jonas_held)
{
  CU_ASSERT_EQUAL (minor (tandem_settlement_get_total_for_rep (s, w->anna)), anna);
  CU_ASSERT_EQUAL (minor (tandem_settlement_get_total_for_rep (s, w->jonas)), jonas);
  CU_ASSERT_EQUAL (minor (tandem_settlement_get_held_for_rep (s, w->anna)), anna_held);
  CU_ASSERT_EQUAL (minor (tandem_settlement_get_held_for_rep (s, w->jonas)), jonas_held);
  CU_ASSERT_EQUAL (minor (tandem_settlement_get_total (s)), anna + jonas);
  CU_ASSERT_EQUAL (minor (tandem_settlement_get_held (s)), anna_held + jonas_held);
}

/* @text holds @needle; shows both when not */
static void
assert_says (const char *text, const char *needle)
{
  if (text == NULL || strstr (text, needle) == NULL)
    g_printerr ("\n  text:   %s\n  wanted: %s\n", text ? text : "(null)", needle);
  CU_ASSERT_PTR_NOT_NULL (text != NULL ? strstr (text, needle) : NULL);
}

/* The explanation of @rep's first line in @s */
static char *
first_explanation (TandemSettlement *s, TandemRep *rep)
{
  g_autoptr (GListModel) lines = tandem_settlement_get_lines_for_rep (s, rep);
  g_autoptr (TandemPayoutLine) line = g_list_model_get_item (lines, 0);

  return line != NULL ? g_strdup (tandem_payout_line_get_explanation (line)) : NULL;
}

static void
two_payments (gboolean close_october)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemActivity) o = NULL;
  g_autoptr (TandemActivity) p1 = NULL;
  g_autoptr (TandemActivity) p2 = NULL;
  g_autoptr (TandemSettlement) oct = NULL;
  g_autoptr (TandemSettlement) nov = NULL;
  g_autoptr (TandemSettlement) oct_again = NULL;
  g_autofree char *json = NULL;
  World            w = { 0 };

  world_init (&w, PLAN ("50%"));
  o = order (&w, "1000.00 EUR", "2026-10-05T10:00:00Z");
  p1 = pay (&w, o, "400.00 EUR", "2026-10-20T10:00:00Z", &error);
  p2 = pay (&w, o, "600.00 EUR", "2026-11-20T10:00:00Z", &error);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (tandem_activity_get_kind (p1), TANDEM_ACTIVITY_KIND_PAYMENT);
  CU_ASSERT_EQUAL (tandem_activity_get_id (tandem_activity_get_pays (p1)),
                   tandem_activity_get_id (o));

  oct = settle (&w, "2026-10");
  check (oct, &w, 2000, 2000, 3000, 3000);
  json = tandem_settlement_to_json (oct);
  CU_ASSERT_PTR_NOT_NULL (strstr (json, "\"held\" : \"60.00 EUR\""));
  /* line 8 of issue 25: the line's amount (what it earned, 50% of the
   * 100.00 EUR commission = 50.00), the share, what the customer paid of
   * the order (400.00 of 1,000.00), what is paid now (40% of 50.00 =
   * 20.00) and what is held (30.00) */
  {
    g_autofree char *text = first_explanation (oct, w.anna);

    assert_says (text, "= 100.00 EUR; your share 50% = 50.00 EUR. Paid on collection: the "
                       "customer has paid 400.00 EUR of the 1,000.00 EUR of order #1 by the "
                       "period's end (0.00 EUR before it); of the 50.00 EUR this line earned, "
                       "20.00 EUR is paid in all (0.00 EUR before): 20.00 EUR now, 30.00 EUR held "
                       "until the customer pays");
  }
  if (close_october)
    {
      close_period (&w, "2026-10");
      oct_again = settle (&w, "2026-10");
      check (oct_again, &w, 2000, 2000, 3000, 3000);
    }
  nov = settle (&w, "2026-11");
  check (nov, &w, 3000, 3000, 0, 0);
  {
    g_autoptr (GListModel) lines = tandem_settlement_get_lines_for_rep (nov, w.anna);
    g_autoptr (TandemPayoutLine) line = g_list_model_get_item (lines, 0);

    CU_ASSERT_EQUAL (g_list_model_get_n_items (lines), 1);
    CU_ASSERT_EQUAL (tandem_payout_line_get_kind (line), TANDEM_LINE_KIND_COMMISSION);
    CU_ASSERT_EQUAL (tandem_payout_line_get_activity_id (line), tandem_activity_get_id (o));
    assert_says (tandem_payout_line_get_explanation (line),
                 "Paid on collection: the customer has paid 1,000.00 EUR of the 1,000.00 EUR of "
                 "order #1 by the period's end (400.00 EUR before it); of the 50.00 EUR this "
                 "line earned, 50.00 EUR is paid in all (20.00 EUR before): 30.00 EUR now, "
                 "0.00 EUR held until the customer pays");
  }
  world_clear (&w);
}

static void
test_two_payments_across_months (void)
{
  two_payments (FALSE);
  two_payments (TRUE);
}

static void
test_three_thirds (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemActivity) o = NULL;
  const char  *months[] = { "2026-10", "2026-11", "2026-12" };
  const char  *times[] = { "2026-10-15T10:00:00Z", "2026-11-15T10:00:00Z", "2026-12-15T10:00:00Z" };
  const gint64 anna[] = { 200, 200, 200 }, jonas[] = { 133, 134, 133 };
  const gint64 anna_held[] = { 400, 200, 0 }, jonas_held[] = { 267, 133, 0 };
  World        w = { 0 };

  world_init (&w, PLAN ("60%"));
  o = order (&w, "100.00 EUR", "2026-10-05T10:00:00Z");
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (TandemActivity) p G_GNUC_UNUSED
          = pay (&w, o, i == 2 ? "33.34 EUR" : "33.33 EUR", times[i], &error);

      TANDEM_ASSERT_NO_ERROR (error);
    }
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (TandemSettlement) s = settle (&w, months[i]);

      check (s, &w, anna[i], jonas[i], anna_held[i], jonas_held[i]);
      /* month by month closed gives the same */
      close_period (&w, months[i]);
    }
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr (TandemSettlement) s = settle (&w, months[i]);

      check (s, &w, anna[i], jonas[i], anna_held[i], jonas_held[i]);
    }
  world_clear (&w);
}

static void
test_reversal_after_partial_payment (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemActivity) o = NULL;
  g_autoptr (TandemActivity) p1 = NULL;
  g_autoptr (TandemActivity) back = NULL;
  g_autoptr (TandemActivity) reversal = NULL;
  g_autoptr (TandemActivity) late = NULL;
  g_autoptr (TandemSettlement) oct = NULL;
  g_autoptr (TandemSettlement) nov = NULL;
  g_autoptr (GDateTime) t_rev = g_date_time_new_from_iso8601 ("2026-11-10T10:00:00Z", NULL);
  World w = { 0 };

  world_init (&w, PLAN ("50%"));
  o = order (&w, "1000.00 EUR", "2026-10-05T10:00:00Z");
  p1 = pay (&w, o, "400.00 EUR", "2026-10-20T10:00:00Z", &error);
  TANDEM_ASSERT_NO_ERROR (error);
  oct = settle (&w, "2026-10");
  check (oct, &w, 2000, 2000, 3000, 3000);

  back = tandem_activity_new_reversal (o, w.anna, NULL, t_rev, &error);
  reversal = tandem_store_save_activity (w.store, back, NULL, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  nov = settle (&w, "2026-11");
  check (nov, &w, -2000, -2000, 0, 0);
  {
    g_autoptr (GListModel) lines = tandem_settlement_get_lines_for_rep (nov, w.jonas);
    g_autoptr (TandemPayoutLine) line = g_list_model_get_item (lines, 0);

    CU_ASSERT_EQUAL (tandem_payout_line_get_kind (line), TANDEM_LINE_KIND_CLAWBACK);
    /* the whole order reversed after 400.00 were paid: nothing counts as
     * paid any more, the 20.00 paid are taken back, nothing is held */
    assert_says (tandem_payout_line_get_explanation (line),
                 "Paid on collection: the customer has paid 400.00 EUR of the 1,000.00 EUR of "
                 "order #1 by the period's end (400.00 EUR before it); 1,000.00 EUR of the order "
                 "was reversed, so 0.00 EUR of it counts as paid; of the 50.00 EUR this line "
                 "earned, 0.00 EUR stays paid (20.00 EUR before): 20.00 EUR taken back by the "
                 "reversal, 0.00 EUR held until the customer pays");
  }

  /* nothing is open any more */
  late = pay (&w, o, "100.00 EUR", "2026-11-25T10:00:00Z", &error);
  CU_ASSERT_PTR_NULL (late);
  TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                       "0.00 EUR is left to pay");
  world_clear (&w);
}

/* A partly reversed order: the explanation names the reversal, and what
 * is paid and held follows the part that still counts. */
static void
test_partial_reversal_explained (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemActivity) o = NULL;
  g_autoptr (TandemActivity) p1 = NULL;
  g_autoptr (TandemActivity) p2 = NULL;
  g_autoptr (TandemActivity) back = NULL;
  g_autoptr (TandemActivity) reversal = NULL;
  g_autoptr (TandemMoney) half = tandem_money_parse ("500.00 EUR", NULL);
  g_autoptr (TandemSettlement) nov = NULL;
  g_autoptr (TandemSettlement) dec = NULL;
  g_autoptr (GDateTime) t_rev = g_date_time_new_from_iso8601 ("2026-11-10T10:00:00Z", NULL);
  g_autofree char *text = NULL;
  World            w = { 0 };

  world_init (&w, PLAN ("50%"));
  o = order (&w, "1000.00 EUR", "2026-10-05T10:00:00Z");
  p1 = pay (&w, o, "400.00 EUR", "2026-10-20T10:00:00Z", &error);
  back = tandem_activity_new_reversal (o, w.anna, half, t_rev, &error);
  reversal = tandem_store_save_activity (w.store, back, NULL, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  /* November: 500.00 of the order remain; 400.00 paid of them still
   * count, so the 20.00 paid stay paid; held: 50.00 × 500/1000 − 20.00 */
  nov = settle (&w, "2026-11");
  check (nov, &w, 0, 0, 500, 500);
  /* December: the customer pays the last 100.00 of the 500.00 left:
   * 50.00 × 500/1000 = 25.00 paid in all, 5.00 now, nothing held */
  p2 = pay (&w, o, "100.00 EUR", "2026-12-03T10:00:00Z", &error);
  TANDEM_ASSERT_NO_ERROR (error);
  dec = settle (&w, "2026-12");
  check (dec, &w, 500, 500, 0, 0);
  text = first_explanation (dec, w.anna);
  assert_says (text, "Paid on collection: the customer has paid 500.00 EUR of the 1,000.00 EUR of "
                     "order #1 by the period's end (400.00 EUR before it); 500.00 EUR of the "
                     "order was reversed, so 500.00 EUR of it counts as paid; of the 50.00 EUR "
                     "this line earned, 25.00 EUR is paid in all (20.00 EUR before): 5.00 EUR "
                     "now, 0.00 EUR held until the customer pays");
  world_clear (&w);
}

/* What a payment may not be. */
static void
test_refusals (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemActivity) o = NULL;
  g_autoptr (TandemActivity) call = NULL;
  g_autoptr (TandemActivity) p = NULL;
  g_autoptr (TandemMoney) chf = tandem_money_parse ("10.00 CHF", NULL);
  g_autoptr (GDateTime) t = g_date_time_new_from_iso8601 ("2026-10-20T10:00:00Z", NULL);
  g_autoptr (GDateTime) early = g_date_time_new_from_iso8601 ("2026-10-01T10:00:00Z", NULL);
  g_autoptr (TandemMoney) ten = tandem_money_parse ("10.00 EUR", NULL);
  World w = { 0 };

  world_init (&w, PLAN ("50%"));
  o = order (&w, "1000.00 EUR", "2026-10-05T10:00:00Z");

  /* beyond the open amount, also in two steps */
  CU_ASSERT_PTR_NULL (pay (&w, o, "1000.01 EUR", "2026-10-20T10:00:00Z", &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_AMOUNT,
                       "more than the order of 1000.00 EUR");
  p = pay (&w, o, "999.00 EUR", "2026-10-20T10:00:00Z", &error);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_PTR_NULL (pay (&w, o, "1.01 EUR", "2026-10-21T10:00:00Z", &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                       "999.00 EUR is paid, 0.00 EUR reversed, 1.00 EUR is left to pay");

  /* another currency, before the order, zero, a call, no order */
  CU_ASSERT_PTR_NULL (tandem_activity_new_payment (o, w.anna, chf, t, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_AMOUNT,
                       "10.00 CHF");
  CU_ASSERT_PTR_NULL (tandem_activity_new_payment (o, w.anna, ten, early, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_REVERSAL,
                       "before the order it pays");
  CU_ASSERT_PTR_NULL (pay (&w, o, "0.00 EUR", "2026-10-20T10:00:00Z", &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_MISSING_VALUE,
                       "above zero");
  call = tandem_store_log_activity (w.store, w.account, w.anna, TANDEM_ACTIVITY_KIND_CALL, NULL, t,
                                    &error);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_PTR_NULL (tandem_activity_new_payment (call, w.anna, ten, t, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_REVERSAL,
                       "only orders, cross-sells and up-sells can be paid");
  CU_ASSERT_PTR_NULL (
      tandem_activity_new (w.account, w.anna, TANDEM_ACTIVITY_KIND_PAYMENT, ten, t, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_REVERSAL,
                       "must name the order it pays");

  /* a plan with an unknown PayOn */
  CU_ASSERT_PTR_NULL (tandem_plan_new_from_data (
      "[Plan]\nName=X\nCurrency=EUR\nCommissionRate=5%\nPayOn=invoice\n", -1, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_INVALID_VALUE,
                       "[Plan] PayOn=invoice");
  world_clear (&w);
}

/* Payments in a CSV import: the column `pays`, checked like the API. */
static void
test_import (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemSettlement) oct = NULL;
  guint64     inserted = 0, skipped = 0;
  World       w = { 0 };
  const char *good = "ref,at,account,rep,kind,amount,pays\n"
                     "O-1,2026-10-05T10:00:00Z,1,2,order,1000.00 EUR,\n"
                     "P-1,2026-10-20T10:00:00Z,1,1,payment,400.00 EUR,O-1\n";
  const char *over = "ref,at,account,rep,kind,amount,pays\n"
                     "P-2,2026-10-21T10:00:00Z,1,1,payment,600.01 EUR,O-1\n";
  const char *unknown = "ref,at,account,rep,kind,amount,pays\n"
                        "P-3,2026-10-21T10:00:00Z,1,1,payment,1.00 EUR,O-9\n";
  const char *on_call = "ref,at,account,rep,kind,amount,pays\n"
                        "P-4,2026-10-21T10:00:00Z,1,1,call,,O-1\n";

  world_init (&w, PLAN ("50%"));
  {
    g_autoptr (GInputStream) in = g_memory_input_stream_new_from_data (good, -1, NULL);

    CU_ASSERT_TRUE (tandem_store_import_activities (w.store, in, TANDEM_DATA_FORMAT_CSV, NULL, NULL,
                                                    &inserted, &skipped, NULL, &error));
    TANDEM_ASSERT_NO_ERROR (error);
    CU_ASSERT_EQUAL (inserted, 2);
  }
  oct = settle (&w, "2026-10");
  check (oct, &w, 2000, 2000, 3000, 3000);
  {
    g_autoptr (GInputStream) in = g_memory_input_stream_new_from_data (over, -1, NULL);

    CU_ASSERT_FALSE (tandem_store_import_activities (w.store, in, TANDEM_DATA_FORMAT_CSV, NULL,
                                                     NULL, NULL, NULL, NULL, &error));
    TANDEM_ASSERT_ERROR (error, TANDEM_IMPORT_ERROR, TANDEM_IMPORT_ERROR_INVALID_FIELD,
                         "line 2: amount: a payment of 600.01 EUR is more than order");
  }
  {
    g_autoptr (GInputStream) in = g_memory_input_stream_new_from_data (unknown, -1, NULL);

    CU_ASSERT_FALSE (tandem_store_import_activities (w.store, in, TANDEM_DATA_FORMAT_CSV, NULL,
                                                     NULL, NULL, NULL, NULL, &error));
    TANDEM_ASSERT_ERROR (error, TANDEM_IMPORT_ERROR, TANDEM_IMPORT_ERROR_UNKNOWN_REFERENCE,
                         "line 2: pays: no order “O-9” to pay");
  }
  {
    g_autoptr (GInputStream) in = g_memory_input_stream_new_from_data (on_call, -1, NULL);

    CU_ASSERT_FALSE (tandem_store_import_activities (w.store, in, TANDEM_DATA_FORMAT_CSV, NULL,
                                                     NULL, NULL, NULL, NULL, &error));
    TANDEM_ASSERT_ERROR (error, TANDEM_IMPORT_ERROR, TANDEM_IMPORT_ERROR_INVALID_FIELD,
                         "line 2: pays: only a payment pays an order");
  }
  /* the export writes the column back */
  {
    g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
    g_autofree char *text = NULL;

    CU_ASSERT_TRUE (
        tandem_store_export_activities (w.store, out, TANDEM_DATA_FORMAT_CSV, NULL, NULL, &error));
    g_output_stream_write_all (out, "", 1, NULL, NULL, NULL);
    g_output_stream_close (out, NULL, NULL);
    text = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
    CU_ASSERT_PTR_NOT_NULL (strstr (
        text,
        "ref,at,account,rep,kind,amount,reverses,note,pays,product,category,quantity,cost\r\n"));
    CU_ASSERT_PTR_NOT_NULL (strstr (text, ",payment,400.00 EUR,,,O-1,,,,\r\n"));
  }
  world_clear (&w);
}

/* round_half_away (a × b / c) for a, b ≥ 0, c > 0, the test's own */
static gint64
round_share (gint64 a, gint64 b, gint64 c)
{
  return (gint64)((2 * (__int128)a * b + c) / (2 * (__int128)c));
}

typedef struct
{
  gint64 id;
  gint64 amount;       /* O */
  gint64 earned[2][2]; /* L of Anna and Jonas, commission and accelerator */
  gint64 paid_in[4];   /* payments per month */
  gint64 reversed_in[4];
  gint64 cum[2]; /* paid so far, from the settlements */
  guint  month;  /* of the order */
} Case;

/* Random orders, random partial payments (and some reversals inside the
 * clawback window) over four months, settled open or closed month by
 * month: at each month's end each order has paid each rep exactly
 * round (L × min (C, O − R) / O) and never more than its payments allow
 * (round (L × C / O)); an order paid in full without reversals has paid
 * exactly L, to the cent; what is held is what is earned and not paid. */
static void
test_property (void)
{
  const char *months[] = { "2026-09", "2026-10", "2026-11", "2026-12" };
  GRand      *rand = g_rand_new_with_seed (20261201);
  guint       failures = 0, full = 0;

  for (guint run = 0; run < 24; run++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (TandemPlan) on_order = NULL;
      g_autofree char *text = g_strdup_printf (
          "[Plan]\nName=Collect\nCurrency=EUR\nCommissionRate=%d.%d%%\nInsideShare=%d%%\n"
          "PayOn=payment\n[Accelerator]\nAbove=50%%\nMultiplier=1.5\n[Clawback]\nWindowDays=90\n",
          g_rand_int_range (rand, 1, 15), g_rand_int_range (rand, 0, 10),
          g_rand_int_range (rand, 1, 100));
      g_autofree char *plain = g_strdup (text);
      Case             cases[12] = { 0 };
      guint            n = 0;
      World            w = { 0 };
      gint64           ids[2];

      world_init (&w, text);
      ids[0] = tandem_rep_get_id (w.anna);
      ids[1] = tandem_rep_get_id (w.jonas);
      {
        TandemTeam *team = tandem_account_get_team (w.account);
        g_autoptr (TandemMoney) target = tandem_money_parse ("5000.00 EUR", NULL);

        tandem_team_set_target (team, target);
        CU_ASSERT_TRUE (tandem_store_update_team (w.store, team, &error));
      }
      memcpy (strstr (plain, "PayOn=payment"), "#ayOn=payment", 13);
      on_order = tandem_plan_new_from_data (plain, -1, &error);
      TANDEM_ASSERT_NO_ERROR (error);

      for (guint m = 0; m < 3; m++)
        for (int k = g_rand_int_range (rand, 1, 5); k > 0; k--)
          {
            g_autofree char *amount = g_strdup_printf (
                "%d.%02d EUR", g_rand_int_range (rand, 1, 4000), g_rand_int_range (rand, 0, 100));
            g_autofree char *at
                = g_strdup_printf ("%s-%02dT10:00:00Z", months[m], g_rand_int_range (rand, 1, 28));
            g_autoptr (TandemActivity) o = order (&w, amount, at);
            Case  *c = &cases[n++];
            gint64 open;
            g_autoptr (GDateTime) last = g_date_time_ref (tandem_activity_get_occurred_at (o));

            c->id = tandem_activity_get_id (o);
            c->month = m;
            c->month = m;
            c->amount = open = tandem_money_get_minor_units (tandem_activity_get_amount (o));
            if (g_rand_int_range (rand, 0, 6) == 0)
              {
                g_autoptr (GDateTime) when
                    = g_date_time_add_days (last, g_rand_int_range (rand, 0, 40));
                g_autoptr (TandemMoney) part = tandem_money_new (
                    1 + g_rand_int_range (rand, 0, (gint32)MIN (open, 100000)), "EUR");
                g_autoptr (TandemActivity) back
                    = tandem_activity_new_reversal (o, w.anna, part, when, &error);
                g_autoptr (TandemActivity) saved G_GNUC_UNUSED
                    = tandem_store_save_activity (w.store, back, NULL, &error);

                TANDEM_ASSERT_NO_ERROR (error);
                open -= tandem_money_get_minor_units (part);
                c->reversed_in[g_date_time_get_month (when) - 9]
                    += tandem_money_get_minor_units (part);
                g_date_time_unref (last);
                last = g_date_time_ref (when);
              }
            for (int p = g_rand_int_range (rand, 0, 4); p > 0 && open > 0; p--)
              {
                gint64 amount_minor
                    = p == 1 && g_rand_boolean (rand)
                          ? open
                          : 1 + g_rand_int_range (rand, 0, (gint32)MIN (open, 500000));
                g_autoptr (GDateTime) when
                    = g_date_time_add_days (last, g_rand_int_range (rand, 0, 30));
                g_autoptr (TandemMoney) money = tandem_money_new (amount_minor, "EUR");
                g_autoptr (TandemActivity) draft = NULL;
                g_autoptr (TandemActivity) saved = NULL;

                if (g_date_time_get_year (when) > 2026)
                  break;
                draft = tandem_activity_new_payment (o, w.anna, money, when, &error);
                saved = tandem_store_save_activity (w.store, draft, NULL, &error);
                TANDEM_ASSERT_NO_ERROR (error);
                open -= amount_minor;
                c->paid_in[g_date_time_get_month (when) - 9] += amount_minor;
                g_date_time_unref (last);
                last = g_date_time_ref (when);
              }
          }

      /* L: what each order earned, from the same plan paying on the order */
      for (guint m = 0; m < 4; m++)
        {
          g_autoptr (TandemPeriod) period = tandem_plan_parse_period (on_order, months[m], NULL);
          g_autoptr (TandemSettlement) s
              = tandem_settlement_new (w.store, on_order, period, &error);
          g_autoptr (GListModel) lines = tandem_settlement_get_lines (s);

          TANDEM_ASSERT_NO_ERROR (error);
          for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
            {
              g_autoptr (TandemPayoutLine) l = g_list_model_get_item (lines, i);
              TandemLineKind kind = tandem_payout_line_get_kind (l);

              for (guint c = 0; c < n; c++)
                if (cases[c].id == tandem_payout_line_get_activity_id (l)
                    && (kind == TANDEM_LINE_KIND_COMMISSION
                        || kind == TANDEM_LINE_KIND_ACCELERATOR))
                  cases[c]
                      .earned[tandem_rep_get_id (tandem_payout_line_get_rep (l)) == ids[0] ? 0 : 1]
                             [kind == TANDEM_LINE_KIND_ACCELERATOR]
                      += tandem_money_get_minor_units (tandem_payout_line_get_amount (l));
            }
        }

      for (guint m = 0; m < 4; m++)
        {
          g_autoptr (TandemSettlement) s = settle (&w, months[m]);
          g_autoptr (GListModel) lines = tandem_settlement_get_lines (s);
          gint64 held_want = 0;

          for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
            {
              g_autoptr (TandemPayoutLine) l = g_list_model_get_item (lines, i);

              for (guint c = 0; c < n; c++)
                if (cases[c].id == tandem_payout_line_get_activity_id (l))
                  cases[c].cum[tandem_rep_get_id (tandem_payout_line_get_rep (l)) == ids[0] ? 0 : 1]
                      += tandem_money_get_minor_units (tandem_payout_line_get_amount (l));
            }
          for (guint c = 0; c < n; c++)
            {
              gint64 paid = 0, reversed = 0;

              for (guint k = 0; k <= m; k++)
                {
                  paid += cases[c].paid_in[k];
                  reversed += cases[c].reversed_in[k];
                }
              for (guint r = 0; r < 2; r++)
                {
                  gint64 want = 0, allowed = 0, L = 0;

                  /* each line (commission, accelerator) is paid by itself */
                  for (guint k = 0; k < 2; k++)
                    {
                      gint64 line = cases[c].earned[r][k];

                      L += line;
                      want += round_share (line, MIN (paid, cases[c].amount - reversed),
                                           cases[c].amount);
                      allowed += round_share (line, paid, cases[c].amount);
                      if (cases[c].month <= m)
                        held_want
                            += MAX (round_share (line, cases[c].amount - reversed, cases[c].amount)
                                        - round_share (line, MIN (paid, cases[c].amount - reversed),
                                                       cases[c].amount),
                                    0);
                    }
                  if (cases[c].cum[r] != want || cases[c].cum[r] > allowed)
                    {
                      failures++;
                      g_test_message ("run %u, %s: order %" G_GINT64_FORMAT
                                      " rep %u paid %" G_GINT64_FORMAT ", want %" G_GINT64_FORMAT,
                                      run, months[m], cases[c].id, r, cases[c].cum[r], want);
                    }
                  if (m == 3 && reversed == 0 && paid == cases[c].amount)
                    {
                      full++;
                      failures += cases[c].cum[r] != L;
                    }
                }
            }
          if (minor (tandem_settlement_get_held (s)) != held_want)
            {
              failures++;
              g_test_message ("run %u, %s: held differs from %" G_GINT64_FORMAT, run, months[m],
                              held_want);
            }
          if (run % 2 == 1)
            close_period (&w, months[m]);
        }
      world_clear (&w);
    }
  g_rand_free (rand);
  CU_ASSERT_EQUAL (failures, 0);
  CU_ASSERT (full > 20); /* the exactness of a full payment was checked */
}

int
main (void)
{
  const TandemTestCase cases[] = {
    TANDEM_TEST (test_two_payments_across_months),
    TANDEM_TEST (test_three_thirds),
    TANDEM_TEST (test_reversal_after_partial_payment),
    TANDEM_TEST (test_partial_reversal_explained),
    TANDEM_TEST (test_refusals),
    TANDEM_TEST (test_import),
    TANDEM_TEST (test_property),
  };

  return tandem_test_run ("collection", cases, G_N_ELEMENTS (cases));
}
