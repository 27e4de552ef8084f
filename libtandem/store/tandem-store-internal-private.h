/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-store-internal-private.h: what the parts of TandemStore share:
 * its fields, its lock and the helpers that turn records into the shared
 * objects (tandem-store.c: the object, opening, records; tandem-store-people.c:
 * reps, tandems, accounts; tandem-store-activities.c: activities, import). */

#pragma once

#include "tandem-store-private.h"

G_BEGIN_DECLS

struct _TandemStore
{
  GObject parent_instance;

  GRecMutex   lock;
  TandemDb   *db;
  char       *path;
  char       *actor;    /* who writes, as set; NULL: the default */
  char       *db_user;  /* a server's user, from the URI or PGUSER */
  GHashTable *reps;     /* id → TandemRep */
  GHashTable *teams;    /* id → TandemTeam */
  GHashTable *accounts; /* id → TandemAccount */
};

typedef GRecMutexLocker StoreLocker;

static inline StoreLocker *
store_locker_new (TandemStore *self)
{
  return g_rec_mutex_locker_new (&self->lock);
}

#define LOCK_STORE(self) \
  g_autoptr (GRecMutexLocker) G_PASTE (locker, __LINE__) G_GNUC_UNUSED = store_locker_new (self)

/* The store's database; comp/ and method/ reach it through a
 * TandemTransaction only. */
TandemDb *_tandem_store_get_db (TandemStore *self);

gboolean _tandem_store_check_writable (TandemStore *self, GError **error);
/* @object (a rep, tandem, account) has been stored: its @id is set */
gboolean _tandem_store_check_stored (gpointer object, gint64 id, const char *what, GError **error);
TandemRep      *_tandem_store_rep_from_record (TandemStore *self, const TandemRepRecord *record);
TandemAccount  *_tandem_store_account_from_record (TandemStore               *self,
                                                   const TandemAccountRecord *record,
                                                   guint                      depth,
                                                   GError                   **error);
TandemActivity *_tandem_store_load_activity (TandemStore *self,
                                             gint64       id,
                                             guint        depth,
                                             GError     **error);

G_END_DECLS
