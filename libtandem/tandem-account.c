/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-account.c: a customer account shared by a tandem */

#include "config.h"

#include "tandem-record-private.h"

#include "tandem-i18n-private.h"
#include <string.h>

#include "tandem-account.h"
#include "tandem-enum-types.h"
#include "tandem-model-private.h"
#include "tandem-util-private.h"

/**
 * TandemAccount:
 *
 * A customer account, shared by the two reps of a [class@Tandem.Team].
 *
 * Accounts move from %TANDEM_ACCOUNT_STAGE_PROSPECT to
 * %TANDEM_ACCOUNT_STAGE_CUSTOMER to %TANDEM_ACCOUNT_STAGE_REGULAR (or
 * %TANDEM_ACCOUNT_STAGE_LOST), are categorised A/B/C/D, and may have been
 * referred by another account.
 *
 * Since: 1.0
 */
struct _TandemAccount
{
  GObject parent_instance;

  gint64             id;
  char              *name;
  TandemTeam        *team;
  TandemAccount     *referred_by;
  char              *number;
  TandemCategory     category;
  TandemAccountStage stage;
  gboolean           archived;
};

enum
{
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_TEAM,
  PROP_CATEGORY,
  PROP_STAGE,
  PROP_REFERRED_BY,
  PROP_ARCHIVED,
  PROP_NUMBER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (TandemAccount, tandem_account, G_TYPE_OBJECT)

/* The property's setter: a property cannot fail, so a referrer that would
 * close a circle is refused with a warning. */
static void
set_referred_by (TandemAccount *self, TandemAccount *referrer)
{
  g_autoptr (GError) error = NULL;

  if (!tandem_account_set_referred_by (self, referrer, &error))
    g_warning ("%s", error->message);
}

static const TandemField fields[] = {
  /**
   * TandemAccount:id:
   *
   * The store's id of the account, or 0 for one not yet saved.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_INT64 (TandemAccount, id, "id", 0, G_MAXINT64, 0, TANDEM_FIELD_CONSTRUCT),
  /**
   * TandemAccount:name:
   *
   * The customer's name, such as "Ölmühle Größe & Söhne GmbH".
   *
   * Since: 1.0
   */
  TANDEM_FIELD_STRING (TandemAccount,
                       name,
                       "name",
                       TANDEM_FIELD_WRITABLE (tandem_account_set_name)),
  /**
   * TandemAccount:team:
   *
   * The tandem that owns the account, or %NULL if unassigned.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_OBJECT (TandemAccount,
                       team,
                       "team",
                       tandem_team_get_type,
                       TANDEM_FIELD_WRITABLE (tandem_account_set_team)),
  /**
   * TandemAccount:category:
   *
   * The A/B/C/D category; new accounts are C until classified.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_ENUM (TandemAccount,
                     category,
                     "category",
                     tandem_category_get_type,
                     TANDEM_CATEGORY_C,
                     TANDEM_FIELD_WRITABLE (tandem_account_set_category)),
  /**
   * TandemAccount:stage:
   *
   * Where the account stands: prospect, customer, regular or lost.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_ENUM (TandemAccount,
                     stage,
                     "stage",
                     tandem_account_stage_get_type,
                     TANDEM_ACCOUNT_STAGE_PROSPECT,
                     TANDEM_FIELD_WRITABLE (tandem_account_set_stage)),
  /**
   * TandemAccount:referred-by:
   *
   * The account whose referral brought this one, or %NULL.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_OBJECT (TandemAccount,
                       referred_by,
                       "referred-by",
                       tandem_account_get_type,
                       TANDEM_FIELD_WRITABLE (set_referred_by)),
  /**
   * TandemAccount:archived:
   *
   * Whether the account has been archived (for example a D account after
   * the yearly clean-up); its history is kept.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_BOOLEAN (TandemAccount,
                        archived,
                        "archived",
                        FALSE,
                        TANDEM_FIELD_WRITABLE (_tandem_account_set_archived)),
  /**
   * TandemAccount:number:
   *
   * The customer number the ERP and invoices use, such as "K-1001", or
   * %NULL for none. Unique in a store where given; an import may name
   * the account by it (the column `account_number`).
   *
   * Since: 1.0
   */
  TANDEM_FIELD_STRING (TandemAccount,
                       number,
                       "number",
                       TANDEM_FIELD_WRITABLE (tandem_account_set_number)),
};

static void
tandem_account_class_init (TandemAccountClass *klass)
{
  _tandem_record_class_init (G_OBJECT_CLASS (klass), fields, G_N_ELEMENTS (fields),
                             G_PARAM_READABLE, properties);
}

static void
tandem_account_init (TandemAccount *self)
{
  self->category = TANDEM_CATEGORY_C;
  self->stage = TANDEM_ACCOUNT_STAGE_PROSPECT;
}

TANDEM_DEFINE_SETTER (_tandem_account_set_archived,
                      TandemAccount,
                      TANDEM_IS_ACCOUNT,
                      gboolean,
                      PROP_ARCHIVED)

/**
 * tandem_account_new:
 * @name: the customer's name
 * @team: (nullable): the owning tandem
 *
 * Creates an account that is not yet stored: a C prospect.
 *
 * Returns: (transfer full): a new `TandemAccount`
 *
 * Since: 1.0
 */
TandemAccount *
tandem_account_new (const char *name, TandemTeam *team)
{
  g_return_val_if_fail (team == NULL || TANDEM_IS_TEAM (team), NULL);

  return g_object_new (TANDEM_TYPE_ACCOUNT, "name", name, "team", team, NULL);
}

/**
 * tandem_account_get_id:
 * @self: a `TandemAccount`
 *
 * Gets [property@Tandem.Account:id].
 *
 * Returns: the id, or 0 if not stored
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (gint64, tandem_account_get_id, TandemAccount, TANDEM_IS_ACCOUNT, id, 0)

/**
 * tandem_account_get_name:
 * @self: a `TandemAccount`
 *
 * Gets [property@Tandem.Account:name].
 *
 * Returns: (transfer none) (nullable): the name
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (const char *,
                      tandem_account_get_name,
                      TandemAccount,
                      TANDEM_IS_ACCOUNT,
                      name,
                      NULL)

/**
 * tandem_account_set_name:
 * @self: a `TandemAccount`
 * @name: (nullable): the new name
 *
 * Sets [property@Tandem.Account:name].
 *
 * Since: 1.0
 */
TANDEM_DEFINE_SETTER (tandem_account_set_name,
                      TandemAccount,
                      TANDEM_IS_ACCOUNT,
                      const char *,
                      PROP_NAME)

/**
 * tandem_account_get_team:
 * @self: a `TandemAccount`
 *
 * Gets [property@Tandem.Account:team].
 *
 * Returns: (transfer none) (nullable): the owning tandem
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemTeam *,
                      tandem_account_get_team,
                      TandemAccount,
                      TANDEM_IS_ACCOUNT,
                      team,
                      NULL)

/**
 * tandem_account_set_team:
 * @self: a `TandemAccount`
 * @team: (nullable): the new owning tandem
 *
 * Sets [property@Tandem.Account:team].
 *
 * Since: 1.0
 */
void
tandem_account_set_team (TandemAccount *self, TandemTeam *team)
{
  g_return_if_fail (TANDEM_IS_ACCOUNT (self));
  g_return_if_fail (team == NULL || TANDEM_IS_TEAM (team));

  if (g_set_object (&self->team, team))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEAM]);
}

/**
 * tandem_account_get_category:
 * @self: a `TandemAccount`
 *
 * Gets [property@Tandem.Account:category].
 *
 * Returns: the category
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemCategory,
                      tandem_account_get_category,
                      TandemAccount,
                      TANDEM_IS_ACCOUNT,
                      category,
                      TANDEM_CATEGORY_C)

/**
 * tandem_account_set_category:
 * @self: a `TandemAccount`
 * @category: the new category
 *
 * Sets [property@Tandem.Account:category].
 *
 * Since: 1.0
 */
TANDEM_DEFINE_SETTER (tandem_account_set_category,
                      TandemAccount,
                      TANDEM_IS_ACCOUNT,
                      TandemCategory,
                      PROP_CATEGORY)

/**
 * tandem_account_get_stage:
 * @self: a `TandemAccount`
 *
 * Gets [property@Tandem.Account:stage].
 *
 * Returns: the stage
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemAccountStage,
                      tandem_account_get_stage,
                      TandemAccount,
                      TANDEM_IS_ACCOUNT,
                      stage,
                      TANDEM_ACCOUNT_STAGE_PROSPECT)

/**
 * tandem_account_set_stage:
 * @self: a `TandemAccount`
 * @stage: the new stage
 *
 * Sets [property@Tandem.Account:stage] on this object. A stored account's
 * stage history lives in the store: use [method@Tandem.Store.set_account_stage].
 *
 * Since: 1.0
 */
TANDEM_DEFINE_SETTER (tandem_account_set_stage,
                      TandemAccount,
                      TANDEM_IS_ACCOUNT,
                      TandemAccountStage,
                      PROP_STAGE)

/**
 * tandem_account_get_referred_by:
 * @self: a `TandemAccount`
 *
 * Gets [property@Tandem.Account:referred-by].
 *
 * Returns: (transfer none) (nullable): the referring account
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemAccount *,
                      tandem_account_get_referred_by,
                      TandemAccount,
                      TANDEM_IS_ACCOUNT,
                      referred_by,
                      NULL)

/**
 * tandem_account_set_referred_by:
 * @self: a `TandemAccount`
 * @referrer: (nullable): the referring account, or %NULL
 * @error: return location for a #GError
 *
 * Sets [property@Tandem.Account:referred-by]. An account cannot refer
 * itself, directly or through a chain of referrals.
 *
 * Returns: %TRUE on success, %FALSE with %TANDEM_VALIDATION_ERROR_INVALID_VALUE
 *
 * Since: 1.0
 */
gboolean
tandem_account_set_referred_by (TandemAccount *self, TandemAccount *referrer, GError **error)
{
  g_return_val_if_fail (TANDEM_IS_ACCOUNT (self), FALSE);
  g_return_val_if_fail (referrer == NULL || TANDEM_IS_ACCOUNT (referrer), FALSE);

  for (TandemAccount *a = referrer; a != NULL; a = a->referred_by)
    if (a == self)
      {
        g_set_error (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_VALUE,
                     _ ("Account “%s” cannot be referred by itself"), self->name);
        return FALSE;
      }

  if (g_set_object (&self->referred_by, referrer))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFERRED_BY]);

  return TRUE;
}

/**
 * tandem_account_get_archived:
 * @self: a `TandemAccount`
 *
 * Gets [property@Tandem.Account:archived].
 *
 * Returns: whether the account is archived
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (gboolean,
                      tandem_account_get_archived,
                      TandemAccount,
                      TANDEM_IS_ACCOUNT,
                      archived,
                      FALSE)

/**
 * tandem_account_validate:
 * @self: a `TandemAccount`
 * @error: return location for a #GError
 *
 * Checks that the account can be saved: a non-empty UTF-8 name.
 *
 * Returns: %TRUE if valid, %FALSE with a %TANDEM_VALIDATION_ERROR
 *
 * Since: 1.0
 */
gboolean
tandem_account_validate (TandemAccount *self, GError **error)
{
  g_return_val_if_fail (TANDEM_IS_ACCOUNT (self), FALSE);

  if (!_tandem_check_name (_ ("account"), self->name, error))
    return FALSE;
  if (self->number != NULL)
    {
      if (!_tandem_check_text (_ ("customer number"), self->number, FALSE, error))
        return FALSE;
      if (self->number[0] == '\0' || strlen (self->number) > 64
          || g_unichar_isspace (g_utf8_get_char (self->number))
          || g_unichar_isspace (g_utf8_get_char (
              g_utf8_find_prev_char (self->number, self->number + strlen (self->number)))))
        {
          g_set_error (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_VALUE,
                       _ ("customer number: “%s” of account “%s” must be 1 to 64 characters "
                          "without spaces at either end"),
                       self->number, self->name);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * tandem_account_get_number:
 * @self: a `TandemAccount`
 *
 * Gets [property@Tandem.Account:number].
 *
 * Returns: (transfer none) (nullable): the customer number
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (const char *,
                      tandem_account_get_number,
                      TandemAccount,
                      TANDEM_IS_ACCOUNT,
                      number,
                      NULL)

/**
 * tandem_account_set_number:
 * @self: a `TandemAccount`
 * @number: (nullable): the customer number, or %NULL for none
 *
 * Sets [property@Tandem.Account:number]; store it with
 * [method@Tandem.Store.update_account].
 *
 * Since: 1.0
 */
TANDEM_DEFINE_SETTER (tandem_account_set_number,
                      TandemAccount,
                      TANDEM_IS_ACCOUNT,
                      const char *,
                      PROP_NUMBER)
