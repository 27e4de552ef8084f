/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-collection.c: pay on collection: an order's commission paid as
 * the customer pays.
 *
 * Under `PayOn=payment` an order's commission and accelerator lines are
 * computed as usual in the order's period; what they earned (L per rep
 * and line kind) is then paid in the periods of the order's payments.
 * With O the order's amount, C(t) its payments before t and R(t) its
 * reversals before t that claw back (inside the clawback window), the
 * part of L paid by t is
 *
 *     paid(t) = round_half_away (L × min (C(t), O − R(t)) / O)
 *
 * and a period [s, e) pays paid(e) − paid(s): cumulative rounding, so the
 * payments together pay exactly L and the last one pays the rest. A
 * reversal lowers O − R: what was paid beyond it is taken back (a
 * clawback line), and nothing more is paid for the reversed part. At the
 * period's end each rep has held what its orders earned and did not pay
 * yet: round (L × max (0, O − all reversals) / O) − paid(e), never below
 * zero; it is shown beside the total, never in it.
 *
 * The order's own period shows its lines with the part paid in it (the
 * rest held) and keeps what they earned when it closes, so that a later
 * period reads L from the closed lines; an earlier period that is open is
 * settled again for it (without collection). */

#include "config.h"

#include <inttypes.h>

#include "tandem-i18n-private.h"
#include <string.h>

#include "tandem-settlement.h"
#include "tandem-settlement-private.h"
#include "tandem-settlement-engine-private.h"
#include "tandem-currency-private.h"
#include "tandem-plan-private.h"
#include "tandem-rate-private.h"
#include "tandem-store-private.h"
#include "tandem-util-private.h"

/* One line an order earned: L for one rep and line kind. */
typedef struct
{
  gint64 rep_id;
  gint64 team_id;
  gint64 account_id;
  gint64 amount;
  guint  index; /* the order's own period: the line in engine->lines */
  guint8 kind;
  guint8 activity_kind;
} Earned;

/* An order's amount and what was paid and reversed of it before a time. */
typedef struct
{
  gint64 order;    /* O */
  gint64 paid;     /* C: payments */
  gint64 clawing;  /* R: reversals inside the clawback window */
  gint64 reversed; /* all reversals */
  char   currency[4];
} Flows;

static gboolean
flows_before (const TandemPlanRules *rules,
              GArray                *flows,
              gint64                 before,
              Flows                 *out,
              GError               **error)
{
  const TandemFlowRecord *order = &g_array_index (flows, TandemFlowRecord, 0);

  memset (out, 0, sizeof *out);
  out->order = order->amount_minor;
  g_strlcpy (out->currency, order->currency, sizeof out->currency);
  for (guint i = 1; i < flows->len; i++)
    {
      const TandemFlowRecord *f = &g_array_index (flows, TandemFlowRecord, i);
      gint64                  days = (f->occurred_at - order->occurred_at) / USEC_PER_DAY;
      gboolean                ok = TRUE;

      if (f->occurred_at >= before)
        continue;
      if (f->kind == TANDEM_ACTIVITY_KIND_PAYMENT)
        ok = _tandem_add_checked (&out->paid, f->amount_minor);
      else if (f->kind == TANDEM_ACTIVITY_KIND_REVERSAL)
        {
          ok = _tandem_add_checked (&out->reversed, f->amount_minor);
          if (ok && rules->has_clawback && days <= rules->clawback_days)
            ok = _tandem_add_checked (&out->clawing, f->amount_minor);
        }
      if (!ok)
        return _tandem_overflow_error (error, _ ("The payments of order #%" PRId64), order->id);
    }
  return TRUE;
}

/* round_half_away (L × part / O) */
static gboolean
share_of (gint64 earned, gint64 part, gint64 order, gint64 *out, gint64 order_id, GError **error)
{
  gboolean overflow = FALSE;

  *out = order > 0 ? _tandem_mul_div_round (earned, MAX (part, 0), order, &overflow) : 0;
  if (overflow)
    return _tandem_overflow_error (error, _ ("The paid part of order #%" PRId64), order_id);
  return TRUE;
}

/* The part of L paid by the time of @f. */
static gboolean
paid_part (gint64 earned, const Flows *f, gint64 *out, gint64 order_id, GError **error)
{
  return share_of (earned, MIN (f->paid, f->order - f->clawing), f->order, out, order_id, error);
}

static gboolean
is_order_line (const TandemLine *l, gint64 order_id)
{
  return l->activity_id == order_id && l->reason != REASON_COLLECTED
         && (l->kind == TANDEM_LINE_KIND_COMMISSION || l->kind == TANDEM_LINE_KIND_ACCELERATOR
             || l->kind == TANDEM_LINE_KIND_SPIFF);
}

/* What @order_id earned, from this period's lines, the closed lines of
 * its period, or its open period settled again. */
static gboolean
earned_lines (TandemEngine *engine,
              GHashTable   *own,
              gint64        order_id,
              gint64        order_at,
              GArray       *out,
              GError      **error)
{
  TandemLineTable  *lines;
  TandemLineIter    iter;
  const TandemLine *l;

  if (order_at >= engine->start)
    {
      gpointer first;
      guint    i;

      if (!g_hash_table_lookup_extended (own, &order_id, NULL, &first))
        return TRUE; /* a tandem that follows another plan */
      i = GPOINTER_TO_UINT (first);
      _tandem_line_iter_init (&iter, engine->lines, i, G_MAXUINT);
      for (; (l = _tandem_line_iter_next (&iter)) != NULL && l->activity_id == order_id; i++)
        {
          Earned e
              = { l->rep_id, l->team_id, l->account_id, l->amount, i, l->kind, l->activity_kind };

          if (is_order_line (l, order_id))
            g_array_append_val (out, e);
        }
      return TRUE;
    }

  {
    g_autoptr (GArray) closed
        = _tandem_db_list_closed_lines_for_activity (engine->db, order_id, error);
    gboolean found = FALSE;

    if (closed == NULL)
      return FALSE;
    for (guint i = 0; i < closed->len; i++)
      {
        const TandemLineRecord *r = &g_array_index (closed, TandemLineRecord, i);
        Earned e = { r->rep_id, r->team_id, 0, r->earned, G_MAXUINT, (guint8)r->kind, 0 };

        if (!r->has_earned)
          continue;
        found = TRUE;
        g_array_append_val (out, e);
      }
    if (found)
      return TRUE;
  }

  lines = engine->earlier_lines (engine, order_at, order_id, error);
  if (lines == NULL)
    return FALSE;
  _tandem_line_iter_init (&iter, lines, 0, G_MAXUINT);
  while ((l = _tandem_line_iter_next (&iter)) != NULL)
    {
      Earned e = { l->rep_id, l->team_id, l->account_id,   l->amount,
                   G_MAXUINT, l->kind,    l->activity_kind };

      if (is_order_line (l, order_id))
        g_array_append_val (out, e);
    }
  return TRUE;
}

/* What a collected line says: what the line earned, what the customer
 * has paid of the order (and what was reversed of it), what is paid now
 * and in all, and what stays held until the customer pays. The share
 * stands in the commission text before it (the order's own period) or
 * here (a later period). */
static char *
collected_text (TandemEngine *engine,
                gint64        order_id,
                const Flows  *start,
                const Flows  *end,
                gint64        earned,
                gint64        paid_before,
                gint64        paid_after,
                gint64        held)
{
  const char      *cur = engine->currency;
  g_autofree char *order = _tandem_money_format_display (end->order, end->currency);
  g_autofree char *paid = _tandem_money_format_display (end->paid, end->currency);
  g_autofree char *paid_start = _tandem_money_format_display (start->paid, end->currency);
  g_autofree char *reversed = _tandem_money_format_display (end->reversed, end->currency);
  g_autofree char *counted = _tandem_money_format_display (
      MAX (MIN (end->paid, end->order - end->clawing), 0), end->currency);
  g_autofree char *earned_text = _tandem_money_format_display (earned, cur);
  g_autofree char *before = _tandem_money_format_display (paid_before, cur);
  g_autofree char *after = _tandem_money_format_display (paid_after, cur);
  g_autofree char *now = _tandem_money_format_display (ABS (paid_after - paid_before), cur);
  g_autofree char *held_text = _tandem_money_format_display (held, cur);
  g_autofree char *reversal = NULL;
  GString         *out = g_string_new (NULL);

  if (end->reversed > 0)
    /* TRANSLATORS: inside a pay-on-collection explanation */
    reversal = g_strdup_printf (_ ("; %s of the order was reversed, so %s of it counts as paid"),
                                reversed, counted);
  g_string_append_printf (
      out,
      _ ("Paid on collection: the customer has paid %s of the %s of order #%" PRId64
         " by the period's end (%s before it)%s"),
      paid, order, order_id, paid_start, reversal != NULL ? reversal : "");
  if (paid_after >= paid_before)
    g_string_append_printf (out,
                            _ ("; of the %s this line earned, %s is paid in all (%s before): "
                               "%s now, %s held until the customer pays"),
                            earned_text, after, before, now, held_text);
  else
    g_string_append_printf (out,
                            _ ("; of the %s this line earned, %s stays paid (%s before): "
                               "%s taken back by the reversal, %s held until the customer pays"),
                            earned_text, after, before, now, held_text);
  return g_string_free (out, FALSE);
}

gboolean
_tandem_collection_held (const TandemPlanRules *rules,
                         GArray                *flows,
                         gint64                 end,
                         gint64                 earned,
                         gint64                *held,
                         GError               **error)
{
  gint64 order_id = g_array_index (flows, TandemFlowRecord, 0).id;
  gint64 paid, entitled;
  Flows  f;

  if (!flows_before (rules, flows, end, &f, error)
      || !paid_part (earned, &f, &paid, order_id, error)
      || !share_of (earned, f.order - f.reversed, f.order, &entitled, order_id, error))
    return FALSE;
  *held = MAX (entitled - paid, 0);
  return TRUE;
}

/* Pays one order: its own lines get the part paid in this period, an
 * earlier order a line for what its payments (or reversals) change. */
static gboolean
collect_order (TandemEngine *engine, GHashTable *own, gint64 order_id, GError **error)
{
  g_autoptr (GArray) flows = NULL;
  g_autoptr (GArray) earned = g_array_new (FALSE, TRUE, sizeof (Earned));
  const TandemFlowRecord *order;
  Flows                   start, end;

  flows = _tandem_db_list_order_flows (engine->db, order_id, engine->end, error);
  if (flows == NULL)
    return FALSE;
  if (flows->len == 0)
    return TRUE;
  order = &g_array_index (flows, TandemFlowRecord, 0);
  if (!tandem_activity_kind_is_commissionable (order->kind))
    return TRUE;
  if (!earned_lines (engine, own, order_id, order->occurred_at, earned, error)
      || !flows_before (engine->rules, flows, engine->start, &start, error)
      || !flows_before (engine->rules, flows, engine->end, &end, error))
    return FALSE;

  for (guint i = 0; i < earned->len; i++)
    {
      const Earned *e = &g_array_index (earned, Earned, i);
      gint64        paid_before, paid_after, entitled, held;

      if (!paid_part (e->amount, &start, &paid_before, order_id, error)
          || !paid_part (e->amount, &end, &paid_after, order_id, error)
          || !share_of (e->amount, end.order - end.reversed, end.order, &entitled, order_id, error))
        return FALSE;
      held = MAX (entitled - paid_after, 0);
      if (held > 0 && !_tandem_add_to_key (engine->held, e->rep_id, held))
        return _tandem_overflow_error (error, _ ("What rep %" PRId64 " has held"), e->rep_id);

      if (e->index != G_MAXUINT)
        {
          TandemLine l;

          /* the order's own period: nothing was paid before it */
          _tandem_line_table_get (engine->lines, e->index, &l);
          l.amount = paid_after;
          l.earned = e->amount;
          l.flags |= LINE_EARNED;
          l.text = collected_text (engine, order_id, &start, &end, e->amount, 0, paid_after, held);
          _tandem_line_table_set (engine->lines, e->index, &l);
        }
      else if (paid_after != paid_before)
        {
          TandemLine line = { 0 };

          line.kind = paid_after > paid_before ? e->kind : TANDEM_LINE_KIND_CLAWBACK;
          line.reason = REASON_COLLECTED;
          line.rep_id = e->rep_id;
          line.team_id = e->team_id;
          line.activity_id = order_id;
          line.activity_kind = e->activity_kind ? e->activity_kind : (guint8)order->kind;
          line.account_id = e->account_id;
          line.amount = paid_after - paid_before;
          line.base = e->amount;
          line.other = order_id;
          line.text = collected_text (engine, order_id, &start, &end, e->amount, paid_before,
                                      paid_after, held);
          _tandem_line_table_append (engine->lines, &line);
        }
    }
  return TRUE;
}

gboolean
_tandem_engine_collect (TandemEngine *engine, GError **error)
{
  g_autoptr (GArray) open = NULL;
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GHashTable) own = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GHashTableIter    iter;
  gpointer          key;
  TandemLineIter    lines;
  const TandemLine *l;
  guint             i = 0;

  /* the orders paid or reversed in this period are open at its start, or
   * in it: every order with something left open at the start */
  open = _tandem_db_list_open_orders (
      engine->db, engine->start, engine->start,
      _tandem_activity_kinds_mask (tandem_activity_kind_is_commissionable), error);
  if (open == NULL)
    return FALSE;
  for (i = 0; i < open->len; i++)
    {
      gint64 *id = g_new (gint64, 1);

      *id = g_array_index (open, gint64, i);
      g_hash_table_add (engine->collect, id);
    }

  /* this period's own orders: where their lines begin */
  _tandem_line_iter_init (&lines, engine->lines, 0, G_MAXUINT);
  for (i = 0; (l = _tandem_line_iter_next (&lines)) != NULL; i++)
    if (is_order_line (l, l->activity_id) && !g_hash_table_contains (own, &l->activity_id))
      {
        gint64 *id = g_new (gint64, 1);

        *id = l->activity_id;
        g_hash_table_insert (own, id, GUINT_TO_POINTER (i));
      }

  g_hash_table_iter_init (&iter, engine->collect);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_array_append_val (ids, *(gint64 *)key);
  g_array_sort (ids, _tandem_compare_int64);

  for (i = 0; i < ids->len; i++)
    {
      if (i % 4096 == 4095 && g_cancellable_set_error_if_cancelled (engine->cancellable, error))
        return FALSE;
      if (!collect_order (engine, own, g_array_index (ids, gint64, i), error))
        return FALSE;
    }
  return TRUE;
}
