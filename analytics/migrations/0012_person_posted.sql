-- Version 12: person_posted, the roster rows of the people a secondment names (issue 14), filled from
-- the rows already there. Same DDL as the section of schema.sql; the same rows as
-- analytics/sql/refresh_person_posted.sql with every unit.
CREATE TABLE IF NOT EXISTS person_posted (
    as_of              DATE NOT NULL,
    unit_code          VARCHAR NOT NULL,
    person_id          VARCHAR NOT NULL,
    birth_date         DATE NOT NULL,
    gender             VARCHAR NOT NULL,
    ethnicity          VARCHAR NOT NULL,
    is_leader          BOOLEAN NOT NULL,
    in_succession_plan BOOLEAN NOT NULL,
    discipline         VARCHAR,
    discipline_until   DATE,
    health             VARCHAR
);
DELETE FROM person_posted;
INSERT INTO person_posted
SELECT as_of, unit_code, person_id, birth_date, gender, ethnicity, is_leader, in_succession_plan,
       discipline, discipline_until, health
FROM person
WHERE person_id IN (SELECT person_id FROM secondment);
