/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-membership.c: who formed a tandem, from when until when */

#include "config.h"

#include "tandem-record-private.h"

#include <inttypes.h>

#include "tandem-membership.h"
#include "tandem-stage-change.h"
#include "tandem-enum-types.h"
#include "tandem-i18n-private.h"
#include "tandem-model-private.h"
#include "tandem-store-internal-private.h"
#include "tandem-util-private.h"

/**
 * TandemMembership:
 *
 * Who formed a tandem during a span of time: its inside and field rep from
 * [property@Tandem.Membership:valid-from] until
 * [property@Tandem.Membership:valid-until] (exclusive; %NULL while
 * current). Credit for an activity follows the members at the activity's
 * time. See [func@Tandem.Membership.list].
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

G_DEFINE_FINAL_TYPE (TandemMembership, tandem_membership, G_TYPE_OBJECT)

static const TandemField fields[] = {
  /**
   * TandemMembership:team-id:
   *
   * The id of the tandem.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_INT64 (TandemMembership, team_id, "team-id", 0, G_MAXINT64, 0),
  /**
   * TandemMembership:inside-rep:
   *
   * The inside rep during this span.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_OBJECT (TandemMembership, inside_rep, "inside-rep", tandem_rep_get_type),
  /**
   * TandemMembership:field-rep:
   *
   * The field rep during this span.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_OBJECT (TandemMembership, field_rep, "field-rep", tandem_rep_get_type),
  /**
   * TandemMembership:valid-from:
   *
   * When this membership began (inclusive).
   *
   * Since: 1.0
   */
  TANDEM_FIELD_BOXED (TandemMembership, valid_from, "valid-from", g_date_time_get_type),
  /**
   * TandemMembership:valid-until:
   *
   * When this membership ended (exclusive), or %NULL while it is current.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_BOXED (TandemMembership, valid_until, "valid-until", g_date_time_get_type),
};

static void
tandem_membership_class_init (TandemMembershipClass *klass)
{
  _tandem_record_class_init (G_OBJECT_CLASS (klass), fields, G_N_ELEMENTS (fields),
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY, NULL);
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
TANDEM_DEFINE_GETTER (gint64,
                      tandem_membership_get_team_id,
                      TandemMembership,
                      TANDEM_IS_MEMBERSHIP,
                      team_id,
                      0)

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
TANDEM_DEFINE_GETTER (TandemRep *,
                      tandem_membership_get_inside_rep,
                      TandemMembership,
                      TANDEM_IS_MEMBERSHIP,
                      inside_rep,
                      NULL)

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
TANDEM_DEFINE_GETTER (TandemRep *,
                      tandem_membership_get_field_rep,
                      TandemMembership,
                      TANDEM_IS_MEMBERSHIP,
                      field_rep,
                      NULL)

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
TANDEM_DEFINE_GETTER (GDateTime *,
                      tandem_membership_get_valid_from,
                      TandemMembership,
                      TANDEM_IS_MEMBERSHIP,
                      valid_from,
                      NULL)

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
TANDEM_DEFINE_GETTER (GDateTime *,
                      tandem_membership_get_valid_until,
                      TandemMembership,
                      TANDEM_IS_MEMBERSHIP,
                      valid_until,
                      NULL)

static TandemMembership *
membership_from_record (TandemStore *self, const TandemMembershipRecord *record, GError **error)
{
  g_autoptr (GDateTime) from = _tandem_time_from_usec (record->valid_from);
  g_autoptr (GDateTime) until
      = record->valid_until ? _tandem_time_from_usec (record->valid_until) : NULL;
  TandemRep *inside = _tandem_store_load_rep (self, record->inside_rep_id, error);
  TandemRep *field;

  if (inside == NULL
      || (field = _tandem_store_load_rep (self, record->field_rep_id, error)) == NULL)
    return NULL;

  return g_object_new (TANDEM_TYPE_MEMBERSHIP, "team-id", record->team_id, "inside-rep", inside,
                       "field-rep", field, "valid-from", from, "valid-until", until, NULL);
}

/**
 * tandem_membership_set_start:
 * @self: a `TandemStore`
 * @team: a stored tandem
 * @since: when the tandem started
 * @error: return location for a #GError
 *
 * Moves the start of @team's first membership to @since, for a tandem that
 * was entered with the wrong start. Orders from before a tandem started
 * are credited to its first members either way, so no settled figure
 * changes; @since must lie before the first membership ended.
 *
 * Returns: %TRUE on success
 *
 * Since: 1.0
 */
gboolean
tandem_membership_set_start (TandemStore *self, TandemTeam *team, GDateTime *since, GError **error)
{
  g_autoptr (GArray) history = NULL;
  gint64 since_usec;

  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);
  g_return_val_if_fail (TANDEM_IS_TEAM (team), FALSE);
  g_return_val_if_fail (since != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  LOCK_STORE (self);

  if (!_tandem_store_check_stored (team, tandem_team_get_id (team), _ ("tandem"), error)
      || !_tandem_store_check_writable (self, error))
    return FALSE;
  since_usec = _tandem_time_to_usec (since);
  history = _tandem_db_list_memberships (self->db, tandem_team_get_id (team), error);
  if (history == NULL)
    return FALSE;
  if (history->len > 0 && g_array_index (history, TandemMembershipRecord, 0).valid_until != 0
      && g_array_index (history, TandemMembershipRecord, 0).valid_until <= since_usec)
    {
      g_autofree char *until
          = _tandem_time_format (g_array_index (history, TandemMembershipRecord, 0).valid_until);

      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                   _ ("Tandem “%s”: its first members changed at %s; the start must come before"),
                   tandem_team_get_name (team), until);
      return FALSE;
    }
  {
    g_autoptr (TandemTransaction) tx = _tandem_transaction_new (self);
    g_autofree char *when = g_date_time_format_iso8601 (since);
    g_autofree char *what
        = g_strdup_printf ("tandem #%" PRId64 " “%s”: starts %s", tandem_team_get_id (team),
                           tandem_team_get_name (team), when);

    return _tandem_transaction_begin (tx, error)
           && _tandem_db_set_team_start (self->db, tandem_team_get_id (team), since_usec, error)
           && _tandem_transaction_commit_audited (tx, "team start", what, error);
  }
}

/**
 * tandem_membership_list:
 * @self: a `TandemStore`
 * @team: a tandem of this store
 * @error: return location for a #GError
 *
 * Lists who formed the tandem when, oldest first.
 *
 * Returns: (transfer full): a list model of [class@Tandem.Membership]
 *
 * Since: 1.0
 */
GListModel *
tandem_membership_list (TandemStore *self, TandemTeam *team, GError **error)
{
  g_autoptr (GArray) records = NULL;
  g_autoptr (GListStore) list = NULL;
  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (TANDEM_IS_TEAM (team), NULL);

  LOCK_STORE (self);

  records = _tandem_db_list_memberships (self->db, tandem_team_get_id (team), error);
  if (records == NULL)
    return NULL;

  list = g_list_store_new (TANDEM_TYPE_MEMBERSHIP);
  for (guint i = 0; i < records->len; i++)
    {
      g_autoptr (TandemMembership) m = membership_from_record (
          self, &g_array_index (records, TandemMembershipRecord, i), error);

      if (m == NULL)
        return NULL;
      g_list_store_append (list, m);
    }

  return G_LIST_MODEL (g_steal_pointer (&list));
}

/**
 * tandem_membership_load_at:
 * @self: a `TandemStore`
 * @team: a tandem of this store
 * @at: the time
 * @error: return location for a #GError
 *
 * Finds who formed the tandem at @at: the members an activity at that
 * time is credited to. Before the tandem was formed, that is its first
 * members: they take what the tandem's accounts did before.
 *
 * Returns: (transfer full): the membership, or %NULL with
 *   %TANDEM_STORE_ERROR_NOT_FOUND if the tandem has no members at all
 *
 * Since: 1.0
 */
TandemMembership *
tandem_membership_load_at (TandemStore *self, TandemTeam *team, GDateTime *at, GError **error)
{
  g_autoptr (GArray) records = NULL;
  gint64 t;
  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (TANDEM_IS_TEAM (team), NULL);
  g_return_val_if_fail (at != NULL, NULL);

  LOCK_STORE (self);

  records = _tandem_db_list_memberships (self->db, tandem_team_get_id (team), error);
  if (records == NULL)
    return NULL;

  t = _tandem_time_to_usec (at);
  if (_tandem_membership_record_at (records, t) != NULL)
    return membership_from_record (self, _tandem_membership_record_at (records, t), error);

  {
    g_autofree char *when = g_date_time_format_iso8601 (at);

    g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_FOUND,
                 _ ("Tandem “%s” had no members at %s"), tandem_team_get_name (team), when);
  }
  return NULL;
}
