-- Version 3: local accounts and the audit log (issue 7). Same DDL as the section of schema.sql.
-- Local accounts of the dashboard. Passwords are argon2id hashes (analytics/auth.py); there is no
-- default account and no default password: the app asks for the first admin when none is active.
-- scope_unit_code NULL = the whole city; otherwise the account sees that unit and every unit under
-- it through unit_closure (analytics/access.py). The coded lists below are written with
-- list_contains (not IN) because they mirror analytics/access.py ROLES and analytics/audit.py
-- EVENTS, not analytics/codes.py; tests/test_access.py and tests/test_audit.py check they agree.
CREATE TABLE IF NOT EXISTS app_user (
    username            VARCHAR PRIMARY KEY CHECK (regexp_full_match(username, '[a-z0-9][a-z0-9._@-]{2,63}')),
    display_name        VARCHAR,
    password_hash       VARCHAR NOT NULL CHECK (starts_with(password_hash, '$argon2id$')),
    role                VARCHAR NOT NULL CHECK (list_contains(['viewer', 'analyst', 'admin'], role)),
    scope_unit_code     VARCHAR,
    active              BOOLEAN NOT NULL DEFAULT true,
    created_at          TIMESTAMP NOT NULL DEFAULT current_localtimestamp(),
    created_by          VARCHAR NOT NULL,
    password_changed_at TIMESTAMP NOT NULL DEFAULT current_localtimestamp(),
    failed_attempts     INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
    locked_until        TIMESTAMP
);

-- Who did what, when: logins, denials, imports, undos, exports, downloads, settings and user
-- changes. Append-only from the app: analytics/audit.py offers no update or delete. detail is JSON
-- without personal cell values (sha256, row counts, codes); audit.record refuses personal keys.
-- ("at" is reserved in DuckDB's grammar, hence logged_at.)
CREATE SEQUENCE IF NOT EXISTS audit_event_seq START 1;
CREATE TABLE IF NOT EXISTS audit_log (
    event_id  BIGINT PRIMARY KEY DEFAULT nextval('audit_event_seq'),
    logged_at TIMESTAMP NOT NULL DEFAULT current_localtimestamp(),
    username  VARCHAR,                  -- NULL when the name typed at login is unknown
    event     VARCHAR NOT NULL CHECK (list_contains(['login_ok', 'login_failed', 'login_locked', 'logout',
                  'session_expired', 'denied', 'import', 'import_rejected', 'undo', 'export', 'download',
                  'setting_change', 'user_change', 'demo_build', 'demo_remove'], event)),
    target    VARCHAR,                  -- page id, table, batch id, username, file name
    detail    JSON
);
