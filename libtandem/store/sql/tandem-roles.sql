-- SPDX-License-Identifier: LGPL-2.1-or-later
-- tandem-roles.sql: who may do what in a libtandem store on PostgreSQL.
--
-- Run it once as the owner of the store's tables, after `tandem init`:
--
--   psql -v ON_ERROR_STOP=1 -d tandem -f tandem-roles.sql
--
-- It creates two group roles and a table that maps logins to reps:
--
--   tandem_manager  reads and writes everything the library writes:
--                   settles, closes, approves, pays, resolves disputes;
--                   may not change or delete the audit trail.
--   tandem_rep      reads the sales data it needs and only its own payout
--                   lines of closed periods and its own disputes; may open
--                   a dispute for itself; may not approve, pay, close or
--                   change the audit trail.
--
-- Give people logins in these roles and map each rep's login to the rep:
--
--   CREATE ROLE anna LOGIN PASSWORD '…' IN ROLE tandem_rep;
--   INSERT INTO tandem_rep_login (login, rep_id) VALUES ('anna', 1);
--   CREATE ROLE petra LOGIN PASSWORD '…' IN ROLE tandem_manager;
--
-- Running it again changes nothing.

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tandem_manager') THEN
    CREATE ROLE tandem_manager NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tandem_rep') THEN
    CREATE ROLE tandem_rep NOLOGIN;
  END IF;
END
$$;

CREATE TABLE IF NOT EXISTS tandem_rep_login (
  login TEXT PRIMARY KEY,
  rep_id BIGINT NOT NULL REFERENCES rep (id)
);

-- the rep behind the current login, or NULL
CREATE OR REPLACE FUNCTION tandem_current_rep () RETURNS BIGINT
  LANGUAGE sql STABLE
  AS $$ SELECT rep_id FROM public.tandem_rep_login WHERE login = current_user $$;

GRANT USAGE ON SCHEMA public TO tandem_manager, tandem_rep;
GRANT EXECUTE ON FUNCTION tandem_current_rep () TO tandem_manager, tandem_rep;

-- managers: everything the library does, nothing deleted
GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO tandem_manager;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO tandem_manager;
REVOKE UPDATE ON audit FROM tandem_manager;
REVOKE INSERT, UPDATE ON tandem_rep_login FROM tandem_manager;
-- the library's temporary staging tables on import
GRANT TEMPORARY ON DATABASE :"DBNAME" TO tandem_manager;

-- reps: read what a statement needs; write only disputes and their audit entries
GRANT SELECT ON tandem_schema, tandem_rep_login, rep, team, team_member, account, account_stage, activity,
  plan_version, plan_default, team_plan, team_target, draw, exchange_rate, closed_period,
  closed_team, closed_rate, settlement_line, period_state, lifecycle_rule, dispute, audit
  TO tandem_rep;
GRANT INSERT ON dispute, audit TO tandem_rep;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO tandem_rep;

-- row-level security: a rep sees its own lines, disputes and audit entries
ALTER TABLE settlement_line ENABLE ROW LEVEL SECURITY;
ALTER TABLE dispute ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit ENABLE ROW LEVEL SECURITY;

DROP POLICY IF EXISTS manager_lines ON settlement_line;
DROP POLICY IF EXISTS rep_lines ON settlement_line;
CREATE POLICY manager_lines ON settlement_line TO tandem_manager USING (true);
CREATE POLICY rep_lines ON settlement_line FOR SELECT TO tandem_rep
  USING (rep_id = tandem_current_rep ());

DROP POLICY IF EXISTS manager_disputes ON dispute;
DROP POLICY IF EXISTS rep_disputes ON dispute;
DROP POLICY IF EXISTS rep_new_disputes ON dispute;
CREATE POLICY manager_disputes ON dispute TO tandem_manager USING (true);
CREATE POLICY rep_disputes ON dispute FOR SELECT TO tandem_rep
  USING (rep_id = tandem_current_rep ());
CREATE POLICY rep_new_disputes ON dispute FOR INSERT TO tandem_rep
  WITH CHECK (rep_id = tandem_current_rep ());

DROP POLICY IF EXISTS manager_audit_read ON audit;
DROP POLICY IF EXISTS manager_audit_write ON audit;
DROP POLICY IF EXISTS rep_audit_read ON audit;
DROP POLICY IF EXISTS rep_audit_write ON audit;
CREATE POLICY manager_audit_read ON audit FOR SELECT TO tandem_manager USING (true);
CREATE POLICY manager_audit_write ON audit FOR INSERT TO tandem_manager WITH CHECK (true);
CREATE POLICY rep_audit_read ON audit FOR SELECT TO tandem_rep USING (who = current_user);
CREATE POLICY rep_audit_write ON audit FOR INSERT TO tandem_rep WITH CHECK (who = current_user);
