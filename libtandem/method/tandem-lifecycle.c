/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-lifecycle.c: accounts moving from prospect to customer to regular
 * customer, or lost, as orders arrive (their conversion rates per tandem:
 * tandem-conversion.c) */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

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
 *   win-back; [method@Tandem.Store.apply_lifecycle] records losses for
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
 * [method@Tandem.Store.list_stage_changes].
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

static void
tandem_lifecycle_rules_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  TandemLifecycleRules *self = TANDEM_LIFECYCLE_RULES (object);

  switch (prop_id)
    {
    case RULES_PROP_REGULAR_ORDERS:
      g_value_set_uint (value, self->regular_orders);
      break;
    case RULES_PROP_REGULAR_MONTHS:
      g_value_set_uint (value, self->regular_months);
      break;
    case RULES_PROP_LOST_AFTER_DAYS:
      g_value_set_uint (value, self->lost_after_days);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_lifecycle_rules_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  TandemLifecycleRules *self = TANDEM_LIFECYCLE_RULES (object);

  switch (prop_id)
    {
    case RULES_PROP_REGULAR_ORDERS:
      tandem_lifecycle_rules_set_regular_orders (self, g_value_get_uint (value));
      break;
    case RULES_PROP_REGULAR_MONTHS:
      tandem_lifecycle_rules_set_regular_months (self, g_value_get_uint (value));
      break;
    case RULES_PROP_LOST_AFTER_DAYS:
      tandem_lifecycle_rules_set_lost_after_days (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_lifecycle_rules_class_init (TandemLifecycleRulesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = tandem_lifecycle_rules_get_property;
  object_class->set_property = tandem_lifecycle_rules_set_property;

  /**
   * TandemLifecycleRules:regular-orders:
   *
   * How many orders within
   * [property@Tandem.LifecycleRules:regular-months] make a customer a
   * regular customer; 0 for never.
   *
   * Since: 1.0
   */
  rules_properties[RULES_PROP_REGULAR_ORDERS]
      = g_param_spec_uint ("regular-orders", NULL, NULL, 0, G_MAXUINT, 3, flags);

  /**
   * TandemLifecycleRules:regular-months:
   *
   * The window, in calendar months, in which the orders are counted.
   *
   * Since: 1.0
   */
  rules_properties[RULES_PROP_REGULAR_MONTHS]
      = g_param_spec_uint ("regular-months", NULL, NULL, 0, G_MAXUINT, 12, flags);

  /**
   * TandemLifecycleRules:lost-after-days:
   *
   * After how many days without an order a customer is lost; 0 for never.
   *
   * Since: 1.0
   */
  rules_properties[RULES_PROP_LOST_AFTER_DAYS]
      = g_param_spec_uint ("lost-after-days", NULL, NULL, 0, G_MAXUINT, 365, flags);

  g_object_class_install_properties (object_class, RULES_N_PROPS, rules_properties);
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
guint
tandem_lifecycle_rules_get_regular_orders (TandemLifecycleRules *self)
{
  g_return_val_if_fail (TANDEM_IS_LIFECYCLE_RULES (self), 0);

  return self->regular_orders;
}

/**
 * tandem_lifecycle_rules_set_regular_orders:
 * @self: a `TandemLifecycleRules`
 * @regular_orders: the number of orders, 0 for never
 *
 * Sets [property@Tandem.LifecycleRules:regular-orders].
 *
 * Since: 1.0
 */
void
tandem_lifecycle_rules_set_regular_orders (TandemLifecycleRules *self, guint regular_orders)
{
  g_return_if_fail (TANDEM_IS_LIFECYCLE_RULES (self));

  if (self->regular_orders == regular_orders)
    return;
  self->regular_orders = regular_orders;
  g_object_notify_by_pspec (G_OBJECT (self), rules_properties[RULES_PROP_REGULAR_ORDERS]);
}

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
guint
tandem_lifecycle_rules_get_regular_months (TandemLifecycleRules *self)
{
  g_return_val_if_fail (TANDEM_IS_LIFECYCLE_RULES (self), 0);

  return self->regular_months;
}

/**
 * tandem_lifecycle_rules_set_regular_months:
 * @self: a `TandemLifecycleRules`
 * @regular_months: the window in months, 1–120
 *
 * Sets [property@Tandem.LifecycleRules:regular-months].
 *
 * Since: 1.0
 */
void
tandem_lifecycle_rules_set_regular_months (TandemLifecycleRules *self, guint regular_months)
{
  g_return_if_fail (TANDEM_IS_LIFECYCLE_RULES (self));

  if (self->regular_months == regular_months)
    return;
  self->regular_months = regular_months;
  g_object_notify_by_pspec (G_OBJECT (self), rules_properties[RULES_PROP_REGULAR_MONTHS]);
}

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
guint
tandem_lifecycle_rules_get_lost_after_days (TandemLifecycleRules *self)
{
  g_return_val_if_fail (TANDEM_IS_LIFECYCLE_RULES (self), 0);

  return self->lost_after_days;
}

/**
 * tandem_lifecycle_rules_set_lost_after_days:
 * @self: a `TandemLifecycleRules`
 * @lost_after_days: the number of days, 0 for never
 *
 * Sets [property@Tandem.LifecycleRules:lost-after-days].
 *
 * Since: 1.0
 */
void
tandem_lifecycle_rules_set_lost_after_days (TandemLifecycleRules *self, guint lost_after_days)
{
  g_return_if_fail (TANDEM_IS_LIFECYCLE_RULES (self));

  if (self->lost_after_days == lost_after_days)
    return;
  self->lost_after_days = lost_after_days;
  g_object_notify_by_pspec (G_OBJECT (self), rules_properties[RULES_PROP_LOST_AFTER_DAYS]);
}

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
/* The rules as a pure function                                        */

static gint64
months_before (gint64 usec, int months)
{
  g_autoptr (GDateTime) at = _tandem_time_from_usec (usec);
  g_autoptr (GDateTime) start = g_date_time_add_months (at, -months);

  return start != NULL ? _tandem_time_to_usec (start) : G_MININT64;
}

/* The index of the first order later than @usec. */
static guint
orders_up_to (const GArray *orders, gint64 usec)
{
  guint lo = 0, hi = orders->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (orders, TandemOrderRecord, mid).occurred_at <= usec)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static void
push_step (GArray *steps, gint64 account_id, int stage, gint64 at, int cause, gint64 activity_id)
{
  TandemStageRecord step = { account_id, stage, at, cause, activity_id };

  g_array_append_val (steps, step);
}

gboolean
_tandem_stage_is_active (int stage)
{
  return stage == TANDEM_ACCOUNT_STAGE_CUSTOMER || stage == TANDEM_ACCOUNT_STAGE_REGULAR;
}

GArray *
_tandem_lifecycle_steps (const TandemLifecycleRecord *rules,
                         gint64                       account_id,
                         int                          stage,
                         gint64                       since,
                         const GArray                *orders,
                         gint64                       now)
{
  GArray *steps = g_array_new (FALSE, TRUE, sizeof (TandemStageRecord));
  gint64  lost = (gint64)rules->lost_after_days * USEC_PER_DAY;
  gint64  last_order = G_MININT64;

  for (guint i = 0; i < orders->len; i++)
    {
      const TandemOrderRecord *o = &g_array_index (orders, TandemOrderRecord, i);

      /* orders before the latest change are history: they only count */
      if (o->occurred_at < since)
        {
          last_order = o->occurred_at;
          continue;
        }

      if (lost > 0 && _tandem_stage_is_active (stage))
        {
          gint64 ref = MAX (last_order, since);

          if (o->occurred_at - ref > lost)
            {
              stage = TANDEM_ACCOUNT_STAGE_LOST;
              since = ref + lost;
              push_step (steps, account_id, stage, since, TANDEM_STAGE_CAUSE_NO_ORDERS, 0);
            }
        }

      if (stage == TANDEM_ACCOUNT_STAGE_PROSPECT || stage == TANDEM_ACCOUNT_STAGE_LOST)
        {
          int cause = stage == TANDEM_ACCOUNT_STAGE_PROSPECT ? TANDEM_STAGE_CAUSE_FIRST_ORDER
                                                             : TANDEM_STAGE_CAUSE_WON_BACK;

          stage = TANDEM_ACCOUNT_STAGE_CUSTOMER;
          since = o->occurred_at;
          push_step (steps, account_id, stage, since, cause, o->id);
        }

      if (stage == TANDEM_ACCOUNT_STAGE_CUSTOMER && rules->regular_orders > 0)
        {
          gint64 opens = months_before (o->occurred_at, rules->regular_months);
          guint  n = orders_up_to (orders, o->occurred_at) - orders_up_to (orders, opens);

          if (n >= (guint)rules->regular_orders)
            {
              stage = TANDEM_ACCOUNT_STAGE_REGULAR;
              since = o->occurred_at;
              push_step (steps, account_id, stage, since, TANDEM_STAGE_CAUSE_REPEAT_ORDERS, o->id);
            }
        }

      last_order = o->occurred_at;
    }

  if (now != TANDEM_LIFECYCLE_NO_TIME && lost > 0 && _tandem_stage_is_active (stage))
    {
      gint64 ref = MAX (last_order, since);

      if (now - ref > lost)
        push_step (steps, account_id, TANDEM_ACCOUNT_STAGE_LOST, ref + lost,
                   TANDEM_STAGE_CAUSE_NO_ORDERS, 0);
    }

  return steps;
}

/* The store runs this whenever orders arrive for an account, in the same
 * transaction: the lifecycle registers itself, the store never calls up. */
static gboolean
on_orders (TandemBackend *backend,
           const gint64  *account_ids,
           guint          n_accounts,
           GArray        *changes,
           GError       **error)
{
  TandemLifecycleRecord rules;

  return tandem_backend_load_lifecycle (backend, &rules, error)
         && _tandem_lifecycle_apply_accounts (backend, &rules, account_ids, n_accounts,
                                              TANDEM_LIFECYCLE_NO_TIME, changes, error);
}

static void __attribute__ ((constructor)) tandem_lifecycle_register (void)
{
  _tandem_store_set_orders_hook (on_orders);
}

gboolean
_tandem_lifecycle_apply_account (TandemBackend               *backend,
                                 const TandemLifecycleRecord *rules,
                                 gint64                       account_id,
                                 gint64                       now,
                                 GArray                      *made,
                                 GError                     **error)
{
  TandemAccountRecord record = { 0 };
  g_autoptr (GArray) history = NULL;
  g_autoptr (GArray) orders = NULL;
  g_autoptr (GArray) steps = NULL;
  gint64   since = G_MININT64;
  gboolean ok = TRUE;

  if (!tandem_backend_load_account (backend, account_id, &record, error))
    return FALSE;
  if (record.archived)
    goto out;

  if ((history = tandem_backend_list_stage_changes (backend, account_id, error)) == NULL
      || (orders = tandem_backend_list_orders (backend, account_id, error)) == NULL)
    {
      ok = FALSE;
      goto out;
    }
  if (history->len > 0)
    since = g_array_index (history, TandemStageRecord, history->len - 1).changed_at;

  steps = _tandem_lifecycle_steps (rules, account_id, record.stage, since, orders, now);
  if (steps->len == 0)
    goto out;

  for (guint i = 0; ok && i < steps->len; i++)
    ok = tandem_backend_add_stage_change (backend, &g_array_index (steps, TandemStageRecord, i),
                                          error);
  record.stage = g_array_index (steps, TandemStageRecord, steps->len - 1).stage;
  if (ok)
    ok = tandem_backend_update_account (backend, &record, error);
  if (ok)
    g_array_append_vals (made, steps->data, steps->len);

out:
  tandem_account_record_clear (&record);
  return ok;
}

/* Up to this many accounts, reading each one's rows is cheaper than
 * reading every account's. */
#define FEW_ACCOUNTS 32
#define ACCOUNTS_PER_READ 1024

gboolean
_tandem_lifecycle_apply_accounts (TandemBackend               *backend,
                                  const TandemLifecycleRecord *rules,
                                  const gint64                *account_ids,
                                  guint                        n_accounts,
                                  gint64                       now,
                                  GArray                      *made,
                                  GError                     **error)
{
  g_autoptr (GArray) accounts = NULL;
  g_autoptr (GArray) history = NULL;
  g_autoptr (GArray) orders = NULL;
  g_autoptr (GArray) steps = NULL;
  g_autoptr (GArray) finals = NULL;
  g_autoptr (GArray) mine = NULL;
  guint a = 0, h = 0, o = 0;

  if (n_accounts <= FEW_ACCOUNTS)
    {
      for (guint i = 0; i < n_accounts; i++)
        if (!_tandem_lifecycle_apply_account (backend, rules, account_ids[i], now, made, error))
          return FALSE;
      return TRUE;
    }

  /* each list is ordered by account: walk them side by side; orders and
   * stage changes are read for ACCOUNTS_PER_READ accounts at a time, so
   * memory does not grow with the store */
  if ((accounts = tandem_backend_list_accounts (backend, error)) == NULL)
    return FALSE;

  steps = g_array_new (FALSE, TRUE, sizeof (TandemStageRecord));
  finals = g_array_new (FALSE, TRUE, sizeof (TandemStageRecord));
  mine = g_array_new (FALSE, TRUE, sizeof (TandemOrderRecord));
  for (guint i = 0; i < n_accounts; i++)
    {
      gint64                     id = account_ids[i];
      const TandemAccountRecord *account;
      g_autoptr (GArray) made_here = NULL;
      gint64 since = G_MININT64;

      g_assert (i == 0 || account_ids[i - 1] < id);
      if (i % ACCOUNTS_PER_READ == 0)
        {
          gint64 last = account_ids[MIN (i + ACCOUNTS_PER_READ, n_accounts) - 1];

          g_clear_pointer (&history, g_array_unref);
          g_clear_pointer (&orders, g_array_unref);
          h = o = 0;
          if ((history = tandem_backend_list_stage_changes_between (backend, id, last, error))
                  == NULL
              || (orders = tandem_backend_list_orders_between (backend, id, last, error)) == NULL)
            return FALSE;
        }
      while (a < accounts->len && g_array_index (accounts, TandemAccountRecord, a).id < id)
        a++;
      while (h < history->len && g_array_index (history, TandemStageRecord, h).account_id < id)
        h++;
      for (; h < history->len && g_array_index (history, TandemStageRecord, h).account_id == id;
           h++)
        since = g_array_index (history, TandemStageRecord, h).changed_at;
      while (o < orders->len && g_array_index (orders, TandemOrderRecord, o).account_id < id)
        o++;
      g_array_set_size (mine, 0);
      for (; o < orders->len && g_array_index (orders, TandemOrderRecord, o).account_id == id; o++)
        g_array_append_val (mine, g_array_index (orders, TandemOrderRecord, o));

      if (a >= accounts->len
          || (account = &g_array_index (accounts, TandemAccountRecord, a))->id != id)
        {
          g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_FOUND,
                       _ ("No %s with id %" PRId64), _ ("account"), id);
          return FALSE;
        }
      if (account->archived)
        continue;

      made_here = _tandem_lifecycle_steps (rules, id, account->stage, since, mine, now);
      if (made_here->len == 0)
        continue;
      g_array_append_vals (steps, made_here->data, made_here->len);
      g_array_append_val (finals, g_array_index (made_here, TandemStageRecord, made_here->len - 1));
    }

  if (!tandem_backend_add_stage_changes (backend, (const TandemStageRecord *)(void *)steps->data,
                                         steps->len, error)
      || !tandem_backend_set_account_stages (
          backend, (const TandemStageRecord *)(void *)finals->data, finals->len, error))
    return FALSE;
  g_array_append_vals (made, steps->data, steps->len);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* The store's rules                                                   */

/**
 * tandem_store_get_lifecycle_rules:
 * @self: a `TandemStore`
 * @error: return location for a #GError
 *
 * Reads the lifecycle rules the store applies; the defaults until
 * [method@Tandem.Store.set_lifecycle_rules] was called.
 *
 * Returns: (transfer full): a copy of the rules, or %NULL with @error set
 *
 * Since: 1.0
 */
TandemLifecycleRules *
tandem_store_get_lifecycle_rules (TandemStore *self, GError **error)
{
  TandemLifecycleRecord record;
  TandemLifecycleRules *rules;
  gboolean              ok;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  {
    g_autoptr (TandemTransaction) tx = _tandem_transaction_new (self);

    ok = tandem_backend_load_lifecycle (_tandem_transaction_get_backend (tx), &record, error);
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
 * tandem_store_set_lifecycle_rules:
 * @self: a `TandemStore`
 * @rules: the rules
 * @error: return location for a #GError
 *
 * Stores the rules applied from now on, after
 * [method@Tandem.LifecycleRules.validate]. Stages already recorded stay;
 * the new rules apply to the next orders and to
 * [method@Tandem.Store.apply_lifecycle].
 *
 * Returns: %TRUE on success
 *
 * Since: 1.0
 */
gboolean
tandem_store_set_lifecycle_rules (TandemStore *self, TandemLifecycleRules *rules, GError **error)
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
         && tandem_backend_save_lifecycle (_tandem_transaction_get_backend (tx), &record, error)
         && _tandem_transaction_commit_audited (tx, "lifecycle", what, error);
  }
  return ok;
}

/**
 * tandem_store_apply_lifecycle:
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
tandem_store_apply_lifecycle (TandemStore *self, GDateTime *at, GError **error)
{
  g_autoptr (GArray) accounts = NULL;
  g_autoptr (GArray) made = g_array_new (FALSE, TRUE, sizeof (TandemStageRecord));
  TandemLifecycleRecord rules;
  TandemBackend        *backend;
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
  backend = _tandem_transaction_get_backend (tx);
  ok = tandem_backend_load_lifecycle (backend, &rules, error)
       && (accounts = tandem_backend_list_accounts (backend, error)) != NULL
       && _tandem_transaction_begin (tx, error);
  if (ok)
    {
      g_autoptr (GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), accounts->len);

      for (guint i = 0; i < accounts->len; i++)
        g_array_append_val (ids, g_array_index (accounts, TandemAccountRecord, i).id);
      ok = _tandem_lifecycle_apply_accounts (backend, &rules, (const gint64 *)(void *)ids->data,
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
