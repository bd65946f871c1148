"""``python -m analytics kpis``: JSON contract, nulls with reasons, the report's figures, Vietnamese text."""

from __future__ import annotations

import json
import time
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pytest

from analytics import db
from analytics.batches import close_batch
from analytics.demo import build_demo
from analytics.kpis import headline
from oversight.__main__ import main
from tests.conftest import add_batch

REDUCTION_KEYS = {
    "baseline_year",
    "baseline_quota",
    "current_year",
    "current_quota",
    "reduced_done",
    "reduced_pending",
    "reduced_total",
    "reduced_pct",
    "target_pct",
    "plan",
    "plan_progress_pct",
    "people_left",
}
NB = "\u00a0"  # the shared formatter puts a no-break space before "%" (ui.format)


@pytest.fixture
def quotas_only(tmp_path: Path) -> Path:
    """A database holding only units and quotas shaped like the seed report (old Cần Thơ)."""
    path = tmp_path / "quotas.duckdb"
    con = db.connect(path)
    b = add_batch(con)
    con.execute(f"""
        INSERT INTO unit (unit_code, name, unit_type, level, parent_code, batch_id) VALUES
          ('CT_CU', 'Cần Thơ (cũ)', 'tinh_cu', 'city', NULL, {b}),
          ('CT_CU.A', 'Khối sở', 'so_nganh', 'city', 'CT_CU', {b}),
          ('CT_CU.B', 'Sự nghiệp', 'dvsnc', 'city', 'CT_CU', {b}),
          ('OTHER', 'Khác', 'tinh_cu', 'city', NULL, {b});
        INSERT INTO quota (unit_code, year, category, quota_assigned, cut_pending, batch_id) VALUES
          ('CT_CU.A', 2021, 'cong_chuc', 1860, 0, {b}), ('CT_CU.A', 2024, 'cong_chuc', 1841, 0, {b}),
          ('CT_CU.B', 2021, 'vien_chuc', 20735, 0, {b}), ('CT_CU.B', 2024, 'vien_chuc', 19415, 374, {b}),
          ('OTHER', 2021, 'cong_chuc', 100, 0, {b});
    """)
    close_batch(con, b, {"unit": 4, "quota": 5})  # as every load ends: the summary tables follow
    con.close()
    return path


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    assert main(["kpis", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_quotas_only_database_gives_nulls_with_reasons(quotas_only: Path, capsys: pytest.CaptureFixture[str]) -> None:
    h = run_json(capsys, "--db", str(quotas_only), "--as-of", "2024-06-30")
    assert h["secondment"] is None and h["training"] is None and h["workforce"] is None
    assert h["missing"] == {
        "secondment": "no_secondment_data",
        "training": "no_training_data",
        "workforce": "no_roster_data",
    }
    assert set(h["reduction"]) == {"cong_chuc", "vien_chuc"}
    assert REDUCTION_KEYS <= set(h["reduction"]["cong_chuc"])
    assert h["settings"]["target_pct_vien_chuc"] == 10.0 and h["as_of"] == "2024-06-30"
    assert h["quality"]["checks"] > 0


def test_report_figures_through_the_unit_scope(quotas_only: Path, capsys: pytest.CaptureFixture[str]) -> None:
    h = run_json(capsys, "--db", str(quotas_only), "--unit", "CT_CU", "--as-of", "2024-06-30")
    cc, vc = h["reduction"]["cong_chuc"], h["reduction"]["vien_chuc"]
    assert (cc["baseline_quota"], cc["current_quota"], cc["reduced_total"], cc["people_left"]) == (1860, 1841, 19, 0)
    assert cc["reduced_pct"] == pytest.approx(19 / 1860 * 100) and cc["plan"] == pytest.approx(93)
    assert round(cc["plan_progress_pct"], 2) == 20.43
    assert (vc["reduced_done"], vc["reduced_pending"], vc["reduced_total"]) == (1320, 374, 1694)
    assert round(vc["reduced_pct"], 2) == 8.17 and round(vc["plan_progress_pct"], 1) == 81.7
    assert vc["plan"] == pytest.approx(2073.5) and h["scope"] == "CT_CU"


def test_empty_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    h = run_json(capsys, "--db", str(tmp_path / "empty.duckdb"))
    assert h["reduction"] is None and h["missing"]["reduction"] == "no_quota_data"


def test_zero_baseline_is_null_in_json(quotas_only: Path, capsys: pytest.CaptureFixture[str]) -> None:
    h = run_json(capsys, "--db", str(quotas_only), "--unit", "OTHER", "--as-of", "2024-06-30")
    assert h["reduction"]["vien_chuc"] is None and h["missing"]["reduction.vien_chuc"] == "no_quota_data"
    assert h["reduction"]["cong_chuc"]["reduced_total"] == 0


def test_vietnamese_summary(quotas_only: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kpis", "--db", str(quotas_only), "--unit", "CT_CU", "--as-of", "2024-06-30"]) == 0
    out = capsys.readouterr().out
    for text in (
        "30/06/2024",
        "1.860",
        f"1,02{NB}%",
        f"20,43{NB}%",
        "1.694",
        f"8,17{NB}%",
        "2.073,5",
        f"63,7{NB}%",
        "chờ phê duyệt 374",
        "Tăng cường cơ sở: Chưa có số liệu tăng cường.",
    ):
        assert text in out, text


def test_unknown_unit_exits_2_with_a_vietnamese_message(quotas_only: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kpis", "--db", str(quotas_only), "--unit", "KHONG_CO"]) == 2
    assert "không có đơn vị mã 'KHONG_CO'" in capsys.readouterr().err


@pytest.mark.slow
def test_demo_city_headline_reproduces_the_report_and_is_fast(tmp_path: Path) -> None:
    """The whole demo city (58.000 people, 680.000 payroll rows): the report's figures under the old
    province, every part present city-wide, and the headline computed in well under a few seconds
    even on a busy machine (measured ≈ 0,3-0,7 s; the bound only catches a regression by an order)."""
    con = db.connect(tmp_path / "demo.duckdb")
    try:
        build_demo(con)
        old = headline(con, scope="CT_CU", as_of=date(2024, 6, 30))["reduction"]
        assert (old["cong_chuc"]["reduced_total"], round(old["cong_chuc"]["plan_progress_pct"], 2)) == (19, 20.43)
        assert (old["vien_chuc"]["reduced_done"], old["vien_chuc"]["reduced_pending"]) == (1320, 374)
        assert (
            round(old["vien_chuc"]["reduced_pct"], 2) == 8.17
            and round(old["vien_chuc"]["plan_progress_pct"], 1) == 81.7
        )
        headline(con, as_of=date(2026, 9, 30))
        start = time.perf_counter()
        city = headline(con, as_of=date(2026, 9, 30))
        assert time.perf_counter() - start < 5.0
        assert city["missing"] == {} and city["workforce"]["present"] > 50_000
    finally:
        con.close()


def test_headline_parts_limit_the_work(con: duckdb.DuckDBPyConnection) -> None:
    from analytics import kpis
    from analytics.errors import OversightError

    h = kpis.headline(con, as_of=date(2025, 12, 31), parts=("reduction",))
    assert "reduction" in h and "quality" not in h and "secondment" not in h
    with pytest.raises(OversightError):
        kpis.headline(con, parts=("nonsense",))
