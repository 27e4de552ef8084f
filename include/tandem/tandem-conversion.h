/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-conversion.h: conversion rates per tandem: how its accounts moved
 * through the lifecycle in a window */

#pragma once

#if !defined(TANDEM_INSIDE) && !defined(TANDEM_COMPILATION)
#error "Only <tandem.h> can be included directly."
#endif

#include <gio/gio.h>

#include "tandem-store.h"
#include "tandem-team.h"
#include "tandem-version-macros.h"

G_BEGIN_DECLS

#define TANDEM_TYPE_CONVERSION (tandem_conversion_get_type ())
TANDEM_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (TandemConversion, tandem_conversion, TANDEM, CONVERSION, GObject)

TANDEM_AVAILABLE_IN_ALL
TandemTeam *tandem_conversion_get_team (TandemConversion *self);
TANDEM_AVAILABLE_IN_ALL
guint tandem_conversion_get_prospects (TandemConversion *self);
TANDEM_AVAILABLE_IN_ALL
guint tandem_conversion_get_won (TandemConversion *self);
TANDEM_AVAILABLE_IN_ALL
int tandem_conversion_get_win_rate (TandemConversion *self);
TANDEM_AVAILABLE_IN_ALL
guint tandem_conversion_get_customers (TandemConversion *self);
TANDEM_AVAILABLE_IN_ALL
guint tandem_conversion_get_promoted (TandemConversion *self);
TANDEM_AVAILABLE_IN_ALL
int tandem_conversion_get_promotion_rate (TandemConversion *self);
TANDEM_AVAILABLE_IN_ALL
guint tandem_conversion_get_active (TandemConversion *self);
TANDEM_AVAILABLE_IN_ALL
guint tandem_conversion_get_lost (TandemConversion *self);
TANDEM_AVAILABLE_IN_ALL
int tandem_conversion_get_loss_rate (TandemConversion *self);
TANDEM_AVAILABLE_IN_ALL
guint tandem_conversion_get_won_back (TandemConversion *self);

TANDEM_AVAILABLE_IN_ALL
GListModel *tandem_conversion_compute (TandemStore *self,
                                       GDateTime   *since,
                                       GDateTime   *until,
                                       GError     **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
