-- Version 8: the reporting cycle (issue 15 part 2): reporting periods with a due date per data
-- kind, and submissions of units kept out of the data tables until an analyst publishes them.
-- Same DDL as the section of schema.sql.
CREATE TABLE IF NOT EXISTS reporting_period (
    period_id   VARCHAR PRIMARY KEY,         -- '2026-T09', '2026-Q3', '2026-H2'
    period_kind VARCHAR NOT NULL CHECK (period_kind IN ('month', 'quarter', 'half_year')),
    start_date  DATE NOT NULL,
    end_date    DATE NOT NULL,
    created_by  VARCHAR NOT NULL,
    created_at  TIMESTAMP NOT NULL DEFAULT current_localtimestamp(),
    CHECK (end_date >= start_date)
);

-- When each data kind of a period is due (a kind without a row is not asked for in that period).
CREATE TABLE IF NOT EXISTS period_due (
    period_id VARCHAR NOT NULL,
    data_kind VARCHAR NOT NULL,
    due_date  DATE NOT NULL,
    PRIMARY KEY (period_id, data_kind)
);

-- One file a unit sent for a period and kind. Its rows never enter the data tables before
-- 'published' (then batch_id is the import batch); the file itself is kept to review and publish.
-- with_errors: refused by validation (problems says why); submitted: waits for review;
-- returned: sent back with review_reason; superseded: a newer file of the same unit, kind and
-- period came before it was reviewed.
CREATE SEQUENCE IF NOT EXISTS submission_seq START 1;
CREATE TABLE IF NOT EXISTS submission (
    submission_id BIGINT PRIMARY KEY DEFAULT nextval('submission_seq'),
    period_id     VARCHAR NOT NULL,
    unit_code     VARCHAR NOT NULL,
    data_kind     VARCHAR NOT NULL,
    status        VARCHAR NOT NULL CHECK (status IN ('with_errors', 'submitted', 'returned', 'published', 'superseded')),
    submitted_by  VARCHAR NOT NULL,
    submitted_at  TIMESTAMP NOT NULL DEFAULT current_localtimestamp(),
    file_name     VARCHAR NOT NULL,
    sha256        VARCHAR NOT NULL,
    size_bytes    BIGINT NOT NULL CHECK (size_bytes >= 0),
    content       BLOB NOT NULL,             -- empty for with_errors (never published)
    rows_total    BIGINT NOT NULL DEFAULT 0,
    errors        INTEGER NOT NULL DEFAULT 0,
    warnings      INTEGER NOT NULL DEFAULT 0,
    problems      VARCHAR,                   -- JSON list: code, severity, sheet, row, column, message_vi, message_en
    reviewed_by   VARCHAR,
    reviewed_at   TIMESTAMP,
    review_reason VARCHAR,
    batch_id      BIGINT,
    CHECK (status <> 'returned' OR length(trim(review_reason)) > 0),
    CHECK (status <> 'published' OR batch_id IS NOT NULL)
);
