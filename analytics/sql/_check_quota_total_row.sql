-- check_quota_total_row: a unit whose quota row equals the sum of its child units' rows of the same
-- year and category: most likely a subtotal imported as data, which every roll-up counts twice.
-- Needs scope_units.
check_quota_total_row AS (
    WITH children AS (
        SELECT u.parent_code AS unit_code, q.year, q.category, sum(q.quota_assigned) AS children_quota,
               count(*) AS children
        FROM quota q JOIN unit u ON u.unit_code = q.unit_code
        WHERE u.parent_code IS NOT NULL
        GROUP BY ALL
    )
    SELECT q.unit_code, q.year, q.category, q.quota_assigned, c.children_quota, c.children
    FROM quota q JOIN children c USING (unit_code, year, category)
    WHERE q.quota_assigned = c.children_quota AND q.quota_assigned > 0
      AND (q.unit_code IN (SELECT unit_code FROM scope_walk) OR ($scope IS NULL AND q.unit_code NOT IN (SELECT unit_code FROM unknown_unit_ref)))
)
