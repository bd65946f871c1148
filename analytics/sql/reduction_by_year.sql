-- reduction_by_year: quota, pending cuts and reported present per year of one category in scope,
-- from quota_rollup (the quota summed per unit it rolls up to; ancestor NULL: the whole database).
SELECT year, quota_assigned, cut_pending, present AS present_reported, quota_rows AS units
FROM quota_rollup
WHERE category = $category
  AND ancestor_code IS NOT DISTINCT FROM $scope
ORDER BY year
