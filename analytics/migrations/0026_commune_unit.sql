-- Version 26: commune_unit, the communes not merged away with what the secondment page shows of them
-- (issue 14: secondment_by_commune reads them instead of picking them out of every unit), filled
-- from the units already there. Same DDL as the section of schema.sql; the same rows as
-- analytics/sql/refresh_commune_unit.sql.
CREATE TABLE IF NOT EXISTS commune_unit (
    unit_code            VARCHAR NOT NULL,
    name                 VARCHAR NOT NULL,
    commune_kind         VARCHAR,
    former_province      VARCHAR,
    especially_difficult BOOLEAN NOT NULL,
    valid_from           DATE,
    valid_to             DATE
);
DELETE FROM commune_unit;
-- (BY NAME: a file whose tables are newer than its recorded version, commune_unit with the postings
-- of version 28, takes these columns and that column's default; a file of version 25 all of them.)
INSERT INTO commune_unit BY NAME
SELECT unit_code, coalesce(short_name, name) AS name, commune_kind, former_province, especially_difficult,
       valid_from, valid_to
FROM unit
WHERE unit_type = 'ubnd_xa' AND level = 'commune' AND merged_into IS NULL
ORDER BY unit_code;
