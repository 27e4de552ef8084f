/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test-lifecycle.c: the account lifecycle as orders arrive, conversion
 * rates, and the KPIs per tandem and period */

#include <gio/gio.h>
#include <string.h>
#include <tandem.h>

#include "tandem-test.h"

typedef struct
{
  TandemStore *store;
  TandemRep   *anna;  /* inside */
  TandemRep   *jonas; /* field */
  TandemTeam  *nord;
} Fixture;

/* A tandem whose members start on 1 January 2025. */
static TandemTeam *
add_team (TandemStore *store, TandemRep *inside, TandemRep *field)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemTeam) draft = tandem_team_new (NULL, inside, field, &error);
  g_autoptr (GDateTime) since = g_date_time_new_utc (2025, 1, 1, 0, 0, 0);
  TandemTeam *team = tandem_store_save_team (store, draft, since, &error);

  TANDEM_ASSERT_NO_ERROR (error);
  return team;
}

static void
fixture_init (Fixture *f)
{
  g_autoptr (GError) error = NULL;

  f->store = tandem_test_store_new (NULL, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  f->anna = tandem_store_add_rep (f->store, "Anna Schäfer", TANDEM_ROLE_INSIDE, &error);
  f->jonas = tandem_store_add_rep (f->store, "Jonas Becker", TANDEM_ROLE_FIELD, &error);
  f->nord = add_team (f->store, f->anna, f->jonas);
  TANDEM_ASSERT_NO_ERROR (error);
}

static void
fixture_clear (Fixture *f)
{
  g_clear_object (&f->nord);
  g_clear_object (&f->anna);
  g_clear_object (&f->jonas);
  g_clear_object (&f->store);
}

/* An account created, as a prospect unless told, on 1 December 2025. */
static TandemAccount *
add_account (Fixture *f, const char *name, TandemTeam *team, TandemAccountStage stage)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemAccount) draft = tandem_account_new (name, team);
  g_autoptr (GDateTime) since = g_date_time_new_utc (2025, 12, 1, 0, 0, 0);
  TandemAccount *account;

  tandem_account_set_stage (draft, stage);
  account = tandem_store_save_account (f->store, draft, since, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  return account;
}

static TandemActivity *
log_at (Fixture           *f,
        TandemAccount     *account,
        TandemRep         *rep,
        TandemActivityKind kind,
        const char        *amount,
        int                year,
        int                month,
        int                day)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) at = g_date_time_new_utc (year, month, day, 10, 0, 0);
  g_autoptr (TandemMoney) money = amount ? tandem_money_parse (amount, &error) : NULL;
  TandemActivity *activity
      = tandem_store_log_activity (f->store, account, rep, kind, money, at, &error);

  TANDEM_ASSERT_NO_ERROR (error);
  return activity;
}

static void
order_at (Fixture *f, TandemAccount *account, int year, int month, int day)
{
  g_object_unref (
      log_at (f, account, f->jonas, TANDEM_ACTIVITY_KIND_ORDER, "100.00 EUR", year, month, day));
}

static TandemStageChange *
change_at (GListModel *changes, guint i)
{
  return g_list_model_get_item (changes, i);
}

/* Checks change @i: stage, cause and date (day precision). */
static void
assert_change (GListModel        *changes,
               guint              i,
               TandemAccountStage stage,
               TandemStageCause   cause,
               int                year,
               int                month,
               int                day)
{
  g_autoptr (TandemStageChange) c = NULL;
  GDateTime *at;

  CU_ASSERT_FATAL (i < g_list_model_get_n_items (changes));
  c = change_at (changes, i);
  at = tandem_stage_change_get_changed_at (c);
  CU_ASSERT_EQUAL (tandem_stage_change_get_stage (c), stage);
  CU_ASSERT_EQUAL (tandem_stage_change_get_cause (c), cause);
  CU_ASSERT_EQUAL (g_date_time_get_year (at), year);
  CU_ASSERT_EQUAL (g_date_time_get_month (at), month);
  CU_ASSERT_EQUAL (g_date_time_get_day_of_month (at), day);
}

/* The default rules: first order → customer; the third order within 12
 * months → regular; 365 days without an order → lost, at the moment the
 * time ran out; the next order wins it back. */
static void
test_lifecycle_defaults (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemAccount) acme = NULL;
  g_autoptr (TandemActivity) first = NULL;
  g_autoptr (GListModel) history = NULL;
  g_autoptr (GListModel) made = NULL;
  g_autoptr (GListModel) again = NULL;
  g_autoptr (GDateTime) judge = g_date_time_new_utc (2027, 7, 1, 0, 0, 0);
  Fixture f;

  fixture_init (&f);
  acme = add_account (&f, "ACME GmbH", f.nord, TANDEM_ACCOUNT_STAGE_PROSPECT);

  /* calls and offers change nothing */
  g_object_unref (log_at (&f, acme, f.anna, TANDEM_ACTIVITY_KIND_CALL, NULL, 2026, 1, 5));
  CU_ASSERT_EQUAL (tandem_account_get_stage (acme), TANDEM_ACCOUNT_STAGE_PROSPECT);

  first = log_at (&f, acme, f.anna, TANDEM_ACTIVITY_KIND_ORDER, "1200.00 EUR", 2026, 1, 10);
  CU_ASSERT_EQUAL (tandem_account_get_stage (acme), TANDEM_ACCOUNT_STAGE_CUSTOMER);
  order_at (&f, acme, 2026, 3, 1);
  CU_ASSERT_EQUAL (tandem_account_get_stage (acme), TANDEM_ACCOUNT_STAGE_CUSTOMER);
  /* a cross-sell is a purchase too: the third within 12 months */
  g_object_unref (
      log_at (&f, acme, f.anna, TANDEM_ACTIVITY_KIND_CROSS_SELL, "300.00 EUR", 2026, 6, 1));
  CU_ASSERT_EQUAL (tandem_account_get_stage (acme), TANDEM_ACCOUNT_STAGE_REGULAR);

  history = tandem_stage_change_list (f.store, acme, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL_FATAL (g_list_model_get_n_items (history), 3);
  assert_change (history, 0, TANDEM_ACCOUNT_STAGE_PROSPECT, TANDEM_STAGE_CAUSE_CREATED, 2025, 12,
                 1);
  assert_change (history, 1, TANDEM_ACCOUNT_STAGE_CUSTOMER, TANDEM_STAGE_CAUSE_FIRST_ORDER, 2026, 1,
                 10);
  assert_change (history, 2, TANDEM_ACCOUNT_STAGE_REGULAR, TANDEM_STAGE_CAUSE_REPEAT_ORDERS, 2026,
                 6, 1);
  {
    g_autoptr (TandemStageChange) c = change_at (history, 1);
    CU_ASSERT_EQUAL (tandem_stage_change_get_activity_id (c), tandem_activity_get_id (first));
    CU_ASSERT_EQUAL (tandem_stage_change_get_account_id (c), tandem_account_get_id (acme));
  }

  /* judged on 1 July 2027: the last order was 1 June 2026, so the account
   * was lost on 1 June 2027 (365 days later); a second run adds nothing */
  made = tandem_lifecycle_rules_apply (f.store, judge, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL_FATAL (g_list_model_get_n_items (made), 1);
  assert_change (made, 0, TANDEM_ACCOUNT_STAGE_LOST, TANDEM_STAGE_CAUSE_NO_ORDERS, 2027, 6, 1);
  {
    g_autoptr (TandemStageChange) c = change_at (made, 0);
    CU_ASSERT_EQUAL (tandem_stage_change_get_activity_id (c), 0);
  }
  CU_ASSERT_EQUAL (tandem_account_get_stage (acme), TANDEM_ACCOUNT_STAGE_LOST);
  again = tandem_lifecycle_rules_apply (f.store, judge, &error);
  CU_ASSERT_EQUAL (g_list_model_get_n_items (again), 0);

  /* an order wins it back */
  order_at (&f, acme, 2027, 8, 15);
  CU_ASSERT_EQUAL (tandem_account_get_stage (acme), TANDEM_ACCOUNT_STAGE_CUSTOMER);
  g_clear_object (&history);
  history = tandem_stage_change_list (f.store, acme, &error);
  CU_ASSERT_EQUAL_FATAL (g_list_model_get_n_items (history), 5);
  assert_change (history, 4, TANDEM_ACCOUNT_STAGE_CUSTOMER, TANDEM_STAGE_CAUSE_WON_BACK, 2027, 8,
                 15);

  fixture_clear (&f);
}

/* An order after a long gap records the loss first, then the win-back;
 * an order dated before the latest change rewrites nothing. */
static void
test_lifecycle_gap_and_backdated (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemAccount) beta = NULL;
  g_autoptr (GListModel) history = NULL;
  Fixture f;

  fixture_init (&f);
  beta = add_account (&f, "Beta KG", f.nord, TANDEM_ACCOUNT_STAGE_PROSPECT);
  order_at (&f, beta, 2026, 1, 10);
  order_at (&f, beta, 2027, 3, 1); /* 415 days later */
  history = tandem_stage_change_list (f.store, beta, &error);
  CU_ASSERT_EQUAL_FATAL (g_list_model_get_n_items (history), 4);
  assert_change (history, 1, TANDEM_ACCOUNT_STAGE_CUSTOMER, TANDEM_STAGE_CAUSE_FIRST_ORDER, 2026, 1,
                 10);
  assert_change (history, 2, TANDEM_ACCOUNT_STAGE_LOST, TANDEM_STAGE_CAUSE_NO_ORDERS, 2027, 1, 10);
  assert_change (history, 3, TANDEM_ACCOUNT_STAGE_CUSTOMER, TANDEM_STAGE_CAUSE_WON_BACK, 2027, 3,
                 1);

  /* backdated into the past: counted, but history stays in order */
  order_at (&f, beta, 2026, 6, 1);
  g_clear_object (&history);
  history = tandem_stage_change_list (f.store, beta, &error);
  CU_ASSERT_EQUAL (g_list_model_get_n_items (history), 4);
  CU_ASSERT_EQUAL (tandem_account_get_stage (beta), TANDEM_ACCOUNT_STAGE_CUSTOMER);

  fixture_clear (&f);
}

/* Rules are configurable, stored, validated, and can switch a rule off. */
static void
test_lifecycle_rules (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemLifecycleRules) rules = NULL;
  g_autoptr (TandemLifecycleRules) read = NULL;
  g_autoptr (TandemLifecycleRules) parsed = NULL;
  g_autoptr (TandemAccount) gamma = NULL;
  g_autoptr (TandemAccount) delta = NULL;
  g_autoptr (GListModel) made = NULL;
  g_autoptr (GDateTime) judge = g_date_time_new_utc (2026, 12, 31, 0, 0, 0);
  Fixture f;

  fixture_init (&f);
  rules = tandem_lifecycle_rules_load (f.store, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (tandem_lifecycle_rules_get_regular_orders (rules), 3);
  CU_ASSERT_EQUAL (tandem_lifecycle_rules_get_regular_months (rules), 12);
  CU_ASSERT_EQUAL (tandem_lifecycle_rules_get_lost_after_days (rules), 365);

  /* two orders within one month make a regular; 30 days without, lost */
  tandem_lifecycle_rules_set_regular_orders (rules, 2);
  tandem_lifecycle_rules_set_regular_months (rules, 1);
  tandem_lifecycle_rules_set_lost_after_days (rules, 30);
  CU_ASSERT_TRUE (tandem_lifecycle_rules_save (f.store, rules, &error));
  read = tandem_lifecycle_rules_load (f.store, &error);
  CU_ASSERT_EQUAL (tandem_lifecycle_rules_get_regular_orders (read), 2);
  CU_ASSERT_EQUAL (tandem_lifecycle_rules_get_regular_months (read), 1);
  CU_ASSERT_EQUAL (tandem_lifecycle_rules_get_lost_after_days (read), 30);

  gamma = add_account (&f, "Gamma AG", f.nord, TANDEM_ACCOUNT_STAGE_PROSPECT);
  order_at (&f, gamma, 2026, 3, 1);
  order_at (&f, gamma, 2026, 4, 2); /* 32 days: lost on 31 March, won back */
  CU_ASSERT_EQUAL (tandem_account_get_stage (gamma), TANDEM_ACCOUNT_STAGE_CUSTOMER);
  order_at (&f, gamma, 2026, 4, 20); /* 2 within a month */
  CU_ASSERT_EQUAL (tandem_account_get_stage (gamma), TANDEM_ACCOUNT_STAGE_REGULAR);

  /* 0 switches a rule off: never regular, never lost */
  tandem_lifecycle_rules_set_regular_orders (rules, 0);
  tandem_lifecycle_rules_set_lost_after_days (rules, 0);
  CU_ASSERT_TRUE (tandem_lifecycle_rules_save (f.store, rules, &error));
  delta = add_account (&f, "Delta SE", f.nord, TANDEM_ACCOUNT_STAGE_PROSPECT);
  for (int d = 1; d <= 5; d++)
    order_at (&f, delta, 2026, 2, d);
  made = tandem_lifecycle_rules_apply (f.store, judge, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (g_list_model_get_n_items (made), 0);
  CU_ASSERT_EQUAL (tandem_account_get_stage (delta), TANDEM_ACCOUNT_STAGE_CUSTOMER);

  /* out of range: a GError naming the property; nothing stored */
  tandem_lifecycle_rules_set_regular_months (rules, 0);
  CU_ASSERT_FALSE (tandem_lifecycle_rules_save (f.store, rules, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_OUT_OF_RANGE,
                       "regular-months 0");
  tandem_lifecycle_rules_set_regular_months (rules, 12);
  tandem_lifecycle_rules_set_lost_after_days (rules, 40000);
  CU_ASSERT_FALSE (tandem_lifecycle_rules_validate (rules, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_OUT_OF_RANGE,
                       "lost-after-days 40000");
  g_clear_object (&read);
  read = tandem_lifecycle_rules_load (f.store, &error);
  CU_ASSERT_EQUAL (tandem_lifecycle_rules_get_regular_months (read), 1);

  /* the key-file form */
  parsed = tandem_lifecycle_rules_new_from_data (
      "[Lifecycle]\nRegularOrders=4\nLostAfterDays=180\n", -1, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (tandem_lifecycle_rules_get_regular_orders (parsed), 4);
  CU_ASSERT_EQUAL (tandem_lifecycle_rules_get_regular_months (parsed), 12);
  CU_ASSERT_EQUAL (tandem_lifecycle_rules_get_lost_after_days (parsed), 180);
  CU_ASSERT_PTR_NULL (
      tandem_lifecycle_rules_new_from_data ("[Lifecycle]\nRegularOrders=drei\n", -1, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_INVALID_VALUE,
                       "RegularOrders=drei");
  CU_ASSERT_PTR_NULL (
      tandem_lifecycle_rules_new_from_data ("[Lifecycle]\nLostAfter=3\n", -1, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_UNKNOWN_KEY, "LostAfter");
  CU_ASSERT_PTR_NULL (tandem_lifecycle_rules_new_from_data ("[Plan]\nName=x\n", -1, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_UNKNOWN_GROUP, "[Plan]");
  CU_ASSERT_PTR_NULL (
      tandem_lifecycle_rules_new_from_data ("[Lifecycle]\nRegularMonths=0\n", -1, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_OUT_OF_RANGE,
                       "regular-months 0");
  CU_ASSERT_PTR_NULL (tandem_lifecycle_rules_new_from_data ("no group", -1, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_PARSE, NULL);

  fixture_clear (&f);
}

/* Import applies the rules in its transaction; a bad row rolls the stage
 * changes back with everything else. */
static void
test_lifecycle_import (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemAccount) acme = NULL;
  g_autoptr (GListModel) history = NULL;
  g_autofree char *good = NULL;
  g_autofree char *bad = NULL;
  Fixture          f;

  fixture_init (&f);
  acme = add_account (&f, "ACME GmbH", f.nord, TANDEM_ACCOUNT_STAGE_PROSPECT);
  bad = g_strdup_printf (
      "ref,at,account,rep,kind,amount\n"
      "X1,2026-02-01T10:00:00Z,%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",order,100.00 EUR\n"
      "X2,2026-02-02T10:00:00Z,%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",order,zehn\n",
      tandem_account_get_id (acme), tandem_rep_get_id (f.anna), tandem_account_get_id (acme),
      tandem_rep_get_id (f.anna));
  {
    g_autoptr (GInputStream) in = g_memory_input_stream_new_from_data (bad, -1, NULL);
    CU_ASSERT_FALSE (tandem_store_import_activities (f.store, in, TANDEM_DATA_FORMAT_CSV, NULL,
                                                     NULL, NULL, NULL, NULL, &error));
    TANDEM_ASSERT_ERROR (error, TANDEM_IMPORT_ERROR, TANDEM_IMPORT_ERROR_INVALID_FIELD, "line 3");
  }
  history = tandem_stage_change_list (f.store, acme, &error);
  CU_ASSERT_EQUAL (g_list_model_get_n_items (history), 1);
  CU_ASSERT_EQUAL (tandem_account_get_stage (acme), TANDEM_ACCOUNT_STAGE_PROSPECT);

  good = g_strdup_printf (
      "ref,at,account,rep,kind,amount\n"
      "Y1,2026-02-01T10:00:00Z,%1$" G_GINT64_FORMAT ",%2$" G_GINT64_FORMAT ",order,100.00 EUR\n"
      "Y2,2026-03-01T10:00:00Z,%1$" G_GINT64_FORMAT ",%2$" G_GINT64_FORMAT ",up-sell,50.00 EUR\n"
      "Y3,2026-04-01T10:00:00Z,%1$" G_GINT64_FORMAT ",%2$" G_GINT64_FORMAT ",order,70.00 EUR\n",
      tandem_account_get_id (acme), tandem_rep_get_id (f.anna));
  {
    g_autoptr (GInputStream) in = g_memory_input_stream_new_from_data (good, -1, NULL);
    CU_ASSERT_TRUE (tandem_store_import_activities (f.store, in, TANDEM_DATA_FORMAT_CSV, NULL, NULL,
                                                    NULL, NULL, NULL, &error));
    TANDEM_ASSERT_NO_ERROR (error);
  }
  /* the loaded object follows the store */
  CU_ASSERT_EQUAL (tandem_account_get_stage (acme), TANDEM_ACCOUNT_STAGE_REGULAR);
  g_clear_object (&history);
  history = tandem_stage_change_list (f.store, acme, &error);
  CU_ASSERT_EQUAL_FATAL (g_list_model_get_n_items (history), 3);
  assert_change (history, 1, TANDEM_ACCOUNT_STAGE_CUSTOMER, TANDEM_STAGE_CAUSE_FIRST_ORDER, 2026, 2,
                 1);
  assert_change (history, 2, TANDEM_ACCOUNT_STAGE_REGULAR, TANDEM_STAGE_CAUSE_REPEAT_ORDERS, 2026,
                 4, 1);

  fixture_clear (&f);
}

/* An import that touches more accounts than the lifecycle reads at once
 * (1,024 per read): every account gets the same changes as one imported
 * alone would, whichever read it fell into. Account i gets i % 4 orders
 * (three make a regular customer); every fifth is archived, and archived
 * accounts are left alone. */
static void
test_lifecycle_import_many (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) csv = g_string_new ("ref,at,account,rep,kind,amount\n");
  g_autoptr (GPtrArray) accounts = g_ptr_array_new_with_free_func (g_object_unref);
  const guint n = 2100;
  Fixture     f;

  fixture_init (&f);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("Kunde %u", i);
      TandemAccount   *a = add_account (&f, name, f.nord, TANDEM_ACCOUNT_STAGE_PROSPECT);

      g_ptr_array_add (accounts, a);
      if (i % 5 == 4)
        CU_ASSERT_TRUE (tandem_store_archive_account (f.store, a, NULL));
      for (guint k = 0; k < i % 4 && i % 5 != 4; k++)
        g_string_append_printf (csv,
                                "M%u-%u,2026-0%u-10T10:00:00Z,%" G_GINT64_FORMAT
                                ",%" G_GINT64_FORMAT ",order,10.00 EUR\n",
                                i, k, 2 + k, tandem_account_get_id (a), tandem_rep_get_id (f.anna));
    }
  {
    g_autoptr (GInputStream) in = g_memory_input_stream_new_from_data (csv->str, csv->len, NULL);

    CU_ASSERT_TRUE (tandem_store_import_activities (f.store, in, TANDEM_DATA_FORMAT_CSV, NULL, NULL,
                                                    NULL, NULL, NULL, &error));
    TANDEM_ASSERT_NO_ERROR (error);
  }
  for (guint i = 0; i < n; i++)
    {
      TandemAccount *a = accounts->pdata[i];
      g_autoptr (GListModel) history = tandem_stage_change_list (f.store, a, &error);
      TandemAccountStage expected = i % 5 == 4   ? TANDEM_ACCOUNT_STAGE_PROSPECT
                                    : i % 4 == 3 ? TANDEM_ACCOUNT_STAGE_REGULAR
                                    : i % 4 >= 1 ? TANDEM_ACCOUNT_STAGE_CUSTOMER
                                                 : TANDEM_ACCOUNT_STAGE_PROSPECT;
      guint              changes = 1
                      + (expected == TANDEM_ACCOUNT_STAGE_REGULAR    ? 2
                         : expected == TANDEM_ACCOUNT_STAGE_CUSTOMER ? 1
                                                                     : 0);

      TANDEM_ASSERT_NO_ERROR (error);
      CU_ASSERT_EQUAL (tandem_account_get_stage (a), expected);
      CU_ASSERT_EQUAL (g_list_model_get_n_items (history), changes);
      if (tandem_account_get_stage (a) != expected || g_list_model_get_n_items (history) != changes)
        {
          g_printerr ("account %u: stage %d (expected %d), %u changes (expected %u)\n", i,
                      tandem_account_get_stage (a), expected, g_list_model_get_n_items (history),
                      changes);
          break;
        }
    }
  fixture_clear (&f);
}

/* Archived accounts are left alone; judged now (no time given), an
 * account whose last order is years old is lost; a read-only store
 * refuses to record anything. */
static void
test_lifecycle_archived_and_read_only (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemAccount) old = NULL;
  g_autoptr (TandemAccount) archived = NULL;
  g_autoptr (GListModel) made = NULL;
  g_autoptr (TandemStore) reader = NULL;
  g_autofree char *dir = g_dir_make_tmp ("tandem-lifecycle-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "ro.db", NULL);
  Fixture          f;

  fixture_init (&f);
  {
    g_autoptr (GDateTime) since = g_date_time_new_utc (2019, 1, 1, 0, 0, 0);
    g_autoptr (TandemAccount) d1 = tandem_account_new ("Alt GmbH", f.nord);
    g_autoptr (TandemAccount) d2 = tandem_account_new ("Archiv KG", f.nord);

    old = tandem_store_save_account (f.store, d1, since, &error);
    archived = tandem_store_save_account (f.store, d2, since, &error);
    TANDEM_ASSERT_NO_ERROR (error);
  }
  order_at (&f, old, 2020, 1, 10);
  order_at (&f, archived, 2020, 1, 10);
  CU_ASSERT_TRUE (tandem_store_archive_account (f.store, archived, &error));
  made = tandem_lifecycle_rules_apply (f.store, NULL, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL_FATAL (g_list_model_get_n_items (made), 1);
  assert_change (made, 0, TANDEM_ACCOUNT_STAGE_LOST, TANDEM_STAGE_CAUSE_NO_ORDERS, 2021, 1, 9);
  CU_ASSERT_EQUAL (tandem_account_get_stage (old), TANDEM_ACCOUNT_STAGE_LOST);
  CU_ASSERT_EQUAL (tandem_account_get_stage (archived), TANDEM_ACCOUNT_STAGE_CUSTOMER);
  fixture_clear (&f);

  /* a file store opened read-only */
  {
    g_autoptr (TandemStore) writer = tandem_store_new_for_path (path, &error);
    TANDEM_ASSERT_NO_ERROR (error);
    CU_ASSERT_EQUAL (tandem_store_get_schema_version (writer), 19);
  }
  reader = tandem_store_new_for_path_full (path, TANDEM_STORE_FLAGS_READ_ONLY, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  g_clear_object (&made);
  made = tandem_lifecycle_rules_apply (reader, NULL, &error);
  CU_ASSERT_PTR_NULL (made);
  TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_READ_ONLY, NULL);
  {
    g_autoptr (TandemLifecycleRules) rules = tandem_lifecycle_rules_load (reader, &error);
    TANDEM_ASSERT_NO_ERROR (error);
    CU_ASSERT_FALSE (tandem_lifecycle_rules_save (reader, rules, &error));
    TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_READ_ONLY, NULL);
  }
  g_clear_object (&reader);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_unlink (wal);
    g_unlink (shm);
  }
  g_unlink (path);
  g_rmdir (dir);
}

/* Random order streams under random rules; every recorded change is
 * checked against the orders themselves, not against the engine:
 * - changes are in time order, each from the stage the one before left;
 * - FIRST_ORDER / WON_BACK / REPEAT_ORDERS name an order at that time,
 *   and REPEAT_ORDERS has enough orders in the window;
 * - NO_ORDERS lies exactly lost-after-days after the last order (or the
 *   stage's start) and no order falls between;
 * - no customer stays active through a gap longer than lost-after-days. */
static void
test_lifecycle_property (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (20261125);
  guint checked = 0;

  for (guint iter = 0; iter < 60; iter++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (TandemLifecycleRules) rules = tandem_lifecycle_rules_new ();
      g_autoptr (TandemAccount) account = NULL;
      g_autoptr (GListModel) history = NULL;
      g_autoptr (GArray) orders = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr (GPtrArray) keep = g_ptr_array_new_with_free_func (g_object_unref);
      guint   regular = g_rand_int_range (rand, 0, 5);
      guint   months = g_rand_int_range (rand, 1, 13);
      guint   lost_days = g_rand_int_range (rand, 0, 4) * 60;
      gint64  lost = (gint64)lost_days * 86400 * G_USEC_PER_SEC;
      gint64  day = 0;
      int     stage = TANDEM_ACCOUNT_STAGE_PROSPECT;
      gint64  since = 0;
      guint   n;
      Fixture f;

      fixture_init (&f);
      tandem_lifecycle_rules_set_regular_orders (rules, regular);
      tandem_lifecycle_rules_set_regular_months (rules, months);
      tandem_lifecycle_rules_set_lost_after_days (rules, lost_days);
      CU_ASSERT_TRUE (tandem_lifecycle_rules_save (f.store, rules, &error));
      account = add_account (&f, "Zufall GmbH", f.nord, TANDEM_ACCOUNT_STAGE_PROSPECT);

      n = g_rand_int_range (rand, 1, 25);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr (GDateTime) base = g_date_time_new_utc (2026, 1, 1, 10, 0, 0);
          g_autoptr (GDateTime) at = NULL;
          g_autoptr (TandemMoney) amount = tandem_money_new (1000, "EUR");
          TandemActivity *a;
          gint64          usec;

          day += g_rand_int_range (rand, 0, 3) == 0 ? g_rand_int_range (rand, 100, 400)
                                                    : g_rand_int_range (rand, 0, 60);
          at = g_date_time_add_days (base, (int)day);
          a = tandem_store_log_activity (f.store, account, f.anna, TANDEM_ACTIVITY_KIND_ORDER,
                                         amount, at, &error);
          TANDEM_ASSERT_NO_ERROR (error);
          usec = g_date_time_to_unix (at) * G_USEC_PER_SEC;
          g_array_append_val (orders, usec);
          g_ptr_array_add (keep, a);
        }

      history = tandem_stage_change_list (f.store, account, &error);
      TANDEM_ASSERT_NO_ERROR (error);
      for (guint i = 1; i < g_list_model_get_n_items (history); i++)
        {
          g_autoptr (TandemStageChange) c = change_at (history, i);
          gint64 t = g_date_time_to_unix (tandem_stage_change_get_changed_at (c)) * G_USEC_PER_SEC;
          int    to = tandem_stage_change_get_stage (c);
          TandemStageCause cause = tandem_stage_change_get_cause (c);
          gint64           last_order = G_MININT64;
          guint            in_window = 0;
          gboolean         order_there = FALSE;

          CU_ASSERT (t >= since);
          for (guint k = 0; k < orders->len; k++)
            {
              gint64 o = g_array_index (orders, gint64, k);

              if (o == t)
                order_there = TRUE;
              if (o < t)
                last_order = o;
            }
          switch (cause)
            {
            case TANDEM_STAGE_CAUSE_FIRST_ORDER:
              CU_ASSERT (stage == TANDEM_ACCOUNT_STAGE_PROSPECT
                         && to == TANDEM_ACCOUNT_STAGE_CUSTOMER && order_there);
              break;
            case TANDEM_STAGE_CAUSE_WON_BACK:
              CU_ASSERT (stage == TANDEM_ACCOUNT_STAGE_LOST && to == TANDEM_ACCOUNT_STAGE_CUSTOMER
                         && order_there);
              break;
            case TANDEM_STAGE_CAUSE_REPEAT_ORDERS:
              {
                g_autoptr (GDateTime) now = g_date_time_new_from_unix_utc (t / G_USEC_PER_SEC);
                g_autoptr (GDateTime) opens = g_date_time_add_months (now, -(int)months);
                gint64 from = g_date_time_to_unix (opens) * G_USEC_PER_SEC;

                for (guint k = 0; k < orders->len; k++)
                  if (g_array_index (orders, gint64, k) > from
                      && g_array_index (orders, gint64, k) <= t)
                    in_window++;
                CU_ASSERT (stage == TANDEM_ACCOUNT_STAGE_CUSTOMER
                           && to == TANDEM_ACCOUNT_STAGE_REGULAR && order_there);
                CU_ASSERT (regular > 0 && in_window >= regular);
              }
              break;
            case TANDEM_STAGE_CAUSE_NO_ORDERS:
              CU_ASSERT (lost > 0 && to == TANDEM_ACCOUNT_STAGE_LOST);
              CU_ASSERT (stage == TANDEM_ACCOUNT_STAGE_CUSTOMER
                         || stage == TANDEM_ACCOUNT_STAGE_REGULAR);
              CU_ASSERT_EQUAL (t, MAX (last_order, since) + lost);
              break;
            case TANDEM_STAGE_CAUSE_MANUAL:
            case TANDEM_STAGE_CAUSE_CREATED:
            default:
              CU_FAIL ("unexpected cause");
            }
          stage = to;
          since = t;
          checked++;
        }
      CU_ASSERT_EQUAL ((int)tandem_account_get_stage (account), stage);

      /* no gap longer than lost-after-days while active, after the last
       * change: judged at the last order, nothing should be overdue */
      if (lost > 0
          && (stage == TANDEM_ACCOUNT_STAGE_CUSTOMER || stage == TANDEM_ACCOUNT_STAGE_REGULAR))
        for (guint k = 1; k < orders->len; k++)
          {
            gint64 a = g_array_index (orders, gint64, k - 1), b = g_array_index (orders, gint64, k);
            if (a >= since)
              CU_ASSERT (b - MAX (a, since) <= lost);
          }
      fixture_clear (&f);
    }
  CU_ASSERT (checked > 100);
}

/* Two tandems over November 2026; counts by hand. */
static void
test_conversions (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemRep) ben = NULL;
  g_autoptr (TandemRep) clara = NULL;
  g_autoptr (TandemTeam) sued = NULL;
  g_autoptr (TandemAccount) p1 = NULL, p2 = NULL, p3 = NULL, c1 = NULL, c2 = NULL, s1 = NULL;
  g_autoptr (GListModel) conversions = NULL;
  g_autoptr (GDateTime) since = g_date_time_new_utc (2026, 11, 1, 0, 0, 0);
  g_autoptr (GDateTime) until = g_date_time_new_utc (2026, 12, 1, 0, 0, 0);
  g_autoptr (GDateTime) lost_at = g_date_time_new_utc (2026, 11, 20, 0, 0, 0);
  Fixture f;

  fixture_init (&f);
  ben = tandem_store_add_rep (f.store, "Ben Wolf", TANDEM_ROLE_INSIDE, &error);
  clara = tandem_store_add_rep (f.store, "Clara Vogel", TANDEM_ROLE_FIELD, &error);
  sued = add_team (f.store, ben, clara);
  TANDEM_ASSERT_NO_ERROR (error);

  /* Nord: three prospects, two win in November (one of them before) */
  p1 = add_account (&f, "P1", f.nord, TANDEM_ACCOUNT_STAGE_PROSPECT);
  p2 = add_account (&f, "P2", f.nord, TANDEM_ACCOUNT_STAGE_PROSPECT);
  p3 = add_account (&f, "P3", f.nord, TANDEM_ACCOUNT_STAGE_PROSPECT);
  order_at (&f, p1, 2026, 11, 3);
  order_at (&f, p2, 2026, 11, 28);
  order_at (&f, p3, 2026, 10, 1); /* a customer before November */
  /* Nord: a customer becomes regular in November, another is lost */
  c1 = add_account (&f, "C1", f.nord, TANDEM_ACCOUNT_STAGE_PROSPECT);
  order_at (&f, c1, 2026, 9, 1);
  order_at (&f, c1, 2026, 10, 1);
  order_at (&f, c1, 2026, 11, 10);
  c2 = add_account (&f, "C2", f.nord, TANDEM_ACCOUNT_STAGE_CUSTOMER);
  CU_ASSERT_TRUE (
      tandem_store_set_account_stage (f.store, c2, TANDEM_ACCOUNT_STAGE_LOST, lost_at, &error));
  /* Süd: one prospect, no win */
  s1 = add_account (&f, "S1", sued, TANDEM_ACCOUNT_STAGE_PROSPECT);

  conversions = tandem_conversion_compute (f.store, since, until, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL_FATAL (g_list_model_get_n_items (conversions), 2);
  {
    g_autoptr (TandemConversion) nord = g_list_model_get_item (conversions, 0);
    g_autoptr (TandemConversion) s = g_list_model_get_item (conversions, 1);

    CU_ASSERT_PTR_EQUAL (tandem_conversion_get_team (nord), f.nord);
    /* prospects in November: P1, P2 (P3 and C1 were customers already) */
    CU_ASSERT_EQUAL (tandem_conversion_get_prospects (nord), 2);
    CU_ASSERT_EQUAL (tandem_conversion_get_won (nord), 2);
    CU_ASSERT_EQUAL (tandem_conversion_get_win_rate (nord), 10000);
    /* customers in November: P1, P2 (entered), P3, C1, C2 → 5; C1 promoted */
    CU_ASSERT_EQUAL (tandem_conversion_get_customers (nord), 5);
    CU_ASSERT_EQUAL (tandem_conversion_get_promoted (nord), 1);
    CU_ASSERT_EQUAL (tandem_conversion_get_promotion_rate (nord), 2000);
    CU_ASSERT_EQUAL (tandem_conversion_get_active (nord), 5);
    CU_ASSERT_EQUAL (tandem_conversion_get_lost (nord), 1);
    CU_ASSERT_EQUAL (tandem_conversion_get_loss_rate (nord), 2000);
    CU_ASSERT_EQUAL (tandem_conversion_get_won_back (nord), 0);

    CU_ASSERT_EQUAL (tandem_conversion_get_prospects (s), 1);
    CU_ASSERT_EQUAL (tandem_conversion_get_won (s), 0);
    CU_ASSERT_EQUAL (tandem_conversion_get_win_rate (s), 0);
    CU_ASSERT_EQUAL (tandem_conversion_get_customers (s), 0);
    CU_ASSERT_EQUAL (tandem_conversion_get_promotion_rate (s), -1);
  }

  g_clear_object (&conversions);
  conversions = tandem_conversion_compute (f.store, until, since, &error);
  CU_ASSERT_PTR_NULL (conversions);
  TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID, "empty");

  fixture_clear (&f);
}

static const char kpi_plan[] = "[Plan]\n"
                               "Name=Standard\n"
                               "Currency=EUR\n"
                               "Period=month\n"
                               "CommissionRate=5%\n"
                               "InsideShare=40%\n"
                               "[Referral]\n"
                               "Amount=50.00 EUR\n";

/* November 2026 of tandem Nord, by hand:
 *   orders:   ACME 1000.00 (Jonas, field), NEU 400.00 (Anna, inside; NEU's
 *             first order: a new customer, referred by ACME)
 *   cross:    ACME 300.00 (Anna)   up-sell: ACME 200.00 (Jonas)
 *   reversal: 100.00 of the ACME order (Jonas's)
 *   revenue   = 1000 + 400 + 300 + 200 − 100       = 1800.00
 *   cross/up  = 300 + 200                          =  500.00 → 2777 bp
 *   inside    = 400 + 300                          =  700.00 → 3888 bp
 *   target 2000.00 → attainment 9000 bp
 *   calls 2, referral 1 (collected), converted 1 (NEU's first order)
 * An October order is outside the period. */
static void
test_kpis (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemPlan) plan = tandem_plan_new_from_data (kpi_plan, -1, &error);
  g_autoptr (TandemPeriod) november = tandem_period_parse ("2026-11", &error);
  g_autoptr (TandemMoney) target = tandem_money_parse ("2000.00 EUR", &error);
  g_autoptr (TandemAccount) acme = NULL;
  g_autoptr (TandemAccount) neu = NULL;
  g_autoptr (TandemAccount) draft = NULL;
  g_autoptr (TandemActivity) order = NULL;
  g_autoptr (TandemActivity) reversal = NULL;
  g_autoptr (TandemActivity) saved = NULL;
  g_autoptr (TandemMoney) part = tandem_money_parse ("100.00 EUR", &error);
  g_autoptr (GDateTime) rev_at = g_date_time_new_utc (2026, 11, 25, 9, 0, 0);
  g_autoptr (GDateTime) created = g_date_time_new_utc (2026, 10, 1, 0, 0, 0);
  g_autoptr (GListModel) kpis = NULL;
  g_autoptr (TandemSettlement) settlement = NULL;
  Fixture f;

  fixture_init (&f);
  TANDEM_ASSERT_NO_ERROR (error);
  tandem_team_set_target (f.nord, target);
  CU_ASSERT_TRUE (tandem_store_update_team (f.store, f.nord, &error));
  acme = add_account (&f, "ACME GmbH", f.nord, TANDEM_ACCOUNT_STAGE_CUSTOMER);
  draft = tandem_account_new ("Neukunde OHG", f.nord);
  CU_ASSERT_TRUE (tandem_account_set_referred_by (draft, acme, &error));
  neu = tandem_store_save_account (f.store, draft, created, &error);
  TANDEM_ASSERT_NO_ERROR (error);

  g_object_unref (
      log_at (&f, acme, f.jonas, TANDEM_ACTIVITY_KIND_ORDER, "999.00 EUR", 2026, 10, 20));
  order = log_at (&f, acme, f.jonas, TANDEM_ACTIVITY_KIND_ORDER, "1000.00 EUR", 2026, 11, 2);
  g_object_unref (log_at (&f, neu, f.anna, TANDEM_ACTIVITY_KIND_ORDER, "400.00 EUR", 2026, 11, 5));
  g_object_unref (
      log_at (&f, acme, f.anna, TANDEM_ACTIVITY_KIND_CROSS_SELL, "300.00 EUR", 2026, 11, 6));
  g_object_unref (
      log_at (&f, acme, f.jonas, TANDEM_ACTIVITY_KIND_UP_SELL, "200.00 EUR", 2026, 11, 7));
  g_object_unref (log_at (&f, acme, f.anna, TANDEM_ACTIVITY_KIND_CALL, NULL, 2026, 11, 8));
  g_object_unref (log_at (&f, acme, f.jonas, TANDEM_ACTIVITY_KIND_CALL, NULL, 2026, 11, 9));
  g_object_unref (log_at (&f, acme, f.anna, TANDEM_ACTIVITY_KIND_REFERRAL, NULL, 2026, 11, 1));
  reversal = tandem_activity_new_reversal (order, f.anna, part, rev_at, &error);
  saved = tandem_store_save_activity (f.store, reversal, NULL, &error);
  TANDEM_ASSERT_NO_ERROR (error);

  kpis = tandem_kpi_compute (f.store, plan, november, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL_FATAL (g_list_model_get_n_items (kpis), 1);
  {
    g_autoptr (TandemKpi) k = g_list_model_get_item (kpis, 0);
    g_autoptr (TandemMoney) revenue = tandem_kpi_get_revenue (k);
    g_autoptr (TandemMoney) cross_up = tandem_kpi_get_cross_up_revenue (k);
    g_autoptr (TandemMoney) inside = tandem_kpi_get_inside_revenue (k);
    g_autoptr (TandemMoney) t = tandem_kpi_get_target (k);

    CU_ASSERT_PTR_EQUAL (tandem_kpi_get_team (k), f.nord);
    CU_ASSERT_EQUAL (tandem_money_get_minor_units (revenue), 180000);
    CU_ASSERT_EQUAL (tandem_money_get_minor_units (t), 200000);
    CU_ASSERT_EQUAL (tandem_kpi_get_attainment (k), 9000);
    CU_ASSERT_EQUAL (tandem_money_get_minor_units (cross_up), 50000);
    CU_ASSERT_EQUAL (tandem_kpi_get_cross_up_share (k), 2777);
    CU_ASSERT_EQUAL (tandem_money_get_minor_units (inside), 70000);
    CU_ASSERT_EQUAL (tandem_kpi_get_inside_share (k), 3888);
    CU_ASSERT_EQUAL (tandem_kpi_get_new_customers (k), 1);
    CU_ASSERT_EQUAL (tandem_kpi_get_referrals_collected (k), 1);
    CU_ASSERT_EQUAL (tandem_kpi_get_referrals_converted (k), 1);
    CU_ASSERT_EQUAL (tandem_kpi_get_activity_count (k, TANDEM_ACTIVITY_KIND_ORDER), 2);
    CU_ASSERT_EQUAL (tandem_kpi_get_activity_count (k, TANDEM_ACTIVITY_KIND_CALL), 2);
    CU_ASSERT_EQUAL (tandem_kpi_get_activity_count (k, TANDEM_ACTIVITY_KIND_REVERSAL), 1);
    CU_ASSERT_EQUAL (tandem_kpi_get_activity_count (k, TANDEM_ACTIVITY_KIND_VISIT), 0);
    CU_ASSERT_EQUAL (tandem_conversion_get_won (tandem_kpi_get_conversion (k)), 1);

    /* the same revenue and attainment as the settlement's */
    settlement = tandem_settlement_new (f.store, plan, november, &error);
    TANDEM_ASSERT_NO_ERROR (error);
    {
      g_autoptr (GListModel) results = tandem_settlement_get_team_results (settlement);
      g_autoptr (TandemTeamResult) r = g_list_model_get_item (results, 0);
      CU_ASSERT_TRUE (tandem_money_equal (tandem_team_result_get_revenue (r), revenue));
      CU_ASSERT_EQUAL (tandem_team_result_get_attainment (r), tandem_kpi_get_attainment (k));
    }
  }

  /* a USD order without a USD→EUR rate: refused as the settlement refuses
   * it, naming the pair */
  {
    g_autoptr (GListModel) none = NULL;

    g_object_unref (
        log_at (&f, acme, f.jonas, TANDEM_ACTIVITY_KIND_ORDER, "10.00 USD", 2026, 11, 12));
    none = tandem_kpi_compute (f.store, plan, november, &error);

    CU_ASSERT_PTR_NULL (none);
    TANDEM_ASSERT_ERROR (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_NO_RATE, "no rate USD→EUR");
  }

  fixture_clear (&f);
}

/* Random months of activity: per tandem, the KPI revenue and attainment
 * equal the settlement's, the shares stay within their revenue, and the
 * counts add up to the activities logged. */
static void
test_kpis_match_settlement (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);
  static const TandemActivityKind kinds[]
      = { TANDEM_ACTIVITY_KIND_CALL,    TANDEM_ACTIVITY_KIND_VISIT,
          TANDEM_ACTIVITY_KIND_ORDER,   TANDEM_ACTIVITY_KIND_CROSS_SELL,
          TANDEM_ACTIVITY_KIND_UP_SELL, TANDEM_ACTIVITY_KIND_REFERRAL };

  for (guint iter = 0; iter < 20; iter++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (TandemPlan) plan = tandem_plan_new_from_data (kpi_plan, -1, &error);
      g_autoptr (TandemPeriod) november = tandem_period_parse ("2026-11", &error);
      g_autoptr (GPtrArray) teams = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr (GPtrArray) accounts = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr (GPtrArray) orders = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr (GListModel) kpis = NULL;
      g_autoptr (TandemSettlement) settlement = NULL;
      g_autoptr (GListModel) results = NULL;
      guint   logged = 0, counted = 0;
      Fixture f;

      fixture_init (&f);
      g_ptr_array_add (teams, g_object_ref (f.nord));
      for (guint t = 1; t < 3; t++)
        {
          g_autoptr (TandemRep) in
              = tandem_store_add_rep (f.store, "Innen", TANDEM_ROLE_INSIDE, &error);
          g_autoptr (TandemRep) out
              = tandem_store_add_rep (f.store, "Außen", TANDEM_ROLE_FIELD, &error);
          g_ptr_array_add (teams, add_team (f.store, in, out));
        }
      /* the settlement's rates and period targets: CHF at 0.95, from
       * November 15th at 0.9731; Nord's November target set, the second
       * tandem's ramped over the quarter, the third on its standing one */
      {
        g_autoptr (GDateTime) oct = g_date_time_new_utc (2026, 10, 1, 0, 0, 0);
        g_autoptr (GDateTime) mid = g_date_time_new_utc (2026, 11, 15, 0, 0, 0);

        CU_ASSERT_TRUE (tandem_plan_add (f.store, plan, &error));
        CU_ASSERT_TRUE (tandem_exchange_rate_set (f.store, "CHF", "EUR", "0.95", oct, &error));
        CU_ASSERT_TRUE (tandem_exchange_rate_set (f.store, "CHF", "EUR", "0.9731", mid, &error));
      }
      for (guint t = 0; t < teams->len; t++)
        {
          g_autoptr (TandemMoney) target
              = tandem_money_new (g_rand_int_range (rand, 1, 5000000), "EUR");
          tandem_team_set_target (teams->pdata[t], target);
          CU_ASSERT_TRUE (tandem_store_update_team (f.store, teams->pdata[t], &error));
          if (t == 0)
            {
              g_autoptr (TandemMoney) own
                  = tandem_money_new (g_rand_int_range (rand, 1, 5000000), "EUR");

              CU_ASSERT_TRUE (tandem_target_set (f.store, teams->pdata[t], november, own, &error));
            }
          else if (t == 1)
            {
              static const guint steps[] = { 5000, 7500, 10000 };
              g_autoptr (TandemPeriod) october = tandem_period_parse ("2026-10", &error);

              CU_ASSERT_TRUE (tandem_target_ramp (f.store, teams->pdata[t], october, steps,
                                                  G_N_ELEMENTS (steps), &error));
            }
          for (guint a = 0; a < 4; a++)
            g_ptr_array_add (accounts, add_account (&f, "Konto", teams->pdata[t],
                                                    TANDEM_ACCOUNT_STAGE_PROSPECT));
        }
      TANDEM_ASSERT_NO_ERROR (error);

      for (guint i = 0; i < 80; i++)
        {
          TandemAccount     *account = accounts->pdata[g_rand_int_range (rand, 0, accounts->len)];
          TandemTeam        *team = tandem_account_get_team (account);
          TandemActivityKind kind = kinds[g_rand_int_range (rand, 0, G_N_ELEMENTS (kinds))];
          TandemRep         *rep = g_rand_boolean (rand) ? tandem_team_get_inside_rep (team)
                                                         : tandem_team_get_field_rep (team);
          g_autoptr (GDateTime) at = g_date_time_new_utc (2026, g_rand_int_range (rand, 10, 13),
                                                          g_rand_int_range (rand, 1, 29), 12, 0, 0);
          g_autoptr (TandemMoney) amount
              = tandem_activity_kind_is_commissionable (kind)
                    ? tandem_money_new (g_rand_int_range (rand, 1, 1000000),
                                        g_rand_int_range (rand, 0, 3) == 0 ? "CHF" : "EUR")
                    : NULL;
          TandemActivity *a
              = tandem_store_log_activity (f.store, account, rep, kind, amount, at, &error);

          TANDEM_ASSERT_NO_ERROR (error);
          if (g_date_time_get_month (at) == 11)
            logged++;
          if (tandem_activity_kind_is_commissionable (kind))
            g_ptr_array_add (orders, a);
          else
            g_object_unref (a);
        }
      /* a few reversals in November */
      for (guint i = 0; i < orders->len && i < 5; i++)
        {
          TandemActivity *o = orders->pdata[i];
          g_autoptr (GDateTime) at = g_date_time_new_utc (2026, 12, 31, 0, 0, 0);
          g_autoptr (GDateTime) rev = NULL;
          g_autoptr (TandemActivity) draft = NULL;
          g_autoptr (TandemActivity) stored = NULL;

          if (g_date_time_compare (tandem_activity_get_occurred_at (o), at) >= 0
              || g_date_time_get_month (tandem_activity_get_occurred_at (o)) != 11)
            continue;
          rev = g_date_time_add_hours (tandem_activity_get_occurred_at (o), 1);
          draft = tandem_activity_new_reversal (o, tandem_activity_get_rep (o), NULL, rev, &error);
          stored = tandem_store_save_activity (f.store, draft, NULL, &error);
          TANDEM_ASSERT_NO_ERROR (error);
          logged++;
        }

      kpis = tandem_kpi_compute (f.store, plan, november, &error);
      settlement = tandem_settlement_new (f.store, plan, november, &error);
      TANDEM_ASSERT_NO_ERROR (error);
      results = tandem_settlement_get_team_results (settlement);
      CU_ASSERT_EQUAL_FATAL (g_list_model_get_n_items (kpis), 3);
      for (guint t = 0; t < 3; t++)
        {
          g_autoptr (TandemKpi) k = g_list_model_get_item (kpis, t);
          g_autoptr (TandemMoney) revenue = tandem_kpi_get_revenue (k);
          g_autoptr (TandemMoney) inside = tandem_kpi_get_inside_revenue (k);
          g_autoptr (TandemMoney) cross_up = tandem_kpi_get_cross_up_revenue (k);
          gboolean found = FALSE;

          for (guint r = 0; r < g_list_model_get_n_items (results); r++)
            {
              g_autoptr (TandemTeamResult) res = g_list_model_get_item (results, r);

              if (tandem_team_result_get_team (res) != tandem_kpi_get_team (k))
                continue;
              found = TRUE;
              CU_ASSERT_TRUE (tandem_money_equal (tandem_team_result_get_revenue (res), revenue));
              CU_ASSERT_EQUAL (tandem_team_result_get_attainment (res),
                               tandem_kpi_get_attainment (k));
            }
          if (!found)
            CU_ASSERT_TRUE (tandem_money_is_zero (revenue));
          if (tandem_money_get_minor_units (revenue) > 0)
            {
              CU_ASSERT (tandem_kpi_get_inside_share (k) >= 0
                         && tandem_kpi_get_inside_share (k) <= 10000);
              CU_ASSERT (tandem_kpi_get_cross_up_share (k) >= 0
                         && tandem_kpi_get_cross_up_share (k) <= 10000);
              CU_ASSERT (tandem_money_get_minor_units (inside)
                         <= tandem_money_get_minor_units (revenue));
              CU_ASSERT (tandem_money_get_minor_units (cross_up)
                         <= tandem_money_get_minor_units (revenue));
            }
          for (TandemActivityKind kind = TANDEM_ACTIVITY_KIND_CALL;
               kind <= TANDEM_ACTIVITY_KIND_REVERSAL; kind++)
            counted += tandem_kpi_get_activity_count (k, kind);
        }
      CU_ASSERT_EQUAL (counted, logged);

      /* the quarter: revenue and target are the months' settlements' sums */
      {
        g_autoptr (TandemPeriod) q4 = tandem_period_parse ("2026-Q4", &error);
        g_autoptr (GListModel) quarter = tandem_kpi_compute (f.store, plan, q4, &error);
        gint64 revenue[3] = { 0 }, target[3] = { 0 };

        TANDEM_ASSERT_NO_ERROR (error);
        for (guint m = 10; m <= 12; m++)
          {
            g_autofree char *label = g_strdup_printf ("2026-%02u", m);
            g_autoptr (TandemPeriod) month = tandem_period_parse (label, &error);
            g_autoptr (TandemSettlement) s = tandem_settlement_new (f.store, plan, month, &error);
            g_autoptr (GListModel) res = NULL;

            TANDEM_ASSERT_NO_ERROR (error);
            res = tandem_settlement_get_team_results (s);
            for (guint r = 0; r < g_list_model_get_n_items (res); r++)
              {
                g_autoptr (TandemTeamResult) tr = g_list_model_get_item (res, r);
                TandemMoney *tt = tandem_team_result_get_target (tr);

                for (guint t = 0; t < 3; t++)
                  if (tandem_team_result_get_team (tr) == teams->pdata[t])
                    {
                      revenue[t]
                          += tandem_money_get_minor_units (tandem_team_result_get_revenue (tr));
                      target[t] += tt != NULL ? tandem_money_get_minor_units (tt) : 0;
                    }
              }
          }
        CU_ASSERT_EQUAL_FATAL (g_list_model_get_n_items (quarter), 3);
        for (guint t = 0; t < 3; t++)
          {
            g_autoptr (TandemKpi) k = g_list_model_get_item (quarter, t);
            g_autoptr (TandemMoney) kr = tandem_kpi_get_revenue (k);
            g_autoptr (TandemMoney) kt = tandem_kpi_get_target (k);

            CU_ASSERT_PTR_EQUAL (tandem_kpi_get_team (k), teams->pdata[t]);
            CU_ASSERT_EQUAL (tandem_money_get_minor_units (kr), revenue[t]);
            CU_ASSERT_EQUAL (kt != NULL ? tandem_money_get_minor_units (kt) : 0, target[t]);
            CU_ASSERT_EQUAL (tandem_kpi_get_attainment (k),
                             revenue[t] <= 0 ? 0 : (int)(revenue[t] * 10000 / target[t]));
          }
      }
      fixture_clear (&f);
    }
}

int
main (int argc, char *argv[])
{
  static const TandemTestCase tests[] = {
    TANDEM_TEST (test_lifecycle_defaults),
    TANDEM_TEST (test_lifecycle_gap_and_backdated),
    TANDEM_TEST (test_lifecycle_rules),
    TANDEM_TEST (test_lifecycle_import),
    TANDEM_TEST (test_lifecycle_import_many),
    TANDEM_TEST (test_lifecycle_archived_and_read_only),
    TANDEM_TEST (test_lifecycle_property),
    TANDEM_TEST (test_conversions),
    TANDEM_TEST (test_kpis),
    TANDEM_TEST (test_kpis_match_settlement),
  };

  return tandem_test_run ("lifecycle", tests, G_N_ELEMENTS (tests));
}
