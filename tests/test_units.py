"""Unit tree helpers: list, path (breadcrumb), children and merged predecessors."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from analytics import db, units
from analytics.errors import NotFound
from tests.conftest import add_batch


@pytest.fixture
def tree(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    b = add_batch(con)
    con.executemany(
        "INSERT INTO unit (unit_code, name, unit_type, level, parent_code, merged_into, valid_from, valid_to, batch_id) "
        f"VALUES (?, ?, ?, ?, ?, ?, ?, ?, {b})",
        [
            ("CT", "Thành phố Cần Thơ", "thanh_pho", "city", None, None, date(2025, 7, 1), None),
            ("SNV", "Sở Nội vụ", "so_nganh", "city", "CT", None, date(2025, 7, 1), None),
            ("SNV.P1", "Phòng Tổ chức", "phong", "city", "SNV", None, date(2025, 7, 1), None),
            ("CT_CU.SNV", "Sở Nội vụ (cũ)", "so_nganh", "city", None, "SNV", None, date(2025, 6, 30)),
        ],
    )
    return con


def test_path_runs_from_the_root(tree: duckdb.DuckDBPyConnection) -> None:
    assert list(units.unit_path(tree, unit_code="SNV.P1")["unit_code"]) == ["CT", "SNV", "SNV.P1"]
    with pytest.raises(NotFound):
        units.unit_path(tree, unit_code="NOPE")


def test_children_include_merged_predecessors(tree: duckdb.DuckDBPyConnection) -> None:
    kids = units.unit_children(tree, unit_code="SNV")
    assert list(zip(kids["unit_code"], kids["relation"], strict=True)) == [("SNV.P1", "child"), ("CT_CU.SNV", "merged")]


def test_list_filters_by_validity_and_puts_the_city_first(tree: duckdb.DuckDBPyConnection) -> None:
    assert list(units.unit_list(tree)["unit_code"])[0] == "CT"
    assert "CT_CU.SNV" not in set(units.unit_list(tree, active_on=date(2026, 1, 1))["unit_code"])
    assert "CT_CU.SNV" in set(units.unit_list(tree, active_on=date(2025, 1, 1))["unit_code"])
    assert set(units.unit_list(tree, within="SNV")["unit_code"]) == {"SNV", "SNV.P1", "CT_CU.SNV"}


def test_root_is_the_city_valid_on_the_day(tree: duckdb.DuckDBPyConnection) -> None:
    assert units.root_unit(tree) == "CT"
    assert units.root_unit(tree, active_on=date(2025, 1, 1)) is None


def test_two_provinces_make_the_country_the_root(tree: duckdb.DuckDBPyConnection) -> None:
    assert units.scope_name(tree, scope=None) == "Thành phố Cần Thơ"
    assert units.scope_name(tree, scope="SNV") == "Sở Nội vụ"
    b = add_batch(tree)
    tree.execute(
        "INSERT INTO unit (unit_code, name, unit_type, level, valid_from, batch_id) "
        f"VALUES ('HNI', 'Thành phố Hà Nội', 'thanh_pho', 'city', DATE '2025-07-01', {b})"
    )
    assert units.root_unit(tree) is None
    assert units.scope_name(tree, scope=None) is None
    assert units.scope_name(tree, scope="HNI") == "Thành phố Hà Nội"


def test_a_depth_limit_keeps_a_picker_short_but_the_chosen_unit_in(tree: duckdb.DuckDBPyConnection) -> None:
    assert set(units.unit_list(tree, max_depth=1)["unit_code"]) == {"CT", "SNV", "CT_CU.SNV"}
    assert set(units.unit_list(tree, max_depth=0)["unit_code"]) == {"CT", "CT_CU.SNV"}
    assert "SNV.P1" in set(units.unit_list(tree, max_depth=1, include="SNV.P1")["unit_code"])
    assert len(units.unit_list(tree)) == len(units.unit_list(tree, max_depth=2)) == 4


def test_the_city_before_its_merger_is_still_named_the_city_not_the_country(demo_db_path: Path) -> None:
    """On 30/6/2024 no province is valid (Cần Thơ was three provinces then): one province in the
    database names the whole scope; "the country" needs several."""
    con = db.connect(demo_db_path)
    try:
        assert units.root_unit(con, active_on=date(2024, 6, 30)) is None
        assert units.scope_name(con, scope=None, active_on=date(2024, 6, 30)) == "Thành phố Cần Thơ"
        assert units.scope_name(con, scope=None, active_on=date(2026, 9, 30)) == "Thành phố Cần Thơ"
    finally:
        con.close()
