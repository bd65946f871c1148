"""Insert typed rows into a table with the types of its kind spec (Arrow, no type guessing)."""

from __future__ import annotations

from decimal import Decimal

import duckdb
import pandas as pd
import pyarrow as pa

from analytics.ingest.kinds import Kind

_ARROW = {"text": pa.string(), "code": pa.string(), "unit": pa.string(), "int": pa.int64(), "count": pa.int64(),
          "money": pa.int64(), "decimal": pa.decimal128(7, 2), "date": pa.date32(), "month": pa.date32(),
          "bool": pa.bool_(), "flag": pa.bool_()}
_CENT = Decimal("0.01")


def to_arrow(kind: Kind, df: pd.DataFrame) -> pa.Table:
    arrays, names = [], []
    for c in kind.columns:
        values = df[c.name].to_numpy(dtype=object)
        if c.type == "decimal":
            values = [None if v is None else Decimal(v).quantize(_CENT) for v in values]
        arrays.append(pa.array(values, type=_ARROW[c.type], from_pandas=True))
        names.append(c.name)
    return pa.Table.from_arrays(arrays, names=names)


def insert_rows(cur: duckdb.DuckDBPyConnection, kind: Kind, df: pd.DataFrame, batch_id: int) -> int:
    """Insert ``df`` (the kind's columns) into its table under ``batch_id``; returns rows inserted."""
    tbl = to_arrow(kind, df)
    cur.register("_ingest_rows", tbl)
    try:
        cur.execute(f"INSERT INTO {kind.table} BY NAME SELECT *, $b AS batch_id FROM _ingest_rows",  # noqa: S608 kind spec
                    {"b": batch_id})
    finally:
        cur.unregister("_ingest_rows")
    return tbl.num_rows
