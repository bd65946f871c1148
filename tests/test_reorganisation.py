"""Reorganisation, job positions and inspections (issue 15): the Sở Nội vụ report's figures (seed 002
§II.2.b, d and note 6) read back from agency files imported into an empty database and from the
demo city; the unit lineage ("được hợp nhất từ …")."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from analytics import db, reorganisation
from analytics.demo import units as demo_units
from analytics.errors import NotFound
from analytics.ingest.pipeline import load, prepare
from tests.conftest import add_batch
from tests.forms import reorg

START, END = date(2015, 1, 1), date(2024, 6, 30)
OLD_CT = "CT_CU"


def _report_figures(con: duckdb.DuckDBPyConnection) -> dict[str, object]:
    g = reorganisation.reorganisation_by_group(con, start=START, end=END, as_of=END, scope=OLD_CT).set_index(
        "unit_group"
    )
    j = reorganisation.job_positions_by_group(con, as_of=END, scope=OLD_CT).set_index("unit_group")
    i = reorganisation.inspections_by_year(con, scope=OLD_CT).set_index("year")
    admin = list(reorganisation.ADMIN_GROUPS)
    return {
        "agencies": (int(g.at["so_nganh", "reorganised"]), int(g.at["so_nganh", "units"])),
        "sub_departments": int(g.at["chi_cuc", "reorganised"]),
        "cut": int(g.at["dvsnc", "cut"]),
        "created": tuple(
            int(g.at["dvsnc", c]) for c in ("created", "created_schools", "created_health", "created_other")
        ),
        "restructured": int(g.at["dvsnc", "restructured"]),
        "removed": tuple(
            int(g.at["dvsnc", c])
            for c in ("removed_total", "removed_divisions", "removed_faculties", "removed_branches")
        ),
        "admin_approved": (int(j.loc[admin, "approved"].sum()), *(int(j.at[a, "approved"]) for a in admin)),
        "services": tuple(int(j.at["dvsnc", c]) for c in ("approved", "eligible", "not_eligible")),
        "services_pct": float(j.at["dvsnc", "approved_pct"]),
        "inspected_2024": int(i.at[2024, "units_inspected"]),
    }


REPORT = {
    "agencies": (14, 19),  # "tổ chức lại 14/19 cơ quan chuyên môn"
    "sub_departments": 3,  # "và 03 chi cục"
    "cut": 109,  # note 24: "sắp xếp giảm 109 đơn vị sự nghiệp"
    "created": (19, 17, 1, 1),  # "thành lập mới 19 đơn vị, gồm: 17 trường học; 01 cơ sở y tế và 01 …"
    "restructured": 13,  # "sắp xếp, kiện toàn bên trong 13 đơn vị"
    "removed": (21, 14, 2, 5),  # "giảm 21 tổ chức bên trong (14 phòng, 02 khoa, 05 chi nhánh TGPL)"
    "admin_approved": (139, 19, 4, 13, 103),  # "139 cơ quan" and note 30
    "services": (523, 523, 4),  # "523/523 … không đủ và chưa đủ điều kiện … 04 đơn vị"
    "services_pct": 100.0,
    "inspected_2024": 27,  # note 6: "kiểm tra … ở 27 cơ quan, đơn vị, địa phương"
}


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    """An empty database filled only by importing the agency files of tests/forms/reorg.py."""
    rows: list[dict[str, object]] = []
    demo_units._former_provinces(rows)
    # The old city, its agencies and districts; the new agencies they merged into are not needed here.
    base = pd.DataFrame(
        [
            {**r, "merged_into": r["merged_into"] if r["unit_code"] == OLD_CT else None}
            for r in rows
            if r["former_province"] == "can_tho" and r["role"] != "old_service"
        ]
    )
    base = pd.concat(
        [
            pd.DataFrame(
                [
                    {
                        **rows[0],
                        "unit_code": "CT",
                        "name": "Thành phố Cần Thơ",
                        "unit_type": "thanh_pho",
                        "parent_code": None,
                        "merged_into": None,
                        "valid_to": None,
                        "former_province": None,
                    }
                ]
            ),
            base,
        ],
        ignore_index=True,
    )
    con = db.connect(tmp_path_factory.mktemp("reorg") / "empty.duckdb")
    for name, data in reorg.report_files(base):
        plan = prepare(con, files=[(name, data)])
        assert plan.ok, (name, [p.message() for p in plan.problems if p.severity == "error"][:5])
        load(con, plan, user="test")
    yield con
    con.close()


@pytest.fixture(scope="module")
def demo(demo_db_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    con = db.connect(demo_db_path)
    yield con
    con.close()


@pytest.mark.slow
def test_report_figures_from_imported_files(imported: duckdb.DuckDBPyConnection) -> None:
    assert _report_figures(imported) == REPORT


@pytest.mark.slow
def test_report_figures_from_the_demo(demo: duckdb.DuckDBPyConnection) -> None:
    assert _report_figures(demo) == REPORT


@pytest.mark.slow
def test_demo_decision_trail_and_agencies(demo: duckdb.DuckDBPyConnection) -> None:
    trail = reorganisation.reorg_decision_trail(demo, start=START, end=END, scope=OLD_CT)
    assert len(trail) == 14 + 3 + 109 + 19 + 13
    assert trail["decision_date"].is_monotonic_decreasing
    legal_aid = trail[trail["removed_branches"] > 0]
    assert list(legal_aid["agency_name"]) == ["Sở Tư pháp"] and int(legal_aid["removed_branches"].sum()) == 5
    by_agency = reorganisation.reorganisation_by_agency(demo, start=START, end=END, as_of=END, scope=OLD_CT)
    assert by_agency["cut"].sum() == 109 and by_agency["approved"].sum() == 139 + 523
    syt = reorganisation.reorg_decision_trail(demo, start=START, end=END, scope=OLD_CT, agency="CT_CU.SYT")
    assert set(syt["agency_code"]) == {"CT_CU.SYT"} and (syt["action"] == "kien_toan").sum() == 4  # note 25
    years = reorganisation.reorganisation_by_year(demo, start=START, end=END, scope=OLD_CT)
    cut = years[years["action"].isin(["sap_nhap", "giai_the"])].groupby("year")["units"].sum()
    assert int(cut.sum()) == 109 and cut.index.min() == 2015 and cut.index.max() == 2024


def _tiny(con: duckdb.DuckDBPyConnection) -> None:
    b = add_batch(con)
    units = [
        ("A", "Trường A", None, None),
        ("B", "Trường B (cũ)", "A", date(2020, 7, 31)),
        ("C", "Trường C (cũ)", "B", date(2016, 7, 31)),
        ("D", "Trường D", None, None),
    ]
    con.executemany(
        "INSERT INTO unit (unit_code, name, unit_type, level, merged_into, valid_to, batch_id) "
        f"VALUES (?, ?, 'dvsnc', 'district', ?, ?, {b})",
        units,
    )
    con.execute(
        "INSERT INTO reorg_decision (decision_id, unit_code, action, decision_no, decision_date, successor_code, "
        f"batch_id) VALUES ('1', 'B', 'sap_nhap', '15/QĐ-UBND', '2020-07-01', 'A', {b})"
    )


def test_unit_lineage_is_recursive_with_dates_and_decisions(con: duckdb.DuckDBPyConnection) -> None:
    _tiny(con)
    df = reorganisation.unit_merged_from(con, unit="A")
    assert list(zip(df["depth"], df["unit_code"], df["into_code"], strict=True)) == [(1, "B", "A"), (2, "C", "B")]
    assert df["decision_no"].iloc[0] == "15/QĐ-UBND" and pd.isna(df["decision_no"].iloc[1])
    assert reorganisation.unit_merged_from(con, unit="D").empty
    with pytest.raises(NotFound):
        reorganisation.unit_merged_from(con, unit="ZZZ")


def test_an_empty_database_gives_zero_rows_per_group(con: duckdb.DuckDBPyConnection) -> None:
    g = reorganisation.reorganisation_by_group(con, start=START, end=END, as_of=END)
    assert list(g["unit_group"]) == list(reorganisation.UNIT_GROUPS) and g["reorganised"].sum() == 0
    assert reorganisation.reorg_dates(con) == (None, None)


@pytest.mark.slow
def test_units_straight_under_the_city_are_agencies_of_their_own(demo: duckdb.DuckDBPyConnection) -> None:
    """A public service unit or division whose parent is the city is labelled by its own name, never
    "Thành phố Cần Thơ"; the totals do not move."""
    by_agency = reorganisation.reorganisation_by_agency(demo, start=START, end=END, as_of=END, scope=OLD_CT)
    assert OLD_CT not in set(by_agency["agency_code"])
    assert not by_agency["name"].str.startswith("Thành phố").any()
    assert by_agency["cut"].sum() == 109 and by_agency["approved"].sum() == 139 + 523


@pytest.mark.slow
def test_briefing_slide_shows_the_report_scope_from_the_whole_city(demo: duckdb.DuckDBPyConnection) -> None:
    """Today's whole-city deck shows the report's figures (old Cần Thơ at 30/6/2024) and says so."""
    from analytics import briefing
    from ui.briefing import slides as sl

    deck = briefing.deck(demo, as_of=date(2026, 9, 30))
    slide = next(s for s in deck["slides"] if s["id"] == "reorganisation")
    assert (slide["data"]["scope"], slide["data"]["as_of"]) == (OLD_CT, "2024-06-30")
    rows = {r["measure"]: (r["done"], r["of"]) for r in slide["data"]["rows"]}
    assert rows["agencies_reorganised"] == (14, 19) and rows["services_cut"] == (109, None)
    assert (
        rows["jobs_admin"] == (139, 139)
        and rows["jobs_services"] == (523, 523)
        and rows["units_inspected"] == (27, None)
    )
    built = next(s for s in sl.build(deck, "vi") if s.id == "reorganisation")
    assert built.title == "Đã tổ chức lại 14/19 cơ quan chuyên môn; giảm 109, thành lập mới 19 đơn vị sự nghiệp"
    assert built.as_of_line == "Thành phố Cần Thơ (cũ) · số liệu đến ngày 30/06/2024"
    cells = built.chart().data[0].cells.values
    assert "Cơ quan chuyên môn đã tổ chức lại" in cells[0] and "14" in cells[1] and "19" in cells[2]
    # A unit's deck shows that unit at the deck's date; an earlier deck never shows later figures.
    early = briefing.deck(demo, as_of=date(2023, 12, 31))
    early_slide = next(s for s in early["slides"] if s["id"] == "reorganisation")
    assert early_slide["data"]["as_of"] == "2023-12-31"
    assert dict((r["measure"], r["done"]) for r in early_slide["data"]["rows"])["units_inspected"] == 22
    # A province's deck in the country (not the whole database: no report scope) shows the province
    # at its date: the new city in 2026 has no chi cục left (its agencies took them in), so its three
    # reorganised ones stand alone, not as "3 / 0".
    figures = reorganisation.briefing_figures(
        demo, scope="CT", as_of=date(2026, 9, 30), whole_city=False, report_scope="", report_as_of=END
    )
    rows = {r["measure"]: (r["done"], r["of"]) for r in figures["rows"]}
    assert rows["sub_departments_reorganised"] == (3, None) and rows["agencies_reorganised"] == (14, 14)
    syt = briefing.deck(demo, scope="CT_CU.SYT", as_of=END)
    assert next(s for s in syt["slides"] if s["id"] == "reorganisation")["data"]["scope"] == "CT_CU.SYT"
