/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* What the import reads of TandemImportOptions. */

#pragma once

#include "tandem-import.h"

G_BEGIN_DECLS

/* The field names, NULL-terminated. */
extern const char *const _tandem_import_fields[];

const char *_tandem_import_options_field_for (TandemImportOptions *self, const char *header);
gboolean    _tandem_import_options_has_mapping (TandemImportOptions *self);

G_END_DECLS
