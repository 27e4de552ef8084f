/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-settlement.c: TandemSettlement, a period's settlement, and settling from the store */

#include "config.h"

#include "tandem-record-private.h"

#include <inttypes.h>

#include "tandem-i18n-private.h"
#include <json-glib/json-glib.h>
#include <string.h>

#include "tandem-settlement.h"
#include "tandem-settlement-private.h"
#include "tandem-settlement-engine-private.h"
#include "tandem-plan-version.h"
#include "tandem-target.h"
#include "tandem-draw.h"
#include "tandem-exchange-rate.h"
#include "tandem-plan-private.h"
#include "tandem-currency-private.h"
#include "tandem-enum-types.h"
#include "tandem-rate-private.h"
#include "tandem-store-private.h"
#include "tandem-util-private.h"
#include "tandem-json-writer.h"

G_DEFINE_FINAL_TYPE (TandemSettlement, tandem_settlement, G_TYPE_OBJECT)

/* ------------------------------------------------------------------ */
/* TandemSettlement                                                    */

/**
 * TandemSettlement:
 *
 * What a plan pays for one period: lines per rep, each with its
 * explanation, and what each tandem achieved.
 *
 * Made by [ctor@Tandem.Settlement.new]. A draft settlement reflects the
 * data when it was computed and changes nothing in the store; a closed
 * one ([func@Tandem.Settlement.close]) is read back as it was frozen.
 *
 * Lines are ordered by rep id, and within a rep in the order they arose:
 * activities in time order (commission, then accelerator, then referral
 * bonus, reversals where they happened), then team bonuses, then caps.
 * The same data and plan always give the same lines and the same JSON.
 *
 * Since: 1.0
 */

static void
tandem_settlement_dispose (GObject *object)
{
  TandemSettlement *self = (TandemSettlement *)object;

  g_clear_object (&self->teams);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (tandem_settlement_parent_class)->dispose (object);
}

static void
tandem_settlement_finalize (GObject *object)
{
  TandemSettlement *self = (TandemSettlement *)object;

  g_clear_pointer (&self->lines, _tandem_line_table_free);
  g_clear_pointer (&self->texts, g_ptr_array_unref);
  g_clear_pointer (&self->names, g_hash_table_unref);
  g_mutex_clear (&self->texts_lock);
  g_clear_pointer (&self->rep_ids, g_array_unref);
  g_clear_pointer (&self->rep_first, g_array_unref);
  g_clear_pointer (&self->rep_totals, g_array_unref);
  g_clear_pointer (&self->period, tandem_period_free);
  g_clear_pointer (&self->plan_name, g_free);
  g_clear_pointer (&self->conversions, g_hash_table_unref);
  g_clear_pointer (&self->rates, g_array_unref);
  g_clear_pointer (&self->approved_by, g_free);
  g_clear_pointer (&self->paid_by, g_free);
  g_clear_pointer (&self->held, g_hash_table_unref);
  g_clear_pointer (&self->group_names, g_ptr_array_unref);

  G_OBJECT_CLASS (tandem_settlement_parent_class)->finalize (object);
}

static void
tandem_settlement_class_init (TandemSettlementClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = tandem_settlement_dispose;
  G_OBJECT_CLASS (klass)->finalize = tandem_settlement_finalize;
}

static void
tandem_settlement_init (TandemSettlement *self)
{
  g_mutex_init (&self->texts_lock);
  self->rep_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->rep_first = g_array_new (FALSE, FALSE, sizeof (guint));
  self->rep_totals = g_array_new (FALSE, FALSE, sizeof (gint64));
}

/* Adds @l to the payout of its tandem in @teams (TandemTeamState by id);
 * @last keeps the tandem of the line before. */
static gboolean
add_to_team (GHashTable *teams, const TandemLine *l, TandemTeamState **last, GError **error)
{
  TandemTeamState *team = *last;

  if (l->team_id <= 0)
    return TRUE;
  if (team == NULL || team->team_id != l->team_id)
    team = *last = g_hash_table_lookup (teams, &l->team_id);
  if (team != NULL && !_tandem_add_checked (&team->payout, l->amount))
    return _tandem_overflow_error (error, _ ("The payout of tandem “%s”"),
                                   tandem_team_get_name (team->team));
  return TRUE;
}

/* Indexes the lines by rep and adds up each rep's total and the grand
 * total, checked; with @teams, each tandem's payout too (in the same
 * pass: the lines are decoded once). */
static gboolean
index_reps (TandemSettlement *self, GHashTable *teams, GError **error)
{
  TandemLineIter    iter;
  const TandemLine *l;
  guint             i = 0;
  TandemTeamState  *last = NULL;

  self->total = 0;
  _tandem_line_iter_init (&iter, self->lines, 0, G_MAXUINT);
  for (; (l = _tandem_line_iter_next (&iter)) != NULL; i++)
    {
      if (i == 0 || g_array_index (self->rep_ids, gint64, self->rep_ids->len - 1) != l->rep_id)
        {
          gint64 zero = 0;

          g_array_append_val (self->rep_ids, l->rep_id);
          g_array_append_val (self->rep_first, i);
          g_array_append_val (self->rep_totals, zero);
        }
      if (!_tandem_add_checked (
              &g_array_index (self->rep_totals, gint64, self->rep_totals->len - 1), l->amount))
        return _tandem_overflow_error (error, _ ("The total of rep %" PRId64), l->rep_id);
      if (!_tandem_add_checked (&self->total, l->amount))
        return _tandem_overflow_error (error, _ ("The total payout"));
      if (teams != NULL && !add_to_team (teams, l, &last, error))
        return FALSE;
    }
  return TRUE;
}

void
_tandem_settlement_rep_range (TandemSettlement *self, gint64 rep_id, guint *first, guint *n)
{
  guint lo = 0, hi = self->rep_ids->len;

  *first = 0;
  *n = 0;
  /* rep_ids is ascending */
  while (lo < hi)
    {
      guint  mid = lo + (hi - lo) / 2;
      gint64 id = g_array_index (self->rep_ids, gint64, mid);

      if (id == rep_id)
        {
          guint next = mid + 1 < self->rep_first->len
                           ? g_array_index (self->rep_first, guint, mid + 1)
                           : _tandem_line_table_get_len (self->lines);

          *first = g_array_index (self->rep_first, guint, mid);
          *n = next - *first;
          return;
        }
      if (id < rep_id)
        lo = mid + 1;
      else
        hi = mid;
    }
}

/* Attainment in basis points, rounded down (99.995% is not 100%). */
static int
attainment_bp (gint64 revenue, gint64 target)
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
 * caps included: added up here from @lines, or by index_reps when NULL. */
static gboolean
add_team_results (TandemSettlement *self,
                  TandemEngine     *engine,
                  TandemLineTable  *lines,
                  GError          **error)
{
  g_autoptr (GList) ids = g_hash_table_get_keys (engine->teams);
  TandemLineIter    iter;
  const TandemLine *l;
  TandemTeamState  *last = NULL;

  self->teams = g_list_store_new (TANDEM_TYPE_TEAM_RESULT);
  ids = g_list_sort (ids, _tandem_compare_int64);

  if (lines != NULL)
    {
      _tandem_line_iter_init (&iter, lines, 0, G_MAXUINT);
      while ((l = _tandem_line_iter_next (&iter)) != NULL)
        if (!add_to_team (engine->teams, l, &last, error))
          return FALSE;
    }

  for (GList *it = ids; it != NULL; it = it->next)
    {
      TandemTeamState *team = g_hash_table_lookup (engine->teams, it->data);
      g_autoptr (TandemTeamResult) result = NULL;

      /* only the tandems that follow the plan; an archived one while it earns */
      if (team->excluded
          || (tandem_team_get_archived (team->team) && team->revenue == 0 && team->payout == 0))
        continue;
      result = _tandem_team_result_new (
          team->team, tandem_money_new (team->revenue, self->currency),
          team->has_target ? tandem_money_new (team->target, self->currency) : NULL,
          team->has_target ? attainment_bp (team->revenue, team->target) : -1,
          tandem_money_new (team->payout, self->currency));
      g_list_store_append (self->teams, result);
    }
  return TRUE;
}

/* The tandem results of a closed period, as they were frozen. */
static gboolean
load_team_results (TandemSettlement *self, GArray *records, GError **error)
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
      result = _tandem_team_result_new (
          team, tandem_money_new (r->revenue, self->currency),
          r->has_target ? tandem_money_new (r->target, self->currency) : NULL, r->attainment,
          tandem_money_new (r->payout, self->currency));
      g_list_store_append (self->teams, result);
    }
  return TRUE;
}

static TandemSettlement *
settlement_new (TandemStore *store, TandemPlan *plan, TandemPeriod *period)
{
  TandemSettlement *self = g_object_new (TANDEM_TYPE_SETTLEMENT, NULL);

  self->store = g_object_ref (store);
  self->plan_name = g_strdup (tandem_plan_get_name (plan));
  self->collects = tandem_plan_get_pay_on (plan) == TANDEM_PAY_ON_PAYMENT;
  g_strlcpy (self->currency, tandem_plan_get_currency (plan), sizeof self->currency);
  self->period = tandem_period_copy (period);
  self->group_names = g_ptr_array_ref (_tandem_plan_get_rules (plan)->group_names);
  return self;
}

/* What @rep_id had held at the period's end. */
static void
set_held (TandemSettlement *self, gint64 rep_id, gint64 amount)
{
  gint64 *key = g_new (gint64, 1);
  gint64 *value = g_new (gint64, 1);

  if (self->held == NULL)
    self->held = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  *key = rep_id;
  *value = amount;
  g_hash_table_replace (self->held, key, value);
}

static gboolean
total_held (TandemSettlement *self, GError **error)
{
  GHashTableIter iter;
  gpointer       value;

  self->held_total = 0;
  if (self->held == NULL)
    return TRUE;
  g_hash_table_iter_init (&iter, self->held);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (!_tandem_add_checked (&self->held_total, *(gint64 *)value))
      return _tandem_overflow_error (error, _ ("What is held"));
  return TRUE;
}

/* A closed period's lines, as the store reads them. */
typedef struct
{
  TandemSettlement *self;
  TandemLineTable  *lines;
  gboolean          any_team; /* a line names its tandem (schema 8 on) */
} Frozen;

static void
frozen_line (gpointer data, TandemLineRecord *r)
{
  Frozen    *frozen = data;
  TandemLine l = { 0 };

  frozen->any_team |= r->team_id > 0;
  if (r->kind == TANDEM_LINE_RECORD_HELD)
    {
      set_held (frozen->self, r->rep_id, r->amount_minor);
      return;
    }

  l.rep_id = r->rep_id;
  l.kind = r->kind;
  l.amount = r->amount_minor;
  l.activity_id = r->activity_id;
  l.team_id = r->team_id;
  /* the explanation stays in the store until it is asked for */
  l.other = r->id;
  l.reason = REASON_STORED;
  l.earned = r->earned;
  l.flags = r->has_earned ? LINE_EARNED : 0;
  _tandem_line_table_append (frozen->lines, &l);
}

/* What a closed period keeps besides its lines: the plan version and the
 * exchange rates it was settled with. */
static gboolean
load_closed_schedule (TandemSettlement *self,
                      TandemSchedule   *schedule,
                      const char       *label,
                      TandemDb         *db,
                      GError          **error)
{
  g_autoptr (GArray) rates = NULL;
  g_autoptr (GArray) states = NULL;

  self->state = TANDEM_SETTLEMENT_STATE_CLOSED;
  self->plan_version = 0;
  for (guint i = 0; i < schedule->closed->len; i++)
    {
      const TandemScheduleRecord *c = &g_array_index (schedule->closed, TandemScheduleRecord, i);

      if (strcmp (c->name, self->plan_name) == 0 && strcmp (c->from_label, label) == 0)
        self->plan_version = (guint)c->number;
    }

  /* approved and paid, each once, with who and when */
  states = _tandem_db_list_schedule (db, TANDEM_SCHEDULE_PERIOD_STATE, NULL, error);
  if (states == NULL)
    return FALSE;
  for (guint i = 0; i < states->len; i++)
    {
      TandemScheduleRecord *s = &g_array_index (states, TandemScheduleRecord, i);

      if (strcmp (s->name, self->plan_name) != 0 || strcmp (s->from_label, label) != 0)
        continue;
      self->state = MAX (self->state, (TandemSettlementState)s->number);
      if (s->number == TANDEM_SETTLEMENT_STATE_APPROVED)
        {
          self->approved_by = g_steal_pointer (&s->text);
          self->approved_at = s->from_at;
        }
      else if (s->number == TANDEM_SETTLEMENT_STATE_PAID)
        {
          self->paid_by = g_steal_pointer (&s->text);
          self->paid_at = s->from_at;
        }
    }

  rates = _tandem_db_list_schedule (db, TANDEM_SCHEDULE_CLOSED_RATE, NULL, error);
  if (rates == NULL)
    return FALSE;
  self->rates = g_array_new (FALSE, TRUE, sizeof (TandemScheduleRecord));
  g_array_set_clear_func (self->rates, (GDestroyNotify)_tandem_schedule_record_clear);
  for (guint i = 0; i < rates->len; i++)
    {
      TandemScheduleRecord *r = &g_array_index (rates, TandemScheduleRecord, i);

      if (strcmp (r->name, self->plan_name) == 0 && strcmp (r->from_label, label) == 0)
        {
          TandemScheduleRecord copy = *r;

          memset (r, 0, sizeof *r);
          g_array_append_val (self->rates, copy);
        }
    }
  return TRUE;
}

/* Adds to @names the name of each record of @records (@size bytes each,
 * its id first and its name at @name_offset) that @wanted holds. */
static void
add_names (GHashTable *names,
           GHashTable *wanted,
           char        what,
           GArray     *records,
           gsize       size,
           gsize       name_offset)
{
  for (guint i = 0; i < records->len; i++)
    {
      const guint8 *r = (const guint8 *)records->data + i * size;
      gint64        id;
      const char   *name;
      char          key[32];

      memcpy (&id, r, sizeof id);
      memcpy (&name, r + name_offset, sizeof name);
      g_snprintf (key, sizeof key, "%c%" PRId64, what, id);
      if (g_hash_table_contains (wanted, key) && name != NULL)
        g_hash_table_insert (names, g_strdup (key), g_strdup (name));
    }
}

/* The names of the reps, tandems and accounts the settlement's lines
 * name, read now in its transaction (three queries), so that what it
 * prints later never goes back to the store. */
static gboolean
resolve_names (TandemSettlement *self, TandemDb *db, GError **error)
{
  g_autoptr (GHashTable) wanted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GArray) accounts = NULL;
  g_autoptr (GArray) teams = NULL;
  g_autoptr (GArray) reps = NULL;
  TandemLineIter    iter;
  const TandemLine *l;

  _tandem_line_iter_init (&iter, self->lines, 0, _tandem_line_table_get_len (self->lines));
  while ((l = _tandem_line_iter_next (&iter)) != NULL)
    {
      g_hash_table_add (wanted, g_strdup_printf ("r%" PRId64, l->rep_id));
      if (l->account_id > 0)
        g_hash_table_add (wanted, g_strdup_printf ("a%" PRId64, l->account_id));
      if (l->team_id > 0)
        g_hash_table_add (wanted, g_strdup_printf ("t%" PRId64, l->team_id));
      if (l->reason == REASON_REFERRAL && l->other > 0)
        g_hash_table_add (wanted, g_strdup_printf ("a%" PRId64, l->other));
    }
  for (guint i = 0; i < self->rep_ids->len; i++)
    g_hash_table_add (wanted,
                      g_strdup_printf ("r%" PRId64, g_array_index (self->rep_ids, gint64, i)));

  if ((accounts = _tandem_db_list_accounts (db, error)) == NULL
      || (teams = _tandem_db_list_teams (db, error)) == NULL
      || (reps = _tandem_db_list_reps (db, error)) == NULL)
    return FALSE;
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  add_names (self->names, wanted, 'a', accounts, sizeof (TandemAccountRecord),
             G_STRUCT_OFFSET (TandemAccountRecord, name));
  add_names (self->names, wanted, 't', teams, sizeof (TandemTeamRecord),
             G_STRUCT_OFFSET (TandemTeamRecord, name));
  add_names (self->names, wanted, 'r', reps, sizeof (TandemRepRecord),
             G_STRUCT_OFFSET (TandemRepRecord, name));
  return TRUE;
}

/* Settles @period under @plan; @fresh computes a closed period from its
 * activities instead of reading it back as frozen. */
static TandemSettlement *
settle (TandemTransaction *tx,
        TandemPlan        *plan,
        TandemPeriod      *period,
        GMainContext      *progress_context,
        GCancellable      *cancellable,
        gboolean           fresh,
        GError           **error)
{
  TandemStore *store = _tandem_transaction_get_store (tx);
  g_autoptr (TandemSettlement) self = NULL;
  g_autoptr (TandemLineTable) frozen_lines = _tandem_line_table_new ();
  g_autoptr (GArray) closed_teams = NULL;
  Frozen           frozen = { NULL, NULL, FALSE };
  g_autofree char *label = tandem_period_to_string (period);
  g_autoptr (GError) local = NULL;
  g_auto (TandemSchedule) schedule = { 0 };
  TandemEngine engine = { 0 };
  gboolean     is_closed;
  gboolean     ok;

  if (!_tandem_plan_check_period (plan, period, error))
    return NULL;

  self = settlement_new (store, plan, period);

  engine.store = store;
  engine.db = _tandem_transaction_get_db (tx);
  engine.plan = plan;
  engine.period = period;
  engine.progress_context = progress_context;
  engine.cancellable = cancellable;

  if (!_tandem_schedule_load (&schedule, engine.db, error))
    return NULL;
  engine.schedule = &schedule;
  {
    gint64                      start = _tandem_plan_period_start (plan, period);
    const TandemScheduleRecord *version
        = _tandem_schedule_version_at (&schedule, tandem_plan_get_name (plan), start);

    /* more than one plan: each settles the tandems that follow it */
    engine.filter_teams = version != NULL && _tandem_schedule_n_plans (&schedule) > 1;
    if (version != NULL && strcmp (version->text, tandem_plan_get_data (plan)) == 0)
      self->plan_version = (guint)version->number;
    for (guint i = 0; i < schedule.versions->len; i++)
      {
        const TandemScheduleRecord *v = &g_array_index (schedule.versions, TandemScheduleRecord, i);

        self->versioned |= strcmp (v->name, tandem_plan_get_name (plan)) == 0 && v->number > 1;
      }
  }

  closed_teams = g_array_new (FALSE, TRUE, sizeof (TandemTeamResultRecord));
  frozen.self = self;
  frozen.lines = frozen_lines;
  is_closed = !fresh
              && _tandem_db_load_closed_period (engine.db, tandem_plan_get_name (plan), label,
                                                frozen_line, &frozen, closed_teams, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }

  /* a period closed before schema 8 froze only its lines */
  if (is_closed && (closed_teams->len > 0 || frozen.any_team))
    {
      /* a closed period is read back exactly as it was frozen, with the
       * plan version and rates it was settled with */
      if (!load_closed_schedule (self, &schedule, label, engine.db, error))
        return NULL;
      self->lines = g_steal_pointer (&frozen_lines);
      if (!index_reps (self, NULL, error) || !total_held (self, error)
          || !load_team_results (self, closed_teams, error)
          || !resolve_names (self, engine.db, error))
        return NULL;
      return g_steal_pointer (&self);
    }

  if (!_tandem_engine_run (&engine, error))
    {
      _tandem_engine_clear (&engine);
      return NULL;
    }

  if (is_closed)
    {
      /* frozen before schema 8: the lines as frozen, tandem figures
       * recomputed from the engine's lines */
      self->lines = g_steal_pointer (&frozen_lines);
      ok = load_closed_schedule (self, &schedule, label, engine.db, error)
           && index_reps (self, NULL, error)
           && add_team_results (self, &engine, engine.lines, error);
    }
  else
    {
      self->state = TANDEM_SETTLEMENT_STATE_DRAFT;
      self->lines = g_steal_pointer (&engine.lines);
      self->conversions = g_steal_pointer (&engine.conversions);
      self->rates = g_steal_pointer (&engine.rates);
      self->held = g_steal_pointer (&engine.held);
      ok = index_reps (self, engine.teams, error) && _tandem_line_table_check (self->lines, error)
           && total_held (self, error) && add_team_results (self, &engine, NULL, error);
    }

  _tandem_store_report_progress (store, progress_context, "settle", engine.processed,
                                 engine.processed);
  _tandem_engine_clear (&engine);

  return ok && resolve_names (self, engine.db, error) ? g_steal_pointer (&self) : NULL;
}

TandemSettlement *
_tandem_settle_in (TandemTransaction *tx,
                   TandemPlan        *plan,
                   TandemPeriod      *period,
                   GMainContext      *progress_context,
                   GCancellable      *cancellable,
                   GError           **error)
{
  return settle (tx, plan, period, progress_context, cancellable, FALSE, error);
}

TandemSettlement *
_tandem_settle_fresh_in (TandemTransaction *tx,
                         TandemPlan        *plan,
                         TandemPeriod      *period,
                         GCancellable      *cancellable,
                         GError           **error)
{
  return settle (tx, plan, period, NULL, cancellable, TRUE, error);
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
TANDEM_DEFINE_GETTER (const char *,
                      tandem_settlement_get_plan_name,
                      TandemSettlement,
                      TANDEM_IS_SETTLEMENT,
                      plan_name,
                      NULL)

/**
 * tandem_settlement_get_plan_version:
 * @self: a `TandemSettlement`
 *
 * Gets the version of the stored plan the settlement applies: the one in
 * effect at the period's start, or, for a closed period, the one it was
 * settled with.
 *
 * Returns: the version number, or 0 for a plan that is not stored (or a
 *   period closed before plans had versions)
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (guint,
                      tandem_settlement_get_plan_version,
                      TandemSettlement,
                      TANDEM_IS_SETTLEMENT,
                      plan_version,
                      0)

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
TANDEM_DEFINE_GETTER (TandemPeriod *,
                      tandem_settlement_get_period,
                      TandemSettlement,
                      TANDEM_IS_SETTLEMENT,
                      period,
                      NULL)

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
TANDEM_DEFINE_GETTER (TandemSettlementState,
                      tandem_settlement_get_state,
                      TandemSettlement,
                      TANDEM_IS_SETTLEMENT,
                      state,
                      TANDEM_SETTLEMENT_STATE_DRAFT)

/**
 * tandem_settlement_get_transition:
 * @self: a `TandemSettlement`
 * @state: %TANDEM_SETTLEMENT_STATE_APPROVED or %TANDEM_SETTLEMENT_STATE_PAID
 * @who: (out) (optional) (transfer none): who made that step
 * @when: (out) (optional) (transfer full): when, in UTC
 *
 * Tells whether the settlement has reached @state, and who brought it
 * there when.
 *
 * Returns: %TRUE if @state was reached; @who and @when are set only then
 *
 * Since: 1.0
 */
gboolean
tandem_settlement_get_transition (TandemSettlement     *self,
                                  TandemSettlementState state,
                                  const char          **who,
                                  GDateTime           **when)
{
  const char *by;
  gint64      at;

  g_return_val_if_fail (TANDEM_IS_SETTLEMENT (self), FALSE);
  g_return_val_if_fail (
      state == TANDEM_SETTLEMENT_STATE_APPROVED || state == TANDEM_SETTLEMENT_STATE_PAID, FALSE);

  by = state == TANDEM_SETTLEMENT_STATE_APPROVED ? self->approved_by : self->paid_by;
  at = state == TANDEM_SETTLEMENT_STATE_APPROVED ? self->approved_at : self->paid_at;
  if (by == NULL)
    return FALSE;
  if (who != NULL)
    *who = by;
  if (when != NULL)
    *when = _tandem_time_from_usec (at);
  return TRUE;
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

  return _tandem_line_list_new (self, 0, _tandem_line_table_get_len (self->lines));
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
tandem_settlement_get_lines_for_rep (TandemSettlement *self, TandemRep *rep)
{
  guint first = 0, n = 0;

  g_return_val_if_fail (TANDEM_IS_SETTLEMENT (self), NULL);
  g_return_val_if_fail (TANDEM_IS_REP (rep), NULL);

  _tandem_settlement_rep_range (self, tandem_rep_get_id (rep), &first, &n);
  return _tandem_line_list_new (self, first, n);
}

/**
 * tandem_settlement_includes_rep:
 * @self: a `TandemSettlement`
 * @rep: a rep
 *
 * Whether @rep belongs in this settlement: it has lines in it, or it is a
 * member of one of the tandems the settlement's plan settles (see
 * [method@Tandem.Settlement.get_team_results]). A statement of a rep for
 * whom this is %FALSE would show nothing because the rep is paid under
 * another plan, not because the rep earned nothing.
 *
 * Returns: %TRUE when @rep belongs in the settlement
 *
 * Since: 1.0
 */
gboolean
tandem_settlement_includes_rep (TandemSettlement *self, TandemRep *rep)
{
  guint  first = 0, n = 0;
  gint64 id;

  g_return_val_if_fail (TANDEM_IS_SETTLEMENT (self), FALSE);
  g_return_val_if_fail (TANDEM_IS_REP (rep), FALSE);

  id = tandem_rep_get_id (rep);
  _tandem_settlement_rep_range (self, id, &first, &n);
  if (n > 0)
    return TRUE;
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->teams)); i++)
    {
      g_autoptr (TandemTeamResult) t = g_list_model_get_item (G_LIST_MODEL (self->teams), i);
      TandemTeam *team = tandem_team_result_get_team (t);
      TandemRep  *inside = tandem_team_get_inside_rep (team);
      TandemRep  *field = tandem_team_get_field_rep (team);

      if ((inside != NULL && tandem_rep_get_id (inside) == id)
          || (field != NULL && tandem_rep_get_id (field) == id))
        return TRUE;
    }
  return FALSE;
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
        TandemRep *rep
            = _tandem_store_load_rep (self->store, g_array_index (self->rep_ids, gint64, i), NULL);

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
tandem_settlement_get_total_for_rep (TandemSettlement *self, TandemRep *rep)
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

static gint64
held_for (TandemSettlement *self, gint64 rep_id)
{
  gint64 *held = self->held != NULL ? g_hash_table_lookup (self->held, &rep_id) : NULL;

  return held != NULL ? *held : 0;
}

/**
 * tandem_settlement_get_held_for_rep:
 * @self: a `TandemSettlement`
 * @rep: a rep
 *
 * Gets what @rep has held at the period's end under a plan that pays on
 * collection ([method@Tandem.Plan.get_pay_on]): the part of the
 * commission and accelerator its orders earned that their payments have
 * not paid yet. It is not part of [method@Tandem.Settlement.get_total_for_rep];
 * the periods of the payments pay it.
 *
 * Returns: (transfer full): the amount held, zero under a plan that pays
 *   on the order
 *
 * Since: 1.0
 */
TandemMoney *
tandem_settlement_get_held_for_rep (TandemSettlement *self, TandemRep *rep)
{
  g_return_val_if_fail (TANDEM_IS_SETTLEMENT (self), NULL);
  g_return_val_if_fail (TANDEM_IS_REP (rep), NULL);

  return tandem_money_new (held_for (self, tandem_rep_get_id (rep)), self->currency);
}

/**
 * tandem_settlement_get_held:
 * @self: a `TandemSettlement`
 *
 * Gets what all reps have held at the period's end (see
 * [method@Tandem.Settlement.get_held_for_rep]); not part of
 * [method@Tandem.Settlement.get_total].
 *
 * Returns: (transfer full): the amount held
 *
 * Since: 1.0
 */
TandemMoney *
tandem_settlement_get_held (TandemSettlement *self)
{
  g_return_val_if_fail (TANDEM_IS_SETTLEMENT (self), NULL);

  return tandem_money_new (self->held_total, self->currency);
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
write_money (TandemJsonWriter *w, const char *name, gint64 minor, const char *currency)
{
  g_autoptr (TandemMoney) m = tandem_money_new (minor, currency);
  g_autofree char *text = tandem_money_to_string (m);

  tandem_json_writer_member (w, name);
  tandem_json_writer_add_string (w, text);
}

/* One line as JSON (with its rep when it stands outside the rep's own
 * object), its explanation made only now from what the settlement holds:
 * only a closed period's stored text is read, and an error reading it is
 * the writer's error. */
static gboolean
write_line (TandemSettlement *self,
            TandemJsonWriter *w,
            const TandemLine *l,
            gboolean          with_rep,
            GError          **error)
{
  g_autofree char *text = _tandem_settlement_explain (self, l, error);

  if (text == NULL)
    return FALSE;
  tandem_json_writer_begin_object (w);
  if (with_rep)
    {
      tandem_json_writer_member (w, "rep");
      tandem_json_writer_add_int (w, l->rep_id);
    }
  tandem_json_writer_member (w, "kind");
  tandem_json_writer_add_string (w, _tandem_enum_to_nick (TANDEM_TYPE_LINE_KIND, l->kind));
  write_money (w, "amount", l->amount, self->currency);
  tandem_json_writer_member (w, "activity");
  if (l->activity_id > 0)
    tandem_json_writer_add_int (w, l->activity_id);
  else
    tandem_json_writer_add_null (w);
  tandem_json_writer_member (w, "explanation");
  tandem_json_writer_add_string (w, text);
  tandem_json_writer_end_object (w);
  return TRUE;
}

/* The settlement's JSON, written as it goes: one rep's lines at a time,
 * each explanation made only while it is written. */
static gboolean
write_settlement (TandemSettlement *self, TandemJsonWriter *w, GError **error)
{
  g_autofree char *label = tandem_period_to_string (self->period);

  tandem_json_writer_begin_object (w);
  tandem_json_writer_member (w, "period");
  tandem_json_writer_add_string (w, label);
  tandem_json_writer_member (w, "plan");
  tandem_json_writer_add_string (w, self->plan_name);
  if (self->plan_version > 0)
    {
      tandem_json_writer_member (w, "plan_version");
      tandem_json_writer_add_int (w, self->plan_version);
    }
  if (self->rates != NULL && self->rates->len > 0)
    {
      tandem_json_writer_member (w, "rates");
      tandem_json_writer_begin_array (w);
      for (guint i = 0; i < self->rates->len; i++)
        {
          const TandemScheduleRecord *r = &g_array_index (self->rates, TandemScheduleRecord, i);
          g_autofree char            *since = _tandem_time_format (r->from_at);

          tandem_json_writer_begin_object (w);
          tandem_json_writer_member (w, "from");
          tandem_json_writer_add_string (w, r->currency);
          tandem_json_writer_member (w, "to");
          tandem_json_writer_add_string (w, r->to_currency);
          tandem_json_writer_member (w, "rate");
          tandem_json_writer_add_string (w, r->text);
          tandem_json_writer_member (w, "since");
          tandem_json_writer_add_string (w, since);
          tandem_json_writer_end_object (w);
        }
      tandem_json_writer_end_array (w);
    }
  tandem_json_writer_member (w, "state");
  tandem_json_writer_add_string (w,
                                 _tandem_enum_to_nick (TANDEM_TYPE_SETTLEMENT_STATE, self->state));
  for (int s = TANDEM_SETTLEMENT_STATE_APPROVED; s <= TANDEM_SETTLEMENT_STATE_PAID; s++)
    {
      const char *who = s == TANDEM_SETTLEMENT_STATE_APPROVED ? self->approved_by : self->paid_by;
      gint64      at = s == TANDEM_SETTLEMENT_STATE_APPROVED ? self->approved_at : self->paid_at;
      g_autofree char *when = NULL;

      if (who == NULL)
        continue;
      when = _tandem_time_format (at);
      tandem_json_writer_member (w,
                                 s == TANDEM_SETTLEMENT_STATE_APPROVED ? "approved_by" : "paid_by");
      tandem_json_writer_add_string (w, who);
      tandem_json_writer_member (w,
                                 s == TANDEM_SETTLEMENT_STATE_APPROVED ? "approved_at" : "paid_at");
      tandem_json_writer_add_string (w, when);
    }
  write_money (w, "total", self->total, self->currency);
  if (self->collects)
    write_money (w, "held", self->held_total, self->currency);

  tandem_json_writer_member (w, "reps");
  tandem_json_writer_begin_array (w);
  for (guint r = 0; r < self->rep_ids->len; r++)
    {
      gint64 rep_id = g_array_index (self->rep_ids, gint64, r);
      guint  first = g_array_index (self->rep_first, guint, r);
      guint  next = r + 1 < self->rep_first->len ? g_array_index (self->rep_first, guint, r + 1)
                                                 : _tandem_line_table_get_len (self->lines);
      gint64 total = g_array_index (self->rep_totals, gint64, r);

      tandem_json_writer_begin_object (w);
      tandem_json_writer_member (w, "rep");
      tandem_json_writer_add_int (w, rep_id);
      tandem_json_writer_member (w, "name");
      tandem_json_writer_add_string (w, _tandem_settlement_name (self, 'r', rep_id));
      write_money (w, "total", total, self->currency);
      if (self->collects)
        write_money (w, "held", held_for (self, rep_id), self->currency);
      tandem_json_writer_member (w, "lines");
      tandem_json_writer_begin_array (w);
      TandemLineIter    iter;
      const TandemLine *l;

      _tandem_line_iter_init (&iter, self->lines, first, next);
      while ((l = _tandem_line_iter_next (&iter)) != NULL)
        if (!write_line (self, w, l, FALSE, error))
          return FALSE;
      tandem_json_writer_end_array (w);
      tandem_json_writer_end_object (w);
    }
  tandem_json_writer_end_array (w);

  tandem_json_writer_member (w, "teams");
  tandem_json_writer_begin_array (w);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->teams)); i++)
    {
      g_autoptr (TandemTeamResult) t = g_list_model_get_item (G_LIST_MODEL (self->teams), i);
      TandemTeam *team = tandem_team_result_get_team (t);
      int         att = tandem_team_result_get_attainment (t);

      tandem_json_writer_begin_object (w);
      tandem_json_writer_member (w, "team");
      tandem_json_writer_add_int (w, tandem_team_get_id (team));
      tandem_json_writer_member (w, "name");
      tandem_json_writer_add_string (w, tandem_team_get_name (team));
      write_money (w, "revenue", tandem_money_get_minor_units (tandem_team_result_get_revenue (t)),
                   self->currency);
      if (tandem_team_result_get_target (t) != NULL)
        write_money (w, "target", tandem_money_get_minor_units (tandem_team_result_get_target (t)),
                     self->currency);
      else
        {
          tandem_json_writer_member (w, "target");
          tandem_json_writer_add_null (w);
        }
      tandem_json_writer_member (w, "attainment");
      if (att >= 0)
        {
          g_autofree char *text = _tandem_share_text (att);

          tandem_json_writer_add_string (w, text);
        }
      else
        tandem_json_writer_add_null (w);
      write_money (w, "payout", tandem_money_get_minor_units (tandem_team_result_get_payout (t)),
                   self->currency);
      tandem_json_writer_end_object (w);
    }
  tandem_json_writer_end_array (w);
  tandem_json_writer_end_object (w);
  return TRUE;
}

/**
 * tandem_settlement_to_json:
 * @self: a `TandemSettlement`
 *
 * Writes the settlement as JSON:
 *
 * ```
 * {"period": "2026-11", "plan": "Standard", "plan_version": 1, "state": "draft", "total": "…",
 *  "reps": [{"rep": 1, "name": "…", "total": "…",
 *            "lines": [{"kind": "commission", "amount": "…", "activity": 17,
 *                       "explanation": "…"}]}],
 *  "teams": [{"team": 1, "name": "…", "revenue": "…", "target": "…",
 *             "attainment": "104.50%", "payout": "…"}]}
 * ```
 *
 * Amounts are canonical money strings. `plan_version` is left out for a
 * plan that is not stored; `"rates": [{"from": "CHF", "to": "EUR",
 * "rate": "0.95", "since": "…"}]` lists the exchange rates used, when
 * any. The same settlement always gives the same bytes.
 *
 * Returns: (transfer full): the JSON text
 *
 * Since: 1.0
 */
char *
tandem_settlement_to_json (TandemSettlement *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemJsonWriter) w = NULL;

  g_return_val_if_fail (TANDEM_IS_SETTLEMENT (self), NULL);

  w = tandem_json_writer_new (NULL, NULL);
  if (!write_settlement (self, w, &error))
    {
      /* the text cannot carry an error: what could not be read says so
       * (tandem_settlement_write_json() returns it) */
      g_autoptr (TandemJsonWriter) e = tandem_json_writer_new (NULL, NULL);

      tandem_json_writer_begin_object (e);
      tandem_json_writer_member (e, "error");
      tandem_json_writer_add_string (e, error->message);
      tandem_json_writer_end_object (e);
      return tandem_json_writer_steal_text (e);
    }
  return tandem_json_writer_steal_text (w);
}

/**
 * tandem_settlement_lines_to_json:
 * @self: a `TandemSettlement`
 * @first: the index of the first line, as in [method@Tandem.Settlement.get_lines]
 * @n: how many lines at most
 *
 * Writes the lines [@first, @first + @n) as one JSON array, each line an
 * object with its rep, kind, amount (a canonical money string), activity
 * and explanation:
 *
 * ```
 * [{"rep": 1, "kind": "commission", "amount": "24.00 EUR", "activity": 17,
 *   "explanation": "…"}]
 * ```
 *
 * A script that reads many lines crosses the binding once per batch
 * instead of several times per line: from GJS,
 * `JSON.parse (settlement.lines_to_json (i, 10000))` reads ten thousand
 * lines in one call.
 *
 * Returns: (transfer full): the JSON text; `[]` past the last line
 *
 * Since: 1.0
 */
char *
tandem_settlement_lines_to_json (TandemSettlement *self, guint first, guint n)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemJsonWriter) w = NULL;
  guint             len;
  TandemLineIter    iter;
  const TandemLine *l;

  g_return_val_if_fail (TANDEM_IS_SETTLEMENT (self), NULL);

  len = _tandem_line_table_get_len (self->lines);
  first = MIN (first, len);
  w = tandem_json_writer_new (NULL, NULL);
  tandem_json_writer_begin_array (w);
  _tandem_line_iter_init (&iter, self->lines, first, first + MIN (n, len - first));
  while ((l = _tandem_line_iter_next (&iter)) != NULL)
    if (!write_line (self, w, l, TRUE, &error))
      {
        g_autoptr (TandemJsonWriter) e = tandem_json_writer_new (NULL, NULL);

        tandem_json_writer_begin_array (e);
        tandem_json_writer_begin_object (e);
        tandem_json_writer_member (e, "error");
        tandem_json_writer_add_string (e, error->message);
        tandem_json_writer_end_object (e);
        tandem_json_writer_end_array (e);
        return tandem_json_writer_steal_text (e);
      }
  tandem_json_writer_end_array (w);
  return tandem_json_writer_steal_text (w);
}

/**
 * tandem_settlement_write_json:
 * @self: a `TandemSettlement`
 * @stream: where to write
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes the same JSON as [method@Tandem.Settlement.to_json] to @stream as
 * it goes, a few kilobytes at a time, without holding the text or a JSON
 * tree in memory: the way to write a large settlement.
 *
 * Returns: %TRUE on success; %FALSE with @error set when @stream fails
 *
 * Since: 1.0
 */
gboolean
tandem_settlement_write_json (TandemSettlement *self,
                              GOutputStream    *stream,
                              GCancellable     *cancellable,
                              GError          **error)
{
  g_autoptr (TandemJsonWriter) w = NULL;

  g_return_val_if_fail (TANDEM_IS_SETTLEMENT (self), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  w = tandem_json_writer_new (stream, cancellable);
  if (!write_settlement (self, w, error))
    {
      g_autoptr (GError) ignored = NULL;

      tandem_json_writer_finish (w, &ignored);
      return FALSE;
    }
  return tandem_json_writer_finish (w, error);
}

/* ------------------------------------------------------------------ */
/* Settling from the store                                             */

/**
 * tandem_settlement_new:
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
tandem_settlement_new (TandemStore *self, TandemPlan *plan, TandemPeriod *period, GError **error)
{
  TandemSettlement *settlement;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (TANDEM_IS_PLAN (plan), NULL);
  g_return_val_if_fail (period != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  {
    g_autoptr (TandemTransaction) tx = _tandem_transaction_new (self);

    settlement = _tandem_settle_in (tx, plan, period, NULL, NULL, error);
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

static gpointer
settle_in_thread (gpointer source, gpointer task_data, GCancellable *cancellable, GError **error)
{
  SettleData *data = task_data;
  g_autoptr (TandemTransaction) tx = _tandem_transaction_new (source);

  return _tandem_settle_in (tx, data->plan, data->period, data->context, cancellable, error);
}

/**
 * tandem_settlement_compute_async:
 * @self: a `TandemStore`
 * @plan: the compensation plan
 * @period: the period
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the settlement is ready
 * @user_data: data for @callback
 *
 * Runs [ctor@Tandem.Settlement.new] in a worker thread, emitting
 * [signal@Tandem.Store::progress] ("settle") in the caller's main context.
 *
 * Since: 1.0
 */
void
tandem_settlement_compute_async (TandemStore        *self,
                                 TandemPlan         *plan,
                                 TandemPeriod       *period,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  SettleData *data;
  GTask      *task;

  g_return_if_fail (TANDEM_IS_STORE (self));
  g_return_if_fail (TANDEM_IS_PLAN (plan));
  g_return_if_fail (period != NULL);

  data = g_new0 (SettleData, 1);
  data->plan = g_object_ref (plan);
  data->period = tandem_period_copy (period);
  data->context = g_main_context_ref_thread_default ();

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tandem_settlement_compute_async);
  _tandem_task_run (task, settle_in_thread, data, (GDestroyNotify)settle_data_free);
}

/**
 * tandem_settlement_compute_finish:
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Finishes [func@Tandem.Settlement.compute_async].
 *
 * Returns: (transfer full): the settlement, or %NULL
 *
 * Since: 1.0
 */
TandemSettlement *
tandem_settlement_compute_finish (GAsyncResult *result, GError **error)
{
  return _tandem_task_finish (result, tandem_settlement_compute_async, error);
}
