"""One recognised sheet checked: validate (extract, convert, derive, check), its notes (rows skipped,
columns ignored, totals that do not add up) and its line in the preview."""

from __future__ import annotations

import time
from typing import Any

import pandas as pd

from analytics.ingest import rules
from analytics.ingest.context import fill_context
from analytics.ingest.headers import YEAR
from analytics.ingest.messages import number
from analytics.ingest.normalize import is_blank_number, parse_int
from analytics.ingest.problems import Problem, ProblemCap
from analytics.ingest.recognise import Recognised
from analytics.ingest.validate import (
    Context,
    Sheetwork,
    check_columns,
    check_required,
    convert,
    extract,
)


class Clock:
    """Adds the seconds since the last call to ``timings[step]`` (the benchmark's split)."""

    def __init__(self, timings: dict[str, float]) -> None:
        self.timings, self.t = timings, time.perf_counter()

    def __call__(self, step: str) -> None:
        now = time.perf_counter()
        self.timings[step] = self.timings.get(step, 0.0) + now - self.t
        self.t = now


def summary(rec: Recognised, rows: int) -> dict[str, Any]:
    sk = rec.skipped
    return {
        "file": rec.sheet.file,
        "sheet": rec.sheet.name,
        "kind": rec.kind,
        "header_rows": f"{rec.header_rows[0]}-{rec.header_rows[1]}" if rec.kind else None,
        "columns": ", ".join(f"{m.label} → {m.field}" for m in rec.columns if not m.field.startswith("_stt")),
        "data_rows": len(rec.data_rows),
        "rows": rows,
        "skipped_total": len(sk.get("total", [])),
        "skipped_section": len(sk.get("section", [])),
        "skipped_hidden": len(sk.get("hidden", [])),
        "skipped_footer": len(sk.get("footer", [])),
        "ignored_columns": ", ".join(h for _, h in rec.ignored),
    }


def _fmt_rows(rows: list[int]) -> str:
    return ", ".join(map(str, rows[:10])) + (" …" if len(rows) > 10 else "")


def notes(rec: Recognised) -> list[Problem]:
    """Rows skipped (totals, sections, hidden, column numbers, footer) and columns ignored."""
    f, s = rec.sheet.file, rec.sheet.name
    out = []
    for reason, code in (
        ("total", "rows_skipped_total"),
        ("section", "rows_skipped_section"),
        ("hidden", "rows_skipped_hidden"),
        ("colnum", "rows_skipped_colnum"),
    ):
        rows = rec.skipped.get(reason, [])
        if rows:
            out.append(
                Problem(code, "warning", f, s, rows[0], None, None, {"count": len(rows), "rows": _fmt_rows(rows)})
            )
    if rows := rec.skipped.get("footer", []):
        out.append(
            Problem("rows_skipped_footer", "warning", f, s, rows[0], None, None, {"count": len(rows), "first": rows[0]})
        )
    for _c, h in rec.ignored:
        out.append(Problem("column_ignored", "warning", f, s, rec.header_rows[0], None, None, {"header": h}))
    return out


def _row_year(cells: pd.DataFrame, row: int, year_col: int | None) -> int | None:
    """The year a row is about: its year cell, else a year written in its text ("Tổng cộng năm 2021")."""
    texts = [cells.at[row, year_col]] if year_col is not None else []
    texts += [v for v in cells.loc[row] if isinstance(v, str)]
    for t in texts:
        if t is not None and (m := YEAR.search(str(t))):
            return int(m.group(1))
    return None


def _check_totals(w: Sheetwork) -> None:
    """A quota sheet's grand-total row must equal the sum of its data rows, column by column; when
    years are rows, a total row counts the rows of its own year (a total with no year is not checked)."""
    rec = w.rec
    if not rec.grand_totals or w.kind.name != "quota":
        return
    cells = rec.sheet.cells
    year_col = next((m.col for m in rec.columns if m.field == "year"), None)
    value_cols = [m for m in rec.columns if m.field in ("quota_year", "quota_assigned", "cut_pending", "present")]
    for total_row in rec.grand_totals if year_col is not None else rec.grand_totals[:1]:
        rows = rec.data_rows
        if year_col is not None:
            year = _row_year(cells, total_row, year_col)
            if year is None:
                continue
            rows = [r for r in rows if _row_year(cells, r, year_col) == year]
        for m in value_cols:
            stated_text = cells.at[total_row, m.col]
            try:
                stated = 0 if is_blank_number(stated_text) else parse_int(str(stated_text))
                computed = sum(0 if is_blank_number(v) else parse_int(str(v)) for v in cells.loc[rows, m.col])
            except ValueError:
                continue
            if stated != computed:
                w.problems.append(
                    Problem(
                        "totals_mismatch",
                        "error",
                        rec.sheet.file,
                        rec.sheet.name,
                        total_row,
                        m.label,
                        None if stated_text is None else str(stated_text),
                        {"stated": number(stated), "computed": number(computed)},
                    )
                )


def validate(rec: Recognised, ctx: Context, timings: dict[str, float], cap: ProblemCap | None = None) -> Sheetwork:
    """Typed rows and problems of one sheet; units of a unit sheet join ``ctx`` for later sheets."""
    clock = Clock(timings)
    w = extract(rec, ctx)
    w.cap = cap
    if w.kind.name == "unit" and "unit_code" in w.raw and "name" in w.raw:
        ctx.units.add(pd.DataFrame({"unit_code": w.raw["unit_code"], "name": w.raw["name"]}).dropna())
    fill_context(w, ctx)
    clock("extract")
    if not check_columns(w) or any(p.code in ("as_of_missing", "month_title_invalid") for p in w.problems):
        return w
    convert(w, ctx)
    clock("convert")
    rules.derive(w, ctx)
    check_required(w)
    clock("derive")
    rules.check(w, ctx)
    _check_totals(w)
    clock("check")
    return w
