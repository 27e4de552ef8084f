/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-settlement.c: the settlement engine and its result */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "tandem-settlement.h"
#include "tandem-settlement-private.h"
#include "tandem-plan-private.h"
#include "tandem-currency-private.h"
#include "tandem-enum-types.h"
#include "tandem-rate-private.h"
#include "tandem-store-private.h"
#include "tandem-util-private.h"

#define USEC_PER_DAY (G_GINT64_CONSTANT (86400) * G_USEC_PER_SEC)

/* Why a line exists: selects its explanation. */
typedef enum
{
  REASON_COMMISSION,
  REASON_ACCELERATOR,
  REASON_BONUS_EQUAL,
  REASON_BONUS_CONTRIBUTION,
  REASON_REFERRAL,
  REASON_CLAWBACK,
  REASON_CLAWBACK_REFERRAL,
  REASON_OUTSIDE_WINDOW,
  REASON_NO_CLAWBACK,
  REASON_CAP,
  REASON_CAP_PART,
  REASON_STORED,
} Reason;

/* One line, compact: the explanation is written only when asked for. */
typedef struct
{
  gint64 rep_id;
  gint64 activity_id;
  gint64 amount;
  gint64 base;       /* the amount the line is computed from */
  gint64 pool;       /* the amount split between the members */
  gint64 rate;       /* the rate applied, fixed point */
  gint64 account_id; /* account of the activity */
  gint64 team_id;    /* tandem the line was earned through, 0 for none */
  gint64 other;      /* order id, referrer id, days, threshold, … */
  gint64 other2;
  char  *text; /* closed lines: the stored explanation */
  guint  seq;
  gint32 share_bp;
  guint8 kind;
  guint8 reason;
  guint8 activity_kind;
} Line;

struct _TandemSettlement
{
  GObject parent_instance;

  TandemStore          *store;
  char                 *plan_name;
  char                  currency[4];
  TandemPeriod         *period;
  TandemSettlementState state;
  GArray               *lines;      /* Line, sorted by rep, then seq */
  GArray               *rep_ids;    /* distinct rep ids, ascending */
  GArray               *rep_first;  /* index of each rep's first line */
  GArray               *rep_totals; /* gint64, the sum of each rep's lines */
  GListStore           *teams;      /* TandemTeamResult */
  gint64                total;
};

G_DEFINE_FINAL_TYPE (TandemSettlement, tandem_settlement, G_TYPE_OBJECT)

static void
line_clear (Line *line)
{
  g_clear_pointer (&line->text, g_free);
}

/* ------------------------------------------------------------------ */
/* The engine                                                          */

typedef struct
{
  gint64      team_id;
  TandemTeam *team;
  GArray     *members;  /* TandemMembershipRecord */
  int         share_bp; /* the tandem's own, or -1 */
  gboolean    has_target;
  gint64      target;
  gint64      revenue;      /* net of reversals */
  GHashTable *contribution; /* rep id → gint64* revenue logged */
  gint64      payout;
} TeamState;

typedef struct
{
  gint64 inside;
  gint64 field;
  gint64 inside_part;
  gint64 field_part;
} Accelerated;

typedef struct _Engine Engine;

struct _Engine
{
  TandemStore           *store;
  TandemBackend         *backend;
  TandemPlan            *plan;
  const TandemPlanRules *rules;
  const char            *currency;
  TandemPeriod          *period;
  gint64                 start;
  gint64                 end;
  GHashTable            *teams;        /* team id → TeamState */
  GHashTable            *accelerated;  /* activity id → Accelerated */
  GHashTable            *first_orders; /* order id → TandemReferralRecord */
  GHashTable            *earlier;      /* period label → GArray of Line */
  GArray                *lines;
  GMainContext          *progress_context;
  GCancellable          *cancellable;
  guint64                processed;
  guint                  depth;
};

static void
team_state_free (TeamState *state)
{
  g_clear_pointer (&state->members, g_array_unref);
  g_clear_pointer (&state->contribution, g_hash_table_unref);
  g_free (state);
}

static void
engine_clear (Engine *engine)
{
  g_clear_pointer (&engine->teams, g_hash_table_unref);
  g_clear_pointer (&engine->accelerated, g_hash_table_unref);
  g_clear_pointer (&engine->first_orders, g_hash_table_unref);
  g_clear_pointer (&engine->earlier, g_hash_table_unref);
  g_clear_pointer (&engine->lines, g_array_unref);
}

static gint64 *
int64_key (gint64 value)
{
  gint64 *key = g_new (gint64, 1);

  *key = value;
  return key;
}

/* amount × rate, rounded once half away from zero */
static gboolean
round_rate (gint64      amount,
            gint64      rate,
            gint64     *out,
            const char *what,
            gint64      activity_id,
            GError    **error)
{
  if (_tandem_rate_apply (amount, rate, out))
    return TRUE;
  return activity_id > 0 ? _tandem_overflow_error (error, _ ("%s of activity #%" PRId64), what, activity_id)
                         : _tandem_overflow_error (error, "%s", what);
}

static gboolean
load_teams (Engine  *engine,
            GError **error)
{
  g_autoptr (GArray) records = tandem_backend_list_teams (engine->backend, error);
  g_autoptr (GArray) members = NULL;
  guint m = 0;

  /* three queries for every tandem, its reps and its members */
  if (records == NULL || !_tandem_store_preload_reps (engine->store, error)
      || (members = tandem_backend_list_memberships (engine->backend, 0, error)) == NULL)
    return FALSE;

  for (guint i = 0; i < records->len; i++)
    {
      const TandemTeamRecord *r = &g_array_index (records, TandemTeamRecord, i);
      TeamState              *state = g_new0 (TeamState, 1);

      state->team_id = r->id;
      state->team = _tandem_store_team_from_record (engine->store, r, error);
      g_hash_table_insert (engine->teams, int64_key (r->id), state);
      if (state->team == NULL)
        return FALSE;

      /* both lists are ordered by tandem */
      state->members = g_array_new (FALSE, TRUE, sizeof (TandemMembershipRecord));
      while (m < members->len && g_array_index (members, TandemMembershipRecord, m).team_id < r->id)
        m++;
      for (; m < members->len && g_array_index (members, TandemMembershipRecord, m).team_id == r->id; m++)
        g_array_append_val (state->members, g_array_index (members, TandemMembershipRecord, m));
      state->share_bp = r->inside_share;
      state->contribution = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

      if (r->has_target && r->target_minor > 0)
        {
          if (strcmp (r->target_currency, engine->currency) != 0)
            {
              g_set_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_CURRENCY_MISMATCH,
                           _ ("Tandem “%s” has its target in %s; plan “%s” pays in %s"),
                           r->name, r->target_currency, tandem_plan_get_name (engine->plan), engine->currency);
              return FALSE;
            }
          state->has_target = TRUE;
          state->target = r->target_minor;
        }
    }

  return TRUE;
}

static const TandemMembershipRecord *
members_at (TeamState *team,
            gint64     t)
{
  return tandem_membership_record_at (team->members, t);
}

static TeamState *
team_for (Engine                        *engine,
          gint64                         team_id,
          gint64                         account_id,
          gint64                         activity_id,
          gint64                         t,
          const TandemMembershipRecord **members,
          GError                       **error)
{
  TeamState *team = team_id > 0 ? g_hash_table_lookup (engine->teams, &team_id) : NULL;

  if (team == NULL)
    {
      g_set_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_UNASSIGNED,
                   _ ("Activity #%" PRId64 ": account %" PRId64 " has no tandem; assign one before settling"),
                   activity_id, account_id);
      return NULL;
    }

  *members = members_at (team, t);
  if (*members == NULL)
    {
      g_autofree char *when = _tandem_time_format (t);

      g_set_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_UNASSIGNED,
                   _ ("Activity #%" PRId64 ": tandem “%s” had no members at %s"),
                   activity_id, tandem_team_get_name (team->team), when);
      return NULL;
    }

  return team;
}

static int
share_for (Engine    *engine,
           TeamState *team,
           int        kind)
{
  const TandemKindRule *rule = &engine->rules->kinds[kind];

  if (rule->has_share)
    return rule->share_bp;
  if (team != NULL && team->share_bp >= 0)
    return team->share_bp;
  return engine->rules->inside_share_bp;
}

static gint64
rate_for (Engine *engine,
          int     kind)
{
  const TandemKindRule *rule = &engine->rules->kinds[kind];

  return rule->has_rate ? rule->rate : engine->rules->commission_rate;
}

static void
add_line (Engine     *engine,
          const Line *line)
{
  Line copy = *line;

  copy.seq = engine->lines->len;
  g_array_append_val (engine->lines, copy);
}

/* Splits @pool between the two members by @share_bp, inside first, and
 * adds a line for each, copied from @proto. */
static void
add_split (Engine                       *engine,
           const TandemMembershipRecord *members,
           gint64                        pool,
           int                           share_bp,
           const Line                   *proto,
           gint64                       *inside_part,
           gint64                       *field_part)
{
  const guint64 weights[2] = { (guint64)share_bp, (guint64)(10000 - share_bp) };
  gint64        parts[2] = { 0, 0 };
  Line          line = *proto;

  if (share_bp == 0 || share_bp == 10000)
    {
      parts[0] = share_bp == 10000 ? pool : 0;
      parts[1] = pool - parts[0];
    }
  else
    _tandem_allocate_minor (pool, weights, 2, parts);

  line.pool = pool;
  line.rep_id = members->inside_rep_id;
  line.amount = parts[0];
  line.share_bp = share_bp;
  add_line (engine, &line);

  line.rep_id = members->field_rep_id;
  line.amount = parts[1];
  line.share_bp = 10000 - share_bp;
  add_line (engine, &line);

  if (inside_part != NULL)
    *inside_part = parts[0];
  if (field_part != NULL)
    *field_part = parts[1];
}

/* Adds @amount to the gint64 under @key in @table; FALSE on overflow. */
static gboolean
add_contribution (GHashTable *table,
                  gint64      key,
                  gint64      amount)
{
  gint64 *value = g_hash_table_lookup (table, &key);

  if (value == NULL)
    {
      value = g_new0 (gint64, 1);
      g_hash_table_insert (table, int64_key (key), value);
    }
  return _tandem_add_checked (value, amount);
}

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *)a;
  gint64 y = *(const gint64 *)b;

  return (x > y) - (x < y);
}

static gboolean run_engine (Engine *engine, GError **error);

/* What an order earned per rep (commission and accelerator), as found in
 * the settlement of its own period. */
static gboolean
earned_by_order (Engine                   *engine,
                 const TandemSettleRecord *r,
                 GHashTable               *earned,
                 GError                  **error)
{
  g_autoptr (GArray) closed = NULL;
  g_autoptr (GTimeZone) zone = g_time_zone_ref (tandem_plan_get_time_zone (engine->plan));
  GArray *lines;

  closed = tandem_backend_list_closed_lines_for_activity (engine->backend, r->reverses_id, error);
  if (closed == NULL)
    return FALSE;

  if (closed->len > 0)
    {
      for (guint i = 0; i < closed->len; i++)
        {
          const TandemLineRecord *l = &g_array_index (closed, TandemLineRecord, i);

          if ((l->kind == TANDEM_LINE_KIND_COMMISSION || l->kind == TANDEM_LINE_KIND_ACCELERATOR)
              && !add_contribution (earned, l->rep_id, l->amount_minor))
            return _tandem_overflow_error (error, _ ("What order #%" PRId64 " earned"), r->reverses_id);
        }
      return TRUE;
    }

  if (r->reversed_at >= engine->start)
    lines = engine->lines; /* the order is in this period */
  else
    {
      /* an earlier period that is not closed: settle it to see */
      g_autoptr (TandemPeriod) period = tandem_period_copy (engine->period);
      g_autofree char *label = NULL;

      for (;;)
        {
          g_autoptr (GDateTime) start = tandem_period_get_start (period, zone);

          if (_tandem_time_to_usec (start) <= r->reversed_at)
            break;
          {
            TandemPeriod *prev = tandem_period_get_previous (period);

            tandem_period_free (period);
            period = prev;
          }
        }
      label = tandem_period_to_string (period);
      lines = g_hash_table_lookup (engine->earlier, label);
      if (lines == NULL)
        {
          Engine nested = { 0 };

          if (engine->depth > 24)
            {
              g_set_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_INVALID_PERIOD,
                           _ ("Reversal #%" PRId64 " reaches back more than 24 periods"), r->id);
              return FALSE;
            }
          nested.store = engine->store;
          nested.backend = engine->backend;
          nested.plan = engine->plan;
          nested.period = period;
          nested.depth = engine->depth + 1;
          nested.cancellable = engine->cancellable;
          if (!run_engine (&nested, error))
            {
              engine_clear (&nested);
              return FALSE;
            }
          lines = g_steal_pointer (&nested.lines);
          engine_clear (&nested);
          g_hash_table_insert (engine->earlier, g_strdup (label), lines);
        }
    }

  for (guint i = 0; i < lines->len; i++)
    {
      const Line *l = &g_array_index (lines, Line, i);

      if (l->activity_id == r->reverses_id
          && (l->kind == TANDEM_LINE_KIND_COMMISSION || l->kind == TANDEM_LINE_KIND_ACCELERATOR)
          && !add_contribution (earned, l->rep_id, l->amount))
        return _tandem_overflow_error (error, _ ("What order #%" PRId64 " earned"), r->reverses_id);
    }
  return TRUE;
}

static gboolean
process_commissionable (Engine                   *engine,
                        const TandemSettleRecord *r,
                        GError                  **error)
{
  const TandemMembershipRecord *members;
  TeamState                    *team;
  gint64                        rate = rate_for (engine, r->kind);
  int                           share = 0;
  gint64                        before, after, pool;
  Line                          line = { 0 };
  TandemReferralRecord         *referral;

  team = team_for (engine, r->team_id, r->account_id, r->id, r->occurred_at, &members, error);
  if (team == NULL)
    return FALSE;
  share = share_for (engine, team, r->kind);
  if (!round_rate (r->amount_minor, rate, &pool, _ ("The commission"), r->id, error))
    return FALSE;

  line.kind = TANDEM_LINE_KIND_COMMISSION;
  line.reason = REASON_COMMISSION;
  line.activity_id = r->id;
  line.activity_kind = r->kind;
  line.account_id = r->account_id;
  line.team_id = team->team_id;
  line.base = r->amount_minor;
  line.rate = rate;
  add_split (engine, members, pool, share, &line, NULL, NULL);

  before = team->revenue;
  after = before;
  if (!_tandem_add_checked (&after, r->amount_minor))
    return _tandem_overflow_error (error, _ ("The revenue of tandem “%s” up to activity #%" PRId64),
                                   tandem_team_get_name (team->team), r->id);
  team->revenue = after;
  if (!add_contribution (team->contribution, r->rep_id, r->amount_minor))
    return _tandem_overflow_error (error, _ ("The revenue rep %" PRId64 " logged up to activity #%" PRId64),
                                   r->rep_id, r->id);

  /* Accelerator: marginal, on the part of this activity above the
   * threshold, at rate × (multiplier − 1). */
  if (engine->rules->has_accelerator && team->has_target)
    {
      gint64 threshold, above;

      if (!round_rate (team->target, engine->rules->accelerator_above, &threshold,
                       _ ("The accelerator threshold"), 0, error))
        return FALSE;
      /* before >= threshold or the difference is at most this amount */
      above = before >= threshold ? r->amount_minor : (after > threshold ? after - threshold : 0);

      if (above > 0)
        {
          gboolean     overflow;
          gint64       extra_rate = _tandem_mul_div_round (rate, engine->rules->accelerator_multiplier - TANDEM_RATE_ONE,
                                                           TANDEM_RATE_ONE, &overflow);
          Accelerated *acc;

          if (overflow || !round_rate (MIN (above, r->amount_minor), extra_rate, &pool, _ ("The accelerator"), r->id, error))
            return overflow ? _tandem_overflow_error (error, _ ("The accelerator rate")) : FALSE;
          acc = g_new0 (Accelerated, 1);

          line.kind = TANDEM_LINE_KIND_ACCELERATOR;
          line.reason = REASON_ACCELERATOR;
          line.base = MIN (above, r->amount_minor);
          line.rate = extra_rate;
          line.other = threshold;
          line.other2 = r->amount_minor;
          add_split (engine, members, pool, share, &line, &acc->inside_part, &acc->field_part);
          acc->inside = members->inside_rep_id;
          acc->field = members->field_rep_id;
          g_hash_table_insert (engine->accelerated, int64_key (r->id), acc);
        }
    }

  /* Referral bonus: in the period of the referred account's first order,
   * to the tandem that owns the referring account. */
  referral = engine->rules->has_referral && r->kind == TANDEM_ACTIVITY_KIND_ORDER
                 ? g_hash_table_lookup (engine->first_orders, &r->id)
                 : NULL;
  if (referral != NULL)
    {
      TandemAccount                *referrer = _tandem_store_load_account (engine->store, referral->referrer_id, error);
      TandemTeam                   *owner;
      TeamState                    *owner_state;
      const TandemMembershipRecord *owner_members;

      if (referrer == NULL)
        return FALSE;
      owner = tandem_account_get_team (referrer);
      if (owner != NULL)
        {
          owner_state = team_for (engine, tandem_team_get_id (owner), referral->referrer_id, r->id,
                                  r->occurred_at, &owner_members, error);
          if (owner_state == NULL)
            return FALSE;

          memset (&line, 0, sizeof line);
          line.kind = TANDEM_LINE_KIND_REFERRAL_BONUS;
          line.reason = REASON_REFERRAL;
          line.activity_id = r->id;
          line.activity_kind = r->kind;
          line.account_id = r->account_id;
          line.team_id = owner_state->team_id;
          line.other = referral->referrer_id;
          line.base = engine->rules->referral_amount;
          add_split (engine, owner_members, engine->rules->referral_amount,
                     share_for (engine, owner_state, TANDEM_ACTIVITY_KIND_REFERRAL), &line, NULL, NULL);
        }
    }

  return TRUE;
}

static gboolean
process_reversal (Engine                   *engine,
                  const TandemSettleRecord *r,
                  GError                  **error)
{
  const TandemMembershipRecord *members;
  g_autoptr (GHashTable) earned = NULL;
  TeamState            *team;
  gint64                days = (r->occurred_at - r->reversed_at) / USEC_PER_DAY;
  gint64                original = r->reversed_amount;
  Line                  line = { 0 };
  TandemReferralRecord *referral;

  team = team_for (engine, r->team_id, r->account_id, r->id, r->occurred_at, &members, error);
  if (team == NULL)
    return FALSE;

  /* revenue is net of reversals, whenever the order was */
  if (!_tandem_add_checked (&team->revenue, -r->amount_minor)
      || !add_contribution (team->contribution, r->reversed_rep_id, -r->amount_minor))
    return _tandem_overflow_error (error, _ ("The revenue of tandem “%s” up to activity #%" PRId64),
                                   tandem_team_get_name (team->team), r->id);

  line.activity_id = r->id;
  line.activity_kind = r->kind;
  line.account_id = r->account_id;
  line.team_id = team->team_id;
  line.other = r->reverses_id;
  line.other2 = days;
  line.base = r->amount_minor;

  if (!engine->rules->has_clawback || days > engine->rules->clawback_days)
    {
      line.kind = TANDEM_LINE_KIND_ADJUSTMENT;
      line.reason = engine->rules->has_clawback ? REASON_OUTSIDE_WINDOW : REASON_NO_CLAWBACK;
      add_split (engine, members, 0, 5000, &line, NULL, NULL);
      return TRUE;
    }

  earned = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  if (!earned_by_order (engine, r, earned, error))
    return FALSE;

  if (g_hash_table_size (earned) > 0 && original > 0)
    {
      g_autoptr (GArray) reps = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autofree guint64 *weights = NULL;
      g_autofree gint64  *parts = NULL;
      GHashTableIter      iter;
      gpointer            key, value;
      gint64              total = 0;
      gint64              taken;
      gboolean            overflow;

      g_hash_table_iter_init (&iter, earned);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          g_array_append_val (reps, *(gint64 *)key);
          if (!_tandem_add_checked (&total, *(gint64 *)value))
            return _tandem_overflow_error (error, _ ("What order #%" PRId64 " earned"), r->reverses_id);
        }
      g_array_sort (reps, compare_int64);

      /* a partial reversal takes back the same share of what was earned */
      taken = _tandem_mul_div_round (total, r->amount_minor, original, &overflow);
      if (overflow)
        return _tandem_overflow_error (error, _ ("The clawback of reversal #%" PRId64), r->id);
      weights = g_new (guint64, reps->len);
      parts = g_new (gint64, reps->len);
      for (guint i = 0; i < reps->len; i++)
        {
          gint64 e = *(gint64 *)g_hash_table_lookup (earned, &g_array_index (reps, gint64, i));

          weights[i] = e > 0 ? (guint64)e : 0;
        }
      if (!_tandem_allocate_minor (taken, weights, reps->len, parts))
        memset (parts, 0, sizeof (gint64) * reps->len);

      line.kind = TANDEM_LINE_KIND_CLAWBACK;
      line.reason = REASON_CLAWBACK;
      line.pool = -taken;
      line.other2 = days;
      for (guint i = 0; i < reps->len; i++)
        {
          line.rep_id = g_array_index (reps, gint64, i);
          line.amount = -parts[i];
          add_line (engine, &line);
        }
    }

  /* the referral bonus of a first order that is taken back whole */
  referral = engine->rules->has_referral && r->amount_minor == original
                 ? g_hash_table_lookup (engine->first_orders, &r->reverses_id)
                 : NULL;
  if (referral != NULL)
    {
      TandemAccount                *referrer = _tandem_store_load_account (engine->store, referral->referrer_id, error);
      TandemTeam                   *owner = referrer ? tandem_account_get_team (referrer) : NULL;
      const TandemMembershipRecord *owner_members;
      TeamState                    *owner_state;

      if (referrer == NULL)
        return FALSE;
      if (owner != NULL)
        {
          owner_state = team_for (engine, tandem_team_get_id (owner), referral->referrer_id, r->reverses_id,
                                  referral->order_at, &owner_members, error);
          if (owner_state == NULL)
            return FALSE;
          line.kind = TANDEM_LINE_KIND_CLAWBACK;
          line.reason = REASON_CLAWBACK_REFERRAL;
          line.team_id = owner_state->team_id;
          line.base = engine->rules->referral_amount;
          add_split (engine, owner_members, -engine->rules->referral_amount,
                     share_for (engine, owner_state, TANDEM_ACTIVITY_KIND_REFERRAL), &line, NULL, NULL);
        }
    }

  return TRUE;
}

static gboolean
process_record (const TandemSettleRecord *r,
                gpointer                  user_data,
                GError                  **error)
{
  Engine *engine = user_data;

  if (strcmp (r->currency, engine->currency) != 0)
    {
      g_set_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_CURRENCY_MISMATCH,
                   _ ("Activity #%" PRId64 " is in %s; plan “%s” pays in %s (no conversion is made)"),
                   r->id, r->currency, tandem_plan_get_name (engine->plan), engine->currency);
      return FALSE;
    }

  if (++engine->processed % 16384 == 0)
    {
      if (g_cancellable_set_error_if_cancelled (engine->cancellable, error))
        return FALSE;
      if (engine->depth == 0)
        _tandem_store_report_progress (engine->store, engine->progress_context, "settle", engine->processed, 0);
    }

  if (r->kind == TANDEM_ACTIVITY_KIND_REVERSAL)
    return process_reversal (engine, r, error);
  return process_commissionable (engine, r, error);
}

static gboolean
add_team_bonuses (Engine  *engine,
                  GError **error)
{
  g_autoptr (GList) ids = g_hash_table_get_keys (engine->teams);

  if (!engine->rules->has_bonus)
    return TRUE;

  ids = g_list_sort (ids, compare_int64);
  for (GList *l = ids; l != NULL; l = l->next)
    {
      TeamState                    *team = g_hash_table_lookup (engine->teams, l->data);
      const TandemMembershipRecord *members;
      gint64                        needed;
      Line                          line = { 0 };

      if (!team->has_target || tandem_team_get_archived (team->team))
        continue;
      if (!round_rate (team->target, engine->rules->bonus_attainment, &needed, _ ("The team bonus threshold"), 0,
                       error))
        return FALSE;
      if (team->revenue < needed)
        continue;
      members = members_at (team, engine->end - 1);
      if (members == NULL)
        continue;

      line.kind = TANDEM_LINE_KIND_TEAM_BONUS;
      line.team_id = team->team_id;
      line.base = team->revenue;
      line.other = needed;
      line.other2 = team->target;

      if (engine->rules->bonus_split == TANDEM_SPLIT_METHOD_CONTRIBUTION)
        {
          gint64 *in = g_hash_table_lookup (team->contribution, &members->inside_rep_id);
          gint64 *out = g_hash_table_lookup (team->contribution, &members->field_rep_id);
          guint64 weights[2] = { in && *in > 0 ? (guint64)*in : 0, out && *out > 0 ? (guint64)*out : 0 };
          gint64  parts[2];

          if (weights[0] + weights[1] > 0)
            {
              _tandem_allocate_minor (engine->rules->bonus_amount, weights, 2, parts);
              line.reason = REASON_BONUS_CONTRIBUTION;
              line.pool = engine->rules->bonus_amount;
              line.rep_id = members->inside_rep_id;
              line.amount = parts[0];
              line.rate = (gint64)weights[0];
              line.account_id = (gint64)(weights[0] + weights[1]);
              add_line (engine, &line);
              line.rep_id = members->field_rep_id;
              line.amount = parts[1];
              line.rate = (gint64)weights[1];
              add_line (engine, &line);
              continue;
            }
        }

      line.reason = REASON_BONUS_EQUAL;
      add_split (engine, members, engine->rules->bonus_amount, 5000, &line, NULL, NULL);
    }
  return TRUE;
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  const Line *la = a;
  const Line *lb = b;

  if (la->rep_id != lb->rep_id)
    return la->rep_id < lb->rep_id ? -1 : 1;
  return (la->seq > lb->seq) - (la->seq < lb->seq);
}

/* Cuts @rep_id's lines [first, first + n), which add up to @total above
 * the cap. The cut is charged to the tandems the rep earned through, in
 * proportion to what each brought (largest remainder), one `cap` line per
 * tandem, so that a tandem's payout is always the sum of its lines. */
static gboolean
add_cap (Engine  *engine,
         guint    first,
         guint    n,
         gint64   total,
         GError **error)
{
  g_autoptr (GArray) teams = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) earned = g_array_new (FALSE, TRUE, sizeof (gint64));
  g_autofree guint64 *weights = NULL;
  g_autofree gint64  *parts = NULL;
  gint64              cut = engine->rules->cap_per_rep - total;
  gint64              rep_id = g_array_index (engine->lines, Line, first).rep_id;

  for (guint i = first; i < first + n; i++)
    {
      const Line *l = &g_array_index (engine->lines, Line, i);
      guint       t;

      for (t = 0; t < teams->len && g_array_index (teams, gint64, t) != l->team_id; t++)
        ;
      if (t == teams->len)
        {
          gint64 zero = 0;

          g_array_append_val (teams, l->team_id);
          g_array_append_val (earned, zero);
        }
      if (!_tandem_add_checked (&g_array_index (earned, gint64, t), l->amount))
        return _tandem_overflow_error (error, _ ("The total of rep %" PRId64), rep_id);
    }

  weights = g_new0 (guint64, teams->len);
  parts = g_new0 (gint64, teams->len);
  for (guint t = 0; t < teams->len; t++)
    weights[t] = MAX (g_array_index (earned, gint64, t), 0);
  if (!_tandem_allocate_minor (cut, weights, teams->len, parts))
    {
      /* nothing positive to charge it to: the first tandem carries it */
      memset (parts, 0, sizeof (gint64) * teams->len);
      parts[0] = cut;
    }

  for (guint t = 0; t < teams->len; t++)
    {
      Line cap = { 0 };

      if (parts[t] == 0)
        continue;
      cap.kind = TANDEM_LINE_KIND_CAP;
      cap.reason = teams->len > 1 ? REASON_CAP_PART : REASON_CAP;
      cap.rep_id = rep_id;
      cap.team_id = g_array_index (teams, gint64, t);
      cap.base = total;
      cap.other = engine->rules->cap_per_rep;
      cap.pool = cut;
      cap.amount = parts[t];
      add_line (engine, &cap);
    }
  return TRUE;
}

/* Caps come last, after everything else a rep earned. */
static gboolean
add_caps (Engine  *engine,
          GError **error)
{
  gint64 total = 0;
  guint  n = engine->lines->len;
  guint  first = 0;

  if (!engine->rules->has_cap || n == 0)
    return TRUE;

  g_array_sort (engine->lines, compare_lines);
  for (guint i = 0; i < n; i++)
    {
      const Line *l = &g_array_index (engine->lines, Line, i);

      if (!_tandem_add_checked (&total, l->amount))
        return _tandem_overflow_error (error, _ ("The total of rep %" PRId64), l->rep_id);
      if (i + 1 == n || g_array_index (engine->lines, Line, i + 1).rep_id != l->rep_id)
        {
          if (total > engine->rules->cap_per_rep && !add_cap (engine, first, i + 1 - first, total, error))
            return FALSE;
          total = 0;
          first = i + 1;
        }
    }
  return TRUE;
}

static gboolean
run_engine (Engine  *engine,
            GError **error)
{
  g_autoptr (GDateTime) start = NULL;
  g_autoptr (GDateTime) end = NULL;
  g_autoptr (GArray) referrals = NULL;

  engine->rules = _tandem_plan_get_rules (engine->plan);
  engine->currency = tandem_plan_get_currency (engine->plan);
  start = tandem_period_get_start (engine->period, tandem_plan_get_time_zone (engine->plan));
  end = tandem_period_get_end (engine->period, tandem_plan_get_time_zone (engine->plan));
  engine->start = _tandem_time_to_usec (start);
  engine->end = _tandem_time_to_usec (end);

  engine->teams = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify)team_state_free);
  engine->accelerated = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  engine->first_orders = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, NULL);
  engine->earlier = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_array_unref);
  engine->lines = g_array_sized_new (FALSE, TRUE, sizeof (Line), 1024);
  g_array_set_clear_func (engine->lines, (GDestroyNotify)line_clear);

  if (!load_teams (engine, error))
    return FALSE;

  referrals = tandem_backend_list_referrals (engine->backend, error);
  if (referrals == NULL)
    return FALSE;
  for (guint i = 0; i < referrals->len; i++)
    {
      TandemReferralRecord *r = &g_array_index (referrals, TandemReferralRecord, i);

      g_hash_table_insert (engine->first_orders, &r->order_id, r);
    }

  if (!tandem_backend_scan_settlement (engine->backend, engine->start, engine->end, process_record, engine, error))
    return FALSE;

  /* the hash points into referrals, which goes away now */
  g_hash_table_remove_all (engine->first_orders);

  if (!add_team_bonuses (engine, error) || !add_caps (engine, error))
    return FALSE;
  g_array_sort (engine->lines, compare_lines);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Explanations                                                        */

static char *
share_text (int bp)
{
  return bp % 100 == 0 ? g_strdup_printf ("%d%%", bp / 100) : g_strdup_printf ("%d.%02d%%", bp / 100, bp % 100);
}

static char *
explain (TandemSettlement *self,
         const Line       *l)
{
  const char      *cur = self->currency;
  g_autofree char *amount = _tandem_money_format_display (l->amount, cur);
  g_autofree char *base = _tandem_money_format_display (l->base, cur);
  g_autofree char *pool = _tandem_money_format_display (l->pool, cur);
  g_autofree char *share = share_text (l->share_bp);
  g_autofree char *rate = _tandem_rate_to_percent_string (l->rate);
  const char      *kind = l->activity_kind <= TANDEM_ACTIVITY_KIND_REVERSAL ? tandem_activity_kind_to_nick (l->activity_kind) : "";
  TandemAccount   *account = l->account_id > 0 ? _tandem_store_load_account (self->store, l->account_id, NULL) : NULL;
  const char      *account_name = account ? tandem_account_get_name (account) : "?";
  TandemTeam      *team = l->team_id > 0 ? _tandem_store_load_team (self->store, l->team_id, NULL) : NULL;
  const char      *team_name = team ? tandem_team_get_name (team) : "?";

  switch ((Reason)l->reason)
    {
    case REASON_COMMISSION:
      return g_strdup_printf (_ ("%s of %s %s #%" PRId64 " for %s = %s; your share %s = %s"),
                              rate, base, kind, l->activity_id, account_name, pool, share, amount);

    case REASON_ACCELERATOR:
      {
        g_autofree char *threshold = _tandem_money_format_display (l->other, cur);

        return g_strdup_printf (_ ("Accelerator: %s of %s #%" PRId64 " for %s lies above the threshold of %s; "
                                   "extra %s of it = %s; your share %s = %s"),
                                base, kind, l->activity_id, account_name, threshold, rate, pool, share, amount);
      }

    case REASON_BONUS_EQUAL:
      {
        g_autofree char *needed = _tandem_money_format_display (l->other, cur);

        return g_strdup_printf (_ ("Team bonus: tandem %s earned %s, reaching the %s needed; "
                                   "the %s bonus split equally = %s"),
                                team_name, base, needed, pool, amount);
      }

    case REASON_BONUS_CONTRIBUTION:
      {
        g_autofree char *needed = _tandem_money_format_display (l->other, cur);
        g_autofree char *mine = _tandem_money_format_display (l->rate, cur);
        g_autofree char *all = _tandem_money_format_display (l->account_id, cur);

        return g_strdup_printf (_ ("Team bonus: tandem %s earned %s, reaching the %s needed; "
                                   "split by contribution, you logged %s of %s = %s of the %s bonus"),
                                team_name, base, needed, mine, all, amount, pool);
      }

    case REASON_REFERRAL:
      {
        TandemAccount *referrer = _tandem_store_load_account (self->store, l->other, NULL);

        return g_strdup_printf (_ ("Referral bonus: %s, referred by %s, placed its first order #%" PRId64
                                   "; %s for tandem %s; your share %s = %s"),
                                account_name, referrer ? tandem_account_get_name (referrer) : "?",
                                l->activity_id, pool, team_name, share, amount);
      }

    case REASON_CLAWBACK:
      return g_strdup_printf (_ ("Clawback: reversal #%" PRId64 " of %s takes back order #%" PRId64
                                 " for %s after %" PRId64 " days, within the clawback window; "
                                 "%s taken back in all, your part %s"),
                              l->activity_id, base, l->other, account_name, l->other2, pool, amount);

    case REASON_CLAWBACK_REFERRAL:
      return g_strdup_printf (_ ("Clawback: the first order #%" PRId64 " of %s was reversed by #%" PRId64
                                 ", so its %s referral bonus is taken back; your share %s = %s"),
                              l->other, account_name, l->activity_id, base, share, amount);

    case REASON_OUTSIDE_WINDOW:
      return g_strdup_printf (_ ("Reversal #%" PRId64 " of order #%" PRId64 " for %s (%s) came %" PRId64 " days after the order, outside the clawback window: nothing is taken back"),
                              l->activity_id, l->other, account_name, base, l->other2);

    case REASON_NO_CLAWBACK:
      return g_strdup_printf (_ ("Reversal #%" PRId64 " of order #%" PRId64 " for %s (%s): "
                                 "the plan has no clawback, nothing is taken back"),
                              l->activity_id, l->other, account_name, base);

    case REASON_CAP:
      {
        g_autofree char *cap = _tandem_money_format_display (l->other, cur);

        return g_strdup_printf (_ ("Cap: your lines add up to %s, above the cap of %s per rep; %s is cut"),
                                base, cap, amount);
      }

    case REASON_CAP_PART:
      {
        g_autofree char *cap = _tandem_money_format_display (l->other, cur);
        TandemTeam      *through = l->team_id > 0 ? _tandem_store_load_team (self->store, l->team_id, NULL) : NULL;

        return g_strdup_printf (_ ("Cap: your lines add up to %s, above the cap of %s per rep; %s is cut, "
                                   "%s of it from what you earned through tandem %s"),
                                base, cap, pool, amount, through ? tandem_team_get_name (through) : "?");
      }

    case REASON_STORED:
    default:
      return g_strdup (l->text ? l->text : "");
    }
}

/* ------------------------------------------------------------------ */
/* Lines as a list model                                               */

#define TANDEM_TYPE_LINE_LIST (tandem_line_list_get_type ())
G_DECLARE_FINAL_TYPE (TandemLineList, tandem_line_list, TANDEM, LINE_LIST, GObject)

struct _TandemLineList
{
  GObject           parent_instance;
  TandemSettlement *settlement;
  guint             first;
  guint             n_items;
};

static void line_list_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TandemLineList, tandem_line_list, G_TYPE_OBJECT, G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, line_list_iface_init))

static void
tandem_line_list_finalize (GObject *object)
{
  g_clear_object (&TANDEM_LINE_LIST (object)->settlement);
  G_OBJECT_CLASS (tandem_line_list_parent_class)->finalize (object);
}

static void
tandem_line_list_class_init (TandemLineListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tandem_line_list_finalize;
}

static void
tandem_line_list_init (TandemLineList *self)
{
}

static GType
line_list_get_item_type (GListModel *model)
{
  return TANDEM_TYPE_PAYOUT_LINE;
}

static guint
line_list_get_n_items (GListModel *model)
{
  return TANDEM_LINE_LIST (model)->n_items;
}

static TandemPayoutLine *
make_line (TandemSettlement *self,
           const Line       *l)
{
  g_autoptr (TandemTransaction) tx G_GNUC_UNUSED = _tandem_transaction_new (self->store);
  TandemRep                       *rep = _tandem_store_load_rep (self->store, l->rep_id, NULL);

  if (rep == NULL)
    return NULL;
  return _tandem_payout_line_new (self->store, rep, l->kind, tandem_money_new (l->amount, self->currency),
                                  l->activity_id, explain (self, l));
}

static gpointer
line_list_get_item (GListModel *model,
                    guint       position)
{
  TandemLineList *self = TANDEM_LINE_LIST (model);

  if (position >= self->n_items)
    return NULL;

  return make_line (self->settlement, &g_array_index (self->settlement->lines, Line, self->first + position));
}

static void
line_list_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = line_list_get_item_type;
  iface->get_n_items = line_list_get_n_items;
  iface->get_item = line_list_get_item;
}

static GListModel *
line_list_new (TandemSettlement *settlement,
               guint             first,
               guint             n_items)
{
  TandemLineList *self = g_object_new (TANDEM_TYPE_LINE_LIST, NULL);

  self->settlement = g_object_ref (settlement);
  self->first = first;
  self->n_items = n_items;
  return G_LIST_MODEL (self);
}

/* ------------------------------------------------------------------ */
/* TandemSettlement                                                    */

/**
 * TandemSettlement:
 *
 * What a plan pays for one period: lines per rep, each with its
 * explanation, and what each tandem achieved.
 *
 * Made by [method@Tandem.Store.settle]. A draft settlement reflects the
 * data when it was computed and changes nothing in the store; a closed
 * one ([method@Tandem.Store.close_period]) is read back as it was frozen.
 *
 * Lines are ordered by rep id, and within a rep in the order they arose:
 * activities in time order (commission, then accelerator, then referral
 * bonus, reversals where they happened), then team bonuses, then caps.
 * The same data and plan always give the same lines and the same JSON.
 *
 * Since: 1.0
 */

static void
tandem_settlement_finalize (GObject *object)
{
  TandemSettlement *self = (TandemSettlement *)object;

  g_clear_pointer (&self->lines, g_array_unref);
  g_clear_pointer (&self->rep_ids, g_array_unref);
  g_clear_pointer (&self->rep_first, g_array_unref);
  g_clear_pointer (&self->rep_totals, g_array_unref);
  g_clear_pointer (&self->period, tandem_period_free);
  g_clear_pointer (&self->plan_name, g_free);
  g_clear_object (&self->teams);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (tandem_settlement_parent_class)->finalize (object);
}

static void
tandem_settlement_class_init (TandemSettlementClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tandem_settlement_finalize;
}

static void
tandem_settlement_init (TandemSettlement *self)
{
  self->rep_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->rep_first = g_array_new (FALSE, FALSE, sizeof (guint));
  self->rep_totals = g_array_new (FALSE, FALSE, sizeof (gint64));
}

/* Indexes the lines by rep and adds up each rep's total and the grand
 * total, checked. */
static gboolean
index_reps (TandemSettlement *self,
            GError          **error)
{
  self->total = 0;
  for (guint i = 0; i < self->lines->len; i++)
    {
      const Line *l = &g_array_index (self->lines, Line, i);

      if (i == 0 || g_array_index (self->lines, Line, i - 1).rep_id != l->rep_id)
        {
          gint64 zero = 0;

          g_array_append_val (self->rep_ids, l->rep_id);
          g_array_append_val (self->rep_first, i);
          g_array_append_val (self->rep_totals, zero);
        }
      if (!_tandem_add_checked (&g_array_index (self->rep_totals, gint64, self->rep_totals->len - 1), l->amount))
        return _tandem_overflow_error (error, _ ("The total of rep %" PRId64), l->rep_id);
      if (!_tandem_add_checked (&self->total, l->amount))
        return _tandem_overflow_error (error, _ ("The total payout"));
    }
  return TRUE;
}

static gboolean
rep_range (TandemSettlement *self,
           gint64            rep_id,
           guint            *first,
           guint            *n)
{
  for (guint i = 0; i < self->rep_ids->len; i++)
    if (g_array_index (self->rep_ids, gint64, i) == rep_id)
      {
        guint next = i + 1 < self->rep_first->len ? g_array_index (self->rep_first, guint, i + 1) : self->lines->len;

        *first = g_array_index (self->rep_first, guint, i);
        *n = next - *first;
        return TRUE;
      }
  return FALSE;
}

/* Attainment in basis points, rounded down (99.995% is not 100%). */
static int
attainment_bp (gint64 revenue,
               gint64 target)
{
  gboolean overflow;
  gint64   bp = _tandem_mul_div_round (revenue, 10000, target, &overflow);

  if (overflow)
    return revenue > 0 ? G_MAXINT : 0;
  if ((__int128)bp * target > (__int128)revenue * 10000)
    bp--;
  return (int)CLAMP (bp, 0, G_MAXINT);
}

/* Tandem results come from the engine's lines, which know the tandem each
 * line was earned through; a tandem's payout is the sum of its lines,
 * caps included. */
static gboolean
add_team_results (TandemSettlement *self,
                  Engine           *engine,
                  GError          **error)
{
  g_autoptr (GList) ids = g_hash_table_get_keys (engine->teams);

  self->teams = g_list_store_new (TANDEM_TYPE_TEAM_RESULT);
  ids = g_list_sort (ids, compare_int64);

  for (guint i = 0; i < self->lines->len; i++)
    {
      const Line *l = &g_array_index (self->lines, Line, i);
      TeamState  *team = l->team_id > 0 ? g_hash_table_lookup (engine->teams, &l->team_id) : NULL;

      if (team != NULL && !_tandem_add_checked (&team->payout, l->amount))
        return _tandem_overflow_error (error, _ ("The payout of tandem “%s”"), tandem_team_get_name (team->team));
    }

  for (GList *it = ids; it != NULL; it = it->next)
    {
      TeamState *team = g_hash_table_lookup (engine->teams, it->data);
      g_autoptr (TandemTeamResult) result = NULL;

      if (tandem_team_get_archived (team->team) && team->revenue == 0 && team->payout == 0)
        continue;
      result = _tandem_team_result_new (team->team,
                                        tandem_money_new (team->revenue, self->currency),
                                        team->has_target ? tandem_money_new (team->target, self->currency) : NULL,
                                        team->has_target ? attainment_bp (team->revenue, team->target) : -1,
                                        tandem_money_new (team->payout, self->currency));
      g_list_store_append (self->teams, result);
    }
  return TRUE;
}

/* The tandem results of a closed period, as they were frozen. */
static gboolean
load_team_results (TandemSettlement *self,
                   GArray           *records,
                   GError          **error)
{
  self->teams = g_list_store_new (TANDEM_TYPE_TEAM_RESULT);
  for (guint i = 0; i < records->len; i++)
    {
      const TandemTeamResultRecord *r = &g_array_index (records, TandemTeamResultRecord, i);
      g_autoptr (TandemTeamResult) result = NULL;
      TandemTeam *team;

      {
        g_autoptr (TandemTransaction) tx G_GNUC_UNUSED = _tandem_transaction_new (self->store);

        team = _tandem_store_load_team (self->store, r->team_id, error);
      }
      if (team == NULL)
        return FALSE;
      result = _tandem_team_result_new (team, tandem_money_new (r->revenue, self->currency),
                                        r->has_target ? tandem_money_new (r->target, self->currency) : NULL,
                                        r->attainment, tandem_money_new (r->payout, self->currency));
      g_list_store_append (self->teams, result);
    }
  return TRUE;
}

static TandemSettlement *
settlement_new (TandemStore  *store,
                TandemPlan   *plan,
                TandemPeriod *period)
{
  TandemSettlement *self = g_object_new (TANDEM_TYPE_SETTLEMENT, NULL);

  self->store = g_object_ref (store);
  self->plan_name = g_strdup (tandem_plan_get_name (plan));
  g_strlcpy (self->currency, tandem_plan_get_currency (plan), sizeof self->currency);
  self->period = tandem_period_copy (period);
  return self;
}

static void
lines_from_records (TandemSettlement *self,
                    GArray           *records)
{
  self->lines = g_array_sized_new (FALSE, TRUE, sizeof (Line), records->len);
  g_array_set_clear_func (self->lines, (GDestroyNotify)line_clear);
  for (guint i = 0; i < records->len; i++)
    {
      TandemLineRecord *r = &g_array_index (records, TandemLineRecord, i);
      Line              l = { 0 };

      l.rep_id = r->rep_id;
      l.kind = r->kind;
      l.amount = r->amount_minor;
      l.activity_id = r->activity_id;
      l.team_id = r->team_id;
      l.text = g_steal_pointer (&r->explanation);
      l.reason = REASON_STORED;
      l.seq = i;
      g_array_append_val (self->lines, l);
    }
}

/* Whether a closed period froze its tandem results (schema 8 on); older
 * ones had only their lines, and their tandem figures are recomputed. */
static gboolean
froze_teams (GArray *lines,
             GArray *teams)
{
  if (teams->len > 0)
    return TRUE;
  for (guint i = 0; i < lines->len; i++)
    if (g_array_index (lines, TandemLineRecord, i).team_id > 0)
      return TRUE;
  return FALSE;
}

static TandemSettlement *
settle_locked (TandemStore  *store,
               TandemPlan   *plan,
               TandemPeriod *period,
               GMainContext *progress_context,
               GCancellable *cancellable,
               GError      **error)
{
  g_autoptr (TandemSettlement) self = NULL;
  g_autoptr (GArray) closed = NULL;
  g_autoptr (GArray) closed_teams = NULL;
  g_autofree char *label = tandem_period_to_string (period);
  g_autoptr (GError) local = NULL;
  Engine   engine = { 0 };
  gboolean is_closed;
  gboolean ok;

  if (tandem_period_get_kind (period) != tandem_plan_get_period_kind (plan))
    {
      g_autoptr (TandemPeriod) checked = tandem_plan_parse_period (plan, label, error);

      if (checked == NULL)
        return NULL;
    }

  self = settlement_new (store, plan, period);

  engine.store = store;
  engine.backend = _tandem_store_get_backend (store);
  engine.plan = plan;
  engine.period = period;
  engine.progress_context = progress_context;
  engine.cancellable = cancellable;

  closed = g_array_new (FALSE, TRUE, sizeof (TandemLineRecord));
  g_array_set_clear_func (closed, (GDestroyNotify)tandem_line_record_clear);
  closed_teams = g_array_new (FALSE, TRUE, sizeof (TandemTeamResultRecord));
  is_closed = tandem_backend_load_closed_period (engine.backend, tandem_plan_get_name (plan), label, closed,
                                                 closed_teams, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }

  if (is_closed && froze_teams (closed, closed_teams))
    {
      /* a closed period is read back exactly as it was frozen */
      self->state = TANDEM_SETTLEMENT_STATE_CLOSED;
      lines_from_records (self, closed);
      if (!index_reps (self, error) || !load_team_results (self, closed_teams, error))
        return NULL;
      return g_steal_pointer (&self);
    }

  if (!run_engine (&engine, error))
    {
      engine_clear (&engine);
      return NULL;
    }

  if (is_closed)
    {
      /* frozen before schema 8: the lines as frozen, tandem figures
       * recomputed from the engine's lines */
      self->state = TANDEM_SETTLEMENT_STATE_CLOSED;
      lines_from_records (self, closed);
      ok = index_reps (self, error);
      if (ok)
        {
          GArray *frozen = self->lines;

          self->lines = engine.lines;
          ok = add_team_results (self, &engine, error);
          self->lines = frozen;
        }
    }
  else
    {
      self->state = TANDEM_SETTLEMENT_STATE_DRAFT;
      self->lines = g_steal_pointer (&engine.lines);
      ok = index_reps (self, error) && add_team_results (self, &engine, error);
    }

  _tandem_store_report_progress (store, progress_context, "settle", engine.processed, engine.processed);
  engine_clear (&engine);

  return ok ? g_steal_pointer (&self) : NULL;
}

/**
 * tandem_settlement_get_plan_name:
 * @self: a `TandemSettlement`
 *
 * Gets the name of the plan the settlement applies.
 *
 * Returns: (transfer none): the plan's name
 *
 * Since: 1.0
 */
const char *
tandem_settlement_get_plan_name (TandemSettlement *self)
{
  g_return_val_if_fail (TANDEM_IS_SETTLEMENT (self), NULL);

  return self->plan_name;
}

/**
 * tandem_settlement_get_period:
 * @self: a `TandemSettlement`
 *
 * Gets the period settled.
 *
 * Returns: (transfer none): the period
 *
 * Since: 1.0
 */
TandemPeriod *
tandem_settlement_get_period (TandemSettlement *self)
{
  g_return_val_if_fail (TANDEM_IS_SETTLEMENT (self), NULL);

  return self->period;
}

/**
 * tandem_settlement_get_state:
 * @self: a `TandemSettlement`
 *
 * Gets whether the settlement is a draft or closed.
 *
 * Returns: the state
 *
 * Since: 1.0
 */
TandemSettlementState
tandem_settlement_get_state (TandemSettlement *self)
{
  g_return_val_if_fail (TANDEM_IS_SETTLEMENT (self), TANDEM_SETTLEMENT_STATE_DRAFT);

  return self->state;
}

/**
 * tandem_settlement_get_lines:
 * @self: a `TandemSettlement`
 *
 * Gets every line, ordered by rep and then as they arose. Line objects
 * are made as they are asked for.
 *
 * Returns: (transfer full): a list model of [class@Tandem.PayoutLine]
 *
 * Since: 1.0
 */
GListModel *
tandem_settlement_get_lines (TandemSettlement *self)
{
  g_return_val_if_fail (TANDEM_IS_SETTLEMENT (self), NULL);

  return line_list_new (self, 0, self->lines->len);
}

/**
 * tandem_settlement_get_lines_for_rep:
 * @self: a `TandemSettlement`
 * @rep: a rep
 *
 * Gets one rep's statement: the lines paid to @rep.
 *
 * Returns: (transfer full): a list model of [class@Tandem.PayoutLine],
 *   empty if @rep has no lines
 *
 * Since: 1.0
 */
GListModel *
tandem_settlement_get_lines_for_rep (TandemSettlement *self,
                                     TandemRep        *rep)
{
  guint first = 0, n = 0;

  g_return_val_if_fail (TANDEM_IS_SETTLEMENT (self), NULL);
  g_return_val_if_fail (TANDEM_IS_REP (rep), NULL);

  rep_range (self, tandem_rep_get_id (rep), &first, &n);
  return line_list_new (self, first, n);
}

/**
 * tandem_settlement_get_reps:
 * @self: a `TandemSettlement`
 *
 * Gets the reps with at least one line, by id.
 *
 * Returns: (transfer full): a list model of [class@Tandem.Rep]
 *
 * Since: 1.0
 */
GListModel *
tandem_settlement_get_reps (TandemSettlement *self)
{
  GListStore *reps;

  g_return_val_if_fail (TANDEM_IS_SETTLEMENT (self), NULL);

  reps = g_list_store_new (TANDEM_TYPE_REP);
  {
    g_autoptr (TandemTransaction) tx G_GNUC_UNUSED = _tandem_transaction_new (self->store);

    for (guint i = 0; i < self->rep_ids->len; i++)
      {
        TandemRep *rep = _tandem_store_load_rep (self->store, g_array_index (self->rep_ids, gint64, i), NULL);

        if (rep != NULL)
          g_list_store_append (reps, rep);
      }
  }
  return G_LIST_MODEL (reps);
}

/**
 * tandem_settlement_get_team_results:
 * @self: a `TandemSettlement`
 *
 * Gets what each tandem achieved in the period, by tandem id.
 *
 * Returns: (transfer full): a list model of [class@Tandem.TeamResult]
 *
 * Since: 1.0
 */
GListModel *
tandem_settlement_get_team_results (TandemSettlement *self)
{
  g_return_val_if_fail (TANDEM_IS_SETTLEMENT (self), NULL);

  return g_object_ref (G_LIST_MODEL (self->teams));
}

/**
 * tandem_settlement_get_total_for_rep:
 * @self: a `TandemSettlement`
 * @rep: a rep
 *
 * Gets the sum of @rep's lines.
 *
 * Returns: (transfer full): the total, zero if @rep has no lines
 *
 * Since: 1.0
 */
TandemMoney *
tandem_settlement_get_total_for_rep (TandemSettlement *self,
                                     TandemRep        *rep)
{
  gint64 rep_id;

  g_return_val_if_fail (TANDEM_IS_SETTLEMENT (self), NULL);
  g_return_val_if_fail (TANDEM_IS_REP (rep), NULL);

  rep_id = tandem_rep_get_id (rep);
  for (guint i = 0; i < self->rep_ids->len; i++)
    if (g_array_index (self->rep_ids, gint64, i) == rep_id)
      return tandem_money_new (g_array_index (self->rep_totals, gint64, i), self->currency);

  return tandem_money_new (0, self->currency);
}

/**
 * tandem_settlement_get_total:
 * @self: a `TandemSettlement`
 *
 * Gets the sum of all lines.
 *
 * Returns: (transfer full): the total
 *
 * Since: 1.0
 */
TandemMoney *
tandem_settlement_get_total (TandemSettlement *self)
{
  g_return_val_if_fail (TANDEM_IS_SETTLEMENT (self), NULL);

  return tandem_money_new (self->total, self->currency);
}

static void
add_money_member (JsonBuilder *b,
                  const char  *name,
                  gint64       minor,
                  const char  *currency)
{
  g_autoptr (TandemMoney) m = tandem_money_new (minor, currency);
  g_autofree char *text = tandem_money_to_string (m);

  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, text);
}

/**
 * tandem_settlement_to_json:
 * @self: a `TandemSettlement`
 *
 * Writes the settlement as JSON:
 *
 * ```
 * {"period": "2026-11", "plan": "Standard", "state": "draft", "total": "…",
 *  "reps": [{"rep": 1, "name": "…", "total": "…",
 *            "lines": [{"kind": "commission", "amount": "…", "activity": 17,
 *                       "explanation": "…"}]}],
 *  "teams": [{"team": 1, "name": "…", "revenue": "…", "target": "…",
 *             "attainment": "104.50%", "payout": "…"}]}
 * ```
 *
 * Amounts are canonical money strings. The same settlement always gives
 * the same bytes.
 *
 * Returns: (transfer full): the JSON text
 *
 * Since: 1.0
 */
char *
tandem_settlement_to_json (TandemSettlement *self)
{
  g_autoptr (JsonBuilder) b = json_builder_new_immutable ();
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (TANDEM_IS_SETTLEMENT (self), NULL);

  label = tandem_period_to_string (self->period);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "period");
  json_builder_add_string_value (b, label);
  json_builder_set_member_name (b, "plan");
  json_builder_add_string_value (b, self->plan_name);
  json_builder_set_member_name (b, "state");
  json_builder_add_string_value (b, self->state == TANDEM_SETTLEMENT_STATE_CLOSED ? "closed" : "draft");
  add_money_member (b, "total", self->total, self->currency);

  json_builder_set_member_name (b, "reps");
  json_builder_begin_array (b);
  for (guint r = 0; r < self->rep_ids->len; r++)
    {
      gint64     rep_id = g_array_index (self->rep_ids, gint64, r);
      guint      first = g_array_index (self->rep_first, guint, r);
      guint      next = r + 1 < self->rep_first->len ? g_array_index (self->rep_first, guint, r + 1) : self->lines->len;
      TandemRep *rep;
      gint64     total = g_array_index (self->rep_totals, gint64, r);

      {
        g_autoptr (TandemTransaction) tx G_GNUC_UNUSED = _tandem_transaction_new (self->store);

        rep = _tandem_store_load_rep (self->store, rep_id, NULL);
      }

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "rep");
      json_builder_add_int_value (b, rep_id);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, rep ? tandem_rep_get_name (rep) : "");
      add_money_member (b, "total", total, self->currency);
      json_builder_set_member_name (b, "lines");
      json_builder_begin_array (b);
      for (guint i = first; i < next; i++)
        {
          const Line      *l = &g_array_index (self->lines, Line, i);
          g_autofree char *text = NULL;

          {
            g_autoptr (TandemTransaction) tx G_GNUC_UNUSED = _tandem_transaction_new (self->store);

            text = explain (self, l);
          }

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "kind");
          json_builder_add_string_value (b, _tandem_enum_to_nick (TANDEM_TYPE_LINE_KIND, l->kind));
          add_money_member (b, "amount", l->amount, self->currency);
          json_builder_set_member_name (b, "activity");
          if (l->activity_id > 0)
            json_builder_add_int_value (b, l->activity_id);
          else
            json_builder_add_null_value (b);
          json_builder_set_member_name (b, "explanation");
          json_builder_add_string_value (b, text);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "teams");
  json_builder_begin_array (b);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->teams)); i++)
    {
      g_autoptr (TandemTeamResult) t = g_list_model_get_item (G_LIST_MODEL (self->teams), i);
      TandemTeam *team = tandem_team_result_get_team (t);
      int         att = tandem_team_result_get_attainment (t);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "team");
      json_builder_add_int_value (b, tandem_team_get_id (team));
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, tandem_team_get_name (team));
      add_money_member (b, "revenue", tandem_money_get_minor_units (tandem_team_result_get_revenue (t)), self->currency);
      if (tandem_team_result_get_target (t) != NULL)
        add_money_member (b, "target", tandem_money_get_minor_units (tandem_team_result_get_target (t)), self->currency);
      else
        {
          json_builder_set_member_name (b, "target");
          json_builder_add_null_value (b);
        }
      json_builder_set_member_name (b, "attainment");
      if (att >= 0)
        {
          g_autofree char *text = share_text (att);
          json_builder_add_string_value (b, text);
        }
      else
        json_builder_add_null_value (b);
      add_money_member (b, "payout", tandem_money_get_minor_units (tandem_team_result_get_payout (t)), self->currency);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  root = json_builder_get_root (b);
  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  json_generator_set_indent (gen, 2);
  return json_generator_to_data (gen, NULL);
}

/* ------------------------------------------------------------------ */
/* Store API                                                           */

/* Stores @plan unless a plan of that name is stored with another
 * definition that a closed period used; call inside a transaction. */
static gboolean
store_plan_locked (TandemStore *self,
                   TandemPlan  *plan,
                   GError     **error)
{
  TandemBackend *backend = _tandem_store_get_backend (self);
  const char    *name = tandem_plan_get_name (plan);
  g_autoptr (GError) local = NULL;
  g_autofree char *stored = tandem_backend_load_plan (backend, name, &local);
  gint64           n_closed;

  if (stored == NULL && !g_error_matches (local, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (stored != NULL && strcmp (stored, tandem_plan_get_data (plan)) == 0)
    return TRUE;

  if (stored != NULL)
    {
      n_closed = tandem_backend_count_closed_periods (backend, name, error);
      if (n_closed < 0)
        return FALSE;
      if (n_closed > 0)
        {
          g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CLOSED_PERIOD,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "Plan “%s” settled a closed period and cannot change: a closed period "
                                    "reads back as it was frozen. Load the new rules under another name",
                                    "Plan “%s” settled %" PRId64 " closed periods and cannot change: a "
                                    "closed period reads back as it was frozen. Load the new rules under another name",
                                    (gulong)n_closed),
                       name, n_closed);
          return FALSE;
        }
    }

  return tandem_backend_save_plan (backend, name, tandem_plan_get_data (plan), error);
}

/**
 * tandem_store_add_plan:
 * @self: a `TandemStore`
 * @plan: a plan
 * @error: return location for a #GError
 *
 * Stores @plan under its name. Storing the same definition again changes
 * nothing. A stored plan of that name is replaced, unless a closed period
 * was settled with it: then it is refused with
 * %TANDEM_STORE_ERROR_CLOSED_PERIOD, because a closed period reads back
 * exactly as it was frozen.
 *
 * Returns: %TRUE on success
 *
 * Since: 1.0
 */
gboolean
tandem_store_add_plan (TandemStore *self,
                       TandemPlan  *plan,
                       GError     **error)
{
  g_autoptr (TandemTransaction) tx = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);
  g_return_val_if_fail (TANDEM_IS_PLAN (plan), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  tx = _tandem_transaction_new (self);
  return _tandem_transaction_begin (tx, error) && store_plan_locked (self, plan, error)
         && _tandem_transaction_commit (tx, error);
}

/**
 * tandem_store_get_plan:
 * @self: a `TandemStore`
 * @name: a plan's name
 * @error: return location for a #GError
 *
 * Reads a stored plan.
 *
 * Returns: (transfer full): the plan, or %NULL with
 *   %TANDEM_STORE_ERROR_NOT_FOUND
 *
 * Since: 1.0
 */
TandemPlan *
tandem_store_get_plan (TandemStore *self,
                       const char  *name,
                       GError     **error)
{
  g_autofree char *data = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  {
    g_autoptr (TandemTransaction) tx = _tandem_transaction_new (self);

    data = tandem_backend_load_plan (_tandem_transaction_get_backend (tx), name, error);
  }
  if (data == NULL)
    return NULL;

  return tandem_plan_new_from_data (data, -1, error);
}

/**
 * tandem_store_list_plans:
 * @self: a `TandemStore`
 * @error: return location for a #GError
 *
 * Lists the names of the stored plans.
 *
 * Returns: (transfer full) (array zero-terminated=1): the names, sorted
 *
 * Since: 1.0
 */
char **
tandem_store_list_plans (TandemStore *self,
                         GError     **error)
{
  char **names;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);

  {
    g_autoptr (TandemTransaction) tx = _tandem_transaction_new (self);

    names = tandem_backend_list_plans (_tandem_transaction_get_backend (tx), error);
  }
  return names;
}

/**
 * tandem_store_settle:
 * @self: a `TandemStore`
 * @plan: the compensation plan
 * @period: a period of the plan's kind, cut in the plan's time zone
 * @error: return location for a #GError
 *
 * Computes what @plan pays for @period. A draft settlement changes
 * nothing in the store and can be recomputed at any time; a closed period
 * is read back exactly as it was frozen.
 *
 * How the plan is applied:
 *
 * - Orders, cross-sells and up-sells are taken in time order. Each one's
 *   pool is its amount × commission rate, rounded once half away from
 *   zero, and split between the tandem's inside and field rep *at the
 *   activity's time* (membership history) with [method@Tandem.Money.allocate],
 *   inside first. The inside share is the kind's override, else the
 *   tandem's own share, else the plan's. Who logged the activity does not
 *   change the split.
 * - Revenue is net of reversals. With `[Accelerator]`, the part of an
 *   activity that lies above `Above` × target earns commission × (Multiplier − 1)
 *   on top, as `accelerator` lines; one that crosses the threshold is split
 *   at it. No target (or a zero target), no accelerator.
 * - A reversal within `[Clawback] WindowDays` of its order takes back what
 *   the order earned (commission and accelerator), in proportion for a
 *   partial reversal, as `clawback` lines in the reversal's period; it
 *   reads a closed period's frozen lines. Outside the window, or without
 *   `[Clawback]`, nothing is taken back and an `adjustment` line of zero
 *   says so.
 * - With `[Referral]`, the first order of an account referred by another
 *   pays `Amount` to the tandem owning the referring account, in the period
 *   of that order; reversing that order whole takes it back.
 * - With `[TeamBonus]`, a tandem whose revenue reaches `Attainment` × target
 *   earns `Amount`, split equally or by the revenue each member logged,
 *   between its members at the end of the period.
 * - With `[Cap]`, a rep whose lines add up to more than `PerRep` gets a
 *   `cap` line that cuts the total to the cap.
 *
 * An activity in another currency than the plan's, an account without a
 * tandem, or a tandem without members at an activity's time is an error
 * that names the activity.
 *
 * Returns: (transfer full): the settlement, or %NULL with a
 *   %TANDEM_PLAN_ERROR or %TANDEM_STORE_ERROR
 *
 * Since: 1.0
 */
TandemSettlement *
tandem_store_settle (TandemStore  *self,
                     TandemPlan   *plan,
                     TandemPeriod *period,
                     GError      **error)
{
  TandemSettlement *settlement;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (TANDEM_IS_PLAN (plan), NULL);
  g_return_val_if_fail (period != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  {
    g_autoptr (TandemTransaction) tx G_GNUC_UNUSED = _tandem_transaction_new (self);

    settlement = settle_locked (self, plan, period, NULL, NULL, error);
  }
  return settlement;
}

typedef struct
{
  TandemPlan   *plan;
  TandemPeriod *period;
  GMainContext *context;
} SettleData;

static void
settle_data_free (SettleData *data)
{
  g_clear_object (&data->plan);
  g_clear_pointer (&data->period, tandem_period_free);
  g_clear_pointer (&data->context, g_main_context_unref);
  g_free (data);
}

static void
settle_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SettleData       *data = task_data;
  TandemStore      *store = source_object;
  TandemSettlement *settlement;
  GError           *error = NULL;

  {
    g_autoptr (TandemTransaction) tx G_GNUC_UNUSED = _tandem_transaction_new (store);

    settlement = settle_locked (store, data->plan, data->period, data->context, cancellable, &error);
  }

  if (settlement == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, settlement, g_object_unref);
}

/**
 * tandem_store_settle_async:
 * @self: a `TandemStore`
 * @plan: the compensation plan
 * @period: the period
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the settlement is ready
 * @user_data: data for @callback
 *
 * Runs [method@Tandem.Store.settle] in a worker thread, emitting
 * [signal@Tandem.Store::progress] ("settle") in the caller's main context.
 *
 * Since: 1.0
 */
void
tandem_store_settle_async (TandemStore        *self,
                           TandemPlan         *plan,
                           TandemPeriod       *period,
                           GCancellable       *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  SettleData *data;

  g_return_if_fail (TANDEM_IS_STORE (self));
  g_return_if_fail (TANDEM_IS_PLAN (plan));
  g_return_if_fail (period != NULL);

  data = g_new0 (SettleData, 1);
  data->plan = g_object_ref (plan);
  data->period = tandem_period_copy (period);
  data->context = g_main_context_ref_thread_default ();

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tandem_store_settle_async);
  g_task_set_task_data (task, data, (GDestroyNotify)settle_data_free);
  g_task_run_in_thread (task, settle_thread);
}

/**
 * tandem_store_settle_finish:
 * @self: a `TandemStore`
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Tandem.Store.settle_async].
 *
 * Returns: (transfer full): the settlement, or %NULL
 *
 * Since: 1.0
 */
TandemSettlement *
tandem_store_settle_finish (TandemStore  *self,
                            GAsyncResult *result,
                            GError      **error)
{
  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * tandem_store_close_period:
 * @self: a `TandemStore`
 * @plan: the compensation plan
 * @period: the period to close
 * @error: return location for a #GError
 *
 * Settles @period and freezes it: its lines, with their explanations, are
 * stored and never change; activities dated inside it can no longer be
 * logged (%TANDEM_STORE_ERROR_CLOSED_PERIOD). A later reversal of an
 * order from the closed period lands as a clawback in its own period.
 * Closing a closed period is an error.
 *
 * Returns: (transfer full): the closed settlement, or %NULL
 *
 * Since: 1.0
 */
TandemSettlement *
tandem_store_close_period (TandemStore  *self,
                           TandemPlan   *plan,
                           TandemPeriod *period,
                           GError      **error)
{
  g_autoptr (TandemSettlement) draft = NULL;
  g_autoptr (GArray) records = NULL;
  g_autoptr (GArray) teams = NULL;
  g_autoptr (GDateTime) start = NULL;
  g_autoptr (GDateTime) end = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *label = NULL;
  g_autoptr (TandemTransaction) tx = NULL;
  g_autoptr (TandemSettlement) closed = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (TANDEM_IS_PLAN (plan), NULL);
  g_return_val_if_fail (period != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* One write transaction from reading the activities to freezing the
   * lines: a writer either commits before it (and is settled) or waits and
   * then finds the period closed. */
  tx = _tandem_transaction_new (self);
  if (!_tandem_transaction_begin (tx, error))
    return NULL;

  /* the plan a closed period used is stored with it, and never changes */
  if (!store_plan_locked (self, plan, error))
    return NULL;

  draft = settle_locked (self, plan, period, NULL, NULL, error);
  if (draft == NULL)
    return NULL;

  label = tandem_period_to_string (period);
  if (draft->state == TANDEM_SETTLEMENT_STATE_CLOSED)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CLOSED_PERIOD,
                   _ ("Period %s of plan “%s” is already closed"), label, tandem_plan_get_name (plan));
      return NULL;
    }

  records = g_array_sized_new (FALSE, TRUE, sizeof (TandemLineRecord), draft->lines->len);
  g_array_set_clear_func (records, (GDestroyNotify)tandem_line_record_clear);
  for (guint i = 0; i < draft->lines->len; i++)
    {
      const Line      *l = &g_array_index (draft->lines, Line, i);
      TandemLineRecord r = { l->rep_id, l->kind, l->amount, l->activity_id, explain (draft, l), l->team_id };

      g_array_append_val (records, r);
    }

  teams = g_array_new (FALSE, TRUE, sizeof (TandemTeamResultRecord));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (draft->teams)); i++)
    {
      g_autoptr (TandemTeamResult) t = g_list_model_get_item (G_LIST_MODEL (draft->teams), i);
      TandemMoney           *target = tandem_team_result_get_target (t);
      TandemTeamResultRecord r = {
        tandem_team_get_id (tandem_team_result_get_team (t)),
        tandem_money_get_minor_units (tandem_team_result_get_revenue (t)),
        target != NULL,
        target != NULL ? tandem_money_get_minor_units (target) : 0,
        tandem_team_result_get_attainment (t),
        tandem_money_get_minor_units (tandem_team_result_get_payout (t)),
      };

      g_array_append_val (teams, r);
    }

  start = tandem_period_get_start (period, tandem_plan_get_time_zone (plan));
  end = tandem_period_get_end (period, tandem_plan_get_time_zone (plan));
  if (!tandem_backend_close_period (_tandem_transaction_get_backend (tx), tandem_plan_get_name (plan), label,
                                    _tandem_time_to_usec (start), _tandem_time_to_usec (end),
                                    _tandem_time_to_usec (now), records, teams, error))
    return NULL;
  closed = settle_locked (self, plan, period, NULL, NULL, error);
  if (closed == NULL || !_tandem_transaction_commit (tx, error))
    return NULL;
  return g_steal_pointer (&closed);
}
