/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-store-io.c: bulk import and export of activities (CSV, JSON).
 *
 * The rows come from the readers in io/ (CSV and JSON, which know no
 * store); here they are mapped onto fields (TandemImportOptions), checked
 * and written through the store's activity writer, so an imported row
 * obeys the same rules as a logged one. */

#include "config.h"

#include <inttypes.h>

#include "tandem-i18n-private.h"
#include <json-glib/json-glib.h>
#include <string.h>

#include "tandem-stage-rules-private.h"
#include "tandem-json-writer.h"
#include "tandem-store-internal-private.h"
#include "tandem-activity-private.h"
#include "tandem-currency-private.h"
#include "tandem-util-private.h"
#include "tandem-csv-private.h"
#include "tandem-import-options-private.h"
#include "tandem-json-reader-private.h"

/**
 * tandem_import_error_quark:
 *
 * The quark of the %TANDEM_IMPORT_ERROR domain.
 *
 * Returns: the error domain
 *
 * Since: 1.0
 */
/* clang-format off */
G_DEFINE_QUARK (tandem-import-error-quark, tandem_import_error)
/* clang-format on */

#define PROGRESS_EVERY 10000

/* A load that the file's size says is at least DEFER_MIN_ROWS rows
 * (counting more bytes a row than a bare CSV or JSON row takes), and at
 * least as many as are stored, lets the db build the account index
 * again after the rows instead of inserting into it row by row
 * (_tandem_db_defer_indexes). Below that the index is small and
 * cached, and rebuilding it would cost more than it saves. */
#define DEFER_MIN_ROWS 20000
#define DEFER_CSV_ROW_BYTES 64
#define DEFER_JSON_ROW_BYTES 128

typedef enum
{
  COL_REF,
  COL_AT,
  COL_ACCOUNT,
  COL_REP,
  COL_KIND,
  COL_AMOUNT,
  COL_REVERSES,
  COL_NOTE,
  COL_PAYS,
  COL_CURRENCY,
  COL_ACCOUNT_NUMBER,
  COL_PERSONNEL_NUMBER,
  COL_PRODUCT,
  COL_CATEGORY,
  COL_QUANTITY,
  COL_COST,
  N_COLS
} Column;

static const char *const column_names[N_COLS] = {
  "ref",      "at",       "account",  "rep",      "kind",           "amount",
  "reverses", "note",     "pays",     "currency", "account_number", "personnel_number",
  "product",  "category", "quantity", "cost",
};

typedef struct
{
  TandemStore          *store;
  TandemDb             *db;
  GHashTable           *accounts; /* id → GINT_TO_POINTER (1 + archived) */
  GHashTable           *reps;
  GHashTable           *ordered; /* ids of accounts that got an order */
  TandemActivityWriter *writer;
  guint64               line;
  const char           *fields[N_COLS];
  int                   csv_index[N_COLS]; /* CSV column of each field, or -1 */
  char                **json_strings;      /* owned copies for JSON numbers */
  guint                 n_columns;         /* CSV header width */
  guint64               inserted;
  guint64               skipped;
  gboolean              deferred;          /* the db dropped indexes to build later */
  GTimeZone            *zone;              /* the store's: times without an offset are local */
  TandemImportOptions  *options;           /* NULL: the field names are the headers */
  GHashTable           *account_numbers;   /* customer number → account id */
  GHashTable           *personnel_numbers; /* personnel number → rep id */
  gboolean              german;            /* a ';' file: amounts in German notation */
  GString              *amount;            /* the amount as canonical text */
} Importer;

static gboolean field_error (Importer   *imp,
                             Column      column,
                             int         code,
                             GError    **error,
                             const char *format,
                             ...) G_GNUC_PRINTF (5, 6);

static gboolean
field_error (Importer *imp, Column column, int code, GError **error, const char *format, ...)
{
  g_autofree char *what = NULL;
  va_list          args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, TANDEM_IMPORT_ERROR, code, "line %" PRIu64 ": %s: %s", imp->line,
               column_names[column], what);
  return FALSE;
}

static gboolean
parse_id (Importer   *imp,
          Column      column,
          GHashTable *known,
          const char *what,
          gint64     *id,
          GError    **error)
{
  const char *text = imp->fields[column];
  guint64     value;
  gpointer    state;

  if (text == NULL || *text == '\0')
    return field_error (imp, column, TANDEM_IMPORT_ERROR_INVALID_FIELD, error, _ ("missing id"));

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return field_error (imp, column, TANDEM_IMPORT_ERROR_INVALID_FIELD, error,
                        _ ("“%s” is not an id (a whole number from 1)"), text);

  state = g_hash_table_lookup (known, &value);
  if (state == NULL)
    return field_error (imp, column, TANDEM_IMPORT_ERROR_UNKNOWN_REFERENCE, error,
                        _ ("no %s with id %s"), what, text);
  if (GPOINTER_TO_INT (state) == 2)
    return field_error (imp, column, TANDEM_IMPORT_ERROR_INVALID_FIELD, error,
                        _ ("%s %s is archived"), what, text);

  *id = (gint64)value;
  return TRUE;
}

/* The id of the account or rep that @column names by its number. */
static gboolean
parse_number (Importer   *imp,
              Column      column,
              GHashTable *numbers,
              GHashTable *known,
              const char *what,
              gint64     *id,
              GError    **error)
{
  const char *text = imp->fields[column];
  gpointer    found;

  if (text == NULL || *text == '\0')
    return field_error (imp, column, TANDEM_IMPORT_ERROR_INVALID_FIELD, error,
                        _ ("missing number"));
  found = g_hash_table_lookup (numbers, text);
  if (found == NULL)
    return field_error (imp, column, TANDEM_IMPORT_ERROR_UNKNOWN_REFERENCE, error,
                        _ ("no %s with the number “%s”"), what, text);
  *id = *(gint64 *)found;
  if (GPOINTER_TO_INT (g_hash_table_lookup (known, id)) == 2)
    return field_error (imp, column, TANDEM_IMPORT_ERROR_INVALID_FIELD, error,
                        _ ("%s %s is archived"), what, text);
  return TRUE;
}

static gboolean
parse_kind (Importer *imp, TandemActivityKind *kind, GError **error)
{
  g_autoptr (GError) local_error = NULL;

  if (imp->fields[COL_KIND] == NULL && imp->options != NULL
      && tandem_import_options_get_kind (imp->options, kind))
    return TRUE;
  if (tandem_activity_kind_from_nick (imp->fields[COL_KIND], kind, &local_error))
    return TRUE;
  return field_error (imp, COL_KIND, TANDEM_IMPORT_ERROR_INVALID_FIELD, error, "%s",
                      local_error->message);
}

/* Loads what the rules need to know of a reversed (or paid) activity. */
static gboolean
load_reversed (Importer             *imp,
               Column                column,
               TandemActivityRecord *reversed,
               gint64               *id,
               GError              **error)
{
  const char *text = imp->fields[column];
  g_autoptr (GError) local_error = NULL;
  gint64 found;

  if (text[0] == '#')
    {
      guint64 value;

      if (!g_ascii_string_to_unsigned (text + 1, 10, 1, G_MAXINT64, &value, NULL))
        return field_error (imp, column, TANDEM_IMPORT_ERROR_INVALID_FIELD, error,
                            _ ("“%s” is not an activity id (#17) or reference"), text);
      found = (gint64)value;
    }
  else
    {
      found = _tandem_db_find_activity_by_ref (imp->db, text, error);
      if (found < 0)
        return FALSE;
    }

  if (found == 0 || !_tandem_db_load_activity (imp->db, found, reversed, &local_error))
    {
      if (local_error != NULL
          && !g_error_matches (local_error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      return column == COL_PAYS ? field_error (imp, column, TANDEM_IMPORT_ERROR_UNKNOWN_REFERENCE,
                                               error, _ ("no order “%s” to pay"), text)
                                : field_error (imp, column, TANDEM_IMPORT_ERROR_UNKNOWN_REFERENCE,
                                               error, _ ("no activity “%s” to reverse"), text);
    }

  *id = found;
  return TRUE;
}

static const Column field_columns[] = {
  [TANDEM_ACTIVITY_FIELD_REF] = COL_REF,
  [TANDEM_ACTIVITY_FIELD_AT] = COL_AT,
  [TANDEM_ACTIVITY_FIELD_ACCOUNT] = COL_ACCOUNT,
  [TANDEM_ACTIVITY_FIELD_AMOUNT] = COL_AMOUNT,
};

/* A refusal of the writer, named by the line of the row it refused. */
static gboolean
writer_error (Importer           *imp,
              guint64             line,
              TandemActivityField field,
              GError             *local_error,
              GError            **error)
{
  imp->line = line;
  if (field == TANDEM_ACTIVITY_FIELD_NONE)
    {
      g_propagate_prefixed_error (error, local_error, "line %" PRIu64 ": ", line);
      return FALSE;
    }
  field_error (imp, field_columns[field], TANDEM_IMPORT_ERROR_INVALID_FIELD, error, "%s",
               local_error->message);
  g_error_free (local_error);
  return FALSE;
}

/* Writes the queued rows; a refusal names its row. */
static gboolean
flush_rows (Importer *imp, GError **error)
{
  GError             *local_error = NULL;
  TandemActivityField field;
  guint64             line = imp->line;

  if (_tandem_activity_writer_flush (imp->writer, &line, &field, &local_error))
    return TRUE;
  return writer_error (imp, line, field, local_error, error);
}

static void
row_written (const TandemActivityRecord *record,
             gboolean                    inserted,
             guint64                     line,
             gpointer                    user_data)
{
  Importer *imp = user_data;

  if (inserted && tandem_activity_kind_is_commissionable (record->kind))
    g_hash_table_add (imp->ordered, g_memdup2 (&record->account_id, sizeof record->account_id));
  if (inserted)
    imp->inserted++;
  else
    imp->skipped++;
}

static gboolean
has_field (Importer *imp, Column column)
{
  return imp->fields[column] != NULL && imp->fields[column][0] != '\0';
}

/* The amount as canonical text in imp->amount: German notation in a ';'
 * file, the currency column after a bare number. */
static gboolean
canonical_amount (Importer *imp, GError **error)
{
  const char      *text = imp->fields[COL_AMOUNT];
  const char      *currency = has_field (imp, COL_CURRENCY) ? imp->fields[COL_CURRENCY] : NULL;
  g_autofree char *canonical = NULL;
  g_autoptr (GError) local_error = NULL;
  const char *end;

  if (imp->german)
    {
      canonical = _tandem_money_german_to_canonical (text, &local_error);
      if (canonical == NULL)
        return field_error (imp, COL_AMOUNT, TANDEM_IMPORT_ERROR_INVALID_FIELD, error, "%s",
                            local_error->message);
      text = canonical;
    }
  g_string_assign (imp->amount, text);
  g_strchomp (imp->amount->str);
  g_string_set_size (imp->amount, strlen (imp->amount->str));
  if (currency == NULL)
    return TRUE;

  /* a code after the number must agree with the currency column */
  end = imp->amount->str + imp->amount->len;
  if (imp->amount->len > 3 && g_ascii_isalpha (end[-1]) && g_ascii_isalpha (end[-2])
      && g_ascii_isalpha (end[-3]))
    {
      if (g_ascii_strcasecmp (end - 3, currency) != 0)
        return field_error (imp, COL_CURRENCY, TANDEM_IMPORT_ERROR_INVALID_FIELD, error,
                            _ ("“%s”, but the amount is “%s”"), currency, imp->fields[COL_AMOUNT]);
      return TRUE;
    }
  g_string_append_printf (imp->amount, " %s", currency);
  return TRUE;
}

/* What was sold: product and category as given, a quantity of at least
 * 1 (1 when left out), a cost like the amount (German notation in a ';'
 * file; a bare number is in the amount's currency). */
static gboolean
parse_sale (Importer *imp, TandemActivityRecord *record, GError **error)
{
  const char *text;

  record->product = (char *)(has_field (imp, COL_PRODUCT) ? imp->fields[COL_PRODUCT] : NULL);
  record->category = (char *)(has_field (imp, COL_CATEGORY) ? imp->fields[COL_CATEGORY] : NULL);
  record->quantity = 1;
  if (has_field (imp, COL_QUANTITY)
      && !g_ascii_string_to_signed (imp->fields[COL_QUANTITY], 10, 1, G_MAXINT32, &record->quantity,
                                    NULL))
    return field_error (imp, COL_QUANTITY, TANDEM_IMPORT_ERROR_INVALID_FIELD, error,
                        _ ("“%s”: must be a whole number of at least 1"),
                        imp->fields[COL_QUANTITY]);
  if (!has_field (imp, COL_COST))
    return TRUE;
  if (!record->has_amount)
    return field_error (imp, COL_COST, TANDEM_IMPORT_ERROR_INVALID_FIELD, error,
                        _ ("a cost without an amount"));
  text = imp->fields[COL_COST];
  {
    g_autofree char *canonical = NULL;
    g_autofree char *with_currency = NULL;
    g_autoptr (GError) local_error = NULL;
    char currency[4];

    if (imp->german && (canonical = _tandem_money_german_to_canonical (text, &local_error)) == NULL)
      return field_error (imp, COL_COST, TANDEM_IMPORT_ERROR_INVALID_FIELD, error, "%s",
                          local_error->message);
    text = canonical != NULL ? canonical : text;
    if (!g_ascii_isalpha (text[strlen (text) - 1]))
      text = with_currency = g_strdup_printf ("%s %s", text, record->currency);
    if (!_tandem_money_parse_parts (text, &record->cost_minor, currency, &local_error))
      return field_error (imp, COL_COST, TANDEM_IMPORT_ERROR_INVALID_FIELD, error, "%s",
                          local_error->message);
    if (strcmp (currency, record->currency) != 0 || record->cost_minor < 0)
      return field_error (imp, COL_COST, TANDEM_IMPORT_ERROR_INVALID_FIELD, error,
                          _ ("“%s”: must not be negative, in the amount’s currency (%s)"),
                          imp->fields[COL_COST], record->currency);
  }
  record->has_cost = TRUE;
  return TRUE;
}

/* The facts of @record that the activity's rules look at; they point
 * into @record. */
static void
facts_from_record (TandemActivityFacts *facts, const TandemActivityRecord *record)
{
  facts->id = record->id;
  facts->kind = record->kind;
  facts->has_amount = record->has_amount;
  facts->amount_minor = record->amount_minor;
  facts->currency = record->currency;
  facts->occurred_at = record->occurred_at;
  facts->product = record->product;
  facts->category = record->category;
  facts->quantity = MAX (record->quantity, 1);
  facts->has_cost = record->has_cost;
  facts->cost_minor = record->cost_minor;
  facts->cost_currency = record->currency;
}

static gboolean
import_row (Importer *imp, GError **error)
{
  TandemActivityRecord record = { 0 };
  TandemActivityRecord reversed = { 0 };
  TandemActivityFacts  facts = { 0 };
  TandemActivityFacts  reversed_facts = { 0 };
  g_autoptr (GError) local_error = NULL;
  TandemActivityKind  kind;
  TandemActivityField field;
  guint64             failed_line = imp->line;
  gboolean            ok;

  /* every field: UTF-8, within TANDEM_TEXT_MAX, no control characters
   * (notes may hold tabs and line breaks) */
  for (guint c = 0; c < N_COLS; c++)
    if (imp->fields[c] != NULL && !_tandem_check_text ("field", imp->fields[c], c == COL_NOTE, NULL)
        && !_tandem_check_text (_ ("field"), imp->fields[c], c == COL_NOTE, &local_error))
      return field_error (imp, c, TANDEM_IMPORT_ERROR_INVALID_FIELD, error, "%s",
                          local_error->message);

  if (imp->fields[COL_AT] == NULL
      || !_tandem_time_parse (imp->fields[COL_AT], imp->zone, &record.occurred_at))
    {
      g_autofree char *why
          = _tandem_time_explain (imp->fields[COL_AT] ? imp->fields[COL_AT] : "", imp->zone);

      return field_error (imp, COL_AT, TANDEM_IMPORT_ERROR_INVALID_FIELD, error, "%s", why);
    }

  if (!(has_field (imp, COL_ACCOUNT) || !has_field (imp, COL_ACCOUNT_NUMBER)
            ? parse_id (imp, COL_ACCOUNT, imp->accounts, _ ("account"), &record.account_id, error)
            : parse_number (imp, COL_ACCOUNT_NUMBER, imp->account_numbers, imp->accounts,
                            _ ("account"), &record.account_id, error))
      || !(has_field (imp, COL_REP) || !has_field (imp, COL_PERSONNEL_NUMBER)
               ? parse_id (imp, COL_REP, imp->reps, _ ("rep"), &record.rep_id, error)
               : parse_number (imp, COL_PERSONNEL_NUMBER, imp->personnel_numbers, imp->reps,
                               _ ("rep"), &record.rep_id, error))
      || !parse_kind (imp, &kind, error))
    return FALSE;
  record.kind = kind;

  if (has_field (imp, COL_AMOUNT))
    {
      if (!canonical_amount (imp, error)
          || !_tandem_money_parse_parts (imp->amount->str, &record.amount_minor, record.currency,
                                         &local_error))
        return local_error == NULL
                   ? FALSE
                   : field_error (imp, COL_AMOUNT, TANDEM_IMPORT_ERROR_INVALID_FIELD, error, "%s",
                                  local_error->message);
      record.has_amount = TRUE;
    }
  else if (has_field (imp, COL_CURRENCY))
    return field_error (imp, COL_CURRENCY, TANDEM_IMPORT_ERROR_INVALID_FIELD, error,
                        _ ("a currency without an amount"));

  if (!parse_sale (imp, &record, error))
    return FALSE;
  facts_from_record (&facts, &record);

  if (has_field (imp, COL_REVERSES) && has_field (imp, COL_PAYS))
    return field_error (imp, COL_PAYS, TANDEM_IMPORT_ERROR_INVALID_FIELD, error,
                        _ ("a row either reverses or pays an activity, not both"));
  if (has_field (imp, COL_REVERSES) || has_field (imp, COL_PAYS))
    {
      Column column = has_field (imp, COL_PAYS) ? COL_PAYS : COL_REVERSES;

      /* a reversal without an amount takes back all of it; what it
       * reverses or pays may still be queued */
      if (column == COL_PAYS && kind != TANDEM_ACTIVITY_KIND_PAYMENT)
        return field_error (imp, COL_PAYS, TANDEM_IMPORT_ERROR_INVALID_FIELD, error,
                            _ ("only a payment pays an order, not an activity of kind “%s”"),
                            tandem_activity_kind_to_nick (kind));
      if (column == COL_REVERSES && kind == TANDEM_ACTIVITY_KIND_PAYMENT)
        return field_error (imp, COL_REVERSES, TANDEM_IMPORT_ERROR_INVALID_FIELD, error,
                            _ ("a payment names the order it pays in the column “pays”"));
      if (!flush_rows (imp, error))
        return FALSE;
      if (!load_reversed (imp, column, &reversed, &record.reverses_id, error))
        return FALSE;
      facts_from_record (&reversed_facts, &reversed);
      if (!record.has_amount && reversed.has_amount && kind == TANDEM_ACTIVITY_KIND_REVERSAL)
        {
          record.has_amount = facts.has_amount = TRUE;
          record.amount_minor = facts.amount_minor = reversed.amount_minor;
          memcpy (record.currency, reversed.currency, 4);
        }
    }

  ok = _tandem_activity_check_facts (&facts, record.reverses_id ? &reversed_facts : NULL,
                                     reversed.account_id == record.account_id, &local_error);
  _tandem_activity_record_clear (&reversed);
  if (!ok)
    {
      Column column = local_error->code == TANDEM_VALIDATION_ERROR_INVALID_REVERSAL
                          ? (kind == TANDEM_ACTIVITY_KIND_PAYMENT ? COL_PAYS : COL_REVERSES)
                      : local_error->code == TANDEM_VALIDATION_ERROR_INVALID_VALUE ? COL_KIND
                                                                                   : COL_AMOUNT;

      return field_error (imp, column, TANDEM_IMPORT_ERROR_INVALID_FIELD, error, "%s",
                          local_error->message);
    }

  record.external_ref
      = (char *)(imp->fields[COL_REF] && imp->fields[COL_REF][0] ? imp->fields[COL_REF] : NULL);
  record.note
      = (char *)(imp->fields[COL_NOTE] && imp->fields[COL_NOTE][0] ? imp->fields[COL_NOTE] : NULL);

  if (!_tandem_activity_writer_queue (imp->writer, &record, imp->line, &failed_line, &field,
                                      &local_error))
    return writer_error (imp, failed_line, field, g_steal_pointer (&local_error), error);
  return TRUE;
}

static GHashTable *
load_id_set (GArray *records, gsize record_size, gsize archived_offset)
{
  GHashTable *set = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; i < records->len; i++)
    {
      const guint8 *r = (const guint8 *)records->data + i * record_size;
      gint64       *key = g_new (gint64, 1);
      gboolean      archived;

      memcpy (key, r, sizeof (gint64)); /* every record starts with its id */
      memcpy (&archived, r + archived_offset, sizeof archived);
      g_hash_table_insert (set, key, GINT_TO_POINTER (archived ? 2 : 1));
    }

  return set;
}

/* The column of a field name (NULL: none) */
static int
column_of (const char *field)
{
  for (guint c = 0; field != NULL && c < N_COLS; c++)
    if (strcmp (field, column_names[c]) == 0)
      return (int)c;
  return -1;
}

/* The fields every file needs, by the columns it has (1: present). */
static gboolean
check_required (Importer *imp, const gboolean *present, GError **error)
{
  static const struct
  {
    Column column, instead;
  } needs[] = {
    { COL_AT, N_COLS },
    { COL_ACCOUNT, COL_ACCOUNT_NUMBER },
    { COL_REP, COL_PERSONNEL_NUMBER },
    { COL_KIND, N_COLS },
  };

  for (guint i = 0; i < G_N_ELEMENTS (needs); i++)
    {
      Column c = needs[i].column;

      if (present[c] || (needs[i].instead != N_COLS && present[needs[i].instead])
          || (c == COL_KIND && imp->options != NULL
              && tandem_import_options_get_kind (imp->options, NULL)))
        continue;
      if (needs[i].instead != N_COLS)
        g_set_error (error, TANDEM_IMPORT_ERROR, TANDEM_IMPORT_ERROR_MISSING_COLUMN,
                     _ ("line %" PRIu64 ": the header has no “%s” or “%s” column"), imp->line,
                     column_names[c], column_names[needs[i].instead]);
      else if (c == COL_KIND)
        g_set_error (error, TANDEM_IMPORT_ERROR, TANDEM_IMPORT_ERROR_MISSING_COLUMN,
                     _ ("line %" PRIu64 ": the header has no “kind” column (give the kind of "
                        "every row with --kind KIND)"),
                     imp->line);
      else
        g_set_error (error, TANDEM_IMPORT_ERROR, TANDEM_IMPORT_ERROR_MISSING_COLUMN,
                     _ ("line %" PRIu64 ": the header has no “%s” column"), imp->line,
                     column_names[c]);
      return FALSE;
    }
  return TRUE;
}

static gboolean
map_csv_header (Importer *imp, GPtrArray *header, GError **error)
{
  gboolean present[N_COLS] = { FALSE };

  for (guint c = 0; c < N_COLS; c++)
    imp->csv_index[c] = -1;
  imp->n_columns = header->len;

  for (guint i = 0; i < header->len; i++)
    {
      const char *name = header->pdata[i];
      int         c = column_of (_tandem_import_options_field_for (imp->options, name));

      if (c < 0)
        {
          g_autofree char *known = NULL;

          /* a file mapped with columns may carry columns of its own */
          if (_tandem_import_options_has_mapping (imp->options))
            continue;
          known = g_strjoinv (", ", (char **)_tandem_import_fields);
          g_set_error (error, TANDEM_IMPORT_ERROR, TANDEM_IMPORT_ERROR_SYNTAX,
                       _ ("line %" PRIu64 ": unknown column “%s” (expected %s; map other headers "
                          "with --columns FIELD=HEADER)"),
                       imp->line, name, known);
          return FALSE;
        }
      if (imp->csv_index[c] >= 0)
        {
          g_set_error (error, TANDEM_IMPORT_ERROR, TANDEM_IMPORT_ERROR_SYNTAX,
                       _ ("line %" PRIu64 ": column “%s” appears twice"), imp->line, name);
          return FALSE;
        }
      imp->csv_index[c] = (int)i;
      present[c] = TRUE;
    }

  return check_required (imp, present, error);
}

/* json_strings has N_COLS slots, any of which may be NULL: g_strfreev
 * would stop at the first empty one. */
static void
clear_json_strings (Importer *imp)
{
  if (imp->json_strings == NULL)
    return;
  for (guint c = 0; c < N_COLS; c++)
    g_free (imp->json_strings[c]);
  g_clear_pointer (&imp->json_strings, g_free);
}

static gboolean
fields_from_json (Importer *imp, JsonObject *object, GError **error)
{
  g_autoptr (GList) members = json_object_get_members (object);

  clear_json_strings (imp);
  imp->json_strings = g_new0 (char *, N_COLS);
  memset (imp->fields, 0, sizeof imp->fields);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode   *node = json_object_get_member (object, name);
      int         column = column_of (_tandem_import_options_field_for (imp->options, name));

      if (column < 0)
        {
          g_autofree char *known = NULL;

          if (_tandem_import_options_has_mapping (imp->options))
            continue;
          known = g_strjoinv (", ", (char **)_tandem_import_fields);
          g_set_error (error, TANDEM_IMPORT_ERROR, TANDEM_IMPORT_ERROR_SYNTAX,
                       _ ("line %" PRIu64 ": unknown key “%s” (expected %s)"), imp->line, name,
                       known);
          return FALSE;
        }

      if (JSON_NODE_HOLDS_NULL (node))
        continue;

      if (!JSON_NODE_HOLDS_VALUE (node))
        return field_error (imp, column, TANDEM_IMPORT_ERROR_INVALID_FIELD, error,
                            _ ("must be a string or a number"));

      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          imp->json_strings[column] = g_strdup (json_node_get_string (node));
          break;

        case G_TYPE_INT64:
          if (column == COL_AMOUNT)
            return field_error (imp, column, TANDEM_IMPORT_ERROR_INVALID_FIELD, error,
                                _ ("must be a string such as \"1200.00 EUR\", not a number"));
          imp->json_strings[column] = g_strdup_printf ("%" PRId64, json_node_get_int (node));
          break;

        default:
          return field_error (imp, column, TANDEM_IMPORT_ERROR_INVALID_FIELD, error,
                              column == COL_AMOUNT
                                  ? _ ("must be a string such as \"1200.00 EUR\", not a number")
                                  : _ ("must be a string or a whole number"));
        }
      imp->fields[column] = imp->json_strings[column];
    }

  {
    gboolean present[N_COLS];

    for (guint c = 0; c < N_COLS; c++)
      present[c] = imp->fields[c] != NULL;
    if (!present[COL_AT] || (!present[COL_ACCOUNT] && !present[COL_ACCOUNT_NUMBER])
        || (!present[COL_REP] && !present[COL_PERSONNEL_NUMBER])
        || (!present[COL_KIND]
            && !(imp->options != NULL && tandem_import_options_get_kind (imp->options, NULL))))
      {
        Column c = !present[COL_AT]                                        ? COL_AT
                   : !present[COL_ACCOUNT] && !present[COL_ACCOUNT_NUMBER] ? COL_ACCOUNT
                   : !present[COL_REP] && !present[COL_PERSONNEL_NUMBER]   ? COL_REP
                                                                           : COL_KIND;

        return field_error (imp, c, TANDEM_IMPORT_ERROR_MISSING_COLUMN, error, _ ("missing"));
      }
  }
  return TRUE;
}

static int
compare_ids (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *)a, y = *(const gint64 *)b;

  return (x > y) - (x < y);
}

static guint64
stream_size (GInputStream *stream)
{
  g_autoptr (GFileInfo) info = NULL;

  if (!G_IS_FILE_INPUT_STREAM (stream))
    return 0;
  info = g_file_input_stream_query_info (G_FILE_INPUT_STREAM (stream),
                                         G_FILE_ATTRIBUTE_STANDARD_SIZE, NULL, NULL);
  return info != NULL ? (guint64)g_file_info_get_size (info) : 0;
}

/* number → id of the records that have one (@number_offset: their
 * char * number, @archived_offset's flag is looked up in the id set). */
static GHashTable *
load_number_map (GArray *records, gsize record_size, gsize number_offset)
{
  GHashTable *map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < records->len; i++)
    {
      const guint8 *r = (const guint8 *)records->data + i * record_size;
      const char   *number;

      memcpy (&number, r + number_offset, sizeof number);
      if (number != NULL)
        g_hash_table_insert (map, g_strdup (number), g_memdup2 (r, sizeof (gint64)));
    }
  return map;
}

gboolean
_tandem_store_import (TandemStore         *self,
                      GInputStream        *stream,
                      TandemDataFormat     format,
                      TandemImportOptions *options,
                      GMainContext        *progress_context,
                      GCancellable        *cancellable,
                      guint64             *inserted_out,
                      guint64             *skipped_out,
                      char               **encoding_out,
                      GArray              *changes,
                      GError             **error)
{
  g_autoptr (TandemCsvReader) csv = NULL;
  g_autoptr (TandemJsonReader) json = NULL;
  g_autoptr (GArray) accounts = NULL;
  g_autoptr (GArray) reps = NULL;
  Importer imp = { 0 };
  guint64  inserted = 0;
  guint64  skipped = 0;
  guint64  rows = 0;
  guint64  total_bytes = stream_size (stream);
  gboolean ok = FALSE;

  _tandem_store_lock (self);

  imp.store = self;
  imp.options = options;
  imp.amount = g_string_new (NULL);
  imp.db = _tandem_store_get_db (self);
  imp.ordered = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  if (_tandem_db_is_read_only (imp.db))
    {
      g_set_error (error, TANDEM_STORE_ERROR, TANDEM_STORE_ERROR_READ_ONLY,
                   _ ("The store is open read-only"));
      goto out;
    }

  imp.zone = _tandem_store_load_time_zone (imp.db, error);
  if (imp.zone == NULL)
    goto out;
  accounts = _tandem_db_list_accounts (imp.db, error);
  if (accounts == NULL)
    goto out;
  reps = _tandem_db_list_reps (imp.db, error);
  if (reps == NULL)
    goto out;
  imp.accounts = load_id_set (accounts, sizeof (TandemAccountRecord),
                              G_STRUCT_OFFSET (TandemAccountRecord, archived));
  imp.reps
      = load_id_set (reps, sizeof (TandemRepRecord), G_STRUCT_OFFSET (TandemRepRecord, archived));
  imp.account_numbers = load_number_map (accounts, sizeof (TandemAccountRecord),
                                         G_STRUCT_OFFSET (TandemAccountRecord, number));
  imp.personnel_numbers = load_number_map (reps, sizeof (TandemRepRecord),
                                           G_STRUCT_OFFSET (TandemRepRecord, personnel_number));

  if (format == TANDEM_DATA_FORMAT_CSV)
    {
      GPtrArray *header;

      csv = _tandem_csv_reader_new (stream);
      if (!_tandem_csv_reader_next (csv, &header, cancellable, error))
        {
          if (header == NULL && error != NULL && *error == NULL)
            g_set_error (error, TANDEM_IMPORT_ERROR, TANDEM_IMPORT_ERROR_MISSING_COLUMN,
                         _ ("line 1: the file is empty; expected a header such as "
                            "ref,at,account,rep,kind,amount"));
          goto out;
        }
      imp.line = _tandem_csv_reader_get_line (csv);
      imp.german = _tandem_csv_reader_get_separator (csv) == ';';
      if (!map_csv_header (&imp, header, error))
        goto out;
    }
  else
    json = _tandem_json_reader_new (stream);

  /* before the transaction: SQLite changes temporary storage only outside one */
  _tandem_db_set_bulk (imp.db, TRUE);
  if (!_tandem_db_begin_import (imp.db, error))
    goto out;
  /* closed periods and stored rows are read inside the transaction */
  imp.writer = _tandem_activity_writer_new (self, TRUE, error);
  if (imp.writer == NULL)
    goto rollback;
  _tandem_activity_writer_set_written_func (imp.writer, row_written, &imp);
  {
    guint64 estimate = total_bytes / (csv != NULL ? DEFER_CSV_ROW_BYTES : DEFER_JSON_ROW_BYTES);

    if (estimate >= DEFER_MIN_ROWS)
      {
        gint64 stored = _tandem_db_max_activity_id (imp.db, error);

        if (stored < 0
            || (estimate >= (guint64)stored
                && !_tandem_db_defer_indexes (imp.db, TRUE, &imp.deferred, error)))
          goto rollback;
      }
  }

  for (;;)
    {
      if (csv != NULL)
        {
          GPtrArray *fields;

          if (!_tandem_csv_reader_next (csv, &fields, cancellable, error))
            {
              if (fields == NULL && (error == NULL || *error == NULL))
                break;
              goto rollback;
            }
          imp.line = _tandem_csv_reader_get_line (csv);
          for (guint c = 0; c < N_COLS; c++)
            {
              int i = imp.csv_index[c];

              imp.fields[c] = (i >= 0 && (guint)i < fields->len) ? fields->pdata[i] : NULL;
            }
          if (fields->len != imp.n_columns)
            {
              g_set_error (error, TANDEM_IMPORT_ERROR, TANDEM_IMPORT_ERROR_SYNTAX,
                           _ ("line %" PRIu64 ": %u fields, but the header has %u"), imp.line,
                           fields->len, imp.n_columns);
              goto rollback;
            }
        }
      else
        {
          JsonObject *object;

          if (!_tandem_json_reader_next (json, &object, cancellable, error))
            {
              if (object == NULL && (error == NULL || *error == NULL))
                break;
              goto rollback;
            }
          imp.line = _tandem_json_reader_get_line (json);
          if (!fields_from_json (&imp, object, error))
            goto rollback;
        }

      if (!import_row (&imp, error))
        {
          /* a refusal of an earlier, queued row comes first */
          guint64             line;
          TandemActivityField field;
          g_autoptr (GError) earlier = NULL;

          if (!_tandem_activity_writer_flush (imp.writer, &line, &field, &earlier))
            {
              if (error != NULL)
                g_clear_error (error);
              writer_error (&imp, line, field, g_steal_pointer (&earlier), error);
            }
          goto rollback;
        }

      if (++rows % PROGRESS_EVERY == 0)
        {
          guint64 done_bytes = csv ? _tandem_csv_reader_get_bytes_read (csv)
                                   : _tandem_json_reader_get_bytes_read (json);
          guint64 estimate
              = total_bytes > 0 && done_bytes > 0 ? rows * total_bytes / done_bytes : 0;

          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            goto rollback;
          _tandem_store_report_progress (self, progress_context, "import", rows,
                                         MAX (estimate, rows));
        }
    }

  if (!flush_rows (&imp, error))
    goto rollback;
  /* before the lifecycle, which reads the orders of each account */
  if (imp.deferred && !_tandem_db_defer_indexes (imp.db, FALSE, &imp.deferred, error))
    goto rollback;
  inserted = imp.inserted;
  skipped = imp.skipped;

  /* what follows orders (the account lifecycle), once per account */
  {
    g_autoptr (GArray) ids
        = g_array_sized_new (FALSE, FALSE, sizeof (gint64), g_hash_table_size (imp.ordered));
    GHashTableIter iter;
    gpointer       key;

    g_hash_table_iter_init (&iter, imp.ordered);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_array_append_val (ids, *(gint64 *)key);
    g_array_sort (ids, compare_ids);
    if (!_tandem_stage_rules_after_orders (imp.db, (const gint64 *)(void *)ids->data, ids->len,
                                           changes, error))
      goto rollback;
  }

  /* one audit entry for the whole import, not one per row */
  {
    g_autofree char *what = g_strdup_printf (
        "%" G_GUINT64_FORMAT " activities imported, %" G_GUINT64_FORMAT " already stored",
        (guint64)inserted, (guint64)skipped);

    if (!_tandem_store_append_audit (self, imp.db, "import", what, error))
      goto rollback;
  }

  if (!_tandem_db_commit (imp.db, error))
    goto out;

  _tandem_store_report_progress (self, progress_context, "import", rows, rows);
  ok = TRUE;
  goto out;

rollback:
  _tandem_db_rollback (imp.db);
  inserted = skipped = 0;
  g_array_set_size (changes, 0);

out:
  _tandem_db_set_bulk (imp.db, FALSE);
  g_clear_pointer (&imp.accounts, g_hash_table_unref);
  g_clear_pointer (&imp.reps, g_hash_table_unref);
  g_clear_pointer (&imp.ordered, g_hash_table_unref);
  g_clear_pointer (&imp.zone, g_time_zone_unref);
  g_clear_pointer (&imp.account_numbers, g_hash_table_unref);
  g_clear_pointer (&imp.personnel_numbers, g_hash_table_unref);
  if (imp.amount != NULL)
    g_string_free (imp.amount, TRUE);
  if (encoding_out != NULL)
    *encoding_out = g_strdup (
        csv != NULL && _tandem_csv_reader_get_encoding (csv) == TANDEM_CSV_ENCODING_WINDOWS_1252
            ? "Windows-1252"
            : "UTF-8");
  g_clear_pointer (&imp.writer, _tandem_activity_writer_free);
  clear_json_strings (&imp);
  _tandem_store_unlock (self);

  if (inserted_out != NULL)
    *inserted_out = inserted;
  if (skipped_out != NULL)
    *skipped_out = skipped;
  return ok;
}

/* ------------------------------------------------------------------ */
/* Export                                                              */

static gboolean
flush (GOutputStream *stream,
       GString       *buffer,
       gsize          threshold,
       GCancellable  *cancellable,
       GError       **error)
{
  if (buffer->len < threshold)
    return TRUE;

  if (!g_output_stream_write_all (stream, buffer->str, buffer->len, NULL, cancellable, error))
    return FALSE;
  g_string_truncate (buffer, 0);
  return TRUE;
}

static char *
reverses_text (TandemDb *db, gint64 id, GError **error)
{
  TandemActivityRecord reversed = { 0 };
  char                *text;

  if (!_tandem_db_load_activity (db, id, &reversed, error))
    return NULL;

  text = reversed.external_ref != NULL ? g_strdup (reversed.external_ref)
                                       : g_strdup_printf ("#%" PRId64, id);
  _tandem_activity_record_clear (&reversed);
  return text;
}

static char *
amount_text (const TandemActivityRecord *record)
{
  g_autoptr (TandemMoney) money = NULL;

  if (!record->has_amount)
    return NULL;
  money = tandem_money_new (record->amount_minor, record->currency);
  return money != NULL ? tandem_money_to_string (money) : NULL;
}

static void
append_csv_row (GString                    *out,
                const TandemActivityRecord *record,
                const char                 *reverses,
                const char                 *pays)
{
  g_autofree char *at = _tandem_time_format (record->occurred_at);
  g_autofree char *amount = amount_text (record);

  _tandem_csv_append_field (out, record->external_ref);
  g_string_append_c (out, ',');
  _tandem_csv_append_field (out, at);
  g_string_append_printf (out, ",%" PRId64 ",%" PRId64 ",%s,", record->account_id, record->rep_id,
                          tandem_activity_kind_to_nick (record->kind));
  _tandem_csv_append_field (out, amount);
  g_string_append_c (out, ',');
  _tandem_csv_append_field (out, reverses);
  g_string_append_c (out, ',');
  _tandem_csv_append_field (out, record->note);
  g_string_append_c (out, ',');
  _tandem_csv_append_field (out, pays);
  g_string_append_c (out, ',');
  _tandem_csv_append_field (out, record->product);
  g_string_append_c (out, ',');
  _tandem_csv_append_field (out, record->category);
  if (record->quantity > 1)
    g_string_append_printf (out, ",%" PRId64 ",", record->quantity);
  else
    g_string_append (out, ",,");
  if (record->has_cost)
    {
      g_autoptr (TandemMoney) cost = tandem_money_new (record->cost_minor, record->currency);
      g_autofree char *text = tandem_money_to_string (cost);

      _tandem_csv_append_field (out, text);
    }
  g_string_append (out, "\r\n");
}

static void
write_json_row (TandemJsonWriter           *w,
                const TandemActivityRecord *record,
                const char                 *reverses,
                const char                 *pays)
{
  g_autofree char *at = _tandem_time_format (record->occurred_at);
  g_autofree char *amount = amount_text (record);

  tandem_json_writer_begin_object (w);
  tandem_json_writer_member (w, "ref");
  tandem_json_writer_add_string (w, record->external_ref);
  tandem_json_writer_member (w, "at");
  tandem_json_writer_add_string (w, at);
  tandem_json_writer_member (w, "account");
  tandem_json_writer_add_int (w, record->account_id);
  tandem_json_writer_member (w, "rep");
  tandem_json_writer_add_int (w, record->rep_id);
  tandem_json_writer_member (w, "kind");
  tandem_json_writer_add_string (w, tandem_activity_kind_to_nick (record->kind));
  tandem_json_writer_member (w, "amount");
  tandem_json_writer_add_string (w, amount);
  if (reverses != NULL)
    {
      tandem_json_writer_member (w, "reverses");
      tandem_json_writer_add_string (w, reverses);
    }
  if (record->note != NULL)
    {
      tandem_json_writer_member (w, "note");
      tandem_json_writer_add_string (w, record->note);
    }
  if (pays != NULL)
    {
      tandem_json_writer_member (w, "pays");
      tandem_json_writer_add_string (w, pays);
    }
  if (record->product != NULL)
    {
      tandem_json_writer_member (w, "product");
      tandem_json_writer_add_string (w, record->product);
    }
  if (record->category != NULL)
    {
      tandem_json_writer_member (w, "category");
      tandem_json_writer_add_string (w, record->category);
    }
  if (record->quantity > 1)
    {
      tandem_json_writer_member (w, "quantity");
      tandem_json_writer_add_int (w, record->quantity);
    }
  if (record->has_cost)
    {
      g_autoptr (TandemMoney) cost = tandem_money_new (record->cost_minor, record->currency);
      g_autofree char *text = tandem_money_to_string (cost);

      tandem_json_writer_member (w, "cost");
      tandem_json_writer_add_string (w, text);
    }
  tandem_json_writer_end_object (w);
}

/**
 * tandem_store_export_activities:
 * @self: a `TandemStore`
 * @stream: where to write
 * @format: CSV or JSON
 * @filter: (nullable): which activities, or %NULL for all
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes activities in time order in the format that
 * [method@Tandem.Store.import_activities] reads, so that an export
 * imported into an empty store with the same reps and accounts gives the
 * same activities. CSV has a header row and CRLF line ends (RFC 4180);
 * JSON is an array of objects, written by a [class@Tandem.JsonWriter].
 * The store is read page by page.
 *
 * Returns: %TRUE on success
 *
 * Since: 1.0
 */
gboolean
tandem_store_export_activities (TandemStore          *self,
                                GOutputStream        *stream,
                                TandemDataFormat      format,
                                TandemActivityFilter *filter,
                                GCancellable         *cancellable,
                                GError              **error)
{
  g_autoptr (GString) out = g_string_sized_new (128 * 1024);
  g_autoptr (GArray) records = g_array_new (FALSE, TRUE, sizeof (TandemActivityRecord));
  g_autoptr (TandemJsonWriter) json = NULL;
  TandemActivityScan scan;
  TandemScanKey      key = { 0, 0 };
  TandemDb          *db;
  gboolean           ok = FALSE;
  guint64            done = 0;

  g_return_val_if_fail (TANDEM_IS_STORE (self), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (filter == NULL || TANDEM_IS_ACTIVITY_FILTER (filter), FALSE);

  g_array_set_clear_func (records, (GDestroyNotify)_tandem_activity_record_clear);

  _tandem_store_lock (self);
  db = _tandem_store_get_db (self);
  _tandem_store_scan_from_filter (self, filter, &scan);
  scan.max_id = _tandem_db_max_activity_id (db, error);
  if (scan.max_id < 0)
    goto out;
  if (scan.max_id == 0)
    scan.max_id = 1;

  if (format == TANDEM_DATA_FORMAT_CSV)
    g_string_append (
        out,
        "ref,at,account,rep,kind,amount,reverses,note,pays,product,category,quantity,cost\r\n");
  else
    {
      json = tandem_json_writer_new (stream, cancellable);
      tandem_json_writer_begin_array (json);
    }

  for (;;)
    {
      g_array_set_size (records, 0);
      if (!_tandem_db_scan_activities (db, &scan, done > 0 ? &key : NULL, 0, 1024, records, error))
        goto out;
      if (records->len == 0)
        break;

      for (guint i = 0; i < records->len; i++)
        {
          const TandemActivityRecord *r = &g_array_index (records, TandemActivityRecord, i);
          g_autofree char            *reverses = NULL;
          gboolean                    payment = r->kind == TANDEM_ACTIVITY_KIND_PAYMENT;

          if (r->reverses_id > 0 && (reverses = reverses_text (db, r->reverses_id, error)) == NULL)
            goto out;

          if (format == TANDEM_DATA_FORMAT_CSV)
            append_csv_row (out, r, payment ? NULL : reverses, payment ? reverses : NULL);
          else
            write_json_row (json, r, payment ? NULL : reverses, payment ? reverses : NULL);
          done++;
        }

      key.occurred_at = g_array_index (records, TandemActivityRecord, records->len - 1).occurred_at;
      key.id = g_array_index (records, TandemActivityRecord, records->len - 1).id;

      if (json != NULL ? !tandem_json_writer_flush (json, error)
                       : !flush (stream, out, 64 * 1024, cancellable, error))
        goto out;
      _tandem_store_report_progress (self, NULL, "export", done, 0);
    }

  if (json != NULL)
    {
      tandem_json_writer_end_array (json);
      g_string_append_c (out, '\n');
      if (!tandem_json_writer_finish (json, error))
        goto out;
    }
  ok = flush (stream, out, 0, cancellable, error);

out:
  _tandem_store_unlock (self);
  return ok;
}
