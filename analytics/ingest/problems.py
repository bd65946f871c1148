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


class ProblemCap:
    """Keeps the first ``limit`` problems of each (code, severity) of one file and counts the rest.

    A bad upload of a million rows could otherwise hold a million problems (and the Import page
    would render them): the rest of each code becomes one ``problems_more`` problem "… and K more
    rows" carrying the message of the last one dropped, with the same severity, so an upload
    with errors stays rejected."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.kept: dict[tuple[str, str], int] = {}
        self.dropped: dict[tuple[str, str], tuple[int, Problem]] = {}

    def take(self, code: str, severity: str) -> bool:
        """Count one problem of ``code``; True when it is to be kept."""
        k = (code, severity)
        n = self.kept.get(k, 0)
        if n < self.limit:
            self.kept[k] = n + 1
            return True
        return False

    def drop(self, problem: Problem) -> None:
        k = (problem.code, problem.severity)
        self.dropped[k] = (self.dropped.get(k, (0, problem))[0] + 1, problem)

    def add(self, out: list[Problem], problems: list[Problem]) -> None:
        """Append ``problems`` to ``out`` within the limit; count the others."""
        for p in problems:
            if self.take(p.code, p.severity):
                out.append(p)
            else:
                self.drop(p)

    def summary(self, file: str | None) -> list[Problem]:
        """One ``problems_more`` problem per code that went over the limit."""
        return [
            Problem(
                "problems_more",
                severity,
                file,
                params={"count": n, "code": code, "message_vi": last.message("vi"), "message_en": last.message("en")},
            )
            for (code, severity), (n, last) in self.dropped.items()
        ]


def has_errors(problems: list[Problem]) -> bool:
    return any(p.severity == "error" for p in problems)


def problems_xlsx(problems: list[Problem]) -> bytes:
    """The problems table as an .xlsx download (headers are the column codes; the UI labels them).
    A file's own values ("=HYPERLINK(…)") are written as text, never as formulas."""
    from analytics.safe_export import to_xlsx_bytes

    return to_xlsx_bytes(problems_frame(problems), sheet_name="problems")
