-- person_birth: people in post per roster date, birth date and gender, over every unit (refreshed
-- whole on each roster load: a few tens of thousands of rows from every person row in post). The age
-- pyramid of the whole database reads the dates it takes whole (roster_date) from here.
INSERT INTO person_birth
SELECT as_of, birth_date, gender, count(*)::BIGINT AS people
FROM person
WHERE status = 'dang_cong_tac'
GROUP BY ALL
