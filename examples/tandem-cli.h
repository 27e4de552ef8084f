/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-cli.h: shared parts of the tandem command */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <tandem.h>

G_BEGIN_DECLS

typedef struct
{
  char        *db;
  char        *db_shown; /* db as messages show it: a URI without its password */
  gboolean     json;
  gboolean     quiet;
  gboolean     help;
  gboolean     verb_help;
  gboolean     version;
  TandemStore *store;
  gpointer     progress;
  gulong       progress_handler;
} Cli;

/* Parses a verb's options; returns -1 to go on, else an exit status. */
int         cli_parse_options (Cli          *cli,
                               const char   *usage,
                               const char   *summary,
                               GOptionEntry *entries,
                               int          *argc,
                               char       ***argv);
int         cli_open_store (Cli     *cli,
                            gboolean create);
TandemPlan *cli_find_plan (Cli        *cli,
                           const char *name,
                           GError    **error);
char       *cli_money (TandemMoney *money);
/* Prints @node pretty, with a newline. */
void       cli_print_json (JsonNode *node);
gboolean   cli_parse_percent (const char *option,
                              const char *text,
                              guint      *bp,
                              GError    **error);
GDateTime *cli_parse_time (const char *what,
                           const char *text,
                           GError    **error);
void       cli_progress_start (Cli *cli);
void       cli_progress_stop (Cli *cli);

/* tandem-cli-list.c */
int cli_cmd_rep_list (Cli *cli, int argc, char **argv);
int cli_cmd_team_list (Cli *cli, int argc, char **argv);
int cli_cmd_account_list (Cli *cli, int argc, char **argv);
int cli_cmd_activity_list (Cli *cli, int argc, char **argv);
int cli_cmd_plan_list (Cli *cli, int argc, char **argv);

/* tandem-cli-report.c */
void     cli_pad (GString    *out,
                  const char *text,
                  int         width,
                  gboolean    right);
char    *cli_amount_cell (gint64      minor,
                          const char *currency);
gboolean cli_add_checked (gint64     *sum,
                          gint64      value,
                          const char *what,
                          GError    **error);
gboolean cli_print_report (Cli              *cli,
                           TandemSettlement *settlement,
                           GError          **error);
void     cli_print_statement (Cli              *cli,
                              TandemSettlement *settlement,
                              TandemRep        *rep);

/* tandem-cli-chart.c */
int cli_cmd_report (Cli *cli, int argc, char **argv);

/* tandem-cli-method.c */
int cli_cmd_rep_tag (Cli *cli, int argc, char **argv);
int cli_cmd_match (Cli *cli, int argc, char **argv);
int cli_cmd_classify (Cli *cli, int argc, char **argv);
int cli_cmd_cleanup (Cli *cli, int argc, char **argv);

/* tandem-cli-kpi.c */
int  cli_cmd_kpi (Cli *cli, int argc, char **argv);
int  cli_cmd_lifecycle (Cli *cli, int argc, char **argv);
int  cli_cmd_lifecycle_apply (Cli *cli, int argc, char **argv);
int  cli_cmd_account_history (Cli *cli, int argc, char **argv);
void cli_print_kpis (Cli        *cli,
                     const char *period,
                     GListModel *kpis);

/* tandem-cli-demo.c */
int cli_cmd_demo (Cli *cli, int argc, char **argv);

G_END_DECLS
