-- people_left_by_route_year: reduction cases of one programme (approved or left) per category,
-- route and year, with the payouts recorded.
WITH RECURSIVE
-- @include scope_units
SELECT r.category, r.route, r.year,
       count(*)::BIGINT AS people,
       sum(r.payout_vnd)::BIGINT AS payout_vnd
FROM reduction_case r
WHERE r.programme = $programme AND r.status IN ('da_nghi', 'da_phe_duyet')
  AND (r.unit_code IN (SELECT unit_code FROM scope_walk) OR ($scope IS NULL AND r.unit_code NOT IN (SELECT unit_code FROM unknown_unit_ref)))
GROUP BY ALL
ORDER BY r.category, r.year, r.route
