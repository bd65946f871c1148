"""Briefing export on the demo city: the PPTX (python-pptx) and PDF (pypdf text) hold every slide title
with its diacritics, a slide PNG is 1920×1080, the CLI records an export audit row, and no name or
ID from the roster appears in the PPTX, the PDF or the briefing page (AppTest through app.py).

Needs Debian's Chromium for kaleido; skipped with that reason when it is missing. About a minute:
one exporter process (CLI → PPTX) and one in-process export browser (PDF, PNG).
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from analytics import audit, briefing, db
from tests.conftest import sign_in
from ui.briefing import export
from ui.briefing import slides as sl
from ui.nav import ROOT

pytestmark = pytest.mark.skipif(
    not Path("/usr/bin/chromium").exists(), reason="export needs Debian's chromium (/usr/bin/chromium) for kaleido"
)

AS_OF = "2026-09-30"


def _norm(text: str) -> str:
    """NFC, one space for any run of whitespace (titles wrap onto two lines in the PDF)."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text).replace("\u00a0", " ")).strip()


@pytest.fixture(scope="module")
def copy(demo_db_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("brief_export") / "demo.duckdb"
    shutil.copy(demo_db_path, path)
    return path


@pytest.fixture(scope="module")
def titles(copy: Path) -> list[str]:
    con = db.connect(copy)
    try:
        deck = briefing.deck(con, as_of=date.fromisoformat(AS_OF))
    finally:
        con.close()
    return [s.title for s in sl.build(deck, "vi")]


@pytest.fixture(scope="module")
def files(copy: Path, titles: list[str]) -> Iterator[dict[str, Any]]:
    out = copy.parent
    pptx = out / "deck.pptx"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "analytics",
            "brief",
            "--db",
            str(copy),
            "--as-of",
            AS_OF,
            "--out",
            str(pptx),
            "--user",
            "kiemthu",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    con = db.connect(copy)
    try:
        deck = briefing.deck(con, as_of=date.fromisoformat(AS_OF))
    finally:
        con.close()
    slides = sl.build(deck, "vi")
    try:
        pdf = export.deck_pdf(slides)
        png = export.slide_png(slides[0])
    finally:
        export.stop()
    yield {"pptx": pptx, "pdf": pdf, "png": png, "cli_out": run.stdout}


@pytest.fixture(scope="module")
def roster(demo_db_path: Path) -> tuple[set[str], set[str]]:
    con = duckdb.connect(str(demo_db_path), read_only=True)
    try:
        rows = con.execute("SELECT DISTINCT full_name, person_id FROM person").fetchall()
    finally:
        con.close()
    names, ids = {unicodedata.normalize("NFC", n) for n, _ in rows if n}, {p for _, p in rows if p}
    assert len(names) > 1000 and len(ids) > 1000  # a real roster to look for
    return names, ids


def _pptx_texts(path: Path) -> list[str]:
    from pptx import Presentation

    prs = Presentation(str(path))
    return [
        _norm(" ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)) for slide in prs.slides
    ]


def _pdf_texts(data: bytes) -> list[str]:
    from pypdf import PdfReader

    return [_norm(page.extract_text()) for page in PdfReader(io.BytesIO(data)).pages]


def _assert_no_person(text: str, roster: tuple[set[str], set[str]]) -> None:
    names, ids = roster
    text = unicodedata.normalize("NFC", text)
    found = [n for n in names if n in text] + [p for p in ids if p in text]
    assert found == [], found[:5]


# Slides with a scope and date of their own (the reorganisation figures are the report's).
_AS_OF_LINES = {"reorganisation": "Thành phố Cần Thơ (cũ) · số liệu đến ngày 30/06/2024"}


def test_pptx_has_one_slide_per_deck_slide_with_its_title(files: dict[str, Any], titles: list[str]) -> None:
    texts = _pptx_texts(files["pptx"])
    assert len(texts) == len(titles) == len(briefing.SLIDES)
    for slide_id, title, text in zip(briefing.SLIDES, titles, texts, strict=True):
        assert _norm(title) in text
        assert _AS_OF_LINES.get(slide_id, "Số liệu đến ngày 30/09/2026") in text and "Nguồn:" in text


def test_pdf_has_one_page_per_slide_with_its_title(files: dict[str, Any], titles: list[str]) -> None:
    texts = _pdf_texts(files["pdf"])
    assert len(texts) == len(titles)
    for slide_id, title, text in zip(briefing.SLIDES, titles, texts, strict=True):
        assert _norm(title) in text, (title, text[:300])
        assert _AS_OF_LINES.get(slide_id, "Số liệu đến ngày 30/09/2026") in text


def test_titles_carry_vietnamese_diacritics(titles: list[str]) -> None:
    assert titles[0].startswith("Còn ") and "biên chế" in titles[0]
    assert any("cơ quan" in x for x in titles)


def test_slide_png_is_full_hd(files: dict[str, Any]) -> None:
    from PIL import Image

    image = Image.open(io.BytesIO(files["png"]))
    assert image.format == "PNG" and image.size == (1920, 1080)


def test_cli_records_the_export(files: dict[str, Any], copy: Path) -> None:
    assert "deck.pptx" in files["cli_out"]
    con = db.connect(copy)
    try:
        events = audit.audit_events(con)
    finally:
        con.close()
    rows = events[(events["event"] == "export") & (events["target"] == "deck.pptx")]
    assert len(rows) == 1 and rows["username"].iloc[0] == "kiemthu"


def test_no_person_name_or_id_in_the_exports(files: dict[str, Any], roster: tuple[set[str], set[str]]) -> None:
    _assert_no_person(" ".join(_pptx_texts(files["pptx"])), roster)
    _assert_no_person(" ".join(_pdf_texts(files["pdf"])), roster)


def _page_text(at: AppTest) -> str:
    parts = [x.value for x in at.title] + [x.value for x in at.markdown] + [x.value for x in at.caption]
    parts += [str(c.proto.spec) for c in at.get("plotly_chart")]
    return "\n".join(str(p) for p in parts)


def test_no_person_name_or_id_on_the_briefing_page(
    demo_db_path: Path, monkeypatch: pytest.MonkeyPatch, roster: tuple[set[str], set[str]], titles: list[str]
) -> None:
    monkeypatch.setenv("OVERSIGHT_DB", str(demo_db_path))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    sign_in(at, "viewer")
    at.query_params["mode"] = "briefing"
    at.query_params["as_of"] = AS_OF
    at.switch_page("pages/briefing.py")
    at.run()
    seen = []
    for _ in titles:
        assert not at.exception, [e.message for e in at.exception]
        seen.append(at.title[0].value)
        _assert_no_person(_page_text(at), roster)
        at.button(key="brief_next").click().run()
    assert seen == titles


def test_snapshot_taken_on_the_page_is_briefed_and_compared(
    copy: Path, monkeypatch: pytest.MonkeyPatch, titles: list[str]
) -> None:
    monkeypatch.setenv("OVERSIGHT_DB", str(copy))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    sign_in(at, "viewer")
    for key, value in {"mode": "briefing", "as_of": AS_OF}.items():
        at.query_params[key] = value
    at.switch_page("pages/briefing.py")
    at.run()
    at.text_input(key="brief_snapshot_label").input("Giao ban tháng 9").run()
    at.button(key="brief_take").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.success and "?snapshot=" in at.success[0].value
    con = db.connect(copy)
    try:
        snaps = briefing.list_snapshots(con)
    finally:
        con.close()
    sid = int(snaps.loc[snaps["label"] == "Giao ban tháng 9", "snapshot_id"].iloc[0])

    frozen = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    sign_in(frozen, "viewer")
    for key, value in {"mode": "briefing", "snapshot": str(sid), "compare": str(sid), "slide": "9"}.items():
        frozen.query_params[key] = value
    frozen.switch_page("pages/briefing.py")
    frozen.run()
    assert not frozen.exception, [e.message for e in frozen.exception]
    assert "Giao ban tháng 9" in frozen.title[0].value  # the comparison slide, after the eight
    assert any("Giao ban tháng 9" in m.value for m in frozen.markdown)  # "Chốt số liệu «…»" on every slide


@pytest.mark.parametrize("bars", [3, 15, 34, 40])
def test_bar_labels_of_many_bars_do_not_overlap_on_a_slide(bars: int) -> None:
    """Plotly shrank a bar's own text to fit its bar; an annotation keeps its size. The labels of
    up to 40 bars (a slide draws at most MAX_BARS; a figure styled for a slide may hold more) are
    sized to their bars' room: drawn by Chromium, no label's box runs into the next one, none is
    smaller than 7 px, and every bar has its name beside it."""
    import pandas as pd

    from ui import charts
    from ui.briefing import style as brief_style
    from ui.briefing.page import CHART_HEIGHT_PX

    df = pd.DataFrame(
        {
            "unit": [f"Tỉnh số {i}" for i in range(bars)],
            "pct": [80 + i * 40 / bars for i in range(bars)],
            "status": ["at_risk"] * bars,
        }
    )
    fig = charts.progress_bars(
        df, label="unit", value="pct", code="unit", status="status", lang="vi", target_label="Đủ 100 %"
    )
    fig = brief_style.style_figure(
        brief_style.bar_room(fig, df["pct"]), brief_style.THEMES["dark"], 1.0, "vi", height=CHART_HEIGHT_PX
    )
    svg = export.render(fig, fmt="svg", width=brief_style.WIDTH, height=CHART_HEIGHT_PX).decode()
    names = [a.name for a in fig.layout.annotations]
    boxes = []  # (top, bottom, font px) of each bar label as drawn
    for m in re.finditer(
        r'<g class="annotation" data-index="(\d+)".*?translate\(([\d.]+),([\d.-]+)\)"><rect class="bg"'
        r'[^>]*?height="([\d.]+)".*?font-size: ([\d.]+)px',
        svg,
    ):
        if names[int(m.group(1))] == charts.BAR_LABEL:
            top = float(m.group(3))
            boxes.append((top, top + float(m.group(4)), float(m.group(5))))
    assert len(boxes) == bars
    boxes.sort()
    assert all(a[1] <= b[0] + 0.5 for a, b in zip(boxes, boxes[1:], strict=False)), boxes
    assert min(b[2] for b in boxes) >= 7
    # Every bar named (Plotly left out every other province's name), no name running into the next.
    ticks = sorted(  # (middle, font px, name) of each category label as drawn
        (float(m.group(1)), float(m.group(2)), m.group(3))
        for m in re.finditer(
            r'<g class="ytick"><text[^>]*?translate\([\d.]+,([\d.-]+)\)" style="[^"]*?font-size: ([\d.]+)px[^>]*>'
            r"([^<]*)</text>",
            svg,
        )
    )
    assert sorted(name for _, _, name in ticks) == sorted(df["unit"])
    assert all(b[0] - a[0] >= 1.2 * a[1] for a, b in zip(ticks, ticks[1:], strict=False)), ticks
