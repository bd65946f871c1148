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
key_quota AS (  -- a child's quota rows are its subtree's: quota_rollup; the NULL key's, summed here
    SELECT q.ancestor_code AS key, q.category, q.year, q.quota_assigned, q.cut_pending
    FROM quota_rollup q
    WHERE q.ancestor_code IN (SELECT unit_code FROM scope_children) AND q.category IN ('cong_chuc', 'vien_chuc')
    UNION ALL
    SELECT NULL, q.category, q.year, sum(q.quota_assigned)::BIGINT, sum(q.cut_pending)::BIGINT
    FROM quota q JOIN keyed k ON k.unit_code = q.unit_code AND k.key IS NULL
    WHERE q.category IN ('cong_chuc', 'vien_chuc')
    GROUP BY q.category, q.year
),
-- @include reduction_facts
