-- reduction_by_group: the key of a unit is its own sector / former province, else that of the
-- nearest unit it rolls up to (fewest steps in unit_closure) that has one; NULL when none has.
WITH RECURSIVE
-- @include scope_units
,
-- @include roster
,
-- @include retirement
,
attrs AS (
    SELECT c.unit_code, c.depth,
           CASE $by WHEN 'sector' THEN u.sector WHEN 'former_province' THEN u.former_province END AS attr
    FROM unit_closure c JOIN unit u ON u.unit_code = c.ancestor_code
    WHERE c.unit_code IN (SELECT unit_code FROM scope_units)
),
keyed AS (
    SELECT s.unit_code, min_by(a.attr, a.depth) AS key
    FROM scope_units s LEFT JOIN attrs a ON a.unit_code = s.unit_code AND a.attr IS NOT NULL
    GROUP BY s.unit_code
),
-- @include reduction_facts
