/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-csv.c: a streaming RFC 4180 CSV reader and a field writer.
 *
 * Accepts CRLF and LF line ends, quoted fields with embedded commas,
 * quotes ("") and line breaks, and a UTF-8 byte order mark at the start.
 * Memory stays bounded by the longest record, whatever the file size. */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tandem-csv-private.h"
#include "tandem-store.h"

#define BUFFER_SIZE (64 * 1024)

struct _TandemCsvReader
{
  GInputStream *stream;
  char         *buffer;
  gsize         len;
  gsize         pos;
  guint64       bytes_read;
  guint64       line;        /* current line while scanning */
  guint64       record_line; /* line where the last record began */
  GString      *record;      /* field texts, each NUL-terminated */
  GArray       *offsets;     /* start of each field in record */
  GPtrArray    *fields;
  guint         eof : 1;
  guint         started : 1;
};

TandemCsvReader *
tandem_csv_reader_new (GInputStream *stream)
{
  TandemCsvReader *self = g_new0 (TandemCsvReader, 1);

  self->stream = g_object_ref (stream);
  self->buffer = g_malloc (BUFFER_SIZE);
  self->record = g_string_sized_new (256);
  self->offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  self->fields = g_ptr_array_new ();
  self->line = 1;
  return self;
}

TandemCsvReader *
tandem_csv_reader_new_for_data (const char *data, gsize len)
{
  g_autoptr (GInputStream) stream
      = g_memory_input_stream_new_from_data (g_memdup2 (data, len), len, g_free);

  return tandem_csv_reader_new (stream);
}

void
tandem_csv_reader_free (TandemCsvReader *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->stream);
  g_free (self->buffer);
  g_string_free (self->record, TRUE);
  g_array_unref (self->offsets);
  g_ptr_array_unref (self->fields);
  g_free (self);
}

guint64
tandem_csv_reader_get_line (TandemCsvReader *self)
{
  return self->record_line;
}

guint64
tandem_csv_reader_get_bytes_read (TandemCsvReader *self)
{
  return self->bytes_read;
}

/* Returns the next byte, or -1 at the end of the input, or -2 on error. */
static inline int
next_byte (TandemCsvReader *self, GCancellable *cancellable, GError **error)
{
  if (G_UNLIKELY (self->pos == self->len))
    {
      gssize n;

      if (self->eof)
        return -1;

      n = g_input_stream_read (self->stream, self->buffer, BUFFER_SIZE, cancellable, error);
      if (n < 0)
        return -2;
      if (n == 0)
        {
          self->eof = TRUE;
          return -1;
        }
      self->len = (gsize)n;
      self->pos = 0;
      self->bytes_read += (guint64)n;

      if (!self->started)
        {
          self->started = TRUE;
          if (self->len >= 3 && memcmp (self->buffer, "\xEF\xBB\xBF", 3) == 0)
            self->pos = 3;
          if (self->pos == self->len)
            return next_byte (self, cancellable, error);
        }
    }

  return (unsigned char)self->buffer[self->pos++];
}

static inline int
peek_byte (TandemCsvReader *self, GCancellable *cancellable, GError **error)
{
  int c = next_byte (self, cancellable, error);

  if (c >= 0)
    self->pos--;
  return c;
}

static void
end_field (TandemCsvReader *self)
{
  g_string_append_c (self->record, '\0');
}

/* A NUL byte would cut a field short ("5.00 EUR\0999" read as 5.00), and
 * a field longer than TANDEM_TEXT_MAX is refused before it grows. */
static gboolean
refuse_byte (TandemCsvReader *self, int c, GError **error)
{
  if (c == 0)
    {
      g_set_error (error, TANDEM_IMPORT_ERROR, TANDEM_IMPORT_ERROR_INVALID_FIELD,
                   _ ("line %" PRIu64 ": field %u: holds a NUL byte"), self->line,
                   self->offsets->len);
      return FALSE;
    }
  g_set_error (error, TANDEM_IMPORT_ERROR, TANDEM_IMPORT_ERROR_INVALID_FIELD,
               _ ("line %" PRIu64 ": field %u: longer than %d bytes"), self->record_line,
               self->offsets->len, TANDEM_TEXT_MAX);
  return FALSE;
}

/* per byte: the test inline, the error out of line */
static inline gboolean
check_byte (TandemCsvReader *self, int c, GError **error)
{
  gsize field_len
      = self->record->len - g_array_index (self->offsets, gsize, self->offsets->len - 1);

  if (G_LIKELY (c != 0 && field_len < TANDEM_TEXT_MAX))
    return TRUE;
  return refuse_byte (self, c, error);
}

static void
start_field (TandemCsvReader *self)
{
  gsize offset = self->record->len;

  g_array_append_val (self->offsets, offset);
}

gboolean
tandem_csv_reader_next (TandemCsvReader *self,
                        GPtrArray      **fields,
                        GCancellable    *cancellable,
                        GError         **error)
{
  enum
  {
    FIELD_START,
    UNQUOTED,
    QUOTED,
    QUOTE_IN_QUOTED
  } state;
  int c;

  *fields = NULL;

again:
  g_string_truncate (self->record, 0);
  g_array_set_size (self->offsets, 0);
  g_ptr_array_set_size (self->fields, 0);
  self->record_line = self->line;
  state = FIELD_START;
  start_field (self);

  for (;;)
    {
      c = next_byte (self, cancellable, error);
      if (c == -2)
        return FALSE;

      if (c == -1)
        {
          if (state == QUOTED)
            {
              g_set_error (
                  error, TANDEM_IMPORT_ERROR, TANDEM_IMPORT_ERROR_SYNTAX,
                  _ ("line %" PRIu64 ": a quoted field is not closed before the end of the file"),
                  self->record_line);
              return FALSE;
            }
          if (self->offsets->len == 1 && self->record->len == 0 && state == FIELD_START)
            return FALSE; /* nothing left */
          break;
        }

      if (state == QUOTED)
        {
          if (c == '"')
            state = QUOTE_IN_QUOTED;
          else
            {
              if (!check_byte (self, c, error))
                return FALSE;
              if (c == '\n')
                self->line++;
              g_string_append_c (self->record, (char)c);
            }
          continue;
        }

      if (state == QUOTE_IN_QUOTED)
        {
          if (c == '"')
            {
              g_string_append_c (self->record, '"');
              state = QUOTED;
              continue;
            }
          if (c != ',' && c != '\n' && c != '\r')
            {
              g_set_error (error, TANDEM_IMPORT_ERROR, TANDEM_IMPORT_ERROR_SYNTAX,
                           _ ("line %" PRIu64 ": unexpected text after a closing quote"),
                           self->line);
              return FALSE;
            }
          /* fall through to the separators below */
        }

      if (c == ',')
        {
          end_field (self);
          start_field (self);
          state = FIELD_START;
          continue;
        }

      if (c == '\r' || c == '\n')
        {
          if (c == '\r')
            {
              int n = peek_byte (self, cancellable, error);

              if (n == -2)
                return FALSE;
              if (n == '\n')
                self->pos++;
            }
          self->line++;
          break;
        }

      if (c == '"')
        {
          if (state != FIELD_START)
            {
              g_set_error (error, TANDEM_IMPORT_ERROR, TANDEM_IMPORT_ERROR_SYNTAX,
                           _ ("line %" PRIu64 ": a quote inside an unquoted field (quote the whole "
                              "field and double the quote)"),
                           self->line);
              return FALSE;
            }
          state = QUOTED;
          continue;
        }

      if (!check_byte (self, c, error))
        return FALSE;
      g_string_append_c (self->record, (char)c);
      state = UNQUOTED;
    }

  end_field (self);

  /* an empty line is no record */
  if (self->offsets->len == 1 && self->record->len == 1)
    {
      if (c == -1)
        return FALSE;
      goto again;
    }

  for (guint i = 0; i < self->offsets->len; i++)
    g_ptr_array_add (self->fields, self->record->str + g_array_index (self->offsets, gsize, i));

  *fields = self->fields;
  return TRUE;
}

void
tandem_csv_append_field (GString *out, const char *field)
{
  gsize len;

  if (field == NULL)
    return;

  len = strlen (field);
  if (strpbrk (field, ",\"\r\n") == NULL
      && (len == 0 || (field[0] != ' ' && field[len - 1] != ' ')))
    {
      g_string_append_len (out, field, len);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}
