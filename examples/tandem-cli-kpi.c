/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-cli-kpi.c: tandem kpi, tandem lifecycle, tandem account history */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "tandem-cli.h"

/* Basis points as a percentage with two decimals, or a dash for -1
 * (nothing to divide by). */
static char *
bp_cell (int bp)
{
  if (bp == -1)
    return g_strdup ("–");
  return g_strdup_printf ("%s%d.%02d%%", bp < 0 ? "-" : "", ABS (bp) / 100, ABS (bp) % 100);
}

static void
print_json (JsonBuilder *b)
{
  g_autoptr (JsonNode) root = json_builder_get_root (b);

  cli_print_json (root);
}

static void
add_money (JsonBuilder *b,
           const char  *name,
           TandemMoney *money)
{
  json_builder_set_member_name (b, name);
  if (money == NULL)
    json_builder_add_null_value (b);
  else
    {
      g_autofree char *text = tandem_money_to_string (money);
      json_builder_add_string_value (b, text);
    }
}

static void
add_bp (JsonBuilder *b,
        const char  *name,
        int          bp)
{
  json_builder_set_member_name (b, name);
  if (bp == -1)
    json_builder_add_null_value (b);
  else
    json_builder_add_int_value (b, bp);
}

static void
add_uint (JsonBuilder *b,
          const char  *name,
          guint        value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

static void
add_conversion (JsonBuilder      *b,
                TandemConversion *c)
{
  json_builder_set_member_name (b, "conversion");
  json_builder_begin_object (b);
  add_uint (b, "prospects", tandem_conversion_get_prospects (c));
  add_uint (b, "won", tandem_conversion_get_won (c));
  add_bp (b, "win-rate-bp", tandem_conversion_get_win_rate (c));
  add_uint (b, "customers", tandem_conversion_get_customers (c));
  add_uint (b, "promoted", tandem_conversion_get_promoted (c));
  add_bp (b, "promotion-rate-bp", tandem_conversion_get_promotion_rate (c));
  add_uint (b, "active", tandem_conversion_get_active (c));
  add_uint (b, "lost", tandem_conversion_get_lost (c));
  add_bp (b, "loss-rate-bp", tandem_conversion_get_loss_rate (c));
  add_uint (b, "won-back", tandem_conversion_get_won_back (c));
  json_builder_end_object (b);
}

static void
print_kpis_json (const char *period,
                 const char *plan,
                 GListModel *kpis)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (GEnumClass) kinds = g_type_class_ref (TANDEM_TYPE_ACTIVITY_KIND);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "period");
  json_builder_add_string_value (b, period);
  json_builder_set_member_name (b, "plan");
  json_builder_add_string_value (b, plan);
  json_builder_set_member_name (b, "tandems");
  json_builder_begin_array (b);
  for (guint i = 0; i < g_list_model_get_n_items (kpis); i++)
    {
      g_autoptr (TandemKpi) k = g_list_model_get_item (kpis, i);
      g_autoptr (TandemMoney) revenue = tandem_kpi_get_revenue (k);
      g_autoptr (TandemMoney) target = tandem_kpi_get_target (k);
      g_autoptr (TandemMoney) cross_up = tandem_kpi_get_cross_up_revenue (k);
      g_autoptr (TandemMoney) inside = tandem_kpi_get_inside_revenue (k);
      TandemTeam *team = tandem_kpi_get_team (k);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "team");
      json_builder_add_int_value (b, tandem_team_get_id (team));
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, tandem_team_get_name (team));
      add_money (b, "revenue", revenue);
      add_money (b, "target", target);
      add_bp (b, "attainment-bp", tandem_kpi_get_attainment (k));
      add_uint (b, "new-customers", tandem_kpi_get_new_customers (k));
      add_money (b, "cross-up-revenue", cross_up);
      add_bp (b, "cross-up-share-bp", tandem_kpi_get_cross_up_share (k));
      add_uint (b, "referrals-collected", tandem_kpi_get_referrals_collected (k));
      add_uint (b, "referrals-converted", tandem_kpi_get_referrals_converted (k));
      add_money (b, "inside-revenue", inside);
      add_bp (b, "inside-share-bp", tandem_kpi_get_inside_share (k));
      json_builder_set_member_name (b, "activities");
      json_builder_begin_object (b);
      for (guint v = 0; v < kinds->n_values; v++)
        add_uint (b, kinds->values[v].value_nick, tandem_kpi_get_activity_count (k, kinds->values[v].value));
      json_builder_end_object (b);
      add_conversion (b, tandem_kpi_get_conversion (k));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  print_json (b);
}

void
cli_print_kpis (Cli        *cli,
                const char *period,
                GListModel *kpis)
{
  static const TandemActivityKind shown[] = {
    TANDEM_ACTIVITY_KIND_CALL, TANDEM_ACTIVITY_KIND_VISIT, TANDEM_ACTIVITY_KIND_APPOINTMENT,
    TANDEM_ACTIVITY_KIND_OFFER, TANDEM_ACTIVITY_KIND_ORDER, TANDEM_ACTIVITY_KIND_CROSS_SELL,
    TANDEM_ACTIVITY_KIND_UP_SELL, TANDEM_ACTIVITY_KIND_SHADOWING, TANDEM_ACTIVITY_KIND_SUPPORT,
    TANDEM_ACTIVITY_KIND_REVERSAL
  };
  g_autoptr (GString) out = g_string_new (NULL);

  g_string_append_printf (out, _ ("Key figures per tandem, %s\n\n"), period);
  cli_pad (out, _ ("Tandem"), 10, FALSE);
  cli_pad (out, _ ("Revenue"), 13, TRUE);
  cli_pad (out, _ ("Attain."), 9, TRUE);
  cli_pad (out, _ ("New"), 5, TRUE);
  cli_pad (out, _ ("Win rate"), 10, TRUE);
  cli_pad (out, _ ("X/up"), 9, TRUE);
  cli_pad (out, _ ("Inside"), 9, TRUE);
  cli_pad (out, _ ("Referrals"), 11, TRUE);
  cli_pad (out, _ ("Regular"), 9, TRUE);
  cli_pad (out, _ ("Lost"), 6, TRUE);
  g_string_append_c (out, '\n');

  for (guint i = 0; i < g_list_model_get_n_items (kpis); i++)
    {
      g_autoptr (TandemKpi) k = g_list_model_get_item (kpis, i);
      g_autoptr (TandemMoney) revenue = tandem_kpi_get_revenue (k);
      TandemConversion *c = tandem_kpi_get_conversion (k);
      g_autofree char  *rev = tandem_money_to_display_string (revenue, FALSE);
      g_autofree char  *att = bp_cell (tandem_kpi_get_attainment (k));
      g_autofree char  *won = g_strdup_printf ("%u", tandem_kpi_get_new_customers (k));
      g_autofree char  *win = bp_cell (tandem_conversion_get_win_rate (c));
      g_autofree char  *xup = bp_cell (tandem_kpi_get_cross_up_share (k));
      g_autofree char  *ins = bp_cell (tandem_kpi_get_inside_share (k));
      g_autofree char  *refs = g_strdup_printf ("%u / %u", tandem_kpi_get_referrals_collected (k), tandem_kpi_get_referrals_converted (k));
      g_autofree char  *reg = g_strdup_printf ("%u", tandem_conversion_get_promoted (c));
      g_autofree char  *lost = g_strdup_printf ("%u", tandem_conversion_get_lost (c));

      cli_pad (out, tandem_team_get_name (tandem_kpi_get_team (k)), 10, FALSE);
      cli_pad (out, rev, 13, TRUE);
      cli_pad (out, att, 9, TRUE);
      cli_pad (out, won, 5, TRUE);
      cli_pad (out, win, 10, TRUE);
      cli_pad (out, xup, 9, TRUE);
      cli_pad (out, ins, 9, TRUE);
      cli_pad (out, refs, 11, TRUE);
      cli_pad (out, reg, 9, TRUE);
      cli_pad (out, lost, 6, TRUE);
      g_string_append_c (out, '\n');
    }
  g_string_append (out, _ ("\nNew: prospects won as customers; X/up: cross- and up-sell share of revenue;\n"
                           "Inside: the inside rep’s share of revenue; Referrals: collected / converted;\n"
                           "Regular: customers who became regular; Lost: accounts lost.\n"));

  g_string_append_printf (out, _ ("\nActivities per tandem, %s\n\n"), period);
  cli_pad (out, _ ("Tandem"), 10, FALSE);
  for (guint s = 0; s < G_N_ELEMENTS (shown); s++)
    cli_pad (out, tandem_activity_kind_to_nick (shown[s]), s == 2 ? 12 : 11, TRUE);
  g_string_append_c (out, '\n');
  for (guint i = 0; i < g_list_model_get_n_items (kpis); i++)
    {
      g_autoptr (TandemKpi) k = g_list_model_get_item (kpis, i);

      cli_pad (out, tandem_team_get_name (tandem_kpi_get_team (k)), 10, FALSE);
      for (guint s = 0; s < G_N_ELEMENTS (shown); s++)
        {
          g_autofree char *n = g_strdup_printf ("%u", tandem_kpi_get_activity_count (k, shown[s]));
          cli_pad (out, n, s == 2 ? 12 : 11, TRUE);
        }
      g_string_append_c (out, '\n');
    }
  g_print ("%s", out->str);
  (void)cli;
}

int
cli_cmd_kpi (Cli   *cli,
             int    argc,
             char **argv)
{
  g_autofree char *plan_name = NULL;
  GOptionEntry     entries[] = {
        { "plan", 0, 0, G_OPTION_ARG_STRING, &plan_name, N_ ("the plan whose currency and time zone cut the period (default: the only stored plan)"), "NAME" },
        { NULL }
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemPlan) plan = NULL;
  g_autoptr (TandemPeriod) period = NULL;
  g_autoptr (GListModel) kpis = NULL;
  g_autofree char *label = NULL;
  int              status = cli_parse_options (cli, "kpi PERIOD", _ ("— key figures per tandem: revenue, attainment, new customers, shares, referrals, activities"),
                                               entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 2)
    {
      g_printerr (_ ("tandem: kpi needs one PERIOD, such as 2026-11, 2026-Q4 or 2026\n"));
      return 1;
    }
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;
  if ((plan = cli_find_plan (cli, plan_name, &error)) == NULL || (period = tandem_period_parse (argv[1], &error)) == NULL || (kpis = tandem_store_compute_kpis (cli->store, plan, period, &error)) == NULL)
    {
      g_printerr ("tandem: %s\n", error->message);
      return 2;
    }

  label = tandem_period_to_string (period);
  if (cli->json)
    print_kpis_json (label, tandem_plan_get_name (plan), kpis);
  else
    cli_print_kpis (cli, label, kpis);
  return 0;
}

static gboolean
parse_count (const char *option,
             const char *text,
             guint      *out,
             GError    **error)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT, &value, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _ ("%s: “%s” is not a whole number of 0 or more"), option, text);
      return FALSE;
    }
  *out = (guint)value;
  return TRUE;
}

int
cli_cmd_lifecycle (Cli   *cli,
                   int    argc,
                   char **argv)
{
  g_autofree char *orders_text = NULL;
  g_autofree char *months_text = NULL;
  g_autofree char *lost_text = NULL;
  GOptionEntry     entries[] = {
        { "regular-orders", 0, 0, G_OPTION_ARG_STRING, &orders_text, N_ ("orders within the window that make a regular customer (0: never)"), "N" },
        { "regular-months", 0, 0, G_OPTION_ARG_STRING, &months_text, N_ ("the window in months (1–120)"), "N" },
        { "lost-after-days", 0, 0, G_OPTION_ARG_STRING, &lost_text, N_ ("days without an order after which a customer is lost (0: never)"), "N" },
        { NULL }
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemLifecycleRules) rules = NULL;
  guint value;
  int   status = cli_parse_options (cli, "lifecycle", _ ("— show the account lifecycle rules, or change them"), entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 1)
    {
      g_printerr (_ ("tandem: lifecycle takes no positional arguments\n"));
      return 1;
    }
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;
  if ((rules = tandem_store_get_lifecycle_rules (cli->store, &error)) == NULL)
    goto fail;

  if (orders_text != NULL || months_text != NULL || lost_text != NULL)
    {
      if (orders_text != NULL)
        {
          if (!parse_count ("--regular-orders", orders_text, &value, &error))
            goto fail;
          tandem_lifecycle_rules_set_regular_orders (rules, value);
        }
      if (months_text != NULL)
        {
          if (!parse_count ("--regular-months", months_text, &value, &error))
            goto fail;
          tandem_lifecycle_rules_set_regular_months (rules, value);
        }
      if (lost_text != NULL)
        {
          if (!parse_count ("--lost-after-days", lost_text, &value, &error))
            goto fail;
          tandem_lifecycle_rules_set_lost_after_days (rules, value);
        }
      if (!tandem_store_set_lifecycle_rules (cli->store, rules, &error))
        goto fail;
    }

  if (cli->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();

      json_builder_begin_object (b);
      add_uint (b, "regular-orders", tandem_lifecycle_rules_get_regular_orders (rules));
      add_uint (b, "regular-months", tandem_lifecycle_rules_get_regular_months (rules));
      add_uint (b, "lost-after-days", tandem_lifecycle_rules_get_lost_after_days (rules));
      json_builder_end_object (b);
      print_json (b);
    }
  else
    g_print (_ ("Regular customer: %u orders within %u months\n"
                "Lost: no order for more than %u days\n"),
             tandem_lifecycle_rules_get_regular_orders (rules), tandem_lifecycle_rules_get_regular_months (rules),
             tandem_lifecycle_rules_get_lost_after_days (rules));
  return 0;

fail:
  g_printerr ("tandem: %s\n", error->message);
  return 2;
}

static void
print_changes (Cli        *cli,
               GListModel *changes)
{
  if (cli->json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < g_list_model_get_n_items (changes); i++)
        {
          g_autoptr (TandemStageChange) c = g_list_model_get_item (changes, i);
          g_autofree char *at = g_date_time_format_iso8601 (tandem_stage_change_get_changed_at (c));

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "account");
          json_builder_add_int_value (b, tandem_stage_change_get_account_id (c));
          json_builder_set_member_name (b, "stage");
          json_builder_add_string_value (b, tandem_account_stage_to_nick (tandem_stage_change_get_stage (c)));
          json_builder_set_member_name (b, "changed-at");
          json_builder_add_string_value (b, at);
          json_builder_set_member_name (b, "cause");
          json_builder_add_string_value (b, tandem_stage_cause_to_nick (tandem_stage_change_get_cause (c)));
          json_builder_set_member_name (b, "activity");
          if (tandem_stage_change_get_activity_id (c) > 0)
            json_builder_add_int_value (b, tandem_stage_change_get_activity_id (c));
          else
            json_builder_add_null_value (b);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      print_json (b);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (changes); i++)
    {
      g_autoptr (TandemStageChange) c = g_list_model_get_item (changes, i);
      g_autofree char *at = g_date_time_format (tandem_stage_change_get_changed_at (c), "%Y-%m-%d %H:%M");
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, tandem_stage_change_get_activity_id (c));
      /* TRANSLATORS: the order that caused a stage change, by its id */
      g_autofree char *order = tandem_stage_change_get_activity_id (c) > 0 ? g_strdup_printf (_ ("  (activity %s)"), id)
                                                                           : g_strdup ("");

      g_print ("%s  %" G_GINT64_FORMAT "  %-9s %s%s\n", at, tandem_stage_change_get_account_id (c),
               tandem_account_stage_to_nick (tandem_stage_change_get_stage (c)),
               tandem_stage_cause_to_nick (tandem_stage_change_get_cause (c)), order);
    }
}

int
cli_cmd_lifecycle_apply (Cli   *cli,
                         int    argc,
                         char **argv)
{
  g_autofree char *at_text = NULL;
  GOptionEntry     entries[] = {
        { "at", 0, 0, G_OPTION_ARG_STRING, &at_text, N_ ("judge as of this time (default: now)"), "TIME" },
        { NULL }
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) at = NULL;
  g_autoptr (GListModel) changes = NULL;
  int status = cli_parse_options (cli, "lifecycle apply", _ ("— apply the lifecycle rules to every account, recording losses"),
                                  entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 1)
    {
      g_printerr (_ ("tandem: lifecycle apply takes no positional arguments\n"));
      return 1;
    }
  if (at_text != NULL && (at = cli_parse_time ("--at", at_text, &error)) == NULL)
    goto fail;
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;
  if ((changes = tandem_store_apply_lifecycle (cli->store, at, &error)) == NULL)
    goto fail;
  print_changes (cli, changes);
  return 0;

fail:
  g_printerr ("tandem: %s\n", error->message);
  return 2;
}

int
cli_cmd_account_history (Cli   *cli,
                         int    argc,
                         char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemAccount) account = NULL;
  g_autoptr (GListModel) changes = NULL;
  guint64 id;
  int     status = cli_parse_options (cli, "account history ID", _ ("— an account’s stages with their causes"), NULL, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 2)
    {
      g_printerr (_ ("tandem: account history needs one account ID\n"));
      return 1;
    }
  if (!g_ascii_string_to_unsigned (argv[1], 10, 1, G_MAXINT64, &id, NULL))
    {
      g_printerr (_ ("tandem: “%s” is not an id\n"), argv[1]);
      return 2;
    }
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;
  if ((account = tandem_store_get_account (cli->store, (gint64)id, &error)) == NULL || (changes = tandem_store_list_stage_changes (cli->store, account, &error)) == NULL)
    {
      g_printerr ("tandem: %s\n", error->message);
      return 2;
    }
  print_changes (cli, changes);
  return 0;
}
