/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-conversion.c: TandemConversion, how a tandem's accounts moved
 * through the lifecycle in a window, beside the KPIs that report it */

#include "config.h"

#include "tandem-record-private.h"

#include <inttypes.h>

#include "tandem-i18n-private.h"

#include "tandem-enum-types.h"
#include "tandem-lifecycle-private.h"
#include "tandem-conversion.h"
#include "tandem-lifecycle.h"
#include "tandem-plan.h"
#include "tandem-store-private.h"
#include "tandem-util-private.h"

#define USEC_PER_DAY (G_USEC_PER_SEC * (gint64)86400)

/**
 * TandemConversion:
 *
 * How a tandem's accounts moved through the lifecycle in a window, counted
 * in accounts (an account that moves twice counts once). The team is the
 * account's tandem now. An account counts in a stage's base when it was in
 * that stage at some moment of the window: when it started there, or
 * entered it inside the window.
 *
 * - win rate: prospects that became customers (or regular customers),
 *   of the prospects;
 * - promotion rate: customers that became regular customers, of the
 *   customers;
 * - loss rate: customers or regular customers that were lost, of those
 *   active.
 *
 * Rates are in basis points, rounded down, and -1 when the base is empty.
 * See [func@Tandem.Conversion.compute].
 *
 * Since: 1.0
 */
struct _TandemConversion
{
  GObject     parent_instance;
  TandemTeam *team;
  guint       prospects;
  guint       won;
  guint       customers;
  guint       promoted;
  guint       active;
  guint       lost;
  guint       won_back;
};

static int
rate_bp (guint part, guint base)
{
  return base == 0 ? -1 : (int)((guint64)part * 10000 / base);
}

static const TandemField fields[] = {
  /**
   * TandemConversion:team:
   *
   * The tandem.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_OBJECT (TandemConversion, team, "team", tandem_team_get_type),
  /**
   * TandemConversion:prospects:
   *
   * Accounts that were prospects at some moment of the window.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_UINT (TandemConversion, prospects, "prospects", 0, G_MAXUINT, 0),
  /**
   * TandemConversion:won:
   *
   * Prospects that became customers in the window: new customers won.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_UINT (TandemConversion, won, "won", 0, G_MAXUINT, 0),
  /**
   * TandemConversion:win-rate:
   *
   * won ÷ prospects in basis points, rounded down; -1 without prospects.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_COMPUTED_INT ("win-rate", tandem_conversion_get_win_rate, -1, 10000, -1),
  /**
   * TandemConversion:customers:
   *
   * Accounts that were customers (not yet regular) at some moment of the
   * window.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_UINT (TandemConversion, customers, "customers", 0, G_MAXUINT, 0),
  /**
   * TandemConversion:promoted:
   *
   * Customers that became regular customers in the window.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_UINT (TandemConversion, promoted, "promoted", 0, G_MAXUINT, 0),
  /**
   * TandemConversion:promotion-rate:
   *
   * promoted ÷ customers in basis points, rounded down; -1 without
   * customers.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_COMPUTED_INT ("promotion-rate", tandem_conversion_get_promotion_rate, -1, 10000, -1),
  /**
   * TandemConversion:active:
   *
   * Accounts that were customers or regular customers at some moment of
   * the window.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_UINT (TandemConversion, active, "active", 0, G_MAXUINT, 0),
  /**
   * TandemConversion:lost:
   *
   * Active accounts that were lost in the window.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_UINT (TandemConversion, lost, "lost", 0, G_MAXUINT, 0),
  /**
   * TandemConversion:loss-rate:
   *
   * lost ÷ active in basis points, rounded down; -1 without active
   * accounts.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_COMPUTED_INT ("loss-rate", tandem_conversion_get_loss_rate, -1, 10000, -1),
  /**
   * TandemConversion:won-back:
   *
   * Lost accounts that became customers again in the window.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_UINT (TandemConversion, won_back, "won-back", 0, G_MAXUINT, 0),
};

TANDEM_DEFINE_RECORD_TYPE (TandemConversion, tandem_conversion, fields, G_PARAM_READABLE)

/**
 * tandem_conversion_get_team:
 * @self: a `TandemConversion`
 *
 * Gets [property@Tandem.Conversion:team].
 *
 * Returns: (transfer none): the tandem
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemTeam *,
                      tandem_conversion_get_team,
                      TandemConversion,
                      TANDEM_IS_CONVERSION,
                      team,
                      NULL)

/**
 * tandem_conversion_get_prospects:
 * @self: a `TandemConversion`
 *
 * Gets [property@Tandem.Conversion:prospects].
 *
 * Returns: the number of accounts
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (guint,
                      tandem_conversion_get_prospects,
                      TandemConversion,
                      TANDEM_IS_CONVERSION,
                      prospects,
                      0)

/**
 * tandem_conversion_get_won:
 * @self: a `TandemConversion`
 *
 * Gets [property@Tandem.Conversion:won].
 *
 * Returns: the number of accounts
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (guint,
                      tandem_conversion_get_won,
                      TandemConversion,
                      TANDEM_IS_CONVERSION,
                      won,
                      0)

/**
 * tandem_conversion_get_win_rate:
 * @self: a `TandemConversion`
 *
 * Gets [property@Tandem.Conversion:win-rate].
 *
 * Returns: basis points, or -1
 *
 * Since: 1.0
 */
int
tandem_conversion_get_win_rate (TandemConversion *self)
{
  g_return_val_if_fail (TANDEM_IS_CONVERSION (self), -1);
  return rate_bp (self->won, self->prospects);
}

/**
 * tandem_conversion_get_customers:
 * @self: a `TandemConversion`
 *
 * Gets [property@Tandem.Conversion:customers].
 *
 * Returns: the number of accounts
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (guint,
                      tandem_conversion_get_customers,
                      TandemConversion,
                      TANDEM_IS_CONVERSION,
                      customers,
                      0)

/**
 * tandem_conversion_get_promoted:
 * @self: a `TandemConversion`
 *
 * Gets [property@Tandem.Conversion:promoted].
 *
 * Returns: the number of accounts
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (guint,
                      tandem_conversion_get_promoted,
                      TandemConversion,
                      TANDEM_IS_CONVERSION,
                      promoted,
                      0)

/**
 * tandem_conversion_get_promotion_rate:
 * @self: a `TandemConversion`
 *
 * Gets [property@Tandem.Conversion:promotion-rate].
 *
 * Returns: basis points, or -1
 *
 * Since: 1.0
 */
int
tandem_conversion_get_promotion_rate (TandemConversion *self)
{
  g_return_val_if_fail (TANDEM_IS_CONVERSION (self), -1);
  return rate_bp (self->promoted, self->customers);
}

/**
 * tandem_conversion_get_active:
 * @self: a `TandemConversion`
 *
 * Gets [property@Tandem.Conversion:active].
 *
 * Returns: the number of accounts
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (guint,
                      tandem_conversion_get_active,
                      TandemConversion,
                      TANDEM_IS_CONVERSION,
                      active,
                      0)

/**
 * tandem_conversion_get_lost:
 * @self: a `TandemConversion`
 *
 * Gets [property@Tandem.Conversion:lost].
 *
 * Returns: the number of accounts
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (guint,
                      tandem_conversion_get_lost,
                      TandemConversion,
                      TANDEM_IS_CONVERSION,
                      lost,
                      0)

/**
 * tandem_conversion_get_loss_rate:
 * @self: a `TandemConversion`
 *
 * Gets [property@Tandem.Conversion:loss-rate].
 *
 * Returns: basis points, or -1
 *
 * Since: 1.0
 */
int
tandem_conversion_get_loss_rate (TandemConversion *self)
{
  g_return_val_if_fail (TANDEM_IS_CONVERSION (self), -1);
  return rate_bp (self->lost, self->active);
}

/**
 * tandem_conversion_get_won_back:
 * @self: a `TandemConversion`
 *
 * Gets [property@Tandem.Conversion:won-back].
 *
 * Returns: the number of accounts
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (guint,
                      tandem_conversion_get_won_back,
                      TandemConversion,
                      TANDEM_IS_CONVERSION,
                      won_back,
                      0)

TandemConversion *
_tandem_conversion_new (TandemTeam *team)
{
  TandemConversion *c = g_object_new (TANDEM_TYPE_CONVERSION, NULL);

  c->team = g_object_ref (team);
  return c;
}

/* What one account did in the window. */
typedef struct
{
  gboolean visited[4];
  gboolean won, promoted, lost, won_back;
} AccountMoves;

static void
add_moves (TandemConversion *c, const AccountMoves *m)
{
  c->prospects += m->visited[TANDEM_ACCOUNT_STAGE_PROSPECT];
  c->customers += m->visited[TANDEM_ACCOUNT_STAGE_CUSTOMER];
  c->active
      += m->visited[TANDEM_ACCOUNT_STAGE_CUSTOMER] || m->visited[TANDEM_ACCOUNT_STAGE_REGULAR];
  c->won += m->won;
  c->promoted += m->promoted;
  c->lost += m->lost;
  c->won_back += m->won_back;
}

static void
move (AccountMoves *m, int from, int to)
{
  m->visited[to] = TRUE;
  if (from == TANDEM_ACCOUNT_STAGE_PROSPECT && _tandem_stage_is_active (to))
    m->won = TRUE;
  else if (from == TANDEM_ACCOUNT_STAGE_CUSTOMER && to == TANDEM_ACCOUNT_STAGE_REGULAR)
    m->promoted = TRUE;
  else if (_tandem_stage_is_active (from) && to == TANDEM_ACCOUNT_STAGE_LOST)
    m->lost = TRUE;
  else if (from == TANDEM_ACCOUNT_STAGE_LOST && _tandem_stage_is_active (to))
    m->won_back = TRUE;
}

/* One TandemConversion per tandem (archived ones only when they moved),
 * by tandem id; call with the store locked. */
GPtrArray *
_tandem_conversions_compute (TandemTransaction *tx,
                             GArray            *teams,
                             GArray            *accounts,
                             gint64             since,
                             gint64             until,
                             GError           **error)
{
  TandemStore *self = _tandem_transaction_get_store (tx);
  TandemDb    *db = _tandem_transaction_get_db (tx);
  g_autoptr (GArray) stages = NULL;
  g_autoptr (GHashTable) team_of = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr (GHashTable) by_team = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr (GPtrArray) result = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) kept = g_ptr_array_new_with_free_func (g_object_unref);
  guint i = 0;

  if ((stages = _tandem_db_list_stage_changes (db, 0, error)) == NULL)
    return NULL;

  for (guint t = 0; t < teams->len; t++)
    {
      TandemTeamRecord *r = &g_array_index (teams, TandemTeamRecord, t);
      TandemTeam       *team = _tandem_store_load_team (self, r->id, error);
      TandemConversion *c;

      if (team == NULL)
        return NULL;
      c = _tandem_conversion_new (team);
      g_ptr_array_add (result, c);
      g_hash_table_insert (by_team, &r->id, c);
    }
  for (guint a = 0; a < accounts->len; a++)
    {
      TandemAccountRecord *r = &g_array_index (accounts, TandemAccountRecord, a);

      if (r->team_id > 0)
        g_hash_table_insert (team_of, &r->id, &r->team_id);
    }

  /* the changes come by account, then time */
  while (i < stages->len)
    {
      gint64            account_id = g_array_index (stages, TandemStageRecord, i).account_id;
      gint64           *team_id = g_hash_table_lookup (team_of, &account_id);
      TandemConversion *c = team_id ? g_hash_table_lookup (by_team, team_id) : NULL;
      AccountMoves      moves = { { FALSE } };
      int               stage = -1;
      gboolean          existed = FALSE;

      for (;
           i < stages->len && g_array_index (stages, TandemStageRecord, i).account_id == account_id;
           i++)
        {
          const TandemStageRecord *r = &g_array_index (stages, TandemStageRecord, i);

          if (r->changed_at < since)
            stage = r->stage;
          else if (r->changed_at < until)
            {
              if (!existed && stage >= 0)
                moves.visited[stage] = TRUE;
              existed = TRUE;
              if (stage >= 0)
                move (&moves, stage, r->stage);
              else
                moves.visited[r->stage] = TRUE;
              stage = r->stage;
            }
        }
      if (!existed && stage >= 0)
        moves.visited[stage] = TRUE;
      if (c != NULL)
        add_moves (c, &moves);
    }

  for (guint t = 0; t < result->len; t++)
    {
      TandemConversion *c = result->pdata[t];

      if (!tandem_team_get_archived (c->team) || c->prospects + c->customers + c->active > 0)
        g_ptr_array_add (kept, g_object_ref (c));
    }

  return g_steal_pointer (&kept);
}

/**
 * tandem_conversion_compute:
 * @self: a `TandemStore`
 * @since: the start of the window (included)
 * @until: the end of the window (excluded)
 * @error: return location for a #GError
 *
 * Counts, per tandem, how its accounts moved through the lifecycle in
 * [@since, @until), from the recorded stage changes (by hand or by the
 * lifecycle rules). Tandems are listed by id; archived tandems only when
 * their accounts had a stage in the window. A window that ends before it
 * starts is refused with %TANDEM_STORE_ERROR_INVALID.
 *
 * Returns: (transfer full): a list model of [class@Tandem.Conversion], or
 *   %NULL with @error set
 *
 * Since: 1.0
 */
GListModel *
tandem_conversion_compute (TandemStore *self, GDateTime *since, GDateTime *until, GError **error)
{
  g_autoptr (GPtrArray) conversions = NULL;
  g_autoptr (GArray) teams = NULL;
  g_autoptr (GArray) accounts = NULL;
  TandemDb   *db;
  GListStore *list;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (since != NULL && until != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_tandem_check_window (since, until, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID, error))
    return NULL;

  {
    g_autoptr (TandemTransaction) tx = _tandem_transaction_new (self);

    db = _tandem_transaction_get_db (tx);
    if ((teams = _tandem_db_list_teams (db, error)) != NULL
        && (accounts = _tandem_db_list_accounts (db, error)) != NULL)
      conversions = _tandem_conversions_compute (tx, teams, accounts, _tandem_time_to_usec (since),
                                                 _tandem_time_to_usec (until), error);
  }
  if (conversions == NULL)
    return NULL;

  list = g_list_store_new (TANDEM_TYPE_CONVERSION);
  g_list_store_splice (list, 0, 0, conversions->pdata, conversions->len);
  return G_LIST_MODEL (list);
}
