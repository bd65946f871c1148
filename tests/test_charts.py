"""The house chart style: axis numbers written the language's way (10.000 in Vietnamese), never
with SI suffixes such as "20k"."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from ui import charts


@pytest.mark.parametrize(("lang", "separators"), [("vi", ",."), ("en", ".,")])
def test_axes_use_the_languages_separators_and_no_si_suffix(lang: str, separators: str) -> None:
    fig = charts.style(go.Figure(go.Bar(x=[500, 20_000, 47_829], y=["a", "b", "c"], orientation="h")), lang)
    assert fig.layout.separators == separators
    assert fig.layout.xaxis.exponentformat == "none" and fig.layout.yaxis.exponentformat == "none"


@pytest.mark.parametrize("position", ["top left", "bottom left", "top right", "bottom right", "top", "bottom"])
@pytest.mark.parametrize("axis", ["x", "y"])
def test_reference_line_draws_what_plotlys_add_line_draws(axis: str, position: str) -> None:
    """The fast reference line gives the very layout of add_hline/add_vline (shape, label, anchors)."""
    slow = go.Figure(go.Scatter(x=[0, 1], y=[0, 1]))
    adder = slow.add_hline if axis == "y" else slow.add_vline
    adder(
        0.5,
        annotation_text="Mức phải đạt",
        annotation_position=position,
        line_color="#123456",
        line_dash="dot",
        line_width=2,
    )
    fast = charts.reference_line(
        go.Figure(go.Scatter(x=[0, 1], y=[0, 1])),
        **{axis: 0.5},
        text="Mức phải đạt",
        position=position,
        colour="#123456",
        dash="dot",
    )
    assert fast.layout.to_plotly_json() == slow.layout.to_plotly_json()


@pytest.mark.parametrize("horizontal", [False, True])
def test_bars_per_year_have_one_tick_per_year_not_half_years(horizontal: bool) -> None:
    df = pd.DataFrame({"year": ["2023", "2024"], "units": [22, 27]})
    fig = charts.grouped_bars(df, x="year", series=(("units", "Đơn vị"),), lang="vi", horizontal=horizontal)
    axis = fig.layout.yaxis if horizontal else fig.layout.xaxis
    assert axis.type == "category"


def test_bars_of_units_of_one_name_stay_apart() -> None:
    """The country has a Sở Nội vụ in every province: each gets its own bar, named with its code,
    instead of all of them drawn on one another as one bar; unique names stay as they are."""
    df = pd.DataFrame(
        {"name": ["Sở Nội vụ", "Sở Nội vụ", "Sở Tư pháp"], "code": ["CT.SNV", "HNI.SNV", "CT.STP"], "n": [3, 5, 2]}
    )
    fig = charts.grouped_bars(df, x="name", code="code", series=(("n", "Số người"),), lang="vi", horizontal=True)
    assert list(fig.data[0].y) == ["Sở Nội vụ · CT.SNV", "Sở Nội vụ · HNI.SNV", "Sở Tư pháp · CT.STP"]
    assert list(fig.data[0].customdata) == ["CT.SNV", "HNI.SNV", "CT.STP"]
    one = charts.grouped_bars(df.iloc[1:], x="name", code="code", series=(("n", "Số người"),), lang="vi")
    assert list(one.data[0].x) == ["Sở Nội vụ", "Sở Tư pháp"]


def _bars(df: pd.DataFrame, pace: float) -> go.Figure:
    """Progress bars of df's "pct" per "unit", with the target and the pace and their labels."""
    return charts.progress_bars(
        df,
        label="unit",
        value="pct",
        code="unit",
        status="status",
        lang="vi",
        pace=pace,
        target_label="Kế hoạch",
        pace_label="Cần đạt theo thời gian",
    )


@pytest.mark.parametrize("pace", [40.0, 98.6, 100.0])
def test_progress_bars_label_the_target_and_the_pace_above_the_plot_on_either_side(pace: float) -> None:
    """A pace label under the plot sat on the axis's numbers (briefing of a province, pace 98,6 %):
    both labels are above it, the pace's ending at its line, the target's starting at its."""
    df = pd.DataFrame({"unit": ["a", "b"], "pct": [85.7, 236.5], "status": ["behind", "on_track"]})
    fig = _bars(df, pace=pace)
    labels = {a.text: a for a in fig.layout.annotations}
    target, paced = labels["Kế hoạch"], labels["Cần đạt theo thời gian"]
    assert (target.x, target.y, target.yref, target.yanchor, target.xanchor) == (100.0, 1, "y domain", "bottom", "left")
    assert (paced.x, paced.y, paced.yref, paced.yanchor, paced.xanchor) == (pace, 1, "y domain", "bottom", "right")


def _bar_labels(fig: go.Figure) -> dict[str, go.layout.Annotation]:
    return {a.y: a for a in fig.layout.annotations if a.name == charts.BAR_LABEL}


def test_progress_bar_labels_are_written_over_the_target_and_pace_lines() -> None:
    """A bar ending just before the pace and target lines had its label struck through by them
    (the lines are drawn over the bars' own text): each label is an annotation on a box of the
    background, drawn over the lines, just past its bar's end; no grid line runs through it."""
    df = pd.DataFrame(
        {
            "unit": ["short", "long", "shrank", "blank", "huge"],
            "pct": [85.7, 242.1, -40.0, None, 1_000.0],
            "status": ["behind", "on_track", "behind", None, "on_track"],
        }
    )
    fig = _bars(df, pace=98.6)
    labels = _bar_labels(fig)
    assert set(labels) == {"short", "long", "shrank", "blank", "huge"}
    assert not fig.data[0].text  # (the bars' own text would be drawn under the lines)
    short = labels["short"]
    assert (short.x, short.xref, short.yref, short.xanchor, short.bgcolor) == (85.7, "x", "y", "left", "white")
    assert short.text == "✖ 85.7" and short.xshift > 0
    assert (labels["shrank"].x, labels["shrank"].xanchor) == (-40.0, "right")  # left of a bar going left
    assert (labels["blank"].x, labels["blank"].xanchor) == (0.0, "left")
    low, high = fig.layout.xaxis.range
    assert (labels["huge"].x, labels["huge"].xanchor) == (high, "right")  # past the axis: inside its end
    assert fig.layout.yaxis.showgrid is False
    annotations = list(fig.layout.annotations)  # drawn after (over) the reference lines' labels too
    assert [a.text for a in annotations[:2]] == ["Kế hoạch", "Cần đạt theo thời gian"]


def test_bar_room_and_the_briefings_theme_move_and_colour_the_labels() -> None:
    from ui.briefing import style as brief_style

    df = pd.DataFrame({"unit": ["a", "b"], "pct": [50.0, 500.0], "status": ["behind", "on_track"]})
    fig = charts.progress_bars(df, label="unit", value="pct", code="unit", status="status", lang="vi")
    assert _bar_labels(fig)["b"].xanchor == "right"  # 500 is past this axis (to 400 · 1,15)
    brief_style.bar_room(fig, df["pct"])  # the briefing's axis has room for every bar
    assert (_bar_labels(fig)["b"].x, _bar_labels(fig)["b"].xanchor) == (500.0, "left")
    dark = brief_style.THEMES["dark"]
    brief_style.style_figure(fig, dark, 1.0, "vi", height=600)
    assert {a.bgcolor for a in _bar_labels(fig).values()} == {dark.bg}
