-- check_over_quota: the rows at fault, as defined in the fragment _check_over_quota.sql.
WITH RECURSIVE
-- @include scope_units
,
-- @include check_over_quota
SELECT * FROM check_over_quota
ORDER BY unit_code, category
