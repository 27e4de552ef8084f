/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-lifecycle-private.h: the lifecycle rules as a pure function, and
 * applying them to one stored account */

#pragma once

#include "tandem-db-private.h"
#include "tandem-stage-rules-private.h"
#include "tandem-store-private.h"
#include "tandem-conversion.h"
#include "tandem-lifecycle.h"

G_BEGIN_DECLS

/* One TandemConversion per tandem of @teams (TandemTeamRecord; archived
 * ones only when their accounts had a stage in the window), by tandem id,
 * for @accounts (TandemAccountRecord), read inside @tx. */
GPtrArray *_tandem_conversions_compute (TandemTransaction *tx,
                                        GArray            *teams,
                                        GArray            *accounts,
                                        gint64             since,
                                        gint64             until,
                                        GError           **error);

/* An empty conversion of @team. */
TandemConversion *_tandem_conversion_new (TandemTeam *team);

G_END_DECLS
