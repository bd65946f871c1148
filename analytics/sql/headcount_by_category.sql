-- headcount_by_category: per quota category, the quota of the scope in the latest year on or before
-- $year that has rows for it, and the people in post in the roster with their composition (cán bộ
-- count against the civil-servant quota).
WITH RECURSIVE
-- @include scope_units
,
-- @include roster
,
-- @include young_cutoff
,
scope_quota AS (  -- the scope's quota per category and year (quota_rollup; NULL: the whole database)
    SELECT category, year, quota_assigned, present FROM quota_rollup
    WHERE ancestor_code IS NOT DISTINCT FROM $scope
),
quota_year AS (
    SELECT category, max(year) AS year FROM scope_quota WHERE year <= $year GROUP BY category
),
quotas AS (
    SELECT q.category, y.year, q.quota_assigned AS quota, q.present AS present_reported
    FROM scope_quota q JOIN quota_year y ON y.category = q.category AND y.year = q.year
),
people AS (  -- from person_in_post: a row per group of people in post, their birth dates in a list
    SELECT CASE WHEN p.category = 'can_bo' THEN 'cong_chuc' ELSE p.category END AS category,
           -- against the quota: public employees of self-financed units are outside it (DOMAIN.md §2)
           sum(p.people) FILTER (WHERE NOT (p.category = 'vien_chuc'
                                            AND p.unit_code IN (SELECT unit_code FROM unit WHERE self_financed))) AS present,
           sum(p.people) FILTER (WHERE p.gender = 'nu') AS women,
           sum(p.people) FILTER (WHERE p.minority) AS minority,
           sum(CASE WHEN $young_age >= 1 THEN len(list_filter(p.births, lambda b: b > y.born_after))
                    ELSE len(list_filter(p.births, lambda b: date_sub('year', b, y.ref) < $young_age)) END) AS young,
           sum(p.leaders) AS leaders,
           sum(p.succession_pool) AS succession_pool,
           max(p.as_of) AS roster_as_of
    FROM roster_groups p  -- (roster units are in the unit table: scope_units is drawn from it)
    JOIN young_cutoff y ON y.snap = p.as_of
    GROUP BY 1
),
categories AS (SELECT unnest(['cong_chuc', 'vien_chuc', 'nguoi_lao_dong']) AS category)
SELECT c.category, q.year AS quota_year, q.quota::BIGINT AS quota,
       q.present_reported::BIGINT AS present_reported,
       coalesce(p.present, 0)::BIGINT AS present, coalesce(p.women, 0)::BIGINT AS women,
       coalesce(p.minority, 0)::BIGINT AS minority, coalesce(p.young, 0)::BIGINT AS young,
       coalesce(p.leaders, 0)::BIGINT AS leaders, coalesce(p.succession_pool, 0)::BIGINT AS succession_pool,
       p.roster_as_of
FROM categories c
LEFT JOIN quotas q ON q.category = c.category
LEFT JOIN people p ON p.category = c.category
ORDER BY c.category
