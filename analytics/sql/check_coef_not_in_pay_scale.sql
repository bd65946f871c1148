-- check_coef_not_in_pay_scale: the rows at fault, as defined in the fragment _check_coef_not_in_pay_scale.sql.
WITH RECURSIVE
-- @include scope_units
,
-- @include roster
,
-- @include check_coef_not_in_pay_scale
SELECT * FROM check_coef_not_in_pay_scale
ORDER BY unit_code, person_id
