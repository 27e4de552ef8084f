/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-payroll-profile.c: the [Payroll] group that maps line kinds to
 * wage types, kept outside the frozen plan versions */

#include "config.h"

#include "tandem-record-private.h"

#include <string.h>

#include "tandem-i18n-private.h"

#include "tandem-payroll-private.h"
#include "tandem-plan.h"
#include "tandem-enum-types.h"
#include "tandem-store-private.h"
#include "tandem-util-private.h"

/**
 * TandemPayrollProfile:
 *
 * What payroll needs to pay a settlement: a wage type (Lohnart, 1 to 9999)
 * for each line kind, by the kind's nick, and for DATEV LODAS the
 * consultant and client numbers, read from a `[Payroll]` group:
 *
 * ```ini
 * [Payroll]
 * commission=300
 * accelerator=300
 * team-bonus=301
 * referral-bonus=302
 * clawback=303
 * cap=304
 * adjustment=305
 * draw=310
 * draw-recovery=311
 * Consultant=1234567
 * Client=12345
 * ```
 *
 * The line kinds are `commission`, `accelerator`, `team-bonus`,
 * `referral-bonus`, `clawback`, `cap`, `adjustment`, `draw` and
 * `draw-recovery` ([enum@Tandem.LineKind]); kinds mapped to one wage type
 * add up. `Consultant` has 1 to 7 digits and `Client` 1 to 5. Two
 * settings differ between payroll offices: `AmountKey` (the LODAS `bs_nr`,
 * default 2) and `DateFormat` (`TT.MM.JJJJ`, the default, `TT.MM.JJ` or
 * `TTMMJJJJ`). Every error names group, key and value.
 *
 * A profile maps, it does not pay: it lives outside the plan versions,
 * which freeze when a period closes, so it can be set up or changed at any
 * time ([func@Tandem.PayrollProfile.add]) and applies to periods
 * closed before it existed. A plan's own `[Payroll]` group is used while
 * no profile is stored.
 *
 * Since: 1.0
 */
struct _TandemPayrollProfile
{
  GObject            parent_instance;
  char              *data;
  char              *from;
  guint              version;
  TandemPayrollRules rules;
};

static const TandemField fields[] = {
  /**
   * TandemPayrollProfile:data:
   *
   * The `[Payroll]` group as it is stored.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_STRING (TandemPayrollProfile, data, "data"),
  /**
   * TandemPayrollProfile:version:
   *
   * The stored version (1, 2, …), or 0 for a profile not stored.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_UINT (TandemPayrollProfile, version, "version", 0, G_MAXUINT, 0),
  /**
   * TandemPayrollProfile:from:
   *
   * The first period the stored version is in effect for, such as
   * `2026-11`, or %NULL for every period.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_STRING (TandemPayrollProfile, from, "from"),
  /**
   * TandemPayrollProfile:consultant:
   *
   * The DATEV consultant number (BeraterNr), or %NULL.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_COMPUTED_STRING ("consultant", tandem_payroll_profile_get_consultant),
  /**
   * TandemPayrollProfile:client:
   *
   * The DATEV client number (MandantenNr), or %NULL.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_COMPUTED_STRING ("client", tandem_payroll_profile_get_client),
};

TANDEM_DEFINE_RECORD_TYPE (TandemPayrollProfile, tandem_payroll_profile, fields, G_PARAM_READABLE)

gboolean
_tandem_plan_value_error (GError    **error,
                          const char *group,
                          const char *key,
                          const char *value,
                          const char *what)
{
  g_set_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_INVALID_VALUE, "[%s] %s=%s: %s", group,
               key, value, what);
  return FALSE;
}

/* Digits only, 1 to @max of them. */
static gboolean
all_digits (const char *value, gsize max)
{
  gsize n = strlen (value);

  return n > 0 && n <= max && strspn (value, "0123456789") == n;
}

/* [Payroll]: line kinds to wage types, and the DATEV numbers and LODAS
 * settings; see [class@Tandem.PayrollProfile]. */
gboolean
_tandem_payroll_rules_parse (TandemPayrollRules *r, GKeyFile *kf, GError **error)
{
  static const char *const formats[] = { "TT.MM.JJJJ", "TT.MM.JJ", "TTMMJJJJ", NULL };
  g_auto (GStrv) keys = g_key_file_get_keys (kf, "Payroll", NULL, NULL);
  g_autoptr (GEnumClass) kinds = g_type_class_ref (TANDEM_TYPE_LINE_KIND);

  memset (r, 0, sizeof *r);
  r->present = TRUE;
  r->amount_key = 2;
  g_strlcpy (r->date_format, "TT.MM.JJJJ", sizeof r->date_format);

  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      g_autofree char *value = g_key_file_get_value (kf, "Payroll", keys[i], error);
      GEnumValue      *kind = g_enum_get_value_by_nick (kinds, keys[i]);
      guint64          number;

      if (value == NULL)
        return FALSE;
      g_strstrip (value);
      if (kind != NULL)
        {
          if (!g_ascii_string_to_unsigned (value, 10, 1, 9999, &number, NULL))
            return _tandem_plan_value_error (error, "Payroll", keys[i], value,
                                             _ ("expected a wage type (Lohnart) from 1 to 9999"));
          r->wage_types[kind->value] = (guint)number;
        }
      else if (g_str_equal (keys[i], "Consultant") || g_str_equal (keys[i], "Client"))
        {
          gboolean consultant = g_str_equal (keys[i], "Consultant");

          if (!all_digits (value, consultant ? 7 : 5))
            return _tandem_plan_value_error (
                error, "Payroll", keys[i], value,
                consultant ? _ ("expected the DATEV consultant number: 1 to 7 "
                                "digits")
                           : _ ("expected the DATEV client number: 1 to 5 digits"));
          g_strlcpy (consultant ? r->consultant : r->client, value,
                     consultant ? sizeof r->consultant : sizeof r->client);
        }
      else if (g_str_equal (keys[i], "AmountKey"))
        {
          if (!g_ascii_string_to_unsigned (value, 10, 1, 99, &number, NULL))
            return _tandem_plan_value_error (
                error, "Payroll", keys[i], value,
                _ ("expected a LODAS amount key (bs_nr) from 1 to 99"));
          r->amount_key = (int)number;
        }
      else if (g_str_equal (keys[i], "DateFormat"))
        {
          if (!g_strv_contains (formats, value))
            return _tandem_plan_value_error (error, "Payroll", keys[i], value,
                                             _ ("expected TT.MM.JJJJ, TT.MM.JJ or TTMMJJJJ"));
          g_strlcpy (r->date_format, value, sizeof r->date_format);
        }
      else
        {
          g_set_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_UNKNOWN_KEY,
                       _ ("[Payroll] %s: unknown key (expected a line kind such as commission, "
                          "Consultant, Client, AmountKey or DateFormat)"),
                       keys[i]);
          return FALSE;
        }
    }
  return TRUE;
}

TandemPayrollProfile *
_tandem_payroll_profile_new_stored (const char *data,
                                    guint       version,
                                    const char *from,
                                    GError    **error)
{
  TandemPayrollProfile *self = tandem_payroll_profile_new_from_data (data, -1, error);

  if (self != NULL)
    {
      self->version = version;
      self->from = g_strdup (from);
    }
  return self;
}

/**
 * tandem_payroll_profile_new_from_data:
 * @data: a key file with a `[Payroll]` group, such as a plan file; other
 *   groups are ignored
 * @length: the length of @data in bytes, or -1 if it is nul-terminated
 * @error: return location for a #GError
 *
 * Reads a payroll profile. Refused with %TANDEM_PLAN_ERROR: a text that is
 * not a key file, one without `[Payroll]`, an unknown key or a bad value
 * (naming group, key and value).
 *
 * Returns: (transfer full): the profile (version 0 until stored), or %NULL
 *
 * Since: 1.0
 */
TandemPayrollProfile *
tandem_payroll_profile_new_from_data (const char *data, gssize length, GError **error)
{
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  g_autoptr (GKeyFile) group = g_key_file_new ();
  g_autoptr (GError) local = NULL;
  g_auto (GStrv) keys = NULL;
  TandemPayrollProfile *self;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_key_file_load_from_data (kf, data, length < 0 ? strlen (data) : (gsize)length,
                                  G_KEY_FILE_NONE, &local))
    {
      g_set_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_PARSE,
                   _ ("Not a payroll profile: %s"), local->message);
      return NULL;
    }
  if (!g_key_file_has_group (kf, "Payroll"))
    {
      g_set_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_MISSING_KEY,
                   _ ("A payroll profile needs a [Payroll] group mapping line kinds to wage "
                      "types"));
      return NULL;
    }
  self = g_object_new (TANDEM_TYPE_PAYROLL_PROFILE, NULL);
  if (!_tandem_payroll_rules_parse (&self->rules, kf, error))
    {
      g_object_unref (self);
      return NULL;
    }
  /* only the group is kept, in the file's order */
  keys = g_key_file_get_keys (kf, "Payroll", NULL, NULL);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autofree char *value = g_key_file_get_value (kf, "Payroll", keys[i], NULL);

      g_key_file_set_value (group, "Payroll", keys[i], g_strstrip (value));
    }
  self->data = g_key_file_to_data (group, NULL, NULL);
  return self;
}

/**
 * tandem_payroll_profile_get_data:
 * @self: a `TandemPayrollProfile`
 *
 * Gets [property@Tandem.PayrollProfile:data].
 *
 * Returns: the `[Payroll]` group
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (const char *,
                      tandem_payroll_profile_get_data,
                      TandemPayrollProfile,
                      TANDEM_IS_PAYROLL_PROFILE,
                      data,
                      NULL)

/**
 * tandem_payroll_profile_get_version:
 * @self: a `TandemPayrollProfile`
 *
 * Gets [property@Tandem.PayrollProfile:version].
 *
 * Returns: the version, 0 when not stored
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (guint,
                      tandem_payroll_profile_get_version,
                      TandemPayrollProfile,
                      TANDEM_IS_PAYROLL_PROFILE,
                      version,
                      0)

/**
 * tandem_payroll_profile_get_from:
 * @self: a `TandemPayrollProfile`
 *
 * Gets [property@Tandem.PayrollProfile:from].
 *
 * Returns: (nullable): the first period, or %NULL for every period
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (const char *,
                      tandem_payroll_profile_get_from,
                      TandemPayrollProfile,
                      TANDEM_IS_PAYROLL_PROFILE,
                      from,
                      NULL)

/**
 * tandem_payroll_profile_get_wage_type:
 * @self: a `TandemPayrollProfile`
 * @kind: a line kind
 *
 * Gets the wage type lines of @kind are paid under.
 *
 * Returns: the wage type (1 to 9999), or 0 when @kind is not mapped
 *
 * Since: 1.0
 */
guint
tandem_payroll_profile_get_wage_type (TandemPayrollProfile *self, TandemLineKind kind)
{
  g_return_val_if_fail (TANDEM_IS_PAYROLL_PROFILE (self), 0);
  g_return_val_if_fail ((guint)kind < TANDEM_N_LINE_KINDS, 0);
  return self->rules.wage_types[kind];
}

/**
 * tandem_payroll_profile_get_consultant:
 * @self: a `TandemPayrollProfile`
 *
 * Gets [property@Tandem.PayrollProfile:consultant].
 *
 * Returns: (nullable): the consultant number
 *
 * Since: 1.0
 */
const char *
tandem_payroll_profile_get_consultant (TandemPayrollProfile *self)
{
  g_return_val_if_fail (TANDEM_IS_PAYROLL_PROFILE (self), NULL);
  return self->rules.consultant[0] != '\0' ? self->rules.consultant : NULL;
}

/**
 * tandem_payroll_profile_get_client:
 * @self: a `TandemPayrollProfile`
 *
 * Gets [property@Tandem.PayrollProfile:client].
 *
 * Returns: (nullable): the client number
 *
 * Since: 1.0
 */
const char *
tandem_payroll_profile_get_client (TandemPayrollProfile *self)
{
  g_return_val_if_fail (TANDEM_IS_PAYROLL_PROFILE (self), NULL);
  return self->rules.client[0] != '\0' ? self->rules.client : NULL;
}

const TandemPayrollRules *
_tandem_payroll_profile_get_rules (TandemPayrollProfile *self)
{
  return &self->rules;
}

/* A period's start as the key profiles are ordered by: the same for every
 * plan, whatever its zone. */
static gint64
period_key (TandemPeriod *period)
{
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr (GDateTime) start = tandem_period_get_start (period, utc);

  return _tandem_time_to_usec (start);
}

/**
 * tandem_payroll_profile_add:
 * @self: a `TandemStore`
 * @profile: a profile, as read by [ctor@Tandem.PayrollProfile.new_from_data]
 * @from: (nullable): the first period it is in effect for, or %NULL for
 *   every period
 * @version: (out) (optional): the version it is stored as (1, 2, …)
 * @error: return location for a #GError
 *
 * Stores @profile as a new version, an audit entry with it. It can be set
 * up or changed at any time, also after periods have closed: the export
 * of a period uses the version in effect for it (see
 * [func@Tandem.PayrollProfile.load]).
 *
 * Returns: %TRUE on success
 *
 * Since: 1.0
 */
gboolean
tandem_payroll_profile_add (TandemStore          *self,
                            TandemPayrollProfile *profile,
                            TandemPeriod         *from,
                            guint                *version,
                            GError              **error)
{
  g_autoptr (TandemTransaction) tx = NULL;
  g_autofree char     *label = from != NULL ? tandem_period_to_string (from) : NULL;
  g_autofree char     *what = NULL;
  TandemScheduleRecord record = { 0 };
  gint64               id = 0;

  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);
  g_return_val_if_fail (TANDEM_IS_PAYROLL_PROFILE (profile), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  record.text = profile->data;
  record.from_label = label;
  record.from_at = from != NULL ? period_key (from) : G_MININT64;
  tx = _tandem_transaction_new (self);
  if (!_tandem_transaction_begin (tx, error)
      || !_tandem_db_save_schedule (_tandem_transaction_get_db (tx),
                                    TANDEM_SCHEDULE_PAYROLL_PROFILE, &record, &id, error))
    return FALSE;
  what = g_strdup_printf ("payroll profile version %" G_GINT64_FORMAT " from %s", id,
                          label != NULL ? label : "every period");
  if (!_tandem_transaction_commit_audited (tx, "payroll-setup", what, error))
    return FALSE;
  if (version != NULL)
    *version = (guint)id;
  return TRUE;
}

/* The stored profile in effect for @period (NULL: the newest), read in the
 * caller's transaction: the newest version whose first period starts no
 * later than @period. NULL without an error when there is none. */
TandemPayrollProfile *
_tandem_payroll_profile_load (TandemDb *db, TandemPeriod *period, GError **error)
{
  g_autoptr (GArray) versions
      = _tandem_db_list_schedule (db, TANDEM_SCHEDULE_PAYROLL_PROFILE, NULL, error);
  gint64                      key = period != NULL ? period_key (period) : G_MAXINT64;
  const TandemScheduleRecord *best = NULL;

  if (versions == NULL)
    return NULL;
  for (guint i = 0; i < versions->len; i++)
    {
      const TandemScheduleRecord *v = &g_array_index (versions, TandemScheduleRecord, i);

      if (v->from_at <= key)
        best = v; /* ordered by version */
    }
  if (best == NULL)
    return NULL;
  return _tandem_payroll_profile_new_stored (best->text, (guint)best->id, best->from_label, error);
}

/**
 * tandem_payroll_profile_load:
 * @self: a `TandemStore`
 * @period: (nullable): a period, or %NULL for the newest version
 * @error: return location for a #GError
 *
 * Gets the payroll profile in effect for @period: of the versions whose
 * first period starts no later than @period (every version stored without
 * one does), the one stored last.
 *
 * Returns: (transfer full) (nullable): the profile, or %NULL (without an
 *   error) when none is stored for @period
 *
 * Since: 1.0
 */
TandemPayrollProfile *
tandem_payroll_profile_load (TandemStore *self, TandemPeriod *period, GError **error)
{
  g_autoptr (TandemTransaction) tx = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  tx = _tandem_transaction_new (self);
  return _tandem_payroll_profile_load (_tandem_transaction_get_db (tx), period, error);
}
