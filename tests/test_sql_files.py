"""Every SQL file is used, every query name used has a file, and fragments resolve."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
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


_SCOPE_TESTS = re.compile(r"\bIN \(SELECT unit_code FROM scope_walk\)|\$scope IS NULL")


@pytest.mark.parametrize("name", sorted(n for n in LOADED if "$scope" in sql_files.load(n)))
def test_with_no_scope_every_test_against_the_scope_is_answered(name: str) -> None:
    """Run for the whole database, a query keeps no test against the scope's walk (which has no row
    then): each written as its answer (sql_files.load_whole), whatever the table's alias. A test
    written another way would still be right, but planned and run for nothing."""
    whole = re.sub(r"--[^\n]*", "", sql_files.load_whole(name))
    assert not _SCOPE_TESTS.findall(whole)
    if "scope_walk" in whole:  # the answers hold because the walk has no row for a NULL scope
        assert re.search(
            r"scope_walk\(unit_code\) AS \(\s*SELECT unit_code FROM unit_rollup WHERE ancestor_code = \$scope\s*\)",
            whole,
        )


def test_a_query_for_the_whole_database_takes_the_parameters_its_text_uses(con: duckdb.DuckDBPyConnection) -> None:
    """check_unknown_unit reads $scope only to answer "no scope?": for the whole database its text
    has no parameter left, and runs; for a scope it lists nothing."""
    assert sql_files.parameters("check_unknown_unit") == {"scope"}
    from analytics import summaries
    from tests.conftest import insert

    assert sql_files.every_unit_known(con)
    insert(con, "quota", [{"unit_code": "ZZ1", "year": 2024, "category": "cong_chuc", "quota_assigned": 5}])
    summaries.refresh(con, None)
    assert not sql_files.every_unit_known(con)  # asked again: a connection that can change keeps nothing
    assert sql_files.query(con, "check_unknown_unit", {"scope": None})["unit_code"].tolist() == ["ZZ1"]
    assert sql_files.query(con, "check_unknown_unit", {"scope": "U1"}).empty


def _quota_rows(con: duckdb.DuckDBPyConnection, n: int, year: int = 2024) -> None:
    from tests.conftest import insert

    if not con.execute("SELECT count(*) FROM unit WHERE unit_code = 'U1'").fetchone()[0]:  # type: ignore[index]
        insert(con, "unit", [{"unit_code": "U1", "name": "Đơn vị 1", "unit_type": "so_nganh", "level": "city"}])
    insert(con, "quota", [{"unit_code": "U1", "year": year, "category": "cong_chuc", "quota_assigned": n}])


PARAMS = {"scope": None, "category": "cong_chuc"}


def test_results_of_a_published_version_are_kept_and_callers_own_their_copy(tmp_path: Path) -> None:
    """A store's version connection keeps query results (the same rows, without running the query
    again); what a caller changes in its frame or rows never reaches the next caller."""
    from analytics import store

    s = store.open_store(tmp_path / "m.duckdb")
    with s.writer() as w:
        _quota_rows(w, 50)
    reader = s.reader()
    first = sql_files.query(reader, "reduction_by_year", PARAMS)
    assert first["quota_assigned"].tolist() == [50]
    first["quota_assigned"] = 0  # the caller's own copy
    first.attrs["x"] = 1
    again = sql_files.query(reader, "reduction_by_year", PARAMS)
    assert again["quota_assigned"].tolist() == [50] and "x" not in again.attrs
    rows = sql_files.records(reader, "reduction_by_year", PARAMS)
    rows[0]["quota_assigned"] = -1
    assert sql_files.records(reader, "reduction_by_year", PARAMS)[0]["quota_assigned"] == 50
    assert len(sql_files._MEMO[reader]) == 2  # one frame, one list of rows
    with s.writer() as w:  # a new version: its own connection, its own results
        _quota_rows(w, 60, year=2025)
    newer = s.reader()
    assert newer is not reader
    assert sql_files.query(newer, "reduction_by_year", PARAMS)["quota_assigned"].tolist() == [50, 60]
    assert sql_files.query(reader, "reduction_by_year", PARAMS)["quota_assigned"].tolist() == [50]


def test_a_connection_that_can_change_keeps_nothing(con: duckdb.DuckDBPyConnection) -> None:
    _quota_rows(con, 50)
    assert sql_files.query(con, "reduction_by_year", PARAMS)["quota_assigned"].tolist() == [50]
    _quota_rows(con, 60, year=2025)
    assert sql_files.query(con, "reduction_by_year", PARAMS)["quota_assigned"].tolist() == [50, 60]
    assert sql_files._MEMO.get(con) is None


def test_large_results_are_not_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from analytics import store

    s = store.open_store(tmp_path / "m.duckdb")
    with s.writer() as w:
        _quota_rows(w, 50)
        _quota_rows(w, 60, year=2025)
    reader = s.reader()
    monkeypatch.setattr(sql_files, "MEMO_MAX_ROWS", 1)
    sql_files.query(reader, "reduction_by_year", PARAMS)
    assert len(sql_files._MEMO[reader]) == 0
    monkeypatch.setattr(sql_files, "MEMO_MAX_ROWS", 2)
    sql_files.query(reader, "reduction_by_year", PARAMS)
    assert len(sql_files._MEMO[reader]) == 1


def _slow_runs(monkeypatch: pytest.MonkeyPatch, fail_first: bool = False) -> list[str]:
    """Make every query run slow and count the runs (threads asking at once must overlap)."""
    import threading
    import time

    runs: list[str] = []
    real = sql_files._memoised

    def counting(
        con: duckdb.DuckDBPyConnection, kind: str, name: str, params: dict[str, Any], run: Callable[..., Any]
    ) -> Any:
        def slow(used: dict[str, Any]) -> Any:
            runs.append(threading.current_thread().name)
            time.sleep(0.3)
            if fail_first and len(runs) == 1:
                raise RuntimeError("the first run fails")
            return run(used)

        return real(con, kind, name, params, slow)

    monkeypatch.setattr(sql_files, "_memoised", counting)
    return runs


@pytest.mark.parametrize("fail_first", [False, True])
def test_a_query_running_for_another_thread_is_waited_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fail_first: bool
) -> None:
    """A page's calls run side by side and share queries: four threads asking for the same query at
    once run it once and get the same rows. When that run fails, the waiting threads run it
    themselves (each gets its own result or error, none is left waiting)."""
    from concurrent.futures import ThreadPoolExecutor

    from analytics import store

    s = store.open_store(tmp_path / "m.duckdb")
    with s.writer() as w:
        _quota_rows(w, 50)
    reader = s.reader()
    runs = _slow_runs(monkeypatch, fail_first)
    with ThreadPoolExecutor(4) as pool:
        futures = [pool.submit(sql_files.query, reader, "reduction_by_year", PARAMS) for _ in range(4)]
        outcomes = [f.exception() or f.result()["quota_assigned"].tolist() for f in futures]
    if fail_first:
        assert sum(isinstance(o, RuntimeError) for o in outcomes) == 1 and outcomes.count([50]) == 3
        assert len(runs) == 1 + 3  # the failed run, then each waiting thread's own
    else:
        assert outcomes == [[50]] * 4 and len(runs) == 1
    assert not sql_files._RUNNING


def test_derived_results_are_kept_per_version_and_key(tmp_path: Path, con: duckdb.DuckDBPyConnection) -> None:
    """sql_files.derived keeps a Python-side result on a published version's connection, per key;
    on a connection that can change it computes every time."""
    import pandas as pd

    from analytics import store

    s = store.open_store(tmp_path / "m.duckdb")
    with s.writer() as w:
        _quota_rows(w, 50)
    reader = s.reader()
    calls: list[str] = []

    def compute(tag: str) -> pd.DataFrame:
        calls.append(tag)
        return pd.DataFrame({"tag": [tag]})

    first = sql_files.derived(reader, "thing", ("a",), lambda: compute("a"))
    first.loc[0, "tag"] = "changed"  # the caller's own copy
    assert sql_files.derived(reader, "thing", ("a",), lambda: compute("a"))["tag"].tolist() == ["a"]
    assert sql_files.derived(reader, "thing", ("b",), lambda: compute("b"))["tag"].tolist() == ["b"]
    assert calls == ["a", "b"]
    sql_files.derived(con, "thing", ("a",), lambda: compute("a"))
    sql_files.derived(con, "thing", ("a",), lambda: compute("a"))
    assert calls == ["a", "b", "a", "a"]


# Results of each kind of column, with and without NULLs, and none at all.
RESULTS = {
    "text": "SELECT 'xã ' || i AS name, CASE WHEN i % 3 = 0 THEN NULL ELSE 'p' END AS kind, i::BIGINT AS n, "
    "i / 7 AS share, i % 2 = 0 AS even FROM range(5000) t(i)",
    "nullable integers and booleans": "SELECT 'a' || i AS code, CASE WHEN i % 2 = 0 THEN i END::INTEGER AS n, "
    "CASE WHEN i % 3 = 0 THEN NULL ELSE i % 2 = 0 END AS flag FROM range(50) t(i)",
    "dates, decimals, lists": "SELECT 'a' || i AS code, DATE '2026-01-01' + i::INTEGER AS day, "
    "(i / 4)::DECIMAL(9, 2) AS coef, [i, i + 1] AS pair, (i * 10)::HUGEINT AS big FROM range(50) t(i)",
    "no row": "SELECT 'a' AS code, 1 AS n FROM range(0)",
}


@pytest.mark.parametrize("result", RESULTS)
def test_a_frame_through_arrow_is_the_frame_duckdb_gives(result: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """query(…, through_arrow=True) gives the very frame of query(…): dtypes, values and NULLs."""
    name = "through_arrow_" + re.sub(r"\W", "_", result)
    load = sql_files.load
    monkeypatch.setattr(sql_files, "load", lambda n: RESULTS[result] if n == name else load(n))
    con = duckdb.connect()
    expected = sql_files.query(con, name, {})
    found = sql_files.query(con, name, {}, through_arrow=True)
    pd.testing.assert_frame_equal(found, expected, check_exact=True)
    assert list(found.dtypes) == list(expected.dtypes)
