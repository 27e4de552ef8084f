/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* tandem-schema.c: the SQLite schema as ordered forward migrations.
 *
 * Migration N (1-based) takes a database from user_version N-1 to N. Each
 * runs in its own transaction. Never edit a migration that has shipped:
 * add a new one. Money is INTEGER minor units plus a TEXT currency code;
 * times are INTEGER microseconds since the epoch, UTC. */

#include "config.h"

#include "tandem-schema-private.h"

const char *const _tandem_schema_migrations[] = {
  /* 1: reps, tandems with membership history, accounts with stage history,
   *    activities */
  "CREATE TABLE rep ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL CHECK (length (trim (name)) > 0),"
  "  role INTEGER NOT NULL CHECK (role BETWEEN 0 AND 2),"
  "  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))"
  ");"
  "CREATE TABLE team ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL CHECK (length (trim (name)) > 0),"
  "  inside_share INTEGER NOT NULL DEFAULT -1 CHECK (inside_share BETWEEN -1 AND 10000),"
  "  target_minor INTEGER CHECK (typeof (target_minor) IN ('integer', 'null')),"
  "  target_currency TEXT CHECK (target_currency IS NULL OR length (target_currency) = 3),"
  "  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),"
  "  CHECK ((target_minor IS NULL) = (target_currency IS NULL))"
  ");"
  "CREATE TABLE team_member ("
  "  id INTEGER PRIMARY KEY,"
  "  team_id INTEGER NOT NULL REFERENCES team (id),"
  "  inside_rep_id INTEGER NOT NULL REFERENCES rep (id),"
  "  field_rep_id INTEGER NOT NULL REFERENCES rep (id),"
  "  valid_from INTEGER NOT NULL,"
  "  valid_until INTEGER CHECK (valid_until IS NULL OR valid_until >= valid_from)"
  ");"
  "CREATE INDEX team_member_team ON team_member (team_id, valid_from);"
  "CREATE TABLE account ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL CHECK (length (trim (name)) > 0),"
  "  team_id INTEGER REFERENCES team (id),"
  "  category INTEGER NOT NULL DEFAULT 2 CHECK (category BETWEEN 0 AND 3),"
  "  stage INTEGER NOT NULL DEFAULT 0 CHECK (stage BETWEEN 0 AND 3),"
  "  referred_by INTEGER REFERENCES account (id),"
  "  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))"
  ");"
  "CREATE INDEX account_team ON account (team_id);"
  "CREATE TABLE account_stage ("
  "  id INTEGER PRIMARY KEY,"
  "  account_id INTEGER NOT NULL REFERENCES account (id),"
  "  stage INTEGER NOT NULL CHECK (stage BETWEEN 0 AND 3),"
  "  changed_at INTEGER NOT NULL"
  ");"
  "CREATE INDEX account_stage_account ON account_stage (account_id, changed_at);"
  "CREATE TABLE activity ("
  "  id INTEGER PRIMARY KEY,"
  "  account_id INTEGER NOT NULL REFERENCES account (id),"
  "  rep_id INTEGER NOT NULL REFERENCES rep (id),"
  "  kind INTEGER NOT NULL CHECK (kind BETWEEN 0 AND 10),"
  "  amount_minor INTEGER CHECK (typeof (amount_minor) IN ('integer', 'null')),"
  "  currency TEXT CHECK (currency IS NULL OR length (currency) = 3),"
  "  occurred_at INTEGER NOT NULL,"
  "  external_ref TEXT UNIQUE,"
  "  reverses_id INTEGER REFERENCES activity (id),"
  "  note TEXT,"
  "  CHECK ((amount_minor IS NULL) = (currency IS NULL))"
  ");"
  "CREATE INDEX activity_time ON activity (occurred_at);"
  "CREATE INDEX activity_account ON activity (account_id, occurred_at);",

  /* 2: compensation plans and closed settlement periods. The store keeps
   *    plans as opaque text and closed lines as facts; it knows no rules. */
  "CREATE TABLE plan ("
  "  name TEXT PRIMARY KEY,"
  "  definition TEXT NOT NULL"
  ");"
  "CREATE TABLE closed_period ("
  "  id INTEGER PRIMARY KEY,"
  "  plan TEXT NOT NULL,"
  "  label TEXT NOT NULL,"
  "  start_at INTEGER NOT NULL,"
  "  end_at INTEGER NOT NULL CHECK (end_at > start_at),"
  "  closed_at INTEGER NOT NULL,"
  "  UNIQUE (plan, label)"
  ");"
  "CREATE TABLE settlement_line ("
  "  id INTEGER PRIMARY KEY,"
  "  period_id INTEGER NOT NULL REFERENCES closed_period (id),"
  "  rep_id INTEGER NOT NULL REFERENCES rep (id),"
  "  kind INTEGER NOT NULL CHECK (kind BETWEEN 0 AND 6),"
  "  amount_minor INTEGER NOT NULL CHECK (typeof (amount_minor) = 'integer'),"
  "  activity_id INTEGER REFERENCES activity (id),"
  "  explanation TEXT NOT NULL"
  ");"
  "CREATE INDEX settlement_line_period ON settlement_line (period_id, id);"
  "CREATE INDEX settlement_line_activity ON settlement_line (activity_id);",

  /* 3: the strengths and preferences reps carry, for composing tandems */
  "CREATE TABLE rep_tag ("
  "  rep_id INTEGER NOT NULL REFERENCES rep (id),"
  "  kind INTEGER NOT NULL CHECK (kind IN (0, 1)),"
  "  tag TEXT NOT NULL CHECK (length (trim (tag)) > 0),"
  "  level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),"
  "  PRIMARY KEY (rep_id, kind, tag)"
  ");",

  /* 4: support requests: a SUPPORT activity with an owner, a due date, a
   *    queue and a state; closing records who and when */
  "CREATE TABLE support_request ("
  "  activity_id INTEGER PRIMARY KEY REFERENCES activity (id),"
  "  owner_id INTEGER NOT NULL REFERENCES rep (id),"
  "  queue TEXT NOT NULL CHECK (length (trim (queue)) > 0),"
  "  due_at INTEGER NOT NULL,"
  "  closed_by INTEGER REFERENCES rep (id),"
  "  closed_at INTEGER,"
  "  CHECK ((closed_by IS NULL) = (closed_at IS NULL))"
  ");"
  "CREATE INDEX support_request_due ON support_request (queue, due_at);",

  /* 5: mutual shadowing: who hosted a SHADOWING activity and for how long */
  "CREATE TABLE shadowing ("
  "  activity_id INTEGER PRIMARY KEY REFERENCES activity (id),"
  "  host_id INTEGER NOT NULL REFERENCES rep (id),"
  "  minutes INTEGER NOT NULL CHECK (minutes > 0)"
  ");",

  /* 6: tandem charters: versioned areas of responsibility, each owned by
   *    inside (0), field (1) or both (2), and who confirmed which version */
  "CREATE TABLE charter_area ("
  "  team_id INTEGER NOT NULL REFERENCES team (id),"
  "  version INTEGER NOT NULL CHECK (version > 0),"
  "  area TEXT NOT NULL CHECK (length (trim (area)) > 0),"
  "  owner INTEGER NOT NULL CHECK (owner BETWEEN 0 AND 2),"
  "  PRIMARY KEY (team_id, version, area)"
  ");"
  "CREATE TABLE charter_confirmation ("
  "  team_id INTEGER NOT NULL REFERENCES team (id),"
  "  version INTEGER NOT NULL,"
  "  rep_id INTEGER NOT NULL REFERENCES rep (id),"
  "  confirmed_at INTEGER NOT NULL,"
  "  PRIMARY KEY (team_id, version, rep_id)"
  ");",

  /* 7: the account lifecycle: why each stage change happened (a
   *    TandemStageCause, and the order that caused it) and the rules that
   *    move accounts as orders arrive. The first change of every account
   *    is the stage it was created in. */
  "ALTER TABLE account_stage ADD COLUMN cause INTEGER NOT NULL DEFAULT 0 CHECK (cause BETWEEN 0 "
  "AND 5);"
  "ALTER TABLE account_stage ADD COLUMN activity_id INTEGER REFERENCES activity (id);"
  "UPDATE account_stage SET cause = 1 WHERE id IN (SELECT min (id) FROM account_stage GROUP BY "
  "account_id);"
  /* an account's orders are read from the index alone */
  "DROP INDEX activity_account;"
  "CREATE INDEX activity_account ON activity (account_id, occurred_at, kind);"
  "CREATE TABLE lifecycle_rule ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  regular_orders INTEGER NOT NULL CHECK (regular_orders >= 0),"
  "  regular_months INTEGER NOT NULL CHECK (regular_months BETWEEN 1 AND 120),"
  "  lost_after_days INTEGER NOT NULL CHECK (lost_after_days >= 0)"
  ");",

  /* 8: money you can trust. Every activity has a reference that means the
   *    same in any store (old rows get a random one; new rows without a
   *    reference get one derived from their content); reversals are found
   *    by what they reverse; a closed period keeps the tandem of each line
   *    and its tandem results as they were frozen. */
  "UPDATE activity SET external_ref = 'auto-' || lower (hex (randomblob (10))) WHERE external_ref "
  "IS NULL;"
  "CREATE INDEX activity_reverses ON activity (reverses_id) WHERE reverses_id IS NOT NULL;"
  "ALTER TABLE settlement_line ADD COLUMN team_id INTEGER REFERENCES team (id);"
  "CREATE TABLE closed_team ("
  "  period_id INTEGER NOT NULL REFERENCES closed_period (id),"
  "  team_id INTEGER NOT NULL REFERENCES team (id),"
  "  revenue_minor INTEGER NOT NULL,"
  "  target_minor INTEGER,"
  "  attainment INTEGER NOT NULL,"
  "  payout_minor INTEGER NOT NULL,"
  "  PRIMARY KEY (period_id, team_id)"
  ");",
  /* 9: plans over time. Plans are versioned, each version in effect from
   *    the start of a period (from_at = the smallest time for the first);
   *    tandems follow a plan from a period on, or the default plan; targets
   *    per tandem and period; draws per rep; dated exchange rates stored as
   *    exact decimal text. A closed period keeps the plan version and the
   *    rates it was settled with. Line kinds grow (draw, draw-recovery):
   *    settlement_line is rebuilt without the old upper bound. */
  "CREATE TABLE plan_version ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL CHECK (length (trim (name)) > 0),"
  "  version INTEGER NOT NULL CHECK (version > 0),"
  "  from_label TEXT,"
  "  from_at INTEGER NOT NULL,"
  "  definition TEXT NOT NULL,"
  "  UNIQUE (name, version)"
  ");"
  "INSERT INTO plan_version (name, version, from_label, from_at, definition) "
  "SELECT name, 1, NULL, -9223372036854775807 - 1, definition FROM plan ORDER BY name;"
  "DROP TABLE plan;"
  "CREATE TABLE plan_default ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  name TEXT NOT NULL"
  ");"
  "CREATE TABLE team_plan ("
  "  team_id INTEGER NOT NULL REFERENCES team (id),"
  "  from_label TEXT,"
  "  from_at INTEGER NOT NULL,"
  "  plan TEXT NOT NULL,"
  "  PRIMARY KEY (team_id, from_at)"
  ");"
  "CREATE TABLE team_target ("
  "  team_id INTEGER NOT NULL REFERENCES team (id),"
  "  label TEXT NOT NULL,"
  "  start_at INTEGER NOT NULL,"
  "  amount_minor INTEGER NOT NULL CHECK (typeof (amount_minor) = 'integer'),"
  "  currency TEXT NOT NULL CHECK (length (currency) = 3),"
  "  PRIMARY KEY (team_id, label)"
  ");"
  "CREATE TABLE draw ("
  "  id INTEGER PRIMARY KEY,"
  "  rep_id INTEGER NOT NULL REFERENCES rep (id),"
  "  amount_minor INTEGER NOT NULL CHECK (typeof (amount_minor) = 'integer'),"
  "  currency TEXT NOT NULL CHECK (length (currency) = 3),"
  "  from_label TEXT NOT NULL,"
  "  from_at INTEGER NOT NULL,"
  "  until_label TEXT,"
  "  until_at INTEGER,"
  "  recoverable INTEGER NOT NULL CHECK (recoverable IN (0, 1)),"
  "  CHECK ((until_label IS NULL) = (until_at IS NULL))"
  ");"
  "CREATE UNIQUE INDEX draw_rep ON draw (rep_id, from_at);"
  "CREATE TABLE exchange_rate ("
  "  from_currency TEXT NOT NULL CHECK (length (from_currency) = 3),"
  "  to_currency TEXT NOT NULL CHECK (length (to_currency) = 3),"
  "  from_at INTEGER NOT NULL,"
  "  rate TEXT NOT NULL,"
  "  PRIMARY KEY (from_currency, to_currency, from_at)"
  ");"
  "ALTER TABLE closed_period ADD COLUMN plan_version INTEGER;"
  "CREATE TABLE closed_rate ("
  "  period_id INTEGER NOT NULL REFERENCES closed_period (id),"
  "  from_currency TEXT NOT NULL,"
  "  to_currency TEXT NOT NULL,"
  "  from_at INTEGER NOT NULL,"
  "  rate TEXT NOT NULL,"
  "  PRIMARY KEY (period_id, from_currency, to_currency, from_at)"
  ");"
  "CREATE TABLE settlement_line_new ("
  "  id INTEGER PRIMARY KEY,"
  "  period_id INTEGER NOT NULL REFERENCES closed_period (id),"
  "  rep_id INTEGER NOT NULL REFERENCES rep (id),"
  "  kind INTEGER NOT NULL CHECK (kind >= 0),"
  "  amount_minor INTEGER NOT NULL CHECK (typeof (amount_minor) = 'integer'),"
  "  activity_id INTEGER REFERENCES activity (id),"
  "  explanation TEXT NOT NULL,"
  "  team_id INTEGER REFERENCES team (id)"
  ");"
  "INSERT INTO settlement_line_new (period_id, rep_id, kind, amount_minor, activity_id, "
  "explanation, team_id) SELECT period_id, rep_id, kind, amount_minor, activity_id, explanation, "
  "team_id FROM settlement_line ORDER BY id;"
  "DROP TABLE settlement_line;"
  "ALTER TABLE settlement_line_new RENAME TO settlement_line;"
  "CREATE INDEX settlement_line_period ON settlement_line (period_id, id);"
  "CREATE INDEX settlement_line_activity ON settlement_line (activity_id);"
  "CREATE INDEX settlement_line_kind ON settlement_line (kind, period_id);",

  /* 10: from settlement to payment: a rep's personnel number for payroll,
   *     and the forward-only states of a closed period (2 approved, 3 paid),
   *     each once, with who and when */
  "ALTER TABLE rep ADD COLUMN personnel_number TEXT;"
  "CREATE TABLE period_state ("
  "  period_id INTEGER NOT NULL REFERENCES closed_period (id),"
  "  state INTEGER NOT NULL CHECK (state IN (2, 3)),"
  "  who TEXT NOT NULL,"
  "  at INTEGER NOT NULL,"
  "  PRIMARY KEY (period_id, state)"
  ");",

  /* 11: disputes: a rep disagrees with a period (or one activity's lines
   *     in it); a manager accepts (an adjustment of amount into an open
   *     period) or rejects (a note), once */
  "CREATE TABLE dispute ("
  "  id INTEGER PRIMARY KEY,"
  "  rep_id INTEGER NOT NULL REFERENCES rep (id),"
  "  plan TEXT NOT NULL,"
  "  label TEXT NOT NULL,"
  "  activity_id INTEGER REFERENCES activity (id),"
  "  reason TEXT NOT NULL CHECK (length (trim (reason)) > 0),"
  "  opened_by TEXT NOT NULL,"
  "  opened_at INTEGER NOT NULL,"
  "  state INTEGER NOT NULL DEFAULT 0 CHECK (state BETWEEN 0 AND 2),"
  "  resolved_by TEXT,"
  "  resolved_at INTEGER,"
  "  note TEXT,"
  "  amount_minor INTEGER CHECK (typeof (amount_minor) IN ('integer', 'null')),"
  "  currency TEXT CHECK (currency IS NULL OR length (currency) = 3),"
  "  into_label TEXT,"
  "  CHECK ((state = 0) = (resolved_at IS NULL))"
  ");"
  "CREATE INDEX dispute_into ON dispute (plan, into_label);",

  /* 12: the audit trail: who wrote what, when; appended in the
   *     transaction of the write it describes, never changed */
  "CREATE TABLE audit ("
  "  id INTEGER PRIMARY KEY,"
  "  at INTEGER NOT NULL,"
  "  who TEXT NOT NULL,"
  "  verb TEXT NOT NULL,"
  "  what TEXT NOT NULL"
  ");"
  "CREATE INDEX audit_at ON audit (at);",

  /* 13: pay on collection. A payment (kind 11) names the order it pays in
   *     reverses_id, the column of "the activity this one is about"; the
   *     kind's bound grows, which SQLite can only do by rebuilding the
   *     table (with foreign keys off: see the driver). A closed period
   *     keeps what each of its orders' lines earned, held or not. */
  "CREATE TABLE activity_new ("
  "  id INTEGER PRIMARY KEY,"
  "  account_id INTEGER NOT NULL REFERENCES account (id),"
  "  rep_id INTEGER NOT NULL REFERENCES rep (id),"
  "  kind INTEGER NOT NULL CHECK (kind BETWEEN 0 AND 11),"
  "  amount_minor INTEGER CHECK (typeof (amount_minor) IN ('integer', 'null')),"
  "  currency TEXT CHECK (currency IS NULL OR length (currency) = 3),"
  "  occurred_at INTEGER NOT NULL,"
  "  external_ref TEXT UNIQUE,"
  "  reverses_id INTEGER REFERENCES activity (id),"
  "  note TEXT,"
  "  CHECK ((amount_minor IS NULL) = (currency IS NULL))"
  ");"
  "INSERT INTO activity_new SELECT id, account_id, rep_id, kind, amount_minor, currency, "
  "occurred_at, external_ref, reverses_id, note FROM activity ORDER BY id;"
  "DROP TABLE activity;"
  "ALTER TABLE activity_new RENAME TO activity;"
  "CREATE INDEX activity_time ON activity (occurred_at);"
  "CREATE INDEX activity_account ON activity (account_id, occurred_at, kind);"
  "CREATE INDEX activity_reverses ON activity (reverses_id) WHERE reverses_id IS NOT NULL;"
  "ALTER TABLE settlement_line ADD COLUMN earned_minor INTEGER;",

  /* 14: payroll profiles: the [Payroll] mapping of line kinds to wage
   *     types, versioned outside the plans (which freeze at close), each
   *     in effect from a period's start (in UTC) on */
  "CREATE TABLE payroll_profile ("
  "  id INTEGER PRIMARY KEY,"
  "  from_label TEXT,"
  "  from_at INTEGER NOT NULL,"
  "  definition TEXT NOT NULL"
  ");",

  /* 15: German month-end: the store's settings (its time zone, which
   *     every client of a server reads), and customer numbers on
   *     accounts, unique where given */
  "CREATE TABLE store_setting ("
  "  name TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ");"
  "ALTER TABLE account ADD COLUMN number TEXT;"
  "CREATE UNIQUE INDEX account_number ON account (number) WHERE number IS NOT NULL;",

  /* 16: what was sold: a sale's product and category, the units sold
   *     (1 for every activity stored before) and its cost, in the
   *     amount's currency */
  "ALTER TABLE activity ADD COLUMN product TEXT;"
  "ALTER TABLE activity ADD COLUMN category TEXT;"
  "ALTER TABLE activity ADD COLUMN quantity INTEGER NOT NULL DEFAULT 1 CHECK (quantity >= 1);"
  "ALTER TABLE activity ADD COLUMN cost_minor INTEGER "
  "  CHECK (cost_minor IS NULL OR (cost_minor >= 0 AND amount_minor IS NOT NULL));",

  /* 17: writers in parallel. Whether a time lies in a closed period is
   *     asked of every logged activity: an index answers it. PostgreSQL
   *     adds the function that logs an activity no rule needs more for
   *     in one round trip (see LOG_FUNCTION below). */
  "CREATE INDEX closed_period_span ON closed_period (start_at, end_at);",

  /* 18: a close holds back only the writers of its period and earlier.
   *     PostgreSQL's log function takes its activity's time locks (see
   *     LOG_FUNCTION); SQLite has one writer at a time and changes nothing. */
  "-- nothing changes on SQLite",

  /* 19: sales, reversals and payments in one round trip. PostgreSQL's log
   *     function writes them too when no rule needs more (see
   *     LOG_FUNCTION); SQLite changes nothing. */
  "-- nothing changes on SQLite",
};

/* PostgreSQL's one-round-trip log (migrations 17, 18 and 19), called
 * outside a transaction by tandem_store_save_activity() for every new
 * activity. It writes only what needs no more than the rules below; for
 * everything else it returns 0 and writes nothing, and the full path
 * (tandem-activity-writer.c, which words the errors) decides.
 *
 * This takes the advisory lock 1413566020 ("TAND") shared, then the three
 * locks of its activity's time shared, in UTC: (1413566021, the year),
 * (1413566022, year × 12 + month − 1) and (1413566023, the day counted
 * from 1970-01-01), those of 1970-01-01 for any earlier time, from the
 * whole seconds of the time, as time_keys () in tandem-pg-driver.c
 * reckons them. A sale, reversal or payment then locks its account's row
 * and the reversed or paid activity's row FOR NO KEY UPDATE, as the full
 * path does (pg_begin_rows), in the same order. A close takes the time
 * locks up to the last day of its period exclusively (pg_begin_before);
 * every change of a plan, a period, a rep, a tandem takes the first lock
 * exclusively; an import takes it shared and locks every account's row
 * (pg_begin_import). So logs run side by side, beside a close of an
 * earlier period, and calls and visits beside an import; a close sees
 * every log of its period committed before it and none after. The
 * statements after the locks see what committed while they waited (READ
 * COMMITTED: each statement of a function takes a new snapshot).
 *
 * It returns the new activity's id (o_id) and the stage change it wrote
 * with it (o_stage, o_cause; -1 for none), or o_id 0, having written
 * nothing, when
 * - the time lies in a closed period of some plan (the full path knows
 *   which plan the account's tandem follows);
 * - the reference is stored already (the full path compares the facts);
 * - the account (or the reversed or paid activity) is not stored, or the
 *   account is archived;
 * - a sale or reversal's account has no tandem, or a tandem without
 *   members;
 * - a reversal would take back more than its activity's amount, a
 *   payment would pay more than its order has open (amount less
 *   reversals and payments);
 * - a sale (kinds 4, 5, 6) could change its account's stage otherwise
 *   than the one change written here. The rules are
 *   _tandem_lifecycle_steps ()'s, run over the account's orders from its
 *   last stage change on, with the rules stored (else those of
 *   _tandem_db_load_lifecycle (): 3 orders within 12 months, 365 days):
 *   it returns 0 when an order of the account is dated later than the new
 *   one; else, unless the new one is dated before the last change (then it
 *   only counts, as before it), when
 *   - a prospect or lost account (stages 0, 3) has an order since the
 *     change already; otherwise the new order makes it a customer (first
 *     order, cause 2; won back, 5), written here;
 *   - a customer or regular customer (stages 1, 2) has an order since the
 *     change (the new one too) later than the rules' days for lost after
 *     the order before it (or the change);
 *   - a prospect, lost account or customer would have, at an order since
 *     the change (the new one too), as many orders within the rules'
 *     months up to it as make a regular customer (the months counted back
 *     in UTC, as g_date_time_add_months () does: tandem_months_before ()).
 *   Then the full path runs the rules. */
#define LOG_FUNCTION                                                                            \
  "CREATE OR REPLACE FUNCTION tandem_months_before (p_at BIGINT, p_months BIGINT) "             \
  "RETURNS BIGINT LANGUAGE sql IMMUTABLE AS $fn$ "                                              \
  "  SELECT CAST (extract (epoch FROM timestamp 'epoch' + p_at * interval '1 microsecond' "     \
  "    - p_months * interval '1 month') * 1000000 AS BIGINT) "                                  \
  "$fn$; "                                                                                      \
  "DROP FUNCTION IF EXISTS tandem_log_activity (BIGINT, BIGINT, BIGINT, BIGINT, TEXT, BIGINT, " \
  "  TEXT, BIGINT, TEXT, TEXT, TEXT, BIGINT, BIGINT, BIGINT, TEXT, TEXT, TEXT); "               \
  "CREATE FUNCTION tandem_log_activity (p_account BIGINT, p_rep BIGINT, "                       \
  "  p_kind BIGINT, p_amount BIGINT, p_currency TEXT, p_at BIGINT, p_ref TEXT, "                \
  "  p_reverses BIGINT, p_note TEXT, "                                                          \
  "  p_product TEXT, p_category TEXT, p_quantity BIGINT, p_cost BIGINT, p_audit_at BIGINT, "    \
  "  p_who TEXT, p_what_before TEXT, p_what_after TEXT, "                                       \
  "  OUT o_id BIGINT, OUT o_stage INTEGER, OUT o_cause INTEGER) "                               \
  "LANGUAGE plpgsql VOLATILE AS $fn$ "                                                          \
  "DECLARE s BIGINT := p_at / 1000000; at_utc TIMESTAMP; "                                      \
  "  y INTEGER := 1970; m INTEGER := 1970 * 12; d INTEGER := 0; "                               \
  "  v_team BIGINT; v_stage BIGINT; v_archived BIGINT; v_limit BIGINT; v_taken BIGINT; "        \
  "  v_orders BIGINT; v_months BIGINT; v_days BIGINT; v_since BIGINT; "                         \
  "BEGIN "                                                                                      \
  "  o_id := 0; o_stage := -1; o_cause := -1; "                                                 \
  "  PERFORM pg_advisory_xact_lock_shared (1413566020); "                                       \
  "  IF s >= 0 THEN "                                                                           \
  "    at_utc := to_timestamp (s) AT TIME ZONE 'UTC'; "                                         \
  "    y := extract (year FROM at_utc); "                                                       \
  "    m := y * 12 + extract (month FROM at_utc) - 1; "                                         \
  "    d := s / 86400; "                                                                        \
  "  END IF; "                                                                                  \
  "  PERFORM pg_advisory_xact_lock_shared (1413566021, y), "                                    \
  "    pg_advisory_xact_lock_shared (1413566022, m), "                                          \
  "    pg_advisory_xact_lock_shared (1413566023, d); "                                          \
  "  IF p_kind IN (4, 5, 6, 10, 11) THEN "                                                      \
  "    SELECT team_id, stage, archived INTO v_team, v_stage, v_archived FROM account "          \
  "    WHERE id = p_account FOR NO KEY UPDATE; "                                                \
  "    IF NOT FOUND OR v_archived <> 0 THEN "                                                   \
  "      RETURN; "                                                                              \
  "    END IF; "                                                                                \
  "    IF p_reverses IS NOT NULL THEN "                                                         \
  "      SELECT amount_minor INTO v_limit FROM activity WHERE id = p_reverses "                 \
  "      FOR NO KEY UPDATE; "                                                                   \
  "      IF NOT FOUND THEN "                                                                    \
  "        RETURN; "                                                                            \
  "      END IF; "                                                                              \
  "    END IF; "                                                                                \
  "  END IF; "                                                                                  \
  "  IF EXISTS (SELECT 1 FROM closed_period WHERE start_at <= p_at AND p_at < end_at) THEN "    \
  "    RETURN; "                                                                                \
  "  END IF; "                                                                                  \
  "  IF p_kind IN (4, 5, 6, 10) AND (v_team IS NULL "                                           \
  "      OR NOT EXISTS (SELECT 1 FROM team_member WHERE team_id = v_team)) THEN "               \
  "    RETURN; "                                                                                \
  "  END IF; "                                                                                  \
  "  IF p_kind IN (10, 11) THEN "                                                               \
  "    SELECT coalesce (sum (amount_minor), 0) INTO v_taken FROM activity "                     \
  "    WHERE reverses_id = p_reverses AND (kind = 10 OR kind = p_kind); "                       \
  "    IF p_reverses IS NULL OR p_amount IS NULL "                                              \
  "        OR (v_limit IS NOT NULL AND v_taken + p_amount > v_limit) THEN "                     \
  "      RETURN; "                                                                              \
  "    END IF; "                                                                                \
  "  END IF; "                                                                                  \
  "  IF p_kind IN (4, 5, 6) THEN "                                                              \
  "    SELECT regular_orders, regular_months, lost_after_days INTO v_orders, v_months, v_days " \
  "    FROM lifecycle_rule WHERE id = 1; "                                                      \
  "    IF NOT FOUND THEN "                                                                      \
  "      v_orders := 3; v_months := 12; v_days := 365; "                                        \
  "    END IF; "                                                                                \
  "    SELECT changed_at INTO v_since FROM account_stage WHERE account_id = p_account "         \
  "    ORDER BY changed_at DESC, id DESC LIMIT 1; "                                             \
  "    IF EXISTS (SELECT 1 FROM activity WHERE account_id = p_account "                         \
  "        AND kind IN (4, 5, 6) AND occurred_at > p_at) THEN "                                 \
  "      RETURN; "                                                                              \
  "    END IF; "                                                                                \
  "    IF v_since IS NULL OR p_at >= v_since THEN "                                             \
  "      IF v_stage IN (0, 3) THEN "                                                            \
  "        IF EXISTS (SELECT 1 FROM activity WHERE account_id = p_account "                     \
  "            AND kind IN (4, 5, 6) AND (v_since IS NULL OR occurred_at >= v_since)) THEN "    \
  "          RETURN; "                                                                          \
  "        END IF; "                                                                            \
  "        o_stage := 1; "                                                                      \
  "        o_cause := CASE WHEN v_stage = 0 THEN 2 ELSE 5 END; "                                \
  "      ELSIF v_stage NOT IN (1, 2) "                                                          \
  "          OR (v_days > 0 AND EXISTS (SELECT 1 FROM ( "                                       \
  "            SELECT occurred_at AS at, "                                                      \
  "              lag (occurred_at) OVER (ORDER BY occurred_at, id) AS prev FROM ( "             \
  "                SELECT id, occurred_at FROM activity "                                       \
  "                WHERE account_id = p_account AND kind IN (4, 5, 6) "                         \
  "                UNION ALL SELECT 9223372036854775807, p_at) o) w "                           \
  "            WHERE (v_since IS NULL OR at >= v_since) "                                       \
  "              AND (greatest (prev, v_since) IS NULL "                                        \
  "                OR at - greatest (prev, v_since) > v_days * 86400000000))) THEN "            \
  "        RETURN; "                                                                            \
  "      END IF; "                                                                              \
  "      IF v_stage <> 2 AND v_orders > 0 AND EXISTS ( "                                        \
  "          WITH o AS (SELECT occurred_at AS at FROM activity "                                \
  "            WHERE account_id = p_account AND kind IN (4, 5, 6) UNION ALL SELECT p_at) "      \
  "          SELECT 1 FROM o WHERE (v_since IS NULL OR o.at >= v_since) "                       \
  "            AND (SELECT count (*) FROM o c WHERE c.at <= o.at "                              \
  "              AND c.at > tandem_months_before (o.at, v_months)) >= v_orders) THEN "          \
  "        RETURN; "                                                                            \
  "      END IF; "                                                                              \
  "    END IF; "                                                                                \
  "  END IF; "                                                                                  \
  "  INSERT INTO activity (account_id, rep_id, kind, amount_minor, currency, occurred_at, "     \
  "    external_ref, reverses_id, note, product, category, quantity, cost_minor) "              \
  "  VALUES (p_account, p_rep, p_kind, p_amount, p_currency, p_at, p_ref, p_reverses, p_note, " \
  "    p_product, p_category, p_quantity, p_cost) "                                             \
  "  ON CONFLICT (external_ref) DO NOTHING RETURNING id INTO o_id; "                            \
  "  IF o_id IS NULL THEN "                                                                     \
  "    o_id := 0; o_stage := -1; o_cause := -1; "                                               \
  "    RETURN; "                                                                                \
  "  END IF; "                                                                                  \
  "  IF o_stage >= 0 THEN "                                                                     \
  "    INSERT INTO account_stage (account_id, stage, changed_at, cause, activity_id) "          \
  "    VALUES (p_account, o_stage, p_at, o_cause, o_id); "                                      \
  "    UPDATE account SET stage = o_stage WHERE id = p_account; "                               \
  "  END IF; "                                                                                  \
  "  INSERT INTO audit (at, who, verb, what) "                                                  \
  "  VALUES (p_audit_at, p_who, 'log', p_what_before || o_id || p_what_after); "                \
  "END $fn$;"

/* PostgreSQL changes a bound in place: the migrations it words itself. */
const char *
_tandem_pg_migration_override (guint index)
{
  switch (index)
    {
    case 12:
      return "ALTER TABLE activity DROP CONSTRAINT activity_kind_check;"
             "ALTER TABLE activity ADD CONSTRAINT activity_kind_check "
             "CHECK (kind BETWEEN 0 AND 11);"
             "ALTER TABLE settlement_line ADD COLUMN earned_minor BIGINT;";
    case 16:
      return "CREATE INDEX closed_period_span ON closed_period (start_at, end_at);" LOG_FUNCTION;
    case 17:
      /* a store of schema 17 has the function without the time locks */
    case 18:
      /* one of schema 18, the function that leaves sales to the full path */
      return LOG_FUNCTION;
    default:
      return NULL;
    }
}

const guint _tandem_schema_n_migrations = G_N_ELEMENTS (_tandem_schema_migrations);
