-- check_secondment_overlap: the rows at fault, as defined in the fragment _check_secondment_overlap.sql.
WITH RECURSIVE
-- @include scope_units
,
-- @include check_secondment_overlap
SELECT * FROM check_secondment_overlap
ORDER BY person_id, secondment_id
