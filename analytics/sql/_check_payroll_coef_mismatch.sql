-- check_payroll_coef_mismatch: in each unit's latest payroll month on or before $as_of, a row whose
-- salary coefficient differs from the person's coefficient in the unit's latest roster snapshot on
-- or before the end of that month. (Only the latest month: older months were checked when they
-- were current, and scanning every month of every unit costs too much.) Needs scope_units,
-- payroll_latest.
check_payroll_coef_mismatch AS (
    WITH snap AS (
        SELECT l.unit_code, l.month, max(s.as_of) AS as_of
        FROM payroll_latest l
        JOIN (SELECT DISTINCT unit_code, as_of FROM person) s
          ON s.unit_code = l.unit_code AND s.as_of <= last_day(l.month)
        WHERE l.unit_code IN (SELECT unit_code FROM scope_units)
        GROUP BY l.unit_code, l.month
    )
    SELECT pr.month, pr.unit_code, pr.person_id, pr.salary_coef AS payroll_coef,
           p.salary_coef AS roster_coef, p.as_of AS roster_as_of
    FROM snap s
    JOIN payroll_latest_rows pr ON pr.unit_code = s.unit_code AND pr.month = s.month
    JOIN person p ON p.as_of = s.as_of AND p.unit_code = pr.unit_code AND p.person_id = pr.person_id
    WHERE p.salary_coef IS NOT NULL AND p.salary_coef <> pr.salary_coef
)
