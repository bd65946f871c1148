"""Shared fixtures. Tests never read the developer's own configuration or database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from analytics import db


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("OVERSIGHT_DB", "OVERSIGHT_LANG", "OVERSIGHT_DEMO_SEED", "OVERSIGHT_DUCKDB_MEMORY",
                 "OVERSIGHT_DUCKDB_THREADS", "OVERSIGHT_UPLOAD_MAX_MB"):
        monkeypatch.delenv(name, raising=False)
    # Anything that falls back to the default path writes into the test's own folder.
    monkeypatch.setenv("OVERSIGHT_DB", str(tmp_path / "default.duckdb"))


@pytest.fixture
def con(tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """An empty database with the current schema and the reference tables seeded."""
    c = db.connect(tmp_path / "test.duckdb")
    yield c
    c.close()


def add_batch(con: duckdb.DuckDBPyConnection, kind: str = "cli") -> int:
    row = con.execute("INSERT INTO import_batch (kind, created_by) VALUES ($k, 'test') RETURNING batch_id",
                      {"k": kind}).fetchone()
    assert row is not None
    return int(row[0])


@pytest.fixture(autouse=True)
def _fresh_streamlit_caches() -> Iterator[None]:
    """st.cache_resource outlives an AppTest: every test starts and ends with empty caches."""
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture(scope="session")
def demo_db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo city built once per test session (about 15 s), for page and browser tests.

    Tests that use it must not write to it; copy it first when they do.
    """
    from analytics.demo import build_demo

    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    c = db.connect(path)
    try:
        build_demo(c)
    finally:
        c.close()
    return path
