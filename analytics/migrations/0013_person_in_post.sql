-- Version 13: person_in_post, people in post per roster date, unit, category, gender and ethnic
-- minority (issue 14), filled from the rows already there. Same DDL as the section of schema.sql;
-- the same rows as analytics/sql/refresh_person_in_post.sql with every unit.
CREATE TABLE IF NOT EXISTS person_in_post (
    as_of           DATE NOT NULL,
    unit_code       VARCHAR NOT NULL,
    category        VARCHAR NOT NULL,
    gender          VARCHAR NOT NULL,
    minority        BOOLEAN NOT NULL,
    people          BIGINT NOT NULL CHECK (people > 0),
    leaders         BIGINT NOT NULL,
    succession_pool BIGINT NOT NULL,
    births          DATE[] NOT NULL,
    PRIMARY KEY (as_of, unit_code, category, gender, minority)
);
DELETE FROM person_in_post;
INSERT INTO person_in_post (as_of, unit_code, category, gender, minority, people, leaders, succession_pool, births)
SELECT as_of, unit_code, category, gender, ethnicity <> 'kinh' AS minority, count(*)::BIGINT AS people,
       count(*) FILTER (WHERE is_leader)::BIGINT AS leaders,
       count(*) FILTER (WHERE in_succession_plan)::BIGINT AS succession_pool,
       list(birth_date ORDER BY birth_date) AS births
FROM person
WHERE status = 'dang_cong_tac'
GROUP BY ALL;
