/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-rep-tag.h: a rep's strength or preference, and a store's rep tags */

#pragma once

#if !defined(TANDEM_INSIDE) && !defined(TANDEM_COMPILATION)
#error "Only <tandem.h> can be included directly."
#endif

#include <gio/gio.h>

#include "tandem-rep.h"
#include "tandem-store.h"
#include "tandem-version-macros.h"

G_BEGIN_DECLS

/**
 * TandemTagKind:
 * @TANDEM_TAG_KIND_STRENGTH: something a rep is good at ("negotiation", "phone")
 * @TANDEM_TAG_KIND_PREFERENCE: something a rep prefers ("region-nord", "industry-food")
 *
 * The two kinds of tags a rep carries, each with a level from 1 to 5.
 *
 * Since: 1.0
 */
typedef enum
{
  TANDEM_TAG_KIND_STRENGTH,
  TANDEM_TAG_KIND_PREFERENCE,
} TandemTagKind;

#define TANDEM_TYPE_REP_TAG (tandem_rep_tag_get_type ())

TANDEM_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (TandemRepTag, tandem_rep_tag, TANDEM, REP_TAG, GObject)

TANDEM_AVAILABLE_IN_ALL
TandemTagKind tandem_rep_tag_get_kind (TandemRepTag *self);

TANDEM_AVAILABLE_IN_ALL
const char *tandem_rep_tag_get_name (TandemRepTag *self);

TANDEM_AVAILABLE_IN_ALL
guint tandem_rep_tag_get_level (TandemRepTag *self);

TANDEM_AVAILABLE_IN_ALL
gboolean tandem_rep_tag_set (TandemStore  *self,
                             TandemRep    *rep,
                             TandemTagKind kind,
                             const char   *tag,
                             guint         level,
                             GError      **error);

TANDEM_AVAILABLE_IN_ALL
GListModel *tandem_rep_tag_list (TandemStore *self,
                                 TandemRep   *rep,
                                 GError     **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
