/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-plan-version.c: one version of a stored plan and the period it is in effect from */

#include "config.h"

#include "tandem-record-private.h"

#include <inttypes.h>
#include <string.h>

#include "tandem-plan-version.h"
#include "tandem-target.h"
#include "tandem-draw.h"
#include "tandem-exchange-rate.h"
#include "tandem-plan-history-private.h"
#include "tandem-enum-types.h"
#include "tandem-i18n-private.h"
#include "tandem-plan-private.h"
#include "tandem-schedule-private.h"
#include "tandem-store-private.h"
#include "tandem-util-private.h"

/**
 * TandemPlanVersion:
 *
 * One version of a stored plan: its number, the period it is in effect
 * from (%NULL for the first, in effect from the beginning) and the plan
 * itself. A period settles with the version in effect at its start.
 *
 * Since: 1.0
 */
struct _TandemPlanVersion
{
  GObject     parent_instance;
  char       *name;
  guint       version;
  char       *from;
  TandemPlan *plan;
};

static const TandemField fields[] = {
  /**
   * TandemPlanVersion:name:
   *
   * The plan's name.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_STRING (TandemPlanVersion, name, "name"),
  /**
   * TandemPlanVersion:version:
   *
   * The version number, from 1.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_UINT (TandemPlanVersion, version, "version", 0, G_MAXUINT, 0),
  /**
   * TandemPlanVersion:from:
   *
   * The first period of this version, or %NULL for the beginning.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_STRING (TandemPlanVersion, from, "from"),
  /**
   * TandemPlanVersion:plan:
   *
   * The plan of this version.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_OBJECT (TandemPlanVersion, plan, "plan", tandem_plan_get_type),
};

TANDEM_DEFINE_RECORD_TYPE (TandemPlanVersion, tandem_plan_version, fields, G_PARAM_READABLE)

TandemPlanVersion *
_tandem_plan_version_new (const char *name, guint version, const char *from, TandemPlan *plan)
{
  TandemPlanVersion *self = g_object_new (TANDEM_TYPE_PLAN_VERSION, NULL);

  self->name = g_strdup (name);
  self->version = version;
  self->from = g_strdup (from);
  self->plan = g_object_ref (plan);
  return self;
}

/**
 * tandem_plan_version_get_name:
 * @self: a `TandemPlanVersion`
 *
 * Gets [property@Tandem.PlanVersion:name].
 *
 * Returns: (transfer none): the plan's name
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (const char *,
                      tandem_plan_version_get_name,
                      TandemPlanVersion,
                      TANDEM_IS_PLAN_VERSION,
                      name,
                      NULL)

/**
 * tandem_plan_version_get_version:
 * @self: a `TandemPlanVersion`
 *
 * Gets [property@Tandem.PlanVersion:version].
 *
 * Returns: the version number
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (guint,
                      tandem_plan_version_get_version,
                      TandemPlanVersion,
                      TANDEM_IS_PLAN_VERSION,
                      version,
                      0)

/**
 * tandem_plan_version_get_from:
 * @self: a `TandemPlanVersion`
 *
 * Gets [property@Tandem.PlanVersion:from].
 *
 * Returns: (transfer none) (nullable): the period label, or %NULL
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (const char *,
                      tandem_plan_version_get_from,
                      TandemPlanVersion,
                      TANDEM_IS_PLAN_VERSION,
                      from,
                      NULL)

/**
 * tandem_plan_version_get_plan:
 * @self: a `TandemPlanVersion`
 *
 * Gets [property@Tandem.PlanVersion:plan].
 *
 * Returns: (transfer none): the plan
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemPlan *,
                      tandem_plan_version_get_plan,
                      TandemPlanVersion,
                      TANDEM_IS_PLAN_VERSION,
                      plan,
                      NULL)

/* The first period after the last closed one of @plan, or NULL. */
static TandemPeriod *
after_last_closed (TandemPlan *plan, const TandemSchedule *schedule)
{
  const TandemScheduleRecord *last = NULL;

  for (guint i = 0; i < schedule->closed->len; i++)
    {
      const TandemScheduleRecord *c = &g_array_index (schedule->closed, TandemScheduleRecord, i);

      if (strcmp (c->name, tandem_plan_get_name (plan)) == 0
          && (last == NULL || c->until_at > last->until_at))
        last = c;
    }
  if (last == NULL)
    return NULL;

  {
    g_autoptr (TandemPeriod) closed = tandem_plan_parse_period (plan, last->from_label, NULL);

    return closed != NULL ? tandem_period_get_next (closed) : NULL;
  }
}

gboolean
_tandem_plan_version_save_in (TandemTransaction *tx,
                              TandemPlan        *plan,
                              TandemPeriod      *from,
                              guint             *version,
                              char             **added_from,
                              GError           **error)
{
  TandemDb   *db = _tandem_transaction_get_db (tx);
  const char *name = tandem_plan_get_name (plan);
  g_auto (TandemSchedule) schedule = { 0 };
  g_autoptr (TandemPeriod) derived = NULL;
  g_autofree char            *label = NULL;
  const TandemScheduleRecord *latest;
  const TandemScheduleRecord *current;
  TandemScheduleRecord        record = { 0 };
  gint64                      closed_end;

  if (!_tandem_schedule_load (&schedule, db, error))
    return FALSE;

  latest = _tandem_schedule_latest_version (&schedule, name);
  if (latest == NULL)
    {
      /* a new name: version 1, in effect from the beginning */
      record.name = (char *)name;
      record.number = 1;
      record.from_at = G_MININT64;
      record.text = (char *)tandem_plan_get_data (plan);
      if (version != NULL)
        *version = 1;
      if (added_from != NULL)
        *added_from = g_strdup ("the beginning");
      return _tandem_db_save_schedule (db, TANDEM_SCHEDULE_PLAN_VERSION, &record, NULL, error);
    }

  if (from == NULL)
    {
      if (strcmp (latest->text, tandem_plan_get_data (plan)) == 0)
        {
          if (version != NULL)
            *version = latest->number;
          return TRUE;
        }
      from = derived = after_last_closed (plan, &schedule);
    }

  record.from_at = from != NULL ? _tandem_plan_period_start (plan, from) : G_MININT64;
  current = _tandem_schedule_version_at (&schedule, name, record.from_at);
  if (from != NULL && current != NULL && current->from_at == record.from_at
      && strcmp (current->text, tandem_plan_get_data (plan)) == 0)
    {
      if (version != NULL)
        *version = current->number;
      return TRUE;
    }

  closed_end = _tandem_schedule_closed_end (&schedule, name);
  label = from != NULL ? tandem_period_to_string (from) : NULL;
  if (closed_end > record.from_at)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CLOSED_PERIOD,
                   _ ("Plan “%s” has a closed period from %s on: a new version cannot take "
                      "effect there (a closed period reads back as it was frozen); choose a "
                      "later period with --from"),
                   name, label != NULL ? label : _ ("the beginning"));
      return FALSE;
    }

  record.name = (char *)name;
  record.from_label = label;
  record.text = (char *)tandem_plan_get_data (plan);
  record.number = latest->number + 1;
  if (version != NULL)
    *version = (guint)record.number;
  if (added_from != NULL)
    *added_from = g_strdup (label != NULL ? label : "the beginning");
  return _tandem_db_save_schedule (db, TANDEM_SCHEDULE_PLAN_VERSION, &record, NULL, error);
}

/**
 * tandem_plan_version_add:
 * @self: a `TandemStore`
 * @plan: a plan
 * @from: (nullable): the first period of the new version, of the plan's kind
 * @version: (out) (optional): the number of the stored version
 * @error: return location for a #GError
 *
 * Stores @plan as a version of its name in effect from @from. A new name
 * is stored as version 1, in effect from the beginning, whatever @from
 * says. With @from %NULL the version takes effect in the first period after
 * the plan's last closed one. A version in effect in a closed period of
 * the plan, or before one, is refused with
 * %TANDEM_STORE_ERROR_CLOSED_PERIOD: a closed period keeps the version it
 * was settled with. Storing the same definition from the same period again
 * changes nothing.
 *
 * A period settles with the version in effect at its start.
 *
 * Returns: %TRUE on success
 *
 * Since: 1.0
 */
gboolean
tandem_plan_version_add (TandemStore  *self,
                         TandemPlan   *plan,
                         TandemPeriod *from,
                         guint        *version,
                         GError      **error)
{
  g_autoptr (TandemTransaction) tx = NULL;
  g_autofree char *added_from = NULL;
  g_autofree char *what = NULL;
  guint            number = 0;

  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);
  g_return_val_if_fail (TANDEM_IS_PLAN (plan), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (from != NULL && !_tandem_plan_check_period (plan, from, error))
    return FALSE;

  tx = _tandem_transaction_new (self);
  if (!_tandem_transaction_begin (tx, error)
      || !_tandem_plan_version_save_in (tx, plan, from, &number, &added_from, error))
    return FALSE;
  if (version != NULL)
    *version = number;
  if (added_from == NULL)
    return _tandem_transaction_commit (tx, error); /* stored already: nothing written */
  what = g_strdup_printf ("plan “%s” version %u from %s", tandem_plan_get_name (plan), number,
                          added_from);
  return _tandem_transaction_commit_audited (tx, "plan load", what, error);
}

/**
 * tandem_plan_version_list:
 * @self: a `TandemStore`
 * @error: return location for a #GError
 *
 * Lists every version of every stored plan, by name, then version.
 *
 * Returns: (transfer full): a list of [class@Tandem.PlanVersion]
 *
 * Since: 1.0
 */
GListModel *
tandem_plan_version_list (TandemStore *self, GError **error)
{
  g_auto (TandemSchedule) schedule = { 0 };
  g_autoptr (GListStore) list = g_list_store_new (TANDEM_TYPE_PLAN_VERSION);

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);

  if (!_tandem_schedule_load_from_store (self, &schedule, error))
    return NULL;
  for (guint i = 0; i < schedule.versions->len; i++)
    {
      const TandemScheduleRecord *v = &g_array_index (schedule.versions, TandemScheduleRecord, i);
      g_autoptr (TandemPlan) plan = tandem_plan_new_from_data (v->text, -1, error);
      g_autoptr (TandemPlanVersion) item = NULL;

      if (plan == NULL)
        return NULL;
      item = _tandem_plan_version_new (v->name, (guint)v->number, v->from_label, plan);
      g_list_store_append (list, item);
    }
  return G_LIST_MODEL (g_steal_pointer (&list));
}
