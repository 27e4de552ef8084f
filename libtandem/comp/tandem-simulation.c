/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-simulation.c: what-if. A candidate plan is settled over a period
 * (a month, or the months or quarters of a longer one) next to a stored
 * plan, both computed from the activities as if every period were open,
 * in one read transaction: nothing is written. */

#include "config.h"

#include <inttypes.h>

#include "tandem-i18n-private.h"
#include "tandem-json-writer.h"
#include "tandem-rate-private.h"
#include "tandem-plan-private.h"
#include "tandem-record-private.h"
#include "tandem-settlement-engine-private.h"
#include "tandem-simulation-private.h"
#include "tandem-store-private.h"
#include "tandem-util-private.h"

/**
 * TandemSimulation:
 *
 * What a candidate plan would pay before it goes live: the period is
 * settled under the candidate and under a stored plan, both from the
 * activities (a closed period as if it were open), and the figures are
 * set side by side per rep and per tandem, with the cost as a share of
 * the revenue. Nothing is written to the store.
 *
 * A period longer than the plans' (a quarter or a year of a monthly plan)
 * is settled period by period and added up; the stored plan is applied in
 * the version in effect in each.
 *
 * Since: 1.0
 */
struct _TandemSimulation
{
  GObject parent_instance;

  char                *plan_name;
  char                *vs;
  TandemPeriod        *period;
  TandemSimulationRow *total;
  int                  current_share;
  int                  candidate_share;
  GListStore          *reps;
  GListStore          *teams;
};

static const TandemField fields[] = {
  /**
   * TandemSimulation:plan-name:
   *
   * The candidate plan's name.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_STRING (TandemSimulation, plan_name, "plan-name"),
  /**
   * TandemSimulation:vs:
   *
   * The stored plan the candidate is set against.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_STRING (TandemSimulation, vs, "vs"),
  /**
   * TandemSimulation:period:
   *
   * The period simulated.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_BOXED (TandemSimulation, period, "period", tandem_period_get_type),
  /**
   * TandemSimulation:total:
   *
   * The totals: what the stored plan pays in all, what the candidate
   * would pay, the difference, and the tandems' revenue in the period
   * (net of reversals).
   *
   * Since: 1.0
   */
  TANDEM_FIELD_OBJECT (TandemSimulation, total, "total", tandem_simulation_row_get_type),
  /**
   * TandemSimulation:current-share:
   *
   * What the stored plan pays as a share of the revenue, in basis points
   * (450 = 4.5%), rounded half away from zero; -1 without revenue.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_INT (TandemSimulation, current_share, "current-share", -1, G_MAXINT, -1),
  /**
   * TandemSimulation:candidate-share:
   *
   * What the candidate would pay as a share of the revenue, in basis
   * points; -1 without revenue.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_INT (TandemSimulation, candidate_share, "candidate-share", -1, G_MAXINT, -1),
  /**
   * TandemSimulation:reps:
   *
   * One [class@Tandem.SimulationRow] per rep either plan pays, by rep id
   * (see [method@Tandem.Simulation.get_reps]).
   *
   * Since: 1.0
   */
  TANDEM_FIELD_OBJECT (TandemSimulation, reps, "reps", g_list_model_get_type),
  /**
   * TandemSimulation:teams:
   *
   * One [class@Tandem.SimulationRow] per tandem either plan settles, with
   * its revenue, by tandem id.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_OBJECT (TandemSimulation, teams, "teams", g_list_model_get_type),
};

TANDEM_DEFINE_RECORD_TYPE (TandemSimulation, tandem_simulation, fields, G_PARAM_READABLE)

/* ------------------------------------------------------------------ */
/* Computing                                                          */

/* One rep's or tandem's sums. */
typedef struct
{
  GObject *who; /* TandemRep or TandemTeam */
  gint64   sums[2];
  gint64   revenue;
} Sums;

static void
sums_free (gpointer data)
{
  Sums *s = data;

  g_clear_object (&s->who);
  g_free (s);
}

static Sums *
sums_for (GHashTable *table, gint64 id, GObject *who)
{
  Sums *s = g_hash_table_lookup (table, &id);

  if (s == NULL)
    {
      s = g_new0 (Sums, 1);
      s->who = g_object_ref (who);
      g_hash_table_insert (table, g_memdup2 (&id, sizeof id), s);
    }
  return s;
}

/* The periods of @kind that make up @span, or an error when @span is
 * shorter than them. */
static GPtrArray *
spanned_periods (TandemPlan *plan, const TandemPeriod *span, GError **error)
{
  GPtrArray       *out = g_ptr_array_new_with_free_func ((GDestroyNotify)tandem_period_free);
  TandemPeriodKind kind = tandem_plan_get_period_kind (plan);
  TandemPeriod     first = { kind, span->year, 1 };
  guint            n;

  if (span->kind == kind)
    {
      g_ptr_array_add (out, tandem_period_copy (span));
      return out;
    }
  if (kind == TANDEM_PERIOD_KIND_YEAR || span->kind == TANDEM_PERIOD_KIND_MONTH
      || (kind == TANDEM_PERIOD_KIND_QUARTER && span->kind == TANDEM_PERIOD_KIND_QUARTER))
    {
      g_autofree char *label = tandem_period_to_string (span);

      g_ptr_array_unref (out);
      g_set_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_INVALID_PERIOD,
                   _ ("%s is shorter than a period of plan “%s”: simulate one of its periods or "
                      "a longer span"),
                   label, tandem_plan_get_name (plan));
      return NULL;
    }
  /* months of a quarter or a year; quarters of a year */
  if (span->kind == TANDEM_PERIOD_KIND_QUARTER)
    first.index = (span->index - 1) * 3 + 1;
  n = span->kind == TANDEM_PERIOD_KIND_QUARTER ? 3 : kind == TANDEM_PERIOD_KIND_MONTH ? 12 : 4;
  for (guint i = 0; i < n; i++)
    {
      TandemPeriod *p = tandem_period_copy (&first);

      p->index += (int)i;
      g_ptr_array_add (out, p);
    }
  return out;
}

/* Settles every period of @span under @plan (or, when @plan is NULL, under
 * the version of @name in effect in each) into column @column. */
static gboolean
add_plan (TandemTransaction  *tx,
          TandemPlan         *plan,
          const char         *name,
          const TandemPeriod *span,
          guint               column,
          GHashTable         *reps,
          GHashTable         *teams,
          GCancellable       *cancellable,
          GError            **error)
{
  TandemStore *store = _tandem_transaction_get_store (tx);
  g_autoptr (TandemPlan) latest
      = plan != NULL ? g_object_ref (plan) : tandem_plan_load (store, name, error);
  g_autoptr (GPtrArray) periods = NULL;

  if (latest == NULL || (periods = spanned_periods (latest, span, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < periods->len; i++)
    {
      TandemPeriod *p = periods->pdata[i];
      g_autoptr (TandemPlan) version
          = plan != NULL ? g_object_ref (plan) : tandem_plan_load_at (store, name, p, error);
      g_autoptr (TandemSettlement) s = NULL;
      g_autoptr (GListModel) rep_list = NULL;
      g_autoptr (GListModel) team_list = NULL;

      if (version == NULL
          || (s = _tandem_settle_fresh_in (tx, version, p, cancellable, error)) == NULL)
        return FALSE;
      if (strcmp (tandem_plan_get_currency (version), tandem_plan_get_currency (latest)) != 0)
        {
          g_set_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_CURRENCY_MISMATCH,
                       _ ("Plan “%s” changes its currency within the span"), name);
          return FALSE;
        }
      rep_list = tandem_settlement_get_reps (s);
      for (guint k = 0; k < g_list_model_get_n_items (rep_list); k++)
        {
          g_autoptr (TandemRep) rep = g_list_model_get_item (rep_list, k);
          g_autoptr (TandemMoney) total = tandem_settlement_get_total_for_rep (s, rep);
          Sums *sums = sums_for (reps, tandem_rep_get_id (rep), G_OBJECT (rep));

          if (!_tandem_add_checked (&sums->sums[column], tandem_money_get_minor_units (total)))
            return _tandem_overflow_error (error, _ ("What rep “%s” is paid"),
                                           tandem_rep_get_name (rep));
        }
      team_list = tandem_settlement_get_team_results (s);
      for (guint k = 0; k < g_list_model_get_n_items (team_list); k++)
        {
          g_autoptr (TandemTeamResult) r = g_list_model_get_item (team_list, k);
          TandemTeam *team = tandem_team_result_get_team (r);
          Sums       *sums = sums_for (teams, tandem_team_get_id (team), G_OBJECT (team));

          if (!_tandem_add_checked (&sums->sums[column], tandem_money_get_minor_units (
                                                             tandem_team_result_get_payout (r)))
              || (column == 0
                  && !_tandem_add_checked (
                      &sums->revenue,
                      tandem_money_get_minor_units (tandem_team_result_get_revenue (r)))))
            return _tandem_overflow_error (error, _ ("The figures of tandem “%s”"),
                                           tandem_team_get_name (team));
        }
    }
  return TRUE;
}

/* The rows of @table in id order, and the sums of its columns. */
static gboolean
add_rows (GListStore *store, GHashTable *table, gboolean teams, const char *cur, gint64 totals[3])
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gpointer       key;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_array_append_val (ids, *(gint64 *)key);
  g_array_sort (ids, _tandem_compare_int64);
  for (guint i = 0; i < ids->len; i++)
    {
      Sums       *s = g_hash_table_lookup (table, &g_array_index (ids, gint64, i));
      const char *name = teams ? tandem_team_get_name (TANDEM_TEAM (s->who))
                               : tandem_rep_get_name (TANDEM_REP (s->who));
      g_autoptr (TandemSimulationRow) row = _tandem_simulation_row_new (
          name, teams ? NULL : TANDEM_REP (s->who), teams ? TANDEM_TEAM (s->who) : NULL,
          tandem_money_new (s->sums[0], cur), tandem_money_new (s->sums[1], cur),
          teams ? tandem_money_new (s->revenue, cur) : NULL);

      g_list_store_append (store, row);
      if (!_tandem_add_checked (&totals[0], s->sums[0])
          || !_tandem_add_checked (&totals[1], s->sums[1])
          || !_tandem_add_checked (&totals[2], s->revenue))
        return FALSE;
    }
  return TRUE;
}

static int
share_of (gint64 paid, gint64 revenue)
{
  gboolean overflow = FALSE;
  gint64   bp;

  if (revenue <= 0)
    return -1;
  bp = _tandem_mul_div_round (paid, 10000, revenue, &overflow);
  return overflow || bp > G_MAXINT || bp < 0 ? -1 : (int)bp;
}

typedef struct
{
  TandemPlan   *candidate;
  char         *vs;
  TandemPeriod *period;
} SimulationData;

static void
simulation_data_free (SimulationData *d)
{
  g_clear_object (&d->candidate);
  g_free (d->vs);
  g_clear_pointer (&d->period, tandem_period_free);
  g_free (d);
}

static gpointer
simulate (gpointer source, gpointer data, GCancellable *cancellable, GError **error)
{
  TandemStore    *store = source;
  SimulationData *d = data;
  g_autoptr (TandemSimulation) self = g_object_new (TANDEM_TYPE_SIMULATION, NULL);
  g_autoptr (GHashTable) reps
      = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, sums_free);
  g_autoptr (GHashTable) teams
      = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, sums_free);
  const char *cur = tandem_plan_get_currency (d->candidate);
  gint64      rep_totals[3] = { 0, 0, 0 };
  gint64      team_totals[3] = { 0, 0, 0 };

  self->reps = g_list_store_new (TANDEM_TYPE_SIMULATION_ROW);
  self->teams = g_list_store_new (TANDEM_TYPE_SIMULATION_ROW);
  self->current_share = self->candidate_share = -1;
  self->plan_name = g_strdup (tandem_plan_get_name (d->candidate));
  self->period = tandem_period_copy (d->period);
  if ((self->vs = tandem_plan_resolve_name (store, d->vs, error)) == NULL)
    return NULL;
  {
    g_autoptr (TandemTransaction) tx = _tandem_transaction_new (store);

    if (!add_plan (tx, NULL, self->vs, d->period, 0, reps, teams, cancellable, error)
        || !add_plan (tx, d->candidate, NULL, d->period, 1, reps, teams, cancellable, error))
      return NULL;
  }
  {
    g_autoptr (TandemPlan) stored = tandem_plan_load (store, self->vs, error);

    if (stored == NULL)
      return NULL;
    if (strcmp (tandem_plan_get_currency (stored), cur) != 0)
      {
        g_set_error (error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_CURRENCY_MISMATCH,
                     _ ("Plan “%s” pays in %s and plan “%s” in %s: a simulation sets plans of "
                        "one currency side by side"),
                     self->plan_name, cur, self->vs, tandem_plan_get_currency (stored));
        return NULL;
      }
  }
  if (!add_rows (self->reps, reps, FALSE, cur, rep_totals)
      || !add_rows (self->teams, teams, TRUE, cur, team_totals))
    return _tandem_overflow_error (error, _ ("The simulation’s totals")), NULL;
  self->total = _tandem_simulation_row_new (
      _ ("Total"), NULL, NULL, tandem_money_new (rep_totals[0], cur),
      tandem_money_new (rep_totals[1], cur), tandem_money_new (team_totals[2], cur));
  self->current_share = share_of (rep_totals[0], team_totals[2]);
  self->candidate_share = share_of (rep_totals[1], team_totals[2]);
  return g_steal_pointer (&self);
}

/**
 * tandem_simulation_new:
 * @store: a `TandemStore`
 * @candidate: the plan to try, not necessarily stored
 * @vs: (nullable): the stored plan to set it against, or %NULL for the
 *   default plan
 * @period: a period of the plans, or a longer one (a quarter or a year)
 * @cancellable: (nullable): a `GCancellable`
 * @error: return location for a `GError`
 *
 * Settles @period under @candidate and under the stored plan @vs, both
 * from the activities (open and closed periods alike), and sets the
 * totals per rep and per tandem side by side. Writes nothing.
 *
 * Returns: (transfer full): the simulation, or %NULL with a
 *   %TANDEM_PLAN_ERROR or %TANDEM_STORE_ERROR (no such stored plan, a
 *   period shorter than the plans', plans of different currencies, or an
 *   error of the settlement)
 *
 * Since: 1.0
 */
TandemSimulation *
tandem_simulation_new (TandemStore  *store,
                       TandemPlan   *candidate,
                       const char   *vs,
                       TandemPeriod *period,
                       GCancellable *cancellable,
                       GError      **error)
{
  SimulationData d = { candidate, (char *)vs, period };

  g_return_val_if_fail (TANDEM_IS_STORE (store), NULL);
  g_return_val_if_fail (TANDEM_IS_PLAN (candidate), NULL);
  g_return_val_if_fail (period != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return simulate (store, &d, cancellable, error);
}

/**
 * tandem_simulation_compute_async:
 * @store: a `TandemStore`
 * @candidate: the plan to try
 * @vs: (nullable): the stored plan to set it against, or %NULL for the
 *   default plan
 * @period: the period
 * @cancellable: (nullable): a `GCancellable`
 * @callback: (scope async): called when the simulation is ready
 * @user_data: data for @callback
 *
 * Runs [ctor@Tandem.Simulation.new] in a worker thread.
 *
 * Since: 1.0
 */
void
tandem_simulation_compute_async (TandemStore        *store,
                                 TandemPlan         *candidate,
                                 const char         *vs,
                                 TandemPeriod       *period,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  SimulationData *d;
  GTask          *task;

  g_return_if_fail (TANDEM_IS_STORE (store));
  g_return_if_fail (TANDEM_IS_PLAN (candidate));
  g_return_if_fail (period != NULL);

  d = g_new0 (SimulationData, 1);
  d->candidate = g_object_ref (candidate);
  d->vs = g_strdup (vs);
  d->period = tandem_period_copy (period);
  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, tandem_simulation_compute_async);
  _tandem_task_run (task, simulate, d, (GDestroyNotify)simulation_data_free);
}

/**
 * tandem_simulation_compute_finish:
 * @result: the result passed to the callback
 * @error: return location for a `GError`
 *
 * Finishes [func@Tandem.Simulation.compute_async].
 *
 * Returns: (transfer full): the simulation, or %NULL
 *
 * Since: 1.0
 */
TandemSimulation *
tandem_simulation_compute_finish (GAsyncResult *result, GError **error)
{
  return _tandem_task_finish (result, tandem_simulation_compute_async, error);
}

/**
 * tandem_simulation_get_plan_name:
 * @self: a `TandemSimulation`
 *
 * Gets [property@Tandem.Simulation:plan-name].
 *
 * Returns: (transfer none): the candidate's name
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (const char *,
                      tandem_simulation_get_plan_name,
                      TandemSimulation,
                      TANDEM_IS_SIMULATION,
                      plan_name,
                      NULL)

/**
 * tandem_simulation_get_vs:
 * @self: a `TandemSimulation`
 *
 * Gets [property@Tandem.Simulation:vs].
 *
 * Returns: (transfer none): the stored plan's name
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (const char *,
                      tandem_simulation_get_vs,
                      TandemSimulation,
                      TANDEM_IS_SIMULATION,
                      vs,
                      NULL)

/**
 * tandem_simulation_get_period:
 * @self: a `TandemSimulation`
 *
 * Gets [property@Tandem.Simulation:period].
 *
 * Returns: (transfer none): the period
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemPeriod *,
                      tandem_simulation_get_period,
                      TandemSimulation,
                      TANDEM_IS_SIMULATION,
                      period,
                      NULL)

/**
 * tandem_simulation_get_total:
 * @self: a `TandemSimulation`
 *
 * Gets [property@Tandem.Simulation:total].
 *
 * Returns: (transfer none): the totals, as a row named "Total"
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemSimulationRow *,
                      tandem_simulation_get_total,
                      TandemSimulation,
                      TANDEM_IS_SIMULATION,
                      total,
                      NULL)

/**
 * tandem_simulation_get_current_share:
 * @self: a `TandemSimulation`
 *
 * Gets [property@Tandem.Simulation:current-share].
 *
 * Returns: basis points of the revenue, or -1
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (int,
                      tandem_simulation_get_current_share,
                      TandemSimulation,
                      TANDEM_IS_SIMULATION,
                      current_share,
                      -1)

/**
 * tandem_simulation_get_candidate_share:
 * @self: a `TandemSimulation`
 *
 * Gets [property@Tandem.Simulation:candidate-share].
 *
 * Returns: basis points of the revenue, or -1
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (int,
                      tandem_simulation_get_candidate_share,
                      TandemSimulation,
                      TANDEM_IS_SIMULATION,
                      candidate_share,
                      -1)

/**
 * tandem_simulation_get_reps:
 * @self: a `TandemSimulation`
 *
 * Gets one row per rep either plan pays, by rep id.
 *
 * Returns: (transfer full): a list model of [class@Tandem.SimulationRow]
 *
 * Since: 1.0
 */
GListModel *
tandem_simulation_get_reps (TandemSimulation *self)
{
  g_return_val_if_fail (TANDEM_IS_SIMULATION (self), NULL);
  return G_LIST_MODEL (g_object_ref (self->reps));
}

/**
 * tandem_simulation_get_teams:
 * @self: a `TandemSimulation`
 *
 * Gets one row per tandem either plan settles, by tandem id, with its
 * revenue.
 *
 * Returns: (transfer full): a list model of [class@Tandem.SimulationRow]
 *
 * Since: 1.0
 */
GListModel *
tandem_simulation_get_teams (TandemSimulation *self)
{
  g_return_val_if_fail (TANDEM_IS_SIMULATION (self), NULL);
  return G_LIST_MODEL (g_object_ref (self->teams));
}

static void
write_money (TandemJsonWriter *w, const char *name, TandemMoney *m)
{
  g_autofree char *text = tandem_money_to_string (m);

  tandem_json_writer_member (w, name);
  tandem_json_writer_add_string (w, text);
}

static void
write_string (TandemJsonWriter *w, const char *name, const char *value)
{
  tandem_json_writer_member (w, name);
  tandem_json_writer_add_string (w, value);
}

static void
write_rows (TandemJsonWriter *w, GListStore *rows, gboolean teams)
{
  tandem_json_writer_begin_array (w);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (rows)); i++)
    {
      g_autoptr (TandemSimulationRow) row = g_list_model_get_item (G_LIST_MODEL (rows), i);
      TandemMoney *revenue = tandem_simulation_row_get_revenue (row);

      tandem_json_writer_begin_object (w);
      tandem_json_writer_member (w, teams ? "team" : "rep");
      tandem_json_writer_add_int (w, teams
                                         ? tandem_team_get_id (tandem_simulation_row_get_team (row))
                                         : tandem_rep_get_id (tandem_simulation_row_get_rep (row)));
      write_string (w, "name", tandem_simulation_row_get_name (row));
      write_money (w, "current", tandem_simulation_row_get_current (row));
      write_money (w, "candidate", tandem_simulation_row_get_candidate (row));
      write_money (w, "difference", tandem_simulation_row_get_difference (row));
      if (revenue != NULL)
        write_money (w, "revenue", revenue);
      tandem_json_writer_end_object (w);
    }
  tandem_json_writer_end_array (w);
}

/**
 * tandem_simulation_to_json:
 * @self: a `TandemSimulation`
 *
 * Writes the simulation as JSON: `period`, `plan`, `vs`, `reps` (each
 * `rep`, `name`, `current`, `candidate`, `difference`), `teams` (each
 * `team`, `name`, the same and `revenue`), `total` (`current`,
 * `candidate`, `difference`, `revenue`) and `share` (`current`,
 * `candidate`: basis points of the revenue, or null). Amounts are money
 * strings such as `"1250.00 EUR"`.
 *
 * Returns: (transfer full): the JSON text
 *
 * Since: 1.0
 */
char *
tandem_simulation_to_json (TandemSimulation *self)
{
  g_autoptr (TandemJsonWriter) w = tandem_json_writer_new (NULL, NULL);
  g_autofree char *period = NULL;

  g_return_val_if_fail (TANDEM_IS_SIMULATION (self), NULL);

  period = tandem_period_to_string (self->period);
  tandem_json_writer_begin_object (w);
  write_string (w, "period", period);
  write_string (w, "plan", self->plan_name);
  write_string (w, "vs", self->vs);
  tandem_json_writer_member (w, "reps");
  write_rows (w, self->reps, FALSE);
  tandem_json_writer_member (w, "teams");
  write_rows (w, self->teams, TRUE);
  tandem_json_writer_member (w, "total");
  tandem_json_writer_begin_object (w);
  write_money (w, "current", tandem_simulation_row_get_current (self->total));
  write_money (w, "candidate", tandem_simulation_row_get_candidate (self->total));
  write_money (w, "difference", tandem_simulation_row_get_difference (self->total));
  write_money (w, "revenue", tandem_simulation_row_get_revenue (self->total));
  tandem_json_writer_end_object (w);
  tandem_json_writer_member (w, "share");
  tandem_json_writer_begin_object (w);
  tandem_json_writer_member (w, "current");
  if (self->current_share >= 0)
    tandem_json_writer_add_int (w, self->current_share);
  else
    tandem_json_writer_add_null (w);
  tandem_json_writer_member (w, "candidate");
  if (self->candidate_share >= 0)
    tandem_json_writer_add_int (w, self->candidate_share);
  else
    tandem_json_writer_add_null (w);
  tandem_json_writer_end_object (w);
  tandem_json_writer_end_object (w);
  return tandem_json_writer_steal_text (w);
}
