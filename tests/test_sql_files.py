"""Every SQL file is used, every query name used has a file, and fragments resolve."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from analytics import sql_files

PACKAGE = Path(sql_files.__file__).parent
SQL_FILES = sorted(p.stem for p in sql_files.SQL_DIR.glob("*.sql"))
PY_SOURCE = "\n".join(p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py"))
SQL_SOURCE = "\n".join(p.read_text(encoding="utf-8") for p in sql_files.SQL_DIR.glob("*.sql"))
# sql_files.load("x"), sql_files.query(con, "x", …), sql_files.records(con, "x", …), quality._run("x")
LOADED = set(re.findall(r"""(?:load\(|(?:query|records)\(\s*\w+\s*,\s*|_run\()\s*["'](\w+)["']""", PY_SOURCE))
INCLUDED = set(re.findall(r"^[ \t]*--[ \t]*@include[ \t]+(\w+)", SQL_SOURCE, re.M))


def test_there_are_queries() -> None:
    assert len(SQL_FILES) > 10 and len(LOADED) > 10


@pytest.mark.parametrize("name", SQL_FILES)
def test_every_file_is_used(name: str) -> None:
    if name.startswith("_"):
        assert name[1:] in INCLUDED, f"fragment {name}.sql is not included by any query"
    else:
        assert name in LOADED, f"{name}.sql is not loaded by any function in analytics/"


@pytest.mark.parametrize("name", sorted(LOADED))
def test_every_loaded_name_exists_and_resolves(name: str) -> None:
    assert name in SQL_FILES
    text = sql_files.load(name)
    assert "@include" not in text


@pytest.mark.parametrize("name", sorted(INCLUDED))
def test_every_included_fragment_exists(name: str) -> None:
    assert f"_{name}" in SQL_FILES


def test_query_passes_only_the_parameters_used(con: duckdb.DuckDBPyConnection) -> None:
    df = sql_files.query(con, "reduction_by_year", {"scope": None, "category": "cong_chuc", "unused": 1})
    assert df.empty and sql_files.parameters("reduction_by_year") == {"scope", "category"}
    with pytest.raises(KeyError):
        sql_files.query(con, "reduction_by_year", {"scope": None})
