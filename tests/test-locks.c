/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test-locks.c: on a PostgreSQL server, which writers wait for which.
 *
 * A test connection holds the locks of one kind of write transaction (one
 * activity's, a close's, an import's, a change's); a write on another
 * connection, in a thread of its own, must go ahead or wait exactly until
 * the holder commits. On SQLite there is one writer at a time by design,
 * and the tests return at once. */

#include "config.h"

#include <string.h>

#include "tandem-test.h"
#include "tandem-store-private.h"
#include "tandem-store-internal-private.h"
#include "tandem-util-private.h"

static char *tmpdir;

static const char plan_text[] = "[Plan]\nName=Standard\nCurrency=EUR\nPeriod=month\n"
                                "TimeZone=Europe/Berlin\nCommissionRate=5%\nInsideShare=40%\n";

/* A write on another connection, in a thread of its own, so that the
 * test can see whether it waits for a transaction the test holds: a save
 * of @draft, an import of @csv, or a close of @period. */
typedef struct
{
  TandemStore    *store;
  TandemActivity *draft;
  const char     *csv;
  TandemPlan     *plan;
  TandemPeriod   *period;
  GError         *error;
  gboolean        ok;
  gint            done;
} Job;

static gpointer
run_job (gpointer data)
{
  Job *job = data;

  if (job->draft != NULL)
    {
      g_autoptr (TandemActivity) saved
          = tandem_store_save_activity (job->store, job->draft, NULL, &job->error);

      job->ok = saved != NULL;
    }
  else if (job->csv != NULL)
    {
      g_autoptr (GInputStream) stream
          = g_memory_input_stream_new_from_data (job->csv, (gssize)strlen (job->csv), NULL);

      job->ok = tandem_store_import_activities (job->store, stream, TANDEM_DATA_FORMAT_CSV, NULL,
                                                NULL, NULL, NULL, NULL, &job->error);
    }
  else
    {
      g_autoptr (TandemSettlement) closed
          = tandem_settlement_close (job->store, job->plan, job->period, &job->error);

      job->ok = closed != NULL;
    }
  g_atomic_int_set (&job->done, 1);
  return NULL;
}

/* Whether the job ended within @seconds (polled; one that must go ahead
 * is given far more than it needs, one that must wait one second). */
static gboolean
job_ends_within (Job *job, double seconds)
{
  gint64 until = g_get_monotonic_time () + (gint64)(seconds * G_USEC_PER_SEC);

  while (!g_atomic_int_get (&job->done) && g_get_monotonic_time () < until)
    g_usleep (10000);
  return g_atomic_int_get (&job->done);
}

static void
finish_job (Job *job, GThread *thread)
{
  g_thread_join (thread);
  TANDEM_ASSERT_NO_ERROR (job->error);
  CU_ASSERT (job->ok);
  g_clear_object (&job->draft);
}

/* Starts @job, checks that it waits while the holder's transaction on
 * @db is open and ends once that commits. */
static void
waits_for (TandemDb *db, Job job)
{
  g_autoptr (GError) error = NULL;
  GThread *thread = g_thread_new ("job", run_job, &job);

  CU_ASSERT_FALSE (job_ends_within (&job, 1));
  CU_ASSERT (_tandem_db_commit (db, &error));
  TANDEM_ASSERT_NO_ERROR (error);
  /* (fatal: a job that waits past the commit would wait for ever) */
  CU_ASSERT_FATAL (job_ends_within (&job, 60));
  finish_job (&job, thread);
}

/* Runs @job while the holder's transaction is open: it must not wait for
 * it. */
static void
goes_ahead (Job job)
{
  GThread *thread = g_thread_new ("job", run_job, &job);

  /* (fatal: a job that waits for the holder would wait for ever) */
  CU_ASSERT_FATAL (job_ends_within (&job, 30));
  finish_job (&job, thread);
}

static Job
save (TandemStore *store, TandemActivity *draft)
{
  return (Job){ .store = store, .draft = draft };
}

static void
save_waits_for (TandemDb *db, TandemStore *store, TandemActivity *draft)
{
  waits_for (db, save (store, draft));
}

static void
save_goes_ahead (TandemStore *store, TandemActivity *draft)
{
  goes_ahead (save (store, draft));
}

/* Two stores on one database (two connections), a tandem with the
 * accounts ACME and Bäckerei Huber, and an order of ACME in November. */
typedef struct
{
  TandemStore    *holder;
  TandemStore    *writer;
  TandemDb       *db;
  TandemRep      *inside;
  TandemRep      *field;
  TandemTeam     *team;
  TandemAccount  *one;
  TandemAccount  *two;
  TandemActivity *order;
  TandemMoney    *amount;
  GDateTime      *when;
} Floor;

static gboolean
floor_set_up (Floor *f, const char *name)
{
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);
  g_autoptr (GError) error = NULL;

  memset (f, 0, sizeof *f);
  if (!tandem_test_on_postgresql ())
    return FALSE; /* SQLite has one writer at a time by design */
  f->holder = tandem_test_store_new (path, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  f->writer = tandem_test_store_new (path, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  f->db = _tandem_store_get_db (f->holder);
  f->when = g_date_time_new_utc (2026, 11, 3, 10, 0, 0);
  f->amount = tandem_money_new (10000, "EUR");
  tandem_test_add_tandem (f->holder, &f->inside, &f->field, &f->team, &f->one);
  f->two = tandem_store_add_account (f->holder, "Bäckerei Huber", f->team, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  f->order = tandem_store_log_activity (f->holder, f->one, f->field, TANDEM_ACTIVITY_KIND_ORDER,
                                        f->amount, f->when, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  return TRUE;
}

static void
floor_clear (Floor *f)
{
  g_clear_object (&f->order);
  g_clear_object (&f->one);
  g_clear_object (&f->two);
  g_clear_object (&f->team);
  g_clear_object (&f->inside);
  g_clear_object (&f->field);
  g_clear_object (&f->writer);
  g_clear_object (&f->holder);
  g_clear_pointer (&f->amount, tandem_money_unref);
  g_clear_pointer (&f->when, g_date_time_unref);
}

static TandemActivity *
draft (Floor *f, TandemAccount *account, TandemActivityKind kind, GDateTime *at)
{
  gboolean sale = kind != TANDEM_ACTIVITY_KIND_CALL;

  return tandem_activity_new (account, sale ? f->field : f->inside, kind, sale ? f->amount : NULL,
                              at, NULL);
}

/* On a server, the writer of one activity locks what its rules need: the
 * account's row (its lifecycle), the reversed or paid activity's row (its
 * limits), the lock of its time's month, which a close of a period up to
 * that month takes exclusively, and the writers' lock shared, which a
 * change of plans, reps or tandems takes whole. A test connection holds
 * each of these in turn; a writer on another connection waits exactly
 * when it needs what is held. */
static void
test_writers_lock_rows (void)
{
  g_autoptr (GError) error = NULL;
  Floor     f;
  TandemDb *db;

  if (!floor_set_up (&f, "rows.db"))
    return;
  db = f.db;

  /* account one held: an order for account two goes ahead, one for
   * account one waits until the holder commits */
  CU_ASSERT_FATAL (_tandem_db_begin_rows (db, tandem_account_get_id (f.one), 0,
                                          _tandem_time_to_usec (f.when), &error));
  save_goes_ahead (f.writer, draft (&f, f.two, TANDEM_ACTIVITY_KIND_ORDER, f.when));
  save_waits_for (db, f.writer, draft (&f, f.one, TANDEM_ACTIVITY_KIND_ORDER, f.when));

  /* the order held (from another account's writer): its reversal waits,
   * a call for its account does not */
  CU_ASSERT_FATAL (_tandem_db_begin_rows (db, tandem_account_get_id (f.two),
                                          tandem_activity_get_id (f.order),
                                          _tandem_time_to_usec (f.when), &error));
  save_goes_ahead (f.writer, draft (&f, f.one, TANDEM_ACTIVITY_KIND_CALL, f.when));
  save_waits_for (db, f.writer,
                  tandem_activity_new_reversal (f.order, f.field, NULL, f.when, NULL));

  /* a close of November in UTC: a call or an order from December 1,
   * 00:00 UTC on goes ahead; a call a microsecond earlier waits, and so
   * does an order of an earlier year (the logged call is PostgreSQL's one
   * round trip, the order the full path). A close of New York's November
   * (to December 1, 05:00 UTC) holds back the rest of that day in UTC
   * and all of November, not December 2. */
  {
    g_autoptr (GDateTime) december = g_date_time_new_utc (2026, 12, 1, 0, 0, 0);
    g_autoptr (GDateTime) new_york = g_date_time_new_utc (2026, 12, 1, 5, 0, 0);
    g_autoptr (GDateTime) early = g_date_time_new_utc (2026, 12, 1, 4, 0, 0);
    g_autoptr (GDateTime) later = g_date_time_new_utc (2026, 12, 2, 9, 0, 0);
    g_autoptr (GDateTime) november = g_date_time_add (december, -1);
    g_autoptr (GDateTime) mid_november = g_date_time_new_utc (2026, 11, 15, 9, 0, 0);
    g_autoptr (GDateTime) last_year = g_date_time_new_utc (2025, 6, 2, 9, 0, 0);

    CU_ASSERT_FATAL (_tandem_db_begin_before (db, _tandem_time_to_usec (december), &error));
    save_goes_ahead (f.writer, draft (&f, f.two, TANDEM_ACTIVITY_KIND_CALL, december));
    save_goes_ahead (f.writer, draft (&f, f.two, TANDEM_ACTIVITY_KIND_ORDER, later));
    save_waits_for (db, f.writer, draft (&f, f.two, TANDEM_ACTIVITY_KIND_CALL, november));
    CU_ASSERT_FATAL (_tandem_db_begin_before (db, _tandem_time_to_usec (december), &error));
    save_waits_for (db, f.writer, draft (&f, f.one, TANDEM_ACTIVITY_KIND_ORDER, last_year));

    CU_ASSERT_FATAL (_tandem_db_begin_before (db, _tandem_time_to_usec (new_york), &error));
    save_goes_ahead (f.writer, draft (&f, f.two, TANDEM_ACTIVITY_KIND_CALL, later));
    save_waits_for (db, f.writer, draft (&f, f.two, TANDEM_ACTIVITY_KIND_CALL, mid_november));
    CU_ASSERT_FATAL (_tandem_db_begin_before (db, _tandem_time_to_usec (new_york), &error));
    save_waits_for (db, f.writer, draft (&f, f.two, TANDEM_ACTIVITY_KIND_CALL, early));
  }

  /* a whole write transaction (as a change of plans, reps or tandems
   * takes): even a call in December waits */
  {
    g_autoptr (GDateTime) december = g_date_time_new_utc (2026, 12, 7, 9, 0, 0);

    CU_ASSERT_FATAL (_tandem_db_begin (db, &error));
    save_waits_for (db, f.writer, draft (&f, f.two, TANDEM_ACTIVITY_KIND_CALL, december));
  }
  TANDEM_ASSERT_NO_ERROR (error);
  floor_clear (&f);
}

/* An import holds back what its rows could change the rules of: other
 * imports, closes (the imports' lock) and the writers of sales, reversals
 * and payments (it locks every account's row); calls and visits go ahead
 * beside it. And an import waits for a close, for a writer holding an
 * account's row and for a change of plans or people. */
static void
test_imports_lock_accounts (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemPlan) plan = NULL;
  g_autoptr (TandemPeriod) october = NULL;
  g_autoptr (GDateTime) december = g_date_time_new_utc (2026, 12, 7, 9, 0, 0);
  char     *csv[5] = { NULL };
  Floor     f;
  TandemDb *db;

  if (!floor_set_up (&f, "imports.db"))
    return;
  db = f.db;
  plan = tandem_plan_new_from_data (plan_text, -1, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_FATAL (tandem_plan_add (f.holder, plan, &error));
  october = tandem_plan_parse_period (plan, "2026-10", &error);
  TANDEM_ASSERT_NO_ERROR (error);
  for (guint i = 0; i < G_N_ELEMENTS (csv); i++)
    csv[i] = g_strdup_printf ("ref,at,account,rep,kind,amount\n"
                              "imp-%u,2026-12-0%uT10:00:00Z,%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT
                              ",order,50.00 EUR\n",
                              i, i + 1, tandem_account_get_id (f.two), tandem_rep_get_id (f.field));

  /* an import held: a call and a visit go ahead, for either account, in
   * any month; an order, a reversal, an import and a close wait */
  CU_ASSERT_FATAL (_tandem_db_begin_import (db, &error));
  save_goes_ahead (f.writer, draft (&f, f.one, TANDEM_ACTIVITY_KIND_CALL, f.when));
  save_goes_ahead (f.writer, draft (&f, f.two, TANDEM_ACTIVITY_KIND_CALL, december));
  save_waits_for (db, f.writer, draft (&f, f.two, TANDEM_ACTIVITY_KIND_ORDER, december));
  CU_ASSERT_FATAL (_tandem_db_begin_import (db, &error));
  save_waits_for (db, f.writer,
                  tandem_activity_new_reversal (f.order, f.field, NULL, f.when, NULL));
  CU_ASSERT_FATAL (_tandem_db_begin_import (db, &error));
  waits_for (db, (Job){ .store = f.writer, .csv = csv[0] });
  CU_ASSERT_FATAL (_tandem_db_begin_import (db, &error));
  waits_for (db, (Job){ .store = f.writer, .plan = plan, .period = october });

  /* and the other way round: an import waits for a close (of an earlier
   * month than its rows), for an order's writer and for a change */
  CU_ASSERT_FATAL (_tandem_db_begin_before (
      db, _tandem_time_to_usec (f.when) - 30 * 24 * G_TIME_SPAN_HOUR, &error));
  waits_for (db, (Job){ .store = f.writer, .csv = csv[1] });
  CU_ASSERT_FATAL (_tandem_db_begin_rows (db, tandem_account_get_id (f.one), 0,
                                          _tandem_time_to_usec (december), &error));
  waits_for (db, (Job){ .store = f.writer, .csv = csv[2] });
  CU_ASSERT_FATAL (_tandem_db_begin (db, &error));
  waits_for (db, (Job){ .store = f.writer, .csv = csv[3] });
  /* nothing held: it goes ahead */
  goes_ahead ((Job){ .store = f.writer, .csv = csv[4] });
  TANDEM_ASSERT_NO_ERROR (error);
  for (guint i = 0; i < G_N_ELEMENTS (csv); i++)
    g_free (csv[i]);
  floor_clear (&f);
}

/* Eight writers at once, each on its own connection, each saving three
 * activities made by @make: how many were stored and how many refused as
 * over a limit (any other error fails the test). */
typedef TandemActivity *(*MakeFunc) (Floor *f, guint writer, guint i);

typedef struct
{
  Floor   *floor;
  MakeFunc make;
  guint    writer;
  guint    stored;
  guint    refused;
  GError  *error;
} Contender;

#define N_CONTENDERS 8
#define PER_CONTENDER 3

static gpointer
contend (gpointer data)
{
  Contender       *c = data;
  g_autofree char *path = g_build_filename (tmpdir, "contention.db", NULL);
  g_autoptr (TandemStore) store = tandem_test_store_new (path, &c->error);

  for (guint i = 0; store != NULL && i < PER_CONTENDER; i++)
    {
      g_autoptr (TandemActivity) draft = c->make (c->floor, c->writer, i);
      g_autoptr (TandemActivity) saved = NULL;
      g_autoptr (GError) local = NULL;

      saved = tandem_store_save_activity (store, draft, NULL, &local);
      if (saved != NULL)
        c->stored++;
      else if (g_error_matches (local, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID))
        c->refused++;
      else
        {
          g_propagate_error (&c->error, g_steal_pointer (&local));
          break;
        }
    }
  return NULL;
}

/* Runs the eight writers: of their 24 activities made by @make, @stored
 * must be stored and @refused refused as over a limit. */
static void
contenders_store (Floor *f, MakeFunc make, guint stored, guint refused)
{
  Contender c[N_CONTENDERS];
  GThread  *threads[N_CONTENDERS];
  guint     n_stored = 0, n_refused = 0;

  for (guint w = 0; w < N_CONTENDERS; w++)
    {
      c[w] = (Contender){ .floor = f, .make = make, .writer = w };
      threads[w] = g_thread_new ("contender", contend, &c[w]);
    }
  for (guint w = 0; w < N_CONTENDERS; w++)
    {
      g_thread_join (threads[w]);
      TANDEM_ASSERT_NO_ERROR (c[w].error);
      n_stored += c[w].stored;
      n_refused += c[w].refused;
    }
  CU_ASSERT_EQUAL (n_stored, stored);
  CU_ASSERT_EQUAL (n_refused, refused);
}

static TandemActivity *
make_reversal (Floor *f, guint writer, guint i)
{
  g_autoptr (TandemMoney) ten = tandem_money_new (1000, "EUR");

  return tandem_activity_new_reversal (f->order, f->field, ten, f->when, NULL);
}

static TandemActivity *
make_payment (Floor *f, guint writer, guint i)
{
  g_autoptr (TandemMoney) ten = tandem_money_new (1000, "EUR");

  return tandem_activity_new_payment (f->order, f->inside, ten, f->when, NULL);
}

/* orders of Bäckerei Huber (made now, a prospect), dated after it was made */
static TandemActivity *
make_order (Floor *f, guint writer, guint i)
{
  g_autoptr (GDateTime) at = g_date_time_new_utc (2031, 1 + i, 1 + writer, 10, 0, 0);

  return tandem_activity_new (f->two, f->field, TANDEM_ACTIVITY_KIND_ORDER, f->amount, at, NULL);
}

/* Reversal and payment limits and the account's lifecycle stay exact
 * while eight writers save at once: of 24 reversals of 10.00 EUR of an
 * order of 100.00 EUR exactly 10 are stored; then of 24 payments of 10.00
 * EUR none (all of it is reversed), and of 24 of another order 10; of 24
 * orders of a prospect, dated in three months, every one is stored and
 * the account's history has one change to a customer (a first order) and
 * then one to a regular customer (which orders cause them depends on
 * which writer comes first: an order dated before the latest change only
 * counts). Sales, reversals and payments take the server's one-round-trip
 * function or the full path, side by side. */
static void
test_limits_under_contention (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) history = NULL;
  g_autoptr (TandemActivity) paid_order = NULL;
  Floor f;

  if (!floor_set_up (&f, "contention.db"))
    return;

  contenders_store (&f, make_reversal, 10, 14);
  contenders_store (&f, make_payment, 0, 24);

  /* an order of its own for payments: 10 of 24 */
  paid_order = tandem_store_log_activity (f.holder, f.one, f.field, TANDEM_ACTIVITY_KIND_ORDER,
                                          f.amount, f.when, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  g_set_object (&f.order, paid_order);
  contenders_store (&f, make_payment, 10, 14);

  contenders_store (&f, make_order, 24, 0);
  history = tandem_stage_change_list (f.holder, f.two, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL_FATAL (g_list_model_get_n_items (history), 3);
  {
    g_autoptr (TandemStageChange) first = g_list_model_get_item (history, 1);
    g_autoptr (TandemStageChange) regular = g_list_model_get_item (history, 2);

    CU_ASSERT_EQUAL (tandem_stage_change_get_stage (first), TANDEM_ACCOUNT_STAGE_CUSTOMER);
    CU_ASSERT_EQUAL (tandem_stage_change_get_cause (first), TANDEM_STAGE_CAUSE_FIRST_ORDER);
    CU_ASSERT_EQUAL (tandem_stage_change_get_stage (regular), TANDEM_ACCOUNT_STAGE_REGULAR);
    CU_ASSERT_EQUAL (tandem_stage_change_get_cause (regular), TANDEM_STAGE_CAUSE_REPEAT_ORDERS);
    /* (the same time when orders dated before the first one came later) */
    CU_ASSERT (g_date_time_compare (tandem_stage_change_get_changed_at (first),
                                    tandem_stage_change_get_changed_at (regular))
               <= 0);
  }
  floor_clear (&f);
}

int
main (void)
{
  const TandemTestCase cases[] = {
    TANDEM_TEST (test_writers_lock_rows),
    TANDEM_TEST (test_imports_lock_accounts),
    TANDEM_TEST (test_limits_under_contention),
  };
  int status;

  tmpdir = tandem_test_make_tmpdir ();
  status = tandem_test_run ("locks", cases, G_N_ELEMENTS (cases));
  tandem_test_remove_tree (tmpdir);
  g_free (tmpdir);
  return status;
}
