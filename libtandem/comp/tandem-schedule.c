/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-schedule.c: plans over time as a settlement reads them */

#include "config.h"

#include "tandem-i18n-private.h"
#include <string.h>

#include "tandem-schedule-private.h"
#include "tandem-store-private.h"
#include "tandem-currency-private.h"
#include "tandem-money.h"
#include "tandem-rate-private.h"

void
_tandem_schedule_clear (TandemSchedule *self)
{
  g_clear_pointer (&self->versions, g_array_unref);
  _tandem_plan_choice_clear (&self->choice);
  g_clear_pointer (&self->targets, g_array_unref);
  g_clear_pointer (&self->draws, g_array_unref);
  g_clear_pointer (&self->rates, g_array_unref);
  g_clear_pointer (&self->closed, g_array_unref);
}

gboolean
_tandem_schedule_load (TandemSchedule *self, TandemDb *db, GError **error)
{
  GArray **lists[] = { &self->versions, &self->targets, &self->draws, &self->rates, &self->closed };
  const TandemScheduleKind kinds[] = {
    TANDEM_SCHEDULE_PLAN_VERSION, TANDEM_SCHEDULE_TARGET,        TANDEM_SCHEDULE_DRAW,
    TANDEM_SCHEDULE_RATE,         TANDEM_SCHEDULE_CLOSED_PERIOD,
  };

  memset (self, 0, sizeof *self);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      *lists[i] = _tandem_db_list_schedule (db, kinds[i], NULL, error);
      if (*lists[i] == NULL)
        {
          _tandem_schedule_clear (self);
          return FALSE;
        }
    }
  if (!_tandem_plan_choice_load (&self->choice, db, self->versions, error))
    {
      _tandem_schedule_clear (self);
      return FALSE;
    }
  return TRUE;
}

const TandemScheduleRecord *
_tandem_schedule_version_at (const TandemSchedule *self, const char *name, gint64 at)
{
  const TandemScheduleRecord *best = NULL;

  for (guint i = 0; i < self->versions->len; i++)
    {
      const TandemScheduleRecord *v = &g_array_index (self->versions, TandemScheduleRecord, i);

      /* the latest start at or before @at; of two with one start, the newer */
      if (strcmp (v->name, name) == 0 && v->from_at <= at
          && (best == NULL || v->from_at > best->from_at
              || (v->from_at == best->from_at && v->number > best->number)))
        best = v;
    }
  return best;
}

const TandemScheduleRecord *
_tandem_schedule_latest_version (const TandemSchedule *self, const char *name)
{
  const TandemScheduleRecord *latest = NULL;

  /* ordered by name, then version */
  for (guint i = 0; i < self->versions->len; i++)
    {
      const TandemScheduleRecord *v = &g_array_index (self->versions, TandemScheduleRecord, i);

      if (strcmp (v->name, name) == 0)
        latest = v;
    }
  return latest;
}

guint
_tandem_schedule_n_plans (const TandemSchedule *self)
{
  guint n = 0;

  for (guint i = 0; i < self->versions->len; i++)
    if (g_array_index (self->versions, TandemScheduleRecord, i).number == 1)
      n++;
  return n;
}

const char *
_tandem_schedule_team_plan (const TandemSchedule *self, gint64 team_id, gint64 at)
{
  return _tandem_plan_choice_at (&self->choice, team_id, at);
}

const TandemScheduleRecord *
_tandem_schedule_target (const TandemSchedule *self, gint64 team_id, const char *label)
{
  for (guint i = 0; i < self->targets->len; i++)
    {
      const TandemScheduleRecord *t = &g_array_index (self->targets, TandemScheduleRecord, i);

      if (t->owner_id == team_id && strcmp (t->from_label, label) == 0)
        return t;
    }
  return NULL;
}

const TandemScheduleRecord *
_tandem_schedule_rate_at (const TandemSchedule *self, const char *from, const char *to, gint64 at)
{
  const TandemScheduleRecord *best = NULL;

  for (guint i = 0; i < self->rates->len; i++)
    {
      const TandemScheduleRecord *r = &g_array_index (self->rates, TandemScheduleRecord, i);

      if (r->from_at <= at && strcmp (r->currency, from) == 0 && strcmp (r->to_currency, to) == 0)
        best = r; /* ordered by from_at */
    }
  return best;
}

gint64
_tandem_schedule_closed_end (const TandemSchedule *self, const char *plan)
{
  gint64 end = G_MININT64;

  for (guint i = 0; i < self->closed->len; i++)
    {
      const TandemScheduleRecord *c = &g_array_index (self->closed, TandemScheduleRecord, i);

      if ((plan == NULL || strcmp (c->name, plan) == 0) && c->until_at > end)
        end = c->until_at;
    }
  return end;
}

TandemPlan *
_tandem_schedule_default_plan (const TandemSchedule *self, GError **error)
{
  const TandemScheduleRecord *latest
      = self->choice.default_plan != NULL
            ? _tandem_schedule_latest_version (self, self->choice.default_plan)
            : NULL;

  return latest != NULL ? tandem_plan_new_from_data (latest->text, -1, error) : NULL;
}

gboolean
_tandem_exchange_rate_parse (const char *text, gint64 *out, GError **error)
{
  const char *p = text;
  gint64      value = 0;
  guint       decimals = 0;
  gboolean    fraction = FALSE;
  gboolean    digit = FALSE;

  for (; *p != '\0'; p++)
    {
      if (*p == '.' && !fraction)
        {
          fraction = TRUE;
          continue;
        }
      if (!g_ascii_isdigit (*p) || (fraction && ++decimals > 8) || value > G_MAXINT64 / 100)
        break;
      value = value * 10 + (*p - '0');
      digit = TRUE;
    }
  for (guint d = decimals; *p == '\0' && d < 8 && value <= G_MAXINT64 / 100; d++)
    value *= 10;

  /* at most 1,000,000 per unit: every conversion stays exact in 128 bits */
  if (*p != '\0' || !digit || (fraction && decimals == 0) || value <= 0
      || value > TANDEM_EXCHANGE_ONE * 1000000)
    {
      g_set_error (error, TANDEM_MONEY_ERROR, TANDEM_MONEY_ERROR_INVALID_RATE,
                   _ ("Invalid exchange rate “%s”: expected a positive decimal with up to 8 "
                      "places, at most 1000000, such as “0.95”"),
                   text);
      return FALSE;
    }
  *out = value;
  return TRUE;
}

gboolean
_tandem_exchange_convert (gint64 minor, const char *from, const char *to, gint64 rate, gint64 *out)
{
  const TandemCurrencyInfo *f = _tandem_currency_find (from);
  const TandemCurrencyInfo *t = _tandem_currency_find (to);
  gint64                    num = rate;
  gint64                    den = TANDEM_EXCHANGE_ONE;
  gboolean                  overflow = FALSE;

  if (f == NULL || t == NULL)
    return FALSE;
  /* minor × rate × 10^(to's exponent − from's exponent) */
  for (int e = t->exponent; e > f->exponent; e--)
    num *= 10;
  for (int e = f->exponent; e > t->exponent; e--)
    den *= 10;
  *out = _tandem_mul_div_round (minor, num, den, &overflow);
  return !overflow;
}

/* Reads the schedule in a transaction of its own. */
gboolean
_tandem_schedule_load_from_store (TandemStore *self, TandemSchedule *schedule, GError **error)
{
  g_autoptr (TandemTransaction) tx = _tandem_transaction_new (self);

  return _tandem_schedule_load (schedule, _tandem_transaction_get_db (tx), error);
}
