-- check_unknown_unit: data rows naming a unit code that is not in the unit table (they are outside
-- every scope, so they are only listed for the whole database, $scope NULL).
check_unknown_unit AS (
    WITH refs AS (
        SELECT 'quota' AS table_name, unit_code FROM quota
        UNION ALL SELECT 'person', unit_code FROM person
        UNION ALL SELECT 'payroll', unit_code FROM payroll
        UNION ALL SELECT 'reduction_case', unit_code FROM reduction_case
        UNION ALL SELECT 'secondment', sending_unit_code FROM secondment
        UNION ALL SELECT 'secondment', receiving_unit_code FROM secondment
        UNION ALL SELECT 'training', unit_code FROM training
        UNION ALL SELECT 'unit', parent_code FROM unit WHERE parent_code IS NOT NULL
        UNION ALL SELECT 'unit', merged_into FROM unit WHERE merged_into IS NOT NULL
    )
    SELECT table_name, unit_code, count(*)::BIGINT AS rows
    FROM refs
    WHERE $scope IS NULL AND unit_code NOT IN (SELECT unit_code FROM unit)
    GROUP BY ALL
)
