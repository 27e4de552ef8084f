/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-cli-method.c: the verbs of the tandem method: matching, A/B/C/D, clean-up, charters, shadowing, support */

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
  return cli_get_rep (cli, option, parts[0], inside, error) && cli_get_rep (cli, option, parts[1], field, error);
}

int
cli_cmd_match (Cli   *cli,
               int    argc,
               char **argv)
{
  gboolean all = FALSE, create = FALSE;
  g_auto (GStrv) fix = NULL;
  g_auto (GStrv) forbid = NULL;
  GOptionEntry entries[] = {
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_ ("include reps already in a tandem"), NULL },
    { "fix", 0, 0, G_OPTION_ARG_STRING_ARRAY, &fix, N_ ("keep this pair as it is (repeatable)"), "INSIDE:FIELD" },
    { "forbid", 0, 0, G_OPTION_ARG_STRING_ARRAY, &forbid, N_ ("never propose this pair (repeatable)"), "INSIDE:FIELD" },
    { "create", 0, 0, G_OPTION_ARG_NONE, &create, N_ ("create the proposed tandems"), NULL },
    { NULL }
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemMatcher) matcher = tandem_matcher_new ();
  g_autoptr (GListModel) proposals = NULL;
  g_autoptr (GListModel) unmatched = NULL;
  int status = cli_parse_options (cli, "match", _ ("— propose tandems of reps who complement each other"), entries, &argc, &argv);

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

      if (!parse_pair (cli, "--fix", fix[i], &a, &b, &error) || !tandem_matcher_fix_pair (matcher, a, b, &error))
        goto fail;
    }
  for (guint i = 0; forbid != NULL && forbid[i] != NULL; i++)
    {
      g_autoptr (TandemRep) a = NULL;
      g_autoptr (TandemRep) b = NULL;

      if (!parse_pair (cli, "--forbid", forbid[i], &a, &b, &error) || !tandem_matcher_forbid_pair (matcher, a, b, &error))
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
        g_autoptr (TandemTeam) team = tandem_store_add_team (cli->store, tandem_match_proposal_get_inside_rep (p),
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
          json_builder_add_int_value (b, tandem_rep_get_id (tandem_match_proposal_get_inside_rep (p)));
          json_builder_set_member_name (b, "field-rep");
          json_builder_add_int_value (b, tandem_rep_get_id (tandem_match_proposal_get_field_rep (p)));
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

      g_print ("%-22s + %-22s %4d  %s\n", tandem_rep_get_name (tandem_match_proposal_get_inside_rep (p)),
               tandem_rep_get_name (tandem_match_proposal_get_field_rep (p)), tandem_match_proposal_get_score (p),
               tandem_match_proposal_get_explanation (p));
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
print_accounts_json (GListModel *model,
                     gboolean    classification)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_array (b);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (model, i);
      TandemAccount *a = classification ? tandem_classification_get_account (TANDEM_CLASSIFICATION (item))
                                        : TANDEM_ACCOUNT (item);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "account");
      json_builder_add_int_value (b, tandem_account_get_id (a));
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, tandem_account_get_name (a));
      if (classification)
        {
          TandemClassification *c = TANDEM_CLASSIFICATION (item);
          g_autofree char      *revenue = tandem_money_to_string (tandem_classification_get_revenue (c));

          json_builder_set_member_name (b, "revenue");
          json_builder_add_string_value (b, revenue);
          json_builder_set_member_name (b, "share-bp");
          json_builder_add_int_value (b, tandem_classification_get_share (c));
          json_builder_set_member_name (b, "category");
          json_builder_add_string_value (b, tandem_category_to_nick (tandem_classification_get_category (c)));
          json_builder_set_member_name (b, "previous-category");
          json_builder_add_string_value (b, tandem_category_to_nick (tandem_classification_get_previous_category (c)));
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  root = json_builder_get_root (b);
  cli_print_json (root);
}

int
cli_cmd_classify (Cli   *cli,
                  int    argc,
                  char **argv)
{
  g_autofree char *since_text = NULL;
  g_autofree char *until_text = NULL;
  g_autofree char *currency = NULL;
  g_autofree char *a_text = NULL;
  g_autofree char *b_text = NULL;
  g_autofree char *c_text = NULL;
  gboolean         apply = FALSE;
  GOptionEntry     entries[] = {
        { "since", 0, 0, G_OPTION_ARG_STRING, &since_text, N_ ("start of the window"), "TIME" },
        { "until", 0, 0, G_OPTION_ARG_STRING, &until_text, N_ ("end of the window (exclusive)"), "TIME" },
        { "currency", 0, 0, G_OPTION_ARG_STRING, &currency, N_ ("currency of the revenue counted (default EUR)"), "CODE" },
        { "a", 0, 0, G_OPTION_ARG_STRING, &a_text, N_ ("share of revenue A accounts make up (default 50%)"), "PERCENT" },
        { "b", 0, 0, G_OPTION_ARG_STRING, &b_text, N_ ("share B accounts make up next (default 30%)"), "PERCENT" },
        { "c", 0, 0, G_OPTION_ARG_STRING, &c_text, N_ ("share C accounts make up next (default 15%)"), "PERCENT" },
        { "apply", 0, 0, G_OPTION_ARG_NONE, &apply, N_ ("store the new categories"), NULL },
        { NULL }
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) since = NULL;
  g_autoptr (GDateTime) until = NULL;
  g_autoptr (GListModel) result = NULL;
  guint a = 5000, b = 3000, c = 1500;
  int   status = cli_parse_options (cli, "classify", _ ("— A/B/C/D accounts by their share of revenue"), entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (since_text == NULL || until_text == NULL)
    {
      g_printerr (_ ("tandem: classify needs --since TIME and --until TIME\n"));
      return 1;
    }
  if ((since = cli_parse_time ("--since", since_text, &error)) == NULL
      || (until = cli_parse_time ("--until", until_text, &error)) == NULL)
    goto fail;
  if (g_date_time_compare (since, until) >= 0)
    {
      /* an empty window would demote every account to D */
      g_printerr (_ ("tandem: --since %s must come before --until %s; nothing was classified\n"), since_text,
                  until_text);
      return 1;
    }
  if ((a_text && !cli_parse_percent ("--a", a_text, &a, &error)) || (b_text && !cli_parse_percent ("--b", b_text, &b, &error)) || (c_text && !cli_parse_percent ("--c", c_text, &c, &error)))
    goto fail;
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;

  result = tandem_store_classify_accounts (cli->store, since, until, currency ? currency : "EUR", a, b, c, apply, &error);
  if (result == NULL)
    goto fail;

  if (cli->json)
    print_accounts_json (result, TRUE);
  else
    for (guint i = 0; i < g_list_model_get_n_items (result); i++)
      {
        g_autoptr (TandemClassification) k = g_list_model_get_item (result, i);
        g_autofree char *revenue = tandem_money_to_string (tandem_classification_get_revenue (k));
        guint            share = tandem_classification_get_share (k);

        g_autofree char *letter = g_ascii_strup (tandem_category_to_nick (tandem_classification_get_category (k)), -1);

        g_print ("%s  %-34s %16s %3u.%02u%%%s\n", letter,
                 tandem_account_get_name (tandem_classification_get_account (k)), revenue, share / 100, share % 100,
                 tandem_classification_get_category (k) != tandem_classification_get_previous_category (k) ? _ ("  (changed)") : "");
      }
  return 0;

fail:
  g_printerr ("tandem: %s\n", error->message);
  return 2;
}

int
cli_cmd_cleanup (Cli   *cli,
                 int    argc,
                 char **argv)
{
  gboolean     confirm = FALSE;
  GOptionEntry entries[] = {
    { "confirm", 0, 0, G_OPTION_ARG_NONE, &confirm, N_ ("archive them (otherwise only list them)"), NULL },
    { NULL }
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) accounts = NULL;
  int status = cli_parse_options (cli, "cleanup", _ ("— the yearly clean-up: list D accounts, archive them with --confirm"),
                                  entries, &argc, &argv);

  if (status >= 0)
    return status;
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;
  accounts = tandem_store_clean_up_accounts (cli->store, confirm, &error);
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
        g_print ("%" G_GINT64_FORMAT "  %s%s\n", tandem_account_get_id (a), tandem_account_get_name (a),
                 confirm ? _ ("  (archived)") : "");
      }
  return 0;
}
