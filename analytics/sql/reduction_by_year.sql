-- reduction_by_year: quota, pending cuts and reported present per year of one category in scope.
WITH RECURSIVE
-- @include scope_units
SELECT q.year,
       sum(q.quota_assigned)::BIGINT AS quota_assigned,
       sum(q.cut_pending)::BIGINT AS cut_pending,
       sum(q.present)::BIGINT AS present_reported,
       count(*)::BIGINT AS units
FROM quota q
WHERE q.category = $category AND q.unit_code IN (SELECT unit_code FROM scope_units)
GROUP BY q.year
ORDER BY q.year
