-- Version 18: person_coef_off, the person rows in post whose coefficient is not the pay scale's
-- (issue 14), filled from the rows already there. Same DDL as the section of schema.sql; the same
-- rows as analytics/sql/refresh_person_coef_off.sql with every unit.
CREATE TABLE IF NOT EXISTS person_coef_off (
    as_of       DATE NOT NULL,
    unit_code   VARCHAR NOT NULL,
    person_id   VARCHAR NOT NULL,
    pay_group   VARCHAR NOT NULL,
    step        INTEGER,
    salary_coef DECIMAL(5, 2) NOT NULL,
    scale_coef  DECIMAL(5, 2)
);
DELETE FROM person_coef_off;
INSERT INTO person_coef_off
SELECT p.as_of, p.unit_code, p.person_id, p.pay_group, p.step, p.salary_coef, s.coef AS scale_coef
FROM person p
LEFT JOIN pay_scale s ON s.pay_group = p.pay_group AND s.step = p.step
WHERE p.status = 'dang_cong_tac' AND p.pay_group IS NOT NULL AND p.salary_coef IS NOT NULL
  AND (s.coef IS NULL OR s.coef <> p.salary_coef);
