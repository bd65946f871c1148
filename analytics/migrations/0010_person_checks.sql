-- Version 10: summary tables for the person-level quality checks (issue 14), filled from the rows
-- already there. Same DDL as the section of schema.sql; the same rows as
-- analytics/sql/refresh_person_twice.sql and refresh_payroll_coef_diff.sql with every unit.
CREATE TABLE IF NOT EXISTS person_twice (
    as_of     DATE NOT NULL,
    person_id VARCHAR NOT NULL,
    unit_code VARCHAR NOT NULL,
    PRIMARY KEY (as_of, person_id, unit_code)
);
CREATE TABLE IF NOT EXISTS payroll_coef_diff (
    month        DATE NOT NULL,
    unit_code    VARCHAR NOT NULL,
    person_id    VARCHAR NOT NULL,
    payroll_coef DECIMAL(5, 2) NOT NULL,
    roster_coef  DECIMAL(5, 2) NOT NULL,
    roster_as_of DATE NOT NULL,
    PRIMARY KEY (month, unit_code, person_id)
);
DELETE FROM person_twice;
INSERT INTO person_twice
SELECT as_of, person_id, unit_code FROM person
WHERE status = 'dang_cong_tac'
QUALIFY count(*) OVER (PARTITION BY as_of, person_id) > 1;
DELETE FROM payroll_coef_diff;
INSERT INTO payroll_coef_diff
WITH snap AS (
    SELECT l.unit_code, l.month, max(s.as_of) AS as_of
    FROM (SELECT DISTINCT unit_code, month FROM payroll) l
    JOIN (SELECT DISTINCT unit_code, as_of FROM person) s ON s.unit_code = l.unit_code AND s.as_of <= last_day(l.month)
    GROUP BY l.unit_code, l.month
)
SELECT pr.month, pr.unit_code, pr.person_id, pr.salary_coef, p.salary_coef, p.as_of
FROM snap s
JOIN payroll pr ON pr.unit_code = s.unit_code AND pr.month = s.month
JOIN person p ON p.as_of = s.as_of AND p.unit_code = pr.unit_code AND p.person_id = pr.person_id
WHERE p.salary_coef IS NOT NULL AND p.salary_coef <> pr.salary_coef;
