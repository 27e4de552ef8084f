/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-plan-store.c: storing plans: a plan that settled a closed period does not change */

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>
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

/* Stores @plan unless a plan of that name is stored with another
 * definition that a closed period used; call inside a transaction. */
gboolean
_tandem_store_plan_locked (TandemStore *self, TandemPlan *plan, GError **error)
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
          g_set_error (
              error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CLOSED_PERIOD,
              g_dngettext (GETTEXT_PACKAGE,
                           "Plan “%s” settled a closed period and cannot change: a closed period "
                           "reads back as it was frozen. Load the new rules under another name",
                           "Plan “%s” settled %" PRId64 " closed periods and cannot change: a "
                           "closed period reads back as it was frozen. Load the new rules under "
                           "another name",
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
tandem_store_add_plan (TandemStore *self, TandemPlan *plan, GError **error)
{
  g_autoptr (TandemTransaction) tx = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);
  g_return_val_if_fail (TANDEM_IS_PLAN (plan), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  tx = _tandem_transaction_new (self);
  return _tandem_transaction_begin (tx, error) && _tandem_store_plan_locked (self, plan, error)
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
tandem_store_get_plan (TandemStore *self, const char *name, GError **error)
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
tandem_store_list_plans (TandemStore *self, GError **error)
{
  char **names;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);

  {
    g_autoptr (TandemTransaction) tx = _tandem_transaction_new (self);

    names = tandem_backend_list_plans (_tandem_transaction_get_backend (tx), error);
  }
  return names;
}
