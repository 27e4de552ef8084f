/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-cli-settle.c: settling: settle, close, statement, and their tables */

#include "config.h"

#include <gio/gunixoutputstream.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "tandem-cli.h"

#define N_KINDS (TANDEM_LINE_KIND_SPIFF + 1)

/* The open disputes of @rep about the settlement's period and plan. */
static GPtrArray *
open_disputes (Cli *cli, TandemSettlement *settlement, TandemRep *rep)
{
  g_autoptr (GListModel) all = tandem_dispute_list (cli->store, TRUE, NULL);
  g_autofree char *label = tandem_period_to_string (tandem_settlement_get_period (settlement));
  GPtrArray       *out = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; all != NULL && i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr (TandemDispute) d = g_list_model_get_item (all, i);

      if (tandem_rep_get_id (tandem_dispute_get_rep (d)) == tandem_rep_get_id (rep)
          && g_str_equal (tandem_dispute_get_period (d), label)
          && g_str_equal (tandem_dispute_get_plan (d),
                          tandem_settlement_get_plan_name (settlement)))
        g_ptr_array_add (out, g_steal_pointer (&d));
    }
  return out;
}

/* The state as the tables show it. */
static const char *
state_text (TandemSettlementState state)
{
  switch (state)
    {
    case TANDEM_SETTLEMENT_STATE_DRAFT:
      return _ ("draft");
    case TANDEM_SETTLEMENT_STATE_CLOSED:
      return _ ("closed");
    case TANDEM_SETTLEMENT_STATE_APPROVED:
      return _ ("approved");
    case TANDEM_SETTLEMENT_STATE_PAID:
    default:
      return _ ("paid");
    }
}

typedef enum
{
  STEP_SETTLE,
  STEP_CLOSE,
  STEP_APPROVE,
  STEP_PAY,
} Step;

/* settle, close, approve and pay: one period, one step */
static int
settle_step (Cli *cli, int argc, char **argv, Step step)
{
  static const char *const usage[]
      = { "settle PERIOD", "close PERIOD", "approve PERIOD", "pay PERIOD" };
  const char *const summaries[] = {
    _ ("— settle a period (2026-11, 2026-Q4, 2026)"),
    _ ("— settle a period and freeze it"),
    _ ("— approve a closed period for payment"),
    _ ("— mark an approved period paid"),
  };
  g_autofree char *plan_name = NULL;
  GOptionEntry     entries[] = { { "plan", 0, 0, G_OPTION_ARG_STRING, &plan_name,
                                   N_ ("the plan’s name (default: the default plan)"), "NAME" },
                                 { NULL } };
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemPlan) plan = NULL;
  g_autoptr (TandemPeriod) period = NULL;
  g_autoptr (TandemSettlement) settlement = NULL;
  int status = cli_parse_options (cli, usage[step], summaries[step], entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 2)
    return cli_usage_error (_ ("%s needs one PERIOD"), argv[0]);
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;
  if ((plan = cli_plan_for_period (cli, plan_name, argv[1], &period, &error)) == NULL)
    return cli_data_error (error);

  cli_progress_start (cli);
  settlement = step == STEP_CLOSE     ? tandem_settlement_close (cli->store, plan, period, &error)
               : step == STEP_APPROVE ? tandem_settlement_approve (cli->store, plan, period, &error)
               : step == STEP_PAY     ? tandem_settlement_pay (cli->store, plan, period, &error)
                                      : tandem_settlement_new (cli->store, plan, period, &error);
  cli_progress_stop (cli);
  if (settlement == NULL)
    return cli_data_error (error);
  if (step == STEP_CLOSE || step == STEP_APPROVE)
    cli_warn_unmapped (cli, settlement);

  if ((step == STEP_APPROVE || step == STEP_PAY) && !cli->json)
    {
      const char *who = NULL;

      tandem_settlement_get_transition (settlement, tandem_settlement_get_state (settlement), &who,
                                        NULL);
      g_print (step == STEP_APPROVE ? _ ("Period %s of plan “%s” approved by %s\n")
                                    : _ ("Period %s of plan “%s” paid by %s\n"),
               argv[1], tandem_plan_get_name (plan), who);
      return 0;
    }

  if (cli->json)
    {
      /* written as it goes: a month of a large store never becomes one
       * string in memory */
      g_autoptr (GOutputStream) out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);

      fflush (stdout);
      if (!tandem_settlement_write_json (settlement, out, NULL, &error)
          || !g_output_stream_write_all (out, "\n", 1, NULL, NULL, &error))
        return cli_data_error (error);
    }
  else if (!cli_print_report (cli, settlement, &error))
    return cli_data_error (error);
  return 0;
}

int
cli_cmd_settle (Cli *cli, int argc, char **argv)
{
  return settle_step (cli, argc, argv, STEP_SETTLE);
}

int
cli_cmd_approve (Cli *cli, int argc, char **argv)
{
  return settle_step (cli, argc, argv, STEP_APPROVE);
}

int
cli_cmd_pay (Cli *cli, int argc, char **argv)
{
  return settle_step (cli, argc, argv, STEP_PAY);
}

int
cli_cmd_close (Cli *cli, int argc, char **argv)
{
  return settle_step (cli, argc, argv, STEP_CLOSE);
}

/* A statement asked of a plan the rep is not paid under: names the plan
 * the rep's tandem follows and the command that shows it. */
static int
cli_wrong_plan (Cli *cli, TandemRep *rep, TandemPlan *plan, TandemPeriod *period, const char *label)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) teams = tandem_store_list_teams (cli->store, &error);

  for (guint i = 0; teams != NULL && i < g_list_model_get_n_items (teams); i++)
    {
      g_autoptr (TandemTeam) team = g_list_model_get_item (teams, i);
      TandemRep       *inside = tandem_team_get_inside_rep (team);
      TandemRep       *field = tandem_team_get_field_rep (team);
      g_autofree char *follows = NULL;
      g_autofree char *quoted = NULL;

      if ((inside == NULL || tandem_rep_get_id (inside) != tandem_rep_get_id (rep))
          && (field == NULL || tandem_rep_get_id (field) != tandem_rep_get_id (rep)))
        continue;
      follows = tandem_plan_get_for_team (cli->store, team, period, &error);
      if (follows == NULL)
        break;
      quoted = g_shell_quote (follows);
      g_printerr (_ ("tandem: rep “%s” is not paid under plan “%s” in %s: tandem “%s” follows "
                     "plan “%s” (tandem statement %" PRId64 " %s --plan %s)\n"),
                  tandem_rep_get_name (rep), tandem_plan_get_name (plan), label,
                  tandem_team_get_name (team), follows, tandem_rep_get_id (rep), label, quoted);
      return EXIT_DATA;
    }
  if (error != NULL)
    return cli_data_error (error);
  g_printerr (_ ("tandem: rep “%s” is not paid under plan “%s” in %s: the rep is in no tandem "
                 "that follows it\n"),
              tandem_rep_get_name (rep), tandem_plan_get_name (plan), label);
  return EXIT_DATA;
}

int
cli_cmd_statement (Cli *cli, int argc, char **argv)
{
  g_autofree char *plan_name = NULL;
  g_autofree char *pdf = NULL;
  GOptionEntry     entries[] = { { "plan", 0, 0, G_OPTION_ARG_STRING, &plan_name,
                                   N_ ("the plan’s name (default: the default plan)"), "NAME" },
                                 { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf,
                                   N_ ("write the statement as an A4 PDF to FILE"), "FILE" },
                                 { NULL } };
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemPlan) plan = NULL;
  g_autoptr (TandemPeriod) period = NULL;
  g_autoptr (TandemSettlement) settlement = NULL;
  g_autoptr (TandemRep) rep = NULL;
  gint64 rep_id;
  int    status = cli_parse_options (cli, "statement REP PERIOD",
                                     _ ("— one rep’s lines with "
                                           "explanations"),
                                     entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 3)
    return cli_usage_error (_ ("statement needs REP and PERIOD"));
  if (!cli_parse_id ("REP", argv[1], &rep_id, &error))
    return cli_data_error (error);
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;
  if ((rep = tandem_store_get_rep (cli->store, rep_id, &error)) == NULL
      || (plan = cli_plan_for_period (cli, plan_name, argv[2], &period, &error)) == NULL
      || (settlement = tandem_settlement_new (cli->store, plan, period, &error)) == NULL)
    return cli_data_error (error);
  if (!tandem_settlement_includes_rep (settlement, rep))
    return cli_wrong_plan (cli, rep, plan, period, argv[2]);

  if (pdf != NULL)
    return cli_write_statement_pdf (settlement, rep, pdf, &error) ? 0 : cli_data_error (error);
  cli_print_statement (cli, settlement, rep);
  return 0;
}

gboolean
cli_print_report (Cli *cli, TandemSettlement *settlement, GError **error)
{
  static const char *headers[N_KINDS] = {
    N_ ("Commission"), N_ ("Accelerator"), N_ ("Team bonus"), N_ ("Referral"),  N_ ("Clawback"),
    N_ ("Cap"),        N_ ("Adjust."),     N_ ("Draw"),       N_ ("Draw rec."), N_ ("SPIF"),
  };
  g_autoptr (GListModel) reps = tandem_settlement_get_reps (settlement);
  g_autoptr (GListModel) teams = tandem_settlement_get_team_results (settlement);
  g_autoptr (TandemMoney) total = tandem_settlement_get_total (settlement);
  g_autofree char   *period = tandem_period_to_string (tandem_settlement_get_period (settlement));
  g_autofree char   *total_text = cli_money (total);
  gint64             column_totals[N_KINDS] = { 0 };
  gboolean           shown[N_KINDS] = { FALSE };
  g_autofree gint64 *sums = NULL;
  g_autofree gint64 *rep_totals = NULL;
  guint              n_reps;
  const char        *cur = tandem_money_get_currency (total);
  g_autoptr (GString) out = g_string_new (NULL);

  g_string_append_printf (out, _ ("Settlement %s, plan %s (%s), in %s\n\n"), period,
                          tandem_settlement_get_plan_name (settlement),
                          state_text (tandem_settlement_get_state (settlement)),
                          tandem_money_get_currency (total));
  /* the draw columns only when the settlement has draw lines */
  n_reps = g_list_model_get_n_items (reps);
  sums = g_new0 (gint64, (gsize)MAX (n_reps, 1) * N_KINDS);
  rep_totals = g_new0 (gint64, MAX (n_reps, 1));
  for (guint i = 0; i < n_reps; i++)
    {
      g_autoptr (TandemRep) rep = g_list_model_get_item (reps, i);
      g_autoptr (GListModel) lines = tandem_settlement_get_lines_for_rep (settlement, rep);

      for (guint l = 0; l < g_list_model_get_n_items (lines); l++)
        {
          g_autoptr (TandemPayoutLine) line = g_list_model_get_item (lines, l);
          gint64 amount = tandem_money_get_minor_units (tandem_payout_line_get_amount (line));
          guint  k = tandem_payout_line_get_kind (line);

          shown[k] = TRUE;
          if (!cli_add_checked (&sums[i * N_KINDS + k], amount, tandem_rep_get_name (rep), error)
              || !cli_add_checked (&rep_totals[i], amount, tandem_rep_get_name (rep), error))
            return FALSE;
        }
    }
  for (guint k = 0; k <= TANDEM_LINE_KIND_ADJUSTMENT; k++)
    shown[k] = TRUE;

  cli_pad (out, _ ("Rep"), 22, FALSE);
  cli_pad (out, _ ("Role"), 8, FALSE);
  for (guint k = 0; k < N_KINDS; k++)
    if (shown[k])
      cli_pad (out, _ (headers[k]), 12, TRUE);
  cli_pad (out, _ ("Total"), 12, TRUE);
  g_string_append_c (out, '\n');

  for (guint i = 0; i < n_reps; i++)
    {
      g_autoptr (TandemRep) rep = g_list_model_get_item (reps, i);
      g_autofree char *t = NULL;

      cli_pad (out, tandem_rep_get_name (rep), 22, FALSE);
      cli_pad (out, tandem_role_to_nick (tandem_rep_get_role (rep)), 8, FALSE);
      for (guint k = 0; k < N_KINDS; k++)
        {
          g_autofree char *cell = cli_amount_cell (sums[i * N_KINDS + k], cur);

          if (shown[k])
            cli_pad (out, cell, 12, TRUE);
          if (!cli_add_checked (&column_totals[k], sums[i * N_KINDS + k], _ ("A column total"),
                                error))
            return FALSE;
        }
      t = cli_amount_cell (rep_totals[i], cur);
      cli_pad (out, t, 12, TRUE);
      g_string_append_c (out, '\n');
    }

  cli_pad (out, _ ("Total"), 30, FALSE);
  for (guint k = 0; k < N_KINDS; k++)
    {
      g_autofree char *cell = cli_amount_cell (column_totals[k], cur);

      if (shown[k])
        cli_pad (out, cell, 12, TRUE);
    }
  {
    g_autofree char *cell = cli_amount_cell (tandem_money_get_minor_units (total), cur);
    cli_pad (out, cell, 12, TRUE);
  }
  g_string_append (out, "\n\n");

  cli_pad (out, _ ("Tandem"), 22, FALSE);
  cli_pad (out, _ ("Revenue"), 14, TRUE);
  cli_pad (out, _ ("Target"), 14, TRUE);
  cli_pad (out, _ ("Attainment"), 12, TRUE);
  cli_pad (out, _ ("Payout"), 14, TRUE);
  g_string_append_c (out, '\n');
  for (guint i = 0; i < g_list_model_get_n_items (teams); i++)
    {
      g_autoptr (TandemTeamResult) r = g_list_model_get_item (teams, i);
      g_autofree char *revenue
          = tandem_money_to_locale_string (tandem_team_result_get_revenue (r), FALSE);
      g_autofree char *target
          = tandem_team_result_get_target (r)
                ? tandem_money_to_locale_string (tandem_team_result_get_target (r), FALSE)
                : g_strdup ("–");
      g_autofree char *payout
          = tandem_money_to_locale_string (tandem_team_result_get_payout (r), FALSE);
      int              att = tandem_team_result_get_attainment (r);
      g_autofree char *att_text = att >= 0 ? cli_percent_cell (att) : g_strdup ("–");

      cli_pad (out, tandem_team_get_name (tandem_team_result_get_team (r)), 22, FALSE);
      cli_pad (out, revenue, 14, TRUE);
      cli_pad (out, target, 14, TRUE);
      cli_pad (out, att_text, 12, TRUE);
      cli_pad (out, payout, 14, TRUE);
      g_string_append_c (out, '\n');
    }

  g_string_append_printf (out, _ ("\nTotal payout: %s\n"), total_text);
  {
    g_autoptr (TandemMoney) held = tandem_settlement_get_held (settlement);
    g_autofree char *held_text = cli_money (held);

    if (tandem_money_get_minor_units (held) != 0)
      g_string_append_printf (out, _ ("Held until the customers pay (not in the total): %s\n"),
                              held_text);
  }
  g_print ("%s", out->str);
  return TRUE;
}

void
cli_print_statement (Cli *cli, TandemSettlement *settlement, TandemRep *rep)
{
  g_autoptr (GListModel) lines = tandem_settlement_get_lines_for_rep (settlement, rep);
  g_autoptr (TandemMoney) total = tandem_settlement_get_total_for_rep (settlement, rep);
  g_autofree char *period = tandem_period_to_string (tandem_settlement_get_period (settlement));
  g_autofree char *total_text = tandem_money_to_string (total);
  g_autoptr (TandemMoney) held = tandem_settlement_get_held_for_rep (settlement, rep);
  g_autofree char *held_text = tandem_money_to_string (held);
  g_autofree char *shown_total = cli_money (total);
  g_autofree char *shown_held = cli_money (held);
  GEnumClass      *kinds = g_type_class_ref (TANDEM_TYPE_LINE_KIND);
  g_autoptr (GPtrArray) disputes = open_disputes (cli, settlement, rep);

  if (cli->json)
    {
      g_autoptr (TandemJsonWriter) s = cli_json_writer ();

      /* line by line: each explanation is written, printed and freed */
      tandem_json_writer_begin_object (s);
      cli_json_int (s, "rep", tandem_rep_get_id (rep));
      cli_json_string (s, "name", tandem_rep_get_name (rep));
      cli_json_string (s, "period", period);
      cli_json_string (s, "total", total_text);
      cli_json_string (s, "held", held_text);
      tandem_json_writer_member (s, "lines");
      tandem_json_writer_begin_array (s);
      for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
        {
          g_autoptr (JsonBuilder) b = json_builder_new ();
          g_autoptr (TandemPayoutLine) line = g_list_model_get_item (lines, i);
          g_autofree char *amount = tandem_money_to_string (tandem_payout_line_get_amount (line));

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "kind");
          json_builder_add_string_value (
              b, g_enum_get_value (kinds, tandem_payout_line_get_kind (line))->value_nick);
          json_builder_set_member_name (b, "amount");
          json_builder_add_string_value (b, amount);
          json_builder_set_member_name (b, "activity");
          if (tandem_payout_line_get_activity_id (line) > 0)
            json_builder_add_int_value (b, tandem_payout_line_get_activity_id (line));
          else
            json_builder_add_null_value (b);
          json_builder_set_member_name (b, "explanation");
          json_builder_add_string_value (b, tandem_payout_line_get_explanation (line));
          json_builder_end_object (b);
          cli_json_builder (s, b);
        }
      tandem_json_writer_end_array (s);
      tandem_json_writer_member (s, "disputes");
      tandem_json_writer_begin_array (s);
      for (guint i = 0; i < disputes->len; i++)
        {
          g_autoptr (JsonBuilder) b = json_builder_new ();

          cli_add_properties (b, disputes->pdata[i]);
          cli_json_builder (s, b);
        }
      tandem_json_writer_end_array (s);
      tandem_json_writer_end_object (s);
      cli_json_end (s);
      g_type_class_unref (kinds);
      return;
    }

  g_print (_ ("Statement for %s (%s), %s, plan %s (%s)\n\n"), tandem_rep_get_name (rep),
           tandem_role_to_nick (tandem_rep_get_role (rep)), period,
           tandem_settlement_get_plan_name (settlement),
           state_text (tandem_settlement_get_state (settlement)));
  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr (TandemPayoutLine) line = g_list_model_get_item (lines, i);
      g_autofree char *amount
          = tandem_money_to_locale_string (tandem_payout_line_get_amount (line), FALSE);
      g_autoptr (GString) row = g_string_new (NULL);

      cli_pad (row, g_enum_get_value (kinds, tandem_payout_line_get_kind (line))->value_nick, 16,
               FALSE);
      cli_pad (row, amount, 12, TRUE);
      g_print ("%s  %s\n", row->str, tandem_payout_line_get_explanation (line));
    }
  g_print (_ ("\nTotal: %s\n"), shown_total);
  if (tandem_money_get_minor_units (held) != 0)
    g_print (_ ("Held until the customers pay (not in the total): %s\n"), shown_held);
  for (guint i = 0; i < disputes->len; i++)
    {
      TandemDispute *d = disputes->pdata[i];

      if (i == 0)
        g_print (_ ("\nOpen disputes:\n"));
      if (tandem_dispute_get_activity_id (d) > 0)
        g_print (_ ("  #%" PRId64 " (activity #%" PRId64 "): %s\n"), tandem_dispute_get_id (d),
                 tandem_dispute_get_activity_id (d), tandem_dispute_get_reason (d));
      else
        g_print ("  #%" PRId64 ": %s\n", tandem_dispute_get_id (d), tandem_dispute_get_reason (d));
    }
  g_type_class_unref (kinds);
}
