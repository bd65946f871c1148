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
counts AS (  -- per child first, unit names joined after (cheaper than grouping by names)
    SELECT k.key,
           count(*) AS staff,
           count(*) FILTER (WHERE p.is_leader) AS leaders,
           count(*) FILTER (WHERE p.is_leader AND p.gender = 'nu') AS leaders_women,
           count(*) FILTER (WHERE p.in_succession_plan) AS succession_pool,
           count(*) FILTER (WHERE p.in_succession_plan AND p.gender = 'nu') AS pool_women,
           count(*) FILTER (WHERE p.in_succession_plan AND p.ethnicity <> 'kinh') AS pool_minority,
           count(*) FILTER (WHERE p.in_succession_plan
                            AND date_sub('year', p.birth_date, coalesce(CAST($as_of AS DATE), p.as_of)) < $young_age) AS pool_young,
           count(*) FILTER (WHERE p.in_succession_plan AND p.discipline IS NOT NULL
                            AND (p.discipline_until IS NULL
                                 OR p.discipline_until >= coalesce(CAST($as_of AS DATE), p.as_of))) AS pool_disciplined
    FROM roster p JOIN keyed k ON k.unit_code = p.unit_code
    WHERE p.status = 'dang_cong_tac'
    GROUP BY k.key
)
SELECT ch.unit_code, coalesce(u.short_name, u.name) AS name, u.unit_type,
       coalesce(c.staff, 0)::BIGINT AS staff, coalesce(c.leaders, 0)::BIGINT AS leaders,
       coalesce(c.leaders_women, 0)::BIGINT AS leaders_women,
       coalesce(c.succession_pool, 0)::BIGINT AS succession_pool,
       coalesce(c.pool_women, 0)::BIGINT AS pool_women, coalesce(c.pool_minority, 0)::BIGINT AS pool_minority,
       coalesce(c.pool_young, 0)::BIGINT AS pool_young, coalesce(c.pool_disciplined, 0)::BIGINT AS pool_disciplined
FROM scope_children ch
JOIN unit u ON u.unit_code = ch.unit_code
LEFT JOIN counts c ON c.key = ch.unit_code
ORDER BY ch.unit_code
