/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-shadowing.c: mutual shadowing within a tandem */

#include "config.h"

#include "tandem-record-private.h"

#include <inttypes.h>

#include "tandem-i18n-private.h"

#include "tandem-shadowing.h"
#include "tandem-store-private.h"
#include "tandem-util-private.h"

/**
 * TandemShadowingStatus:
 *
 * Whether a tandem's members have shadowed each other: the inside rep
 * riding along to a customer visit ("ride-along"), the field rep spending
 * time in the office ("sit-in"), each with the minutes recorded. A tandem is
 * complete when both directions are done. See
 * [func@Tandem.ShadowingStatus.list].
 *
 * Since: 1.0
 */
struct _TandemShadowingStatus
{
  GObject     parent_instance;
  TandemTeam *team;
  guint       ride_along_minutes;
  guint       sit_in_minutes;
  gboolean    ride_along;
  gboolean    sit_in;
};

static const TandemField fields[] = {
  /**
   * TandemShadowingStatus:team:
   *
   * The tandem.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_OBJECT (TandemShadowingStatus, team, "team", tandem_team_get_type),
  /**
   * TandemShadowingStatus:ride-along:
   *
   * Whether the inside rep has ridden along to a customer visit.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_BOOLEAN (TandemShadowingStatus, ride_along, "ride-along", FALSE),
  /**
   * TandemShadowingStatus:ride-along-minutes:
   *
   * The minutes recorded for riding along.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_UINT (TandemShadowingStatus,
                     ride_along_minutes,
                     "ride-along-minutes",
                     0,
                     G_MAXUINT,
                     0),
  /**
   * TandemShadowingStatus:sit-in:
   *
   * Whether the field rep has spent time in the office.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_BOOLEAN (TandemShadowingStatus, sit_in, "sit-in", FALSE),
  /**
   * TandemShadowingStatus:sit-in-minutes:
   *
   * The minutes recorded for sitting in.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_UINT (TandemShadowingStatus, sit_in_minutes, "sit-in-minutes", 0, G_MAXUINT, 0),
  /**
   * TandemShadowingStatus:complete:
   *
   * Whether both directions are done.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_COMPUTED_BOOLEAN ("complete", tandem_shadowing_status_get_complete, FALSE),
};

TANDEM_DEFINE_RECORD_TYPE (TandemShadowingStatus, tandem_shadowing_status, fields, G_PARAM_READABLE)

/**
 * tandem_shadowing_status_get_team:
 * @self: a `TandemShadowingStatus`
 *
 * Gets [property@Tandem.ShadowingStatus:team].
 *
 * Returns: (transfer none): the tandem
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemTeam *,
                      tandem_shadowing_status_get_team,
                      TandemShadowingStatus,
                      TANDEM_IS_SHADOWING_STATUS,
                      team,
                      NULL)

/**
 * tandem_shadowing_status_get_ride_along:
 * @self: a `TandemShadowingStatus`
 *
 * Gets [property@Tandem.ShadowingStatus:ride-along].
 *
 * Returns: whether the inside rep rode along
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (gboolean,
                      tandem_shadowing_status_get_ride_along,
                      TandemShadowingStatus,
                      TANDEM_IS_SHADOWING_STATUS,
                      ride_along,
                      FALSE)

/**
 * tandem_shadowing_status_get_ride_along_minutes:
 * @self: a `TandemShadowingStatus`
 *
 * Gets [property@Tandem.ShadowingStatus:ride-along-minutes].
 *
 * Returns: the minutes
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (guint,
                      tandem_shadowing_status_get_ride_along_minutes,
                      TandemShadowingStatus,
                      TANDEM_IS_SHADOWING_STATUS,
                      ride_along_minutes,
                      0)

/**
 * tandem_shadowing_status_get_sit_in:
 * @self: a `TandemShadowingStatus`
 *
 * Gets [property@Tandem.ShadowingStatus:sit-in].
 *
 * Returns: whether the field rep sat in
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (gboolean,
                      tandem_shadowing_status_get_sit_in,
                      TandemShadowingStatus,
                      TANDEM_IS_SHADOWING_STATUS,
                      sit_in,
                      FALSE)

/**
 * tandem_shadowing_status_get_sit_in_minutes:
 * @self: a `TandemShadowingStatus`
 *
 * Gets [property@Tandem.ShadowingStatus:sit-in-minutes].
 *
 * Returns: the minutes
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (guint,
                      tandem_shadowing_status_get_sit_in_minutes,
                      TandemShadowingStatus,
                      TANDEM_IS_SHADOWING_STATUS,
                      sit_in_minutes,
                      0)

/**
 * tandem_shadowing_status_get_complete:
 * @self: a `TandemShadowingStatus`
 *
 * Gets [property@Tandem.ShadowingStatus:complete].
 *
 * Returns: whether both directions are done
 *
 * Since: 1.0
 */
gboolean
tandem_shadowing_status_get_complete (TandemShadowingStatus *self)
{
  g_return_val_if_fail (TANDEM_IS_SHADOWING_STATUS (self), FALSE);
  return self->ride_along && self->sit_in;
}

/**
 * tandem_shadowing_status_log:
 * @self: a `TandemStore`
 * @account: the account (for a ride-along: the customer visited)
 * @guest: the rep who shadows
 * @host: the rep shadowed: the guest's partner in the account's tandem
 * @at: when
 * @minutes: how long, 1 to 1440
 * @note: (nullable): a note
 * @error: return location for a #GError
 *
 * Logs half a day of shadowing: a %TANDEM_ACTIVITY_KIND_SHADOWING activity
 * by @guest, with its host and duration, in one transaction. An inside
 * guest rides along to a customer visit; a field guest sits in the office.
 * The two must form the account's tandem at @at.
 *
 * Returns: (transfer full): the activity, or %NULL with an error
 *
 * Since: 1.0
 */
TandemActivity *
tandem_shadowing_status_log (TandemStore   *self,
                             TandemAccount *account,
                             TandemRep     *guest,
                             TandemRep     *host,
                             GDateTime     *at,
                             guint          minutes,
                             const char    *note,
                             GError       **error)
{
  g_autoptr (TandemActivity) draft = NULL;
  g_autoptr (TandemActivity) saved = NULL;
  g_autoptr (TandemMembership) members = NULL;
  TandemTeam           *team;
  TandemShadowingRecord record = { 0 };
  g_autoptr (TandemTransaction) tx = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (TANDEM_IS_ACCOUNT (account), NULL);
  g_return_val_if_fail (TANDEM_IS_REP (guest) && TANDEM_IS_REP (host), NULL);
  g_return_val_if_fail (at != NULL, NULL);

  if (minutes == 0 || minutes > 1440)
    {
      g_set_error (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_OUT_OF_RANGE,
                   _ ("Shadowing of %u minutes: must be between 1 and 1440"), minutes);
      return NULL;
    }

  team = tandem_account_get_team (account);
  if (team == NULL || (members = tandem_membership_load_at (self, team, at, error)) == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_MISSING_VALUE,
                     _ ("Account “%s” has no tandem"), tandem_account_get_name (account));
      return NULL;
    }
  if (!((tandem_membership_get_inside_rep (members) == guest
         && tandem_membership_get_field_rep (members) == host)
        || (tandem_membership_get_field_rep (members) == guest
            && tandem_membership_get_inside_rep (members) == host)))
    {
      g_set_error (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_VALUE,
                   _ ("%s and %s are not the tandem of “%s” at that time"),
                   tandem_rep_get_name (guest), tandem_rep_get_name (host),
                   tandem_account_get_name (account));
      return NULL;
    }

  draft = tandem_activity_new (account, guest, TANDEM_ACTIVITY_KIND_SHADOWING, NULL, at, error);
  if (draft == NULL)
    return NULL;
  tandem_activity_set_note (draft, note);

  tx = _tandem_transaction_new (self);
  if (!_tandem_transaction_begin (tx, error)
      || (saved = tandem_store_save_activity (self, draft, NULL, error)) == NULL)
    return NULL;
  record.activity_id = tandem_activity_get_id (saved);
  record.host_id = tandem_rep_get_id (host);
  record.minutes = minutes;
  if (!_tandem_db_insert_shadowing (_tandem_transaction_get_db (tx), &record, error))
    return NULL;
  {
    g_autofree char *what = g_strdup_printf (
        "activity #%" PRId64 ": rep #%" PRId64 " shadowed rep #%" PRId64 " for %" PRId64 " minutes",
        record.activity_id, tandem_rep_get_id (guest), record.host_id, record.minutes);

    if (!_tandem_transaction_commit_audited (tx, "shadowing log", what, error))
      return NULL;
  }
  return g_steal_pointer (&saved);
}

/**
 * tandem_shadowing_status_list:
 * @self: a `TandemStore`
 * @missing_only: whether to list only tandems still missing a direction
 * @error: return location for a #GError
 *
 * Tells, for every tandem that is not archived, whether its members have
 * shadowed each other in both directions and for how long. Shadowing
 * activities count by their rep's role: an inside rep's is a ride-along, a
 * field rep's a sit-in; their minutes come from
 * [func@Tandem.ShadowingStatus.log] (0 where they were logged without).
 *
 * Returns: (transfer full): a list model of [class@Tandem.ShadowingStatus], by tandem id
 *
 * Since: 1.0
 */
GListModel *
tandem_shadowing_status_list (TandemStore *self, gboolean missing_only, GError **error)
{
  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return tandem_shadowing_status_list_between (self, NULL, NULL, missing_only, error);
}

/**
 * tandem_shadowing_status_list_between:
 * @self: a `TandemStore`
 * @since: (nullable): count shadowing from this time on, or %NULL for any
 * @until: (nullable): count shadowing before this time, or %NULL for any
 * @missing_only: whether to list only tandems still missing a direction
 * @error: return location for a #GError
 *
 * Like [func@Tandem.ShadowingStatus.list], counting only the
 * shadowing done from @since (included) to @until (excluded): the yearly
 * round of the method is one calendar year.
 *
 * Returns: (transfer full): a list model of [class@Tandem.ShadowingStatus], by tandem id
 *
 * Since: 1.0
 */
GListModel *
tandem_shadowing_status_list_between (TandemStore *self,
                                      GDateTime   *since,
                                      GDateTime   *until,
                                      gboolean     missing_only,
                                      GError     **error)
{
  g_autoptr (GArray) records = NULL;
  g_autoptr (GHashTable) minutes = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr (GListModel) teams = NULL;
  g_autoptr (GListStore) result = g_list_store_new (TANDEM_TYPE_SHADOWING_STATUS);

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);

  {
    g_autoptr (TandemTransaction) tx = _tandem_transaction_new (self);

    records = _tandem_db_list_shadowing (_tandem_transaction_get_db (tx), error);
  }
  if (records == NULL)
    return NULL;
  for (guint i = 0; i < records->len; i++)
    {
      TandemShadowingRecord *r = &g_array_index (records, TandemShadowingRecord, i);
      g_hash_table_insert (minutes, &r->activity_id, r);
    }

  if ((teams = tandem_store_list_teams (self, error)) == NULL)
    return NULL;
  for (guint t = 0; t < g_list_model_get_n_items (teams); t++)
    {
      g_autoptr (TandemTeam) team = g_list_model_get_item (teams, t);
      g_autoptr (TandemActivityFilter) filter = NULL;
      g_autoptr (GListModel) shadowing = NULL;
      g_autoptr (TandemShadowingStatus) status = NULL;

      if (tandem_team_get_archived (team))
        continue;

      filter = tandem_activity_filter_new ();
      tandem_activity_filter_set_team (filter, team);
      tandem_activity_filter_set_kind (filter, TANDEM_ACTIVITY_KIND_SHADOWING);
      tandem_activity_filter_set_range (filter, since, until);
      shadowing = tandem_store_query_activities (self, filter, error);
      if (shadowing == NULL)
        return NULL;

      status = g_object_new (TANDEM_TYPE_SHADOWING_STATUS, NULL);
      status->team = g_object_ref (team);
      for (guint i = 0; i < g_list_model_get_n_items (shadowing); i++)
        {
          g_autoptr (TandemActivity) a = g_list_model_get_item (shadowing, i);
          gint64                 id;
          TandemShadowingRecord *r;
          guint                  m;

          if (a == NULL)
            break; /* the list reports why, below */
          id = tandem_activity_get_id (a);
          r = g_hash_table_lookup (minutes, &id);
          m = r ? (guint)r->minutes : 0;
          if (tandem_rep_get_role (tandem_activity_get_rep (a)) == TANDEM_ROLE_INSIDE)
            {
              status->ride_along = TRUE;
              status->ride_along_minutes += m;
            }
          else if (tandem_rep_get_role (tandem_activity_get_rep (a)) == TANDEM_ROLE_FIELD)
            {
              status->sit_in = TRUE;
              status->sit_in_minutes += m;
            }
        }
      if (!tandem_activity_list_check (TANDEM_ACTIVITY_LIST (shadowing), error))
        return NULL;

      if (!missing_only || !(status->ride_along && status->sit_in))
        g_list_store_append (result, status);
    }

  return G_LIST_MODEL (g_steal_pointer (&result));
}
