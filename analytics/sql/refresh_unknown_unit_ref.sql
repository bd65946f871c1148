-- refresh_unknown_unit_ref: unknown_unit_ref from the data tables (person and payroll rows counted
-- from their summary tables, refreshed before it: the same counts without reading millions of
-- rows). The caller has deleted the old rows (analytics/summaries.py).
INSERT INTO unknown_unit_ref
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
WHERE NOT EXISTS (SELECT 1 FROM unit u WHERE u.unit_code = refs.unit_code)
GROUP BY ALL
