-- Version 15: unit_rollup, every unit with each unit it rolls up to (issue 14), filled from the
-- units already there. Same DDL as the section of schema.sql; the same rows as
-- analytics/sql/refresh_unit_rollup.sql.
CREATE TABLE IF NOT EXISTS unit_rollup (
    ancestor_code VARCHAR NOT NULL,
    unit_code     VARCHAR NOT NULL
);
DELETE FROM unit_rollup;
INSERT INTO unit_rollup
WITH RECURSIVE
edges AS (
    SELECT unit_code AS child, parent_code AS up FROM unit WHERE parent_code IS NOT NULL
    UNION ALL
    SELECT unit_code, merged_into FROM unit WHERE merged_into IS NOT NULL
),
walk(ancestor_code, unit_code) AS (
    SELECT unit_code, unit_code FROM unit
    UNION
    SELECT e.up, w.unit_code FROM walk w JOIN edges e ON e.child = w.ancestor_code
)
SELECT ancestor_code, unit_code FROM walk ORDER BY ancestor_code, unit_code;
