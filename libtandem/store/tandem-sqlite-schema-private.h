/* SPDX-License-Identifier: LGPL-2.1-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

extern const char *const tandem_sqlite_migrations[];
extern const guint       tandem_sqlite_n_migrations;

G_END_DECLS
