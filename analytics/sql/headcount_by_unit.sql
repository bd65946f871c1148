-- headcount_by_unit: per child unit of the scope and quota category, the quota of the latest year
-- on or before $year (with the present count reported with it) and the people in post in the
-- roster (cán bộ count against the civil-servant quota; public employees of self-financed units
-- are outside the budget-paid quota and are not counted against it, DOMAIN.md §2).
WITH RECURSIVE
-- @include scope_units
,
-- @include scope_children
,
-- @include roster
,
keyed AS (SELECT unit_code, key FROM child_units),
-- A child's quota rows are those of its subtree, summed per year in quota_rollup (ancestor_code =
-- the child): its latest year on or before $year read from there, not from every quota row.
quota_years AS (
    SELECT q.ancestor_code AS key, q.category, max(q.year) AS year
    FROM quota_rollup q
    WHERE q.ancestor_code IN (SELECT unit_code FROM scope_children) AND q.year <= $year
    GROUP BY ALL
),
quotas AS (
    SELECT y.key, y.category, y.year, q.quota_assigned AS quota, q.present AS present_reported
    FROM quota_rollup q
    JOIN quota_years y ON y.key = q.ancestor_code AND y.category = q.category AND y.year = q.year
),
present AS (  -- people per roster date, unit, category and status: the summary table, not the roster
    SELECT k.key, CASE WHEN p.category = 'can_bo' THEN 'cong_chuc' ELSE p.category END AS category,
           sum(p.people) AS present, max(p.as_of) AS roster_as_of
    FROM person_summary p
    JOIN roster_units r ON r.unit_code = p.unit_code AND r.snap = p.as_of
    JOIN keyed k ON k.unit_code = p.unit_code  -- roster units are all in the unit table
    WHERE p.status = 'dang_cong_tac'
      AND NOT (p.category = 'vien_chuc' AND p.unit_code IN (SELECT unit_code FROM unit WHERE self_financed))
    GROUP BY ALL
),
categories AS (SELECT unnest(['cong_chuc', 'vien_chuc', 'nguoi_lao_dong']) AS category)
SELECT ch.unit_code, coalesce(u.short_name, u.name) AS name, u.unit_type, c.category,
       q.year AS quota_year, q.quota::BIGINT AS quota, q.present_reported::BIGINT AS present_reported,
       coalesce(p.present, 0)::BIGINT AS present, p.roster_as_of
FROM scope_children ch
JOIN unit u ON u.unit_code = ch.unit_code
CROSS JOIN categories c
LEFT JOIN quotas q ON q.key = ch.unit_code AND q.category = c.category
LEFT JOIN present p ON p.key = ch.unit_code AND p.category = c.category
ORDER BY ch.unit_code, c.category
