/* SPDX-License-Identifier: LGPL-2.1-or-later */

#pragma once

#include "tandem-backend-private.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_SQLITE_BACKEND (tandem_sqlite_backend_get_type ())
G_DECLARE_FINAL_TYPE (TandemSqliteBackend, tandem_sqlite_backend, TANDEM, SQLITE_BACKEND, GObject)

/* The newest schema version this libtandem writes. */
#define TANDEM_SQLITE_SCHEMA_VERSION 15

/* "TAND" in PRAGMA application_id marks a libtandem store. */
#define TANDEM_SQLITE_APPLICATION_ID 0x54414E44

/* @path NULL opens a private in-memory database; @vfs NULL the default VFS
 * (tests pass a fault-injecting one). */
TandemBackend *tandem_sqlite_backend_new (const char      *path,
                                          TandemStoreFlags flags,
                                          const char      *vfs,
                                          GError         **error);

G_END_DECLS
