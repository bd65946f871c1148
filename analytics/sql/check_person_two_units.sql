-- check_person_two_units: one person listed in post by two units' rosters of the same date.
WITH RECURSIVE
-- @include scope_units
SELECT p.as_of, p.person_id, list(p.unit_code ORDER BY p.unit_code) AS unit_codes, count(*)::BIGINT AS units
FROM person p
WHERE p.status = 'dang_cong_tac' AND (CAST($as_of AS DATE) IS NULL OR p.as_of <= CAST($as_of AS DATE))
GROUP BY p.as_of, p.person_id
HAVING count(*) > 1 AND bool_or(p.unit_code IN (SELECT unit_code FROM scope_units))
ORDER BY p.as_of, p.person_id
