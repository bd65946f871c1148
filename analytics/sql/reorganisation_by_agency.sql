-- reorganisation_by_agency: per agency (reorg_units.agency_code), what the decisions dated
-- $start..$end did to it and its units, its job-position approvals at $as_of and the units
-- inspected in $start..$end. Agencies with none of these are left out.
WITH RECURSIVE
-- @include scope_units
,
-- @include reorg_units
,
d AS (
    SELECT u.agency_code,
           count(DISTINCT r.unit_code) AS reorganised,
           count(DISTINCT r.unit_code) FILTER (WHERE r.action IN ('sap_nhap', 'giai_the')) AS cut,
           count(DISTINCT r.unit_code) FILTER (WHERE r.action = 'thanh_lap') AS created,
           count(DISTINCT r.unit_code) FILTER (WHERE r.action IN ('kien_toan', 'to_chuc_lai')) AS restructured,
           sum(r.removed_divisions + r.removed_faculties + r.removed_branches + r.removed_other) AS removed_sub_units,
           count(*) AS decisions
    FROM reorg_decision r JOIN reorg_units u USING (unit_code)
    WHERE r.decision_date BETWEEN $start AND $end
    GROUP BY 1
),
j AS (
    SELECT u.agency_code,
           count(DISTINCT j.unit_code) FILTER (WHERE j.eligible) AS eligible,
           count(DISTINCT j.unit_code) FILTER (WHERE j.eligible AND j.decision_date <= $as_of) AS approved
    FROM job_position j JOIN reorg_units u USING (unit_code)
    GROUP BY 1
),
i AS (
    SELECT u.agency_code, count(DISTINCT i.unit_code) AS inspected, sum(i.findings) AS findings
    FROM inspection i JOIN reorg_units u USING (unit_code)
    WHERE i.inspection_date BETWEEN $start AND $end
    GROUP BY 1
),
a AS (SELECT agency_code FROM d UNION SELECT agency_code FROM j UNION SELECT agency_code FROM i)
SELECT a.agency_code, coalesce(un.short_name, un.name, a.agency_code) AS name, un.unit_type,
       coalesce(d.reorganised, 0)::BIGINT AS reorganised, coalesce(d.cut, 0)::BIGINT AS cut,
       coalesce(d.created, 0)::BIGINT AS created, coalesce(d.restructured, 0)::BIGINT AS restructured,
       coalesce(d.removed_sub_units, 0)::BIGINT AS removed_sub_units, coalesce(d.decisions, 0)::BIGINT AS decisions,
       coalesce(j.eligible, 0)::BIGINT AS eligible, coalesce(j.approved, 0)::BIGINT AS approved,
       coalesce(i.inspected, 0)::BIGINT AS inspected, coalesce(i.findings, 0)::BIGINT AS findings
FROM a
LEFT JOIN unit un ON un.unit_code = a.agency_code
LEFT JOIN d USING (agency_code)
LEFT JOIN j USING (agency_code)
LEFT JOIN i USING (agency_code)
ORDER BY reorganised DESC, name
