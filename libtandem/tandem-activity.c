/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-activity.c: something a rep did for an account */

#include "config.h"

#include "tandem-record-private.h"

#include <inttypes.h>

#include "tandem-i18n-private.h"

#include "tandem-activity.h"
#include "tandem-activity-private.h"
#include "tandem-enum-types.h"
#include "tandem-model-private.h"
#include "tandem-util-private.h"

/**
 * TandemActivity:
 *
 * Something a rep did for an account: a call, a visit, an order, a
 * cross-sell, a referral collected, half a day of shadowing, a support
 * request, or the reversal of an earlier order.
 *
 * Activities are facts: what happened, for which account, by whom, when
 * and for how much is fixed when the activity is created. A mistake is
 * corrected by a %TANDEM_ACTIVITY_KIND_REVERSAL that names the activity
 * it takes back (see [ctor@Tandem.Activity.new_reversal]).
 *
 * Orders, cross-sells and up-sells carry a non-negative amount; other
 * kinds may carry one (an offer's value) or none.
 *
 * Since: 1.0
 */
struct _TandemActivity
{
  GObject parent_instance;

  gint64             id;
  TandemAccount     *account;
  TandemRep         *rep;
  TandemMoney       *amount;
  GDateTime         *occurred_at;
  TandemActivity    *reverses;
  TandemActivity    *pays;
  char              *external_ref;
  char              *note;
  char              *product;
  char              *category;
  TandemMoney       *cost;
  guint              quantity;
  TandemActivityKind kind;
};

enum
{
  PROP_0,
  PROP_ID,
  PROP_ACCOUNT,
  PROP_REP,
  PROP_KIND,
  PROP_AMOUNT,
  PROP_OCCURRED_AT,
  PROP_EXTERNAL_REF,
  PROP_REVERSES,
  PROP_PAYS,
  PROP_NOTE,
  PROP_PRODUCT,
  PROP_CATEGORY,
  PROP_QUANTITY,
  PROP_COST,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (TandemActivity, tandem_activity, G_TYPE_OBJECT)

static const TandemField fields[] = {
  /**
   * TandemActivity:id:
   *
   * The store's id of the activity, or 0 for one not yet saved.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_INT64 (TandemActivity, id, "id", 0, G_MAXINT64, 0, TANDEM_FIELD_CONSTRUCT),
  /**
   * TandemActivity:account:
   *
   * The account the activity was for.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_OBJECT (TandemActivity,
                       account,
                       "account",
                       tandem_account_get_type,
                       TANDEM_FIELD_CONSTRUCT),
  /**
   * TandemActivity:rep:
   *
   * Who did it. It does not change how commission is split within the
   * tandem; it counts for contribution-based team bonuses and statistics.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_OBJECT (TandemActivity, rep, "rep", tandem_rep_get_type, TANDEM_FIELD_CONSTRUCT),
  /**
   * TandemActivity:kind:
   *
   * What happened.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_ENUM (TandemActivity,
                     kind,
                     "kind",
                     tandem_activity_kind_get_type,
                     TANDEM_ACTIVITY_KIND_CALL,
                     TANDEM_FIELD_CONSTRUCT),
  /**
   * TandemActivity:amount:
   *
   * The amount involved, or %NULL. Required and non-negative for orders,
   * cross-sells and up-sells.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_BOXED (TandemActivity,
                      amount,
                      "amount",
                      tandem_money_get_type,
                      TANDEM_FIELD_CONSTRUCT),
  /**
   * TandemActivity:occurred-at:
   *
   * When it happened.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_BOXED (TandemActivity,
                      occurred_at,
                      "occurred-at",
                      g_date_time_get_type,
                      TANDEM_FIELD_CONSTRUCT),
  /**
   * TandemActivity:external-ref:
   *
   * The activity's reference in the system it came from, or %NULL. It is
   * unique in a store: importing the same reference again is a no-op.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_STRING (TandemActivity,
                       external_ref,
                       "external-ref",
                       TANDEM_FIELD_WRITABLE (tandem_activity_set_external_ref)),
  /**
   * TandemActivity:reverses:
   *
   * For a %TANDEM_ACTIVITY_KIND_REVERSAL, the activity it takes back.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_OBJECT (TandemActivity,
                       reverses,
                       "reverses",
                       tandem_activity_get_type,
                       TANDEM_FIELD_CONSTRUCT),
  /**
   * TandemActivity:pays:
   *
   * For a %TANDEM_ACTIVITY_KIND_PAYMENT, the order, cross-sell or up-sell
   * it pays for.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_OBJECT (TandemActivity,
                       pays,
                       "pays",
                       tandem_activity_get_type,
                       TANDEM_FIELD_CONSTRUCT),
  /**
   * TandemActivity:note:
   *
   * A free-text note, or %NULL.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_STRING (TandemActivity,
                       note,
                       "note",
                       TANDEM_FIELD_WRITABLE (tandem_activity_set_note)),
  /**
   * TandemActivity:product:
   *
   * What was sold: the product's number or name, as the ERP writes it, or
   * %NULL. Only sales (offers, orders, cross-sells, up-sells) say what was
   * sold; an invoice of several lines is several activities. A plan's
   * `[Product NAME]` group sets its rate.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_STRING (TandemActivity,
                       product,
                       "product",
                       TANDEM_FIELD_WRITABLE (tandem_activity_set_product)),
  /**
   * TandemActivity:category:
   *
   * The product category of what was sold, or %NULL; a plan's
   * `[Category NAME]` group sets its rate.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_STRING (TandemActivity,
                       category,
                       "category",
                       TANDEM_FIELD_WRITABLE (tandem_activity_set_category)),
  /**
   * TandemActivity:quantity:
   *
   * How many units were sold: at least 1 (the default).
   *
   * Since: 1.0
   */
  TANDEM_FIELD_UINT (TandemActivity,
                     quantity,
                     "quantity",
                     0,
                     G_MAXINT32,
                     1,
                     TANDEM_FIELD_WRITABLE (tandem_activity_set_quantity)),
  /**
   * TandemActivity:cost:
   *
   * What was sold cost the company, in the amount's currency, or %NULL:
   * the margin is the amount less the cost. Not negative; a cost above the
   * amount is a sale at a loss, whose margin earns nothing.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_BOXED (TandemActivity,
                      cost,
                      "cost",
                      tandem_money_get_type,
                      TANDEM_FIELD_WRITABLE (tandem_activity_set_cost)),
};

static void
tandem_activity_class_init (TandemActivityClass *klass)
{
  _tandem_record_class_init (G_OBJECT_CLASS (klass), fields, G_N_ELEMENTS (fields),
                             G_PARAM_READABLE, properties);
}

static void
tandem_activity_init (TandemActivity *self)
{
  self->quantity = 1;
}

/**
 * tandem_activity_new:
 * @account: the account
 * @rep: who did it
 * @kind: what happened; not %TANDEM_ACTIVITY_KIND_REVERSAL (see
 *   [ctor@Tandem.Activity.new_reversal])
 * @amount: (nullable): the amount, required for commissionable kinds
 * @occurred_at: when it happened
 * @error: return location for a #GError
 *
 * Creates an activity that is not yet stored, checking it with
 * [method@Tandem.Activity.validate].
 *
 * Returns: (transfer full): a new `TandemActivity`, or %NULL with a
 *   %TANDEM_VALIDATION_ERROR
 *
 * Since: 1.0
 */
TandemActivity *
tandem_activity_new (TandemAccount     *account,
                     TandemRep         *rep,
                     TandemActivityKind kind,
                     TandemMoney       *amount,
                     GDateTime         *occurred_at,
                     GError           **error)
{
  g_autoptr (TandemActivity) self = NULL;

  g_return_val_if_fail (TANDEM_IS_ACCOUNT (account), NULL);
  g_return_val_if_fail (TANDEM_IS_REP (rep), NULL);
  g_return_val_if_fail (occurred_at != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (TANDEM_TYPE_ACTIVITY, "account", account, "rep", rep, "kind", kind, "amount",
                       amount, "occurred-at", occurred_at, NULL);

  if (!tandem_activity_validate (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * tandem_activity_new_reversal: (constructor)
 * @reverses: the commissionable activity to take back
 * @rep: who records the reversal
 * @amount: (nullable): the amount taken back, or %NULL for all of it
 * @occurred_at: when it happened; not before @reverses
 * @error: return location for a #GError
 *
 * Creates a %TANDEM_ACTIVITY_KIND_REVERSAL of @reverses for the same
 * account. A partial reversal names an amount in the same currency, not
 * more than the original.
 *
 * Returns: (transfer full): a new `TandemActivity`, or %NULL with a
 *   %TANDEM_VALIDATION_ERROR
 *
 * Since: 1.0
 */
TandemActivity *
tandem_activity_new_reversal (TandemActivity *reverses,
                              TandemRep      *rep,
                              TandemMoney    *amount,
                              GDateTime      *occurred_at,
                              GError        **error)
{
  g_autoptr (TandemActivity) self = NULL;

  g_return_val_if_fail (TANDEM_IS_ACTIVITY (reverses), NULL);
  g_return_val_if_fail (TANDEM_IS_REP (rep), NULL);
  g_return_val_if_fail (occurred_at != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (TANDEM_TYPE_ACTIVITY, "account", reverses->account, "rep", rep, "kind",
                       TANDEM_ACTIVITY_KIND_REVERSAL, "amount",
                       amount != NULL ? amount : reverses->amount, "occurred-at", occurred_at,
                       "reverses", reverses, NULL);

  if (!tandem_activity_validate (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * tandem_activity_new_payment: (constructor)
 * @pays: the order, cross-sell or up-sell the customer paid for
 * @rep: who records the payment
 * @amount: what was paid, in the currency of @pays
 * @occurred_at: when the money came in; not before @pays
 * @error: return location for a #GError
 *
 * Creates a %TANDEM_ACTIVITY_KIND_PAYMENT of @pays for the same account.
 * Under a plan that pays on collection (`PayOn=payment`, see
 * [method@Tandem.Plan.get_pay_on]) the commission of @pays is paid in the
 * periods of its payments. Storing it refuses a payment beyond what is
 * left open of @pays (its amount less earlier payments and reversals).
 *
 * Returns: (transfer full): a new `TandemActivity`, or %NULL with a
 *   %TANDEM_VALIDATION_ERROR
 *
 * Since: 1.0
 */
TandemActivity *
tandem_activity_new_payment (TandemActivity *pays,
                             TandemRep      *rep,
                             TandemMoney    *amount,
                             GDateTime      *occurred_at,
                             GError        **error)
{
  g_autoptr (TandemActivity) self = NULL;

  g_return_val_if_fail (TANDEM_IS_ACTIVITY (pays), NULL);
  g_return_val_if_fail (TANDEM_IS_REP (rep), NULL);
  g_return_val_if_fail (amount != NULL, NULL);
  g_return_val_if_fail (occurred_at != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (TANDEM_TYPE_ACTIVITY, "account", pays->account, "rep", rep, "kind",
                       TANDEM_ACTIVITY_KIND_PAYMENT, "amount", amount, "occurred-at", occurred_at,
                       "pays", pays, NULL);

  if (!tandem_activity_validate (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * tandem_activity_get_id:
 * @self: a `TandemActivity`
 *
 * Gets [property@Tandem.Activity:id].
 *
 * Returns: the id, or 0 if not stored
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (gint64, tandem_activity_get_id, TandemActivity, TANDEM_IS_ACTIVITY, id, 0)

/**
 * tandem_activity_get_account:
 * @self: a `TandemActivity`
 *
 * Gets [property@Tandem.Activity:account].
 *
 * Returns: (transfer none): the account
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemAccount *,
                      tandem_activity_get_account,
                      TandemActivity,
                      TANDEM_IS_ACTIVITY,
                      account,
                      NULL)

/**
 * tandem_activity_get_rep:
 * @self: a `TandemActivity`
 *
 * Gets [property@Tandem.Activity:rep].
 *
 * Returns: (transfer none): who did it
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemRep *,
                      tandem_activity_get_rep,
                      TandemActivity,
                      TANDEM_IS_ACTIVITY,
                      rep,
                      NULL)

/**
 * tandem_activity_get_kind:
 * @self: a `TandemActivity`
 *
 * Gets [property@Tandem.Activity:kind].
 *
 * Returns: the kind
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemActivityKind,
                      tandem_activity_get_kind,
                      TandemActivity,
                      TANDEM_IS_ACTIVITY,
                      kind,
                      TANDEM_ACTIVITY_KIND_CALL)

/**
 * tandem_activity_get_amount:
 * @self: a `TandemActivity`
 *
 * Gets [property@Tandem.Activity:amount].
 *
 * Returns: (transfer none) (nullable): the amount
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemMoney *,
                      tandem_activity_get_amount,
                      TandemActivity,
                      TANDEM_IS_ACTIVITY,
                      amount,
                      NULL)

/**
 * tandem_activity_get_occurred_at:
 * @self: a `TandemActivity`
 *
 * Gets [property@Tandem.Activity:occurred-at].
 *
 * Returns: (transfer none): when it happened
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (GDateTime *,
                      tandem_activity_get_occurred_at,
                      TandemActivity,
                      TANDEM_IS_ACTIVITY,
                      occurred_at,
                      NULL)

/**
 * tandem_activity_get_external_ref:
 * @self: a `TandemActivity`
 *
 * Gets [property@Tandem.Activity:external-ref].
 *
 * Returns: (transfer none) (nullable): the external reference
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (const char *,
                      tandem_activity_get_external_ref,
                      TandemActivity,
                      TANDEM_IS_ACTIVITY,
                      external_ref,
                      NULL)

/**
 * tandem_activity_set_external_ref:
 * @self: a `TandemActivity`
 * @external_ref: (nullable): the reference in the source system
 *
 * Sets [property@Tandem.Activity:external-ref] before the activity is
 * stored.
 *
 * Since: 1.0
 */
TANDEM_DEFINE_SETTER (tandem_activity_set_external_ref,
                      TandemActivity,
                      TANDEM_IS_ACTIVITY,
                      const char *,
                      PROP_EXTERNAL_REF)

/**
 * tandem_activity_get_reverses:
 * @self: a `TandemActivity`
 *
 * Gets [property@Tandem.Activity:reverses].
 *
 * Returns: (transfer none) (nullable): the reversed activity
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemActivity *,
                      tandem_activity_get_reverses,
                      TandemActivity,
                      TANDEM_IS_ACTIVITY,
                      reverses,
                      NULL)

/**
 * tandem_activity_get_pays:
 * @self: a `TandemActivity`
 *
 * Gets [property@Tandem.Activity:pays].
 *
 * Returns: (transfer none) (nullable): the activity a payment pays for
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemActivity *,
                      tandem_activity_get_pays,
                      TandemActivity,
                      TANDEM_IS_ACTIVITY,
                      pays,
                      NULL)

/**
 * tandem_activity_get_note:
 * @self: a `TandemActivity`
 *
 * Gets [property@Tandem.Activity:note].
 *
 * Returns: (transfer none) (nullable): the note
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (const char *,
                      tandem_activity_get_note,
                      TandemActivity,
                      TANDEM_IS_ACTIVITY,
                      note,
                      NULL)

/**
 * tandem_activity_set_note:
 * @self: a `TandemActivity`
 * @note: (nullable): a free-text note
 *
 * Sets [property@Tandem.Activity:note].
 *
 * Since: 1.0
 */
TANDEM_DEFINE_SETTER (tandem_activity_set_note,
                      TandemActivity,
                      TANDEM_IS_ACTIVITY,
                      const char *,
                      PROP_NOTE)

/**
 * tandem_activity_get_product:
 * @self: a `TandemActivity`
 *
 * Gets [property@Tandem.Activity:product].
 *
 * Returns: (transfer none) (nullable): the product
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (const char *,
                      tandem_activity_get_product,
                      TandemActivity,
                      TANDEM_IS_ACTIVITY,
                      product,
                      NULL)

/**
 * tandem_activity_set_product:
 * @self: a `TandemActivity`
 * @product: (nullable): the product's number or name
 *
 * Sets [property@Tandem.Activity:product]; checked when the activity is
 * validated or stored.
 *
 * Since: 1.0
 */
TANDEM_DEFINE_SETTER (tandem_activity_set_product,
                      TandemActivity,
                      TANDEM_IS_ACTIVITY,
                      const char *,
                      PROP_PRODUCT)

/**
 * tandem_activity_get_category:
 * @self: a `TandemActivity`
 *
 * Gets [property@Tandem.Activity:category].
 *
 * Returns: (transfer none) (nullable): the product category
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (const char *,
                      tandem_activity_get_category,
                      TandemActivity,
                      TANDEM_IS_ACTIVITY,
                      category,
                      NULL)

/**
 * tandem_activity_set_category:
 * @self: a `TandemActivity`
 * @category: (nullable): the product category
 *
 * Sets [property@Tandem.Activity:category]; checked when the activity is
 * validated or stored.
 *
 * Since: 1.0
 */
TANDEM_DEFINE_SETTER (tandem_activity_set_category,
                      TandemActivity,
                      TANDEM_IS_ACTIVITY,
                      const char *,
                      PROP_CATEGORY)

/**
 * tandem_activity_get_quantity:
 * @self: a `TandemActivity`
 *
 * Gets [property@Tandem.Activity:quantity].
 *
 * Returns: the units sold
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (guint,
                      tandem_activity_get_quantity,
                      TandemActivity,
                      TANDEM_IS_ACTIVITY,
                      quantity,
                      1)

/**
 * tandem_activity_set_quantity:
 * @self: a `TandemActivity`
 * @quantity: the units sold, at least 1
 *
 * Sets [property@Tandem.Activity:quantity]; validating or storing the
 * activity refuses 0.
 *
 * Since: 1.0
 */
TANDEM_DEFINE_SETTER (tandem_activity_set_quantity,
                      TandemActivity,
                      TANDEM_IS_ACTIVITY,
                      guint,
                      PROP_QUANTITY)

/**
 * tandem_activity_get_cost:
 * @self: a `TandemActivity`
 *
 * Gets [property@Tandem.Activity:cost].
 *
 * Returns: (transfer none) (nullable): the cost
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemMoney *,
                      tandem_activity_get_cost,
                      TandemActivity,
                      TANDEM_IS_ACTIVITY,
                      cost,
                      NULL)

/**
 * tandem_activity_set_cost:
 * @self: a `TandemActivity`
 * @cost: (nullable): the cost, in the amount's currency
 *
 * Sets [property@Tandem.Activity:cost]; validating or storing the activity
 * refuses a negative cost and one in another currency than the amount.
 *
 * Since: 1.0
 */
TANDEM_DEFINE_SETTER (tandem_activity_set_cost,
                      TandemActivity,
                      TANDEM_IS_ACTIVITY,
                      TandemMoney *,
                      PROP_COST)

static void
money_text (char *buf, gsize size, gint64 minor, const char *currency)
{
  g_autoptr (TandemMoney) m = tandem_money_new (minor, currency);
  g_autofree char *text = m != NULL ? tandem_money_to_string (m) : NULL;

  g_strlcpy (buf, text != NULL ? text : "?", size);
}

/* A payment: a positive amount, in the currency of the commissionable
 * activity of the same account it pays, not before it and not more than
 * its amount (what is left open is checked when it is stored). */
static gboolean
check_payment (const TandemActivityFacts *facts,
               const TandemActivityFacts *pays,
               gboolean                   same_account,
               GError                   **error)
{
  char text[64];
  char orig[64];

  if (pays == NULL)
    {
      g_set_error (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_REVERSAL,
                   _ ("A payment must name the order it pays (pays)"));
      return FALSE;
    }
  if (!tandem_activity_kind_is_commissionable (pays->kind))
    {
      g_set_error (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_REVERSAL,
                   _ ("Activity %" PRId64 " is of kind “%s”: only orders, cross-sells and "
                      "up-sells can be paid"),
                   pays->id, tandem_activity_kind_to_nick (pays->kind));
      return FALSE;
    }
  if (!same_account)
    {
      g_set_error (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_REVERSAL,
                   _ ("A payment must be for the account of the order it pays"));
      return FALSE;
    }
  if (facts->occurred_at < pays->occurred_at)
    {
      g_set_error (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_REVERSAL,
                   _ ("A payment cannot be dated before the order it pays"));
      return FALSE;
    }
  if (!facts->has_amount || facts->amount_minor <= 0)
    {
      g_set_error (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_MISSING_VALUE,
                   _ ("A payment needs an amount above zero"));
      return FALSE;
    }
  if (pays->has_amount
      && (g_strcmp0 (facts->currency, pays->currency) != 0
          || facts->amount_minor > pays->amount_minor))
    {
      money_text (text, sizeof text, facts->amount_minor, facts->currency);
      money_text (orig, sizeof orig, pays->amount_minor, pays->currency);
      g_set_error (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_AMOUNT,
                   _ ("A payment of %s is more than the order of %s it pays"), text, orig);
      return FALSE;
    }
  return TRUE;
}

gboolean
_tandem_activity_kind_is_sale (TandemActivityKind kind)
{
  return kind == TANDEM_ACTIVITY_KIND_OFFER || kind == TANDEM_ACTIVITY_KIND_ORDER
         || kind == TANDEM_ACTIVITY_KIND_CROSS_SELL || kind == TANDEM_ACTIVITY_KIND_UP_SELL;
}

/* What was sold: only on sales, at least one unit, a cost in the
 * amount's currency that is not negative. */
static gboolean
check_sale (const TandemActivityFacts *facts, const char *kind_nick, GError **error)
{
  char text[64];

  if (!_tandem_activity_kind_is_sale (facts->kind)
      && (facts->product != NULL || facts->category != NULL || facts->quantity != 1
          || facts->has_cost))
    {
      g_set_error (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_VALUE,
                   _ ("An activity of kind “%s” sold nothing: only offers, orders, cross-sells and "
                      "up-sells carry a product, category, quantity or cost"),
                   kind_nick);
      return FALSE;
    }
  if (facts->quantity < 1)
    {
      g_set_error (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_OUT_OF_RANGE,
                   _ ("Quantity %" PRId64 ": must be at least 1"), facts->quantity);
      return FALSE;
    }
  if (!facts->has_cost)
    return TRUE;
  money_text (text, sizeof text, facts->cost_minor, facts->cost_currency);
  if (!facts->has_amount || g_strcmp0 (facts->cost_currency, facts->currency) != 0)
    {
      g_set_error (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_AMOUNT,
                   _ ("Cost %s: must be in the amount’s currency (%s)"), text,
                   facts->has_amount ? facts->currency : _ ("no amount"));
      return FALSE;
    }
  if (facts->cost_minor < 0)
    {
      g_set_error (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_AMOUNT,
                   _ ("Cost %s is negative"), text);
      return FALSE;
    }
  return TRUE;
}

gboolean
_tandem_activity_check_facts (const TandemActivityFacts *facts,
                              const TandemActivityFacts *reverses,
                              gboolean                   same_account,
                              GError                   **error)
{
  const char *kind_nick = tandem_activity_kind_to_nick (facts->kind);
  char        text[64];
  char        orig[64];

  if (kind_nick == NULL)
    {
      g_set_error (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_VALUE,
                   _ ("Invalid activity kind %d"), (int)facts->kind);
      return FALSE;
    }

  if (tandem_activity_kind_is_commissionable (facts->kind) && !facts->has_amount)
    {
      g_set_error (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_MISSING_VALUE,
                   _ ("An activity of kind “%s” needs an amount"), kind_nick);
      return FALSE;
    }

  if (facts->has_amount && !tandem_activity_kind_takes_amount (facts->kind))
    {
      money_text (text, sizeof text, facts->amount_minor, facts->currency);
      g_set_error (
          error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_AMOUNT,
          _ ("An activity of kind “%s” carries no amount, but %s was given: only offers, orders, "
             "cross-sells, up-sells, reversals and payments do"),
          kind_nick, text);
      return FALSE;
    }

  if (facts->has_amount && facts->amount_minor < 0)
    {
      money_text (text, sizeof text, facts->amount_minor, facts->currency);
      g_set_error (
          error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_AMOUNT,
          _ ("Amount %s of an activity of kind “%s” is negative: record a reversal instead"), text,
          kind_nick);
      return FALSE;
    }

  if (!check_sale (facts, kind_nick, error))
    return FALSE;

  if (facts->kind != TANDEM_ACTIVITY_KIND_REVERSAL && facts->kind != TANDEM_ACTIVITY_KIND_PAYMENT)
    {
      if (reverses != NULL)
        {
          g_set_error (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_REVERSAL,
                       _ ("An activity of kind “%s” cannot reverse or pay another activity: only "
                          "a reversal or a payment can"),
                       kind_nick);
          return FALSE;
        }
      return TRUE;
    }
  if (facts->kind == TANDEM_ACTIVITY_KIND_PAYMENT)
    return check_payment (facts, reverses, same_account, error);

  if (reverses == NULL)
    {
      g_set_error (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_REVERSAL,
                   _ ("A reversal must name the activity it reverses"));
      return FALSE;
    }

  if (!tandem_activity_kind_is_commissionable (reverses->kind))
    {
      g_set_error (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_REVERSAL,
                   _ ("Activity %" PRId64
                      " is of kind “%s”: only orders, cross-sells and up-sells can be reversed"),
                   reverses->id, tandem_activity_kind_to_nick (reverses->kind));
      return FALSE;
    }

  if (!same_account)
    {
      g_set_error (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_REVERSAL,
                   _ ("A reversal must be for the account of the activity it reverses"));
      return FALSE;
    }

  if (facts->occurred_at < reverses->occurred_at)
    {
      g_set_error (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_REVERSAL,
                   _ ("A reversal cannot be dated before the activity it reverses"));
      return FALSE;
    }

  if (!facts->has_amount)
    {
      g_set_error (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_MISSING_VALUE,
                   _ ("A reversal needs an amount"));
      return FALSE;
    }

  if (reverses->has_amount
      && (g_strcmp0 (facts->currency, reverses->currency) != 0
          || facts->amount_minor > reverses->amount_minor))
    {
      money_text (text, sizeof text, facts->amount_minor, facts->currency);
      money_text (orig, sizeof orig, reverses->amount_minor, reverses->currency);
      g_set_error (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_AMOUNT,
                   _ ("A reversal of %s cannot take back %s"), orig, text);
      return FALSE;
    }

  return TRUE;
}

static void
facts_from_activity (TandemActivity *self, TandemActivityFacts *facts)
{
  facts->id = self->id;
  facts->kind = self->kind;
  facts->has_amount = self->amount != NULL;
  facts->amount_minor = self->amount ? tandem_money_get_minor_units (self->amount) : 0;
  facts->currency = self->amount ? tandem_money_get_currency (self->amount) : NULL;
  facts->occurred_at = self->occurred_at ? _tandem_time_to_usec (self->occurred_at) : 0;
  facts->product = self->product;
  facts->category = self->category;
  facts->quantity = self->quantity;
  facts->has_cost = self->cost != NULL;
  facts->cost_minor = self->cost ? tandem_money_get_minor_units (self->cost) : 0;
  facts->cost_currency = self->cost ? tandem_money_get_currency (self->cost) : NULL;
}

/**
 * tandem_activity_validate:
 * @self: a `TandemActivity`
 * @error: return location for a #GError
 *
 * Checks the rules an activity must meet before it is stored:
 *
 * - it has an account, a rep and a time;
 * - orders, cross-sells and up-sells have an amount, and it is not negative;
 * - no amount is negative;
 * - only sales (offers, orders, cross-sells, up-sells) say what was sold:
 *   a quantity of at least 1, and a cost in the amount's currency that is
 *   not negative;
 * - a reversal names a commissionable activity (not another reversal) of
 *   the same account, is not dated before it, and takes back at most its
 *   amount, in its currency; no other kind names an activity to reverse;
 * - a payment names a commissionable activity of the same account it
 *   pays, is not dated before it, and pays more than zero and at most its
 *   amount, in its currency; no other kind names an activity it pays.
 *
 * Returns: %TRUE if valid, %FALSE with a %TANDEM_VALIDATION_ERROR whose
 *   message names the field
 *
 * Since: 1.0
 */
gboolean
tandem_activity_validate (TandemActivity *self, GError **error)
{
  TandemActivityFacts facts;
  TandemActivityFacts reverses;
  gboolean            same_account = FALSE;

  g_return_val_if_fail (TANDEM_IS_ACTIVITY (self), FALSE);

  if (self->account == NULL || self->rep == NULL || self->occurred_at == NULL)
    {
      g_set_error (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_MISSING_VALUE,
                   _ ("An activity of kind “%s” needs %s"),
                   tandem_activity_kind_to_nick (self->kind),
                   self->account == NULL ? _ ("an account")
                   : self->rep == NULL   ? _ ("a rep")
                                         : _ ("a time (occurred-at)"));
      return FALSE;
    }

  if (!_tandem_check_text (_ ("reference"), self->external_ref, FALSE, error)
      || !_tandem_check_text (_ ("note"), self->note, TRUE, error)
      || !_tandem_check_text (_ ("product"), self->product, FALSE, error)
      || !_tandem_check_text (_ ("category"), self->category, FALSE, error))
    return FALSE;

  if (self->pays != NULL && (self->reverses != NULL || self->kind != TANDEM_ACTIVITY_KIND_PAYMENT))
    {
      g_set_error (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_REVERSAL,
                   _ ("An activity of kind “%s” cannot pay another activity: only a payment can"),
                   tandem_activity_kind_to_nick (self->kind));
      return FALSE;
    }
  if (self->kind == TANDEM_ACTIVITY_KIND_PAYMENT && self->reverses != NULL)
    {
      g_set_error (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_REVERSAL,
                   _ ("A payment names the order it pays (pays), not one it reverses"));
      return FALSE;
    }

  facts_from_activity (self, &facts);
  if (self->reverses != NULL || self->pays != NULL)
    {
      TandemActivity *target = self->reverses != NULL ? self->reverses : self->pays;
      TandemAccount  *other = target->account;

      facts_from_activity (target, &reverses);
      same_account = other == self->account
                     || (other != NULL && tandem_account_get_id (other) != 0
                         && tandem_account_get_id (other) == tandem_account_get_id (self->account));
    }

  return _tandem_activity_check_facts (&facts, self->reverses || self->pays ? &reverses : NULL,
                                       same_account, error);
}

/* Whether settlement pays out on activities of @kind. */
gboolean
_tandem_activity_kind_settles (TandemActivityKind kind)
{
  return tandem_activity_kind_is_commissionable (kind) || kind == TANDEM_ACTIVITY_KIND_REVERSAL;
}
