"""What recognising a sheet finds: its recognised columns (``Match``) and the whole result
(``Recognised``). Its own module so that ``rows`` (which fills in the data rows) and ``recognise``
(which finds the rest) both depend on it and not on each other."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from analytics.ingest.reader import Sheet, col_letter


@dataclass(frozen=True)
class Match:
    """A recognised column. ``qualifier``: gender of a Nam/Nữ column, category and year of a wide
    quota column, category of a one-hot category column."""

    col: int
    field: str
    header: str
    prio: int = 0
    qualifier: tuple[tuple[str, Any], ...] = ()

    @property
    def label(self) -> str:
        return f"{col_letter(self.col)}: {self.header}"

    def q(self, name: str) -> Any:
        return dict(self.qualifier).get(name)


@dataclass
class Recognised:
    sheet: Sheet
    kind: str | None
    header_rows: tuple[int, int] = (0, 0)
    columns: list[Match] = field(default_factory=list)
    ignored: list[tuple[int, str]] = field(default_factory=list)
    data_rows: list[int] = field(default_factory=list)
    section_category: dict[int, str | None] = field(default_factory=dict)
    skipped: dict[str, list[int]] = field(default_factory=dict)  # reason -> Excel rows
    grand_totals: list[int] = field(default_factory=list)
    refused: str | None = None  # why a sheet of no kind cannot be read: "reduction_summary", "ambiguous"
    close: list[tuple[str, list[str]]] = field(default_factory=list)  # ambiguous: the two kinds, their evidence
    title: list[str] = field(default_factory=list)
    grid: np.ndarray = field(default_factory=lambda: np.empty((0, 0), dtype=object))  # the cells, once
    row_numbers: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int64))

    def positions(self) -> np.ndarray:
        """Positions of the data rows in ``grid`` (Excel row numbers are ascending)."""
        return np.searchsorted(self.row_numbers, np.asarray(self.data_rows, dtype=np.int64))

    def by_field(self, name: str) -> list[Match]:
        return [m for m in self.columns if m.field == name]
