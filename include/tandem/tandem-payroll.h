/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-payroll.h: from approved settlements to payroll: the payroll
 * profile that maps line kinds to wage types, and the payroll run */

#pragma once

#if !defined(TANDEM_INSIDE) && !defined(TANDEM_COMPILATION)
#error "Only <tandem.h> can be included directly."
#endif

#include <gio/gio.h>

#include "tandem-plan.h"
#include "tandem-settlement.h"
#include "tandem-store.h"
#include "tandem-version-macros.h"
#include "tandem-payout-line.h"

G_BEGIN_DECLS

/**
 * TandemPayrollFormat:
 * @TANDEM_PAYROLL_FORMAT_CSV: CSV with the header
 *   `period,personnel_number,rep,wage_type,amount,currency`
 * @TANDEM_PAYROLL_FORMAT_LODAS: a DATEV LODAS ASCII import file (CRLF, decimal comma)
 *
 * The formats of [func@Tandem.PayrollProfile.export].
 *
 * Since: 1.0
 */
typedef enum
{
  TANDEM_PAYROLL_FORMAT_CSV,
  TANDEM_PAYROLL_FORMAT_LODAS,
} TandemPayrollFormat;

/**
 * TandemPayrollExportFlags:
 * @TANDEM_PAYROLL_EXPORT_NONE: no flags
 * @TANDEM_PAYROLL_EXPORT_AGAIN: export a period and plans that were
 *   exported before (without it that is refused, naming when and by whom)
 * @TANDEM_PAYROLL_EXPORT_EXCEL: CSV for German Excel: `;` separator,
 *   decimal comma, a UTF-8 byte-order mark and CRLF line ends (the same
 *   columns)
 *
 * How [func@Tandem.PayrollProfile.export] writes.
 *
 * Since: 1.0
 */
typedef enum /*< flags >*/
{
  TANDEM_PAYROLL_EXPORT_NONE = 0,
  TANDEM_PAYROLL_EXPORT_AGAIN = 1 << 0,
  TANDEM_PAYROLL_EXPORT_EXCEL = 1 << 1,
} TandemPayrollExportFlags;

#define TANDEM_TYPE_PAYROLL_PROFILE (tandem_payroll_profile_get_type ())
TANDEM_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (TandemPayrollProfile,
                      tandem_payroll_profile,
                      TANDEM,
                      PAYROLL_PROFILE,
                      GObject)

TANDEM_AVAILABLE_IN_ALL
TandemPayrollProfile *tandem_payroll_profile_new_from_data (const char *data,
                                                            gssize      length,
                                                            GError    **error)
    G_GNUC_WARN_UNUSED_RESULT;
TANDEM_AVAILABLE_IN_ALL
const char *tandem_payroll_profile_get_data (TandemPayrollProfile *self);
TANDEM_AVAILABLE_IN_ALL
guint tandem_payroll_profile_get_version (TandemPayrollProfile *self);
TANDEM_AVAILABLE_IN_ALL
const char *tandem_payroll_profile_get_from (TandemPayrollProfile *self);
TANDEM_AVAILABLE_IN_ALL
guint tandem_payroll_profile_get_wage_type (TandemPayrollProfile *self, TandemLineKind kind);
TANDEM_AVAILABLE_IN_ALL
const char *tandem_payroll_profile_get_consultant (TandemPayrollProfile *self);
TANDEM_AVAILABLE_IN_ALL
const char *tandem_payroll_profile_get_client (TandemPayrollProfile *self);

TANDEM_AVAILABLE_IN_ALL
gboolean tandem_payroll_profile_add (TandemStore          *self,
                                     TandemPayrollProfile *profile,
                                     TandemPeriod         *from,
                                     guint                *version,
                                     GError              **error);
TANDEM_AVAILABLE_IN_ALL
TandemPayrollProfile *tandem_payroll_profile_load (TandemStore  *self,
                                                   TandemPeriod *period,
                                                   GError      **error) G_GNUC_WARN_UNUSED_RESULT;
TANDEM_AVAILABLE_IN_ALL
char **tandem_payroll_profile_list_unmapped_kinds (TandemStore      *self,
                                                   TandemSettlement *settlement,
                                                   GError **error) G_GNUC_WARN_UNUSED_RESULT;
TANDEM_AVAILABLE_IN_ALL
gboolean tandem_payroll_profile_export (TandemStore             *self,
                                        const char *const       *plans,
                                        TandemPeriod            *period,
                                        TandemPayrollFormat      format,
                                        TandemPayrollExportFlags flags,
                                        GOutputStream           *stream,
                                        GCancellable            *cancellable,
                                        GError                 **error);

G_END_DECLS
