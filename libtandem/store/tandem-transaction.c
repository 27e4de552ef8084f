/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-transaction.c: how comp/ and method/ reach the database.
 *
 * A transaction holds the store's lock for its lifetime and, once begun,
 * one write transaction of the db. Declared with g_autoptr it ends on
 * every path: a write that was not committed is rolled back, the lock is
 * released. Callers never pair lock/unlock or begin/rollback by hand. */

#include "config.h"

#include "tandem-store-internal-private.h"
#include "tandem-util-private.h"

struct _TandemTransaction
{
  TandemStore *store;
  TandemDb    *db;
  gboolean     writing;
};

TandemTransaction *
_tandem_transaction_new (TandemStore *store)
{
  TandemTransaction *self = g_new0 (TandemTransaction, 1);

  g_assert (TANDEM_IS_STORE (store));

  _tandem_store_lock (store);
  self->store = store;
  self->db = _tandem_store_get_db (store);
  return self;
}

gboolean
_tandem_transaction_begin (TandemTransaction *self, GError **error)
{
  g_assert (self != NULL);
  g_assert (!self->writing);

  if (!_tandem_db_begin (self->db, error))
    return FALSE;
  self->writing = TRUE;
  return TRUE;
}

/* A close's: writers of activities before @end wait, later ones do not
 * (on a server; see _tandem_db_begin_before). */
gboolean
_tandem_transaction_begin_before (TandemTransaction *self, gint64 end, GError **error)
{
  g_assert (self != NULL);
  g_assert (!self->writing);

  if (!_tandem_db_begin_before (self->db, end, error))
    return FALSE;
  self->writing = TRUE;
  return TRUE;
}

gboolean
_tandem_transaction_commit (TandemTransaction *self, GError **error)
{
  g_assert (self != NULL);
  g_assert (self->writing);

  self->writing = FALSE;
  return _tandem_db_commit (self->db, error);
}

gboolean
_tandem_store_append_audit (TandemStore *self,
                            TandemDb    *db,
                            const char  *verb,
                            const char  *what,
                            GError     **error)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  TandemAuditRecord record = { 0 };

  record.at = _tandem_time_to_usec (now);
  record.who = (char *)tandem_store_get_actor (self);
  record.verb = (char *)verb;
  record.what = (char *)what;
  return _tandem_db_append_audit (db, &record, error);
}

gboolean
_tandem_transaction_commit_audited (TandemTransaction *self,
                                    const char        *verb,
                                    const char        *what,
                                    GError           **error)
{
  g_assert (self != NULL);
  g_assert (self->writing);

  return _tandem_store_append_audit (self->store, self->db, verb, what, error)
         && _tandem_transaction_commit (self, error);
}

TandemStore *
_tandem_transaction_get_store (TandemTransaction *self)
{
  g_assert (self != NULL);

  return self->store;
}

TandemDb *
_tandem_transaction_get_db (TandemTransaction *self)
{
  g_assert (self != NULL);

  return self->db;
}

void
_tandem_transaction_end (TandemTransaction *self)
{
  if (self == NULL)
    return;
  if (self->writing)
    _tandem_db_rollback (self->db);
  _tandem_store_unlock (self->store);
  g_free (self);
}
