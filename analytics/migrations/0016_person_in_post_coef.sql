-- Version 16: person_in_post also keeps, per group, the people with a salary coefficient and the
-- sum of their coefficients in hundredths (issue 14), so the training budget's estimate averages
-- the coefficient from the groups instead of the person rows. The table is built again with the
-- DDL of schema.sql's section and the rows of analytics/sql/refresh_person_in_post.sql with every
-- unit (the columns are NOT NULL: added to a filled table they would need a default).
DROP TABLE IF EXISTS person_in_post;
CREATE TABLE person_in_post (
    as_of           DATE NOT NULL,
    unit_code       VARCHAR NOT NULL,
    category        VARCHAR NOT NULL,
    gender          VARCHAR NOT NULL,
    minority        BOOLEAN NOT NULL,
    people          BIGINT NOT NULL CHECK (people > 0),
    leaders         BIGINT NOT NULL,
    succession_pool BIGINT NOT NULL,
    births          DATE[] NOT NULL,
    coef_people     BIGINT NOT NULL,
    coef_cents      BIGINT NOT NULL,
    PRIMARY KEY (as_of, unit_code, category, gender, minority)
);
INSERT INTO person_in_post
SELECT as_of, unit_code, category, gender, ethnicity <> 'kinh' AS minority, count(*)::BIGINT AS people,
       count(*) FILTER (WHERE is_leader)::BIGINT AS leaders,
       count(*) FILTER (WHERE in_succession_plan)::BIGINT AS succession_pool,
       list(birth_date ORDER BY birth_date) AS births,
       count(salary_coef)::BIGINT AS coef_people, coalesce(CAST(sum(salary_coef) * 100 AS BIGINT), 0) AS coef_cents
FROM person
WHERE status = 'dang_cong_tac'
GROUP BY ALL;
