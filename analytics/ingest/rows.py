"""Row classification of a recognised sheet: data, totals and subtotals, sections, footer, hidden,
column-number rows (see ``recognise`` for the rules)."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import numpy as np
import pandas as pd

from analytics.ingest.headers import category_in
from analytics.ingest.normalize import ascii_key, is_roman
from analytics.ingest.recognised import Recognised

_TOKEN = re.compile(r"^\(?\s*([0-9]{1,3}|[a-zA-Z])\s*\)?\*?$")
_FORMULA = re.compile(r"^[\(\)0-9a-zA-Z\s=+\-*/x×.,:%]+$")
# Matched on the NFC lower-case text: "cộng" (a subtotal) and "công chức" differ only by a diacritic.
_GRAND = re.compile(r"^(tổng cộng|tổng số|tổng|toàn thành phố|toàn tỉnh|toàn ngành|tong cong|tong so)(\W|$)")
_SUB = re.compile(r"^(cộng|khối|trong đó|cong(?! chuc)|khoi)(\W|$)")
_FOOTER = re.compile(
    r"^(ghi chu|noi nhan|nguoi lap|thu truong|xac nhan|ky ten|giam doc|chu tich|hieu truong|"
    r"pho hieu truong|truong tram|truong ban|bi thu|so tien bang chu|bang chu|"
    r"t/m|tm\b|kt\b|lanh dao|pho giam doc|ke toan|chu thich)|ngay .{0,12}thang .{0,12}nam"
    r"|^\(ky|^\*"
)
# The place-and-date line and the distribution list end a table wherever they stand in the row.
_FOOTER_ANYWHERE = re.compile(r"ngay .{0,12}thang .{0,12}nam|^noi nhan")
NOTE = re.compile(r"^\[.*\]$", re.DOTALL)  # the note row of our own templates
_KEY_FIELDS = {
    "birth_date",
    "_gender_col",
    "quota_year",
    "quota_assigned",
    "start_date",
    "month",
    "salary_coef",
    "year",
    "route",
    "unit_type",
}
_ARABIC = re.compile(r"^\d+[.)]?$")
_SECTION_PREFIX = re.compile(r"^([ivxlc]+|[a-d])[.)]\s")


def is_colnum_row(values: list[str]) -> bool:
    vals = [v.strip() for v in values if v is not None and str(v).strip()]
    if len(vals) < 2:
        return False
    nums = []
    for v in vals:
        if "=" in v and _FORMULA.match(v):
            continue
        m = _TOKEN.match(v)
        if not m:
            return False
        if m.group(1).isdigit():
            nums.append(int(m.group(1)))
    return all(b > a for a, b in zip(nums, nums[1:], strict=False))


def _fold(text: Any) -> str:
    if text is None:
        return ""
    s = str(text).strip()
    if s.isascii():
        return s.lower()
    return ascii_key(unicodedata.normalize("NFC", s))


def _is_number(v: Any) -> bool:
    """An STT such as "12", " 12.", "12)": ``str.isdecimal`` first (what ``\\d+`` matches, 10x faster)."""
    return (type(v) is str and v.isdecimal()) or (v is not None and _ARABIC.match(str(v).strip()) is not None)


def _nonempty_rows(grid: np.ndarray) -> np.ndarray:
    """Rows with a non-blank cell (``pd.notna(grid).any(axis=1)``), a column at a time and only
    for the rows still blank: in a roster the first column already settles nearly every row, so
    100.000 cells are looked at instead of all 1,4 million (0.07 s)."""
    found = np.zeros(len(grid), dtype=bool)
    todo = np.arange(len(grid))
    for c in range(grid.shape[1]):
        hit = pd.notna(grid[todo, c])
        found[todo[hit]] = True
        todo = todo[~hit]
        if not len(todo):
            break
    return found


def classify(rec: Recognised, grid: np.ndarray, rows: np.ndarray, start: int, value_cols: list[int]) -> None:
    stt_col = next((m.col for m in rec.columns if m.field == "_stt"), None)
    label_field = {
        "person": "full_name",
        "unit": "name",
        "quota": "unit_code",
        "quota_wide": "unit_code",
        "reduction_case": "full_name",
        "training": "course_name",
    }.get(rec.kind or "", "")
    label_col = next((m.col for m in rec.columns if m.field == label_field), None)
    first_cols = list(range(min(3, grid.shape[1])))
    key_cols = [m.col for m in rec.columns if m.field in _KEY_FIELDS]
    nonempty: Any = _nonempty_rows(grid[start:]) if len(grid) else []
    hidden = rec.sheet.hidden_rows
    skipped = rec.skipped
    # Rows numbered 1, 2, 3 … in the STT column and not hidden are data (unless the footer has
    # begun): found in one pass and added a block at a time; the loop below sees only the others.
    numbered = np.zeros(len(nonempty), dtype=bool)
    if stt_col is not None and len(nonempty):
        numbered = np.fromiter((_is_number(v) for v in grid[start:, stt_col]), dtype=bool, count=len(nonempty))
        if hidden:
            numbered &= ~np.isin(rows[start:], np.fromiter(hidden, dtype=np.int64, count=len(hidden)))
    state: dict[str, Any] = {"section": None, "footer": False, "next": start}

    def take_numbered(upto: int) -> None:
        """The numbered rows between the last row looked at and ``upto``."""
        found = (np.flatnonzero(numbered[state["next"] - start : upto - start]) + state["next"]).tolist()
        state["next"] = upto + 1
        if not found:
            return
        taken = [int(r) for r in rows[found]]
        if state["footer"]:
            skipped.setdefault("footer", []).extend(taken)
        else:
            rec.data_rows.extend(taken)
            rec.section_category.update(dict.fromkeys(taken, state["section"]))

    for i in (np.flatnonzero(np.asarray(nonempty, dtype=bool) & ~numbered) + start).tolist():
        take_numbered(i)
        section, footer = state["section"], state["footer"]
        r = int(rows[i])
        if footer:
            skipped.setdefault("footer", []).append(r)
            continue
        if r in hidden:
            skipped.setdefault("hidden", []).append(r)
            continue
        row = grid[i]
        stt = row[stt_col] if stt_col is not None else None
        stt_s = str(stt).strip() if stt is not None else ""
        if stt_s and _ARABIC.match(stt_s):
            rec.data_rows.append(r)
            rec.section_category[r] = section
            continue
        label = row[label_col] if label_col is not None else None
        texts = [t for t in (stt_s, label, *(row[c] for c in first_cols)) if t is not None and str(t).strip()]
        folded = [_fold(t) for t in texts]
        # A footer line carries no data: a row with a birth date, a quota, a start date … is data,
        # whatever its first words ("Lưu Văn A" is a name, not the "Lưu: VT" of a distribution list).
        cells = [_fold(v) for v in row if v is not None and str(v).strip()]
        if (
            (cells and all(_FOOTER.search(f) for f in cells))
            or not any(row[c] is not None for c in key_cols)
            and (
                any(_FOOTER.search(f) for f in folded)
                or any(_FOOTER_ANYWHERE.search(_fold(v)) for v in row if v is not None and type(v) is str)
            )
        ):
            state["footer"] = True
            skipped.setdefault("footer", []).append(r)
            continue
        if is_colnum_row([row[c] for c in range(grid.shape[1])]):
            skipped.setdefault("colnum", []).append(r)
            continue
        has_values = any(row[c] is not None and str(row[c]).strip() not in ("", "-") for c in value_cols)
        lowered = [unicodedata.normalize("NFC", str(t)).strip().lower() for t in texts]
        if not is_roman(stt_s) and any(_GRAND.match(f) for f in lowered):
            skipped.setdefault("total", []).append(r)
            rec.grand_totals.append(r)
            continue
        if not is_roman(stt_s) and any(_SUB.match(f) for f in lowered):
            skipped.setdefault("total", []).append(r)
            continue
        prefixed = next((t for t, f in zip(texts, folded, strict=False) if _SECTION_PREFIX.match(f)), None)
        if is_roman(stt_s) or (not stt_s and prefixed is not None):
            if has_values and rec.kind in ("quota", "quota_wide"):
                skipped.setdefault("total", []).append(r)  # a group row carrying its subtotal
                continue
            section_text = " ".join(str(t) for t in texts)
            state["section"] = (
                category_in(section_text)
                if rec.kind in ("person", "reduction_case")
                else section_text
                if rec.kind == "training"
                else section
            )
            skipped.setdefault("section", []).append(r)
            continue
        rec.data_rows.append(r)
        rec.section_category[r] = section
    take_numbered(len(rows))
