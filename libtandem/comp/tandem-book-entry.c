/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-book-entry.c: one business of a book extract */

#include "config.h"

#include "tandem-record-private.h"

#include "tandem-book-private.h"

/**
 * TandemBookEntry:
 *
 * One business of a [class@Tandem.BookExtract]: a commissionable activity
 * (an order, cross-sell or up-sell) the rep earned on, what of it the
 * customer reversed and paid, what the rep earned on it, what the periods
 * of the extract paid out for it and what is still held until the
 * customer pays.
 *
 * The customer's amounts are in the activity's currency, the rep's in the
 * plan's.
 *
 * Since: 1.0
 */
struct _TandemBookEntry
{
  GObject parent_instance;

  TandemActivity *activity;
  TandemMoney    *reversed;
  TandemMoney    *paid_by_customer;
  TandemMoney    *earned;
  TandemMoney    *paid_out;
  TandemMoney    *held;
};

static const TandemField fields[] = {
  /**
   * TandemBookEntry:activity:
   *
   * The business: an order, cross-sell or up-sell; its reference, date,
   * account, kind and amount are the extract's first columns.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_OBJECT (TandemBookEntry, activity, "activity", tandem_activity_get_type),
  /**
   * TandemBookEntry:reversed:
   *
   * What reversals (cancellations, returns) took back of the activity's
   * amount up to the end of the extract's last period.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_BOXED (TandemBookEntry, reversed, "reversed", tandem_money_get_type),
  /**
   * TandemBookEntry:paid-by-customer:
   *
   * What the customer's payments of it add up to by the end of the
   * extract's last period.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_BOXED (TandemBookEntry, paid_by_customer, "paid-by-customer", tandem_money_get_type),
  /**
   * TandemBookEntry:earned:
   *
   * The rep's commission and accelerator for it, before reversals.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_BOXED (TandemBookEntry, earned, "earned", tandem_money_get_type),
  /**
   * TandemBookEntry:paid-out:
   *
   * What the periods of the extract paid the rep for it: its commission
   * and accelerator lines, the parts paid as the customer paid, less
   * clawbacks.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_BOXED (TandemBookEntry, paid_out, "paid-out", tandem_money_get_type),
  /**
   * TandemBookEntry:held:
   *
   * What the rep earned on it and is held until the customer pays (pay
   * on collection); zero when nothing is left to pay.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_BOXED (TandemBookEntry, held, "held", tandem_money_get_type),
};

TANDEM_DEFINE_RECORD_TYPE (TandemBookEntry, tandem_book_entry, fields, G_PARAM_READABLE)

TandemBookEntry *
_tandem_book_entry_new (TandemActivity *activity,
                        TandemMoney    *reversed,
                        TandemMoney    *paid_by_customer,
                        TandemMoney    *earned,
                        TandemMoney    *paid_out,
                        TandemMoney    *held)
{
  TandemBookEntry *self = g_object_new (TANDEM_TYPE_BOOK_ENTRY, NULL);

  self->activity = g_object_ref (activity);
  self->reversed = reversed;
  self->paid_by_customer = paid_by_customer;
  self->earned = earned;
  self->paid_out = paid_out;
  self->held = held;
  return self;
}

/**
 * tandem_book_entry_get_activity:
 * @self: a `TandemBookEntry`
 *
 * Gets [property@Tandem.BookEntry:activity].
 *
 * Returns: (transfer none): the activity
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemActivity *,
                      tandem_book_entry_get_activity,
                      TandemBookEntry,
                      TANDEM_IS_BOOK_ENTRY,
                      activity,
                      NULL)

/**
 * tandem_book_entry_get_reversed:
 * @self: a `TandemBookEntry`
 *
 * Gets [property@Tandem.BookEntry:reversed].
 *
 * Returns: (transfer none): the amount reversed
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemMoney *,
                      tandem_book_entry_get_reversed,
                      TandemBookEntry,
                      TANDEM_IS_BOOK_ENTRY,
                      reversed,
                      NULL)

/**
 * tandem_book_entry_get_paid_by_customer:
 * @self: a `TandemBookEntry`
 *
 * Gets [property@Tandem.BookEntry:paid-by-customer].
 *
 * Returns: (transfer none): what the customer paid
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemMoney *,
                      tandem_book_entry_get_paid_by_customer,
                      TandemBookEntry,
                      TANDEM_IS_BOOK_ENTRY,
                      paid_by_customer,
                      NULL)

/**
 * tandem_book_entry_get_earned:
 * @self: a `TandemBookEntry`
 *
 * Gets [property@Tandem.BookEntry:earned].
 *
 * Returns: (transfer none): what the rep earned
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemMoney *,
                      tandem_book_entry_get_earned,
                      TandemBookEntry,
                      TANDEM_IS_BOOK_ENTRY,
                      earned,
                      NULL)

/**
 * tandem_book_entry_get_paid_out:
 * @self: a `TandemBookEntry`
 *
 * Gets [property@Tandem.BookEntry:paid-out].
 *
 * Returns: (transfer none): what was paid out
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemMoney *,
                      tandem_book_entry_get_paid_out,
                      TandemBookEntry,
                      TANDEM_IS_BOOK_ENTRY,
                      paid_out,
                      NULL)

/**
 * tandem_book_entry_get_held:
 * @self: a `TandemBookEntry`
 *
 * Gets [property@Tandem.BookEntry:held].
 *
 * Returns: (transfer none): what is held
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemMoney *,
                      tandem_book_entry_get_held,
                      TandemBookEntry,
                      TANDEM_IS_BOOK_ENTRY,
                      held,
                      NULL)
