/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-cli-method.c: the verbs of the tandem method: rep tags, matching */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "tandem-cli.h"

static gboolean
parse_rep (Cli        *cli,
           const char *what,
           const char *text,
           TandemRep **rep,
           GError    **error)
{
  guint64 id;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &id, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _ ("%s: “%s” is not an id"), what, text);
      return FALSE;
    }
  *rep = tandem_store_get_rep (cli->store, (gint64)id, error);
  return *rep != NULL;
}

int
cli_cmd_rep_tag (Cli   *cli,
                 int    argc,
                 char **argv)
{
  gboolean     preference = FALSE;
  GOptionEntry entries[] = {
    { "preference", 0, 0, G_OPTION_ARG_NONE, &preference, N_ ("a preference rather than a strength"), NULL },
    { NULL }
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemRep) rep = NULL;
  guint64 level;
  int     status = cli_parse_options (cli, "rep tag REP TAG LEVEL", _ ("— give a rep a strength or preference, level 1–5 (0 removes it)"),
                                      entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 4)
    {
      g_printerr (_ ("tandem: rep tag needs REP, TAG and LEVEL\n"));
      return 1;
    }
  if (!g_ascii_string_to_unsigned (argv[3], 10, 0, 5, &level, NULL))
    {
      g_printerr (_ ("tandem: LEVEL: “%s” is not a level from 0 to 5\n"), argv[3]);
      return 2;
    }
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;
  if (!parse_rep (cli, "REP", argv[1], &rep, &error) || !tandem_store_set_rep_tag (cli->store, rep, preference ? TANDEM_TAG_KIND_PREFERENCE : TANDEM_TAG_KIND_STRENGTH, argv[2], (guint)level, &error))
    {
      g_printerr ("tandem: %s\n", error->message);
      return 2;
    }
  return 0;
}

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
  return parse_rep (cli, option, parts[0], inside, error) && parse_rep (cli, option, parts[1], field, error);
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
      g_autoptr (JsonGenerator) gen = json_generator_new ();
      g_autoptr (JsonNode) root = NULL;
      g_autofree char *text = NULL;

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
      json_generator_set_root (gen, root);
      json_generator_set_pretty (gen, TRUE);
      json_generator_set_indent (gen, 2);
      text = json_generator_to_data (gen, NULL);
      g_print ("%s\n", text);
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
