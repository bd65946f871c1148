"""Trình chiếu: the briefing deck for giao ban meetings (full screen with ?mode=briefing); see ui/briefing/page.py."""

from __future__ import annotations

from ui.briefing import page

page.show()
