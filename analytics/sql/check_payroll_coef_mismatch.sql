-- check_payroll_coef_mismatch: the rows at fault, as defined in the fragment _check_payroll_coef_mismatch.sql.
WITH RECURSIVE
-- @include scope_units
,
-- @include payroll_latest
,
-- @include check_payroll_coef_mismatch
SELECT * FROM check_payroll_coef_mismatch
ORDER BY month, unit_code, person_id
