/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-cli-statement.c: statements as PDF files, one rep or every rep */

#include "config.h"

#include <errno.h>
#include <gio/gunixoutputstream.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "tandem-cli.h"

/* Renders @rep's statement in memory, then writes @path in one step
 * (g_file_set_contents: a temporary file renamed over it), so that a
 * failed statement never leaves half a PDF behind. */
gboolean
cli_write_statement_pdf (TandemSettlement *settlement,
                         TandemRep        *rep,
                         const char       *path,
                         GError          **error)
{
  g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();

  if (!tandem_settlement_write_statement_pdf (settlement, rep, out, NULL, error)
      || !g_output_stream_close (out, NULL, error))
    return FALSE;
  return g_file_set_contents (path, g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)),
                              g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)),
                              error);
}

/* "1002 Jonas Becker.pdf": the personnel number (else "rep-ID") and the
 * name, with what a file name cannot hold replaced by "_". */
static char *
statement_file_name (TandemRep *rep)
{
  const char      *number = tandem_rep_get_personnel_number (rep);
  g_autofree char *lead = number != NULL && *number != '\0'
                              ? g_strdup (number)
                              : g_strdup_printf ("rep-%" G_GINT64_FORMAT, tandem_rep_get_id (rep));
  GString         *name = g_string_new (NULL);

  g_string_append_printf (name, "%s %s", lead, tandem_rep_get_name (rep));
  for (gsize i = 0; i < name->len; i++)
    if (name->str[i] == '/' || name->str[i] == '\\' || (guchar)name->str[i] < 0x20)
      name->str[i] = '_';
  if (name->str[0] == '.')
    name->str[0] = '_';
  g_string_append (name, ".pdf");
  return g_string_free (name, FALSE);
}

static void
remove_all (GPtrArray *paths)
{
  for (guint i = 0; i < paths->len; i++)
    g_unlink (paths->pdata[i]);
}

int
cli_cmd_statements (Cli *cli, int argc, char **argv)
{
  g_autofree char *plan_name = NULL;
  g_autofree char *dir = NULL;
  GOptionEntry     entries[] = { { "plan", 0, 0, G_OPTION_ARG_STRING, &plan_name,
                                   N_ ("the plan’s name (default: the default plan)"), "NAME" },
                                 { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir,
                                   N_ ("the folder the PDF files go to"), "DIR" },
                                 { NULL } };
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemPlan) plan = NULL;
  g_autoptr (TandemPeriod) period = NULL;
  g_autoptr (TandemSettlement) settlement = NULL;
  g_autoptr (GListModel) reps = NULL;
  g_autoptr (GPtrArray) staged = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) finals = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *stage = NULL;
  gboolean         progress;
  guint            n;
  int              status
      = cli_parse_options (cli, "statements PERIOD --dir DIR",
                           _ ("— every rep’s statement as a PDF file"), entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 2)
    return cli_usage_error (_ ("statements needs PERIOD"));
  if (dir == NULL)
    return cli_usage_error (_ ("statements needs --dir DIR"));
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    return cli_usage_error (_ ("%s is not a folder"), dir);
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;
  if ((plan = cli_plan_for_period (cli, plan_name, argv[1], &period, &error)) == NULL
      || (settlement = tandem_settlement_new (cli->store, plan, period, &error)) == NULL)
    return cli_data_error (error);

  /* every file is written in a hidden folder beside them first and only
   * renamed into place when all of them were written: all or nothing */
  stage = g_build_filename (dir, ".tandem-statements-XXXXXX", NULL);
  if (g_mkdtemp (stage) == NULL)
    {
      int saved = errno;

      g_set_error (&error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _ ("Could not write in %s: %s"), dir, g_strerror (saved));
      return cli_data_error (error);
    }
  reps = tandem_settlement_get_reps (settlement);
  n = g_list_model_get_n_items (reps);
  progress = !cli->quiet && n > 50 && isatty (STDERR_FILENO);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (TandemRep) rep = g_list_model_get_item (reps, i);
      g_autoptr (GListModel) lines = tandem_settlement_get_lines_for_rep (settlement, rep);
      g_autofree char *name = NULL;
      char            *path;

      if (progress)
        g_printerr ("\r\033[K%s %u/%u", _ ("statements"), i + 1, n);
      if (g_list_model_get_n_items (lines) == 0)
        continue;
      name = statement_file_name (rep);
      path = g_build_filename (stage, name, NULL);
      g_ptr_array_add (staged, path);
      g_ptr_array_add (finals, g_build_filename (dir, name, NULL));
      if (!cli_write_statement_pdf (settlement, rep, path, &error))
        {
          if (progress)
            g_printerr ("\r\033[K");
          remove_all (staged);
          g_rmdir (stage);
          return cli_data_error (error);
        }
    }
  if (progress)
    g_printerr ("\r\033[K");
  for (guint i = 0; i < staged->len; i++)
    if (g_rename (staged->pdata[i], finals->pdata[i]) != 0)
      {
        int saved = errno;

        /* what was renamed already goes back: DIR gets all new files or none */
        for (guint j = 0; j < i; j++)
          g_rename (finals->pdata[j], staged->pdata[j]);
        remove_all (staged);
        g_rmdir (stage);
        g_set_error (&error, G_FILE_ERROR, g_file_error_from_errno (saved),
                     _ ("Could not write %s: %s"), (char *)finals->pdata[i], g_strerror (saved));
        return cli_data_error (error);
      }
  g_rmdir (stage);
  if (!cli->quiet)
    g_print (
        ngettext ("%u statement written to %s\n", "%u statements written to %s\n", staged->len),
        staged->len, dir);
  return 0;
}

/* Writes @data to @path in one step (a temporary file renamed over it),
 * or to standard output when @path is NULL. */
static gboolean
write_out (const char *path, GMemoryOutputStream *data, GError **error)
{
  gconstpointer bytes = g_memory_output_stream_get_data (data);
  gsize         size = g_memory_output_stream_get_data_size (data);

  if (path != NULL)
    return g_file_set_contents (path, bytes, size, error);
  {
    g_autoptr (GOutputStream) out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);

    return g_output_stream_write_all (out, bytes, size, NULL, NULL, error);
  }
}

int
cli_cmd_book_extract (Cli *cli, int argc, char **argv)
{
  g_autofree char *plan_name = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *until_text = NULL;
  g_autofree char *format = NULL;
  g_autofree char *path = NULL;
  GOptionEntry     entries[]
      = { { "plan", 0, 0, G_OPTION_ARG_STRING, &plan_name,
            N_ ("the plan’s name (default: the default plan)"), "NAME" },
          { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_ ("the first period"), "PERIOD" },
          { "until", 0, 0, G_OPTION_ARG_STRING, &until_text, N_ ("the last period"), "PERIOD" },
          { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_ ("csv or pdf"), "FORMAT" },
          { "out", 0, 0, G_OPTION_ARG_FILENAME, &path,
            N_ ("the file to write (default: standard output)"), "FILE" },
          { NULL } };
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemPlan) plan = NULL;
  g_autoptr (TandemPeriod) from = NULL;
  g_autoptr (TandemPeriod) until = NULL;
  g_autoptr (TandemRep) rep = NULL;
  g_autoptr (TandemBookExtract) extract = NULL;
  g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
  gboolean pdf;
  gint64   rep_id;
  int      status
      = cli_parse_options (cli, "book-extract REP --from PERIOD --until PERIOD --format csv|pdf",
                           _ ("— every business a rep earned on in a range of periods (HGB §87c)"),
                           entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 2)
    return cli_usage_error (_ ("book-extract needs REP"));
  if (from_text == NULL || until_text == NULL)
    return cli_usage_error (_ ("book-extract needs --from PERIOD and --until PERIOD"));
  if (format == NULL || (strcmp (format, "csv") != 0 && strcmp (format, "pdf") != 0))
    return cli_usage_error (_ ("book-extract needs --format csv or --format pdf"));
  pdf = strcmp (format, "pdf") == 0;
  if (pdf && path == NULL && isatty (STDOUT_FILENO))
    return cli_usage_error (_ ("book-extract --format pdf writes no PDF to a terminal: give "
                               "--out FILE"));
  if (!cli_parse_id ("REP", argv[1], &rep_id, &error))
    return cli_data_error (error);
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;
  if ((rep = tandem_store_get_rep (cli->store, rep_id, &error)) == NULL
      || (plan = cli_find_plan (cli, plan_name, &error)) == NULL
      || (from = tandem_plan_parse_period (plan, from_text, &error)) == NULL
      || (until = tandem_plan_parse_period (plan, until_text, &error)) == NULL
      || (extract = tandem_book_extract_new (cli->store, tandem_plan_get_name (plan), rep, from,
                                             until, NULL, &error))
             == NULL)
    return cli_data_error (error);
  if (!(pdf ? tandem_book_extract_write_pdf (extract, out, NULL, &error)
            : tandem_book_extract_write_csv (extract, out, NULL, &error))
      || !g_output_stream_close (out, NULL, &error)
      || !write_out (path, G_MEMORY_OUTPUT_STREAM (out), &error))
    return cli_data_error (error);
  return 0;
}
