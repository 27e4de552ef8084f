/* SPDX-License-Identifier: LGPL-2.1-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

extern const char *const tandem_sqlite_migrations[];
extern const guint       tandem_sqlite_n_migrations;

/* The text PostgreSQL runs for migration @index (0-based) where the shared
 * text cannot be translated, else NULL. */
const char *tandem_pg_migration_override (guint index);

G_END_DECLS
