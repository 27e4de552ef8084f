/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-settlement-pdf.c: a rep's statement as an A4 PDF (cairo, Pango) */

#include "config.h"

#include <inttypes.h>

#include "tandem-settlement.h"
#include "tandem-account.h"
#include "tandem-activity.h"
#include "tandem-dispute.h"
#include "tandem-document-private.h"
#include "tandem-draw.h"
#include "tandem-enum-types.h"
#include "tandem-i18n-private.h"
#include "tandem-settlement-private.h"
#include "tandem-settlement-engine-private.h"
#include "tandem-util-private.h"

/* The table's columns: date, reference, account, kind, amount, explanation. */
enum
{
  COL_DATE,
  COL_REF,
  COL_ACCOUNT,
  COL_KIND,
  COL_AMOUNT,
  COL_EXPLANATION,
  N_COLS
};

/* By TandemLineKind, TandemSettlementState and TandemDisputeState. */
static const char *const line_kinds[] = {
  N_ ("Commission"), N_ ("Accelerator"), N_ ("Team bonus"), N_ ("Referral bonus"), N_ ("Clawback"),
  N_ ("Cap"),        N_ ("Adjustment"),  N_ ("Draw"),       N_ ("Draw recovery"),  N_ ("SPIF"),
};
static const char *const settlement_states[]
    = { N_ ("draft"), N_ ("closed"), N_ ("approved"), N_ ("paid") };
static const char *const dispute_states[] = { N_ ("open"), N_ ("accepted"), N_ ("rejected") };

static const char *
kind_label (TandemLineKind kind)
{
  return _tandem_document_label (line_kinds, G_N_ELEMENTS (line_kinds), kind);
}

const char *
_tandem_settlement_state_label (TandemSettlementState state)
{
  return _tandem_document_label (settlement_states, G_N_ELEMENTS (settlement_states), state);
}

/* The activity behind each line, read once per activity. */
static gboolean
add_line_rows (TandemSettlement *self,
               TandemRep        *rep,
               GTimeZone        *zone,
               TandemDocument   *doc,
               gint64           *by_kind,
               GError          **error)
{
  g_autoptr (GListModel) lines = tandem_settlement_get_lines_for_rep (self, rep);
  g_autoptr (GHashTable) seen
      = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  /* TRANSLATORS: the date of a statement line, a strftime format */
  const char *date_format = _ ("%Y-%m-%d");

  for (guint i = 0; i < g_list_model_get_n_items (lines); i++)
    {
      g_autoptr (TandemPayoutLine) line = g_list_model_get_item (lines, i);
      TandemMoney    *amount = tandem_payout_line_get_amount (line);
      gint64          id = tandem_payout_line_get_activity_id (line);
      TandemLineKind  kind = tandem_payout_line_get_kind (line);
      TandemActivity *activity = NULL;
      char          **cells = g_new0 (char *, N_COLS + 1);

      _tandem_document_add_row (doc, cells);
      if (id > 0 && (activity = g_hash_table_lookup (seen, &id)) == NULL)
        {
          if ((activity = tandem_store_get_activity (self->store, id, error)) == NULL)
            return FALSE;
          g_hash_table_insert (seen, g_memdup2 (&id, sizeof id), activity);
        }
      if (activity != NULL)
        {
          g_autoptr (GDateTime) local
              = g_date_time_to_timezone (tandem_activity_get_occurred_at (activity), zone);
          const char *ref = tandem_activity_get_external_ref (activity);

          cells[COL_DATE] = g_date_time_format (local, date_format);
          cells[COL_REF] = ref != NULL ? g_strdup (ref) : g_strdup_printf ("#%" PRId64, id);
          cells[COL_ACCOUNT]
              = g_strdup (tandem_account_get_name (tandem_activity_get_account (activity)));
        }
      cells[COL_KIND] = g_strdup (kind_label (kind));
      cells[COL_AMOUNT] = tandem_money_to_locale_string (amount, FALSE);
      cells[COL_EXPLANATION] = g_strdup (tandem_payout_line_get_explanation (line));
      if (!_tandem_add_checked (&by_kind[kind], tandem_money_get_minor_units (amount)))
        return _tandem_overflow_error (error, _ ("The statement’s %s lines"), kind_label (kind));
    }
  return TRUE;
}

/* Totals per kind, the total, what is held, the draw balance and the
 * rep's disputes of this plan and period. */
static gboolean
add_summary (TandemSettlement *self,
             TandemRep        *rep,
             TandemDocument   *doc,
             const gint64     *by_kind,
             GError          **error)
{
  g_autoptr (TandemMoney) total = tandem_settlement_get_total_for_rep (self, rep);
  g_autoptr (TandemMoney) held = tandem_settlement_get_held_for_rep (self, rep);
  g_autoptr (GListModel) draws = NULL;
  g_autoptr (GListModel) disputes = NULL;
  g_autofree char *period = tandem_period_to_string (self->period);
  g_autoptr (GString) text = g_string_new (NULL);
  g_autofree char *total_text = tandem_money_to_locale_string (total, TRUE);
  gboolean         has_draw = FALSE;
  gint64           draw_balance = 0;
  guint            n_disputes = 0;

  if ((draws = tandem_draw_list (self->store, error)) == NULL
      || (disputes = tandem_dispute_list (self->store, FALSE, error)) == NULL)
    return FALSE;

  g_string_append_printf (text, "<b>%s</b>", _ ("Totals by kind"));
  for (guint k = 0; k <= TANDEM_LINE_KIND_SPIFF; k++)
    {
      g_autofree char *shown = NULL;
      g_autofree char *esc = NULL;

      if (by_kind[k] == 0)
        continue;
      shown = _tandem_document_money (by_kind[k], self->currency, TRUE);
      esc = g_markup_escape_text (shown, -1);
      g_string_append_printf (text, "\n%s\t%s", kind_label (k), esc);
    }
  _tandem_document_add_after (doc, g_string_free (g_steal_pointer (&text), FALSE));
  _tandem_document_add_after (doc,
                              g_markup_printf_escaped ("<b>%s\t%s</b>", _ ("Total"), total_text));
  if (tandem_money_get_minor_units (held) != 0)
    {
      g_autofree char *shown = tandem_money_to_locale_string (held, TRUE);

      _tandem_document_add_after (
          doc, g_markup_printf_escaped ("%s\t%s",
                                        _ ("Held until the customers pay (not in the "
                                           "total)"),
                                        shown));
    }
  for (guint i = 0; i < g_list_model_get_n_items (draws); i++)
    {
      g_autoptr (TandemDraw) draw = g_list_model_get_item (draws, i);
      TandemMoney *balance = tandem_draw_get_balance (draw);

      if (tandem_rep_get_id (tandem_draw_get_rep (draw)) != tandem_rep_get_id (rep))
        continue;
      has_draw = TRUE;
      if (balance != NULL
          && !_tandem_add_checked (&draw_balance, tandem_money_get_minor_units (balance)))
        return _tandem_overflow_error (error, _ ("The draw balance"));
    }
  if (has_draw)
    {
      g_autofree char *shown = _tandem_document_money (draw_balance, self->currency, TRUE);

      _tandem_document_add_after (
          doc,
          g_markup_printf_escaped ("%s\t%s", _ ("Draw balance (paid, not yet recovered)"), shown));
    }

  text = g_string_new (NULL);
  g_string_append_printf (text, "<b>%s</b>", _ ("Disputes"));
  for (guint i = 0; i < g_list_model_get_n_items (disputes); i++)
    {
      g_autoptr (TandemDispute) d = g_list_model_get_item (disputes, i);
      g_autofree char *esc = NULL;

      if (tandem_rep_get_id (tandem_dispute_get_rep (d)) != tandem_rep_get_id (rep)
          || g_strcmp0 (tandem_dispute_get_period (d), period) != 0
          || g_strcmp0 (tandem_dispute_get_plan (d), self->plan_name) != 0)
        continue;
      n_disputes++;
      esc = g_markup_escape_text (tandem_dispute_get_reason (d), -1);
      g_string_append_printf (text, "\n#%" PRId64 " (%s)", tandem_dispute_get_id (d),
                              _tandem_document_label (dispute_states, G_N_ELEMENTS (dispute_states),
                                                      tandem_dispute_get_state (d)));
      if (tandem_dispute_get_activity_id (d) > 0)
        g_string_append_printf (text, ", %s #%" PRId64, _ ("activity"),
                                tandem_dispute_get_activity_id (d));
      g_string_append_printf (text, ": %s", esc);
    }
  if (n_disputes == 0)
    g_string_append_printf (text, "\n%s", _ ("none"));
  _tandem_document_add_after (doc, g_string_free (g_steal_pointer (&text), FALSE));
  return TRUE;
}

static const TandemDocumentColumn columns[N_COLS] = {
  { N_ ("Date"), 60, FALSE }, { N_ ("Reference"), 66, FALSE }, { N_ ("Account"), 92, FALSE },
  { N_ ("Kind"), 68, FALSE }, { N_ ("Amount"), 64, TRUE },     { N_ ("Explanation"), 0, FALSE },
};

/* Everything the statement shows, read before anything is drawn. */
static TandemDocument *
statement_gather (TandemSettlement *self, TandemRep *rep, GError **error)
{
  g_autoptr (GTimeZone) zone = NULL;
  g_autoptr (TandemDocument) doc = NULL;
  g_autofree char *period = tandem_period_to_string (self->period);
  g_autofree char *who = _tandem_document_rep_text (rep);
  g_autofree char *plan = _tandem_document_plan_text (self->plan_name, self->plan_version);
  const char      *title = _ ("Commission statement");
  g_autofree char *head
      = g_strdup_printf ("%s — %s — %s", title, tandem_rep_get_name (rep), period);
  g_autofree char *info = g_markup_printf_escaped (
      "%s\t%s\n%s\t%s\n%s\t%s\n%s\t%s", _ ("Rep"), who, _ ("Period"), period, _ ("Plan"), plan,
      _ ("State"), _tandem_settlement_state_label (self->state));
  gint64 by_kind[TANDEM_LINE_KIND_SPIFF + 1] = { 0 };

  if ((zone = tandem_store_get_time_zone (self->store, error)) == NULL)
    return NULL;
  doc = _tandem_document_new (
      TANDEM_DOCUMENT_PORTRAIT, title, head, info,
      self->state == TANDEM_SETTLEMENT_STATE_DRAFT ? _ ("Draft: figures may still change") : NULL,
      columns, N_COLS);
  if (!add_line_rows (self, rep, zone, doc, by_kind, error)
      || !add_summary (self, rep, doc, by_kind, error))
    return NULL;
  return g_steal_pointer (&doc);
}

/**
 * tandem_settlement_write_statement_pdf:
 * @self: a `TandemSettlement`
 * @rep: a rep the settlement includes
 * @stream: where the PDF goes
 * @cancellable: (nullable): a `GCancellable`
 * @error: return location for a `GError`
 *
 * Writes @rep's statement for the settlement's period as an A4 PDF with
 * real, searchable text: the plan and its version, the rep and personnel
 * number, the period and the state (a draft is marked on every page),
 * every line with its date, reference, account, kind, amount and
 * explanation, then the totals per kind, the total, what is held until the
 * customers pay, the draw balance and the rep's disputes of this plan and
 * period. Every page says "page N of M"; the table's header is repeated on
 * every page it runs over. Labels, dates and amounts follow the current
 * locale (German under `de_DE.UTF-8`).
 *
 * Everything the statement shows is read (activities, accounts, draws,
 * disputes) before the first byte is written: a store error leaves
 * @stream untouched. @stream is not closed.
 *
 * Returns: %TRUE on success
 *
 * Since: 1.0
 */
gboolean
tandem_settlement_write_statement_pdf (TandemSettlement *self,
                                       TandemRep        *rep,
                                       GOutputStream    *stream,
                                       GCancellable     *cancellable,
                                       GError          **error)
{
  g_autoptr (TandemDocument) doc = NULL;

  g_return_val_if_fail (TANDEM_IS_SETTLEMENT (self), FALSE);
  g_return_val_if_fail (TANDEM_IS_REP (rep), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!tandem_settlement_includes_rep (self, rep))
    {
      g_autofree char *period = tandem_period_to_string (self->period);

      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_FOUND,
                   _ ("Rep “%s” is not paid under plan “%s” in %s"), tandem_rep_get_name (rep),
                   self->plan_name, period);
      return FALSE;
    }
  if ((doc = statement_gather (self, rep, error)) == NULL)
    return FALSE;
  return _tandem_document_write_pdf (doc, stream, cancellable, _ ("the statement"), error);
}
