"""SQL of substantial queries: ``analytics/sql/<function_name>.sql``, one query per file.

Shared pieces of queries (the scope filter, the roster as of a date, …) are fragment files whose
name starts with ``_``; a query pulls one in with a line ``-- @include <name>`` (without the
underscore), so each piece is written once. ``query`` runs a file with only the parameters the
query uses (DuckDB refuses unused ones), on its own cursor, and fetches the result fully.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

SQL_DIR = Path(__file__).with_name("sql")
_INCLUDE = re.compile(r"^[ \t]*--[ \t]*@include[ \t]+(\w+)[ \t]*$", re.M)
_PARAM = re.compile(r"\$(\w+)")


@cache
def load(name: str) -> str:
    """The text of ``analytics/sql/<name>.sql`` (read once per process), fragments included."""
    if not name.replace("_", "").isalnum():
        raise ValueError(f"not a query name: {name!r}")
    text = (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")
    return _INCLUDE.sub(lambda m: load(f"_{m.group(1)}").strip().rstrip(";"), text)


@cache
def parameters(name: str) -> frozenset[str]:
    """Names of the $parameters a query uses."""
    return frozenset(_PARAM.findall(load(name)))


def _execute(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any]) -> duckdb.DuckDBPyConnection:
    used = parameters(name)
    missing = used - params.keys()
    if missing:
        raise KeyError(f"query {name} needs parameters {sorted(missing)}")
    return con.cursor().execute(load(name), {k: params[k] for k in used})


def query(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any]) -> pd.DataFrame:
    """Run query ``name`` with the subset of ``params`` it uses; a fully fetched DataFrame."""
    return _execute(con, name, params).df()


def records(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    """Like ``query`` but plain Python rows (dates as ``date``, NULL as None): for row-by-row work."""
    cur = _execute(con, name, params)
    columns = [d[0] for d in cur.description or []]
    return [dict(zip(columns, row, strict=True)) for row in cur.fetchall()]
