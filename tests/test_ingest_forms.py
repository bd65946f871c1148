"""The forms corpus (tests/forms/make_forms.py): workbooks laid out like the published Vietnamese
HR forms, each with the rows, people and totals it must load to, or the words and the cell its
refusal must name (issue 11, items 4 and 5)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import duckdb
import pytest

from analytics import db, reduction
from analytics.codes import CODED_COLUMNS
from analytics.errors import ImportRejected
from analytics.ingest.pipeline import load, prepare
from tests.forms import make_forms as mf
from tests.forms import staff
from tests.ingest_helpers import checksum

MID_2024 = date(2024, 6, 30)


@pytest.fixture(scope="session")
def forms(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return mf.build(tmp_path_factory.mktemp("forms"))


@pytest.fixture(scope="session")
def db_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Two template databases: "empty" (schema and reference tables only) and "units" (+ UNITS)."""
    d = tmp_path_factory.mktemp("forms_db")
    out = {}
    for name in ("empty", "units"):
        con = db.connect(d / f"{name}.duckdb")
        if name == "units":
            mf.seed_units(con)
        con.close()
        out[name] = d / f"{name}.duckdb"
    return out


@pytest.fixture
def open_db(db_files: dict[str, Path], tmp_path: Path) -> Iterator:
    opened: list[duckdb.DuckDBPyConnection] = []

    def _open(kind: str) -> duckdb.DuckDBPyConnection:
        path = tmp_path / f"{kind}-{len(opened)}.duckdb"
        shutil.copy(db_files[kind], path)
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
    return prepare(con, files=[(name, forms[name].read_bytes())], as_of=mf.CASES[name][1].get("as_of"))


def test_corpus_is_big_and_covers_every_kind() -> None:
    assert len(mf.CASES) >= 30
    assert len(mf.bad()) >= 5
    tables = {t for n in mf.good() for t in mf.CASES[n][1]["tables"]}
    assert {"unit", "quota", "person", "payroll", "reduction_case", "secondment", "training"} <= tables
    for n in mf.good():
        assert mf.CASES[n][1]["checks"], n  # every good file states what it must load to
    for n in mf.bad():
        assert mf.CASES[n][1]["words"] and len(mf.CASES[n][1]["cell"]) == 3, n


@pytest.mark.parametrize("name", mf.good())
def test_form_loads_without_mapping(name: str, forms: dict[str, Path], open_db) -> None:
    exp = mf.CASES[name][1]
    con = open_db(exp["db"])
    plan = _prepare(con, name, forms)
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


@pytest.mark.parametrize("name", mf.bad())
def test_bad_form_refused_naming_the_cell(name: str, forms: dict[str, Path], open_db) -> None:
    exp = mf.CASES[name][1]
    con = open_db(exp["db"])
    before = checksum(con)
    plan = _prepare(con, name, forms)
    assert not plan.ok, _text(plan)
    text = _text(plan)
    for word in exp["words"]:
        assert word in text, f"{word!r} not in\n{text}"
    errors = [p for p in plan.problems if p.severity == "error"]
    assert any(_names_cell(p, exp["cell"]) for p in errors), f"no error names {exp['cell']}:\n{text}"
    with pytest.raises(ImportRejected):
        load(con, plan, user="test")
    assert checksum(con) == before


@pytest.mark.parametrize("name", ["bc_bien_che_cantho_2021_2024.xlsx", "bc_bien_che_nam_theo_dong.xlsx"])
def test_old_cantho_quota_reproduces_the_seed_figures(name: str, forms: dict[str, Path], open_db) -> None:
    """DOMAIN.md §3: 1.860 → 1.841 (19 cut, 1,02 %, 20,43 % of plan); 20.735 → 19.415 (1.320 done,
    374 pending, 8,17 %, 81,7 % of plan) — from an empty database, units from the file itself."""
    con = open_db("empty")
    plan = prepare(con, files=[(name, forms[name].read_bytes())])
    assert plan.ok, _text(plan)
    load(con, plan, user="test")
    r = {row["category"]: row for row in reduction.reduction_by_category(con, as_of=MID_2024).to_dict("records")}
    cc, vc = r["cong_chuc"], r["vien_chuc"]
    assert (cc["baseline_quota"], cc["current_year"], cc["current_quota"]) == (1860, 2024, 1841)
    assert (cc["reduced_done"], cc["reduced_pending"], cc["reduced_total"]) == (19, 0, 19)
    assert round(cc["reduced_pct"], 2) == 1.02 and round(cc["plan_progress_pct"], 2) == 20.43
    assert (vc["baseline_quota"], vc["current_quota"]) == (20735, 19415)
    assert (vc["reduced_done"], vc["reduced_pending"], vc["reduced_total"]) == (1320, 374, 1694)
    assert round(vc["reduced_pct"], 2) == 8.17 and round(vc["plan_progress_pct"], 1) == 81.7
    assert round(vc["reduced_done_pct"], 2) == 6.37 and round(vc["plan_progress_done_pct"], 1) == 63.7


def test_commune_list_hoa_tu_people_genders_births_categories_unit(forms: dict[str, Path], open_db) -> None:
    """No unit code, no gender column, no category column, no as-of at upload: the title, the Nam /
    Nữ birth columns, the section rows and "Đơn vị công tác" say it all."""
    con = open_db("units")
    plan = prepare(con, files=[("ds.xlsx", forms["danh_sach_cbcc_xa_hoa_tu.xlsx"].read_bytes())])
    assert plan.ok, _text(plan)
    assert load(con, plan, user="test").rows_by_table == {"person": 8}
    got = con.execute("SELECT full_name, gender, birth_date, category, ethnicity, position, unit_code, as_of "
                      "FROM person ORDER BY full_name").fetchall()
    want = sorted((n, g, b, c, e.lower(), pos, "X01", date(2025, 12, 31)) for c, n, b, g, e, pos, *_ in staff.HOA_TU)
    assert got == want


def _codes() -> set[str]:
    """Internal code values that must never reach a message: those with an underscore, and those
    that are not words a Vietnamese or English reader would write."""
    out = {v for cols in CODED_COLUMNS.values() for vals in cols.values() for v in vals if "_" in v}
    return out | {"dvsnc", "phuong", "tot", "kha"}


def test_no_internal_code_in_any_message(forms: dict[str, Path], open_db) -> None:
    pattern = re.compile(r"(?<![\w.])(" + "|".join(sorted(map(re.escape, _codes()), key=len, reverse=True)) + r")(?!\w)")
    leaks = []
    for name, (_, exp) in mf.CASES.items():
        con = open_db(exp["db"])
        plan = _prepare(con, name, forms)
        for p in plan.problems:
            for lang in ("vi", "en"):
                m = pattern.search(p.message(lang))
                if m:
                    leaks.append(f"{name} [{lang}] {m.group(1)!r}: {p.message(lang)}")
        plan.close()
    assert not leaks, "\n".join(leaks)
