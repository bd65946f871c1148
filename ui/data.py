"""Data access for pages: the newest published version of the store, results cached per data version.

Pages call ``run("reduction.reduction_by_category", scope=…, as_of=…)``: the function is looked up
in ``analytics`` by name (an allow-list: only modules named here), called on the process's
connection and its DataFrame cached under (database, data version, function, arguments). A new
import or a changed setting changes the data version, so nothing stale is shown.

The connection is read-only (``analytics.store``): another process may import at the same time.
Each call returns the newest published version's connection, so a run that starts after a
commit sees it; writes (``db.transaction`` on this connection) go to the store's writer.
"""

from __future__ import annotations

import importlib
import inspect
from typing import Any

import duckdb
import streamlit as st

from analytics import db, store
from analytics.access import effective_scope
from analytics.config import Settings
from analytics.inventory import data_version

# Modules whose public functions pages may run through the cache.
DATA_TABLE_ORDER = db.DATA_TABLES
_MODULES = ("inventory", "policy", "kpis", "reduction", "secondment", "training", "workforce", "quality", "batches", "units",
            "reorganisation", "reporting")


def db_path() -> str:
    return str(Settings.from_env().db_path)


def _connection(path: str) -> duckdb.DuckDBPyConnection:
    return store.open_store(path).reader()


def connection() -> duckdb.DuckDBPyConnection:
    """The newest published version of the configured database (created if needed), read-only."""
    return _connection(db_path())


def _version(path: str, con: duckdb.DuckDBPyConnection) -> str:
    # The generation changes on a restore, so results of a replaced database are never reused.
    info = store.open_store(path).current() or {}
    return f"{info.get('generation', 1)}:{data_version(con)}"


def version() -> str:
    return _version(db_path(), connection())


def _resolve(name: str) -> Any:
    module, _, func = name.partition(".")
    if module not in _MODULES or not func or func.startswith("_"):
        raise ValueError(f"not a runnable analytics function: {name}")
    return getattr(importlib.import_module(f"analytics.{module}"), func)


@st.cache_data(show_spinner=False, max_entries=1024)
def _cached(path: str, data_version_: str, name: str, kwargs: tuple[tuple[str, Any], ...]) -> Any:
    return _resolve(name)(_connection(path), **dict(kwargs))


def run(name: str, **kwargs: Any) -> Any:
    """Run ``analytics.<module>.<function>(con, **kwargs)``, cached by data version and arguments.

    Unit scope is enforced here, for every page, table and download alike: a function that takes
    ``scope`` gets the signed-in account's effective scope (``analytics.access.effective_scope``),
    so a unit-limited account can never read another unit's rows, and as the resolved scope is part
    of the cache key, cached results cannot leak across scopes.
    """
    path = db_path()
    con = _connection(path)
    if "scope" in inspect.signature(_resolve(name)).parameters:
        kwargs["scope"] = effective_scope(con, st.session_state.get("user"), kwargs.get("scope"))
    return _cached(path, _version(path, con), name, tuple(sorted(kwargs.items())))


def clear() -> None:
    """Forget cached results and connections (tests; after the database file is replaced)."""
    _cached.clear()
    store.forget_all()
