"""Training plans and reports (Kế hoạch 10/KH-UBND §III.2: 5 % of the basic salary fund in the
first year after restructuring; priority fields named in words)."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import xlwt

from tests.forms.common import Case, merge, national_block, new_book, put, signature, to_bytes, vn_int

# (section location, course, field as written, code, participants, month text, start, cost, funding as written, code)
SNV_PLAN: list[tuple[Any, ...]] = [
    (
        "trong_nuoc",
        "Bồi dưỡng kiến thức pháp luật về tổ chức chính quyền địa phương hai cấp",
        "Kinh tế, pháp luật",
        "kinh_te_phap_luat",
        60,
        "Tháng 9/2025",
        date(2025, 9, 1),
        180_000_000,
        "Kinh phí tái cơ cấu (5% quỹ lương)",
        "tai_co_cau_5pct",
    ),
    (
        "trong_nuoc",
        "Chuyển đổi số và khai thác cơ sở dữ liệu cán bộ, công chức",
        "Công nghệ cao, công nghệ thông tin",
        "cong_nghe_cao_cntt",
        45,
        "Tháng 10/2025",
        date(2025, 10, 1),
        135_000_000,
        "Kinh phí tái cơ cấu (5% quỹ lương)",
        "tai_co_cau_5pct",
    ),
    (
        "trong_nuoc",
        "Bồi dưỡng ngạch chuyên viên chính",
        "Quản lý nhà nước theo ngạch",
        "qlnn_theo_ngach",
        40,
        "Tháng 10/2025",
        date(2025, 10, 1),
        240_000_000,
        "Chi thường xuyên",
        "thuong_xuyen",
    ),
    (
        "trong_nuoc",
        "Trung cấp lý luận chính trị - hành chính",
        "Lý luận chính trị",
        "ly_luan_chinh_tri",
        25,
        "Tháng 11/2025",
        date(2025, 11, 1),
        150_000_000,
        "Kinh phí thường xuyên",
        "thuong_xuyen",
    ),
    (
        "nuoc_ngoai",
        "Khảo sát mô hình chính quyền đô thị tại Hàn Quốc",
        "Kinh tế, pháp luật",
        "kinh_te_phap_luat",
        10,
        "Tháng 3/2026",
        date(2026, 3, 1),
        850_000_000,
        "Kinh phí tái cơ cấu",
        "tai_co_cau_5pct",
    ),
]


def ke_hoach_dtbd_so_noi_vu() -> bytes:
    """An agency's training plan ("Kế hoạch đào tạo, bồi dưỡng cán bộ, công chức năm 2025-2026", the
    annex table of such plans: Nội dung/Tên lớp, Lĩnh vực, Đối tượng, Số lượng học viên, Thời gian
    tổ chức, Kinh phí dự toán, Nguồn kinh phí); sections "I. TRONG NƯỚC" / "II. NƯỚC NGOÀI" say the
    location; the month as "Tháng 9/2025"; fields and funding in words; the unit in the agency block.
    The page corpus had MOHA's training-plan decisions (e.g. 875/QĐ-BNV 2012) but not an annex
    table; columns follow the common habit and seed 000's fields."""
    wb, ws = new_book("KH DTBD")
    national_block(ws, ["UBND THÀNH PHỐ CẦN THƠ", "SỞ NỘI VỤ"], 6)
    put(ws, 4, 1, ["KẾ HOẠCH ĐÀO TẠO, BỒI DƯỠNG CÁN BỘ, CÔNG CHỨC SAU SẮP XẾP NĂM 2025 - 2026"], bold=True)
    merge(ws, "A4:I4")
    put(ws, 5, 1, ["(Kèm theo Kế hoạch số 88/KH-SNV ngày 15/8/2025 của Sở Nội vụ)"])
    put(
        ws,
        7,
        1,
        [
            "STT",
            "Nội dung/Tên lớp",
            "Lĩnh vực",
            "Đối tượng",
            "Số lượng\nhọc viên",
            "Thời gian\ntổ chức",
            "Kinh phí dự toán\n(đồng)",
            "Nguồn kinh phí",
            "Ghi chú",
        ],
        bold=True,
    )
    put(ws, 8, 1, ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)"])
    r = 9
    for roman, loc, title in (
        ("I", "trong_nuoc", "ĐÀO TẠO, BỒI DƯỠNG TRONG NƯỚC"),
        ("II", "nuoc_ngoai", "BỒI DƯỠNG Ở NƯỚC NGOÀI"),
    ):
        put(ws, r, 1, [roman, title], bold=True)
        r += 1
        for i, p in enumerate([p for p in SNV_PLAN if p[0] == loc], start=1):
            put(ws, r, 1, [i, p[1], p[2], "Công chức", p[4], p[5], vn_int(p[7]), p[8]])
            r += 1
    put(
        ws,
        r,
        1,
        [None, "TỔNG CỘNG", None, None, sum(p[4] for p in SNV_PLAN), None, vn_int(sum(p[7] for p in SNV_PLAN))],
        bold=True,
    )
    signature(ws, r + 2, 6, "Cần Thơ, ngày 15 tháng 8 năm 2025", "GIÁM ĐỐC", "Nguyễn Văn Minh")
    return to_bytes(wb)


SNV_PLAN_EXPECT = {
    "tables": {"training": 5},
    "db": "units",
    "as_of": None,
    "checks": [
        (
            "SELECT course_name, unit_code, field, location, start_date, participants, cost_committed_vnd, cost_spent_vnd, "
            "funding FROM training ORDER BY start_date, course_name",
            sorted(
                ((p[1], "S01", p[3], p[0], p[6], p[4], p[7], 0, p[9]) for p in SNV_PLAN), key=lambda t: (t[4], t[0])
            ),
        ),
    ],
}

CITY_RESULT = [  # unit as written, code, course, field as written, code, from, to, participants, budget, spent, funding, location
    (
        "Sở Y tế",
        "S02",
        "Đào tạo chuyên sâu hồi sức cấp cứu",
        "Y tế chuyên sâu",
        "y_te_chuyen_sau",
        "06/10/2025",
        "28/11/2025",
        20,
        400_000_000,
        385_500_000,
        "Tái cơ cấu 5%",
        "Trong nước",
    ),
    (
        "Sở Nông nghiệp và Môi trường",
        "S06",
        "Nông nghiệp ứng dụng công nghệ cao vùng ĐBSCL",
        "Nông nghiệp ứng dụng công nghệ cao",
        "nong_nghiep_cnc",
        "13/10/2025",
        "17/10/2025",
        35,
        210_000_000,
        198_000_000,
        "Tái cơ cấu 5%",
        "Trong nước",
    ),
    (
        "Ban Quản lý các khu chế xuất và công nghiệp",
        "K01",
        "Quản lý chuỗi cung ứng và logistics",
        "Logistics",
        "logistics",
        "03/11/2025",
        "14/11/2025",
        8,
        620_000_000,
        598_750_000,
        "Tái cơ cấu 5%",
        "Nước ngoài",
    ),
    (
        "Sở Tài chính",
        "S04",
        "Quản lý tài chính công sau hợp nhất",
        "Kinh tế, pháp luật",
        "kinh_te_phap_luat",
        "20/10/2025",
        "24/10/2025",
        50,
        150_000_000,
        150_000_000,
        "Thường xuyên",
        "Trong nước",
    ),
    (
        "UBND xã Hòa Tú",
        "X01",
        "Bồi dưỡng theo tiêu chuẩn chức danh lãnh đạo cấp xã",
        "Tiêu chuẩn chức danh lãnh đạo, quản lý",
        "tieu_chuan_chuc_danh",
        "01/12/2025",
        "05/12/2025",
        12,
        60_000_000,
        57_300_000,
        "Thường xuyên",
        "Trong nước",
    ),
]


def bao_cao_ket_qua_dtbd_2025() -> bytes:
    """Sở Nội vụ's report of training done in 2025 across agencies: "Đơn vị" per row, "Thời gian"
    split "Từ ngày" / "Đến ngày", "Kinh phí (đồng)" split "Dự toán" / "Đã chi", a "Trong nước/Nước
    ngoài" column, fields in the plan's words (seed 000 §III.2: y tế chuyên sâu, nông nghiệp ứng dụng
    công nghệ cao, logistics, …), a totals row. Common habit of the yearly training report's annex;
    no published copy found."""
    wb, ws = new_book("Ket qua 2025")
    national_block(ws, ["UBND THÀNH PHỐ CẦN THƠ", "SỞ NỘI VỤ"], 7)
    put(ws, 4, 1, ["BÁO CÁO KẾT QUẢ ĐÀO TẠO, BỒI DƯỠNG CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC NĂM 2025"], bold=True)
    put(ws, 5, 1, ["(Số liệu tính đến ngày 31/12/2025)"])
    put(
        ws,
        7,
        1,
        [
            "STT",
            "Đơn vị",
            "Tên lớp",
            "Lĩnh vực",
            "Thời gian",
            None,
            "Số học viên",
            "Kinh phí (đồng)",
            None,
            "Nguồn kinh phí",
            "Trong nước/\nNước ngoài",
        ],
        bold=True,
    )
    put(ws, 8, 5, ["Từ ngày", "Đến ngày", None, "Dự toán", "Đã chi"], bold=True)
    merge(ws, "E7:F7", "H7:I7", *[f"{c}7:{c}8" for c in "ABCDGJK"])
    for i, p in enumerate(CITY_RESULT, start=1):
        put(ws, 8 + i, 1, [i, p[0], p[2], p[3], p[5], p[6], p[7], vn_int(p[8]), vn_int(p[9]), p[10], p[11]])
    n = 9 + len(CITY_RESULT)
    put(
        ws,
        n,
        2,
        [
            "Tổng cộng",
            None,
            None,
            None,
            None,
            sum(p[7] for p in CITY_RESULT),
            vn_int(sum(p[8] for p in CITY_RESULT)),
            vn_int(sum(p[9] for p in CITY_RESULT)),
        ],
        bold=True,
    )
    return to_bytes(wb)


def _d(s: str) -> date:
    d, m, y = map(int, s.split("/"))
    return date(y, m, d)


CITY_RESULT_EXPECT = {
    "tables": {"training": 5},
    "db": "units",
    "as_of": None,
    "checks": [
        (
            "SELECT unit_code, field, location, start_date, end_date, participants, cost_committed_vnd, cost_spent_vnd, "
            "funding FROM training ORDER BY unit_code",
            sorted(
                (
                    p[1],
                    p[4],
                    "nuoc_ngoai" if p[11] == "Nước ngoài" else "trong_nuoc",
                    _d(p[5]),
                    _d(p[6]),
                    p[7],
                    p[8],
                    p[9],
                    "tai_co_cau_5pct" if "5%" in p[10] else "thuong_xuyen",
                )
                for p in CITY_RESULT
            ),
        ),
    ],
}

PEOPLE_XLS = [  # name, unit as written, code, course, field, from, to, cost, funding
    (
        "Lê Hoàng Nam",
        "Sở Nội vụ",
        "S01",
        "Cao cấp lý luận chính trị",
        "Lý luận chính trị",
        "05/01/2026",
        "30/06/2026",
        32_000_000,
        "Kinh phí tái cơ cấu",
    ),
    (
        "Sơn Thị Mỹ",
        "UBND xã Hòa Tú",
        "X01",
        "Bồi dưỡng quản lý nhà nước ngạch chuyên viên",
        "QLNN theo ngạch",
        "12/01/2026",
        "13/03/2026",
        9_500_000,
        "Kinh phí tái cơ cấu",
    ),
    (
        "Trần Văn Phúc",
        "Trạm Y tế phường Ninh Kiều",
        "D04",
        "Chuyên khoa I Y học gia đình",
        "Y tế chuyên sâu",
        "02/02/2026",
        "31/12/2026",
        45_000_000,
        "Thường xuyên",
    ),
]


def ds_cu_di_hoc_xls() -> bytes:
    """Excel 97-2003 list of people sent to courses ("Danh sách cán bộ, công chức, viên chức cử đi
    đào tạo, bồi dưỡng"), one person per row, no location column (all in the country), the field
    abbreviated ("QLNN theo ngạch"). Common habit; no published copy found."""
    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("Cu di hoc")
    bold = xlwt.easyxf("font: bold on")
    ws.write(0, 0, "SỞ NỘI VỤ THÀNH PHỐ CẦN THƠ", bold)
    ws.write(2, 0, "DANH SÁCH CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC CỬ ĐI ĐÀO TẠO, BỒI DƯỠNG ĐỢT 1 NĂM 2026", bold)
    for c, h in enumerate(
        [
            "STT",
            "Họ và tên",
            "Đơn vị công tác",
            "Khóa học",
            "Lĩnh vực",
            "Từ ngày",
            "Đến ngày",
            "Kinh phí",
            "Nguồn kinh phí",
        ]
    ):
        ws.write(4, c, h, bold)
    for i, p in enumerate(PEOPLE_XLS, start=1):
        for c, v in enumerate([i, p[0], p[1], p[3], p[4], p[5], p[6], vn_int(p[7]), p[8]]):
            ws.write(4 + i, c, v)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


PEOPLE_XLS_EXPECT = {
    "tables": {"training": 3},
    "db": "units",
    "as_of": None,
    "checks": [
        (
            "SELECT unit_code, field, location, start_date, participants, funding FROM training ORDER BY unit_code",
            [
                ("D04", "y_te_chuyen_sau", "trong_nuoc", date(2026, 2, 2), 1, "thuong_xuyen"),
                ("S01", "ly_luan_chinh_tri", "trong_nuoc", date(2026, 1, 5), 1, "tai_co_cau_5pct"),
                ("X01", "qlnn_theo_ngach", "trong_nuoc", date(2026, 1, 12), 1, "tai_co_cau_5pct"),
            ],
        ),
        ("SELECT sum(cost_spent_vnd) + sum(cost_committed_vnd) FROM training", [(86_500_000,)]),
    ],
}

CASES: dict[str, Case] = {
    "ke_hoach_dtbd_snv_2025_2026.xlsx": (ke_hoach_dtbd_so_noi_vu, SNV_PLAN_EXPECT),
    "bao_cao_ket_qua_dtbd_2025.xlsx": (bao_cao_ket_qua_dtbd_2025, CITY_RESULT_EXPECT),
    "ds_cu_di_dao_tao_2026.xls": (ds_cu_di_hoc_xls, PEOPLE_XLS_EXPECT),
}
