/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-settlement-engine.c: the settlement engine: from a period's activities to payout lines */

#include "config.h"

#include <inttypes.h>

#include "tandem-i18n-private.h"
#include <json-glib/json-glib.h>
#include <string.h>

#include "tandem-settlement.h"
#include "tandem-settlement-private.h"
#include "tandem-settlement-engine-private.h"
#include "tandem-plan-private.h"
#include "tandem-currency-private.h"
#include "tandem-enum-types.h"
#include "tandem-rate-private.h"
#include "tandem-store-private.h"
#include "tandem-util-private.h"

static void
team_state_free (TandemTeamState *state)
{
  g_clear_pointer (&state->members, g_array_unref);
  g_clear_pointer (&state->contribution, g_hash_table_unref);
  g_free (state);
}

void
_tandem_conversion_free (TandemRateConversion *conversion)
{
  g_free (conversion->rate);
  g_free (conversion);
}

GHashTable *
_tandem_conversions_new (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                (GDestroyNotify)_tandem_conversion_free);
}

void
_tandem_engine_clear (TandemEngine *engine)
{
  g_clear_pointer (&engine->conversions, g_hash_table_unref);
  g_clear_pointer (&engine->rates, g_array_unref);
  g_clear_pointer (&engine->draw_balances, g_hash_table_unref);
  g_clear_pointer (&engine->teams, g_hash_table_unref);
  g_clear_pointer (&engine->first_orders, g_hash_table_unref);
  g_clear_pointer (&engine->earlier, g_hash_table_unref);
  g_clear_pointer (&engine->lines, _tandem_line_table_free);
  g_clear_pointer (&engine->collect, g_hash_table_unref);
  g_clear_pointer (&engine->held, g_hash_table_unref);
}

static gint64 *
int64_key (gint64 value)
{
  gint64 *key = g_new (gint64, 1);

  *key = value;
  return key;
}

/* amount × rate, rounded once half away from zero; @what is a msgid
 * (N_), translated only for the error: this runs for every activity */
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
  return activity_id > 0
             ? _tandem_overflow_error (error, _ ("%s of activity #%" PRId64), _ (what), activity_id)
             : _tandem_overflow_error (error, "%s", _ (what));
}

static gboolean
load_teams (TandemEngine *engine, GError **error)
{
  g_autoptr (GArray) records = _tandem_db_list_teams (engine->db, error);
  g_autoptr (GArray) members = NULL;
  g_autofree char            *label = tandem_period_to_string (engine->period);
  const TandemScheduleRecord *period_target;
  guint                       m = 0;

  /* three queries for every tandem, its reps and its members */
  if (records == NULL || !_tandem_store_preload_reps (engine->store, error)
      || (members = _tandem_db_list_memberships (engine->db, 0, error)) == NULL)
    return FALSE;

  for (guint i = 0; i < records->len; i++)
    {
      const TandemTeamRecord *r = &g_array_index (records, TandemTeamRecord, i);
      TandemTeamState        *state = g_new0 (TandemTeamState, 1);

      state->team_id = r->id;
      state->team = _tandem_store_team_from_record (engine->store, r, error);
      g_hash_table_insert (engine->teams, int64_key (r->id), state);
      if (state->team == NULL)
        return FALSE;

      /* both lists are ordered by tandem */
      state->members = g_array_new (FALSE, TRUE, sizeof (TandemMembershipRecord));
      while (m < members->len && g_array_index (members, TandemMembershipRecord, m).team_id < r->id)
        m++;
      for (;
           m < members->len && g_array_index (members, TandemMembershipRecord, m).team_id == r->id;
           m++)
        g_array_append_val (state->members, g_array_index (members, TandemMembershipRecord, m));
      state->share_bp = r->inside_share;
      state->contribution = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

      /* with more than one plan, each plan settles the tandems that follow it */
      if (engine->filter_teams)
        {
          const char *follows = _tandem_schedule_team_plan (engine->schedule, r->id, engine->start);

          state->excluded
              = follows == NULL || strcmp (follows, tandem_plan_get_name (engine->plan)) != 0;
          if (state->excluded)
            continue;
        }

      period_target = engine->schedule != NULL
                          ? _tandem_schedule_target (engine->schedule, r->id, label)
                          : NULL;
      if (period_target != NULL)
        {
          if (strcmp (period_target->currency, engine->currency) != 0)
            {
              g_set_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_CURRENCY_MISMATCH,
                           _ ("Tandem “%s” has its target for %s in %s; plan “%s” pays in %s"),
                           r->name, label, period_target->currency,
                           tandem_plan_get_name (engine->plan), engine->currency);
              return FALSE;
            }
          state->has_target = period_target->amount_minor > 0;
          state->period_target = TRUE;
          state->target = period_target->amount_minor;
        }
      else if (r->has_target && r->target_minor > 0)
        {
          if (strcmp (r->target_currency, engine->currency) != 0)
            {
              g_set_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_CURRENCY_MISMATCH,
                           _ ("Tandem “%s” has its target in %s; plan “%s” pays in %s"), r->name,
                           r->target_currency, tandem_plan_get_name (engine->plan),
                           engine->currency);
              return FALSE;
            }
          state->has_target = TRUE;
          state->target = r->target_minor;
        }
    }

  return TRUE;
}

static const TandemMembershipRecord *
members_at (TandemTeamState *team, gint64 t)
{
  return _tandem_membership_record_at (team->members, t);
}

static TandemTeamState *
team_for (TandemEngine                  *engine,
          gint64                         team_id,
          gint64                         account_id,
          gint64                         activity_id,
          gint64                         t,
          const TandemMembershipRecord **members,
          GError                       **error)
{
  TandemTeamState *team = team_id > 0 ? g_hash_table_lookup (engine->teams, &team_id) : NULL;

  if (team == NULL)
    {
      g_set_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_UNASSIGNED,
                   _ ("Activity #%" PRId64 ": account %" PRId64
                      " has no tandem; assign one before settling"),
                   activity_id, account_id);
      return NULL;
    }

  *members = members_at (team, t);
  if (*members == NULL)
    {
      g_autofree char *when = _tandem_time_format (t);

      g_set_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_UNASSIGNED,
                   _ ("Activity #%" PRId64 ": tandem “%s” had no members at %s"), activity_id,
                   tandem_team_get_name (team->team), when);
      return NULL;
    }

  return team;
}

static int
share_for (TandemEngine *engine, TandemTeamState *team, int kind)
{
  const TandemKindRule *rule = &engine->rules->kinds[kind];

  if (rule->has_share)
    return rule->share_bp;
  if (team != NULL && team->share_bp >= 0)
    return team->share_bp;
  return engine->rules->inside_share_bp;
}

/* How a sale is paid: each key from the most specific group that sets
 * it (its product's, its category's, its kind's, [Plan]); the tandem's
 * own share counts after the groups' and before [Plan]'s. */
typedef struct
{
  gint64   rate;
  int      share_bp;
  gboolean margin;
  guint    group; /* the product's or category's group that set a key, 1 + index */
} Terms;

static void
terms_for (TandemEngine *engine, TandemTeamState *team, const TandemSettleRecord *r, Terms *t)
{
  const TandemPlanRules *rules = engine->rules;
  const TandemKindRule  *chain[3] = {
     r->product != NULL ? g_hash_table_lookup (rules->products, r->product) : NULL,
    r->category != NULL ? g_hash_table_lookup (rules->categories, r->category) : NULL,
    &rules->kinds[r->kind],
  };
  gboolean has_rate = FALSE, has_share = FALSE, has_base = FALSE;

  t->rate = rules->commission_rate;
  t->share_bp = team != NULL && team->share_bp >= 0 ? team->share_bp : rules->inside_share_bp;
  t->margin = rules->margin;
  t->group = 0;
  for (guint i = 0; i < G_N_ELEMENTS (chain); i++)
    {
      const TandemKindRule *rule = chain[i];

      if (rule == NULL)
        continue;
      if (rule->has_rate && !has_rate)
        t->rate = rule->rate, has_rate = TRUE;
      if (rule->has_share && !has_share)
        t->share_bp = rule->share_bp, has_share = TRUE;
      if (rule->has_base && !has_base)
        t->margin = rule->margin, has_base = TRUE;
      if (t->group == 0 && rule->group > 0)
        t->group = rule->group;
    }
}

/* What commission is a share of: the amount, or under Base=margin the
 * amount less the cost, never below zero (a sale at a loss earns
 * nothing); -1 with @error set for a sale without a cost. */
static gint64
commission_base (TandemEngine *engine, const TandemSettleRecord *r, const Terms *t, GError **error)
{
  if (!t->margin)
    return r->amount_minor;
  if (!r->has_cost)
    {
      const char *group
          = t->group > 0 ? g_ptr_array_index (engine->rules->group_names, t->group - 1) : NULL;
      g_autofree char *where
          = group != NULL ? g_strdup_printf ("[%s]", group) : g_strdup (_ ("the plan"));

      g_set_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_INVALID_VALUE,
                   _ ("Activity #%" PRId64 " has no cost, but %s of plan “%s” pays on the margin "
                      "(Base=margin): give it a cost"),
                   r->id, where, tandem_plan_get_name (engine->plan));
      return -1;
    }
  return MAX (r->amount_minor - r->cost_minor, 0);
}

static void
add_line (TandemEngine *engine, const TandemLine *line)
{
  _tandem_line_table_append (engine->lines, line);
}

/* Splits @pool between the two members by @share_bp, inside first, and
 * adds a line for each, copied from @proto. */
static void
add_split (TandemEngine                 *engine,
           const TandemMembershipRecord *members,
           gint64                        pool,
           int                           share_bp,
           const TandemLine             *proto,
           gint64                       *inside_part,
           gint64                       *field_part)
{
  const guint64 weights[2] = { (guint64)share_bp, (guint64)(10000 - share_bp) };
  gint64        parts[2] = { 0, 0 };
  TandemLine    line = *proto;

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

static TandemLineTable *
earlier_lines (TandemEngine *engine, gint64 at, gint64 what, GError **error)
{
  g_autoptr (GTimeZone) zone = g_time_zone_ref (tandem_plan_get_time_zone (engine->plan));
  g_autoptr (TandemPeriod) period = tandem_period_copy (engine->period);
  g_autofree char *label = NULL;
  TandemLineTable *lines;
  TandemEngine     nested = { 0 };

  for (;;)
    {
      g_autoptr (GDateTime) start = tandem_period_get_start (period, zone);
      TandemPeriod *prev;

      if (_tandem_time_to_usec (start) <= at)
        break;
      prev = tandem_period_get_previous (period);
      tandem_period_free (period);
      period = prev;
    }
  label = tandem_period_to_string (period);
  lines = g_hash_table_lookup (engine->earlier, label);
  if (lines != NULL)
    return lines;

  if (engine->depth > 24)
    {
      g_set_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_INVALID_PERIOD,
                   _ ("Activity #%" PRId64 " reaches back more than 24 periods"), what);
      return NULL;
    }
  nested.store = engine->store;
  nested.db = engine->db;
  nested.plan = engine->plan;
  nested.period = period;
  nested.schedule = engine->schedule;
  nested.filter_teams = engine->filter_teams;
  nested.skip_draws = TRUE;
  nested.earned_only = TRUE;
  nested.depth = engine->depth + 1;
  nested.cancellable = engine->cancellable;
  if (!_tandem_engine_run (&nested, error))
    {
      _tandem_engine_clear (&nested);
      return NULL;
    }
  lines = g_steal_pointer (&nested.lines);
  _tandem_engine_clear (&nested);
  g_hash_table_insert (engine->earlier, g_steal_pointer (&label), lines);
  return lines;
}

/* What an order earned per rep (commission and accelerator), as found in
 * the settlement of its own period. */
static gboolean
earned_by_order (TandemEngine             *engine,
                 const TandemSettleRecord *r,
                 GHashTable               *earned,
                 GError                  **error)
{
  g_autoptr (GArray) closed = NULL;
  TandemLineTable  *lines;
  TandemLineIter    iter;
  const TandemLine *l;

  closed = _tandem_db_list_closed_lines_for_activity (engine->db, r->reverses_id, error);
  if (closed == NULL)
    return FALSE;

  if (closed->len > 0)
    {
      for (guint i = 0; i < closed->len; i++)
        {
          const TandemLineRecord *c = &g_array_index (closed, TandemLineRecord, i);

          if ((c->kind == TANDEM_LINE_KIND_COMMISSION || c->kind == TANDEM_LINE_KIND_ACCELERATOR
               || c->kind == TANDEM_LINE_KIND_SPIFF)
              && !_tandem_add_to_key (earned, c->rep_id, c->amount_minor))
            return _tandem_overflow_error (error, _ ("What order #%" PRId64 " earned"),
                                           r->reverses_id);
        }
      return TRUE;
    }

  if (r->reversed_at >= engine->start)
    lines = engine->lines; /* the order is in this period */
  else if ((lines = earlier_lines (engine, r->reversed_at, r->id, error)) == NULL)
    return FALSE;

  _tandem_line_iter_init (&iter, lines, 0, G_MAXUINT);
  while ((l = _tandem_line_iter_next (&iter)) != NULL)
    {
      if (l->activity_id == r->reverses_id
          && (l->kind == TANDEM_LINE_KIND_COMMISSION || l->kind == TANDEM_LINE_KIND_ACCELERATOR
              || l->kind == TANDEM_LINE_KIND_SPIFF)
          && !_tandem_add_to_key (earned, l->rep_id, l->amount))
        return _tandem_overflow_error (error, _ ("What order #%" PRId64 " earned"), r->reverses_id);
    }
  return TRUE;
}

/* A line about the activity @r, earned through tandem @team_id. */
static void
line_init (TandemLine               *line,
           TandemLineKind            kind,
           TandemLineReason          reason,
           const TandemSettleRecord *r,
           gint64                    team_id)
{
  memset (line, 0, sizeof *line);
  line->kind = kind;
  line->reason = reason;
  line->activity_id = r->id;
  line->activity_kind = r->kind;
  line->account_id = r->account_id;
  line->team_id = team_id;
}

static gboolean
process_commissionable (TandemEngine *engine, const TandemSettleRecord *r, GError **error)
{
  const TandemMembershipRecord *members;
  TandemTeamState              *team;
  Terms                         terms;
  gint64                        rate;
  int                           share = 0;
  gint64                        base, before, after, pool;
  TandemLine                    line = { 0 };
  TandemReferralRecord         *referral;

  team = team_for (engine, r->team_id, r->account_id, r->id, r->occurred_at, &members, error);
  if (team == NULL)
    return FALSE;
  terms_for (engine, team, r, &terms);
  rate = terms.rate;
  share = terms.share_bp;
  if ((base = commission_base (engine, r, &terms, error)) < 0
      || !round_rate (base, rate, &pool, N_ ("The commission"), r->id, error))
    return FALSE;

  line_init (&line, TANDEM_LINE_KIND_COMMISSION, REASON_COMMISSION, r, team->team_id);
  line.base = base;
  line.rate = rate;
  /* what the explanation names: the cost under Base=margin, the group */
  line.flags = terms.margin ? LINE_MARGIN : 0;
  line.other = terms.margin ? r->cost_minor : 0;
  line.other2 = terms.group;
  add_split (engine, members, pool, share, &line, NULL, NULL);
  if (engine->collect != NULL)
    g_hash_table_add (engine->collect, int64_key (r->id));

  before = team->revenue;
  after = before;
  if (!_tandem_add_checked (&after, r->amount_minor))
    return _tandem_overflow_error (error, _ ("The revenue of tandem “%s” up to activity #%" PRId64),
                                   tandem_team_get_name (team->team), r->id);
  team->revenue = after;
  if (!_tandem_add_to_key (team->contribution, r->rep_id, r->amount_minor))
    return _tandem_overflow_error (
        error, _ ("The revenue rep %" PRId64 " logged up to activity #%" PRId64), r->rep_id, r->id);

  /* SPIFs: each [Spiff …] of the sale's product or category whose periods
   * hold its time pays Amount × quantity, split by the sale's inside share
   * or half each */
  for (guint i = 0; engine->rules->spiffs != NULL && i < engine->rules->spiffs->len; i++)
    {
      const TandemSpiffRule *rule = &g_array_index (engine->rules->spiffs, TandemSpiffRule, i);
      gint64                 units = MAX (r->quantity, 1);

      if (r->occurred_at < rule->from_at || r->occurred_at >= rule->until_at
          || (rule->product != NULL && g_strcmp0 (rule->product, r->product) != 0)
          || (rule->category != NULL && g_strcmp0 (rule->category, r->category) != 0))
        continue;
      if (rule->amount > G_MAXINT64 / units)
        return _tandem_overflow_error (error, _ ("The SPIF of activity #%" PRId64), r->id);
      line_init (&line, TANDEM_LINE_KIND_SPIFF, REASON_SPIFF, r, team->team_id);
      line.base = rule->amount;
      line.other = units;
      line.other2 = rule->group;
      add_split (engine, members, rule->amount * units, rule->equal ? 5000 : terms.share_bp, &line,
                 NULL, NULL);
    }

  /* Accelerator: marginal, on the part of this activity above the
   * threshold, at rate × (multiplier − 1). */
  if (engine->rules->has_accelerator && team->has_target)
    {
      gint64 threshold, above;

      if (!round_rate (team->target, engine->rules->accelerator_above, &threshold,
                       N_ ("The accelerator threshold"), 0, error))
        return FALSE;
      /* before >= threshold or the difference is at most this amount */
      above = before >= threshold ? r->amount_minor : (after > threshold ? after - threshold : 0);

      if (above > 0)
        {
          gboolean overflow;
          gint64   extra_rate = _tandem_mul_div_round (
                rate, engine->rules->accelerator_multiplier - TANDEM_RATE_ONE, TANDEM_RATE_ONE,
                &overflow);

          gint64 part = MIN (above, r->amount_minor);

          /* under Base=margin the part above pays on its share of the
           * margin: part × margin / amount */
          if (!overflow && terms.margin && r->amount_minor > 0)
            part = _tandem_mul_div_round (part, base, r->amount_minor, &overflow);
          if (overflow
              || !round_rate (part, extra_rate, &pool, N_ ("The accelerator"), r->id, error))
            return overflow ? _tandem_overflow_error (error, _ ("The accelerator rate")) : FALSE;
          line.kind = TANDEM_LINE_KIND_ACCELERATOR;
          line.reason = REASON_ACCELERATOR;
          line.flags
              = (team->period_target ? LINE_PERIOD_TARGET : 0) | (terms.margin ? LINE_MARGIN : 0);
          line.base = part;
          line.rate = extra_rate;
          line.other = threshold;
          line.other2 = r->amount_minor;
          add_split (engine, members, pool, share, &line, NULL, NULL);
        }
    }

  /* Referral bonus: in the period of the referred account's first order,
   * to the tandem that owns the referring account. */
  referral = engine->rules->has_referral && r->kind == TANDEM_ACTIVITY_KIND_ORDER
                 ? g_hash_table_lookup (engine->first_orders, &r->id)
                 : NULL;
  if (referral != NULL)
    {
      TandemAccount *referrer
          = _tandem_store_load_account (engine->store, referral->referrer_id, error);
      TandemTeam                   *owner;
      TandemTeamState              *owner_state;
      const TandemMembershipRecord *owner_members;

      if (referrer == NULL)
        return FALSE;
      owner = tandem_account_get_team (referrer);
      if (owner != NULL)
        {
          owner_state
              = g_hash_table_lookup (engine->teams, &(gint64){ tandem_team_get_id (owner) });
          if (owner_state != NULL && owner_state->excluded)
            return TRUE; /* the referring tandem follows another plan */
          owner_state = team_for (engine, tandem_team_get_id (owner), referral->referrer_id, r->id,
                                  r->occurred_at, &owner_members, error);
          if (owner_state == NULL)
            return FALSE;

          line_init (&line, TANDEM_LINE_KIND_REFERRAL_BONUS, REASON_REFERRAL, r,
                     owner_state->team_id);
          line.other = referral->referrer_id;
          line.base = engine->rules->referral_amount;
          add_split (engine, owner_members, engine->rules->referral_amount,
                     share_for (engine, owner_state, TANDEM_ACTIVITY_KIND_REFERRAL), &line, NULL,
                     NULL);
        }
    }

  return TRUE;
}

static gboolean
process_reversal (TandemEngine *engine, const TandemSettleRecord *r, GError **error)
{
  const TandemMembershipRecord *members;
  g_autoptr (GHashTable) earned = NULL;
  TandemTeamState      *team;
  gint64                days = (r->occurred_at - r->reversed_at) / USEC_PER_DAY;
  gint64                original = r->reversed_amount;
  TandemLine            line = { 0 };
  TandemReferralRecord *referral;

  team = team_for (engine, r->team_id, r->account_id, r->id, r->occurred_at, &members, error);
  if (team == NULL)
    return FALSE;

  /* revenue is net of reversals, whenever the order was */
  if (!_tandem_add_checked (&team->revenue, -r->amount_minor)
      || !_tandem_add_to_key (team->contribution, r->reversed_rep_id, -r->amount_minor))
    return _tandem_overflow_error (error, _ ("The revenue of tandem “%s” up to activity #%" PRId64),
                                   tandem_team_get_name (team->team), r->id);

  line_init (&line, TANDEM_LINE_KIND_ADJUSTMENT, REASON_OUTSIDE_WINDOW, r, team->team_id);
  line.other = r->reverses_id;
  line.other2 = days;
  line.base = r->amount_minor;

  if (!engine->rules->has_clawback || days > engine->rules->clawback_days)
    {
      line.kind = TANDEM_LINE_KIND_ADJUSTMENT;
      line.reason = engine->rules->has_clawback ? REASON_OUTSIDE_WINDOW : REASON_NO_CLAWBACK;
      add_split (engine, members, 0, 5000, &line, NULL, NULL);
      if (engine->collect != NULL)
        g_hash_table_add (engine->collect, int64_key (r->reverses_id));
      return TRUE;
    }

  /* pay on collection: the order takes back what it paid (collection) */
  if (engine->collect != NULL)
    g_hash_table_add (engine->collect, int64_key (r->reverses_id));
  else
    {
      earned = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
      if (!earned_by_order (engine, r, earned, error))
        return FALSE;
    }

  if (earned != NULL && g_hash_table_size (earned) > 0 && original > 0)
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
            return _tandem_overflow_error (error, _ ("What order #%" PRId64 " earned"),
                                           r->reverses_id);
        }
      g_array_sort (reps, _tandem_compare_int64);

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
      TandemAccount *referrer
          = _tandem_store_load_account (engine->store, referral->referrer_id, error);
      TandemTeam                   *owner = referrer ? tandem_account_get_team (referrer) : NULL;
      const TandemMembershipRecord *owner_members;
      TandemTeamState              *owner_state;

      if (referrer == NULL)
        return FALSE;
      owner_state = owner != NULL ? g_hash_table_lookup (engine->teams,
                                                         &(gint64){ tandem_team_get_id (owner) })
                                  : NULL;
      if (owner != NULL && (owner_state == NULL || !owner_state->excluded))
        {
          owner_state = team_for (engine, tandem_team_get_id (owner), referral->referrer_id,
                                  r->reverses_id, referral->order_at, &owner_members, error);
          if (owner_state == NULL)
            return FALSE;
          line.kind = TANDEM_LINE_KIND_CLAWBACK;
          line.reason = REASON_CLAWBACK_REFERRAL;
          line.team_id = owner_state->team_id;
          line.base = engine->rules->referral_amount;
          add_split (engine, owner_members, -engine->rules->referral_amount,
                     share_for (engine, owner_state, TANDEM_ACTIVITY_KIND_REFERRAL), &line, NULL,
                     NULL);
        }
    }

  return TRUE;
}

/* Converts @r, in another currency than the plan's, at the latest rate
 * to the plan's currency in effect at its time (a reversal: at its
 * order's time, so that it takes back exactly what the order counted). */
static gboolean
convert (TandemEngine *engine, const TandemSettleRecord *r, TandemSettleRecord *out, GError **error)
{
  gint64 at = r->kind == TANDEM_ACTIVITY_KIND_REVERSAL ? r->reversed_at : r->occurred_at;
  const TandemScheduleRecord *rate
      = engine->schedule != NULL
            ? _tandem_schedule_rate_at (engine->schedule, r->currency, engine->currency, at)
            : NULL;
  gint64                value;
  TandemRateConversion *conversion;
  guint                 i;

  if (rate == NULL)
    {
      g_autofree char *when = _tandem_time_format (at);

      g_set_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_NO_RATE,
                   _ ("Activity #%" PRId64 " is in %s; plan “%s” pays in %s, and no rate %s→%s "
                      "is in effect at %s (set one with: tandem rate set %s %s RATE --from TIME)"),
                   r->id, r->currency, tandem_plan_get_name (engine->plan), engine->currency,
                   r->currency, engine->currency, when, r->currency, engine->currency);
      return FALSE;
    }
  if (!_tandem_exchange_rate_parse (rate->text, &value, error))
    return FALSE;

  *out = *r;
  g_strlcpy (out->currency, engine->currency, sizeof out->currency);
  if (!_tandem_exchange_convert (r->amount_minor, r->currency, engine->currency, value,
                                 &out->amount_minor)
      || (r->kind == TANDEM_ACTIVITY_KIND_REVERSAL
          && !_tandem_exchange_convert (r->reversed_amount, r->currency, engine->currency, value,
                                        &out->reversed_amount))
      || (r->has_cost
          && !_tandem_exchange_convert (r->cost_minor, r->currency, engine->currency, value,
                                        &out->cost_minor)))
    return _tandem_overflow_error (error, _ ("The conversion of activity #%" PRId64), r->id);

  conversion = g_new0 (TandemRateConversion, 1);
  conversion->minor = r->amount_minor;
  g_strlcpy (conversion->currency, r->currency, sizeof conversion->currency);
  conversion->since = rate->from_at;
  conversion->rate = g_strdup (rate->text);
  g_hash_table_insert (engine->conversions, int64_key (r->id), conversion);

  /* the rates a settlement used are kept with it when it closes */
  for (i = 0; i < engine->rates->len; i++)
    {
      const TandemScheduleRecord *used = &g_array_index (engine->rates, TandemScheduleRecord, i);

      if (used->from_at == rate->from_at && strcmp (used->currency, rate->currency) == 0
          && strcmp (used->to_currency, rate->to_currency) == 0)
        break;
    }
  if (i == engine->rates->len)
    {
      TandemScheduleRecord copy = *rate;

      copy.name = NULL;
      copy.from_label = NULL;
      copy.until_label = NULL;
      copy.text = g_strdup (rate->text);
      g_array_append_val (engine->rates, copy);
    }
  return TRUE;
}

static gboolean
process_record (const TandemSettleRecord *r, gpointer user_data, GError **error)
{
  TandemEngine      *engine = user_data;
  TandemTeamState   *team = engine->filter_teams && r->team_id > 0
                                ? g_hash_table_lookup (engine->teams, &r->team_id)
                                : NULL;
  TandemSettleRecord converted;

  /* a tandem that follows another plan is settled by that plan */
  if (team != NULL && team->excluded)
    return TRUE;

  if (strcmp (r->currency, engine->currency) != 0)
    {
      if (!convert (engine, r, &converted, error))
        return FALSE;
      r = &converted;
    }

  if (++engine->processed % 16384 == 0)
    {
      if (g_cancellable_set_error_if_cancelled (engine->cancellable, error))
        return FALSE;
      if (engine->depth == 0)
        _tandem_store_report_progress (engine->store, engine->progress_context, "settle",
                                       engine->processed, 0);
    }

  if (r->kind == TANDEM_ACTIVITY_KIND_REVERSAL)
    return process_reversal (engine, r, error);
  return process_commissionable (engine, r, error);
}

static gboolean
add_team_bonuses (TandemEngine *engine, GError **error)
{
  g_autoptr (GList) ids = g_hash_table_get_keys (engine->teams);

  if (!engine->rules->has_bonus)
    return TRUE;

  ids = g_list_sort (ids, _tandem_compare_int64);
  for (GList *l = ids; l != NULL; l = l->next)
    {
      TandemTeamState              *team = g_hash_table_lookup (engine->teams, l->data);
      const TandemMembershipRecord *members;
      gint64                        needed;
      TandemLine                    line = { 0 };

      if (team->excluded || !team->has_target || tandem_team_get_archived (team->team))
        continue;
      if (!round_rate (team->target, engine->rules->bonus_attainment, &needed,
                       N_ ("The team bonus threshold"), 0, error))
        return FALSE;
      if (team->revenue < needed)
        continue;
      members = members_at (team, engine->end - 1);
      if (members == NULL)
        continue;

      line.kind = TANDEM_LINE_KIND_TEAM_BONUS;
      line.flags = team->period_target ? LINE_PERIOD_TARGET : 0;
      line.team_id = team->team_id;
      line.base = team->revenue;
      line.other = needed;
      line.other2 = team->target;

      if (engine->rules->bonus_split == TANDEM_SPLIT_METHOD_CONTRIBUTION)
        {
          gint64 *in = g_hash_table_lookup (team->contribution, &members->inside_rep_id);
          gint64 *out = g_hash_table_lookup (team->contribution, &members->field_rep_id);
          guint64 weights[2]
              = { in && *in > 0 ? (guint64)*in : 0, out && *out > 0 ? (guint64)*out : 0 };
          gint64 parts[2];

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

/* Cuts @rep_id's lines [first, first + n), which add up to @total above
 * the cap. The cut is charged to the tandems the rep earned through, in
 * proportion to what each brought (largest remainder), one `cap` line per
 * tandem, so that a tandem's payout is always the sum of its lines. */
static void
add_cap (TandemEngine *engine,
         gint64        rep_id,
         GArray       *teams,
         GArray       *earned,
         gint64        total,
         GArray       *out)
{
  g_autofree guint64 *weights = g_new0 (guint64, teams->len);
  g_autofree gint64  *parts = g_new0 (gint64, teams->len);
  gint64              cut = engine->rules->cap_per_rep - total;

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
      TandemLine cap = { 0 };

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
      g_array_append_val (out, cap);
    }
}

/* Caps come last, after everything else a rep earned: one pass over the
 * lines sorted by rep adds up each rep's total and what each of its
 * tandems brought (in the order the rep first earned through them). */
static gboolean
add_caps (TandemEngine *engine, GError **error)
{
  g_autoptr (GArray) caps = g_array_new (FALSE, FALSE, sizeof (TandemLine));
  g_autoptr (GArray) teams = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) earned = g_array_new (FALSE, TRUE, sizeof (gint64));
  gint64            total = 0;
  gint64            rep_id = 0;
  gboolean          first = TRUE;
  TandemLineIter    iter;
  const TandemLine *l;

  if (!engine->rules->has_cap || _tandem_line_table_get_len (engine->lines) == 0)
    return TRUE;

  _tandem_line_table_sort_by_rep (engine->lines);
  _tandem_line_iter_init (&iter, engine->lines, 0, G_MAXUINT);
  do
    {
      guint t;

      l = _tandem_line_iter_next (&iter);
      if (!first && (l == NULL || l->rep_id != rep_id))
        {
          if (total > engine->rules->cap_per_rep)
            add_cap (engine, rep_id, teams, earned, total, caps);
          total = 0;
          g_array_set_size (teams, 0);
          g_array_set_size (earned, 0);
        }
      if (l == NULL)
        break;
      first = FALSE;
      rep_id = l->rep_id;
      if (!_tandem_add_checked (&total, l->amount))
        return _tandem_overflow_error (error, _ ("The total of rep %" PRId64), rep_id);
      for (t = 0; t < teams->len && g_array_index (teams, gint64, t) != l->team_id; t++)
        ;
      if (t == teams->len)
        {
          g_array_append_val (teams, l->team_id);
          g_array_set_size (earned, t + 1);
        }
      if (!_tandem_add_checked (&g_array_index (earned, gint64, t), l->amount))
        return _tandem_overflow_error (error, _ ("The total of rep %" PRId64), rep_id);
    }
  while (l != NULL);

  for (guint c = 0; c < caps->len; c++)
    add_line (engine, &g_array_index (caps, TandemLine, c));
  return TRUE;
}

/* The draw a rep's period falls under: its latest draw begun by the
 * period's start; NULL when none. */
static const TandemScheduleRecord *
draw_for (const TandemSchedule *schedule, guint i, gint64 start)
{
  const TandemScheduleRecord *d = &g_array_index (schedule->draws, TandemScheduleRecord, i);
  const TandemScheduleRecord *next
      = i + 1 < schedule->draws->len ? &g_array_index (schedule->draws, TandemScheduleRecord, i + 1)
                                     : NULL;

  if (d->from_at > start
      || (next != NULL && next->owner_id == d->owner_id && next->from_at <= start))
    return NULL;
  return d;
}

static void
add_balance (GHashTable           *balances,
             const TandemSchedule *schedule,
             gint64                rep_id,
             gint64                at,
             gint64                amount)
{
  for (guint i = 0; i < schedule->draws->len; i++)
    {
      const TandemScheduleRecord *d = draw_for (schedule, i, at);
      gint64                     *balance;

      if (d == NULL || d->owner_id != rep_id || !d->number)
        continue;
      balance = g_hash_table_lookup (balances, &d->id);
      if (balance == NULL)
        {
          balance = g_new0 (gint64, 1);
          g_hash_table_insert (balances, int64_key (d->id), balance);
        }
      *balance += amount;
    }
}

/* The balance of each recoverable draw before this period: the draw lines
 * of the closed periods as frozen, and of the open ones as settled now,
 * period by period from the earliest draw on. */
static gboolean
draw_history (TandemEngine *engine, GError **error)
{
  static const gint64   kinds[2] = { TANDEM_LINE_KIND_DRAW, TANDEM_LINE_KIND_DRAW_RECOVERY };
  const TandemSchedule *schedule = engine->schedule;
  const char           *plan = tandem_plan_get_name (engine->plan);
  GTimeZone            *zone = tandem_plan_get_time_zone (engine->plan);
  g_autoptr (GArray) closed_lines = NULL;
  g_autoptr (GPtrArray) periods
      = g_ptr_array_new_with_free_func ((GDestroyNotify)tandem_period_free);
  gint64 earliest = G_MAXINT64;

  engine->draw_balances = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  for (guint i = 0; i < schedule->draws->len; i++)
    {
      const TandemScheduleRecord *d = &g_array_index (schedule->draws, TandemScheduleRecord, i);

      if (d->number && d->from_at < engine->start)
        earliest = MIN (earliest, d->from_at);
    }
  if (earliest == G_MAXINT64)
    return TRUE;

  /* the periods from the earliest draw up to this one, oldest first */
  {
    g_autoptr (TandemPeriod) p = tandem_period_get_previous (engine->period);

    for (;;)
      {
        g_autoptr (GDateTime) end = tandem_period_get_end (p, zone);
        TandemPeriod *prev;

        if (_tandem_time_to_usec (end) <= earliest)
          break;
        if (periods->len >= 240)
          {
            g_set_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_INVALID_PERIOD,
                         _ ("A recoverable draw reaches back more than 240 periods; close the "
                            "periods it ran in first"));
            return FALSE;
          }
        g_ptr_array_insert (periods, 0, tandem_period_copy (p));
        prev = tandem_period_get_previous (p);
        tandem_period_free (p);
        p = prev;
      }
  }

  closed_lines = _tandem_db_list_schedule (engine->db, TANDEM_SCHEDULE_DRAW_LINE, kinds, error);
  if (closed_lines == NULL)
    return FALSE;

  for (guint q = 0; q < periods->len; q++)
    {
      TandemPeriod    *period = g_ptr_array_index (periods, q);
      g_autofree char *label = tandem_period_to_string (period);
      g_autoptr (GDateTime) start_time = tandem_period_get_start (period, zone);
      gint64   start = _tandem_time_to_usec (start_time);
      gboolean closed = FALSE;

      for (guint i = 0; i < schedule->closed->len && !closed; i++)
        {
          const TandemScheduleRecord *c
              = &g_array_index (schedule->closed, TandemScheduleRecord, i);

          closed = strcmp (c->name, plan) == 0 && strcmp (c->from_label, label) == 0;
        }

      if (closed)
        {
          for (guint i = 0; i < closed_lines->len; i++)
            {
              const TandemScheduleRecord *l
                  = &g_array_index (closed_lines, TandemScheduleRecord, i);

              if (strcmp (l->name, plan) == 0 && strcmp (l->from_label, label) == 0)
                add_balance (engine->draw_balances, schedule, l->owner_id, start, l->amount_minor);
            }
        }
      else
        {
          TandemEngine      nested = { 0 };
          gboolean          ok;
          TandemLineIter    iter;
          const TandemLine *l;

          nested.store = engine->store;
          nested.db = engine->db;
          nested.plan = engine->plan;
          nested.period = period;
          nested.schedule = schedule;
          nested.filter_teams = engine->filter_teams;
          nested.cancellable = engine->cancellable;
          nested.depth = engine->depth + 1;
          nested.draw_balances = g_hash_table_ref (engine->draw_balances);
          ok = _tandem_engine_run (&nested, error);
          if (ok)
            _tandem_line_iter_init (&iter, nested.lines, 0, G_MAXUINT);
          while (ok && (l = _tandem_line_iter_next (&iter)) != NULL)
            {
              if (l->kind == TANDEM_LINE_KIND_DRAW || l->kind == TANDEM_LINE_KIND_DRAW_RECOVERY)
                add_balance (engine->draw_balances, schedule, l->rep_id, start, l->amount);
            }
          _tandem_engine_clear (&nested);
          if (!ok)
            return FALSE;
        }
    }
  return TRUE;
}

/* The tandem a rep's draw line belongs to: the plan's tandem the rep is a
 * member of at the period's end, else the one of its first line; FALSE
 * when the rep has no part in this settlement. */
static gboolean
draw_team (TandemEngine *engine, gint64 rep_id, gint64 first_team, gint64 *team_id)
{
  GHashTableIter iter;
  gpointer       value;

  g_hash_table_iter_init (&iter, engine->teams);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      TandemTeamState              *team = value;
      const TandemMembershipRecord *m = team->excluded ? NULL : members_at (team, engine->end - 1);

      if (m != NULL && (m->inside_rep_id == rep_id || m->field_rep_id == rep_id))
        {
          *team_id = team->team_id;
          return TRUE;
        }
    }
  *team_id = first_team;
  return first_team > 0 || !engine->filter_teams;
}

/* Accepted disputes whose adjustment goes into this period: after caps
 * (a correction is not cut), before draws (it counts for the top-up). */
static gboolean
add_disputes (TandemEngine *engine, GError **error)
{
  g_autoptr (GArray) disputes = _tandem_db_list_disputes (engine->db, error);
  g_autofree char *label = tandem_period_to_string (engine->period);

  if (disputes == NULL)
    return FALSE;
  for (guint i = 0; i < disputes->len; i++)
    {
      const TandemDisputeRecord *d = &g_array_index (disputes, TandemDisputeRecord, i);
      TandemLine                 line = { 0 };
      g_autofree char           *amount = NULL;

      if (d->state != 1 || g_strcmp0 (d->into_label, label) != 0
          || strcmp (d->plan, tandem_plan_get_name (engine->plan)) != 0)
        continue;
      if (strcmp (d->currency, engine->currency) != 0)
        {
          g_set_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_CURRENCY_MISMATCH,
                       _ ("Dispute #%" PRId64 " adjusts in %s; plan “%s” pays in %s"), d->id,
                       d->currency, tandem_plan_get_name (engine->plan), engine->currency);
          return FALSE;
        }
      amount = _tandem_money_format_display (d->amount_minor, d->currency);
      line.kind = TANDEM_LINE_KIND_ADJUSTMENT;
      line.reason = REASON_DISPUTE;
      line.rep_id = d->rep_id;
      line.amount = d->amount_minor;
      line.other = d->id;
      draw_team (engine, d->rep_id, 0, &line.team_id);
      line.text = d->note != NULL
                      ? g_strdup_printf (_ ("Adjustment of %s for dispute #%" PRId64 " about %s, "
                                            "accepted by %s: %s"),
                                         amount, d->id, d->label, d->resolved_by, d->note)
                      : g_strdup_printf (_ ("Adjustment of %s for dispute #%" PRId64 " about %s, "
                                            "accepted by %s"),
                                         amount, d->id, d->label, d->resolved_by);
      add_line (engine, &line);
    }
  return TRUE;
}

/* Draws come after caps: they top up what a rep's lines add up to. */
static gboolean
add_draws (TandemEngine *engine, GError **error)
{
  const TandemSchedule *schedule = engine->schedule;
  g_autoptr (GHashTable) totals
      = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr (GHashTable) first_team
      = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  TandemLineIter    iter;
  const TandemLine *l;

  _tandem_line_iter_init (&iter, engine->lines, 0, G_MAXUINT);
  while ((l = _tandem_line_iter_next (&iter)) != NULL)
    {
      if (!_tandem_add_to_key (totals, l->rep_id, l->amount))
        return _tandem_overflow_error (error, _ ("The total of rep %" PRId64), l->rep_id);
      if (l->team_id > 0 && !g_hash_table_contains (first_team, &l->rep_id))
        g_hash_table_insert (first_team, int64_key (l->rep_id), int64_key (l->team_id));
    }

  for (guint i = 0; i < schedule->draws->len; i++)
    {
      const TandemScheduleRecord *d = draw_for (schedule, i, engine->start);
      gint64                     *total_p;
      gint64                     *team_p;
      gint64                     *balance_p;
      gint64                      total, balance, team_id;
      gboolean                    running;
      TandemLine                  line = { 0 };

      if (d == NULL)
        continue;
      running = d->until_label == NULL || engine->start <= d->until_at;
      if (!running && !d->number)
        continue;

      total_p = g_hash_table_lookup (totals, &d->owner_id);
      team_p = g_hash_table_lookup (first_team, &d->owner_id);
      if (!draw_team (engine, d->owner_id, team_p ? *team_p : 0, &team_id))
        continue;
      if (strcmp (d->currency, engine->currency) != 0)
        {
          g_set_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_CURRENCY_MISMATCH,
                       _ ("The draw of rep %" PRId64 " from %s is in %s; plan “%s” pays in %s"),
                       d->owner_id, d->from_label, d->currency, tandem_plan_get_name (engine->plan),
                       engine->currency);
          return FALSE;
        }

      total = total_p ? *total_p : 0;
      balance_p = d->number ? g_hash_table_lookup (engine->draw_balances, &d->id) : NULL;
      balance = balance_p ? *balance_p : 0;

      line.rep_id = d->owner_id;
      line.team_id = team_id;
      line.base = total;
      line.pool = d->amount_minor;
      line.other = balance;
      line.flags = d->number ? LINE_RECOVERABLE : 0;

      if (running && total < d->amount_minor)
        {
          line.kind = TANDEM_LINE_KIND_DRAW;
          line.reason = REASON_DRAW;
          line.amount = d->amount_minor - total;
        }
      else if (d->number && balance > 0 && (running ? total > d->amount_minor : total > 0))
        {
          line.kind = TANDEM_LINE_KIND_DRAW_RECOVERY;
          line.reason = running ? REASON_DRAW_RECOVERY : REASON_DRAW_RECOVERY_ENDED;
          line.amount = -MIN (balance, running ? total - d->amount_minor : total);
        }
      else
        continue;
      add_line (engine, &line);
    }
  return TRUE;
}

gboolean
_tandem_engine_run (TandemEngine *engine, GError **error)
{
  g_autoptr (GDateTime) start = NULL;
  g_autoptr (GDateTime) end = NULL;
  g_autoptr (GArray) referrals = NULL;
  gboolean has_draws;

  engine->earlier_lines = earlier_lines;
  engine->rules = _tandem_plan_get_rules (engine->plan);
  engine->currency = tandem_plan_get_currency (engine->plan);
  start = tandem_period_get_start (engine->period, tandem_plan_get_time_zone (engine->plan));
  end = tandem_period_get_end (engine->period, tandem_plan_get_time_zone (engine->plan));
  engine->start = _tandem_time_to_usec (start);
  engine->end = _tandem_time_to_usec (end);

  engine->teams = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                         (GDestroyNotify)team_state_free);
  engine->first_orders = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, NULL);
  engine->earlier = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                           (GDestroyNotify)_tandem_line_table_free);
  engine->lines = _tandem_line_table_new ();
  engine->conversions = _tandem_conversions_new ();
  engine->rates = g_array_new (FALSE, TRUE, sizeof (TandemScheduleRecord));
  g_array_set_clear_func (engine->rates, (GDestroyNotify)_tandem_schedule_record_clear);

  if (!load_teams (engine, error))
    return FALSE;

  /* the draws' balances first: the earlier periods' lines are gone before
   * this period's are made */
  has_draws = !engine->skip_draws && engine->schedule != NULL && engine->schedule->draws->len > 0;
  if (has_draws && engine->draw_balances == NULL && !draw_history (engine, error))
    return FALSE;

  referrals = _tandem_db_list_referrals (engine->db, error);
  if (referrals == NULL)
    return FALSE;
  for (guint i = 0; i < referrals->len; i++)
    {
      TandemReferralRecord *r = &g_array_index (referrals, TandemReferralRecord, i);

      g_hash_table_insert (engine->first_orders, &r->order_id, r);
    }

  /* pay on collection: the orders this period settles are collected in the
   * scan, then paid by their payments */
  if (engine->rules->pay_on == TANDEM_PAY_ON_PAYMENT && !engine->earned_only)
    {
      engine->collect = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      engine->held = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
    }

  if (!_tandem_db_scan_settlement (engine->db, engine->start, engine->end, process_record, engine,
                                   error))
    return FALSE;
  if (engine->collect != NULL && !_tandem_engine_collect (engine, error))
    return FALSE;

  /* the hash points into referrals, which goes away now */
  g_hash_table_remove_all (engine->first_orders);

  if (!add_team_bonuses (engine, error) || !add_caps (engine, error)
      || !add_disputes (engine, error))
    return FALSE;
  _tandem_line_table_sort_by_rep (engine->lines);
  if (has_draws)
    {
      if (!add_draws (engine, error))
        return FALSE;
      _tandem_line_table_sort_by_rep (engine->lines);
    }
  return _tandem_line_table_check (engine->lines, error);
}
