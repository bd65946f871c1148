"""Shared fixtures. Tests never read the developer's own configuration or database."""

from __future__ import annotations

import atexit
import os
import shutil
import sqlite3
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from analytics import db
from analytics.batches import close_batch

# The developer's own settings never reach a test: every OVERSIGHT_* variable (database, language,
# login throttling, session timeout, …) and every STREAMLIT_* override is dropped, and the home
# folder (~/.streamlit/config.toml and secrets.toml) is an empty one of the run's own. Done when
# this file is imported, before test modules import Streamlit (which reads its config once), and
# inherited by the processes tests start.
# Once per process: a test that imports ``tests.conftest`` (for a helper) loads this file a second
# time under that name, and dropping the variables then removed the OVERSIGHT_DB the running test
# had set, so its code wrote to the repository's data/oversight.duckdb instead.
ENV_PREFIXES = ("OVERSIGHT_", "STREAMLIT_")
if not getattr(sys, "_oversight_test_env", False):
    sys._oversight_test_env = True  # type: ignore[attr-defined]
    for _name in [n for n in os.environ if n.startswith(ENV_PREFIXES)]:
        del os.environ[_name]
    os.environ["HOME"] = _HOME = tempfile.mkdtemp(prefix="oversight-tests-home-")
    atexit.register(shutil.rmtree, _HOME, True)  # True: ignore_errors — a process of a test may still write there


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in [n for n in os.environ if n.startswith(ENV_PREFIXES)]:  # set by an earlier test's code
        monkeypatch.delenv(name)
    # Anything that falls back to the default path writes into the test's own folder.
    monkeypatch.setenv("OVERSIGHT_DB", str(tmp_path / "default.duckdb"))


@pytest.fixture
def con(tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """An empty database with the current schema and the reference tables seeded."""
    c = db.connect(tmp_path / "test.duckdb")
    yield c
    c.close()


def audit_db(con: duckdb.DuckDBPyConnection) -> sqlite3.Connection:
    """The SQLite database holding ``con``'s audit rows and login state (``analytics.events``)."""
    from analytics import events

    with events.of(con).reading() as ev:
        return ev


def insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, Any]]) -> None:
    """Insert dict rows (every row with the same keys) into ``table`` under a fresh batch id."""
    b = add_batch(con)
    cols = list(rows[0])
    con.executemany(
        f"INSERT INTO {table} ({', '.join(cols)}, batch_id) VALUES ({', '.join('?' * len(cols))}, {b})",
        [[r[c] for c in cols] for r in rows],
    )
    close_batch(con, b, {table: len(rows)})  # as every load ends: the summary tables follow the rows


def add_batch(con: duckdb.DuckDBPyConnection, kind: str = "cli") -> int:
    row = con.execute(
        "INSERT INTO import_batch (kind, created_by) VALUES ($k, 'test') RETURNING batch_id", {"k": kind}
    ).fetchone()
    assert row is not None
    return int(row[0])


@pytest.fixture(autouse=True, scope="session")
def _default_database_untouched() -> Iterator[None]:
    """No test may create the developer's default database (a test whose OVERSIGHT_DB went missing
    wrote there unnoticed, and failed only on the next run)."""
    from analytics.config import DEFAULT_DB_PATH

    existed = DEFAULT_DB_PATH.exists()
    yield
    assert existed or not DEFAULT_DB_PATH.exists(), f"a test created {DEFAULT_DB_PATH}"


@pytest.fixture(autouse=True)
def _fresh_streamlit_caches() -> Iterator[None]:
    """st.cache_resource outlives an AppTest: every test starts and ends with empty caches."""
    import streamlit as st

    from analytics import store

    st.cache_data.clear()
    st.cache_resource.clear()
    store.forget_all()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()
    store.forget_all()


@pytest.fixture(scope="session")
def tiny_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The import tests' tiny database (tests/ingest_helpers.tiny_db), built once per run."""
    from tests.ingest_helpers import tiny_db

    path = tmp_path_factory.mktemp("tiny") / "tiny.duckdb"
    tiny_db(path).close()
    return path


@pytest.fixture
def tdb(tiny_file: Path, tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A copy of the tiny database (building the schema per test costs half a second)."""
    path = tmp_path / "t.duckdb"
    shutil.copy(tiny_file, path)
    con = db.connect(path)
    yield con
    con.close()


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
        add_accounts(c)
    finally:
        c.close()
    return path


# Test accounts: one per role, and an analyst limited to Sở Nội vụ. Passwords are test-only.
ACCOUNTS = {
    "admin": ("quantri", "admin", None),
    "viewer": ("lanhdao", "viewer", None),
    "analyst": ("chuyenvien", "analyst", None),
    "scoped": ("chuyenvien.snv", "analyst", "SNV"),
}
TEST_PASSWORD = "mat-khau-thu-nghiem"


def add_accounts(con: duckdb.DuckDBPyConnection, *, with_scoped: bool = True) -> None:
    """Create the test accounts (the scoped one needs unit SNV to exist)."""
    from analytics import auth

    for key, (username, role, scope) in ACCOUNTS.items():
        if key == "scoped" and not with_scoped:
            continue
        auth.create_user(con, username=username, password=TEST_PASSWORD, role=role, scope_unit_code=scope, by="test")


def sign_in(at: object, who: str = "admin") -> None:
    """Put a signed-in account into an AppTest's session (the account must exist in its database)."""
    from analytics.auth import User

    username, role, scope = ACCOUNTS[who]
    at.session_state["user"] = User(username=username, display_name=None, role=role, scope_unit_code=scope)  # type: ignore[attr-defined]
