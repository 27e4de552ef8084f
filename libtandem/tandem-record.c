/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-record.c: properties of record types described by a field table */

#include "config.h"

#include "tandem-record-private.h"

typedef struct
{
  const TandemField *fields;
  guint              n_fields;
} RecordLayout;

static G_DEFINE_QUARK (tandem - record - layout, record);

static const RecordLayout *
record_layout (GObject *object)
{
  GType               type = G_OBJECT_TYPE (object);
  const RecordLayout *layout = NULL;

  for (; layout == NULL && type != G_TYPE_OBJECT; type = g_type_parent (type))
    layout = g_type_get_qdata (type, record_quark ());
  return layout;
}

static gpointer
field_ptr (GObject *object, const TandemField *field)
{
  return G_STRUCT_MEMBER_P (object, field->offset);
}

static void
field_get_computed (GObject *object, const TandemField *field, GValue *value)
{
  GCallback g = field->getter;

  switch (field->kind)
    {
    case TANDEM_FIELD_KIND_BOOLEAN:
      g_value_set_boolean (value, ((gboolean (*) (GObject *))g) (object));
      break;
    case TANDEM_FIELD_KIND_INT:
      g_value_set_int (value, ((int (*) (GObject *))g) (object));
      break;
    case TANDEM_FIELD_KIND_UINT:
      g_value_set_uint (value, ((guint (*) (GObject *))g) (object));
      break;
    case TANDEM_FIELD_KIND_INT64:
      g_value_set_int64 (value, ((gint64 (*) (GObject *))g) (object));
      break;
    case TANDEM_FIELD_KIND_STRING:
      g_value_set_string (value, ((const char *(*)(GObject *))g) (object));
      break;
    case TANDEM_FIELD_KIND_ENUM:
      g_value_set_enum (value, ((int (*) (GObject *))g) (object));
      break;
    case TANDEM_FIELD_KIND_OBJECT:
      g_value_set_object (value, ((gpointer (*) (GObject *))g) (object));
      break;
    case TANDEM_FIELD_KIND_BOXED:
      if (field->full)
        g_value_take_boxed (value, ((gpointer (*) (GObject *))g) (object));
      else
        g_value_set_boxed (value, ((gpointer (*) (GObject *))g) (object));
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
record_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  const RecordLayout *layout = record_layout (object);
  const TandemField  *field;
  gpointer            ptr;

  if (layout == NULL || prop_id == 0 || prop_id > layout->n_fields)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  field = &layout->fields[prop_id - 1];
  if (field->getter != NULL)
    {
      field_get_computed (object, field, value);
      return;
    }
  ptr = field_ptr (object, field);
  switch (field->kind)
    {
    case TANDEM_FIELD_KIND_BOOLEAN:
      g_value_set_boolean (value, *(gboolean *)ptr);
      break;
    case TANDEM_FIELD_KIND_INT:
      g_value_set_int (value, *(int *)ptr);
      break;
    case TANDEM_FIELD_KIND_UINT:
      g_value_set_uint (value, *(guint *)ptr);
      break;
    case TANDEM_FIELD_KIND_INT64:
      g_value_set_int64 (value, *(gint64 *)ptr);
      break;
    case TANDEM_FIELD_KIND_STRING:
      g_value_set_string (value, *(char **)ptr);
      break;
    case TANDEM_FIELD_KIND_ENUM:
      g_value_set_enum (value, *(int *)ptr);
      break;
    case TANDEM_FIELD_KIND_OBJECT:
      g_value_set_object (value, *(gpointer *)ptr);
      break;
    case TANDEM_FIELD_KIND_BOXED:
      g_value_set_boxed (value, *(gpointer *)ptr);
      break;
    default:
      g_assert_not_reached ();
    }
}

static GParamSpec *
field_pspec (const TandemField *field, GParamFlags flags)
{
  const char *n = field->name;

  switch (field->kind)
    {
    case TANDEM_FIELD_KIND_BOOLEAN:
      return g_param_spec_boolean (n, NULL, NULL, field->fallback != 0, flags);
    case TANDEM_FIELD_KIND_INT:
      return g_param_spec_int (n, NULL, NULL, (int)field->minimum, (int)field->maximum,
                               (int)field->fallback, flags);
    case TANDEM_FIELD_KIND_UINT:
      return g_param_spec_uint (n, NULL, NULL, (guint)field->minimum, (guint)field->maximum,
                                (guint)field->fallback, flags);
    case TANDEM_FIELD_KIND_INT64:
      return g_param_spec_int64 (n, NULL, NULL, field->minimum, field->maximum, field->fallback,
                                 flags);
    case TANDEM_FIELD_KIND_STRING:
      return g_param_spec_string (n, NULL, NULL, NULL, flags);
    case TANDEM_FIELD_KIND_ENUM:
      return g_param_spec_enum (n, NULL, NULL, field->type (), (int)field->fallback, flags);
    case TANDEM_FIELD_KIND_OBJECT:
      return g_param_spec_object (n, NULL, NULL, field->type (), flags);
    case TANDEM_FIELD_KIND_BOXED:
      return g_param_spec_boxed (n, NULL, NULL, field->type (), flags);
    default:
      g_assert_not_reached ();
    }
}

void
_tandem_record_class_init (GObjectClass      *klass,
                           const TandemField *fields,
                           guint              n_fields,
                           GParamFlags        flags,
                           GParamSpec       **pspecs)
{
  RecordLayout *layout = g_new0 (RecordLayout, 1);

  layout->fields = fields;
  layout->n_fields = n_fields;
  g_type_set_qdata (G_OBJECT_CLASS_TYPE (klass), record_quark (), layout);
  klass->get_property = record_get_property;
  klass->finalize = _tandem_record_finalize;
  for (guint i = 0; i < n_fields; i++)
    {
      GParamFlags own = fields[i].flags != 0 ? fields[i].flags : flags;
      GParamSpec *pspec = field_pspec (&fields[i], own | G_PARAM_STATIC_STRINGS);

      g_object_class_install_property (klass, i + 1, pspec);
      if (pspecs != NULL)
        pspecs[i + 1] = pspec;
    }
}

void
_tandem_record_finalize (GObject *object)
{
  const RecordLayout *layout = record_layout (object);
  GType               type = G_OBJECT_TYPE (object);
  GObjectClass       *parent;

  for (guint i = 0; layout != NULL && i < layout->n_fields; i++)
    {
      const TandemField *field = &layout->fields[i];
      gpointer          *ptr = field_ptr (object, field);

      if (field->borrowed || field->kind < TANDEM_FIELD_KIND_STRING
          || field->kind == TANDEM_FIELD_KIND_ENUM || *ptr == NULL)
        continue;
      if (field->kind == TANDEM_FIELD_KIND_STRING)
        g_clear_pointer ((char **)ptr, g_free);
      else if (field->kind == TANDEM_FIELD_KIND_OBJECT)
        g_clear_object (ptr);
      else if (field->kind == TANDEM_FIELD_KIND_BOXED)
        {
          g_boxed_free (field->type (), *ptr);
          *ptr = NULL;
        }
    }
  while (g_type_get_qdata (type, record_quark ()) == NULL && type != G_TYPE_OBJECT)
    type = g_type_parent (type);
  parent = g_type_class_peek (g_type_parent (type));
  parent->finalize (object);
}
