-- refresh_unit_agency: unit_agency from the unit table: for every unit, the nearest today's so_nganh /
-- co_quan_khac among the units it rolls up to (the view unit_closure, with the steps up), done once
-- per change of the units instead of in every secondment query. The caller has deleted the old rows
-- (analytics/summaries.py).
INSERT INTO unit_agency
SELECT c.unit_code, first(c.ancestor_code ORDER BY c.depth, c.ancestor_code) AS agency_code
FROM unit_closure c JOIN unit a ON a.unit_code = c.ancestor_code
WHERE a.unit_type IN ('so_nganh', 'co_quan_khac') AND a.merged_into IS NULL
GROUP BY c.unit_code
ORDER BY c.unit_code
