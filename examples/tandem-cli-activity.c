/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-cli-activity.c: the activity verbs: log, list, import, export */

#include "config.h"

#include <errno.h>
#include <gio/gunixoutputstream.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <unistd.h>

#include "tandem-cli.h"

int
cli_cmd_log (Cli *cli, int argc, char **argv)
{
  g_autofree char *account_text = NULL;
  g_autofree char *rep_text = NULL;
  g_autofree char *amount_text = NULL;
  g_autofree char *at_text = NULL;
  g_autofree char *ref = NULL;
  g_autofree char *reverses_text = NULL;
  g_autofree char *pays_text = NULL;
  g_autofree char *note = NULL;
  g_autofree char *product = NULL;
  g_autofree char *category = NULL;
  g_autofree char *cost_text = NULL;
  gint64           quantity = 1;
  GOptionEntry     entries[]
      = { { "account", 0, 0, G_OPTION_ARG_STRING, &account_text, N_ ("the account’s id"), "ID" },
          { "rep", 0, 0, G_OPTION_ARG_STRING, &rep_text, N_ ("the id of the rep who did it"),
            "ID" },
          { "amount", 0, 0, G_OPTION_ARG_STRING, &amount_text,
            N_ ("the amount, such as \"1200.00 "
                "EUR\""),
            "AMOUNT" },
          { "at", 0, 0, G_OPTION_ARG_STRING, &at_text,
            N_ ("when it happened "
                "(default: now)"),
            "TIME" },
          { "ref", 0, 0, G_OPTION_ARG_STRING, &ref, N_ ("a unique reference from another system"),
            "REF" },
          { "reverses", 0, 0, G_OPTION_ARG_STRING, &reverses_text,
            N_ ("for a reversal: the id of the activity it takes back"), "ID" },
          { "pays", 0, 0, G_OPTION_ARG_STRING, &pays_text,
            N_ ("for a payment: the id of the order it pays"), "ORDER" },
          { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_ ("a free-text note"), "TEXT" },
          { "product", 0, 0, G_OPTION_ARG_STRING, &product, N_ ("for a sale: what was sold"), "P" },
          { "category", 0, 0, G_OPTION_ARG_STRING, &category,
            N_ ("for a sale: the product category"), "CATEGORY" },
          { "quantity", 0, 0, G_OPTION_ARG_INT64, &quantity,
            N_ ("for a sale: the units sold (default 1)"), "N" },
          { "cost", 0, 0, G_OPTION_ARG_STRING, &cost_text,
            N_ ("for a sale: what it cost, such as \"700.00 EUR\""), "AMOUNT" },
          { NULL } };
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemAccount) account = NULL;
  g_autoptr (TandemRep) rep = NULL;
  g_autoptr (TandemMoney) amount = NULL;
  g_autoptr (TandemMoney) cost = NULL;
  g_autoptr (GDateTime) when = NULL;
  g_autoptr (TandemActivity) draft = NULL;
  g_autoptr (TandemActivity) saved = NULL;
  g_autoptr (TandemActivity) reversed = NULL;
  TandemActivityKind kind;
  gint64             account_id = 0, rep_id = 0, reverses_id = 0;
  const char        *target_text, *target_option;
  gboolean           inserted = TRUE;
  int                status = cli_parse_options (cli, "log KIND",
                                                 _ ("— log an activity: call, visit, "
                                                                   "appointment, offer, order, "
                                                                   "cross-sell, up-sell, "
                                                                   "referral, shadowing, "
                                                                   "support, reversal, "
                                                                   "payment"),
                                                 entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 2)
    return cli_usage_error (_ ("log needs one KIND"));
  if (pays_text != NULL && reverses_text != NULL)
    return cli_usage_error (_ ("--reverses and --pays do not go together"));
  target_text = reverses_text != NULL ? reverses_text : pays_text;
  target_option = reverses_text != NULL ? "--reverses" : "--pays";
  if (g_ascii_strcasecmp (argv[1], "payment") == 0 && (pays_text == NULL || amount_text == NULL))
    return cli_usage_error (_ ("log payment needs --pays ORDER and --amount AMOUNT"));
  if (rep_text == NULL || (account_text == NULL && target_text == NULL))
    return cli_usage_error (_ ("log needs --account ID and --rep ID"));
  if (!tandem_activity_kind_from_nick (argv[1], &kind, &error)
      || (account_text != NULL && !cli_parse_id ("--account", account_text, &account_id, &error))
      || !cli_parse_id ("--rep", rep_text, &rep_id, &error)
      || (target_text != NULL && !cli_parse_id (target_option, target_text, &reverses_id, &error))
      || (amount_text != NULL && (amount = cli_parse_money (amount_text, &error)) == NULL)
      || (cost_text != NULL && (cost = cli_parse_money (cost_text, &error)) == NULL)
      || (at_text != NULL && (when = cli_parse_time (cli, "--at", at_text, &error)) == NULL))
    return cli_data_error (error);
  if (kind == TANDEM_ACTIVITY_KIND_REVERSAL && reverses_text == NULL)
    return cli_usage_error (_ ("log reversal needs --reverses ID"));
  if (reverses_text != NULL && kind != TANDEM_ACTIVITY_KIND_REVERSAL)
    return cli_usage_error (_ ("--reverses goes with log reversal"));
  if (pays_text != NULL && kind != TANDEM_ACTIVITY_KIND_PAYMENT)
    return cli_usage_error (_ ("--pays goes with log payment"));
  if (quantity < 1 || quantity > G_MAXINT32)
    return cli_usage_error (_ ("--quantity must be a whole number of at least 1"));
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;

  if (when == NULL)
    when = g_date_time_new_now_utc ();
  if ((rep = tandem_store_get_rep (cli->store, rep_id, &error)) == NULL)
    return cli_data_error (error);

  if (target_text != NULL)
    {
      if ((reversed = tandem_store_get_activity (cli->store, reverses_id, &error)) == NULL
          || (draft = kind == TANDEM_ACTIVITY_KIND_PAYMENT
                          ? tandem_activity_new_payment (reversed, rep, amount, when, &error)
                          : tandem_activity_new_reversal (reversed, rep, amount, when, &error))
                 == NULL)
        return cli_data_error (error);
      if (account_id > 0
          && account_id != tandem_account_get_id (tandem_activity_get_account (reversed)))
        {
          g_autofree char *owner = g_strdup_printf (
              "%" PRId64, tandem_account_get_id (tandem_activity_get_account (reversed)));

          g_printerr (_ ("tandem: --account %s: activity %s is for account %s\n"), account_text,
                      target_text, owner);
          return EXIT_DATA;
        }
    }
  else
    {
      if ((account = tandem_store_get_account (cli->store, account_id, &error)) == NULL
          || (draft = tandem_activity_new (account, rep, kind, amount, when, &error)) == NULL)
        return cli_data_error (error);
    }

  tandem_activity_set_external_ref (draft, ref);
  tandem_activity_set_note (draft, note);
  tandem_activity_set_product (draft, product);
  tandem_activity_set_category (draft, category);
  tandem_activity_set_quantity (draft, (guint)quantity);
  tandem_activity_set_cost (draft, cost);
  saved = tandem_store_save_activity (cli->store, draft, &inserted, &error);
  if (saved == NULL)
    return cli_data_error (error);
  if (!inserted && !cli->quiet)
    {
      g_autofree char *id = g_strdup_printf ("%" PRId64, tandem_activity_get_id (saved));

      g_printerr (_ ("tandem: an activity with reference “%s” is already stored (id %s); nothing "
                     "was logged\n"),
                  ref, id);
    }
  cli_print_id (cli, tandem_activity_get_id (saved));
  return 0;
}

int
cli_cmd_activity_list (Cli *cli, int argc, char **argv)
{
  gint64           account_id = 0, rep_id = 0, team_id = 0;
  g_autofree char *kind_text = NULL;
  GOptionEntry     entries[]
      = { { "account", 0, 0, G_OPTION_ARG_INT64, &account_id, N_ ("only this account"), "ID" },
          { "rep", 0, 0, G_OPTION_ARG_INT64, &rep_id, N_ ("only this rep"), "ID" },
          { "team", 0, 0, G_OPTION_ARG_INT64, &team_id, N_ ("only this tandem’s accounts"), "ID" },
          { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_text, N_ ("only this kind"), "KIND" },
          { NULL } };
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemActivityFilter) filter = tandem_activity_filter_new ();
  g_autoptr (GListModel) model = NULL;
  int status = cli_parse_options (cli, "activity list", _ ("— list activities in time order"),
                                  entries, &argc, &argv);

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
    cli_print_model_json (model);
  else
    for (guint i = 0; i < g_list_model_get_n_items (model); i++)
      {
        g_autoptr (TandemActivity) a = g_list_model_get_item (model, i);
        g_autofree char *when = NULL;
        g_autofree char *amount = NULL;

        if (a == NULL)
          break; /* a page the store could not read: reported below */
        when = cli_local_time (cli, tandem_activity_get_occurred_at (a));
        amount = cli_money (tandem_activity_get_amount (a));
        g_print ("%6" PRId64 "  %s  %-11s account %-4" PRId64 " rep %-4" PRId64 " %s\n",
                 tandem_activity_get_id (a), when,
                 tandem_activity_kind_to_nick (tandem_activity_get_kind (a)),
                 tandem_account_get_id (tandem_activity_get_account (a)),
                 tandem_rep_get_id (tandem_activity_get_rep (a)), amount);
      }
  if (!tandem_activity_list_check (TANDEM_ACTIVITY_LIST (model), &error))
    goto fail;
  return 0;

fail:
  g_printerr ("tandem: %s\n", error->message);
  return 2;
}

static int
run_import (Cli *cli, const char *path, const char *format_text, TandemImportOptions *options)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr (GFileInputStream) stream = NULL;
  TandemDataFormat format;
  guint64          inserted = 0, skipped = 0;
  g_autofree char *encoding = NULL;
  gboolean         ok;

  if (format_text != NULL)
    {
      if (g_ascii_strcasecmp (format_text, "csv") == 0)
        format = TANDEM_DATA_FORMAT_CSV;
      else if (g_ascii_strcasecmp (format_text, "json") == 0)
        format = TANDEM_DATA_FORMAT_JSON;
      else
        return cli_usage_error (_ ("--format must be csv or json, not “%s”"), format_text);
    }
  else if (g_str_has_suffix (path, ".json") || g_str_has_suffix (path, ".JSON"))
    format = TANDEM_DATA_FORMAT_JSON;
  else if (g_str_has_suffix (path, ".csv") || g_str_has_suffix (path, ".CSV"))
    format = TANDEM_DATA_FORMAT_CSV;
  else
    return cli_usage_error (_ ("%s: name the format with --format csv|json"), path);

  stream = g_file_read (file, NULL, &error);
  if (stream == NULL)
    {
      g_printerr ("tandem: %s\n", error->message);
      return EXIT_DATA;
    }

  cli_progress_start (cli);
  ok = tandem_store_import_activities (cli->store, G_INPUT_STREAM (stream), format, options, NULL,
                                       &inserted, &skipped, &encoding, &error);
  cli_progress_stop (cli);

  if (!ok)
    {
      /* import errors begin "line N: column: …": print file:N: column: … */
      if (g_error_matches (error, TANDEM_IMPORT_ERROR, error->code)
          && g_str_has_prefix (error->message, "line "))
        g_printerr ("%s:%s\n", path, error->message + strlen ("line "));
      else
        g_printerr ("%s: %s\n", path, error->message);
      return EXIT_DATA;
    }

  if (cli->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "imported");
      json_builder_add_int_value (b, (gint64)inserted);
      json_builder_set_member_name (b, "skipped");
      json_builder_add_int_value (b, (gint64)skipped);
      json_builder_set_member_name (b, "encoding");
      json_builder_add_string_value (b, encoding);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      cli_print_json (root);
    }
  else
    {
      g_autofree char *n_in = g_strdup_printf ("%" G_GUINT64_FORMAT, inserted);
      g_autofree char *n_skip = g_strdup_printf ("%" G_GUINT64_FORMAT, skipped);

      /* TRANSLATORS: the first half of "Imported 3 activities; skipped 1 already stored" */
      g_print (ngettext ("Imported %s activity; ", "Imported %s activities; ",
                         (unsigned long)MIN (inserted, G_MAXULONG)),
               n_in);
      g_print (ngettext ("skipped %s already stored", "skipped %s already stored",
                         (unsigned long)MIN (skipped, G_MAXULONG)),
               n_skip);
      if (g_strcmp0 (encoding, "UTF-8") != 0)
        /* TRANSLATORS: after the import summary: the file was not UTF-8 */
        g_print (_ (" (read as %s)"), encoding);
      g_print ("\n");
    }
  return 0;
}

int
cli_cmd_import (Cli *cli, int argc, char **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *columns = NULL;
  g_autofree char *kind_text = NULL;
  GOptionEntry     entries[]
      = { { "format", 0, 0, G_OPTION_ARG_STRING, &format,
            N_ ("csv or json (default: from the file name)"), "FORMAT" },
          { "columns", 0, 0, G_OPTION_ARG_STRING, &columns,
            N_ ("the file’s headers of the fields, such as "
                "ref=Belegnr,at=Datum,account_number=Kundennr; other "
                "columns are then left out"),
            "FIELD=HEADER,…" },
          { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_text,
            N_ ("the kind of every row of a file without a kind column"), "KIND" },
          { NULL } };
  g_autoptr (TandemImportOptions) options = tandem_import_options_new ();
  g_autoptr (GError) error = NULL;
  TandemActivityKind kind;
  int status = cli_parse_options (cli, "import FILE", _ ("— import activities, all rows or none"),
                                  entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 2)
    return cli_usage_error (_ ("import needs one FILE"));
  if (columns != NULL && !tandem_import_options_set_columns (options, columns, &error))
    return cli_usage_error ("--%s", error->message);
  if (kind_text != NULL)
    {
      if (!tandem_activity_kind_from_nick (kind_text, &kind, &error))
        return cli_usage_error ("--kind: %s", error->message);
      tandem_import_options_set_kind (options, kind);
    }
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;
  return run_import (cli, argv[1], format, options);
}

int
cli_cmd_export (Cli *cli, int argc, char **argv)
{
  g_autofree char *format_text = NULL;
  g_autofree char *output = NULL;
  GOptionEntry     entries[] = { { "format", 0, 0, G_OPTION_ARG_STRING, &format_text,
                                   N_ ("csv (default) or json"), "FORMAT" },
                                 { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
                                   N_ ("write to FILE instead of standard output"), "FILE" },
                                 { NULL } };
  g_autoptr (GError) error = NULL;
  g_autoptr (GOutputStream) out = NULL;
  TandemDataFormat format = TANDEM_DATA_FORMAT_CSV;
  int              status = cli_parse_options (cli, "export activities",
                                               _ ("— write activities in the "
                                                               "format import reads"),
                                               entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 2 || strcmp (argv[1], "activities") != 0)
    return cli_usage_error (_ ("export needs the word “activities”"));
  if (format_text != NULL && g_ascii_strcasecmp (format_text, "json") == 0)
    format = TANDEM_DATA_FORMAT_JSON;
  else if (format_text != NULL && g_ascii_strcasecmp (format_text, "csv") != 0)
    return cli_usage_error (_ ("--format must be csv or json, not “%s”"), format_text);
  if (cli->json)
    format = TANDEM_DATA_FORMAT_JSON;
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;

  if (output != NULL)
    {
      g_autoptr (GFile) file = g_file_new_for_path (output);

      out = G_OUTPUT_STREAM (g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error));
      if (out == NULL)
        return cli_data_error (error);
    }
  else
    out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);

  if (!tandem_store_export_activities (cli->store, out, format, NULL, NULL, &error)
      || !g_output_stream_close (out, NULL, &error))
    return cli_data_error (error);
  return 0;
}
