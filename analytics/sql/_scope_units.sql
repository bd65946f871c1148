-- The units a query may look at: the scope unit and every unit that rolls up to it through the
-- tree (parent_code) and through mergers (merged_into), read from unit_rollup (the walk down from
-- the scope, done once per change of the units: analytics/summaries.py); every unit when $scope is
-- NULL. The one place scope is decided (per-account unit limits will be added here). Queries that
-- include it start with WITH RECURSIVE.
scope_walk(unit_code) AS (  -- (no row when $scope is NULL)
    SELECT unit_code FROM unit_rollup WHERE ancestor_code = $scope
),
scope_units AS (
    SELECT unit_code FROM unit WHERE $scope IS NULL
    UNION ALL
    SELECT unit_code FROM scope_walk
)
