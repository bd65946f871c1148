"""Shared by the form builders: the units the files name, a sheet writer, title blocks, footers.

The files are built from the published Vietnamese forms and from how agencies fill them in, not
from the importer's header dictionary (see each builder's docstring for where its layout comes
from). Units are named as people write them ("UBND xã Hòa Tú", "Xã Hòa Tú", "P. Ninh Kiều"),
never by the codes below, except in unit-catalogue sheets, which carry codes.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

# A file of the corpus: its builder, and what the importer must make of it (see make_forms.py).
Case = tuple[Callable[[], bytes], dict[str, Any]]

# Units of the test database (unit_code, name, unit_type, level, commune_kind, merged_into). Codes
# are invented; names are those of the new Cần Thơ (from 1/7/2025, DOMAIN.md §7).
UNITS: list[tuple[str, str, str, str, str | None, str | None]] = [
    ("CT", "Thành phố Cần Thơ", "thanh_pho", "city", None, None),
    ("S01", "Sở Nội vụ", "so_nganh", "city", None, None),
    ("S02", "Sở Y tế", "so_nganh", "city", None, None),
    ("S03", "Sở Giáo dục và Đào tạo", "so_nganh", "city", None, None),
    ("S04", "Sở Tài chính", "so_nganh", "city", None, None),
    ("S05", "Văn phòng UBND thành phố", "so_nganh", "city", None, None),
    ("S06", "Sở Nông nghiệp và Môi trường", "so_nganh", "city", None, None),
    ("K01", "Ban Quản lý các khu chế xuất và công nghiệp", "co_quan_khac", "city", None, None),
    ("K02", "Văn phòng Thành ủy", "co_quan_khac", "city", None, None),
    ("K03", "Ban Tổ chức Thành ủy", "co_quan_khac", "city", None, None),
    ("X01", "UBND xã Hòa Tú", "ubnd_xa", "commune", "xa", None),
    ("X02", "UBND phường Ninh Kiều", "ubnd_xa", "commune", "phuong", None),
    ("X03", "UBND phường Cái Khế", "ubnd_xa", "commune", "phuong", None),
    ("X04", "UBND xã Phong Điền", "ubnd_xa", "commune", "xa", None),
    ("X05", "UBND xã Thới Lai", "ubnd_xa", "commune", "xa", None),
    ("X06", "UBND phường Sóc Trăng", "ubnd_xa", "commune", "phuong", None),
    ("D01", "Trường THPT Châu Văn Liêm", "dvsnc", "city", None, None),
    ("D02", "Bệnh viện Đa khoa thành phố Cần Thơ", "dvsnc", "city", None, None),
    ("D03", "Trạm Y tế xã Hòa Tú", "dvsnc", "commune", None, None),
    ("D04", "Trạm Y tế phường Ninh Kiều", "dvsnc", "commune", None, None),
    # Two schools with one name (one in old Cần Thơ, one in old Sóc Trăng): a name that alone
    # cannot say which unit is meant.
    ("D05", "Trường Tiểu học Lê Lợi", "dvsnc", "commune", None, None),
    ("D06", "Trường Tiểu học Lê Lợi", "dvsnc", "commune", None, None),
    ("H01", "Huyện Phong Điền (cũ)", "huyen_cu", "district", None, "X04"),
    ("H02", "Quận Ninh Kiều (cũ)", "huyen_cu", "district", None, "X02"),
]
CODE = {name: code for code, name, *_ in UNITS if name != "Trường Tiểu học Lê Lợi"}


def seed_units(con: Any) -> int:
    """Insert UNITS under a new batch; returns the batch id."""
    row = con.execute(
        "INSERT INTO import_batch (kind, created_by) VALUES ('demo', 'forms') RETURNING batch_id"
    ).fetchall()
    batch = int(row[0][0])
    for code, name, ut, level, ck, merged in UNITS:
        con.execute(
            "INSERT INTO unit (unit_code, name, unit_type, level, commune_kind, merged_into, batch_id) "
            "VALUES ($c, $n, $t, $l, $k, $m, $b)",
            {"c": code, "n": name, "t": ut, "l": level, "k": ck, "m": merged, "b": batch},
        )
    return batch


BOLD = Font(bold=True)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def new_book(title: str) -> tuple[Workbook, Worksheet]:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = title
    return wb, ws


def put(ws: Worksheet, row: int, col: int, values: Sequence[Any], *, bold: bool = False) -> None:
    """Write ``values`` from (row, col) to the right; None leaves a cell empty."""
    for i, v in enumerate(values):
        if v is None:
            continue
        c = ws.cell(row, col + i, v)
        if bold:
            c.font = BOLD
            c.alignment = CENTER


def rows_at(ws: Worksheet, row: int, rows: Iterable[Sequence[Any]], col: int = 1) -> int:
    """Write rows from ``row`` down; returns the next free row."""
    for r in rows:
        put(ws, row, col, r)
        row += 1
    return row


def merge(ws: Worksheet, *ranges: str) -> None:
    for r in ranges:
        ws.merge_cells(r)


def national_block(ws: Worksheet, left: Sequence[str], right_col: int, *, row: int = 1) -> None:
    """Agency name(s) top left, the national motto top right (every administrative document,
    Nghị định 30/2020/NĐ-CP, Phụ lục I)."""
    for i, line in enumerate(left):
        ws.cell(row + i, 1, line).font = BOLD
    ws.cell(row, right_col, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").font = BOLD
    ws.cell(row + 1, right_col, "Độc lập - Tự do - Hạnh phúc").font = BOLD


def signature(
    ws: Worksheet,
    row: int,
    right_col: int,
    place_date: str,
    title: str,
    name: str,
    *,
    left: str | None = "Người lập biểu",
    left_name: str | None = "Lê Thị Thu",
    recipients: bool = True,
) -> int:
    """The footer: Nơi nhận on the left, place and date, the signer's title and name on the right."""
    ws.cell(row, right_col, place_date)
    ws.cell(row + 1, right_col, title).font = BOLD
    if recipients:
        ws.cell(row + 1, 1, "Nơi nhận:")
        ws.cell(row + 2, 1, "- Như trên;")
        ws.cell(row + 3, 1, "- Lưu: VT, TCBC.")
    elif left:
        ws.cell(row + 1, 2, left).font = BOLD
    ws.cell(row + 2, right_col, "(Ký, ghi rõ họ tên, đóng dấu)")
    ws.cell(row + 5, right_col, name).font = BOLD
    if left and left_name and not recipients:
        ws.cell(row + 5, 2, left_name)
    return row + 6


def to_bytes(wb: Workbook, cached: dict[tuple[str, str], Any] | None = None) -> bytes:
    """Save ``wb``; ``cached`` {(sheet title, cell): value} fills in the cached results of formula
    cells, as Excel stores them (openpyxl writes formulas with an empty <v/>; readers such as
    calamine/fastexcel show the cached value)."""
    buf = io.BytesIO()
    wb.save(buf)
    if not cached:
        return buf.getvalue()
    sheet_files = {ws.title: f"xl/worksheets/sheet{i}.xml" for i, ws in enumerate(wb.worksheets, start=1)}
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info)
            for (title, ref), value in cached.items():
                if sheet_files[title] != info.filename:
                    continue
                pat = re.compile(rf'(<c r="{ref}"[^>]*>)(<f>[^<]*</f>)<v\s*/?>(</v>)?'.encode())
                cell = f"<v>{value}</v>".encode()

                def filled(m: re.Match[bytes], cell: bytes = cell) -> bytes:
                    return m.group(1) + m.group(2) + cell

                new, n = pat.subn(filled, data)
                assert n == 1, (title, ref)
                data = new
            z.writestr(info, data)
    return out.getvalue()


def vn_int(n: int) -> str:
    """1860 -> "1.860", as typed into a text cell."""
    return f"{n:,}".replace(",", ".")


def vn_dec(x: float, places: int = 2) -> str:
    return f"{x:.{places}f}".replace(".", ",")


def dmy(d: date) -> str:
    return d.strftime("%d/%m/%Y")
