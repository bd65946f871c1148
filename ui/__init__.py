"""Shared by pages: cached data access, labels, formatting, Plotly figure builders.

``ui.format`` and ``ui.labels`` (with the ``ui/text_*`` modules) are also the command line's text
layer (``oversight``): they import no Streamlit or Plotly, which pyproject's import contracts check.
"""
