-- check_quota_total_row: a unit whose quota row equals the sum of its child units' rows of the same
-- year and category: most likely a subtotal imported as data, which every roll-up counts twice.
-- Those rows are found once per change of the quota or the units (the summary table
-- quota_subtotal, analytics/summaries.py); here the ones in scope. Needs scope_units.
check_quota_total_row AS (
    SELECT q.unit_code, q.year, q.category, q.quota_assigned, q.children_quota, q.children
    FROM quota_subtotal q
    WHERE (q.unit_code IN (SELECT unit_code FROM scope_walk) OR ($scope IS NULL AND q.unit_code NOT IN (SELECT unit_code FROM unknown_unit_ref)))
)
