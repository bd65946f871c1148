"""The briefing deck (issue 6): slides from ``analytics.briefing`` data, and its PNG/PDF/PPTX export.

``python -m ui.briefing --out deck.pptx`` is the exporter process run by ``python -m analytics brief``.
"""
