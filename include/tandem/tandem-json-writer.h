/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-json-writer.h: JSON written as it goes, in json-glib's pretty
 * layout, to a stream or into memory */

#pragma once

#if !defined(TANDEM_INSIDE) && !defined(TANDEM_COMPILATION)
#error "Only <tandem.h> can be included directly."
#endif

#include <gio/gio.h>

#include "tandem-version-macros.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_JSON_WRITER (tandem_json_writer_get_type ())
TANDEM_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (TandemJsonWriter, tandem_json_writer, TANDEM, JSON_WRITER, GObject)

TANDEM_AVAILABLE_IN_ALL
TandemJsonWriter *tandem_json_writer_new (GOutputStream *stream,
                                          GCancellable  *cancellable) G_GNUC_WARN_UNUSED_RESULT;
TANDEM_AVAILABLE_IN_ALL
void tandem_json_writer_begin_object (TandemJsonWriter *self);
TANDEM_AVAILABLE_IN_ALL
void tandem_json_writer_end_object (TandemJsonWriter *self);
TANDEM_AVAILABLE_IN_ALL
void tandem_json_writer_begin_array (TandemJsonWriter *self);
TANDEM_AVAILABLE_IN_ALL
void tandem_json_writer_end_array (TandemJsonWriter *self);
TANDEM_AVAILABLE_IN_ALL
void tandem_json_writer_member (TandemJsonWriter *self, const char *name);
TANDEM_AVAILABLE_IN_ALL
void tandem_json_writer_add_string (TandemJsonWriter *self, const char *value);
TANDEM_AVAILABLE_IN_ALL
void tandem_json_writer_add_int (TandemJsonWriter *self, gint64 value);
TANDEM_AVAILABLE_IN_ALL
void tandem_json_writer_add_boolean (TandemJsonWriter *self, gboolean value);
TANDEM_AVAILABLE_IN_ALL
void tandem_json_writer_add_null (TandemJsonWriter *self);
TANDEM_AVAILABLE_IN_ALL
gboolean tandem_json_writer_flush (TandemJsonWriter *self, GError **error);
TANDEM_AVAILABLE_IN_ALL
gboolean tandem_json_writer_finish (TandemJsonWriter *self, GError **error);
TANDEM_AVAILABLE_IN_ALL
char *tandem_json_writer_steal_text (TandemJsonWriter *self) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
