/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-db-private.h: the store's database, the one seam between the
 * store and an engine.
 *
 * Everything above it (TandemStore, the compensation engine, the method)
 * works with the plain records below and never sees SQL. A TandemDb is a
 * TandemSqlDriver (one per engine: tandem-sqlite-driver.c,
 * tandem-pg-driver.c) and the statements prepared on it; the functions
 * below run SQL written once for both engines, kept by area beside the
 * code that runs it: tandem-db-records.c, tandem-db-activities.c,
 * tandem-db-settlement.c, tandem-db-schedule.c, tandem-db-method.c.
 * Callers reach a TandemDb through a TandemTransaction (or the store's
 * lock). The conformance suite (tests/test-db.c) runs these
 * functions on both engines.
 *
 * Times are microseconds since the Unix epoch, UTC. Money is minor units
 * plus a three-letter currency code. Ids are positive; 0 means "none". */

#pragma once

#include <gio/gio.h>

#include "tandem-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64   id;
  char    *name;
  int      role;
  gboolean archived;
  char    *personnel_number; /* NULL for none */
} TandemRepRecord;

typedef struct
{
  gint64   id;
  char    *name;
  int      inside_share; /* basis points, or -1 for the plan's default */
  gboolean has_target;
  gint64   target_minor;
  char     target_currency[4];
  gboolean archived;
  gint64   inside_rep_id; /* current members */
  gint64   field_rep_id;
} TandemTeamRecord;

typedef struct
{
  gint64 team_id;
  gint64 inside_rep_id;
  gint64 field_rep_id;
  gint64 valid_from;
  gint64 valid_until; /* 0 while current */
} TandemMembershipRecord;

typedef struct
{
  gint64   id;
  char    *name;
  gint64   team_id;
  int      category;
  int      stage;
  gint64   referred_by_id;
  gboolean archived;
  char    *number; /* the customer number, NULL for none */
} TandemAccountRecord;

typedef struct
{
  gint64 account_id;
  int    stage;
  gint64 changed_at;
  int    cause;       /* TandemStageCause */
  gint64 activity_id; /* the order that caused it, or 0 */
} TandemStageRecord;

/* An order (ORDER, CROSS_SELL or UP_SELL) of one account. */
typedef struct
{
  gint64 id;
  gint64 occurred_at;
  gint64 account_id;
} TandemOrderRecord;

/* The account lifecycle rules; 0 switches a rule off. */
typedef struct
{
  int regular_orders;
  int regular_months;
  int lost_after_days;
} TandemLifecycleRecord;

/* Activities of a period grouped for the KPIs: per tandem (of the
 * account), kind, the kind a reversal takes back (else the kind itself),
 * the role of the rep credited (for a reversal, the original's rep) and
 * currency; an activity in another currency than the one asked for is a
 * row of its own, with the time its amount converts at (a reversal: its
 * order's) and its id. */
typedef struct
{
  gint64 team_id;
  int    kind;
  int    base_kind;
  int    role;
  char   currency[4]; /* "" without amount */
  gint64 count;
  gint64 amount;
  gint64 at;          /* one activity: when it converts; else the latest */
  gint64 activity_id; /* one activity: its id; else the latest */
} TandemKpiRecord;

typedef struct
{
  gint64   id;
  gint64   account_id;
  gint64   rep_id;
  int      kind;
  gboolean has_amount;
  gint64   amount_minor;
  char     currency[4];
  gint64   occurred_at;
  char    *external_ref;
  gint64   reverses_id;
  char    *note;
  /* what was sold (sales only) */
  char    *product;
  char    *category;
  gint64   quantity; /* 0 is read and written as 1 */
  gboolean has_cost;
  gint64   cost_minor; /* in the amount's currency */
} TandemActivityRecord;

/* Conditions of an activity scan; 0 / -1 mean "any". max_id pins a
 * snapshot: rows inserted later are not seen. */
typedef struct
{
  gint64 team_id;
  gint64 account_id;
  gint64 rep_id;
  int    kind;   /* -1 for any */
  gint64 since;  /* inclusive, or G_MININT64 */
  gint64 until;  /* exclusive, or G_MAXINT64 */
  gint64 max_id; /* 0 for no limit */
} TandemActivityScan;

/* A position in the (occurred_at, id) order of a scan. */
typedef struct
{
  gint64 occurred_at;
  gint64 id;
} TandemScanKey;

/* An order, or a payment or reversal of it, as pay on collection reads
 * them. */
typedef struct
{
  gint64 id;
  int    kind;
  gint64 amount_minor;
  char   currency[4];
  gint64 occurred_at;
} TandemFlowRecord;

/* What settlement reads of a commissionable activity or a reversal. */
typedef struct
{
  gint64 id;
  gint64 account_id;
  gint64 rep_id;
  int    kind;
  gint64 amount_minor;
  char   currency[4];
  gint64 occurred_at;
  gint64 team_id; /* the account's tandem, 0 if none */
  /* for a reversal: the reversed activity */
  gint64 reverses_id;
  int    reversed_kind;
  gint64 reversed_account_id;
  gint64 reversed_rep_id;
  gint64 reversed_amount;
  gint64 reversed_at;
  /* what a sale sold; the texts are the scan's, valid during the call */
  const char *product;
  const char *category;
  gboolean    has_cost;
  gint64      cost_minor;
  gint64      quantity;
} TandemSettleRecord;

/* The first order of an account that another account referred. */
typedef struct
{
  gint64 account_id;
  gint64 referrer_id;
  gint64 order_id;
  gint64 order_at;
} TandemReferralRecord;

/* A line of a closed settlement; team_id is the tandem it was earned
 * through (0 for none, and for lines frozen before schema 8); earned,
 * when has_earned, what an order's own line earned under pay on
 * collection (amount_minor is the part paid in the period). A record of
 * kind TANDEM_LINE_RECORD_HELD is no line: it keeps what a rep had held
 * at the period's end. */
typedef struct
{
  gint64   rep_id;
  int      kind;
  gint64   amount_minor;
  gint64   activity_id;
  char    *explanation;
  gint64   team_id;
  gboolean has_earned;
  gint64   earned;
  gint64   id; /* its row */
} TandemLineRecord;

#define TANDEM_LINE_RECORD_HELD 100

/* Fills @record with the next line to store and returns TRUE, or FALSE
 * when there is none; the caller clears @record after each line. */
typedef gboolean (*TandemLineSource) (gpointer data, TandemLineRecord *record);
/* Takes one stored line; it may steal the record's fields, which are
 * cleared after. Lines stream both ways: a month's lines are never held
 * as records. A closed period's lines come without their explanations,
 * which _tandem_db_list_line_texts() reads when they are asked for. */
typedef void (*TandemLineSink) (gpointer data, TandemLineRecord *record);

/* A tandem's figures in a closed settlement, frozen with its lines. */
typedef struct
{
  gint64   team_id;
  gint64   revenue;
  gboolean has_target;
  gint64   target;
  int      attainment; /* basis points, -1 without target */
  gint64   payout;
} TandemTeamResultRecord;

typedef struct
{
  gint64 start;
  gint64 end;
  char  *plan;  /* the plan that closed it */
  char  *label; /* the period, as "2026-11" */
} TandemRangeRecord;

void _tandem_range_record_clear (TandemRangeRecord *record);

/* Plans over time: the dated facts a settlement reads besides activities.
 * One record shape serves them all; each kind says which fields it uses. */
typedef enum
{
  TANDEM_SCHEDULE_PLAN_VERSION,    /* name, number = version, from, text = definition */
  TANDEM_SCHEDULE_DEFAULT_PLAN,    /* name */
  TANDEM_SCHEDULE_TEAM_PLAN,       /* owner = tandem, from, name = plan */
  TANDEM_SCHEDULE_TARGET,          /* owner = tandem, from = its period, amount, currency */
  TANDEM_SCHEDULE_DRAW,            /* id, owner = rep, amount, currency, from, until,
                                    * number = recoverable */
  TANDEM_SCHEDULE_RATE,            /* currency → to_currency, from_at, text = rate */
  TANDEM_SCHEDULE_CLOSED_PERIOD,   /* listed: name = plan, from = label and start,
                                    * until_at = end, number = version (0 before schema 9) */
  TANDEM_SCHEDULE_CLOSED_RATE,     /* name = plan, from_label = period, and a rate's fields */
  TANDEM_SCHEDULE_CLOSED_VERSION,  /* saved: name = plan, from_label = period, number */
  TANDEM_SCHEDULE_DRAW_LINE,       /* listed: closed draw and draw-recovery lines: name = plan,
                                    * owner = rep, from = period, amount, number = kind */
  TANDEM_SCHEDULE_PERIOD_STATE,    /* a closed period's later state: name = plan, from_label =
                                    * period, number = state, text = who, from_at = when */
  TANDEM_SCHEDULE_PAYROLL_PROFILE, /* text = the [Payroll] group, from_label = first period
                                    * (NULL: every one), from_at = its start in UTC;
                                    * saved: returns the version (id) */
  TANDEM_SCHEDULE_SETTING,         /* a store setting: name, text = its value (saved: replaces) */
  TANDEM_N_SCHEDULES
} TandemScheduleKind;

typedef struct
{
  gint64 id;
  gint64 owner_id;
  char  *name;
  char  *text;
  char  *from_label; /* NULL: from the beginning */
  gint64 from_at;
  char  *until_label; /* NULL: open-ended */
  gint64 until_at;
  gint64 amount_minor;
  char   currency[4];
  char   to_currency[4];
  gint64 number;
} TandemScheduleRecord;

/* A strength or preference of a rep, level 1–5. */
typedef struct
{
  gint64 rep_id;
  int    kind;
  char  *tag;
  int    level;
} TandemTagRecord;

/* A support request; closed_by 0 while open. */
typedef struct
{
  gint64 activity_id;
  gint64 owner_id;
  char  *queue;
  gint64 due_at;
  gint64 closed_by;
  gint64 closed_at;
} TandemSupportRecord;

/* A dispute of a rep about a period (activity_id 0: the whole period);
 * state 0 open, 1 accepted (amount into into_label), 2 rejected. */
typedef struct
{
  gint64 id;
  gint64 rep_id;
  char  *plan;
  char  *label;
  gint64 activity_id;
  char  *reason;
  char  *opened_by;
  gint64 opened_at;
  int    state;
  char  *resolved_by;
  gint64 resolved_at;
  char  *note;
  gint64 amount_minor;
  char   currency[4];
  char  *into_label;
} TandemDisputeRecord;

/* One entry of the audit trail. */
typedef struct
{
  gint64 id;
  gint64 at;
  char  *who;
  char  *verb;
  char  *what;
} TandemAuditRecord;

/* A shadowing half-day: the activity (its rep is the guest), the host and
 * the time spent. */
typedef struct
{
  gint64 activity_id;
  gint64 host_id;
  gint64 minutes;
} TandemShadowingRecord;

/* One area of one version of a tandem's charter. */
typedef struct
{
  gint64 team_id;
  int    version;
  char  *area;
  int    owner;
} TandemCharterAreaRecord;

/* Who confirmed which version of a charter, and when. */
typedef struct
{
  gint64 team_id;
  int    version;
  gint64 rep_id;
  gint64 confirmed_at;
} TandemConfirmationRecord;

/* An account's commissionable revenue in a window, net of reversals. */
typedef struct
{
  gint64 account_id;
  gint64 revenue;
} TandemRevenueRecord;

typedef gboolean (*TandemSettleFunc) (const TandemSettleRecord *record,
                                      gpointer                  user_data,
                                      GError                  **error);

void _tandem_line_record_clear (TandemLineRecord *record);
void _tandem_schedule_record_clear (TandemScheduleRecord *record);
void _tandem_tag_record_clear (TandemTagRecord *record);
void _tandem_support_record_clear (TandemSupportRecord *record);
void _tandem_dispute_record_clear (TandemDisputeRecord *record);
void _tandem_audit_record_clear (TandemAuditRecord *record);
void _tandem_charter_area_record_clear (TandemCharterAreaRecord *record);
void _tandem_rep_record_clear (TandemRepRecord *record);
void _tandem_team_record_clear (TandemTeamRecord *record);
void _tandem_account_record_clear (TandemAccountRecord *record);
void _tandem_activity_record_clear (TandemActivityRecord *record);
void _tandem_activity_scan_init (TandemActivityScan *scan);

/* The membership of @memberships (ordered by valid_from) that an activity
 * at @t is credited to: the one in force at @t, or the first one when @t
 * lies before the tandem was formed (its founding members take what its
 * accounts did before). NULL only without memberships. */
const TandemMembershipRecord *_tandem_membership_record_at (GArray *memberships, gint64 t);

typedef struct _TandemDb TandemDb;

void _tandem_db_free (TandemDb *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemDb, _tandem_db_free)

gboolean _tandem_db_is_read_only (TandemDb *self);
int      _tandem_db_get_schema_version (TandemDb *self);
/* Requests sent to a server and waited for, since the store opened. */
guint64  _tandem_db_get_round_trips (TandemDb *self);
gboolean _tandem_db_check_integrity (TandemDb *self, GError **error);

/* Write transactions nest: only the outermost commits. */
gboolean _tandem_db_begin (TandemDb *self, GError **error);
/* The write transaction of one activity for @account_id at @occurred_at
 * that reverses or pays @activity_id (0: none): on a server, writers for
 * other accounts and orders run beside it, and a close of an earlier
 * period does not stop it (see begin_rows in tandem-sql-driver-private.h);
 * inside a transaction, one more level of it. */
gboolean _tandem_db_begin_rows (TandemDb *self,
                                gint64    account_id,
                                gint64    activity_id,
                                gint64    occurred_at,
                                GError  **error);
/* A close's write transaction: on a server, writers of activities before
 * @end wait for it, those of later ones go ahead (see begin_before);
 * inside a transaction, one more level of it. */
gboolean _tandem_db_begin_before (TandemDb *self, gint64 end, GError **error);
/* An import's write transaction: on a server, other imports, closes and
 * the writers of sales, reversals and payments wait for it, the writers
 * of other activities go ahead (see begin_import); inside a transaction,
 * one more level of it. */
gboolean _tandem_db_begin_import (TandemDb *self, GError **error);
gboolean _tandem_db_commit (TandemDb *self, GError **error);
void     _tandem_db_rollback (TandemDb *self);
/* Many rows are about to be written (TRUE) or were (FALSE); an engine
 * may size its caches for it. */
void _tandem_db_set_bulk (TandemDb *self, gboolean bulk);
/* Inside the write transaction of a bulk load: drop the
 * indexes whose keys come in no order (TRUE), to build them again in
 * one sorted pass (FALSE) before anything reads them. *deferred says
 * whether they were dropped; an engine where dropping an index would
 * lock readers out does nothing. */
gboolean _tandem_db_defer_indexes (TandemDb *self,
                                   gboolean  defer,
                                   gboolean *deferred,
                                   GError  **error);

gboolean _tandem_db_insert_rep (TandemDb *self, TandemRepRecord *record, GError **error);
gboolean _tandem_db_update_rep (TandemDb *self, const TandemRepRecord *record, GError **error);
gboolean _tandem_db_load_rep (TandemDb *self, gint64 id, TandemRepRecord *record, GError **error);
GArray  *_tandem_db_list_reps (TandemDb *self, GError **error);

/* insert_team also opens the first membership, from @since. */
gboolean _tandem_db_insert_team (TandemDb         *self,
                                 TandemTeamRecord *record,
                                 gint64            since,
                                 GError          **error);
gboolean _tandem_db_update_team (TandemDb *self, const TandemTeamRecord *record, GError **error);
gboolean _tandem_db_load_team (TandemDb *self, gint64 id, TandemTeamRecord *record, GError **error);
GArray  *_tandem_db_list_teams (TandemDb *self, GError **error);
gboolean _tandem_db_change_members (TandemDb *self,
                                    gint64    team_id,
                                    gint64    inside_rep_id,
                                    gint64    field_rep_id,
                                    gint64    since,
                                    GError  **error);
/* moves the start of the tandem's first membership */
gboolean _tandem_db_set_team_start (TandemDb *self, gint64 team_id, gint64 since, GError **error);
/* @team_id 0: every tandem's, ordered by tandem first */
GArray *_tandem_db_list_memberships (TandemDb *self, gint64 team_id, GError **error);

gboolean _tandem_db_insert_account (TandemDb            *self,
                                    TandemAccountRecord *record,
                                    gint64               created_at,
                                    GError             **error);
gboolean _tandem_db_update_account (TandemDb                  *self,
                                    const TandemAccountRecord *record,
                                    GError                   **error);
gboolean _tandem_db_load_account (TandemDb            *self,
                                  gint64               id,
                                  TandemAccountRecord *record,
                                  GError             **error);
GArray  *_tandem_db_list_accounts (TandemDb *self, GError **error);
gboolean _tandem_db_add_stage_change (TandemDb                *self,
                                      const TandemStageRecord *record,
                                      GError                 **error);
/* Many at once, on the engine's bulk path. */
gboolean _tandem_db_add_stage_changes (TandemDb                *self,
                                       const TandemStageRecord *records,
                                       guint                    n,
                                       GError                 **error);
/* Sets each record's account to its stage. */
gboolean _tandem_db_set_account_stages (TandemDb                *self,
                                        const TandemStageRecord *records,
                                        guint                    n,
                                        GError                 **error);
/* @account_id 0: every account's, ordered by account, time */
GArray *_tandem_db_list_stage_changes (TandemDb *self, gint64 account_id, GError **error);
/* ordered by time, id; @account_id 0: every account's, ordered by
 * account first */
GArray *_tandem_db_list_orders (TandemDb *self, gint64 account_id, GError **error);
/* the orders and stage changes of the accounts first … last, ordered by
 * account first: many accounts in bounded memory */
GArray *_tandem_db_list_orders_between (TandemDb *self,
                                        gint64    first_account_id,
                                        gint64    last_account_id,
                                        GError  **error);
GArray *_tandem_db_list_stage_changes_between (TandemDb *self,
                                               gint64    first_account_id,
                                               gint64    last_account_id,
                                               GError  **error);
/* the defaults (3 orders in 12 months, lost after 365 days) until saved */
gboolean _tandem_db_load_lifecycle (TandemDb *self, TandemLifecycleRecord *record, GError **error);
gboolean _tandem_db_save_lifecycle (TandemDb                    *self,
                                    const TandemLifecycleRecord *record,
                                    GError                     **error);
GArray  *_tandem_db_list_kpi_rows (TandemDb   *self,
                                   gint64      since,
                                   gint64      until,
                                   const char *currency,
                                   GError    **error);

/* Logs @record and its audit entry ("@what_before<id>@what_after" by
 * @who at @audit_at) in one round trip, outside any transaction, on an
 * engine that can (PostgreSQL's tandem_log_activity). Returns the new id;
 * 0 when the engine cannot, or when the full path must decide (a closed
 * period covers the time, the reference is stored, a limit or a tandem
 * check fails, a stage may change otherwise than from a prospect or a lost
 * account to a customer: see LOG_FUNCTION in tandem-schema.c): nothing was
 * written then; -1 on error. @change is the stage change the function
 * wrote with the activity (a first order, an account won back), or has
 * stage -1. */
gint64 _tandem_db_log_activity (TandemDb                   *self,
                                const TandemActivityRecord *record,
                                gint64                      audit_at,
                                const char                 *who,
                                const char                 *what_before,
                                const char                 *what_after,
                                TandemStageRecord          *change,
                                GError                    **error);

/* A row whose external_ref is already stored is not inserted:
 * *inserted is FALSE and record->id is the stored row's id. */
gboolean _tandem_db_insert_activity (TandemDb             *self,
                                     TandemActivityRecord *record,
                                     gboolean             *inserted,
                                     GError              **error);
/* The same for @n records at once, on the engine's bulk path; rows
 * are written in order and no two share an external_ref. */
gboolean _tandem_db_insert_activities (TandemDb             *self,
                                       TandemActivityRecord *records,
                                       guint                 n,
                                       gboolean             *inserted,
                                       GError              **error);
gboolean _tandem_db_load_activity (TandemDb             *self,
                                   gint64                id,
                                   TandemActivityRecord *record,
                                   GError              **error);
gint64   _tandem_db_find_activity_by_ref (TandemDb *self, const char *external_ref, GError **error);
gint64   _tandem_db_max_activity_id (TandemDb *self, GError **error);
gint64 _tandem_db_count_activities (TandemDb *self, const TandemActivityScan *scan, GError **error);
/* Appends up to @limit records in (occurred_at, id) order: those after
 * @after when it is not NULL, else those from position @offset. */
gboolean _tandem_db_scan_activities (TandemDb                 *self,
                                     const TandemActivityScan *scan,
                                     const TandemScanKey      *after,
                                     gint64                    offset,
                                     guint                     limit,
                                     GArray                   *records,
                                     GError                  **error);

/* Settlement support: the store knows no rules, only facts. */
gboolean _tandem_db_scan_settlement (TandemDb        *self,
                                     gint64           since,
                                     gint64           until,
                                     TandemSettleFunc func,
                                     gpointer         user_data,
                                     GError         **error);
GArray  *_tandem_db_list_referrals (TandemDb *self, GError **error);
/* Plans over time: saves (upserts) one record of @kind, setting *id
 * where the kind has ids; lists every record of @kind (for
 * TANDEM_SCHEDULE_DRAW_LINE, the lines of the two kinds in @line_kinds:
 * the store knows no line kinds). */
gboolean _tandem_db_save_schedule (TandemDb                   *self,
                                   TandemScheduleKind          kind,
                                   const TandemScheduleRecord *record,
                                   gint64                     *id,
                                   GError                    **error);
GArray  *_tandem_db_list_schedule (TandemDb          *self,
                                   TandemScheduleKind kind,
                                   const gint64      *line_kinds,
                                   GError           **error);
/* Freezes [start, end) for @plan and @label with its lines and
 * tandem results (TandemTeamResultRecord), at once. */
gboolean _tandem_db_close_period (TandemDb        *self,
                                  const char      *plan,
                                  const char      *label,
                                  gint64           start,
                                  gint64           end,
                                  gint64           closed_at,
                                  TandemLineSource lines,
                                  gpointer         lines_data,
                                  GArray          *teams,
                                  GError         **error);
/* Returns FALSE with no error when the period is not closed; @teams
 * stays empty for a period frozen before schema 8. */
gboolean _tandem_db_load_closed_period (TandemDb      *self,
                                        const char    *plan,
                                        const char    *label,
                                        TandemLineSink lines,
                                        gpointer       lines_data,
                                        GArray        *teams,
                                        GError       **error);
/* The sum of the amounts of the activities of @kind (reversals or
 * payments) that name @activity_id. */
gboolean _tandem_db_sum_referring (TandemDb *self,
                                   gint64    activity_id,
                                   int       kind,
                                   gint64   *sum,
                                   GError  **error);
/* An order and its payments and reversals dated before @until, oldest
 * first, the order first: TandemFlowRecord. */
GArray *_tandem_db_list_order_flows (TandemDb *self, gint64 order_id, gint64 until, GError **error);
/* The ids of the orders (@mask of kinds) dated before @before that are
 * not paid or reversed in full by @until, ascending: gint64. */
GArray *_tandem_db_list_open_orders (TandemDb *self,
                                     gint64    before,
                                     gint64    until,
                                     gint64    mask,
                                     GError  **error);
GArray *_tandem_db_list_closed_ranges (TandemDb *self, GError **error);
/* Closed lines that came from @activity_id. */
GArray *_tandem_db_list_closed_lines_for_activity (TandemDb *self,
                                                   gint64    activity_id,
                                                   GError  **error);
/* The stored explanations of the lines with ids in [@first, @end):
 * TandemLineRecord with only id and explanation, ascending. */
GArray *_tandem_db_list_line_texts (TandemDb *self, gint64 first, gint64 end, GError **error);

/* Tags of reps: level 0 removes one; rep_id 0 lists every rep's. */
gboolean _tandem_db_set_rep_tag (TandemDb   *self,
                                 gint64      rep_id,
                                 int         kind,
                                 const char *tag,
                                 int         level,
                                 GError    **error);
GArray  *_tandem_db_list_rep_tags (TandemDb *self, gint64 rep_id, GError **error);

/* Revenue per account in [since, until) in @currency, net of reversals;
 * accounts without such activities are left out. */
GArray *_tandem_db_list_account_revenue (TandemDb   *self,
                                         gint64      since,
                                         gint64      until,
                                         const char *currency,
                                         GError    **error);

/* Support requests. list: @queue NULL for every queue; open_only;
 * due_before G_MAXINT64 for any due date; ordered by due date, id. */
gboolean _tandem_db_insert_support (TandemDb                  *self,
                                    const TandemSupportRecord *record,
                                    GError                   **error);
GArray  *_tandem_db_list_support (TandemDb   *self,
                                  const char *queue,
                                  gboolean    open_only,
                                  gint64      due_before,
                                  gint64      activity_id,
                                  GError    **error);
gboolean _tandem_db_insert_shadowing (TandemDb                    *self,
                                      const TandemShadowingRecord *record,
                                      GError                     **error);
/* Every shadowing record, by activity id. */
GArray *_tandem_db_list_shadowing (TandemDb *self, GError **error);
/* Charters: insert_charter stores @areas as version max + 1 and returns
 * it in *version; list_charter_areas and list_confirmations cover every
 * version of the tandem. */
gboolean _tandem_db_insert_charter (TandemDb *self,
                                    gint64    team_id,
                                    GArray   *areas,
                                    int      *version,
                                    GError  **error);
GArray  *_tandem_db_list_charter_areas (TandemDb *self, gint64 team_id, GError **error);
gboolean _tandem_db_confirm_charter (TandemDb *self,
                                     gint64    team_id,
                                     int       version,
                                     gint64    rep_id,
                                     gint64    confirmed_at,
                                     GError  **error);
GArray  *_tandem_db_list_confirmations (TandemDb *self, gint64 team_id, GError **error);
/* FALSE with TANDEM_STORE_ERROR_INVALID when already closed. */
/* Disputes: a new one (its id set), the resolution of an open one
 * (refused with TANDEM_STORE_ERROR_WRONG_STATE when it is not open),
 * every one by id. */
gboolean _tandem_db_insert_dispute (TandemDb *self, TandemDisputeRecord *record, GError **error);
gboolean _tandem_db_resolve_dispute (TandemDb                  *self,
                                     const TandemDisputeRecord *record,
                                     GError                   **error);
GArray  *_tandem_db_list_disputes (TandemDb *self, GError **error);
/* The audit trail: appended, never changed; listed from @since on,
 * oldest first. */
gboolean _tandem_db_append_audit (TandemDb *self, const TandemAuditRecord *record, GError **error);
GArray  *_tandem_db_list_audit (TandemDb *self, gint64 since, GError **error);
gboolean _tandem_db_close_support (TandemDb *self,
                                   gint64    activity_id,
                                   gint64    closed_by,
                                   gint64    closed_at,
                                   GError  **error);

G_END_DECLS
