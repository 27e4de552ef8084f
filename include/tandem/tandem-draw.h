/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-draw.h: a rep's draw against commission */

#pragma once

#if !defined(TANDEM_INSIDE) && !defined(TANDEM_COMPILATION)
#error "Only <tandem.h> can be included directly."
#endif

#include <gio/gio.h>

#include "tandem-money.h"
#include "tandem-plan.h"
#include "tandem-rep.h"
#include "tandem-store.h"
#include "tandem-team.h"
#include "tandem-version-macros.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_DRAW (tandem_draw_get_type ())

TANDEM_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (TandemDraw, tandem_draw, TANDEM, DRAW, GObject)

TANDEM_AVAILABLE_IN_ALL
gint64 tandem_draw_get_id (TandemDraw *self);

TANDEM_AVAILABLE_IN_ALL
TandemRep *tandem_draw_get_rep (TandemDraw *self);

TANDEM_AVAILABLE_IN_ALL
TandemMoney *tandem_draw_get_amount (TandemDraw *self);

TANDEM_AVAILABLE_IN_ALL
const char *tandem_draw_get_from (TandemDraw *self);

TANDEM_AVAILABLE_IN_ALL
const char *tandem_draw_get_until (TandemDraw *self);

TANDEM_AVAILABLE_IN_ALL
gboolean tandem_draw_get_recoverable (TandemDraw *self);

TANDEM_AVAILABLE_IN_ALL
TandemMoney *tandem_draw_get_balance (TandemDraw *self);

TANDEM_AVAILABLE_IN_ALL
TandemDraw *tandem_draw_set (TandemStore  *self,
                             TandemRep    *rep,
                             TandemMoney  *amount,
                             TandemPeriod *from,
                             TandemPeriod *until,
                             gboolean      recoverable,
                             GError      **error) G_GNUC_WARN_UNUSED_RESULT;

TANDEM_AVAILABLE_IN_ALL
GListModel *tandem_draw_list (TandemStore *self, GError **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
