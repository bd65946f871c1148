-- check_reduction_still_paid: a person who left under a reduction programme (status 'da_nghi') and
-- is still on the payroll: paid in a unit's latest payroll month on or before $as_of, when that
-- month is later than the month of the effective date. (The latest month only: it answers "still
-- paid" and spares scanning every month of the payroll.) Where that month is the unit's last
-- (always, for a current $as_of), the people paid in it are those whose last month in the unit it
-- is: the summary table payroll_person_last (analytics/summaries.py), about one month's rows instead
-- of a month picked out of the whole payroll table; the other units' rows of that month come from
-- the payroll. Needs scope_units, payroll_latest.
check_reduction_still_paid AS (
    WITH left_people AS (
        SELECT case_id, person_id, unit_code, effective_date
        FROM reduction_case
        WHERE status = 'da_nghi' AND effective_date IS NOT NULL AND person_id IS NOT NULL
          AND unit_code IN (SELECT unit_code FROM scope_units)
    ),
    unit_last AS (SELECT unit_code, max(month) AS month FROM payroll_summary GROUP BY unit_code),
    paid AS (
        SELECT s.unit_code, s.month, s.person_id
        FROM payroll_latest l
        JOIN unit_last u ON u.unit_code = l.unit_code AND u.month = l.month
        JOIN payroll_person_last s ON s.unit_code = l.unit_code AND s.month = l.month
        UNION ALL
        SELECT p.unit_code, p.month, p.person_id
        FROM payroll_latest l
        JOIN unit_last u ON u.unit_code = l.unit_code AND u.month > l.month
        JOIN payroll p ON p.unit_code = l.unit_code AND p.month = l.month
    )
    SELECT r.case_id, r.person_id, r.unit_code, r.effective_date,
           p.unit_code AS paid_by_unit_code, p.month AS paid_month
    FROM left_people r
    JOIN paid p ON p.person_id = r.person_id AND p.month > date_trunc('month', r.effective_date)
)
