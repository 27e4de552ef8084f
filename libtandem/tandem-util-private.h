/* SPDX-License-Identifier: LGPL-2.1-or-later */

#pragma once

#include <gio/gio.h>

#include "tandem-types.h"

G_BEGIN_DECLS

const char *_tandem_enum_to_nick (GType type, int value);
/* @what is a msgid (N_ ("role")), translated only for an error */
gboolean _tandem_enum_from_nick (GType       type,
                                 const char *what,
                                 const char *nick,
                                 int        *value,
                                 GError    **error);
void     _tandem_set_str (char **ptr, const char *value);
/* @word as a shell would need it in a command hint: as it is when it has
 * only letters, digits and ._-, else single-quoted. */
char    *_tandem_shell_word (const char *word);
gboolean _tandem_check_name (const char *what, const char *name, GError **error);
/* Checks a stored text: valid UTF-8, at most TANDEM_TEXT_MAX bytes, no
 * control characters (tabs and line breaks allowed when @multiline).
 * The error (TANDEM_VALIDATION_ERROR_INVALID_TEXT) names @what. */
gboolean _tandem_check_text (const char *what,
                             const char *text,
                             gboolean    multiline,
                             GError    **error);

/* The activity kinds for which @pred holds, as a bit mask (bit k for kind
 * k): SQL tests "(mask >> kind) & 1 = 1", so that which kinds count is decided
 * once, in C, and bound into every query. */
gint64 _tandem_activity_kinds_mask (gboolean (*pred) (TandemActivityKind kind));

/* FALSE with @domain/@code when [since, until) is empty or inverted. */
gboolean _tandem_check_window (GDateTime *since,
                               GDateTime *until,
                               GQuark     domain,
                               int        code,
                               GError   **error);

/* Sums of money are checked everywhere: an overflow is an error naming
 * what overflowed (TANDEM_MONEY_ERROR_OVERFLOW), never a wrong figure. */
static inline gboolean
_tandem_add_checked (gint64 *sum, gint64 value)
{
  return !__builtin_add_overflow (*sum, value, sum);
}

/* Sets TANDEM_MONEY_ERROR_OVERFLOW: "WHAT does not fit in 63 bits of minor
 * units"; returns FALSE. */
gboolean _tandem_overflow_error (GError **error, const char *format, ...) G_GNUC_PRINTF (2, 3);

/* GKeyFile keeps the last of two equal keys and merges two equal groups
 * silently: refuse both, naming the lines, in @domain/@code. */
gboolean _tandem_key_file_check_duplicates (const char *data,
                                            gsize       length,
                                            GQuark      domain,
                                            int         code,
                                            GError    **error);

G_END_DECLS

G_BEGIN_DECLS

/* Times cross the store boundary as microseconds since the epoch, UTC. */
gint64     _tandem_time_to_usec (GDateTime *time);
GDateTime *_tandem_time_from_usec (gint64 usec);
/* Parses a time as tandem_time_parse() does (an offset means what it
 * says; a time without one is local time in @zone, and refused when @zone
 * is NULL); fast for the canonical form. */
gboolean _tandem_time_parse (const char *text, GTimeZone *zone, gint64 *usec);
char    *_tandem_time_format (gint64 usec);
/* A message saying why @text is not a time ("2026-02-30 is not a date"). */
char *_tandem_time_explain (const char *text, GTimeZone *zone);

/* A computation run in a worker thread: returns a new object, or NULL
 * with @error set. */
typedef gpointer (*TandemTaskFunc) (gpointer      source,
                                    gpointer      data,
                                    GCancellable *cancellable,
                                    GError      **error);
/* Runs @compute (the task's source object, @data) in a worker thread of
 * @task, which takes @data (freed with @free_data) and returns what
 * @compute returned; takes @task. */
void _tandem_task_run (GTask         *task,
                       TandemTaskFunc compute,
                       gpointer       data,
                       GDestroyNotify free_data);
/* What the task of @result returned, checking it is a GTask tagged
 * @source_tag. */
gpointer _tandem_task_finish (GAsyncResult *result, gpointer source_tag, GError **error);

int _tandem_compare_int64 (gconstpointer a, gconstpointer b);
/* Adds @amount to the gint64 under @key in @table (gint64 keys and values,
 * g_free'd), making it when missing; FALSE on overflow. */
gboolean _tandem_add_to_key (GHashTable *table, gint64 key, gint64 amount);

G_END_DECLS
