"""The house chart style: axis numbers written the language's way (10.000 in Vietnamese), never
with SI suffixes such as "20k"."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from ui import charts


@pytest.mark.parametrize(("lang", "separators"), [("vi", ",."), ("en", ".,")])
def test_axes_use_the_languages_separators_and_no_si_suffix(lang: str, separators: str) -> None:
    fig = charts.style(go.Figure(go.Bar(x=[500, 20_000, 47_829], y=["a", "b", "c"], orientation="h")), lang)
    assert fig.layout.separators == separators
    assert fig.layout.xaxis.exponentformat == "none" and fig.layout.yaxis.exponentformat == "none"
