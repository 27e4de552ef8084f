/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem.h: the umbrella header of libtandem; the only one to include */

#pragma once

#define TANDEM_INSIDE

#include <glib-object.h>

#include "tandem/tandem-version.h"
#include "tandem/tandem-version-macros.h"
#include "tandem/tandem-enum-types.h"
#include "tandem/tandem-types.h"
#include "tandem/tandem-money.h"
#include "tandem/tandem-json-writer.h"
#include "tandem/tandem-rep.h"
#include "tandem/tandem-team.h"
#include "tandem/tandem-account.h"
#include "tandem/tandem-activity.h"
#include "tandem/tandem-activity-filter.h"
#include "tandem/tandem-activity-list.h"
#include "tandem/tandem-membership.h"
#include "tandem/tandem-stage-change.h"
#include "tandem/tandem-store.h"
#include "tandem/tandem-import.h"
#include "tandem/tandem-period.h"
#include "tandem/tandem-plan.h"
#include "tandem/tandem-payout-line.h"
#include "tandem/tandem-team-result.h"
#include "tandem/tandem-settlement.h"
#include "tandem/tandem-book-entry.h"
#include "tandem/tandem-book-extract.h"
#include "tandem/tandem-simulation-row.h"
#include "tandem/tandem-simulation.h"
#include "tandem/tandem-payroll.h"
#include "tandem/tandem-plan-version.h"
#include "tandem/tandem-target.h"
#include "tandem/tandem-draw.h"
#include "tandem/tandem-exchange-rate.h"
#include "tandem/tandem-dispute.h"
#include "tandem/tandem-audit.h"
#include "tandem/tandem-rep-tag.h"
#include "tandem/tandem-match-proposal.h"
#include "tandem/tandem-matcher.h"
#include "tandem/tandem-classify.h"
#include "tandem/tandem-support.h"
#include "tandem/tandem-shadowing.h"
#include "tandem/tandem-charter.h"
#include "tandem/tandem-lifecycle.h"
#include "tandem/tandem-conversion.h"
#include "tandem/tandem-kpi.h"

#undef TANDEM_INSIDE
