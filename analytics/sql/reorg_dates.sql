-- reorg_dates: the first and last dates in the reorganisation, job-position and inspection data of
-- units in scope (the page's default window and reference date).
WITH RECURSIVE
-- @include scope_units
,
dates AS (
    SELECT decision_date AS d, unit_code FROM reorg_decision
    UNION ALL SELECT decision_date, unit_code FROM job_position WHERE decision_date IS NOT NULL
    UNION ALL SELECT inspection_date, unit_code FROM inspection
)
SELECT min(d) AS first_date, max(d) AS last_date
FROM dates WHERE unit_code IN (SELECT unit_code FROM scope_units)
