"""Lists of staff sent to communes (tăng cường cơ sở, Kế hoạch 10/KH-UBND of 29/7/2025, §III.1)."""

from __future__ import annotations

from datetime import date
from typing import Any

from tests.forms.common import Case, merge, national_block, new_book, put, signature, to_bytes

# (name, birth year, gender, current post, commune as written, code, post at the commune, start, planned end)
SNV_TC: list[tuple[Any, ...]] = [
    (
        "Huỳnh Thanh Phong",
        "1982",
        "nam",
        "Trưởng phòng Tổ chức - Biên chế",
        "Xã Hòa Tú",
        "X01",
        "Phó Chủ tịch UBND xã",
        date(2025, 8, 1),
        date(2028, 7, 31),
    ),
    (
        "Lê Hoàng Nam",
        "1995",
        "nam",
        "Chuyên viên Phòng Xây dựng chính quyền",
        "P. Ninh Kiều",
        "X02",
        "Công chức Văn phòng - Thống kê",
        date(2025, 8, 1),
        date(2028, 7, 31),
    ),
    (
        "Thạch Thị Kim Ngân",
        "1991",
        "nu",
        "Chuyên viên Phòng Công chức, viên chức",
        "Xã Phong Điền",
        "X04",
        "Công chức Văn hóa - Xã hội",
        date(2025, 8, 15),
        date(2028, 8, 14),
    ),
]


def ds_tang_cuong_so_noi_vu() -> bytes:
    """The sending agency's list under Kế hoạch 10/KH-UBND (seed 000, §III.1: "cử … tăng cường về
    cơ sở", at least 36 months): STT, Họ và tên, Năm sinh split Nam / Nữ, Chức vụ và đơn vị công tác
    hiện nay, Xã/phường được tăng cường, Vị trí công tác tại xã, "Thời gian tăng cường" split "Từ
    ngày" / "Đến ngày"; the sending agency only in the agency block, the decision only in the
    subtitle. No published copy of the annex was found; columns follow the plan's wording."""
    wb, ws = new_book("DS tang cuong")
    national_block(ws, ["UBND THÀNH PHỐ CẦN THƠ", "SỞ NỘI VỤ"], 6)
    put(ws, 4, 1, ["DANH SÁCH CÔNG CHỨC ĐƯỢC CỬ TĂNG CƯỜNG VỀ CẤP XÃ"], bold=True)
    merge(ws, "A4:I4")
    put(ws, 5, 1, ["(Kèm theo Quyết định số 1520/QĐ-UBND ngày 25/7/2025 của Chủ tịch UBND thành phố)"])
    merge(ws, "A5:I5")
    put(
        ws,
        7,
        1,
        [
            "STT",
            "Họ và tên",
            "Năm sinh",
            None,
            "Chức vụ, đơn vị công tác hiện nay",
            "Xã, phường được tăng cường",
            "Vị trí công tác tại xã",
            "Thời gian tăng cường",
            None,
        ],
        bold=True,
    )
    put(ws, 8, 3, ["Nam", "Nữ", None, None, None, "Từ ngày", "Đến ngày"], bold=True)
    merge(ws, "C7:D7", "H7:I7", *[f"{c}7:{c}8" for c in "ABEFG"])
    for i, p in enumerate(SNV_TC, start=1):
        put(
            ws,
            8 + i,
            1,
            [
                i,
                p[0],
                p[1] if p[2] == "nam" else None,
                p[1] if p[2] == "nu" else None,
                p[3],
                p[4],
                p[6],
                p[7].strftime("%d/%m/%Y"),
                p[8].strftime("%d/%m/%Y"),
            ],
        )
    signature(ws, 9 + len(SNV_TC) + 1, 6, "Cần Thơ, ngày 28 tháng 7 năm 2025", "GIÁM ĐỐC", "Nguyễn Văn Minh")
    return to_bytes(wb)


SNV_TC_EXPECT = {
    "tables": {"secondment": 3},
    "db": "units",
    "as_of": None,
    "checks": [
        (
            "SELECT sending_unit_code, receiving_unit_code, start_date, planned_end_date, decision_no, decision_date, "
            "position_at_commune FROM secondment ORDER BY receiving_unit_code",
            [("S01", p[5], p[7], p[8], "1520/QĐ-UBND", date(2025, 7, 25), p[6]) for p in SNV_TC],
        ),
        ("SELECT count(DISTINCT person_id) FROM secondment", [(3,)]),
    ],
}

CITY_TC = [  # CCCD, name, sending as written, code, receiving as written, code, from, to, decision no, date
    (
        "092082001234",
        "Đặng Văn Hiếu",
        "Sở Y tế",
        "S02",
        "Xã Hòa Tú",
        "X01",
        "01/08/2025",
        "31/07/2028",
        "1521/QĐ-UBND",
        "25/07/2025",
    ),
    (
        "092190004567",
        "Ngô Thị Thảo",
        "Sở Tài chính",
        "S04",
        "Phường Cái Khế",
        "X03",
        "01/08/2025",
        "31/07/2028",
        "1521/QĐ-UBND",
        "25/07/2025",
    ),
    (
        "094185007890",
        "Lý Minh Quân",
        "Sở Giáo dục và Đào tạo",
        "S03",
        "Xã Thới Lai",
        "X05",
        "01/09/2025",
        "31/08/2028",
        "1688/QĐ-UBND",
        "20/08/2025",
    ),
    (
        "094093002468",
        "Thạch Sô Phia",
        "SỞ NỘI VỤ",
        "S01",
        "Phường Sóc Trăng",
        "X06",
        "01/09/2025",
        "31/08/2028",
        "1688/QĐ-UBND",
        "20/08/2025",
    ),
]


def tong_hop_tang_cuong_toan_thanh_pho() -> bytes:
    """Sở Nội vụ's city-wide register of postings: one row per person with "Số CCCD" (the personal
    identification number, as lists now carry), "Đơn vị cử", "Nơi tăng cường" (communes written
    "Xã …" / "Phường …"), the period under "Thời gian" ("Từ" / "Đến") and the decision under
    "Quyết định cử" ("Số" / "Ngày"); a column-number row. Common habit of consolidated registers;
    no published copy found."""
    wb, ws = new_book("Tong hop")
    put(ws, 1, 1, ["SỞ NỘI VỤ"], bold=True)
    put(ws, 3, 1, ["TỔNG HỢP CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC CẤP THÀNH PHỐ TĂNG CƯỜNG VỀ XÃ, PHƯỜNG"], bold=True)
    merge(ws, "A3:J3")
    put(
        ws,
        5,
        1,
        [
            "STT",
            "Số CCCD",
            "Họ và tên",
            "Đơn vị cử",
            "Nơi tăng cường",
            "Thời gian",
            None,
            "Quyết định cử",
            None,
            "Ghi chú",
        ],
        bold=True,
    )
    put(ws, 6, 6, ["Từ", "Đến", "Số", "Ngày"], bold=True)
    merge(ws, "F5:G5", "H5:I5", *[f"{c}5:{c}6" for c in "ABCDEJ"])
    put(ws, 7, 1, ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"])
    for i, p in enumerate(CITY_TC, start=1):
        put(ws, 7 + i, 1, [i, p[0], p[1], p[2], p[4], p[6], p[7], p[8], p[9]])
    return to_bytes(wb)


def _d(s: str) -> date:
    d, m, y = map(int, s.split("/"))
    return date(y, m, d)


CITY_TC_EXPECT = {
    "tables": {"secondment": 4},
    "db": "units",
    "as_of": None,
    "checks": [
        (
            "SELECT person_id, sending_unit_code, receiving_unit_code, start_date, planned_end_date, decision_no, "
            "decision_date FROM secondment ORDER BY person_id",
            sorted((p[0], p[3], p[5], _d(p[6]), _d(p[7]), p[8], _d(p[9])) for p in CITY_TC),
        ),
    ],
}

HOA_TU_TC = [
    ("Huỳnh Thanh Phong", "Sở Nội vụ", "S01", "Trưởng phòng", "Phó Chủ tịch UBND xã"),
    ("Đặng Văn Hiếu", "Sở Y tế", "S02", "Phó trưởng phòng Nghiệp vụ Y", "Công chức Văn hóa - Xã hội"),
]


def ds_tiep_nhan_tang_cuong_xa_hoa_tu() -> bytes:
    """The receiving commune's list ("Danh sách cán bộ, công chức được tăng cường về xã"): the
    commune only in the title block, "Cơ quan cử đi" per row, dates as real date cells, a
    "Tổng số: 02 người" line. Common habit of communes reporting on staff they received; no
    published copy found."""
    wb, ws = new_book("Sheet1")
    national_block(ws, ["UBND XÃ HÒA TÚ"], 5)
    put(ws, 4, 1, ["DANH SÁCH CÁN BỘ, CÔNG CHỨC ĐƯỢC TĂNG CƯỜNG VỀ XÃ HÒA TÚ"], bold=True)
    merge(ws, "A4:H4")
    put(
        ws,
        6,
        1,
        [
            "STT",
            "Họ và tên",
            "Cơ quan cử đi",
            "Chức vụ tại cơ quan cử",
            "Vị trí công tác tại xã",
            "Ngày bắt đầu",
            "Ngày kết thúc",
            "Ghi chú",
        ],
        bold=True,
    )
    for i, p in enumerate(HOA_TU_TC, start=1):
        put(ws, 6 + i, 1, [i, p[0], p[1], p[3], p[4], date(2025, 8, 1), date(2028, 7, 31)])
    put(ws, 9, 2, ["Tổng số: 02 người"])
    signature(ws, 11, 5, "Hòa Tú, ngày 30 tháng 9 năm 2025", "CHỦ TỊCH", "Trần Văn Hùng")
    return to_bytes(wb)


HOA_TU_TC_EXPECT = {
    "tables": {"secondment": 2},
    "db": "units",
    "as_of": None,
    "checks": [
        (
            "SELECT sending_unit_code, receiving_unit_code, start_date, planned_end_date FROM secondment ORDER BY ALL",
            [("S01", "X01", date(2025, 8, 1), date(2028, 7, 31)), ("S02", "X01", date(2025, 8, 1), date(2028, 7, 31))],
        )
    ],
}

CASES: dict[str, Case] = {
    "ds_tang_cuong_co_so_snv.xlsx": (ds_tang_cuong_so_noi_vu, SNV_TC_EXPECT),
    "tong_hop_tang_cuong_xa_phuong.xlsx": (tong_hop_tang_cuong_toan_thanh_pho, CITY_TC_EXPECT),
    "ds_duoc_tang_cuong_ve_xa_hoa_tu.xlsx": (ds_tiep_nhan_tang_cuong_xa_hoa_tu, HOA_TU_TC_EXPECT),
}
