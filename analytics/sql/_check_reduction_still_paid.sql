-- check_reduction_still_paid: a person who left under a reduction programme (status 'da_nghi') and
-- is still on the payroll: paid in a unit's latest payroll month on or before $as_of, when that
-- month is later than the month of the effective date. (The latest month only: it answers "still
-- paid" and spares scanning every month of the payroll.) The payroll rows of people paid after
-- they left are the summary table payroll_after_leaving (analytics/summaries.py), a handful of rows
-- instead of a month of every unit's payroll rows. The case's unit decides the scope; the paying
-- unit may be any. Needs scope_units, payroll_latest.
check_reduction_still_paid AS (
    SELECT a.case_id, a.person_id, a.case_unit_code AS unit_code, a.effective_date,
           a.unit_code AS paid_by_unit_code, a.month AS paid_month
    FROM payroll_after_leaving a
    JOIN payroll_latest l ON l.unit_code = a.unit_code AND l.month = a.month
    WHERE (a.case_unit_code IN (SELECT unit_code FROM scope_walk) OR ($scope IS NULL AND a.case_unit_code NOT IN (SELECT unit_code FROM unknown_unit_ref)))
)
