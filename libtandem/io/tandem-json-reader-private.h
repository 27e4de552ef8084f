/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* A streaming reader of a JSON array of objects: one element in memory at
 * a time, each parsed with json-glib. */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct _TandemJsonReader TandemJsonReader;

TandemJsonReader *_tandem_json_reader_new (GInputStream *stream);
TandemJsonReader *_tandem_json_reader_new_for_data (const char *data, gsize len);
void              _tandem_json_reader_free (TandemJsonReader *self);
/* Returns TRUE with the next element (owned by the reader, valid until
 * the next call), or FALSE at the end of the array (no error) or on error. */
gboolean _tandem_json_reader_next (TandemJsonReader *self,
                                   JsonObject      **object,
                                   GCancellable     *cancellable,
                                   GError          **error);
guint64  _tandem_json_reader_get_line (TandemJsonReader *self);
guint64  _tandem_json_reader_get_bytes_read (TandemJsonReader *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemJsonReader, _tandem_json_reader_free)

G_END_DECLS
