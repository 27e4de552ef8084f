/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem.c: the tandem command, built on the public libtandem API only.
 *
 * Exit status: 0 on success, 1 on a usage error, 2 on bad input or data
 * (the message on stderr names the file, line and field). */

#include "config.h"

#include <errno.h>
#include <gio/gunixoutputstream.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <tandem.h>
#include <unistd.h>

#include "tandem-cli.h"

#define EXIT_USAGE 1
#define EXIT_DATA 2

/* ------------------------------------------------------------------ */
/* Output helpers                                                      */

static int
usage_error (const char *format,
             ...) G_GNUC_PRINTF (1, 2);

static int
usage_error (const char *format,
             ...)
{
  g_autofree char *msg = NULL;
  va_list          args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("tandem: %s\n%s\n", msg, _ ("Try “tandem --help”."));
  return EXIT_USAGE;
}

static int
data_error (GError *error)
{
  g_printerr ("tandem: %s\n", error->message);
  return EXIT_DATA;
}

char *
cli_money (TandemMoney *money)
{
  return money != NULL ? tandem_money_to_string (money) : g_strdup ("");
}

void
cli_print_json (JsonNode *node)
{
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (gen, node);
  json_generator_set_pretty (gen, TRUE);
  json_generator_set_indent (gen, 2);
  text = json_generator_to_data (gen, NULL);
  g_print ("%s\n", text);
}

static void
print_id (Cli   *cli,
          gint64 id)
{
  if (cli->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, id);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      cli_print_json (root);
    }
  else
    g_print ("%" G_GINT64_FORMAT "\n", id);
}

/* ------------------------------------------------------------------ */
/* Progress on a terminal                                              */

typedef struct
{
  gint64   started;
  gboolean shown;
} Progress;

static void
on_progress (TandemStore *store,
             const char  *operation,
             guint64      done,
             guint64      total,
             Progress    *p)
{
  gint64 now = g_get_monotonic_time ();
  double elapsed = (now - p->started) / 1e6;
  double rate = elapsed > 0 ? done / elapsed : 0;

  if (elapsed < 1.0)
    return;

  if (total > done && rate > 0)
    g_printerr ("\r\033[K%s: %" G_GUINT64_FORMAT " rows, %.0f rows/s, ETA %.0f s",
                operation, done, rate, (total - done) / rate);
  else
    g_printerr ("\r\033[K%s: %" G_GUINT64_FORMAT " rows, %.0f rows/s", operation, done, rate);
  p->shown = TRUE;
}

void
cli_progress_start (Cli *cli)
{
  if (cli->quiet || !isatty (STDERR_FILENO))
    return;
  cli->progress = g_new0 (Progress, 1);
  ((Progress *)cli->progress)->started = g_get_monotonic_time ();
  cli->progress_handler = g_signal_connect (cli->store, "progress", G_CALLBACK (on_progress), cli->progress);
}

void
cli_progress_stop (Cli *cli)
{
  Progress *p = cli->progress;

  if (p == NULL)
    return;
  g_signal_handler_disconnect (cli->store, cli->progress_handler);
  if (p->shown)
    g_printerr ("\r\033[K");
  g_clear_pointer (&cli->progress, g_free);
}

/* ------------------------------------------------------------------ */
/* Opening the store and looking things up                             */

int
cli_open_store (Cli     *cli,
                gboolean create)
{
  g_autoptr (GError) error = NULL;

  TandemStoreFlags flags = TANDEM_STORE_FLAGS_NONE;

  /* a server: the library connects and names host and database on error */
  if (g_str_has_prefix (cli->db, "postgresql://") || g_str_has_prefix (cli->db, "postgres://"))
    {
      cli->store = tandem_store_new_for_uri (cli->db, &error);
      return cli->store != NULL ? 0 : data_error (error);
    }

  if (g_file_test (cli->db, G_FILE_TEST_IS_DIR))
    {
      g_printerr (_ ("tandem: %s is a directory, not a database file\n"), cli->db);
      return EXIT_DATA;
    }
  if (g_file_test (cli->db, G_FILE_TEST_EXISTS) && !g_file_test (cli->db, G_FILE_TEST_IS_REGULAR))
    {
      g_printerr (_ ("tandem: %s is not a regular file (a device or a pipe?), so it cannot hold a database\n"),
                  cli->db);
      return EXIT_DATA;
    }
  if (!create && !g_file_test (cli->db, G_FILE_TEST_EXISTS))
    {
      g_printerr (_ ("tandem: %s: no such database; create it with “tandem init”\n"), cli->db);
      return EXIT_DATA;
    }

  /* a file we may not write is still there to be read */
  if (!create && access (cli->db, W_OK) != 0 && errno == EACCES)
    flags = TANDEM_STORE_FLAGS_READ_ONLY;

  cli->store = tandem_store_new_for_path_full (cli->db, flags, &error);
  if (cli->store == NULL)
    return data_error (error);
  return 0;
}

static gboolean
parse_id_arg (const char *what,
              const char *text,
              gint64     *id,
              GError    **error)
{
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _ ("%s: “%s” is not an id"), what, text ? text : "");
      return FALSE;
    }
  *id = (gint64)value;
  return TRUE;
}

/* Parses an ISO 8601 time; a time without an offset is UTC. */
GDateTime *
cli_parse_time (const char *what,
                const char *text,
                GError    **error)
{
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr (GError) local = NULL;
  GDateTime *t = tandem_time_parse (text, utc, &local);

  if (t == NULL)
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "%s: %s", what, local->message);
  return t;
}

/* Parses a percentage from 0% to 100% with at most two decimals into
 * basis points: 10,000.00 EUR × the share is the share in basis points,
 * exactly, through the library's own percentage parser. */
gboolean
cli_parse_percent (const char *option,
                   const char *text,
                   guint      *bp,
                   GError    **error)
{
  g_autoptr (TandemMoney) probe = tandem_money_new (1000000, "EUR");
  g_autoptr (TandemMoney) share = tandem_money_multiply_percent (probe, text, NULL);

  if (share == NULL || tandem_money_get_minor_units (share) < 0 || tandem_money_get_minor_units (share) > 1000000 || tandem_money_get_minor_units (share) % 100 != 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _ ("%s: “%s” is not a percentage between 0%% and 100%% with at most two decimals"), option, text);
      return FALSE;
    }
  *bp = (guint)(tandem_money_get_minor_units (share) / 100);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Verbs                                                               */

static int
cmd_init (Cli   *cli,
          int    argc,
          char **argv)
{
  int status = cli_parse_options (cli, "init", _ ("— create or upgrade the database"), NULL, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc > 1)
    return usage_error (_ ("init takes no arguments"));
  if ((status = cli_open_store (cli, TRUE)) != 0)
    return status;

  if (cli->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "path");
      json_builder_add_string_value (b, cli->db_shown);
      json_builder_set_member_name (b, "schema-version");
      json_builder_add_int_value (b, tandem_store_get_schema_version (cli->store));
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      cli_print_json (root);
    }
  else
    g_print (_ ("Database %s ready (schema version %d)\n"), cli->db_shown, tandem_store_get_schema_version (cli->store));
  return 0;
}

static int
cmd_rep_add (Cli   *cli,
             int    argc,
             char **argv)
{
  g_autofree char *role_text = NULL;
  GOptionEntry     entries[] = {
        { "role", 0, 0, G_OPTION_ARG_STRING, &role_text, N_ ("inside, field or manager"), "ROLE" },
        { NULL }
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemRep) rep = NULL;
  TandemRole role;
  int        status = cli_parse_options (cli, "rep add NAME", _ ("— add a rep"), entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 2)
    return usage_error (_ ("rep add needs one NAME"));
  if (role_text == NULL)
    return usage_error (_ ("rep add needs --role inside|field|manager"));
  if (!tandem_role_from_nick (role_text, &role, &error))
    return data_error (error);
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;

  rep = tandem_store_add_rep (cli->store, argv[1], role, &error);
  if (rep == NULL)
    return data_error (error);
  print_id (cli, tandem_rep_get_id (rep));
  return 0;
}

static int
cmd_team_add (Cli   *cli,
              int    argc,
              char **argv)
{
  g_autofree char *inside_text = NULL;
  g_autofree char *field_text = NULL;
  g_autofree char *name = NULL;
  g_autofree char *share_text = NULL;
  g_autofree char *target_text = NULL;
  g_autofree char *since_text = NULL;
  GOptionEntry     entries[] = {
        { "inside", 0, 0, G_OPTION_ARG_STRING, &inside_text, N_ ("the inside rep’s id"), "ID" },
        { "field", 0, 0, G_OPTION_ARG_STRING, &field_text, N_ ("the field rep’s id"), "ID" },
        { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_ ("the tandem’s name"), "NAME" },
        { "inside-share", 0, 0, G_OPTION_ARG_STRING, &share_text, N_ ("the inside rep’s share of commission, such as 40%"), "PERCENT" },
        { "target", 0, 0, G_OPTION_ARG_STRING, &target_text, N_ ("revenue target per period, such as \"50000.00 EUR\""), "AMOUNT" },
        { "since", 0, 0, G_OPTION_ARG_STRING, &since_text, N_ ("when the tandem starts (default: now)"), "TIME" },
        { NULL }
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemRep) inside = NULL;
  g_autoptr (TandemRep) field = NULL;
  g_autoptr (TandemTeam) draft = NULL;
  g_autoptr (TandemTeam) team = NULL;
  g_autoptr (TandemMoney) target = NULL;
  g_autoptr (GDateTime) since = NULL;
  gint64 inside_id, field_id;
  guint  share_bp = 0;
  int    status = cli_parse_options (cli, "team add", _ ("— add a tandem of an inside and a field rep"), entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 1)
    return usage_error (_ ("team add takes no positional arguments"));
  if (inside_text == NULL || field_text == NULL)
    return usage_error (_ ("team add needs --inside ID and --field ID"));
  if (!parse_id_arg ("--inside", inside_text, &inside_id, &error) || !parse_id_arg ("--field", field_text, &field_id, &error) || (share_text != NULL && !cli_parse_percent ("--inside-share", share_text, &share_bp, &error)) || (target_text != NULL && (target = tandem_money_parse (target_text, &error)) == NULL) || (since_text != NULL && (since = cli_parse_time ("--since", since_text, &error)) == NULL))
    return data_error (error);
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;

  if ((inside = tandem_store_get_rep (cli->store, inside_id, &error)) == NULL || (field = tandem_store_get_rep (cli->store, field_id, &error)) == NULL || (draft = tandem_team_new (name, inside, field, &error)) == NULL || !tandem_team_set_inside_share (draft, share_text != NULL ? (int)share_bp : TANDEM_INSIDE_SHARE_UNSET, &error))
    return data_error (error);
  tandem_team_set_target (draft, target);

  team = tandem_store_save_team (cli->store, draft, since, &error);
  if (team == NULL)
    return data_error (error);
  print_id (cli, tandem_team_get_id (team));
  return 0;
}

static int
cmd_account_add (Cli   *cli,
                 int    argc,
                 char **argv)
{
  g_autofree char *team_text = NULL;
  g_autofree char *category_text = NULL;
  g_autofree char *stage_text = NULL;
  g_autofree char *referred_text = NULL;
  g_autofree char *since_text = NULL;
  GOptionEntry     entries[] = {
        { "team", 0, 0, G_OPTION_ARG_STRING, &team_text, N_ ("the owning tandem’s id"), "ID" },
        { "category", 0, 0, G_OPTION_ARG_STRING, &category_text, N_ ("A, B, C or D (default C)"), "CATEGORY" },
        { "stage", 0, 0, G_OPTION_ARG_STRING, &stage_text, N_ ("prospect, customer, regular or lost"), "STAGE" },
        { "referred-by", 0, 0, G_OPTION_ARG_STRING, &referred_text, N_ ("the referring account’s id"), "ID" },
        { "since", 0, 0, G_OPTION_ARG_STRING, &since_text, N_ ("when the account was created (default: now); orders dated earlier do not move its stage"), "TIME" },
        { NULL }
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemTeam) team = NULL;
  g_autoptr (TandemAccount) referrer = NULL;
  g_autoptr (TandemAccount) draft = NULL;
  g_autoptr (TandemAccount) account = NULL;
  g_autoptr (GDateTime) since = NULL;
  TandemCategory     category = TANDEM_CATEGORY_C;
  TandemAccountStage stage = TANDEM_ACCOUNT_STAGE_PROSPECT;
  gint64             team_id = 0, referred_id = 0;
  int                status = cli_parse_options (cli, "account add NAME", _ ("— add a customer account"), entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 2)
    return usage_error (_ ("account add needs one NAME"));
  if (team_text == NULL)
    return usage_error (_ ("account add needs --team ID"));
  if (!parse_id_arg ("--team", team_text, &team_id, &error) || (category_text != NULL && !tandem_category_from_nick (category_text, &category, &error)) || (stage_text != NULL && !tandem_account_stage_from_nick (stage_text, &stage, &error)) || (referred_text != NULL && !parse_id_arg ("--referred-by", referred_text, &referred_id, &error)) || (since_text != NULL && (since = cli_parse_time ("--since", since_text, &error)) == NULL))
    return data_error (error);
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;

  if ((team = tandem_store_get_team (cli->store, team_id, &error)) == NULL || (referred_id > 0 && (referrer = tandem_store_get_account (cli->store, referred_id, &error)) == NULL))
    return data_error (error);

  draft = tandem_account_new (argv[1], team);
  tandem_account_set_category (draft, category);
  tandem_account_set_stage (draft, stage);
  if (!tandem_account_set_referred_by (draft, referrer, &error) || (account = tandem_store_save_account (cli->store, draft, since, &error)) == NULL)
    return data_error (error);
  print_id (cli, tandem_account_get_id (account));
  return 0;
}

static int
cmd_log (Cli   *cli,
         int    argc,
         char **argv)
{
  g_autofree char *account_text = NULL;
  g_autofree char *rep_text = NULL;
  g_autofree char *amount_text = NULL;
  g_autofree char *at_text = NULL;
  g_autofree char *ref = NULL;
  g_autofree char *reverses_text = NULL;
  g_autofree char *note = NULL;
  GOptionEntry     entries[] = {
        { "account", 0, 0, G_OPTION_ARG_STRING, &account_text, N_ ("the account’s id"), "ID" },
        { "rep", 0, 0, G_OPTION_ARG_STRING, &rep_text, N_ ("the id of the rep who did it"), "ID" },
        { "amount", 0, 0, G_OPTION_ARG_STRING, &amount_text, N_ ("the amount, such as \"1200.00 EUR\""), "AMOUNT" },
        { "at", 0, 0, G_OPTION_ARG_STRING, &at_text, N_ ("when it happened (default: now)"), "TIME" },
        { "ref", 0, 0, G_OPTION_ARG_STRING, &ref, N_ ("a unique reference from another system"), "REF" },
        { "reverses", 0, 0, G_OPTION_ARG_STRING, &reverses_text, N_ ("for a reversal: the id of the activity it takes back"), "ID" },
        { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_ ("a free-text note"), "TEXT" },
        { NULL }
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemAccount) account = NULL;
  g_autoptr (TandemRep) rep = NULL;
  g_autoptr (TandemMoney) amount = NULL;
  g_autoptr (GDateTime) when = NULL;
  g_autoptr (TandemActivity) draft = NULL;
  g_autoptr (TandemActivity) saved = NULL;
  g_autoptr (TandemActivity) reversed = NULL;
  TandemActivityKind kind;
  gint64             account_id = 0, rep_id = 0, reverses_id = 0;
  gboolean           inserted = TRUE;
  int                status = cli_parse_options (cli, "log KIND", _ ("— log an activity: call, visit, appointment, offer, order, cross-sell, up-sell, referral, shadowing, support, reversal"),
                                                 entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 2)
    return usage_error (_ ("log needs one KIND"));
  if (rep_text == NULL || (account_text == NULL && reverses_text == NULL))
    return usage_error (_ ("log needs --account ID and --rep ID"));
  if (!tandem_activity_kind_from_nick (argv[1], &kind, &error) || (account_text != NULL && !parse_id_arg ("--account", account_text, &account_id, &error)) || !parse_id_arg ("--rep", rep_text, &rep_id, &error) || (reverses_text != NULL && !parse_id_arg ("--reverses", reverses_text, &reverses_id, &error)) || (amount_text != NULL && (amount = tandem_money_parse (amount_text, &error)) == NULL) || (at_text != NULL && (when = cli_parse_time ("--at", at_text, &error)) == NULL))
    return data_error (error);
  if (kind == TANDEM_ACTIVITY_KIND_REVERSAL && reverses_text == NULL)
    return usage_error (_ ("log reversal needs --reverses ID"));
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;

  if (when == NULL)
    when = g_date_time_new_now_utc ();
  if ((rep = tandem_store_get_rep (cli->store, rep_id, &error)) == NULL)
    return data_error (error);

  if (kind == TANDEM_ACTIVITY_KIND_REVERSAL)
    {
      if ((reversed = tandem_store_get_activity (cli->store, reverses_id, &error)) == NULL || (draft = tandem_activity_new_reversal (reversed, rep, amount, when, &error)) == NULL)
        return data_error (error);
      if (account_id > 0 && account_id != tandem_account_get_id (tandem_activity_get_account (reversed)))
        {
          g_autofree char *owner = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                    tandem_account_get_id (tandem_activity_get_account (reversed)));

          g_printerr (_ ("tandem: --account %s: activity %s is for account %s\n"), account_text, reverses_text, owner);
          return EXIT_DATA;
        }
    }
  else
    {
      if (reverses_text != NULL)
        return usage_error (_ ("--reverses goes with log reversal"));
      if ((account = tandem_store_get_account (cli->store, account_id, &error)) == NULL || (draft = tandem_activity_new (account, rep, kind, amount, when, &error)) == NULL)
        return data_error (error);
    }

  tandem_activity_set_external_ref (draft, ref);
  tandem_activity_set_note (draft, note);
  saved = tandem_store_save_activity (cli->store, draft, &inserted, &error);
  if (saved == NULL)
    return data_error (error);
  if (!inserted && !cli->quiet)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, tandem_activity_get_id (saved));

      g_printerr (_ ("tandem: an activity with reference “%s” is already stored (id %s); nothing was logged\n"), ref, id);
    }
  print_id (cli, tandem_activity_get_id (saved));
  return 0;
}

static int
run_import (Cli        *cli,
            const char *path,
            const char *format_text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr (GFileInputStream) stream = NULL;
  TandemDataFormat format;
  guint64          inserted = 0, skipped = 0;
  gboolean         ok;

  if (format_text != NULL)
    {
      if (g_ascii_strcasecmp (format_text, "csv") == 0)
        format = TANDEM_DATA_FORMAT_CSV;
      else if (g_ascii_strcasecmp (format_text, "json") == 0)
        format = TANDEM_DATA_FORMAT_JSON;
      else
        return usage_error (_ ("--format must be csv or json, not “%s”"), format_text);
    }
  else if (g_str_has_suffix (path, ".json") || g_str_has_suffix (path, ".JSON"))
    format = TANDEM_DATA_FORMAT_JSON;
  else if (g_str_has_suffix (path, ".csv") || g_str_has_suffix (path, ".CSV"))
    format = TANDEM_DATA_FORMAT_CSV;
  else
    return usage_error (_ ("%s: name the format with --format csv|json"), path);

  stream = g_file_read (file, NULL, &error);
  if (stream == NULL)
    {
      g_printerr ("tandem: %s\n", error->message);
      return EXIT_DATA;
    }

  cli_progress_start (cli);
  ok = tandem_store_import_activities (cli->store, G_INPUT_STREAM (stream), format, NULL, &inserted, &skipped, &error);
  cli_progress_stop (cli);

  if (!ok)
    {
      /* import errors begin "line N: column: …": print file:N: column: … */
      if (g_error_matches (error, TANDEM_IMPORT_ERROR, error->code) && g_str_has_prefix (error->message, "line "))
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
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      cli_print_json (root);
    }
  else
    {
      g_autofree char *n_in = g_strdup_printf ("%" G_GUINT64_FORMAT, inserted);
      g_autofree char *n_skip = g_strdup_printf ("%" G_GUINT64_FORMAT, skipped);

      g_print (_ ("Imported %s activities; skipped %s already stored\n"), n_in, n_skip);
    }
  return 0;
}

static int
cmd_import (Cli   *cli,
            int    argc,
            char **argv)
{
  g_autofree char *format = NULL;
  GOptionEntry     entries[] = {
        { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_ ("csv or json (default: from the file name)"), "FORMAT" },
        { NULL }
  };
  int status = cli_parse_options (cli, "import FILE", _ ("— import activities, all rows or none"), entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 2)
    return usage_error (_ ("import needs one FILE"));
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;
  return run_import (cli, argv[1], format);
}

static int
cmd_export (Cli   *cli,
            int    argc,
            char **argv)
{
  g_autofree char *format_text = NULL;
  g_autofree char *output = NULL;
  GOptionEntry     entries[] = {
        { "format", 0, 0, G_OPTION_ARG_STRING, &format_text, N_ ("csv (default) or json"), "FORMAT" },
        { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_ ("write to FILE instead of standard output"), "FILE" },
        { NULL }
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (GOutputStream) out = NULL;
  TandemDataFormat format = TANDEM_DATA_FORMAT_CSV;
  int              status = cli_parse_options (cli, "export activities", _ ("— write activities in the format import reads"), entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 2 || strcmp (argv[1], "activities") != 0)
    return usage_error (_ ("export needs the word “activities”"));
  if (format_text != NULL && g_ascii_strcasecmp (format_text, "json") == 0)
    format = TANDEM_DATA_FORMAT_JSON;
  else if (format_text != NULL && g_ascii_strcasecmp (format_text, "csv") != 0)
    return usage_error (_ ("--format must be csv or json, not “%s”"), format_text);
  if (cli->json)
    format = TANDEM_DATA_FORMAT_JSON;
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;

  if (output != NULL)
    {
      g_autoptr (GFile) file = g_file_new_for_path (output);

      out = G_OUTPUT_STREAM (g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error));
      if (out == NULL)
        return data_error (error);
    }
  else
    out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);

  if (!tandem_store_export_activities (cli->store, out, format, NULL, NULL, &error) || !g_output_stream_close (out, NULL, &error))
    return data_error (error);
  return 0;
}

static int
cmd_plan_load (Cli   *cli,
               int    argc,
               char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemPlan) plan = NULL;
  int status = cli_parse_options (cli, "plan load FILE", _ ("— store a compensation plan"), NULL, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 2)
    return usage_error (_ ("plan load needs one FILE"));
  plan = tandem_plan_new_from_file (argv[1], &error);
  if (plan == NULL)
    {
      g_printerr ("%s: %s\n", argv[1], error->message);
      return EXIT_DATA;
    }
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;
  if (!tandem_store_add_plan (cli->store, plan, &error))
    return data_error (error);
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

/* Finds the plan named @name, or the only stored plan when @name is NULL. */
TandemPlan *
cli_find_plan (Cli        *cli,
               const char *name,
               GError    **error)
{
  g_auto (GStrv) names = NULL;

  if (name != NULL)
    return tandem_store_get_plan (cli->store, name, error);

  names = tandem_store_list_plans (cli->store, error);
  if (names == NULL)
    return NULL;
  if (g_strv_length (names) != 1)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_FOUND,
                   g_strv_length (names) == 0 ? _ ("No plan is stored: load one with “tandem plan load FILE”")
                                              : _ ("Several plans are stored: name one with --plan NAME"));
      return NULL;
    }
  return tandem_store_get_plan (cli->store, names[0], error);
}

static int
settle_or_close (Cli     *cli,
                 int      argc,
                 char   **argv,
                 gboolean close)
{
  g_autofree char *plan_name = NULL;
  GOptionEntry     entries[] = {
        { "plan", 0, 0, G_OPTION_ARG_STRING, &plan_name, N_ ("the plan’s name (default: the only stored plan)"), "NAME" },
        { NULL }
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemPlan) plan = NULL;
  g_autoptr (TandemPeriod) period = NULL;
  g_autoptr (TandemSettlement) settlement = NULL;
  int status = cli_parse_options (cli, close ? "close PERIOD" : "settle PERIOD",
                                  close ? _ ("— settle a period and freeze it") : _ ("— settle a period (2026-11, 2026-Q4, 2026)"),
                                  entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 2)
    return usage_error (close ? _ ("close needs one PERIOD") : _ ("settle needs one PERIOD"));
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;
  if ((plan = cli_find_plan (cli, plan_name, &error)) == NULL || (period = tandem_plan_parse_period (plan, argv[1], &error)) == NULL)
    return data_error (error);

  cli_progress_start (cli);
  settlement = close ? tandem_store_close_period (cli->store, plan, period, &error)
                     : tandem_store_settle (cli->store, plan, period, &error);
  cli_progress_stop (cli);
  if (settlement == NULL)
    return data_error (error);

  if (cli->json)
    {
      g_autofree char *json = tandem_settlement_to_json (settlement);
      g_print ("%s\n", json);
    }
  else if (!cli_print_report (cli, settlement, &error))
    return data_error (error);
  return 0;
}

static int
cmd_settle (Cli *cli, int argc, char **argv)
{
  return settle_or_close (cli, argc, argv, FALSE);
}

static int
cmd_close (Cli *cli, int argc, char **argv)
{
  return settle_or_close (cli, argc, argv, TRUE);
}

static int
cmd_statement (Cli   *cli,
               int    argc,
               char **argv)
{
  g_autofree char *plan_name = NULL;
  GOptionEntry     entries[] = {
        { "plan", 0, 0, G_OPTION_ARG_STRING, &plan_name, N_ ("the plan’s name (default: the only stored plan)"), "NAME" },
        { NULL }
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemPlan) plan = NULL;
  g_autoptr (TandemPeriod) period = NULL;
  g_autoptr (TandemSettlement) settlement = NULL;
  g_autoptr (TandemRep) rep = NULL;
  gint64 rep_id;
  int    status = cli_parse_options (cli, "statement REP PERIOD", _ ("— one rep’s lines with explanations"), entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 3)
    return usage_error (_ ("statement needs REP and PERIOD"));
  if (!parse_id_arg ("REP", argv[1], &rep_id, &error))
    return data_error (error);
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;
  if ((rep = tandem_store_get_rep (cli->store, rep_id, &error)) == NULL || (plan = cli_find_plan (cli, plan_name, &error)) == NULL || (period = tandem_plan_parse_period (plan, argv[2], &error)) == NULL || (settlement = tandem_store_settle (cli->store, plan, period, &error)) == NULL)
    return data_error (error);

  cli_print_statement (cli, settlement, rep);
  return 0;
}

/* ------------------------------------------------------------------ */
/* Dispatch                                                            */

typedef struct
{
  const char *words;
  int (*run) (Cli *, int, char **);
  const char *summary;
} Verb;

static const Verb verbs[] = {
  { "init", cmd_init, N_ ("create or upgrade the database") },
  { "rep add", cmd_rep_add, N_ ("add a rep: NAME --role inside|field|manager") },
  { "rep list", cli_cmd_rep_list, N_ ("list reps") },
  { "rep tag", cli_cmd_rep_tag, N_ ("give a rep a strength (or --preference): REP TAG LEVEL") },
  { "classify", cli_cmd_classify, N_ ("A/B/C/D accounts: --since TIME --until TIME [--a 50%] [--apply]") },
  { "cleanup", cli_cmd_cleanup, N_ ("the yearly clean-up: list D accounts [--confirm] to archive them") },
  { "match", cli_cmd_match, N_ ("propose tandems [--fix I:F] [--forbid I:F] [--all] [--create]") },
  { "team add", cmd_team_add, N_ ("add a tandem: --inside ID --field ID [--name N] [--inside-share 40%] [--target AMOUNT]") },
  { "team list", cli_cmd_team_list, N_ ("list tandems") },
  { "account add", cmd_account_add, N_ ("add an account: NAME --team ID [--category A] [--stage prospect] [--referred-by ID]") },
  { "account list", cli_cmd_account_list, N_ ("list accounts") },
  { "account history", cli_cmd_account_history, N_ ("an account’s stages with their causes: ID") },
  { "lifecycle apply", cli_cmd_lifecycle_apply, N_ ("apply the lifecycle rules to every account [--at TIME]") },
  { "lifecycle", cli_cmd_lifecycle, N_ ("show or set the lifecycle rules [--regular-orders N] [--regular-months N] [--lost-after-days N]") },
  { "activity list", cli_cmd_activity_list, N_ ("list activities") },
  { "log", cmd_log, N_ ("log an activity: KIND --account ID --rep ID [--amount AMOUNT] [--at TIME] [--ref REF]") },
  { "import", cmd_import, N_ ("import activities from FILE (.csv or .json), all or none") },
  { "export", cmd_export, N_ ("export activities [--format csv|json]") },
  { "plan load", cmd_plan_load, N_ ("store a compensation plan from FILE") },
  { "plan list", cli_cmd_plan_list, N_ ("list stored plans") },
  { "settle", cmd_settle, N_ ("settle PERIOD [--plan NAME]") },
  { "close", cmd_close, N_ ("settle and freeze PERIOD [--plan NAME]") },
  { "statement", cmd_statement, N_ ("one rep’s statement: REP PERIOD [--plan NAME]") },
  { "kpi", cli_cmd_kpi, N_ ("key figures per tandem: PERIOD [--plan NAME]") },
  { "report", cli_cmd_report, N_ ("a chart of PERIOD: --svg FILE [--plan NAME]") },
  { "demo", cli_cmd_demo, N_ ("fill the database with a sample and print a settlement report") },
};

static void
print_help (void)
{
  g_print (_ ("Usage:\n  tandem [--db PATH] [--json] [--quiet] VERB [ARGS…]\n\n"
              "Sales tandems: reps, accounts, activities and exact commission.\n\n"
              "Verbs:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    g_print ("  %-15s %s\n", verbs[i].words, _ (verbs[i].summary));
  g_print (_ ("\nGlobal options (before or after the verb):\n"
              "  --db PATH       the database (default: $TANDEM_DB, else ./tandem.db)\n"
              "  --json          machine-readable output on standard output\n"
              "  -q, --quiet     no progress or notes on standard error\n"
              "  -h, --help      this help; “tandem VERB --help” for a verb\n"
              "  --version       the version\n\n"
              "Exit status: 0 on success, 1 on a usage error, 2 on bad input or data.\n"));
}

int
cli_parse_options (Cli          *cli,
                   const char   *usage,
                   const char   *summary,
                   GOptionEntry *entries,
                   int          *argc,
                   char       ***argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new (summary);
  g_autoptr (GError) error = NULL;
  g_autofree char *prog = g_strdup_printf ("tandem %s", usage);

  g_set_prgname (prog);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);

  if (cli->verb_help)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);
      g_print ("%s", help);
      return 0;
    }

  /* GOption keeps the last of two values silently: an option given twice
   * is a mistake worth naming */
  for (GOptionEntry *e = entries; e != NULL && e->long_name != NULL; e++)
    {
      g_autofree char *flag = g_strdup_printf ("--%s", e->long_name);
      g_autofree char *prefix = g_strdup_printf ("--%s=", e->long_name);
      char             short_flag[3] = { '-', e->short_name, '\0' };
      guint            seen = 0;

      for (int i = 1; i < *argc && strcmp ((*argv)[i], "--") != 0; i++)
        if (strcmp ((*argv)[i], flag) == 0 || g_str_has_prefix ((*argv)[i], prefix)
            || (e->short_name != 0 && strcmp ((*argv)[i], short_flag) == 0))
          seen++;
      if (seen > 1)
        return usage_error (_ ("%s is given %u times; give it once"), flag, seen);
    }

  if (!g_option_context_parse (context, argc, argv, &error))
    return usage_error ("%s", error->message);
  return -1;
}

/* A server URI as output and messages may show it: never its password. */
static char *
db_for_messages (const char *db)
{
  g_autoptr (GUri) uri = NULL;

  if (!g_str_has_prefix (db, "postgresql://") && !g_str_has_prefix (db, "postgres://"))
    return g_strdup (db);
  uri = g_uri_parse (db, G_URI_FLAGS_HAS_PASSWORD | G_URI_FLAGS_ENCODED, NULL);
  if (uri == NULL)
    return g_strdup (g_str_has_prefix (db, "postgres://") ? "postgres://…" : "postgresql://…");
  return g_uri_to_string_partial (uri, G_URI_HIDE_PASSWORD);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GPtrArray) rest = g_ptr_array_new ();
  Cli         cli = { 0 };
  const char *env_db;
  int         status;

  setlocale (LC_ALL, "");
  /* TANDEM_LOCALEDIR lets the tests use the catalogues in the build tree */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("TANDEM_LOCALEDIR") ? g_getenv ("TANDEM_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Global options may stand anywhere: take them out first. */
  g_ptr_array_add (rest, argv[0]);
  for (int i = 1; i < argc; i++)
    {
      const char *a = argv[i];

      if ((strcmp (a, "--db") == 0 || g_str_has_prefix (a, "--db=")) && cli.db != NULL)
        {
          g_free (cli.db);
          return usage_error (_ ("--db is given twice; give it once"));
        }

      if (strcmp (a, "--json") == 0)
        cli.json = TRUE;
      else if (strcmp (a, "--quiet") == 0 || strcmp (a, "-q") == 0)
        cli.quiet = TRUE;
      else if (strcmp (a, "--version") == 0)
        cli.version = TRUE;
      else if (strcmp (a, "--help") == 0 || strcmp (a, "-h") == 0)
        cli.help = TRUE;
      else if (strcmp (a, "--db") == 0)
        {
          if (i + 1 >= argc)
            return usage_error (_ ("--db needs a PATH"));
          g_free (cli.db);
          cli.db = g_strdup (argv[++i]);
        }
      else if (g_str_has_prefix (a, "--db="))
        {
          g_free (cli.db);
          cli.db = g_strdup (a + strlen ("--db="));
        }
      else
        g_ptr_array_add (rest, argv[i]);
    }
  g_ptr_array_add (rest, NULL);

  if (cli.version)
    {
      g_print ("tandem %s (libtandem %s)\n", PACKAGE_VERSION, TANDEM_VERSION_S);
      return 0;
    }

  if (cli.db != NULL && cli.db[0] == '\0')
    {
      g_free (cli.db);
      return usage_error (_ ("--db needs a PATH, not an empty text"));
    }
  env_db = g_getenv ("TANDEM_DB");
  if (cli.db == NULL)
    cli.db = g_strdup (env_db != NULL && *env_db != '\0' ? env_db : "tandem.db");
  cli.db_shown = db_for_messages (cli.db);

  if (rest->len < 3) /* argv[0] and NULL: no verb */
    {
      print_help ();
      g_free (cli.db);
      g_free (cli.db_shown);
      return cli.help ? 0 : EXIT_USAGE;
    }

  status = -1;
  for (guint i = 0; i < G_N_ELEMENTS (verbs) && status < 0; i++)
    {
      g_auto (GStrv) words = g_strsplit (verbs[i].words, " ", 2);
      guint  n = g_strv_length (words);
      char **args = (char **)rest->pdata;
      int    nargs = (int)rest->len - 1;

      if (strcmp (args[1], words[0]) != 0)
        continue;
      if (n == 2 && (nargs < 3 || strcmp (args[2], words[1]) != 0))
        continue;

      /* the verb's own argv: "tandem VERB", then what follows the words */
      {
        g_autoptr (GPtrArray) vargv = g_ptr_array_new ();
        char **vv;
        int    vc;

        g_ptr_array_add (vargv, (char *)verbs[i].words);
        for (int k = 1 + (int)n; k < nargs; k++)
          g_ptr_array_add (vargv, args[k]);
        g_ptr_array_add (vargv, NULL);
        vv = (char **)vargv->pdata;
        vc = (int)vargv->len - 1;
        cli.verb_help = cli.help;
        status = verbs[i].run (&cli, vc, vv);
      }
    }

  if (status < 0)
    {
      /* a noun alone, or with --help: its verbs */
      const char *noun = rest->pdata[1];
      guint       n = 0;

      for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
        if (g_str_has_prefix (verbs[i].words, noun) && verbs[i].words[strlen (noun)] == ' ')
          {
            if (n++ == 0)
              g_print (_ ("Usage:\n  tandem %s VERB [ARGS…]\n\nVerbs:\n"), noun);
            g_print ("  %-15s %s\n", verbs[i].words, _ (verbs[i].summary));
          }
      if (n > 0)
        status = cli.help ? 0 : usage_error (_ ("“%s” needs a verb, such as “%s list”"), noun, noun);
      else
        status = usage_error (_ ("unknown verb “%s”"), noun);
    }

  g_clear_object (&cli.store);
  g_free (cli.db);
  g_free (cli.db_shown);
  return status;
}
