-- Version 30: person and payroll without their primary keys (issue 14). At the country's scale
-- their indexes were two thirds of the file (1,9 of 2,7 GB) and replacing one month of payroll
-- (2 million rows) spent 30 s maintaining them; the key of a roster row (date, unit, person) and of
-- a payroll row (month, unit, person) is kept unique by the import instead: no key twice in an upload,
-- the rows of the same unit and date replaced, and the loaded batch's keys checked before it commits
-- (analytics/batches.py, ``unique_keys``). DuckDB cannot drop a constraint, so each table is rebuilt
-- with the same columns, order and other constraints as schema.sql; views are refreshed by
-- schema.sql afterwards.
CREATE TABLE person_v30 (
    as_of            DATE NOT NULL,
    unit_code        VARCHAR NOT NULL,
    person_id        VARCHAR NOT NULL CHECK (length(trim(person_id)) > 0),
    full_name        VARCHAR NOT NULL CHECK (length(trim(full_name)) > 0),
    birth_date       DATE NOT NULL,
    gender           VARCHAR NOT NULL CHECK (gender IN ('nam', 'nu')),
    ethnicity        VARCHAR NOT NULL DEFAULT 'kinh',   -- lower-case ASCII name: kinh, khmer, hoa, …
    category         VARCHAR NOT NULL CHECK (category IN ('can_bo', 'cong_chuc', 'vien_chuc', 'nguoi_lao_dong')),
    grade_code       VARCHAR,                 -- mã ngạch / chức danh nghề nghiệp
    grade_name       VARCHAR,
    pay_group        VARCHAR CHECK (pay_group IN ('A3.1', 'A3.2', 'A2.1', 'A2.2', 'A1', 'A0', 'B', 'C1')),
    step             INTEGER CHECK (step BETWEEN 1 AND 12),
    salary_coef      DECIMAL(5, 2) CHECK (salary_coef > 0 AND salary_coef <= 10),
    position         VARCHAR,
    is_leader        BOOLEAN NOT NULL DEFAULT false,
    leadership_allowance_coef DECIMAL(4, 2) NOT NULL DEFAULT 0 CHECK (leadership_allowance_coef >= 0 AND leadership_allowance_coef <= 2),
    in_succession_plan BOOLEAN NOT NULL DEFAULT false,
    discipline       VARCHAR CHECK (discipline IN ('khien_trach', 'canh_cao', 'ha_bac', 'cach_chuc', 'buoc_thoi_viec')),
    discipline_until DATE,
    health           VARCHAR CHECK (health IN ('tot', 'kha', 'trung_binh', 'yeu')),
    qualification    VARCHAR CHECK (qualification IN ('tien_si', 'thac_si', 'dai_hoc', 'cao_dang', 'trung_cap', 'khac')),
    political_theory VARCHAR CHECK (political_theory IN ('cao_cap', 'trung_cap', 'so_cap', 'chua_co')),
    hire_date        DATE,
    status           VARCHAR NOT NULL DEFAULT 'dang_cong_tac' CHECK (status IN ('dang_cong_tac', 'nghi_huu', 'tinh_gian', 'thoi_viec', 'chuyen_cong_tac')),
    batch_id         BIGINT NOT NULL,
    CHECK (birth_date < as_of),
    CHECK (hire_date IS NULL OR hire_date > birth_date),
    CHECK ((pay_group IS NULL) = (step IS NULL))
);
INSERT INTO person_v30 SELECT * FROM person;
DROP TABLE person;
ALTER TABLE person_v30 RENAME TO person;

CREATE TABLE payroll_v30 (
    month            DATE NOT NULL CHECK (day(month) = 1),
    unit_code        VARCHAR NOT NULL,
    person_id        VARCHAR NOT NULL,
    salary_coef      DECIMAL(5, 2) NOT NULL CHECK (salary_coef > 0 AND salary_coef <= 10),
    base_salary_vnd  BIGINT NOT NULL CHECK (base_salary_vnd > 0),     -- lương cơ sở in force that month
    basic_salary_vnd BIGINT NOT NULL CHECK (basic_salary_vnd >= 0),   -- coef × lương cơ sở
    allowance_leadership_vnd   BIGINT NOT NULL DEFAULT 0 CHECK (allowance_leadership_vnd >= 0),
    allowance_seniority_vnd    BIGINT NOT NULL DEFAULT 0 CHECK (allowance_seniority_vnd >= 0),
    allowance_occupational_vnd BIGINT NOT NULL DEFAULT 0 CHECK (allowance_occupational_vnd >= 0),
    allowance_public_service_vnd BIGINT NOT NULL DEFAULT 0 CHECK (allowance_public_service_vnd >= 0),
    allowance_other_vnd        BIGINT NOT NULL DEFAULT 0 CHECK (allowance_other_vnd >= 0),
    total_vnd        BIGINT NOT NULL CHECK (total_vnd >= basic_salary_vnd),
    batch_id         BIGINT NOT NULL
);
INSERT INTO payroll_v30 SELECT * FROM payroll;
DROP TABLE payroll;
ALTER TABLE payroll_v30 RENAME TO payroll;
