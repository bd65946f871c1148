-- reorganisation_by_group: per unit group, the units existing at $as_of and what the decisions dated
-- $start..$end did: units reorganised (any decision), cut (merged or dissolved), created,
-- restructured internally, and internal sub-units removed by type.
WITH RECURSIVE
-- @include scope_units
,
-- @include reorg_units
,
d AS (
    SELECT r.*, u.unit_group, u.sector
    FROM reorg_decision r JOIN reorg_units u USING (unit_code)
    WHERE r.decision_date BETWEEN $start AND $end
)
SELECT g.unit_group,
       (SELECT count(*) FROM reorg_units u WHERE u.unit_group = g.unit_group AND u.alive)::BIGINT AS units,
       count(DISTINCT d.unit_code)::BIGINT AS reorganised,
       count(DISTINCT d.unit_code) FILTER (WHERE d.action IN ('sap_nhap', 'giai_the'))::BIGINT AS cut,
       count(DISTINCT d.unit_code) FILTER (WHERE d.action = 'thanh_lap')::BIGINT AS created,
       count(DISTINCT d.unit_code) FILTER (WHERE d.action = 'thanh_lap' AND d.sector = 'giao_duc')::BIGINT AS created_schools,
       count(DISTINCT d.unit_code) FILTER (WHERE d.action = 'thanh_lap' AND d.sector = 'y_te')::BIGINT AS created_health,
       count(DISTINCT d.unit_code) FILTER (WHERE d.action = 'kien_toan')::BIGINT AS restructured,
       coalesce(sum(d.removed_divisions), 0)::BIGINT AS removed_divisions,
       coalesce(sum(d.removed_faculties), 0)::BIGINT AS removed_faculties,
       coalesce(sum(d.removed_branches), 0)::BIGINT AS removed_branches,
       coalesce(sum(d.removed_other), 0)::BIGINT AS removed_other,
       count(d.decision_id)::BIGINT AS decisions
FROM (SELECT DISTINCT unit_group FROM reorg_units WHERE unit_group IS NOT NULL) g
LEFT JOIN d ON d.unit_group = g.unit_group
GROUP BY g.unit_group
