-- reduction_by_group: the key of a unit is its own sector / former province, else that of the
-- nearest unit it rolls up to (fewest steps up the tree and mergers) that has one; NULL when
-- none has. For the former province the walk starts at the unit that carries the unit today
-- (unit_successor): an old agency merged into a city-wide agency counts with the city-wide
-- agencies (NULL), an old commune with the new commune's province — so each group compares the
-- same posts in 2021 and now instead of old agencies per province against nothing.
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
walk_start AS (
    SELECT s.unit_code, CASE WHEN $by = 'former_province' THEN coalesce(us.successor_code, s.unit_code)
                             ELSE s.unit_code END AS start_code
    FROM scope_units s LEFT JOIN unit_successor us USING (unit_code)
),
attr_walk(unit_code, at_code, depth, attr) AS (  -- up the tree and mergers until a value is found
    SELECT st.unit_code, st.start_code, 0, a.attr
    FROM walk_start st JOIN unit_attr a ON a.unit_code = st.start_code
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
