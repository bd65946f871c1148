-- age_pyramid: people in post in scope per 5-year age band (full years at $as_of, else at the
-- snapshot date) and gender.
WITH RECURSIVE
-- @include scope_units
,
-- @include roster
,
by_birth AS (  -- ages of distinct birth dates only: computing every person's age costs most of the query
    SELECT p.birth_date, p.gender, coalesce(CAST($as_of AS DATE), p.as_of) AS ref, count(*) AS people
    FROM roster p
    WHERE p.status = 'dang_cong_tac'
    GROUP BY ALL
)
SELECT (date_sub('year', b.birth_date, b.ref) // 5 * 5)::INTEGER AS age_band_start,
       b.gender, sum(b.people)::BIGINT AS people
FROM by_birth b
GROUP BY ALL
ORDER BY age_band_start, b.gender
