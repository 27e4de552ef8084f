/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-cli-json.c: the command's JSON, written with the library's one
 * writer (TandemJsonWriter) to standard output.
 *
 * A list of a million activities or a statement of thousands of lines is
 * printed element by element: each element is built as a small json-glib
 * tree, handed to the writer and freed, so memory holds one element, never
 * the document. */

#include "config.h"

#include <gio/gunixoutputstream.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <unistd.h>

#include "tandem-cli.h"

TandemJsonWriter *
cli_json_writer (void)
{
  g_autoptr (GOutputStream) out = g_unix_output_stream_new (STDOUT_FILENO, FALSE);

  /* what stdio holds goes first */
  fflush (stdout);
  return tandem_json_writer_new (out, NULL);
}

gboolean
cli_json_end (TandemJsonWriter *w)
{
  g_autoptr (GError) error = NULL;

  if (!tandem_json_writer_finish (w, &error))
    {
      g_printerr ("tandem: %s\n", error->message);
      return FALSE;
    }
  g_print ("\n");
  return TRUE;
}

void
cli_json_node (TandemJsonWriter *w, JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr (GList) members = json_object_get_members (object);

        tandem_json_writer_begin_object (w);
        for (GList *m = members; m != NULL; m = m->next)
          {
            tandem_json_writer_member (w, m->data);
            cli_json_node (w, json_object_get_member (object, m->data));
          }
        tandem_json_writer_end_object (w);
        break;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        tandem_json_writer_begin_array (w);
        for (guint i = 0; i < json_array_get_length (array); i++)
          cli_json_node (w, json_array_get_element (array, i));
        tandem_json_writer_end_array (w);
        break;
      }
    case JSON_NODE_NULL:
      tandem_json_writer_add_null (w);
      break;
    case JSON_NODE_VALUE:
    default:
      if (json_node_get_value_type (node) == G_TYPE_INT64)
        tandem_json_writer_add_int (w, json_node_get_int (node));
      else if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
        tandem_json_writer_add_boolean (w, json_node_get_boolean (node));
      else if (json_node_get_value_type (node) == G_TYPE_STRING)
        tandem_json_writer_add_string (w, json_node_get_string (node));
      else /* the command prints no floating point: money is text */
        g_return_if_reached ();
      break;
    }
}

void
cli_json_builder (TandemJsonWriter *w, JsonBuilder *b)
{
  g_autoptr (JsonNode) node = json_builder_get_root (b);

  cli_json_node (w, node);
}

void
cli_json_string (TandemJsonWriter *w, const char *name, const char *value)
{
  tandem_json_writer_member (w, name);
  tandem_json_writer_add_string (w, value);
}

void
cli_json_int (TandemJsonWriter *w, const char *name, gint64 value)
{
  tandem_json_writer_member (w, name);
  tandem_json_writer_add_int (w, value);
}

void
cli_print_json (JsonNode *node)
{
  g_autoptr (TandemJsonWriter) w = cli_json_writer ();

  cli_json_node (w, node);
  cli_json_end (w);
}
