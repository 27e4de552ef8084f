/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* fuzz-csv.c: the streaming CSV reader, record by record */

#include <stdlib.h>

#include "io/tandem-csv-private.h"
#include "tandem-store.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  g_autoptr (TandemCsvReader) reader = _tandem_csv_reader_new_for_data ((const char *)data, size);
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) rewritten = g_string_new (NULL);
  GPtrArray *fields;

  while (_tandem_csv_reader_next (reader, &fields, NULL, &error))
    for (guint i = 0; i < fields->len; i++)
      {
        _tandem_csv_append_field (rewritten, fields->pdata[i]);
        g_string_append_c (rewritten, i + 1 < fields->len ? ',' : '\n');
      }

  if (error != NULL && error->domain != TANDEM_IMPORT_ERROR)
    abort ();
  return 0;
}
