/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test-method.c: composing tandems: the optimal assignment and the matcher */

#include <string.h>
#include <tandem.h>

#include "tandem-test.h"
#include "tandem-hungarian-private.h"

/* Best total over every injective assignment of the smaller side, by
 * brute force (n ≤ 8). */
static gint64
brute_force (const gint64 *w, guint rows, guint cols, guint row, guint64 used_cols)
{
  gint64 best;

  if (row == rows)
    return 0;

  best = G_MININT64;
  if (rows > cols)
    {
      /* more rows than columns: a row may stay unmatched, as long as
       * enough rows remain to use every column */
      gint64 skip = brute_force (w, rows, cols, row + 1, used_cols);
      guint  n_used = (guint)__builtin_popcountll (used_cols);

      if (rows - row - 1 >= cols - n_used)
        best = skip;
    }
  for (guint c = 0; c < cols; c++)
    if (!(used_cols & (G_GUINT64_CONSTANT (1) << c)))
      {
        gint64 rest
            = brute_force (w, rows, cols, row + 1, used_cols | (G_GUINT64_CONSTANT (1) << c));

        if (rest != G_MININT64 && w[row * cols + c] + rest > best)
          best = w[row * cols + c] + rest;
      }
  return best;
}

static void
test_hungarian_against_brute_force (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (1955);
  guint cases = 0;

  for (guint iter = 0; iter < 600; iter++)
    {
      guint              rows = g_rand_int_range (rand, 1, 9);
      guint              cols = g_rand_int_range (rand, 1, 9);
      g_autofree gint64 *w = g_new (gint64, rows * cols);
      g_autofree int    *assignment = g_new (int, rows);
      gint64             total, check = 0, expected;
      guint              matched = 0;
      guint64            seen = 0;

      for (guint k = 0; k < rows * cols; k++)
        w[k] = g_rand_int_range (rand, 0, iter % 3 == 0 ? 5 : 1000);

      total = _tandem_hungarian_max (w, rows, cols, assignment);
      expected = brute_force (w, rows, cols, 0, 0);
      CU_ASSERT_EQUAL (total, expected);

      /* the assignment is a matching of the smaller side with that total */
      for (guint r = 0; r < rows; r++)
        if (assignment[r] >= 0)
          {
            CU_ASSERT_FALSE (seen & (G_GUINT64_CONSTANT (1) << assignment[r]));
            seen |= G_GUINT64_CONSTANT (1) << assignment[r];
            check += w[r * cols + (guint)assignment[r]];
            matched++;
          }
      CU_ASSERT_EQUAL (matched, MIN (rows, cols));
      CU_ASSERT_EQUAL (check, total);
      cases++;
    }
  CU_ASSERT_EQUAL (cases, 600);
}

typedef struct
{
  TandemMatcher *matcher;
  GPtrArray     *inside;
  GPtrArray     *field;
} Team;

static void
team_init (Team *t, GRand *rand, guint n_inside, guint n_field)
{
  static const char *strengths[]
      = { "negotiation", "phone", "technical", "cross-selling", "closing" };
  static const char *preferences[]
      = { "region-nord", "region-süd", "industry-food", "industry-metal" };

  t->matcher = tandem_matcher_new ();
  t->inside = g_ptr_array_new_with_free_func (g_object_unref);
  t->field = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n_inside + n_field; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s %u", i < n_inside ? "Innen" : "Außen", i);
      TandemRep *rep = tandem_rep_new (name, i < n_inside ? TANDEM_ROLE_INSIDE : TANDEM_ROLE_FIELD);

      g_assert_true (tandem_matcher_add_rep (t->matcher, rep, NULL));
      for (guint s = 0; s < G_N_ELEMENTS (strengths); s++)
        if (g_rand_boolean (rand))
          tandem_matcher_set_tag (t->matcher, rep, TANDEM_TAG_KIND_STRENGTH, strengths[s],
                                  g_rand_int_range (rand, 1, 6), NULL);
      for (guint p = 0; p < G_N_ELEMENTS (preferences); p++)
        if (g_rand_int_range (rand, 0, 3) == 0)
          tandem_matcher_set_tag (t->matcher, rep, TANDEM_TAG_KIND_PREFERENCE, preferences[p],
                                  g_rand_int_range (rand, 1, 6), NULL);
      g_ptr_array_add (i < n_inside ? t->inside : t->field, rep);
    }
}

static void
team_clear (Team *t)
{
  g_clear_object (&t->matcher);
  g_clear_pointer (&t->inside, g_ptr_array_unref);
  g_clear_pointer (&t->field, g_ptr_array_unref);
}

/* The matcher's proposals are optimal: their total equals the brute-force
 * best over the same scores, for random teams of up to 8 on each side. */
static void
test_matcher_optimal (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (2026);

  for (guint iter = 0; iter < 200; iter++)
    {
      Team               t = { 0 };
      guint              ni = g_rand_int_range (rand, 1, 9), nf = g_rand_int_range (rand, 1, 9);
      g_autofree gint64 *w = NULL;
      g_autoptr (GListModel) proposals = NULL;
      g_autoptr (GListModel) unmatched = NULL;
      gint64 total = 0;

      team_init (&t, rand, ni, nf);
      w = g_new (gint64, ni * nf);
      for (guint i = 0; i < ni; i++)
        for (guint j = 0; j < nf; j++)
          w[i * nf + j]
              = tandem_matcher_score (t.matcher, t.inside->pdata[i], t.field->pdata[j], NULL);

      proposals = tandem_matcher_solve (t.matcher, NULL);
      for (guint k = 0; k < g_list_model_get_n_items (proposals); k++)
        {
          g_autoptr (TandemMatchProposal) p = g_list_model_get_item (proposals, k);
          total += tandem_match_proposal_get_score (p);
          CU_ASSERT_EQUAL (tandem_rep_get_role (tandem_match_proposal_get_inside_rep (p)),
                           TANDEM_ROLE_INSIDE);
          CU_ASSERT_EQUAL (tandem_rep_get_role (tandem_match_proposal_get_field_rep (p)),
                           TANDEM_ROLE_FIELD);
        }
      CU_ASSERT_EQUAL (g_list_model_get_n_items (proposals), MIN (ni, nf));
      CU_ASSERT_EQUAL (total, brute_force (w, ni, nf, 0, 0));
      unmatched = tandem_matcher_get_unmatched (t.matcher);
      CU_ASSERT_EQUAL (g_list_model_get_n_items (unmatched), MAX (ni, nf) - MIN (ni, nf));
      team_clear (&t);
    }
}

/* Score: coverage = Σ max over strengths, fit = Σ min over shared
 * preferences. Anna: phone 4, negotiation 1, region-nord 3, food 2.
 * Jonas: negotiation 5, technical 2, region-nord 2, metal 4.
 * coverage = negotiation 5 + phone 4 + technical 2 = 11; fit =
 * region-nord min(3, 2) = 2; score 13. */
static void
test_score_and_explanation (void)
{
  g_autoptr (TandemMatcher) m = tandem_matcher_new ();
  g_autoptr (TandemRep) anna = tandem_rep_new ("Anna Schäfer", TANDEM_ROLE_INSIDE);
  g_autoptr (TandemRep) jonas = tandem_rep_new ("Jonas Becker", TANDEM_ROLE_FIELD);
  g_autoptr (TandemRep) petra = tandem_rep_new ("Petra Krüger", TANDEM_ROLE_MANAGER);
  g_autoptr (GError) error = NULL;
  g_autofree char *why = NULL;

  CU_ASSERT_TRUE (tandem_matcher_add_rep (m, anna, NULL));
  CU_ASSERT_TRUE (tandem_matcher_add_rep (m, jonas, NULL));
  CU_ASSERT_FALSE (tandem_matcher_add_rep (m, petra, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_ROLE,
                       "Petra");

  tandem_matcher_set_tag (m, anna, TANDEM_TAG_KIND_STRENGTH, "phone", 4, NULL);
  tandem_matcher_set_tag (m, anna, TANDEM_TAG_KIND_STRENGTH, "negotiation", 1, NULL);
  tandem_matcher_set_tag (m, anna, TANDEM_TAG_KIND_PREFERENCE, "region-nord", 3, NULL);
  tandem_matcher_set_tag (m, anna, TANDEM_TAG_KIND_PREFERENCE, "industry-food", 2, NULL);
  tandem_matcher_set_tag (m, jonas, TANDEM_TAG_KIND_STRENGTH, "negotiation", 5, NULL);
  tandem_matcher_set_tag (m, jonas, TANDEM_TAG_KIND_STRENGTH, "technical", 2, NULL);
  tandem_matcher_set_tag (m, jonas, TANDEM_TAG_KIND_PREFERENCE, "region-nord", 2, NULL);
  tandem_matcher_set_tag (m, jonas, TANDEM_TAG_KIND_PREFERENCE, "industry-metal", 4, NULL);

  CU_ASSERT_EQUAL (tandem_matcher_score (m, anna, jonas, &why), 13);
  CU_ASSERT_STRING_EQUAL (
      why, "coverage 11 (negotiation 5 from Jonas Becker, phone 4 from Anna Schäfer, "
           "technical 2 from Jonas Becker) + fit 2 (region-nord 2) = 13");
  CU_ASSERT_EQUAL (tandem_matcher_score (m, anna, petra, NULL), -1);

  CU_ASSERT_FALSE (tandem_matcher_set_tag (m, anna, TANDEM_TAG_KIND_STRENGTH, "phone", 6, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_OUT_OF_RANGE,
                       "phone");
  CU_ASSERT_FALSE (tandem_matcher_set_tag (m, anna, TANDEM_TAG_KIND_STRENGTH, "  ", 2, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_NAME, NULL);
  CU_ASSERT_TRUE (tandem_matcher_set_tag (m, anna, TANDEM_TAG_KIND_STRENGTH, "phone", 0, NULL));
  CU_ASSERT_EQUAL (tandem_matcher_score (m, anna, jonas, NULL), 9);
}

/* Fixed pairs stay; ruled-out pairs never appear, even when they would
 * score best; a rep whose only partner is ruled out stays unmatched. */
static void
test_fixed_and_forbidden (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);
  g_autoptr (GError) error = NULL;
  Team t = { 0 };
  g_autoptr (GListModel) proposals = NULL;
  TandemRep *i0, *i1, *i2, *f0, *f1, *f2;
  gboolean   saw_fixed = FALSE;

  team_init (&t, rand, 3, 3);
  i0 = t.inside->pdata[0], i1 = t.inside->pdata[1], i2 = t.inside->pdata[2];
  f0 = t.field->pdata[0], f1 = t.field->pdata[1], f2 = t.field->pdata[2];

  /* make (i1, f1) the best pair by far, then rule it out */
  tandem_matcher_set_tag (t.matcher, i1, TANDEM_TAG_KIND_PREFERENCE, "everything", 5, NULL);
  tandem_matcher_set_tag (t.matcher, f1, TANDEM_TAG_KIND_PREFERENCE, "everything", 5, NULL);
  CU_ASSERT_TRUE (tandem_matcher_forbid_pair (t.matcher, i1, f1, &error));
  CU_ASSERT_TRUE (tandem_matcher_fix_pair (t.matcher, i0, f2, &error));
  TANDEM_ASSERT_NO_ERROR (error);

  CU_ASSERT_FALSE (tandem_matcher_fix_pair (t.matcher, i1, f1, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_VALUE,
                       "ruled out");
  CU_ASSERT_FALSE (tandem_matcher_fix_pair (t.matcher, i0, f0, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_VALUE,
                       "already in a fixed pair");
  CU_ASSERT_FALSE (tandem_matcher_forbid_pair (t.matcher, i0, f2, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_VALUE,
                       "fixed");
  CU_ASSERT_FALSE (tandem_matcher_fix_pair (t.matcher, f0, i2, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_ROLE, NULL);

  proposals = tandem_matcher_solve (t.matcher, &error);
  CU_ASSERT_EQUAL_FATAL (g_list_model_get_n_items (proposals), 3);
  for (guint k = 0; k < 3; k++)
    {
      g_autoptr (TandemMatchProposal) p = g_list_model_get_item (proposals, k);
      TandemRep *a = tandem_match_proposal_get_inside_rep (p);
      TandemRep *b = tandem_match_proposal_get_field_rep (p);

      CU_ASSERT_FALSE (a == i1 && b == f1);
      if (tandem_match_proposal_get_fixed (p))
        {
          saw_fixed = TRUE;
          CU_ASSERT_PTR_EQUAL (a, i0);
          CU_ASSERT_PTR_EQUAL (b, f2);
          CU_ASSERT (
              g_str_has_prefix (tandem_match_proposal_get_explanation (p), "fixed in advance"));
        }
    }
  CU_ASSERT_TRUE (saw_fixed);
  team_clear (&t);

  /* one inside rep, one field rep, ruled out: nobody is matched */
  {
    g_autoptr (TandemMatcher) m = tandem_matcher_new ();
    g_autoptr (TandemRep) a = tandem_rep_new ("A", TANDEM_ROLE_INSIDE);
    g_autoptr (TandemRep) b = tandem_rep_new ("B", TANDEM_ROLE_FIELD);
    g_autoptr (GListModel) none = NULL;
    g_autoptr (GListModel) left = NULL;

    tandem_matcher_add_rep (m, a, NULL);
    tandem_matcher_add_rep (m, b, NULL);
    tandem_matcher_forbid_pair (m, a, b, NULL);
    none = tandem_matcher_solve (m, NULL);
    CU_ASSERT_EQUAL (g_list_model_get_n_items (none), 0);
    left = tandem_matcher_get_unmatched (m);
    CU_ASSERT_EQUAL (g_list_model_get_n_items (left), 2);
  }
}

static void
test_store_tags (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemStore) store = tandem_test_store_new (NULL, &error);
  g_autoptr (TandemRep) anna
      = tandem_store_add_rep (store, "Anna Schäfer", TANDEM_ROLE_INSIDE, &error);
  g_autoptr (TandemRep) jonas
      = tandem_store_add_rep (store, "Jonas Becker", TANDEM_ROLE_FIELD, &error);
  g_autoptr (TandemRep) lea
      = tandem_store_add_rep (store, "Lea Hoffmann", TANDEM_ROLE_INSIDE, &error);
  g_autoptr (TandemRep) tom = tandem_store_add_rep (store, "Tom Wagner", TANDEM_ROLE_FIELD, &error);
  g_autoptr (TandemTeam) team = NULL;
  g_autoptr (GListModel) tags = NULL;
  g_autoptr (TandemRepTag) first = NULL;
  g_autoptr (TandemMatcher) matcher = tandem_matcher_new ();
  g_autoptr (TandemMatcher) everyone = tandem_matcher_new ();
  g_autoptr (GListModel) proposals = NULL;
  g_autoptr (GListModel) all = NULL;

  CU_ASSERT_TRUE (tandem_rep_tag_set (store, anna, TANDEM_TAG_KIND_STRENGTH, "phone", 4, &error));
  CU_ASSERT_TRUE (tandem_rep_tag_set (store, anna, TANDEM_TAG_KIND_STRENGTH, "phone", 5, &error));
  CU_ASSERT_TRUE (
      tandem_rep_tag_set (store, anna, TANDEM_TAG_KIND_PREFERENCE, "region-nord", 3, &error));
  CU_ASSERT_TRUE (
      tandem_rep_tag_set (store, lea, TANDEM_TAG_KIND_STRENGTH, "technical", 2, &error));
  CU_ASSERT_TRUE (
      tandem_rep_tag_set (store, tom, TANDEM_TAG_KIND_PREFERENCE, "region-nord", 5, &error));
  CU_ASSERT_TRUE (tandem_rep_tag_set (store, lea, TANDEM_TAG_KIND_STRENGTH, "removed", 3, &error));
  CU_ASSERT_TRUE (tandem_rep_tag_set (store, lea, TANDEM_TAG_KIND_STRENGTH, "removed", 0, &error));
  CU_ASSERT_FALSE (tandem_rep_tag_set (store, lea, TANDEM_TAG_KIND_STRENGTH, "x", 9, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_OUT_OF_RANGE, NULL);

  tags = tandem_rep_tag_list (store, anna, &error);
  CU_ASSERT_EQUAL_FATAL (g_list_model_get_n_items (tags), 2);
  first = g_list_model_get_item (tags, 0);
  CU_ASSERT_STRING_EQUAL (tandem_rep_tag_get_name (first), "phone");
  CU_ASSERT_EQUAL (tandem_rep_tag_get_level (first), 5);
  CU_ASSERT_EQUAL (tandem_rep_tag_get_kind (first), TANDEM_TAG_KIND_STRENGTH);

  /* Lea and Jonas are a tandem already: only Anna and Tom are free */
  team = tandem_store_add_team (store, lea, jonas, &error);
  CU_ASSERT_TRUE (tandem_matcher_load_from_store (matcher, store, FALSE, &error));
  TANDEM_ASSERT_NO_ERROR (error);
  proposals = tandem_matcher_solve (matcher, &error);
  CU_ASSERT_EQUAL_FATAL (g_list_model_get_n_items (proposals), 1);
  {
    g_autoptr (TandemMatchProposal) p = g_list_model_get_item (proposals, 0);

    CU_ASSERT_PTR_EQUAL (tandem_match_proposal_get_inside_rep (p), anna);
    CU_ASSERT_PTR_EQUAL (tandem_match_proposal_get_field_rep (p), tom);
    /* coverage phone 5 + fit region-nord min (3, 5) = 3 */
    CU_ASSERT_EQUAL (tandem_match_proposal_get_score (p), 8);
  }
  CU_ASSERT_TRUE (tandem_matcher_load_from_store (everyone, store, TRUE, &error));
  all = tandem_matcher_solve (everyone, &error);
  CU_ASSERT_EQUAL (g_list_model_get_n_items (all), 2);
}

/* A/B/C/D over November with A 50%, B 30%, C 15%. Revenue: 500, 300,
 * 100 − 20 reversed = 80, 60, 40, none: total 980. Shares above each
 * account: 0 → A; 500/980 = 51.0% → B; 800/980 = 81.6% → C; 880/980 =
 * 89.8% → C; 940/980 = 95.9% → D; no revenue → D. */
static void
test_classify_and_clean_up (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemStore) store = tandem_test_store_new (NULL, &error);
  g_autoptr (TandemRep) in
      = tandem_store_add_rep (store, "Anna Schäfer", TANDEM_ROLE_INSIDE, &error);
  g_autoptr (TandemRep) out
      = tandem_store_add_rep (store, "Jonas Becker", TANDEM_ROLE_FIELD, &error);
  g_autoptr (TandemTeam) team = tandem_store_add_team (store, in, out, &error);
  g_autoptr (GDateTime) since = g_date_time_new_utc (2026, 11, 1, 0, 0, 0);
  g_autoptr (GDateTime) until = g_date_time_new_utc (2026, 12, 1, 0, 0, 0);
  g_autoptr (GDateTime) when = g_date_time_new_utc (2026, 11, 10, 10, 0, 0);
  g_autoptr (GDateTime) later = g_date_time_new_utc (2026, 11, 20, 10, 0, 0);
  g_autoptr (GDateTime) outside = g_date_time_new_utc (2026, 10, 10, 10, 0, 0);
  const char *amounts[]
      = { "500.00 EUR", "300.00 EUR", "100.00 EUR", "60.00 EUR", "40.00 EUR", NULL };
  const TandemCategory expected[] = { TANDEM_CATEGORY_A, TANDEM_CATEGORY_B, TANDEM_CATEGORY_C,
                                      TANDEM_CATEGORY_C, TANDEM_CATEGORY_D, TANDEM_CATEGORY_D };
  g_autoptr (GPtrArray) accounts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GListModel) result = NULL;
  g_autoptr (GListModel) bad = NULL;
  g_autoptr (GListModel) candidates = NULL;
  g_autoptr (GListModel) archived = NULL;
  g_autoptr (GListModel) again = NULL;

  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *name = g_strdup_printf ("Kunde %u", i + 1);
      TandemAccount   *a = tandem_store_add_account (store, name, team, &error);

      g_ptr_array_add (accounts, a);
      if (amounts[i] != NULL)
        {
          g_autoptr (TandemMoney) m = tandem_money_parse (amounts[i], NULL);
          g_autoptr (TandemActivity) act G_GNUC_UNUSED = tandem_store_log_activity (
              store, a, out, TANDEM_ACTIVITY_KIND_ORDER, m, when, &error);

          if (i == 2)
            {
              g_autoptr (TandemMoney) part = tandem_money_parse ("20.00 EUR", NULL);
              g_autoptr (TandemActivity) rd
                  = tandem_activity_new_reversal (act, in, part, later, &error);
              g_autoptr (TandemActivity) rev G_GNUC_UNUSED
                  = tandem_store_save_activity (store, rd, NULL, &error);
            }
        }
    }
  {
    /* outside the window: does not count */
    g_autoptr (TandemMoney) big = tandem_money_parse ("9999.00 EUR", NULL);
    g_autoptr (TandemActivity) old G_GNUC_UNUSED = tandem_store_log_activity (
        store, accounts->pdata[5], out, TANDEM_ACTIVITY_KIND_ORDER, big, outside, &error);
  }
  TANDEM_ASSERT_NO_ERROR (error);

  result
      = tandem_classification_compute (store, since, until, "EUR", 5000, 3000, 1500, TRUE, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL_FATAL (g_list_model_get_n_items (result), 6);
  for (guint i = 0; i < 6; i++)
    {
      g_autoptr (TandemClassification) c = g_list_model_get_item (result, i);
      TandemAccount *a = tandem_classification_get_account (c);

      CU_ASSERT_PTR_EQUAL (a, accounts->pdata[i]);
      CU_ASSERT_EQUAL (tandem_classification_get_category (c), expected[i]);
      CU_ASSERT_EQUAL (tandem_classification_get_previous_category (c), TANDEM_CATEGORY_C);
      CU_ASSERT_EQUAL (tandem_account_get_category (a), expected[i]);
    }
  {
    g_autoptr (TandemClassification) third = g_list_model_get_item (result, 2);

    CU_ASSERT_EQUAL (tandem_money_get_minor_units (tandem_classification_get_revenue (third)),
                     8000);
    CU_ASSERT_EQUAL (tandem_classification_get_share (third), 816);             /* 80/980 */
    CU_ASSERT_EQUAL (tandem_classification_get_cumulative_share (third), 8979); /* 880/980 */
  }

  bad = tandem_classification_compute (store, since, until, "EUR", 6000, 3000, 2000, FALSE, &error);
  CU_ASSERT_PTR_NULL (bad);
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_OUT_OF_RANGE,
                       "A 60%, B 30%, C 20%");
  g_clear_error (&error);

  /* an empty or inverted window is refused and changes nothing */
  bad = tandem_classification_compute (store, until, since, "EUR", 5000, 3000, 1500, TRUE, &error);
  CU_ASSERT_PTR_NULL (bad);
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_OUT_OF_RANGE,
                       "is empty");
  g_clear_error (&error);
  bad = tandem_classification_compute (store, since, since, "EUR", 5000, 3000, 1500, TRUE, &error);
  CU_ASSERT_PTR_NULL (bad);
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_OUT_OF_RANGE,
                       "is empty");

  /* the yearly clean-up: list the D accounts, then archive them on confirmation */
  candidates = tandem_classification_clean_up (store, FALSE, &error);
  CU_ASSERT_EQUAL (g_list_model_get_n_items (candidates), 2);
  CU_ASSERT_FALSE (tandem_account_get_archived (accounts->pdata[4]));
  archived = tandem_classification_clean_up (store, TRUE, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (g_list_model_get_n_items (archived), 2);
  CU_ASSERT_TRUE (tandem_account_get_archived (accounts->pdata[4]));
  CU_ASSERT_TRUE (tandem_account_get_archived (accounts->pdata[5]));
  again = tandem_classification_clean_up (store, FALSE, &error);
  CU_ASSERT_EQUAL (g_list_model_get_n_items (again), 0);
  {
    /* their history stays */
    g_autoptr (TandemActivityFilter) f = tandem_activity_filter_new ();
    g_autoptr (GListModel) kept = NULL;

    tandem_activity_filter_set_account (f, accounts->pdata[5]);
    kept = tandem_store_query_activities (store, f, &error);
    CU_ASSERT_EQUAL (g_list_model_get_n_items (kept), 1);
  }
}

/* Requests are listed by due date; the overdue list shows open requests
 * due before a time; closing records who and when, once. */
static void
test_support_queue (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemStore) store = tandem_test_store_new (NULL, &error);
  g_autoptr (TandemRep) anna
      = tandem_store_add_rep (store, "Anna Schäfer", TANDEM_ROLE_INSIDE, &error);
  g_autoptr (TandemRep) jonas
      = tandem_store_add_rep (store, "Jonas Becker", TANDEM_ROLE_FIELD, &error);
  g_autoptr (TandemTeam) team = tandem_store_add_team (store, anna, jonas, &error);
  g_autoptr (TandemAccount) acme = tandem_store_add_account (store, "ACME GmbH", team, &error);
  g_autoptr (GDateTime) t0 = g_date_time_new_utc (2026, 11, 2, 9, 0, 0);
  g_autoptr (GDateTime) due1 = g_date_time_new_utc (2026, 11, 5, 17, 0, 0);
  g_autoptr (GDateTime) due2 = g_date_time_new_utc (2026, 11, 3, 17, 0, 0);
  g_autoptr (GDateTime) due3 = g_date_time_new_utc (2026, 11, 20, 17, 0, 0);
  g_autoptr (GDateTime) check = g_date_time_new_utc (2026, 11, 10, 12, 0, 0);
  g_autoptr (GDateTime) closing = g_date_time_new_utc (2026, 11, 4, 11, 0, 0);
  g_autoptr (GDateTime) early = g_date_time_new_utc (2026, 1, 1, 0, 0, 0);
  g_autoptr (TandemSupportRequest) r1 = NULL;
  g_autoptr (TandemSupportRequest) r2 = NULL;
  g_autoptr (TandemSupportRequest) r3 = NULL;
  g_autoptr (TandemSupportRequest) bad = NULL;
  g_autoptr (GListModel) queue = NULL;
  g_autoptr (GListModel) overdue = NULL;
  g_autoptr (GListModel) all = NULL;
  g_autoptr (GListModel) open_after = NULL;

  r1 = tandem_support_request_open (store, acme, anna, "reklamation", t0, due1,
                                    "Lieferung beschädigt", &error);
  r2 = tandem_support_request_open (store, acme, jonas, "reklamation", t0, due2, "Rechnung falsch",
                                    &error);
  r3 = tandem_support_request_open (store, acme, anna, "technik", t0, due3, NULL, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (tandem_activity_get_kind (tandem_support_request_get_activity (r1)),
                   TANDEM_ACTIVITY_KIND_SUPPORT);
  CU_ASSERT_PTR_EQUAL (tandem_support_request_get_owner (r2), jonas);
  CU_ASSERT_STRING_EQUAL (tandem_support_request_get_queue (r3), "technik");
  CU_ASSERT_TRUE (g_date_time_equal (tandem_support_request_get_opened_at (r1), t0));
  CU_ASSERT_FALSE (tandem_support_request_get_closed (r1));

  bad = tandem_support_request_open (store, acme, anna, "reklamation", due1, t0, NULL, &error);
  CU_ASSERT_PTR_NULL (bad);
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_OUT_OF_RANGE,
                       "before");
  bad = tandem_support_request_open (store, acme, anna, " ", t0, due1, NULL, &error);
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_MISSING_VALUE,
                       "queue");

  /* the queue by due date: r2 (3 Nov) before r1 (5 Nov) */
  queue = tandem_support_request_list_queue (store, "reklamation", FALSE, &error);
  CU_ASSERT_EQUAL_FATAL (g_list_model_get_n_items (queue), 2);
  {
    g_autoptr (TandemSupportRequest) first = g_list_model_get_item (queue, 0);
    CU_ASSERT_EQUAL (tandem_activity_get_id (tandem_support_request_get_activity (first)),
                     tandem_activity_get_id (tandem_support_request_get_activity (r2)));
    CU_ASSERT_STRING_EQUAL (tandem_activity_get_note (tandem_support_request_get_activity (first)),
                            "Rechnung falsch");
  }

  CU_ASSERT_TRUE (tandem_support_request_close (store, r2, anna, closing, &error));
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE (tandem_support_request_get_closed (r2));
  CU_ASSERT_PTR_EQUAL (tandem_support_request_get_closed_by (r2), anna);
  CU_ASSERT_TRUE (g_date_time_equal (tandem_support_request_get_closed_at (r2), closing));
  CU_ASSERT_FALSE (tandem_support_request_close (store, r2, anna, closing, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID, "not open");
  CU_ASSERT_FALSE (tandem_support_request_close (store, r1, anna, early, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_OUT_OF_RANGE, NULL);

  /* on 10 November r1 is overdue; r2 is closed; r3 is not due yet */
  overdue = tandem_support_request_list_overdue (store, check, &error);
  CU_ASSERT_EQUAL_FATAL (g_list_model_get_n_items (overdue), 1);
  {
    g_autoptr (TandemSupportRequest) late = g_list_model_get_item (overdue, 0);
    CU_ASSERT_PTR_EQUAL (tandem_support_request_get_owner (late), anna);
    CU_ASSERT_STRING_EQUAL (tandem_support_request_get_queue (late), "reklamation");
  }

  all = tandem_support_request_list_queue (store, NULL, TRUE, &error);
  CU_ASSERT_EQUAL (g_list_model_get_n_items (all), 3);
  open_after = tandem_support_request_list_queue (store, NULL, FALSE, &error);
  CU_ASSERT_EQUAL (g_list_model_get_n_items (open_after), 2);
  {
    /* read back from the store, the closed request knows who and when */
    g_autoptr (TandemSupportRequest) first = g_list_model_get_item (all, 0);
    CU_ASSERT_TRUE (tandem_support_request_get_closed (first));
    CU_ASSERT_PTR_EQUAL (tandem_support_request_get_closed_by (first), anna);
  }
}

/* Nord does both directions (the inside rep rides along for 240 minutes,
 * the field rep sits in for 180 + 60), Süd only a ride-along logged as a
 * plain activity (no minutes): Süd is listed as missing a direction. */
static void
test_shadowing_status (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemStore) store = tandem_test_store_new (NULL, &error);
  g_autoptr (TandemRep) anna
      = tandem_store_add_rep (store, "Anna Schäfer", TANDEM_ROLE_INSIDE, &error);
  g_autoptr (TandemRep) jonas
      = tandem_store_add_rep (store, "Jonas Becker", TANDEM_ROLE_FIELD, &error);
  g_autoptr (TandemRep) lea
      = tandem_store_add_rep (store, "Lea Hoffmann", TANDEM_ROLE_INSIDE, &error);
  g_autoptr (TandemRep) tom = tandem_store_add_rep (store, "Tom Wagner", TANDEM_ROLE_FIELD, &error);
  g_autoptr (TandemTeam) nord = tandem_store_add_team (store, anna, jonas, &error);
  g_autoptr (TandemTeam) sued = tandem_store_add_team (store, lea, tom, &error);
  g_autoptr (TandemAccount) acme = tandem_store_add_account (store, "ACME GmbH", nord, &error);
  g_autoptr (TandemAccount) kessler
      = tandem_store_add_account (store, "Brauerei Kessler", sued, &error);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (TandemActivity) a1 = NULL;
  g_autoptr (TandemActivity) a2 = NULL;
  g_autoptr (TandemActivity) a3 = NULL;
  g_autoptr (TandemActivity) plain = NULL;
  g_autoptr (TandemActivity) bad = NULL;
  g_autoptr (GListModel) status = NULL;
  g_autoptr (GListModel) missing = NULL;

  a1 = tandem_shadowing_status_log (store, acme, anna, jonas, now, 240, "Mitfahrt zum Kundenbesuch",
                                    &error);
  a2 = tandem_shadowing_status_log (store, acme, jonas, anna, now, 180, "Halber Tag im Innendienst",
                                    &error);
  a3 = tandem_shadowing_status_log (store, acme, jonas, anna, now, 60, NULL, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (tandem_activity_get_kind (a1), TANDEM_ACTIVITY_KIND_SHADOWING);
  CU_ASSERT_PTR_EQUAL (tandem_activity_get_rep (a2), jonas);
  plain = tandem_store_log_activity (store, kessler, lea, TANDEM_ACTIVITY_KIND_SHADOWING, NULL, now,
                                     &error);
  TANDEM_ASSERT_NO_ERROR (error);

  bad = tandem_shadowing_status_log (store, acme, lea, jonas, now, 60, NULL, &error);
  CU_ASSERT_PTR_NULL (bad);
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_VALUE,
                       "Lea Hoffmann");
  bad = tandem_shadowing_status_log (store, acme, anna, jonas, now, 0, NULL, &error);
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_OUT_OF_RANGE, NULL);

  status = tandem_shadowing_status_list (store, FALSE, &error);
  CU_ASSERT_EQUAL_FATAL (g_list_model_get_n_items (status), 2);
  {
    g_autoptr (TandemShadowingStatus) n = g_list_model_get_item (status, 0);
    g_autoptr (TandemShadowingStatus) s = g_list_model_get_item (status, 1);

    CU_ASSERT_PTR_EQUAL (tandem_shadowing_status_get_team (n), nord);
    CU_ASSERT_TRUE (tandem_shadowing_status_get_complete (n));
    CU_ASSERT_EQUAL (tandem_shadowing_status_get_ride_along_minutes (n), 240);
    CU_ASSERT_EQUAL (tandem_shadowing_status_get_sit_in_minutes (n), 240);
    CU_ASSERT_TRUE (tandem_shadowing_status_get_ride_along (s));
    CU_ASSERT_FALSE (tandem_shadowing_status_get_sit_in (s));
    CU_ASSERT_FALSE (tandem_shadowing_status_get_complete (s));
    CU_ASSERT_EQUAL (tandem_shadowing_status_get_ride_along_minutes (s), 0);
  }
  missing = tandem_shadowing_status_list (store, TRUE, &error);
  CU_ASSERT_EQUAL_FATAL (g_list_model_get_n_items (missing), 1);
  {
    g_autoptr (TandemShadowingStatus) s = g_list_model_get_item (missing, 0);
    CU_ASSERT_PTR_EQUAL (tandem_shadowing_status_get_team (s), sued);
  }
}

/* Version 1 is confirmed by Anna only; version 2 (complaints moved to
 * shared) by both: only version 2 is agreed, and version 1 is kept. */
static void
test_charter (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemStore) store = tandem_test_store_new (NULL, &error);
  g_autoptr (TandemRep) anna
      = tandem_store_add_rep (store, "Anna Schäfer", TANDEM_ROLE_INSIDE, &error);
  g_autoptr (TandemRep) jonas
      = tandem_store_add_rep (store, "Jonas Becker", TANDEM_ROLE_FIELD, &error);
  g_autoptr (TandemRep) lea
      = tandem_store_add_rep (store, "Lea Hoffmann", TANDEM_ROLE_INSIDE, &error);
  g_autoptr (TandemTeam) team = tandem_store_add_team (store, anna, jonas, &error);
  g_autoptr (TandemCharter) draft1 = tandem_charter_new (team);
  g_autoptr (TandemCharter) draft2 = tandem_charter_new (team);
  g_autoptr (TandemCharter) empty = tandem_charter_new (team);
  g_autoptr (TandemCharter) v1 = NULL;
  g_autoptr (TandemCharter) v2 = NULL;
  g_autoptr (TandemCharter) none = NULL;
  g_autoptr (TandemCharter) latest = NULL;
  g_autoptr (TandemCharter) first = NULL;
  g_autoptr (GListModel) versions = NULL;
  g_auto (GStrv) areas = NULL;
  TandemCharterOwner owner;

  CU_ASSERT_TRUE (
      tandem_charter_set_area (draft1, "appointments", TANDEM_CHARTER_OWNER_INSIDE, &error));
  CU_ASSERT_TRUE (tandem_charter_set_area (draft1, "offers", TANDEM_CHARTER_OWNER_SHARED, &error));
  CU_ASSERT_TRUE (
      tandem_charter_set_area (draft1, "complaints", TANDEM_CHARTER_OWNER_FIELD, &error));
  CU_ASSERT_FALSE (tandem_charter_set_area (draft1, " ", TANDEM_CHARTER_OWNER_FIELD, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_NAME, NULL);
  none = tandem_charter_save (store, empty, &error);
  CU_ASSERT_PTR_NULL (none);
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_VALUE,
                       "at least one area");

  v1 = tandem_charter_save (store, draft1, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (tandem_charter_get_version (v1), 1);
  areas = tandem_charter_get_areas (v1);
  CU_ASSERT_EQUAL (g_strv_length (areas), 3);
  CU_ASSERT_STRING_EQUAL (areas[0], "appointments");
  CU_ASSERT_TRUE (tandem_charter_get_owner (v1, "complaints", &owner));
  CU_ASSERT_EQUAL (owner, TANDEM_CHARTER_OWNER_FIELD);
  CU_ASSERT_FALSE (tandem_charter_get_owner (v1, "cross-selling", NULL));
  CU_ASSERT_FALSE (tandem_charter_set_area (v1, "x", TANDEM_CHARTER_OWNER_FIELD, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_VALUE,
                       "never changes");

  CU_ASSERT_TRUE (tandem_charter_confirm (store, v1, anna, NULL, &error));
  CU_ASSERT_FALSE (tandem_charter_get_agreed (v1));
  CU_ASSERT_FALSE (tandem_charter_confirm (store, v1, lea, NULL, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_VALUE,
                       "Lea Hoffmann");

  CU_ASSERT_TRUE (
      tandem_charter_set_area (draft2, "appointments", TANDEM_CHARTER_OWNER_INSIDE, &error));
  CU_ASSERT_TRUE (
      tandem_charter_set_area (draft2, "complaints", TANDEM_CHARTER_OWNER_SHARED, &error));
  v2 = tandem_charter_save (store, draft2, &error);
  CU_ASSERT_EQUAL (tandem_charter_get_version (v2), 2);
  CU_ASSERT_TRUE (tandem_charter_confirm (store, v2, jonas, NULL, &error));
  CU_ASSERT_TRUE (tandem_charter_confirm (store, v2, anna, NULL, &error));
  CU_ASSERT_TRUE (tandem_charter_confirm (store, v2, anna, NULL, &error)); /* twice: no change */
  CU_ASSERT_TRUE (tandem_charter_get_agreed (v2));
  TANDEM_ASSERT_NO_ERROR (error);

  /* read back: version 2 is agreed, version 1 only has Anna's confirmation */
  latest = tandem_charter_load (store, team, 0, &error);
  CU_ASSERT_EQUAL (tandem_charter_get_version (latest), 2);
  CU_ASSERT_TRUE (tandem_charter_get_agreed (latest));
  first = tandem_charter_load (store, team, 1, &error);
  CU_ASSERT_PTR_NOT_NULL (tandem_charter_get_inside_confirmed (first));
  CU_ASSERT_PTR_NULL (tandem_charter_get_field_confirmed (first));
  CU_ASSERT_FALSE (tandem_charter_get_agreed (first));
  versions = tandem_charter_list (store, team, &error);
  CU_ASSERT_EQUAL (g_list_model_get_n_items (versions), 2);
  g_clear_object (&none);
  none = tandem_charter_load (store, team, 7, &error);
  CU_ASSERT_PTR_NULL (none);
  TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_FOUND, "7");
}

int
main (void)
{
  const TandemTestCase cases[] = {
    TANDEM_TEST (test_hungarian_against_brute_force),
    TANDEM_TEST (test_matcher_optimal),
    TANDEM_TEST (test_score_and_explanation),
    TANDEM_TEST (test_fixed_and_forbidden),
    TANDEM_TEST (test_store_tags),
    TANDEM_TEST (test_classify_and_clean_up),
    TANDEM_TEST (test_support_queue),
    TANDEM_TEST (test_shadowing_status),
    TANDEM_TEST (test_charter),
  };

  return tandem_test_run ("method", cases, G_N_ELEMENTS (cases));
}
