/* SPDX-License-Identifier: LGPL-2.1-or-later */

#pragma once

#include "tandem-db-private.h"

G_BEGIN_DECLS

/* A store on a PostgreSQL server: @uri is a libpq connection URI
 * (postgresql://…, postgres://…); created or migrated as needed. */
TandemDb *_tandem_pg_db_open (const char *uri, TandemStoreFlags flags, GError **error);

G_END_DECLS
