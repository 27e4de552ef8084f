/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-settlement-pdf.c: a rep's statement as an A4 PDF (cairo, Pango) */

#include "config.h"

#include <cairo-pdf.h>
#include <inttypes.h>
#include <pango/pangocairo.h>

#include "tandem-settlement.h"
#include "tandem-account.h"
#include "tandem-activity.h"
#include "tandem-dispute.h"
#include "tandem-draw.h"
#include "tandem-enum-types.h"
#include "tandem-i18n-private.h"
#include "tandem-settlement-private.h"
#include "tandem-settlement-engine-private.h"
#include "tandem-util-private.h"

/* A4 in points, and the page's frame. */
#define PAGE_W 595.276
#define PAGE_H 841.890
#define MARGIN_X 48.0
#define MARGIN_TOP 44.0
#define BODY_BOTTOM (PAGE_H - 60.0)
#define FOOTER_Y (PAGE_H - 40.0)
#define CELL_PAD 3.0

/* The table's columns: date, reference, account, kind, amount, explanation. */
enum
{
  COL_DATE,
  COL_REF,
  COL_ACCOUNT,
  COL_KIND,
  COL_AMOUNT,
  COL_EXPLANATION,
  N_COLS
};

static const double col_width[N_COLS] = { 60, 66, 92, 68, 64, 0 /* the rest */ };

typedef struct
{
  char  *cells[N_COLS];
  double height;
} Row;

/* What the statement shows, resolved before anything is drawn. */
typedef struct
{
  char      *title;
  char      *running_head;
  char      *info;  /* Pango markup: rep, period, plan, state */
  char      *draft; /* the mark on every page, or NULL */
  GPtrArray *rows;  /* Row */
  GPtrArray *after; /* Pango markup: totals, held, draw, disputes */
  double     widths[N_COLS];
} Statement;

static void
row_free (gpointer data)
{
  Row *row = data;

  for (guint i = 0; i < N_COLS; i++)
    g_free (row->cells[i]);
  g_free (row);
}

static void
statement_clear (Statement *st)
{
  g_free (st->title);
  g_free (st->running_head);
  g_free (st->info);
  g_free (st->draft);
  g_clear_pointer (&st->rows, g_ptr_array_unref);
  g_clear_pointer (&st->after, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Statement, statement_clear)

static const char *
kind_label (TandemLineKind kind)
{
  switch (kind)
    {
    case TANDEM_LINE_KIND_COMMISSION:
      return _ ("Commission");
    case TANDEM_LINE_KIND_ACCELERATOR:
      return _ ("Accelerator");
    case TANDEM_LINE_KIND_TEAM_BONUS:
      return _ ("Team bonus");
    case TANDEM_LINE_KIND_REFERRAL_BONUS:
      return _ ("Referral bonus");
    case TANDEM_LINE_KIND_CLAWBACK:
      return _ ("Clawback");
    case TANDEM_LINE_KIND_CAP:
      return _ ("Cap");
    case TANDEM_LINE_KIND_ADJUSTMENT:
      return _ ("Adjustment");
    case TANDEM_LINE_KIND_DRAW:
      return _ ("Draw");
    case TANDEM_LINE_KIND_DRAW_RECOVERY:
      return _ ("Draw recovery");
    default:
      return "?";
    }
}

static const char *
state_label (TandemSettlementState state)
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
      return _ ("paid");
    default:
      return "?";
    }
}

static const char *
dispute_state_label (TandemDisputeState state)
{
  switch (state)
    {
    case TANDEM_DISPUTE_STATE_OPEN:
      return _ ("open");
    case TANDEM_DISPUTE_STATE_ACCEPTED:
      return _ ("accepted");
    case TANDEM_DISPUTE_STATE_REJECTED:
      return _ ("rejected");
    default:
      return "?";
    }
}

static char *
money_text (gint64 minor, const char *currency)
{
  g_autoptr (TandemMoney) m = tandem_money_new (minor, currency);

  return tandem_money_to_locale_string (m, TRUE);
}

/* The activity behind each line, read once per activity. */
static gboolean
add_line_rows (TandemSettlement *self,
               TandemRep        *rep,
               GTimeZone        *zone,
               Statement        *st,
               gint64           *by_kind,
               GError          **error)
{
  g_autoptr (GListModel) lines = tandem_settlement_get_lines_for_rep (self, rep);
  g_autoptr (GHashTable) seen
      = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  /* TRANSLATORS: the date of a statement line, a strftime format */
  const char *date_format = _ ("%Y-%m-%d");

  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr (TandemPayoutLine) line = g_list_model_get_item (lines, i);
      TandemMoney    *amount = tandem_payout_line_get_amount (line);
      gint64          id = tandem_payout_line_get_activity_id (line);
      TandemLineKind  kind = tandem_payout_line_get_kind (line);
      TandemActivity *activity = NULL;
      Row            *row = g_new0 (Row, 1);

      g_ptr_array_add (st->rows, row);
      if (id > 0 && (activity = g_hash_table_lookup (seen, &id)) == NULL)
        {
          if ((activity = tandem_store_get_activity (self->store, id, error)) == NULL)
            return FALSE;
          g_hash_table_insert (seen, g_memdup2 (&id, sizeof id), activity);
        }
      if (activity != NULL)
        {
          g_autoptr (GDateTime) local
              = g_date_time_to_timezone (tandem_activity_get_occurred_at (activity), zone);
          const char *ref = tandem_activity_get_external_ref (activity);

          row->cells[COL_DATE] = g_date_time_format (local, date_format);
          row->cells[COL_REF] = ref != NULL ? g_strdup (ref) : g_strdup_printf ("#%" PRId64, id);
          row->cells[COL_ACCOUNT]
              = g_strdup (tandem_account_get_name (tandem_activity_get_account (activity)));
        }
      row->cells[COL_KIND] = g_strdup (kind_label (kind));
      row->cells[COL_AMOUNT] = tandem_money_to_locale_string (amount, FALSE);
      row->cells[COL_EXPLANATION] = g_strdup (tandem_payout_line_get_explanation (line));
      if (!_tandem_add_checked (&by_kind[kind], tandem_money_get_minor_units (amount)))
        return _tandem_overflow_error (error, _ ("The statement’s %s lines"), kind_label (kind));
    }
  return TRUE;
}

/* Totals per kind, the total, what is held, the draw balance and the
 * rep's disputes of this plan and period. */
static gboolean
add_summary (TandemSettlement *self,
             TandemRep        *rep,
             Statement        *st,
             const gint64     *by_kind,
             GError          **error)
{
  g_autoptr (TandemMoney) total = tandem_settlement_get_total_for_rep (self, rep);
  g_autoptr (TandemMoney) held = tandem_settlement_get_held_for_rep (self, rep);
  g_autoptr (GListModel) draws = NULL;
  g_autoptr (GListModel) disputes = NULL;
  g_autofree char *period = tandem_period_to_string (self->period);
  g_autoptr (GString) text = g_string_new (NULL);
  g_autofree char *total_text = tandem_money_to_locale_string (total, TRUE);
  gboolean         has_draw = FALSE;
  gint64           draw_balance = 0;
  guint            n_disputes = 0;

  if ((draws = tandem_draw_list (self->store, error)) == NULL
      || (disputes = tandem_dispute_list (self->store, FALSE, error)) == NULL)
    return FALSE;

  g_string_append_printf (text, "<b>%s</b>", _ ("Totals by kind"));
  for (guint k = 0; k <= TANDEM_LINE_KIND_DRAW_RECOVERY; k++)
    {
      g_autofree char *shown = NULL;
      g_autofree char *esc = NULL;

      if (by_kind[k] == 0)
        continue;
      shown = money_text (by_kind[k], self->currency);
      esc = g_markup_escape_text (shown, -1);
      g_string_append_printf (text, "\n%s\t%s", kind_label (k), esc);
    }
  g_ptr_array_add (st->after, g_string_free (g_steal_pointer (&text), FALSE));
  g_ptr_array_add (st->after, g_markup_printf_escaped ("<b>%s\t%s</b>", _ ("Total"), total_text));
  if (tandem_money_get_minor_units (held) != 0)
    {
      g_autofree char *shown = tandem_money_to_locale_string (held, TRUE);

      g_ptr_array_add (st->after,
                       g_markup_printf_escaped ("%s\t%s",
                                                _ ("Held until the customers pay (not in the "
                                                   "total)"),
                                                shown));
    }
  for (guint i = 0; i < g_list_model_get_n_items (draws); i++)
    {
      g_autoptr (TandemDraw) draw = g_list_model_get_item (draws, i);
      TandemMoney *balance = tandem_draw_get_balance (draw);

      if (tandem_rep_get_id (tandem_draw_get_rep (draw)) != tandem_rep_get_id (rep))
        continue;
      has_draw = TRUE;
      if (balance != NULL
          && !_tandem_add_checked (&draw_balance, tandem_money_get_minor_units (balance)))
        return _tandem_overflow_error (error, _ ("The draw balance"));
    }
  if (has_draw)
    {
      g_autofree char *shown = money_text (draw_balance, self->currency);

      g_ptr_array_add (
          st->after,
          g_markup_printf_escaped ("%s\t%s", _ ("Draw balance (paid, not yet recovered)"), shown));
    }

  text = g_string_new (NULL);
  g_string_append_printf (text, "<b>%s</b>", _ ("Disputes"));
  for (guint i = 0; i < g_list_model_get_n_items (disputes); i++)
    {
      g_autoptr (TandemDispute) d = g_list_model_get_item (disputes, i);
      g_autofree char *esc = NULL;

      if (tandem_rep_get_id (tandem_dispute_get_rep (d)) != tandem_rep_get_id (rep)
          || g_strcmp0 (tandem_dispute_get_period (d), period) != 0
          || g_strcmp0 (tandem_dispute_get_plan (d), self->plan_name) != 0)
        continue;
      n_disputes++;
      esc = g_markup_escape_text (tandem_dispute_get_reason (d), -1);
      g_string_append_printf (text, "\n#%" PRId64 " (%s)", tandem_dispute_get_id (d),
                              dispute_state_label (tandem_dispute_get_state (d)));
      if (tandem_dispute_get_activity_id (d) > 0)
        g_string_append_printf (text, ", %s #%" PRId64, _ ("activity"),
                                tandem_dispute_get_activity_id (d));
      g_string_append_printf (text, ": %s", esc);
    }
  if (n_disputes == 0)
    g_string_append_printf (text, "\n%s", _ ("none"));
  g_ptr_array_add (st->after, g_string_free (g_steal_pointer (&text), FALSE));
  return TRUE;
}

static gboolean
statement_gather (TandemSettlement *self, TandemRep *rep, Statement *st, GError **error)
{
  g_autoptr (GTimeZone) zone = NULL;
  g_autofree char *period = tandem_period_to_string (self->period);
  const char      *number = tandem_rep_get_personnel_number (rep);
  g_autofree char *who = number != NULL && *number != '\0'
                             ? g_strdup_printf ("%s (%s %s)", tandem_rep_get_name (rep),
                                                _ ("personnel number"), number)
                             : g_strdup (tandem_rep_get_name (rep));
  g_autofree char *plan
      = self->plan_version > 0
            ? g_strdup_printf (_ ("%s, version %u"), self->plan_name, self->plan_version)
            : g_strdup (self->plan_name);
  gint64 by_kind[TANDEM_LINE_KIND_DRAW_RECOVERY + 1] = { 0 };

  if ((zone = tandem_store_get_time_zone (self->store, error)) == NULL)
    return FALSE;
  st->rows = g_ptr_array_new_with_free_func (row_free);
  st->after = g_ptr_array_new_with_free_func (g_free);
  st->title = g_strdup (_ ("Commission statement"));
  st->running_head = g_strdup_printf ("%s — %s — %s", st->title, tandem_rep_get_name (rep), period);
  st->info
      = g_markup_printf_escaped ("%s\t%s\n%s\t%s\n%s\t%s\n%s\t%s", _ ("Rep"), who, _ ("Period"),
                                 period, _ ("Plan"), plan, _ ("State"), state_label (self->state));
  if (self->state == TANDEM_SETTLEMENT_STATE_DRAFT)
    st->draft = g_strdup (_ ("Draft: figures may still change"));
  return add_line_rows (self, rep, zone, st, by_kind, error)
         && add_summary (self, rep, st, by_kind, error);
}

/* ------------------------------------------------------------------ */
/* Drawing                                                            */

typedef struct
{
  cairo_t     *cr;
  PangoLayout *cell;
  PangoLayout *bold;
  PangoLayout *big;
  double       line_height;
} Pen;

static double
text_height (PangoLayout *layout, const char *text, double width, gboolean markup)
{
  int h;

  pango_layout_set_width (layout, width > 0 ? (int)(width * PANGO_SCALE) : -1);
  if (markup)
    pango_layout_set_markup (layout, text != NULL ? text : "", -1);
  else
    {
      /* plain text: no attributes left over from the last markup */
      pango_layout_set_attributes (layout, NULL);
      pango_layout_set_text (layout, text != NULL ? text : "", -1);
    }
  pango_layout_get_size (layout, NULL, &h);
  return (double)h / PANGO_SCALE;
}

static void
show_at (Pen *pen, PangoLayout *layout, double x, double y)
{
  cairo_move_to (pen->cr, x, y);
  pango_cairo_show_layout (pen->cr, layout);
}

static void
draw_text (Pen         *pen,
           PangoLayout *layout,
           const char  *text,
           double       x,
           double       y,
           double       width,
           gboolean     markup)
{
  text_height (layout, text, width, markup);
  show_at (pen, layout, x, y);
}

static double
row_height (Pen *pen, Statement *st, Row *row)
{
  double h = pen->line_height;

  for (guint c = 0; c < N_COLS; c++)
    h = MAX (h, text_height (pen->cell, row->cells[c], st->widths[c] - CELL_PAD, FALSE));
  return h + CELL_PAD;
}

static double
draw_row (Pen *pen, Statement *st, char **cells, double y, gboolean header)
{
  PangoLayout *layout = header ? pen->bold : pen->cell;
  double       x = MARGIN_X;
  double       h = 0;

  for (guint c = 0; c < N_COLS; c++)
    {
      pango_layout_set_alignment (layout, c == COL_AMOUNT ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
      if (cells[c] != NULL)
        {
          h = MAX (h, text_height (layout, cells[c], st->widths[c] - CELL_PAD, FALSE));
          show_at (pen, layout, x, y);
        }
      x += st->widths[c];
    }
  pango_layout_set_alignment (layout, PANGO_ALIGN_LEFT);
  return MAX (h, pen->line_height) + CELL_PAD;
}

static double
draw_table_header (Pen *pen, Statement *st, double y)
{
  char *cells[N_COLS]
      = { _ ("Date"), _ ("Reference"), _ ("Account"), _ ("Kind"), _ ("Amount"), _ ("Explanation") };
  double h;

  cairo_set_source_rgb (pen->cr, 0.90, 0.92, 0.95);
  cairo_rectangle (pen->cr, MARGIN_X - 2, y - 1, PAGE_W - 2 * MARGIN_X + 4, pen->line_height + 3);
  cairo_fill (pen->cr);
  cairo_set_source_rgb (pen->cr, 0, 0, 0);
  h = draw_row (pen, st, cells, y, TRUE);
  cairo_set_line_width (pen->cr, 0.6);
  cairo_move_to (pen->cr, MARGIN_X - 2, y + h);
  cairo_line_to (pen->cr, PAGE_W - MARGIN_X + 2, y + h);
  cairo_stroke (pen->cr);
  return h + 2;
}

/* The top of a page: the title block on the first, a running head on the
 * others; the draft mark on every one. Returns where the body starts. */
static double
draw_page_top (Pen *pen, Statement *st, guint page)
{
  double y = MARGIN_TOP;
  double width = PAGE_W - 2 * MARGIN_X;

  if (st->draft != NULL)
    {
      cairo_save (pen->cr);
      cairo_set_source_rgb (pen->cr, 0.75, 0.10, 0.10);
      pango_layout_set_alignment (pen->bold, PANGO_ALIGN_RIGHT);
      draw_text (pen, pen->bold, st->draft, MARGIN_X, y - 20, width, FALSE);
      pango_layout_set_alignment (pen->bold, PANGO_ALIGN_LEFT);
      cairo_restore (pen->cr);
    }
  if (page == 0)
    {
      PangoTabArray *tabs = pango_tab_array_new_with_positions (1, TRUE, PANGO_TAB_LEFT, 110);

      draw_text (pen, pen->big, st->title, MARGIN_X, y, width, FALSE);
      y += text_height (pen->big, st->title, width, FALSE) + 10;
      pango_layout_set_tabs (pen->cell, tabs);
      draw_text (pen, pen->cell, st->info, MARGIN_X, y, width, TRUE);
      y += text_height (pen->cell, st->info, width, TRUE) + 14;
      pango_layout_set_tabs (pen->cell, NULL);
      pango_tab_array_free (tabs);
    }
  else
    {
      cairo_set_source_rgb (pen->cr, 0.35, 0.35, 0.35);
      draw_text (pen, pen->cell, st->running_head, MARGIN_X, y, width, FALSE);
      cairo_set_source_rgb (pen->cr, 0, 0, 0);
      y += pen->line_height + 10;
    }
  return y;
}

static void
draw_footer (Pen *pen, guint page, guint n_pages)
{
  g_autofree char *text = g_strdup_printf (_ ("Page %u of %u"), page + 1, n_pages);

  cairo_set_source_rgb (pen->cr, 0.35, 0.35, 0.35);
  pango_layout_set_alignment (pen->cell, PANGO_ALIGN_RIGHT);
  draw_text (pen, pen->cell, text, MARGIN_X, FOOTER_Y, PAGE_W - 2 * MARGIN_X, FALSE);
  pango_layout_set_alignment (pen->cell, PANGO_ALIGN_LEFT);
  cairo_set_source_rgb (pen->cr, 0, 0, 0);
}

/* Lays the statement out (draw == FALSE: only counts the pages) or draws
 * it. Rows never split; the table header is repeated on every page the
 * table runs over. */
static guint
statement_pages (Pen *pen, Statement *st, guint n_pages, gboolean draw)
{
  PangoTabArray *tabs = pango_tab_array_new_with_positions (1, TRUE, PANGO_TAB_RIGHT, 330);
  double         width = PAGE_W - 2 * MARGIN_X;
  double         header_h = pen->line_height + CELL_PAD + 2;
  guint          page = 0;
  double         y;

  y = draw ? draw_page_top (pen, st, 0) : MARGIN_TOP + 90;
  y += draw ? draw_table_header (pen, st, y) : header_h;
  for (guint i = 0; i < st->rows->len; i++)
    {
      Row *row = st->rows->pdata[i];

      if (row->height == 0)
        row->height = row_height (pen, st, row);
      if (y + row->height > BODY_BOTTOM)
        {
          if (draw)
            {
              draw_footer (pen, page, n_pages);
              cairo_show_page (pen->cr);
            }
          page++;
          y = draw ? draw_page_top (pen, st, page) : MARGIN_TOP + pen->line_height + 10;
          y += draw ? draw_table_header (pen, st, y) : header_h;
        }
      if (draw)
        draw_row (pen, st, row->cells, y, FALSE);
      y += row->height;
    }
  y += 12;
  pango_layout_set_tabs (pen->cell, tabs);
  for (guint i = 0; i < st->after->len; i++)
    {
      double h = text_height (pen->cell, st->after->pdata[i], width, TRUE);

      if (y + h > BODY_BOTTOM)
        {
          if (draw)
            {
              draw_footer (pen, page, n_pages);
              cairo_show_page (pen->cr);
            }
          page++;
          y = draw ? draw_page_top (pen, st, page) : MARGIN_TOP + pen->line_height + 10;
        }
      if (draw)
        show_at (pen, pen->cell, MARGIN_X, y);
      y += h + 8;
    }
  pango_layout_set_tabs (pen->cell, NULL);
  pango_tab_array_free (tabs);
  if (draw)
    {
      draw_footer (pen, page, n_pages);
      cairo_show_page (pen->cr);
    }
  return page + 1;
}

/* ------------------------------------------------------------------ */
/* Output                                                             */

typedef struct
{
  GOutputStream *stream;
  GCancellable  *cancellable;
  GError        *error;
} Sink;

static cairo_status_t
sink_write (void *closure, const unsigned char *data, unsigned int length)
{
  Sink *sink = closure;

  if (sink->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (sink->stream, data, length, NULL, sink->cancellable,
                                  &sink->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

static PangoLayout *
new_layout (cairo_t *cr, const char *font)
{
  PangoLayout          *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string (font);

  /* a point is a unit of the PDF surface */
  pango_cairo_context_set_resolution (pango_layout_get_context (layout), 72);
  pango_layout_context_changed (layout);
  pango_layout_set_font_description (layout, desc);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_font_description_free (desc);
  return layout;
}

/**
 * tandem_settlement_write_statement_pdf:
 * @self: a `TandemSettlement`
 * @rep: a rep the settlement includes
 * @stream: where the PDF goes
 * @cancellable: (nullable): a `GCancellable`
 * @error: return location for a `GError`
 *
 * Writes @rep's statement for the settlement's period as an A4 PDF with
 * real, searchable text: the plan and its version, the rep and personnel
 * number, the period and the state (a draft is marked on every page),
 * every line with its date, reference, account, kind, amount and
 * explanation, then the totals per kind, the total, what is held until the
 * customers pay, the draw balance and the rep's disputes of this plan and
 * period. Every page says "page N of M"; the table's header is repeated on
 * every page it runs over. Labels, dates and amounts follow the current
 * locale (German under `de_DE.UTF-8`).
 *
 * Everything the statement shows is read (activities, accounts, draws,
 * disputes) before the first byte is written: a store error leaves
 * @stream untouched. @stream is not closed.
 *
 * Returns: %TRUE on success
 *
 * Since: 1.0
 */
gboolean
tandem_settlement_write_statement_pdf (TandemSettlement *self,
                                       TandemRep        *rep,
                                       GOutputStream    *stream,
                                       GCancellable     *cancellable,
                                       GError          **error)
{
  g_auto (Statement) st = { 0 };
  Sink             sink = { stream, cancellable, NULL };
  cairo_surface_t *surface;
  cairo_status_t   status;
  Pen              pen = { 0 };
  guint            n_pages;

  g_return_val_if_fail (TANDEM_IS_SETTLEMENT (self), FALSE);
  g_return_val_if_fail (TANDEM_IS_REP (rep), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!tandem_settlement_includes_rep (self, rep))
    {
      g_autofree char *period = tandem_period_to_string (self->period);

      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_FOUND,
                   _ ("Rep “%s” is not paid under plan “%s” in %s"), tandem_rep_get_name (rep),
                   self->plan_name, period);
      return FALSE;
    }
  if (!statement_gather (self, rep, &st, error))
    return FALSE;
  for (guint c = 0; c < COL_EXPLANATION; c++)
    st.widths[c] = col_width[c];
  st.widths[COL_EXPLANATION] = PAGE_W - 2 * MARGIN_X;
  for (guint c = 0; c < COL_EXPLANATION; c++)
    st.widths[COL_EXPLANATION] -= col_width[c];

  surface = cairo_pdf_surface_create_for_stream (sink_write, &sink, PAGE_W, PAGE_H);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, st.running_head);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR,
                                  "libtandem " PACKAGE_VERSION);
  pen.cr = cairo_create (surface);
  pen.cell = new_layout (pen.cr, "Sans 9");
  pen.bold = new_layout (pen.cr, "Sans Bold 9");
  pen.big = new_layout (pen.cr, "Sans Bold 18");
  pen.line_height = text_height (pen.cell, "Ág", -1, FALSE);

  n_pages = statement_pages (&pen, &st, 0, FALSE);
  statement_pages (&pen, &st, n_pages, TRUE);

  g_object_unref (pen.cell);
  g_object_unref (pen.bold);
  g_object_unref (pen.big);
  cairo_destroy (pen.cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (sink.error != NULL)
    {
      g_propagate_error (error, sink.error);
      return FALSE;
    }
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _ ("Could not draw the statement: %s"),
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
