/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-team.h: a tandem of one inside and one field rep */

#pragma once

#if !defined(TANDEM_INSIDE) && !defined(TANDEM_COMPILATION)
#error "Only <tandem.h> can be included directly."
#endif

#include <glib-object.h>

#include "tandem-money.h"
#include "tandem-rep.h"
#include "tandem-types.h"
#include "tandem-version-macros.h"

G_BEGIN_DECLS

/**
 * TANDEM_INSIDE_SHARE_UNSET:
 *
 * The value of [property@Tandem.Team:inside-share] for a tandem that has
 * no share of its own and follows the compensation plan's default.
 *
 * Since: 1.0
 */
#define TANDEM_INSIDE_SHARE_UNSET (-1)

#define TANDEM_TYPE_TEAM (tandem_team_get_type ())
TANDEM_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (TandemTeam, tandem_team, TANDEM, TEAM, GObject)

TANDEM_AVAILABLE_IN_ALL
TandemTeam *tandem_team_new (const char *name,
                             TandemRep  *inside_rep,
                             TandemRep  *field_rep,
                             GError    **error) G_GNUC_WARN_UNUSED_RESULT;
TANDEM_AVAILABLE_IN_ALL
gint64 tandem_team_get_id (TandemTeam *self);
TANDEM_AVAILABLE_IN_ALL
const char *tandem_team_get_name (TandemTeam *self);
TANDEM_AVAILABLE_IN_ALL
void tandem_team_set_name (TandemTeam *self, const char *name);
TANDEM_AVAILABLE_IN_ALL
TandemRep *tandem_team_get_inside_rep (TandemTeam *self);
TANDEM_AVAILABLE_IN_ALL
TandemRep *tandem_team_get_field_rep (TandemTeam *self);
TANDEM_AVAILABLE_IN_ALL
gboolean tandem_team_set_members (TandemTeam *self,
                                  TandemRep  *inside_rep,
                                  TandemRep  *field_rep,
                                  GError    **error);
TANDEM_AVAILABLE_IN_ALL
int tandem_team_get_inside_share (TandemTeam *self);
TANDEM_AVAILABLE_IN_ALL
gboolean tandem_team_set_inside_share (TandemTeam *self, int basis_points, GError **error);
TANDEM_AVAILABLE_IN_ALL
TandemMoney *tandem_team_get_target (TandemTeam *self);
TANDEM_AVAILABLE_IN_ALL
void tandem_team_set_target (TandemTeam *self, TandemMoney *target);
TANDEM_AVAILABLE_IN_ALL
gboolean tandem_team_get_archived (TandemTeam *self);
TANDEM_AVAILABLE_IN_ALL
gboolean tandem_team_validate (TandemTeam *self, GError **error);

G_END_DECLS
