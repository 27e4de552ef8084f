/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-cli-plan.c: the plan verbs, over time: plan versions and the
 * default plan, the plan a tandem follows, targets, draws and exchange
 * rates */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "tandem-cli.h"

static int print_targets (Cli *cli, TandemTeam *team);
static int print_rates (Cli *cli);

TandemPlan *
cli_plan_for_period (Cli           *cli,
                     const char    *name,
                     const char    *label,
                     TandemPeriod **period,
                     GError       **error)
{
  g_autoptr (TandemPlan) latest = cli_find_plan (cli, name, error);

  if (latest == NULL || (*period = tandem_plan_parse_period (latest, label, error)) == NULL)
    return NULL;
  return tandem_plan_load_at (cli->store, tandem_plan_get_name (latest), *period, error);
}

int
cli_cmd_plan_load (Cli *cli, int argc, char **argv)
{
  g_autofree char *from_text = NULL;
  GOptionEntry     entries[] = { { "from", 0, 0, G_OPTION_ARG_STRING, &from_text,
                                   N_ ("the first period of a new version (default: the first "
                                           "period after the plan’s last closed one)"),
                                   "PERIOD" },
                                 { NULL } };
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemPlan) plan = NULL;
  g_autoptr (TandemPeriod) from = NULL;
  guint version = 0;
  int status = cli_parse_options (cli, "plan load FILE", _ ("— store a compensation plan"), entries,
                                  &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 2)
    return cli_usage_error (_ ("plan load needs one FILE"));
  plan = tandem_plan_new_from_file (argv[1], &error);
  if (plan == NULL)
    {
      g_printerr ("%s: %s\n", argv[1], error->message);
      return EXIT_DATA;
    }
  if (from_text != NULL && (from = tandem_plan_parse_period (plan, from_text, &error)) == NULL)
    return cli_data_error (error);
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;
  if (!tandem_plan_version_add (cli->store, plan, from, &version, &error))
    return cli_data_error (error);
  if (cli->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "plan");
      json_builder_add_string_value (b, tandem_plan_get_name (plan));
      cli_add_uint (b, "version", version);
      json_builder_end_object (b);
      cli_print_builder (b);
    }
  else
    g_print (_ ("Plan “%s” loaded (version %u)\n"), tandem_plan_get_name (plan), version);
  return 0;
}

int
cli_cmd_plan_list (Cli *cli, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) versions = NULL;
  int status = cli_parse_options (cli, "plan list", _ ("— every version of every plan"), NULL,
                                  &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 1)
    return cli_usage_error (_ ("plan list takes no positional arguments"));
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;
  if ((versions = tandem_plan_version_list (cli->store, &error)) == NULL)
    return cli_data_error (error);

  if (cli->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < g_list_model_get_n_items (versions); i++)
        {
          g_autoptr (TandemPlanVersion) v = g_list_model_get_item (versions, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "name");
          json_builder_add_string_value (b, tandem_plan_version_get_name (v));
          cli_add_uint (b, "version", tandem_plan_version_get_version (v));
          json_builder_set_member_name (b, "from");
          if (tandem_plan_version_get_from (v) != NULL)
            json_builder_add_string_value (b, tandem_plan_version_get_from (v));
          else
            json_builder_add_null_value (b);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      cli_print_builder (b);
      return 0;
    }
  for (guint i = 0; i < g_list_model_get_n_items (versions); i++)
    {
      g_autoptr (TandemPlanVersion) v = g_list_model_get_item (versions, i);
      const char *from = tandem_plan_version_get_from (v);

      g_print (_ ("%s\tversion %u\tfrom %s\n"), tandem_plan_version_get_name (v),
               tandem_plan_version_get_version (v), from ? from : _ ("the beginning"));
    }
  return 0;
}

int
cli_cmd_plan_show (Cli *cli, int argc, char **argv)
{
  g_autofree char *at_text = NULL;
  GOptionEntry     entries[]
      = { { "at", 0, 0, G_OPTION_ARG_STRING, &at_text,
            N_ ("the period whose version to show (default: the latest)"), "PERIOD" },
          { NULL } };
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemPlan) plan = NULL;
  g_autoptr (TandemPeriod) period = NULL;
  int status = cli_parse_options (cli, "plan show NAME", _ ("— print a plan version’s file"),
                                  entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 2)
    return cli_usage_error (_ ("plan show needs one NAME"));
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;
  plan = at_text != NULL ? cli_plan_for_period (cli, argv[1], at_text, &period, &error)
                         : tandem_plan_load (cli->store, argv[1], &error);
  if (plan == NULL)
    return cli_data_error (error);
  if (cli->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, tandem_plan_get_name (plan));
      json_builder_set_member_name (b, "definition");
      json_builder_add_string_value (b, tandem_plan_get_data (plan));
      json_builder_end_object (b);
      cli_print_builder (b);
    }
  else
    g_print ("%s", tandem_plan_get_data (plan));
  return 0;
}

int
cli_cmd_plan_default (Cli *cli, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL;
  const char      *summary = _ ("— show or set the plan tandems follow by default");
  int status = cli_parse_options (cli, "plan default [NAME]", summary, NULL, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc > 2)
    return cli_usage_error (_ ("plan default takes at most one NAME"));
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;
  if (argc == 2 && !tandem_plan_set_default (cli->store, argv[1], &error))
    return cli_data_error (error);
  name = tandem_plan_get_default (cli->store, &error);
  if (error != NULL)
    return cli_data_error (error);
  if (cli->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "default");
      if (name != NULL)
        json_builder_add_string_value (b, name);
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
      cli_print_builder (b);
    }
  else
    g_print ("%s\n", name != NULL ? name : _ ("(no plan is stored)"));
  return 0;
}

int
cli_cmd_team_plan (Cli *cli, int argc, char **argv)
{
  g_autofree char *from_text = NULL;
  GOptionEntry     entries[] = { { "from", 0, 0, G_OPTION_ARG_STRING, &from_text,
                                   N_ ("the first period (default: the beginning)"), "PERIOD" },
                                 { NULL } };
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemTeam) team = NULL;
  g_autoptr (TandemPeriod) from = NULL;
  int status = cli_parse_options (cli, "team plan TEAM PLAN", _ ("— the plan a tandem follows"),
                                  entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 3)
    return cli_usage_error (_ ("team plan needs TEAM and PLAN"));
  if (from_text != NULL && (from = tandem_period_parse (from_text, &error)) == NULL)
    return cli_data_error (error);
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;
  if ((team = cli_get_team (cli, argv[1], &error)) == NULL
      || !tandem_plan_assign (cli->store, team, argv[2], from, &error))
    return cli_data_error (error);
  if (cli->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "team");
      json_builder_add_int_value (b, tandem_team_get_id (team));
      json_builder_set_member_name (b, "plan");
      json_builder_add_string_value (b, argv[2]);
      json_builder_set_member_name (b, "from");
      if (from_text != NULL)
        json_builder_add_string_value (b, from_text);
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
      cli_print_builder (b);
    }
  else if (!cli->quiet)
    g_printerr (_ ("Tandem “%s” follows plan “%s” from %s\n"), tandem_team_get_name (team), argv[2],
                from_text ? from_text : _ ("the beginning"));
  return 0;
}

int
cli_cmd_target_set (Cli *cli, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemTeam) team = NULL;
  g_autoptr (TandemPeriod) period = NULL;
  g_autoptr (TandemMoney) amount = NULL;
  int status = cli_parse_options (cli, "target set TEAM PERIOD AMOUNT",
                                  _ ("— a tandem’s target for one period"), NULL, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 4)
    return cli_usage_error (_ ("target set needs TEAM, PERIOD and AMOUNT"));
  if ((period = tandem_period_parse (argv[2], &error)) == NULL
      || (amount = cli_parse_money (argv[3], &error)) == NULL)
    return cli_data_error (error);
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;
  if ((team = cli_get_team (cli, argv[1], &error)) == NULL
      || !tandem_target_set (cli->store, team, period, amount, &error))
    return cli_data_error (error);
  return print_targets (cli, team);
}

int
cli_cmd_target_ramp (Cli *cli, int argc, char **argv)
{
  g_autofree char *from_text = NULL;
  g_autofree char *steps_text = NULL;
  GOptionEntry     entries[]
      = { { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_ ("the first period of the ramp"),
            "PERIOD" },
          { "steps", 0, 0, G_OPTION_ARG_STRING, &steps_text,
            N_ ("shares of the tandem’s target, one per period, such as 50%,75%"), "LIST" },
          { NULL } };
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemTeam) team = NULL;
  g_autoptr (TandemPeriod) from = NULL;
  g_autoptr (GArray) steps = g_array_new (FALSE, FALSE, sizeof (guint));
  g_auto (GStrv) parts = NULL;
  int status = cli_parse_options (cli, "target ramp TEAM",
                                  _ ("— lower targets while a new tandem ramps up"), entries, &argc,
                                  &argv);

  if (status >= 0)
    return status;
  if (argc != 2 || from_text == NULL || steps_text == NULL)
    return cli_usage_error (_ ("target ramp needs TEAM, --from PERIOD and --steps LIST"));
  if ((from = tandem_period_parse (from_text, &error)) == NULL)
    return cli_data_error (error);
  parts = g_strsplit (steps_text, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      guint bp;

      if (!cli_parse_percent ("--steps", g_strstrip (parts[i]), &bp, &error))
        return cli_data_error (error);
      g_array_append_val (steps, bp);
    }
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;
  if ((team = cli_get_team (cli, argv[1], &error)) == NULL
      || !tandem_target_ramp (cli->store, team, from, &g_array_index (steps, guint, 0), steps->len,
                              &error))
    return cli_data_error (error);
  return print_targets (cli, team);
}

static int
print_targets (Cli *cli, TandemTeam *team)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) targets = tandem_target_list (cli->store, team, &error);

  if (targets == NULL)
    return cli_data_error (error);
  if (cli->json)
    {
      cli_print_model_json (targets);
      return 0;
    }
  for (guint i = 0; i < g_list_model_get_n_items (targets); i++)
    {
      g_autoptr (TandemTarget) t = g_list_model_get_item (targets, i);
      g_autofree char *amount = cli_money (tandem_target_get_amount (t));

      g_print ("%s\t%s\t%s\n", tandem_team_get_name (tandem_target_get_team (t)),
               tandem_target_get_period (t), amount);
    }
  return 0;
}

int
cli_cmd_target_list (Cli *cli, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemTeam) team = NULL;
  int status = cli_parse_options (cli, "target list [TEAM]", _ ("— the targets set per period"),
                                  NULL, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc > 2)
    return cli_usage_error (_ ("target list takes at most one TEAM"));
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;
  if (argc == 2 && (team = cli_get_team (cli, argv[1], &error)) == NULL)
    return cli_data_error (error);
  return print_targets (cli, team);
}

int
cli_cmd_draw_set (Cli *cli, int argc, char **argv)
{
  g_autofree char *amount_text = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *until_text = NULL;
  gboolean         recoverable = FALSE;
  GOptionEntry     entries[]
      = { { "amount", 0, 0, G_OPTION_ARG_STRING, &amount_text,
            N_ ("the guaranteed total per period, such as \"2000.00 EUR\""), "AMOUNT" },
          { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_ ("the first period"), "PERIOD" },
          { "until", 0, 0, G_OPTION_ARG_STRING, &until_text,
            N_ ("the last period (default: runs on)"), "PERIOD" },
          { "recoverable", 0, 0, G_OPTION_ARG_NONE, &recoverable,
            N_ ("later excess pays the draw back"), NULL },
          { NULL } };
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemRep) rep = NULL;
  g_autoptr (TandemMoney) amount = NULL;
  g_autoptr (TandemPeriod) from = NULL;
  g_autoptr (TandemPeriod) until = NULL;
  g_autoptr (TandemDraw) draw = NULL;
  gint64 rep_id;
  int status = cli_parse_options (cli, "draw set REP", _ ("— guarantee a rep a minimum per period"),
                                  entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 2 || amount_text == NULL || from_text == NULL)
    return cli_usage_error (_ ("draw set needs REP, --amount AMOUNT and --from PERIOD"));
  if (!cli_parse_id ("REP", argv[1], &rep_id, &error)
      || (amount = cli_parse_money (amount_text, &error)) == NULL
      || (from = tandem_period_parse (from_text, &error)) == NULL
      || (until_text != NULL && (until = tandem_period_parse (until_text, &error)) == NULL))
    return cli_data_error (error);
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;
  if ((rep = tandem_store_get_rep (cli->store, rep_id, &error)) == NULL
      || (draw = tandem_draw_set (cli->store, rep, amount, from, until, recoverable, &error))
             == NULL)
    return cli_data_error (error);
  if (cli->json)
    cli_print_object (G_OBJECT (draw));
  else
    cli_print_id (cli, tandem_draw_get_id (draw));
  return 0;
}

int
cli_cmd_draw_list (Cli *cli, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) draws = NULL;
  int status = cli_parse_options (cli, "draw list", _ ("— every draw and its balance"), NULL, &argc,
                                  &argv);

  if (status >= 0)
    return status;
  if (argc != 1)
    return cli_usage_error (_ ("draw list takes no positional arguments"));
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;
  if ((draws = tandem_draw_list (cli->store, &error)) == NULL)
    return cli_data_error (error);
  if (cli->json)
    {
      cli_print_model_json (draws);
      return 0;
    }
  for (guint i = 0; i < g_list_model_get_n_items (draws); i++)
    {
      g_autoptr (TandemDraw) d = g_list_model_get_item (draws, i);
      g_autofree char *amount = cli_money (tandem_draw_get_amount (d));
      g_autofree char *balance = cli_money (tandem_draw_get_balance (d));
      const char      *until = tandem_draw_get_until (d);

      g_print (_ ("%s\t%s\tfrom %s\tuntil %s\t%s\tbalance %s\n"),
               tandem_rep_get_name (tandem_draw_get_rep (d)), amount, tandem_draw_get_from (d),
               until ? until : "…",
               tandem_draw_get_recoverable (d) ? _ ("recoverable") : _ ("not recoverable"),
               balance);
    }
  return 0;
}

int
cli_cmd_rate_set (Cli *cli, int argc, char **argv)
{
  g_autofree char *from_text = NULL;
  GOptionEntry     entries[] = { { "from", 0, 0, G_OPTION_ARG_STRING, &from_text,
                                   N_ ("when the rate takes effect"), "TIME" },
                                 { NULL } };
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) since = NULL;
  int status
      = cli_parse_options (cli, "rate set FROM TO RATE",
                           _ ("— 1 FROM is worth RATE TO, from a time on"), entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 4 || from_text == NULL)
    return cli_usage_error (_ ("rate set needs FROM, TO, RATE and --from TIME"));
  if ((since = cli_parse_time (cli, "--from", from_text, &error)) == NULL)
    return cli_data_error (error);
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;
  if (!tandem_exchange_rate_set (cli->store, argv[1], argv[2], argv[3], since, &error))
    return cli_data_error (error);
  return print_rates (cli);
}

static int
print_rates (Cli *cli)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) rates = tandem_exchange_rate_list (cli->store, &error);

  if (rates == NULL)
    return cli_data_error (error);
  if (cli->json)
    {
      cli_print_model_json (rates);
      return 0;
    }
  for (guint i = 0; i < g_list_model_get_n_items (rates); i++)
    {
      g_autoptr (TandemExchangeRate) r = g_list_model_get_item (rates, i);
      g_autofree char *since = cli_local_time (cli, tandem_exchange_rate_get_since (r));

      g_print ("%s\t%s\t%s\t%s\n", tandem_exchange_rate_get_from_currency (r),
               tandem_exchange_rate_get_to_currency (r), tandem_exchange_rate_get_rate (r), since);
    }
  return 0;
}

int
cli_cmd_rate_list (Cli *cli, int argc, char **argv)
{
  int status
      = cli_parse_options (cli, "rate list", _ ("— the stored exchange rates"), NULL, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 1)
    return cli_usage_error (_ ("rate list takes no positional arguments"));
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;
  return print_rates (cli);
}
