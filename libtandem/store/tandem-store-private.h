/* SPDX-License-Identifier: LGPL-2.1-or-later */

#pragma once

#include "tandem-store.h"
#include "tandem-db-private.h"

G_BEGIN_DECLS

/* A store over @db, which it takes (tests pass one on a fault-injecting
 * SQLite VFS). */
TandemStore *_tandem_store_new_for_db (TandemDb *db, const char *path);
void         _tandem_store_lock (TandemStore *self);
void         _tandem_store_unlock (TandemStore *self);

/* Object loading with the store's identity map; call with the lock held. */
TandemRep  *_tandem_store_load_rep (TandemStore *self, gint64 id, GError **error);
TandemTeam *_tandem_store_load_team (TandemStore *self, gint64 id, GError **error);
/* Reads every rep in one query into the store's cache, so that building
 * many tandems (_tandem_store_team_from_record) asks nothing more. */
gboolean    _tandem_store_preload_reps (TandemStore *self, GError **error);
TandemTeam *_tandem_store_team_from_record (TandemStore            *self,
                                            const TandemTeamRecord *record,
                                            GError                **error);
/* TandemStageRecords as a list model of TandemStageChange. */
GListModel *_tandem_stage_changes_to_list (GArray *records);
/* Sets the stage of loaded accounts to the last of @changes
 * (TandemStageRecord) for each. */
void           _tandem_store_refresh_stages (TandemStore *self, GArray *changes);
TandemAccount *_tandem_store_load_account (TandemStore *self, gint64 id, GError **error);
/* @reverses: the activity that @record reverses or pays, when the caller
 * has it (else it is loaded) */
TandemActivity *_tandem_store_activity_from_record (TandemStore                *self,
                                                    const TandemActivityRecord *record,
                                                    TandemActivity             *reverses,
                                                    GError                    **error);
void            _tandem_store_scan_from_filter (TandemStore          *self,
                                                TandemActivityFilter *filter,
                                                TandemActivityScan   *scan);

/* Emits TandemStore::progress in @context (or now, when NULL). */
void _tandem_store_report_progress (TandemStore  *self,
                                    GMainContext *context,
                                    const char   *operation,
                                    guint64       done,
                                    guint64       total);

/* How comp/ and method/ reach the database (tandem-transaction.c): a
 * transaction holds the store's lock while it lives and, once begun, a
 * write transaction that is rolled back unless committed. Use it with
 * g_autoptr; check arguments before making one. */
typedef struct _TandemTransaction TandemTransaction;

TandemTransaction *_tandem_transaction_new (TandemStore *store);
gboolean           _tandem_transaction_begin (TandemTransaction *self, GError **error);
gboolean     _tandem_transaction_begin_before (TandemTransaction *self, gint64 end, GError **error);
gboolean     _tandem_transaction_commit (TandemTransaction *self, GError **error);
TandemDb    *_tandem_transaction_get_db (TandemTransaction *self);
TandemStore *_tandem_transaction_get_store (TandemTransaction *self);
void         _tandem_transaction_end (TandemTransaction *self);
/* The store's time zone (UTC when none is set), read in the caller's
 * transaction on @db (tandem-store-settings.c). */
GTimeZone *_tandem_store_load_time_zone (TandemDb *db, GError **error);
/* Appends who (the store's actor), when (now), @verb and @what to the
 * audit trail, inside the caller's transaction on @db. */
gboolean _tandem_store_append_audit (TandemStore *self,
                                     TandemDb    *db,
                                     const char  *verb,
                                     const char  *what,
                                     GError     **error);
/* Appends an audit entry (as _tandem_store_append_audit), then commits:
 * the entry exists exactly when the write does. */
gboolean _tandem_transaction_commit_audited (TandemTransaction *self,
                                             const char        *verb,
                                             const char        *what,
                                             GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemTransaction, _tandem_transaction_end)

/* Writing activities (tandem-activity-writer.c): the one place that
 * enforces the invariants of stored activities, for every way in. Create
 * and use a writer inside a write transaction. */
typedef struct _TandemActivityWriter TandemActivityWriter;

/* Which input field a refused activity is blamed on. */
typedef enum
{
  TANDEM_ACTIVITY_FIELD_NONE,
  TANDEM_ACTIVITY_FIELD_REF,
  TANDEM_ACTIVITY_FIELD_AT,
  TANDEM_ACTIVITY_FIELD_ACCOUNT,
  TANDEM_ACTIVITY_FIELD_AMOUNT,
} TandemActivityField;

/* A new random reference, "auto-" and 20 hex digits, written to @ref. */
const char *_tandem_activity_random_ref (char ref[40]);

/* @derive_refs: an activity without a reference gets one derived from
 * its facts (imports), else a random one (activities saved one by one). */
TandemActivityWriter *_tandem_activity_writer_new (TandemStore *store,
                                                   gboolean     derive_refs,
                                                   GError     **error);
void                  _tandem_activity_writer_free (TandemActivityWriter *self);
/* Inserts @record (giving it a reference if it has none, which then
 * points into the writer), or finds the identical stored one
 * (*inserted FALSE). */
gboolean _tandem_activity_writer_write (TandemActivityWriter *self,
                                        TandemActivityRecord *record,
                                        gboolean             *inserted,
                                        TandemActivityField  *field,
                                        GError              **error);

/* Called for each queued activity once it is written (@inserted) or found
 * stored with the same facts; @tag is what it was queued with. */
typedef void (*TandemActivityWrittenFunc) (const TandemActivityRecord *record,
                                           gboolean                    inserted,
                                           guint64                     tag,
                                           gpointer                    user_data);
/* The bulk way in (imports): checks @record and queues a copy, writing
 * the queue on the engine's bulk path when it is full, before a reversal
 * (which is written at once, after what it may reverse) and before a
 * reference that is already queued. */
void     _tandem_activity_writer_set_written_func (TandemActivityWriter     *self,
                                                   TandemActivityWrittenFunc func,
                                                   gpointer                  user_data);
gboolean _tandem_activity_writer_queue (TandemActivityWriter *self,
                                        TandemActivityRecord *record,
                                        guint64               tag,
                                        guint64              *failed_tag,
                                        TandemActivityField  *field,
                                        GError              **error);
/* Writes what is queued; a refused activity sets *failed_tag and *field. */
gboolean _tandem_activity_writer_flush (TandemActivityWriter *self,
                                        guint64              *failed_tag,
                                        TandemActivityField  *field,
                                        GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TandemActivityWriter, _tandem_activity_writer_free)

/* The paged activity model (tandem-activity-list.c). */
GListModel *_tandem_activity_list_new (TandemStore              *store,
                                       const TandemActivityScan *scan,
                                       GError                  **error);

/* Import and export (io/tandem-store-io.c). */
gboolean _tandem_store_import (TandemStore         *self,
                               GInputStream        *stream,
                               TandemDataFormat     format,
                               TandemImportOptions *options, /* nullable */
                               GMainContext        *progress_context,
                               GCancellable        *cancellable,
                               guint64             *inserted,
                               guint64             *skipped,
                               char               **encoding, /* nullable out */
                               GArray              *changes,  /* TandemStageRecord */
                               GError             **error);

G_END_DECLS
