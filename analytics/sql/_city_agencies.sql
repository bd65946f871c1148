-- City-level agencies in scope that exist at $as_of (today's units: not merged away), with the
-- units that roll up to each (agency_subtree: the agency itself, its divisions, old units merged
-- into it), from unit_rollup.
city_agencies AS (
    SELECT u.unit_code, coalesce(u.short_name, u.name) AS name, u.unit_type, u.restructured_on
    FROM unit u
    WHERE u.unit_type IN ('so_nganh', 'co_quan_khac') AND u.merged_into IS NULL
      AND (u.valid_from IS NULL OR u.valid_from <= $as_of)
      AND (u.valid_to IS NULL OR u.valid_to >= $as_of)
      AND ($scope IS NULL OR u.unit_code IN (SELECT unit_code FROM scope_walk))
),
agency_subtree(agency_code, unit_code) AS (  -- unit_rollup: the walk, done once per change of the units
    SELECT r.ancestor_code, r.unit_code FROM unit_rollup r
    WHERE r.ancestor_code IN (SELECT unit_code FROM city_agencies)
)
