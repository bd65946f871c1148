-- The units a query may look at: the scope unit and every unit that rolls up to it through the
-- tree (parent_code) and through mergers (merged_into), the same set as unit_closure rows with
-- ancestor_code = $scope but walked down from the scope only (much cheaper); every unit when $scope
-- is NULL. The one place scope is decided (per-account unit limits will be added here). Queries
-- that include it start with WITH RECURSIVE.
scope_edges AS (
    SELECT unit_code AS child, parent_code AS up FROM unit WHERE parent_code IS NOT NULL
    UNION ALL
    SELECT unit_code, merged_into FROM unit WHERE merged_into IS NOT NULL
),
scope_walk(unit_code) AS (
    SELECT unit_code FROM unit WHERE unit_code = $scope
    UNION
    SELECT e.child FROM scope_edges e JOIN scope_walk w ON e.up = w.unit_code
    WHERE $scope IS NOT NULL  -- (with no scope the walk is empty: spares hashing every edge for it)
),
scope_units AS (
    SELECT unit_code FROM unit WHERE $scope IS NULL
    UNION ALL
    SELECT unit_code FROM scope_walk
)
