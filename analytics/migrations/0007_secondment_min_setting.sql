-- Version 7: the minimum length of a posting is the setting secondment_min_months (analytics.policy),
-- not a constant: drop the CHECK that hard-coded 36 months (issue 16). DuckDB cannot drop one
-- constraint, so the table is rebuilt with the same columns, order and other constraints as
-- schema.sql; views are refreshed by schema.sql afterwards. The validation reads the setting.
CREATE TABLE secondment_v7 (
    secondment_id        VARCHAR PRIMARY KEY,
    person_id            VARCHAR NOT NULL,
    sending_unit_code    VARCHAR NOT NULL,
    receiving_unit_code  VARCHAR NOT NULL,
    start_date           DATE NOT NULL,
    planned_end_date     DATE NOT NULL,
    actual_end_date      DATE,
    decision_no          VARCHAR,
    decision_date        DATE,
    exception_decision_no VARCHAR,
    status               VARCHAR NOT NULL CHECK (status IN ('du_kien', 'dang_tang_cuong', 'da_ket_thuc', 'ket_thuc_som')),
    end_reason           VARCHAR,
    position_at_commune  VARCHAR,
    allowance_regime     VARCHAR NOT NULL DEFAULT 'mot_lan_10x' CHECK (allowance_regime IN ('mot_lan_10x', 'nd76')),
    one_time_allowance_vnd BIGINT CHECK (one_time_allowance_vnd >= 0),
    batch_id             BIGINT NOT NULL,
    CHECK (sending_unit_code <> receiving_unit_code),
    CHECK (planned_end_date > start_date),
    CHECK (actual_end_date IS NULL OR actual_end_date >= start_date)
);
INSERT INTO secondment_v7 SELECT * FROM secondment;
DROP TABLE secondment;
ALTER TABLE secondment_v7 RENAME TO secondment;
