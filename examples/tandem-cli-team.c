/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-cli-team.c: the tandem verbs: add, list, update, members, history, archive */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "tandem-cli.h"

int
cli_cmd_team_add (Cli *cli, int argc, char **argv)
{
  g_autofree char *inside_text = NULL;
  g_autofree char *field_text = NULL;
  g_autofree char *name = NULL;
  g_autofree char *share_text = NULL;
  g_autofree char *target_text = NULL;
  g_autofree char *since_text = NULL;
  GOptionEntry     entries[]
      = { { "inside", 0, 0, G_OPTION_ARG_STRING, &inside_text, N_ ("the inside rep’s id"), "ID" },
          { "field", 0, 0, G_OPTION_ARG_STRING, &field_text, N_ ("the field rep’s id"), "ID" },
          { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_ ("the tandem’s name"), "NAME" },
          { "inside-share", 0, 0, G_OPTION_ARG_STRING, &share_text,
            N_ ("the inside rep’s share of commission, such as 40%"), "PERCENT" },
          { "target", 0, 0, G_OPTION_ARG_STRING, &target_text,
            N_ ("revenue target per period, such as \"50000.00 EUR\""), "AMOUNT" },
          { "since", 0, 0, G_OPTION_ARG_STRING, &since_text,
            N_ ("when the tandem starts (default: now)"), "TIME" },
          { NULL } };
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemRep) inside = NULL;
  g_autoptr (TandemRep) field = NULL;
  g_autoptr (TandemTeam) draft = NULL;
  g_autoptr (TandemTeam) team = NULL;
  g_autoptr (TandemMoney) target = NULL;
  g_autoptr (GDateTime) since = NULL;
  gint64 inside_id, field_id;
  guint  share_bp = 0;
  int    status = cli_parse_options (
         cli, "team add", _ ("— add a tandem of an inside and a field rep"), entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 1)
    return cli_usage_error (_ ("team add takes no positional arguments"));
  if (inside_text == NULL || field_text == NULL)
    return cli_usage_error (_ ("team add needs --inside ID and --field ID"));
  if (!cli_parse_id ("--inside", inside_text, &inside_id, &error)
      || !cli_parse_id ("--field", field_text, &field_id, &error)
      || (share_text != NULL
          && !cli_parse_percent ("--inside-share", share_text, &share_bp, &error))
      || (target_text != NULL && (target = cli_parse_money (target_text, &error)) == NULL)
      || (since_text != NULL
          && (since = cli_parse_time (cli, "--since", since_text, &error)) == NULL))
    return cli_data_error (error);
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;

  if ((inside = tandem_store_get_rep (cli->store, inside_id, &error)) == NULL
      || (field = tandem_store_get_rep (cli->store, field_id, &error)) == NULL
      || (draft = tandem_team_new (name, inside, field, &error)) == NULL
      || !tandem_team_set_inside_share (
          draft, share_text != NULL ? (int)share_bp : TANDEM_INSIDE_SHARE_UNSET, &error))
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
  g_autoptr (GString) line = g_string_new (NULL);

  g_string_append_printf (line, "%4" PRId64 "  ", tandem_team_get_id (t));
  cli_pad (line, tandem_team_get_name (t), 24, FALSE);
  g_string_append_printf (line, " inside %-4" PRId64 " field %-4" PRId64 " %s",
                          tandem_rep_get_id (tandem_team_get_inside_rep (t)),
                          tandem_rep_get_id (tandem_team_get_field_rep (t)), target);
  g_print ("%s\n", g_strchomp (line->str));
}

int
cli_cmd_team_list (Cli *cli, int argc, char **argv)
{
  return cli_simple_list (cli, argc, argv, "team list", tandem_store_list_teams, team_row);
}

static void
print_team (Cli *cli, TandemTeam *team, const char *done)
{
  g_autofree char *id = g_strdup_printf ("%" PRId64, tandem_team_get_id (team));

  if (cli->json)
    cli_print_object (G_OBJECT (team));
  else
    g_print ("%s %s (%s)\n", done, id, tandem_team_get_name (team));
}

int
cli_cmd_team_update (Cli *cli, int argc, char **argv)
{
  g_autofree char *name = NULL;
  g_autofree char *share_text = NULL;
  g_autofree char *target_text = NULL;
  g_autofree char *since_text = NULL;
  GOptionEntry     entries[]
      = { { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_ ("a new name"), "NAME" },
          { "since", 0, 0, G_OPTION_ARG_STRING, &since_text,
            N_ ("when the tandem started (its first members’ start)"), "TIME" },
          { "inside-share", 0, 0, G_OPTION_ARG_STRING, &share_text,
            N_ ("the inside rep’s share of commission, such as 40%"), "PERCENT" },
          { "target", 0, 0, G_OPTION_ARG_STRING, &target_text,
            N_ ("revenue target per period, such as \"50000.00 EUR\", or \"none\""), "AMOUNT" },
          { NULL } };
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemTeam) team = NULL;
  g_autoptr (TandemMoney) target = NULL;
  g_autoptr (GDateTime) since = NULL;
  guint share_bp = 0;
  int   status = cli_parse_options (cli, "team update TEAM",
                                    _ ("— change a tandem’s name, start, share or target"), entries,
                                    &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 2)
    return cli_usage_error (_ ("team update needs TEAM"));
  if (name == NULL && share_text == NULL && target_text == NULL && since_text == NULL)
    return cli_usage_error (_ ("team update needs --name, --since, --inside-share or --target"));
  if ((share_text != NULL && !cli_parse_percent ("--inside-share", share_text, &share_bp, &error))
      || (target_text != NULL && g_strcmp0 (target_text, "none") != 0
          && (target = cli_parse_money (target_text, &error)) == NULL)
      || (since_text != NULL
          && (since = cli_parse_time (cli, "--since", since_text, &error)) == NULL))
    return cli_data_error (error);
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;
  if ((team = cli_get_team (cli, argv[1], &error)) == NULL)
    return cli_data_error (error);

  if (name != NULL)
    tandem_team_set_name (team, name);
  if (share_text != NULL && !tandem_team_set_inside_share (team, (int)share_bp, &error))
    return cli_data_error (error);
  if (target_text != NULL)
    tandem_team_set_target (team, target);
  if ((name != NULL || share_text != NULL || target_text != NULL)
      && !tandem_store_update_team (cli->store, team, &error))
    return cli_data_error (error);
  if (since != NULL && !tandem_membership_set_start (cli->store, team, since, &error))
    return cli_data_error (error);
  print_team (cli, team, _ ("Updated tandem"));
  return 0;
}

int
cli_cmd_team_members (Cli *cli, int argc, char **argv)
{
  g_autofree char *inside_text = NULL;
  g_autofree char *field_text = NULL;
  g_autofree char *from_text = NULL;
  GOptionEntry     entries[]
      = { { "inside", 0, 0, G_OPTION_ARG_STRING, &inside_text,
            N_ ("the new inside rep’s "
                "id"),
            "REP" },
          { "field", 0, 0, G_OPTION_ARG_STRING, &field_text, N_ ("the new field rep’s id"), "REP" },
          { "from", 0, 0, G_OPTION_ARG_STRING, &from_text,
            N_ ("when the new pair takes "
                "over"),
            "TIME" },
          { NULL } };
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemTeam) team = NULL;
  g_autoptr (TandemRep) inside = NULL;
  g_autoptr (TandemRep) field = NULL;
  g_autoptr (GDateTime) from = NULL;
  int status = cli_parse_options (
      cli, "team members TEAM",
      _ ("— a new pair for a tandem from a time on; earlier credit stays with the earlier pair"),
      entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 2)
    return cli_usage_error (_ ("team members needs TEAM"));
  if (inside_text == NULL || field_text == NULL || from_text == NULL)
    return cli_usage_error (_ ("team members needs --inside REP, --field REP and --from TIME"));
  if ((from = cli_parse_time (cli, "--from", from_text, &error)) == NULL)
    return cli_data_error (error);
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;
  if ((team = cli_get_team (cli, argv[1], &error)) == NULL
      || !cli_get_rep (cli, "--inside", inside_text, &inside, &error)
      || !cli_get_rep (cli, "--field", field_text, &field, &error)
      || !tandem_store_change_team_members (cli->store, team, inside, field, from, &error))
    return cli_data_error (error);
  print_team (cli, team, _ ("New members for tandem"));
  return 0;
}

int
cli_cmd_team_history (Cli *cli, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemTeam) team = NULL;
  g_autoptr (GListModel) history = NULL;
  int status
      = cli_parse_options (cli, "team history TEAM",
                           _ ("— who formed a tandem, from when until when"), NULL, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 2)
    return cli_usage_error (_ ("team history needs TEAM"));
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;
  if ((team = cli_get_team (cli, argv[1], &error)) == NULL
      || (history = tandem_membership_list (cli->store, team, &error)) == NULL)
    return cli_data_error (error);

  if (cli->json)
    {
      cli_print_model_json (history);
      return 0;
    }
  for (guint i = 0; i < g_list_model_get_n_items (history); i++)
    {
      g_autoptr (TandemMembership) m = g_list_model_get_item (history, i);
      g_autofree char *from = cli_local_time (cli, tandem_membership_get_valid_from (m));
      g_autofree char *until = tandem_membership_get_valid_until (m)
                                   ? cli_local_time (cli, tandem_membership_get_valid_until (m))
                                   : g_strdup (_ ("now"));

      g_print (_ ("%s – %s  inside %" PRId64 " (%s), field %" PRId64 " (%s)\n"), from, until,
               tandem_rep_get_id (tandem_membership_get_inside_rep (m)),
               tandem_rep_get_name (tandem_membership_get_inside_rep (m)),
               tandem_rep_get_id (tandem_membership_get_field_rep (m)),
               tandem_rep_get_name (tandem_membership_get_field_rep (m)));
    }
  return 0;
}

int
cli_cmd_team_archive (Cli *cli, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemTeam) team = NULL;
  int status = cli_parse_options (
      cli, "team archive TEAM",
      _ ("— archive a tandem: kept with its history, no longer listed for new work"), NULL, &argc,
      &argv);

  if (status >= 0)
    return status;
  if (argc != 2)
    return cli_usage_error (_ ("team archive needs TEAM"));
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;
  if ((team = cli_get_team (cli, argv[1], &error)) == NULL
      || !tandem_store_archive_team (cli->store, team, &error))
    return cli_data_error (error);
  print_team (cli, team, _ ("Archived tandem"));
  return 0;
}
