/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-team.c: a tandem of one inside and one field rep */

#include "config.h"

#include "tandem-record-private.h"

#include "tandem-i18n-private.h"

#include "tandem-team.h"
#include "tandem-model-private.h"
#include "tandem-util-private.h"

/**
 * TandemTeam:
 *
 * A tandem: one inside-sales rep and one field-sales rep who work as
 * equals on a shared set of accounts.
 *
 * The inside rep must have [enum@Tandem.Role] %TANDEM_ROLE_INSIDE and the
 * field rep %TANDEM_ROLE_FIELD. [property@Tandem.Team:inside-share] is the
 * part of the tandem's commission that goes to the inside rep, in basis
 * points (4000 = 40%); the field rep gets the rest. A tandem without a
 * share of its own (%TANDEM_INSIDE_SHARE_UNSET) follows its compensation
 * plan's default.
 *
 * Since: 1.0
 */
struct _TandemTeam
{
  GObject parent_instance;

  gint64       id;
  char        *name;
  TandemRep   *inside_rep;
  TandemRep   *field_rep;
  TandemMoney *target;
  int          inside_share;
  gboolean     archived;
};

enum
{
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_INSIDE_REP,
  PROP_FIELD_REP,
  PROP_INSIDE_SHARE,
  PROP_TARGET,
  PROP_ARCHIVED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (TandemTeam, tandem_team, G_TYPE_OBJECT)

/* The property's setter: the pspec's range already holds the value within
 * -1..10000, so no error can arise. */
static void
set_inside_share (TandemTeam *self, int share)
{
  tandem_team_set_inside_share (self, share, NULL);
}

static gboolean
check_member (TandemRep *rep, TandemRole expected, GError **error)
{
  if (rep == NULL)
    {
      g_set_error (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_MISSING_VALUE,
                   expected == TANDEM_ROLE_INSIDE ? _ ("A tandem needs an inside rep")
                                                  : _ ("A tandem needs a field rep"));
      return FALSE;
    }

  if (tandem_rep_get_role (rep) != expected)
    {
      g_set_error (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_ROLE,
                   expected == TANDEM_ROLE_INSIDE
                       ? _ ("Rep “%s” cannot be a tandem’s inside rep: role is %s, not inside")
                       : _ ("Rep “%s” cannot be a tandem’s field rep: role is %s, not field"),
                   tandem_rep_get_name (rep), tandem_role_to_nick (tandem_rep_get_role (rep)));
      return FALSE;
    }

  return TRUE;
}

static const TandemField fields[] = {
  /**
   * TandemTeam:id:
   *
   * The store's id of the tandem, or 0 for one not yet saved.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_INT64 (TandemTeam, id, "id", 0, G_MAXINT64, 0, TANDEM_FIELD_CONSTRUCT),
  /**
   * TandemTeam:name:
   *
   * The tandem's name, such as "Nord".
   *
   * Since: 1.0
   */
  TANDEM_FIELD_STRING (TandemTeam, name, "name", TANDEM_FIELD_WRITABLE (tandem_team_set_name)),
  /**
   * TandemTeam:inside-rep:
   *
   * The inside-sales member (role %TANDEM_ROLE_INSIDE). Set both members
   * with [method@Tandem.Team.set_members], which checks the roles.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_OBJECT (TandemTeam,
                       inside_rep,
                       "inside-rep",
                       tandem_rep_get_type,
                       TANDEM_FIELD_NOTIFY),
  /**
   * TandemTeam:field-rep:
   *
   * The field-sales member (role %TANDEM_ROLE_FIELD).
   *
   * Since: 1.0
   */
  TANDEM_FIELD_OBJECT (TandemTeam,
                       field_rep,
                       "field-rep",
                       tandem_rep_get_type,
                       TANDEM_FIELD_NOTIFY),
  /**
   * TandemTeam:inside-share:
   *
   * The inside rep's share of the tandem's commission in basis points
   * (0–10000); the field rep gets the rest. %TANDEM_INSIDE_SHARE_UNSET
   * (-1) means the plan's default applies.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_INT (TandemTeam,
                    inside_share,
                    "inside-share",
                    TANDEM_INSIDE_SHARE_UNSET,
                    10000,
                    TANDEM_INSIDE_SHARE_UNSET,
                    TANDEM_FIELD_WRITABLE (set_inside_share)),
  /**
   * TandemTeam:target:
   *
   * The tandem's revenue target per settlement period, or %NULL for none
   * (a tandem without a target earns no team bonus).
   *
   * Since: 1.0
   */
  TANDEM_FIELD_BOXED (TandemTeam,
                      target,
                      "target",
                      tandem_money_get_type,
                      TANDEM_FIELD_WRITABLE (tandem_team_set_target)),
  /**
   * TandemTeam:archived:
   *
   * Whether the tandem has been dissolved and is kept only for history.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_BOOLEAN (TandemTeam,
                        archived,
                        "archived",
                        FALSE,
                        TANDEM_FIELD_WRITABLE (_tandem_team_set_archived)),
};

static void
tandem_team_class_init (TandemTeamClass *klass)
{
  _tandem_record_class_init (G_OBJECT_CLASS (klass), fields, G_N_ELEMENTS (fields),
                             G_PARAM_READABLE, properties);
}

static void
tandem_team_init (TandemTeam *self)
{
  self->inside_share = TANDEM_INSIDE_SHARE_UNSET;
}

TANDEM_DEFINE_SETTER (_tandem_team_set_archived,
                      TandemTeam,
                      TANDEM_IS_TEAM,
                      gboolean,
                      PROP_ARCHIVED)

/**
 * tandem_team_new:
 * @name: (nullable): the tandem's name; %NULL names it after its members
 * @inside_rep: the inside-sales rep
 * @field_rep: the field-sales rep
 * @error: return location for a #GError
 *
 * Creates a tandem that is not yet stored.
 *
 * Returns: (transfer full): a new `TandemTeam`, or %NULL with
 *   %TANDEM_VALIDATION_ERROR_INVALID_ROLE if a rep has the wrong role
 *
 * Since: 1.0
 */
TandemTeam *
tandem_team_new (const char *name, TandemRep *inside_rep, TandemRep *field_rep, GError **error)
{
  g_autofree char *default_name = NULL;

  g_return_val_if_fail (TANDEM_IS_REP (inside_rep), NULL);
  g_return_val_if_fail (TANDEM_IS_REP (field_rep), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_member (inside_rep, TANDEM_ROLE_INSIDE, error)
      || !check_member (field_rep, TANDEM_ROLE_FIELD, error))
    return NULL;

  if (name == NULL)
    name = default_name = g_strdup_printf ("%s & %s", tandem_rep_get_name (inside_rep),
                                           tandem_rep_get_name (field_rep));

  return g_object_new (TANDEM_TYPE_TEAM, "name", name, "inside-rep", inside_rep, "field-rep",
                       field_rep, NULL);
}

/**
 * tandem_team_get_id:
 * @self: a `TandemTeam`
 *
 * Gets [property@Tandem.Team:id].
 *
 * Returns: the id, or 0 if not stored
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (gint64, tandem_team_get_id, TandemTeam, TANDEM_IS_TEAM, id, 0)

/**
 * tandem_team_get_name:
 * @self: a `TandemTeam`
 *
 * Gets [property@Tandem.Team:name].
 *
 * Returns: (transfer none) (nullable): the name
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (const char *, tandem_team_get_name, TandemTeam, TANDEM_IS_TEAM, name, NULL)

/**
 * tandem_team_set_name:
 * @self: a `TandemTeam`
 * @name: (nullable): the new name
 *
 * Sets [property@Tandem.Team:name].
 *
 * Since: 1.0
 */
TANDEM_DEFINE_SETTER (tandem_team_set_name, TandemTeam, TANDEM_IS_TEAM, const char *, PROP_NAME)

/**
 * tandem_team_get_inside_rep:
 * @self: a `TandemTeam`
 *
 * Gets [property@Tandem.Team:inside-rep].
 *
 * Returns: (transfer none) (nullable): the inside rep
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemRep *,
                      tandem_team_get_inside_rep,
                      TandemTeam,
                      TANDEM_IS_TEAM,
                      inside_rep,
                      NULL)

/**
 * tandem_team_get_field_rep:
 * @self: a `TandemTeam`
 *
 * Gets [property@Tandem.Team:field-rep].
 *
 * Returns: (transfer none) (nullable): the field rep
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemRep *,
                      tandem_team_get_field_rep,
                      TandemTeam,
                      TANDEM_IS_TEAM,
                      field_rep,
                      NULL)

/**
 * tandem_team_set_members:
 * @self: a `TandemTeam`
 * @inside_rep: the new inside rep
 * @field_rep: the new field rep
 * @error: return location for a #GError
 *
 * Replaces both members after checking their roles; on error nothing
 * changes. A stored tandem keeps its membership history in the store: use
 * [method@Tandem.Store.change_team_members] there.
 *
 * Returns: %TRUE on success, %FALSE with %TANDEM_VALIDATION_ERROR_INVALID_ROLE
 *
 * Since: 1.0
 */
gboolean
tandem_team_set_members (TandemTeam *self,
                         TandemRep  *inside_rep,
                         TandemRep  *field_rep,
                         GError    **error)
{
  g_return_val_if_fail (TANDEM_IS_TEAM (self), FALSE);
  g_return_val_if_fail (TANDEM_IS_REP (inside_rep), FALSE);
  g_return_val_if_fail (TANDEM_IS_REP (field_rep), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_member (inside_rep, TANDEM_ROLE_INSIDE, error)
      || !check_member (field_rep, TANDEM_ROLE_FIELD, error))
    return FALSE;

  g_object_freeze_notify (G_OBJECT (self));
  if (g_set_object (&self->inside_rep, inside_rep))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INSIDE_REP]);
  if (g_set_object (&self->field_rep, field_rep))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIELD_REP]);
  g_object_thaw_notify (G_OBJECT (self));

  return TRUE;
}

/**
 * tandem_team_get_inside_share:
 * @self: a `TandemTeam`
 *
 * Gets [property@Tandem.Team:inside-share].
 *
 * Returns: the inside share in basis points, or %TANDEM_INSIDE_SHARE_UNSET
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (int,
                      tandem_team_get_inside_share,
                      TandemTeam,
                      TANDEM_IS_TEAM,
                      inside_share,
                      TANDEM_INSIDE_SHARE_UNSET)

/**
 * tandem_team_set_inside_share:
 * @self: a `TandemTeam`
 * @basis_points: 0–10000, or %TANDEM_INSIDE_SHARE_UNSET to follow the plan
 * @error: return location for a #GError
 *
 * Sets [property@Tandem.Team:inside-share].
 *
 * Returns: %TRUE on success, %FALSE with %TANDEM_VALIDATION_ERROR_OUT_OF_RANGE
 *
 * Since: 1.0
 */
gboolean
tandem_team_set_inside_share (TandemTeam *self, int basis_points, GError **error)
{
  g_return_val_if_fail (TANDEM_IS_TEAM (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (basis_points != TANDEM_INSIDE_SHARE_UNSET && (basis_points < 0 || basis_points > 10000))
    {
      g_set_error (
          error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_OUT_OF_RANGE,
          _ ("Inside share %d bp is out of range: must be between 0 and 10000 basis points"),
          basis_points);
      return FALSE;
    }

  if (self->inside_share != basis_points)
    {
      self->inside_share = basis_points;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INSIDE_SHARE]);
    }

  return TRUE;
}

/**
 * tandem_team_get_target:
 * @self: a `TandemTeam`
 *
 * Gets [property@Tandem.Team:target].
 *
 * Returns: (transfer none) (nullable): the target per period
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemMoney *,
                      tandem_team_get_target,
                      TandemTeam,
                      TANDEM_IS_TEAM,
                      target,
                      NULL)

/**
 * tandem_team_set_target:
 * @self: a `TandemTeam`
 * @target: (nullable): the revenue target per period, or %NULL for none
 *
 * Sets [property@Tandem.Team:target].
 *
 * Since: 1.0
 */
void
tandem_team_set_target (TandemTeam *self, TandemMoney *target)
{
  g_return_if_fail (TANDEM_IS_TEAM (self));

  if (self->target == target
      || (self->target != NULL && target != NULL && tandem_money_equal (self->target, target)))
    return;

  g_clear_pointer (&self->target, tandem_money_unref);
  if (target != NULL)
    self->target = tandem_money_ref (target);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TARGET]);
}

/**
 * tandem_team_get_archived:
 * @self: a `TandemTeam`
 *
 * Gets [property@Tandem.Team:archived].
 *
 * Returns: whether the tandem is archived
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (gboolean,
                      tandem_team_get_archived,
                      TandemTeam,
                      TANDEM_IS_TEAM,
                      archived,
                      FALSE)

/**
 * tandem_team_validate:
 * @self: a `TandemTeam`
 * @error: return location for a #GError
 *
 * Checks that the tandem can be saved: a non-empty name, an inside rep with
 * role inside, a field rep with role field, a share within range and a
 * target that is not negative.
 *
 * Returns: %TRUE if valid, %FALSE with a %TANDEM_VALIDATION_ERROR
 *
 * Since: 1.0
 */
gboolean
tandem_team_validate (TandemTeam *self, GError **error)
{
  g_return_val_if_fail (TANDEM_IS_TEAM (self), FALSE);

  if (!_tandem_check_name (_ ("tandem"), self->name, error)
      || !check_member (self->inside_rep, TANDEM_ROLE_INSIDE, error)
      || !check_member (self->field_rep, TANDEM_ROLE_FIELD, error))
    return FALSE;

  if (self->target != NULL && tandem_money_is_negative (self->target))
    {
      g_autofree char *text = tandem_money_to_string (self->target);

      g_set_error (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_AMOUNT,
                   _ ("Target %s of tandem “%s” is negative"), text, self->name);
      return FALSE;
    }

  return TRUE;
}
