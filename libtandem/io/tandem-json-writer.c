/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-json-writer.c: JSON written as it goes, in json-glib's pretty
 * format (indent 2, "name" : value, [] and {  } when empty, \uXXXX for
 * control characters and DEL, UTF-8 as it is) */

#include "config.h"

#include "tandem-json-writer.h"

/**
 * TandemJsonWriter:
 *
 * JSON written as it goes, to a `GOutputStream` or into memory, byte for
 * byte as json-glib's pretty generator (indent 2) writes the same tree.
 *
 * A settlement of a million lines or a list of a million activities is
 * written element by element, so memory holds a buffer, never the
 * document. The library's JSON ([method@Tandem.Settlement.write_json]) and
 * the `tandem` command's are written with it.
 *
 * Calls that do not fit where the writer stands (a member outside an
 * object, an end without a begin) are programmer errors: they emit a
 * critical warning and write nothing. A failed write to the stream is kept
 * and returned by [method@Tandem.JsonWriter.flush] and
 * [method@Tandem.JsonWriter.finish]; the writes after it do nothing.
 *
 * ```python
 * out = Gio.MemoryOutputStream.new_resizable()
 * w = Tandem.JsonWriter.new(out, None)
 * w.begin_object()
 * w.member('total')
 * w.add_string('24.00 EUR')
 * w.end_object()
 * w.finish()
 * ```
 *
 * Since: 1.0
 */

#define FLUSH_AT (64 * 1024)

typedef struct
{
  gboolean object;
  guint    count;
} Level;

struct _TandemJsonWriter
{
  GObject        parent_instance;
  GOutputStream *stream;
  GCancellable  *cancellable;
  GString       *buffer;
  GArray        *levels; /* Level */
  GError        *error;
  gboolean       after_member; /* a member name was written: its value follows */
};

G_DEFINE_FINAL_TYPE (TandemJsonWriter, tandem_json_writer, G_TYPE_OBJECT)

static void
tandem_json_writer_finalize (GObject *object)
{
  TandemJsonWriter *self = TANDEM_JSON_WRITER (object);

  g_clear_object (&self->stream);
  g_clear_object (&self->cancellable);
  g_array_unref (self->levels);
  g_string_free (self->buffer, TRUE);
  g_clear_error (&self->error);
  G_OBJECT_CLASS (tandem_json_writer_parent_class)->finalize (object);
}

static void
tandem_json_writer_class_init (TandemJsonWriterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tandem_json_writer_finalize;
}

static void
tandem_json_writer_init (TandemJsonWriter *self)
{
}

/**
 * tandem_json_writer_new:
 * @stream: (nullable): where the text goes, or %NULL to keep it in memory
 *   (see [method@Tandem.JsonWriter.steal_text])
 * @cancellable: (nullable): a #GCancellable for the writes to @stream
 *
 * Creates a writer. Text is written to @stream in blocks of 64 KiB and on
 * [method@Tandem.JsonWriter.flush] and [method@Tandem.JsonWriter.finish].
 *
 * Returns: (transfer full): a new writer
 *
 * Since: 1.0
 */
TandemJsonWriter *
tandem_json_writer_new (GOutputStream *stream, GCancellable *cancellable)
{
  TandemJsonWriter *self;

  g_return_val_if_fail (stream == NULL || G_IS_OUTPUT_STREAM (stream), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  self = g_object_new (TANDEM_TYPE_JSON_WRITER, NULL);
  self->stream = stream != NULL ? g_object_ref (stream) : NULL;
  self->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  self->buffer = g_string_sized_new (stream != NULL ? FLUSH_AT + 4096 : 4096);
  self->levels = g_array_new (FALSE, FALSE, sizeof (Level));
  return self;
}

/**
 * tandem_json_writer_flush:
 * @self: a `TandemJsonWriter`
 * @error: return location for a #GError
 *
 * Writes what is buffered to the stream (nothing for a writer into
 * memory).
 *
 * Returns: %TRUE, or %FALSE with the error of the first failed write
 *
 * Since: 1.0
 */
gboolean
tandem_json_writer_flush (TandemJsonWriter *self, GError **error)
{
  g_return_val_if_fail (TANDEM_IS_JSON_WRITER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->stream != NULL && self->error == NULL && self->buffer->len > 0)
    {
      if (g_output_stream_write_all (self->stream, self->buffer->str, self->buffer->len, NULL,
                                     self->cancellable, &self->error))
        g_string_truncate (self->buffer, 0);
    }
  if (self->error != NULL)
    {
      if (error != NULL)
        *error = g_error_copy (self->error);
      return FALSE;
    }
  return TRUE;
}

static void
maybe_flush (TandemJsonWriter *self)
{
  if (self->stream != NULL && self->buffer->len >= FLUSH_AT)
    tandem_json_writer_flush (self, NULL);
  if (self->error != NULL)
    g_string_truncate (self->buffer, 0);
}

static void
indent (TandemJsonWriter *self)
{
  for (guint i = 0; i < self->levels->len; i++)
    g_string_append (self->buffer, "  ");
}

/* Before a value: after a member name nothing more, in an array the
 * separator and the indent. */
static void
before_value (TandemJsonWriter *self)
{
  Level *level;

  if (self->after_member || self->levels->len == 0)
    {
      self->after_member = FALSE;
      return;
    }
  level = &g_array_index (self->levels, Level, self->levels->len - 1);
  g_string_append (self->buffer, level->count++ > 0 ? ",\n" : "\n");
  indent (self);
}

static void
append_escaped (GString *out, const char *text)
{
  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *)text; *p != '\0'; p++)
    switch (*p)
      {
      case '"':
        g_string_append (out, "\\\"");
        break;
      case '\\':
        g_string_append (out, "\\\\");
        break;
      case '\b':
        g_string_append (out, "\\b");
        break;
      case '\f':
        g_string_append (out, "\\f");
        break;
      case '\n':
        g_string_append (out, "\\n");
        break;
      case '\r':
        g_string_append (out, "\\r");
        break;
      case '\t':
        g_string_append (out, "\\t");
        break;
      default:
        if (*p < 0x20 || *p == 0x7f)
          g_string_append_printf (out, "\\u%04x", *p);
        else
          g_string_append_c (out, (char)*p);
      }
  g_string_append_c (out, '"');
}

static void
begin (TandemJsonWriter *self, gboolean object)
{
  Level level = { object, 0 };

  before_value (self);
  g_string_append_c (self->buffer, object ? '{' : '[');
  g_array_append_val (self->levels, level);
}

static void
end (TandemJsonWriter *self, gboolean object)
{
  Level level;

  g_return_if_fail (self->levels->len > 0);
  g_return_if_fail (g_array_index (self->levels, Level, self->levels->len - 1).object == object);
  level = g_array_index (self->levels, Level, self->levels->len - 1);
  g_array_set_size (self->levels, self->levels->len - 1);
  if (level.count == 0)
    g_string_append (self->buffer, level.object ? "  }" : "]");
  else
    {
      g_string_append_c (self->buffer, '\n');
      indent (self);
      g_string_append_c (self->buffer, level.object ? '}' : ']');
    }
  maybe_flush (self);
}

/**
 * tandem_json_writer_begin_object:
 * @self: a `TandemJsonWriter`
 *
 * Opens an object: as a value of the open array or member, or as the document.
 *
 * Since: 1.0
 */
void
tandem_json_writer_begin_object (TandemJsonWriter *self)
{
  g_return_if_fail (TANDEM_IS_JSON_WRITER (self));
  begin (self, TRUE);
}

/**
 * tandem_json_writer_end_object:
 * @self: a `TandemJsonWriter`
 *
 * Closes the open object.
 *
 * Since: 1.0
 */
void
tandem_json_writer_end_object (TandemJsonWriter *self)
{
  g_return_if_fail (TANDEM_IS_JSON_WRITER (self));
  end (self, TRUE);
}

/**
 * tandem_json_writer_begin_array:
 * @self: a `TandemJsonWriter`
 *
 * Opens an array: as a value of the open array or member, or as the document.
 *
 * Since: 1.0
 */
void
tandem_json_writer_begin_array (TandemJsonWriter *self)
{
  g_return_if_fail (TANDEM_IS_JSON_WRITER (self));
  begin (self, FALSE);
}

/**
 * tandem_json_writer_end_array:
 * @self: a `TandemJsonWriter`
 *
 * Closes the open array.
 *
 * Since: 1.0
 */
void
tandem_json_writer_end_array (TandemJsonWriter *self)
{
  g_return_if_fail (TANDEM_IS_JSON_WRITER (self));
  end (self, FALSE);
}

/**
 * tandem_json_writer_member:
 * @self: a `TandemJsonWriter`
 * @name: the member's name
 *
 * Writes the name of the next member of the open object; its value follows.
 *
 * Since: 1.0
 */
void
tandem_json_writer_member (TandemJsonWriter *self, const char *name)
{
  Level *level;

  g_return_if_fail (TANDEM_IS_JSON_WRITER (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (self->levels->len > 0 && !self->after_member);
  level = &g_array_index (self->levels, Level, self->levels->len - 1);
  g_return_if_fail (level->object);
  g_string_append (self->buffer, level->count++ > 0 ? ",\n" : "\n");
  indent (self);
  append_escaped (self->buffer, name);
  g_string_append (self->buffer, " : ");
  self->after_member = TRUE;
}

/**
 * tandem_json_writer_add_string:
 * @self: a `TandemJsonWriter`
 * @value: (nullable): UTF-8 text
 *
 * Writes a string value, escaped as JSON requires, or `null` for %NULL.
 *
 * Since: 1.0
 */
void
tandem_json_writer_add_string (TandemJsonWriter *self, const char *value)
{
  g_return_if_fail (TANDEM_IS_JSON_WRITER (self));
  if (value == NULL)
    {
      tandem_json_writer_add_null (self);
      return;
    }
  before_value (self);
  append_escaped (self->buffer, value);
  maybe_flush (self);
}

/**
 * tandem_json_writer_add_int:
 * @self: a `TandemJsonWriter`
 * @value: the number
 *
 * Writes an integer value. Money goes to JSON as a string, never as a number.
 *
 * Since: 1.0
 */
void
tandem_json_writer_add_int (TandemJsonWriter *self, gint64 value)
{
  g_return_if_fail (TANDEM_IS_JSON_WRITER (self));
  before_value (self);
  g_string_append_printf (self->buffer, "%" G_GINT64_FORMAT, value);
}

/**
 * tandem_json_writer_add_null:
 * @self: a `TandemJsonWriter`
 *
 * Writes `null`.
 *
 * Since: 1.0
 */
void
tandem_json_writer_add_null (TandemJsonWriter *self)
{
  g_return_if_fail (TANDEM_IS_JSON_WRITER (self));
  before_value (self);
  g_string_append (self->buffer, "null");
}

/**
 * tandem_json_writer_add_boolean:
 * @self: a `TandemJsonWriter`
 * @value: the value
 *
 * Writes `true` or `false`.
 *
 * Since: 1.0
 */
void
tandem_json_writer_add_boolean (TandemJsonWriter *self, gboolean value)
{
  g_return_if_fail (TANDEM_IS_JSON_WRITER (self));
  before_value (self);
  g_string_append (self->buffer, value ? "true" : "false");
}

/**
 * tandem_json_writer_finish:
 * @self: a `TandemJsonWriter`
 * @error: return location for a #GError
 *
 * Writes what is buffered: the end of the document. A writer into memory
 * keeps its text for [method@Tandem.JsonWriter.steal_text].
 *
 * Returns: %TRUE, or %FALSE with the error of the first failed write
 *
 * Since: 1.0
 */
gboolean
tandem_json_writer_finish (TandemJsonWriter *self, GError **error)
{
  g_return_val_if_fail (TANDEM_IS_JSON_WRITER (self), FALSE);

  return tandem_json_writer_flush (self, error);
}

/**
 * tandem_json_writer_steal_text:
 * @self: a `TandemJsonWriter`
 *
 * Takes the text a writer into memory has written, leaving it empty.
 *
 * Returns: (transfer full): the text written since the writer was made or
 *   last emptied
 *
 * Since: 1.0
 */
char *
tandem_json_writer_steal_text (TandemJsonWriter *self)
{
  g_return_val_if_fail (TANDEM_IS_JSON_WRITER (self), NULL);
  g_return_val_if_fail (self->stream == NULL, NULL);

  {
    char *text = g_strndup (self->buffer->str, self->buffer->len);

    g_string_truncate (self->buffer, 0);
    return text;
  }
}
