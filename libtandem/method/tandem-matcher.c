/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-matcher.c: composing tandems from reps who fit and complement each other */

#include "config.h"

#include <inttypes.h>

#include "tandem-i18n-private.h"
#include <string.h>

#include "tandem-matcher.h"
#include "tandem-matcher-private.h"
#include "tandem-enum-types.h"
#include "tandem-hungarian-private.h"
#include "tandem-util-private.h"
#include "tandem-store-private.h"

#define MAX_LEVEL 5

/* ------------------------------------------------------------------ */
/* TandemRepTag                                                        */

/**
 * TandemMatcher:
 *
 * Proposes tandems: pairs of one inside and one field rep that fit and
 * complement each other, chosen so that the sum of their scores is as high
 * as it can be.
 *
 * Every rep carries tags with levels from 1 to 5: strengths (what the rep
 * is good at) and preferences (regions, industries, ways of working). The
 * score of a pair is
 *
 *     coverage + fit
 *
 * where *coverage* adds, over every strength either rep has, the higher of
 * the two levels (a pair is strong where one of them is: complementarity),
 * and *fit* adds, over every preference both reps share, the lower of the
 * two levels (they want the same things). Each proposal explains its score.
 *
 * The assignment is optimal: the Hungarian method (Kuhn–Munkres, O(n³))
 * maximises first the number of pairs and then the total score. Pairs
 * fixed in advance are kept as they are; pairs ruled out are never
 * proposed. With unequal numbers the surplus reps stay unmatched
 * ([method@Tandem.Matcher.get_unmatched]).
 *
 * Since: 1.0
 */
typedef struct
{
  TandemRep  *rep;
  GHashTable *tags[2]; /* per TandemTagKind: tag → level */
} Entry;

typedef struct
{
  gpointer inside;
  gpointer field;
} Pair;

struct _TandemMatcher
{
  GObject     parent_instance;
  GPtrArray  *entries;   /* Entry, in the order reps were added */
  GHashTable *by_rep;    /* TandemRep → Entry */
  GArray     *fixed;     /* Pair */
  GHashTable *forbidden; /* "p:q" → TRUE */
  GPtrArray  *unmatched; /* TandemRep, after solve */
};

G_DEFINE_FINAL_TYPE (TandemMatcher, tandem_matcher, G_TYPE_OBJECT)

static void
entry_free (Entry *entry)
{
  g_clear_object (&entry->rep);
  g_clear_pointer (&entry->tags[0], g_hash_table_unref);
  g_clear_pointer (&entry->tags[1], g_hash_table_unref);
  g_free (entry);
}

static void
tandem_matcher_dispose (GObject *object)
{
  TandemMatcher *self = TANDEM_MATCHER (object);

  g_clear_pointer (&self->by_rep, g_hash_table_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->unmatched, g_ptr_array_unref);

  G_OBJECT_CLASS (tandem_matcher_parent_class)->dispose (object);
}

static void
tandem_matcher_finalize (GObject *object)
{
  TandemMatcher *self = TANDEM_MATCHER (object);

  g_clear_pointer (&self->fixed, g_array_unref);
  g_clear_pointer (&self->forbidden, g_hash_table_unref);
  G_OBJECT_CLASS (tandem_matcher_parent_class)->finalize (object);
}

static void
tandem_matcher_class_init (TandemMatcherClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = tandem_matcher_dispose;
  G_OBJECT_CLASS (klass)->finalize = tandem_matcher_finalize;
}

static void
tandem_matcher_init (TandemMatcher *self)
{
  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify)entry_free);
  self->by_rep = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->fixed = g_array_new (FALSE, FALSE, sizeof (Pair));
  self->forbidden = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->unmatched = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * tandem_matcher_new:
 *
 * Creates an empty matcher.
 *
 * Returns: (transfer full): a new `TandemMatcher`
 *
 * Since: 1.0
 */
TandemMatcher *
tandem_matcher_new (void)
{
  return g_object_new (TANDEM_TYPE_MATCHER, NULL);
}

static gboolean
check_role (TandemRep *rep, TandemRole role, GError **error)
{
  if (tandem_rep_get_role (rep) == role)
    return TRUE;

  g_set_error (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_ROLE,
               role == TANDEM_ROLE_INSIDE ? _ ("Rep “%s” is not an inside rep")
                                          : _ ("Rep “%s” is not a field rep"),
               tandem_rep_get_name (rep));
  return FALSE;
}

static Entry *
find_entry (TandemMatcher *self, TandemRep *rep, GError **error)
{
  Entry *entry = g_hash_table_lookup (self->by_rep, rep);

  if (entry == NULL)
    g_set_error (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_MISSING_VALUE,
                 _ ("Rep “%s” was not added to the matcher"), tandem_rep_get_name (rep));
  return entry;
}

/**
 * tandem_matcher_add_rep:
 * @self: a `TandemMatcher`
 * @rep: an inside or field rep
 * @error: return location for a #GError
 *
 * Adds a rep to be matched. Adding a rep twice changes nothing.
 *
 * Returns: %TRUE on success, %FALSE with
 *   %TANDEM_VALIDATION_ERROR_INVALID_ROLE for a manager
 *
 * Since: 1.0
 */
gboolean
tandem_matcher_add_rep (TandemMatcher *self, TandemRep *rep, GError **error)
{
  Entry *entry;

  g_return_val_if_fail (TANDEM_IS_MATCHER (self), FALSE);
  g_return_val_if_fail (TANDEM_IS_REP (rep), FALSE);

  if (g_hash_table_contains (self->by_rep, rep))
    return TRUE;
  if (tandem_rep_get_role (rep) == TANDEM_ROLE_MANAGER)
    {
      g_set_error (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_ROLE,
                   _ ("Rep “%s” is a manager: only inside and field reps form tandems"),
                   tandem_rep_get_name (rep));
      return FALSE;
    }

  entry = g_new0 (Entry, 1);
  entry->rep = g_object_ref (rep);
  entry->tags[0] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  entry->tags[1] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_ptr_array_add (self->entries, entry);
  g_hash_table_insert (self->by_rep, rep, entry);
  return TRUE;
}

/**
 * tandem_matcher_set_tag:
 * @self: a `TandemMatcher`
 * @rep: a rep added with [method@Tandem.Matcher.add_rep]
 * @kind: strength or preference
 * @tag: the tag, such as "negotiation"
 * @level: 1 to 5, or 0 to remove the tag
 * @error: return location for a #GError
 *
 * Gives @rep a strength or preference for this matcher only (to keep it,
 * use [func@Tandem.RepTag.set]).
 *
 * Returns: %TRUE on success
 *
 * Since: 1.0
 */
gboolean
tandem_matcher_set_tag (TandemMatcher *self,
                        TandemRep     *rep,
                        TandemTagKind  kind,
                        const char    *tag,
                        guint          level,
                        GError       **error)
{
  Entry *entry;

  g_return_val_if_fail (TANDEM_IS_MATCHER (self), FALSE);
  g_return_val_if_fail (TANDEM_IS_REP (rep), FALSE);

  if (!_tandem_rep_tag_check (kind, tag, level, error)
      || (entry = find_entry (self, rep, error)) == NULL)
    return FALSE;

  if (level == 0)
    g_hash_table_remove (entry->tags[kind], tag);
  else
    g_hash_table_insert (entry->tags[kind], g_strdup (tag), GUINT_TO_POINTER (level));
  return TRUE;
}

static char *
pair_key (TandemRep *inside, TandemRep *field)
{
  return g_strdup_printf ("%p:%p", (gpointer)inside, (gpointer)field);
}

static gboolean
check_pair (TandemMatcher *self, TandemRep *inside, TandemRep *field, GError **error)
{
  return find_entry (self, inside, error) != NULL && find_entry (self, field, error) != NULL
         && check_role (inside, TANDEM_ROLE_INSIDE, error)
         && check_role (field, TANDEM_ROLE_FIELD, error);
}

/**
 * tandem_matcher_fix_pair:
 * @self: a `TandemMatcher`
 * @inside_rep: an added inside rep
 * @field_rep: an added field rep
 * @error: return location for a #GError
 *
 * Fixes a pair in advance: it is proposed as it is, and neither rep is
 * matched with anybody else.
 *
 * Returns: %TRUE on success; %FALSE if a rep is not added, has the wrong
 *   role, is already in a fixed pair, or the pair is ruled out
 *
 * Since: 1.0
 */
gboolean
tandem_matcher_fix_pair (TandemMatcher *self,
                         TandemRep     *inside_rep,
                         TandemRep     *field_rep,
                         GError       **error)
{
  g_autofree char *key = NULL;
  Pair             pair = { inside_rep, field_rep };

  g_return_val_if_fail (TANDEM_IS_MATCHER (self), FALSE);
  g_return_val_if_fail (TANDEM_IS_REP (inside_rep) && TANDEM_IS_REP (field_rep), FALSE);

  if (!check_pair (self, inside_rep, field_rep, error))
    return FALSE;

  key = pair_key (inside_rep, field_rep);
  if (g_hash_table_contains (self->forbidden, key))
    {
      g_set_error (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_VALUE,
                   _ ("%s and %s cannot be fixed: the pair is ruled out"),
                   tandem_rep_get_name (inside_rep), tandem_rep_get_name (field_rep));
      return FALSE;
    }
  for (guint i = 0; i < self->fixed->len; i++)
    {
      Pair *p = &g_array_index (self->fixed, Pair, i);

      if (p->inside == inside_rep || p->field == field_rep)
        {
          g_set_error (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_VALUE,
                       _ ("%s is already in a fixed pair"),
                       tandem_rep_get_name (p->inside == inside_rep ? inside_rep : field_rep));
          return FALSE;
        }
    }

  g_array_append_val (self->fixed, pair);
  return TRUE;
}

/**
 * tandem_matcher_forbid_pair:
 * @self: a `TandemMatcher`
 * @inside_rep: an added inside rep
 * @field_rep: an added field rep
 * @error: return location for a #GError
 *
 * Rules a pair out: it is never proposed.
 *
 * Returns: %TRUE on success; %FALSE if a rep is not added, has the wrong
 *   role, or the pair is fixed
 *
 * Since: 1.0
 */
gboolean
tandem_matcher_forbid_pair (TandemMatcher *self,
                            TandemRep     *inside_rep,
                            TandemRep     *field_rep,
                            GError       **error)
{
  g_return_val_if_fail (TANDEM_IS_MATCHER (self), FALSE);
  g_return_val_if_fail (TANDEM_IS_REP (inside_rep) && TANDEM_IS_REP (field_rep), FALSE);

  if (!check_pair (self, inside_rep, field_rep, error))
    return FALSE;

  for (guint i = 0; i < self->fixed->len; i++)
    {
      Pair *p = &g_array_index (self->fixed, Pair, i);

      if (p->inside == inside_rep && p->field == field_rep)
        {
          g_set_error (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_VALUE,
                       _ ("%s and %s cannot be ruled out: the pair is fixed"),
                       tandem_rep_get_name (inside_rep), tandem_rep_get_name (field_rep));
          return FALSE;
        }
    }

  g_hash_table_add (self->forbidden, pair_key (inside_rep, field_rep));
  return TRUE;
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char **)a, *(const char **)b);
}

/* Sorted union of the tag names of @kind in both entries. */
static GPtrArray *
tag_union (Entry *a, Entry *b, TandemTagKind kind)
{
  GPtrArray     *names = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer       key;

  g_hash_table_iter_init (&iter, a->tags[kind]);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (names, key);
  g_hash_table_iter_init (&iter, b->tags[kind]);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (a->tags[kind], key))
      g_ptr_array_add (names, key);
  g_ptr_array_sort (names, compare_strings);
  return names;
}

static int
score_entries (Entry *inside, Entry *field, GString *explanation)
{
  g_autoptr (GPtrArray) strengths = tag_union (inside, field, TANDEM_TAG_KIND_STRENGTH);
  g_autoptr (GPtrArray) preferences = tag_union (inside, field, TANDEM_TAG_KIND_PREFERENCE);
  g_autoptr (GString) coverage_text = g_string_new (NULL);
  g_autoptr (GString) fit_text = g_string_new (NULL);
  int coverage = 0, fit = 0;

  for (guint i = 0; i < strengths->len; i++)
    {
      const char *tag = strengths->pdata[i];
      guint       a = GPOINTER_TO_UINT (g_hash_table_lookup (inside->tags[0], tag));
      guint       b = GPOINTER_TO_UINT (g_hash_table_lookup (field->tags[0], tag));

      coverage += (int)MAX (a, b);
      if (explanation != NULL)
        g_string_append_printf (coverage_text, "%s%s %u from %s", coverage_text->len ? ", " : "",
                                tag, MAX (a, b),
                                tandem_rep_get_name (a >= b ? inside->rep : field->rep));
    }

  for (guint i = 0; i < preferences->len; i++)
    {
      const char *tag = preferences->pdata[i];
      guint       a = GPOINTER_TO_UINT (g_hash_table_lookup (inside->tags[1], tag));
      guint       b = GPOINTER_TO_UINT (g_hash_table_lookup (field->tags[1], tag));

      if (a == 0 || b == 0)
        continue;
      fit += (int)MIN (a, b);
      if (explanation != NULL)
        g_string_append_printf (fit_text, "%s%s %u", fit_text->len ? ", " : "", tag, MIN (a, b));
    }

  if (explanation != NULL)
    g_string_append_printf (explanation, _ ("coverage %d (%s) + fit %d (%s) = %d"), coverage,
                            coverage_text->len ? coverage_text->str : _ ("no strengths"), fit,
                            fit_text->len ? fit_text->str : _ ("no shared preferences"),
                            coverage + fit);
  return coverage + fit;
}

/**
 * tandem_matcher_score:
 * @self: a `TandemMatcher`
 * @inside_rep: an added inside rep
 * @field_rep: an added field rep
 * @explanation: (out) (optional) (transfer full): how the score is made up
 *
 * Scores a pair (see [class@Tandem.Matcher]).
 *
 * Returns: the score, or -1 if a rep was not added
 *
 * Since: 1.0
 */
int
tandem_matcher_score (TandemMatcher *self,
                      TandemRep     *inside_rep,
                      TandemRep     *field_rep,
                      char         **explanation)
{
  g_autoptr (GString) text = NULL;
  Entry *a, *b;
  int    score;

  g_return_val_if_fail (TANDEM_IS_MATCHER (self), -1);

  a = g_hash_table_lookup (self->by_rep, inside_rep);
  b = g_hash_table_lookup (self->by_rep, field_rep);
  if (a == NULL || b == NULL)
    return -1;

  text = explanation ? g_string_new (NULL) : NULL;
  score = score_entries (a, b, text);
  if (explanation != NULL)
    *explanation = g_string_free (g_steal_pointer (&text), FALSE);
  return score;
}

static TandemMatchProposal *
proposal_new (Entry *inside, Entry *field, gboolean fixed)
{
  TandemMatchProposal *p = g_object_new (TANDEM_TYPE_MATCH_PROPOSAL, NULL);
  g_autoptr (GString) text = g_string_new (NULL);

  p->inside_rep = g_object_ref (inside->rep);
  p->field_rep = g_object_ref (field->rep);
  p->score = score_entries (inside, field, text);
  p->fixed = fixed;
  if (fixed)
    g_string_prepend (text, _ ("fixed in advance; "));
  p->explanation = g_string_free (g_steal_pointer (&text), FALSE);
  return p;
}

static gboolean
is_fixed (TandemMatcher *self, TandemRep *rep)
{
  for (guint i = 0; i < self->fixed->len; i++)
    {
      Pair *p = &g_array_index (self->fixed, Pair, i);

      if (p->inside == rep || p->field == rep)
        return TRUE;
    }
  return FALSE;
}

/**
 * tandem_matcher_solve:
 * @self: a `TandemMatcher`
 * @error: return location for a #GError
 *
 * Proposes the tandems: the fixed pairs, then the optimal assignment of the
 * other reps, maximising first the number of pairs that are not ruled out
 * and then the sum of their scores.
 *
 * Returns: (transfer full): a list model of [class@Tandem.MatchProposal]
 *
 * Since: 1.0
 */
GListModel *
tandem_matcher_solve (TandemMatcher *self, GError **error)
{
  g_autoptr (GPtrArray) inside = g_ptr_array_new ();
  g_autoptr (GPtrArray) field = g_ptr_array_new ();
  g_autofree gint64 *weights = NULL;
  g_autofree int    *assignment = NULL;
  GListStore        *proposals;
  gint64             bonus;

  g_return_val_if_fail (TANDEM_IS_MATCHER (self), NULL);

  proposals = g_list_store_new (TANDEM_TYPE_MATCH_PROPOSAL);
  g_ptr_array_set_size (self->unmatched, 0);

  for (guint i = 0; i < self->fixed->len; i++)
    {
      Pair *p = &g_array_index (self->fixed, Pair, i);
      g_autoptr (TandemMatchProposal) proposal
          = proposal_new (g_hash_table_lookup (self->by_rep, p->inside),
                          g_hash_table_lookup (self->by_rep, p->field), TRUE);

      g_list_store_append (proposals, proposal);
    }

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *e = self->entries->pdata[i];

      if (is_fixed (self, e->rep))
        continue;
      g_ptr_array_add (tandem_rep_get_role (e->rep) == TANDEM_ROLE_INSIDE ? inside : field, e);
    }

  /* A pair that is not ruled out weighs more than any sum of scores, so
   * the number of pairs comes first; ruled-out pairs weigh nothing and are
   * dropped if the assignment has to use them. */
  bonus = 1 + (gint64)(MAX (inside->len, field->len) + 1) * 1000 * MAX_LEVEL;
  weights = g_new0 (gint64, (gsize)MAX (inside->len, 1) * MAX (field->len, 1));
  assignment = g_new (int, MAX (inside->len, 1));
  for (guint i = 0; i < inside->len; i++)
    for (guint j = 0; j < field->len; j++)
      {
        Entry           *a = inside->pdata[i], *b = field->pdata[j];
        g_autofree char *key = pair_key (a->rep, b->rep);

        weights[i * field->len + j]
            = g_hash_table_contains (self->forbidden, key) ? 0 : bonus + score_entries (a, b, NULL);
      }

  _tandem_hungarian_max (weights, inside->len, field->len, assignment);

  {
    g_autofree gboolean *field_used = g_new0 (gboolean, MAX (field->len, 1));

    for (guint i = 0; i < inside->len; i++)
      {
        int j = assignment[i];

        if (j >= 0 && weights[i * field->len + (guint)j] > 0)
          {
            g_autoptr (TandemMatchProposal) proposal
                = proposal_new (inside->pdata[i], field->pdata[j], FALSE);

            g_list_store_append (proposals, proposal);
            field_used[j] = TRUE;
          }
        else
          g_ptr_array_add (self->unmatched, g_object_ref (((Entry *)inside->pdata[i])->rep));
      }
    for (guint j = 0; j < field->len; j++)
      if (!field_used[j])
        g_ptr_array_add (self->unmatched, g_object_ref (((Entry *)field->pdata[j])->rep));
  }

  return G_LIST_MODEL (proposals);
}

/**
 * tandem_matcher_get_unmatched:
 * @self: a `TandemMatcher`
 *
 * Gets the reps the last [method@Tandem.Matcher.solve] left without a
 * partner: the surplus of the larger side, and reps whose every possible
 * partner was ruled out or taken.
 *
 * Returns: (transfer full): a list model of [class@Tandem.Rep]
 *
 * Since: 1.0
 */
GListModel *
tandem_matcher_get_unmatched (TandemMatcher *self)
{
  GListStore *list;

  g_return_val_if_fail (TANDEM_IS_MATCHER (self), NULL);

  list = g_list_store_new (TANDEM_TYPE_REP);
  for (guint i = 0; i < self->unmatched->len; i++)
    g_list_store_append (list, self->unmatched->pdata[i]);
  return G_LIST_MODEL (list);
}

/**
 * tandem_matcher_load_from_store:
 * @self: a `TandemMatcher`
 * @store: a store
 * @include_assigned: whether reps who are already in a tandem take part
 * @error: return location for a #GError
 *
 * Adds every inside and field rep of @store that is not archived (and,
 * unless @include_assigned, not in a current tandem), with the tags stored
 * for them.
 *
 * Returns: %TRUE on success
 *
 * Since: 1.0
 */
gboolean
tandem_matcher_load_from_store (TandemMatcher *self,
                                TandemStore   *store,
                                gboolean       include_assigned,
                                GError       **error)
{
  g_autoptr (GListModel) reps = NULL;
  g_autoptr (GListModel) teams = NULL;
  g_autoptr (GHashTable) assigned = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr (GArray) tags = NULL;

  g_return_val_if_fail (TANDEM_IS_MATCHER (self), FALSE);
  g_return_val_if_fail (TANDEM_IS_STORE (store), FALSE);

  if ((teams = tandem_store_list_teams (store, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (teams); i++)
    {
      g_autoptr (TandemTeam) team = g_list_model_get_item (teams, i);

      if (tandem_team_get_archived (team))
        continue;
      g_hash_table_add (assigned, tandem_team_get_inside_rep (team));
      g_hash_table_add (assigned, tandem_team_get_field_rep (team));
    }

  if ((reps = tandem_store_list_reps (store, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (reps); i++)
    {
      g_autoptr (TandemRep) rep = g_list_model_get_item (reps, i);

      if (tandem_rep_get_archived (rep) || tandem_rep_get_role (rep) == TANDEM_ROLE_MANAGER
          || (!include_assigned && g_hash_table_contains (assigned, rep)))
        continue;
      if (!tandem_matcher_add_rep (self, rep, error))
        return FALSE;
    }

  {
    g_autoptr (TandemTransaction) tx = _tandem_transaction_new (store);

    tags = _tandem_db_list_rep_tags (_tandem_transaction_get_db (tx), 0, error);
    if (tags != NULL)
      for (guint i = 0; i < tags->len; i++)
        {
          TandemTagRecord *t = &g_array_index (tags, TandemTagRecord, i);
          TandemRep       *rep = _tandem_store_load_rep (store, t->rep_id, NULL);
          Entry           *entry = rep ? g_hash_table_lookup (self->by_rep, rep) : NULL;

          if (entry != NULL)
            g_hash_table_insert (entry->tags[t->kind], g_strdup (t->tag),
                                 GINT_TO_POINTER (t->level));
        }
  }
  return tags != NULL;
}
