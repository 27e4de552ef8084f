/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-rep.h: a sales representative */

#pragma once

#if !defined(TANDEM_INSIDE) && !defined(TANDEM_COMPILATION)
#error "Only <tandem.h> can be included directly."
#endif

#include <glib-object.h>

#include "tandem-types.h"
#include "tandem-version-macros.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_REP (tandem_rep_get_type ())
TANDEM_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (TandemRep, tandem_rep, TANDEM, REP, GObject)

TANDEM_AVAILABLE_IN_ALL
TandemRep *tandem_rep_new (const char *name, TandemRole role) G_GNUC_WARN_UNUSED_RESULT;
TANDEM_AVAILABLE_IN_ALL
gint64 tandem_rep_get_id (TandemRep *self);
TANDEM_AVAILABLE_IN_ALL
const char *tandem_rep_get_name (TandemRep *self);
TANDEM_AVAILABLE_IN_ALL
void tandem_rep_set_name (TandemRep *self, const char *name);
TANDEM_AVAILABLE_IN_ALL
TandemRole tandem_rep_get_role (TandemRep *self);
TANDEM_AVAILABLE_IN_ALL
void tandem_rep_set_role (TandemRep *self, TandemRole role);
TANDEM_AVAILABLE_IN_ALL
gboolean tandem_rep_get_archived (TandemRep *self);
TANDEM_AVAILABLE_IN_ALL
gboolean tandem_rep_validate (TandemRep *self, GError **error);
TANDEM_AVAILABLE_IN_ALL
const char *tandem_rep_get_personnel_number (TandemRep *self);
TANDEM_AVAILABLE_IN_ALL
void tandem_rep_set_personnel_number (TandemRep *self, const char *number);

G_END_DECLS
