/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test-db.c: the conformance suite of the store's database (TandemDb and
 * its area functions), plus fault injection under SQLite.
 *
 * Every test here talks to TandemDb only, through a factory per engine:
 * a new engine adds a factory and runs the same suite. */

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "tandem-test.h"
#include "tandem-store-private.h"
#include "tandem-store-internal-private.h"
#include "tandem-sqlite-private.h"
#include "tandem-schema-private.h"
#if HAVE_POSTGRESQL
#include "tandem-pg-driver-private.h"
#include "tandem-util-private.h"
#endif

typedef TandemDb *(*BackendFactory) (const char *name, GError **error);

static char *tmpdir;

static TandemDb *
sqlite_memory (const char *name, GError **error)
{
  return _tandem_sqlite_db_open (NULL, TANDEM_STORE_FLAGS_NONE, NULL, error);
}

static TandemDb *
sqlite_file (const char *name, GError **error)
{
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);

  return _tandem_sqlite_db_open (path, TANDEM_STORE_FLAGS_NONE, NULL, error);
}

#if HAVE_POSTGRESQL
static TandemDb *
postgresql (const char *name, GError **error)
{
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);
  g_autofree char *uri = tandem_test_db_for (path, error);

  return uri != NULL ? _tandem_pg_db_open (uri, TANDEM_STORE_FLAGS_NONE, error) : NULL;
}
#endif

static const struct
{
  const char    *name;
  BackendFactory make;
  gboolean       server;
} factories[] = {
  { "sqlite-memory", sqlite_memory, FALSE },
  { "sqlite-file", sqlite_file, FALSE },
#if HAVE_POSTGRESQL
  { "postgresql", postgresql, TRUE },
#endif
};

typedef struct
{
  gint64 inside;
  gint64 field;
  gint64 team;
  gint64 account;
} Seed;

static void
seed (TandemDb *b, Seed *s)
{
  g_autoptr (GError) error = NULL;
  TandemRepRecord     inside = { .name = (char *)"Anna", .role = TANDEM_ROLE_INSIDE };
  TandemRepRecord     field = { .name = (char *)"Jonas", .role = TANDEM_ROLE_FIELD };
  TandemTeamRecord    team = { .name = (char *)"Nord", .inside_share = -1 };
  TandemAccountRecord account = { .name = (char *)"ACME", .category = 2 };

  CU_ASSERT_TRUE (_tandem_db_insert_rep (b, &inside, &error));
  CU_ASSERT_TRUE (_tandem_db_insert_rep (b, &field, &error));
  team.inside_rep_id = inside.id;
  team.field_rep_id = field.id;
  CU_ASSERT_TRUE (_tandem_db_insert_team (b, &team, 1000, &error));
  account.team_id = team.id;
  CU_ASSERT_TRUE (_tandem_db_insert_account (b, &account, 1000, &error));
  TANDEM_ASSERT_NO_ERROR (error);
  s->inside = inside.id;
  s->field = field.id;
  s->team = team.id;
  s->account = account.id;
}

static void
conformance_reps (TandemDb *b)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) list = NULL;
  TandemRepRecord rec
      = { .name = (char *)"Robert'); DROP TABLE rep;--", .role = TANDEM_ROLE_FIELD };
  TandemRepRecord loaded = { 0 };
  TandemRepRecord missing = { .id = 999, .name = (char *)"x" };

  CU_ASSERT_TRUE (_tandem_db_insert_rep (b, &rec, &error));
  CU_ASSERT (rec.id > 0);
  CU_ASSERT_TRUE (_tandem_db_load_rep (b, rec.id, &loaded, &error));
  CU_ASSERT_STRING_EQUAL (loaded.name, rec.name);
  CU_ASSERT_EQUAL (loaded.role, TANDEM_ROLE_FIELD);
  _tandem_rep_record_clear (&loaded);

  rec.name = (char *)"Ölmühle";
  rec.archived = TRUE;
  CU_ASSERT_TRUE (_tandem_db_update_rep (b, &rec, &error));
  CU_ASSERT_TRUE (_tandem_db_load_rep (b, rec.id, &loaded, &error));
  CU_ASSERT_STRING_EQUAL (loaded.name, "Ölmühle");
  CU_ASSERT_TRUE (loaded.archived);
  _tandem_rep_record_clear (&loaded);
  TANDEM_ASSERT_NO_ERROR (error);

  CU_ASSERT_FALSE (_tandem_db_load_rep (b, 999, &loaded, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_FOUND, "999");
  CU_ASSERT_FALSE (_tandem_db_update_rep (b, &missing, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_FOUND, NULL);

  list = _tandem_db_list_reps (b, &error);
  CU_ASSERT_EQUAL (list->len, 1);
}

static void
conformance_teams (TandemDb *b)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) members = NULL;
  TandemTeamRecord loaded = { 0 };
  TandemRepRecord  other = { .name = (char *)"Lea", .role = TANDEM_ROLE_INSIDE };
  Seed             s;

  seed (b, &s);
  CU_ASSERT_TRUE (_tandem_db_load_team (b, s.team, &loaded, &error));
  CU_ASSERT_EQUAL (loaded.inside_rep_id, s.inside);
  CU_ASSERT_EQUAL (loaded.field_rep_id, s.field);
  CU_ASSERT_FALSE (loaded.has_target);
  loaded.has_target = TRUE;
  loaded.target_minor = 5000000;
  memcpy (loaded.target_currency, "EUR", 4);
  loaded.inside_share = 4000;
  CU_ASSERT_TRUE (_tandem_db_update_team (b, &loaded, &error));
  _tandem_team_record_clear (&loaded);
  CU_ASSERT_TRUE (_tandem_db_load_team (b, s.team, &loaded, &error));
  CU_ASSERT_EQUAL (loaded.target_minor, 5000000);
  CU_ASSERT_STRING_EQUAL (loaded.target_currency, "EUR");
  CU_ASSERT_EQUAL (loaded.inside_share, 4000);
  _tandem_team_record_clear (&loaded);

  CU_ASSERT_TRUE (_tandem_db_insert_rep (b, &other, &error));
  CU_ASSERT_TRUE (_tandem_db_change_members (b, s.team, other.id, s.field, 5000, &error));
  TANDEM_ASSERT_NO_ERROR (error);
  members = _tandem_db_list_memberships (b, s.team, &error);
  CU_ASSERT_EQUAL_FATAL (members->len, 2);
  CU_ASSERT_EQUAL (g_array_index (members, TandemMembershipRecord, 0).valid_from, 1000);
  CU_ASSERT_EQUAL (g_array_index (members, TandemMembershipRecord, 0).valid_until, 5000);
  CU_ASSERT_EQUAL (g_array_index (members, TandemMembershipRecord, 1).inside_rep_id, other.id);
  CU_ASSERT_EQUAL (g_array_index (members, TandemMembershipRecord, 1).valid_until, 0);
  CU_ASSERT_TRUE (_tandem_db_load_team (b, s.team, &loaded, &error));
  CU_ASSERT_EQUAL (loaded.inside_rep_id, other.id);
  _tandem_team_record_clear (&loaded);

  /* a member that does not exist is refused and nothing changes */
  CU_ASSERT_FALSE (_tandem_db_change_members (b, s.team, 4242, s.field, 6000, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID, NULL);
  g_clear_pointer (&members, g_array_unref);
  members = _tandem_db_list_memberships (b, s.team, &error);
  CU_ASSERT_EQUAL (members->len, 2);
}

static void
conformance_accounts (TandemDb *b)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) stages = NULL;
  TandemAccountRecord loaded = { 0 };
  TandemAccountRecord bad = { .name = (char *)"X", .team_id = 777 };
  Seed                s;

  TandemStageRecord change
      = { 0, TANDEM_ACCOUNT_STAGE_CUSTOMER, 2000, TANDEM_STAGE_CAUSE_MANUAL, 0 };
  TandemLifecycleRecord rules = { 0 };
  TandemLifecycleRecord custom = { 2, 6, 90 };

  seed (b, &s);
  change.account_id = s.account;
  CU_ASSERT_TRUE (_tandem_db_add_stage_change (b, &change, &error));
  stages = _tandem_db_list_stage_changes (b, s.account, &error);
  CU_ASSERT_EQUAL_FATAL (stages->len, 2);
  CU_ASSERT_EQUAL (g_array_index (stages, TandemStageRecord, 0).stage,
                   TANDEM_ACCOUNT_STAGE_PROSPECT);
  CU_ASSERT_EQUAL (g_array_index (stages, TandemStageRecord, 0).cause, TANDEM_STAGE_CAUSE_CREATED);
  CU_ASSERT_EQUAL (g_array_index (stages, TandemStageRecord, 1).changed_at, 2000);
  CU_ASSERT_EQUAL (g_array_index (stages, TandemStageRecord, 1).cause, TANDEM_STAGE_CAUSE_MANUAL);
  CU_ASSERT_EQUAL (g_array_index (stages, TandemStageRecord, 1).activity_id, 0);
  /* 0 lists every account's */
  g_clear_pointer (&stages, g_array_unref);
  stages = _tandem_db_list_stage_changes (b, 0, &error);
  CU_ASSERT_EQUAL (stages->len, 2);

  /* the lifecycle rules: defaults until saved, then what was saved */
  CU_ASSERT_TRUE (_tandem_db_load_lifecycle (b, &rules, &error));
  CU_ASSERT (rules.regular_orders == 3 && rules.regular_months == 12
             && rules.lost_after_days == 365);
  CU_ASSERT_TRUE (_tandem_db_save_lifecycle (b, &custom, &error));
  CU_ASSERT_TRUE (_tandem_db_load_lifecycle (b, &rules, &error));
  CU_ASSERT (rules.regular_orders == 2 && rules.regular_months == 6 && rules.lost_after_days == 90);
  custom.regular_months = 0; /* the schema refuses it too */
  CU_ASSERT_FALSE (_tandem_db_save_lifecycle (b, &custom, &error));
  CU_ASSERT_PTR_NOT_NULL (error);
  g_clear_error (&error);

  CU_ASSERT_TRUE (_tandem_db_load_account (b, s.account, &loaded, &error));
  CU_ASSERT_EQUAL (loaded.team_id, s.team);
  loaded.referred_by_id = 0;
  loaded.category = 0;
  CU_ASSERT_TRUE (_tandem_db_update_account (b, &loaded, &error));
  _tandem_account_record_clear (&loaded);
  TANDEM_ASSERT_NO_ERROR (error);

  CU_ASSERT_FALSE (_tandem_db_insert_account (b, &bad, 1, &error));
  TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID, NULL);
}

static void
conformance_activities (TandemDb *b)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) page = g_array_new (FALSE, TRUE, sizeof (TandemActivityRecord));
  TandemActivityScan scan;
  TandemScanKey      key;
  gboolean           inserted;
  Seed               s;

  g_array_set_clear_func (page, (GDestroyNotify)_tandem_activity_record_clear);
  seed (b, &s);

  CU_ASSERT_TRUE (_tandem_db_begin (b, &error));
  for (guint i = 0; i < 100; i++)
    {
      g_autofree char     *ref = g_strdup_printf ("R%u", i);
      TandemActivityRecord r = {
        .account_id = s.account,
        .rep_id = i % 2 ? s.inside : s.field,
        .kind = i % 5 == 0 ? TANDEM_ACTIVITY_KIND_ORDER : TANDEM_ACTIVITY_KIND_CALL,
        .has_amount = i % 5 == 0,
        .amount_minor = 1000 + i,
        .currency = "EUR",
        .occurred_at = (gint64)((i * 37) % 100) * 1000,
        .external_ref = ref,
      };

      CU_ASSERT_TRUE (_tandem_db_insert_activity (b, &r, &inserted, &error));
      CU_ASSERT_TRUE (inserted);
    }
  CU_ASSERT_TRUE (_tandem_db_commit (b, &error));
  TANDEM_ASSERT_NO_ERROR (error);

  /* orders come by time; the KPI rows group by kind, role and currency */
  {
    g_autoptr (GArray) orders = _tandem_db_list_orders (b, s.account, &error);
    g_autoptr (GArray) rows = _tandem_db_list_kpi_rows (b, 0, 100000, "EUR", &error);
    gint64 inside = 0, field = 0, calls = 0;

    CU_ASSERT_EQUAL_FATAL (orders->len, 20);
    for (guint i = 1; i < orders->len; i++)
      CU_ASSERT (g_array_index (orders, TandemOrderRecord, i - 1).occurred_at
                 <= g_array_index (orders, TandemOrderRecord, i).occurred_at);
    for (guint i = 0; i < rows->len; i++)
      {
        const TandemKpiRecord *r = &g_array_index (rows, TandemKpiRecord, i);

        CU_ASSERT_EQUAL (r->team_id, s.team);
        if (r->kind == TANDEM_ACTIVITY_KIND_CALL)
          {
            calls += r->count;
            CU_ASSERT_STRING_EQUAL (r->currency, "");
          }
        else if (r->role == TANDEM_ROLE_INSIDE)
          inside += r->amount;
        else
          field += r->amount;
      }
    CU_ASSERT_EQUAL (calls, 80);
    CU_ASSERT_EQUAL (inside, 10 * 1000 + 500); /* i = 5, 15, …, 95 */
    CU_ASSERT_EQUAL (field, 10 * 1000 + 450);  /* i = 0, 10, …, 90 */
    TANDEM_ASSERT_NO_ERROR (error);

    /* asked in another currency, each EUR order is a row of its own, with
     * its id and time (what a conversion needs) */
    {
      g_autoptr (GArray) single = _tandem_db_list_kpi_rows (b, 0, 100000, "CHF", &error);
      guint n_orders = 0;

      TANDEM_ASSERT_NO_ERROR (error);
      for (guint i = 0; i < single->len; i++)
        {
          const TandemKpiRecord *r = &g_array_index (single, TandemKpiRecord, i);

          if (r->kind != TANDEM_ACTIVITY_KIND_ORDER)
            continue;
          n_orders++;
          CU_ASSERT_EQUAL (r->count, 1);
          CU_ASSERT_EQUAL (r->amount, 1000 + (r->at / 1000 * 73) % 100);
          CU_ASSERT (r->activity_id > 0);
        }
      CU_ASSERT_EQUAL (n_orders, 20);
    }
  }

  /* duplicate ref: reported, not inserted */
  {
    TandemActivityRecord dup = { .account_id = s.account,
                                 .rep_id = s.field,
                                 .kind = 0,
                                 .occurred_at = 5,
                                 .external_ref = (char *)"R7" };

    CU_ASSERT_TRUE (_tandem_db_insert_activity (b, &dup, &inserted, &error));
    CU_ASSERT_FALSE (inserted);
    CU_ASSERT_EQUAL (dup.id, _tandem_db_find_activity_by_ref (b, "R7", NULL));
  }

  /* a rolled-back transaction leaves nothing */
  CU_ASSERT_TRUE (_tandem_db_begin (b, &error));
  {
    TandemActivityRecord r
        = { .account_id = s.account, .rep_id = s.field, .kind = 0, .occurred_at = 1 };

    CU_ASSERT_TRUE (_tandem_db_insert_activity (b, &r, &inserted, &error));
  }
  _tandem_db_rollback (b);

  _tandem_activity_scan_init (&scan);
  CU_ASSERT_EQUAL (_tandem_db_count_activities (b, &scan, &error), 100);
  CU_ASSERT_EQUAL (_tandem_db_max_activity_id (b, &error), 100);

  /* keyset paging returns every row once, in (occurred_at, id) order */
  {
    guint    seen = 0;
    gint64   last_t = G_MININT64;
    gboolean first = TRUE;

    for (;;)
      {
        g_array_set_size (page, 0);
        CU_ASSERT_TRUE_FATAL (
            _tandem_db_scan_activities (b, &scan, first ? NULL : &key, 0, 7, page, &error));
        if (page->len == 0)
          break;
        for (guint i = 0; i < page->len; i++)
          {
            CU_ASSERT (g_array_index (page, TandemActivityRecord, i).occurred_at >= last_t);
            last_t = g_array_index (page, TandemActivityRecord, i).occurred_at;
          }
        key.occurred_at = last_t;
        key.id = g_array_index (page, TandemActivityRecord, page->len - 1).id;
        seen += page->len;
        first = FALSE;
      }
    CU_ASSERT_EQUAL (seen, 100);
  }

  /* offsets agree with keysets */
  g_array_set_size (page, 0);
  CU_ASSERT_TRUE (_tandem_db_scan_activities (b, &scan, NULL, 98, 10, page, &error));
  CU_ASSERT_EQUAL (page->len, 2);

  scan.kind = TANDEM_ACTIVITY_KIND_ORDER;
  CU_ASSERT_EQUAL (_tandem_db_count_activities (b, &scan, &error), 20);
  scan.kind = -1;
  scan.rep_id = s.inside;
  CU_ASSERT_EQUAL (_tandem_db_count_activities (b, &scan, &error), 50);
  scan.rep_id = 0;
  scan.team_id = s.team;
  scan.since = 10000;
  scan.until = 20000;
  CU_ASSERT_EQUAL (_tandem_db_count_activities (b, &scan, &error), 10);
  scan.max_id = 50;
  CU_ASSERT (_tandem_db_count_activities (b, &scan, &error) <= 10);

  /* money comes back exactly */
  {
    TandemActivityRecord loaded = { 0 };

    CU_ASSERT_TRUE (_tandem_db_load_activity (b, 1, &loaded, &error));
    CU_ASSERT_TRUE (loaded.has_amount);
    CU_ASSERT_EQUAL (loaded.amount_minor, 1000);
    CU_ASSERT_STRING_EQUAL (loaded.currency, "EUR");
    CU_ASSERT_STRING_EQUAL (loaded.external_ref, "R0");
    _tandem_activity_record_clear (&loaded);
  }

  /* an unknown account is refused */
  {
    TandemActivityRecord r = { .account_id = 999, .rep_id = s.field, .kind = 0, .occurred_at = 1 };

    CU_ASSERT_FALSE (_tandem_db_insert_activity (b, &r, &inserted, &error));
    TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID, NULL);
  }
  CU_ASSERT_TRUE (_tandem_db_check_integrity (b, &error));
}

static void
run_conformance (void (*body) (TandemDb *))
{
  static guint counter;

  for (guint i = 0; i < G_N_ELEMENTS (factories); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *name = NULL;
      g_autoptr (TandemDb) b = NULL;

      /* the engine the suite runs against: SQLite both ways, or the server */
      if (factories[i].server != tandem_test_on_postgresql ())
        continue;
      name = g_strdup_printf ("conf-%u.db", counter++);
      b = factories[i].make (name, &error);

      TANDEM_ASSERT_NO_ERROR (error);
      CU_ASSERT_EQUAL (_tandem_db_get_schema_version (b), TANDEM_SCHEMA_VERSION);
      body (b);
    }
}

static void
test_conformance_reps (void)
{
  run_conformance (conformance_reps);
}
static void
test_conformance_teams (void)
{
  run_conformance (conformance_teams);
}
static void
test_conformance_accounts (void)
{
  run_conformance (conformance_accounts);
}
static void
test_conformance_activities (void)
{
  run_conformance (conformance_activities);
}

/* ------------------------------------------------------------------ */
/* A VFS that fails the Nth write, as a full disk would.               */

typedef struct
{
  sqlite3_file  base;
  sqlite3_file *real;
} FaultyFile;

static sqlite3_vfs  faulty_vfs;
static sqlite3_vfs *real_vfs;
static int          writes_until_failure = -1; /* -1: never fail */
static int          failure_code = SQLITE_FULL;
static gboolean     reads_fail;
static guint        failures;

static int
faulty_close (sqlite3_file *f)
{
  FaultyFile *ff = (FaultyFile *)f;
  int         rc = ff->real->pMethods ? ff->real->pMethods->xClose (ff->real) : SQLITE_OK;

  sqlite3_free (ff->real);
  return rc;
}

static int
faulty_read (sqlite3_file *f, void *b, int n, sqlite3_int64 o)
{
  if (reads_fail)
    return SQLITE_IOERR_READ;
  return ((FaultyFile *)f)->real->pMethods->xRead (((FaultyFile *)f)->real, b, n, o);
}

static int
faulty_write (sqlite3_file *f, const void *buf, int n, sqlite3_int64 off)
{
  if (writes_until_failure >= 0 && writes_until_failure-- == 0)
    {
      failures++;
      writes_until_failure = 0; /* the disk stays full */
      return failure_code;
    }
  return ((FaultyFile *)f)->real->pMethods->xWrite (((FaultyFile *)f)->real, buf, n, off);
}

static int
faulty_truncate (sqlite3_file *f, sqlite3_int64 s)
{
  return ((FaultyFile *)f)->real->pMethods->xTruncate (((FaultyFile *)f)->real, s);
}
static int
faulty_sync (sqlite3_file *f, int fl)
{
  return ((FaultyFile *)f)->real->pMethods->xSync (((FaultyFile *)f)->real, fl);
}
static int
faulty_size (sqlite3_file *f, sqlite3_int64 *s)
{
  return ((FaultyFile *)f)->real->pMethods->xFileSize (((FaultyFile *)f)->real, s);
}
static int
faulty_lock (sqlite3_file *f, int l)
{
  return ((FaultyFile *)f)->real->pMethods->xLock (((FaultyFile *)f)->real, l);
}
static int
faulty_unlock (sqlite3_file *f, int l)
{
  return ((FaultyFile *)f)->real->pMethods->xUnlock (((FaultyFile *)f)->real, l);
}
static int
faulty_check_lock (sqlite3_file *f, int *r)
{
  return ((FaultyFile *)f)->real->pMethods->xCheckReservedLock (((FaultyFile *)f)->real, r);
}
static int
faulty_fcntl (sqlite3_file *f, int op, void *a)
{
  return ((FaultyFile *)f)->real->pMethods->xFileControl (((FaultyFile *)f)->real, op, a);
}
static int
faulty_sector (sqlite3_file *f)
{
  return ((FaultyFile *)f)->real->pMethods->xSectorSize (((FaultyFile *)f)->real);
}
static int
faulty_caps (sqlite3_file *f)
{
  return ((FaultyFile *)f)->real->pMethods->xDeviceCharacteristics (((FaultyFile *)f)->real);
}
static int
faulty_shm_map (sqlite3_file *f, int p, int s, int e, void volatile **m)
{
  return ((FaultyFile *)f)->real->pMethods->xShmMap (((FaultyFile *)f)->real, p, s, e, m);
}
static int
faulty_shm_lock (sqlite3_file *f, int o, int n, int fl)
{
  return ((FaultyFile *)f)->real->pMethods->xShmLock (((FaultyFile *)f)->real, o, n, fl);
}
static void
faulty_shm_barrier (sqlite3_file *f)
{
  ((FaultyFile *)f)->real->pMethods->xShmBarrier (((FaultyFile *)f)->real);
}
static int
faulty_shm_unmap (sqlite3_file *f, int d)
{
  return ((FaultyFile *)f)->real->pMethods->xShmUnmap (((FaultyFile *)f)->real, d);
}

static const sqlite3_io_methods faulty_io = {
  2,           faulty_close,   faulty_read,     faulty_write,       faulty_truncate,  faulty_sync,
  faulty_size, faulty_lock,    faulty_unlock,   faulty_check_lock,  faulty_fcntl,     faulty_sector,
  faulty_caps, faulty_shm_map, faulty_shm_lock, faulty_shm_barrier, faulty_shm_unmap, NULL,
  NULL,
};

static int
faulty_open (sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *out_flags)
{
  FaultyFile *ff = (FaultyFile *)file;
  int         rc;

  ff->real = sqlite3_malloc (real_vfs->szOsFile);
  memset (ff->real, 0, real_vfs->szOsFile);
  rc = real_vfs->xOpen (real_vfs, name, ff->real, flags, out_flags);
  file->pMethods = rc == SQLITE_OK ? &faulty_io : NULL;
  if (rc != SQLITE_OK)
    sqlite3_free (ff->real);
  return rc;
}

static int
faulty_delete (sqlite3_vfs *v, const char *n, int s)
{
  return real_vfs->xDelete (real_vfs, n, s);
}
static int
faulty_access (sqlite3_vfs *v, const char *n, int f, int *r)
{
  return real_vfs->xAccess (real_vfs, n, f, r);
}
static int
faulty_full (sqlite3_vfs *v, const char *n, int l, char *o)
{
  return real_vfs->xFullPathname (real_vfs, n, l, o);
}
static int
faulty_random (sqlite3_vfs *v, int n, char *o)
{
  return real_vfs->xRandomness (real_vfs, n, o);
}
static int
faulty_sleep (sqlite3_vfs *v, int us)
{
  return real_vfs->xSleep (real_vfs, us);
}
static int
faulty_time (sqlite3_vfs *v, double *t)
{
  return real_vfs->xCurrentTime (real_vfs, t);
}
static int
faulty_last_error (sqlite3_vfs *v, int n, char *b)
{
  return real_vfs->xGetLastError (real_vfs, n, b);
}
static int
faulty_time64 (sqlite3_vfs *v, sqlite3_int64 *t)
{
  return real_vfs->xCurrentTimeInt64 (real_vfs, t);
}

static void
register_faulty_vfs (void)
{
  real_vfs = sqlite3_vfs_find (NULL);
  faulty_vfs.iVersion = 2;
  faulty_vfs.szOsFile = sizeof (FaultyFile);
  faulty_vfs.mxPathname = real_vfs->mxPathname;
  faulty_vfs.zName = "tandem-faulty";
  faulty_vfs.xOpen = faulty_open;
  faulty_vfs.xDelete = faulty_delete;
  faulty_vfs.xAccess = faulty_access;
  faulty_vfs.xFullPathname = faulty_full;
  faulty_vfs.xRandomness = faulty_random;
  faulty_vfs.xSleep = faulty_sleep;
  faulty_vfs.xCurrentTime = faulty_time;
  faulty_vfs.xGetLastError = faulty_last_error;
  faulty_vfs.xCurrentTimeInt64 = faulty_time64;
  sqlite3_vfs_register (&faulty_vfs, 0);
}

static guint
count (TandemStore *store)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) list = tandem_store_list_activities (store, &error);

  TANDEM_ASSERT_NO_ERROR (error);
  return list != NULL ? g_list_model_get_n_items (list) : 0;
}

static void
test_write_failures (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "faulty.db", NULL);
  g_autoptr (GString) csv = g_string_new ("ref,at,account,rep,kind,amount\n");
  const int codes[] = { SQLITE_FULL, SQLITE_IOERR_WRITE };
  guint     committed;

  for (guint i = 0; i < 3000; i++)
    g_string_append_printf (csv, "bulk-%u,2026-11-03T10:%02u:00Z,1,2,order,%u.00 EUR\n", i, i % 60,
                            10 + i);

  {
    g_autoptr (GError) error = NULL;
    g_autoptr (TandemDb) b
        = _tandem_sqlite_db_open (path, TANDEM_STORE_FLAGS_NONE, "tandem-faulty", &error);
    g_autoptr (TandemStore) store = NULL;
    Seed s;

    TANDEM_ASSERT_NO_ERROR (error);
    seed (b, &s);
    store = _tandem_store_new_for_db (g_steal_pointer (&b), path);
    {
      g_autoptr (TandemAccount) account = tandem_store_get_account (store, s.account, &error);
      g_autoptr (TandemRep) rep = tandem_store_get_rep (store, s.field, &error);
      g_autoptr (GDateTime) when = g_date_time_new_utc (2026, 11, 2, 9, 0, 0);

      for (guint i = 0; i < 10; i++)
        {
          g_autoptr (TandemActivity) a G_GNUC_UNUSED = tandem_store_log_activity (
              store, account, rep, TANDEM_ACTIVITY_KIND_CALL, NULL, when, &error);
          TANDEM_ASSERT_NO_ERROR (error);
        }
    }
    committed = count (store);
    CU_ASSERT_EQUAL (committed, 10);

    for (guint c = 0; c < G_N_ELEMENTS (codes); c++)
      for (int n = 0; n < 40; n += 3)
        {
          g_autoptr (GInputStream) in
              = g_memory_input_stream_new_from_data (csv->str, csv->len, NULL);

          failure_code = codes[c];
          writes_until_failure = n;
          CU_ASSERT_FALSE (tandem_store_import_activities (store, in, TANDEM_DATA_FORMAT_CSV, NULL,
                                                           NULL, NULL, NULL, NULL, &error));
          writes_until_failure = -1;
          TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_IO, NULL);
          CU_ASSERT_EQUAL (count (store), committed);
        }

    /* with the disk working again, the store works again */
    {
      g_autoptr (GInputStream) in = g_memory_input_stream_new_from_data (csv->str, csv->len, NULL);
      guint64 inserted = 0;

      CU_ASSERT_TRUE (tandem_store_import_activities (store, in, TANDEM_DATA_FORMAT_CSV, NULL, NULL,
                                                      &inserted, NULL, NULL, &error));
      TANDEM_ASSERT_NO_ERROR (error);
      CU_ASSERT_EQUAL (inserted, 3000);
    }
  }

  CU_ASSERT (failures > 0);

  /* reopened normally: sound, with exactly what was committed */
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (TandemStore) store = tandem_store_new_for_path (path, &error);

    TANDEM_ASSERT_NO_ERROR (error);
    CU_ASSERT_TRUE (tandem_store_check_integrity (store, &error));
    CU_ASSERT_EQUAL (count (store), 3010);
  }
}

/* A read that fails is an error, never a shorter answer: while
 * reads_fail is set, every read of the store's files through the faulty
 * VFS fails with SQLITE_IOERR_READ, as a dying disk or a vanished share
 * would. Another connection writes between the store's reads, so its page
 * cache is stale and it must read. */
static TandemStore *
reads_store (const char *path, GError **error)
{
  TandemDb *db = _tandem_sqlite_db_open (path, TANDEM_STORE_FLAGS_NONE, "tandem-faulty", error);

  return db != NULL ? _tandem_store_new_for_db (db, path) : NULL;
}

/* A store of two reps, a tandem, an account and 600 calls (three pages
 * of the paged list), and a second connection to change the file. */
static TandemStore *
make_store (const char *path, sqlite3 **other)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemStore) store = reads_store (path, &error);
  g_autoptr (TandemRep) inside = NULL;
  g_autoptr (TandemRep) field = NULL;
  g_autoptr (TandemTeam) team = NULL;
  g_autoptr (TandemAccount) account = NULL;

  TANDEM_ASSERT_NO_ERROR (error);
  tandem_test_add_tandem (store, &inside, &field, &team, &account);
  TANDEM_ASSERT_NO_ERROR (error);
  for (guint i = 0; i < 600; i++)
    {
      g_autofree char *iso = g_strdup_printf ("2026-11-%02uT10:%02u:00Z", 1 + i % 28, i % 60);
      g_autoptr (GDateTime) when = g_date_time_new_from_iso8601 (iso, NULL);
      g_autoptr (TandemActivity) a = tandem_store_log_activity (
          store, account, inside, TANDEM_ACTIVITY_KIND_CALL, NULL, when, &error);

      TANDEM_ASSERT_NO_ERROR (error);
      CU_ASSERT_PTR_NOT_NULL (a);
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
test_read_failures_lists (void)
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
      reads_fail = TRUE;
      list = lists[i](store, &error);
      reads_fail = FALSE;
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
    reads_fail = TRUE;
    rep = tandem_store_get_rep (store, 1, &error);
    reads_fail = FALSE;
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
test_read_failures_pages (void)
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
  reads_fail = TRUE;
  lost = g_list_model_get_item (list, 599);
  reads_fail = FALSE;
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

/* How many round trips @call costs on a server (0 on SQLite). */
#define TRIPS(db, call)                                                                   \
  ({                                                                                      \
    guint64 trips_before_ = _tandem_db_get_round_trips (db);                              \
    call;                                                                                 \
    (tandem_test_on_postgresql () ? _tandem_db_get_round_trips (db) - trips_before_ : 0); \
  })

/* More than two round trips on a server: the full path. */
static gboolean
full_path (guint64 trips)
{
  return tandem_test_on_postgresql () ? trips > 2 : trips == 0;
}

static TandemActivity *
log_order (TandemStore   *store,
           TandemAccount *account,
           TandemRep     *rep,
           gint64         cents,
           int            year,
           int            month,
           int            day)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemMoney) amount = tandem_money_new (cents, "EUR");
  g_autoptr (GDateTime) when = g_date_time_new_utc (year, month, day, 10, 0, 0);
  TandemActivity *order = tandem_store_log_activity (
      store, account, rep, TANDEM_ACTIVITY_KIND_ORDER, amount, when, &error);

  TANDEM_ASSERT_NO_ERROR (error);
  return order;
}

static TandemActivity *
save_against (TandemStore    *store,
              TandemActivity *order,
              TandemRep      *rep,
              gboolean        payment,
              gint64          cents,
              GError        **error)
{
  g_autoptr (TandemMoney) amount = tandem_money_new (cents, "EUR");
  g_autoptr (GDateTime) when = g_date_time_new_utc (2031, 1, 20, 9, 0, 0);
  g_autoptr (TandemActivity) draft
      = payment ? tandem_activity_new_payment (order, rep, amount, when, error)
                : tandem_activity_new_reversal (order, rep, amount, when, error);

  return draft != NULL ? tandem_store_save_activity (store, draft, NULL, error) : NULL;
}

/* The account's stored stage, and how many changes it has had. */
static TandemAccountStage
stored_stage (TandemStore *store, TandemAccount *account, guint *n_changes)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) changes = tandem_stage_change_list (store, account, &error);
  g_autoptr (TandemStageChange) last = NULL;

  TANDEM_ASSERT_NO_ERROR (error);
  *n_changes = g_list_model_get_n_items (changes);
  last = g_list_model_get_item (changes, *n_changes - 1);
  return tandem_stage_change_get_stage (last);
}

static void
set_stage_by_hand (TandemStore       *store,
                   TandemAccount     *account,
                   TandemAccountStage stage,
                   int                year,
                   int                month,
                   int                day)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) at = g_date_time_new_utc (year, month, day, 0, 0, 0);

  CU_ASSERT (tandem_store_set_account_stage (store, account, stage, at, &error));
  TANDEM_ASSERT_NO_ERROR (error);
}

/* Whether the account's change @back from the latest (0: the latest) is
 * to @stage for @cause, by @order and at its time. */
static gboolean
change_is (TandemStore       *store,
           TandemAccount     *account,
           guint              back,
           TandemAccountStage stage,
           TandemStageCause   cause,
           TandemActivity    *order)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) changes = tandem_stage_change_list (store, account, &error);
  g_autoptr (TandemStageChange) last = NULL;

  TANDEM_ASSERT_NO_ERROR (error);
  last = g_list_model_get_item (changes, g_list_model_get_n_items (changes) - 1 - back);
  return tandem_stage_change_get_stage (last) == stage
         && tandem_stage_change_get_cause (last) == cause
         && tandem_stage_change_get_activity_id (last) == tandem_activity_get_id (order)
         && g_date_time_equal (tandem_stage_change_get_changed_at (last),
                               tandem_activity_get_occurred_at (order));
}

/* On a server an activity costs one round trip (tandem_log_activity) when
 * no rule needs more: a call, visit or other activity that is not a sale;
 * a sale that changes no stage; a reversal or payment within its limit.
 * Everything else takes the full path, whose rules (closed periods,
 * duplicates, limits, lifecycle) word the errors. Either way the stored
 * row, its reference rules and its audit entry are the same. */
static void
test_round_trips_of_a_log (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "trips.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemStore) store = tandem_test_store_new (path, &error);
  g_autoptr (TandemRep) inside = NULL;
  g_autoptr (TandemRep) field = NULL;
  g_autoptr (TandemTeam) team = NULL;
  g_autoptr (TandemAccount) account = NULL;
  g_autoptr (GDateTime) when = g_date_time_new_utc (2026, 11, 3, 10, 0, 0);
  g_autoptr (TandemActivity) call = NULL;
  g_autoptr (TandemActivity) again = NULL;
  g_autoptr (TandemActivity) differs = NULL;
  g_autoptr (TandemActivity) order = NULL;
  g_autoptr (TandemActivity) second = NULL;
  g_autoptr (TandemActivity) third = NULL;
  g_autoptr (TandemActivity) fourth = NULL;
  g_autoptr (TandemActivity) earlier = NULL;
  g_autoptr (TandemActivity) late = NULL;
  g_autoptr (TandemActivity) back = NULL;
  g_autoptr (TandemActivity) in_june = NULL;
  g_autoptr (TandemActivity) in_july = NULL;
  g_autoptr (TandemActivity) reversal = NULL;
  g_autoptr (TandemActivity) too_much = NULL;
  g_autoptr (TandemActivity) payment = NULL;
  g_autoptr (TandemActivity) overpaid = NULL;
  g_autoptr (GListModel) audit = NULL;
  gboolean  on_server = tandem_test_on_postgresql ();
  TandemDb *db;
  gboolean  inserted = TRUE;
  guint     n_changes = 0;

  TANDEM_ASSERT_NO_ERROR (error);
  db = _tandem_store_get_db (store);
  tandem_test_add_tandem (store, &inside, &field, &team, &account);
  TANDEM_ASSERT_NO_ERROR (error);

  CU_ASSERT_EQUAL (
      TRIPS (db, call = tandem_store_log_activity (store, account, inside,
                                                   TANDEM_ACTIVITY_KIND_CALL, NULL, when, &error)),
      on_server ? 1 : 0);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (tandem_activity_get_id (call), 1);
  CU_ASSERT (g_str_has_prefix (tandem_activity_get_external_ref (call), "auto-"));
  CU_ASSERT_EQUAL (strlen (tandem_activity_get_external_ref (call)), 25);

  /* the same reference and facts: a skip; other facts: a conflict */
  {
    g_autoptr (TandemActivity) draft
        = tandem_activity_new (account, inside, TANDEM_ACTIVITY_KIND_CALL, NULL, when, &error);

    tandem_activity_set_external_ref (draft, tandem_activity_get_external_ref (call));
    again = tandem_store_save_activity (store, draft, &inserted, &error);
    TANDEM_ASSERT_NO_ERROR (error);
    CU_ASSERT_FALSE (inserted);
    CU_ASSERT_EQUAL (tandem_activity_get_id (again), 1);
  }
  {
    g_autoptr (TandemActivity) draft
        = tandem_activity_new (account, field, TANDEM_ACTIVITY_KIND_VISIT, NULL, when, &error);

    tandem_activity_set_external_ref (draft, tandem_activity_get_external_ref (call));
    differs = tandem_store_save_activity (store, draft, &inserted, &error);
    CU_ASSERT_PTR_NULL (differs);
    TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CONFLICT, NULL);
  }

  /* a prospect's first order makes it a customer: one round trip writes
   * the order and the change, and the loaded account learns it (the
   * orders are dated after the account was made: those before count only
   * as history) */
  CU_ASSERT_EQUAL (TRIPS (db, order = log_order (store, account, field, 10000, 2031, 1, 3)),
                   on_server ? 1 : 0);
  /* (a server's identity may skip the ids of refused inserts) */
  CU_ASSERT (tandem_activity_get_id (order) > 1);
  CU_ASSERT_EQUAL (stored_stage (store, account, &n_changes), TANDEM_ACCOUNT_STAGE_CUSTOMER);
  CU_ASSERT_EQUAL (n_changes, 2);
  CU_ASSERT (change_is (store, account, 0, TANDEM_ACCOUNT_STAGE_CUSTOMER,
                        TANDEM_STAGE_CAUSE_FIRST_ORDER, order));
  CU_ASSERT_EQUAL (tandem_account_get_stage (account), TANDEM_ACCOUNT_STAGE_CUSTOMER);

  /* both audit entries read the same way */
  audit = tandem_audit_entry_list (store, NULL, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_PTR_NOT_NULL_FATAL (audit);
  {
    guint n = g_list_model_get_n_items (audit);
    g_autoptr (TandemAuditEntry) first = g_list_model_get_item (audit, n - 2);
    g_autoptr (TandemAuditEntry) last = g_list_model_get_item (audit, n - 1);
    g_autofree char *expected
        = g_strdup_printf ("order #%" G_GINT64_FORMAT
                           " of 100.00 EUR for account #1 by rep #2 at 2031-01-03T10:00:00Z",
                           tandem_activity_get_id (order));

    CU_ASSERT_STRING_EQUAL (tandem_audit_entry_get_what (first),
                            "call #1 for account #1 by rep #1 at 2026-11-03T10:00:00Z");
    CU_ASSERT_STRING_EQUAL (tandem_audit_entry_get_what (last), expected);
    CU_ASSERT_STRING_EQUAL (tandem_audit_entry_get_verb (first), "log");
  }

  /* a customer's second order (of three that make a regular customer)
   * changes no stage: one round trip, no stage written */
  CU_ASSERT_EQUAL (TRIPS (db, second = log_order (store, account, inside, 7000, 2031, 1, 10)),
                   on_server ? 1 : 0);
  CU_ASSERT_EQUAL (stored_stage (store, account, &n_changes), TANDEM_ACCOUNT_STAGE_CUSTOMER);
  CU_ASSERT_EQUAL (n_changes, 2);
  g_clear_object (&audit);
  audit = tandem_audit_entry_list (store, NULL, &error);
  {
    g_autoptr (TandemAuditEntry) last
        = g_list_model_get_item (audit, g_list_model_get_n_items (audit) - 1);
    g_autofree char *expected = g_strdup_printf (
        "order #%" G_GINT64_FORMAT " of 70.00 EUR for account #1 by rep #1 at 2031-01-10T10:00:00Z",
        tandem_activity_get_id (second));

    CU_ASSERT_STRING_EQUAL (tandem_audit_entry_get_what (last), expected);
  }

  /* a reversal and a payment within their limits: one round trip each;
   * the returned activities name what they reverse and pay */
  CU_ASSERT_EQUAL (TRIPS (db, reversal = save_against (store, second, field, FALSE, 3000, &error)),
                   on_server ? 1 : 0);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (tandem_activity_get_id (tandem_activity_get_reverses (reversal)),
                   tandem_activity_get_id (second));
  CU_ASSERT_EQUAL (TRIPS (db, payment = save_against (store, second, inside, TRUE, 4000, &error)),
                   on_server ? 1 : 0);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (tandem_activity_get_id (tandem_activity_get_pays (payment)),
                   tandem_activity_get_id (second));

  /* over their limits: refused by the full path, which words why
   * (70.00 less 30.00 reversed leaves 40.00 to reverse; less 40.00 paid
   * as well, nothing to pay) */
  too_much = save_against (store, second, field, FALSE, 4001, &error);
  CU_ASSERT_PTR_NULL (too_much);
  TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                       "40.00 EUR is left to reverse");
  overpaid = save_against (store, second, field, TRUE, 1, &error);
  CU_ASSERT_PTR_NULL (overpaid);
  TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                       "0.00 EUR is left to pay");

  /* the third order within twelve months makes a regular customer: the
   * full path writes the change */
  CU_ASSERT (full_path (TRIPS (db, third = log_order (store, account, field, 5000, 2031, 1, 12))));
  CU_ASSERT_EQUAL (stored_stage (store, account, &n_changes), TANDEM_ACCOUNT_STAGE_REGULAR);
  CU_ASSERT_EQUAL (n_changes, 3);
  CU_ASSERT_EQUAL (tandem_account_get_stage (account), TANDEM_ACCOUNT_STAGE_REGULAR);

  /* a regular customer's next order: one round trip */
  CU_ASSERT_EQUAL (TRIPS (db, fourth = log_order (store, account, field, 5000, 2031, 3, 1)),
                   on_server ? 1 : 0);
  CU_ASSERT_EQUAL (stored_stage (store, account, &n_changes), TANDEM_ACCOUNT_STAGE_REGULAR);
  CU_ASSERT_EQUAL (n_changes, 3);

  /* an order dated before the latest takes the full path */
  CU_ASSERT (full_path (TRIPS (db, earlier = log_order (store, account, field, 5000, 2031, 2, 1))));
  CU_ASSERT_EQUAL (stored_stage (store, account, &n_changes), TANDEM_ACCOUNT_STAGE_REGULAR);
  CU_ASSERT_EQUAL (n_changes, 3);

  /* an order more than a year (365 days) after the last: lost on
   * 2032-02-29 (2031-03-01 + 365 days), won back: the full path writes both */
  CU_ASSERT (full_path (TRIPS (db, late = log_order (store, account, field, 5000, 2032, 3, 2))));
  CU_ASSERT_EQUAL (stored_stage (store, account, &n_changes), TANDEM_ACCOUNT_STAGE_CUSTOMER);
  CU_ASSERT_EQUAL (n_changes, 5);
  CU_ASSERT (change_is (store, account, 0, TANDEM_ACCOUNT_STAGE_CUSTOMER,
                        TANDEM_STAGE_CAUSE_WON_BACK, late));
  CU_ASSERT_EQUAL (tandem_account_get_stage (account), TANDEM_ACCOUNT_STAGE_CUSTOMER);

  /* set lost by hand on 2032-06-01: the next order wins it back in one
   * round trip */
  set_stage_by_hand (store, account, TANDEM_ACCOUNT_STAGE_LOST, 2032, 6, 1);
  CU_ASSERT_EQUAL (TRIPS (db, back = log_order (store, account, field, 5000, 2032, 7, 1)),
                   on_server ? 1 : 0);
  CU_ASSERT_EQUAL (stored_stage (store, account, &n_changes), TANDEM_ACCOUNT_STAGE_CUSTOMER);
  CU_ASSERT_EQUAL (n_changes, 7);
  CU_ASSERT (change_is (store, account, 0, TANDEM_ACCOUNT_STAGE_CUSTOMER,
                        TANDEM_STAGE_CAUSE_WON_BACK, back));
  CU_ASSERT_EQUAL (tandem_account_get_stage (account), TANDEM_ACCOUNT_STAGE_CUSTOMER);

  /* set a regular customer by hand from 2032-07-15, an order of
   * 2033-06-01 (one round trip, no change), then set a prospect by hand
   * from 2033-01-01, before that order: the next order takes the full path,
   * which makes the order of 2033-06-01 the prospect's first (with one
   * order within a year before it, two: no regular customer) */
  set_stage_by_hand (store, account, TANDEM_ACCOUNT_STAGE_REGULAR, 2032, 7, 15);
  CU_ASSERT_EQUAL (TRIPS (db, in_june = log_order (store, account, field, 5000, 2033, 6, 1)),
                   on_server ? 1 : 0);
  set_stage_by_hand (store, account, TANDEM_ACCOUNT_STAGE_PROSPECT, 2033, 1, 1);
  CU_ASSERT (full_path (TRIPS (db, in_july = log_order (store, account, field, 5000, 2033, 7, 1))));
  CU_ASSERT_EQUAL (stored_stage (store, account, &n_changes), TANDEM_ACCOUNT_STAGE_CUSTOMER);
  CU_ASSERT_EQUAL (n_changes, 10);
  CU_ASSERT (change_is (store, account, 0, TANDEM_ACCOUNT_STAGE_CUSTOMER,
                        TANDEM_STAGE_CAUSE_FIRST_ORDER, in_june));
  CU_ASSERT_EQUAL (tandem_account_get_stage (account), TANDEM_ACCOUNT_STAGE_CUSTOMER);
}

/* Rules saved but not yet applied: the one-round-trip log does not pass
 * over an order that they make a regular customer's. Two orders a month
 * apart, then the rules lowered to two orders within a year (and lost
 * after 500 days); an order a year later (alone within its year) takes the
 * full path, which makes the second order a regular customer's. */
static void
test_round_trips_follow_saved_rules (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "rules.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemStore) store = tandem_test_store_new (path, &error);
  g_autoptr (TandemRep) inside = NULL;
  g_autoptr (TandemRep) field = NULL;
  g_autoptr (TandemTeam) team = NULL;
  g_autoptr (TandemAccount) account = NULL;
  g_autoptr (TandemActivity) first = NULL;
  g_autoptr (TandemActivity) second = NULL;
  g_autoptr (TandemActivity) later = NULL;
  g_autoptr (TandemLifecycleRules) rules = tandem_lifecycle_rules_new ();
  gboolean  on_server = tandem_test_on_postgresql ();
  TandemDb *db;
  guint     n_changes = 0;

  TANDEM_ASSERT_NO_ERROR (error);
  db = _tandem_store_get_db (store);
  tandem_test_add_tandem (store, &inside, &field, &team, &account);
  CU_ASSERT_EQUAL (TRIPS (db, first = log_order (store, account, field, 5000, 2031, 1, 3)),
                   on_server ? 1 : 0);
  CU_ASSERT_EQUAL (TRIPS (db, second = log_order (store, account, field, 5000, 2031, 2, 3)),
                   on_server ? 1 : 0);
  CU_ASSERT_EQUAL (stored_stage (store, account, &n_changes), TANDEM_ACCOUNT_STAGE_CUSTOMER);

  tandem_lifecycle_rules_set_regular_orders (rules, 2);
  tandem_lifecycle_rules_set_regular_months (rules, 12);
  tandem_lifecycle_rules_set_lost_after_days (rules, 500);
  CU_ASSERT (tandem_lifecycle_rules_save (store, rules, &error));
  TANDEM_ASSERT_NO_ERROR (error);

  CU_ASSERT (full_path (TRIPS (db, later = log_order (store, account, field, 5000, 2032, 3, 1))));
  CU_ASSERT_EQUAL (stored_stage (store, account, &n_changes), TANDEM_ACCOUNT_STAGE_REGULAR);
  CU_ASSERT_EQUAL (n_changes, 3);
  CU_ASSERT (change_is (store, account, 0, TANDEM_ACCOUNT_STAGE_REGULAR,
                        TANDEM_STAGE_CAUSE_REPEAT_ORDERS, second));
}

/* Opening a store on a full disk fails cleanly and leaves no half schema. */
static void
test_migration_failure (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "nomigrate.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemDb) b = NULL;

  failure_code = SQLITE_FULL;
  writes_until_failure = 2;
  b = _tandem_sqlite_db_open (path, TANDEM_STORE_FLAGS_NONE, "tandem-faulty", &error);
  writes_until_failure = -1;
  CU_ASSERT_PTR_NULL (b);
  TANDEM_ASSERT_ERROR (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_IO, NULL);

  b = _tandem_sqlite_db_open (path, TANDEM_STORE_FLAGS_NONE, NULL, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (_tandem_db_get_schema_version (b), TANDEM_SCHEMA_VERSION);
  CU_ASSERT_TRUE (_tandem_db_check_integrity (b, &error));
}

/* A store written by schema 15 keeps its activities through migration 16:
 * they sold one unit of nothing named, at no known cost. */
static void
test_migration_to_sales (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "schema15.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemDb) b = NULL;
  TandemActivityRecord r = { 0 };
  sqlite3             *db = NULL;

  CU_ASSERT_EQUAL_FATAL (sqlite3_open (path, &db), SQLITE_OK);
  sqlite3_exec (db, "PRAGMA foreign_keys = OFF;", NULL, NULL, NULL);
  for (guint v = 0; v < 15; v++)
    CU_ASSERT_EQUAL (sqlite3_exec (db, _tandem_schema_migrations[v], NULL, NULL, NULL), SQLITE_OK);
  {
    g_autofree char *ids = g_strdup_printf ("PRAGMA user_version = 15; PRAGMA application_id = %d;",
                                            TANDEM_SQLITE_APPLICATION_ID);
    CU_ASSERT_EQUAL (sqlite3_exec (db, ids, NULL, NULL, NULL), SQLITE_OK);
  }
  CU_ASSERT_EQUAL (sqlite3_exec (db,
                                 "INSERT INTO rep (name, role) VALUES ('Anna', 0);"
                                 "INSERT INTO team (name) VALUES ('Nord');"
                                 "INSERT INTO account (name, team_id, stage) VALUES ('ACME', 1, 1);"
                                 "INSERT INTO activity (account_id, rep_id, kind, amount_minor, "
                                 "currency, occurred_at, external_ref) "
                                 "VALUES (1, 1, 4, 1000, 'EUR', 150, 'old-1');",
                                 NULL, NULL, NULL),
                   SQLITE_OK);
  sqlite3_close (db);

  b = _tandem_sqlite_db_open (path, TANDEM_STORE_FLAGS_NONE, NULL, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (_tandem_db_get_schema_version (b), TANDEM_SCHEMA_VERSION);
  CU_ASSERT_TRUE (_tandem_db_load_activity (b, 1, &r, &error));
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_STRING_EQUAL (r.external_ref, "old-1");
  CU_ASSERT_EQUAL (r.amount_minor, 1000);
  CU_ASSERT_PTR_NULL (r.product);
  CU_ASSERT_PTR_NULL (r.category);
  CU_ASSERT_EQUAL (r.quantity, 1);
  CU_ASSERT_FALSE (r.has_cost);
  _tandem_activity_record_clear (&r);
  CU_ASSERT_TRUE (_tandem_db_check_integrity (b, &error));
}

/* A store written by schema 6 keeps its stage history through migration
 * 7: the first change of each account becomes CREATED, later ones MANUAL,
 * and the lifecycle rules start at their defaults. */
static void
test_migration_to_lifecycle (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "schema6.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemDb) b = NULL;
  g_autoptr (GArray) stages = NULL;
  g_autoptr (GArray) orders = NULL;
  TandemLifecycleRecord rules = { 0 };
  sqlite3              *db = NULL;

  CU_ASSERT_EQUAL_FATAL (sqlite3_open (path, &db), SQLITE_OK);
  for (guint v = 0; v < 6; v++)
    CU_ASSERT_EQUAL (sqlite3_exec (db, _tandem_schema_migrations[v], NULL, NULL, NULL), SQLITE_OK);
  {
    g_autofree char *ids = g_strdup_printf ("PRAGMA user_version = 6; PRAGMA application_id = %d;",
                                            TANDEM_SQLITE_APPLICATION_ID);
    CU_ASSERT_EQUAL (sqlite3_exec (db, ids, NULL, NULL, NULL), SQLITE_OK);
  }
  CU_ASSERT_EQUAL (
      sqlite3_exec (
          db,
          "INSERT INTO rep (name, role) VALUES ('Anna', 0), ('Jonas', 1);"
          "INSERT INTO team (name) VALUES ('Nord');"
          "INSERT INTO account (name, team_id, stage) VALUES ('ACME', 1, 1);"
          "INSERT INTO account_stage (account_id, stage, changed_at) VALUES (1, 0, 100), (1, 1, "
          "200);"
          "INSERT INTO activity (account_id, rep_id, kind, amount_minor, currency, occurred_at) "
          "VALUES (1, 2, 4, 1000, 'EUR', 150), (1, 1, 0, NULL, NULL, 160);",
          NULL, NULL, NULL),
      SQLITE_OK);
  sqlite3_close (db);

  b = _tandem_sqlite_db_open (path, TANDEM_STORE_FLAGS_NONE, NULL, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (_tandem_db_get_schema_version (b), TANDEM_SCHEMA_VERSION);
  stages = _tandem_db_list_stage_changes (b, 1, &error);
  CU_ASSERT_EQUAL_FATAL (stages->len, 2);
  CU_ASSERT_EQUAL (g_array_index (stages, TandemStageRecord, 0).cause, TANDEM_STAGE_CAUSE_CREATED);
  CU_ASSERT_EQUAL (g_array_index (stages, TandemStageRecord, 1).cause, TANDEM_STAGE_CAUSE_MANUAL);
  orders = _tandem_db_list_orders (b, 1, &error);
  CU_ASSERT_EQUAL_FATAL (orders->len, 1);
  CU_ASSERT_EQUAL (g_array_index (orders, TandemOrderRecord, 0).occurred_at, 150);
  CU_ASSERT_TRUE (_tandem_db_load_lifecycle (b, &rules, &error));
  CU_ASSERT_EQUAL (rules.regular_orders, 3);
  CU_ASSERT_TRUE (_tandem_db_check_integrity (b, &error));
}

/* Migration 13 rebuilds the activity table (a payment is kind 11): a
 * store of schema 12 keeps its activities, the rows that refer to them
 * and its foreign keys, and takes a payment afterwards. */
static void
test_migration_to_payments (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "schema12.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemDb) b = NULL;
  TandemActivityRecord reversal = { 0 };
  TandemActivityRecord payment = { 0 };
  TandemActivityRecord bad = { 0 };
  g_autoptr (GArray) lines = NULL;
  gboolean inserted = FALSE;
  sqlite3 *db = NULL;

  CU_ASSERT_EQUAL_FATAL (sqlite3_open (path, &db), SQLITE_OK);
  for (guint v = 0; v < 12; v++)
    CU_ASSERT_EQUAL (sqlite3_exec (db, _tandem_schema_migrations[v], NULL, NULL, NULL), SQLITE_OK);
  {
    g_autofree char *ids = g_strdup_printf ("PRAGMA user_version = 12; PRAGMA application_id = %d;",
                                            TANDEM_SQLITE_APPLICATION_ID);
    CU_ASSERT_EQUAL (sqlite3_exec (db, ids, NULL, NULL, NULL), SQLITE_OK);
  }
  CU_ASSERT_EQUAL (
      sqlite3_exec (db,
                    "INSERT INTO rep (name, role) VALUES ('Anna', 0), ('Jonas', 1);"
                    "INSERT INTO team (name) VALUES ('Nord');"
                    "INSERT INTO account (name, team_id, stage) VALUES ('ACME', 1, 1);"
                    "INSERT INTO activity (account_id, rep_id, kind, amount_minor, currency, "
                    "occurred_at, external_ref, reverses_id) VALUES "
                    "(1, 2, 4, 100000, 'EUR', 150, 'O-1', NULL),"
                    "(1, 1, 10, 20000, 'EUR', 160, 'R-1', 1),"
                    "(1, 1, 9, NULL, NULL, 170, 'S-1', NULL);"
                    "INSERT INTO support_request (activity_id, owner_id, queue, due_at) "
                    "VALUES (3, 1, 'first', 200);"
                    "INSERT INTO closed_period (plan, label, start_at, end_at, closed_at) "
                    "VALUES ('Standard', '2026-10', 100, 300, 400);"
                    "INSERT INTO settlement_line (period_id, rep_id, kind, amount_minor, "
                    "activity_id, explanation) VALUES (1, 2, 0, 5000, 1, 'commission');",
                    NULL, NULL, NULL),
      SQLITE_OK);
  sqlite3_close (db);

  b = _tandem_sqlite_db_open (path, TANDEM_STORE_FLAGS_NONE, NULL, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL (_tandem_db_get_schema_version (b), TANDEM_SCHEMA_VERSION);
  CU_ASSERT_TRUE (_tandem_db_check_integrity (b, &error));
  CU_ASSERT_TRUE (_tandem_db_load_activity (b, 2, &reversal, &error));
  CU_ASSERT_EQUAL (reversal.reverses_id, 1);
  CU_ASSERT_STRING_EQUAL (reversal.external_ref, "R-1");
  lines = _tandem_db_list_closed_lines_for_activity (b, 1, &error);
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_EQUAL_FATAL (lines->len, 1);
  CU_ASSERT_FALSE (g_array_index (lines, TandemLineRecord, 0).has_earned);

  /* a payment is stored; a row that refers to nothing is still refused */
  payment.account_id = 1;
  payment.rep_id = 1;
  payment.kind = TANDEM_ACTIVITY_KIND_PAYMENT;
  payment.has_amount = TRUE;
  payment.amount_minor = 40000;
  memcpy (payment.currency, "EUR", 4);
  payment.occurred_at = 180;
  payment.external_ref = (char *)"P-1";
  payment.reverses_id = 1;
  CU_ASSERT_TRUE (_tandem_db_insert_activity (b, &payment, &inserted, &error));
  TANDEM_ASSERT_NO_ERROR (error);
  CU_ASSERT_TRUE (inserted);
  bad = payment;
  bad.external_ref = (char *)"P-2";
  bad.account_id = 99;
  CU_ASSERT_FALSE (_tandem_db_insert_activity (b, &bad, &inserted, &error));
  CU_ASSERT_PTR_NOT_NULL (error);
  _tandem_activity_record_clear (&reversal);
}

int
main (void)
{
  const TandemTestCase cases[] = {
    TANDEM_TEST (test_conformance_reps),
    TANDEM_TEST (test_conformance_teams),
    TANDEM_TEST (test_conformance_accounts),
    TANDEM_TEST (test_conformance_activities),
    TANDEM_TEST (test_round_trips_of_a_log),
    TANDEM_TEST (test_round_trips_follow_saved_rules),
    TANDEM_TEST_SQLITE (test_write_failures),
    TANDEM_TEST_SQLITE (test_read_failures_lists),
    TANDEM_TEST_SQLITE (test_read_failures_pages),
    TANDEM_TEST_SQLITE (test_migration_failure),
    TANDEM_TEST_SQLITE (test_migration_to_lifecycle),
    TANDEM_TEST_SQLITE (test_migration_to_sales),
    TANDEM_TEST_SQLITE (test_migration_to_payments),
  };
  int status;

  tmpdir = tandem_test_make_tmpdir ();
  register_faulty_vfs ();
  status = tandem_test_run ("db", cases, G_N_ELEMENTS (cases));
  tandem_test_remove_tree (tmpdir);
  g_free (tmpdir);
  return status;
}
