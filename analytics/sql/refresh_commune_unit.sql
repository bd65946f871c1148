-- commune_unit: the communes (ubnd_xa at commune level) not merged away, with what the secondment
-- page shows of them and their dates of existence: secondment_by_commune reads these few thousand
-- rows instead of picking them out of every unit of the database.
INSERT INTO commune_unit
SELECT unit_code, coalesce(short_name, name) AS name, commune_kind, former_province, especially_difficult,
       valid_from, valid_to
FROM unit
WHERE unit_type = 'ubnd_xa' AND level = 'commune' AND merged_into IS NULL
ORDER BY unit_code
