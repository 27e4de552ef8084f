/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-cli-account.c: the account verbs: add, list, history, archive, and the lifecycle rules */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "tandem-cli.h"

int
cli_cmd_account_add (Cli *cli, int argc, char **argv)
{
  g_autofree char *team_text = NULL;
  g_autofree char *category_text = NULL;
  g_autofree char *stage_text = NULL;
  g_autofree char *referred_text = NULL;
  g_autofree char *since_text = NULL;
  g_autofree char *number = NULL;
  GOptionEntry     entries[]
      = { { "team", 0, 0, G_OPTION_ARG_STRING, &team_text, N_ ("the owning tandem’s id"), "ID" },
          { "category", 0, 0, G_OPTION_ARG_STRING, &category_text, N_ ("A, B, C or D (default C)"),
            "CATEGORY" },
          { "stage", 0, 0, G_OPTION_ARG_STRING, &stage_text,
            N_ ("prospect, customer, regular or lost"), "STAGE" },
          { "referred-by", 0, 0, G_OPTION_ARG_STRING, &referred_text,
            N_ ("the referring account’s id"), "ID" },
          { "since", 0, 0, G_OPTION_ARG_STRING, &since_text,
            N_ ("when the account was created (default: now); orders dated earlier do not move its "
                "stage"),
            "TIME" },
          { "number", 0, 0, G_OPTION_ARG_STRING, &number,
            N_ ("the customer number, unique in the store (such as K-1001)"), "NUMBER" },
          { NULL } };
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemTeam) team = NULL;
  g_autoptr (TandemAccount) referrer = NULL;
  g_autoptr (TandemAccount) draft = NULL;
  g_autoptr (TandemAccount) account = NULL;
  g_autoptr (GDateTime) since = NULL;
  TandemCategory     category = TANDEM_CATEGORY_C;
  TandemAccountStage stage = TANDEM_ACCOUNT_STAGE_PROSPECT;
  gint64             team_id = 0, referred_id = 0;
  int status = cli_parse_options (cli, "account add NAME", _ ("— add a customer account"), entries,
                                  &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 2)
    return cli_usage_error (_ ("account add needs one NAME"));
  if (team_text == NULL)
    return cli_usage_error (_ ("account add needs --team ID"));
  if (!cli_parse_id ("--team", team_text, &team_id, &error)
      || (category_text != NULL && !tandem_category_from_nick (category_text, &category, &error))
      || (stage_text != NULL && !tandem_account_stage_from_nick (stage_text, &stage, &error))
      || (referred_text != NULL
          && !cli_parse_id ("--referred-by", referred_text, &referred_id, &error))
      || (since_text != NULL
          && (since = cli_parse_time (cli, "--since", since_text, &error)) == NULL))
    return cli_data_error (error);
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;

  if ((team = tandem_store_get_team (cli->store, team_id, &error)) == NULL
      || (referred_id > 0
          && (referrer = tandem_store_get_account (cli->store, referred_id, &error)) == NULL))
    return cli_data_error (error);

  draft = tandem_account_new (argv[1], team);
  tandem_account_set_category (draft, category);
  tandem_account_set_stage (draft, stage);
  tandem_account_set_number (draft, number);
  if (!tandem_account_set_referred_by (draft, referrer, &error)
      || (account = tandem_store_save_account (cli->store, draft, since, &error)) == NULL)
    return cli_data_error (error);
  cli_print_id (cli, tandem_account_get_id (account));
  return 0;
}

static void
account_row (gpointer item)
{
  TandemAccount *a = item;
  TandemTeam    *team = tandem_account_get_team (a);
  const char    *number = tandem_account_get_number (a);
  g_autoptr (GString) line = g_string_new (NULL);

  g_string_append_printf (line, "%4" PRId64 "  ", tandem_account_get_id (a));
  cli_pad (line, number != NULL ? number : "—", 10, FALSE);
  g_string_append_c (line, ' ');
  cli_pad (line, tandem_account_get_name (a), 34, FALSE);
  g_string_append_printf (line, " %s  %-9s tandem %" PRId64 "%s",
                          tandem_category_to_nick (tandem_account_get_category (a)),
                          tandem_account_stage_to_nick (tandem_account_get_stage (a)),
                          team ? tandem_team_get_id (team) : 0,
                          tandem_account_get_archived (a) ? _ ("  (archived)") : "");
  g_print ("%s\n", line->str);
}

int
cli_cmd_account_update (Cli *cli, int argc, char **argv)
{
  g_autofree char *name = NULL;
  g_autofree char *number = NULL;
  GOptionEntry     entries[]
      = { { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_ ("the customer’s new name"), "NAME" },
          { "number", 0, 0, G_OPTION_ARG_STRING, &number,
            N_ ("the customer number, unique in the store, or \"\" for none"), "NUMBER" },
          { NULL } };
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemAccount) account = NULL;
  int status = cli_parse_options (cli, "account update ID", _ ("— change an account"), entries,
                                  &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 2)
    return cli_usage_error (_ ("account update needs one account ID"));
  if (name == NULL && number == NULL)
    return cli_usage_error (_ ("account update needs --name NAME or --number NUMBER"));
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;
  if ((account = cli_get_account (cli, _ ("account"), argv[1], &error)) == NULL)
    return cli_data_error (error);
  if (name != NULL)
    tandem_account_set_name (account, name);
  if (number != NULL)
    tandem_account_set_number (account, *number != '\0' ? number : NULL);
  if (!tandem_store_update_account (cli->store, account, &error))
    return cli_data_error (error);
  return 0;
}

int
cli_cmd_account_list (Cli *cli, int argc, char **argv)
{
  return cli_simple_list (cli, argc, argv, "account list", tandem_store_list_accounts, account_row);
}

static void
print_changes (Cli *cli, GListModel *changes)
{
  if (cli->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < g_list_model_get_n_items (changes); i++)
        {
          g_autoptr (TandemStageChange) c = g_list_model_get_item (changes, i);
          g_autofree char *at = g_date_time_format_iso8601 (tandem_stage_change_get_changed_at (c));

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "account");
          json_builder_add_int_value (b, tandem_stage_change_get_account_id (c));
          json_builder_set_member_name (b, "stage");
          json_builder_add_string_value (
              b, tandem_account_stage_to_nick (tandem_stage_change_get_stage (c)));
          json_builder_set_member_name (b, "changed-at");
          json_builder_add_string_value (b, at);
          json_builder_set_member_name (b, "cause");
          json_builder_add_string_value (
              b, tandem_stage_cause_to_nick (tandem_stage_change_get_cause (c)));
          json_builder_set_member_name (b, "activity");
          if (tandem_stage_change_get_activity_id (c) > 0)
            json_builder_add_int_value (b, tandem_stage_change_get_activity_id (c));
          else
            json_builder_add_null_value (b);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      cli_print_builder (b);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (changes); i++)
    {
      g_autoptr (TandemStageChange) c = g_list_model_get_item (changes, i);
      g_autofree char *at = cli_local_time (cli, tandem_stage_change_get_changed_at (c));
      g_autofree char *id = g_strdup_printf ("%" PRId64, tandem_stage_change_get_activity_id (c));
      /* TRANSLATORS: the order that caused a stage change, by its id */
      g_autofree char *order = tandem_stage_change_get_activity_id (c) > 0
                                   ? g_strdup_printf (_ ("  (activity %s)"), id)
                                   : g_strdup ("");

      g_print ("%s  %" PRId64 "  %-9s %s%s\n", at, tandem_stage_change_get_account_id (c),
               tandem_account_stage_to_nick (tandem_stage_change_get_stage (c)),
               tandem_stage_cause_to_nick (tandem_stage_change_get_cause (c)), order);
    }
}

int
cli_cmd_account_history (Cli *cli, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemAccount) account = NULL;
  g_autoptr (GListModel) changes = NULL;
  guint64 id;
  int     status = cli_parse_options (cli, "account history ID",
                                      _ ("— an account’s stages with "
                                             "their causes"),
                                      NULL, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 2)
    {
      g_printerr (_ ("tandem: account history needs one account ID\n"));
      return 1;
    }
  if (!g_ascii_string_to_unsigned (argv[1], 10, 1, G_MAXINT64, &id, NULL))
    {
      g_printerr (_ ("tandem: “%s” is not an id\n"), argv[1]);
      return 2;
    }
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;
  if ((account = tandem_store_get_account (cli->store, (gint64)id, &error)) == NULL
      || (changes = tandem_stage_change_list (cli->store, account, &error)) == NULL)
    {
      g_printerr ("tandem: %s\n", error->message);
      return 2;
    }
  print_changes (cli, changes);
  return 0;
}

static gboolean
parse_count (const char *option, const char *text, guint *out, GError **error)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT, &value, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _ ("%s: “%s” is not a whole number of 0 or more"), option, text);
      return FALSE;
    }
  *out = (guint)value;
  return TRUE;
}

int
cli_cmd_lifecycle (Cli *cli, int argc, char **argv)
{
  g_autofree char *orders_text = NULL;
  g_autofree char *months_text = NULL;
  g_autofree char *lost_text = NULL;
  GOptionEntry     entries[]
      = { { "regular-orders", 0, 0, G_OPTION_ARG_STRING, &orders_text,
            N_ ("orders within the window that make a regular customer (0: never)"), "N" },
          { "regular-months", 0, 0, G_OPTION_ARG_STRING, &months_text,
            N_ ("the window in months (1–120)"), "N" },
          { "lost-after-days", 0, 0, G_OPTION_ARG_STRING, &lost_text,
            N_ ("days without an order after which a customer is lost (0: never)"), "N" },
          { NULL } };
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemLifecycleRules) rules = NULL;
  guint value;
  int   status = cli_parse_options (cli, "lifecycle",
                                    _ ("— show the account lifecycle "
                                         "rules, or change them"),
                                    entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 1)
    {
      g_printerr (_ ("tandem: lifecycle takes no positional arguments\n"));
      return 1;
    }
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;
  if ((rules = tandem_lifecycle_rules_load (cli->store, &error)) == NULL)
    goto fail;

  if (orders_text != NULL || months_text != NULL || lost_text != NULL)
    {
      if (orders_text != NULL)
        {
          if (!parse_count ("--regular-orders", orders_text, &value, &error))
            goto fail;
          tandem_lifecycle_rules_set_regular_orders (rules, value);
        }
      if (months_text != NULL)
        {
          if (!parse_count ("--regular-months", months_text, &value, &error))
            goto fail;
          tandem_lifecycle_rules_set_regular_months (rules, value);
        }
      if (lost_text != NULL)
        {
          if (!parse_count ("--lost-after-days", lost_text, &value, &error))
            goto fail;
          tandem_lifecycle_rules_set_lost_after_days (rules, value);
        }
      if (!tandem_lifecycle_rules_save (cli->store, rules, &error))
        goto fail;
    }

  if (cli->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      cli_add_uint (b, "regular-orders", tandem_lifecycle_rules_get_regular_orders (rules));
      cli_add_uint (b, "regular-months", tandem_lifecycle_rules_get_regular_months (rules));
      cli_add_uint (b, "lost-after-days", tandem_lifecycle_rules_get_lost_after_days (rules));
      json_builder_end_object (b);
      cli_print_builder (b);
    }
  else
    g_print (_ ("Regular customer: %u orders within %u months\n"
                "Lost: no order for more than %u days\n"),
             tandem_lifecycle_rules_get_regular_orders (rules),
             tandem_lifecycle_rules_get_regular_months (rules),
             tandem_lifecycle_rules_get_lost_after_days (rules));
  return 0;

fail:
  g_printerr ("tandem: %s\n", error->message);
  return 2;
}

int
cli_cmd_lifecycle_apply (Cli *cli, int argc, char **argv)
{
  g_autofree char *at_text = NULL;
  GOptionEntry     entries[] = { { "at", 0, 0, G_OPTION_ARG_STRING, &at_text,
                                   N_ ("judge as of this time (default: now)"), "TIME" },
                                 { NULL } };
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) at = NULL;
  g_autoptr (GListModel) changes = NULL;
  int status = cli_parse_options (
      cli, "lifecycle apply", _ ("— apply the lifecycle rules to every account, recording losses"),
      entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 1)
    {
      g_printerr (_ ("tandem: lifecycle apply takes no positional arguments\n"));
      return 1;
    }
  if (at_text != NULL && (at = cli_parse_time (cli, "--at", at_text, &error)) == NULL)
    goto fail;
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;
  if ((changes = tandem_lifecycle_rules_apply (cli->store, at, &error)) == NULL)
    goto fail;
  print_changes (cli, changes);
  return 0;

fail:
  g_printerr ("tandem: %s\n", error->message);
  return 2;
}

int
cli_cmd_account_archive (Cli *cli, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemAccount) account = NULL;
  gint64 id;
  int    status = cli_parse_options (cli, "account archive ACCOUNT",
                                     _ ("— archive an account: kept with its "
                                           "activities, no longer worked"),
                                     NULL, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 2)
    return cli_usage_error (_ ("account archive needs ACCOUNT"));
  if (!cli_parse_id ("ACCOUNT", argv[1], &id, &error))
    return cli_data_error (error);
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;
  if ((account = tandem_store_get_account (cli->store, id, &error)) == NULL
      || !tandem_store_archive_account (cli->store, account, &error))
    return cli_data_error (error);
  if (cli->json)
    cli_print_object (G_OBJECT (account));
  else
    g_print (_ ("Archived account %" PRId64 " (%s)\n"), tandem_account_get_id (account),
             tandem_account_get_name (account));
  return 0;
}
