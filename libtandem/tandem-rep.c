/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-rep.c: a sales representative */

#include "config.h"

#include "tandem-record-private.h"

#include <string.h>

#include "tandem-i18n-private.h"

#include "tandem-rep.h"
#include "tandem-enum-types.h"
#include "tandem-model-private.h"
#include "tandem-util-private.h"

/**
 * TandemRep:
 *
 * A sales representative: inside sales, field sales, or the sales manager
 * who composes the tandems.
 *
 * A rep created with [ctor@Tandem.Rep.new] has [property@Tandem.Rep:id] 0
 * until a [class@Tandem.Store] saves it; reps loaded from a store carry
 * their id.
 *
 * Since: 1.0
 */
struct _TandemRep
{
  GObject parent_instance;

  gint64     id;
  char      *name;
  TandemRole role;
  char      *personnel_number;
  gboolean   archived;
};

enum
{
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_ROLE,
  PROP_ARCHIVED,
  PROP_PERSONNEL_NUMBER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (TandemRep, tandem_rep, G_TYPE_OBJECT)

static const TandemField fields[] = {
  /**
   * TandemRep:id:
   *
   * The store's id of the rep, or 0 for a rep not yet saved.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_INT64 (TandemRep, id, "id", 0, G_MAXINT64, 0, TANDEM_FIELD_CONSTRUCT),
  /**
   * TandemRep:name:
   *
   * The rep's full name.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_STRING (TandemRep, name, "name", TANDEM_FIELD_WRITABLE (tandem_rep_set_name)),
  /**
   * TandemRep:role:
   *
   * Whether the rep works inside, in the field, or manages.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_ENUM (TandemRep,
                     role,
                     "role",
                     tandem_role_get_type,
                     TANDEM_ROLE_INSIDE,
                     TANDEM_FIELD_WRITABLE (tandem_rep_set_role)),
  /**
   * TandemRep:archived:
   *
   * Whether the rep has been archived: kept for history, no longer active.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_BOOLEAN (TandemRep,
                        archived,
                        "archived",
                        FALSE,
                        TANDEM_FIELD_WRITABLE (_tandem_rep_set_archived)),
  /**
   * TandemRep:personnel-number:
   *
   * The rep's personnel number in payroll (DATEV's PNR), 1 to 10 digits,
   * or %NULL while none is known. The payroll export needs it.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_STRING (TandemRep,
                       personnel_number,
                       "personnel-number",
                       TANDEM_FIELD_WRITABLE (tandem_rep_set_personnel_number)),
};

static void
tandem_rep_class_init (TandemRepClass *klass)
{
  _tandem_record_class_init (G_OBJECT_CLASS (klass), fields, G_N_ELEMENTS (fields),
                             G_PARAM_READABLE, properties);
}

static void
tandem_rep_init (TandemRep *self)
{
  self->role = TANDEM_ROLE_INSIDE;
}

TANDEM_DEFINE_SETTER (_tandem_rep_set_archived, TandemRep, TANDEM_IS_REP, gboolean, PROP_ARCHIVED)

/**
 * tandem_rep_new:
 * @name: the rep's full name
 * @role: the rep's role
 *
 * Creates a rep that is not yet stored. See [method@Tandem.Rep.validate]
 * for the rules a rep must meet before it is saved.
 *
 * Returns: (transfer full): a new `TandemRep`
 *
 * Since: 1.0
 */
TandemRep *
tandem_rep_new (const char *name, TandemRole role)
{
  return g_object_new (TANDEM_TYPE_REP, "name", name, "role", role, NULL);
}

/**
 * tandem_rep_get_id:
 * @self: a `TandemRep`
 *
 * Gets [property@Tandem.Rep:id].
 *
 * Returns: the id, or 0 if not stored
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (gint64, tandem_rep_get_id, TandemRep, TANDEM_IS_REP, id, 0)

/**
 * tandem_rep_get_name:
 * @self: a `TandemRep`
 *
 * Gets [property@Tandem.Rep:name].
 *
 * Returns: (transfer none) (nullable): the name
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (const char *, tandem_rep_get_name, TandemRep, TANDEM_IS_REP, name, NULL)

/**
 * tandem_rep_set_name:
 * @self: a `TandemRep`
 * @name: (nullable): the new name
 *
 * Sets [property@Tandem.Rep:name].
 *
 * Since: 1.0
 */
TANDEM_DEFINE_SETTER (tandem_rep_set_name, TandemRep, TANDEM_IS_REP, const char *, PROP_NAME)

/**
 * tandem_rep_get_role:
 * @self: a `TandemRep`
 *
 * Gets [property@Tandem.Rep:role].
 *
 * Returns: the role
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemRole,
                      tandem_rep_get_role,
                      TandemRep,
                      TANDEM_IS_REP,
                      role,
                      TANDEM_ROLE_INSIDE)

/**
 * tandem_rep_set_role:
 * @self: a `TandemRep`
 * @role: the new role
 *
 * Sets [property@Tandem.Rep:role].
 *
 * Since: 1.0
 */
TANDEM_DEFINE_SETTER (tandem_rep_set_role, TandemRep, TANDEM_IS_REP, TandemRole, PROP_ROLE)

/**
 * tandem_rep_get_archived:
 * @self: a `TandemRep`
 *
 * Gets [property@Tandem.Rep:archived].
 *
 * Returns: whether the rep is archived
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (gboolean, tandem_rep_get_archived, TandemRep, TANDEM_IS_REP, archived, FALSE)

/**
 * tandem_rep_validate:
 * @self: a `TandemRep`
 * @error: return location for a #GError
 *
 * Checks that the rep can be saved: its name is non-empty valid UTF-8 and
 * its role is a [enum@Tandem.Role] value.
 *
 * Returns: %TRUE if valid, %FALSE with a %TANDEM_VALIDATION_ERROR
 *
 * Since: 1.0
 */
gboolean
tandem_rep_validate (TandemRep *self, GError **error)
{
  g_return_val_if_fail (TANDEM_IS_REP (self), FALSE);

  if (!_tandem_check_name (_ ("rep"), self->name, error))
    return FALSE;

  if (self->personnel_number != NULL)
    {
      gsize n = strlen (self->personnel_number);
      gsize digits = strspn (self->personnel_number, "0123456789");

      if (n == 0 || n > 10 || digits != n)
        {
          g_set_error (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_VALUE,
                       _ ("Personnel number “%s” of rep “%s”: expected 1 to 10 digits"),
                       self->personnel_number, self->name);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * tandem_rep_get_personnel_number:
 * @self: a `TandemRep`
 *
 * Gets [property@Tandem.Rep:personnel-number].
 *
 * Returns: (transfer none) (nullable): the personnel number
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (const char *,
                      tandem_rep_get_personnel_number,
                      TandemRep,
                      TANDEM_IS_REP,
                      personnel_number,
                      NULL)

/**
 * tandem_rep_set_personnel_number:
 * @self: a `TandemRep`
 * @number: (nullable): the personnel number, or %NULL for none
 *
 * Sets [property@Tandem.Rep:personnel-number]; store it with
 * [method@Tandem.Store.update_rep].
 *
 * Since: 1.0
 */
TANDEM_DEFINE_SETTER (tandem_rep_set_personnel_number,
                      TandemRep,
                      TANDEM_IS_REP,
                      const char *,
                      PROP_PERSONNEL_NUMBER)
