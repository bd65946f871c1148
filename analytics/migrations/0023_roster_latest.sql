-- Version 23: roster_latest, each unit's latest roster date (issue 14: the roster of every query
-- read from one small table when no unit has a newer roster than the date asked for), filled from
-- the rows already there. Same DDL as the section of schema.sql; the same rows as
-- analytics/sql/refresh_roster_latest.sql.
CREATE TABLE IF NOT EXISTS roster_latest (
    unit_code VARCHAR NOT NULL,
    snap      DATE NOT NULL,
    valid_to  DATE
);
DELETE FROM roster_latest;
INSERT INTO roster_latest
WITH latest AS (SELECT unit_code, max(as_of) AS snap FROM person_summary GROUP BY unit_code)
SELECT s.unit_code, s.snap, u.valid_to
FROM latest s
JOIN unit u ON u.unit_code = s.unit_code
LEFT JOIN latest m ON m.unit_code = u.merged_into
WHERE m.snap IS NULL OR m.snap <= s.snap
ORDER BY s.unit_code;
