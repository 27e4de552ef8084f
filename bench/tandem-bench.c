/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-bench.c: benchmarks of libtandem against the raw SQL baseline,
 * measured in the same run on the same data.
 *
 *   tandem-bench import [ROWS...]    import vs sqlite3 .import, rows/s, peak RSS
 *   tandem-bench postgresql ROWS     the same against a PostgreSQL server
 *                                    (PGHOST etc., e.g. under pg_virtualenv):
 *                                    import vs psql \copy, settle vs the raw
 *                                    aggregate, 8 loggers vs raw INSERTs
 *   tandem-bench size [PER_MONTH [MONTHS]]
 *                                    the size plan: months of activities loaded
 *                                    one by one into PostgreSQL, November's
 *                                    settle and KPIs after each, against the
 *                                    raw aggregates, and the table's size
 *
 * Data is generated from a fixed seed. Every figure is printed beside its
 * baseline and the ratio; nothing here is a pass/fail test. */

#include <errno.h>
#include <glib/gstdio.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <tandem.h>

#define N_TEAMS 1000
#define N_ACCOUNTS 20000

typedef struct
{
  double   seconds;
  long     max_rss_kib;
  guint64  rows;
  gboolean ok;
} Measure;

static char *workdir;

static double
now_seconds (void)
{
  return g_get_monotonic_time () / 1e6;
}

/* The reps, tandems and accounts every scenario shares. */
static gboolean
seed_store (const char *path, GError **error)
{
  g_autoptr (TandemStore) store = tandem_store_new_for_uri (path, error);
  g_autoptr (GDateTime) since = g_date_time_new_utc (2026, 1, 1, 0, 0, 0);
  g_autoptr (GPtrArray) teams = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (TandemMoney) target = tandem_money_parse ("50000.00 EUR", NULL);

  if (store == NULL)
    return FALSE;

  for (guint t = 0; t < N_TEAMS; t++)
    {
      g_autofree char *in_name = g_strdup_printf ("Inside %u", t);
      g_autofree char *field_name = g_strdup_printf ("Field %u", t);
      g_autoptr (TandemRep) inside
          = tandem_store_add_rep (store, in_name, TANDEM_ROLE_INSIDE, error);
      g_autoptr (TandemRep) field
          = inside ? tandem_store_add_rep (store, field_name, TANDEM_ROLE_FIELD, error) : NULL;
      g_autoptr (TandemTeam) draft = NULL;
      TandemTeam *team;

      if (field == NULL)
        return FALSE;
      draft = tandem_team_new (NULL, inside, field, error);
      tandem_team_set_target (draft, target);
      team = tandem_store_save_team (store, draft, since, error);
      if (team == NULL)
        return FALSE;
      g_ptr_array_add (teams, team);
    }

  for (guint a = 0; a < N_ACCOUNTS; a++)
    {
      g_autofree char *name = g_strdup_printf ("Kunde %05u GmbH", a);
      g_autoptr (TandemAccount) draft = tandem_account_new (name, teams->pdata[a % N_TEAMS]);
      g_autoptr (TandemAccount) account = tandem_store_save_account (store, draft, since, error);

      if (account == NULL)
        return FALSE;
    }

  return TRUE;
}

/* Writes ROWS seeded activities from @start over @span seconds as CSV,
 * references PREFIX00000000 on. Account a belongs to tandem a % N_TEAMS,
 * whose reps are 2t+1 (inside) and 2t+2 (field). */
static char *
generate_csv_span (guint64 rows, gint64 start, gint64 span, const char *prefix)
{
  static const struct
  {
    const char *kind;
    guint       weight;
    gboolean    amount;
  } kinds[] = {
    { "call", 40, FALSE },   { "visit", 15, FALSE },   { "appointment", 10, FALSE },
    { "offer", 10, TRUE },   { "order", 12, TRUE },    { "cross-sell", 5, TRUE },
    { "up-sell", 4, TRUE },  { "referral", 2, FALSE }, { "shadowing", 1, FALSE },
    { "support", 1, FALSE },
  };
  g_autofree char *name = g_strdup_printf ("activities-%s%" G_GUINT64_FORMAT ".csv", prefix, rows);
  char            *path = g_build_filename (workdir, name, NULL);
  g_autoptr (GRand) rand = g_rand_new_with_seed (42);
  FILE *out = fopen (path, "w");

  g_assert (out != NULL);
  fputs ("ref,at,account,rep,kind,amount\n", out);
  for (guint64 i = 0; i < rows; i++)
    {
      guint  account = g_rand_int_range (rand, 0, N_ACCOUNTS);
      guint  team = account % N_TEAMS;
      guint  rep = 2 * team + 1 + (g_rand_boolean (rand) ? 1 : 0);
      guint  pick = g_rand_int_range (rand, 0, 100);
      guint  k = 0;
      gint64 t = start + (gint64)(i * (guint64)span / rows);
      g_autoptr (GDateTime) dt = g_date_time_new_from_unix_utc (t);
      g_autofree char *at = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");

      while (pick >= kinds[k].weight)
        pick -= kinds[k++].weight;

      fprintf (out, "%s%08" G_GUINT64_FORMAT ",%s,%u,%u,%s,", prefix, i, at, account + 1, rep,
               kinds[k].kind);
      if (kinds[k].amount)
        fprintf (out, "%d.%02d EUR", g_rand_int_range (rand, 50, 20000),
                 g_rand_int_range (rand, 0, 100));
      fputc ('\n', out);
    }
  fclose (out);
  return path;
}

/* ROWS activities over Q4 2026 (2026-10-01 on, 92 days). */
static char *
generate_csv (guint64 rows)
{
  return generate_csv_span (rows, 1790812800, 92 * 86400, "A");
}

/* The same rows as generate_csv(), as COPY text for libtandem's own
 * activity table (times in microseconds, amounts in cents, kinds by
 * number): what the raw tool loads into the identical table. */
static char *
activity_copy_from_csv (const char *csv)
{
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;
  char *path = g_strconcat (csv, ".copy", NULL);
  FILE *out;

  if (!g_file_get_contents (csv, &text, NULL, NULL))
    return path;
  lines = g_strsplit (text, "\n", -1);
  g_clear_pointer (&text, g_free);
  out = fopen (path, "w");
  g_assert (out != NULL);
  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_auto (GStrv) f = g_strsplit (lines[i], ",", 6);
      g_autoptr (GDateTime) at = g_date_time_new_from_iso8601 (f[1], NULL);
      TandemActivityKind kind = 0;
      g_autofree char   *amount = NULL;

      tandem_activity_kind_from_nick (f[4], &kind, NULL);
      if (f[5] != NULL && f[5][0] != '\0')
        {
          g_autoptr (TandemMoney) money = tandem_money_parse (f[5], NULL);

          amount
              = g_strdup_printf ("%" G_GINT64_FORMAT "\tEUR", tandem_money_get_minor_units (money));
        }
      fprintf (out, "%s\t%s\t%d\t%s\t%" G_GINT64_FORMAT "\t%s\n", f[2], f[3], kind,
               amount ? amount : "\\N\t\\N", g_date_time_to_unix (at) * G_USEC_PER_SEC, f[0]);
    }
  fclose (out);
  return path;
}

/* A child_setup makes g_spawn fork rather than posix_spawn (vfork):
 * Linux counts the memory image a child had before exec in its peak RSS,
 * and with vfork that image is the parent's at its peak. */
static void
forked_child (gpointer data)
{
}

/* Runs argv as a child and measures its wall time and peak RSS. The
 * parent gives back its free memory first, so that the child's peak is
 * its own. */
static Measure
measure_child (const char *const *argv)
{
  Measure       m = { 0 };
  struct rusage usage;
  int           status = 0;
  double        t0 = now_seconds ();
  GPid          pid;
  g_autoptr (GError) error = NULL;

  malloc_trim (0);
  if (!g_spawn_async (NULL, (char **)argv, NULL,
                      G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                      forked_child, NULL, &pid, &error))
    {
      g_printerr ("cannot run %s: %s\n", argv[0], error->message);
      return m;
    }

  while (wait4 (pid, &status, 0, &usage) < 0 && errno == EINTR)
    ;
  m.seconds = now_seconds () - t0;
  m.max_rss_kib = usage.ru_maxrss;
  m.ok = WIFEXITED (status) && WEXITSTATUS (status) == 0;
  return m;
}

static const char *bench_plan
    = "[Plan]\nName=Bench\nCurrency=EUR\nPeriod=month\nTimeZone=Europe/Berlin\n"
      "CommissionRate=5%\nInsideShare=40%\n"
      "[Kind cross-sell]\nInsideShare=70%\n"
      "[TeamBonus]\nAttainment=100%\nAmount=1000.00 EUR\nSplit=contribution\n"
      "[Accelerator]\nAbove=120%\nMultiplier=1.5\n"
      "[Cap]\nPerRep=10000.00 EUR\n"
      "[Referral]\nAmount=50.00 EUR\n"
      "[Clawback]\nWindowDays=90\n";

/* A path opens read-only; a server URI as any client would. */
static TandemStore *
open_for_reading (const char *db, GError **error)
{
  if (g_str_has_prefix (db, "postgres"))
    return tandem_store_new_for_uri (db, error);
  return tandem_store_new_for_path_full (db, TANDEM_STORE_FLAGS_READ_ONLY, error);
}

/* The child side of a settlement measurement: settle November. */
static int
child_settle (const char *db)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemStore) store = open_for_reading (db, &error);
  g_autoptr (TandemPlan) plan = tandem_plan_new_from_data (bench_plan, -1, &error);
  g_autoptr (TandemPeriod) period = tandem_period_parse ("2026-11", NULL);
  g_autoptr (TandemSettlement) settlement = NULL;
  g_autoptr (GListModel) lines = NULL;

  if (store == NULL || plan == NULL
      || (settlement = tandem_settlement_new (store, plan, period, &error)) == NULL)
    {
      g_printerr ("settle failed: %s\n", error->message);
      return 1;
    }
  lines = tandem_settlement_get_lines (settlement);
  g_print ("%u\n", g_list_model_get_n_items (lines));
  return 0;
}

/* Plans over time on a copy of the store: the plan as version 1 and a
 * second version from November, a target per tandem for November, a
 * recoverable draw for every tenth inside rep from October, a CHF→EUR
 * rate at two dates and 1,000 orders in CHF in November. */
static gboolean
add_plans_over_time (const char *db, GError **error)
{
  g_autoptr (TandemStore) store = tandem_store_new_for_path (db, error);
  g_autoptr (TandemPlan) v1 = tandem_plan_new_from_data (bench_plan, -1, error);
  g_autofree char *v2_text = NULL;
  g_autoptr (TandemPlan) v2 = NULL;
  g_autoptr (TandemPeriod) oct = tandem_period_parse ("2026-10", NULL);
  g_autoptr (TandemPeriod) nov = tandem_period_parse ("2026-11", NULL);
  g_autoptr (GListModel) teams = NULL;
  g_autoptr (GListModel) accounts = NULL;
  g_autoptr (GDateTime) first = g_date_time_new_from_iso8601 ("2026-10-01T00:00:00Z", NULL);
  g_autoptr (GDateTime) second = g_date_time_new_from_iso8601 ("2026-11-15T00:00:00Z", NULL);

  if (store == NULL || v1 == NULL || !tandem_plan_add (store, v1, error))
    return FALSE;
  v2_text = g_strconcat ("[Plan]\nName=Bench\nCurrency=EUR\nPeriod=month\nTimeZone=Europe/Berlin\n"
                         "CommissionRate=6%\n",
                         strstr (bench_plan, "\nInsideShare") + 1, NULL);
  v2 = tandem_plan_new_from_data (v2_text, -1, error);
  if (v2 == NULL || !tandem_plan_version_add (store, v2, nov, NULL, error)
      || !tandem_exchange_rate_set (store, "CHF", "EUR", "0.9412", first, error)
      || !tandem_exchange_rate_set (store, "CHF", "EUR", "0.95", second, error))
    return FALSE;
  if ((teams = tandem_store_list_teams (store, error)) == NULL)
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (teams); i++)
    {
      g_autoptr (TandemTeam) team = g_list_model_get_item (teams, i);
      g_autoptr (TandemMoney) target = tandem_money_new (100000 + 1000 * (i % 500), "EUR");
      g_autoptr (TandemMoney) draw_amount = tandem_money_new (150000, "EUR");
      g_autoptr (TandemDraw) draw = NULL;

      if (!tandem_target_set (store, team, nov, target, error))
        return FALSE;
      if (i % 10 != 0)
        continue;
      draw = tandem_draw_set (store, tandem_team_get_inside_rep (team), draw_amount, oct, NULL,
                              TRUE, error);
      if (draw == NULL)
        return FALSE;
    }

  if ((accounts = tandem_store_list_accounts (store, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < 1000; i++)
    {
      g_autoptr (TandemAccount) account
          = g_list_model_get_item (accounts, (i * 7919) % g_list_model_get_n_items (accounts));
      g_autoptr (TandemMoney) amount = tandem_money_new (10000 + 37 * i, "CHF");
      g_autofree char *when = g_strdup_printf ("2026-11-%02uT10:00:00Z", 1 + i % 28);
      g_autoptr (GDateTime) t = g_date_time_new_from_iso8601 (when, NULL);
      g_autoptr (TandemActivity) order = tandem_store_log_activity (
          store, account, tandem_team_get_inside_rep (tandem_account_get_team (account)),
          TANDEM_ACTIVITY_KIND_ORDER, amount, t, error);

      if (order == NULL)
        return FALSE;
    }
  return TRUE;
}

/* Closes @label with the version of Bench in effect then. */
static int
child_close (const char *db, const char *label)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemStore) store = tandem_store_new_for_path (db, &error);
  g_autoptr (TandemPeriod) period = tandem_period_parse (label, NULL);
  g_autoptr (TandemPlan) plan = NULL;
  g_autoptr (TandemSettlement) closed = NULL;

  if (store == NULL || (plan = tandem_plan_load_at (store, "Bench", period, &error)) == NULL
      || (closed = tandem_settlement_close (store, plan, period, &error)) == NULL)
    {
      g_printerr ("close failed: %s\n", error->message);
      return 1;
    }
  return 0;
}

/* The child side of that measurement: November with the version in
 * effect, the targets, the draws (their balances from October, settled
 * first) and the CHF orders converted. */
static int
child_settle_plans (const char *db)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemStore) store = open_for_reading (db, &error);
  g_autoptr (TandemPeriod) period = tandem_period_parse ("2026-11", NULL);
  g_autoptr (TandemPlan) plan = NULL;
  g_autoptr (TandemSettlement) settlement = NULL;

  if (store == NULL || (plan = tandem_plan_load_at (store, "Bench", period, &error)) == NULL
      || (settlement = tandem_settlement_new (store, plan, period, &error)) == NULL)
    {
      g_printerr ("settle failed: %s\n", error->message);
      return 1;
    }
  g_print ("%u version %u\n", g_list_model_get_n_items (tandem_settlement_get_lines (settlement)),
           tandem_settlement_get_plan_version (settlement));
  return 0;
}

/* The child side of a KPI measurement: every tandem's key figures for
 * November. */
static int
child_kpi (const char *db)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemStore) store = open_for_reading (db, &error);
  g_autoptr (TandemPlan) plan = tandem_plan_new_from_data (bench_plan, -1, &error);
  g_autoptr (TandemPeriod) period = tandem_period_parse ("2026-11", NULL);
  g_autoptr (GListModel) kpis = NULL;

  if (store == NULL || plan == NULL
      || (kpis = tandem_kpi_compute (store, plan, period, &error)) == NULL)
    {
      g_printerr ("kpi failed: %s\n", error->message);
      return 1;
    }
  g_print ("%u\n", g_list_model_get_n_items (kpis));
  return 0;
}

/* The C side of the binding comparison: settle, then time iterating the
 * first N lines (amount and explanation of each). */
static int
child_iterate (const char *db, const char *plan_path, guint n)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemStore) store
      = tandem_store_new_for_path_full (db, TANDEM_STORE_FLAGS_READ_ONLY, &error);
  g_autoptr (TandemPlan) plan = store ? tandem_plan_new_from_file (plan_path, &error) : NULL;
  g_autoptr (TandemPeriod) period = tandem_period_parse ("2026-11", NULL);
  g_autoptr (TandemSettlement) settlement = NULL;
  g_autoptr (GListModel) lines = NULL;
  gint64 total = 0;
  gsize  chars = 0;
  double t0;

  if (plan == NULL || (settlement = tandem_settlement_new (store, plan, period, &error)) == NULL)
    {
      g_printerr ("iterate failed: %s\n", error->message);
      return 1;
    }
  lines = tandem_settlement_get_lines (settlement);
  n = MIN (n, g_list_model_get_n_items (lines));
  t0 = now_seconds ();
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (TandemPayoutLine) line = g_list_model_get_item (lines, i);

      total += tandem_money_get_minor_units (tandem_payout_line_get_amount (line));
      chars += g_utf8_strlen (tandem_payout_line_get_explanation (line), -1);
    }
  g_print ("%.6f %u %" G_GINT64_FORMAT " %" G_GSIZE_FORMAT "\n", now_seconds () - t0, n, total,
           chars);
  return 0;
}

/* Runs argv and reads the seconds it prints first. */
static double
child_seconds (const char *const *argv, guint *n)
{
  g_autofree char *out = NULL;
  g_autoptr (GError) error = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL,
                     &status, &error)
      || !g_spawn_check_wait_status (status, &error) || out == NULL)
    {
      g_printerr ("%s failed: %s\n", argv[0], error ? error->message : "no output");
      return -1;
    }
  if (n != NULL)
    *n = (guint)g_ascii_strtoull (strchr (out, ' ') ? strchr (out, ' ') + 1 : "0", NULL, 10);
  return g_ascii_strtod (out, NULL);
}

/* The child side of an import measurement: import CSV into DB. */
static int
child_import (const char *db, const char *csv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemStore) store = tandem_store_new_for_uri (db, &error);
  g_autoptr (GFile) file = g_file_new_for_path (csv);
  g_autoptr (GFileInputStream) in = NULL;
  guint64 inserted = 0;

  if (store == NULL || (in = g_file_read (file, NULL, &error)) == NULL
      || !tandem_store_import_activities (store, G_INPUT_STREAM (in), TANDEM_DATA_FORMAT_CSV, NULL,
                                          NULL, &inserted, NULL, NULL, &error))
    {
      g_printerr ("import failed: %s\n", error->message);
      return 1;
    }
  return 0;
}

static const char *raw_schema
    = "CREATE TABLE raw_activity (ref TEXT UNIQUE, at TEXT NOT NULL, account INTEGER NOT NULL, "
      "rep INTEGER NOT NULL, kind TEXT NOT NULL, amount TEXT);"
      "CREATE INDEX raw_activity_time ON raw_activity (at);"
      "CREATE INDEX raw_activity_account ON raw_activity (account, at, kind);";

static gsize
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (gsize)st.st_size : 0;
}

static int
compare_seconds (gconstpointer a, gconstpointer b)
{
  double x = ((const Measure *)a)->seconds, y = ((const Measure *)b)->seconds;

  return (x > y) - (x < y);
}

/* Runs @ours_argv and @base_argv MEDIAN_RUNS times each, in turn, and
 * gives each side's median time with its highest peak RSS: a run that
 * reads a file first, or that another process on the shared machine
 * slows down, does not decide a ratio. */
#define MEDIAN_RUNS 3

static Measure
measure_median (const char *const *ours_argv, const char *const *base_argv, Measure *base_out)
{
  Measure ours[MEDIAN_RUNS], base[MEDIAN_RUNS];
  Measure o, b;

  for (guint i = 0; i < MEDIAN_RUNS; i++)
    {
      ours[i] = measure_child (ours_argv);
      base[i] = measure_child (base_argv);
    }
  qsort (ours, MEDIAN_RUNS, sizeof (Measure), compare_seconds);
  qsort (base, MEDIAN_RUNS, sizeof (Measure), compare_seconds);
  o = ours[MEDIAN_RUNS / 2];
  b = base[MEDIAN_RUNS / 2];
  for (guint i = 0; i < MEDIAN_RUNS; i++)
    {
      o.max_rss_kib = MAX (o.max_rss_kib, ours[i].max_rss_kib);
      b.max_rss_kib = MAX (b.max_rss_kib, base[i].max_rss_kib);
      o.ok = o.ok && ours[i].ok;
      b.ok = b.ok && base[i].ok;
    }
  *base_out = b;
  return o;
}

/* Times a libtandem child against a baseline child (the median of three
 * runs each) and prints a row (and one for their peak memory with @rss). */
static void
compare_children (const char        *label,
                  guint64            rows,
                  const char *const *ours_argv,
                  const char *const *base_argv,
                  gboolean           rss)
{
  Measure base;
  Measure ours = measure_median (ours_argv, base_argv, &base);

  printf ("| %s %-7" G_GUINT64_FORMAT
          " | %8.2f s                    | %8.2f s                    | %5.2fx |\n",
          label, rows, ours.seconds, base.seconds, ours.seconds / base.seconds);
  if (rss)
    printf ("| %s RSS %-7" G_GUINT64_FORMAT
            " | %12.1f MiB            | %12.1f MiB            | %5.2fx |\n",
            label, rows, ours.max_rss_kib / 1024.0, base.max_rss_kib / 1024.0,
            (double)ours.max_rss_kib / base.max_rss_kib);
  if (!ours.ok || !base.ok)
    printf ("| (a run failed: ours %s, baseline %s)\n", ours.ok ? "ok" : "FAILED",
            base.ok ? "ok" : "FAILED");
  fflush (stdout);
}

static void
bench_import (const char *self_exe, guint64 rows)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *csv = generate_csv (rows);
  g_autofree char *db = g_strdup_printf ("%s/tandem-%" G_GUINT64_FORMAT ".db", workdir, rows);
  g_autofree char *raw = g_strdup_printf ("%s/raw-%" G_GUINT64_FORMAT ".db", workdir, rows);
  g_autofree char *script = NULL;
  Measure          ours, base;

  if (!seed_store (db, &error))
    {
      g_printerr ("seeding failed: %s\n", error->message);
      return;
    }

  {
    const char *argv[] = { self_exe, "child-import", db, csv, NULL };
    ours = measure_child (argv);
  }

  script = g_strdup_printf (
      "PRAGMA journal_mode=WAL;\n%s\n.import --csv --skip 1 %s raw_activity\n", raw_schema, csv);
  {
    g_autofree char *sql_path = g_build_filename (workdir, "import.sql", NULL);
    g_autofree char *read_cmd = NULL;

    g_file_set_contents (sql_path, script, -1, NULL);
    read_cmd = g_strdup_printf (".read %s", sql_path);
    {
      const char *argv[] = { "sqlite3", raw, read_cmd, NULL };
      base = measure_child (argv);
    }
  }

  printf ("| import %-9" G_GUINT64_FORMAT
          " | %8.2f s  %9.0f rows/s | %8.2f s  %9.0f rows/s | %5.2fx |\n",
          rows, ours.seconds, rows / ours.seconds, base.seconds, rows / base.seconds,
          ours.seconds / base.seconds);
  printf ("| peak RSS %-7" G_GUINT64_FORMAT
          " | %12.1f MiB            | %12.1f MiB            | %5.2fx |\n",
          rows, ours.max_rss_kib / 1024.0, base.max_rss_kib / 1024.0,
          (double)ours.max_rss_kib / base.max_rss_kib);
  printf ("| disk size %-6" G_GUINT64_FORMAT
          " | %12.1f B/row          | %12.1f B/row          | %5.2fx |\n",
          rows, (double)file_size (db) / rows, (double)file_size (raw) / rows,
          (double)file_size (db) / file_size (raw));
  if (!ours.ok || !base.ok)
    printf ("| (a run failed: ours %s, baseline %s)\n", ours.ok ? "ok" : "FAILED",
            base.ok ? "ok" : "FAILED");
  fflush (stdout);

  /* the import sizes SQLite's page cache to 24 MiB while it runs: the
   * baseline with the same cache, for a like-for-like figure */
  {
    g_autofree char *raw_cached
        = g_strdup_printf ("%s/raw-cached-%" G_GUINT64_FORMAT ".db", workdir, rows);
    g_autofree char *sql_path = g_build_filename (workdir, "import-cached.sql", NULL);
    g_autofree char *cached_script
        = g_strdup_printf ("PRAGMA journal_mode=WAL;\nPRAGMA cache_size=-24576;\n%s\n.import "
                           "--csv --skip 1 %s raw_activity\n",
                           raw_schema, csv);
    g_autofree char *read_cmd = g_strdup_printf (".read %s", sql_path);
    const char      *argv[] = { "sqlite3", raw_cached, read_cmd, NULL };
    Measure          cached;

    g_file_set_contents (sql_path, cached_script, -1, NULL);
    cached = measure_child (argv);
    printf ("| import %-9" G_GUINT64_FORMAT
            " | %8.2f s  %9.0f rows/s | %8.2f s (.import, 24 MiB cache) | %5.2fx |\n",
            rows, ours.seconds, rows / ours.seconds, cached.seconds, ours.seconds / cached.seconds);
    g_unlink (raw_cached);
    fflush (stdout);
  }

  /* (b) settle November vs the raw aggregate the same report needs */
  {
    const char *argv[] = { self_exe, "child-settle", db, NULL };
    const char *raw_sql = "SELECT account, sum(CAST(substr(amount, 1, length(amount) - 4) AS "
                          "REAL)) FROM raw_activity "
                          "WHERE at >= '2026-10-31T23:00:00Z' AND at < '2026-11-30T23:00:00Z' "
                          "AND kind IN ('order', 'cross-sell', 'up-sell') GROUP BY account;";
    const char *raw_argv[] = { "sqlite3", raw, raw_sql, NULL };

    compare_children ("settle month", rows, argv, raw_argv, TRUE);
  }

  /* the same month with plans over time, on a copy of the store */
  {
    g_autofree char *copy = g_strdup_printf ("%s/plans-%" G_GUINT64_FORMAT ".db", workdir, rows);
    g_autofree char *bytes = NULL;
    gsize            length = 0;
    const char      *argv[] = { self_exe, "child-settle-plans", copy, NULL };
    const char      *raw_sql = "SELECT account, sum(CAST(substr(amount, 1, length(amount) - 4) AS "
                               "REAL)) FROM raw_activity "
                               "WHERE at >= '2026-10-31T23:00:00Z' AND at < '2026-11-30T23:00:00Z' "
                               "AND kind IN ('order', 'cross-sell', 'up-sell') GROUP BY account;";
    const char      *raw_argv[] = { "sqlite3", raw, raw_sql, NULL };

    const char *prepare_argv[] = { self_exe, "child-prepare-plans", copy, NULL };
    gboolean    copied = g_file_get_contents (db, &bytes, &length, &error)
                      && g_file_set_contents (copy, bytes, (gssize)length, &error);

    /* a child's peak RSS starts from its parent's: nothing big stays here,
     * and the store is prepared in a child too */
    g_clear_pointer (&bytes, g_free);
    if (!copied)
      printf ("| (plans over time: %s)\n", error->message);
    else if (!measure_child (prepare_argv).ok)
      printf ("| (plans over time: preparing the store failed)\n");
    else
      {
        const char *close_argv[] = { self_exe, "child-close", copy, "2026-10", NULL };

        /* October open: the draws' balances settle October first */
        compare_children ("settle plans", rows, argv, raw_argv, TRUE);
        /* October closed, as a month is once paid: its draw lines are read */
        if (measure_child (close_argv).ok)
          compare_children ("settle plans, Oct closed", rows, argv, raw_argv, TRUE);
      }
    g_clear_error (&error);
    g_unlink (copy);
  }

  /* KPIs of November vs the raw aggregate by account and kind */
  {
    const char *argv[] = { self_exe, "child-kpi", db, NULL };
    const char *raw_sql
        = "SELECT account, kind, count(*), sum(CAST(substr(amount, 1, length(amount) - 4) AS "
          "REAL)) "
          "FROM raw_activity WHERE at >= '2026-10-31T23:00:00Z' AND at < '2026-11-30T23:00:00Z' "
          "GROUP BY account, kind;";
    const char *raw_argv[] = { "sqlite3", raw, raw_sql, NULL };

    compare_children ("KPIs month", rows, argv, raw_argv, FALSE);
  }

  /* the command a user runs: tandem --json settle against the text table
   * of the same settlement (both write to /dev/null) */
  if (g_getenv ("TANDEM_BENCH_CLI") != NULL)
    {
      const char      *cli = g_getenv ("TANDEM_BENCH_CLI");
      g_autofree char *plan_path = g_build_filename (workdir, "cli-plan.ini", NULL);
      g_autofree char *db_arg = g_strconcat ("--db=", db, NULL);
      const char      *load_argv[] = { cli, db_arg, "-q", "plan", "load", plan_path, NULL };
      const char      *json_argv[] = { cli, db_arg, "-q", "--json", "settle", "2026-11", NULL };
      const char      *text_argv[] = { cli, db_arg, "-q", "settle", "2026-11", NULL };
      Measure          load;

      g_file_set_contents (plan_path, bench_plan, -1, NULL);
      load = measure_child (load_argv);
      if (!load.ok)
        printf ("| (tandem plan load FAILED)\n");
      compare_children ("tandem --json settle vs text", rows, json_argv, text_argv, TRUE);

      /* the other outputs that stream: one rep's statement, the KPIs */
      {
        const char *st_json[] = { cli, db_arg, "-q", "--json", "statement", "1", "2026-11", NULL };
        const char *st_text[] = { cli, db_arg, "-q", "statement", "1", "2026-11", NULL };
        const char *kpi_json[] = { cli, db_arg, "-q", "--json", "kpi", "2026-11", NULL };
        const char *kpi_text[] = { cli, db_arg, "-q", "kpi", "2026-11", NULL };

        compare_children ("tandem --json statement vs text", rows, st_json, st_text, TRUE);
        compare_children ("tandem --json kpi vs text", rows, kpi_json, kpi_text, TRUE);
      }

      /* what-if: simulating a month settles it twice, under the candidate
       * and the stored plan, and writes nothing (target: at most 2.5x
       * `tandem settle` of the month, the text table) */
      {
        const char *sim_argv[]
            = { cli, db_arg, "-q", "--json", "simulate", "2026-11", "--plan", plan_path, NULL };

        compare_children ("tandem simulate month vs settle", rows, sim_argv, text_argv, TRUE);
      }
    }

  /* (d) iterating 100,000 payout lines from Python and GJS vs C */
  if ((rows >= 1000000 || g_getenv ("TANDEM_BENCH_QUICK") != NULL)
      && g_getenv ("TANDEM_BENCH_DIR") != NULL)
    {
      g_autofree char *plan_path = g_build_filename (workdir, "plan.ini", NULL);
      g_autofree char *py = g_build_filename (g_getenv ("TANDEM_BENCH_DIR"), "iterate.py", NULL);
      g_autofree char *js = g_build_filename (g_getenv ("TANDEM_BENCH_DIR"), "iterate.js", NULL);
      const char      *c_argv[] = { self_exe, "child-iterate", db, plan_path, "100000", NULL };
      const char      *py_argv[] = { "/usr/bin/python3", py, db, plan_path, "100000", NULL };
      const char      *js_argv[] = { "gjs", "-m", js, db, plan_path, "100000", NULL };
      g_autofree char *js_batch
          = g_build_filename (g_getenv ("TANDEM_BENCH_DIR"), "iterate-batch.js", NULL);
      const char *js_batch_argv[] = { "gjs", "-m", js_batch, db, plan_path, "100000", NULL };
      guint       n = 0;
      double      c_s, py_s, js_s, js_batch_s;

      g_file_set_contents (plan_path, bench_plan, -1, NULL);
      c_s = child_seconds (c_argv, &n);
      py_s = child_seconds (py_argv, NULL);
      js_s = child_seconds (js_argv, NULL);
      js_batch_s = child_seconds (js_batch_argv, NULL);
      printf ("| iterate %6u lines Python | %8.3f s                    | %8.3f s (C)               "
              " | %5.2fx |\n",
              n, py_s, c_s, py_s / c_s);
      printf ("| iterate %6u lines GJS    | %8.3f s                    | %8.3f s (C)               "
              " | %5.2fx |\n",
              n, js_s, c_s, js_s / c_s);
      printf ("| iterate %6u lines GJS, batches of lines_to_json | %8.3f s   | %8.3f s (C) | "
              "%5.2fx |\n",
              n, js_batch_s, c_s, js_batch_s / c_s);
      fflush (stdout);
    }

  g_unlink (csv);
}

/* Composing 500 tandems: the optimal assignment against a greedy one
 * (best remaining pair first) on the same reps and tags. */
static void
bench_match (guint n)
{
  static const char *strengths[]
      = { "negotiation", "phone",        "technical",     "cross-selling",
          "closing",     "key-accounts", "presentations", "service" };
  static const char *preferences[]
      = { "region-nord",   "region-süd",     "region-west",    "region-ost",
          "industry-food", "industry-metal", "industry-retail" };
  g_autoptr (GRand) rand = g_rand_new_with_seed (500);
  g_autoptr (TandemMatcher) matcher = tandem_matcher_new ();
  g_autoptr (GPtrArray) inside = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) field = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GListModel) proposals = NULL;
  g_autofree int      *scores = g_new (int, (gsize)n *n);
  g_autofree gboolean *used_in = g_new0 (gboolean, n);
  g_autofree gboolean *used_out = g_new0 (gboolean, n);
  gint64               optimal = 0, greedy = 0;
  double               t0, t_opt, t_greedy;

  for (guint i = 0; i < 2 * n; i++)
    {
      g_autofree char *name = g_strdup_printf ("Rep %u", i);
      TandemRep       *rep = tandem_rep_new (name, i < n ? TANDEM_ROLE_INSIDE : TANDEM_ROLE_FIELD);

      tandem_matcher_add_rep (matcher, rep, NULL);
      for (guint s = 0; s < G_N_ELEMENTS (strengths); s++)
        if (g_rand_int_range (rand, 0, 3) == 0)
          tandem_matcher_set_tag (matcher, rep, TANDEM_TAG_KIND_STRENGTH, strengths[s],
                                  g_rand_int_range (rand, 1, 6), NULL);
      for (guint p = 0; p < G_N_ELEMENTS (preferences); p++)
        if (g_rand_int_range (rand, 0, 4) == 0)
          tandem_matcher_set_tag (matcher, rep, TANDEM_TAG_KIND_PREFERENCE, preferences[p],
                                  g_rand_int_range (rand, 1, 6), NULL);
      g_ptr_array_add (i < n ? inside : field, rep);
    }

  t0 = now_seconds ();
  proposals = tandem_matcher_solve (matcher, NULL);
  t_opt = now_seconds () - t0;
  for (guint i = 0; i < g_list_model_get_n_items (proposals); i++)
    {
      g_autoptr (TandemMatchProposal) p = g_list_model_get_item (proposals, i);
      optimal += tandem_match_proposal_get_score (p);
    }

  /* the baseline: score every pair, then take the best remaining pair */
  t0 = now_seconds ();
  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < n; j++)
      scores[i * n + j] = tandem_matcher_score (matcher, inside->pdata[i], field->pdata[j], NULL);
  for (guint k = 0; k < n; k++)
    {
      int   best = -1;
      guint bi = 0, bj = 0;

      for (guint i = 0; i < n; i++)
        if (!used_in[i])
          for (guint j = 0; j < n; j++)
            if (!used_out[j] && scores[i * n + j] > best)
              {
                best = scores[i * n + j];
                bi = i;
                bj = j;
              }
      used_in[bi] = used_out[bj] = TRUE;
      greedy += best;
    }
  t_greedy = now_seconds () - t0;

  printf ("| match %u + %u reps, time      | %8.3f s (optimal)          | %8.3f s (greedy)         "
          "  | %5.2fx |\n",
          n, n, t_opt, t_greedy, t_opt / t_greedy);
  printf ("| match %u + %u reps, total     | %8" G_GINT64_FORMAT
          "                    | %8" G_GINT64_FORMAT "                    | %5.3fx |\n",
          n, n, optimal, greedy, (double)optimal / (double)greedy);
  fflush (stdout);
}

/* One of the concurrent loggers: COUNT calls (or, with @orders, orders
 * of 100.00 EUR: with the account's row locked and its lifecycle read,
 * one round trip unless a rule needs the full path), one write
 * transaction each, as `tandem log` or an application logs them. */
static int
child_log (const char *db, guint worker, guint count, gboolean orders)
{
  g_autoptr (TandemMoney) amount = tandem_money_new (10000, "EUR");
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemStore) store = tandem_store_new_for_uri (db, &error);
  g_autoptr (GDateTime) base = g_date_time_new_utc (2026, 12, 1, 8, 0, 0);
  g_autoptr (GListModel) accounts = NULL;
  g_autoptr (GListModel) reps = NULL;

  /* a client holds its accounts and reps: read them once, as the raw
   * loops know their ids, then say "ready" and wait for the start (the
   * parent's clock measures the logging, not this) */
  if (store == NULL || (accounts = tandem_store_list_accounts (store, &error)) == NULL
      || (reps = tandem_store_list_reps (store, &error)) == NULL)
    goto fail;
  g_print ("ready\n");
  fflush (stdout);
  if (getchar () == EOF)
    return 1;
  for (guint i = 0; i < count; i++)
    {
      guint account_id = 1 + (worker * count + i) % N_ACCOUNTS;
      g_autoptr (TandemAccount) account = g_list_model_get_item (accounts, account_id - 1);
      g_autoptr (TandemRep) rep = g_list_model_get_item (reps, 2 * ((account_id - 1) % N_TEAMS));
      g_autoptr (GDateTime) at = g_date_time_add_seconds (base, worker * count + i);
      g_autoptr (TandemActivity) activity = NULL;

      if ((activity = tandem_store_log_activity (
               store, account, rep, orders ? TANDEM_ACTIVITY_KIND_ORDER : TANDEM_ACTIVITY_KIND_CALL,
               orders ? amount : NULL, at, &error))
          == NULL)
        goto fail;
    }
  return 0;

fail:
  g_printerr ("log failed: %s\n", error->message);
  return 1;
}

static gboolean
run_sync (const char *const *argv)
{
  g_autoptr (GError) error = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, &error)
      || !g_spawn_check_wait_status (status, &error))
    {
      g_printerr ("%s failed: %s\n", argv[0], error->message);
      return FALSE;
    }
  return TRUE;
}

/* Runs N copies of a command at once (argv_for (i)) and measures the wall
 * time until the last one ends. */
static Measure
measure_parallel (GPtrArray *argvs)
{
  Measure          m = { .ok = TRUE };
  g_autofree GPid *pids = g_new0 (GPid, argvs->len);
  double           t0 = now_seconds ();

  for (guint i = 0; i < argvs->len; i++)
    if (!g_spawn_async (NULL, argvs->pdata[i], NULL,
                        G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_SEARCH_PATH
                            | G_SPAWN_STDOUT_TO_DEV_NULL,
                        NULL, NULL, &pids[i], NULL))
      m.ok = FALSE;
  for (guint i = 0; i < argvs->len; i++)
    {
      int status = 0;

      if (pids[i] == 0)
        continue;
      while (waitpid (pids[i], &status, 0) < 0 && errno == EINTR)
        ;
      if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
        m.ok = FALSE;
    }
  m.seconds = now_seconds () - t0;
  return m;
}

/* The same for children that prepare first: each prints "ready" when it
 * is; the clock starts when all are, and a line on their input starts
 * them. */
static Measure
measure_parallel_ready (GPtrArray *argvs)
{
  Measure          m = { .ok = TRUE };
  g_autofree GPid *pids = g_new0 (GPid, argvs->len);
  g_autofree int  *ins = g_new0 (int, argvs->len);
  g_autofree int  *outs = g_new0 (int, argvs->len);
  double           t0;

  for (guint i = 0; i < argvs->len; i++)
    if (!g_spawn_async_with_pipes (NULL, argvs->pdata[i], NULL,
                                   G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_SEARCH_PATH, NULL, NULL,
                                   &pids[i], &ins[i], &outs[i], NULL, NULL))
      m.ok = FALSE;
  for (guint i = 0; i < argvs->len; i++)
    {
      char ready[6] = { 0 };

      if (pids[i] != 0 && (read (outs[i], ready, 6) != 6 || memcmp (ready, "ready\n", 6) != 0))
        m.ok = FALSE;
    }
  t0 = now_seconds ();
  for (guint i = 0; i < argvs->len; i++)
    if (pids[i] != 0)
      {
        if (write (ins[i], "\n", 1) != 1)
          m.ok = FALSE;
        close (ins[i]);
      }
  for (guint i = 0; i < argvs->len; i++)
    {
      int status = 0;

      if (pids[i] == 0)
        continue;
      while (waitpid (pids[i], &status, 0) < 0 && errno == EINTR)
        ;
      close (outs[i]);
      if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
        m.ok = FALSE;
    }
  m.seconds = now_seconds () - t0;
  return m;
}

/* psql running the statements of a file, quietly */
static char **
psql_file (const char *database, const char *path)
{
  const char *argv[] = { "psql", "-q", "-d", database, "-f", path, NULL };

  return g_strdupv ((char **)argv);
}

#define N_LOGGERS 8

static void
bench_postgresql (const char *self_exe, guint64 rows, guint per_logger)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *csv = generate_csv (rows);
  g_autofree char *suffix = g_strdup_printf ("%" G_GUINT64_FORMAT, rows);
  g_autofree char *db_name = g_strconcat ("tandem_bench_", suffix, NULL);
  g_autofree char *raw_name = g_strconcat ("raw_bench_", suffix, NULL);
  g_autofree char *same_name = g_strconcat ("same_bench_", suffix, NULL);
  g_autofree char *same = g_strconcat ("postgresql:///", same_name, NULL);
  g_autofree char *copy_text = activity_copy_from_csv (csv);
  g_autofree char *copy_same
      = g_strdup_printf ("\\copy activity (account_id, rep_id, kind, amount_minor, currency, "
                         "occurred_at, external_ref) FROM '%s'",
                         copy_text);
  const char      *drop_same[] = { "dropdb", "--if-exists", same_name, NULL };
  const char      *create_same[] = { "createdb", same_name, NULL };
  Measure          same_base;
  g_autofree char *db = g_strconcat ("postgresql:///", db_name, NULL);
  g_autofree char *copy
      = g_strdup_printf ("\\copy raw_activity FROM '%s' WITH (FORMAT csv, HEADER true)", csv);
  const char *drop_db[] = { "dropdb", "--if-exists", db_name, NULL };
  const char *drop_raw[] = { "dropdb", "--if-exists", raw_name, NULL };
  const char *create_db[] = { "createdb", db_name, NULL };
  const char *create_raw[] = { "createdb", raw_name, NULL };
  const char *schema[]
      = { "psql", "-q", "-v", "ON_ERROR_STOP=1", "-d", raw_name, "-c", raw_schema, NULL };
  Measure ours, base;

  if (!run_sync (drop_db) || !run_sync (drop_raw) || !run_sync (drop_same) || !run_sync (create_db)
      || !run_sync (create_raw) || !run_sync (create_same) || !run_sync (schema))
    return;
  if (!seed_store (db, &error) || !seed_store (same, &error))
    {
      g_printerr ("seeding failed: %s\n", error->message);
      return;
    }

  {
    const char *argv[] = { self_exe, "child-import", db, csv, NULL };
    const char *raw_argv[]
        = { "psql", "-q", "-v", "ON_ERROR_STOP=1", "-d", raw_name, "-c", copy, NULL };
    const char *same_argv[]
        = { "psql", "-q", "-v", "ON_ERROR_STOP=1", "-d", same_name, "-c", copy_same, NULL };

    ours = measure_child (argv);
    base = measure_child (raw_argv);
    same_base = measure_child (same_argv);
  }
  printf ("| pg import %-6" G_GUINT64_FORMAT
          " | %8.2f s  %9.0f rows/s | %8.2f s  %9.0f rows/s | %5.2fx |\n",
          rows, ours.seconds, rows / ours.seconds, base.seconds, rows / base.seconds,
          ours.seconds / base.seconds);
  /* the same \copy into libtandem's own activity table: its keys, foreign
   * keys and indexes, without the checks, references and lifecycle */
  printf ("| pg import %-6" G_GUINT64_FORMAT
          " vs same table | %8.2f s | %8.2f s  %9.0f rows/s | %5.2fx |\n",
          rows, ours.seconds, same_base.seconds, rows / same_base.seconds,
          ours.seconds / same_base.seconds);
  if (!same_base.ok)
    printf ("| (the copy into the same table FAILED)\n");
  if (!ours.ok || !base.ok)
    printf ("| (a run failed: ours %s, baseline %s)\n", ours.ok ? "ok" : "FAILED",
            base.ok ? "ok" : "FAILED");
  fflush (stdout);

  {
    const char *analyze[] = { "psql", "-q", "-d", raw_name, "-c", "ANALYZE", NULL };
    const char *analyze_db[] = { "psql", "-q", "-d", db_name, "-c", "ANALYZE", NULL };
    const char *argv[] = { self_exe, "child-settle", db, NULL };
    const char *raw_sql = "SELECT account, sum(CAST(substr(amount, 1, length(amount) - 4) AS "
                          "NUMERIC)) FROM raw_activity "
                          "WHERE at >= '2026-10-31T23:00:00Z' AND at < '2026-11-30T23:00:00Z' "
                          "AND kind IN ('order', 'cross-sell', 'up-sell') GROUP BY account;";
    const char *raw_argv[] = { "psql", "-q", "-d", raw_name, "-c", raw_sql, NULL };

    run_sync (analyze);
    run_sync (analyze_db);
    compare_children ("pg settle", rows, argv, raw_argv, TRUE);
  }

  /* 8 loggers at once, one transaction per row, against 8 raw INSERT
   * loops (psql, autocommit: one round trip and commit per row) */
  {
    g_autoptr (GPtrArray) ours_argvs = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
    g_autoptr (GPtrArray) raw_argvs = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
    g_autoptr (GPtrArray) call_argvs = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
    g_autofree char *count = g_strdup_printf ("%u", per_logger);
    guint64          total = (guint64)N_LOGGERS * per_logger;

    for (guint w = 0; w < N_LOGGERS; w++)
      {
        g_autofree char *name = g_strdup_printf ("inserts-%u.sql", w);
        g_autofree char *path = g_build_filename (workdir, name, NULL);
        g_autofree char *calls_name = g_strdup_printf ("calls-%u.sql", w);
        g_autofree char *calls_path = g_build_filename (workdir, calls_name, NULL);
        g_autoptr (GString) sql = g_string_new (NULL);
        g_autoptr (GString) calls = g_string_new (NULL);
        g_autofree char *worker = g_strdup_printf ("%u", w);
        char           **ours_argv = g_new0 (char *, 7);

        for (guint i = 0; i < per_logger; i++)
          {
            guint account = 1 + (w * per_logger + i) % N_ACCOUNTS;

            /* the store's own function, as the library calls it */
            g_string_append_printf (calls,
                                    "SELECT tandem_log_activity (%u, %u, 0, NULL, NULL, "
                                    "%" G_GINT64_FORMAT ", 'F%u-%u', NULL, NULL, NULL, NULL, 1, "
                                    "NULL, 0, 'bench', 'call #', ' by the bench');\n",
                                    account, 1 + 2 * ((account - 1) % N_TEAMS),
                                    (gint64)(1796112000 + w * per_logger + i) * G_USEC_PER_SEC, w,
                                    i);
          }
        for (guint i = 0; i < per_logger; i++)
          g_string_append_printf (sql,
                                  "INSERT INTO raw_activity VALUES ('L%u-%u', "
                                  "'2026-12-01T08:00:00Z', %u, %u, 'call', NULL);\n",
                                  w, i, 1 + (w * per_logger + i) % N_ACCOUNTS,
                                  1 + 2 * (((w * per_logger + i) % N_ACCOUNTS) % N_TEAMS));
        g_file_set_contents (path, sql->str, -1, NULL);
        g_file_set_contents (calls_path, calls->str, -1, NULL);
        ours_argv[0] = g_strdup (self_exe);
        ours_argv[1] = g_strdup ("child-log");
        ours_argv[2] = g_strdup (db);
        ours_argv[3] = g_strdup (worker);
        ours_argv[4] = g_strdup (count);
        g_ptr_array_add (ours_argvs, ours_argv);
        g_ptr_array_add (raw_argvs, psql_file (raw_name, path));
        g_ptr_array_add (call_argvs, psql_file (db_name, calls_path));
      }
    ours = measure_parallel_ready (ours_argvs);
    base = measure_parallel (raw_argvs);
    printf ("| pg %u loggers %-5" G_GUINT64_FORMAT
            " | %8.2f s  %9.0f rows/s | %8.2f s  %9.0f rows/s | %5.2fx |\n",
            N_LOGGERS, total, ours.seconds, total / ours.seconds, base.seconds,
            total / base.seconds, base.seconds / ours.seconds);
    if (!ours.ok || !base.ok)
      printf ("| (a run failed: ours %s, baseline %s)\n", ours.ok ? "ok" : "FAILED",
              base.ok ? "ok" : "FAILED");
    /* the server's share: the same logs as psql loops calling the store's
     * function (no library in the client), against the same baseline */
    ours = measure_parallel (call_argvs);
    printf ("| pg %u function loops %-5" G_GUINT64_FORMAT
            " | %8.2f s  %9.0f rows/s | %8.2f s  %9.0f rows/s | %5.2fx |\n",
            N_LOGGERS, total, ours.seconds, total / ours.seconds, base.seconds,
            total / base.seconds, base.seconds / ours.seconds);
    if (!ours.ok)
      printf ("| (a run failed: function loops)\n");
    /* orders: the account's row locked, its lifecycle read (the full path
     * when a rule needs it); other workers' times, so that no order meets
     * another's ref */
    for (guint w = 0; w < N_LOGGERS; w++)
      {
        char **argv = ours_argvs->pdata[w];
        guint  worker = (guint)g_ascii_strtoull (argv[3], NULL, 10);

        g_free (argv[3]);
        argv[3] = g_strdup_printf ("%u", worker + N_LOGGERS);
        argv[5] = g_strdup ("orders");
      }
    ours = measure_parallel_ready (ours_argvs);
    printf ("| pg %u order loggers %-5" G_GUINT64_FORMAT
            " | %8.2f s  %9.0f rows/s | %8.2f s  %9.0f rows/s | %5.2fx |\n",
            N_LOGGERS, total, ours.seconds, total / ours.seconds, base.seconds,
            total / base.seconds, base.seconds / ours.seconds);
    if (!ours.ok)
      printf ("| (a run failed: order loggers)\n");
    fflush (stdout);
  }

  run_sync (drop_db);
  run_sync (drop_raw);
  run_sync (drop_same);
  g_unlink (csv);
  g_unlink (copy_text);
}

/* The store's own activity table has a twin partitioned by month (UTC) in
 * the size plan: the same columns, checks and indexes, the id and the
 * reference unique with the time (as PostgreSQL requires), and no foreign
 * keys. Its partitions are the months the run loads, and a default one
 * for what the seed logged elsewhere. Swapped in under the table's name,
 * it lets the library settle a month on a partitioned table. */
static char *
activity_twin_sql (guint months)
{
  GString *sql = g_string_new (
      "CREATE TABLE activity_p (LIKE activity INCLUDING DEFAULTS INCLUDING CONSTRAINTS, "
      "PRIMARY KEY (id, occurred_at), UNIQUE (external_ref, occurred_at)) "
      "PARTITION BY RANGE (occurred_at);"
      "CREATE INDEX activity_p_time ON activity_p (occurred_at);"
      "CREATE INDEX activity_p_account ON activity_p (account_id, occurred_at, kind);"
      "CREATE INDEX activity_p_reverses ON activity_p (reverses_id) "
      "WHERE reverses_id IS NOT NULL;"
      "CREATE TABLE activity_p_rest PARTITION OF activity_p DEFAULT;");

  for (guint m = 0; m < months; m++)
    {
      g_autoptr (GDateTime) nov = g_date_time_new_utc (2026, 11, 1, 0, 0, 0);
      g_autoptr (GDateTime) first = g_date_time_add_months (nov, -(int)m);
      g_autoptr (GDateTime) next = g_date_time_add_months (first, 1);

      g_string_append_printf (sql,
                              "CREATE TABLE activity_p_%u PARTITION OF activity_p "
                              "FOR VALUES FROM (%" G_GINT64_FORMAT ") TO (%" G_GINT64_FORMAT ");",
                              m, g_date_time_to_unix (first) * G_USEC_PER_SEC,
                              g_date_time_to_unix (next) * G_USEC_PER_SEC);
    }
  return g_string_free (sql, FALSE);
}

/* the rows the twin does not have yet (ids only grow), and a check that
 * it now has them all */
static const char *twin_copy_sql
    = "INSERT INTO activity_p SELECT * FROM activity "
      "WHERE id > (SELECT coalesce (max (id), 0) FROM activity_p); ANALYZE activity_p;"
      "DO $$ BEGIN IF (SELECT count (*) FROM activity) <> (SELECT count (*) FROM activity_p) "
      "THEN RAISE EXCEPTION 'the partitioned twin differs'; END IF; END $$;";
static const char *twin_in_sql = "BEGIN; ALTER TABLE activity RENAME TO activity_plain; "
                                 "ALTER TABLE activity_p RENAME TO activity; COMMIT;";
static const char *twin_out_sql = "BEGIN; ALTER TABLE activity RENAME TO activity_p; "
                                  "ALTER TABLE activity_plain RENAME TO activity; COMMIT;";

/* @sql with raw_activity read from raw_part instead */
static char *
replace_table (const char *sql)
{
  g_auto (GStrv) parts = g_strsplit (sql, "raw_activity", -1);

  return g_strjoinv ("raw_part", parts);
}

/* The raw table partitioned by month (UTC), for the size plan: the same
 * columns and indexes as raw_activity, the reference unique with the time
 * (PostgreSQL wants the partition key in every unique index), the time
 * compared byte by byte (the ISO text sorts as the time does). */
static const char *raw_part_schema
    = "CREATE TABLE raw_part (ref TEXT NOT NULL, at TEXT COLLATE \"C\" NOT NULL, "
      "account INTEGER NOT NULL, rep INTEGER NOT NULL, kind TEXT NOT NULL, amount TEXT, "
      "UNIQUE (ref, at)) PARTITION BY RANGE (at);"
      "CREATE INDEX raw_part_time ON raw_part (at);"
      "CREATE INDEX raw_part_account ON raw_part (account, at, kind);";

/* The size plan: @per_month activities a month, loaded month by month
 * into one PostgreSQL store (November 2026 first, then each month before
 * it). After each month: its import against \copy into the raw indexed
 * table, November's settlement and key figures against the raw
 * aggregates, and the activity table's size on disk; then the same month
 * \copied into the raw table partitioned by month, and the same two
 * aggregates on it; and the library's settlement and key figures once
 * more on the store's activity table partitioned by month (its twin,
 * swapped in under the table's name; see activity_twin_sql). When the
 * settle and KPI times stay flat while the store grows, a month's
 * settlement does not depend on the store's size; when the partitioned
 * ones grow no slower than the plain ones, partitioning would not change
 * that. */
static void
bench_size (const char *self_exe, guint64 per_month, guint months)
{
  g_autoptr (GError) error = NULL;
  const char      *db_name = "tandem_size", *raw_name = "raw_size";
  g_autofree char *db = g_strconcat ("postgresql:///", db_name, NULL);
  const char      *drop_db[] = { "dropdb", "--if-exists", db_name, NULL };
  const char      *drop_raw[] = { "dropdb", "--if-exists", raw_name, NULL };
  const char      *create_db[] = { "createdb", db_name, NULL };
  const char      *create_raw[] = { "createdb", raw_name, NULL };
  const char      *schema[]
      = { "psql", "-q", "-v", "ON_ERROR_STOP=1", "-d", raw_name, "-c", raw_schema, NULL };
  const char *part_schema[]
      = { "psql", "-q", "-v", "ON_ERROR_STOP=1", "-d", raw_name, "-c", raw_part_schema, NULL };
  const char *settle_argv[] = { self_exe, "child-settle", db, NULL };
  const char *kpi_argv[] = { self_exe, "child-kpi", db, NULL };
  const char *raw_settle_sql
      = "SELECT account, sum(CAST(substr(amount, 1, length(amount) - 4) AS NUMERIC)) FROM "
        "raw_activity WHERE at >= '2026-10-31T23:00:00Z' AND at < '2026-11-30T23:00:00Z' AND kind "
        "IN ('order', 'cross-sell', 'up-sell') GROUP BY account;";
  const char *raw_kpi_sql
      = "SELECT account, kind, count(*), sum(CAST(substr(amount, 1, length(amount) - 4) AS "
        "NUMERIC)) FROM raw_activity WHERE at >= '2026-10-31T23:00:00Z' AND at < "
        "'2026-11-30T23:00:00Z' GROUP BY account, kind;";
  const char      *raw_settle_argv[] = { "psql", "-q", "-d", raw_name, "-c", raw_settle_sql, NULL };
  const char      *raw_kpi_argv[] = { "psql", "-q", "-d", raw_name, "-c", raw_kpi_sql, NULL };
  g_autofree char *part_settle_sql = replace_table (raw_settle_sql);
  g_autofree char *part_kpi_sql = replace_table (raw_kpi_sql);
  const char *part_settle_argv[] = { "psql", "-q", "-d", raw_name, "-c", part_settle_sql, NULL };
  const char *part_kpi_argv[] = { "psql", "-q", "-d", raw_name, "-c", part_kpi_sql, NULL };
  const char *analyze_db[] = { "psql", "-q", "-d", db_name, "-c", "ANALYZE", NULL };
  const char *analyze_raw[] = { "psql", "-q", "-d", raw_name, "-c", "ANALYZE", NULL };
  g_autofree char *twin_sql = NULL;
  const char      *twin_argv[]
      = { "psql", "-q", "-v", "ON_ERROR_STOP=1", "-d", db_name, "-c", NULL, NULL };
  const char *twin_copy_argv[]
      = { "psql", "-q", "-v", "ON_ERROR_STOP=1", "-d", db_name, "-c", twin_copy_sql, NULL };
  const char *twin_in_argv[]
      = { "psql", "-q", "-v", "ON_ERROR_STOP=1", "-d", db_name, "-c", twin_in_sql, NULL };
  const char *twin_out_argv[]
      = { "psql", "-q", "-v", "ON_ERROR_STOP=1", "-d", db_name, "-c", twin_out_sql, NULL };

  if (!run_sync (drop_db) || !run_sync (drop_raw) || !run_sync (create_db) || !run_sync (create_raw)
      || !run_sync (schema) || !run_sync (part_schema))
    return;
  if (!seed_store (db, &error))
    {
      g_printerr ("seeding failed: %s\n", error->message);
      return;
    }
  twin_sql = activity_twin_sql (months);
  twin_argv[7] = twin_sql;
  if (!run_sync (twin_argv))
    return;

  for (guint m = 0; m < months; m++)
    {
      /* November 2026, then October, September … */
      g_autoptr (GDateTime) nov = g_date_time_new_utc (2026, 11, 1, 0, 0, 0);
      g_autoptr (GDateTime) first = g_date_time_add_months (nov, -(int)m);
      g_autoptr (GDateTime) next = g_date_time_add_months (first, 1);
      gint64           start = g_date_time_to_unix (first);
      g_autofree char *prefix = g_strdup_printf ("M%02u-", m);
      g_autofree char *csv
          = generate_csv_span (per_month, start, g_date_time_to_unix (next) - start, prefix);
      g_autofree char *copy
          = g_strdup_printf ("\\copy raw_activity FROM '%s' WITH (FORMAT csv, HEADER true)", csv);
      g_autofree char *from = g_date_time_format (first, "%Y-%m-%dT%H:%M:%SZ");
      g_autofree char *to = g_date_time_format (next, "%Y-%m-%dT%H:%M:%SZ");
      g_autofree char *partition = g_strdup_printf (
          "CREATE TABLE raw_part_%u PARTITION OF raw_part FOR VALUES FROM ('%s') TO ('%s')", m,
          from, to);
      g_autofree char *part_copy
          = g_strdup_printf ("\\copy raw_part FROM '%s' WITH (FORMAT csv, HEADER true)", csv);
      const char *partition_argv[]
          = { "psql", "-q", "-v", "ON_ERROR_STOP=1", "-d", raw_name, "-c", partition, NULL };
      const char *part_copy_argv[]
          = { "psql", "-q", "-v", "ON_ERROR_STOP=1", "-d", raw_name, "-c", part_copy, NULL };
      const char *import_argv[] = { self_exe, "child-import", db, csv, NULL };
      const char *raw_argv[]
          = { "psql", "-q", "-v", "ON_ERROR_STOP=1", "-d", raw_name, "-c", copy, NULL };
      Measure          ours = measure_child (import_argv);
      Measure          base = measure_child (raw_argv);
      gboolean         part_ok = run_sync (partition_argv);
      Measure          part = measure_child (part_copy_argv);
      guint64          total = per_month * (m + 1);
      g_autofree char *size_sql = g_strdup ("SELECT pg_total_relation_size ('activity')");
      const char *size_argv[] = { "psql", "-q", "-A", "-t", "-d", db_name, "-c", size_sql, NULL };
      g_autofree char *size_out = NULL;
      Measure          settle, settle_raw, kpi, kpi_raw, settle_part, kpi_part;
      Measure          settle_twin = { 0 }, kpi_twin = { 0 }, unused;
      gboolean         twin_ok;

      g_unlink (csv);
      run_sync (analyze_db);
      run_sync (analyze_raw);
      settle = measure_median (settle_argv, raw_settle_argv, &settle_raw);
      kpi = measure_median (kpi_argv, raw_kpi_argv, &kpi_raw);
      /* (the plain aggregates again, in turn with the partitioned ones) */
      settle_part = measure_median (part_settle_argv, raw_settle_argv, &settle_raw);
      kpi_part = measure_median (part_kpi_argv, raw_kpi_argv, &kpi_raw);
      /* the library on the partitioned twin, swapped in under the name */
      twin_ok = run_sync (twin_copy_argv) && run_sync (twin_in_argv);
      if (twin_ok)
        {
          settle_twin = measure_median (settle_argv, part_settle_argv, &unused);
          kpi_twin = measure_median (kpi_argv, part_kpi_argv, &unused);
          twin_ok = run_sync (twin_out_argv);
        }
      g_spawn_sync (NULL, (char **)size_argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &size_out,
                    NULL, NULL, NULL);
      printf ("| %9" G_GUINT64_FORMAT
              " | %8.0f rows/s | %8.0f rows/s | %8.0f rows/s | %6.2f s | %6.2f s | %6.2f s "
              "| %6.2f s | %6.2f s | %6.2f s | %6.2f s | %6.2f s | %8.1f MiB |%s\n",
              total, per_month / ours.seconds, per_month / base.seconds, per_month / part.seconds,
              settle.seconds, settle_twin.seconds, settle_raw.seconds, settle_part.seconds,
              kpi.seconds, kpi_twin.seconds, kpi_raw.seconds, kpi_part.seconds,
              size_out ? g_ascii_strtod (size_out, NULL) / 1048576.0 : 0.0,
              ours.ok && base.ok && part_ok && part.ok && settle.ok && settle_raw.ok
                      && settle_part.ok && kpi.ok && kpi_raw.ok && kpi_part.ok && twin_ok
                      && settle_twin.ok && kpi_twin.ok
                  ? ""
                  : " (a run FAILED)");
      fflush (stdout);
    }

  /* TANDEM_BENCH_KEEP: leave the two databases for a look at the plans */
  if (g_getenv ("TANDEM_BENCH_KEEP") != NULL)
    return;
  run_sync (drop_db);
  run_sync (drop_raw);
}

/* The generated files are large: remove them all at the end. */
/* A rep's statement of @lines lines, as the text table and as the PDF
 * (`tandem statement REP PERIOD [--pdf FILE]`): one tandem, one account,
 * @lines orders of the inside rep in November, each giving her one
 * commission line. */
static void
bench_statement (guint lines)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *db = g_build_filename (workdir, "statement.db", NULL);
  g_autofree char *pdf = g_build_filename (workdir, "statement.pdf", NULL);
  g_autofree char *db_arg = g_strdup_printf ("--db=%s", db);
  g_autoptr (TandemStore) store = tandem_store_new_for_uri (db, &error);
  g_autoptr (GDateTime) since = g_date_time_new_utc (2026, 1, 1, 0, 0, 0);
  g_autoptr (TandemRep) inside = NULL;
  g_autoptr (TandemRep) field = NULL;
  g_autoptr (TandemTeam) draft = NULL;
  g_autoptr (TandemTeam) team = NULL;
  g_autoptr (TandemAccount) account_draft = NULL;
  g_autoptr (TandemAccount) account = NULL;
  g_autoptr (TandemPlan) plan = tandem_plan_new_from_data (bench_plan, -1, &error);
  g_autoptr (GString) csv = g_string_new ("ref,at,account,rep,kind,amount,reverses,note\n");
  g_autoptr (GInputStream) in = NULL;
  const char *cli = g_getenv ("TANDEM_BENCH_CLI");
  guint64     inserted = 0;

  if (cli == NULL)
    {
      g_printerr ("statement: set TANDEM_BENCH_CLI to the tandem command (bench/run does)\n");
      return;
    }
  if (store == NULL || plan == NULL
      || (inside = tandem_store_add_rep (store, "Anna Schäfer", TANDEM_ROLE_INSIDE, &error)) == NULL
      || (field = tandem_store_add_rep (store, "Jonas Becker", TANDEM_ROLE_FIELD, &error)) == NULL
      || (draft = tandem_team_new ("Nord", inside, field, &error)) == NULL
      || (team = tandem_store_save_team (store, draft, since, &error)) == NULL
      || (account_draft = tandem_account_new ("Kunde 00001 GmbH", team)) == NULL
      || (account = tandem_store_save_account (store, account_draft, since, &error)) == NULL
      || !tandem_plan_add (store, plan, &error))
    {
      g_printerr ("statement: %s\n", error->message);
      return;
    }
  for (guint i = 0; i < lines; i++)
    g_string_append_printf (csv,
                            "s%u,2026-11-%02uT%02u:%02u:00Z,%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT
                            ",order,%u.%02u EUR,,\n",
                            i, 1 + i % 29, 8 + i % 10, i % 60, tandem_account_get_id (account),
                            tandem_rep_get_id (inside), 100 + i % 9000, i % 100);
  in = g_memory_input_stream_new_from_data (g_strdup (csv->str), csv->len, g_free);
  if (!tandem_store_import_activities (store, in, TANDEM_DATA_FORMAT_CSV, NULL, NULL, &inserted,
                                       NULL, NULL, &error))
    {
      g_printerr ("statement: %s\n", error->message);
      return;
    }
  g_clear_object (&store);
  {
    const char *text_argv[] = { cli, db_arg, "statement", "1", "2026-11", NULL };
    const char *pdf_argv[] = { cli, db_arg, "statement", "1", "2026-11", "--pdf", pdf, NULL };

    compare_children ("statement PDF vs text, lines", lines, pdf_argv, text_argv, TRUE);
  }
}

/* A work directory the server's psql can read the CSV files in, as its
 * own user. */
static void
make_server_workdir (void)
{
  workdir = g_dir_make_tmp ("tandem-bench-XXXXXX", NULL);
  g_chmod (workdir, 0755);
}

static void
remove_workdir (void)
{
  g_autoptr (GDir) dir = g_dir_open (workdir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (workdir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (workdir);
}

int
main (int argc, char *argv[])
{
  if (argc == 4 && g_str_equal (argv[1], "child-import"))
    return child_import (argv[2], argv[3]);
  if (argc == 3 && g_str_equal (argv[1], "child-settle"))
    return child_settle (argv[2]);
  if (argc == 3 && g_str_equal (argv[1], "child-prepare-plans"))
    {
      g_autoptr (GError) error = NULL;

      if (add_plans_over_time (argv[2], &error))
        return 0;
      g_printerr ("preparing plans over time failed: %s\n", error->message);
      return 1;
    }
  if (argc == 4 && g_str_equal (argv[1], "child-close"))
    return child_close (argv[2], argv[3]);
  if (argc == 3 && g_str_equal (argv[1], "child-settle-plans"))
    return child_settle_plans (argv[2]);
  if (argc == 3 && g_str_equal (argv[1], "child-kpi"))
    return child_kpi (argv[2]);
  if ((argc == 5 || argc == 6) && g_str_equal (argv[1], "child-log"))
    return child_log (argv[2], (guint)g_ascii_strtoull (argv[3], NULL, 10),
                      (guint)g_ascii_strtoull (argv[4], NULL, 10),
                      argc == 6 && g_str_equal (argv[5], "orders"));
  if (argc == 5 && g_str_equal (argv[1], "child-iterate"))
    return child_iterate (argv[2], argv[3], (guint)g_ascii_strtoull (argv[4], NULL, 10));

  if (argc >= 2 && g_str_equal (argv[1], "match"))
    {
      bench_match (argc > 2 ? (guint)g_ascii_strtoull (argv[2], NULL, 10) : 500);
      return 0;
    }

  /* for a profiler: the seeded store and the CSV an import row uses, left
   * in DIR (then: valgrind --tool=callgrind tandem-bench child-import
   * DIR/store.db DIR/activities.csv) */
  if (argc == 4 && g_str_equal (argv[1], "prepare-import"))
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *csv = NULL;
      g_autofree char *db = g_build_filename (argv[2], "store.db", NULL);
      g_autofree char *target = g_build_filename (argv[2], "activities.csv", NULL);

      workdir = g_strdup (argv[2]);
      csv = generate_csv (g_ascii_strtoull (argv[3], NULL, 10));
      if (!seed_store (db, &error) || g_rename (csv, target) != 0)
        {
          g_printerr ("preparing failed: %s\n", error ? error->message : g_strerror (errno));
          return 1;
        }
      return 0;
    }

  if (argc >= 2 && g_str_equal (argv[1], "import"))
    {
      workdir = g_dir_make_tmp ("tandem-bench-XXXXXX", NULL);
      printf ("| scenario         | libtandem                     | baseline (sqlite3 .import)    "
              "| ratio  |\n");
      printf ("|------------------|-------------------------------|-------------------------------|"
              "--------|\n");
      if (argc == 2)
        bench_import (argv[0], 1000000);
      for (int i = 2; i < argc; i++)
        bench_import (argv[0], g_ascii_strtoull (argv[i], NULL, 10));
      remove_workdir ();
      return 0;
    }

  if (argc >= 2 && g_str_equal (argv[1], "statement"))
    {
      workdir = g_dir_make_tmp ("tandem-bench-XXXXXX", NULL);
      printf ("| scenario         | libtandem (PDF)               | baseline (text statement)     "
              "| ratio  |\n");
      printf ("|------------------|-------------------------------|-------------------------------|"
              "--------|\n");
      bench_statement (argc > 2 ? (guint)g_ascii_strtoull (argv[2], NULL, 10) : 2000);
      remove_workdir ();
      return 0;
    }

  if (argc >= 2 && g_str_equal (argv[1], "postgresql"))
    {
      make_server_workdir ();
      printf ("| scenario         | libtandem                     | baseline (psql)               "
              "| ratio  |\n");
      printf ("|------------------|-------------------------------|-------------------------------|"
              "--------|\n");
      bench_postgresql (argv[0], argc > 2 ? g_ascii_strtoull (argv[2], NULL, 10) : 1000000,
                        argc > 3 ? (guint)g_ascii_strtoull (argv[3], NULL, 10) : 2000);
      remove_workdir ();
      return 0;
    }

  if (argc >= 2 && g_str_equal (argv[1], "size"))
    {
      make_server_workdir ();
      printf ("| activities | import (libtandem) | \\copy (raw) | \\copy (raw, by month) "
              "| settle Nov | by month | raw aggregate | by month | KPIs Nov | by month "
              "| raw aggregate | by month | activity table |\n");
      printf ("|-----------|-------------------|---------------|---------------|-----------|"
              "----------|---------------|----------|----------|----------|---------------|"
              "----------|----------------|\n");
      bench_size (argv[0], argc > 2 ? g_ascii_strtoull (argv[2], NULL, 10) : 1000000,
                  argc > 3 ? (guint)g_ascii_strtoull (argv[3], NULL, 10) : 16);
      remove_workdir ();
      return 0;
    }

  g_printerr ("usage: %s import [ROWS...] | match [N] | statement [LINES] | postgresql [ROWS "
              "[PER_LOGGER]] | size [PER_MONTH [MONTHS]]\n",
              argv[0]);
  return 1;
}
