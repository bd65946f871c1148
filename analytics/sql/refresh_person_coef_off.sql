-- refresh_person_coef_off: the person_coef_off rows of the units in $units (every unit when $all):
-- their person rows in post with a pay group and a coefficient that is not the pay scale's for
-- that group and step. The caller has deleted the old rows of those units (analytics/summaries.py).
-- The pay scale is reference data set when the database is made, not loaded.
INSERT INTO person_coef_off
SELECT p.as_of, p.unit_code, p.person_id, p.pay_group, p.step, p.salary_coef, s.coef AS scale_coef
FROM person p
LEFT JOIN pay_scale s ON s.pay_group = p.pay_group AND s.step = p.step
WHERE p.status = 'dang_cong_tac' AND p.pay_group IS NOT NULL AND p.salary_coef IS NOT NULL
  AND (s.coef IS NULL OR s.coef <> p.salary_coef)
  AND ($all OR p.unit_code IN (SELECT unnest(CAST($units AS VARCHAR[]))))
