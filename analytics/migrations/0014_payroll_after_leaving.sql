-- Version 14: payroll_after_leaving, the payroll rows of people paid after leaving under a reduction
-- programme (issue 14), filled from the rows already there; it replaces payroll_person_last (version
-- 11), which the check reduction_still_paid no longer reads. Same DDL as the section of schema.sql;
-- the same rows as analytics/sql/refresh_payroll_after_leaving.sql with every unit.
DROP TABLE IF EXISTS payroll_person_last;
CREATE TABLE IF NOT EXISTS payroll_after_leaving (
    unit_code      VARCHAR NOT NULL,   -- the unit that paid
    month          DATE NOT NULL,
    person_id      VARCHAR NOT NULL,
    case_id        VARCHAR NOT NULL,
    case_unit_code VARCHAR NOT NULL,
    effective_date DATE NOT NULL
);
DELETE FROM payroll_after_leaving;
INSERT INTO payroll_after_leaving
SELECT p.unit_code, p.month, p.person_id, r.case_id, r.unit_code AS case_unit_code, r.effective_date
FROM reduction_case r
JOIN payroll p ON p.person_id = r.person_id AND p.month > date_trunc('month', r.effective_date)
WHERE r.status = 'da_nghi' AND r.effective_date IS NOT NULL AND r.person_id IS NOT NULL;
