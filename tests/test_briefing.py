"""The briefing deck as data, on a tiny city checkable by hand: title sentences with the right numbers,
small counts suppressed, snapshots that never move, comparison of two decks.

The city at 30/6/2024 (30 of 60 months of 2022-2026 elapsed, so the pace needed is 50 % of plan):
  civil-servant quota 2021 → 2024: SNV 400 → 400 (plan 5 % = 20, nothing cut: behind),
                                   STP 100 → 80  (plan 5, 20 cut: 400 %, on track);
  city: baseline 500, plan 25, cut 20 → 5 posts still to cut.
  Secondment (5 % of the 2024 quota): SNV must send 20 and sent none; STP must send 4 and has 4
  active, 2 of them not in the succession plan (violations: 2, shown "<5").
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import duckdb
import pytest

from analytics import briefing, briefing_slides, db, summaries
from analytics.errors import NotFound
from tests.conftest import insert
from ui.briefing import slides as sl

AS_OF = date(2024, 6, 30)
NAMES = ("Nguyễn Văn Thử", "Trần Thị Mẫu", "Lê Văn Ví", "Phạm Thị Dụ")


def _unit(code: str, unit_type: str, parent: str | None, level: str = "city") -> dict[str, Any]:
    return {
        "unit_code": code,
        "name": f"Sở {code}" if unit_type == "so_nganh" else code,
        "unit_type": unit_type,
        "level": level,
        "parent_code": parent,
    }


def _fill(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    insert(
        con,
        "unit",
        [
            _unit("CT", "thanh_pho", None),
            _unit("SNV", "so_nganh", "CT"),
            _unit("STP", "so_nganh", "CT"),
            _unit("XA1", "ubnd_xa", "CT", "commune"),
        ],
    )
    insert(
        con,
        "quota",
        [
            {"unit_code": u, "year": y, "category": "cong_chuc", "quota_assigned": n}
            for u, y, n in (("SNV", 2021, 400), ("SNV", 2024, 400), ("STP", 2021, 100), ("STP", 2024, 80))
        ],
    )
    insert(
        con,
        "person",
        [
            {
                "as_of": "2024-06-30",
                "unit_code": "STP",
                "person_id": f"ID-{i}",
                "full_name": name,
                "birth_date": "1985-01-01",
                "gender": "nam",
                "category": "cong_chuc",
                "in_succession_plan": i < 2,
            }
            for i, name in enumerate(NAMES)
        ],
    )
    insert(
        con,
        "secondment",
        [
            {
                "secondment_id": f"S{i}",
                "person_id": f"ID-{i}",
                "sending_unit_code": "STP",
                "receiving_unit_code": "XA1",
                "start_date": "2024-01-01",
                "planned_end_date": "2026-12-31",
                "status": "dang_tang_cuong",
            }
            for i in range(4)
        ],
    )
    return con


@pytest.fixture
def city(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    return _fill(con)


@pytest.fixture(scope="module")
def city_deck(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The tiny city's deck, built once for the read-only tests."""
    c = db.connect(tmp_path_factory.mktemp("briefing") / "city.duckdb")
    try:
        return briefing.deck(_fill(c), as_of=AS_OF)
    finally:
        c.close()


def _slide(deck: dict[str, Any], slide_id: str) -> dict[str, Any]:
    return next(s for s in deck["slides"] if s["id"] == slide_id)


def test_deck_has_the_fixed_slides_in_order_with_sources(city_deck: dict[str, Any]) -> None:
    deck = city_deck
    assert [s["id"] for s in deck["slides"]] == list(briefing.SLIDES)
    assert deck["as_of"] == "2024-06-30" and deck["scope"] == "CT" and deck["privacy_min_count"] == 5
    assert all(s["sources"] for s in deck["slides"])
    json.dumps(deck)  # JSON-ready: a snapshot stores it as it is


@pytest.mark.parametrize(
    ("slide_id", "lang", "title"),
    [
        ("headline", "vi", "Còn 5 biên chế công chức phải giảm đến hết năm 2026"),
        ("headline", "en", "5 posts of civil servants still to cut by the end of 2026"),
        ("reduction", "vi", "Giảm biên chế đúng tiến độ: thấp nhất đạt 80,0 % kế hoạch, theo thời gian cần 50,0 %"),
        ("reduction", "en", "Staff reduction on track: lowest at 80.0 % of plan, 50.0 % needed by now"),
        ("agencies", "vi", "1/2 cơ quan chậm tiến độ giảm biên chế"),
        ("agencies", "en", "1/2 agencies behind on staff reduction"),
        ("secondment", "vi", "1/2 cơ quan chưa cử đủ cán bộ tăng cường cơ sở"),
        ("training", "vi", "Kinh phí đào tạo sau sắp xếp: chưa có số liệu"),
        ("freshness", "vi", "Danh sách nhân sự đến 30/06/2024, biên chế đến 01/01/2024; 0 kiểm tra dữ liệu báo lỗi"),
    ],
)
def test_title_sentences_state_the_finding(city_deck: dict[str, Any], slide_id: str, lang: str, title: str) -> None:
    deck = city_deck
    if slide_id == "freshness":  # the quota table's date is its as_of column: whatever the loader set
        q = _slide(deck, "freshness")["params"]
        title = title.replace(
            "01/01/2024", "–" if q["quota"] is None else date.fromisoformat(q["quota"]).strftime("%d/%m/%Y")
        )
        title = title.replace("0 kiểm tra", f"{q['fail']} kiểm tra")
    assert sl.title_of(_slide(deck, slide_id), lang).replace("\u00a0", " ") == title


def test_reduction_and_agency_numbers(city_deck: dict[str, Any]) -> None:
    deck = city_deck
    cc = _slide(deck, "headline")["data"]["reduction"]["cong_chuc"]
    assert (cc["reduced_total"], cc["plan"], cc["remaining"]) == (20, 25.0, 5)
    rows = {r["unit_code"]: r for r in _slide(deck, "agencies")["data"]["rows"]}
    assert rows["SNV"]["cc_status"] == "behind" and rows["SNV"]["cc_progress"] == 0
    assert rows["STP"]["cc_status"] == "on_track" and rows["STP"]["cc_progress"] == 400
    assert [r["unit_code"] for r in _slide(deck, "agencies")["data"]["rows"]] == ["SNV", "STP"]  # worst first


def test_small_counts_are_suppressed_and_shown_as_less_than_threshold(city_deck: dict[str, Any]) -> None:
    deck = city_deck
    sec = _slide(deck, "secondment")
    rows = {r["agency_code"]: r for r in sec["data"]["rows"]}
    assert (rows["STP"]["required"], rows["STP"]["active"], rows["STP"]["shortfall"]) == (4, 4, 0)
    assert rows["STP"]["violations"] is None and rows["STP"]["violations_suppressed"] is True  # 2 < 5
    assert rows["SNV"]["violations"] == 0 and rows["SNV"]["violations_suppressed"] is False  # 0 says nothing
    assert sec["data"]["totals"]["with_violations"] is None and sec["data"]["totals"]["with_violations_suppressed"]
    slide = next(s for s in sl.build(deck, "vi") if s.id == "secondment")
    texts = [a.text for a in slide.chart().layout.annotations]  # (the bars' labels are annotations)
    assert any("vi phạm <5" in x for x in texts) and not any("vi phạm 2" in x for x in texts)


@pytest.mark.parametrize(
    ("n", "threshold", "expected"),
    [
        (0, 5, (0, False)),
        (1, 5, (None, True)),
        (4, 5, (None, True)),
        (5, 5, (5, False)),
        (12, 5, (12, False)),
        (2, 3, (None, True)),
        (None, 5, (None, False)),
    ],
)
def test_suppress(n: int | None, threshold: int, expected: tuple[int | None, bool]) -> None:
    assert briefing_slides.suppress(n, threshold) == expected


def test_threshold_is_the_privacy_setting(city: duckdb.DuckDBPyConnection) -> None:
    from analytics.policy import save_setting

    save_setting(city, "privacy_min_count", 2, user="t")
    rows = {r["agency_code"]: r for r in _slide(briefing.deck(city, as_of=AS_OF), "secondment")["data"]["rows"]}
    assert rows["STP"]["violations"] == 2 and not rows["STP"]["violations_suppressed"]


def test_deck_holds_no_person_name_or_id(city_deck: dict[str, Any]) -> None:
    text = json.dumps(city_deck, ensure_ascii=False)
    for name in NAMES:
        assert name not in text
    for i in range(4):
        assert f"ID-{i}" not in text


def test_snapshot_round_trip_keeps_the_old_numbers(city: duckdb.DuckDBPyConnection) -> None:
    sid = briefing.take_snapshot(city, scope=None, as_of=AS_OF, user="lanhdao", label="Giao ban tháng 6")
    city.execute("UPDATE quota SET quota_assigned = 390 WHERE unit_code = 'SNV' AND year = 2024")  # 10 more cut
    summaries.refresh(city, None)  # as the load of a new quota file ends: the summary tables follow the rows
    live = briefing.deck(city, as_of=AS_OF)
    frozen = briefing.load_snapshot(city, snapshot_id=sid)
    assert _slide(live, "headline")["data"]["reduction"]["cong_chuc"]["reduced_total"] == 30
    assert _slide(frozen, "headline")["data"]["reduction"]["cong_chuc"]["reduced_total"] == 20
    assert sl.title_of(_slide(frozen, "headline"), "vi") == "Còn 5 biên chế công chức phải giảm đến hết năm 2026"
    assert frozen["snapshot"]["label"] == "Giao ban tháng 6" and frozen["snapshot"]["id"] == sid
    listed = briefing.list_snapshots(city)
    assert listed["snapshot_id"].tolist() == [sid] and str(listed["as_of"].iloc[0])[:10] == "2024-06-30"
    rows = {r["metric"]: r for r in briefing.compare(frozen, live)}
    assert (rows["cc_reduced_total"]["a"], rows["cc_reduced_total"]["b"], rows["cc_reduced_total"]["change"]) == (
        20,
        30,
        10,
    )
    assert rows["cc_remaining"]["change"] == -5
    compare_slide = sl.build(live, "vi", compare_with=frozen)[-1]
    assert compare_slide.id == "compare" and "Giao ban tháng 6" in compare_slide.title


@pytest.mark.parametrize("label", ["", "   ", "x" * 201])
def test_snapshot_needs_a_label(con: duckdb.DuckDBPyConnection, label: str) -> None:
    with pytest.raises(briefing.BriefingError):
        briefing.take_snapshot(con, scope=None, as_of=AS_OF, user="t", label=label)


def test_unknown_snapshot_is_not_found(con: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(NotFound):
        briefing.load_snapshot(con, snapshot_id=99)


def test_empty_database_gives_no_data_slides(con: duckdb.DuckDBPyConnection) -> None:
    deck = briefing.deck(con, as_of=AS_OF)
    assert [s["finding"] for s in deck["slides"]] == ["no_data"] * len(briefing.SLIDES)


@pytest.mark.parametrize(
    ("size", "expected"),
    [
        ({"w": 1920, "h": 1080}, 1.0),
        ({"w": 1366, "h": 768}, 0.71),  # the meeting-room projector: its width and height alike
        ({"w": 1024, "h": 768}, 0.53),  # 4:3, narrower than the slide: its width decides
        ({"w": 1920, "h": 900}, 0.83),  # a browser with its tabs shown: the height decides
        ({"w": 3840, "h": 2160}, 2.0),
        ({"w": 320, "h": 200}, 0.4),  # below the smallest fit: the page scrolls instead
        ({"w": 20000, "h": 20000}, 3.0),
        (None, None),  # not reported yet: the page uses 1
        ({"w": 0, "h": 768}, None),
        ({"w": "wide", "h": 768}, None),
        ({"h": 768}, None),
    ],
)
def test_the_slide_fits_the_window(size: Any, expected: float | None) -> None:
    from ui.briefing import screen

    assert screen.fit_of(size) == expected


def _bar_slide(slide_id: str, n: int, level: str | None, finding: str = "agencies_short") -> sl.Slide:
    """A slide of ``n`` rows, worst first, as analytics.briefing_slides gives them (``level`` None: a
    deck frozen before slides said what their rows are)."""
    rows = [
        {
            "agency_code": f"P{i:02d}",
            "unit_code": f"P{i:02d}",
            "name": f"Tỉnh số {i}",
            "required": 200,
            "active": 100 + i,
            "fulfilment_pct": 50.0 + i,
            "shortfall": 100 - i,
            "status": "behind",
            "violations": 0,
            "violations_suppressed": False,
            "budget_vnd": 1e9,
            "spent_vnd": 5e8 + i * 1e7,
            "spent_pct": 50.0 + i,
            "cc_progress": 50.0 + i,
            "cc_status": "behind",
            "vc_progress": 60.0 + i,
            "vc_status": "behind",
        }
        for i in range(n)
    ]
    data: dict[str, Any] = {"finding": finding, "rows": rows, "totals": {"elapsed_pct": 100.0}}
    if level:
        data["level"] = level
    return sl.Slide(slide_id, "", "", "", "", "", data, "vi")


@pytest.mark.parametrize("slide_id", ["secondment", "training"])
def test_a_bar_slide_of_the_country_draws_its_lowest_twenty_each_named(slide_id: str) -> None:
    """34 provinces on one slide were bars of 7 px labels with every other one unnamed (Plotly leaves
    out category labels that would overlap): the slide draws the 20 lowest, says so under its axis,
    and names every bar in a size that fits it."""
    fig = _bar_slide(slide_id, 34, "province").chart(height=750)
    assert sorted(fig.data[0].y) == sorted(f"Tỉnh số {i}" for i in range(20))  # the rows come worst first
    assert fig.layout.xaxis.title.text.endswith("· 20 tỉnh, thành phố thấp nhất trong 34")
    assert (fig.layout.yaxis.tickmode, fig.layout.yaxis.dtick) == ("linear", 1)  # every category's label
    assert 14 <= fig.layout.yaxis.tickfont.size <= 26

    city = _bar_slide(slide_id, 15, "agency").chart(height=750)
    assert len(city.data[0].y) == 15 and "·" not in city.layout.xaxis.title.text
    assert city.layout.yaxis.tickfont.size > fig.layout.yaxis.tickfont.size
    frozen = _bar_slide(slide_id, 21, None).chart()  # a deck frozen before slides said: the agencies'
    assert frozen.layout.xaxis.title.text.endswith("· 20 cơ quan thấp nhất trong 21")


@pytest.mark.parametrize(
    ("level", "finding", "column", "more"),
    [
        ("province", "provinces_behind", "Tỉnh, thành phố", "… và 23 tỉnh, thành phố khác"),
        ("agency", "agencies_behind", "Cơ quan", "… và 23 cơ quan khác"),
        (None, "no_province_behind", "Tỉnh, thành phố", "… và 23 tỉnh, thành phố khác"),  # a frozen deck
    ],
)
def test_the_table_of_those_behind_names_its_rows_as_the_scope_has_them(
    level: str | None, finding: str, column: str, more: str
) -> None:
    table = _bar_slide("agencies", 34, level, finding).chart().data[0]
    assert table.header.values[0] == f"<b>{column}</b>"
    assert table.cells.values[0][-1] == more
