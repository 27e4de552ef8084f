/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-store.c: durable storage of reps, tandems, accounts and activities */

#include "config.h"

#include "tandem-record-private.h"

#include <inttypes.h>

#include "tandem-i18n-private.h"
#include <string.h>

#include "tandem-store.h"
#include "tandem-store-private.h"
#include "tandem-store-internal-private.h"
#include "tandem-sqlite-private.h"
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
tandem_store_dispose (GObject *object)
{
  TandemStore *self = (TandemStore *)object;

  g_clear_pointer (&self->reps, g_hash_table_unref);
  g_clear_pointer (&self->teams, g_hash_table_unref);
  g_clear_pointer (&self->accounts, g_hash_table_unref);
  g_clear_pointer (&self->db, _tandem_db_free);

  G_OBJECT_CLASS (tandem_store_parent_class)->dispose (object);
}

static void
tandem_store_finalize (GObject *object)
{
  TandemStore *self = (TandemStore *)object;

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->actor, g_free);
  g_clear_pointer (&self->db_user, g_free);
  g_rec_mutex_clear (&self->lock);

  G_OBJECT_CLASS (tandem_store_parent_class)->finalize (object);
}

static void
tandem_store_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
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

  object_class->dispose = tandem_store_dispose;
  object_class->finalize = tandem_store_finalize;
  object_class->get_property = tandem_store_get_property;

  /**
   * TandemStore:path:
   *
   * The file of the store, or %NULL for an in-memory store.
   *
   * Since: 1.0
   */
  properties[PROP_PATH]
      = g_param_spec_string ("path", NULL, NULL, NULL, (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

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
  signals[SIGNAL_PROGRESS]
      = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
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
_tandem_store_new_for_db (TandemDb *db, const char *path)
{
  TandemStore *self = g_object_new (TANDEM_TYPE_STORE, NULL);

  self->db = db;
  self->path = g_strdup (path);
  return self;
}

TandemDb *
_tandem_store_get_db (TandemStore *self)
{
  return self->db;
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

static void
cache_insert (GHashTable *table, gint64 id, gpointer object)
{
  gint64 *key = g_new (gint64, 1);

  *key = id;
  g_hash_table_replace (table, key, g_object_ref (object));
}

gboolean
_tandem_store_check_writable (TandemStore *self, GError **error)
{
  if (!_tandem_db_is_read_only (self->db))
    return TRUE;

  g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_READ_ONLY,
               _ ("The store “%s” is open read-only"), self->path ? self->path : ":memory:");
  return FALSE;
}

gboolean
_tandem_store_check_stored (gpointer object, gint64 id, const char *what, GError **error)
{
  if (id > 0)
    return TRUE;

  g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
               _ ("The %s is not stored yet: save it first"), what);
  return FALSE;
}

/* Wraps a validation error so that callers see one store error domain
 * per call only when the cause is the store; validation keeps its own. */
TandemRep *
_tandem_store_rep_from_record (TandemStore *self, const TandemRepRecord *record)
{
  TandemRep *rep = g_hash_table_lookup (self->reps, &record->id);

  if (rep == NULL)
    {
      rep = g_object_new (TANDEM_TYPE_REP, "id", record->id, "name", record->name, "role",
                          record->role, "archived", record->archived, "personnel-number",
                          record->personnel_number, NULL);
      cache_insert (self->reps, record->id, rep);
      g_object_unref (rep);
    }
  else
    {
      tandem_rep_set_name (rep, record->name);
      tandem_rep_set_role (rep, record->role);
      _tandem_rep_set_archived (rep, record->archived);
      tandem_rep_set_personnel_number (rep, record->personnel_number);
    }

  return rep;
}

TandemRep *
_tandem_store_load_rep (TandemStore *self, gint64 id, GError **error)
{
  TandemRepRecord record = { 0 };
  TandemRep      *rep;

  rep = g_hash_table_lookup (self->reps, &id);
  if (rep != NULL)
    return rep;

  if (!_tandem_db_load_rep (self->db, id, &record, error))
    return NULL;

  rep = _tandem_store_rep_from_record (self, &record);
  _tandem_rep_record_clear (&record);
  return rep;
}

static TandemMoney *
money_from_parts (gboolean has_amount, gint64 minor, const char *currency)
{
  if (!has_amount)
    return NULL;
  return tandem_money_new (minor, currency);
}

static TandemTeam *
team_from_record (TandemStore *self, const TandemTeamRecord *record, GError **error)
{
  g_autoptr (TandemMoney) target
      = money_from_parts (record->has_target, record->target_minor, record->target_currency);
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
      team = g_object_new (TANDEM_TYPE_TEAM, "id", record->id, "name", record->name, "inside-rep",
                           inside, "field-rep", field, "inside-share", record->inside_share,
                           "target", target, "archived", record->archived, NULL);
      cache_insert (self->teams, record->id, team);
      g_object_unref (team);
    }
  else
    {
      g_object_set (team, "name", record->name, "inside-rep", inside, "field-rep", field,
                    "inside-share", record->inside_share, "target", target, "archived",
                    record->archived, NULL);
    }

  return team;
}

TandemTeam *
_tandem_store_team_from_record (TandemStore *self, const TandemTeamRecord *record, GError **error)
{
  return team_from_record (self, record, error);
}

gboolean
_tandem_store_preload_reps (TandemStore *self, GError **error)
{
  g_autoptr (GArray) reps = _tandem_db_list_reps (self->db, error);

  if (reps == NULL)
    return FALSE;
  for (guint i = 0; i < reps->len; i++)
    _tandem_store_rep_from_record (self, &g_array_index (reps, TandemRepRecord, i));
  return TRUE;
}

TandemTeam *
_tandem_store_load_team (TandemStore *self, gint64 id, GError **error)
{
  TandemTeamRecord record = { 0 };
  TandemTeam      *team;

  team = g_hash_table_lookup (self->teams, &id);
  if (team != NULL)
    return team;

  if (!_tandem_db_load_team (self->db, id, &record, error))
    return NULL;

  team = team_from_record (self, &record, error);
  _tandem_team_record_clear (&record);
  return team;
}

static TandemAccount *load_account_depth (TandemStore *self,
                                          gint64       id,
                                          guint        depth,
                                          GError     **error);

TandemAccount *
_tandem_store_account_from_record (TandemStore               *self,
                                   const TandemAccountRecord *record,
                                   guint                      depth,
                                   GError                   **error)
{
  TandemTeam    *team = NULL;
  TandemAccount *referrer = NULL;
  TandemAccount *account;

  if (record->team_id > 0
      && (team = _tandem_store_load_team (self, record->team_id, error)) == NULL)
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
      account = g_object_new (TANDEM_TYPE_ACCOUNT, "id", record->id, "name", record->name, "team",
                              team, "category", record->category, "stage", record->stage,
                              "archived", record->archived, "number", record->number, NULL);
      cache_insert (self->accounts, record->id, account);
      g_object_unref (account);
    }
  else
    {
      g_object_set (account, "name", record->name, "team", team, "category", record->category,
                    "stage", record->stage, "archived", record->archived, "number", record->number,
                    NULL);
    }

  if (!tandem_account_set_referred_by (account, referrer, error))
    return NULL;

  return account;
}

static TandemAccount *
load_account_depth (TandemStore *self, gint64 id, guint depth, GError **error)
{
  TandemAccountRecord record = { 0 };
  TandemAccount      *account;

  account = g_hash_table_lookup (self->accounts, &id);
  if (account != NULL)
    return account;

  if (!_tandem_db_load_account (self->db, id, &record, error))
    return NULL;

  account = _tandem_store_account_from_record (self, &record, depth, error);
  _tandem_account_record_clear (&record);
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
      g_autoptr (TandemStageChange) change
          = g_object_new (TANDEM_TYPE_STAGE_CHANGE, "account-id", r->account_id, "stage", r->stage,
                          "changed-at", at, "cause", r->cause, "activity-id", r->activity_id, NULL);
      g_list_store_append (list, change);
    }
  return G_LIST_MODEL (list);
}

void
_tandem_store_refresh_stages (TandemStore *self, GArray *changes)
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
_tandem_store_load_account (TandemStore *self, gint64 id, GError **error)
{
  return load_account_depth (self, id, 0, error);
}

static TandemActivity *
activity_from_record_depth (TandemStore                *self,
                            const TandemActivityRecord *record,
                            TandemActivity             *known_reverses,
                            guint                       depth,
                            GError                    **error)
{
  g_autoptr (TandemMoney) amount
      = money_from_parts (record->has_amount, record->amount_minor, record->currency);
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

  if (known_reverses != NULL)
    reverses = g_object_ref (known_reverses);
  else if (record->reverses_id > 0)
    {
      if (depth > 4)
        {
          g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CORRUPT,
                       _ ("Activity %" PRId64 " has a chain of reversals"), record->id);
          return NULL;
        }
      reverses = _tandem_store_load_activity (self, record->reverses_id, depth + 1, error);
      if (reverses == NULL)
        return NULL;
    }

  {
    g_autoptr (TandemMoney) cost = NULL;

    if (record->has_cost && record->has_amount)
      cost = tandem_money_new (record->cost_minor, record->currency);
    /* the column names the reversed activity, or the order a payment pays */
    return g_object_new (
        TANDEM_TYPE_ACTIVITY, "id", record->id, "account", account, "rep", rep, "kind",
        record->kind, "amount", amount, "occurred-at", occurred_at, "external-ref",
        record->external_ref, record->kind == TANDEM_ACTIVITY_KIND_PAYMENT ? "pays" : "reverses",
        reverses, "note", record->note, "product", record->product, "category", record->category,
        "quantity", (guint)MAX (record->quantity, 1), "cost", cost, NULL);
  }
}

TandemActivity *
_tandem_store_activity_from_record (TandemStore                *self,
                                    const TandemActivityRecord *record,
                                    TandemActivity             *reverses,
                                    GError                    **error)
{
  g_return_val_if_fail (
      reverses == NULL || tandem_activity_get_id (reverses) == record->reverses_id, NULL);
  return activity_from_record_depth (self, record, reverses, 0, error);
}

TandemActivity *
_tandem_store_load_activity (TandemStore *self, gint64 id, guint depth, GError **error)
{
  TandemActivityRecord record = { 0 };
  TandemActivity      *activity;

  if (!_tandem_db_load_activity (self->db, id, &record, error))
    return NULL;

  activity = activity_from_record_depth (self, &record, NULL, depth, error);
  _tandem_activity_record_clear (&record);
  return activity;
}

void
_tandem_store_scan_from_filter (TandemStore          *self,
                                TandemActivityFilter *filter,
                                TandemActivityScan   *scan)
{
  TandemActivityKind kind;

  _tandem_activity_scan_init (scan);
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
tandem_store_new_for_path (const char *path, GError **error)
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
tandem_store_new_for_path_full (const char *path, TandemStoreFlags flags, GError **error)
{
  g_autoptr (TandemDb) db = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  db = _tandem_sqlite_db_open (path, flags, NULL, error);
  if (db == NULL)
    return NULL;

  return _tandem_store_new_for_db (g_steal_pointer (&db), path);
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
tandem_store_new_for_uri (const char *uri, GError **error)
{
  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_str_has_prefix (uri, "postgresql://") || g_str_has_prefix (uri, "postgres://"))
    {
#if HAVE_POSTGRESQL
      g_autoptr (TandemDb) db = _tandem_pg_db_open (uri, TANDEM_STORE_FLAGS_NONE, error);
      g_autoptr (GUri) parsed = NULL;
      TandemStore *store;

      if (db == NULL)
        return NULL;
      store = _tandem_store_new_for_db (g_steal_pointer (&db), NULL);
      /* the database user libpq connects as: the URI's, else $PGUSER, else
       * the operating-system user */
      parsed = g_uri_parse (uri, G_URI_FLAGS_HAS_PASSWORD | G_URI_FLAGS_ENCODED, NULL);
      store->db_user
          = g_strdup (parsed != NULL && g_uri_get_user (parsed) != NULL ? g_uri_get_user (parsed)
                                                                        : g_getenv ("PGUSER"));
      return store;
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
  g_autoptr (TandemDb) db = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  db = _tandem_sqlite_db_open (NULL, TANDEM_STORE_FLAGS_NONE, NULL, error);
  if (db == NULL)
    return NULL;

  return _tandem_store_new_for_db (g_steal_pointer (&db), NULL);
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
TANDEM_DEFINE_GETTER (const char *, tandem_store_get_path, TandemStore, TANDEM_IS_STORE, path, NULL)

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

  return _tandem_db_is_read_only (self->db);
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

  return _tandem_db_get_schema_version (self->db);
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
tandem_store_check_integrity (TandemStore *self, GError **error)
{
  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);

  LOCK_STORE (self);

  return _tandem_db_check_integrity (self->db, error);
}

/**
 * tandem_store_set_actor:
 * @self: a `TandemStore`
 * @actor: (nullable): who writes through this store, or %NULL for the default
 *
 * Names who approves and pays settlement periods through this store (the
 * CLI's `--as NAME`). The default is the database user on a server and
 * the operating-system user for a file.
 *
 * Since: 1.0
 */
void
tandem_store_set_actor (TandemStore *self, const char *actor)
{
  g_return_if_fail (TANDEM_IS_STORE (self));

  LOCK_STORE (self);
  g_free (self->actor);
  self->actor = actor != NULL && *actor != '\0' ? g_strdup (actor) : NULL;
}

/**
 * tandem_store_get_actor:
 * @self: a `TandemStore`
 *
 * Gets who writes through this store: the name set with
 * [method@Tandem.Store.set_actor], else the database user on a server,
 * else the operating-system user.
 *
 * Returns: (transfer none): the name
 *
 * Since: 1.0
 */
const char *
tandem_store_get_actor (TandemStore *self)
{
  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);

  if (self->actor != NULL)
    return self->actor;
  if (self->db_user != NULL)
    return self->db_user;
  return g_get_user_name ();
}
