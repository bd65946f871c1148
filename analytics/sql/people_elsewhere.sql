-- Rows of an upload's staged roster ($files: its Parquet parts) whose person ID is already on
-- another unit's roster at the same as-of date, where that roster is not being replaced by the
-- upload; the first $cap of each file, with how many the file has in all. The parts are read
-- twice rather than held as a CTE used twice (DuckDB would materialise a million rows).
WITH replaced AS (SELECT DISTINCT unit_code, as_of FROM read_parquet($files)),
hit AS (
    SELECT k._file, k._sheet, k._row, k._ord, k.person_id, p.unit_code AS other_unit, p.batch_id
    FROM read_parquet($files) k JOIN person p ON p.as_of = k.as_of AND p.person_id = k.person_id
    WHERE p.unit_code <> k.unit_code
      AND NOT EXISTS (SELECT 1 FROM replaced r WHERE r.unit_code = p.unit_code AND r.as_of = p.as_of)
)
SELECT _file, _sheet, _row, person_id, other_unit, batch_id, count(*) OVER (PARTITION BY _file) AS in_file
FROM hit
QUALIFY row_number() OVER (PARTITION BY _file ORDER BY _ord) <= $cap
ORDER BY _file, _row
