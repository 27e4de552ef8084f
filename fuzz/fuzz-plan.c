/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* fuzz-plan.c: the plan key-file parser */

#include <stdlib.h>
#include <tandem.h>

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (TandemPlan) plan
      = tandem_plan_new_from_data ((const char *)data, (gssize)size, &error);

  if (plan == NULL)
    {
      if (error == NULL || error->domain != TANDEM_PLAN_ERROR)
        abort ();
      return 0;
    }

  {
    g_autoptr (TandemPeriod) period = tandem_plan_parse_period (plan, "2026-11", NULL);
    (void)period;
  }
  return 0;
}
