"""Quality page pieces: status icons and a table spec that fits whatever columns a check returns."""

from __future__ import annotations

import pandas as pd

from ui.labels import TEXT
from ui.tables import Spec

STATUS_ICON = {"pass": "✔", "warn": "▲", "fail": "✖"}
_CODED = {
    "category",
    "status",
    "gender",
    "former_province",
    "unit_type",
    "route",
    "programme",
    "reviewer",
    "receiving_unit_type",
    "table_name",
}


def rows_spec(df: pd.DataFrame) -> Spec:
    """Columns of a check's rows under their labels (col.<name> when one exists, else the column name)."""
    spec = []
    for column in df.columns:
        key = f"col.{column}" if f"col.{column}" in TEXT["vi"] else f"={column}"
        kind = "code" if column in _CODED else "date" if pd.api.types.is_datetime64_any_dtype(df[column]) else "text"
        spec.append((column, key, kind))
    return spec
