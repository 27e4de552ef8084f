/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-store.c: durable storage of reps, tandems, accounts and activities */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <string.h>

#include "tandem-store.h"
#include "tandem-store-private.h"
#include "tandem-sqlite-backend-private.h"
#if HAVE_POSTGRESQL
#include "tandem-pg-driver-private.h"
#endif
#include "tandem-activity-private.h"
#include "tandem-enum-types.h"
#include "tandem-model-private.h"
#include "tandem-util-private.h"

/**
 * TandemStore:
 *
 * The durable home of reps, tandems, accounts and activities.
 *
 * A store is an SQLite file ([ctor@Tandem.Store.new_for_path]) or a
 * private in-memory database ([ctor@Tandem.Store.new_in_memory]). The file
 * is created and migrated as needed, uses write-ahead logging, enforces
 * foreign keys and waits for other writers up to a busy timeout, so
 * several processes can log activities into the same file at once. Every
 * change is one transaction: it happens whole or not at all.
 *
 * The store keeps history rather than deleting it: tandems keep their
 * membership history ([method@Tandem.Store.change_team_members]),
 * accounts their stage history ([method@Tandem.Store.set_account_stage]),
 * and reps, tandems and accounts are archived, never deleted. Activities
 * are facts; a mistake is corrected by a reversal.
 *
 * Objects loaded from one store are shared: asking twice for the rep with
 * id 3 gives the same [class@Tandem.Rep]. Collections are [iface@Gio.ListModel]s;
 * activity lists are paged, so a million activities are never in memory
 * at once. Long operations have `_async` variants that run in a worker
 * thread and report through [signal@Tandem.Store::progress].
 *
 * A store may be used from several threads; calls are serialised.
 *
 * Since: 1.0
 */
struct _TandemStore
{
  GObject parent_instance;

  GRecMutex      lock;
  TandemBackend *backend;
  char          *path;
  GHashTable    *reps;     /* id → TandemRep */
  GHashTable    *teams;    /* id → TandemTeam */
  GHashTable    *accounts; /* id → TandemAccount */
};

enum
{
  PROP_0,
  PROP_PATH,
  PROP_READ_ONLY,
  PROP_SCHEMA_VERSION,
  N_PROPS
};

enum
{
  SIGNAL_PROGRESS,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint       signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (TandemStore, tandem_store, G_TYPE_OBJECT)

/**
 * tandem_store_error_quark:
 *
 * The quark of the %TANDEM_STORE_ERROR domain.
 *
 * Returns: the error domain
 *
 * Since: 1.0
 */
/* clang-format off */
G_DEFINE_QUARK (tandem-store-error-quark, tandem_store_error)
/* clang-format on */

/* clang-format on */

typedef struct
{
  TandemStore *store;
  char        *operation;
  guint64      done;
  guint64      total;
} Progress;

static gboolean
emit_progress (gpointer data)
{
  Progress *p = data;

  g_signal_emit (p->store, signals[SIGNAL_PROGRESS], 0, p->operation, p->done, p->total);
  return G_SOURCE_REMOVE;
}

static void
progress_free (gpointer data)
{
  Progress *p = data;

  g_object_unref (p->store);
  g_free (p->operation);
  g_free (p);
}

void
_tandem_store_report_progress (TandemStore  *self,
                               GMainContext *context,
                               const char   *operation,
                               guint64       done,
                               guint64       total)
{
  if (context == NULL)
    {
      g_signal_emit (self, signals[SIGNAL_PROGRESS], 0, operation, done, total);
    }
  else
    {
      Progress *p = g_new0 (Progress, 1);

      p->store = g_object_ref (self);
      p->operation = g_strdup (operation);
      p->done = done;
      p->total = total;
      g_main_context_invoke_full (context, G_PRIORITY_DEFAULT, emit_progress, p, progress_free);
    }
}

static void
tandem_store_finalize (GObject *object)
{
  TandemStore *self = (TandemStore *)object;

  g_clear_pointer (&self->reps, g_hash_table_unref);
  g_clear_pointer (&self->teams, g_hash_table_unref);
  g_clear_pointer (&self->accounts, g_hash_table_unref);
  g_clear_object (&self->backend);
  g_clear_pointer (&self->path, g_free);
  g_rec_mutex_clear (&self->lock);

  G_OBJECT_CLASS (tandem_store_parent_class)->finalize (object);
}

static void
tandem_store_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TandemStore *self = TANDEM_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_READ_ONLY:
      g_value_set_boolean (value, tandem_store_get_read_only (self));
      break;

    case PROP_SCHEMA_VERSION:
      g_value_set_int (value, tandem_store_get_schema_version (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_store_class_init (TandemStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tandem_store_finalize;
  object_class->get_property = tandem_store_get_property;

  /**
   * TandemStore:path:
   *
   * The file of the store, or %NULL for an in-memory store.
   *
   * Since: 1.0
   */
  properties[PROP_PATH] = g_param_spec_string ("path", NULL, NULL, NULL,
                                               (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * TandemStore:read-only:
   *
   * Whether the store refuses writes.
   *
   * Since: 1.0
   */
  properties[PROP_READ_ONLY] = g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                                                     (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  /**
   * TandemStore:schema-version:
   *
   * The schema version of the open file.
   *
   * Since: 1.0
   */
  properties[PROP_SCHEMA_VERSION] = g_param_spec_int ("schema-version", NULL, NULL, 0, G_MAXINT, 0,
                                                      (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * TandemStore::progress:
   * @self: the store
   * @operation: what is running: "import", "export", "settle", …
   * @done: items done so far
   * @total: the expected number of items, or 0 if unknown
   *
   * Emitted now and then during long operations. For `_async` calls it is
   * emitted in the thread-default main context of the caller.
   *
   * Since: 1.0
   */
  signals[SIGNAL_PROGRESS] = g_signal_new ("progress",
                                           G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_UINT64, G_TYPE_UINT64);
}

static void
tandem_store_init (TandemStore *self)
{
  g_rec_mutex_init (&self->lock);
  self->reps = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->teams = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->accounts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
}

/* ------------------------------------------------------------------ */
/* Private API                                                         */

TandemStore *
_tandem_store_new_for_backend (TandemBackend *backend,
                               const char    *path)
{
  TandemStore *self = g_object_new (TANDEM_TYPE_STORE, NULL);

  self->backend = g_object_ref (backend);
  self->path = g_strdup (path);
  return self;
}

TandemBackend *
_tandem_store_get_backend (TandemStore *self)
{
  return self->backend;
}

void
_tandem_store_lock (TandemStore *self)
{
  g_rec_mutex_lock (&self->lock);
}

void
_tandem_store_unlock (TandemStore *self)
{
  g_rec_mutex_unlock (&self->lock);
}

typedef GRecMutexLocker StoreLocker;

static inline StoreLocker *
store_locker_new (TandemStore *self)
{
  return g_rec_mutex_locker_new (&self->lock);
}

#define LOCK_STORE(self) \
  g_autoptr (GRecMutexLocker) G_PASTE (locker, __LINE__) G_GNUC_UNUSED = store_locker_new (self)

static void
cache_insert (GHashTable *table,
              gint64      id,
              gpointer    object)
{
  gint64 *key = g_new (gint64, 1);

  *key = id;
  g_hash_table_replace (table, key, g_object_ref (object));
}

static gboolean
check_writable (TandemStore *self,
                GError     **error)
{
  if (!tandem_backend_is_read_only (self->backend))
    return TRUE;

  g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_READ_ONLY,
               _ ("The store “%s” is open read-only"), self->path ? self->path : ":memory:");
  return FALSE;
}

static gboolean
check_stored (gpointer    object,
              gint64      id,
              const char *what,
              GError    **error)
{
  if (id > 0)
    return TRUE;

  g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
               _ ("The %s is not stored yet: save it first"), what);
  return FALSE;
}

/* Wraps a validation error so that callers see one store error domain
 * per call only when the cause is the store; validation keeps its own. */
static TandemRep *
rep_from_record (TandemStore           *self,
                 const TandemRepRecord *record)
{
  TandemRep *rep = g_hash_table_lookup (self->reps, &record->id);

  if (rep == NULL)
    {
      rep = g_object_new (TANDEM_TYPE_REP,
                          "id", record->id,
                          "name", record->name,
                          "role", record->role,
                          "archived", record->archived,
                          NULL);
      cache_insert (self->reps, record->id, rep);
      g_object_unref (rep);
    }
  else
    {
      tandem_rep_set_name (rep, record->name);
      tandem_rep_set_role (rep, record->role);
      _tandem_rep_set_archived (rep, record->archived);
    }

  return rep;
}

TandemRep *
_tandem_store_load_rep (TandemStore *self,
                        gint64       id,
                        GError     **error)
{
  TandemRepRecord record = { 0 };
  TandemRep      *rep;

  rep = g_hash_table_lookup (self->reps, &id);
  if (rep != NULL)
    return rep;

  if (!tandem_backend_load_rep (self->backend, id, &record, error))
    return NULL;

  rep = rep_from_record (self, &record);
  tandem_rep_record_clear (&record);
  return rep;
}

static TandemMoney *
money_from_parts (gboolean    has_amount,
                  gint64      minor,
                  const char *currency)
{
  if (!has_amount)
    return NULL;
  return tandem_money_new (minor, currency);
}

static TandemTeam *
team_from_record (TandemStore            *self,
                  const TandemTeamRecord *record,
                  GError                **error)
{
  g_autoptr (TandemMoney) target = money_from_parts (record->has_target, record->target_minor,
                                                     record->target_currency);
  TandemRep  *inside = _tandem_store_load_rep (self, record->inside_rep_id, error);
  TandemRep  *field;
  TandemTeam *team;

  if (inside == NULL)
    return NULL;
  field = _tandem_store_load_rep (self, record->field_rep_id, error);
  if (field == NULL)
    return NULL;

  team = g_hash_table_lookup (self->teams, &record->id);
  if (team == NULL)
    {
      team = g_object_new (TANDEM_TYPE_TEAM,
                           "id", record->id,
                           "name", record->name,
                           "inside-rep", inside,
                           "field-rep", field,
                           "inside-share", record->inside_share,
                           "target", target,
                           "archived", record->archived,
                           NULL);
      cache_insert (self->teams, record->id, team);
      g_object_unref (team);
    }
  else
    {
      g_object_set (team,
                    "name", record->name,
                    "inside-rep", inside,
                    "field-rep", field,
                    "inside-share", record->inside_share,
                    "target", target,
                    "archived", record->archived,
                    NULL);
    }

  return team;
}

TandemTeam *
_tandem_store_team_from_record (TandemStore            *self,
                                const TandemTeamRecord *record,
                                GError                **error)
{
  return team_from_record (self, record, error);
}

gboolean
_tandem_store_preload_reps (TandemStore *self,
                            GError     **error)
{
  g_autoptr (GArray) reps = tandem_backend_list_reps (self->backend, error);

  if (reps == NULL)
    return FALSE;
  for (guint i = 0; i < reps->len; i++)
    rep_from_record (self, &g_array_index (reps, TandemRepRecord, i));
  return TRUE;
}

TandemTeam *
_tandem_store_load_team (TandemStore *self,
                         gint64       id,
                         GError     **error)
{
  TandemTeamRecord record = { 0 };
  TandemTeam      *team;

  team = g_hash_table_lookup (self->teams, &id);
  if (team != NULL)
    return team;

  if (!tandem_backend_load_team (self->backend, id, &record, error))
    return NULL;

  team = team_from_record (self, &record, error);
  tandem_team_record_clear (&record);
  return team;
}

static TandemAccount *load_account_depth (TandemStore *self,
                                          gint64       id,
                                          guint        depth,
                                          GError     **error);

static TandemAccount *
account_from_record (TandemStore               *self,
                     const TandemAccountRecord *record,
                     guint                      depth,
                     GError                   **error)
{
  TandemTeam    *team = NULL;
  TandemAccount *referrer = NULL;
  TandemAccount *account;

  if (record->team_id > 0 && (team = _tandem_store_load_team (self, record->team_id, error)) == NULL)
    return NULL;

  if (record->referred_by_id > 0)
    {
      if (depth > 64)
        {
          g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CORRUPT,
                       _ ("Account %" PRId64 " has a referral chain deeper than 64"), record->id);
          return NULL;
        }
      referrer = load_account_depth (self, record->referred_by_id, depth + 1, error);
      if (referrer == NULL)
        return NULL;
    }

  account = g_hash_table_lookup (self->accounts, &record->id);
  if (account == NULL)
    {
      account = g_object_new (TANDEM_TYPE_ACCOUNT,
                              "id", record->id,
                              "name", record->name,
                              "team", team,
                              "category", record->category,
                              "stage", record->stage,
                              "archived", record->archived,
                              NULL);
      cache_insert (self->accounts, record->id, account);
      g_object_unref (account);
    }
  else
    {
      g_object_set (account,
                    "name", record->name,
                    "team", team,
                    "category", record->category,
                    "stage", record->stage,
                    "archived", record->archived,
                    NULL);
    }

  if (!tandem_account_set_referred_by (account, referrer, error))
    return NULL;

  return account;
}

static TandemAccount *
load_account_depth (TandemStore *self,
                    gint64       id,
                    guint        depth,
                    GError     **error)
{
  TandemAccountRecord record = { 0 };
  TandemAccount      *account;

  account = g_hash_table_lookup (self->accounts, &id);
  if (account != NULL)
    return account;

  if (!tandem_backend_load_account (self->backend, id, &record, error))
    return NULL;

  account = account_from_record (self, &record, depth, error);
  tandem_account_record_clear (&record);
  return account;
}

GListModel *
_tandem_stage_changes_to_list (GArray *records)
{
  GListStore *list = g_list_store_new (TANDEM_TYPE_STAGE_CHANGE);

  for (guint i = 0; i < records->len; i++)
    {
      const TandemStageRecord *r = &g_array_index (records, TandemStageRecord, i);
      g_autoptr (GDateTime) at = _tandem_time_from_usec (r->changed_at);
      g_autoptr (TandemStageChange) change = g_object_new (TANDEM_TYPE_STAGE_CHANGE,
                                                           "account-id", r->account_id,
                                                           "stage", r->stage,
                                                           "changed-at", at,
                                                           "cause", r->cause,
                                                           "activity-id", r->activity_id,
                                                           NULL);
      g_list_store_append (list, change);
    }
  return G_LIST_MODEL (list);
}

void
_tandem_store_refresh_stages (TandemStore *self,
                              GArray      *changes)
{
  for (guint i = 0; i < changes->len; i++)
    {
      const TandemStageRecord *r = &g_array_index (changes, TandemStageRecord, i);
      TandemAccount           *account = g_hash_table_lookup (self->accounts, &r->account_id);

      if (account != NULL)
        tandem_account_set_stage (account, r->stage);
    }
}

TandemAccount *
_tandem_store_load_account (TandemStore *self,
                            gint64       id,
                            GError     **error)
{
  return load_account_depth (self, id, 0, error);
}

static TandemActivity *
load_activity (TandemStore *self,
               gint64       id,
               guint        depth,
               GError     **error);

static TandemActivity *
activity_from_record_depth (TandemStore                *self,
                            const TandemActivityRecord *record,
                            guint                       depth,
                            GError                    **error)
{
  g_autoptr (TandemMoney) amount = money_from_parts (record->has_amount, record->amount_minor,
                                                     record->currency);
  g_autoptr (GDateTime) occurred_at = _tandem_time_from_usec (record->occurred_at);
  g_autoptr (TandemActivity) reverses = NULL;
  TandemAccount *account;
  TandemRep     *rep;

  account = _tandem_store_load_account (self, record->account_id, error);
  if (account == NULL)
    return NULL;
  rep = _tandem_store_load_rep (self, record->rep_id, error);
  if (rep == NULL)
    return NULL;

  if (record->reverses_id > 0)
    {
      if (depth > 4)
        {
          g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CORRUPT,
                       _ ("Activity %" PRId64 " has a chain of reversals"), record->id);
          return NULL;
        }
      reverses = load_activity (self, record->reverses_id, depth + 1, error);
      if (reverses == NULL)
        return NULL;
    }

  return g_object_new (TANDEM_TYPE_ACTIVITY,
                       "id", record->id,
                       "account", account,
                       "rep", rep,
                       "kind", record->kind,
                       "amount", amount,
                       "occurred-at", occurred_at,
                       "external-ref", record->external_ref,
                       "reverses", reverses,
                       "note", record->note,
                       NULL);
}

TandemActivity *
_tandem_store_activity_from_record (TandemStore                *self,
                                    const TandemActivityRecord *record,
                                    GError                    **error)
{
  return activity_from_record_depth (self, record, 0, error);
}

static TandemActivity *
load_activity (TandemStore *self,
               gint64       id,
               guint        depth,
               GError     **error)
{
  TandemActivityRecord record = { 0 };
  TandemActivity      *activity;

  if (!tandem_backend_load_activity (self->backend, id, &record, error))
    return NULL;

  activity = activity_from_record_depth (self, &record, depth, error);
  tandem_activity_record_clear (&record);
  return activity;
}

void
_tandem_store_scan_from_filter (TandemStore          *self,
                                TandemActivityFilter *filter,
                                TandemActivityScan   *scan)
{
  TandemActivityKind kind;

  tandem_activity_scan_init (scan);
  if (filter == NULL)
    return;

  if (tandem_activity_filter_get_team (filter) != NULL)
    scan->team_id = tandem_team_get_id (tandem_activity_filter_get_team (filter));
  if (tandem_activity_filter_get_account (filter) != NULL)
    scan->account_id = tandem_account_get_id (tandem_activity_filter_get_account (filter));
  if (tandem_activity_filter_get_rep (filter) != NULL)
    scan->rep_id = tandem_rep_get_id (tandem_activity_filter_get_rep (filter));
  if (tandem_activity_filter_get_kind (filter, &kind))
    scan->kind = kind;
  if (tandem_activity_filter_get_since (filter) != NULL)
    scan->since = _tandem_time_to_usec (tandem_activity_filter_get_since (filter));
  if (tandem_activity_filter_get_until (filter) != NULL)
    scan->until = _tandem_time_to_usec (tandem_activity_filter_get_until (filter));
}

/* ------------------------------------------------------------------ */
/* Opening                                                             */

/**
 * tandem_store_new_for_path:
 * @path: (type filename): the SQLite file; created if missing
 * @error: return location for a #GError
 *
 * Opens the store in @path for reading and writing, creating and
 * migrating the file as needed. See [ctor@Tandem.Store.new_for_path_full].
 *
 * Returns: (transfer full): the store, or %NULL with a %TANDEM_STORE_ERROR
 *
 * Since: 1.0
 */
TandemStore *
tandem_store_new_for_path (const char *path,
                           GError    **error)
{
  return tandem_store_new_for_path_full (path, TANDEM_STORE_FLAGS_NONE, error);
}

/**
 * tandem_store_new_for_path_full:
 * @path: (type filename): the SQLite file
 * @flags: how to open it
 * @error: return location for a #GError
 *
 * Opens the store in @path.
 *
 * A new file gets the current schema. An older one is migrated forward,
 * each step in its own transaction. A file written by a newer libtandem
 * is refused with %TANDEM_STORE_ERROR_TOO_NEW and left untouched; an
 * SQLite file of another application with %TANDEM_STORE_ERROR_NOT_A_STORE;
 * a file that is not a database, or is damaged, with
 * %TANDEM_STORE_ERROR_CORRUPT.
 *
 * With %TANDEM_STORE_FLAGS_READ_ONLY the file must exist and is never
 * written; every change fails with %TANDEM_STORE_ERROR_READ_ONLY.
 *
 * Returns: (transfer full): the store, or %NULL with a %TANDEM_STORE_ERROR
 *
 * Since: 1.0
 */
TandemStore *
tandem_store_new_for_path_full (const char      *path,
                                TandemStoreFlags flags,
                                GError         **error)
{
  g_autoptr (TandemBackend) backend = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  backend = tandem_sqlite_backend_new (path, flags, NULL, error);
  if (backend == NULL)
    return NULL;

  return _tandem_store_new_for_backend (backend, path);
}

/**
 * tandem_store_new_for_uri:
 * @uri: where the store is: a file path (SQLite), or a libpq connection
 *   URI (`postgresql://user@host:5432/tandem`, `postgres://…`;
 *   `postgresql:///tandem` takes host, port and user from `PGHOST`,
 *   `PGPORT` and `PGUSER`)
 * @error: return location for a #GError
 *
 * Opens the store that @uri names, creating or migrating its schema as
 * needed; every rule and query is the same on both engines. A file path
 * works as [ctor@Tandem.Store.new_for_path]. On a server, the database
 * must exist; an empty one gets the schema, one of another application is
 * refused with %TANDEM_STORE_ERROR_NOT_A_STORE, one written by a newer
 * libtandem with %TANDEM_STORE_ERROR_TOO_NEW and left untouched. Errors
 * name the host and database, never the password.
 *
 * Returns: (transfer full): the store, or %NULL with a %TANDEM_STORE_ERROR
 *
 * Since: 1.0
 */
TandemStore *
tandem_store_new_for_uri (const char *uri,
                          GError    **error)
{
  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_str_has_prefix (uri, "postgresql://") || g_str_has_prefix (uri, "postgres://"))
    {
#if HAVE_POSTGRESQL
      g_autoptr (TandemBackend) backend = tandem_pg_backend_new (uri, TANDEM_STORE_FLAGS_NONE, error);

      return backend != NULL ? _tandem_store_new_for_backend (backend, NULL) : NULL;
#else
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_FAILED,
                   _ ("This libtandem was built without PostgreSQL support"));
      return NULL;
#endif
    }

  return tandem_store_new_for_path (uri, error);
}

/**
 * tandem_store_new_in_memory:
 * @error: return location for a #GError
 *
 * Creates a private store in memory, for tests and scripts. It is gone
 * when the last reference is dropped.
 *
 * Returns: (transfer full): the store, or %NULL with a %TANDEM_STORE_ERROR
 *
 * Since: 1.0
 */
TandemStore *
tandem_store_new_in_memory (GError **error)
{
  g_autoptr (TandemBackend) backend = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  backend = tandem_sqlite_backend_new (NULL, TANDEM_STORE_FLAGS_NONE, NULL, error);
  if (backend == NULL)
    return NULL;

  return _tandem_store_new_for_backend (backend, NULL);
}

/**
 * tandem_store_get_path:
 * @self: a `TandemStore`
 *
 * Gets [property@Tandem.Store:path].
 *
 * Returns: (transfer none) (nullable) (type filename): the file, or %NULL in memory
 *
 * Since: 1.0
 */
const char *
tandem_store_get_path (TandemStore *self)
{
  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);

  return self->path;
}

/**
 * tandem_store_get_read_only:
 * @self: a `TandemStore`
 *
 * Gets [property@Tandem.Store:read-only].
 *
 * Returns: whether the store refuses writes
 *
 * Since: 1.0
 */
gboolean
tandem_store_get_read_only (TandemStore *self)
{
  g_return_val_if_fail (TANDEM_IS_STORE (self), TRUE);

  return tandem_backend_is_read_only (self->backend);
}

/**
 * tandem_store_get_schema_version:
 * @self: a `TandemStore`
 *
 * Gets [property@Tandem.Store:schema-version].
 *
 * Returns: the schema version
 *
 * Since: 1.0
 */
int
tandem_store_get_schema_version (TandemStore *self)
{
  g_return_val_if_fail (TANDEM_IS_STORE (self), 0);

  return tandem_backend_get_schema_version (self->backend);
}

/**
 * tandem_store_check_integrity:
 * @self: a `TandemStore`
 * @error: return location for a #GError
 *
 * Runs the database's own consistency check.
 *
 * Returns: %TRUE if the file is sound, %FALSE with
 *   %TANDEM_STORE_ERROR_CORRUPT naming the first problem
 *
 * Since: 1.0
 */
gboolean
tandem_store_check_integrity (TandemStore *self,
                              GError     **error)
{
  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);

  LOCK_STORE (self);

  return tandem_backend_check_integrity (self->backend, error);
}

/* ------------------------------------------------------------------ */
/* Reps                                                                */

/**
 * tandem_store_add_rep:
 * @self: a `TandemStore`
 * @name: the rep's full name
 * @role: the rep's role
 * @error: return location for a #GError
 *
 * Adds a rep.
 *
 * Returns: (transfer full): the stored rep, or %NULL with a
 *   %TANDEM_VALIDATION_ERROR or %TANDEM_STORE_ERROR
 *
 * Since: 1.0
 */
TandemRep *
tandem_store_add_rep (TandemStore *self,
                      const char  *name,
                      TandemRole   role,
                      GError     **error)
{
  g_autoptr (TandemRep) draft = NULL;
  TandemRepRecord record = { 0 };
  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  LOCK_STORE (self);

  draft = tandem_rep_new (name, role);
  if (!tandem_rep_validate (draft, error) || !check_writable (self, error))
    return NULL;

  record.name = (char *)name;
  record.role = role;
  if (!tandem_backend_insert_rep (self->backend, &record, error))
    return NULL;

  return g_object_ref (rep_from_record (self, &record));
}

/**
 * tandem_store_get_rep:
 * @self: a `TandemStore`
 * @id: the rep's id
 * @error: return location for a #GError
 *
 * Gets a rep by id.
 *
 * Returns: (transfer full): the rep, or %NULL with
 *   %TANDEM_STORE_ERROR_NOT_FOUND
 *
 * Since: 1.0
 */
TandemRep *
tandem_store_get_rep (TandemStore *self,
                      gint64       id,
                      GError     **error)
{
  TandemRep *rep;
  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  LOCK_STORE (self);

  rep = _tandem_store_load_rep (self, id, error);
  return rep != NULL ? g_object_ref (rep) : NULL;
}

/**
 * tandem_store_update_rep:
 * @self: a `TandemStore`
 * @rep: a rep of this store, changed with its setters
 * @error: return location for a #GError
 *
 * Saves the rep's name and role.
 *
 * Returns: %TRUE on success
 *
 * Since: 1.0
 */
gboolean
tandem_store_update_rep (TandemStore *self,
                         TandemRep   *rep,
                         GError     **error)
{
  TandemRepRecord record = { 0 };
  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);
  g_return_val_if_fail (TANDEM_IS_REP (rep), FALSE);

  LOCK_STORE (self);

  if (!check_stored (rep, tandem_rep_get_id (rep), _ ("rep"), error) || !tandem_rep_validate (rep, error) || !check_writable (self, error))
    return FALSE;

  record.id = tandem_rep_get_id (rep);
  record.name = (char *)tandem_rep_get_name (rep);
  record.role = tandem_rep_get_role (rep);
  record.archived = tandem_rep_get_archived (rep);
  return tandem_backend_update_rep (self->backend, &record, error);
}

/**
 * tandem_store_archive_rep:
 * @self: a `TandemStore`
 * @rep: a rep of this store
 * @error: return location for a #GError
 *
 * Archives a rep: kept for history (activities, memberships,
 * settlements), no longer active. Nothing is deleted.
 *
 * Returns: %TRUE on success
 *
 * Since: 1.0
 */
gboolean
tandem_store_archive_rep (TandemStore *self,
                          TandemRep   *rep,
                          GError     **error)
{
  TandemRepRecord record = { 0 };
  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);
  g_return_val_if_fail (TANDEM_IS_REP (rep), FALSE);

  LOCK_STORE (self);

  if (!check_stored (rep, tandem_rep_get_id (rep), _ ("rep"), error) || !check_writable (self, error))
    return FALSE;

  record.id = tandem_rep_get_id (rep);
  record.name = (char *)tandem_rep_get_name (rep);
  record.role = tandem_rep_get_role (rep);
  record.archived = TRUE;
  if (!tandem_backend_update_rep (self->backend, &record, error))
    return FALSE;

  _tandem_rep_set_archived (rep, TRUE);
  return TRUE;
}

static GListModel *
list_from_records (TandemStore *self,
                   GType        type,
                   GArray      *records,
                   gsize        record_size,
                   gpointer (*make) (TandemStore *, gconstpointer))
{
  GListStore *list = g_list_store_new (type);

  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      gpointer object = make (self, records->data + i * record_size);

      if (object != NULL)
        g_list_store_append (list, object);
    }

  return G_LIST_MODEL (list);
}

static gpointer
make_rep (TandemStore  *self,
          gconstpointer record)
{
  return rep_from_record (self, record);
}

/**
 * tandem_store_list_reps:
 * @self: a `TandemStore`
 *
 * Lists every rep, archived ones included, by id.
 *
 * Returns: (transfer full): a list model of [class@Tandem.Rep]
 *
 * Since: 1.0
 */
GListModel *
tandem_store_list_reps (TandemStore *self)
{
  g_autoptr (GArray) records = NULL;
  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);

  LOCK_STORE (self);

  records = tandem_backend_list_reps (self->backend, NULL);
  return list_from_records (self, TANDEM_TYPE_REP, records, sizeof (TandemRepRecord), make_rep);
}

/* ------------------------------------------------------------------ */
/* Tandems                                                             */

static gboolean
check_member_stored (TandemRep *rep,
                     GError   **error)
{
  if (tandem_rep_get_id (rep) <= 0)
    return check_stored (rep, 0, _ ("rep"), error);

  if (tandem_rep_get_archived (rep))
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                   _ ("Rep “%s” is archived and cannot join a tandem"), tandem_rep_get_name (rep));
      return FALSE;
    }

  return TRUE;
}

static void
team_to_record (TandemTeam       *team,
                TandemTeamRecord *record)
{
  TandemMoney *target = tandem_team_get_target (team);

  record->id = tandem_team_get_id (team);
  record->name = (char *)tandem_team_get_name (team);
  record->inside_share = tandem_team_get_inside_share (team);
  record->has_target = target != NULL;
  if (target != NULL)
    {
      record->target_minor = tandem_money_get_minor_units (target);
      g_strlcpy (record->target_currency, tandem_money_get_currency (target), 4);
    }
  record->archived = tandem_team_get_archived (team);
  record->inside_rep_id = tandem_rep_get_id (tandem_team_get_inside_rep (team));
  record->field_rep_id = tandem_rep_get_id (tandem_team_get_field_rep (team));
}

/* Two reps form at most one active tandem: a second one would split the
 * same accounts' credit twice. */
static gboolean
check_pair_free (TandemStore *self,
                 TandemRep   *inside_rep,
                 TandemRep   *field_rep,
                 gint64       except_team_id,
                 GError     **error)
{
  g_autoptr (GArray) teams = tandem_backend_list_teams (self->backend, error);

  if (teams == NULL)
    return FALSE;
  for (guint i = 0; i < teams->len; i++)
    {
      const TandemTeamRecord *t = &g_array_index (teams, TandemTeamRecord, i);

      if (!t->archived && t->id != except_team_id && t->inside_rep_id == tandem_rep_get_id (inside_rep)
          && t->field_rep_id == tandem_rep_get_id (field_rep))
        {
          g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                       _ ("%s and %s already form tandem “%s” (id %" PRId64
                          "); archive it before forming another"),
                       tandem_rep_get_name (inside_rep), tandem_rep_get_name (field_rep), t->name, t->id);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * tandem_store_save_team:
 * @self: a `TandemStore`
 * @team: a tandem not yet stored, from [ctor@Tandem.Team.new]
 * @since: (nullable): when its membership begins; %NULL for now
 * @error: return location for a #GError
 *
 * Stores a new tandem with its name, share and target; its members'
 * history begins at @since. Both reps must be stored and not archived,
 * and must not already form another active tandem
 * (%TANDEM_STORE_ERROR_INVALID names it). Activities of its accounts
 * dated before @since are credited to these first members.
 *
 * Returns: (transfer full): the stored tandem, or %NULL
 *
 * Since: 1.0
 */
TandemTeam *
tandem_store_save_team (TandemStore *self,
                        TandemTeam  *team,
                        GDateTime   *since,
                        GError     **error)
{
  g_autoptr (GDateTime) now = NULL;
  TandemTeamRecord record = { 0 };
  TandemTeam      *stored;
  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (TANDEM_IS_TEAM (team), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  LOCK_STORE (self);

  if (tandem_team_get_id (team) > 0)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                   _ ("Tandem “%s” is already stored"), tandem_team_get_name (team));
      return NULL;
    }

  if (!tandem_team_validate (team, error) || !check_member_stored (tandem_team_get_inside_rep (team), error)
      || !check_member_stored (tandem_team_get_field_rep (team), error) || !check_writable (self, error)
      || !check_pair_free (self, tandem_team_get_inside_rep (team), tandem_team_get_field_rep (team), 0, error))
    return NULL;

  if (since == NULL)
    since = now = g_date_time_new_now_utc ();

  team_to_record (team, &record);
  if (!tandem_backend_insert_team (self->backend, &record, _tandem_time_to_usec (since), error))
    return NULL;

  stored = team_from_record (self, &record, error);
  return stored != NULL ? g_object_ref (stored) : NULL;
}

/**
 * tandem_store_add_team:
 * @self: a `TandemStore`
 * @inside_rep: the stored inside rep
 * @field_rep: the stored field rep
 * @error: return location for a #GError
 *
 * Adds a tandem named after its members, whose membership begins now.
 * Use [method@Tandem.Store.save_team] to give a name, share, target or
 * start date.
 *
 * Returns: (transfer full): the stored tandem, or %NULL
 *
 * Since: 1.0
 */
TandemTeam *
tandem_store_add_team (TandemStore *self,
                       TandemRep   *inside_rep,
                       TandemRep   *field_rep,
                       GError     **error)
{
  g_autoptr (TandemTeam) draft = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (TANDEM_IS_REP (inside_rep), NULL);
  g_return_val_if_fail (TANDEM_IS_REP (field_rep), NULL);

  draft = tandem_team_new (NULL, inside_rep, field_rep, error);
  if (draft == NULL)
    return NULL;

  return tandem_store_save_team (self, draft, NULL, error);
}

/**
 * tandem_store_get_team:
 * @self: a `TandemStore`
 * @id: the tandem's id
 * @error: return location for a #GError
 *
 * Gets a tandem by id, with its current members.
 *
 * Returns: (transfer full): the tandem, or %NULL with
 *   %TANDEM_STORE_ERROR_NOT_FOUND
 *
 * Since: 1.0
 */
TandemTeam *
tandem_store_get_team (TandemStore *self,
                       gint64       id,
                       GError     **error)
{
  TandemTeam *team;
  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  LOCK_STORE (self);

  team = _tandem_store_load_team (self, id, error);
  return team != NULL ? g_object_ref (team) : NULL;
}

/**
 * tandem_store_update_team:
 * @self: a `TandemStore`
 * @team: a tandem of this store
 * @error: return location for a #GError
 *
 * Saves the tandem's name, inside share and target. Its members change
 * only through [method@Tandem.Store.change_team_members], which keeps
 * their history.
 *
 * Returns: %TRUE on success
 *
 * Since: 1.0
 */
gboolean
tandem_store_update_team (TandemStore *self,
                          TandemTeam  *team,
                          GError     **error)
{
  TandemTeamRecord record = { 0 };
  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);
  g_return_val_if_fail (TANDEM_IS_TEAM (team), FALSE);

  LOCK_STORE (self);

  if (!check_stored (team, tandem_team_get_id (team), _ ("tandem"), error) || !tandem_team_validate (team, error) || !check_writable (self, error))
    return FALSE;

  team_to_record (team, &record);
  return tandem_backend_update_team (self->backend, &record, error);
}

/**
 * tandem_store_change_team_members:
 * @self: a `TandemStore`
 * @team: a tandem of this store
 * @inside_rep: the new inside rep
 * @field_rep: the new field rep
 * @since: (nullable): when the new members take over; %NULL for now
 * @error: return location for a #GError
 *
 * Changes the tandem's members from @since on. The old membership is
 * kept, ending at @since, so activities before it are still credited to
 * the members of their time.
 *
 * Returns: %TRUE on success
 *
 * Since: 1.0
 */
gboolean
tandem_store_change_team_members (TandemStore *self,
                                  TandemTeam  *team,
                                  TandemRep   *inside_rep,
                                  TandemRep   *field_rep,
                                  GDateTime   *since,
                                  GError     **error)
{
  g_autoptr (GDateTime) now = NULL;
  g_autoptr (GArray) history = NULL;
  gint64 since_usec;
  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);
  g_return_val_if_fail (TANDEM_IS_TEAM (team), FALSE);
  g_return_val_if_fail (TANDEM_IS_REP (inside_rep), FALSE);
  g_return_val_if_fail (TANDEM_IS_REP (field_rep), FALSE);

  LOCK_STORE (self);

  if (!check_stored (team, tandem_team_get_id (team), _ ("tandem"), error) || !check_member_stored (inside_rep, error) || !check_member_stored (field_rep, error) || !check_writable (self, error))
    return FALSE;

  if (since == NULL)
    since = now = g_date_time_new_now_utc ();
  since_usec = _tandem_time_to_usec (since);

  history = tandem_backend_list_memberships (self->backend, tandem_team_get_id (team), error);
  if (history == NULL)
    return FALSE;
  if (history->len > 0 && g_array_index (history, TandemMembershipRecord, history->len - 1).valid_from > since_usec)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                   _ ("Tandem “%s” has members from a later date; a change must come after the last one"),
                   tandem_team_get_name (team));
      return FALSE;
    }

  /* checks the roles before anything is written */
  {
    g_autoptr (TandemTeam) probe = tandem_team_new ("probe", inside_rep, field_rep, error);

    if (probe == NULL || !check_pair_free (self, inside_rep, field_rep, tandem_team_get_id (team), error))
      return FALSE;
  }

  if (!tandem_backend_change_members (self->backend, tandem_team_get_id (team),
                                      tandem_rep_get_id (inside_rep), tandem_rep_get_id (field_rep),
                                      since_usec, error))
    return FALSE;

  return tandem_team_set_members (team, inside_rep, field_rep, error);
}

/**
 * tandem_store_set_team_start:
 * @self: a `TandemStore`
 * @team: a stored tandem
 * @since: when the tandem started
 * @error: return location for a #GError
 *
 * Moves the start of @team's first membership to @since, for a tandem that
 * was entered with the wrong start. Orders from before a tandem started
 * are credited to its first members either way, so no settled figure
 * changes; @since must lie before the first membership ended.
 *
 * Returns: %TRUE on success
 *
 * Since: 1.0
 */
gboolean
tandem_store_set_team_start (TandemStore *self,
                             TandemTeam  *team,
                             GDateTime   *since,
                             GError     **error)
{
  g_autoptr (GArray) history = NULL;
  gint64 since_usec;

  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);
  g_return_val_if_fail (TANDEM_IS_TEAM (team), FALSE);
  g_return_val_if_fail (since != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  LOCK_STORE (self);

  if (!check_stored (team, tandem_team_get_id (team), _ ("tandem"), error) || !check_writable (self, error))
    return FALSE;
  since_usec = _tandem_time_to_usec (since);
  history = tandem_backend_list_memberships (self->backend, tandem_team_get_id (team), error);
  if (history == NULL)
    return FALSE;
  if (history->len > 0 && g_array_index (history, TandemMembershipRecord, 0).valid_until != 0
      && g_array_index (history, TandemMembershipRecord, 0).valid_until <= since_usec)
    {
      g_autofree char *until = _tandem_time_format (g_array_index (history, TandemMembershipRecord, 0).valid_until);

      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                   _ ("Tandem “%s”: its first members changed at %s; the start must come before"),
                   tandem_team_get_name (team), until);
      return FALSE;
    }
  return tandem_backend_set_team_start (self->backend, tandem_team_get_id (team), since_usec, error);
}

static TandemMembership *
membership_from_record (TandemStore                  *self,
                        const TandemMembershipRecord *record,
                        GError                      **error)
{
  g_autoptr (GDateTime) from = _tandem_time_from_usec (record->valid_from);
  g_autoptr (GDateTime) until = record->valid_until ? _tandem_time_from_usec (record->valid_until) : NULL;
  TandemRep *inside = _tandem_store_load_rep (self, record->inside_rep_id, error);
  TandemRep *field;

  if (inside == NULL || (field = _tandem_store_load_rep (self, record->field_rep_id, error)) == NULL)
    return NULL;

  return g_object_new (TANDEM_TYPE_MEMBERSHIP,
                       "team-id", record->team_id,
                       "inside-rep", inside,
                       "field-rep", field,
                       "valid-from", from,
                       "valid-until", until,
                       NULL);
}

/**
 * tandem_store_list_memberships:
 * @self: a `TandemStore`
 * @team: a tandem of this store
 * @error: return location for a #GError
 *
 * Lists who formed the tandem when, oldest first.
 *
 * Returns: (transfer full): a list model of [class@Tandem.Membership]
 *
 * Since: 1.0
 */
GListModel *
tandem_store_list_memberships (TandemStore *self,
                               TandemTeam  *team,
                               GError     **error)
{
  g_autoptr (GArray) records = NULL;
  g_autoptr (GListStore) list = NULL;
  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (TANDEM_IS_TEAM (team), NULL);

  LOCK_STORE (self);

  records = tandem_backend_list_memberships (self->backend, tandem_team_get_id (team), error);
  if (records == NULL)
    return NULL;

  list = g_list_store_new (TANDEM_TYPE_MEMBERSHIP);
  for (guint i = 0; i < records->len; i++)
    {
      g_autoptr (TandemMembership) m = membership_from_record (self, &g_array_index (records, TandemMembershipRecord, i), error);

      if (m == NULL)
        return NULL;
      g_list_store_append (list, m);
    }

  return G_LIST_MODEL (g_steal_pointer (&list));
}

/**
 * tandem_store_get_team_members_at:
 * @self: a `TandemStore`
 * @team: a tandem of this store
 * @at: the time
 * @error: return location for a #GError
 *
 * Finds who formed the tandem at @at: the members an activity at that
 * time is credited to. Before the tandem was formed, that is its first
 * members: they take what the tandem's accounts did before.
 *
 * Returns: (transfer full): the membership, or %NULL with
 *   %TANDEM_STORE_ERROR_NOT_FOUND if the tandem has no members at all
 *
 * Since: 1.0
 */
TandemMembership *
tandem_store_get_team_members_at (TandemStore *self,
                                  TandemTeam  *team,
                                  GDateTime   *at,
                                  GError     **error)
{
  g_autoptr (GArray) records = NULL;
  gint64 t;
  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (TANDEM_IS_TEAM (team), NULL);
  g_return_val_if_fail (at != NULL, NULL);

  LOCK_STORE (self);

  records = tandem_backend_list_memberships (self->backend, tandem_team_get_id (team), error);
  if (records == NULL)
    return NULL;

  t = _tandem_time_to_usec (at);
  if (tandem_membership_record_at (records, t) != NULL)
    return membership_from_record (self, tandem_membership_record_at (records, t), error);

  {
    g_autofree char *when = g_date_time_format_iso8601 (at);

    g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_FOUND,
                 _ ("Tandem “%s” had no members at %s"), tandem_team_get_name (team), when);
  }
  return NULL;
}

/**
 * tandem_store_archive_team:
 * @self: a `TandemStore`
 * @team: a tandem of this store
 * @error: return location for a #GError
 *
 * Archives a dissolved tandem; its history stays.
 *
 * Returns: %TRUE on success
 *
 * Since: 1.0
 */
gboolean
tandem_store_archive_team (TandemStore *self,
                           TandemTeam  *team,
                           GError     **error)
{
  TandemTeamRecord record = { 0 };
  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);
  g_return_val_if_fail (TANDEM_IS_TEAM (team), FALSE);

  LOCK_STORE (self);

  if (!check_stored (team, tandem_team_get_id (team), _ ("tandem"), error) || !check_writable (self, error))
    return FALSE;

  team_to_record (team, &record);
  record.archived = TRUE;
  if (!tandem_backend_update_team (self->backend, &record, error))
    return FALSE;

  _tandem_team_set_archived (team, TRUE);
  return TRUE;
}

static gpointer
make_team (TandemStore  *self,
           gconstpointer record)
{
  return team_from_record (self, record, NULL);
}

/**
 * tandem_store_list_teams:
 * @self: a `TandemStore`
 *
 * Lists every tandem, archived ones included, by id.
 *
 * Returns: (transfer full): a list model of [class@Tandem.Team]
 *
 * Since: 1.0
 */
GListModel *
tandem_store_list_teams (TandemStore *self)
{
  g_autoptr (GArray) records = NULL;
  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);

  LOCK_STORE (self);

  records = tandem_backend_list_teams (self->backend, NULL);
  return list_from_records (self, TANDEM_TYPE_TEAM, records, sizeof (TandemTeamRecord), make_team);
}

/* ------------------------------------------------------------------ */
/* Accounts                                                            */

static gboolean
account_to_record (TandemStore         *self,
                   TandemAccount       *account,
                   TandemAccountRecord *record,
                   GError             **error)
{
  TandemTeam    *team = tandem_account_get_team (account);
  TandemAccount *referrer = tandem_account_get_referred_by (account);

  if (team != NULL && !check_stored (team, tandem_team_get_id (team), _ ("tandem"), error))
    return FALSE;
  if (referrer != NULL && !check_stored (referrer, tandem_account_get_id (referrer), _ ("referring account"), error))
    return FALSE;

  record->id = tandem_account_get_id (account);
  record->name = (char *)tandem_account_get_name (account);
  record->team_id = team ? tandem_team_get_id (team) : 0;
  record->category = tandem_account_get_category (account);
  record->stage = tandem_account_get_stage (account);
  record->referred_by_id = referrer ? tandem_account_get_id (referrer) : 0;
  record->archived = tandem_account_get_archived (account);
  return TRUE;
}

/**
 * tandem_store_save_account:
 * @self: a `TandemStore`
 * @account: an account not yet stored, from [ctor@Tandem.Account.new]
 * @since: (nullable): when the account came into being; %NULL for now
 * @error: return location for a #GError
 *
 * Stores a new account with its team, category, stage and referrer. Its
 * stage history begins at @since with its current stage.
 *
 * Returns: (transfer full): the stored account, or %NULL
 *
 * Since: 1.0
 */
TandemAccount *
tandem_store_save_account (TandemStore   *self,
                           TandemAccount *account,
                           GDateTime     *since,
                           GError       **error)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  TandemAccountRecord record = { 0 };
  TandemAccount      *stored;
  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (TANDEM_IS_ACCOUNT (account), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  LOCK_STORE (self);

  if (tandem_account_get_id (account) > 0)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                   _ ("Account “%s” is already stored"), tandem_account_get_name (account));
      return NULL;
    }

  if (!tandem_account_validate (account, error) || !check_writable (self, error) || !account_to_record (self, account, &record, error))
    return NULL;

  if (!tandem_backend_insert_account (self->backend, &record,
                                      _tandem_time_to_usec (since != NULL ? since : now), error))
    return NULL;

  stored = account_from_record (self, &record, 0, error);
  return stored != NULL ? g_object_ref (stored) : NULL;
}

/**
 * tandem_store_add_account:
 * @self: a `TandemStore`
 * @name: the customer's name
 * @team: (nullable): the owning tandem, stored
 * @error: return location for a #GError
 *
 * Adds an account: a C prospect owned by @team.
 *
 * Returns: (transfer full): the stored account, or %NULL
 *
 * Since: 1.0
 */
TandemAccount *
tandem_store_add_account (TandemStore *self,
                          const char  *name,
                          TandemTeam  *team,
                          GError     **error)
{
  g_autoptr (TandemAccount) draft = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (team == NULL || TANDEM_IS_TEAM (team), NULL);

  draft = tandem_account_new (name, team);
  return tandem_store_save_account (self, draft, NULL, error);
}

/**
 * tandem_store_get_account:
 * @self: a `TandemStore`
 * @id: the account's id
 * @error: return location for a #GError
 *
 * Gets an account by id.
 *
 * Returns: (transfer full): the account, or %NULL with
 *   %TANDEM_STORE_ERROR_NOT_FOUND
 *
 * Since: 1.0
 */
TandemAccount *
tandem_store_get_account (TandemStore *self,
                          gint64       id,
                          GError     **error)
{
  TandemAccount *account;
  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  LOCK_STORE (self);

  account = _tandem_store_load_account (self, id, error);
  return account != NULL ? g_object_ref (account) : NULL;
}

/**
 * tandem_store_update_account:
 * @self: a `TandemStore`
 * @account: an account of this store, changed with its setters
 * @error: return location for a #GError
 *
 * Saves the account's name, tandem, category and referrer. A changed
 * stage is recorded in the stage history as of now; to give the time of
 * the change, use [method@Tandem.Store.set_account_stage].
 *
 * Returns: %TRUE on success
 *
 * Since: 1.0
 */
gboolean
tandem_store_update_account (TandemStore   *self,
                             TandemAccount *account,
                             GError       **error)
{
  TandemAccountRecord record = { 0 };
  TandemAccountRecord stored = { 0 };
  gboolean            stage_changed;
  gboolean            ok;
  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);
  g_return_val_if_fail (TANDEM_IS_ACCOUNT (account), FALSE);

  LOCK_STORE (self);

  if (!check_stored (account, tandem_account_get_id (account), _ ("account"), error) || !tandem_account_validate (account, error) || !check_writable (self, error) || !account_to_record (self, account, &record, error))
    return FALSE;

  if (!tandem_backend_load_account (self->backend, record.id, &stored, error))
    return FALSE;
  stage_changed = stored.stage != record.stage;
  tandem_account_record_clear (&stored);

  if (!tandem_backend_begin (self->backend, error))
    return FALSE;

  ok = tandem_backend_update_account (self->backend, &record, error);
  if (ok && stage_changed)
    {
      g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

      TandemStageRecord change = { record.id, record.stage, _tandem_time_to_usec (now), TANDEM_STAGE_CAUSE_MANUAL, 0 };

      ok = tandem_backend_add_stage_change (self->backend, &change, error);
    }

  if (ok && tandem_backend_commit (self->backend, error))
    return TRUE;

  tandem_backend_rollback (self->backend);
  return FALSE;
}

static gboolean
check_stage_order (TandemStore   *self,
                   TandemAccount *account,
                   GDateTime     *at,
                   GError       **error)
{
  g_autoptr (GArray) history = tandem_backend_list_stage_changes (self->backend, tandem_account_get_id (account), error);

  if (history == NULL)
    return FALSE;

  if (history->len > 0 && g_array_index (history, TandemStageRecord, history->len - 1).changed_at > _tandem_time_to_usec (at))
    {
      g_autofree char *when = g_date_time_format_iso8601 (at);

      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                   _ ("Account “%s” has a later stage change than %s; stage changes are recorded in order"),
                   tandem_account_get_name (account), when);
      return FALSE;
    }

  return TRUE;
}

/**
 * tandem_store_set_account_stage:
 * @self: a `TandemStore`
 * @account: an account of this store
 * @stage: the new stage
 * @at: (nullable): when it changed; %NULL for now
 * @error: return location for a #GError
 *
 * Moves the account to @stage and records the change with its time.
 * Setting the stage it already has records nothing. Changes are recorded
 * in time order: one dated before the account's latest recorded change
 * (or before the account was created) is refused with
 * %TANDEM_STORE_ERROR_INVALID.
 *
 * Returns: %TRUE on success
 *
 * Since: 1.0
 */
gboolean
tandem_store_set_account_stage (TandemStore       *self,
                                TandemAccount     *account,
                                TandemAccountStage stage,
                                GDateTime         *at,
                                GError           **error)
{
  g_autoptr (GDateTime) now = NULL;
  TandemAccountRecord record = { 0 };
  TandemStageRecord   change;
  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);
  g_return_val_if_fail (TANDEM_IS_ACCOUNT (account), FALSE);

  LOCK_STORE (self);

  if (!check_stored (account, tandem_account_get_id (account), _ ("account"), error) || !check_writable (self, error))
    return FALSE;

  if (!tandem_backend_load_account (self->backend, tandem_account_get_id (account), &record, error))
    return FALSE;

  if (record.stage == (int)stage)
    {
      tandem_account_record_clear (&record);
      return TRUE;
    }

  if (at == NULL)
    at = now = g_date_time_new_now_utc ();

  if (!check_stage_order (self, account, at, error))
    goto fail;

  record.stage = stage;
  change = (TandemStageRecord){ record.id, stage, _tandem_time_to_usec (at), TANDEM_STAGE_CAUSE_MANUAL, 0 };
  if (!tandem_backend_begin (self->backend, error))
    goto fail;
  if (!tandem_backend_update_account (self->backend, &record, error) || !tandem_backend_add_stage_change (self->backend, &change, error) || !tandem_backend_commit (self->backend, error))
    {
      tandem_backend_rollback (self->backend);
      goto fail;
    }

  tandem_account_record_clear (&record);
  tandem_account_set_stage (account, stage);
  return TRUE;

fail:
  tandem_account_record_clear (&record);
  return FALSE;
}

/**
 * tandem_store_list_stage_changes:
 * @self: a `TandemStore`
 * @account: an account of this store
 * @error: return location for a #GError
 *
 * Lists every stage the account has been in, with the time it entered it,
 * why ([property@Tandem.StageChange:cause]) and the order that moved it
 * there, oldest first. The first entry is the stage it was created in
 * (%TANDEM_STAGE_CAUSE_CREATED); see [class@Tandem.LifecycleRules] for
 * the changes orders make.
 *
 * Returns: (transfer full): a list model of [class@Tandem.StageChange]
 *
 * Since: 1.0
 */
GListModel *
tandem_store_list_stage_changes (TandemStore   *self,
                                 TandemAccount *account,
                                 GError       **error)
{
  g_autoptr (GArray) records = NULL;
  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (TANDEM_IS_ACCOUNT (account), NULL);

  LOCK_STORE (self);

  records = tandem_backend_list_stage_changes (self->backend, tandem_account_get_id (account), error);
  if (records == NULL)
    return NULL;

  return _tandem_stage_changes_to_list (records);
}

/**
 * tandem_store_archive_account:
 * @self: a `TandemStore`
 * @account: an account of this store
 * @error: return location for a #GError
 *
 * Archives an account (for example a D account at the yearly clean-up).
 * Its activities and history stay.
 *
 * Returns: %TRUE on success
 *
 * Since: 1.0
 */
gboolean
tandem_store_archive_account (TandemStore   *self,
                              TandemAccount *account,
                              GError       **error)
{
  TandemAccountRecord record = { 0 };
  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);
  g_return_val_if_fail (TANDEM_IS_ACCOUNT (account), FALSE);

  LOCK_STORE (self);

  if (!check_stored (account, tandem_account_get_id (account), _ ("account"), error) || !check_writable (self, error))
    return FALSE;

  if (!tandem_backend_load_account (self->backend, tandem_account_get_id (account), &record, error))
    return FALSE;
  record.archived = TRUE;
  if (!tandem_backend_update_account (self->backend, &record, error))
    {
      tandem_account_record_clear (&record);
      return FALSE;
    }
  tandem_account_record_clear (&record);

  _tandem_account_set_archived (account, TRUE);
  return TRUE;
}

static gpointer
make_account (TandemStore  *self,
              gconstpointer record)
{
  return account_from_record (self, record, 0, NULL);
}

/**
 * tandem_store_list_accounts:
 * @self: a `TandemStore`
 *
 * Lists every account, archived ones included, by id.
 *
 * Returns: (transfer full): a list model of [class@Tandem.Account]
 *
 * Since: 1.0
 */
GListModel *
tandem_store_list_accounts (TandemStore *self)
{
  g_autoptr (GArray) records = NULL;
  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);

  LOCK_STORE (self);

  records = tandem_backend_list_accounts (self->backend, NULL);
  return list_from_records (self, TANDEM_TYPE_ACCOUNT, records, sizeof (TandemAccountRecord), make_account);
}

/* ------------------------------------------------------------------ */
/* Activities                                                          */

gboolean
_tandem_store_check_open (GArray  *ranges,
                          gint64   t,
                          GError **error)
{
  for (guint i = 0; ranges != NULL && i < ranges->len; i++)
    {
      const TandemRangeRecord *r = &g_array_index (ranges, TandemRangeRecord, i);

      if (r->start <= t && t < r->end)
        {
          g_autofree char *when = _tandem_time_format (t);

          g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CLOSED_PERIOD,
                       _ ("%s lies in a closed settlement period: activities there can no longer be logged"), when);
          return FALSE;
        }
    }
  return TRUE;
}

static TandemOrdersHook orders_hook;

void
_tandem_store_set_orders_hook (TandemOrdersHook hook)
{
  orders_hook = hook;
}

gboolean
_tandem_store_run_orders_hook (TandemBackend *backend,
                               const gint64  *account_ids,
                               guint          n_accounts,
                               GArray        *changes,
                               GError       **error)
{
  return orders_hook == NULL || n_accounts == 0 || orders_hook (backend, account_ids, n_accounts, changes, error);
}

/**
 * tandem_store_save_activity:
 * @self: a `TandemStore`
 * @activity: an activity not yet stored, from [ctor@Tandem.Activity.new]
 *   or [ctor@Tandem.Activity.new_reversal]
 * @inserted: (out) (optional): %FALSE if its external reference was
 *   already stored and nothing was written
 * @error: return location for a #GError
 *
 * Stores an activity. Its account and rep must be stored, and not
 * archived. The same rules hold here as for every row of
 * [method@Tandem.Store.import_activities]:
 *
 * - Every stored activity has a reference
 *   ([property@Tandem.Activity:external-ref]) that means the same in any
 *   store, so exports name what they refer to. One saved without a
 *   reference gets a new one, `auto-` and 20 random hexadecimal digits
 *   (an imported row without one gets a reference derived from its
 *   facts instead).
 * - A reference that is already stored with the same facts is not stored
 *   again: the stored activity is returned and @inserted is %FALSE. With
 *   other facts (amount, time, account, rep, kind or reversed activity)
 *   it is refused with %TANDEM_STORE_ERROR_CONFLICT naming both.
 * - The reversals of an activity together never take back more than its
 *   amount; the one that would is refused with
 *   %TANDEM_STORE_ERROR_INVALID naming the activity and what is left.
 * - An order, cross-sell, up-sell or reversal needs an account with a
 *   tandem that had members at its time (else
 *   %TANDEM_STORE_ERROR_INVALID naming the tandem's start).
 * - An activity dated inside a closed settlement period is refused with
 *   %TANDEM_STORE_ERROR_CLOSED_PERIOD; the check runs in the same
 *   transaction as the write, so a concurrent close either sees the
 *   activity or makes it fail.
 *
 * A refused activity writes nothing.
 *
 * Returns: (transfer full): the stored activity, or %NULL
 *
 * Since: 1.0
 */
TandemActivity *
tandem_store_save_activity (TandemStore    *self,
                            TandemActivity *activity,
                            gboolean       *inserted,
                            GError        **error)
{
  TandemActivityRecord record = { 0 };
  TandemAccount       *account;
  TandemRep           *rep;
  TandemMoney         *amount;
  TandemActivity      *reverses;
  gboolean             was_inserted = FALSE;
  g_autoptr (GArray) changes = NULL;
  g_autoptr (TandemActivityWriter) writer = NULL;
  g_autoptr (GRecMutexLocker) locker = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (TANDEM_IS_ACTIVITY (activity), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  locker = store_locker_new (self);

  if (tandem_activity_get_id (activity) > 0)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                   _ ("Activity %" PRId64 " is already stored"), tandem_activity_get_id (activity));
      return NULL;
    }

  if (!tandem_activity_validate (activity, error) || !check_writable (self, error))
    return NULL;

  account = tandem_activity_get_account (activity);
  rep = tandem_activity_get_rep (activity);
  reverses = tandem_activity_get_reverses (activity);
  if (!check_stored (account, tandem_account_get_id (account), _ ("account"), error)
      || !check_stored (rep, tandem_rep_get_id (rep), _ ("rep"), error)
      || (reverses != NULL
          && !check_stored (reverses, tandem_activity_get_id (reverses), _ ("reversed activity"), error)))
    return NULL;

  if (tandem_account_get_archived (account))
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                   _ ("Account “%s” is archived: no new activities"), tandem_account_get_name (account));
      return NULL;
    }
  if (tandem_rep_get_archived (rep))
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                   _ ("Rep “%s” is archived: no new activities"), tandem_rep_get_name (rep));
      return NULL;
    }

  amount = tandem_activity_get_amount (activity);
  record.account_id = tandem_account_get_id (account);
  record.rep_id = tandem_rep_get_id (rep);
  record.kind = tandem_activity_get_kind (activity);
  record.has_amount = amount != NULL;
  if (amount != NULL)
    {
      record.amount_minor = tandem_money_get_minor_units (amount);
      g_strlcpy (record.currency, tandem_money_get_currency (amount), 4);
    }
  record.occurred_at = _tandem_time_to_usec (tandem_activity_get_occurred_at (activity));
  record.external_ref = (char *)tandem_activity_get_external_ref (activity);
  record.reverses_id = reverses ? tandem_activity_get_id (reverses) : 0;
  record.note = (char *)tandem_activity_get_note (activity);

  /* everything the writer reads (closed periods, reversals, duplicates)
   * is read inside the write transaction */
  changes = g_array_new (FALSE, TRUE, sizeof (TandemStageRecord));
  if (!tandem_backend_begin (self->backend, error))
    return NULL;
  writer = _tandem_activity_writer_new (self, FALSE, error);
  if (writer == NULL || !_tandem_activity_writer_write (writer, &record, &was_inserted, NULL, error)
      || (was_inserted && tandem_activity_kind_is_commissionable (record.kind)
          && !_tandem_store_run_orders_hook (self->backend, &record.account_id, 1, changes, error))
      || !tandem_backend_commit (self->backend, error))
    {
      tandem_backend_rollback (self->backend);
      return NULL;
    }
  _tandem_store_refresh_stages (self, changes);

  if (inserted != NULL)
    *inserted = was_inserted;

  return load_activity (self, record.id, 0, error);
}

/**
 * tandem_store_log_activity:
 * @self: a `TandemStore`
 * @account: a stored account
 * @rep: the stored rep who did it
 * @kind: what happened (not %TANDEM_ACTIVITY_KIND_REVERSAL: see
 *   [method@Tandem.Store.save_activity])
 * @amount: (nullable): the amount, required for orders, cross-sells and up-sells
 * @occurred_at: when it happened
 * @error: return location for a #GError
 *
 * Logs an activity.
 *
 * Returns: (transfer full): the stored activity, or %NULL with a
 *   %TANDEM_VALIDATION_ERROR or %TANDEM_STORE_ERROR
 *
 * Since: 1.0
 */
TandemActivity *
tandem_store_log_activity (TandemStore       *self,
                           TandemAccount     *account,
                           TandemRep         *rep,
                           TandemActivityKind kind,
                           TandemMoney       *amount,
                           GDateTime         *occurred_at,
                           GError           **error)
{
  g_autoptr (TandemActivity) draft = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (TANDEM_IS_ACCOUNT (account), NULL);
  g_return_val_if_fail (TANDEM_IS_REP (rep), NULL);
  g_return_val_if_fail (occurred_at != NULL, NULL);

  draft = tandem_activity_new (account, rep, kind, amount, occurred_at, error);
  if (draft == NULL)
    return NULL;

  return tandem_store_save_activity (self, draft, NULL, error);
}

/**
 * tandem_store_get_activity:
 * @self: a `TandemStore`
 * @id: the activity's id
 * @error: return location for a #GError
 *
 * Gets an activity by id.
 *
 * Returns: (transfer full): the activity, or %NULL with
 *   %TANDEM_STORE_ERROR_NOT_FOUND
 *
 * Since: 1.0
 */
TandemActivity *
tandem_store_get_activity (TandemStore *self,
                           gint64       id,
                           GError     **error)
{
  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  LOCK_STORE (self);

  return load_activity (self, id, 0, error);
}

/**
 * tandem_store_find_activity_by_ref:
 * @self: a `TandemStore`
 * @external_ref: an external reference
 * @error: return location for a #GError
 *
 * Finds the activity with an external reference.
 *
 * Returns: (transfer full): the activity, or %NULL with
 *   %TANDEM_STORE_ERROR_NOT_FOUND
 *
 * Since: 1.0
 */
TandemActivity *
tandem_store_find_activity_by_ref (TandemStore *self,
                                   const char  *external_ref,
                                   GError     **error)
{
  gint64 id;
  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (external_ref != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  LOCK_STORE (self);

  id = tandem_backend_find_activity_by_ref (self->backend, external_ref, error);
  if (id < 0)
    return NULL;
  if (id == 0)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_FOUND,
                   _ ("No activity with reference “%s”"), external_ref);
      return NULL;
    }

  return load_activity (self, id, 0, error);
}

/**
 * tandem_store_list_activities:
 * @self: a `TandemStore`
 *
 * Lists every activity, in time order. The list is a snapshot of the
 * activities stored when it was made, and it is paged: items are read
 * from the file as they are asked for, so a list of a million activities
 * holds only a few pages in memory.
 *
 * Returns: (transfer full): a list model of [class@Tandem.Activity]
 *
 * Since: 1.0
 */
GListModel *
tandem_store_list_activities (TandemStore *self)
{
  g_autoptr (GError) error = NULL;
  GListModel *list;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);

  list = tandem_store_query_activities (self, NULL, &error);
  if (list == NULL)
    {
      g_warning ("Could not list activities: %s", error->message);
      return G_LIST_MODEL (g_list_store_new (TANDEM_TYPE_ACTIVITY));
    }
  return list;
}

/**
 * tandem_store_query_activities:
 * @self: a `TandemStore`
 * @filter: (nullable): the conditions, or %NULL for all activities
 * @error: return location for a #GError
 *
 * Lists the activities that match @filter, in time order, as a paged
 * snapshot (see [method@Tandem.Store.list_activities]).
 *
 * Returns: (transfer full): a list model of [class@Tandem.Activity], or
 *   %NULL with a %TANDEM_STORE_ERROR
 *
 * Since: 1.0
 */
GListModel *
tandem_store_query_activities (TandemStore          *self,
                               TandemActivityFilter *filter,
                               GError              **error)
{
  TandemActivityScan scan;
  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (filter == NULL || TANDEM_IS_ACTIVITY_FILTER (filter), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  LOCK_STORE (self);

  _tandem_store_scan_from_filter (self, filter, &scan);
  return _tandem_activity_list_new (self, &scan, error);
}

static void
query_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  TandemStore        *self = source_object;
  TandemActivityScan *scan = task_data;
  GError             *error = NULL;
  GListModel         *list;

  if (g_task_return_error_if_cancelled (task))
    return;

  _tandem_store_lock (self);
  list = _tandem_activity_list_new (self, scan, &error);
  /* read the first page here, off the caller's thread */
  if (list != NULL && g_list_model_get_n_items (list) > 0)
    g_object_unref (g_list_model_get_item (list, 0));
  _tandem_store_unlock (self);

  if (list == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, list, g_object_unref);
}

/**
 * tandem_store_query_activities_async:
 * @self: a `TandemStore`
 * @filter: (nullable): the conditions, or %NULL for all activities
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the query is done
 * @user_data: data for @callback
 *
 * Runs [method@Tandem.Store.query_activities] in a worker thread: counting
 * the matches and reading the first page happen there.
 *
 * Since: 1.0
 */
void
tandem_store_query_activities_async (TandemStore          *self,
                                     TandemActivityFilter *filter,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data)
{
  g_autoptr (GTask) task = NULL;
  TandemActivityScan *scan;

  g_return_if_fail (TANDEM_IS_STORE (self));
  g_return_if_fail (filter == NULL || TANDEM_IS_ACTIVITY_FILTER (filter));

  scan = g_new0 (TandemActivityScan, 1);
  _tandem_store_scan_from_filter (self, filter, scan);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tandem_store_query_activities_async);
  g_task_set_task_data (task, scan, g_free);
  g_task_run_in_thread (task, query_thread);
}

/**
 * tandem_store_query_activities_finish:
 * @self: a `TandemStore`
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Tandem.Store.query_activities_async].
 *
 * Returns: (transfer full): a list model of [class@Tandem.Activity], or %NULL
 *
 * Since: 1.0
 */
GListModel *
tandem_store_query_activities_finish (TandemStore  *self,
                                      GAsyncResult *result,
                                      GError      **error)
{
  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* Import                                                              */

/**
 * tandem_store_import_activities:
 * @self: a `TandemStore`
 * @stream: CSV or JSON text
 * @format: the format of @stream
 * @cancellable: (nullable): a #GCancellable
 * @inserted: (out) (optional): how many activities were stored
 * @skipped: (out) (optional): how many rows were skipped because their
 *   `ref` was already stored
 * @error: return location for a #GError
 *
 * Imports activities in one transaction: all rows or none. The input is
 * read as a stream, so memory does not grow with its size.
 *
 * The columns (CSV header names, or JSON keys) are `ref` (optional, the
 * activity's unique external reference), `at` (ISO 8601 with an offset,
 * such as `2026-11-03T10:00:00Z`), `account` and `rep` (ids), `kind`
 * (`order`, `cross-sell`, …), `amount` (`1200.00 EUR`, empty where none),
 * and optionally `reverses` (the reversed activity's `ref`, or `#` and its
 * id) and `note`. Unknown columns are an error.
 *
 * A row whose `ref` is already stored is skipped and counted in @skipped.
 * A bad row stops the import with a %TANDEM_IMPORT_ERROR whose message
 * begins with its position, `line N: column: `, and nothing is written.
 * [signal@Tandem.Store::progress] is emitted with operation "import".
 *
 * Returns: %TRUE on success
 *
 * Since: 1.0
 */
gboolean
tandem_store_import_activities (TandemStore     *self,
                                GInputStream    *stream,
                                TandemDataFormat format,
                                GCancellable    *cancellable,
                                guint64         *inserted,
                                guint64         *skipped,
                                GError         **error)
{
  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);
  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_autoptr (GArray) changes = g_array_new (FALSE, TRUE, sizeof (TandemStageRecord));
  LOCK_STORE (self);

  if (!_tandem_store_import (self, stream, format, NULL, cancellable, inserted, skipped, changes, error))
    return FALSE;
  _tandem_store_refresh_stages (self, changes);
  return TRUE;
}

typedef struct
{
  GInputStream    *stream;
  TandemDataFormat format;
  GMainContext    *context;
  guint64          inserted;
  guint64          skipped;
  GArray          *changes; /* the lifecycle's, applied in _finish */
} ImportData;

static void
import_data_free (ImportData *data)
{
  g_clear_object (&data->stream);
  g_clear_pointer (&data->context, g_main_context_unref);
  g_clear_pointer (&data->changes, g_array_unref);
  g_free (data);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportData *data = task_data;
  GError     *error = NULL;

  if (_tandem_store_import (source_object, data->stream, data->format, data->context,
                            cancellable, &data->inserted, &data->skipped, data->changes, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * tandem_store_import_activities_async:
 * @self: a `TandemStore`
 * @stream: CSV or JSON text
 * @format: the format of @stream
 * @cancellable: (nullable): a #GCancellable; cancelling rolls everything back
 * @callback: (scope async): called when the import is done
 * @user_data: data for @callback
 *
 * Runs [method@Tandem.Store.import_activities] in a worker thread;
 * [signal@Tandem.Store::progress] is emitted in the caller's
 * thread-default main context.
 *
 * Since: 1.0
 */
void
tandem_store_import_activities_async (TandemStore        *self,
                                      GInputStream       *stream,
                                      TandemDataFormat    format,
                                      GCancellable       *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  ImportData *data;

  g_return_if_fail (TANDEM_IS_STORE (self));
  g_return_if_fail (G_IS_INPUT_STREAM (stream));

  data = g_new0 (ImportData, 1);
  data->stream = g_object_ref (stream);
  data->format = format;
  data->context = g_main_context_ref_thread_default ();
  data->changes = g_array_new (FALSE, TRUE, sizeof (TandemStageRecord));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tandem_store_import_activities_async);
  g_task_set_task_data (task, data, (GDestroyNotify)import_data_free);
  g_task_run_in_thread (task, import_thread);
}

/**
 * tandem_store_import_activities_finish:
 * @self: a `TandemStore`
 * @result: the result passed to the callback
 * @inserted: (out) (optional): how many activities were stored
 * @skipped: (out) (optional): how many rows were skipped as already stored
 * @error: return location for a #GError
 *
 * Finishes [method@Tandem.Store.import_activities_async].
 *
 * Returns: %TRUE on success
 *
 * Since: 1.0
 */
gboolean
tandem_store_import_activities_finish (TandemStore  *self,
                                       GAsyncResult *result,
                                       guint64      *inserted,
                                       guint64      *skipped,
                                       GError      **error)
{
  ImportData *data;

  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  data = g_task_get_task_data (G_TASK (result));
  /* the loaded accounts learn their new stages in the caller's thread */
  _tandem_store_lock (self);
  _tandem_store_refresh_stages (self, data->changes);
  g_array_set_size (data->changes, 0);
  _tandem_store_unlock (self);
  if (inserted != NULL)
    *inserted = data->inserted;
  if (skipped != NULL)
    *skipped = data->skipped;
  return TRUE;
}
