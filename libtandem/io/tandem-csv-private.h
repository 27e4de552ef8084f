/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* A streaming RFC 4180 CSV reader and a field writer. */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _TandemCsvReader TandemCsvReader;

typedef enum
{
  TANDEM_CSV_ENCODING_UNKNOWN, /* only ASCII so far */
  TANDEM_CSV_ENCODING_UTF8,
  TANDEM_CSV_ENCODING_WINDOWS_1252,
} TandemCsvEncoding;

TandemCsvReader *_tandem_csv_reader_new (GInputStream *stream);
void             _tandem_csv_reader_free (TandemCsvReader *self);
/* Reads the next record. Returns TRUE with *fields set (owned by the
 * reader, valid until the next call), or FALSE at the end (*fields NULL,
 * no error) or on error. Empty lines are skipped. */
gboolean _tandem_csv_reader_next (TandemCsvReader *self,
                                  GPtrArray      **fields,
                                  GCancellable    *cancellable,
                                  GError         **error);
/* The line on which the current record began (1-based). */
guint64 _tandem_csv_reader_get_line (TandemCsvReader *self);
guint64 _tandem_csv_reader_get_bytes_read (TandemCsvReader *self);
/* ',' or ';', from the first line */
char _tandem_csv_reader_get_separator (TandemCsvReader *self);
/* Decided at the first byte beyond ASCII (or a byte order mark). */
TandemCsvEncoding _tandem_csv_reader_get_encoding (TandemCsvReader *self);
/* Reads from memory instead of a stream (for the fuzzer). */
TandemCsvReader *_tandem_csv_reader_new_for_data (const char *data, gsize len);

/* Appends @field to @out, quoted when it holds a comma, quote, CR or LF,
 * or starts or ends with a space. */
void _tandem_csv_append_field (GString *out, const char *field);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemCsvReader, _tandem_csv_reader_free)

G_END_DECLS
