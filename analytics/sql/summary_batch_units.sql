-- summary_batch_units: the units whose person or payroll rows batch $batch_id added, or replaced
-- (archived with replaced_by_batch): the units whose summary rows a load or an undo changes.
SELECT unit_code FROM person WHERE batch_id = $batch_id
UNION
SELECT unit_code FROM payroll WHERE batch_id = $batch_id
UNION
SELECT unit_code FROM person__replaced WHERE replaced_by_batch = $batch_id
UNION
SELECT unit_code FROM payroll__replaced WHERE replaced_by_batch = $batch_id
