"""A HELD-OUT corpus for the spreadsheet importer: files made without reading the recogniser
(analytics/ingest/, analytics/vocab.py) nor the builders of the tuned corpus (tests/forms/*.py);
only DOMAIN.md §2, §3, §7, §8, the schema and the coded values were read. Each generator's docstring
says which real-world habit it reproduces.

``CASES``: file name -> (builder, expectation), in the format of ``tests/forms/make_forms.py``:
a good file ``{"tables": {table: rows}, "db": "units" | "empty", "as_of": date | None,
"checks": [(sql, rows)]}``; a bad file ``{"db": …, "as_of": …, "words": [...], "cell": (sheet, row,
column letter)}``. Units are named as people write them; where a file needs units that are not in
``UNITS`` it carries its own unit catalogue and loads into an empty database.

Run ``python tests/forms/heldout.py OUTDIR`` to write the files and open them in Excel.
"""

from __future__ import annotations

import csv
import io
import sys
import unicodedata
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import xlwt  # noqa: E402
from openpyxl.worksheet.worksheet import Worksheet  # noqa: E402

from tests.forms.common import (  # noqa: E402,F401
    BOLD,
    CENTER,
    UNITS,
    merge,
    national_block,
    new_book,
    put,
    rows_at,
    seed_units,
    signature,
    to_bytes,
    vn_int,
)
from tests.ingest_helpers import write_cases  # noqa: E402

Case = tuple[Callable[[], bytes], dict[str, Any]]

LCS = 2_340_000  # lương cơ sở in force from 1/7/2024 (DOMAIN.md §6)


def _serial(d: date) -> int:
    """The Excel serial number of a date (1900 system), as a cell shows it when its format is lost."""
    return (d - date(1899, 12, 30)).days


def _nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


def _header(ws: Worksheet, row: int, values: list[Any], col: int = 1) -> None:
    put(ws, row, col, values, bold=True)


# ---------------------------------------------------------------------------------------------
# Quota / headcount
# ---------------------------------------------------------------------------------------------


def quota_moha_rows() -> bytes:
    """Biểu mẫu của Bộ Nội vụ as agencies fill it: ONE numbers column, the categories as ROWS under
    each unit — the unit row (Arabic STT) carries the unit's total, then "- Công chức",
    "- Viên chức", "- Hợp đồng lao động (NĐ 111)" detail rows with "-" in the STT column; Roman
    numeral group rows ("Khối sở, ban, ngành", "Khối xã, phường") with subtotals; TỔNG CỘNG at the
    top, just under the column-number row."""
    wb, ws = new_book("Biểu 01")
    national_block(ws, ["UBND THÀNH PHỐ CẦN THƠ", "SỞ NỘI VỤ"], 4)
    ws["A4"] = "Biểu số 01/BC-BCĐG"
    ws["A5"] = "BÁO CÁO SỐ LƯỢNG BIÊN CHẾ ĐƯỢC GIAO VÀ CÓ MẶT NĂM 2025"
    ws["A6"] = "(Tính đến ngày 31/12/2025)"
    ws["E7"] = "Đơn vị tính: người"
    _header(
        ws,
        8,
        ["STT", "Tên cơ quan, đơn vị / Loại biên chế", "Biên chế được giao năm 2025", "Biên chế có mặt", "Ghi chú"],
    )
    put(ws, 9, 1, ["A", "B", "1", "2", "3"])
    rows = [
        ("", "TỔNG CỘNG", 1397, 1340, None),
        ("I", "Khối sở, ban, ngành", 1357, 1302, None),
        ("1", "Sở Nội vụ", 77, 74, None),
        ("-", "Công chức", 62, 60, None),
        ("-", "Viên chức", 15, 14, None),
        ("2", "Sở Y tế", 1280, 1228, None),
        ("-", "Công chức", 80, 78, None),
        ("-", "Viên chức", 1200, 1150, "Số lượng người làm việc hưởng lương từ NSNN"),
        ("II", "Khối xã, phường", 40, 38, None),
        ("1", "UBND xã Hòa Tú", 25, 24, None),
        ("-", "Công chức", 22, 21, None),
        ("-", "Hợp đồng lao động (NĐ 111)", 3, 3, None),
        ("2", "UBND phường Ninh Kiều", 15, 14, None),
        ("-", "Công chức", 15, 14, None),
    ]
    end = rows_at(ws, 10, rows)
    signature(ws, end + 1, 4, "Cần Thơ, ngày 05 tháng 01 năm 2026", "GIÁM ĐỐC", "Trần Văn Minh")
    return to_bytes(wb)


QUOTA_MOHA_EXPECT = {
    "tables": {"quota": 7},
    "db": "units",
    "as_of": date(2025, 12, 31),
    "checks": [
        (
            "SELECT unit_code, year, category, quota_assigned, present FROM quota ORDER BY unit_code, category",
            [
                ("S01", 2025, "cong_chuc", 62, 60),
                ("S01", 2025, "vien_chuc", 15, 14),
                ("S02", 2025, "cong_chuc", 80, 78),
                ("S02", 2025, "vien_chuc", 1200, 1150),
                ("X01", 2025, "cong_chuc", 22, 21),
                ("X01", 2025, "nguoi_lao_dong", 3, 3),
                ("X02", 2025, "cong_chuc", 15, 14),
            ],
        ),
        ("SELECT sum(quota_assigned), sum(present) FROM quota", [(1397, 1340)]),
    ],
}


def quota_khoi_quan_huyen() -> bytes:
    """A mid-2025 report (before the districts were abolished): two merged column groups
    "Biên chế giao năm 2025" and "Biên chế có mặt đến 30/6/2025", each split into "Công chức" /
    "Viên chức"; sections "A. Khối sở, ngành" and "B. Khối quận, huyện" with "Cộng" subtotal rows
    after each section; numbers typed as text with "." for thousands; the old districts written
    without "(cũ)", as they were called when the report was made."""
    wb, ws = new_book("Tong hop")
    national_block(ws, ["UBND THÀNH PHỐ CẦN THƠ", "SỞ NỘI VỤ"], 5)
    ws["A4"] = "TỔNG HỢP BIÊN CHẾ GIAO VÀ BIÊN CHẾ CÓ MẶT 6 THÁNG ĐẦU NĂM 2025"
    ws["F5"] = "ĐVT: người"
    _header(ws, 6, ["STT", "Cơ quan, đơn vị", "Biên chế giao năm 2025", None, "Biên chế có mặt đến 30/6/2025"])
    _header(ws, 7, [None, None, "Công chức", "Viên chức", "Công chức", "Viên chức"])
    merge(ws, "A6:A7", "B6:B7", "C6:D6", "E6:F6")
    put(ws, 8, 1, ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"])
    rows = [
        ("A", "Khối sở, ngành", None, None, None, None),
        ("1", "Sở Tài chính", "85", "12", "81", "12"),
        ("2", "Văn phòng UBND thành phố", "70", "20", "66", "18"),
        ("", "Cộng", "155", "32", "147", "30"),
        ("B", "Khối quận, huyện", None, None, None, None),
        ("1", "Quận Ninh Kiều", "110", "2.350", "104", "2.298"),
        ("2", "Huyện Phong Điền", "95", "1.480", "90", "1.433"),
        ("", "Cộng", "205", "3.830", "194", "3.731"),
        ("", "Tổng cộng (A+B)", "360", "3.862", "341", "3.761"),
    ]
    end = rows_at(ws, 9, rows)
    ws.cell(end + 1, 1, "Ghi chú: Biên chế có mặt không bao gồm hợp đồng lao động.")
    signature(ws, end + 3, 5, "Cần Thơ, ngày 10 tháng 7 năm 2025", "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC", "Lê Văn Tâm")
    return to_bytes(wb)


QUOTA_KHOI_EXPECT = {
    "tables": {"quota": 8},
    "db": "units",
    "as_of": date(2025, 6, 30),
    "checks": [
        (
            "SELECT unit_code, year, category, quota_assigned, present FROM quota ORDER BY unit_code, category",
            [
                ("H01", 2025, "cong_chuc", 95, 90),
                ("H01", 2025, "vien_chuc", 1480, 1433),
                ("H02", 2025, "cong_chuc", 110, 104),
                ("H02", 2025, "vien_chuc", 2350, 2298),
                ("S04", 2025, "cong_chuc", 85, 81),
                ("S04", 2025, "vien_chuc", 12, 12),
                ("S05", 2025, "cong_chuc", 70, 66),
                ("S05", 2025, "vien_chuc", 20, 18),
            ],
        )
    ],
}


def quota_phuong_viet_tat() -> bytes:
    """A commune-level sheet where the units are abbreviated the way a typist does it: "P. Ninh
    Kiều", "P.Cái Khế" (no space), "X. Hòa Tú", "Xã Phong Điền", "P. Sóc Trăng"; a derived "Còn
    thiếu" column (vacant = giao − có mặt, with a negative value for a ward over quota) that is not
    data; the header says "Biên chế công chức" without the year, the year is in the title."""
    wb, ws = new_book("Cap xa")
    ws["A1"] = "SỞ NỘI VỤ THÀNH PHỐ CẦN THƠ"
    ws["A3"] = "BIÊN CHẾ CÔNG CHỨC CẤP XÃ NĂM 2025"
    ws["A4"] = "(Số liệu đến ngày 30/9/2025)"
    _header(ws, 6, ["Số TT", "Phường, xã", "Biên chế công chức được giao", "Có mặt", "Còn thiếu (+) / Vượt (-)"])
    rows = [
        (1, "P. Ninh Kiều", 40, 37, 3),
        (2, "P.Cái Khế", 38, 39, -1),
        (3, "X. Hòa Tú", 30, 28, 2),
        (4, "Xã Phong Điền", 32, 30, 2),
        (5, "P. Sóc Trăng", 42, 42, "-"),
        (None, "Tổng số", 182, 176, 6),
    ]
    rows_at(ws, 7, rows)
    return to_bytes(wb)


QUOTA_PHUONG_EXPECT = {
    "tables": {"quota": 5},
    "db": "units",
    "as_of": date(2025, 9, 30),
    "checks": [
        (
            "SELECT unit_code, year, category, quota_assigned, present FROM quota ORDER BY unit_code",
            [
                ("X01", 2025, "cong_chuc", 30, 28),
                ("X02", 2025, "cong_chuc", 40, 37),
                ("X03", 2025, "cong_chuc", 38, 39),
                ("X04", 2025, "cong_chuc", 32, 30),
                ("X06", 2025, "cong_chuc", 42, 42),
            ],
        )
    ],
}


def catalogue_loai_hinh() -> bytes:
    """A unit catalogue kept by the Sở's organisation division: "Mã ĐV", "Tên đơn vị", "Loại hình"
    with the values "Phường" / "Xã" / "Sở" / "Đơn vị SN", "Cấp quản lý" as "Cấp tỉnh" / "Cấp xã"
    (the two-level government's words); and a second sheet of 2025 civil-servant quotas that names
    the same units the short way ("P. An Hòa", "Xã Mỹ Khánh", "Sở Xây dựng")."""
    wb, ws = new_book("Danh mục đơn vị")
    ws["A1"] = "DANH MỤC CƠ QUAN, ĐƠN VỊ (cập nhật sau sắp xếp từ 01/7/2025)"
    _header(ws, 3, ["STT", "Mã ĐV", "Tên đơn vị", "Loại hình", "Cấp quản lý", "Ghi chú"])
    rows_at(
        ws,
        4,
        [
            (1, "P001", "Phường An Hòa", "Phường", "Cấp xã", None),
            (2, "P002", "Phường Tân An", "Phường", "Cấp xã", "Hợp nhất phường Tân An, Thới Bình, Xuân Khánh"),
            (3, "X001", "Xã Mỹ Khánh", "Xã", "Cấp xã", None),
            (4, "S007", "Sở Xây dựng", "Sở", "Cấp tỉnh", None),
            (5, "SN01", "Trung tâm Dịch vụ việc làm thành phố", "Đơn vị SN", "Cấp tỉnh", "Trực thuộc Sở Nội vụ"),
        ],
    )
    ws2 = wb.create_sheet("BC cong chuc 2025")
    ws2["A1"] = "BIÊN CHẾ CÔNG CHỨC ĐƯỢC GIAO NĂM 2025"
    _header(ws2, 3, ["TT", "Cơ quan, đơn vị", "Biên chế được giao", "Biên chế có mặt"])
    rows_at(
        ws2,
        4,
        [
            (1, "Sở Xây dựng", 58, 55),
            (2, "P. An Hòa", 36, 33),
            (3, "P. Tân An", 41, 41),
            (4, "Xã Mỹ Khánh", 27, 25),
            (None, "Cộng", 162, 154),
        ],
    )
    return to_bytes(wb)


CATALOGUE_EXPECT = {
    "tables": {"unit": 5, "quota": 4},
    "db": "empty",
    "as_of": date(2025, 12, 31),
    "checks": [
        (
            "SELECT unit_code, name, unit_type, level, commune_kind FROM unit ORDER BY unit_code",
            [
                ("P001", "Phường An Hòa", "ubnd_xa", "commune", "phuong"),
                ("P002", "Phường Tân An", "ubnd_xa", "commune", "phuong"),
                ("S007", "Sở Xây dựng", "so_nganh", "city", None),
                ("SN01", "Trung tâm Dịch vụ việc làm thành phố", "dvsnc", "city", None),
                ("X001", "Xã Mỹ Khánh", "ubnd_xa", "commune", "xa"),
            ],
        ),
        (
            "SELECT unit_code, year, category, quota_assigned, present FROM quota ORDER BY unit_code",
            [
                ("P001", 2025, "cong_chuc", 36, 33),
                ("P002", 2025, "cong_chuc", 41, 41),
                ("S007", 2025, "cong_chuc", 58, 55),
                ("X001", 2025, "cong_chuc", 27, 25),
            ],
        ),
    ],
}


# ---------------------------------------------------------------------------------------------
# Staff lists
# ---------------------------------------------------------------------------------------------

X_MARKS = [  # name, birth, gender, ethnicity, position, category
    ("Nguyễn Thị Mộng Tuyền", date(1988, 3, 12), "nu", "Kinh", "Chủ tịch UBND", "can_bo"),
    ("Lâm Văn Sang", date(1979, 11, 2), "nam", "Khmer", "Phó Chủ tịch UBND", "can_bo"),
    ("Trần Quốc Huy", date(1992, 7, 30), "nam", "Kinh", "Công chức Văn phòng - Thống kê", "cong_chuc"),
    ("Huỳnh Thị Kim Ngân", date(1995, 1, 5), "nu", "Kinh", "Công chức Tài chính - Kế toán", "cong_chuc"),
    ("Thạch Thị Sa Rươl", date(1990, 12, 24), "nu", "Khmer", "Công chức Tư pháp - Hộ tịch", "cong_chuc"),
    ("Đặng Minh Luân", date(1986, 6, 18), "nam", "Kinh", "Công chức Địa chính - Xây dựng", "cong_chuc"),
]


def staff_gender_x() -> bytes:
    """A ward's list where "Giới tính" is a merged header over "Nam" / "Nữ" sub-columns and the
    gender is an "x" (or "X") in one of them; "Ngày sinh" holds bare Excel serial numbers (the date
    format was lost when the sheet was pasted from another file); the category comes from a column
    "Cán bộ/Công chức" with "CB" / "CC"; the unit is only in the title block."""
    wb, ws = new_book("DS")
    national_block(ws, ["UBND PHƯỜNG NINH KIỀU"], 6)
    ws["A4"] = "DANH SÁCH CÁN BỘ, CÔNG CHỨC PHƯỜNG NINH KIỀU"
    ws["A5"] = "Tính đến ngày 31/12/2025"
    _header(ws, 7, ["STT", "Họ và tên", "Ngày sinh", "Giới tính", None, "Dân tộc", "Chức vụ", "Cán bộ/Công chức"])
    _header(ws, 8, [None, None, None, "Nam", "Nữ"])
    merge(ws, "A7:A8", "B7:B8", "C7:C8", "D7:E7", "F7:F8", "G7:G8", "H7:H8")
    r = 9
    for i, (name, born, g, eth, pos, cat) in enumerate(X_MARKS, start=1):
        mark = "x" if i % 3 else "X"
        put(
            ws,
            r,
            1,
            [
                i,
                name,
                _serial(born),
                mark if g == "nam" else None,
                mark if g == "nu" else None,
                eth,
                pos,
                "CB" if cat == "can_bo" else "CC",
            ],
        )
        r += 1
    signature(ws, r + 1, 6, "Ninh Kiều, ngày 02 tháng 01 năm 2026", "CHỦ TỊCH", "Nguyễn Thị Mộng Tuyền")
    return to_bytes(wb)


STAFF_X_EXPECT = {
    "tables": {"person": 6},
    "db": "units",
    "as_of": date(2025, 12, 31),
    "checks": [
        (
            "SELECT full_name, birth_date, gender, ethnicity, category, unit_code FROM person ORDER BY full_name",
            sorted((n, b, g, e.lower(), c, "X02") for n, b, g, e, _p, c in X_MARKS),
        )
    ],
}


CAPS = [  # name, year of birth, gender, grade, coefficient
    ("Phan Thanh Bình", 1975, "Nam", "Chuyên viên chính", "5,08"),
    ("Võ Thị Hồng Nhung", 1983, "Nữ", "Chuyên viên", "3,99"),
    ("Lý Hoàng Phúc", 1990, "Nam", "Chuyên viên", "3,33"),
    ("Ngô Thị Thu Trang", 1997, "Nữ", "Chuyên viên", "2,67"),
    ("Tô Văn Đức", 1968, "Nam", "Kế toán viên chính", "6,10"),
]


def staff_caps_year_only() -> bytes:
    """An agency's civil-servant list with ALL CAPS header cells broken over lines ("HỌ VÀ\\nTÊN",
    "NĂM\\nSINH", "GIỚI\\nTÍNH", "NGẠCH\\nCÔNG CHỨC", "HỆ SỐ\\nLƯƠNG"); only the YEAR of birth is
    known; the coefficient typed with a decimal comma; the category is in the title only."""
    wb, ws = new_book("Sheet1")
    ws["A1"] = "SỞ TÀI CHÍNH THÀNH PHỐ CẦN THƠ"
    ws["A3"] = "DANH SÁCH CÔNG CHỨC SỞ TÀI CHÍNH"
    ws["A4"] = "(Kèm theo Báo cáo số 112/BC-STC ngày 15/12/2025)"
    _header(ws, 6, ["STT", "HỌ VÀ\nTÊN", "NĂM\nSINH", "GIỚI\nTÍNH", "NGẠCH\nCÔNG CHỨC", "HỆ SỐ\nLƯƠNG", "GHI\nCHÚ"])
    put(ws, 7, 1, [1, 2, 3, 4, 5, 6, 7])
    rows_at(ws, 8, [(i, n, y, g, gr, c, None) for i, (n, y, g, gr, c) in enumerate(CAPS, start=1)])
    return to_bytes(wb)


STAFF_CAPS_EXPECT = {
    "tables": {"person": 5},
    "db": "units",
    "as_of": date(2025, 12, 31),
    "checks": [
        (
            "SELECT full_name, year(birth_date), gender, category, salary_coef, unit_code FROM person ORDER BY full_name",
            sorted(
                (n, y, "nam" if g == "Nam" else "nu", "cong_chuc", Decimal(c.replace(",", ".")), "S04")
                for n, y, g, _gr, c in CAPS
            ),
        )
    ],
}


EXTRA = [  # id, name, birth text, gender, category, position, party member, phone
    ("NN-0012", "Trương Văn Lợi", "14/02/1972", "Nam", "Công chức", "Phó Giám đốc Sở", "x", "0913 456 781"),
    ("NN-0027", "Dương Thị Mỹ Linh", "03/09/1985", "Nữ", "Công chức", "Trưởng phòng", "x", "0939 112 233"),
    ("NN-0031", "Châu Minh Khoa", "21/10/1993", "Nam", "Viên chức", None, None, "0907 000 111"),
    ("NN-0044", "Lê Thị Bé Ba", "07/05/1980", "Nữ", "Người lao động", "Nhân viên phục vụ", None, "0292 3821 456"),
]


def staff_extra_columns() -> bytes:
    """An agency list padded with columns the dashboard does not store — "Đảng viên" (x),
    "Số điện thoại", "Email", "Quê quán", "Ghi chú" — between the columns it does store; "Mã số
    CBCCVC" as the person's id; "Loại cán bộ" spelled out; "Ngày, tháng, năm sinh" as dd/mm/yyyy text;
    the unit both in the title and in a column "Đơn vị công tác"."""
    wb, ws = new_book("Danh sach")
    ws["A1"] = "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"
    ws["A3"] = "DANH SÁCH CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC VÀ NGƯỜI LAO ĐỘNG"
    _header(
        ws,
        5,
        [
            "STT",
            "Mã số CBCCVC",
            "Họ và tên",
            "Ngày, tháng, năm sinh",
            "Giới tính",
            "Quê quán",
            "Đảng viên",
            "Số điện thoại",
            "Email",
            "Loại cán bộ",
            "Chức vụ",
            "Đơn vị công tác",
            "Ghi chú",
        ],
    )
    r = 6
    for i, (pid, name, born, g, cat, pos, party, phone) in enumerate(EXTRA, start=1):
        email = f"user{i}@cantho.gov.vn"
        put(
            ws,
            r,
            1,
            [i, pid, name, born, g, "Cần Thơ", party, phone, email, cat, pos, "Sở Nông nghiệp và Môi trường", None],
        )
        r += 1
    return to_bytes(wb)


STAFF_EXTRA_EXPECT = {
    "tables": {"person": 4},
    "db": "units",
    "as_of": date(2025, 12, 31),
    "checks": [
        (
            "SELECT person_id, full_name, birth_date, gender, category, unit_code FROM person ORDER BY person_id",
            [
                ("NN-0012", "Trương Văn Lợi", date(1972, 2, 14), "nam", "cong_chuc", "S06"),
                ("NN-0027", "Dương Thị Mỹ Linh", date(1985, 9, 3), "nu", "cong_chuc", "S06"),
                ("NN-0031", "Châu Minh Khoa", date(1993, 10, 21), "nam", "vien_chuc", "S06"),
                ("NN-0044", "Lê Thị Bé Ba", date(1980, 5, 7), "nu", "nguoi_lao_dong", "S06"),
            ],
        ),
        ("SELECT count(*) FROM person WHERE position IS NOT NULL", [(3,)]),
    ],
}


PER_SHEET = {  # sheet name (= the unit, nowhere else) -> rows (name, birth, gender, grade)
    "Trạm Y tế xã Hòa Tú": [
        ("Kim Thị Sô Phia", "12/08/1987", "Nữ", "Y sĩ hạng IV"),
        ("Trần Văn Tài", "01/01/1979", "Nam", "Bác sĩ hạng III"),
    ],
    "Trạm Y tế phường Ninh Kiều": [
        ("Lưu Ngọc Hân", "30/04/1991", "Nữ", "Điều dưỡng hạng IV"),
        ("Nguyễn Hữu Nghĩa", "15/06/1984", "Nam", "Bác sĩ hạng III"),
        ("Hà Thị Xuân", "22/12/1996", "Nữ", "Hộ sinh hạng IV"),
    ],
    "Trường THPT Châu Văn Liêm": [("Đoàn Minh Trí", "09/09/1981", "Nam", "Giáo viên THPT hạng II")],
}


def staff_sheet_per_unit() -> bytes:
    """One sheet per unit and the unit is ONLY in the sheet's name: each sheet has the same bare
    table (no title, no unit column), as when a clerk copies one sheet per health station / school
    and renames the tab; all are public employees, which the header "Chức danh nghề nghiệp" and
    the first sheet's title row "DANH SÁCH VIÊN CHỨC" say."""
    wb, first = new_book("Tổng hợp")
    first["A1"] = "DANH SÁCH VIÊN CHỨC CÁC ĐƠN VỊ SỰ NGHIỆP (tính đến 31/12/2025)"
    first["A2"] = "Chi tiết từng đơn vị xem ở các sheet kèm theo."
    for title, people in PER_SHEET.items():
        ws = wb.create_sheet(title)
        _header(ws, 1, ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Chức danh nghề nghiệp", "Loại"])
        rows_at(ws, 2, [(i, n, b, g, gr, "Viên chức") for i, (n, b, g, gr) in enumerate(people, start=1)])
    return to_bytes(wb)


def _d(s: str) -> date:
    d, m, y = (int(x) for x in s.split("/"))
    return date(y, m, d)


STAFF_SHEETS_EXPECT = {
    "tables": {"person": 6},
    "db": "units",
    "as_of": date(2025, 12, 31),
    "checks": [
        (
            "SELECT unit_code, full_name, birth_date, gender, category FROM person ORDER BY unit_code, full_name",
            sorted(
                (code, n, _d(b), "nam" if g == "Nam" else "nu", "vien_chuc")
                for code, people in zip(("D03", "D04", "D01"), PER_SHEET.values(), strict=True)
                for n, b, g, _ in people
            ),
        )
    ],
}


NFD_PEOPLE = [  # name (old tone placement kept in one), birth, gender, category
    ("Nguyễn Thị Thuỷ", "05/05/1989", "Nữ", "Công chức"),
    ("Trần Văn Hoà", "17/11/1977", "Nam", "Cán bộ"),
    ("Phạm Ngọc Ánh", "28/02/1994", "Nữ", "Công chức"),
]


def staff_nfd() -> bytes:
    """A list typed on a Mac / copied from a PDF: every text cell (title, headers, names, values)
    is in Unicode NFD (decomposed tone marks), and the names keep the old tone placement
    ("Thuỷ", "Hoà"). Stored names are expected in NFC, letter for letter otherwise."""
    wb, ws = new_book("DS")
    ws["A1"] = _nfd("ỦY BAN NHÂN DÂN XÃ THỚI LAI")
    ws["A3"] = _nfd("DANH SÁCH CÁN BỘ, CÔNG CHỨC XÃ THỚI LAI")
    ws["A4"] = _nfd("Tính đến ngày 31/12/2025")
    _header(ws, 6, [_nfd(h) for h in ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Đối tượng", "Dân tộc"]])
    rows_at(ws, 7, [(i, _nfd(n), b, _nfd(g), _nfd(c), "Kinh") for i, (n, b, g, c) in enumerate(NFD_PEOPLE, start=1)])
    return to_bytes(wb)


STAFF_NFD_EXPECT = {
    "tables": {"person": 3},
    "db": "units",
    "as_of": date(2025, 12, 31),
    "checks": [
        (
            "SELECT full_name, birth_date, gender, category, unit_code FROM person ORDER BY birth_date",
            [
                ("Trần Văn Hoà", date(1977, 11, 17), "nam", "can_bo", "X05"),
                ("Nguyễn Thị Thuỷ", date(1989, 5, 5), "nu", "cong_chuc", "X05"),
                ("Phạm Ngọc Ánh", date(1994, 2, 28), "nu", "cong_chuc", "X05"),
            ],
        )
    ],
}


# ---------------------------------------------------------------------------------------------
# Payroll
# ---------------------------------------------------------------------------------------------

PAY: list[tuple[Any, ...]] = [  # name, position, coef, PCCV coef, vượt khung coef
    ("Nguyễn Văn An", "Giám đốc", Decimal("6.92"), Decimal("1.00"), Decimal("0")),
    ("Trần Thị Bình", "Phó Giám đốc", Decimal("6.56"), Decimal("0.80"), Decimal("0")),
    ("Lê Văn Cường", "Trưởng phòng", Decimal("5.08"), Decimal("0.60"), Decimal("0")),
    ("Phạm Thị Dung", "Chuyên viên", Decimal("4.98"), Decimal("0"), Decimal("0.249")),
    ("Võ Minh Em", "Chuyên viên", Decimal("3.33"), Decimal("0"), Decimal("0")),
]


def _vnd(coef: Decimal) -> int:
    return int(coef * LCS)


def payroll_thang_11() -> bytes:
    """A treasury-style payroll "BẢNG THANH TOÁN TIỀN LƯƠNG THÁNG 11 NĂM 2025": a merged "Hệ số"
    group ("Lương ngạch bậc", "PCCV", "Vượt khung", "Cộng"), a merged "Thành tiền" group with the
    same split as FORMULAS (=coef*lương cơ sở, the cached values stored as Excel stores them), a
    deduction block "Các khoản khấu trừ" (BHXH 8 %, BHYT 1,5 %, BHTN 1 %, Cộng), "Thực lĩnh", a
    "Ký nhận" column left blank for signatures, a "Cộng" row. The gross (before deductions) is the
    total; the net is not."""
    wb, ws = new_book("Luong T11")
    ws["A1"] = "Đơn vị: Sở Nội vụ thành phố Cần Thơ"
    ws["A2"] = "Mã ĐVQHNS: 1234567"
    ws["A4"] = "BẢNG THANH TOÁN TIỀN LƯƠNG THÁNG 11 NĂM 2025"
    ws["A5"] = "Mức lương cơ sở: 2.340.000 đồng"
    hdr1 = [
        "STT",
        "Họ và tên",
        "Chức vụ",
        "Hệ số",
        None,
        None,
        None,
        "Thành tiền",
        None,
        None,
        None,
        "Các khoản khấu trừ",
        None,
        None,
        None,
        "Thực lĩnh",
        "Ký nhận",
    ]
    hdr2 = [
        None,
        None,
        None,
        "Lương ngạch bậc",
        "PCCV",
        "Vượt khung",
        "Cộng",
        "Lương ngạch bậc",
        "PCCV",
        "Vượt khung",
        "Tổng cộng",
        "BHXH (8%)",
        "BHYT (1,5%)",
        "BHTN (1%)",
        "Cộng",
        None,
        None,
    ]
    _header(ws, 7, hdr1)
    _header(ws, 8, hdr2)
    merge(ws, "A7:A8", "B7:B8", "C7:C8", "D7:G7", "H7:K7", "L7:O7", "P7:P8", "Q7:Q8")
    put(ws, 9, 1, ["A", "B", "C"] + [str(i) for i in range(1, 15)])
    cached: dict[tuple[str, str], Any] = {}
    r = 10
    for i, (name, pos, coef, pccv, vk) in enumerate(PAY, start=1):
        basic, lead, sen = _vnd(coef), _vnd(pccv), _vnd(vk)
        gross = basic + lead + sen
        bhxh, bhyt, bhtn = round(gross * 0.08), round(gross * 0.015), round(gross * 0.01)
        ded = bhxh + bhyt + bhtn
        put(
            ws,
            r,
            1,
            [
                i,
                name,
                pos,
                float(coef),
                float(pccv) or None,
                float(vk) or None,
                f"=D{r}+E{r}+F{r}",
                f"=D{r}*2340000",
                f"=E{r}*2340000",
                f"=F{r}*2340000",
                f"=H{r}+I{r}+J{r}",
                bhxh,
                bhyt,
                bhtn,
                f"=L{r}+M{r}+N{r}",
                f"=K{r}-O{r}",
                None,
            ],
        )
        for col, v in (
            ("G", coef + pccv + vk),
            ("H", basic),
            ("I", lead),
            ("J", sen),
            ("K", gross),
            ("O", ded),
            ("P", gross - ded),
        ):
            cached[("Luong T11", f"{col}{r}")] = v
        r += 1
    put(ws, r, 2, ["Cộng"])
    for col in "DEFGHIJKLMNOP":
        ws[f"{col}{r}"] = f"=SUM({col}10:{col}{r - 1})"
    totals: dict[str, Any] = {
        "D": sum(p[2] for p in PAY),
        "E": sum(p[3] for p in PAY),
        "F": sum(p[4] for p in PAY),
    }
    totals["G"] = totals["D"] + totals["E"] + totals["F"]
    for col, src in (("H", "D"), ("I", "E"), ("J", "F")):
        totals[col] = sum(_vnd(p["DEF".index(src) + 2]) for p in PAY)
    totals["K"] = totals["H"] + totals["I"] + totals["J"]
    for col, rate in (("L", 0.08), ("M", 0.015), ("N", 0.01)):
        totals[col] = sum(round((_vnd(p[2]) + _vnd(p[3]) + _vnd(p[4])) * rate) for p in PAY)
    totals["O"] = totals["L"] + totals["M"] + totals["N"]
    totals["P"] = totals["K"] - totals["O"]
    for col, v in totals.items():
        cached[("Luong T11", f"{col}{r}")] = v
    ws.cell(r + 1, 2, "Số tiền bằng chữ: (theo dòng Thực lĩnh)")
    signature(
        ws,
        r + 3,
        12,
        "Cần Thơ, ngày 25 tháng 11 năm 2025",
        "THỦ TRƯỞNG ĐƠN VỊ",
        "Trần Văn Minh",
        left="KẾ TOÁN TRƯỞNG",
        left_name="Lê Thị Thu",
        recipients=False,
    )
    return to_bytes(wb, cached)


# By hand: basic 16.192.800 + 15.350.400 + 11.887.200 + 11.653.200 + 7.792.200 = 62.875.800;
# PCCV 2.340.000 + 1.872.000 + 1.404.000 = 5.616.000; vượt khung 0,249 × 2.340.000 = 582.660;
# gross 62.875.800 + 5.616.000 + 582.660 = 69.074.460.
PAYROLL_11_EXPECT = {
    "tables": {"payroll": 5},
    "db": "units",
    "as_of": None,
    "checks": [
        (
            "SELECT month, unit_code, count(*), sum(salary_coef), min(base_salary_vnd), max(base_salary_vnd), "
            "sum(basic_salary_vnd), sum(allowance_leadership_vnd), sum(allowance_seniority_vnd), sum(total_vnd) "
            "FROM payroll GROUP BY ALL",
            [(date(2025, 11, 1), "S01", 5, Decimal("26.87"), LCS, LCS, 62_875_800, 5_616_000, 582_660, 69_074_460)],
        ),
        (
            "SELECT salary_coef, basic_salary_vnd, allowance_leadership_vnd, allowance_seniority_vnd, total_vnd "
            "FROM payroll ORDER BY salary_coef DESC",
            [
                (Decimal("6.92"), 16_192_800, 2_340_000, 0, 18_532_800),
                (Decimal("6.56"), 15_350_400, 1_872_000, 0, 17_222_400),
                (Decimal("5.08"), 11_887_200, 1_404_000, 0, 13_291_200),
                (Decimal("4.98"), 11_653_200, 0, 582_660, 12_235_860),
                (Decimal("3.33"), 7_792_200, 0, 0, 7_792_200),
            ],
        ),
    ],
}


XLS_PAY = [  # name, coef, occupational allowance % (ưu đãi nghề y tế)
    ("Kim Thị Sô Phia", Decimal("2.46"), 40),
    ("Trần Văn Tài", Decimal("3.66"), 40),
    ("Lý Thị Mai", Decimal("1.86"), 30),
]


def payroll_xls_tram_y_te() -> bytes:
    """An old-format .xls payroll from a commune health station (Excel 97-2003, still common): the
    month in a separate line "Tháng 10/2025" under the title; "HSL" as the coefficient header;
    "PC ưu đãi nghề" as a percentage column then its amount; "Tổng thu nhập"; numbers stored as
    text with "." thousands separators, as exported by an accounting program."""
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("Luong")
    ws.write(0, 0, "TRẠM Y TẾ XÃ HÒA TÚ")
    ws.write(2, 0, "BẢNG LƯƠNG VÀ PHỤ CẤP")
    ws.write(3, 0, "Tháng 10/2025")
    hdr = [
        "STT",
        "Họ tên",
        "HSL",
        "Lương theo HSL (đồng)",
        "PC ưu đãi nghề (%)",
        "Tiền PC ưu đãi nghề",
        "Tổng thu nhập",
        "Ký nhận",
    ]
    for c, h in enumerate(hdr):
        ws.write(5, c, h)
    tot = [0, 0, 0]
    for i, (name, coef, pct) in enumerate(XLS_PAY, start=1):
        basic = _vnd(coef)
        occ = basic * pct // 100
        tot = [tot[0] + basic, tot[1] + occ, tot[2] + basic + occ]
        for c, v in enumerate(
            [i, name, f"{coef}".replace(".", ","), vn_int(basic), pct, vn_int(occ), vn_int(basic + occ), ""]
        ):
            ws.write(5 + i, c, v)
    r = 6 + len(XLS_PAY)
    ws.write(r, 1, "Tổng cộng")
    ws.write(r, 3, vn_int(tot[0]))
    ws.write(r, 5, vn_int(tot[1]))
    ws.write(r, 6, vn_int(tot[2]))
    ws.write(r + 2, 5, "Hòa Tú, ngày 28 tháng 10 năm 2025")
    ws.write(r + 3, 5, "TRƯỞNG TRẠM")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# By hand: 2,46 × 2.340.000 = 5.756.400, 40 % = 2.302.560; 3,66 → 8.564.400, 40 % = 3.425.760;
# 1,86 → 4.352.400, 30 % = 1.305.720. Basic 18.673.200; occupational 7.034.040; total 25.707.240.
PAYROLL_XLS_EXPECT = {
    "tables": {"payroll": 3},
    "db": "units",
    "as_of": None,
    "checks": [
        (
            "SELECT month, unit_code, count(*), sum(basic_salary_vnd), sum(allowance_occupational_vnd), sum(total_vnd) "
            "FROM payroll GROUP BY ALL",
            [(date(2025, 10, 1), "D03", 3, 18_673_200, 7_034_040, 25_707_240)],
        )
    ],
}


# ---------------------------------------------------------------------------------------------
# Reduction
# ---------------------------------------------------------------------------------------------

ND178 = [  # name, birth year, gender, unit as written, category, route as written, effective, payout
    (
        "Huỳnh Văn Nhân",
        1967,
        "Nam",
        "UBND xã Phong Điền",
        "Cán bộ",
        "Nghỉ hưu trước tuổi (Điều 7)",
        "01/08/2025",
        "1.250.400.000",
    ),
    ("Trịnh Thị Lan", 1972, "Nữ", "Sở Y tế", "Công chức", "Nghỉ hưu trước tuổi (Điều 7)", "01/09/2025", "986.700.500"),
    (
        "Mai Văn Phong",
        1985,
        "Nam",
        "Văn phòng UBND thành phố",
        "Công chức",
        "Nghỉ thôi việc",
        "01/08/2025",
        "712.000.000",
    ),
    (
        "Đỗ Thị Hạnh",
        1990,
        "Nữ",
        "Bệnh viện Đa khoa thành phố Cần Thơ",
        "Viên chức",
        "Nghỉ thôi việc (Điều 9)",
        "01/10/2025",
        "455.300.000",
    ),
]


def reduction_nd178() -> bytes:
    """The list attached to a decision under Decree 178/2024 (amended by 67/2025): "Năm sinh"
    split into "Nam" / "Nữ" sub-columns holding the YEAR; "Hình thức nghỉ việc" with the article
    in brackets ("Nghỉ hưu trước tuổi (Điều 7)", "Nghỉ thôi việc"); "Thời điểm nghỉ việc" as
    dd/mm/yyyy text; "Tổng kinh phí (đồng)" as text with "." thousands; a "Tổng cộng" row."""
    wb, ws = new_book("DS ND178")
    national_block(ws, ["UBND THÀNH PHỐ CẦN THƠ"], 7)
    ws["A4"] = (
        "DANH SÁCH CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC NGHỈ VIỆC THEO NGHỊ ĐỊNH SỐ 178/2024/NĐ-CP "
        "(được sửa đổi, bổ sung bởi Nghị định số 67/2025/NĐ-CP)"
    )
    ws["A5"] = "(Kèm theo Quyết định số 2150/QĐ-UBND ngày 25/7/2025 của Chủ tịch UBND thành phố)"
    _header(
        ws,
        7,
        [
            "STT",
            "Họ và tên",
            "Năm sinh",
            None,
            "Cơ quan, đơn vị",
            "Đối tượng",
            "Hình thức nghỉ việc",
            "Thời điểm nghỉ việc",
            "Tổng kinh phí (đồng)",
        ],
    )
    _header(ws, 8, [None, None, "Nam", "Nữ"])
    merge(ws, "A7:A8", "B7:B8", "C7:D7", "E7:E8", "F7:F8", "G7:G8", "H7:H8", "I7:I8")
    r = 9
    for i, (name, y, g, unit, cat, route, eff, pay) in enumerate(ND178, start=1):
        put(ws, r, 1, [i, name, y if g == "Nam" else None, y if g == "Nữ" else None, unit, cat, route, eff, pay])
        r += 1
    put(ws, r, 2, ["Tổng cộng: 04 người"])
    ws.cell(r, 9, "3.404.400.500")
    return to_bytes(wb)


ND178_EXPECT = {
    "tables": {"reduction_case": 4},
    "db": "units",
    "as_of": date(2025, 12, 31),
    "checks": [
        (
            "SELECT full_name, unit_code, category, programme, route, year, effective_date, payout_vnd "
            "FROM reduction_case ORDER BY full_name",
            sorted(
                [
                    (
                        "Huỳnh Văn Nhân",
                        "X04",
                        "can_bo",
                        "sap_xep_2025",
                        "nghi_huu_truoc_tuoi",
                        2025,
                        date(2025, 8, 1),
                        1_250_400_000,
                    ),
                    (
                        "Trịnh Thị Lan",
                        "S02",
                        "cong_chuc",
                        "sap_xep_2025",
                        "nghi_huu_truoc_tuoi",
                        2025,
                        date(2025, 9, 1),
                        986_700_500,
                    ),
                    (
                        "Mai Văn Phong",
                        "S05",
                        "cong_chuc",
                        "sap_xep_2025",
                        "thoi_viec",
                        2025,
                        date(2025, 8, 1),
                        712_000_000,
                    ),
                    (
                        "Đỗ Thị Hạnh",
                        "D02",
                        "vien_chuc",
                        "sap_xep_2025",
                        "thoi_viec",
                        2025,
                        date(2025, 10, 1),
                        455_300_000,
                    ),
                ]
            ),
        ),
        ("SELECT sum(payout_vnd) FROM reduction_case", [(3_404_400_500,)]),
    ],
}


def reduction_nd29() -> bytes:
    """A Decree 29/2023 summary BY PERSON for the 2022-2026 programme: one row per person with
    "Lý do tinh giản" in long words (the clause of Decree 29), "Chính sách được hưởng" as the route
    ("Nghỉ hưu trước tuổi", "Thôi việc ngay", "Chuyển sang làm việc tại tổ chức không hưởng lương
    thường xuyên từ NSNN"), "Số, ngày quyết định" in ONE cell ("125/QĐ-UBND ngày 15/3/2023"),
    and "Đợt" as the period ("Đợt 1 năm 2023")."""
    wb, ws = new_book("Tinh gian")
    ws["A1"] = "SỞ NỘI VỤ"
    ws["A3"] = "TỔNG HỢP DANH SÁCH ĐỐI TƯỢNG TINH GIẢN BIÊN CHẾ THEO NGHỊ ĐỊNH SỐ 29/2023/NĐ-CP"
    ws["A4"] = "Giai đoạn 2022 - 2026"
    _header(
        ws,
        6,
        [
            "STT",
            "Họ và tên",
            "Đơn vị công tác",
            "Công chức/Viên chức",
            "Lý do tinh giản",
            "Chính sách được hưởng",
            "Đợt",
            "Số, ngày quyết định",
        ],
    )
    rows_at(
        ws,
        7,
        [
            (
                1,
                "Lê Thị Kim Chi",
                "Sở Giáo dục và Đào tạo",
                "Công chức",
                "Dôi dư do sắp xếp lại tổ chức bộ máy (điểm a khoản 1 Điều 2)",
                "Nghỉ hưu trước tuổi",
                "Đợt 1 năm 2023",
                "125/QĐ-UBND ngày 15/3/2023",
            ),
            (
                2,
                "Nguyễn Văn Hậu",
                "Trường THPT Châu Văn Liêm",
                "Viên chức",
                "Có 02 năm liên tiếp được xếp loại chất lượng ở mức hoàn thành nhiệm vụ (điểm c khoản 1 Điều 2)",
                "Thôi việc ngay",
                "Đợt 1 năm 2023",
                "125/QĐ-UBND ngày 15/3/2023",
            ),
            (
                3,
                "Quách Thị Mỹ",
                "Bệnh viện Đa khoa thành phố Cần Thơ",
                "Viên chức",
                "Dôi dư do đơn vị sự nghiệp chuyển sang tự chủ",
                "Chuyển sang làm việc tại tổ chức không hưởng lương thường xuyên từ NSNN",
                "Đợt 2 năm 2024",
                "88/QĐ-UBND ngày 20/5/2024",
            ),
        ],
    )
    return to_bytes(wb)


ND29_EXPECT = {
    "tables": {"reduction_case": 3},
    "db": "units",
    "as_of": date(2024, 6, 30),
    "checks": [
        (
            "SELECT full_name, unit_code, category, programme, route, year, decision_date "
            "FROM reduction_case ORDER BY full_name",
            sorted(
                [
                    (
                        "Lê Thị Kim Chi",
                        "S03",
                        "cong_chuc",
                        "tinh_gian_2022_2026",
                        "nghi_huu_truoc_tuoi",
                        2023,
                        date(2023, 3, 15),
                    ),
                    ("Nguyễn Văn Hậu", "D01", "vien_chuc", "tinh_gian_2022_2026", "thoi_viec", 2023, date(2023, 3, 15)),
                    (
                        "Quách Thị Mỹ",
                        "D02",
                        "vien_chuc",
                        "tinh_gian_2022_2026",
                        "chuyen_ngoai_nsnn",
                        2024,
                        date(2024, 5, 20),
                    ),
                ]
            ),
        )
    ],
}


# ---------------------------------------------------------------------------------------------
# Secondment
# ---------------------------------------------------------------------------------------------

SEC = [  # name, sending as written, receiving as written, months, from, to
    ("Phạm Quốc Việt", "Sở Nội vụ", "UBND xã Hòa Tú", 36, "08/2025", "07/2028"),
    ("Lê Ngọc Bích", "Sở Tài chính", "Phường Cái Khế", 36, "08/2025", "07/2028"),
    ("Sơn Thị Sa Ly", "Sở Y tế", "Xã Thới Lai", 36, "09/2025", "08/2028"),
]


def secondment_thang_nam() -> bytes:
    """A secondment list after Kế hoạch 10/KH-UBND: "Thời gian tăng cường (tháng)" = 36, then the
    period as "Từ tháng/năm" / "Đến tháng/năm" with "08/2025"-style text (month precision only: a
    posting runs from the first day of its first month to the last day of its last month);
    sending agency and receiving commune written as people write them; no person id."""
    wb, ws = new_book("Tang cuong")
    national_block(ws, ["UBND THÀNH PHỐ CẦN THƠ", "SỞ NỘI VỤ"], 6)
    ws["A4"] = "DANH SÁCH CÔNG CHỨC TĂNG CƯỜNG VỀ CƠ SỞ THEO KẾ HOẠCH SỐ 10/KH-UBND NGÀY 29/7/2025"
    _header(
        ws,
        6,
        [
            "STT",
            "Họ và tên",
            "Cơ quan cử đi",
            "Xã, phường được tăng cường",
            "Thời gian tăng cường (tháng)",
            "Thời gian",
            None,
            "Ghi chú",
        ],
    )
    _header(ws, 7, [None, None, None, None, None, "Từ tháng/năm", "Đến tháng/năm"])
    merge(ws, "A6:A7", "B6:B7", "C6:C7", "D6:D7", "E6:E7", "F6:G6", "H6:H7")
    rows_at(ws, 8, [(i, *s) for i, s in enumerate(SEC, start=1)])
    return to_bytes(wb)


SEC_EXPECT = {
    "tables": {"secondment": 3},
    "db": "units",
    "as_of": date(2025, 12, 31),
    "checks": [
        (
            "SELECT sending_unit_code, receiving_unit_code, start_date, planned_end_date, actual_end_date "
            "FROM secondment ORDER BY sending_unit_code",
            [
                ("S01", "X01", date(2025, 8, 1), date(2028, 7, 31), None),
                ("S02", "X05", date(2025, 9, 1), date(2028, 8, 31), None),
                ("S04", "X03", date(2025, 8, 1), date(2028, 7, 31), None),
            ],
        )
    ],
}


# ---------------------------------------------------------------------------------------------
# Training
# ---------------------------------------------------------------------------------------------

COURSES = [  # course, unit, field in words, location, from, to, participants, committed, spent, funding
    (
        "Bồi dưỡng kiến thức kinh tế và pháp luật cho công chức cấp xã",
        "UBND xã Hòa Tú",
        "Kinh tế, pháp luật",
        "Trong nước",
        "10/09/2025",
        "19/09/2025",
        35,
        "70.000.000",
        "68.500.000",
        "5% quỹ lương (KH 10/KH-UBND)",
        "kinh_te_phap_luat",
        "trong_nuoc",
        "tai_co_cau_5pct",
    ),
    (
        "Chuyển đổi số và ứng dụng AI trong quản lý nhà nước",
        "Sở Nội vụ",
        "Công nghiệp ứng dụng công nghệ cao và công nghệ thông tin",
        "Trong nước",
        "06/10/2025",
        "10/10/2025",
        20,
        "120.000.000",
        "0",
        "5% quỹ lương (KH 10/KH-UBND)",
        "cong_nghe_cao_cntt",
        "trong_nuoc",
        "tai_co_cau_5pct",
    ),
    (
        "Khảo sát mô hình nông nghiệp ứng dụng công nghệ cao tại Israel",
        "Sở Nông nghiệp và Môi trường",
        "Nông nghiệp ứng dụng công nghệ cao",
        "Nước ngoài",
        "02/11/2025",
        "12/11/2025",
        6,
        "900.000.000",
        "875.250.000",
        "5% quỹ lương (KH 10/KH-UBND)",
        "nong_nghiep_cnc",
        "nuoc_ngoai",
        "tai_co_cau_5pct",
    ),
    (
        "Quản lý chuỗi cung ứng và logistics",
        "Ban Quản lý các khu chế xuất và công nghiệp",
        "Logistics",
        "Nước ngoài",
        "15/11/2025",
        "22/11/2025",
        4,
        "480.000.000",
        "462.000.000",
        "Kinh phí thường xuyên",
        "logistics",
        "nuoc_ngoai",
        "thuong_xuyen",
    ),
    (
        "Trung cấp lý luận chính trị - hành chính",
        "UBND phường Ninh Kiều",
        "Lý luận chính trị",
        "Trong nước",
        "01/07/2025",
        "30/12/2025",
        12,
        "96.000.000",
        "96.000.000",
        "Kinh phí thường xuyên",
        "ly_luan_chinh_tri",
        "trong_nuoc",
        "thuong_xuyen",
    ),
    (
        "Can thiệp tim mạch chuyên sâu",
        "Bệnh viện Đa khoa thành phố Cần Thơ",
        "Y tế chuyên sâu",
        "Trong nước",
        "01/08/2025",
        "31/10/2025",
        3,
        "150.000.000",
        "150.000.000",
        "5% quỹ lương (KH 10/KH-UBND)",
        "y_te_chuyen_sau",
        "trong_nuoc",
        "tai_co_cau_5pct",
    ),
]


def training_hinh_thuc() -> bytes:
    """A training results report by course: "Hình thức (trong nước/nước ngoài)" as a column,
    "Lĩnh vực đào tạo" in the words of the plan ("Kinh tế, pháp luật", "Công nghiệp ứng dụng
    công nghệ cao và công nghệ thông tin", "Y tế chuyên sâu", …), "Thời gian" merged over "Từ ngày" /
    "Đến ngày", "Kinh phí (đồng)" merged over "Dự toán" / "Đã chi" (text with "."), "Nguồn kinh
    phí", a Roman-numeral group row per funding source and a "Tổng cộng" row."""
    wb, ws = new_book("Đào tạo 2025")
    national_block(ws, ["UBND THÀNH PHỐ CẦN THƠ", "SỞ NỘI VỤ"], 8)
    ws["A4"] = "BÁO CÁO KẾT QUẢ ĐÀO TẠO, BỒI DƯỠNG CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC NĂM 2025"
    _header(
        ws,
        6,
        [
            "STT",
            "Tên lớp/khóa đào tạo, bồi dưỡng",
            "Đơn vị cử",
            "Lĩnh vực đào tạo",
            "Hình thức (trong nước/nước ngoài)",
            "Thời gian",
            None,
            "Số người tham gia",
            "Kinh phí (đồng)",
            None,
            "Nguồn kinh phí",
        ],
    )
    _header(ws, 7, [None] * 5 + ["Từ ngày", "Đến ngày", None, "Dự toán", "Đã chi"])
    merge(ws, "A6:A7", "B6:B7", "C6:C7", "D6:D7", "E6:E7", "F6:G6", "H6:H7", "I6:J6", "K6:K7")
    r = 8
    put(ws, r, 1, ["I", "Kinh phí tái cơ cấu (5% quỹ lương cơ bản)"])
    r += 1
    n = 1
    for c in [c for c in COURSES if c[9].startswith("5%")]:
        put(ws, r, 1, [n, *c[:10]])
        r += 1
        n += 1
    put(ws, r, 1, ["II", "Kinh phí thường xuyên"])
    r += 1
    n = 1
    for c in [c for c in COURSES if not c[9].startswith("5%")]:
        put(ws, r, 1, [n, *c[:10]])
        r += 1
        n += 1
    put(ws, r, 2, ["Tổng cộng"])
    put(ws, r, 8, [80, "1.816.000.000", "1.651.750.000"])
    return to_bytes(wb)


def _money(s: str) -> int:
    return int(s.replace(".", ""))


TRAINING_EXPECT = {
    "tables": {"training": 6},
    "db": "units",
    "as_of": date(2025, 12, 31),
    "checks": [
        (
            "SELECT unit_code, field, location, funding, start_date, end_date, participants, cost_committed_vnd, "
            "cost_spent_vnd, person_id FROM training ORDER BY unit_code",
            sorted(
                (code, c[10], c[11], c[12], _d(c[4]), _d(c[5]), c[6], _money(c[7]), _money(c[8]), None)
                for code, c in zip(("X01", "S01", "S06", "K01", "X02", "D02"), COURSES, strict=True)
            ),
        ),
        (
            "SELECT sum(participants), sum(cost_committed_vnd), sum(cost_spent_vnd) FROM training",
            [(80, 1_816_000_000, 1_651_750_000)],
        ),
    ],
}


CSV_ROWS = [  # id, name, unit, course, field, form, from, to, cost, funding
    (
        "VP-001",
        "Nguyễn Thanh Sơn",
        "Văn phòng UBND thành phố",
        "Bồi dưỡng ngạch chuyên viên chính",
        "Quản lý nhà nước theo ngạch chuyên viên chính",
        "Trong nước",
        "03/03/2025",
        "28/03/2025",
        "8.500.000",
        "Thường xuyên",
    ),
    (
        "VP-002",
        "Trần Thị Ngọc Hà",
        "Văn phòng UBND thành phố",
        "Thạc sĩ Luật kinh tế",
        "Kinh tế, pháp luật",
        "Trong nước",
        "15/09/2025",
        "",
        "45.000.000",
        "Tái cơ cấu 5%",
    ),
    (
        "TU-003",
        "Lê Hoàng Long",
        "Văn phòng Thành ủy",
        "Cao cấp lý luận chính trị",
        "Lý luận chính trị",
        "Trong nước",
        "10/04/2025",
        "10/12/2025",
        "32.000.000",
        "Thường xuyên",
    ),
]


def training_csv_per_person() -> bytes:
    """A per-person training list exported from an HR program as CSV (UTF-8 with BOM, ";" as the
    separator, as Excel writes it under a Vietnamese locale); an empty "Đến ngày" for a course
    still running; "Nguồn KP" as a short word ("Thường xuyên" / "Tái cơ cấu 5%")."""
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    w.writerow(
        [
            "STT",
            "Mã CBCC",
            "Họ và tên",
            "Đơn vị",
            "Tên khóa học",
            "Lĩnh vực",
            "Hình thức",
            "Từ ngày",
            "Đến ngày",
            "Kinh phí (đồng)",
            "Nguồn KP",
        ]
    )
    for i, r in enumerate(CSV_ROWS, start=1):
        w.writerow([i, *r])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


TRAINING_CSV_EXPECT = {
    "tables": {"training": 3},
    "db": "units",
    "as_of": date(2025, 12, 31),
    "checks": [
        (
            "SELECT person_id, unit_code, field, location, funding, start_date, end_date, participants "
            "FROM training ORDER BY person_id",
            [
                (
                    "TU-003",
                    "K02",
                    "ly_luan_chinh_tri",
                    "trong_nuoc",
                    "thuong_xuyen",
                    date(2025, 4, 10),
                    date(2025, 12, 10),
                    1,
                ),
                (
                    "VP-001",
                    "S05",
                    "qlnn_theo_ngach",
                    "trong_nuoc",
                    "thuong_xuyen",
                    date(2025, 3, 3),
                    date(2025, 3, 28),
                    1,
                ),
                ("VP-002", "S05", "kinh_te_phap_luat", "trong_nuoc", "tai_co_cau_5pct", date(2025, 9, 15), None, 1),
            ],
        ),
        ("SELECT sum(greatest(cost_spent_vnd, cost_committed_vnd)) FROM training", [(85_500_000,)]),
    ],
}


# ---------------------------------------------------------------------------------------------
# Bad files: one clear fault each, in one named cell
# ---------------------------------------------------------------------------------------------


def bad_gender_khong_ro() -> bytes:
    """A staff list where one "Giới tính" cell says "Không rõ" (row 9, column D)."""
    wb, ws = new_book("DS")
    ws["A1"] = "UBND XÃ PHONG ĐIỀN"
    ws["A3"] = "DANH SÁCH CÔNG CHỨC XÃ PHONG ĐIỀN"
    _header(ws, 6, ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Loại cán bộ"])
    rows_at(
        ws,
        7,
        [
            (1, "Võ Văn Kiệt", "12/01/1980", "Nam", "Kinh", "Công chức"),
            (2, "Lê Thị Mận", "03/04/1987", "Nữ", "Kinh", "Công chức"),
            (3, "Trần Văn Bảy", "20/10/1991", "Không rõ", "Kinh", "Công chức"),
            (4, "Ngô Thị Tám", "08/08/1993", "Nữ", "Kinh", "Công chức"),
        ],
    )
    return to_bytes(wb)


def bad_quota_fraction() -> bytes:
    """A quota table where one assigned civil-servant quota is "12,5" — half a person (row 9,
    column C). Year and category are in the header as well as the title, so that is the one fault."""
    wb, ws = new_book("Bien che")
    ws["A1"] = "BIÊN CHẾ CÔNG CHỨC ĐƯỢC GIAO NĂM 2025"
    _header(ws, 4, ["STT", "Cơ quan, đơn vị", "Biên chế giao năm 2025", None, "Biên chế có mặt đến 31/12/2025"])
    _header(ws, 5, [None, None, "Công chức", "Viên chức", "Công chức", "Viên chức"])
    merge(ws, "A4:A5", "B4:B5", "C4:D4", "E4:F4")
    rows_at(
        ws,
        6,
        [
            (1, "Sở Nội vụ", "62", "15", "60", "14"),
            (2, "Sở Tài chính", "85", "12", "81", "12"),
            (3, "UBND xã Hòa Tú", "22", "3", "21", "3"),
            (4, "UBND xã Thới Lai", "12,5", "4", "12", "4"),
            (None, "Tổng cộng", "181,5", "34", "174", "33"),
        ],
    )
    return to_bytes(wb)


def bad_payroll_month_13() -> bytes:
    """A payroll whose month line under the title says "Tháng 13 năm 2025" (row 5, column A)."""
    wb, ws = new_book("Luong")
    ws["A1"] = "Đơn vị: Sở Tài chính"
    ws["A4"] = "BẢNG THANH TOÁN TIỀN LƯƠNG"
    ws["A5"] = "Tháng 13 năm 2025"
    _header(ws, 7, ["STT", "Họ và tên", "Hệ số lương", "Lương ngạch bậc (đồng)", "Tổng cộng", "Ký nhận"])
    rows_at(
        ws,
        8,
        [
            (1, "Phan Thanh Bình", 5.08, 11_887_200, 11_887_200),
            (2, "Võ Thị Hồng Nhung", 3.99, 9_336_600, 9_336_600),
        ],
    )
    return to_bytes(wb)


def bad_secondment_reversed() -> bytes:
    """A secondment list where the second posting ends before it starts: "Từ tháng/năm" 10/2025,
    "Đến tháng/năm" 09/2025 (row 5, column F), a slip for 09/2028."""
    wb, ws = new_book("Tang cuong")
    ws["A1"] = "DANH SÁCH TĂNG CƯỜNG CÔNG CHỨC VỀ XÃ, PHƯỜNG"
    _header(ws, 3, ["STT", "Họ và tên", "Cơ quan cử đi", "Nơi tăng cường", "Từ tháng/năm", "Đến tháng/năm", "Số tháng"])
    rows_at(
        ws,
        4,
        [
            (1, "Hồ Văn Tư", "Sở Nội vụ", "UBND xã Phong Điền", "08/2025", "07/2028", 36),
            (2, "Kha Thị Nguyệt", "Sở Tài chính", "UBND phường Sóc Trăng", "10/2025", "09/2025", 36),
        ],
    )
    return to_bytes(wb)


def bad_birth_31_02() -> bytes:
    """A staff list with an impossible date of birth "31/02/1985" (row 8, column D)."""
    wb, ws = new_book("Nhân sự")
    ws["A1"] = "SỞ NỘI VỤ"
    ws["A2"] = "DANH SÁCH CÔNG CHỨC (tính đến 31/12/2025)"
    _header(ws, 4, ["STT", "Mã số", "Họ và tên", "Ngày sinh", "Giới tính", "Loại cán bộ"])
    put(ws, 5, 1, ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"])
    rows_at(
        ws,
        6,
        [
            (1, "SNV-01", "Đinh Công Tráng", "11/11/1979", "Nam", "Công chức"),
            (2, "SNV-02", "Bùi Thị Xuân", "31/02/1985", "Nữ", "Công chức"),
            (3, "SNV-03", "Cao Văn Lầu", "01/06/1990", "Nam", "Công chức"),
        ],
    )
    return to_bytes(wb)


def bad_payroll_coef_44() -> bytes:
    """A payroll where a coefficient was typed "44,0" instead of "4,40" — over any pay scale
    (row 9, column C)."""
    wb, ws = new_book("T9")
    ws["A1"] = "Đơn vị: Văn phòng UBND thành phố"
    ws["A3"] = "BẢNG THANH TOÁN TIỀN LƯƠNG THÁNG 9 NĂM 2025"
    _header(ws, 6, ["STT", "Họ và tên", "Hệ số lương", "PCCV", "Tổng hệ số", "Thành tiền"])
    rows_at(
        ws,
        7,
        [
            (1, "Lâm Thị Yến", "4,74", "0,60", "5,34", "12.495.600"),
            (2, "Kiều Văn Định", "3,00", "-", "3,00", "7.020.000"),
            (3, "Mạc Thị Bưởi", "44,0", "-", "44,0", "10.296.000"),
        ],
    )
    return to_bytes(wb)


CASES: dict[str, Case] = {
    "hd_quota_moha_categories_as_rows.xlsx": (quota_moha_rows, QUOTA_MOHA_EXPECT),
    "hd_quota_khoi_quan_huyen_30_6_2025.xlsx": (quota_khoi_quan_huyen, QUOTA_KHOI_EXPECT),
    "hd_quota_phuong_viet_tat.xlsx": (quota_phuong_viet_tat, QUOTA_PHUONG_EXPECT),
    "hd_danh_muc_loai_hinh_va_bien_che.xlsx": (catalogue_loai_hinh, CATALOGUE_EXPECT),
    "hd_ds_gioi_tinh_danh_dau_x.xlsx": (staff_gender_x, STAFF_X_EXPECT),
    "hd_ds_chu_hoa_nam_sinh.xlsx": (staff_caps_year_only, STAFF_CAPS_EXPECT),
    "hd_ds_cot_thua_dang_vien_sdt.xlsx": (staff_extra_columns, STAFF_EXTRA_EXPECT),
    "hd_ds_moi_don_vi_mot_sheet_ten_sheet.xlsx": (staff_sheet_per_unit, STAFF_SHEETS_EXPECT),
    "hd_ds_nfd_xa_thoi_lai.xlsx": (staff_nfd, STAFF_NFD_EXPECT),
    "hd_luong_thang_11_2025_khau_tru.xlsx": (payroll_thang_11, PAYROLL_11_EXPECT),
    "hd_luong_tram_y_te_thang_10.xls": (payroll_xls_tram_y_te, PAYROLL_XLS_EXPECT),
    "hd_nghi_viec_nd178.xlsx": (reduction_nd178, ND178_EXPECT),
    "hd_tinh_gian_nd29_ly_do.xlsx": (reduction_nd29, ND29_EXPECT),
    "hd_tang_cuong_thang_nam.xlsx": (secondment_thang_nam, SEC_EXPECT),
    "hd_dao_tao_hinh_thuc_linh_vuc.xlsx": (training_hinh_thuc, TRAINING_EXPECT),
    "hd_boi_duong_ca_nhan.csv": (training_csv_per_person, TRAINING_CSV_EXPECT),
    # bad
    "hd_bad_gioi_tinh_khong_ro.xlsx": (
        bad_gender_khong_ro,
        {"db": "units", "as_of": date(2025, 12, 31), "words": ["Không rõ"], "cell": ("DS", 9, "D")},
    ),
    "hd_bad_bien_che_12_5.xlsx": (
        bad_quota_fraction,
        {"db": "units", "as_of": date(2025, 12, 31), "words": ["12,5"], "cell": ("Bien che", 9, "C")},
    ),
    "hd_bad_luong_thang_13.xlsx": (
        bad_payroll_month_13,
        {"db": "units", "as_of": None, "words": ["13"], "cell": ("Luong", 5, "A")},
    ),
    "hd_bad_tang_cuong_den_truoc_tu.xlsx": (
        bad_secondment_reversed,
        {"db": "units", "as_of": date(2025, 12, 31), "words": ["09/2025"], "cell": ("Tang cuong", 5, "F")},
    ),
    "hd_bad_ngay_sinh_31_02.xlsx": (
        bad_birth_31_02,
        {"db": "units", "as_of": date(2025, 12, 31), "words": ["31/02/1985"], "cell": ("Nhân sự", 7, "D")},
    ),
    "hd_bad_he_so_44.xlsx": (
        bad_payroll_coef_44,
        {"db": "units", "as_of": None, "words": ["44"], "cell": ("T9", 9, "C")},
    ),
}


def good() -> list[str]:
    return [n for n, (_, e) in CASES.items() if "tables" in e]


def bad() -> list[str]:
    return [n for n, (_, e) in CASES.items() if "words" in e]


def build(outdir: Path) -> dict[str, Path]:
    return write_cases(CASES, outdir)


if __name__ == "__main__":
    for p in build(Path(sys.argv[1] if len(sys.argv) > 1 else "heldout_out")).values():
        print(p)
