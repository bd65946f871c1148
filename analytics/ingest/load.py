"""Typed rows as Arrow with the types of their kind spec (no type guessing), ready to stage and load."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from analytics.ingest.kinds import Kind
from analytics.ingest.problems import Problem
from analytics.ingest.validate import distinct_objects, factorize_cells

META = ["_file", "_sheet", "_row"]
ARROW_TYPES = {
    "text": pa.string(),
    "code": pa.string(),
    "unit": pa.string(),
    "int": pa.int64(),
    "count": pa.int64(),
    "money": pa.int64(),
    "decimal": pa.decimal128(7, 2),
    "date": pa.date32(),
    "month": pa.date32(),
    "bool": pa.bool_(),
    "flag": pa.bool_(),
}
_CENT = Decimal("0.01")
# The widest value each Arrow type holds: a bigger one is reported (out_of_range) instead of
# failing the whole upload in pyarrow; the database's own CHECKs are narrower still.
_DECIMAL_MAX = Decimal("99999.99")
_INT_MAX = 2**63 - 1


def _column(kind: Kind, name: str, values: np.ndarray, report: Any) -> pa.Array:
    """One column as the kind's Arrow type; values too large for it are reported and left blank."""
    ctype = kind.column(name).type
    if ctype == "decimal":
        codes, uniques = distinct_objects(values)
        fixed: list[Decimal | None] = []
        for k, u in enumerate(uniques):
            q = None if u is None else Decimal(u).quantize(_CENT)
            fixed.append(q if q is None or abs(q) <= _DECIMAL_MAX else None)
            if q is not None and fixed[-1] is None:
                report(name, np.flatnonzero(codes == k), -_DECIMAL_MAX, _DECIMAL_MAX)
        # pyarrow converts Decimal objects slowly (0.1 s per 100.000): convert the distinct ones, then take
        return pa.array(fixed, type=ARROW_TYPES[ctype]).take(pa.array(codes, type=pa.int64()))
    if ARROW_TYPES[ctype] == pa.int64():
        codes, uniques = distinct_objects(values)
        too_big = [k for k, v in enumerate(uniques) if v is not None and not -_INT_MAX <= v <= _INT_MAX]
        if too_big:
            big = np.isin(codes, too_big)
            report(name, np.flatnonzero(big), -_INT_MAX, _INT_MAX)
            values = values.copy()
            values[big] = None
    return _to_arrow(values, ARROW_TYPES[ctype])


def _to_arrow(values: np.ndarray, arrow_type: pa.DataType) -> pa.Array:
    """``pa.array(values, arrow_type, from_pandas=True)``; a column that repeats its values (units,
    codes, dates: most of a roster's) converts each distinct object once and takes them by index."""
    head = values[:1024]
    if len(values) < 2048 or len(distinct_objects(head)[1]) == len(head):  # short, or no repeat seen
        return pa.array(values, type=arrow_type, from_pandas=True)
    codes, uniques = factorize_cells(values)
    if not len(uniques):  # a column of blanks (one the sheet does not have)
        return pa.nulls(len(values), type=arrow_type)
    if 2 * len(uniques) > len(values):
        return pa.array(values, type=arrow_type, from_pandas=True)
    index = pa.array(codes, type=pa.int64(), mask=codes < 0)  # a blank cell: null
    return pa.array(uniques, type=arrow_type, from_pandas=True).take(index)


def to_table(
    kind: Kind, typed: pd.DataFrame, rows: np.ndarray, file: str, sheet: str
) -> tuple[pa.Table, list[Problem]]:
    """Typed rows (object columns) as an Arrow table of the kind's types plus the meta columns."""
    problems: list[Problem] = []

    def report(column: str, positions: np.ndarray, low: Any, high: Any) -> None:
        for i in positions:
            problems.append(
                Problem(
                    "out_of_range",
                    "error",
                    file,
                    sheet,
                    int(rows[i]),
                    column,
                    str(typed[column].iat[int(i)]),
                    {"low": low, "high": high},
                )
            )

    n = len(typed)
    arrays = [_column(kind, c.name, typed[c.name].to_numpy(dtype=object), report) for c in kind.columns]
    names = [c.name for c in kind.columns]
    same = pa.array(np.zeros(n, dtype=np.int64))  # one text repeated: taken from Arrow, not n str objects
    arrays += [
        pa.array([file], pa.string()).take(same),
        pa.array([sheet], pa.string()).take(same),
        pa.array(np.asarray(rows, dtype=np.int64)),
    ]
    return pa.Table.from_arrays(arrays, names=[*names, *META]), problems
