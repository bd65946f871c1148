"""Date arithmetic shared by the KPIs: calendar months between dates, adding months, rounding rules."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from functools import lru_cache

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


@lru_cache(maxsize=65_536)  # postings share start and end dates: at national scale most calls repeat one
def months_inclusive(start: date, last_day: date) -> float:
    """Months from ``start`` to ``last_day`` counting the last day (1/8/2025–31/7/2028 = 36.0)."""
    return months_between(start, last_day + timedelta(days=1))


def round_rule(value: Decimal | float | int, rule: str) -> int:
    """Round to a whole number: 'nearest' (half up: 2.5 → 3), 'up' (ceiling) or 'down' (floor)."""
    return int(Decimal(str(value)).quantize(Decimal(1), rounding=_ROUNDING[rule]))
