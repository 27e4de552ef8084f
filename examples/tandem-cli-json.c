/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-cli-json.c: JSON written as it goes.
 *
 * A list of a million activities or a statement of thousands of lines is
 * printed element by element: each element is built as a small JSON tree,
 * printed and freed, so memory holds one element, never the document.
 * The layout matches cli_print_json(): pretty, two spaces per level. */

#include "config.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "tandem-cli.h"

static void
indent (guint depth)
{
  for (guint i = 0; i < depth; i++)
    fputs ("  ", stdout);
}

/* Before a member or an element: the comma and the line break. */
static void
separate (CliJsonStream *s)
{
  if (s->pending_value)
    {
      s->pending_value = FALSE;
      return;
    }
  fputs (s->has_items[s->depth - 1] ? ",\n" : "\n", stdout);
  s->has_items[s->depth - 1] = TRUE;
  indent (s->depth);
}

void
cli_json_open (CliJsonStream *s, char bracket)
{
  g_return_if_fail (s->depth < G_N_ELEMENTS (s->has_items));

  if (s->depth > 0)
    separate (s);
  fputc (bracket, stdout);
  s->has_items[s->depth++] = FALSE;
}

void
cli_json_close (CliJsonStream *s, char bracket)
{
  g_return_if_fail (s->depth > 0);

  s->depth--;
  if (s->has_items[s->depth])
    {
      fputc ('\n', stdout);
      indent (s->depth);
    }
  fputc (bracket, stdout);
  if (s->depth == 0)
    fputc ('\n', stdout);
}

void
cli_json_key (CliJsonStream *s, const char *name)
{
  g_autoptr (JsonNode) key = json_node_init_string (json_node_alloc (), name);
  g_autofree char *text = json_to_string (key, FALSE);

  separate (s);
  printf ("%s : ", text);
  s->pending_value = TRUE;
}

void
cli_json_value (CliJsonStream *s, JsonNode *node)
{
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autofree char *text = NULL;

  separate (s);
  json_generator_set_root (gen, node);
  json_generator_set_pretty (gen, TRUE);
  json_generator_set_indent (gen, 2);
  text = json_generator_to_data (gen, NULL);
  /* the element's own lines, shifted to its depth */
  for (const char *p = text; *p != '\0'; p++)
    {
      fputc (*p, stdout);
      if (*p == '\n')
        indent (s->depth);
    }
}

void
cli_json_string (CliJsonStream *s, const char *name, const char *value)
{
  g_autoptr (JsonNode) node = json_node_alloc ();

  if (value != NULL)
    json_node_init_string (node, value);
  else
    json_node_init_null (node);
  cli_json_key (s, name);
  cli_json_value (s, node);
}

void
cli_json_int (CliJsonStream *s, const char *name, gint64 value)
{
  g_autoptr (JsonNode) node = json_node_init_int (json_node_alloc (), value);

  cli_json_key (s, name);
  cli_json_value (s, node);
}

void
cli_json_builder (CliJsonStream *s, JsonBuilder *b)
{
  g_autoptr (JsonNode) node = json_builder_get_root (b);

  cli_json_value (s, node);
}
