/* SPDX-License-Identifier: LGPL-2.1-or-later */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A record type (a draw, a dispute, a KPI row…) is a final GObject whose
 * properties are fields of its instance struct. Instead of a property enum,
 * a get_property switch, a class_init that builds one GParamSpec per field
 * and a finalize that frees them one by one, the type describes its fields
 * once, in a table:
 *
 *   static const TandemField fields[] = {
 *     TANDEM_FIELD_INT64 (TandemDraw, id, "id", 0, G_MAXINT64, 0),
 *     TANDEM_FIELD_OBJECT (TandemDraw, rep, "rep", tandem_rep_get_type),
 *     …
 *   };
 *
 * and _tandem_record_class_init() installs the properties (in table order,
 * ids 1…n), a get_property that reads the fields and a finalize that frees
 * what they own: strings (g_free), objects (unref), boxed values (their
 * free function). A field marked TANDEM_FIELD_BORROWED is read but not
 * freed. Numbers and enums own nothing. */

typedef enum
{
  TANDEM_FIELD_KIND_BOOLEAN,
  TANDEM_FIELD_KIND_INT,
  TANDEM_FIELD_KIND_UINT,
  TANDEM_FIELD_KIND_INT64,
  TANDEM_FIELD_KIND_STRING,
  TANDEM_FIELD_KIND_ENUM,
  TANDEM_FIELD_KIND_OBJECT,
  TANDEM_FIELD_KIND_BOXED,
} TandemFieldKind;

typedef struct
{
  const char     *name;
  TandemFieldKind kind;
  guint           offset;
  GType (*type) (void); /* enum, object, boxed */
  gint64      minimum;  /* numbers */
  gint64      maximum;  /* numbers */
  gint64      fallback; /* numbers and enums: the default */
  GParamFlags flags;    /* 0: the class's flags */
  gboolean    borrowed; /* not freed by finalize */
  GCallback   getter;   /* a computed field: read through this */
  gboolean    full;     /* the getter returns a new boxed value */
  GCallback   setter;   /* a writable field: set through this, else stored */
} TandemField;

/* Each TANDEM_FIELD_* takes, after its own arguments, optional designated
 * initializers that override the defaults, such as
 * `.flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY` or
 * `.setter = G_CALLBACK (tandem_rep_set_name)`. */
#define TANDEM_FIELD_(T, m, n, k, t, lo, hi, d, ...)                                           \
  {                                                                                            \
    .name = (n), .kind = TANDEM_FIELD_KIND_##k, .offset = G_STRUCT_OFFSET (T, m), .type = (t), \
    .minimum = (lo), .maximum = (hi), .fallback = (d), __VA_ARGS__                             \
  }
/* The usual overrides: a property set once, at construction, and one that
 * changes (through @fn, which checks the value and notifies). */
#define TANDEM_FIELD_CONSTRUCT .flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY
#define TANDEM_FIELD_NOTIFY .flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
#define TANDEM_FIELD_SETTER(fn) .setter = G_CALLBACK (fn)
#define TANDEM_FIELD_WRITABLE(fn) TANDEM_FIELD_NOTIFY, TANDEM_FIELD_SETTER (fn)
#define TANDEM_FIELD_BOOLEAN(T, m, n, d, ...) \
  TANDEM_FIELD_ (T, m, n, BOOLEAN, NULL, 0, 1, d, __VA_ARGS__)
#define TANDEM_FIELD_INT(T, m, n, lo, hi, d, ...) \
  TANDEM_FIELD_ (T, m, n, INT, NULL, lo, hi, d, __VA_ARGS__)
#define TANDEM_FIELD_UINT(T, m, n, lo, hi, d, ...) \
  TANDEM_FIELD_ (T, m, n, UINT, NULL, lo, hi, d, __VA_ARGS__)
#define TANDEM_FIELD_INT64(T, m, n, lo, hi, d, ...) \
  TANDEM_FIELD_ (T, m, n, INT64, NULL, lo, hi, d, __VA_ARGS__)
#define TANDEM_FIELD_STRING(T, m, n, ...) \
  TANDEM_FIELD_ (T, m, n, STRING, NULL, 0, 0, 0, __VA_ARGS__)
#define TANDEM_FIELD_ENUM(T, m, n, t, d, ...) TANDEM_FIELD_ (T, m, n, ENUM, t, 0, 0, d, __VA_ARGS__)
#define TANDEM_FIELD_OBJECT(T, m, n, t, ...) \
  TANDEM_FIELD_ (T, m, n, OBJECT, t, 0, 0, 0, __VA_ARGS__)
#define TANDEM_FIELD_BOXED(T, m, n, t, ...) TANDEM_FIELD_ (T, m, n, BOXED, t, 0, 0, 0, __VA_ARGS__)

/* A computed field: no member of its own, read through the type's getter
 * (which returns it transfer none, unless marked full). */
#define TANDEM_FIELD_GETTER_(n, k, t, lo, hi, d, g)                                            \
  {                                                                                            \
    .name = (n), .kind = TANDEM_FIELD_KIND_##k, .type = (t), .minimum = (lo), .maximum = (hi), \
    .fallback = (d), .borrowed = TRUE, .getter = G_CALLBACK (g)                                \
  }
#define TANDEM_FIELD_COMPUTED_INT(n, g, lo, hi, d) TANDEM_FIELD_GETTER_ (n, INT, NULL, lo, hi, d, g)
#define TANDEM_FIELD_COMPUTED_UINT(n, g, lo, hi, d) \
  TANDEM_FIELD_GETTER_ (n, UINT, NULL, lo, hi, d, g)
#define TANDEM_FIELD_COMPUTED_INT64(n, g, lo, hi, d) \
  TANDEM_FIELD_GETTER_ (n, INT64, NULL, lo, hi, d, g)
#define TANDEM_FIELD_COMPUTED_BOOLEAN(n, g, d) TANDEM_FIELD_GETTER_ (n, BOOLEAN, NULL, 0, 1, d, g)
#define TANDEM_FIELD_COMPUTED_STRING(n, g) TANDEM_FIELD_GETTER_ (n, STRING, NULL, 0, 0, 0, g)
#define TANDEM_FIELD_COMPUTED_ENUM(n, g, t, d) TANDEM_FIELD_GETTER_ (n, ENUM, t, 0, 0, d, g)
#define TANDEM_FIELD_COMPUTED_OBJECT(n, g, t) TANDEM_FIELD_GETTER_ (n, OBJECT, t, 0, 0, 0, g)
#define TANDEM_FIELD_COMPUTED_BOXED(n, g, t) TANDEM_FIELD_GETTER_ (n, BOXED, t, 0, 0, 0, g)
/* A computed boxed field whose getter returns a new value (transfer full). */
#define TANDEM_FIELD_COMPUTED_BOXED_FULL(n, g, t)                                \
  {                                                                              \
    .name = (n), .kind = TANDEM_FIELD_KIND_BOXED, .type = (t), .borrowed = TRUE, \
    .getter = G_CALLBACK (g), .full = TRUE                                       \
  }

/* Installs one property per field with @flags (or the field's own), a
 * get_property, a set_property when a field is writable, and a finalize.
 * Setting a field calls its setter, if it has one (which checks the value
 * and notifies), else stores a copy of the value, frees the old one and,
 * for a G_PARAM_EXPLICIT_NOTIFY property, notifies when it changed. It fills @pspecs[1…n_fields]
 * when not %NULL (for g_object_notify_by_pspec()). A type with more to free sets its own finalize
 * after this call and calls _tandem_record_finalize() from it. */
void _tandem_record_class_init (GObjectClass      *klass,
                                const TandemField *fields,
                                guint              n_fields,
                                GParamFlags        flags,
                                GParamSpec       **pspecs);

/* Frees the fields of @object, then chains up to its parent's finalize. */
void _tandem_record_finalize (GObject *object);

/* Defines a final record type @TN (prefix @t_n) whose properties are the
 * field table @fields, each installed with @flags unless it says otherwise,
 * and whose instances need no set-up of their own: G_DEFINE_FINAL_TYPE,
 * a class_init that installs the table, an empty init. */
#define TANDEM_DEFINE_RECORD_TYPE(TN, t_n, fields, flags)                                    \
  G_DEFINE_FINAL_TYPE (TN, t_n, G_TYPE_OBJECT)                                               \
  static void t_n##_class_init (TN##Class *klass)                                            \
  {                                                                                          \
    _tandem_record_class_init (G_OBJECT_CLASS (klass), fields, G_N_ELEMENTS (fields), flags, \
                               NULL);                                                        \
  }                                                                                          \
  static void t_n##_init (TN *self)                                                          \
  {                                                                                          \
  }

/* Sets the field of property @prop_id (its place in the table) to the
 * value that follows, of the property's type, as g_object_set() takes it:
 * stores a copy, frees the old value and notifies when it changed. For the
 * setters of fields that need no check beyond their type. */
void _tandem_record_set (gpointer object, guint prop_id, ...);

/* Defines the setter @func of a record type: checks @self with @check and
 * sets the field of property @prop_id with _tandem_record_set(). */
#define TANDEM_DEFINE_SETTER(func, Self, check, Type, prop_id) \
  void func (Self *self, Type value)                           \
  {                                                            \
    g_return_if_fail (check (self));                           \
    _tandem_record_set (self, prop_id, value);                 \
  }

/* Defines the getter @func of a record type: checks @self with @check and
 * returns its @member, or @fallback for a wrong instance. Its doc comment
 * stands above the line, as for any function. */
#define TANDEM_DEFINE_GETTER(Ret, func, Self, check, member, fallback) \
  Ret func (Self *self)                                                \
  {                                                                    \
    g_return_val_if_fail (check (self), fallback);                     \
    return self->member;                                               \
  }

G_END_DECLS
