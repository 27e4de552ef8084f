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
G_DEFINE_FINAL_TYPE (TandemMatchProposal, tandem_match_proposal, G_TYPE_OBJECT)

enum
{
  PROPOSAL_PROP_0,
  PROPOSAL_PROP_INSIDE_REP,
  PROPOSAL_PROP_FIELD_REP,
  PROPOSAL_PROP_SCORE,
  PROPOSAL_PROP_FIXED,
  PROPOSAL_PROP_EXPLANATION,
  PROPOSAL_N_PROPS
};

static GParamSpec *proposal_properties[PROPOSAL_N_PROPS];

static void
tandem_match_proposal_dispose (GObject *object)
{
  TandemMatchProposal *self = TANDEM_MATCH_PROPOSAL (object);

  g_clear_object (&self->inside_rep);
  g_clear_object (&self->field_rep);

  G_OBJECT_CLASS (tandem_match_proposal_parent_class)->dispose (object);
}

static void
tandem_match_proposal_finalize (GObject *object)
{
  TandemMatchProposal *self = TANDEM_MATCH_PROPOSAL (object);

  g_clear_pointer (&self->explanation, g_free);
  G_OBJECT_CLASS (tandem_match_proposal_parent_class)->finalize (object);
}

static void
tandem_match_proposal_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  TandemMatchProposal *self = TANDEM_MATCH_PROPOSAL (object);

  switch (prop_id)
    {
    case PROPOSAL_PROP_INSIDE_REP:
      g_value_set_object (value, self->inside_rep);
      break;
    case PROPOSAL_PROP_FIELD_REP:
      g_value_set_object (value, self->field_rep);
      break;
    case PROPOSAL_PROP_SCORE:
      g_value_set_int (value, self->score);
      break;
    case PROPOSAL_PROP_FIXED:
      g_value_set_boolean (value, self->fixed);
      break;
    case PROPOSAL_PROP_EXPLANATION:
      g_value_set_string (value, self->explanation);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_match_proposal_class_init (TandemMatchProposalClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->dispose = tandem_match_proposal_dispose;
  object_class->finalize = tandem_match_proposal_finalize;
  object_class->get_property = tandem_match_proposal_get_property;

  /**
   * TandemMatchProposal:inside-rep:
   *
   * The inside rep of the proposed tandem.
   *
   * Since: 1.0
   */
  proposal_properties[PROPOSAL_PROP_INSIDE_REP]
      = g_param_spec_object ("inside-rep", NULL, NULL, TANDEM_TYPE_REP, flags);

  /**
   * TandemMatchProposal:field-rep:
   *
   * The field rep of the proposed tandem.
   *
   * Since: 1.0
   */
  proposal_properties[PROPOSAL_PROP_FIELD_REP]
      = g_param_spec_object ("field-rep", NULL, NULL, TANDEM_TYPE_REP, flags);

  /**
   * TandemMatchProposal:score:
   *
   * The pair's score (see [class@Tandem.Matcher]).
   *
   * Since: 1.0
   */
  proposal_properties[PROPOSAL_PROP_SCORE]
      = g_param_spec_int ("score", NULL, NULL, 0, G_MAXINT, 0, flags);

  /**
   * TandemMatchProposal:fixed:
   *
   * Whether the pair was fixed in advance rather than chosen.
   *
   * Since: 1.0
   */
  proposal_properties[PROPOSAL_PROP_FIXED]
      = g_param_spec_boolean ("fixed", NULL, NULL, FALSE, flags);

  /**
   * TandemMatchProposal:explanation:
   *
   * How the score is made up, such as "coverage 17 (negotiation 5 from
   * Jonas Becker, phone 4 from Anna Schäfer) + fit 3 (region-nord 3) = 20".
   *
   * Since: 1.0
   */
  proposal_properties[PROPOSAL_PROP_EXPLANATION]
      = g_param_spec_string ("explanation", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, PROPOSAL_N_PROPS, proposal_properties);
}

static void
tandem_match_proposal_init (TandemMatchProposal *self)
{
}

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
