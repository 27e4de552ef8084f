/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-import-options.c: what fits a file from Excel or an ERP system
 * to an import: its headers mapped onto the field names, and the kind of
 * every row of a file without a kind column. */

#include "config.h"

#include "tandem-i18n-private.h"
#include <string.h>

#include "tandem-import-options-private.h"
#include "tandem-import.h"
#include "tandem-types.h"

/**
 * TandemImportOptions:
 *
 * Options of [method@Tandem.Store.import_activities]: which header
 * of the file holds which field (a German ERP export may call the
 * reference `Belegnr` and the time `Datum`), and the kind of every row of
 * a file that has no `kind` column.
 *
 * The fields are `ref`, `at`, `account` (or `account_number`, the
 * customer number), `rep` (or `personnel_number`), `kind`, `amount`,
 * `currency`, `reverses`, `pays`, `note`, and what a sale sold: `product`,
 * `category`, `quantity` and `cost`.
 *
 * Since: 1.0
 */
struct _TandemImportOptions
{
  GObject            parent_instance;
  GHashTable        *headers; /* field → header */
  TandemActivityKind kind;
  gboolean           has_kind;
};

G_DEFINE_FINAL_TYPE (TandemImportOptions, tandem_import_options, G_TYPE_OBJECT)

const char *const _tandem_import_fields[] = {
  "ref",     "at",       "account",  "account_number", "rep",  "personnel_number",
  "kind",    "amount",   "currency", "reverses",       "pays", "note",
  "product", "category", "quantity", "cost",           NULL,
};

static void
tandem_import_options_finalize (GObject *object)
{
  TandemImportOptions *self = TANDEM_IMPORT_OPTIONS (object);

  g_clear_pointer (&self->headers, g_hash_table_unref);
  G_OBJECT_CLASS (tandem_import_options_parent_class)->finalize (object);
}

static void
tandem_import_options_class_init (TandemImportOptionsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = tandem_import_options_finalize;
}

static void
tandem_import_options_init (TandemImportOptions *self)
{
  self->headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/**
 * tandem_import_options_new:
 *
 * Creates options that change nothing: headers are the field names.
 *
 * Returns: (transfer full): new options
 *
 * Since: 1.0
 */
TandemImportOptions *
tandem_import_options_new (void)
{
  return g_object_new (TANDEM_TYPE_IMPORT_OPTIONS, NULL);
}

static gboolean
is_field (const char *name)
{
  return g_strv_contains (_tandem_import_fields, name);
}

/**
 * tandem_import_options_map_column:
 * @self: a `TandemImportOptions`
 * @field: a field name, such as `ref`
 * @header: the header of the file's column that holds it, such as `Belegnr`
 * @error: return location for a #GError
 *
 * Reads @field from the column headed @header (compared without regard
 * to case and surrounding spaces). Once a column is mapped, columns the
 * file has beyond the mapped ones and the field names are left out
 * instead of refused.
 *
 * Returns: %TRUE on success; %TANDEM_VALIDATION_ERROR_INVALID_VALUE for an
 *   unknown field or an empty header
 *
 * Since: 1.0
 */
gboolean
tandem_import_options_map_column (TandemImportOptions *self,
                                  const char          *field,
                                  const char          *header,
                                  GError             **error)
{
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (TANDEM_IS_IMPORT_OPTIONS (self), FALSE);
  g_return_val_if_fail (field != NULL && header != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!is_field (field))
    {
      g_autofree char *known = g_strjoinv (", ", (char **)_tandem_import_fields);

      g_set_error (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_VALUE,
                   _ ("columns: “%s” is not a field (the fields are %s)"), field, known);
      return FALSE;
    }
  trimmed = g_strstrip (g_strdup (header));
  if (trimmed[0] == '\0' || !g_utf8_validate (trimmed, -1, NULL))
    {
      g_set_error (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_VALUE,
                   _ ("columns: the field “%s” needs the header of a column"), field);
      return FALSE;
    }
  g_hash_table_replace (self->headers, g_strdup (field), g_steal_pointer (&trimmed));
  return TRUE;
}

/**
 * tandem_import_options_set_columns:
 * @self: a `TandemImportOptions`
 * @spec: mappings such as `ref=Belegnr,at=Datum,account_number=Kundennr`
 * @error: return location for a #GError
 *
 * Maps columns as [method@Tandem.ImportOptions.map_column] does, from
 * `FIELD=HEADER` pairs separated by commas. On error nothing is mapped.
 *
 * Returns: %TRUE on success
 *
 * Since: 1.0
 */
gboolean
tandem_import_options_set_columns (TandemImportOptions *self, const char *spec, GError **error)
{
  g_auto (GStrv) pairs = NULL;
  g_autoptr (TandemImportOptions) probe = tandem_import_options_new ();

  g_return_val_if_fail (TANDEM_IS_IMPORT_OPTIONS (self), FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  pairs = g_strsplit (spec, ",", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      char *eq = strchr (pairs[i], '=');

      if (eq == NULL)
        {
          g_set_error (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_VALUE,
                       _ ("columns: “%s” is not FIELD=HEADER, such as ref=Belegnr"),
                       g_strstrip (pairs[i]));
          return FALSE;
        }
      *eq = '\0';
      if (!tandem_import_options_map_column (probe, g_strstrip (pairs[i]), eq + 1, error))
        return FALSE;
    }
  {
    GHashTableIter iter;
    gpointer       field, header;

    g_hash_table_iter_init (&iter, probe->headers);
    while (g_hash_table_iter_next (&iter, &field, &header))
      g_hash_table_replace (self->headers, g_strdup (field), g_strdup (header));
  }
  return TRUE;
}

/**
 * tandem_import_options_get_header:
 * @self: a `TandemImportOptions`
 * @field: a field name
 *
 * Gets the header @field is read from, when it was mapped.
 *
 * Returns: (transfer none) (nullable): the header, or %NULL when @field is
 *   read from the column of its own name
 *
 * Since: 1.0
 */
const char *
tandem_import_options_get_header (TandemImportOptions *self, const char *field)
{
  g_return_val_if_fail (TANDEM_IS_IMPORT_OPTIONS (self), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  return g_hash_table_lookup (self->headers, field);
}

/**
 * tandem_import_options_set_kind:
 * @self: a `TandemImportOptions`
 * @kind: the kind of every row
 *
 * Gives every row of a file without a `kind` column this kind, as an
 * ERP's invoice export (all orders) needs. A file with a `kind` column
 * keeps its own.
 *
 * Since: 1.0
 */
void
tandem_import_options_set_kind (TandemImportOptions *self, TandemActivityKind kind)
{
  g_return_if_fail (TANDEM_IS_IMPORT_OPTIONS (self));

  self->kind = kind;
  self->has_kind = TRUE;
}

/**
 * tandem_import_options_get_kind:
 * @self: a `TandemImportOptions`
 * @kind: (out) (optional): the kind of every row, when set
 *
 * Gets the kind set with [method@Tandem.ImportOptions.set_kind].
 *
 * Returns: whether one is set
 *
 * Since: 1.0
 */
gboolean
tandem_import_options_get_kind (TandemImportOptions *self, TandemActivityKind *kind)
{
  g_return_val_if_fail (TANDEM_IS_IMPORT_OPTIONS (self), FALSE);

  if (kind != NULL)
    *kind = self->kind;
  return self->has_kind;
}

/* The field the file's column @header holds: a mapped header's field, else
 * the field of that name; NULL for neither. */
const char *
_tandem_import_options_field_for (TandemImportOptions *self, const char *header)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (header));

  if (self != NULL)
    {
      GHashTableIter iter;
      gpointer       field, mapped;

      g_hash_table_iter_init (&iter, self->headers);
      while (g_hash_table_iter_next (&iter, &field, &mapped))
        if (g_utf8_collate (mapped, trimmed) == 0 || g_ascii_strcasecmp (mapped, trimmed) == 0)
          return field;
    }
  for (guint i = 0; _tandem_import_fields[i] != NULL; i++)
    if (g_ascii_strcasecmp (_tandem_import_fields[i], trimmed) == 0)
      return _tandem_import_fields[i];
  return NULL;
}

/* Whether columns were mapped: the file's other columns are then left out. */
gboolean
_tandem_import_options_has_mapping (TandemImportOptions *self)
{
  return self != NULL && g_hash_table_size (self->headers) > 0;
}
