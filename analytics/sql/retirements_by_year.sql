-- retirements_by_year: people in post in scope whose retirement date (Decree 135/2020 roadmap,
-- the retirement fragment) falls on or after the reference date ($as_of, else the snapshot date) and in
-- a year up to $until, per year, category and gender.
WITH RECURSIVE
-- @include scope_units
,
-- @include roster
,
-- @include retirement
SELECT year(r.retirement_date) AS year, p.category, p.gender, count(*)::BIGINT AS people
FROM retirement_roster p  -- the roster rows born in the retirement window
JOIN retirement r ON r.birth_date = p.birth_date AND r.gender = p.gender
WHERE p.status = 'dang_cong_tac'
  AND r.retirement_date >= coalesce(CAST($as_of AS DATE), p.as_of)
  AND year(r.retirement_date) <= $until
GROUP BY ALL
ORDER BY year, p.category, p.gender
