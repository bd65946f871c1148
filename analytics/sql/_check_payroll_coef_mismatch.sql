-- check_payroll_coef_mismatch: in each unit's latest payroll month on or before $as_of, a row whose
-- salary coefficient differs from the person's coefficient in the unit's latest roster snapshot on
-- or before the end of that month. (Only the latest month: older months were checked when they
-- were current.) The summary table payroll_coef_diff holds those rows for every month
-- (analytics/summaries.py): this keeps the latest month's. Needs scope_units, payroll_latest.
check_payroll_coef_mismatch AS (
    SELECT d.month, d.unit_code, d.person_id, d.payroll_coef, d.roster_coef, d.roster_as_of
    FROM payroll_latest l
    JOIN payroll_coef_diff d ON d.unit_code = l.unit_code AND d.month = l.month
    WHERE (l.unit_code IN (SELECT unit_code FROM scope_walk) OR ($scope IS NULL AND l.unit_code NOT IN (SELECT unit_code FROM unknown_unit_ref)))
)
