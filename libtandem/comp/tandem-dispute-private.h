/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-dispute-private.h: making a TandemDispute */

#pragma once

#include "tandem-dispute.h"

G_BEGIN_DECLS

TandemDispute *_tandem_dispute_new (gint64             id,
                                    TandemRep         *rep,
                                    const char        *plan,
                                    const char        *period,
                                    gint64             activity_id,
                                    const char        *reason,
                                    TandemDisputeState state,
                                    const char        *opened_by,
                                    GDateTime         *opened_at,
                                    const char        *resolved_by,
                                    GDateTime         *resolved_at,
                                    const char        *note,
                                    TandemMoney       *amount,
                                    const char        *into);

G_END_DECLS
