-- refresh_payroll_person_last: payroll_person_last rows of the units in $units (every unit when
-- $all) from the payroll rows: each person's last payroll month in the unit. The caller has
-- deleted the old rows of those units (analytics/summaries.py).
INSERT INTO payroll_person_last
SELECT unit_code, person_id, max(month) AS month
FROM payroll
WHERE $all OR unit_code IN (SELECT unnest(CAST($units AS VARCHAR[])))
GROUP BY unit_code, person_id
