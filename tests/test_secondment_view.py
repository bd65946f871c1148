"""The secondment page's agency pieces at national scale: agencies of one name in several provinces
stay apart, and the heat map keeps the busiest agencies with a note saying the rest are in the table."""

from __future__ import annotations

import pandas as pd

from ui.views import secondment as view


def test_agencies_of_one_name_are_told_apart_by_their_code() -> None:
    agencies = pd.DataFrame(
        {"agency_code": ["CT.SNV", "HNI.SNV", "CT.STP"], "name": ["Sở Nội vụ", "Sở Nội vụ", "Sở Tư pháp"]}
    )
    assert view.agency_labels(agencies) == {
        "CT.SNV": "Sở Nội vụ · CT.SNV",
        "HNI.SNV": "Sở Nội vụ · HNI.SNV",
        "CT.STP": "Sở Tư pháp",
    }


def test_at_the_country_level_agencies_of_one_name_are_told_apart_by_their_province() -> None:
    agencies = pd.DataFrame(
        {
            "agency_code": ["CT.SNV", "HNI.SNV", "CT.STP", "X.SNV", "HNI.BQL1", "HNI.BQL2"],
            "name": ["Sở Nội vụ", "Sở Nội vụ", "Sở Tư pháp", "Sở Nội vụ", "Ban quản lý", "Ban quản lý"],
        }
    )
    links = pd.DataFrame(
        {
            "unit_code": ["CT", "CT", "HNI", "HNI", "HNI", "HNI"],
            "unit_name": ["Cần Thơ", "Cần Thơ", "Hà Nội", "Hà Nội", "Hà Nội", "Hà Nội"],
            "agency_code": ["CT.SNV", "CT.STP", "HNI.SNV", "HNI.BQL1", "HNI.BQL2", "HNI.SNV"],
        }
    )
    assert view.agency_labels(agencies, links) == {
        "CT.SNV": "Sở Nội vụ · Cần Thơ",
        "HNI.SNV": "Sở Nội vụ · Hà Nội",
        "CT.STP": "Sở Tư pháp",
        "X.SNV": "Sở Nội vụ · X.SNV",  # in no province: its code
        "HNI.BQL1": "Ban quản lý · HNI.BQL1",  # two of one name in one province: their codes
        "HNI.BQL2": "Ban quản lý · HNI.BQL2",
    }
    assert view.agency_labels(agencies.head(3), links.head(0)) == view.agency_labels(agencies.head(3))


def test_the_heat_map_keeps_the_busiest_agencies_and_says_so() -> None:
    grid = pd.DataFrame(
        {
            "agency": ["A", "A", "B", "C", "C", "C"],
            "month_start": pd.to_datetime(["2025-09-01", "2025-10-01"] * 3),
            "active": [5, 5, 1, 2, 2, 2],
        }
    )
    kept, note = view.busiest(grid, "vi", most=2)
    assert sorted(kept["agency"].unique()) == ["A", "C"] and len(kept) == 5  # A 10, C 6 people-months; B 1
    assert note == "Biểu đồ hiện 2 cơ quan có nhiều người đang tăng cường nhất trong 3; bảng Số liệu có đủ."
    whole, none = view.busiest(grid, "en", most=3)  # no more agencies than that: every row, no note
    assert whole is grid and none == ""
    _, english = view.busiest(grid, "en", most=1)
    assert (
        english == "The chart shows the 1 agencies with the most people serving out of 3; the Data table has them all."
    )
