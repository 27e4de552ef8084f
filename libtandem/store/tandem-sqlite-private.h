/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-sqlite-private.h: opening a store in an SQLite file */

#pragma once

#include "tandem-db-private.h"
#include "tandem-schema-private.h"

G_BEGIN_DECLS

/* "TAND" in PRAGMA application_id marks a libtandem store. */
#define TANDEM_SQLITE_APPLICATION_ID 0x54414E44

/* @path NULL opens a private in-memory database; @vfs NULL the default VFS
 * (tests pass a fault-injecting one). */
TandemDb *_tandem_sqlite_db_open (const char      *path,
                                  TandemStoreFlags flags,
                                  const char      *vfs,
                                  GError         **error);

G_END_DECLS
