"""The briefing deck (issue 6): slides from ``analytics.briefing`` data, and its PNG/PDF/PPTX export.

``oversight brief --out deck.pptx`` (``python -m analytics brief``) runs the exporter process
``oversight/cli/_deck.py`` over this package.
"""
