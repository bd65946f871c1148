-- check_units_without_data: agencies and communes existing at the reference date ($as_of, else
-- today) in scope that have no quota row for its year or no roster snapshot in the 12 months up to
-- it. Needs scope_units.
check_units_without_data AS (
    WITH ref AS (SELECT coalesce(CAST($as_of AS DATE), current_date) AS d),
    units AS (
        SELECT u.unit_code, u.unit_type
        FROM unit u, ref
        WHERE u.unit_type IN ('so_nganh', 'co_quan_khac', 'ubnd_xa') AND u.merged_into IS NULL
          AND (u.valid_from IS NULL OR u.valid_from <= ref.d) AND (u.valid_to IS NULL OR u.valid_to >= ref.d)
          AND ($scope IS NULL OR u.unit_code IN (SELECT unit_code FROM scope_walk))
    ),
    quota_seen AS (  -- one pass over each table (correlated subqueries per unit cost far more)
        SELECT q.unit_code, max(q.year) AS last_quota_year, bool_or(q.year = year(ref.d)) AS has_quota
        FROM quota q, ref
        WHERE q.unit_code IN (SELECT unit_code FROM units)
        GROUP BY q.unit_code
    ),
    roster_seen AS (
        SELECT p.unit_code, max(p.as_of) AS last_roster_as_of,
               bool_or(p.as_of <= ref.d AND p.as_of > ref.d - INTERVAL 12 MONTH) AS has_roster
        FROM person_summary p, ref  -- the roster dates, summarised (max and bool_or need no DISTINCT)
        WHERE p.unit_code IN (SELECT unit_code FROM units)
        GROUP BY p.unit_code
    )
    SELECT u.unit_code, u.unit_type, q.last_quota_year, r.last_roster_as_of,
           coalesce(q.has_quota, false) AS has_quota, coalesce(r.has_roster, false) AS has_roster
    FROM units u
    LEFT JOIN quota_seen q ON q.unit_code = u.unit_code
    LEFT JOIN roster_seen r ON r.unit_code = u.unit_code
    WHERE NOT (coalesce(q.has_quota, false) AND coalesce(r.has_roster, false))
)
