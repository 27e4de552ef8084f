/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-activity-writer.c: the one place where activities enter a store.
 *
 * tandem_store_save_activity() (and so log_activity and the CLI's log) and
 * the bulk import both write through a writer, inside their own write
 * transaction, so every invariant of stored activities holds whatever the
 * way in:
 *
 * - nothing new is dated inside a period that the plan its account's
 *   tandem follows has closed (read inside the transaction, so a close that
 *   commits first is seen, and one that starts later waits); a row stored
 *   there already with the same facts is a counted skip, one whose facts
 *   differ is refused naming both;
 * - every activity has a reference that means the same in any store: one
 *   saved without gets a new random one; an imported row without one gets
 *   one derived from its facts, so the same file imported twice adds
 *   nothing;
 * - a reference already stored is an idempotent skip when the facts are the
 *   same, and a conflict naming both when they differ;
 * - the reversals of an activity never take back more than its amount, and
 *   its payments never pay more than is left open of it;
 * - an activity that settlement pays (an order, cross- or up-sell, or a
 *   reversal) belongs to an account with a tandem; one dated before the
 *   tandem was formed is credited to its first members.
 *
 * A check that fails after the row was inserted returns an error; the
 * caller's transaction is rolled back, so nothing is written.
 *
 * Imports queue their rows: the checks that need only what the writer
 * has read run at once, the rows go to the database in batches on the
 * engine's bulk path (COPY on PostgreSQL), and the checks that need the
 * stored rows run per batch. Each queued row carries a tag (the import's
 * line) so that a refusal names its row. */

#include "config.h"

#include <inttypes.h>

#include "tandem-i18n-private.h"
#include <string.h>

#include "tandem-store-internal-private.h"
#include "tandem-activity-private.h"
#include "tandem-plan-choice-private.h"
#include "tandem-currency-private.h"
#include "tandem-util-private.h"

struct _TandemActivityWriter
{
  TandemStore     *store;
  TandemDb        *db;
  GArray          *closed;      /* TandemRangeRecord */
  GHashTable      *teams;       /* account id → team id (gint64*) */
  GHashTable      *memberships; /* team id → GArray of TandemMembershipRecord */
  TandemPlanChoice choice;      /* which plan a tandem follows: read when first needed */
  gboolean         has_choice;
  gboolean         derive_refs;
  char             ref[40]; /* the last generated reference */

  GArray                   *queue;       /* TandemActivityRecord, owning their texts */
  GArray                   *tags;        /* guint64, one per queued record */
  GHashTable               *queued_refs; /* references in the queue */
  TandemActivityWrittenFunc written;
  gpointer                  written_data;
};

/* rows per round trip on the bulk path */
#define QUEUE_MAX 8192

static gint64 *
new_id (gint64 id)
{
  return g_memdup2 (&id, sizeof id);
}

/* An import touches many accounts: read every account's tandem and every
 * tandem's members in two queries instead of one or two per account. */
static gboolean
preload_tandems (TandemActivityWriter *self, GError **error)
{
  g_autoptr (GArray) accounts = _tandem_db_list_accounts (self->db, error);
  g_autoptr (GArray) members
      = accounts != NULL ? _tandem_db_list_memberships (self->db, 0, error) : NULL;
  GArray *current = NULL;

  if (members == NULL)
    return FALSE;
  for (guint i = 0; i < accounts->len; i++)
    {
      const TandemAccountRecord *a = &g_array_index (accounts, TandemAccountRecord, i);

      g_hash_table_insert (self->teams, new_id (a->id), new_id (a->team_id));
    }
  for (guint i = 0; i < members->len; i++)
    {
      const TandemMembershipRecord *m = &g_array_index (members, TandemMembershipRecord, i);

      if (current == NULL
          || g_array_index (current, TandemMembershipRecord, 0).team_id != m->team_id)
        {
          current = g_array_new (FALSE, TRUE, sizeof (TandemMembershipRecord));
          g_hash_table_insert (self->memberships, new_id (m->team_id), current);
        }
      g_array_append_val (current, *m);
    }
  return TRUE;
}

TandemActivityWriter *
_tandem_activity_writer_new (TandemStore *store, gboolean derive_refs, GError **error)
{
  TandemActivityWriter *self = g_new0 (TandemActivityWriter, 1);

  self->store = store;
  self->derive_refs = derive_refs;
  self->db = _tandem_store_get_db (store);
  self->teams = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->memberships
      = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify)g_array_unref);
  self->queue = g_array_new (FALSE, TRUE, sizeof (TandemActivityRecord));
  g_array_set_clear_func (self->queue, (GDestroyNotify)_tandem_activity_record_clear);
  self->tags = g_array_new (FALSE, FALSE, sizeof (guint64));
  self->queued_refs = g_hash_table_new (g_str_hash, g_str_equal);
  self->closed = _tandem_db_list_closed_ranges (self->db, error);
  if (self->closed == NULL || (derive_refs && !preload_tandems (self, error)))
    {
      _tandem_activity_writer_free (self);
      return NULL;
    }
  return self;
}

void
_tandem_activity_writer_free (TandemActivityWriter *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->closed, g_array_unref);
  if (self->has_choice)
    _tandem_plan_choice_clear (&self->choice);
  g_clear_pointer (&self->teams, g_hash_table_unref);
  g_clear_pointer (&self->memberships, g_hash_table_unref);
  g_clear_pointer (&self->queued_refs, g_hash_table_unref);
  g_clear_pointer (&self->queue, g_array_unref);
  g_clear_pointer (&self->tags, g_array_unref);
  g_free (self);
}

/* A new reference for an activity saved without one. */
const char *
_tandem_activity_random_ref (char ref[40])
{
  g_autofree char *uuid = g_uuid_string_random ();
  char            *out = ref + strlen ("auto-");

  strcpy (ref, "auto-");
  for (const char *p = uuid; *p != '\0' && out < ref + strlen ("auto-") + 20; p++)
    if (*p != '-')
      *out++ = *p;
  *out = '\0';
  return ref;
}

/* A reference derived from the facts: the same facts give the same
 * reference in any store, so re-importing rows without one adds nothing. */
static const char *
derive_ref (TandemActivityWriter *self, const TandemActivityRecord *r)
{
  g_autofree char *facts = g_strdup_printf (
      "1|%" PRId64 "|%" PRId64 "|%" PRId64 "|%d|%d|%" PRId64 "|%s|%" PRId64 "|%s", r->occurred_at,
      r->account_id, r->rep_id, r->kind, r->has_amount, r->has_amount ? r->amount_minor : 0,
      r->has_amount ? r->currency : "", r->reverses_id, r->note ? r->note : "");
  g_autofree char *digest = NULL;

  /* what was sold counts only when given, so that the references of rows
   * imported before it was known stay what they were */
  if (r->product != NULL || r->category != NULL || r->quantity > 1 || r->has_cost)
    {
      char *more = g_strdup_printf ("%s|sold|%s|%s|%" PRId64 "|%d|%" PRId64, facts,
                                    r->product ? r->product : "", r->category ? r->category : "",
                                    MAX (r->quantity, 1), r->has_cost, r->cost_minor);

      g_free (facts);
      facts = more;
    }
  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, facts, -1);

  g_snprintf (self->ref, sizeof self->ref, "auto-%.20s", digest);
  return self->ref;
}

static char *
describe (const TandemActivityRecord *r)
{
  g_autofree char *at = _tandem_time_format (r->occurred_at);
  g_autofree char *amount = r->has_amount
                                ? _tandem_money_format_display (r->amount_minor, r->currency)
                                : g_strdup (_ ("no amount"));
  GString         *out = g_string_new (NULL);

  g_string_append_printf (out, _ ("%s, %s, %s, account %" PRId64 ", rep %" PRId64),
                          tandem_activity_kind_to_nick (r->kind), amount, at, r->account_id,
                          r->rep_id);
  if (r->reverses_id > 0 && r->kind == TANDEM_ACTIVITY_KIND_PAYMENT)
    g_string_append_printf (out, _ (", pays #%" PRId64), r->reverses_id);
  else if (r->reverses_id > 0)
    g_string_append_printf (out, _ (", reverses #%" PRId64), r->reverses_id);
  return g_string_free (out, FALSE);
}

static gboolean
same_facts (const TandemActivityRecord *a, const TandemActivityRecord *b)
{
  return a->account_id == b->account_id && a->rep_id == b->rep_id && a->kind == b->kind
         && a->has_amount == b->has_amount
         && (!a->has_amount
             || (a->amount_minor == b->amount_minor && strcmp (a->currency, b->currency) == 0))
         && a->occurred_at == b->occurred_at && a->reverses_id == b->reverses_id;
}

/* The stored row with the same reference: the same facts are a skip,
 * others a conflict. */
static gboolean
check_duplicate (TandemActivityWriter       *self,
                 const TandemActivityRecord *record,
                 gint64                      stored_id,
                 TandemActivityField        *field,
                 GError                    **error)
{
  TandemActivityRecord stored = { 0 };
  g_autofree char     *old_text = NULL;
  g_autofree char     *new_text = NULL;
  gboolean             same;

  if (!_tandem_db_load_activity (self->db, stored_id, &stored, error))
    return FALSE;
  same = same_facts (record, &stored);
  if (!same)
    {
      old_text = describe (&stored);
      new_text = describe (record);
    }
  _tandem_activity_record_clear (&stored);
  if (same)
    return TRUE;

  *field = TANDEM_ACTIVITY_FIELD_REF;
  g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CONFLICT,
               _ ("reference “%s” is already stored as activity #%" PRId64 " (%s); "
                  "this one differs (%s)"),
               record->external_ref, stored_id, old_text, new_text);
  return FALSE;
}

/* The reversals of an activity together never exceed it. Called after
 * @record was inserted, so the sum includes it. */
static gboolean
check_reversal_limit (TandemActivityWriter       *self,
                      const TandemActivityRecord *record,
                      TandemActivityField        *field,
                      GError                    **error)
{
  TandemActivityRecord reversed = { 0 };
  gint64               sum = 0;
  gboolean             ok = TRUE;

  if (!_tandem_db_load_activity (self->db, record->reverses_id, &reversed, error))
    return FALSE;

  if (!_tandem_db_sum_referring (self->db, record->reverses_id, TANDEM_ACTIVITY_KIND_REVERSAL, &sum,
                                 error))
    ok = FALSE;
  else if (reversed.has_amount && sum > reversed.amount_minor)
    {
      gint64           before = sum - record->amount_minor;
      g_autofree char *original
          = _tandem_money_format_display (reversed.amount_minor, reversed.currency);
      g_autofree char *taken = _tandem_money_format_display (before, reversed.currency);
      g_autofree char *left
          = _tandem_money_format_display (reversed.amount_minor - before, reversed.currency);
      g_autofree char *asked
          = _tandem_money_format_display (record->amount_minor, record->currency);

      *field = TANDEM_ACTIVITY_FIELD_AMOUNT;
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                   _ ("a reversal of %s would take back more than activity #%" PRId64 " (%s, %s) "
                      "has left: %s is already reversed, %s is left to reverse"),
                   asked, reversed.id, reversed.external_ref ? reversed.external_ref : "", original,
                   taken, left);
      ok = FALSE;
    }

  _tandem_activity_record_clear (&reversed);
  return ok;
}

/* The payments of an order never exceed what is left open of it: its
 * amount less its reversals and its other payments. Called after @record
 * was inserted, so the sum includes it. */
static gboolean
check_payment_limit (TandemActivityWriter       *self,
                     const TandemActivityRecord *record,
                     TandemActivityField        *field,
                     GError                    **error)
{
  TandemActivityRecord order = { 0 };
  gint64               paid = 0, reversed = 0;
  gboolean             ok = TRUE;

  if (!_tandem_db_load_activity (self->db, record->reverses_id, &order, error))
    return FALSE;

  if (!_tandem_db_sum_referring (self->db, record->reverses_id, TANDEM_ACTIVITY_KIND_PAYMENT, &paid,
                                 error)
      || !_tandem_db_sum_referring (self->db, record->reverses_id, TANDEM_ACTIVITY_KIND_REVERSAL,
                                    &reversed, error))
    ok = FALSE;
  else if (order.has_amount && paid + reversed > order.amount_minor)
    {
      gint64           before = paid - record->amount_minor;
      g_autofree char *original = _tandem_money_format_display (order.amount_minor, order.currency);
      g_autofree char *paid_text = _tandem_money_format_display (before, order.currency);
      g_autofree char *reversed_text = _tandem_money_format_display (reversed, order.currency);
      g_autofree char *open = _tandem_money_format_display (
          MAX (order.amount_minor - before - reversed, 0), order.currency);
      g_autofree char *asked
          = _tandem_money_format_display (record->amount_minor, record->currency);

      *field = TANDEM_ACTIVITY_FIELD_AMOUNT;
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                   _ ("a payment of %s is more than order #%" PRId64 " (%s, %s) has open: %s is "
                      "paid, %s reversed, %s is left to pay"),
                   asked, order.id, order.external_ref ? order.external_ref : "", original,
                   paid_text, reversed_text, open);
      ok = FALSE;
    }

  _tandem_activity_record_clear (&order);
  return ok;
}

static gint64
team_of_account (TandemActivityWriter *self, gint64 account_id, GError **error)
{
  gint64 *team = g_hash_table_lookup (self->teams, &account_id);

  if (team == NULL)
    {
      TandemAccountRecord account = { 0 };
      gint64             *key;

      if (!_tandem_db_load_account (self->db, account_id, &account, error))
        return -1;
      key = g_new (gint64, 1);
      *key = account_id;
      team = g_new (gint64, 1);
      *team = account.team_id;
      g_hash_table_insert (self->teams, key, team);
      _tandem_account_record_clear (&account);
    }
  return *team;
}

static GArray *
memberships_of (TandemActivityWriter *self, gint64 team_id, GError **error)
{
  GArray *members = g_hash_table_lookup (self->memberships, &team_id);

  if (members == NULL)
    {
      gint64 *key;

      members = _tandem_db_list_memberships (self->db, team_id, error);
      if (members == NULL)
        return NULL;
      key = g_new (gint64, 1);
      *key = team_id;
      g_hash_table_insert (self->memberships, key, members);
    }
  return members;
}

/* The closed period @record lies in: one that the plan its account's
 * tandem follows at its time has closed (an account without a tandem:
 * the default plan). NULL when there is none, or on error (*failed). */
static const TandemRangeRecord *
closed_range_of (TandemActivityWriter       *self,
                 const TandemActivityRecord *record,
                 gboolean                   *failed,
                 GError                    **error)
{
  const char *plan;
  gint64      team_id;
  gboolean    covered = FALSE;

  *failed = FALSE;
  for (guint i = 0; i < self->closed->len && !covered; i++)
    {
      const TandemRangeRecord *r = &g_array_index (self->closed, TandemRangeRecord, i);

      covered = r->start <= record->occurred_at && record->occurred_at < r->end;
    }
  if (!covered)
    return NULL;

  if (!self->has_choice)
    {
      if (!_tandem_plan_choice_load (&self->choice, self->db, NULL, error))
        {
          *failed = TRUE;
          return NULL;
        }
      self->has_choice = TRUE;
    }
  team_id = team_of_account (self, record->account_id, error);
  if (team_id < 0)
    {
      *failed = TRUE;
      return NULL;
    }
  plan = _tandem_plan_choice_at (&self->choice, team_id, record->occurred_at);
  for (guint i = 0; i < self->closed->len; i++)
    {
      const TandemRangeRecord *r = &g_array_index (self->closed, TandemRangeRecord, i);

      if (r->start <= record->occurred_at && record->occurred_at < r->end
          && (plan == NULL || strcmp (r->plan, plan) == 0))
        return r;
    }
  return NULL;
}

/* A row dated in @range, closed: stored already with the same facts, it is
 * a skip (*inserted stays FALSE); with other facts, a conflict naming
 * both; not stored, refused naming the plan and the period. */
static gboolean
write_into_closed (TandemActivityWriter    *self,
                   TandemActivityRecord    *record,
                   const TandemRangeRecord *range,
                   TandemActivityField     *field,
                   GError                 **error)
{
  gint64 id = 0;

  if (record->external_ref != NULL && record->external_ref[0] != '\0')
    id = _tandem_db_find_activity_by_ref (self->db, record->external_ref, error);
  if (id < 0)
    return FALSE;
  if (id > 0)
    {
      record->id = id;
      return check_duplicate (self, record, id, field, error);
    }

  {
    g_autofree char *when = _tandem_time_format (record->occurred_at);

    *field = TANDEM_ACTIVITY_FIELD_AT;
    g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CLOSED_PERIOD,
                 _ ("%s lies in period %s of plan “%s”, which is closed: activities there can "
                    "no longer be logged"),
                 when, range->label, range->plan);
  }
  return FALSE;
}

/* Settlement credits an order to the members of its account's tandem at
 * its time (before the tandem was formed: its first members). An account
 * without a tandem, or a tandem without members, would block the
 * settlement later: refuse the activity now. */
static gboolean
check_tandem (TandemActivityWriter       *self,
              const TandemActivityRecord *record,
              TandemActivityField        *field,
              GError                    **error)
{
  gint64  team_id = team_of_account (self, record->account_id, error);
  GArray *members;

  if (team_id < 0)
    return FALSE;
  if (team_id == 0)
    {
      *field = TANDEM_ACTIVITY_FIELD_ACCOUNT;
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                   _ ("account %" PRId64
                      " has no tandem: give it one before logging an activity of kind “%s”"),
                   record->account_id, tandem_activity_kind_to_nick (record->kind));
      return FALSE;
    }

  members = memberships_of (self, team_id, error);
  if (members == NULL)
    return FALSE;
  if (_tandem_membership_record_at (members, record->occurred_at) == NULL)
    {
      *field = TANDEM_ACTIVITY_FIELD_ACCOUNT;
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                   _ ("the tandem of account %" PRId64 " has no members"), record->account_id);
      return FALSE;
    }
  return TRUE;
}

gboolean
_tandem_activity_writer_write (TandemActivityWriter *self,
                               TandemActivityRecord *record,
                               gboolean             *inserted,
                               TandemActivityField  *field,
                               GError              **error)
{
  TandemActivityField      dummy;
  const TandemRangeRecord *range;
  gboolean                 failed;

  g_assert (self != NULL);
  g_assert (record != NULL);
  g_assert (inserted != NULL);

  if (field == NULL)
    field = &dummy;
  *field = TANDEM_ACTIVITY_FIELD_NONE;
  *inserted = FALSE;

  if (record->external_ref == NULL || record->external_ref[0] == '\0')
    record->external_ref = (char *)(self->derive_refs ? derive_ref (self, record)
                                                      : _tandem_activity_random_ref (self->ref));

  range = closed_range_of (self, record, &failed, error);
  if (failed)
    return FALSE;
  if (range != NULL)
    return write_into_closed (self, record, range, field, error);

  if (!_tandem_db_insert_activity (self->db, record, inserted, error))
    return FALSE;

  if (!*inserted)
    return check_duplicate (self, record, record->id, field, error);

  if (record->kind == TANDEM_ACTIVITY_KIND_REVERSAL
      && !check_reversal_limit (self, record, field, error))
    return FALSE;
  if (record->kind == TANDEM_ACTIVITY_KIND_PAYMENT
      && !check_payment_limit (self, record, field, error))
    return FALSE;

  if (_tandem_activity_kind_settles (record->kind) && !check_tandem (self, record, field, error))
    return FALSE;

  return TRUE;
}

void
_tandem_activity_writer_set_written_func (TandemActivityWriter     *self,
                                          TandemActivityWrittenFunc func,
                                          gpointer                  user_data)
{
  self->written = func;
  self->written_data = user_data;
}

static void
report_written (TandemActivityWriter       *self,
                const TandemActivityRecord *record,
                gboolean                    inserted,
                guint64                     tag)
{
  if (self->written != NULL)
    self->written (record, inserted, tag, self->written_data);
}

static void
clear_queue (TandemActivityWriter *self)
{
  g_hash_table_remove_all (self->queued_refs);
  g_array_set_size (self->queue, 0);
  g_array_set_size (self->tags, 0);
}

gboolean
_tandem_activity_writer_flush (TandemActivityWriter *self,
                               guint64              *failed_tag,
                               TandemActivityField  *field,
                               GError              **error)
{
  TandemActivityRecord *records = (TandemActivityRecord *)(void *)self->queue->data;
  guint                 n = self->queue->len;
  g_autofree gboolean  *inserted = NULL;
  TandemActivityField   dummy;
  gboolean              ok;

  g_assert (self != NULL);
  g_assert (failed_tag != NULL);

  if (field == NULL)
    field = &dummy;
  *field = TANDEM_ACTIVITY_FIELD_NONE;
  if (n == 0)
    return TRUE;

  inserted = g_new0 (gboolean, n);
  *failed_tag = g_array_index (self->tags, guint64, 0);
  ok = _tandem_db_insert_activities (self->db, records, n, inserted, error);

  /* the checks that need the stored rows, in the order of the rows */
  for (guint i = 0; ok && i < n; i++)
    {
      *failed_tag = g_array_index (self->tags, guint64, i);
      if (!inserted[i] ? !check_duplicate (self, &records[i], records[i].id, field, error)
                       : _tandem_activity_kind_settles (records[i].kind)
                             && !check_tandem (self, &records[i], field, error))
        ok = FALSE;
    }

  for (guint i = 0; ok && i < n; i++)
    report_written (self, &records[i], inserted[i], g_array_index (self->tags, guint64, i));
  /* written or refused (the caller then rolls back): not written again */
  clear_queue (self);
  return ok;
}

gboolean
_tandem_activity_writer_queue (TandemActivityWriter *self,
                               TandemActivityRecord *record,
                               guint64               tag,
                               guint64              *failed_tag,
                               TandemActivityField  *field,
                               GError              **error)
{
  TandemActivityRecord     copy;
  TandemActivityField      dummy;
  gboolean                 inserted, failed;
  const TandemRangeRecord *range;

  g_assert (self != NULL);
  g_assert (record != NULL);
  g_assert (failed_tag != NULL);

  if (field == NULL)
    field = &dummy;
  *field = TANDEM_ACTIVITY_FIELD_NONE;

  if (record->external_ref == NULL || record->external_ref[0] == '\0')
    record->external_ref = (char *)(self->derive_refs ? derive_ref (self, record)
                                                      : _tandem_activity_random_ref (self->ref));

  *failed_tag = tag;
  range = closed_range_of (self, record, &failed, error);
  if (failed)
    return FALSE;
  if (range != NULL)
    {
      /* an earlier row's refusal comes first; the stored row is compared
       * after the rows queued before it are written */
      if (!_tandem_activity_writer_flush (self, failed_tag, field, error))
        return FALSE;
      *failed_tag = tag;
      if (!write_into_closed (self, record, range, field, error))
        return FALSE;
      report_written (self, record, FALSE, tag);
      return TRUE;
    }

  /* a reversal is checked against what it reverses, which may be queued;
   * a reference seen twice is compared with the first, once stored */
  if (record->kind == TANDEM_ACTIVITY_KIND_REVERSAL || record->kind == TANDEM_ACTIVITY_KIND_PAYMENT
      || g_hash_table_contains (self->queued_refs, record->external_ref))
    {
      if (!_tandem_activity_writer_flush (self, failed_tag, field, error))
        return FALSE;
    }

  if (record->kind == TANDEM_ACTIVITY_KIND_REVERSAL || record->kind == TANDEM_ACTIVITY_KIND_PAYMENT)
    {
      *failed_tag = tag;
      if (!_tandem_activity_writer_write (self, record, &inserted, field, error))
        return FALSE;
      report_written (self, record, inserted, tag);
      return TRUE;
    }

  copy = *record;
  copy.external_ref = g_strdup (record->external_ref);
  copy.note = g_strdup (record->note);
  copy.product = g_strdup (record->product);
  copy.category = g_strdup (record->category);
  g_array_append_val (self->queue, copy);
  g_array_append_val (self->tags, tag);
  g_hash_table_add (self->queued_refs, copy.external_ref);

  if (self->queue->len >= QUEUE_MAX)
    return _tandem_activity_writer_flush (self, failed_tag, field, error);
  return TRUE;
}
