-- check_units_without_data: agencies and communes existing at the reference date ($as_of, else
-- today) in scope that have no quota row for its year or no roster snapshot in the 12 months up to it.
WITH RECURSIVE
-- @include scope_units
, ref AS (SELECT coalesce(CAST($as_of AS DATE), current_date) AS d),
units AS (
    SELECT u.unit_code, u.unit_type
    FROM unit u, ref
    WHERE u.unit_type IN ('so_nganh', 'co_quan_khac', 'ubnd_xa') AND u.merged_into IS NULL
      AND (u.valid_from IS NULL OR u.valid_from <= ref.d) AND (u.valid_to IS NULL OR u.valid_to >= ref.d)
      AND u.unit_code IN (SELECT unit_code FROM scope_units)
)
SELECT u.unit_code, u.unit_type,
       (SELECT max(q.year) FROM quota q WHERE q.unit_code = u.unit_code) AS last_quota_year,
       (SELECT max(p.as_of) FROM person p WHERE p.unit_code = u.unit_code) AS last_roster_as_of,
       EXISTS (SELECT 1 FROM quota q WHERE q.unit_code = u.unit_code AND q.year = year(ref.d)) AS has_quota,
       EXISTS (SELECT 1 FROM person p WHERE p.unit_code = u.unit_code
               AND p.as_of <= ref.d AND p.as_of > ref.d - INTERVAL 12 MONTH) AS has_roster
FROM units u, ref
WHERE NOT (has_quota AND has_roster)
ORDER BY u.unit_code
