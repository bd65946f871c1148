-- check_coef_not_in_pay_scale: people in post whose coefficient is not the pay scale's coefficient
-- for their pay group and step (or whose step is not in the scale). Needs roster.
check_coef_not_in_pay_scale AS (
    SELECT p.as_of, p.unit_code, p.person_id, p.pay_group, p.step, p.salary_coef, s.coef AS scale_coef
    FROM roster p
    LEFT JOIN pay_scale s ON s.pay_group = p.pay_group AND s.step = p.step
    WHERE p.status = 'dang_cong_tac' AND p.pay_group IS NOT NULL AND p.salary_coef IS NOT NULL
      AND (s.coef IS NULL OR s.coef <> p.salary_coef)
)
