/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-period.c: settlement periods: a month, a quarter or a year */

#include "config.h"

#include "tandem-i18n-private.h"
#include <string.h>

#include "tandem-plan.h"
#include "tandem-plan-private.h"
#include "tandem-currency-private.h"
#include "tandem-enum-types.h"
#include "tandem-rate-private.h"
#include "tandem-util-private.h"

/**
 * TandemPeriod:
 *
 * A settlement period: a calendar month (`2026-11`), quarter (`2026-Q4`)
 * or year (`2026`). Its start and end depend on the time zone it is cut
 * in, which comes from the plan ([method@Tandem.Plan.get_time_zone]).
 *
 * Since: 1.0
 */
G_DEFINE_BOXED_TYPE (TandemPeriod, tandem_period, tandem_period_copy, tandem_period_free)

/**
 * tandem_period_parse:
 * @text: "2026-11", "2026-Q4" or "2026"
 * @error: return location for a #GError
 *
 * Parses a period.
 *
 * Returns: (transfer full): the period, or %NULL with
 *   %TANDEM_PLAN_ERROR_INVALID_PERIOD quoting @text
 *
 * Since: 1.0
 */
TandemPeriod *
tandem_period_parse (const char *text, GError **error)
{
  TandemPeriod period = { 0 };
  guint64      year, index;
  g_auto (GStrv) parts = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  parts = g_strsplit (text, "-", 3);
  if (parts[0] == NULL || strlen (parts[0]) != 4
      || !g_ascii_string_to_unsigned (parts[0], 10, 1970, 9999, &year, NULL))
    goto invalid;
  period.year = (int)year;

  if (parts[1] == NULL)
    period.kind = TANDEM_PERIOD_KIND_YEAR;
  else if (parts[2] != NULL)
    goto invalid;
  else if ((parts[1][0] == 'Q' || parts[1][0] == 'q') && strlen (parts[1]) == 2
           && g_ascii_string_to_unsigned (parts[1] + 1, 10, 1, 4, &index, NULL))
    {
      period.kind = TANDEM_PERIOD_KIND_QUARTER;
      period.index = (int)index;
    }
  else if (strlen (parts[1]) == 2 && g_ascii_string_to_unsigned (parts[1], 10, 1, 12, &index, NULL))
    {
      period.kind = TANDEM_PERIOD_KIND_MONTH;
      period.index = (int)index;
    }
  else
    goto invalid;

  return g_memdup2 (&period, sizeof period);

invalid:
  g_set_error (
      error, TANDEM_PLAN_ERROR, TANDEM_PLAN_ERROR_INVALID_PERIOD,
      _ ("Invalid period “%s”: expected a month (2026-11), a quarter (2026-Q4) or a year (2026)"),
      text);
  return NULL;
}

/**
 * tandem_period_copy:
 * @self: a `TandemPeriod`
 *
 * Copies a period.
 *
 * Returns: (transfer full): a copy
 *
 * Since: 1.0
 */
TandemPeriod *
tandem_period_copy (const TandemPeriod *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_memdup2 (self, sizeof *self);
}

/**
 * tandem_period_free:
 * @self: a `TandemPeriod`
 *
 * Frees a period.
 *
 * Since: 1.0
 */
void
tandem_period_free (TandemPeriod *self)
{
  g_free (self);
}

/**
 * tandem_period_get_kind:
 * @self: a `TandemPeriod`
 *
 * Gets whether @self is a month, quarter or year.
 *
 * Returns: the kind of period
 *
 * Since: 1.0
 */
TandemPeriodKind
tandem_period_get_kind (const TandemPeriod *self)
{
  g_return_val_if_fail (self != NULL, TANDEM_PERIOD_KIND_MONTH);

  return self->kind;
}

/**
 * tandem_period_to_string:
 * @self: a `TandemPeriod`
 *
 * Formats the period as [func@Tandem.Period.parse] reads it.
 *
 * Returns: (transfer full): "2026-11", "2026-Q4" or "2026"
 *
 * Since: 1.0
 */
char *
tandem_period_to_string (const TandemPeriod *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  switch (self->kind)
    {
    case TANDEM_PERIOD_KIND_MONTH:
      return g_strdup_printf ("%04d-%02d", self->year, self->index);
    case TANDEM_PERIOD_KIND_QUARTER:
      return g_strdup_printf ("%04d-Q%d", self->year, self->index);
    case TANDEM_PERIOD_KIND_YEAR:
    default:
      return g_strdup_printf ("%04d", self->year);
    }
}

static void
first_month (const TandemPeriod *self, int *year, int *month, int *n_months)
{
  *year = self->year;
  switch (self->kind)
    {
    case TANDEM_PERIOD_KIND_MONTH:
      *month = self->index;
      *n_months = 1;
      break;
    case TANDEM_PERIOD_KIND_QUARTER:
      *month = 3 * (self->index - 1) + 1;
      *n_months = 3;
      break;
    case TANDEM_PERIOD_KIND_YEAR:
    default:
      *month = 1;
      *n_months = 12;
      break;
    }
}

/**
 * tandem_period_get_start:
 * @self: a `TandemPeriod`
 * @zone: the time zone the period is cut in
 *
 * Gets the first instant of the period: local midnight of its first day.
 *
 * Returns: (transfer full): the start, inclusive
 *
 * Since: 1.0
 */
GDateTime *
tandem_period_get_start (const TandemPeriod *self, GTimeZone *zone)
{
  int year, month, n;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (zone != NULL, NULL);

  first_month (self, &year, &month, &n);
  return g_date_time_new (zone, year, month, 1, 0, 0, 0);
}

/**
 * tandem_period_get_end:
 * @self: a `TandemPeriod`
 * @zone: the time zone the period is cut in
 *
 * Gets the end of the period: local midnight of the first day after it.
 *
 * Returns: (transfer full): the end, exclusive
 *
 * Since: 1.0
 */
GDateTime *
tandem_period_get_end (const TandemPeriod *self, GTimeZone *zone)
{
  int year, month, n;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (zone != NULL, NULL);

  first_month (self, &year, &month, &n);
  month += n;
  while (month > 12)
    {
      month -= 12;
      year++;
    }
  return g_date_time_new (zone, year, month, 1, 0, 0, 0);
}

/**
 * tandem_period_get_previous:
 * @self: a `TandemPeriod`
 *
 * Gets the period of the same kind just before @self.
 *
 * Returns: (transfer full): the previous period
 *
 * Since: 1.0
 */
TandemPeriod *
tandem_period_get_previous (const TandemPeriod *self)
{
  TandemPeriod *prev;

  g_return_val_if_fail (self != NULL, NULL);

  prev = tandem_period_copy (self);
  if (prev->kind == TANDEM_PERIOD_KIND_YEAR || --prev->index == 0)
    {
      prev->year--;
      prev->index = prev->kind == TANDEM_PERIOD_KIND_MONTH     ? 12
                    : prev->kind == TANDEM_PERIOD_KIND_QUARTER ? 4
                                                               : 0;
    }
  return prev;
}

/**
 * tandem_period_get_next:
 * @self: a `TandemPeriod`
 *
 * Gets the period of the same kind just after @self.
 *
 * Returns: (transfer full): the next period
 *
 * Since: 1.0
 */
TandemPeriod *
tandem_period_get_next (const TandemPeriod *self)
{
  TandemPeriod *next;

  g_return_val_if_fail (self != NULL, NULL);

  next = tandem_period_copy (self);
  if (next->kind == TANDEM_PERIOD_KIND_YEAR)
    next->year++;
  else if (++next->index > (next->kind == TANDEM_PERIOD_KIND_MONTH ? 12 : 4))
    {
      next->year++;
      next->index = 1;
    }
  return next;
}
