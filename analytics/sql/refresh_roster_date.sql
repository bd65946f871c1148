-- roster_date: per roster date, the units with rows dated that day (person_summary: any status,
-- units the unit table does not hold included) and how many of them have it as the date of their
-- roster (roster_latest), with the earliest closing date among those. A date whose units all have it
-- as their roster date, none closed before the roster's date, is read whole by the roster fragment
-- (analytics/sql/_roster.sql): its person rows without the join to each unit's date.
INSERT INTO roster_date
WITH dated AS (SELECT as_of, count(DISTINCT unit_code) AS units FROM person_summary GROUP BY as_of),
latest AS (SELECT snap, count(*) AS units, min(valid_to) AS first_end FROM roster_latest GROUP BY snap)
SELECT d.as_of, d.units::BIGINT, coalesce(l.units, 0)::BIGINT, l.first_end
FROM dated d LEFT JOIN latest l ON l.snap = d.as_of
ORDER BY d.as_of
