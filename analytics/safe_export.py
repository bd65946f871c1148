"""Spreadsheet and CSV exports that cannot run formulas (CSV/formula injection, OWASP).

Any text cell that begins with ``=``, ``+``, ``-``, ``@``, a tab, a carriage return or a line feed
is written as text with a single quote in front (``=HYPERLINK(…)`` → ``'=HYPERLINK(…)``), so Excel
and LibreOffice show it instead of evaluating it. Numbers, dates and booleans stay what they are
(a negative *number* is not touched; the text ``"-5"`` is). Column headers are treated the same way.

Usage from a page or the CLI (the caller picks the rows — already scoped, and person-level only for
a role that may see them — and the Vietnamese headers, which belong to the UI's labels)::

    payload = safe_export.to_xlsx_bytes(df, sheet_name="Tăng cường", headers={"full_name": "Họ và tên"})
    audit.record(con, username=user.username, event="export", target="secondment",
                 detail=safe_export.describe(payload, df, fmt="xlsx"))
"""

from __future__ import annotations

import hashlib
import io
import math
from collections.abc import Mapping
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")
DATE_FORMAT = "DD/MM/YYYY"
DATETIME_FORMAT = "DD/MM/YYYY HH:MM"
MAX_SHEET_NAME = 31  # Excel's limit
_SHEET_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})


def neutralise_text(value: str) -> str:
    """``'`` + value when it begins with a character a spreadsheet would read as a formula."""
    return "'" + value if value.startswith(DANGEROUS_PREFIXES) else value


def neutralise(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` whose text cells (and column names) can no longer start a formula."""
    out = df.copy()
    for col in out.columns:
        series = out[col]
        if (
            pd.api.types.is_numeric_dtype(series)
            or pd.api.types.is_bool_dtype(series)
            or pd.api.types.is_datetime64_any_dtype(series)
        ):
            continue
        out[col] = series.map(lambda v: neutralise_text(v) if isinstance(v, str) else v)
    out.columns = [neutralise_text(c) if isinstance(c, str) else c for c in out.columns]
    return out


def _renamed(df: pd.DataFrame, headers: Mapping[str, str] | None) -> pd.DataFrame:
    return df.rename(columns=dict(headers)) if headers else df


def _cell_value(value: Any) -> Any:
    """A value openpyxl writes as a constant (never a formula), or None for missing."""
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, datetime) and value.tzinfo is not None:
        value = value.replace(tzinfo=None)  # Excel has no time zones
    if isinstance(value, bool | int | float | Decimal | date | time):
        return value
    if isinstance(value, pd.Timedelta):
        return str(value)
    text = value if isinstance(value, str) else str(value)
    # Control characters other than tab/CR/LF are not allowed in the xlsx XML.
    return neutralise_text(ILLEGAL_CHARACTERS_RE.sub("", text))


def _sheet_title(sheet_name: str) -> str:
    title = sheet_name.translate(_SHEET_FORBIDDEN).strip().strip("'")[:MAX_SHEET_NAME]
    return title or "Sheet1"


def to_xlsx_bytes(df: pd.DataFrame, *, sheet_name: str, headers: Mapping[str, str] | None = None) -> bytes:
    """One-sheet .xlsx of ``df`` (no index): header row in bold, frozen, dates as dd/mm/yyyy.

    ``headers`` maps column names to display headers (columns not in it keep their name).
    """
    data = neutralise(_renamed(df, headers))
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(_sheet_title(sheet_name))
    ws.freeze_panes = "A2"
    widths = []
    for i, col in enumerate(data.columns, start=1):
        text = str(col)
        widths.append(min(max(len(text), 8) + 2, 60))
        ws.column_dimensions[get_column_letter(i)].width = widths[-1]
    header_cells = []
    for col in data.columns:
        cell = WriteOnlyCell(ws, value=_cell_value(str(col)))
        cell.font = Font(bold=True)
        cell.data_type = "s"
        header_cells.append(cell)
    ws.append(header_cells)
    for row in data.itertuples(index=False, name=None):
        cells = []
        for value in row:
            v = _cell_value(value)
            cell = WriteOnlyCell(ws, value=v)
            if isinstance(v, str):
                cell.data_type = "s"  # belt and braces: text is never a formula
            elif isinstance(v, datetime):
                cell.number_format = DATETIME_FORMAT
            elif isinstance(v, date):
                cell.number_format = DATE_FORMAT
            cells.append(cell)
        ws.append(cells)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def to_csv_bytes(df: pd.DataFrame, headers: Mapping[str, str] | None = None) -> bytes:
    """CSV of ``df`` (no index) in UTF-8 with a BOM, so Excel opens Vietnamese text correctly.

    Dates are ISO (yyyy-mm-dd): a CSV is for machines; people get the .xlsx.
    """
    data = neutralise(_renamed(df, headers))
    text = data.to_csv(index=False, lineterminator="\r\n")
    return text.encode("utf-8-sig")


def describe(payload: bytes, df: pd.DataFrame, *, fmt: str) -> dict[str, Any]:
    """What the audit log keeps about an export: fingerprint and size, never the cell values."""
    return {
        "format": fmt,
        "sha256": hashlib.sha256(payload).hexdigest(),
        "size_bytes": len(payload),
        "rows": int(len(df)),
        "columns": int(len(df.columns)),
    }
