"""What the forms corpora share (tests/test_ingest_forms.py, tests/test_ingest_heldout.py): their
template databases, how a case is imported, and what "loads as stated" and "refused naming the
cell" mean."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import duckdb
import pytest

from analytics import db
from analytics.errors import ImportRejected
from analytics.ingest.pipeline import load, prepare
from tests.ingest_helpers import checksum

Opener = Callable[[str], duckdb.DuckDBPyConnection]


def template_dbs(corpus: ModuleType, folder: Path) -> dict[str, Path]:
    """Two template databases: "empty" (schema and reference tables only) and "units" (+ UNITS)."""
    out = {}
    for name in ("empty", "units"):
        con = db.connect(folder / f"{name}.duckdb")
        if name == "units":
            corpus.seed_units(con)
        con.close()
        out[name] = folder / f"{name}.duckdb"
    return out


def opener(templates: dict[str, Path], tmp_path: Path) -> Iterator[Opener]:
    """A function that opens a fresh copy of a template database (closed at the end)."""
    opened: list[duckdb.DuckDBPyConnection] = []

    def _open(kind: str) -> duckdb.DuckDBPyConnection:
        path = tmp_path / f"{kind}-{len(opened)}.duckdb"
        shutil.copy(templates[kind], path)
        con = db.connect(path)
        opened.append(con)
        return con

    yield _open
    for c in opened:
        c.close()


def text(plan: Any) -> str:
    return "\n".join(
        f"[{p.severity}] {p.sheet} | dòng {p.row} | {p.column} | {p.value} | {p.message('vi')}" for p in plan.problems
    )


def prepare_case(corpus: ModuleType, con: duckdb.DuckDBPyConnection, name: str, paths: dict[str, Path]) -> Any:
    return prepare(con, files=[(name, paths[name].read_bytes())], as_of=corpus.CASES[name][1].get("as_of"))


def names_cell(p: Any, cell: tuple[str, int, str]) -> bool:
    """The problem's sheet and row are the cell's, and its column label names the cell's letter
    ("D", "D: Ngày sinh", or one of several joined columns "C: … / Nam + D: … / Nữ")."""
    sheet, row, col = cell
    return (
        p.sheet == sheet and p.row == row and p.column is not None and bool(re.search(rf"(^|\+ ){col}(:|$)", p.column))
    )


def assert_loads(corpus: ModuleType, name: str, paths: dict[str, Path], open_db: Opener) -> None:
    """With no mapping: no error, the rows per table stated, and every check query's rows."""
    exp = corpus.CASES[name][1]
    con = open_db(exp["db"])
    plan = prepare_case(corpus, con, name, paths)
    assert plan.ok, text(plan)
    result = load(con, plan, user="test")
    assert result.rows_by_table == exp["tables"], text(plan)
    for sql, rows in exp["checks"]:
        assert con.execute(sql).fetchall() == rows, sql


def assert_refused(corpus: ModuleType, name: str, paths: dict[str, Path], open_db: Opener) -> None:
    """Refused with the stated words and an error naming the cell; nothing stored."""
    exp = corpus.CASES[name][1]
    con = open_db(exp["db"])
    before = checksum(con)
    plan = prepare_case(corpus, con, name, paths)
    assert not plan.ok, text(plan)
    shown = text(plan)
    for word in exp["words"]:
        assert word in shown, f"{word!r} not in\n{shown}"
    errors = [p for p in plan.problems if p.severity == "error"]
    assert any(names_cell(p, exp["cell"]) for p in errors), f"no error names {exp['cell']}:\n{shown}"
    with pytest.raises(ImportRejected):
        load(con, plan, user="test")
    assert checksum(con) == before


def assert_covers_every_kind(corpus: ModuleType, at_least: int, bad_at_least: int) -> None:
    assert len(corpus.CASES) >= at_least
    assert len(corpus.bad()) >= bad_at_least
    tables = {t for n in corpus.good() for t in corpus.CASES[n][1]["tables"]}
    assert {"unit", "quota", "person", "payroll", "reduction_case", "secondment", "training"} <= tables
    for n in corpus.good():
        assert corpus.CASES[n][1]["checks"], n  # every good file states what it must load to
    for n in corpus.bad():
        assert corpus.CASES[n][1]["words"] and len(corpus.CASES[n][1]["cell"]) == 3, n
