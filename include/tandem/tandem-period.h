/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-period.h: a settlement period: a month, quarter or year */

#pragma once

#if !defined(TANDEM_INSIDE) && !defined(TANDEM_COMPILATION)
#error "Only <tandem.h> can be included directly."
#endif

#include <glib-object.h>

#include "tandem-money.h"
#include "tandem-types.h"
#include "tandem-version-macros.h"

G_BEGIN_DECLS

/**
 * TandemPeriodKind:
 * @TANDEM_PERIOD_KIND_MONTH: a calendar month, written `2026-11`
 * @TANDEM_PERIOD_KIND_QUARTER: a calendar quarter, written `2026-Q4`
 * @TANDEM_PERIOD_KIND_YEAR: a calendar year, written `2026`
 *
 * The length of a settlement period.
 *
 * Since: 1.0
 */
typedef enum
{
  TANDEM_PERIOD_KIND_MONTH,
  TANDEM_PERIOD_KIND_QUARTER,
  TANDEM_PERIOD_KIND_YEAR,
} TandemPeriodKind;

#define TANDEM_TYPE_PERIOD (tandem_period_get_type ())

typedef struct _TandemPeriod TandemPeriod;

TANDEM_AVAILABLE_IN_ALL
GType tandem_period_get_type (void) G_GNUC_CONST;

TANDEM_AVAILABLE_IN_ALL
TandemPeriod *tandem_period_parse (const char *text, GError **error) G_GNUC_WARN_UNUSED_RESULT;

TANDEM_AVAILABLE_IN_ALL
TandemPeriod *tandem_period_copy (const TandemPeriod *self) G_GNUC_WARN_UNUSED_RESULT;

TANDEM_AVAILABLE_IN_ALL
void tandem_period_free (TandemPeriod *self);

TANDEM_AVAILABLE_IN_ALL
TandemPeriodKind tandem_period_get_kind (const TandemPeriod *self);

TANDEM_AVAILABLE_IN_ALL
char *tandem_period_to_string (const TandemPeriod *self) G_GNUC_WARN_UNUSED_RESULT;

TANDEM_AVAILABLE_IN_ALL
GDateTime *tandem_period_get_start (const TandemPeriod *self,
                                    GTimeZone          *zone) G_GNUC_WARN_UNUSED_RESULT;

TANDEM_AVAILABLE_IN_ALL
GDateTime *tandem_period_get_end (const TandemPeriod *self,
                                  GTimeZone          *zone) G_GNUC_WARN_UNUSED_RESULT;

TANDEM_AVAILABLE_IN_ALL
TandemPeriod *tandem_period_get_previous (const TandemPeriod *self) G_GNUC_WARN_UNUSED_RESULT;

TANDEM_AVAILABLE_IN_ALL
TandemPeriod *tandem_period_get_next (const TandemPeriod *self) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemPeriod, tandem_period_free)

G_END_DECLS
