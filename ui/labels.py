"""Every piece of display text, Vietnamese first, English as a switch.

``t(key, lang, **params)`` for sentences; ``code(value, lang)`` for coded values stored in the
database (categories, routes, …). Tests check that both languages have the same keys, that every
key used in the code exists, and that every code of ``analytics.codes`` has a label.
"""

from __future__ import annotations

from typing import Any

LANGS = ("vi", "en")

TEXT: dict[str, dict[str, str]] = {
    "vi": {
        "app.title": "Giám sát sắp xếp bộ máy — Sở Nội vụ Cần Thơ",
        "app.short_title": "Giám sát sắp xếp bộ máy",
        "app.language": "Ngôn ngữ",
        "app.demo_banner": "Dữ liệu mẫu — số liệu minh họa, không phải số liệu thật của thành phố.",
        "app.building_demo": "Đang tạo cơ sở dữ liệu mẫu lần đầu (khoảng 30 giây)…",
        "app.demo_built": "Đã tạo cơ sở dữ liệu mẫu: {rows} dòng.",
        "app.db_error": "Không mở được cơ sở dữ liệu {path}: {detail}",
        "app.section.dashboard": "Bảng điều khiển",
        "app.section.data": "Dữ liệu",
        "nav.about_data": "Dữ liệu hiện có",
        "about.title": "Dữ liệu hiện có",
        "about.intro": "Cơ sở dữ liệu giám sát ba chương trình: tinh giản biên chế 2022-2026, tăng cường cán bộ về cơ sở và đào tạo, bồi dưỡng sau sắp xếp.",
        "about.path": "Tệp cơ sở dữ liệu",
        "about.schema_version": "Phiên bản lược đồ",
        "about.batches": "Số lô dữ liệu đã nhập",
        "about.rows": "Tổng số dòng dữ liệu",
        "about.table": "Bảng",
        "about.count": "Số dòng",
        "about.as_of": "Số liệu đến ngày",
        "about.empty": "Cơ sở dữ liệu chưa có dữ liệu. Hãy nhập tệp Excel ở trang Nhập dữ liệu, hoặc tạo dữ liệu mẫu bằng lệnh `python -m analytics demo`.",
        "about.demo_present": "Cơ sở dữ liệu đang chứa dữ liệu mẫu. Quản trị viên có thể xóa bằng lệnh `python -m analytics demo --remove`.",
    },
    "en": {
        "app.title": "Restructuring oversight — Cần Thơ Department of Home Affairs",
        "app.short_title": "Restructuring oversight",
        "app.language": "Language",
        "app.demo_banner": "Demo data — illustrative figures, not the city's real data.",
        "app.building_demo": "Building the demo database on first start (about 30 seconds)…",
        "app.demo_built": "Demo database built: {rows} rows.",
        "app.db_error": "Cannot open the database {path}: {detail}",
        "app.section.dashboard": "Dashboard",
        "app.section.data": "Data",
        "nav.about_data": "Data on hand",
        "about.title": "Data on hand",
        "about.intro": "Oversight database for three programmes: staff reduction 2022-2026, secondment of city staff to communes, and post-restructuring training.",
        "about.path": "Database file",
        "about.schema_version": "Schema version",
        "about.batches": "Import batches loaded",
        "about.rows": "Data rows in all",
        "about.table": "Table",
        "about.count": "Rows",
        "about.as_of": "Data as of",
        "about.empty": "The database holds no data yet. Import Excel files on the Import page, or build the demo with `python -m analytics demo`.",
        "about.demo_present": "The database holds demo data. An administrator can remove it with `python -m analytics demo --remove`.",
    },
}

# Labels of coded values (analytics.codes) and of table names.
CODES: dict[str, dict[str, str]] = {
    "vi": {
        # tables
        "unit": "Đơn vị", "quota": "Biên chế được giao", "person": "Danh sách cán bộ, công chức, viên chức",
        "payroll": "Bảng lương", "reduction_case": "Trường hợp tinh giản", "secondment": "Tăng cường cơ sở",
        "secondment_review": "Đánh giá tăng cường", "training": "Đào tạo, bồi dưỡng",
        # staff categories
        "can_bo": "Cán bộ", "cong_chuc": "Công chức", "vien_chuc": "Viên chức", "nguoi_lao_dong": "Người lao động",
        # unit types and levels
        "thanh_pho": "Thành phố", "tinh_cu": "Tỉnh, thành phố (cũ)", "so_nganh": "Sở, ngành",
        "co_quan_khac": "Cơ quan khác", "phong": "Phòng, ban", "ubnd_xa": "UBND xã, phường",
        "huyen_cu": "Quận, huyện (cũ)", "dvsnc": "Đơn vị sự nghiệp công lập",
        "city": "Cấp thành phố", "commune": "Cấp xã", "district": "Cấp huyện (cũ)",
        "can_tho": "Cần Thơ (cũ)", "hau_giang": "Hậu Giang (cũ)", "soc_trang": "Sóc Trăng (cũ)",
        "phuong": "Phường", "xa": "Xã",
        "quan_ly_nha_nuoc": "Quản lý nhà nước", "giao_duc": "Giáo dục", "y_te": "Y tế",
        "van_hoa_the_thao": "Văn hóa, thể thao", "nong_nghiep": "Nông nghiệp", "khoa_hoc_cong_nghe": "Khoa học, công nghệ",
        "su_nghiep_khac": "Sự nghiệp khác",
        # people
        "nam": "Nam", "nu": "Nữ",
        "dang_cong_tac": "Đang công tác", "nghi_huu": "Nghỉ hưu", "tinh_gian": "Tinh giản",
        "thoi_viec": "Thôi việc", "chuyen_cong_tac": "Chuyển công tác",
        "khien_trach": "Khiển trách", "canh_cao": "Cảnh cáo", "ha_bac": "Hạ bậc lương", "cach_chuc": "Cách chức",
        "buoc_thoi_viec": "Buộc thôi việc",
        "tot": "Tốt", "kha": "Khá", "trung_binh": "Trung bình", "yeu": "Yếu",
        "tien_si": "Tiến sĩ", "thac_si": "Thạc sĩ", "dai_hoc": "Đại học", "cao_dang": "Cao đẳng",
        "trung_cap": "Trung cấp", "khac": "Khác",
        "cao_cap": "Cao cấp", "so_cap": "Sơ cấp", "chua_co": "Chưa có",
        "A3.1": "A3.1", "A3.2": "A3.2", "A2.1": "A2.1", "A2.2": "A2.2", "A1": "A1", "A0": "A0", "B": "B", "C1": "C1",
        # reduction
        "nghi_huu_truoc_tuoi": "Nghỉ hưu trước tuổi", "chuyen_ngoai_nsnn": "Chuyển sang tổ chức không hưởng lương NSNN",
        "nghi_huu_dung_tuoi": "Nghỉ hưu đúng tuổi",
        "tinh_gian_2022_2026": "Tinh giản biên chế 2022-2026", "sap_xep_2025": "Nghỉ do sắp xếp bộ máy 2025",
        "de_xuat": "Đề xuất", "da_phe_duyet": "Đã phê duyệt", "da_nghi": "Đã nghỉ",
        # secondment
        "du_kien": "Dự kiến", "dang_tang_cuong": "Đang tăng cường", "da_ket_thuc": "Đã kết thúc",
        "ket_thuc_som": "Kết thúc sớm", "mot_lan_10x": "Trợ cấp một lần 10 lần lương cơ sở",
        "nd76": "Chế độ theo Nghị định 76/2019", "don_vi_cu": "Cơ quan cử", "xa_nhan": "Xã tiếp nhận",
        "so_noi_vu": "Sở Nội vụ",
        # training
        "kinh_te_phap_luat": "Kinh tế, pháp luật", "cong_nghe_cao_cntt": "Công nghiệp công nghệ cao, CNTT",
        "che_bien": "Công nghiệp chế biến", "nong_nghiep_cnc": "Nông nghiệp công nghệ cao",
        "y_te_chuyen_sau": "Y tế chuyên sâu", "logistics": "Logistics",
        "tieu_chuan_chuc_danh": "Tiêu chuẩn chức danh lãnh đạo", "qlnn_theo_ngach": "Quản lý nhà nước theo ngạch",
        "ly_luan_chinh_tri": "Lý luận chính trị", "trong_nuoc": "Trong nước", "nuoc_ngoai": "Nước ngoài",
        "thuong_xuyen": "Kinh phí thường xuyên", "tai_co_cau_5pct": "Kinh phí 5 % sau sắp xếp",
        # batches
        "demo": "Dữ liệu mẫu", "upload": "Tải lên", "cli": "Dòng lệnh", "loaded": "Đã nhập", "undone": "Đã hoàn tác",
    },
    "en": {
        "unit": "Units", "quota": "Assigned quota", "person": "Staff roster", "payroll": "Payroll",
        "reduction_case": "Reduction cases", "secondment": "Secondments", "secondment_review": "Secondment reviews",
        "training": "Training",
        "can_bo": "Elected officials", "cong_chuc": "Civil servants", "vien_chuc": "Public employees",
        "nguoi_lao_dong": "Contract staff",
        "thanh_pho": "City", "tinh_cu": "Former province", "so_nganh": "Specialised agency", "co_quan_khac": "Other agency",
        "phong": "Division", "ubnd_xa": "Commune / ward", "huyen_cu": "Former district", "dvsnc": "Public service unit",
        "city": "City level", "commune": "Commune level", "district": "District level (former)",
        "can_tho": "Cần Thơ (former)", "hau_giang": "Hậu Giang (former)", "soc_trang": "Sóc Trăng (former)",
        "phuong": "Ward", "xa": "Commune",
        "quan_ly_nha_nuoc": "State administration", "giao_duc": "Education", "y_te": "Health",
        "van_hoa_the_thao": "Culture and sports", "nong_nghiep": "Agriculture", "khoa_hoc_cong_nghe": "Science and technology",
        "su_nghiep_khac": "Other public services",
        "nam": "Men", "nu": "Women",
        "dang_cong_tac": "In post", "nghi_huu": "Retired", "tinh_gian": "Reduced", "thoi_viec": "Quit",
        "chuyen_cong_tac": "Transferred",
        "khien_trach": "Reprimand", "canh_cao": "Warning", "ha_bac": "Salary step lowered", "cach_chuc": "Removed from post",
        "buoc_thoi_viec": "Dismissal",
        "tot": "Good", "kha": "Fair", "trung_binh": "Average", "yeu": "Weak",
        "tien_si": "Doctorate", "thac_si": "Master's", "dai_hoc": "Bachelor's", "cao_dang": "College",
        "trung_cap": "Intermediate", "khac": "Other",
        "cao_cap": "Advanced", "so_cap": "Elementary", "chua_co": "None",
        "A3.1": "A3.1", "A3.2": "A3.2", "A2.1": "A2.1", "A2.2": "A2.2", "A1": "A1", "A0": "A0", "B": "B", "C1": "C1",
        "nghi_huu_truoc_tuoi": "Early retirement", "chuyen_ngoai_nsnn": "Moved off the state budget",
        "nghi_huu_dung_tuoi": "Retired on time",
        "tinh_gian_2022_2026": "Staff reduction 2022-2026", "sap_xep_2025": "Left in the 2025 restructuring",
        "de_xuat": "Proposed", "da_phe_duyet": "Approved", "da_nghi": "Left",
        "du_kien": "Planned", "dang_tang_cuong": "Serving", "da_ket_thuc": "Completed", "ket_thuc_som": "Ended early",
        "mot_lan_10x": "One-time allowance, 10 × base salary", "nd76": "Decree 76/2019 regime",
        "don_vi_cu": "Sending agency", "xa_nhan": "Receiving commune", "so_noi_vu": "Department of Home Affairs",
        "kinh_te_phap_luat": "Economics and law", "cong_nghe_cao_cntt": "High-tech industry and IT",
        "che_bien": "Processing industry", "nong_nghiep_cnc": "High-tech agriculture", "y_te_chuyen_sau": "Specialised health care",
        "logistics": "Logistics", "tieu_chuan_chuc_danh": "Leadership title standards",
        "qlnn_theo_ngach": "State management by grade", "ly_luan_chinh_tri": "Political theory",
        "trong_nuoc": "Domestic", "nuoc_ngoai": "Abroad",
        "thuong_xuyen": "Regular budget", "tai_co_cau_5pct": "5 % restructuring budget",
        "demo": "Demo data", "upload": "Upload", "cli": "Command line", "loaded": "Loaded", "undone": "Undone",
    },
}


def t(key: str, lang: str = "vi", **params: Any) -> str:
    """The text for ``key`` in ``lang`` with ``{params}`` filled in. A missing key is a bug: KeyError."""
    text = TEXT["en" if lang == "en" else "vi"][key]
    return text.format(**params) if params else text


def code(value: Any, lang: str = "vi") -> str:
    """Label of a coded value; an unknown code is shown as it is (data from a newer version)."""
    if value is None:
        return "–"
    return CODES["en" if lang == "en" else "vi"].get(str(value), str(value))
