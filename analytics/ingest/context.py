"""What a sheet says outside its columns: the as-of date, the payroll month and the unit, taken from
the title block or the sheet name when no column holds them (CLI ``--as-of`` wins over the title)."""

from __future__ import annotations

import re
from datetime import date

import numpy as np

from analytics.ingest.headers import YEAR, title_category, title_years
from analytics.ingest.normalize import find_date_in_text
from analytics.ingest.problems import Problem
from analytics.ingest.reader import col_letter
from analytics.ingest.validate import Context, Sheetwork

_UNTIL_DATE = re.compile(r"\bđến\s+\d{1,2}/\d{1,2}/\d{4}")  # "DANH SÁCH CÁN BỘ ĐẾN 31/12/2024"


def _title_date(title: list[str]) -> date | None:
    for t in title:
        low = t.lower()
        if "đến ngày" in low or "tính đến" in low or "thời điểm" in low or "den ngay" in low or _UNTIL_DATE.search(low):
            if d := find_date_in_text(t):
                return d
    return None


_MONTH = re.compile(r"(?i)(?:th[áa]ng|\bT)\s*(\d{1,2})\s*(?:n[ăa]m|[/.\-])\s*((?:19|20)\d{2})")
_SHEET_MONTH = re.compile(r"(?i)^(?:t|th[áa]ng)\s*0?(\d{1,2})$")


def fill_context(w: Sheetwork, ctx: Context) -> None:
    """As-of date and unit from outside the columns (CLI --as-of, title block, sheet name)."""
    names = {c.name for c in w.kind.columns}
    n = len(w.raw)
    if "as_of" in names and "as_of" not in w.raw and w.kind.column("as_of").required:
        titled = _title_date(w.rec.title)
        found = ctx.as_of or titled
        if ctx.as_of is not None and titled is not None and titled != ctx.as_of:
            w.emit(
                "as_of_title_differs",
                None,
                None,
                "warning",
                as_of=ctx.as_of.strftime("%d/%m/%Y"),
                title=titled.strftime("%d/%m/%Y"),
            )
        if found is None:
            w.emit("as_of_missing", None, None)
        else:
            if ctx.as_of is None:
                w.emit("as_of_from_title", None, None, "warning", as_of=found.strftime("%d/%m/%Y"))
            w.raw["as_of"] = np.full(n, found.isoformat(), dtype=object)
            w.labels["as_of"] = "--as-of"
    elif "as_of" in names and "as_of" not in w.raw and ctx.as_of is not None:
        w.raw["as_of"] = np.full(n, ctx.as_of.isoformat(), dtype=object)
    if "month" in names and "month" not in w.raw:
        month = _month_of(w.rec.title, w.rec.sheet.name)
        if month is not None and not 1 <= int(month[0][:2]) <= 12:
            row, col = _cell_of(w, month[2])
            w.problems.append(
                Problem(
                    "month_title_invalid",
                    "error",
                    w.rec.sheet.file,
                    w.rec.sheet.name,
                    row,
                    col,
                    month[2],
                    {"month": month[0]},
                )
            )
        elif month is not None:
            w.raw["month"] = np.full(n, month[0], dtype=object)
            w.labels["month"] = month[1]
    if w.kind.name == "quota":
        # "BIÊN CHẾ CÔNG CHỨC GIAO NĂM 2025": the year and the category a quota list leaves out.
        years = title_years(w.rec.title)
        if "year" not in w.raw and len(years) == 1:
            w.raw["year"] = np.full(n, str(years.pop()), dtype=object)
            w.labels["year"] = "tiêu đề"
        category = title_category(w.rec.title, w.kind.allowed("category"))
        if "category" not in w.raw and category is not None:
            w.raw["category"] = np.full(n, category, dtype=object)
            w.labels["category"] = "tiêu đề"
    # A unit the table leaves out is the one its title (or sheet name) names: the unit of a roster,
    # the sender of an agency's secondment list, the receiving commune of a commune's list.
    missing = [c.name for c in w.kind.columns if c.type == "unit" and c.required and c.name not in w.raw]
    if len(missing) == 1:
        code, candidates = ctx.units.find_in_text(w.rec.title[:8])
        source = "tiêu đề"
        if code is None and not candidates:
            code, candidates = ctx.units.resolve(w.rec.sheet.name)
            source = "tên trang tính"
        if code:
            w.raw[missing[0]] = np.full(n, code, dtype=object)
            w.labels[missing[0]] = source
            w.emit(
                "unit_from_title",
                None,
                None,
                "warning",
                unit=ctx.units.name(code),
                source={"vi": source, "en": "title" if source == "tiêu đề" else "sheet name"},
            )
        elif candidates:
            w.emit("ambiguous_unit_title", None, None, candidates=", ".join(ctx.units.label(c) for c in candidates))


def _cell_of(w: Sheetwork, text: str) -> tuple[int | None, str | None]:
    """Excel row and column letter of a title line (a message names the cell it came from)."""
    rec = w.rec
    for i, row in enumerate(rec.grid[: len(rec.row_numbers)]):
        for j, v in enumerate(row):
            if v is not None and str(v) == text:
                return int(rec.row_numbers[i]), col_letter(j)
    return None, None


def _month_of(title: list[str], sheet: str) -> tuple[str, str, str] | None:
    """A payroll's month: "Tháng 3 năm 2025" / "THÁNG 01/2025" in the title, else a sheet "T3" or
    "Tháng 3" with the year of the title."""
    for text in title[:8]:
        if m := _MONTH.search(text):
            return f"{int(m.group(1)):02d}/{m.group(2)}", "tiêu đề", text
    m = _MONTH.search(sheet) or _SHEET_MONTH.match(sheet.strip())
    years = {y for t in title[:8] for y in YEAR.findall(t)}
    if m and m.lastindex == 2:
        return f"{int(m.group(1)):02d}/{m.group(2)}", "tên trang tính", sheet
    if m and len(years) == 1:
        return f"{int(m.group(1)):02d}/{years.pop()}", "tên trang tính", sheet
    return None
