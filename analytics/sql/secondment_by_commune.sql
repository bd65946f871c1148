-- secondment_by_commune: every commune in scope that exists at $as_of (none merged away: the summary
-- table commune_unit), with the postings it received that started on or before $as_of, and those
-- active at $as_of (counted per receiving unit first, then joined to the communes).
WITH RECURSIVE
-- @include scope_units
,
posted AS (
    SELECT receiving_unit_code AS unit_code, count(secondment_id)::BIGINT AS received,
           count(secondment_id) FILTER (
               WHERE coalesce(actual_end_date, planned_end_date) >= $as_of)::BIGINT AS active
    FROM secondment
    WHERE start_date <= $as_of
    GROUP BY receiving_unit_code
)
SELECT c.unit_code, c.name, c.commune_kind, c.former_province, c.especially_difficult,
       coalesce(p.received, 0) AS received, coalesce(p.active, 0) AS active
FROM commune_unit c
LEFT JOIN posted p ON p.unit_code = c.unit_code
WHERE (c.valid_from IS NULL OR c.valid_from <= $as_of)
  AND (c.valid_to IS NULL OR c.valid_to >= $as_of)
  AND ($scope IS NULL OR c.unit_code IN (SELECT unit_code FROM scope_walk))
ORDER BY c.unit_code
