/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-cli-demo.c: a realistic sample: four tandems, sixty accounts and a
 * quarter of activities, then a settlement report for the last month.
 * The sample is generated from a fixed seed; running the demo twice adds
 * nothing the second time. */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tandem-cli.h"

#define N_ACCOUNTS 60

static const char *demo_plan = "[Plan]\n"
                               "Name=Standard\n"
                               "Currency=EUR\n"
                               "Period=month\n"
                               "TimeZone=Europe/Berlin\n"
                               "CommissionRate=5%\n"
                               "InsideShare=40%\n"
                               "\n"
                               "[Kind cross-sell]\n"
                               "InsideShare=70%\n"
                               "\n"
                               "[TeamBonus]\n"
                               "Attainment=100%\n"
                               "Amount=1000.00 EUR\n"
                               "Split=equal\n"
                               "\n"
                               "[Accelerator]\n"
                               "Above=120%\n"
                               "Multiplier=1.5\n"
                               "\n"
                               "[Cap]\n"
                               "PerRep=10000.00 EUR\n"
                               "\n"
                               "[Referral]\n"
                               "Amount=50.00 EUR\n"
                               "\n"
                               "[Clawback]\n"
                               "WindowDays=90\n";

static const struct
{
  const char *name;
  const char *inside;
  const char *field;
  const char *target;
  int         share;
} tandems[] = {
  { "Nord", "Anna Schäfer", "Jonas Becker", "80000.00 EUR", TANDEM_INSIDE_SHARE_UNSET },
  { "Süd", "Lea Hoffmann", "Tom Wagner", "95000.00 EUR", 5000 },
  { "West", "Miriam Koch", "Felix Richter", "85000.00 EUR", TANDEM_INSIDE_SHARE_UNSET },
  { "Ost", "Sabine Braun", "Lukas Neumann", "100000.00 EUR", 4500 },
};

static const char *trades[] = {
  "Bäckerei",       "Brauerei",     "Autohaus",  "Metallbau", "Druckerei",         "Tischlerei",
  "Elektrotechnik", "Maschinenbau", "Spedition", "Ölmühle",   "Kunststofftechnik", "Gartenbau",
};

static const char *families[] = {
  "Müller", "Schmidt",    "Schneider", "Fischer", "Weber",    "Meyer", "Wagner",   "Schulz",
  "Größe",  "Zimmermann", "Krause",    "Wolf",    "Schröder", "Lange", "Hartmann",
};

static const char *forms[] = { "GmbH", "KG", "AG", "GmbH & Co. KG", "e. K." };

static GDateTime *
demo_time (GRand *rand, int month, int day)
{
  return g_date_time_new_utc (2026, month, day, g_rand_int_range (rand, 7, 17),
                              g_rand_int_range (rand, 0, 60), 0);
}

static void
add_row (GString    *csv,
         guint      *n,
         GDateTime  *at,
         gint64      account,
         gint64      rep,
         const char *kind,
         gint64      amount_cents,
         const char *reverses,
         const char *note)
{
  g_autofree char *when = g_date_time_format_iso8601 (at);

  g_string_append_printf (csv, "demo-%u,%s,%" PRId64 ",%" PRId64 ",%s,", (*n)++, when, account, rep,
                          kind);
  if (amount_cents > 0)
    g_string_append_printf (csv, "%" PRId64 ".%02" PRId64 " EUR", amount_cents / 100,
                            amount_cents % 100);
  g_string_append_printf (csv, ",%s,%s\n", reverses ? reverses : "", note ? note : "");
}

static gboolean
create_sample (Cli *cli, GError **error)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (20261125);
  g_autoptr (GDateTime) since = g_date_time_new_utc (2026, 6, 1, 8, 0, 0);
  g_autoptr (GPtrArray) teams = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) accounts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GString) csv = g_string_new ("ref,at,account,rep,kind,amount,reverses,note\n");
  g_autoptr (TandemRep) manager = NULL;
  g_autoptr (GInputStream) in = NULL;
  guint n = 0;

  manager = tandem_store_add_rep (cli->store, "Petra Krüger", TANDEM_ROLE_MANAGER, error);
  if (manager == NULL)
    return FALSE;

  for (guint t = 0; t < G_N_ELEMENTS (tandems); t++)
    {
      g_autoptr (TandemRep) inside
          = tandem_store_add_rep (cli->store, tandems[t].inside, TANDEM_ROLE_INSIDE, error);
      g_autoptr (TandemRep) field
          = inside ? tandem_store_add_rep (cli->store, tandems[t].field, TANDEM_ROLE_FIELD, error)
                   : NULL;
      g_autoptr (TandemTeam) draft = NULL;
      g_autoptr (TandemMoney) target = tandem_money_parse (tandems[t].target, NULL);
      TandemTeam *team;

      if (field == NULL
          || (draft = tandem_team_new (tandems[t].name, inside, field, error)) == NULL)
        return FALSE;
      tandem_team_set_target (draft, target);
      tandem_team_set_inside_share (draft, tandems[t].share, NULL);
      team = tandem_store_save_team (cli->store, draft, since, error);
      if (team == NULL)
        return FALSE;
      g_ptr_array_add (teams, team);
    }

  for (guint a = 0; a < N_ACCOUNTS; a++)
    {
      g_autofree char *name = g_strdup_printf ("%s %s %s", trades[a % G_N_ELEMENTS (trades)],
                                               families[(a * 7) % G_N_ELEMENTS (families)],
                                               forms[a % G_N_ELEMENTS (forms)]);
      g_autoptr (TandemAccount) draft = tandem_account_new (name, teams->pdata[a % teams->len]);
      TandemAccount *account;
      /* categories A–D and every stage, spread over the tandems */
      static const TandemCategory categories[]
          = { TANDEM_CATEGORY_A, TANDEM_CATEGORY_B, TANDEM_CATEGORY_B,
              TANDEM_CATEGORY_C, TANDEM_CATEGORY_C, TANDEM_CATEGORY_D };
      static const TandemAccountStage stages[]
          = { TANDEM_ACCOUNT_STAGE_REGULAR,  TANDEM_ACCOUNT_STAGE_CUSTOMER,
              TANDEM_ACCOUNT_STAGE_CUSTOMER, TANDEM_ACCOUNT_STAGE_PROSPECT,
              TANDEM_ACCOUNT_STAGE_PROSPECT, TANDEM_ACCOUNT_STAGE_LOST };

      tandem_account_set_category (draft, categories[a % G_N_ELEMENTS (categories)]);
      tandem_account_set_stage (draft, stages[(a / 4) % G_N_ELEMENTS (stages)]);
      /* every tenth account came through a referral by the one before it */
      if (a % 10 == 9)
        tandem_account_set_referred_by (draft, accounts->pdata[a - 1], NULL);
      account = tandem_store_save_account (cli->store, draft, since, error);
      if (account == NULL)
        return FALSE;
      g_ptr_array_add (accounts, account);
    }

  /* a quarter of activities: September to November 2026 */
  for (int month = 9; month <= 11; month++)
    for (guint a = 0; a < accounts->len; a++)
      {
        TandemAccount     *account = accounts->pdata[a];
        TandemTeam        *team = tandem_account_get_team (account);
        gint64             id = tandem_account_get_id (account);
        gint64             inside = tandem_rep_get_id (tandem_team_get_inside_rep (team));
        gint64             field = tandem_rep_get_id (tandem_team_get_field_rep (team));
        TandemAccountStage stage = tandem_account_get_stage (account);
        gboolean           buys = stage == TANDEM_ACCOUNT_STAGE_CUSTOMER
                        || stage == TANDEM_ACCOUNT_STAGE_REGULAR || (a % 10 == 9 && month >= 11);
        guint calls = g_rand_int_range (rand, 1, 4);

        for (guint c = 0; c < calls; c++)
          {
            g_autoptr (GDateTime) t = demo_time (rand, month, g_rand_int_range (rand, 1, 28));
            add_row (csv, &n, t, id, inside, "call", 0, NULL, NULL);
          }
        if (g_rand_int_range (rand, 0, 3) == 0)
          {
            g_autoptr (GDateTime) t1 = demo_time (rand, month, g_rand_int_range (rand, 1, 14));
            g_autoptr (GDateTime) t2 = g_date_time_add_days (t1, 3);
            add_row (csv, &n, t1, id, inside, "appointment", 0, NULL, NULL);
            add_row (csv, &n, t2, id, field, "visit", 0, NULL, NULL);
          }
        if (stage != TANDEM_ACCOUNT_STAGE_LOST && g_rand_int_range (rand, 0, 2) == 0)
          {
            g_autoptr (GDateTime) t = demo_time (rand, month, g_rand_int_range (rand, 1, 28));
            add_row (csv, &n, t, id, g_rand_boolean (rand) ? inside : field, "offer",
                     g_rand_int_range (rand, 100000, 2000000), NULL, NULL);
          }
        if (buys)
          {
            g_autoptr (GDateTime) t = demo_time (rand, month, g_rand_int_range (rand, 1, 28));
            /* inside sales closes orders itself, more so in some tandems
             * (Nord never, Ost three times in four): the KPIs' inside share */
            gint64 closer = (a / 4 + (guint)month) % 4 < a % 4 ? inside : field;

            add_row (csv, &n, t, id, closer, "order", g_rand_int_range (rand, 200000, 1800000),
                     NULL, NULL);
            if (g_rand_int_range (rand, 0, 3) == 0)
              {
                g_autoptr (GDateTime) t2 = demo_time (rand, month, g_rand_int_range (rand, 1, 28));
                add_row (csv, &n, t2, id, inside, "cross-sell",
                         g_rand_int_range (rand, 50000, 600000), NULL, NULL);
              }
            if (stage == TANDEM_ACCOUNT_STAGE_REGULAR && g_rand_int_range (rand, 0, 3) == 0)
              {
                g_autoptr (GDateTime) t3 = demo_time (rand, month, g_rand_int_range (rand, 1, 28));
                add_row (csv, &n, t3, id, inside, "up-sell", g_rand_int_range (rand, 50000, 400000),
                         NULL, NULL);
              }
          }
        if (a % 10 == 8 && month == 9)
          {
            g_autoptr (GDateTime) t = demo_time (rand, month, 20);
            add_row (csv, &n, t, id, inside, "referral", 0, NULL,
                     "Empfehlung an einen Geschäftspartner");
          }
        if (g_rand_int_range (rand, 0, 5) == 0)
          {
            g_autoptr (GDateTime) t = demo_time (rand, month, g_rand_int_range (rand, 1, 28));
            add_row (csv, &n, t, id, inside, "support", 0, NULL, "Reklamation Lieferung");
          }
      }

  /* mutual shadowing: the inside rep rides along, the field rep sits in */
  for (guint t = 0; t < teams->len; t++)
    {
      TandemTeam *team = teams->pdata[t];
      gint64      account = tandem_account_get_id (accounts->pdata[t]);
      g_autoptr (GDateTime) ride = g_date_time_new_utc (2026, 9, 8 + t, 8, 0, 0);
      g_autoptr (GDateTime) sit = g_date_time_new_utc (2026, 9, 15 + t, 8, 0, 0);

      add_row (csv, &n, ride, account, tandem_rep_get_id (tandem_team_get_inside_rep (team)),
               "shadowing", 0, NULL, "Mitfahrt zum Kundenbesuch");
      if (t != 3) /* tandem Ost still owes one direction */
        add_row (csv, &n, sit, account, tandem_rep_get_id (tandem_team_get_field_rep (team)),
                 "shadowing", 0, NULL, "Halber Tag im Innendienst");
    }

  /* a cancelled October order, reversed in November */
  {
    g_autoptr (GDateTime) order_at = g_date_time_new_utc (2026, 10, 6, 10, 0, 0);
    g_autoptr (GDateTime) reversal_at = g_date_time_new_utc (2026, 11, 12, 10, 0, 0);
    TandemAccount *account = accounts->pdata[0];
    TandemTeam    *team = tandem_account_get_team (account);

    g_string_append_printf (csv,
                            "demo-cancelled,2026-10-06T10:00:00Z,%" PRId64 ",%" PRId64
                            ",order,9800.00 EUR,,Rahmenauftrag\n",
                            tandem_account_get_id (account),
                            tandem_rep_get_id (tandem_team_get_field_rep (team)));
    add_row (csv, &n, reversal_at, tandem_account_get_id (account),
             tandem_rep_get_id (tandem_team_get_inside_rep (team)), "reversal", 0, "demo-cancelled",
             "Storno");
    (void)order_at;
  }

  in = g_memory_input_stream_new_from_data (g_strdup (csv->str), csv->len, g_free);
  return tandem_store_import_activities (cli->store, in, TANDEM_DATA_FORMAT_CSV, NULL, NULL, NULL,
                                         NULL, NULL, error);
}

int
cli_cmd_demo (Cli *cli, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemActivity) marker = NULL;
  g_autoptr (TandemPlan) plan = NULL;
  g_autoptr (TandemPeriod) period = NULL;
  g_autoptr (TandemSettlement) settlement = NULL;
  int status = cli_parse_options (
      cli, "demo", _ ("— fill the database with a sample and print a report"), NULL, &argc, &argv);

  if (status >= 0)
    return status;
  if ((status = cli_open_store (cli, TRUE)) != 0)
    return status;

  marker = tandem_store_find_activity_by_ref (cli->store, "demo-0", NULL);
  if (marker == NULL)
    {
      g_autoptr (GListModel) reps = tandem_store_list_reps (cli->store, &error);

      if (reps == NULL)
        goto fail;
      if (g_list_model_get_n_items (reps) > 0)
        {
          g_printerr (_ ("tandem: %s already holds other data; run the demo on a new database "
                         "(--db demo.db)\n"),
                      cli->db_shown);
          return 2;
        }
      if (!create_sample (cli, &error))
        goto fail;
      if (!cli->quiet)
        g_printerr (_ ("Sample data written to %s\n"), cli->db_shown);
    }
  else if (!cli->quiet)
    g_printerr (_ ("The sample is already in %s; nothing was added\n"), cli->db_shown);

  plan = tandem_plan_new_from_data (demo_plan, -1, &error);
  if (plan == NULL || !tandem_plan_add (cli->store, plan, &error))
    goto fail;
  period = tandem_period_parse ("2026-11", &error);
  settlement = tandem_settlement_new (cli->store, plan, period, &error);
  if (settlement == NULL)
    goto fail;

  if (cli->json)
    {
      g_autofree char *json = tandem_settlement_to_json (settlement);
      g_print ("%s\n", json);
    }
  else
    {
      g_autoptr (GListModel) kpis = tandem_kpi_compute (cli->store, plan, period, &error);

      if (kpis == NULL || !cli_print_report (cli, settlement, &error))
        goto fail;
      g_print ("\n");
      cli_print_kpis (cli, "2026-11", kpis);
    }
  return 0;

fail:
  g_printerr ("tandem: %s\n", error->message);
  return 2;
}
