/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test-store.c: TandemStore through its public API */

#include <sqlite3.h>
#include <string.h>
#include <tandem.h>

#include "tandem-test.h"

static char *tmpdir;

typedef struct
{
  TandemStore   *store;
  TandemRep     *inside;
  TandemRep     *field;
  TandemTeam    *team;
  TandemAccount *account;
} Fixture;

static void
fixture_init (Fixture *f, const char *path)
{
  g_autoptr (GError) error = NULL;

  f->store = tandem_test_store_new (path, &error);
  g_assert_no_error (error);
  f->inside = tandem_store_add_rep (f->store, "Anna Schäfer", TANDEM_ROLE_INSIDE, &error);
  f->field = tandem_store_add_rep (f->store, "Jonas Becker", TANDEM_ROLE_FIELD, &error);
  f->team = tandem_store_add_team (f->store, f->inside, f->field, &error);
  f->account = tandem_store_add_account (f->store, "ACME GmbH", f->team, &error);
  g_assert_no_error (error);
}

static void
fixture_clear (Fixture *f)
{
  g_clear_object (&f->account);
  g_clear_object (&f->team);
  g_clear_object (&f->field);
  g_clear_object (&f->inside);
  g_clear_object (&f->store);
}

static GDateTime *
at (const char *iso)
{
  return g_date_time_new_from_iso8601 (iso, NULL);
}

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmpdir, name, NULL);
}

static void
test_create_and_reopen (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = tmp_path ("reopen.db");
  Fixture          f = { 0 };
  g_autoptr (TandemStore) again = NULL;
  g_autoptr (TandemRep) rep = NULL;
  g_autoptr (TandemTeam) team = NULL;
  g_autoptr (TandemAccount) account = NULL;
  sqlite3      *db;
  sqlite3_stmt *stmt;

  fixture_init (&f, path);
  CU_ASSERT_STRING_EQUAL (tandem_store_get_path (f.store), path);
  CU_ASSERT_FALSE (tandem_store_get_read_only (f.store));
  CU_ASSERT (tandem_store_get_schema_version (f.store) >= 1);
  fixture_clear (&f);

  again = tandem_test_store_new (path, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  rep = tandem_store_get_rep (again, 1, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_STRING_EQUAL (tandem_rep_get_name (rep), "Anna Schäfer");
  team = tandem_store_get_team (again, 1, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_PTR_EQUAL (tandem_team_get_inside_rep (team), rep); /* one object per row */
  account = tandem_store_get_account (again, 1, &error);
  CU_ASSERT_PTR_EQUAL (tandem_account_get_team (account), team);

  /* WAL mode and the schema version are in the file */
  CU_ASSERT_EQUAL_FATAL (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
  sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL);
  CU_ASSERT_EQUAL (sqlite3_step (stmt), SQLITE_ROW);
  CU_ASSERT_STRING_EQUAL ((const char *)sqlite3_column_text (stmt, 0), "wal");
  sqlite3_finalize (stmt);
  sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  CU_ASSERT_EQUAL (sqlite3_step (stmt), SQLITE_ROW);
  CU_ASSERT_EQUAL (sqlite3_column_int (stmt, 0), tandem_store_get_schema_version (again));
  sqlite3_finalize (stmt);
  /* money is INTEGER minor units and a currency column, never REAL or TEXT */
  sqlite3_prepare_v2 (db,
                      "SELECT type FROM pragma_table_info('activity') WHERE name = 'amount_minor'",
                      -1, &stmt, NULL);
  CU_ASSERT_EQUAL (sqlite3_step (stmt), SQLITE_ROW);
  CU_ASSERT_STRING_EQUAL ((const char *)sqlite3_column_text (stmt, 0), "INTEGER");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static char *
file_checksum (const char *path)
{
  g_autofree char *data = NULL;
  gsize            len = 0;

  g_file_get_contents (path, &data, &len, NULL);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)data, len);
}

static void
test_refuses_foreign_files (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *newer = tmp_path ("newer.db");
  g_autofree char *other = tmp_path ("other.db");
  g_autofree char *garbage = tmp_path ("garbage.db");
  g_autofree char *missing = tmp_path ("no/such/dir/x.db");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr (TandemStore) store = NULL;
  Fixture  f = { 0 };
  sqlite3 *db;

  /* a store from a newer libtandem is refused and left untouched */
  fixture_init (&f, newer);
  fixture_clear (&f);
  CU_ASSERT_EQUAL_FATAL (sqlite3_open (newer, &db), SQLITE_OK);
  sqlite3_exec (db, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 999", NULL, NULL, NULL);
  sqlite3_close (db);
  before = file_checksum (newer);
  store = tandem_store_new_for_path (newer, &error);
  CU_ASSERT_PTR_NULL (store);
  TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_TOO_NEW, "999");
  after = file_checksum (newer);
  CU_ASSERT_STRING_EQUAL (before, after);

  /* somebody else's SQLite database */
  CU_ASSERT_EQUAL_FATAL (sqlite3_open (other, &db), SQLITE_OK);
  sqlite3_exec (db, "CREATE TABLE t (x); INSERT INTO t VALUES (1)", NULL, NULL, NULL);
  sqlite3_close (db);
  store = tandem_store_new_for_path (other, &error);
  CU_ASSERT_PTR_NULL (store);
  TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_A_STORE, "other.db");

  /* not a database at all */
  g_file_set_contents (
      garbage, "This is not a database, just some text that is long enough to have a header.", -1,
      NULL);
  store = tandem_store_new_for_path (garbage, &error);
  CU_ASSERT_PTR_NULL (store);
  TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CORRUPT, "garbage.db");

  /* a directory that does not exist */
  store = tandem_store_new_for_path (missing, &error);
  CU_ASSERT_PTR_NULL (store);
  TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_IO, "x.db");
}

static void
test_corrupt_pages (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = tmp_path ("damaged.db");
  g_autoptr (TandemStore) store = NULL;
  g_autofree char *data = NULL;
  gsize            len;
  Fixture          f = { 0 };
  sqlite3         *db;

  fixture_init (&f, path);
  for (guint i = 0; i < 500; i++)
    {
      g_autofree char            *name = g_strdup_printf ("Kunde %u", i);
      g_autoptr (TandemAccount) a G_GNUC_UNUSED
          = tandem_store_add_account (f.store, name, f.team, NULL);
    }
  fixture_clear (&f);
  CU_ASSERT_EQUAL_FATAL (sqlite3_open (path, &db), SQLITE_OK);
  sqlite3_exec (db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  sqlite3_close (db);

  /* scribble over the middle of the file, keeping the header */
  g_file_get_contents (path, &data, &len, NULL);
  CU_ASSERT_FATAL (len > 8192);
  memset (data + 4096 + 100, 0x5a, MIN (len - 4196, 8000));
  g_file_set_contents (path, data, len, NULL);

  store = tandem_test_store_new (path, &error);
  if (store != NULL)
    {
      g_autoptr (GListModel) accounts = NULL;

      CU_ASSERT_FALSE (tandem_store_check_integrity (store, &error));
      TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CORRUPT, "damaged.db");
      /* a damaged page is an error, never a shorter list */
      accounts = tandem_store_list_accounts (store, &error);
      if (accounts != NULL)
        CU_ASSERT_EQUAL (g_list_model_get_n_items (accounts), 501)
      else
        TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CORRUPT, "damaged.db");
    }
  else
    TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CORRUPT, NULL);
}

static void
test_read_only (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = tmp_path ("ro.db");
  g_autoptr (TandemStore) store = NULL;
  g_autoptr (TandemRep) rep = NULL;
  g_autoptr (TandemRep) added = NULL;
  g_autoptr (TandemAccount) account = NULL;
  g_autoptr (GDateTime) when = at ("2026-11-03T10:00:00Z");
  g_autoptr (TandemActivity) logged = NULL;
  g_autoptr (GInputStream) input = NULL;
  Fixture     f = { 0 };
  const char *csv = "at,account,rep,kind\n2026-11-03T10:00:00Z,1,1,call\n";

  fixture_init (&f, path);
  fixture_clear (&f);

  store = tandem_store_new_for_path_full (path, TANDEM_STORE_FLAGS_READ_ONLY, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE (tandem_store_get_read_only (store));
  rep = tandem_store_get_rep (store, 1, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_STRING_EQUAL (tandem_rep_get_name (rep), "Anna Schäfer");

  added = tandem_store_add_rep (store, "Neu", TANDEM_ROLE_FIELD, &error);
  CU_ASSERT_PTR_NULL (added);
  TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_READ_ONLY, "read-only");
  account = tandem_store_get_account (store, 1, &error);
  logged = tandem_store_log_activity (store, account, rep, TANDEM_ACTIVITY_KIND_CALL, NULL, when,
                                      &error);
  CU_ASSERT_PTR_NULL (logged);
  TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_READ_ONLY, NULL);
  tandem_rep_set_name (rep, "Umbenannt");
  CU_ASSERT_FALSE (tandem_store_update_rep (store, rep, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_READ_ONLY, NULL);
  input = g_memory_input_stream_new_from_data (csv, -1, NULL);
  CU_ASSERT_FALSE (tandem_store_import_activities (store, input, TANDEM_DATA_FORMAT_CSV, NULL, NULL,
                                                   NULL, NULL, NULL, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_READ_ONLY, NULL);

  /* a read-only open of a missing file does not create it */
  g_clear_object (&store);
  {
    g_autofree char *missing = tmp_path ("missing.db");

    store = tandem_store_new_for_path_full (missing, TANDEM_STORE_FLAGS_READ_ONLY, &error);
    CU_ASSERT_PTR_NULL (store);
    TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_FOUND, "missing.db");
    CU_ASSERT_FALSE (g_file_test (missing, G_FILE_TEST_EXISTS));
  }
}

static void
test_hostile_names (void)
{
  const char *names[] = {
    "Robert'); DROP TABLE rep;--",
    "Ölmühle Größe & Söhne",
    "\"; DELETE FROM account; --",
    "名前 テスト",
  };
  static const char *const controls[] = {
    "Tab\tand\nnewline", "Bell\a", "Escape\x1b[31m", "C1 \xc2\x85 next line", "DEL\x7f",
  };
  g_autofree char *path = tmp_path ("names.db");
  Fixture          f = { 0 };

  fixture_init (&f, path);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (TandemRep) rep
          = tandem_store_add_rep (f.store, names[i], TANDEM_ROLE_FIELD, &error);
      g_autoptr (TandemAccount) account
          = tandem_store_add_account (f.store, names[i], f.team, &error);

      TANDEM_ASSERT_NO_ERROR (error);
      CU_ASSERT_STRING_EQUAL (tandem_rep_get_name (rep), names[i]);
      CU_ASSERT_STRING_EQUAL (tandem_account_get_name (account), names[i]);
    }

  /* control characters in names are refused, naming the character */
  for (guint i = 0; i < G_N_ELEMENTS (controls); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (TandemRep) rep
          = tandem_store_add_rep (f.store, controls[i], TANDEM_ROLE_FIELD, &error);

      CU_ASSERT_PTR_NULL (rep);
      TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_TEXT,
                           "control character U+");
    }
  fixture_clear (&f);

  {
    g_autoptr (GError) error = NULL;
    g_autoptr (TandemStore) store = tandem_test_store_new (path, &error);
    g_autoptr (GListModel) reps = tandem_store_list_reps (store, &error);
    g_autoptr (GListModel) accounts = tandem_store_list_accounts (store, &error);

    TANDEM_ASSERT_NO_ERROR (error);
    CU_ASSERT_FATAL (reps != NULL && accounts != NULL);
    CU_ASSERT_EQUAL (g_list_model_get_n_items (reps), 2 + G_N_ELEMENTS (names));
    CU_ASSERT_EQUAL (g_list_model_get_n_items (accounts), 1 + G_N_ELEMENTS (names));
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autoptr (TandemRep) rep = g_list_model_get_item (reps, 2 + i);
        g_autoptr (TandemAccount) account = g_list_model_get_item (accounts, 1 + i);

        CU_ASSERT_STRING_EQUAL (tandem_rep_get_name (rep), names[i]);
        CU_ASSERT_STRING_EQUAL (tandem_account_get_name (account), names[i]);
      }
    CU_ASSERT_TRUE (tandem_store_check_integrity (store, NULL));
  }
}

static void
test_update_and_archive (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemMoney) target = tandem_money_parse ("50000.00 EUR", NULL);
  g_autoptr (GListModel) reps = NULL;
  g_autoptr (TandemActivity) refused = NULL;
  g_autoptr (GDateTime) when = at ("2026-11-03T10:00:00Z");
  g_autoptr (TandemTeam) bad = NULL;
  Fixture f = { 0 };

  fixture_init (&f, NULL);

  tandem_rep_set_name (f.inside, "Anna Weber");
  CU_ASSERT_TRUE (tandem_store_update_rep (f.store, f.inside, &error));
  TANDEM_ASSERT_NO_ERROR (error);
  tandem_rep_set_name (f.inside, "");
  CU_ASSERT_FALSE (tandem_store_update_rep (f.store, f.inside, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_NAME, NULL);
  tandem_rep_set_name (f.inside, "Anna Weber");

  tandem_team_set_name (f.team, "Nord");
  tandem_team_set_target (f.team, target);
  CU_ASSERT_TRUE (tandem_team_set_inside_share (f.team, 4000, NULL));
  CU_ASSERT_TRUE (tandem_store_update_team (f.store, f.team, &error));
  TANDEM_ASSERT_NO_ERROR (error);

  tandem_account_set_category (f.account, TANDEM_CATEGORY_A);
  CU_ASSERT_TRUE (tandem_store_update_account (f.store, f.account, &error));
  TANDEM_ASSERT_NO_ERROR (error);

  CU_ASSERT_TRUE (tandem_store_archive_account (f.store, f.account, &error));
  CU_ASSERT_TRUE (tandem_account_get_archived (f.account));
  refused = tandem_store_log_activity (f.store, f.account, f.field, TANDEM_ACTIVITY_KIND_CALL, NULL,
                                       when, &error);
  CU_ASSERT_PTR_NULL (refused);
  TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID, "archived");

  CU_ASSERT_TRUE (tandem_store_archive_rep (f.store, f.field, &error));
  bad = tandem_store_add_team (f.store, f.inside, f.field, &error);
  CU_ASSERT_PTR_NULL (bad);
  TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID, "archived");
  CU_ASSERT_TRUE (tandem_store_archive_team (f.store, f.team, &error));

  /* archived rows are kept, with their values */
  fixture_clear (&f);
  (void)reps;
}

static void
test_reload_values (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = tmp_path ("values.db");
  g_autoptr (TandemMoney) target = tandem_money_parse ("50000.00 EUR", NULL);
  g_autoptr (TandemStore) store = NULL;
  g_autoptr (TandemTeam) team = NULL;
  g_autoptr (TandemAccount) account = NULL;
  g_autoptr (TandemRep) rep = NULL;
  Fixture f = { 0 };

  fixture_init (&f, path);
  tandem_team_set_name (f.team, "Nord");
  tandem_team_set_target (f.team, target);
  tandem_team_set_inside_share (f.team, 4000, NULL);
  CU_ASSERT_TRUE (tandem_store_update_team (f.store, f.team, &error));
  tandem_account_set_category (f.account, TANDEM_CATEGORY_A);
  CU_ASSERT_TRUE (tandem_store_update_account (f.store, f.account, &error));
  CU_ASSERT_TRUE (tandem_store_archive_rep (f.store, f.inside, &error));
  TANDEM_ASSERT_NO_ERROR (error);
  fixture_clear (&f);

  store = tandem_test_store_new (path, &error);
  team = tandem_store_get_team (store, 1, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_STRING_EQUAL (tandem_team_get_name (team), "Nord");
  CU_ASSERT_EQUAL (tandem_team_get_inside_share (team), 4000);
  CU_ASSERT_TRUE (tandem_money_equal (tandem_team_get_target (team), target));
  account = tandem_store_get_account (store, 1, &error);
  CU_ASSERT_EQUAL (tandem_account_get_category (account), TANDEM_CATEGORY_A);
  rep = tandem_store_get_rep (store, 1, &error);
  CU_ASSERT_TRUE (tandem_rep_get_archived (rep));

  g_clear_object (&rep);
  rep = tandem_store_get_rep (store, 99, &error);
  CU_ASSERT_PTR_NULL (rep);
  TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_FOUND, "99");
}

static void
test_membership_history (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemRep) inside2 = NULL;
  g_autoptr (GDateTime) start = at ("2026-10-01T00:00:00Z");
  g_autoptr (GDateTime) change = at ("2026-11-15T00:00:00Z");
  g_autoptr (GDateTime) before = at ("2026-11-14T23:59:59Z");
  g_autoptr (GDateTime) earlier = at ("2026-09-01T00:00:00Z");
  g_autoptr (TandemTeam) draft = NULL;
  g_autoptr (TandemTeam) team = NULL;
  g_autoptr (TandemMembership) m1 = NULL;
  g_autoptr (TandemMembership) m2 = NULL;
  g_autoptr (TandemMembership) none = NULL;
  g_autoptr (GListModel) history = NULL;
  Fixture f = { 0 };

  fixture_init (&f, NULL);
  inside2 = tandem_store_add_rep (f.store, "Lea Hoffmann", TANDEM_ROLE_INSIDE, &error);
  draft = tandem_team_new ("Süd", f.inside, f.field, &error);

  /* the same two reps form one active tandem at a time */
  team = tandem_store_save_team (f.store, draft, start, &error);
  CU_ASSERT_PTR_NULL (team);
  TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                       "already form tandem");
  g_clear_error (&error);
  CU_ASSERT_TRUE (tandem_store_archive_team (f.store, f.team, &error));

  team = tandem_store_save_team (f.store, draft, start, &error);
  TANDEM_ASSERT_NO_ERROR (error);

  CU_ASSERT_TRUE (
      tandem_store_change_team_members (f.store, team, inside2, f.field, change, &error));
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_PTR_EQUAL (tandem_team_get_inside_rep (team), inside2);

  m1 = tandem_membership_load_at (f.store, team, before, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_PTR_EQUAL (tandem_membership_get_inside_rep (m1), f.inside);
  CU_ASSERT_TRUE (g_date_time_equal (tandem_membership_get_valid_until (m1), change));
  m2 = tandem_membership_load_at (f.store, team, change, &error);
  CU_ASSERT_PTR_EQUAL (tandem_membership_get_inside_rep (m2), inside2);
  CU_ASSERT_PTR_NULL (tandem_membership_get_valid_until (m2));
  CU_ASSERT_EQUAL (tandem_membership_get_team_id (m2), tandem_team_get_id (team));
  /* before the tandem was formed, its first members are credited */
  none = tandem_membership_load_at (f.store, team, earlier, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_PTR_EQUAL (tandem_membership_get_inside_rep (none), f.inside);

  history = tandem_membership_list (f.store, team, &error);
  CU_ASSERT_EQUAL (g_list_model_get_n_items (history), 2);

  /* roles are checked, and a change cannot go back in time */
  CU_ASSERT_FALSE (
      tandem_store_change_team_members (f.store, team, f.field, inside2, NULL, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_ROLE, NULL);
  CU_ASSERT_FALSE (
      tandem_store_change_team_members (f.store, team, f.inside, f.field, start, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID, "later");
  fixture_clear (&f);
}

static void
test_stage_history (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) t1 = at ("2026-11-03T10:00:00Z");
  g_autoptr (GDateTime) t2 = at ("2026-11-20T10:00:00Z");
  g_autoptr (GListModel) history = NULL;
  g_autoptr (TandemStageChange) c1 = NULL;
  g_autoptr (TandemStageChange) c2 = NULL;
  g_autoptr (GDateTime) created = at ("2026-10-01T00:00:00Z");
  g_autoptr (TandemAccount) draft = NULL;
  Fixture f = { 0 };

  fixture_init (&f, NULL);
  /* an account created now cannot have changed stage in the past */
  CU_ASSERT_FALSE (tandem_store_set_account_stage (f.store, f.account,
                                                   TANDEM_ACCOUNT_STAGE_CUSTOMER, t1, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID, "in order");
  CU_ASSERT_EQUAL (tandem_account_get_stage (f.account), TANDEM_ACCOUNT_STAGE_PROSPECT);

  draft = tandem_account_new ("Brauerei Kessler", f.team);
  g_clear_object (&f.account);
  f.account = tandem_store_save_account (f.store, draft, created, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE (tandem_store_set_account_stage (f.store, f.account, TANDEM_ACCOUNT_STAGE_CUSTOMER,
                                                  t1, &error));
  CU_ASSERT_TRUE (tandem_store_set_account_stage (f.store, f.account, TANDEM_ACCOUNT_STAGE_CUSTOMER,
                                                  t2, &error));
  CU_ASSERT_TRUE (tandem_store_set_account_stage (f.store, f.account, TANDEM_ACCOUNT_STAGE_REGULAR,
                                                  t2, &error));
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (tandem_account_get_stage (f.account), TANDEM_ACCOUNT_STAGE_REGULAR);

  history = tandem_stage_change_list (f.store, f.account, &error);
  CU_ASSERT_EQUAL_FATAL (g_list_model_get_n_items (history), 3); /* prospect, customer, regular */
  c1 = g_list_model_get_item (history, 1);
  c2 = g_list_model_get_item (history, 2);
  CU_ASSERT_EQUAL (tandem_stage_change_get_stage (c1), TANDEM_ACCOUNT_STAGE_CUSTOMER);
  CU_ASSERT_TRUE (g_date_time_equal (tandem_stage_change_get_changed_at (c1), t1));
  CU_ASSERT_EQUAL (tandem_stage_change_get_stage (c2), TANDEM_ACCOUNT_STAGE_REGULAR);
  CU_ASSERT_EQUAL (tandem_stage_change_get_account_id (c2), tandem_account_get_id (f.account));

  /* update_account records a stage change too */
  tandem_account_set_stage (f.account, TANDEM_ACCOUNT_STAGE_LOST);
  CU_ASSERT_TRUE (tandem_store_update_account (f.store, f.account, &error));
  g_clear_object (&history);
  history = tandem_stage_change_list (f.store, f.account, &error);
  CU_ASSERT_EQUAL (g_list_model_get_n_items (history), 4);
  fixture_clear (&f);
}

static void
test_activities_and_refs (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) t1 = at ("2026-11-03T10:00:00Z");
  g_autoptr (GDateTime) t2 = at ("2026-11-04T10:00:00Z");
  g_autoptr (TandemMoney) amount = tandem_money_parse ("1200.00 EUR", NULL);
  g_autoptr (TandemActivity) order = NULL;
  g_autoptr (TandemActivity) draft = NULL;
  g_autoptr (TandemActivity) again = NULL;
  g_autoptr (TandemActivity) rev_draft = NULL;
  g_autoptr (TandemActivity) reversal = NULL;
  g_autoptr (TandemActivity) loaded = NULL;
  g_autoptr (TandemActivity) found = NULL;
  gboolean inserted = TRUE;
  Fixture  f = { 0 };

  fixture_init (&f, NULL);
  draft = tandem_activity_new (f.account, f.field, TANDEM_ACTIVITY_KIND_ORDER, amount, t1, &error);
  tandem_activity_set_external_ref (draft, "ERP-17");
  tandem_activity_set_note (draft, "Rahmenvertrag");
  order = tandem_store_save_activity (f.store, draft, &inserted, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE (inserted);
  CU_ASSERT (tandem_activity_get_id (order) > 0);
  CU_ASSERT_STRING_EQUAL (tandem_activity_get_note (order), "Rahmenvertrag");

  /* the same external ref with the same facts again is a reported no-op */
  g_clear_object (&draft);
  draft = tandem_activity_new (f.account, f.field, TANDEM_ACTIVITY_KIND_ORDER, amount, t1, &error);
  tandem_activity_set_external_ref (draft, "ERP-17");
  again = tandem_store_save_activity (f.store, draft, &inserted, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_FALSE (inserted);
  CU_ASSERT_EQUAL (tandem_activity_get_id (again), tandem_activity_get_id (order));
  CU_ASSERT_EQUAL (tandem_activity_get_kind (again), TANDEM_ACTIVITY_KIND_ORDER);

  /* with other facts it is a conflict naming both */
  {
    g_autoptr (TandemActivity) other
        = tandem_activity_new (f.account, f.inside, TANDEM_ACTIVITY_KIND_CALL, NULL, t2, &error);
    g_autoptr (TandemActivity) refused = NULL;

    tandem_activity_set_external_ref (other, "ERP-17");
    refused = tandem_store_save_activity (f.store, other, &inserted, &error);
    CU_ASSERT_PTR_NULL (refused);
    TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CONFLICT,
                         "#1 (order, 1,200.00 EUR");
    g_clear_error (&error);
  }

  rev_draft = tandem_activity_new_reversal (order, f.inside, NULL, t2, &error);
  reversal = tandem_store_save_activity (f.store, rev_draft, NULL, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  loaded = tandem_store_get_activity (f.store, tandem_activity_get_id (reversal), &error);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (tandem_activity_get_id (tandem_activity_get_reverses (loaded)),
                   tandem_activity_get_id (order));
  CU_ASSERT_TRUE (tandem_money_equal (tandem_activity_get_amount (loaded), amount));
  CU_ASSERT_TRUE (g_date_time_equal (tandem_activity_get_occurred_at (loaded), t2));

  found = tandem_store_find_activity_by_ref (f.store, "ERP-17", &error);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (tandem_activity_get_id (found), tandem_activity_get_id (order));
  g_clear_object (&found);
  found = tandem_store_find_activity_by_ref (f.store, "nope", &error);
  TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_FOUND, "nope");

  /* an activity for an account that is not stored */
  {
    g_autoptr (TandemAccount) loose = tandem_account_new ("Lose", NULL);
    g_autoptr (TandemActivity) d
        = tandem_activity_new (loose, f.field, TANDEM_ACTIVITY_KIND_CALL, NULL, t1, NULL);
    g_autoptr (TandemActivity) s = tandem_store_save_activity (f.store, d, NULL, &error);

    CU_ASSERT_PTR_NULL (s);
    TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID, "account");
  }
  fixture_clear (&f);
}

static void
log_many (Fixture *f, guint n)
{
  g_autoptr (GDateTime) base = at ("2026-10-01T00:00:00Z");
  g_autoptr (TandemMoney) amount = tandem_money_parse ("10.00 EUR", NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (GError) error = NULL;
      /* times out of insertion order, so the list must sort */
      g_autoptr (GDateTime) t = g_date_time_add_minutes (base, (gint)((i * 7919) % n));
      TandemActivityKind kind = i % 4 == 0 ? TANDEM_ACTIVITY_KIND_ORDER : TANDEM_ACTIVITY_KIND_CALL;
      g_autoptr (TandemActivity) a G_GNUC_UNUSED = tandem_store_log_activity (
          f->store, f->account, i % 2 ? f->inside : f->field, kind,
          kind == TANDEM_ACTIVITY_KIND_ORDER ? amount : NULL, t, &error);
      g_assert_no_error (error);
    }
}

static void
test_paged_list (void)
{
  g_autoptr (GListModel) all = NULL;
  g_autoptr (GListModel) orders = NULL;
  g_autoptr (GListModel) inside = NULL;
  g_autoptr (GListModel) window = NULL;
  g_autoptr (TandemActivityFilter) filter = tandem_activity_filter_new ();
  g_autoptr (GDateTime) since = at ("2026-10-01T01:00:00Z");
  g_autoptr (GDateTime) until = at ("2026-10-01T02:00:00Z");
  g_autoptr (GError) error = NULL;
  gint64  last = G_MININT64;
  gint64  last_id = 0;
  Fixture f = { 0 };

  fixture_init (&f, NULL);
  log_many (&f, 1000);

  all = tandem_store_list_activities (f.store, NULL);
  CU_ASSERT_PTR_NOT_NULL_FATAL (all);
  CU_ASSERT_EQUAL_FATAL (g_list_model_get_n_items (all), 1000);
  CU_ASSERT_EQUAL (g_list_model_get_item_type (all), TANDEM_TYPE_ACTIVITY);
  for (guint i = 0; i < 1000; i++)
    {
      g_autoptr (TandemActivity) a = g_list_model_get_item (all, i);
      gint64 t = g_date_time_to_unix (tandem_activity_get_occurred_at (a));

      CU_ASSERT_PTR_NOT_NULL_FATAL (a);
      CU_ASSERT (t > last || (t == last && tandem_activity_get_id (a) > last_id));
      last = t;
      last_id = tandem_activity_get_id (a);
    }
  CU_ASSERT_PTR_NULL (g_list_model_get_item (all, 1000));

  /* random access: jumping back and forth gives the same items */
  {
    g_autoptr (TandemActivity) a = g_list_model_get_item (all, 777);
    g_autoptr (TandemActivity) b = g_list_model_get_item (all, 3);
    g_autoptr (TandemActivity) c = g_list_model_get_item (all, 777);

    CU_ASSERT_EQUAL (tandem_activity_get_id (a), tandem_activity_get_id (c));
    CU_ASSERT_NOT_EQUAL (tandem_activity_get_id (a), tandem_activity_get_id (b));
  }

  /* a list is a snapshot: later activities do not appear in it */
  log_many (&f, 10);
  CU_ASSERT_EQUAL (g_list_model_get_n_items (all), 1000);

  tandem_activity_filter_set_kind (filter, TANDEM_ACTIVITY_KIND_ORDER);
  orders = tandem_store_query_activities (f.store, filter, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (g_list_model_get_n_items (orders), 250 + 3);

  tandem_activity_filter_clear_kind (filter);
  tandem_activity_filter_set_rep (filter, f.inside);
  inside = tandem_store_query_activities (f.store, filter, &error);
  CU_ASSERT_EQUAL (g_list_model_get_n_items (inside), 505);

  tandem_activity_filter_set_rep (filter, NULL);
  tandem_activity_filter_set_team (filter, f.team);
  tandem_activity_filter_set_range (filter, since, until);
  window = tandem_store_query_activities (f.store, filter, &error);
  CU_ASSERT (g_list_model_get_n_items (window) >= 60 && g_list_model_get_n_items (window) <= 62);
  for (guint i = 0; i < g_list_model_get_n_items (window); i++)
    {
      g_autoptr (TandemActivity) a = g_list_model_get_item (window, i);

      CU_ASSERT (g_date_time_compare (tandem_activity_get_occurred_at (a), since) >= 0);
      CU_ASSERT (g_date_time_compare (tandem_activity_get_occurred_at (a), until) < 0);
    }
  fixture_clear (&f);
}

static GInputStream *
stream_for (const char *text)
{
  return g_memory_input_stream_new_from_data (g_strdup (text), -1, g_free);
}

static guint
count_all (TandemStore *store)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) list = tandem_store_list_activities (store, &error);

  TANDEM_ASSERT_NO_ERROR (error);
  return list != NULL ? g_list_model_get_n_items (list) : 0;
}

static void
test_import_all_or_nothing (void)
{
  const struct
  {
    const char *csv;
    int         code;
    const char *needle;
  } bad[] = {
    { "ref,at,account,rep,kind,amount\nA,2026-11-03T10:00:00Z,1,1,call,\nB,2026-11-03T11:00:00Z,1,"
      "1,order,12.5\n",
      TANDEM_IMPORT_ERROR_INVALID_FIELD, "line 3: amount:" },
    { "ref,at,account,rep,kind,amount\nA,2026-11-03T10:00:00Z,1,1,call,\nB,11/03/2026,1,1,call,\n",
      TANDEM_IMPORT_ERROR_INVALID_FIELD, "line 3: at:" },
    { "ref,at,account,rep,kind,amount\nA,2026-11-03T10:00:00Z,99,1,call,\n",
      TANDEM_IMPORT_ERROR_UNKNOWN_REFERENCE, "line 2: account: no account with id 99" },
    { "ref,at,account,rep,kind,amount\nA,2026-11-03T10:00:00Z,1,7,call,\n",
      TANDEM_IMPORT_ERROR_UNKNOWN_REFERENCE, "line 2: rep:" },
    { "ref,at,account,rep,kind,amount\nA,2026-11-03T10:00:00Z,1,1,sale,\n",
      TANDEM_IMPORT_ERROR_INVALID_FIELD, "line 2: kind:" },
    { "ref,at,account,rep,kind,amount\nA,2026-11-03T10:00:00Z,1,1,order,\n",
      TANDEM_IMPORT_ERROR_INVALID_FIELD,
      "line 2: amount: An activity of kind “order” needs an amount" },
    { "ref,at,account,rep,kind,amount,reverses\nA,2026-11-03T10:00:00Z,1,1,reversal,,nope\n",
      TANDEM_IMPORT_ERROR_UNKNOWN_REFERENCE, "line 2: reverses:" },
    { "ref,at,account,rep,kind,amount\nA,2026-11-03T10:00:00Z,1,1,call,\n\"B,2026\n",
      TANDEM_IMPORT_ERROR_SYNTAX, "line 3" },
    { "ref,at,account,rep,kind\nA,2026-11-03T10:00:00Z,1,1,call,extra\n",
      TANDEM_IMPORT_ERROR_SYNTAX, "line 2" },
    { "ref,at,acount,rep,kind\n", TANDEM_IMPORT_ERROR_SYNTAX, "acount" },
    { "ref,at,rep,kind\n", TANDEM_IMPORT_ERROR_MISSING_COLUMN, "account" },
  };
  Fixture f = { 0 };

  fixture_init (&f, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GInputStream) in = stream_for (bad[i].csv);
      guint64 inserted = 42;

      CU_ASSERT_FALSE (tandem_store_import_activities (f.store, in, TANDEM_DATA_FORMAT_CSV, NULL,
                                                       NULL, &inserted, NULL, NULL, &error));
      TANDEM_ASSERT_ERROR (error, TANDEM_IMPORT_ERROR, bad[i].code, bad[i].needle);
      CU_ASSERT_EQUAL (inserted, 0);
      CU_ASSERT_EQUAL (count_all (f.store), 0); /* nothing written */
    }
  fixture_clear (&f);
}

static void
test_import_rfc4180_and_refs (void)
{
  g_autoptr (GError) error = NULL;
  const char *csv
      = "\xEF\xBB\xBF"
        "ref,at,account,rep,kind,amount,reverses,note\r\n"
        "O-1,2026-11-03T10:00:00Z,1,2,order,1200.00 EUR,,\"Rahmenvertrag, Teil 1\"\r\n"
        "C-1,2026-11-03T11:00:00+01:00,1,1,call,,,\"Sagte: \"\"gern\"\"\r\nund legte auf\"\r\n"
        "R-1,2026-11-20T09:00:00Z,1,1,reversal,200.00 EUR,O-1,\r\n"
        "\r\n";
  g_autoptr (GInputStream) in = stream_for (csv);
  g_autoptr (GInputStream) in2 = stream_for (csv);
  g_autoptr (TandemActivity) call = NULL;
  g_autoptr (TandemActivity) rev = NULL;
  guint64 inserted = 0, skipped = 0;
  Fixture f = { 0 };

  fixture_init (&f, NULL);
  CU_ASSERT_TRUE (tandem_store_import_activities (f.store, in, TANDEM_DATA_FORMAT_CSV, NULL, NULL,
                                                  &inserted, &skipped, NULL, &error));
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (inserted, 3);
  CU_ASSERT_EQUAL (skipped, 0);

  call = tandem_store_find_activity_by_ref (f.store, "C-1", &error);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_STRING_EQUAL (tandem_activity_get_note (call), "Sagte: \"gern\"\r\nund legte auf");
  CU_ASSERT_EQUAL (g_date_time_get_hour (tandem_activity_get_occurred_at (call)),
                   10); /* 11:00+01:00 */
  rev = tandem_store_find_activity_by_ref (f.store, "R-1", &error);
  CU_ASSERT_STRING_EQUAL (tandem_activity_get_external_ref (tandem_activity_get_reverses (rev)),
                          "O-1");

  /* importing the same file again changes nothing and says so */
  CU_ASSERT_TRUE (tandem_store_import_activities (f.store, in2, TANDEM_DATA_FORMAT_CSV, NULL, NULL,
                                                  &inserted, &skipped, NULL, &error));
  CU_ASSERT_EQUAL (inserted, 0);
  CU_ASSERT_EQUAL (skipped, 3);
  CU_ASSERT_EQUAL (count_all (f.store), 3);
  fixture_clear (&f);
}

static char *
export_to_string (TandemStore *store, TandemDataFormat format)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr (GBytes) bytes = NULL;

  CU_ASSERT_TRUE (tandem_store_export_activities (store, out, format, NULL, NULL, &error));
  TANDEM_ASSERT_NO_ERROR (error);
  g_output_stream_close (out, NULL, NULL);
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
test_export_round_trip (void)
{
  const TandemDataFormat formats[] = { TANDEM_DATA_FORMAT_CSV, TANDEM_DATA_FORMAT_JSON };
  g_autoptr (GDateTime) t = at ("2026-11-03T10:00:00.250000Z");
  g_autoptr (TandemMoney) amount = tandem_money_parse ("99.99 EUR", NULL);
  Fixture src = { 0 };

  fixture_init (&src, NULL);
  log_many (&src, 300);
  {
    g_autoptr (TandemActivity) d = tandem_activity_new (
        src.account, src.field, TANDEM_ACTIVITY_KIND_UP_SELL, amount, t, NULL);
    g_autoptr (TandemActivity) o = NULL;
    g_autoptr (TandemActivity) r = NULL;
    g_autoptr (TandemActivity) rd = NULL;

    g_autoptr (TandemMoney) cost = tandem_money_parse ("60.50 EUR", NULL);

    tandem_activity_set_note (d, "Komma, \"Zitat\"\nZeile");
    /* what was sold goes out and comes back unchanged */
    tandem_activity_set_product (d, "P-100, groß");
    tandem_activity_set_category (d, "Maschinen");
    tandem_activity_set_quantity (d, 3);
    tandem_activity_set_cost (d, cost);
    o = tandem_store_save_activity (src.store, d, NULL, NULL);
    rd = tandem_activity_new_reversal (o, src.inside, NULL, t, NULL);
    r = tandem_store_save_activity (src.store, rd, NULL, NULL);
    CU_ASSERT_PTR_NOT_NULL (r);
  }

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *first = export_to_string (src.store, formats[i]);
      g_autoptr (GInputStream) in = stream_for (first);
      g_autofree char *second = NULL;
      guint64          inserted = 0;
      Fixture          dst = { 0 };

      CU_ASSERT_PTR_NOT_NULL (strstr (first, "Maschinen"));
      CU_ASSERT_PTR_NOT_NULL (strstr (first, "60.50 EUR"));

      fixture_init (&dst, NULL);
      CU_ASSERT_TRUE (tandem_store_import_activities (dst.store, in, formats[i], NULL, NULL,
                                                      &inserted, NULL, NULL, &error));
      TANDEM_ASSERT_NO_ERROR (error);
      CU_ASSERT_EQUAL (inserted, 302);
      second = export_to_string (dst.store, formats[i]);
      CU_ASSERT_STRING_EQUAL (first, second);
      fixture_clear (&dst);
    }
  fixture_clear (&src);
}

/* What a sale sold: stored, read back and checked. A cost above the
 * amount is a sale at a loss and is stored; a quantity of 0, a cost in
 * another currency or below zero, and a product on a call are refused
 * with the field named, and store nothing. */
static void
test_what_was_sold (void)
{
  Fixture f = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) t = at ("2026-11-03T10:00:00Z");
  g_autoptr (TandemMoney) amount = tandem_money_parse ("1000.00 EUR", NULL);
  g_autoptr (TandemMoney) cost = tandem_money_parse ("1200.00 EUR", NULL);
  g_autoptr (TandemMoney) dollars = tandem_money_parse ("700.00 USD", NULL);
  g_autoptr (TandemMoney) negative = tandem_money_parse ("-0.01 EUR", NULL);
  g_autoptr (TandemActivity) d = NULL;
  g_autoptr (TandemActivity) saved = NULL;
  g_autoptr (TandemActivity) again = NULL;
  g_autoptr (TandemActivity) call = NULL;
  guint64 n;

  fixture_init (&f, NULL);
  d = tandem_activity_new (f.account, f.field, TANDEM_ACTIVITY_KIND_ORDER, amount, t, NULL);
  CU_ASSERT_EQUAL (tandem_activity_get_quantity (d), 1);
  CU_ASSERT_PTR_NULL (tandem_activity_get_product (d));
  tandem_activity_set_product (d, "P-100");
  tandem_activity_set_category (d, "Maschinen");
  tandem_activity_set_quantity (d, 2);
  tandem_activity_set_cost (d, cost);
  saved = tandem_store_save_activity (f.store, d, NULL, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  again = tandem_store_get_activity (f.store, tandem_activity_get_id (saved), &error);
  CU_ASSERT_STRING_EQUAL (tandem_activity_get_product (again), "P-100");
  CU_ASSERT_STRING_EQUAL (tandem_activity_get_category (again), "Maschinen");
  CU_ASSERT_EQUAL (tandem_activity_get_quantity (again), 2);
  CU_ASSERT_TRUE (tandem_money_equal (tandem_activity_get_cost (again), cost));
  n = count_all (f.store);

  tandem_activity_set_external_ref (d, "bad-1");
  tandem_activity_set_quantity (d, 0);
  CU_ASSERT_PTR_NULL (tandem_store_save_activity (f.store, d, NULL, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_OUT_OF_RANGE,
                       "Quantity 0");
  g_clear_error (&error);
  tandem_activity_set_quantity (d, 1);
  tandem_activity_set_cost (d, dollars);
  CU_ASSERT_FALSE (tandem_activity_validate (d, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_AMOUNT,
                       "700.00 USD");
  g_clear_error (&error);
  tandem_activity_set_cost (d, negative);
  CU_ASSERT_PTR_NULL (tandem_store_save_activity (f.store, d, NULL, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_AMOUNT,
                       "negative");
  g_clear_error (&error);
  call = tandem_activity_new (f.account, f.field, TANDEM_ACTIVITY_KIND_CALL, NULL, t, NULL);
  tandem_activity_set_product (call, "P-100");
  CU_ASSERT_PTR_NULL (tandem_store_save_activity (f.store, call, NULL, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_VALUE,
                       "sold nothing");
  g_clear_error (&error);
  CU_ASSERT_EQUAL (count_all (f.store), n);

  /* the import reads them and names the field at fault */
  {
    static const struct
    {
      const char *row;
      const char *needle;
    } bad[] = {
      { "r1,2026-11-04T10:00:00Z,1,1,order,10.00 EUR,P,K,0,", "quantity" },
      { "r2,2026-11-04T10:00:00Z,1,1,order,10.00 EUR,P,K,1,5.00 USD", "cost" },
      { "r3,2026-11-04T10:00:00Z,1,1,call,,P,K,1,", "kind" },
      { "r4,2026-11-04T10:00:00Z,1,1,call,,,,,5.00", "cost" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_autofree char *csv = g_strdup_printf (
            "ref,at,account,rep,kind,amount,product,category,quantity,cost\n%s\n", bad[i].row);
        g_autoptr (GInputStream) in = stream_for (csv);

        CU_ASSERT_FALSE (tandem_store_import_activities (f.store, in, TANDEM_DATA_FORMAT_CSV, NULL,
                                                         NULL, NULL, NULL, NULL, &error));
        TANDEM_ASSERT_ERROR (error, TANDEM_IMPORT_ERROR, TANDEM_IMPORT_ERROR_INVALID_FIELD,
                             bad[i].needle);
        g_clear_error (&error);
      }
    {
      g_autoptr (GInputStream) in
          = stream_for ("ref,at,account,rep,kind,amount,product,category,quantity,cost\n"
                        "ok1,2026-11-04T10:00:00Z,1,1,order,10.00 EUR,P-7,Teile,4,2.50\n");
      g_autoptr (TandemActivity) read = NULL;

      CU_ASSERT_TRUE (tandem_store_import_activities (f.store, in, TANDEM_DATA_FORMAT_CSV, NULL,
                                                      NULL, NULL, NULL, NULL, &error));
      TANDEM_ASSERT_NO_ERROR (error);
      read = tandem_store_find_activity_by_ref (f.store, "ok1", &error);
      CU_ASSERT_PTR_NOT_NULL_FATAL (read);
      CU_ASSERT_EQUAL (tandem_activity_get_quantity (read), 4);
      /* a bare cost is in the amount's currency */
      CU_ASSERT_EQUAL (tandem_money_get_minor_units (tandem_activity_get_cost (read)), 250);
      CU_ASSERT_STRING_EQUAL (tandem_money_get_currency (tandem_activity_get_cost (read)), "EUR");
    }
    {
      /* a German file writes the cost as it writes the amount */
      g_autoptr (GInputStream) in
          = stream_for ("ref;at;account;rep;kind;amount;cost\n"
                        "g1;2026-11-04T10:00:00Z;1;1;order;1.234,50 EUR;1.000,25\n");
      g_autoptr (TandemActivity) read = NULL;

      CU_ASSERT_TRUE (tandem_store_import_activities (f.store, in, TANDEM_DATA_FORMAT_CSV, NULL,
                                                      NULL, NULL, NULL, NULL, &error));
      TANDEM_ASSERT_NO_ERROR (error);
      read = tandem_store_find_activity_by_ref (f.store, "g1", &error);
      CU_ASSERT_PTR_NOT_NULL_FATAL (read);
      CU_ASSERT_EQUAL (tandem_money_get_minor_units (tandem_activity_get_cost (read)), 100025);
    }
  }
  fixture_clear (&f);
}

/* The CSV of a large load: BULK_ROWS rows over five accounts, times out
 * of order, every seventh an order; @bad_last adds a row that fails. */
#define BULK_ROWS 24000

static char *
bulk_csv (gboolean bad_last)
{
  GString *csv = g_string_new ("ref,at,account,rep,kind,amount,note\n");

  for (guint i = 0; i < BULK_ROWS; i++)
    {
      guint minute = (i * 7919) % BULK_ROWS;

      g_string_append_printf (
          csv, "B%06u,2027-%02u-%02uT%02u:%02u:00Z,%u,%u,%s,%s,Notiz zum Gespräch %06u\n", i,
          1 + minute / (30 * 24 * 60) % 3, 1 + minute / (24 * 60) % 28, minute / 60 % 24,
          minute % 60, 1 + i % 5, 1 + i % 2, i % 7 == 0 ? "order" : "call",
          i % 7 == 0 ? "120.00 EUR" : "", i);
    }
  if (bad_last)
    g_string_append (csv, "B-last,2027-01-03T10:00:00Z,1,1,order,12.5,\n");
  return g_string_free (csv, FALSE);
}

static gboolean
import_file (TandemStore *store, const char *path, guint64 *inserted, GError **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFileInputStream) in = g_file_read (file, NULL, error);

  return in != NULL
         && tandem_store_import_activities (store, G_INPUT_STREAM (in), TANDEM_DATA_FORMAT_CSV,
                                            NULL, NULL, inserted, NULL, NULL, error);
}

/* On SQLite: the account index is there, as the schema has it, and is
 * used; the file is sound. */
static void
assert_account_index (const char *path)
{
  sqlite3      *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autoptr (GString) plan = g_string_new (NULL);

  if (tandem_test_on_postgresql ())
    return;
  CU_ASSERT_EQUAL_FATAL (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
  sqlite3_prepare_v2 (db, "SELECT sql FROM sqlite_master WHERE name = 'activity_account'", -1,
                      &stmt, NULL);
  CU_ASSERT_EQUAL_FATAL (sqlite3_step (stmt), SQLITE_ROW);
  CU_ASSERT_STRING_EQUAL ((const char *)sqlite3_column_text (stmt, 0),
                          "CREATE INDEX activity_account ON activity (account_id, occurred_at, "
                          "kind)");
  sqlite3_finalize (stmt);
  sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL);
  CU_ASSERT_EQUAL (sqlite3_step (stmt), SQLITE_ROW);
  CU_ASSERT_STRING_EQUAL ((const char *)sqlite3_column_text (stmt, 0), "ok");
  sqlite3_finalize (stmt);
  sqlite3_prepare_v2 (db,
                      "EXPLAIN QUERY PLAN SELECT id FROM activity WHERE account_id = 3 "
                      "ORDER BY occurred_at",
                      -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append (plan, (const char *)sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
  CU_ASSERT_PTR_NOT_NULL (strstr (plan->str, "activity_account"));
  sqlite3_close (db);
}

/* A load as large as what is stored builds the account index after the
 * rows (SQLite); what it writes is what a row-by-row load writes, and a
 * load that fails leaves the index as it was. */
static void
test_import_bulk_index (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *csv = bulk_csv (FALSE);
  g_autofree char *bad = bulk_csv (TRUE);
  g_autofree char *csv_path = g_build_filename (tmpdir, "bulk.csv", NULL);
  g_autofree char *bad_path = g_build_filename (tmpdir, "bulk-bad.csv", NULL);
  g_autofree char *a_path = g_build_filename (tmpdir, "bulk-a.db", NULL);
  g_autofree char *c_path = g_build_filename (tmpdir, "bulk-c.db", NULL);
  g_autoptr (GInputStream) in = stream_for (csv);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  guint64          inserted = 0;
  Fixture          a = { 0 }, b = { 0 }, c = { 0 };

  CU_ASSERT_TRUE_FATAL (g_file_set_contents (csv_path, csv, -1, NULL));
  CU_ASSERT_TRUE_FATAL (g_file_set_contents (bad_path, bad, -1, NULL));
  fixture_init (&a, a_path);
  fixture_init (&b, NULL);
  fixture_init (&c, c_path);
  for (guint k = 0; k < 4; k++)
    {
      Fixture *fs[] = { &a, &b, &c };

      for (guint j = 0; j < G_N_ELEMENTS (fs); j++)
        {
          g_autoptr (TandemAccount) more G_GNUC_UNUSED
              = tandem_store_add_account (fs[j]->store, "Kunde", fs[j]->team, &error);

          TANDEM_ASSERT_NO_ERROR (error);
        }
    }

  /* a from the file (its size says it is a large load), b from a stream
   * of no known size (row by row) */
  CU_ASSERT_TRUE (import_file (a.store, csv_path, &inserted, &error));
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (inserted, BULK_ROWS);
  CU_ASSERT_TRUE (tandem_store_import_activities (b.store, in, TANDEM_DATA_FORMAT_CSV, NULL, NULL,
                                                  &inserted, NULL, NULL, &error));
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (inserted, BULK_ROWS);
  first = export_to_string (a.store, TANDEM_DATA_FORMAT_CSV);
  second = export_to_string (b.store, TANDEM_DATA_FORMAT_CSV);
  CU_ASSERT_STRING_EQUAL (first, second);

  /* the lifecycle read each account's orders through the index */
  for (gint64 id = 1; id <= 5; id++)
    {
      g_autoptr (TandemAccount) x = tandem_store_get_account (a.store, id, &error);
      g_autoptr (TandemAccount) y = tandem_store_get_account (b.store, id, &error);
      g_autoptr (GListModel) xs = NULL;
      g_autoptr (GListModel) ys = NULL;
      g_autoptr (TandemActivityFilter) filter = tandem_activity_filter_new ();
      g_autoptr (GListModel) of_account = NULL;

      CU_ASSERT_PTR_NOT_NULL_FATAL (x);
      CU_ASSERT_PTR_NOT_NULL_FATAL (y);
      CU_ASSERT_EQUAL (tandem_account_get_stage (x), tandem_account_get_stage (y));
      CU_ASSERT_EQUAL (tandem_account_get_stage (x), TANDEM_ACCOUNT_STAGE_REGULAR);
      xs = tandem_stage_change_list (a.store, x, &error);
      ys = tandem_stage_change_list (b.store, y, &error);
      TANDEM_ASSERT_NO_ERROR (error);
      CU_ASSERT_EQUAL (g_list_model_get_n_items (xs), g_list_model_get_n_items (ys));
      CU_ASSERT (g_list_model_get_n_items (xs) >= 2);
      for (guint i = 0; i < g_list_model_get_n_items (xs); i++)
        {
          g_autoptr (TandemStageChange) p = g_list_model_get_item (xs, i);
          g_autoptr (TandemStageChange) q = g_list_model_get_item (ys, i);

          CU_ASSERT_EQUAL (tandem_stage_change_get_stage (p), tandem_stage_change_get_stage (q));
          CU_ASSERT_EQUAL (tandem_stage_change_get_cause (p), tandem_stage_change_get_cause (q));
          /* the account's creation is now; the rest is the orders' time */
          if (tandem_stage_change_get_cause (p) != TANDEM_STAGE_CAUSE_CREATED)
            CU_ASSERT (g_date_time_equal (tandem_stage_change_get_changed_at (p),
                                          tandem_stage_change_get_changed_at (q)));
        }
      tandem_activity_filter_set_account (filter, x);
      of_account = tandem_store_query_activities (a.store, filter, &error);
      TANDEM_ASSERT_NO_ERROR (error);
      CU_ASSERT_EQUAL (g_list_model_get_n_items (of_account), BULK_ROWS / 5);
    }

  /* a load that fails at its last row writes nothing and keeps the index */
  CU_ASSERT_FALSE (import_file (c.store, bad_path, &inserted, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_IMPORT_ERROR, TANDEM_IMPORT_ERROR_INVALID_FIELD,
                       "line 24002: amount:");
  CU_ASSERT_EQUAL (count_all (c.store), 0);
  fixture_clear (&a);
  fixture_clear (&c);
  assert_account_index (a_path);
  assert_account_index (c_path);
  fixture_clear (&b);
}

static void
test_json_import_errors (void)
{
  const struct
  {
    const char *json;
    int         code;
    const char *needle;
  } bad[] = {
    { "{\"at\": 1}", TANDEM_IMPORT_ERROR_SYNTAX, "array" },
    { "[{\"at\":\"2026-11-03T10:00:00Z\",\"account\":1,\"rep\":1,\"kind\":\"order\",\"amount\":12."
      "5}]",
      TANDEM_IMPORT_ERROR_INVALID_FIELD, "line 1: amount:" },
    { "[\n{\"at\":\"2026-11-03T10:00:00Z\",\"account\":1,\"rep\":1,\"kind\":\"call\"},\n{\"at\":"
      "\"x\",\"account\":1,\"rep\":1,\"kind\":\"call\"}\n]",
      TANDEM_IMPORT_ERROR_INVALID_FIELD, "line 3: at:" },
    { "[{\"at\":\"2026-11-03T10:00:00Z\",\"account\":1,\"rep\":1,\"kind\":\"call\",\"colour\":"
      "\"red\"}]",
      TANDEM_IMPORT_ERROR_SYNTAX, "colour" },
    { "[{\"at\":\"2026-11-03T10:00:00Z\",\"account\":1,\"rep\":1}]",
      TANDEM_IMPORT_ERROR_MISSING_COLUMN, "kind" },
    { "[{\"at\":\"2026-11-03T10:00:00Z\",\"account\":1,\"rep\":1,\"kind\":\"call\"}",
      TANDEM_IMPORT_ERROR_SYNTAX, "not closed" },
    { "[{\"at\":\"2026-11-03T10:00:00Z\" \"account\":1}]", TANDEM_IMPORT_ERROR_SYNTAX, "line 1" },
  };
  Fixture f = { 0 };

  fixture_init (&f, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GInputStream) in = stream_for (bad[i].json);

      CU_ASSERT_FALSE (tandem_store_import_activities (f.store, in, TANDEM_DATA_FORMAT_JSON, NULL,
                                                       NULL, NULL, NULL, NULL, &error));
      TANDEM_ASSERT_ERROR (error, TANDEM_IMPORT_ERROR, bad[i].code, bad[i].needle);
      CU_ASSERT_EQUAL (count_all (f.store), 0);
    }
  fixture_clear (&f);
}

typedef struct
{
  GMainLoop  *loop;
  GListModel *list;
  gboolean    ok;
  guint64     inserted;
  guint       progress;
  GError     *error;
} AsyncState;

static void
on_progress (TandemStore *store,
             const char  *operation,
             guint64      done,
             guint64      total,
             AsyncState  *state)
{
  CU_ASSERT_STRING_EQUAL (operation, "import");
  CU_ASSERT (done <= total);
  state->progress++;
}

static void
on_imported (GObject *source, GAsyncResult *result, gpointer data)
{
  AsyncState *state = data;

  state->ok = tandem_store_import_activities_finish (TANDEM_STORE (source), result,
                                                     &state->inserted, NULL, &state->error);
  g_main_loop_quit (state->loop);
}

static void
on_queried (GObject *source, GAsyncResult *result, gpointer data)
{
  AsyncState *state = data;

  state->list = tandem_store_query_activities_finish (TANDEM_STORE (source), result, &state->error);
  g_main_loop_quit (state->loop);
}

static void
test_async (void)
{
  g_autoptr (GString) csv = g_string_new ("at,account,rep,kind,amount\n");
  g_autoptr (GInputStream) in = NULL;
  g_autoptr (GCancellable) cancel = g_cancellable_new ();
  AsyncState state = { 0 };
  Fixture    f = { 0 };

  fixture_init (&f, NULL);
  /* distinct rows: identical rows without a ref are one activity */
  for (guint i = 0; i < 25000; i++)
    g_string_append_printf (csv, "2026-11-%02uT10:%02u:%02uZ,1,1,call,\n", 1 + i % 28,
                            (i / 28) % 60, (i / 1680) % 60);

  state.loop = g_main_loop_new (NULL, FALSE);
  g_signal_connect (f.store, "progress", G_CALLBACK (on_progress), &state);

  in = stream_for (csv->str);
  tandem_store_import_activities_async (f.store, in, TANDEM_DATA_FORMAT_CSV, NULL, NULL,
                                        on_imported, &state);
  g_main_loop_run (state.loop);
  TANDEM_ASSERT_NO_ERROR (state.error);
  CU_ASSERT_TRUE (state.ok);
  CU_ASSERT_EQUAL (state.inserted, 25000);
  CU_ASSERT (state.progress >= 2);

  tandem_store_query_activities_async (f.store, NULL, NULL, on_queried, &state);
  g_main_loop_run (state.loop);
  TANDEM_ASSERT_NO_ERROR (state.error);
  CU_ASSERT_EQUAL (g_list_model_get_n_items (state.list), 25000);
  g_clear_object (&state.list);

  /* a cancelled import writes nothing */
  g_clear_object (&in);
  in = stream_for (csv->str);
  g_cancellable_cancel (cancel);
  tandem_store_import_activities_async (f.store, in, TANDEM_DATA_FORMAT_CSV, NULL, cancel,
                                        on_imported, &state);
  g_main_loop_run (state.loop);
  CU_ASSERT_FALSE (state.ok);
  CU_ASSERT_TRUE (g_error_matches (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  g_clear_error (&state.error);
  CU_ASSERT_EQUAL (count_all (f.store), 25000);

  g_signal_handlers_disconnect_by_data (f.store, &state);
  g_main_loop_unref (state.loop);
  fixture_clear (&f);
}

/* Reads @data (@len bytes) with @options into @f's store. */
static gboolean
import_bytes (Fixture             *f,
              const char          *data,
              gssize               len,
              TandemImportOptions *options,
              guint64             *inserted,
              char               **encoding,
              GError             **error)
{
  g_autoptr (GInputStream) in
      = g_memory_input_stream_new_from_data (g_memdup2 (data, len < 0 ? strlen (data) : (gsize)len),
                                             len < 0 ? (gssize)strlen (data) : len, g_free);

  return tandem_store_import_activities (f->store, in, TANDEM_DATA_FORMAT_CSV, options, NULL,
                                         inserted, NULL, encoding, error);
}

/* What German Excel and ERP systems write (issue 25, line 4): the
 * separator from the header, Windows-1252, German amounts and dates,
 * customer and personnel numbers, mapped headers and one kind for all. */
static void
test_import_german_files (void)
{
  /* Windows-1252: "Währung", "Süd", "€" */
  static const char erp[] = "Belegnr;Datum;Kundennr;PNR;Betrag;W\xe4hrung;Kostenstelle\r\n"
                            "R-1;30.11.2026 23:30;K-1001;1002;1.200,50;EUR;Vertrieb S\xfc"
                            "d\r\n"
                            "R-2;01.11.2026;K-2002;1001;99,99;EUR;\x80-Konto\r\n";
  static const char bom[] = "\xEF\xBB\xBFref;at;account;rep;kind;amount;note\n"
                            "B-1;2026-11-05T10:00:00Z;1;1;offer;2.000,00 EUR;Gr\xc3\xbc\xc3\x9f"
                            "e\n";
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemImportOptions) options = tandem_import_options_new ();
  g_autoptr (TandemImportOptions) plain = tandem_import_options_new ();
  g_autoptr (TandemAccount) second = NULL;
  g_autoptr (TandemAccount) draft = NULL;
  g_autoptr (TandemAccount) again = NULL;
  g_autoptr (GListModel) list = NULL;
  g_autofree char   *encoding = NULL;
  g_autofree char   *encoding2 = NULL;
  TandemActivityKind kind;
  guint64            inserted = 0;
  Fixture            f = { 0 };

  fixture_init (&f, NULL);
  tandem_rep_set_personnel_number (f.inside, "1001");
  tandem_rep_set_personnel_number (f.field, "1002");
  tandem_account_set_number (f.account, "K-1001");
  CU_ASSERT_TRUE (tandem_store_update_rep (f.store, f.inside, &error));
  CU_ASSERT_TRUE (tandem_store_update_rep (f.store, f.field, &error));
  CU_ASSERT_TRUE (tandem_store_update_account (f.store, f.account, &error));
  draft = tandem_account_new ("Bäckerei Müller", f.team);
  tandem_account_set_number (draft, "K-2002");
  second = tandem_store_save_account (f.store, draft, NULL, &error);
  TANDEM_ASSERT_NO_ERROR (error);

  /* a customer number names one account */
  g_clear_object (&draft);
  draft = tandem_account_new ("Doppelt GmbH", f.team);
  tandem_account_set_number (draft, "K-1001");
  again = tandem_store_save_account (f.store, draft, NULL, &error);
  CU_ASSERT_PTR_NULL (again);
  TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CONFLICT,
                       "Customer number “K-1001” already belongs to account #1 “ACME GmbH”");
  tandem_account_set_number (draft, " K-3 ");
  CU_ASSERT_FALSE (tandem_account_validate (draft, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_VALUE,
                       "without spaces at either end");

  /* options: fields by name, one kind for the file */
  CU_ASSERT_FALSE (tandem_import_options_set_columns (options, "ref=Belegnr,sum=Betrag", &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_VALUE,
                       "“sum” is not a field");
  CU_ASSERT_PTR_NULL (tandem_import_options_get_header (options, "ref")); /* all or nothing */
  CU_ASSERT_FALSE (tandem_import_options_set_columns (options, "ref", &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_VALIDATION_ERROR, -1, "is not FIELD=HEADER");
  CU_ASSERT_TRUE (tandem_import_options_set_columns (
      options,
      "ref=Belegnr, at=Datum,account_number=Kundennr,personnel_number=PNR,amount=Betrag,"
      "currency=Währung",
      &error));
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_STRING_EQUAL (tandem_import_options_get_header (options, "currency"), "Währung");
  CU_ASSERT_FALSE (tandem_import_options_get_kind (options, NULL));

  /* without a kind the file is refused naming the option */
  CU_ASSERT_FALSE (import_bytes (&f, erp, -1, options, &inserted, NULL, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_IMPORT_ERROR, TANDEM_IMPORT_ERROR_MISSING_COLUMN,
                       "line 1: the header has no “kind” column (give the kind of every row with "
                       "--kind KIND)");
  tandem_import_options_set_kind (options, TANDEM_ACTIVITY_KIND_ORDER);
  CU_ASSERT_TRUE (tandem_import_options_get_kind (options, &kind));
  CU_ASSERT_EQUAL (kind, TANDEM_ACTIVITY_KIND_ORDER);

  CU_ASSERT_TRUE (import_bytes (&f, erp, -1, options, &inserted, &encoding, &error));
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (inserted, 2);
  CU_ASSERT_STRING_EQUAL (encoding, "Windows-1252");
  {
    g_autoptr (TandemActivity) r1 = tandem_store_find_activity_by_ref (f.store, "R-1", &error);
    g_autoptr (TandemActivity) r2 = tandem_store_find_activity_by_ref (f.store, "R-2", &error);
    g_autofree char *at1 = NULL;

    TANDEM_ASSERT_NO_ERROR (error);
    CU_ASSERT_PTR_NOT_NULL_FATAL (r1);
    CU_ASSERT_PTR_NOT_NULL_FATAL (r2);
    CU_ASSERT_EQUAL (tandem_activity_get_kind (r1), TANDEM_ACTIVITY_KIND_ORDER);
    CU_ASSERT_EQUAL (tandem_money_get_minor_units (tandem_activity_get_amount (r1)), 120050);
    CU_ASSERT_EQUAL (tandem_money_get_minor_units (tandem_activity_get_amount (r2)), 9999);
    CU_ASSERT_EQUAL (tandem_account_get_id (tandem_activity_get_account (r1)), 1);
    CU_ASSERT_EQUAL (tandem_account_get_id (tandem_activity_get_account (r2)),
                     tandem_account_get_id (second));
    CU_ASSERT_EQUAL (tandem_rep_get_id (tandem_activity_get_rep (r1)), tandem_rep_get_id (f.field));
    CU_ASSERT_EQUAL (tandem_rep_get_id (tandem_activity_get_rep (r2)),
                     tandem_rep_get_id (f.inside));
    /* the store has no zone set: local time is UTC */
    at1 = g_date_time_format_iso8601 (tandem_activity_get_occurred_at (r1));
    CU_ASSERT_STRING_EQUAL (at1, "2026-11-30T23:30:00Z");
  }

  /* UTF-8 with a byte order mark, canonical headers, German amounts */
  CU_ASSERT_TRUE (import_bytes (&f, bom, -1, plain, &inserted, &encoding2, &error));
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_STRING_EQUAL (encoding2, "UTF-8");
  {
    g_autoptr (TandemActivity) b1 = tandem_store_find_activity_by_ref (f.store, "B-1", &error);

    CU_ASSERT_PTR_NOT_NULL_FATAL (b1);
    CU_ASSERT_EQUAL (tandem_money_get_minor_units (tandem_activity_get_amount (b1)), 200000);
    CU_ASSERT_STRING_EQUAL (tandem_activity_get_note (b1), "Grüße");
  }

  /* refusals name line and field; nothing is written */
  {
    static const struct
    {
      const char *text;
      int         code;
      const char *needle;
    } bad[] = {
      { "ref;at;account;rep;kind;amount\nX1;2026-11-03;1;1;order;1200.50 EUR\n",
        TANDEM_IMPORT_ERROR_INVALID_FIELD,
        "line 2: amount: “1200.50 EUR” is not an amount in German notation" },
      { "ref;at;account_number;rep;kind;amount\nX2;2026-11-03;K-9;1;order;5,00 EUR\n",
        TANDEM_IMPORT_ERROR_UNKNOWN_REFERENCE,
        "line 2: account_number: no account with the "
        "number “K-9”" },
      { "ref;at;account;personnel_number;kind;amount\nX3;2026-11-03;1;77;order;5,00 EUR\n",
        TANDEM_IMPORT_ERROR_UNKNOWN_REFERENCE,
        "line 2: personnel_number: no rep with the number "
        "“77”" },
      { "ref;at;account;rep;kind;amount;currency\nX4;2026-11-03;1;1;order;5,00 USD;EUR\n",
        TANDEM_IMPORT_ERROR_INVALID_FIELD,
        "line 2: currency: “EUR”, but the amount is “5,00 USD”" },
      { "ref;at;account;rep;kind;currency\nX5;2026-11-03;1;1;call;EUR\n",
        TANDEM_IMPORT_ERROR_INVALID_FIELD, "line 2: currency: a currency without an amount" },
      { "ref;at;account;rep;kind;note\nX6;2026-11-03;1;1;call;\x81\n",
        TANDEM_IMPORT_ERROR_INVALID_FIELD,
        "line 2: field 6: the byte 0x81 is neither UTF-8 nor Windows-1252" },
      { "ref;at;kunde;rep;kind\nX7;2026-11-03;1;1;call\n", TANDEM_IMPORT_ERROR_SYNTAX,
        "line 1: unknown column “kunde”" },
      { "ref;at;rep;kind\n", TANDEM_IMPORT_ERROR_MISSING_COLUMN,
        "the header has no “account” or “account_number” column" },
    };

    list = tandem_store_list_activities (f.store, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL (list);
    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        CU_ASSERT_FALSE (import_bytes (&f, bad[i].text, -1, NULL, NULL, NULL, &error));
        TANDEM_ASSERT_ERROR (error, TANDEM_IMPORT_ERROR, bad[i].code, bad[i].needle);
      }
    g_clear_object (&list);
    list = tandem_store_list_activities (f.store, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL (list);
    CU_ASSERT_EQUAL (g_list_model_get_n_items (list), 3);
  }

  /* the number survives a reopen and an update */
  {
    g_autoptr (TandemAccount) k = NULL;

    tandem_account_set_number (second, "K-2003");
    CU_ASSERT_TRUE (tandem_store_update_account (f.store, second, &error));
    TANDEM_ASSERT_NO_ERROR (error);
    k = tandem_store_get_account (f.store, tandem_account_get_id (second), &error);
    CU_ASSERT_STRING_EQUAL (tandem_account_get_number (k), "K-2003");
  }
  fixture_clear (&f);
}

/* Issue 26, line 4: a settlement resolves the names it prints when it is
 * made, and an error while writing it is an error, not text in the JSON. */
static void
test_output_never_reaches_back (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (tmpdir, "output.db", NULL);
  g_autoptr (TandemPlan) plan = tandem_plan_new_from_data (
      "[Plan]\nName=Standard\nCurrency=EUR\nPeriod=month\nCommissionRate=10%\n", -1, NULL);
  g_autoptr (TandemPeriod) period = tandem_period_parse ("2026-11", NULL);
  g_autoptr (TandemSettlement) draft = NULL;
  g_autoptr (TandemSettlement) closed = NULL;
  g_autoptr (TandemSettlement) reread = NULL;
  g_autoptr (TandemActivity) draft_order = NULL;
  g_autoptr (TandemActivity) order = NULL;
  g_autoptr (TandemMoney) amount = tandem_money_parse ("1000.00 EUR", NULL);
  g_autoptr (GDateTime) at = g_date_time_new_from_iso8601 ("2026-11-03T10:00:00Z", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  Fixture          f = { 0 };

  fixture_init (&f, path);
  draft_order
      = tandem_activity_new (f.account, f.field, TANDEM_ACTIVITY_KIND_ORDER, amount, at, &error);
  order = tandem_store_save_activity (f.store, draft_order, NULL, &error);
  CU_ASSERT_TRUE (tandem_plan_add (f.store, plan, &error));
  TANDEM_ASSERT_NO_ERROR (error);
  draft = tandem_settlement_new (f.store, plan, period, &error);
  TANDEM_ASSERT_NO_ERROR (error);

  /* renamed after the settlement: it prints the names it was made with */
  tandem_account_set_name (f.account, "Umbenannt GmbH");
  tandem_rep_set_name (f.field, "Jonas Neu");
  CU_ASSERT_TRUE (tandem_store_update_account (f.store, f.account, &error));
  CU_ASSERT_TRUE (tandem_store_update_rep (f.store, f.field, &error));
  before = tandem_settlement_to_json (draft);
  CU_ASSERT_PTR_NOT_NULL (strstr (before, "order #1 for ACME GmbH"));
  CU_ASSERT_PTR_NOT_NULL (strstr (before, "\"name\" : \"Jonas Becker\""));
  CU_ASSERT_PTR_NULL (strstr (before, "Umbenannt"));
  closed = tandem_settlement_close (f.store, plan, period, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  reread = tandem_settlement_new (f.store, plan, period, &error);
  after = tandem_settlement_to_json (reread);
  CU_ASSERT_PTR_NOT_NULL (strstr (after, "order #1 for Umbenannt GmbH"));
  CU_ASSERT_PTR_NOT_NULL (strstr (after, "\"name\" : \"Jonas Neu\""));

  /* the stored texts of a closed period cannot be read: writing fails
   * with the database's error, and nothing claims to be an explanation */
  if (!tandem_test_on_postgresql ())
    {
      g_autoptr (TandemSettlement) closed_again
          = tandem_settlement_new (f.store, plan, period, &error);
      g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
      sqlite3 *db = NULL;

      CU_ASSERT_EQUAL_FATAL (sqlite3_open (path, &db), SQLITE_OK);
      CU_ASSERT_EQUAL (
          sqlite3_exec (db, "ALTER TABLE settlement_line RENAME TO gone", NULL, NULL, NULL),
          SQLITE_OK);
      sqlite3_close (db);
      CU_ASSERT_FALSE (tandem_settlement_write_json (closed_again, out, NULL, &error));
      TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, -1, NULL);
    }
  fixture_clear (&f);
}

/* The one JSON writer: a stream that fails is an error at the next flush
 * and at finish, the writes after it do nothing, and a writer into memory
 * can be emptied and written again. */
static void
test_json_writer (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr (TandemJsonWriter) w = tandem_json_writer_new (out, NULL);
  g_autoptr (TandemJsonWriter) mem = tandem_json_writer_new (NULL, NULL);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  CU_ASSERT_TRUE (g_output_stream_close (out, NULL, NULL));
  tandem_json_writer_begin_array (w);
  /* more than the 64 KiB buffer: the writer tries the closed stream */
  for (guint i = 0; i < 20000; i++)
    tandem_json_writer_add_string (w, "one payout line of a long statement");
  tandem_json_writer_end_array (w);
  CU_ASSERT_FALSE (tandem_json_writer_flush (w, &error));
  TANDEM_ASSERT_ERROR (error, G_IO_ERROR, G_IO_ERROR_CLOSED, NULL);
  g_clear_error (&error);
  CU_ASSERT_FALSE (tandem_json_writer_finish (w, &error));
  TANDEM_ASSERT_ERROR (error, G_IO_ERROR, G_IO_ERROR_CLOSED, NULL);

  tandem_json_writer_begin_array (mem);
  tandem_json_writer_add_int (mem, G_MININT64);
  tandem_json_writer_add_boolean (mem, TRUE);
  tandem_json_writer_end_array (mem);
  first = tandem_json_writer_steal_text (mem);
  CU_ASSERT_STRING_EQUAL (first, "[\n  -9223372036854775808,\n  true\n]");
  tandem_json_writer_add_string (mem, "tab\there \x7f");
  second = tandem_json_writer_steal_text (mem);
  CU_ASSERT_STRING_EQUAL (second, "\"tab\\there \\u007f\"");
}

int
main (void)
{
  const TandemTestCase cases[] = {
    TANDEM_TEST_SQLITE (test_create_and_reopen),
    TANDEM_TEST_SQLITE (test_refuses_foreign_files),
    TANDEM_TEST_SQLITE (test_corrupt_pages),
    TANDEM_TEST_SQLITE (test_read_only),
    TANDEM_TEST (test_hostile_names),
    TANDEM_TEST (test_update_and_archive),
    TANDEM_TEST (test_reload_values),
    TANDEM_TEST (test_membership_history),
    TANDEM_TEST (test_stage_history),
    TANDEM_TEST (test_activities_and_refs),
    TANDEM_TEST (test_paged_list),
    TANDEM_TEST (test_import_all_or_nothing),
    TANDEM_TEST (test_import_rfc4180_and_refs),
    TANDEM_TEST (test_export_round_trip),
    TANDEM_TEST (test_what_was_sold),
    TANDEM_TEST (test_json_import_errors),
    TANDEM_TEST (test_import_bulk_index),
    TANDEM_TEST (test_async),
    TANDEM_TEST (test_import_german_files),
    TANDEM_TEST (test_output_never_reaches_back),
    TANDEM_TEST_SQLITE (test_json_writer),
  };
  int status;

  tmpdir = tandem_test_make_tmpdir ();
  status = tandem_test_run ("store", cases, G_N_ELEMENTS (cases));
  tandem_test_remove_tree (tmpdir);
  g_free (tmpdir);
  return status;
}
