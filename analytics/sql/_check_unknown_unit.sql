-- check_unknown_unit: data rows naming a unit code that is not in the unit table (they are outside
-- every scope, so they are only listed for the whole database, $scope NULL), per table and code:
-- the summary table unknown_unit_ref (analytics/summaries.py), kept with every load and undo.
check_unknown_unit AS (
    SELECT table_name, unit_code, rows FROM unknown_unit_ref WHERE $scope IS NULL
)
