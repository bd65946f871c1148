-- refresh_person_twice: the person_twice rows of every (roster date, person) that a person row in
-- post of the units in $units (every unit when $all) has, when two or more units list that person
-- in post on that date: all of that pair's rows, those of other units included (the ones already
-- there are left alone). The caller has deleted the old rows of those units and prunes the pairs
-- left with one row afterwards (prune_person_twice; analytics/summaries.py).
INSERT INTO person_twice
WITH touched AS (
    SELECT DISTINCT as_of, person_id FROM person
    WHERE status = 'dang_cong_tac' AND ($all OR unit_code IN (SELECT unnest(CAST($units AS VARCHAR[]))))
),
pairs AS (
    SELECT p.as_of, p.person_id
    FROM person p JOIN touched t ON t.as_of = p.as_of AND t.person_id = p.person_id
    WHERE p.status = 'dang_cong_tac'
    GROUP BY p.as_of, p.person_id
    HAVING count(*) > 1
)
SELECT p.as_of, p.person_id, p.unit_code
FROM person p JOIN pairs x ON x.as_of = p.as_of AND x.person_id = p.person_id
WHERE p.status = 'dang_cong_tac'
  AND NOT EXISTS (
      SELECT 1 FROM person_twice t
      WHERE t.as_of = p.as_of AND t.person_id = p.person_id AND t.unit_code = p.unit_code
  )
