"""Columns of a quota cross-table: the unit, the year as rows, and measures (assigned quota, pending
cut, present) whose category and year the header names ("Biên chế công chức / Năm 2021",
"Số lượng người làm việc / Có mặt", "Giảm chờ HĐND phê duyệt"). ``validate._extract_wide`` melts
the recognised columns into quota rows."""

from __future__ import annotations

import re
from typing import Any

from analytics.ingest.headers import STT, UNIT_REF, YEAR, Dictionary, category_in, header_key
from analytics.ingest.normalize import ascii_key

STT_DICT = Dictionary([("_stt", STT)])
UNIT_DICT = Dictionary([("unit_code", UNIT_REF)])
_COMPUTED = ("tang", "so voi", "chenh lech", "ty le", "%", "con lai", "chua tuyen", "thua", "thieu")
# Counts of people who left under a reduction policy ("Tinh giản biên chế năm 2022"): never quotas.
REDUCTION_WORDS = ("tinh gian", "giam bien che", "nghi huu truoc tuoi", "thoi viec")

_YEAR_DIM = ("nam", "nam giao", "nam ke hoach", "nam bao cao", "nam so lieu")
_QUOTA_WORDS = ("bien che", "giao", "so luong", "chi tieu", "nguoi lam viec")


def match_wide(parts: list[str]) -> tuple[str, int, tuple[tuple[str, Any], ...]] | None:
    """A column of a quota cross-table: the unit, the year (as rows), or a measure (assigned quota,
    pending cut, present) whose category and year come from its header when it names them."""
    for p in reversed(parts):
        if hit := UNIT_DICT.lookup(p):
            return "unit_code", hit[1], ()
        if STT_DICT.lookup(p):
            return "_stt", 0, ()
    folded = [ascii_key(header_key(p)) for p in parts]
    if folded and all(f in _YEAR_DIM for f in folded):
        return "year", 0, ()
    joined = ascii_key(" ".join(parts))
    if "sinh" in joined:
        return None  # "Ngày, tháng, năm sinh": a person's birth, never a quota year
    cat = next((c for p in parts if (c := category_in(p))), None)
    years = YEAR.findall(joined)
    year = int(years[-1]) if years else None
    if (
        ("cho" in joined and ("phe duyet" in joined or "giam" in joined))
        or "chua phe duyet" in joined
        or "de nghi giam" in joined
    ):
        return "cut_pending", 0, (("category", cat), ("year", year))
    if "co mat" in joined or "hien co" in joined:
        return "present", 0, (("category", cat), ("year", year))
    if any(w in joined for w in REDUCTION_WORDS) or any(w in joined for w in _COMPUTED):
        return None
    if any(w in joined for w in _QUOTA_WORDS) and (year is not None or cat is not None):
        return "quota_year", 0, (("category", cat), ("year", year))
    if year is not None and any(re.fullmatch(rf"(nam )?{year}", f) for f in folded):
        return "quota_year", 0, (("category", cat), ("year", year))  # "2021" / "Năm 2021" under a quota group
    return None
