/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-payroll.c: an approved period's payouts for payroll: one amount
 * per rep and wage type, as CSV or as a DATEV LODAS import file */

#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "tandem-settlement.h"
#include "tandem-settlement-engine-private.h"
#include "tandem-plan-private.h"
#include "tandem-currency-private.h"
#include "tandem-csv-private.h"
#include "tandem-enum-types.h"
#include "tandem-store-private.h"
#include "tandem-util-private.h"

typedef struct
{
  TandemRep *rep; /* borrowed from the store's cache */
  guint      wage_type;
  gint64     amount;
} Entry;

/* Personnel numbers are digits: shorter is smaller, then by digits. */
static int
compare_entries (gconstpointer a, gconstpointer b)
{
  const Entry *x = a;
  const Entry *y = b;
  const char  *px = tandem_rep_get_personnel_number (x->rep);
  const char  *py = tandem_rep_get_personnel_number (y->rep);
  gsize        lx = strlen (px), ly = strlen (py);
  int          c = lx != ly ? (lx < ly ? -1 : 1) : strcmp (px, py);

  if (c != 0)
    return c;
  return (x->wage_type > y->wage_type) - (x->wage_type < y->wage_type);
}

/* "1250.00" or "-3,50": no thousands separator, the currency's decimals. */
static void
append_amount (GString *out, gint64 minor, const char *currency, char comma)
{
  const TandemCurrencyInfo *info = _tandem_currency_find (currency);
  guint                     exponent = info != NULL ? info->exponent : 2;
  guint64                   magnitude = minor < 0 ? -(guint64)minor : (guint64)minor;
  guint64                   scale = 1;

  for (guint i = 0; i < exponent; i++)
    scale *= 10;
  g_string_append_printf (out, "%s%" PRIu64, minor < 0 ? "-" : "", magnitude / scale);
  if (exponent > 0)
    g_string_append_printf (out, "%c%0*" PRIu64, comma, (int)exponent, magnitude % scale);
}

/* The rep's amounts per wage type: refuses a kind without a wage type and
 * a rep without a personnel number, naming them; leaves out zeros. */
static gboolean
collect (TandemSettlement *s, const TandemPlanRules *rules, GArray *entries, GError **error)
{
  for (guint r = 0; r < s->rep_ids->len; r++)
    {
      guint       first = g_array_index (s->rep_first, guint, r);
      guint       next = r + 1 < s->rep_first->len ? g_array_index (s->rep_first, guint, r + 1)
                                                   : _tandem_line_store_get_len (s->lines);
      gint64      by_kind[TANDEM_N_LINE_KINDS] = { 0 };
      guint       start = entries->len;
      TandemRep  *rep = NULL;
      const char *name;
      LineIter    iter;
      const Line *l;

      _tandem_line_iter_init (&iter, s->lines, first, next);
      while ((l = _tandem_line_iter_next (&iter)) != NULL)
        {
          if (!_tandem_add_checked (&by_kind[l->kind], l->amount))
            return _tandem_overflow_error (error, _ ("The payroll amount of rep %" PRId64),
                                           l->rep_id);
        }

      {
        g_autoptr (TandemTransaction) tx G_GNUC_UNUSED = _tandem_transaction_new (s->store);

        rep = _tandem_store_load_rep (s->store, g_array_index (s->rep_ids, gint64, r), error);
      }
      if (rep == NULL)
        return FALSE;
      name = tandem_rep_get_name (rep);

      for (guint k = 0; k < TANDEM_N_LINE_KINDS; k++)
        {
          Entry e = { rep, rules->wage_types[k], by_kind[k] };
          guint j;

          if (by_kind[k] == 0)
            continue;
          if (e.wage_type == 0)
            {
              g_set_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_MISSING_KEY,
                           _ ("[Payroll] %s is missing: rep “%s” has %s lines to pay; map the "
                              "kind to a wage type (Lohnart)"),
                           _tandem_enum_to_nick (TANDEM_TYPE_LINE_KIND, k), name,
                           _tandem_enum_to_nick (TANDEM_TYPE_LINE_KIND, k));
              return FALSE;
            }
          /* kinds that share a wage type add up */
          for (j = start; j < entries->len; j++)
            if (g_array_index (entries, Entry, j).wage_type == e.wage_type)
              break;
          if (j < entries->len)
            {
              if (!_tandem_add_checked (&g_array_index (entries, Entry, j).amount, e.amount))
                return _tandem_overflow_error (error, _ ("The payroll amount of rep “%s”"), name);
            }
          else
            g_array_append_val (entries, e);
        }
      /* a sum of several kinds can be zero: left out, like any zero */
      for (guint j = entries->len; j > start; j--)
        if (g_array_index (entries, Entry, j - 1).amount == 0)
          g_array_remove_index (entries, j - 1);
      if (entries->len > start && tandem_rep_get_personnel_number (rep) == NULL)
        {
          g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                       _ ("Rep “%s” (#%" PRId64 ") has no personnel number; set one with "
                          "tandem rep update %" PRId64 " --personnel-number N"),
                       name, tandem_rep_get_id (rep), tandem_rep_get_id (rep));
          return FALSE;
        }
    }
  g_array_sort (entries, compare_entries);
  return TRUE;
}

static char *
lodas_date (const char *format, GDateTime *start)
{
  if (g_str_equal (format, "TT.MM.JJ"))
    return g_date_time_format (start, "%d.%m.%y");
  if (g_str_equal (format, "TTMMJJJJ"))
    return g_date_time_format (start, "%d%m%Y");
  return g_date_time_format (start, "%d.%m.%Y");
}

static GString *
write_csv (TandemSettlement *s, GArray *entries)
{
  g_autofree char *label = tandem_period_to_string (s->period);
  GString         *out = g_string_new ("period,personnel_number,rep,wage_type,amount,currency\n");

  for (guint i = 0; i < entries->len; i++)
    {
      const Entry *e = &g_array_index (entries, Entry, i);

      g_string_append_printf (out, "%s,%s,", label, tandem_rep_get_personnel_number (e->rep));
      tandem_csv_append_field (out, tandem_rep_get_name (e->rep));
      g_string_append_printf (out, ",%u,", e->wage_type);
      append_amount (out, e->amount, s->currency, '.');
      g_string_append_printf (out, ",%s\n", s->currency);
    }
  return out;
}

static GString *
write_lodas (TandemSettlement *s, TandemPlan *plan, GArray *entries, GError **error)
{
  const TandemPlanRules *rules = _tandem_plan_get_rules (plan);
  g_autoptr (GDateTime) start
      = tandem_period_get_start (s->period, tandem_plan_get_time_zone (plan));
  g_autofree char *date = lodas_date (rules->date_format, start);
  GString         *out;

  if (rules->consultant[0] == '\0' || rules->client[0] == '\0')
    {
      g_set_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_MISSING_KEY,
                   _ ("[Payroll] %s is missing: a LODAS file names the DATEV consultant and "
                      "client numbers"),
                   rules->consultant[0] == '\0' ? "Consultant" : "Client");
      return NULL;
    }

  out = g_string_new (NULL);
  g_string_append_printf (out,
                          "[Allgemein]\r\nZiel=LODAS\r\nVersion_SST=1.0\r\nBeraterNr=%s\r\n"
                          "MandantenNr=%s\r\nDatumsformat=%s\r\nFeldtrennzeichen=;\r\n"
                          "Zahlenkomma=,\r\n\r\n",
                          rules->consultant, rules->client, rules->date_format);
  g_string_append (out, "[Satzbeschreibung]\r\n10;u_lod_bwd_buchung_standard;abrechnung_zeitraum"
                        "#bwd;pnr#bwd;la_eigene#bwd;bs_nr#bwd;bs_wert_butab#bwd;\r\n\r\n"
                        "[Bewegungsdaten]\r\n");
  for (guint i = 0; i < entries->len; i++)
    {
      const Entry *e = &g_array_index (entries, Entry, i);

      g_string_append_printf (out, "10;%s;%s;%u;%d;", date,
                              tandem_rep_get_personnel_number (e->rep), e->wage_type,
                              rules->amount_key);
      append_amount (out, e->amount, s->currency, ',');
      g_string_append (out, ";\r\n");
    }
  return out;
}

/**
 * tandem_store_export_payroll:
 * @self: a `TandemStore`
 * @plan: the plan the period was closed with, with a `[Payroll]` group
 * @period: an approved (or paid) period
 * @format: CSV or LODAS
 * @stream: where to write
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes one amount per rep and wage type for @period, sorted by
 * personnel number, then wage type; line kinds mapped to one wage type add
 * up, and zero amounts are left out, so the file's amounts add up to the
 * settlement's total to the cent. Negative amounts (clawbacks) carry a
 * leading minus.
 *
 * CSV: the header `period,personnel_number,rep,wage_type,amount,currency`,
 * amounts like `1250.00`. LODAS: a DATEV LODAS ASCII import file with CRLF
 * line ends and a decimal comma: `[Allgemein]` with `BeraterNr` and
 * `MandantenNr` from `[Payroll]`, `[Satzbeschreibung]` and
 * `[Bewegungsdaten]` with one line per amount (the first day of the period,
 * the personnel number, the wage type, the amount key, the amount).
 *
 * Refused, naming what is missing, without writing anything: a period
 * that is not approved (%TANDEM_STORE_ERROR_WRONG_STATE), a plan without
 * `[Payroll]` or a line kind with amounts but no wage type
 * (%TANDEM_PLAN_ERROR_MISSING_KEY), a rep with amounts but no personnel
 * number (%TANDEM_STORE_ERROR_INVALID).
 *
 * Returns: %TRUE on success
 *
 * Since: 1.0
 */
gboolean
tandem_store_export_payroll (TandemStore        *self,
                             TandemPlan         *plan,
                             TandemPeriod       *period,
                             TandemPayrollFormat format,
                             GOutputStream      *stream,
                             GCancellable       *cancellable,
                             GError            **error)
{
  g_autoptr (TandemSettlement) s = NULL;
  g_autoptr (GArray) entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_autoptr (GString) out = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);
  g_return_val_if_fail (TANDEM_IS_PLAN (plan), FALSE);
  g_return_val_if_fail (period != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_tandem_plan_get_rules (plan)->has_payroll)
    {
      g_set_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_MISSING_KEY,
                   _ ("Plan “%s” has no [Payroll] group mapping line kinds to wage types"),
                   tandem_plan_get_name (plan));
      return FALSE;
    }

  s = tandem_store_settle (self, plan, period, error);
  if (s == NULL)
    return FALSE;
  label = tandem_period_to_string (period);
  if (s->state < TANDEM_SETTLEMENT_STATE_APPROVED)
    {
      g_autofree char *shell_plan = _tandem_shell_word (tandem_plan_get_name (plan));

      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_WRONG_STATE,
                   _ ("Period %s of plan “%s” is %s, not approved: payroll takes approved "
                      "periods only (tandem approve %s --plan %s)"),
                   label, tandem_plan_get_name (plan),
                   _tandem_enum_to_nick (TANDEM_TYPE_SETTLEMENT_STATE, s->state), label,
                   shell_plan);
      return FALSE;
    }

  if (!collect (s, _tandem_plan_get_rules (plan), entries, error))
    return FALSE;
  out = format == TANDEM_PAYROLL_FORMAT_LODAS ? write_lodas (s, plan, entries, error)
                                              : write_csv (s, entries);
  return out != NULL
         && g_output_stream_write_all (stream, out->str, out->len, NULL, cancellable, error);
}
