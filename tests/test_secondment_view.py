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
