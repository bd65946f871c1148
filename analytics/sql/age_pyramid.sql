-- age_pyramid: people in post in scope per 5-year age band (full years at $as_of, else at the
-- snapshot date) and gender.
WITH RECURSIVE
-- @include scope_units
,
-- @include roster
,
-- With no scope, the dates the roster takes whole ($roster_whole) are counted from the summary table
-- person_birth (people in post per date, birth date and gender): a few tens of thousands of rows
-- instead of every person row of those dates; the other dates' rows are counted from the roster.
people AS (
    SELECT b.as_of, b.birth_date, b.gender, b.people
    FROM person_birth b
    WHERE $scope IS NULL AND list_contains(CAST($roster_whole AS DATE[]), b.as_of)
    UNION ALL
    SELECT p.as_of, p.birth_date, p.gender, 1 AS people
    FROM roster p
    WHERE p.status = 'dang_cong_tac'
      AND NOT ($scope IS NULL AND list_contains(CAST($roster_whole AS DATE[]), p.as_of))
),
by_birth AS (  -- ages of distinct birth dates only: computing every person's age costs most of the query
    SELECT birth_date, gender, coalesce(CAST($as_of AS DATE), as_of) AS ref, sum(people) AS people
    FROM people
    GROUP BY ALL
)
SELECT (date_sub('year', b.birth_date, b.ref) // 5 * 5)::INTEGER AS age_band_start,
       b.gender, sum(b.people)::BIGINT AS people
FROM by_birth b
GROUP BY ALL
ORDER BY age_band_start, b.gender
