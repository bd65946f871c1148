-- check_secondment_not_to_commune: the rows at fault, as defined in the fragment _check_secondment_not_to_commune.sql.
WITH RECURSIVE
-- @include scope_units
,
-- @include check_secondment_not_to_commune
SELECT * FROM check_secondment_not_to_commune
ORDER BY secondment_id
