-- prune_person_twice: removes the person_twice rows whose (roster date, person) has no other row
-- left, once refresh_person_twice has run: a pair that a load or an undo took out of a unit, and
-- that only one unit lists any more (analytics/summaries.py).
DELETE FROM person_twice
WHERE (SELECT count(*) FROM person_twice o
       WHERE o.as_of = person_twice.as_of AND o.person_id = person_twice.person_id) = 1
