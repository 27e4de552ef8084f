/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test-reads.c: a read that fails is an error, never a shorter answer.
 *
 * The store's file is opened through a VFS of this test that passes every
 * call to SQLite's own, except that while `failing` is set every read of
 * the database or its WAL fails with SQLITE_IOERR_READ, as a dying disk or
 * a vanished network share would. Another connection writes between the
 * store's reads, so the store's page cache is stale and it must read. */

#include <sqlite3.h>

#include "tandem-test.h"

static char    *tmpdir;
static gboolean failing;

typedef struct
{
  sqlite3_file  base;
  sqlite3_file *real; /* the default VFS's file, allocated after this one */
} TestFile;

static sqlite3_vfs *real_vfs;
static sqlite3_vfs  test_vfs;

#define REAL(f) (((TestFile *)(f))->real)

static int
test_close (sqlite3_file *f)
{
  return REAL (f)->pMethods->xClose (REAL (f));
}

static int
test_read (sqlite3_file *f, void *buffer, int amount, sqlite3_int64 offset)
{
  if (failing)
    return SQLITE_IOERR_READ;
  return REAL (f)->pMethods->xRead (REAL (f), buffer, amount, offset);
}

static int
test_write (sqlite3_file *f, const void *buffer, int amount, sqlite3_int64 offset)
{
  return REAL (f)->pMethods->xWrite (REAL (f), buffer, amount, offset);
}

static int
test_truncate (sqlite3_file *f, sqlite3_int64 size)
{
  return REAL (f)->pMethods->xTruncate (REAL (f), size);
}

static int
test_sync (sqlite3_file *f, int flags)
{
  return REAL (f)->pMethods->xSync (REAL (f), flags);
}

static int
test_file_size (sqlite3_file *f, sqlite3_int64 *size)
{
  return REAL (f)->pMethods->xFileSize (REAL (f), size);
}

static int
test_lock (sqlite3_file *f, int level)
{
  return REAL (f)->pMethods->xLock (REAL (f), level);
}

static int
test_unlock (sqlite3_file *f, int level)
{
  return REAL (f)->pMethods->xUnlock (REAL (f), level);
}

static int
test_check_reserved (sqlite3_file *f, int *out)
{
  return REAL (f)->pMethods->xCheckReservedLock (REAL (f), out);
}

static int
test_file_control (sqlite3_file *f, int op, void *arg)
{
  return REAL (f)->pMethods->xFileControl (REAL (f), op, arg);
}

static int
test_sector_size (sqlite3_file *f)
{
  return REAL (f)->pMethods->xSectorSize (REAL (f));
}

static int
test_device_characteristics (sqlite3_file *f)
{
  return REAL (f)->pMethods->xDeviceCharacteristics (REAL (f));
}

static int
test_shm_map (sqlite3_file *f, int page, int size, int extend, void volatile **out)
{
  return REAL (f)->pMethods->xShmMap (REAL (f), page, size, extend, out);
}

static int
test_shm_lock (sqlite3_file *f, int offset, int n, int flags)
{
  return REAL (f)->pMethods->xShmLock (REAL (f), offset, n, flags);
}

static void
test_shm_barrier (sqlite3_file *f)
{
  REAL (f)->pMethods->xShmBarrier (REAL (f));
}

static int
test_shm_unmap (sqlite3_file *f, int delete_flag)
{
  return REAL (f)->pMethods->xShmUnmap (REAL (f), delete_flag);
}

/* no memory-mapped pages: every read goes through test_read */
static int
test_fetch (sqlite3_file *f, sqlite3_int64 offset, int amount, void **out)
{
  *out = NULL;
  return SQLITE_OK;
}

static int
test_unfetch (sqlite3_file *f, sqlite3_int64 offset, void *page)
{
  return SQLITE_OK;
}

static const sqlite3_io_methods test_methods = {
  3,
  test_close,
  test_read,
  test_write,
  test_truncate,
  test_sync,
  test_file_size,
  test_lock,
  test_unlock,
  test_check_reserved,
  test_file_control,
  test_sector_size,
  test_device_characteristics,
  test_shm_map,
  test_shm_lock,
  test_shm_barrier,
  test_shm_unmap,
  test_fetch,
  test_unfetch,
};

static int
test_open (sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags, int *out_flags)
{
  TestFile *file = (TestFile *)f;
  int       rc;

  file->real = (sqlite3_file *)(file + 1);
  rc = real_vfs->xOpen (real_vfs, name, file->real, flags, out_flags);
  file->base.pMethods = rc == SQLITE_OK ? &test_methods : NULL;
  return rc;
}

static void
install_vfs (void)
{
  real_vfs = sqlite3_vfs_find (NULL);
  test_vfs = *real_vfs;
  test_vfs.szOsFile = (int)sizeof (TestFile) + real_vfs->szOsFile;
  test_vfs.zName = "tandem-test-failing";
  test_vfs.xOpen = test_open;
  g_assert (sqlite3_vfs_register (&test_vfs, 1) == SQLITE_OK);
}

static GDateTime *
at (const char *iso)
{
  return g_date_time_new_from_iso8601 (iso, NULL);
}

/* A store of two reps, a tandem, an account and 600 calls (three pages
 * of the paged list), and a second connection to change the file. */
static TandemStore *
make_store (const char *path, sqlite3 **other)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemStore) store = tandem_store_new_for_path (path, &error);
  g_autoptr (TandemRep) inside = NULL;
  g_autoptr (TandemRep) field = NULL;
  g_autoptr (TandemTeam) team = NULL;
  g_autoptr (TandemAccount) account = NULL;

  TANDEM_ASSERT_NO_ERROR (error);
  inside = tandem_store_add_rep (store, "Anna", TANDEM_ROLE_INSIDE, &error);
  field = tandem_store_add_rep (store, "Jonas", TANDEM_ROLE_FIELD, &error);
  team = tandem_store_add_team (store, inside, field, &error);
  account = tandem_store_add_account (store, "ACME", team, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  for (guint i = 0; i < 600; i++)
    {
      g_autofree char *iso = g_strdup_printf ("2026-11-%02uT10:%02u:00Z", 1 + i % 28, i % 60);
      g_autoptr (GDateTime) when = at (iso);
      g_autoptr (TandemActivity) a = tandem_store_log_activity (
          store, account, inside, TANDEM_ACTIVITY_KIND_CALL, NULL, when, &error);

      TANDEM_ASSERT_NO_ERROR (error);
    }
  CU_ASSERT_EQUAL_FATAL (sqlite3_open (path, other), SQLITE_OK);
  sqlite3_busy_timeout (*other, 10000);
  return g_steal_pointer (&store);
}

/* Another program changes the file: the store's cached pages are stale,
 * and its next read goes to the disk. */
static void
touch (sqlite3 *other)
{
  /* a real change: SQLite writes nothing for a value set to itself */
  CU_ASSERT_EQUAL (sqlite3_exec (other, "UPDATE rep SET name = name || '.'", NULL, NULL, NULL),
                   SQLITE_OK);
}

static void
test_lists_fail_whole (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "reads.db", NULL);
  g_autoptr (TandemStore) store = NULL;
  g_autoptr (GError) error = NULL;
  GListModel *(*lists[]) (TandemStore *, GError **) = {
    tandem_store_list_reps,
    tandem_store_list_teams,
    tandem_store_list_accounts,
    tandem_store_list_activities,
  };
  const guint expected[] = { 2, 1, 1, 600 };
  sqlite3    *other = NULL;

  store = make_store (path, &other);
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      g_autoptr (GListModel) list = NULL;

      touch (other);
      failing = TRUE;
      list = lists[i](store, &error);
      failing = FALSE;
      CU_ASSERT_PTR_NULL (list);
      TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_IO, "reads.db");

      /* the disk is back: the same store answers whole */
      list = lists[i](store, &error);
      TANDEM_ASSERT_NO_ERROR (error);
      CU_ASSERT_PTR_NOT_NULL_FATAL (list);
      CU_ASSERT_EQUAL (g_list_model_get_n_items (list), expected[i]);
    }

  /* a lookup reads the row afresh, and fails as plainly */
  {
    g_autoptr (TandemRep) rep = NULL;

    touch (other);
    failing = TRUE;
    rep = tandem_store_get_rep (store, 1, &error);
    failing = FALSE;
    CU_ASSERT_PTR_NULL (rep);
    TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_IO, "reads.db");
  }
  sqlite3_close (other);
}

static void
on_failed (GObject *object, GParamSpec *pspec, gpointer data)
{
  (*(guint *)data)++;
}

static void
test_paged_list_reports_a_lost_page (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "pages.db", NULL);
  g_autoptr (TandemStore) store = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) list = NULL;
  g_autoptr (TandemActivity) first = NULL;
  g_autoptr (TandemActivity) lost = NULL;
  g_autoptr (TandemActivity) later = NULL;
  guint    notified = 0;
  sqlite3 *other = NULL;

  store = make_store (path, &other);
  list = tandem_store_list_activities (store, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_FATAL (TANDEM_IS_ACTIVITY_LIST (list));
  g_signal_connect (list, "notify::failed", G_CALLBACK (on_failed), &notified);

  first = g_list_model_get_item (list, 0);
  CU_ASSERT_PTR_NOT_NULL (first);
  CU_ASSERT_TRUE (tandem_activity_list_check (TANDEM_ACTIVITY_LIST (list), &error));
  CU_ASSERT_FALSE (tandem_activity_list_get_failed (TANDEM_ACTIVITY_LIST (list)));

  /* the third page (items 512…599) is read while the disk fails */
  touch (other);
  failing = TRUE;
  lost = g_list_model_get_item (list, 599);
  failing = FALSE;
  CU_ASSERT_PTR_NULL (lost);
  CU_ASSERT_TRUE (tandem_activity_list_get_failed (TANDEM_ACTIVITY_LIST (list)));
  CU_ASSERT_EQUAL (notified, 1);
  CU_ASSERT_FALSE (tandem_activity_list_check (TANDEM_ACTIVITY_LIST (list), &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_IO,
                       "Could not read activity 599 of the list");

  /* the page reads later, but the list stays failed: it was not whole */
  later = g_list_model_get_item (list, 599);
  CU_ASSERT_PTR_NOT_NULL (later);
  CU_ASSERT_TRUE (tandem_activity_list_get_failed (TANDEM_ACTIVITY_LIST (list)));
  CU_ASSERT_EQUAL (notified, 1);
  sqlite3_close (other);
}

int
main (void)
{
  const TandemTestCase cases[] = {
    TANDEM_TEST_SQLITE (test_lists_fail_whole),
    TANDEM_TEST_SQLITE (test_paged_list_reports_a_lost_page),
  };
  int status;

  install_vfs ();
  tmpdir = tandem_test_make_tmpdir ();
  status = tandem_test_run ("reads", cases, G_N_ELEMENTS (cases));
  tandem_test_remove_tree (tmpdir);
  g_free (tmpdir);
  return status;
}
