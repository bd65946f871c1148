"""Typed rows against the database's own column types, before they are staged.

``load.to_table`` keeps values within Arrow's int64 and DECIMAL(7, 2); the database is narrower
for counts, years and steps (INTEGER, 32 bits). A value the database would refuse with a
conversion error at load time (and fail the whole upload without saying where) is reported here
per cell, with its file, sheet, row and column, and left blank.
"""

from __future__ import annotations

from collections.abc import Mapping

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from analytics.ingest.problems import Problem

_RANGES = {"TINYINT": (-(2**7), 2**7 - 1), "SMALLINT": (-(2**15), 2**15 - 1), "INTEGER": (-(2**31), 2**31 - 1)}


def narrow_columns(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, tuple[int, int]]:
    """Columns of ``table`` narrower than 64 bits -> (lowest, highest)."""
    rows = (
        con.cursor()
        .execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = 'main' AND table_name = $t",
            {"t": table},
        )
        .fetchall()
    )
    return {name: _RANGES[t] for name, t in rows if t in _RANGES}


def fit(
    rows: pa.Table,
    narrow: Mapping[str, tuple[int, int]],
    labels: Mapping[str, str],
    raw: Mapping[str, np.ndarray],
    file: str,
    sheet: str,
) -> tuple[pa.Table, list[Problem]]:
    """``rows`` with values out of their database column's range blanked, and a problem per cell."""
    problems: list[Problem] = []
    for name, (low, high) in narrow.items():
        if name not in rows.column_names or not pa.types.is_integer(rows.schema.field(name).type):
            continue
        col = rows.column(name)
        bad = pc.or_(pc.less(col, low), pc.greater(col, high)).fill_null(False)
        if not pc.any(bad).as_py():
            continue
        where = np.flatnonzero(bad.to_numpy(zero_copy_only=False))
        row_numbers = rows.column("_row").to_numpy()
        values = raw.get(name)
        for i in where:
            value = str(values[i]) if values is not None and values[i] is not None else str(col[int(i)].as_py())
            problems.append(
                Problem(
                    "number_too_large",
                    "error",
                    file,
                    sheet,
                    int(row_numbers[i]),
                    labels.get(name, name),
                    value,
                    {"low": low, "high": high},
                )
            )
        fixed = pc.if_else(bad, pa.scalar(None, col.type), col)
        rows = rows.set_column(rows.column_names.index(name), name, fixed)
    return rows, problems


def fit_sheet(
    con: duckdb.DuckDBPyConnection,
    cache: dict[str, dict[str, tuple[int, int]]],
    table: str,
    rows: pa.Table,
    labels: Mapping[str, str],
    raw: pd.DataFrame,
    file: str,
    sheet: str,
) -> tuple[pa.Table, list[Problem]]:
    """``fit`` for one validated sheet (``raw``: its DataFrame of cell texts), the ranges of
    ``table`` looked up once per upload in ``cache``."""
    if table not in cache:
        cache[table] = narrow_columns(con, table)
    narrow = cache[table]
    texts = {c: raw[c].to_numpy(dtype=object) for c in narrow if c in raw}
    return fit(rows, narrow, labels, texts, file, sheet)
