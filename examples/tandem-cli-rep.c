/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-cli-rep.c: the rep verbs: add, list, update, tag, archive */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "tandem-cli.h"

int
cli_cmd_rep_add (Cli *cli, int argc, char **argv)
{
  g_autofree char *role_text = NULL;
  GOptionEntry     entries[] = { { "role", 0, 0, G_OPTION_ARG_STRING, &role_text,
                                   N_ ("inside, field or manager"), "ROLE" },
                                 { NULL } };
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemRep) rep = NULL;
  TandemRole role;
  int status = cli_parse_options (cli, "rep add NAME", _ ("— add a rep"), entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 2)
    return cli_usage_error (_ ("rep add needs one NAME"));
  if (role_text == NULL)
    return cli_usage_error (_ ("rep add needs --role inside|field|manager"));
  if (!tandem_role_from_nick (role_text, &role, &error))
    return cli_data_error (error);
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;

  rep = tandem_store_add_rep (cli->store, argv[1], role, &error);
  if (rep == NULL)
    return cli_data_error (error);
  cli_print_id (cli, tandem_rep_get_id (rep));
  return 0;
}

int
cli_cmd_rep_update (Cli *cli, int argc, char **argv)
{
  g_autofree char *name = NULL;
  g_autofree char *number = NULL;
  GOptionEntry     entries[]
      = { { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_ ("the rep’s new name"), "NAME" },
          { "personnel-number", 0, 0, G_OPTION_ARG_STRING, &number,
            N_ ("the personnel number in payroll (DATEV PNR), or \"\" for none"), "N" },
          { NULL } };
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemRep) rep = NULL;
  int status
      = cli_parse_options (cli, "rep update REP", _ ("— change a rep"), entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 2)
    return cli_usage_error (_ ("rep update needs one REP"));
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;
  if (!cli_get_rep (cli, "REP", argv[1], &rep, &error))
    return cli_data_error (error);
  if (name != NULL)
    tandem_rep_set_name (rep, name);
  if (number != NULL)
    tandem_rep_set_personnel_number (rep, *number != '\0' ? number : NULL);
  if (!tandem_store_update_rep (cli->store, rep, &error))
    return cli_data_error (error);
  if (cli->json)
    cli_print_object (G_OBJECT (rep));
  else
    cli_print_id (cli, tandem_rep_get_id (rep));
  return 0;
}

static void
rep_row (gpointer item)
{
  TandemRep  *r = item;
  const char *number = tandem_rep_get_personnel_number (r);
  g_autoptr (GString) line = g_string_new (NULL);

  /* names padded by the columns they take (Weiß, Süd, 王芳), not bytes */
  g_string_append_printf (line, "%4" PRId64 "  ", tandem_rep_get_id (r));
  cli_pad (line, tandem_rep_get_name (r), 28, FALSE);
  g_string_append_printf (line, " %-8s ", tandem_role_to_nick (tandem_rep_get_role (r)));
  /* TRANSLATORS: a rep's personnel number in payroll, in the rep list */
  cli_pad (line, number != NULL ? number : "—", 10, FALSE);
  g_print ("%s%s\n", g_strchomp (line->str), tandem_rep_get_archived (r) ? _ ("  (archived)") : "");
}

int
cli_cmd_rep_list (Cli *cli, int argc, char **argv)
{
  return cli_simple_list (cli, argc, argv, "rep list", tandem_store_list_reps, rep_row);
}

int
cli_cmd_rep_tag (Cli *cli, int argc, char **argv)
{
  gboolean     preference = FALSE;
  GOptionEntry entries[] = { { "preference", 0, 0, G_OPTION_ARG_NONE, &preference,
                               N_ ("a preference rather than a strength"), NULL },
                             { NULL } };
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemRep) rep = NULL;
  guint64 level;
  int     status = cli_parse_options (cli, "rep tag REP TAG LEVEL",
                                      _ ("— give a rep a strength or preference, "
                                             "level 1–5 (0 removes it)"),
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
      g_printerr (_ ("tandem: LEVEL: “%s” is not a level from 1 to 5 (0 removes the tag)\n"),
                  argv[3]);
      return 2;
    }
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;
  if (!cli_get_rep (cli, "REP", argv[1], &rep, &error)
      || !tandem_rep_tag_set (cli->store, rep,
                              preference ? TANDEM_TAG_KIND_PREFERENCE : TANDEM_TAG_KIND_STRENGTH,
                              argv[2], (guint)level, &error))
    {
      g_printerr ("tandem: %s\n", error->message);
      return 2;
    }
  return 0;
}

int
cli_cmd_rep_archive (Cli *cli, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemRep) rep = NULL;
  int status = cli_parse_options (
      cli, "rep archive REP",
      _ ("— archive a rep who left: kept with the history, no longer in new tandems"), NULL, &argc,
      &argv);

  if (status >= 0)
    return status;
  if (argc != 2)
    return cli_usage_error (_ ("rep archive needs REP"));
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;
  if (!cli_get_rep (cli, "REP", argv[1], &rep, &error)
      || !tandem_store_archive_rep (cli->store, rep, &error))
    return cli_data_error (error);
  if (cli->json)
    cli_print_object (G_OBJECT (rep));
  else
    g_print (_ ("Archived rep %" PRId64 " (%s)\n"), tandem_rep_get_id (rep),
             tandem_rep_get_name (rep));
  return 0;
}
