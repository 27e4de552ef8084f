/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-settlement-engine-private.h: what the parts of a settlement share:
 * the compact line, the settlement's fields, and the engine that computes
 * the lines (tandem-settlement-engine.c), their explanations
 * (tandem-explanation.c) and the line list model (tandem-line-list.c). */

#pragma once

#include <gio/gio.h>

#include "tandem-plan-private.h"
#include "tandem-settlement.h"
#include "tandem-store-private.h"
#include "tandem-schedule-private.h"
#include "tandem-line-table-private.h"

G_BEGIN_DECLS

#define USEC_PER_DAY (G_GINT64_CONSTANT (86400) * G_USEC_PER_SEC)

/* An activity in another currency than the plan's, and how it was
 * converted (kept for the explanation). */
typedef struct
{
  gint64 minor;
  char   currency[4];
  gint64 since; /* the rate's time */
  char  *rate;  /* the rate's exact text */
} TandemRateConversion;

struct _TandemSettlement
{
  GObject parent_instance;

  TandemStore          *store;
  char                 *plan_name;
  char                  currency[4];
  TandemPeriod         *period;
  TandemSettlementState state;
  TandemLineTable      *lines;      /* sorted by rep, then seq */
  GArray               *rep_ids;    /* distinct rep ids, ascending */
  GArray               *rep_first;  /* index of each rep's first line */
  GArray               *rep_totals; /* gint64, the sum of each rep's lines */
  GListStore           *teams;      /* TandemTeamResult */
  gint64                total;
  guint                 plan_version; /* 0: the plan is not stored */
  gboolean              versioned;    /* the plan has more than one version */
  GHashTable           *conversions;  /* activity id → TandemRateConversion */
  GArray               *rates;        /* TandemScheduleRecord: the rates used */
  char                 *approved_by;  /* closed periods: who approved and paid, when */
  gint64                approved_at;
  char                 *paid_by;
  gint64                paid_at;
  gboolean              collects; /* the plan pays on collection */
  GHashTable           *held;     /* rep id → gint64 held at the period's end, or NULL */
  gint64                held_total;
  GPtrArray            *group_names; /* the plan's [Product …] and [Category …] groups */
  /* a closed period's stored explanations, read a range of rows at a
   * time when asked for: its lines keep their row in `other` */
  GHashTable *names; /* "a17", "t3", "r2" → the name of account, tandem, rep 17, 3, 2 as it
                      * was when settled: what the explanations and the JSON print */
  GMutex     texts_lock;
  gint64     texts_first; /* the row of texts[0] */
  GPtrArray *texts;       /* char *, NULL for a row that is not a line of it */
};

/* Settles @period under @plan inside the caller's transaction (a closed
 * period is read back as frozen). */
TandemSettlement *_tandem_settle_in (TandemTransaction *tx,
                                     TandemPlan        *plan,
                                     TandemPeriod      *period,
                                     GMainContext      *progress_context,
                                     GCancellable      *cancellable,
                                     GError           **error);
/* The same, computing a closed period from its activities as if it were
 * open (what-if: tandem-simulation.c); writes nothing. */
TandemSettlement *_tandem_settle_fresh_in (TandemTransaction *tx,
                                           TandemPlan        *plan,
                                           TandemPeriod      *period,
                                           GCancellable      *cancellable,
                                           GError           **error);

typedef struct
{
  gint64      team_id;
  TandemTeam *team;
  GArray     *members;  /* TandemMembershipRecord */
  int         share_bp; /* the tandem's own, or -1 */
  gboolean    has_target;
  gboolean    period_target; /* the target set for the period */
  gboolean    excluded;      /* follows another plan in this period */
  gint64      target;
  gint64      revenue;      /* net of reversals */
  GHashTable *contribution; /* rep id → gint64* revenue logged */
  gint64      payout;
} TandemTeamState;

typedef struct _TandemEngine TandemEngine;

struct _TandemEngine
{
  TandemStore           *store;
  TandemDb              *db;
  TandemPlan            *plan;
  const TandemPlanRules *rules;
  const char            *currency;
  TandemPeriod          *period;
  gint64                 start;
  gint64                 end;
  GHashTable            *teams;        /* team id → TandemTeamState */
  GHashTable            *first_orders; /* order id → TandemReferralRecord */
  GHashTable            *earlier;      /* period label → TandemLineTable */
  TandemLineTable       *lines;
  GMainContext          *progress_context;
  GCancellable          *cancellable;
  guint64                processed;
  guint                  depth;
  const TandemSchedule  *schedule;
  gboolean               filter_teams;  /* more than one plan: only the plan's tandems */
  GHashTable            *conversions;   /* activity id → TandemRateConversion */
  GArray                *rates;         /* the rates used */
  GHashTable            *draw_balances; /* draw id → gint64 balance before the period */
  gboolean               skip_draws;    /* a nested run that only needs an order's lines */
  gboolean               earned_only;   /* a nested run for what orders earned: no collection */
  GHashTable            *collect;       /* pay on collection: order ids this period settles */
  GHashTable            *held;          /* pay on collection: rep id → gint64 held at the end */
  /* The lines of the earlier period that holds @at, settled now (with
   * collection when @collect) and kept in engine->earlier; @what names the
   * activity that needs them, for the error when they reach back too far.
   * Set by _tandem_engine_run(): pay on collection (tandem-collection.c)
   * reads earlier periods through it without calling back into the
   * engine's file. */
  TandemLineTable *(*earlier_lines) (TandemEngine *engine, gint64 at, gint64 what, GError **error);
};

/* "40%" or "40.25%" */
char *_tandem_share_text (int bp);

/* Computes the lines of engine->period under engine->plan into
 * engine->lines (sorted by rep, then seq); the caller fills store,
 * db, plan, period and the progress fields first. */
gboolean _tandem_engine_run (TandemEngine *engine, GError **error);
void     _tandem_engine_clear (TandemEngine *engine);
/* Pay on collection, after the scan: pays the orders of engine->collect
 * by their payments (tandem-collection.c). */
gboolean _tandem_engine_collect (TandemEngine *engine, GError **error);
/* Of @earned, one line an order earned under pay on collection, what is
 * held at @end: what its payments before @end have not paid of the part
 * its reversals left, never below zero (as the engine computes it).
 * @flows is the order and its payments and reversals, the order first. */
gboolean _tandem_collection_held (const TandemPlanRules *rules,
                                  GArray                *flows,
                                  gint64                 end,
                                  gint64                 earned,
                                  gint64                *held,
                                  GError               **error);
/* "draft", "closed", … in the library's catalogue (tandem-settlement-pdf.c). */
const char *_tandem_settlement_state_label (TandemSettlementState state);
/* Where @rep_id's lines are in the settlement's lines: @first and @n. */
void _tandem_settlement_rep_range (TandemSettlement *self, gint64 rep_id, guint *first, guint *n);
void _tandem_conversion_free (TandemRateConversion *conversion);
/* A hash table of activity id → TandemRateConversion. */
GHashTable *_tandem_conversions_new (void);

/* The stored explanation of a closed line, from row @row. */
char *_tandem_settlement_stored_text (TandemSettlement *self, gint64 row, GError **error);
/* The name of account (@what 'a'), tandem ('t') or rep ('r') @id, as
 * resolved when the settlement was made; "?" for one it does not know. */
const char *_tandem_settlement_name (TandemSettlement *self, char what, gint64 id);

/* The explanation of a line, in the settlement's currency. */
char *_tandem_settlement_explain (TandemSettlement *self, const TandemLine *line, GError **error);

/* The lines [first, first + n) of @settlement as a GListModel of
 * TandemPayoutLine, made when asked for. */
GListModel *_tandem_line_list_new (TandemSettlement *settlement, guint first, guint n);

G_END_DECLS
