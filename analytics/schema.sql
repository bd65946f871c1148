-- THE schema of the oversight database (current version; see analytics/migrations for upgrades).
--
-- Conventions
--   * codes are lower-case ASCII; the allowed lists mirror analytics/codes.py (tests check both);
--   * money is whole VND in BIGINT columns ending in _vnd; coefficients DECIMAL(5,2);
--   * every data row carries the import batch that loaded it (batch_id), so a batch can be undone
--     and demo data removed;
--   * no FOREIGN KEY clauses: DuckDB refuses to delete-and-reinsert a referenced key inside one
--     transaction, which is exactly what replacing a snapshot does. Referential integrity is
--     checked by import validation and by the data-quality queries instead.

CREATE SEQUENCE IF NOT EXISTS batch_id_seq START 1;

-- One upload (or the demo build): who, when, what, and what it did.
CREATE TABLE IF NOT EXISTS import_batch (
    batch_id      BIGINT PRIMARY KEY DEFAULT nextval('batch_id_seq'),
    kind          VARCHAR NOT NULL CHECK (kind IN ('demo', 'upload', 'cli')),
    status        VARCHAR NOT NULL DEFAULT 'loaded' CHECK (status IN ('loaded', 'undone')),
    created_at    TIMESTAMP NOT NULL DEFAULT current_localtimestamp(),
    created_by    VARCHAR NOT NULL,
    as_of         DATE,                       -- "số liệu đến ngày" declared for the upload
    rows_by_table JSON,                       -- {"person": 120, "quota": 4}
    note          VARCHAR,
    undone_at     TIMESTAMP,
    undone_by     VARCHAR
);

-- The files of a batch; sha256 lets the same file sent twice be recognised.
CREATE TABLE IF NOT EXISTS import_file (
    batch_id   BIGINT NOT NULL,
    file_name  VARCHAR NOT NULL,
    sha256     VARCHAR NOT NULL CHECK (length(sha256) = 64),
    size_bytes BIGINT NOT NULL CHECK (size_bytes >= 0),
    PRIMARY KEY (batch_id, file_name)
);

-- Organisational units with their history. A unit that was merged points at the unit that took
-- it over (merged_into); a unit's place in the tree is parent_code.
CREATE TABLE IF NOT EXISTS unit (
    unit_code       VARCHAR PRIMARY KEY CHECK (length(trim(unit_code)) > 0),
    name            VARCHAR NOT NULL CHECK (length(trim(name)) > 0),
    short_name      VARCHAR,
    unit_type       VARCHAR NOT NULL CHECK (unit_type IN ('thanh_pho', 'tinh_cu', 'so_nganh',
                        'co_quan_khac', 'phong', 'ubnd_xa', 'huyen_cu', 'dvsnc')),
    level           VARCHAR NOT NULL CHECK (level IN ('city', 'commune', 'district')),
    sector          VARCHAR CHECK (sector IN ('quan_ly_nha_nuoc', 'giao_duc', 'y_te',
                        'van_hoa_the_thao', 'nong_nghiep', 'khoa_hoc_cong_nghe', 'su_nghiep_khac')),
    -- the 63 provinces before 1/7/2025 (analytics/codes.py FORMER_PROVINCES; schema version 22)
    former_province VARCHAR CHECK (former_province IN (
                        'an_giang', 'ba_ria_vung_tau', 'bac_giang', 'bac_kan', 'bac_lieu',
                        'bac_ninh', 'ben_tre', 'binh_dinh', 'binh_duong', 'binh_phuoc',
                        'binh_thuan', 'ca_mau', 'can_tho', 'cao_bang', 'da_nang', 'dak_lak',
                        'dak_nong', 'dien_bien', 'dong_nai', 'dong_thap', 'gia_lai', 'ha_giang',
                        'ha_nam', 'ha_noi', 'ha_tinh', 'hai_duong', 'hai_phong', 'hau_giang',
                        'ho_chi_minh', 'hoa_binh', 'hung_yen', 'khanh_hoa', 'kien_giang',
                        'kon_tum', 'lai_chau', 'lam_dong', 'lang_son', 'lao_cai', 'long_an',
                        'nam_dinh', 'nghe_an', 'ninh_binh', 'ninh_thuan', 'phu_tho', 'phu_yen',
                        'quang_binh', 'quang_nam', 'quang_ngai', 'quang_ninh', 'quang_tri',
                        'soc_trang', 'son_la', 'tay_ninh', 'thai_binh', 'thai_nguyen', 'thanh_hoa',
                        'thua_thien_hue', 'tien_giang', 'tra_vinh', 'tuyen_quang', 'vinh_long',
                        'vinh_phuc', 'yen_bai')),
    commune_kind    VARCHAR CHECK (commune_kind IN ('phuong', 'xa')),
    parent_code     VARCHAR CHECK (parent_code <> unit_code),
    merged_into     VARCHAR CHECK (merged_into <> unit_code),
    valid_from      DATE,
    valid_to        DATE CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from),
    restructured_on DATE,                     -- start of the training "first year" for this unit
    self_financed   BOOLEAN NOT NULL DEFAULT false,  -- outside the budget-paid headcount
    especially_difficult BOOLEAN NOT NULL DEFAULT false,  -- Decree 76/2019 area (communes)
    batch_id        BIGINT NOT NULL,
    CHECK (commune_kind IS NULL OR unit_type = 'ubnd_xa')
);

-- Quotas assigned per unit, year and category.
CREATE TABLE IF NOT EXISTS quota (
    unit_code        VARCHAR NOT NULL,
    year             INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    category         VARCHAR NOT NULL CHECK (category IN ('cong_chuc', 'vien_chuc', 'nguoi_lao_dong')),
    quota_assigned   INTEGER NOT NULL CHECK (quota_assigned >= 0),
    cut_pending      INTEGER NOT NULL DEFAULT 0 CHECK (cut_pending >= 0),  -- proposed, not yet approved
    pending_decision VARCHAR,                 -- the body / session expected to approve them
    present          INTEGER CHECK (present >= 0),  -- biên chế có mặt reported with the quota
    decision_ref     VARCHAR,                 -- decision assigning the quota
    decision_date    DATE,
    as_of            DATE,
    batch_id         BIGINT NOT NULL,
    PRIMARY KEY (unit_code, year, category),
    CHECK (cut_pending <= quota_assigned)
);

-- Roster snapshots: one row per person, unit and as-of date. That key is kept by the import, not by
-- a primary key (at the country's scale the index was most of the file, and slowed every load and
-- undo): no key twice in an upload, a unit's rows of a date replaced whole, the batch's keys
-- checked before it commits (batches.unique_keys; migration 30).
CREATE TABLE IF NOT EXISTS person (
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

-- Monthly payroll: one row per person, unit and month (month = first day of the month); the key kept
-- by the import as the roster's.
CREATE TABLE IF NOT EXISTS payroll (
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

-- People who left (or are proposed to leave) under a reduction policy.
CREATE TABLE IF NOT EXISTS reduction_case (
    case_id        VARCHAR PRIMARY KEY,
    person_id      VARCHAR,
    full_name      VARCHAR,
    unit_code      VARCHAR NOT NULL,
    category       VARCHAR NOT NULL CHECK (category IN ('can_bo', 'cong_chuc', 'vien_chuc', 'nguoi_lao_dong')),
    programme      VARCHAR NOT NULL DEFAULT 'tinh_gian_2022_2026' CHECK (programme IN ('tinh_gian_2022_2026', 'sap_xep_2025')),
    route          VARCHAR NOT NULL CHECK (route IN ('nghi_huu_truoc_tuoi', 'thoi_viec', 'chuyen_ngoai_nsnn', 'nghi_huu_dung_tuoi', 'khac')),
    year           INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    period_label   VARCHAR,                   -- as reported, e.g. '6 tháng đầu năm 2024'
    decision_no    VARCHAR,
    decision_date  DATE,
    effective_date DATE,
    status         VARCHAR NOT NULL DEFAULT 'da_nghi' CHECK (status IN ('de_xuat', 'da_phe_duyet', 'da_nghi')),
    payout_vnd     BIGINT CHECK (payout_vnd >= 0),
    batch_id       BIGINT NOT NULL
);

-- Postings of city staff to communes (Kế hoạch 10/KH-UBND §III.1).
CREATE TABLE IF NOT EXISTS secondment (
    secondment_id        VARCHAR PRIMARY KEY,
    person_id            VARCHAR NOT NULL,
    sending_unit_code    VARCHAR NOT NULL,
    receiving_unit_code  VARCHAR NOT NULL,
    start_date           DATE NOT NULL,
    planned_end_date     DATE NOT NULL,
    actual_end_date      DATE,
    decision_no          VARCHAR,
    decision_date        DATE,
    exception_decision_no VARCHAR,            -- competent authority allows less than the minimum
    status               VARCHAR NOT NULL CHECK (status IN ('du_kien', 'dang_tang_cuong', 'da_ket_thuc', 'ket_thuc_som')),
    end_reason           VARCHAR,
    position_at_commune  VARCHAR,
    allowance_regime     VARCHAR NOT NULL DEFAULT 'mot_lan_10x' CHECK (allowance_regime IN ('mot_lan_10x', 'nd76')),
    one_time_allowance_vnd BIGINT CHECK (one_time_allowance_vnd >= 0),
    batch_id             BIGINT NOT NULL,
    CHECK (sending_unit_code <> receiving_unit_code),
    CHECK (planned_end_date > start_date),
    CHECK (actual_end_date IS NULL OR actual_end_date >= start_date)
    -- The minimum length (36 months by Kế hoạch 10/KH-UBND) is the setting secondment_min_months,
    -- checked by the importer (ingest.rules) and the KPIs, not here: a CHECK cannot read a setting
    -- (migration 0007 dropped the CHECK that hard-coded 36).
);

-- Quarterly reviews of a posting by the sending agency, the commune and Sở Nội vụ.
CREATE TABLE IF NOT EXISTS secondment_review (
    secondment_id VARCHAR NOT NULL,
    review_date   DATE NOT NULL,
    reviewer      VARCHAR NOT NULL CHECK (reviewer IN ('don_vi_cu', 'xa_nhan', 'so_noi_vu')),
    rating        VARCHAR,
    note          VARCHAR,
    batch_id      BIGINT NOT NULL,
    PRIMARY KEY (secondment_id, review_date, reviewer)
);

-- Training and retraining (Kế hoạch 10/KH-UBND §III.2); a row per person or per unit-level course.
CREATE TABLE IF NOT EXISTS training (
    record_id     VARCHAR PRIMARY KEY,
    unit_code     VARCHAR NOT NULL,
    person_id     VARCHAR,
    course_name   VARCHAR NOT NULL,
    field         VARCHAR NOT NULL CHECK (field IN ('kinh_te_phap_luat', 'khoa_hoc_cong_nghe',
                      'cong_nghe_cao_cntt', 'che_bien', 'nong_nghiep_cnc', 'y_te_chuyen_sau', 'logistics',
                      'tieu_chuan_chuc_danh', 'qlnn_theo_ngach', 'ly_luan_chinh_tri', 'khac')),
    location      VARCHAR NOT NULL DEFAULT 'trong_nuoc' CHECK (location IN ('trong_nuoc', 'nuoc_ngoai')),
    start_date    DATE NOT NULL,
    end_date      DATE,
    participants  INTEGER NOT NULL DEFAULT 1 CHECK (participants >= 1),
    cost_committed_vnd BIGINT NOT NULL DEFAULT 0 CHECK (cost_committed_vnd >= 0),
    cost_spent_vnd     BIGINT NOT NULL DEFAULT 0 CHECK (cost_spent_vnd >= 0),
    funding       VARCHAR NOT NULL CHECK (funding IN ('thuong_xuyen', 'tai_co_cau_5pct')),
    batch_id      BIGINT NOT NULL,
    CHECK (end_date IS NULL OR end_date >= start_date),
    CHECK (person_id IS NULL OR participants = 1)
);

-- Reference data: editable, seeded with DOMAIN.md's defaults by analytics/db.py.
CREATE TABLE IF NOT EXISTS base_salary (          -- lương cơ sở
    valid_from DATE PRIMARY KEY,
    amount_vnd BIGINT NOT NULL CHECK (amount_vnd > 0)
);

CREATE TABLE IF NOT EXISTS pay_scale (            -- salary coefficient by pay group and step
    pay_group    VARCHAR NOT NULL CHECK (pay_group IN ('A3.1', 'A3.2', 'A2.1', 'A2.2', 'A1', 'A0', 'B', 'C1')),
    step         INTEGER NOT NULL CHECK (step BETWEEN 1 AND 12),
    coef         DECIMAL(5, 2) NOT NULL CHECK (coef > 0),
    years_per_step INTEGER NOT NULL CHECK (years_per_step > 0),
    PRIMARY KEY (pay_group, step)
);

CREATE TABLE IF NOT EXISTS retirement_age (       -- Decree 135/2020 roadmap
    gender     VARCHAR NOT NULL CHECK (gender IN ('nam', 'nu')),
    year       INTEGER NOT NULL,             -- the calendar year in which the age applies
    age_months INTEGER NOT NULL CHECK (age_months BETWEEN 600 AND 800),
    PRIMARY KEY (gender, year)
);

-- Settings that change results (targets, baseline year, rounding, thresholds). Values are JSON;
-- defaults live in analytics/policy.py and apply when a key is absent.
CREATE TABLE IF NOT EXISTS setting (
    key        VARCHAR PRIMARY KEY,
    value      JSON NOT NULL,
    updated_at TIMESTAMP NOT NULL DEFAULT current_localtimestamp(),
    updated_by VARCHAR NOT NULL
);

CREATE SEQUENCE IF NOT EXISTS setting_change_seq START 1;
CREATE TABLE IF NOT EXISTS setting_history (
    change_id  BIGINT PRIMARY KEY DEFAULT nextval('setting_change_seq'),
    key        VARCHAR NOT NULL,
    old_value  JSON,
    new_value  JSON,
    changed_at TIMESTAMP NOT NULL DEFAULT current_localtimestamp(),
    changed_by VARCHAR NOT NULL
);

-- Rows an upload replaced (a newer snapshot of the same unit and period), kept so that undoing the
-- upload restores exactly what was there. Same columns as the data table plus the replacing batch;
-- derived from the tables above so the two cannot drift (migration 0002 made them for old files).
CREATE TABLE IF NOT EXISTS unit__replaced AS SELECT *, CAST(NULL AS BIGINT) AS replaced_by_batch FROM unit LIMIT 0;
CREATE TABLE IF NOT EXISTS quota__replaced AS SELECT *, CAST(NULL AS BIGINT) AS replaced_by_batch FROM quota LIMIT 0;
CREATE TABLE IF NOT EXISTS person__replaced AS SELECT *, CAST(NULL AS BIGINT) AS replaced_by_batch FROM person LIMIT 0;
CREATE TABLE IF NOT EXISTS payroll__replaced AS SELECT *, CAST(NULL AS BIGINT) AS replaced_by_batch FROM payroll LIMIT 0;
CREATE TABLE IF NOT EXISTS reduction_case__replaced AS SELECT *, CAST(NULL AS BIGINT) AS replaced_by_batch FROM reduction_case LIMIT 0;
CREATE TABLE IF NOT EXISTS secondment__replaced AS SELECT *, CAST(NULL AS BIGINT) AS replaced_by_batch FROM secondment LIMIT 0;
CREATE TABLE IF NOT EXISTS secondment_review__replaced AS SELECT *, CAST(NULL AS BIGINT) AS replaced_by_batch FROM secondment_review LIMIT 0;
CREATE TABLE IF NOT EXISTS training__replaced AS SELECT *, CAST(NULL AS BIGINT) AS replaced_by_batch FROM training LIMIT 0;

-- ---------------------------------------------------------------------------------------------
-- Accounts and audit (schema version 3, analytics/migrations/0003_users_audit.sql)
-- ---------------------------------------------------------------------------------------------

-- Local accounts of the dashboard. Passwords are argon2id hashes (analytics/auth.py); there is no
-- default account and no default password: the app asks for the first admin when none is active.
-- scope_unit_code NULL = the whole city; otherwise the account sees that unit and every unit under
-- it through unit_closure (analytics/access.py). The coded lists below are written with
-- list_contains (not IN) because they mirror analytics/access.py ROLES and analytics/audit.py
-- EVENTS, not analytics/codes.py; tests/test_access.py and tests/test_audit.py check they agree.
CREATE TABLE IF NOT EXISTS app_user (
    username            VARCHAR PRIMARY KEY CHECK (regexp_full_match(username, '[a-z0-9][a-z0-9._@-]{2,63}')),
    display_name        VARCHAR,
    password_hash       VARCHAR NOT NULL CHECK (starts_with(password_hash, '$argon2id$')),
    role                VARCHAR NOT NULL CHECK (list_contains(['viewer', 'analyst', 'admin'], role)),
    scope_unit_code     VARCHAR,
    active              BOOLEAN NOT NULL DEFAULT true,
    created_at          TIMESTAMP NOT NULL DEFAULT current_localtimestamp(),
    created_by          VARCHAR NOT NULL,
    password_changed_at TIMESTAMP NOT NULL DEFAULT current_localtimestamp(),
    failed_attempts     INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
    locked_until        TIMESTAMP
);

-- Who did what, when: logins, denials, imports, undos, exports, downloads, settings and user
-- changes. Append-only from the app: analytics/audit.py offers no update or delete. detail is JSON
-- without personal cell values (sha256, row counts, codes); audit.record refuses personal keys.
-- ("at" is reserved in DuckDB's grammar, hence logged_at.) Since the events file (analytics/events.py)
-- this table only holds what older versions wrote: it is copied there once and never written again,
-- so its event list stays the one of that time (the reporting-cycle events exist only there).
CREATE SEQUENCE IF NOT EXISTS audit_event_seq START 1;
CREATE TABLE IF NOT EXISTS audit_log (
    event_id  BIGINT PRIMARY KEY DEFAULT nextval('audit_event_seq'),
    logged_at TIMESTAMP NOT NULL DEFAULT current_localtimestamp(),
    username  VARCHAR,                  -- NULL when the name typed at login is unknown
    event     VARCHAR NOT NULL CHECK (list_contains(['login_ok', 'login_failed', 'login_locked', 'logout',
                  'session_expired', 'denied', 'import', 'import_rejected', 'undo', 'export', 'download',
                  'setting_change', 'user_change', 'demo_build', 'demo_remove'], event)),
    target    VARCHAR,                  -- page id, table, batch id, username, file name
    detail    JSON
);

-- ---------------------------------------------------------------------------------------------
-- Shared views
-- ---------------------------------------------------------------------------------------------

-- Every unit with each unit it rolls up to, through the tree (parent_code) and through mergers
-- (merged_into), with the number of steps. A unit is its own ancestor at depth 0. A unit merged
-- into a new one therefore counts under the new unit and under everything above it, which is how
-- 2021 baselines are re-aggregated onto today's units.
CREATE OR REPLACE VIEW unit_closure AS
WITH RECURSIVE edges AS (
    SELECT unit_code AS child, parent_code AS up FROM unit WHERE parent_code IS NOT NULL
    UNION
    SELECT unit_code AS child, merged_into AS up FROM unit WHERE merged_into IS NOT NULL
),
walk(unit_code, ancestor_code, depth) AS (
    SELECT unit_code, unit_code, 0 FROM unit
    UNION
    SELECT w.unit_code, e.up, w.depth + 1
    FROM walk w JOIN edges e ON e.child = w.ancestor_code
    WHERE w.depth < 32
)
SELECT unit_code, ancestor_code, min(depth) AS depth
FROM walk
GROUP BY unit_code, ancestor_code;

-- The unit that carries a unit today: follow merged_into to its end.
CREATE OR REPLACE VIEW unit_successor AS
WITH RECURSIVE chain(unit_code, successor_code, depth) AS (
    SELECT unit_code, unit_code, 0 FROM unit
    UNION ALL
    SELECT c.unit_code, u.merged_into, c.depth + 1
    FROM chain c JOIN unit u ON u.unit_code = c.successor_code
    WHERE u.merged_into IS NOT NULL AND c.depth < 32
)
SELECT unit_code, arg_max(successor_code, depth) AS successor_code
FROM chain
GROUP BY unit_code;

-- The latest roster snapshot of each unit.
CREATE OR REPLACE VIEW person_latest AS
SELECT p.*
FROM person p
JOIN (SELECT unit_code, max(as_of) AS as_of FROM person GROUP BY unit_code) l
  ON l.unit_code = p.unit_code AND l.as_of = p.as_of;

-- Retirement date of each roster row under the Decree 135/2020 roadmap: the person reaches the
-- age that applies in the calendar year they reach it, and retires at the end of that month
-- (Decree 135/2020 art. 4). Years beyond the table keep its last age; years before it its first.
-- analytics/reference.py:retirement_date is the same rule in Python (tests compare the two).
CREATE OR REPLACE VIEW person_retirement AS
WITH ages AS (
    SELECT g.gender, y.year,
           coalesce(
               (SELECT r.age_months FROM retirement_age r WHERE r.gender = g.gender AND r.year = y.year),
               CASE WHEN y.year < (SELECT min(year) FROM retirement_age r2 WHERE r2.gender = g.gender)
                    THEN (SELECT arg_min(age_months, year) FROM retirement_age r3 WHERE r3.gender = g.gender)
                    ELSE (SELECT arg_max(age_months, year) FROM retirement_age r4 WHERE r4.gender = g.gender)
               END) AS age_months
    FROM (SELECT DISTINCT gender FROM retirement_age) g
    CROSS JOIN range(1990, 2101) y(year)
),
candidates AS (
    SELECT p.as_of, p.unit_code, p.person_id,
           CAST(p.birth_date + to_months(a.age_months) AS DATE) AS reach_date, a.year
    FROM person p JOIN ages a ON a.gender = p.gender
    WHERE year(p.birth_date) + a.age_months // 12 BETWEEN a.year - 1 AND a.year + 1
)
SELECT as_of, unit_code, person_id, last_day(min(reach_date)) AS retirement_date
FROM candidates
WHERE year(reach_date) = year
GROUP BY as_of, unit_code, person_id;

-- Frozen briefing decks ("chốt số liệu", issue 6; migration 0004). A snapshot stores the DATA of the
-- briefing deck (analytics/briefing.py deck(): codes, numbers and dates, no person names or IDs) as
-- JSON, so figures shown at a past meeting never move.
CREATE SEQUENCE IF NOT EXISTS briefing_snapshot_seq START 1;
CREATE TABLE IF NOT EXISTS briefing_snapshot (
    snapshot_id     BIGINT PRIMARY KEY DEFAULT nextval('briefing_snapshot_seq'),
    taken_at        TIMESTAMP NOT NULL DEFAULT current_localtimestamp(),
    taken_by        VARCHAR NOT NULL,
    label           VARCHAR NOT NULL,
    scope_unit_code VARCHAR,            -- NULL = the whole database
    as_of           DATE NOT NULL,
    deck            JSON NOT NULL
);

-- Column mappings a user made on the Import page for a layout the header dictionary did not fully
-- know (migration 0005). ``signature``: header keys of the layout's header cells (a stored mapping
-- applies to a sheet whose first rows hold all of them); ``mapping``: {header text: column} JSON.
CREATE SEQUENCE IF NOT EXISTS column_mapping_seq START 1;
CREATE TABLE IF NOT EXISTS column_mapping (
    mapping_id   BIGINT PRIMARY KEY DEFAULT nextval('column_mapping_seq'),
    kind         VARCHAR NOT NULL,
    signature    VARCHAR[] NOT NULL,
    mapping      JSON NOT NULL,
    source_file  VARCHAR,
    source_sheet VARCHAR,
    created_by   VARCHAR NOT NULL,
    created_at   TIMESTAMP NOT NULL DEFAULT current_localtimestamp(),
    used_count   INTEGER NOT NULL DEFAULT 0,
    last_used_at TIMESTAMP
);

-- ---------------------------------------------------------------------------------------------
-- Reorganisation, job positions, inspections (issue 15; migration 0006)
-- ---------------------------------------------------------------------------------------------

-- Decisions that reorganise a unit (seed 002 §II.2.b): merged into another unit, dissolved, newly
-- created, restructured internally (internal sub-units removed, by type) or reorganised.
CREATE TABLE IF NOT EXISTS reorg_decision (
    decision_id       VARCHAR PRIMARY KEY,
    unit_code         VARCHAR NOT NULL,
    action            VARCHAR NOT NULL CHECK (action IN ('sap_nhap', 'giai_the', 'thanh_lap', 'kien_toan', 'to_chuc_lai')),
    decision_no       VARCHAR NOT NULL CHECK (length(trim(decision_no)) > 0),
    decision_date     DATE NOT NULL,
    effective_date    DATE,
    successor_code    VARCHAR,                -- the unit that took a merged unit over
    removed_divisions INTEGER NOT NULL DEFAULT 0 CHECK (removed_divisions >= 0),  -- phòng chuyên môn, nghiệp vụ
    removed_faculties INTEGER NOT NULL DEFAULT 0 CHECK (removed_faculties >= 0),  -- khoa chuyên môn
    removed_branches  INTEGER NOT NULL DEFAULT 0 CHECK (removed_branches >= 0),   -- chi nhánh
    removed_other     INTEGER NOT NULL DEFAULT 0 CHECK (removed_other >= 0),
    note              VARCHAR,
    batch_id          BIGINT NOT NULL,
    CHECK (successor_code IS NULL OR successor_code <> unit_code)
);

-- Job positions and grade structure approved per unit (seed 002 §II.2.d). A unit listed as not
-- eligible (being dissolved, not yet operating) is left out of the denominator.
CREATE TABLE IF NOT EXISTS job_position (
    approval_id            VARCHAR PRIMARY KEY,
    unit_code              VARCHAR NOT NULL,
    eligible               BOOLEAN NOT NULL DEFAULT true,
    ineligible_reason      VARCHAR,
    decision_no            VARCHAR,
    decision_date          DATE,
    positions_leadership   INTEGER NOT NULL DEFAULT 0 CHECK (positions_leadership >= 0),
    positions_professional INTEGER NOT NULL DEFAULT 0 CHECK (positions_professional >= 0),
    positions_shared       INTEGER NOT NULL DEFAULT 0 CHECK (positions_shared >= 0),
    positions_support      INTEGER NOT NULL DEFAULT 0 CHECK (positions_support >= 0),
    note                   VARCHAR,
    batch_id               BIGINT NOT NULL
);

-- Public-service inspections by Sở Nội vụ (kiểm tra hoạt động công vụ), scheduled or unannounced.
CREATE TABLE IF NOT EXISTS inspection (
    inspection_id   VARCHAR PRIMARY KEY,
    unit_code       VARCHAR NOT NULL,
    inspection_date DATE NOT NULL,
    inspection_kind VARCHAR NOT NULL CHECK (inspection_kind IN ('theo_ke_hoach', 'dot_xuat')),
    findings        INTEGER NOT NULL DEFAULT 0 CHECK (findings >= 0),
    decision_no     VARCHAR,                  -- the plan or decision the inspection was made under
    note            VARCHAR,
    batch_id        BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS reorg_decision__replaced AS SELECT *, CAST(NULL AS BIGINT) AS replaced_by_batch FROM reorg_decision LIMIT 0;
CREATE TABLE IF NOT EXISTS job_position__replaced AS SELECT *, CAST(NULL AS BIGINT) AS replaced_by_batch FROM job_position LIMIT 0;
CREATE TABLE IF NOT EXISTS inspection__replaced AS SELECT *, CAST(NULL AS BIGINT) AS replaced_by_batch FROM inspection LIMIT 0;

-- The reporting cycle (issue 15 part 2): periods, due dates, submissions (migration 0008).
CREATE TABLE IF NOT EXISTS reporting_period (
    period_id   VARCHAR PRIMARY KEY,         -- '2026-T09', '2026-Q3', '2026-H2'
    period_kind VARCHAR NOT NULL CHECK (period_kind IN ('month', 'quarter', 'half_year')),
    start_date  DATE NOT NULL,
    end_date    DATE NOT NULL,
    created_by  VARCHAR NOT NULL,
    created_at  TIMESTAMP NOT NULL DEFAULT current_localtimestamp(),
    CHECK (end_date >= start_date)
);

-- When each data kind of a period is due (a kind without a row is not asked for in that period).
CREATE TABLE IF NOT EXISTS period_due (
    period_id VARCHAR NOT NULL,
    data_kind VARCHAR NOT NULL,
    due_date  DATE NOT NULL,
    PRIMARY KEY (period_id, data_kind)
);

-- One file a unit sent for a period and kind. Its rows never enter the data tables before
-- 'published' (then batch_id is the import batch); the file itself is kept to review and publish.
-- with_errors: refused by validation (problems says why); submitted: waits for review;
-- returned: sent back with review_reason; superseded: a newer file of the same unit, kind and
-- period came before it was reviewed.
CREATE SEQUENCE IF NOT EXISTS submission_seq START 1;
CREATE TABLE IF NOT EXISTS submission (
    submission_id BIGINT PRIMARY KEY DEFAULT nextval('submission_seq'),
    period_id     VARCHAR NOT NULL,
    unit_code     VARCHAR NOT NULL,
    data_kind     VARCHAR NOT NULL,
    status        VARCHAR NOT NULL CHECK (status IN ('with_errors', 'submitted', 'returned', 'published', 'superseded')),
    submitted_by  VARCHAR NOT NULL,
    submitted_at  TIMESTAMP NOT NULL DEFAULT current_localtimestamp(),
    file_name     VARCHAR NOT NULL,
    sha256        VARCHAR NOT NULL,
    size_bytes    BIGINT NOT NULL CHECK (size_bytes >= 0),
    content       BLOB NOT NULL,             -- empty for with_errors (never published)
    rows_total    BIGINT NOT NULL DEFAULT 0,
    errors        INTEGER NOT NULL DEFAULT 0,
    warnings      INTEGER NOT NULL DEFAULT 0,
    problems      VARCHAR,                   -- JSON list: code, severity, sheet, row, column, message_vi, message_en
    reviewed_by   VARCHAR,
    reviewed_at   TIMESTAMP,
    review_reason VARCHAR,
    batch_id      BIGINT,
    CHECK (status <> 'returned' OR length(trim(review_reason)) > 0),
    CHECK (status <> 'published' OR batch_id IS NOT NULL)
);

-- ---------------------------------------------------------------------------------------------
-- Summary tables (schema version 9, analytics/migrations/0009_summaries.sql; issue 14)
-- ---------------------------------------------------------------------------------------------
-- Raw rows aggregated per unit and roster date / payroll month, so the pages' queries need not scan
-- millions of person and payroll rows at national scale. Kept by analytics/summaries.py inside the
-- transaction of every load (batches.close_batch) and undo (batches.undo_batch): always equal to
-- the raw rows they summarise (tests/test_summaries.py compares every KPI both ways).
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
-- (Schema version 10, analytics/migrations/0010_person_checks.sql.) The roster rows of people in post
-- ('dang_cong_tac') that two or more units list on the same roster date, whatever the snapshots in
-- use: the check person_two_units looks for its faults among these few rows instead of grouping
-- every person row by date and person.
CREATE TABLE IF NOT EXISTS person_twice (
    as_of     DATE NOT NULL,
    person_id VARCHAR NOT NULL,
    unit_code VARCHAR NOT NULL,
    PRIMARY KEY (as_of, person_id, unit_code)
);
-- (Schema version 10.) Every payroll row whose salary coefficient differs from the person's in the
-- unit's latest roster snapshot on or before the end of that month, for every month: the check
-- payroll_coef_mismatch keeps those of each unit's latest month instead of joining that month's
-- payroll rows to the roster.
CREATE TABLE IF NOT EXISTS payroll_coef_diff (
    month        DATE NOT NULL,
    unit_code    VARCHAR NOT NULL,
    person_id    VARCHAR NOT NULL,
    payroll_coef DECIMAL(5, 2) NOT NULL,
    roster_coef  DECIMAL(5, 2) NOT NULL,
    roster_as_of DATE NOT NULL,
    PRIMARY KEY (month, unit_code, person_id)
);
-- (Schema version 12, analytics/migrations/0012_person_posted.sql.) The roster rows (every snapshot)
-- of the people a secondment names, with the columns the secondment KPIs read: secondment_postings
-- picks each posted person's record among these few rows instead of looking a few thousand
-- person_ids up among millions of person rows. No primary key: an index would cost every refresh.
CREATE TABLE IF NOT EXISTS person_posted (
    as_of              DATE NOT NULL,
    unit_code          VARCHAR NOT NULL,
    person_id          VARCHAR NOT NULL,
    birth_date         DATE NOT NULL,
    gender             VARCHAR NOT NULL,
    ethnicity          VARCHAR NOT NULL,
    is_leader          BOOLEAN NOT NULL,
    in_succession_plan BOOLEAN NOT NULL,
    discipline         VARCHAR,
    discipline_until   DATE,
    health             VARCHAR
);
-- (Schema version 13, analytics/migrations/0013_person_in_post.sql.) People in post ('dang_cong_tac')
-- per roster date, unit, category, gender and ethnic minority (not Kinh), with the leaders, the
-- succession pool and the birth dates among them (sorted): the composition the pages show (women,
-- minority, young below an age at any reference date) read from a row per group instead of a row
-- per person; since version 16 (analytics/migrations/0016_person_in_post_coef.sql) also the sum of
-- their salary coefficients, for the average the training budget's estimate uses.
CREATE TABLE IF NOT EXISTS person_in_post (
    as_of           DATE NOT NULL,
    unit_code       VARCHAR NOT NULL,
    category        VARCHAR NOT NULL,
    gender          VARCHAR NOT NULL,
    minority        BOOLEAN NOT NULL,
    people          BIGINT NOT NULL CHECK (people > 0),
    leaders         BIGINT NOT NULL,
    succession_pool BIGINT NOT NULL,
    births          DATE[] NOT NULL,
    coef_people     BIGINT NOT NULL,  -- (version 16) those with a salary coefficient
    coef_cents      BIGINT NOT NULL,  -- (version 16) the sum of their coefficients, in hundredths
    PRIMARY KEY (as_of, unit_code, category, gender, minority)
);
-- (Schema version 14, analytics/migrations/0014_payroll_after_leaving.sql, which dropped version
-- 11's payroll_person_last.) The payroll rows of people who left under a reduction programme
-- (reduction_case status 'da_nghi' with an effective date) paid in a month later than the month
-- they left, in any unit, with the case: the check reduction_still_paid keeps those of each unit's
-- latest payroll month, a handful of rows instead of a month of every unit's payroll rows.
CREATE TABLE IF NOT EXISTS payroll_after_leaving (
    unit_code      VARCHAR NOT NULL,   -- the unit that paid
    month          DATE NOT NULL,
    person_id      VARCHAR NOT NULL,
    case_id        VARCHAR NOT NULL,
    case_unit_code VARCHAR NOT NULL,
    effective_date DATE NOT NULL
);
-- (Schema version 15, analytics/migrations/0015_unit_rollup.sql.) Every unit with each unit it rolls
-- up to through the tree (parent_code) and through mergers (merged_into), itself included: the
-- pages' "units under this one" without walking the whole tree in every query (the view
-- unit_closure gives the same pairs with their depth, worked out when read).
CREATE TABLE IF NOT EXISTS unit_rollup (
    ancestor_code VARCHAR NOT NULL,
    unit_code     VARCHAR NOT NULL
);
-- (Schema version 17, analytics/migrations/0017_unit_group_key.sql.) Each unit's key for the
-- reduction page's groups (attribute 'sector' or 'former_province'): its own value, else that of
-- the nearest unit it rolls up to that has one (analytics/sql/refresh_unit_group_key.sql).
CREATE TABLE IF NOT EXISTS unit_group_key (
    attribute VARCHAR NOT NULL,
    unit_code VARCHAR NOT NULL,
    key       VARCHAR            -- NULL: neither the unit nor any unit it rolls up to has one
);
-- (Schema version 18, analytics/migrations/0018_person_coef_off.sql.) The person rows in post
-- whose salary coefficient is not the pay scale's for their pay group and step (or whose step is
-- not in the scale): the check coef_not_in_pay_scale reads these few rows of the roster's
-- snapshots instead of joining every person row to the scale.
CREATE TABLE IF NOT EXISTS person_coef_off (
    as_of       DATE NOT NULL,
    unit_code   VARCHAR NOT NULL,
    person_id   VARCHAR NOT NULL,
    pay_group   VARCHAR NOT NULL,
    step        INTEGER,
    salary_coef DECIMAL(5, 2) NOT NULL,
    scale_coef  DECIMAL(5, 2)       -- NULL: the step is not in the scale
);
-- (Schema version 19, analytics/migrations/0019_quota_rollup.sql.) The quota rows summed per unit
-- they roll up to (unit_rollup), category and year, and once more over every unit of the unit table
-- (ancestor_code NULL: the whole database, scope NULL): a scope's quota per year is one row, not a
-- sum over every quota row of its units.
CREATE TABLE IF NOT EXISTS quota_rollup (
    ancestor_code  VARCHAR,           -- NULL: every unit of the unit table
    category       VARCHAR NOT NULL,
    year           INTEGER NOT NULL,
    quota_rows     BIGINT NOT NULL,   -- the units with a quota row
    quota_assigned BIGINT NOT NULL,
    cut_pending    BIGINT NOT NULL,
    present        BIGINT             -- NULL: no unit reported it
);
-- (Schema version 20, analytics/migrations/0020_unknown_unit_ref.sql.) The data rows that name a
-- unit code the unit table does not hold, counted per table and code: the quality check
-- unknown_unit's rows, and what a query with no scope leaves out (every row but these) instead of
-- looking each row's unit up among every unit. Usually empty.
CREATE TABLE IF NOT EXISTS unknown_unit_ref (
    table_name VARCHAR NOT NULL,
    unit_code  VARCHAR NOT NULL,
    rows       BIGINT NOT NULL
);
-- (Schema version 21, analytics/migrations/0021_unit_agency.sql.) Each unit's agency: the nearest
-- today's so_nganh / co_quan_khac (not merged away) it rolls up to through the tree and mergers, the
-- fewest steps up (of two at the same distance, the first code), itself when it is one; units under
-- no agency have no row. The secondment postings' sending agency without walking up per query.
CREATE TABLE IF NOT EXISTS unit_agency (
    unit_code   VARCHAR NOT NULL,
    agency_code VARCHAR NOT NULL
);
-- (Schema version 23, analytics/migrations/0023_roster_latest.sql.) Each unit's latest roster date
-- (person_summary), for the units of the unit table whose successor (merged_into) has no newer
-- roster, with the unit's closing date: the roster of a date on or after every roster date in the
-- database (today's, usually) is these rows, without finding each unit's latest date per query
-- (the fragment analytics/sql/_roster.sql).
CREATE TABLE IF NOT EXISTS roster_latest (
    unit_code VARCHAR NOT NULL,
    snap      DATE NOT NULL,
    valid_to  DATE
);
-- (Schema version 24, analytics/migrations/0024_quota_subtotal.sql.) The quota rows of a unit equal
-- to the sum of its child units' rows (parent_code) of the same year and category, with that sum
-- and the number of the children's rows: the rows of the check quota_total_row in every scope,
-- found once per change of the quota or the units instead of on every call.
CREATE TABLE IF NOT EXISTS quota_subtotal (
    unit_code      VARCHAR NOT NULL,
    year           INTEGER NOT NULL,
    category       VARCHAR NOT NULL,
    quota_assigned INTEGER NOT NULL,
    children_quota BIGINT NOT NULL,
    children       BIGINT NOT NULL
);
-- (Schema version 25, analytics/migrations/0025_roster_date.sql.) Per roster date, the units with
-- rows dated that day (any status; units the unit table does not hold included), how many of them
-- have it as the date of their roster (roster_latest) and the earliest closing date among those: a
-- date whose units all have it as their roster date, none closed before the roster's date, is read
-- whole by the roster fragment (analytics/sql/_roster.sql), without joining each person row to its
-- unit's date.
CREATE TABLE IF NOT EXISTS roster_date (
    as_of        DATE NOT NULL,
    units        BIGINT NOT NULL,
    latest_units BIGINT NOT NULL,
    first_end    DATE
);
-- (Schema version 26, analytics/migrations/0026_commune_unit.sql.) The communes (ubnd_xa at commune
-- level) not merged away, with what the secondment page shows of them and their dates of existence:
-- secondment_by_commune reads these few thousand rows instead of picking them out of every unit.
-- (Schema version 28, analytics/migrations/0028_commune_postings.sql.) With the postings each
-- received (start and end, actual or else planned, in order of start): the page counts those of a
-- date in each commune's short list instead of grouping every secondment and joining the groups.
CREATE TABLE IF NOT EXISTS commune_unit (
    unit_code            VARCHAR NOT NULL,
    name                 VARCHAR NOT NULL,
    commune_kind         VARCHAR,
    former_province      VARCHAR,
    especially_difficult BOOLEAN NOT NULL,
    valid_from           DATE,
    valid_to             DATE,
    postings             STRUCT(start_date DATE, end_date DATE)[] NOT NULL DEFAULT []
);
-- (Schema version 27, analytics/migrations/0027_agency_unit.sql.) Today's city agencies (so_nganh,
-- co_quan_khac not merged away) with what the agency breakdowns show of them and their dates of
-- existence, and each agency with every unit that rolls up to it (unit_rollup's pairs of these
-- agencies): the secondment, training and province breakdowns read these few hundred agencies and
-- their units instead of picking them out of every unit and every pair.
CREATE TABLE IF NOT EXISTS agency_unit (
    unit_code       VARCHAR NOT NULL,
    name            VARCHAR NOT NULL,
    unit_type       VARCHAR NOT NULL,
    restructured_on DATE,
    valid_from      DATE,
    valid_to        DATE
);
CREATE TABLE IF NOT EXISTS agency_rollup (
    agency_code VARCHAR NOT NULL,
    unit_code   VARCHAR NOT NULL
);
-- (Schema version 29, analytics/migrations/0029_person_birth.sql.) People in post per roster date,
-- birth date and gender, over every unit: the age pyramid of the whole database counts the few
-- tens of thousands of birth dates of the dates it reads whole (roster_date) instead of grouping
-- every person row of those dates.
CREATE TABLE IF NOT EXISTS person_birth (
    as_of      DATE NOT NULL,
    birth_date DATE,
    gender     VARCHAR,
    people     BIGINT NOT NULL
);
