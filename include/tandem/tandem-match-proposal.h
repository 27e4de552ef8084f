/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-match-proposal.h: a proposed pairing of an inside and a field rep */

#pragma once

#if !defined(TANDEM_INSIDE) && !defined(TANDEM_COMPILATION)
#error "Only <tandem.h> can be included directly."
#endif

#include <gio/gio.h>

#include "tandem-rep.h"
#include "tandem-store.h"
#include "tandem-version-macros.h"

G_BEGIN_DECLS

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

G_END_DECLS
