-- Version 21: unit_agency, each unit's nearest today's so_nganh / co_quan_khac up the tree and
-- mergers (issue 14), filled from the units already there. Same DDL as the section of schema.sql;
-- the same rows as analytics/sql/refresh_unit_agency.sql.
CREATE TABLE IF NOT EXISTS unit_agency (
    unit_code   VARCHAR NOT NULL,
    agency_code VARCHAR NOT NULL
);
DELETE FROM unit_agency;
INSERT INTO unit_agency
WITH RECURSIVE
unit_edges AS (
    SELECT unit_code AS child, parent_code AS up FROM unit WHERE parent_code IS NOT NULL
    UNION ALL
    SELECT unit_code, merged_into FROM unit WHERE merged_into IS NOT NULL
),
agency_walk(unit_code, up_code, depth) AS (
    SELECT unit_code, unit_code, 0 FROM unit
    UNION
    SELECT w.unit_code, e.up, w.depth + 1
    FROM agency_walk w JOIN unit_edges e ON e.child = w.up_code
    WHERE w.depth < 32
)
SELECT w.unit_code, first(w.up_code ORDER BY w.depth, w.up_code) AS agency_code
FROM agency_walk w JOIN unit u ON u.unit_code = w.up_code
WHERE u.unit_type IN ('so_nganh', 'co_quan_khac') AND u.merged_into IS NULL
GROUP BY w.unit_code
ORDER BY w.unit_code;
