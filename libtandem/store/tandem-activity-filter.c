/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-activity-filter.c: which activities a query returns */

#include "config.h"

#include "tandem-record-private.h"

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
  gboolean           match_kind;
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
set_date (TandemActivityFilter *self, GDateTime **field, GDateTime *value, GParamSpec *pspec)
{
  if (*field == value || (*field != NULL && value != NULL && g_date_time_equal (*field, value)))
    return;

  g_clear_pointer (field, g_date_time_unref);
  if (value != NULL)
    *field = g_date_time_ref (value);
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

static const TandemField fields[] = {
  /**
   * TandemActivityFilter:team:
   *
   * Only activities for accounts the tandem owns, or %NULL for any.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_OBJECT (TandemActivityFilter,
                       team,
                       "team",
                       tandem_team_get_type,
                       TANDEM_FIELD_SETTER (tandem_activity_filter_set_team)),
  /**
   * TandemActivityFilter:account:
   *
   * Only activities for this account, or %NULL for any.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_OBJECT (TandemActivityFilter,
                       account,
                       "account",
                       tandem_account_get_type,
                       TANDEM_FIELD_SETTER (tandem_activity_filter_set_account)),
  /**
   * TandemActivityFilter:rep:
   *
   * Only activities this rep logged, or %NULL for any.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_OBJECT (TandemActivityFilter,
                       rep,
                       "rep",
                       tandem_rep_get_type,
                       TANDEM_FIELD_SETTER (tandem_activity_filter_set_rep)),
  /**
   * TandemActivityFilter:kind:
   *
   * Only activities of this kind, when [property@Tandem.ActivityFilter:match-kind] is set.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_ENUM (TandemActivityFilter,
                     kind,
                     "kind",
                     tandem_activity_kind_get_type,
                     TANDEM_ACTIVITY_KIND_CALL,
                     TANDEM_FIELD_SETTER (tandem_activity_filter_set_kind)),
  /**
   * TandemActivityFilter:match-kind:
   *
   * Whether [property@Tandem.ActivityFilter:kind] applies.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_BOOLEAN (TandemActivityFilter, match_kind, "match-kind", FALSE),
  /**
   * TandemActivityFilter:since:
   *
   * Only activities at or after this time, or %NULL.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_BOXED (TandemActivityFilter, since, "since", g_date_time_get_type),
  /**
   * TandemActivityFilter:until:
   *
   * Only activities before this time, or %NULL.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_BOXED (TandemActivityFilter, until, "until", g_date_time_get_type),
};

static void
tandem_activity_filter_class_init (TandemActivityFilterClass *klass)
{
  _tandem_record_class_init (G_OBJECT_CLASS (klass), fields, G_N_ELEMENTS (fields),
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY, properties);
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
TANDEM_DEFINE_SETTER (tandem_activity_filter_set_team,
                      TandemActivityFilter,
                      TANDEM_IS_ACTIVITY_FILTER,
                      TandemTeam *,
                      PROP_TEAM)

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
TANDEM_DEFINE_GETTER (TandemTeam *,
                      tandem_activity_filter_get_team,
                      TandemActivityFilter,
                      TANDEM_IS_ACTIVITY_FILTER,
                      team,
                      NULL)

/**
 * tandem_activity_filter_set_account:
 * @self: a `TandemActivityFilter`
 * @account: (nullable): the account, or %NULL for any
 *
 * Sets [property@Tandem.ActivityFilter:account].
 *
 * Since: 1.0
 */
TANDEM_DEFINE_SETTER (tandem_activity_filter_set_account,
                      TandemActivityFilter,
                      TANDEM_IS_ACTIVITY_FILTER,
                      TandemAccount *,
                      PROP_ACCOUNT)

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
TANDEM_DEFINE_GETTER (TandemAccount *,
                      tandem_activity_filter_get_account,
                      TandemActivityFilter,
                      TANDEM_IS_ACTIVITY_FILTER,
                      account,
                      NULL)

/**
 * tandem_activity_filter_set_rep:
 * @self: a `TandemActivityFilter`
 * @rep: (nullable): the rep, or %NULL for any
 *
 * Sets [property@Tandem.ActivityFilter:rep].
 *
 * Since: 1.0
 */
TANDEM_DEFINE_SETTER (tandem_activity_filter_set_rep,
                      TandemActivityFilter,
                      TANDEM_IS_ACTIVITY_FILTER,
                      TandemRep *,
                      PROP_REP)

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
TANDEM_DEFINE_GETTER (TandemRep *,
                      tandem_activity_filter_get_rep,
                      TandemActivityFilter,
                      TANDEM_IS_ACTIVITY_FILTER,
                      rep,
                      NULL)

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
TANDEM_DEFINE_GETTER (GDateTime *,
                      tandem_activity_filter_get_since,
                      TandemActivityFilter,
                      TANDEM_IS_ACTIVITY_FILTER,
                      since,
                      NULL)

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
TANDEM_DEFINE_GETTER (GDateTime *,
                      tandem_activity_filter_get_until,
                      TandemActivityFilter,
                      TANDEM_IS_ACTIVITY_FILTER,
                      until,
                      NULL)
