/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-line-table-private.h: a settlement's payout lines, held compact.
 *
 * A month of a large store has millions of lines; held as structs they
 * were the largest memory a settlement needed. The store keeps them
 * encoded in blocks of up to LINE_BLOCK lines (each field a varint, most
 * as the difference to the line before), which is about a sixth of the
 * struct's size, and decodes a block when it is read. */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Why a line exists: selects its explanation. */
typedef enum
{
  REASON_COMMISSION,
  REASON_ACCELERATOR,
  REASON_BONUS_EQUAL,
  REASON_BONUS_CONTRIBUTION,
  REASON_REFERRAL,
  REASON_CLAWBACK,
  REASON_CLAWBACK_REFERRAL,
  REASON_OUTSIDE_WINDOW,
  REASON_NO_CLAWBACK,
  REASON_CAP,
  REASON_CAP_PART,
  REASON_STORED,
  REASON_DRAW,
  REASON_DRAW_RECOVERY,
  REASON_DRAW_RECOVERY_ENDED,
  REASON_DISPUTE,   /* the text says which dispute, who accepted it and why */
  REASON_COLLECTED, /* pay on collection: an earlier order's part paid now; the text says */
  REASON_SPIFF,     /* a [Spiff …]: base per unit, other the units, other2 its group */
} TandemLineReason;

/* TandemLine flags (line->flags) */
#define LINE_PERIOD_TARGET 1 /* the tandem's target was the one set for the period */
#define LINE_RECOVERABLE 2   /* a draw line of a recoverable draw */
#define LINE_EARNED 4        /* pay on collection: an order's own line; amount paid, earned all */
#define LINE_MARGIN 8 /* Base=margin: base is the margin; a commission line's other the cost */

/* One line, compact: the explanation is written only when asked for. */
typedef struct
{
  gint64 rep_id;
  gint64 activity_id;
  gint64 amount;
  gint64 base;       /* the amount the line is computed from */
  gint64 pool;       /* the amount split between the members */
  gint64 rate;       /* the rate applied, fixed point */
  gint64 account_id; /* account of the activity */
  gint64 team_id;    /* tandem the line was earned through, 0 for none */
  gint64 other;      /* order id, referrer id, days, threshold, … */
  gint64 other2;
  gint64 earned; /* LINE_EARNED: what the line earned, paid or held */
  char  *text;   /* closed lines: the stored explanation; pay on collection: what was paid */
  guint  seq;
  gint32 share_bp;
  guint8 kind;
  guint8 reason;
  guint8 activity_kind;
  guint8 flags;
} TandemLine;

#define LINE_BLOCK 64
/* the most bytes a block without texts takes */
#define LINE_BLOCK_BYTES (LINE_BLOCK * 146)

typedef struct _TandemLineTable TandemLineTable;

TandemLineTable *_tandem_line_table_new (void);
void             _tandem_line_table_free (TandemLineTable *store);
guint            _tandem_line_table_get_len (TandemLineTable *store);
/* The bytes the encoded lines take (for tests and benchmarks). */
gsize _tandem_line_table_get_size (TandemLineTable *store);
/* Appends a copy of @line with its seq set to its position, which is
 * returned; the store takes @line->text. */
guint _tandem_line_table_append (TandemLineTable *store, const TandemLine *line);
/* Copies the line at @position into @out; @out->text stays the store's.
 * Safe from several threads once the store is no longer changed. */
void _tandem_line_table_get (TandemLineTable *store, guint position, TandemLine *out);
/* Replaces the line at @position by @line; the store takes @line->text. */
void _tandem_line_table_set (TandemLineTable *store, guint position, const TandemLine *line);
/* How many bytes of blocks stay in memory before blocks go to a
 * temporary file (tests set it low). */
void  _tandem_line_table_set_memory (TandemLineTable *store, gsize budget);
gsize _tandem_line_table_get_memory (TandemLineTable *store);
/* FALSE, with an error, when a block could not be read back from the
 * temporary file (its lines read as zero). */
gboolean _tandem_line_table_check (TandemLineTable *store, GError **error);
/* Orders the lines by rep, then seq, in O(n): each block is freed as soon
 * as its lines moved, so the lines are never held twice. */
void _tandem_line_table_sort_by_rep (TandemLineTable *store);

/* Reads lines [first, end) in order, a block at a time; the store must
 * not change while it is read. */
typedef struct
{
  TandemLineTable  *store;
  guint             position;
  guint             end;
  guint             k;
  guint             n;
  const TandemLine *lines;
  TandemLine        buffer[LINE_BLOCK];
  guint8            bytes[LINE_BLOCK_BYTES]; /* a block read from the file */
} TandemLineIter;

void _tandem_line_iter_init (TandemLineIter *iter, TandemLineTable *store, guint first, guint end);
const TandemLine *_tandem_line_iter_next (TandemLineIter *iter);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemLineTable, _tandem_line_table_free)

G_END_DECLS
