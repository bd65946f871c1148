-- refresh_unit_rollup: unit_rollup from the unit table, every unit with each unit it rolls up to
-- through the tree (parent_code) and through mergers (merged_into), itself included, at any
-- depth (the walk up the unit_edges, done once per change of the units instead of in
-- every query). The caller has deleted the old rows (analytics/summaries.py). Sorted by ancestor,
-- so that a query's "units under these" reads few row groups.
INSERT INTO unit_rollup
WITH RECURSIVE
-- @include unit_edges
,
walk(ancestor_code, unit_code) AS (
    SELECT unit_code, unit_code FROM unit
    UNION
    SELECT e.up, w.unit_code FROM walk w JOIN unit_edges e ON e.child = w.ancestor_code
)
SELECT ancestor_code, unit_code FROM walk ORDER BY ancestor_code, unit_code
