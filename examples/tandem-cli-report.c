/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-cli-report.c: the report verbs: `tandem kpi PERIOD`, the key
 * figures per tandem, and `tandem report PERIOD --svg FILE`, a chart of a
 * settlement drawn with cairo's SVG surface: one stacked bar per rep (its
 * payout by line kind, negative kinds to the left of zero) and one bar per
 * tandem showing its attainment against the 100% mark. */

#include "config.h"

#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "tandem-cli.h"

#define N_KINDS (TANDEM_LINE_KIND_DRAW_RECOVERY + 1)
#define WIDTH 960.0
#define LEFT 190.0
#define RIGHT 40.0
#define ROW 26.0
#define BAR 18.0

/* The outline every rep bar gets, so that a reader (or a test) can count
 * the bars: dark grey, 20% on each channel. */
#define OUTLINE_GREY 0.2

static const double kind_colours[N_KINDS][3] = {
  { 0.20, 0.47, 0.73 }, /* commission */
  { 0.55, 0.35, 0.75 }, /* accelerator */
  { 0.30, 0.65, 0.35 }, /* team bonus */
  { 0.95, 0.65, 0.15 }, /* referral bonus */
  { 0.85, 0.25, 0.20 }, /* clawback */
  { 0.50, 0.50, 0.50 }, /* cap */
  { 0.75, 0.75, 0.75 }, /* adjustment */
  { 0.40, 0.75, 0.80 }, /* draw */
  { 0.60, 0.40, 0.30 }, /* draw recovery */
};

static const char *kind_labels[N_KINDS] = {
  N_ ("commission"), N_ ("accelerator"), N_ ("team bonus"), N_ ("referral bonus"), N_ ("clawback"),
  N_ ("cap"),        N_ ("adjustment"),  N_ ("draw"),       N_ ("draw recovery"),
};

static void
text_at (cairo_t *cr, double x, double y, const char *text, gboolean right)
{
  cairo_text_extents_t ext;

  cairo_text_extents (cr, text, &ext);
  cairo_move_to (cr, right ? x - ext.x_advance : x, y);
  cairo_show_text (cr, text);
}

static gboolean
draw_chart (TandemSettlement *settlement, const char *path, GError **error)
{
  g_autoptr (GListModel) reps = tandem_settlement_get_reps (settlement);
  g_autoptr (GListModel) teams = tandem_settlement_get_team_results (settlement);
  g_autofree char   *period = tandem_period_to_string (tandem_settlement_get_period (settlement));
  guint              n_reps = g_list_model_get_n_items (reps);
  guint              n_teams = g_list_model_get_n_items (teams);
  g_autofree gint64 *sums = g_new0 (gint64, (gsize)MAX (n_reps, 1) * N_KINDS);
  double             teams_top = 90 + n_reps * ROW + 70;
  double             height = teams_top + n_teams * ROW + 60;
  gint64             max_pos = 1, max_neg = 0;
  int                max_att = 10000;
  double             scale, zero_x, plot = WIDTH - LEFT - RIGHT;
  cairo_surface_t   *surface;
  cairo_t           *cr;
  cairo_status_t     status;

  for (guint i = 0; i < n_reps; i++)
    {
      g_autoptr (TandemRep) rep = g_list_model_get_item (reps, i);
      g_autoptr (GListModel) lines = tandem_settlement_get_lines_for_rep (settlement, rep);
      gint64 pos = 0, neg = 0;

      for (guint l = 0; l < g_list_model_get_n_items (lines); l++)
        {
          g_autoptr (TandemPayoutLine) line = g_list_model_get_item (lines, l);

          if (!cli_add_checked (&sums[i * N_KINDS + tandem_payout_line_get_kind (line)],
                                tandem_money_get_minor_units (tandem_payout_line_get_amount (line)),
                                tandem_rep_get_name (rep), error))
            return FALSE;
        }
      for (guint k = 0; k < N_KINDS; k++)
        {
          gint64 v = sums[i * N_KINDS + k];

          if (!cli_add_checked (v > 0 ? &pos : &neg, v > 0 ? v : -v, tandem_rep_get_name (rep),
                                error))
            return FALSE;
        }
      max_pos = MAX (max_pos, pos);
      max_neg = MAX (max_neg, neg);
    }

  for (guint i = 0; i < n_teams; i++)
    {
      g_autoptr (TandemTeamResult) r = g_list_model_get_item (teams, i);
      max_att = MAX (max_att, tandem_team_result_get_attainment (r));
    }

  /* room for the total after the longest bar */
  scale = (plot - 120) / (double)(max_pos + max_neg);
  zero_x = LEFT + max_neg * scale;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   _ ("%s is a directory: name a file such as chart.svg"), path);
      return FALSE;
    }

  surface = cairo_svg_surface_create (path, WIDTH, height);
  cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size (cr, 18);
  cairo_set_source_rgb (cr, 0, 0, 0);
  {
    g_autofree char *title = g_strdup_printf (_ ("Settlement %s, plan %s: payout per rep"), period,
                                              tandem_settlement_get_plan_name (settlement));
    text_at (cr, 20, 32, title, FALSE);
  }
  cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 11);

  /* legend */
  for (guint k = 0; k < N_KINDS; k++)
    {
      double x = 20 + k * 130;

      cairo_set_source_rgb (cr, kind_colours[k][0], kind_colours[k][1], kind_colours[k][2]);
      cairo_rectangle (cr, x, 46, 12, 12);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0, 0, 0);
      text_at (cr, x + 16, 56, _ (kind_labels[k]), FALSE);
    }

  /* one stacked bar per rep */
  for (guint i = 0; i < n_reps; i++)
    {
      g_autoptr (TandemRep) rep = g_list_model_get_item (reps, i);
      g_autoptr (TandemMoney) total = tandem_settlement_get_total_for_rep (settlement, rep);
      g_autofree char *total_text = cli_money (total);
      double           y = 80 + i * ROW;
      double           right = zero_x, left = zero_x;

      cairo_set_source_rgb (cr, 0, 0, 0);
      text_at (cr, LEFT - 10, y + 13, tandem_rep_get_name (rep), TRUE);

      for (guint k = 0; k < N_KINDS; k++)
        {
          gint64 v = sums[i * N_KINDS + k];
          double w = (v < 0 ? -v : v) * scale;

          if (v == 0)
            continue;
          cairo_set_source_rgb (cr, kind_colours[k][0], kind_colours[k][1], kind_colours[k][2]);
          if (v > 0)
            {
              cairo_rectangle (cr, right, y, w, BAR);
              right += w;
            }
          else
            {
              left -= w;
              cairo_rectangle (cr, left, y, w, BAR);
            }
          cairo_fill (cr);
        }

      cairo_set_source_rgb (cr, OUTLINE_GREY, OUTLINE_GREY, OUTLINE_GREY);
      cairo_set_line_width (cr, 1);
      cairo_rectangle (cr, left, y, MAX (right - left, 1), BAR);
      cairo_stroke (cr);

      cairo_set_source_rgb (cr, 0, 0, 0);
      text_at (cr, MIN (right + 6, WIDTH - 120), y + 13, total_text, FALSE);
    }

  /* the zero line */
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, zero_x, 72);
  cairo_line_to (cr, zero_x, 80 + n_reps * ROW);
  cairo_stroke (cr);

  /* attainment per tandem */
  cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size (cr, 16);
  text_at (cr, 20, teams_top - 24, _ ("Attainment per tandem (revenue against target)"), FALSE);
  cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 11);
  for (guint i = 0; i < n_teams; i++)
    {
      g_autoptr (TandemTeamResult) r = g_list_model_get_item (teams, i);
      int              att = tandem_team_result_get_attainment (r);
      double           y = teams_top + i * ROW;
      double           w = att > 0 ? att * (plot - 80) / max_att : 0;
      g_autofree char *label = att >= 0 ? g_strdup_printf ("%d.%02d%%", att / 100, att % 100)
                                        : g_strdup (_ ("no target"));

      cairo_set_source_rgb (cr, 0, 0, 0);
      text_at (cr, LEFT - 10, y + 13, tandem_team_get_name (tandem_team_result_get_team (r)), TRUE);
      if (att >= 10000)
        cairo_set_source_rgb (cr, 0.30, 0.65, 0.35);
      else
        cairo_set_source_rgb (cr, 0.95, 0.65, 0.15);
      cairo_rectangle (cr, LEFT, y, w, BAR);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0, 0, 0);
      text_at (cr, MIN (LEFT + w + 6, WIDTH - 80), y + 13, label, FALSE);
    }
  /* the 100% mark */
  cairo_set_source_rgb (cr, 0.85, 0.25, 0.20);
  cairo_set_line_width (cr, 2);
  cairo_move_to (cr, LEFT + 10000 * (plot - 80) / max_att, teams_top - 6);
  cairo_line_to (cr, LEFT + 10000 * (plot - 80) / max_att, teams_top + n_teams * ROW);
  cairo_stroke (cr);

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  /* drop cairo's font caches so that leak checkers see a clean exit */
  cairo_debug_reset_static_data ();

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _ ("%s: could not write the chart (%s)"),
                   path, cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

int
cli_cmd_report (Cli *cli, int argc, char **argv)
{
  g_autofree char *plan_name = NULL;
  g_autofree char *svg = NULL;
  GOptionEntry     entries[]
      = { { "plan", 0, 0, G_OPTION_ARG_STRING, &plan_name,
            N_ ("the plan’s name (default: the default plan)"), "NAME" },
          { "svg", 0, 0, G_OPTION_ARG_FILENAME, &svg, N_ ("write the chart to FILE"), "FILE" },
          { NULL } };
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemPlan) plan = NULL;
  g_autoptr (TandemPeriod) period = NULL;
  g_autoptr (TandemSettlement) settlement = NULL;
  int status = cli_parse_options (cli, "report PERIOD", _ ("— a chart of a settlement as SVG"),
                                  entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 2)
    {
      g_printerr (_ ("tandem: report needs one PERIOD\n"));
      return 1;
    }
  if (svg == NULL)
    {
      g_printerr (_ ("tandem: report needs --svg FILE\n"));
      return 1;
    }
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;
  if ((plan = cli_plan_for_period (cli, plan_name, argv[1], &period, &error)) == NULL
      || (settlement = tandem_settlement_new (cli->store, plan, period, &error)) == NULL
      || !draw_chart (settlement, svg, &error))
    {
      g_printerr ("tandem: %s\n", error->message);
      return 2;
    }
  if (!cli->quiet)
    g_printerr (_ ("Chart written to %s\n"), svg);
  return 0;
}

/* ------------------------------------------------------------------ */
/* Key figures                                                         */

/* Basis points as a percentage with two decimals, or a dash for -1
 * (nothing to divide by). */
static char *
bp_cell (int bp)
{
  return cli_percent_cell (bp);
}

static void
add_money (JsonBuilder *b, const char *name, TandemMoney *money)
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
add_bp (JsonBuilder *b, const char *name, int bp)
{
  json_builder_set_member_name (b, name);
  if (bp == -1)
    json_builder_add_null_value (b);
  else
    json_builder_add_int_value (b, bp);
}

static void
add_conversion (JsonBuilder *b, TandemConversion *c)
{
  json_builder_set_member_name (b, "conversion");
  json_builder_begin_object (b);
  cli_add_uint (b, "prospects", tandem_conversion_get_prospects (c));
  cli_add_uint (b, "won", tandem_conversion_get_won (c));
  add_bp (b, "win-rate-bp", tandem_conversion_get_win_rate (c));
  cli_add_uint (b, "customers", tandem_conversion_get_customers (c));
  cli_add_uint (b, "promoted", tandem_conversion_get_promoted (c));
  add_bp (b, "promotion-rate-bp", tandem_conversion_get_promotion_rate (c));
  cli_add_uint (b, "active", tandem_conversion_get_active (c));
  cli_add_uint (b, "lost", tandem_conversion_get_lost (c));
  add_bp (b, "loss-rate-bp", tandem_conversion_get_loss_rate (c));
  cli_add_uint (b, "won-back", tandem_conversion_get_won_back (c));
  json_builder_end_object (b);
}

static void
print_kpis_json (const char *period, const char *plan, GListModel *kpis)
{
  g_autoptr (GEnumClass) kinds = g_type_class_ref (TANDEM_TYPE_ACTIVITY_KIND);
  g_autoptr (TandemJsonWriter) s = cli_json_writer ();

  /* one tandem at a time */
  tandem_json_writer_begin_object (s);
  cli_json_string (s, "period", period);
  cli_json_string (s, "plan", plan);
  tandem_json_writer_member (s, "tandems");
  tandem_json_writer_begin_array (s);
  for (guint i = 0; i < g_list_model_get_n_items (kpis); i++)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
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
      cli_add_uint (b, "new-customers", tandem_kpi_get_new_customers (k));
      add_money (b, "cross-up-revenue", cross_up);
      add_bp (b, "cross-up-share-bp", tandem_kpi_get_cross_up_share (k));
      cli_add_uint (b, "referrals-collected", tandem_kpi_get_referrals_collected (k));
      cli_add_uint (b, "referrals-converted", tandem_kpi_get_referrals_converted (k));
      add_money (b, "inside-revenue", inside);
      add_bp (b, "inside-share-bp", tandem_kpi_get_inside_share (k));
      json_builder_set_member_name (b, "activities");
      json_builder_begin_object (b);
      for (guint v = 0; v < kinds->n_values; v++)
        cli_add_uint (b, kinds->values[v].value_nick,
                      tandem_kpi_get_activity_count (k, kinds->values[v].value));
      json_builder_end_object (b);
      add_conversion (b, tandem_kpi_get_conversion (k));
      json_builder_end_object (b);
      cli_json_builder (s, b);
    }
  tandem_json_writer_end_array (s);
  tandem_json_writer_end_object (s);
  cli_json_end (s);
}

void
cli_print_kpis (Cli *cli, const char *period, GListModel *kpis)
{
  static const TandemActivityKind shown[]
      = { TANDEM_ACTIVITY_KIND_CALL,        TANDEM_ACTIVITY_KIND_VISIT,
          TANDEM_ACTIVITY_KIND_APPOINTMENT, TANDEM_ACTIVITY_KIND_OFFER,
          TANDEM_ACTIVITY_KIND_ORDER,       TANDEM_ACTIVITY_KIND_CROSS_SELL,
          TANDEM_ACTIVITY_KIND_UP_SELL,     TANDEM_ACTIVITY_KIND_SHADOWING,
          TANDEM_ACTIVITY_KIND_SUPPORT,     TANDEM_ACTIVITY_KIND_REVERSAL };
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
      g_autofree char  *rev = tandem_money_to_locale_string (revenue, FALSE);
      g_autofree char  *att = bp_cell (tandem_kpi_get_attainment (k));
      g_autofree char  *won = g_strdup_printf ("%u", tandem_kpi_get_new_customers (k));
      g_autofree char  *win = bp_cell (tandem_conversion_get_win_rate (c));
      g_autofree char  *xup = bp_cell (tandem_kpi_get_cross_up_share (k));
      g_autofree char  *ins = bp_cell (tandem_kpi_get_inside_share (k));
      g_autofree char  *refs = g_strdup_printf ("%u / %u", tandem_kpi_get_referrals_collected (k),
                                                tandem_kpi_get_referrals_converted (k));
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
  g_string_append (
      out, _ ("\nNew: prospects won as customers; X/up: cross- and up-sell share of revenue;\n"
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
cli_cmd_kpi (Cli *cli, int argc, char **argv)
{
  g_autofree char *plan_name = NULL;
  GOptionEntry     entries[] = { { "plan", 0, 0, G_OPTION_ARG_STRING, &plan_name,
                                   N_ ("the plan whose currency and time zone cut the "
                                           "period (default: the default plan)"),
                                   "NAME" },
                                 { NULL } };
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemPlan) plan = NULL;
  g_autoptr (TandemPeriod) period = NULL;
  g_autoptr (GListModel) kpis = NULL;
  g_autofree char *label = NULL;
  int              status = cli_parse_options (cli, "kpi PERIOD",
                                               _ ("— key figures per tandem: revenue, "
                                                               "attainment, new "
                                                               "customers, shares, referrals, "
                                                               "activities"),
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
  if ((plan = cli_find_plan (cli, plan_name, &error)) == NULL
      || (period = tandem_period_parse (argv[1], &error)) == NULL
      || (kpis = tandem_kpi_compute (cli->store, plan, period, &error)) == NULL)
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
