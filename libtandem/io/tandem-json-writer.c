/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-json-writer.c: JSON written as it goes, in json-glib's pretty
 * format (indent 2, "name" : value, [] and {  } when empty, \uXXXX for
 * control characters and DEL, UTF-8 as it is) */

#include "config.h"

#include "tandem-json-writer-private.h"

#define FLUSH_AT (64 * 1024)

typedef struct
{
  gboolean object;
  guint    count;
} Level;

struct _TandemJsonWriter
{
  GOutputStream *stream;
  GCancellable  *cancellable;
  GString       *buffer;
  GArray        *levels; /* Level */
  GError        *error;
  gboolean       after_member; /* a member name was written: its value follows */
};

TandemJsonWriter *
_tandem_json_writer_new (GOutputStream *stream, GCancellable *cancellable)
{
  TandemJsonWriter *self = g_new0 (TandemJsonWriter, 1);

  self->stream = stream != NULL ? g_object_ref (stream) : NULL;
  self->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  self->buffer = g_string_sized_new (stream != NULL ? FLUSH_AT + 4096 : 4096);
  self->levels = g_array_new (FALSE, FALSE, sizeof (Level));
  return self;
}

static void
writer_free (TandemJsonWriter *self)
{
  g_clear_object (&self->stream);
  g_clear_object (&self->cancellable);
  g_array_unref (self->levels);
  g_clear_error (&self->error);
  g_free (self);
}

gboolean
_tandem_json_writer_flush (TandemJsonWriter *self, GError **error)
{
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
    _tandem_json_writer_flush (self, NULL);
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
end (TandemJsonWriter *self)
{
  Level level;

  g_assert (self->levels->len > 0);
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

void
_tandem_json_writer_begin_object (TandemJsonWriter *self)
{
  begin (self, TRUE);
}

void
_tandem_json_writer_end_object (TandemJsonWriter *self)
{
  end (self);
}

void
_tandem_json_writer_begin_array (TandemJsonWriter *self)
{
  begin (self, FALSE);
}

void
_tandem_json_writer_end_array (TandemJsonWriter *self)
{
  end (self);
}

void
_tandem_json_writer_member (TandemJsonWriter *self, const char *name)
{
  Level *level;

  g_assert (self->levels->len > 0);
  level = &g_array_index (self->levels, Level, self->levels->len - 1);
  g_assert (level->object);
  g_string_append (self->buffer, level->count++ > 0 ? ",\n" : "\n");
  indent (self);
  append_escaped (self->buffer, name);
  g_string_append (self->buffer, " : ");
  self->after_member = TRUE;
}

void
_tandem_json_writer_string (TandemJsonWriter *self, const char *value)
{
  if (value == NULL)
    {
      _tandem_json_writer_null (self);
      return;
    }
  before_value (self);
  append_escaped (self->buffer, value);
  maybe_flush (self);
}

void
_tandem_json_writer_int (TandemJsonWriter *self, gint64 value)
{
  before_value (self);
  g_string_append_printf (self->buffer, "%" G_GINT64_FORMAT, value);
}

void
_tandem_json_writer_null (TandemJsonWriter *self)
{
  before_value (self);
  g_string_append (self->buffer, "null");
}

gboolean
_tandem_json_writer_finish (TandemJsonWriter *self, GError **error)
{
  gboolean ok = _tandem_json_writer_flush (self, error);

  g_string_free (self->buffer, TRUE);
  writer_free (self);
  return ok;
}

char *
_tandem_json_writer_steal (TandemJsonWriter *self)
{
  char *text = g_string_free (self->buffer, FALSE);

  writer_free (self);
  return text;
}
