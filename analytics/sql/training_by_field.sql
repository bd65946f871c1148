-- training_by_field: training records of units in scope per field (all funding, or $funding).
WITH RECURSIVE
-- @include scope_units
SELECT t.field,
       count(*)::BIGINT AS records,
       sum(t.participants)::BIGINT AS participants,
       sum(t.cost_committed_vnd)::BIGINT AS committed_vnd,
       sum(t.cost_spent_vnd)::BIGINT AS spent_vnd,
       coalesce(sum(t.cost_spent_vnd) FILTER (WHERE t.location = 'trong_nuoc'), 0)::BIGINT AS domestic_spent_vnd,
       coalesce(sum(t.cost_spent_vnd) FILTER (WHERE t.location = 'nuoc_ngoai'), 0)::BIGINT AS abroad_spent_vnd
FROM training t
WHERE (t.unit_code IN (SELECT unit_code FROM scope_walk) OR ($scope IS NULL AND t.unit_code NOT IN (SELECT unit_code FROM unknown_unit_ref)))
  AND (CAST($funding AS VARCHAR) IS NULL OR t.funding = $funding)
GROUP BY t.field
