-- Version 11: payroll_person_last, each person's last payroll month in each unit (issue 14), filled
-- from the rows already there. Same DDL as the section of schema.sql; the same rows as
-- analytics/sql/refresh_payroll_person_last.sql with every unit.
CREATE TABLE IF NOT EXISTS payroll_person_last (
    unit_code VARCHAR NOT NULL,
    person_id VARCHAR NOT NULL,
    month     DATE NOT NULL
);
DELETE FROM payroll_person_last;
INSERT INTO payroll_person_last
SELECT unit_code, person_id, max(month) FROM payroll GROUP BY unit_code, person_id;
