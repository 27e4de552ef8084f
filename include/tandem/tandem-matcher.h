/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-matcher.h: composing tandems from reps who fit and complement each other */

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

#define TANDEM_TYPE_MATCH_PROPOSAL (tandem_match_proposal_get_type ())
TANDEM_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (TandemMatchProposal, tandem_match_proposal, TANDEM, MATCH_PROPOSAL, GObject)

TANDEM_AVAILABLE_IN_ALL
TandemRep *tandem_match_proposal_get_inside_rep (TandemMatchProposal *self);
TANDEM_AVAILABLE_IN_ALL
TandemRep *tandem_match_proposal_get_field_rep (TandemMatchProposal *self);
TANDEM_AVAILABLE_IN_ALL
int tandem_match_proposal_get_score (TandemMatchProposal *self);
TANDEM_AVAILABLE_IN_ALL
gboolean tandem_match_proposal_get_fixed (TandemMatchProposal *self);
TANDEM_AVAILABLE_IN_ALL
const char *tandem_match_proposal_get_explanation (TandemMatchProposal *self);

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

TANDEM_AVAILABLE_IN_ALL
gboolean tandem_store_set_rep_tag (TandemStore  *self,
                                   TandemRep    *rep,
                                   TandemTagKind kind,
                                   const char   *tag,
                                   guint         level,
                                   GError      **error);
TANDEM_AVAILABLE_IN_ALL
GListModel *tandem_store_list_rep_tags (TandemStore *self,
                                        TandemRep   *rep,
                                        GError     **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
