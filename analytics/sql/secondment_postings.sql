-- secondment_postings: one row per posting whose sending or receiving unit is in scope, with the
-- sending city agency (nearest today's so_nganh / co_quan_khac above the sending unit), the
-- receiving commune, lương cơ sở in force at the start date and the person's roster record (the
-- latest snapshot on or before $as_of, else the earliest after it).
WITH RECURSIVE
-- @include scope_units
,
-- The postings in scope first: the person rows are then looked up for these only (looking them up
-- for every posting in the database cost most of a unit's query).
posts AS MATERIALIZED (
    SELECT * FROM secondment s
    WHERE (s.sending_unit_code IN (SELECT unit_code FROM scope_walk) OR ($scope IS NULL AND s.sending_unit_code NOT IN (SELECT unit_code FROM unknown_unit_ref)))
       OR (s.receiving_unit_code IN (SELECT unit_code FROM scope_walk) OR ($scope IS NULL AND s.receiving_unit_code NOT IN (SELECT unit_code FROM unknown_unit_ref)))
),
picked AS (
    SELECT * FROM (
        SELECT p.*, row_number() OVER (
            PARTITION BY p.person_id
            ORDER BY (p.as_of <= $as_of) DESC,
                     CASE WHEN p.as_of <= $as_of THEN p.as_of END DESC, p.as_of) AS rn
        FROM person_posted p  -- (the person rows of every posted person: the summary table)
        WHERE p.person_id IN (SELECT person_id FROM posts)
    ) WHERE rn = 1
)
SELECT s.secondment_id, s.person_id, s.sending_unit_code, ao.agency_code AS sending_agency_code,
       s.receiving_unit_code, r.former_province AS receiving_former_province,
       coalesce(r.especially_difficult, false) AS receiving_especially_difficult,
       s.start_date, s.planned_end_date, s.actual_end_date, s.status, s.exception_decision_no,
       s.allowance_regime, s.one_time_allowance_vnd,
       (SELECT arg_max(b.amount_vnd, b.valid_from) FROM base_salary b
        WHERE b.valid_from <= s.start_date) AS base_salary_at_start_vnd,
       pk.person_id IS NOT NULL AS in_roster, pk.gender, pk.ethnicity, pk.birth_date, pk.is_leader,
       pk.in_succession_plan, pk.discipline, pk.discipline_until, pk.health
FROM posts s
-- the sending agency: the walk up the tree and mergers done once per change of the units (summaries.py)
LEFT JOIN unit_agency ao ON ao.unit_code = s.sending_unit_code
LEFT JOIN unit r ON r.unit_code = s.receiving_unit_code
LEFT JOIN picked pk ON pk.person_id = s.person_id
ORDER BY s.start_date, s.secondment_id
