-- reorganisation_by_year: units affected per year of decision ($start..$end) and action.
WITH RECURSIVE
-- @include scope_units
,
-- @include reorg_units
SELECT year(r.decision_date)::INTEGER AS year, r.action, count(DISTINCT r.unit_code)::BIGINT AS units,
       count(*)::BIGINT AS decisions
FROM reorg_decision r JOIN reorg_units u USING (unit_code)
WHERE r.decision_date BETWEEN $start AND $end
GROUP BY ALL
ORDER BY year, r.action
