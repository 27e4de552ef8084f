/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-book-extract.h: the book extract of HGB §87c(2): every business a rep earned on in a
 * range of periods */

#pragma once

#if !defined(TANDEM_INSIDE) && !defined(TANDEM_COMPILATION)
#error "Only <tandem.h> can be included directly."
#endif

#include <gio/gio.h>

#include "tandem-money.h"
#include "tandem-period.h"
#include "tandem-rep.h"
#include "tandem-store.h"
#include "tandem-version-macros.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_BOOK_EXTRACT (tandem_book_extract_get_type ())

TANDEM_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (TandemBookExtract, tandem_book_extract, TANDEM, BOOK_EXTRACT, GObject)

TANDEM_AVAILABLE_IN_ALL
TandemBookExtract *tandem_book_extract_new (TandemStore  *store,
                                            const char   *plan_name,
                                            TandemRep    *rep,
                                            TandemPeriod *from,
                                            TandemPeriod *until,
                                            GCancellable *cancellable,
                                            GError      **error);

TANDEM_AVAILABLE_IN_ALL
void tandem_book_extract_compute_async (TandemStore        *store,
                                        const char         *plan_name,
                                        TandemRep          *rep,
                                        TandemPeriod       *from,
                                        TandemPeriod       *until,
                                        GCancellable       *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer            user_data);

TANDEM_AVAILABLE_IN_ALL
TandemBookExtract *tandem_book_extract_compute_finish (GAsyncResult *result, GError **error);

TANDEM_AVAILABLE_IN_ALL
TandemRep *tandem_book_extract_get_rep (TandemBookExtract *self);

TANDEM_AVAILABLE_IN_ALL
const char *tandem_book_extract_get_plan_name (TandemBookExtract *self);

TANDEM_AVAILABLE_IN_ALL
TandemPeriod *tandem_book_extract_get_from (TandemBookExtract *self);

TANDEM_AVAILABLE_IN_ALL
TandemPeriod *tandem_book_extract_get_until (TandemBookExtract *self);

TANDEM_AVAILABLE_IN_ALL
gboolean tandem_book_extract_get_final (TandemBookExtract *self);

TANDEM_AVAILABLE_IN_ALL
TandemMoney *tandem_book_extract_get_earned (TandemBookExtract *self);

TANDEM_AVAILABLE_IN_ALL
TandemMoney *tandem_book_extract_get_paid_out (TandemBookExtract *self);

TANDEM_AVAILABLE_IN_ALL
TandemMoney *tandem_book_extract_get_held (TandemBookExtract *self);

TANDEM_AVAILABLE_IN_ALL
gboolean tandem_book_extract_write_csv (TandemBookExtract *self,
                                        GOutputStream     *stream,
                                        GCancellable      *cancellable,
                                        GError           **error);

TANDEM_AVAILABLE_IN_ALL
gboolean tandem_book_extract_write_pdf (TandemBookExtract *self,
                                        GOutputStream     *stream,
                                        GCancellable      *cancellable,
                                        GError           **error);

G_END_DECLS
