/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-charter.h: a tandem's jointly defined areas of responsibility */

#pragma once

#if !defined(TANDEM_INSIDE) && !defined(TANDEM_COMPILATION)
#error "Only <tandem.h> can be included directly."
#endif

#include <gio/gio.h>

#include "tandem-rep.h"
#include "tandem-store.h"
#include "tandem-team.h"
#include "tandem-version-macros.h"

G_BEGIN_DECLS

/**
 * TandemCharterOwner:
 * @TANDEM_CHARTER_OWNER_INSIDE: inside sales owns the area
 * @TANDEM_CHARTER_OWNER_FIELD: field sales owns the area
 * @TANDEM_CHARTER_OWNER_SHARED: both own it together
 *
 * Who owns an area of a tandem's charter.
 *
 * Since: 1.0
 */
typedef enum
{
  TANDEM_CHARTER_OWNER_INSIDE,
  TANDEM_CHARTER_OWNER_FIELD,
  TANDEM_CHARTER_OWNER_SHARED,
} TandemCharterOwner;

#define TANDEM_TYPE_CHARTER (tandem_charter_get_type ())
TANDEM_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (TandemCharter, tandem_charter, TANDEM, CHARTER, GObject)

TANDEM_AVAILABLE_IN_ALL
TandemCharter *tandem_charter_new (TandemTeam *team) G_GNUC_WARN_UNUSED_RESULT;
TANDEM_AVAILABLE_IN_ALL
TandemTeam *tandem_charter_get_team (TandemCharter *self);
TANDEM_AVAILABLE_IN_ALL
guint tandem_charter_get_version (TandemCharter *self);
TANDEM_AVAILABLE_IN_ALL
gboolean tandem_charter_set_area (TandemCharter     *self,
                                  const char        *area,
                                  TandemCharterOwner owner,
                                  GError           **error);
TANDEM_AVAILABLE_IN_ALL
char **tandem_charter_get_areas (TandemCharter *self) G_GNUC_WARN_UNUSED_RESULT;
TANDEM_AVAILABLE_IN_ALL
gboolean tandem_charter_get_owner (TandemCharter      *self,
                                   const char         *area,
                                   TandemCharterOwner *owner);
TANDEM_AVAILABLE_IN_ALL
GDateTime *tandem_charter_get_inside_confirmed (TandemCharter *self);
TANDEM_AVAILABLE_IN_ALL
GDateTime *tandem_charter_get_field_confirmed (TandemCharter *self);
TANDEM_AVAILABLE_IN_ALL
gboolean tandem_charter_get_agreed (TandemCharter *self);

TANDEM_AVAILABLE_IN_ALL
TandemCharter *tandem_charter_save (TandemStore   *self,
                                    TandemCharter *charter,
                                    GError       **error) G_GNUC_WARN_UNUSED_RESULT;
TANDEM_AVAILABLE_IN_ALL
TandemCharter *tandem_charter_load (TandemStore *self,
                                    TandemTeam  *team,
                                    guint        version,
                                    GError     **error) G_GNUC_WARN_UNUSED_RESULT;
TANDEM_AVAILABLE_IN_ALL
GListModel *tandem_charter_list (TandemStore *self,
                                 TandemTeam  *team,
                                 GError     **error) G_GNUC_WARN_UNUSED_RESULT;
TANDEM_AVAILABLE_IN_ALL
gboolean tandem_charter_confirm (TandemStore   *self,
                                 TandemCharter *charter,
                                 TandemRep     *rep,
                                 GDateTime     *at,
                                 GError       **error);

G_END_DECLS
