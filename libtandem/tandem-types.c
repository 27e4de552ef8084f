/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-types.c: enumeration helpers and the validation error domain */

#include "config.h"

#include <inttypes.h>

#include "tandem-i18n-private.h"
#include <string.h>

#include "tandem-types.h"
#include "tandem-enum-types.h"
#include "tandem-money.h"
#include "tandem-util-private.h"

/**
 * tandem_validation_error_quark:
 *
 * The quark of the %TANDEM_VALIDATION_ERROR domain.
 *
 * Returns: the error domain
 *
 * Since: 1.0
 */
/* clang-format off */
G_DEFINE_QUARK (tandem-validation-error-quark, tandem_validation_error)
/* clang-format on */

/* The library's messages are translatable: its catalogue is bound on the
 * first message, not when the library is loaded. LIBTANDEM_LOCALEDIR
 * points an uninstalled build at its own catalogues (the tests use it). */
const char *
_tandem_gettext (const char *msgid)
{
  static gsize bound = 0;

  if (g_once_init_enter (&bound))
    {
      const char *dir = g_getenv ("LIBTANDEM_LOCALEDIR");

      bindtextdomain (GETTEXT_PACKAGE, dir != NULL && *dir != '\0' ? dir : LOCALEDIR);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      g_once_init_leave (&bound, 1);
    }
  return g_dgettext (GETTEXT_PACKAGE, msgid);
}

const char *
_tandem_enum_to_nick (GType type, int value)
{
  GEnumClass *klass = g_type_class_ref (type);
  GEnumValue *ev = g_enum_get_value (klass, value);

  g_type_class_unref (klass);
  return ev != NULL ? ev->value_nick : NULL;
}

gboolean
_tandem_enum_from_nick (GType type, const char *what, const char *nick, int *value, GError **error)
{
  /* @what is a msgid (N_): translated only for an error, since imports
   * parse a kind per row */
  g_autofree char *lower = NULL;
  g_autoptr (GString) choices = g_string_new (NULL);
  GEnumClass *klass;
  GEnumValue *ev;

  if (nick == NULL)
    {
      g_set_error (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_MISSING_VALUE,
                   _ ("Missing %s"), _ (what));
      return FALSE;
    }

  lower = g_ascii_strdown (nick, -1);
  g_strdelimit (lower, "_", '-');

  klass = g_type_class_ref (type);
  ev = g_enum_get_value_by_nick (klass, lower);
  if (ev != NULL)
    {
      *value = ev->value;
      g_type_class_unref (klass);
      return TRUE;
    }

  for (guint i = 0; i < klass->n_values; i++)
    g_string_append_printf (choices, "%s%s", i > 0 ? ", " : "", klass->values[i].value_nick);
  g_type_class_unref (klass);

  g_set_error (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_VALUE,
               _ ("Invalid %s “%s”: expected one of %s"), _ (what), nick, choices->str);
  return FALSE;
}

char *
_tandem_shell_word (const char *word)
{
  for (const char *p = word; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr ("._-", *p) == NULL)
      return g_shell_quote (word);
  return g_strdup (word);
}

void
_tandem_set_str (char **ptr, const char *value)
{
  if (*ptr == value)
    return;

  g_free (*ptr);
  *ptr = g_strdup (value);
}

gboolean
_tandem_check_text (const char *what, const char *text, gboolean multiline, GError **error)
{
  gsize len;

  if (text == NULL)
    return TRUE;

  len = strlen (text);
  if (len > TANDEM_TEXT_MAX)
    {
      g_set_error (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_TEXT,
                   _ ("The %s is %zu bytes long; at most %d are allowed"), what, len,
                   TANDEM_TEXT_MAX);
      return FALSE;
    }

  if (!g_utf8_validate (text, (gssize)len, NULL))
    {
      g_set_error (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_TEXT,
                   _ ("The %s is not valid UTF-8"), what);
      return FALSE;
    }

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c < 0x20 || (c >= 0x7f && c <= 0x9f))
          && !(multiline && (c == '\t' || c == '\n' || c == '\r')))
        {
          g_set_error (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_TEXT,
                       _ ("The %s holds the control character U+%04X at byte %zu; remove it"), what,
                       c, (gsize)(p - text) + 1);
          return FALSE;
        }
    }
  return TRUE;
}

gint64
_tandem_activity_kinds_mask (gboolean (*pred) (TandemActivityKind kind))
{
  gint64 mask = 0;

  for (int k = TANDEM_ACTIVITY_KIND_CALL; k <= TANDEM_ACTIVITY_KIND_PAYMENT; k++)
    if (pred ((TandemActivityKind)k))
      mask |= G_GINT64_CONSTANT (1) << k;
  return mask;
}

gboolean
_tandem_check_window (GDateTime *since, GDateTime *until, GQuark domain, int code, GError **error)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  if (g_date_time_compare (since, until) < 0)
    return TRUE;
  from = g_date_time_format_iso8601 (since);
  to = g_date_time_format_iso8601 (until);
  g_set_error (error, domain, code,
               _ ("The window from %s to %s is empty: its start must come before its end"), from,
               to);
  return FALSE;
}

gboolean
_tandem_overflow_error (GError **error, const char *format, ...)
{
  g_autofree char *what = NULL;
  va_list          args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, TANDEM_MONEY_ERROR, TANDEM_MONEY_ERROR_OVERFLOW,
               _ ("%s does not fit in 63 bits of minor units"), what);
  return FALSE;
}

gboolean
_tandem_key_file_check_duplicates (const char *data,
                                   gsize       length,
                                   GQuark      domain,
                                   int         code,
                                   GError    **error)
{
  g_autoptr (GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *group = g_strdup ("");
  const char      *end = data + length;
  guint            line = 0;

  for (const char *p = data; p < end;)
    {
      const char      *eol = memchr (p, '\n', (gsize)(end - p));
      g_autofree char *text = g_strstrip (g_strndup (p, (gsize)((eol ? eol : end) - p)));

      line++;
      p = eol ? eol + 1 : end;
      if (text[0] == '\0' || text[0] == '#')
        continue;

      if (text[0] == '[')
        {
          char    *close = strrchr (text, ']');
          gpointer seen;

          if (close != NULL)
            *close = '\0';
          g_free (group);
          group = g_strdup (text + 1);
          if (g_hash_table_lookup_extended (groups, group, NULL, &seen))
            {
              g_set_error (error, domain, code,
                           _ ("Line %u: group [%s] appears twice (first on line %u)"), line, group,
                           GPOINTER_TO_UINT (seen));
              return FALSE;
            }
          g_hash_table_insert (groups, g_strdup (group), GUINT_TO_POINTER (line));
          g_hash_table_remove_all (keys);
          continue;
        }

      {
        char    *eq = strchr (text, '=');
        gpointer seen;

        if (eq == NULL)
          continue; /* GKeyFile reports it */
        *eq = '\0';
        g_strchomp (text);
        if (g_hash_table_lookup_extended (keys, text, NULL, &seen))
          {
            g_set_error (error, domain, code,
                         _ ("Line %u: key %s in [%s] appears twice (first on line %u)"), line, text,
                         group, GPOINTER_TO_UINT (seen));
            return FALSE;
          }
        g_hash_table_insert (keys, g_strdup (text), GUINT_TO_POINTER (line));
      }
    }
  return TRUE;
}

gboolean
_tandem_check_name (const char *what, const char *name, GError **error)
{
  const char *p;

  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_NAME,
                   _ ("The %s name is missing or not valid UTF-8"), what);
      return FALSE;
    }

  for (p = name; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      break;
  if (*p == '\0')
    {
      g_set_error (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_NAME,
                   _ ("The %s name “%s” is empty"), what, name);
      return FALSE;
    }

  {
    g_autofree char *label = g_strdup_printf (_ ("%s name"), what);

    return _tandem_check_text (label, name, FALSE, error);
  }
}

/* The optimal-string-alignment distance between two casefolded texts,
 * in characters: an insertion, a deletion, a substitution or a swap of two
 * neighbours each count 1. */
static guint
edit_distance (const char *a, const char *b)
{
  g_autofree gunichar *x = g_utf8_to_ucs4_fast (a, -1, NULL);
  g_autofree gunichar *y = g_utf8_to_ucs4_fast (b, -1, NULL);
  glong                n = 0, m = 0;
  g_autofree guint    *d = NULL;

  while (x[n] != 0)
    n++;
  while (y[m] != 0)
    m++;
  d = g_new (guint, (gsize)(n + 1) * (gsize)(m + 1));
#define D(i, j) d[(gsize)(i) * (gsize)(m + 1) + (gsize)(j)]
  for (glong i = 0; i <= n; i++)
    D (i, 0) = (guint)i;
  for (glong j = 0; j <= m; j++)
    D (0, j) = (guint)j;
  for (glong i = 1; i <= n; i++)
    for (glong j = 1; j <= m; j++)
      {
        guint cost = x[i - 1] == y[j - 1] ? 0 : 1;
        guint best = MIN (D (i - 1, j) + 1, D (i, j - 1) + 1);

        best = MIN (best, D (i - 1, j - 1) + cost);
        if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1])
          best = MIN (best, D (i - 2, j - 2) + 1);
        D (i, j) = best;
      }
  return D (n, m);
#undef D
}

/**
 * tandem_suggest:
 * @word: what someone typed
 * @candidates: (array zero-terminated=1): the words that are known
 *
 * Finds the candidate @word was most likely meant to be, for a "did you
 * mean" hint: the one with the fewest edits (inserting, deleting or
 * replacing a character, or swapping two neighbours; case is ignored),
 * if that is at most a third of @word's length, rounded up (at most 3)
 * and @word is not a candidate itself. Of equally close candidates the
 * first wins. `setle` suggests `settle`, `Standart` suggests `Standard`.
 *
 * Returns: (transfer full) (nullable): the candidate, or %NULL when none
 *   is close
 *
 * Since: 1.0
 */
char *
tandem_suggest (const char *word, const char *const *candidates)
{
  g_autofree char *folded = NULL;
  const char      *best = NULL;
  guint            best_distance, limit;

  g_return_val_if_fail (word != NULL, NULL);

  if (candidates == NULL || !g_utf8_validate (word, -1, NULL))
    return NULL;
  folded = g_utf8_casefold (word, -1);
  limit = CLAMP ((g_utf8_strlen (word, -1) + 2) / 3, 1, 3);
  best_distance = limit + 1;
  for (guint i = 0; candidates[i] != NULL; i++)
    {
      g_autofree char *other = NULL;
      guint            distance;

      if (strcmp (candidates[i], word) == 0)
        return NULL;
      if (!g_utf8_validate (candidates[i], -1, NULL))
        continue;
      other = g_utf8_casefold (candidates[i], -1);
      distance = edit_distance (folded, other);
      if (distance < best_distance)
        {
          best_distance = distance;
          best = candidates[i];
        }
    }
  return g_strdup (best);
}

/**
 * tandem_activity_kind_is_commissionable:
 * @kind: a `TandemActivityKind`
 *
 * Whether activities of @kind carry a commissionable amount: orders,
 * cross-sells and up-sells.
 *
 * Returns: %TRUE for %TANDEM_ACTIVITY_KIND_ORDER,
 *   %TANDEM_ACTIVITY_KIND_CROSS_SELL and %TANDEM_ACTIVITY_KIND_UP_SELL
 *
 * Since: 1.0
 */
gboolean
tandem_activity_kind_is_commissionable (TandemActivityKind kind)
{
  return kind == TANDEM_ACTIVITY_KIND_ORDER || kind == TANDEM_ACTIVITY_KIND_CROSS_SELL
         || kind == TANDEM_ACTIVITY_KIND_UP_SELL;
}

/**
 * tandem_activity_kind_takes_amount:
 * @kind: a `TandemActivityKind`
 *
 * Whether activities of @kind may carry an amount: offers (the offered
 * value), orders, cross-sells, up-sells, reversals and payments. Any other kind
 * with an amount is refused, so that a call logged with "1.00 EUR" does
 * not look like money.
 *
 * Returns: %TRUE for the kinds that carry an amount
 *
 * Since: 1.0
 */
gboolean
tandem_activity_kind_takes_amount (TandemActivityKind kind)
{
  return tandem_activity_kind_is_commissionable (kind) || kind == TANDEM_ACTIVITY_KIND_OFFER
         || kind == TANDEM_ACTIVITY_KIND_REVERSAL || kind == TANDEM_ACTIVITY_KIND_PAYMENT;
}

/**
 * tandem_activity_kind_to_nick:
 * @kind: a `TandemActivityKind`
 *
 * Gets the name of @kind used in text: "call", "cross-sell", …
 *
 * Returns: (transfer none) (nullable): the nick, or %NULL for an invalid value
 *
 * Since: 1.0
 */
const char *
tandem_activity_kind_to_nick (TandemActivityKind kind)
{
  return _tandem_enum_to_nick (TANDEM_TYPE_ACTIVITY_KIND, kind);
}

/**
 * tandem_activity_kind_from_nick:
 * @nick: a name such as "cross-sell" (case and `_`/`-` do not matter)
 * @kind: (out): the kind
 * @error: return location for a #GError
 *
 * Parses the name of an activity kind.
 *
 * Returns: %TRUE on success, %FALSE with
 *   %TANDEM_VALIDATION_ERROR_INVALID_VALUE naming the text and the choices
 *
 * Since: 1.0
 */
static const char *kind_nicks[TANDEM_ACTIVITY_KIND_PAYMENT + 1];
static gsize       kind_nicks_ready;

gboolean
tandem_activity_kind_from_nick (const char *nick, TandemActivityKind *kind, GError **error)
{
  int value;

  g_return_val_if_fail (kind != NULL, FALSE);

  /* the exact nick, as imports have it on every row: no copy, no lookup
   * in the enum class */
  if (g_once_init_enter (&kind_nicks_ready))
    {
      for (int k = TANDEM_ACTIVITY_KIND_CALL; k <= TANDEM_ACTIVITY_KIND_PAYMENT; k++)
        kind_nicks[k] = _tandem_enum_to_nick (TANDEM_TYPE_ACTIVITY_KIND, k);
      g_once_init_leave (&kind_nicks_ready, 1);
    }
  for (int k = TANDEM_ACTIVITY_KIND_CALL; nick != NULL && k <= TANDEM_ACTIVITY_KIND_PAYMENT; k++)
    if (strcmp (nick, kind_nicks[k]) == 0)
      {
        *kind = (TandemActivityKind)k;
        return TRUE;
      }

  if (!_tandem_enum_from_nick (TANDEM_TYPE_ACTIVITY_KIND, N_ ("activity kind"), nick, &value,
                               error))
    return FALSE;
  *kind = value;
  return TRUE;
}

/**
 * tandem_role_to_nick:
 * @role: a `TandemRole`
 *
 * Gets the name of @role used in text: "inside", "field" or "manager".
 *
 * Returns: (transfer none) (nullable): the nick, or %NULL for an invalid value
 *
 * Since: 1.0
 */
const char *
tandem_role_to_nick (TandemRole role)
{
  return _tandem_enum_to_nick (TANDEM_TYPE_ROLE, role);
}

/**
 * tandem_role_from_nick:
 * @nick: "inside", "field" or "manager"
 * @role: (out): the role
 * @error: return location for a #GError
 *
 * Parses the name of a role.
 *
 * Returns: %TRUE on success, %FALSE with %TANDEM_VALIDATION_ERROR_INVALID_VALUE
 *
 * Since: 1.0
 */
gboolean
tandem_role_from_nick (const char *nick, TandemRole *role, GError **error)
{
  int value;

  g_return_val_if_fail (role != NULL, FALSE);

  if (!_tandem_enum_from_nick (TANDEM_TYPE_ROLE, N_ ("role"), nick, &value, error))
    return FALSE;
  *role = value;
  return TRUE;
}

/**
 * tandem_account_stage_to_nick:
 * @stage: a `TandemAccountStage`
 *
 * Gets the name of @stage used in text: "prospect", "customer", "regular", "lost".
 *
 * Returns: (transfer none) (nullable): the nick, or %NULL for an invalid value
 *
 * Since: 1.0
 */
const char *
tandem_account_stage_to_nick (TandemAccountStage stage)
{
  return _tandem_enum_to_nick (TANDEM_TYPE_ACCOUNT_STAGE, stage);
}

/**
 * tandem_stage_cause_to_nick:
 * @cause: a `TandemStageCause`
 *
 * Gets the name of @cause used in text: "manual", "created",
 * "first-order", "repeat-orders", "no-orders", "won-back".
 *
 * Returns: (transfer none) (nullable): the nick, or %NULL for an invalid value
 *
 * Since: 1.0
 */
const char *
tandem_stage_cause_to_nick (TandemStageCause cause)
{
  return _tandem_enum_to_nick (TANDEM_TYPE_STAGE_CAUSE, cause);
}

/**
 * tandem_account_stage_from_nick:
 * @nick: "prospect", "customer", "regular" or "lost"
 * @stage: (out): the stage
 * @error: return location for a #GError
 *
 * Parses the name of an account stage.
 *
 * Returns: %TRUE on success, %FALSE with %TANDEM_VALIDATION_ERROR_INVALID_VALUE
 *
 * Since: 1.0
 */
gboolean
tandem_account_stage_from_nick (const char *nick, TandemAccountStage *stage, GError **error)
{
  int value;

  g_return_val_if_fail (stage != NULL, FALSE);

  if (!_tandem_enum_from_nick (TANDEM_TYPE_ACCOUNT_STAGE, N_ ("account stage"), nick, &value,
                               error))
    return FALSE;
  *stage = value;
  return TRUE;
}

/**
 * tandem_category_to_nick:
 * @category: a `TandemCategory`
 *
 * Gets the name of @category used in text: "a", "b", "c" or "d".
 *
 * Returns: (transfer none) (nullable): the nick, or %NULL for an invalid value
 *
 * Since: 1.0
 */
const char *
tandem_category_to_nick (TandemCategory category)
{
  return _tandem_enum_to_nick (TANDEM_TYPE_CATEGORY, category);
}

/**
 * tandem_category_from_nick:
 * @nick: "A", "B", "C" or "D" (either case)
 * @category: (out): the category
 * @error: return location for a #GError
 *
 * Parses an account category.
 *
 * Returns: %TRUE on success, %FALSE with %TANDEM_VALIDATION_ERROR_INVALID_VALUE
 *
 * Since: 1.0
 */
gboolean
tandem_category_from_nick (const char *nick, TandemCategory *category, GError **error)
{
  int value;

  g_return_val_if_fail (category != NULL, FALSE);

  if (!_tandem_enum_from_nick (TANDEM_TYPE_CATEGORY, N_ ("category"), nick, &value, error))
    return FALSE;
  *category = value;
  return TRUE;
}

gint64
_tandem_time_to_usec (GDateTime *time)
{
  return g_date_time_to_unix (time) * G_USEC_PER_SEC + g_date_time_get_microsecond (time);
}

GDateTime *
_tandem_time_from_usec (gint64 usec)
{
  gint64 secs = usec / G_USEC_PER_SEC;
  gint64 rest = usec % G_USEC_PER_SEC;
  g_autoptr (GDateTime) base = NULL;

  if (rest < 0)
    {
      secs--;
      rest += G_USEC_PER_SEC;
    }

  base = g_date_time_new_from_unix_utc (secs);
  if (base == NULL)
    return NULL;
  return g_date_time_add (base, rest);
}

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant). */
static gint64
days_from_civil (gint64 y, guint m, guint d)
{
  gint64 era;
  guint  yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = (guint)(y - era * 400);
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + (gint64)doe - 719468;
}

static gboolean
take_digits (const char **p, guint n, guint *value)
{
  *value = 0;
  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit ((*p)[i]))
        return FALSE;
      *value = *value * 10 + (guint)((*p)[i] - '0');
    }
  *p += n;
  return TRUE;
}

/* Reads 1 to @max digits. */
static gboolean
take_some_digits (const char **p, guint max, guint *value)
{
  guint n = 0;

  *value = 0;
  while (n < max && g_ascii_isdigit ((*p)[n]))
    {
      *value = *value * 10 + (guint)((*p)[n] - '0');
      n++;
    }
  *p += n;
  return n > 0;
}

typedef enum
{
  TIME_OK,
  TIME_BAD,     /* not a time in any form we read */
  TIME_OTHER,   /* not one of our forms: GLib's ISO 8601 reader may know it */
  TIME_NO_DATE, /* the date does not exist */
  TIME_NO_ZONE, /* no offset, and no zone to read it in */
  TIME_SKIPPED, /* a local time the clocks skip (daylight saving starts) */
} TimeParse;

/* A local wall-clock time (seconds as if it were UTC) in @zone, as UTC.
 * A time that occurs twice, when the clocks go back, is read as standard
 * time (the later one), as GDateTime does; a time the clocks skip when
 * they go forward does not exist. */
static TimeParse
local_to_utc (GTimeZone *zone, gint64 local, gint64 *utc)
{
  gint64 adjusted = local;
  int    interval = g_time_zone_adjust_time (zone, G_TIME_TYPE_STANDARD, &adjusted);

  if (interval < 0 || adjusted != local)
    return TIME_SKIPPED;
  *utc = local - g_time_zone_get_offset (zone, interval);
  return TIME_OK;
}

/* The forms a time is written in:
 *   2026-11-30T23:30:00Z, 2026-11-30T23:30:00.123+01:00 (an offset: what it says)
 *   2026-11-30T23:30:00, 2026-11-30 23:30, 2026-11-30 (local time in @zone)
 *   30.11.2026 23:30, 30.11.2026 23:30:15, 30.11.2026 (local time in @zone)
 * Seconds are optional; a date alone is its 00:00. */
static TimeParse
parse_time (const char *text, GTimeZone *zone, gint64 *usec)
{
  static const guint8 days_in_month[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  const char         *p = text;
  guint               y, mo, d, h = 0, mi = 0, s = 0, frac = 0, oh = 0, om = 0;
  int                 sign = 0;
  gboolean            has_offset = FALSE;
  gint64              local, utc;

  if (take_digits (&p, 4, &y) && *p == '-')
    {
      p++;
      if (!take_digits (&p, 2, &mo) || *p++ != '-' || !take_digits (&p, 2, &d))
        return TIME_OTHER; /* week or ordinal dates */
    }
  else
    {
      p = text;
      if (!take_some_digits (&p, 2, &d) || *p++ != '.' || !take_some_digits (&p, 2, &mo)
          || *p++ != '.' || !take_digits (&p, 4, &y))
        return TIME_BAD;
    }

  if (*p == 'T' || *p == 't' || *p == ' ')
    {
      p++;
      if (!take_digits (&p, 2, &h) || *p++ != ':' || !take_digits (&p, 2, &mi))
        return TIME_BAD;
      if (*p == ':')
        {
          p++;
          if (!take_digits (&p, 2, &s))
            return TIME_BAD;
          if (*p == '.')
            {
              guint n = 0;

              p++;
              while (g_ascii_isdigit (*p))
                {
                  if (n < 6)
                    frac = frac * 10 + (guint)(*p - '0');
                  n++;
                  p++;
                }
              if (n == 0)
                return TIME_BAD;
              for (; n < 6; n++)
                frac *= 10;
            }
        }
      if (*p == 'Z' || *p == 'z')
        {
          p++;
          has_offset = TRUE;
        }
      else if (*p == '+' || *p == '-')
        {
          sign = *p++ == '-' ? -1 : 1;
          if (!take_digits (&p, 2, &oh))
            return TIME_BAD;
          if (*p == ':')
            p++;
          if (!take_digits (&p, 2, &om))
            return TIME_BAD;
          has_offset = TRUE;
        }
    }

  if (*p != '\0' || h > 23 || mi > 59 || s > 59 || oh > 23 || om > 59)
    return TIME_BAD;
  if (mo < 1 || mo > 12 || d < 1 || d > days_in_month[mo - 1]
      || (mo == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))))
    return TIME_NO_DATE;

  local = days_from_civil (y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
  if (has_offset)
    utc = local - (gint64)sign * ((gint64)oh * 3600 + (gint64)om * 60);
  else if (zone == NULL)
    return TIME_NO_ZONE;
  else
    {
      TimeParse r = local_to_utc (zone, local, &utc);

      if (r != TIME_OK)
        return r;
    }
  *usec = utc * G_USEC_PER_SEC + frac;
  return TIME_OK;
}

static TimeParse
parse_any (const char *text, GTimeZone *zone, gint64 *usec)
{
  TimeParse r = parse_time (text, zone, usec);

  if (r == TIME_OTHER)
    {
      /* other ISO 8601 forms GLib knows (week dates, ordinal dates) */
      g_autoptr (GDateTime) dt = g_date_time_new_from_iso8601 (text, zone);

      if (dt == NULL)
        {
          g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
          g_autoptr (GDateTime) without
              = zone == NULL ? g_date_time_new_from_iso8601 (text, utc) : NULL;

          return without != NULL ? TIME_NO_ZONE : TIME_BAD;
        }
      *usec = _tandem_time_to_usec (dt);
      return TIME_OK;
    }
  return r;
}

/* @zone: (nullable): the zone of a time without an offset; NULL refuses one */
gboolean
_tandem_time_parse (const char *text, GTimeZone *zone, gint64 *usec)
{
  return parse_any (text, zone, usec) == TIME_OK;
}

/* Why @text is not a time: a date that does not exist is named as such. */
char *
_tandem_time_explain (const char *text, GTimeZone *zone)
{
  static const char *const months[] = {
    N_ ("January"),   N_ ("February"), N_ ("March"),    N_ ("April"),
    N_ ("May"),       N_ ("June"),     N_ ("July"),     N_ ("August"),
    N_ ("September"), N_ ("October"),  N_ ("November"), N_ ("December"),
  };
  const char *p = text;
  guint       y = 0, mo = 0, d = 0;
  gint64      usec;

  /* the date first, in either order of its parts */
  if ((take_digits (&p, 4, &y) && *p++ == '-' && take_digits (&p, 2, &mo)
       && (*p != '-' || (p++, take_digits (&p, 2, &d))))
      || ((p = text, take_some_digits (&p, 2, &d)) && *p++ == '.' && take_some_digits (&p, 2, &mo)
          && *p++ == '.' && take_digits (&p, 4, &y)))
    {
      if (mo < 1 || mo > 12)
        return g_strdup_printf (_ ("“%s” is not a date: there is no month %u"), text, mo);
      if (d != 0 || strchr (text, '.') != NULL)
        {
          guint n = g_date_get_days_in_month ((GDateMonth)mo, (GDateYear)MAX (y, 1));

          if (d < 1 || d > n)
            return g_strdup_printf (_ ("“%s” is not a date: %s %u has %u days"), text,
                                    _ (months[mo - 1]), y, n);
        }
    }

  switch (parse_any (text, zone, &usec))
    {
    case TIME_NO_ZONE:
      return g_strdup_printf (
          _ ("“%s” has no offset from UTC: add one, such as 2026-11-03T10:00:00Z"), text);
    case TIME_SKIPPED:
      return g_strdup_printf (_ ("“%s” does not exist in the time zone %s: the clocks go forward "
                                 "then"),
                              text, g_time_zone_get_identifier (zone));
    case TIME_OK:
    case TIME_BAD:
    case TIME_OTHER:
    case TIME_NO_DATE:
    default:
      return g_strdup_printf (
          _ ("“%s” is not a time such as 2026-11-03T10:00:00Z or 30.11.2026 23:30"), text);
    }
}

/**
 * tandem_time_parse:
 * @text: a time, such as `2026-11-03T10:00:00Z` or `30.11.2026 23:30`
 * @default_zone: (nullable): the zone of a time written without an offset,
 *   or %NULL to require an offset
 * @error: return location for a #GError
 *
 * Parses a time the way libtandem reads every time it is given (command
 * line, CSV and JSON files). A time with `Z` or an offset means what it
 * says. A time without one is local time in @default_zone; these are
 * read: `2026-11-30T23:30:00`, `2026-11-30 23:30` and `30.11.2026 23:30`
 * (seconds optional), and a date alone, `2026-11-30` or `30.11.2026`, is
 * 00:00 local time. A local time that occurs twice, when the clocks go
 * back, is read as standard time (the later of the two); one that the
 * clocks skip when they go forward is refused. Other ISO 8601 forms GLib
 * reads (week and ordinal dates) are taken too. A date that does not
 * exist, such as 2026-02-30, is refused with a message saying so.
 *
 * To read a time as the store does, pass [method@Tandem.Store.get_time_zone].
 *
 * Returns: (transfer full): the time, in UTC, or %NULL with
 *   %TANDEM_VALIDATION_ERROR_INVALID_VALUE
 *
 * Since: 1.0
 */
GDateTime *
tandem_time_parse (const char *text, GTimeZone *default_zone, GError **error)
{
  gint64 usec;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_tandem_time_parse (text, default_zone, &usec))
    {
      g_autofree char *why = _tandem_time_explain (text, default_zone);

      g_set_error_literal (error, TANDEM_VALIDATION_ERROR, TANDEM_VALIDATION_ERROR_INVALID_VALUE,
                           why);
      return NULL;
    }
  return _tandem_time_from_usec (usec);
}

char *
_tandem_time_format (gint64 usec)
{
  g_autoptr (GDateTime) dt = _tandem_time_from_usec (usec);

  return dt != NULL ? g_date_time_format_iso8601 (dt) : g_strdup ("");
}

/* ------------------------------------------------------------------ */
/* gint64 tables                                                       */

gboolean
_tandem_add_to_key (GHashTable *table, gint64 key, gint64 amount)
{
  gint64 *value = g_hash_table_lookup (table, &key);

  if (value == NULL)
    {
      value = g_new0 (gint64, 1);
      g_hash_table_insert (table, g_memdup2 (&key, sizeof key), value);
    }
  return _tandem_add_checked (value, amount);
}

int
_tandem_compare_int64 (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *)a;
  gint64 y = *(const gint64 *)b;

  return (x > y) - (x < y);
}

typedef struct
{
  TandemTaskFunc compute;
  gpointer       data;
  GDestroyNotify free_data;
} TaskData;

static void
task_data_free (gpointer p)
{
  TaskData *t = p;

  if (t->free_data != NULL)
    t->free_data (t->data);
  g_free (t);
}

static void
task_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  TaskData *t = task_data;
  GError   *error = NULL;
  gpointer  result;

  if (g_task_return_error_if_cancelled (task))
    return;
  result = t->compute (source, t->data, cancellable, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, g_object_unref);
}

void
_tandem_task_run (GTask *task, TandemTaskFunc compute, gpointer data, GDestroyNotify free_data)
{
  TaskData *t = g_new0 (TaskData, 1);

  t->compute = compute;
  t->data = data;
  t->free_data = free_data;
  g_task_set_task_data (task, t, task_data_free);
  g_task_run_in_thread (task, task_thread);
  g_object_unref (task);
}

gpointer
_tandem_task_finish (GAsyncResult *result, gpointer source_tag, GError **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
