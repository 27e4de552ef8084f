/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-account.h: a customer account shared by a tandem */

#pragma once

#if !defined(TANDEM_INSIDE) && !defined(TANDEM_COMPILATION)
#error "Only <tandem.h> can be included directly."
#endif

#include <glib-object.h>

#include "tandem-team.h"
#include "tandem-types.h"
#include "tandem-version-macros.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_ACCOUNT (tandem_account_get_type ())
TANDEM_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (TandemAccount, tandem_account, TANDEM, ACCOUNT, GObject)

TANDEM_AVAILABLE_IN_ALL
TandemAccount *tandem_account_new (const char *name, TandemTeam *team) G_GNUC_WARN_UNUSED_RESULT;
TANDEM_AVAILABLE_IN_ALL
gint64 tandem_account_get_id (TandemAccount *self);
TANDEM_AVAILABLE_IN_ALL
const char *tandem_account_get_name (TandemAccount *self);
TANDEM_AVAILABLE_IN_ALL
void tandem_account_set_name (TandemAccount *self, const char *name);
TANDEM_AVAILABLE_IN_ALL
TandemTeam *tandem_account_get_team (TandemAccount *self);
TANDEM_AVAILABLE_IN_ALL
void tandem_account_set_team (TandemAccount *self, TandemTeam *team);
TANDEM_AVAILABLE_IN_ALL
TandemCategory tandem_account_get_category (TandemAccount *self);
TANDEM_AVAILABLE_IN_ALL
void tandem_account_set_category (TandemAccount *self, TandemCategory category);
TANDEM_AVAILABLE_IN_ALL
TandemAccountStage tandem_account_get_stage (TandemAccount *self);
TANDEM_AVAILABLE_IN_ALL
void tandem_account_set_stage (TandemAccount *self, TandemAccountStage stage);
TANDEM_AVAILABLE_IN_ALL
TandemAccount *tandem_account_get_referred_by (TandemAccount *self);
TANDEM_AVAILABLE_IN_ALL
gboolean tandem_account_set_referred_by (TandemAccount *self,
                                         TandemAccount *referrer,
                                         GError       **error);
TANDEM_AVAILABLE_IN_ALL
gboolean tandem_account_get_archived (TandemAccount *self);
TANDEM_AVAILABLE_IN_ALL
const char *tandem_account_get_number (TandemAccount *self);
TANDEM_AVAILABLE_IN_ALL
void tandem_account_set_number (TandemAccount *self, const char *number);
TANDEM_AVAILABLE_IN_ALL
gboolean tandem_account_validate (TandemAccount *self, GError **error);

G_END_DECLS
