/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-payout-line.c: one line of a settlement: who gets how much, and why */

#include "config.h"

#include "tandem-record-private.h"

#include "tandem-settlement.h"
#include "tandem-settlement-private.h"
#include "tandem-enum-types.h"
#include "tandem-store-private.h"

/**
 * TandemPayoutLine:
 *
 * One line of a [class@Tandem.Settlement]: an amount paid to (or taken
 * from) a rep, of a [enum@Tandem.LineKind], with the activity it comes
 * from where there is one and a sentence a rep can check by hand.
 *
 * Since: 1.0
 */
struct _TandemPayoutLine
{
  GObject parent_instance;

  TandemStore    *store;
  TandemRep      *rep;
  TandemMoney    *amount;
  char           *explanation;
  TandemActivity *activity;
  gint64          activity_id;
  TandemLineKind  kind;
};

G_DEFINE_FINAL_TYPE (TandemPayoutLine, tandem_payout_line, G_TYPE_OBJECT)

static const TandemField fields[] = {
  /**
   * TandemPayoutLine:rep:
   *
   * Who is paid.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_OBJECT (TandemPayoutLine, rep, "rep", tandem_rep_get_type),
  /**
   * TandemPayoutLine:kind:
   *
   * What the line is for.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_ENUM (TandemPayoutLine,
                     kind,
                     "kind",
                     tandem_line_kind_get_type,
                     TANDEM_LINE_KIND_COMMISSION),
  /**
   * TandemPayoutLine:amount:
   *
   * The amount; negative for clawbacks and caps.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_BOXED (TandemPayoutLine, amount, "amount", tandem_money_get_type),
  /**
   * TandemPayoutLine:activity:
   *
   * The activity the line comes from, or %NULL (team bonuses, caps). It is
   * read from the store when first asked for.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_COMPUTED_OBJECT ("activity",
                                tandem_payout_line_get_activity,
                                tandem_activity_get_type),
  /**
   * TandemPayoutLine:activity-id:
   *
   * The id of [property@Tandem.PayoutLine:activity], or 0.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_INT64 (TandemPayoutLine, activity_id, "activity-id", 0, G_MAXINT64, 0),
  /**
   * TandemPayoutLine:explanation:
   *
   * One sentence a rep can check by hand, such as "5% of 1,200.00 EUR
   * order #17 for ACME GmbH = 60.00 EUR; your share 40% = 24.00 EUR".
   *
   * Since: 1.0
   */
  TANDEM_FIELD_STRING (TandemPayoutLine, explanation, "explanation"),
};

static void
tandem_payout_line_finalize (GObject *object)
{
  TandemPayoutLine *self = (TandemPayoutLine *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->activity);
  _tandem_record_finalize (object);
}

static void
tandem_payout_line_class_init (TandemPayoutLineClass *klass)
{
  _tandem_record_class_init (G_OBJECT_CLASS (klass), fields, G_N_ELEMENTS (fields),
                             G_PARAM_READABLE, NULL);
  G_OBJECT_CLASS (klass)->finalize = tandem_payout_line_finalize;
}

static void
tandem_payout_line_init (TandemPayoutLine *self)
{
}

TandemPayoutLine *
_tandem_payout_line_new (TandemStore   *store,
                         TandemRep     *rep,
                         TandemLineKind kind,
                         TandemMoney   *amount,
                         gint64         activity_id,
                         char          *explanation)
{
  TandemPayoutLine *self = g_object_new (TANDEM_TYPE_PAYOUT_LINE, NULL);

  self->store = g_object_ref (store);
  self->rep = g_object_ref (rep);
  self->kind = kind;
  self->amount = amount;
  self->activity_id = activity_id;
  self->explanation = explanation;
  return self;
}

/**
 * tandem_payout_line_get_rep:
 * @self: a `TandemPayoutLine`
 *
 * Gets [property@Tandem.PayoutLine:rep].
 *
 * Returns: (transfer none): the rep
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemRep *,
                      tandem_payout_line_get_rep,
                      TandemPayoutLine,
                      TANDEM_IS_PAYOUT_LINE,
                      rep,
                      NULL)

/**
 * tandem_payout_line_get_kind:
 * @self: a `TandemPayoutLine`
 *
 * Gets [property@Tandem.PayoutLine:kind].
 *
 * Returns: the kind
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemLineKind,
                      tandem_payout_line_get_kind,
                      TandemPayoutLine,
                      TANDEM_IS_PAYOUT_LINE,
                      kind,
                      TANDEM_LINE_KIND_COMMISSION)

/**
 * tandem_payout_line_get_amount:
 * @self: a `TandemPayoutLine`
 *
 * Gets [property@Tandem.PayoutLine:amount].
 *
 * Returns: (transfer none): the amount
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemMoney *,
                      tandem_payout_line_get_amount,
                      TandemPayoutLine,
                      TANDEM_IS_PAYOUT_LINE,
                      amount,
                      NULL)

/**
 * tandem_payout_line_get_activity_id:
 * @self: a `TandemPayoutLine`
 *
 * Gets [property@Tandem.PayoutLine:activity-id].
 *
 * Returns: the activity's id, or 0
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (gint64,
                      tandem_payout_line_get_activity_id,
                      TandemPayoutLine,
                      TANDEM_IS_PAYOUT_LINE,
                      activity_id,
                      0)

/**
 * tandem_payout_line_get_activity:
 * @self: a `TandemPayoutLine`
 *
 * Gets [property@Tandem.PayoutLine:activity], reading it from the store
 * the first time.
 *
 * Returns: (transfer none) (nullable): the activity, or %NULL
 *
 * Since: 1.0
 */
TandemActivity *
tandem_payout_line_get_activity (TandemPayoutLine *self)
{
  g_return_val_if_fail (TANDEM_IS_PAYOUT_LINE (self), NULL);

  if (self->activity == NULL && self->activity_id > 0)
    self->activity = tandem_store_get_activity (self->store, self->activity_id, NULL);

  return self->activity;
}

/**
 * tandem_payout_line_get_explanation:
 * @self: a `TandemPayoutLine`
 *
 * Gets [property@Tandem.PayoutLine:explanation].
 *
 * Returns: (transfer none): the explanation
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (const char *,
                      tandem_payout_line_get_explanation,
                      TandemPayoutLine,
                      TANDEM_IS_PAYOUT_LINE,
                      explanation,
                      NULL)
