-- Version 9: summary tables per unit and roster date / payroll month (issue 14), filled from the
-- rows already there. Same DDL as the section of schema.sql; the same aggregation as
-- analytics/sql/refresh_person_summary.sql and refresh_payroll_summary.sql.
CREATE TABLE IF NOT EXISTS person_summary (
    as_of     DATE NOT NULL,
    unit_code VARCHAR NOT NULL,
    category  VARCHAR NOT NULL,
    status    VARCHAR NOT NULL,
    people    BIGINT NOT NULL CHECK (people > 0),
    PRIMARY KEY (as_of, unit_code, category, status)
);
CREATE TABLE IF NOT EXISTS payroll_summary (
    month            DATE NOT NULL,
    unit_code        VARCHAR NOT NULL,
    payroll_rows     BIGINT NOT NULL CHECK (payroll_rows > 0),
    basic_salary_vnd BIGINT NOT NULL,
    PRIMARY KEY (month, unit_code)
);
-- (Databases built before this migration was numbered 9 may already hold the tables with their
-- rows: they are recomputed, not added to.)
DELETE FROM person_summary;
DELETE FROM payroll_summary;
INSERT INTO person_summary
SELECT as_of, unit_code, category, status, count(*) FROM person GROUP BY ALL;
INSERT INTO payroll_summary
SELECT month, unit_code, count(*), sum(basic_salary_vnd) FROM payroll GROUP BY ALL;
