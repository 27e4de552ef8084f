/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-json-writer-private.h: JSON written as it goes, to a stream or
 * into memory, byte for byte as json-glib's pretty generator (indent 2)
 * writes the same tree, so that a large settlement never becomes a tree
 * in memory. */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _TandemJsonWriter TandemJsonWriter;

/* @stream NULL: the text stays in memory (_tandem_json_writer_steal). */
TandemJsonWriter *_tandem_json_writer_new (GOutputStream *stream, GCancellable *cancellable);
void              _tandem_json_writer_begin_object (TandemJsonWriter *self);
void              _tandem_json_writer_end_object (TandemJsonWriter *self);
void              _tandem_json_writer_begin_array (TandemJsonWriter *self);
void              _tandem_json_writer_end_array (TandemJsonWriter *self);
/* The name of the next member of the open object. */
void _tandem_json_writer_member (TandemJsonWriter *self, const char *name);
/* A string, or null for NULL. */
void _tandem_json_writer_string (TandemJsonWriter *self, const char *value);
void _tandem_json_writer_int (TandemJsonWriter *self, gint64 value);
void _tandem_json_writer_null (TandemJsonWriter *self);
/* Writes what is buffered; a failed write is kept and reported by
 * _tandem_json_writer_finish(), the writes after it do nothing. */
gboolean _tandem_json_writer_flush (TandemJsonWriter *self, GError **error);
/* Flushes and frees @self. */
gboolean _tandem_json_writer_finish (TandemJsonWriter *self, GError **error);
/* Frees @self and returns the text written into memory. */
char *_tandem_json_writer_steal (TandemJsonWriter *self);

G_END_DECLS
