/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-cli-chart.c: a chart as a list of shapes and texts, laid out
 * once with Pango's measures and written as SVG (texts as <text>) or
 * drawn on a cairo PDF surface, so that both show the same page. */

#include "config.h"

#include <cairo-pdf.h>
#include <gio/gio.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "tandem-cli-chart.h"

typedef enum
{
  ITEM_RECT,
  ITEM_LINE,
  ITEM_TEXT,
} ItemKind;

typedef struct
{
  ItemKind kind;
  char    *role;       /* "bar", "mark", "axis", "tick", "legend", "label" … */
  double   x, y, w, h; /* a rect; a line from (x, y) to (x + w, y + h); a text's box */
  double   rgb[3];
  double   stroke; /* a rect's outline width (0: none), a line's width */
  double   outline_rgb[3];
  char    *text;
  double   size;
  gboolean bold;
  double   baseline; /* below the box's top */
  gboolean no_fill;  /* a rect that is only an outline */
} Item;

struct _CliChart
{
  double           width;
  double           height;
  char            *title;
  GArray          *items; /* Item */
  PangoLayout     *layout;
  cairo_surface_t *scratch;
  cairo_t         *scratch_cr;
};

static void
item_clear (gpointer data)
{
  Item *item = data;

  g_free (item->role);
  g_free (item->text);
}

CliChart *
cli_chart_new (double width, const char *title)
{
  CliChart *chart = g_new0 (CliChart, 1);

  chart->width = width;
  chart->title = g_strdup (title);
  chart->items = g_array_new (FALSE, TRUE, sizeof (Item));
  g_array_set_clear_func (chart->items, item_clear);
  chart->scratch = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  chart->scratch_cr = cairo_create (chart->scratch);
  chart->layout = pango_cairo_create_layout (chart->scratch_cr);
  /* one unit is one point (PDF) and one pixel (SVG) */
  pango_cairo_context_set_resolution (pango_layout_get_context (chart->layout), 72);
  pango_layout_context_changed (chart->layout);
  return chart;
}

void
cli_chart_free (CliChart *chart)
{
  g_array_unref (chart->items);
  g_object_unref (chart->layout);
  cairo_destroy (chart->scratch_cr);
  cairo_surface_destroy (chart->scratch);
  g_free (chart->title);
  g_free (chart);
}

void
cli_chart_set_height (CliChart *chart, double height)
{
  chart->height = height;
}

static void
set_font (PangoLayout *layout, double size, gboolean bold)
{
  PangoFontDescription *desc = pango_font_description_from_string ("Sans");

  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  pango_font_description_set_weight (desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
}

void
cli_chart_measure (CliChart   *chart,
                   const char *text,
                   double      size,
                   gboolean    bold,
                   double     *width,
                   double     *height)
{
  PangoRectangle logical;

  set_font (chart->layout, size, bold);
  pango_layout_set_text (chart->layout, text, -1);
  pango_layout_get_extents (chart->layout, NULL, &logical);
  if (width != NULL)
    *width = (double)logical.width / PANGO_SCALE;
  if (height != NULL)
    *height = (double)logical.height / PANGO_SCALE;
}

void
cli_chart_rect (CliChart     *chart,
                const char   *role,
                double        x,
                double        y,
                double        w,
                double        h,
                const double *rgb,
                double        outline,
                const double *outline_rgb)
{
  Item item = { ITEM_RECT, g_strdup (role), x, y, w, h };

  item.no_fill = rgb == NULL;
  if (rgb != NULL)
    memcpy (item.rgb, rgb, sizeof item.rgb);
  item.stroke = outline;
  if (outline_rgb != NULL)
    memcpy (item.outline_rgb, outline_rgb, sizeof item.outline_rgb);
  g_array_append_val (chart->items, item);
}

void
cli_chart_line (CliChart     *chart,
                const char   *role,
                double        x1,
                double        y1,
                double        x2,
                double        y2,
                const double *rgb,
                double        width)
{
  Item item = { ITEM_LINE, g_strdup (role), x1, y1, x2 - x1, y2 - y1 };

  memcpy (item.rgb, rgb, sizeof item.rgb);
  item.stroke = width;
  g_array_append_val (chart->items, item);
}

void
cli_chart_text (CliChart   *chart,
                const char *role,
                const char *text,
                double      x,
                double      top,
                double      size,
                gboolean    bold,
                gboolean    right)
{
  Item item = { ITEM_TEXT, g_strdup (role) };
  int  baseline;

  cli_chart_measure (chart, text, size, bold, &item.w, &item.h);
  baseline = pango_layout_get_baseline (chart->layout);
  item.x = right ? x - item.w : x;
  item.y = top;
  item.text = g_strdup (text);
  item.size = size;
  item.bold = bold;
  item.baseline = (double)baseline / PANGO_SCALE;
  g_array_append_val (chart->items, item);
}

/* ------------------------------------------------------------------ */
/* SVG                                                                */

static void
append_rgb (GString *out, const double *rgb)
{
  /* the notation cairo's SVG surface used: rgb(40%,75%,80%) */
  g_string_append_printf (out, "rgb(%d%%,%d%%,%d%%)", (int)(rgb[0] * 100 + 0.5),
                          (int)(rgb[1] * 100 + 0.5), (int)(rgb[2] * 100 + 0.5));
}

static void
append_number (GString *out, const char *name, double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_printf (out, " %s=\"%s\"", name,
                          g_ascii_formatd (buf, sizeof buf, "%.2f", value));
}

char *
cli_chart_to_svg (CliChart *chart)
{
  GString         *out = g_string_new (NULL);
  g_autofree char *title = g_markup_escape_text (chart->title, -1);
  char             w[G_ASCII_DTOSTR_BUF_SIZE], h[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_printf (out,
                          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%s\" height=\"%s\" "
                          "viewBox=\"0 0 %s %s\" font-family=\"DejaVu Sans, sans-serif\">\n"
                          "<title>%s</title>\n"
                          "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n",
                          g_ascii_formatd (w, sizeof w, "%.0f", chart->width),
                          g_ascii_formatd (h, sizeof h, "%.0f", chart->height), w, h, title);
  for (guint i = 0; i < chart->items->len; i++)
    {
      Item *item = &g_array_index (chart->items, Item, i);

      switch (item->kind)
        {
        case ITEM_RECT:
          g_string_append_printf (out, "<rect class=\"%s\"", item->role);
          append_number (out, "x", item->x);
          append_number (out, "y", item->y);
          append_number (out, "width", item->w);
          append_number (out, "height", item->h);
          g_string_append (out, " fill=\"");
          if (item->no_fill)
            g_string_append (out, "none");
          else
            append_rgb (out, item->rgb);
          g_string_append (out, "\"");
          if (item->stroke > 0)
            {
              g_string_append (out, " stroke=\"");
              append_rgb (out, item->outline_rgb);
              g_string_append (out, "\"");
              append_number (out, "stroke-width", item->stroke);
            }
          g_string_append (out, "/>\n");
          break;
        case ITEM_LINE:
          g_string_append_printf (out, "<line class=\"%s\"", item->role);
          append_number (out, "x1", item->x);
          append_number (out, "y1", item->y);
          append_number (out, "x2", item->x + item->w);
          append_number (out, "y2", item->y + item->h);
          g_string_append (out, " stroke=\"");
          append_rgb (out, item->rgb);
          g_string_append (out, "\"");
          append_number (out, "stroke-width", item->stroke);
          g_string_append (out, "/>\n");
          break;
        case ITEM_TEXT:
          {
            g_autofree char *text = g_markup_escape_text (item->text, -1);
            char             b[4][G_ASCII_DTOSTR_BUF_SIZE];

            g_string_append_printf (out, "<text class=\"%s\"", item->role);
            append_number (out, "x", item->x);
            append_number (out, "y", item->y + item->baseline);
            append_number (out, "font-size", item->size);
            /* the box Pango measured, for readers that check overlaps */
            g_string_append_printf (out, " data-box=\"%s %s %s %s\"%s>%s</text>\n",
                                    g_ascii_formatd (b[0], sizeof b[0], "%.2f", item->x),
                                    g_ascii_formatd (b[1], sizeof b[1], "%.2f", item->y),
                                    g_ascii_formatd (b[2], sizeof b[2], "%.2f", item->w),
                                    g_ascii_formatd (b[3], sizeof b[3], "%.2f", item->h),
                                    item->bold ? " font-weight=\"bold\"" : "", text);
            break;
          }
        default:
          g_assert_not_reached ();
        }
    }
  g_string_append (out, "</svg>\n");
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------ */
/* PDF                                                                */

static cairo_status_t
append_bytes (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
cli_chart_to_pdf (CliChart *chart, GError **error)
{
  GByteArray      *bytes = g_byte_array_new ();
  cairo_surface_t *surface
      = cairo_pdf_surface_create_for_stream (append_bytes, bytes, chart->width, chart->height);
  cairo_t       *cr = cairo_create (surface);
  PangoLayout   *layout = pango_cairo_create_layout (cr);
  cairo_status_t status;

  pango_cairo_context_set_resolution (pango_layout_get_context (layout), 72);
  pango_layout_context_changed (layout);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, chart->title);
  for (guint i = 0; i < chart->items->len; i++)
    {
      Item *item = &g_array_index (chart->items, Item, i);

      cairo_set_source_rgb (cr, item->rgb[0], item->rgb[1], item->rgb[2]);
      switch (item->kind)
        {
        case ITEM_RECT:
          cairo_rectangle (cr, item->x, item->y, item->w, item->h);
          if (!item->no_fill)
            cairo_fill_preserve (cr);
          if (item->stroke > 0)
            {
              cairo_set_source_rgb (cr, item->outline_rgb[0], item->outline_rgb[1],
                                    item->outline_rgb[2]);
              cairo_set_line_width (cr, item->stroke);
              cairo_stroke (cr);
            }
          cairo_new_path (cr);
          break;
        case ITEM_LINE:
          cairo_set_line_width (cr, item->stroke);
          cairo_move_to (cr, item->x, item->y);
          cairo_line_to (cr, item->x + item->w, item->y + item->h);
          cairo_stroke (cr);
          break;
        case ITEM_TEXT:
          set_font (layout, item->size, item->bold);
          pango_layout_set_text (layout, item->text, -1);
          cairo_move_to (cr, item->x, item->y);
          pango_cairo_show_layout (cr, layout);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  g_object_unref (layout);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_byte_array_unref (bytes);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _ ("could not draw the chart (%s)"),
                   cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (bytes);
}
