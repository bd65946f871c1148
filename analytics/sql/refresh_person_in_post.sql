-- refresh_person_in_post: person_in_post rows of the units in $units (every unit when $all) from
-- the person rows in post. The caller has deleted the old rows of those units
-- (analytics/summaries.py).
INSERT INTO person_in_post
SELECT as_of, unit_code, category, gender, ethnicity <> 'kinh' AS minority, count(*)::BIGINT AS people,
       count(*) FILTER (WHERE is_leader)::BIGINT AS leaders,
       count(*) FILTER (WHERE in_succession_plan)::BIGINT AS succession_pool,
       list(birth_date ORDER BY birth_date) AS births,
       count(salary_coef)::BIGINT AS coef_people, coalesce(CAST(sum(salary_coef) * 100 AS BIGINT), 0) AS coef_cents
FROM person
WHERE status = 'dang_cong_tac'
  AND ($all OR unit_code IN (SELECT unnest(CAST($units AS VARCHAR[]))))
GROUP BY ALL
