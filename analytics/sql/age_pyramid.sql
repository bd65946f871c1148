-- age_pyramid: people in post in scope per 5-year age band (full years at $as_of, else at the
-- snapshot date) and gender.
WITH RECURSIVE
-- @include scope_units
,
-- @include roster
SELECT (date_sub('year', p.birth_date, coalesce(CAST($as_of AS DATE), p.as_of)) // 5 * 5)::INTEGER AS age_band_start,
       p.gender, count(*)::BIGINT AS people
FROM roster p
WHERE p.status = 'dang_cong_tac'
GROUP BY ALL
ORDER BY age_band_start, p.gender
