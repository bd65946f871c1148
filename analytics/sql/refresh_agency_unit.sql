-- agency_unit: today's city agencies (so_nganh, co_quan_khac not merged away), with what the agency
-- breakdowns show of them and their dates of existence: the fragment _city_agencies reads these few
-- hundred rows instead of picking them out of every unit of the database. The caller has deleted
-- the old rows (analytics/summaries.py).
INSERT INTO agency_unit
SELECT unit_code, coalesce(short_name, name) AS name, unit_type, restructured_on, valid_from, valid_to
FROM unit
WHERE unit_type IN ('so_nganh', 'co_quan_khac') AND merged_into IS NULL
ORDER BY unit_code
