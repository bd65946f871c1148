"""Small helpers shared by the demo generators: exact integer allocation and vectorised dates."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

EPOCH = date(1970, 1, 1)


def allocate(total: int, weights: np.ndarray | list[float]) -> np.ndarray:
    """Split ``total`` into integers proportional to ``weights`` that sum to it exactly.

    Largest remainder method; ties go to the earlier position, so the result is deterministic.
    """
    w = np.asarray(weights, dtype=float)
    if total == 0 or w.sum() <= 0:
        return np.zeros(len(w), dtype=np.int64)
    exact = w / w.sum() * total
    out = np.floor(exact).astype(np.int64)
    short = int(total - out.sum())
    if short:
        order = np.argsort(-(exact - out), kind="stable")
        out[order[:short]] += 1
    return out


def day(d: date) -> int:
    """Days since 1970-01-01."""
    return (d - EPOCH).days


def dates(days: np.ndarray | pd.Series) -> np.ndarray:
    """Integer days since 1970-01-01 -> numpy datetime64[D] (DuckDB stores them as DATE)."""
    return np.asarray(days, dtype=np.int64).astype("datetime64[D]")


def ymd(days: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Year, month, day arrays of integer days since epoch."""
    d = np.asarray(days, dtype=np.int64).astype("datetime64[D]")
    y = d.astype("datetime64[Y]").astype(np.int64) + 1970
    m = d.astype("datetime64[M]").astype(np.int64) % 12 + 1
    dd = (d - d.astype("datetime64[M]")).astype(np.int64) + 1
    return y, m, dd


def full_years(start: np.ndarray, end: int) -> np.ndarray:
    """Whole years from each ``start`` day to the ``end`` day (age-style counting)."""
    sy, sm, sd = ymd(start)
    ey, em, ed = ymd(np.array([end]))
    before = (em[0] < sm) | ((em[0] == sm) & (ed[0] < sd))
    return ey[0] - sy - before.astype(np.int64)


def add_months(days: np.ndarray, months: int) -> np.ndarray:
    """Add calendar months, clipping to the month's last day (31/1 + 1 month = 28 or 29/2)."""
    d = np.asarray(days, dtype=np.int64).astype("datetime64[D]")
    first = d.astype("datetime64[M]")
    offset = d - first.astype("datetime64[D]")
    target = first + np.timedelta64(months, "M")
    last = (target + np.timedelta64(1, "M")).astype("datetime64[D]") - np.timedelta64(1, "D")
    out = np.minimum(target.astype("datetime64[D]") + offset, last)
    return out.astype(np.int64)


def decision_no(rng: np.random.Generator, n: int, suffix: str = "QĐ-UBND") -> list[str]:
    nums = rng.integers(100, 3999, size=n)
    return [f"{k}/{suffix}" for k in nums]
