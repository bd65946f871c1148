"""Date arithmetic shared by the KPIs: calendar months between dates, adding months, rounding rules."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

import numpy as np

_ROUNDING = {"nearest": ROUND_HALF_UP, "up": ROUND_CEILING, "down": ROUND_FLOOR}


_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def add_months(d: date, months: int) -> date:
    """Same day ``months`` later (clipped to the month's last day)."""
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    day = d.day
    if day > 28:  # only then can the month be too short (calendar.monthrange, which this ran per
        # call, also works out the weekday: a third of the postings' Python time)
        day = min(day, 29 if month == 2 and calendar.isleap(year) else _MONTH_DAYS[month])
    return date(year, month, day)


def months_between(start: date, end_exclusive: date) -> float:
    """Calendar months from ``start`` up to (not including) ``end_exclusive``.

    Whole months first (1/8/2025 → 1/8/2028 = 36.0), then the remaining days as a fraction of the
    month they fall in. Negative spans give 0.0.
    """
    if end_exclusive <= start:
        return 0.0
    whole = (end_exclusive.year - start.year) * 12 + end_exclusive.month - start.month
    if add_months(start, whole) > end_exclusive:
        whole -= 1
    anchor = add_months(start, whole)
    rest = (end_exclusive - anchor).days
    if rest == 0:
        return float(whole)
    next_anchor = add_months(start, whole + 1)
    return whole + rest / (next_anchor - anchor).days


def months_inclusive(start: date, last_day: date) -> float:
    """Months from ``start`` to ``last_day`` counting the last day (1/8/2025–31/7/2028 = 36.0); of
    many dates at once, months_inclusive_days."""
    return months_between(start, last_day + timedelta(days=1))


# --- the same, over arrays of days (numpy datetime64[D]): every posting of a page at once -----------


def ymd_of_days(days: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Year, month and day numbers of datetime64[D] days (meaningless where NaT)."""
    months = days.astype("datetime64[M]")
    m = months.astype(np.int64)
    return m // 12 + 1970, m % 12 + 1, (days - months.astype("datetime64[D]")).astype(np.int64) + 1


def _add_months_days(year: np.ndarray, month: np.ndarray, day: np.ndarray, months: np.ndarray) -> np.ndarray:
    """add_months over arrays: the date ``months`` after (year, month, day), the day clipped to the
    month's last."""
    first = np.asarray((year - 1970) * 12 + month - 1 + months, dtype="datetime64[M]")
    length = ((first + 1).astype("datetime64[D]") - first.astype("datetime64[D]")).astype(np.int64)
    return first.astype("datetime64[D]") + (np.minimum(day, length) - 1)


def months_inclusive_days(start: np.ndarray, last_day: np.ndarray) -> np.ndarray:
    """months_inclusive over arrays of days (datetime64[D], no NaT): the same float, bit for bit
    (the same whole months and the same one division)."""
    end = last_day + np.timedelta64(1, "D")
    sy, sm, sd = ymd_of_days(start)
    ey, em, _ = ymd_of_days(end)
    whole = (ey - sy) * 12 + em - sm
    whole = np.where(_add_months_days(sy, sm, sd, whole) > end, whole - 1, whole)
    anchor = _add_months_days(sy, sm, sd, whole)
    rest = (end - anchor).astype(np.int64)
    span = (_add_months_days(sy, sm, sd, whole + 1) - anchor).astype(np.int64)
    months = np.where(rest == 0, whole.astype(np.float64), whole + rest / span)
    return np.where(end <= start, 0.0, months)


def round_rule(value: Decimal | float | int, rule: str) -> int:
    """Round to a whole number: 'nearest' (half up: 2.5 → 3), 'up' (ceiling) or 'down' (floor)."""
    return int(Decimal(str(value)).quantize(Decimal(1), rounding=_ROUNDING[rule]))
