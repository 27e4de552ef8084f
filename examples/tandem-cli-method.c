/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-cli-method.c: the verbs of the tandem method: matching, A/B/C/D, clean-up, charters,
 * shadowing, support */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "tandem-cli.h"

/* "INSIDE:FIELD" → the two reps. */
static gboolean
parse_pair (Cli        *cli,
            const char *option,
            const char *text,
            TandemRep **inside,
            TandemRep **field,
            GError    **error)
{
  g_auto (GStrv) parts = g_strsplit (text, ":", 2);

  if (parts[0] == NULL || parts[1] == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _ ("%s: “%s” is not a pair INSIDE:FIELD of rep ids"), option, text);
      return FALSE;
    }
  return cli_get_rep (cli, option, parts[0], inside, error)
         && cli_get_rep (cli, option, parts[1], field, error);
}

int
cli_cmd_match (Cli *cli, int argc, char **argv)
{
  gboolean all = FALSE, create = FALSE;
  g_auto (GStrv) fix = NULL;
  g_auto (GStrv) forbid = NULL;
  GOptionEntry entries[]
      = { { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_ ("include reps already in a tandem"), NULL },
          { "fix", 0, 0, G_OPTION_ARG_STRING_ARRAY, &fix,
            N_ ("keep this pair as it is (repeatable)"), "INSIDE:FIELD" },
          { "forbid", 0, 0, G_OPTION_ARG_STRING_ARRAY, &forbid,
            N_ ("never propose this pair (repeatable)"), "INSIDE:FIELD" },
          { "create", 0, 0, G_OPTION_ARG_NONE, &create, N_ ("create the proposed tandems"), NULL },
          { NULL } };
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemMatcher) matcher = tandem_matcher_new ();
  g_autoptr (GListModel) proposals = NULL;
  g_autoptr (GListModel) unmatched = NULL;
  int status
      = cli_parse_options (cli, "match", _ ("— propose tandems of reps who complement each other"),
                           entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 1)
    {
      g_printerr (_ ("tandem: match takes no positional arguments\n"));
      return 1;
    }
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;
  if (!tandem_matcher_load_from_store (matcher, cli->store, all, &error))
    goto fail;

  for (guint i = 0; fix != NULL && fix[i] != NULL; i++)
    {
      g_autoptr (TandemRep) a = NULL;
      g_autoptr (TandemRep) b = NULL;

      if (!parse_pair (cli, "--fix", fix[i], &a, &b, &error)
          || !tandem_matcher_fix_pair (matcher, a, b, &error))
        goto fail;
    }
  for (guint i = 0; forbid != NULL && forbid[i] != NULL; i++)
    {
      g_autoptr (TandemRep) a = NULL;
      g_autoptr (TandemRep) b = NULL;

      if (!parse_pair (cli, "--forbid", forbid[i], &a, &b, &error)
          || !tandem_matcher_forbid_pair (matcher, a, b, &error))
        goto fail;
    }

  proposals = tandem_matcher_solve (matcher, &error);
  if (proposals == NULL)
    goto fail;
  unmatched = tandem_matcher_get_unmatched (matcher);

  if (create)
    for (guint i = 0; i < g_list_model_get_n_items (proposals); i++)
      {
        g_autoptr (TandemMatchProposal) p = g_list_model_get_item (proposals, i);
        g_autoptr (TandemTeam) team
            = tandem_store_add_team (cli->store, tandem_match_proposal_get_inside_rep (p),
                                     tandem_match_proposal_get_field_rep (p), &error);
        if (team == NULL)
          goto fail;
      }

  if (cli->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "proposals");
      json_builder_begin_array (b);
      for (guint i = 0; i < g_list_model_get_n_items (proposals); i++)
        {
          g_autoptr (TandemMatchProposal) p = g_list_model_get_item (proposals, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "inside-rep");
          json_builder_add_int_value (b,
                                      tandem_rep_get_id (tandem_match_proposal_get_inside_rep (p)));
          json_builder_set_member_name (b, "field-rep");
          json_builder_add_int_value (b,
                                      tandem_rep_get_id (tandem_match_proposal_get_field_rep (p)));
          json_builder_set_member_name (b, "score");
          json_builder_add_int_value (b, tandem_match_proposal_get_score (p));
          json_builder_set_member_name (b, "fixed");
          json_builder_add_boolean_value (b, tandem_match_proposal_get_fixed (p));
          json_builder_set_member_name (b, "explanation");
          json_builder_add_string_value (b, tandem_match_proposal_get_explanation (p));
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "unmatched");
      json_builder_begin_array (b);
      for (guint i = 0; i < g_list_model_get_n_items (unmatched); i++)
        {
          g_autoptr (TandemRep) r = g_list_model_get_item (unmatched, i);
          json_builder_add_int_value (b, tandem_rep_get_id (r));
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      cli_print_json (root);
      return 0;
    }

  for (guint i = 0; i < g_list_model_get_n_items (proposals); i++)
    {
      g_autoptr (TandemMatchProposal) p = g_list_model_get_item (proposals, i);

      g_print ("%-22s + %-22s %4d  %s\n",
               tandem_rep_get_name (tandem_match_proposal_get_inside_rep (p)),
               tandem_rep_get_name (tandem_match_proposal_get_field_rep (p)),
               tandem_match_proposal_get_score (p), tandem_match_proposal_get_explanation (p));
    }
  for (guint i = 0; i < g_list_model_get_n_items (unmatched); i++)
    {
      g_autoptr (TandemRep) r = g_list_model_get_item (unmatched, i);
      g_print (_ ("%s: no partner\n"), tandem_rep_get_name (r));
    }
  if (create && !cli->quiet)
    g_printerr (_ ("Created %u tandems\n"), g_list_model_get_n_items (proposals));
  return 0;

fail:
  g_printerr ("tandem: %s\n", error->message);
  return 2;
}

static void
print_accounts_json (GListModel *model, gboolean classification)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_array (b);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (model, i);
      TandemAccount *a = classification
                             ? tandem_classification_get_account (TANDEM_CLASSIFICATION (item))
                             : TANDEM_ACCOUNT (item);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "account");
      json_builder_add_int_value (b, tandem_account_get_id (a));
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, tandem_account_get_name (a));
      if (classification)
        {
          TandemClassification *c = TANDEM_CLASSIFICATION (item);
          g_autofree char *revenue = tandem_money_to_string (tandem_classification_get_revenue (c));

          json_builder_set_member_name (b, "revenue");
          json_builder_add_string_value (b, revenue);
          json_builder_set_member_name (b, "share-bp");
          json_builder_add_int_value (b, tandem_classification_get_share (c));
          json_builder_set_member_name (b, "category");
          json_builder_add_string_value (
              b, tandem_category_to_nick (tandem_classification_get_category (c)));
          json_builder_set_member_name (b, "previous-category");
          json_builder_add_string_value (
              b, tandem_category_to_nick (tandem_classification_get_previous_category (c)));
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  root = json_builder_get_root (b);
  cli_print_json (root);
}

int
cli_cmd_classify (Cli *cli, int argc, char **argv)
{
  g_autofree char *since_text = NULL;
  g_autofree char *until_text = NULL;
  g_autofree char *currency = NULL;
  g_autofree char *a_text = NULL;
  g_autofree char *b_text = NULL;
  g_autofree char *c_text = NULL;
  gboolean         apply = FALSE;
  GOptionEntry     entries[]
      = { { "since", 0, 0, G_OPTION_ARG_STRING, &since_text, N_ ("start of the window"), "TIME" },
          { "until", 0, 0, G_OPTION_ARG_STRING, &until_text, N_ ("end of the window (exclusive)"),
            "TIME" },
          { "currency", 0, 0, G_OPTION_ARG_STRING, &currency,
            N_ ("currency of the revenue counted (default EUR)"), "CODE" },
          { "a", 0, 0, G_OPTION_ARG_STRING, &a_text,
            N_ ("share of revenue A accounts make up (default 50%)"), "PERCENT" },
          { "b", 0, 0, G_OPTION_ARG_STRING, &b_text,
            N_ ("share B accounts make up next (default 30%)"), "PERCENT" },
          { "c", 0, 0, G_OPTION_ARG_STRING, &c_text,
            N_ ("share C accounts make up next (default 15%)"), "PERCENT" },
          { "apply", 0, 0, G_OPTION_ARG_NONE, &apply, N_ ("store the new categories"), NULL },
          { NULL } };
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) since = NULL;
  g_autoptr (GDateTime) until = NULL;
  g_autoptr (GListModel) result = NULL;
  guint a = 5000, b = 3000, c = 1500;
  int   status = cli_parse_options (
        cli, "classify", _ ("— A/B/C/D accounts by their share of revenue"), entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (since_text == NULL || until_text == NULL)
    {
      g_printerr (_ ("tandem: classify needs --since TIME and --until TIME\n"));
      return 1;
    }
  if ((since = cli_parse_time (cli, "--since", since_text, &error)) == NULL
      || (until = cli_parse_time (cli, "--until", until_text, &error)) == NULL)
    goto fail;
  if (g_date_time_compare (since, until) >= 0)
    {
      /* an empty window would demote every account to D */
      g_printerr (_ ("tandem: --since %s must come before --until %s; nothing was classified\n"),
                  since_text, until_text);
      return 1;
    }
  if ((a_text && !cli_parse_percent ("--a", a_text, &a, &error))
      || (b_text && !cli_parse_percent ("--b", b_text, &b, &error))
      || (c_text && !cli_parse_percent ("--c", c_text, &c, &error)))
    goto fail;
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;

  result = tandem_classification_compute (cli->store, since, until, currency ? currency : "EUR", a,
                                          b, c, apply, &error);
  if (result == NULL)
    goto fail;

  if (cli->json)
    print_accounts_json (result, TRUE);
  else
    for (guint i = 0; i < g_list_model_get_n_items (result); i++)
      {
        g_autoptr (TandemClassification) k = g_list_model_get_item (result, i);
        g_autofree char *revenue = cli_money (tandem_classification_get_revenue (k));
        guint            share = tandem_classification_get_share (k);

        g_autofree char *letter
            = g_ascii_strup (tandem_category_to_nick (tandem_classification_get_category (k)), -1);
        g_autofree char *share_text = cli_percent_cell ((int)share);
        g_autoptr (GString) line = g_string_new (NULL);

        g_string_append_printf (line, "%s  ", letter);
        cli_pad (line, tandem_account_get_name (tandem_classification_get_account (k)), 34, FALSE);
        g_string_append_c (line, ' ');
        cli_pad (line, revenue, 16, TRUE);
        g_string_append_c (line, ' ');
        cli_pad (line, share_text, 7, TRUE);
        g_print ("%s%s\n", line->str,
                 tandem_classification_get_category (k)
                         != tandem_classification_get_previous_category (k)
                     ? _ ("  (changed)")
                     : "");
      }
  return 0;

fail:
  g_printerr ("tandem: %s\n", error->message);
  return 2;
}

int
cli_cmd_cleanup (Cli *cli, int argc, char **argv)
{
  gboolean     confirm = FALSE;
  GOptionEntry entries[] = { { "confirm", 0, 0, G_OPTION_ARG_NONE, &confirm,
                               N_ ("archive them (otherwise only list them)"), NULL },
                             { NULL } };
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) accounts = NULL;
  int status = cli_parse_options (
      cli, "cleanup", _ ("— the yearly clean-up: list D accounts, archive them with --confirm"),
      entries, &argc, &argv);

  if (status >= 0)
    return status;
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;
  accounts = tandem_classification_clean_up (cli->store, confirm, &error);
  if (accounts == NULL)
    {
      g_printerr ("tandem: %s\n", error->message);
      return 2;
    }
  if (cli->json)
    print_accounts_json (accounts, FALSE);
  else
    for (guint i = 0; i < g_list_model_get_n_items (accounts); i++)
      {
        g_autoptr (TandemAccount) a = g_list_model_get_item (accounts, i);
        g_print ("%" PRId64 "  %s%s\n", tandem_account_get_id (a), tandem_account_get_name (a),
                 confirm ? _ ("  (archived)") : "");
      }
  return 0;
}

/* ------------------------------------------------------------------ */
/* Charters                                                            */

static const char *
owner_nick (TandemCharterOwner owner)
{
  g_autoptr (GEnumClass) klass = g_type_class_ref (TANDEM_TYPE_CHARTER_OWNER);
  GEnumValue *value = g_enum_get_value (klass, owner);

  return value != NULL ? value->value_nick : "?";
}

static void
add_time (JsonBuilder *b, const char *name, GDateTime *t)
{
  g_autofree char *text = t != NULL ? g_date_time_format_iso8601 (t) : NULL;

  json_builder_set_member_name (b, name);
  if (text != NULL)
    json_builder_add_string_value (b, text);
  else
    json_builder_add_null_value (b);
}

static void
print_charter (Cli *cli, TandemCharter *charter)
{
  g_auto (GStrv) areas = tandem_charter_get_areas (charter);
  TandemTeam *team = tandem_charter_get_team (charter);

  if (cli->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "team");
      json_builder_add_int_value (b, tandem_team_get_id (team));
      cli_add_uint (b, "version", tandem_charter_get_version (charter));
      json_builder_set_member_name (b, "areas");
      json_builder_begin_object (b);
      for (guint i = 0; areas[i] != NULL; i++)
        {
          TandemCharterOwner owner = TANDEM_CHARTER_OWNER_SHARED;

          tandem_charter_get_owner (charter, areas[i], &owner);
          json_builder_set_member_name (b, areas[i]);
          json_builder_add_string_value (b, owner_nick (owner));
        }
      json_builder_end_object (b);
      add_time (b, "inside-confirmed", tandem_charter_get_inside_confirmed (charter));
      add_time (b, "field-confirmed", tandem_charter_get_field_confirmed (charter));
      json_builder_set_member_name (b, "agreed");
      json_builder_add_boolean_value (b, tandem_charter_get_agreed (charter));
      json_builder_end_object (b);
      cli_print_builder (b);
      return;
    }

  g_print (_ ("Charter of tandem %" PRId64 " (%s), version %u: %s\n"), tandem_team_get_id (team),
           tandem_team_get_name (team), tandem_charter_get_version (charter),
           tandem_charter_get_agreed (charter) ? _ ("agreed by both")
                                               : _ ("a draft, not yet confirmed by both"));
  for (guint i = 0; areas[i] != NULL; i++)
    {
      TandemCharterOwner owner = TANDEM_CHARTER_OWNER_SHARED;

      tandem_charter_get_owner (charter, areas[i], &owner);
      g_print ("  %-28s %s\n", areas[i], owner_nick (owner));
    }
}

int
cli_cmd_charter_show (Cli *cli, int argc, char **argv)
{
  gint         version = 0;
  GOptionEntry entries[] = { { "version", 0, 0, G_OPTION_ARG_INT, &version,
                               N_ ("this version rather than the latest"), "N" },
                             { NULL } };
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemTeam) team = NULL;
  g_autoptr (TandemCharter) charter = NULL;
  int status = cli_parse_options (cli, "charter show TEAM",
                                  _ ("— a tandem’s areas of responsibility and who confirmed them"),
                                  entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 2)
    return cli_usage_error (_ ("charter show needs TEAM"));
  if (version < 0)
    return cli_usage_error (_ ("--version must be 1 or more"));
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;
  if ((team = cli_get_team (cli, argv[1], &error)) == NULL
      || (charter = tandem_charter_load (cli->store, team, (guint)version, &error)) == NULL)
    return cli_data_error (error);
  print_charter (cli, charter);
  return 0;
}

int
cli_cmd_charter_set (Cli *cli, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemTeam) team = NULL;
  g_autoptr (TandemCharter) latest = NULL;
  g_autoptr (TandemCharter) draft = NULL;
  g_autoptr (TandemCharter) saved = NULL;
  g_autoptr (GEnumClass) owners = g_type_class_ref (TANDEM_TYPE_CHARTER_OWNER);
  GEnumValue *owner;
  int         status = cli_parse_options (cli, "charter set TEAM AREA inside|field|shared",
                                          _ ("— a new draft version of the charter with AREA "
                                                     "owned by the "
                                                     "inside rep, the field rep or both"),
                                          NULL, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 4)
    return cli_usage_error (_ ("charter set needs TEAM, AREA and inside, field or shared"));
  if ((owner = g_enum_get_value_by_nick (owners, argv[3])) == NULL)
    {
      g_printerr (_ ("tandem: “%s” is not an owner: inside, field or shared\n"), argv[3]);
      return EXIT_DATA;
    }
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;
  if ((team = cli_get_team (cli, argv[1], &error)) == NULL)
    return cli_data_error (error);

  /* the new version starts from the latest one */
  draft = tandem_charter_new (team);
  latest = tandem_charter_load (cli->store, team, 0, &error);
  if (latest == NULL && !g_error_matches (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_FOUND))
    return cli_data_error (error);
  g_clear_error (&error);
  if (latest != NULL)
    {
      g_auto (GStrv) areas = tandem_charter_get_areas (latest);

      for (guint i = 0; areas[i] != NULL; i++)
        {
          TandemCharterOwner o = TANDEM_CHARTER_OWNER_SHARED;

          tandem_charter_get_owner (latest, areas[i], &o);
          if (!tandem_charter_set_area (draft, areas[i], o, &error))
            return cli_data_error (error);
        }
    }
  if (!tandem_charter_set_area (draft, argv[2], owner->value, &error)
      || (saved = tandem_charter_save (cli->store, draft, &error)) == NULL)
    return cli_data_error (error);
  print_charter (cli, saved);
  return 0;
}

int
cli_cmd_charter_confirm (Cli *cli, int argc, char **argv)
{
  g_autofree char *rep_text = NULL;
  GOptionEntry     entries[]
      = { { "rep", 0, 0, G_OPTION_ARG_STRING, &rep_text, N_ ("the member who confirms"), "REP" },
          { NULL } };
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemTeam) team = NULL;
  g_autoptr (TandemRep) rep = NULL;
  g_autoptr (TandemCharter) charter = NULL;
  g_autoptr (TandemCharter) confirmed = NULL;
  int status = cli_parse_options (
      cli, "charter confirm TEAM",
      _ ("— a member confirms the latest charter; agreed once both did"), entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 2)
    return cli_usage_error (_ ("charter confirm needs TEAM"));
  if (rep_text == NULL)
    return cli_usage_error (_ ("charter confirm needs --rep REP"));
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;
  if ((team = cli_get_team (cli, argv[1], &error)) == NULL
      || !cli_get_rep (cli, "--rep", rep_text, &rep, &error)
      || (charter = tandem_charter_load (cli->store, team, 0, &error)) == NULL
      || !tandem_charter_confirm (cli->store, charter, rep, NULL, &error)
      || (confirmed
          = tandem_charter_load (cli->store, team, tandem_charter_get_version (charter), &error))
             == NULL)
    return cli_data_error (error);
  print_charter (cli, confirmed);
  return 0;
}

/* ------------------------------------------------------------------ */
/* Shadowing                                                           */

int
cli_cmd_shadowing_log (Cli *cli, int argc, char **argv)
{
  g_autofree char *account_text = NULL;
  g_autofree char *guest_text = NULL;
  g_autofree char *host_text = NULL;
  g_autofree char *at_text = NULL;
  g_autofree char *note = NULL;
  gint             minutes = -1;
  GOptionEntry     entries[]
      = { { "account", 0, 0, G_OPTION_ARG_STRING, &account_text,
            N_ ("the account visited (or worked on in the office)"), "ID" },
          { "guest", 0, 0, G_OPTION_ARG_STRING, &guest_text, N_ ("the rep who shadowed"), "REP" },
          { "host", 0, 0, G_OPTION_ARG_STRING, &host_text, N_ ("the rep who was shadowed"), "REP" },
          { "minutes", 0, 0, G_OPTION_ARG_INT, &minutes, N_ ("how long"), "N" },
          { "at", 0, 0, G_OPTION_ARG_STRING, &at_text, N_ ("when (default: now)"), "TIME" },
          { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_ ("a note"), "TEXT" },
          { NULL } };
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemAccount) account = NULL;
  g_autoptr (TandemRep) guest = NULL;
  g_autoptr (TandemRep) host = NULL;
  g_autoptr (GDateTime) at = NULL;
  g_autoptr (TandemActivity) activity = NULL;
  int status = cli_parse_options (
      cli, "shadowing log",
      _ ("— one member shadowed the other: a ride-along or a day in the office"), entries, &argc,
      &argv);

  if (status >= 0)
    return status;
  if (argc != 1)
    return cli_usage_error (_ ("shadowing log takes no positional arguments"));
  if (account_text == NULL || guest_text == NULL || host_text == NULL || minutes < 0)
    return cli_usage_error (
        _ ("shadowing log needs --account ID, --guest REP, --host REP and --minutes N"));
  if (at_text != NULL && (at = cli_parse_time (cli, "--at", at_text, &error)) == NULL)
    return cli_data_error (error);
  if (at == NULL)
    at = g_date_time_new_now_utc ();
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;
  if ((account = cli_get_account (cli, "--account", account_text, &error)) == NULL
      || !cli_get_rep (cli, "--guest", guest_text, &guest, &error)
      || !cli_get_rep (cli, "--host", host_text, &host, &error)
      || (activity = tandem_shadowing_status_log (cli->store, account, guest, host, at,
                                                  (guint)minutes, note, &error))
             == NULL)
    return cli_data_error (error);
  cli_print_id (cli, tandem_activity_get_id (activity));
  return 0;
}

int
cli_cmd_shadowing_status (Cli *cli, int argc, char **argv)
{
  gint         year = 0;
  gboolean     missing = FALSE;
  GOptionEntry entries[] = { { "year", 0, 0, G_OPTION_ARG_INT, &year,
                               N_ ("count only this calendar year (local time)"), "YYYY" },
                             { "missing", 0, 0, G_OPTION_ARG_NONE, &missing,
                               N_ ("only tandems still missing a direction"), NULL },
                             { NULL } };
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) since = NULL;
  g_autoptr (GDateTime) until = NULL;
  g_autoptr (GListModel) statuses = NULL;
  int status = cli_parse_options (cli, "shadowing status",
                                  _ ("— per tandem: ride-along and sit-in done, minutes, complete"),
                                  entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 1)
    return cli_usage_error (_ ("shadowing status takes no positional arguments"));
  if (year != 0 && (year < 1970 || year > 9998))
    return cli_usage_error (_ ("--year must be a year such as 2026"));
  if (year != 0)
    {
      since = g_date_time_new_local (year, 1, 1, 0, 0, 0);
      until = g_date_time_new_local (year + 1, 1, 1, 0, 0, 0);
    }
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;
  if ((statuses = tandem_shadowing_status_list_between (cli->store, since, until, missing, &error))
      == NULL)
    return cli_data_error (error);
  if (cli->json)
    {
      cli_print_model_json (statuses);
      return 0;
    }
  for (guint i = 0; i < g_list_model_get_n_items (statuses); i++)
    {
      g_autoptr (TandemShadowingStatus) s = g_list_model_get_item (statuses, i);
      TandemTeam *team = tandem_shadowing_status_get_team (s);

      g_print (_ ("%4" PRId64 "  %-24s ride-along %-3s %4u min  sit-in %-3s %4u min  %s\n"),
               tandem_team_get_id (team), tandem_team_get_name (team),
               tandem_shadowing_status_get_ride_along (s) ? _ ("yes") : _ ("no"),
               tandem_shadowing_status_get_ride_along_minutes (s),
               tandem_shadowing_status_get_sit_in (s) ? _ ("yes") : _ ("no"),
               tandem_shadowing_status_get_sit_in_minutes (s),
               tandem_shadowing_status_get_complete (s) ? _ ("complete") : _ ("missing"));
    }
  return 0;
}

/* ------------------------------------------------------------------ */
/* Support requests                                                    */

int
cli_cmd_support_open (Cli *cli, int argc, char **argv)
{
  g_autofree char *account_text = NULL;
  g_autofree char *owner_text = NULL;
  g_autofree char *queue = NULL;
  g_autofree char *due_text = NULL;
  g_autofree char *note = NULL;
  GOptionEntry     entries[]
      = { { "account", 0, 0, G_OPTION_ARG_STRING, &account_text, N_ ("the account that asks"),
            "ID" },
          { "owner", 0, 0, G_OPTION_ARG_STRING, &owner_text,
            N_ ("the rep who owns the "
                "request"),
            "REP" },
          { "queue", 0, 0, G_OPTION_ARG_STRING, &queue,
            N_ ("the queue, such as "
                "reklamation"),
            "NAME" },
          { "due", 0, 0, G_OPTION_ARG_STRING, &due_text, N_ ("when it must be done"), "TIME" },
          { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_ ("what it is about"), "TEXT" },
          { NULL } };
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemAccount) account = NULL;
  g_autoptr (TandemRep) owner = NULL;
  g_autoptr (GDateTime) due = NULL;
  g_autoptr (TandemSupportRequest) request = NULL;
  int status = cli_parse_options (
      cli, "support open", _ ("— open a support request with an owner, a queue and a due date"),
      entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 1)
    return cli_usage_error (_ ("support open takes no positional arguments"));
  if (account_text == NULL || owner_text == NULL || queue == NULL)
    return cli_usage_error (_ ("support open needs --account ID, --owner REP and --queue NAME"));
  if (due_text != NULL && (due = cli_parse_time (cli, "--due", due_text, &error)) == NULL)
    return cli_data_error (error);
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;
  if ((account = cli_get_account (cli, "--account", account_text, &error)) == NULL
      || !cli_get_rep (cli, "--owner", owner_text, &owner, &error)
      || (request = tandem_support_request_open (cli->store, account, owner, queue, NULL, due, note,
                                                 &error))
             == NULL)
    return cli_data_error (error);
  cli_print_id (cli, tandem_activity_get_id (tandem_support_request_get_activity (request)));
  return 0;
}

static void
print_requests (Cli *cli, GListModel *requests)
{
  if (cli->json)
    {
      cli_print_model_json (requests);
      return;
    }
  for (guint i = 0; i < g_list_model_get_n_items (requests); i++)
    {
      g_autoptr (TandemSupportRequest) r = g_list_model_get_item (requests, i);
      TandemActivity  *a = tandem_support_request_get_activity (r);
      g_autofree char *due = tandem_support_request_get_due_at (r)
                                 ? cli_local_time (cli, tandem_support_request_get_due_at (r))
                                 : g_strdup ("—");
      const char      *note = tandem_activity_get_note (a);

      g_print ("%4" PRId64 "  %-14s %-20s %-22s %s%s\n", tandem_activity_get_id (a),
               tandem_support_request_get_queue (r),
               tandem_rep_get_name (tandem_support_request_get_owner (r)), due,
               note != NULL ? note : "",
               tandem_support_request_get_closed (r) ? _ (" (closed)") : "");
    }
}

int
cli_cmd_support_list (Cli *cli, int argc, char **argv)
{
  g_autofree char *queue = NULL;
  gboolean         overdue = FALSE;
  GOptionEntry     entries[]
      = { { "queue", 0, 0, G_OPTION_ARG_STRING, &queue, N_ ("only this queue"), "NAME" },
          { "overdue", 0, 0, G_OPTION_ARG_NONE, &overdue,
            N_ ("only open requests past their due date"), NULL },
          { NULL } };
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) requests = NULL;
  int status = cli_parse_options (cli, "support list", _ ("— open support requests by due date"),
                                  entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 1)
    return cli_usage_error (_ ("support list takes no positional arguments"));
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;
  if (!overdue)
    requests = tandem_support_request_list_queue (cli->store, queue, FALSE, &error);
  else
    {
      g_autoptr (GListModel) late = tandem_support_request_list_overdue (cli->store, NULL, &error);
      GListStore *kept = g_list_store_new (TANDEM_TYPE_SUPPORT_REQUEST);

      for (guint i = 0; late != NULL && i < g_list_model_get_n_items (late); i++)
        {
          g_autoptr (TandemSupportRequest) r = g_list_model_get_item (late, i);

          if (queue == NULL || g_strcmp0 (queue, tandem_support_request_get_queue (r)) == 0)
            g_list_store_append (kept, r);
        }
      requests = G_LIST_MODEL (kept);
    }
  if (requests == NULL || error != NULL)
    return cli_data_error (error);
  print_requests (cli, requests);
  return 0;
}

int
cli_cmd_support_close (Cli *cli, int argc, char **argv)
{
  g_autofree char *rep_text = NULL;
  GOptionEntry     entries[] = { { "rep", 0, 0, G_OPTION_ARG_STRING, &rep_text,
                                   N_ ("who closes it (default: its owner)"), "REP" },
                                 { NULL } };
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) all = NULL;
  g_autoptr (TandemSupportRequest) request = NULL;
  g_autoptr (TandemRep) rep = NULL;
  gint64 id;
  int    status = cli_parse_options (cli, "support close ID",
                                     _ ("— close a support request, "
                                           "recording who and when"),
                                     entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 2)
    return cli_usage_error (_ ("support close needs ID"));
  if (!cli_parse_id ("ID", argv[1], &id, &error))
    return cli_data_error (error);
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;
  if ((all = tandem_support_request_list_queue (cli->store, NULL, TRUE, &error)) == NULL
      || (rep_text != NULL && !cli_get_rep (cli, "--rep", rep_text, &rep, &error)))
    return cli_data_error (error);
  for (guint i = 0; request == NULL && i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr (TandemSupportRequest) r = g_list_model_get_item (all, i);

      if (tandem_activity_get_id (tandem_support_request_get_activity (r)) == id)
        request = g_steal_pointer (&r);
    }
  if (request == NULL)
    {
      g_printerr (_ ("tandem: no support request %" PRId64 "\n"), id);
      return EXIT_DATA;
    }
  if (!tandem_support_request_close (cli->store, request,
                                     rep != NULL ? rep : tandem_support_request_get_owner (request),
                                     NULL, &error))
    return cli_data_error (error);
  if (cli->json)
    cli_print_object (G_OBJECT (request));
  else
    g_print (_ ("Closed support request %" PRId64 "\n"), id);
  return 0;
}
