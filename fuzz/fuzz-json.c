/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* fuzz-json.c: the streaming JSON array reader, element by element */

#include <stdlib.h>

#include "io/tandem-json-reader-private.h"
#include "tandem-store.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  g_autoptr (TandemJsonReader) reader = _tandem_json_reader_new_for_data ((const char *)data, size);
  g_autoptr (GError) error = NULL;
  JsonObject *object;
  guint       n = 0;

  while (_tandem_json_reader_next (reader, &object, NULL, &error))
    n += json_object_get_size (object);

  if (error != NULL && error->domain != TANDEM_IMPORT_ERROR)
    abort ();
  return (int)(n & 0);
}
