"""The national demo at ``--scale 2``: Cần Thơ (the city demo unchanged) and Hà Nội under the
country, codes that never collide, names of the province's own, and KPIs per province and country."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from analytics import db, kpis, units, workforce
from analytics.demo.national import PROVINCES, scale_provinces
from analytics.errors import OversightError

pytestmark = pytest.mark.slow
AS_OF = date(2026, 9, 30)


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    from analytics.__main__ import main

    path = tmp_path_factory.mktemp("national") / "n.duckdb"
    assert main(["demo", "--db", str(path), "--scale", "2"]) == 0
    con = db.connect(path)
    yield con
    con.close()


@pytest.fixture(scope="module")
def city(demo_db_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    con = db.connect(demo_db_path)
    yield con
    con.close()


def test_scale_words() -> None:
    assert (scale_provinces("city"), scale_provinces("national"), scale_provinces("5")) == (1, 34, 5)
    assert len(PROVINCES) == 34 == len({p[0] for p in PROVINCES})
    for bad in ("0", "35", "many"):
        with pytest.raises(OversightError):
            scale_provinces(bad)


def test_the_country_is_the_root_and_provinces_are_its_rows(national: duckdb.DuckDBPyConnection) -> None:
    assert units.root_unit(national, active_on=AS_OF) is None
    rows = workforce.headcount_by_unit(national, as_of=AS_OF, scope=None)
    assert set(rows["unit_code"]) == {"CT", "HNI"}
    assert units.scope_name(national, scope="HNI") == "Thành phố Hà Nội"
    assert list(units.unit_path(national, unit_code="HNI.SNV.P01")["unit_code"]) == ["HNI", "HNI.SNV", "HNI.SNV.P01"]
    names = (
        national.cursor()
        .execute("SELECT count(*) FROM unit WHERE unit_code LIKE 'HNI%' AND name LIKE '%Cần Thơ%'")
        .fetchone()
    )
    assert names == (0,)


def test_can_tho_is_the_city_demo_unchanged(
    national: duckdb.DuckDBPyConnection, city: duckdb.DuckDBPyConnection
) -> None:
    here = kpis.headline(national, scope="CT", as_of=AS_OF, parts=("reduction", "workforce"))
    there = kpis.headline(city, scope="CT", as_of=AS_OF, parts=("reduction", "workforce"))
    assert here == there
    old = kpis.headline(national, scope="CT_CU", as_of=date(2024, 6, 30), parts=("reduction",))
    assert old == kpis.headline(city, scope="CT_CU", as_of=date(2024, 6, 30), parts=("reduction",))


def test_country_adds_up_its_provinces(national: duckdb.DuckDBPyConnection) -> None:
    per = [workforce.headcount_by_unit(national, as_of=AS_OF, scope=s)["present"].sum() for s in ("CT", "HNI")]
    country = workforce.headcount_by_unit(national, as_of=AS_OF, scope=None)["present"].sum()
    assert country == sum(per) > 0
    assert per[0] != per[1]  # Hà Nội has its own seed, not a copy of Cần Thơ


def test_a_failure_part_way_leaves_no_province(con: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch) -> None:
    from analytics.batches import demo_batches
    from analytics.db import DATA_TABLES
    from analytics.demo import national as nat
    from analytics.demo.build import DemoData

    def second_fails(index: int, seed: int) -> object:
        """A one-unit first province (the real one takes seconds to build), then a failure."""
        if index == 1:
            raise RuntimeError("disk full")
        tables = {t: empty[t] for t in DATA_TABLES}
        tables["unit"] = pd.DataFrame(
            [{"unit_code": "CT", "name": "Thành phố Cần Thơ", "unit_type": "thanh_pho", "level": "city"}]
        )
        return DemoData(tables)

    empty = {t: con.cursor().execute(f"SELECT * EXCLUDE (batch_id) FROM {t} LIMIT 0").df() for t in DATA_TABLES}  # noqa: S608

    monkeypatch.setattr(nat, "province_data", second_fails)
    with pytest.raises(RuntimeError):
        nat.build_national(con, provinces=2, seed=1)
    assert demo_batches(con) == []
    assert con.cursor().execute("SELECT count(*) FROM import_batch WHERE kind = 'demo'").fetchone() == (1,)  # undone
    assert con.cursor().execute("SELECT count(*) FROM unit").fetchone() == (0,)


def test_briefing_for_a_province_and_for_the_country(national: duckdb.DuckDBPyConnection) -> None:
    from analytics import briefing

    country = briefing.deck(national, as_of=AS_OF)
    province = briefing.deck(national, scope="HNI", as_of=AS_OF)
    assert country["scope"] is None and province["scope"] == "HNI"
    ids = [s["id"] for s in country["slides"]]
    assert ids == [s["id"] for s in province["slides"]] and len(ids) >= 6 and "headline" in ids
    assert country["slides"][0] != province["slides"][0]


def test_each_province_batch_has_its_demo_build_row(national: duckdb.DuckDBPyConnection) -> None:
    from analytics.audit import audit_events

    rows = audit_events(national, event="demo_build")
    batches = national.execute("SELECT batch_id FROM import_batch WHERE kind = 'demo' ORDER BY batch_id").fetchall()
    assert sorted(int(t) for t in rows["target"]) == [b for (b,) in batches] and len(batches) == 2
    assert all('"recovered"' not in d for d in rows["detail"])  # written by the build itself


def test_the_country_needs_attention_by_province(national: duckdb.DuckDBPyConnection) -> None:
    from analytics import children, reduction, secondment, training

    def needs(scope: str | None) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
        red = {
            c: reduction.reduction_by_unit(national, category=c, scope=scope, as_of=AS_OF)
            for c in ("cong_chuc", "vien_chuc")
        }
        sec = secondment.secondment_by_agency(national, as_of=AS_OF, scope=scope)
        tra = training.training_budget_by_agency(national, as_of=AS_OF, scope=scope)
        links = children.province_links(national, as_of=AS_OF, scope=scope)
        return children.attention(red, sec, tra, links), sec, tra

    country, _, _ = needs(None)
    assert children.is_provinces(country) and set(country["unit_code"]) == {"CT", "HNI"}
    for code in ("CT", "HNI"):
        agencies, sec, tra = needs(code)
        assert not children.is_provinces(agencies) and len(agencies) == len(sec) > 10
        row = country.set_index("unit_code").loc[code]
        assert row["fulfilment_pct"] == pytest.approx(sec["active"].sum() / sec["required"].sum() * 100)
        assert row["spent_pct"] == pytest.approx(tra["spent_vnd"].sum() / tra["budget_vnd"].sum() * 100)


def test_the_country_briefing_lists_provinces_behind(national: duckdb.DuckDBPyConnection) -> None:
    from analytics import briefing

    slide = next(s for s in briefing.deck(national, as_of=AS_OF)["slides"] if s["id"] == "agencies")
    assert slide["finding"] in ("provinces_behind", "no_province_behind")
    assert {r["unit_code"] for r in slide["data"]["rows"]} == {"CT", "HNI"} and slide["params"]["total"] == 2
    assert slide["data"]["level"] == "province"  # the slide's words: "Tỉnh, thành phố", not "Cơ quan"
    city = next(s for s in briefing.deck(national, scope="CT", as_of=AS_OF)["slides"] if s["id"] == "agencies")
    assert city["finding"] in ("agencies_behind", "none_behind") and city["params"]["total"] > 10
    assert city["data"]["level"] == "agency"


def test_the_country_briefing_shows_secondment_and_training_by_province(national: duckdb.DuckDBPyConnection) -> None:
    from analytics import briefing, secondment

    slides = {s["id"]: s for s in briefing.deck(national, as_of=AS_OF)["slides"]}
    city = {s["id"]: s for s in briefing.deck(national, scope="CT", as_of=AS_OF)["slides"]}
    for slide in ("secondment", "training"):
        assert {r["agency_code"] for r in slides[slide]["data"]["rows"]} == {"CT", "HNI"}
        assert slides[slide]["data"]["level"] == "province" and city[slide]["data"]["level"] == "agency"
    agencies = secondment.secondment_by_agency(national, as_of=AS_OF)
    agencies = agencies[agencies["required"] > 0]
    # the finding still counts agencies: how many of the country's have not sent enough
    assert slides["secondment"]["params"]["total"] == len(agencies)
    assert slides["secondment"]["params"]["short"] == int((agencies["shortfall"] > 0).sum())


def test_each_province_keeps_its_own_former_provinces(national: duckdb.DuckDBPyConnection) -> None:
    """Hà Nội took in no province on 1/7/2025: its units' former province is Hà Nội, and no name
    carries Cần Thơ's former provinces; Cần Thơ keeps its three."""
    rows = (
        national.cursor()
        .execute(
            "SELECT split_part(unit_code, '.', 1) AS province, former_province, count(*) FROM unit "
            "WHERE former_province IS NOT NULL GROUP BY ALL"
        )
        .fetchall()
    )
    found: dict[str, set[str]] = {}
    for province, former, _ in rows:
        found.setdefault("HNI" if province == "HNI" else "CT", set()).add(former)
    assert found == {"HNI": {"ha_noi"}, "CT": {"can_tho", "hau_giang", "soc_trang"}}
    named = (
        national.cursor()
        .execute(
            "SELECT count(*) FROM unit WHERE unit_code LIKE 'HNI%' "
            "AND regexp_matches(name, 'Cần Thơ|Hậu Giang|Sóc Trăng')"
        )
        .fetchone()
    )
    assert named == (0,)
    old = national.cursor().execute("SELECT name FROM unit WHERE unit_code = 'HNI.CT_CU'").fetchone()
    assert old == ("Thành phố Hà Nội (cũ)",)


def test_secondment_and_training_pages_break_the_country_down_by_province(national: duckdb.DuckDBPyConnection) -> None:
    from analytics import children, secondment, training

    links = children.province_links(national, as_of=AS_OF)
    sec = children.secondment_by_child(secondment.secondment_by_agency(national, as_of=AS_OF), links)
    tra = children.training_budget_by_child(training.training_budget_by_agency(national, as_of=AS_OF), links)
    sec, tra = sec.set_index("agency_code"), tra.set_index("agency_code")
    assert set(sec.index) == set(tra.index) == {"CT", "HNI"}
    assert list(sec.columns) == [
        c for c in secondment.secondment_by_agency(national, as_of=AS_OF).columns if c != "agency_code"
    ]
    for code in ("CT", "HNI"):
        agencies = secondment.secondment_by_agency(national, as_of=AS_OF, scope=code)
        # under its province an agency's row is its own
        assert children.province_links(national, as_of=AS_OF, scope=code) is None
        assert children.secondment_by_child(agencies, None) is agencies
        for col in ("required", "active", "shortfall", "allowance_vnd", "staff"):
            assert sec.loc[code, col] == agencies[col].sum()
        assert sec.loc[code, "fulfilment_pct"] == pytest.approx(
            agencies["active"].sum() / agencies["required"].sum() * 100
        )
        budgets = training.training_budget_by_agency(national, as_of=AS_OF, scope=code)
        assert tra.loc[code, "spent_vnd"] == budgets["spent_vnd"].sum()
        assert tra.loc[code, "budget_vnd"] == budgets["budget_vnd"].sum()
        assert tra.loc[code, "spent_pct"] == pytest.approx(
            budgets["spent_vnd"].sum() / budgets["budget_vnd"].sum() * 100
        )
        assert tra.loc[code, "days_left"] == budgets["days_left"].max()
        assert tra.loc[code, "name"] == str(units.scope_name(national, scope=code)).removeprefix("Thành phố ")


def test_a_unit_knows_its_province_through_the_tree_and_the_mergers(national: duckdb.DuckDBPyConnection) -> None:
    assert units.province_of(national, unit_code="HNI.SNV.P01") == "HNI"
    assert units.province_of(national, unit_code="HNI.HG_CU") == "HNI"  # an old province, merged into its new one
    assert units.province_of(national, unit_code="CT_CU.SNV") == "CT"
    assert units.province_of(national, unit_code="CT") == "CT"
