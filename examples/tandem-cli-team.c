/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-cli-team.c: the tandem verbs: add, list, update, members, history, archive */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "tandem-cli.h"

int
cli_cmd_team_add (Cli   *cli,
                  int    argc,
                  char **argv)
{
  g_autofree char *inside_text = NULL;
  g_autofree char *field_text = NULL;
  g_autofree char *name = NULL;
  g_autofree char *share_text = NULL;
  g_autofree char *target_text = NULL;
  g_autofree char *since_text = NULL;
  GOptionEntry     entries[] = {
        { "inside", 0, 0, G_OPTION_ARG_STRING, &inside_text, N_ ("the inside rep’s id"), "ID" },
        { "field", 0, 0, G_OPTION_ARG_STRING, &field_text, N_ ("the field rep’s id"), "ID" },
        { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_ ("the tandem’s name"), "NAME" },
        { "inside-share", 0, 0, G_OPTION_ARG_STRING, &share_text, N_ ("the inside rep’s share of commission, such as 40%"), "PERCENT" },
        { "target", 0, 0, G_OPTION_ARG_STRING, &target_text, N_ ("revenue target per period, such as \"50000.00 EUR\""), "AMOUNT" },
        { "since", 0, 0, G_OPTION_ARG_STRING, &since_text, N_ ("when the tandem starts (default: now)"), "TIME" },
        { NULL }
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemRep) inside = NULL;
  g_autoptr (TandemRep) field = NULL;
  g_autoptr (TandemTeam) draft = NULL;
  g_autoptr (TandemTeam) team = NULL;
  g_autoptr (TandemMoney) target = NULL;
  g_autoptr (GDateTime) since = NULL;
  gint64 inside_id, field_id;
  guint  share_bp = 0;
  int    status = cli_parse_options (cli, "team add", _ ("— add a tandem of an inside and a field rep"), entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 1)
    return cli_usage_error (_ ("team add takes no positional arguments"));
  if (inside_text == NULL || field_text == NULL)
    return cli_usage_error (_ ("team add needs --inside ID and --field ID"));
  if (!cli_parse_id ("--inside", inside_text, &inside_id, &error) || !cli_parse_id ("--field", field_text, &field_id, &error) || (share_text != NULL && !cli_parse_percent ("--inside-share", share_text, &share_bp, &error)) || (target_text != NULL && (target = tandem_money_parse (target_text, &error)) == NULL) || (since_text != NULL && (since = cli_parse_time ("--since", since_text, &error)) == NULL))
    return cli_data_error (error);
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;

  if ((inside = tandem_store_get_rep (cli->store, inside_id, &error)) == NULL || (field = tandem_store_get_rep (cli->store, field_id, &error)) == NULL || (draft = tandem_team_new (name, inside, field, &error)) == NULL || !tandem_team_set_inside_share (draft, share_text != NULL ? (int)share_bp : TANDEM_INSIDE_SHARE_UNSET, &error))
    return cli_data_error (error);
  tandem_team_set_target (draft, target);

  team = tandem_store_save_team (cli->store, draft, since, &error);
  if (team == NULL)
    return cli_data_error (error);
  cli_print_id (cli, tandem_team_get_id (team));
  return 0;
}

static void
team_row (gpointer item)
{
  TandemTeam      *t = item;
  g_autofree char *target = cli_money (tandem_team_get_target (t));

  g_print ("%4" G_GINT64_FORMAT "  %-24s inside %-4" G_GINT64_FORMAT " field %-4" G_GINT64_FORMAT " %s\n",
           tandem_team_get_id (t), tandem_team_get_name (t),
           tandem_rep_get_id (tandem_team_get_inside_rep (t)), tandem_rep_get_id (tandem_team_get_field_rep (t)),
           target);
}

int
cli_cmd_team_list (Cli *cli, int argc, char **argv)
{
  return cli_simple_list (cli, argc, argv, "team list", tandem_store_list_teams, team_row);
}
