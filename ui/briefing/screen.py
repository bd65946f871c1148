"""The size of the screen the briefing is shown on, so that its slide fits it whole.

The slide's figure is drawn in pixels (type, margins, height: ``ui.briefing.style`` sizes them for
1920×1080), and a browser does not tell the server how big its window is. A projector of 1366×768
or 1024×768, the most common in meeting rooms, then showed the figure's lower part and the footer
below the edge. This component (``st.components.v2``: a few lines of JavaScript in the page, no
iframe) reports the window's size when it is mounted and after each resize; the page draws the
figure at ``fit`` = min(width / 1920, height / 1080) of its 1920×1080 size, type included, as a
slide scales on any screen. Until the first report (the first run of a session) the fit is 1.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

KEY = "brief_screen"
_SEEN = "brief_screen_seen"  # the size the server last had, handed back to the component
WIDTH, HEIGHT = 1920, 1080
LOW, HIGH = 0.4, 3.0  # a window smaller than 768×432 scrolls; above 5760×3240 the type stops growing

# Sends {w, h} when they differ from what the server last had (``data``): a rerun per real change,
# never a loop; a resize is reported once it has settled for a quarter of a second.
_JS = """
export default function (component) {
  const { setStateValue, data } = component;
  const send = () => {
    const w = window.innerWidth, h = window.innerHeight;
    if (!data || data.w !== w || data.h !== h) setStateValue('size', { w: w, h: h });
  };
  send();
  let timer = null;
  const onResize = () => { clearTimeout(timer); timer = setTimeout(send, 250); };
  window.addEventListener('resize', onResize);
  return () => { clearTimeout(timer); window.removeEventListener('resize', onResize); };
}
"""

_component = st.components.v2.component("oversight_brief_screen", js=_JS)


def fit_of(size: Any) -> float | None:
    """min(width / 1920, height / 1080) of a reported ``{"w", "h"}``, two decimals, within LOW-HIGH;
    None for anything else."""
    try:
        w, h = float(size["w"]), float(size["h"])
    except (KeyError, TypeError, ValueError):
        return None
    if not (w > 0 and h > 0):
        return None
    return round(min(max(min(w / WIDTH, h / HEIGHT), LOW), HIGH), 2)


def fit() -> float | None:
    """The fit of this browser window (None until it has reported its size)."""
    result = _component(key=KEY, data=st.session_state.get(_SEEN), on_size_change=lambda: None)
    size = getattr(result, "size", None)
    st.session_state[_SEEN] = size
    return fit_of(size)
