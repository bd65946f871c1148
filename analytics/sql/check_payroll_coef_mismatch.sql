-- check_payroll_coef_mismatch: a payroll row whose salary coefficient differs from the person's
-- coefficient in the latest roster snapshot of the same unit on or before the end of that month
-- (payroll months up to $as_of).
WITH RECURSIVE
-- @include scope_units
SELECT pr.month, pr.unit_code, pr.person_id, pr.salary_coef AS payroll_coef,
       p.salary_coef AS roster_coef, p.as_of AS roster_as_of
FROM payroll pr
ASOF JOIN person p
  ON p.person_id = pr.person_id AND p.unit_code = pr.unit_code AND last_day(pr.month) >= p.as_of
WHERE p.salary_coef IS NOT NULL AND p.salary_coef <> pr.salary_coef
  AND pr.unit_code IN (SELECT unit_code FROM scope_units)
  AND (CAST($as_of AS DATE) IS NULL OR pr.month <= CAST($as_of AS DATE))
ORDER BY pr.month, pr.unit_code, pr.person_id
