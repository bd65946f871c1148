-- refresh_payroll_summary: payroll_summary rows of the units in $units (every unit when $all) from
-- the payroll rows: rows and basic salary fund per month and unit. The caller has deleted the old
-- rows of those units (analytics/summaries.py).
INSERT INTO payroll_summary
SELECT month, unit_code, count(*)::BIGINT AS payroll_rows, sum(basic_salary_vnd)::BIGINT AS basic_salary_vnd
FROM payroll
WHERE $all OR unit_code IN (SELECT unnest(CAST($units AS VARCHAR[])))
GROUP BY ALL
