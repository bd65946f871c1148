"""Every page on the demo city and on an empty database, and what each page must do (AppTest)."""

from __future__ import annotations

import base64
import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from analytics import db
from tests.conftest import add_accounts, sign_in
from ui import charts
from ui.nav import PAGES, ROOT

AS_OF = "2026-09-30"


def _page(path: Path, monkeypatch: pytest.MonkeyPatch, file: str, who: str = "admin", **params: str) -> AppTest:
    """Run app.py (login gate, navigation, language, banner) showing ``file`` to account ``who``."""
    monkeypatch.setenv("OVERSIGHT_DB", str(path))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    sign_in(at, who)
    for key, value in {"as_of": AS_OF, **params}.items():
        at.query_params[key] = value
    at.switch_page(file)
    return at.run()


@pytest.fixture
def empty_db(tmp_path: Path) -> Path:
    path = tmp_path / "empty.duckdb"
    con = db.connect(path)
    add_accounts(con, with_scoped=False)
    con.close()
    return path


@pytest.fixture
def demo_copy(demo_db_path: Path, tmp_path: Path) -> Path:
    """A private copy for tests that write (settings)."""
    path = tmp_path / "demo.duckdb"
    shutil.copy(demo_db_path, path)
    return path


@pytest.mark.parametrize("spec", PAGES, ids=[p.page_id for p in PAGES])
def test_every_page_renders_on_the_demo_city(spec, demo_db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _page(demo_db_path, monkeypatch, spec.file)
    assert not at.exception, [e.message for e in at.exception]
    assert at.title, "every page has a title"


@pytest.mark.parametrize("spec", PAGES, ids=[p.page_id for p in PAGES])
def test_every_page_renders_on_an_empty_database(spec, empty_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _page(empty_db, monkeypatch, spec.file)
    assert not at.exception, [e.message for e in at.exception]
    assert not at.get("plotly_chart"), "no chart of nothing"


@pytest.mark.parametrize(
    "spec",
    [p for p in PAGES if p.page_id in {"overview", "reduction", "secondment", "training", "workforce"}],
    ids=lambda p: p.page_id,
)
def test_empty_pages_say_what_to_import(spec, empty_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _page(empty_db, monkeypatch, spec.file)
    assert any("nhập" in i.value.lower() for i in at.info), [i.value for i in at.info]


def _spec(at: AppTest, i: int = 0) -> dict:
    return json.loads(at.get("plotly_chart")[i].proto.spec)


def _values(v: object) -> list[object]:
    """A trace's values, as a list or as Plotly's typed array ({"dtype", "bdata"})."""
    if isinstance(v, dict) and "bdata" in v:
        return np.frombuffer(base64.b64decode(v["bdata"]), dtype=v["dtype"]).tolist()
    return list(v)  # type: ignore[call-overload]


def test_category_filter_changes_the_reduction_chart(demo_db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    civil = _spec(_page(demo_db_path, monkeypatch, "pages/reduction.py", cat="cong_chuc"))
    employees = _spec(_page(demo_db_path, monkeypatch, "pages/reduction.py", cat="vien_chuc"))
    assert civil["data"][0]["x"] != employees["data"][0]["x"]


def test_reduction_table_matches_its_chart(demo_db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _page(demo_db_path, monkeypatch, "pages/reduction.py", cat="cong_chuc")
    spec = _spec(at)
    bars = spec["data"][0]
    labels = [a for a in spec["layout"]["annotations"] if a.get("name") == charts.BAR_LABEL]  # a label per bar
    table = at.dataframe[0].value
    shown = dict(zip(table["Đơn vị"], table["Đạt % kế hoạch"], strict=True))
    assert len(bars["y"]) == len(table) == len(labels)
    for name, label in zip(bars["y"], labels, strict=True):
        assert label["y"] == name and label["text"].endswith(shown[name]), (name, label, shown[name])


def test_unit_page_shows_the_unit_and_its_breadcrumb(demo_db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _page(demo_db_path, monkeypatch, "pages/unit.py", unit="SNV")
    assert not at.exception
    assert at.title[0].value == "Sở Nội vụ"
    assert "so_nganh" not in at.caption[0].value and "SNV" in at.caption[0].value


def test_unit_page_without_a_unit_asks_for_one(demo_db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _page(demo_db_path, monkeypatch, "pages/unit.py")
    assert any("Chọn một cơ quan" in i.value for i in at.info)


def test_english_switch_changes_titles_and_number_format(demo_db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    vi = _page(demo_db_path, monkeypatch, "pages/overview.py")
    en = _page(demo_db_path, monkeypatch, "pages/overview.py", lang="en")
    assert vi.title[0].value == "Tổng quan sắp xếp bộ máy" and en.title[0].value == "Restructuring at a glance"
    vi_people, en_people = vi.metric[4].value, en.metric[4].value
    assert "." in vi_people and "," not in vi_people
    assert "," in en_people and en_people.replace(",", "") == vi_people.replace(".", "")
    assert _spec(vi)["layout"]["separators"] == ",." and _spec(en)["layout"]["separators"] == ".,"


def test_a_saved_setting_changes_the_reduction_plan(demo_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = _page(demo_copy, monkeypatch, "pages/reduction.py").metric[0].value
    con = db.connect(demo_copy)
    from analytics.policy import save_setting

    save_setting(con, "target_pct_cong_chuc", 8, user="test")
    con.close()
    import streamlit as st

    st.cache_resource.clear()
    after = _page(demo_copy, monkeypatch, "pages/reduction.py").metric[0].value

    def plan(metric: str) -> float:  # "1.452 / 551,9" -> 551.9
        return float(metric.split("/")[1].strip().replace(".", "").replace(",", "."))

    assert plan(after) == pytest.approx(plan(before) * 8 / 5, abs=0.2)  # both shown to 1 decimal


def test_reorganisation_page_shows_the_report_figures(demo_db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _page(demo_db_path, monkeypatch, "pages/reorganisation.py", unit="CT_CU", as_of="2024-06-30")
    assert not at.exception, [e.message for e in at.exception]
    text = " ".join(m.value for m in at.markdown) + " ".join(str(m.value) for m in at.metric)
    values = [str(m.value) for m in at.metric]
    assert values == ["14/19", "109 / 19", "13", "139", "27"]
    for words in (
        "và 3 chi cục (trên 13",
        "Giảm 109 đơn vị",
        "17 trường học, 1 cơ sở y tế, 1 đơn vị khác",
        "Giảm 21 tổ chức bên trong: 14 phòng, 2 khoa, 5 chi nhánh",
        "19 + 4 + 13 + 103",
        "523/523 đơn vị đủ điều kiện (4 đơn vị chưa đủ điều kiện)",
    ):
        assert words in text, words
    assert len(at.get("plotly_chart")) == 4
    years = _spec(at, 0)
    assert [tr["x"] for tr in years["data"]][0][0] == "2015"


def test_reorganisation_page_opens_on_the_report_scope_and_says_so(
    demo_db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No unit or date in the URL: the report's (old Cần Thơ, 30/6/2024), not today's whole city."""
    monkeypatch.setenv("OVERSIGHT_DB", str(demo_db_path))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    sign_in(at, "admin")
    at.switch_page("pages/reorganisation.py")
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert [str(m.value) for m in at.metric][0] == "14/19"
    assert (
        "Đang xem: Thành phố Cần Thơ (cũ), số liệu đến ngày 30/06/2024 — phạm vi và ngày của báo cáo"
        in at.info[0].value
    )
    inspections = _spec(at, 3)  # the units the card counts, not the visits
    assert len(inspections["data"]) == 1 and _values(inspections["data"][0]["y"]) == [22, 27]
    at.selectbox(key="filter_unit").set_value("__all__").run()
    assert (
        at.query_params["unit"] in ("all", ["all"])
        and "Đang xem: Thành phố Cần Thơ, số liệu đến ngày 30/06/2024" in at.info[0].value
    )
    assert "Thành phố Cần Thơ (cũ)" in at.info[0].value  # where the report's figures are


def test_reorganisation_trail_follows_the_agency(demo_db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _page(demo_db_path, monkeypatch, "pages/reorganisation.py", unit="CT_CU", as_of="2024-06-30")
    whole = len(at.dataframe[-1].value)
    at.selectbox(key="reorg_trail_agency").set_value("CT_CU.SYT").run()
    assert not at.exception
    assert len(at.dataframe[-1].value) < whole and set(at.dataframe[-1].value.iloc[:, 3]) == {"Sở Y tế"}


def test_unit_page_shows_its_lineage(demo_db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _page(demo_db_path, monkeypatch, "pages/unit.py", unit="CT_CU.H02.SN109", as_of="2024-01-01")
    assert not at.exception, [e.message for e in at.exception]
    text = " ".join(m.value for m in at.markdown)
    assert "Được hợp nhất từ" in text and "Trường Tiểu học Bình Thủy 1 (đã sáp nhập)" in text and "Quyết định" in text
