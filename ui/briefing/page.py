"""The briefing page: one slide at a time, big type, keyboard and buttons, timers, downloads, snapshots.

URL parameters (all optional): ``slide=N`` (1-based; kept in the URL so a reload stays on it),
``lang=en``, ``theme=dark``, ``scale=0.7`` (the figure's size by hand: without it the figure fits
the window by itself, ``ui.briefing.screen``, as the page's text does), ``auto=30`` (advance every
30 s, for an unattended screen), ``refresh=300`` (re-read the data every 300 s; a new import shows
without losing the slide), ``snapshot=ID`` (brief from frozen figures), ``compare=ID`` (add a slide
comparing with another snapshot), ``as_of``, ``unit``. ``mode=briefing`` (app.py) hides every piece
of chrome.

Keys: → / Space / PageDown next, ← / PageUp back, 1-9 jump to a slide (Streamlit button shortcuts).
Privacy: the page shows the deck only (unit names and counts, small counts as "<5"), never a person.
"""

from __future__ import annotations

import time
from datetime import date
from typing import Any
from urllib.parse import urlencode

import streamlit as st

from analytics import audit, briefing
from analytics.access import effective_scope
from analytics.errors import OversightError
from ui import auth, data, errors
from ui.briefing import export, screen
from ui.briefing import slides as sl
from ui.labels import t
from ui.session import lang

KEY_SLIDE, KEY_MOVED = "brief_slide", "brief_moved_at"
CHART_HEIGHT_PX = 750  # at scale 1 (1920×1080), below the title and above the footer and buttons


def _int_param(name: str, default: int | None = None, *, low: int = 1, high: int = 86_400) -> int | None:
    raw = st.query_params.get(name)
    try:
        value = int(str(raw)) if raw not in (None, "") else default
    except ValueError:
        return default
    return None if value is None else min(max(value, low), high)


def _float_param(name: str, default: float, low: float, high: float) -> float:
    try:
        return min(max(float(st.query_params.get(name, default)), low), high)
    except ValueError:
        return default


def _as_of() -> date:
    raw = st.query_params.get("as_of")
    try:
        return date.fromisoformat(str(raw)) if raw else date.today()
    except ValueError:
        return date.today()


@st.cache_data(show_spinner=False, max_entries=64)
def _live_deck(path: str, version: str, scope: str | None, as_of: str) -> dict[str, Any]:
    return briefing.deck(data.connection(), scope=scope, as_of=date.fromisoformat(as_of))


@st.cache_data(show_spinner=False, max_entries=64)
def _snapshot_deck(path: str, snapshot_id: int) -> dict[str, Any]:  # frozen: never changes
    return briefing.load_snapshot(data.connection(), snapshot_id=snapshot_id)


def _scope(requested: str | None) -> str | None:
    """The signed-in account's scope for ``requested`` (access.effective_scope: refuses and audits
    a unit outside a unit-limited account's own)."""
    return effective_scope(data.connection(), st.session_state.get("user"), requested)


def _snapshot(snapshot_id: int) -> dict[str, Any]:
    deck = _snapshot_deck(data.db_path(), snapshot_id)
    _scope(deck["scope"])  # a frozen deck of another unit is refused like a live one
    return deck


def _deck(snapshot_id: int | None) -> dict[str, Any]:
    if snapshot_id is not None:
        return _snapshot(snapshot_id)
    return _live_deck(data.db_path(), data.version(), _scope(st.query_params.get("unit") or None), _as_of().isoformat())


def _css(theme: sl.Theme) -> str:
    return f"""<style>
[data-testid="stApp"], [data-testid="stMain"], [data-testid="stBottomBlockContainer"] {{ background: {theme.bg}; }}
[data-testid="stMain"] h1 {{ font-size: 2.4vw !important; line-height: 1.2 !important; font-weight: 700 !important;
  color: {theme.fg} !important; padding: 0 0 0.4vw 0 !important; }}
[data-testid="stMain"] h1 a {{ display: none !important; }}
.brief-topic {{ font-size: 1.45vw; color: {theme.muted}; text-transform: uppercase; letter-spacing: 0.04em; }}
.brief-foot {{ font-size: 1.15vw; color: {theme.muted}; line-height: 1.35; }}
.brief-page {{ font-size: 1.15vw; color: {theme.muted}; text-align: right; }}
[data-testid="stMain"] button p {{ font-size: max(1vw, 14px); }}
[class*="st-key-brief_goto_"] kbd {{ display: none; }}  /* the key of "3" is 3: its hint only repeats it */
.st-key-brief_space, .st-key-brief_pagedown, .st-key-brief_pageup, .st-key-{screen.KEY} {{ position: absolute;
  width: 1px; height: 1px; overflow: hidden; opacity: 0; }}
</style>"""


def _go(index: int) -> None:
    st.session_state[KEY_SLIDE] = index
    st.session_state[KEY_MOVED] = time.monotonic()


def _record_export(username: str, name: str, fmt: str, slides: int, deck: dict[str, Any]) -> None:
    audit.record(
        data.connection(),
        username=username,
        event="export",
        target=name,
        detail={
            "format": fmt,
            "slides": slides,
            "as_of": deck["as_of"],
            "snapshot": (deck.get("snapshot") or {}).get("id"),
            "page": "briefing",
        },
    )


def _downloads(slides: list[sl.Slide], index: int, deck: dict[str, Any], theme: str, L: str) -> None:
    if not export.available():
        st.caption(t("brief.export_unavailable", L))
        return
    user, stem = auth.current_username(), f"trinh-chieu-{deck['as_of']}"

    def pdf() -> bytes:
        out = export.deck_pdf(slides, theme=theme)
        _record_export(user, f"{stem}.pdf", "pdf", len(slides), deck)
        return out

    def pptx() -> bytes:
        out = export.deck_pptx(slides, theme=theme)
        _record_export(user, f"{stem}.pptx", "pptx", len(slides), deck)
        return out

    slide = slides[index]
    png_name = f"{sl.file_stem(slide, index + 1, deck['as_of'])}.png"

    def png() -> bytes:
        out = export.slide_png(slide, theme=theme)
        _record_export(user, png_name, "png", 1, deck)
        return out

    st.download_button(
        t("brief.download_pdf", L),
        pdf,
        file_name=f"{stem}.pdf",
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
        key="brief_pdf",
        on_click="ignore",
    )
    st.download_button(
        t("brief.download_pptx", L),
        pptx,
        file_name=f"{stem}.pptx",
        icon=":material/slideshow:",
        mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
        key="brief_pptx",
        on_click="ignore",
    )
    st.download_button(
        t("brief.download_png", L),
        png,
        file_name=png_name,
        mime="image/png",
        icon=":material/image:",
        key="brief_png",
        on_click="ignore",
    )


def _snapshots(L: str, snapshot_id: int | None, compare_id: int | None) -> None:
    con = data.connection()
    label = st.text_input(t("brief.snapshot_label", L), key="brief_snapshot_label", max_chars=briefing.MAX_LABEL_CHARS)
    if st.button(t("brief.take_snapshot", L), icon=":material/lock:", key="brief_take", disabled=not label.strip()):
        try:
            new_id = briefing.take_snapshot(
                con,
                scope=_scope(st.query_params.get("unit") or None),
                as_of=_as_of(),
                user=auth.current_username(),
                label=label,
            )
        except OversightError as exc:
            errors.show(exc, L)
        else:
            st.success(t("brief.snapshot_taken", L, id=new_id))
    snaps = briefing.list_snapshots(con)
    options: list[int | None] = [None, *[int(x) for x in snaps["snapshot_id"]]]
    names = {
        int(r["snapshot_id"]): t(
            "brief.snapshot_option",
            L,
            id=int(r["snapshot_id"]),
            label=r["label"],
            as_of=r["as_of"].strftime("%d/%m/%Y"),
        )
        for r in snaps.to_dict("records")
    }
    pick = st.selectbox(
        t("brief.snapshot_pick", L),
        options,
        key="brief_snapshot_pick",
        index=options.index(snapshot_id) if snapshot_id in options else 0,
        format_func=lambda x: t("brief.live", L) if x is None else names[x],
    )
    other = st.selectbox(
        t("brief.compare_pick", L),
        options,
        key="brief_compare_pick",
        index=options.index(compare_id) if compare_id in options else 0,
        format_func=lambda x: t("brief.none", L) if x is None else names[x],
    )
    if pick != snapshot_id or other != compare_id:
        for name, value in (("snapshot", pick), ("compare", other)):
            if value is None:
                st.query_params.pop(name, None)
            else:
                st.query_params[name] = str(value)
        st.query_params["slide"] = "1"
        st.session_state[KEY_SLIDE] = 0
        st.rerun()


def show() -> None:
    L = lang()
    theme_name = st.query_params.get("theme", "light")
    theme = sl.THEMES.get(str(theme_name), sl.THEMES["light"])
    st.html(_css(theme))
    # The figure fits the window by itself (``screen``); ``scale=`` in the URL sets it by hand instead.
    fit = screen.fit()
    scale = _float_param("scale", 1.0, 0.5, 3.0) if "scale" in st.query_params else (fit or 1.0)
    auto = _int_param("auto", None, low=2)
    refresh = _int_param("refresh", None, low=5)
    snapshot_id, compare_id = (
        _int_param("snapshot", None, low=1, high=2**62),
        _int_param("compare", None, low=1, high=2**62),
    )
    if KEY_SLIDE not in st.session_state:
        st.session_state[KEY_SLIDE] = (_int_param("slide", 1, high=99) or 1) - 1
        st.session_state[KEY_MOVED] = time.monotonic()
    timers = [x for x in (auto, refresh) if x]

    @st.fragment(run_every=min(timers) if timers else None)
    def deck_view() -> None:
        try:
            deck = _deck(snapshot_id)
            other = _snapshot(compare_id) if compare_id is not None else None
        except OversightError as exc:
            errors.show(exc, L)
            return
        if all(s["finding"] == "no_data" for s in deck["slides"]):
            st.title(t("brief.title", L))
            st.info(t("brief.empty", L), icon=":material/info:")
            return
        slides = sl.build(deck, L, compare_with=other)
        n = len(slides)
        index = int(st.session_state.get(KEY_SLIDE, 0)) % n
        now = time.monotonic()
        if auto and now - float(st.session_state.get(KEY_MOVED, now)) >= auto - 0.3:
            index = (index + 1) % n
            st.session_state[KEY_MOVED] = now
        st.session_state[KEY_SLIDE] = index
        st.query_params["slide"] = str(index + 1)
        slide = slides[index]
        st.markdown(f"<div class='brief-topic'>{slide.topic}</div>", unsafe_allow_html=True)
        st.title(slide.title, anchor=False)
        fig = slide.chart(theme=theme.name, scale=scale, height=int(CHART_HEIGHT_PX * scale))
        st.plotly_chart(fig, config={"displayModeBar": False}, key="brief_chart", theme=None, width="stretch")
        foot, page = st.columns([5, 1], vertical_alignment="bottom")
        line = " · ".join(x for x in (slide.as_of_line, slide.snapshot_line or t("brief.live_line", L)) if x)
        foot.markdown(f"<div class='brief-foot'>{line}<br>{slide.source_line}</div>", unsafe_allow_html=True)
        page.markdown(
            f"<div class='brief-page'>{t('brief.slide_of', L, n=index + 1, total=n)}</div>", unsafe_allow_html=True
        )
        # One row that lays the buttons out at their own widths (a flex row, not columns of fixed
        # shares): on a 1024-pixel projector columns cut "Trước" / "Tiếp" down to their first letter.
        nav = st.container(horizontal=True, vertical_alignment="center", gap="small", key="brief_nav")
        nav.button(
            t("brief.prev", L),
            icon=":material/arrow_back:",
            shortcut="Left",
            key="brief_prev",
            on_click=_go,
            args=((index - 1) % n,),
        )
        for i in range(n):
            nav.button(
                str(i + 1),
                key=f"brief_goto_{i + 1}",
                shortcut=str(i + 1) if i < 9 else None,
                type="primary" if i == index else "secondary",
                on_click=_go,
                args=(i,),
            )
        nav.button(
            t("brief.next", L),
            icon=":material/arrow_forward:",
            shortcut="Right",
            key="brief_next",
            on_click=_go,
            args=((index + 1) % n,),
        )
        nav.button("space", key="brief_space", shortcut="Space", on_click=_go, args=((index + 1) % n,))
        nav.button("pagedown", key="brief_pagedown", shortcut="PageDown", on_click=_go, args=((index + 1) % n,))
        nav.button("pageup", key="brief_pageup", shortcut="PageUp", on_click=_go, args=((index - 1) % n,))
        nav.space("stretch")
        with nav.popover(t("brief.menu", L), icon=":material/more_horiz:"):
            _downloads(slides, index, deck, theme.name, L)
            st.divider()
            _snapshots(L, snapshot_id, compare_id)
            st.caption(t("brief.keys_help", L))

    deck_view()
    if st.query_params.get("mode") != "briefing":
        params = {k: v for k, v in st.query_params.to_dict().items() if k != "mode"}
        st.markdown(f"[{t('brief.open_fullscreen', L)}](/?{urlencode({**params, 'mode': 'briefing'})})")
