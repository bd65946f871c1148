-- Version 28: commune_unit holds the postings each commune received (issue 14: secondment_by_commune
-- counts those of a date in each commune's list instead of grouping every secondment and joining the
-- groups to the communes), refilled from the units and secondments already there. Same DDL as the
-- section of schema.sql; the same rows as analytics/sql/refresh_commune_unit.sql.
ALTER TABLE commune_unit ADD COLUMN IF NOT EXISTS postings STRUCT(start_date DATE, end_date DATE)[] DEFAULT [];
DELETE FROM commune_unit;
INSERT INTO commune_unit
WITH received AS (
    SELECT receiving_unit_code AS unit_code,
           list({'start_date': start_date, 'end_date': coalesce(actual_end_date, planned_end_date)}
                ORDER BY start_date, secondment_id) AS postings
    FROM secondment
    GROUP BY receiving_unit_code
)
SELECT u.unit_code, coalesce(u.short_name, u.name) AS name, u.commune_kind, u.former_province,
       u.especially_difficult, u.valid_from, u.valid_to, coalesce(r.postings, []) AS postings
FROM unit u
LEFT JOIN received r ON r.unit_code = u.unit_code
WHERE u.unit_type = 'ubnd_xa' AND u.level = 'commune' AND u.merged_into IS NULL
ORDER BY u.unit_code;
ALTER TABLE commune_unit ALTER COLUMN postings SET NOT NULL;
