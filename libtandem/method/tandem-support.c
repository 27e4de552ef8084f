/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-support.c: support requests with an owner, a due date and a queue */

#include "config.h"

#include "tandem-record-private.h"

#include <inttypes.h>

#include "tandem-i18n-private.h"
#include <string.h>

#include "tandem-support.h"
#include "tandem-store-private.h"
#include "tandem-util-private.h"

/**
 * TandemSupportRequest:
 *
 * A support request: a %TANDEM_ACTIVITY_KIND_SUPPORT activity of an account
 * with an owner who answers for it, a queue, the time it was opened and the
 * time it is due; closing it records who closed it and when. See
 * [func@Tandem.SupportRequest.open].
 *
 * Since: 1.0
 */
struct _TandemSupportRequest
{
  GObject         parent_instance;
  TandemActivity *activity;
  TandemRep      *owner;
  char           *queue;
  GDateTime      *due_at;
  TandemRep      *closed_by;
  GDateTime      *closed_at;
};

G_DEFINE_FINAL_TYPE (TandemSupportRequest, tandem_support_request, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ACTIVITY,
  PROP_OWNER,
  PROP_QUEUE,
  PROP_OPENED_AT,
  PROP_DUE_AT,
  PROP_CLOSED,
  PROP_CLOSED_BY,
  PROP_CLOSED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const TandemField fields[] = {
  /**
   * TandemSupportRequest:activity:
   *
   * The support activity: account, who opened it, when, and the note.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_OBJECT (TandemSupportRequest, activity, "activity", tandem_activity_get_type),
  /**
   * TandemSupportRequest:owner:
   *
   * The rep who answers for the request.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_OBJECT (TandemSupportRequest, owner, "owner", tandem_rep_get_type),
  /**
   * TandemSupportRequest:queue:
   *
   * The queue the request waits in, such as "reklamation".
   *
   * Since: 1.0
   */
  TANDEM_FIELD_STRING (TandemSupportRequest, queue, "queue"),
  /**
   * TandemSupportRequest:opened-at:
   *
   * When the request was opened: the activity's time.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_COMPUTED_BOXED ("opened-at",
                               tandem_support_request_get_opened_at,
                               g_date_time_get_type),
  /**
   * TandemSupportRequest:due-at:
   *
   * When the request is due.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_BOXED (TandemSupportRequest, due_at, "due-at", g_date_time_get_type),
  /**
   * TandemSupportRequest:closed:
   *
   * Whether the request is closed.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_COMPUTED_BOOLEAN ("closed", tandem_support_request_get_closed, FALSE),
  /**
   * TandemSupportRequest:closed-by:
   *
   * Who closed the request, or %NULL while open.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_OBJECT (TandemSupportRequest, closed_by, "closed-by", tandem_rep_get_type),
  /**
   * TandemSupportRequest:closed-at:
   *
   * When the request was closed, or %NULL while open.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_BOXED (TandemSupportRequest, closed_at, "closed-at", g_date_time_get_type),
};

static void
tandem_support_request_class_init (TandemSupportRequestClass *klass)
{
  _tandem_record_class_init (G_OBJECT_CLASS (klass), fields, G_N_ELEMENTS (fields),
                             G_PARAM_READABLE, properties);
}

static void
tandem_support_request_init (TandemSupportRequest *self)
{
}

/**
 * tandem_support_request_get_activity:
 * @self: a `TandemSupportRequest`
 *
 * Gets [property@Tandem.SupportRequest:activity].
 *
 * Returns: (transfer none): the support activity
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemActivity *,
                      tandem_support_request_get_activity,
                      TandemSupportRequest,
                      TANDEM_IS_SUPPORT_REQUEST,
                      activity,
                      NULL)

/**
 * tandem_support_request_get_owner:
 * @self: a `TandemSupportRequest`
 *
 * Gets [property@Tandem.SupportRequest:owner].
 *
 * Returns: (transfer none): the owner
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemRep *,
                      tandem_support_request_get_owner,
                      TandemSupportRequest,
                      TANDEM_IS_SUPPORT_REQUEST,
                      owner,
                      NULL)

/**
 * tandem_support_request_get_queue:
 * @self: a `TandemSupportRequest`
 *
 * Gets [property@Tandem.SupportRequest:queue].
 *
 * Returns: (transfer none): the queue
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (const char *,
                      tandem_support_request_get_queue,
                      TandemSupportRequest,
                      TANDEM_IS_SUPPORT_REQUEST,
                      queue,
                      NULL)

/**
 * tandem_support_request_get_opened_at:
 * @self: a `TandemSupportRequest`
 *
 * Gets [property@Tandem.SupportRequest:opened-at].
 *
 * Returns: (transfer none): when it was opened
 *
 * Since: 1.0
 */
GDateTime *
tandem_support_request_get_opened_at (TandemSupportRequest *self)
{
  g_return_val_if_fail (TANDEM_IS_SUPPORT_REQUEST (self), NULL);
  return tandem_activity_get_occurred_at (self->activity);
}

/**
 * tandem_support_request_get_due_at:
 * @self: a `TandemSupportRequest`
 *
 * Gets [property@Tandem.SupportRequest:due-at].
 *
 * Returns: (transfer none): when it is due
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (GDateTime *,
                      tandem_support_request_get_due_at,
                      TandemSupportRequest,
                      TANDEM_IS_SUPPORT_REQUEST,
                      due_at,
                      NULL)

/**
 * tandem_support_request_get_closed:
 * @self: a `TandemSupportRequest`
 *
 * Gets [property@Tandem.SupportRequest:closed].
 *
 * Returns: whether it is closed
 *
 * Since: 1.0
 */
gboolean
tandem_support_request_get_closed (TandemSupportRequest *self)
{
  g_return_val_if_fail (TANDEM_IS_SUPPORT_REQUEST (self), FALSE);
  return self->closed_at != NULL;
}

/**
 * tandem_support_request_get_closed_by:
 * @self: a `TandemSupportRequest`
 *
 * Gets [property@Tandem.SupportRequest:closed-by].
 *
 * Returns: (transfer none) (nullable): who closed it
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemRep *,
                      tandem_support_request_get_closed_by,
                      TandemSupportRequest,
                      TANDEM_IS_SUPPORT_REQUEST,
                      closed_by,
                      NULL)

/**
 * tandem_support_request_get_closed_at:
 * @self: a `TandemSupportRequest`
 *
 * Gets [property@Tandem.SupportRequest:closed-at].
 *
 * Returns: (transfer none) (nullable): when it was closed
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (GDateTime *,
                      tandem_support_request_get_closed_at,
                      TandemSupportRequest,
                      TANDEM_IS_SUPPORT_REQUEST,
                      closed_at,
                      NULL)

static TandemSupportRequest *
request_from_record (TandemStore *store, const TandemSupportRecord *r, GError **error)
{
  g_autoptr (TandemSupportRequest) self = g_object_new (TANDEM_TYPE_SUPPORT_REQUEST, NULL);
  TandemRep *owner;

  self->activity = tandem_store_get_activity (store, r->activity_id, error);
  if (self->activity == NULL)
    return NULL;
  {
    g_autoptr (TandemTransaction) tx G_GNUC_UNUSED = _tandem_transaction_new (store);

    owner = _tandem_store_load_rep (store, r->owner_id, error);
    if (owner != NULL && r->closed_by > 0)
      self->closed_by = _tandem_store_load_rep (store, r->closed_by, error);
  }
  if (owner == NULL || (r->closed_by > 0 && self->closed_by == NULL))
    return NULL;
  self->owner = g_object_ref (owner);
  if (self->closed_by != NULL)
    {
      g_object_ref (self->closed_by);
      self->closed_at = _tandem_time_from_usec (r->closed_at);
    }
  self->queue = g_strdup (r->queue);
  self->due_at = _tandem_time_from_usec (r->due_at);
  return g_steal_pointer (&self);
}

static GListModel *
list_requests (TandemStore *self,
               const char  *queue,
               gboolean     open_only,
               gint64       due_before,
               GError     **error)
{
  g_autoptr (GArray) rows = NULL;
  g_autoptr (GListStore) list = g_list_store_new (TANDEM_TYPE_SUPPORT_REQUEST);

  {
    g_autoptr (TandemTransaction) tx = _tandem_transaction_new (self);

    rows = _tandem_db_list_support (_tandem_transaction_get_db (tx), queue, open_only, due_before,
                                    0, error);
  }
  if (rows == NULL)
    return NULL;

  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr (TandemSupportRequest) r
          = request_from_record (self, &g_array_index (rows, TandemSupportRecord, i), error);

      if (r == NULL)
        return NULL;
      g_list_store_append (list, r);
    }
  return G_LIST_MODEL (g_steal_pointer (&list));
}

/**
 * tandem_support_request_open:
 * @self: a `TandemStore`
 * @account: the account asking for support
 * @owner: the rep who answers for it (and who logs it)
 * @queue: the queue, such as "reklamation"
 * @opened_at: (nullable): when it was opened; %NULL for now
 * @due_at: when it is due; not before @opened_at
 * @note: (nullable): what it is about
 * @error: return location for a #GError
 *
 * Opens a support request: logs a %TANDEM_ACTIVITY_KIND_SUPPORT activity
 * for @account and records its owner, queue and due date, in one
 * transaction.
 *
 * Returns: (transfer full): the request, or %NULL with an error
 *
 * Since: 1.0
 */
TandemSupportRequest *
tandem_support_request_open (TandemStore   *self,
                             TandemAccount *account,
                             TandemRep     *owner,
                             const char    *queue,
                             GDateTime     *opened_at,
                             GDateTime     *due_at,
                             const char    *note,
                             GError       **error)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (TandemActivity) draft = NULL;
  g_autoptr (TandemActivity) saved = NULL;
  g_autoptr (GArray) rows = NULL;
  TandemSupportRecord record = { 0 };
  g_autoptr (TandemTransaction) tx = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (TANDEM_IS_ACCOUNT (account), NULL);
  g_return_val_if_fail (TANDEM_IS_REP (owner), NULL);
  g_return_val_if_fail (due_at != NULL, NULL);

  if (opened_at == NULL)
    opened_at = now;
  if (queue == NULL || strspn (queue, " \t\r\n") == strlen (queue))
    {
      g_set_error (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_MISSING_VALUE,
                   _ ("A support request needs a queue"));
      return NULL;
    }
  if (g_date_time_compare (due_at, opened_at) < 0)
    {
      g_autofree char *due = g_date_time_format_iso8601 (due_at);

      g_set_error (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_OUT_OF_RANGE,
                   _ ("Due date %s lies before the request was opened"), due);
      return NULL;
    }

  draft
      = tandem_activity_new (account, owner, TANDEM_ACTIVITY_KIND_SUPPORT, NULL, opened_at, error);
  if (draft == NULL)
    return NULL;
  tandem_activity_set_note (draft, note);

  tx = _tandem_transaction_new (self);
  if (!_tandem_transaction_begin (tx, error)
      || (saved = tandem_store_save_activity (self, draft, NULL, error)) == NULL)
    return NULL;
  record.activity_id = tandem_activity_get_id (saved);
  record.owner_id = tandem_rep_get_id (owner);
  record.queue = (char *)queue;
  record.due_at = _tandem_time_to_usec (due_at);
  if (!_tandem_db_insert_support (_tandem_transaction_get_db (tx), &record, error))
    return NULL;
  {
    g_autofree char *what
        = g_strdup_printf ("request #%" PRId64 " in queue “%s”, owner rep #%" PRId64,
                           record.activity_id, queue, record.owner_id);

    if (!_tandem_transaction_commit_audited (tx, "support open", what, error))
      return NULL;
  }
  rows = _tandem_db_list_support (_tandem_transaction_get_db (tx), NULL, FALSE, G_MAXINT64,
                                  record.activity_id, error);
  g_clear_pointer (&tx, _tandem_transaction_end);

  if (rows == NULL || rows->len != 1)
    return NULL;
  return request_from_record (self, &g_array_index (rows, TandemSupportRecord, 0), error);
}

/**
 * tandem_support_request_list_queue:
 * @self: a `TandemStore`
 * @queue: (nullable): one queue, or %NULL for all
 * @include_closed: whether closed requests are listed too
 * @error: return location for a #GError
 *
 * Lists support requests in the order they are due, earliest first.
 *
 * Returns: (transfer full): a list model of [class@Tandem.SupportRequest]
 *
 * Since: 1.0
 */
GListModel *
tandem_support_request_list_queue (TandemStore *self,
                                   const char  *queue,
                                   gboolean     include_closed,
                                   GError     **error)
{
  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);

  return list_requests (self, queue, !include_closed, G_MAXINT64, error);
}

/**
 * tandem_support_request_list_overdue:
 * @self: a `TandemStore`
 * @at: (nullable): the time to judge by; %NULL for now
 * @error: return location for a #GError
 *
 * Lists the open requests whose due date has passed at @at, most overdue
 * first.
 *
 * Returns: (transfer full): a list model of [class@Tandem.SupportRequest]
 *
 * Since: 1.0
 */
GListModel *
tandem_support_request_list_overdue (TandemStore *self, GDateTime *at, GError **error)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);

  return list_requests (self, NULL, TRUE, _tandem_time_to_usec (at ? at : now), error);
}

/**
 * tandem_support_request_close:
 * @self: a `TandemStore`
 * @request: an open request
 * @closed_by: who closes it
 * @at: (nullable): when; %NULL for now; not before the request was opened
 * @error: return location for a #GError
 *
 * Closes a request, recording who closed it and when. Closing a closed
 * request is an error.
 *
 * Returns: %TRUE on success
 *
 * Since: 1.0
 */
gboolean
tandem_support_request_close (TandemStore          *self,
                              TandemSupportRequest *request,
                              TandemRep            *closed_by,
                              GDateTime            *at,
                              GError              **error)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  gboolean ok;

  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);
  g_return_val_if_fail (TANDEM_IS_SUPPORT_REQUEST (request), FALSE);
  g_return_val_if_fail (TANDEM_IS_REP (closed_by), FALSE);

  if (at == NULL)
    at = now;
  if (g_date_time_compare (at, tandem_support_request_get_opened_at (request)) < 0)
    {
      g_set_error (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_OUT_OF_RANGE,
                   _ ("A request cannot be closed before it was opened"));
      return FALSE;
    }

  {
    g_autoptr (TandemTransaction) tx = _tandem_transaction_new (self);

    g_autofree char *what = g_strdup_printf ("request #%" PRId64 " closed by rep #%" PRId64,
                                             tandem_activity_get_id (request->activity),
                                             tandem_rep_get_id (closed_by));

    ok = _tandem_transaction_begin (tx, error)
         && _tandem_db_close_support (
             _tandem_transaction_get_db (tx), tandem_activity_get_id (request->activity),
             tandem_rep_get_id (closed_by), _tandem_time_to_usec (at), error)
         && _tandem_transaction_commit_audited (tx, "support close", what, error);
  }
  if (!ok)
    return FALSE;

  g_set_object (&request->closed_by, closed_by);
  g_clear_pointer (&request->closed_at, g_date_time_unref);
  request->closed_at = g_date_time_ref (at);
  g_object_notify_by_pspec (G_OBJECT (request), properties[PROP_CLOSED]);
  return TRUE;
}
