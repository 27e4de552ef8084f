/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-document.c: a paged A4 PDF with real text (cairo, Pango).
 *
 * The layout runs twice: once to count the pages (for "Page N of M"),
 * once to draw. Rows never split; the table's header is repeated on every
 * page the table runs over; the blocks after the table move to a new page
 * whole. Text is set by Pango at 72 dpi, so a Pango point is a PDF point. */

#include "config.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "tandem-document-private.h"
#include "tandem-i18n-private.h"
#include "tandem-money.h"

/* A4 in points, and the page's frame. */
#define A4_SHORT 595.276
#define A4_LONG 841.890
#define MARGIN_X 48.0
#define MARGIN_TOP 44.0
#define BOTTOM_ROOM 60.0
#define FOOTER_ROOM 40.0
#define CELL_PAD 3.0

typedef struct
{
  char **cells; /* n of them, any of them NULL */
  guint  n;
  double height;
} Row;

struct _TandemDocument
{
  double                page_w;
  double                page_h;
  char                 *title;
  char                 *running_head;
  char                 *info;
  char                 *draft;
  TandemDocumentColumn *columns;
  double               *widths;
  guint                 n_columns;
  GPtrArray            *rows;  /* Row */
  GPtrArray            *after; /* Pango markup */
};

static void
row_free (gpointer data)
{
  Row *row = data;

  /* not g_strfreev(): an empty cell is NULL */
  for (guint i = 0; i < row->n; i++)
    g_free (row->cells[i]);
  g_free (row->cells);
  g_free (row);
}

TandemDocument *
_tandem_document_new (TandemDocumentOrientation   orientation,
                      const char                 *title,
                      const char                 *running_head,
                      const char                 *info,
                      const char                 *draft,
                      const TandemDocumentColumn *columns,
                      guint                       n_columns)
{
  TandemDocument *doc = g_new0 (TandemDocument, 1);
  double          rest;
  guint           flexible = 0;

  doc->page_w = orientation == TANDEM_DOCUMENT_LANDSCAPE ? A4_LONG : A4_SHORT;
  doc->page_h = orientation == TANDEM_DOCUMENT_LANDSCAPE ? A4_SHORT : A4_LONG;
  doc->title = g_strdup (title);
  doc->running_head = g_strdup (running_head);
  doc->info = g_strdup (info);
  doc->draft = g_strdup (draft);
  doc->columns = g_memdup2 (columns, sizeof *columns * n_columns);
  for (guint c = 0; c < n_columns; c++)
    doc->columns[c].header = _ (columns[c].header);
  doc->widths = g_new0 (double, n_columns);
  doc->n_columns = n_columns;
  doc->rows = g_ptr_array_new_with_free_func (row_free);
  doc->after = g_ptr_array_new_with_free_func (g_free);

  /* the columns without a width share what the others leave */
  rest = doc->page_w - 2 * MARGIN_X;
  for (guint c = 0; c < n_columns; c++)
    {
      rest -= columns[c].width;
      flexible += columns[c].width <= 0;
    }
  for (guint c = 0; c < n_columns; c++)
    doc->widths[c] = columns[c].width > 0 ? columns[c].width : MAX (rest / flexible, 20.0);
  return doc;
}

void
_tandem_document_free (TandemDocument *doc)
{
  if (doc == NULL)
    return;
  g_free (doc->title);
  g_free (doc->running_head);
  g_free (doc->info);
  g_free (doc->draft);
  g_free (doc->columns);
  g_free (doc->widths);
  g_ptr_array_unref (doc->rows);
  g_ptr_array_unref (doc->after);
  g_free (doc);
}

void
_tandem_document_add_row (TandemDocument *doc, char **cells)
{
  Row *row = g_new0 (Row, 1);

  row->cells = cells;
  row->n = doc->n_columns;
  g_ptr_array_add (doc->rows, row);
}

void
_tandem_document_add_after (TandemDocument *doc, char *markup)
{
  g_ptr_array_add (doc->after, markup);
}

char *
_tandem_document_rep_text (TandemRep *rep)
{
  const char *number = tandem_rep_get_personnel_number (rep);

  if (number == NULL || *number == '\0')
    return g_strdup (tandem_rep_get_name (rep));
  return g_strdup_printf ("%s (%s %s)", tandem_rep_get_name (rep), _ ("personnel number"), number);
}

char *
_tandem_document_plan_text (const char *name, guint version)
{
  return version > 0 ? g_strdup_printf (_ ("%s, version %u"), name, version) : g_strdup (name);
}

const char *
_tandem_document_label (const char *const *labels, guint n_labels, guint value)
{
  return value < n_labels ? _ (labels[value]) : "?";
}

char *
_tandem_document_money (gint64 minor, const char *currency, gboolean with_currency)
{
  g_autoptr (TandemMoney) m = tandem_money_new (minor, currency);

  return tandem_money_to_locale_string (m, with_currency);
}

/* ------------------------------------------------------------------ */
/* Drawing                                                            */

typedef struct
{
  TandemDocument *doc;
  cairo_t        *cr;
  PangoLayout    *cell;
  PangoLayout    *bold;
  PangoLayout    *big;
  double          line_height;
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
row_height (Pen *pen, Row *row)
{
  double h = pen->line_height;

  for (guint c = 0; c < pen->doc->n_columns; c++)
    h = MAX (h, text_height (pen->cell, row->cells[c], pen->doc->widths[c] - CELL_PAD, FALSE));
  return h + CELL_PAD;
}

static double
draw_row (Pen *pen, const char *const *cells, double y, gboolean header)
{
  TandemDocument *doc = pen->doc;
  PangoLayout    *layout = header ? pen->bold : pen->cell;
  double          x = MARGIN_X;
  double          h = 0;

  for (guint c = 0; c < doc->n_columns; c++)
    {
      pango_layout_set_alignment (layout,
                                  doc->columns[c].right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
      if (cells[c] != NULL)
        {
          h = MAX (h, text_height (layout, cells[c], doc->widths[c] - CELL_PAD, FALSE));
          show_at (pen, layout, x, y);
        }
      x += doc->widths[c];
    }
  pango_layout_set_alignment (layout, PANGO_ALIGN_LEFT);
  return MAX (h, pen->line_height) + CELL_PAD;
}

static double
header_height (Pen *pen)
{
  TandemDocument *doc = pen->doc;
  double          h = pen->line_height;

  for (guint c = 0; c < doc->n_columns; c++)
    h = MAX (h, text_height (pen->bold, doc->columns[c].header, doc->widths[c] - CELL_PAD, FALSE));
  return h + CELL_PAD + 2;
}

static double
draw_table_header (Pen *pen, double y)
{
  TandemDocument         *doc = pen->doc;
  g_autofree const char **cells = g_new0 (const char *, doc->n_columns);
  double                  h = header_height (pen) - 2;

  for (guint c = 0; c < doc->n_columns; c++)
    cells[c] = doc->columns[c].header;
  cairo_set_source_rgb (pen->cr, 0.90, 0.92, 0.95);
  cairo_rectangle (pen->cr, MARGIN_X - 2, y - 1, doc->page_w - 2 * MARGIN_X + 4, h);
  cairo_fill (pen->cr);
  cairo_set_source_rgb (pen->cr, 0, 0, 0);
  draw_row (pen, cells, y, TRUE);
  cairo_set_line_width (pen->cr, 0.6);
  cairo_move_to (pen->cr, MARGIN_X - 2, y + h);
  cairo_line_to (pen->cr, doc->page_w - MARGIN_X + 2, y + h);
  cairo_stroke (pen->cr);
  return h + 2;
}

/* The top of a page: the title block on the first, a running head on the
 * others; the draft mark on every one. Returns where the body starts. */
static double
page_top (Pen *pen, guint page, gboolean draw)
{
  TandemDocument *doc = pen->doc;
  double          y = MARGIN_TOP;
  double          width = doc->page_w - 2 * MARGIN_X;

  if (draw && doc->draft != NULL)
    {
      cairo_save (pen->cr);
      cairo_set_source_rgb (pen->cr, 0.75, 0.10, 0.10);
      pango_layout_set_alignment (pen->bold, PANGO_ALIGN_RIGHT);
      draw_text (pen, pen->bold, doc->draft, MARGIN_X, y - 20, width, FALSE);
      pango_layout_set_alignment (pen->bold, PANGO_ALIGN_LEFT);
      cairo_restore (pen->cr);
    }
  if (page == 0)
    {
      PangoTabArray *tabs = pango_tab_array_new_with_positions (1, TRUE, PANGO_TAB_LEFT, 110);
      double         h;

      h = text_height (pen->big, doc->title, width, FALSE);
      if (draw)
        show_at (pen, pen->big, MARGIN_X, y);
      y += h + 10;
      pango_layout_set_tabs (pen->cell, tabs);
      h = text_height (pen->cell, doc->info, width, TRUE);
      if (draw)
        show_at (pen, pen->cell, MARGIN_X, y);
      y += h + 14;
      pango_layout_set_tabs (pen->cell, NULL);
      pango_tab_array_free (tabs);
    }
  else
    {
      if (draw)
        {
          cairo_set_source_rgb (pen->cr, 0.35, 0.35, 0.35);
          draw_text (pen, pen->cell, doc->running_head, MARGIN_X, y, width, FALSE);
          cairo_set_source_rgb (pen->cr, 0, 0, 0);
        }
      y += pen->line_height + 10;
    }
  return y;
}

static void
draw_footer (Pen *pen, guint page, guint n_pages)
{
  TandemDocument  *doc = pen->doc;
  g_autofree char *text = g_strdup_printf (_ ("Page %u of %u"), page + 1, n_pages);

  cairo_set_source_rgb (pen->cr, 0.35, 0.35, 0.35);
  pango_layout_set_alignment (pen->cell, PANGO_ALIGN_RIGHT);
  draw_text (pen, pen->cell, text, MARGIN_X, doc->page_h - FOOTER_ROOM, doc->page_w - 2 * MARGIN_X,
             FALSE);
  pango_layout_set_alignment (pen->cell, PANGO_ALIGN_LEFT);
  cairo_set_source_rgb (pen->cr, 0, 0, 0);
}

static double
next_page (Pen *pen, guint *page, guint n_pages, gboolean draw)
{
  if (draw)
    {
      draw_footer (pen, *page, n_pages);
      cairo_show_page (pen->cr);
    }
  (*page)++;
  return page_top (pen, *page, draw);
}

/* Lays the document out (draw == FALSE: only counts the pages) or draws
 * it; both runs measure the same way, so they break at the same rows. */
static guint
lay_out (Pen *pen, guint n_pages, gboolean draw)
{
  TandemDocument *doc = pen->doc;
  double          width = doc->page_w - 2 * MARGIN_X;
  double          bottom = doc->page_h - BOTTOM_ROOM;
  double          header_h = header_height (pen);
  PangoTabArray  *tabs = pango_tab_array_new_with_positions (1, TRUE, PANGO_TAB_RIGHT, 330);
  guint           page = 0;
  double          y;

  y = page_top (pen, 0, draw);
  y += draw ? draw_table_header (pen, y) : header_h;
  for (guint i = 0; i < doc->rows->len; i++)
    {
      Row *row = doc->rows->pdata[i];

      if (row->height == 0)
        row->height = row_height (pen, row);
      if (y + row->height > bottom)
        {
          y = next_page (pen, &page, n_pages, draw);
          y += draw ? draw_table_header (pen, y) : header_h;
        }
      if (draw)
        draw_row (pen, (const char *const *)row->cells, y, FALSE);
      y += row->height;
    }
  y += 12;
  for (guint i = 0; i < doc->after->len; i++)
    {
      double h;

      pango_layout_set_tabs (pen->cell, tabs);
      h = text_height (pen->cell, doc->after->pdata[i], width, TRUE);
      if (y + h > bottom)
        {
          y = next_page (pen, &page, n_pages, draw);
          pango_layout_set_tabs (pen->cell, tabs);
          text_height (pen->cell, doc->after->pdata[i], width, TRUE);
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

gboolean
_tandem_document_write_pdf (TandemDocument *doc,
                            GOutputStream  *stream,
                            GCancellable   *cancellable,
                            const char     *what,
                            GError        **error)
{
  Sink             sink = { stream, cancellable, NULL };
  cairo_surface_t *surface;
  cairo_status_t   status;
  Pen              pen = { doc, NULL, NULL, NULL, NULL, 0 };
  guint            n_pages;

  surface = cairo_pdf_surface_create_for_stream (sink_write, &sink, doc->page_w, doc->page_h);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, doc->running_head);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR,
                                  "libtandem " PACKAGE_VERSION);
  pen.cr = cairo_create (surface);
  pen.cell = new_layout (pen.cr, "Sans 9");
  pen.bold = new_layout (pen.cr, "Sans Bold 9");
  pen.big = new_layout (pen.cr, "Sans Bold 18");
  pen.line_height = text_height (pen.cell, "Ág", -1, FALSE);

  n_pages = lay_out (&pen, 0, FALSE);
  lay_out (&pen, n_pages, TRUE);

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
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _ ("Could not draw %s: %s"), what,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}
