-- agencies_by_child: every city agency in scope that exists at $as_of (city_agencies), with the
-- unit directly under $scope it rolls up to (scope_children) and that unit's name and type: the
-- agency itself under its province, its province under the country (no scope). The pages and the
-- briefing add each agency's secondment and training up into that unit (analytics/children.py).
WITH RECURSIVE
-- @include scope_units
,
-- @include city_agencies
,
-- @include scope_children
SELECT c.key AS unit_code, coalesce(u.short_name, u.name) AS unit_name, u.unit_type, a.unit_code AS agency_code
FROM city_agencies a
JOIN child_units c ON c.unit_code = a.unit_code
JOIN unit u ON u.unit_code = c.key
ORDER BY unit_code, agency_code
