-- check_reduction_still_paid: a person who left under a reduction programme (status 'da_nghi') and
-- is still paid in a later month than the month of the effective date (payroll months up to $as_of).
WITH RECURSIVE
-- @include scope_units
SELECT r.case_id, r.person_id, r.unit_code, r.effective_date,
       count(*)::BIGINT AS months_paid_after, min(p.month) AS first_month, max(p.month) AS last_month
FROM reduction_case r
JOIN payroll p ON p.person_id = r.person_id AND p.month > date_trunc('month', r.effective_date)
WHERE r.status = 'da_nghi' AND r.effective_date IS NOT NULL
  AND r.unit_code IN (SELECT unit_code FROM scope_units)
  AND (CAST($as_of AS DATE) IS NULL OR p.month <= CAST($as_of AS DATE))
GROUP BY ALL
ORDER BY r.case_id
