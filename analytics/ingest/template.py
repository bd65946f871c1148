"""Downloadable .xlsx templates, generated from the kind specs (never drawn by hand).

Sheet "Dữ liệu": Vietnamese headers (the first variant of each column, which recognition maps
back), then a note row in square brackets (type, required, allowed values, example) that import
skips, then the rows. Coded columns get drop-downs from a hidden "Danh mục" sheet. Sheet
"Hướng dẫn" explains every column.
"""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from analytics.errors import OversightError
from analytics.ingest.kinds import KINDS, Column, Kind
from analytics.ingest.messages import KIND_NAMES

TYPE_VI = {
    "text": "chữ",
    "code": "mã trong danh mục",
    "int": "số nguyên",
    "count": "số nguyên (trống hoặc - là 0)",
    "decimal": "số thập phân (dấu phẩy: 4,40)",
    "money": "số tiền VND (1.234.000)",
    "date": "ngày dd/mm/yyyy",
    "month": "tháng mm/yyyy",
    "bool": "có / không",
    "flag": "đánh dấu x",
    "unit": "mã hoặc tên đơn vị",
}
DATA_SHEET = "Dữ liệu"
LISTS_SHEET = "Danh mục"
GUIDE_SHEET = "Hướng dẫn"
MAX_ROWS = 5000  # rows covered by drop-downs


def note(kind: Kind, c: Column) -> str:
    """The note-row text of a column: "[ngày dd/mm/yyyy · bắt buộc · ví dụ: 12/03/1980]"."""
    parts = [TYPE_VI[c.type]]
    if c.required and not c.derived:
        parts.append("bắt buộc")
    elif c.derived:
        parts.append("tự tính nếu để trống")
    allowed = kind.allowed(c.name)
    if allowed and len(allowed) <= 6:
        parts.append("chọn: " + ", ".join(allowed))
    elif allowed:
        parts.append("chọn trong danh sách")
    if c.example:
        parts.append(f"ví dụ: {c.example}")
    return "[" + " · ".join(parts) + "]"


def build_template(kind: str, rows: list[list[object]] | None = None) -> bytes:
    """The .xlsx template of ``kind`` (optionally pre-filled with ``rows`` in column order)."""
    if kind not in KINDS:
        raise OversightError("template_unknown_kind", kind=kind, allowed=", ".join(KINDS))
    k = KINDS[kind]
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = DATA_SHEET
    lists = wb.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    list_col = 0
    for i, c in enumerate(k.columns, start=1):
        h = ws.cell(1, i, c.headers[0] if c.headers else c.name)
        h.font, h.fill = bold, fill
        h.alignment = Alignment(wrap_text=True, vertical="center")
        h.comment = Comment(f"{c.name}: {note(k, c)}", "template")
        n = ws.cell(2, i, note(k, c))
        n.font = Font(italic=True, color="666666", size=9)
        n.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(i)].width = max(14, min(40, len(h.value or "") + 4))
        allowed = list(k.allowed(c.name)) or (["có", "không"] if c.type == "bool" else [])
        if allowed:
            list_col += 1
            letter = get_column_letter(list_col)
            lists.cell(1, list_col, c.name)
            for j, v in enumerate(allowed, start=2):
                lists.cell(j, list_col, v)
            dv = DataValidation(
                type="list",
                formula1=f"'{LISTS_SHEET}'!${letter}$2:${letter}${len(allowed) + 1}",
                allow_blank=True,
                showErrorMessage=True,
                errorTitle="Giá trị không hợp lệ",
                error="Chọn một giá trị trong danh sách",
            )
            col = get_column_letter(i)
            dv.add(f"{col}3:{col}{MAX_ROWS}")
            ws.add_data_validation(dv)
    ws.freeze_panes = "A3"
    for r in rows or []:
        ws.append(r)
    guide = wb.create_sheet(GUIDE_SHEET)
    guide.append([f"Mẫu nhập {KIND_NAMES[kind]['vi']} ({kind})"])
    guide["A1"].font = Font(bold=True, size=13)
    guide.append(['Điền dữ liệu từ dòng 3 của trang "Dữ liệu"; giữ nguyên dòng tiêu đề và dòng ghi chú.'])
    guide.append(["Ngày ghi dd/mm/yyyy; số thập phân dùng dấu phẩy; ô trống là không có giá trị."])
    guide.append([])
    guide.append(
        ["Cột", "Tên trong CSDL", "Kiểu", "Bắt buộc", "Giá trị cho phép", "Ví dụ", "Tên cột khác được chấp nhận"]
    )
    for cell in guide[5]:
        cell.font = bold
    for c in k.columns:
        guide.append(
            [
                c.headers[0] if c.headers else c.name,
                c.name,
                TYPE_VI[c.type],
                "có" if c.required and not c.derived else ("tự tính" if c.derived else "không"),
                ", ".join(k.allowed(c.name)),
                c.example,
                "; ".join(c.headers[1:]),
            ]
        )
    for letter, width in zip("ABCDEFG", (28, 26, 26, 10, 50, 22, 60), strict=True):
        guide.column_dimensions[letter].width = width
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
