-- check_unknown_unit: the rows at fault, as defined in the fragment _check_unknown_unit.sql.
WITH RECURSIVE
-- @include check_unknown_unit
SELECT * FROM check_unknown_unit
ORDER BY table_name, unit_code
