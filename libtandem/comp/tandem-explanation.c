/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-explanation.c: why each payout line exists, in words */

#include "config.h"

#include <inttypes.h>

#include "tandem-i18n-private.h"
#include <json-glib/json-glib.h>
#include <string.h>

#include "tandem-settlement.h"
#include "tandem-settlement-private.h"
#include "tandem-settlement-engine-private.h"
#include "tandem-plan-private.h"
#include "tandem-currency-private.h"
#include "tandem-enum-types.h"
#include "tandem-rate-private.h"
#include "tandem-store-private.h"
#include "tandem-util-private.h"

char *
_tandem_share_text (int bp)
{
  return bp % 100 == 0 ? g_strdup_printf ("%d%%", bp / 100)
                       : g_strdup_printf ("%d.%02d%%", bp / 100, bp % 100);
}

/* Rows of stored explanations read at once: a month of a closed period
 * is written out in a few thousand reads, and at most this many texts
 * are held. */
#define TEXTS_AT_ONCE 512

const char *
_tandem_settlement_name (TandemSettlement *self, char what, gint64 id)
{
  char        key[32];
  const char *name;

  g_snprintf (key, sizeof key, "%c%" PRId64, what, id);
  name = self->names != NULL ? g_hash_table_lookup (self->names, key) : NULL;
  return name != NULL ? name : "?";
}

char *
_tandem_settlement_stored_text (TandemSettlement *self, gint64 row, GError **error)
{
  g_autoptr (GArray) rows = NULL;
  /* the store's lock first, as every other path takes it */
  g_autoptr (TandemTransaction) tx = _tandem_transaction_new (self->store);
  g_autoptr (GMutexLocker) locker G_GNUC_UNUSED = g_mutex_locker_new (&self->texts_lock);
  const char                     *text;

  if (self->texts == NULL || row < self->texts_first
      || row >= self->texts_first + (gint64)self->texts->len)
    {
      rows = _tandem_db_list_line_texts (_tandem_transaction_get_db (tx), row, row + TEXTS_AT_ONCE,
                                         error);
      if (rows == NULL)
        return NULL;
      g_clear_pointer (&self->texts, g_ptr_array_unref);
      self->texts = g_ptr_array_new_full (TEXTS_AT_ONCE, g_free);
      g_ptr_array_set_size (self->texts, TEXTS_AT_ONCE);
      self->texts_first = row;
      for (guint i = 0; i < rows->len; i++)
        {
          TandemLineRecord *r = &g_array_index (rows, TandemLineRecord, i);

          if (r->id >= row && r->id < row + TEXTS_AT_ONCE)
            g_ptr_array_index (self->texts, r->id - row) = g_steal_pointer (&r->explanation);
        }
    }
  text = g_ptr_array_index (self->texts, row - self->texts_first);
  return g_strdup (text ? text : "");
}

static char *explain_line (TandemSettlement *self, const TandemLine *l, GError **error);

/* What a line used besides its own figures: the conversion of a foreign
 * activity, a target set for the period, the plan's version. */
char *
_tandem_settlement_explain (TandemSettlement *self, const TandemLine *l, GError **error)
{
  g_autofree char      *text = explain_line (self, l, error);
  GString              *out;
  TandemRateConversion *conversion;

  if (text == NULL)
    return NULL;
  if (l->reason == REASON_STORED || l->reason == REASON_COLLECTED)
    return g_steal_pointer (&text);
  if ((l->flags & LINE_EARNED) && l->text != NULL)
    {
      char *both = g_strdup_printf ("%s. %s", text, l->text);

      g_free (text);
      text = both;
    }

  out = g_string_new (NULL);
  conversion = self->conversions != NULL && l->activity_id > 0
                   ? g_hash_table_lookup (self->conversions, &l->activity_id)
                   : NULL;
  if (conversion != NULL)
    {
      g_autofree char *original
          = _tandem_money_format_display (conversion->minor, conversion->currency);
      g_autofree char *since = _tandem_time_format (conversion->since);

      g_string_append_printf (out,
                              _ ("Activity #%" PRId64 " was %s, converted at %s %s→%s (the rate "
                                 "from %s). "),
                              l->activity_id, original, conversion->rate, conversion->currency,
                              self->currency, since);
    }
  g_string_append (out, text);
  if (l->reason == REASON_COMMISSION && l->other2 > 0 && self->group_names != NULL
      && (guint)l->other2 <= self->group_names->len)
    /* TRANSLATORS: the plan's group whose rules the line followed */
    g_string_append_printf (out, _ (" (rules of [%s])"),
                            (char *)g_ptr_array_index (self->group_names, l->other2 - 1));
  if (l->reason == REASON_ACCELERATOR && (l->flags & LINE_MARGIN))
    /* TRANSLATORS: an accelerator line under Base=margin */
    g_string_append (out, _ (" (its share of the margin: Base=margin)"));
  if (l->flags & LINE_PERIOD_TARGET)
    {
      g_autofree char *label = tandem_period_to_string (self->period);

      g_string_append_printf (out, _ (" (the tandem's target set for %s)"), label);
    }
  if (self->versioned && self->plan_version > 0)
    g_string_append_printf (out, _ (" [plan “%s” version %u]"), self->plan_name,
                            self->plan_version);
  return g_string_free (out, FALSE);
}

static char *
explain_line (TandemSettlement *self, const TandemLine *l, GError **error)
{
  const char      *cur = self->currency;
  g_autofree char *amount = _tandem_money_format_display (l->amount, cur);
  g_autofree char *base = _tandem_money_format_display (l->base, cur);
  g_autofree char *pool = _tandem_money_format_display (l->pool, cur);
  g_autofree char *share = _tandem_share_text (l->share_bp);
  g_autofree char *rate = _tandem_rate_to_percent_string (l->rate);
  const char      *kind = l->activity_kind <= TANDEM_ACTIVITY_KIND_PAYMENT
                              ? tandem_activity_kind_to_nick (l->activity_kind)
                              : "";
  const char      *account_name = _tandem_settlement_name (self, 'a', l->account_id);
  const char      *team_name = _tandem_settlement_name (self, 't', l->team_id);

  switch ((TandemLineReason)l->reason)
    {
    case REASON_COMMISSION:
      if (l->flags & LINE_MARGIN)
        {
          /* Base=margin: the base is the amount less the cost */
          g_autofree char *cost = _tandem_money_format_display (l->other, cur);
          char            *margin
              = l->base > 0 ? g_strdup_printf (_ ("the margin %s (the amount less the cost %s) of"),
                                               base, cost)
                            /* TRANSLATORS: a sale at a loss under Base=margin */
                            : g_strdup_printf (
                                _ ("no margin (the cost %s is not below the amount) of"), cost);

          g_free (base);
          base = margin;
        }
      if (l->flags & LINE_EARNED)
        {
          /* pay on collection: the share is of what the line earned; the
           * collection text after it says what of that is paid */
          g_autofree char *earned = _tandem_money_format_display (l->earned, cur);

          return g_strdup_printf (_ ("%s of %s %s #%" PRId64 " for %s = %s; your share %s = %s"),
                                  rate, base, kind, l->activity_id, account_name, pool, share,
                                  earned);
        }
      return g_strdup_printf (_ ("%s of %s %s #%" PRId64 " for %s = %s; your share %s = %s"), rate,
                              base, kind, l->activity_id, account_name, pool, share, amount);

    case REASON_SPIFF:
      {
        const char *group = l->other2 > 0 && self->group_names != NULL
                                    && (guint)l->other2 <= self->group_names->len
                                ? g_ptr_array_index (self->group_names, l->other2 - 1)
                                : "Spiff";
        /* pay on collection: the share is of what the line earned */
        g_autofree char *earned
            = _tandem_money_format_display ((l->flags & LINE_EARNED) ? l->earned : l->amount, cur);

        /* TRANSLATORS: "[Spiff Frühjahr]: 2 × 50.00 EUR for order #5 for ACME = 100.00 EUR;
         * your share 40% = 40.00 EUR" */
        return g_strdup_printf (
            _ ("[%s]: %" PRId64 " × %s for %s #%" PRId64 " for %s = %s; your share %s = %s"), group,
            l->other, base, kind, l->activity_id, account_name, pool, share, earned);
      }

    case REASON_ACCELERATOR:
      {
        g_autofree char *threshold = _tandem_money_format_display (l->other, cur);

        return g_strdup_printf (
            _ ("Accelerator: %s of %s #%" PRId64 " for %s lies above the threshold of %s; "
               "extra %s of it = %s; your share %s = %s"),
            base, kind, l->activity_id, account_name, threshold, rate, pool, share, amount);
      }

    case REASON_BONUS_EQUAL:
      {
        g_autofree char *needed = _tandem_money_format_display (l->other, cur);

        return g_strdup_printf (_ ("Team bonus: tandem %s earned %s, reaching the %s needed; "
                                   "the %s bonus split equally = %s"),
                                team_name, base, needed, pool, amount);
      }

    case REASON_BONUS_CONTRIBUTION:
      {
        g_autofree char *needed = _tandem_money_format_display (l->other, cur);
        g_autofree char *mine = _tandem_money_format_display (l->rate, cur);
        g_autofree char *all = _tandem_money_format_display (l->account_id, cur);

        return g_strdup_printf (
            _ ("Team bonus: tandem %s earned %s, reaching the %s needed; "
               "split by contribution, you logged %s of %s = %s of the %s bonus"),
            team_name, base, needed, mine, all, amount, pool);
      }

    case REASON_REFERRAL:
      {
        return g_strdup_printf (
            _ ("Referral bonus: %s, referred by %s, placed its first order #%" PRId64
               "; %s for tandem %s; your share %s = %s"),
            account_name, _tandem_settlement_name (self, 'a', l->other), l->activity_id, pool,
            team_name, share, amount);
      }

    case REASON_CLAWBACK:
      return g_strdup_printf (_ ("Clawback: reversal #%" PRId64 " of %s takes back order #%" PRId64
                                 " for %s after %" PRId64 " days, within the clawback window; "
                                 "%s taken back in all, your part %s"),
                              l->activity_id, base, l->other, account_name, l->other2, pool,
                              amount);

    case REASON_CLAWBACK_REFERRAL:
      return g_strdup_printf (_ ("Clawback: the first order #%" PRId64
                                 " of %s was reversed by #%" PRId64
                                 ", so its %s referral bonus is taken back; your share %s = %s"),
                              l->other, account_name, l->activity_id, base, share, amount);

    case REASON_OUTSIDE_WINDOW:
      return g_strdup_printf (
          _ ("Reversal #%" PRId64 " of order #%" PRId64 " for %s (%s) came %" PRId64
             " days after the order, outside the clawback window: nothing is taken back"),
          l->activity_id, l->other, account_name, base, l->other2);

    case REASON_NO_CLAWBACK:
      return g_strdup_printf (_ ("Reversal #%" PRId64 " of order #%" PRId64 " for %s (%s): "
                                 "the plan has no clawback, nothing is taken back"),
                              l->activity_id, l->other, account_name, base);

    case REASON_CAP:
      {
        g_autofree char *cap = _tandem_money_format_display (l->other, cur);

        return g_strdup_printf (
            _ ("Cap: your lines add up to %s, above the cap of %s per rep; %s is cut"), base, cap,
            amount);
      }

    case REASON_CAP_PART:
      {
        g_autofree char *cap = _tandem_money_format_display (l->other, cur);
        return g_strdup_printf (
            _ ("Cap: your lines add up to %s, above the cap of %s per rep; %s is cut, "
               "%s of it from what you earned through tandem %s"),
            base, cap, pool, amount, team_name);
      }

    case REASON_DRAW:
      {
        g_autofree char *balance = _tandem_money_format_display (l->other + l->amount, cur);

        if (l->flags & LINE_RECOVERABLE)
          return g_strdup_printf (_ ("Draw: your lines add up to %s, below your draw of %s; "
                                     "topped up by %s, recoverable (draw balance now %s)"),
                                  base, pool, amount, balance);
        return g_strdup_printf (_ ("Draw: your lines add up to %s, below your draw of %s; "
                                   "topped up by %s, not recoverable"),
                                base, pool, amount);
      }

    case REASON_DRAW_RECOVERY:
    case REASON_DRAW_RECOVERY_ENDED:
      {
        g_autofree char *before = _tandem_money_format_display (l->other, cur);
        g_autofree char *after = _tandem_money_format_display (l->other + l->amount, cur);

        if (l->reason == REASON_DRAW_RECOVERY)
          return g_strdup_printf (_ ("Draw recovery: your lines add up to %s, above your draw of "
                                     "%s; %s of the draw balance of %s is taken back (balance "
                                     "now %s)"),
                                  base, pool, amount, before, after);
        return g_strdup_printf (_ ("Draw recovery: your draw has ended and your lines add up to "
                                   "%s; %s of the draw balance of %s is taken back (balance now "
                                   "%s)"),
                                base, amount, before, after);
      }

    case REASON_STORED:
      if (l->text == NULL && l->other > 0)
        return _tandem_settlement_stored_text (self, l->other, error);
      return g_strdup (l->text ? l->text : "");

    case REASON_DISPUTE:
    default:
      return g_strdup (l->text ? l->text : "");
    }
}
