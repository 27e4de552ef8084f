/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-kpi.c: key figures per tandem and period */

#include "config.h"

#include "tandem-record-private.h"

#include <inttypes.h>
#include "tandem-i18n-private.h"
#include <string.h>

#include "tandem-enum-types.h"
#include "tandem-kpi.h"
#include "tandem-lifecycle-private.h"
#include "tandem-plan-private.h"
#include "tandem-schedule-private.h"
#include "tandem-store-private.h"
#include "tandem-util-private.h"

#define N_KINDS (TANDEM_ACTIVITY_KIND_PAYMENT + 1)

/**
 * TandemKpi:
 *
 * The key figures of one tandem in one period, as
 * [func@Tandem.Kpi.compute] computes them:
 *
 * - revenue: commissionable revenue (orders, cross-sells, up-sells) of the
 *   tandem's accounts in the period, net of the reversals dated in it:
 *   the same figure as [method@Tandem.TeamResult.get_revenue] in the
 *   period's settlement;
 * - attainment: revenue ÷ the tandem's target, in basis points, rounded
 *   down, as in the settlement; -1 without a target;
 * - new customers: prospects that became customers in the period (see
 *   [class@Tandem.Conversion], which [method@Tandem.Kpi.get_conversion]
 *   gives in full);
 * - cross-/up-sell share: the part of the revenue from cross-sells and
 *   up-sells;
 * - referrals collected: REFERRAL activities in the period; referrals
 *   converted: referred accounts whose first order falls in the period,
 *   counted for the tandem of the referring account (where the referral
 *   bonus goes);
 * - activities by kind: how many of each kind were logged in the period,
 *   reversals included;
 * - inside share: the part of the revenue the inside rep logged (a
 *   reversal counts against the rep of the order it takes back), the
 *   measure of inside sales selling on its own.
 *
 * Shares are in basis points of the revenue, rounded down, and -1 when
 * the revenue is zero or negative.
 *
 * Since: 1.0
 */
struct _TandemKpi
{
  GObject           parent_instance;
  TandemTeam       *team;
  char              currency[4];
  gint64            revenue;
  gboolean          has_target;
  gint64            target;
  gint64            cross_up;
  gint64            inside;
  guint             referrals_converted;
  guint             counts[N_KINDS];
  TandemConversion *conversion;
};

/* part ÷ whole in basis points, rounded down; -1 when whole <= 0 */
static int
share_bp (gint64 part, gint64 whole)
{
  __int128 bp;

  if (whole <= 0)
    return -1;
  bp = (__int128)part * 10000;
  /* round toward minus infinity, also for a negative part */
  bp = bp >= 0 ? bp / whole : -((-bp + whole - 1) / whole);
  return (int)CLAMP (bp, G_MININT, G_MAXINT);
}

static const TandemField fields[] = {
  /**
   * TandemKpi:team:
   *
   * The tandem.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_OBJECT (TandemKpi, team, "team", tandem_team_get_type),
  /**
   * TandemKpi:revenue:
   *
   * Commissionable revenue in the period, net of reversals.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_COMPUTED_BOXED_FULL ("revenue", tandem_kpi_get_revenue, tandem_money_get_type),
  /**
   * TandemKpi:target:
   *
   * The tandem's target for the period, or %NULL: its target per plan
   * period times the plan periods in it (a quarter under a monthly plan
   * has three months' targets).
   *
   * Since: 1.0
   */
  TANDEM_FIELD_COMPUTED_BOXED_FULL ("target", tandem_kpi_get_target, tandem_money_get_type),
  /**
   * TandemKpi:attainment:
   *
   * Revenue ÷ target in basis points, rounded down (0 at least); -1
   * without a target.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_COMPUTED_INT ("attainment", tandem_kpi_get_attainment, -1, G_MAXINT, -1),
  /**
   * TandemKpi:new-customers:
   *
   * Prospects that became customers in the period.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_COMPUTED_UINT ("new-customers", tandem_kpi_get_new_customers, 0, G_MAXUINT, 0),
  /**
   * TandemKpi:cross-up-revenue:
   *
   * Revenue from cross-sells and up-sells, net of their reversals.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_COMPUTED_BOXED_FULL ("cross-up-revenue",
                                    tandem_kpi_get_cross_up_revenue,
                                    tandem_money_get_type),
  /**
   * TandemKpi:cross-up-share:
   *
   * Cross-/up-sell revenue ÷ revenue in basis points, rounded down; -1
   * when the revenue is not positive.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_COMPUTED_INT ("cross-up-share",
                             tandem_kpi_get_cross_up_share,
                             G_MININT,
                             G_MAXINT,
                             -1),
  /**
   * TandemKpi:referrals-collected:
   *
   * REFERRAL activities logged in the period.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_COMPUTED_UINT ("referrals-collected",
                              tandem_kpi_get_referrals_collected,
                              0,
                              G_MAXUINT,
                              0),
  /**
   * TandemKpi:referrals-converted:
   *
   * Accounts this tandem's accounts referred whose first order falls in
   * the period.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_UINT (TandemKpi, referrals_converted, "referrals-converted", 0, G_MAXUINT, 0),
  /**
   * TandemKpi:inside-revenue:
   *
   * Revenue the inside rep logged, net of reversals of their orders.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_COMPUTED_BOXED_FULL ("inside-revenue",
                                    tandem_kpi_get_inside_revenue,
                                    tandem_money_get_type),
  /**
   * TandemKpi:inside-share:
   *
   * Inside revenue ÷ revenue in basis points, rounded down; -1 when the
   * revenue is not positive.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_COMPUTED_INT ("inside-share", tandem_kpi_get_inside_share, G_MININT, G_MAXINT, -1),
  /**
   * TandemKpi:conversion:
   *
   * How the tandem's accounts moved through the lifecycle in the period.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_OBJECT (TandemKpi, conversion, "conversion", tandem_conversion_get_type),
};

TANDEM_DEFINE_RECORD_TYPE (TandemKpi, tandem_kpi, fields, G_PARAM_READABLE)

/**
 * tandem_kpi_get_team:
 * @self: a `TandemKpi`
 *
 * Gets [property@Tandem.Kpi:team].
 *
 * Returns: (transfer none): the tandem
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemTeam *, tandem_kpi_get_team, TandemKpi, TANDEM_IS_KPI, team, NULL)

/**
 * tandem_kpi_get_revenue:
 * @self: a `TandemKpi`
 *
 * Gets [property@Tandem.Kpi:revenue].
 *
 * Returns: (transfer full): the revenue
 *
 * Since: 1.0
 */
TandemMoney *
tandem_kpi_get_revenue (TandemKpi *self)
{
  g_return_val_if_fail (TANDEM_IS_KPI (self), NULL);
  return tandem_money_new (self->revenue, self->currency);
}

/**
 * tandem_kpi_get_target:
 * @self: a `TandemKpi`
 *
 * Gets [property@Tandem.Kpi:target].
 *
 * Returns: (transfer full) (nullable): the target, or %NULL
 *
 * Since: 1.0
 */
TandemMoney *
tandem_kpi_get_target (TandemKpi *self)
{
  g_return_val_if_fail (TANDEM_IS_KPI (self), NULL);
  return self->has_target ? tandem_money_new (self->target, self->currency) : NULL;
}

/**
 * tandem_kpi_get_attainment:
 * @self: a `TandemKpi`
 *
 * Gets [property@Tandem.Kpi:attainment].
 *
 * Returns: basis points, or -1 without a target
 *
 * Since: 1.0
 */
int
tandem_kpi_get_attainment (TandemKpi *self)
{
  g_return_val_if_fail (TANDEM_IS_KPI (self), -1);

  if (!self->has_target || self->target <= 0)
    return -1;
  return MAX (share_bp (self->revenue, self->target), 0);
}

/**
 * tandem_kpi_get_new_customers:
 * @self: a `TandemKpi`
 *
 * Gets [property@Tandem.Kpi:new-customers].
 *
 * Returns: the number of accounts won
 *
 * Since: 1.0
 */
guint
tandem_kpi_get_new_customers (TandemKpi *self)
{
  g_return_val_if_fail (TANDEM_IS_KPI (self), 0);
  return tandem_conversion_get_won (self->conversion);
}

/**
 * tandem_kpi_get_cross_up_revenue:
 * @self: a `TandemKpi`
 *
 * Gets [property@Tandem.Kpi:cross-up-revenue].
 *
 * Returns: (transfer full): the revenue from cross-sells and up-sells
 *
 * Since: 1.0
 */
TandemMoney *
tandem_kpi_get_cross_up_revenue (TandemKpi *self)
{
  g_return_val_if_fail (TANDEM_IS_KPI (self), NULL);
  return tandem_money_new (self->cross_up, self->currency);
}

/**
 * tandem_kpi_get_cross_up_share:
 * @self: a `TandemKpi`
 *
 * Gets [property@Tandem.Kpi:cross-up-share].
 *
 * Returns: basis points, or -1
 *
 * Since: 1.0
 */
int
tandem_kpi_get_cross_up_share (TandemKpi *self)
{
  g_return_val_if_fail (TANDEM_IS_KPI (self), -1);
  return share_bp (self->cross_up, self->revenue);
}

/**
 * tandem_kpi_get_referrals_collected:
 * @self: a `TandemKpi`
 *
 * Gets [property@Tandem.Kpi:referrals-collected].
 *
 * Returns: the number of referrals
 *
 * Since: 1.0
 */
guint
tandem_kpi_get_referrals_collected (TandemKpi *self)
{
  g_return_val_if_fail (TANDEM_IS_KPI (self), 0);
  return self->counts[TANDEM_ACTIVITY_KIND_REFERRAL];
}

/**
 * tandem_kpi_get_referrals_converted:
 * @self: a `TandemKpi`
 *
 * Gets [property@Tandem.Kpi:referrals-converted].
 *
 * Returns: the number of referred accounts that ordered first
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (guint,
                      tandem_kpi_get_referrals_converted,
                      TandemKpi,
                      TANDEM_IS_KPI,
                      referrals_converted,
                      0)

/**
 * tandem_kpi_get_inside_revenue:
 * @self: a `TandemKpi`
 *
 * Gets [property@Tandem.Kpi:inside-revenue].
 *
 * Returns: (transfer full): the revenue the inside rep logged
 *
 * Since: 1.0
 */
TandemMoney *
tandem_kpi_get_inside_revenue (TandemKpi *self)
{
  g_return_val_if_fail (TANDEM_IS_KPI (self), NULL);
  return tandem_money_new (self->inside, self->currency);
}

/**
 * tandem_kpi_get_inside_share:
 * @self: a `TandemKpi`
 *
 * Gets [property@Tandem.Kpi:inside-share].
 *
 * Returns: basis points, or -1
 *
 * Since: 1.0
 */
int
tandem_kpi_get_inside_share (TandemKpi *self)
{
  g_return_val_if_fail (TANDEM_IS_KPI (self), -1);
  return share_bp (self->inside, self->revenue);
}

/**
 * tandem_kpi_get_activity_count:
 * @self: a `TandemKpi`
 * @kind: an activity kind
 *
 * How many activities of @kind the tandem's accounts had in the period.
 *
 * Returns: the number of activities; 0 for a value that is no kind
 *
 * Since: 1.0
 */
guint
tandem_kpi_get_activity_count (TandemKpi *self, TandemActivityKind kind)
{
  g_return_val_if_fail (TANDEM_IS_KPI (self), 0);
  return (guint)kind < N_KINDS ? self->counts[kind] : 0;
}

/**
 * tandem_kpi_get_conversion:
 * @self: a `TandemKpi`
 *
 * Gets [property@Tandem.Kpi:conversion].
 *
 * Returns: (transfer none): the tandem's conversion in the period
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemConversion *,
                      tandem_kpi_get_conversion,
                      TandemKpi,
                      TANDEM_IS_KPI,
                      conversion,
                      NULL)

/* An activity in another currency, converted as the settlement converts
 * it: at the rate to the plan's currency in effect at its time (a
 * reversal: its order's), rounded once. */
static gboolean
convert_row (TandemKpi             *kpi,
             const TandemKpiRecord *r,
             TandemPlan            *plan,
             const TandemSchedule  *schedule,
             gint64                *amount,
             GError               **error)
{
  const TandemScheduleRecord *rate
      = _tandem_schedule_rate_at (schedule, r->currency, kpi->currency, r->at);
  gint64 value;

  if (rate == NULL)
    {
      g_autofree char *when = _tandem_time_format (r->at);

      g_set_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_NO_RATE,
                   _ ("Activity #%" PRId64 " of tandem “%s” is in %s; plan “%s” counts "
                      "in %s, and no rate %s→%s is in effect at %s (set one with: tandem rate set "
                      "%s %s RATE --from TIME)"),
                   r->activity_id, tandem_team_get_name (kpi->team), r->currency,
                   tandem_plan_get_name (plan), kpi->currency, r->currency, kpi->currency, when,
                   r->currency, kpi->currency);
      return FALSE;
    }
  if (!_tandem_exchange_rate_parse (rate->text, &value, error))
    return FALSE;
  if (!_tandem_exchange_convert (r->amount, r->currency, kpi->currency, value, amount))
    return _tandem_overflow_error (error, _ ("The conversion of activity #%" PRId64),
                                   r->activity_id);
  return TRUE;
}

static gboolean
add_row (TandemKpi             *kpi,
         const TandemKpiRecord *r,
         TandemPlan            *plan,
         const TandemSchedule  *schedule,
         GError               **error)
{
  gboolean commissionable = tandem_activity_kind_is_commissionable (r->base_kind);
  gint64   sign = r->kind == TANDEM_ACTIVITY_KIND_REVERSAL ? -1 : 1;
  gint64   amount = r->amount;

  kpi->counts[r->kind] += (guint)MIN (r->count, G_MAXUINT);
  /* a payment is money received for revenue already counted */
  if (!commissionable || r->kind == TANDEM_ACTIVITY_KIND_PAYMENT)
    return TRUE;

  if (strcmp (r->currency, kpi->currency) != 0
      && !convert_row (kpi, r, plan, schedule, &amount, error))
    return FALSE;

  /* sums of int64 minor units over one period: the store's own amounts
   * are bounded well below the int64 range */
  kpi->revenue += sign * amount;
  if (r->base_kind == TANDEM_ACTIVITY_KIND_CROSS_SELL
      || r->base_kind == TANDEM_ACTIVITY_KIND_UP_SELL)
    kpi->cross_up += sign * amount;
  if (r->role == TANDEM_ROLE_INSIDE)
    kpi->inside += sign * amount;
  return TRUE;
}

/* How many of @plan's periods make up @period: 1, or 3 months in a
 * quarter, 12 in a year, 4 quarters in a year. A period shorter than the
 * plan's cannot be summed from it. */
static gboolean
plan_periods_in (TandemPlan *plan, TandemPeriod *period, guint *n, GError **error)
{
  static const guint months[] = {
    [TANDEM_PERIOD_KIND_MONTH] = 1, [TANDEM_PERIOD_KIND_QUARTER] = 3, [TANDEM_PERIOD_KIND_YEAR] = 12
  };
  TandemPeriodKind outer = tandem_period_get_kind (period);
  TandemPeriodKind inner = tandem_plan_get_period_kind (plan);

  if ((guint)outer > TANDEM_PERIOD_KIND_YEAR || (guint)inner > TANDEM_PERIOD_KIND_YEAR
      || months[outer] < months[inner])
    {
      g_autofree char *label = tandem_period_to_string (period);

      g_set_error (
          error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_INVALID_PERIOD,
          _ ("%s is shorter than the periods of plan “%s” (%s): key figures add up whole periods"),
          label, tandem_plan_get_name (plan),
          _tandem_enum_to_nick (TANDEM_TYPE_PERIOD_KIND, inner));
      return FALSE;
    }
  *n = months[outer] / months[inner];
  return TRUE;
}

/* The first of @plan's periods in @period (which they tile). */
static TandemPeriod *
first_plan_period (TandemPlan *plan, GDateTime *start)
{
  int              year = g_date_time_get_year (start);
  int              month = g_date_time_get_month (start);
  g_autofree char *label = NULL;

  switch (tandem_plan_get_period_kind (plan))
    {
    case TANDEM_PERIOD_KIND_MONTH:
      label = g_strdup_printf ("%04d-%02d", year, month);
      break;
    case TANDEM_PERIOD_KIND_QUARTER:
      label = g_strdup_printf ("%04d-Q%d", year, (month - 1) / 3 + 1);
      break;
    default:
      label = g_strdup_printf ("%04d", year);
      break;
    }
  return tandem_period_parse (label, NULL);
}

/* The tandem's target over @n plan periods from @first, each period's as
 * the settlement takes it: the period's own (set or ramped; 0 is none),
 * else the tandem's standing target. */
static gboolean
add_targets (TandemKpi              *kpi,
             const TandemTeamRecord *r,
             const TandemSchedule   *schedule,
             TandemPlan             *plan,
             const TandemPeriod     *first,
             guint                   n,
             GError                **error)
{
  g_autoptr (TandemPeriod) p = tandem_period_copy (first);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char            *label = tandem_period_to_string (p);
      const TandemScheduleRecord *own = _tandem_schedule_target (schedule, r->id, label);
      const char                 *currency = own != NULL ? own->currency : r->target_currency;
      gint64        amount = own != NULL ? own->amount_minor : r->has_target ? r->target_minor : 0;
      TandemPeriod *next = tandem_period_get_next (p);

      tandem_period_free (p);
      p = next;
      if (amount <= 0)
        continue;
      if (strcmp (currency, kpi->currency) != 0)
        {
          if (own != NULL)
            g_set_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_CURRENCY_MISMATCH,
                         _ ("Tandem “%s” has its target for %s in %s; plan “%s” pays in %s"),
                         r->name, label, currency, tandem_plan_get_name (plan), kpi->currency);
          else
            g_set_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_CURRENCY_MISMATCH,
                         _ ("Tandem “%s” has its target in %s; plan “%s” pays in %s"), r->name,
                         currency, tandem_plan_get_name (plan), kpi->currency);
          return FALSE;
        }
      if (!_tandem_add_checked (&kpi->target, amount))
        return _tandem_overflow_error (error, _ ("The target of tandem “%s” over %u periods"),
                                       r->name, n);
      kpi->has_target = TRUE;
    }
  return TRUE;
}

/**
 * tandem_kpi_compute:
 * @self: a `TandemStore`
 * @plan: the plan whose currency and time zone cut the period
 * @period: the period
 * @error: return location for a #GError
 *
 * Computes the key figures of every tandem in @period, by tandem id
 * (archived tandems only when they had activity or stage changes in it).
 * @period may be any period that the plan's periods tile: a quarter or a
 * year under a monthly plan sums its months, and its target is the sum of
 * their targets; a period shorter than the plan's is refused with
 * %TANDEM_PLAN_ERROR_INVALID_PERIOD.
 *
 * Revenue, targets and attainment are the settlement's: each plan period
 * takes its own target (set or ramped) where there is one, else the
 * tandem's standing target, and an activity in another currency is
 * converted at the rate in effect at its time, as
 * [ctor@Tandem.Settlement.new] converts it. Without such a rate the error
 * (%TANDEM_PLAN_ERROR_NO_RATE) names the activity, its tandem and the
 * currency pair.
 *
 * Returns: (transfer full): a list model of [class@Tandem.Kpi], or %NULL
 *   with @error set
 *
 * Since: 1.0
 */
GListModel *
tandem_kpi_compute (TandemStore *self, TandemPlan *plan, TandemPeriod *period, GError **error)
{
  GTimeZone *zone;
  g_autoptr (GDateTime) start = NULL;
  g_autoptr (GDateTime) end = NULL;
  g_autoptr (GPtrArray) conversions = NULL;
  g_autoptr (GArray) rows = NULL;
  g_autoptr (GArray) referrals = NULL;
  g_autoptr (GArray) accounts = NULL;
  g_autoptr (GArray) teams = NULL;
  g_autoptr (TandemPeriod) first = NULL;
  g_auto (TandemSchedule) schedule = { 0 };
  g_autoptr (GHashTable) by_team
      = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_object_unref);
  g_autoptr (GHashTable) account_team = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr (GListStore) result = g_list_store_new (TANDEM_TYPE_KPI);
  TandemDb *db;
  gint64    since, until;
  guint     n_periods = 1;
  gboolean  ok = TRUE;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (TANDEM_IS_PLAN (plan), NULL);
  g_return_val_if_fail (period != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!plan_periods_in (plan, period, &n_periods, error))
    return NULL;

  zone = tandem_plan_get_time_zone (plan);
  start = tandem_period_get_start (period, zone);
  end = tandem_period_get_end (period, zone);
  since = _tandem_time_to_usec (start);
  until = _tandem_time_to_usec (end);
  first = first_plan_period (plan, start);

  {
    g_autoptr (TandemTransaction) tx = _tandem_transaction_new (self);

    db = _tandem_transaction_get_db (tx);
    ok = _tandem_schedule_load (&schedule, db, error)
         && (teams = _tandem_db_list_teams (db, error)) != NULL
         && (accounts = _tandem_db_list_accounts (db, error)) != NULL
         && (conversions = _tandem_conversions_compute (tx, teams, accounts, since, until, error))
                != NULL
         && (rows
             = _tandem_db_list_kpi_rows (db, since, until, tandem_plan_get_currency (plan), error))
                != NULL
         && (referrals = _tandem_db_list_referrals (db, error)) != NULL;

    for (guint i = 0; ok && i < teams->len; i++)
      {
        TandemTeamRecord *r = &g_array_index (teams, TandemTeamRecord, i);
        TandemKpi        *kpi = g_object_new (TANDEM_TYPE_KPI, NULL);
        TandemTeam       *team = _tandem_store_load_team (self, r->id, error);

        g_hash_table_insert (by_team, &r->id, kpi);
        if (team == NULL)
          {
            ok = FALSE;
            break;
          }
        kpi->team = g_object_ref (team);
        g_strlcpy (kpi->currency, tandem_plan_get_currency (plan), sizeof kpi->currency);
        if (!add_targets (kpi, r, &schedule, plan, first, n_periods, error))
          {
            ok = FALSE;
            break;
          }
      }

    for (guint i = 0; ok && conversions != NULL && i < conversions->len; i++)
      {
        TandemConversion *c = conversions->pdata[i];
        gint64            id = tandem_team_get_id (tandem_conversion_get_team (c));
        TandemKpi        *kpi = g_hash_table_lookup (by_team, &id);

        kpi->conversion = g_object_ref (c);
      }

    for (guint i = 0; ok && i < rows->len; i++)
      {
        const TandemKpiRecord *r = &g_array_index (rows, TandemKpiRecord, i);
        TandemKpi             *kpi = g_hash_table_lookup (by_team, &r->team_id);

        if (kpi != NULL)
          ok = add_row (kpi, r, plan, &schedule, error);
      }

    if (ok)
      {
        for (guint i = 0; i < accounts->len; i++)
          {
            TandemAccountRecord *a = &g_array_index (accounts, TandemAccountRecord, i);

            g_hash_table_insert (account_team, &a->id, &a->team_id);
          }
        for (guint i = 0; i < referrals->len; i++)
          {
            const TandemReferralRecord *r = &g_array_index (referrals, TandemReferralRecord, i);
            gint64    *team_id = g_hash_table_lookup (account_team, &r->referrer_id);
            TandemKpi *kpi = team_id ? g_hash_table_lookup (by_team, team_id) : NULL;

            if (kpi != NULL && r->order_at >= since && r->order_at < until)
              kpi->referrals_converted++;
          }

        for (guint i = 0; i < teams->len; i++)
          {
            TandemKpi *kpi
                = g_hash_table_lookup (by_team, &g_array_index (teams, TandemTeamRecord, i).id);
            guint n = 0;

            for (guint k = 0; k < N_KINDS; k++)
              n += kpi->counts[k];
            /* archived tandems only with something to show */
            if (kpi->conversion == NULL && n == 0)
              continue;
            if (kpi->conversion == NULL)
              kpi->conversion = _tandem_conversion_new (kpi->team);
            g_list_store_append (result, kpi);
          }
      }
  }

  return ok ? G_LIST_MODEL (g_steal_pointer (&result)) : NULL;
}
