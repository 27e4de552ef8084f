/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-sql-backend-private.h: the store's one body of SQL, over any
 * TandemSqlDriver. */

#pragma once

#include "tandem-backend-private.h"
#include "tandem-sql-driver-private.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_SQL_BACKEND (_tandem_sql_backend_get_type ())
G_DECLARE_FINAL_TYPE (TandemSqlBackend, _tandem_sql_backend, TANDEM, SQL_BACKEND, GObject)

typedef gboolean (*TandemSqlIntegrityFunc) (TandemSqlDriver *driver, GError **error);

/* Takes @driver, opened and migrated to @schema_version. */
TandemBackend *_tandem_sql_backend_new (TandemSqlDriver       *driver,
                                        int                    schema_version,
                                        gboolean               read_only,
                                        TandemSqlIntegrityFunc check_integrity);

G_END_DECLS
