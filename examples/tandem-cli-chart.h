/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-cli-chart.h: a chart laid out once, written as SVG or PDF */

#pragma once

#include <glib.h>
#include <string.h>

G_BEGIN_DECLS

typedef struct _CliChart CliChart;

CliChart *cli_chart_new (double width, const char *title);
void      cli_chart_free (CliChart *chart);
void      cli_chart_set_height (CliChart *chart, double height);
/* The size of @text as Pango sets it (Sans, @size units, bold or not). */
void cli_chart_measure (CliChart   *chart,
                        const char *text,
                        double      size,
                        gboolean    bold,
                        double     *width,
                        double     *height);
/* A rect filled with @rgb (%NULL: not filled), outlined when @outline > 0. */
void cli_chart_rect (CliChart     *chart,
                     const char   *role,
                     double        x,
                     double        y,
                     double        w,
                     double        h,
                     const double *rgb,
                     double        outline,
                     const double *outline_rgb);
void cli_chart_line (CliChart     *chart,
                     const char   *role,
                     double        x1,
                     double        y1,
                     double        x2,
                     double        y2,
                     const double *rgb,
                     double        width);
/* A text whose box starts at (@x, @top), or ends at @x when @right. */
void    cli_chart_text (CliChart   *chart,
                        const char *role,
                        const char *text,
                        double      x,
                        double      top,
                        double      size,
                        gboolean    bold,
                        gboolean    right);
char   *cli_chart_to_svg (CliChart *chart);
GBytes *cli_chart_to_pdf (CliChart *chart, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CliChart, cli_chart_free)

G_END_DECLS
