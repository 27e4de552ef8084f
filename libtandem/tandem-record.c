/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-record.c: properties of record types described by a field table */

#include "config.h"

#include "tandem-record-private.h"

#include <gobject/gvaluecollector.h>

typedef struct
{
  const TandemField *fields;
  guint              n_fields;
  GParamSpec       **pspecs; /* [n_fields], in table order */
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

static void
field_set_through (GObject *object, const TandemField *field, const GValue *value)
{
  GCallback s = field->setter;

  switch (field->kind)
    {
    case TANDEM_FIELD_KIND_BOOLEAN:
      ((void (*) (GObject *, gboolean))s) (object, g_value_get_boolean (value));
      break;
    case TANDEM_FIELD_KIND_INT:
      ((void (*) (GObject *, int))s) (object, g_value_get_int (value));
      break;
    case TANDEM_FIELD_KIND_UINT:
      ((void (*) (GObject *, guint))s) (object, g_value_get_uint (value));
      break;
    case TANDEM_FIELD_KIND_INT64:
      ((void (*) (GObject *, gint64))s) (object, g_value_get_int64 (value));
      break;
    case TANDEM_FIELD_KIND_STRING:
      ((void (*) (GObject *, const char *))s) (object, g_value_get_string (value));
      break;
    case TANDEM_FIELD_KIND_ENUM:
      ((void (*) (GObject *, int))s) (object, g_value_get_enum (value));
      break;
    case TANDEM_FIELD_KIND_OBJECT:
      ((void (*) (GObject *, gpointer))s) (object, g_value_get_object (value));
      break;
    case TANDEM_FIELD_KIND_BOXED:
      ((void (*) (GObject *, gconstpointer))s) (object, g_value_get_boxed (value));
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Stores @value in the field; TRUE when that changed it. */
static gboolean
field_store (GObject *object, const TandemField *field, const GValue *value)
{
  gpointer ptr = field_ptr (object, field);
  gpointer old;

  switch (field->kind)
    {
    case TANDEM_FIELD_KIND_BOOLEAN:
      if (*(gboolean *)ptr == g_value_get_boolean (value))
        return FALSE;
      *(gboolean *)ptr = g_value_get_boolean (value);
      return TRUE;
    case TANDEM_FIELD_KIND_INT:
      if (*(int *)ptr == g_value_get_int (value))
        return FALSE;
      *(int *)ptr = g_value_get_int (value);
      return TRUE;
    case TANDEM_FIELD_KIND_UINT:
      if (*(guint *)ptr == g_value_get_uint (value))
        return FALSE;
      *(guint *)ptr = g_value_get_uint (value);
      return TRUE;
    case TANDEM_FIELD_KIND_INT64:
      if (*(gint64 *)ptr == g_value_get_int64 (value))
        return FALSE;
      *(gint64 *)ptr = g_value_get_int64 (value);
      return TRUE;
    case TANDEM_FIELD_KIND_ENUM:
      if (*(int *)ptr == g_value_get_enum (value))
        return FALSE;
      *(int *)ptr = g_value_get_enum (value);
      return TRUE;
    case TANDEM_FIELD_KIND_STRING:
      if (g_strcmp0 (*(char **)ptr, g_value_get_string (value)) == 0)
        return FALSE;
      g_free (*(char **)ptr);
      *(char **)ptr = g_value_dup_string (value);
      return TRUE;
    case TANDEM_FIELD_KIND_OBJECT:
      return g_set_object ((GObject **)ptr, g_value_get_object (value));
    case TANDEM_FIELD_KIND_BOXED:
      old = *(gpointer *)ptr;
      if (old == g_value_get_boxed (value))
        return FALSE;
      *(gpointer *)ptr = g_value_dup_boxed (value);
      if (old != NULL)
        g_boxed_free (field->type (), old);
      return TRUE;
    default:
      g_assert_not_reached ();
    }
}

static void
record_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  const RecordLayout *layout = record_layout (object);
  const TandemField  *field;

  if (layout == NULL || prop_id == 0 || prop_id > layout->n_fields)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  field = &layout->fields[prop_id - 1];
  if (field->setter != NULL)
    field_set_through (object, field, value);
  else if (field_store (object, field, value) && (pspec->flags & G_PARAM_EXPLICIT_NOTIFY) != 0)
    g_object_notify_by_pspec (object, pspec);
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
  layout->pspecs = g_new0 (GParamSpec *, n_fields);
  g_type_set_qdata (G_OBJECT_CLASS_TYPE (klass), record_quark (), layout);
  klass->get_property = record_get_property;
  klass->finalize = _tandem_record_finalize;
  for (guint i = 0; i < n_fields; i++)
    {
      GParamFlags own = fields[i].flags != 0 ? fields[i].flags : flags;
      GParamSpec *pspec = field_pspec (&fields[i], own | G_PARAM_STATIC_STRINGS);

      if ((own & G_PARAM_WRITABLE) != 0)
        klass->set_property = record_set_property;
      g_object_class_install_property (klass, i + 1, pspec);
      layout->pspecs[i] = pspec;
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

void
_tandem_record_set (gpointer object, guint prop_id, ...)
{
  const RecordLayout *layout = record_layout (object);
  GParamSpec         *pspec;
  g_auto (GValue) value = G_VALUE_INIT;
  g_autofree char *error = NULL;
  va_list          args;

  g_return_if_fail (layout != NULL && prop_id > 0 && prop_id <= layout->n_fields);
  pspec = layout->pspecs[prop_id - 1];
  va_start (args, prop_id);
  G_VALUE_COLLECT_INIT (&value, pspec->value_type, args, 0, &error);
  va_end (args);
  g_return_if_fail (error == NULL);
  if (field_store (object, &layout->fields[prop_id - 1], &value))
    g_object_notify_by_pspec (object, pspec);
}
