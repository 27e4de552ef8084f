/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-cli-plan.c: the plan verbs: load, list */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "tandem-cli.h"

int
cli_cmd_plan_load (Cli *cli, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemPlan) plan = NULL;
  int status = cli_parse_options (cli, "plan load FILE", _ ("— store a compensation plan"), NULL,
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
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;
  if (!tandem_store_add_plan (cli->store, plan, &error))
    return cli_data_error (error);
  if (cli->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "plan");
      json_builder_add_string_value (b, tandem_plan_get_name (plan));
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      cli_print_json (root);
    }
  else
    g_print (_ ("Plan “%s” loaded\n"), tandem_plan_get_name (plan));
  return 0;
}

int
cli_cmd_plan_list (Cli *cli, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) names = NULL;
  int status = cli_parse_options (cli, "plan list", "", NULL, &argc, &argv);

  if (status >= 0)
    return status;
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;
  names = tandem_store_list_plans (cli->store, &error);
  if (names == NULL)
    {
      g_printerr ("tandem: %s\n", error->message);
      return 2;
    }
  if (cli->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_array (b);
      for (guint i = 0; names[i]; i++)
        json_builder_add_string_value (b, names[i]);
      json_builder_end_array (b);
      root = json_builder_get_root (b);
      cli_print_json (root);
    }
  else
    for (guint i = 0; names[i]; i++)
      g_print ("%s\n", names[i]);
  return 0;
}
