-- Version 22: a unit's former_province may be any of the 63 provinces before 1/7/2025 (issue 14:
-- national scale), not only Cần Thơ's three. DuckDB cannot change a CHECK in place: the unit table
-- is rebuilt with the DDL of schema.sql (a frozen copy), its rows kept as they are; the views that
-- read it are bound by name when queried (schema.sql creates them again after the migrations).
ALTER TABLE unit RENAME TO unit_v21;
CREATE TABLE unit (
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
INSERT INTO unit SELECT * FROM unit_v21;
DROP TABLE unit_v21;
