/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-lifecycle-private.h: the lifecycle rules as a pure function, and
 * applying them to one stored account */

#pragma once

#include "tandem-backend-private.h"
#include "tandem-conversion.h"
#include "tandem-lifecycle.h"

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
gboolean _tandem_lifecycle_apply_account (TandemBackend               *backend,
                                          const TandemLifecycleRecord *rules,
                                          gint64                       account_id,
                                          gint64                       now,
                                          GArray                      *made,
                                          GError                     **error);

/* The same for many accounts (@account_ids ascending, each once): with
 * more than a few, the store is read in three queries and the changes
 * written on the engine's bulk path. */
gboolean _tandem_lifecycle_apply_accounts (TandemBackend               *backend,
                                           const TandemLifecycleRecord *rules,
                                           const gint64                *account_ids,
                                           guint                        n_accounts,
                                           gint64                       now,
                                           GArray                      *made,
                                           GError                     **error);

/* One TandemConversion per tandem of @teams (TandemTeamRecord; archived
 * ones only when their accounts had a stage in the window), by tandem id,
 * for @accounts (TandemAccountRecord); call with the store locked. */
GPtrArray *_tandem_conversions_compute (TandemStore *self,
                                        GArray      *teams,
                                        GArray      *accounts,
                                        gint64       since,
                                        gint64       until,
                                        GError     **error);

/* An empty conversion of @team. */
TandemConversion *_tandem_conversion_new (TandemTeam *team);

G_END_DECLS
