"""Templates: generated from the kind specs; filled with exported rows they import back identically."""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import openpyxl
import pytest

from analytics import db
from analytics.ingest.kinds import KINDS
from analytics.ingest.pipeline import load, prepare
from analytics.ingest.template import DATA_SHEET, GUIDE_SHEET, LISTS_SHEET, build_template
from tests.ingest_helpers import corpus_module, tiny_db

mc = corpus_module()
SOURCES = [
    "commune_staff.xlsx",
    "roster_plain.csv",
    "units_and_roster.xlsx",
    "quota_wide_cantho.xlsx",
    "payroll.xlsx",
    "reduction.xlsx",
    "secondment_ok.xlsx",
    "training.xlsx",
    "roster_dates.xlsx",
    "reorg_decisions.xlsx",
    "job_positions.xlsx",
    "inspections.xlsx",
]


@pytest.fixture(scope="module")
def tiny_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("tpl") / "tiny.duckdb"
    tiny_db(path).close()
    return path


@pytest.fixture(scope="module")
def source(tiny_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    """A database filled by importing the good corpus files."""
    path = tmp_path_factory.mktemp("src") / "src.duckdb"
    shutil.copy(tiny_file, path)
    con = db.connect(path)
    for name in SOURCES:
        builder, _ = mc.CASES[name]
        plan = prepare(con, files=[(name, builder())], as_of=mc.AS_OF)
        assert plan.ok, [p.message() for p in plan.problems if p.severity == "error"]
        load(con, plan, user="test")
    yield con
    con.close()


def _cell(value: Any, typ: str) -> Any:
    if value is None:
        return None
    if typ == "month":
        return value.strftime("%m/%Y")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, Decimal):
        return str(value).replace(".", ",")
    if isinstance(value, bool):
        return "có" if value else "không"
    return value


def _rows(con: duckdb.DuckDBPyConnection, kind: str) -> list[tuple[Any, ...]]:
    cols = ", ".join(c.name for c in KINDS[kind].columns)
    return sorted(con.execute(f"SELECT {cols} FROM {KINDS[kind].table}").fetchall(), key=repr)


def _template_with(con: duckdb.DuckDBPyConnection, kind: str) -> bytes:
    k = KINDS[kind]
    return build_template(
        kind, [[_cell(v, c.type) for v, c in zip(r, k.columns, strict=True)] for r in _rows(con, kind)]
    )


@pytest.mark.parametrize("kind", [k for k in KINDS if k != "secondment_review"])
def test_template_round_trip(kind: str, source: duckdb.DuckDBPyConnection, tiny_file: Path, tmp_path: Path) -> None:
    original = _rows(source, kind)
    assert original, f"no {kind} rows in the source database"
    path = tmp_path / "dest.duckdb"
    shutil.copy(tiny_file, path)
    dest = db.connect(path)
    try:
        files = [(f"{kind}.xlsx", _template_with(source, kind))]
        if kind != "unit":  # the units the rows name travel in the same upload
            files.insert(0, ("unit.xlsx", _template_with(source, "unit")))
        plan = prepare(dest, files=files, as_of=mc.AS_OF)
        assert plan.ok, [
            (p.sheet, p.row, p.column, p.value, p.message()) for p in plan.problems if p.severity == "error"
        ]
        load(dest, plan, user="test")
        assert _rows(dest, kind) == original
    finally:
        dest.close()


def test_template_has_notes_dropdowns_and_guide() -> None:
    wb = openpyxl.load_workbook(io.BytesIO(build_template("person")))
    assert wb.sheetnames == [DATA_SHEET, LISTS_SHEET, GUIDE_SHEET]
    ws = wb[DATA_SHEET]
    headers = [c.value for c in ws[1]]
    assert headers[:4] == ["Số liệu đến ngày", "Mã đơn vị", "Mã cán bộ", "Họ và tên"]
    notes = {h: c.value for h, c in zip(headers, ws[2], strict=True)}
    assert notes["Ngày sinh"].startswith("[ngày dd/mm/yyyy · bắt buộc")
    assert "chọn: nam, nu" in notes["Giới tính"]
    sources = {str(dv.formula1) for dv in ws.data_validations.dataValidation}
    assert len(sources) == 9  # 8 coded columns of person + is_leader (có / không)
    assert wb[LISTS_SHEET].sheet_state == "hidden"
    assert wb[GUIDE_SHEET]["A6"].value == "Số liệu đến ngày"


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(Exception, match="template_unknown_kind"):
        build_template("salary")


@pytest.fixture(scope="module")
def demo(demo_db_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """The session's demo city (conftest), read only."""
    con = db.connect(demo_db_path)
    yield con
    con.close()


DEMO_SAMPLE = 400  # rows per table (every unit): the demo's 680.000 payroll rows would take minutes in openpyxl


@pytest.mark.slow
@pytest.mark.parametrize("kind", list(KINDS))
def test_demo_rows_round_trip_through_templates(kind: str, demo: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    k = KINDS[kind]
    key = ", ".join(k.key)
    cols = ", ".join(c.name for c in k.columns)
    limit = 1_000_000 if kind == "unit" else DEMO_SAMPLE
    rows = demo.execute(f"SELECT {cols} FROM {k.table} ORDER BY hash({key}) LIMIT $n", {"n": limit}).fetchall()
    original = sorted(rows, key=repr)
    units = demo.execute("SELECT " + ", ".join(c.name for c in KINDS["unit"].columns) + " FROM unit").fetchall()
    dest = db.connect(tmp_path / "dest.duckdb")
    try:
        files = [
            (
                "unit.xlsx",
                build_template(
                    "unit", [[_cell(v, c.type) for v, c in zip(r, KINDS["unit"].columns, strict=True)] for r in units]
                ),
            )
        ]
        if kind != "unit":
            files.append(
                (
                    f"{kind}.xlsx",
                    build_template(
                        kind, [[_cell(v, c.type) for v, c in zip(r, k.columns, strict=True)] for r in original]
                    ),
                )
            )
        plan = prepare(dest, files=files)
        errors = [(p.file, p.row, p.column, p.value, p.message()) for p in plan.problems if p.severity == "error"]
        assert not errors, errors[:10]
        load(dest, plan, user="test")
        got = sorted(dest.execute(f"SELECT {cols} FROM {k.table}").fetchall(), key=repr)
        assert got == original
    finally:
        dest.close()
