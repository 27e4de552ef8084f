/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-cli.c: shared parts of the tandem command: errors, options, the store, parsing, tables */

#include "config.h"

#include <errno.h>
#include <gio/gunixoutputstream.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <langinfo.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "tandem-cli.h"

int
cli_usage_error (const char *format, ...)
{
  g_autofree char *msg = NULL;
  va_list          args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("tandem: %s\n%s\n", msg, _ ("Try “tandem --help”."));
  return EXIT_USAGE;
}

int
cli_data_error (GError *error)
{
  g_printerr ("tandem: %s\n", error->message);
  return EXIT_DATA;
}

/* An amount as tables show it: grouped, in the locale's notation
 * ("1.234,56 EUR" under de_DE.UTF-8, "1,234.56 EUR" in English). */
char *
cli_money (TandemMoney *money)
{
  return money != NULL ? tandem_money_to_locale_string (money, TRUE) : g_strdup ("");
}

/* An amount on a chart's scale: as cli_money() without the currency, and
 * without the cents when they are zero ("1.500" under de_DE.UTF-8). */
char *
cli_money_short (TandemMoney *money)
{
  char            *text = tandem_money_to_locale_string (money, FALSE);
  const char      *radix = nl_langinfo (RADIXCHAR);
  g_autofree char *zero = g_strconcat (radix != NULL && radix[0] != '\0' ? radix : ".", "00", NULL);

  if (g_str_has_suffix (text, zero))
    text[strlen (text) - strlen (zero)] = '\0';
  return text;
}

/* An amount from the command line: canonical ("1234.56 EUR"), or with a
 * comma German notation ("1.234,56 EUR"). */
TandemMoney *
cli_parse_money (const char *text, GError **error)
{
  if (strchr (text, ',') != NULL)
    return tandem_money_parse_decimal_comma (text, error);
  return tandem_money_parse (text, error);
}

void
cli_print_id (Cli *cli, gint64 id)
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
    g_print ("%" PRId64 "\n", id);
}

typedef struct
{
  gint64   started;
  gboolean shown;
} Progress;

static void
on_progress (TandemStore *store, const char *operation, guint64 done, guint64 total, Progress *p)
{
  gint64 now = g_get_monotonic_time ();
  double elapsed = (now - p->started) / 1e6;
  double rate = elapsed > 0 ? done / elapsed : 0;

  if (elapsed < 1.0)
    return;

  if (total > done && rate > 0)
    g_printerr ("\r\033[K%s: %" G_GUINT64_FORMAT " rows, %.0f rows/s, ETA %.0f s", operation, done,
                rate, (total - done) / rate);
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
  cli->progress_handler
      = g_signal_connect (cli->store, "progress", G_CALLBACK (on_progress), cli->progress);
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

/* Opens the database named by --db; a message for people on error. */
static gboolean
try_open_store (Cli *cli, gboolean create, GError **error)
{
  TandemStoreFlags flags = TANDEM_STORE_FLAGS_NONE;

  if (cli->store != NULL)
    return TRUE;

  /* a server: the library connects and names host and database on error */
  if (g_str_has_prefix (cli->db, "postgresql://") || g_str_has_prefix (cli->db, "postgres://"))
    {
      cli->store = tandem_store_new_for_uri (cli->db, error);
      if (cli->store == NULL)
        return FALSE;
      tandem_store_set_actor (cli->store, cli->actor);
      return TRUE;
    }

  if (g_file_test (cli->db, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR,
                   _ ("%s is a directory, not a database file"), cli->db);
      return FALSE;
    }
  if (g_file_test (cli->db, G_FILE_TEST_EXISTS) && !g_file_test (cli->db, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   _ ("%s is not a regular file (a device or a pipe?), so it cannot hold a "
                      "database"),
                   cli->db);
      return FALSE;
    }
  if (!create && !g_file_test (cli->db, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                   _ ("%s: no such database; create it with “tandem init”"), cli->db);
      return FALSE;
    }

  /* a file we may not write is still there to be read */
  if (!create && access (cli->db, W_OK) != 0 && errno == EACCES)
    flags = TANDEM_STORE_FLAGS_READ_ONLY;

  cli->store = tandem_store_new_for_path_full (cli->db, flags, error);
  if (cli->store == NULL)
    return FALSE;
  tandem_store_set_actor (cli->store, cli->actor);
  return TRUE;
}

int
cli_open_store (Cli *cli, gboolean create)
{
  g_autoptr (GError) error = NULL;

  return try_open_store (cli, create, &error) ? 0 : cli_data_error (error);
}

/* The store's time zone, read once per command. */
GTimeZone *
cli_time_zone (Cli *cli, GError **error)
{
  if (cli->zone == NULL)
    {
      if (!try_open_store (cli, FALSE, error))
        return NULL;
      cli->zone = tandem_store_get_time_zone (cli->store, error);
    }
  return cli->zone;
}

/* @t as a table shows it: local time in the store's zone, to the minute. */
char *
cli_local_time (Cli *cli, GDateTime *t)
{
  g_autoptr (GDateTime) local = NULL;
  GTimeZone *zone = cli->zone != NULL ? cli->zone : cli_time_zone (cli, NULL);

  if (t == NULL)
    return g_strdup ("");
  local = zone != NULL ? g_date_time_to_timezone (t, zone) : g_date_time_ref (t);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

/* The zone of this computer (TZ, else /etc/localtime) by its IANA name,
 * or UTC when it has none a store could keep. */
static char *
system_zone_name (void)
{
  g_autoptr (GTimeZone) local = g_time_zone_new_local ();
  const char *name = g_time_zone_get_identifier (local);
  g_autoptr (GTimeZone) again = NULL;

  if (name == NULL || name[0] == '\0' || name[0] == '/' || name[0] == ':'
      || strchr (name, '.') != NULL)
    return g_strdup ("UTC");
  again = g_time_zone_new_identifier (name);
  return g_strdup (again != NULL ? name : "UTC");
}

int
cli_cmd_init (Cli *cli, int argc, char **argv)
{
  g_autofree char *zone = NULL;
  g_autofree char *stored = NULL;
  GOptionEntry     entries[]
      = { { "time-zone", 0, 0, G_OPTION_ARG_STRING, &zone,
            N_ ("read times without an offset in ZONE (default: this computer’s)"), "ZONE" },
          { NULL } };
  g_autoptr (GError) error = NULL;
  int status = cli_parse_options (cli, "init", _ ("— create or upgrade the database"), entries,
                                  &argc, &argv);

  if (status >= 0)
    return status;
  if (argc > 1)
    return cli_usage_error (_ ("init takes no arguments"));
  if ((status = cli_open_store (cli, TRUE)) != 0)
    return status;

  /* a new store takes this computer's zone; an upgraded one keeps its own */
  if (zone == NULL && (stored = tandem_store_get_time_zone_name (cli->store, &error)) == NULL)
    {
      if (error != NULL)
        return cli_data_error (error);
      zone = system_zone_name ();
    }
  if (zone != NULL && !tandem_store_set_time_zone (cli->store, zone, &error))
    return cli_data_error (error);
  g_clear_pointer (&stored, g_free);
  if ((stored = tandem_store_get_time_zone_name (cli->store, &error)) == NULL && error != NULL)
    return cli_data_error (error);

  if (cli->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "path");
      json_builder_add_string_value (b, cli->db_shown);
      json_builder_set_member_name (b, "schema-version");
      json_builder_add_int_value (b, tandem_store_get_schema_version (cli->store));
      json_builder_set_member_name (b, "time_zone");
      json_builder_add_string_value (b, stored != NULL ? stored : "UTC");
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      cli_print_json (root);
    }
  else
    g_print (_ ("Database %s ready (schema version %d, time zone %s)\n"), cli->db_shown,
             tandem_store_get_schema_version (cli->store), stored != NULL ? stored : "UTC");
  return 0;
}

int
cli_cmd_config (Cli *cli, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *zone = NULL;
  int              status
      = cli_parse_options (cli, "config [time-zone ZONE]",
                           _ ("— show the store’s settings, or change one"), NULL, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 1 && !(argc == 3 && strcmp (argv[1], "time-zone") == 0))
    {
      if (argc >= 2 && strcmp (argv[1], "time-zone") != 0)
        return cli_usage_error (_ ("config: unknown setting “%s” (there is: time-zone)"), argv[1]);
      return cli_usage_error (_ ("config time-zone needs one ZONE, such as Europe/Berlin"));
    }
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;
  if (argc == 3 && !tandem_store_set_time_zone (cli->store, argv[2], &error))
    return cli_data_error (error);

  if ((zone = tandem_store_get_time_zone_name (cli->store, &error)) == NULL && error != NULL)
    return cli_data_error (error);
  if (cli->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "time_zone");
      json_builder_add_string_value (b, zone != NULL ? zone : "UTC");
      json_builder_set_member_name (b, "schema");
      json_builder_add_int_value (b, tandem_store_get_schema_version (cli->store));
      json_builder_end_object (b);
      cli_print_builder (b);
    }
  else
    {
      g_print (_ ("Time zone: %s\n"), zone != NULL ? zone : "UTC");
      g_print (_ ("Schema:    %d\n"), tandem_store_get_schema_version (cli->store));
    }
  return 0;
}

gboolean
cli_parse_id (const char *what, const char *text, gint64 *id, GError **error)
{
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _ ("%s: “%s” is not an id"),
                   what, text ? text : "");
      return FALSE;
    }
  *id = (gint64)value;
  return TRUE;
}

gboolean
cli_get_rep (Cli *cli, const char *what, const char *text, TandemRep **rep, GError **error)
{
  guint64 id;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &id, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _ ("%s: “%s” is not an id"),
                   what, text);
      return FALSE;
    }
  *rep = tandem_store_get_rep (cli->store, (gint64)id, error);
  return *rep != NULL;
}

/* Parses a time; one without an offset is local time in the store's
 * zone (the store is opened for it). */
GDateTime *
cli_parse_time (Cli *cli, const char *what, const char *text, GError **error)
{
  g_autoptr (GError) local = NULL;
  GTimeZone *zone = cli_time_zone (cli, error);
  GDateTime *t;

  if (zone == NULL)
    return NULL;
  t = tandem_time_parse (text, zone, &local);
  if (t == NULL)
    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "%s: %s", what, local->message);
  return t;
}

/* Parses a percentage from 0% to 100% with at most two decimals into
 * basis points: 10,000.00 EUR × the share is the share in basis points,
 * exactly, through the library's own percentage parser. */
gboolean
cli_parse_percent (const char *option, const char *text, guint *bp, GError **error)
{
  g_autoptr (TandemMoney) probe = tandem_money_new (1000000, "EUR");
  g_autoptr (TandemMoney) share = tandem_money_multiply_percent (probe, text, NULL);

  if (share == NULL || tandem_money_get_minor_units (share) < 0
      || tandem_money_get_minor_units (share) > 1000000
      || tandem_money_get_minor_units (share) % 100 != 0)
    {
      g_set_error (
          error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
          _ ("%s: “%s” is not a percentage between 0%% and 100%% with at most two decimals"),
          option, text);
      return FALSE;
    }
  *bp = (guint)(tandem_money_get_minor_units (share) / 100);
  return TRUE;
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
        return cli_usage_error (_ ("%s is given %u times; give it once"), flag, seen);
    }

  if (!g_option_context_parse (context, argc, argv, &error))
    return cli_usage_error ("%s", error->message);
  return -1;
}

/* Finds the plan named @name; when @name is NULL, the only stored plan or
 * the default one (tandem_plan_resolve_name). */
TandemPlan *
cli_find_plan (Cli *cli, const char *name, GError **error)
{
  g_autofree char *resolved = tandem_plan_resolve_name (cli->store, name, error);

  return resolved != NULL ? tandem_plan_load (cli->store, resolved, error) : NULL;
}

/* Adds every readable property of @object as a member; objects become
 * their id, money its canonical string, times ISO 8601, enums their nick. */
void
cli_add_properties (JsonBuilder *b, GObject *object)
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
      else if (type == G_TYPE_UINT)
        json_builder_add_int_value (b, g_value_get_uint (&value));
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
          g_autofree char *s = g_value_get_boxed (&value)
                                   ? tandem_money_to_string (g_value_get_boxed (&value))
                                   : NULL;
          s ? json_builder_add_string_value (b, s) : json_builder_add_null_value (b);
        }
      else if (type == G_TYPE_DATE_TIME)
        {
          g_autofree char *s = g_value_get_boxed (&value)
                                   ? g_date_time_format_iso8601 (g_value_get_boxed (&value))
                                   : NULL;
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

void
cli_print_model_json (GListModel *model)
{
  g_autoptr (TandemJsonWriter) s = cli_json_writer ();

  /* element by element: a list of a million activities is never one tree */
  tandem_json_writer_begin_array (s);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (model, i);
      g_autoptr (JsonBuilder) b = NULL;

      if (item == NULL)
        break; /* a page the store could not read: the caller reports it */
      b = json_builder_new ();
      cli_add_properties (b, item);
      cli_json_builder (s, b);
    }
  tandem_json_writer_end_array (s);
  cli_json_end (s);
}

int
cli_simple_list (Cli        *cli,
                 int         argc,
                 char      **argv,
                 const char *usage,
                 GListModel *(*list) (TandemStore *, GError **),
                 void (*row) (gpointer item))
{
  g_autoptr (GListModel) model = NULL;
  g_autoptr (GError) error = NULL;
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

  if ((model = list (cli->store, &error)) == NULL)
    return cli_data_error (error);
  if (cli->json)
    cli_print_model_json (model);
  else
    for (guint i = 0; i < g_list_model_get_n_items (model); i++)
      {
        g_autoptr (GObject) item = g_list_model_get_item (model, i);
        row (item);
      }
  return 0;
}

/* The columns @text takes on a terminal: a wide (East Asian) character
 * takes two, a combining mark none. */
long
cli_width (const char *text)
{
  long n = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c) || g_unichar_ismark (c))
        continue;
      n += g_unichar_iswide (c) ? 2 : 1;
    }
  return n;
}

/* Pads @text to @width columns (not bytes or characters: see cli_width),
 * left or right aligned. */
void
cli_pad (GString *out, const char *text, int width, gboolean right)
{
  long n = cli_width (text);

  if (right)
    for (long i = n; i < width; i++)
      g_string_append_c (out, ' ');
  g_string_append (out, text);
  if (!right)
    for (long i = n; i < width; i++)
      g_string_append_c (out, ' ');
}

/* Amounts in a table: grouped, with the currency's own decimals, without
 * the code (the table names it once). */
char *
cli_amount_cell (gint64 minor, const char *currency)
{
  g_autoptr (TandemMoney) m = tandem_money_new (minor, currency);

  return m != NULL ? tandem_money_to_locale_string (m, FALSE) : g_strdup ("?");
}

/* Basis points as a percentage with two decimals in the locale's notation
 * ("108.02%", "108,02%" under de_DE), or a dash for -1 (nothing to divide
 * by). */
char *
cli_percent_cell (int bp)
{
  const char *radix = nl_langinfo (RADIXCHAR);

  if (bp == -1)
    return g_strdup ("–");
  return g_strdup_printf ("%s%d%s%02d%%", bp < 0 ? "-" : "", ABS (bp) / 100,
                          radix != NULL && radix[0] != '\0' ? radix : ".", ABS (bp) % 100);
}

/* Adds up money for a table; an overflow is an error naming the sum. */
gboolean
cli_add_checked (gint64 *sum, gint64 value, const char *what, GError **error)
{
  if (!__builtin_add_overflow (*sum, value, sum))
    return TRUE;
  g_set_error (error, TANDEM_MONEY_ERROR, TANDEM_MONEY_ERROR_OVERFLOW,
               _ ("%s does not fit in 63 bits of minor units"), what);
  return FALSE;
}

/* Prints what @b built. */
void
cli_print_builder (JsonBuilder *b)
{
  g_autoptr (JsonNode) root = json_builder_get_root (b);

  cli_print_json (root);
}

void
cli_add_uint (JsonBuilder *b, const char *name, guint value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

TandemTeam *
cli_get_team (Cli *cli, const char *text, GError **error)
{
  gint64 id;

  if (!cli_parse_id ("TEAM", text, &id, error))
    return NULL;
  return tandem_store_get_team (cli->store, id, error);
}

TandemAccount *
cli_get_account (Cli *cli, const char *what, const char *text, GError **error)
{
  gint64 id;

  if (!cli_parse_id (what, text, &id, error))
    return NULL;
  return tandem_store_get_account (cli->store, id, error);
}

void
cli_print_object (GObject *object)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  cli_add_properties (b, object);
  cli_print_builder (b);
}
