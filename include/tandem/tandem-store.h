/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-store.h: durable storage of reps, tandems, accounts and activities */

#pragma once

#if !defined(TANDEM_INSIDE) && !defined(TANDEM_COMPILATION)
#error "Only <tandem.h> can be included directly."
#endif

#include <gio/gio.h>

#include "tandem-account.h"
#include "tandem-import.h"
#include "tandem-activity.h"
#include "tandem-activity-filter.h"
#include "tandem-activity-list.h"
#include "tandem-membership.h"
#include "tandem-stage-change.h"
#include "tandem-rep.h"
#include "tandem-team.h"
#include "tandem-version-macros.h"
#include "tandem-money.h"
#include "tandem-types.h"

G_BEGIN_DECLS

/**
 * TANDEM_STORE_ERROR:
 *
 * The error domain of [class@Tandem.Store].
 *
 * Since: 1.0
 */
#define TANDEM_STORE_ERROR (tandem_store_error_quark ())

/**
 * TandemStoreError:
 * @TANDEM_STORE_ERROR_FAILED: an unexpected database error
 * @TANDEM_STORE_ERROR_NOT_FOUND: no row with that id or reference
 * @TANDEM_STORE_ERROR_READ_ONLY: the store was opened read-only, or the file cannot be written
 * @TANDEM_STORE_ERROR_TOO_NEW: the file was written by a newer libtandem; it is left untouched
 * @TANDEM_STORE_ERROR_NOT_A_STORE: the file is an SQLite database but not a libtandem store
 * @TANDEM_STORE_ERROR_CORRUPT: the file is not a database, or is damaged
 * @TANDEM_STORE_ERROR_IO: reading or writing the file failed (disk full, I/O error); nothing was
 * changed
 * @TANDEM_STORE_ERROR_BUSY: another process held the database locked for longer than the busy
 * timeout
 * @TANDEM_STORE_ERROR_INVALID: the data breaks a rule of the store (a reference to an unknown or
 * archived row)
 * @TANDEM_STORE_ERROR_CLOSED_PERIOD: the change falls inside a closed settlement period
 * @TANDEM_STORE_ERROR_CONFLICT: an activity's reference is already stored with other facts
 *   (amount, time, account, rep, kind or reversed activity); the message names both
 * @TANDEM_STORE_ERROR_WRONG_STATE: a settlement period is not in the state the step needs
 *   (approving before closing, paying before approving, or doing either twice)
 *
 * Error codes of the %TANDEM_STORE_ERROR domain.
 *
 * Since: 1.0
 */
typedef enum
{
  TANDEM_STORE_ERROR_FAILED,
  TANDEM_STORE_ERROR_NOT_FOUND,
  TANDEM_STORE_ERROR_READ_ONLY,
  TANDEM_STORE_ERROR_TOO_NEW,
  TANDEM_STORE_ERROR_NOT_A_STORE,
  TANDEM_STORE_ERROR_CORRUPT,
  TANDEM_STORE_ERROR_IO,
  TANDEM_STORE_ERROR_BUSY,
  TANDEM_STORE_ERROR_INVALID,
  TANDEM_STORE_ERROR_CLOSED_PERIOD,
  TANDEM_STORE_ERROR_CONFLICT,
  TANDEM_STORE_ERROR_WRONG_STATE,
} TandemStoreError;

/**
 * TandemStoreFlags:
 * @TANDEM_STORE_FLAGS_NONE: open for reading and writing, creating and migrating the file as needed
 * @TANDEM_STORE_FLAGS_READ_ONLY: open an existing store for reading only; writes fail with
 * %TANDEM_STORE_ERROR_READ_ONLY
 *
 * How to open a store.
 *
 * Since: 1.0
 */
typedef enum /*< flags >*/
{
  TANDEM_STORE_FLAGS_NONE = 0,
  TANDEM_STORE_FLAGS_READ_ONLY = 1 << 0,
} TandemStoreFlags;

/**
 * TandemDataFormat:
 * @TANDEM_DATA_FORMAT_CSV: RFC 4180 CSV with a header row
 * @TANDEM_DATA_FORMAT_JSON: a JSON array of objects
 *
 * The interchange formats of activity import and export. Both have the
 * columns (keys) `ref`, `at`, `account`, `rep`, `kind`, `amount`, and
 * optionally `reverses` (the ref or id of the reversed activity) and `note`.
 *
 * Since: 1.0
 */
typedef enum
{
  TANDEM_DATA_FORMAT_CSV,
  TANDEM_DATA_FORMAT_JSON,
} TandemDataFormat;

#define TANDEM_TYPE_STORE (tandem_store_get_type ())

TANDEM_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (TandemStore, tandem_store, TANDEM, STORE, GObject)

TANDEM_AVAILABLE_IN_ALL
GQuark tandem_store_error_quark (void);

TANDEM_AVAILABLE_IN_ALL
TandemStore *tandem_store_new_for_path (const char *path, GError **error) G_GNUC_WARN_UNUSED_RESULT;

TANDEM_AVAILABLE_IN_ALL
TandemStore *tandem_store_new_for_path_full (const char      *path,
                                             TandemStoreFlags flags,
                                             GError         **error) G_GNUC_WARN_UNUSED_RESULT;

TANDEM_AVAILABLE_IN_ALL
TandemStore *tandem_store_new_for_uri (const char *uri, GError **error) G_GNUC_WARN_UNUSED_RESULT;

TANDEM_AVAILABLE_IN_ALL
TandemStore *tandem_store_new_in_memory (GError **error) G_GNUC_WARN_UNUSED_RESULT;

TANDEM_AVAILABLE_IN_ALL
const char *tandem_store_get_path (TandemStore *self);

TANDEM_AVAILABLE_IN_ALL
gboolean tandem_store_get_read_only (TandemStore *self);

TANDEM_AVAILABLE_IN_ALL
int tandem_store_get_schema_version (TandemStore *self);

TANDEM_AVAILABLE_IN_ALL
gboolean tandem_store_check_integrity (TandemStore *self, GError **error);

/* reps */
TANDEM_AVAILABLE_IN_ALL
TandemRep *tandem_store_add_rep (TandemStore *self,
                                 const char  *name,
                                 TandemRole   role,
                                 GError     **error) G_GNUC_WARN_UNUSED_RESULT;

TANDEM_AVAILABLE_IN_ALL
TandemRep *tandem_store_get_rep (TandemStore *self,
                                 gint64       id,
                                 GError     **error) G_GNUC_WARN_UNUSED_RESULT;

TANDEM_AVAILABLE_IN_ALL
gboolean tandem_store_update_rep (TandemStore *self, TandemRep *rep, GError **error);

TANDEM_AVAILABLE_IN_ALL
gboolean tandem_store_archive_rep (TandemStore *self, TandemRep *rep, GError **error);

TANDEM_AVAILABLE_IN_ALL
GListModel *tandem_store_list_reps (TandemStore *self, GError **error) G_GNUC_WARN_UNUSED_RESULT;

/* tandems */
TANDEM_AVAILABLE_IN_ALL
TandemTeam *tandem_store_add_team (TandemStore *self,
                                   TandemRep   *inside_rep,
                                   TandemRep   *field_rep,
                                   GError     **error) G_GNUC_WARN_UNUSED_RESULT;

TANDEM_AVAILABLE_IN_ALL
TandemTeam *tandem_store_save_team (TandemStore *self,
                                    TandemTeam  *team,
                                    GDateTime   *since,
                                    GError     **error) G_GNUC_WARN_UNUSED_RESULT;

TANDEM_AVAILABLE_IN_ALL
TandemTeam *tandem_store_get_team (TandemStore *self,
                                   gint64       id,
                                   GError     **error) G_GNUC_WARN_UNUSED_RESULT;

TANDEM_AVAILABLE_IN_ALL
gboolean tandem_store_update_team (TandemStore *self, TandemTeam *team, GError **error);

TANDEM_AVAILABLE_IN_ALL
gboolean tandem_store_change_team_members (TandemStore *self,
                                           TandemTeam  *team,
                                           TandemRep   *inside_rep,
                                           TandemRep   *field_rep,
                                           GDateTime   *since,
                                           GError     **error);

TANDEM_AVAILABLE_IN_ALL
gboolean tandem_store_archive_team (TandemStore *self, TandemTeam *team, GError **error);

TANDEM_AVAILABLE_IN_ALL
GListModel *tandem_store_list_teams (TandemStore *self, GError **error) G_GNUC_WARN_UNUSED_RESULT;

/* accounts */
TANDEM_AVAILABLE_IN_ALL
TandemAccount *tandem_store_add_account (TandemStore *self,
                                         const char  *name,
                                         TandemTeam  *team,
                                         GError     **error) G_GNUC_WARN_UNUSED_RESULT;

TANDEM_AVAILABLE_IN_ALL
TandemAccount *tandem_store_save_account (TandemStore   *self,
                                          TandemAccount *account,
                                          GDateTime     *since,
                                          GError       **error) G_GNUC_WARN_UNUSED_RESULT;

TANDEM_AVAILABLE_IN_ALL
TandemAccount *tandem_store_get_account (TandemStore *self,
                                         gint64       id,
                                         GError     **error) G_GNUC_WARN_UNUSED_RESULT;

TANDEM_AVAILABLE_IN_ALL
gboolean tandem_store_update_account (TandemStore *self, TandemAccount *account, GError **error);

TANDEM_AVAILABLE_IN_ALL
gboolean tandem_store_set_account_stage (TandemStore       *self,
                                         TandemAccount     *account,
                                         TandemAccountStage stage,
                                         GDateTime         *at,
                                         GError           **error);

TANDEM_AVAILABLE_IN_ALL
gboolean tandem_store_archive_account (TandemStore *self, TandemAccount *account, GError **error);

TANDEM_AVAILABLE_IN_ALL
GListModel *tandem_store_list_accounts (TandemStore *self,
                                        GError     **error) G_GNUC_WARN_UNUSED_RESULT;

/* activities */
TANDEM_AVAILABLE_IN_ALL
TandemActivity *tandem_store_log_activity (TandemStore       *self,
                                           TandemAccount     *account,
                                           TandemRep         *rep,
                                           TandemActivityKind kind,
                                           TandemMoney       *amount,
                                           GDateTime         *occurred_at,
                                           GError           **error) G_GNUC_WARN_UNUSED_RESULT;

TANDEM_AVAILABLE_IN_ALL
TandemActivity *tandem_store_save_activity (TandemStore    *self,
                                            TandemActivity *activity,
                                            gboolean       *inserted,
                                            GError        **error) G_GNUC_WARN_UNUSED_RESULT;

TANDEM_AVAILABLE_IN_ALL
TandemActivity *tandem_store_get_activity (TandemStore *self,
                                           gint64       id,
                                           GError     **error) G_GNUC_WARN_UNUSED_RESULT;

TANDEM_AVAILABLE_IN_ALL
TandemActivity *tandem_store_find_activity_by_ref (TandemStore *self,
                                                   const char  *external_ref,
                                                   GError     **error) G_GNUC_WARN_UNUSED_RESULT;

TANDEM_AVAILABLE_IN_ALL
GListModel *tandem_store_list_activities (TandemStore *self,
                                          GError     **error) G_GNUC_WARN_UNUSED_RESULT;

TANDEM_AVAILABLE_IN_ALL
GListModel *tandem_store_query_activities (TandemStore          *self,
                                           TandemActivityFilter *filter,
                                           GError              **error) G_GNUC_WARN_UNUSED_RESULT;

TANDEM_AVAILABLE_IN_ALL
void tandem_store_query_activities_async (TandemStore          *self,
                                          TandemActivityFilter *filter,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);

TANDEM_AVAILABLE_IN_ALL
GListModel *tandem_store_query_activities_finish (TandemStore  *self,
                                                  GAsyncResult *result,
                                                  GError      **error) G_GNUC_WARN_UNUSED_RESULT;

/* settings */
TANDEM_AVAILABLE_IN_ALL
char *tandem_store_get_time_zone_name (TandemStore *self, GError **error) G_GNUC_WARN_UNUSED_RESULT;

TANDEM_AVAILABLE_IN_ALL
GTimeZone *tandem_store_get_time_zone (TandemStore *self, GError **error) G_GNUC_WARN_UNUSED_RESULT;

TANDEM_AVAILABLE_IN_ALL
gboolean tandem_store_set_time_zone (TandemStore *self, const char *name, GError **error);

/* bulk import and export */
TANDEM_AVAILABLE_IN_ALL
gboolean tandem_store_import_activities (TandemStore         *self,
                                         GInputStream        *stream,
                                         TandemDataFormat     format,
                                         TandemImportOptions *options,
                                         GCancellable        *cancellable,
                                         guint64             *inserted,
                                         guint64             *skipped,
                                         char               **encoding,
                                         GError             **error);

TANDEM_AVAILABLE_IN_ALL
void tandem_store_import_activities_async (TandemStore         *self,
                                           GInputStream        *stream,
                                           TandemDataFormat     format,
                                           TandemImportOptions *options,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);

TANDEM_AVAILABLE_IN_ALL
gboolean tandem_store_import_activities_finish (TandemStore  *self,
                                                GAsyncResult *result,
                                                guint64      *inserted,
                                                guint64      *skipped,
                                                GError      **error);

TANDEM_AVAILABLE_IN_ALL
gboolean tandem_store_export_activities (TandemStore          *self,
                                         GOutputStream        *stream,
                                         TandemDataFormat      format,
                                         TandemActivityFilter *filter,
                                         GCancellable         *cancellable,
                                         GError              **error);

TANDEM_AVAILABLE_IN_ALL
void tandem_store_set_actor (TandemStore *self, const char *actor);

TANDEM_AVAILABLE_IN_ALL
const char *tandem_store_get_actor (TandemStore *self);

G_END_DECLS
