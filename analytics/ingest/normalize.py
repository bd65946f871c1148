"""Text, number, date and code parsing for values as government spreadsheets write them.

Every parser takes the cell's text (the reader gives every cell as a string, no type guessing) and
returns the value or raises ``ValueError`` whose first argument is a message code of
``analytics.ingest.messages``. Blank cells are ``None`` before any parser sees them.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

# Old tone placement ("hoà", "thuỷ") and new ("hòa", "thủy") compare equal once both are rewritten
# to one form. The form only serves as a comparison key, so rewriting "hoàn" to "hòan" is harmless:
# both sides of every comparison go through the same rewrite.
_TONE = {"à": "ò", "á": "ó", "ả": "ỏ", "ã": "õ", "ạ": "ọ"}
_TONE_E = {"è": "ò", "é": "ó", "ẻ": "ỏ", "ẽ": "õ", "ẹ": "ọ"}
_TONE_Y = {"ỳ": "ù", "ý": "ú", "ỷ": "ủ", "ỹ": "ũ", "ỵ": "ụ"}
_TONE_RE = re.compile("o[àáảãạ]|o[èéẻẽẹ]|u[ỳýỷỹỵ]")
_SPACE_RE = re.compile(r"\s+")
_EDGE_PUNCT = " \t:;*.,-–"


def _tone(m: re.Match[str]) -> str:
    s = m.group(0)
    if s[1] in _TONE:
        return _TONE[s[1]] + "a"
    if s[1] in _TONE_E:
        return _TONE_E[s[1]] + "e"
    return _TONE_Y[s[1]] + "y"


def clean_text(value: str | None) -> str | None:
    """NFC, trimmed, inner whitespace (line breaks too) collapsed; blank -> None."""
    if value is None:
        return None
    s = str(value)
    if not unicodedata.is_normalized("NFC", s):
        s = unicodedata.normalize("NFC", s)
    if "  " in s or "\n" in s or "\t" in s or "\r" in s or "\xa0" in s:
        s = _SPACE_RE.sub(" ", s)
    s = s.strip()
    return s or None


def key(value: str | None) -> str:
    """Comparison key: NFC, lower case, one tone placement, collapsed spaces, edge punctuation off."""
    if value is None:
        return ""
    s = unicodedata.normalize("NFC", str(value)).lower().replace("_", " ")
    s = _SPACE_RE.sub(" ", s).strip(_EDGE_PUNCT)
    return _TONE_RE.sub(_tone, s)


def ascii_key(value: str | None) -> str:
    """The no-diacritics fallback of ``key``: "Nữ" -> "nu", "Đơn vị" -> "don vi"."""
    s = unicodedata.normalize("NFD", key(value).replace("đ", "d"))
    return "".join(ch for ch in s if not unicodedata.combining(ch))


def code_key(value: str | None) -> str:
    """A display text as a code: "Công chức" -> "cong_chuc", "Nghỉ hưu trước tuổi" -> "nghi_huu_truoc_tuoi"."""
    return re.sub(r"[^a-z0-9.]+", "_", ascii_key(value)).strip("_")


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
    """"I", "II.", "IV" (section numbers in an STT column)."""
    if not text:
        return False
    s = text.strip().rstrip(".").lower()
    return bool(s) and bool(_ROMAN.match(s))
