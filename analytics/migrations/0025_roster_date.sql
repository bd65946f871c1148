-- Version 25: roster_date, per roster date the units with rows that day and how many of them have it
-- as the date of their roster (issue 14: a date whose units all do is read whole, without joining
-- every person row to its unit's date), filled from the rows already there. Same DDL as the section
-- of schema.sql; the same rows as analytics/sql/refresh_roster_date.sql.
CREATE TABLE IF NOT EXISTS roster_date (
    as_of        DATE NOT NULL,
    units        BIGINT NOT NULL,
    latest_units BIGINT NOT NULL,
    first_end    DATE
);
DELETE FROM roster_date;
INSERT INTO roster_date
WITH dated AS (SELECT as_of, count(DISTINCT unit_code) AS units FROM person_summary GROUP BY as_of),
latest AS (SELECT snap, count(*) AS units, min(valid_to) AS first_end FROM roster_latest GROUP BY snap)
SELECT d.as_of, d.units::BIGINT, coalesce(l.units, 0)::BIGINT, l.first_end
FROM dated d LEFT JOIN latest l ON l.snap = d.as_of
ORDER BY d.as_of;
