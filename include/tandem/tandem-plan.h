/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-plan.h: a compensation plan, its rules, and the plans a store keeps */

#pragma once

#if !defined(TANDEM_INSIDE) && !defined(TANDEM_COMPILATION)
#error "Only <tandem.h> can be included directly."
#endif

#include <gio/gio.h>
#include <glib-object.h>

#include "tandem-activity.h"
#include "tandem-money.h"
#include "tandem-rep.h"
#include "tandem-store.h"
#include "tandem-team.h"
#include "tandem-types.h"
#include "tandem-version-macros.h"
#include "tandem-period.h"

G_BEGIN_DECLS

TANDEM_AVAILABLE_IN_ALL
gboolean tandem_plan_add (TandemStore *self, TandemPlan *plan, GError **error);

TANDEM_AVAILABLE_IN_ALL
TandemPlan *tandem_plan_load (TandemStore *self,
                              const char  *name,
                              GError     **error) G_GNUC_WARN_UNUSED_RESULT;

TANDEM_AVAILABLE_IN_ALL
char **tandem_plan_list_names (TandemStore *self, GError **error) G_GNUC_WARN_UNUSED_RESULT;

/**
 * TANDEM_PLAN_ERROR:
 *
 * The error domain of compensation plans and settlements.
 *
 * Since: 1.0
 */
#define TANDEM_PLAN_ERROR (tandem_plan_error_quark ())

/**
 * TandemPlanError:
 * @TANDEM_PLAN_ERROR_PARSE: the text is not a valid key file
 * @TANDEM_PLAN_ERROR_UNKNOWN_GROUP: a group such as `[Bonus]` is not part of the plan format
 * @TANDEM_PLAN_ERROR_UNKNOWN_KEY: a key is not part of its group
 * @TANDEM_PLAN_ERROR_MISSING_KEY: a required key is missing
 * @TANDEM_PLAN_ERROR_INVALID_VALUE: a value is malformed or out of range
 * @TANDEM_PLAN_ERROR_CURRENCY_MISMATCH: an amount is not in the plan's currency
 * @TANDEM_PLAN_ERROR_INVALID_PERIOD: a period is malformed or of another kind than the plan's
 * @TANDEM_PLAN_ERROR_UNASSIGNED: an activity's account has no tandem, or the tandem had no members
 * at its time
 * @TANDEM_PLAN_ERROR_NO_RATE: an activity is in another currency than the plan's and no exchange
 * rate to the plan's currency was in effect at its time
 *
 * Error codes of the %TANDEM_PLAN_ERROR domain.
 *
 * Since: 1.0
 */
typedef enum
{
  TANDEM_PLAN_ERROR_PARSE,
  TANDEM_PLAN_ERROR_UNKNOWN_GROUP,
  TANDEM_PLAN_ERROR_UNKNOWN_KEY,
  TANDEM_PLAN_ERROR_MISSING_KEY,
  TANDEM_PLAN_ERROR_INVALID_VALUE,
  TANDEM_PLAN_ERROR_CURRENCY_MISMATCH,
  TANDEM_PLAN_ERROR_INVALID_PERIOD,
  TANDEM_PLAN_ERROR_UNASSIGNED,
  TANDEM_PLAN_ERROR_NO_RATE,
} TandemPlanError;

/**
 * TandemSplitMethod:
 * @TANDEM_SPLIT_METHOD_EQUAL: the team bonus is split in equal parts
 * @TANDEM_SPLIT_METHOD_CONTRIBUTION: by the commissionable revenue each member logged
 *
 * How a tandem's team bonus is split between its members.
 *
 * Since: 1.0
 */
typedef enum
{
  TANDEM_SPLIT_METHOD_EQUAL,
  TANDEM_SPLIT_METHOD_CONTRIBUTION,
} TandemSplitMethod;

/**
 * TandemPayOn:
 * @TANDEM_PAY_ON_ORDER: commission is paid in the period of the order (the default)
 * @TANDEM_PAY_ON_PAYMENT: commission is paid as the customer pays: in the periods of the
 * order's payments, pro rata, the unpaid part held (`PayOn=payment`)
 *
 * When a plan pays an order's commission and accelerator.
 *
 * Since: 1.0
 */
typedef enum
{
  TANDEM_PAY_ON_ORDER,
  TANDEM_PAY_ON_PAYMENT,
} TandemPayOn;

#define TANDEM_TYPE_PLAN (tandem_plan_get_type ())

TANDEM_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (TandemPlan, tandem_plan, TANDEM, PLAN, GObject)

TANDEM_AVAILABLE_IN_ALL
GQuark tandem_plan_error_quark (void);

TANDEM_AVAILABLE_IN_ALL
TandemPlan *tandem_plan_new_from_data (const char *data,
                                       gssize      length,
                                       GError    **error) G_GNUC_WARN_UNUSED_RESULT;

TANDEM_AVAILABLE_IN_ALL
TandemPlan *tandem_plan_new_from_file (const char *path, GError **error) G_GNUC_WARN_UNUSED_RESULT;

TANDEM_AVAILABLE_IN_ALL
const char *tandem_plan_get_name (TandemPlan *self);

TANDEM_AVAILABLE_IN_ALL
const char *tandem_plan_get_currency (TandemPlan *self);

TANDEM_AVAILABLE_IN_ALL
TandemPeriodKind tandem_plan_get_period_kind (TandemPlan *self);

TANDEM_AVAILABLE_IN_ALL
GTimeZone *tandem_plan_get_time_zone (TandemPlan *self);

TANDEM_AVAILABLE_IN_ALL
TandemPayOn tandem_plan_get_pay_on (TandemPlan *self);

TANDEM_AVAILABLE_IN_ALL
const char *tandem_plan_get_data (TandemPlan *self);

TANDEM_AVAILABLE_IN_ALL
TandemPeriod *tandem_plan_parse_period (TandemPlan *self,
                                        const char *text,
                                        GError    **error) G_GNUC_WARN_UNUSED_RESULT;

TANDEM_AVAILABLE_IN_ALL
TandemPlan *tandem_plan_load_at (TandemStore  *self,
                                 const char   *name,
                                 TandemPeriod *period,
                                 GError      **error) G_GNUC_WARN_UNUSED_RESULT;

TANDEM_AVAILABLE_IN_ALL
gboolean tandem_plan_set_default (TandemStore *self, const char *name, GError **error);

TANDEM_AVAILABLE_IN_ALL
char *tandem_plan_resolve_name (TandemStore *self,
                                const char  *name,
                                GError     **error) G_GNUC_WARN_UNUSED_RESULT;

TANDEM_AVAILABLE_IN_ALL
char *tandem_plan_get_default (TandemStore *self, GError **error) G_GNUC_WARN_UNUSED_RESULT;

TANDEM_AVAILABLE_IN_ALL
gboolean tandem_plan_assign (TandemStore  *self,
                             TandemTeam   *team,
                             const char   *name,
                             TandemPeriod *from,
                             GError      **error);

TANDEM_AVAILABLE_IN_ALL
char *tandem_plan_get_for_team (TandemStore  *self,
                                TandemTeam   *team,
                                TandemPeriod *period,
                                GError      **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
