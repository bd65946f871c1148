"""Number, percentage, money and date formatting — never from the OS locale.

The one text-and-format layer of the dashboard and the command line (``oversight``): no Streamlit
here (pyproject's import contracts check it), so both print the same figures.

Rounding is half-up on the decimal digits as written (1.694,5 → 1.695; 2,675 → 2,68; -2,5 → -3,
away from zero), never the float's binary value nor half-to-even: what a reader rounding the report's
figures by hand gets.

Vietnamese: 1.694 · 8,17 % · 23.400.000 ₫ · 14,2 tỷ đồng · 31/12/2024.
English:    1,694 · 8.17 % · 23,400,000 ₫ · 14.2 billion ₫ · 31/12/2024 (dates stay dd/mm/yyyy:
the product's documents are Vietnamese).
"""

from __future__ import annotations

import math
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pandas as pd

NBSP = "\u00a0"
# Plotly's `separators` layout attribute: decimal mark then thousands mark.
PLOTLY_SEPARATORS = {"vi": ",.", "en": ".,"}


def _missing(x: Any) -> bool:
    """None, NaN, pandas NA/NaT."""
    if x is None:
        return True
    try:
        return bool(pd.isna(x))
    except (TypeError, ValueError):
        return False


def half_up(x: Any, digits: int = 0) -> Decimal:
    """``x`` rounded half-up (away from zero) to ``digits`` decimals, from its shortest decimal
    representation (``repr(1694.5)`` is "1694.5": no binary-float surprise)."""
    value = Decimal(repr(float(x)))
    if not value.is_finite():
        return value
    rounded = value.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    return rounded if rounded else abs(rounded)  # -0,4 shows as "0", not "-0"


def number(x: Any, lang: str = "vi", digits: int = 0, dash: str = "–") -> str:
    """1694 → '1.694' (vi) / '1,694' (en); digits after the decimal mark; None/NaN → dash."""
    if _missing(x) or not math.isfinite(float(x)):  # no figure (a division by zero upstream): the dash
        return dash
    text = f"{half_up(x, digits):,.{digits}f}"
    if lang == "vi":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def percent(x: Any, lang: str = "vi", digits: int = 2, dash: str = "–") -> str:
    """8.1698 (already in percent units) → '8,17 %'. Rounded only here, for display."""
    if _missing(x):
        return dash
    return f"{number(x, lang, digits)}{NBSP}%"


_MONEY_UNITS = {"vi": ((1e9, "tỷ đồng"), (1e6, "triệu đồng")), "en": ((1e9, "billion ₫"), (1e6, "million ₫"))}
# Short forms for a card's big number, which a narrow screen would otherwise cut ("4,52 tỷ đồ…").
_MONEY_UNITS_SHORT = {"vi": ((1e9, "tỷ"), (1e6, "triệu")), "en": ((1e9, "bn ₫"), (1e6, "m ₫"))}


def money(vnd: Any, lang: str = "vi", dash: str = "–", *, short: bool = False) -> str:
    """Whole đồng below a million; triệu / tỷ above, one or two decimals as the size needs.
    ``short``: without "đồng" ("4,52 tỷ"), for a card's value under a label that says it is money."""
    if _missing(vnd):
        return dash
    v = float(vnd)
    units = _MONEY_UNITS_SHORT if short else _MONEY_UNITS
    for scale, word in units["en" if lang == "en" else "vi"]:
        if abs(v) >= scale:
            q = v / scale
            digits = 0 if abs(q) >= 100 else 1 if abs(q) >= 10 else 2
            return f"{number(q, lang, digits)}{NBSP}{word}"
    return f"{number(v, lang)}{NBSP}₫"


def money_exact(vnd: Any, lang: str = "vi", dash: str = "–") -> str:
    """23400000 → '23.400.000 ₫'."""
    return dash if _missing(vnd) else f"{number(vnd, lang)}{NBSP}₫"


def day(d: date | datetime | str | None, dash: str = "–") -> str:
    """dd/mm/yyyy."""
    if d is None or _missing(d):
        return dash
    if isinstance(d, str):
        d = date.fromisoformat(d[:10])
    return d.strftime("%d/%m/%Y")


def moment(ts: datetime | None, dash: str = "–") -> str:
    """dd/mm/yyyy hh:mm."""
    return dash if ts is None or _missing(ts) else ts.strftime("%d/%m/%Y %H:%M")


def small_count(n: Any, threshold: int, lang: str = "vi") -> str:
    """Counts under the privacy threshold shown as '<5' where a person could be identified."""
    if _missing(n):
        return "–"
    return f"<{threshold}" if 0 < int(n) < threshold else number(n, lang)
