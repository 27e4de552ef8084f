/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-target.c: a tandem's target for one period */

#include "config.h"

#include "tandem-record-private.h"

#include "tandem-plan-version.h"
#include "tandem-target.h"
#include "tandem-draw.h"
#include "tandem-exchange-rate.h"
#include "tandem-plan-history-private.h"
#include "tandem-enum-types.h"
#include <inttypes.h>
#include "tandem-i18n-private.h"
#include <string.h>
#include "tandem-settlement.h"
#include "tandem-plan-private.h"
#include "tandem-currency-private.h"
#include "tandem-rate-private.h"
#include "tandem-schedule-private.h"
#include "tandem-store-private.h"
#include "tandem-util-private.h"
#include "tandem-schedule-write-private.h"

/**
 * TandemTarget:
 *
 * The target of one tandem for one period, set by
 * [func@Tandem.Target.set] or [func@Tandem.Target.ramp]. It
 * replaces the tandem's own target in that period for attainment, the
 * team bonus and the accelerator.
 *
 * Since: 1.0
 */
struct _TandemTarget
{
  GObject      parent_instance;
  TandemTeam  *team;
  char        *period;
  TandemMoney *amount;
};

static const TandemField fields[] = {
  /**
   * TandemTarget:team:
   *
   * The tandem.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_OBJECT (TandemTarget, team, "team", tandem_team_get_type),
  /**
   * TandemTarget:period:
   *
   * The period's label, such as "2026-03".
   *
   * Since: 1.0
   */
  TANDEM_FIELD_STRING (TandemTarget, period, "period"),
  /**
   * TandemTarget:amount:
   *
   * The target.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_BOXED (TandemTarget, amount, "amount", tandem_money_get_type),
};

TANDEM_DEFINE_RECORD_TYPE (TandemTarget, tandem_target, fields, G_PARAM_READABLE)

TandemTarget *
_tandem_target_new (TandemTeam *team, const char *period, TandemMoney *amount)
{
  TandemTarget *self = g_object_new (TANDEM_TYPE_TARGET, NULL);

  self->team = g_object_ref (team);
  self->period = g_strdup (period);
  self->amount = amount;
  return self;
}

/**
 * tandem_target_get_team:
 * @self: a `TandemTarget`
 *
 * Gets [property@Tandem.Target:team].
 *
 * Returns: (transfer none): the tandem
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemTeam *,
                      tandem_target_get_team,
                      TandemTarget,
                      TANDEM_IS_TARGET,
                      team,
                      NULL)

/**
 * tandem_target_get_period:
 * @self: a `TandemTarget`
 *
 * Gets [property@Tandem.Target:period].
 *
 * Returns: (transfer none): the period label
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (const char *,
                      tandem_target_get_period,
                      TandemTarget,
                      TANDEM_IS_TARGET,
                      period,
                      NULL)

/**
 * tandem_target_get_amount:
 * @self: a `TandemTarget`
 *
 * Gets [property@Tandem.Target:amount].
 *
 * Returns: (transfer none): the target
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemMoney *,
                      tandem_target_get_amount,
                      TandemTarget,
                      TANDEM_IS_TARGET,
                      amount,
                      NULL)

/* The audit entries of these writes, then the commit. */
static gboolean
commit_target (TandemScheduleWrite *w,
               const char          *verb,
               TandemTeam          *team,
               TandemPeriod        *from,
               GError             **error)
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

    if (targets == NULL || !_tandem_schedule_write_period_start (w, from, &start, error))
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
save_target (TandemScheduleWrite *w,
             TandemTeam          *team,
             TandemPeriod        *period,
             gint64               minor,
             const char          *currency,
             GError             **error)
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
  return _tandem_schedule_write_period_start (w, period, &record.from_at, error)
         && _tandem_schedule_write_check_period_open (w, label, what, error)
         && _tandem_db_save_schedule (w->db, TANDEM_SCHEDULE_TARGET, &record, NULL, error);
}

/**
 * tandem_target_set:
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
tandem_target_set (TandemStore  *self,
                   TandemTeam   *team,
                   TandemPeriod *period,
                   TandemMoney  *amount,
                   GError      **error)
{
  TandemScheduleWrite w;
  gboolean            ok;

  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);
  g_return_val_if_fail (TANDEM_IS_TEAM (team), FALSE);
  g_return_val_if_fail (period != NULL, FALSE);
  g_return_val_if_fail (amount != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  ok = _tandem_schedule_write_begin (&w, self, error)
       && save_target (&w, team, period, tandem_money_get_minor_units (amount),
                       tandem_money_get_currency (amount), error)
       && commit_target (&w, "target set", team, period, error);
  _tandem_schedule_write_clear (&w);
  return ok;
}

/**
 * tandem_target_ramp:
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
tandem_target_ramp (TandemStore  *self,
                    TandemTeam   *team,
                    TandemPeriod *from,
                    const guint  *steps,
                    guint         n_steps,
                    GError      **error)
{
  TandemMoney        *own;
  TandemScheduleWrite w;
  gboolean            ok;
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

  ok = _tandem_schedule_write_begin (&w, self, error);
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
  _tandem_schedule_write_clear (&w);
  return ok;
}

/**
 * tandem_target_list:
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
tandem_target_list (TandemStore *self, TandemTeam *team, GError **error)
{
  g_autoptr (GListStore) list = g_list_store_new (TANDEM_TYPE_TARGET);
  TandemScheduleWrite w;
  gboolean            ok;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (team == NULL || TANDEM_IS_TEAM (team), NULL);

  ok = _tandem_schedule_read_begin (&w, self, error);
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
  _tandem_schedule_write_clear (&w);
  return ok ? G_LIST_MODEL (g_steal_pointer (&list)) : NULL;
}
