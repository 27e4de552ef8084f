/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-cli-simulate.c: what-if: a candidate plan against a stored one */

#include "config.h"

#include <glib/gi18n.h>

#include "tandem-cli.h"

/* One table: a name column and current, candidate, difference (and, for
 * tandems, revenue first), under a header unless @title is NULL. */
static void
print_rows (GString *out, const char *title, GListModel *rows, gboolean revenue)
{
  const int name_w = 24, amount_w = 14;

  if (title != NULL)
    {
      cli_pad (out, title, name_w, FALSE);
      if (revenue)
        cli_pad (out, _ ("Revenue"), amount_w, TRUE);
      cli_pad (out, _ ("Current"), amount_w, TRUE);
      cli_pad (out, _ ("Candidate"), amount_w, TRUE);
      cli_pad (out, _ ("Difference"), amount_w, TRUE);
      g_string_append_c (out, '\n');
    }
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr (TandemSimulationRow) row = g_list_model_get_item (rows, i);
      TandemMoney *cells[4]
          = { tandem_simulation_row_get_revenue (row), tandem_simulation_row_get_current (row),
              tandem_simulation_row_get_candidate (row),
              tandem_simulation_row_get_difference (row) };

      cli_pad (out, tandem_simulation_row_get_name (row), name_w, FALSE);
      for (guint c = revenue ? 0 : 1; c < G_N_ELEMENTS (cells); c++)
        {
          g_autofree char *text = cli_amount_cell (tandem_money_get_minor_units (cells[c]),
                                                   tandem_money_get_currency (cells[c]));

          cli_pad (out, text, amount_w, TRUE);
        }
      g_string_append_c (out, '\n');
    }
}

int
cli_cmd_simulate (Cli *cli, int argc, char **argv)
{
  g_autofree char *plan_path = NULL;
  g_autofree char *vs = NULL;
  GOptionEntry     entries[]
      = { { "plan", 0, 0, G_OPTION_ARG_FILENAME, &plan_path, N_ ("the candidate plan’s file"),
            "FILE" },
          { "vs", 0, 0, G_OPTION_ARG_STRING, &vs,
            N_ ("the stored plan to compare with (default: the default plan)"), "NAME" },
          { NULL } };
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemPlan) candidate = NULL;
  g_autoptr (TandemPeriod) period = NULL;
  g_autoptr (TandemSimulation) sim = NULL;
  g_autoptr (GListModel) reps = NULL;
  g_autoptr (GListModel) teams = NULL;
  g_autoptr (GString) out = g_string_new (NULL);
  g_autofree char     *label = NULL;
  g_autofree char     *current_share = NULL;
  g_autofree char     *candidate_share = NULL;
  const char          *cur;
  TandemSimulationRow *total;
  int                  status
      = cli_parse_options (cli, "simulate PERIOD --plan FILE",
                           _ ("— what a candidate plan would pay, against a stored plan; writes "
                              "nothing"),
                           entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 2)
    return cli_usage_error (_ ("simulate needs PERIOD"));
  if (plan_path == NULL)
    return cli_usage_error (_ ("simulate needs --plan FILE"));
  if ((candidate = tandem_plan_new_from_file (plan_path, &error)) == NULL)
    {
      g_printerr ("%s: %s\n", plan_path, error->message);
      return EXIT_DATA;
    }
  if ((period = tandem_period_parse (argv[1], &error)) == NULL)
    return cli_data_error (error);
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;
  if ((sim = tandem_simulation_new (cli->store, candidate, vs, period, NULL, &error)) == NULL)
    return cli_data_error (error);
  if (cli->json)
    {
      g_autofree char *json = tandem_simulation_to_json (sim);

      g_print ("%s\n", json);
      return 0;
    }

  label = tandem_period_to_string (period);
  total = tandem_simulation_get_total (sim);
  cur = tandem_money_get_currency (tandem_simulation_row_get_current (total));
  g_string_append_printf (out, _ ("Simulation of %s: plan “%s” against “%s” (%s)\n\n"), label,
                          tandem_simulation_get_plan_name (sim), tandem_simulation_get_vs (sim),
                          cur);
  reps = tandem_simulation_get_reps (sim);
  teams = tandem_simulation_get_teams (sim);
  print_rows (out, _ ("Rep"), reps, FALSE);
  g_string_append_c (out, '\n');
  print_rows (out, _ ("Tandem"), teams, TRUE);
  g_string_append_c (out, '\n');
  {
    g_autoptr (GListStore) totals = g_list_store_new (TANDEM_TYPE_SIMULATION_ROW);

    g_list_store_append (totals, total);
    print_rows (out, NULL, G_LIST_MODEL (totals), TRUE);
  }
  current_share = cli_percent_cell (tandem_simulation_get_current_share (sim));
  candidate_share = cli_percent_cell (tandem_simulation_get_candidate_share (sim));
  g_string_append_printf (out, _ ("Cost as a share of revenue: current %s, candidate %s\n"),
                          current_share, candidate_share);
  g_print ("%s", out->str);
  return 0;
}
