/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-cli-list.c: the list verbs, as aligned tables or JSON arrays whose
 * keys are the objects' property names */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "tandem-cli.h"

/* Adds every readable property of @object as a member; objects become
 * their id, money its canonical string, times ISO 8601, enums their nick. */
static void
add_properties (JsonBuilder *b,
                GObject     *object)
{
  guint                   n = 0;
  g_autofree GParamSpec **specs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n);

  json_builder_begin_object (b);
  for (guint i = 0; i < n; i++)
    {
      GParamSpec *p = specs[i];
      g_auto (GValue) value = G_VALUE_INIT;
      GType type = G_PARAM_SPEC_VALUE_TYPE (p);

      if (!(p->flags & G_PARAM_READABLE))
        continue;
      g_value_init (&value, type);
      g_object_get_property (object, p->name, &value);
      json_builder_set_member_name (b, p->name);

      if (type == G_TYPE_STRING)
        {
          const char *s = g_value_get_string (&value);
          s ? json_builder_add_string_value (b, s) : json_builder_add_null_value (b);
        }
      else if (type == G_TYPE_INT64)
        json_builder_add_int_value (b, g_value_get_int64 (&value));
      else if (type == G_TYPE_INT)
        json_builder_add_int_value (b, g_value_get_int (&value));
      else if (type == G_TYPE_BOOLEAN)
        json_builder_add_boolean_value (b, g_value_get_boolean (&value));
      else if (G_TYPE_IS_ENUM (type))
        {
          GEnumClass *klass = g_type_class_ref (type);
          GEnumValue *ev = g_enum_get_value (klass, g_value_get_enum (&value));

          json_builder_add_string_value (b, ev ? ev->value_nick : "");
          g_type_class_unref (klass);
        }
      else if (type == TANDEM_TYPE_MONEY)
        {
          g_autofree char *s = g_value_get_boxed (&value) ? tandem_money_to_string (g_value_get_boxed (&value)) : NULL;
          s ? json_builder_add_string_value (b, s) : json_builder_add_null_value (b);
        }
      else if (type == G_TYPE_DATE_TIME)
        {
          g_autofree char *s = g_value_get_boxed (&value) ? g_date_time_format_iso8601 (g_value_get_boxed (&value)) : NULL;
          s ? json_builder_add_string_value (b, s) : json_builder_add_null_value (b);
        }
      else if (G_TYPE_IS_OBJECT (type))
        {
          GObject *o = g_value_get_object (&value);
          gint64   id = 0;

          if (o != NULL && g_object_class_find_property (G_OBJECT_GET_CLASS (o), "id"))
            g_object_get (o, "id", &id, NULL);
          o ? json_builder_add_int_value (b, id) : json_builder_add_null_value (b);
        }
      else
        json_builder_add_null_value (b);
    }
  json_builder_end_object (b);
}

static void
print_model_json (GListModel *model)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_array (b);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (model, i);
      add_properties (b, item);
    }
  json_builder_end_array (b);
  root = json_builder_get_root (b);
  cli_print_json (root);
}

static int
simple_list (Cli        *cli,
             int         argc,
             char      **argv,
             const char *usage,
             GListModel *(*list) (TandemStore *),
             void (*row) (gpointer item))
{
  g_autoptr (GListModel) model = NULL;
  int status = cli_parse_options (cli, usage, "", NULL, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 1)
    {
      g_printerr (_ ("tandem: %s takes no arguments\n"), usage);
      return 1;
    }
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;

  model = list (cli->store);
  if (cli->json)
    print_model_json (model);
  else
    for (guint i = 0; i < g_list_model_get_n_items (model); i++)
      {
        g_autoptr (GObject) item = g_list_model_get_item (model, i);
        row (item);
      }
  return 0;
}

static void
rep_row (gpointer item)
{
  TandemRep *r = item;

  g_print ("%4" G_GINT64_FORMAT "  %-28s %-8s%s\n", tandem_rep_get_id (r), tandem_rep_get_name (r),
           tandem_role_to_nick (tandem_rep_get_role (r)), tandem_rep_get_archived (r) ? _ ("  (archived)") : "");
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

static void
account_row (gpointer item)
{
  TandemAccount *a = item;
  TandemTeam    *team = tandem_account_get_team (a);

  g_print ("%4" G_GINT64_FORMAT "  %-34s %s  %-9s tandem %" G_GINT64_FORMAT "%s\n",
           tandem_account_get_id (a), tandem_account_get_name (a),
           tandem_category_to_nick (tandem_account_get_category (a)),
           tandem_account_stage_to_nick (tandem_account_get_stage (a)),
           team ? tandem_team_get_id (team) : 0, tandem_account_get_archived (a) ? _ ("  (archived)") : "");
}

int
cli_cmd_rep_list (Cli *cli, int argc, char **argv)
{
  return simple_list (cli, argc, argv, "rep list", tandem_store_list_reps, rep_row);
}

int
cli_cmd_team_list (Cli *cli, int argc, char **argv)
{
  return simple_list (cli, argc, argv, "team list", tandem_store_list_teams, team_row);
}

int
cli_cmd_account_list (Cli *cli, int argc, char **argv)
{
  return simple_list (cli, argc, argv, "account list", tandem_store_list_accounts, account_row);
}

int
cli_cmd_activity_list (Cli   *cli,
                       int    argc,
                       char **argv)
{
  gint64           account_id = 0, rep_id = 0, team_id = 0;
  g_autofree char *kind_text = NULL;
  GOptionEntry     entries[] = {
        { "account", 0, 0, G_OPTION_ARG_INT64, &account_id, N_ ("only this account"), "ID" },
        { "rep", 0, 0, G_OPTION_ARG_INT64, &rep_id, N_ ("only this rep"), "ID" },
        { "team", 0, 0, G_OPTION_ARG_INT64, &team_id, N_ ("only this tandem’s accounts"), "ID" },
        { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_text, N_ ("only this kind"), "KIND" },
        { NULL }
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemActivityFilter) filter = tandem_activity_filter_new ();
  g_autoptr (GListModel) model = NULL;
  int status = cli_parse_options (cli, "activity list", _ ("— list activities in time order"), entries, &argc, &argv);

  if (status >= 0)
    return status;
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;

  if (account_id > 0)
    {
      g_autoptr (TandemAccount) a = tandem_store_get_account (cli->store, account_id, &error);
      if (a == NULL)
        goto fail;
      tandem_activity_filter_set_account (filter, a);
    }
  if (rep_id > 0)
    {
      g_autoptr (TandemRep) r = tandem_store_get_rep (cli->store, rep_id, &error);
      if (r == NULL)
        goto fail;
      tandem_activity_filter_set_rep (filter, r);
    }
  if (team_id > 0)
    {
      g_autoptr (TandemTeam) t = tandem_store_get_team (cli->store, team_id, &error);
      if (t == NULL)
        goto fail;
      tandem_activity_filter_set_team (filter, t);
    }
  if (kind_text != NULL)
    {
      TandemActivityKind kind;

      if (!tandem_activity_kind_from_nick (kind_text, &kind, &error))
        goto fail;
      tandem_activity_filter_set_kind (filter, kind);
    }

  model = tandem_store_query_activities (cli->store, filter, &error);
  if (model == NULL)
    goto fail;

  if (cli->json)
    print_model_json (model);
  else
    for (guint i = 0; i < g_list_model_get_n_items (model); i++)
      {
        g_autoptr (TandemActivity) a = g_list_model_get_item (model, i);
        g_autofree char *when = g_date_time_format_iso8601 (tandem_activity_get_occurred_at (a));
        g_autofree char *amount = cli_money (tandem_activity_get_amount (a));

        g_print ("%6" G_GINT64_FORMAT "  %s  %-11s account %-4" G_GINT64_FORMAT " rep %-4" G_GINT64_FORMAT " %s\n",
                 tandem_activity_get_id (a), when, tandem_activity_kind_to_nick (tandem_activity_get_kind (a)),
                 tandem_account_get_id (tandem_activity_get_account (a)), tandem_rep_get_id (tandem_activity_get_rep (a)),
                 amount);
      }
  return 0;

fail:
  g_printerr ("tandem: %s\n", error->message);
  return 2;
}

int
cli_cmd_plan_list (Cli   *cli,
                   int    argc,
                   char **argv)
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
