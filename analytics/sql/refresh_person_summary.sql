-- refresh_person_summary: person_summary rows of the units in $units (every unit when $all) from
-- the person rows: people per roster date, unit, category and status. The caller has deleted the
-- old rows of those units (analytics/summaries.py).
INSERT INTO person_summary
SELECT as_of, unit_code, category, status, count(*)::BIGINT AS people
FROM person
WHERE $all OR unit_code IN (SELECT unnest(CAST($units AS VARCHAR[])))
GROUP BY ALL
