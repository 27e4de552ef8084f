/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-rep-tag.c: a rep's strength or preference, for matching */

#include "config.h"

#include "tandem-record-private.h"

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
 * TandemRepTag:
 *
 * One strength or preference of a rep, with a level from 1 to 5. See
 * [func@Tandem.RepTag.set].
 *
 * Since: 1.0
 */
G_DEFINE_FINAL_TYPE (TandemRepTag, tandem_rep_tag, G_TYPE_OBJECT)

static const TandemField fields[] = {
  /**
   * TandemRepTag:kind:
   *
   * Strength or preference.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_ENUM (TandemRepTag,
                     kind,
                     "kind",
                     tandem_tag_kind_get_type,
                     TANDEM_TAG_KIND_STRENGTH),
  /**
   * TandemRepTag:name:
   *
   * The tag, such as "negotiation" or "region-nord".
   *
   * Since: 1.0
   */
  TANDEM_FIELD_STRING (TandemRepTag, name, "name"),
  /**
   * TandemRepTag:level:
   *
   * How strong the strength or preference is, from 1 to 5.
   *
   * Since: 1.0
   */
  TANDEM_FIELD_UINT (TandemRepTag, level, "level", 1, MAX_LEVEL, 1),
};

static void
tandem_rep_tag_class_init (TandemRepTagClass *klass)
{
  _tandem_record_class_init (G_OBJECT_CLASS (klass), fields, G_N_ELEMENTS (fields),
                             G_PARAM_READABLE, NULL);
}

static void
tandem_rep_tag_init (TandemRepTag *self)
{
  self->level = 1;
}

/**
 * tandem_rep_tag_get_kind:
 * @self: a `TandemRepTag`
 *
 * Gets [property@Tandem.RepTag:kind].
 *
 * Returns: the kind
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (TandemTagKind,
                      tandem_rep_tag_get_kind,
                      TandemRepTag,
                      TANDEM_IS_REP_TAG,
                      kind,
                      TANDEM_TAG_KIND_STRENGTH)

/**
 * tandem_rep_tag_get_name:
 * @self: a `TandemRepTag`
 *
 * Gets [property@Tandem.RepTag:name].
 *
 * Returns: (transfer none): the tag
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (const char *,
                      tandem_rep_tag_get_name,
                      TandemRepTag,
                      TANDEM_IS_REP_TAG,
                      name,
                      NULL)

/**
 * tandem_rep_tag_get_level:
 * @self: a `TandemRepTag`
 *
 * Gets [property@Tandem.RepTag:level].
 *
 * Returns: the level, 1 to 5
 *
 * Since: 1.0
 */
TANDEM_DEFINE_GETTER (guint, tandem_rep_tag_get_level, TandemRepTag, TANDEM_IS_REP_TAG, level, 0)

gboolean
_tandem_rep_tag_check (TandemTagKind kind, const char *tag, guint level, GError **error)
{
  const char *p = tag;

  if (kind != TANDEM_TAG_KIND_STRENGTH && kind != TANDEM_TAG_KIND_PREFERENCE)
    {
      g_set_error (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_VALUE,
                   _ ("%d is not a tag kind: use strength or preference"), (int)kind);
      return FALSE;
    }

  while (p != NULL && *p != '\0' && g_ascii_isspace (*p))
    p++;
  if (tag == NULL || !g_utf8_validate (tag, -1, NULL) || *p == '\0')
    {
      g_set_error (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_NAME,
                   _ ("A tag needs a non-empty name"));
      return FALSE;
    }
  if (!_tandem_check_text (_ ("tag"), tag, FALSE, error))
    return FALSE;
  if (level > MAX_LEVEL)
    {
      g_set_error (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_OUT_OF_RANGE,
                   _ ("Tag “%s” has level %u: levels go from 1 to 5 (0 removes the tag)"), tag,
                   level);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* TandemMatchProposal                                                 */

/**
 * tandem_rep_tag_set:
 * @self: a `TandemStore`
 * @rep: a stored rep
 * @kind: strength or preference
 * @tag: the tag, such as "negotiation" or "region-nord"
 * @level: 1 to 5, or 0 to remove the tag
 * @error: return location for a #GError
 *
 * Stores a strength or preference of a rep, for [class@Tandem.Matcher].
 *
 * Returns: %TRUE on success
 *
 * Since: 1.0
 */
gboolean
tandem_rep_tag_set (TandemStore  *self,
                    TandemRep    *rep,
                    TandemTagKind kind,
                    const char   *tag,
                    guint         level,
                    GError      **error)
{
  gboolean ok;

  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);
  g_return_val_if_fail (TANDEM_IS_REP (rep), FALSE);

  if (!_tandem_rep_tag_check (kind, tag, level, error))
    return FALSE;
  if (tandem_rep_get_id (rep) <= 0)
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_INVALID,
                   _ ("The rep is not stored yet: save it first"));
      return FALSE;
    }

  {
    g_autoptr (TandemTransaction) tx = _tandem_transaction_new (self);

    g_autofree char *what = g_strdup_printf ("rep #%" PRId64 " “%s”: %s “%s” level %u",
                                             tandem_rep_get_id (rep), tandem_rep_get_name (rep),
                                             kind == 0 ? "strength" : "preference", tag, level);

    ok = _tandem_transaction_begin (tx, error)
         && _tandem_db_set_rep_tag (_tandem_transaction_get_db (tx), tandem_rep_get_id (rep), kind,
                                    tag, (int)level, error)
         && _tandem_transaction_commit_audited (tx, "rep tag", what, error);
  }
  return ok;
}

/**
 * tandem_rep_tag_list:
 * @self: a `TandemStore`
 * @rep: a stored rep
 * @error: return location for a #GError
 *
 * Lists a rep's strengths, then preferences, each by name.
 *
 * Returns: (transfer full): a list model of [class@Tandem.RepTag]
 *
 * Since: 1.0
 */
GListModel *
tandem_rep_tag_list (TandemStore *self, TandemRep *rep, GError **error)
{
  g_autoptr (GArray) tags = NULL;
  GListStore *list;

  g_return_val_if_fail (TANDEM_IS_STORE (self), NULL);
  g_return_val_if_fail (TANDEM_IS_REP (rep), NULL);

  {
    g_autoptr (TandemTransaction) tx = _tandem_transaction_new (self);

    tags = _tandem_db_list_rep_tags (_tandem_transaction_get_db (tx), tandem_rep_get_id (rep),
                                     error);
  }
  if (tags == NULL)
    return NULL;

  list = g_list_store_new (TANDEM_TYPE_REP_TAG);
  for (guint i = 0; i < tags->len; i++)
    {
      TandemTagRecord *t = &g_array_index (tags, TandemTagRecord, i);
      g_autoptr (TandemRepTag) tag = g_object_new (TANDEM_TYPE_REP_TAG, NULL);

      tag->kind = t->kind;
      tag->name = g_strdup (t->tag);
      tag->level = (guint)t->level;
      g_list_store_append (list, tag);
    }
  return G_LIST_MODEL (list);
}
