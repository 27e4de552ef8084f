/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-matcher.h: composing tandems from reps who complement each other */

#pragma once

#if !defined(TANDEM_INSIDE) && !defined(TANDEM_COMPILATION)
#error "Only <tandem.h> can be included directly."
#endif

#include <gio/gio.h>

#include "tandem-rep.h"
#include "tandem-store.h"
#include "tandem-version-macros.h"
#include "tandem-match-proposal.h"
#include "tandem-match-proposal.h"
#include "tandem-rep-tag.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_MATCHER (tandem_matcher_get_type ())

TANDEM_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (TandemMatcher, tandem_matcher, TANDEM, MATCHER, GObject)

TANDEM_AVAILABLE_IN_ALL
TandemMatcher *tandem_matcher_new (void) G_GNUC_WARN_UNUSED_RESULT;

TANDEM_AVAILABLE_IN_ALL
gboolean tandem_matcher_add_rep (TandemMatcher *self, TandemRep *rep, GError **error);

TANDEM_AVAILABLE_IN_ALL
gboolean tandem_matcher_set_tag (TandemMatcher *self,
                                 TandemRep     *rep,
                                 TandemTagKind  kind,
                                 const char    *tag,
                                 guint          level,
                                 GError       **error);

TANDEM_AVAILABLE_IN_ALL
gboolean tandem_matcher_fix_pair (TandemMatcher *self,
                                  TandemRep     *inside_rep,
                                  TandemRep     *field_rep,
                                  GError       **error);

TANDEM_AVAILABLE_IN_ALL
gboolean tandem_matcher_forbid_pair (TandemMatcher *self,
                                     TandemRep     *inside_rep,
                                     TandemRep     *field_rep,
                                     GError       **error);

TANDEM_AVAILABLE_IN_ALL
gboolean tandem_matcher_load_from_store (TandemMatcher *self,
                                         TandemStore   *store,
                                         gboolean       include_assigned,
                                         GError       **error);

TANDEM_AVAILABLE_IN_ALL
int tandem_matcher_score (TandemMatcher *self,
                          TandemRep     *inside_rep,
                          TandemRep     *field_rep,
                          char         **explanation);

TANDEM_AVAILABLE_IN_ALL
GListModel *tandem_matcher_solve (TandemMatcher *self, GError **error) G_GNUC_WARN_UNUSED_RESULT;

TANDEM_AVAILABLE_IN_ALL
GListModel *tandem_matcher_get_unmatched (TandemMatcher *self) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
