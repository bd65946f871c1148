"""SQL of substantial queries: ``analytics/sql/<function_name>.sql``, one query per file.

Shared pieces of queries (the scope filter, the roster as of a date, …) are fragment files whose
name starts with ``_``; a query pulls one in with a line ``-- @include <name>`` (without the
underscore), so each piece is written once. ``query`` runs a file with only the parameters the
query uses (DuckDB refuses unused ones), on its own cursor, and fetches the result fully.

Two parameters are worked out here rather than by the caller, for every query that includes the
roster, as values the planner can see: ``roster_stable`` (``roster_stable()``), which picks the
roster's way to its units when the query is planned, and ``roster_whole`` (``roster_whole()``), the
roster dates whose rows are taken by their date alone; a test may pass either to force a way. A
query for the whole database ($scope NULL) runs as ``load_whole`` gives it: its tests against the
scope, whose answer is known then, written as that answer.
"""

from __future__ import annotations

import re
import threading
import warnings
import weakref
from collections import OrderedDict
from collections.abc import Callable
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import pandas as pd
import pyarrow as pa

from analytics import db

warnings.filterwarnings("ignore", "Arrow output on a DB-API result makes an extra copy", UserWarning)

SQL_DIR = Path(__file__).with_name("sql")
_INCLUDE = re.compile(r"^[ \t]*--[ \t]*@include[ \t]+(\w+)[ \t]*$", re.M)
_PARAM = re.compile(r"\$(\w+)")
_COMMENT = re.compile(r"--[^\n]*")
T = TypeVar("T")


@cache
def load(name: str) -> str:
    """The text of ``analytics/sql/<name>.sql`` (read once per process), fragments included."""
    if not name.replace("_", "").isalnum():
        raise ValueError(f"not a query name: {name!r}")
    text = (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")
    return _INCLUDE.sub(lambda m: load(f"_{m.group(1)}").strip().rstrip(";"), text)


# With no scope (the whole database), scope_walk has no row, so each test against it has one answer
# known before the query runs: written as that answer, the planner has no join to make for it (a
# millisecond of planning and running on a small query at national scale). So too the test that a
# row's unit is known when unknown_unit_ref, usually empty, is.
_WHOLE = (
    (re.compile(r"\$scope IS NULL"), "TRUE"),
    (re.compile(r"[\w.]+ NOT IN \(SELECT unit_code FROM scope_walk\)"), "TRUE"),
    (re.compile(r"[\w.]+ IN \(SELECT unit_code FROM scope_walk\)"), "FALSE"),
)
_KNOWN = re.compile(r"[\w.]+ NOT IN \(SELECT unit_code FROM unknown_unit_ref\)")


@cache
def load_whole(name: str, every_unit_known: bool = False) -> str:
    """``load(name)`` for ``$scope`` NULL: the tests of the scope's walk written as their answer, and
    with ``every_unit_known`` (unknown_unit_ref has no row) the tests against unknown_unit_ref."""
    text = load(name)
    for pattern, answer in _WHOLE:
        text = pattern.sub(answer, text)
    return _KNOWN.sub("TRUE", text) if every_unit_known else text


@cache
def _whole_parameters(name: str, every_unit_known: bool) -> frozenset[str]:
    """The $parameters ``load_whole`` still uses (outside comments: DuckDB counts those only)."""
    return frozenset(_PARAM.findall(_COMMENT.sub("", load_whole(name, every_unit_known))))


def _statement(con: duckdb.DuckDBPyConnection, name: str, used: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The text to run ``name`` with ``used`` (``_used``), and the parameters that text takes."""
    if "scope" not in used or used["scope"] is not None:
        return load(name), used
    known = _tests_units(name) and every_unit_known(con)
    return load_whole(name, known), {k: v for k, v in used.items() if k in _whole_parameters(name, known)}


@cache
def _tests_units(name: str) -> bool:
    """Whether the country text of ``name`` tests rows against unknown_unit_ref (a comment that
    names the table does not count: no query is run to ask for nothing)."""
    return _KNOWN.search(_COMMENT.sub("", load_whole(name))) is not None


def every_unit_known(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether every data row names a unit of the unit table (unknown_unit_ref has no row)."""
    rows = _kept(
        con,
        ("unknown_units",),
        lambda: [
            {"n": r[0]} for r in db.thread_cursor(con).execute("SELECT count(*) FROM unknown_unit_ref").fetchall()
        ],
    )
    return rows[0]["n"] == 0


@cache
def parameters(name: str) -> frozenset[str]:
    """Names of the $parameters a query uses."""
    return frozenset(_PARAM.findall(load(name)))


def _used(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any]) -> dict[str, Any]:
    used = parameters(name)
    if "roster_stable" in used and "roster_stable" not in params and "roster_as_of" in params:
        params = {**params, "roster_stable": roster_stable(con, params["roster_as_of"])}
    if "roster_whole" in used and "roster_whole" not in params and "roster_as_of" in params:
        params = {**params, "roster_whole": roster_whole(con, params["roster_as_of"])}
    missing = used - params.keys()
    if missing:
        raise KeyError(f"query {name} needs parameters {sorted(missing)}")
    return {k: params[k] for k in used}


# --- results of a published version, computed once ------------------------------------------------
# A published version (analytics.store) never changes, so the same query with the same parameters on
# its connection always gives the same rows. The KPI functions a page asks for share queries (the
# overview's headline and its tables both run secondment_postings, secondment_by_agency and
# training_budget_by_agency), so results are kept per version connection: small ones only
# (MEMO_MAX_ROWS), the last MEMO_ENTRIES per connection, forgotten with the connection. Connections
# that can change (the writer, a test's database) are never registered, so nothing is kept for them.
MEMO_MAX_ROWS = 20_000
MEMO_ENTRIES = 256
_MEMO: weakref.WeakKeyDictionary[duckdb.DuckDBPyConnection, OrderedDict[tuple[Any, ...], Any]] = (
    weakref.WeakKeyDictionary()
)
_MEMO_LOCK = threading.Lock()
# queries being run now on a registered connection, waited for by other threads asking for the same
_RUNNING: dict[tuple[duckdb.DuckDBPyConnection, tuple[Any, ...]], threading.Event] = {}
memo_enabled = True  # bench/run.py turns it off to time the queries themselves


def remember_results(con: duckdb.DuckDBPyConnection) -> None:
    """Keep query results of ``con``, a connection to data that never changes (a published version)."""
    with _MEMO_LOCK:
        _MEMO.setdefault(con, OrderedDict())


def _frozen(value: Any) -> Any:
    return tuple(_frozen(v) for v in value) if isinstance(value, list | tuple) else value


def _memoised(
    con: duckdb.DuckDBPyConnection, kind: str, name: str, params: dict[str, Any], run: Callable[[dict[str, Any]], Any]
) -> Any:
    """``run(used_params)``'s result, from the memo of ``con`` when it has one."""
    used = _used(con, name, params)
    return _kept(con, (kind, name, *sorted((k, _frozen(v)) for k, v in used.items())), lambda: run(used))


def derived(con: duckdb.DuckDBPyConnection, name: str, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
    """``compute()``'s result (a frame or a list), kept like a query's on a published version's
    connection: for results worked out in Python from query rows that several KPI functions share
    (the postings behind the headline, the secondment page's tables and the briefing). ``key``
    holds every argument the result depends on (hashable: dates, codes, the frozen Policy)."""
    result: T = _kept(con, ("derived", name, *key), compute)
    return result


def _kept(con: duckdb.DuckDBPyConnection, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
    """``compute()``'s result, kept under ``key`` in the memo of ``con`` when it has one. A page starts
    its calls side by side (ui.data.start), and they share work: a result already being computed for
    another thread is waited for, not computed a second time on the same two cores."""
    memo = _MEMO.get(con) if memo_enabled else None
    if memo is None:
        return compute()
    # today's date too: a query may read current_date (a roster date left open means "today")
    key = (*key, date.today())
    with _MEMO_LOCK:
        found = memo.get(key)
        if found is not None:
            memo.move_to_end(key)
            return _copy(found)
        running = _RUNNING.get((con, key))
        mine = running is None
        if running is None:
            running = _RUNNING[(con, key)] = threading.Event()
    if not mine:
        running.wait()
        with _MEMO_LOCK:
            found = memo.get(key)
        # None: it failed or was too large to keep, so this thread runs it itself
        return compute() if found is None else _copy(found)
    try:
        found = compute()
        if len(found) > MEMO_MAX_ROWS:
            return found
        with _MEMO_LOCK:
            memo[key] = found
            while len(memo) > MEMO_ENTRIES:
                memo.popitem(last=False)
    finally:
        with _MEMO_LOCK:
            del _RUNNING[(con, key)]
        running.set()
    return _copy(found)


def roster_stable(con: duckdb.DuckDBPyConnection, roster_as_of: date | None) -> bool:
    """Whether the roster of ``roster_as_of`` (None: every unit's latest) is the one of the summary
    table roster_latest: no roster in the database is dated after it (analytics/sql/_roster.sql)."""
    if roster_as_of is None:
        return True
    rows = _kept(
        con,
        ("last_roster_date",),
        lambda: [
            {"last": r[0]} for r in db.thread_cursor(con).execute("SELECT max(as_of) FROM person_summary").fetchall()
        ],
    )
    last = rows[0]["last"]
    return last is None or _as_date(roster_as_of) >= last


def roster_whole(con: duckdb.DuckDBPyConnection, roster_as_of: date | None) -> list[date]:
    """The roster dates whose person rows are all in the roster of ``roster_as_of`` (None: every
    unit's latest): each unit with rows that day has it as its roster date and is not closed by then
    (summary table roster_date). None of them unless the roster is roster_latest's (``roster_stable``)."""
    if not roster_stable(con, roster_as_of):
        return []
    cut = None if roster_as_of is None else _as_date(roster_as_of)
    rows = _kept(
        con,
        ("roster_whole", cut),
        lambda: [
            {"as_of": r[0]}
            for r in db.thread_cursor(con)
            .execute(
                "SELECT as_of FROM roster_date WHERE units = latest_units "
                "AND (first_end IS NULL OR first_end >= coalesce(CAST($cut AS DATE), current_date)) ORDER BY as_of",
                {"cut": cut},
            )
            .fetchall()
        ],
    )
    return [r["as_of"] for r in rows]


def _as_date(value: Any) -> date:
    """A date parameter as a ``date`` (callers pass dates; a timestamp or an ISO text is taken too)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _copy(found: Any) -> Any:
    # Callers own what they get: a frame copy (copy-on-write: no data copied until one is changed),
    # fresh row dicts.
    return found.copy(deep=False) if isinstance(found, pd.DataFrame) else [dict(r) for r in found]


def query(
    con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any], *, through_arrow: bool = False
) -> pd.DataFrame:
    """Run query ``name`` with the subset of ``params`` it uses; a fully fetched DataFrame.

    ``through_arrow``: fetched as Arrow and converted by pyarrow, for a result of thousands of rows
    of text (DuckDB's ``df()`` makes a Python string of every cell, then pandas converts them again:
    a millisecond per ten thousand cells). The frame is the one ``df()`` gives: columns of a type
    that converts otherwise (dates, decimals, lists, integers or booleans with NULLs), or no row
    (text columns then have no dtype of their own), go through ``df()``."""

    def run(used: dict[str, Any]) -> pd.DataFrame:
        cur = db.thread_cursor(con)
        if not through_arrow:
            return cur.execute(*_statement(con, name, used)).df()
        # (the relation API, con.sql(), that DuckDB's warning suggests costs a millisecond of Python
        # per call; the copy it warns of is of the result only, a few thousand rows here)
        table = cur.execute(*_statement(con, name, used)).to_arrow_table()
        assert table is not None  # (a query always gives a table, perhaps of no row)
        if table.num_rows and all(_same_in_pandas(table.column(i)) for i in range(table.num_columns)):
            return table.to_pandas()
        return cur.from_arrow(table).df()  # (on this thread's cursor: the module's default connection is shared)

    result: pd.DataFrame = _memoised(con, "df", name, params, run)
    return result


def _same_in_pandas(column: pa.ChunkedArray) -> bool:
    """Whether pyarrow converts the column to the dtype and values ``df()`` gives."""
    t = column.type
    if pa.types.is_string(t) or pa.types.is_floating(t):
        return True
    return (pa.types.is_integer(t) or pa.types.is_boolean(t)) and column.null_count == 0


def records(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    """Like ``query`` but plain Python rows (dates as ``date``, NULL as None): for row-by-row work."""

    def run(used: dict[str, Any]) -> list[dict[str, Any]]:
        cur = db.thread_cursor(con).execute(*_statement(con, name, used))
        columns = [d[0] for d in cur.description or []]
        return [dict(zip(columns, row, strict=True)) for row in cur.fetchall()]

    result: list[dict[str, Any]] = _memoised(con, "records", name, params, run)
    return result
