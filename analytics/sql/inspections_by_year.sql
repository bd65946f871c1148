-- inspections_by_year: per calendar year, inspections of units in scope, distinct units inspected,
-- scheduled and unannounced inspections, findings.
WITH RECURSIVE
-- @include scope_units
SELECT year(i.inspection_date)::INTEGER AS year, count(*)::BIGINT AS inspections,
       count(DISTINCT i.unit_code)::BIGINT AS units_inspected,
       count(*) FILTER (WHERE i.inspection_kind = 'theo_ke_hoach')::BIGINT AS scheduled,
       count(*) FILTER (WHERE i.inspection_kind = 'dot_xuat')::BIGINT AS unannounced,
       sum(i.findings)::BIGINT AS findings
FROM inspection i
WHERE i.unit_code IN (SELECT unit_code FROM scope_units)
GROUP BY 1
ORDER BY 1
