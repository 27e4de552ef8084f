/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-book-entry.h: one business of a book extract: an order and what the rep earned on it */

#pragma once

#if !defined(TANDEM_INSIDE) && !defined(TANDEM_COMPILATION)
#error "Only <tandem.h> can be included directly."
#endif

#include <gio/gio.h>

#include "tandem-activity.h"
#include "tandem-money.h"
#include "tandem-version-macros.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_BOOK_ENTRY (tandem_book_entry_get_type ())

TANDEM_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (TandemBookEntry, tandem_book_entry, TANDEM, BOOK_ENTRY, GObject)

TANDEM_AVAILABLE_IN_ALL
TandemActivity *tandem_book_entry_get_activity (TandemBookEntry *self);

TANDEM_AVAILABLE_IN_ALL
TandemMoney *tandem_book_entry_get_reversed (TandemBookEntry *self);

TANDEM_AVAILABLE_IN_ALL
TandemMoney *tandem_book_entry_get_paid_by_customer (TandemBookEntry *self);

TANDEM_AVAILABLE_IN_ALL
TandemMoney *tandem_book_entry_get_earned (TandemBookEntry *self);

TANDEM_AVAILABLE_IN_ALL
TandemMoney *tandem_book_entry_get_paid_out (TandemBookEntry *self);

TANDEM_AVAILABLE_IN_ALL
TandemMoney *tandem_book_entry_get_held (TandemBookEntry *self);

G_END_DECLS
