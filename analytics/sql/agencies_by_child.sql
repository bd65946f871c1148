-- agencies_by_child: every city agency in scope that exists at $as_of (city_agencies), with the
-- unit directly under $scope it rolls up to (scope_children): the agency itself under its province,
-- its province under the country (no scope). The overview and the briefing add up each agency's
-- secondment and training into that unit (analytics/attention.py).
WITH RECURSIVE
-- @include scope_units
,
-- @include city_agencies
,
-- @include scope_children
SELECT c.key AS unit_code, a.unit_code AS agency_code
FROM city_agencies a
JOIN child_units c ON c.unit_code = a.unit_code
ORDER BY unit_code, agency_code
