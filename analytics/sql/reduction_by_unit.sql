-- reduction_by_unit: each child unit of the scope is a key; every unit that rolls up to it
-- (its subtree and the old units merged into it) counts under it; the rest of the scope is the
-- NULL key, so the rows add up to the scope.
WITH RECURSIVE
-- @include scope_units
,
-- @include scope_children
,
-- @include roster
,
-- @include retirement
,
keyed AS (  -- units in scope under no current child (abolished districts, …) form the NULL key
    SELECT unit_code, key FROM child_units
    UNION ALL
    SELECT unit_code, NULL FROM scope_units WHERE unit_code NOT IN (SELECT unit_code FROM child_units)
),
-- @include keyed_quota
,
-- @include reduction_facts
