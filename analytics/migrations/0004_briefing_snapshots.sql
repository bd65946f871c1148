-- Version 4: frozen briefing decks ("chốt số liệu", issue 6). Same DDL as the section of schema.sql.
-- A snapshot stores the DATA of the briefing deck (analytics/briefing.py deck(): codes, numbers and
-- dates, no person names or IDs) as JSON, so figures shown at a past meeting never move.
CREATE SEQUENCE IF NOT EXISTS briefing_snapshot_seq START 1;
CREATE TABLE IF NOT EXISTS briefing_snapshot (
    snapshot_id     BIGINT PRIMARY KEY DEFAULT nextval('briefing_snapshot_seq'),
    taken_at        TIMESTAMP NOT NULL DEFAULT current_localtimestamp(),
    taken_by        VARCHAR NOT NULL,
    label           VARCHAR NOT NULL,
    scope_unit_code VARCHAR,            -- NULL = the whole database
    as_of           DATE NOT NULL,
    deck            JSON NOT NULL
);
