"""Data access for pages: one cached connection per database file, results cached per data version.

Pages call ``run("reduction.reduction_by_category", scope=…, as_of=…)``: the function is looked up
in ``analytics`` by name (an allow-list: only modules named here), called on the process's
connection and its DataFrame cached under (database, data version, function, arguments). A new
import or a changed setting changes the data version, so nothing stale is shown.
"""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path
from typing import Any

import duckdb
import streamlit as st

from analytics import db
from analytics.access import effective_scope
from analytics.config import Settings
from analytics.inventory import data_version

# Modules whose public functions pages may run through the cache.
DATA_TABLE_ORDER = db.DATA_TABLES
_MODULES = ("inventory", "policy", "kpis", "reduction", "secondment", "training", "workforce", "quality", "batches", "units",
            "reorganisation")


def db_path() -> str:
    return str(Settings.from_env().db_path)


@st.cache_resource(show_spinner=False)
def _connection(path: str) -> duckdb.DuckDBPyConnection:
    return db.connect(Path(path))


def connection() -> duckdb.DuckDBPyConnection:
    """The process's connection to the configured database (created and upgraded if needed)."""
    return _connection(db_path())


def version() -> str:
    return data_version(connection())


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
    return _cached(path, data_version(con), name, tuple(sorted(kwargs.items())))


def clear() -> None:
    """Forget cached results and connections (tests; after the database file is replaced)."""
    _cached.clear()
    _connection.clear()
