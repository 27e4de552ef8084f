/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-csv.c: a streaming RFC 4180 CSV reader and a field writer.
 *
 * Accepts CRLF and LF line ends, quoted fields with embedded separators,
 * quotes ("") and line breaks, and a UTF-8 byte order mark at the start.
 * The separator is taken from the first line: a semicolon when it has
 * more semicolons than commas (German Excel), else a comma. The text is
 * UTF-8, or Windows-1252 when the first bytes beyond ASCII are not valid
 * UTF-8 (and there is no byte order mark); Windows-1252 fields are
 * converted to UTF-8 as they are read. Memory stays bounded by the
 * longest record, whatever the file size. */

#include "config.h"

#include <inttypes.h>

#include "tandem-i18n-private.h"
#include <string.h>

#include "tandem-csv-private.h"
#include "tandem-import.h"
#include "tandem-types.h"

#define BUFFER_SIZE (64 * 1024)

struct _TandemCsvReader
{
  GInputStream     *stream;
  char             *buffer;
  gsize             len;
  gsize             pos;
  guint64           bytes_read;
  guint64           line;        /* current line while scanning */
  guint64           record_line; /* line where the last record began */
  GString          *record;      /* field texts, each NUL-terminated */
  GArray           *offsets;     /* start of each field in record */
  GPtrArray        *fields;
  GString          *converted; /* a Windows-1252 record as UTF-8 */
  char              separator;
  TandemCsvEncoding encoding;
  guint             eof : 1;
  guint             started : 1;
};

TandemCsvReader *
_tandem_csv_reader_new (GInputStream *stream)
{
  TandemCsvReader *self = g_new0 (TandemCsvReader, 1);

  self->stream = g_object_ref (stream);
  self->buffer = g_malloc (BUFFER_SIZE);
  self->record = g_string_sized_new (256);
  self->offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  self->fields = g_ptr_array_new ();
  self->line = 1;
  self->separator = ',';
  self->encoding = TANDEM_CSV_ENCODING_UNKNOWN;
  return self;
}

TandemCsvReader *
_tandem_csv_reader_new_for_data (const char *data, gsize len)
{
  g_autoptr (GInputStream) stream
      = g_memory_input_stream_new_from_data (g_memdup2 (data, len), len, g_free);

  return _tandem_csv_reader_new (stream);
}

void
_tandem_csv_reader_free (TandemCsvReader *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->stream);
  g_free (self->buffer);
  g_string_free (self->record, TRUE);
  if (self->converted != NULL)
    g_string_free (self->converted, TRUE);
  g_array_unref (self->offsets);
  g_ptr_array_unref (self->fields);
  g_free (self);
}

guint64
_tandem_csv_reader_get_line (TandemCsvReader *self)
{
  return self->record_line;
}

guint64
_tandem_csv_reader_get_bytes_read (TandemCsvReader *self)
{
  return self->bytes_read;
}

char
_tandem_csv_reader_get_separator (TandemCsvReader *self)
{
  return self->separator;
}

TandemCsvEncoding
_tandem_csv_reader_get_encoding (TandemCsvReader *self)
{
  return self->encoding;
}

/* The separator of the file: the one its first line (outside quotes)
 * holds more of. */
static void
detect_separator (TandemCsvReader *self)
{
  gsize    commas = 0, semicolons = 0;
  gboolean quoted = FALSE;

  for (gsize i = self->pos; i < self->len && (quoted || self->buffer[i] != '\n'); i++)
    {
      char c = self->buffer[i];

      if (c == '"')
        quoted = !quoted;
      else if (!quoted && c == ',')
        commas++;
      else if (!quoted && c == ';')
        semicolons++;
    }
  self->separator = semicolons > commas ? ';' : ',';
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
            {
              self->pos = 3;
              self->encoding = TANDEM_CSV_ENCODING_UTF8; /* a byte order mark says so */
            }
          detect_separator (self);
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

/* Windows-1252 bytes 0x80 to 0x9F as Unicode (0: not assigned); 0xA0 to
 * 0xFF are the same as in Latin-1. */
static const gunichar cp1252_high[32] = {
  0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
  0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
  0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

/* Whether every field of the record is valid UTF-8. */
static gboolean
record_is_utf8 (TandemCsvReader *self)
{
  for (guint i = 0; i < self->offsets->len; i++)
    if (!g_utf8_validate (self->record->str + g_array_index (self->offsets, gsize, i), -1, NULL))
      return FALSE;
  return TRUE;
}

/* Decides the encoding at the first byte beyond ASCII, and converts a
 * Windows-1252 record to UTF-8 (fields and their offsets). */
static gboolean
decode_record (TandemCsvReader *self, GError **error)
{
  gboolean ascii = TRUE;

  if (self->encoding == TANDEM_CSV_ENCODING_UTF8)
    return TRUE;
  for (gsize i = 0; i < self->record->len && ascii; i++)
    ascii = (guchar)self->record->str[i] < 0x80;
  if (ascii)
    return TRUE;
  if (self->encoding == TANDEM_CSV_ENCODING_UNKNOWN)
    self->encoding
        = record_is_utf8 (self) ? TANDEM_CSV_ENCODING_UTF8 : TANDEM_CSV_ENCODING_WINDOWS_1252;
  if (self->encoding == TANDEM_CSV_ENCODING_UTF8)
    return TRUE;

  if (self->converted == NULL)
    self->converted = g_string_sized_new (self->record->len * 2);
  g_string_truncate (self->converted, 0);
  for (gsize i = 0, field = 0; i < self->record->len; i++)
    {
      guchar   b = (guchar)self->record->str[i];
      gunichar u = b < 0x80 ? b : b < 0xA0 ? cp1252_high[b - 0x80] : b;

      if (b == '\0')
        {
          g_string_append_c (self->converted, '\0');
          if (++field < self->offsets->len)
            g_array_index (self->offsets, gsize, field) = self->converted->len;
          continue;
        }
      if (u == 0)
        {
          g_set_error (error, TANDEM_IMPORT_ERROR, TANDEM_IMPORT_ERROR_INVALID_FIELD,
                       _ ("line %" PRIu64 ": field %u: the byte 0x%02X is neither UTF-8 nor "
                          "Windows-1252"),
                       self->record_line, (guint)field + 1, b);
          return FALSE;
        }
      g_string_append_unichar (self->converted, u);
    }
  /* the converted text becomes the record */
  {
    GString *swap = self->record;

    self->record = self->converted;
    self->converted = swap;
  }
  return TRUE;
}

gboolean
_tandem_csv_reader_next (TandemCsvReader *self,
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
          if (c != self->separator && c != '\n' && c != '\r')
            {
              g_set_error (error, TANDEM_IMPORT_ERROR, TANDEM_IMPORT_ERROR_SYNTAX,
                           _ ("line %" PRIu64 ": unexpected text after a closing quote"),
                           self->line);
              return FALSE;
            }
          /* fall through to the separators below */
        }

      if (c == self->separator)
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

  if (!decode_record (self, error))
    return FALSE;
  for (guint i = 0; i < self->offsets->len; i++)
    g_ptr_array_add (self->fields, self->record->str + g_array_index (self->offsets, gsize, i));

  *fields = self->fields;
  return TRUE;
}

void
_tandem_csv_append_field (GString *out, const char *field)
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
