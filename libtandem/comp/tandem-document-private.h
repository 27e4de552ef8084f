/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-document-private.h: a paged A4 document with real text: a title
 * block, a table whose header repeats on every page it runs over, blocks
 * after the table, a draft mark and "Page N of M" on every page. The
 * statement (tandem-settlement-pdf.c) and the book extract
 * (tandem-book-extract-pdf.c) are written through it. */

#pragma once

#include <gio/gio.h>

#include "tandem-rep.h"

G_BEGIN_DECLS

typedef struct _TandemDocument TandemDocument;

typedef enum
{
  TANDEM_DOCUMENT_PORTRAIT,
  TANDEM_DOCUMENT_LANDSCAPE,
} TandemDocumentOrientation;

/* A table column: its header (untranslated: N_()), its width in points (0: the rest of the
 * line), and whether it is right-aligned (amounts). */
typedef struct
{
  const char *header;
  double      width;
  gboolean    right;
} TandemDocumentColumn;

/* @info is Pango markup (label, tab, value lines); @draft, when not NULL,
 * is marked in red on every page. @columns is copied. */
TandemDocument *_tandem_document_new (TandemDocumentOrientation   orientation,
                                      const char                 *title,
                                      const char                 *running_head,
                                      const char                 *info,
                                      const char                 *draft,
                                      const TandemDocumentColumn *columns,
                                      guint                       n_columns);
void            _tandem_document_free (TandemDocument *doc);
/* Appends a row of the table; takes @cells, an array of n_columns
 * strings (NULL for an empty cell), each and the array freed with
 * g_free(). */
void _tandem_document_add_row (TandemDocument *doc, char **cells);
/* Appends a block after the table (Pango markup, label TAB value lines);
 * takes @markup. */
void _tandem_document_add_after (TandemDocument *doc, char *markup);
/* Writes the document as PDF to @stream (not closed); @what names the
 * document in the error when cairo fails. */
gboolean _tandem_document_write_pdf (TandemDocument *doc,
                                     GOutputStream  *stream,
                                     GCancellable   *cancellable,
                                     const char     *what,
                                     GError        **error);

/* "Anna Schäfer (personnel number 1001)", or the name alone. */
char *_tandem_document_rep_text (TandemRep *rep);
/* "Standard, version 2", or the name alone for a plan not stored (0). */
char *_tandem_document_plan_text (const char *name, guint version);
/* The translation of @labels[@value] (N_() strings), "?" beyond them. */
const char *_tandem_document_label (const char *const *labels, guint n_labels, guint value);
/* An amount as the locale writes it, with its currency or without. */
char *_tandem_document_money (gint64 minor, const char *currency, gboolean with_currency);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemDocument, _tandem_document_free)

G_END_DECLS
