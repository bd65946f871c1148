-- The small, frequent writes (analytics/events.py): SQLite, WAL mode, beside the DuckDB file as
-- <database>.events.sqlite. Every statement is IF NOT EXISTS: applied at each first open.
-- The event list mirrors analytics/audit.py EVENTS (tests/test_audit.py checks they agree); a file
-- made with a shorter list gets its audit_log rebuilt on open (analytics/events.py, _upgrade).

-- Who did what, when. Append-only from the app (analytics/audit.py offers no update or delete).
-- logged_at is local time as ISO text 'YYYY-MM-DD HH:MM:SS.ffffff' (sorts and compares as text).
CREATE TABLE IF NOT EXISTS audit_log (
    event_id  INTEGER PRIMARY KEY AUTOINCREMENT,
    logged_at TIMESTAMP NOT NULL,
    username  TEXT,
    event     TEXT NOT NULL CHECK (event IN ('login_ok', 'login_failed', 'login_locked', 'logout',
                  'session_expired', 'denied', 'import', 'import_rejected', 'undo', 'export', 'download',
                  'setting_change', 'user_change', 'demo_build', 'demo_remove', 'submission',
                  'submission_published', 'submission_returned', 'period_change')),
    target    TEXT,
    detail    TEXT CHECK (detail IS NULL OR json_valid(detail))
);
CREATE INDEX IF NOT EXISTS audit_log_logged_at ON audit_log (logged_at);
-- audit.reconcile_batches looks up the rows of batch events by event and target.
CREATE INDEX IF NOT EXISTS audit_log_event_target ON audit_log (event, target);

-- Failed-login counter and lock of an account (analytics/auth.py); no row = no failures, no lock.
CREATE TABLE IF NOT EXISTS login_state (
    username        TEXT PRIMARY KEY,
    failed_attempts INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
    locked_until    TIMESTAMP
);

-- One-off facts about this file, e.g. that the DuckDB audit rows were copied in.
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
