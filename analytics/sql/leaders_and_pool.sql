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
-- @include young_cutoff
,
keyed AS (SELECT unit_code, key FROM child_units),
-- Per unit first, then per child: joining every roster row to child_units cost most of the query.
-- The staff and the leaders come from the summary table; the pool is read from the roster's rows
-- (person joined to roster_units, as the roster CTE) filtered on its flag, which the scan applies
-- before reading the other columns: its young and disciplined need each person's dates.
unit_staff AS (  -- people in post and leaders per unit: the groups of person_in_post of the roster's snapshots
    SELECT p.unit_code, sum(p.people) AS staff, sum(p.leaders) AS leaders,
           sum(p.leaders) FILTER (WHERE p.gender = 'nu') AS leaders_women
    FROM person_in_post p JOIN roster_units r ON r.unit_code = p.unit_code AND r.snap = p.as_of
    GROUP BY p.unit_code
),
pool_counts AS (
    SELECT p.unit_code,
           count(*) AS succession_pool,
           count(*) FILTER (WHERE p.gender = 'nu') AS pool_women,
           count(*) FILTER (WHERE p.ethnicity <> 'kinh') AS pool_minority,
           count(*) FILTER (WHERE CASE WHEN $young_age >= 1 THEN p.birth_date > y.born_after
                                       ELSE date_sub('year', p.birth_date, y.ref) < $young_age END) AS pool_young,
           count(*) FILTER (WHERE p.discipline IS NOT NULL
                            AND (p.discipline_until IS NULL OR p.discipline_until >= y.ref)) AS pool_disciplined
    FROM person p
    JOIN roster_units r ON r.unit_code = p.unit_code AND r.snap = p.as_of
    JOIN young_cutoff y ON y.snap = p.as_of
    WHERE p.status = 'dang_cong_tac' AND p.in_succession_plan
    GROUP BY p.unit_code
),
counts AS (  -- per child first, unit names joined after (cheaper than grouping by names)
    SELECT k.key, sum(s.staff) AS staff, sum(s.leaders) AS leaders, sum(s.leaders_women) AS leaders_women,
           sum(c.succession_pool) AS succession_pool, sum(c.pool_women) AS pool_women,
           sum(c.pool_minority) AS pool_minority, sum(c.pool_young) AS pool_young,
           sum(c.pool_disciplined) AS pool_disciplined
    FROM unit_staff s
    JOIN keyed k ON k.unit_code = s.unit_code
    LEFT JOIN pool_counts c ON c.unit_code = s.unit_code
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
