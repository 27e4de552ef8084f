/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-schema-private.h: the store's schema, one list of migrations for
 * both engines */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The newest schema version this libtandem writes: the number of
 * migrations. */
#define TANDEM_SCHEMA_VERSION 19

extern const char *const _tandem_schema_migrations[];
extern const guint       _tandem_schema_n_migrations;

/* The text PostgreSQL runs for migration @index (0-based) where the shared
 * text cannot be translated, else NULL. */
const char *_tandem_pg_migration_override (guint index);

G_END_DECLS
