/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-import.h: reading CSV and JSON activity files: their errors and
 * the options that fit a file from Excel or an ERP system */

#pragma once

#if !defined(TANDEM_INSIDE) && !defined(TANDEM_COMPILATION)
#error "Only <tandem.h> can be included directly."
#endif

#include <glib-object.h>

#include "tandem-types.h"

#include "tandem-version-macros.h"

G_BEGIN_DECLS

/**
 * TANDEM_IMPORT_ERROR:
 *
 * The error domain of bulk imports; messages start with the record's
 * position ("line 17: amount: …").
 *
 * Since: 1.0
 */
#define TANDEM_IMPORT_ERROR (tandem_import_error_quark ())

/**
 * TandemImportError:
 * @TANDEM_IMPORT_ERROR_SYNTAX: the file is not well-formed CSV or JSON
 * @TANDEM_IMPORT_ERROR_MISSING_COLUMN: a required column is missing from the header
 * @TANDEM_IMPORT_ERROR_INVALID_FIELD: a field's value is malformed or breaks a rule
 * @TANDEM_IMPORT_ERROR_UNKNOWN_REFERENCE: a field names an account, rep or activity that does not
 * exist
 *
 * Error codes of the %TANDEM_IMPORT_ERROR domain.
 *
 * Since: 1.0
 */
typedef enum
{
  TANDEM_IMPORT_ERROR_SYNTAX,
  TANDEM_IMPORT_ERROR_MISSING_COLUMN,
  TANDEM_IMPORT_ERROR_INVALID_FIELD,
  TANDEM_IMPORT_ERROR_UNKNOWN_REFERENCE,
} TandemImportError;

TANDEM_AVAILABLE_IN_ALL
GQuark tandem_import_error_quark (void);

#define TANDEM_TYPE_IMPORT_OPTIONS (tandem_import_options_get_type ())
TANDEM_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (TandemImportOptions, tandem_import_options, TANDEM, IMPORT_OPTIONS, GObject)

TANDEM_AVAILABLE_IN_ALL
TandemImportOptions *tandem_import_options_new (void);
TANDEM_AVAILABLE_IN_ALL
gboolean tandem_import_options_map_column (TandemImportOptions *self,
                                           const char          *field,
                                           const char          *header,
                                           GError             **error);
TANDEM_AVAILABLE_IN_ALL
gboolean tandem_import_options_set_columns (TandemImportOptions *self,
                                            const char          *spec,
                                            GError             **error);
TANDEM_AVAILABLE_IN_ALL
const char *tandem_import_options_get_header (TandemImportOptions *self, const char *field);
TANDEM_AVAILABLE_IN_ALL
void tandem_import_options_set_kind (TandemImportOptions *self, TandemActivityKind kind);
TANDEM_AVAILABLE_IN_ALL
gboolean tandem_import_options_get_kind (TandemImportOptions *self, TandemActivityKind *kind);

G_END_DECLS
