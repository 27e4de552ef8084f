/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-test.h: shared helpers of the CUnit suites */

#pragma once

#include <CUnit/Basic.h>
#include <CUnit/CUnit.h>
#include <glib.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <string.h>
#include <tandem.h>

typedef struct
{
  const char *name;
  CU_TestFunc func;
  gboolean    sqlite_only; /* about files: not run against a server */
} TandemTestCase;

/* Whether the tests run against PostgreSQL (TANDEM_TEST_ENGINE). */
static inline gboolean
tandem_test_on_postgresql (void)
{
  return g_strcmp0 (g_getenv ("TANDEM_TEST_ENGINE"), "postgresql") == 0;
}

#define TANDEM_TEST(fn) \
  {                     \
#fn, fn, FALSE      \
  }
#define TANDEM_TEST_SQLITE(fn) \
  {                            \
#fn, fn, TRUE              \
  }

/* Asserts that @error is set with @domain and @code (-1 for any code) and
 * that its message contains @needle (when not NULL); clears it. */
static inline void
tandem_test_assert_error (GError    **error,
                          GQuark      error_domain,
                          int         error_code,
                          const char *needle,
                          const char *file,
                          int         line)
{
  gboolean ok = *error != NULL && (*error)->domain == error_domain
                && (error_code < 0 || (*error)->code == error_code);

  if (ok && needle != NULL && strstr ((*error)->message, needle) == NULL)
    ok = FALSE;
  if (!ok)
    g_printerr ("%s:%d: expected error %s/%d naming “%s”, got %s\n", file, line,
                g_quark_to_string (error_domain), error_code, needle ? needle : "",
                *error ? (*error)->message : "no error");
  CU_assertImplementation (ok, line, "expected error", file, "", CU_FALSE);
  g_clear_error (error);
}

#define TANDEM_ASSERT_ERROR(error, error_domain, error_code, needle) \
  tandem_test_assert_error (&(error), (error_domain), (error_code), (needle), __FILE__, __LINE__)

#define TANDEM_ASSERT_NO_ERROR(error)                            \
  G_STMT_START                                                   \
  {                                                              \
    if ((error) != NULL)                                         \
      {                                                          \
        g_printerr ("unexpected error: %s\n", (error)->message); \
        g_clear_error (&(error));                                \
        CU_FAIL_FATAL ("unexpected error");                      \
      }                                                          \
  }                                                              \
  G_STMT_END

/* Runs one suite of tests and returns the exit status of a test program:
 * 0 when everything passed. */
static inline int
tandem_test_run (const char *suite_name, const TandemTestCase *cases, gsize n_cases)
{
  CU_pSuite    suite;
  unsigned int failures;
  gsize        n_cases_run = n_cases;

  if (CU_initialize_registry () != CUE_SUCCESS)
    return CU_get_error ();

  suite = CU_add_suite (suite_name, NULL, NULL);
  if (suite == NULL)
    {
      CU_cleanup_registry ();
      return CU_get_error ();
    }

  for (gsize i = 0; i < n_cases; i++)
    {
      if (cases[i].sqlite_only && tandem_test_on_postgresql ())
        {
          n_cases_run--;
          continue;
        }
      if (CU_add_test (suite, cases[i].name, cases[i].func) == NULL)
        {
          CU_cleanup_registry ();
          return CU_get_error ();
        }
    }

  CU_basic_set_mode (CU_BRM_VERBOSE);
  CU_basic_run_tests ();
  failures = CU_get_number_of_failures () + CU_get_number_of_tests_failed ();
  if (CU_get_number_of_tests_run () != n_cases_run)
    failures++;
  CU_cleanup_registry ();

  return failures == 0 ? 0 : 1;
}

/* Where a test's store lives: the file @path on SQLite (NULL: memory);
 * with TANDEM_TEST_ENGINE=postgresql the URI of a database on the server
 * in PGHOST/PGPORT/PGUSER, made empty the first time @path is seen. The
 * same @path gives the same store again. */
static inline char *
tandem_test_db_for (const char *path, GError **error)
{
  static GHashTable *made;
  static guint       counter;
  g_autofree char   *name = NULL;

  if (!tandem_test_on_postgresql ())
    return g_strdup (path);

  if (made == NULL)
    made = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (path != NULL)
    {
      g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA1, path, -1);

      name = g_strdup_printf ("t_%.20s", digest);
    }
  else
    name = g_strdup_printf ("m_%d_%u", (int)getpid (), ++counter);

  if (!g_hash_table_contains (made, name))
    {
      const char *drop[] = { "dropdb", "--if-exists", name, NULL };
      const char *create[] = { "createdb", name, NULL };
      int         status = 0;

      if (!g_spawn_sync (NULL, (char **)drop, NULL,
                         G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                         &status, error)
          || !g_spawn_sync (NULL, (char **)create, NULL,
                            G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                            NULL, &status, error)
          || !g_spawn_check_wait_status (status, error))
        return NULL;
      g_hash_table_add (made, g_strdup (name));
    }

  return g_strdup_printf ("postgresql:///%s", name);
}

/* A new, empty store for a test (see tandem_test_db_for()); the same
 * @path gives the same store again (a second connection). */
static inline TandemStore *
tandem_test_store_new (const char *path, GError **error)
{
  g_autofree char *db = NULL;

  if (!tandem_test_on_postgresql ())
    return path != NULL ? tandem_store_new_for_path (path, error)
                        : tandem_store_new_in_memory (error);
  db = tandem_test_db_for (path, error);
  return db != NULL ? tandem_store_new_for_uri (db, error) : NULL;
}

/* Anna (inside) and Jonas (field) as a tandem, with the account ACME. */
static inline void
tandem_test_add_tandem (TandemStore    *store,
                        TandemRep     **inside,
                        TandemRep     **field,
                        TandemTeam    **team,
                        TandemAccount **account)
{
  g_autoptr (GError) error = NULL;

  *inside = tandem_store_add_rep (store, "Anna", TANDEM_ROLE_INSIDE, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  *field = tandem_store_add_rep (store, "Jonas", TANDEM_ROLE_FIELD, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  *team = tandem_store_add_team (store, *inside, *field, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  *account = tandem_store_add_account (store, "ACME", *team, &error);
  TANDEM_ASSERT_NO_ERROR (error);
}

/* A fresh temporary directory per test; removed with its files. */
static inline char *
tandem_test_make_tmpdir (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("tandem-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static inline void
tandem_test_remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR))
          tandem_test_remove_tree (child);
        else
          g_unlink (child);
      }
  g_rmdir (path);
}
