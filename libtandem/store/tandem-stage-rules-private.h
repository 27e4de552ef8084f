/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-stage-rules-private.h: the lifecycle's rules as a pure function,
 * and applying them to stored accounts inside the caller's transaction */

#pragma once

#include "tandem-db-private.h"

G_BEGIN_DECLS

#define TANDEM_LIFECYCLE_NO_TIME G_MININT64

/* A customer or a regular customer. */
gboolean _tandem_stage_is_active (int stage);

/* The stage changes (TandemStageRecord) the rules make for an account in
 * @stage since @since, given all its @orders (TandemOrderRecord, by time)
 * and, unless TANDEM_LIFECYCLE_NO_TIME, the time @now for the lost rule. */
GArray *_tandem_lifecycle_steps (const TandemLifecycleRecord *rules,
                                 gint64                       account_id,
                                 int                          stage,
                                 gint64                       since,
                                 const GArray                *orders,
                                 gint64                       now);

/* Applies the rules to a stored account inside the caller's transaction:
 * records the changes and the account's new stage, appending each change
 * to @made. Archived accounts are left alone. */
gboolean _tandem_lifecycle_apply_account (TandemDb                    *db,
                                          const TandemLifecycleRecord *rules,
                                          gint64                       account_id,
                                          gint64                       now,
                                          GArray                      *made,
                                          GError                     **error);

/* The same for many accounts (@account_ids ascending, each once): with
 * more than a few, the store is read in three queries and the changes
 * written on the engine's bulk path. */
gboolean _tandem_lifecycle_apply_accounts (TandemDb                    *db,
                                           const TandemLifecycleRecord *rules,
                                           const gint64                *account_ids,
                                           guint                        n_accounts,
                                           gint64                       now,
                                           GArray                      *made,
                                           GError                     **error);

/* What follows orders: the stage changes the stored rules make for the
 * accounts that got orders (@account_ids ascending, each once), appended
 * to @changes (TandemStageRecord). The activity writer and the import call
 * it in the transaction that stored the orders. */
gboolean _tandem_stage_rules_after_orders (TandemDb     *db,
                                           const gint64 *account_ids,
                                           guint         n_accounts,
                                           GArray       *changes,
                                           GError      **error);

G_END_DECLS
