/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-lifecycle.c: accounts moving from prospect to customer to regular
 * customer, or lost, as orders arrive (their conversion rates per tandem:
 * tandem-conversion.c) */

#include "config.h"

#include "tandem-record-private.h"

#include <inttypes.h>

#include "tandem-i18n-private.h"

#include "tandem-enum-types.h"
#include "tandem-lifecycle-private.h"
#include "tandem-lifecycle.h"
#include "tandem-plan.h"
#include "tandem-store-private.h"
#include "tandem-util-private.h"

#define USEC_PER_DAY (G_USEC_PER_SEC * (gint64)86400)

/* The limits tandem_lifecycle_rules_validate() enforces. */
#define MAX_REGULAR_ORDERS 1000
#define MAX_REGULAR_MONTHS 120
#define MAX_LOST_AFTER_DAYS 36500

/**
 * TandemLifecycleRules:
 *
 * The rules that move an account through its lifecycle as orders arrive.
 * An order is an activity of kind %TANDEM_ACTIVITY_KIND_ORDER,
 * %TANDEM_ACTIVITY_KIND_CROSS_SELL or %TANDEM_ACTIVITY_KIND_UP_SELL: each is
 * a purchase. A reversed order still counts as an order here.
 *
 * - A prospect's first order makes it a customer
 *   (%TANDEM_STAGE_CAUSE_FIRST_ORDER); a lost account's next order makes it
 *   a customer again (%TANDEM_STAGE_CAUSE_WON_BACK).
 * - A customer with [property@Tandem.LifecycleRules:regular-orders] orders
 *   within [property@Tandem.LifecycleRules:regular-months] calendar months
 *   (the order's own time included, the instant the window opens excluded)
 *   becomes a regular customer (%TANDEM_STAGE_CAUSE_REPEAT_ORDERS). A
 *   regular customer stays regular until it is lost.
 * - A customer or regular customer without an order for more than
 *   [property@Tandem.LifecycleRules:lost-after-days] days (counted from its
 *   last order, or from when it entered its stage if that is later) is
 *   lost at the moment that time ran out (%TANDEM_STAGE_CAUSE_NO_ORDERS).
 *   An order arriving after such a gap records the loss first, then the
 *   win-back; [func@Tandem.LifecycleRules.apply] records losses for
 *   accounts that have not ordered since.
 *
 * A value of 0 switches the regular or the lost rule off. The defaults
 * are 3 orders within 12 months, and lost after 365 days.
 *
 * The store applies the rules whenever it stores an order (logged,
 * saved or imported, in the same transaction), to orders dated at or
 * after the account's latest stage change; an order dated earlier does
 * not rewrite history, but counts in later windows. Every change is
 * recorded with its cause and order: see
 * [func@Tandem.StageChange.list].
 *
 * Rules can be written as a key file:
 *
 * ```
 * [Lifecycle]
 * RegularOrders=3
 * RegularMonths=12
 * LostAfterDays=365
 * ```
 *
 * Since: 1.0
 */
struct _TandemLifecycleRules
{
  GObject parent_instance;
  guint   regular_orders;
  guint   regular_months;
  guint   lost_after_days;
};

G_DEFINE_FINAL_TYPE (TandemLifecycleRules, tandem_lifecycle_rules, G_TYPE_OBJECT)

enum
{
  RULES_PROP_0,
  RULES_PROP_REGULAR_ORDERS,
  RULES_PROP_REGULAR_MONTHS,
  RULES_PROP_LOST_AFTER_DAYS,
  RULES_N_PROPS
};

static GParamSpec *rules_properties[RULES_N_PROPS];

static const TandemField fields[] = {
  /**
   * TandemLifecycleRules:regular-orders:
   *
   * How many orders within
   * [property@Tandem.LifecycleRules:regular-months] make a customer a
   * regular customer; 0 for never.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_UINT (TandemLifecycleRules,
                     regular_orders,
                     "regular-orders",
                     0,
                     G_MAXUINT,
                     3,
                     TANDEM_FIELD_SETTER (tandem_lifecycle_rules_set_regular_orders)),
  /**
   * TandemLifecycleRules:regular-months:
   *
   * The window, in calendar months, in which the orders are counted.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_UINT (TandemLifecycleRules,
                     regular_months,
                     "regular-months",
                     0,
                     G_MAXUINT,
                     12,
                     TANDEM_FIELD_SETTER (tandem_lifecycle_rules_set_regular_months)),
  /**
   * TandemLifecycleRules:lost-after-days:
   *
   * After how many days without an order a customer is lost; 0 for never.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_UINT (TandemLifecycleRules,
                     lost_after_days,
                     "lost-after-days",
                     0,
                     G_MAXUINT,
                     365,
                     TANDEM_FIELD_SETTER (tandem_lifecycle_rules_set_lost_after_days)),
};

static void
tandem_lifecycle_rules_class_init (TandemLifecycleRulesClass *klass)
{
  _tandem_record_class_init (G_OBJECT_CLASS (klass), fields, G_N_ELEMENTS (fields),
                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY, rules_properties);
}

static void
tandem_lifecycle_rules_init (TandemLifecycleRules *self)
{
  self->regular_orders = 3;
  self->regular_months = 12;
  self->lost_after_days = 365;
}

/**
 * tandem_lifecycle_rules_new:
 *
 * Creates the default rules: regular after 3 orders within 12 months,
 * lost after 365 days without an order.
 *
 * Returns: (transfer full): new rules
 *
 * Since: 1.0
 */
TandemLifecycleRules *
tandem_lifecycle_rules_new (void)
{
  return g_object_new (TANDEM_TYPE_LIFECYCLE_RULES, NULL);
}

static gboolean
read_rule (GKeyFile *file, const char *key, guint *out, GError **error)
{
  g_autofree char *text = g_key_file_get_value (file, "Lifecycle", key, NULL);
  guint64          value;

  if (text == NULL)
    return TRUE;

  g_strstrip (text);
  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT, &value, NULL))
    {
      g_set_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_INVALID_VALUE,
                   _ ("[Lifecycle] %s=%s: must be a whole number of 0 or more"), key, text);
      return FALSE;
    }

  *out = (guint)value;
  return TRUE;
}

/**
 * tandem_lifecycle_rules_new_from_data:
 * @data: the key file's text
 * @length: the length of @data, or -1 if it is nul-terminated
 * @error: return location for a #GError
 *
 * Reads rules from a key file with one group, `[Lifecycle]`, and the keys
 * `RegularOrders`, `RegularMonths` and `LostAfterDays`; missing keys keep
 * their defaults. Syntax errors, other groups or keys, and values that are
 * not whole numbers or are out of range (see
 * [method@Tandem.LifecycleRules.validate]) are reported in the
 * %TANDEM_PLAN_ERROR domain, the domain of libtandem's key files, or the
 * %TANDEM_VALIDATION_ERROR domain, naming the key and value.
 *
 * Returns: (transfer full): the rules, or %NULL with @error set
 *
 * Since: 1.0
 */
TandemLifecycleRules *
tandem_lifecycle_rules_new_from_data (const char *data, gssize length, GError **error)
{
  static const char *const keys[] = { "RegularOrders", "RegularMonths", "LostAfterDays", NULL };
  g_autoptr (GKeyFile) file = g_key_file_new ();
  g_autoptr (GError) local_error = NULL;
  g_autoptr (TandemLifecycleRules) rules = NULL;
  g_auto (GStrv) groups = NULL;
  g_auto (GStrv) names = NULL;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_tandem_key_file_check_duplicates (data, length < 0 ? strlen (data) : (gsize)length,
                                          TANDEM_VALIDATION_ERROR,
                                          TANDEM_VALIDATION_ERROR_INVALID_VALUE, error))
    return NULL;
  if (!g_key_file_load_from_data (file, data, length < 0 ? strlen (data) : (gsize)length,
                                  G_KEY_FILE_NONE, &local_error))
    {
      g_set_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_PARSE, _ ("Lifecycle rules: %s"),
                   local_error->message);
      return NULL;
    }

  groups = g_key_file_get_groups (file, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    if (strcmp (groups[i], "Lifecycle") != 0)
      {
        g_set_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_UNKNOWN_GROUP,
                     _ ("[%s]: unknown group; lifecycle rules have only [Lifecycle]"), groups[i]);
        return NULL;
      }

  names = g_key_file_get_keys (file, "Lifecycle", NULL, NULL);
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    if (!g_strv_contains (keys, names[i]))
      {
        g_set_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_UNKNOWN_KEY,
                     _ ("[Lifecycle] %s: unknown key; expected RegularOrders, RegularMonths or "
                        "LostAfterDays"),
                     names[i]);
        return NULL;
      }

  rules = tandem_lifecycle_rules_new ();
  if (!read_rule (file, "RegularOrders", &rules->regular_orders, error)
      || !read_rule (file, "RegularMonths", &rules->regular_months, error)
      || !read_rule (file, "LostAfterDays", &rules->lost_after_days, error)
      || !tandem_lifecycle_rules_validate (rules, error))
    return NULL;

  return g_steal_pointer (&rules);
}

/**
 * tandem_lifecycle_rules_get_regular_orders:
 * @self: a `TandemLifecycleRules`
 *
 * Gets [property@Tandem.LifecycleRules:regular-orders].
 *
 * Returns: the number of orders, 0 for never
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (guint,
                      tandem_lifecycle_rules_get_regular_orders,
                      TandemLifecycleRules,
                      TANDEM_IS_LIFECYCLE_RULES,
                      regular_orders,
                      0)

/**
 * tandem_lifecycle_rules_set_regular_orders:
 * @self: a `TandemLifecycleRules`
 * @regular_orders: the number of orders, 0 for never
 *
 * Sets [property@Tandem.LifecycleRules:regular-orders].
 *
 * Since: 1.0
 */
TANDEM_DEFINE_SETTER (tandem_lifecycle_rules_set_regular_orders,
                      TandemLifecycleRules,
                      TANDEM_IS_LIFECYCLE_RULES,
                      guint,
                      RULES_PROP_REGULAR_ORDERS)

/**
 * tandem_lifecycle_rules_get_regular_months:
 * @self: a `TandemLifecycleRules`
 *
 * Gets [property@Tandem.LifecycleRules:regular-months].
 *
 * Returns: the window in months
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (guint,
                      tandem_lifecycle_rules_get_regular_months,
                      TandemLifecycleRules,
                      TANDEM_IS_LIFECYCLE_RULES,
                      regular_months,
                      0)

/**
 * tandem_lifecycle_rules_set_regular_months:
 * @self: a `TandemLifecycleRules`
 * @regular_months: the window in months, 1–120
 *
 * Sets [property@Tandem.LifecycleRules:regular-months].
 *
 * Since: 1.0
 */
TANDEM_DEFINE_SETTER (tandem_lifecycle_rules_set_regular_months,
                      TandemLifecycleRules,
                      TANDEM_IS_LIFECYCLE_RULES,
                      guint,
                      RULES_PROP_REGULAR_MONTHS)

/**
 * tandem_lifecycle_rules_get_lost_after_days:
 * @self: a `TandemLifecycleRules`
 *
 * Gets [property@Tandem.LifecycleRules:lost-after-days].
 *
 * Returns: the number of days, 0 for never
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (guint,
                      tandem_lifecycle_rules_get_lost_after_days,
                      TandemLifecycleRules,
                      TANDEM_IS_LIFECYCLE_RULES,
                      lost_after_days,
                      0)

/**
 * tandem_lifecycle_rules_set_lost_after_days:
 * @self: a `TandemLifecycleRules`
 * @lost_after_days: the number of days, 0 for never
 *
 * Sets [property@Tandem.LifecycleRules:lost-after-days].
 *
 * Since: 1.0
 */
TANDEM_DEFINE_SETTER (tandem_lifecycle_rules_set_lost_after_days,
                      TandemLifecycleRules,
                      TANDEM_IS_LIFECYCLE_RULES,
                      guint,
                      RULES_PROP_LOST_AFTER_DAYS)

/**
 * tandem_lifecycle_rules_validate:
 * @self: a `TandemLifecycleRules`
 * @error: return location for a #GError
 *
 * Checks the ranges: regular-orders at most 1000, regular-months 1–120,
 * lost-after-days at most 36500. A value out of range is reported with
 * %TANDEM_VALIDATION_ERROR_OUT_OF_RANGE naming the property and value.
 *
 * Returns: %TRUE when the rules can be used
 *
 * Since: 1.0
 */
gboolean
tandem_lifecycle_rules_validate (TandemLifecycleRules *self, GError **error)
{
  g_return_val_if_fail (TANDEM_IS_LIFECYCLE_RULES (self), FALSE);

  if (self->regular_orders > MAX_REGULAR_ORDERS)
    g_set_error (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_OUT_OF_RANGE,
                 _ ("regular-orders %u: must be between 0 (never) and %u"), self->regular_orders,
                 MAX_REGULAR_ORDERS);
  else if (self->regular_months < 1 || self->regular_months > MAX_REGULAR_MONTHS)
    g_set_error (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_OUT_OF_RANGE,
                 _ ("regular-months %u: must be between 1 and %u"), self->regular_months,
                 MAX_REGULAR_MONTHS);
  else if (self->lost_after_days > MAX_LOST_AFTER_DAYS)
    g_set_error (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_OUT_OF_RANGE,
                 _ ("lost-after-days %u: must be between 0 (never) and %u"), self->lost_after_days,
                 MAX_LOST_AFTER_DAYS);
  else
    return TRUE;

  return FALSE;
}

/* ------------------------------------------------------------------ */
/* The store's rules                                                   */

/**
 * tandem_lifecycle_rules_load:
 * @self: a `TandemStore`
 * @error: return location for a #GError
 *
 * Reads the lifecycle rules the store applies; the defaults until
 * [func@Tandem.LifecycleRules.save] was called.
 *
 * Returns: (transfer full): a copy of the rules, or %NULL with @error set
 *
 * Since: 1.0
 */
TandemLifecycleRules *
tandem_lifecycle_rules_load (TandemStore *self, GError **error)
{
  TandemLifecycleRecord record;
  TandemLifecycleRules *rules;
  gboolean              ok;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  {
    g_autoptr (TandemTransaction) tx = _tandem_transaction_new (self);

    ok = _tandem_db_load_lifecycle (_tandem_transaction_get_db (tx), &record, error);
  }
  if (!ok)
    return NULL;

  rules = tandem_lifecycle_rules_new ();
  rules->regular_orders = record.regular_orders;
  rules->regular_months = record.regular_months;
  rules->lost_after_days = record.lost_after_days;
  return rules;
}

/**
 * tandem_lifecycle_rules_save:
 * @self: a `TandemStore`
 * @rules: the rules
 * @error: return location for a #GError
 *
 * Stores the rules applied from now on, after
 * [method@Tandem.LifecycleRules.validate]. Stages already recorded stay;
 * the new rules apply to the next orders and to
 * [func@Tandem.LifecycleRules.apply].
 *
 * Returns: %TRUE on success
 *
 * Since: 1.0
 */
gboolean
tandem_lifecycle_rules_save (TandemStore *self, TandemLifecycleRules *rules, GError **error)
{
  TandemLifecycleRecord record;
  gboolean              ok;

  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);
  g_return_val_if_fail (TANDEM_IS_LIFECYCLE_RULES (rules), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!tandem_lifecycle_rules_validate (rules, error))
    return FALSE;

  record.regular_orders = rules->regular_orders;
  record.regular_months = rules->regular_months;
  record.lost_after_days = rules->lost_after_days;

  {
    g_autoptr (TandemTransaction) tx = _tandem_transaction_new (self);

    g_autofree char *what
        = g_strdup_printf ("regular after %d orders in %d months, lost after %d days",
                           record.regular_orders, record.regular_months, record.lost_after_days);

    ok = _tandem_transaction_begin (tx, error)
         && _tandem_db_save_lifecycle (_tandem_transaction_get_db (tx), &record, error)
         && _tandem_transaction_commit_audited (tx, "lifecycle", what, error);
  }
  return ok;
}

/**
 * tandem_lifecycle_rules_apply:
 * @self: a `TandemStore`
 * @at: (nullable): the time to judge by; %NULL for now
 * @error: return location for a #GError
 *
 * Applies the lifecycle rules to every account that is not archived, as
 * of @at: records, for instance, that a customer without an order for
 * longer than [property@Tandem.LifecycleRules:lost-after-days] is lost,
 * and applies rules changed since its orders arrived. Everything is one
 * transaction. Running it again with the same @at changes nothing.
 *
 * Returns: (transfer full): a list model of the [class@Tandem.StageChange]s
 *   recorded, by account, or %NULL with @error set
 *
 * Since: 1.0
 */
GListModel *
tandem_lifecycle_rules_apply (TandemStore *self, GDateTime *at, GError **error)
{
  g_autoptr (GArray) accounts = NULL;
  g_autoptr (GArray) made = g_array_new (FALSE, TRUE, sizeof (TandemStageRecord));
  TandemLifecycleRecord rules;
  TandemDb             *db;
  gint64                now;
  gboolean              ok;
  g_autoptr (TandemTransaction) tx = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (at != NULL)
    now = _tandem_time_to_usec (at);
  else
    {
      g_autoptr (GDateTime) current = g_date_time_new_now_utc ();
      now = _tandem_time_to_usec (current);
    }

  tx = _tandem_transaction_new (self);
  db = _tandem_transaction_get_db (tx);
  ok = _tandem_db_load_lifecycle (db, &rules, error)
       && (accounts = _tandem_db_list_accounts (db, error)) != NULL
       && _tandem_transaction_begin (tx, error);
  if (ok)
    {
      g_autoptr (GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), accounts->len);

      for (guint i = 0; i < accounts->len; i++)
        g_array_append_val (ids, g_array_index (accounts, TandemAccountRecord, i).id);
      ok = _tandem_lifecycle_apply_accounts (db, &rules, (const gint64 *)(void *)ids->data,
                                             ids->len, now, made, error);
    }
  if (ok)
    {
      g_autofree char *what = g_strdup_printf ("stage changes: %u", made->len);

      ok = _tandem_transaction_commit_audited (tx, "lifecycle apply", what, error);
    }
  if (!ok)
    return NULL;
  _tandem_store_refresh_stages (self, made);

  return _tandem_stage_changes_to_list (made);
}
