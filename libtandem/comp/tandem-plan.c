/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-plan.c: compensation plans, read from key files */

#include "config.h"

#include "tandem-record-private.h"

#include "tandem-i18n-private.h"
#include <string.h>

#include "tandem-plan.h"
#include "tandem-plan-private.h"
#include "tandem-currency-private.h"
#include "tandem-enum-types.h"
#include "tandem-rate-private.h"
#include "tandem-util-private.h"

/**
 * TandemPlan:
 *
 * A compensation plan, read from a key file:
 *
 * ```
 * [Plan]
 * Name=Standard
 * Currency=EUR
 * Period=month
 * TimeZone=Europe/Berlin
 * CommissionRate=5%
 * InsideShare=40%
 *
 * [Kind cross-sell]
 * InsideShare=70%
 *
 * [TeamBonus]
 * Attainment=100%
 * Amount=1000.00 EUR
 * Split=equal
 *
 * [Accelerator]
 * Above=120%
 * Multiplier=1.5
 *
 * [Cap]
 * PerRep=10000.00 EUR
 *
 * [Referral]
 * Amount=50.00 EUR
 *
 * [Clawback]
 * WindowDays=90
 * ```
 *
 * `[Plan]` needs `Name`, `Currency` and `CommissionRate`; `Period`
 * defaults to `month`, `TimeZone` to `UTC`, `InsideShare` to 50% and
 * `PayOn` to `order`. `PayOn=payment` pays on collection: an order's
 * commission and accelerator are computed as usual in its period but
 * paid in the periods of its payments ([ctor@Tandem.Activity.new_payment]);
 * see [ctor@Tandem.Settlement.new].
 * `[Kind order]`, `[Kind cross-sell]` and `[Kind up-sell]` may override
 * `CommissionRate`, `InsideShare` and `Base`, and so may `[Product NAME]`
 * and `[Category NAME]` for what a sale sold
 * ([property@Tandem.Activity:product], [property@Tandem.Activity:category]).
 * Each key is taken from the most specific group that sets it: the
 * product's, then the category's, then the kind's, then `[Plan]`.
 * `Base=margin` pays commission on the margin, the amount less the
 * [property@Tandem.Activity:cost] (nothing on a sale at a loss), instead
 * of on the amount (`Base=amount`, the default). `[Spiff NAME]` pays a
 * SPIF, a short incentive: `Amount=` per unit sold of `Product=` or
 * `Category=`, for sales dated from the period `From=` to the period
 * `Until=` (open without it), split by the sale's inside share
 * (`Split=share`, the default) or half each (`Split=equal`); a reversal
 * takes back its share like commission. The other groups are optional: a
 * plan without `[TeamBonus]` pays no team bonus, and so on. Unknown
 * groups and keys are errors, and every error names the group, the key
 * and the value: `[Kind cross-sell] InsideShare=140%: must be between 0%
 * and 100%`.
 *
 * `[Payroll]` prepares the payroll export
 * ([func@Tandem.PayrollProfile.export]): each line kind's nick maps to a
 * wage type (Lohnart) from 1 to 9999 (`commission=300`, `team-bonus=301`,
 * `draw=310`, …); `Consultant` and `Client` are the DATEV consultant
 * (1–7 digits) and client (1–5 digits) numbers the LODAS file needs. Two
 * settings differ between payroll offices: `AmountKey` (the LODAS `bs_nr`,
 * default 2) and `DateFormat` (`TT.MM.JJJJ`, the default, `TT.MM.JJ` or
 * `TTMMJJJJ`).
 *
 * How a plan is applied is described at [ctor@Tandem.Settlement.new].
 *
 * Since: 1.0
 */
struct _TandemPlan
{
  GObject parent_instance;

  char            *data;
  char            *name;
  char             currency[4];
  TandemPeriodKind period_kind;
  GTimeZone       *zone;
  TandemPlanRules  rules;
};

G_DEFINE_FINAL_TYPE (TandemPlan, tandem_plan, G_TYPE_OBJECT)

/**
 * tandem_plan_error_quark:
 *
 * The quark of the %TANDEM_PLAN_ERROR domain.
 *
 * Returns: the error domain
 *
 * Since: 1.0
 */
/* clang-format off */
G_DEFINE_QUARK (tandem-plan-error-quark, tandem_plan_error)
/* clang-format on */

static const TandemField fields[] = {
  /**
   * TandemPlan:name:
   *
   * The plan's name, from `[Plan] Name`.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_STRING (TandemPlan, name, "name"),
  /**
   * TandemPlan:currency:
   *
   * The ISO 4217 code every amount of the plan is in.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_COMPUTED_STRING ("currency", tandem_plan_get_currency),
  /**
   * TandemPlan:period-kind:
   *
   * Whether the plan settles months, quarters or years.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_ENUM (TandemPlan,
                     period_kind,
                     "period-kind",
                     tandem_period_kind_get_type,
                     TANDEM_PERIOD_KIND_MONTH),
  /**
   * TandemPlan:time-zone:
   *
   * The time zone periods are cut in.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_BOXED (TandemPlan, zone, "time-zone", g_time_zone_get_type),
  /**
   * TandemPlan:pay-on:
   *
   * When the plan pays an order's commission and accelerator: in the
   * order's period, or as the customer pays (`PayOn=payment` in `[Plan]`).
   *
   * Since: 1.0
   */
  TANDEM_FIELD_ENUM (TandemPlan,
                     rules.pay_on,
                     "pay-on",
                     tandem_pay_on_get_type,
                     TANDEM_PAY_ON_ORDER),
};

static void
tandem_plan_finalize (GObject *object)
{
  TandemPlan *self = (TandemPlan *)object;

  g_clear_pointer (&self->data, g_free);
  g_clear_pointer (&self->rules.products, g_hash_table_unref);
  g_clear_pointer (&self->rules.categories, g_hash_table_unref);
  g_clear_pointer (&self->rules.group_names, g_ptr_array_unref);
  g_clear_pointer (&self->rules.spiffs, g_array_unref);
  _tandem_record_finalize (object);
}

static void
tandem_plan_class_init (TandemPlanClass *klass)
{
  _tandem_record_class_init (G_OBJECT_CLASS (klass), fields, G_N_ELEMENTS (fields),
                             G_PARAM_READABLE, NULL);
  G_OBJECT_CLASS (klass)->finalize = tandem_plan_finalize;
}

static void
spiff_rule_clear (gpointer data)
{
  TandemSpiffRule *rule = data;

  g_free (rule->product);
  g_free (rule->category);
}

static void
tandem_plan_init (TandemPlan *self)
{
  self->rules.products = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->rules.categories = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->rules.group_names = g_ptr_array_new_with_free_func (g_free);
  self->rules.spiffs = g_array_new (FALSE, TRUE, sizeof (TandemSpiffRule));
  g_array_set_clear_func (self->rules.spiffs, spiff_rule_clear);
}

static char *
get_value (GKeyFile *kf, const char *group, const char *key, gboolean required, GError **error)
{
  char *value;

  if (!g_key_file_has_key (kf, group, key, NULL))
    {
      if (required)
        g_set_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_MISSING_KEY,
                     _ ("[%s] %s is missing"), group, key);
      return NULL;
    }

  value = g_key_file_get_value (kf, group, key, NULL);
  g_strstrip (value);
  return value;
}

/* Percentages of shares: 0% to 100%, whole basis points. */
static gboolean
parse_share (const char *group, const char *key, const char *value, int *bp, GError **error)
{
  gint64 rate;

  if (!_tandem_rate_parse_percent (value, &rate, NULL) || rate % TANDEM_RATE_BASIS_POINT != 0)
    return _tandem_plan_value_error (
        error, group, key, value,
        _ ("expected a percentage with at most two decimals, such as 40% or 33.33%"));
  if (rate < 0 || rate > 100 * TANDEM_RATE_PERCENT)
    return _tandem_plan_value_error (error, group, key, value, _ ("must be between 0% and 100%"));
  *bp = (int)(rate / TANDEM_RATE_BASIS_POINT);
  return TRUE;
}

static gboolean
parse_rate (const char *group,
            const char *key,
            const char *value,
            gint64      max,
            gint64     *rate,
            GError    **error)
{
  if (!_tandem_rate_parse_percent (value, rate, NULL))
    return _tandem_plan_value_error (error, group, key, value,
                                     _ ("expected a percentage such as 5% or 0.125%"));
  if (*rate < 0 || *rate > max)
    {
      g_autofree char *limit = _tandem_rate_to_percent_string (max);
      g_autofree char *what = g_strdup_printf (_ ("must be between 0%% and %s"), limit);

      return _tandem_plan_value_error (error, group, key, value, what);
    }
  return TRUE;
}

static gboolean
parse_amount (TandemPlan *self,
              const char *group,
              const char *key,
              const char *value,
              gint64     *minor,
              GError    **error)
{
  g_autoptr (GError) local = NULL;
  char code[4];

  if (!_tandem_money_parse_parts (value, minor, code, &local))
    return _tandem_plan_value_error (error, group, key, value, local->message);
  if (strcmp (code, self->currency) != 0)
    {
      g_set_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_CURRENCY_MISMATCH,
                   _ ("[%s] %s=%s: the plan’s currency is %s"), group, key, value, self->currency);
      return FALSE;
    }
  if (*minor < 0)
    return _tandem_plan_value_error (error, group, key, value, _ ("must not be negative"));
  return TRUE;
}

static gboolean
check_keys (GKeyFile *kf, const char *group, const char *const *allowed, GError **error)
{
  g_auto (GStrv) keys = g_key_file_get_keys (kf, group, NULL, NULL);

  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    if (!g_strv_contains (allowed, keys[i]))
      {
        g_autofree char *list = g_strjoinv (", ", (char **)allowed);

        g_set_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_UNKNOWN_KEY,
                     _ ("[%s] %s: unknown key (expected %s)"), group, keys[i], list);
        return FALSE;
      }
  return TRUE;
}

/* Base=amount|margin: what commission is a share of. */
static gboolean
parse_base (GKeyFile *kf, const char *group, gboolean *has_base, gboolean *margin, GError **error)
{
  g_autofree char *base = get_value (kf, group, "Base", FALSE, NULL);

  *has_base = base != NULL;
  *margin = FALSE;
  if (base == NULL || g_ascii_strcasecmp (base, "amount") == 0)
    return TRUE;
  if (g_ascii_strcasecmp (base, "margin") == 0)
    {
      *margin = TRUE;
      return TRUE;
    }
  return _tandem_plan_value_error (error, group, "Base", base,
                                   _ ("expected amount or margin (the amount less the cost)"));
}

static gboolean
parse_plan_group (TandemPlan *self, GKeyFile *kf, GError **error)
{
  static const char *const allowed[]
      = { "Name",        "Currency", "Period", "TimeZone", "CommissionRate",
          "InsideShare", "PayOn",    "Base",   NULL };
  const char      *g = "Plan";
  g_autofree char *name = NULL;
  g_autofree char *currency = NULL;
  g_autofree char *period = NULL;
  g_autofree char *zone = NULL;
  g_autofree char *rate = NULL;
  g_autofree char *share = NULL;
  g_autofree char *pay_on = NULL;
  gboolean         has_base;

  if (!g_key_file_has_group (kf, g))
    {
      g_set_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_MISSING_KEY,
                   _ ("[Plan] group is missing"));
      return FALSE;
    }
  if (!check_keys (kf, g, allowed, error))
    return FALSE;

  if ((name = get_value (kf, g, "Name", TRUE, error)) == NULL
      || (currency = get_value (kf, g, "Currency", TRUE, error)) == NULL
      || (rate = get_value (kf, g, "CommissionRate", TRUE, error)) == NULL)
    return FALSE;

  if (*name == '\0' || !g_utf8_validate (name, -1, NULL))
    return _tandem_plan_value_error (error, g, "Name", name, _ ("must be a non-empty name"));
  self->name = g_steal_pointer (&name);

  if (_tandem_currency_find (currency) == NULL)
    return _tandem_plan_value_error (error, g, "Currency", currency,
                                     _ ("not an active ISO 4217 code such as EUR"));
  g_strlcpy (self->currency, currency, sizeof self->currency);

  period = get_value (kf, g, "Period", FALSE, NULL);
  if (period == NULL || g_ascii_strcasecmp (period, "month") == 0)
    self->period_kind = TANDEM_PERIOD_KIND_MONTH;
  else if (g_ascii_strcasecmp (period, "quarter") == 0)
    self->period_kind = TANDEM_PERIOD_KIND_QUARTER;
  else if (g_ascii_strcasecmp (period, "year") == 0)
    self->period_kind = TANDEM_PERIOD_KIND_YEAR;
  else
    return _tandem_plan_value_error (error, g, "Period", period,
                                     _ ("expected month, quarter or year"));

  zone = get_value (kf, g, "TimeZone", FALSE, NULL);
  if (zone == NULL || g_strcmp0 (zone, "UTC") == 0)
    self->zone = g_time_zone_new_utc ();
  else
    {
      self->zone = g_time_zone_new_identifier (zone);
      if (self->zone == NULL)
        return _tandem_plan_value_error (
            error, g, "TimeZone", zone,
            _ ("unknown time zone (expected a name such as Europe/Berlin)"));
    }

  if (!parse_rate (g, "CommissionRate", rate, 100 * TANDEM_RATE_PERCENT,
                   &self->rules.commission_rate, error))
    return FALSE;

  share = get_value (kf, g, "InsideShare", FALSE, NULL);
  self->rules.inside_share_bp = 5000;
  if (share != NULL && !parse_share (g, "InsideShare", share, &self->rules.inside_share_bp, error))
    return FALSE;

  pay_on = get_value (kf, g, "PayOn", FALSE, NULL);
  if (pay_on == NULL || g_ascii_strcasecmp (pay_on, "order") == 0)
    self->rules.pay_on = TANDEM_PAY_ON_ORDER;
  else if (g_ascii_strcasecmp (pay_on, "payment") == 0)
    self->rules.pay_on = TANDEM_PAY_ON_PAYMENT;
  else
    return _tandem_plan_value_error (error, g, "PayOn", pay_on, _ ("expected order or payment"));

  return parse_base (kf, g, &has_base, &self->rules.margin, error);
}

/* CommissionRate, InsideShare and Base of a [Kind …], [Product …] or
 * [Category …] group. */
static gboolean
parse_rule (GKeyFile *kf, const char *group, TandemKindRule *rule, GError **error)
{
  static const char *const allowed[] = { "CommissionRate", "InsideShare", "Base", NULL };
  g_autofree char         *rate = NULL;
  g_autofree char         *share = NULL;

  if (!check_keys (kf, group, allowed, error))
    return FALSE;
  rate = get_value (kf, group, "CommissionRate", FALSE, NULL);
  if (rate != NULL)
    {
      if (!parse_rate (group, "CommissionRate", rate, 100 * TANDEM_RATE_PERCENT, &rule->rate,
                       error))
        return FALSE;
      rule->has_rate = TRUE;
    }
  share = get_value (kf, group, "InsideShare", FALSE, NULL);
  if (share != NULL)
    {
      if (!parse_share (group, "InsideShare", share, &rule->share_bp, error))
        return FALSE;
      rule->has_share = TRUE;
    }
  return parse_base (kf, group, &rule->has_base, &rule->margin, error);
}

static gboolean
parse_kind_group (TandemPlan *self, GKeyFile *kf, const char *group, GError **error)
{
  const char        *nick = group + strlen ("Kind ");
  TandemActivityKind kind;

  if (!tandem_activity_kind_from_nick (nick, &kind, NULL)
      || !tandem_activity_kind_is_commissionable (kind))
    {
      g_set_error (
          error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_UNKNOWN_GROUP,
          _ ("[%s]: unknown group (kinds with their own rules are order, cross-sell and up-sell)"),
          group);
      return FALSE;
    }
  return parse_rule (kf, group, &self->rules.kinds[kind], error);
}

/* [Product NAME] and [Category NAME]: the rules of what was sold. */
static gboolean
parse_sold_group (TandemPlan *self, GKeyFile *kf, const char *group, GError **error)
{
  gboolean        product = g_str_has_prefix (group, "Product ");
  const char     *name = group + strlen (product ? "Product " : "Category ");
  TandemKindRule *rule = g_new0 (TandemKindRule, 1);

  if (*name == '\0' || g_ascii_isspace (*name))
    {
      g_free (rule);
      g_set_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_UNKNOWN_GROUP,
                   _ ("[%s]: a product or category group names it: [Product P-100], "
                      "[Category Maschinen]"),
                   group);
      return FALSE;
    }
  if (!parse_rule (kf, group, rule, error))
    {
      g_free (rule);
      return FALSE;
    }
  g_ptr_array_add (self->rules.group_names, g_strdup (group));
  rule->group = self->rules.group_names->len;
  g_hash_table_replace (product ? self->rules.products : self->rules.categories, g_strdup (name),
                        rule);
  return TRUE;
}

/* The start of the period @key names, or of the one after it (@after). */
static gboolean
parse_period_time (TandemPlan *self,
                   const char *group,
                   const char *key,
                   const char *value,
                   gboolean    after,
                   gint64     *at)
{
  g_autoptr (TandemPeriod) period = tandem_plan_parse_period (self, value, NULL);
  g_autoptr (TandemPeriod) next = NULL;

  if (period == NULL)
    return FALSE;
  if (after)
    next = tandem_period_get_next (period);
  *at = _tandem_plan_period_start (self, after ? next : period);
  return TRUE;
}

/* [Spiff NAME]: Product= or Category=, Amount= per unit sold, From= (and
 * Until=) periods, Split=share|equal. */
static gboolean
parse_spiff_group (TandemPlan *self, GKeyFile *kf, const char *group, GError **error)
{
  static const char *const allowed[]
      = { "Product", "Category", "Amount", "From", "Until", "Split", NULL };
  g_autofree char *amount = NULL;
  g_autofree char *from = NULL;
  g_autofree char *until = NULL;
  g_autofree char *split = NULL;
  TandemSpiffRule  rule = { 0 };

  if (!check_keys (kf, group, allowed, error))
    return FALSE;
  rule.product = get_value (kf, group, "Product", FALSE, NULL);
  rule.category = get_value (kf, group, "Category", FALSE, NULL);
  if ((rule.product == NULL) == (rule.category == NULL))
    {
      spiff_rule_clear (&rule);
      g_set_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_MISSING_KEY,
                   _ ("[%s] needs Product= or Category= (one of them)"), group);
      return FALSE;
    }
  rule.until_at = G_MAXINT64;
  if ((amount = get_value (kf, group, "Amount", TRUE, error)) == NULL
      || !parse_amount (self, group, "Amount", amount, &rule.amount, error)
      || (from = get_value (kf, group, "From", TRUE, error)) == NULL)
    {
      spiff_rule_clear (&rule);
      return FALSE;
    }
  if (!parse_period_time (self, group, "From", from, FALSE, &rule.from_at))
    {
      spiff_rule_clear (&rule);
      return _tandem_plan_value_error (error, group, "From", from,
                                       _ ("not a period of the plan (such as 2026-11)"));
    }
  until = get_value (kf, group, "Until", FALSE, NULL);
  if (until != NULL
      && (!parse_period_time (self, group, "Until", until, TRUE, &rule.until_at)
          || rule.until_at <= rule.from_at))
    {
      spiff_rule_clear (&rule);
      return _tandem_plan_value_error (error, group, "Until", until,
                                       _ ("not a period of the plan from From= on"));
    }
  split = get_value (kf, group, "Split", FALSE, NULL);
  if (split != NULL && g_ascii_strcasecmp (split, "equal") == 0)
    rule.equal = TRUE;
  else if (split != NULL && g_ascii_strcasecmp (split, "share") != 0)
    {
      spiff_rule_clear (&rule);
      return _tandem_plan_value_error (error, group, "Split", split, _ ("expected share or equal"));
    }
  g_ptr_array_add (self->rules.group_names, g_strdup (group));
  rule.group = self->rules.group_names->len;
  g_array_append_val (self->rules.spiffs, rule);
  return TRUE;
}

static gboolean
parse_optional_groups (TandemPlan *self, GKeyFile *kf, GError **error)
{
  TandemPlanRules *r = &self->rules;

  if (g_key_file_has_group (kf, "TeamBonus"))
    {
      static const char *const allowed[] = { "Attainment", "Amount", "Split", NULL };
      const char              *g = "TeamBonus";
      g_autofree char         *attainment = NULL;
      g_autofree char         *amount = NULL;
      g_autofree char         *split = NULL;

      if (!check_keys (kf, g, allowed, error)
          || (attainment = get_value (kf, g, "Attainment", TRUE, error)) == NULL
          || (amount = get_value (kf, g, "Amount", TRUE, error)) == NULL
          || !parse_rate (g, "Attainment", attainment, 1000 * TANDEM_RATE_PERCENT,
                          &r->bonus_attainment, error)
          || !parse_amount (self, g, "Amount", amount, &r->bonus_amount, error))
        return FALSE;
      if (r->bonus_attainment == 0)
        return _tandem_plan_value_error (error, g, "Attainment", attainment,
                                         _ ("must be above 0%"));

      split = get_value (kf, g, "Split", FALSE, NULL);
      if (split == NULL || g_ascii_strcasecmp (split, "equal") == 0)
        r->bonus_split = TANDEM_SPLIT_METHOD_EQUAL;
      else if (g_ascii_strcasecmp (split, "contribution") == 0)
        r->bonus_split = TANDEM_SPLIT_METHOD_CONTRIBUTION;
      else
        return _tandem_plan_value_error (error, g, "Split", split,
                                         _ ("expected equal or contribution"));
      r->has_bonus = TRUE;
    }

  if (g_key_file_has_group (kf, "Accelerator"))
    {
      static const char *const allowed[] = { "Above", "Multiplier", NULL };
      const char              *g = "Accelerator";
      g_autofree char         *above = NULL;
      g_autofree char         *multiplier = NULL;

      if (!check_keys (kf, g, allowed, error)
          || (above = get_value (kf, g, "Above", TRUE, error)) == NULL
          || (multiplier = get_value (kf, g, "Multiplier", TRUE, error)) == NULL
          || !parse_rate (g, "Above", above, 1000 * TANDEM_RATE_PERCENT, &r->accelerator_above,
                          error))
        return FALSE;
      if (!_tandem_rate_parse_factor (multiplier, &r->accelerator_multiplier, NULL))
        return _tandem_plan_value_error (error, g, "Multiplier", multiplier,
                                         _ ("expected a factor such as 1.5"));
      if (r->accelerator_multiplier < TANDEM_RATE_ONE
          || r->accelerator_multiplier > 10 * TANDEM_RATE_ONE)
        return _tandem_plan_value_error (error, g, "Multiplier", multiplier,
                                         _ ("must be between 1 and 10"));
      r->has_accelerator = TRUE;
    }

  if (g_key_file_has_group (kf, "Cap"))
    {
      static const char *const allowed[] = { "PerRep", NULL };
      g_autofree char         *cap = NULL;

      if (!check_keys (kf, "Cap", allowed, error)
          || (cap = get_value (kf, "Cap", "PerRep", TRUE, error)) == NULL
          || !parse_amount (self, "Cap", "PerRep", cap, &r->cap_per_rep, error))
        return FALSE;
      r->has_cap = TRUE;
    }

  if (g_key_file_has_group (kf, "Referral"))
    {
      static const char *const allowed[] = { "Amount", NULL };
      g_autofree char         *amount = NULL;

      if (!check_keys (kf, "Referral", allowed, error)
          || (amount = get_value (kf, "Referral", "Amount", TRUE, error)) == NULL
          || !parse_amount (self, "Referral", "Amount", amount, &r->referral_amount, error))
        return FALSE;
      r->has_referral = TRUE;
    }

  if (g_key_file_has_group (kf, "Payroll") && !_tandem_payroll_rules_parse (&r->payroll, kf, error))
    return FALSE;

  if (g_key_file_has_group (kf, "Clawback"))
    {
      static const char *const allowed[] = { "WindowDays", NULL };
      g_autofree char         *days = NULL;
      guint64                  value;

      if (!check_keys (kf, "Clawback", allowed, error)
          || (days = get_value (kf, "Clawback", "WindowDays", TRUE, error)) == NULL)
        return FALSE;
      if (!g_ascii_string_to_unsigned (days, 10, 0, 3660, &value, NULL))
        return _tandem_plan_value_error (error, "Clawback", "WindowDays", days,
                                         _ ("expected a number of days from 0 to 3660"));
      r->clawback_days = (int)value;
      r->has_clawback = TRUE;
    }

  return TRUE;
}

/**
 * tandem_plan_new_from_data:
 * @data: the key file text
 * @length: the length of @data, or -1 if it is nul-terminated
 * @error: return location for a #GError
 *
 * Reads a plan from key-file text. See [class@Tandem.Plan] for the format.
 *
 * Returns: (transfer full): the plan, or %NULL with a %TANDEM_PLAN_ERROR
 *   naming the group, key and value at fault
 *
 * Since: 1.0
 */
TandemPlan *
tandem_plan_new_from_data (const char *data, gssize length, GError **error)
{
  static const char *const groups[]
      = { "Plan", "TeamBonus", "Accelerator", "Cap", "Referral", "Clawback", "Payroll", NULL };
  g_autoptr (TandemPlan) self = NULL;
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  g_autoptr (GError) local = NULL;
  g_auto (GStrv) names = NULL;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length < 0)
    length = (gssize)strlen (data);

  if (!g_utf8_validate (data, length, NULL))
    {
      g_set_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_PARSE,
                   _ ("The plan is not valid UTF-8 text"));
      return NULL;
    }

  if (!_tandem_key_file_check_duplicates (data, (gsize)length, TANDEM_PLAN_ERROR,
                                          TANDEM_PLAN_ERROR_PARSE, error))
    return NULL;

  if (!g_key_file_load_from_data (kf, data, (gsize)length, G_KEY_FILE_NONE, &local))
    {
      g_set_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_PARSE,
                   _ ("The plan is not a valid key file: %s"), local->message);
      return NULL;
    }

  self = g_object_new (TANDEM_TYPE_PLAN, NULL);
  self->data = g_strndup (data, (gsize)length);

  names = g_key_file_get_groups (kf, NULL);
  for (guint i = 0; names[i] != NULL; i++)
    if (!g_strv_contains (groups, names[i]) && !g_str_has_prefix (names[i], "Kind ")
        && !g_str_has_prefix (names[i], "Product ") && !g_str_has_prefix (names[i], "Category ")
        && !g_str_has_prefix (names[i], "Spiff "))
      {
        g_set_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_UNKNOWN_GROUP,
                     _ ("[%s]: unknown group (expected Plan, Kind …, Product …, Category …, "
                        "Spiff …, TeamBonus, Accelerator, Cap, Referral, Clawback, Payroll)"),
                     names[i]);
        return NULL;
      }

  if (!parse_plan_group (self, kf, error))
    return NULL;

  for (guint i = 0; names[i] != NULL; i++)
    if ((g_str_has_prefix (names[i], "Kind ") && !parse_kind_group (self, kf, names[i], error))
        || ((g_str_has_prefix (names[i], "Product ") || g_str_has_prefix (names[i], "Category "))
            && !parse_sold_group (self, kf, names[i], error))
        || (g_str_has_prefix (names[i], "Spiff ")
            && !parse_spiff_group (self, kf, names[i], error)))
      return NULL;

  if (!parse_optional_groups (self, kf, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * tandem_plan_new_from_file:
 * @path: (type filename): a key file
 * @error: return location for a #GError
 *
 * Reads a plan from a file. See [ctor@Tandem.Plan.new_from_data].
 *
 * Returns: (transfer full): the plan, or %NULL with a #GFileError or a
 *   %TANDEM_PLAN_ERROR
 *
 * Since: 1.0
 */
TandemPlan *
tandem_plan_new_from_file (const char *path, GError **error)
{
  g_autofree char *data = NULL;
  gsize            length;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &data, &length, error))
    return NULL;

  return tandem_plan_new_from_data (data, (gssize)length, error);
}

/**
 * tandem_plan_get_name:
 * @self: a `TandemPlan`
 *
 * Gets [property@Tandem.Plan:name].
 *
 * Returns: (transfer none): the name
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (const char *, tandem_plan_get_name, TandemPlan, TANDEM_IS_PLAN, name, NULL)

/**
 * tandem_plan_get_currency:
 * @self: a `TandemPlan`
 *
 * Gets [property@Tandem.Plan:currency].
 *
 * Returns: (transfer none): the ISO 4217 code
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (const char *,
                      tandem_plan_get_currency,
                      TandemPlan,
                      TANDEM_IS_PLAN,
                      currency,
                      NULL)

/**
 * tandem_plan_get_period_kind:
 * @self: a `TandemPlan`
 *
 * Gets [property@Tandem.Plan:period-kind].
 *
 * Returns: the kind of period the plan settles
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemPeriodKind,
                      tandem_plan_get_period_kind,
                      TandemPlan,
                      TANDEM_IS_PLAN,
                      period_kind,
                      TANDEM_PERIOD_KIND_MONTH)

/**
 * tandem_plan_get_time_zone:
 * @self: a `TandemPlan`
 *
 * Gets [property@Tandem.Plan:time-zone].
 *
 * Returns: (transfer none): the time zone periods are cut in
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (GTimeZone *,
                      tandem_plan_get_time_zone,
                      TandemPlan,
                      TANDEM_IS_PLAN,
                      zone,
                      NULL)

/**
 * tandem_plan_get_pay_on:
 * @self: a `TandemPlan`
 *
 * Gets [property@Tandem.Plan:pay-on].
 *
 * Returns: when the plan pays an order's commission
 *
 * Since: 1.0
 */
TandemPayOn
tandem_plan_get_pay_on (TandemPlan *self)
{
  g_return_val_if_fail (TANDEM_IS_PLAN (self), TANDEM_PAY_ON_ORDER);

  return self->rules.pay_on;
}

/**
 * tandem_plan_get_data:
 * @self: a `TandemPlan`
 *
 * Gets the key-file text the plan was read from.
 *
 * Returns: (transfer none): the text
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (const char *, tandem_plan_get_data, TandemPlan, TANDEM_IS_PLAN, data, NULL)

/**
 * tandem_plan_parse_period:
 * @self: a `TandemPlan`
 * @text: a period such as "2026-11"
 * @error: return location for a #GError
 *
 * Parses a period and checks that it is of the plan's kind: a monthly
 * plan settles months.
 *
 * Returns: (transfer full): the period, or %NULL with
 *   %TANDEM_PLAN_ERROR_INVALID_PERIOD
 *
 * Since: 1.0
 */
TandemPeriod *
tandem_plan_parse_period (TandemPlan *self, const char *text, GError **error)
{
  g_autoptr (TandemPeriod) period = NULL;
  static const char *const kinds[] = { "month (2026-11)", "quarter (2026-Q4)", "year (2026)" };

  g_return_val_if_fail (TANDEM_IS_PLAN (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  period = tandem_period_parse (text, error);
  if (period == NULL)
    return NULL;

  if (period->kind != self->period_kind)
    {
      g_set_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_INVALID_PERIOD,
                   _ ("Period “%s” does not fit plan “%s”, which settles by %s"), text, self->name,
                   kinds[self->period_kind]);
      return NULL;
    }

  return g_steal_pointer (&period);
}

const TandemPlanRules *
_tandem_plan_get_rules (TandemPlan *self)
{
  return &self->rules;
}

gint64
_tandem_plan_period_start (TandemPlan *plan, const TandemPeriod *period)
{
  g_autoptr (GDateTime) start = tandem_period_get_start (period, tandem_plan_get_time_zone (plan));

  return _tandem_time_to_usec (start);
}

gboolean
_tandem_plan_check_period (TandemPlan *plan, const TandemPeriod *period, GError **error)
{
  g_autofree char *label = NULL;
  g_autoptr (TandemPeriod) checked = NULL;

  if (tandem_period_get_kind (period) == tandem_plan_get_period_kind (plan))
    return TRUE;
  label = tandem_period_to_string (period);
  checked = tandem_plan_parse_period (plan, label, error);
  return checked != NULL;
}
