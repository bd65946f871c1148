-- refresh_payroll_after_leaving: payroll_after_leaving rows of the paying units in $units (every unit
-- when $all) from their payroll rows and the reduction cases. The caller has deleted the old rows
-- of those units (analytics/summaries.py; after a change to the reduction cases, of every unit).
INSERT INTO payroll_after_leaving
SELECT p.unit_code, p.month, p.person_id, r.case_id, r.unit_code AS case_unit_code, r.effective_date
FROM reduction_case r
JOIN payroll p ON p.person_id = r.person_id AND p.month > date_trunc('month', r.effective_date)
WHERE r.status = 'da_nghi' AND r.effective_date IS NOT NULL AND r.person_id IS NOT NULL
  AND ($all OR p.unit_code IN (SELECT unnest(CAST($units AS VARCHAR[]))))
