-- reduction_by_group: the key of a unit is its own sector / former province, else that of the
-- nearest unit it rolls up to (fewest steps up the tree and mergers) that has one; NULL when
-- none has.
WITH RECURSIVE
-- @include scope_units
,
-- @include roster
,
-- @include retirement
,
unit_attr AS (
    SELECT unit_code, CASE $by WHEN 'sector' THEN sector WHEN 'former_province' THEN former_province END AS attr
    FROM unit
),
attr_walk(unit_code, at_code, depth, attr) AS (  -- up the tree and mergers until a value is found
    SELECT a.unit_code, a.unit_code, 0, a.attr
    FROM unit_attr a WHERE a.unit_code IN (SELECT unit_code FROM scope_units)
    UNION ALL
    SELECT w.unit_code, e.up, w.depth + 1, a.attr
    FROM attr_walk w
    JOIN scope_edges e ON e.child = w.at_code
    JOIN unit_attr a ON a.unit_code = e.up
    WHERE w.attr IS NULL AND w.depth < 32
),
keyed AS (
    SELECT unit_code, min_by(attr, depth) FILTER (WHERE attr IS NOT NULL) AS key
    FROM attr_walk GROUP BY unit_code
),
-- @include reduction_facts
