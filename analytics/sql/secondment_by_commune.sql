-- secondment_by_commune: every commune in scope that exists at $as_of (none merged away: the summary
-- table commune_unit), with the postings it received that started on or before $as_of, and those
-- active at $as_of: counted in the commune's own list of postings (commune_unit.postings).
WITH RECURSIVE
-- @include scope_units
SELECT c.unit_code, c.name, c.commune_kind, c.former_province, c.especially_difficult,
       len(list_filter(c.postings, lambda p: p.start_date <= $as_of))::BIGINT AS received,
       len(list_filter(c.postings, lambda p: p.start_date <= $as_of AND p.end_date >= $as_of))::BIGINT AS active
FROM commune_unit c
WHERE (c.valid_from IS NULL OR c.valid_from <= $as_of)
  AND (c.valid_to IS NULL OR c.valid_to >= $as_of)
  AND ($scope IS NULL OR c.unit_code IN (SELECT unit_code FROM scope_walk))
ORDER BY c.unit_code
