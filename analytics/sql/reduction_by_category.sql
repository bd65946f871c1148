-- reduction_by_category: the whole scope is one key.
WITH RECURSIVE
-- @include scope_units
,
-- @include roster
,
-- @include retirement
,
keyed AS (SELECT unit_code, 'scope' AS key FROM scope_units),
key_quota AS (  -- the scope's quota per category and year (quota_rollup; NULL: the whole database)
    SELECT 'scope' AS key, category, year, quota_assigned, cut_pending
    FROM quota_rollup
    WHERE ancestor_code IS NOT DISTINCT FROM $scope
      AND category IN ('cong_chuc', 'vien_chuc')
),
-- @include reduction_facts
