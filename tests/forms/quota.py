"""Quota and headcount reports (biên chế được giao / có mặt), as agencies send them.

The two old-Cần-Thơ reports reproduce the seed report's figures (DOMAIN.md §3): civil servants
2021 1.860 → 2024 1.841; public employees 2021 20.735 → 2024 19.415 with 374 more cuts pending
the People's Council. Both load into an empty database: the units come from the file's own
catalogue sheet.
"""

from __future__ import annotations

from typing import Any

import xlwt
from openpyxl.utils import get_column_letter

from tests.forms.common import (
    Case,
    merge,
    national_block,
    new_book,
    put,
    rows_at,
    signature,
    to_bytes,
    vn_int,
)

YEARS = (2021, 2022, 2023, 2024)

# Old Cần Thơ (before 1/7/2025), eleven units. Per unit: catalogue code, catalogue name, unit type
# as written in the first report's catalogue, as written in the second's, the block it is listed
# under, its name as written in the first report's table, in the second's; civil-servant quota
# 2021..2024, public-employee quota 2021..2024, public-employee cut pending HĐND approval (2024).
OLD: list[tuple[Any, ...]] = [
    (
        "SNV",
        "Sở Nội vụ",
        "Cơ quan chuyên môn",
        "Sở, ban, ngành",
        "I",
        "Sở Nội vụ",
        "SỞ NỘI VỤ",
        (72, 71, 71, 70),
        (25, 24, 23, 22),
        0,
    ),
    (
        "SYT",
        "Sở Y tế",
        "Cơ quan chuyên môn",
        "Sở, ban, ngành",
        "I",
        "SỞ Y TẾ",
        "Sở Y tế",
        (95, 94, 93, 92),
        (4850, 4738, 4626, 4530),
        90,
    ),
    (
        "SGDDT",
        "Sở Giáo dục và Đào tạo",
        "Cơ quan chuyên môn",
        "Sở, ban, ngành",
        "I",
        "Sở Giáo dục và Đào tạo",
        "Sở GD và ĐT",
        (86, 86, 85, 84),
        (3120, 3054, 2987, 2930),
        60,
    ),
    (
        "STC",
        "Sở Tài chính",
        "Cơ quan chuyên môn",
        "Sở, ban, ngành",
        "I",
        "Sở Tài chính",
        "Sở Tài chính",
        (90, 89, 89, 88),
        (18, 17, 17, 16),
        0,
    ),
    (
        "VPUB",
        "Văn phòng UBND thành phố",
        "Cơ quan chuyên môn",
        "Sở, ban, ngành",
        "I",
        "Văn phòng Ủy ban nhân dân thành phố",
        "Văn phòng UBND thành phố",
        (64, 64, 63, 63),
        (30, 29, 29, 28),
        0,
    ),
    (
        "QNK",
        "UBND quận Ninh Kiều",
        "UBND cấp huyện",
        "Quận, huyện",
        "II",
        "Quận Ninh Kiều",
        "UBND quận Ninh Kiều",
        (380, 379, 378, 377),
        (3210, 3140, 3070, 3010),
        55,
    ),
    (
        "QCR",
        "UBND quận Cái Răng",
        "UBND cấp huyện",
        "Quận, huyện",
        "II",
        "Quận Cái Răng",
        "UBND Q. Cái Răng",
        (352, 352, 351, 350),
        (2460, 2404, 2348, 2300),
        45,
    ),
    (
        "HPD",
        "UBND huyện Phong Điền",
        "UBND cấp huyện",
        "Quận, huyện",
        "II",
        "Huyện Phong Điền",
        "UBND H. Phong Điền",
        (341, 340, 340, 339),
        (2390, 2334, 2278, 2230),
        50,
    ),
    (
        "HTL",
        "UBND huyện Thới Lai",
        "UBND cấp huyện",
        "Quận, huyện",
        "II",
        "Huyện Thới Lai",
        "UBND huyện Thới Lai",
        (359, 358, 358, 357),
        (2640, 2577, 2514, 2460),
        54,
    ),
    (
        "PCK",
        "UBND phường Cái Khế",
        "UBND cấp xã",
        "Xã, phường, thị trấn",
        "III",
        "Phường Cái Khế",
        "P. Cái Khế",
        (21, 21, 21, 21),
        (0, 0, 0, 0),
        0,
    ),
    (
        "BVDK",
        "Bệnh viện Đa khoa thành phố Cần Thơ",
        "Đơn vị sự nghiệp",
        "Đơn vị sự nghiệp công lập",
        "IV",
        "Bệnh viện Đa khoa thành phố Cần Thơ",
        "BV Đa khoa thành phố Cần Thơ",
        (0, 0, 0, 0),
        (1992, 1956, 1920, 1889),
        20,
    ),
]
OLD_TYPES = {
    "SNV": "so_nganh",
    "SYT": "so_nganh",
    "SGDDT": "so_nganh",
    "STC": "so_nganh",
    "VPUB": "so_nganh",
    "QNK": "huyen_cu",
    "QCR": "huyen_cu",
    "HPD": "huyen_cu",
    "HTL": "huyen_cu",
    "PCK": "ubnd_xa",
    "BVDK": "dvsnc",
}
SECTIONS = {
    "I": "KHỐI CƠ QUAN CHUYÊN MÔN THUỘC UBND THÀNH PHỐ",
    "II": "KHỐI QUẬN, HUYỆN",
    "III": "KHỐI XÃ, PHƯỜNG, THỊ TRẤN",
    "IV": "ĐƠN VỊ SỰ NGHIỆP TRỰC THUỘC UBND THÀNH PHỐ",
}

assert sum(u[7][0] for u in OLD) == 1860 and sum(u[7][3] for u in OLD) == 1841
assert sum(u[8][0] for u in OLD) == 20735 and sum(u[8][3] for u in OLD) == 19415
assert sum(u[9] for u in OLD) == 374


def _dash(n: int) -> Any:
    return "-" if n == 0 else n


def _old_checks() -> list[tuple[str, list[tuple[Any, ...]]]]:
    by_year = sorted(
        (
            y,
            c,
            sum(u[7 if c == "cong_chuc" else 8][i] for u in OLD),
            sum(u[9] for u in OLD) if (c, y) == ("vien_chuc", 2024) else 0,
        )
        for i, y in enumerate(YEARS)
        for c in ("cong_chuc", "vien_chuc")
    )
    return [
        ("SELECT year, category, sum(quota_assigned), sum(cut_pending) FROM quota GROUP BY ALL ORDER BY ALL", by_year),
        (
            "SELECT unit_code, unit_type, level FROM unit ORDER BY unit_code",
            sorted((c, t, {"huyen_cu": "district", "ubnd_xa": "commune"}.get(t, "city")) for c, t in OLD_TYPES.items()),
        ),
        (
            "SELECT quota_assigned, cut_pending FROM quota WHERE unit_code = 'SYT' AND year = 2024 AND category = 'vien_chuc'",
            [(4530, 90)],
        ),
        (
            "SELECT quota_assigned FROM quota WHERE unit_code = 'VPUB' AND year = 2021 AND category = 'cong_chuc'",
            [(64,)],
        ),
        ("SELECT count(*) FROM quota WHERE quota_assigned = 0", [(8,)]),  # "-" is zero: BV (civil servants), Cái Khế
    ]


OLD_EXPECT = {"tables": {"unit": 11, "quota": 88}, "db": "empty", "as_of": None}


def quota_cantho_2021_2024() -> bytes:
    """Issue file 1: old Cần Thơ's quota report, years as columns, with its unit catalogue.

    Layout: the MOHA quota-report habit ("Biểu số 02 – Tổng hợp tình hình giao biên chế công chức và
    số lượng người làm việc hưởng lương từ NSNN", the shape of the annexes that Sở Nội vụ attaches
    to its reduction reports, seed 002): two-row header with the two quota kinds merged over their
    years, a pending-cut column, a column-number row "A B 1 2 …", TỔNG CỘNG first, Roman blocks
    with subtotal rows that are formulas with cached values, a signed footer. Searches of the page
    corpus for the published Biểu found no copy; the layout follows the common habit. The catalogue
    sheet "Danh mục đơn vị" names unit types in words ("Cơ quan chuyên môn", "UBND cấp huyện", …).
    """
    wb, cat = new_book("Danh mục đơn vị")
    put(cat, 1, 1, ["DANH MỤC CƠ QUAN, ĐƠN VỊ ĐƯỢC GIAO BIÊN CHẾ"], bold=True)
    merge(cat, "A1:D1")
    put(cat, 3, 1, ["STT", "Mã đơn vị", "Tên cơ quan, đơn vị", "Loại hình"], bold=True)
    rows_at(cat, 4, [[i, u[0], u[1], u[2]] for i, u in enumerate(OLD, start=1)])

    ws = wb.create_sheet("Biểu 02 - Biên chế")
    national_block(ws, ["UBND THÀNH PHỐ CẦN THƠ", "SỞ NỘI VỤ"], 8)
    put(ws, 4, 1, ["Biểu số 02"])
    put(
        ws,
        5,
        1,
        [
            "TỔNG HỢP TÌNH HÌNH GIAO BIÊN CHẾ CÔNG CHỨC VÀ SỐ LƯỢNG NGƯỜI LÀM VIỆC HƯỞNG LƯƠNG\n"
            "TỪ NGÂN SÁCH NHÀ NƯỚC GIAI ĐOẠN 2021 - 2024"
        ],
        bold=True,
    )
    merge(ws, "A5:L5")
    put(ws, 6, 1, ["(Kèm theo Báo cáo số 215/BC-SNV ngày 28 tháng 6 năm 2024 của Sở Nội vụ)"])
    merge(ws, "A6:L6")
    put(ws, 7, 11, ["Đơn vị tính: người"])
    put(
        ws,
        8,
        1,
        [
            "STT",
            "Tên cơ quan, đơn vị",
            "BIÊN CHẾ CÔNG CHỨC",
            None,
            None,
            None,
            "SỐ LƯỢNG NGƯỜI LÀM VIỆC HƯỞNG LƯƠNG TỪ NSNN",
            None,
            None,
            None,
            None,
            "Ghi chú",
        ],
        bold=True,
    )
    put(
        ws,
        9,
        3,
        [
            "Năm 2021",
            "Năm 2022",
            "Năm 2023",
            "Năm 2024",
            "Năm 2021",
            "Năm 2022",
            "Năm 2023",
            "Năm 2024",
            "Số giảm chờ HĐND\nthành phố phê duyệt",
        ],
        bold=True,
    )
    merge(ws, "A8:A9", "B8:B9", "C8:F8", "G8:K8", "L8:L9")
    put(ws, 10, 1, ["A", "B", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    cached: dict[tuple[str, str], Any] = {}
    cols = [get_column_letter(c) for c in range(3, 12)]

    def values(u: tuple[Any, ...]) -> list[Any]:
        return [*u[7], *u[8], u[9]]

    total_row = 11
    put(ws, total_row, 2, ["TỔNG CỘNG"], bold=True)
    r = 12
    sub_rows = []
    for roman, title in SECTIONS.items():
        units = [u for u in OLD if u[4] == roman]
        put(ws, r, 1, [roman, title], bold=True)
        sub, first = r, r + 1
        sub_rows.append(sub)
        r += 1
        for i, u in enumerate(units, start=1):
            put(ws, r, 1, [i, u[5], *[_dash(v) for v in values(u)]])
            r += 1
        for j, col in enumerate(cols):
            ws[f"{col}{sub}"] = f"=SUM({col}{first}:{col}{r - 1})"
            cached[(ws.title, f"{col}{sub}")] = sum(values(u)[j] for u in units)
    for j, col in enumerate(cols):
        ws[f"{col}{total_row}"] = "=" + "+".join(f"{col}{s}" for s in sub_rows)
        cached[(ws.title, f"{col}{total_row}")] = sum(values(u)[j] for u in OLD)
    put(
        ws,
        r + 1,
        1,
        [
            "Ghi chú: Số giảm chờ phê duyệt là số lượng người làm việc đã trình HĐND thành phố "
            "tại Kỳ họp thứ 15, chưa được phê duyệt."
        ],
    )
    signature(ws, r + 3, 8, "Cần Thơ, ngày 28 tháng 6 năm 2024", "GIÁM ĐỐC", "Nguyễn Văn Minh")
    return to_bytes(wb, cached)


def quota_cantho_years_as_rows() -> bytes:
    """The same figures in a second real layout: years as rows under each unit.

    Layout: the "Biểu tổng hợp biên chế" habit of agencies that copy one block per unit (unit name
    merged down its four year rows, A:B merged cells that leave blanks), two quota columns and the
    pending cut beside the public-employee one, "(1) (2) …" column numbers, one "Tổng cộng năm …"
    row per year at the bottom. The catalogue sheet comes second and writes unit types as other
    agencies do ("Sở, ban, ngành", "Quận, huyện", "Xã, phường, thị trấn", "Đơn vị sự nghiệp công
    lập"). No published copy found; follows the common habit.
    """
    wb, ws = new_book("BC bien che")
    national_block(ws, ["UBND THÀNH PHỐ CẦN THƠ", "SỞ NỘI VỤ"], 5)
    put(ws, 4, 1, ["BIỂU TỔNG HỢP BIÊN CHẾ ĐƯỢC GIAO QUA CÁC NĂM 2021 - 2024"], bold=True)
    merge(ws, "A4:G4")
    put(ws, 5, 1, ["(Số liệu đến ngày 30/6/2024)"])
    merge(ws, "A5:G5")
    put(ws, 6, 6, ["ĐVT: người"])
    put(
        ws,
        7,
        1,
        [
            "STT",
            "Cơ quan, đơn vị",
            "Năm",
            "Biên chế công chức\nđược giao",
            "Số lượng người làm việc hưởng lương từ NSNN",
            None,
            "Ghi chú",
        ],
        bold=True,
    )
    put(ws, 8, 5, ["Được giao", "Trong đó: giảm chờ\nHĐND TP phê duyệt"], bold=True)
    merge(ws, "A7:A8", "B7:B8", "C7:C8", "D7:D8", "E7:F7", "G7:G8")
    put(ws, 9, 1, ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"])
    r = 10
    for i, u in enumerate(OLD, start=1):
        for k, y in enumerate(YEARS):
            put(
                ws,
                r + k,
                3,
                [
                    y,
                    vn_int(u[7][k]) if u[7][k] else "-",
                    vn_int(u[8][k]) if u[8][k] else "-",
                    (u[9] or "-") if y == 2024 else None,
                ],
            )
        put(ws, r, 1, [i, u[6]])
        merge(ws, f"A{r}:A{r + 3}", f"B{r}:B{r + 3}")
        r += 4
    for k, y in enumerate(YEARS):
        put(
            ws,
            r,
            1,
            [
                None,
                f"Tổng cộng năm {y}",
                None,
                vn_int(sum(u[7][k] for u in OLD)),
                vn_int(sum(u[8][k] for u in OLD)),
                374 if y == 2024 else None,
            ],
            bold=True,
        )
        r += 1
    signature(
        ws,
        r + 1,
        5,
        "Cần Thơ, ngày 05 tháng 7 năm 2024",
        "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
        "Trần Thị Hạnh",
        recipients=False,
    )
    cat = wb.create_sheet("DM don vi")
    put(cat, 1, 1, ["Mã ĐV", "Tên cơ quan, đơn vị", "Phân loại đơn vị"], bold=True)
    rows_at(cat, 2, [[u[0], u[1], u[3]] for u in OLD])
    return to_bytes(wb)


OLD_ROWS_EXPECT = {"tables": {"unit": 11, "quota": 88}, "db": "empty", "as_of": None}

# -------------------------------------------------------------------- new Cần Thơ, seeded database

NEW: list[
    tuple[Any, ...]
] = [  # name as written, block, (cc assigned, present), (vc assigned, present), (HĐ 111 assigned, present)
    ("Văn phòng Thành ủy", "Đảng", (58, 55), (0, 0), (12, 12)),
    ("Ban Tổ chức Thành ủy", "Đảng", (41, 40), (0, 0), (5, 4)),
    ("Sở Nội vụ", "CQ", (96, 90), (38, 35), (9, 9)),
    ("Sở Y tế", "CQ", (88, 85), (12, 12), (8, 7)),
    ("Sở Tài chính", "CQ", (102, 97), (0, 0), (10, 10)),
    ("Văn phòng UBND thành phố", "CQ", (110, 104), (22, 20), (18, 18)),
    ("Trường THPT Châu Văn Liêm", "SN", (0, 0), (142, 138), (6, 6)),
    ("Bệnh viện Đa khoa thành phố Cần Thơ", "SN", (0, 0), (1205, 1150), (60, 58)),
]
KHOI = {"Đảng": "KHỐI ĐẢNG, ĐOÀN THỂ", "CQ": "KHỐI CHÍNH QUYỀN", "SN": "KHỐI SỰ NGHIỆP"}


def quota_khoi_dang_chinh_quyen() -> bytes:
    """New Cần Thơ, 2025: assigned vs present per unit under "Khối Đảng / Khối chính quyền / Khối sự
    nghiệp", three quota kinds (Biên chế công chức, Số lượng người làm việc, Hợp đồng lao động theo
    NĐ 111/2022) each split "Được giao / Có mặt", block subtotals "Cộng khối …" and a "Tổng số" row
    ABOVE the blocks, numbers as text with "." thousands.

    Layout: the Ban Tổ chức Thành ủy / Sở Nội vụ habit of reporting the whole political system in
    one table by blocks (as in the "Biểu 8c-BTCTW" family of Party personnel reports, of which the
    code corpus holds an HTML copy in thanhvu16/quan_ly_can_bo Modules/BaoCaoThongKe/…/8.blade.php;
    its exact columns were not copied).
    """
    wb, ws = new_book("Tong hop")
    national_block(ws, ["THÀNH ỦY CẦN THƠ", "BAN TỔ CHỨC"], 6)
    put(ws, 4, 1, ["BIỂU TỔNG HỢP BIÊN CHẾ ĐƯỢC GIAO VÀ CÓ MẶT NĂM 2025 CỦA HỆ THỐNG CHÍNH TRỊ THÀNH PHỐ"], bold=True)
    merge(ws, "A4:H4")
    put(ws, 5, 1, ["(Tính đến ngày 31/12/2025)"])
    put(ws, 6, 7, ["Đơn vị tính: người"])
    put(
        ws,
        7,
        1,
        [
            "STT",
            "CƠ QUAN, ĐƠN VỊ",
            "BIÊN CHẾ CÔNG CHỨC",
            None,
            "SỐ LƯỢNG NGƯỜI LÀM VIỆC",
            None,
            "HỢP ĐỒNG LAO ĐỘNG\n(NĐ 111/2022)",
            None,
        ],
        bold=True,
    )
    put(ws, 8, 3, ["Được giao", "Có mặt"] * 3, bold=True)
    merge(ws, "A7:A8", "B7:B8", "C7:D7", "E7:F7", "G7:H7")
    put(ws, 9, 1, ["1", "2", "3", "4", "5", "6", "7", "8"])

    def cells(u: tuple[Any, ...]) -> list[Any]:
        return [vn_int(v) if v else "-" for pair in u[2:] for v in pair]

    tot = [sum(pair[i] for u in NEW for pair in [u[2 + k]]) for k in range(3) for i in range(2)]
    put(ws, 10, 1, [None, "Tổng số", *[vn_int(v) for v in tot]], bold=True)
    r = 11
    for roman, (key, title) in zip(("I", "II", "III"), KHOI.items(), strict=True):
        units = [u for u in NEW if u[1] == key]
        put(ws, r, 1, [roman, title], bold=True)
        r += 1
        for i, u in enumerate(units, start=1):
            put(ws, r, 1, [i, u[0], *cells(u)])
            r += 1
        sub = [sum(pair[i] for u in units for pair in [u[2 + k]]) for k in range(3) for i in range(2)]
        put(ws, r, 1, [None, f"Cộng khối ({roman})", *[vn_int(v) for v in sub]], bold=True)
        r += 1
    signature(ws, r + 1, 6, "Cần Thơ, ngày 10 tháng 01 năm 2026", "TRƯỞNG BAN", "Huỳnh Thanh Tâm")
    return to_bytes(wb)


KHOI_EXPECT = {
    "tables": {"quota": 24},
    "db": "units",
    "as_of": None,
    "checks": [
        (
            "SELECT category, sum(quota_assigned), sum(present) FROM quota WHERE year = 2025 GROUP BY ALL ORDER BY ALL",
            [("cong_chuc", 495, 471), ("nguoi_lao_dong", 128, 124), ("vien_chuc", 1419, 1355)],
        ),
        (
            "SELECT quota_assigned, present FROM quota WHERE unit_code = 'D02' AND category = 'vien_chuc'",
            [(1205, 1150)],
        ),
        ("SELECT count(DISTINCT unit_code) FROM quota", [(8,)]),
    ],
}
assert sum(u[2][0] for u in NEW) == 495 and sum(u[3][0] for u in NEW) == 1419 and sum(u[4][0] for u in NEW) == 128


def quota_one_sheet_per_unit() -> bytes:
    """One sheet per unit, named after it ("Sở Y tế", "Xã Hòa Tú", "P. Ninh Kiều"); years as rows;
    the unit is only in the sheet name and the sheet's title line. Each unit fills in the same
    small form the Sở Nội vụ sent out (assigned 2024 and 2025, present at 31/12/2025). No published
    copy; follows the habit of one form per unit collected into one workbook."""
    wb, first = new_book("Sở Y tế")
    data = {
        "Sở Y tế": ("SỞ Y TẾ", [(2024, 90, None, 12, None), (2025, 88, 85, 12, 12)]),
        "Xã Hòa Tú": ("UBND XÃ HÒA TÚ", [(2024, 25, None, 0, None), (2025, 24, 22, 0, 0)]),
        "P. Ninh Kiều": ("UBND PHƯỜNG NINH KIỀU", [(2024, 31, None, 4, None), (2025, 31, 31, 4, 3)]),
    }
    for n, (title, (agency, rows)) in enumerate(data.items()):
        ws = first if n == 0 else wb.create_sheet(title)
        put(ws, 1, 1, [agency], bold=True)
        put(ws, 3, 1, [f"BÁO CÁO BIÊN CHẾ ĐƯỢC GIAO NĂM 2024, 2025 VÀ CÓ MẶT ĐẾN 31/12/2025 - {agency}"], bold=True)
        merge(ws, "A3:F3")
        put(ws, 5, 1, ["Năm", "Biên chế công chức", None, "Số lượng người làm việc", None, "Ghi chú"], bold=True)
        put(ws, 6, 2, ["Được giao", "Có mặt", "Được giao", "Có mặt"], bold=True)
        merge(ws, "A5:A6", "B5:C5", "D5:E5", "F5:F6")
        for i, (y, cc, ccp, vc, vcp) in enumerate(rows):
            put(ws, 7 + i, 1, [f"Năm {y}", cc, ccp, _dash(vc), None if vcp is None else _dash(vcp)])
        put(ws, 10, 4, ["THỦ TRƯỞNG ĐƠN VỊ"], bold=True)
    return to_bytes(wb)


PER_UNIT_EXPECT = {
    "tables": {"quota": 12},
    "db": "units",
    "as_of": None,
    "checks": [
        (
            "SELECT unit_code, year, category, quota_assigned, present FROM quota ORDER BY ALL",
            [
                ("S02", 2024, "cong_chuc", 90, None),
                ("S02", 2024, "vien_chuc", 12, None),
                ("S02", 2025, "cong_chuc", 88, 85),
                ("S02", 2025, "vien_chuc", 12, 12),
                ("X01", 2024, "cong_chuc", 25, None),
                ("X01", 2024, "vien_chuc", 0, None),
                ("X01", 2025, "cong_chuc", 24, 22),
                ("X01", 2025, "vien_chuc", 0, 0),
                ("X02", 2024, "cong_chuc", 31, None),
                ("X02", 2024, "vien_chuc", 4, None),
                ("X02", 2025, "cong_chuc", 31, 31),
                ("X02", 2025, "vien_chuc", 4, 3),
            ],
        ),
    ],
}

COMMUNES_XLS = [
    ("Xã Hòa Tú", 24, 23),
    ("Phường Ninh Kiều", 31, 30),
    ("Phường Cái Khế", 29, 28),
    ("Xã Phong Điền", 26, 26),
    ("Xã Thới Lai", 27, 25),
    ("Phường Sóc Trăng", 33, 32),
]


def quota_communes_xls() -> bytes:
    """Old-format .xls (Excel 97-2003, as many commune offices still save): civil-servant quota of
    the communes and wards, "Năm 2025" / "Năm 2026" as columns, communes written "Xã …" / "Phường …"
    without "UBND", a title naming the quota kind ("BIÊN CHẾ CÁN BỘ, CÔNG CHỨC CẤP XÃ") and no
    category column. Follows the common habit; no published copy found."""
    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet("Cap xa")
    bold = xlwt.easyxf("font: bold on; align: wrap on, horiz center")
    ws.write(0, 0, "UBND THÀNH PHỐ CẦN THƠ", bold)
    ws.write(2, 0, "BIÊN CHẾ CÔNG CHỨC CẤP XÃ GIAO NĂM 2025 VÀ NĂM 2026", bold)
    ws.write(3, 0, "Đơn vị tính: người")
    for c, h in enumerate(["STT", "Tên xã, phường", "Biên chế công chức được giao", None]):
        if h:
            ws.write(4, c, h, bold)
    ws.write(5, 2, "Năm 2025", bold)
    ws.write(5, 3, "Năm 2026", bold)
    ws.merge(4, 5, 0, 0)
    ws.merge(4, 5, 1, 1)
    ws.merge(4, 4, 2, 3)
    for i, (name, a, b) in enumerate(COMMUNES_XLS):
        ws.write(6 + i, 0, i + 1)
        ws.write(6 + i, 1, name)
        ws.write(6 + i, 2, a)
        ws.write(6 + i, 3, b)
    n = 6 + len(COMMUNES_XLS)
    ws.write(n, 1, "Cộng", bold)
    ws.write(n, 2, sum(a for _, a, _ in COMMUNES_XLS))
    ws.write(n, 3, sum(b for _, _, b in COMMUNES_XLS))
    import io

    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


XLS_EXPECT = {
    "tables": {"quota": 12},
    "db": "units",
    "as_of": None,
    "checks": [
        (
            "SELECT year, count(*), sum(quota_assigned) FROM quota WHERE category = 'cong_chuc' GROUP BY ALL ORDER BY ALL",
            [(2025, 6, 170), (2026, 6, 164)],
        ),
        ("SELECT quota_assigned FROM quota WHERE unit_code = 'X06' AND year = 2026", [(32,)]),
    ],
}

CASES: dict[str, Case] = {
    "bc_bien_che_cantho_2021_2024.xlsx": (quota_cantho_2021_2024, {**OLD_EXPECT, "checks": _old_checks()}),
    "bc_bien_che_nam_theo_dong.xlsx": (quota_cantho_years_as_rows, {**OLD_ROWS_EXPECT, "checks": _old_checks()}),
    "bien_che_khoi_dang_chinh_quyen_2025.xlsx": (quota_khoi_dang_chinh_quyen, KHOI_EXPECT),
    "de_nghi_bien_che_moi_don_vi_mot_sheet.xlsx": (quota_one_sheet_per_unit, PER_UNIT_EXPECT),
    "bien_che_cap_xa_2025_2026.xls": (quota_communes_xls, XLS_EXPECT),
}
