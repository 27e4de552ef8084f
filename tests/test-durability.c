/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test-durability.c: concurrent writers and crashes in the middle of an import */

#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <tandem.h>

#include "tandem-test.h"

#ifndef TANDEM_TEST_HELPER
#error "TANDEM_TEST_HELPER must name the helper program"
#endif

static char *tmpdir;

static int
setup (void)
{
  tmpdir = tandem_test_make_tmpdir ();
  return 0;
}

static int
teardown (void)
{
  tandem_test_remove_tree (tmpdir);
  g_clear_pointer (&tmpdir, g_free);
  return 0;
}

/* A seeded store: a file, or a database on the server; returns what
 * --db and tandem_store_new_for_uri() take. */
static char *
make_store (const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *file = g_build_filename (tmpdir, name, NULL);
  char            *path = tandem_test_db_for (file, &error);
  g_autoptr (TandemStore) store = path != NULL ? tandem_store_new_for_uri (path, &error) : NULL;
  g_autoptr (TandemRep) inside = NULL;
  g_autoptr (TandemRep) field = NULL;
  g_autoptr (TandemTeam) team = NULL;
  g_autoptr (TandemAccount) account = NULL;

  g_assert_no_error (error);
  inside = tandem_store_add_rep (store, "Anna Schäfer", TANDEM_ROLE_INSIDE, &error);
  field = tandem_store_add_rep (store, "Jonas Becker", TANDEM_ROLE_FIELD, &error);
  team = tandem_store_add_team (store, inside, field, &error);
  account = tandem_store_add_account (store, "ACME GmbH", team, &error);
  g_assert_no_error (error);
  return path;
}

static gint64
count_activities (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemStore) store = tandem_store_new_for_uri (path, &error);
  g_autoptr (GListModel) list = NULL;

  CU_ASSERT_PTR_NOT_NULL_FATAL (store);
  CU_ASSERT_TRUE (tandem_store_check_integrity (store, &error));
  TANDEM_ASSERT_NO_ERROR (error);
  list = tandem_store_list_activities (store, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (list);
  return g_list_model_get_n_items (list);
}

/* How many audit entries of @verb the store at @path holds. */
static guint
count_audit (const char *path, const char *verb)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemStore) store = tandem_store_new_for_uri (path, &error);
  g_autoptr (GListModel) entries = NULL;
  guint n = 0;

  TANDEM_ASSERT_NO_ERROR (error);
  entries = tandem_audit_entry_list (store, NULL, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  for (guint i = 0; entries != NULL && i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr (TandemAuditEntry) e = g_list_model_get_item (entries, i);

      n += strcmp (tandem_audit_entry_get_verb (e), verb) == 0;
    }
  return n;
}

/* Two processes log 10,000 activities each into the same file at once;
 * each activity has its audit entry. */
static void
test_two_writers (void)
{
  g_autofree char *path = make_store ("concurrent.db");
  const char      *prefixes[] = { "a", "b" };
  GPid             pids[2];

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (GError) error = NULL;
      const char *argv[] = { TANDEM_TEST_HELPER, "log",   path,        "1",
                             i == 0 ? "1" : "2", "10000", prefixes[i], NULL };

      g_spawn_async (NULL, (char **)argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pids[i],
                     &error);
      TANDEM_ASSERT_NO_ERROR (error);
    }

  for (guint i = 0; i < 2; i++)
    {
      int status = 0;

      CU_ASSERT_EQUAL (waitpid (pids[i], &status, 0), pids[i]);
      CU_ASSERT_TRUE (WIFEXITED (status) && WEXITSTATUS (status) == 0);
      g_spawn_close_pid (pids[i]);
    }

  CU_ASSERT_EQUAL (count_activities (path), 20000);
  CU_ASSERT_EQUAL (count_audit (path, "log"), 20000);
}

static char *
write_csv (guint rows)
{
  char *path = g_build_filename (tmpdir, "bulk.csv", NULL);
  g_autoptr (GString) csv = g_string_new ("ref,at,account,rep,kind,amount\n");
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < rows; i++)
    g_string_append_printf (csv, "bulk-%u,2026-11-%02uT%02u:%02u:00Z,1,%u,%s,%s\n", i, 1 + i % 28,
                            i % 24, i % 60, 1 + i % 2, i % 3 == 0 ? "order" : "call",
                            i % 3 == 0 ? "120.50 EUR" : "");

  g_file_set_contents (path, csv->str, csv->len, &error);
  g_assert_no_error (error);
  return path;
}

/* A child imports 200,000 rows in one transaction and is killed with
 * SIGKILL at several moments; afterwards the file opens, is sound, and
 * holds either every row of the import and its one audit entry, or
 * neither. */
static void
test_kill_during_import (void)
{
  g_autofree char *csv = write_csv (200000);
  /* 0: no kill, the import runs to its end */
  const guint delays_ms[] = { 5, 50, 150, 300, 600, 1000, 1500, 2500, 0 };
  guint       all = 0, none = 0;

  for (guint i = 0; i < G_N_ELEMENTS (delays_ms); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("crash-%u.db", i);
      g_autofree char *path = make_store (name);
      const char      *argv[] = { TANDEM_TEST_HELPER, "import", path, csv, NULL };
      GPid             pid;
      int              status = 0;
      gint64           n;

      g_spawn_async (NULL, (char **)argv, NULL,
                     G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, &pid,
                     &error);
      TANDEM_ASSERT_NO_ERROR (error);
      if (delays_ms[i] > 0)
        {
          g_usleep (delays_ms[i] * 1000);
          kill (pid, SIGKILL);
        }
      waitpid (pid, &status, 0);
      g_spawn_close_pid (pid);

      n = count_activities (path);
      if (n != 0 && n != 200000)
        g_printerr ("after a kill at %u ms the store holds %" G_GINT64_FORMAT " rows\n",
                    delays_ms[i], n);
      CU_ASSERT (n == 0 || n == 200000);
      CU_ASSERT_EQUAL (count_audit (path, "import"), n == 0 ? 0 : 1);
      if (n == 0)
        none++;
      else
        all++;
    }

  /* the kills must have landed both before and after the commit for the
   * test to mean anything */
  g_printerr ("kills before commit: %u, after: %u\n", none, all);
  CU_ASSERT (none > 0);
}

int
main (void)
{
  const TandemTestCase cases[] = {
    TANDEM_TEST (test_two_writers),
    TANDEM_TEST (test_kill_during_import),
  };
  int status;

  setup ();
  status = tandem_test_run ("durability", cases, G_N_ELEMENTS (cases));
  teardown ();
  return status;
}
