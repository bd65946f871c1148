-- commune_unit: the communes (ubnd_xa at commune level) not merged away, with what the secondment
-- page shows of them, their dates of existence and the postings each received (start; end, the
-- actual one or else the planned one; in order of start): secondment_by_commune reads these few
-- thousand rows instead of picking them out of every unit and grouping every secondment.
INSERT INTO commune_unit
WITH received AS (
    SELECT receiving_unit_code AS unit_code,
           list({'start_date': start_date, 'end_date': coalesce(actual_end_date, planned_end_date)}
                ORDER BY start_date, secondment_id) AS postings
    FROM secondment
    GROUP BY receiving_unit_code
)
SELECT u.unit_code, coalesce(u.short_name, u.name) AS name, u.commune_kind, u.former_province,
       u.especially_difficult, u.valid_from, u.valid_to, coalesce(r.postings, []) AS postings
FROM unit u
LEFT JOIN received r ON r.unit_code = u.unit_code
WHERE u.unit_type = 'ubnd_xa' AND u.level = 'commune' AND u.merged_into IS NULL
ORDER BY u.unit_code
