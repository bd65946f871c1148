-- job_positions_by_group: per unit group, the units listed in the job-position returns, those not
-- eligible, those eligible, those with an approval decision dated on or before $as_of, and the
-- approved positions by group (the latest approval of each unit).
WITH RECURSIVE
-- @include scope_units
,
-- @include reorg_units
,
latest AS (
    SELECT j.*, u.unit_group
    FROM job_position j JOIN reorg_units u USING (unit_code)
    WHERE u.unit_group IS NOT NULL AND (j.decision_date IS NULL OR j.decision_date <= $as_of)
    QUALIFY row_number() OVER (PARTITION BY j.unit_code ORDER BY j.decision_date DESC NULLS LAST) = 1
)
SELECT unit_group,
       count(*)::BIGINT AS listed,
       count(*) FILTER (WHERE NOT eligible)::BIGINT AS not_eligible,
       count(*) FILTER (WHERE eligible)::BIGINT AS eligible,
       count(*) FILTER (WHERE eligible AND decision_date IS NOT NULL)::BIGINT AS approved,
       sum(positions_leadership)::BIGINT AS positions_leadership,
       sum(positions_professional)::BIGINT AS positions_professional,
       sum(positions_shared)::BIGINT AS positions_shared,
       sum(positions_support)::BIGINT AS positions_support
FROM latest
GROUP BY unit_group
