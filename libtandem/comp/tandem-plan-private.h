/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The parsed rules of a plan, for the settlement engine. */

#pragma once

#include "tandem-plan.h"
#include "tandem-store.h"
#include "tandem-settlement.h"

G_BEGIN_DECLS

#define TANDEM_N_ACTIVITY_KINDS (TANDEM_ACTIVITY_KIND_PAYMENT + 1)
#include "tandem-payroll-private.h"

/* What a [Kind …], [Product …] or [Category …] group sets. */
typedef struct
{
  gboolean has_rate;
  gint64   rate; /* fixed point, see tandem-rate-private.h */
  gboolean has_share;
  int      share_bp;
  gboolean has_base;
  gboolean margin; /* Base=margin: the amount less the cost */
  guint    group;  /* [Product …] and [Category …]: 1 + its place in group_names */
} TandemKindRule;

/* A [Spiff NAME] group: Amount per unit sold of a product or a category,
 * for the sales dated in [from_at, until_at). */
typedef struct
{
  char    *product;
  char    *category;
  gint64   amount; /* minor units per unit sold */
  gint64   from_at;
  gint64   until_at; /* G_MAXINT64: open */
  gboolean equal;    /* Split=equal; else by the sale's inside share */
  guint    group;    /* 1 + its place in group_names */
} TandemSpiffRule;

typedef struct
{
  gint64         commission_rate;
  int            inside_share_bp;
  gboolean       margin; /* [Plan] Base=margin */
  TandemKindRule kinds[TANDEM_N_ACTIVITY_KINDS];
  GHashTable    *products;    /* [Product NAME]: NAME → TandemKindRule */
  GHashTable    *categories;  /* [Category NAME]: NAME → TandemKindRule */
  GPtrArray     *group_names; /* "Product P-100", "Category Maschinen", "Spiff …", … */
  GArray        *spiffs;      /* TandemSpiffRule */

  gboolean          has_bonus;
  gint64            bonus_attainment; /* share of target, fixed point */
  gint64            bonus_amount;     /* minor units */
  TandemSplitMethod bonus_split;

  gboolean has_accelerator;
  gint64   accelerator_above; /* share of target, fixed point */
  gint64   accelerator_multiplier;

  gboolean has_cap;
  gint64   cap_per_rep;

  gboolean has_referral;
  gint64   referral_amount;

  gboolean has_clawback;
  int      clawback_days;

  TandemPayOn pay_on;

  /* [Payroll], used when no payroll profile is stored */
  TandemPayrollRules payroll;
} TandemPlanRules;

const TandemPlanRules *_tandem_plan_get_rules (TandemPlan *self);

struct _TandemPeriod
{
  TandemPeriodKind kind;
  int              year;
  int              index; /* month 1–12, quarter 1–4, 0 for a year */
};

/* Stores @plan as a version of its name in effect from @from (NULL: the
 * first period after the plan's last closed one), unless that version is
 * stored already; refused when a closed period of the plan ends after
 * @from. *version gets the version's number; *added_from the first period
 * of a version it stored ("the beginning" for one from the beginning),
 * NULL when it was stored already. Call inside a write transaction
 * (tandem-plan-version.c). */
gboolean _tandem_plan_version_save_in (TandemTransaction *tx,
                                       TandemPlan        *plan,
                                       TandemPeriod      *from,
                                       guint             *version,
                                       char             **added_from,
                                       GError           **error);
/* Refuses @period when it is not of @plan's kind, with the error parsing
 * its label under @plan gives (TANDEM_PLAN_ERROR_INVALID_PERIOD). */
gboolean _tandem_plan_check_period (TandemPlan *plan, const TandemPeriod *period, GError **error);
/* TANDEM_STORE_ERROR_NOT_FOUND for the plan @name; returns FALSE. */
gboolean _tandem_plan_not_found (const char *name, GError **error);
/* The start of @period in @plan's zone, in microseconds. */
gint64 _tandem_plan_period_start (TandemPlan *plan, const TandemPeriod *period);

G_END_DECLS
