/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-backend.c: the internal backend interface and its records */

#include "config.h"

#include <string.h>

#include "tandem-backend-private.h"

G_DEFINE_INTERFACE (TandemBackend, _tandem_backend, G_TYPE_OBJECT)

static void
_tandem_backend_default_init (TandemBackendInterface *iface)
{
}

void
_tandem_rep_record_clear (TandemRepRecord *record)
{
  g_clear_pointer (&record->name, g_free);
  g_clear_pointer (&record->personnel_number, g_free);
}

void
_tandem_team_record_clear (TandemTeamRecord *record)
{
  g_clear_pointer (&record->name, g_free);
}

void
_tandem_account_record_clear (TandemAccountRecord *record)
{
  g_clear_pointer (&record->name, g_free);
  g_clear_pointer (&record->number, g_free);
}

void
_tandem_activity_record_clear (TandemActivityRecord *record)
{
  g_clear_pointer (&record->external_ref, g_free);
  g_clear_pointer (&record->note, g_free);
}

const TandemMembershipRecord *
_tandem_membership_record_at (GArray *memberships, gint64 t)
{
  if (memberships == NULL || memberships->len == 0)
    return NULL;

  for (guint i = memberships->len; i > 0; i--)
    {
      const TandemMembershipRecord *m = &g_array_index (memberships, TandemMembershipRecord, i - 1);

      if (m->valid_from <= t && (m->valid_until == 0 || t < m->valid_until))
        return m;
    }
  return &g_array_index (memberships, TandemMembershipRecord, 0);
}

void
_tandem_schedule_record_clear (TandemScheduleRecord *record)
{
  g_clear_pointer (&record->name, g_free);
  g_clear_pointer (&record->text, g_free);
  g_clear_pointer (&record->from_label, g_free);
  g_clear_pointer (&record->until_label, g_free);
}

void
_tandem_line_record_clear (TandemLineRecord *record)
{
  g_clear_pointer (&record->explanation, g_free);
}

void
_tandem_range_record_clear (TandemRangeRecord *record)
{
  g_clear_pointer (&record->plan, g_free);
  g_clear_pointer (&record->label, g_free);
}

void
_tandem_tag_record_clear (TandemTagRecord *record)
{
  g_clear_pointer (&record->tag, g_free);
}

void
_tandem_audit_record_clear (TandemAuditRecord *record)
{
  g_clear_pointer (&record->who, g_free);
  g_clear_pointer (&record->verb, g_free);
  g_clear_pointer (&record->what, g_free);
}

void
_tandem_dispute_record_clear (TandemDisputeRecord *record)
{
  g_clear_pointer (&record->plan, g_free);
  g_clear_pointer (&record->label, g_free);
  g_clear_pointer (&record->reason, g_free);
  g_clear_pointer (&record->opened_by, g_free);
  g_clear_pointer (&record->resolved_by, g_free);
  g_clear_pointer (&record->note, g_free);
  g_clear_pointer (&record->into_label, g_free);
}

void
_tandem_support_record_clear (TandemSupportRecord *record)
{
  g_clear_pointer (&record->queue, g_free);
}

void
_tandem_charter_area_record_clear (TandemCharterAreaRecord *record)
{
  g_clear_pointer (&record->area, g_free);
}

void
_tandem_activity_scan_init (TandemActivityScan *scan)
{
  memset (scan, 0, sizeof *scan);
  scan->kind = -1;
  scan->since = G_MININT64;
  scan->until = G_MAXINT64;
}

gboolean
_tandem_backend_is_read_only (TandemBackend *self)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), FALSE);

  return TANDEM_BACKEND_GET_IFACE (self)->is_read_only (self);
}

int
_tandem_backend_get_schema_version (TandemBackend *self)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), 0);

  return TANDEM_BACKEND_GET_IFACE (self)->get_schema_version (self);
}

gboolean
_tandem_backend_check_integrity (TandemBackend *self, GError **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return TANDEM_BACKEND_GET_IFACE (self)->check_integrity (self, error);
}

gboolean
_tandem_backend_begin (TandemBackend *self, GError **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return TANDEM_BACKEND_GET_IFACE (self)->begin (self, error);
}

gboolean
_tandem_backend_commit (TandemBackend *self, GError **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return TANDEM_BACKEND_GET_IFACE (self)->commit (self, error);
}

void
_tandem_backend_rollback (TandemBackend *self)
{
  g_return_if_fail (TANDEM_IS_BACKEND (self));

  TANDEM_BACKEND_GET_IFACE (self)->rollback (self);
}

void
_tandem_backend_set_bulk (TandemBackend *self, gboolean bulk)
{
  g_return_if_fail (TANDEM_IS_BACKEND (self));

  if (TANDEM_BACKEND_GET_IFACE (self)->set_bulk != NULL)
    TANDEM_BACKEND_GET_IFACE (self)->set_bulk (self, bulk);
}

gboolean
_tandem_backend_defer_indexes (TandemBackend *self,
                               gboolean       defer,
                               gboolean      *deferred,
                               GError       **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *deferred = FALSE;
  if (TANDEM_BACKEND_GET_IFACE (self)->defer_indexes == NULL)
    return TRUE;
  return TANDEM_BACKEND_GET_IFACE (self)->defer_indexes (self, defer, deferred, error);
}

gboolean
_tandem_backend_insert_rep (TandemBackend *self, TandemRepRecord *record, GError **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return TANDEM_BACKEND_GET_IFACE (self)->insert_rep (self, record, error);
}

gboolean
_tandem_backend_update_rep (TandemBackend *self, const TandemRepRecord *record, GError **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return TANDEM_BACKEND_GET_IFACE (self)->update_rep (self, record, error);
}

gboolean
_tandem_backend_load_rep (TandemBackend *self, gint64 id, TandemRepRecord *record, GError **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return TANDEM_BACKEND_GET_IFACE (self)->load_rep (self, id, record, error);
}

GArray *
_tandem_backend_list_reps (TandemBackend *self, GError **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return TANDEM_BACKEND_GET_IFACE (self)->list_reps (self, error);
}

gboolean
_tandem_backend_insert_team (TandemBackend    *self,
                             TandemTeamRecord *record,
                             gint64            since,
                             GError          **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return TANDEM_BACKEND_GET_IFACE (self)->insert_team (self, record, since, error);
}

gboolean
_tandem_backend_update_team (TandemBackend *self, const TandemTeamRecord *record, GError **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return TANDEM_BACKEND_GET_IFACE (self)->update_team (self, record, error);
}

gboolean
_tandem_backend_load_team (TandemBackend *self, gint64 id, TandemTeamRecord *record, GError **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return TANDEM_BACKEND_GET_IFACE (self)->load_team (self, id, record, error);
}

GArray *
_tandem_backend_list_teams (TandemBackend *self, GError **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return TANDEM_BACKEND_GET_IFACE (self)->list_teams (self, error);
}

gboolean
_tandem_backend_change_members (TandemBackend *self,
                                gint64         team_id,
                                gint64         inside_rep_id,
                                gint64         field_rep_id,
                                gint64         since,
                                GError       **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return TANDEM_BACKEND_GET_IFACE (self)->change_members (self, team_id, inside_rep_id,
                                                          field_rep_id, since, error);
}

gboolean
_tandem_backend_set_team_start (TandemBackend *self, gint64 team_id, gint64 since, GError **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return TANDEM_BACKEND_GET_IFACE (self)->set_team_start (self, team_id, since, error);
}

GArray *
_tandem_backend_list_memberships (TandemBackend *self, gint64 team_id, GError **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return TANDEM_BACKEND_GET_IFACE (self)->list_memberships (self, team_id, error);
}

gboolean
_tandem_backend_insert_account (TandemBackend       *self,
                                TandemAccountRecord *record,
                                gint64               created_at,
                                GError             **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return TANDEM_BACKEND_GET_IFACE (self)->insert_account (self, record, created_at, error);
}

gboolean
_tandem_backend_update_account (TandemBackend             *self,
                                const TandemAccountRecord *record,
                                GError                   **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return TANDEM_BACKEND_GET_IFACE (self)->update_account (self, record, error);
}

gboolean
_tandem_backend_load_account (TandemBackend       *self,
                              gint64               id,
                              TandemAccountRecord *record,
                              GError             **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return TANDEM_BACKEND_GET_IFACE (self)->load_account (self, id, record, error);
}

GArray *
_tandem_backend_list_accounts (TandemBackend *self, GError **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return TANDEM_BACKEND_GET_IFACE (self)->list_accounts (self, error);
}

gboolean
_tandem_backend_add_stage_change (TandemBackend           *self,
                                  const TandemStageRecord *record,
                                  GError                 **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return TANDEM_BACKEND_GET_IFACE (self)->add_stage_change (self, record, error);
}

gboolean
_tandem_backend_add_stage_changes (TandemBackend           *self,
                                   const TandemStageRecord *records,
                                   guint                    n,
                                   GError                 **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), FALSE);
  g_return_val_if_fail (n == 0 || records != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return TANDEM_BACKEND_GET_IFACE (self)->add_stage_changes (self, records, n, error);
}

gboolean
_tandem_backend_set_account_stages (TandemBackend           *self,
                                    const TandemStageRecord *records,
                                    guint                    n,
                                    GError                 **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), FALSE);
  g_return_val_if_fail (n == 0 || records != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return TANDEM_BACKEND_GET_IFACE (self)->set_account_stages (self, records, n, error);
}

GArray *
_tandem_backend_list_stage_changes (TandemBackend *self, gint64 account_id, GError **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return TANDEM_BACKEND_GET_IFACE (self)->list_stage_changes (self, account_id, error);
}

gboolean
_tandem_backend_insert_activity (TandemBackend        *self,
                                 TandemActivityRecord *record,
                                 gboolean             *inserted,
                                 GError              **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return TANDEM_BACKEND_GET_IFACE (self)->insert_activity (self, record, inserted, error);
}

gboolean
_tandem_backend_insert_activities (TandemBackend        *self,
                                   TandemActivityRecord *records,
                                   guint                 n,
                                   gboolean             *inserted,
                                   GError              **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), FALSE);
  g_return_val_if_fail (n == 0 || (records != NULL && inserted != NULL), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return TANDEM_BACKEND_GET_IFACE (self)->insert_activities (self, records, n, inserted, error);
}

gboolean
_tandem_backend_load_activity (TandemBackend        *self,
                               gint64                id,
                               TandemActivityRecord *record,
                               GError              **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return TANDEM_BACKEND_GET_IFACE (self)->load_activity (self, id, record, error);
}

gint64
_tandem_backend_find_activity_by_ref (TandemBackend *self, const char *external_ref, GError **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  return TANDEM_BACKEND_GET_IFACE (self)->find_activity_by_ref (self, external_ref, error);
}

gint64
_tandem_backend_max_activity_id (TandemBackend *self, GError **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  return TANDEM_BACKEND_GET_IFACE (self)->max_activity_id (self, error);
}

gint64
_tandem_backend_count_activities (TandemBackend            *self,
                                  const TandemActivityScan *scan,
                                  GError                  **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  return TANDEM_BACKEND_GET_IFACE (self)->count_activities (self, scan, error);
}

gboolean
_tandem_backend_scan_activities (TandemBackend            *self,
                                 const TandemActivityScan *scan,
                                 const TandemScanKey      *after,
                                 gint64                    offset,
                                 guint                     limit,
                                 GArray                   *records,
                                 GError                  **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return TANDEM_BACKEND_GET_IFACE (self)->scan_activities (self, scan, after, offset, limit,
                                                           records, error);
}

gboolean
_tandem_backend_scan_settlement (TandemBackend   *self,
                                 gint64           since,
                                 gint64           until,
                                 TandemSettleFunc func,
                                 gpointer         user_data,
                                 GError         **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return TANDEM_BACKEND_GET_IFACE (self)->scan_settlement (self, since, until, func, user_data,
                                                           error);
}

GArray *
_tandem_backend_list_referrals (TandemBackend *self, GError **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return TANDEM_BACKEND_GET_IFACE (self)->list_referrals (self, error);
}

gboolean
_tandem_backend_save_schedule (TandemBackend              *self,
                               TandemScheduleKind          kind,
                               const TandemScheduleRecord *record,
                               gint64                     *id,
                               GError                    **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), FALSE);
  g_return_val_if_fail (kind < TANDEM_N_SCHEDULES, FALSE);
  g_return_val_if_fail (record != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return TANDEM_BACKEND_GET_IFACE (self)->save_schedule (self, kind, record, id, error);
}

GArray *
_tandem_backend_list_schedule (TandemBackend     *self,
                               TandemScheduleKind kind,
                               const gint64      *line_kinds,
                               GError           **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), NULL);
  g_return_val_if_fail (kind < TANDEM_N_SCHEDULES, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return TANDEM_BACKEND_GET_IFACE (self)->list_schedule (self, kind, line_kinds, error);
}

gboolean
_tandem_backend_close_period (TandemBackend   *self,
                              const char      *plan,
                              const char      *label,
                              gint64           start,
                              gint64           end,
                              gint64           closed_at,
                              TandemLineSource lines,
                              gpointer         lines_data,
                              GArray          *teams,
                              GError         **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return TANDEM_BACKEND_GET_IFACE (self)->close_period (self, plan, label, start, end, closed_at,
                                                        lines, lines_data, teams, error);
}

gboolean
_tandem_backend_load_closed_period (TandemBackend *self,
                                    const char    *plan,
                                    const char    *label,
                                    TandemLineSink lines,
                                    gpointer       lines_data,
                                    GArray        *teams,
                                    GError       **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return TANDEM_BACKEND_GET_IFACE (self)->load_closed_period (self, plan, label, lines, lines_data,
                                                              teams, error);
}

gboolean
_tandem_backend_sum_referring (TandemBackend *self,
                               gint64         activity_id,
                               int            kind,
                               gint64        *sum,
                               GError       **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), FALSE);
  g_return_val_if_fail (sum != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return TANDEM_BACKEND_GET_IFACE (self)->sum_referring (self, activity_id, kind, sum, error);
}

GArray *
_tandem_backend_list_order_flows (TandemBackend *self,
                                  gint64         order_id,
                                  gint64         until,
                                  GError       **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return TANDEM_BACKEND_GET_IFACE (self)->list_order_flows (self, order_id, until, error);
}

GArray *
_tandem_backend_list_open_orders (TandemBackend *self,
                                  gint64         before,
                                  gint64         until,
                                  gint64         mask,
                                  GError       **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return TANDEM_BACKEND_GET_IFACE (self)->list_open_orders (self, before, until, mask, error);
}

GArray *
_tandem_backend_list_closed_ranges (TandemBackend *self, GError **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return TANDEM_BACKEND_GET_IFACE (self)->list_closed_ranges (self, error);
}

GArray *
_tandem_backend_list_closed_lines_for_activity (TandemBackend *self,
                                                gint64         activity_id,
                                                GError       **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return TANDEM_BACKEND_GET_IFACE (self)->list_closed_lines_for_activity (self, activity_id, error);
}

GArray *
_tandem_backend_list_line_texts (TandemBackend *self, gint64 first, gint64 end, GError **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return TANDEM_BACKEND_GET_IFACE (self)->list_line_texts (self, first, end, error);
}

gboolean
_tandem_backend_set_rep_tag (TandemBackend *self,
                             gint64         rep_id,
                             int            kind,
                             const char    *tag,
                             int            level,
                             GError       **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return TANDEM_BACKEND_GET_IFACE (self)->set_rep_tag (self, rep_id, kind, tag, level, error);
}

GArray *
_tandem_backend_list_rep_tags (TandemBackend *self, gint64 rep_id, GError **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return TANDEM_BACKEND_GET_IFACE (self)->list_rep_tags (self, rep_id, error);
}

GArray *
_tandem_backend_list_account_revenue (TandemBackend *self,
                                      gint64         since,
                                      gint64         until,
                                      const char    *currency,
                                      GError       **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return TANDEM_BACKEND_GET_IFACE (self)->list_account_revenue (self, since, until, currency,
                                                                error);
}

gboolean
_tandem_backend_insert_support (TandemBackend             *self,
                                const TandemSupportRecord *record,
                                GError                   **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return TANDEM_BACKEND_GET_IFACE (self)->insert_support (self, record, error);
}

GArray *
_tandem_backend_list_support (TandemBackend *self,
                              const char    *queue,
                              gboolean       open_only,
                              gint64         due_before,
                              gint64         activity_id,
                              GError       **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return TANDEM_BACKEND_GET_IFACE (self)->list_support (self, queue, open_only, due_before,
                                                        activity_id, error);
}

gboolean
_tandem_backend_insert_dispute (TandemBackend *self, TandemDisputeRecord *record, GError **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return TANDEM_BACKEND_GET_IFACE (self)->insert_dispute (self, record, error);
}

gboolean
_tandem_backend_resolve_dispute (TandemBackend             *self,
                                 const TandemDisputeRecord *record,
                                 GError                   **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return TANDEM_BACKEND_GET_IFACE (self)->resolve_dispute (self, record, error);
}

gboolean
_tandem_backend_append_audit (TandemBackend *self, const TandemAuditRecord *record, GError **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return TANDEM_BACKEND_GET_IFACE (self)->append_audit (self, record, error);
}

GArray *
_tandem_backend_list_audit (TandemBackend *self, gint64 since, GError **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return TANDEM_BACKEND_GET_IFACE (self)->list_audit (self, since, error);
}

GArray *
_tandem_backend_list_disputes (TandemBackend *self, GError **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return TANDEM_BACKEND_GET_IFACE (self)->list_disputes (self, error);
}

gboolean
_tandem_backend_close_support (TandemBackend *self,
                               gint64         activity_id,
                               gint64         closed_by,
                               gint64         closed_at,
                               GError       **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return TANDEM_BACKEND_GET_IFACE (self)->close_support (self, activity_id, closed_by, closed_at,
                                                         error);
}

gboolean
_tandem_backend_insert_shadowing (TandemBackend               *self,
                                  const TandemShadowingRecord *record,
                                  GError                     **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return TANDEM_BACKEND_GET_IFACE (self)->insert_shadowing (self, record, error);
}

GArray *
_tandem_backend_list_shadowing (TandemBackend *self, GError **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return TANDEM_BACKEND_GET_IFACE (self)->list_shadowing (self, error);
}

gboolean
_tandem_backend_insert_charter (TandemBackend *self,
                                gint64         team_id,
                                GArray        *areas,
                                int           *version,
                                GError       **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return TANDEM_BACKEND_GET_IFACE (self)->insert_charter (self, team_id, areas, version, error);
}

GArray *
_tandem_backend_list_charter_areas (TandemBackend *self, gint64 team_id, GError **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return TANDEM_BACKEND_GET_IFACE (self)->list_charter_areas (self, team_id, error);
}

gboolean
_tandem_backend_confirm_charter (TandemBackend *self,
                                 gint64         team_id,
                                 int            version,
                                 gint64         rep_id,
                                 gint64         confirmed_at,
                                 GError       **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return TANDEM_BACKEND_GET_IFACE (self)->confirm_charter (self, team_id, version, rep_id,
                                                           confirmed_at, error);
}

GArray *
_tandem_backend_list_confirmations (TandemBackend *self, gint64 team_id, GError **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return TANDEM_BACKEND_GET_IFACE (self)->list_confirmations (self, team_id, error);
}

GArray *
_tandem_backend_list_orders (TandemBackend *self, gint64 account_id, GError **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return TANDEM_BACKEND_GET_IFACE (self)->list_orders (self, account_id, error);
}

gboolean
_tandem_backend_load_lifecycle (TandemBackend *self, TandemLifecycleRecord *record, GError **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return TANDEM_BACKEND_GET_IFACE (self)->load_lifecycle (self, record, error);
}

gboolean
_tandem_backend_save_lifecycle (TandemBackend               *self,
                                const TandemLifecycleRecord *record,
                                GError                     **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return TANDEM_BACKEND_GET_IFACE (self)->save_lifecycle (self, record, error);
}

GArray *
_tandem_backend_list_kpi_rows (TandemBackend *self,
                               gint64         since,
                               gint64         until,
                               const char    *currency,
                               GError       **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), NULL);
  g_return_val_if_fail (since <= until, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return TANDEM_BACKEND_GET_IFACE (self)->list_kpi_rows (self, since, until, currency, error);
}

GArray *
_tandem_backend_list_orders_between (TandemBackend *self,
                                     gint64         first_account_id,
                                     gint64         last_account_id,
                                     GError       **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return TANDEM_BACKEND_GET_IFACE (self)->list_orders_between (self, first_account_id,
                                                               last_account_id, error);
}

GArray *
_tandem_backend_list_stage_changes_between (TandemBackend *self,
                                            gint64         first_account_id,
                                            gint64         last_account_id,
                                            GError       **error)
{
  g_return_val_if_fail (TANDEM_IS_BACKEND (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return TANDEM_BACKEND_GET_IFACE (self)->list_stage_changes_between (self, first_account_id,
                                                                      last_account_id, error);
}
