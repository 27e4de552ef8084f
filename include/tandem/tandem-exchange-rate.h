/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-exchange-rate.h: an exchange rate from a point in time on */

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

#define TANDEM_TYPE_EXCHANGE_RATE (tandem_exchange_rate_get_type ())

TANDEM_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (TandemExchangeRate, tandem_exchange_rate, TANDEM, EXCHANGE_RATE, GObject)

TANDEM_AVAILABLE_IN_ALL
const char *tandem_exchange_rate_get_from_currency (TandemExchangeRate *self);

TANDEM_AVAILABLE_IN_ALL
const char *tandem_exchange_rate_get_to_currency (TandemExchangeRate *self);

TANDEM_AVAILABLE_IN_ALL
const char *tandem_exchange_rate_get_rate (TandemExchangeRate *self);

TANDEM_AVAILABLE_IN_ALL
GDateTime *tandem_exchange_rate_get_since (TandemExchangeRate *self);

TANDEM_AVAILABLE_IN_ALL
gboolean tandem_exchange_rate_set (TandemStore *self,
                                   const char  *from_currency,
                                   const char  *to_currency,
                                   const char  *rate,
                                   GDateTime   *since,
                                   GError     **error);

TANDEM_AVAILABLE_IN_ALL
GListModel *tandem_exchange_rate_list (TandemStore *self, GError **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
