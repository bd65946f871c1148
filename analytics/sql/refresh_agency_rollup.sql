-- agency_rollup: each of agency_unit's agencies with every unit that rolls up to it (itself, its
-- divisions, old units merged into it), from unit_rollup (refreshed before it): the fragment
-- _city_agencies reads these pairs instead of looking its agencies up among every pair. The caller
-- has deleted the old rows (analytics/summaries.py).
INSERT INTO agency_rollup
SELECT r.ancestor_code AS agency_code, r.unit_code
FROM unit_rollup r
WHERE r.ancestor_code IN (SELECT unit_code FROM agency_unit)
ORDER BY agency_code, r.unit_code
