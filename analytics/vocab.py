"""What people write for each coded value: the label in both languages and its common variants.

One table for every code of ``analytics.codes``: the Vietnamese and English label (``ui.labels``
shows them; import messages list them), the synonyms and abbreviations files use, and keywords
that decide a longer phrase ("Nghỉ hưu trước tuổi theo Nghị định 29/2023" → nghi_huu_truoc_tuoi).
A value is read by ``CodeList(allowed).parse(text)``:

1. the code itself, its labels and synonyms, compared after NFC, case, spacing, punctuation and
   diacritics folding ("UBND cấp xã" = "ubnd cap xa" = "UBND  CẤP XÃ");
2. failing that, the keywords: a value that contains the keywords of exactly one allowed code;
3. failing that, ``ValueError("bad_code", {"allowed": {"vi": labels, "en": labels}})``: the
   message lists what may be written, never the internal codes.

Synonyms of different code lists may coincide ("Xã" is a commune kind, a level and a unit type):
each column only looks among its own allowed codes. ``tests/test_vocab.py`` checks that no two
codes of one list share a spelling.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from analytics.text_keys import ascii_key


@dataclass(frozen=True)
class Term:
    vi: str
    en: str
    synonyms: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()  # folded word sequences, matched on word boundaries


T = Term

TERMS: dict[str, Term] = {
    # --- unit types
    "thanh_pho": T("Thành phố", "City", ("UBND thành phố", "TP", "Thành phố trực thuộc trung ương")),
    "tinh_cu": T("Tỉnh, thành phố (cũ)", "Former province", ("Tỉnh cũ", "Tỉnh", "UBND tỉnh", "Tỉnh (cũ)")),
    "so_nganh": T(
        "Sở, ngành",
        "Specialised agency",
        (
            "Sở",
            "Sở ngành",
            "Cơ quan chuyên môn",
            "CQCM",
            "Cơ quan chuyên môn thuộc UBND",
            "Cơ quan chuyên môn thuộc UBND thành phố",
            "Cơ quan chuyên môn cấp tỉnh",
            "Sở, ban, ngành",
        ),
        ("co quan chuyen mon", "so ban nganh"),
    ),
    "co_quan_khac": T(
        "Cơ quan khác",
        "Other agency",
        (
            "Cơ quan hành chính khác",
            "Ban quản lý",
            "Văn phòng",
            "Thanh tra",
            "Cơ quan hành chính",
            "Tổ chức hành chính khác",
        ),
        ("ban quan ly", "co quan khac", "to chuc hanh chinh"),
    ),
    "phong": T(
        "Phòng, ban",
        "Division",
        (
            "Phòng",
            "Ban",
            "Phòng ban",
            "Phòng chuyên môn",
            "Chi cục",
            "Phòng, chi cục",
            "Đơn vị thuộc sở",
            "Tổ chức thuộc sở",
        ),
        ("chi cuc", "phong chuyen mon"),
    ),
    "ubnd_xa": T(
        "UBND xã, phường",
        "Commune / ward",
        (
            "UBND cấp xã",
            "Cấp xã",
            "Xã",
            "Phường",
            "Thị trấn",
            "UBND xã",
            "UBND phường",
            "Xã, phường",
            "Xã, phường, thị trấn",
            "Đặc khu",
            "Commune",
            "Ward",
        ),
        ("cap xa", "ubnd xa", "ubnd phuong"),
    ),
    "huyen_cu": T(
        "Quận, huyện (cũ)",
        "Former district",
        (
            "UBND cấp huyện",
            "Cấp huyện",
            "Quận",
            "Huyện",
            "Thị xã",
            "UBND quận",
            "UBND huyện",
            "Quận, huyện",
            "Quận, huyện, thị xã",
            "District",
        ),
        ("cap huyen", "ubnd quan", "ubnd huyen"),
    ),
    "dvsnc": T(
        "Đơn vị sự nghiệp công lập",
        "Public service unit",
        (
            "Đơn vị sự nghiệp",
            "ĐVSN",
            "ĐVSNCL",
            "Đơn vị SN",
            "ĐV sự nghiệp",
            "ĐVSN công lập",
            "Sự nghiệp công lập",
            "Trường học",
            "Trường",
            "Bệnh viện",
            "Trung tâm",
            "Trạm y tế",
        ),
        ("su nghiep",),
    ),
    # --- levels, former provinces, commune kinds
    "city": T(
        "Cấp thành phố", "City level", ("Thành phố", "Cấp tỉnh", "Tỉnh", "TP", "City"), ("cap tinh", "cap thanh pho")
    ),
    "commune": T("Cấp xã", "Commune level", ("Xã", "Phường", "Xã, phường", "Commune"), ("cap xa",)),
    "district": T(
        "Cấp huyện (cũ)", "District level (former)", ("Cấp huyện", "Huyện", "Quận", "District"), ("cap huyen",)
    ),
    "phuong": T("Phường", "Ward", ("P.", "Ward")),
    "xa": T("Xã", "Commune", ("X.", "Thị trấn", "Commune")),
    # --- sectors
    "quan_ly_nha_nuoc": T(
        "Quản lý nhà nước", "State administration", ("QLNN", "Hành chính", "Hành chính nhà nước"), ("quan ly nha nuoc",)
    ),
    "giao_duc": T(
        "Giáo dục", "Education", ("Giáo dục và đào tạo", "Giáo dục, đào tạo", "GD&ĐT", "GDĐT"), ("giao duc",)
    ),
    "y_te": T("Y tế", "Health", ("Sự nghiệp y tế",), ("y te",)),
    "van_hoa_the_thao": T(
        "Văn hóa, thể thao", "Culture and sports", ("Văn hóa", "Văn hóa, thể thao và du lịch"), ("van hoa", "the thao")
    ),
    "nong_nghiep": T(
        "Nông nghiệp", "Agriculture", ("Nông nghiệp và môi trường", "Nông nghiệp, môi trường"), ("nong nghiep",)
    ),
    "khoa_hoc_cong_nghe": T(
        "Khoa học, công nghệ", "Science and technology", ("KHCN", "KH&CN", "Khoa học và công nghệ"), ("khoa hoc",)
    ),
    "su_nghiep_khac": T("Sự nghiệp khác", "Other public services", ("Khác",)),
    # --- staff categories
    "cong_chuc": T(
        "Công chức",
        "Civil servants",
        ("CC", "Biên chế công chức", "Công chức cấp xã", "BCCC", "Civil servant"),
        ("cong chuc",),
    ),
    "vien_chuc": T(
        "Viên chức",
        "Public employees",
        ("VC", "Số lượng người làm việc", "SLNLV", "Người làm việc", "Public employee"),
        ("vien chuc", "so luong nguoi lam viec", "nguoi lam viec"),
    ),
    "nguoi_lao_dong": T(
        "Người lao động",
        "Contract staff",
        (
            "HĐ 111",
            "HĐ111",
            "HĐ 68",
            "HĐLĐ",
            "NLĐ",
            "Hợp đồng",
            "Hợp đồng lao động",
            "Lao động hợp đồng",
            "Hợp đồng 111",
            "Hợp đồng 68",
            "Hợp đồng theo Nghị định 111",
            "Contract",
        ),
        ("lao dong", "hop dong", "111", "68"),
    ),
    "can_bo": T("Cán bộ", "Elected officials", ("CB", "Cán bộ cấp xã", "Cán bộ chuyên trách"), ("can bo",)),
    # --- genders
    "nam": T("Nam", "Men", ("Male", "M", "Man", "Trai")),
    "nu": T("Nữ", "Women", ("Female", "F", "Woman", "Gái")),
    # --- person status
    "dang_cong_tac": T(
        "Đang công tác",
        "In post",
        ("Đang làm việc", "Đương chức", "Hiện đang công tác", "In post"),
        ("dang cong tac", "dang lam viec"),
    ),
    "nghi_huu": T("Nghỉ hưu", "Retired", ("Đã nghỉ hưu", "Nghỉ chế độ", "Retired"), ("nghi huu",)),
    "tinh_gian": T("Tinh giản", "Reduced", ("Tinh giản biên chế", "Đã tinh giản"), ("tinh gian",)),
    "thoi_viec": T(
        "Thôi việc",
        "Quit",
        ("Nghỉ việc", "Đã thôi việc", "Thôi việc ngay", "Thôi việc sau khi đi học nghề", "Quit"),
        ("thoi viec", "nghi viec"),
    ),
    "chuyen_cong_tac": T(
        "Chuyển công tác",
        "Transferred",
        ("Điều động", "Luân chuyển", "Chuyển đi", "Transferred"),
        ("chuyen cong tac", "dieu dong", "luan chuyen"),
    ),
    # --- discipline, health
    "khien_trach": T("Khiển trách", "Reprimand", (), ("khien trach",)),
    "canh_cao": T("Cảnh cáo", "Warning", (), ("canh cao",)),
    "ha_bac": T("Hạ bậc lương", "Salary step lowered", ("Hạ bậc", "Hạ ngạch"), ("ha bac", "ha ngach")),
    "cach_chuc": T("Cách chức", "Removed from post", ("Bãi nhiệm",), ("cach chuc", "bai nhiem")),
    "buoc_thoi_viec": T("Buộc thôi việc", "Dismissal", (), ("buoc thoi viec",)),
    "tot": T("Tốt", "Good", ("Khỏe", "Khỏe mạnh", "Loại I", "Loại 1", "Đủ sức khỏe", "Good")),
    "kha": T("Khá", "Fair", ("Loại II", "Loại 2", "Fair")),
    "trung_binh": T("Trung bình", "Average", ("TB", "Loại III", "Loại 3", "Average")),
    "yeu": T("Yếu", "Weak", ("Kém", "Loại IV", "Loại 4", "Loại V", "Weak")),
    # --- qualifications, political theory
    "tien_si": T("Tiến sĩ", "Doctorate", ("TS", "TSKH", "Tiến sĩ khoa học", "PhD"), ("tien si",)),
    "thac_si": T("Thạc sĩ", "Master's", ("ThS", "Th.S", "Cao học", "Bác sĩ chuyên khoa I", "Master"), ("thac si",)),
    "dai_hoc": T(
        "Đại học",
        "Bachelor's",
        ("ĐH", "Cử nhân", "Kỹ sư", "Bác sĩ", "Dược sĩ", "Kiến trúc sư", "Bachelor"),
        ("dai hoc", "cu nhan", "ky su"),
    ),
    "cao_dang": T("Cao đẳng", "College", ("CĐ", "College"), ("cao dang",)),
    "trung_cap": T("Trung cấp", "Intermediate", ("TC", "Trung học chuyên nghiệp", "THCN"), ("trung cap",)),
    "khac": T("Khác", "Other", ("Sơ cấp nghề", "Chưa qua đào tạo", "Other")),
    "cao_cap": T("Cao cấp", "Advanced", ("Cử nhân chính trị", "Cao cấp lý luận chính trị"), ("cao cap",)),
    "so_cap": T("Sơ cấp", "Elementary", ("Sơ cấp lý luận chính trị",), ("so cap",)),
    "chua_co": T("Chưa có", "None", ("Chưa", "Không", "Chưa qua", "None")),
    # --- pay groups: written as they are
    "A3.1": T("A3.1", "A3.1"),
    "A3.2": T("A3.2", "A3.2"),
    "A2.1": T("A2.1", "A2.1"),
    "A2.2": T("A2.2", "A2.2"),
    "A1": T("A1", "A1"),
    "A0": T("A0", "A0"),
    "B": T("B", "B"),
    "C1": T("C1", "C1"),
    # --- reduction routes, programmes, statuses (Decrees 29/2023, 178/2024)
    "nghi_huu_truoc_tuoi": T(
        "Nghỉ hưu trước tuổi",
        "Early retirement",
        ("Nghỉ hưu sớm", "Về hưu trước tuổi", "Hưu trước tuổi", "Early retirement"),
        ("truoc tuoi", "huu som"),
    ),
    "chuyen_ngoai_nsnn": T(
        "Chuyển sang tổ chức không hưởng lương NSNN",
        "Moved off the state budget",
        (
            "Chuyển sang làm việc tại tổ chức không hưởng lương thường xuyên từ NSNN",
            "Chuyển ra ngoài khu vực nhà nước",
            "Chuyển sang đơn vị tự chủ",
        ),
        ("khong huong luong", "ngoai nsnn", "ngoai ngan sach", "ngoai khu vuc nha nuoc"),
    ),
    "nghi_huu_dung_tuoi": T(
        "Nghỉ hưu đúng tuổi",
        "Retired on time",
        ("Nghỉ hưu", "Nghỉ hưu theo chế độ", "Đủ tuổi nghỉ hưu"),
        ("dung tuoi", "du tuoi"),
    ),
    "tinh_gian_2022_2026": T(
        "Tinh giản biên chế 2022-2026",
        "Staff reduction 2022-2026",
        (
            "Tinh giản biên chế",
            "Nghị định 29/2023",
            "NĐ 29/2023",
            "Nghị định 29",
            "NĐ 29",
            "Nghị định 108/2014",
            "NĐ 108",
        ),
        ("tinh gian", "29 2023", "108 2014"),
    ),
    "sap_xep_2025": T(
        "Nghỉ do sắp xếp bộ máy 2025",
        "Left in the 2025 restructuring",
        ("Nghị định 178/2024", "NĐ 178/2024", "NĐ 178", "Nghị định 178", "Nghị định 67/2025", "Sắp xếp bộ máy"),
        ("178", "67 2025", "sap xep"),
    ),
    "de_xuat": T("Đề xuất", "Proposed", ("Đề nghị", "Chờ phê duyệt", "Proposed"), ("de xuat", "de nghi")),
    "da_phe_duyet": T(
        "Đã phê duyệt",
        "Approved",
        ("Được phê duyệt", "Đã duyệt", "Phê duyệt", "Approved"),
        ("da phe duyet", "duoc phe duyet"),
    ),
    "da_nghi": T(
        "Đã nghỉ", "Left", ("Đã nghỉ việc", "Đã giải quyết", "Đã thực hiện", "Left"), ("da nghi", "da giai quyet")
    ),
    # --- secondment
    "du_kien": T("Dự kiến", "Planned", ("Chưa đi", "Planned")),
    "dang_tang_cuong": T("Đang tăng cường", "Serving", ("Đang công tác", "Đang thực hiện", "Serving")),
    "da_ket_thuc": T("Đã kết thúc", "Completed", ("Hết thời hạn", "Đã về", "Kết thúc", "Completed")),
    "ket_thuc_som": T(
        "Kết thúc sớm",
        "Ended early",
        ("Chấm dứt trước hạn", "Về trước hạn", "Ended early"),
        ("truoc han", "ket thuc som"),
    ),
    "mot_lan_10x": T(
        "Trợ cấp một lần 10 lần lương cơ sở",
        "One-time allowance, 10 × base salary",
        ("Một lần", "Trợ cấp một lần", "10 lần lương cơ sở", "Phụ cấp một lần"),
        ("mot lan", "10 lan"),
    ),
    "nd76": T(
        "Chế độ theo Nghị định 76/2019",
        "Decree 76/2019 regime",
        ("Nghị định 76/2019", "Nghị định 76", "NĐ 76", "Vùng đặc biệt khó khăn", "Đặc biệt khó khăn"),
        ("76 2019", "dac biet kho khan"),
    ),
    "don_vi_cu": T("Cơ quan cử", "Sending agency", ("Đơn vị cử", "Cơ quan cử đi"), ("co quan cu", "don vi cu")),
    "xa_nhan": T(
        "Xã tiếp nhận",
        "Receiving commune",
        ("Xã nhận", "UBND xã", "Địa phương tiếp nhận", "Xã, phường tiếp nhận"),
        ("tiep nhan", "xa nhan"),
    ),
    "so_noi_vu": T("Sở Nội vụ", "Department of Home Affairs", ("SNV",), ("noi vu",)),
    # --- training (Kế hoạch 10/KH-UBND §III.2)
    "kinh_te_phap_luat": T(
        "Kinh tế, pháp luật",
        "Economics and law",
        ("Kinh tế", "Pháp luật", "Kinh tế và pháp luật"),
        ("kinh te", "phap luat"),
    ),
    "cong_nghe_cao_cntt": T(
        "Công nghiệp công nghệ cao, CNTT",
        "High-tech industry and IT",
        ("Công nghệ thông tin", "CNTT", "Chuyển đổi số", "Công nghiệp ứng dụng công nghệ cao"),
        ("cong nghe thong tin", "cntt", "chuyen doi so", "cong nghiep ung dung cong nghe cao"),
    ),
    "che_bien": T("Công nghiệp chế biến", "Processing industry", ("Chế biến",), ("che bien",)),
    "nong_nghiep_cnc": T(
        "Nông nghiệp công nghệ cao",
        "High-tech agriculture",
        ("Nông nghiệp ứng dụng công nghệ cao", "Nông nghiệp"),
        ("nong nghiep",),
    ),
    "y_te_chuyen_sau": T("Y tế chuyên sâu", "Specialised health care", ("Y tế",), ("y te",)),
    "logistics": T("Logistics", "Logistics", ("Logistic", "Dịch vụ logistics"), ("logistic", "logistics")),
    "tieu_chuan_chuc_danh": T(
        "Tiêu chuẩn chức danh lãnh đạo",
        "Leadership title standards",
        ("Tiêu chuẩn chức danh", "Bồi dưỡng lãnh đạo, quản lý", "Lãnh đạo, quản lý"),
        ("tieu chuan chuc danh", "lanh dao quan ly"),
    ),
    "qlnn_theo_ngach": T(
        "Quản lý nhà nước theo ngạch",
        "State management by grade",
        ("Quản lý nhà nước", "QLNN", "Bồi dưỡng QLNN", "Kiến thức quản lý nhà nước"),
        ("quan ly nha nuoc", "qlnn"),
    ),
    "ly_luan_chinh_tri": T(
        "Lý luận chính trị", "Political theory", ("LLCT", "Chính trị"), ("ly luan chinh tri", "llct")
    ),
    "trong_nuoc": T("Trong nước", "Domestic", ("Việt Nam", "Domestic"), ("trong nuoc",)),
    "nuoc_ngoai": T("Nước ngoài", "Abroad", ("Ngoài nước", "Abroad"), ("nuoc ngoai", "ngoai nuoc")),
    "thuong_xuyen": T(
        "Kinh phí thường xuyên",
        "Regular budget",
        ("Thường xuyên", "Chi thường xuyên", "Ngân sách thường xuyên"),
        ("thuong xuyen",),
    ),
    "tai_co_cau_5pct": T(
        "Kinh phí 5 % sau sắp xếp",
        "5 % restructuring budget",
        ("5", "5 %", "5%", "Kinh phí tái cơ cấu", "Tái cơ cấu", "Sau sắp xếp", "Kinh phí sau sắp xếp"),
        ("sap xep", "tai co cau", "5%", "quy luong"),
    ),
    # --- import history (not written in files, labelled on pages)
    "demo": T("Dữ liệu mẫu", "Demo data"),
    "upload": T("Tải lên", "Upload"),
    "cli": T("Dòng lệnh", "Command line"),
    "loaded": T("Đã nhập", "Loaded"),
    "undone": T("Đã hoàn tác", "Undone"),
    # --- reorganisation and inspections (issue 15; seed 002 §II.2.b)
    "sap_nhap": T(
        "Sáp nhập",
        "Merged",
        ("Hợp nhất", "Sáp nhập vào", "Hợp nhất vào", "Sáp nhập, hợp nhất", "Merged"),
        ("sap nhap", "hop nhat"),
    ),
    "giai_the": T("Giải thể", "Dissolved", ("Chấm dứt hoạt động", "Dissolved"), ("giai the", "cham dut hoat dong")),
    "thanh_lap": T("Thành lập mới", "Created", ("Thành lập", "Mới thành lập", "Created"), ("thanh lap",)),
    "kien_toan": T(
        "Kiện toàn bên trong",
        "Restructured internally",
        (
            "Kiện toàn",
            "Sắp xếp, kiện toàn bên trong",
            "Sắp xếp bên trong",
            "Tinh gọn đầu mối bên trong",
            "Kiện toàn tổ chức bên trong",
        ),
        ("kien toan", "ben trong"),
    ),
    "to_chuc_lai": T(
        "Tổ chức lại",
        "Reorganised",
        ("Tổ chức lại cơ quan", "Sắp xếp lại", "Reorganised"),
        ("to chuc lai", "sap xep lai"),
    ),
    "theo_ke_hoach": T(
        "Theo kế hoạch", "Scheduled", ("Kế hoạch", "Định kỳ", "Thường xuyên", "Scheduled"), ("ke hoach", "dinh ky")
    ),
    "dot_xuat": T(
        "Đột xuất",
        "Unannounced",
        ("Kiểm tra đột xuất", "Không báo trước", "Unannounced"),
        ("dot xuat", "khong bao truoc"),
    ),
    # --- reporting periods and what became of a unit's file (the reporting cycle)
    "month": T("Tháng", "Month", ("Hằng tháng", "Monthly")),
    "quarter": T("Quý", "Quarter", ("Hằng quý", "Quarterly")),
    "half_year": T("6 tháng", "Half-year", ("Sáu tháng", "Nửa năm", "Half year")),
    "with_errors": T("Có lỗi, không nhận", "Errors, not accepted", ("Có lỗi",)),
    "submitted": T("Chờ duyệt", "Waiting for review", ("Đã gửi, chờ duyệt",)),
    "returned": T("Bị trả lại", "Returned", ("Trả lại",)),
    "published": T("Đã công bố", "Published", ("Công bố",)),
    "superseded": T("Thay bằng tệp gửi sau", "Superseded by a later file", ("Đã thay thế",)),
}

# Words that mean "none" in an optional coded column ("Kỷ luật: Không").
NONE_WORDS = frozenset({"khong", "khong co", "chua", "chua co", "none", "no"})
# Optional coded columns where a "none" word means blank rather than a value of the list.
BLANKABLE = frozenset({"discipline"})


def label(code: str, lang: str = "vi") -> str:
    """The label of a code ("so_nganh" → "Sở, ngành"); an unknown value as it is."""
    term = TERMS.get(code)
    return str(code) if term is None else (term.en if lang == "en" else term.vi)


def labels(lang: str) -> dict[str, str]:
    return {code: label(code, lang) for code in TERMS}


def fold(text: Any) -> str:
    """ "UBND  cấp Xã," → "ubnd cap xa": no diacritics, punctuation as spaces, one space."""
    return " ".join(re.sub(r"[^a-z0-9%]+", " ", ascii_key(str(text))).split())


# The 63 provinces and centrally-run cities before 1/7/2025 (the former_province of a unit): kind,
# name. Written "Cần Thơ (cũ)" / "Cần Thơ (former)"; read from the name, with or without its kind
# ("Tỉnh Hậu Giang", "TP. Cần Thơ"), and from the name inside a longer phrase ("Địa bàn tỉnh Sóc Trăng cũ").
OLD_PROVINCES: dict[str, tuple[str, str]] = {
    "an_giang": ("Tỉnh", "An Giang"),
    "ba_ria_vung_tau": ("Tỉnh", "Bà Rịa - Vũng Tàu"),
    "bac_giang": ("Tỉnh", "Bắc Giang"),
    "bac_kan": ("Tỉnh", "Bắc Kạn"),
    "bac_lieu": ("Tỉnh", "Bạc Liêu"),
    "bac_ninh": ("Tỉnh", "Bắc Ninh"),
    "ben_tre": ("Tỉnh", "Bến Tre"),
    "binh_dinh": ("Tỉnh", "Bình Định"),
    "binh_duong": ("Tỉnh", "Bình Dương"),
    "binh_phuoc": ("Tỉnh", "Bình Phước"),
    "binh_thuan": ("Tỉnh", "Bình Thuận"),
    "ca_mau": ("Tỉnh", "Cà Mau"),
    "can_tho": ("Thành phố", "Cần Thơ"),
    "cao_bang": ("Tỉnh", "Cao Bằng"),
    "da_nang": ("Thành phố", "Đà Nẵng"),
    "dak_lak": ("Tỉnh", "Đắk Lắk"),
    "dak_nong": ("Tỉnh", "Đắk Nông"),
    "dien_bien": ("Tỉnh", "Điện Biên"),
    "dong_nai": ("Tỉnh", "Đồng Nai"),
    "dong_thap": ("Tỉnh", "Đồng Tháp"),
    "gia_lai": ("Tỉnh", "Gia Lai"),
    "ha_giang": ("Tỉnh", "Hà Giang"),
    "ha_nam": ("Tỉnh", "Hà Nam"),
    "ha_noi": ("Thành phố", "Hà Nội"),
    "ha_tinh": ("Tỉnh", "Hà Tĩnh"),
    "hai_duong": ("Tỉnh", "Hải Dương"),
    "hai_phong": ("Thành phố", "Hải Phòng"),
    "hau_giang": ("Tỉnh", "Hậu Giang"),
    "ho_chi_minh": ("Thành phố", "Hồ Chí Minh"),
    "hoa_binh": ("Tỉnh", "Hòa Bình"),
    "hung_yen": ("Tỉnh", "Hưng Yên"),
    "khanh_hoa": ("Tỉnh", "Khánh Hòa"),
    "kien_giang": ("Tỉnh", "Kiên Giang"),
    "kon_tum": ("Tỉnh", "Kon Tum"),
    "lai_chau": ("Tỉnh", "Lai Châu"),
    "lam_dong": ("Tỉnh", "Lâm Đồng"),
    "lang_son": ("Tỉnh", "Lạng Sơn"),
    "lao_cai": ("Tỉnh", "Lào Cai"),
    "long_an": ("Tỉnh", "Long An"),
    "nam_dinh": ("Tỉnh", "Nam Định"),
    "nghe_an": ("Tỉnh", "Nghệ An"),
    "ninh_binh": ("Tỉnh", "Ninh Bình"),
    "ninh_thuan": ("Tỉnh", "Ninh Thuận"),
    "phu_tho": ("Tỉnh", "Phú Thọ"),
    "phu_yen": ("Tỉnh", "Phú Yên"),
    "quang_binh": ("Tỉnh", "Quảng Bình"),
    "quang_nam": ("Tỉnh", "Quảng Nam"),
    "quang_ngai": ("Tỉnh", "Quảng Ngãi"),
    "quang_ninh": ("Tỉnh", "Quảng Ninh"),
    "quang_tri": ("Tỉnh", "Quảng Trị"),
    "soc_trang": ("Tỉnh", "Sóc Trăng"),
    "son_la": ("Tỉnh", "Sơn La"),
    "tay_ninh": ("Tỉnh", "Tây Ninh"),
    "thai_binh": ("Tỉnh", "Thái Bình"),
    "thai_nguyen": ("Tỉnh", "Thái Nguyên"),
    "thanh_hoa": ("Tỉnh", "Thanh Hóa"),
    "thua_thien_hue": ("Tỉnh", "Thừa Thiên Huế"),
    "tien_giang": ("Tỉnh", "Tiền Giang"),
    "tra_vinh": ("Tỉnh", "Trà Vinh"),
    "tuyen_quang": ("Tỉnh", "Tuyên Quang"),
    "vinh_long": ("Tỉnh", "Vĩnh Long"),
    "vinh_phuc": ("Tỉnh", "Vĩnh Phúc"),
    "yen_bai": ("Tỉnh", "Yên Bái"),
}
# Other ways these are written.
_OLD_PROVINCE_VARIANTS: dict[str, tuple[str, ...]] = {
    "ba_ria_vung_tau": ("Bà Rịa Vũng Tàu", "Bà Rịa – Vũng Tàu", "BR-VT", "BRVT"),
    "ho_chi_minh": ("TP HCM", "TP. HCM", "TP.HCM", "TPHCM", "HCM", "Sài Gòn"),
    "thua_thien_hue": ("Huế", "Thừa Thiên - Huế"),
}


def _old_province(code: str, kind: str, name: str) -> Term:
    city = ("TP " + name, "TP. " + name) if kind == "Thành phố" else ()
    spellings = (name, f"{kind} {name}", *city, *_OLD_PROVINCE_VARIANTS.get(code, ()))
    return T(f"{name} (cũ)", f"{name} (former)", spellings, (fold(name),))


TERMS |= {code: _old_province(code, kind, name) for code, (kind, name) in OLD_PROVINCES.items()}


# Ethnicity is free text stored as a key ("kinh", "khmer", …); these are the spellings of one group.
ETHNICITIES: dict[str, tuple[str, ...]] = {
    "kinh": ("Kinh", "Việt", "dân tộc Kinh"),
    "khmer": ("Khmer", "Khơ-me", "Khơ me", "Khơme", "Khơ-me Nam Bộ", "Khmer Nam Bộ", "Khơ Me", "dân tộc Khmer"),
    "hoa": ("Hoa", "Người Hoa", "dân tộc Hoa"),
    "cham": ("Chăm", "Chàm", "Chăm Pa", "dân tộc Chăm"),
}
_ETHNIC = {fold(s): code for code, spellings in ETHNICITIES.items() for s in (code, *spellings)}


def ethnicity_key(text: str | None) -> str | None:
    """ "Khơ-me" → "khmer"; another group as its folded name ("Tày" → "tay"); blank → None."""
    k = fold(text) if text is not None else ""
    return _ETHNIC.get(k) or (k.replace(" ", "_") or None)


class CodeList:
    """Reads what people write for one coded column with the allowed codes ``allowed``."""

    def __init__(self, allowed: tuple[str, ...], *, blankable: bool = False) -> None:
        self.allowed = allowed
        self.blankable = blankable
        self.exact: dict[str, str] = {}
        self.keywords: list[tuple[str, str]] = []
        for code in allowed:
            term = TERMS.get(code, Term(code, code))
            for spelling in (code, code.replace("_", " "), term.vi, term.en, *term.synonyms):
                self.exact.setdefault(fold(spelling), code)
            self.keywords += [(f" {kw} ", code) for kw in term.keywords]
        self.message_params = {"allowed": {lang: ", ".join(label(c, lang) for c in allowed) for lang in ("vi", "en")}}

    def candidates(self, text: str) -> set[str]:
        """The codes ``text`` names: its exact spelling's, else those whose keywords it contains."""
        k = fold(text)
        if k in self.exact:
            return {self.exact[k]}
        return {code for kw, code in self.keywords if kw in f" {k} "}

    def parse(self, text: str) -> str | None:
        if self.blankable and fold(text) in NONE_WORDS:
            return None
        found = self.candidates(text)
        if len(found) == 1:
            return found.pop()
        raise ValueError("bad_code", self.message_params)


@functools.lru_cache(maxsize=256)
def code_list(allowed: tuple[str, ...], column: str = "") -> CodeList:
    return CodeList(allowed, blankable=column in BLANKABLE)
