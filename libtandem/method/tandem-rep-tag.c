/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-rep-tag.c: a rep's strength or preference, for matching */

#include "config.h"

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
 * [method@Tandem.Store.set_rep_tag].
 *
 * Since: 1.0
 */
G_DEFINE_FINAL_TYPE (TandemRepTag, tandem_rep_tag, G_TYPE_OBJECT)

enum
{
  TAG_PROP_0,
  TAG_PROP_KIND,
  TAG_PROP_NAME,
  TAG_PROP_LEVEL,
  TAG_N_PROPS
};

static GParamSpec *tag_properties[TAG_N_PROPS];

static void
tandem_rep_tag_finalize (GObject *object)
{
  g_clear_pointer (&TANDEM_REP_TAG (object)->name, g_free);
  G_OBJECT_CLASS (tandem_rep_tag_parent_class)->finalize (object);
}

static void
tandem_rep_tag_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  TandemRepTag *self = TANDEM_REP_TAG (object);

  switch (prop_id)
    {
    case TAG_PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case TAG_PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case TAG_PROP_LEVEL:
      g_value_set_uint (value, self->level);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tandem_rep_tag_class_init (TandemRepTagClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = tandem_rep_tag_finalize;
  object_class->get_property = tandem_rep_tag_get_property;

  /**
   * TandemRepTag:kind:
   *
   * Strength or preference.
   *
   * Since: 1.0
   */
  tag_properties[TAG_PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL, TANDEM_TYPE_TAG_KIND,
                                                     TANDEM_TAG_KIND_STRENGTH, flags);

  /**
   * TandemRepTag:name:
   *
   * The tag, such as "negotiation" or "region-nord".
   *
   * Since: 1.0
   */
  tag_properties[TAG_PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);

  /**
   * TandemRepTag:level:
   *
   * How strong the strength or preference is, from 1 to 5.
   *
   * Since: 1.0
   */
  tag_properties[TAG_PROP_LEVEL] = g_param_spec_uint ("level", NULL, NULL, 1, MAX_LEVEL, 1, flags);

  g_object_class_install_properties (object_class, TAG_N_PROPS, tag_properties);
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
TandemTagKind
tandem_rep_tag_get_kind (TandemRepTag *self)
{
  g_return_val_if_fail (TANDEM_IS_REP_TAG (self), TANDEM_TAG_KIND_STRENGTH);
  return self->kind;
}

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
const char *
tandem_rep_tag_get_name (TandemRepTag *self)
{
  g_return_val_if_fail (TANDEM_IS_REP_TAG (self), NULL);
  return self->name;
}

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
guint
tandem_rep_tag_get_level (TandemRepTag *self)
{
  g_return_val_if_fail (TANDEM_IS_REP_TAG (self), 0);
  return self->level;
}

/* ------------------------------------------------------------------ */
/* TandemMatchProposal                                                 */
