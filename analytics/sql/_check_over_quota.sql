-- check_over_quota: quota rows (latest year on or before the year of $as_of, per unit and category)
-- whose reported present count exceeds the assigned quota. Needs scope_units.
-- The rows over quota are few: they are found first, then those of a unit and category that has a
-- later year are left out (cheaper than finding the latest year of every unit and category).
check_over_quota AS (
    WITH over AS (
        SELECT q.unit_code, q.year, q.category, q.quota_assigned, q.present
        FROM quota q
        WHERE q.present > q.quota_assigned
          AND (CAST($as_of AS DATE) IS NULL OR q.year <= year(CAST($as_of AS DATE)))
    ),
    superseded AS (
        SELECT DISTINCT o.unit_code, o.category, o.year
        FROM over o JOIN quota l ON l.unit_code = o.unit_code AND l.category = o.category AND l.year > o.year
        WHERE CAST($as_of AS DATE) IS NULL OR l.year <= year(CAST($as_of AS DATE))
    )
    SELECT o.unit_code, o.year, o.category, o.quota_assigned, o.present, o.present - o.quota_assigned AS over_by
    FROM over o
    ANTI JOIN superseded s ON s.unit_code = o.unit_code AND s.category = o.category AND s.year = o.year
    WHERE (o.unit_code IN (SELECT unit_code FROM scope_walk) OR ($scope IS NULL AND o.unit_code NOT IN (SELECT unit_code FROM unknown_unit_ref)))
)
