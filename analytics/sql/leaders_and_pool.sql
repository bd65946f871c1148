-- leaders_and_pool: per child unit of the scope, staff in post, serving leaders and the
-- succession pool (quy hoạch) with its composition; pool_disciplined = in the pool while a
-- discipline is in force at the reference date ($as_of, else the snapshot date).
WITH RECURSIVE
-- @include scope_units
,
-- @include scope_children
,
-- @include roster
,
keyed AS (SELECT unit_code, key FROM child_units),
people AS (
    SELECT k.key, p.*, coalesce(CAST($as_of AS DATE), p.as_of) AS ref
    FROM roster p JOIN keyed k ON k.unit_code = p.unit_code
    WHERE p.status = 'dang_cong_tac'
)
SELECT ch.unit_code, coalesce(u.short_name, u.name) AS name, u.unit_type,
       count(p.person_id)::BIGINT AS staff,
       count(*) FILTER (WHERE p.is_leader)::BIGINT AS leaders,
       count(*) FILTER (WHERE p.is_leader AND p.gender = 'nu')::BIGINT AS leaders_women,
       count(*) FILTER (WHERE p.in_succession_plan)::BIGINT AS succession_pool,
       count(*) FILTER (WHERE p.in_succession_plan AND p.gender = 'nu')::BIGINT AS pool_women,
       count(*) FILTER (WHERE p.in_succession_plan AND p.ethnicity <> 'kinh')::BIGINT AS pool_minority,
       count(*) FILTER (WHERE p.in_succession_plan AND date_sub('year', p.birth_date, p.ref) < $young_age)::BIGINT AS pool_young,
       count(*) FILTER (WHERE p.in_succession_plan AND p.discipline IS NOT NULL
                        AND (p.discipline_until IS NULL OR p.discipline_until >= p.ref))::BIGINT AS pool_disciplined
FROM scope_children ch
JOIN unit u ON u.unit_code = ch.unit_code
LEFT JOIN people p ON p.key = ch.unit_code
GROUP BY ALL
ORDER BY ch.unit_code
