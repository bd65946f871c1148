"""Pay and retirement reference data (DOMAIN.md §6): defaults seeded into the database.

The database tables (base_salary, pay_scale, retirement_age) are what the KPIs read and what an
admin edits; these constants only seed a new database.
"""

from __future__ import annotations

import calendar
from datetime import date
from decimal import Decimal

# lương cơ sở: valid from -> VND per month. A new row (e.g. 2.530.000 from 1/7/2026 once confirmed)
# is added in Settings; nothing else changes.
BASE_SALARY_DEFAULTS: tuple[tuple[date, int], ...] = (
    (date(2019, 7, 1), 1_490_000),
    (date(2023, 7, 1), 1_800_000),
    (date(2024, 7, 1), 2_340_000),
)

# Decree 204/2004 table 2 (unverified): group -> (first coefficient, increment, steps, years per step)
_PAY_GROUPS: dict[str, tuple[str, str, int, int]] = {
    "A3.1": ("6.20", "0.36", 6, 3),
    "A3.2": ("5.75", "0.36", 6, 3),
    "A2.1": ("4.40", "0.34", 8, 3),
    "A2.2": ("4.00", "0.34", 8, 3),
    "A1": ("2.34", "0.33", 9, 3),
    "A0": ("2.10", "0.31", 10, 3),
    "B": ("1.86", "0.20", 12, 2),
    "C1": ("1.65", "0.18", 12, 2),
}


def pay_scale_rows() -> list[tuple[str, int, Decimal, int]]:
    """(pay_group, step, coefficient, years_per_step) for every step of every group."""
    rows = []
    for group, (first, inc, steps, years) in _PAY_GROUPS.items():
        for step in range(1, steps + 1):
            rows.append((group, step, Decimal(first) + Decimal(inc) * (step - 1), years))
    return rows


PAY_SCALE: dict[tuple[str, int], Decimal] = {(g, s): c for g, s, c, _ in pay_scale_rows()}
YEARS_PER_STEP: dict[str, int] = {g: v[3] for g, v in _PAY_GROUPS.items()}
MAX_STEP: dict[str, int] = {g: v[2] for g, v in _PAY_GROUPS.items()}


def retirement_age_rows() -> list[tuple[str, int, int]]:
    """(gender, year, age in months): Decree 135/2020 roadmap, with the pre-2021 ages for 2020."""
    rows: list[tuple[str, int, int]] = [("nam", 2020, 60 * 12), ("nu", 2020, 55 * 12)]
    for i, year in enumerate(range(2021, 2029)):  # men: 60y3m, +3 months a year, to 62y in 2028
        rows.append(("nam", year, 60 * 12 + 3 * (i + 1)))
    for i, year in enumerate(range(2021, 2036)):  # women: 55y4m, +4 months a year, to 60y in 2035
        rows.append(("nu", year, 55 * 12 + 4 * (i + 1)))
    return rows


def _add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def retirement_date(birth: date, gender: str, roadmap: list[tuple[str, int, int]] | None = None) -> date:
    """Last day of the month in which the person reaches the retirement age in force that year."""
    table = {(g, y): a for g, y, a in (roadmap or retirement_age_rows()) if g == gender}
    years = sorted(y for _, y in table)
    first, last = table[(gender, years[0])], table[(gender, years[-1])]
    reach = [
        d
        for year in range(birth.year + 50, birth.year + 70)
        if (d := _add_months(birth, table.get((gender, year), first if year < years[0] else last))).year == year
    ]
    d = min(reach)
    return date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])


def base_salary_on(day: date, table: tuple[tuple[date, int], ...] = BASE_SALARY_DEFAULTS) -> int:
    """lương cơ sở in force on a day."""
    valid = [amount for start, amount in sorted(table) if start <= day]
    if not valid:
        raise ValueError(f"no lương cơ sở before {day.isoformat()}")
    return valid[-1]
