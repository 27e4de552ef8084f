/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test-model.c: reps, tandems, accounts and activities */

#include <string.h>
#include <tandem.h>

#include "tandem-test.h"

static void
count_notify (GObject *object, GParamSpec *pspec, guint *count)
{
  (*count)++;
}

static GDateTime *
at (const char *iso)
{
  return g_date_time_new_from_iso8601 (iso, NULL);
}

static void
test_rep (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemRep) rep = tandem_rep_new ("Anna Schäfer", TANDEM_ROLE_INSIDE);
  g_autoptr (TandemRep) empty = tandem_rep_new ("   ", TANDEM_ROLE_FIELD);
  guint notified = 0;

  CU_ASSERT_EQUAL (tandem_rep_get_id (rep), 0);
  CU_ASSERT_STRING_EQUAL (tandem_rep_get_name (rep), "Anna Schäfer");
  CU_ASSERT_EQUAL (tandem_rep_get_role (rep), TANDEM_ROLE_INSIDE);
  CU_ASSERT_FALSE (tandem_rep_get_archived (rep));
  CU_ASSERT_TRUE (tandem_rep_validate (rep, &error));
  TANDEM_ASSERT_NO_ERROR (error);

  g_signal_connect (rep, "notify", G_CALLBACK (count_notify), &notified);
  tandem_rep_set_name (rep, "Anna Schäfer");
  tandem_rep_set_role (rep, TANDEM_ROLE_INSIDE);
  CU_ASSERT_EQUAL (notified, 0); /* no change, no notification */
  tandem_rep_set_name (rep, "Anna Weber");
  tandem_rep_set_role (rep, TANDEM_ROLE_MANAGER);
  g_object_set (rep, "name", "Anna Weber", NULL);
  CU_ASSERT_EQUAL (notified, 2);

  CU_ASSERT_FALSE (tandem_rep_validate (empty, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_NAME, "rep");
}

static void
test_team (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemRep) inside = tandem_rep_new ("Anna Schäfer", TANDEM_ROLE_INSIDE);
  g_autoptr (TandemRep) field = tandem_rep_new ("Jonas Becker", TANDEM_ROLE_FIELD);
  g_autoptr (TandemRep) manager = tandem_rep_new ("Petra Krüger", TANDEM_ROLE_MANAGER);
  g_autoptr (TandemTeam) team = tandem_team_new (NULL, inside, field, &error);
  g_autoptr (TandemTeam) bad = NULL;
  g_autoptr (TandemMoney) target = tandem_money_parse ("50000.00 EUR", NULL);
  g_autoptr (TandemMoney) negative = tandem_money_parse ("-1.00 EUR", NULL);
  guint notified = 0;

  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_STRING_EQUAL (tandem_team_get_name (team), "Anna Schäfer & Jonas Becker");
  CU_ASSERT_PTR_EQUAL (tandem_team_get_inside_rep (team), inside);
  CU_ASSERT_PTR_EQUAL (tandem_team_get_field_rep (team), field);
  CU_ASSERT_EQUAL (tandem_team_get_inside_share (team), TANDEM_INSIDE_SHARE_UNSET);
  CU_ASSERT_PTR_NULL (tandem_team_get_target (team));

  bad = tandem_team_new ("x", field, inside, &error);
  CU_ASSERT_PTR_NULL (bad);
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_ROLE,
                       "Jonas Becker");
  bad = tandem_team_new ("x", inside, manager, &error);
  CU_ASSERT_PTR_NULL (bad);
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_ROLE,
                       "manager");

  g_signal_connect (team, "notify", G_CALLBACK (count_notify), &notified);
  CU_ASSERT_TRUE (tandem_team_set_inside_share (team, 4000, &error));
  CU_ASSERT_TRUE (tandem_team_set_inside_share (team, 4000, &error));
  CU_ASSERT_EQUAL (notified, 1);
  CU_ASSERT_FALSE (tandem_team_set_inside_share (team, 10001, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_OUT_OF_RANGE,
                       "10001");
  CU_ASSERT_FALSE (tandem_team_set_inside_share (team, -5, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_OUT_OF_RANGE, "-5");
  CU_ASSERT_EQUAL (tandem_team_get_inside_share (team), 4000);

  tandem_team_set_target (team, target);
  CU_ASSERT_EQUAL (notified, 2);
  {
    g_autoptr (TandemMoney) same = tandem_money_parse ("50000.00 EUR", NULL);
    tandem_team_set_target (team, same);
    CU_ASSERT_EQUAL (notified, 2); /* equal value, no notification */
  }
  CU_ASSERT_TRUE (tandem_money_equal (tandem_team_get_target (team), target));

  /* set_members checks roles and changes nothing on error */
  CU_ASSERT_FALSE (tandem_team_set_members (team, manager, field, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_ROLE,
                       "Petra Krüger");
  CU_ASSERT_PTR_EQUAL (tandem_team_get_inside_rep (team), inside);

  /* a property set behind the setters' back is caught by validate */
  g_object_set (team, "field-rep", manager, NULL);
  CU_ASSERT_FALSE (tandem_team_validate (team, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_ROLE,
                       "field");
  CU_ASSERT_TRUE (tandem_team_set_members (team, inside, field, &error));
  tandem_team_set_target (team, negative);
  CU_ASSERT_FALSE (tandem_team_validate (team, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_AMOUNT,
                       "-1.00 EUR");
  tandem_team_set_target (team, NULL);
  CU_ASSERT_TRUE (tandem_team_validate (team, &error));
}

static void
test_account (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemAccount) a = tandem_account_new ("Ölmühle Größe & Söhne", NULL);
  g_autoptr (TandemAccount) b = tandem_account_new ("Brauerei Kessler", NULL);
  guint notified = 0;

  CU_ASSERT_EQUAL (tandem_account_get_category (a), TANDEM_CATEGORY_C);
  CU_ASSERT_EQUAL (tandem_account_get_stage (a), TANDEM_ACCOUNT_STAGE_PROSPECT);
  CU_ASSERT_PTR_NULL (tandem_account_get_team (a));
  CU_ASSERT_TRUE (tandem_account_validate (a, NULL));

  g_signal_connect (a, "notify", G_CALLBACK (count_notify), &notified);
  tandem_account_set_category (a, TANDEM_CATEGORY_A);
  tandem_account_set_category (a, TANDEM_CATEGORY_A);
  tandem_account_set_stage (a, TANDEM_ACCOUNT_STAGE_CUSTOMER);
  CU_ASSERT_EQUAL (notified, 2);

  CU_ASSERT_TRUE (tandem_account_set_referred_by (b, a, &error));
  CU_ASSERT_PTR_EQUAL (tandem_account_get_referred_by (b), a);
  CU_ASSERT_FALSE (tandem_account_set_referred_by (a, b, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_VALUE,
                       "Ölmühle");
  CU_ASSERT_PTR_NULL (tandem_account_get_referred_by (a));

  tandem_account_set_name (b, "");
  CU_ASSERT_FALSE (tandem_account_validate (b, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_NAME,
                       "account");
}

static void
test_activity (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemRep) rep = tandem_rep_new ("Anna Schäfer", TANDEM_ROLE_INSIDE);
  g_autoptr (TandemAccount) acct = tandem_account_new ("ACME GmbH", NULL);
  g_autoptr (TandemAccount) other = tandem_account_new ("Other AG", NULL);
  g_autoptr (GDateTime) t1 = at ("2026-11-03T10:00:00Z");
  g_autoptr (GDateTime) t0 = at ("2026-11-01T10:00:00Z");
  g_autoptr (TandemMoney) amount = tandem_money_parse ("1200.00 EUR", NULL);
  g_autoptr (TandemMoney) part = tandem_money_parse ("200.00 EUR", NULL);
  g_autoptr (TandemMoney) more = tandem_money_parse ("1200.01 EUR", NULL);
  g_autoptr (TandemMoney) negative = tandem_money_parse ("-5.00 EUR", NULL);
  g_autoptr (TandemActivity) order = NULL;
  g_autoptr (TandemActivity) call = NULL;
  g_autoptr (TandemActivity) bad = NULL;
  g_autoptr (TandemActivity) reversal = NULL;
  g_autoptr (TandemActivity) partial = NULL;

  order = tandem_activity_new (acct, rep, TANDEM_ACTIVITY_KIND_ORDER, amount, t1, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (tandem_activity_get_kind (order), TANDEM_ACTIVITY_KIND_ORDER);
  CU_ASSERT_PTR_EQUAL (tandem_activity_get_account (order), acct);
  CU_ASSERT_PTR_EQUAL (tandem_activity_get_rep (order), rep);
  CU_ASSERT_TRUE (tandem_money_equal (tandem_activity_get_amount (order), amount));
  CU_ASSERT_TRUE (g_date_time_equal (tandem_activity_get_occurred_at (order), t1));
  tandem_activity_set_external_ref (order, "ERP-17");
  CU_ASSERT_STRING_EQUAL (tandem_activity_get_external_ref (order), "ERP-17");
  tandem_activity_set_note (order, "Rahmenvertrag");
  CU_ASSERT_STRING_EQUAL (tandem_activity_get_note (order), "Rahmenvertrag");

  call = tandem_activity_new (acct, rep, TANDEM_ACTIVITY_KIND_CALL, NULL, t1, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_PTR_NULL (tandem_activity_get_amount (call));

  for (int kind = TANDEM_ACTIVITY_KIND_ORDER; kind <= TANDEM_ACTIVITY_KIND_UP_SELL; kind++)
    {
      bad = tandem_activity_new (acct, rep, kind, NULL, t1, &error);
      CU_ASSERT_PTR_NULL (bad);
      TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_MISSING_VALUE,
                           tandem_activity_kind_to_nick (kind));
      bad = tandem_activity_new (acct, rep, kind, negative, t1, &error);
      CU_ASSERT_PTR_NULL (bad);
      TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_AMOUNT,
                           "-5.00 EUR");
    }

  bad = tandem_activity_new (acct, rep, TANDEM_ACTIVITY_KIND_REVERSAL, amount, t1, &error);
  CU_ASSERT_PTR_NULL (bad);
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_REVERSAL,
                       "reversal");

  reversal = tandem_activity_new_reversal (order, rep, NULL, t1, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (tandem_activity_get_kind (reversal), TANDEM_ACTIVITY_KIND_REVERSAL);
  CU_ASSERT_PTR_EQUAL (tandem_activity_get_reverses (reversal), order);
  CU_ASSERT_PTR_EQUAL (tandem_activity_get_account (reversal), acct);
  CU_ASSERT_TRUE (tandem_money_equal (tandem_activity_get_amount (reversal), amount));

  partial = tandem_activity_new_reversal (order, rep, part, t1, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  bad = tandem_activity_new_reversal (order, rep, more, t1, &error);
  CU_ASSERT_PTR_NULL (bad);
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_AMOUNT,
                       "1200.01 EUR");
  bad = tandem_activity_new_reversal (order, rep, NULL, t0, &error);
  CU_ASSERT_PTR_NULL (bad);
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_REVERSAL,
                       "before");
  bad = tandem_activity_new_reversal (call, rep, amount, t1, &error);
  CU_ASSERT_PTR_NULL (bad);
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_REVERSAL,
                       "call");
  bad = tandem_activity_new_reversal (reversal, rep, NULL, t1, &error);
  CU_ASSERT_PTR_NULL (bad);
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_REVERSAL,
                       "reversal");

  /* only a reversal may name an activity to reverse */
  bad = g_object_new (TANDEM_TYPE_ACTIVITY, "account", acct, "rep", rep, "kind",
                      TANDEM_ACTIVITY_KIND_CALL, "occurred-at", t1, "reverses", order, NULL);
  CU_ASSERT_FALSE (tandem_activity_validate (bad, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_REVERSAL,
                       "call");
  g_clear_object (&bad);
  bad = g_object_new (TANDEM_TYPE_ACTIVITY, "account", other, "rep", rep, "kind",
                      TANDEM_ACTIVITY_KIND_REVERSAL, "occurred-at", t1, "reverses", order, "amount",
                      amount, NULL);
  CU_ASSERT_FALSE (tandem_activity_validate (bad, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_REVERSAL,
                       "account");
  g_clear_object (&bad);
  bad = g_object_new (TANDEM_TYPE_ACTIVITY, "rep", rep, "kind", TANDEM_ACTIVITY_KIND_CALL,
                      "occurred-at", t1, NULL);
  CU_ASSERT_FALSE (tandem_activity_validate (bad, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_MISSING_VALUE,
                       "account");
}

static void
test_enum_nicks (void)
{
  g_autoptr (GError) error = NULL;
  TandemActivityKind kind;
  TandemRole         role;
  TandemCategory     category;
  TandemAccountStage stage;

  CU_ASSERT_STRING_EQUAL (tandem_activity_kind_to_nick (TANDEM_ACTIVITY_KIND_CROSS_SELL),
                          "cross-sell");
  CU_ASSERT_TRUE (tandem_activity_kind_from_nick ("cross-sell", &kind, NULL));
  CU_ASSERT_EQUAL (kind, TANDEM_ACTIVITY_KIND_CROSS_SELL);
  CU_ASSERT_TRUE (tandem_activity_kind_from_nick ("UP_SELL", &kind, NULL));
  CU_ASSERT_EQUAL (kind, TANDEM_ACTIVITY_KIND_UP_SELL);
  CU_ASSERT_FALSE (tandem_activity_kind_from_nick ("sale", &kind, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_VALUE,
                       "sale");
  CU_ASSERT_TRUE (tandem_activity_kind_is_commissionable (TANDEM_ACTIVITY_KIND_UP_SELL));
  CU_ASSERT_FALSE (tandem_activity_kind_is_commissionable (TANDEM_ACTIVITY_KIND_REFERRAL));

  CU_ASSERT_TRUE (tandem_role_from_nick ("field", &role, NULL));
  CU_ASSERT_EQUAL (role, TANDEM_ROLE_FIELD);
  CU_ASSERT_STRING_EQUAL (tandem_role_to_nick (TANDEM_ROLE_MANAGER), "manager");
  CU_ASSERT_FALSE (tandem_role_from_nick ("boss", &role, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_VALUE,
                       "inside, field, manager");

  CU_ASSERT_TRUE (tandem_category_from_nick ("A", &category, NULL));
  CU_ASSERT_EQUAL (category, TANDEM_CATEGORY_A);
  CU_ASSERT_STRING_EQUAL (tandem_category_to_nick (TANDEM_CATEGORY_D), "d");
  CU_ASSERT_FALSE (tandem_category_from_nick ("E", &category, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_VALUE, "E");

  CU_ASSERT_TRUE (tandem_account_stage_from_nick ("regular", &stage, NULL));
  CU_ASSERT_EQUAL (stage, TANDEM_ACCOUNT_STAGE_REGULAR);
  CU_ASSERT_STRING_EQUAL (tandem_account_stage_to_nick (TANDEM_ACCOUNT_STAGE_LOST), "lost");
  CU_ASSERT_FALSE (tandem_account_stage_from_nick (NULL, &stage, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_MISSING_VALUE,
                       "stage");
}

/* The record types' properties come from one field table each
 * (libtandem/tandem-record.c): every property reads back what its getter
 * says, a computed one included; a plain field set through g_object_set()
 * is stored and notified once; a field with a setter goes through it. */
static void
test_record_fields (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemRep) rep = tandem_rep_new ("Anna Schäfer", TANDEM_ROLE_INSIDE);
  g_autoptr (TandemAccount) acct = tandem_account_new ("ACME GmbH", NULL);
  g_autoptr (TandemAccount) referrer = tandem_account_new ("Brauerei Kessler", NULL);
  g_autoptr (TandemPlan) plan
      = tandem_plan_new_from_data ("[Plan]\nName=Standard\nCurrency=CHF\n"
                                   "Period=quarter\nTimeZone=Europe/Berlin\n"
                                   "CommissionRate=5%\nInsideShare=40%\n",
                                   -1, &error);
  g_autoptr (TandemActivityFilter) filter = tandem_activity_filter_new ();
  g_autofree char *name = NULL;
  g_autofree char *currency = NULL;
  g_autoptr (TandemAccount) got_referrer = NULL;
  g_autoptr (TandemRep) got_rep = NULL;
  TandemRole              role = TANDEM_ROLE_MANAGER;
  TandemPeriodKind        kind = TANDEM_PERIOD_KIND_MONTH;
  gboolean                archived = TRUE;
  gint64                  id = -1;
  guint                   notified = 0;
  guint                   n_props = 0;
  g_autofree GParamSpec **props = NULL;

  TANDEM_ASSERT_NO_ERROR (error);
  g_object_get (rep, "name", &name, "role", &role, "archived", &archived, "id", &id, NULL);
  CU_ASSERT_STRING_EQUAL (name, "Anna Schäfer");
  CU_ASSERT_EQUAL (role, TANDEM_ROLE_INSIDE);
  CU_ASSERT_FALSE (archived);
  CU_ASSERT_EQUAL (id, 0);

  /* the table's order is the property ids' order */
  props = g_object_class_list_properties (G_OBJECT_GET_CLASS (rep), &n_props);
  CU_ASSERT_EQUAL (n_props, 5);
  CU_ASSERT_STRING_EQUAL (g_param_spec_get_name (props[0]), "id");
  CU_ASSERT_TRUE ((props[0]->flags & G_PARAM_CONSTRUCT_ONLY) != 0);
  CU_ASSERT_TRUE ((props[1]->flags & G_PARAM_EXPLICIT_NOTIFY) != 0);

  /* computed: the plan's currency lives in a char[4], read via its getter */
  g_object_get (plan, "currency", &currency, "period-kind", &kind, NULL);
  CU_ASSERT_STRING_EQUAL (currency, "CHF");
  CU_ASSERT_EQUAL (kind, TANDEM_PERIOD_KIND_QUARTER);

  /* a setter in the table: referred-by refuses a circle and keeps the old value */
  g_signal_connect (acct, "notify", G_CALLBACK (count_notify), &notified);
  g_object_set (acct, "referred-by", referrer, NULL);
  CU_ASSERT_EQUAL (notified, 1);
  g_object_get (acct, "referred-by", &got_referrer, NULL);
  CU_ASSERT_PTR_EQUAL (got_referrer, referrer);
  g_object_set (acct, "number", "K-1", "number", "K-1", NULL);
  CU_ASSERT_EQUAL (notified, 2);
  CU_ASSERT_STRING_EQUAL (tandem_account_get_number (acct), "K-1");
  tandem_account_set_number (acct, NULL);
  CU_ASSERT_PTR_NULL (tandem_account_get_number (acct));
  CU_ASSERT_EQUAL (notified, 3);

  /* plain stored fields: an object and a boolean, notified only on change */
  notified = 0;
  g_signal_connect (filter, "notify", G_CALLBACK (count_notify), &notified);
  g_object_set (filter, "rep", rep, "match-kind", TRUE, NULL);
  g_object_set (filter, "rep", rep, "match-kind", TRUE, NULL);
  CU_ASSERT_EQUAL (notified, 2);
  g_object_get (filter, "rep", &got_rep, NULL);
  CU_ASSERT_PTR_EQUAL (got_rep, rep);
  tandem_activity_filter_set_rep (filter, NULL);
  CU_ASSERT_PTR_NULL (tandem_activity_filter_get_rep (filter));
  CU_ASSERT_EQUAL (notified, 3);
}

static void
test_version (void)
{
  CU_ASSERT_TRUE (TANDEM_CHECK_VERSION (1, 0, 0));
  CU_ASSERT_FALSE (TANDEM_CHECK_VERSION (TANDEM_MAJOR_VERSION + 1, 0, 0));
  CU_ASSERT_STRING_EQUAL (TANDEM_VERSION_S, "1.0.0");
}

int
main (void)
{
  const TandemTestCase cases[] = {
    TANDEM_TEST (test_rep),           TANDEM_TEST (test_team),       TANDEM_TEST (test_account),
    TANDEM_TEST (test_activity),      TANDEM_TEST (test_enum_nicks), TANDEM_TEST (test_version),
    TANDEM_TEST (test_record_fields),
  };

  return tandem_test_run ("model", cases, G_N_ELEMENTS (cases));
}
