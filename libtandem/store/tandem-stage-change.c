/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-stage-change.c: an account's move from one lifecycle stage to another */

#include "config.h"

#include "tandem-record-private.h"

#include "tandem-membership.h"
#include "tandem-stage-change.h"
#include "tandem-enum-types.h"
#include "tandem-i18n-private.h"
#include "tandem-model-private.h"
#include "tandem-store-internal-private.h"
#include "tandem-util-private.h"

/**
 * TandemStageChange:
 *
 * One change of an account's lifecycle stage, with its time, its cause
 * and, for changes an order caused, that order. The store keeps every
 * change; see [func@Tandem.StageChange.list].
 *
 * Since: 1.0
 */
struct _TandemStageChange
{
  GObject parent_instance;

  gint64             account_id;
  TandemAccountStage stage;
  GDateTime         *changed_at;
  TandemStageCause   cause;
  gint64             activity_id;
};

G_DEFINE_FINAL_TYPE (TandemStageChange, tandem_stage_change, G_TYPE_OBJECT)

static const TandemField fields[] = {
  /**
   * TandemStageChange:account-id:
   *
   * The id of the account.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_INT64 (TandemStageChange, account_id, "account-id", 0, G_MAXINT64, 0),
  /**
   * TandemStageChange:stage:
   *
   * The stage the account entered.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_ENUM (TandemStageChange,
                     stage,
                     "stage",
                     tandem_account_stage_get_type,
                     TANDEM_ACCOUNT_STAGE_PROSPECT),
  /**
   * TandemStageChange:changed-at:
   *
   * When the account entered the stage.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_BOXED (TandemStageChange, changed_at, "changed-at", g_date_time_get_type),
  /**
   * TandemStageChange:cause:
   *
   * Why the stage changed: by hand, at creation, or by a rule of the
   * account lifecycle.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_ENUM (TandemStageChange,
                     cause,
                     "cause",
                     tandem_stage_cause_get_type,
                     TANDEM_STAGE_CAUSE_MANUAL),
  /**
   * TandemStageChange:activity-id:
   *
   * The id of the order that caused the change, or 0 when no order did
   * (changes by hand, at creation, and an account lost for want of orders).
   *
   * Since: 1.0
   */
  TANDEM_FIELD_INT64 (TandemStageChange, activity_id, "activity-id", 0, G_MAXINT64, 0),
};

static void
tandem_stage_change_class_init (TandemStageChangeClass *klass)
{
  _tandem_record_class_init (G_OBJECT_CLASS (klass), fields, G_N_ELEMENTS (fields),
                             G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY, NULL);
}

static void
tandem_stage_change_init (TandemStageChange *self)
{
}

/**
 * tandem_stage_change_get_account_id:
 * @self: a `TandemStageChange`
 *
 * Gets [property@Tandem.StageChange:account-id].
 *
 * Returns: the account's id
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (gint64,
                      tandem_stage_change_get_account_id,
                      TandemStageChange,
                      TANDEM_IS_STAGE_CHANGE,
                      account_id,
                      0)

/**
 * tandem_stage_change_get_stage:
 * @self: a `TandemStageChange`
 *
 * Gets [property@Tandem.StageChange:stage].
 *
 * Returns: the stage entered
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemAccountStage,
                      tandem_stage_change_get_stage,
                      TandemStageChange,
                      TANDEM_IS_STAGE_CHANGE,
                      stage,
                      TANDEM_ACCOUNT_STAGE_PROSPECT)

/**
 * tandem_stage_change_get_changed_at:
 * @self: a `TandemStageChange`
 *
 * Gets [property@Tandem.StageChange:changed-at].
 *
 * Returns: (transfer none): when the stage was entered
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (GDateTime *,
                      tandem_stage_change_get_changed_at,
                      TandemStageChange,
                      TANDEM_IS_STAGE_CHANGE,
                      changed_at,
                      NULL)

/**
 * tandem_stage_change_get_cause:
 * @self: a `TandemStageChange`
 *
 * Gets [property@Tandem.StageChange:cause].
 *
 * Returns: why the stage changed
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemStageCause,
                      tandem_stage_change_get_cause,
                      TandemStageChange,
                      TANDEM_IS_STAGE_CHANGE,
                      cause,
                      TANDEM_STAGE_CAUSE_MANUAL)

/**
 * tandem_stage_change_get_activity_id:
 * @self: a `TandemStageChange`
 *
 * Gets [property@Tandem.StageChange:activity-id].
 *
 * Returns: the id of the order that caused the change, or 0
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (gint64,
                      tandem_stage_change_get_activity_id,
                      TandemStageChange,
                      TANDEM_IS_STAGE_CHANGE,
                      activity_id,
                      0)

/**
 * tandem_stage_change_list:
 * @self: a `TandemStore`
 * @account: an account of this store
 * @error: return location for a #GError
 *
 * Lists every stage the account has been in, with the time it entered it,
 * why ([property@Tandem.StageChange:cause]) and the order that moved it
 * there, oldest first. The first entry is the stage it was created in
 * (%TANDEM_STAGE_CAUSE_CREATED); see [class@Tandem.LifecycleRules] for
 * the changes orders make.
 *
 * Returns: (transfer full): a list model of [class@Tandem.StageChange]
 *
 * Since: 1.0
 */
GListModel *
tandem_stage_change_list (TandemStore *self, TandemAccount *account, GError **error)
{
  g_autoptr (GArray) records = NULL;
  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (TANDEM_IS_ACCOUNT (account), NULL);

  LOCK_STORE (self);

  records = _tandem_db_list_stage_changes (self->db, tandem_account_get_id (account), error);
  if (records == NULL)
    return NULL;

  return _tandem_stage_changes_to_list (records);
}
