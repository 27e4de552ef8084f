/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-cli-report.c: the report verbs: `tandem kpi PERIOD`, the key
 * figures per tandem, and `tandem report PERIOD --svg FILE` (or --pdf), a
 * chart of a settlement (tandem-cli-chart.c writes it): one stacked bar per
 * rep (its payout by line kind, negative kinds to the left of zero) with
 * a scale, and one bar per tandem showing its attainment against the 100%
 * mark. Labels sit where no bar or mark is. */

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "tandem-cli.h"
#include "tandem-cli-chart.h"

#define N_KINDS (TANDEM_LINE_KIND_SPIFF + 1)
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
  { 0.90, 0.45, 0.65 }, /* SPIF */
};

static const char *kind_labels[N_KINDS] = {
  N_ ("commission"), N_ ("accelerator"), N_ ("team bonus"), N_ ("referral bonus"), N_ ("clawback"),
  N_ ("cap"),        N_ ("adjustment"),  N_ ("draw"),       N_ ("draw recovery"),  N_ ("SPIF"),
};

#define FONT 11.0
#define SMALL 10.0
#define MARGIN 20.0

static const double black[3] = { 0, 0, 0 };
static const double outline_grey[3] = { OUTLINE_GREY, OUTLINE_GREY, OUTLINE_GREY };
static const double red[3] = { 0.85, 0.25, 0.20 };
static const double green[3] = { 0.30, 0.65, 0.35 };
static const double orange[3] = { 0.95, 0.65, 0.15 };

/* A step of 1, 2 or 5 times a power of ten, at least @raw. */
static gint64
nice_step (double raw)
{
  double p = 1;

  if (raw <= 1)
    return 1;
  while (p * 10 <= raw)
    p *= 10;
  if (raw <= p)
    return (gint64)p;
  if (raw <= 2 * p)
    return (gint64)(2 * p);
  if (raw <= 5 * p)
    return (gint64)(5 * p);
  return (gint64)(10 * p);
}

typedef char *(*TickText) (gint64 value, gpointer data);

/* An axis under the rows from @lo to @hi (in the chart's units, drawn at
 * x0 + value * scale): ticks at a step whose labels do not touch, each
 * label centred under its tick. Returns the y below the labels. */
static double
draw_axis (CliChart *chart,
           double    x0,
           double    scale,
           gint64    lo,
           gint64    hi,
           double    y,
           TickText  text_of,
           gpointer  data)
{
  gint64 step = nice_step ((hi - lo) / 5.0);
  double label_h = 0;

  for (;;)
    {
      double widest = 0;

      for (gint64 v = (lo / step) * step; v <= hi; v += step)
        {
          g_autofree char *text = text_of (v, data);
          double           w;

          cli_chart_measure (chart, text, SMALL, FALSE, &w, &label_h);
          widest = MAX (widest, w);
        }
      if (widest + 12 <= step * scale)
        break;
      step = nice_step (step * 1.5);
    }
  cli_chart_line (chart, "axis", x0 + lo * scale, y, x0 + hi * scale, y, black, 1);
  for (gint64 v = (lo / step) * step; v <= hi; v += step)
    {
      g_autofree char *text = text_of (v, data);
      double           x = x0 + v * scale;
      double           w;

      cli_chart_measure (chart, text, SMALL, FALSE, &w, NULL);
      cli_chart_line (chart, "tick", x, y, x, y + 4, black, 1);
      cli_chart_text (chart, "tick-label", text, x - w / 2, y + 6, SMALL, FALSE, FALSE);
    }
  return y + 6 + label_h;
}

static char *
money_tick (gint64 minor, gpointer currency)
{
  g_autoptr (TandemMoney) m = tandem_money_new (minor, currency);

  return cli_money_short (m);
}

static char *
percent_tick (gint64 bp, gpointer data)
{
  /* TRANSLATORS: a whole percentage on a chart's scale */
  return g_strdup_printf (_ ("%d%%"), (int)(bp / 100));
}

/* The legend: the kinds present, each a swatch and its name, wrapping
 * inside the chart's width. Returns the y below it. */
static double
draw_legend (CliChart *chart, const gboolean *present, double y)
{
  double x = MARGIN;
  double h = 0;

  for (guint k = 0; k < N_KINDS; k++)
    {
      const char *label = _ (kind_labels[k]);
      double      w;

      if (!present[k])
        continue;
      cli_chart_measure (chart, label, FONT, FALSE, &w, &h);
      if (x > MARGIN && x + 16 + w > WIDTH - MARGIN)
        {
          x = MARGIN;
          y += h + 6;
        }
      cli_chart_rect (chart, "legend", x, y + (h - 12) / 2, 12, 12, kind_colours[k], 0, NULL);
      cli_chart_text (chart, "legend-label", label, x + 16, y, FONT, FALSE, FALSE);
      x += 16 + w + 18;
    }
  return y + h;
}

static gboolean
build_chart (CliChart *chart, TandemSettlement *settlement, GError **error)
{
  g_autoptr (GListModel) reps = tandem_settlement_get_reps (settlement);
  g_autoptr (GListModel) teams = tandem_settlement_get_team_results (settlement);
  g_autoptr (TandemMoney) total_all = tandem_settlement_get_total (settlement);
  const char        *currency = tandem_money_get_currency (total_all);
  guint              n_reps = g_list_model_get_n_items (reps);
  guint              n_teams = g_list_model_get_n_items (teams);
  g_autofree gint64 *sums = g_new0 (gint64, (gsize)MAX (n_reps, 1) * N_KINDS);
  g_autoptr (GPtrArray) totals = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) atts = g_ptr_array_new_with_free_func (g_free);
  gboolean present[N_KINDS] = { FALSE };
  gint64   max_pos = 1, max_neg = 0;
  int      max_att = 10000;
  double   name_w = 0, total_w = 0, att_w = 0, text_h = 0;
  double   left, right_end = WIDTH - MARGIN, scale, zero_x, y, rows_top;
  double   att_scale, mark_x;
  gint64   att_top;

  for (guint i = 0; i < n_reps; i++)
    {
      g_autoptr (TandemRep) rep = g_list_model_get_item (reps, i);
      g_autoptr (GListModel) lines = tandem_settlement_get_lines_for_rep (settlement, rep);
      g_autoptr (TandemMoney) total = tandem_settlement_get_total_for_rep (settlement, rep);
      gint64 pos = 0, neg = 0;
      double w;

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

          present[k] |= v != 0;
          if (!cli_add_checked (v > 0 ? &pos : &neg, v > 0 ? v : -v, tandem_rep_get_name (rep),
                                error))
            return FALSE;
        }
      max_pos = MAX (max_pos, pos);
      max_neg = MAX (max_neg, neg);
      g_ptr_array_add (totals, cli_money (total));
      cli_chart_measure (chart, totals->pdata[i], FONT, FALSE, &w, &text_h);
      total_w = MAX (total_w, w);
      cli_chart_measure (chart, tandem_rep_get_name (rep), FONT, FALSE, &w, NULL);
      name_w = MAX (name_w, w);
    }
  for (guint i = 0; i < n_teams; i++)
    {
      g_autoptr (TandemTeamResult) r = g_list_model_get_item (teams, i);
      int    att = tandem_team_result_get_attainment (r);
      double w;

      max_att = MAX (max_att, att);
      g_ptr_array_add (atts, att >= 0 ? cli_percent_cell (att) : g_strdup (_ ("no target")));
      cli_chart_measure (chart, atts->pdata[i], FONT, FALSE, &w, NULL);
      att_w = MAX (att_w, w);
      cli_chart_measure (chart, tandem_team_get_name (tandem_team_result_get_team (r)), FONT, FALSE,
                         &w, NULL);
      name_w = MAX (name_w, w);
    }
  left = MARGIN + MAX (name_w, 60) + 10;

  {
    g_autofree char *period = tandem_period_to_string (tandem_settlement_get_period (settlement));
    g_autofree char *title = g_strdup_printf (_ ("Settlement %s, plan %s: payout per rep"), period,
                                              tandem_settlement_get_plan_name (settlement));
    double           h;

    cli_chart_measure (chart, title, 18, TRUE, NULL, &h);
    cli_chart_text (chart, "title", title, MARGIN, 14, 18, TRUE, FALSE);
    y = draw_legend (chart, present, 14 + h + 8) + 16;
  }

  /* one stacked bar per rep, its total after it: the bars' room leaves
   * the widest total room to the right */
  scale = (right_end - left - total_w - 8) / (double)(max_pos + max_neg);
  zero_x = left + max_neg * scale;
  rows_top = y;
  for (guint i = 0; i < n_reps; i++)
    {
      g_autoptr (TandemRep) rep = g_list_model_get_item (reps, i);
      double ry = rows_top + i * ROW;
      double right = zero_x, lft = zero_x;
      double text_top = ry + (BAR - text_h) / 2;

      cli_chart_text (chart, "name", tandem_rep_get_name (rep), left - 10, text_top, FONT, FALSE,
                      TRUE);
      for (guint k = 0; k < N_KINDS; k++)
        {
          gint64 v = sums[i * N_KINDS + k];
          double w = (v < 0 ? -v : v) * scale;

          if (v == 0)
            continue;
          if (v > 0)
            {
              cli_chart_rect (chart, "bar", right, ry, w, BAR, kind_colours[k], 0, NULL);
              right += w;
            }
          else
            {
              lft -= w;
              cli_chart_rect (chart, "bar", lft, ry, w, BAR, kind_colours[k], 0, NULL);
            }
        }
      /* the outline every rep bar gets, so that a reader can count them */
      cli_chart_rect (chart, "bar-outline", lft, ry, MAX (right - lft, 1), BAR, NULL, 1,
                      outline_grey);
      cli_chart_text (chart, "total", totals->pdata[i], right + 6, text_top, FONT, FALSE, FALSE);
    }
  cli_chart_line (chart, "axis", zero_x, rows_top - 4, zero_x, rows_top + n_reps * ROW, black, 1);
  y = draw_axis (chart, zero_x, scale, -max_neg, max_pos, rows_top + n_reps * ROW + 2, money_tick,
                 (gpointer)currency);
  cli_chart_text (chart, "axis-title", currency, right_end, y + 2, SMALL, FALSE, TRUE);
  y += 40;

  /* attainment per tandem against the 100% mark; a label that would
   * cross the mark goes after it */
  {
    double h;

    cli_chart_measure (chart, _ ("Attainment per tandem (revenue against target)"), 16, TRUE, NULL,
                       &h);
    cli_chart_text (chart, "title", _ ("Attainment per tandem (revenue against target)"), MARGIN, y,
                    16, TRUE, FALSE);
    y += h + 14;
  }
  att_top = ((max_att + 2499) / 2500) * 2500;
  att_scale = (right_end - left - att_w - 8) / (double)att_top;
  mark_x = left + 10000 * att_scale;
  rows_top = y;
  for (guint i = 0; i < n_teams; i++)
    {
      g_autoptr (TandemTeamResult) r = g_list_model_get_item (teams, i);
      int    att = tandem_team_result_get_attainment (r);
      double ry = rows_top + i * ROW;
      double w = att > 0 ? att * att_scale : 0;
      double text_top = ry + (BAR - text_h) / 2;
      double label_x = left + w + 6;
      double lw;

      cli_chart_text (chart, "name", tandem_team_get_name (tandem_team_result_get_team (r)),
                      left - 10, text_top, FONT, FALSE, TRUE);
      if (w > 0)
        cli_chart_rect (chart, "bar", left, ry, w, BAR, att >= 10000 ? green : orange, 0, NULL);
      cli_chart_measure (chart, atts->pdata[i], FONT, FALSE, &lw, NULL);
      if (label_x < mark_x + 2 && label_x + lw > mark_x - 2)
        label_x = mark_x + 6;
      cli_chart_text (chart, "attainment", atts->pdata[i], label_x, text_top, FONT, FALSE, FALSE);
    }
  cli_chart_line (chart, "mark", mark_x, rows_top - 6, mark_x, rows_top + n_teams * ROW, red, 2);
  y = draw_axis (chart, left, att_scale, 0, att_top, rows_top + n_teams * ROW + 2, percent_tick,
                 NULL);
  cli_chart_set_height (chart, y + MARGIN);
  return TRUE;
}

/* Writes the chart as SVG or, when @pdf, as PDF; in one step, so that a
 * failure leaves no half-written file. */
static gboolean
write_chart (TandemSettlement *settlement, const char *path, gboolean pdf, GError **error)
{
  g_autoptr (CliChart) chart = NULL;
  g_autofree char *period = tandem_period_to_string (tandem_settlement_get_period (settlement));
  g_autofree char *title = g_strdup_printf (_ ("Settlement %s, plan %s: payout per rep"), period,
                                            tandem_settlement_get_plan_name (settlement));

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   pdf ? _ ("%s is a directory: name a file such as chart.pdf")
                       : _ ("%s is a directory: name a file such as chart.svg"),
                   path);
      return FALSE;
    }
  chart = cli_chart_new (WIDTH, title);
  if (!build_chart (chart, settlement, error))
    return FALSE;
  if (pdf)
    {
      g_autoptr (GBytes) bytes = cli_chart_to_pdf (chart, error);
      gsize       size;
      const char *data;

      if (bytes == NULL)
        return FALSE;
      data = g_bytes_get_data (bytes, &size);
      return g_file_set_contents (path, data, size, error);
    }
  else
    {
      g_autofree char *svg = cli_chart_to_svg (chart);

      return g_file_set_contents (path, svg, -1, error);
    }
}

int
cli_cmd_report (Cli *cli, int argc, char **argv)
{
  g_autofree char *plan_name = NULL;
  g_autofree char *svg = NULL;
  g_autofree char *pdf = NULL;
  GOptionEntry     entries[]
      = { { "plan", 0, 0, G_OPTION_ARG_STRING, &plan_name,
            N_ ("the plan’s name (default: the default plan)"), "NAME" },
          { "svg", 0, 0, G_OPTION_ARG_FILENAME, &svg, N_ ("write the chart to FILE"), "FILE" },
          { "pdf", 0, 0, G_OPTION_ARG_FILENAME, &pdf, N_ ("write the chart as PDF to FILE"),
            "FILE" },
          { NULL } };
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemPlan) plan = NULL;
  g_autoptr (TandemPeriod) period = NULL;
  g_autoptr (TandemSettlement) settlement = NULL;
  int status = cli_parse_options (
      cli, "report PERIOD", _ ("— a chart of a settlement as SVG or PDF"), entries, &argc, &argv);

  if (status >= 0)
    return status;
  if (argc != 2)
    {
      g_printerr (_ ("tandem: report needs one PERIOD\n"));
      return 1;
    }
  if ((svg == NULL) == (pdf == NULL))
    {
      g_printerr (_ ("tandem: report needs --svg FILE or --pdf FILE\n"));
      return 1;
    }
  if ((status = cli_open_store (cli, FALSE)) != 0)
    return status;
  if ((plan = cli_plan_for_period (cli, plan_name, argv[1], &period, &error)) == NULL
      || (settlement = tandem_settlement_new (cli->store, plan, period, &error)) == NULL
      || !write_chart (settlement, svg != NULL ? svg : pdf, pdf != NULL, &error))
    {
      g_printerr ("tandem: %s\n", error->message);
      return 2;
    }
  if (!cli->quiet)
    g_printerr (_ ("Chart written to %s\n"), svg != NULL ? svg : pdf);
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
