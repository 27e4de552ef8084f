/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-activity-list.c: a paged GListModel of stored activities.
 *
 * The list is a snapshot: it counts the matching activities once, pins the
 * largest activity id, and reads pages of PAGE_SIZE rows on demand in
 * (occurred_at, id) order. Pages are found by keyset (after the last key
 * of the previous page) when that key is known, by offset otherwise. At
 * most MAX_PAGES pages of objects are kept, so memory does not grow with
 * the number of activities. */

#include "config.h"

#include "tandem-activity-list.h"
#include "tandem-i18n-private.h"
#include "tandem-store-internal-private.h"

#define PAGE_SIZE 256
#define MAX_PAGES 4

typedef struct
{
  guint      index;
  GPtrArray *items;
} Page;

/**
 * TandemActivityList:
 *
 * The list model that [method@Tandem.Store.query_activities] and
 * [method@Tandem.Store.list_activities] return: a snapshot of the
 * matching activities, in time order, read a page at a time as items are
 * asked for.
 *
 * A page that cannot be read gives %NULL items. The list then reports it:
 * [property@Tandem.ActivityList:failed] turns %TRUE and
 * [method@Tandem.ActivityList.check] returns the error, so a caller that
 * walked the list can tell a complete answer from a broken one.
 *
 * Since: 1.0
 */
struct _TandemActivityList
{
  GObject parent_instance;

  TandemStore       *store;
  TandemActivityScan scan;
  guint              n_items;
  GArray            *last_keys; /* TandemScanKey per page; id 0 when unknown */
  GQueue             pages;     /* most recently used first */
  GError            *error;     /* the first failed read */
};

enum
{
  PROP_0,
  PROP_FAILED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TandemActivityList,
                               tandem_activity_list,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
page_free (Page *page)
{
  g_ptr_array_unref (page->items);
  g_free (page);
}

static void
tandem_activity_list_dispose (GObject *object)
{
  TandemActivityList *self = (TandemActivityList *)object;

  g_queue_clear_full (&self->pages, (GDestroyNotify)page_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (tandem_activity_list_parent_class)->dispose (object);
}

static void
tandem_activity_list_finalize (GObject *object)
{
  TandemActivityList *self = (TandemActivityList *)object;

  g_clear_pointer (&self->last_keys, g_array_unref);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (tandem_activity_list_parent_class)->finalize (object);
}

static void
tandem_activity_list_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  TandemActivityList *self = TANDEM_ACTIVITY_LIST (object);

  switch (prop_id)
    {
    case PROP_FAILED:
      g_value_set_boolean (value, self->error != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_activity_list_class_init (TandemActivityListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tandem_activity_list_dispose;
  object_class->finalize = tandem_activity_list_finalize;
  object_class->get_property = tandem_activity_list_get_property;

  /**
   * TandemActivityList:failed: (getter get_failed)
   *
   * Whether a page of the list could not be read: some items were %NULL,
   * and the list is not the whole answer. See
   * [method@Tandem.ActivityList.check] for the error.
   *
   * Since: 1.0
   */
  properties[PROP_FAILED]
      = g_param_spec_boolean ("failed", NULL, NULL, FALSE,
                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tandem_activity_list_init (TandemActivityList *self)
{
  g_queue_init (&self->pages);
}

static GType
get_item_type (GListModel *model)
{
  return TANDEM_TYPE_ACTIVITY;
}

static guint
get_n_items (GListModel *model)
{
  return TANDEM_ACTIVITY_LIST (model)->n_items;
}

static Page *
load_page (TandemActivityList *self, guint index, GError **error)
{
  g_autoptr (GArray) records = g_array_new (FALSE, TRUE, sizeof (TandemActivityRecord));
  const TandemScanKey *after = NULL;
  Page                *page;

  g_array_set_clear_func (records, (GDestroyNotify)_tandem_activity_record_clear);

  if (index > 0 && g_array_index (self->last_keys, TandemScanKey, index - 1).id != 0)
    after = &g_array_index (self->last_keys, TandemScanKey, index - 1);

  if (!_tandem_db_scan_activities (_tandem_store_get_db (self->store), &self->scan, after,
                                   (gint64)index * PAGE_SIZE, PAGE_SIZE, records, error))
    return NULL;

  page = g_new0 (Page, 1);
  page->index = index;
  page->items = g_ptr_array_new_full (records->len, g_object_unref);

  for (guint i = 0; i < records->len; i++)
    {
      TandemActivity *activity = _tandem_store_activity_from_record (
          self->store, &g_array_index (records, TandemActivityRecord, i), NULL, error);

      if (activity == NULL)
        {
          page_free (page);
          return NULL;
        }
      g_ptr_array_add (page->items, activity);
    }

  if (records->len > 0)
    {
      const TandemActivityRecord *last
          = &g_array_index (records, TandemActivityRecord, records->len - 1);
      TandemScanKey key = { last->occurred_at, last->id };

      g_array_index (self->last_keys, TandemScanKey, index) = key;
    }

  return page;
}

static gpointer
get_item (GListModel *model, guint position)
{
  TandemActivityList *self = TANDEM_ACTIVITY_LIST (model);
  g_autoptr (GError) error = NULL;
  guint    index = position / PAGE_SIZE;
  guint    offset = position % PAGE_SIZE;
  gpointer item = NULL;
  Page    *page = NULL;

  if (position >= self->n_items)
    return NULL;

  {
    g_autoptr (TandemTransaction) tx G_GNUC_UNUSED = _tandem_transaction_new (self->store);

    for (GList *l = self->pages.head; l != NULL; l = l->next)
      if (((Page *)l->data)->index == index)
        {
          page = l->data;
          g_queue_unlink (&self->pages, l);
          g_queue_push_head_link (&self->pages, l);
          break;
        }

    if (page == NULL)
      {
        page = load_page (self, index, &error);
        if (page != NULL)
          {
            g_queue_push_head (&self->pages, page);
            while (self->pages.length > MAX_PAGES)
              page_free (g_queue_pop_tail (&self->pages));
          }
      }

    if (page != NULL && offset < page->items->len)
      item = g_object_ref (page->items->pdata[offset]);
  }

  /* GListModel has no error channel: an unreadable page reads as NULL,
   * and the list remembers why */
  if (error != NULL && self->error == NULL)
    {
      g_prefix_error (&error, _ ("Could not read activity %u of the list: "), position);
      self->error = g_steal_pointer (&error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAILED]);
    }

  return item;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

/**
 * tandem_activity_list_get_failed: (get-property failed)
 * @self: a `TandemActivityList`
 *
 * Tells whether a page of @self could not be read.
 *
 * Returns: %TRUE when some item read as %NULL because of an error
 *
 * Since: 1.0
 */
gboolean
tandem_activity_list_get_failed (TandemActivityList *self)
{
  g_return_val_if_fail (TANDEM_IS_ACTIVITY_LIST (self), FALSE);

  return self->error != NULL;
}

/**
 * tandem_activity_list_check:
 * @self: a `TandemActivityList`
 * @error: return location for a #GError
 *
 * Reports the first read of @self that failed: call it after walking the
 * list to know that every item was read.
 *
 * Returns: %TRUE when every page asked for was read, %FALSE with a copy of
 *   the first error (a %TANDEM_STORE_ERROR) otherwise
 *
 * Since: 1.0
 */
gboolean
tandem_activity_list_check (TandemActivityList *self, GError **error)
{
  g_return_val_if_fail (TANDEM_IS_ACTIVITY_LIST (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->error == NULL)
    return TRUE;
  g_propagate_error (error, g_error_copy (self->error));
  return FALSE;
}

GListModel *
_tandem_activity_list_new (TandemStore *store, const TandemActivityScan *scan, GError **error)
{
  g_autoptr (TandemActivityList) self = g_object_new (TANDEM_TYPE_ACTIVITY_LIST, NULL);
  TandemDb *db = _tandem_store_get_db (store);
  gint64    max_id;
  gint64    count;

  self->store = g_object_ref (store);
  self->scan = *scan;

  max_id = _tandem_db_max_activity_id (db, error);
  if (max_id < 0)
    return NULL;
  self->scan.max_id = max_id > 0 ? max_id : 1;

  count = max_id > 0 ? _tandem_db_count_activities (db, &self->scan, error) : 0;
  if (count < 0)
    return NULL;

  self->n_items = (guint)MIN (count, (gint64)G_MAXUINT);
  self->last_keys = g_array_new (FALSE, TRUE, sizeof (TandemScanKey));
  g_array_set_size (self->last_keys, self->n_items / PAGE_SIZE + 1);

  return G_LIST_MODEL (g_steal_pointer (&self));
}
