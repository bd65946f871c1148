-- check_over_quota: quota rows (latest year on or before the year of $as_of, per unit and category)
-- whose reported present count exceeds the assigned quota. Needs scope_units.
check_over_quota AS (
    WITH latest AS (
        SELECT unit_code, category, max(year) AS year FROM quota
        WHERE CAST($as_of AS DATE) IS NULL OR year <= year(CAST($as_of AS DATE))
        GROUP BY ALL
    )
    SELECT q.unit_code, q.year, q.category, q.quota_assigned, q.present, q.present - q.quota_assigned AS over_by
    FROM quota q JOIN latest l USING (unit_code, category, year)
    WHERE q.present > q.quota_assigned AND (q.unit_code IN (SELECT unit_code FROM scope_walk) OR ($scope IS NULL AND q.unit_code NOT IN (SELECT unit_code FROM unknown_unit_ref)))
)
