-- reorg_decision_trail: every decision dated $start..$end on a unit in scope (of agency $agency when
-- given), newest first, with the unit, its agency and the unit that took it over.
WITH RECURSIVE
-- @include scope_units
,
-- @include reorg_units
SELECT r.decision_date, r.decision_no, r.effective_date, r.unit_code, u.name AS unit_name, u.unit_group,
       u.agency_code, coalesce(a.short_name, a.name) AS agency_name, r.action,
       coalesce(r.successor_code, m.merged_into) AS successor_code, s.name AS successor_name,
       r.removed_divisions, r.removed_faculties, r.removed_branches, r.removed_other, r.note
FROM reorg_decision r
JOIN reorg_units u USING (unit_code)
LEFT JOIN unit a ON a.unit_code = u.agency_code
LEFT JOIN unit m ON m.unit_code = r.unit_code AND r.action = 'sap_nhap'
LEFT JOIN unit s ON s.unit_code = coalesce(r.successor_code, m.merged_into)
WHERE r.decision_date BETWEEN $start AND $end
  AND (CAST($agency AS VARCHAR) IS NULL OR u.agency_code = $agency)
ORDER BY r.decision_date DESC, r.decision_no, u.name
