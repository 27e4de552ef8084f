/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-stage-rules.c: the account lifecycle's rules applied to stored
 * accounts: prospect to customer to regular customer, or lost. They write
 * stage history, a record of the store, inside the transaction that
 * stored the orders (the activity writer calls
 * _tandem_stage_rules_after_orders); the rules themselves, as a
 * TandemLifecycleRules, are in method/tandem-lifecycle.c. */

#include "config.h"

#include <inttypes.h>

#include "tandem-i18n-private.h"

#include "tandem-stage-rules-private.h"
#include "tandem-store-private.h"
#include "tandem-util-private.h"

#define USEC_PER_DAY (G_USEC_PER_SEC * (gint64)86400)

/* ------------------------------------------------------------------ */
/* The rules as a pure function                                        */

static gint64
months_before (gint64 usec, int months)
{
  g_autoptr (GDateTime) at = _tandem_time_from_usec (usec);
  g_autoptr (GDateTime) start = g_date_time_add_months (at, -months);

  return start != NULL ? _tandem_time_to_usec (start) : G_MININT64;
}

/* The index of the first order later than @usec. */
static guint
orders_up_to (const GArray *orders, gint64 usec)
{
  guint lo = 0, hi = orders->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (orders, TandemOrderRecord, mid).occurred_at <= usec)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static void
push_step (GArray *steps, gint64 account_id, int stage, gint64 at, int cause, gint64 activity_id)
{
  TandemStageRecord step = { account_id, stage, at, cause, activity_id };

  g_array_append_val (steps, step);
}

gboolean
_tandem_stage_is_active (int stage)
{
  return stage == TANDEM_ACCOUNT_STAGE_CUSTOMER || stage == TANDEM_ACCOUNT_STAGE_REGULAR;
}

GArray *
_tandem_lifecycle_steps (const TandemLifecycleRecord *rules,
                         gint64                       account_id,
                         int                          stage,
                         gint64                       since,
                         const GArray                *orders,
                         gint64                       now)
{
  GArray *steps = g_array_new (FALSE, TRUE, sizeof (TandemStageRecord));
  gint64  lost = (gint64)rules->lost_after_days * USEC_PER_DAY;
  gint64  last_order = G_MININT64;

  for (guint i = 0; i < orders->len; i++)
    {
      const TandemOrderRecord *o = &g_array_index (orders, TandemOrderRecord, i);

      /* orders before the latest change are history: they only count */
      if (o->occurred_at < since)
        {
          last_order = o->occurred_at;
          continue;
        }

      if (lost > 0 && _tandem_stage_is_active (stage))
        {
          gint64 ref = MAX (last_order, since);

          if (o->occurred_at - ref > lost)
            {
              stage = TANDEM_ACCOUNT_STAGE_LOST;
              since = ref + lost;
              push_step (steps, account_id, stage, since, TANDEM_STAGE_CAUSE_NO_ORDERS, 0);
            }
        }

      if (stage == TANDEM_ACCOUNT_STAGE_PROSPECT || stage == TANDEM_ACCOUNT_STAGE_LOST)
        {
          int cause = stage == TANDEM_ACCOUNT_STAGE_PROSPECT ? TANDEM_STAGE_CAUSE_FIRST_ORDER
                                                             : TANDEM_STAGE_CAUSE_WON_BACK;

          stage = TANDEM_ACCOUNT_STAGE_CUSTOMER;
          since = o->occurred_at;
          push_step (steps, account_id, stage, since, cause, o->id);
        }

      if (stage == TANDEM_ACCOUNT_STAGE_CUSTOMER && rules->regular_orders > 0)
        {
          gint64 opens = months_before (o->occurred_at, rules->regular_months);
          guint  n = orders_up_to (orders, o->occurred_at) - orders_up_to (orders, opens);

          if (n >= (guint)rules->regular_orders)
            {
              stage = TANDEM_ACCOUNT_STAGE_REGULAR;
              since = o->occurred_at;
              push_step (steps, account_id, stage, since, TANDEM_STAGE_CAUSE_REPEAT_ORDERS, o->id);
            }
        }

      last_order = o->occurred_at;
    }

  if (now != TANDEM_LIFECYCLE_NO_TIME && lost > 0 && _tandem_stage_is_active (stage))
    {
      gint64 ref = MAX (last_order, since);

      if (now - ref > lost)
        push_step (steps, account_id, TANDEM_ACCOUNT_STAGE_LOST, ref + lost,
                   TANDEM_STAGE_CAUSE_NO_ORDERS, 0);
    }

  return steps;
}

gboolean
_tandem_lifecycle_apply_account (TandemDb                    *db,
                                 const TandemLifecycleRecord *rules,
                                 gint64                       account_id,
                                 gint64                       now,
                                 GArray                      *made,
                                 GError                     **error)
{
  TandemAccountRecord record = { 0 };
  g_autoptr (GArray) history = NULL;
  g_autoptr (GArray) orders = NULL;
  g_autoptr (GArray) steps = NULL;
  gint64   since = G_MININT64;
  gboolean ok = TRUE;

  if (!_tandem_db_load_account (db, account_id, &record, error))
    return FALSE;
  if (record.archived)
    goto out;

  if ((history = _tandem_db_list_stage_changes (db, account_id, error)) == NULL
      || (orders = _tandem_db_list_orders (db, account_id, error)) == NULL)
    {
      ok = FALSE;
      goto out;
    }
  if (history->len > 0)
    since = g_array_index (history, TandemStageRecord, history->len - 1).changed_at;

  steps = _tandem_lifecycle_steps (rules, account_id, record.stage, since, orders, now);
  if (steps->len == 0)
    goto out;

  for (guint i = 0; ok && i < steps->len; i++)
    ok = _tandem_db_add_stage_change (db, &g_array_index (steps, TandemStageRecord, i), error);
  record.stage = g_array_index (steps, TandemStageRecord, steps->len - 1).stage;
  if (ok)
    ok = _tandem_db_update_account (db, &record, error);
  if (ok)
    g_array_append_vals (made, steps->data, steps->len);

out:
  _tandem_account_record_clear (&record);
  return ok;
}

/* Up to this many accounts, reading each one's rows is cheaper than
 * reading every account's. */
#define FEW_ACCOUNTS 32
#define ACCOUNTS_PER_READ 1024

gboolean
_tandem_lifecycle_apply_accounts (TandemDb                    *db,
                                  const TandemLifecycleRecord *rules,
                                  const gint64                *account_ids,
                                  guint                        n_accounts,
                                  gint64                       now,
                                  GArray                      *made,
                                  GError                     **error)
{
  g_autoptr (GArray) accounts = NULL;
  g_autoptr (GArray) history = NULL;
  g_autoptr (GArray) orders = NULL;
  g_autoptr (GArray) steps = NULL;
  g_autoptr (GArray) finals = NULL;
  g_autoptr (GArray) mine = NULL;
  guint a = 0, h = 0, o = 0;

  if (n_accounts <= FEW_ACCOUNTS)
    {
      for (guint i = 0; i < n_accounts; i++)
        if (!_tandem_lifecycle_apply_account (db, rules, account_ids[i], now, made, error))
          return FALSE;
      return TRUE;
    }

  /* each list is ordered by account: walk them side by side; orders and
   * stage changes are read for ACCOUNTS_PER_READ accounts at a time, so
   * memory does not grow with the store */
  if ((accounts = _tandem_db_list_accounts (db, error)) == NULL)
    return FALSE;

  steps = g_array_new (FALSE, TRUE, sizeof (TandemStageRecord));
  finals = g_array_new (FALSE, TRUE, sizeof (TandemStageRecord));
  mine = g_array_new (FALSE, TRUE, sizeof (TandemOrderRecord));
  for (guint i = 0; i < n_accounts; i++)
    {
      gint64                     id = account_ids[i];
      const TandemAccountRecord *account;
      g_autoptr (GArray) made_here = NULL;
      gint64 since = G_MININT64;

      g_assert (i == 0 || account_ids[i - 1] < id);
      if (i % ACCOUNTS_PER_READ == 0)
        {
          gint64 last = account_ids[MIN (i + ACCOUNTS_PER_READ, n_accounts) - 1];

          g_clear_pointer (&history, g_array_unref);
          g_clear_pointer (&orders, g_array_unref);
          h = o = 0;
          if ((history = _tandem_db_list_stage_changes_between (db, id, last, error)) == NULL
              || (orders = _tandem_db_list_orders_between (db, id, last, error)) == NULL)
            return FALSE;
        }
      while (a < accounts->len && g_array_index (accounts, TandemAccountRecord, a).id < id)
        a++;
      while (h < history->len && g_array_index (history, TandemStageRecord, h).account_id < id)
        h++;
      for (; h < history->len && g_array_index (history, TandemStageRecord, h).account_id == id;
           h++)
        since = g_array_index (history, TandemStageRecord, h).changed_at;
      while (o < orders->len && g_array_index (orders, TandemOrderRecord, o).account_id < id)
        o++;
      g_array_set_size (mine, 0);
      for (; o < orders->len && g_array_index (orders, TandemOrderRecord, o).account_id == id; o++)
        g_array_append_val (mine, g_array_index (orders, TandemOrderRecord, o));

      if (a >= accounts->len
          || (account = &g_array_index (accounts, TandemAccountRecord, a))->id != id)
        {
          g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_FOUND,
                       _ ("No %s with id %" PRId64), _ ("account"), id);
          return FALSE;
        }
      if (account->archived)
        continue;

      made_here = _tandem_lifecycle_steps (rules, id, account->stage, since, mine, now);
      if (made_here->len == 0)
        continue;
      g_array_append_vals (steps, made_here->data, made_here->len);
      g_array_append_val (finals, g_array_index (made_here, TandemStageRecord, made_here->len - 1));
    }

  if (!_tandem_db_add_stage_changes (db, (const TandemStageRecord *)(void *)steps->data, steps->len,
                                     error)
      || !_tandem_db_set_account_stages (db, (const TandemStageRecord *)(void *)finals->data,
                                         finals->len, error))
    return FALSE;
  g_array_append_vals (made, steps->data, steps->len);
  return TRUE;
}

gboolean
_tandem_stage_rules_after_orders (TandemDb     *db,
                                  const gint64 *account_ids,
                                  guint         n_accounts,
                                  GArray       *changes,
                                  GError      **error)
{
  TandemLifecycleRecord rules;

  if (n_accounts == 0)
    return TRUE;
  return _tandem_db_load_lifecycle (db, &rules, error)
         && _tandem_lifecycle_apply_accounts (db, &rules, account_ids, n_accounts,
                                              TANDEM_LIFECYCLE_NO_TIME, changes, error);
}
