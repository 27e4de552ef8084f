/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-activity-filter.c: which activities a query returns */

#include "config.h"

#include "tandem-activity-filter.h"
#include "tandem-enum-types.h"

/**
 * TandemActivityFilter:
 *
 * The conditions of an activity query: by tandem (the accounts it owns),
 * account, rep, kind and a time range `[since, until)`. Unset conditions
 * match everything. Pass it to [method@Tandem.Store.query_activities].
 *
 * Since: 1.0
 */
struct _TandemActivityFilter
{
  GObject parent_instance;

  TandemTeam        *team;
  TandemAccount     *account;
  TandemRep         *rep;
  GDateTime         *since;
  GDateTime         *until;
  TandemActivityKind kind;
  guint              match_kind : 1;
};

enum
{
  PROP_0,
  PROP_TEAM,
  PROP_ACCOUNT,
  PROP_REP,
  PROP_KIND,
  PROP_MATCH_KIND,
  PROP_SINCE,
  PROP_UNTIL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (TandemActivityFilter, tandem_activity_filter, G_TYPE_OBJECT)

static void
tandem_activity_filter_dispose (GObject *object)
{
  TandemActivityFilter *self = (TandemActivityFilter *)object;

  g_clear_object (&self->team);
  g_clear_object (&self->account);
  g_clear_object (&self->rep);

  G_OBJECT_CLASS (tandem_activity_filter_parent_class)->dispose (object);
}

static void
tandem_activity_filter_finalize (GObject *object)
{
  TandemActivityFilter *self = (TandemActivityFilter *)object;

  g_clear_pointer (&self->since, g_date_time_unref);
  g_clear_pointer (&self->until, g_date_time_unref);

  G_OBJECT_CLASS (tandem_activity_filter_parent_class)->finalize (object);
}

static void
tandem_activity_filter_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  TandemActivityFilter *self = TANDEM_ACTIVITY_FILTER (object);

  switch (prop_id)
    {
    case PROP_TEAM:
      g_value_set_object (value, self->team);
      break;

    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;

    case PROP_REP:
      g_value_set_object (value, self->rep);
      break;

    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_MATCH_KIND:
      g_value_set_boolean (value, self->match_kind);
      break;

    case PROP_SINCE:
      g_value_set_boxed (value, self->since);
      break;

    case PROP_UNTIL:
      g_value_set_boxed (value, self->until);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_date (TandemActivityFilter *self, GDateTime **field, GDateTime *value, GParamSpec *pspec)
{
  if (*field == value || (*field != NULL && value != NULL && g_date_time_equal (*field, value)))
    return;

  g_clear_pointer (field, g_date_time_unref);
  if (value != NULL)
    *field = g_date_time_ref (value);
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

static void
tandem_activity_filter_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  TandemActivityFilter *self = TANDEM_ACTIVITY_FILTER (object);

  switch (prop_id)
    {
    case PROP_TEAM:
      tandem_activity_filter_set_team (self, g_value_get_object (value));
      break;

    case PROP_ACCOUNT:
      tandem_activity_filter_set_account (self, g_value_get_object (value));
      break;

    case PROP_REP:
      tandem_activity_filter_set_rep (self, g_value_get_object (value));
      break;

    case PROP_KIND:
      tandem_activity_filter_set_kind (self, g_value_get_enum (value));
      break;

    case PROP_MATCH_KIND:
      if (g_value_get_boolean (value) != self->match_kind)
        {
          self->match_kind = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_SINCE:
      set_date (self, &self->since, g_value_get_boxed (value), pspec);
      break;

    case PROP_UNTIL:
      set_date (self, &self->until, g_value_get_boxed (value), pspec);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_activity_filter_class_init (TandemActivityFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = tandem_activity_filter_dispose;
  object_class->finalize = tandem_activity_filter_finalize;
  object_class->get_property = tandem_activity_filter_get_property;
  object_class->set_property = tandem_activity_filter_set_property;

  /**
   * TandemActivityFilter:team:
   *
   * Only activities for accounts the tandem owns, or %NULL for any.
   *
   * Since: 1.0
   */
  properties[PROP_TEAM] = g_param_spec_object ("team", NULL, NULL, TANDEM_TYPE_TEAM, flags);

  /**
   * TandemActivityFilter:account:
   *
   * Only activities for this account, or %NULL for any.
   *
   * Since: 1.0
   */
  properties[PROP_ACCOUNT]
      = g_param_spec_object ("account", NULL, NULL, TANDEM_TYPE_ACCOUNT, flags);

  /**
   * TandemActivityFilter:rep:
   *
   * Only activities this rep logged, or %NULL for any.
   *
   * Since: 1.0
   */
  properties[PROP_REP] = g_param_spec_object ("rep", NULL, NULL, TANDEM_TYPE_REP, flags);

  /**
   * TandemActivityFilter:kind:
   *
   * Only activities of this kind, when [property@Tandem.ActivityFilter:match-kind] is set.
   *
   * Since: 1.0
   */
  properties[PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL, TANDEM_TYPE_ACTIVITY_KIND,
                                             TANDEM_ACTIVITY_KIND_CALL, flags);

  /**
   * TandemActivityFilter:match-kind:
   *
   * Whether [property@Tandem.ActivityFilter:kind] applies.
   *
   * Since: 1.0
   */
  properties[PROP_MATCH_KIND] = g_param_spec_boolean ("match-kind", NULL, NULL, FALSE, flags);

  /**
   * TandemActivityFilter:since:
   *
   * Only activities at or after this time, or %NULL.
   *
   * Since: 1.0
   */
  properties[PROP_SINCE] = g_param_spec_boxed ("since", NULL, NULL, G_TYPE_DATE_TIME, flags);

  /**
   * TandemActivityFilter:until:
   *
   * Only activities before this time, or %NULL.
   *
   * Since: 1.0
   */
  properties[PROP_UNTIL] = g_param_spec_boxed ("until", NULL, NULL, G_TYPE_DATE_TIME, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tandem_activity_filter_init (TandemActivityFilter *self)
{
}

/**
 * tandem_activity_filter_new:
 *
 * Creates a filter that matches every activity.
 *
 * Returns: (transfer full): a new `TandemActivityFilter`
 *
 * Since: 1.0
 */
TandemActivityFilter *
tandem_activity_filter_new (void)
{
  return g_object_new (TANDEM_TYPE_ACTIVITY_FILTER, NULL);
}

/**
 * tandem_activity_filter_set_team:
 * @self: a `TandemActivityFilter`
 * @team: (nullable): the tandem, or %NULL for any
 *
 * Sets [property@Tandem.ActivityFilter:team].
 *
 * Since: 1.0
 */
void
tandem_activity_filter_set_team (TandemActivityFilter *self, TandemTeam *team)
{
  g_return_if_fail (TANDEM_IS_ACTIVITY_FILTER (self));

  if (g_set_object (&self->team, team))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEAM]);
}

/**
 * tandem_activity_filter_get_team:
 * @self: a `TandemActivityFilter`
 *
 * Gets [property@Tandem.ActivityFilter:team].
 *
 * Returns: (transfer none) (nullable): the tandem
 *
 * Since: 1.0
 */
TandemTeam *
tandem_activity_filter_get_team (TandemActivityFilter *self)
{
  g_return_val_if_fail (TANDEM_IS_ACTIVITY_FILTER (self), NULL);

  return self->team;
}

/**
 * tandem_activity_filter_set_account:
 * @self: a `TandemActivityFilter`
 * @account: (nullable): the account, or %NULL for any
 *
 * Sets [property@Tandem.ActivityFilter:account].
 *
 * Since: 1.0
 */
void
tandem_activity_filter_set_account (TandemActivityFilter *self, TandemAccount *account)
{
  g_return_if_fail (TANDEM_IS_ACTIVITY_FILTER (self));

  if (g_set_object (&self->account, account))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT]);
}

/**
 * tandem_activity_filter_get_account:
 * @self: a `TandemActivityFilter`
 *
 * Gets [property@Tandem.ActivityFilter:account].
 *
 * Returns: (transfer none) (nullable): the account
 *
 * Since: 1.0
 */
TandemAccount *
tandem_activity_filter_get_account (TandemActivityFilter *self)
{
  g_return_val_if_fail (TANDEM_IS_ACTIVITY_FILTER (self), NULL);

  return self->account;
}

/**
 * tandem_activity_filter_set_rep:
 * @self: a `TandemActivityFilter`
 * @rep: (nullable): the rep, or %NULL for any
 *
 * Sets [property@Tandem.ActivityFilter:rep].
 *
 * Since: 1.0
 */
void
tandem_activity_filter_set_rep (TandemActivityFilter *self, TandemRep *rep)
{
  g_return_if_fail (TANDEM_IS_ACTIVITY_FILTER (self));

  if (g_set_object (&self->rep, rep))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REP]);
}

/**
 * tandem_activity_filter_get_rep:
 * @self: a `TandemActivityFilter`
 *
 * Gets [property@Tandem.ActivityFilter:rep].
 *
 * Returns: (transfer none) (nullable): the rep
 *
 * Since: 1.0
 */
TandemRep *
tandem_activity_filter_get_rep (TandemActivityFilter *self)
{
  g_return_val_if_fail (TANDEM_IS_ACTIVITY_FILTER (self), NULL);

  return self->rep;
}

/**
 * tandem_activity_filter_set_kind:
 * @self: a `TandemActivityFilter`
 * @kind: the kind to match
 *
 * Matches only activities of @kind.
 *
 * Since: 1.0
 */
void
tandem_activity_filter_set_kind (TandemActivityFilter *self, TandemActivityKind kind)
{
  g_return_if_fail (TANDEM_IS_ACTIVITY_FILTER (self));

  g_object_freeze_notify (G_OBJECT (self));
  if (self->kind != kind)
    {
      self->kind = kind;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
    }
  if (!self->match_kind)
    {
      self->match_kind = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MATCH_KIND]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * tandem_activity_filter_clear_kind:
 * @self: a `TandemActivityFilter`
 *
 * Matches activities of every kind again.
 *
 * Since: 1.0
 */
void
tandem_activity_filter_clear_kind (TandemActivityFilter *self)
{
  g_return_if_fail (TANDEM_IS_ACTIVITY_FILTER (self));

  if (self->match_kind)
    {
      self->match_kind = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MATCH_KIND]);
    }
}

/**
 * tandem_activity_filter_get_kind:
 * @self: a `TandemActivityFilter`
 * @kind: (out) (optional): the kind matched
 *
 * Gets the kind condition.
 *
 * Returns: %TRUE if the filter matches one kind only
 *
 * Since: 1.0
 */
gboolean
tandem_activity_filter_get_kind (TandemActivityFilter *self, TandemActivityKind *kind)
{
  g_return_val_if_fail (TANDEM_IS_ACTIVITY_FILTER (self), FALSE);

  if (kind != NULL)
    *kind = self->kind;
  return self->match_kind;
}

/**
 * tandem_activity_filter_set_range:
 * @self: a `TandemActivityFilter`
 * @since: (nullable): the earliest time (inclusive), or %NULL
 * @until: (nullable): the end (exclusive), or %NULL
 *
 * Matches only activities in `[since, until)`.
 *
 * Since: 1.0
 */
void
tandem_activity_filter_set_range (TandemActivityFilter *self, GDateTime *since, GDateTime *until)
{
  g_return_if_fail (TANDEM_IS_ACTIVITY_FILTER (self));

  g_object_freeze_notify (G_OBJECT (self));
  set_date (self, &self->since, since, properties[PROP_SINCE]);
  set_date (self, &self->until, until, properties[PROP_UNTIL]);
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * tandem_activity_filter_get_since:
 * @self: a `TandemActivityFilter`
 *
 * Gets [property@Tandem.ActivityFilter:since].
 *
 * Returns: (transfer none) (nullable): the start of the range
 *
 * Since: 1.0
 */
GDateTime *
tandem_activity_filter_get_since (TandemActivityFilter *self)
{
  g_return_val_if_fail (TANDEM_IS_ACTIVITY_FILTER (self), NULL);

  return self->since;
}

/**
 * tandem_activity_filter_get_until:
 * @self: a `TandemActivityFilter`
 *
 * Gets [property@Tandem.ActivityFilter:until].
 *
 * Returns: (transfer none) (nullable): the end of the range
 *
 * Since: 1.0
 */
GDateTime *
tandem_activity_filter_get_until (TandemActivityFilter *self)
{
  g_return_val_if_fail (TANDEM_IS_ACTIVITY_FILTER (self), NULL);

  return self->until;
}
