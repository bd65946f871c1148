-- Version 27: agency_unit and agency_rollup, today's city agencies and the units that roll up to each
-- (issue 14: the agency breakdowns read them instead of picking the agencies out of every unit and
-- their units out of unit_rollup), filled from the units already there. Same DDL as the section of
-- schema.sql; the same rows as analytics/sql/refresh_agency_unit.sql and refresh_agency_rollup.sql.
CREATE TABLE IF NOT EXISTS agency_unit (
    unit_code       VARCHAR NOT NULL,
    name            VARCHAR NOT NULL,
    unit_type       VARCHAR NOT NULL,
    restructured_on DATE,
    valid_from      DATE,
    valid_to        DATE
);
CREATE TABLE IF NOT EXISTS agency_rollup (
    agency_code VARCHAR NOT NULL,
    unit_code   VARCHAR NOT NULL
);
DELETE FROM agency_unit;
INSERT INTO agency_unit
SELECT unit_code, coalesce(short_name, name) AS name, unit_type, restructured_on, valid_from, valid_to
FROM unit
WHERE unit_type IN ('so_nganh', 'co_quan_khac') AND merged_into IS NULL
ORDER BY unit_code;
DELETE FROM agency_rollup;
INSERT INTO agency_rollup
SELECT r.ancestor_code AS agency_code, r.unit_code
FROM unit_rollup r
WHERE r.ancestor_code IN (SELECT unit_code FROM agency_unit)
ORDER BY agency_code, r.unit_code;
