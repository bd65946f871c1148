-- Each unit's latest payroll month on or before $as_of (its latest of all when NULL), for every
-- unit (a person may be paid outside the scope): payroll_latest(unit_code, month), worked out once
-- for the checks that look at it.
payroll_latest AS (
    SELECT unit_code, max(month) AS month
    FROM payroll_summary  -- the same months as payroll, without scanning every payroll row
    WHERE CAST($as_of AS DATE) IS NULL OR month <= CAST($as_of AS DATE)
    GROUP BY unit_code
)
