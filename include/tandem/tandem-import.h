/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-import.h: errors of reading CSV and JSON activity files */

#pragma once

#if !defined(TANDEM_INSIDE) && !defined(TANDEM_COMPILATION)
#error "Only <tandem.h> can be included directly."
#endif

#include <glib.h>

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

G_END_DECLS
