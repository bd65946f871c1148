-- City-level agencies in scope that exist at $as_of (today's units: not merged away), with the
-- units that roll up to each (agency_subtree: the agency itself, its divisions, old units merged
-- into it), from the summary tables agency_unit and agency_rollup (analytics/summaries.py).
city_agencies AS (
    SELECT u.unit_code, u.name, u.unit_type, u.restructured_on
    FROM agency_unit u
    WHERE (u.valid_from IS NULL OR u.valid_from <= $as_of)
      AND (u.valid_to IS NULL OR u.valid_to >= $as_of)
      AND ($scope IS NULL OR u.unit_code IN (SELECT unit_code FROM scope_walk))
),
agency_subtree(agency_code, unit_code) AS (  -- agency_rollup: the walk, done once per change of the units
    SELECT r.agency_code, r.unit_code FROM agency_rollup r
    WHERE r.agency_code IN (SELECT unit_code FROM city_agencies)
)
