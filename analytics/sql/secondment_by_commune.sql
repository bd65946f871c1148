-- secondment_by_commune: every commune in scope that exists at $as_of (none merged away), with
-- the postings it received that started on or before $as_of, and those active at $as_of.
WITH RECURSIVE
-- @include scope_units
SELECT u.unit_code, coalesce(u.short_name, u.name) AS name, u.commune_kind, u.former_province,
       u.especially_difficult,
       count(s.secondment_id)::BIGINT AS received,
       count(s.secondment_id) FILTER (
           WHERE coalesce(s.actual_end_date, s.planned_end_date) >= $as_of)::BIGINT AS active
FROM unit u
LEFT JOIN secondment s ON s.receiving_unit_code = u.unit_code AND s.start_date <= $as_of
WHERE u.unit_type = 'ubnd_xa' AND u.level = 'commune' AND u.merged_into IS NULL
  AND (u.valid_from IS NULL OR u.valid_from <= $as_of)
  AND (u.valid_to IS NULL OR u.valid_to >= $as_of)
  AND ($scope IS NULL OR u.unit_code IN (SELECT unit_code FROM scope_walk))
GROUP BY ALL
ORDER BY u.unit_code
