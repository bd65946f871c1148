"""Portability: every query in ``analytics/sql`` (fragments included) transpiles to PostgreSQL with sqlglot.

A ministry-wide deployment would run the same SQL on PostgreSQL or ClickHouse (``docs/deploy.md``);
this fails on any construct sqlglot cannot carry over, so the SQL stays portable as it grows.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlglot
from sqlglot.errors import ErrorLevel

from analytics import sql_files

QUERIES = sorted(
    p.stem for p in (Path(sql_files.__file__).with_name("sql")).glob("*.sql") if not p.stem.startswith("_")
)


@pytest.mark.parametrize("name", QUERIES)
def test_query_transpiles_to_postgres(name: str) -> None:
    out = sqlglot.transpile(sql_files.load(name), read="duckdb", write="postgres", unsupported_level=ErrorLevel.RAISE)
    assert len(out) == 1 and out[0].strip()
