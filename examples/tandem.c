/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem.c: the tandem command, built on the public libtandem API only:
 * global options and the dispatcher. The verbs live in one file per noun
 * (tandem-cli-NOUN.c), their shared parts in tandem-cli.c.
 *
 * Exit status: 0 on success, 1 on a usage error, 2 on bad input or data
 * (the message on stderr names the file, line and field). */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "tandem-cli.h"

typedef struct
{
  const char *words;
  int (*run) (Cli *, int, char **);
  const char *summary;
} Verb;

static const Verb verbs[] = {
  { "init", cli_cmd_init, N_ ("create or upgrade the database [--time-zone ZONE]") },
  { "config", cli_cmd_config, N_ ("the store’s settings: [time-zone ZONE]") },
  { "rep add", cli_cmd_rep_add, N_ ("add a rep: NAME --role inside|field|manager") },
  { "rep list", cli_cmd_rep_list, N_ ("list reps") },
  { "rep update", cli_cmd_rep_update,
    N_ ("change a rep: ID [--name NAME] [--personnel-number N]") },
  { "rep archive", cli_cmd_rep_archive, N_ ("archive a rep who left: REP") },
  { "rep tag", cli_cmd_rep_tag, N_ ("give a rep a strength (or --preference): REP TAG LEVEL") },
  { "classify", cli_cmd_classify,
    N_ ("A/B/C/D accounts: --since TIME --until TIME [--a 50%] [--apply]") },
  { "cleanup", cli_cmd_cleanup,
    N_ ("the yearly clean-up: list D accounts [--confirm] to archive them") },
  { "match", cli_cmd_match, N_ ("propose tandems [--fix I:F] [--forbid I:F] [--all] [--create]") },
  { "team add", cli_cmd_team_add,
    N_ ("add a tandem: --inside ID --field ID [--name N] [--inside-share 40%] [--target AMOUNT]") },
  { "team list", cli_cmd_team_list, N_ ("list tandems") },
  { "team update", cli_cmd_team_update,
    N_ ("change a tandem: TEAM [--name N] [--since TIME] [--inside-share P] [--target A]") },
  { "team members", cli_cmd_team_members,
    N_ ("a new pair from a time on: TEAM --inside REP --field REP --from TIME") },
  { "team history", cli_cmd_team_history, N_ ("who formed a tandem when: TEAM") },
  { "team archive", cli_cmd_team_archive, N_ ("archive a tandem: TEAM") },
  { "account add", cli_cmd_account_add,
    N_ ("add an account: NAME --team ID [--number K-1001] [--category A] [--stage prospect] "
        "[--referred-by ID]") },
  { "account list", cli_cmd_account_list, N_ ("list accounts") },
  { "account update", cli_cmd_account_update,
    N_ ("change an account: ID [--name NAME] [--number NUMBER]") },
  { "account archive", cli_cmd_account_archive, N_ ("archive an account: ACCOUNT") },
  { "account history", cli_cmd_account_history, N_ ("an account’s stages with their causes: ID") },
  { "charter show", cli_cmd_charter_show, N_ ("a tandem’s charter: TEAM [--version N]") },
  { "charter set", cli_cmd_charter_set, N_ ("a new draft: TEAM AREA inside|field|shared") },
  { "charter confirm", cli_cmd_charter_confirm,
    N_ ("a member confirms the latest charter: TEAM --rep REP") },
  { "shadowing log", cli_cmd_shadowing_log,
    N_ ("log shadowing: --account ID --guest REP --host REP --minutes N [--at TIME] [--note "
        "TEXT]") },
  { "shadowing status", cli_cmd_shadowing_status,
    N_ ("per tandem: ride-along and sit-in done [--year YYYY] [--missing]") },
  { "support open", cli_cmd_support_open,
    N_ ("open a request: --account ID --owner REP --queue NAME [--due TIME] [--note TEXT]") },
  { "support list", cli_cmd_support_list,
    N_ ("open requests by due date [--queue NAME] [--overdue]") },
  { "support close", cli_cmd_support_close, N_ ("close a request: ID [--rep REP]") },
  { "lifecycle apply", cli_cmd_lifecycle_apply,
    N_ ("apply the lifecycle rules to every account [--at TIME]") },
  { "lifecycle", cli_cmd_lifecycle,
    N_ ("show or set the lifecycle rules [--regular-orders N] [--regular-months N] "
        "[--lost-after-days N]") },
  { "activity list", cli_cmd_activity_list, N_ ("list activities") },
  { "log", cli_cmd_log,
    N_ ("log an activity: KIND --account ID --rep ID [--amount AMOUNT] [--at TIME] [--ref REF]") },
  { "import", cli_cmd_import, N_ ("import activities from FILE (.csv or .json), all or none") },
  { "export", cli_cmd_export, N_ ("export activities [--format csv|json]") },
  { "approve", cli_cmd_approve, N_ ("approve a closed PERIOD for payment [--plan NAME]") },
  { "pay", cli_cmd_pay, N_ ("mark an approved PERIOD paid [--plan NAME]") },
  { "payroll setup", cli_cmd_payroll_setup,
    N_ ("store the [Payroll] group of FILE as the payroll profile [--from PERIOD]") },
  { "payroll show", cli_cmd_payroll_show, N_ ("the payroll profile [--at PERIOD]") },
  { "payroll export", cli_cmd_payroll_export,
    N_ ("one payroll run for an approved PERIOD: --format csv|lodas [--out FILE] [--plan "
        "NAME] [--again] [--dialect excel]") },
  { "dispute open", cli_cmd_dispute_open,
    N_ ("a rep disputes: --rep ID --period PERIOD [--plan NAME] [--activity ID] --reason TEXT") },
  { "dispute list", cli_cmd_dispute_list, N_ ("disputes, oldest first [--open]") },
  { "dispute resolve", cli_cmd_dispute_resolve,
    N_ ("ID --accept --amount AMOUNT --into PERIOD [--note TEXT], or --reject --note TEXT") },
  { "audit", cli_cmd_audit, N_ ("who wrote what, when [--since TIME]") },
  { "plan load", cli_cmd_plan_load, N_ ("store a compensation plan from FILE") },
  { "plan list", cli_cmd_plan_list, N_ ("list every version of every stored plan") },
  { "plan show", cli_cmd_plan_show, N_ ("print a plan’s file: NAME [--at PERIOD]") },
  { "plan default", cli_cmd_plan_default, N_ ("show or set the default plan: [NAME]") },
  { "team plan", cli_cmd_team_plan, N_ ("the plan a tandem follows: TEAM PLAN [--from PERIOD]") },
  { "target set", cli_cmd_target_set, N_ ("a tandem’s target for a period: TEAM PERIOD AMOUNT") },
  { "target ramp", cli_cmd_target_ramp, N_ ("ramped targets: TEAM --from PERIOD --steps 50%,75%") },
  { "target list", cli_cmd_target_list, N_ ("the targets set per period [TEAM]") },
  { "draw set", cli_cmd_draw_set,
    N_ ("a draw: REP --amount AMOUNT --from PERIOD [--until PERIOD] [--recoverable]") },
  { "draw list", cli_cmd_draw_list, N_ ("every draw and its balance") },
  { "rate set", cli_cmd_rate_set, N_ ("an exchange rate: FROM TO RATE --from TIME") },
  { "rate list", cli_cmd_rate_list, N_ ("the stored exchange rates") },
  { "settle", cli_cmd_settle, N_ ("settle PERIOD [--plan NAME]") },
  { "close", cli_cmd_close, N_ ("settle and freeze PERIOD [--plan NAME]") },
  { "statement", cli_cmd_statement,
    N_ ("one rep’s statement: REP PERIOD [--plan NAME] [--pdf FILE]") },
  { "statements", cli_cmd_statements,
    N_ ("every rep’s statement as PDF: PERIOD --dir DIR [--plan NAME]") },
  { "book-extract", cli_cmd_book_extract,
    N_ ("every business a rep earned on: REP --from PERIOD --until PERIOD --format csv|pdf "
        "[--out FILE] [--plan NAME]") },
  { "simulate", cli_cmd_simulate,
    N_ ("what a candidate plan would pay: PERIOD --plan FILE [--vs NAME]; writes nothing") },
  { "kpi", cli_cmd_kpi, N_ ("key figures per tandem: PERIOD [--plan NAME]") },
  { "report", cli_cmd_report, N_ ("a chart of PERIOD: --svg FILE or --pdf FILE [--plan NAME]") },
  { "demo", cli_cmd_demo, N_ ("fill the database with a sample and print a settlement report") },
};

/* The verb nearest to @typed (tandem_suggest): among the first words of
 * the verbs, or with @noun among that noun's verbs. NULL when none is
 * near. */
static char *
suggest_verb (const char *typed, const char *noun)
{
  g_autoptr (GPtrArray) candidates = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    {
      const char      *space = strchr (verbs[i].words, ' ');
      g_autofree char *first = space != NULL
                                   ? g_strndup (verbs[i].words, (gsize)(space - verbs[i].words))
                                   : g_strdup (verbs[i].words);

      if (noun != NULL)
        {
          if (strcmp (first, noun) == 0)
            g_ptr_array_add (candidates, g_strdup (verbs[i].words));
        }
      else if (!g_ptr_array_find_with_equal_func (candidates, first, g_str_equal, NULL))
        g_ptr_array_add (candidates, g_steal_pointer (&first));
    }
  g_ptr_array_add (candidates, NULL);
  return tandem_suggest (typed, (const char *const *)candidates->pdata);
}

static void
print_help (void)
{
  g_print (_ ("Usage:\n  tandem [--db PATH] [--json] [--quiet] VERB [ARGS…]\n\n"
              "Sales tandems: reps, accounts, activities and exact commission.\n\n"
              "Verbs:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    g_print ("  %-17s %s\n", verbs[i].words, _ (verbs[i].summary));
  g_print (_ ("\nGlobal options (before or after the verb):\n"
              "  --db PATH       the database (default: $TANDEM_DB, else ./tandem.db)\n"
              "  --json          machine-readable output on standard output\n"
              "  -q, --quiet     no progress or notes on standard error\n"
              "  --as NAME       who writes, for the audit trail (default: the user)\n"
              "  -h, --help      this help; “tandem VERB --help” for a verb\n"
              "  --version       the version\n\n"
              "Exit status: 0 on success, 1 on a usage error, 2 on bad input or data.\n"));
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
main (int argc, char *argv[])
{
  g_autoptr (GPtrArray) rest = g_ptr_array_new ();
  Cli         cli = { 0 };
  const char *env_db;
  int         status;

  setlocale (LC_ALL, "");
  /* TANDEM_LOCALEDIR lets the tests use the catalogues in the build tree */
  bindtextdomain (GETTEXT_PACKAGE,
                  g_getenv ("TANDEM_LOCALEDIR") ? g_getenv ("TANDEM_LOCALEDIR") : LOCALEDIR);
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
          return cli_usage_error (_ ("--db is given twice; give it once"));
        }

      if (strcmp (a, "--json") == 0)
        cli.json = TRUE;
      else if (strcmp (a, "--quiet") == 0 || strcmp (a, "-q") == 0)
        cli.quiet = TRUE;
      else if (strcmp (a, "--version") == 0 && rest->len == 1)
        cli.version = TRUE; /* after the verb it is the verb's (charter show --version N) */
      else if (strcmp (a, "--help") == 0 || strcmp (a, "-h") == 0)
        cli.help = TRUE;
      else if (strcmp (a, "--db") == 0)
        {
          if (i + 1 >= argc)
            return cli_usage_error (_ ("--db needs a PATH"));
          g_free (cli.db);
          cli.db = g_strdup (argv[++i]);
        }
      else if (g_str_has_prefix (a, "--db="))
        {
          g_free (cli.db);
          cli.db = g_strdup (a + strlen ("--db="));
        }
      else if (strcmp (a, "--as") == 0 || g_str_has_prefix (a, "--as="))
        {
          if (strcmp (a, "--as") == 0 && i + 1 >= argc)
            return cli_usage_error (_ ("--as needs a NAME"));
          g_free (cli.actor);
          cli.actor = g_strdup (strcmp (a, "--as") == 0 ? argv[++i] : a + strlen ("--as="));
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
      return cli_usage_error (_ ("--db needs a PATH, not an empty text"));
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
      g_free (cli.actor);
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
            g_print ("  %-17s %s\n", verbs[i].words, _ (verbs[i].summary));
          }
      if (n > 0 && !cli.help && rest->len > 3)
        {
          /* "rep ad": the nearest verb of the noun */
          g_autofree char *typed = g_strdup_printf ("%s %s", noun, (char *)rest->pdata[2]);
          g_autofree char *nearest = suggest_verb (typed, noun);

          if (nearest != NULL)
            status = cli_usage_error (_ ("unknown verb “%s”; did you mean “%s”?"), typed, nearest);
          else
            status = cli_usage_error (_ ("“%s” needs a verb, such as “%s list”"), noun, noun);
        }
      else if (n > 0)
        status = cli.help
                     ? 0
                     : cli_usage_error (_ ("“%s” needs a verb, such as “%s list”"), noun, noun);
      else
        {
          g_autofree char *nearest = suggest_verb (noun, NULL);

          if (nearest != NULL)
            status = cli_usage_error (_ ("unknown verb “%s”; did you mean “%s”?"), noun, nearest);
          else
            status = cli_usage_error (_ ("unknown verb “%s” (tandem --help lists them)"), noun);
        }
    }

  g_clear_object (&cli.store);
  g_clear_pointer (&cli.zone, g_time_zone_unref);
  g_free (cli.db);
  g_free (cli.db_shown);
  g_free (cli.actor);
  return status;
}
