"""Import page pieces: problem and preview tables in the UI language, batch history."""

from __future__ import annotations

import json

import pandas as pd

from ui.format import number
from ui.labels import code, t
from ui.tables import Spec

PROBLEM_SPEC: Spec = (
    ("file", "imp.col_file", "text"),
    ("sheet", "imp.col_sheet", "text"),
    ("row", "imp.col_row", "text"),
    ("column", "imp.col_column", "text"),
    ("value", "imp.col_value", "text"),
    ("message", "imp.col_message", "text"),
    ("code", "imp.col_code", "text"),
)
PREVIEW_SPEC: Spec = (
    ("file", "imp.col_file", "text"),
    ("sheet", "imp.col_sheet", "text"),
    ("kind", "imp.col_kind", "code"),
    ("header_rows", "imp.col_header_rows", "text"),
    ("rows", "imp.col_rows", "int"),
    ("skipped_total", "imp.col_skipped_total", "int"),
    ("skipped_section", "imp.col_skipped_section", "int"),
    ("skipped_hidden", "imp.col_skipped_hidden", "int"),
    ("skipped_footer", "imp.col_skipped_footer", "int"),
    ("columns", "imp.col_columns", "text"),
)
HISTORY_SPEC: Spec = (
    ("batch_id", "imp.col_batch", "text"),
    ("kind", "imp.col_batch_kind", "code"),
    ("status", "col.status", "code"),
    ("created_at", "imp.col_created_at", "datetime"),
    ("created_by", "imp.col_created_by", "text"),
    ("as_of", "about.as_of", "date"),
    ("files", "imp.col_files", "text"),
    ("rows_text", "imp.col_rows", "text"),
)


def problems_in(lang: str, problems: pd.DataFrame, severity: str) -> pd.DataFrame:
    """Problems of one severity with the message in the UI language."""
    part = problems[problems["severity"] == severity].copy()
    part["message"] = part["message_en" if lang == "en" else "message_vi"]
    part["row"] = part["row"].map(lambda r: "" if pd.isna(r) else str(int(r)))
    return part


def history_frame(batches: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """Batches with their rows per table as text, each table under its label ("Bảng lương: 679.409")."""

    def rows_text(raw: object) -> str:
        if not isinstance(raw, str) or not raw:
            return ""
        return "; ".join(f"{code(t, lang)}: {number(n, lang)}" for t, n in json.loads(raw).items())

    return batches.assign(rows_text=batches["rows_by_table"].map(rows_text))


def progress_text(step: str, lang: str) -> str:
    """The progress bar's text for a step of ``prepare`` / ``load`` ("read:<file>",
    "check:<file>:<sheet>", "stage:<file>:<sheet>", "upload", "load:<table>", "commit", "done")."""
    what, _, rest = step.partition(":")
    file, _, sheet = rest.partition(":")
    if what == "read":
        return t("imp.progress_read", lang, file=rest)
    if what in ("check", "stage"):
        return t("imp.progress_check", lang, file=file, sheet=sheet)
    if what == "upload":
        return t("imp.progress_upload", lang)
    if what == "load":
        return t("imp.progress_load", lang, table=code(rest, lang))
    if what == "commit":
        return t("imp.progress_commit", lang)
    return t("imp.checking", lang)
