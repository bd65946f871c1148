-- Each unit's latest payroll month on or before $as_of (its latest of all when NULL), for every
-- unit (a person may be paid outside the scope): payroll_latest(unit_code, month), and the payroll
-- rows of those months: payroll_latest_rows(unit_code, month, person_id, salary_coef), worked out
-- once for the checks that look at them.
payroll_latest AS (
    SELECT unit_code, max(month) AS month
    FROM payroll_summary  -- the same months as payroll, without scanning every payroll row
    WHERE CAST($as_of AS DATE) IS NULL OR month <= CAST($as_of AS DATE)
    GROUP BY unit_code
),
payroll_latest_rows AS MATERIALIZED (
    SELECT p.unit_code, p.month, p.person_id, p.salary_coef
    FROM payroll p JOIN payroll_latest l ON l.unit_code = p.unit_code AND l.month = p.month
)
