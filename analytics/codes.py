"""Coded values stored in the database.

Codes are lower-case ASCII. Legal categories keep their Vietnamese term without diacritics
(`cong_chuc`, `vien_chuc`, …) because that is how analysts and the KPI JSON name them; display
text lives in ``ui.labels``. ``schema.sql`` repeats these lists in CHECK constraints and
``tests/test_schema.py`` proves the two agree.
"""

from __future__ import annotations

# Staff categories (DOMAIN.md §2). `nguoi_lao_dong` = contract staff under Decree 111/2022.
STAFF_CATEGORIES = ("can_bo", "cong_chuc", "vien_chuc", "nguoi_lao_dong")
# Quota categories: civil-servant quota (cán bộ count against it), budget-paid public employees,
# contract staff.
QUOTA_CATEGORIES = ("cong_chuc", "vien_chuc", "nguoi_lao_dong")
# The two series the 2022-2026 reduction targets speak of.
REDUCTION_CATEGORIES = ("cong_chuc", "vien_chuc")

UNIT_TYPES = (
    "thanh_pho",  # the city itself (root of the tree)
    "tinh_cu",  # a former province (Cần Thơ, Hậu Giang, Sóc Trăng before 1/7/2025)
    "so_nganh",  # specialised agency (Sở, ngành)
    "co_quan_khac",  # other city-level agency (zones board, …)
    "phong",  # division inside an agency
    "ubnd_xa",  # commune / ward People's Committee
    "huyen_cu",  # old district (abolished 1/7/2025)
    "dvsnc",  # public service unit (đơn vị sự nghiệp công lập)
)
UNIT_LEVELS = ("city", "commune", "district")
# The 63 provinces before 1/7/2025, by code (their names: analytics.vocab.OLD_PROVINCES).
FORMER_PROVINCES = (
    "an_giang", "ba_ria_vung_tau", "bac_giang", "bac_kan", "bac_lieu", "bac_ninh", "ben_tre", "binh_dinh",
    "binh_duong", "binh_phuoc", "binh_thuan", "ca_mau", "can_tho", "cao_bang", "da_nang", "dak_lak", "dak_nong",
    "dien_bien", "dong_nai", "dong_thap", "gia_lai", "ha_giang", "ha_nam", "ha_noi", "ha_tinh", "hai_duong",
    "hai_phong", "hau_giang", "ho_chi_minh", "hoa_binh", "hung_yen", "khanh_hoa", "kien_giang", "kon_tum",
    "lai_chau", "lam_dong", "lang_son", "lao_cai", "long_an", "nam_dinh", "nghe_an", "ninh_binh", "ninh_thuan",
    "phu_tho", "phu_yen", "quang_binh", "quang_nam", "quang_ngai", "quang_ninh", "quang_tri", "soc_trang",
    "son_la", "tay_ninh", "thai_binh", "thai_nguyen", "thanh_hoa", "thua_thien_hue", "tien_giang", "tra_vinh",
    "tuyen_quang", "vinh_long", "vinh_phuc", "yen_bai",
)  # fmt: skip
COMMUNE_KINDS = ("phuong", "xa")
SECTORS = (
    "quan_ly_nha_nuoc",
    "giao_duc",
    "y_te",
    "van_hoa_the_thao",
    "nong_nghiep",
    "khoa_hoc_cong_nghe",
    "su_nghiep_khac",
)

GENDERS = ("nam", "nu")
PERSON_STATUSES = ("dang_cong_tac", "nghi_huu", "tinh_gian", "thoi_viec", "chuyen_cong_tac")
DISCIPLINES = ("khien_trach", "canh_cao", "ha_bac", "cach_chuc", "buoc_thoi_viec")
HEALTH = ("tot", "kha", "trung_binh", "yeu")
QUALIFICATIONS = ("tien_si", "thac_si", "dai_hoc", "cao_dang", "trung_cap", "khac")
POLITICAL_THEORY = ("cao_cap", "trung_cap", "so_cap", "chua_co")
PAY_GROUPS = ("A3.1", "A3.2", "A2.1", "A2.2", "A1", "A0", "B", "C1")

REDUCTION_ROUTES = (
    "nghi_huu_truoc_tuoi",  # early retirement
    "thoi_viec",  # quit with severance
    "chuyen_ngoai_nsnn",  # moved to an organisation not paid from the state budget
    "nghi_huu_dung_tuoi",  # retired on time, counted in the programme
    "khac",
)
REDUCTION_PROGRAMMES = (
    "tinh_gian_2022_2026",  # Decree 29/2023 route, the seed report's 9 + 95 people
    "sap_xep_2025",  # Decree 178/2024 (amended 67/2025), people leaving because of the merger
)
REDUCTION_STATUSES = ("de_xuat", "da_phe_duyet", "da_nghi")

SECONDMENT_STATUSES = ("du_kien", "dang_tang_cuong", "da_ket_thuc", "ket_thuc_som")
ALLOWANCE_REGIMES = ("mot_lan_10x", "nd76")
REVIEWERS = ("don_vi_cu", "xa_nhan", "so_noi_vu")

TRAINING_FIELDS = (
    "kinh_te_phap_luat",
    "khoa_hoc_cong_nghe",
    "cong_nghe_cao_cntt",
    "che_bien",
    "nong_nghiep_cnc",
    "y_te_chuyen_sau",
    "logistics",
    "tieu_chuan_chuc_danh",
    "qlnn_theo_ngach",
    "ly_luan_chinh_tri",
    "khac",
)
# Priority fields named in Kế hoạch 10/KH-UBND §III.2 (the rest are standard courses).
PRIORITY_TRAINING_FIELDS = TRAINING_FIELDS[:7]
TRAINING_LOCATIONS = ("trong_nuoc", "nuoc_ngoai")
TRAINING_FUNDING = ("thuong_xuyen", "tai_co_cau_5pct")

BATCH_KINDS = ("demo", "upload", "cli")
BATCH_STATUSES = ("loaded", "undone")

# Every coded column: table -> column -> allowed values. Used by tests, templates and validation.
CODED_COLUMNS: dict[str, dict[str, tuple[str, ...]]] = {
    "unit": {
        "unit_type": UNIT_TYPES,
        "level": UNIT_LEVELS,
        "former_province": FORMER_PROVINCES,
        "commune_kind": COMMUNE_KINDS,
        "sector": SECTORS,
    },
    "quota": {"category": QUOTA_CATEGORIES},
    "person": {
        "category": STAFF_CATEGORIES,
        "gender": GENDERS,
        "status": PERSON_STATUSES,
        "discipline": DISCIPLINES,
        "health": HEALTH,
        "qualification": QUALIFICATIONS,
        "political_theory": POLITICAL_THEORY,
        "pay_group": PAY_GROUPS,
    },
    "reduction_case": {
        "category": STAFF_CATEGORIES,
        "route": REDUCTION_ROUTES,
        "programme": REDUCTION_PROGRAMMES,
        "status": REDUCTION_STATUSES,
    },
    "secondment": {"status": SECONDMENT_STATUSES, "allowance_regime": ALLOWANCE_REGIMES},
    "secondment_review": {"reviewer": REVIEWERS},
    "training": {
        "field": TRAINING_FIELDS,
        "location": TRAINING_LOCATIONS,
        "funding": TRAINING_FUNDING,
    },
    "pay_scale": {"pay_group": PAY_GROUPS},
    "retirement_age": {"gender": GENDERS},
    "import_batch": {"kind": BATCH_KINDS, "status": BATCH_STATUSES},
}

# Reorganisation and job positions (issue 15; seed 002 §II.2.b and d). What a reorganisation decision
# does to its unit: merged into another, dissolved, newly created, restructured internally (internal
# sub-units removed), or reorganised ("tổ chức lại", the report's word for the 14 of 19 agencies).
REORG_ACTIONS = ("sap_nhap", "giai_the", "thanh_lap", "kien_toan", "to_chuc_lai")
# Actions that take a unit away (the report's "sắp xếp giảm") and that add one.
REORG_CUT_ACTIONS = ("sap_nhap", "giai_the")
REORG_CREATE_ACTIONS = ("thanh_lap",)
# Public-service inspections (kiểm tra hoạt động công vụ): on the yearly plan or unannounced.
INSPECTION_KINDS = ("theo_ke_hoach", "dot_xuat")

CODED_COLUMNS["reorg_decision"] = {"action": REORG_ACTIONS}
CODED_COLUMNS["inspection"] = {"inspection_kind": INSPECTION_KINDS}

# The reporting cycle (issue 15 part 2, docs/reporting.md).
PERIOD_KINDS = ("month", "quarter", "half_year")
SUBMISSION_STATUSES = ("with_errors", "submitted", "returned", "published", "superseded")
CODED_COLUMNS["reporting_period"] = {"period_kind": PERIOD_KINDS}
CODED_COLUMNS["submission"] = {"status": SUBMISSION_STATUSES}
