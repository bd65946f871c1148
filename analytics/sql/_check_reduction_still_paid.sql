-- check_reduction_still_paid: a person who left under a reduction programme (status 'da_nghi') and
-- is still on the payroll: paid in a unit's latest payroll month on or before $as_of, when that
-- month is later than the month of the effective date. (The latest month only: it answers "still
-- paid" and spares scanning every month of the payroll.) Needs scope_units, payroll_latest
-- (its rows first: joining the people to the whole payroll costs far more).
check_reduction_still_paid AS (
    WITH left_people AS (
        SELECT case_id, person_id, unit_code, effective_date
        FROM reduction_case
        WHERE status = 'da_nghi' AND effective_date IS NOT NULL AND person_id IS NOT NULL
          AND unit_code IN (SELECT unit_code FROM scope_units)
    )
    SELECT r.case_id, r.person_id, r.unit_code, r.effective_date,
           p.unit_code AS paid_by_unit_code, p.month AS paid_month
    FROM left_people r
    JOIN payroll_latest_rows p ON p.person_id = r.person_id AND p.month > date_trunc('month', r.effective_date)
)
