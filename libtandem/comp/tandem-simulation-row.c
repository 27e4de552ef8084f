/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-simulation-row.c: one rep's or tandem's figures in a simulation */

#include "config.h"

#include "tandem-record-private.h"

#include "tandem-simulation-private.h"

/**
 * TandemSimulationRow:
 *
 * One rep's or one tandem's figures in a [class@Tandem.Simulation]: what
 * the stored plan pays (current), what the candidate plan would pay, and
 * the difference (candidate − current).
 *
 * Since: 1.0
 */
struct _TandemSimulationRow
{
  GObject parent_instance;

  char        *name;
  TandemRep   *rep;
  TandemTeam  *team;
  TandemMoney *current;
  TandemMoney *candidate;
  TandemMoney *difference;
  TandemMoney *revenue;
};

static const TandemField fields[] = {
  /**
   * TandemSimulationRow:name:
   *
   * The rep's or the tandem's name as stored; the totals' row is named
   * "Total" (in the language of the locale).
   *
   * Since: 1.0
   */
  TANDEM_FIELD_STRING (TandemSimulationRow, name, "name"),
  /**
   * TandemSimulationRow:rep:
   *
   * The rep of a rep's row; %NULL in the rows of tandems and in the
   * totals' row.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_OBJECT (TandemSimulationRow, rep, "rep", tandem_rep_get_type),
  /**
   * TandemSimulationRow:team:
   *
   * The tandem of a tandem's row; %NULL in the rows of reps and in the
   * totals' row.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_OBJECT (TandemSimulationRow, team, "team", tandem_team_get_type),
  /**
   * TandemSimulationRow:current:
   *
   * What the stored plan pays, in the version in effect in each period,
   * computed from the activities.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_BOXED (TandemSimulationRow, current, "current", tandem_money_get_type),
  /**
   * TandemSimulationRow:candidate:
   *
   * What the candidate plan would pay for the same activities in the
   * same periods.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_BOXED (TandemSimulationRow, candidate, "candidate", tandem_money_get_type),
  /**
   * TandemSimulationRow:difference:
   *
   * Candidate less current: what the change costs, or saves when it is
   * negative.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_BOXED (TandemSimulationRow, difference, "difference", tandem_money_get_type),
  /**
   * TandemSimulationRow:revenue:
   *
   * A tandem's revenue in the period (net of reversals), the base of its
   * cost share; %NULL for a rep.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_BOXED (TandemSimulationRow, revenue, "revenue", tandem_money_get_type),
};

TANDEM_DEFINE_RECORD_TYPE (TandemSimulationRow, tandem_simulation_row, fields, G_PARAM_READABLE)

TandemSimulationRow *
_tandem_simulation_row_new (const char  *name,
                            TandemRep   *rep,
                            TandemTeam  *team,
                            TandemMoney *current,
                            TandemMoney *candidate,
                            TandemMoney *revenue)
{
  TandemSimulationRow *self = g_object_new (TANDEM_TYPE_SIMULATION_ROW, NULL);

  self->name = g_strdup (name);
  self->rep = rep != NULL ? g_object_ref (rep) : NULL;
  self->team = team != NULL ? g_object_ref (team) : NULL;
  self->current = current;
  self->candidate = candidate;
  self->difference = tandem_money_new (tandem_money_get_minor_units (candidate)
                                           - tandem_money_get_minor_units (current),
                                       tandem_money_get_currency (current));
  self->revenue = revenue;
  return self;
}

/**
 * tandem_simulation_row_get_name:
 * @self: a `TandemSimulationRow`
 *
 * Gets [property@Tandem.SimulationRow:name].
 *
 * Returns: (transfer none): the name
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (const char *,
                      tandem_simulation_row_get_name,
                      TandemSimulationRow,
                      TANDEM_IS_SIMULATION_ROW,
                      name,
                      NULL)

/**
 * tandem_simulation_row_get_rep:
 * @self: a `TandemSimulationRow`
 *
 * Gets [property@Tandem.SimulationRow:rep].
 *
 * Returns: (transfer none) (nullable): the rep
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemRep *,
                      tandem_simulation_row_get_rep,
                      TandemSimulationRow,
                      TANDEM_IS_SIMULATION_ROW,
                      rep,
                      NULL)

/**
 * tandem_simulation_row_get_team:
 * @self: a `TandemSimulationRow`
 *
 * Gets [property@Tandem.SimulationRow:team].
 *
 * Returns: (transfer none) (nullable): the tandem
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemTeam *,
                      tandem_simulation_row_get_team,
                      TandemSimulationRow,
                      TANDEM_IS_SIMULATION_ROW,
                      team,
                      NULL)

/**
 * tandem_simulation_row_get_current:
 * @self: a `TandemSimulationRow`
 *
 * Gets [property@Tandem.SimulationRow:current].
 *
 * Returns: (transfer none): what the stored plan pays
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemMoney *,
                      tandem_simulation_row_get_current,
                      TandemSimulationRow,
                      TANDEM_IS_SIMULATION_ROW,
                      current,
                      NULL)

/**
 * tandem_simulation_row_get_candidate:
 * @self: a `TandemSimulationRow`
 *
 * Gets [property@Tandem.SimulationRow:candidate].
 *
 * Returns: (transfer none): what the candidate plan would pay
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemMoney *,
                      tandem_simulation_row_get_candidate,
                      TandemSimulationRow,
                      TANDEM_IS_SIMULATION_ROW,
                      candidate,
                      NULL)

/**
 * tandem_simulation_row_get_difference:
 * @self: a `TandemSimulationRow`
 *
 * Gets [property@Tandem.SimulationRow:difference].
 *
 * Returns: (transfer none): candidate less current
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemMoney *,
                      tandem_simulation_row_get_difference,
                      TandemSimulationRow,
                      TANDEM_IS_SIMULATION_ROW,
                      difference,
                      NULL)

/**
 * tandem_simulation_row_get_revenue:
 * @self: a `TandemSimulationRow`
 *
 * Gets [property@Tandem.SimulationRow:revenue].
 *
 * Returns: (transfer none) (nullable): a tandem's revenue
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemMoney *,
                      tandem_simulation_row_get_revenue,
                      TandemSimulationRow,
                      TANDEM_IS_SIMULATION_ROW,
                      revenue,
                      NULL)
