/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-backend-private.h: the one internal interface between the store
 * and a database engine.
 *
 * Everything above this boundary (TandemStore, the compensation engine, the
 * method) works with the plain records below and never sees SQL. Below it
 * is one implementation, TandemSqlBackend (tandem-sql-backend*.c), whose
 * SQL runs on a TandemSqlDriver per engine (SQLite, PostgreSQL). The
 * conformance suite (tests/test-backend.c) is written against this
 * interface and runs on both engines.
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
 * which _tandem_backend_list_line_texts() reads when they are asked for. */
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

#define TANDEM_TYPE_BACKEND (_tandem_backend_get_type ())
G_DECLARE_INTERFACE (TandemBackend, _tandem_backend, TANDEM, BACKEND, GObject)

struct _TandemBackendInterface
{
  GTypeInterface parent_iface;

  gboolean (*is_read_only) (TandemBackend *self);
  int (*get_schema_version) (TandemBackend *self);
  gboolean (*check_integrity) (TandemBackend *self, GError **error);

  /* Write transactions nest: only the outermost commits. */
  gboolean (*begin) (TandemBackend *self, GError **error);
  gboolean (*commit) (TandemBackend *self, GError **error);
  void (*rollback) (TandemBackend *self);
  /* Optional: many rows are about to be written (TRUE) or were (FALSE);
   * an engine may size its caches for it. */
  void (*set_bulk) (TandemBackend *self, gboolean bulk);
  /* Optional, inside the write transaction of a bulk load: drop the
   * indexes whose keys come in no order (TRUE), to build them again in
   * one sorted pass (FALSE) before anything reads them. *deferred says
   * whether they were dropped; an engine where dropping an index would
   * lock readers out does nothing. */
  gboolean (*defer_indexes) (TandemBackend *self,
                             gboolean       defer,
                             gboolean      *deferred,
                             GError       **error);

  gboolean (*insert_rep) (TandemBackend *self, TandemRepRecord *record, GError **error);
  gboolean (*update_rep) (TandemBackend *self, const TandemRepRecord *record, GError **error);
  gboolean (*load_rep) (TandemBackend *self, gint64 id, TandemRepRecord *record, GError **error);
  GArray *(*list_reps) (TandemBackend *self, GError **error);

  /* insert_team also opens the first membership, from @since. */
  gboolean (*insert_team) (TandemBackend    *self,
                           TandemTeamRecord *record,
                           gint64            since,
                           GError          **error);
  gboolean (*update_team) (TandemBackend *self, const TandemTeamRecord *record, GError **error);
  gboolean (*load_team) (TandemBackend *self, gint64 id, TandemTeamRecord *record, GError **error);
  GArray *(*list_teams) (TandemBackend *self, GError **error);
  gboolean (*change_members) (TandemBackend *self,
                              gint64         team_id,
                              gint64         inside_rep_id,
                              gint64         field_rep_id,
                              gint64         since,
                              GError       **error);
  /* moves the start of the tandem's first membership */
  gboolean (*set_team_start) (TandemBackend *self, gint64 team_id, gint64 since, GError **error);
  /* @team_id 0: every tandem's, ordered by tandem first */
  GArray *(*list_memberships) (TandemBackend *self, gint64 team_id, GError **error);

  gboolean (*insert_account) (TandemBackend       *self,
                              TandemAccountRecord *record,
                              gint64               created_at,
                              GError             **error);
  gboolean (*update_account) (TandemBackend             *self,
                              const TandemAccountRecord *record,
                              GError                   **error);
  gboolean (*load_account) (TandemBackend       *self,
                            gint64               id,
                            TandemAccountRecord *record,
                            GError             **error);
  GArray *(*list_accounts) (TandemBackend *self, GError **error);
  gboolean (*add_stage_change) (TandemBackend           *self,
                                const TandemStageRecord *record,
                                GError                 **error);
  /* Many at once, on the engine's bulk path. */
  gboolean (*add_stage_changes) (TandemBackend           *self,
                                 const TandemStageRecord *records,
                                 guint                    n,
                                 GError                 **error);
  /* Sets each record's account to its stage. */
  gboolean (*set_account_stages) (TandemBackend           *self,
                                  const TandemStageRecord *records,
                                  guint                    n,
                                  GError                 **error);
  /* @account_id 0: every account's, ordered by account, time */
  GArray *(*list_stage_changes) (TandemBackend *self, gint64 account_id, GError **error);
  /* ordered by time, id; @account_id 0: every account's, ordered by
   * account first */
  GArray *(*list_orders) (TandemBackend *self, gint64 account_id, GError **error);
  /* the orders and stage changes of the accounts first … last, ordered by
   * account first: many accounts in bounded memory */
  GArray *(*list_orders_between) (TandemBackend *self,
                                  gint64         first_account_id,
                                  gint64         last_account_id,
                                  GError       **error);
  GArray *(*list_stage_changes_between) (TandemBackend *self,
                                         gint64         first_account_id,
                                         gint64         last_account_id,
                                         GError       **error);
  /* the defaults (3 orders in 12 months, lost after 365 days) until saved */
  gboolean (*load_lifecycle) (TandemBackend *self, TandemLifecycleRecord *record, GError **error);
  gboolean (*save_lifecycle) (TandemBackend               *self,
                              const TandemLifecycleRecord *record,
                              GError                     **error);
  GArray *(*list_kpi_rows) (TandemBackend *self,
                            gint64         since,
                            gint64         until,
                            const char    *currency,
                            GError       **error);

  /* A row whose external_ref is already stored is not inserted:
   * *inserted is FALSE and record->id is the stored row's id. */
  gboolean (*insert_activity) (TandemBackend        *self,
                               TandemActivityRecord *record,
                               gboolean             *inserted,
                               GError              **error);
  /* The same for @n records at once, on the engine's bulk path; rows
   * are written in order and no two share an external_ref. */
  gboolean (*insert_activities) (TandemBackend        *self,
                                 TandemActivityRecord *records,
                                 guint                 n,
                                 gboolean             *inserted,
                                 GError              **error);
  gboolean (*load_activity) (TandemBackend        *self,
                             gint64                id,
                             TandemActivityRecord *record,
                             GError              **error);
  gint64 (*find_activity_by_ref) (TandemBackend *self, const char *external_ref, GError **error);
  gint64 (*max_activity_id) (TandemBackend *self, GError **error);
  gint64 (*count_activities) (TandemBackend *self, const TandemActivityScan *scan, GError **error);
  /* Appends up to @limit records in (occurred_at, id) order: those after
   * @after when it is not NULL, else those from position @offset. */
  gboolean (*scan_activities) (TandemBackend            *self,
                               const TandemActivityScan *scan,
                               const TandemScanKey      *after,
                               gint64                    offset,
                               guint                     limit,
                               GArray                   *records,
                               GError                  **error);

  /* Settlement support: the store knows no rules, only facts. */
  gboolean (*scan_settlement) (TandemBackend   *self,
                               gint64           since,
                               gint64           until,
                               TandemSettleFunc func,
                               gpointer         user_data,
                               GError         **error);
  GArray *(*list_referrals) (TandemBackend *self, GError **error);
  /* Plans over time: saves (upserts) one record of @kind, setting *id
   * where the kind has ids; lists every record of @kind (for
   * TANDEM_SCHEDULE_DRAW_LINE, the lines of the two kinds in @line_kinds:
   * the store knows no line kinds). */
  gboolean (*save_schedule) (TandemBackend              *self,
                             TandemScheduleKind          kind,
                             const TandemScheduleRecord *record,
                             gint64                     *id,
                             GError                    **error);
  GArray *(*list_schedule) (TandemBackend     *self,
                            TandemScheduleKind kind,
                            const gint64      *line_kinds,
                            GError           **error);
  /* Freezes [start, end) for @plan and @label with its lines and
   * tandem results (TandemTeamResultRecord), at once. */
  gboolean (*close_period) (TandemBackend   *self,
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
  gboolean (*load_closed_period) (TandemBackend *self,
                                  const char    *plan,
                                  const char    *label,
                                  TandemLineSink lines,
                                  gpointer       lines_data,
                                  GArray        *teams,
                                  GError       **error);
  /* The sum of the amounts of the activities of @kind (reversals or
   * payments) that name @activity_id. */
  gboolean (*sum_referring) (TandemBackend *self,
                             gint64         activity_id,
                             int            kind,
                             gint64        *sum,
                             GError       **error);
  /* An order and its payments and reversals dated before @until, oldest
   * first, the order first: TandemFlowRecord. */
  GArray *(*list_order_flows) (TandemBackend *self, gint64 order_id, gint64 until, GError **error);
  /* The ids of the orders (@mask of kinds) dated before @before that are
   * not paid or reversed in full by @until, ascending: gint64. */
  GArray *(*list_open_orders) (TandemBackend *self,
                               gint64         before,
                               gint64         until,
                               gint64         mask,
                               GError       **error);
  GArray *(*list_closed_ranges) (TandemBackend *self, GError **error);
  /* Closed lines that came from @activity_id. */
  GArray *(*list_closed_lines_for_activity) (TandemBackend *self,
                                             gint64         activity_id,
                                             GError       **error);
  /* The stored explanations of the lines with ids in [@first, @end):
   * TandemLineRecord with only id and explanation, ascending. */
  GArray *(*list_line_texts) (TandemBackend *self, gint64 first, gint64 end, GError **error);

  /* Tags of reps: level 0 removes one; rep_id 0 lists every rep's. */
  gboolean (*set_rep_tag) (TandemBackend *self,
                           gint64         rep_id,
                           int            kind,
                           const char    *tag,
                           int            level,
                           GError       **error);
  GArray *(*list_rep_tags) (TandemBackend *self, gint64 rep_id, GError **error);

  /* Revenue per account in [since, until) in @currency, net of reversals;
   * accounts without such activities are left out. */
  GArray *(*list_account_revenue) (TandemBackend *self,
                                   gint64         since,
                                   gint64         until,
                                   const char    *currency,
                                   GError       **error);

  /* Support requests. list: @queue NULL for every queue; open_only;
   * due_before G_MAXINT64 for any due date; ordered by due date, id. */
  gboolean (*insert_support) (TandemBackend             *self,
                              const TandemSupportRecord *record,
                              GError                   **error);
  GArray *(*list_support) (TandemBackend *self,
                           const char    *queue,
                           gboolean       open_only,
                           gint64         due_before,
                           gint64         activity_id,
                           GError       **error);
  gboolean (*insert_shadowing) (TandemBackend               *self,
                                const TandemShadowingRecord *record,
                                GError                     **error);
  /* Every shadowing record, by activity id. */
  GArray *(*list_shadowing) (TandemBackend *self, GError **error);
  /* Charters: insert_charter stores @areas as version max + 1 and returns
   * it in *version; list_charter_areas and list_confirmations cover every
   * version of the tandem. */
  gboolean (*insert_charter) (TandemBackend *self,
                              gint64         team_id,
                              GArray        *areas,
                              int           *version,
                              GError       **error);
  GArray *(*list_charter_areas) (TandemBackend *self, gint64 team_id, GError **error);
  gboolean (*confirm_charter) (TandemBackend *self,
                               gint64         team_id,
                               int            version,
                               gint64         rep_id,
                               gint64         confirmed_at,
                               GError       **error);
  GArray *(*list_confirmations) (TandemBackend *self, gint64 team_id, GError **error);
  /* FALSE with TANDEM_STORE_ERROR_INVALID when already closed. */
  /* Disputes: a new one (its id set), the resolution of an open one
   * (refused with TANDEM_STORE_ERROR_WRONG_STATE when it is not open),
   * every one by id. */
  gboolean (*insert_dispute) (TandemBackend *self, TandemDisputeRecord *record, GError **error);
  gboolean (*resolve_dispute) (TandemBackend             *self,
                               const TandemDisputeRecord *record,
                               GError                   **error);
  GArray *(*list_disputes) (TandemBackend *self, GError **error);
  /* The audit trail: appended, never changed; listed from @since on,
   * oldest first. */
  gboolean (*append_audit) (TandemBackend *self, const TandemAuditRecord *record, GError **error);
  GArray *(*list_audit) (TandemBackend *self, gint64 since, GError **error);
  gboolean (*close_support) (TandemBackend *self,
                             gint64         activity_id,
                             gint64         closed_by,
                             gint64         closed_at,
                             GError       **error);
};

/* Wrappers that check the arguments and call the vfuncs. */
gboolean _tandem_backend_is_read_only (TandemBackend *self);
int      _tandem_backend_get_schema_version (TandemBackend *self);
gboolean _tandem_backend_check_integrity (TandemBackend *self, GError **error);
gboolean _tandem_backend_begin (TandemBackend *self, GError **error);
gboolean _tandem_backend_commit (TandemBackend *self, GError **error);
void     _tandem_backend_rollback (TandemBackend *self);
void     _tandem_backend_set_bulk (TandemBackend *self, gboolean bulk);
gboolean _tandem_backend_defer_indexes (TandemBackend *self,
                                        gboolean       defer,
                                        gboolean      *deferred,
                                        GError       **error);
gboolean _tandem_backend_insert_rep (TandemBackend *self, TandemRepRecord *record, GError **error);
gboolean _tandem_backend_update_rep (TandemBackend         *self,
                                     const TandemRepRecord *record,
                                     GError               **error);
gboolean _tandem_backend_load_rep (TandemBackend   *self,
                                   gint64           id,
                                   TandemRepRecord *record,
                                   GError         **error);
GArray  *_tandem_backend_list_reps (TandemBackend *self, GError **error);
gboolean _tandem_backend_insert_team (TandemBackend    *self,
                                      TandemTeamRecord *record,
                                      gint64            since,
                                      GError          **error);
gboolean _tandem_backend_update_team (TandemBackend          *self,
                                      const TandemTeamRecord *record,
                                      GError                **error);
gboolean _tandem_backend_load_team (TandemBackend    *self,
                                    gint64            id,
                                    TandemTeamRecord *record,
                                    GError          **error);
GArray  *_tandem_backend_list_teams (TandemBackend *self, GError **error);
gboolean _tandem_backend_change_members (TandemBackend *self,
                                         gint64         team_id,
                                         gint64         inside_rep_id,
                                         gint64         field_rep_id,
                                         gint64         since,
                                         GError       **error);
gboolean _tandem_backend_set_team_start (TandemBackend *self,
                                         gint64         team_id,
                                         gint64         since,
                                         GError       **error);
GArray  *_tandem_backend_list_memberships (TandemBackend *self, gint64 team_id, GError **error);
gboolean _tandem_backend_insert_account (TandemBackend       *self,
                                         TandemAccountRecord *record,
                                         gint64               created_at,
                                         GError             **error);
gboolean _tandem_backend_update_account (TandemBackend             *self,
                                         const TandemAccountRecord *record,
                                         GError                   **error);
gboolean _tandem_backend_load_account (TandemBackend       *self,
                                       gint64               id,
                                       TandemAccountRecord *record,
                                       GError             **error);
GArray  *_tandem_backend_list_accounts (TandemBackend *self, GError **error);
gboolean _tandem_backend_add_stage_change (TandemBackend           *self,
                                           const TandemStageRecord *record,
                                           GError                 **error);
gboolean _tandem_backend_add_stage_changes (TandemBackend           *self,
                                            const TandemStageRecord *records,
                                            guint                    n,
                                            GError                 **error);
gboolean _tandem_backend_set_account_stages (TandemBackend           *self,
                                             const TandemStageRecord *records,
                                             guint                    n,
                                             GError                 **error);
GArray *_tandem_backend_list_stage_changes (TandemBackend *self, gint64 account_id, GError **error);
GArray *_tandem_backend_list_orders (TandemBackend *self, gint64 account_id, GError **error);
GArray *_tandem_backend_list_orders_between (TandemBackend *self,
                                             gint64         first_account_id,
                                             gint64         last_account_id,
                                             GError       **error);
GArray *_tandem_backend_list_stage_changes_between (TandemBackend *self,
                                                    gint64         first_account_id,
                                                    gint64         last_account_id,
                                                    GError       **error);
gboolean _tandem_backend_load_lifecycle (TandemBackend         *self,
                                         TandemLifecycleRecord *record,
                                         GError               **error);
gboolean _tandem_backend_save_lifecycle (TandemBackend               *self,
                                         const TandemLifecycleRecord *record,
                                         GError                     **error);
GArray  *_tandem_backend_list_kpi_rows (TandemBackend *self,
                                        gint64         since,
                                        gint64         until,
                                        const char    *currency,
                                        GError       **error);
gboolean _tandem_backend_insert_activity (TandemBackend        *self,
                                          TandemActivityRecord *record,
                                          gboolean             *inserted,
                                          GError              **error);
gboolean _tandem_backend_insert_activities (TandemBackend        *self,
                                            TandemActivityRecord *records,
                                            guint                 n,
                                            gboolean             *inserted,
                                            GError              **error);
gboolean _tandem_backend_load_activity (TandemBackend        *self,
                                        gint64                id,
                                        TandemActivityRecord *record,
                                        GError              **error);
gint64   _tandem_backend_find_activity_by_ref (TandemBackend *self,
                                               const char    *external_ref,
                                               GError       **error);
gint64   _tandem_backend_max_activity_id (TandemBackend *self, GError **error);
gint64   _tandem_backend_count_activities (TandemBackend            *self,
                                           const TandemActivityScan *scan,
                                           GError                  **error);
gboolean _tandem_backend_scan_activities (TandemBackend            *self,
                                          const TandemActivityScan *scan,
                                          const TandemScanKey      *after,
                                          gint64                    offset,
                                          guint                     limit,
                                          GArray                   *records,
                                          GError                  **error);

gboolean _tandem_backend_scan_settlement (TandemBackend   *self,
                                          gint64           since,
                                          gint64           until,
                                          TandemSettleFunc func,
                                          gpointer         user_data,
                                          GError         **error);
GArray  *_tandem_backend_list_referrals (TandemBackend *self, GError **error);
gboolean _tandem_backend_save_schedule (TandemBackend              *self,
                                        TandemScheduleKind          kind,
                                        const TandemScheduleRecord *record,
                                        gint64                     *id,
                                        GError                    **error);
GArray  *_tandem_backend_list_schedule (TandemBackend     *self,
                                        TandemScheduleKind kind,
                                        const gint64      *line_kinds,
                                        GError           **error);
gboolean _tandem_backend_close_period (TandemBackend   *self,
                                       const char      *plan,
                                       const char      *label,
                                       gint64           start,
                                       gint64           end,
                                       gint64           closed_at,
                                       TandemLineSource lines,
                                       gpointer         lines_data,
                                       GArray          *teams,
                                       GError         **error);
gboolean _tandem_backend_load_closed_period (TandemBackend *self,
                                             const char    *plan,
                                             const char    *label,
                                             TandemLineSink lines,
                                             gpointer       lines_data,
                                             GArray        *teams,
                                             GError       **error);
gboolean _tandem_backend_sum_referring (TandemBackend *self,
                                        gint64         activity_id,
                                        int            kind,
                                        gint64        *sum,
                                        GError       **error);
GArray  *_tandem_backend_list_order_flows (TandemBackend *self,
                                           gint64         order_id,
                                           gint64         until,
                                           GError       **error);
GArray  *_tandem_backend_list_open_orders (TandemBackend *self,
                                           gint64         before,
                                           gint64         until,
                                           gint64         mask,
                                           GError       **error);
GArray  *_tandem_backend_list_closed_ranges (TandemBackend *self, GError **error);
GArray  *_tandem_backend_list_closed_lines_for_activity (TandemBackend *self,
                                                         gint64         activity_id,
                                                         GError       **error);
GArray  *_tandem_backend_list_line_texts (TandemBackend *self,
                                          gint64         first,
                                          gint64         end,
                                          GError       **error);
gboolean _tandem_backend_set_rep_tag (TandemBackend *self,
                                      gint64         rep_id,
                                      int            kind,
                                      const char    *tag,
                                      int            level,
                                      GError       **error);
GArray  *_tandem_backend_list_rep_tags (TandemBackend *self, gint64 rep_id, GError **error);
gboolean _tandem_backend_insert_support (TandemBackend             *self,
                                         const TandemSupportRecord *record,
                                         GError                   **error);
GArray  *_tandem_backend_list_support (TandemBackend *self,
                                       const char    *queue,
                                       gboolean       open_only,
                                       gint64         due_before,
                                       gint64         activity_id,
                                       GError       **error);
gboolean _tandem_backend_insert_shadowing (TandemBackend               *self,
                                           const TandemShadowingRecord *record,
                                           GError                     **error);
GArray  *_tandem_backend_list_shadowing (TandemBackend *self, GError **error);
gboolean _tandem_backend_insert_charter (TandemBackend *self,
                                         gint64         team_id,
                                         GArray        *areas,
                                         int           *version,
                                         GError       **error);
GArray  *_tandem_backend_list_charter_areas (TandemBackend *self, gint64 team_id, GError **error);
gboolean _tandem_backend_confirm_charter (TandemBackend *self,
                                          gint64         team_id,
                                          int            version,
                                          gint64         rep_id,
                                          gint64         confirmed_at,
                                          GError       **error);
GArray  *_tandem_backend_list_confirmations (TandemBackend *self, gint64 team_id, GError **error);
gboolean _tandem_backend_insert_dispute (TandemBackend       *self,
                                         TandemDisputeRecord *record,
                                         GError             **error);
gboolean _tandem_backend_resolve_dispute (TandemBackend             *self,
                                          const TandemDisputeRecord *record,
                                          GError                   **error);
GArray  *_tandem_backend_list_disputes (TandemBackend *self, GError **error);
gboolean _tandem_backend_append_audit (TandemBackend           *self,
                                       const TandemAuditRecord *record,
                                       GError                 **error);
GArray  *_tandem_backend_list_audit (TandemBackend *self, gint64 since, GError **error);
gboolean _tandem_backend_close_support (TandemBackend *self,
                                        gint64         activity_id,
                                        gint64         closed_by,
                                        gint64         closed_at,
                                        GError       **error);
GArray  *_tandem_backend_list_account_revenue (TandemBackend *self,
                                               gint64         since,
                                               gint64         until,
                                               const char    *currency,
                                               GError       **error);

G_END_DECLS
