-- check_units_without_data: the rows at fault, as defined in the fragment _check_units_without_data.sql.
WITH RECURSIVE
-- @include scope_units
,
-- @include check_units_without_data
SELECT * FROM check_units_without_data
ORDER BY unit_code
