/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-book-private.h: what the book extract's files share
 * (tandem-book-entry.c, tandem-book-extract.c, tandem-book-extract-pdf.c). */

#pragma once

#include "tandem-book-entry.h"
#include "tandem-book-extract.h"
#include "tandem-settlement.h"

G_BEGIN_DECLS

struct _TandemBookExtract
{
  GObject parent_instance;

  TandemStore  *store;
  TandemRep    *rep;
  char         *plan_name;
  guint         plan_version; /* of --until, 0 when the plan is not stored */
  TandemPayOn   pay_on;
  char          currency[4];
  TandemPeriod *from;
  TandemPeriod *until;
  GPtrArray    *entries; /* TandemBookEntry, by date */
  GPtrArray    *states;  /* char *: "2026-01 closed", one per period */
  gboolean      final;   /* every period of the range is closed */
  TandemMoney  *earned;
  TandemMoney  *paid_out;
  TandemMoney  *held;
};

/* Takes the amounts. */
TandemBookEntry *_tandem_book_entry_new (TandemActivity *activity,
                                         TandemMoney    *reversed,
                                         TandemMoney    *paid_by_customer,
                                         TandemMoney    *earned,
                                         TandemMoney    *paid_out,
                                         TandemMoney    *held);

G_END_DECLS
