/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-membership.c: who formed a tandem, from when until when */

#include "config.h"

#include "tandem-history.h"
#include "tandem-enum-types.h"

/**
 * TandemMembership:
 *
 * Who formed a tandem during a span of time: its inside and field rep from
 * [property@Tandem.Membership:valid-from] until
 * [property@Tandem.Membership:valid-until] (exclusive; %NULL while
 * current). Credit for an activity follows the members at the activity's
 * time. See [method@Tandem.Store.list_memberships].
 *
 * Since: 1.0
 */
struct _TandemMembership
{
  GObject parent_instance;

  gint64     team_id;
  TandemRep *inside_rep;
  TandemRep *field_rep;
  GDateTime *valid_from;
  GDateTime *valid_until;
};

enum
{
  MEMBERSHIP_PROP_0,
  MEMBERSHIP_PROP_TEAM_ID,
  MEMBERSHIP_PROP_INSIDE_REP,
  MEMBERSHIP_PROP_FIELD_REP,
  MEMBERSHIP_PROP_VALID_FROM,
  MEMBERSHIP_PROP_VALID_UNTIL,
  MEMBERSHIP_N_PROPS
};

static GParamSpec *membership_properties[MEMBERSHIP_N_PROPS];

G_DEFINE_FINAL_TYPE (TandemMembership, tandem_membership, G_TYPE_OBJECT)

static void
tandem_membership_dispose (GObject *object)
{
  TandemMembership *self = (TandemMembership *)object;

  g_clear_object (&self->inside_rep);
  g_clear_object (&self->field_rep);

  G_OBJECT_CLASS (tandem_membership_parent_class)->dispose (object);
}

static void
tandem_membership_finalize (GObject *object)
{
  TandemMembership *self = (TandemMembership *)object;

  g_clear_pointer (&self->valid_from, g_date_time_unref);
  g_clear_pointer (&self->valid_until, g_date_time_unref);

  G_OBJECT_CLASS (tandem_membership_parent_class)->finalize (object);
}

static void
tandem_membership_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  TandemMembership *self = TANDEM_MEMBERSHIP (object);

  switch (prop_id)
    {
    case MEMBERSHIP_PROP_TEAM_ID:
      g_value_set_int64 (value, self->team_id);
      break;

    case MEMBERSHIP_PROP_INSIDE_REP:
      g_value_set_object (value, self->inside_rep);
      break;

    case MEMBERSHIP_PROP_FIELD_REP:
      g_value_set_object (value, self->field_rep);
      break;

    case MEMBERSHIP_PROP_VALID_FROM:
      g_value_set_boxed (value, self->valid_from);
      break;

    case MEMBERSHIP_PROP_VALID_UNTIL:
      g_value_set_boxed (value, self->valid_until);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_membership_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  TandemMembership *self = TANDEM_MEMBERSHIP (object);

  switch (prop_id)
    {
    case MEMBERSHIP_PROP_TEAM_ID:
      self->team_id = g_value_get_int64 (value);
      break;

    case MEMBERSHIP_PROP_INSIDE_REP:
      self->inside_rep = g_value_dup_object (value);
      break;

    case MEMBERSHIP_PROP_FIELD_REP:
      self->field_rep = g_value_dup_object (value);
      break;

    case MEMBERSHIP_PROP_VALID_FROM:
      self->valid_from = g_value_dup_boxed (value);
      break;

    case MEMBERSHIP_PROP_VALID_UNTIL:
      self->valid_until = g_value_dup_boxed (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_membership_class_init (TandemMembershipClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = tandem_membership_dispose;
  object_class->finalize = tandem_membership_finalize;
  object_class->get_property = tandem_membership_get_property;
  object_class->set_property = tandem_membership_set_property;

  /**
   * TandemMembership:team-id:
   *
   * The id of the tandem.
   *
   * Since: 1.0
   */
  membership_properties[MEMBERSHIP_PROP_TEAM_ID]
      = g_param_spec_int64 ("team-id", NULL, NULL, 0, G_MAXINT64, 0, flags);

  /**
   * TandemMembership:inside-rep:
   *
   * The inside rep during this span.
   *
   * Since: 1.0
   */
  membership_properties[MEMBERSHIP_PROP_INSIDE_REP]
      = g_param_spec_object ("inside-rep", NULL, NULL, TANDEM_TYPE_REP, flags);

  /**
   * TandemMembership:field-rep:
   *
   * The field rep during this span.
   *
   * Since: 1.0
   */
  membership_properties[MEMBERSHIP_PROP_FIELD_REP]
      = g_param_spec_object ("field-rep", NULL, NULL, TANDEM_TYPE_REP, flags);

  /**
   * TandemMembership:valid-from:
   *
   * When this membership began (inclusive).
   *
   * Since: 1.0
   */
  membership_properties[MEMBERSHIP_PROP_VALID_FROM]
      = g_param_spec_boxed ("valid-from", NULL, NULL, G_TYPE_DATE_TIME, flags);

  /**
   * TandemMembership:valid-until:
   *
   * When this membership ended (exclusive), or %NULL while it is current.
   *
   * Since: 1.0
   */
  membership_properties[MEMBERSHIP_PROP_VALID_UNTIL]
      = g_param_spec_boxed ("valid-until", NULL, NULL, G_TYPE_DATE_TIME, flags);

  g_object_class_install_properties (object_class, MEMBERSHIP_N_PROPS, membership_properties);
}

static void
tandem_membership_init (TandemMembership *self)
{
}

/**
 * tandem_membership_get_team_id:
 * @self: a `TandemMembership`
 *
 * Gets [property@Tandem.Membership:team-id].
 *
 * Returns: the tandem's id
 *
 * Since: 1.0
 */
gint64
tandem_membership_get_team_id (TandemMembership *self)
{
  g_return_val_if_fail (TANDEM_IS_MEMBERSHIP (self), 0);

  return self->team_id;
}

/**
 * tandem_membership_get_inside_rep:
 * @self: a `TandemMembership`
 *
 * Gets [property@Tandem.Membership:inside-rep].
 *
 * Returns: (transfer none): the inside rep
 *
 * Since: 1.0
 */
TandemRep *
tandem_membership_get_inside_rep (TandemMembership *self)
{
  g_return_val_if_fail (TANDEM_IS_MEMBERSHIP (self), NULL);

  return self->inside_rep;
}

/**
 * tandem_membership_get_field_rep:
 * @self: a `TandemMembership`
 *
 * Gets [property@Tandem.Membership:field-rep].
 *
 * Returns: (transfer none): the field rep
 *
 * Since: 1.0
 */
TandemRep *
tandem_membership_get_field_rep (TandemMembership *self)
{
  g_return_val_if_fail (TANDEM_IS_MEMBERSHIP (self), NULL);

  return self->field_rep;
}

/**
 * tandem_membership_get_valid_from:
 * @self: a `TandemMembership`
 *
 * Gets [property@Tandem.Membership:valid-from].
 *
 * Returns: (transfer none): the start of the span
 *
 * Since: 1.0
 */
GDateTime *
tandem_membership_get_valid_from (TandemMembership *self)
{
  g_return_val_if_fail (TANDEM_IS_MEMBERSHIP (self), NULL);

  return self->valid_from;
}

/**
 * tandem_membership_get_valid_until:
 * @self: a `TandemMembership`
 *
 * Gets [property@Tandem.Membership:valid-until].
 *
 * Returns: (transfer none) (nullable): the end of the span, or %NULL if current
 *
 * Since: 1.0
 */
GDateTime *
tandem_membership_get_valid_until (TandemMembership *self)
{
  g_return_val_if_fail (TANDEM_IS_MEMBERSHIP (self), NULL);

  return self->valid_until;
}
