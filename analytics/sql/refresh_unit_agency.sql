-- refresh_unit_agency: unit_agency from the unit table, the walk up the unit_edges from every unit
-- to the nearest today's so_nganh / co_quan_khac (done once per change of the units instead of in
-- every secondment query). The caller has deleted the old rows (analytics/summaries.py).
INSERT INTO unit_agency
WITH RECURSIVE
-- @include unit_edges
,
agency_walk(unit_code, up_code, depth) AS (
    SELECT unit_code, unit_code, 0 FROM unit
    UNION
    SELECT w.unit_code, e.up, w.depth + 1
    FROM agency_walk w JOIN unit_edges e ON e.child = w.up_code
    WHERE w.depth < 32
)
SELECT w.unit_code, first(w.up_code ORDER BY w.depth, w.up_code) AS agency_code
FROM agency_walk w JOIN unit u ON u.unit_code = w.up_code
WHERE u.unit_type IN ('so_nganh', 'co_quan_khac') AND u.merged_into IS NULL
GROUP BY w.unit_code
ORDER BY w.unit_code
