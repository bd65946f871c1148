"""Static export of the briefing deck: each slide as a 1920×1080 PNG, the deck as PDF and PPTX.

Images come from kaleido 1.x driving Debian's Chromium (``/usr/bin/chromium``; fonts-noto-core
gives the Vietnamese glyphs). ONE export browser is started on first use and kept alive between
exports (``kaleido.start_sync_server``), closed when the process exits; MathJax is off (no CDN).

* PNG: ``slide_png`` — the framed slide (topic, title sentence, chart, as-of line, sources).
* PDF: one page per slide, each a vector PDF printed by Chromium (its text can be searched and
  extracted), joined with pypdf.
* PPTX: one 16:9 slide per deck slide: the title sentence, as-of line and sources as editable text
  boxes (Noto Sans), the chart as a high-resolution image.
"""

from __future__ import annotations

import atexit
import io
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import plotly.graph_objects as go

from ui.briefing import slides as sl

CHROMIUM = Path("/usr/bin/chromium")
PPTX_FONT = "Noto Sans"
_lock = threading.Lock()
_started = False


def available() -> bool:
    """Whether static images can be made here (a Chromium for kaleido)."""
    path = os.environ.get("BROWSER_PATH")
    return bool(path and Path(path).exists()) or CHROMIUM.exists()


def _ensure_browser() -> None:
    """Start the one export browser of this process (idempotent)."""
    global _started
    if _started:
        return
    import kaleido

    if "BROWSER_PATH" not in os.environ and CHROMIUM.exists():
        os.environ["BROWSER_PATH"] = str(CHROMIUM)
    kaleido.start_sync_server(n=1, timeout=120, mathjax=False, silence_warnings=True)
    _started = True
    atexit.register(stop)


def stop() -> None:
    """Close the export browser (at exit; tests)."""
    global _started
    if _started:
        import kaleido

        kaleido.stop_sync_server(silence_warnings=True)
        _started = False


def render(fig: go.Figure, *, fmt: str, width: int, height: int, scale: float = 1.0) -> bytes:
    """One figure to PNG or PDF bytes through the shared browser."""
    import kaleido

    with _lock:  # one browser, one request at a time (Streamlit sessions run in threads)
        _ensure_browser()
        out = kaleido.calc_fig_sync(
            fig.to_dict(), opts={"format": fmt, "width": width, "height": height, "scale": scale}
        )
    return bytes(out)


def slide_png(slide: sl.Slide, *, theme: str = "light", width: int = sl.WIDTH, height: int = sl.HEIGHT) -> bytes:
    """The whole slide as a PNG of width × height pixels."""
    return render(sl.framed(slide, theme=theme, width=width, height=height), fmt="png", width=width, height=height)


def deck_pdf(slides: Sequence[sl.Slide], *, theme: str = "light") -> bytes:
    """One PDF page per slide (vector, text extractable)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for slide in slides:
        page = render(sl.framed(slide, theme=theme), fmt="pdf", width=sl.WIDTH, height=sl.HEIGHT)
        for p in PdfReader(io.BytesIO(page)).pages:
            writer.add_page(p)
    writer.add_metadata({"/Title": slides[0].title if slides else "", "/Producer": "oversight briefing"})
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def _hex(colour: str) -> Any:
    from pptx.dml.color import RGBColor

    return RGBColor.from_string(colour.lstrip("#").upper())


def _text_box(
    slide: Any,
    text: str,
    *,
    left: float,
    top: float,
    width: float,
    height: float,
    size: int,
    colour: str,
    bold: bool = False,
) -> None:
    from pptx.util import Emu, Pt

    box = slide.shapes.add_textbox(Emu(int(left)), Emu(int(top)), Emu(int(width)), Emu(int(height)))
    frame = box.text_frame
    frame.word_wrap = True
    for i, line in enumerate(text.split("\n")):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = para.add_run()
        run.text = line
        run.font.size, run.font.bold, run.font.name = Pt(size), bold, PPTX_FONT
        run.font.color.rgb = _hex(colour)


def deck_pptx(slides: Sequence[sl.Slide], *, theme: str = "light") -> bytes:
    """One 16:9 slide per deck slide: editable title, chart image, as-of line and sources."""
    from pptx import Presentation
    from pptx.util import Emu

    th = sl.THEMES.get(theme, sl.THEMES["light"])
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(12192000), Emu(6858000)  # 13.333 × 7.5 in
    emu_per_px = 12192000 / sl.WIDTH
    chart_w, chart_h = sl.WIDTH - 120, 760
    for slide in slides:
        page = prs.slides.add_slide(prs.slide_layouts[6])  # blank
        page.background.fill.solid()
        page.background.fill.fore_color.rgb = _hex(th.bg)
        _text_box(
            page,
            slide.topic.upper(),
            left=60 * emu_per_px,
            top=24 * emu_per_px,
            width=1800 * emu_per_px,
            height=40 * emu_per_px,
            size=14,
            colour=th.muted,
        )
        _text_box(
            page,
            slide.title,
            left=60 * emu_per_px,
            top=64 * emu_per_px,
            width=1800 * emu_per_px,
            height=150 * emu_per_px,
            size=26,
            colour=th.fg,
            bold=True,
        )
        png = render(
            slide.chart(theme=theme, scale=1.0, height=chart_h), fmt="png", width=chart_w, height=chart_h, scale=2
        )
        page.shapes.add_picture(
            io.BytesIO(png),
            Emu(int(60 * emu_per_px)),
            Emu(int(210 * emu_per_px)),
            Emu(int(chart_w * emu_per_px)),
            Emu(int(chart_h * emu_per_px)),
        )
        foot = " · ".join(x for x in (slide.as_of_line, slide.snapshot_line) if x)
        _text_box(
            page,
            f"{foot}\n{slide.source_line}",
            left=60 * emu_per_px,
            top=985 * emu_per_px,
            width=1800 * emu_per_px,
            height=80 * emu_per_px,
            size=12,
            colour=th.muted,
        )
        page.notes_slide.notes_text_frame.text = slide.title
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


def export(slides: Sequence[sl.Slide], path: Path, *, theme: str = "light") -> Path:
    """Write the deck to ``path``: .pdf, .pptx, or .png (a folder of one PNG per slide next to it)."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        path.write_bytes(deck_pdf(slides, theme=theme))
    elif suffix == ".pptx":
        path.write_bytes(deck_pptx(slides, theme=theme))
    elif suffix == ".png":
        stem = path.with_suffix("")
        for i, slide in enumerate(slides, start=1):
            path.with_name(f"{stem.name}-{i:02d}.png").write_bytes(slide_png(slide, theme=theme))
    else:
        raise ValueError(f"unknown export format: {path.suffix}")
    return path
