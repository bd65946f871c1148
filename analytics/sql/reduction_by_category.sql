-- reduction_by_category: the whole scope is one key.
WITH RECURSIVE
-- @include scope_units
,
-- @include roster
,
-- @include retirement
,
keyed AS (SELECT unit_code, 'scope' AS key FROM scope_units),
-- @include reduction_facts
