-- check_reduction_still_paid: the rows at fault, as defined in the fragment _check_reduction_still_paid.sql.
WITH RECURSIVE
-- @include scope_units
,
-- @include payroll_latest
,
-- @include check_reduction_still_paid
SELECT * FROM check_reduction_still_paid
ORDER BY case_id, paid_by_unit_code
