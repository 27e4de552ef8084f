/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-cli-dispute.c: disputes (open, list, resolve) and the audit trail */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "tandem-cli.h"

int
cli_cmd_dispute_open (Cli *cli, int argc, char **argv)
{
  g_autofree char *rep_text = NULL;
  g_autofree char *period_text = NULL;
  g_autofree char *plan = NULL;
  g_autofree char *activity_text = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *resolved = NULL;
  GOptionEntry     entries[]
      = { { "rep", 0, 0, G_OPTION_ARG_STRING, &rep_text, N_ ("the rep who disputes"), "ID" },
          { "period", 0, 0, G_OPTION_ARG_STRING, &period_text, N_ ("the disputed period"),
            "PERIOD" },
          { "plan", 0, 0, G_OPTION_ARG_STRING, &plan,
            N_ ("the plan’s name (default: the default plan)"), "NAME" },
          { "activity", 0, 0, G_OPTION_ARG_STRING, &activity_text,
            N_ ("the activity whose lines are disputed"), "ID" },
          { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_ ("what is wrong"), "TEXT" },
          { NULL } };
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemRep) rep = NULL;
  g_autoptr (TandemPeriod) period = NULL;
  g_autoptr (TandemDispute) dispute = NULL;
  gint64 activity = 0;
  int status = cli_parse_options (cli, "dispute open", _ ("— a rep disputes a period"), entries,
                                  &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 1 || rep_text == NULL || period_text == NULL || reason == NULL)
    return cli_usage_error (_ ("dispute open needs --rep ID, --period PERIOD and --reason TEXT"));
  if ((period = tandem_period_parse (period_text, &error)) == NULL
      || (activity_text != NULL && !cli_parse_id ("--activity", activity_text, &activity, &error)))
    return cli_data_error (error);
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;
  if (!cli_get_rep (cli, "--rep", rep_text, &rep, &error)
      || (resolved = tandem_plan_resolve_name (cli->store, plan, &error)) == NULL
      || (dispute
          = tandem_dispute_open (cli->store, rep, resolved, period, activity, reason, &error))
             == NULL)
    return cli_data_error (error);
  cli_print_id (cli, tandem_dispute_get_id (dispute));
  return 0;
}

int
cli_cmd_dispute_list (Cli *cli, int argc, char **argv)
{
  gboolean     open_only = FALSE;
  GOptionEntry entries[]
      = { { "open", 0, 0, G_OPTION_ARG_NONE, &open_only, N_ ("only the open ones"), NULL },
          { NULL } };
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) disputes = NULL;
  GEnumClass *states;
  int status = cli_parse_options (cli, "dispute list", _ ("— disputes, oldest first"), entries,
                                  &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 1)
    return cli_usage_error (_ ("dispute list takes no positional arguments"));
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;
  if ((disputes = tandem_dispute_list (cli->store, open_only, &error)) == NULL)
    return cli_data_error (error);
  if (cli->json)
    {
      cli_print_model_json (disputes);
      return 0;
    }
  states = g_type_class_ref (TANDEM_TYPE_DISPUTE_STATE);
  for (guint i = 0; i < g_list_model_get_n_items (disputes); i++)
    {
      g_autoptr (TandemDispute) d = g_list_model_get_item (disputes, i);

      g_print ("#%" PRId64 "\t%s\t%s\t%s\t%s\t%s\n", tandem_dispute_get_id (d),
               tandem_rep_get_name (tandem_dispute_get_rep (d)), tandem_dispute_get_plan (d),
               tandem_dispute_get_period (d),
               g_enum_get_value (states, tandem_dispute_get_state (d))->value_nick,
               tandem_dispute_get_reason (d));
    }
  g_type_class_unref (states);
  return 0;
}

int
cli_cmd_dispute_resolve (Cli *cli, int argc, char **argv)
{
  gboolean         accept = FALSE;
  gboolean         reject = FALSE;
  g_autofree char *amount_text = NULL;
  g_autofree char *into_text = NULL;
  g_autofree char *note = NULL;
  GOptionEntry     entries[]
      = { { "accept", 0, 0, G_OPTION_ARG_NONE, &accept, N_ ("accept: adjust by --amount"), NULL },
          { "reject", 0, 0, G_OPTION_ARG_NONE, &reject, N_ ("reject, with --note"), NULL },
          { "amount", 0, 0, G_OPTION_ARG_STRING, &amount_text, N_ ("the adjustment"), "AMOUNT" },
          { "into", 0, 0, G_OPTION_ARG_STRING, &into_text,
            N_ ("the open period the adjustment goes into"), "PERIOD" },
          { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_ ("a note for the rep"), "TEXT" },
          { NULL } };
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemMoney) amount = NULL;
  g_autoptr (TandemPeriod) into = NULL;
  g_autoptr (TandemDispute) dispute = NULL;
  gint64 id;
  int status = cli_parse_options (cli, "dispute resolve ID", _ ("— accept or reject a dispute"),
                                  entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 2 || accept == reject)
    return cli_usage_error (_ ("dispute resolve needs ID and one of --accept or --reject"));
  if (accept && (amount_text == NULL || into_text == NULL))
    return cli_usage_error (_ ("dispute resolve --accept needs --amount AMOUNT and --into PERIOD"));
  if (reject && note == NULL)
    return cli_usage_error (_ ("dispute resolve --reject needs --note TEXT"));
  if (!cli_parse_id ("ID", argv[1], &id, &error)
      || (accept
          && ((amount = cli_parse_money (amount_text, &error)) == NULL
              || (into = tandem_period_parse (into_text, &error)) == NULL)))
    return cli_data_error (error);
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;
  dispute = accept ? tandem_dispute_accept (cli->store, id, amount, into, note, &error)
                   : tandem_dispute_reject (cli->store, id, note, &error);
  if (dispute == NULL)
    return cli_data_error (error);
  if (cli->json)
    cli_print_object (G_OBJECT (dispute));
  else if (!cli->quiet)
    g_printerr (
        accept ? _ ("Dispute #%" PRId64 " accepted\n") : _ ("Dispute #%" PRId64 " rejected\n"), id);
  return 0;
}

int
cli_cmd_audit (Cli *cli, int argc, char **argv)
{
  g_autofree char *since_text = NULL;
  GOptionEntry     entries[] = { { "since", 0, 0, G_OPTION_ARG_STRING, &since_text,
                                   N_ ("only entries from TIME on"), "TIME" },
                                 { NULL } };
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) since = NULL;
  g_autoptr (GListModel) entries_model = NULL;
  int status = cli_parse_options (cli, "audit", _ ("— who wrote what, when, oldest first"), entries,
                                  &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 1)
    return cli_usage_error (_ ("audit takes no positional arguments"));
  if (since_text != NULL && (since = cli_parse_time (cli, "--since", since_text, &error)) == NULL)
    return cli_data_error (error);
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;
  if ((entries_model = tandem_audit_entry_list (cli->store, since, &error)) == NULL)
    return cli_data_error (error);
  if (cli->json)
    {
      cli_print_model_json (entries_model);
      return 0;
    }
  for (guint i = 0; i < g_list_model_get_n_items (entries_model); i++)
    {
      g_autoptr (TandemAuditEntry) e = g_list_model_get_item (entries_model, i);
      g_autofree char *at = cli_local_time (cli, tandem_audit_entry_get_at (e));

      g_print ("%s\t%s\t%s\t%s\n", at, tandem_audit_entry_get_who (e),
               tandem_audit_entry_get_verb (e), tandem_audit_entry_get_what (e));
    }
  return 0;
}
