-- workforce_by: people in post in scope per value of one dimension ($dimension, allow-listed in
-- analytics/workforce.py), with women, ethnic minority and young (under $young_age at $as_of, else at
-- the snapshot date) among them.
WITH RECURSIVE
-- @include scope_units
,
-- @include roster
,
-- @include young_cutoff
SELECT CASE $dimension
           WHEN 'ethnicity' THEN p.ethnicity
           WHEN 'qualification' THEN p.qualification
           WHEN 'pay_group' THEN p.pay_group
           WHEN 'grade' THEN p.grade_code
           WHEN 'category' THEN p.category
           WHEN 'political_theory' THEN p.political_theory
           WHEN 'gender' THEN p.gender
       END AS value,
       count(*)::BIGINT AS people,
       count(*) FILTER (WHERE p.gender = 'nu')::BIGINT AS women,
       count(*) FILTER (WHERE p.ethnicity <> 'kinh')::BIGINT AS minority,
       count(*) FILTER (WHERE CASE WHEN $young_age >= 1 THEN p.birth_date > y.born_after
                                   ELSE date_sub('year', p.birth_date, y.ref) < $young_age END)::BIGINT AS young
FROM roster p
JOIN young_cutoff y ON y.snap = p.as_of
WHERE p.status = 'dang_cong_tac'
GROUP BY ALL
ORDER BY people DESC, value
