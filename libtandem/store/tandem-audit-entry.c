/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-audit-entry.c: one entry of the audit trail */

#include "config.h"

#include "tandem-record-private.h"

#include "tandem-audit.h"
#include "tandem-store-private.h"
#include "tandem-db-private.h"
#include "tandem-util-private.h"
#include "tandem-enum-types.h"

/**
 * TandemAuditEntry:
 *
 * One entry of the store's audit trail: who wrote what, when. Every write
 * through the API appends one in the same transaction, so an entry exists
 * exactly when its write does; nothing in the API changes or deletes one.
 *
 * Since: 1.0
 */
struct _TandemAuditEntry
{
  GObject    parent_instance;
  gint64     id;
  GDateTime *at;
  char      *who;
  char      *verb;
  char      *what;
};

static const TandemField fields[] = {
  /**
   * TandemAuditEntry:id:
   *
   * The entry's number: entries are appended in order.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_INT64 (TandemAuditEntry, id, "id", 0, G_MAXINT64, 0),
  /**
   * TandemAuditEntry:at:
   *
   * When the write happened, in UTC.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_BOXED (TandemAuditEntry, at, "at", g_date_time_get_type),
  /**
   * TandemAuditEntry:who:
   *
   * Who wrote: [method@Tandem.Store.get_actor] at the time.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_STRING (TandemAuditEntry, who, "who"),
  /**
   * TandemAuditEntry:verb:
   *
   * What kind of write, named like the CLI verb ("rep update", "import", "approve").
   *
   * Since: 1.0
   */
  TANDEM_FIELD_STRING (TandemAuditEntry, verb, "verb"),
  /**
   * TandemAuditEntry:what:
   *
   * What was written; for an update, the changed fields, old → new.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_STRING (TandemAuditEntry, what, "what"),
};

TANDEM_DEFINE_RECORD_TYPE (TandemAuditEntry, tandem_audit_entry, fields, G_PARAM_READABLE)

static TandemAuditEntry *
audit_entry_new (gint64 id, GDateTime *at, const char *who, const char *verb, const char *what)
{
  TandemAuditEntry *self = g_object_new (TANDEM_TYPE_AUDIT_ENTRY, NULL);

  self->id = id;
  self->at = g_date_time_ref (at);
  self->who = g_strdup (who);
  self->verb = g_strdup (verb);
  self->what = g_strdup (what);
  return self;
}

/**
 * tandem_audit_entry_get_id:
 * @self: a `TandemAuditEntry`
 *
 * Gets [property@Tandem.AuditEntry:id].
 *
 * Returns: the id
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (gint64,
                      tandem_audit_entry_get_id,
                      TandemAuditEntry,
                      TANDEM_IS_AUDIT_ENTRY,
                      id,
                      0)

/**
 * tandem_audit_entry_get_at:
 * @self: a `TandemAuditEntry`
 *
 * Gets [property@Tandem.AuditEntry:at].
 *
 * Returns: (transfer none): the time
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (GDateTime *,
                      tandem_audit_entry_get_at,
                      TandemAuditEntry,
                      TANDEM_IS_AUDIT_ENTRY,
                      at,
                      NULL)

/**
 * tandem_audit_entry_get_who:
 * @self: a `TandemAuditEntry`
 *
 * Gets [property@Tandem.AuditEntry:who].
 *
 * Returns: (transfer none): who wrote
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (const char *,
                      tandem_audit_entry_get_who,
                      TandemAuditEntry,
                      TANDEM_IS_AUDIT_ENTRY,
                      who,
                      NULL)

/**
 * tandem_audit_entry_get_verb:
 * @self: a `TandemAuditEntry`
 *
 * Gets [property@Tandem.AuditEntry:verb].
 *
 * Returns: (transfer none): the verb
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (const char *,
                      tandem_audit_entry_get_verb,
                      TandemAuditEntry,
                      TANDEM_IS_AUDIT_ENTRY,
                      verb,
                      NULL)

/**
 * tandem_audit_entry_get_what:
 * @self: a `TandemAuditEntry`
 *
 * Gets [property@Tandem.AuditEntry:what].
 *
 * Returns: (transfer none): what was written
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (const char *,
                      tandem_audit_entry_get_what,
                      TandemAuditEntry,
                      TANDEM_IS_AUDIT_ENTRY,
                      what,
                      NULL)

/**
 * tandem_audit_entry_list:
 * @self: a `TandemStore`
 * @since: (nullable): the earliest time to list, or %NULL for all
 * @error: return location for a #GError
 *
 * Lists the audit trail from @since on, oldest first.
 *
 * Returns: (transfer full): a list of [class@Tandem.AuditEntry]
 *
 * Since: 1.0
 */
GListModel *
tandem_audit_entry_list (TandemStore *self, GDateTime *since, GError **error)
{
  g_autoptr (GListStore) list = g_list_store_new (TANDEM_TYPE_AUDIT_ENTRY);
  g_autoptr (GArray) records = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  {
    g_autoptr (TandemTransaction) tx = _tandem_transaction_new (self);

    records
        = _tandem_db_list_audit (_tandem_transaction_get_db (tx),
                                 since != NULL ? _tandem_time_to_usec (since) : G_MININT64, error);
  }
  if (records == NULL)
    return NULL;
  for (guint i = 0; i < records->len; i++)
    {
      const TandemAuditRecord *r = &g_array_index (records, TandemAuditRecord, i);
      g_autoptr (GDateTime) at = _tandem_time_from_usec (r->at);
      g_autoptr (TandemAuditEntry) entry = audit_entry_new (r->id, at, r->who, r->verb, r->what);

      g_list_store_append (list, entry);
    }
  return G_LIST_MODEL (g_steal_pointer (&list));
}
