-- check_person_two_units: the rows at fault, as defined in the fragment _check_person_two_units.sql.
WITH RECURSIVE
-- @include scope_units
,
-- @include check_person_two_units
SELECT * FROM check_person_two_units
ORDER BY as_of, person_id
