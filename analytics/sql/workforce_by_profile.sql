-- workforce_by_profile: workforce_by for the dimensions person_in_post keeps ($dimension 'category'
-- or 'gender', allow-listed in analytics/workforce.py): the same rows from a row per group of people
-- in post instead of a row per person.
WITH RECURSIVE
-- @include scope_units
,
-- @include roster
,
-- @include young_cutoff
SELECT CASE $dimension WHEN 'category' THEN p.category WHEN 'gender' THEN p.gender END AS value,
       sum(p.people)::BIGINT AS people,
       coalesce(sum(p.people) FILTER (WHERE p.gender = 'nu'), 0)::BIGINT AS women,
       coalesce(sum(p.people) FILTER (WHERE p.minority), 0)::BIGINT AS minority,
       sum(CASE WHEN $young_age >= 1 THEN len(list_filter(p.births, lambda b: b > y.born_after))
                ELSE len(list_filter(p.births, lambda b: date_sub('year', b, y.ref) < $young_age)) END)::BIGINT AS young
FROM roster_groups p
JOIN young_cutoff y ON y.snap = p.as_of
GROUP BY ALL
ORDER BY people DESC, value
