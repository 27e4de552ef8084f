/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-plan-history.c: the plan each tandem follows, targets per
 * period, draws and exchange rates; nothing dated into a closed period */

#include "config.h"

#include <inttypes.h>

#include "tandem-i18n-private.h"
#include <string.h>

#include "tandem-settlement.h"
#include "tandem-plan-history.h"
#include "tandem-plan-history-private.h"
#include "tandem-plan-private.h"
#include "tandem-currency-private.h"
#include "tandem-rate-private.h"
#include "tandem-schedule-private.h"
#include "tandem-store-private.h"
#include "tandem-util-private.h"

/* A write with the schedule read inside its transaction. */
typedef struct
{
  TandemTransaction *tx;
  TandemDb          *db;
  TandemSchedule     schedule;
  TandemPlan        *cut; /* the default plan: cuts periods; NULL: months in UTC */
} Write;

static gboolean
schedule_begin (Write *w, TandemStore *store, gboolean write, GError **error)
{
  memset (w, 0, sizeof *w);
  w->tx = _tandem_transaction_new (store);
  if (write && !_tandem_transaction_begin (w->tx, error))
    return FALSE;
  w->db = _tandem_transaction_get_db (w->tx);
  if (!_tandem_schedule_load (&w->schedule, w->db, error))
    return FALSE;
  w->cut = _tandem_schedule_default_plan (&w->schedule, error);
  return w->cut != NULL || w->schedule.default_plan == NULL;
}

#define write_begin(w, store, error) schedule_begin (w, store, TRUE, error)
#define read_begin(w, store, error) schedule_begin (w, store, FALSE, error)

static void
write_clear (Write *w)
{
  _tandem_schedule_clear (&w->schedule);
  g_clear_object (&w->cut);
  g_clear_pointer (&w->tx, _tandem_transaction_end);
}

/* The start of @period: in the default plan's zone, of its kind. */
static gboolean
period_start (Write *w, const TandemPeriod *period, gint64 *start, GError **error)
{
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr (GDateTime) time = NULL;

  if (w->cut != NULL && !_tandem_plan_check_period (w->cut, period, error))
    return FALSE;
  time = tandem_period_get_start (period, w->cut ? tandem_plan_get_time_zone (w->cut) : utc);
  *start = _tandem_time_to_usec (time);
  return TRUE;
}

/* Refuses what would take effect at @at or earlier while a closed period
 * ends after it. */
static gboolean
check_open (Write *w, gint64 at, const char *what, GError **error)
{
  gint64 end = _tandem_schedule_closed_end (&w->schedule, NULL);

  if (end > at)
    {
      g_autofree char *when = _tandem_time_format (end);

      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CLOSED_PERIOD,
                   _ ("%s would change a closed period: periods up to %s are closed and keep "
                      "what they were settled with"),
                   what, when);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_period_open (Write *w, const char *label, const char *what, GError **error)
{
  for (guint i = 0; i < w->schedule.closed->len; i++)
    {
      const TandemScheduleRecord *c = &g_array_index (w->schedule.closed, TandemScheduleRecord, i);

      if (strcmp (c->from_label, label) == 0)
        {
          g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CLOSED_PERIOD,
                       _ ("%s: period %s of plan “%s” is closed and keeps what it was settled "
                          "with"),
                       what, label, c->name);
          return FALSE;
        }
    }
  return TRUE;
}

/* The audit entries of these writes, then the commit. */
static gboolean
commit_target (Write *w, const char *verb, TandemTeam *team, TandemPeriod *from, GError **error)
{
  g_autofree char *label = tandem_period_to_string (from);
  g_autoptr (GString) what = g_string_new (NULL);

  g_string_append_printf (what, "tandem #%" PRId64 " “%s” from %s:", tandem_team_get_id (team),
                          tandem_team_get_name (team), label);
  /* the targets as they are now stored, from @from on */
  {
    g_autoptr (GArray) targets
        = _tandem_db_list_schedule (w->db, TANDEM_SCHEDULE_TARGET, NULL, error);
    gint64 start = 0;

    if (targets == NULL || !period_start (w, from, &start, error))
      return FALSE;
    for (guint i = 0; i < targets->len; i++)
      {
        const TandemScheduleRecord *t = &g_array_index (targets, TandemScheduleRecord, i);
        g_autofree char            *amount = NULL;

        if (t->owner_id != tandem_team_get_id (team) || t->from_at < start)
          continue;
        amount = _tandem_money_format_display (t->amount_minor, t->currency);
        g_string_append_printf (what, " %s %s", t->from_label, amount);
      }
  }
  return _tandem_transaction_commit_audited (w->tx, verb, what->str, error);
}

static gboolean
commit_draw (Write *w, const TandemScheduleRecord *d, GError **error)
{
  g_autofree char *amount = _tandem_money_format_display (d->amount_minor, d->currency);
  g_autofree char *what = g_strdup_printf (
      "rep #%" PRId64 ": %s per period from %s until %s, %s", d->owner_id, amount, d->from_label,
      d->until_label ? d->until_label : "…", d->number ? "recoverable" : "not recoverable");

  return _tandem_transaction_commit_audited (w->tx, "draw set", what, error);
}

static gboolean
commit_rate (Write *w, const TandemScheduleRecord *r, GError **error)
{
  g_autofree char *since = _tandem_time_format (r->from_at);
  g_autofree char *what
      = g_strdup_printf ("1 %s = %s %s from %s", r->currency, r->text, r->to_currency, since);

  return _tandem_transaction_commit_audited (w->tx, "rate set", what, error);
}

/**
 * tandem_store_assign_plan:
 * @self: a `TandemStore`
 * @team: a tandem
 * @name: a stored plan's name
 * @from: (nullable): the first period the tandem follows @name in, or
 *   %NULL for the beginning
 * @error: return location for a #GError
 *
 * Makes @team follow the plan @name from @from on. A tandem without an
 * assignment follows the default plan. An assignment taking effect in or
 * before a closed period is refused with %TANDEM_STORE_ERROR_CLOSED_PERIOD.
 *
 * Returns: %TRUE on success
 *
 * Since: 1.0
 */
gboolean
tandem_store_assign_plan (TandemStore  *self,
                          TandemTeam   *team,
                          const char   *name,
                          TandemPeriod *from,
                          GError      **error)
{
  Write                w;
  TandemScheduleRecord record = { 0 };
  g_autofree char     *label = NULL;
  g_autofree char     *what = NULL;
  gboolean             ok;

  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);
  g_return_val_if_fail (TANDEM_IS_TEAM (team), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  ok = write_begin (&w, self, error);
  if (ok && _tandem_schedule_latest_version (&w.schedule, name) == NULL)
    ok = _tandem_plan_not_found (name, error);
  record.owner_id = tandem_team_get_id (team);
  record.name = (char *)name;
  record.from_at = G_MININT64;
  if (ok && from != NULL)
    {
      label = tandem_period_to_string (from);
      record.from_label = label;
      ok = period_start (&w, from, &record.from_at, error);
    }
  what = g_strdup_printf (_ ("Assigning plan “%s” to tandem “%s” from %s"), name,
                          tandem_team_get_name (team), label ? label : _ ("the beginning"));
  ok = ok && check_open (&w, record.from_at, what, error)
       && _tandem_db_save_schedule (w.db, TANDEM_SCHEDULE_TEAM_PLAN, &record, NULL, error)
       && _tandem_transaction_commit_audited (w.tx, "team plan", what, error);
  write_clear (&w);
  return ok;
}

/**
 * tandem_store_get_team_plan:
 * @self: a `TandemStore`
 * @team: a tandem
 * @period: (nullable): a period, or %NULL for the latest assignment
 * @error: return location for a #GError
 *
 * Gets the plan @team follows at the start of @period: its assignment,
 * else the default plan.
 *
 * Returns: (transfer full) (nullable): the plan's name, or %NULL (without
 *   an error) when no plan is stored
 *
 * Since: 1.0
 */
char *
tandem_store_get_team_plan (TandemStore  *self,
                            TandemTeam   *team,
                            TandemPeriod *period,
                            GError      **error)
{
  Write    w;
  gint64   at = G_MAXINT64;
  char    *name = NULL;
  gboolean ok;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (TANDEM_IS_TEAM (team), NULL);

  ok = read_begin (&w, self, error) && (period == NULL || period_start (&w, period, &at, error));
  if (ok)
    name = g_strdup (_tandem_schedule_team_plan (&w.schedule, tandem_team_get_id (team), at));
  write_clear (&w);
  return name;
}

static gboolean
save_target (Write        *w,
             TandemTeam   *team,
             TandemPeriod *period,
             gint64        minor,
             const char   *currency,
             GError      **error)
{
  TandemScheduleRecord record = { 0 };
  g_autofree char     *label = tandem_period_to_string (period);
  g_autofree char     *what = g_strdup_printf (_ ("The target of tandem “%s” for %s"),
                                               tandem_team_get_name (team), label);

  if (minor < 0)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                   _ ("%s must not be negative"), what);
      return FALSE;
    }
  record.owner_id = tandem_team_get_id (team);
  record.from_label = label;
  record.amount_minor = minor;
  g_strlcpy (record.currency, currency, sizeof record.currency);
  return period_start (w, period, &record.from_at, error)
         && check_period_open (w, label, what, error)
         && _tandem_db_save_schedule (w->db, TANDEM_SCHEDULE_TARGET, &record, NULL, error);
}

/**
 * tandem_store_set_target:
 * @self: a `TandemStore`
 * @team: a tandem
 * @period: the period
 * @amount: the target
 * @error: return location for a #GError
 *
 * Sets @team's target for @period. Attainment, the team bonus and the
 * accelerator of that period use it instead of the tandem's own target.
 * A closed period is refused with %TANDEM_STORE_ERROR_CLOSED_PERIOD.
 *
 * Returns: %TRUE on success
 *
 * Since: 1.0
 */
gboolean
tandem_store_set_target (TandemStore  *self,
                         TandemTeam   *team,
                         TandemPeriod *period,
                         TandemMoney  *amount,
                         GError      **error)
{
  Write    w;
  gboolean ok;

  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);
  g_return_val_if_fail (TANDEM_IS_TEAM (team), FALSE);
  g_return_val_if_fail (period != NULL, FALSE);
  g_return_val_if_fail (amount != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  ok = write_begin (&w, self, error)
       && save_target (&w, team, period, tandem_money_get_minor_units (amount),
                       tandem_money_get_currency (amount), error)
       && commit_target (&w, "target set", team, period, error);
  write_clear (&w);
  return ok;
}

/**
 * tandem_store_ramp_target:
 * @self: a `TandemStore`
 * @team: a tandem with a target of its own
 * @from: the first period of the ramp
 * @steps: (array length=n_steps): shares of the tandem's own target, in
 *   basis points (5000 is 50%)
 * @n_steps: the number of steps
 * @error: return location for a #GError
 *
 * Sets the targets of @from and the periods after it to @steps shares of
 * the tandem's own target, one period per step, each rounded half away
 * from zero to the minor unit. After the ramp the tandem's own target
 * applies again.
 *
 * Returns: %TRUE on success
 *
 * Since: 1.0
 */
gboolean
tandem_store_ramp_target (TandemStore  *self,
                          TandemTeam   *team,
                          TandemPeriod *from,
                          const guint  *steps,
                          guint         n_steps,
                          GError      **error)
{
  TandemMoney *own;
  Write        w;
  gboolean     ok;
  g_autoptr (TandemPeriod) period = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);
  g_return_val_if_fail (TANDEM_IS_TEAM (team), FALSE);
  g_return_val_if_fail (from != NULL, FALSE);
  g_return_val_if_fail (steps != NULL || n_steps == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  own = tandem_team_get_target (team);
  if (own == NULL)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                   _ ("Tandem “%s” has no target of its own to ramp up to; set one first"),
                   tandem_team_get_name (team));
      return FALSE;
    }
  if (n_steps == 0)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                   _ ("A ramp needs at least one step, such as 50%%"));
      return FALSE;
    }

  ok = write_begin (&w, self, error);
  period = tandem_period_copy (from);
  for (guint i = 0; ok && i < n_steps; i++)
    {
      gboolean overflow = FALSE;
      gint64   minor
          = _tandem_mul_div_round (tandem_money_get_minor_units (own), steps[i], 10000, &overflow);

      if (overflow || steps[i] > 1000000)
        {
          ok = FALSE;
          g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                       _ ("Ramp step %u (%u basis points) is out of range"), i + 1, steps[i]);
          break;
        }
      ok = save_target (&w, team, period, minor, tandem_money_get_currency (own), error);
      {
        TandemPeriod *next = tandem_period_get_next (period);

        tandem_period_free (period);
        period = next;
      }
    }
  ok = ok && commit_target (&w, "target ramp", team, from, error);
  write_clear (&w);
  return ok;
}

/**
 * tandem_store_list_targets:
 * @self: a `TandemStore`
 * @team: (nullable): a tandem, or %NULL for every tandem
 * @error: return location for a #GError
 *
 * Lists the targets set per period, by tandem, then period.
 *
 * Returns: (transfer full): a list of [class@Tandem.Target]
 *
 * Since: 1.0
 */
GListModel *
tandem_store_list_targets (TandemStore *self, TandemTeam *team, GError **error)
{
  g_autoptr (GListStore) list = g_list_store_new (TANDEM_TYPE_TARGET);
  Write    w;
  gboolean ok;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (team == NULL || TANDEM_IS_TEAM (team), NULL);

  ok = read_begin (&w, self, error);
  for (guint i = 0; ok && i < w.schedule.targets->len; i++)
    {
      const TandemScheduleRecord *t = &g_array_index (w.schedule.targets, TandemScheduleRecord, i);
      g_autoptr (TandemTarget) item = NULL;
      TandemTeam *owner;

      if (team != NULL && t->owner_id != tandem_team_get_id (team))
        continue;
      owner = _tandem_store_load_team (self, t->owner_id, error);
      if (owner == NULL)
        {
          ok = FALSE;
          break;
        }
      item = _tandem_target_new (owner, t->from_label,
                                 tandem_money_new (t->amount_minor, t->currency));
      g_list_store_append (list, item);
    }
  write_clear (&w);
  return ok ? G_LIST_MODEL (g_steal_pointer (&list)) : NULL;
}

/**
 * tandem_store_set_draw:
 * @self: a `TandemStore`
 * @rep: the rep
 * @amount: the guaranteed total per period, in the plans' currency
 * @from: the first period of the draw
 * @until: (nullable): the last period, or %NULL while it runs on
 * @recoverable: whether later excess pays the draw back
 * @error: return location for a #GError
 *
 * Gives @rep a draw. In each period from @from to @until, when the rep's
 * total of all other lines is below @amount, a `draw` line tops it up to
 * @amount. The lines of a recoverable draw add up to a balance; a
 * `draw-recovery` line of −min(balance, excess) lowers it, where excess is
 * the rep's total above @amount while the draw runs and the rep's positive
 * total once it has ended. Setting a draw with the same first period again
 * replaces it. A draw starting in or before a closed period is refused
 * with %TANDEM_STORE_ERROR_CLOSED_PERIOD.
 *
 * Returns: (transfer full): the draw, or %NULL with an error
 *
 * Since: 1.0
 */
TandemDraw *
tandem_store_set_draw (TandemStore  *self,
                       TandemRep    *rep,
                       TandemMoney  *amount,
                       TandemPeriod *from,
                       TandemPeriod *until,
                       gboolean      recoverable,
                       GError      **error)
{
  TandemScheduleRecord record = { 0 };
  g_autofree char     *from_label = NULL;
  g_autofree char     *until_label = NULL;
  g_autofree char     *what = NULL;
  gint64               id = 0;
  Write                w;
  gboolean             ok;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (TANDEM_IS_REP (rep), NULL);
  g_return_val_if_fail (amount != NULL, NULL);
  g_return_val_if_fail (from != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  from_label = tandem_period_to_string (from);
  until_label = until != NULL ? tandem_period_to_string (until) : NULL;
  what = g_strdup_printf (_ ("A draw for rep “%s” from %s"), tandem_rep_get_name (rep), from_label);
  if (tandem_money_get_minor_units (amount) <= 0)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                   _ ("%s: the amount must be positive"), what);
      return NULL;
    }

  record.owner_id = tandem_rep_get_id (rep);
  record.amount_minor = tandem_money_get_minor_units (amount);
  g_strlcpy (record.currency, tandem_money_get_currency (amount), sizeof record.currency);
  record.from_label = from_label;
  record.until_label = until_label;
  record.number = recoverable;

  ok = write_begin (&w, self, error) && period_start (&w, from, &record.from_at, error)
       && (until == NULL || period_start (&w, until, &record.until_at, error));
  if (ok && until != NULL && record.until_at < record.from_at)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                   _ ("%s: it ends (%s) before it starts"), what, until_label);
      ok = FALSE;
    }
  ok = ok && check_open (&w, record.from_at, what, error)
       && _tandem_db_save_schedule (w.db, TANDEM_SCHEDULE_DRAW, &record, &id, error)
       && commit_draw (&w, &record, error);
  write_clear (&w);
  if (!ok)
    return NULL;

  return _tandem_draw_new (id, rep, tandem_money_ref (amount), from_label, until_label, recoverable,
                           tandem_money_new (0, tandem_money_get_currency (amount)));
}

/**
 * tandem_store_list_draws:
 * @self: a `TandemStore`
 * @error: return location for a #GError
 *
 * Lists every draw, by rep, then first period, each with its balance:
 * what its `draw` lines paid in closed periods less what `draw-recovery`
 * lines took back there (0 for a draw that is not recoverable).
 *
 * Returns: (transfer full): a list of [class@Tandem.Draw]
 *
 * Since: 1.0
 */
GListModel *
tandem_store_list_draws (TandemStore *self, GError **error)
{
  static const gint64 kinds[2] = { TANDEM_LINE_KIND_DRAW, TANDEM_LINE_KIND_DRAW_RECOVERY };
  g_autoptr (GListStore) list = g_list_store_new (TANDEM_TYPE_DRAW);
  g_autoptr (GArray) lines = NULL;
  Write    w;
  gboolean ok;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);

  ok = read_begin (&w, self, error)
       && (lines = _tandem_db_list_schedule (w.db, TANDEM_SCHEDULE_DRAW_LINE, kinds, error))
              != NULL;
  for (guint i = 0; ok && i < w.schedule.draws->len; i++)
    {
      const TandemScheduleRecord *d = &g_array_index (w.schedule.draws, TandemScheduleRecord, i);
      const TandemScheduleRecord *next
          = i + 1 < w.schedule.draws->len
                ? &g_array_index (w.schedule.draws, TandemScheduleRecord, i + 1)
                : NULL;
      gint64     stop = next != NULL && next->owner_id == d->owner_id ? next->from_at : G_MAXINT64;
      gint64     balance = 0;
      TandemRep *rep = _tandem_store_load_rep (self, d->owner_id, error);
      g_autoptr (TandemDraw) item = NULL;

      if (rep == NULL)
        {
          ok = FALSE;
          break;
        }
      for (guint l = 0; d->number && l < lines->len; l++)
        {
          const TandemScheduleRecord *line = &g_array_index (lines, TandemScheduleRecord, l);

          if (line->owner_id == d->owner_id && line->from_at >= d->from_at && line->from_at < stop)
            balance += line->amount_minor;
        }
      item = _tandem_draw_new (d->id, rep, tandem_money_new (d->amount_minor, d->currency),
                               d->from_label, d->until_label, d->number != 0,
                               tandem_money_new (balance, d->currency));
      g_list_store_append (list, item);
    }
  write_clear (&w);
  return ok ? G_LIST_MODEL (g_steal_pointer (&list)) : NULL;
}

/**
 * tandem_store_set_exchange_rate:
 * @self: a `TandemStore`
 * @from_currency: the currency converted from (ISO 4217)
 * @to_currency: the currency converted to (ISO 4217)
 * @rate: 1 @from_currency in @to_currency: a positive decimal with up to 8
 *   places, such as "0.95", stored exactly
 * @since: when the rate takes effect
 * @error: return location for a #GError
 *
 * Stores a dated exchange rate. A settlement converts an activity whose
 * currency is not the plan's at the latest rate from its currency to the
 * plan's with @since at or before the activity's time: minor units × rate,
 * scaled to the target currency's exponent, rounded once half away from
 * zero, before anything else is computed. Only the stored direction is
 * used. A rate taking effect in or before a closed period is refused with
 * %TANDEM_STORE_ERROR_CLOSED_PERIOD.
 *
 * Returns: %TRUE on success
 *
 * Since: 1.0
 */
gboolean
tandem_store_set_exchange_rate (TandemStore *self,
                                const char  *from_currency,
                                const char  *to_currency,
                                const char  *rate,
                                GDateTime   *since,
                                GError     **error)
{
  TandemScheduleRecord record = { 0 };
  g_autofree char     *what = NULL;
  gint64               value;
  Write                w;
  gboolean             ok;

  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);
  g_return_val_if_fail (from_currency != NULL && to_currency != NULL, FALSE);
  g_return_val_if_fail (rate != NULL && since != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint i = 0; i < 2; i++)
    {
      const char *code = i == 0 ? from_currency : to_currency;

      if (_tandem_currency_find (code) == NULL)
        {
          g_set_error (error, TANDEM_MONEY_ERROR, TANDEM_MONEY_ERROR_UNKNOWN_CURRENCY,
                       _ ("Unknown currency “%s”: expected an ISO 4217 code such as EUR"), code);
          return FALSE;
        }
    }
  if (strcmp (from_currency, to_currency) == 0)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                   _ ("An exchange rate from %s to itself means nothing"), from_currency);
      return FALSE;
    }
  if (!_tandem_exchange_rate_parse (rate, &value, error))
    return FALSE;

  g_strlcpy (record.currency, from_currency, sizeof record.currency);
  g_strlcpy (record.to_currency, to_currency, sizeof record.to_currency);
  record.from_at = _tandem_time_to_usec (since);
  record.text = (char *)rate;
  what = g_strdup_printf (_ ("The rate %s→%s"), from_currency, to_currency);

  ok = write_begin (&w, self, error) && check_open (&w, record.from_at, what, error)
       && _tandem_db_save_schedule (w.db, TANDEM_SCHEDULE_RATE, &record, NULL, error)
       && commit_rate (&w, &record, error);
  write_clear (&w);
  return ok;
}

/**
 * tandem_store_list_exchange_rates:
 * @self: a `TandemStore`
 * @error: return location for a #GError
 *
 * Lists the stored exchange rates, by currencies, then time.
 *
 * Returns: (transfer full): a list of [class@Tandem.ExchangeRate]
 *
 * Since: 1.0
 */
GListModel *
tandem_store_list_exchange_rates (TandemStore *self, GError **error)
{
  g_autoptr (GListStore) list = g_list_store_new (TANDEM_TYPE_EXCHANGE_RATE);
  Write    w;
  gboolean ok;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);

  ok = read_begin (&w, self, error);
  for (guint i = 0; ok && i < w.schedule.rates->len; i++)
    {
      const TandemScheduleRecord *r = &g_array_index (w.schedule.rates, TandemScheduleRecord, i);
      g_autoptr (GDateTime) since = _tandem_time_from_usec (r->from_at);
      g_autoptr (TandemExchangeRate) item
          = _tandem_exchange_rate_new (r->currency, r->to_currency, r->text, since);

      g_list_store_append (list, item);
    }
  write_clear (&w);
  return ok ? G_LIST_MODEL (g_steal_pointer (&list)) : NULL;
}
