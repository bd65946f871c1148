-- refresh_unit_group_key: unit_group_key from the unit table, for each attribute reduction_by_group
-- groups by ('sector', 'former_province') and every unit: the unit's own value, else that of the
-- nearest unit it rolls up to (fewest steps up the tree and mergers) that has one; NULL when none
-- has. For the former province the walk starts at the unit that carries the unit today
-- (unit_successor). Done once per change of the units instead of in every query. The caller has
-- deleted the old rows (analytics/summaries.py).
INSERT INTO unit_group_key
WITH RECURSIVE
-- @include unit_edges
,
attributes(attribute) AS (VALUES ('sector'), ('former_province')),
unit_attr AS (
    SELECT b.attribute, u.unit_code,
           CASE b.attribute WHEN 'sector' THEN u.sector WHEN 'former_province' THEN u.former_province END AS attr
    FROM unit u CROSS JOIN attributes b
),
walk_start AS (
    SELECT b.attribute, u.unit_code,
           CASE WHEN b.attribute = 'former_province' THEN coalesce(us.successor_code, u.unit_code)
                ELSE u.unit_code END AS start_code
    FROM unit u CROSS JOIN attributes b LEFT JOIN unit_successor us ON us.unit_code = u.unit_code
),
attr_walk(attribute, unit_code, at_code, depth, attr) AS (  -- up the tree and mergers until a value is found
    SELECT st.attribute, st.unit_code, st.start_code, 0, a.attr
    FROM walk_start st JOIN unit_attr a ON a.attribute = st.attribute AND a.unit_code = st.start_code
    UNION ALL
    SELECT w.attribute, w.unit_code, e.up, w.depth + 1, a.attr
    FROM attr_walk w
    JOIN unit_edges e ON e.child = w.at_code
    JOIN unit_attr a ON a.attribute = w.attribute AND a.unit_code = e.up
    WHERE w.attr IS NULL AND w.depth < 32
)
SELECT attribute, unit_code, min_by(attr, depth) FILTER (WHERE attr IS NOT NULL) AS key
FROM attr_walk
GROUP BY attribute, unit_code
ORDER BY attribute, unit_code
