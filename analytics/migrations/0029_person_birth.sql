-- Version 29: person_birth, people in post per roster date, birth date and gender (issue 14: the age
-- pyramid of the whole database counts birth dates instead of grouping every person row), filled
-- from the rows already there. Same DDL as the section of schema.sql; the same rows as
-- analytics/sql/refresh_person_birth.sql.
CREATE TABLE IF NOT EXISTS person_birth (
    as_of      DATE NOT NULL,
    birth_date DATE,
    gender     VARCHAR,
    people     BIGINT NOT NULL
);
DELETE FROM person_birth;
INSERT INTO person_birth
SELECT as_of, birth_date, gender, count(*)::BIGINT AS people
FROM person
WHERE status = 'dang_cong_tac'
GROUP BY ALL;
