-- The units a query may look at: the scope unit and every unit that rolls up to it through the
-- tree (parent_code) and through mergers (merged_into), read from unit_rollup (the walk down from
-- the scope, done once per change of the units: analytics/summaries.py); every unit when $scope is
-- NULL. The one place scope is decided (per-account unit limits will be added here). Queries that
-- include it start with WITH RECURSIVE.
--
-- With no scope, a semi-join against scope_units would look every row's unit up among every unit
-- of the database, the main cost of a small query at national scale. So a row is kept in scope with
--   of a data table that unknown_unit_ref follows (quota, person, payroll, reduction_case,
--   secondment, training, and the summary tables of their rows):
--     (x.unit_code IN (SELECT unit_code FROM scope_walk)
--      OR ($scope IS NULL AND x.unit_code NOT IN (SELECT unit_code FROM unknown_unit_ref)))
--   of the unit table: ($scope IS NULL OR u.unit_code IN (SELECT unit_code FROM scope_walk))
--   of any other table: x.unit_code IN (SELECT unit_code FROM scope_units)
-- (unknown_unit_ref: the rows naming a unit the unit table does not hold, outside every scope).
scope_walk(unit_code) AS (  -- (no row when $scope is NULL)
    SELECT unit_code FROM unit_rollup WHERE ancestor_code = $scope
),
scope_units AS (
    SELECT unit_code FROM unit WHERE $scope IS NULL
    UNION ALL
    SELECT unit_code FROM scope_walk
)
