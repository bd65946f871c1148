-- refresh_payroll_coef_diff: payroll_coef_diff rows of the units in $units (every unit when $all):
-- in every payroll month of the unit, the rows whose salary coefficient differs from the person's
-- in the unit's latest roster snapshot on or before the end of that month. Reads person_summary
-- and payroll_summary for the dates, so runs after their refresh; the caller has deleted the old
-- rows of those units (analytics/summaries.py).
INSERT INTO payroll_coef_diff
WITH snap AS (
    SELECT l.unit_code, l.month, max(s.as_of) AS as_of
    FROM (SELECT DISTINCT unit_code, month FROM payroll_summary
          WHERE $all OR unit_code IN (SELECT unnest(CAST($units AS VARCHAR[])))) l
    JOIN (SELECT DISTINCT unit_code, as_of FROM person_summary) s
      ON s.unit_code = l.unit_code AND s.as_of <= last_day(l.month)
    GROUP BY l.unit_code, l.month
)
SELECT pr.month, pr.unit_code, pr.person_id, pr.salary_coef AS payroll_coef, p.salary_coef AS roster_coef,
       p.as_of AS roster_as_of
FROM snap s
JOIN payroll pr ON pr.unit_code = s.unit_code AND pr.month = s.month
JOIN person p ON p.as_of = s.as_of AND p.unit_code = pr.unit_code AND p.person_id = pr.person_id
WHERE p.salary_coef IS NOT NULL AND p.salary_coef <> pr.salary_coef
