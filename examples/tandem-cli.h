/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-cli.h: shared parts of the tandem command */

#pragma once

#include <gio/gio.h>
#include <inttypes.h>
#include <json-glib/json-glib.h>
#include <tandem.h>

G_BEGIN_DECLS

typedef struct
{
  char        *db;
  char        *db_shown; /* db as messages show it: a URI without its password */
  char        *actor;    /* --as NAME: who approves and pays */
  gboolean     json;
  gboolean     quiet;
  gboolean     help;
  gboolean     verb_help;
  gboolean     version;
  TandemStore *store;
  GTimeZone   *zone; /* the store's, once read */
  gpointer     progress;
  gulong       progress_handler;
} Cli;

#define EXIT_USAGE 1
#define EXIT_DATA 2

/* tandem-cli.c: shared parts */

/* Prints "tandem: MESSAGE" and a hint; returns EXIT_USAGE. */
int cli_usage_error (const char *format, ...) G_GNUC_PRINTF (1, 2);
/* Prints @error's message; returns EXIT_DATA. */
int cli_data_error (GError *error);
/* Parses a verb's options; returns -1 to go on, else an exit status. */
int          cli_parse_options (Cli          *cli,
                                const char   *usage,
                                const char   *summary,
                                GOptionEntry *entries,
                                int          *argc,
                                char       ***argv);
int          cli_open_store (Cli *cli, gboolean create);
TandemPlan  *cli_find_plan (Cli *cli, const char *name, GError **error);
char        *cli_money (TandemMoney *money);
char        *cli_money_short (TandemMoney *money);
TandemMoney *cli_parse_money (const char *text, GError **error);
/* The command's JSON goes through the library's writer, to standard
 * output (tandem-cli-json.c): cli_json_writer() makes one, cli_json_end()
 * finishes the document with a line break (FALSE, said on stderr, when
 * standard output failed). A json-glib tree built for one element is
 * written with cli_json_node() or cli_json_builder(). */
TandemJsonWriter *cli_json_writer (void);
gboolean          cli_json_end (TandemJsonWriter *w);
void              cli_json_node (TandemJsonWriter *w, JsonNode *node);
void              cli_json_builder (TandemJsonWriter *w, JsonBuilder *b);
/* A member and its value. */
void cli_json_string (TandemJsonWriter *w, const char *name, const char *value);
void cli_json_int (TandemJsonWriter *w, const char *name, gint64 value);
/* Prints @node as one document, with a newline. */
void cli_print_json (JsonNode *node);
/* Prints what @b built. */
void cli_print_builder (JsonBuilder *b);
void cli_add_uint (JsonBuilder *b, const char *name, guint value);
/* Prints a new row's id (or {"id": N} with --json). */
void     cli_print_id (Cli *cli, gint64 id);
gboolean cli_parse_id (const char *what, const char *text, gint64 *id, GError **error);
/* The stored rep with the id in @text. */
gboolean cli_get_rep (Cli        *cli,
                      const char *what,
                      const char *text,
                      TandemRep **rep,
                      GError    **error);
/* The stored tandem or account with the id in @text. */
TandemTeam    *cli_get_team (Cli *cli, const char *text, GError **error);
TandemAccount *cli_get_account (Cli *cli, const char *what, const char *text, GError **error);
gboolean       cli_parse_percent (const char *option, const char *text, guint *bp, GError **error);
GDateTime     *cli_parse_time (Cli *cli, const char *what, const char *text, GError **error);
/* The store's time zone (opening the store), and a time in it as tables show it. */
GTimeZone *cli_time_zone (Cli *cli, GError **error);
char      *cli_local_time (Cli *cli, GDateTime *t);
void       cli_progress_start (Cli *cli);
void       cli_progress_stop (Cli *cli);
/* Lists: an aligned table, or with --json an array of objects whose keys
 * are the objects' property names. */
void cli_add_properties (JsonBuilder *b, GObject *object);
void cli_print_model_json (GListModel *model);
/* One object, with --json: its properties as cli_print_model_json() writes them. */
void cli_print_object (GObject *object);
int  cli_simple_list (Cli        *cli,
                      int         argc,
                      char      **argv,
                      const char *usage,
                      GListModel *(*list) (TandemStore *, GError **),
                      void (*row) (gpointer item));
/* Tables */
long     cli_width (const char *text);
void     cli_pad (GString *out, const char *text, int width, gboolean right);
char    *cli_amount_cell (gint64 minor, const char *currency);
char    *cli_percent_cell (int bp);
gboolean cli_add_checked (gint64 *sum, gint64 value, const char *what, GError **error);

/* The verbs, one file per noun */
int cli_cmd_init (Cli *cli, int argc, char **argv);
int cli_cmd_config (Cli *cli, int argc, char **argv);

/* tandem-cli-rep.c */
int cli_cmd_rep_add (Cli *cli, int argc, char **argv);
int cli_cmd_rep_list (Cli *cli, int argc, char **argv);
int cli_cmd_rep_tag (Cli *cli, int argc, char **argv);
int cli_cmd_rep_archive (Cli *cli, int argc, char **argv);
int cli_cmd_rep_update (Cli *cli, int argc, char **argv);

/* tandem-cli-team.c */
int cli_cmd_team_add (Cli *cli, int argc, char **argv);
int cli_cmd_team_list (Cli *cli, int argc, char **argv);
int cli_cmd_team_update (Cli *cli, int argc, char **argv);
int cli_cmd_team_members (Cli *cli, int argc, char **argv);
int cli_cmd_team_history (Cli *cli, int argc, char **argv);
int cli_cmd_team_archive (Cli *cli, int argc, char **argv);

/* tandem-cli-account.c */
int cli_cmd_account_add (Cli *cli, int argc, char **argv);
int cli_cmd_account_list (Cli *cli, int argc, char **argv);
int cli_cmd_account_update (Cli *cli, int argc, char **argv);
int cli_cmd_account_history (Cli *cli, int argc, char **argv);
int cli_cmd_account_archive (Cli *cli, int argc, char **argv);
int cli_cmd_lifecycle (Cli *cli, int argc, char **argv);
int cli_cmd_lifecycle_apply (Cli *cli, int argc, char **argv);

/* tandem-cli-activity.c */
int cli_cmd_log (Cli *cli, int argc, char **argv);
int cli_cmd_activity_list (Cli *cli, int argc, char **argv);
int cli_cmd_import (Cli *cli, int argc, char **argv);
int cli_cmd_export (Cli *cli, int argc, char **argv);

/* tandem-cli-plan.c */
int cli_cmd_plan_load (Cli *cli, int argc, char **argv);
int cli_cmd_plan_list (Cli *cli, int argc, char **argv);
int cli_cmd_plan_show (Cli *cli, int argc, char **argv);
int cli_cmd_plan_default (Cli *cli, int argc, char **argv);
int cli_cmd_team_plan (Cli *cli, int argc, char **argv);
int cli_cmd_target_set (Cli *cli, int argc, char **argv);
int cli_cmd_target_ramp (Cli *cli, int argc, char **argv);
int cli_cmd_target_list (Cli *cli, int argc, char **argv);
int cli_cmd_draw_set (Cli *cli, int argc, char **argv);
int cli_cmd_draw_list (Cli *cli, int argc, char **argv);
int cli_cmd_rate_set (Cli *cli, int argc, char **argv);
int cli_cmd_rate_list (Cli *cli, int argc, char **argv);
/* The version of plan @name (NULL: the only one) in effect in the period
 * @label, which *period gets. */
TandemPlan *cli_plan_for_period (Cli           *cli,
                                 const char    *name,
                                 const char    *label,
                                 TandemPeriod **period,
                                 GError       **error);

/* tandem-cli-settle.c */
int cli_cmd_settle (Cli *cli, int argc, char **argv);
int cli_cmd_close (Cli *cli, int argc, char **argv);
int cli_cmd_approve (Cli *cli, int argc, char **argv);
int cli_cmd_pay (Cli *cli, int argc, char **argv);

/* tandem-cli-payroll.c */
int  cli_cmd_payroll_export (Cli *cli, int argc, char **argv);
int  cli_cmd_payroll_setup (Cli *cli, int argc, char **argv);
int  cli_cmd_payroll_show (Cli *cli, int argc, char **argv);
void cli_warn_unmapped (Cli *cli, TandemSettlement *settlement);

int      cli_cmd_dispute_open (Cli *cli, int argc, char **argv);
int      cli_cmd_dispute_list (Cli *cli, int argc, char **argv);
int      cli_cmd_dispute_resolve (Cli *cli, int argc, char **argv);
int      cli_cmd_audit (Cli *cli, int argc, char **argv);
int      cli_cmd_statement (Cli *cli, int argc, char **argv);
int      cli_cmd_statements (Cli *cli, int argc, char **argv);
int      cli_cmd_book_extract (Cli *cli, int argc, char **argv);
int      cli_cmd_simulate (Cli *cli, int argc, char **argv);
gboolean cli_write_statement_pdf (TandemSettlement *settlement,
                                  TandemRep        *rep,
                                  const char       *path,
                                  GError          **error);
gboolean cli_print_report (Cli *cli, TandemSettlement *settlement, GError **error);
void     cli_print_statement (Cli *cli, TandemSettlement *settlement, TandemRep *rep);

/* tandem-cli-method.c */
int cli_cmd_match (Cli *cli, int argc, char **argv);
int cli_cmd_classify (Cli *cli, int argc, char **argv);
int cli_cmd_cleanup (Cli *cli, int argc, char **argv);
int cli_cmd_charter_show (Cli *cli, int argc, char **argv);
int cli_cmd_charter_set (Cli *cli, int argc, char **argv);
int cli_cmd_charter_confirm (Cli *cli, int argc, char **argv);
int cli_cmd_shadowing_log (Cli *cli, int argc, char **argv);
int cli_cmd_shadowing_status (Cli *cli, int argc, char **argv);
int cli_cmd_support_open (Cli *cli, int argc, char **argv);
int cli_cmd_support_list (Cli *cli, int argc, char **argv);
int cli_cmd_support_close (Cli *cli, int argc, char **argv);

/* tandem-cli-report.c */
int  cli_cmd_report (Cli *cli, int argc, char **argv);
int  cli_cmd_kpi (Cli *cli, int argc, char **argv);
void cli_print_kpis (Cli *cli, const char *period, GListModel *kpis);

/* tandem-cli-demo.c */
int cli_cmd_demo (Cli *cli, int argc, char **argv);

G_END_DECLS
