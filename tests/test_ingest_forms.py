"""The forms corpus (tests/forms/make_forms.py): workbooks laid out like the published Vietnamese
HR forms, each with the rows, people and totals it must load to, or the words and the cell its
refusal must name (issue 11, items 4 and 5)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import duckdb
import pytest

from analytics import reduction
from analytics.codes import CODED_COLUMNS
from analytics.ingest.pipeline import load, prepare
from tests.forms import harness, staff
from tests.forms import make_forms as mf

MID_2024 = date(2024, 6, 30)


@pytest.fixture(scope="session")
def forms(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return mf.build(tmp_path_factory.mktemp("forms"))


@pytest.fixture(scope="session")
def db_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return harness.template_dbs(mf, tmp_path_factory.mktemp("forms_db"))


@pytest.fixture
def open_db(db_files: dict[str, Path], tmp_path: Path) -> Iterator[harness.Opener]:
    yield from harness.opener(db_files, tmp_path)


_text = harness.text


def _prepare(con: duckdb.DuckDBPyConnection, name: str, forms: dict[str, Path]):
    return harness.prepare_case(mf, con, name, forms)


def test_corpus_is_big_and_covers_every_kind() -> None:
    harness.assert_covers_every_kind(mf, 30, 5)


@pytest.mark.parametrize("name", mf.good())
def test_form_loads_without_mapping(name: str, forms: dict[str, Path], open_db: harness.Opener) -> None:
    harness.assert_loads(mf, name, forms, open_db)


@pytest.mark.parametrize("name", mf.bad())
def test_bad_form_refused_naming_the_cell(name: str, forms: dict[str, Path], open_db: harness.Opener) -> None:
    harness.assert_refused(mf, name, forms, open_db)


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
    got = con.execute(
        "SELECT full_name, gender, birth_date, category, ethnicity, position, unit_code, as_of "
        "FROM person ORDER BY full_name"
    ).fetchall()
    want = sorted((n, g, b, c, e.lower(), pos, "X01", date(2025, 12, 31)) for c, n, b, g, e, pos, *_ in staff.HOA_TU)
    assert got == want


def _codes() -> set[str]:
    """Internal code values that must never reach a message: those with an underscore, and those
    that are not words a Vietnamese or English reader would write."""
    out = {v for cols in CODED_COLUMNS.values() for vals in cols.values() for v in vals if "_" in v}
    return out | {"dvsnc", "phuong", "tot", "kha"}


def test_no_internal_code_in_any_message(forms: dict[str, Path], open_db) -> None:
    pattern = re.compile(
        r"(?<![\w.])(" + "|".join(sorted(map(re.escape, _codes()), key=len, reverse=True)) + r")(?!\w)"
    )
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
