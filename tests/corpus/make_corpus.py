"""Build the import test corpus: one small file per quirk or failure mode of real government files.

Generated (not committed as binaries) so every file is reviewable here and reproducible: openpyxl
stamps creation times into each .xlsx, so committed copies would change at every rebuild. The
tests build the corpus once per session (``tests/test_ingest_corpus.py``); run
``python tests/corpus/make_corpus.py OUTDIR`` to look at the files in Excel.

``CASES``: file name -> (builder, expectation). An expectation is either
``{"tables": {...}}`` (rows loaded per table) or ``{"words": [...]}`` (the file is rejected and the
printed problems must contain every word).
"""

from __future__ import annotations

import io
import sys
import unicodedata
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

if __name__ == "__main__":  # run as a script: the repository root on the path
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.ingest_helpers import write_cases  # noqa: E402

AS_OF = date(2024, 12, 31)

# Units of the tiny test database (code, name, unit_type, level, commune_kind, merged_into).
UNITS = [
    ("SNV", "Sở Nội vụ", "so_nganh", "city", None, None),
    ("SYT", "Sở Y tế", "so_nganh", "city", None, None),
    ("STP", "Sở Tư pháp", "so_nganh", "city", None, None),
    ("XA001", "Phường Ninh Kiều", "ubnd_xa", "commune", "phuong", None),
    ("XA002", "Xã Phong Điền", "ubnd_xa", "commune", "xa", None),
    ("PAC", "Phường An Cư", "ubnd_xa", "commune", "phuong", "XA001"),
    ("QNK", "Quận Ninh Kiều", "huyen_cu", "district", None, None),
    ("HPD", "Huyện Phong Điền", "huyen_cu", "district", None, None),
]


def seed_units(con: Any, batch_id: int) -> None:
    for code, name, ut, level, ck, merged in UNITS:
        con.execute(
            "INSERT INTO unit (unit_code, name, unit_type, level, commune_kind, merged_into, batch_id) "
            "VALUES ($c, $n, $t, $l, $k, $m, $b)",
            {"c": code, "n": name, "t": ut, "l": level, "k": ck, "m": merged, "b": batch_id},
        )


def _bytes(wb: Workbook) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _sheet(rows: list[list[Any]], title: str = "Sheet1") -> tuple[Workbook, Worksheet]:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = title
    for r in rows:
        ws.append(r)
    return wb, ws


def _table(rows: list[list[Any]], title: str = "Sheet1") -> bytes:
    return _bytes(_sheet(rows, title)[0])


# ------------------------------------------------------------------------------------------ good files


def commune_staff() -> bytes:
    """The common commune staff list: title block, two-row header with birth dates under Nam / Nữ,
    a column-number row, STT with section rows I. / II., a totals row and a signature footer."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "DS"
    ws["A1"] = "UBND PHƯỜNG NINH KIỀU"
    ws["E1"] = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    ws["E2"] = "Độc lập - Tự do - Hạnh phúc"
    ws["A4"] = "DANH SÁCH CÁN BỘ, CÔNG CHỨC"
    ws.merge_cells("A4:G4")
    ws["A5"] = "(Tính đến ngày 31/12/2024)"
    ws.merge_cells("A5:G5")
    header = ["STT", "Họ và tên", "Ngày, tháng, năm sinh", None, "Chức vụ", "Hệ số lương", "Trình độ\nchuyên môn"]
    for c, v in enumerate(header, start=1):
        ws.cell(7, c, v)
    ws.cell(8, 3, "Nam")
    ws.cell(8, 4, "Nữ")
    for col in "ABEFG":
        ws.merge_cells(f"{col}7:{col}8")
    ws.merge_cells("C7:D7")
    for c, v in enumerate(["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"], start=1):
        ws.cell(9, c, v)
    rows: list[list[Any]] = [
        ["I", "CÁN BỘ", None, None, None, None, None],
        [1, "Nguyễn Văn An", "12/03/1975", None, "Bí thư Đảng ủy", "2,35", "Đại học"],
        [2, "Trần Thị Bình", None, "05/11/1980", "Chủ tịch HĐND", "2,15", "Thạc sĩ"],
        ["II", "CÔNG CHỨC", None, None, None, None, None],
        [1, "Lê Văn Cường", date(1985, 7, 1), None, "Công chức Văn phòng - Thống kê", "3,00", "Đại học"],
        [2, "Phạm Thị Dung", None, date(1990, 1, 20), "Công chức Tư pháp - Hộ tịch", "2,67", "Đại học"],
        [3, "Võ Thị Hoà", None, "1992", "Công chức Địa chính", "2,34", "Cao đẳng"],
        [None, "Tổng cộng: 5 người", None, None, None, None, None],
    ]
    for r in rows:
        ws.append(r)
    ws.append([])
    ws.append([None, "Người lập biểu", None, None, "Ninh Kiều, ngày 05 tháng 01 năm 2025"])
    ws.append([None, None, None, None, "CHỦ TỊCH"])
    ws.append([None, "Nguyễn Văn X", None, None, "Trần Văn Y"])
    return _bytes(wb)


def wide_quota(total_cc_2021: int = 60) -> bytes:
    """Old Cần Thơ quota report: units as rows, years as columns under Công chức / Viên chức plus a
    pending-cut column each, a TỔNG CỘNG row under the header, block subtotals, a footer."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Bien che"
    ws["A1"] = "UBND THÀNH PHỐ CẦN THƠ"
    ws["A2"] = "Biểu số 01"
    ws["A3"] = "TÌNH HÌNH GIAO BIÊN CHẾ GIAI ĐOẠN 2021 - 2024"
    ws.merge_cells("A3:K3")
    ws["A4"] = "Đơn vị tính: người"
    ws.cell(6, 1, "STT")
    ws.cell(6, 2, "Tên cơ quan, đơn vị")
    ws.cell(6, 3, "Công chức")
    ws.cell(6, 8, "Viên chức")
    ws.merge_cells("C6:G6")
    ws.merge_cells("H6:L6")
    ws.merge_cells("A6:A7")
    ws.merge_cells("B6:B7")
    sub = ["Biên chế giao năm 2021", "Năm 2022", "Năm 2023", "Năm 2024", "Số giảm chờ HĐND phê duyệt"]
    for i, v in enumerate(sub + sub):
        ws.cell(7, 3 + i, v)
    ws.append(["A", "B", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    data: list[tuple[str, str, list[Any]]] = [
        # unit, cc 2021..2024, cc pending, vc 2021..2024, vc pending
        ("I", "KHỐI SỞ, NGÀNH", [40, 39, 38, 38, 1, 300, 290, 285, 280, 5]),
        ("1", "Sở Nội vụ", [25, 25, 24, 24, 0, 0, 0, 0, 0, 0]),
        ("2", "SỞ Y TẾ", [15, 14, 14, 14, 1, 300, 290, 285, 280, 5]),
        ("II", "KHỐI QUẬN, HUYỆN", [20, 20, 19, 19, 0, 100, "98", 97, "95", "-"]),
        ("1", "Quận Ninh Kiều (cũ)", [12, 12, 11, 11, 0, 60, 59, 58, 57, "-"]),
        ("2", "UBND huyện Phong Điền", [8, 8, 8, 8, "-", 40, 39, 39, 38, 0]),
    ]
    total = [total_cc_2021, 59, 57, 57, 1, 400, 388, 382, 375, 5]
    ws.append([None, "TỔNG CỘNG", *total])
    for stt, name, vals in data:
        ws.append([stt, name, *vals])
    ws.append([])
    ws.append(["Ghi chú: số liệu theo quyết định giao biên chế hằng năm."])
    ws.append([None, None, None, None, None, None, None, None, "GIÁM ĐỐC"])
    return _bytes(wb)


def roster_plain_csv() -> bytes:
    lines = [
        "unit_code,person_id,full_name,birth_date,gender,category,pay_group,step,salary_coef",
        "SNV,CB001,Nguyễn Văn An,1980-03-12,nam,cong_chuc,A1,3,3.00",
        "SNV,CB002,Trần Thị Bình,15/06/1988,nu,cong_chuc,A1,1,2.34",
        "SYT,CB003,Lê Văn Cường,01/01/1970,nam,vien_chuc,A2.1,2,4.74",
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def roster_cp1258_csv() -> bytes:
    lines = [
        "Tên đơn vị;Mã cán bộ;Họ và tên;Ngày sinh;Giới tính;Loại cán bộ;Hệ số lương",
        "Sở Nội vụ;CB010;Đặng Thị Hồng;12/03/1985;Nữ;Công chức;3,33",
        "Sở Nội vụ;CB011;Huỳnh Văn Phúc;01/02/1979;Nam;Công chức;4,40",
    ]
    return _cp1258("\r\n".join(lines) + "\r\n")


def _cp1258(text: str) -> bytes:
    """Windows-1258 writes "ộ" as "ô" + a combining dot below: letters keep their vowel marks
    (circumflex, breve, horn) precomposed, tone marks follow as combining characters."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        base, *marks = list(unicodedata.normalize("NFD", ch))
        vowel = "".join(m for m in marks if m in "\u0302\u0306\u031b")
        tones = "".join(m for m in marks if m not in "\u0302\u0306\u031b")
        out.append((unicodedata.normalize("NFC", base + vowel) + tones).encode("cp1258"))
    return b"".join(out)


def roster_nfd() -> bytes:
    """Headers and values in NFD, old tone placement ("Hoà", "Thuỷ"), unit named in upper case."""

    def nfd(s: str) -> str:
        return unicodedata.normalize("NFD", s)

    rows = [
        [nfd(h) for h in ["Đơn vị", "Mã cán bộ", "Họ và tên", "Ngày sinh", "Giới tính", "Đối tượng"]],
        [nfd("PHƯỜNG NINH KIỀU"), "N01", nfd("Nguyễn Thị Thuỷ"), "02/02/1982", nfd("Nữ"), nfd("Công chức")],
        [nfd("Phường Ninh Kiều"), "N02", nfd("Lê Văn Hoà"), "03/03/1983", "Nam", nfd("Viên chức")],
    ]
    return _table(rows)


def roster_dates() -> bytes:
    rows: list[list[Any]] = [
        ["Mã đơn vị", "Mã cán bộ", "Họ và tên", "Ngày sinh", "Giới tính", "Loại cán bộ", "Ngày tuyển dụng"],
        ["SNV", "D1", "An", date(1980, 1, 2), "Nam", "CC", "01/09/2005"],
        ["SNV", "D2", "Bình", "15-06-1985", "Nữ", "CC", "09/2010"],
        ["SNV", "D3", "Chi", "1990", "Nữ", "CC", 40000],
        ["SNV", "D4", "Dũng", 29000, "Nam", "VC", None],
    ]
    return _table(rows)


def roster_hidden() -> bytes:
    wb, ws = _sheet(
        [
            ["Mã đơn vị", "Mã cán bộ", "Họ và tên", "Ngày sinh", "Giới tính", "Loại cán bộ"],
            ["SNV", "H1", "Hiện", "01/01/1980", "Nam", "Công chức"],
            ["SNV", "H2", "Ẩn", "not a date", "Nam", "Công chức"],
            ["SNV", "H3", "Hiện nữa", "01/01/1981", "Nữ", "Công chức"],
        ]
    )
    ws.row_dimensions[3].hidden = True
    return _bytes(wb)


def roster_two_sheets() -> bytes:
    wb = Workbook()
    first = wb.active
    assert first is not None
    first.title = "Phường Ninh Kiều"
    for r in [
        ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Loại cán bộ"],
        [1, "An", "01/01/1980", "Nam", "Công chức"],
    ]:
        first.append(r)
    ws = wb.create_sheet("Xã Phong Điền")
    for r in [
        ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Loại cán bộ"],
        [1, "Bé", "02/02/1982", "Nữ", "Viên chức"],
        [2, "Cu", "03/03/1983", "Nam", "Viên chức"],
    ]:
        ws.append(r)
    return _bytes(wb)


def units_and_roster() -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Đơn vị"
    for r in [
        ["Mã đơn vị", "Tên đơn vị", "Loại đơn vị", "Cấp", "Đơn vị cấp trên"],
        ["XA009", "Phường Tân An", "ubnd_xa", "commune", None],
        ["SNV-P1", "Phòng Tổ chức biên chế", None, None, "Sở Nội vụ"],
    ]:
        ws.append(r)
    ws2 = wb.create_sheet("Danh sách")
    for r in [
        ["Đơn vị", "Mã cán bộ", "Họ và tên", "Ngày sinh", "Giới tính", "Loại cán bộ"],
        ["Phường Tân An", "T1", "Tân", "01/01/1980", "Nam", "Công chức"],
        ["UBND phường Tân An", "T2", "An", "01/01/1981", "Nữ", "Công chức"],
    ]:
        ws2.append(r)
    return _bytes(wb)


def quota_long() -> bytes:
    return _table(
        [
            ["Tên đơn vị", "Năm", "Loại biên chế", "Biên chế được giao", "Số chờ phê duyệt"],
            ["Sở Nội vụ", 2021, "Công chức", "1.860", "-"],
            ["Sở Nội vụ", 2024, "Công chức", "1.841", 0],
            ["Sở Y tế", 2024, "Số lượng người làm việc", "20.735", "374"],
        ]
    )


def payroll() -> bytes:
    return _table(
        [
            ["Tháng", "Mã đơn vị", "Mã cán bộ", "Họ và tên", "Hệ số lương", "Phụ cấp công vụ"],
            ["03/2025", "SNV", "CB001", "An", "2,34", "1.369.000"],
            ["03/2025", "SNV", "CB002", "Bình", "4,40", "-"],
        ]
    )


def reduction() -> bytes:
    return _table(
        [
            ["STT", "Họ và tên", "Đơn vị", "Loại cán bộ", "Hình thức tinh giản", "Số quyết định", "Ngày quyết định"],
            [1, "Ông A", "Sở Y tế", "Viên chức", "Nghỉ hưu trước tuổi", "12/QĐ-UBND", "15/03/2023"],
            [2, "Bà B", "Sở Nội vụ", "Công chức", "Thôi việc", "13/QĐ-UBND", "16/03/2024"],
        ]
    )


def secondment_ok() -> bytes:
    return _table(
        [
            ["Mã cán bộ", "Đơn vị cử", "Xã nhận", "Ngày bắt đầu", "Ngày kết thúc dự kiến", "Quyết định ngoại lệ"],
            ["CB001", "Sở Nội vụ", "Phường Ninh Kiều", "01/08/2025", "31/07/2028", None],
            ["CB002", "SYT", "Xã Phong Điền", "01/08/2025", "31/01/2027", "99/QĐ-UBND"],
        ]
    )


def training() -> bytes:
    return _table(
        [
            [
                "Tên đơn vị",
                "Tên khóa học",
                "Lĩnh vực",
                "Ngày bắt đầu",
                "Số học viên",
                "Kinh phí đã chi",
                "Nguồn kinh phí",
            ],
            ["Sở Nội vụ", "Bồi dưỡng QLNN", "qlnn_theo_ngach", "01/09/2025", 30, "150.000.000", "tai_co_cau_5pct"],
        ]
    )


# ------------------------------------------------------------------------------------------ bad files


def renamed_pdf() -> bytes:
    return b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n"


def zip_bomb() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (50 * 1024 * 1024))
    return buf.getvalue()


def xml_bomb() -> bytes:
    good = zipfile.ZipFile(io.BytesIO(_table([["a"]])))
    buf = io.BytesIO()
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol2;</t></si></sst>'
    )
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for info in good.infolist():
            z.writestr(info, good.read(info) if info.filename != "xl/sharedStrings.xml" else bomb)
        if "xl/sharedStrings.xml" not in good.namelist():
            z.writestr("xl/sharedStrings.xml", bomb)
    return buf.getvalue()


def xml_bomb_late() -> bytes:
    """The DOCTYPE hidden behind 100 KB of comments, past a naive "first bytes" check."""
    good = zipfile.ZipFile(io.BytesIO(_table([["a"]])))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for info in good.infolist():
            data = good.read(info)
            if info.filename == "xl/workbook.xml":
                data = b"<!-- padding -->" * 6400 + b'<!DOCTYPE x [<!ENTITY a "b">]>' + data.split(b"?>", 1)[-1]
            z.writestr(info, data)
    return buf.getvalue()


def zip_not_xlsx() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("readme.txt", "hello")
    return buf.getvalue()


def png_image() -> bytes:
    return b"\x89PNG\r\n\x1a\n" + b"\0" * 64


def _roster(rows: list[list[Any]]) -> bytes:
    return _table(
        [["Mã đơn vị", "Mã cán bộ", "Họ và tên", "Ngày sinh", "Giới tính", "Loại cán bộ", "Hệ số lương"], *rows]
    )


def gender_marks() -> bytes:
    """Gender as an "x" under Nam / Nữ (merged "Giới tính" above), category as one-hot columns."""
    wb, ws = _sheet(
        [
            ["STT", "Họ và tên", "Ngày sinh", "Giới tính", None, "Công chức", "Viên chức", "Đơn vị"],
            [None, None, None, "Nam", "Nữ", None, None, None],
            [1, "An", "01/01/1980", "x", None, "x", None, "Sở Nội vụ"],
            [2, "Bình", "02/02/1982", None, "x", None, "x", None],
            [3, "Chi", "03/03/1983", None, "X", None, "x", None],
        ]
    )
    ws.merge_cells("D1:E1")
    ws.merge_cells("H3:H5")  # one unit cell for three people
    for col in "ABCFG":
        ws.merge_cells(f"{col}1:{col}2")
    return _bytes(wb)


CASES: dict[str, tuple[Callable[[], bytes], dict[str, Any]]] = {
    "gender_marks.xlsx": (gender_marks, {"tables": {"person": 3}}),
    "commune_staff.xlsx": (commune_staff, {"tables": {"person": 5}}),
    "quota_wide_cantho.xlsx": (wide_quota, {"tables": {"quota": 32}}),
    "roster_plain.csv": (roster_plain_csv, {"tables": {"person": 3}}),
    "roster_cp1258.csv": (roster_cp1258_csv, {"tables": {"person": 2}}),
    "roster_nfd.xlsx": (roster_nfd, {"tables": {"person": 2}}),
    "roster_dates.xlsx": (roster_dates, {"tables": {"person": 4}}),
    "roster_hidden.xlsx": (roster_hidden, {"tables": {"person": 2}}),
    "roster_two_sheets.xlsx": (roster_two_sheets, {"tables": {"person": 3}}),
    "units_and_roster.xlsx": (units_and_roster, {"tables": {"unit": 2, "person": 2}}),
    "quota_long.xlsx": (quota_long, {"tables": {"quota": 3}}),
    "payroll.xlsx": (payroll, {"tables": {"payroll": 2}}),
    "reduction.xlsx": (reduction, {"tables": {"reduction_case": 2}}),
    "secondment_ok.xlsx": (secondment_ok, {"tables": {"secondment": 2}}),
    "training.xlsx": (training, {"tables": {"training": 1}}),
    "renamed_pdf.xlsx": (renamed_pdf, {"words": ["PDF", "không đọc"]}),
    "zip_bomb.xlsx": (zip_bomb, {"words": ["bom zip"]}),
    "xml_bomb.xlsx": (xml_bomb, {"words": ["ENTITY", "bom XML"]}),
    "xml_bomb_late.xlsx": (xml_bomb_late, {"words": ["ENTITY", "xl/workbook.xml"]}),
    "zip_not_xlsx.xlsx": (zip_not_xlsx, {"words": ["[Content_Types].xml"]}),
    "image.xlsx": (png_image, {"words": ["PNG"]}),
    "missing_year.xlsx": (
        lambda: _table([["Tên đơn vị", "Loại biên chế", "Biên chế được giao"], ["Sở Nội vụ", "Công chức", 5]]),
        {"words": ["thiếu cột bắt buộc", "Năm"]},
    ),
    "unknown_unit.xlsx": (
        lambda: _roster([["SXX", "U1", "An", "01/01/1980", "Nam", "CC", "2,34"]]),
        {"words": ["không tìm thấy đơn vị", "SXX", "dòng 2"]},
    ),
    "bad_date.xlsx": (
        lambda: _roster(
            [
                ["SNV", "B1", "An", "31/02/1980", "Nam", "CC", "2,34"],
                ["SNV", "B2", "Bình", "hôm qua", "Nữ", "CC", "2,34"],
            ]
        ),
        {"words": ["ngày không hợp lệ", "31/02/1980", "hôm qua", "dòng 3"]},
    ),
    "negative_quota.xlsx": (
        lambda: _table([["Mã đơn vị", "Năm", "Loại biên chế", "Biên chế được giao"], ["SNV", 2024, "Công chức", -3]]),
        {"words": ["không được âm"]},
    ),
    "coef_not_in_scale.xlsx": (
        lambda: _roster([["SNV", "K1", "An", "01/01/1980", "Nam", "Công chức", "2,50"]]),
        {"words": ["không có trong bảng lương", "2,50"]},
    ),
    "age_out_of_range.xlsx": (
        lambda: _roster(
            [
                ["SNV", "A1", "Trẻ", "01/01/2010", "Nam", "CC", "2,34"],
                ["SNV", "A2", "Già", "01/01/1940", "Nữ", "CC", "2,34"],
            ]
        ),
        {"words": ["tuổi 14", "tuổi 84", "18 – 70"]},
    ),
    "secondment_short.xlsx": (
        lambda: _table(
            [
                ["Mã cán bộ", "Đơn vị cử", "Xã nhận", "Ngày bắt đầu", "Ngày kết thúc dự kiến"],
                ["CB9", "SNV", "XA001", "01/08/2025", "30/07/2028"],
            ]
        ),
        {"words": ["dưới 36 tháng"]},
    ),
    "duplicate_rows.xlsx": (
        lambda: _roster(
            [
                ["SNV", "D1", "An", "01/01/1980", "Nam", "CC", "2,34"],
                ["SNV", "D1", "An", "01/01/1980", "Nam", "CC", "2,34"],
            ]
        ),
        {"words": ["trùng với dòng 2"]},
    ),
    "totals_mismatch.xlsx": (lambda: wide_quota(total_cc_2021=61), {"words": ["dòng tổng cộng ghi 61", "60"]}),
    "not_recognised.xlsx": (
        lambda: _table([["Báo cáo"], ["Nội dung tự do, không có bảng"]]),
        {"words": ["không nhận ra"]},
    ),
    "gender_conflict.xlsx": (
        lambda: _table(
            [
                ["Mã đơn vị", "Họ và tên", "Ngày sinh", None, "Loại cán bộ"],
                [None, None, "Nam", "Nữ", None],
                ["SNV", "An", "01/01/1980", "01/01/1980", "CC"],
            ]
        ),
        {"words": ["mâu thuẫn"]},
    ),
    "unit_self_reference.xlsx": (
        lambda: _table(
            [
                ["Mã đơn vị", "Tên đơn vị", "Loại đơn vị", "Cấp", "Đơn vị cấp trên"],
                ["P9", "Phòng Chín", "phong", "city", "P9"],
            ]
        ),
        {"words": ["chính nó"]},
    ),
    "reduction_summary.xlsx": (
        lambda: _table(
            [
                ["STT", "Tên đơn vị", "Công chức", None],
                [None, None, "Tinh giản biên chế năm 2022", "Tinh giản biên chế năm 2023"],
                [1, "Sở Nội vụ", 2, 1],
                [2, "Sở Y tế", 3, 0],
                [None, "Tổng cộng", 5, 1],
            ]
        ),
        {"words": ["báo cáo tổng hợp số người tinh giản", "danh sách từng trường hợp"]},
    ),
    "bad_code.xlsx": (
        lambda: _roster([["SNV", "C1", "An", "01/01/1980", "Nam", "Giáo viên", "2,34"]]),
        {"words": ["giá trị không hợp lệ", "Giáo viên"]},
    ),
}


def build(outdir: Path) -> dict[str, Path]:
    return write_cases(CASES, outdir)


if __name__ == "__main__":
    for p in build(Path(sys.argv[1] if len(sys.argv) > 1 else "corpus_out")).values():
        print(p)


# Reorganisation, job positions, inspections (issue 15): agency-style files from tests/forms/reorg.py.
def _reorg_cases() -> dict[str, tuple[Callable[[], bytes], dict[str, Any]]]:
    from tests.forms import reorg

    return {
        "reorg_decisions.xlsx": (reorg.small_decisions, {"tables": {"reorg_decision": 4}}),
        "job_positions.xlsx": (reorg.small_job_positions, {"tables": {"job_position": 3}}),
        "inspections.xlsx": (reorg.small_inspections, {"tables": {"inspection": 3}}),
        "reorg_bad.xlsx": (
            reorg.bad_decisions,
            {"words": ["Hình thức sắp xếp", "Sáp nhập, Giải thể", "Chia tách", "thiếu giá trị bắt buộc"]},
        ),
    }


CASES.update(_reorg_cases())
