"""Shared by pages: cached data access, labels, formatting, Plotly figure builders."""
