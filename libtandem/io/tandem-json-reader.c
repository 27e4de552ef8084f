/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-json-reader.c: a streaming reader of a JSON array of objects.
 *
 * json-glib parses whole documents; a file of a million activities would
 * be a million nodes in memory. This reader scans the outer array itself,
 * cuts out one element at a time (tracking nesting and strings) and hands
 * only that element to JsonParser, so memory stays bounded by the largest
 * element. */

#include "config.h"

#include <inttypes.h>

#include "tandem-i18n-private.h"
#include <string.h>

#include "tandem-json-reader-private.h"
#include "tandem-import.h"
#include "tandem-types.h"

#define BUFFER_SIZE (64 * 1024)
#define MAX_ELEMENT (16 * 1024 * 1024)

struct _TandemJsonReader
{
  GInputStream *stream;
  char         *buffer;
  gsize         len;
  gsize         pos;
  guint64       bytes_read;
  guint64       line;
  guint64       element_line;
  GString      *element;
  JsonParser   *parser;
  guint         n_elements;
  guint         eof : 1;
  guint         opened : 1;
  guint         closed : 1;
};

TandemJsonReader *
_tandem_json_reader_new (GInputStream *stream)
{
  TandemJsonReader *self = g_new0 (TandemJsonReader, 1);

  self->stream = g_object_ref (stream);
  self->buffer = g_malloc (BUFFER_SIZE);
  self->element = g_string_sized_new (256);
  self->parser = json_parser_new_immutable ();
  self->line = 1;
  return self;
}

TandemJsonReader *
_tandem_json_reader_new_for_data (const char *data, gsize len)
{
  g_autoptr (GInputStream) stream
      = g_memory_input_stream_new_from_data (g_memdup2 (data, len), len, g_free);

  return _tandem_json_reader_new (stream);
}

void
_tandem_json_reader_free (TandemJsonReader *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->stream);
  g_clear_object (&self->parser);
  g_free (self->buffer);
  g_string_free (self->element, TRUE);
  g_free (self);
}

guint64
_tandem_json_reader_get_line (TandemJsonReader *self)
{
  return self->element_line;
}

guint64
_tandem_json_reader_get_bytes_read (TandemJsonReader *self)
{
  return self->bytes_read;
}

static int
next_byte (TandemJsonReader *self, GCancellable *cancellable, GError **error)
{
  int c;

  if (self->pos == self->len)
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
      if (self->bytes_read == 0 && self->len >= 3 && memcmp (self->buffer, "\xEF\xBB\xBF", 3) == 0)
        self->pos = 3;
      self->bytes_read += (guint64)n;
      if (self->pos == self->len)
        return next_byte (self, cancellable, error);
    }

  c = (unsigned char)self->buffer[self->pos++];
  if (c == '\n')
    self->line++;
  return c;
}

static int
next_token_byte (TandemJsonReader *self, GCancellable *cancellable, GError **error)
{
  int c;

  do
    c = next_byte (self, cancellable, error);
  while (c == ' ' || c == '\t' || c == '\r' || c == '\n');

  return c;
}

static gboolean
syntax_error (TandemJsonReader *self, GError **error, const char *what)
{
  g_set_error (error, TANDEM_IMPORT_ERROR, TANDEM_IMPORT_ERROR_SYNTAX, "line %" PRIu64 ": %s",
               self->line, what);
  return FALSE;
}

static int
hex4 (const char *p)
{
  int v = 0;

  for (int i = 0; i < 4; i++)
    {
      int d = g_ascii_xdigit_value (p[i]);

      if (d < 0)
        return -1;
      v = v * 16 + d;
    }
  return v;
}

/* json-glib turns "\u0000" into a NUL that silently cuts a C string short,
 * and a lone surrogate into something that is no character: refuse both,
 * and raw NUL bytes, naming the line and the key. */
static gboolean
check_strings (TandemJsonReader *self, GError **error)
{
  const char      *text = self->element->str;
  gsize            len = self->element->len;
  guint64          line = self->element_line;
  int              depth = 0;
  gsize            string_start = 0;
  gboolean         in_string = FALSE;
  g_autofree char *key = NULL;
  const char      *problem = NULL;
  int              bad = 0;

  for (gsize i = 0; i < len && problem == NULL; i++)
    {
      char c = text[i];

      if (c == '\n')
        line++;
      if (c == '\0')
        problem = _ ("holds a NUL byte");
      else if (!in_string)
        {
          if (c == '"')
            {
              in_string = TRUE;
              string_start = i + 1;
            }
          else if (c == '{' || c == '[')
            depth++;
          else if (c == '}' || c == ']')
            depth--;
        }
      else if (c == '"')
        {
          gsize j = i + 1;

          in_string = FALSE;
          while (j < len && g_ascii_isspace (text[j]))
            j++;
          if (depth == 1 && j < len && text[j] == ':')
            {
              g_free (key);
              key = g_strndup (text + string_start, i - string_start);
            }
        }
      else if (c == '\\' && i + 1 < len)
        {
          i++;
          if (text[i] != 'u' || i + 4 >= len)
            continue;
          bad = hex4 (text + i + 1);
          if (bad == 0)
            problem = _ ("holds \\u0000 (a NUL character)");
          else if (bad >= 0xDC00 && bad <= 0xDFFF)
            problem = _ ("holds a lone low surrogate (not a character)");
          else if (bad >= 0xD800 && bad <= 0xDBFF)
            {
              int low = i + 10 < len && text[i + 5] == '\\' && text[i + 6] == 'u'
                            ? hex4 (text + i + 7)
                            : -1;

              if (low < 0xDC00 || low > 0xDFFF)
                problem = _ ("holds a lone high surrogate (not a character)");
              else
                i += 6;
            }
          i += 4;
        }
    }

  if (problem == NULL)
    return TRUE;
  g_set_error (error, TANDEM_IMPORT_ERROR, TANDEM_IMPORT_ERROR_INVALID_FIELD,
               "line %" PRIu64 ": %s: %s", line, key != NULL ? key : _ ("key"), problem);
  return FALSE;
}

gboolean
_tandem_json_reader_next (TandemJsonReader *self,
                          JsonObject      **object,
                          GCancellable     *cancellable,
                          GError          **error)
{
  g_autoptr (GError) local_error = NULL;
  JsonNode *root;
  int       depth = 0;
  gboolean  in_string = FALSE;
  gboolean  escaped = FALSE;
  int       c;

  *object = NULL;

  if (self->closed)
    return FALSE;

  if (!self->opened)
    {
      c = next_token_byte (self, cancellable, error);
      if (c == -2)
        return FALSE;
      if (c != '[')
        return syntax_error (self, error, _ ("expected a JSON array of activity objects"));
      self->opened = TRUE;
    }

  c = next_token_byte (self, cancellable, error);
  if (c == -2)
    return FALSE;
  if (self->n_elements > 0)
    {
      if (c == ']')
        goto end;
      if (c == -1)
        return syntax_error (self, error, _ ("the array is not closed"));
      if (c != ',')
        return syntax_error (self, error, _ ("expected “,” or “]” after an element"));
      c = next_token_byte (self, cancellable, error);
      if (c == -2)
        return FALSE;
    }
  else if (c == ']')
    goto end;

  if (c != '{')
    return syntax_error (self, error,
                         c == -1 ? _ ("the array is not closed")
                                 : _ ("each element must be an object"));

  self->element_line = self->line;
  g_string_truncate (self->element, 0);

  /* copy the element up to its closing brace */
  for (;;)
    {
      if (c == -1)
        return syntax_error (self, error, _ ("an object is not closed before the end of the file"));
      if (c == -2)
        return FALSE;
      if (self->element->len >= MAX_ELEMENT)
        return syntax_error (self, error, _ ("an element is larger than 16 MiB"));

      g_string_append_c (self->element, (char)c);

      if (in_string)
        {
          if (escaped)
            escaped = FALSE;
          else if (c == '\\')
            escaped = TRUE;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        depth++;
      else if (c == '}' || c == ']')
        {
          if (--depth == 0)
            break;
        }

      c = next_byte (self, cancellable, error);
    }

  self->n_elements++;

  if (!check_strings (self, error))
    return FALSE;

  if (!json_parser_load_from_data (self->parser, self->element->str, self->element->len,
                                   &local_error))
    {
      g_set_error (error, TANDEM_IMPORT_ERROR, TANDEM_IMPORT_ERROR_SYNTAX, "line %" PRIu64 ": %s",
                   self->element_line, local_error->message);
      return FALSE;
    }

  root = json_parser_get_root (self->parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return syntax_error (self, error, _ ("each element must be an object"));

  *object = json_node_get_object (root);
  return TRUE;

end:
  self->closed = TRUE;
  c = next_token_byte (self, cancellable, error);
  if (c == -2)
    return FALSE;
  if (c != -1)
    return syntax_error (self, error, _ ("unexpected text after the closing “]”"));
  return FALSE;
}
