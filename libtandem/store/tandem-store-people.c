/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-store-people.c: the store's reps, tandems and accounts, with their history */

#include "config.h"

#include <inttypes.h>

#include "tandem-i18n-private.h"
#include <string.h>

#include "tandem-store.h"
#include "tandem-store-private.h"
#include "tandem-store-internal-private.h"
#include "tandem-sqlite-private.h"
#if HAVE_POSTGRESQL
#include "tandem-pg-driver-private.h"
#endif
#include "tandem-activity-private.h"
#include "tandem-enum-types.h"
#include "tandem-model-private.h"
#include "tandem-util-private.h"
#include "tandem-currency-private.h"

/* ------------------------------------------------------------------ */
/* Reps                                                                */

/* Audit texts are stored data, written in English like the verbs. */

/* Appends ", field old → new" to @changes when the values differ. */
static void
note_change (GString *changes, const char *field, const char *old, const char *now)
{
  if (g_strcmp0 (old, now) == 0)
    return;
  g_string_append_printf (changes, "%s%s %s → %s", changes->len > 0 ? ", " : "", field,
                          old != NULL ? old : "–", now != NULL ? now : "–");
}

static void
note_id_change (GString *changes, const char *field, gint64 old, gint64 now)
{
  g_autofree char *a = old > 0 ? g_strdup_printf ("#%" PRId64, old) : NULL;
  g_autofree char *b = now > 0 ? g_strdup_printf ("#%" PRId64, now) : NULL;

  note_change (changes, field, a, b);
}

/* "rep #3 “Lea Hoffmann”: name “A” → “B”", or the plain label without changes */
static char *
describe_update (const char *what, gint64 id, const char *name, GString *changes)
{
  return changes->len > 0
             ? g_strdup_printf ("%s #%" PRId64 " “%s”: %s", what, id, name, changes->str)
             : g_strdup_printf ("%s #%" PRId64 " “%s”: nothing changed", what, id, name);
}

/**
 * tandem_store_add_rep:
 * @self: a `TandemStore`
 * @name: the rep's full name
 * @role: the rep's role
 * @error: return location for a #GError
 *
 * Adds a rep.
 *
 * Returns: (transfer full): the stored rep, or %NULL with a
 *   %TANDEM_VALIDATION_ERROR or %TANDEM_STORE_ERROR
 *
 * Since: 1.0
 */
TandemRep *
tandem_store_add_rep (TandemStore *self, const char *name, TandemRole role, GError **error)
{
  g_autoptr (TandemRep) draft = NULL;
  TandemRepRecord record = { 0 };
  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  LOCK_STORE (self);

  draft = tandem_rep_new (name, role);
  if (!tandem_rep_validate (draft, error) || !_tandem_store_check_writable (self, error))
    return NULL;

  record.name = (char *)name;
  record.role = role;
  {
    g_autoptr (TandemTransaction) tx = _tandem_transaction_new (self);
    g_autofree char *what = NULL;

    if (!_tandem_transaction_begin (tx, error) || !_tandem_db_insert_rep (self->db, &record, error))
      return NULL;
    what = g_strdup_printf ("rep #%" PRId64 " “%s” (%s)", record.id, name,
                            tandem_role_to_nick (role));
    if (!_tandem_transaction_commit_audited (tx, "rep add", what, error))
      return NULL;
  }

  return g_object_ref (_tandem_store_rep_from_record (self, &record));
}

/**
 * tandem_store_get_rep:
 * @self: a `TandemStore`
 * @id: the rep's id
 * @error: return location for a #GError
 *
 * Gets a rep by id.
 *
 * Returns: (transfer full): the rep, or %NULL with
 *   %TANDEM_STORE_ERROR_NOT_FOUND
 *
 * Since: 1.0
 */
TandemRep *
tandem_store_get_rep (TandemStore *self, gint64 id, GError **error)
{
  TandemRepRecord record = { 0 };
  TandemRep      *rep;
  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  LOCK_STORE (self);

  /* read afresh: on a shared server another client may have changed it,
   * and a store that cannot read says so */
  if (!_tandem_db_load_rep (self->db, id, &record, error))
    return NULL;
  rep = _tandem_store_rep_from_record (self, &record);
  _tandem_rep_record_clear (&record);
  return g_object_ref (rep);
}

/**
 * tandem_store_update_rep:
 * @self: a `TandemStore`
 * @rep: a rep of this store, changed with its setters
 * @error: return location for a #GError
 *
 * Saves the rep's name and role.
 *
 * Returns: %TRUE on success
 *
 * Since: 1.0
 */
gboolean
tandem_store_update_rep (TandemStore *self, TandemRep *rep, GError **error)
{
  TandemRepRecord record = { 0 };
  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);
  g_return_val_if_fail (TANDEM_IS_REP (rep), FALSE);

  LOCK_STORE (self);

  if (!_tandem_store_check_stored (rep, tandem_rep_get_id (rep), _ ("rep"), error)
      || !tandem_rep_validate (rep, error) || !_tandem_store_check_writable (self, error))
    return FALSE;

  record.id = tandem_rep_get_id (rep);
  record.name = (char *)tandem_rep_get_name (rep);
  record.role = tandem_rep_get_role (rep);
  record.archived = tandem_rep_get_archived (rep);
  record.personnel_number = (char *)tandem_rep_get_personnel_number (rep);
  {
    g_autoptr (TandemTransaction) tx = _tandem_transaction_new (self);
    g_autoptr (GString) changes = g_string_new (NULL);
    g_autofree char *what = NULL;
    TandemRepRecord  old = { 0 };

    if (!_tandem_transaction_begin (tx, error)
        || !_tandem_db_load_rep (self->db, record.id, &old, error))
      return FALSE;
    note_change (changes, "name", old.name, record.name);
    note_change (changes, "role", tandem_role_to_nick (old.role),
                 tandem_role_to_nick (record.role));
    note_change (changes, "personnel number", old.personnel_number, record.personnel_number);
    note_change (changes, "archived", old.archived ? "yes" : "no", record.archived ? "yes" : "no");
    _tandem_rep_record_clear (&old);
    what = describe_update ("rep", record.id, record.name, changes);
    return _tandem_db_update_rep (self->db, &record, error)
           && _tandem_transaction_commit_audited (tx, "rep update", what, error);
  }
}

/**
 * tandem_store_archive_rep:
 * @self: a `TandemStore`
 * @rep: a rep of this store
 * @error: return location for a #GError
 *
 * Archives a rep: kept for history (activities, memberships,
 * settlements), no longer active. Nothing is deleted.
 *
 * Returns: %TRUE on success
 *
 * Since: 1.0
 */
gboolean
tandem_store_archive_rep (TandemStore *self, TandemRep *rep, GError **error)
{
  TandemRepRecord record = { 0 };
  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);
  g_return_val_if_fail (TANDEM_IS_REP (rep), FALSE);

  LOCK_STORE (self);

  if (!_tandem_store_check_stored (rep, tandem_rep_get_id (rep), _ ("rep"), error)
      || !_tandem_store_check_writable (self, error))
    return FALSE;

  record.id = tandem_rep_get_id (rep);
  record.name = (char *)tandem_rep_get_name (rep);
  record.role = tandem_rep_get_role (rep);
  record.personnel_number = (char *)tandem_rep_get_personnel_number (rep);
  record.archived = TRUE;
  {
    g_autoptr (TandemTransaction) tx = _tandem_transaction_new (self);
    g_autofree char *what = g_strdup_printf ("rep #%" PRId64 " “%s”", record.id, record.name);

    if (!_tandem_transaction_begin (tx, error) || !_tandem_db_update_rep (self->db, &record, error)
        || !_tandem_transaction_commit_audited (tx, "rep archive", what, error))
      return FALSE;
  }

  _tandem_rep_set_archived (rep, TRUE);
  return TRUE;
}

/* Every record becomes an object, or the list is not made: a list is
 * never shorter than what the store holds. */
static GListModel *
list_from_records (TandemStore *self,
                   GType        type,
                   GArray      *records,
                   gsize        record_size,
                   gpointer (*make) (TandemStore *, gconstpointer, GError **),
                   GError **error)
{
  g_autoptr (GListStore) list = NULL;

  if (records == NULL)
    return NULL;

  list = g_list_store_new (type);
  for (guint i = 0; i < records->len; i++)
    {
      gpointer object = make (self, records->data + i * record_size, error);

      if (object == NULL)
        return NULL;
      g_list_store_append (list, object);
    }

  return G_LIST_MODEL (g_steal_pointer (&list));
}

static gpointer
make_rep (TandemStore *self, gconstpointer record, GError **error)
{
  return _tandem_store_rep_from_record (self, record);
}

/**
 * tandem_store_list_reps:
 * @self: a `TandemStore`
 * @error: return location for a #GError
 *
 * Lists every rep, archived ones included, by id.
 *
 * A query that fails (a lost connection, a database locked past the
 * busy timeout, an unreadable file) is an error, never a shorter list.
 *
 * Returns: (transfer full): a list model of [class@Tandem.Rep], or %NULL
 *   with a %TANDEM_STORE_ERROR
 *
 * Since: 1.0
 */
GListModel *
tandem_store_list_reps (TandemStore *self, GError **error)
{
  g_autoptr (GArray) records = NULL;
  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  LOCK_STORE (self);

  records = _tandem_db_list_reps (self->db, error);
  return list_from_records (self, TANDEM_TYPE_REP, records, sizeof (TandemRepRecord), make_rep,
                            error);
}

/* ------------------------------------------------------------------ */
/* Tandems                                                             */

static gboolean
check_member_stored (TandemRep *rep, GError **error)
{
  if (tandem_rep_get_id (rep) <= 0)
    return _tandem_store_check_stored (rep, 0, _ ("rep"), error);

  if (tandem_rep_get_archived (rep))
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                   _ ("Rep “%s” is archived and cannot join a tandem"), tandem_rep_get_name (rep));
      return FALSE;
    }

  return TRUE;
}

static void
team_to_record (TandemTeam *team, TandemTeamRecord *record)
{
  TandemMoney *target = tandem_team_get_target (team);

  record->id = tandem_team_get_id (team);
  record->name = (char *)tandem_team_get_name (team);
  record->inside_share = tandem_team_get_inside_share (team);
  record->has_target = target != NULL;
  if (target != NULL)
    {
      record->target_minor = tandem_money_get_minor_units (target);
      g_strlcpy (record->target_currency, tandem_money_get_currency (target), 4);
    }
  record->archived = tandem_team_get_archived (team);
  record->inside_rep_id = tandem_rep_get_id (tandem_team_get_inside_rep (team));
  record->field_rep_id = tandem_rep_get_id (tandem_team_get_field_rep (team));
}

/* Two reps form at most one active tandem: a second one would split the
 * same accounts' credit twice. */
static gboolean
check_pair_free (TandemStore *self,
                 TandemRep   *inside_rep,
                 TandemRep   *field_rep,
                 gint64       except_team_id,
                 GError     **error)
{
  g_autoptr (GArray) teams = _tandem_db_list_teams (self->db, error);

  if (teams == NULL)
    return FALSE;
  for (guint i = 0; i < teams->len; i++)
    {
      const TandemTeamRecord *t = &g_array_index (teams, TandemTeamRecord, i);

      if (!t->archived && t->id != except_team_id
          && t->inside_rep_id == tandem_rep_get_id (inside_rep)
          && t->field_rep_id == tandem_rep_get_id (field_rep))
        {
          g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                       _ ("%s and %s already form tandem “%s” (id %" PRId64
                          "); archive it before forming another"),
                       tandem_rep_get_name (inside_rep), tandem_rep_get_name (field_rep), t->name,
                       t->id);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * tandem_store_save_team:
 * @self: a `TandemStore`
 * @team: a tandem not yet stored, from [ctor@Tandem.Team.new]
 * @since: (nullable): when its membership begins; %NULL for now
 * @error: return location for a #GError
 *
 * Stores a new tandem with its name, share and target; its members'
 * history begins at @since. Both reps must be stored and not archived,
 * and must not already form another active tandem
 * (%TANDEM_STORE_ERROR_INVALID names it). Activities of its accounts
 * dated before @since are credited to these first members.
 *
 * Returns: (transfer full): the stored tandem, or %NULL
 *
 * Since: 1.0
 */
TandemTeam *
tandem_store_save_team (TandemStore *self, TandemTeam *team, GDateTime *since, GError **error)
{
  g_autoptr (GDateTime) now = NULL;
  TandemTeamRecord record = { 0 };
  TandemTeam      *stored;
  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (TANDEM_IS_TEAM (team), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  LOCK_STORE (self);

  if (tandem_team_get_id (team) > 0)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                   _ ("Tandem “%s” is already stored"), tandem_team_get_name (team));
      return NULL;
    }

  if (!tandem_team_validate (team, error)
      || !check_member_stored (tandem_team_get_inside_rep (team), error)
      || !check_member_stored (tandem_team_get_field_rep (team), error)
      || !_tandem_store_check_writable (self, error)
      || !check_pair_free (self, tandem_team_get_inside_rep (team),
                           tandem_team_get_field_rep (team), 0, error))
    return NULL;

  if (since == NULL)
    since = now = g_date_time_new_now_utc ();

  team_to_record (team, &record);
  {
    g_autoptr (TandemTransaction) tx = _tandem_transaction_new (self);
    g_autofree char *when = g_date_time_format_iso8601 (since);
    g_autofree char *what = NULL;

    if (!_tandem_transaction_begin (tx, error)
        || !_tandem_db_insert_team (self->db, &record, _tandem_time_to_usec (since), error))
      return NULL;
    what = g_strdup_printf (
        "tandem #%" PRId64 " “%s”: inside #%" PRId64 ", field #%" PRId64 " from %s", record.id,
        record.name, record.inside_rep_id, record.field_rep_id, when);
    if (!_tandem_transaction_commit_audited (tx, "team add", what, error))
      return NULL;
  }

  stored = _tandem_store_team_from_record (self, &record, error);
  return stored != NULL ? g_object_ref (stored) : NULL;
}

/**
 * tandem_store_add_team:
 * @self: a `TandemStore`
 * @inside_rep: the stored inside rep
 * @field_rep: the stored field rep
 * @error: return location for a #GError
 *
 * Adds a tandem named after its members, whose membership begins now.
 * Use [method@Tandem.Store.save_team] to give a name, share, target or
 * start date.
 *
 * Returns: (transfer full): the stored tandem, or %NULL
 *
 * Since: 1.0
 */
TandemTeam *
tandem_store_add_team (TandemStore *self,
                       TandemRep   *inside_rep,
                       TandemRep   *field_rep,
                       GError     **error)
{
  g_autoptr (TandemTeam) draft = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (TANDEM_IS_REP (inside_rep), NULL);
  g_return_val_if_fail (TANDEM_IS_REP (field_rep), NULL);

  draft = tandem_team_new (NULL, inside_rep, field_rep, error);
  if (draft == NULL)
    return NULL;

  return tandem_store_save_team (self, draft, NULL, error);
}

/**
 * tandem_store_get_team:
 * @self: a `TandemStore`
 * @id: the tandem's id
 * @error: return location for a #GError
 *
 * Gets a tandem by id, with its current members.
 *
 * Returns: (transfer full): the tandem, or %NULL with
 *   %TANDEM_STORE_ERROR_NOT_FOUND
 *
 * Since: 1.0
 */
TandemTeam *
tandem_store_get_team (TandemStore *self, gint64 id, GError **error)
{
  TandemTeamRecord record = { 0 };
  TandemTeam      *team;
  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  LOCK_STORE (self);

  /* read afresh, as tandem_store_get_rep() does */
  if (!_tandem_db_load_team (self->db, id, &record, error))
    return NULL;
  team = _tandem_store_team_from_record (self, &record, error);
  _tandem_team_record_clear (&record);
  return team != NULL ? g_object_ref (team) : NULL;
}

/**
 * tandem_store_update_team:
 * @self: a `TandemStore`
 * @team: a tandem of this store
 * @error: return location for a #GError
 *
 * Saves the tandem's name, inside share and target. Its members change
 * only through [method@Tandem.Store.change_team_members], which keeps
 * their history.
 *
 * Returns: %TRUE on success
 *
 * Since: 1.0
 */
gboolean
tandem_store_update_team (TandemStore *self, TandemTeam *team, GError **error)
{
  TandemTeamRecord record = { 0 };
  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);
  g_return_val_if_fail (TANDEM_IS_TEAM (team), FALSE);

  LOCK_STORE (self);

  if (!_tandem_store_check_stored (team, tandem_team_get_id (team), _ ("tandem"), error)
      || !tandem_team_validate (team, error) || !_tandem_store_check_writable (self, error))
    return FALSE;

  team_to_record (team, &record);
  {
    g_autoptr (TandemTransaction) tx = _tandem_transaction_new (self);
    g_autoptr (GString) changes = g_string_new (NULL);
    g_autofree char *what = NULL;
    TandemTeamRecord old = { 0 };

    if (!_tandem_transaction_begin (tx, error)
        || !_tandem_db_load_team (self->db, record.id, &old, error))
      return FALSE;
    note_change (changes, "name", old.name, record.name);
    {
      g_autofree char *a
          = old.inside_share >= 0 ? g_strdup_printf ("%d bp", old.inside_share) : NULL;
      g_autofree char *b
          = record.inside_share >= 0 ? g_strdup_printf ("%d bp", record.inside_share) : NULL;
      g_autofree char *ta
          = old.has_target ? _tandem_money_format_display (old.target_minor, old.target_currency)
                           : NULL;
      g_autofree char *tb
          = record.has_target
                ? _tandem_money_format_display (record.target_minor, record.target_currency)
                : NULL;

      note_change (changes, "inside share", a, b);
      note_change (changes, "target", ta, tb);
    }
    note_change (changes, "archived", old.archived ? "yes" : "no", record.archived ? "yes" : "no");
    _tandem_team_record_clear (&old);
    what = describe_update ("tandem", record.id, record.name, changes);
    return _tandem_db_update_team (self->db, &record, error)
           && _tandem_transaction_commit_audited (tx, "team update", what, error);
  }
}

/**
 * tandem_store_change_team_members:
 * @self: a `TandemStore`
 * @team: a tandem of this store
 * @inside_rep: the new inside rep
 * @field_rep: the new field rep
 * @since: (nullable): when the new members take over; %NULL for now
 * @error: return location for a #GError
 *
 * Changes the tandem's members from @since on. The old membership is
 * kept, ending at @since, so activities before it are still credited to
 * the members of their time.
 *
 * Returns: %TRUE on success
 *
 * Since: 1.0
 */
gboolean
tandem_store_change_team_members (TandemStore *self,
                                  TandemTeam  *team,
                                  TandemRep   *inside_rep,
                                  TandemRep   *field_rep,
                                  GDateTime   *since,
                                  GError     **error)
{
  g_autoptr (GDateTime) now = NULL;
  g_autoptr (GArray) history = NULL;
  gint64 since_usec;
  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);
  g_return_val_if_fail (TANDEM_IS_TEAM (team), FALSE);
  g_return_val_if_fail (TANDEM_IS_REP (inside_rep), FALSE);
  g_return_val_if_fail (TANDEM_IS_REP (field_rep), FALSE);

  LOCK_STORE (self);

  if (!_tandem_store_check_stored (team, tandem_team_get_id (team), _ ("tandem"), error)
      || !check_member_stored (inside_rep, error) || !check_member_stored (field_rep, error)
      || !_tandem_store_check_writable (self, error))
    return FALSE;

  if (since == NULL)
    since = now = g_date_time_new_now_utc ();
  since_usec = _tandem_time_to_usec (since);

  history = _tandem_db_list_memberships (self->db, tandem_team_get_id (team), error);
  if (history == NULL)
    return FALSE;
  if (history->len > 0
      && g_array_index (history, TandemMembershipRecord, history->len - 1).valid_from > since_usec)
    {
      g_set_error (
          error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
          _ ("Tandem “%s” has members from a later date; a change must come after the last one"),
          tandem_team_get_name (team));
      return FALSE;
    }

  /* checks the roles before anything is written */
  {
    g_autoptr (TandemTeam) probe = tandem_team_new ("probe", inside_rep, field_rep, error);

    if (probe == NULL
        || !check_pair_free (self, inside_rep, field_rep, tandem_team_get_id (team), error))
      return FALSE;
  }

  {
    g_autoptr (TandemTransaction) tx = _tandem_transaction_new (self);
    g_autofree char *when = g_date_time_format_iso8601 (since);
    g_autofree char *what = g_strdup_printf (
        "tandem #%" PRId64 " “%s”: inside #%" PRId64 ", field #%" PRId64 " from %s",
        tandem_team_get_id (team), tandem_team_get_name (team), tandem_rep_get_id (inside_rep),
        tandem_rep_get_id (field_rep), when);

    if (!_tandem_transaction_begin (tx, error)
        || !_tandem_db_change_members (self->db, tandem_team_get_id (team),
                                       tandem_rep_get_id (inside_rep),
                                       tandem_rep_get_id (field_rep), since_usec, error)
        || !_tandem_transaction_commit_audited (tx, "team members", what, error))
      return FALSE;
  }

  return tandem_team_set_members (team, inside_rep, field_rep, error);
}

/**
 * tandem_store_archive_team:
 * @self: a `TandemStore`
 * @team: a tandem of this store
 * @error: return location for a #GError
 *
 * Archives a dissolved tandem; its history stays.
 *
 * Returns: %TRUE on success
 *
 * Since: 1.0
 */
gboolean
tandem_store_archive_team (TandemStore *self, TandemTeam *team, GError **error)
{
  TandemTeamRecord record = { 0 };
  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);
  g_return_val_if_fail (TANDEM_IS_TEAM (team), FALSE);

  LOCK_STORE (self);

  if (!_tandem_store_check_stored (team, tandem_team_get_id (team), _ ("tandem"), error)
      || !_tandem_store_check_writable (self, error))
    return FALSE;

  team_to_record (team, &record);
  record.archived = TRUE;
  {
    g_autoptr (TandemTransaction) tx = _tandem_transaction_new (self);
    g_autofree char *what = g_strdup_printf ("tandem #%" PRId64 " “%s”", record.id, record.name);

    if (!_tandem_transaction_begin (tx, error) || !_tandem_db_update_team (self->db, &record, error)
        || !_tandem_transaction_commit_audited (tx, "team archive", what, error))
      return FALSE;
  }

  _tandem_team_set_archived (team, TRUE);
  return TRUE;
}

static gpointer
make_team (TandemStore *self, gconstpointer record, GError **error)
{
  return _tandem_store_team_from_record (self, record, error);
}

/**
 * tandem_store_list_teams:
 * @self: a `TandemStore`
 * @error: return location for a #GError
 *
 * Lists every tandem, archived ones included, by id.
 *
 * A query that fails (a lost connection, a database locked past the
 * busy timeout, an unreadable file) is an error, never a shorter list.
 *
 * Returns: (transfer full): a list model of [class@Tandem.Team], or %NULL
 *   with a %TANDEM_STORE_ERROR
 *
 * Since: 1.0
 */
GListModel *
tandem_store_list_teams (TandemStore *self, GError **error)
{
  g_autoptr (GArray) records = NULL;
  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  LOCK_STORE (self);

  records = _tandem_db_list_teams (self->db, error);
  return list_from_records (self, TANDEM_TYPE_TEAM, records, sizeof (TandemTeamRecord), make_team,
                            error);
}

/* ------------------------------------------------------------------ */
/* Accounts                                                            */

static gboolean
account_to_record (TandemStore         *self,
                   TandemAccount       *account,
                   TandemAccountRecord *record,
                   GError             **error)
{
  TandemTeam    *team = tandem_account_get_team (account);
  TandemAccount *referrer = tandem_account_get_referred_by (account);

  if (team != NULL
      && !_tandem_store_check_stored (team, tandem_team_get_id (team), _ ("tandem"), error))
    return FALSE;
  if (referrer != NULL
      && !_tandem_store_check_stored (referrer, tandem_account_get_id (referrer),
                                      _ ("referring account"), error))
    return FALSE;

  record->id = tandem_account_get_id (account);
  record->name = (char *)tandem_account_get_name (account);
  record->team_id = team ? tandem_team_get_id (team) : 0;
  record->category = tandem_account_get_category (account);
  record->stage = tandem_account_get_stage (account);
  record->referred_by_id = referrer ? tandem_account_get_id (referrer) : 0;
  record->archived = tandem_account_get_archived (account);
  record->number = (char *)tandem_account_get_number (account);
  return TRUE;
}

/* A customer number names one account: refused when another account has it. */
static gboolean
check_number_free (TandemStore *self, const TandemAccountRecord *record, GError **error)
{
  g_autoptr (GArray) accounts = NULL;

  if (record->number == NULL)
    return TRUE;
  accounts = _tandem_db_list_accounts (self->db, error);
  if (accounts == NULL)
    return FALSE;
  for (guint i = 0; i < accounts->len; i++)
    {
      const TandemAccountRecord *other = &g_array_index (accounts, TandemAccountRecord, i);

      if (other->id != record->id && g_strcmp0 (other->number, record->number) == 0)
        {
          g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_CONFLICT,
                       _ ("Customer number “%s” already belongs to account #%" PRId64 " “%s”"),
                       record->number, other->id, other->name);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * tandem_store_save_account:
 * @self: a `TandemStore`
 * @account: an account not yet stored, from [ctor@Tandem.Account.new]
 * @since: (nullable): when the account came into being; %NULL for now
 * @error: return location for a #GError
 *
 * Stores a new account with its team, category, stage and referrer. Its
 * stage history begins at @since with its current stage.
 *
 * Returns: (transfer full): the stored account, or %NULL
 *
 * Since: 1.0
 */
TandemAccount *
tandem_store_save_account (TandemStore   *self,
                           TandemAccount *account,
                           GDateTime     *since,
                           GError       **error)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  TandemAccountRecord record = { 0 };
  TandemAccount      *stored;
  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (TANDEM_IS_ACCOUNT (account), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  LOCK_STORE (self);

  if (tandem_account_get_id (account) > 0)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                   _ ("Account “%s” is already stored"), tandem_account_get_name (account));
      return NULL;
    }

  if (!tandem_account_validate (account, error) || !_tandem_store_check_writable (self, error)
      || !account_to_record (self, account, &record, error))
    return NULL;

  {
    g_autoptr (TandemTransaction) tx = _tandem_transaction_new (self);
    g_autofree char *what = NULL;

    if (!_tandem_transaction_begin (tx, error) || !check_number_free (self, &record, error)
        || !_tandem_db_insert_account (self->db, &record,
                                       _tandem_time_to_usec (since != NULL ? since : now), error))
      return NULL;
    what = g_strdup_printf ("account #%" PRId64 " “%s” of tandem #%" PRId64, record.id, record.name,
                            record.team_id);
    if (!_tandem_transaction_commit_audited (tx, "account add", what, error))
      return NULL;
  }

  stored = _tandem_store_account_from_record (self, &record, 0, error);
  return stored != NULL ? g_object_ref (stored) : NULL;
}

/**
 * tandem_store_add_account:
 * @self: a `TandemStore`
 * @name: the customer's name
 * @team: (nullable): the owning tandem, stored
 * @error: return location for a #GError
 *
 * Adds an account: a C prospect owned by @team.
 *
 * Returns: (transfer full): the stored account, or %NULL
 *
 * Since: 1.0
 */
TandemAccount *
tandem_store_add_account (TandemStore *self, const char *name, TandemTeam *team, GError **error)
{
  g_autoptr (TandemAccount) draft = NULL;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (team == NULL || TANDEM_IS_TEAM (team), NULL);

  draft = tandem_account_new (name, team);
  return tandem_store_save_account (self, draft, NULL, error);
}

/**
 * tandem_store_get_account:
 * @self: a `TandemStore`
 * @id: the account's id
 * @error: return location for a #GError
 *
 * Gets an account by id.
 *
 * Returns: (transfer full): the account, or %NULL with
 *   %TANDEM_STORE_ERROR_NOT_FOUND
 *
 * Since: 1.0
 */
TandemAccount *
tandem_store_get_account (TandemStore *self, gint64 id, GError **error)
{
  TandemAccountRecord record = { 0 };
  TandemAccount      *account;
  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  LOCK_STORE (self);

  /* read afresh, as tandem_store_get_rep() does */
  if (!_tandem_db_load_account (self->db, id, &record, error))
    return NULL;
  account = _tandem_store_account_from_record (self, &record, 0, error);
  _tandem_account_record_clear (&record);
  return account != NULL ? g_object_ref (account) : NULL;
}

/**
 * tandem_store_update_account:
 * @self: a `TandemStore`
 * @account: an account of this store, changed with its setters
 * @error: return location for a #GError
 *
 * Saves the account's name, tandem, category and referrer. A changed
 * stage is recorded in the stage history as of now; to give the time of
 * the change, use [method@Tandem.Store.set_account_stage].
 *
 * Returns: %TRUE on success
 *
 * Since: 1.0
 */
gboolean
tandem_store_update_account (TandemStore *self, TandemAccount *account, GError **error)
{
  TandemAccountRecord record = { 0 };
  TandemAccountRecord stored = { 0 };
  gboolean            stage_changed;
  gboolean            ok;
  g_autoptr (GString) changes = g_string_new (NULL);
  g_autoptr (TandemTransaction) tx = NULL;
  g_autofree char *what = NULL;
  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);
  g_return_val_if_fail (TANDEM_IS_ACCOUNT (account), FALSE);

  LOCK_STORE (self);

  if (!_tandem_store_check_stored (account, tandem_account_get_id (account), _ ("account"), error)
      || !tandem_account_validate (account, error) || !_tandem_store_check_writable (self, error)
      || !account_to_record (self, account, &record, error))
    return FALSE;

  tx = _tandem_transaction_new (self);
  if (!_tandem_transaction_begin (tx, error) || !check_number_free (self, &record, error)
      || !_tandem_db_load_account (self->db, record.id, &stored, error))
    return FALSE;
  stage_changed = stored.stage != record.stage;
  note_change (changes, "number", stored.number, record.number);
  note_change (changes, "name", stored.name, record.name);
  note_id_change (changes, "tandem", stored.team_id, record.team_id);
  note_change (changes, "category", tandem_category_to_nick (stored.category),
               tandem_category_to_nick (record.category));
  note_change (changes, "stage", tandem_account_stage_to_nick (stored.stage),
               tandem_account_stage_to_nick (record.stage));
  note_id_change (changes, "referred by", stored.referred_by_id, record.referred_by_id);
  note_change (changes, "archived", stored.archived ? "yes" : "no", record.archived ? "yes" : "no");
  _tandem_account_record_clear (&stored);
  what = describe_update ("account", record.id, record.name, changes);

  ok = _tandem_db_update_account (self->db, &record, error);
  if (ok && stage_changed)
    {
      g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

      TandemStageRecord change
          = { record.id, record.stage, _tandem_time_to_usec (now), TANDEM_STAGE_CAUSE_MANUAL, 0 };

      ok = _tandem_db_add_stage_change (self->db, &change, error);
    }

  return ok && _tandem_transaction_commit_audited (tx, "account update", what, error);
}

static gboolean
check_stage_order (TandemStore *self, TandemAccount *account, GDateTime *at, GError **error)
{
  g_autoptr (GArray) history
      = _tandem_db_list_stage_changes (self->db, tandem_account_get_id (account), error);

  if (history == NULL)
    return FALSE;

  if (history->len > 0
      && g_array_index (history, TandemStageRecord, history->len - 1).changed_at
             > _tandem_time_to_usec (at))
    {
      g_autofree char *when = g_date_time_format_iso8601 (at);

      g_set_error (
          error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
          _ ("Account “%s” has a later stage change than %s; stage changes are recorded in order"),
          tandem_account_get_name (account), when);
      return FALSE;
    }

  return TRUE;
}

/**
 * tandem_store_set_account_stage:
 * @self: a `TandemStore`
 * @account: an account of this store
 * @stage: the new stage
 * @at: (nullable): when it changed; %NULL for now
 * @error: return location for a #GError
 *
 * Moves the account to @stage and records the change with its time.
 * Setting the stage it already has records nothing. Changes are recorded
 * in time order: one dated before the account's latest recorded change
 * (or before the account was created) is refused with
 * %TANDEM_STORE_ERROR_INVALID.
 *
 * Returns: %TRUE on success
 *
 * Since: 1.0
 */
gboolean
tandem_store_set_account_stage (TandemStore       *self,
                                TandemAccount     *account,
                                TandemAccountStage stage,
                                GDateTime         *at,
                                GError           **error)
{
  g_autoptr (GDateTime) now = NULL;
  TandemAccountRecord record = { 0 };
  TandemStageRecord   change;
  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);
  g_return_val_if_fail (TANDEM_IS_ACCOUNT (account), FALSE);

  LOCK_STORE (self);

  if (!_tandem_store_check_stored (account, tandem_account_get_id (account), _ ("account"), error)
      || !_tandem_store_check_writable (self, error))
    return FALSE;

  if (!_tandem_db_load_account (self->db, tandem_account_get_id (account), &record, error))
    return FALSE;

  if (record.stage == (int)stage)
    {
      _tandem_account_record_clear (&record);
      return TRUE;
    }

  if (at == NULL)
    at = now = g_date_time_new_now_utc ();

  if (!check_stage_order (self, account, at, error))
    goto fail;

  record.stage = stage;
  change = (TandemStageRecord){ record.id, stage, _tandem_time_to_usec (at),
                                TANDEM_STAGE_CAUSE_MANUAL, 0 };
  {
    g_autoptr (TandemTransaction) tx = _tandem_transaction_new (self);
    g_autofree char *when = g_date_time_format_iso8601 (at);
    g_autofree char *what
        = g_strdup_printf ("account #%" PRId64 " “%s”: stage %s at %s", record.id, record.name,
                           tandem_account_stage_to_nick (stage), when);

    if (!_tandem_transaction_begin (tx, error)
        || !_tandem_db_update_account (self->db, &record, error)
        || !_tandem_db_add_stage_change (self->db, &change, error)
        || !_tandem_transaction_commit_audited (tx, "account stage", what, error))
      goto fail;
  }

  _tandem_account_record_clear (&record);
  tandem_account_set_stage (account, stage);
  return TRUE;

fail:
  _tandem_account_record_clear (&record);
  return FALSE;
}

/**
 * tandem_store_archive_account:
 * @self: a `TandemStore`
 * @account: an account of this store
 * @error: return location for a #GError
 *
 * Archives an account (for example a D account at the yearly clean-up).
 * Its activities and history stay.
 *
 * Returns: %TRUE on success
 *
 * Since: 1.0
 */
gboolean
tandem_store_archive_account (TandemStore *self, TandemAccount *account, GError **error)
{
  TandemAccountRecord record = { 0 };
  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);
  g_return_val_if_fail (TANDEM_IS_ACCOUNT (account), FALSE);

  LOCK_STORE (self);

  if (!_tandem_store_check_stored (account, tandem_account_get_id (account), _ ("account"), error)
      || !_tandem_store_check_writable (self, error))
    return FALSE;

  if (!_tandem_db_load_account (self->db, tandem_account_get_id (account), &record, error))
    return FALSE;
  record.archived = TRUE;
  {
    g_autoptr (TandemTransaction) tx = _tandem_transaction_new (self);
    g_autofree char *what = g_strdup_printf ("account #%" PRId64 " “%s”", record.id, record.name);
    gboolean         ok = _tandem_transaction_begin (tx, error)
                  && _tandem_db_update_account (self->db, &record, error)
                  && _tandem_transaction_commit_audited (tx, "account archive", what, error);

    _tandem_account_record_clear (&record);
    if (!ok)
      return FALSE;
  }

  _tandem_account_set_archived (account, TRUE);
  return TRUE;
}

static gpointer
make_account (TandemStore *self, gconstpointer record, GError **error)
{
  return _tandem_store_account_from_record (self, record, 0, error);
}

/**
 * tandem_store_list_accounts:
 * @self: a `TandemStore`
 * @error: return location for a #GError
 *
 * Lists every account, archived ones included, by id.
 *
 * A query that fails (a lost connection, a database locked past the
 * busy timeout, an unreadable file) is an error, never a shorter list.
 *
 * Returns: (transfer full): a list model of [class@Tandem.Account], or %NULL
 *   with a %TANDEM_STORE_ERROR
 *
 * Since: 1.0
 */
GListModel *
tandem_store_list_accounts (TandemStore *self, GError **error)
{
  g_autoptr (GArray) records = NULL;
  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  LOCK_STORE (self);

  records = _tandem_db_list_accounts (self->db, error);
  return list_from_records (self, TANDEM_TYPE_ACCOUNT, records, sizeof (TandemAccountRecord),
                            make_account, error);
}
