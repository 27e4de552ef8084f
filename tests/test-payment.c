/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test-payment.c: from settlement to payment: states that only move
 * forward, who moved them, and the payroll export (golden CSV and LODAS).
 *
 * The scenario, computed by hand: 5% commission, 40% inside. October: an
 * order of 10,000.00 (Anna 200.00, Jonas 300.00); October is closed. In
 * November an order of 25,000.00 (Anna 500.00, Jonas 750.00) and the
 * October order reversed whole within the clawback window (Anna −200.00,
 * Jonas −300.00). November pays 750.00: Anna 300.00, Jonas 450.00. */

#include <string.h>
#include <tandem.h>

#include "tandem-test.h"

static const char *plan_text
    = "[Plan]\nName=Standard\nCurrency=EUR\nPeriod=month\nTimeZone=Europe/Berlin\n"
      "CommissionRate=5%\nInsideShare=40%\n[Clawback]\nWindowDays=90\n"
      "[Payroll]\ncommission=300\naccelerator=300\nclawback=302\nConsultant=1234567\n"
      "Client=12345\n";

typedef struct
{
  TandemStore  *store;
  TandemPlan   *plan;
  TandemRep    *anna;
  TandemRep    *jonas;
  TandemPeriod *oct;
  TandemPeriod *nov;
} World;

static void
world_init (World *w, const char *plan)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) since = g_date_time_new_from_iso8601 ("2026-01-01T00:00:00Z", NULL);
  g_autoptr (TandemTeam) draft = NULL;
  g_autoptr (TandemTeam) team = NULL;
  g_autoptr (TandemAccount) acct = NULL;
  g_autoptr (TandemAccount) account = NULL;
  g_autoptr (TandemActivity) october = NULL;
  g_autoptr (TandemActivity) november = NULL;
  g_autoptr (TandemActivity) reversal = NULL;
  g_autoptr (TandemMoney) ten = tandem_money_parse ("10000.00 EUR", NULL);
  g_autoptr (TandemMoney) twenty_five = tandem_money_parse ("25000.00 EUR", NULL);
  g_autoptr (GDateTime) t_oct = g_date_time_new_from_iso8601 ("2026-10-05T10:00:00Z", NULL);
  g_autoptr (GDateTime) t_nov = g_date_time_new_from_iso8601 ("2026-11-05T10:00:00Z", NULL);
  g_autoptr (GDateTime) t_rev = g_date_time_new_from_iso8601 ("2026-11-20T10:00:00Z", NULL);
  g_autoptr (TandemActivity) back = NULL;
  g_autoptr (TandemSettlement) closed = NULL;

  w->store = tandem_test_store_new (NULL, &error);
  w->plan = tandem_plan_new_from_data (plan ? plan : plan_text, -1, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  w->anna = tandem_store_add_rep (w->store, "Anna Schäfer", TANDEM_ROLE_INSIDE, &error);
  w->jonas = tandem_store_add_rep (w->store, "Jonas Becker", TANDEM_ROLE_FIELD, &error);
  draft = tandem_team_new ("Nord", w->anna, w->jonas, &error);
  team = tandem_store_save_team (w->store, draft, since, &error);
  acct = tandem_account_new ("ACME GmbH", team);
  account = tandem_store_save_account (w->store, acct, since, &error);
  w->oct = tandem_plan_parse_period (w->plan, "2026-10", &error);
  w->nov = tandem_plan_parse_period (w->plan, "2026-11", &error);
  october = tandem_store_log_activity (w->store, account, w->jonas, TANDEM_ACTIVITY_KIND_ORDER, ten,
                                       t_oct, &error);
  closed = tandem_settlement_close (w->store, w->plan, w->oct, &error);
  november = tandem_store_log_activity (w->store, account, w->jonas, TANDEM_ACTIVITY_KIND_ORDER,
                                        twenty_five, t_nov, &error);
  back = tandem_activity_new_reversal (october, w->anna, ten, t_rev, &error);
  reversal = tandem_store_save_activity (w->store, back, NULL, &error);
  TANDEM_ASSERT_NO_ERROR (error);
}

static void
world_clear (World *w)
{
  g_clear_pointer (&w->oct, tandem_period_free);
  g_clear_pointer (&w->nov, tandem_period_free);
  g_clear_object (&w->jonas);
  g_clear_object (&w->anna);
  g_clear_object (&w->plan);
  g_clear_object (&w->store);
}

static void
set_numbers (World *w, const char *anna, const char *jonas)
{
  g_autoptr (GError) error = NULL;

  tandem_rep_set_personnel_number (w->anna, anna);
  tandem_rep_set_personnel_number (w->jonas, jonas);
  CU_ASSERT_TRUE (tandem_store_update_rep (w->store, w->anna, &error));
  CU_ASSERT_TRUE (tandem_store_update_rep (w->store, w->jonas, &error));
  TANDEM_ASSERT_NO_ERROR (error);
}

/* The export of the world's plan as text, or NULL with @error (exported
 * again as often as a test needs). */
static char *
export_text (World *w, TandemPeriod *period, TandemPayrollFormat format, GError **error)
{
  g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
  const char *plans[] = { tandem_plan_get_name (w->plan), NULL };

  if (!tandem_payroll_profile_export (w->store, plans, period, format, TANDEM_PAYROLL_EXPORT_AGAIN,
                                      out, NULL, error)
      || !g_output_stream_write_all (out, "", 1, NULL, NULL, error)
      || !g_output_stream_close (out, NULL, error))
    return NULL;
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

static char *
golden (const char *name)
{
  g_autofree char *path = g_build_filename (TANDEM_SOURCE_DIR, "tests", "golden", name, NULL);
  char            *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

/* States move forward only, each step refused from the wrong state. */
static void
test_states_forward_only (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemSettlement) approved = NULL;
  g_autoptr (TandemSettlement) paid = NULL;
  g_autoptr (TandemSettlement) closed = NULL;
  g_autoptr (GDateTime) when = NULL;
  const char *who = NULL;
  World       w = { 0 };

  world_init (&w, NULL);
  /* approve and pay before close */
  CU_ASSERT_PTR_NULL (tandem_settlement_approve (w.store, w.plan, w.nov, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_WRONG_STATE,
                       "is a draft: close it before approving it");
  CU_ASSERT_PTR_NULL (tandem_settlement_pay (w.store, w.plan, w.nov, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_WRONG_STATE, "is a draft");

  /* close twice */
  closed = tandem_settlement_close (w.store, w.plan, w.nov, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_PTR_NULL (tandem_settlement_close (w.store, w.plan, w.nov, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CLOSED_PERIOD,
                       "already closed");

  /* pay before approve */
  CU_ASSERT_PTR_NULL (tandem_settlement_pay (w.store, w.plan, w.nov, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_WRONG_STATE,
                       "closed but not approved");

  tandem_store_set_actor (w.store, "Petra Krüger");
  CU_ASSERT_STRING_EQUAL (tandem_store_get_actor (w.store), "Petra Krüger");
  approved = tandem_settlement_approve (w.store, w.plan, w.nov, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (tandem_settlement_get_state (approved), TANDEM_SETTLEMENT_STATE_APPROVED);
  CU_ASSERT_TRUE (
      tandem_settlement_get_transition (approved, TANDEM_SETTLEMENT_STATE_APPROVED, &who, &when));
  CU_ASSERT_STRING_EQUAL (who, "Petra Krüger");
  CU_ASSERT_PTR_NOT_NULL (when);
  CU_ASSERT_FALSE (
      tandem_settlement_get_transition (approved, TANDEM_SETTLEMENT_STATE_PAID, NULL, NULL));
  CU_ASSERT_PTR_NULL (tandem_settlement_approve (w.store, w.plan, w.nov, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_WRONG_STATE,
                       "already approved by Petra Krüger");

  /* the default: the database user on a server (the URIs here name none:
   * libpq's PGUSER, else the operating-system user), the user for a file */
  tandem_store_set_actor (w.store, NULL);
  CU_ASSERT_STRING_EQUAL (tandem_store_get_actor (w.store),
                          tandem_test_on_postgresql () && g_getenv ("PGUSER") != NULL
                              ? g_getenv ("PGUSER")
                              : g_get_user_name ());
  paid = tandem_settlement_pay (w.store, w.plan, w.nov, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (tandem_settlement_get_state (paid), TANDEM_SETTLEMENT_STATE_PAID);
  CU_ASSERT_TRUE (
      tandem_settlement_get_transition (paid, TANDEM_SETTLEMENT_STATE_PAID, &who, NULL));
  CU_ASSERT_STRING_EQUAL (who, tandem_store_get_actor (w.store));
  CU_ASSERT_PTR_NULL (tandem_settlement_pay (w.store, w.plan, w.nov, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_WRONG_STATE, "already paid");

  /* a paid period still reads back as frozen */
  {
    g_autoptr (TandemSettlement) again = tandem_settlement_new (w.store, w.plan, w.nov, &error);
    g_autofree char *json = tandem_settlement_to_json (again);
    g_autoptr (TandemMoney) total = tandem_settlement_get_total (again);

    CU_ASSERT_EQUAL (tandem_money_get_minor_units (total), 75000);
    CU_ASSERT_PTR_NOT_NULL (strstr (json, "\"state\" : \"paid\""));
    CU_ASSERT_PTR_NOT_NULL (strstr (json, "\"approved_by\" : \"Petra Krüger\""));
  }
  world_clear (&w);
}

/* The payroll export against golden files; its amounts add up to the
 * settlement's total; refusals name what is missing. */
static void
test_payroll_export (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemSettlement) closed = NULL;
  g_autoptr (TandemSettlement) approved = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *lodas = NULL;
  g_autofree char *want_csv = golden ("payroll-2026-11.csv");
  g_autofree char *want_lodas = golden ("payroll-2026-11.lodas");
  g_auto (GStrv) rows = NULL;
  gint64 sum = 0;
  World  w = { 0 };

  world_init (&w, NULL);
  closed = tandem_settlement_close (w.store, w.plan, w.nov, &error);
  TANDEM_ASSERT_NO_ERROR (error);

  /* not approved */
  CU_ASSERT_PTR_NULL (export_text (&w, w.nov, TANDEM_PAYROLL_FORMAT_CSV, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_WRONG_STATE,
                       "is closed, not approved");
  approved = tandem_settlement_approve (w.store, w.plan, w.nov, &error);
  TANDEM_ASSERT_NO_ERROR (error);

  /* a rep without a personnel number */
  set_numbers (&w, "101", NULL);
  CU_ASSERT_PTR_NULL (export_text (&w, w.nov, TANDEM_PAYROLL_FORMAT_LODAS, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                       "Rep “Jonas Becker” (#2) has no personnel number");

  set_numbers (&w, "101", "7");
  csv = export_text (&w, w.nov, TANDEM_PAYROLL_FORMAT_CSV, &error);
  lodas = export_text (&w, w.nov, TANDEM_PAYROLL_FORMAT_LODAS, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_STRING_EQUAL (csv, want_csv);
  CU_ASSERT_STRING_EQUAL (lodas, want_lodas);

  /* the file's total is the settlement's, to the cent */
  rows = g_strsplit (csv, "\n", -1);
  for (guint i = 1; rows[i] != NULL && rows[i][0] != '\0'; i++)
    {
      g_auto (GStrv) f = g_strsplit (rows[i], ",", -1);
      g_autofree char *money = g_strdup_printf ("%s %s", f[4], f[5]);
      g_autoptr (TandemMoney) m = tandem_money_parse (money, &error);

      TANDEM_ASSERT_NO_ERROR (error);
      sum += tandem_money_get_minor_units (m);
    }
  {
    g_autoptr (TandemMoney) total = tandem_settlement_get_total (approved);

    CU_ASSERT_EQUAL (sum, tandem_money_get_minor_units (total));
    CU_ASSERT_EQUAL (sum, 75000);
  }
  world_clear (&w);
}

/* A kind with amounts but no wage type; zero amounts left out; the amount
 * key and date format are settings; a plan without [Payroll]. */
static void
test_payroll_settings_and_refusals (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemSettlement) closed = NULL;
  g_autoptr (TandemSettlement) approved = NULL;
  g_autofree char *no_clawback = NULL;
  g_autofree char *lodas = NULL;
  World            w = { 0 };

  /* commission and clawback on one wage type: Anna's 500.00 − 200.00 */
  no_clawback
      = g_strconcat ("[Plan]\nName=Standard\nCurrency=EUR\nPeriod=month\nTimeZone=Europe/Berlin\n"
                     "CommissionRate=5%\nInsideShare=40%\n[Clawback]\nWindowDays=90\n"
                     "[Payroll]\ncommission=300\nclawback=300\nConsultant=7654321\nClient=42\n"
                     "AmountKey=3\nDateFormat=TTMMJJJJ\n",
                     NULL);
  world_init (&w, no_clawback);
  set_numbers (&w, "101", "7");
  closed = tandem_settlement_close (w.store, w.plan, w.nov, &error);
  approved = tandem_settlement_approve (w.store, w.plan, w.nov, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  lodas = export_text (&w, w.nov, TANDEM_PAYROLL_FORMAT_LODAS, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_PTR_NOT_NULL (strstr (lodas, "BeraterNr=7654321\r\nMandantenNr=42\r\n"
                                         "Datumsformat=TTMMJJJJ\r\n"));
  CU_ASSERT_PTR_NOT_NULL (strstr (lodas, "[Bewegungsdaten]\r\n10;01112026;7;300;3;450,00;\r\n"
                                         "10;01112026;101;300;3;300,00;\r\n"));
  /* October: the order's commission, nothing else */
  {
    g_autoptr (TandemSettlement) oct = tandem_settlement_approve (w.store, w.plan, w.oct, &error);
    g_autofree char *csv = export_text (&w, w.oct, TANDEM_PAYROLL_FORMAT_CSV, &error);

    TANDEM_ASSERT_NO_ERROR (error);
    CU_ASSERT_EQUAL (tandem_settlement_get_state (oct), TANDEM_SETTLEMENT_STATE_APPROVED);
    CU_ASSERT_STRING_EQUAL (csv, "period,personnel_number,rep,wage_type,amount,currency\n"
                                 "2026-10,7,Jonas Becker,300,300.00,EUR\n"
                                 "2026-10,101,Anna Schäfer,300,200.00,EUR\n");
  }
  world_clear (&w);

  /* zero left out: a clawback that cancels the commission on one wage type */
  {
    g_autoptr (TandemPlan) plan = tandem_plan_new_from_data (no_clawback, -1, &error);
    g_autoptr (TandemStore) store = tandem_test_store_new (NULL, &error);
    g_autoptr (TandemRep) a = tandem_store_add_rep (store, "A", TANDEM_ROLE_INSIDE, &error);
    g_autoptr (TandemRep) b = tandem_store_add_rep (store, "B", TANDEM_ROLE_FIELD, &error);
    g_autoptr (GDateTime) since = g_date_time_new_from_iso8601 ("2026-01-01T00:00:00Z", NULL);
    g_autoptr (GDateTime) t1 = g_date_time_new_from_iso8601 ("2026-11-02T10:00:00Z", NULL);
    g_autoptr (GDateTime) t2 = g_date_time_new_from_iso8601 ("2026-11-03T10:00:00Z", NULL);
    g_autoptr (TandemTeam) d = tandem_team_new ("T", a, b, &error);
    g_autoptr (TandemTeam) t = tandem_store_save_team (store, d, since, &error);
    g_autoptr (TandemAccount) da = tandem_account_new ("X", t);
    g_autoptr (TandemAccount) acc = tandem_store_save_account (store, da, since, &error);
    g_autoptr (TandemMoney) m = tandem_money_parse ("100.00 EUR", NULL);
    g_autoptr (TandemActivity) o
        = tandem_store_log_activity (store, acc, b, TANDEM_ACTIVITY_KIND_ORDER, m, t1, &error);
    g_autoptr (TandemActivity) rd = tandem_activity_new_reversal (o, a, m, t2, &error);
    g_autoptr (TandemActivity) r = tandem_store_save_activity (store, rd, NULL, &error);
    g_autoptr (TandemPeriod) nov = tandem_plan_parse_period (plan, "2026-11", &error);
    g_autoptr (TandemSettlement) c = tandem_settlement_close (store, plan, nov, &error);
    g_autoptr (TandemSettlement) ap = tandem_settlement_approve (store, plan, nov, &error);
    g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();

    TANDEM_ASSERT_NO_ERROR (error);
    CU_ASSERT_PTR_NOT_NULL (r);
    CU_ASSERT_EQUAL (tandem_settlement_get_state (c), TANDEM_SETTLEMENT_STATE_CLOSED);
    CU_ASSERT_EQUAL (tandem_settlement_get_state (ap), TANDEM_SETTLEMENT_STATE_APPROVED);
    CU_ASSERT_TRUE (tandem_payroll_profile_export (store, NULL, nov, TANDEM_PAYROLL_FORMAT_CSV,
                                                   TANDEM_PAYROLL_EXPORT_NONE, out, NULL, &error));
    TANDEM_ASSERT_NO_ERROR (error);
    CU_ASSERT_EQUAL (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)),
                     strlen ("period,personnel_number,rep,wage_type,amount,currency\n"));
  }

  /* a kind without a wage type; a plan without [Payroll]; LODAS without numbers */
  {
    World v = { 0 };

    world_init (&v, "[Plan]\nName=Standard\nCurrency=EUR\nPeriod=month\n"
                    "TimeZone=Europe/Berlin\nCommissionRate=5%\nInsideShare=40%\n"
                    "[Clawback]\nWindowDays=90\n[Payroll]\ncommission=300\n");
    set_numbers (&v, "101", "7");
    g_clear_object (&closed);
    g_clear_object (&approved);
    closed = tandem_settlement_close (v.store, v.plan, v.nov, &error);
    approved = tandem_settlement_approve (v.store, v.plan, v.nov, &error);
    TANDEM_ASSERT_NO_ERROR (error);
    CU_ASSERT_PTR_NULL (export_text (&v, v.nov, TANDEM_PAYROLL_FORMAT_CSV, &error));
    TANDEM_ASSERT_ERROR (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_MISSING_KEY,
                         "[Payroll] clawback is missing");
    CU_ASSERT_PTR_NULL (export_text (&v, v.oct, TANDEM_PAYROLL_FORMAT_LODAS, &error));
    TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_WRONG_STATE, "not approved");
    world_clear (&v);

    /* approved, but nothing maps its lines: neither a profile nor the plan */
    world_init (&v, "[Plan]\nName=Standard\nCurrency=EUR\nCommissionRate=5%\n");
    g_clear_object (&closed);
    g_clear_object (&approved);
    closed = tandem_settlement_close (v.store, v.plan, v.nov, &error);
    approved = tandem_settlement_approve (v.store, v.plan, v.nov, &error);
    TANDEM_ASSERT_NO_ERROR (error);
    CU_ASSERT_PTR_NULL (export_text (&v, v.nov, TANDEM_PAYROLL_FORMAT_CSV, &error));
    TANDEM_ASSERT_ERROR (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_MISSING_KEY,
                         "No payroll profile is stored and plan “Standard” has no [Payroll] group");
    world_clear (&v);
  }

  /* bad [Payroll] values name group, key and value */
  {
    static const char *const bad[][2] = {
      { "commission=0\n", "[Payroll] commission=0" },
      { "Consultant=12345678\n", "[Payroll] Consultant=12345678" },
      { "Client=12a\n", "[Payroll] Client=12a" },
      { "AmountKey=100\n", "[Payroll] AmountKey=100" },
      { "DateFormat=MM/DD/YYYY\n", "[Payroll] DateFormat=MM/DD/YYYY" },
      { "Bonus=301\n", "[Payroll] Bonus: unknown key" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autofree char *text = g_strconcat (
            "[Plan]\nName=P\nCurrency=EUR\nCommissionRate=5%\n[Payroll]\n", bad[i][0], NULL);
        g_autoptr (TandemPlan) plan = tandem_plan_new_from_data (text, -1, &error);

        CU_ASSERT_PTR_NULL (plan);
        CU_ASSERT_PTR_NOT_NULL (error);
        if (error != NULL)
          CU_ASSERT_PTR_NOT_NULL (strstr (error->message, bad[i][1]));
        g_clear_error (&error);
      }
  }

  /* a personnel number is digits */
  {
    World v = { 0 };

    world_init (&v, NULL);
    tandem_rep_set_personnel_number (v.anna, "P-101");
    CU_ASSERT_FALSE (tandem_store_update_rep (v.store, v.anna, &error));
    TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_VALUE,
                         "Personnel number “P-101”");
    world_clear (&v);
  }
}

/* Disputes: open, list, reject with a note, accept into an open period
 * (an adjustment line naming the dispute); resolved once. Jonas disputes
 * November's clawback (−300.00); it is accepted at +100.00 into December,
 * whose settlement then pays him 100.00 as an adjustment. */
static void
test_disputes (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemSettlement) closed = NULL;
  g_autoptr (TandemDispute) first = NULL;
  g_autoptr (TandemDispute) second = NULL;
  g_autoptr (TandemDispute) rejected = NULL;
  g_autoptr (TandemDispute) accepted = NULL;
  g_autoptr (TandemMoney) hundred = tandem_money_parse ("100.00 EUR", NULL);
  g_autoptr (TandemMoney) zero = tandem_money_parse ("0.00 EUR", NULL);
  g_autoptr (TandemPeriod) dec = NULL;
  g_autoptr (TandemSettlement) december = NULL;
  g_autoptr (GListModel) open = NULL;
  g_autoptr (GListModel) all = NULL;
  World w = { 0 };

  world_init (&w, NULL);
  tandem_plan_add (w.store, w.plan, &error);
  closed = tandem_settlement_close (w.store, w.plan, w.nov, &error);
  dec = tandem_plan_parse_period (w.plan, "2026-12", &error);
  TANDEM_ASSERT_NO_ERROR (error);

  tandem_store_set_actor (w.store, "Jonas Becker");
  first = tandem_dispute_open (w.store, w.jonas, "Standard", w.nov, 1,
                               "The October order was paid after all", &error);
  second = tandem_dispute_open (w.store, w.anna, "Standard", w.nov, 0, "Bonus missing", &error);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (tandem_dispute_get_state (first), TANDEM_DISPUTE_STATE_OPEN);
  CU_ASSERT_STRING_EQUAL (tandem_dispute_get_opened_by (first), "Jonas Becker");
  CU_ASSERT_EQUAL (tandem_dispute_get_activity_id (first), 1);
  CU_ASSERT_PTR_NULL (tandem_dispute_open (w.store, w.jonas, "Standard", w.nov, 0, "  ", &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID, "needs a reason");
  CU_ASSERT_PTR_NULL (tandem_dispute_open (w.store, w.jonas, "Gold", w.nov, 0, "x", &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_FOUND, "Gold");
  CU_ASSERT_PTR_NULL (tandem_dispute_open (w.store, w.jonas, "Standard", w.nov, 999, "x", &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_FOUND, "999");

  tandem_store_set_actor (w.store, "Petra Krüger");
  CU_ASSERT_PTR_NULL (tandem_dispute_reject (w.store, tandem_dispute_get_id (second), "", &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID, "needs a note");
  rejected = tandem_dispute_reject (w.store, tandem_dispute_get_id (second), "No target, no bonus",
                                    &error);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (tandem_dispute_get_state (rejected), TANDEM_DISPUTE_STATE_REJECTED);
  CU_ASSERT_STRING_EQUAL (tandem_dispute_get_note (rejected), "No target, no bonus");
  CU_ASSERT_PTR_NULL (tandem_dispute_get_amount (rejected));

  /* into a closed period, by zero, or twice: refused */
  CU_ASSERT_PTR_NULL (
      tandem_dispute_accept (w.store, tandem_dispute_get_id (first), hundred, w.nov, NULL, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CLOSED_PERIOD, "2026-11");
  CU_ASSERT_PTR_NULL (
      tandem_dispute_accept (w.store, tandem_dispute_get_id (first), zero, dec, NULL, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID, "zero");
  accepted = tandem_dispute_accept (w.store, tandem_dispute_get_id (first), hundred, dec,
                                    "Paid on 2 December", &error);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (tandem_dispute_get_state (accepted), TANDEM_DISPUTE_STATE_ACCEPTED);
  CU_ASSERT_STRING_EQUAL (tandem_dispute_get_resolved_by (accepted), "Petra Krüger");
  CU_ASSERT_STRING_EQUAL (tandem_dispute_get_into (accepted), "2026-12");
  CU_ASSERT_PTR_NULL (tandem_dispute_reject (w.store, tandem_dispute_get_id (first), "no", &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_WRONG_STATE,
                       "already accepted by Petra Krüger");
  CU_ASSERT_PTR_NULL (tandem_dispute_reject (w.store, 42, "no", &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_FOUND, "#42");

  open = tandem_dispute_list (w.store, TRUE, &error);
  all = tandem_dispute_list (w.store, FALSE, &error);
  CU_ASSERT_EQUAL (g_list_model_get_n_items (open), 0);
  CU_ASSERT_EQUAL (g_list_model_get_n_items (all), 2);

  december = tandem_settlement_new (w.store, w.plan, dec, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  {
    g_autoptr (GListModel) lines = tandem_settlement_get_lines_for_rep (december, w.jonas);
    g_autoptr (TandemPayoutLine) line = NULL;
    g_autoptr (TandemMoney) total = tandem_settlement_get_total (december);

    CU_ASSERT_EQUAL (g_list_model_get_n_items (lines), 1);
    line = g_list_model_get_item (lines, 0);
    CU_ASSERT_EQUAL (tandem_payout_line_get_kind (line), TANDEM_LINE_KIND_ADJUSTMENT);
    CU_ASSERT_EQUAL (tandem_money_get_minor_units (tandem_payout_line_get_amount (line)), 10000);
    CU_ASSERT_PTR_NOT_NULL (strstr (tandem_payout_line_get_explanation (line), "dispute #1"));
    CU_ASSERT_PTR_NOT_NULL (
        strstr (tandem_payout_line_get_explanation (line), "accepted by Petra Krüger"));
    CU_ASSERT_EQUAL (tandem_money_get_minor_units (total), 10000);
  }
  world_clear (&w);
}

static gboolean
import_csv (TandemStore *store, const char *csv, guint64 *inserted, GError **error)
{
  g_autoptr (GInputStream) in = g_memory_input_stream_new_from_data (csv, -1, NULL);

  return tandem_store_import_activities (store, in, TANDEM_DATA_FORMAT_CSV, NULL, NULL, inserted,
                                         NULL, NULL, error);
}

/* The entries after @first, as "verb: what" lines. */
static char *
audit_since (TandemStore *store, guint first)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) entries = tandem_audit_entry_list (store, NULL, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = first; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr (TandemAuditEntry) e = g_list_model_get_item (entries, i);

      g_string_append_printf (out, "%s %s: %s\n", tandem_audit_entry_get_who (e),
                              tandem_audit_entry_get_verb (e), tandem_audit_entry_get_what (e));
    }
  return g_string_free (out, FALSE);
}

static guint
audit_count (TandemStore *store)
{
  g_autoptr (GListModel) entries = tandem_audit_entry_list (store, NULL, NULL);

  return g_list_model_get_n_items (entries);
}

/* Every write appends who, when and what (old → new for updates); a
 * write that fails leaves no entry; an import writes one entry with its
 * row count; entries only grow. */
static void
test_audit (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) before = NULL;
  g_autoptr (GListModel) after = NULL;
  g_autoptr (TandemSettlement) closed = NULL;
  g_autofree char *log = NULL;
  g_autofree char *updates = NULL;
  g_autofree char *imported = NULL;
  guint64          inserted = 0;
  guint            n;
  World            w = { 0 };

  world_init (&w, NULL);
  /* the world's own writes: reps, tandem, account, two orders, a close, a reversal */
  log = audit_since (w.store, 0);
  CU_ASSERT_PTR_NOT_NULL (strstr (log, " rep add: rep #1 “Anna Schäfer” (inside)\n"));
  CU_ASSERT_PTR_NOT_NULL (strstr (log, " team add: tandem #1 “Nord”: inside #1, field #2 from "));
  CU_ASSERT_PTR_NOT_NULL (strstr (log, " account add: account #1 “ACME GmbH” of tandem #1\n"));
  CU_ASSERT_PTR_NOT_NULL (strstr (log, " log: order #1 of 10,000.00 EUR for account #1 by rep #2"));
  CU_ASSERT_PTR_NOT_NULL (strstr (log, " close: period 2026-10 of plan “Standard” (version 1)"));
  CU_ASSERT_PTR_NOT_NULL (strstr (log, " log: reversal #3 of 10,000.00 EUR"));

  /* an update names old → new; a failing one leaves nothing */
  tandem_store_set_actor (w.store, "Petra Krüger");
  n = audit_count (w.store);
  tandem_rep_set_name (w.anna, "Anna Schäfer-Wolf");
  tandem_rep_set_personnel_number (w.anna, "101");
  CU_ASSERT_TRUE (tandem_store_update_rep (w.store, w.anna, &error));
  tandem_rep_set_personnel_number (w.anna, "P-101");
  CU_ASSERT_FALSE (tandem_store_update_rep (w.store, w.anna, &error));
  g_clear_error (&error);
  CU_ASSERT_PTR_NULL (tandem_settlement_approve (w.store, w.plan, w.nov, &error));
  g_clear_error (&error);
  updates = audit_since (w.store, n);
  CU_ASSERT_STRING_EQUAL (updates, "Petra Krüger rep update: rep #1 “Anna Schäfer-Wolf”: name "
                                   "Anna Schäfer → Anna Schäfer-Wolf, personnel number – → 101\n");

  /* an import: one entry with its row count; a failed import: none */
  n = audit_count (w.store);
  CU_ASSERT_TRUE (import_csv (w.store,
                              "ref,at,account,rep,kind,amount\n"
                              "i1,2026-11-03T10:00:00Z,1,1,call,\n"
                              "i2,2026-11-04T10:00:00Z,1,2,visit,\n"
                              "i3,2026-11-05T10:00:00Z,1,2,order,100.00 EUR\n",
                              &inserted, &error));
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (inserted, 3);
  CU_ASSERT_FALSE (import_csv (w.store,
                               "ref,at,account,rep,kind,amount\n"
                               "j1,2026-11-03T10:00:00Z,1,1,call,\n"
                               "j2,2026-11-04T10:00:00Z,99,2,visit,\n",
                               &inserted, &error));
  g_clear_error (&error);
  imported = audit_since (w.store, n);
  CU_ASSERT_STRING_EQUAL (imported,
                          "Petra Krüger import: 3 activities imported, 0 already stored\n");

  /* entries only grow: the earlier ones read back unchanged */
  before = tandem_audit_entry_list (w.store, NULL, &error);
  closed = tandem_settlement_close (w.store, w.plan, w.nov, &error);
  after = tandem_audit_entry_list (w.store, NULL, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (g_list_model_get_n_items (after), g_list_model_get_n_items (before) + 1);
  for (guint i = 0; i < g_list_model_get_n_items (before); i++)
    {
      g_autoptr (TandemAuditEntry) a = g_list_model_get_item (before, i);
      g_autoptr (TandemAuditEntry) b = g_list_model_get_item (after, i);

      CU_ASSERT_EQUAL (tandem_audit_entry_get_id (a), tandem_audit_entry_get_id (b));
      CU_ASSERT_STRING_EQUAL (tandem_audit_entry_get_what (a), tandem_audit_entry_get_what (b));
      CU_ASSERT_TRUE (
          g_date_time_equal (tandem_audit_entry_get_at (a), tandem_audit_entry_get_at (b)));
    }

  /* since: only the close */
  {
    g_autoptr (TandemAuditEntry) last
        = g_list_model_get_item (after, g_list_model_get_n_items (after) - 1);
    g_autoptr (GListModel) recent
        = tandem_audit_entry_list (w.store, tandem_audit_entry_get_at (last), &error);

    CU_ASSERT_EQUAL (g_list_model_get_n_items (recent), 1);
    CU_ASSERT_STRING_EQUAL (tandem_audit_entry_get_verb (last), "close");
  }
  world_clear (&w);
}

int
main (void)
{
  const TandemTestCase cases[] = {
    TANDEM_TEST (test_states_forward_only),
    TANDEM_TEST (test_payroll_export),
    TANDEM_TEST (test_payroll_settings_and_refusals),
    TANDEM_TEST (test_disputes),
    TANDEM_TEST (test_audit),
  };

  return tandem_test_run ("payment", cases, G_N_ELEMENTS (cases));
}
