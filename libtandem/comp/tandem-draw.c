/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-draw.c: a rep's draw: a guaranteed minimum per period */

#include "config.h"

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
#include "tandem-record-private.h"
#include "tandem-schedule-write-private.h"

/**
 * TandemDraw:
 *
 * A draw: in each of its periods, a rep whose period total is below the
 * amount gets a `draw` line up to it. A recoverable draw's lines add up
 * to a balance that `draw-recovery` lines take back from later excess.
 *
 * Since: 1.0
 */
struct _TandemDraw
{
  GObject      parent_instance;
  gint64       id;
  TandemRep   *rep;
  TandemMoney *amount;
  char        *from;
  char        *until;
  gboolean     recoverable;
  TandemMoney *balance;
};

static const TandemField fields[] = {
  /**
   * TandemDraw:id:
   *
   * The draw's id in the store.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_INT64 (TandemDraw, id, "id", 0, G_MAXINT64, 0),
  /**
   * TandemDraw:rep:
   *
   * The rep the draw guarantees.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_OBJECT (TandemDraw, rep, "rep", tandem_rep_get_type),
  /**
   * TandemDraw:amount:
   *
   * The guaranteed total per period.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_BOXED (TandemDraw, amount, "amount", tandem_money_get_type),
  /**
   * TandemDraw:from:
   *
   * The first period of the draw.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_STRING (TandemDraw, from, "from"),
  /**
   * TandemDraw:until:
   *
   * The last period of the draw, or %NULL while it runs on.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_STRING (TandemDraw, until, "until"),
  /**
   * TandemDraw:recoverable:
   *
   * Whether later excess pays the draw back.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_BOOLEAN (TandemDraw, recoverable, "recoverable", FALSE),
  /**
   * TandemDraw:balance:
   *
   * What the draw paid and was not yet recovered, over the closed periods.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_BOXED (TandemDraw, balance, "balance", tandem_money_get_type),
};

TANDEM_DEFINE_RECORD_TYPE (TandemDraw, tandem_draw, fields, G_PARAM_READABLE)

TandemDraw *
_tandem_draw_new (gint64       id,
                  TandemRep   *rep,
                  TandemMoney *amount,
                  const char  *from,
                  const char  *until,
                  gboolean     recoverable,
                  TandemMoney *balance)
{
  TandemDraw *self = g_object_new (TANDEM_TYPE_DRAW, NULL);

  self->id = id;
  self->rep = g_object_ref (rep);
  self->amount = amount;
  self->from = g_strdup (from);
  self->until = g_strdup (until);
  self->recoverable = recoverable;
  self->balance = balance;
  return self;
}

/**
 * tandem_draw_get_id:
 * @self: a `TandemDraw`
 *
 * Gets [property@Tandem.Draw:id].
 *
 * Returns: the id
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (gint64, tandem_draw_get_id, TandemDraw, TANDEM_IS_DRAW, id, 0)

/**
 * tandem_draw_get_rep:
 * @self: a `TandemDraw`
 *
 * Gets [property@Tandem.Draw:rep].
 *
 * Returns: (transfer none): the rep
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemRep *, tandem_draw_get_rep, TandemDraw, TANDEM_IS_DRAW, rep, NULL)

/**
 * tandem_draw_get_amount:
 * @self: a `TandemDraw`
 *
 * Gets [property@Tandem.Draw:amount].
 *
 * Returns: (transfer none): the amount
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemMoney *,
                      tandem_draw_get_amount,
                      TandemDraw,
                      TANDEM_IS_DRAW,
                      amount,
                      NULL)

/**
 * tandem_draw_get_from:
 * @self: a `TandemDraw`
 *
 * Gets [property@Tandem.Draw:from].
 *
 * Returns: (transfer none): the period label
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (const char *, tandem_draw_get_from, TandemDraw, TANDEM_IS_DRAW, from, NULL)

/**
 * tandem_draw_get_until:
 * @self: a `TandemDraw`
 *
 * Gets [property@Tandem.Draw:until].
 *
 * Returns: (transfer none) (nullable): the period label, or %NULL
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (const char *, tandem_draw_get_until, TandemDraw, TANDEM_IS_DRAW, until, NULL)

/**
 * tandem_draw_get_recoverable:
 * @self: a `TandemDraw`
 *
 * Gets [property@Tandem.Draw:recoverable].
 *
 * Returns: %TRUE for a recoverable draw
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (gboolean,
                      tandem_draw_get_recoverable,
                      TandemDraw,
                      TANDEM_IS_DRAW,
                      recoverable,
                      FALSE)

/**
 * tandem_draw_get_balance:
 * @self: a `TandemDraw`
 *
 * Gets [property@Tandem.Draw:balance].
 *
 * Returns: (transfer none): the balance
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemMoney *,
                      tandem_draw_get_balance,
                      TandemDraw,
                      TANDEM_IS_DRAW,
                      balance,
                      NULL)

static gboolean
commit_draw (TandemScheduleWrite *w, const TandemScheduleRecord *d, GError **error)
{
  g_autofree char *amount = _tandem_money_format_display (d->amount_minor, d->currency);
  g_autofree char *what = g_strdup_printf (
      "rep #%" PRId64 ": %s per period from %s until %s, %s", d->owner_id, amount, d->from_label,
      d->until_label ? d->until_label : "…", d->number ? "recoverable" : "not recoverable");

  return _tandem_transaction_commit_audited (w->tx, "draw set", what, error);
}

/**
 * tandem_draw_set:
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
tandem_draw_set (TandemStore  *self,
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
  TandemScheduleWrite  w;
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

  ok = _tandem_schedule_write_begin (&w, self, error)
       && _tandem_schedule_write_period_start (&w, from, &record.from_at, error)
       && (until == NULL
           || _tandem_schedule_write_period_start (&w, until, &record.until_at, error));
  if (ok && until != NULL && record.until_at < record.from_at)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                   _ ("%s: it ends (%s) before it starts"), what, until_label);
      ok = FALSE;
    }
  ok = ok && _tandem_schedule_write_check_open (&w, record.from_at, what, error)
       && _tandem_db_save_schedule (w.db, TANDEM_SCHEDULE_DRAW, &record, &id, error)
       && commit_draw (&w, &record, error);
  _tandem_schedule_write_clear (&w);
  if (!ok)
    return NULL;

  return _tandem_draw_new (id, rep, tandem_money_ref (amount), from_label, until_label, recoverable,
                           tandem_money_new (0, tandem_money_get_currency (amount)));
}

/**
 * tandem_draw_list:
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
tandem_draw_list (TandemStore *self, GError **error)
{
  static const gint64 kinds[2] = { TANDEM_LINE_KIND_DRAW, TANDEM_LINE_KIND_DRAW_RECOVERY };
  g_autoptr (GListStore) list = g_list_store_new (TANDEM_TYPE_DRAW);
  g_autoptr (GArray) lines = NULL;
  TandemScheduleWrite w;
  gboolean            ok;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);

  ok = _tandem_schedule_read_begin (&w, self, error)
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
  _tandem_schedule_write_clear (&w);
  return ok ? G_LIST_MODEL (g_steal_pointer (&list)) : NULL;
}
