/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-line-list.c: a settlement's lines as a GListModel, made when asked for */

#include "config.h"

#include <inttypes.h>

#include "tandem-i18n-private.h"
#include <json-glib/json-glib.h>
#include <string.h>

#include "tandem-settlement.h"
#include "tandem-settlement-private.h"
#include "tandem-settlement-engine-private.h"
#include "tandem-plan-private.h"
#include "tandem-currency-private.h"
#include "tandem-enum-types.h"
#include "tandem-rate-private.h"
#include "tandem-store-private.h"
#include "tandem-util-private.h"

#define TANDEM_TYPE_LINE_LIST (_tandem_line_list_get_type ())
G_DECLARE_FINAL_TYPE (TandemLineList, _tandem_line_list, TANDEM, LINE_LIST, GObject)

struct _TandemLineList
{
  GObject           parent_instance;
  TandemSettlement *settlement;
  guint             first;
  guint             n_items;
};

static void line_list_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TandemLineList,
                               _tandem_line_list,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, line_list_iface_init))

static void
_tandem_line_list_dispose (GObject *object)
{
  g_clear_object (&TANDEM_LINE_LIST (object)->settlement);

  G_OBJECT_CLASS (_tandem_line_list_parent_class)->dispose (object);
}

static void
_tandem_line_list_finalize (GObject *object)
{
  G_OBJECT_CLASS (_tandem_line_list_parent_class)->finalize (object);
}

static void
_tandem_line_list_class_init (TandemLineListClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = _tandem_line_list_dispose;
  G_OBJECT_CLASS (klass)->finalize = _tandem_line_list_finalize;
}

static void
_tandem_line_list_init (TandemLineList *self)
{
}

static GType
line_list_get_item_type (GListModel *model)
{
  return TANDEM_TYPE_PAYOUT_LINE;
}

static guint
line_list_get_n_items (GListModel *model)
{
  return TANDEM_LINE_LIST (model)->n_items;
}

static TandemPayoutLine *
make_line (TandemSettlement *self, const TandemLine *l)
{
  g_autoptr (GError) error = NULL;
  TandemRep *rep;
  char      *text;

  {
    g_autoptr (TandemTransaction) tx G_GNUC_UNUSED = _tandem_transaction_new (self->store);

    rep = _tandem_store_load_rep (self->store, l->rep_id, NULL);
  }
  if (rep == NULL)
    return NULL;
  /* a list model cannot fail: a stored text that cannot be read says so
   * (tandem_settlement_write_json() reports it as an error) */
  text = _tandem_settlement_explain (self, l, &error);
  if (text == NULL)
    text = g_strdup_printf (_ ("(the stored explanation could not be read: %s)"), error->message);
  return _tandem_payout_line_new (self->store, rep, l->kind,
                                  tandem_money_new (l->amount, self->currency), l->activity_id,
                                  text);
}

static gpointer
line_list_get_item (GListModel *model, guint position)
{
  TandemLineList *self = TANDEM_LINE_LIST (model);
  TandemLine      line;

  if (position >= self->n_items)
    return NULL;

  _tandem_line_table_get (self->settlement->lines, self->first + position, &line);
  return make_line (self->settlement, &line);
}

static void
line_list_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = line_list_get_item_type;
  iface->get_n_items = line_list_get_n_items;
  iface->get_item = line_list_get_item;
}

GListModel *
_tandem_line_list_new (TandemSettlement *settlement, guint first, guint n_items)
{
  TandemLineList *self = g_object_new (TANDEM_TYPE_LINE_LIST, NULL);

  self->settlement = g_object_ref (settlement);
  self->first = first;
  self->n_items = n_items;
  return G_LIST_MODEL (self);
}
