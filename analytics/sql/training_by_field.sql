-- training_by_field: training records of units in scope per field (all funding, or $funding): one row
-- per field that has records, with their participants and costs. analytics/training.py lays them out
-- as one row per field of codes.TRAINING_FIELDS (zeros for a field without records), with the cost
-- per participant and each field's share of all spend: arithmetic on a dozen rows, cheaper in Python
-- than the query that did it (a third of the call on the national demo was planning that query).
WITH RECURSIVE
-- @include scope_units
SELECT t.field,
       count(*)::BIGINT AS records,
       coalesce(sum(t.participants), 0)::BIGINT AS participants,
       coalesce(sum(t.cost_committed_vnd), 0)::BIGINT AS committed_vnd,
       coalesce(sum(t.cost_spent_vnd), 0)::BIGINT AS spent_vnd,
       coalesce(sum(t.cost_spent_vnd) FILTER (WHERE t.location = 'trong_nuoc'), 0)::BIGINT AS domestic_spent_vnd,
       coalesce(sum(t.cost_spent_vnd) FILTER (WHERE t.location = 'nuoc_ngoai'), 0)::BIGINT AS abroad_spent_vnd
FROM training t
WHERE (t.unit_code IN (SELECT unit_code FROM scope_walk) OR ($scope IS NULL AND t.unit_code NOT IN (SELECT unit_code FROM unknown_unit_ref)))
  AND (CAST($funding AS VARCHAR) IS NULL OR t.funding = $funding)
GROUP BY t.field
