/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-charter.c: a tandem's jointly defined areas of responsibility */

#include "config.h"

#include "tandem-record-private.h"

#include <inttypes.h>

#include "tandem-i18n-private.h"
#include <string.h>

#include "tandem-charter.h"
#include "tandem-enum-types.h"
#include "tandem-store-private.h"
#include "tandem-util-private.h"

/**
 * TandemCharter:
 *
 * The areas of responsibility a tandem defines together, such as
 * appointments, offers, cross-selling and complaints, each owned by the
 * inside rep, the field rep or both. Every saved version is kept; a
 * version counts as agreed only when both current members have confirmed
 * that very version.
 *
 * Make one with [ctor@Tandem.Charter.new], fill it with
 * [method@Tandem.Charter.set_area] and store it with
 * [func@Tandem.Charter.save]; confirm it with
 * [func@Tandem.Charter.confirm].
 *
 * Since: 1.0
 */
struct _TandemCharter
{
  GObject     parent_instance;
  TandemTeam *team;
  GHashTable *areas; /* area → owner + 1 */
  guint       version;
  GDateTime  *inside_confirmed;
  GDateTime  *field_confirmed;
};

G_DEFINE_FINAL_TYPE (TandemCharter, tandem_charter, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_TEAM,
  PROP_VERSION,
  PROP_AGREED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const TandemField fields[] = {
  /**
   * TandemCharter:team:
   *
   * The tandem.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_OBJECT (TandemCharter, team, "team", tandem_team_get_type),
  /**
   * TandemCharter:version:
   *
   * The stored version, from 1; 0 for a charter not yet saved.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_UINT (TandemCharter, version, "version", 0, G_MAXUINT, 0),
  /**
   * TandemCharter:agreed:
   *
   * Whether both members have confirmed this version.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_COMPUTED_BOOLEAN ("agreed", tandem_charter_get_agreed, FALSE),
};

static void
tandem_charter_finalize (GObject *object)
{
  TandemCharter *self = (TandemCharter *)object;

  g_clear_pointer (&self->areas, g_hash_table_unref);
  g_clear_pointer (&self->inside_confirmed, g_date_time_unref);
  g_clear_pointer (&self->field_confirmed, g_date_time_unref);
  _tandem_record_finalize (object);
}

static void
tandem_charter_class_init (TandemCharterClass *klass)
{
  _tandem_record_class_init (G_OBJECT_CLASS (klass), fields, G_N_ELEMENTS (fields),
                             G_PARAM_READABLE, properties);
  G_OBJECT_CLASS (klass)->finalize = tandem_charter_finalize;
}

static void
tandem_charter_init (TandemCharter *self)
{
  self->areas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/**
 * tandem_charter_new:
 * @team: the tandem
 *
 * Creates an empty, unsaved charter for @team.
 *
 * Returns: (transfer full): a new `TandemCharter`
 *
 * Since: 1.0
 */
TandemCharter *
tandem_charter_new (TandemTeam *team)
{
  TandemCharter *self;

  g_return_val_if_fail (TANDEM_IS_TEAM (team), NULL);

  self = g_object_new (TANDEM_TYPE_CHARTER, NULL);
  self->team = g_object_ref (team);
  return self;
}

/**
 * tandem_charter_get_team:
 * @self: a `TandemCharter`
 *
 * Gets [property@Tandem.Charter:team].
 *
 * Returns: (transfer none): the tandem
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemTeam *,
                      tandem_charter_get_team,
                      TandemCharter,
                      TANDEM_IS_CHARTER,
                      team,
                      NULL)

/**
 * tandem_charter_get_version:
 * @self: a `TandemCharter`
 *
 * Gets [property@Tandem.Charter:version].
 *
 * Returns: the version, or 0 if not saved
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (guint,
                      tandem_charter_get_version,
                      TandemCharter,
                      TANDEM_IS_CHARTER,
                      version,
                      0)

/**
 * tandem_charter_set_area:
 * @self: an unsaved `TandemCharter`
 * @area: the area, such as "appointments" or "complaints"
 * @owner: who owns it
 * @error: return location for a #GError
 *
 * Sets who owns an area. A saved version never changes: to change a
 * charter, make a new one and save it as the next version.
 *
 * Returns: %TRUE on success
 *
 * Since: 1.0
 */
gboolean
tandem_charter_set_area (TandemCharter     *self,
                         const char        *area,
                         TandemCharterOwner owner,
                         GError           **error)
{
  g_return_val_if_fail (TANDEM_IS_CHARTER (self), FALSE);

  if (self->version > 0)
    {
      g_set_error (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_VALUE,
                   _ ("Version %u of the charter is saved and never changes; make a new version"),
                   self->version);
      return FALSE;
    }
  if (area == NULL || !g_utf8_validate (area, -1, NULL)
      || strspn (area, " \t\r\n") == strlen (area))
    {
      g_set_error (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_NAME,
                   _ ("A charter area needs a name"));
      return FALSE;
    }
  if ((guint)owner > TANDEM_CHARTER_OWNER_SHARED)
    {
      g_set_error (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_VALUE,
                   _ ("Area “%s”: invalid owner %d"), area, (int)owner);
      return FALSE;
    }

  g_hash_table_insert (self->areas, g_strdup (area), GINT_TO_POINTER (owner + 1));
  return TRUE;
}

static int
compare_area_names (gconstpointer a, gconstpointer b, gpointer data)
{
  return strcmp (*(char *const *)a, *(char *const *)b);
}

/**
 * tandem_charter_get_areas:
 * @self: a `TandemCharter`
 *
 * Lists the areas, sorted.
 *
 * Returns: (transfer full) (array zero-terminated=1): the areas
 *
 * Since: 1.0
 */
char **
tandem_charter_get_areas (TandemCharter *self)
{
  g_autofree const char **keys = NULL;
  guint                   n = 0;
  char                  **areas;

  g_return_val_if_fail (TANDEM_IS_CHARTER (self), NULL);

  keys = (const char **)g_hash_table_get_keys_as_array (self->areas, &n);
  areas = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    areas[i] = g_strdup (keys[i]);
  g_qsort_with_data (areas, (gint)n, sizeof (char *), (GCompareDataFunc)compare_area_names, NULL);
  return areas;
}

/**
 * tandem_charter_get_owner:
 * @self: a `TandemCharter`
 * @area: an area
 * @owner: (out) (optional): who owns it
 *
 * Gets who owns @area.
 *
 * Returns: %TRUE if the charter has @area
 *
 * Since: 1.0
 */
gboolean
tandem_charter_get_owner (TandemCharter *self, const char *area, TandemCharterOwner *owner)
{
  gpointer value;

  g_return_val_if_fail (TANDEM_IS_CHARTER (self), FALSE);
  g_return_val_if_fail (area != NULL, FALSE);

  value = g_hash_table_lookup (self->areas, area);
  if (value == NULL)
    return FALSE;
  if (owner != NULL)
    *owner = GPOINTER_TO_INT (value) - 1;
  return TRUE;
}

/**
 * tandem_charter_get_inside_confirmed:
 * @self: a `TandemCharter`
 *
 * Gets when the tandem's inside rep confirmed this version.
 *
 * Returns: (transfer none) (nullable): the time, or %NULL
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (GDateTime *,
                      tandem_charter_get_inside_confirmed,
                      TandemCharter,
                      TANDEM_IS_CHARTER,
                      inside_confirmed,
                      NULL)

/**
 * tandem_charter_get_field_confirmed:
 * @self: a `TandemCharter`
 *
 * Gets when the tandem's field rep confirmed this version.
 *
 * Returns: (transfer none) (nullable): the time, or %NULL
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (GDateTime *,
                      tandem_charter_get_field_confirmed,
                      TandemCharter,
                      TANDEM_IS_CHARTER,
                      field_confirmed,
                      NULL)

/**
 * tandem_charter_get_agreed:
 * @self: a `TandemCharter`
 *
 * Gets [property@Tandem.Charter:agreed].
 *
 * Returns: whether both members confirmed this version
 *
 * Since: 1.0
 */
gboolean
tandem_charter_get_agreed (TandemCharter *self)
{
  g_return_val_if_fail (TANDEM_IS_CHARTER (self), FALSE);
  return self->version > 0 && self->inside_confirmed != NULL && self->field_confirmed != NULL;
}

/* Builds version @version of @team's charter from the stored rows. */
static TandemCharter *
charter_from_rows (TandemTeam *team, guint version, GArray *areas, GArray *confirmations)
{
  TandemCharter *self = tandem_charter_new (team);
  gint64         inside = tandem_rep_get_id (tandem_team_get_inside_rep (team));
  gint64         field = tandem_rep_get_id (tandem_team_get_field_rep (team));

  self->version = version;
  for (guint i = 0; i < areas->len; i++)
    {
      const TandemCharterAreaRecord *a = &g_array_index (areas, TandemCharterAreaRecord, i);

      if ((guint)a->version == version)
        g_hash_table_insert (self->areas, g_strdup (a->area), GINT_TO_POINTER (a->owner + 1));
    }
  for (guint i = 0; i < confirmations->len; i++)
    {
      const TandemConfirmationRecord *c
          = &g_array_index (confirmations, TandemConfirmationRecord, i);

      if ((guint)c->version != version)
        continue;
      if (c->rep_id == inside && self->inside_confirmed == NULL)
        self->inside_confirmed = _tandem_time_from_usec (c->confirmed_at);
      else if (c->rep_id == field && self->field_confirmed == NULL)
        self->field_confirmed = _tandem_time_from_usec (c->confirmed_at);
    }
  return self;
}

static gboolean
load_rows (TandemStore *store,
           TandemTeam  *team,
           GArray     **areas,
           GArray     **confirmations,
           GError     **error)
{
  {
    g_autoptr (TandemTransaction) tx = _tandem_transaction_new (store);
    TandemDb *db = _tandem_transaction_get_db (tx);

    *areas = _tandem_db_list_charter_areas (db, tandem_team_get_id (team), error);
    if (*areas != NULL)
      g_array_set_clear_func (*areas, (GDestroyNotify)_tandem_charter_area_record_clear);
    *confirmations
        = *areas ? _tandem_db_list_confirmations (db, tandem_team_get_id (team), error) : NULL;
  }
  return *areas != NULL && *confirmations != NULL;
}

/**
 * tandem_charter_save:
 * @self: a `TandemStore`
 * @charter: an unsaved charter with at least one area
 * @error: return location for a #GError
 *
 * Stores @charter as the next version of its tandem's charter. Earlier
 * versions and their confirmations are kept.
 *
 * Returns: (transfer full): the stored version, or %NULL
 *
 * Since: 1.0
 */
TandemCharter *
tandem_charter_save (TandemStore *self, TandemCharter *charter, GError **error)
{
  g_autoptr (GArray) rows = g_array_new (FALSE, TRUE, sizeof (TandemCharterAreaRecord));
  g_auto (GStrv) areas = NULL;
  int      version = 0;
  gboolean ok;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (TANDEM_IS_CHARTER (charter), NULL);

  if (tandem_team_get_id (charter->team) <= 0)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                   _ ("The tandem is not stored yet: save it first"));
      return NULL;
    }
  if (charter->version > 0 || g_hash_table_size (charter->areas) == 0)
    {
      g_set_error (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_VALUE,
                   charter->version > 0 ? _ ("This charter is already saved as version %u")
                                        : _ ("A charter needs at least one area"),
                   charter->version);
      return NULL;
    }

  areas = tandem_charter_get_areas (charter);
  for (guint i = 0; areas[i] != NULL; i++)
    {
      TandemCharterAreaRecord r
          = { tandem_team_get_id (charter->team), 0, areas[i],
              GPOINTER_TO_INT (g_hash_table_lookup (charter->areas, areas[i])) - 1 };
      g_array_append_val (rows, r);
    }

  {
    g_autoptr (TandemTransaction) tx = _tandem_transaction_new (self);

    g_autofree char *what = NULL;

    ok = _tandem_transaction_begin (tx, error)
         && _tandem_db_insert_charter (_tandem_transaction_get_db (tx),
                                       tandem_team_get_id (charter->team), rows, &version, error);
    if (ok)
      {
        what = g_strdup_printf ("tandem #%" PRId64 " “%s”: charter version %" PRId64 ", %u areas",
                                tandem_team_get_id (charter->team),
                                tandem_team_get_name (charter->team), (gint64)version, rows->len);
        ok = _tandem_transaction_commit_audited (tx, "charter set", what, error);
      }
  }
  if (!ok)
    return NULL;

  return tandem_charter_load (self, charter->team, (guint)version, error);
}

/**
 * tandem_charter_load:
 * @self: a `TandemStore`
 * @team: a stored tandem
 * @version: the version, or 0 for the latest
 * @error: return location for a #GError
 *
 * Reads a version of a tandem's charter, with who of its current members
 * confirmed it.
 *
 * Returns: (transfer full): the charter, or %NULL with
 *   %TANDEM_STORE_ERROR_NOT_FOUND
 *
 * Since: 1.0
 */
TandemCharter *
tandem_charter_load (TandemStore *self, TandemTeam *team, guint version, GError **error)
{
  g_autoptr (GArray) areas = NULL;
  g_autoptr (GArray) confirmations = NULL;
  guint    latest = 0;
  gboolean found = FALSE;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (TANDEM_IS_TEAM (team), NULL);

  if (!load_rows (self, team, &areas, &confirmations, error))
    return NULL;

  for (guint i = 0; i < areas->len; i++)
    {
      guint v = (guint)g_array_index (areas, TandemCharterAreaRecord, i).version;

      latest = MAX (latest, v);
      found |= v == version;
    }
  if (version == 0)
    version = latest;
  if (latest == 0)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_FOUND,
                   _ ("Tandem “%s” has no charter yet: draft one with “tandem charter set %" PRId64
                      " AREA inside|field|shared”"),
                   tandem_team_get_name (team), tandem_team_get_id (team));
      return NULL;
    }
  if (!found && version != latest)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_FOUND,
                   _ ("Tandem “%s” has no charter version %u (the latest is %u)"),
                   tandem_team_get_name (team), version, latest);
      return NULL;
    }

  return charter_from_rows (team, version, areas, confirmations);
}

/**
 * tandem_charter_list:
 * @self: a `TandemStore`
 * @team: a stored tandem
 * @error: return location for a #GError
 *
 * Lists every version of the tandem's charter, oldest first.
 *
 * Returns: (transfer full): a list model of [class@Tandem.Charter]
 *
 * Since: 1.0
 */
GListModel *
tandem_charter_list (TandemStore *self, TandemTeam *team, GError **error)
{
  g_autoptr (GArray) areas = NULL;
  g_autoptr (GArray) confirmations = NULL;
  g_autoptr (GListStore) list = g_list_store_new (TANDEM_TYPE_CHARTER);
  guint latest = 0;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (TANDEM_IS_TEAM (team), NULL);

  if (!load_rows (self, team, &areas, &confirmations, error))
    return NULL;
  for (guint i = 0; i < areas->len; i++)
    latest = MAX (latest, (guint)g_array_index (areas, TandemCharterAreaRecord, i).version);

  for (guint v = 1; v <= latest; v++)
    {
      g_autoptr (TandemCharter) c = charter_from_rows (team, v, areas, confirmations);
      g_list_store_append (list, c);
    }
  return G_LIST_MODEL (g_steal_pointer (&list));
}

/**
 * tandem_charter_confirm:
 * @self: a `TandemStore`
 * @charter: a saved version
 * @rep: one of the tandem's current members
 * @at: (nullable): when; %NULL for now
 * @error: return location for a #GError
 *
 * Records that @rep confirms this version of the charter. When both
 * members have confirmed it, it is agreed. Confirming twice changes
 * nothing.
 *
 * Returns: %TRUE on success
 *
 * Since: 1.0
 */
gboolean
tandem_charter_confirm (TandemStore   *self,
                        TandemCharter *charter,
                        TandemRep     *rep,
                        GDateTime     *at,
                        GError       **error)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  TandemTeam *team;
  gboolean    ok;

  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);
  g_return_val_if_fail (TANDEM_IS_CHARTER (charter), FALSE);
  g_return_val_if_fail (TANDEM_IS_REP (rep), FALSE);

  team = charter->team;
  if (charter->version == 0)
    {
      g_set_error (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_VALUE,
                   _ ("Save the charter before confirming it"));
      return FALSE;
    }
  if (rep != tandem_team_get_inside_rep (team) && rep != tandem_team_get_field_rep (team))
    {
      g_set_error (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_VALUE,
                   _ ("%s is not a member of tandem “%s”"), tandem_rep_get_name (rep),
                   tandem_team_get_name (team));
      return FALSE;
    }
  if (at == NULL)
    at = now;

  {
    g_autoptr (TandemTransaction) tx = _tandem_transaction_new (self);

    g_autofree char *what = g_strdup_printf ("tandem #%" PRId64
                                             " “%s”: charter version %u confirmed by rep #%" PRId64,
                                             tandem_team_get_id (team), tandem_team_get_name (team),
                                             charter->version, tandem_rep_get_id (rep));

    ok = _tandem_transaction_begin (tx, error)
         && _tandem_db_confirm_charter (_tandem_transaction_get_db (tx), tandem_team_get_id (team),
                                        (int)charter->version, tandem_rep_get_id (rep),
                                        _tandem_time_to_usec (at), error)
         && _tandem_transaction_commit_audited (tx, "charter confirm", what, error);
  }
  if (!ok)
    return FALSE;

  if (rep == tandem_team_get_inside_rep (team) && charter->inside_confirmed == NULL)
    charter->inside_confirmed = g_date_time_ref (at);
  else if (rep == tandem_team_get_field_rep (team) && charter->field_confirmed == NULL)
    charter->field_confirmed = g_date_time_ref (at);
  g_object_notify_by_pspec (G_OBJECT (charter), properties[PROP_AGREED]);
  return TRUE;
}
