/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-book-extract-pdf.c: the book extract as an A4 PDF (landscape) */

#include "config.h"

#include <inttypes.h>

#include "tandem-account.h"
#include "tandem-book-private.h"
#include "tandem-document-private.h"
#include "tandem-i18n-private.h"

/* The table: the business (date, reference, account, kind, amount), the
 * customer's side (reversed, paid) and the rep's (earned, paid out,
 * held), in the order a row's cells are made below. */
static const TandemDocumentColumn columns[] = {
  { N_ ("Date"), 58, FALSE },
  { N_ ("Reference"), 118, FALSE },
  { N_ ("Account"), 0, FALSE },
  { N_ ("Kind"), 58, FALSE },
  { N_ ("Amount"), 72, TRUE },
  { N_ ("Reversed"), 64, TRUE },
  { N_ ("Paid by customer"), 72, TRUE },
  { N_ ("Earned"), 64, TRUE },
  { N_ ("Paid out"), 64, TRUE },
  { N_ ("Held"), 64, TRUE },
};

/* Their labels; another kind is shown by its nick. */
static const TandemActivityKind kinds[] = {
  TANDEM_ACTIVITY_KIND_ORDER,
  TANDEM_ACTIVITY_KIND_CROSS_SELL,
  TANDEM_ACTIVITY_KIND_UP_SELL,
};
static const char *const kind_labels[] = { N_ ("Order"), N_ ("Cross-sell"), N_ ("Up-sell") };

static const char *
activity_kind_label (TandemActivityKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (kinds[i] == kind)
      return _ (kind_labels[i]);
  return tandem_activity_kind_to_nick (kind);
}

/* An amount in the plan's currency without it; another currency's with
 * it. */
static char *
cell_money (TandemMoney *m, const char *currency)
{
  return tandem_money_to_locale_string (m,
                                        g_strcmp0 (tandem_money_get_currency (m), currency) != 0);
}

static TandemDocument *
extract_document (TandemBookExtract *self, GError **error)
{
  g_autoptr (GTimeZone) zone = NULL;
  g_autoptr (TandemDocument) doc = NULL;
  g_autofree char *from = tandem_period_to_string (self->from);
  g_autofree char *until = tandem_period_to_string (self->until);
  g_autofree char *who = _tandem_document_rep_text (self->rep);
  g_autofree char *plan = _tandem_document_plan_text (self->plan_name, self->plan_version);
  /* TRANSLATORS: a range of periods, "2026-01 to 2026-03" */
  g_autofree char *range = g_strdup_printf (_ ("%s to %s"), from, until);
  g_autofree char *states = NULL;
  const char      *title = _ ("Book extract");
  g_autofree char *head
      = g_strdup_printf ("%s — %s — %s", title, tandem_rep_get_name (self->rep), range);
  g_autofree char *info = NULL;
  g_autofree char *earned = tandem_money_to_locale_string (self->earned, TRUE);
  g_autofree char *paid_out = tandem_money_to_locale_string (self->paid_out, TRUE);
  g_autofree char *held = tandem_money_to_locale_string (self->held, TRUE);
  /* TRANSLATORS: the date of a book extract's entry, a strftime format */
  const char *date_format = _ ("%Y-%m-%d");

  if ((zone = tandem_store_get_time_zone (self->store, error)) == NULL)
    return NULL;
  g_ptr_array_add (self->states, NULL);
  states = g_strjoinv (", ", (char **)self->states->pdata);
  g_ptr_array_remove_index (self->states, self->states->len - 1);
  info = g_markup_printf_escaped (
      "%s\t%s\n%s\t%s\n%s\t%s\n%s\t%s\n%s\t%s", _ ("Rep"), who, _ ("Plan"), plan, _ ("Periods"),
      range, _ ("States"), states, _ ("Paid"),
      self->pay_on == TANDEM_PAY_ON_PAYMENT ? _ ("as the customer pays")
                                            : _ ("in the period of the business"));
  doc = _tandem_document_new (TANDEM_DOCUMENT_LANDSCAPE, title, head, info,
                              self->final ? NULL : _ ("Draft: figures may still change"), columns,
                              G_N_ELEMENTS (columns));

  for (guint i = 0; i < self->entries->len; i++)
    {
      TandemBookEntry *e = self->entries->pdata[i];
      TandemActivity  *a = tandem_book_entry_get_activity (e);
      const char      *ref = tandem_activity_get_external_ref (a);
      g_autoptr (GDateTime) local
          = g_date_time_to_timezone (tandem_activity_get_occurred_at (a), zone);
      char *cells[] = {
        g_date_time_format (local, date_format),
        ref != NULL ? g_strdup (ref) : g_strdup_printf ("#%" PRId64, tandem_activity_get_id (a)),
        g_strdup (tandem_account_get_name (tandem_activity_get_account (a))),
        g_strdup (activity_kind_label (tandem_activity_get_kind (a))),
        cell_money (tandem_activity_get_amount (a), self->currency),
        cell_money (tandem_book_entry_get_reversed (e), self->currency),
        cell_money (tandem_book_entry_get_paid_by_customer (e), self->currency),
        cell_money (tandem_book_entry_get_earned (e), self->currency),
        cell_money (tandem_book_entry_get_paid_out (e), self->currency),
        cell_money (tandem_book_entry_get_held (e), self->currency),
        NULL,
      };

      G_STATIC_ASSERT (G_N_ELEMENTS (cells) == G_N_ELEMENTS (columns) + 1);
      _tandem_document_add_row (doc, g_memdup2 (cells, sizeof cells));
    }
  if (self->entries->len == 0)
    _tandem_document_add_after (
        doc, g_markup_printf_escaped ("%s", _ ("No business the rep earned on in these periods.")));
  _tandem_document_add_after (
      doc, g_markup_printf_escaped ("<b>%s</b>\n%s\t%s\n%s\t%s\n%s\t%s", _ ("Totals"), _ ("Earned"),
                                    earned, _ ("Paid out"), paid_out,
                                    _ ("Held until the customers pay"), held));
  _tandem_document_add_after (
      doc, g_markup_printf_escaped (
               _ ("Amounts are in %s unless another currency is named. Earned is the commission, "
                  "accelerator and SPIFs for the business, before reversals; paid out is what the "
                  "periods above paid for it, less clawbacks; held is what is paid when the "
                  "customer pays. Caps, draws and bonuses are in the monthly statements."),
               self->currency));
  return g_steal_pointer (&doc);
}

/**
 * tandem_book_extract_write_pdf:
 * @self: a `TandemBookExtract`
 * @stream: where the PDF goes
 * @cancellable: (nullable): a `GCancellable`
 * @error: return location for a `GError`
 *
 * Writes the extract as an A4 PDF in landscape with real text: the rep
 * and personnel number, the plan and its version, the range and the state
 * of each of its periods, then a row per entry (date, reference, account,
 * kind, amount, reversed, paid by the customer, earned, paid out, held)
 * and the totals. When a period of the range is still open every page is
 * marked as a draft; every page says "page N of M" and repeats the
 * table's header. Labels, dates and amounts follow the current locale
 * (German under `de_DE.UTF-8`: "Buchauszug"). @stream is not closed.
 *
 * Returns: %TRUE on success
 *
 * Since: 1.0
 */
gboolean
tandem_book_extract_write_pdf (TandemBookExtract *self,
                               GOutputStream     *stream,
                               GCancellable      *cancellable,
                               GError           **error)
{
  g_return_val_if_fail (TANDEM_IS_BOOK_EXTRACT (self), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  {
    g_autoptr (TandemDocument) doc = extract_document (self, error);

    return doc != NULL
           && _tandem_document_write_pdf (doc, stream, cancellable, _ ("the book extract"), error);
  }
}
