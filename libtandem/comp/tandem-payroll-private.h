/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-payroll-private.h: the [Payroll] group, parsed once for plans and
 * payroll profiles */

#pragma once

#include <glib-object.h>

#include "tandem-payroll.h"
#include "tandem-settlement.h"
#include "tandem-store-private.h"

G_BEGIN_DECLS

/* Sets a TANDEM_PLAN_ERROR_INVALID_VALUE "[group] key=value: what" and
 * returns FALSE (plan and payroll files). */
gboolean _tandem_plan_value_error (GError    **error,
                                   const char *group,
                                   const char *key,
                                   const char *value,
                                   const char *what);

#define TANDEM_N_LINE_KINDS (TANDEM_LINE_KIND_SPIFF + 1)

/* A wage type (Lohnart) per line kind, 0 for none; the DATEV consultant
 * and client numbers ("" when not given); the LODAS amount key and date
 * format. */
typedef struct
{
  gboolean present;
  guint    wage_types[TANDEM_N_LINE_KINDS];
  char     consultant[8];
  char     client[6];
  int      amount_key;
  char     date_format[11];
} TandemPayrollRules;

/* Parses @kf's [Payroll] group into @rules; errors name group, key and
 * value (TANDEM_PLAN_ERROR). */
gboolean _tandem_payroll_rules_parse (TandemPayrollRules *rules, GKeyFile *kf, GError **error);

/* The stored profile in effect for @period (NULL: the newest), read in the
 * caller's transaction; NULL without an error when there is none. */
TandemPayrollProfile *_tandem_payroll_profile_load (TandemDb     *db,
                                                    TandemPeriod *period,
                                                    GError      **error);

const TandemPayrollRules *_tandem_payroll_profile_get_rules (TandemPayrollProfile *self);
TandemPayrollProfile     *_tandem_payroll_profile_new_stored (const char *data,
                                                              guint       version,
                                                              const char *from,
                                                              GError    **error);

G_END_DECLS
