"""Data access for pages: the newest published version of the store, results cached per data version.

Pages call ``run(reduction.reduction_by_category, scope=…, as_of=…)`` with the function itself, so
go-to-definition works and mypy checks the arguments against the function's signature. Only public
functions of the modules named in ``_MODULES`` are accepted (an allow-list); the function is called
on the process's connection and its DataFrame cached under (database, data version, the function's
qualified name, arguments). A new import or a changed setting changes the data version, so nothing
stale is shown.

The connection is read-only (``analytics.store``): another process may import at the same time.
Each call returns the newest published version's connection, so a run that starts after a
commit sees it; writes (``db.transaction`` on this connection) go to the store's writer.
"""

from __future__ import annotations

import importlib
import inspect
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Concatenate, ParamSpec, TypeVar

import duckdb
import streamlit as st
from streamlit.runtime.scriptrunner import add_script_run_ctx, get_script_run_ctx
from streamlit.runtime.scriptrunner_utils.script_run_context import SCRIPT_RUN_CONTEXT_ATTR_NAME

from analytics import db, store
from analytics.access import effective_scope
from analytics.config import Settings
from analytics.inventory import data_version

P = ParamSpec("P")
R = TypeVar("R")

# Modules whose public functions pages may run through the cache.
DATA_TABLE_ORDER = db.DATA_TABLES
_MODULES = (
    "inventory",
    "policy",
    "kpis",
    "reduction",
    "secondment",
    "training",
    "workforce",
    "quality",
    "batches",
    "units",
    "reorganisation",
    "reporting",
    "children",
)


def db_path() -> str:
    return str(Settings.from_env().db_path)


def _connection(path: str) -> duckdb.DuckDBPyConnection:
    return store.open_store(path).reader()


def connection() -> duckdb.DuckDBPyConnection:
    """The newest published version of the configured database (created if needed), read-only."""
    return _connection(db_path())


# A published version never changes, so its data version is computed once per version file (not
# once per chart: a page asks about 20 times a run, and each asking was a query).
_DATA_VERSIONS: dict[tuple[str, str, int], str] = {}


def _snapshot(path: str) -> tuple[duckdb.DuckDBPyConnection, str]:
    """The newest version's connection and its data version, read from that same version."""
    con, record = store.open_store(path).snapshot()
    # The generation changes on a restore, so results of a replaced database are never reused.
    generation = int(record.get("generation", 1))
    key = (path, str(record["file"]), generation)
    found = _DATA_VERSIONS.get(key)
    if found is None:
        found = f"{generation}:{data_version(con)}"
        if len(_DATA_VERSIONS) > 16:  # a handful of versions are live at once; forget the rest
            _DATA_VERSIONS.clear()
        _DATA_VERSIONS[key] = found
        if _LATEST.get(path, found) != found:
            # New data: no page asks for the results of the old version again (every run asks the
            # newest), so they go now instead of filling the cache import after import.
            _cached.clear()
        _LATEST[path] = found
    return con, found


_LATEST: dict[str, str] = {}  # the newest data version seen per database


def version() -> str:
    return _snapshot(db_path())[1]


def _resolve(name: str) -> Callable[..., Any]:
    module, _, func = name.partition(".")
    if module not in _MODULES or not func or func.startswith("_") or "." in func:
        raise ValueError(f"not a runnable analytics function: {name}")
    found: Callable[..., Any] = getattr(importlib.import_module(f"analytics.{module}"), func)
    return found


def qualified_name(fn: Callable[..., Any]) -> str:
    """``reduction.reduction_by_category`` for ``analytics.reduction.reduction_by_category``, after
    checking it is a public function of an allowed module that the name finds again (the cache
    stores the name, not the function object, and resolves it on a miss)."""
    module = getattr(fn, "__module__", "") or ""
    name = f"{module.removeprefix('analytics.')}.{getattr(fn, '__qualname__', '')}"
    if not module.startswith("analytics.") or _resolve(name) is not fn:
        raise ValueError(f"not a runnable analytics function: {fn!r}")
    return name


@st.cache_data(show_spinner=False, max_entries=1024)
def _cached(path: str, data_version_: str, name: str, kwargs: tuple[tuple[str, Any], ...]) -> Any:
    return _resolve(name)(_connection(path), **dict(kwargs))


# effective_scope asks the database whether the unit exists (and is inside the account's own) on
# every call: about 20 calls a run, 8 % of a run's CPU. Its answer depends only on the data version,
# the account's own unit and the unit asked for, so allowed answers are kept per version; a refusal
# is never kept (each one is audited and raised again).
_SCOPES: dict[tuple[str, str, str | None, str | None], str | None] = {}


def _scope(con: duckdb.DuckDBPyConnection, path: str, data_version_: str, requested: str | None) -> str | None:
    user = st.session_state.get("user")
    if user is None:
        return effective_scope(con, user, requested)  # raises: no account
    key = (path, data_version_, user.scope_unit_code, requested)
    if key not in _SCOPES:
        if len(_SCOPES) > 4096:  # units × accounts' scopes × live versions: forget, never grow unbounded
            _SCOPES.clear()
        _SCOPES[key] = effective_scope(con, user, requested)
    return _SCOPES[key]


def _key(
    fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]
) -> tuple[str, str, str, tuple[Any, ...]]:
    """The cache key of a call (database, data version, function name, arguments), scope enforced."""
    if args:  # analytics functions take keyword-only arguments after the connection (house rule 3)
        raise TypeError(f"{getattr(fn, '__qualname__', fn)}: pass arguments by keyword")
    name = qualified_name(fn)
    path = db_path()
    con, data_version_ = _snapshot(path)
    if "scope" in inspect.signature(fn).parameters:
        requested = kwargs.get("scope")
        kwargs["scope"] = _scope(con, path, data_version_, requested if isinstance(requested, str) else None)
    return path, data_version_, name, tuple(sorted(kwargs.items()))


def run(fn: Callable[Concatenate[duckdb.DuckDBPyConnection, P], R], /, *args: P.args, **kwargs: P.kwargs) -> R:
    """Run ``fn(con, **kwargs)`` (an analytics function), cached by data version and arguments.

    Unit scope is enforced here, for every page, table and download alike: a function that takes
    ``scope`` gets the signed-in account's effective scope (``analytics.access.effective_scope``),
    so a unit-limited account can never read another unit's rows, and as the resolved scope is part
    of the cache key, cached results cannot leak across scopes.
    """
    result: R = _cached(*_key(fn, args, kwargs))
    return result


# Calls a page starts together run on these threads: DuckDB releases the GIL while a query runs and
# a small query leaves the cores idle much of the time, so the misses after a filter change or an
# import finish sooner side by side than one after another. Shared by every session of the process;
# eight threads, so one session's slow misses rarely keep another's cached calls waiting in line.
_POOL = ThreadPoolExecutor(max_workers=8, thread_name_prefix="data-run")


def start(
    fn: Callable[Concatenate[duckdb.DuckDBPyConnection, P], R], /, *args: P.args, **kwargs: P.kwargs
) -> Future[R]:
    """``run`` begun now and finished by ``.result()`` (which raises what the call raised): start the calls a page needs, then read them,
    so that those not cached yet are computed side by side. Scope and cache key are settled here,
    on the page's own thread (they read the session); only the cached call runs on the pool."""
    key = _key(fn, args, kwargs)
    ctx = get_script_run_ctx()

    def call() -> R:
        thread = threading.current_thread()
        if ctx is not None:  # the session's context, so Streamlit's cache behaves as on the page's thread
            add_script_run_ctx(thread, ctx)
        try:
            result: R = _cached(*key)
        finally:  # the pool's thread must not keep the session alive until its next call
            setattr(thread, SCRIPT_RUN_CONTEXT_ATTR_NAME, None)
        return result

    return _POOL.submit(call)


def clear() -> None:
    """Forget cached results and connections (tests; after the database file is replaced)."""
    _cached.clear()
    _DATA_VERSIONS.clear()
    _LATEST.clear()
    _SCOPES.clear()
    store.forget_all()
