-- secondment_by_agency: the base of the required number (quota of the agency's subtree in the
-- latest year with quota rows on or before the year of $as_of) and the agency's own staff (roster
-- in post at $as_of) with its composition.
WITH RECURSIVE
-- @include scope_units
,
-- @include roster
,
-- @include city_agencies
,
latest_quota AS (  -- each agency's quota of its subtree per category in its latest year (quota_rollup)
    SELECT ancestor_code AS agency_code, category, max(year) AS year, arg_max(quota_assigned, year) AS quota
    FROM quota_rollup
    WHERE ancestor_code IN (SELECT unit_code FROM city_agencies)
      AND year <= year($as_of) AND category IN ('cong_chuc', 'vien_chuc')
    GROUP BY ALL
),
quotas AS (
    SELECT agency_code,
           max(year) FILTER (WHERE category = 'cong_chuc') AS quota_year,
           sum(quota) FILTER (WHERE category = 'cong_chuc') AS quota_cong_chuc,
           sum(quota) FILTER (WHERE category = 'vien_chuc') AS quota_vien_chuc
    FROM latest_quota
    GROUP BY agency_code
),
-- @include young_cutoff
,
-- Staff per unit first, then per agency: joining every roster row to agency_subtree cost most of
-- the query. The groups of person_in_post of the roster's snapshots, after narrowing roster_units to
-- the agencies' units (joining the whole roster first reads every unit's people).
unit_staff AS (
    SELECT p.unit_code,
           sum(p.people) AS staff,
           sum(CASE WHEN $young_age >= 1 THEN len(list_filter(p.births, lambda b: b > y.born_after))
                    ELSE len(list_filter(p.births, lambda b: date_sub('year', b, y.ref) < $young_age)) END) AS staff_young,
           sum(p.people) FILTER (WHERE p.gender = 'nu') AS staff_women,
           sum(p.people) FILTER (WHERE p.minority) AS staff_minority
    FROM person_in_post p
    JOIN roster_units r ON r.unit_code = p.unit_code AND r.snap = p.as_of
     AND r.unit_code IN (SELECT unit_code FROM agency_subtree)
    JOIN young_cutoff y ON y.snap = p.as_of
    GROUP BY p.unit_code
),
staff AS (
    SELECT s.agency_code, sum(u.staff) AS staff, sum(u.staff_young) AS staff_young,
           sum(u.staff_women) AS staff_women, sum(u.staff_minority) AS staff_minority
    FROM unit_staff u JOIN agency_subtree s ON s.unit_code = u.unit_code
    GROUP BY s.agency_code
)
SELECT a.unit_code AS agency_code, a.name, a.unit_type,
       q.quota_year, coalesce(q.quota_cong_chuc, 0)::BIGINT AS quota_cong_chuc,
       coalesce(q.quota_vien_chuc, 0)::BIGINT AS quota_vien_chuc,
       coalesce(st.staff, 0)::BIGINT AS staff, coalesce(st.staff_young, 0)::BIGINT AS staff_young,
       coalesce(st.staff_women, 0)::BIGINT AS staff_women,
       coalesce(st.staff_minority, 0)::BIGINT AS staff_minority
FROM city_agencies a
LEFT JOIN quotas q ON q.agency_code = a.unit_code
LEFT JOIN staff st ON st.agency_code = a.unit_code
ORDER BY a.unit_code
