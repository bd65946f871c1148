"""A problem found while importing: where (file, sheet, Excel row, column), what, how serious."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

import pandas as pd

from analytics.ingest.messages import render

PROBLEM_COLUMNS = ("file", "sheet", "row", "column", "value", "code", "severity", "message_vi", "message_en")


@dataclass(frozen=True)
class Problem:
    """``row`` is the row number Excel shows (1-based); ``severity`` is 'error' or 'warning'."""

    code: str
    severity: str = "error"
    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: str | None = None
    params: dict[str, Any] = field(default_factory=dict)

    def message(self, lang: str = "vi") -> str:
        return render(self.code, self.params, lang)

    def as_row(self) -> dict[str, Any]:
        d = asdict(self)
        d.pop("params")
        d["message_vi"] = self.message("vi")
        d["message_en"] = self.message("en")
        return d


def problems_frame(problems: list[Problem]) -> pd.DataFrame:
    """Problems as a table (errors first, then by file, sheet, row) for the UI and the CLI."""
    df = pd.DataFrame([p.as_row() for p in problems], columns=list(PROBLEM_COLUMNS))
    if df.empty:
        return df
    df["_s"] = (df["severity"] != "error").astype(int)
    df = df.sort_values(["_s", "file", "sheet", "row"], kind="stable", na_position="first").drop(columns="_s")
    return df.reset_index(drop=True)


def has_errors(problems: list[Problem]) -> bool:
    return any(p.severity == "error" for p in problems)


def problems_xlsx(problems: list[Problem]) -> bytes:
    """The problems table as an .xlsx download (headers are the column codes; the UI labels them)."""
    import io

    buf = io.BytesIO()
    problems_frame(problems).to_excel(buf, index=False, sheet_name="problems", engine="openpyxl")
    return buf.getvalue()
