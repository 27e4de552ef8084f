/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test-hostile.c: money you can trust. Each test drives one class of
 * hostile or careless input through the library and checks that the
 * invariant holds: nothing pays wrong money, nothing is half written. */

#include <glib/gstdio.h>
#include <tandem.h>

#include "tandem-test.h"

static const char plan_text[] = "[Plan]\n"
                                "Name=Standard\n"
                                "Currency=EUR\n"
                                "Period=month\n"
                                "CommissionRate=5%\n"
                                "InsideShare=40%\n"
                                "[Clawback]\n"
                                "WindowDays=90\n";

typedef struct
{
  char          *dir;
  char          *path;
  TandemStore   *store;
  TandemRep     *inside;
  TandemRep     *field;
  TandemTeam    *team;
  TandemAccount *account;
  TandemPlan    *plan;
} Fixture;

static GDateTime *
at (const char *text)
{
  GDateTime *t = g_date_time_new_from_iso8601 (text, NULL);

  g_assert (t != NULL);
  return t;
}

static void
fixture_init_full (Fixture *f, const char *plan, const char *since)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemTeam) draft = NULL;
  g_autoptr (GDateTime) start = at (since);

  f->dir = tandem_test_make_tmpdir ();
  f->path = g_build_filename (f->dir, "hostile.db", NULL);
  f->store = tandem_test_store_new (f->path, &error);
  g_assert_no_error (error);
  f->inside = tandem_store_add_rep (f->store, "Anna Schäfer", TANDEM_ROLE_INSIDE, &error);
  f->field = tandem_store_add_rep (f->store, "Jonas Becker", TANDEM_ROLE_FIELD, &error);
  draft = tandem_team_new ("Nord", f->inside, f->field, &error);
  g_assert_no_error (error);
  f->team = tandem_store_save_team (f->store, draft, start, &error);
  f->account = tandem_store_add_account (f->store, "ACME GmbH", f->team, &error);
  g_assert_no_error (error);
  f->plan = tandem_plan_new_from_data (plan, -1, &error);
  g_assert_no_error (error);
}

static void
fixture_init (Fixture *f)
{
  fixture_init_full (f, plan_text, "2026-01-01T00:00:00Z");
}

static void
fixture_clear (Fixture *f)
{
  g_clear_object (&f->plan);
  g_clear_object (&f->account);
  g_clear_object (&f->team);
  g_clear_object (&f->field);
  g_clear_object (&f->inside);
  g_clear_object (&f->store);
  tandem_test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
  g_clear_pointer (&f->path, g_free);
}

static TandemMoney *
eur (const char *text)
{
  g_autofree char *full = g_strdup_printf ("%s EUR", text);

  return tandem_money_parse (full, NULL);
}

static TandemActivity *
log_order (Fixture *f, const char *amount, const char *when, GError **error)
{
  g_autoptr (TandemMoney) money = eur (amount);
  g_autoptr (GDateTime) t = at (when);

  return tandem_store_log_activity (f->store, f->account, f->field, TANDEM_ACTIVITY_KIND_ORDER,
                                    money, t, error);
}

static TandemActivity *
reverse (Fixture *f, TandemActivity *order, const char *amount, GError **error)
{
  g_autoptr (TandemMoney) money = amount ? eur (amount) : NULL;
  g_autoptr (GDateTime) t = at ("2026-11-20T10:00:00Z");
  g_autoptr (TandemActivity) draft
      = tandem_activity_new_reversal (order, f->inside, money, t, error);

  return draft ? tandem_store_save_activity (f->store, draft, NULL, error) : NULL;
}

static guint
count_activities (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) all = tandem_store_list_activities (f->store, &error);

  TANDEM_ASSERT_NO_ERROR (error);
  return all != NULL ? g_list_model_get_n_items (all) : 0;
}

static gboolean
import_text (Fixture         *f,
             const char      *text,
             TandemDataFormat format,
             guint64         *inserted,
             guint64         *skipped,
             GError         **error)
{
  g_autoptr (GInputStream) in = g_memory_input_stream_new_from_data (g_strdup (text), -1, g_free);

  return tandem_store_import_activities (f->store, in, format, NULL, NULL, inserted, skipped, NULL,
                                         error);
}

/* 1. The reversals of an activity never take back more than it. */
static void
test_reversal_limit (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemActivity) order = NULL;
  g_autoptr (TandemActivity) r1 = NULL;
  g_autoptr (TandemActivity) r2 = NULL;
  g_autoptr (TandemActivity) r3 = NULL;
  g_autoptr (TandemActivity) r4 = NULL;
  g_autoptr (TandemActivity) r5 = NULL;
  g_autofree char *csv = NULL;
  guint            before;
  Fixture          f = { 0 };

  fixture_init (&f);
  order = log_order (&f, "1200.00", "2026-11-03T10:00:00Z", &error);
  TANDEM_ASSERT_NO_ERROR (error);

  r1 = reverse (&f, order, "1000.00", &error);
  TANDEM_ASSERT_NO_ERROR (error);
  before = count_activities (&f);
  r2 = reverse (&f, order, "300.00", &error);
  CU_ASSERT_PTR_NULL (r2);
  TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                       "200.00 EUR is left to reverse");
  CU_ASSERT_EQUAL (count_activities (&f), before);

  r3 = reverse (&f, order, "200.00", &error);
  TANDEM_ASSERT_NO_ERROR (error);
  r4 = reverse (&f, order, NULL, &error); /* a full one: nothing is left */
  CU_ASSERT_PTR_NULL (r4);
  TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID, "#1");
  r5 = reverse (&f, order, "0.01", &error);
  CU_ASSERT_PTR_NULL (r5);
  g_clear_error (&error);

  /* import, within one file: 100 + 100 of an order of 150 */
  before = count_activities (&f);
  csv = g_strdup ("ref,at,account,rep,kind,amount,reverses\n"
                  "o2,2026-11-05T10:00:00Z,1,2,order,150.00 EUR,\n"
                  "v1,2026-11-06T10:00:00Z,1,1,reversal,100.00 EUR,o2\n"
                  "v2,2026-11-07T10:00:00Z,1,1,reversal,100.00 EUR,o2\n");
  CU_ASSERT_FALSE (import_text (&f, csv, TANDEM_DATA_FORMAT_CSV, NULL, NULL, &error));
  TANDEM_ASSERT_ERROR (
      error, TANDEM_IMPORT_ERROR, TANDEM_IMPORT_ERROR_INVALID_FIELD,
      "line 4: amount: a reversal of 100.00 EUR would take back more than activity");
  CU_ASSERT_EQUAL (count_activities (&f), before);

  /* and across imports */
  CU_ASSERT_TRUE (import_text (&f,
                               "ref,at,account,rep,kind,amount,reverses\n"
                               "o2,2026-11-05T10:00:00Z,1,2,order,150.00 EUR,\n"
                               "v1,2026-11-06T10:00:00Z,1,1,reversal,100.00 EUR,o2\n",
                               TANDEM_DATA_FORMAT_CSV, NULL, NULL, &error));
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_FALSE (import_text (
      &f,
      "[{\"ref\": \"v3\", \"at\": \"2026-11-08T10:00:00Z\", \"account\": 1, \"rep\": 1, "
      "\"kind\": \"reversal\", \"amount\": \"50.01 EUR\", \"reverses\": \"o2\"}]",
      TANDEM_DATA_FORMAT_JSON, NULL, NULL, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_IMPORT_ERROR, TANDEM_IMPORT_ERROR_INVALID_FIELD,
                       "50.00 EUR is left");

  /* the settlement never shows more reversed than ordered */
  {
    g_autoptr (TandemPeriod) period = tandem_period_parse ("2026-11", NULL);
    g_autoptr (TandemSettlement) s = tandem_settlement_new (f.store, f.plan, period, &error);
    g_autoptr (GListModel) teams = NULL;
    g_autoptr (TandemTeamResult) nord = NULL;

    TANDEM_ASSERT_NO_ERROR (error);
    teams = tandem_settlement_get_team_results (s);
    nord = g_list_model_get_item (teams, 0);
    /* 1200 − 1200 + 150 − 100 */
    CU_ASSERT_EQUAL (tandem_money_get_minor_units (tandem_team_result_get_revenue (nord)), 5000);
  }
  fixture_clear (&f);
}

/* 2. Every sum of money is checked: a settlement either adds up exactly
 * or fails naming the overflow. A property test near G_MAXINT64. */
static void
test_checked_sums (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (20261130);
  guint failures = 0, successes = 0;

  for (guint trial = 0; trial < 60; trial++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (TandemPeriod) period = tandem_period_parse ("2026-11", NULL);
      g_autoptr (TandemSettlement) s = NULL;
      __int128 exact = 0;
      guint    n = 1 + g_rand_int_range (rand, 0, 4);
      Fixture  f = { 0 };

      fixture_init (&f);
      for (guint i = 0; i < n; i++)
        {
          /* amounts from a quarter of the range up to all of it */
          gint64 amount
              = G_MAXINT64 / 4 + (gint64)(g_rand_double (rand) * (double)(G_MAXINT64 / 4 * 3));
          g_autoptr (TandemMoney) money = tandem_money_new (amount, "EUR");
          g_autoptr (GDateTime) t = g_date_time_new_utc (2026, 11, 2 + (int)i, 10, 0, 0);
          g_autoptr (TandemActivity) a G_GNUC_UNUSED = tandem_store_log_activity (
              f.store, f.account, f.field, TANDEM_ACTIVITY_KIND_ORDER, money, t, &error);

          TANDEM_ASSERT_NO_ERROR (error);
          exact += amount;
        }

      s = tandem_settlement_new (f.store, f.plan, period, &error);
      if (exact > G_MAXINT64)
        {
          /* the revenue cannot be represented: never a wrong figure */
          CU_ASSERT_PTR_NULL (s);
          TANDEM_ASSERT_ERROR (error, TANDEM_MONEY_ERROR, TANDEM_MONEY_ERROR_OVERFLOW,
                               "does not fit");
          failures++;
        }
      else if (s == NULL)
        {
          /* a later sum may still overflow, but only as an error */
          TANDEM_ASSERT_ERROR (error, TANDEM_MONEY_ERROR, TANDEM_MONEY_ERROR_OVERFLOW,
                               "does not fit");
          failures++;
        }
      else
        {
          g_autoptr (GListModel) lines = tandem_settlement_get_lines (s);
          g_autoptr (GListModel) teams = tandem_settlement_get_team_results (s);
          g_autoptr (TandemTeamResult) nord = g_list_model_get_item (teams, 0);
          g_autoptr (TandemMoney) total = tandem_settlement_get_total (s);
          __int128 sum = 0;

          for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
            {
              g_autoptr (TandemPayoutLine) l = g_list_model_get_item (lines, i);

              sum += tandem_money_get_minor_units (tandem_payout_line_get_amount (l));
            }
          CU_ASSERT (sum == tandem_money_get_minor_units (total));
          CU_ASSERT (exact == tandem_money_get_minor_units (tandem_team_result_get_revenue (nord)));
          successes++;
        }
      fixture_clear (&f);
    }
  /* both sides of the line were reached */
  CU_ASSERT (failures > 0);
  CU_ASSERT (successes > 0);
}

/* 3. Amounts for people use the currency's own minor unit. */
static void
test_display_exponent (void)
{
  static const struct
  {
    gint64      minor;
    const char *currency;
    const char *shown;
  } cases[] = {
    { 123456, "JPY", "123,456" }, { 123456, "EUR", "1,234.56" },          { 37, "KWD", "0.037" },
    { -4112, "JPY", "-4,112" },   { 1234567891, "BHD", "1,234,567.891" }, { 5, "EUR", "0.05" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (TandemMoney) m = tandem_money_new (cases[i].minor, cases[i].currency);
      g_autofree char *bare = tandem_money_to_display_string (m, FALSE);
      g_autofree char *full = tandem_money_to_display_string (m, TRUE);
      g_autofree char *expected = g_strdup_printf ("%s %s", cases[i].shown, cases[i].currency);

      CU_ASSERT_STRING_EQUAL (bare, cases[i].shown);
      CU_ASSERT_STRING_EQUAL (full, expected);
    }

  /* explanations in a JPY plan: no invented decimals */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (TandemPeriod) period = tandem_period_parse ("2026-11", NULL);
    g_autoptr (TandemSettlement) s = NULL;
    g_autoptr (GListModel) lines = NULL;
    g_autoptr (TandemPayoutLine) first = NULL;
    g_autoptr (TandemMoney) amount = tandem_money_new (123456, "JPY");
    g_autoptr (GDateTime) t = at ("2026-11-03T10:00:00Z");
    g_autoptr (TandemActivity) a = NULL;
    Fixture f = { 0 };

    fixture_init_full (
        &f,
        "[Plan]\nName=Yen\nCurrency=JPY\nPeriod=month\nCommissionRate=3.333%\nInsideShare=40%\n",
        "2026-01-01T00:00:00Z");
    a = tandem_store_log_activity (f.store, f.account, f.field, TANDEM_ACTIVITY_KIND_ORDER, amount,
                                   t, &error);
    TANDEM_ASSERT_NO_ERROR (error);
    s = tandem_settlement_new (f.store, f.plan, period, &error);
    TANDEM_ASSERT_NO_ERROR (error);
    lines = tandem_settlement_get_lines (s);
    first = g_list_model_get_item (lines, 0);
    CU_ASSERT_PTR_NOT_NULL (strstr (tandem_payout_line_get_explanation (first), "123,456 JPY"));
    CU_ASSERT_PTR_NOT_NULL (strstr (tandem_payout_line_get_explanation (first), "= 4,115 JPY"));
    fixture_clear (&f);
  }
}

/* 4. Closing is atomic against writers: every activity a writer could log
 * during the close is in the frozen month; the others were refused. */
typedef struct
{
  const char *path;
  GArray     *logged;   /* ids accepted */
  gint        n_logged; /* atomic: how many so far */
  guint       refused;
  gboolean    other_error;
} Racer;

static gpointer
race_writer (gpointer data)
{
  Racer *r = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemStore) store = tandem_test_store_new (r->path, &error);
  g_autoptr (TandemAccount) account = store ? tandem_store_get_account (store, 1, &error) : NULL;
  g_autoptr (TandemRep) rep = store ? tandem_store_get_rep (store, 2, &error) : NULL;
  g_autoptr (TandemMoney) amount = tandem_money_new (10000, "EUR");

  if (account == NULL || rep == NULL)
    {
      r->other_error = TRUE;
      return NULL;
    }

  /* log until the close refuses us (bounded) */
  for (guint i = 0; i < 200000; i++)
    {
      g_autoptr (GDateTime) t = g_date_time_new_utc (2026, 11, 15, 12, 0, (double)(i % 60));
      g_autoptr (TandemActivity) a = tandem_store_log_activity (
          store, account, rep, TANDEM_ACTIVITY_KIND_ORDER, amount, t, &error);

      if (a != NULL)
        {
          gint64 id = tandem_activity_get_id (a);

          g_array_append_val (r->logged, id);
          g_atomic_int_inc (&r->n_logged);
          /* a busy sales floor, not a tight loop that starves the close */
          g_usleep (20000);
        }
      else if (g_error_matches (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_BUSY))
        g_clear_error (&error); /* a slow close (valgrind) outlasted the busy timeout: nothing
                                   written, retry */
      else if (g_error_matches (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CLOSED_PERIOD))
        {
          r->refused++;
          g_clear_error (&error);
          break;
        }
      else
        {
          g_printerr ("writer: %s\n", error->message);
          r->other_error = TRUE;
          break;
        }
    }
  return NULL;
}

static void
test_close_race (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) csv = g_string_new ("at,account,rep,kind,amount\n");
  g_autoptr (TandemPeriod) period = tandem_period_parse ("2026-11", NULL);
  g_autoptr (TandemSettlement) closed = NULL;
  g_autoptr (GHashTable) frozen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr (GListModel) lines = NULL;
  GThread *writer;
  Racer    racer = { 0 };
  Fixture  f = { 0 };

  fixture_init (&f);
  /* a big month, so the close takes a while */
  for (guint i = 0; i < 40000; i++)
    g_string_append_printf (csv, "2026-11-%02uT%02u:%02u:%02uZ,1,2,order,1.00 EUR\n", 1 + i % 28,
                            (i / 28) % 24, (i / 672) % 60, (i / 40320) % 60);
  CU_ASSERT_TRUE (import_text (&f, csv->str, TANDEM_DATA_FORMAT_CSV, NULL, NULL, &error));
  TANDEM_ASSERT_NO_ERROR (error);

  racer.path = f.path;
  racer.logged = g_array_new (FALSE, FALSE, sizeof (gint64));
  writer = g_thread_new ("writer", race_writer, &racer);
  /* close only once the writer is writing, however slow the machine */
  for (guint waited = 0; g_atomic_int_get (&racer.n_logged) < 5 && waited < 60000; waited++)
    g_usleep (1000);
  /* a close that waited longer than the busy timeout (valgrind is slow)
   * is refused with BUSY and changed nothing: try again, as a user would */
  for (guint tries = 0; tries < 5; tries++)
    {
      closed = tandem_settlement_close (f.store, f.plan, period, &error);
      if (closed != NULL || !g_error_matches (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_BUSY))
        break;
      g_clear_error (&error);
    }
  TANDEM_ASSERT_NO_ERROR (error);
  g_thread_join (writer);

  CU_ASSERT_FALSE (racer.other_error);
  CU_ASSERT (racer.logged->len > 0);
  CU_ASSERT_EQUAL (racer.refused, 1);

  lines = tandem_settlement_get_lines (closed);
  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr (TandemPayoutLine) l = g_list_model_get_item (lines, i);
      gint64 *id = g_new (gint64, 1);

      *id = tandem_payout_line_get_activity_id (l);
      g_hash_table_add (frozen, id);
    }
  /* every accepted activity is paid in the frozen month */
  for (guint i = 0; i < racer.logged->len; i++)
    CU_ASSERT_TRUE (g_hash_table_contains (frozen, &g_array_index (racer.logged, gint64, i)));

  g_array_unref (racer.logged);
  fixture_clear (&f);
}

/* 5. A closed period reads back as frozen; tandem payouts include caps. */
static void
test_closed_period_frozen (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemPeriod) period = tandem_period_parse ("2026-11", NULL);
  g_autoptr (TandemSettlement) closed = NULL;
  g_autoptr (TandemSettlement) again = NULL;
  g_autoptr (TandemActivity) order = NULL;
  g_autoptr (TandemPlan) changed = NULL;
  g_autoptr (TandemPlan) capped = NULL;
  g_autoptr (TandemMoney) target = tandem_money_new (100000, "EUR");
  Fixture f = { 0 };

  fixture_init (&f);
  tandem_team_set_target (f.team, target);
  CU_ASSERT_TRUE (tandem_store_update_team (f.store, f.team, &error));
  order = log_order (&f, "1200.00", "2026-11-03T10:00:00Z", &error);
  CU_ASSERT_TRUE (tandem_plan_add (f.store, f.plan, &error));
  closed = tandem_settlement_close (f.store, f.plan, period, &error);
  TANDEM_ASSERT_NO_ERROR (error);

  /* the same definition again is fine; another one becomes a version
   * after the closed period, and one dated into it is refused */
  CU_ASSERT_TRUE (tandem_plan_add (f.store, f.plan, &error));
  TANDEM_ASSERT_NO_ERROR (error);
  changed = tandem_plan_new_from_data ("[Plan]\nName=Standard\nCurrency=EUR\nCommissionRate=9%\n",
                                       -1, &error);
  CU_ASSERT_FALSE (tandem_plan_version_add (f.store, changed, period, NULL, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CLOSED_PERIOD, "Standard");
  {
    guint version = 0;
    g_autoptr (TandemPlan) at_closed = NULL;
    g_autoptr (TandemPlan) after = NULL;
    g_autoptr (TandemPeriod) next = tandem_period_get_next (period);

    CU_ASSERT_TRUE (tandem_plan_version_add (f.store, changed, NULL, &version, &error));
    TANDEM_ASSERT_NO_ERROR (error);
    CU_ASSERT_EQUAL (version, 2);
    at_closed = tandem_plan_load_at (f.store, "Standard", period, &error);
    after = tandem_plan_load_at (f.store, "Standard", next, &error);
    TANDEM_ASSERT_NO_ERROR (error);
    CU_ASSERT_STRING_EQUAL (tandem_plan_get_data (at_closed), tandem_plan_get_data (f.plan));
    CU_ASSERT_STRING_EQUAL (tandem_plan_get_data (after), tandem_plan_get_data (changed));
  }

  /* a new target after the close does not change the closed figures */
  {
    g_autoptr (TandemMoney) bigger = tandem_money_new (900000, "EUR");
    g_autoptr (GListModel) t1 = tandem_settlement_get_team_results (closed);
    g_autoptr (GListModel) t2 = NULL;
    g_autoptr (TandemTeamResult) r1 = g_list_model_get_item (t1, 0);
    g_autoptr (TandemTeamResult) r2 = NULL;

    tandem_team_set_target (f.team, bigger);
    CU_ASSERT_TRUE (tandem_store_update_team (f.store, f.team, &error));
    again = tandem_settlement_new (f.store, f.plan, period, &error);
    TANDEM_ASSERT_NO_ERROR (error);
    CU_ASSERT_EQUAL (tandem_settlement_get_state (again), TANDEM_SETTLEMENT_STATE_CLOSED);
    t2 = tandem_settlement_get_team_results (again);
    r2 = g_list_model_get_item (t2, 0);
    CU_ASSERT_EQUAL (tandem_team_result_get_attainment (r1), 12000);
    CU_ASSERT_EQUAL (tandem_team_result_get_attainment (r2), 12000);
    CU_ASSERT_TRUE (tandem_money_equal (tandem_team_result_get_payout (r1),
                                        tandem_team_result_get_payout (r2)));
  }

  /* caps: the tandem's payout is the sum of its members' lines */
  capped = tandem_plan_new_from_data (
      "[Plan]\nName=Capped\nCurrency=EUR\nCommissionRate=10%\nInsideShare=40%\n"
      "[Cap]\nPerRep=50.00 EUR\n",
      -1, &error);
  {
    g_autoptr (TandemPeriod) dec = tandem_period_parse ("2026-12", NULL);
    g_autoptr (TandemActivity) big G_GNUC_UNUSED
        = log_order (&f, "2000.00", "2026-12-03T10:00:00Z", &error);
    g_autoptr (TandemSettlement) s = tandem_settlement_new (f.store, capped, dec, &error);
    g_autoptr (GListModel) teams = NULL;
    g_autoptr (TandemTeamResult) nord = NULL;
    g_autoptr (TandemMoney) total = NULL;

    TANDEM_ASSERT_NO_ERROR (error);
    teams = tandem_settlement_get_team_results (s);
    nord = g_list_model_get_item (teams, 0);
    total = tandem_settlement_get_total (s);
    CU_ASSERT_EQUAL (tandem_money_get_minor_units (total), 10000);
    CU_ASSERT_TRUE (tandem_money_equal (tandem_team_result_get_payout (nord), total));
  }
  fixture_clear (&f);
}

/* 6 and 7. References mean the same in any store; a reference with other
 * facts is a conflict naming both; the same facts are a counted skip. */
static void
test_identity_and_duplicates (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemActivity) order = NULL;
  g_autoptr (TandemActivity) reversal = NULL;
  g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autofree char *exported = NULL;
  guint64          inserted = 0, skipped = 0;
  Fixture          a = { 0 }, b = { 0 };

  fixture_init (&a);
  fixture_init (&b);
  /* shift ids in b so that "#2" would point elsewhere */
  {
    g_autoptr (TandemActivity) filler G_GNUC_UNUSED
        = log_order (&b, "1.00", "2026-10-01T10:00:00Z", &error);
    g_autoptr (TandemActivity) filler2 G_GNUC_UNUSED
        = log_order (&b, "2.00", "2026-10-02T10:00:00Z", &error);
  }
  order = log_order (&a, "500.00", "2026-11-03T10:00:00Z", &error);
  reversal = reverse (&a, order, "100.00", &error);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_PTR_NOT_NULL (tandem_activity_get_external_ref (order));
  CU_ASSERT (g_str_has_prefix (tandem_activity_get_external_ref (order), "auto-"));

  CU_ASSERT_TRUE (
      tandem_store_export_activities (a.store, out, TANDEM_DATA_FORMAT_CSV, NULL, NULL, &error));
  g_output_stream_write_all (out, "", 1, NULL, NULL, NULL);
  g_output_stream_close (out, NULL, NULL);
  exported = g_strdup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)));
  CU_ASSERT_PTR_NULL (strstr (exported, ",#"));

  /* into the same store: nothing new */
  CU_ASSERT_TRUE (import_text (&a, exported, TANDEM_DATA_FORMAT_CSV, &inserted, &skipped, &error));
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (inserted, 0);
  CU_ASSERT_EQUAL (skipped, 2);

  /* into another store: the reversal reverses the same order */
  CU_ASSERT_TRUE (import_text (&b, exported, TANDEM_DATA_FORMAT_CSV, &inserted, &skipped, &error));
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (inserted, 2);
  {
    g_autoptr (TandemActivity) copy = tandem_store_find_activity_by_ref (
        b.store, tandem_activity_get_external_ref (reversal), &error);

    TANDEM_ASSERT_NO_ERROR (error);
    CU_ASSERT_STRING_EQUAL (tandem_activity_get_external_ref (tandem_activity_get_reverses (copy)),
                            tandem_activity_get_external_ref (order));
  }

  /* rows without a ref: importing them twice adds them once */
  {
    const char *rows = "at,account,rep,kind,amount\n"
                       "2026-11-10T10:00:00Z,1,2,order,70.00 EUR\n"
                       "2026-11-10T11:00:00Z,1,1,call,\n";

    CU_ASSERT_TRUE (import_text (&a, rows, TANDEM_DATA_FORMAT_CSV, &inserted, &skipped, &error));
    CU_ASSERT_EQUAL (inserted, 2);
    CU_ASSERT_TRUE (import_text (&a, rows, TANDEM_DATA_FORMAT_CSV, &inserted, &skipped, &error));
    CU_ASSERT_EQUAL (inserted, 0);
    CU_ASSERT_EQUAL (skipped, 2);
  }

  /* conflicts: within one file, and against the store */
  CU_ASSERT_FALSE (import_text (&a,
                                "ref,at,account,rep,kind,amount\n"
                                "X-1,2026-11-11T10:00:00Z,1,2,order,10.00 EUR\n"
                                "X-1,2026-11-11T10:00:00Z,1,2,order,11.00 EUR\n",
                                TANDEM_DATA_FORMAT_CSV, NULL, NULL, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_IMPORT_ERROR, TANDEM_IMPORT_ERROR_INVALID_FIELD,
                       "line 3: ref: reference “X-1” is already stored");
  CU_ASSERT_FALSE (import_text (&a,
                                "ref,at,account,rep,kind,amount\n"
                                "x,2026-11-12T10:00:00Z,1,2,call,\n",
                                TANDEM_DATA_FORMAT_CSV, NULL, NULL, &error)
                   && FALSE);
  g_clear_error (&error);
  {
    g_autoptr (TandemMoney) m = eur ("499.00");
    g_autoptr (GDateTime) t = at ("2026-11-03T10:00:00Z");
    g_autoptr (TandemActivity) draft
        = tandem_activity_new (a.account, a.field, TANDEM_ACTIVITY_KIND_ORDER, m, t, &error);
    g_autoptr (TandemActivity) refused = NULL;

    tandem_activity_set_external_ref (draft, tandem_activity_get_external_ref (order));
    refused = tandem_store_save_activity (a.store, draft, NULL, &error);
    CU_ASSERT_PTR_NULL (refused);
    TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CONFLICT, "499.00 EUR");
  }
  fixture_clear (&a);
  fixture_clear (&b);
}

/* 8. Input hygiene. */
#define NUL_CSV                                                                 \
  "ref,at,account,rep,kind,amount\nr,2026-11-03T10:00:00Z,1,1,order,5.00 EUR\0" \
  "999\n"

static void
test_input_hygiene (void)
{
  static const struct
  {
    TandemDataFormat format;
    const char      *text;
    gssize           length;
    const char      *needle;
  } bad[] = {
    { TANDEM_DATA_FORMAT_CSV, NUL_CSV, sizeof NUL_CSV - 1, "line 2: field 6: holds a NUL byte" },
    { TANDEM_DATA_FORMAT_JSON,
      "[{\"at\": \"2026-11-03T10:00:00Z\", \"account\": 1, \"rep\": 1, \"kind\": \"order\", "
      "\"amount\": \"5.00 EUR\\u0000999\"}]",
      -1, "line 1: amount: holds \\u0000" },
    { TANDEM_DATA_FORMAT_JSON,
      "[{\"at\": \"2026-11-03T10:00:00Z\", \"account\": 1, \"rep\": 1, \"kind\": \"call\", "
      "\"note\": \"\\udc00\"}]",
      -1, "note: holds a lone low surrogate" },
    { TANDEM_DATA_FORMAT_CSV,
      "at,account,rep,kind,note\n2026-11-03T10:00:00Z,1,1,call,\"a\x1b[31mb\"\n", -1,
      "line 2: note: The field holds the control character U+001B" },
    { TANDEM_DATA_FORMAT_CSV,
      "at,account,rep,kind,amount\n2026-11-03T10:00:00Z,1,1,call,1.00 EUR\n", -1,
      "line 2: amount: An activity of kind “call” carries no amount" },
    { TANDEM_DATA_FORMAT_CSV, "at,account,rep,kind\n2026-02-30T10:00:00Z,1,1,call\n", -1,
      "line 2: at: “2026-02-30T10:00:00Z” is not a date: February 2026 has 28 days" },
    { TANDEM_DATA_FORMAT_CSV, "at,account,rep,kind\n2026-11-03 10h00,1,1,call\n", -1,
      "line 2: at: “2026-11-03 10h00” is not a time such as 2026-11-03T10:00:00Z or 30.11.2026 "
      "23:30" },
    { TANDEM_DATA_FORMAT_CSV, "at,account,rep,kind\n2026-11-03T10:00:00Z,x,1,call\n", -1,
      "line 2: account: “x” is not an id" },
  };
  Fixture f = { 0 };

  fixture_init (&f);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GInputStream) in = g_memory_input_stream_new_from_data (
          bad[i].text, bad[i].length >= 0 ? bad[i].length : (gssize)strlen (bad[i].text), NULL);

      CU_ASSERT_FALSE (tandem_store_import_activities (f.store, in, bad[i].format, NULL, NULL, NULL,
                                                       NULL, NULL, &error));
      TANDEM_ASSERT_ERROR (error, TANDEM_IMPORT_ERROR, -1, bad[i].needle);
      CU_ASSERT_EQUAL (count_activities (&f), 0);
    }

  /* one size limit for every field, CSV and JSON alike */
  {
    g_autoptr (GError) error = NULL;
    g_autofree char *long_note = g_strnfill (TANDEM_TEXT_MAX + 1, 'n');
    g_autofree char *csv = g_strdup_printf (
        "at,account,rep,kind,note\n2026-11-03T10:00:00Z,1,1,call,%s\n", long_note);
    g_autofree char *json
        = g_strdup_printf ("[{\"at\": \"2026-11-03T10:00:00Z\", \"account\": 1, \"rep\": 1, "
                           "\"kind\": \"call\", \"note\": \"%s\"}]",
                           long_note);
    g_autofree char *fits = g_strnfill (TANDEM_TEXT_MAX, 'n');
    g_autofree char *ok
        = g_strdup_printf ("at,account,rep,kind,note\n2026-11-03T10:00:00Z,1,1,call,%s\n", fits);

    CU_ASSERT_FALSE (import_text (&f, csv, TANDEM_DATA_FORMAT_CSV, NULL, NULL, &error));
    TANDEM_ASSERT_ERROR (error, TANDEM_IMPORT_ERROR, TANDEM_IMPORT_ERROR_INVALID_FIELD,
                         "longer than 4096 bytes");
    CU_ASSERT_FALSE (import_text (&f, json, TANDEM_DATA_FORMAT_JSON, NULL, NULL, &error));
    TANDEM_ASSERT_ERROR (error, TANDEM_IMPORT_ERROR, TANDEM_IMPORT_ERROR_INVALID_FIELD,
                         "at most 4096");
    CU_ASSERT_TRUE (import_text (&f, ok, TANDEM_DATA_FORMAT_CSV, NULL, NULL, &error));
    TANDEM_ASSERT_NO_ERROR (error);
  }

  /* library: amounts only where money is; names without control characters */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (TandemMoney) one = eur ("1.00");
    g_autoptr (GDateTime) t = at ("2026-11-03T10:00:00Z");
    g_autoptr (TandemActivity) call = tandem_store_log_activity (
        f.store, f.account, f.inside, TANDEM_ACTIVITY_KIND_CALL, one, t, &error);
    g_autoptr (TandemActivity) offer = NULL;
    g_autoptr (TandemRep) bad_rep = NULL;
    g_autoptr (TandemTeam) twin = NULL;
    g_autoptr (TandemTeam) draft = NULL;

    CU_ASSERT_PTR_NULL (call);
    TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_AMOUNT,
                         "1.00 EUR");
    offer = tandem_store_log_activity (f.store, f.account, f.inside, TANDEM_ACTIVITY_KIND_OFFER,
                                       one, t, &error);
    TANDEM_ASSERT_NO_ERROR (error);
    CU_ASSERT_FALSE (tandem_activity_kind_takes_amount (TANDEM_ACTIVITY_KIND_VISIT));

    bad_rep = tandem_store_add_rep (f.store,
                                    "Null\x01"
                                    "Byte",
                                    TANDEM_ROLE_FIELD, &error);
    CU_ASSERT_PTR_NULL (bad_rep);
    TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_TEXT,
                         "U+0001");

    /* a second active tandem of the same two reps */
    draft = tandem_team_new ("Nord 2", f.inside, f.field, &error);
    twin = tandem_store_save_team (f.store, draft, NULL, &error);
    CU_ASSERT_PTR_NULL (twin);
    TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                         "already form tandem “Nord”");
  }

  /* duplicate keys and groups in a plan or lifecycle file */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (TandemPlan) twice = tandem_plan_new_from_data (
        "[Plan]\nName=X\nCurrency=EUR\nCommissionRate=5%\nCommissionRate=50%\n", -1, &error);
    g_autoptr (TandemPlan) groups = NULL;
    g_autoptr (TandemLifecycleRules) rules = NULL;

    CU_ASSERT_PTR_NULL (twice);
    TANDEM_ASSERT_ERROR (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_PARSE,
                         "Line 5: key CommissionRate in [Plan] appears twice (first on line 4)");
    groups = tandem_plan_new_from_data (
        "[Plan]\nName=X\nCurrency=EUR\n[Cap]\nPerRep=1.00 EUR\n[Cap]\n", -1, &error);
    CU_ASSERT_PTR_NULL (groups);
    TANDEM_ASSERT_ERROR (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_PARSE,
                         "group [Cap] appears twice");
    rules = tandem_lifecycle_rules_new_from_data ("[Lifecycle]\nRegularOrders=3\nRegularOrders=4\n",
                                                  -1, &error);
    CU_ASSERT_PTR_NULL (rules);
    TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, -1, "RegularOrders");
  }
  fixture_clear (&f);
}

/* 9. An order dated before its tandem was formed is settled, credited to
 * its first members, never accepted and then blocking the settlement. */
static void
test_before_tandem_start (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemPeriod) period = tandem_period_parse ("2026-10", NULL);
  g_autoptr (TandemSettlement) s = NULL;
  g_autoptr (TandemActivity) order = NULL;
  g_autoptr (TandemMoney) inside_total = NULL;
  Fixture f = { 0 };

  fixture_init_full (&f, plan_text, "2026-11-15T00:00:00Z");
  order = log_order (&f, "1000.00", "2026-10-05T10:00:00Z", &error);
  TANDEM_ASSERT_NO_ERROR (error);
  s = tandem_settlement_new (f.store, f.plan, period, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  inside_total = tandem_settlement_get_total_for_rep (s, f.inside);
  CU_ASSERT_EQUAL (tandem_money_get_minor_units (inside_total), 2000); /* 40% of 50.00 */
  fixture_clear (&f);
}

/* 11. Values from bindings get errors, not warnings. */
static void
test_money_errors (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemMoney) bad = tandem_money_try_new (5, "xx", &error);
  g_autoptr (TandemMoney) min = NULL;
  g_autoptr (TandemMoney) a = tandem_money_try_new (5, "EUR", NULL);
  g_autoptr (TandemMoney) b = tandem_money_try_new (5, "USD", NULL);
  g_autoptr (TandemMoney) c = tandem_money_try_new (7, "EUR", NULL);
  g_autoptr (GDateTime) none = NULL;

  CU_ASSERT_PTR_NULL (bad);
  TANDEM_ASSERT_ERROR (error, TANDEM_MONEY_ERROR, TANDEM_MONEY_ERROR_UNKNOWN_CURRENCY, "xx");
  min = tandem_money_try_new (G_MININT64, "EUR", &error);
  CU_ASSERT_PTR_NULL (min);
  TANDEM_ASSERT_ERROR (error, TANDEM_MONEY_ERROR, TANDEM_MONEY_ERROR_OVERFLOW, NULL);
  CU_ASSERT_EQUAL (tandem_money_try_compare (a, b, &error), 0);
  TANDEM_ASSERT_ERROR (error, TANDEM_MONEY_ERROR, TANDEM_MONEY_ERROR_CURRENCY_MISMATCH, "EUR");
  CU_ASSERT (tandem_money_try_compare (a, c, &error) < 0);
  TANDEM_ASSERT_NO_ERROR (error);

  none = tandem_time_parse ("2026-02-29T10:00:00Z", NULL, &error);
  CU_ASSERT_PTR_NULL (none);
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_VALUE,
                       "February 2026 has 28 days");
  none = tandem_time_parse ("2026-13-01T10:00:00Z", NULL, &error);
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_VALUE,
                       "no month 13");
}

/* Expects @text in @zone (NULL: no zone) to be @utc, given as UTC text. */
static void
assert_time (const char *text, GTimeZone *zone, const char *utc)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) t = tandem_time_parse (text, zone, &error);
  g_autofree char *got = NULL;

  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (t);
  got = g_date_time_format_iso8601 (t);
  if (g_strcmp0 (got, utc) != 0)
    g_printerr ("%s: got %s, expected %s\n", text, got, utc);
  CU_ASSERT_STRING_EQUAL (got, utc);
}

/* 13. Local time: a time without an offset is read in the zone given (the
 * store's), in every form people write, also across the daylight-saving
 * changes; the store keeps its zone for every client. */
static void
test_local_time (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr (GDateTime) none = NULL;
  g_autoptr (GDateTime) parsed = NULL;
  g_autoptr (GTimeZone) zone = NULL;
  g_autoptr (TandemStore) again = NULL;
  g_autoptr (GListModel) list = NULL;
  g_autofree char *name = NULL;
  Fixture          f = { 0 };

  CU_ASSERT_PTR_NOT_NULL_FATAL (berlin); /* tzdata, installed by setup.sh */

  /* an offset means what it says, whatever the zone */
  assert_time ("2026-11-30T23:30:00Z", berlin, "2026-11-30T23:30:00Z");
  assert_time ("2026-11-30T23:30:00+01:00", NULL, "2026-11-30T22:30:00Z");
  /* the end of November in Berlin (UTC+1): 23:30 local is 22:30Z */
  assert_time ("2026-11-30T23:30:00", berlin, "2026-11-30T22:30:00Z");
  assert_time ("2026-11-30 23:30", berlin, "2026-11-30T22:30:00Z");
  assert_time ("30.11.2026 23:30", berlin, "2026-11-30T22:30:00Z");
  assert_time ("30.11.2026 23:30:15", berlin, "2026-11-30T22:30:15Z");
  /* the start of November: 00:30 local is still October in UTC */
  assert_time ("01.11.2026 00:30", berlin, "2026-10-31T23:30:00Z");
  assert_time ("1.11.2026", berlin, "2026-10-31T23:00:00Z");
  assert_time ("2026-11-01", berlin, "2026-10-31T23:00:00Z");
  assert_time ("2026-11-01", utc, "2026-11-01T00:00:00Z");
  /* summer time (UTC+2) and the night the clocks go back: 02:30 comes
   * twice and is read as standard time, the later one */
  assert_time ("2026-07-31 23:30", berlin, "2026-07-31T21:30:00Z");
  assert_time ("2026-10-25 01:30", berlin, "2026-10-24T23:30:00Z");
  assert_time ("2026-10-25 02:30", berlin, "2026-10-25T01:30:00Z");
  assert_time ("2026-10-25 03:30", berlin, "2026-10-25T02:30:00Z");
  /* the night the clocks go forward: 02:30 does not exist */
  assert_time ("2026-03-29 01:59", berlin, "2026-03-29T00:59:00Z");
  assert_time ("2026-03-29 03:00", berlin, "2026-03-29T01:00:00Z");
  none = tandem_time_parse ("2026-03-29 02:30", berlin, &error);
  CU_ASSERT_PTR_NULL (none);
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_VALUE,
                       "“2026-03-29 02:30” does not exist in the time zone Europe/Berlin");
  /* without a zone, a time needs an offset; a bad date is named */
  none = tandem_time_parse ("2026-11-30 23:30", NULL, &error);
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_VALUE,
                       "has no offset");
  none = tandem_time_parse ("31.11.2026", berlin, &error);
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_VALUE,
                       "November 2026 has 30 days");
  none = tandem_time_parse ("30.11.26 23:30", berlin, &error);
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_VALUE,
                       "is not a time such as");

  /* the store's zone: UTC until set, kept in the database */
  fixture_init (&f);
  name = tandem_store_get_time_zone_name (f.store, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_PTR_NULL (name);
  CU_ASSERT_FALSE (tandem_store_set_time_zone (f.store, "Europe/Berlyn", &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_VALUE,
                       "“Europe/Berlyn” is not a time zone");
  CU_ASSERT_FALSE (tandem_store_set_time_zone (f.store, "/etc/localtime", &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_VALUE,
                       "/etc/localtime");
  CU_ASSERT_TRUE (tandem_store_set_time_zone (f.store, "Europe/Berlin", &error));
  TANDEM_ASSERT_NO_ERROR (error);
  again = tandem_test_store_new (f.path, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  g_clear_pointer (&name, g_free);
  name = tandem_store_get_time_zone_name (again, &error);
  CU_ASSERT_STRING_EQUAL (name, "Europe/Berlin");
  zone = tandem_store_get_time_zone (again, &error);
  CU_ASSERT_STRING_EQUAL (g_time_zone_get_identifier (zone), "Europe/Berlin");
  parsed = tandem_time_parse ("30.11.2026 23:30", zone, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (g_date_time_to_unix (parsed), 1796077800); /* 2026-11-30T22:30:00Z */

  /* an import reads local times in the store's zone, at both ends of the
   * month and across the change; the export keeps UTC */
  {
    const char *csv = "ref,at,account,rep,kind,amount\n"
                      "L1,2026-11-01 00:30,1,1,order,100.00 EUR\n"
                      "L2,30.11.2026 23:30,1,1,order,200.00 EUR\n"
                      "L3,2026-10-25T02:30:00,1,1,call,\n"
                      "L4,2026-12-01T00:30:00+01:00,1,1,order,400.00 EUR\n";
    g_autoptr (GInputStream) in = g_memory_input_stream_new_from_data (csv, -1, NULL);
    g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
    g_autofree char *text = NULL;
    guint64          inserted = 0;

    CU_ASSERT_TRUE (tandem_store_import_activities (again, in, TANDEM_DATA_FORMAT_CSV, NULL, NULL,
                                                    &inserted, NULL, NULL, &error));
    TANDEM_ASSERT_NO_ERROR (error);
    CU_ASSERT_EQUAL (inserted, 4);
    CU_ASSERT_TRUE (
        tandem_store_export_activities (again, out, TANDEM_DATA_FORMAT_CSV, NULL, NULL, &error));
    CU_ASSERT_TRUE (g_output_stream_close (out, NULL, NULL));
    text = g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)),
                      g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)));
    CU_ASSERT_PTR_NOT_NULL (strstr (text, "L1,2026-10-31T23:30:00Z,"));
    CU_ASSERT_PTR_NOT_NULL (strstr (text, "L2,2026-11-30T22:30:00Z,"));
    CU_ASSERT_PTR_NOT_NULL (strstr (text, "L3,2026-10-25T01:30:00Z,"));
    CU_ASSERT_PTR_NOT_NULL (strstr (text, "L4,2026-11-30T23:30:00Z,"));
  }
  {
    /* a skipped local time in a file is refused naming line and zone */
    const char *csv = "ref,at,account,rep,kind\nG1,29.03.2026 02:30,1,1,call\n";
    g_autoptr (GInputStream) in = g_memory_input_stream_new_from_data (csv, -1, NULL);

    CU_ASSERT_FALSE (tandem_store_import_activities (again, in, TANDEM_DATA_FORMAT_CSV, NULL, NULL,
                                                     NULL, NULL, NULL, &error));
    TANDEM_ASSERT_ERROR (error, TANDEM_IMPORT_ERROR, TANDEM_IMPORT_ERROR_INVALID_FIELD,
                         "line 2: at: “29.03.2026 02:30” does not exist in the time zone "
                         "Europe/Berlin");
  }
  list = tandem_store_list_activities (again, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL_FATAL (list != NULL, TRUE);
  CU_ASSERT_EQUAL (g_list_model_get_n_items (list), 4);
  fixture_clear (&f);
}

/* 12. Key figures over any period the plan's periods tile. */
static void
test_kpi_tiled_periods (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemMoney) target = tandem_money_new (100000, "EUR");
  g_autoptr (TandemPeriod) quarter = tandem_period_parse ("2026-Q4", NULL);
  g_autoptr (TandemPeriod) year = tandem_period_parse ("2026", NULL);
  g_autoptr (GListModel) q = NULL;
  g_autoptr (GListModel) y = NULL;
  g_autoptr (TandemKpi) kq = NULL;
  g_autoptr (TandemKpi) ky = NULL;
  g_autoptr (TandemMoney) qt = NULL;
  g_autoptr (TandemMoney) yt = NULL;
  g_autoptr (TandemMoney) rev = NULL;
  Fixture f = { 0 };

  fixture_init (&f);
  tandem_team_set_target (f.team, target);
  CU_ASSERT_TRUE (tandem_store_update_team (f.store, f.team, &error));
  g_clear_object (&(TandemActivity *){ log_order (&f, "600.00", "2026-10-05T10:00:00Z", &error) });
  g_clear_object (&(TandemActivity *){ log_order (&f, "900.00", "2026-12-05T10:00:00Z", &error) });
  TANDEM_ASSERT_NO_ERROR (error);

  q = tandem_kpi_compute (f.store, f.plan, quarter, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  kq = g_list_model_get_item (q, 0);
  rev = tandem_kpi_get_revenue (kq);
  qt = tandem_kpi_get_target (kq);
  CU_ASSERT_EQUAL (tandem_money_get_minor_units (rev), 150000);
  CU_ASSERT_EQUAL (tandem_money_get_minor_units (qt), 300000);
  CU_ASSERT_EQUAL (tandem_kpi_get_attainment (kq), 5000);

  y = tandem_kpi_compute (f.store, f.plan, year, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  ky = g_list_model_get_item (y, 0);
  yt = tandem_kpi_get_target (ky);
  CU_ASSERT_EQUAL (tandem_money_get_minor_units (yt), 1200000);

  /* a month under a quarterly plan cannot be summed from quarters */
  {
    g_autoptr (TandemPlan) quarterly = tandem_plan_new_from_data (
        "[Plan]\nName=Q\nCurrency=EUR\nPeriod=quarter\nCommissionRate=5%\n", -1, &error);
    g_autoptr (TandemPeriod) month = tandem_period_parse ("2026-11", NULL);
    g_autoptr (GListModel) none = tandem_kpi_compute (f.store, quarterly, month, &error);

    CU_ASSERT_PTR_NULL (none);
    TANDEM_ASSERT_ERROR (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_INVALID_PERIOD,
                         "shorter than the periods");
  }
  fixture_clear (&f);
}

int
main (void)
{
  static const TandemTestCase cases[] = {
    { "test_reversal_limit", test_reversal_limit },
    { "test_checked_sums", test_checked_sums },
    { "test_display_exponent", test_display_exponent },
    { "test_close_race", test_close_race },
    { "test_closed_period_frozen", test_closed_period_frozen },
    { "test_identity_and_duplicates", test_identity_and_duplicates },
    { "test_input_hygiene", test_input_hygiene },
    { "test_before_tandem_start", test_before_tandem_start },
    { "test_money_errors", test_money_errors },
    { "test_kpi_tiled_periods", test_kpi_tiled_periods },
    { "test_local_time", test_local_time },
  };

  return tandem_test_run ("hostile", cases, G_N_ELEMENTS (cases));
}
