-- Version 6: reorganisation decisions, job-position approvals and inspections (issue 15). Same DDL
-- as the section of schema.sql.
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
