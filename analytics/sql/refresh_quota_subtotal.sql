-- refresh_quota_subtotal: quota_subtotal from quota and the unit table: the quota rows of a unit
-- equal to the sum of its child units' rows (parent_code) of the same year and category, with that
-- sum and the number of children's rows (the rows of the check quota_total_row in every scope).
-- The caller has deleted the old rows (analytics/summaries.py).
INSERT INTO quota_subtotal
WITH children AS (
    SELECT u.parent_code AS unit_code, q.year, q.category, sum(q.quota_assigned) AS children_quota,
           count(*) AS children
    FROM quota q JOIN unit u ON u.unit_code = q.unit_code
    WHERE u.parent_code IS NOT NULL
    GROUP BY ALL
)
SELECT q.unit_code, q.year, q.category, q.quota_assigned, c.children_quota::BIGINT, c.children::BIGINT
FROM quota q JOIN children c USING (unit_code, year, category)
WHERE q.quota_assigned = c.children_quota AND q.quota_assigned > 0
ORDER BY q.unit_code, q.year, q.category
