/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-cli-payroll.c: tandem payroll setup, show and export */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gunixoutputstream.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <unistd.h>

#include "tandem-cli.h"

/* Writes @path whole or not at all: the export goes to a temporary file
 * beside it, renamed over @path only when everything was written. */
static gboolean
export_to_file (Cli                     *cli,
                const char              *path,
                const char *const       *plans,
                TandemPeriod            *period,
                TandemPayrollFormat      format,
                TandemPayrollExportFlags flags,
                GError                 **error)
{
  g_autofree char *tmp = g_strdup_printf ("%s.XXXXXX", path);
  g_autoptr (GOutputStream) out = NULL;
  int      fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0644);
  gboolean ok;

  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", path,
                   g_strerror (saved));
      return FALSE;
    }
  out = g_unix_output_stream_new (fd, TRUE);
  ok = tandem_payroll_profile_export (cli->store, plans, period, format, flags, out, NULL, error)
       && g_output_stream_close (out, NULL, error);
  if (ok && g_rename (tmp, path) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", path,
                   g_strerror (saved));
      ok = FALSE;
    }
  if (!ok)
    {
      g_output_stream_close (out, NULL, NULL);
      g_unlink (tmp);
    }
  return ok;
}

int
cli_cmd_payroll_export (Cli *cli, int argc, char **argv)
{
  g_autofree char *plan_name = NULL;
  g_autofree char *format_text = NULL;
  g_autofree char *dialect = NULL;
  g_autofree char *out_path = NULL;
  gboolean         again = FALSE;
  GOptionEntry     entries[]
      = { { "plan", 0, 0, G_OPTION_ARG_STRING, &plan_name,
            N_ ("only this plan (default: every plan with lines in PERIOD)"), "NAME" },
          { "format", 0, 0, G_OPTION_ARG_STRING, &format_text, N_ ("csv or lodas"), "FORMAT" },
          { "dialect", 0, 0, G_OPTION_ARG_STRING, &dialect,
            N_ ("excel: CSV for German Excel (;, decimal comma, BOM, CRLF)"), "DIALECT" },
          { "again", 0, 0, G_OPTION_ARG_NONE, &again,
            N_ ("export a period and plans that were exported before"), NULL },
          { "out", 0, 0, G_OPTION_ARG_FILENAME, &out_path,
            N_ ("write to FILE (default: standard output)"), "FILE" },
          { NULL } };
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemPeriod) period = NULL;
  g_autofree char         *resolved = NULL;
  TandemPayrollFormat      format;
  TandemPayrollExportFlags flags = TANDEM_PAYROLL_EXPORT_NONE;
  const char *summary = _ ("— one payroll run: an approved period’s amounts per rep and "
                           "wage type");
  int status = cli_parse_options (cli, "payroll export PERIOD", summary, entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 2 || format_text == NULL)
    return cli_usage_error (_ ("payroll export needs PERIOD and --format csv|lodas"));
  if (g_str_equal (format_text, "csv"))
    format = TANDEM_PAYROLL_FORMAT_CSV;
  else if (g_str_equal (format_text, "lodas"))
    format = TANDEM_PAYROLL_FORMAT_LODAS;
  else
    return cli_usage_error (_ ("--format %s: expected csv or lodas"), format_text);
  if (dialect != NULL && !g_str_equal (dialect, "excel"))
    return cli_usage_error (_ ("--dialect %s: expected excel"), dialect);
  if (dialect != NULL && format != TANDEM_PAYROLL_FORMAT_CSV)
    return cli_usage_error (_ ("--dialect excel is for --format csv"));
  if (dialect != NULL)
    flags |= TANDEM_PAYROLL_EXPORT_EXCEL;
  if (again)
    flags |= TANDEM_PAYROLL_EXPORT_AGAIN;
  if ((period = tandem_period_parse (argv[1], &error)) == NULL)
    return cli_data_error (error);
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;
  if (plan_name != NULL
      && (resolved = tandem_plan_resolve_name (cli->store, plan_name, &error)) == NULL)
    return cli_data_error (error);

  {
    const char        *one[] = { resolved, NULL };
    const char *const *plans = resolved != NULL ? one : NULL;

    if (out_path != NULL)
      {
        if (!export_to_file (cli, out_path, plans, period, format, flags, &error))
          return cli_data_error (error);
      }
    else
      {
        g_autoptr (GOutputStream) out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);

        fflush (stdout);
        if (!tandem_payroll_profile_export (cli->store, plans, period, format, flags, out, NULL,
                                            &error))
          return cli_data_error (error);
      }
  }
  return 0;
}

int
cli_cmd_payroll_setup (Cli *cli, int argc, char **argv)
{
  g_autofree char *from_text = NULL;
  GOptionEntry     entries[] = { { "from", 0, 0, G_OPTION_ARG_STRING, &from_text,
                                   N_ ("the first period it is in effect for (default: every "
                                           "period)"),
                                   "PERIOD" },
                                 { NULL } };
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemPeriod) from = NULL;
  g_autoptr (TandemPayrollProfile) profile = NULL;
  g_autofree char *data = NULL;
  gsize            length = 0;
  guint            version = 0;
  const char      *summary = _ ("— store the [Payroll] group of FILE as the payroll profile");
  int status = cli_parse_options (cli, "payroll setup FILE", summary, entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 2)
    return cli_usage_error (_ ("payroll setup needs one FILE"));
  if (!g_file_get_contents (argv[1], &data, &length, &error)
      || (profile = tandem_payroll_profile_new_from_data (data, (gssize)length, &error)) == NULL)
    {
      g_printerr ("%s: %s\n", argv[1], error->message);
      return EXIT_DATA;
    }
  if (from_text != NULL && (from = tandem_period_parse (from_text, &error)) == NULL)
    return cli_data_error (error);
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;
  if (!tandem_payroll_profile_add (cli->store, profile, from, &version, &error))
    return cli_data_error (error);
  if (cli->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "version");
      json_builder_add_int_value (b, version);
      json_builder_set_member_name (b, "from");
      if (from_text != NULL)
        json_builder_add_string_value (b, from_text);
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
      cli_print_builder (b);
    }
  else if (!cli->quiet)
    g_print (from_text != NULL ? _ ("Payroll profile version %u stored, in effect from %s\n")
                               : _ ("Payroll profile version %u stored, in effect for every "
                                    "period%s\n"),
             version, from_text != NULL ? from_text : "");
  return 0;
}

int
cli_cmd_payroll_show (Cli *cli, int argc, char **argv)
{
  g_autofree char *at_text = NULL;
  GOptionEntry     entries[]
      = { { "at", 0, 0, G_OPTION_ARG_STRING, &at_text,
            N_ ("the profile in effect for PERIOD (default: the newest)"), "PERIOD" },
          { NULL } };
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemPeriod) at = NULL;
  g_autoptr (TandemPayrollProfile) profile = NULL;
  g_autoptr (GEnumClass) kinds = g_type_class_ref (TANDEM_TYPE_LINE_KIND);
  int status
      = cli_parse_options (cli, "payroll show", _ ("— the payroll profile"), entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 1)
    return cli_usage_error (_ ("payroll show takes no arguments"));
  if (at_text != NULL && (at = tandem_period_parse (at_text, &error)) == NULL)
    return cli_data_error (error);
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;
  profile = tandem_payroll_profile_load (cli->store, at, &error);
  if (error != NULL)
    return cli_data_error (error);
  if (cli->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "version");
      json_builder_add_int_value (b, profile != NULL ? tandem_payroll_profile_get_version (profile)
                                                     : 0);
      json_builder_set_member_name (b, "from");
      if (profile != NULL && tandem_payroll_profile_get_from (profile) != NULL)
        json_builder_add_string_value (b, tandem_payroll_profile_get_from (profile));
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "consultant");
      if (profile != NULL && tandem_payroll_profile_get_consultant (profile) != NULL)
        json_builder_add_string_value (b, tandem_payroll_profile_get_consultant (profile));
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "client");
      if (profile != NULL && tandem_payroll_profile_get_client (profile) != NULL)
        json_builder_add_string_value (b, tandem_payroll_profile_get_client (profile));
      else
        json_builder_add_null_value (b);
      json_builder_set_member_name (b, "wage_types");
      json_builder_begin_object (b);
      for (guint k = 0; profile != NULL && k < kinds->n_values; k++)
        {
          guint wage_type = tandem_payroll_profile_get_wage_type (profile, kinds->values[k].value);

          if (wage_type == 0)
            continue;
          json_builder_set_member_name (b, kinds->values[k].value_nick);
          json_builder_add_int_value (b, wage_type);
        }
      json_builder_end_object (b);
      json_builder_end_object (b);
      cli_print_builder (b);
      return 0;
    }
  if (profile == NULL)
    {
      g_print (_ ("No payroll profile is stored; each plan’s own [Payroll] group is used "
                  "(tandem payroll setup FILE)\n"));
      return 0;
    }
  if (tandem_payroll_profile_get_from (profile) != NULL)
    g_print (_ ("# payroll profile version %u, in effect from %s\n"),
             tandem_payroll_profile_get_version (profile),
             tandem_payroll_profile_get_from (profile));
  else
    g_print (_ ("# payroll profile version %u, in effect for every period\n"),
             tandem_payroll_profile_get_version (profile));
  g_print ("%s", tandem_payroll_profile_get_data (profile));
  for (guint k = 0; k < kinds->n_values; k++)
    if (tandem_payroll_profile_get_wage_type (profile, kinds->values[k].value) == 0)
      g_print (_ ("# %s: no wage type\n"), kinds->values[k].value_nick);
  return 0;
}

/* Warns on stderr about line kinds with amounts and no wage type: payroll
 * would refuse the period until they are mapped. */
void
cli_warn_unmapped (Cli *cli, TandemSettlement *settlement)
{
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) kinds
      = tandem_payroll_profile_list_unmapped_kinds (cli->store, settlement, &error);
  g_autofree char *label = tandem_period_to_string (tandem_settlement_get_period (settlement));

  if (kinds == NULL)
    {
      g_printerr (_ ("tandem: warning: %s\n"), error->message);
      return;
    }
  for (guint i = 0; kinds[i] != NULL; i++)
    g_printerr (_ ("tandem: warning: %s of plan “%s” has %s lines without a wage type (Lohnart): "
                   "map the kind with “tandem payroll setup FILE” before the payroll export\n"),
                label, tandem_settlement_get_plan_name (settlement), kinds[i]);
}
