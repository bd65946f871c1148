-- reduction_by_unit: each child unit of the scope is a key; every unit that rolls up to it
-- (its subtree and the old units merged into it) counts under it.
WITH RECURSIVE
-- @include scope_units
,
-- @include scope_children
,
-- @include roster
,
-- @include retirement
,
keyed AS (SELECT unit_code, key FROM child_units),
-- @include reduction_facts
