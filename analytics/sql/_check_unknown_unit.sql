-- check_unknown_unit: data rows naming a unit code that is not in the unit table (they are outside
-- every scope, so they are only listed for the whole database, $scope NULL). Person and payroll
-- rows are counted from their summary tables (analytics/summaries.py): the same counts, without
-- reading millions of rows.
check_unknown_unit AS (
    WITH refs AS (
        SELECT 'quota' AS table_name, unit_code, 1 AS n FROM quota
        UNION ALL SELECT 'person', unit_code, people FROM person_summary
        UNION ALL SELECT 'payroll', unit_code, payroll_rows FROM payroll_summary
        UNION ALL SELECT 'reduction_case', unit_code, 1 FROM reduction_case
        UNION ALL SELECT 'secondment', sending_unit_code, 1 FROM secondment
        UNION ALL SELECT 'secondment', receiving_unit_code, 1 FROM secondment
        UNION ALL SELECT 'training', unit_code, 1 FROM training
        UNION ALL SELECT 'unit', parent_code, 1 FROM unit WHERE parent_code IS NOT NULL
        UNION ALL SELECT 'unit', merged_into, 1 FROM unit WHERE merged_into IS NOT NULL
    )
    SELECT table_name, unit_code, sum(n)::BIGINT AS rows
    FROM refs
    WHERE $scope IS NULL AND unit_code NOT IN (SELECT unit_code FROM unit)
    GROUP BY ALL
)
