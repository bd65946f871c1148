-- check_coef_not_in_pay_scale: people in post whose coefficient is not the pay scale's coefficient
-- for their pay group and step (or whose step is not in the scale): the summary table
-- person_coef_off (those person rows, analytics/summaries.py) on the roster's snapshots. Needs
-- roster (its roster_units).
check_coef_not_in_pay_scale AS (
    SELECT p.as_of, p.unit_code, p.person_id, p.pay_group, p.step, p.salary_coef, p.scale_coef
    FROM person_coef_off p
    JOIN roster_units r ON r.unit_code = p.unit_code AND r.snap = p.as_of
)
