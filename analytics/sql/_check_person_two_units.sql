-- check_person_two_units: one person listed in post by two units' rosters of the same date, among
-- the snapshots in use (each unit's latest on or before $as_of). Needs scope_units.
check_person_two_units AS (
    WITH snaps AS (  -- roster dates from the summary table (analytics/summaries.py)
        SELECT unit_code, max(as_of) AS snap FROM person_summary
        WHERE CAST($as_of AS DATE) IS NULL OR as_of <= CAST($as_of AS DATE)
        GROUP BY unit_code
    ),
    in_post AS (  -- only people listed in post by several units on one date can be at fault: person_twice
        SELECT p.as_of, p.person_id, p.unit_code
        FROM person_twice p JOIN snaps s ON s.unit_code = p.unit_code AND s.snap = p.as_of
    ),
    twice AS (SELECT as_of, person_id FROM in_post GROUP BY as_of, person_id HAVING count(*) > 1)
    SELECT i.as_of, i.person_id, list(i.unit_code ORDER BY i.unit_code) AS unit_codes, count(*)::BIGINT AS units
    FROM in_post i JOIN twice t ON t.as_of = i.as_of AND t.person_id = i.person_id
    GROUP BY i.as_of, i.person_id
    HAVING bool_or(i.unit_code IN (SELECT unit_code FROM scope_walk) OR ($scope IS NULL AND i.unit_code NOT IN (SELECT unit_code FROM unknown_unit_ref)))
)
