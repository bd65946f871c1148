-- training_by_field: training records of units in scope per field (all funding, or $funding), one
-- row per field of $fields in that order (zeros for a field without records), with the cost per
-- participant (NULL without participants) and the field's share of all spend (NaN with none).
WITH RECURSIVE
-- @include scope_units
,
per_field AS (
    SELECT t.field,
           count(*) AS records,
           sum(t.participants) AS participants,
           sum(t.cost_committed_vnd) AS committed_vnd,
           sum(t.cost_spent_vnd) AS spent_vnd,
           sum(t.cost_spent_vnd) FILTER (WHERE t.location = 'trong_nuoc') AS domestic_spent_vnd,
           sum(t.cost_spent_vnd) FILTER (WHERE t.location = 'nuoc_ngoai') AS abroad_spent_vnd
    FROM training t
    WHERE (t.unit_code IN (SELECT unit_code FROM scope_walk) OR ($scope IS NULL AND t.unit_code NOT IN (SELECT unit_code FROM unknown_unit_ref)))
      AND (CAST($funding AS VARCHAR) IS NULL OR t.funding = $funding)
    GROUP BY t.field
),
fields AS (SELECT unnest(CAST($fields AS VARCHAR[])) AS field, generate_subscripts(CAST($fields AS VARCHAR[]), 1) AS pos),
rows AS (
    SELECT f.pos, f.field, list_contains(CAST($priority_fields AS VARCHAR[]), f.field) AS is_priority,
           coalesce(p.records, 0)::BIGINT AS records, coalesce(p.participants, 0)::BIGINT AS participants,
           coalesce(p.committed_vnd, 0)::BIGINT AS committed_vnd, coalesce(p.spent_vnd, 0)::BIGINT AS spent_vnd,
           coalesce(p.domestic_spent_vnd, 0)::BIGINT AS domestic_spent_vnd,
           coalesce(p.abroad_spent_vnd, 0)::BIGINT AS abroad_spent_vnd
    FROM fields f LEFT JOIN per_field p ON p.field = f.field
)
SELECT field, is_priority, records, participants, committed_vnd, spent_vnd, domestic_spent_vnd, abroad_spent_vnd,
       CAST(spent_vnd AS DOUBLE) / CAST(nullif(participants, 0) AS DOUBLE) AS cost_per_participant_vnd,
       CASE WHEN sum(spent_vnd) OVER () = 0 THEN CAST('NaN' AS DOUBLE)
            ELSE CAST(spent_vnd AS DOUBLE) / CAST(sum(spent_vnd) OVER () AS DOUBLE) * 100 END AS spent_share_pct
FROM rows
ORDER BY pos
