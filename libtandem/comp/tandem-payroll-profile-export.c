/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-payroll-profile-export.c: an approved period's payouts for payroll: one amount
 * per rep and wage type, as CSV or as a DATEV LODAS import file */

#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "tandem-i18n-private.h"

#include "tandem-settlement.h"
#include "tandem-payroll-private.h"
#include "tandem-plan-version.h"
#include "tandem-target.h"
#include "tandem-draw.h"
#include "tandem-exchange-rate.h"
#include "tandem-settlement-engine-private.h"
#include "tandem-plan-private.h"
#include "tandem-currency-private.h"
#include "tandem-csv-private.h"
#include "tandem-enum-types.h"
#include "tandem-store-private.h"
#include "tandem-util-private.h"

typedef struct
{
  TandemRep *rep; /* owned */
  guint      wage_type;
  gint64     amount;
} Entry;

static void
entry_clear (Entry *e)
{
  g_clear_object (&e->rep);
}

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

/* Adds @amount under @rep and @wage_type, to an entry of an earlier plan
 * or kind with the same pair, else as a new one. */
static gboolean
add_entry (GArray *entries, TandemRep *rep, guint wage_type, gint64 amount, GError **error)
{
  Entry e = { NULL, wage_type, amount };

  for (guint j = 0; j < entries->len; j++)
    {
      Entry *other = &g_array_index (entries, Entry, j);

      if (other->wage_type == wage_type
          && tandem_rep_get_id (other->rep) == tandem_rep_get_id (rep))
        {
          if (!_tandem_add_checked (&other->amount, amount))
            return _tandem_overflow_error (error, _ ("The payroll amount of rep “%s”"),
                                           tandem_rep_get_name (rep));
          return TRUE;
        }
    }
  e.rep = g_object_ref (rep);
  g_array_append_val (entries, e);
  return TRUE;
}

/* One settlement's amounts per rep and wage type into @entries: refuses a
 * kind with amounts but no wage type, naming it, the rep and where the
 * mapping comes from. */
static gboolean
collect (TandemSettlement         *s,
         const TandemPayrollRules *rules,
         const char               *source,
         GArray                   *entries,
         GError                  **error)
{
  for (guint r = 0; r < s->rep_ids->len; r++)
    {
      guint  first = g_array_index (s->rep_first, guint, r);
      guint  next = r + 1 < s->rep_first->len ? g_array_index (s->rep_first, guint, r + 1)
                                              : _tandem_line_table_get_len (s->lines);
      gint64 by_kind[TANDEM_N_LINE_KINDS] = { 0 };
      g_autoptr (TandemRep) rep = NULL;
      TandemLineIter    iter;
      const TandemLine *l;

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
      g_object_ref (rep); /* the store's cache lends it */

      for (guint k = 0; k < TANDEM_N_LINE_KINDS; k++)
        {
          if (by_kind[k] == 0)
            continue;
          if (rules->wage_types[k] == 0)
            {
              const char *nick = _tandem_enum_to_nick (TANDEM_TYPE_LINE_KIND, k);

              g_set_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_MISSING_KEY,
                           _ ("[Payroll] %s is missing in %s: rep “%s” has %s lines to pay; map "
                              "the kind to a wage type (Lohnart)"),
                           nick, source, tandem_rep_get_name (rep), nick);
              return FALSE;
            }
          if (!add_entry (entries, rep, rules->wage_types[k], by_kind[k], error))
            return FALSE;
        }
    }
  return TRUE;
}

/* Zeros left out (a sum of several kinds can be zero); every rep with an
 * amount needs a personnel number; sorted by personnel number, wage type. */
static gboolean
finish_entries (GArray *entries, GError **error)
{
  for (guint j = entries->len; j > 0; j--)
    if (g_array_index (entries, Entry, j - 1).amount == 0)
      g_array_remove_index (entries, j - 1);
  for (guint j = 0; j < entries->len; j++)
    {
      TandemRep *rep = g_array_index (entries, Entry, j).rep;

      if (tandem_rep_get_personnel_number (rep) == NULL)
        {
          g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                       _ ("Rep “%s” (#%" PRId64 ") has no personnel number; set one with "
                          "tandem rep update %" PRId64 " --personnel-number N"),
                       tandem_rep_get_name (rep), tandem_rep_get_id (rep), tandem_rep_get_id (rep));
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
write_csv (const char *label, const char *currency, GArray *entries, gboolean excel)
{
  const char *end = excel ? "\r\n" : "\n";
  char        sep = excel ? ';' : ',';
  GString    *out = g_string_new (excel ? "\xEF\xBB\xBF" : "");

  g_string_append_printf (out, "period%cpersonnel_number%crep%cwage_type%camount%ccurrency%s", sep,
                          sep, sep, sep, sep, end);
  for (guint i = 0; i < entries->len; i++)
    {
      const Entry *e = &g_array_index (entries, Entry, i);
      const char  *name = tandem_rep_get_name (e->rep);

      g_string_append_printf (out, "%s%c%s%c", label, sep, tandem_rep_get_personnel_number (e->rep),
                              sep);
      if (excel && strpbrk (name, ";\"\r\n") != NULL)
        {
          g_string_append_c (out, '"');
          for (const char *p = name; *p != '\0'; p++)
            {
              if (*p == '"')
                g_string_append_c (out, '"');
              g_string_append_c (out, *p);
            }
          g_string_append_c (out, '"');
        }
      else if (excel)
        g_string_append (out, name);
      else
        _tandem_csv_append_field (out, name);
      g_string_append_printf (out, "%c%u%c", sep, e->wage_type, sep);
      append_amount (out, e->amount, currency, excel ? ',' : '.');
      g_string_append_printf (out, "%c%s%s", sep, currency, end);
    }
  return out;
}

static GString *
write_lodas (const TandemPayrollRules *rules,
             const char               *date,
             const char               *currency,
             GArray                   *entries)
{
  GString *out = g_string_new (NULL);

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
      append_amount (out, e->amount, currency, ',');
      g_string_append (out, ";\r\n");
    }
  return out;
}

/* The settlements of a payroll run: the named plans, or every plan whose
 * periods @period is one of and that has lines in it; each approved. */
static GPtrArray *
settle_run (TandemStore       *self,
            const char *const *plans,
            TandemPeriod      *period,
            GPtrArray         *versions,
            GError           **error)
{
  g_autoptr (GPtrArray) settlements = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto (GStrv) stored = NULL;
  g_autofree char   *label = tandem_period_to_string (period);
  const char *const *names = plans;

  if (names == NULL)
    {
      if ((stored = tandem_plan_list_names (self, error)) == NULL)
        return NULL;
      names = (const char *const *)stored;
    }
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr (GError) local = NULL;
      g_autoptr (TandemPlan) plan = tandem_plan_load_at (self, names[i], period, &local);
      TandemSettlement *s;

      /* a plan of quarters has no month to pay */
      if (plan == NULL && plans == NULL
          && g_error_matches (local, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_INVALID_PERIOD))
        continue;
      if (plan == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
      if ((s = tandem_settlement_new (self, plan, period, error)) == NULL)
        return NULL;
      if (plans == NULL && _tandem_line_table_get_len (s->lines) == 0)
        {
          g_object_unref (s);
          continue;
        }
      g_ptr_array_add (settlements, s);
      g_ptr_array_add (versions, g_steal_pointer (&plan));
      if (s->state < TANDEM_SETTLEMENT_STATE_APPROVED)
        {
          g_autofree char *shell_plan = _tandem_shell_word (names[i]);

          g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_WRONG_STATE,
                       _ ("Period %s of plan “%s” is %s, not approved: payroll takes approved "
                          "periods only (tandem approve %s --plan %s)"),
                       label, names[i],
                       _tandem_enum_to_nick (TANDEM_TYPE_SETTLEMENT_STATE, s->state), label,
                       shell_plan);
          return NULL;
        }
      if (strcmp (s->currency, ((TandemSettlement *)settlements->pdata[0])->currency) != 0)
        {
          g_set_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_CURRENCY_MISMATCH,
                       _ ("Plans “%s” and “%s” pay in %s and %s: one payroll file holds one "
                          "currency; export them one at a time with --plan"),
                       ((TandemSettlement *)settlements->pdata[0])->plan_name, names[i],
                       ((TandemSettlement *)settlements->pdata[0])->currency, s->currency);
          return NULL;
        }
    }
  if (settlements->len == 0)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_FOUND,
                   _ ("No plan has lines in period %s: there is nothing to pay"), label);
      return NULL;
    }
  return g_steal_pointer (&settlements);
}

/* The mapping a settlement is paid under: the profile in effect, else its
 * plan's own [Payroll] group; @source names it for errors. */
static const TandemPayrollRules *
rules_for (TandemSettlement     *s,
           TandemPlan           *plan,
           TandemPayrollProfile *profile,
           char                **source,
           GError              **error)
{
  const TandemPayrollRules *rules;

  if (profile != NULL)
    {
      *source = g_strdup_printf (_ ("payroll profile version %u"),
                                 tandem_payroll_profile_get_version (profile));
      return _tandem_payroll_profile_get_rules (profile);
    }
  rules = &_tandem_plan_get_rules (plan)->payroll;
  *source = g_strdup_printf (_ ("plan “%s”"), s->plan_name);
  if (!rules->present)
    {
      g_set_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_MISSING_KEY,
                   _ ("No payroll profile is stored and plan “%s” has no [Payroll] group: set one "
                      "up with “tandem payroll setup FILE”"),
                   s->plan_name);
      return NULL;
    }
  return rules;
}

/* An earlier export of the same period and plans, from the audit trail:
 * refused naming when and by whom. */
static gboolean
check_not_exported (TandemDb *db, const char *key, GError **error)
{
  g_autoptr (GArray) entries = _tandem_db_list_audit (db, G_MININT64, error);

  if (entries == NULL)
    return FALSE;
  for (guint i = 0; i < entries->len; i++)
    {
      const TandemAuditRecord *a = &g_array_index (entries, TandemAuditRecord, i);

      if (strcmp (a->verb, "payroll-export") == 0 && g_str_has_prefix (a->what, key))
        {
          g_autofree char *when = _tandem_time_format (a->at);

          g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CONFLICT,
                       _ ("%s was exported to payroll on %s by %s: export it again only on "
                          "purpose (tandem payroll export --again)"),
                       key, when, a->who);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * tandem_payroll_profile_export:
 * @self: a `TandemStore`
 * @plans: (nullable) (array zero-terminated=1): the plans to pay, or %NULL
 *   for every plan with lines in @period
 * @period: an approved (or paid) period
 * @format: CSV or LODAS
 * @flags: %TANDEM_PAYROLL_EXPORT_AGAIN, %TANDEM_PAYROLL_EXPORT_EXCEL
 * @stream: where to write
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes one payroll run for @period: one amount per rep and wage type,
 * summed over the line kinds mapped to that wage type and over the plans,
 * sorted by personnel number, then wage type. Zero amounts are left out,
 * so the file's amounts add up to the settlements' totals to the cent;
 * negative amounts (clawbacks) carry a leading minus.
 *
 * Line kinds map to wage types through the payroll profile in effect for
 * @period ([func@Tandem.PayrollProfile.load]), also for a period
 * closed before the profile was set up; while no profile is stored, each
 * plan's own `[Payroll]` group maps its lines.
 *
 * CSV: the header `period,personnel_number,rep,wage_type,amount,currency`,
 * amounts like `1250.00`; with %TANDEM_PAYROLL_EXPORT_EXCEL the same columns
 * for German Excel (`;`, `1250,00`, byte-order mark, CRLF). LODAS: a DATEV
 * LODAS ASCII import file with CRLF line ends and a decimal comma:
 * `[Allgemein]` with `BeraterNr` and `MandantenNr`, `[Satzbeschreibung]`
 * and `[Bewegungsdaten]` with one line per amount (the first day of the
 * period, the personnel number, the wage type, the amount key, the amount).
 *
 * Each export appends an audit entry (verb `payroll-export`) naming the
 * period, the plans, the format and the SHA-256 of what was written. A
 * period and plans exported before are refused
 * (%TANDEM_STORE_ERROR_CONFLICT, naming when and by whom) unless @flags
 * has %TANDEM_PAYROLL_EXPORT_AGAIN.
 *
 * Refused, naming what is missing, without writing anything: a plan
 * whose period is not approved (%TANDEM_STORE_ERROR_WRONG_STATE), no plan
 * with lines (%TANDEM_STORE_ERROR_NOT_FOUND), plans in two currencies
 * (%TANDEM_PLAN_ERROR_CURRENCY_MISMATCH), no mapping or a line kind with
 * amounts but no wage type, or a LODAS file without consultant and client
 * numbers (%TANDEM_PLAN_ERROR_MISSING_KEY), a rep with amounts but no
 * personnel number (%TANDEM_STORE_ERROR_INVALID).
 *
 * Returns: %TRUE on success
 *
 * Since: 1.0
 */
gboolean
tandem_payroll_profile_export (TandemStore             *self,
                               const char *const       *plans,
                               TandemPeriod            *period,
                               TandemPayrollFormat      format,
                               TandemPayrollExportFlags flags,
                               GOutputStream           *stream,
                               GCancellable            *cancellable,
                               GError                 **error)
{
  g_autoptr (GPtrArray) settlements = NULL;
  g_autoptr (GPtrArray) versions = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GArray) entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_autoptr (GString) out = NULL;
  g_autoptr (GString) names = g_string_new (NULL);
  g_autoptr (TandemPayrollProfile) profile = NULL;
  g_autoptr (TandemTransaction) tx = NULL;
  g_autofree char          *label = NULL;
  g_autofree char          *key = NULL;
  g_autofree char          *what = NULL;
  g_autofree char          *sha = NULL;
  const TandemPayrollRules *lodas = NULL;
  TandemSettlement         *first;

  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);
  g_return_val_if_fail (period != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_array_set_clear_func (entries, (GDestroyNotify)entry_clear);
  label = tandem_period_to_string (period);
  if ((settlements = settle_run (self, plans, period, versions, error)) == NULL)
    return FALSE;
  first = settlements->pdata[0];
  {
    g_autoptr (TandemTransaction) read = _tandem_transaction_new (self);
    g_autoptr (GError) local = NULL;

    profile = _tandem_payroll_profile_load (_tandem_transaction_get_db (read), period, &local);
    if (local != NULL)
      {
        g_propagate_error (error, g_steal_pointer (&local));
        return FALSE;
      }
  }

  for (guint i = 0; i < settlements->len; i++)
    {
      TandemSettlement         *s = settlements->pdata[i];
      g_autofree char          *source = NULL;
      const TandemPayrollRules *rules = rules_for (s, versions->pdata[i], profile, &source, error);

      if (rules == NULL || !collect (s, rules, source, entries, error))
        return FALSE;
      g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", s->plan_name);
      /* one LODAS file names one consultant and client */
      if (format == TANDEM_PAYROLL_FORMAT_LODAS
          && (rules->consultant[0] == '\0' || rules->client[0] == '\0'))
        {
          g_set_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_MISSING_KEY,
                       _ ("[Payroll] %s is missing in %s: a LODAS file names the DATEV "
                          "consultant and client numbers"),
                       rules->consultant[0] == '\0' ? "Consultant" : "Client", source);
          return FALSE;
        }
      if (format == TANDEM_PAYROLL_FORMAT_LODAS && lodas != NULL
          && (strcmp (lodas->consultant, rules->consultant) != 0
              || strcmp (lodas->client, rules->client) != 0))
        {
          g_set_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_INVALID_VALUE,
                       _ ("Plans “%s” and “%s” name different DATEV clients (%s/%s and %s/%s): "
                          "set up one payroll profile with “tandem payroll setup FILE”"),
                       first->plan_name, s->plan_name, lodas->consultant, lodas->client,
                       rules->consultant, rules->client);
          return FALSE;
        }
      if (lodas == NULL)
        lodas = rules;
    }
  if (!finish_entries (entries, error))
    return FALSE;

  if (format == TANDEM_PAYROLL_FORMAT_LODAS)
    {
      g_autoptr (GDateTime) start
          = tandem_period_get_start (period, tandem_plan_get_time_zone (versions->pdata[0]));
      g_autofree char *date = lodas_date (lodas->date_format, start);

      out = write_lodas (lodas, date, first->currency, entries);
    }
  else
    out = write_csv (label, first->currency, entries, (flags & TANDEM_PAYROLL_EXPORT_EXCEL) != 0);

  /* checked and recorded in one write transaction: two exports at once
   * cannot both pass */
  key = g_strdup_printf ("Period %s of plans %s", label, names->str);
  sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)out->str, out->len);
  what = g_strdup_printf ("%s, format %s, sha256 %s", key,
                          format == TANDEM_PAYROLL_FORMAT_LODAS   ? "lodas"
                          : (flags & TANDEM_PAYROLL_EXPORT_EXCEL) ? "csv-excel"
                                                                  : "csv",
                          sha);
  tx = _tandem_transaction_new (self);
  if (!_tandem_transaction_begin (tx, error))
    return FALSE;
  if (!(flags & TANDEM_PAYROLL_EXPORT_AGAIN)
      && !check_not_exported (_tandem_transaction_get_db (tx), key, error))
    return FALSE;
  return g_output_stream_write_all (stream, out->str, out->len, NULL, cancellable, error)
         && _tandem_transaction_commit_audited (tx, "payroll-export", what, error);
}

/**
 * tandem_payroll_profile_list_unmapped_kinds:
 * @self: a `TandemStore`
 * @settlement: a settlement of @self
 * @error: return location for a #GError
 *
 * The line kinds that have amounts in @settlement but no wage type in the
 * mapping its export would use (the payroll profile in effect for its
 * period, else its plan's `[Payroll]` group): what to map before payroll
 * can take the period. Every kind with amounts is listed while there is no
 * mapping at all.
 *
 * Returns: (transfer full) (array zero-terminated=1): the kinds' nicks,
 *   in [enum@Tandem.LineKind] order; empty when everything is mapped
 *
 * Since: 1.0
 */
char **
tandem_payroll_profile_list_unmapped_kinds (TandemStore      *self,
                                            TandemSettlement *settlement,
                                            GError          **error)
{
  g_autoptr (GStrvBuilder) kinds = g_strv_builder_new ();
  g_autoptr (TandemPayrollProfile) profile = NULL;
  g_autoptr (TandemPlan) plan = NULL;
  g_autoptr (GError) local = NULL;
  const TandemPayrollRules *rules;
  gboolean                  used[TANDEM_N_LINE_KINDS] = { FALSE };
  TandemLineIter            iter;
  const TandemLine         *l;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (TANDEM_IS_SETTLEMENT (settlement), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  {
    g_autoptr (TandemTransaction) tx = _tandem_transaction_new (self);

    profile = _tandem_payroll_profile_load (_tandem_transaction_get_db (tx), settlement->period,
                                            &local);
  }
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  if (profile == NULL)
    {
      plan = tandem_plan_load_at (self, settlement->plan_name, settlement->period, error);
      if (plan == NULL)
        return NULL;
    }
  rules = profile != NULL ? _tandem_payroll_profile_get_rules (profile)
                          : &_tandem_plan_get_rules (plan)->payroll;
  _tandem_line_iter_init (&iter, settlement->lines, 0, G_MAXUINT);
  while ((l = _tandem_line_iter_next (&iter)) != NULL)
    if (l->amount != 0)
      used[l->kind] = TRUE;
  for (guint k = 0; k < TANDEM_N_LINE_KINDS; k++)
    if (used[k] && (!rules->present || rules->wage_types[k] == 0))
      g_strv_builder_add (kinds, _tandem_enum_to_nick (TANDEM_TYPE_LINE_KIND, k));
  return g_strv_builder_end (kinds);
}
