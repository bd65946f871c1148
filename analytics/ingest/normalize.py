"""Text, number, date and code parsing for values as government spreadsheets write them.

Every parser takes the cell's text (the reader gives every cell as a string, no type guessing) and
returns the value or raises ``ValueError`` whose first argument is a message code of
``analytics.ingest.messages``. Blank cells are ``None`` before any parser sees them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

# Comparison keys live in analytics.text_keys (analytics.vocab needs them too, and ingest needs vocab:
# one module below both keeps the import graph acyclic); re-exported here for the importer's modules.
from analytics.text_keys import ascii_key as ascii_key
from analytics.text_keys import clean_text as clean_text
from analytics.text_keys import clean_texts as clean_texts
from analytics.text_keys import code_key as code_key
from analytics.text_keys import key as key

# ------------------------------------------------------------------------------------------------ numbers

_DASHES = {"-", "–", "—", "x0", "_"}
_CURRENCY = re.compile(r"(?i)(₫|vnđ|vnd|đồng|đ)$")
_THOUSANDS_DOT = re.compile(r"^-?\d{1,3}(\.\d{3})+$")
_THOUSANDS_COMMA = re.compile(r"^-?\d{1,3}(,\d{3})+$")


def is_blank_number(text: str | None) -> bool:
    """Blank or a dash: government tables write "-" for zero."""
    return text is None or text.strip() in _DASHES or text.strip() == ""


def parse_decimal(text: str, *, integer: bool = False) -> Decimal:
    """Vietnamese or machine number text -> Decimal: "1.694" (thousands), "4,40", "8,17%", "1694.0".

    A single dot followed by exactly three digits is ambiguous ("1.694"): a count or money column
    (``integer``) reads it as thousands, a coefficient column as a decimal point, because the reader
    renders numeric cells with a dot and Vietnamese text never uses a dot as a decimal point for
    such values.
    """
    s = text.strip().replace("\u00a0", "").replace(" ", "")
    s = _CURRENCY.sub("", s)
    pct = s.endswith("%")
    if pct:
        s = s[:-1]
    if s.startswith("(") and s.endswith(")"):
        s = "-" + s[1:-1]
    if "." in s and "," in s:
        # The last separator is the decimal one: "1.694,5" or "1,694.5".
        if s.rfind(",") > s.rfind("."):
            s = s.replace(".", "").replace(",", ".")
        else:
            s = s.replace(",", "")
    elif "," in s:
        s = s.replace(",", "") if (integer and _THOUSANDS_COMMA.match(s)) or s.count(",") > 1 else s.replace(",", ".")
    elif "." in s and (s.count(".") > 1 or (integer and _THOUSANDS_DOT.match(s))):
        s = s.replace(".", "")
    try:
        d = Decimal(s)
    except InvalidOperation:
        raise ValueError("bad_number") from None
    if not d.is_finite():  # NaN, Infinity, -Infinity (as text, or as a numeric cell rendered as text)
        raise ValueError("bad_number")
    if d and d.adjusted() >= MAX_DIGITS:  # "1e400" or 30 digits: would overflow every column and Decimal's quantize
        raise ValueError("number_too_large", {"low": f"-10^{MAX_DIGITS}", "high": f"10^{MAX_DIGITS}"})
    if pct:
        d = d / 100
    if integer:
        if d != d.to_integral_value():
            raise ValueError("not_integer")
        d = d.quantize(Decimal(1))
    return d


MAX_DIGITS = 18  # 10^18 is below 2^63: every amount fits a BIGINT; narrower columns are checked by ``fit``


def parse_int(text: str) -> int:
    return int(parse_decimal(text, integer=True))


# ------------------------------------------------------------------------------------------------ dates

_EXCEL_EPOCH = date(1899, 12, 30)
_DMY = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00:00(?:\.0+)?)?$")
_MY = re.compile(r"^(?:tháng\s*)?(\d{1,2})\s*[/.\-]\s*(\d{4})$")
_Y = re.compile(r"^(?:năm\s*)?(\d{4})$")
_SERIAL = re.compile(r"^\d{1,5}(?:\.0+)?$")
_DAY_WORDS = re.compile(r"ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})")


FIRST_YEAR, LAST_YEAR = 1900, 2100  # a date outside is a typo or a sentinel (00/00/0000, 31/12/9999)


def parse_date(text: str) -> tuple[date, str]:
    """``_parse_date`` within FIRST_YEAR-LAST_YEAR: outside, a per-cell ``date_out_of_range``
    (later checks add years to dates; year 9999 + 60 would overflow)."""
    found = _parse_date(text)
    if not FIRST_YEAR <= found[0].year <= LAST_YEAR:
        raise ValueError("date_out_of_range", {"low": f"01/01/{FIRST_YEAR}", "high": f"31/12/{LAST_YEAR}"})
    return found


def _parse_date(text: str) -> tuple[date, str]:
    """Date text -> (date, precision) with precision 'day', 'month' (mm/yyyy -> 1st) or 'year' (-> 1/1).

    Accepts dd/mm/yyyy (also - or .), ISO (what the reader gives for date-formatted cells),
    "ngày 5 tháng 3 năm 2024", mm/yyyy, a year alone and Excel serial numbers (days since 1899-12-30).
    """
    s = text.strip().lower()
    try:
        if m := _DMY.match(s):
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1))), "day"
        if m := _ISO.match(s):
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3))), "day"
        if m := _DAY_WORDS.search(unicodedata.normalize("NFC", s)):
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1))), "day"
        if m := _MY.match(unicodedata.normalize("NFC", s)):
            return date(int(m.group(2)), int(m.group(1)), 1), "month"
        if m := _Y.match(unicodedata.normalize("NFC", s)):
            return date(int(m.group(1)), 1, 1), "year"
        if _SERIAL.match(s):
            n = int(s.split(".")[0])
            if 60 < n < 80000:
                return _EXCEL_EPOCH + timedelta(days=n), "day"
        if len(s) >= 19 and s[10] in " T":  # datetime with a time part: keep the day
            return datetime.fromisoformat(s).date(), "day"
    except (ValueError, OverflowError):
        raise ValueError("bad_date") from None
    raise ValueError("bad_date")


# ``parse_dates``' forms, in RE2 (Arrow's regex): ASCII digits and spaces only, a subset of what
# ``_DMY`` / ``_ISO`` match after ``strip().lower()`` (a time written with "T" is left to them).
_DMY_RE2 = r"^\s*(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>\d{4})\s*$"
_ISO_RE2 = r"^\s*(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?: 00:00:00(?:\.0+)?)?\s*$"


def parse_dates(texts: Sequence[str]) -> list[date | None]:
    """``parse_date`` of many texts at once for the forms a roster is nearly all written in
    (dd/mm/yyyy and the reader's ISO dates), matched and checked in Arrow: 20.000 distinct birth
    dates in a third of the time. A date found is of precision "day"; None for a text of another
    form, or not a real date within FIRST_YEAR-LAST_YEAR: ``parse_date`` then gives its value or
    its problem."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    if not len(texts):
        return []
    found = np.zeros(len(texts), dtype=bool)
    days = np.empty(len(texts), dtype="datetime64[D]")
    try:
        arr = pa.array(texts, type=pa.string())
    except (pa.ArrowInvalid, pa.ArrowTypeError):  # (not all texts: every one by parse_date)
        return [None] * len(texts)
    for pattern in (_DMY_RE2, _ISO_RE2):
        parts = pc.extract_regex(arr, pattern)
        hit = np.flatnonzero(parts.is_valid().to_numpy(zero_copy_only=False) & ~found)
        if not len(hit):
            continue
        taken = parts.take(pa.array(hit))
        y, m, d = (pc.cast(taken.field(k), pa.int64()).to_numpy() for k in ("y", "m", "d"))
        month = (y - 1970) * 12 + np.clip(m, 1, 12) - 1
        first = month.astype("datetime64[M]").astype("datetime64[D]")
        days_in = ((month + 1).astype("datetime64[M]").astype("datetime64[D]") - first).astype(np.int64)
        ok = (y >= FIRST_YEAR) & (y <= LAST_YEAR) & (m >= 1) & (m <= 12) & (d >= 1) & (d <= days_in)
        days[hit[ok]] = first[ok] + (d[ok] - 1)
        found[hit[ok]] = True
    out: list[date | None] = np.where(found, days, np.datetime64("NaT")).astype(object).tolist()  # None: NaT
    return out


def find_date_in_text(text: str) -> date | None:
    """The first date written in a free text such as "Tính đến ngày 31/12/2024"."""
    s = unicodedata.normalize("NFC", text).lower()
    m = _DAY_WORDS.search(s) or re.search(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})", s)
    if m:
        try:
            found = date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        except ValueError:
            return None
        return found if FIRST_YEAR <= found.year <= LAST_YEAR else None
    return None


_TRUE = {"x", "có", "co", "yes", "true", "1", "đúng", "dung", "v", "✓", "✔", "c"}
_FALSE = {"không", "khong", "no", "false", "0", "-", "k", "sai"}


def parse_bool(text: str) -> bool:
    k = key(text)
    if k in _TRUE or ascii_key(text) in _TRUE:
        return True
    if k in _FALSE or ascii_key(text) in _FALSE:
        return False
    raise ValueError("bad_bool")


_ROMAN = re.compile(r"^(?=[ivxlc])(c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")


def is_roman(text: str | None) -> bool:
    """ "I", "II.", "IV" (section numbers in an STT column)."""
    if not text:
        return False
    s = text.strip().rstrip(".").lower()
    return bool(s) and bool(_ROMAN.match(s))
