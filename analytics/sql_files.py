"""SQL of substantial queries: ``analytics/sql/<function_name>.sql``, one query per file."""

from __future__ import annotations

from functools import cache
from pathlib import Path

SQL_DIR = Path(__file__).with_name("sql")


@cache
def load(name: str) -> str:
    """The text of ``analytics/sql/<name>.sql`` (read once per process)."""
    if not name.replace("_", "").isalnum():
        raise ValueError(f"not a query name: {name!r}")
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")
