/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test-lines.c: the compact store of a settlement's payout lines: every
 * line comes back exactly as it went in, through every path, in the
 * order asked for, in a fraction of the struct's size */

#include <string.h>
#include <tandem.h>

#include "tandem-test.h"
#include "tandem-line-table-private.h"

static const gint64 extremes[]
    = { 0, 1, -1, 127, 128, -128, G_MAXINT32, G_MININT32, G_MAXINT64, G_MININT64, G_MAXINT64 - 1 };

static gint64
random_value (GRand *rand)
{
  switch (g_rand_int_range (rand, 0, 4))
    {
    case 0:
      return extremes[g_rand_int_range (rand, 0, G_N_ELEMENTS (extremes))];
    case 1:
      return (gint64)((guint64)g_rand_int (rand) << 32 | g_rand_int (rand));
    default:
      return g_rand_int_range (rand, -1000000, 1000000);
    }
}

/* A line with random fields; @rep_id from few reps, so that reps repeat. */
static TandemLine
random_line (GRand *rand, guint n_reps)
{
  TandemLine l = { 0 };

  l.rep_id = g_rand_int_range (rand, 0, 4) == 0 ? random_value (rand)
                                                : g_rand_int_range (rand, 1, (gint32)n_reps + 1);
  l.activity_id = random_value (rand);
  l.amount = random_value (rand);
  l.base = random_value (rand);
  l.pool = random_value (rand);
  l.rate = g_rand_boolean (rand) ? 250000 : random_value (rand);
  l.account_id = random_value (rand);
  l.team_id = g_rand_boolean (rand) ? 0 : random_value (rand);
  l.other = g_rand_boolean (rand) ? 0 : random_value (rand);
  l.other2 = g_rand_boolean (rand) ? 0 : random_value (rand);
  l.earned = g_rand_boolean (rand) ? 0 : random_value (rand);
  l.share_bp = g_rand_int_range (rand, 0, 10001);
  l.kind = (guint8)g_rand_int_range (rand, 0, 256);
  l.reason = (guint8)g_rand_int_range (rand, 0, 256);
  l.activity_kind = (guint8)g_rand_int_range (rand, 0, 256);
  l.flags = (guint8)g_rand_int_range (rand, 0, 256);
  if (g_rand_int_range (rand, 0, 8) == 0)
    l.text = g_strdup_printf ("Line text %d: “%s”", g_rand_int (rand),
                              g_rand_boolean (rand) ? "" : "Provision für Anna Becker");
  return l;
}

static gboolean
line_equal (const TandemLine *got, const TandemLine *want)
{
  return got->rep_id == want->rep_id && got->activity_id == want->activity_id
         && got->amount == want->amount && got->base == want->base && got->pool == want->pool
         && got->rate == want->rate && got->account_id == want->account_id
         && got->team_id == want->team_id && got->other == want->other
         && got->other2 == want->other2 && got->earned == want->earned && got->seq == want->seq
         && got->share_bp == want->share_bp && got->kind == want->kind
         && got->reason == want->reason && got->activity_kind == want->activity_kind
         && got->flags == want->flags && g_strcmp0 (got->text, want->text) == 0;
}

/* one failure per check, naming the line, rather than thousands */
#define ASSERT_LINE(got, want, i)                                                           \
  do                                                                                        \
    {                                                                                       \
      if (!line_equal ((got), (want)))                                                      \
        {                                                                                   \
          g_autofree char *msg = g_strdup_printf ("line %u differs (seq %u, want %u)", (i), \
                                                  (got)->seq, (want)->seq);                 \
          CU_assertImplementation (CU_FALSE, __LINE__, msg, __FILE__, "", CU_FALSE);        \
          return;                                                                           \
        }                                                                                   \
    }                                                                                       \
  while (0)

static void
model_line_clear (TandemLine *l)
{
  g_free (l->text);
}

static GArray *
new_model (void)
{
  GArray *model = g_array_new (FALSE, TRUE, sizeof (TandemLine));

  g_array_set_clear_func (model, (GDestroyNotify)model_line_clear);
  return model;
}

/* Appends to both: the store takes its copy's text. */
static void
append_both (TandemLineTable *store, GArray *model, TandemLine *l)
{
  TandemLine copy = *l;

  copy.text = g_strdup (l->text);
  l->seq = _tandem_line_table_append (store, &copy);
  g_array_append_val (model, *l);
}

/* Every path reads what @model holds: one get per line, the iterator
 * over everything and over a random range. */
static void
assert_store (TandemLineTable *store, GArray *model, GRand *rand)
{
  TandemLineIter    iter;
  const TandemLine *l;
  guint             i = 0;
  guint             first, end;

  CU_ASSERT_EQUAL_FATAL (_tandem_line_table_get_len (store), model->len);
  for (i = 0; i < model->len; i++)
    {
      TandemLine got;

      _tandem_line_table_get (store, i, &got);
      ASSERT_LINE (&got, &g_array_index (model, TandemLine, i), i);
    }
  /* backwards: the read cache changes block on every line */
  for (i = model->len; i-- > 0;)
    {
      TandemLine got;

      _tandem_line_table_get (store, i, &got);
      ASSERT_LINE (&got, &g_array_index (model, TandemLine, i), i);
    }

  _tandem_line_iter_init (&iter, store, 0, G_MAXUINT);
  for (i = 0; (l = _tandem_line_iter_next (&iter)) != NULL && i < model->len; i++)
    ASSERT_LINE (l, &g_array_index (model, TandemLine, i), i);
  CU_ASSERT_EQUAL (i, model->len);

  first = model->len ? (guint)g_rand_int_range (rand, 0, (gint32)model->len) : 0;
  end = first + (guint)g_rand_int_range (rand, 0, 200);
  _tandem_line_iter_init (&iter, store, first, end);
  for (i = first; (l = _tandem_line_iter_next (&iter)) != NULL && i < model->len; i++)
    ASSERT_LINE (l, &g_array_index (model, TandemLine, i), i);
  CU_ASSERT_EQUAL (i, MIN (end, model->len));
}

static int
compare_rep_seq (gconstpointer a, gconstpointer b)
{
  const TandemLine *x = a;
  const TandemLine *y = b;

  if (x->rep_id != y->rep_id)
    return x->rep_id < y->rep_id ? -1 : 1;
  return (x->seq > y->seq) - (x->seq < y->seq);
}

/* Random lines in, set, sorted, more added and sorted again (the merge),
 * 20 stores of up to 3,000 lines: each step against a plain array. */
static void
test_round_trip_and_order (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (20261201);

  for (guint run = 0; run < 20; run++)
    {
      g_autoptr (TandemLineTable) store = _tandem_line_table_new ();
      g_autoptr (GArray) model = new_model ();
      guint n = (guint)g_rand_int_range (rand, 0, 3000);
      guint n_reps = (guint)g_rand_int_range (rand, 1, 300);

      /* a third in memory, a third with every block without texts in the
       * temporary file, a third with a few blocks in memory first */
      if (run % 3 > 0)
        _tandem_line_table_set_memory (store, run % 3 == 1 ? 0 : 4096);

      for (guint i = 0; i < n; i++)
        {
          TandemLine l = random_line (rand, n_reps);

          append_both (store, model, &l);
        }
      assert_store (store, model, rand);

      /* replaced lines, in blocks and in the tail, texts given and taken */
      for (guint k = 0; n > 0 && k < 50; k++)
        {
          guint       i = (guint)g_rand_int_range (rand, 0, (gint32)n);
          TandemLine *want = &g_array_index (model, TandemLine, i);
          TandemLine  l;

          _tandem_line_table_get (store, i, &l);
          l.amount = random_value (rand);
          l.flags |= 4;
          if (g_rand_boolean (rand))
            l.text = g_strdup_printf ("replaced %u", k);
          /* the store takes the text: the model's copy first */
          g_free (want->text);
          want->text = g_strdup (l.text);
          want->amount = l.amount;
          want->flags = l.flags;
          _tandem_line_table_set (store, i, &l);
        }
      assert_store (store, model, rand);

      for (guint round = 0; round < 3; round++)
        {
          guint more = round == 0 ? 0 : (guint)g_rand_int_range (rand, 0, 150);

          for (guint i = 0; i < more; i++)
            {
              TandemLine l = random_line (rand, n_reps + 5);

              append_both (store, model, &l);
            }
          _tandem_line_table_sort_by_rep (store);
          g_array_sort (model, compare_rep_seq);
          assert_store (store, model, rand);
        }
      CU_ASSERT_TRUE (_tandem_line_table_check (store, NULL));
      if (run % 3 == 1)
        {
          /* only the blocks with texts stay */
          gboolean texts = FALSE;

          for (guint i = 0; i < model->len; i++)
            texts |= g_array_index (model, TandemLine, i).text != NULL;
          if (!texts)
            CU_ASSERT_EQUAL (_tandem_line_table_get_memory (store), 0);
          CU_ASSERT (_tandem_line_table_get_memory (store) <= _tandem_line_table_get_size (store));
        }
    }
}

/* A month's commission lines as the engine makes them: sorted, they take
 * a fraction of the struct's 112 bytes. */
static void
test_compact (void)
{
  g_autoptr (TandemLineTable) store = _tandem_line_table_new ();
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);
  guint n = 100000;

  for (guint i = 0; i < n / 2; i++)
    {
      gint64     team = g_rand_int_range (rand, 1, 101);
      gint64     base = g_rand_int_range (rand, 5000, 500000);
      gint64     pool = base / 20;
      TandemLine l = { 0 };

      l.kind = 0;
      l.activity_kind = 5;
      l.activity_id = 1000000 + i * 3;
      l.account_id = team * 10 + g_rand_int_range (rand, 0, 10);
      l.team_id = team;
      l.base = base;
      l.pool = pool;
      l.rate = 500000;
      l.rep_id = team * 2 - 1;
      l.amount = pool * 4 / 10;
      l.share_bp = 4000;
      _tandem_line_table_append (store, &l);
      l.rep_id = team * 2;
      l.amount = pool - pool * 4 / 10;
      l.share_bp = 6000;
      _tandem_line_table_append (store, &l);
    }
  _tandem_line_table_sort_by_rep (store);
  CU_ASSERT_EQUAL (_tandem_line_table_get_len (store), n);
  CU_ASSERT (_tandem_line_table_get_size (store) < (gsize)n * 24);
}

/* Memory stays flat: with 64 KiB for blocks, 200,000 lines keep at most
 * that in memory, the rest in the temporary file, and read back whole. */
static void
test_flat (void)
{
  g_autoptr (TandemLineTable) store = _tandem_line_table_new ();
  gint64            sum = 0;
  gint64            got = 0;
  gint64            rep = 0;
  guint             unsorted = 0;
  guint             i = 0;
  TandemLineIter    iter;
  const TandemLine *l;

  _tandem_line_table_set_memory (store, 65536);
  for (i = 0; i < 200000; i++)
    {
      TandemLine line = { 0 };

      line.rep_id = 1 + i % 97;
      line.activity_id = i;
      line.amount = (gint64)(i * 7919 % 100000) - 50000;
      sum += line.amount;
      _tandem_line_table_append (store, &line);
    }
  _tandem_line_table_sort_by_rep (store);
  CU_ASSERT (_tandem_line_table_get_memory (store) <= 65536);
  CU_ASSERT (_tandem_line_table_get_size (store) > 1000000);
  _tandem_line_iter_init (&iter, store, 0, G_MAXUINT);
  for (i = 0; (l = _tandem_line_iter_next (&iter)) != NULL; i++)
    {
      got += l->amount;
      if (l->rep_id < rep)
        unsorted++;
      rep = l->rep_id;
    }
  CU_ASSERT_EQUAL (i, 200000);
  CU_ASSERT_EQUAL (unsorted, 0);
  CU_ASSERT_EQUAL (got, sum);
  CU_ASSERT_TRUE (_tandem_line_table_check (store, NULL));
}

int
main (void)
{
  const TandemTestCase cases[] = {
    TANDEM_TEST (test_round_trip_and_order),
    TANDEM_TEST (test_compact),
    TANDEM_TEST (test_flat),
  };

  return tandem_test_run ("lines", cases, G_N_ELEMENTS (cases));
}
