-- refresh_person_posted: person_posted rows of the units in $units (every unit when $all) from the
-- person rows of the people a secondment names. The caller has deleted the old rows of those units
-- (analytics/summaries.py; after a change to the secondments, of every unit).
INSERT INTO person_posted
SELECT as_of, unit_code, person_id, birth_date, gender, ethnicity, is_leader, in_succession_plan,
       discipline, discipline_until, health
FROM person
WHERE ($all OR unit_code IN (SELECT unnest(CAST($units AS VARCHAR[]))))
  AND person_id IN (SELECT person_id FROM secondment)
