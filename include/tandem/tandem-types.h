/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-types.h: enumerations and error domains of the core types */

#pragma once

#if !defined(TANDEM_INSIDE) && !defined(TANDEM_COMPILATION)
#error "Only <tandem.h> can be included directly."
#endif

#include <glib-object.h>

#include "tandem-version-macros.h"

G_BEGIN_DECLS

typedef struct _TandemRep        TandemRep;
typedef struct _TandemTeam       TandemTeam;
typedef struct _TandemAccount    TandemAccount;
typedef struct _TandemActivity   TandemActivity;
typedef struct _TandemStore      TandemStore;
typedef struct _TandemPlan       TandemPlan;
typedef struct _TandemPeriod     TandemPeriod;
typedef struct _TandemSettlement TandemSettlement;

/**
 * TandemRole:
 * @TANDEM_ROLE_INSIDE: inside sales: proactive account management from the office
 * @TANDEM_ROLE_FIELD: field sales: visits, negotiates, closes
 * @TANDEM_ROLE_MANAGER: the sales manager who composes the tandems
 *
 * What a rep does in the sales organisation.
 *
 * Since: 1.0
 */
typedef enum
{
  TANDEM_ROLE_INSIDE,
  TANDEM_ROLE_FIELD,
  TANDEM_ROLE_MANAGER,
} TandemRole;

/**
 * TandemActivityKind:
 * @TANDEM_ACTIVITY_KIND_CALL: a phone call
 * @TANDEM_ACTIVITY_KIND_VISIT: a customer visit
 * @TANDEM_ACTIVITY_KIND_APPOINTMENT: an appointment booked
 * @TANDEM_ACTIVITY_KIND_OFFER: an offer sent
 * @TANDEM_ACTIVITY_KIND_ORDER: an order won (commissionable, needs an amount)
 * @TANDEM_ACTIVITY_KIND_CROSS_SELL: a sale of another product line to an existing customer
 * (commissionable)
 * @TANDEM_ACTIVITY_KIND_UP_SELL: a larger or higher-value sale to an existing customer
 * (commissionable)
 * @TANDEM_ACTIVITY_KIND_REFERRAL: a referral collected from a customer
 * @TANDEM_ACTIVITY_KIND_SHADOWING: half a day spent shadowing the tandem partner
 * @TANDEM_ACTIVITY_KIND_SUPPORT: a support request handled for the account
 * @TANDEM_ACTIVITY_KIND_REVERSAL: a cancellation or return of an earlier commissionable activity
 * @TANDEM_ACTIVITY_KIND_PAYMENT: money the customer paid for an earlier order, cross-sell or
 * up-sell (see [ctor@Tandem.Activity.new_payment]); under a plan that pays on collection the
 * order's commission is paid as its payments come in
 *
 * What happened. The nicks (`"call"`, `"cross-sell"`, …) are the names used
 * by the command line, CSV and JSON.
 *
 * Since: 1.0
 */
typedef enum
{
  TANDEM_ACTIVITY_KIND_CALL,
  TANDEM_ACTIVITY_KIND_VISIT,
  TANDEM_ACTIVITY_KIND_APPOINTMENT,
  TANDEM_ACTIVITY_KIND_OFFER,
  TANDEM_ACTIVITY_KIND_ORDER,
  TANDEM_ACTIVITY_KIND_CROSS_SELL,
  TANDEM_ACTIVITY_KIND_UP_SELL,
  TANDEM_ACTIVITY_KIND_REFERRAL,
  TANDEM_ACTIVITY_KIND_SHADOWING,
  TANDEM_ACTIVITY_KIND_SUPPORT,
  TANDEM_ACTIVITY_KIND_REVERSAL,
  TANDEM_ACTIVITY_KIND_PAYMENT,
} TandemActivityKind;

/**
 * TandemAccountStage:
 * @TANDEM_ACCOUNT_STAGE_PROSPECT: not yet a customer
 * @TANDEM_ACCOUNT_STAGE_CUSTOMER: has ordered
 * @TANDEM_ACCOUNT_STAGE_REGULAR: orders regularly
 * @TANDEM_ACCOUNT_STAGE_LOST: stopped ordering
 *
 * Where an account stands in its lifecycle.
 *
 * Since: 1.0
 */
typedef enum
{
  TANDEM_ACCOUNT_STAGE_PROSPECT,
  TANDEM_ACCOUNT_STAGE_CUSTOMER,
  TANDEM_ACCOUNT_STAGE_REGULAR,
  TANDEM_ACCOUNT_STAGE_LOST,
} TandemAccountStage;

/**
 * TandemStageCause:
 * @TANDEM_STAGE_CAUSE_MANUAL: set by hand with [method@Tandem.Store.set_account_stage]
 *   or [method@Tandem.Store.update_account]
 * @TANDEM_STAGE_CAUSE_CREATED: the stage the account was created in
 * @TANDEM_STAGE_CAUSE_FIRST_ORDER: a prospect's first order made it a customer
 * @TANDEM_STAGE_CAUSE_REPEAT_ORDERS: enough orders within the window made a
 *   customer a regular customer
 * @TANDEM_STAGE_CAUSE_NO_ORDERS: no order for the configured time made a
 *   customer lost
 * @TANDEM_STAGE_CAUSE_WON_BACK: an order made a lost account a customer again
 *
 * Why an account's stage changed; see [class@Tandem.LifecycleRules].
 *
 * Since: 1.0
 */
typedef enum
{
  TANDEM_STAGE_CAUSE_MANUAL,
  TANDEM_STAGE_CAUSE_CREATED,
  TANDEM_STAGE_CAUSE_FIRST_ORDER,
  TANDEM_STAGE_CAUSE_REPEAT_ORDERS,
  TANDEM_STAGE_CAUSE_NO_ORDERS,
  TANDEM_STAGE_CAUSE_WON_BACK,
} TandemStageCause;

/**
 * TandemCategory:
 * @TANDEM_CATEGORY_A: the most valuable accounts
 * @TANDEM_CATEGORY_B: valuable accounts
 * @TANDEM_CATEGORY_C: ordinary accounts
 * @TANDEM_CATEGORY_D: accounts dropped at the yearly clean-up
 *
 * The A/B/C/D classification of accounts.
 *
 * Since: 1.0
 */
typedef enum
{
  TANDEM_CATEGORY_A,
  TANDEM_CATEGORY_B,
  TANDEM_CATEGORY_C,
  TANDEM_CATEGORY_D,
} TandemCategory;

/**
 * TANDEM_VALIDATION_ERROR:
 *
 * The error domain for reps, tandems, accounts and activities whose
 * values break a rule.
 *
 * Since: 1.0
 */
#define TANDEM_VALIDATION_ERROR (tandem_validation_error_quark ())

/**
 * TandemValidationError:
 * @TANDEM_VALIDATION_ERROR_INVALID_NAME: a name is empty or not valid UTF-8
 * @TANDEM_VALIDATION_ERROR_INVALID_ROLE: a rep has the wrong role for its place in a tandem
 * @TANDEM_VALIDATION_ERROR_OUT_OF_RANGE: a number is outside its allowed range
 * @TANDEM_VALIDATION_ERROR_MISSING_VALUE: a required value is missing
 * @TANDEM_VALIDATION_ERROR_INVALID_AMOUNT: an amount is negative, or present where none is allowed
 * @TANDEM_VALIDATION_ERROR_INVALID_REVERSAL: a reversal does not name a reversible activity, or
 * another kind names one
 * @TANDEM_VALIDATION_ERROR_INVALID_VALUE: a value such as an enum nick is not recognised
 * @TANDEM_VALIDATION_ERROR_INVALID_TEXT: a text holds a control character (such as NUL) or is
 *   longer than %TANDEM_TEXT_MAX bytes
 *
 * Error codes of the %TANDEM_VALIDATION_ERROR domain.
 *
 * Since: 1.0
 */
typedef enum
{
  TANDEM_VALIDATION_ERROR_INVALID_NAME,
  TANDEM_VALIDATION_ERROR_INVALID_ROLE,
  TANDEM_VALIDATION_ERROR_OUT_OF_RANGE,
  TANDEM_VALIDATION_ERROR_MISSING_VALUE,
  TANDEM_VALIDATION_ERROR_INVALID_AMOUNT,
  TANDEM_VALIDATION_ERROR_INVALID_REVERSAL,
  TANDEM_VALIDATION_ERROR_INVALID_VALUE,
  TANDEM_VALIDATION_ERROR_INVALID_TEXT,
} TandemValidationError;

/**
 * TANDEM_TEXT_MAX:
 *
 * The size limit of every text libtandem stores, in bytes of UTF-8: names,
 * references, notes, queues, areas and tags, and each field of an imported
 * CSV or JSON file. Texts hold no control characters (U+0000–U+001F,
 * U+007F–U+009F), except that notes may hold tabs and line breaks.
 *
 * Since: 1.0
 */
#define TANDEM_TEXT_MAX 4096

TANDEM_AVAILABLE_IN_ALL
GQuark tandem_validation_error_quark (void);

TANDEM_AVAILABLE_IN_ALL
gboolean tandem_activity_kind_is_commissionable (TandemActivityKind kind);
TANDEM_AVAILABLE_IN_ALL
gboolean tandem_activity_kind_takes_amount (TandemActivityKind kind);

TANDEM_AVAILABLE_IN_ALL
GDateTime *tandem_time_parse (const char *text,
                              GTimeZone  *default_zone,
                              GError    **error) G_GNUC_WARN_UNUSED_RESULT;
TANDEM_AVAILABLE_IN_ALL
char *tandem_suggest (const char *word, const char *const *candidates) G_GNUC_WARN_UNUSED_RESULT;
TANDEM_AVAILABLE_IN_ALL
const char *tandem_activity_kind_to_nick (TandemActivityKind kind);
TANDEM_AVAILABLE_IN_ALL
gboolean tandem_activity_kind_from_nick (const char         *nick,
                                         TandemActivityKind *kind,
                                         GError            **error);
TANDEM_AVAILABLE_IN_ALL
const char *tandem_role_to_nick (TandemRole role);
TANDEM_AVAILABLE_IN_ALL
gboolean tandem_role_from_nick (const char *nick, TandemRole *role, GError **error);
TANDEM_AVAILABLE_IN_ALL
const char *tandem_account_stage_to_nick (TandemAccountStage stage);
TANDEM_AVAILABLE_IN_ALL
gboolean tandem_account_stage_from_nick (const char         *nick,
                                         TandemAccountStage *stage,
                                         GError            **error);
TANDEM_AVAILABLE_IN_ALL
const char *tandem_stage_cause_to_nick (TandemStageCause cause);
TANDEM_AVAILABLE_IN_ALL
const char *tandem_category_to_nick (TandemCategory category);
TANDEM_AVAILABLE_IN_ALL
gboolean tandem_category_from_nick (const char *nick, TandemCategory *category, GError **error);

G_END_DECLS
