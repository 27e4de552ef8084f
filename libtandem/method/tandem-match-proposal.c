/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-match-proposal.c: one proposed tandem and why */

#include "config.h"

#include "tandem-record-private.h"

#include "tandem-i18n-private.h"
#include <string.h>

#include "tandem-matcher.h"
#include "tandem-matcher-private.h"
#include "tandem-enum-types.h"
#include "tandem-hungarian-private.h"
#include "tandem-util-private.h"
#include "tandem-store-private.h"

#define MAX_LEVEL 5

/* ------------------------------------------------------------------ */
/* TandemRepTag                                                        */

/**
 * TandemMatchProposal:
 *
 * A proposed tandem: an inside and a field rep, the score of the pair and
 * how it is made up. See [method@Tandem.Matcher.solve].
 *
 * Since: 1.0
 */

static const TandemField fields[] = {
  /**
   * TandemMatchProposal:inside-rep:
   *
   * The inside rep of the proposed tandem.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_OBJECT (TandemMatchProposal, inside_rep, "inside-rep", tandem_rep_get_type),
  /**
   * TandemMatchProposal:field-rep:
   *
   * The field rep of the proposed tandem.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_OBJECT (TandemMatchProposal, field_rep, "field-rep", tandem_rep_get_type),
  /**
   * TandemMatchProposal:score:
   *
   * The pair's score (see [class@Tandem.Matcher]).
   *
   * Since: 1.0
   */
  TANDEM_FIELD_INT (TandemMatchProposal, score, "score", 0, G_MAXINT, 0),
  /**
   * TandemMatchProposal:fixed:
   *
   * Whether the pair was fixed in advance rather than chosen.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_BOOLEAN (TandemMatchProposal, fixed, "fixed", FALSE),
  /**
   * TandemMatchProposal:explanation:
   *
   * How the score is made up, such as "coverage 17 (negotiation 5 from
   * Jonas Becker, phone 4 from Anna Schäfer) + fit 3 (region-nord 3) = 20".
   *
   * Since: 1.0
   */
  TANDEM_FIELD_STRING (TandemMatchProposal, explanation, "explanation"),
};

TANDEM_DEFINE_RECORD_TYPE (TandemMatchProposal, tandem_match_proposal, fields, G_PARAM_READABLE)

/**
 * tandem_match_proposal_get_inside_rep:
 * @self: a `TandemMatchProposal`
 *
 * Gets [property@Tandem.MatchProposal:inside-rep].
 *
 * Returns: (transfer none): the inside rep
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemRep *,
                      tandem_match_proposal_get_inside_rep,
                      TandemMatchProposal,
                      TANDEM_IS_MATCH_PROPOSAL,
                      inside_rep,
                      NULL)

/**
 * tandem_match_proposal_get_field_rep:
 * @self: a `TandemMatchProposal`
 *
 * Gets [property@Tandem.MatchProposal:field-rep].
 *
 * Returns: (transfer none): the field rep
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemRep *,
                      tandem_match_proposal_get_field_rep,
                      TandemMatchProposal,
                      TANDEM_IS_MATCH_PROPOSAL,
                      field_rep,
                      NULL)

/**
 * tandem_match_proposal_get_score:
 * @self: a `TandemMatchProposal`
 *
 * Gets [property@Tandem.MatchProposal:score].
 *
 * Returns: the score
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (int,
                      tandem_match_proposal_get_score,
                      TandemMatchProposal,
                      TANDEM_IS_MATCH_PROPOSAL,
                      score,
                      0)

/**
 * tandem_match_proposal_get_fixed:
 * @self: a `TandemMatchProposal`
 *
 * Gets [property@Tandem.MatchProposal:fixed].
 *
 * Returns: whether the pair was fixed in advance
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (gboolean,
                      tandem_match_proposal_get_fixed,
                      TandemMatchProposal,
                      TANDEM_IS_MATCH_PROPOSAL,
                      fixed,
                      FALSE)

/**
 * tandem_match_proposal_get_explanation:
 * @self: a `TandemMatchProposal`
 *
 * Gets [property@Tandem.MatchProposal:explanation].
 *
 * Returns: (transfer none): the explanation
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (const char *,
                      tandem_match_proposal_get_explanation,
                      TandemMatchProposal,
                      TANDEM_IS_MATCH_PROPOSAL,
                      explanation,
                      NULL)

/* ------------------------------------------------------------------ */
/* TandemMatcher                                                       */
