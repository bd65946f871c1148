"""Reporting-cycle page pieces: period names, status labels, table specs, the reminder text."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from analytics.ingest.kinds import KINDS
from ui import format as fmt
from ui.labels import code, t
from ui.tables import Spec

STATUS_SYMBOL = {"sent": "✓", "late": "◷", "with_errors": "✗", "returned": "↩", "missing": "■", "not_due": "○"}
TRACKER_SPEC: Spec = (
    ("name", "col.unit", "text"),
    ("kind_label", "rep.col_kind", "text"),
    ("due_date", "rep.col_due", "date"),
    ("status_label", "rep.col_status", "text"),
    ("review_label", "rep.col_review", "text"),
    ("last_good_at", "rep.col_last_good_at", "datetime"),
    ("last_good_by", "rep.col_last_good_by", "text"),
    ("submissions", "rep.col_files", "int"),
)
MISSING_SPEC: Spec = (
    ("unit_code", "rep.col_unit_code", "text"),
    ("name", "col.unit", "text"),
    ("kind_label", "rep.col_kind", "text"),
    ("due_date", "rep.col_due", "date"),
    ("status_label", "rep.col_status", "text"),
)
SUBMISSION_SPEC: Spec = (
    ("submission_id", "rep.col_id", "text"),
    ("unit_name", "col.unit", "text"),
    ("kind_label", "rep.col_kind", "text"),
    ("status_label", "rep.col_status", "text"),
    ("submitted_at", "rep.col_submitted_at", "datetime"),
    ("submitted_by", "rep.col_submitted_by", "text"),
    ("file_name", "rep.col_file", "text"),
    ("rows_total", "rep.col_rows", "int"),
    ("errors", "rep.col_errors", "int"),
    ("review_reason", "rep.col_reason", "text"),
)
PROBLEM_SPEC: Spec = (
    ("sheet", "rep.col_sheet", "text"),
    ("row", "rep.col_row", "text"),
    ("column", "rep.col_column", "text"),
    ("value", "rep.col_value", "text"),
    ("severity_label", "rep.col_severity", "text"),
    ("message", "rep.col_message", "text"),
)
TOTALS_SPEC: Spec = (
    ("column", "rep.col_measure", "text"),
    ("before", "rep.col_before", "int"),
    ("after", "rep.col_after", "int"),
    ("change", "rep.col_change", "int"),
)
CHANGES_SPEC: Spec = (
    ("key", "rep.col_key", "text"),
    ("column", "rep.col_measure", "text"),
    ("before", "rep.col_before_value", "text"),
    ("after", "rep.col_after_value", "text"),
)
CARDS = ("sent", "late", "with_errors", "returned", "missing", "not_due")


def period_label(period_id: str, lang: str) -> str:
    """'2026-Q3' -> 'Quý 3/2026'; '2026-T09' -> 'Tháng 09/2026'; '2026-H2' -> '6 tháng cuối năm 2026'."""
    year, part = period_id.split("-", 1)
    return t(f"rep.period_{part[0]}{part[1:] if part[0] == 'H' else ''}", lang, n=part[1:], year=year)


def status_label(status: str | None, lang: str) -> str:
    return f"{STATUS_SYMBOL.get(status or '', '')} {t(f'rep.status.{status}', lang)}".strip() if status else ""


def tracker_frame(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The tracker rows with their labels (kind, status, review) for the tables and downloads."""
    out = df.copy()
    out["kind_label"] = [code(k, lang) for k in out["data_kind"]]
    out["status_label"] = [status_label(s, lang) for s in out["status"]]
    out["review_label"] = [t(f"rep.review.{r}", lang) if isinstance(r, str) else "" for r in out["review"]]
    return out


def submissions_frame(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    out = df.copy()
    out["kind_label"] = [code(k, lang) for k in out["data_kind"]]
    out["status_label"] = [code(s, lang) for s in out["status"]]
    return out


def problems_frame(problems: list[dict[str, Any]], lang: str) -> pd.DataFrame:
    rows = [
        {
            **p,
            "message": p.get(f"message_{lang}") or p.get("message_vi"),
            "severity_label": t(f"rep.severity.{p.get('severity')}", lang),
            "row": "" if p.get("row") is None else str(p["row"]),
        }
        for p in problems
    ]
    return pd.DataFrame(rows, columns=[c for c, _, _ in PROBLEM_SPEC])


def named_columns(df: pd.DataFrame, data_kind: str) -> pd.DataFrame:
    """A diff frame with its ``column`` named as the kind's template heads it ("Biên chế được giao")."""
    kind = KINDS[data_kind]
    names = {c.name: c.headers[0] if c.headers else c.name for c in kind.columns}
    return df.assign(column=[names.get(c, c) for c in df["column"]])


def reminder(unit_name: str, rows: pd.DataFrame, period_id: str, today: date, lang: str) -> str:
    """The reminder letter's text for one unit: each kind still owed, why, and by when."""
    lines = []
    for r in rows.itertuples():
        why = t(
            f"rep.remind.{r.status}",
            lang,
            errors=fmt.number(r.latest_errors, lang),
            reason=r.latest_reason if isinstance(r.latest_reason, str) else "",
        )
        lines.append(t("rep.remind.line", lang, kind=code(r.data_kind, lang), due=fmt.day(r.due_date), why=why))
    return t(
        "rep.remind.text",
        lang,
        unit=unit_name,
        period=period_label(period_id, lang),
        today=fmt.day(today),
        lines="\n".join(lines),
    )
