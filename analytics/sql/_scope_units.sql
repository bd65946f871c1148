-- The units a query may look at: the scope unit and everything that rolls up to it through
-- unit_closure (tree and mergers); every unit when $scope is NULL. The one place scope is decided
-- (per-account unit limits will be added here).
scope_units AS (
    SELECT u.unit_code FROM unit u WHERE $scope IS NULL
    UNION
    SELECT c.unit_code FROM unit_closure c WHERE c.ancestor_code = $scope
)
