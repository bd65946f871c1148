-- The rows of a "by unit" breakdown: the units directly under $scope (parent_code), without the
-- old units merged into a unit that is itself in scope (they count under their successor); when
-- $scope is NULL the roots (no parent, not merged). child_units(unit_code, key) gives every unit
-- that rolls up to each child (key) through the unit_edges. Needs scope_units (its scope_walk).
scope_children AS (
    SELECT u.unit_code
    FROM unit u
    WHERE (u.parent_code = $scope OR ($scope IS NULL AND u.parent_code IS NULL AND u.merged_into IS NULL))
      -- (with no scope the roots are not merged: no look-up among every unit)
      AND ($scope IS NULL OR u.merged_into IS NULL OR u.merged_into NOT IN (SELECT unit_code FROM scope_walk))
),
child_units(unit_code, key) AS (  -- unit_rollup: the walk down the unit_edges, done once per change of the units
    SELECT r.unit_code, r.ancestor_code FROM unit_rollup r
    WHERE r.ancestor_code IN (SELECT unit_code FROM scope_children)
)
