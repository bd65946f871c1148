-- check_quota_total_row: the rows at fault, as defined in the fragment _check_quota_total_row.sql.
WITH RECURSIVE
-- @include scope_units
,
-- @include check_quota_total_row
SELECT * FROM check_quota_total_row
ORDER BY unit_code, year, category
