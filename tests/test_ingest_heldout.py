"""The HELD-OUT forms corpus (tests/forms/heldout.py): files made by someone who did not read the
recogniser, each with what it must load to, or the words and the cell its refusal must name.
Mirrors tests/test_ingest_forms.py."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from analytics import db
from analytics.errors import ImportRejected
from analytics.ingest.pipeline import load, prepare
from tests.forms import heldout as hd
from tests.ingest_helpers import checksum


@pytest.fixture(scope="session")
def heldout_forms(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return hd.build(tmp_path_factory.mktemp("heldout"))


@pytest.fixture(scope="session")
def heldout_db_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Two template databases: "empty" (schema and reference tables only) and "units" (+ UNITS)."""
    d = tmp_path_factory.mktemp("heldout_db")
    out = {}
    for name in ("empty", "units"):
        con = db.connect(d / f"{name}.duckdb")
        if name == "units":
            hd.seed_units(con)
        con.close()
        out[name] = d / f"{name}.duckdb"
    return out


@pytest.fixture
def open_db(heldout_db_files: dict[str, Path], tmp_path: Path) -> Iterator:
    opened: list[duckdb.DuckDBPyConnection] = []

    def _open(kind: str) -> duckdb.DuckDBPyConnection:
        path = tmp_path / f"{kind}-{len(opened)}.duckdb"
        shutil.copy(heldout_db_files[kind], path)
        con = db.connect(path)
        opened.append(con)
        return con

    yield _open
    for c in opened:
        c.close()


def _text(plan) -> str:
    return "\n".join(f"[{p.severity}] {p.sheet} | dòng {p.row} | {p.column} | {p.value} | {p.message('vi')}"
                     for p in plan.problems)


def _prepare(con: duckdb.DuckDBPyConnection, name: str, forms: dict[str, Path]):
    return prepare(con, files=[(name, forms[name].read_bytes())], as_of=hd.CASES[name][1].get("as_of"))


def test_heldout_corpus_covers_every_kind() -> None:
    assert len(hd.CASES) >= 16
    assert len(hd.bad()) >= 4
    tables = {t for n in hd.good() for t in hd.CASES[n][1]["tables"]}
    assert {"unit", "quota", "person", "payroll", "reduction_case", "secondment", "training"} <= tables
    for n in hd.good():
        assert hd.CASES[n][1]["checks"], n
    for n in hd.bad():
        assert hd.CASES[n][1]["words"] and len(hd.CASES[n][1]["cell"]) == 3, n


@pytest.mark.parametrize("name", hd.good())
def test_heldout_form_loads_without_mapping(name: str, heldout_forms: dict[str, Path], open_db) -> None:
    exp = hd.CASES[name][1]
    con = open_db(exp["db"])
    plan = _prepare(con, name, heldout_forms)
    assert plan.ok, _text(plan)
    result = load(con, plan, user="test")
    assert result.rows_by_table == exp["tables"], _text(plan)
    for sql, rows in exp["checks"]:
        assert con.execute(sql).fetchall() == rows, sql


def _names_cell(p, cell: tuple[str, int, str]) -> bool:
    """The problem's sheet and row are the cell's, and its column label names the cell's letter
    ("D", "D: Ngày sinh", or one of several joined columns "C: … / Nam + D: … / Nữ")."""
    sheet, row, col = cell
    return p.sheet == sheet and p.row == row and p.column is not None and bool(
        re.search(rf"(^|\+ ){col}(:|$)", p.column))


@pytest.mark.parametrize("name", hd.bad())
def test_heldout_bad_form_refused_naming_the_cell(name: str, heldout_forms: dict[str, Path], open_db) -> None:
    exp = hd.CASES[name][1]
    con = open_db(exp["db"])
    before = checksum(con)
    plan = _prepare(con, name, heldout_forms)
    assert not plan.ok, _text(plan)
    text = _text(plan)
    for word in exp["words"]:
        assert word in text, f"{word!r} not in\n{text}"
    errors = [p for p in plan.problems if p.severity == "error"]
    assert any(_names_cell(p, exp["cell"]) for p in errors), f"no error names {exp['cell']}:\n{text}"
    with pytest.raises(ImportRejected):
        load(con, plan, user="test")
    assert checksum(con) == before
