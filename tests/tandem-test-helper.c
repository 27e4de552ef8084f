/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-test-helper.c: a child process for the concurrency and crash tests.
 *
 *   tandem-test-helper log DB ACCOUNT REP COUNT PREFIX   (DB: a path or a postgresql:// URI)
 *       logs COUNT activities one transaction each (refs PREFIX-N)
 *   tandem-test-helper import DB CSV
 *       imports CSV in one transaction and prints "done" */

#include <stdlib.h>
#include <tandem.h>

static int
do_log (const char *db, gint64 account_id, gint64 rep_id, guint count, const char *prefix)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemStore) store = tandem_store_new_for_uri (db, &error);
  g_autoptr (TandemAccount) account = NULL;
  g_autoptr (TandemRep) rep = NULL;
  g_autoptr (GDateTime) base = g_date_time_new_utc (2026, 11, 1, 8, 0, 0);

  if (store == NULL)
    goto fail;
  account = tandem_store_get_account (store, account_id, &error);
  if (account == NULL)
    goto fail;
  rep = tandem_store_get_rep (store, rep_id, &error);
  if (rep == NULL)
    goto fail;

  for (guint i = 0; i < count; i++)
    {
      g_autoptr (GDateTime) at = g_date_time_add_seconds (base, i);
      g_autoptr (TandemActivity) draft
          = tandem_activity_new (account, rep, TANDEM_ACTIVITY_KIND_CALL, NULL, at, &error);
      g_autoptr (TandemActivity) saved = NULL;
      g_autofree char *ref = g_strdup_printf ("%s-%u", prefix, i);

      if (draft == NULL)
        goto fail;
      tandem_activity_set_external_ref (draft, ref);
      saved = tandem_store_save_activity (store, draft, NULL, &error);
      if (saved == NULL)
        goto fail;
    }
  return 0;

fail:
  g_printerr ("helper: %s\n", error ? error->message : "?");
  return 1;
}

static int
do_import (const char *db, const char *csv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemStore) store = tandem_store_new_for_uri (db, &error);
  g_autoptr (GFile) file = g_file_new_for_path (csv);
  g_autoptr (GFileInputStream) stream = NULL;
  guint64 inserted = 0;

  if (store == NULL)
    goto fail;
  stream = g_file_read (file, NULL, &error);
  if (stream == NULL)
    goto fail;
  if (!tandem_store_import_activities (store, G_INPUT_STREAM (stream), TANDEM_DATA_FORMAT_CSV, NULL,
                                       NULL, &inserted, NULL, NULL, &error))
    goto fail;
  g_print ("done %" G_GUINT64_FORMAT "\n", inserted);
  return 0;

fail:
  g_printerr ("helper: %s\n", error ? error->message : "?");
  return 1;
}

int
main (int argc, char *argv[])
{
  if (argc == 7 && g_str_equal (argv[1], "log"))
    return do_log (argv[2], g_ascii_strtoll (argv[3], NULL, 10),
                   g_ascii_strtoll (argv[4], NULL, 10), (guint)g_ascii_strtoull (argv[5], NULL, 10),
                   argv[6]);
  if (argc == 4 && g_str_equal (argv[1], "import"))
    return do_import (argv[2], argv[3]);

  g_printerr ("usage: %s log DB ACCOUNT REP COUNT PREFIX | import DB CSV\n", argv[0]);
  return 2;
}
