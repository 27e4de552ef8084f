/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* Internal setters the store uses on the core types. */

#pragma once

#include "tandem-account.h"
#include "tandem-rep.h"
#include "tandem-team.h"

G_BEGIN_DECLS

void _tandem_rep_set_archived (TandemRep *self, gboolean archived);
void _tandem_team_set_archived (TandemTeam *self, gboolean archived);
void _tandem_account_set_archived (TandemAccount *self, gboolean archived);

G_END_DECLS
